/* shequ-conflict-dialog.h — a disclosure written on two PCs: both versions, and a choice */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-disclosure-store.h"

G_BEGIN_DECLS

/* This PC's disclosure and the central server's side by side (title, state, text, the
 * finance totals and lines), and Keep Mine / Take the Server's
 * (shequ_disclosure_store_resolve_conflict); nothing is chosen for the user.
 * Signal "resolved" (int: the ShequConflictChoice made). */
#define SHEQU_TYPE_CONFLICT_DIALOG (shequ_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShequConflictDialog, shequ_conflict_dialog, SHEQU, CONFLICT_DIALOG, GtkWindow)

/* Shows the conflict of disclosure ID, modal for PARENT; NULL and NOT_FOUND when it has
 * none. */
ShequConflictDialog *shequ_conflict_dialog_present (GtkWindow            *parent,
                                                    ShequDisclosureStore *store,
                                                    gint64                id,
                                                    GError              **error);
/* What the buttons do (also for the tests): FALSE and why, the dialog staying open. */
gboolean             shequ_conflict_dialog_choose  (ShequConflictDialog  *self,
                                                    ShequConflictChoice   choice,
                                                    GError              **error);

G_END_DECLS
