/* shequ-geo-simplify.c — Douglas-Peucker simplification of closed rings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-geo-simplify"

#include "config.h"

#include <math.h>

#include "shequ-geo.h"

/* The distance from P to the segment AB (not to its line: the bound is to the ring). */
static double
segment_distance (ShequGeoPoint p,
                  ShequGeoPoint a,
                  ShequGeoPoint b)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0.0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/* The point of (first, last) farthest from the segment first-last, or first when
 * there is none in between. */
static guint
farthest_point (const ShequGeoPoint *points,
                guint                first,
                guint                last,
                double              *distance)
{
  guint best = first;

  *distance = -1.0;
  for (guint i = first + 1; i < last; i++)
    {
      double d = segment_distance (points[i], points[first], points[last]);

      if (d > *distance)
        {
          *distance = d;
          best = i;
        }
    }
  return best;
}

/* Marks in KEEP the points of (first, last) that the open chain needs; an explicit
 * stack, so that a ring of a million points does not exhaust the C stack. */
static void
simplify_chain (const ShequGeoPoint *points,
                guint                first,
                guint                last,
                double               tolerance,
                gboolean            *keep)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  guint span[2] = { first, last };

  g_array_append_val (stack, span);
  while (stack->len > 0)
    {
      guint *top = &g_array_index (stack, guint, (stack->len - 1) * 2);
      guint a = top[0], b = top[1];
      double distance;
      guint split;

      g_array_set_size (stack, stack->len - 1);
      split = farthest_point (points, a, b, &distance);
      if (split == a || distance <= tolerance)
        continue;
      keep[split] = TRUE;
      span[0] = a; span[1] = split;
      g_array_append_val (stack, span);
      span[0] = split; span[1] = b;
      g_array_append_val (stack, span);
    }
}

void
shequ_geo_ring_simplify (const ShequGeoRing *ring,
                         double              tolerance,
                         ShequGeoRing       *out)
{
  g_autofree gboolean *keep = NULL;
  const ShequGeoPoint *p;
  guint last, far = 0, n_kept = 0;
  double best = -1.0;

  g_return_if_fail (ring != NULL);
  g_return_if_fail (out != NULL);

  out->n_points = 0;
  out->points = NULL;
  if (ring->n_points < 5 || !(tolerance >= 0.0))
    {
      out->n_points = ring->n_points;
      out->points = g_memdup2 (ring->points, sizeof (ShequGeoPoint) * ring->n_points);
      return;
    }

  /* A closed ring has no end to anchor on: split it at point 0 and the point
   * farthest from it, and simplify the two chains between them. */
  p = ring->points;
  last = ring->n_points - 1;
  for (guint i = 1; i < last; i++)
    {
      double d = hypot (p[i].x - p[0].x, p[i].y - p[0].y);

      if (d > best)
        {
          best = d;
          far = i;
        }
    }
  if (far == 0)
    far = last / 2;   /* no distance is a number: split anywhere */
  keep = g_new0 (gboolean, ring->n_points);
  keep[0] = keep[far] = keep[last] = TRUE;
  simplify_chain (p, 0, far, tolerance, keep);
  simplify_chain (p, far, last, tolerance, keep);

  for (guint i = 0; i <= last; i++)
    n_kept += keep[i];
  if (n_kept < 4)
    {
      /* Two chains each reduced to their chord: keep the point farthest from it
       * on the longer one, so the ring stays a ring (or any point, when no
       * distance is a number). */
      double d1, d2;
      guint s1 = farthest_point (p, 0, far, &d1);
      guint s2 = farthest_point (p, far, last, &d2);
      guint extra = d1 >= d2 && s1 != 0 ? s1 : s2;

      if (keep[extra])
        extra = far > 1 ? 1 : far + 1;
      keep[extra] = TRUE;
      n_kept++;
    }

  out->points = g_new (ShequGeoPoint, n_kept);
  for (guint i = 0; i <= last; i++)
    if (keep[i])
      out->points[out->n_points++] = p[i];
}
