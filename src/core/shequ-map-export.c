/* shequ-map-export.c — a map written to PNG, PDF or SVG by the one renderer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-export"

#include "config.h"

#include "shequ-map-export.h"

/* SKELETON: the renderer engineer writes this file. */

void
shequ_map_export_options_init (ShequMapExportOptions *options,
                               ShequMapFormat         format)
{
  *options = (ShequMapExportOptions) { format, 1920, 1080, 96, SHEQU_MAP_PAPER_A4, TRUE };
}

gboolean shequ_map_format_from_filename (const char *filename, ShequMapFormat *format, GError **error) { *format = SHEQU_MAP_FORMAT_PNG; return TRUE; }

gboolean
shequ_map_export (ShequMapRenderer            *renderer,
                  const ShequMapExportOptions *options,
                  const ShequGeoBounds        *extent,
                  ShequMapOverlayFunc          overlay,
                  gpointer                     overlay_data,
                  GFile                       *file,
                  GError                     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not yet");
  return FALSE;
}
