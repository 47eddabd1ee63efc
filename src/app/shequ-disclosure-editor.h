/* shequ-disclosure-editor.h — one version of a disclosure as a form: text, lines, guide, files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-disclosure-store.h"
#include "shequ-finance-table.h"

G_BEGIN_DECLS

/* Title and period entries; the body in a text view with a live preview drawn from the
 * small markup (shequ_markup_render_pango); for a finance disclosure the opening and
 * closing balances, the lines (ShequFinanceTable) and the totals with the balance check
 * ("期初 + 收入 − 支出 = 期末") live; for a policy guide its five parts; the attachments
 * with their sizes (Add Attachment… keeps a file's bytes in the store).
 * Signal "changed": the user edited something (not emitted by load).
 * Properties: "store" (ShequDisclosureStore, for attachments), "modified" (boolean). */
#define SHEQU_TYPE_DISCLOSURE_EDITOR (shequ_disclosure_editor_get_type ())
G_DECLARE_FINAL_TYPE (ShequDisclosureEditor, shequ_disclosure_editor, SHEQU, DISCLOSURE_EDITOR, GtkWidget)

GtkWidget              *shequ_disclosure_editor_new          (void);
void                    shequ_disclosure_editor_set_store    (ShequDisclosureEditor        *self,
                                                              ShequDisclosureStore         *store);
/* Shows CONTENT (NULL: empty) of a disclosure of KIND and PERIOD (NULL: empty); EDITABLE
 * for a draft; PERIOD_EDITABLE for a disclosure not made yet. Not modified after it. */
void                    shequ_disclosure_editor_load         (ShequDisclosureEditor        *self,
                                                              ShequDisclosureKind           kind,
                                                              const char                   *period,
                                                              const ShequDisclosureVersion *content,
                                                              gboolean                      editable,
                                                              gboolean                      period_editable);
ShequDisclosureKind     shequ_disclosure_editor_get_kind     (ShequDisclosureEditor        *self);
/* What the form says, as a version's content (new); NULL and an error naming the field
 * for an amount or balance that does not read. */
ShequDisclosureVersion *shequ_disclosure_editor_dup_content  (ShequDisclosureEditor        *self,
                                                              GError                      **error);
/* The period as typed, stripped (new). */
char                   *shequ_disclosure_editor_dup_period   (ShequDisclosureEditor        *self);
gboolean                shequ_disclosure_editor_get_modified (ShequDisclosureEditor        *self);
void                    shequ_disclosure_editor_set_modified (ShequDisclosureEditor        *self,
                                                              gboolean                      modified);
/* Reads FILE and keeps it in the store as an attachment of this version (too big, of a
 * kind not allowed, unreadable: FALSE and why). */
gboolean                shequ_disclosure_editor_add_attachment_file (ShequDisclosureEditor *self,
                                                                     GFile                 *file,
                                                                     GError               **error);

/* For the tests and the page: the parts of the form. */
GtkEditable            *shequ_disclosure_editor_get_title_entry   (ShequDisclosureEditor *self);
GtkEditable            *shequ_disclosure_editor_get_period_entry  (ShequDisclosureEditor *self);
GtkEditable            *shequ_disclosure_editor_get_opening_entry (ShequDisclosureEditor *self);
GtkEditable            *shequ_disclosure_editor_get_closing_entry (ShequDisclosureEditor *self);
GtkTextBuffer          *shequ_disclosure_editor_get_body_buffer   (ShequDisclosureEditor *self);
ShequFinanceTable      *shequ_disclosure_editor_get_finance_table (ShequDisclosureEditor *self);
/* The totals line ("收入 1,200.00 · 支出 200.00") and the balance check as shown. */
const char             *shequ_disclosure_editor_get_totals_text   (ShequDisclosureEditor *self);
const char             *shequ_disclosure_editor_get_balance_text  (ShequDisclosureEditor *self);
/* Whether the balance check passes (FALSE also when an amount does not read). */
gboolean                shequ_disclosure_editor_get_balanced      (ShequDisclosureEditor *self);
/* The preview label's Pango markup. */
const char             *shequ_disclosure_editor_get_preview_markup (ShequDisclosureEditor *self);
/* The attachments as the version will name them (ShequAttachmentRef, the editor's). */
GPtrArray              *shequ_disclosure_editor_get_attachments   (ShequDisclosureEditor *self);

/* A row of the disclosure views' lists (an attachment, an overdue unit): the icon
 * ICON_NAME, named ICON_LABEL for a screen reader, NAME taking the width left, then
 * DETAIL (a size, a code) dimmed in figures. A horizontal GtkBox; more can be appended. */
GtkWidget              *shequ_disclosure_icon_row_new (const char *icon_name,
                                                       const char *icon_label,
                                                       const char *name,
                                                       const char *detail);

G_END_DECLS
