/* shequ-org-view-selection.c — the tree's side of the session: its unit shown and selected */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-view"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-org-view-private.h"
#include "shequ-rename-popover.h"

/* The session owns the selected unit; the tree maps it to its selection model (rows
 * expanded, scrolled to, revealed during a search) and the user's selection back. */

/* The user moved the tree's selection: the session hears of it, and every view
 * follows (the tree too, through on_session_selected_unit_changed). */
void
_shequ_org_view_on_selection_changed (ShequOrgView *self)
{
  GtkTreeListRow *row = _shequ_org_view_get_selected_row (self);

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (self->following || self->session == NULL)
    return;
  shequ_session_set_selected_unit (self->session, _shequ_org_view_row_get_unit (row));
}

/* Selected elsewhere (the compliance panel, the map) but hidden by the search. The
 * search is the user's: its text and matches stay, and the unit is shown among them
 * with its ancestors until the search ends or changes, as a unit renamed out of the
 * search is (keep_visible). Ending the search instead would throw away what the user
 * typed and the matches being worked through. */
static void
reveal_during_search (ShequOrgView *self,
                      ShequUnit    *unit)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  g_set_object (&self->keep_visible, unit);
  self->restoring = TRUE;
  _shequ_org_view_freeze_view (self);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  /* Its ancestors opened in the same frozen change as the filter's. */
  row = _shequ_org_view_find_tree_row (self, unit, TRUE);
  _shequ_org_view_thaw_view (self);
  self->restoring = FALSE;
}

/* Expands the ancestors of UNIT, scrolls to it and selects its row; no row is selected
 * when UNIT is NULL or has none (the tree never shows another unit than the session's). */
static void
show_selected_unit (ShequOrgView *self,
                    ShequUnit    *unit)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  guint position;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (self->selection == NULL)
    return;
  if (unit != NULL)
    row = _shequ_org_view_find_tree_row (self, unit, TRUE);
  if (unit != NULL && row == NULL && _shequ_org_view_is_searching (self))
    {
      reveal_during_search (self, unit);
      row = _shequ_org_view_find_tree_row (self, unit, TRUE);
    }
  position = row != NULL ? _shequ_org_view_sort_position_of_row (self, row)
                         : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }
  gtk_single_selection_set_selected (self->selection, position);
  _shequ_org_view_scroll_to_position (self, position);

  /* Coming from elsewhere (the compliance panel, now hidden, had the focus): the
   * keyboard continues from the unit shown. */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    if (root != NULL && (focus == NULL || !gtk_widget_get_mapped (focus)))
      _shequ_org_view_focus_unit_later (self, unit, FALSE);
  }
}

/* Shows the session's unit in the tree; the selection model's changes meanwhile
 * (rows expanded, filtered or re-sorted on the way) are the tree's, not the user's. */
void
_shequ_org_view_follow_session (ShequOrgView *self,
                                gboolean      force)
{
  ShequUnit *unit = self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL;
  GtkTreeListRow *row = _shequ_org_view_get_selected_row (self);
  gboolean was_following = self->following;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (unit != NULL)
    {
      ShequUnit *parent = shequ_unit_get_parent (unit);

      g_set_object (&self->last_parent, (parent != NULL ? parent : unit));
    }
  g_set_object (&self->selected_unit, unit);
  /* The unit being renamed is no longer the one in view (deleted, or another chosen
   * elsewhere): the popover would rename what the user no longer sees. */
  if (self->rename_popover != NULL && gtk_widget_get_visible (self->rename_popover) &&
      shequ_rename_popover_get_unit (SHEQU_RENAME_POPOVER (self->rename_popover)) != unit)
    gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
  /* Selected in the tree itself: already shown. FORCE brings it back into view. */
  if (!force && _shequ_org_view_row_get_unit (row) == unit)
    {
      _shequ_org_view_update_actions (self);
      return;
    }
  self->following = TRUE;
  show_selected_unit (self, unit);
  self->following = was_following;
  _shequ_org_view_update_actions (self);
}

void
_shequ_org_view_on_session_selected_unit_changed (ShequOrgView *self)
{
  _shequ_org_view_follow_session (self, FALSE);
}

ShequUnit *
shequ_org_view_get_selected_unit (ShequOrgView *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), NULL);
  return self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL;
}

void
shequ_org_view_select_unit (ShequOrgView *self,
                            ShequUnit    *unit)
{
  g_return_if_fail (SHEQU_IS_ORG_VIEW (self));
  g_return_if_fail (unit == NULL || SHEQU_IS_UNIT (unit));

  if (self->session == NULL)
    return;
  /* Already the session's: shown again (its row may be out of view, or collapsed). */
  if (shequ_session_get_selected_unit (self->session) == unit)
    _shequ_org_view_follow_session (self, TRUE);
  else
    shequ_session_set_selected_unit (self->session, unit);
}
