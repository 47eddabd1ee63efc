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
/* A new shape with every point of SHAPE passed through FUNC (a projection, a datum). */
typedef ShequGeoPoint (*ShequGeoPointFunc) (ShequGeoPoint point,
                                            gpointer      user_data);
ShequGeoShape         *shequ_geo_shape_new_mapped   (ShequGeoShape          *shape,
                                                     ShequGeoPointFunc       func,
                                                     gpointer                user_data);
ShequGeoShape         *shequ_geo_shape_ref          (ShequGeoShape          *shape);
void                   shequ_geo_shape_unref        (ShequGeoShape          *shape);
guint                  shequ_geo_shape_get_n_polygons (ShequGeoShape        *shape);
const ShequGeoPolygon *shequ_geo_shape_get_polygon  (ShequGeoShape          *shape,
                                                     guint                   index);
guint                  shequ_geo_shape_get_n_points (ShequGeoShape          *shape);
void                   shequ_geo_shape_get_bounds   (ShequGeoShape          *shape,
                                                     ShequGeoBounds         *bounds);

/* shequ-geo-crs.c: datums and the drawing projection. Points are passed by value. */
gboolean               shequ_geo_in_china           (ShequGeoPoint           lonlat);
ShequGeoPoint          shequ_geo_wgs84_to_gcj02     (ShequGeoPoint           wgs84);
ShequGeoPoint          shequ_geo_gcj02_to_wgs84     (ShequGeoPoint           gcj02);
ShequGeoPoint          shequ_geo_crs_convert        (ShequGeoPoint           lonlat,
                                                     ShequGeoCrs             from,
                                                     ShequGeoCrs             to);
/* Web Mercator (EPSG:3857), metres; latitudes clamp to +/- SHEQU_GEO_MERCATOR_MAX_LAT. */
#define SHEQU_GEO_MERCATOR_MAX_LAT 85.0511287798066
ShequGeoPoint          shequ_geo_mercator_forward   (ShequGeoPoint           lonlat);
ShequGeoPoint          shequ_geo_mercator_inverse   (ShequGeoPoint           xy);
/* Metres per degree of longitude (x) and of latitude (y) at LATITUDE on WGS84. */
ShequGeoPoint          shequ_geo_metres_per_degree  (double                  latitude);

/* shequ-geo-measure.c: areas, containment and ring checks on lon/lat rings. */
typedef enum {
  SHEQU_GEO_RING_VALID,
  SHEQU_GEO_RING_TOO_FEW_POINTS,   /* fewer than 4 points */
  SHEQU_GEO_RING_NOT_CLOSED,       /* first point != last point */
  SHEQU_GEO_RING_NOT_FINITE,       /* a NaN or infinite coordinate */
  SHEQU_GEO_RING_OUT_OF_RANGE,     /* lon outside -180..180 or lat outside -90..90 */
  SHEQU_GEO_RING_ZERO_AREA,        /* all points on one line (or one point) */
} ShequGeoRingProblem;

ShequGeoRingProblem    shequ_geo_ring_check         (const ShequGeoRing     *ring);
/* Whether two edges cross, touch, or fold back over each other (repeated points are
 * no edge). FALSE for a ring with a non-finite coordinate. */
gboolean               shequ_geo_ring_self_intersects (const ShequGeoRing   *ring);
/* Shoelace area in the ring's own units, positive when counter-clockwise. */
double                 shequ_geo_ring_signed_area   (const ShequGeoRing     *ring);
/* Signed area in m² of a lon/lat ring on the WGS84 ellipsoid. */
double                 shequ_geo_ring_area_m2       (const ShequGeoRing     *ring);
/* Outer ring minus holes, in m², whatever the rings' orientation. */
double                 shequ_geo_polygon_area_m2    (const ShequGeoPolygon  *polygon);
double                 shequ_geo_shape_area_m2      (ShequGeoShape          *shape);
/* Even-odd over every ring, half-open so that a point on an edge shared by two tiles
 * lies in exactly one of them. A ring with a non-finite coordinate is ignored. */
gboolean               shequ_geo_polygon_contains   (const ShequGeoPolygon  *polygon,
                                                     ShequGeoPoint           point);
gboolean               shequ_geo_shape_contains     (ShequGeoShape          *shape,
                                                     ShequGeoPoint           point);

/* shequ-geo-simplify.c: Douglas-Peucker on a closed ring, in the ring's units. Every
 * point of RING lies within TOLERANCE of the result, which is closed and keeps at least
 * 4 points (a ring of 4 or fewer, or a tolerance that is not a number, is copied).
 * Free out->points with g_free(). */
void                   shequ_geo_ring_simplify      (const ShequGeoRing     *ring,
                                                     double                  tolerance,
                                                     ShequGeoRing           *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequGeoShape, shequ_geo_shape_unref)

G_END_DECLS
