/* shequ-map-lod.c — levels of detail of map items, and where their labels go */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-lod"

#include "config.h"

#include <float.h>
#include <math.h>

#include "shequ-map-private.h"

/* Levels are Douglas-Peucker simplifications at tolerances twice apart, from 25 cm (or
 * a ten-thousandth of the item's size) up to the item's size. Douglas-Peucker splits a
 * span at its farthest point whatever the tolerance, and a tolerance only decides where
 * the splitting stops: so one pass to the end, noting for each point the least split
 * distance on its way down (its significance), gives every level at once, each point kept
 * at tolerance T when its significance exceeds T. A level is thus the very ring
 * shequ_geo_ring_simplify() returns at its tolerance (the same split of the closed ring,
 * the same fall-back to 4 points; test-map checks it), within its tolerance of the full
 * ring, and costs a filter instead of a simplification. A level that saves less than a
 * quarter of the points of the last one kept is not kept: it would cost memory and buy
 * little. */
#define FIRST_TOLERANCE_M 0.25
#define MAX_LEVELS 32

/* What one ring of the full shape keeps at each tolerance. */
typedef struct {
  const ShequGeoRing *ring;
  double             *significance;   /* per point; +inf: kept always */
  guint               extra;          /* added when fewer than 4 points are left */
} RingDetail;

typedef struct {
  guint  a, b;    /* a span of the chain, its ends kept */
  double limit;   /* the significance of the split that made it */
} Span;

static inline double
segment_distance2 (ShequGeoPoint p,
                   ShequGeoPoint a,
                   ShequGeoPoint b)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0.0;
  double ex, ey;

  t = CLAMP (t, 0.0, 1.0);
  ex = p.x - (a.x + t * dx);
  ey = p.y - (a.y + t * dy);
  return ex * ex + ey * ey;
}

/* The point of (first, last) farthest from the chord, FIRST when there is none. */
static guint
farthest (const ShequGeoPoint *p,
          guint                first,
          guint                last,
          double              *distance)
{
  double best = -1;
  guint split = first;

  for (guint i = first + 1; i < last; i++)
    {
      double d = segment_distance2 (p[i], p[first], p[last]);

      if (d > best)
        {
          best = d;
          split = i;
        }
    }
  *distance = best >= 0 ? sqrt (best) : -1;
  return split;
}

/* Splits the chain FIRST…LAST to the end, each split point's significance the least of
 * its own distance and its parent's. */
static void
rank_chain (const ShequGeoPoint *p,
            guint                first,
            guint                last,
            double              *significance,
            GArray              *stack)
{
  Span span = { first, last, INFINITY };

  g_array_set_size (stack, 0);
  g_array_append_val (stack, span);
  while (stack->len > 0)
    {
      Span left, right;
      double d;
      guint split;

      span = g_array_index (stack, Span, stack->len - 1);
      g_array_set_size (stack, stack->len - 1);
      if (span.b - span.a < 2)
        continue;
      split = farthest (p, span.a, span.b, &d);
      significance[split] = MIN (d, span.limit);
      left = (Span) { span.a, split, significance[split] };
      right = (Span) { split, span.b, significance[split] };
      g_array_append_val (stack, left);
      g_array_append_val (stack, right);
    }
}

static void
rank_ring (RingDetail *rd,
           GArray     *stack)
{
  const ShequGeoPoint *p = rd->ring->points;
  guint n = rd->ring->n_points, last = n - 1, far = 0, s1, s2;
  double best = -1, d1, d2;

  rd->extra = G_MAXUINT;
  if (n < 5)
    {
      for (guint i = 0; i < n; i++)
        rd->significance[i] = INFINITY;
      return;
    }
  /* As shequ_geo_ring_simplify() does: split at point 0 and the point farthest from it. */
  for (guint i = 1; i < last; i++)
    {
      double d = (p[i].x - p[0].x) * (p[i].x - p[0].x) + (p[i].y - p[0].y) * (p[i].y - p[0].y);

      if (d > best)
        {
          best = d;
          far = i;
        }
    }
  if (far == 0)
    far = last / 2;
  rd->significance[0] = rd->significance[far] = rd->significance[last] = INFINITY;
  rank_chain (p, 0, far, rd->significance, stack);
  rank_chain (p, far, last, rd->significance, stack);

  /* Its fall-back when both chains shrink to their chords. */
  s1 = farthest (p, 0, far, &d1);
  s2 = farthest (p, far, last, &d2);
  rd->extra = d1 >= d2 && s1 != 0 ? s1 : s2;
  if (rd->extra == 0 || rd->extra == far || rd->extra == last)
    rd->extra = far > 1 ? 1 : far + 1;
}

static guint
count_kept (const RingDetail *rd,
            double            tolerance)
{
  guint n = 0;

  for (guint i = 0; i < rd->ring->n_points; i++)
    n += rd->significance[i] > tolerance;
  return n < 4 && rd->extra != G_MAXUINT ? n + 1 : n;
}

static void
filter_ring (const RingDetail *rd,
             double            tolerance,
             ShequGeoRing     *out)
{
  gboolean add_extra;
  guint n = 0;

  for (guint i = 0; i < rd->ring->n_points; i++)
    n += rd->significance[i] > tolerance;
  add_extra = n < 4 && rd->extra != G_MAXUINT;
  out->points = g_new (ShequGeoPoint, n + add_extra);
  out->n_points = 0;
  for (guint i = 0; i < rd->ring->n_points; i++)
    if (rd->significance[i] > tolerance || (add_extra && i == rd->extra))
      out->points[out->n_points++] = rd->ring->points[i];
}

static ShequGeoShape *
filter_shape (ShequGeoShape    *full,
              const RingDetail *rings,
              double            tolerance)
{
  ShequGeoShape *simple = shequ_geo_shape_new ();
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (ShequGeoRing));

  for (guint p = 0, k = 0; p < shequ_geo_shape_get_n_polygons (full); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (full, p);

      g_array_set_size (out, polygon->n_rings);
      for (guint r = 0; r < polygon->n_rings; r++, k++)
        filter_ring (&rings[k], tolerance, &g_array_index (out, ShequGeoRing, r));
      shequ_geo_shape_add_polygon (simple, (ShequGeoRing *) (void *) out->data, polygon->n_rings);
      for (guint r = 0; r < polygon->n_rings; r++)
        g_free (g_array_index (out, ShequGeoRing, r).points);
    }
  return simple;
}

/* Every ring of FULL ranked; the scratch arrays live as long as the returned array. */
static GArray *
rank_shape (ShequGeoShape *full,
            double       **significance)
{
  GArray *rings = g_array_new (FALSE, FALSE, sizeof (RingDetail));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Span));
  double *next;

  *significance = next = g_new (double, MAX (shequ_geo_shape_get_n_points (full), 1));
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (full); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (full, p);

      for (guint r = 0; r < polygon->n_rings; r++)
        {
          RingDetail rd = { &polygon->rings[r], next, G_MAXUINT };

          next += polygon->rings[r].n_points;
          if (rd.ring->n_points > 0)
            rank_ring (&rd, stack);
          g_array_append_val (rings, rd);
        }
    }
  return rings;
}

void
shequ_map_detail_build (ShequMapDetail *detail,
                        ShequGeoShape  *projected)
{
  ShequMapLevel levels[MAX_LEVELS];
  g_autofree double *significance = NULL;
  g_autoptr(GArray) rings = rank_shape (projected, &significance);
  const RingDetail *rd = (const RingDetail *) (void *) rings->data;
  guint n_levels = 0, minimal = 0, last_points;
  ShequGeoBounds bounds;
  double diagonal, tolerance;

  shequ_geo_shape_get_bounds (projected, &bounds);
  diagonal = bounds.max_x >= bounds.min_x
    ? hypot (bounds.max_x - bounds.min_x, bounds.max_y - bounds.min_y) : 0;
  levels[n_levels++] = (ShequMapLevel) { shequ_geo_shape_ref (projected), 0 };
  last_points = shequ_geo_shape_get_n_points (projected);
  for (guint r = 0; r < rings->len; r++)
    minimal += MIN (rd[r].ring->n_points, 4);

  /* Start near the shape's own scale: a street's outline has nothing to lose at 25 cm. */
  tolerance = FIRST_TOLERANCE_M;
  while (tolerance < diagonal * 1e-4)
    tolerance *= 2;

  for (; n_levels < MAX_LEVELS && last_points > minimal && tolerance <= 2 * diagonal;
       tolerance *= 2)
    {
      guint n_points = 0;

      for (guint r = 0; r < rings->len; r++)
        n_points += count_kept (&rd[r], tolerance);
      if (n_points * 4 > last_points * 3 && n_points > minimal)
        continue;
      levels[n_levels++] = (ShequMapLevel) { filter_shape (projected, rd, tolerance), tolerance };
      last_points = n_points;
    }

  detail->n_levels = n_levels;
  detail->levels = g_memdup2 (levels, sizeof (ShequMapLevel) * n_levels);
}

void
shequ_map_detail_clear (ShequMapDetail *detail)
{
  for (guint i = 0; i < detail->n_levels; i++)
    shequ_geo_shape_unref (detail->levels[i].shape);
  g_clear_pointer (&detail->levels, g_free);
  detail->n_levels = 0;
}

ShequGeoShape *
shequ_map_detail_pick (const ShequMapDetail *detail,
                       double                tolerance)
{
  guint i = detail->n_levels - 1;

  while (i > 0 && !(detail->levels[i].error <= tolerance))
    i--;
  return detail->levels[i].shape;
}

/* ------------------------------------------------------------------------------------ */
/* Label points: polylabel (Agafonkin, Mapbox 2016), a best-first search over square
 * cells for the point farthest from every edge. */

typedef struct {
  double x, y;   /* centre */
  double half;   /* half the side */
  double d;      /* signed distance from the centre to the polygon's edges, > 0 inside */
  double max;    /* the most any point of the cell can have: d + half √2 */
} Cell;

/* A polygon's edges, ready for many distances: no division in the loop. */
typedef struct {
  double ax, ay, dx, dy;
  double inv_length2;   /* 0 for an edge of no length */
} Edge;

static GArray *
polygon_edges (const ShequGeoPolygon *polygon)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint r = 0; r < polygon->n_rings; r++)
    {
      const ShequGeoRing *ring = &polygon->rings[r];

      for (guint i = 0; i + 1 < ring->n_points; i++)
        {
          ShequGeoPoint a = ring->points[i], b = ring->points[i + 1];
          Edge e = { a.x, a.y, b.x - a.x, b.y - a.y, 0 };
          double length2 = e.dx * e.dx + e.dy * e.dy;

          e.inv_length2 = length2 > 0 ? 1 / length2 : 0;
          g_array_append_val (edges, e);
        }
    }
  return edges;
}

/* The signed distance from (X, Y) to the edges, > 0 inside (even-odd over the rings, as
 * shequ_geo_polygon_contains() counts). */
static double
polygon_distance (GArray *edges,
                  double  x,
                  double  y)
{
  const Edge *e = (const Edge *) (void *) edges->data;
  double best = INFINITY;
  gboolean inside = FALSE;

  for (guint i = 0; i < edges->len; i++, e++)
    {
      double px = x - e->ax, py = y - e->ay;
      double t = CLAMP ((px * e->dx + py * e->dy) * e->inv_length2, 0.0, 1.0);
      double ex = px - t * e->dx, ey = py - t * e->dy;

      if ((e->ay > y) != (e->ay + e->dy > y) && px < e->dx * py / e->dy)
        inside = !inside;
      best = MIN (best, ex * ex + ey * ey);
    }
  best = sqrt (best);
  return inside ? best : -best;
}

static Cell
make_cell (GArray *edges,
           double  x,
           double  y,
           double  half)
{
  Cell cell = { x, y, half, polygon_distance (edges, x, y), 0 };

  cell.max = cell.d + half * G_SQRT2;
  return cell;
}

/* A max-heap of cells by MAX. */
static void
heap_push (GArray *heap,
           Cell    cell)
{
  Cell *c;
  guint i = heap->len;

  g_array_append_val (heap, cell);
  c = (Cell *) (void *) heap->data;
  while (i > 0 && c[(i - 1) / 2].max < c[i].max)
    {
      Cell t = c[i];

      c[i] = c[(i - 1) / 2];
      c[(i - 1) / 2] = t;
      i = (i - 1) / 2;
    }
}

static Cell
heap_pop (GArray *heap)
{
  Cell *c = (Cell *) (void *) heap->data;
  Cell top = c[0];
  guint n = heap->len - 1, i = 0;

  c[0] = c[n];
  g_array_set_size (heap, n);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Cell t;

      if (l < n && c[l].max > c[m].max)
        m = l;
      if (r < n && c[r].max > c[m].max)
        m = r;
      if (m == i)
        break;
      t = c[i];
      c[i] = c[m];
      c[m] = t;
      i = m;
    }
  return top;
}

static ShequGeoPoint
ring_centroid (const ShequGeoRing *ring)
{
  double a = 0, cx = 0, cy = 0;

  for (guint i = 0; i + 1 < ring->n_points; i++)
    {
      ShequGeoPoint p = ring->points[i], q = ring->points[i + 1];
      double f = p.x * q.y - q.x * p.y;

      a += f;
      cx += (p.x + q.x) * f;
      cy += (p.y + q.y) * f;
    }
  if (a == 0)
    return ring->points[0];
  return (ShequGeoPoint) { cx / (3 * a), cy / (3 * a) };
}

static ShequGeoPoint
polylabel (const ShequGeoPolygon *polygon,
           double                 precision)
{
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (Cell));
  g_autoptr(GArray) edges = polygon_edges (polygon);
  ShequGeoBounds b = { DBL_MAX, DBL_MAX, -DBL_MAX, -DBL_MAX };
  const ShequGeoRing *outer = &polygon->rings[0];
  double width, height, size;
  ShequGeoPoint centroid;
  Cell best;

  for (guint i = 0; i < outer->n_points; i++)
    {
      b.min_x = MIN (b.min_x, outer->points[i].x);
      b.min_y = MIN (b.min_y, outer->points[i].y);
      b.max_x = MAX (b.max_x, outer->points[i].x);
      b.max_y = MAX (b.max_y, outer->points[i].y);
    }
  width = b.max_x - b.min_x;
  height = b.max_y - b.min_y;
  /* At most 64 cells along the long side to start with, however thin the shape. */
  size = MAX (MIN (width, height), MAX (width, height) / 64);
  if (!(size > 0))
    return (ShequGeoPoint) { b.min_x, b.min_y };

  for (double x = b.min_x; x < b.max_x; x += size)
    for (double y = b.min_y; y < b.max_y; y += size)
      heap_push (heap, make_cell (edges, x + size / 2, y + size / 2, size / 2));

  centroid = ring_centroid (outer);
  best = make_cell (edges, centroid.x, centroid.y, 0);
  {
    Cell middle = make_cell (edges, b.min_x + width / 2, b.min_y + height / 2, 0);

    if (middle.d > best.d)
      best = middle;
  }

  while (heap->len > 0)
    {
      Cell cell = heap_pop (heap);
      double h;

      if (cell.d > best.d)
        best = cell;
      if (cell.max - best.d <= precision)
        continue;
      h = cell.half / 2;
      heap_push (heap, make_cell (edges, cell.x - h, cell.y - h, h));
      heap_push (heap, make_cell (edges, cell.x + h, cell.y - h, h));
      heap_push (heap, make_cell (edges, cell.x - h, cell.y + h, h));
      heap_push (heap, make_cell (edges, cell.x + h, cell.y + h, h));
    }
  return (ShequGeoPoint) { best.x, best.y };
}

/* The polygon of SHAPE with the largest outer ring. */
static const ShequGeoPolygon *
largest_polygon (ShequGeoShape *shape)
{
  const ShequGeoPolygon *best = NULL;
  double best_area = -1;

  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);
      double area = fabs (shequ_geo_ring_signed_area (&polygon->rings[0]));

      if (area > best_area)
        {
          best_area = area;
          best = polygon;
        }
    }
  return best;
}

ShequGeoPoint
shequ_map_find_label_point (const ShequMapDetail *detail,
                            const ShequGeoBounds *bounds)
{
  ShequGeoShape *full = detail->levels[0].shape;
  double size = MAX (bounds->max_x - bounds->min_x, bounds->max_y - bounds->min_y);
  double precision = size / 100;
  ShequGeoShape *coarse;
  ShequGeoPoint point;

  if (shequ_geo_shape_get_n_polygons (full) == 0 || !(size > 0))
    return (ShequGeoPoint) { bounds->min_x, bounds->min_y };

  /* On a level within the precision of the full shape the distances are off by no more
   * than that: the answer is within twice the precision (2 % of the size), and much
   * faster to find than on the full shape. */
  coarse = shequ_map_detail_pick (detail, precision);
  point = polylabel (largest_polygon (coarse), precision);
  if (coarse != full && !shequ_geo_shape_contains (full, point))
    point = polylabel (largest_polygon (full), precision);
  return point;
}
