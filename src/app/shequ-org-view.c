/* shequ-org-view.c — the organisation tree: the widget, its template and public API */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-view"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-application.h"
#include "shequ-org-view-private.h"
#include "shequ-unit-detail.h"

#define FIND_CELL_FRAMES       8

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequOrgView, shequ_org_view, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------ helpers */

gboolean
_shequ_org_view_is_searching (ShequOrgView *self)
{
  return self->search_text != NULL && self->search_text[0] != '\0';
}

gboolean
_shequ_org_view_unit_can_have_children (ShequUnit *unit)
{
  return shequ_tier_default_child (shequ_unit_get_tier (unit)) != SHEQU_N_TIERS;
}

gboolean
_shequ_org_view_model_find (GListModel *model,
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

ShequUnit *
_shequ_org_view_row_get_unit (GtkTreeListRow *row)
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
  g_assert (SHEQU_IS_ORG_VIEW (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }
  return NULL;
}

GtkWidget *
_shequ_org_view_find_name_cell (ShequOrgView *self,
                                ShequUnit    *unit)
{
  return _shequ_org_view_find_cell (self, unit, "name");
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
GtkTreeListRow *
_shequ_org_view_find_tree_row (ShequOrgView *self,
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

  if (!_shequ_org_view_model_find (G_LIST_MODEL (self->root_filter), chain->pdata[0], &position))
    return NULL;
  row = gtk_tree_list_model_get_child_row (self->tree_model, position);
  /* A root already in its place (the street, selected at start) needs no more of the
   * restored expansion; any other row's place may still move. */
  if (self->restore_pending &&
      (chain->len > 1 || row == NULL ||
       gtk_tree_list_row_get_position (row) >= self->restore_position))
    {
      g_clear_object (&row);
      _shequ_org_view_finish_restore (self);
      if (!_shequ_org_view_model_find (G_LIST_MODEL (self->root_filter), chain->pdata[0],
                                       &position))
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
      if (children == NULL || !_shequ_org_view_model_find (children, chain->pdata[i], &position))
        return NULL;
      child = gtk_tree_list_row_get_child_row (row, position);
      g_clear_object (&row);
      row = child;
    }

  return g_steal_pointer (&row);
}

/* Position of ROW in the sorted model the column view shows. */
guint
_shequ_org_view_sort_position_of_row (ShequOrgView   *self,
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
  if (_shequ_org_view_model_find (model, row, &position))
    return position;
  return GTK_INVALID_LIST_POSITION;
}

GtkTreeListRow *
_shequ_org_view_get_selected_row (ShequOrgView *self)
{
  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

void
_shequ_org_view_scroll_to_position (ShequOrgView *self,
                                    guint         position)
{
  GtkWidget *list_view = find_inner_list_view (self);

  /* GTK 4.8 has no gtk_column_view_scroll_to(). */
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

void
_shequ_org_view_collect_expanded_codes (ShequOrgView *self,
                                        GPtrArray    *codes)
{
  guint n;

  _shequ_org_view_finish_restore (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);

      if (row != NULL && gtk_tree_list_row_get_expanded (row))
        {
          ShequUnit *unit = _shequ_org_view_row_get_unit (row);

          if (unit != NULL)
            g_ptr_array_add (codes, g_strdup (shequ_unit_get_code (unit)));
        }
    }
}

/* Expands, in one pass from the top, every row whose unit's code is in CODES (parents
 * come before children, so a restored child row exists when it is reached). */
void
_shequ_org_view_expand_codes (ShequOrgView *self,
                              GHashTable   *codes)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);
      ShequUnit *unit = _shequ_org_view_row_get_unit (row);

      if (unit != NULL && g_hash_table_contains (codes, shequ_unit_get_code (unit)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

void
_shequ_org_view_collapse_all_rows (ShequOrgView *self)
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

  cell = _shequ_org_view_find_name_cell (self, self->pending_unit);
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
    _shequ_org_view_start_rename (self, self->pending_unit);

  self->pending_tick_id = 0;
  self->pending_rename = FALSE;
  g_clear_object (&self->pending_unit);
  return G_SOURCE_REMOVE;
}

void
_shequ_org_view_focus_unit_later (ShequOrgView *self,
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
void
_shequ_org_view_freeze_view (ShequOrgView *self)
{
  if (self->freeze_model != NULL)
    shequ_freeze_list_model_freeze (self->freeze_model);
}

void
_shequ_org_view_thaw_view (ShequOrgView *self)
{
  if (self->freeze_model != NULL)
    shequ_freeze_list_model_thaw (self->freeze_model);
}

/* ------------------------------------------------------------------ public */

void
shequ_org_view_set_store (ShequOrgView  *self,
                          ShequOrgStore *store)
{
  g_autoptr(ShequSession) session = NULL;

  g_return_if_fail (SHEQU_IS_ORG_VIEW (self));
  g_return_if_fail (store == NULL || SHEQU_IS_ORG_STORE (store));

  if (self->store == store)
    return;
  session = store != NULL ? shequ_session_new (store) : NULL;
  shequ_org_view_set_session (self, session);
}

ShequSession *
shequ_org_view_get_session (ShequOrgView *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  return self->session;
}

void
shequ_org_view_set_session (ShequOrgView *self,
                            ShequSession *session)
{
  ShequOrgStore *store = session != NULL ? shequ_session_get_store (session) : NULL;

  g_return_if_fail (SHEQU_IS_ORG_VIEW (self));
  g_return_if_fail (session == NULL || SHEQU_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      if (_shequ_org_view_is_searching (self))
        shequ_org_store_search (self->store, "");
    }
  _shequ_org_view_clear_models (self);
  g_clear_pointer (&self->saved_expansion, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  self->search_text = g_strdup ("");
  self->n_matches = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);

  g_set_object (&self->session, session);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->session_signals, session);
  shequ_unit_detail_set_session (self->detail, session);

  if (store != NULL)
    {
      g_signal_connect_object (store, "applied", G_CALLBACK (_shequ_org_view_on_store_changed),
                               self, G_CONNECT_SWAPPED);
      _shequ_org_view_build_models (self);
      _shequ_org_view_restore_expansion (self);
      /* A session another view already selected in. */
      _shequ_org_view_follow_session (self, FALSE);
    }

  _shequ_org_view_update_match_label (self);
  _shequ_org_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
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
  return _shequ_org_view_is_searching (self) ? self->n_matches : 0;
}

GtkWidget *
shequ_org_view_get_name_cell (ShequOrgView *self,
                              ShequUnit    *unit)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  return _shequ_org_view_find_name_cell (self, unit);
}

gboolean
shequ_org_view_is_unit_shown (ShequOrgView *self,
                              ShequUnit    *unit)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);

  row = _shequ_org_view_find_tree_row (self, unit, FALSE);
  return row != NULL && _shequ_org_view_sort_position_of_row (self, row) != GTK_INVALID_LIST_POSITION;
}

/* The label a realised cell of COLUMN_ID shows for UNIT. */
static GtkLabel *
find_cell_label (ShequOrgView *self,
                 ShequUnit    *unit,
                 const char   *column_id)
{
  GtkWidget *cell = _shequ_org_view_find_cell (self, unit, column_id);

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (cell == NULL || !gtk_widget_get_realized (cell))
    return NULL;
  return _shequ_org_view_cell_get_label (cell);
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

  label = find_cell_label (self, unit, column_id);
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

  label = find_cell_label (self, unit, column_id);
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
  if (self->settings != NULL && !self->pane_restored)
    {
      self->pane_restored = TRUE;
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
      _shequ_org_view_save_expanded_cb (self);
    }
  if (self->save_pane_id != 0)
    {
      g_clear_handle_id (&self->save_pane_id, g_source_remove);
      _shequ_org_view_save_pane_cb (self);
    }
  g_clear_handle_id (&self->empty_search_id, g_source_remove);
  g_clear_handle_id (&self->column_visibility_id, g_source_remove);
  if (self->pending_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_tick_id);
      self->pending_tick_id = 0;
    }
  _shequ_org_view_stop_autoscroll (self);
  _shequ_org_view_cancel_hover (self);
  g_clear_object (&self->pending_unit);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->rename_popover, gtk_widget_unparent);
  if (self->column_view != NULL)
    _shequ_org_view_clear_models (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_ORG_VIEW);
  /* Template children without an id are not cleared by the call above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  g_clear_object (&self->row_sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shequ_org_view_parent_class)->dispose (object);
}

static void
shequ_org_view_finalize (GObject *object)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (object);

  g_clear_pointer (&self->cells, g_hash_table_unref);
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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
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
    case PROP_SESSION:
      shequ_org_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_STORE:
      shequ_org_view_set_store (self, g_value_get_object (value));
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

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SHEQU_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_ORG_STORE,
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
  _shequ_org_view_class_search_init (widget_class);
  _shequ_org_view_class_state_init (widget_class);
  _shequ_org_view_class_actions_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "shequ-org-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
add_tree_accels (GtkShortcutController *controller,
                 const char            *action,
                 const char * const    *accels)
{
  for (guint k = 0; accels[k] != NULL; k++)
    {
      guint keyval;
      GdkModifierType modifiers;

      if (!gtk_accelerator_parse (accels[k], &keyval, &modifiers))
        g_error ("Bad accelerator %s", accels[k]);
      gtk_shortcut_controller_add_shortcut (controller,
                                            gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                              gtk_named_action_new (action)));
    }
}

/* The org. keys of the app's one shortcut table, with the keys that act only here,
 * live on the tree, so Delete in an entry of the detail pane stays there. The window
 * forwards the same keys from elsewhere (Ctrl+F from the detail pane searches). */
static void
add_tree_shortcuts (ShequOrgView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const ShequShortcut *shortcuts;
  guint n_shortcuts;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  gtk_event_controller_set_name (controller, "shequ-tree-shortcuts");
  shortcuts = shequ_application_get_shortcuts (&n_shortcuts);
  for (guint i = 0; i < n_shortcuts; i++)
    {
      if (!g_str_has_prefix (shortcuts[i].action, "org."))
        continue;
      add_tree_accels (GTK_SHORTCUT_CONTROLLER (controller), shortcuts[i].action,
                       shortcuts[i].accels);
      add_tree_accels (GTK_SHORTCUT_CONTROLLER (controller), shortcuts[i].action,
                       shortcuts[i].tree_accels);
    }
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);
}

static void
shequ_org_view_init (ShequOrgView *self)
{
  GtkEventController *controller;
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
  self->cells = g_hash_table_new_full (NULL, NULL, NULL, _shequ_org_view_cell_free);
  self->child_rows = g_hash_table_new (NULL, NULL);
  self->watched_empty = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                               _shequ_org_view_empty_watch_free);
  self->emptied = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->filter = GTK_FILTER (gtk_custom_filter_new (_shequ_org_view_unit_filter_func, self, NULL));
  self->settings = shequ_settings_try_new ();
  self->session_signals = g_signal_group_new (SHEQU_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::selected-unit",
                                 G_CALLBACK (_shequ_org_view_on_session_selected_unit_changed), self,
                                 G_CONNECT_SWAPPED);

  _shequ_org_view_add_columns (self);
  column_sorter = gtk_column_view_get_sorter (self->column_view);
  self->row_sorter = gtk_tree_list_row_sorter_new (g_object_ref (column_sorter));
  g_signal_connect_object (column_sorter, "changed",
                           G_CALLBACK (_shequ_org_view_on_column_sorter_changed), self, 0);

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled_window),
                           "notify::page-size",
                           G_CALLBACK (_shequ_org_view_on_viewport_width_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  add_tree_shortcuts (self);

  /* Capture phase: the inner list view would take Left/Right for its own use. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed",
                    G_CALLBACK (_shequ_org_view_on_tree_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);

  controller = gtk_drop_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  /* Not "enter": GTK 4.8 reports it at 0,0, which would scroll up at once. */
  g_signal_connect (controller, "motion",
                    G_CALLBACK (_shequ_org_view_on_scroller_drag_motion), self);
  g_signal_connect (controller, "leave",
                    G_CALLBACK (_shequ_org_view_on_scroller_drag_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), controller);

  _shequ_org_view_update_match_label (self);
  _shequ_org_view_update_actions (self);
}
