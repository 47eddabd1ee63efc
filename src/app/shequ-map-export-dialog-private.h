/* shequ-map-export-dialog-private.h — the export dialog driven without a file chooser */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-map-export.h"
#include "shequ-map-export-dialog.h"

G_BEGIN_DECLS

/* What choosing FILE in the chooser does: the format from its extension, the options
 * that go with it shown; FALSE (and Export disabled, the reason shown) for an unknown
 * extension. */
gboolean shequ_map_export_dialog_set_file      (ShequMapExportDialog  *self,
                                                GFile                 *file);
void     shequ_map_export_dialog_set_png_size  (ShequMapExportDialog  *self,
                                                int                    width,
                                                int                    height,
                                                double                 dpi);
void     shequ_map_export_dialog_set_whole_map (ShequMapExportDialog  *self,
                                                gboolean               whole_map);
void     shequ_map_export_dialog_set_title     (ShequMapExportDialog  *self,
                                                const char            *title);
/* The options as the dialog's controls say now. */
void     shequ_map_export_dialog_get_options   (ShequMapExportDialog  *self,
                                                ShequMapExportOptions *options);
/* What Export does: starts writing; "finished" follows on this thread's main context. */
void     shequ_map_export_dialog_start         (ShequMapExportDialog  *self);
gboolean shequ_map_export_dialog_is_exporting  (ShequMapExportDialog  *self);
/* The frame the ink overlay was last drawn with, FALSE when it was not drawn. */
gboolean shequ_map_export_dialog_get_overlay_frame (ShequMapExportDialog *self,
                                                    ShequMapFrame        *frame);

G_END_DECLS
