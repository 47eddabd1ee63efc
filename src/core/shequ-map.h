/* shequ-map.h — what a map shows: units' boundaries projected, indexed and simplified */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shequ-geo.h"
#include "shequ-org-types.h"
#include "shequ-place.h"

G_BEGIN_DECLS

/* Ground metres (Web Mercator, EPSG:3857) per pixel at zoom 0 of the 256-pixel tile scheme
 * every web map uses: zoom Z shows SHEQU_MAP_ZOOM0_METRES_PER_PIXEL / 2^Z metres a pixel. */
#define SHEQU_MAP_ZOOM0_METRES_PER_PIXEL 156543.03392804097

/* One unit on the map. Everything projected is Web Mercator metres, y north up. */
typedef struct {
  gint64          unit_id;
  ShequTier       tier;
  guint           depth;        /* 0 the street, 1 an area, 2 a community or village, 3 a grid */
  char           *name;
  ShequGeoShape  *lonlat;       /* GCJ-02 degrees, as stored */
  ShequGeoShape  *projected;    /* full detail */
  ShequGeoBounds  bounds;       /* of PROJECTED */
  ShequGeoPoint   label_point;  /* projected, inside the shape, away from its edges */
  double          area_m2;      /* on the ellipsoid, holes taken out */
} ShequMapItem;

/* A place symbol, projected. */
typedef struct {
  gint64          place_id;
  gint64          unit_id;
  ShequPlaceKind  kind;
  char           *name;
  ShequGeoPoint   lonlat;       /* GCJ-02 */
  ShequGeoPoint   projected;
} ShequMapPlace;

/* The part of the map a drawing shows: the projected point at the centre of the drawing,
 * the scale, and the drawing's size in its own units (pixels on screen and in a PNG,
 * points in a PDF). */
typedef struct {
  ShequGeoPoint  centre;
  double         metres_per_pixel;
  double         width;
  double         height;
} ShequMapFrame;

/* A frame of WIDTH × HEIGHT showing BOUNDS (projected) whole, MARGIN drawing units
 * clear on each side. */
void          shequ_map_frame_init_fit     (ShequMapFrame        *frame,
                                            const ShequGeoBounds *bounds,
                                            double                width,
                                            double                height,
                                            double                margin);
/* Projected point ↔ drawing coordinates (x right, y down, 0,0 top left). */
ShequGeoPoint shequ_map_frame_to_drawing   (const ShequMapFrame  *frame,
                                            ShequGeoPoint         projected);
ShequGeoPoint shequ_map_frame_to_projected (const ShequMapFrame  *frame,
                                            ShequGeoPoint         drawing);
/* The projected rectangle the frame shows. */
void          shequ_map_frame_get_bounds   (const ShequMapFrame  *frame,
                                            ShequGeoBounds       *bounds);
double        shequ_map_frame_get_zoom     (const ShequMapFrame  *frame);
void          shequ_map_frame_set_zoom     (ShequMapFrame        *frame,
                                            double                zoom);

/* A map: built once (add units and places, then shequ_map_build()), then immutable, so it
 * may be read from any thread. A new boundary means a new map. */
#define SHEQU_TYPE_MAP (shequ_map_get_type ())
G_DECLARE_FINAL_TYPE (ShequMap, shequ_map, SHEQU, MAP, GObject)

ShequMap           *shequ_map_new              (void);
/* LONLAT is GCJ-02 degrees; a reference is taken. Each unit once. */
void                shequ_map_add_unit         (ShequMap             *self,
                                                gint64                unit_id,
                                                ShequTier             tier,
                                                guint                 depth,
                                                const char           *name,
                                                ShequGeoShape        *lonlat);
void                shequ_map_add_place        (ShequMap             *self,
                                                const ShequPlaceRow  *place);
/* Projects, indexes and simplifies; after it nothing more may be added. */
void                shequ_map_build            (ShequMap             *self);
gboolean            shequ_map_is_built         (ShequMap             *self);

guint               shequ_map_get_n_items      (ShequMap             *self);
/* Items are sorted by depth (the street first), then by unit id. */
const ShequMapItem *shequ_map_get_item         (ShequMap             *self,
                                                guint                 position);
const ShequMapItem *shequ_map_lookup_unit      (ShequMap             *self,
                                                gint64                unit_id);
/* The position of UNIT_ID's item, or G_MAXUINT. */
guint               shequ_map_find_unit        (ShequMap             *self,
                                                gint64                unit_id);
guint               shequ_map_get_max_depth    (ShequMap             *self);
/* FALSE (and BOUNDS untouched) when the map has no item. */
gboolean            shequ_map_get_bounds       (ShequMap             *self,
                                                ShequGeoBounds       *bounds);

/* Appends to POSITIONS (a GArray of guint) the position of every item whose bounds meet
 * BOUNDS (projected), in drawing order (the order of shequ_map_get_item()). */
void                shequ_map_query            (ShequMap             *self,
                                                const ShequGeoBounds *bounds,
                                                GArray               *positions);
/* The innermost (deepest) item containing POINT, or NULL. */
const ShequMapItem *shequ_map_hit              (ShequMap             *self,
                                                ShequGeoPoint         projected);
const ShequMapItem *shequ_map_hit_lonlat       (ShequMap             *self,
                                                ShequGeoPoint         gcj02);

/* The item's projected shape simplified for drawing: no point of the full shape lies
 * farther than TOLERANCE metres from the returned one (distance to its edges), and it has
 * as few points as the level of detail allows. The levels are made by shequ_map_build():
 * Douglas-Peucker (shequ_geo_ring_simplify()) at tolerances twice apart from 25 cm up,
 * less those that would save under a quarter of the points; the coarsest level within
 * TOLERANCE is returned. Every ring stays closed with at least 4 points: an
 * item smaller than TOLERANCE comes back as a triangle (each ring of it), which is
 * within TOLERANCE of all its points; a renderer may skip such items. Owned by the map. */
ShequGeoShape      *shequ_map_get_item_shape   (ShequMap             *self,
                                                guint                 position,
                                                double                tolerance);

guint               shequ_map_get_n_places     (ShequMap             *self);
const ShequMapPlace *shequ_map_get_place       (ShequMap             *self,
                                                guint                 position);

G_END_DECLS
