/* shequ-map-renderer.h — the one drawing code path of maps: screen, PNG, PDF, SVG, print */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "shequ-map-colouring.h"
#include "shequ-map.h"

G_BEGIN_DECLS

/* What a drawing holds, bottom to top. The widget may cache the lower ones (a pan then
 * only moves a texture) and draw the upper ones every frame. */
typedef enum {
  SHEQU_MAP_DRAW_FILLS       = 1 << 0,   /* unit fills and their edges, by tier */
  SHEQU_MAP_DRAW_HIGHLIGHT   = 1 << 1,   /* the selected and the hovered unit */
  SHEQU_MAP_DRAW_PLACES      = 1 << 2,   /* place symbols, per kind (see set_place_visible) */
  SHEQU_MAP_DRAW_LABELS      = 1 << 3,   /* names of the tier in view, never overlapping */
  SHEQU_MAP_DRAW_DECORATIONS = 1 << 4,   /* legend, scale bar, north arrow, title and date */
  SHEQU_MAP_DRAW_ALL         = 0x1f,
} ShequMapDrawFlags;

/* Draws a ShequMap onto any cairo_t. Holds the drawing's state (colouring, selection,
 * what to show, title); not thread-safe: give a thread its own renderer. */
#define SHEQU_TYPE_MAP_RENDERER (shequ_map_renderer_get_type ())
G_DECLARE_FINAL_TYPE (ShequMapRenderer, shequ_map_renderer, SHEQU, MAP_RENDERER, GObject)

/* Properties: "map", "colouring", "selected-unit", "hover-unit", "title", "text-scale". */
ShequMapRenderer  *shequ_map_renderer_new              (ShequMap           *map);
ShequMap          *shequ_map_renderer_get_map          (ShequMapRenderer   *self);
void               shequ_map_renderer_set_map          (ShequMapRenderer   *self,
                                                        ShequMap           *map);
/* NULL: tier colours. */
ShequMapColouring *shequ_map_renderer_get_colouring    (ShequMapRenderer   *self);
void               shequ_map_renderer_set_colouring    (ShequMapRenderer   *self,
                                                        ShequMapColouring  *colouring);
/* 0 for none. */
gint64             shequ_map_renderer_get_selected_unit (ShequMapRenderer  *self);
void               shequ_map_renderer_set_selected_unit (ShequMapRenderer  *self,
                                                         gint64             unit_id);
gint64             shequ_map_renderer_get_hover_unit   (ShequMapRenderer   *self);
void               shequ_map_renderer_set_hover_unit   (ShequMapRenderer   *self,
                                                        gint64             unit_id);
gboolean           shequ_map_renderer_get_place_visible (ShequMapRenderer  *self,
                                                         ShequPlaceKind     kind);
void               shequ_map_renderer_set_place_visible (ShequMapRenderer  *self,
                                                         ShequPlaceKind     kind,
                                                         gboolean           visible);
/* The map's title (NULL: the street's name as the map holds it) and its date (NULL:
 * today), drawn with the decorations. */
const char        *shequ_map_renderer_get_title        (ShequMapRenderer   *self);
void               shequ_map_renderer_set_title        (ShequMapRenderer   *self,
                                                        const char         *title);
void               shequ_map_renderer_set_date         (ShequMapRenderer   *self,
                                                        GDateTime          *date);
/* Multiplies the size of text, symbols and decorations: 1 on screen, about 2 on a
 * projector (presentation mode), and for print the ratio of points to pixels. */
double             shequ_map_renderer_get_text_scale   (ShequMapRenderer   *self);
void               shequ_map_renderer_set_text_scale   (ShequMapRenderer   *self,
                                                        double              scale);

/* Gives RENDERER SOURCE's look: colouring, title, place layers. */
void               shequ_map_renderer_copy_look   (ShequMapRenderer     *renderer,
                                                   ShequMapRenderer     *source);
/* A new renderer of SOURCE's map with its look and selection, and TEXT_SCALE: for a
 * drawing elsewhere (a file, a page, another thread). */
ShequMapRenderer  *shequ_map_renderer_copy        (ShequMapRenderer     *source,
                                                   double                text_scale);

/* Draws FLAGS of the map as FRAME shows it onto CR, whose user space is the drawing
 * (0,0 top left, FRAME->width × FRAME->height). CR's state is saved and restored.
 * On an image surface at whole pixels, from the second drawing at one scale on, the
 * fills and edges are kept as tiles and the frame is moved by under half a pixel to
 * fall on them: a pan then draws only what it uncovers. */
void               shequ_map_renderer_draw             (ShequMapRenderer   *self,
                                                        cairo_t            *cr,
                                                        const ShequMapFrame *frame,
                                                        ShequMapDrawFlags   flags);
/* Forgets the kept tiles and text layouts: the next drawing is drawn whole (for a
 * benchmark's cold frame, or to give the memory back). */
void               shequ_map_renderer_drop_caches      (ShequMapRenderer   *self);

G_END_DECLS
