/* shequ-move-dialog.h — "Move to…": choose a new parent for a unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_MOVE_DIALOG (shequ_move_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShequMoveDialog, shequ_move_dialog, SHEQU, MOVE_DIALOG, GtkWindow)

/* A modal window listing the units that can hold UNIT (not UNIT itself, not its
 * descendants, not its present parent), searchable by name, code and path.
 * Signal "unit-moved" (ShequUnit *unit): emitted after a successful move, before
 * the window closes. */
ShequMoveDialog *shequ_move_dialog_new            (GtkWindow       *parent,
                                                   ShequOrgStore   *store,
                                                   ShequUnit       *unit);
ShequUnit       *shequ_move_dialog_get_unit       (ShequMoveDialog *self);
/* The candidates shown now (ShequUnit), after the search filter. */
GListModel      *shequ_move_dialog_get_candidates (ShequMoveDialog *self);
void             shequ_move_dialog_set_search_text (ShequMoveDialog *self,
                                                    const char      *text);
/* Moves the unit under TARGET through the store; on success emits "unit-moved"
 * and closes the window, on failure shows the reason and returns FALSE. */
gboolean         shequ_move_dialog_move_to        (ShequMoveDialog *self,
                                                   ShequUnit       *target,
                                                   GError         **error);

G_END_DECLS
