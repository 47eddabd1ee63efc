/* shequ-map-ink.h — the presenter's pen: freehand strokes kept on the map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "shequ-map.h"

G_BEGIN_DECLS

typedef enum {
  SHEQU_MAP_INK_RED,
  SHEQU_MAP_INK_BLUE,
  SHEQU_MAP_INK_BLACK,
  SHEQU_MAP_INK_N_COLOURS,
} ShequMapInkColour;

/* Strokes in projected (Web Mercator) metres, so they stay on the place they mark as the
 * map pans and zooms; their width is a fraction of the drawing's diagonal, so an export
 * of any size looks like the screen. Erasing and clearing can be undone. Signal
 * "changed": the strokes changed. Properties: "colour", "width" (pixels on a drawing of
 * 1920×1080), "can-undo". */
#define SHEQU_TYPE_MAP_INK (shequ_map_ink_get_type ())
G_DECLARE_FINAL_TYPE (ShequMapInk, shequ_map_ink, SHEQU, MAP_INK, GObject)

ShequMapInk       *shequ_map_ink_new            (void);
/* A copy of the strokes (no undo history), for another thread to draw. */
ShequMapInk       *shequ_map_ink_copy           (ShequMapInk         *self);
ShequMapInkColour  shequ_map_ink_get_colour     (ShequMapInk         *self);
void               shequ_map_ink_set_colour     (ShequMapInk         *self,
                                                 ShequMapInkColour    colour);
double             shequ_map_ink_get_width      (ShequMapInk         *self);
void               shequ_map_ink_set_width      (ShequMapInk         *self,
                                                 double               width);
guint              shequ_map_ink_get_n_strokes  (ShequMapInk         *self);
gboolean           shequ_map_ink_get_can_undo   (ShequMapInk         *self);

/* Drawing with the pointer: POINT in FRAME's drawing coordinates. */
void               shequ_map_ink_begin_stroke   (ShequMapInk         *self,
                                                 const ShequMapFrame *frame,
                                                 double               x,
                                                 double               y);
void               shequ_map_ink_extend_stroke  (ShequMapInk         *self,
                                                 const ShequMapFrame *frame,
                                                 double               x,
                                                 double               y);
void               shequ_map_ink_end_stroke     (ShequMapInk         *self);
/* Removes the topmost stroke passing within a few pixels of X, Y; FALSE when none. */
gboolean           shequ_map_ink_erase_at       (ShequMapInk         *self,
                                                 const ShequMapFrame *frame,
                                                 double               x,
                                                 double               y);
void               shequ_map_ink_clear          (ShequMapInk         *self);
/* Undoes the last stroke, erase or clear; FALSE when there is nothing to undo. */
gboolean           shequ_map_ink_undo           (ShequMapInk         *self);

/* Draws the strokes as FRAME shows them: a ShequMapOverlayFunc whose data is the ink. */
void               shequ_map_ink_draw           (cairo_t             *cr,
                                                 const ShequMapFrame *frame,
                                                 gpointer             ink);

G_END_DECLS
