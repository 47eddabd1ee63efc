/* shequ-org-view.h — the organisation tree with search and the detail pane */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"
#include "shequ-session.h"
#include "shequ-unit-detail.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_ORG_VIEW (shequ_org_view_get_type ())
G_DECLARE_FINAL_TYPE (ShequOrgView, shequ_org_view, SHEQU, ORG_VIEW, GtkWidget)

/* Properties: "session" (ShequSession: the store shown and the selected unit, which
 * the tree and its detail pane follow), "store" (the session's). The window gives
 * the session it shares with its other views; set_store() gives a view used alone
 * a session of its own. */
ShequSession  *shequ_org_view_get_session       (ShequOrgView  *self);
void           shequ_org_view_set_session       (ShequOrgView  *self,
                                                 ShequSession  *session);
void           shequ_org_view_set_store         (ShequOrgView  *self,
                                                 ShequOrgStore *store);
/* The session's selected unit. */
ShequUnit     *shequ_org_view_get_selected_unit (ShequOrgView  *self);
/* Makes UNIT the session's selected unit; the tree expands its ancestors, scrolls to
 * it and selects its row (shown among the matches while a search lasts). */
void           shequ_org_view_select_unit       (ShequOrgView  *self,
                                                 ShequUnit     *unit);
/* Puts the keyboard focus on the selected row (the street when none is): the
 * window calls it when it opens on a database. */
void           shequ_org_view_focus_tree        (ShequOrgView  *self);
/* Whether the focus is on a row of the tree. */
gboolean       shequ_org_view_tree_has_focus    (ShequOrgView  *self);
/* Shows the search bar and focuses the entry (Ctrl+F). */
void           shequ_org_view_start_search      (ShequOrgView  *self);

G_END_DECLS
