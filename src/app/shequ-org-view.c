/* shequ-org-view.c — the organisation tree with search, editing, drag-and-drop and the detail pane */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-view"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-move-dialog.h"
#include "shequ-org-view.h"
#include "shequ-unit-detail.h"
#include "shequ-window.h"

/* Above this many matches a search does not expand the tree: expanding the
 * ancestors of 100,000 matches would stall the UI for seconds. */
#define MAX_AUTOEXPAND_MATCHES 2000
#define MAX_FIRST_RUN_ROWS 500
/* Rows expanded before the first frame: as many as the window could show, counting
 * rows lower than any theme makes them (36 px in Adwaita with a 16 px icon); without
 * a window height, as many as 1440 px would show. The rest follows a frame later. */
#define MIN_ROW_HEIGHT         28
#define FALLBACK_VIEW_HEIGHT   1440
#define SAVE_EXPANDED_MS       1000
#define SAVE_PANE_MS           400
#define AUTOSCROLL_EDGE        48.0   /* px from the top or bottom edge */
#define AUTOSCROLL_MAX_STEP    18.0   /* px per frame at the very edge */
#define FIND_CELL_FRAMES       8
/* Expanded rows are remembered for this many databases, this many rows each. */
#define MAX_EXPANDED_DATABASES 8
#define MAX_EXPANDED_CODES     2000

typedef enum {
  COLUMN_NAME,
  COLUMN_TIER,
  COLUMN_PARTY_BODY,
  COLUMN_LEADER,
  COLUMN_POPULATION,
  COLUMN_HOUSEHOLDS,
  COLUMN_GRIDS,
  COLUMN_COMPLIANCE,
  N_COLUMNS
} Column;

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

struct _ShequOrgView
{
  GtkWidget           parent_instance;

  ShequOrgStore      *store;
  GSettings          *settings;

  /* template */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkLabel           *match_label;
  GtkInfoBar         *info_bar;
  GtkLabel           *info_label;
  GtkPaned           *paned;
  GtkScrolledWindow  *scrolled_window;
  GtkColumnView      *column_view;
  ShequUnitDetail    *detail;
  GMenuModel         *row_menu;

  GtkColumnViewColumn *columns[N_COLUMNS];
  GtkWidget          *context_menu;
  GtkWidget          *rename_popover;

  /* models: roots → filter → tree → sort → freeze → selection */
  GtkFilter          *filter;
  GtkFilterListModel *root_filter;
  GtkTreeListModel   *tree_model;
  GtkTreeListRowSorter *row_sorter;
  GtkSortListModel   *sort_model;
  ShequFreezeListModel *freeze_model;
  GtkSingleSelection *selection;
  ShequUnit          *selected_unit;

  /* name cells bound now, for highlights, rename and focus */
  GHashTable         *name_cells;

  /* the child models the tree shows, by parent unit (NULL: the roots); units
   * without children get no model (no expander) until their first child comes */
  GHashTable         *child_rows;
  ShequFreezeListModel *root_rows;
  GHashTable         *watched_empty;     /* ShequUnit → its children model, watched */
  GHashTable         *emptied;           /* units whose last child went, refreshed on idle */
  guint               refresh_emptied_id;

  /* keyboard: where the focus goes back to after a change */
  ShequUnit          *last_parent;       /* parent of the unit selected last */
  char               *restore_code;      /* a deleted unit, selected again if undone */
  ShequUnit          *keep_visible;      /* renamed while searching: stays in view */

  /* search */
  char               *search_text;       /* applied, "" when not searching */
  guint               n_matches;
  GHashTable         *saved_expansion;   /* codes expanded before the search began */

  /* expansion persistence */
  guint               save_expanded_id;
  guint               empty_search_id;
  guint               column_visibility_id;
  guint               save_pane_id;
  gboolean            restoring;
  /* the saved expansion still to apply below the first screenful of rows */
  GHashTable         *restore_codes;     /* codes to expand, or NULL: */
  gboolean            restore_areas;     /* first run: the areas open */
  gboolean            restore_pending;
  guint               restore_position;  /* tree rows above it are done */
  guint               restore_tick_id;
  guint               restore_frames;

  /* drag and drop */
  guint               autoscroll_id;
  double              drag_y;
  gboolean            drag_inside;
  ShequUnit          *hover_unit;        /* the drop target row under the pointer */
  double              hover_y;
  guint               keep_hover_id;
  guint               keep_hover_frames;

  /* a frame callback waiting for a row to be realised */
  guint               pending_tick_id;
  ShequUnit          *pending_unit;
  gboolean            pending_rename;
  guint               pending_frames;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequOrgView, shequ_org_view, GTK_TYPE_WIDGET)

static void update_actions          (ShequOrgView *self);
static void start_rename            (ShequOrgView *self,
                                     ShequUnit    *unit);
static void show_message            (ShequOrgView *self,
                                     const char   *message);
static void schedule_save_expanded  (ShequOrgView *self);
static void update_match_label      (ShequOrgView *self);
static void expand_ancestor_rows    (ShequOrgView *self);
static void keep_hover_row_in_place (ShequOrgView *self);
static void finish_restore          (ShequOrgView *self);

/* ------------------------------------------------------------------ helpers */

static gboolean
is_searching (ShequOrgView *self)
{
  return self->search_text != NULL && self->search_text[0] != '\0';
}

static gboolean
unit_can_have_children (ShequUnit *unit)
{
  return shequ_tier_default_child (shequ_unit_get_tier (unit)) != SHEQU_N_TIERS;
}

static gboolean
model_find (GListModel *model,
            gpointer    item,
            guint      *position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) it = g_list_model_get_item (model, i);

      if (it == item)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static ShequUnit *
row_get_unit (GtkTreeListRow *row)
{
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return NULL;
  item = gtk_tree_list_row_get_item (row);
  /* The row holds the item; a borrowed pointer is safe while the row lives. */
  return SHEQU_IS_UNIT (item) ? SHEQU_UNIT (item) : NULL;
}

static GtkWidget *
find_inner_list_view (ShequOrgView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }
  return NULL;
}

static GtkWidget *
find_name_cell (ShequOrgView *self,
                ShequUnit    *unit)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->name_cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_object_get_data (key, "shequ-unit") == unit)
        return key;
    }
  return NULL;
}

/* The row widget of the inner list view that holds CELL. */
static GtkWidget *
find_row_widget (GtkWidget *cell)
{
  for (GtkWidget *w = cell; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (parent != NULL && GTK_IS_LIST_VIEW (parent))
        return w;
    }
  return NULL;
}

/* The row of UNIT in the tree model. With EXPAND, collapsed ancestors are expanded on
 * the way; without, NULL when an ancestor is collapsed. Also NULL when the search
 * filter hides UNIT or an ancestor. */
static GtkTreeListRow *
find_tree_row (ShequOrgView *self,
               ShequUnit    *unit,
               gboolean      expand)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  g_autoptr(GtkTreeListRow) row = NULL;
  guint position;

  if (self->tree_model == NULL || unit == NULL)
    return NULL;

  for (ShequUnit *u = unit; u != NULL; u = shequ_unit_get_parent (u))
    g_ptr_array_insert (chain, 0, u);

  if (!model_find (G_LIST_MODEL (self->root_filter), chain->pdata[0], &position))
    return NULL;
  row = gtk_tree_list_model_get_child_row (self->tree_model, position);
  /* A root already in its place (the street, selected at start) needs no more of the
   * restored expansion; any other row's place may still move. */
  if (self->restore_pending &&
      (chain->len > 1 || row == NULL ||
       gtk_tree_list_row_get_position (row) >= self->restore_position))
    {
      g_clear_object (&row);
      finish_restore (self);
      if (!model_find (G_LIST_MODEL (self->root_filter), chain->pdata[0], &position))
        return NULL;
      row = gtk_tree_list_model_get_child_row (self->tree_model, position);
    }

  for (guint i = 1; i < chain->len && row != NULL; i++)
    {
      GListModel *children;
      GtkTreeListRow *child;

      if (!gtk_tree_list_row_get_expanded (row))
        {
          if (!expand)
            return NULL;
          gtk_tree_list_row_set_expanded (row, TRUE);
        }
      children = gtk_tree_list_row_get_children (row);
      if (children == NULL || !model_find (children, chain->pdata[i], &position))
        return NULL;
      child = gtk_tree_list_row_get_child_row (row, position);
      g_clear_object (&row);
      row = child;
    }

  return g_steal_pointer (&row);
}

/* Position of ROW in the sorted model the column view shows. */
static guint
sort_position_of_row (ShequOrgView   *self,
                      GtkTreeListRow *row)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint guess = gtk_tree_list_row_get_position (row);
  guint position;

  if (guess < g_list_model_get_n_items (model))
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, guess);

      if (item == (GObject *) row)
        return guess;
    }
  if (model_find (model, row, &position))
    return position;
  return GTK_INVALID_LIST_POSITION;
}

static GtkTreeListRow *
get_selected_row (ShequOrgView *self)
{
  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
scroll_to_position (ShequOrgView *self,
                    guint         position)
{
  GtkWidget *list_view = find_inner_list_view (self);

  /* GTK 4.8 has no gtk_column_view_scroll_to(). */
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

static void
collect_expanded_codes (ShequOrgView *self,
                        GPtrArray    *codes)
{
  guint n;

  finish_restore (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);

      if (row != NULL && gtk_tree_list_row_get_expanded (row))
        {
          ShequUnit *unit = row_get_unit (row);

          if (unit != NULL)
            g_ptr_array_add (codes, g_strdup (shequ_unit_get_code (unit)));
        }
    }
}

/* Expands, in one pass from the top, every row whose unit's code is in CODES (parents
 * come before children, so a restored child row exists when it is reached). */
static void
expand_codes (ShequOrgView *self,
              GHashTable   *codes)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);
      ShequUnit *unit = row_get_unit (row);

      if (unit != NULL && g_hash_table_contains (codes, shequ_unit_get_code (unit)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
collapse_all_rows (ShequOrgView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->root_filter));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree_model, i);

      if (row != NULL)
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
}

/* Runs CALLBACK on the frames after a change until UNIT's name cell exists. */
static gboolean
on_pending_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (user_data);
  GtkWidget *cell;

  cell = find_name_cell (self, self->pending_unit);
  if (cell == NULL && ++self->pending_frames < FIND_CELL_FRAMES)
    return G_SOURCE_CONTINUE;

  if (cell != NULL)
    {
      GtkWidget *row_widget = find_row_widget (cell);

      /* Moves the list's keyboard focus to the row (GTK 4.8 has no API for it). */
      if (row_widget != NULL && gtk_widget_get_mapped (row_widget))
        gtk_widget_grab_focus (row_widget);
    }
  if (self->pending_rename && self->pending_unit != NULL)
    start_rename (self, self->pending_unit);

  self->pending_tick_id = 0;
  self->pending_rename = FALSE;
  g_clear_object (&self->pending_unit);
  return G_SOURCE_REMOVE;
}

static void
focus_unit_later (ShequOrgView *self,
                  ShequUnit    *unit,
                  gboolean      rename)
{
  g_set_object (&self->pending_unit, unit);
  self->pending_rename = self->pending_rename || rename;
  self->pending_frames = 0;
  if (self->pending_tick_id == 0)
    self->pending_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                          on_pending_tick,
                                                          self, NULL);
}

/* Each expansion or filter change is one items-changed, and the list view re-lays its
 * window of rows for every one of them: a search that opens 30 rows would bind
 * thousands of cells. Bulk changes are reported to the view as one. */
static void
freeze_view (ShequOrgView *self)
{
  if (self->freeze_model != NULL)
    shequ_freeze_list_model_freeze (self->freeze_model);
}

static void
thaw_view (ShequOrgView *self)
{
  if (self->freeze_model != NULL)
    shequ_freeze_list_model_thaw (self->freeze_model);
}

/* ------------------------------------------------------------------ cells */

typedef struct {
  ShequUnit      *unit;
  GBinding       *binding;
  gulong          handlers[3];
  GtkTreeListRow *row;
  gulong          row_handler;
} CellBinding;

static void
cell_binding_free (gpointer data)
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

/* What a screen reader says for a row: the unit's name, tier and level. The row
 * widget is GTK's own (GtkListItemWidget): without this every row is announced by
 * that type name. The name cell (the expander, focusable too) says the same. */
static void
update_row_accessible (GtkWidget *cell)
{
  ShequUnit *unit = g_object_get_data (G_OBJECT (cell), "shequ-unit");
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
on_compliance_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  ShequUnit *unit = g_object_get_data (G_OBJECT (widget), "shequ-unit");

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
  ShequUnit *unit = g_object_get_data (G_OBJECT (cell), "shequ-unit");
  GtkLabel *name_label = g_object_get_data (G_OBJECT (cell), "shequ-label");
  GtkLabel *hint_label = g_object_get_data (G_OBJECT (cell), "shequ-hint");
  GtkImage *icon = g_object_get_data (G_OBJECT (cell), "shequ-icon");
  g_autofree char *hint = NULL;
  const char *search = is_searching (self) ? self->search_text : NULL;

  if (unit == NULL)
    return;

  gtk_image_set_from_icon_name (icon, shequ_tier_get_icon_name (shequ_unit_get_tier (unit)));
  shequ_label_set_highlighted (name_label, shequ_unit_get_name (unit), search);

  if (search != NULL && shequ_unit_get_search_state (unit) == SHEQU_SEARCH_MATCH)
    hint = find_match_hint (self, unit);
  shequ_label_set_highlighted (hint_label, hint, search);
  gtk_widget_set_visible (GTK_WIDGET (hint_label), hint != NULL);
  update_row_accessible (cell);
}

static void
on_unit_name_changed (ShequUnit  *unit,
                      GParamSpec *pspec,
                      GtkWidget  *cell)
{
  ShequOrgView *self = g_object_get_data (G_OBJECT (cell), "shequ-view");

  if (self != NULL)
    update_name_cell (self, cell);
}

static void
refresh_name_cells (ShequOrgView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->name_cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_name_cell (self, key);
}

/* drag and drop, context menu: declared here, defined below */
static GdkContentProvider *on_drag_prepare (GtkDragSource *source, double x, double y,
                                            ShequOrgView *self);
static void on_drag_begin (GtkDragSource *source, GdkDrag *drag, ShequOrgView *self);
static void on_drag_end (GtkDragSource *source, GdkDrag *drag, gboolean delete_data,
                         ShequOrgView *self);
static GdkDragAction on_drop_enter (GtkDropTarget *target, double x, double y,
                                    ShequOrgView *self);
static GdkDragAction on_drop_motion (GtkDropTarget *target, double x, double y,
                                     ShequOrgView *self);
static void on_drop_leave (GtkDropTarget *target, ShequOrgView *self);
static gboolean on_drop (GtkDropTarget *target, const GValue *value, double x, double y,
                         ShequOrgView *self);
static void on_cell_pressed (GtkGestureClick *gesture, int n_press, double x, double y,
                             ShequOrgView *self);

static void
setup_name_cell (ShequOrgView *self,
                 GtkListItem  *list_item)
{
  GtkWidget *expander, *box, *icon, *label, *hint;
  GtkDragSource *source;
  GtkDropTarget *target;
  GtkGesture *click;

  expander = gtk_tree_expander_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  icon = gtk_image_new ();
  gtk_widget_add_css_class (icon, "dim-label");
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, FALSE);
  hint = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_ellipsize (GTK_LABEL (hint), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_set_visible (hint, FALSE);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  /* A new row is bound before it is put in the list: its label goes on when shown. */
  g_signal_connect (expander, "map", G_CALLBACK (update_row_accessible), NULL);

  g_object_set_data (G_OBJECT (expander), "shequ-column", (gpointer) column_info[COLUMN_NAME].id);
  g_object_set_data (G_OBJECT (expander), "shequ-label", label);
  g_object_set_data (G_OBJECT (expander), "shequ-hint", hint);
  g_object_set_data (G_OBJECT (expander), "shequ-icon", icon);
  g_object_set_data (G_OBJECT (expander), "shequ-list-item", list_item);

  /* GTK 4.8 has no row widget to hang these on: they go on the name cell. */
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (SHEQU_TYPE_UNIT, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_cell_pressed), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (click));

  gtk_list_item_set_child (list_item, expander);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  ShequOrgView             *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "shequ-column"));
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
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_compliance_query_tooltip), NULL);
    }

  g_object_set_data (G_OBJECT (label), "shequ-column", (gpointer) column_info[column].id);
  g_object_set_data (G_OBJECT (label), "shequ-label", label);
  gtk_list_item_set_child (list_item, label);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ShequOrgView             *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "shequ-column"));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  ShequUnit *unit = row_get_unit (row);
  CellBinding *cb;

  if (unit == NULL)
    return;

  cb = g_new0 (CellBinding, 1);
  cb->unit = g_object_ref (unit);
  g_object_set_data (G_OBJECT (cell), "shequ-unit", unit);

  switch (column)
    {
    case COLUMN_NAME:
      g_object_set_data (G_OBJECT (cell), "shequ-view", self);
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (cell), row);
      update_name_cell (self, cell);
      cb->handlers[0] = g_signal_connect (unit, "notify::name",
                                          G_CALLBACK (on_unit_name_changed), cell);
      cb->row = g_object_ref (row);
      cb->row_handler = g_signal_connect (row, "notify::expanded",
                                          G_CALLBACK (on_row_expanded_changed), cell);
      g_hash_table_add (self->name_cells, cell);
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

  g_object_set_data_full (G_OBJECT (list_item), "shequ-cell-binding", cb, cell_binding_free);
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   ShequOrgView             *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (list_item), "shequ-cell-binding", NULL);
  if (cell == NULL)
    return;

  g_object_set_data (G_OBJECT (cell), "shequ-unit", NULL);
  if (GTK_IS_TREE_EXPANDER (cell))
    {
      g_hash_table_remove (self->name_cells, cell);
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (cell), NULL);
    }
}

static void
on_factory_teardown (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     ShequOrgView             *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (cell != NULL)
    g_hash_table_remove (self->name_cells, cell);
}

static void
add_columns (ShequOrgView *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      g_autoptr(GtkSorter) sorter = NULL;

      g_object_set_data (G_OBJECT (factory), "shequ-column", GINT_TO_POINTER (i));
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

/* ------------------------------------------------------------------ models */

static gboolean
unit_filter_func (gpointer item,
                  gpointer user_data)
{
  ShequOrgView *self = user_data;

  if (!is_searching (self))
    return TRUE;
  /* A unit renamed during the search stays in view, with its ancestors, even if
   * its new name does not match. */
  for (ShequUnit *u = self->keep_visible; u != NULL; u = shequ_unit_get_parent (u))
    if (u == item)
      return TRUE;
  return shequ_unit_get_search_state (SHEQU_UNIT (item)) != SHEQU_SEARCH_NONE;
}

/* The model that holds UNIT's row: its parent's children, or the roots. */
static ShequFreezeListModel *
lookup_rows_holding (ShequOrgView *self,
                     ShequUnit    *unit)
{
  ShequUnit *parent = shequ_unit_get_parent (unit);

  return parent != NULL ? g_hash_table_lookup (self->child_rows, parent) : self->root_rows;
}

/* GtkTreeListModel asks once whether a row has children; a row is only asked again
 * when its model reports it changed. */
static void
refresh_unit_row (ShequOrgView *self,
                  ShequUnit    *unit)
{
  ShequFreezeListModel *rows = lookup_rows_holding (self, unit);
  gboolean was_selected = self->selected_unit == unit;
  gboolean had_focus = shequ_org_view_tree_has_focus (self);
  guint position;

  if (rows == NULL || !model_find (G_LIST_MODEL (rows), unit, &position))
    return;
  shequ_freeze_list_model_item_changed (rows, position);
  if (was_selected && self->selected_unit != unit)
    shequ_org_view_select_unit (self, unit);
  /* The row is a new one: the keyboard stays with it. */
  if (was_selected && had_focus)
    focus_unit_later (self, unit, FALSE);
}

static void watch_empty_unit (ShequOrgView *self,
                              ShequUnit    *unit);

static gboolean
refresh_emptied_cb (gpointer user_data)
{
  ShequOrgView *self = user_data;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;

  self->refresh_emptied_id = 0;
  g_hash_table_iter_init (&iter, self->emptied);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (units, key);
  g_hash_table_steal_all (self->emptied);
  for (guint i = 0; i < units->len; i++)
    if (shequ_unit_get_n_children (units->pdata[i]) == 0)
      refresh_unit_row (self, units->pdata[i]);
  return G_SOURCE_REMOVE;
}

/* The last child went: the row loses its expander, on idle (the tree model is still
 * handling this very change). */
static void
on_child_rows_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       gpointer    user_data)
{
  ShequOrgView *self = user_data;
  ShequUnit *unit = g_object_get_data (G_OBJECT (model), "shequ-parent");

  if (unit == NULL || removed == 0 || shequ_unit_get_n_children (unit) > 0 ||
      g_hash_table_contains (self->emptied, unit))
    return;
  g_hash_table_add (self->emptied, g_object_ref (unit));
  if (self->refresh_emptied_id == 0)
    self->refresh_emptied_id = g_idle_add (refresh_emptied_cb, self);
}

/* The first child came: the row gets an expander at once, so the child can be shown
 * and selected by whoever added it. */
static void
on_empty_children_changed (GListModel *children,
                           guint       position,
                           guint       removed,
                           guint       added,
                           gpointer    user_data)
{
  ShequOrgView *self = user_data;
  ShequUnit *unit = g_object_get_data (G_OBJECT (children), "shequ-org-view-unit");

  if (unit == NULL || g_list_model_get_n_items (children) == 0)
    return;
  g_object_ref (unit);
  g_hash_table_remove (self->watched_empty, unit);
  refresh_unit_row (self, unit);
  g_object_unref (unit);
}

typedef struct {
  GListModel *children;
  gulong      handler;
} EmptyWatch;

static void
empty_watch_free (gpointer data)
{
  EmptyWatch *watch = data;

  g_clear_signal_handler (&watch->handler, watch->children);
  g_object_unref (watch->children);
  g_free (watch);
}

static void
watch_empty_unit (ShequOrgView *self,
                  ShequUnit    *unit)
{
  EmptyWatch *watch;

  if (g_hash_table_contains (self->watched_empty, unit))
    return;
  watch = g_new0 (EmptyWatch, 1);
  watch->children = g_object_ref (shequ_unit_get_children (unit));
  g_object_set_data (G_OBJECT (watch->children), "shequ-org-view-unit", unit);
  watch->handler = g_signal_connect (watch->children, "items-changed",
                                     G_CALLBACK (on_empty_children_changed), self);
  g_hash_table_insert (self->watched_empty, g_object_ref (unit), watch);
}

static void
on_child_rows_finalized (gpointer  data,
                         GObject  *where_the_object_was)
{
  ShequOrgView *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->child_rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  ShequOrgView *self = user_data;
  ShequUnit *unit = SHEQU_UNIT (item);
  g_autoptr(GtkFilterListModel) filtered = NULL;
  ShequFreezeListModel *rows;

  /* Villages, grids and units without children show no expander; a unit gets one
   * when its first child comes (watch_empty_unit). */
  if (!unit_can_have_children (unit))
    return NULL;
  if (shequ_unit_get_n_children (unit) == 0)
    {
      watch_empty_unit (self, unit);
      return NULL;
    }

  filtered = gtk_filter_list_model_new (g_object_ref (shequ_unit_get_children (unit)),
                                        g_object_ref (self->filter));
  rows = shequ_freeze_list_model_new (G_LIST_MODEL (filtered));
  g_object_set_data_full (G_OBJECT (rows), "shequ-parent", g_object_ref (unit), g_object_unref);
  g_signal_connect_object (rows, "items-changed", G_CALLBACK (on_child_rows_changed), self, 0);
  {
    GObject *old = g_hash_table_lookup (self->child_rows, unit);

    if (old != NULL)
      g_object_weak_unref (old, on_child_rows_finalized, self);
    g_hash_table_insert (self->child_rows, unit, rows);
    g_object_weak_ref (G_OBJECT (rows), on_child_rows_finalized, self);
  }
  return G_LIST_MODEL (rows);
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

static void
on_viewport_width_changed (ShequOrgView *self)
{
  if (self->column_visibility_id == 0)
    self->column_visibility_id = g_idle_add (update_column_visibility_cb, self);
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

static void
on_column_sorter_changed (GtkSorter       *sorter,
                          GtkSorterChange  change,
                          ShequOrgView    *self)
{
  /* Without a sorted column the tree's own order (siblings by code) is shown as is:
   * a sort model with a sorter would re-sort every row on each expansion. */
  if (self->sort_model == NULL)
    return;
  if (gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    gtk_sort_list_model_set_sorter (self->sort_model, NULL);
  else
    gtk_sort_list_model_set_sorter (self->sort_model, GTK_SORTER (self->row_sorter));
}

static void
on_selection_changed (ShequOrgView *self)
{
  GtkTreeListRow *row = get_selected_row (self);
  ShequUnit *unit = row_get_unit (row);

  if (unit != NULL)
    {
      ShequUnit *parent = shequ_unit_get_parent (unit);

      g_set_object (&self->last_parent, (parent != NULL ? parent : unit));
    }
  if (g_set_object (&self->selected_unit, unit))
    {
      shequ_unit_detail_set_unit (self->detail, unit);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UNIT]);
    }
  update_actions (self);
}

static void
on_tree_items_changed (ShequOrgView *self)
{
  if (self->hover_unit != NULL)
    keep_hover_row_in_place (self);
  if (!self->restoring && !is_searching (self))
    schedule_save_expanded (self);
}

/* After a change (an undo, most often) the selection and the keyboard stay on the
 * unit it touched: a deleted unit that came back, or the parent of one that went. */
static void
restore_selection_after_change (ShequOrgView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  ShequUnit *target = NULL;
  gboolean focus_lost;

  if (self->store == NULL)
    return;

  /* Only the change right after a delete (its undo) brings the unit back to the
   * selection; any other change forgets it. */
  if (self->restore_code != NULL)
    {
      target = shequ_org_store_lookup_code (self->store, self->restore_code);
      g_clear_pointer (&self->restore_code, g_free);
    }
  if (target == NULL && self->selected_unit == NULL && self->last_parent != NULL &&
      (shequ_unit_get_parent (self->last_parent) != NULL ||
       shequ_org_store_get_street (self->store) == self->last_parent))
    target = self->last_parent;
  if (target == NULL)
    return;

  /* The focus was in the tree (on a row that went) or nowhere: it follows. */
  focus_lost = focus == NULL || !gtk_widget_get_mapped (focus) ||
               shequ_org_view_tree_has_focus (self);
  shequ_org_view_select_unit (self, target);
  if (focus_lost)
    focus_unit_later (self, target, FALSE);
}

static void
on_store_changed (ShequOrgView *self)
{
  finish_restore (self);
  /* The store re-runs the search after a change; rows added, moved or renamed are
   * judged again, and the count follows. */
  if (is_searching (self))
    {
      self->n_matches = shequ_org_store_search (self->store, self->search_text);
      /* Renamed (here, in the detail pane or by an undo) so that it no longer
       * matches: the unit being worked on stays in view, the search goes on. */
      if (self->selected_unit != NULL &&
          shequ_unit_get_search_state (self->selected_unit) == SHEQU_SEARCH_NONE &&
          (shequ_unit_get_parent (self->selected_unit) != NULL ||
           shequ_org_store_get_street (self->store) == self->selected_unit))
        g_set_object (&self->keep_visible, self->selected_unit);
      self->restoring = TRUE;
      freeze_view (self);
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
      if (self->n_matches < MAX_AUTOEXPAND_MATCHES)
        expand_ancestor_rows (self);
      if (self->keep_visible != NULL)
        {
          GtkTreeListRow *kept = find_tree_row (self, self->keep_visible, TRUE);

          g_clear_object (&kept);
        }
      thaw_view (self);
      self->restoring = FALSE;
      if (self->selected_unit != NULL)
        shequ_org_view_select_unit (self, self->selected_unit);
      refresh_name_cells (self);
      update_match_label (self);
    }
  restore_selection_after_change (self);
  update_actions (self);
}

static void
clear_models (ShequOrgView *self)
{
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->tree_model != NULL)
    g_signal_handlers_disconnect_by_data (self->tree_model, self);
  gtk_column_view_set_model (self->column_view, NULL);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->child_rows);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_object_weak_unref (value, on_child_rows_finalized, self);
    g_hash_table_remove_all (self->child_rows);
  }
  g_hash_table_remove_all (self->watched_empty);
  g_hash_table_remove_all (self->emptied);
  g_clear_handle_id (&self->refresh_emptied_id, g_source_remove);
  self->restore_pending = FALSE;
  g_clear_pointer (&self->restore_codes, g_hash_table_unref);
  if (self->restore_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick_id);
      self->restore_tick_id = 0;
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->freeze_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->root_rows);
  g_clear_object (&self->root_filter);
  g_clear_object (&self->selected_unit);
  g_clear_object (&self->last_parent);
  g_clear_object (&self->keep_visible);
  g_clear_pointer (&self->restore_code, g_free);
}

static void
build_models (ShequOrgView *self)
{
  GtkSorter *column_sorter = gtk_column_view_get_sorter (self->column_view);

  self->root_filter = gtk_filter_list_model_new (g_object_ref (shequ_org_store_get_roots (self->store)),
                                                 g_object_ref (self->filter));
  self->root_rows = shequ_freeze_list_model_new (G_LIST_MODEL (self->root_filter));
  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root_rows)),
                                              FALSE, FALSE,
                                              create_child_model, self, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->tree_model)), NULL);
  on_column_sorter_changed (column_sorter, GTK_SORTER_CHANGE_DIFFERENT, self);

  self->freeze_model = shequ_freeze_list_model_new (G_LIST_MODEL (self->sort_model));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->freeze_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->tree_model, "items-changed",
                            G_CALLBACK (on_tree_items_changed), self);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

/* ------------------------------------------------------------------ expansion memory */

/* The key expanded rows are kept under: the database file, so that two streets
 * (or a copy for testing) each open as they were left. */
static const char *
get_database_key (ShequOrgView *self)
{
  ShequDatabase *db = self->store != NULL ? shequ_org_store_get_database (self->store) : NULL;
  const char *path = db != NULL ? shequ_database_get_path (db) : NULL;

  return path != NULL ? path : "";
}

/* The saved codes of DATABASE, NULL when none were saved for it. */
char **
shequ_org_view_dup_saved_expansion (GSettings  *settings,
                                    const char *database)
{
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  const char *path;
  GVariant *codes;

  g_return_val_if_fail (database != NULL, NULL);

  if (!shequ_settings_has_key (settings, "expanded-units"))
    return NULL;
  all = g_settings_get_value (settings, "expanded-units");
  g_variant_get (all, "a(sas)", &iter);
  while (g_variant_iter_next (iter, "(&s@as)", &path, &codes))
    {
      if (g_str_equal (path, database))
        {
          char **result = g_variant_dup_strv (codes, NULL);

          g_variant_unref (codes);
          return result;
        }
      g_variant_unref (codes);
    }
  return NULL;
}

static gboolean
save_expanded_cb (gpointer user_data)
{
  ShequOrgView *self = user_data;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  GVariantBuilder builder;
  const char *database = get_database_key (self);
  const char *path;
  GVariant *entry_codes;
  guint n_entries = 1;

  self->save_expanded_id = 0;
  if (self->tree_model == NULL || is_searching (self) ||
      !shequ_settings_has_key (self->settings, "expanded-units"))
    return G_SOURCE_REMOVE;

  collect_expanded_codes (self, codes);
  if (codes->len > MAX_EXPANDED_CODES)
    g_ptr_array_set_size (codes, MAX_EXPANDED_CODES);

  /* This database first, then the others as they were, the oldest dropped. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sas)"));
  g_variant_builder_add_value (&builder,
                               g_variant_new ("(s@as)", database,
                                              g_variant_new_strv ((const char * const *)
                                                                  codes->pdata, codes->len)));
  old = g_settings_get_value (self->settings, "expanded-units");
  g_variant_get (old, "a(sas)", &iter);
  while (g_variant_iter_next (iter, "(&s@as)", &path, &entry_codes))
    {
      if (!g_str_equal (path, database) && n_entries < MAX_EXPANDED_DATABASES)
        {
          g_variant_builder_add (&builder, "(s@as)", path, entry_codes);
          n_entries++;
        }
      g_variant_unref (entry_codes);
    }
  g_settings_set_value (self->settings, "expanded-units", g_variant_builder_end (&builder));
  return G_SOURCE_REMOVE;
}

static void
schedule_save_expanded (ShequOrgView *self)
{
  if (self->settings == NULL)
    return;
  g_clear_handle_id (&self->save_expanded_id, g_source_remove);
  self->save_expanded_id = g_timeout_add (SAVE_EXPANDED_MS, save_expanded_cb, self);
}

static gboolean
restore_wants_expanded (ShequOrgView *self,
                        ShequUnit    *unit)
{
  if (unit == NULL)
    return FALSE;
  if (self->restore_codes != NULL)
    return g_hash_table_contains (self->restore_codes, shequ_unit_get_code (unit));
  return self->restore_areas && shequ_unit_get_tier (unit) == SHEQU_TIER_AREA;
}

/* Expands the restored rows from restore_position down to tree position LIMIT, in one
 * pass from the top (parents come before children, so a restored child row exists
 * when it is reached). Rows above LIMIT are then where they stay. */
static void
continue_restore (ShequOrgView *self,
                  guint         limit)
{
  guint i;

  gboolean was_restoring = self->restoring;

  g_assert (self->restore_pending);
  self->restoring = TRUE;
  freeze_view (self);
  for (i = self->restore_position;
       i < limit && i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);

      if (!gtk_tree_list_row_get_expanded (row) &&
          restore_wants_expanded (self, row_get_unit (row)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  self->restore_position = i;
  if (i >= g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)))
    {
      self->restore_pending = FALSE;
      g_clear_pointer (&self->restore_codes, g_hash_table_unref);
    }
  thaw_view (self);
  self->restoring = was_restoring;
}

static void
finish_restore (ShequOrgView *self)
{
  if (self->restore_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick_id);
      self->restore_tick_id = 0;
    }
  if (self->restore_pending)
    continue_restore (self, G_MAXUINT);
}

/* The first tick comes before the first frame is laid out: the rest waits for the
 * next one, when the frame showing the top of the tree is on screen. */
static gboolean
on_restore_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);

  if (self->restore_frames++ < 1)
    return G_SOURCE_CONTINUE;
  self->restore_tick_id = 0;
  if (self->restore_pending)
    continue_restore (self, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* How many rows the first frame can show: the view's height once it has one, before
 * that the height the window opens with. */
static guint
estimate_first_screen_rows (ShequOrgView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int width;
  /* A window that will open maximized (ShequWindow reads the same key) is not yet. */
  gboolean maximized = (GTK_IS_WINDOW (root) && (gtk_window_is_maximized (GTK_WINDOW (root)) ||
                                                 gtk_window_is_fullscreen (GTK_WINDOW (root)))) ||
                       (self->settings != NULL &&
                        shequ_settings_has_key (self->settings, "window-maximized") &&
                        g_settings_get_boolean (self->settings, "window-maximized"));

  if (height <= 0 && GTK_IS_WINDOW (root) && !maximized)
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (height <= 0)
    height = FALLBACK_VIEW_HEIGHT;
  return (guint) height / MIN_ROW_HEIGHT + 2;
}

/* The rows are expanded as they were; only those on the first screen before the first
 * frame: each row the list view gets is built, bound and measured for that frame, and
 * the list view of GTK 4.8 builds up to 200, seen or not. */
static void
restore_expansion (ShequOrgView *self)
{
  g_auto(GStrv) saved = NULL;

  saved = shequ_org_view_dup_saved_expansion (self->settings, get_database_key (self));

  g_clear_pointer (&self->restore_codes, g_hash_table_unref);
  self->restore_areas = FALSE;
  self->restoring = TRUE;
  freeze_view (self);
  if (saved != NULL)
    {
      self->restore_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; saved[i] != NULL; i++)
        g_hash_table_add (self->restore_codes, g_strdup (saved[i]));
    }
  else
    {
      /* First run: the street and its areas open, so the communities show — unless
       * that means thousands of rows (a synthetic or very large street), where a
       * screenful of areas is the better start and the first frame stays quick. */
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->root_filter));
      guint n_below_areas = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree_model, i);
          ShequUnit *root = row_get_unit (row);

          gtk_tree_list_row_set_expanded (row, TRUE);
          for (guint a = 0; root != NULL && a < shequ_unit_get_n_children (root); a++)
            n_below_areas += shequ_unit_get_n_children (shequ_unit_get_child (root, a));
        }
      self->restore_areas = n_below_areas <= MAX_FIRST_RUN_ROWS;
    }

  self->restore_pending = TRUE;
  self->restore_position = 0;
  continue_restore (self, estimate_first_screen_rows (self));
  thaw_view (self);
  self->restoring = FALSE;
  if (self->restore_pending)
    {
      self->restore_frames = 0;
      if (self->restore_tick_id == 0)
        self->restore_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_restore_tick,
                                                              NULL, NULL);
    }
}

static gboolean
save_pane_cb (gpointer user_data)
{
  ShequOrgView *self = user_data;

  self->save_pane_id = 0;
  if (shequ_settings_has_key (self->settings, "detail-pane-position"))
    g_settings_set_int (self->settings, "detail-pane-position",
                        gtk_paned_get_position (self->paned));
  return G_SOURCE_REMOVE;
}

static void
on_paned_position_changed (ShequOrgView *self)
{
  gboolean position_set = FALSE;

  if (self->settings == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  /* Only a position someone chose (by dragging) is kept, not the computed one. */
  g_object_get (self->paned, "position-set", &position_set, NULL);
  if (!position_set)
    return;
  g_clear_handle_id (&self->save_pane_id, g_source_remove);
  self->save_pane_id = g_timeout_add (SAVE_PANE_MS, save_pane_cb, self);
}

/* ------------------------------------------------------------------ search */

static void
update_match_label (ShequOrgView *self)
{
  g_autofree char *text = NULL;

  if (!is_searching (self))
    text = g_strdup ("");
  else if (self->n_matches == 0)
    text = g_strdup (_("No matches"));
  else
    {
      g_autofree char *count = shequ_format_count (self->n_matches);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s match", "%s matches",
                                           self->n_matches),
                              count);
    }
  gtk_label_set_text (self->match_label, text);
}

/* Expands every row that is shown as the ancestor of a match: one pass from the top,
 * rows inserted by an expansion are visited as the pass reaches them. */
static void
expand_ancestor_rows (ShequOrgView *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);
      ShequUnit *unit = row_get_unit (row);

      if (unit != NULL && shequ_unit_get_search_state (unit) == SHEQU_SEARCH_ANCESTOR &&
          !gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
apply_search (ShequOrgView *self,
              const char   *text)
{
  gboolean was_searching = is_searching (self);
  gboolean now_searching;
  g_autoptr(ShequUnit) keep_selected = NULL;

  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  /* As the store does: surrounding spaces are not searched for. */
  text = stripped;
  if (g_strcmp0 (text, self->search_text) == 0)
    return;

  now_searching = text[0] != '\0';
  g_clear_object (&self->keep_visible);
  g_free (self->search_text);
  self->search_text = g_strdup (text);

  if (self->store == NULL)
    {
      self->n_matches = 0;
      update_match_label (self);
      return;
    }

  if (now_searching && !was_searching)
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();

      g_clear_handle_id (&self->save_expanded_id, g_source_remove);
      g_clear_pointer (&self->saved_expansion, g_hash_table_unref);
      self->saved_expansion = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      collect_expanded_codes (self, codes);
      for (guint i = 0; i < codes->len; i++)
        g_hash_table_add (self->saved_expansion, codes->pdata[i]);
    }

  self->n_matches = shequ_org_store_search (self->store, text);

  self->restoring = TRUE;
  freeze_view (self);
  if (now_searching)
    {
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
      /* Not GtkTreeListModel:autoexpand, which would also open every match (rows
       * whose children are all filtered out) and could not be bounded. */
      if (self->n_matches < MAX_AUTOEXPAND_MATCHES)
        expand_ancestor_rows (self);
    }
  else
    {
      keep_selected = self->selected_unit ? g_object_ref (self->selected_unit) : NULL;
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
      if (was_searching && self->saved_expansion != NULL)
        {
          collapse_all_rows (self);
          expand_codes (self, self->saved_expansion);
        }
      g_clear_pointer (&self->saved_expansion, g_hash_table_unref);
    }
  thaw_view (self);
  self->restoring = FALSE;

  refresh_name_cells (self);
  update_match_label (self);

  /* The unit found stays selected and in view when the search ends. */
  if (keep_selected != NULL)
    shequ_org_view_select_unit (self, keep_selected);
}

static gboolean
apply_empty_search_cb (gpointer user_data)
{
  ShequOrgView *self = user_data;

  self->empty_search_id = 0;
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    apply_search (self, "");
  return G_SOURCE_REMOVE;
}

static void
on_search_changed (ShequOrgView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Typing over a selection deletes, then inserts: GtkSearchEntry reports the empty
   * text in between at once. Ending a search restores the tree, which is not free;
   * wait for the insertion before believing the entry is empty. */
  g_clear_handle_id (&self->empty_search_id, g_source_remove);
  if (text[0] == '\0')
    self->empty_search_id = g_idle_add (apply_empty_search_cb, self);
  else
    apply_search (self, text);
}

static void
on_search_mode_changed (ShequOrgView *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      apply_search (self, "");
    }
}

/* Selects the next (or previous) row that matches, after the selected one. */
static void
select_match (ShequOrgView *self,
              gboolean      forward)
{
  GListModel *model;
  guint n, start;

  if (self->selection == NULL || !is_searching (self))
    return;

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  if (n == 0)
    return;
  start = gtk_single_selection_get_selected (self->selection);
  if (start == GTK_INVALID_LIST_POSITION)
    start = forward ? n - 1 : 0;

  for (guint k = 1; k <= n; k++)
    {
      guint i = forward ? (start + k) % n : (start + n - k) % n;
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      ShequUnit *unit = row_get_unit (row);

      if (unit != NULL && shequ_unit_get_search_state (unit) == SHEQU_SEARCH_MATCH)
        {
          gtk_single_selection_set_selected (self->selection, i);
          scroll_to_position (self, i);
          return;
        }
    }
}

static void
on_search_activate (ShequOrgView *self)
{
  select_match (self, TRUE);
  if (self->selected_unit != NULL)
    focus_unit_later (self, self->selected_unit, FALSE);
}

static void
on_search_next_match (ShequOrgView *self)
{
  select_match (self, TRUE);
}

static void
on_search_previous_match (ShequOrgView *self)
{
  select_match (self, FALSE);
}

/* ------------------------------------------------------------------ messages */

static void
show_message (ShequOrgView *self,
              const char   *message)
{
  gtk_label_set_text (self->info_label, message);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static void
on_info_bar_response (ShequOrgView *self,
                      int           response)
{
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

/* ------------------------------------------------------------------ editing */

static void
on_rename_activate (GtkEntry     *entry,
                    ShequOrgView *self)
{
  GtkWidget *popover = self->rename_popover;
  ShequUnit *unit = g_object_get_data (G_OBJECT (popover), "shequ-unit");
  GtkLabel *error_label = g_object_get_data (G_OBJECT (popover), "shequ-error");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *name = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  if (unit == NULL)
    return;

  g_object_ref (unit);
  if (is_searching (self))
    g_set_object (&self->keep_visible, unit);
  if (g_strcmp0 (name, shequ_unit_get_name (unit)) != 0 &&
      !shequ_org_store_rename_unit (self->store, unit, name, &error))
    {
      gtk_label_set_text (error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, error_label, NULL,
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, error_label,
                                      -1);
      g_object_unref (unit);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (popover));
  /* Back on the row, not wherever GTK puts the focus when the popover goes (the
   * toast's Undo button, where the next Enter would undo the rename). */
  shequ_org_view_select_unit (self, unit);
  focus_unit_later (self, unit, FALSE);
  g_object_unref (unit);
}

static void
on_rename_closed (GtkPopover   *popover,
                  ShequOrgView *self)
{
  ShequUnit *unit = g_object_get_data (G_OBJECT (popover), "shequ-unit");

  if (unit != NULL && self->selected_unit == unit)
    focus_unit_later (self, unit, FALSE);
  g_object_set_data (G_OBJECT (popover), "shequ-unit", NULL);
}

static void
ensure_rename_popover (ShequOrgView *self)
{
  GtkWidget *box, *entry, *error_label, *title;

  if (self->rename_popover != NULL)
    return;

  self->rename_popover = gtk_popover_new ();
  gtk_popover_set_position (GTK_POPOVER (self->rename_popover), GTK_POS_BOTTOM);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  title = gtk_label_new (_("Rename Unit"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"), -1);
  error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error_label);
  gtk_popover_set_child (GTK_POPOVER (self->rename_popover), box);
  gtk_widget_set_parent (self->rename_popover, GTK_WIDGET (self));

  g_object_set_data (G_OBJECT (self->rename_popover), "shequ-entry", entry);
  g_object_set_data (G_OBJECT (self->rename_popover), "shequ-error", error_label);
  g_signal_connect (entry, "activate", G_CALLBACK (on_rename_activate), self);
  g_signal_connect (self->rename_popover, "closed", G_CALLBACK (on_rename_closed), self);
}

/* Where UNIT's row is, in our coordinates (the whole tree when it is not shown). */
static void
get_unit_rect (ShequOrgView *self,
               ShequUnit    *unit,
               GdkRectangle *rect)
{
  GtkWidget *cell = unit ? find_name_cell (self, unit) : NULL;
  graphene_rect_t bounds;

  if (cell != NULL && gtk_widget_compute_bounds (cell, GTK_WIDGET (self), &bounds))
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (cell), "shequ-label");
      graphene_rect_t label_bounds;

      if (label != NULL && gtk_widget_compute_bounds (label, GTK_WIDGET (self), &label_bounds))
        bounds = label_bounds;
      rect->x = bounds.origin.x;
      rect->y = bounds.origin.y;
      rect->width = MAX (1, MIN (bounds.size.width, 240));
      rect->height = bounds.size.height;
    }
  else if (gtk_widget_compute_bounds (GTK_WIDGET (self->scrolled_window), GTK_WIDGET (self), &bounds))
    {
      rect->x = bounds.origin.x + bounds.size.width / 2;
      rect->y = bounds.origin.y + 48;
      rect->width = 1;
      rect->height = 1;
    }
  else
    {
      *rect = (GdkRectangle) { 0, 0, 1, 1 };
    }
}

static void
start_rename (ShequOrgView *self,
              ShequUnit    *unit)
{
  GtkWidget *entry, *error_label;
  GdkRectangle rect;

  ensure_rename_popover (self);
  entry = g_object_get_data (G_OBJECT (self->rename_popover), "shequ-entry");
  error_label = g_object_get_data (G_OBJECT (self->rename_popover), "shequ-error");

  g_object_set_data_full (G_OBJECT (self->rename_popover), "shequ-unit",
                          g_object_ref (unit), g_object_unref);
  gtk_editable_set_text (GTK_EDITABLE (entry), shequ_unit_get_name (unit));
  gtk_widget_remove_css_class (entry, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);

  get_unit_rect (self, unit, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->rename_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->rename_popover));
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);

  if (self->selected_unit == NULL)
    return;
  /* The row may be out of view: bring it in, then open the popover over it. */
  shequ_org_view_select_unit (self, self->selected_unit);
  focus_unit_later (self, self->selected_unit, TRUE);
}

static guint
count_subtree (ShequUnit *unit)
{
  guint n = 0;

  for (guint i = 0; i < shequ_unit_get_n_children (unit); i++)
    n += 1 + count_subtree (shequ_unit_get_child (unit, i));
  return n;
}

/* The posts held at UNIT and every unit below it: what a delete takes with it. */
static guint
count_posts (ShequOrgStore *store,
             ShequUnit     *unit)
{
  GListModel *posts = shequ_org_store_get_unit_posts (store, unit);
  guint n = posts != NULL ? g_list_model_get_n_items (posts) : 0;

  for (guint i = 0; i < shequ_unit_get_n_children (unit); i++)
    n += count_posts (store, shequ_unit_get_child (unit, i));
  return n;
}

/* What the toast says after a delete: only what went ("0 units" is never said). */
static char *
describe_delete (const char *name,
                 guint       n_units,
                 guint       n_posts)
{
  g_autofree char *units_text = NULL;
  g_autofree char *posts_text = NULL;

  units_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit below it",
                                             "%u units below it", n_units), n_units);
  posts_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", n_posts),
                                n_posts);
  if (n_units > 0 && n_posts > 0)
    /* Translators: a notification, "Deleted “East Area” with 12 units below it and 40 posts" */
    return g_strdup_printf (_("Deleted “%s” with %s and %s"), name, units_text, posts_text);
  if (n_units > 0)
    /* Translators: a notification, "Deleted “East Area” with 12 units below it" */
    return g_strdup_printf (C_("units", "Deleted “%s” with %s"), name, units_text);
  if (n_posts > 0)
    /* Translators: a notification, "Deleted “Grid 3” with 4 posts" */
    return g_strdup_printf (C_("posts", "Deleted “%s” with %s"), name, posts_text);
  return g_strdup_printf (_("Deleted “%s”"), name);
}

gboolean
shequ_org_view_delete_unit (ShequOrgView  *self,
                            ShequUnit     *unit,
                            GError       **error)
{
  g_autoptr(ShequUnit) parent = NULL;
  g_autoptr(ShequUnit) kept = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  gboolean had_focus;
  GtkWidget *window;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  kept = g_object_ref (unit);
  parent = shequ_unit_get_parent (unit) ? g_object_ref (shequ_unit_get_parent (unit)) : NULL;
  code = g_strdup (shequ_unit_get_code (unit));
  text = describe_delete (shequ_unit_get_name (unit), count_subtree (unit),
                          count_posts (self->store, unit));
  had_focus = shequ_org_view_tree_has_focus (self);

  if (!shequ_org_store_delete_unit (self->store, unit, error))
    return FALSE;

  /* Undo brings the unit back, and the selection with it. */
  g_free (self->restore_code);
  self->restore_code = g_steal_pointer (&code);
  if (parent != NULL)
    {
      shequ_org_view_select_unit (self, parent);
      if (had_focus || !shequ_org_view_tree_has_focus (self))
        focus_unit_later (self, parent, FALSE);
    }

  /* The window's toast (with Undo) says what went instead of the bare label. */
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), SHEQU_TYPE_WINDOW);
  if (window != NULL)
    shequ_window_show_toast (SHEQU_WINDOW (window), text,
                             shequ_org_store_get_can_undo (self->store));
  return TRUE;
}

static GtkWindow *
get_parent_window (ShequOrgView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Delete can be undone: no question first, a toast with Undo after. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  ShequUnit *unit = self->selected_unit;
  g_autoptr(GError) error = NULL;

  if (unit == NULL || shequ_unit_get_parent (unit) == NULL)
    return;
  if (!shequ_org_view_delete_unit (self, unit, &error))
    show_message (self, error->message);
}

static const char *
new_unit_name (ShequTier tier)
{
  switch (tier)
    {
    case SHEQU_TIER_AREA:
      return _("New Area");
    case SHEQU_TIER_COMMUNITY:
      return _("New Community");
    case SHEQU_TIER_VILLAGE:
      return _("New Village");
    case SHEQU_TIER_GRID:
      return _("New Grid");
    case SHEQU_TIER_STREET:
    case SHEQU_N_TIERS:
    default:
      return _("New Unit");
    }
}

ShequUnit *
shequ_org_view_add_child (ShequOrgView  *self,
                          ShequUnit     *parent,
                          ShequTier      tier,
                          gboolean       move_figures,
                          GError       **error)
{
  ShequUnit *unit;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  if (tier == SHEQU_N_TIERS)
    tier = shequ_tier_default_child (shequ_unit_get_tier (parent));
  unit = shequ_org_store_add_unit_full (self->store, parent, tier, new_unit_name (tier),
                                        move_figures, error);

  if (unit == NULL)
    return NULL;

  shequ_org_view_select_unit (self, unit);
  focus_unit_later (self, unit, TRUE);
  return unit;
}

static void
on_move_figures_response (GtkDialog    *dialog,
                          int           response,
                          ShequOrgView *self)
{
  ShequUnit *parent = g_object_get_data (G_OBJECT (dialog), "shequ-unit");
  ShequTier tier = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "shequ-tier"));
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_YES && parent != NULL &&
      shequ_org_view_add_child (self, parent, tier, response == GTK_RESPONSE_YES, &error) == NULL)
    show_message (self, error->message);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
add_child_interactive (ShequOrgView *self,
                       ShequTier     tier)
{
  ShequUnit *parent = self->selected_unit;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (parent == NULL || !unit_can_have_children (parent))
    return;

  if (!shequ_org_store_should_ask_move_figures (self->store, parent))
    {
      if (shequ_org_view_add_child (self, parent, tier, FALSE, &error) == NULL)
        show_message (self, error->message);
      return;
    }

  dialog = gtk_message_dialog_new (get_parent_window (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Move the population and households of “%s” to the new unit?"),
                                   shequ_unit_get_name (parent));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("Figures are entered on the lowest units and "
                                              "added up. “%s” has its own figures: they move "
                                              "to its first child, so they are not counted twice."),
                                            shequ_unit_get_name (parent));
  /* No "keep them here": figures on a unit with sub-units would be counted twice, and
   * the store refuses them on every path. */
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Move Them"), GTK_RESPONSE_YES);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_YES);
  g_object_set_data_full (G_OBJECT (dialog), "shequ-unit", g_object_ref (parent), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "shequ-tier", GINT_TO_POINTER (tier));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_figures_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  add_child_interactive (SHEQU_ORG_VIEW (widget), SHEQU_N_TIERS);
}

static void
add_village_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  add_child_interactive (SHEQU_ORG_VIEW (widget), SHEQU_TIER_VILLAGE);
}

static void
on_unit_moved (ShequMoveDialog *dialog,
               ShequUnit       *unit,
               ShequOrgView    *self)
{
  shequ_org_view_select_unit (self, unit);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  ShequMoveDialog *dialog;

  if (self->selected_unit == NULL || shequ_unit_get_parent (self->selected_unit) == NULL)
    return;

  dialog = shequ_move_dialog_new (get_parent_window (self), self->store, self->selected_unit);
  g_signal_connect_object (dialog, "unit-moved", G_CALLBACK (on_unit_moved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
expand_below (ShequOrgView   *self,
              GtkTreeListRow *row)
{
  guint position = gtk_tree_list_row_get_position (row);
  guint depth = gtk_tree_list_row_get_depth (row);
  g_autoptr(ShequUnit) unit = g_object_ref (row_get_unit (row));

  freeze_view (self);
  gtk_tree_list_row_set_expanded (row, TRUE);
  for (guint i = position + 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) child = gtk_tree_list_model_get_row (self->tree_model, i);

      if (gtk_tree_list_row_get_depth (child) <= depth)
        break;
      gtk_tree_list_row_set_expanded (child, TRUE);
    }
  thaw_view (self);
  shequ_org_view_select_unit (self, unit);
}

static void
expand_below_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  GtkTreeListRow *sorted_row = get_selected_row (self);
  g_autoptr(GtkTreeListRow) row = NULL;

  if (sorted_row == NULL)
    return;
  finish_restore (self);
  row = find_tree_row (self, row_get_unit (sorted_row), TRUE);
  if (row != NULL)
    expand_below (self, row);
}

static void
expand_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);

  if (self->tree_model == NULL)
    return;
  finish_restore (self);
  freeze_view (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);

      gtk_tree_list_row_set_expanded (row, TRUE);
    }
  thaw_view (self);
  if (self->selected_unit != NULL)
    shequ_org_view_select_unit (self, self->selected_unit);
}

static void
collapse_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  guint n;

  if (self->tree_model == NULL)
    return;
  /* Down to the street's areas: a tree of one closed row helps nobody. */
  finish_restore (self);
  freeze_view (self);
  collapse_all_rows (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->root_filter));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree_model, i);

      gtk_tree_list_row_set_expanded (row, TRUE);
    }
  thaw_view (self);
  if (self->selected_unit != NULL)
    shequ_org_view_select_unit (self, self->selected_unit);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  shequ_org_view_start_search (SHEQU_ORG_VIEW (widget));
}

static void
popup_context_menu (ShequOrgView       *self,
                    const GdkRectangle *rect)
{
  /* Made when first asked for: a popover menu is a tree of widgets, unseen at start. */
  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (self->row_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  GdkRectangle rect;

  if (self->selected_unit == NULL)
    return;
  get_unit_rect (self, self->selected_unit, &rect);
  rect.y += rect.height;
  rect.height = 1;
  rect.width = 1;
  popup_context_menu (self, &rect);
}

static void
on_cell_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 ShequOrgView    *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), "shequ-list-item");
  graphene_point_t point;
  guint position;

  if (list_item == NULL || self->selection == NULL)
    return;

  position = gtk_list_item_get_position (list_item);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);

  if (!gtk_widget_compute_point (cell, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, &(GdkRectangle) { point.x, point.y, 1, 1 });
}

static void
on_column_view_activate (ShequOrgView *self,
                         guint         position)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* Left/Right as in every tree: GTK 4.8's expander binds them only with Shift. */
static gboolean
on_tree_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     ShequOrgView          *self)
{
  GtkTreeListRow *row = get_selected_row (self);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  ShequUnit *unit;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    {
      gboolean backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;

      if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
        return GDK_EVENT_PROPAGATE;
      shequ_org_view_move_focus_out_of_tree (self, backward);
      return GDK_EVENT_STOP;
    }

  if (row == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  unit = row_get_unit (row);

  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    keyval = rtl ? GDK_KEY_Left : GDK_KEY_Right;
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    keyval = rtl ? GDK_KEY_Right : GDK_KEY_Left;
  else if (keyval == GDK_KEY_asterisk || keyval == GDK_KEY_KP_Multiply)
    {
      g_autoptr(GtkTreeListRow) tree_row = find_tree_row (self, unit, TRUE);

      if (tree_row != NULL)
        expand_below (self, tree_row);
      return GDK_EVENT_STOP;
    }
  else
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_Right)
    {
      if (gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (gtk_tree_list_row_get_expanded (row))
        {
          g_autoptr(GtkTreeListRow) child = gtk_tree_list_row_get_child_row (row, 0);

          if (child != NULL)
            {
              shequ_org_view_select_unit (self, row_get_unit (child));
              focus_unit_later (self, self->selected_unit, FALSE);
            }
        }
    }
  else
    {
      if (gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, FALSE);
      else if (shequ_unit_get_parent (unit) != NULL)
        {
          shequ_org_view_select_unit (self, shequ_unit_get_parent (unit));
          focus_unit_later (self, self->selected_unit, FALSE);
        }
    }
  return GDK_EVENT_STOP;
}

/* GTK 4.8's list view takes Tab to the next row; the tree is one stop in the Tab
 * chain. With the tree made unfocusable for a moment, the window's own focus chain
 * moves on from where the tree is. */
gboolean
shequ_org_view_move_focus_out_of_tree (ShequOrgView *self,
                                       gboolean      backward)
{
  GtkRoot *root;
  gboolean moved;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root == NULL)
    return FALSE;
  /* The scrolled window, not the column view: it would take the focus itself. */
  gtk_widget_set_can_focus (GTK_WIDGET (self->scrolled_window), FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root),
                                  backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  if (!moved)
    {
      /* At the end of the chain: wrap round, as GtkWindow does. */
      gtk_root_set_focus (root, NULL);
      moved = gtk_widget_child_focus (GTK_WIDGET (root),
                                      backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
    }
  gtk_widget_set_can_focus (GTK_WIDGET (self->scrolled_window), TRUE);
  return moved;
}

gboolean
shequ_org_view_tree_has_focus (ShequOrgView *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  return focus != NULL && (focus == GTK_WIDGET (self->column_view) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)));
}

void
shequ_org_view_focus_tree (ShequOrgView *self)
{
  g_return_if_fail (SHEQU_IS_ORG_VIEW (self));

  if (self->store == NULL)
    return;
  if (self->selected_unit == NULL)
    shequ_org_view_select_unit (self, shequ_org_store_get_street (self->store));
  if (self->selected_unit != NULL)
    focus_unit_later (self, self->selected_unit, FALSE);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
update_actions (ShequOrgView *self)
{
  ShequUnit *unit = self->selected_unit;
  gboolean has_store = self->store != NULL;
  gboolean has_parent = unit != NULL && shequ_unit_get_parent (unit) != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "org.search", has_store);
  gtk_widget_action_set_enabled (widget, "org.add-child",
                                 unit != NULL && unit_can_have_children (unit));
  gtk_widget_action_set_enabled (widget, "org.add-village",
                                 unit != NULL && shequ_unit_get_tier (unit) == SHEQU_TIER_AREA);
  gtk_widget_action_set_enabled (widget, "org.rename", unit != NULL);
  gtk_widget_action_set_enabled (widget, "org.move", has_parent);
  gtk_widget_action_set_enabled (widget, "org.delete", has_parent);
  gtk_widget_action_set_enabled (widget, "org.expand-below",
                                 unit != NULL && shequ_unit_get_n_children (unit) > 0);
  gtk_widget_action_set_enabled (widget, "org.expand-all", has_store);
  gtk_widget_action_set_enabled (widget, "org.collapse-all", has_store);
  gtk_widget_action_set_enabled (widget, "org.context-menu", unit != NULL);
}

/* ------------------------------------------------------------------ drag and drop */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 ShequOrgView  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  ShequUnit *unit = g_object_get_data (G_OBJECT (cell), "shequ-unit");

  /* The street stays where it is. */
  if (unit == NULL || shequ_unit_get_parent (unit) == NULL)
    return NULL;
  return gdk_content_provider_new_typed (SHEQU_TYPE_UNIT, unit);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               ShequOrgView  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  ShequUnit *unit = g_object_get_data (G_OBJECT (cell), "shequ-unit");
  GtkWidget *icon, *box, *label;

  if (unit == NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "shequ-drag-icon");
  gtk_box_append (GTK_BOX (box),
                  gtk_image_new_from_icon_name (shequ_tier_get_icon_name (shequ_unit_get_tier (unit))));
  label = gtk_label_new (shequ_unit_get_name (unit));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (label, 4);
  gtk_widget_set_margin_end (label, 4);
  icon = gtk_drag_icon_get_for_drag (drag);
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), box);
  gtk_drag_source_set_icon (source, NULL, -12, -8);
}

static void
stop_autoscroll (ShequOrgView *self)
{
  if (self->autoscroll_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->scrolled_window), self->autoscroll_id);
      self->autoscroll_id = 0;
    }
  self->drag_inside = FALSE;
}

static void
cancel_hover (ShequOrgView *self)
{
  if (self->keep_hover_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->keep_hover_id);
      self->keep_hover_id = 0;
    }
  g_clear_object (&self->hover_unit);
}

static void
on_drag_end (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             ShequOrgView  *self)
{
  stop_autoscroll (self);
  cancel_hover (self);
}

static gboolean
on_autoscroll_tick (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  ShequOrgView *self = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double height = gtk_widget_get_height (widget);
  double step = 0;

  if (!self->drag_inside)
    return G_SOURCE_CONTINUE;

  if (self->drag_y < AUTOSCROLL_EDGE)
    step = -AUTOSCROLL_MAX_STEP * (AUTOSCROLL_EDGE - self->drag_y) / AUTOSCROLL_EDGE;
  else if (self->drag_y > height - AUTOSCROLL_EDGE)
    step = AUTOSCROLL_MAX_STEP * (self->drag_y - (height - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;

  if (step != 0)
    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + step);
  return G_SOURCE_CONTINUE;
}

static void
on_scroller_drag_motion (GtkDropControllerMotion *motion,
                         double                   x,
                         double                   y,
                         ShequOrgView            *self)
{
  self->drag_y = y;
  self->drag_inside = TRUE;
  if (self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->scrolled_window),
                                                        on_autoscroll_tick, self, NULL);
}

static void
on_scroller_drag_leave (GtkDropControllerMotion *motion,
                        ShequOrgView            *self)
{
  stop_autoscroll (self);
}

/* Where UNIT's name cell is, vertically, in the scrolled window; FALSE if not shown. */
static gboolean
get_cell_y (ShequOrgView *self,
            ShequUnit    *unit,
            double       *y)
{
  GtkWidget *cell = find_name_cell (self, unit);
  graphene_point_t point;

  if (cell == NULL ||
      !gtk_widget_compute_point (cell, GTK_WIDGET (self->scrolled_window),
                                 &GRAPHENE_POINT_INIT (0, 0), &point))
    return FALSE;
  *y = point.y;
  return TRUE;
}

/* GtkTreeExpander expands a row hovered during a drag (after 500 ms). The list keeps
 * its anchor row (the selected one) still, so when that is below, the rows inserted
 * push the hovered row up, away from the pointer: scroll it back under the pointer
 * once the new rows are laid out (a frame or two later). */
static gboolean
on_keep_hover_row_tick (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  double after;

  if (self->hover_unit == NULL || !get_cell_y (self, self->hover_unit, &after))
    {
      self->keep_hover_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (after == self->hover_y && ++self->keep_hover_frames < 6)
    return G_SOURCE_CONTINUE;

  if (after != self->hover_y)
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + (after - self->hover_y));
    }
  self->keep_hover_id = 0;
  return G_SOURCE_REMOVE;
}

static void
keep_hover_row_in_place (ShequOrgView *self)
{
  if (self->hover_unit == NULL)
    return;
  self->keep_hover_frames = 0;
  if (self->keep_hover_id == 0)
    self->keep_hover_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                        on_keep_hover_row_tick,
                                                        self, NULL);
}

static ShequUnit *
drop_target_get_unit (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  if (value == NULL || !G_VALUE_HOLDS (value, SHEQU_TYPE_UNIT))
    return NULL;
  return g_value_get_object (value);
}

static GdkDragAction
drop_action_for (ShequOrgView  *self,
                 GtkDropTarget *target)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  ShequUnit *over = g_object_get_data (G_OBJECT (cell), "shequ-unit");
  ShequUnit *dragged = drop_target_get_unit (target);

  if (over == NULL || self->store == NULL)
    return 0;
  /* Not loaded yet: the drop handler checks again. */
  if (dragged == NULL)
    return GDK_ACTION_MOVE;
  if (dragged == over || shequ_unit_get_parent (dragged) == over)
    return 0;
  return shequ_org_store_can_move_unit (self->store, dragged, over, NULL) ? GDK_ACTION_MOVE : 0;
}

static GdkDragAction
on_drop_enter (GtkDropTarget *target,
               double         x,
               double         y,
               ShequOrgView  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  ShequUnit *unit = g_object_get_data (G_OBJECT (cell), "shequ-unit");

  cancel_hover (self);
  if (unit != NULL && get_cell_y (self, unit, &self->hover_y))
    self->hover_unit = g_object_ref (unit);
  return drop_action_for (self, target);
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                ShequOrgView  *self)
{
  return drop_action_for (self, target);
}

static void
on_drop_leave (GtkDropTarget *target,
               ShequOrgView  *self)
{
  cancel_hover (self);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ShequOrgView  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  ShequUnit *over = g_object_get_data (G_OBJECT (cell), "shequ-unit");
  g_autoptr(GError) error = NULL;
  ShequUnit *unit;

  cancel_hover (self);
  stop_autoscroll (self);

  if (!G_VALUE_HOLDS (value, SHEQU_TYPE_UNIT) || over == NULL)
    return FALSE;
  unit = g_value_get_object (value);
  if (unit == NULL || shequ_unit_get_parent (unit) == over)
    return FALSE;

  if (!shequ_org_view_drop_unit (self, unit, over, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
shequ_org_view_drop_unit (ShequOrgView  *self,
                          ShequUnit     *unit,
                          ShequUnit     *target,
                          GError       **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (target), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!shequ_org_store_move_unit (self->store, unit, target, error))
    return FALSE;

  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  shequ_org_view_select_unit (self, unit);
  return TRUE;
}

/* ------------------------------------------------------------------ public */

ShequOrgStore *
shequ_org_view_get_store (ShequOrgView *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  return self->store;
}

void
shequ_org_view_set_store (ShequOrgView  *self,
                          ShequOrgStore *store)
{
  g_return_if_fail (SHEQU_IS_ORG_VIEW (self));
  g_return_if_fail (store == NULL || SHEQU_IS_ORG_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      if (is_searching (self))
        shequ_org_store_search (self->store, "");
    }
  clear_models (self);
  g_clear_pointer (&self->saved_expansion, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  self->search_text = g_strdup ("");
  self->n_matches = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);

  g_set_object (&self->store, store);
  shequ_unit_detail_set_store (self->detail, store);
  shequ_unit_detail_set_unit (self->detail, NULL);

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed),
                               self, G_CONNECT_SWAPPED);
      build_models (self);
      restore_expansion (self);
    }

  update_match_label (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UNIT]);
}

ShequUnit *
shequ_org_view_get_selected_unit (ShequOrgView *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  return self->selected_unit;
}

void
shequ_org_view_select_unit (ShequOrgView *self,
                            ShequUnit    *unit)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  guint position;

  g_return_if_fail (SHEQU_IS_ORG_VIEW (self));
  g_return_if_fail (unit == NULL || SHEQU_IS_UNIT (unit));

  if (self->selection == NULL)
    return;
  if (unit == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  row = find_tree_row (self, unit, TRUE);
  if (row == NULL && is_searching (self))
    {
      /* Hidden by the search: end it so the unit can be shown. */
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      apply_search (self, "");
      row = find_tree_row (self, unit, TRUE);
    }
  if (row == NULL)
    return;

  position = sort_position_of_row (self, row);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_position (self, position);

  /* Coming from elsewhere (the compliance panel, now hidden, had the focus): the
   * keyboard continues from the unit shown. */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    if (root != NULL && (focus == NULL || !gtk_widget_get_mapped (focus)))
      focus_unit_later (self, unit, FALSE);
  }
}

void
shequ_org_view_start_search (ShequOrgView *self)
{
  g_return_if_fail (SHEQU_IS_ORG_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
shequ_org_view_set_search_text (ShequOrgView *self,
                                const char   *text)
{
  g_return_if_fail (SHEQU_IS_ORG_VIEW (self));

  if (text != NULL && text[0] != '\0')
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  /* Applied now; the entry's own "search-changed" is not needed. */
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed, self);
  apply_search (self, text);
  if (text == NULL || text[0] == '\0')
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

GtkColumnView *
shequ_org_view_get_column_view (ShequOrgView *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  return self->column_view;
}

ShequUnitDetail *
shequ_org_view_get_detail (ShequOrgView *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  return self->detail;
}

guint
shequ_org_view_get_match_count (ShequOrgView *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), 0);
  return is_searching (self) ? self->n_matches : 0;
}

GtkWidget *
shequ_org_view_get_name_cell (ShequOrgView *self,
                              ShequUnit    *unit)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  return find_name_cell (self, unit);
}

gboolean
shequ_org_view_is_unit_shown (ShequOrgView *self,
                              ShequUnit    *unit)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);

  row = find_tree_row (self, unit, FALSE);
  return row != NULL && sort_position_of_row (self, row) != GTK_INVALID_LIST_POSITION;
}

/* The label a realised cell of COLUMN_ID shows for UNIT, found in the widget tree. */
static GtkLabel *
find_cell_label (GtkWidget  *widget,
                 ShequUnit  *unit,
                 const char *column_id)
{
  const char *id = g_object_get_data (G_OBJECT (widget), "shequ-column");

  if (id != NULL && g_strcmp0 (id, column_id) == 0 &&
      g_object_get_data (G_OBJECT (widget), "shequ-unit") == unit &&
      gtk_widget_get_realized (widget))
    return g_object_get_data (G_OBJECT (widget), "shequ-label");

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_cell_label (child, unit, column_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
shequ_org_view_dup_cell_text (ShequOrgView *self,
                              ShequUnit    *unit,
                              const char   *column_id)
{
  GtkLabel *label;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);
  g_return_val_if_fail (column_id != NULL, NULL);

  label = find_cell_label (GTK_WIDGET (self->column_view), unit, column_id);
  return label != NULL ? g_strdup (gtk_label_get_text (label)) : NULL;
}

PangoAttrList *
shequ_org_view_get_cell_attributes (ShequOrgView *self,
                                    ShequUnit    *unit,
                                    const char   *column_id)
{
  GtkLabel *label;
  PangoAttrList *attrs;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);

  label = find_cell_label (GTK_WIDGET (self->column_view), unit, column_id);
  attrs = label != NULL ? gtk_label_get_attributes (label) : NULL;
  return attrs != NULL ? pango_attr_list_ref (attrs) : NULL;
}

/* ------------------------------------------------------------------ GObject */

static void
shequ_org_view_map (GtkWidget *widget)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);

  GTK_WIDGET_CLASS (shequ_org_view_parent_class)->map (widget);

  /* Once, when first shown: a saved position beats the template's. */
  if (self->settings != NULL && !g_object_get_data (G_OBJECT (self), "shequ-pane-restored"))
    {
      g_object_set_data (G_OBJECT (self), "shequ-pane-restored", GINT_TO_POINTER (1));
      /* Never moved: the paned gives the detail its natural width, the tree the rest. */
      if (shequ_settings_has_key (self->settings, "detail-pane-position"))
        {
          g_autoptr(GVariant) saved = g_settings_get_user_value (self->settings,
                                                                 "detail-pane-position");

          if (saved != NULL && g_variant_get_int32 (saved) > 200)
            gtk_paned_set_position (self->paned, g_variant_get_int32 (saved));
        }
    }
}

static void
shequ_org_view_dispose (GObject *object)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (object);

  if (self->save_expanded_id != 0)
    {
      g_clear_handle_id (&self->save_expanded_id, g_source_remove);
      save_expanded_cb (self);
    }
  if (self->save_pane_id != 0)
    {
      g_clear_handle_id (&self->save_pane_id, g_source_remove);
      save_pane_cb (self);
    }
  g_clear_handle_id (&self->empty_search_id, g_source_remove);
  g_clear_handle_id (&self->column_visibility_id, g_source_remove);
  if (self->pending_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_tick_id);
      self->pending_tick_id = 0;
    }
  stop_autoscroll (self);
  cancel_hover (self);
  g_clear_object (&self->pending_unit);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->rename_popover, gtk_widget_unparent);
  if (self->column_view != NULL)
    clear_models (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_ORG_VIEW);
  /* Template children without an id are not cleared by the call above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  g_clear_object (&self->row_sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shequ_org_view_parent_class)->dispose (object);
}

static void
shequ_org_view_finalize (GObject *object)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (object);

  g_clear_pointer (&self->name_cells, g_hash_table_unref);
  g_clear_pointer (&self->child_rows, g_hash_table_unref);
  g_clear_pointer (&self->watched_empty, g_hash_table_unref);
  g_clear_pointer (&self->emptied, g_hash_table_unref);
  g_clear_pointer (&self->saved_expansion, g_hash_table_unref);
  g_free (self->search_text);

  G_OBJECT_CLASS (shequ_org_view_parent_class)->finalize (object);
}

static void
shequ_org_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTED_UNIT:
      g_value_set_object (value, self->selected_unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_org_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      shequ_org_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_UNIT:
      shequ_org_view_select_unit (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_org_view_class_init (ShequOrgViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_org_view_dispose;
  object_class->finalize = shequ_org_view_finalize;
  object_class->get_property = shequ_org_view_get_property;
  object_class->set_property = shequ_org_view_set_property;
  widget_class->map = shequ_org_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_ORG_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_UNIT] =
    g_param_spec_object ("selected-unit", NULL, NULL, SHEQU_TYPE_UNIT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHEQU_TYPE_UNIT_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/shequ/Shequ/ui/shequ-org-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, match_label);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, info_bar);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, info_label);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, paned);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, column_view);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, detail);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgView, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_paned_position_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);

  gtk_widget_class_install_action (widget_class, "org.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "org.add-child", NULL, add_child_action);
  gtk_widget_class_install_action (widget_class, "org.add-village", NULL, add_village_action);
  gtk_widget_class_install_action (widget_class, "org.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "org.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "org.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "org.expand-below", NULL, expand_below_action);
  gtk_widget_class_install_action (widget_class, "org.expand-all", NULL, expand_all_action);
  gtk_widget_class_install_action (widget_class, "org.collapse-all", NULL, collapse_all_action);
  gtk_widget_class_install_action (widget_class, "org.context-menu", NULL, context_menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "org.search", NULL);

  gtk_widget_class_set_css_name (widget_class, "shequ-org-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
add_tree_shortcut (GtkShortcutController *controller,
                   guint                  keyval,
                   GdkModifierType        modifiers,
                   const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action)));
}

static void
shequ_org_view_init (ShequOrgView *self)
{
  GtkEventController *controller;
  GtkShortcutController *shortcuts;
  GtkSorter *column_sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
  /* The column headings are a row of GTK's own too (GtkListItemWidget). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      /* The list inside, focusable when it has no rows: named as the view is. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organisation"), -1);
    else if (!GTK_IS_SCROLLBAR (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column headings"), -1);
  /* GTK's own close buttons are icons without a name. */
  {
    GtkWidget *close = shequ_widget_find_descendant (GTK_WIDGET (self->search_bar),
                                                     GTK_TYPE_BUTTON);

    if (close != NULL)
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (close),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Search"), -1);
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
        gtk_widget_set_tooltip_text (close, _("Close Search"));
      }
    close = shequ_widget_find_descendant (GTK_WIDGET (self->info_bar), GTK_TYPE_BUTTON);
    if (close != NULL)
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (close),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Message"), -1);
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
        gtk_widget_set_tooltip_text (close, _("Close Message"));
      }
  }

  self->search_text = g_strdup ("");
  self->name_cells = g_hash_table_new (NULL, NULL);
  self->child_rows = g_hash_table_new (NULL, NULL);
  self->watched_empty = g_hash_table_new_full (NULL, NULL, g_object_unref, empty_watch_free);
  self->emptied = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->filter = GTK_FILTER (gtk_custom_filter_new (unit_filter_func, self, NULL));
  self->settings = shequ_settings_try_new ();

  add_columns (self);
  column_sorter = gtk_column_view_get_sorter (self->column_view);
  self->row_sorter = gtk_tree_list_row_sorter_new (g_object_ref (column_sorter));
  g_signal_connect_object (column_sorter, "changed",
                           G_CALLBACK (on_column_sorter_changed), self, 0);

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled_window),
                           "notify::page-size", G_CALLBACK (on_viewport_width_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  /* Tree keys live on the tree, so Delete in an entry of the detail pane stays there. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  add_tree_shortcut (shortcuts, GDK_KEY_F2, 0, "org.rename");
  add_tree_shortcut (shortcuts, GDK_KEY_Delete, 0, "org.delete");
  add_tree_shortcut (shortcuts, GDK_KEY_KP_Delete, 0, "org.delete");
  add_tree_shortcut (shortcuts, GDK_KEY_Insert, 0, "org.add-child");
  add_tree_shortcut (shortcuts, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "org.add-child");
  add_tree_shortcut (shortcuts, GDK_KEY_m, GDK_CONTROL_MASK, "org.move");
  add_tree_shortcut (shortcuts, GDK_KEY_Menu, 0, "org.context-menu");
  add_tree_shortcut (shortcuts, GDK_KEY_F10, GDK_SHIFT_MASK, "org.context-menu");
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (shortcuts));

  /* Capture phase: the inner list view would take Left/Right for its own use. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_tree_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);

  controller = gtk_drop_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  /* Not "enter": GTK 4.8 reports it at 0,0, which would scroll up at once. */
  g_signal_connect (controller, "motion", G_CALLBACK (on_scroller_drag_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_scroller_drag_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), controller);

  update_match_label (self);
  update_actions (self);
}
