/* shequ-map-export.h — a map written to PNG, PDF or SVG by the one renderer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-map-renderer.h"

G_BEGIN_DECLS

typedef enum {
  SHEQU_MAP_FORMAT_PNG,
  SHEQU_MAP_FORMAT_PDF,
  SHEQU_MAP_FORMAT_SVG,
} ShequMapFormat;

typedef enum {
  SHEQU_MAP_PAPER_A4,
  SHEQU_MAP_PAPER_A3,
} ShequMapPaper;

typedef struct {
  ShequMapFormat format;
  /* PNG and SVG: the picture's size in pixels, and for PNG its DPI (written in the file;
   * text and symbols scale with DPI / 96). */
  int            width;
  int            height;
  double         dpi;
  /* PDF: the paper, vector, fonts embedded. */
  ShequMapPaper  paper;
  gboolean       landscape;
} ShequMapExportOptions;

/* Draws more on top of the map (the presenter's ink), in the drawing's coordinates. */
typedef void (*ShequMapOverlayFunc) (cairo_t             *cr,
                                     const ShequMapFrame *frame,
                                     gpointer             user_data);

/* Sensible options: PNG 1920×1080 at 96 DPI, PDF A4 landscape. */
void           shequ_map_export_options_init     (ShequMapExportOptions       *options,
                                                  ShequMapFormat               format);
/* From a file name's extension (.png, .pdf, .svg); FALSE with a translated error. */
gboolean       shequ_map_format_from_filename    (const char                  *filename,
                                                  ShequMapFormat              *format,
                                                  GError                     **error);

/* Writes the map as RENDERER draws it to FILE: EXTENT (projected; NULL for the whole map)
 * fitted into the page or picture, with every layer and decoration, then OVERLAY, if
 * given, with the frame it used. Writes to a temporary file and renames it, so a failure
 * leaves no half-written file. */
gboolean       shequ_map_export                  (ShequMapRenderer            *renderer,
                                                  const ShequMapExportOptions *options,
                                                  const ShequGeoBounds        *extent,
                                                  ShequMapOverlayFunc          overlay,
                                                  gpointer                     overlay_data,
                                                  GFile                       *file,
                                                  GError                     **error);

G_END_DECLS
