/* shequ-org-view-search.c — the search bar: filtering, matches and moving between them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-view"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-org-view-private.h"

/* ------------------------------------------------------------------ search */

void
_shequ_org_view_update_match_label (ShequOrgView *self)
{
  g_autofree char *text = NULL;

  if (!_shequ_org_view_is_searching (self))
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
void
_shequ_org_view_expand_ancestor_rows (ShequOrgView *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);
      ShequUnit *unit = _shequ_org_view_row_get_unit (row);

      if (unit != NULL &&
          shequ_org_store_get_search_state (self->store, unit) == SHEQU_SEARCH_ANCESTOR &&
          !gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
apply_search (ShequOrgView *self,
              const char   *text)
{
  gboolean was_searching = _shequ_org_view_is_searching (self);
  gboolean now_searching;
  g_autoptr(ShequUnit) keep_selected = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  g_assert (SHEQU_IS_ORG_VIEW (self));

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
      _shequ_org_view_update_match_label (self);
      return;
    }

  if (now_searching && !was_searching)
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();

      g_clear_handle_id (&self->save_expanded_id, g_source_remove);
      g_clear_pointer (&self->saved_expansion, g_hash_table_unref);
      self->saved_expansion = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      _shequ_org_view_collect_expanded_codes (self, codes);
      for (guint i = 0; i < codes->len; i++)
        g_hash_table_add (self->saved_expansion, codes->pdata[i]);
    }

  self->n_matches = shequ_org_store_search (self->store, text);

  self->restoring = TRUE;
  _shequ_org_view_freeze_view (self);
  if (now_searching)
    {
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
      /* Not GtkTreeListModel:autoexpand, which would also open every match (rows
       * whose children are all filtered out) and could not be bounded. */
      if (self->n_matches < MAX_AUTOEXPAND_MATCHES)
        _shequ_org_view_expand_ancestor_rows (self);
    }
  else
    {
      keep_selected = self->selected_unit ? g_object_ref (self->selected_unit) : NULL;
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
      if (was_searching && self->saved_expansion != NULL)
        {
          _shequ_org_view_collapse_all_rows (self);
          _shequ_org_view_expand_codes (self, self->saved_expansion);
        }
      g_clear_pointer (&self->saved_expansion, g_hash_table_unref);
    }
  _shequ_org_view_thaw_view (self);
  self->restoring = FALSE;

  _shequ_org_view_refresh_name_cells (self);
  _shequ_org_view_update_match_label (self);

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

  g_assert (SHEQU_IS_ORG_VIEW (self));

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
  g_assert (SHEQU_IS_ORG_VIEW (self));

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

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (self->selection == NULL || !_shequ_org_view_is_searching (self))
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
      ShequUnit *unit = _shequ_org_view_row_get_unit (row);

      if (unit != NULL && shequ_org_store_get_search_state (self->store, unit) == SHEQU_SEARCH_MATCH)
        {
          gtk_single_selection_set_selected (self->selection, i);
          _shequ_org_view_scroll_to_position (self, i);
          return;
        }
    }
}

static void
on_search_activate (ShequOrgView *self)
{
  g_assert (SHEQU_IS_ORG_VIEW (self));

  select_match (self, TRUE);
  if (self->selected_unit != NULL)
    _shequ_org_view_focus_unit_later (self, self->selected_unit, FALSE);
}

static void
on_search_next_match (ShequOrgView *self)
{
  g_assert (SHEQU_IS_ORG_VIEW (self));

  select_match (self, TRUE);
}

static void
on_search_previous_match (ShequOrgView *self)
{
  g_assert (SHEQU_IS_ORG_VIEW (self));

  select_match (self, FALSE);
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

/* Called from shequ_org_view_class_init (). */
void
_shequ_org_view_class_search_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous_match);
}
