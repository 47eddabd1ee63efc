/* shequ-geo-measure.c — areas, point-in-polygon and the checks a ring must pass */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-geo-measure"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "shequ-geo.h"

#define WGS84_A  6378137.0
#define WGS84_E2 0.00669437999014

/* ------------------------------------------------------------------------------------ */
/* Areas */

double
shequ_geo_ring_signed_area (const ShequGeoRing *ring)
{
  double sum = 0.0;

  g_return_val_if_fail (ring != NULL, 0.0);

  if (ring->n_points < 3)
    return 0.0;

  /* Relative to the first point, so that large coordinates do not cancel. */
  for (guint i = 1; i + 1 < ring->n_points; i++)
    {
      double ax = ring->points[i].x - ring->points[0].x;
      double ay = ring->points[i].y - ring->points[0].y;
      double bx = ring->points[i + 1].x - ring->points[0].x;
      double by = ring->points[i + 1].y - ring->points[0].y;

      sum += ax * by - bx * ay;
    }
  return sum / 2.0;
}

/* Lambert's cylindrical equal-area projection of the WGS84 ellipsoid: y = a q(φ) / 2
 * with q the authalic function, x = a λ. Areas in it are areas on the ellipsoid (edges
 * taken straight in the projection, which for boundaries of a few km is exact to far
 * below a square metre). */
static double
authalic_y (double latitude)
{
  double e = sqrt (WGS84_E2);
  double s = sin (latitude * G_PI / 180.0);
  double q = (1.0 - WGS84_E2) * (s / (1.0 - WGS84_E2 * s * s)
                                 - 1.0 / (2.0 * e) * log ((1.0 - e * s) / (1.0 + e * s)));

  return WGS84_A * q / 2.0;
}

double
shequ_geo_ring_area_m2 (const ShequGeoRing *ring)
{
  double sum = 0.0;
  double x0, y0, px, py;

  g_return_val_if_fail (ring != NULL, 0.0);

  if (ring->n_points < 3)
    return 0.0;

  x0 = ring->points[0].x;
  y0 = authalic_y (ring->points[0].y);
  px = 0.0;
  py = 0.0;
  for (guint i = 1; i < ring->n_points; i++)
    {
      double x = WGS84_A * (ring->points[i].x - x0) * G_PI / 180.0;
      double y = authalic_y (ring->points[i].y) - y0;

      sum += px * y - x * py;
      px = x;
      py = y;
    }
  return sum / 2.0;
}

double
shequ_geo_polygon_area_m2 (const ShequGeoPolygon *polygon)
{
  double area;

  g_return_val_if_fail (polygon != NULL, 0.0);

  if (polygon->n_rings == 0)
    return 0.0;

  area = fabs (shequ_geo_ring_area_m2 (&polygon->rings[0]));
  for (guint i = 1; i < polygon->n_rings; i++)
    area -= fabs (shequ_geo_ring_area_m2 (&polygon->rings[i]));
  return area;
}

double
shequ_geo_shape_area_m2 (ShequGeoShape *shape)
{
  double area = 0.0;
  guint n;

  g_return_val_if_fail (shape != NULL, 0.0);

  n = shequ_geo_shape_get_n_polygons (shape);
  for (guint i = 0; i < n; i++)
    area += shequ_geo_polygon_area_m2 (shequ_geo_shape_get_polygon (shape, i));
  return area;
}

/* ------------------------------------------------------------------------------------ */
/* Point in polygon */

static gboolean
ring_crossings_odd (const ShequGeoRing *ring,
                    ShequGeoPoint       p)
{
  gboolean odd = FALSE;

  for (guint i = 0, j = ring->n_points - 1; i < ring->n_points; j = i++)
    {
      const ShequGeoPoint *a = &ring->points[i];
      const ShequGeoPoint *b = &ring->points[j];

      if (!isfinite (a->x) || !isfinite (a->y))
        return FALSE;
      /* Half-open in y, strict in x: an edge's left side and bottom belong to the
       * polygon, its right side and top to the neighbour. */
      if ((a->y > p.y) != (b->y > p.y)
          && p.x < (b->x - a->x) * (p.y - a->y) / (b->y - a->y) + a->x)
        odd = !odd;
    }
  return odd;
}

gboolean
shequ_geo_polygon_contains (const ShequGeoPolygon *polygon,
                            ShequGeoPoint          point)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (polygon != NULL, FALSE);

  if (!isfinite (point.x) || !isfinite (point.y))
    return FALSE;

  for (guint i = 0; i < polygon->n_rings; i++)
    if (polygon->rings[i].n_points > 0 && ring_crossings_odd (&polygon->rings[i], point))
      inside = !inside;
  return inside;
}

gboolean
shequ_geo_shape_contains (ShequGeoShape *shape,
                          ShequGeoPoint  point)
{
  guint n;

  g_return_val_if_fail (shape != NULL, FALSE);

  n = shequ_geo_shape_get_n_polygons (shape);
  for (guint i = 0; i < n; i++)
    if (shequ_geo_polygon_contains (shequ_geo_shape_get_polygon (shape, i), point))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------------------ */
/* Ring checks */

static gboolean
ring_is_flat (const ShequGeoRing *ring)
{
  double min_x = ring->points[0].x, max_x = min_x;
  double min_y = ring->points[0].y, max_y = min_y;
  double scale;

  for (guint i = 1; i < ring->n_points; i++)
    {
      min_x = MIN (min_x, ring->points[i].x);
      max_x = MAX (max_x, ring->points[i].x);
      min_y = MIN (min_y, ring->points[i].y);
      max_y = MAX (max_y, ring->points[i].y);
    }
  scale = (max_x - min_x) + (max_y - min_y);
  if (max_x == min_x || max_y == min_y)
    return TRUE;
  /* Collinear points leave only rounding in the shoelace sum. */
  return fabs (shequ_geo_ring_signed_area (ring)) <= 1e-12 * scale * scale;
}

ShequGeoRingProblem
shequ_geo_ring_check (const ShequGeoRing *ring)
{
  const ShequGeoPoint *first, *last;

  g_return_val_if_fail (ring != NULL, SHEQU_GEO_RING_TOO_FEW_POINTS);

  if (ring->n_points < 4 || ring->points == NULL)
    return SHEQU_GEO_RING_TOO_FEW_POINTS;
  for (guint i = 0; i < ring->n_points; i++)
    if (!isfinite (ring->points[i].x) || !isfinite (ring->points[i].y))
      return SHEQU_GEO_RING_NOT_FINITE;
  for (guint i = 0; i < ring->n_points; i++)
    if (fabs (ring->points[i].x) > 180.0 || fabs (ring->points[i].y) > 90.0)
      return SHEQU_GEO_RING_OUT_OF_RANGE;
  first = &ring->points[0];
  last = &ring->points[ring->n_points - 1];
  if (first->x != last->x || first->y != last->y)
    return SHEQU_GEO_RING_NOT_CLOSED;
  if (ring_is_flat (ring))
    return SHEQU_GEO_RING_ZERO_AREA;
  return SHEQU_GEO_RING_VALID;
}

/* ------------------------------------------------------------------------------------ */
/* Self-intersection: sort the edges by their left end and sweep in x, testing only
 * edges whose x and y extents overlap. O(n log n) for the rings of a map, whose edges
 * are short; O(n²) at worst (a ring of long edges all spanning the same x range). */

typedef struct {
  ShequGeoPoint a;
  ShequGeoPoint b;
  double        min_x;
  double        max_x;
  guint         index;
} Edge;

static int
compare_edges (const void *pa,
               const void *pb)
{
  const Edge *ea = pa, *eb = pb;

  return (ea->min_x > eb->min_x) - (ea->min_x < eb->min_x);
}

static double
orient (ShequGeoPoint a,
        ShequGeoPoint b,
        ShequGeoPoint c)
{
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

static gboolean
on_segment (ShequGeoPoint a,
            ShequGeoPoint b,
            ShequGeoPoint p)
{
  return MIN (a.x, b.x) <= p.x && p.x <= MAX (a.x, b.x)
      && MIN (a.y, b.y) <= p.y && p.y <= MAX (a.y, b.y);
}

static gboolean
segments_touch (const Edge *e,
                const Edge *f)
{
  double d1 = orient (f->a, f->b, e->a);
  double d2 = orient (f->a, f->b, e->b);
  double d3 = orient (e->a, e->b, f->a);
  double d4 = orient (e->a, e->b, f->b);

  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0))
      && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return TRUE;
  return (d1 == 0 && on_segment (f->a, f->b, e->a))
      || (d2 == 0 && on_segment (f->a, f->b, e->b))
      || (d3 == 0 && on_segment (e->a, e->b, f->a))
      || (d4 == 0 && on_segment (e->a, e->b, f->b));
}

/* Neighbours share a vertex V; they cross only by folding back over each other. */
static gboolean
neighbours_overlap (ShequGeoPoint v,
                    ShequGeoPoint p,
                    ShequGeoPoint q)
{
  double cross = (p.x - v.x) * (q.y - v.y) - (p.y - v.y) * (q.x - v.x);
  double dot = (p.x - v.x) * (q.x - v.x) + (p.y - v.y) * (q.y - v.y);

  return cross == 0 && dot > 0;
}

static gboolean
edges_intersect (const Edge *e,
                 const Edge *f,
                 guint       n_edges)
{
  guint i = MIN (e->index, f->index), j = MAX (e->index, f->index);

  if (j == i + 1)
    return neighbours_overlap (e->index == i ? e->b : f->b,
                               e->index == i ? e->a : f->a,
                               e->index == i ? f->b : e->b);
  if (i == 0 && j == n_edges - 1)
    return neighbours_overlap (e->index == i ? e->a : f->a,
                               e->index == i ? e->b : f->b,
                               e->index == i ? f->a : e->a);
  return segments_touch (e, f);
}

/* Repeated points are dropped first (they make no edge); an open ring is closed. */
static GArray *
ring_edges (const ShequGeoRing *ring)
{
  GArray *edges = g_array_sized_new (FALSE, FALSE, sizeof (Edge), ring->n_points);
  g_autoptr(GArray) points = g_array_sized_new (FALSE, FALSE, sizeof (ShequGeoPoint),
                                                ring->n_points + 1);

  for (guint i = 0; i < ring->n_points; i++)
    {
      const ShequGeoPoint *p = &ring->points[i];
      const ShequGeoPoint *prev = points->len > 0
        ? &g_array_index (points, ShequGeoPoint, points->len - 1) : NULL;

      if (prev == NULL || prev->x != p->x || prev->y != p->y)
        g_array_append_val (points, *p);
    }
  if (points->len > 1)
    {
      ShequGeoPoint first = g_array_index (points, ShequGeoPoint, 0);
      ShequGeoPoint last = g_array_index (points, ShequGeoPoint, points->len - 1);

      if (first.x != last.x || first.y != last.y)
        g_array_append_val (points, first);
    }
  for (guint i = 0; i + 1 < points->len; i++)
    {
      Edge edge = {
        .a = g_array_index (points, ShequGeoPoint, i),
        .b = g_array_index (points, ShequGeoPoint, i + 1),
        .index = i,
      };

      edge.min_x = MIN (edge.a.x, edge.b.x);
      edge.max_x = MAX (edge.a.x, edge.b.x);
      g_array_append_val (edges, edge);
    }
  return edges;
}

gboolean
shequ_geo_ring_self_intersects (const ShequGeoRing *ring)
{
  g_autoptr(GArray) edges = NULL;
  Edge *e;

  g_return_val_if_fail (ring != NULL, FALSE);

  /* No edges to speak of: the reader rejects such a ring (shequ_geo_ring_check). */
  for (guint i = 0; i < ring->n_points; i++)
    if (!isfinite (ring->points[i].x) || !isfinite (ring->points[i].y))
      return FALSE;

  edges = ring_edges (ring);
  if (edges->len < 2)
    return FALSE;

  e = (Edge *) (void *) edges->data;
  qsort (e, edges->len, sizeof (Edge), compare_edges);
  for (guint i = 0; i < edges->len; i++)
    for (guint j = i + 1; j < edges->len && e[j].min_x <= e[i].max_x; j++)
      {
        if (MAX (e[i].a.y, e[i].b.y) < MIN (e[j].a.y, e[j].b.y)
            || MAX (e[j].a.y, e[j].b.y) < MIN (e[i].a.y, e[i].b.y))
          continue;
        if (edges_intersect (&e[i], &e[j], edges->len))
          return TRUE;
      }
  return FALSE;
}
