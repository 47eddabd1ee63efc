/* shequ-geo.h — plane and sphere geometry of boundaries: rings, polygons, coordinates */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The datum a dataset's longitudes and latitudes are in. Chinese web maps (the DataV
 * atlas among them) publish GCJ-02; GPS receivers give WGS84. */
typedef enum {
  SHEQU_GEO_CRS_WGS84,
  SHEQU_GEO_CRS_GCJ02,
} ShequGeoCrs;

typedef struct {
  double x;   /* longitude in degrees, or a projected x in metres */
  double y;   /* latitude in degrees, or a projected y in metres (north up) */
} ShequGeoPoint;

/* A closed ring: points[0] == points[n_points - 1], n_points >= 4 (RFC 7946). */
typedef struct {
  ShequGeoPoint *points;
  guint          n_points;
} ShequGeoRing;

/* One polygon: rings[0] is the outer ring, the others are holes. */
typedef struct {
  ShequGeoRing *rings;
  guint         n_rings;
} ShequGeoPolygon;

/* A boundary: one or more polygons (a GeoJSON Polygon or MultiPolygon). Refcounted,
 * immutable once built; safe to share between threads. */
typedef struct _ShequGeoShape ShequGeoShape;

typedef struct {
  double min_x;
  double min_y;
  double max_x;
  double max_y;
} ShequGeoBounds;

ShequGeoShape         *shequ_geo_shape_new          (void);
/* Adds a polygon made of N_RINGS rings (copied). */
void                   shequ_geo_shape_add_polygon  (ShequGeoShape          *shape,
                                                     const ShequGeoRing     *rings,
                                                     guint                   n_rings);
ShequGeoShape         *shequ_geo_shape_ref          (ShequGeoShape          *shape);
void                   shequ_geo_shape_unref        (ShequGeoShape          *shape);
guint                  shequ_geo_shape_get_n_polygons (ShequGeoShape        *shape);
const ShequGeoPolygon *shequ_geo_shape_get_polygon  (ShequGeoShape          *shape,
                                                     guint                   index);
guint                  shequ_geo_shape_get_n_points (ShequGeoShape          *shape);
void                   shequ_geo_shape_get_bounds   (ShequGeoShape          *shape,
                                                     ShequGeoBounds         *bounds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequGeoShape, shequ_geo_shape_unref)

G_END_DECLS
