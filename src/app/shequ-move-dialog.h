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

G_END_DECLS
