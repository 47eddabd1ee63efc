/* shequ-move-dialog-private.h — what the tests reach inside "Move to…" */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-move-dialog.h"

G_BEGIN_DECLS

/* The candidates shown now (ShequUnit), after the search filter. */
GListModel      *shequ_move_dialog_get_candidates  (ShequMoveDialog *self);
void             shequ_move_dialog_set_search_text (ShequMoveDialog *self,
                                                    const char      *text);
/* Moves the unit under TARGET through the store, as choosing it does: on success
 * emits "unit-moved" and closes the window, on failure shows the reason and
 * returns FALSE. */
gboolean         shequ_move_dialog_move_to         (ShequMoveDialog *self,
                                                    ShequUnit       *target,
                                                    GError         **error);

G_END_DECLS
