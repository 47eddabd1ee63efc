/* shequ-disclosure-page.h — the window's disclosure page: the list, the editor, the workflow */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-disclosure-editor.h"
#include "shequ-disclosure-store.h"
#include "shequ-session.h"

G_BEGIN_DECLS

/* Left, the disclosures of the session's unit and the units under it (all of them when
 * none is selected), filtered by kind and state and searched by title, each row with its
 * title, kind, period, state and where it stands with the central server; a New menu per
 * kind. Right, the chosen one in a ShequDisclosureEditor (its draft editable), the steps
 * its state allows, and its history. A second view lists the units overdue with their
 * finance disclosure for a period. Edits not saved stay with their disclosure when
 * another is chosen (the row says so) until saved or reverted. What the store refuses
 * shows in a bar above the editor until it is closed.
 *
 * Actions (group "disclosure"): "new" (i: a ShequDisclosureKind), "save", "submit",
 * "return" (s: the reason; "" asks for it), "approve", "publish" (b: TRUE when already
 * confirmed; FALSE asks), "correct", "withdraw" (s: the reason; "" asks, which is the
 * confirmation), "revert" (edits not saved), "undo-save" (the draft's last save),
 * "resolve-conflict", "show-overdue", "show-list".
 * Properties: "session" (ShequSession), "store" (ShequDisclosureStore). */
#define SHEQU_TYPE_DISCLOSURE_PAGE (shequ_disclosure_page_get_type ())
G_DECLARE_FINAL_TYPE (ShequDisclosurePage, shequ_disclosure_page, SHEQU, DISCLOSURE_PAGE, GtkWidget)

GtkWidget            *shequ_disclosure_page_new          (void);
void                  shequ_disclosure_page_set_session  (ShequDisclosurePage  *self,
                                                          ShequSession         *session);
ShequDisclosureStore *shequ_disclosure_page_get_store    (ShequDisclosurePage  *self);
void                  shequ_disclosure_page_set_store    (ShequDisclosurePage  *self,
                                                          ShequDisclosureStore *store);
/* Shows disclosure ID in the editor (FALSE when the list does not hold it). */
gboolean              shequ_disclosure_page_select       (ShequDisclosurePage  *self,
                                                          gint64                id);
/* The disclosure in the editor: its id, 0 for a new one not saved yet or none. */
gint64                shequ_disclosure_page_get_selected (ShequDisclosurePage  *self);
/* The editor shown (NULL when none). */
ShequDisclosureEditor *shequ_disclosure_page_get_editor  (ShequDisclosurePage  *self);
/* The rows listed (ShequDisclosureItem). */
GListModel           *shequ_disclosure_page_get_rows     (ShequDisclosurePage  *self);
/* KIND, STATE: -1 for any; SEARCH: NULL or words of the title. */
void                  shequ_disclosure_page_set_filter   (ShequDisclosurePage  *self,
                                                          int                   kind,
                                                          int                   state,
                                                          const char           *search);
/* The message in the error bar, or NULL when it is closed. */
const char           *shequ_disclosure_page_get_error    (ShequDisclosurePage  *self);
/* The history's rows as text, newest version first (new; free with g_strfreev). */
char                **shequ_disclosure_page_dup_history  (ShequDisclosurePage  *self);
/* "list" or "overdue". */
const char           *shequ_disclosure_page_get_view     (ShequDisclosurePage  *self);
void                  shequ_disclosure_page_set_view     (ShequDisclosurePage  *self,
                                                          const char           *view);
/* The overdue view for PERIOD (any form the period parser reads): the units listed
 * (ShequUnit, the org store's); NULL and why when it cannot be read. */
GListModel           *shequ_disclosure_page_show_overdue (ShequDisclosurePage  *self,
                                                          const char           *period,
                                                          GError              **error);

G_END_DECLS
