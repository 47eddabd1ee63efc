/* shequ-map-renderer-private.h — what the renderer's files share, and what tests read */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "shequ-map-renderer.h"

G_BEGIN_DECLS

/* A rectangle in drawing units. */
typedef struct {
  double x;
  double y;
  double width;
  double height;
} ShequMapRect;

/* The decorations, as the last drawing laid them out (width 0: not drawn). */
typedef enum {
  SHEQU_MAP_DECORATION_TITLE,
  SHEQU_MAP_DECORATION_NORTH,
  SHEQU_MAP_DECORATION_LEGEND,
  SHEQU_MAP_DECORATION_SCALE,
  SHEQU_N_MAP_DECORATIONS
} ShequMapDecoration;

/* One legend line: a swatch (a fill colour, or a place symbol) and its text. */
typedef struct {
  ShequColour     colour;
  gboolean        is_place;
  ShequPlaceKind  kind;
  const char     *label;
} ShequMapLegendLine;

struct _ShequMapRenderer
{
  GObject            parent_instance;

  ShequMap          *map;
  ShequMapColouring *colouring;
  ShequMapColouring *tiers;         /* the default, when COLOURING is NULL */
  gint64             selected_unit;
  gint64             hover_unit;
  char              *title;
  GDateTime         *date;
  double             text_scale;
  gboolean           place_visible[SHEQU_N_PLACE_KINDS];

  /* Scratch, kept between drawings so a frame allocates nothing. */
  GArray            *positions;     /* guint: the items in view */
  GArray            *buckets;       /* FillBucket, see shequ-map-renderer.c */
  GHashTable        *bucket_index;  /* packed colour → bucket + 1 */

  /* Labels: one Pango context independent of the target (no hinting, 96 DPI), so a
   * label measures the same on screen, in a PNG and in a PDF; layouts kept per item. */
  PangoContext      *pango;
  GHashTable        *layouts;       /* position + 1 → PangoLayout */
  double             layouts_size;  /* the font size the cached layouts have */

  /* The bottom layer kept as tiles (shequ-map-renderer-tiles.c); GENERATION counts the
   * changes that redraw it (map, colouring, text scale). */
  GHashTable        *tiles;
  guint64            generation;
  guint64            tiles_generation;
  double             tiles_metres_per_pixel;
  guint64            tiles_clock;
  gboolean           use_tiles;
  double             last_metres_per_pixel;

  /* What the last drawing placed, for the tests and the decorations. */
  GArray            *placed_labels; /* ShequMapRect */
  gboolean           places_drawn[SHEQU_N_PLACE_KINDS];
  ShequMapRect       decorations[SHEQU_N_MAP_DECORATIONS];
  double             scale_bar_length;   /* drawing units */
  double             scale_bar_metres;   /* on the ground */
};

/* shequ-map-renderer.c */
void          shequ_map_renderer_append_shape   (cairo_t             *cr,
                                                 ShequGeoShape       *shape,
                                                 const ShequMapFrame *frame);
ShequMapColouring *shequ_map_renderer_ensure_colouring (ShequMapRenderer *self);
/* The fills and edges of what FRAME shows (queries the items in view). */
void          shequ_map_renderer_draw_base      (ShequMapRenderer    *self,
                                                 cairo_t             *cr,
                                                 const ShequMapFrame *frame);

/* shequ-map-renderer-tiles.c */
gboolean      shequ_map_renderer_tiles_usable   (cairo_t             *cr);
void          shequ_map_renderer_snap_frame     (ShequMapFrame       *frame);
void          shequ_map_renderer_draw_tiles     (ShequMapRenderer    *self,
                                                 cairo_t             *cr,
                                                 const ShequMapFrame *frame);
void          shequ_map_renderer_clear_tiles    (ShequMapRenderer    *self);

/* shequ-map-renderer-labels.c */
PangoLayout  *shequ_map_renderer_new_layout     (ShequMapRenderer    *self,
                                                 const char          *text,
                                                 double               size,
                                                 gboolean             bold);
void          shequ_map_renderer_draw_labels    (ShequMapRenderer    *self,
                                                 cairo_t             *cr,
                                                 const ShequMapFrame *frame);
void          shequ_map_renderer_clear_layouts  (ShequMapRenderer    *self);
/* Strokes a white halo around LAYOUT at X, Y, then shows it in the source colour. */
void          shequ_map_renderer_show_with_halo (cairo_t             *cr,
                                                 PangoLayout         *layout,
                                                 double               x,
                                                 double               y,
                                                 double               halo);

/* shequ-map-renderer-places.c */
void          shequ_map_renderer_choose_places  (ShequMapRenderer    *self,
                                                 const ShequMapFrame *frame);
void          shequ_map_renderer_draw_places    (ShequMapRenderer    *self,
                                                 cairo_t             *cr,
                                                 const ShequMapFrame *frame);
void          shequ_map_renderer_draw_symbol    (cairo_t             *cr,
                                                 ShequPlaceKind       kind,
                                                 double               x,
                                                 double               y,
                                                 double               size);

/* shequ-map-renderer-decorations.c */
void          shequ_map_renderer_draw_decorations (ShequMapRenderer  *self,
                                                   cairo_t           *cr,
                                                   const ShequMapFrame *frame);
/* The scale bar's ground length for a bar of at most MAX_LENGTH drawing units at FRAME's
 * scale and latitude: 1, 2 or 5 × 10ⁿ metres. */
double        shequ_map_scale_bar_metres        (const ShequMapFrame *frame,
                                                 double               max_length,
                                                 double              *length);

void          shequ_map_renderer_set_use_tiles  (ShequMapRenderer    *self,
                                                 gboolean             use_tiles);

/* For the tests: what the last shequ_map_renderer_draw() placed. */
const GArray *shequ_map_renderer_get_placed_labels (ShequMapRenderer *self);
const ShequMapRect *shequ_map_renderer_get_decoration_rect (ShequMapRenderer   *self,
                                                            ShequMapDecoration  decoration);
double        shequ_map_renderer_get_scale_bar  (ShequMapRenderer    *self,
                                                 double              *ground_metres);

/* The colours the highlight uses, for the tests. */
extern const ShequColour shequ_map_selected_colour;

G_END_DECLS
