/* shequ-org-view-models.c — the tree's list models: roots, children, filter, sort, selection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-view"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-org-view-private.h"

static void watch_empty_unit (ShequOrgView *self,
                              ShequUnit    *unit);

/* ------------------------------------------------------------------ models */

gboolean
_shequ_org_view_unit_filter_func (gpointer item,
                                  gpointer user_data)
{
  ShequOrgView *self = user_data;

  if (!_shequ_org_view_is_searching (self))
    return TRUE;
  /* A unit renamed during the search stays in view, with its ancestors, even if
   * its new name does not match. */
  for (ShequUnit *u = self->keep_visible; u != NULL; u = shequ_unit_get_parent (u))
    if (u == item)
      return TRUE;
  return shequ_org_store_get_search_state (self->store, item) != SHEQU_SEARCH_NONE;
}

/* The model that holds UNIT's row: its parent's children, or the roots. */
static ShequFreezeListModel *
lookup_rows_holding (ShequOrgView *self,
                     ShequUnit    *unit)
{
  ShequUnit *parent = shequ_unit_get_parent (unit);

  g_assert (SHEQU_IS_ORG_VIEW (self));

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

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (rows == NULL || !_shequ_org_view_model_find (G_LIST_MODEL (rows), unit, &position))
    return;
  shequ_freeze_list_model_item_changed (rows, position);
  if (was_selected && self->selected_unit != unit)
    shequ_org_view_select_unit (self, unit);
  /* The row is a new one: the keyboard stays with it. */
  if (was_selected && had_focus)
    _shequ_org_view_focus_unit_later (self, unit, FALSE);
}


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

void
_shequ_org_view_empty_watch_free (gpointer data)
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

  g_assert (SHEQU_IS_ORG_VIEW (self));

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
  if (!_shequ_org_view_unit_can_have_children (unit))
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

void
_shequ_org_view_on_column_sorter_changed (GtkSorter       *sorter,
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
on_tree_items_changed (ShequOrgView *self)
{
  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (self->hover_unit != NULL)
    _shequ_org_view_keep_hover_row_in_place (self);
  if (!self->restoring && !_shequ_org_view_is_searching (self))
    _shequ_org_view_schedule_save_expanded (self);
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

  g_assert (SHEQU_IS_ORG_VIEW (self));

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
    _shequ_org_view_focus_unit_later (self, target, FALSE);
}

void
_shequ_org_view_on_store_changed (ShequOrgView *self)
{
  _shequ_org_view_finish_restore (self);
  /* The store re-runs the search after a change; rows added, moved or renamed are
   * judged again, and the count follows. */
  if (_shequ_org_view_is_searching (self))
    {
      self->n_matches = shequ_org_store_search (self->store, self->search_text);
      /* Renamed (here, in the detail pane or by an undo) so that it no longer
       * matches: the unit being worked on stays in view, the search goes on. */
      if (self->selected_unit != NULL &&
          shequ_org_store_get_search_state (self->store, self->selected_unit) == SHEQU_SEARCH_NONE &&
          (shequ_unit_get_parent (self->selected_unit) != NULL ||
           shequ_org_store_get_street (self->store) == self->selected_unit))
        g_set_object (&self->keep_visible, self->selected_unit);
      self->restoring = TRUE;
      _shequ_org_view_freeze_view (self);
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
      if (self->n_matches < MAX_AUTOEXPAND_MATCHES)
        _shequ_org_view_expand_ancestor_rows (self);
      if (self->keep_visible != NULL)
        {
          GtkTreeListRow *kept = _shequ_org_view_find_tree_row (self, self->keep_visible, TRUE);

          g_clear_object (&kept);
        }
      _shequ_org_view_thaw_view (self);
      self->restoring = FALSE;
      if (self->selected_unit != NULL)
        shequ_org_view_select_unit (self, self->selected_unit);
      _shequ_org_view_refresh_name_cells (self);
      _shequ_org_view_update_match_label (self);
    }
  restore_selection_after_change (self);
  _shequ_org_view_update_actions (self);
}

void
_shequ_org_view_clear_models (ShequOrgView *self)
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

void
_shequ_org_view_build_models (ShequOrgView *self)
{
  GtkSorter *column_sorter = gtk_column_view_get_sorter (self->column_view);

  self->root_filter = gtk_filter_list_model_new (g_object_ref (shequ_org_store_get_roots (self->store)),
                                                 g_object_ref (self->filter));
  self->root_rows = shequ_freeze_list_model_new (G_LIST_MODEL (self->root_filter));
  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root_rows)),
                                              FALSE, FALSE,
                                              create_child_model, self, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->tree_model)), NULL);
  _shequ_org_view_on_column_sorter_changed (column_sorter, GTK_SORTER_CHANGE_DIFFERENT, self);

  self->freeze_model = shequ_freeze_list_model_new (G_LIST_MODEL (self->sort_model));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->freeze_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (_shequ_org_view_on_selection_changed), self);
  g_signal_connect_swapped (self->tree_model, "items-changed",
                            G_CALLBACK (on_tree_items_changed), self);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}
