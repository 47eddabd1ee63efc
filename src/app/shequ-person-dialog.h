/* shequ-person-dialog.h — the dialog that adds a person to a unit or edits a post */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_PERSON_DIALOG (shequ_person_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShequPersonDialog, shequ_person_dialog, SHEQU, PERSON_DIALOG, GtkWindow)

/* Presents a modal window, transient for PARENT_WIDGET's window, that adds a post at
 * UNIT (for a new person or someone already listed) when POST is NULL, or edits POST
 * and its person otherwise. Saving goes through STORE, so it is undoable there;
 * refused input keeps the window open with the reason shown. Does nothing when STORE
 * or UNIT is NULL. The dialog's "store", "unit" and "post" are construct-only. */
void shequ_person_dialog_present (GtkWidget     *parent_widget,
                                  ShequOrgStore *store,
                                  ShequUnit     *unit,
                                  ShequPost     *post);

G_END_DECLS
