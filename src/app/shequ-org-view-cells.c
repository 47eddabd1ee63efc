/* shequ-org-view-cells.c — the tree's columns: factories, cell binding, accessible labels */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-view"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-org-name-cell.h"
#include "shequ-org-view-private.h"

/* Width allows, from the first to go: the key columns (name, population,
 * compliance) stay down to the narrowest window. */
static const Column optional_columns[] = {
  COLUMN_LEADER, COLUMN_GRIDS, COLUMN_HOUSEHOLDS, COLUMN_TIER, COLUMN_PARTY_BODY,
};

static const struct {
  const char *id;
  const char *title;
  const char *property;
  gboolean    numeric;
  int         width;
} column_info[N_COLUMNS] = {
  [COLUMN_NAME]       = { "name",       NC_("column", "Name"),       "name",             FALSE, 200 },
  [COLUMN_TIER]       = { "tier",       NC_("column", "Tier"),       "tier-label",       FALSE, 100 },
  [COLUMN_PARTY_BODY] = { "party-body", NC_("column", "Party Body"), "party-body",       FALSE, 190 },
  [COLUMN_LEADER]     = { "leader",     NC_("column", "Leader"),     "leader",           FALSE, 76 },
  [COLUMN_POPULATION] = { "population", NC_("column", "Population"), "total-population", TRUE,  92 },
  [COLUMN_HOUSEHOLDS] = { "households", NC_("column", "Households"), "total-households", TRUE,  100 },
  [COLUMN_GRIDS]      = { "grids",      NC_("column", "Grids"),      "grid-count",       TRUE,  56 },
  [COLUMN_COMPLIANCE] = { "compliance", NC_("column", "Compliance"), "compliance-text",  FALSE, 130 },
};

/* ------------------------------------------------------------------ cells */

/* What a bound cell shows, kept in self->cells by the cell's widget (the list item's
 * child: the GtkTreeExpander in the name column, a label in the others). */
typedef struct
{
  ShequOrgView   *view;
  GtkWidget      *widget;
  Column          column;
  ShequUnit      *unit;
  GBinding       *binding;
  gulong          handlers[3];
  GtkTreeListRow *row;
  gulong          row_handler;
} CellBinding;

void
_shequ_org_view_cell_free (gpointer data)
{
  CellBinding *cb = data;

  if (cb->binding != NULL)
    g_binding_unbind (cb->binding);
  for (guint i = 0; i < G_N_ELEMENTS (cb->handlers); i++)
    g_clear_signal_handler (&cb->handlers[i], cb->unit);
  if (cb->row != NULL)
    g_clear_signal_handler (&cb->row_handler, cb->row);
  g_clear_object (&cb->row);
  g_clear_object (&cb->unit);
  g_free (cb);
}

static guint
unit_get_level (ShequUnit *unit)
{
  guint level = 0;

  for (ShequUnit *u = unit; u != NULL; u = shequ_unit_get_parent (u))
    level++;
  return level;
}

/* The content of a name cell (the column's GtkTreeExpander). */
static ShequOrgNameCell *
get_name_cell (GtkWidget *cell)
{
  GtkWidget *child = GTK_IS_TREE_EXPANDER (cell)
                     ? gtk_tree_expander_get_child (GTK_TREE_EXPANDER (cell)) : NULL;

  return SHEQU_IS_ORG_NAME_CELL (child) ? SHEQU_ORG_NAME_CELL (child) : NULL;
}

ShequUnit *
_shequ_org_view_cell_get_unit (GtkWidget *cell)
{
  ShequOrgNameCell *name_cell = get_name_cell (cell);

  return name_cell != NULL ? shequ_org_name_cell_get_unit (name_cell) : NULL;
}

GtkLabel *
_shequ_org_view_cell_get_label (GtkWidget *cell)
{
  ShequOrgNameCell *name_cell = get_name_cell (cell);

  if (name_cell != NULL)
    return shequ_org_name_cell_get_label (name_cell);
  return GTK_IS_LABEL (cell) ? GTK_LABEL (cell) : NULL;
}

/* What a screen reader says for a row: the unit's name, tier and level. The row
 * widget is GTK's own (GtkListItemWidget): without this every row is announced by
 * that type name. The name cell (the expander, focusable too) says the same. */
static void
update_row_accessible (GtkWidget *cell)
{
  ShequUnit *unit = _shequ_org_view_cell_get_unit (cell);
  GtkTreeListRow *row = GTK_IS_TREE_EXPANDER (cell)
                        ? gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (cell)) : NULL;
  GtkWidget *row_widget = shequ_cell_get_row_widget (cell);
  g_autofree char *label = NULL;
  guint level;

  if (unit == NULL)
    return;
  level = unit_get_level (unit);
  /* Translators: how a screen reader announces a row of the organisation tree:
   * unit name, tier, level in the tree ("平邑街道, Street, level 1") */
  label = g_strdup_printf (_("%s, %s, level %u"), shequ_unit_get_name (unit),
                           shequ_tier_get_label (shequ_unit_get_tier (unit)), level);

  gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) level,
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if (row_widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) level,
                                    -1);

  /* GtkTreeExpander's own arrow is exposed as a button that always says "Expand", with no
   * action; the cell itself carries the expanded state and the expand/collapse actions,
   * so the arrow is hidden from assistive technologies rather than misleading them. */
  for (GtkWidget *child = gtk_widget_get_first_child (cell);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "expander") == 0)
      gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    {
      gboolean expanded = gtk_tree_list_row_get_expanded (row);

      gtk_accessible_update_state (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_STATE_EXPANDED,
                                   expanded, -1);
      if (row_widget != NULL)
        gtk_accessible_update_state (GTK_ACCESSIBLE (row_widget),
                                     GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
    }
  else
    {
      gtk_accessible_reset_state (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_STATE_EXPANDED);
      if (row_widget != NULL)
        gtk_accessible_reset_state (GTK_ACCESSIBLE (row_widget), GTK_ACCESSIBLE_STATE_EXPANDED);
    }
}

static void
on_row_expanded_changed (GtkTreeListRow *row,
                         GParamSpec     *pspec,
                         GtkWidget      *cell)
{
  update_row_accessible (cell);
}

static gboolean
transform_count (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  GValue as_int64 = G_VALUE_INIT;
  ShequUnit *unit = SHEQU_UNIT (g_binding_dup_source (binding));
  gint64 value;

  g_value_init (&as_int64, G_TYPE_INT64);
  g_value_transform (from, &as_int64);
  value = g_value_get_int64 (&as_int64);

  /* Grids and villages (the base grids) do not count themselves. */
  if (GPOINTER_TO_INT (user_data) == COLUMN_GRIDS &&
      (shequ_unit_get_tier (unit) == SHEQU_TIER_GRID ||
       shequ_unit_get_tier (unit) == SHEQU_TIER_VILLAGE))
    g_value_set_string (to, "");
  else
    g_value_take_string (to, shequ_format_count (value));

  g_object_unref (unit);
  return TRUE;
}

static void
update_compliance_cell (ShequUnit *unit,
                        GParamSpec *pspec,
                        GtkLabel  *label)
{
  GtkWidget *widget = GTK_WIDGET (label);

  if (!shequ_unit_is_checked (unit))
    {
      gtk_label_set_text (label, "");
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_remove_css_class (widget, "success");
    }
  else if (shequ_unit_get_compliant (unit))
    {
      g_autofree char *text = g_strdup_printf ("✓ %s", _("Complies"));

      gtk_label_set_text (label, text);
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_add_css_class (widget, "success");
    }
  else
    {
      gtk_label_set_text (label, shequ_unit_get_compliance_text (unit));
      gtk_widget_remove_css_class (widget, "success");
      gtk_widget_add_css_class (widget, "error");
    }
}

/* Asked only when hovered: gtk_widget_set_tooltip_text() at every bind would ask the
 * display server where the pointer is, a round trip per row. */
static gboolean
on_compliance_query_tooltip (GtkWidget    *widget,
                             int           x,
                             int           y,
                             gboolean      keyboard,
                             GtkTooltip   *tooltip,
                             ShequOrgView *self)
{
  CellBinding *cb = g_hash_table_lookup (self->cells, widget);
  ShequUnit *unit = cb != NULL ? cb->unit : NULL;

  if (unit == NULL || !shequ_unit_is_checked (unit))
    return FALSE;
  if (shequ_unit_get_compliant (unit))
    shequ_tooltip_set_line (tooltip, _("Enough mediators and a legal adviser"));
  else
    shequ_tooltip_set_line (tooltip, shequ_unit_get_compliance_text (unit));
  return TRUE;
}

/* The hint after the name while searching: the code or the person that matched. */
static char *
find_match_hint (ShequOrgView *self,
                 ShequUnit    *unit)
{
  GListModel *posts;
  guint n, start, end;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (shequ_org_match_range (shequ_unit_get_name (unit), self->search_text, &start, &end))
    return NULL;
  if (shequ_org_match_range (shequ_unit_get_code (unit), self->search_text, &start, &end))
    return g_strdup (shequ_unit_get_code (unit));

  posts = shequ_org_store_get_unit_posts (self->store, unit);
  n = posts != NULL ? g_list_model_get_n_items (posts) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequPost) post = g_list_model_get_item (posts, i);
      ShequPerson *person = shequ_post_get_person (post);
      const char *name = person != NULL ? shequ_person_get_name (person) : NULL;

      if (name != NULL && shequ_org_match_range (name, self->search_text, &start, &end))
        return g_strdup (name);
    }
  return NULL;
}

static void
update_name_cell (ShequOrgView *self,
                  GtkWidget    *cell)
{
  ShequOrgNameCell *name_cell = get_name_cell (cell);
  ShequUnit *unit = _shequ_org_view_cell_get_unit (cell);
  g_autofree char *hint = NULL;
  const char *search = _shequ_org_view_is_searching (self) ? self->search_text : NULL;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (unit == NULL)
    return;

  if (search != NULL && shequ_org_store_get_search_state (self->store, unit) == SHEQU_SEARCH_MATCH)
    hint = find_match_hint (self, unit);
  shequ_org_name_cell_update (name_cell, search, hint);
  update_row_accessible (cell);
}

static void
on_unit_name_changed (ShequUnit   *unit,
                      GParamSpec  *pspec,
                      CellBinding *cb)
{
  update_name_cell (cb->view, cb->widget);
}

void
_shequ_org_view_refresh_name_cells (ShequOrgView *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((CellBinding *) value)->column == COLUMN_NAME)
      update_name_cell (self, key);
}


static void
setup_name_cell (ShequOrgView *self,
                 GtkListItem  *list_item)
{
  GtkWidget *expander;
  GtkDragSource *source;
  GtkDropTarget *target;
  GtkGesture *click;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  expander = gtk_tree_expander_new ();
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), shequ_org_name_cell_new ());
  /* A new row is bound before it is put in the list: its label goes on when shown. */
  g_signal_connect (expander, "map", G_CALLBACK (update_row_accessible), NULL);

  /* GTK 4.8 has no row widget to hang these on: they go on the name cell. */
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (_shequ_org_view_on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (_shequ_org_view_on_drag_begin), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (_shequ_org_view_on_drag_end), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (SHEQU_TYPE_UNIT, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (_shequ_org_view_on_drop_enter), self);
  g_signal_connect (target, "motion", G_CALLBACK (_shequ_org_view_on_drop_motion), self);
  g_signal_connect (target, "leave", G_CALLBACK (_shequ_org_view_on_drop_leave), self);
  g_signal_connect (target, "drop", G_CALLBACK (_shequ_org_view_on_drop), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (_shequ_org_view_on_cell_pressed), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (click));

  gtk_list_item_set_child (list_item, expander);
}

/* The column whose cells FACTORY makes. */
static Column
column_of_factory (ShequOrgView       *self,
                   GtkListItemFactory *factory)
{
  g_assert (SHEQU_IS_ORG_VIEW (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    if (gtk_column_view_column_get_factory (self->columns[i]) == factory)
      return i;
  g_assert_not_reached ();
}

static void
on_factory_setup (GtkListItemFactory *factory,
                  GtkListItem        *list_item,
                  ShequOrgView       *self)
{
  Column column = column_of_factory (self, factory);
  GtkWidget *label;

  if (column == COLUMN_NAME)
    {
      setup_name_cell (self, list_item);
      return;
    }

  label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column_info[column].numeric)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == COLUMN_TIER || column == COLUMN_PARTY_BODY)
    gtk_widget_add_css_class (label, "dim-label");
  if (column == COLUMN_COMPLIANCE)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_compliance_query_tooltip), self);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
on_factory_bind (GtkListItemFactory *factory,
                 GtkListItem        *list_item,
                 ShequOrgView       *self)
{
  Column column = column_of_factory (self, factory);
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  ShequUnit *unit = _shequ_org_view_row_get_unit (row);
  CellBinding *cb;

  if (unit == NULL)
    return;

  cb = g_new0 (CellBinding, 1);
  cb->view = self;
  cb->widget = cell;
  cb->column = column;
  cb->unit = g_object_ref (unit);

  switch (column)
    {
    case COLUMN_NAME:
      shequ_org_name_cell_set_unit (get_name_cell (cell), unit);
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (cell), row);
      update_name_cell (self, cell);
      cb->handlers[0] = g_signal_connect (unit, "notify::name",
                                          G_CALLBACK (on_unit_name_changed), cb);
      cb->row = g_object_ref (row);
      cb->row_handler = g_signal_connect (row, "notify::expanded",
                                          G_CALLBACK (on_row_expanded_changed), cell);
      break;

    case COLUMN_COMPLIANCE:
      update_compliance_cell (unit, NULL, GTK_LABEL (cell));
      cb->handlers[0] = g_signal_connect (unit, "notify::compliance-text",
                                          G_CALLBACK (update_compliance_cell), cell);
      cb->handlers[1] = g_signal_connect (unit, "notify::compliant",
                                          G_CALLBACK (update_compliance_cell), cell);
      break;

    case COLUMN_POPULATION:
    case COLUMN_HOUSEHOLDS:
    case COLUMN_GRIDS:
      cb->binding = g_object_bind_property_full (unit, column_info[column].property,
                                                 cell, "label",
                                                 G_BINDING_SYNC_CREATE,
                                                 transform_count, NULL,
                                                 GINT_TO_POINTER (column), NULL);
      break;

    case COLUMN_TIER:
    case COLUMN_PARTY_BODY:
    case COLUMN_LEADER:
      cb->binding = g_object_bind_property (unit, column_info[column].property,
                                            cell, "label", G_BINDING_SYNC_CREATE);
      break;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  g_hash_table_replace (self->cells, cell, cb);
}

static void
on_factory_unbind (GtkListItemFactory *factory,
                   GtkListItem        *list_item,
                   ShequOrgView       *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (cell == NULL)
    return;

  g_hash_table_remove (self->cells, cell);
  if (GTK_IS_TREE_EXPANDER (cell))
    {
      shequ_org_name_cell_set_unit (get_name_cell (cell), NULL);
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (cell), NULL);
    }
}

static void
on_factory_teardown (GtkListItemFactory *factory,
                     GtkListItem        *list_item,
                     ShequOrgView       *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (cell != NULL)
    g_hash_table_remove (self->cells, cell);
}

void
_shequ_org_view_add_columns (ShequOrgView *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      g_autoptr(GtkSorter) sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), self);
      g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind), self);
      g_signal_connect (factory, "teardown", G_CALLBACK (on_factory_teardown), self);

      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "column",
                                                        column_info[i].title),
                                          factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_info[i].width);
      /* The party body's name is long ("邑东府邸社区党总支"): it shares the room left. */
      if (i == COLUMN_NAME || i == COLUMN_PARTY_BODY)
        gtk_column_view_column_set_expand (column, TRUE);

      if (i == COLUMN_TIER)
        sorter = shequ_numeric_sorter_new (SHEQU_TYPE_UNIT, "tier");
      else if (column_info[i].numeric)
        sorter = shequ_numeric_sorter_new (SHEQU_TYPE_UNIT, column_info[i].property);
      else
        sorter = shequ_collate_sorter_new (column_info[i].property);
      gtk_column_view_column_set_sorter (column, sorter);

      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;   /* owned by the column view */
      g_object_unref (column);
    }
}

/* Shows as many columns as the tree's width holds, dropping the optional ones in
 * order; called when the viewport's width changes. */
static void
update_column_visibility (ShequOrgView *self)
{
  GtkAdjustment *hadj = gtk_scrolled_window_get_hadjustment (self->scrolled_window);
  double available = gtk_adjustment_get_page_size (hadj);
  double needed = 0;
  guint n_hidden = 0;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (available <= 1)
    return;
  for (guint i = 0; i < N_COLUMNS; i++)
    needed += column_info[i].width;
  while (needed > available && n_hidden < G_N_ELEMENTS (optional_columns))
    needed -= column_info[optional_columns[n_hidden++]].width;
  for (guint i = 0; i < G_N_ELEMENTS (optional_columns); i++)
    {
      GtkColumnViewColumn *column = self->columns[optional_columns[i]];
      gboolean visible = i >= n_hidden;

      if (gtk_column_view_column_get_visible (column) != visible)
        gtk_column_view_column_set_visible (column, visible);
    }
}

/* The width is known during size allocation, where changing columns is too late for
 * this frame (GTK would draw rows it has not placed): the change waits for idle. */
static gboolean
update_column_visibility_cb (gpointer user_data)
{
  ShequOrgView *self = user_data;

  self->column_visibility_id = 0;
  update_column_visibility (self);
  return G_SOURCE_REMOVE;
}

void
_shequ_org_view_on_viewport_width_changed (ShequOrgView *self)
{
  if (self->column_visibility_id == 0)
    self->column_visibility_id = g_idle_add (update_column_visibility_cb, self);
}

/* The cell bound to UNIT in the column COLUMN_ID ("name", "population", …), or NULL. */
GtkWidget *
_shequ_org_view_find_cell (ShequOrgView *self,
                           ShequUnit    *unit,
                           const char   *column_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CellBinding *cb = value;

      if (cb->unit == unit && g_strcmp0 (column_info[cb->column].id, column_id) == 0)
        return key;
    }
  return NULL;
}

gboolean
shequ_org_view_is_column_visible (ShequOrgView *self,
                                  const char   *column_id)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);

  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_strcmp0 (column_info[i].id, column_id) == 0)
      return gtk_column_view_column_get_visible (self->columns[i]);
  return FALSE;
}
