/* shequ-map-export-dialog.h — Export Map…: a file, its options, then the file written */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-map-ink.h"
#include "shequ-map-renderer.h"

G_BEGIN_DECLS

/* Asks for a file (PNG, PDF or SVG by its extension), then for its options (PNG size
 * and DPI; PDF paper and orientation; the current view or the whole map; the title),
 * then writes it in a thread with a copy of the renderer, the window going on. Signal
 * "finished" (GFile *file, const GError *error): the file was written (ERROR NULL) or
 * not; not emitted when the user cancels. */
#define SHEQU_TYPE_MAP_EXPORT_DIALOG (shequ_map_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShequMapExportDialog, shequ_map_export_dialog, SHEQU,
                      MAP_EXPORT_DIALOG, GtkWindow)

/* RENDERER's map and look; VIEW (projected, nullable) the part shown now, for "current
 * view"; INK (nullable) drawn on top: the presenter's annotated view. */
ShequMapExportDialog *shequ_map_export_dialog_new (GtkWindow            *parent,
                                                   ShequMapRenderer     *renderer,
                                                   const ShequGeoBounds *view,
                                                   ShequMapInk          *ink);
/* Shows the file chooser (SUGGESTED_NAME in it), then the options. */
void                  shequ_map_export_dialog_run (ShequMapExportDialog *self,
                                                   const char           *suggested_name);

G_END_DECLS
