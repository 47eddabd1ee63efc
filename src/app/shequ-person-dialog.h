/* shequ-person-dialog.h — the dialog that adds a person to a unit or edits a post */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"

G_BEGIN_DECLS

/* Presents a modal window, transient for PARENT_WIDGET's window, that adds a post at
 * UNIT (for a new person or someone already listed) when POST is NULL, or edits POST
 * and its person otherwise. Saving goes through STORE, so it is undoable there;
 * refused input keeps the window open with the reason shown. Does nothing when STORE
 * or UNIT is NULL. */
void shequ_person_dialog_present (GtkWidget     *parent_widget,
                                  ShequOrgStore *store,
                                  ShequUnit     *unit,
                                  ShequPost     *post);

G_END_DECLS
