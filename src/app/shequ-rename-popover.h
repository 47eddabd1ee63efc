/* shequ-rename-popover.h — the popover over a tree row that renames its unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-unit.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_RENAME_POPOVER (shequ_rename_popover_get_type ())
G_DECLARE_FINAL_TYPE (ShequRenamePopover, shequ_rename_popover, SHEQU, RENAME_POPOVER, GtkPopover)

/* The unit being renamed (nullable; set by start(), cleared by the tree when the
 * popover closes). Signal "rename"
 * (const char *name): Enter in the entry, with the name stripped of surrounding
 * spaces; the handler renames the unit, or calls show_error() with the reason. */
GtkWidget *shequ_rename_popover_new        (void);
ShequUnit *shequ_rename_popover_get_unit   (ShequRenamePopover *self);
void       shequ_rename_popover_set_unit   (ShequRenamePopover *self,
                                            ShequUnit          *unit);
/* Shows the popover for UNIT, pointing at RECT, with its name selected in the entry. */
void       shequ_rename_popover_start      (ShequRenamePopover *self,
                                            ShequUnit          *unit,
                                            const GdkRectangle *rect);
/* Marks the entry and says MESSAGE under it, also to screen readers. */
void       shequ_rename_popover_show_error (ShequRenamePopover *self,
                                            const char         *message);

G_END_DECLS
