/* test-geo.c — datums, projection, areas, containment, ring checks and simplification */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-geo.h"

#define PT(lon, lat) ((ShequGeoPoint) { (lon), (lat) })

/* Pingyi's county seat, where the sample street lies. */
#define PINGYI_LON 117.63
#define PINGYI_LAT 35.51

typedef struct {
  ShequGeoPoint wgs84;
  ShequGeoPoint gcj02;
  const char   *where;
} Pair;

/* Published pairs (longitude, latitude):
 * - Shanghai, Shenzhen, Beijing: the test vectors of eviltransform,
 *   https://github.com/googollee/eviltransform (go/transform_test.go and python/test.py,
 *   the same three in every port of it);
 * - Beijing (116.404, 39.915): wandergis/coordtransform, test/app.js, the
 *   "wgs84togcj02" result printed there,
 *   https://github.com/wandergis/coordtransform. */
static const Pair published_pairs[] = {
  { { 121.5272106, 31.1774276 }, { 121.531541859215, 31.17530398364597 }, "Shanghai" },
  { { 113.912316, 22.543847 }, { 113.9171764808363, 22.540796131694766 }, "Shenzhen" },
  { { 116.377817, 39.911954 }, { 116.38404722455657, 39.91334545536069 }, "Beijing" },
  { { 116.404, 39.915 }, { 116.41024449916938, 39.91640428150164 }, "Beijing (coordtransform)" },
};

static void
assert_point_near (ShequGeoPoint p,
                   ShequGeoPoint expected,
                   double        tolerance)
{
  g_assert_cmpfloat (fabs (p.x - expected.x), <=, tolerance);
  g_assert_cmpfloat (fabs (p.y - expected.y), <=, tolerance);
}

static ShequGeoRing
ring_of (ShequGeoPoint *points,
         guint          n_points)
{
  return (ShequGeoRing) { points, n_points };
}

/* ------------------------------------------------------------------------------------ */
/* Datums */

/* DATA is the datum the published points are converted from. */
static void
test_gcj02_published (gconstpointer data)
{
  ShequGeoCrs from = GPOINTER_TO_INT (data);
  ShequGeoCrs to = from == SHEQU_GEO_CRS_WGS84 ? SHEQU_GEO_CRS_GCJ02 : SHEQU_GEO_CRS_WGS84;

  for (guint i = 0; i < G_N_ELEMENTS (published_pairs); i++)
    {
      const Pair *pair = &published_pairs[i];
      ShequGeoPoint in = from == SHEQU_GEO_CRS_WGS84 ? pair->wgs84 : pair->gcj02;
      ShequGeoPoint out = from == SHEQU_GEO_CRS_WGS84 ? pair->gcj02 : pair->wgs84;
      ShequGeoPoint direct = from == SHEQU_GEO_CRS_WGS84 ? shequ_geo_wgs84_to_gcj02 (in)
                                                         : shequ_geo_gcj02_to_wgs84 (in);

      g_test_message ("%s", pair->where);
      assert_point_near (direct, out, 1e-9);
      assert_point_near (shequ_geo_crs_convert (in, from, to), out, 1e-9);
    }
}

static void
test_gcj02_outside_china (void)
{
  /* Tokyo, Denver, Rio de Janeiro, Brisbane: no offset outside the box. */
  const ShequGeoPoint outside[] = {
    PT (139.767125, 35.681236), PT (-104.9903, 39.7392), PT (-43.1729, -22.9068),
    PT (153.0251, -27.4698), PT (117.63, 56.0), PT (71.9, 35.0),
  };

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_assert_false (shequ_geo_in_china (outside[i]));
      assert_point_near (shequ_geo_wgs84_to_gcj02 (outside[i]), outside[i], 0.0);
      assert_point_near (shequ_geo_gcj02_to_wgs84 (outside[i]), outside[i], 0.0);
    }
  g_assert_true (shequ_geo_in_china (PT (PINGYI_LON, PINGYI_LAT)));
  /* Same datum: the point itself. */
  assert_point_near (shequ_geo_crs_convert (PT (PINGYI_LON, PINGYI_LAT), SHEQU_GEO_CRS_GCJ02,
                                            SHEQU_GEO_CRS_GCJ02),
                     PT (PINGYI_LON, PINGYI_LAT), 0.0);
}

static void
test_gcj02_round_trip_pingyi (void)
{
  for (int i = -10; i <= 10; i++)
    for (int j = -10; j <= 10; j++)
      {
        ShequGeoPoint p = PT (PINGYI_LON + i * 0.02, PINGYI_LAT + j * 0.015);
        ShequGeoPoint gcj = shequ_geo_wgs84_to_gcj02 (p);
        ShequGeoPoint m = shequ_geo_metres_per_degree (p.y);
        double offset_m = hypot ((gcj.x - p.x) * m.x, (gcj.y - p.y) * m.y);

        /* GCJ-02 moves points by some hundreds of metres in Shandong. */
        g_assert_cmpfloat (offset_m, >, 100.0);
        g_assert_cmpfloat (offset_m, <, 1000.0);
        assert_point_near (shequ_geo_gcj02_to_wgs84 (gcj), p, 1e-9);
        assert_point_near (shequ_geo_wgs84_to_gcj02 (shequ_geo_gcj02_to_wgs84 (p)), p, 1e-9);
      }
}

/* ------------------------------------------------------------------------------------ */
/* Projection */

static void
test_mercator_round_trip (void)
{
  const ShequGeoPoint points[] = {
    PT (PINGYI_LON, PINGYI_LAT), PT (0, 0), PT (-180, 0), PT (180, 80), PT (-73.98, 40.75),
    PT (151.2, -33.87), PT (117.63001, 35.51001),
  };
  ShequGeoPoint corner = shequ_geo_mercator_forward (PT (180, SHEQU_GEO_MERCATOR_MAX_LAT));

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    assert_point_near (shequ_geo_mercator_inverse (shequ_geo_mercator_forward (points[i])),
                       points[i], 1e-10);

  /* EPSG:3857's square world: 20037508.342789244 m to each side. */
  assert_point_near (corner, PT (20037508.342789244, 20037508.342789244), 1e-3);
  assert_point_near (shequ_geo_mercator_forward (PT (0, 0)), PT (0, 0), 1e-9);
  /* Latitudes past the square's edge clamp to it. */
  g_assert_cmpfloat_with_epsilon (shequ_geo_mercator_forward (PT (0, 89.9)).y, corner.y, 1e-6);
  g_assert_cmpfloat (shequ_geo_mercator_forward (PT (0, PINGYI_LAT)).y, >, 4.2e6);
}

static void
test_metres_per_degree (void)
{
  ShequGeoPoint equator = shequ_geo_metres_per_degree (0.0);
  ShequGeoPoint pingyi = shequ_geo_metres_per_degree (PINGYI_LAT);
  ShequGeoPoint pole = shequ_geo_metres_per_degree (90.0);

  /* WGS84: a degree of longitude on the equator is 111319.49 m, of latitude there
   * 110574.27 m, of latitude at the pole 111693.98 m. */
  g_assert_cmpfloat_with_epsilon (equator.x, 111319.49, 0.01);
  g_assert_cmpfloat_with_epsilon (equator.y, 110574.27, 0.01);
  g_assert_cmpfloat_with_epsilon (pole.y, 111693.98, 0.01);
  g_assert_cmpfloat_with_epsilon (pole.x, 0.0, 1e-6);
  g_assert_cmpfloat (pingyi.x, >, 90000.0);
  g_assert_cmpfloat (pingyi.x, <, 91000.0);
}

/* ------------------------------------------------------------------------------------ */
/* Areas */

/* A counter-clockwise square of SIDE metres centred on (LON, LAT). */
static void
square_around (double         lon,
               double         lat,
               double         side,
               ShequGeoPoint  points[5])
{
  ShequGeoPoint m = shequ_geo_metres_per_degree (lat);
  double hx = side / 2.0 / m.x, hy = side / 2.0 / m.y;

  points[0] = PT (lon - hx, lat - hy);
  points[1] = PT (lon + hx, lat - hy);
  points[2] = PT (lon + hx, lat + hy);
  points[3] = PT (lon - hx, lat + hy);
  points[4] = points[0];
}

static void
reverse_points (ShequGeoPoint *points,
                guint          n)
{
  for (guint i = 0; i < n / 2; i++)
    {
      ShequGeoPoint t = points[i];

      points[i] = points[n - 1 - i];
      points[n - 1 - i] = t;
    }
}

static void
test_area_square_km (void)
{
  ShequGeoPoint outer[5], hole[5];
  ShequGeoRing rings[2];
  ShequGeoPolygon polygon = { rings, 2 };
  g_autoptr(ShequGeoShape) shape = shequ_geo_shape_new ();

  square_around (PINGYI_LON, PINGYI_LAT, 1000.0, outer);
  square_around (PINGYI_LON, PINGYI_LAT, 500.0, hole);
  rings[0] = ring_of (outer, 5);
  rings[1] = ring_of (hole, 5);

  g_test_message ("1 km square: %.6f m²", shequ_geo_ring_area_m2 (&rings[0]));
  g_assert_cmpfloat (fabs (shequ_geo_ring_area_m2 (&rings[0]) - 1e6), <, 1e6 * 1e-3);
  g_assert_cmpfloat (shequ_geo_ring_signed_area (&rings[0]), >, 0.0);

  /* The hole subtracts, whichever way either ring runs. */
  g_assert_cmpfloat (fabs (shequ_geo_polygon_area_m2 (&polygon) - 0.75e6), <, 0.75e6 * 1e-3);
  reverse_points (hole, 5);
  g_assert_cmpfloat (shequ_geo_ring_area_m2 (&rings[1]), <, 0.0);
  g_assert_cmpfloat (shequ_geo_ring_signed_area (&rings[1]), <, 0.0);
  g_assert_cmpfloat (fabs (shequ_geo_polygon_area_m2 (&polygon) - 0.75e6), <, 0.75e6 * 1e-3);

  /* A MultiPolygon: the holed square and a 2 km square elsewhere. */
  shequ_geo_shape_add_polygon (shape, rings, 2);
  square_around (PINGYI_LON + 0.1, PINGYI_LAT, 2000.0, outer);
  shequ_geo_shape_add_polygon (shape, rings, 1);
  g_assert_cmpfloat (fabs (shequ_geo_shape_area_m2 (shape) - 4.75e6), <, 4.75e6 * 1e-3);
}

static void
test_area_whole_ellipsoid (void)
{
  /* The ring around the whole map of the world: the WGS84 ellipsoid's surface,
   * 510 065 621.7 km². An independent check of the equal-area formula. */
  ShequGeoPoint world[] = {
    PT (-180, -90), PT (180, -90), PT (180, 90), PT (-180, 90), PT (-180, -90),
  };
  ShequGeoRing ring = ring_of (world, G_N_ELEMENTS (world));

  g_assert_cmpfloat (fabs (shequ_geo_ring_area_m2 (&ring) / 5.100656217e14 - 1.0), <, 1e-6);
}

/* ------------------------------------------------------------------------------------ */
/* Point in polygon */

static void
test_contains_holes (void)
{
  /* A 10 × 10 square with a 4 × 4 hole, and in the hole an island of 2 × 2 (a second
   * polygon of the same MultiPolygon). */
  ShequGeoPoint outer[] = { PT (0, 0), PT (10, 0), PT (10, 10), PT (0, 10), PT (0, 0) };
  ShequGeoPoint hole[] = { PT (3, 3), PT (3, 7), PT (7, 7), PT (7, 3), PT (3, 3) };
  ShequGeoPoint island[] = { PT (4, 4), PT (6, 4), PT (6, 6), PT (4, 6), PT (4, 4) };
  ShequGeoRing rings[] = { ring_of (outer, 5), ring_of (hole, 5) };
  ShequGeoPolygon polygon = { rings, 2 };
  g_autoptr(ShequGeoShape) shape = shequ_geo_shape_new ();

  shequ_geo_shape_add_polygon (shape, rings, 2);

  g_assert_true (shequ_geo_polygon_contains (&polygon, PT (1, 1)));
  g_assert_true (shequ_geo_polygon_contains (&polygon, PT (8, 5)));
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (5, 5)));   /* in the hole */
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (-1, 5)));  /* outside */
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (5, 11)));
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (1e9, -1e9)));
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (NAN, 5)));
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (5, INFINITY)));
  /* On the hole's edges: its left and bottom belong to the hole, its right and top to
   * the polygon around it. */
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (3, 5)));
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (5, 3)));
  g_assert_true (shequ_geo_polygon_contains (&polygon, PT (7, 5)));
  g_assert_true (shequ_geo_polygon_contains (&polygon, PT (5, 7)));

  g_assert_false (shequ_geo_shape_contains (shape, PT (5, 5)));
  shequ_geo_shape_add_polygon (shape, &(ShequGeoRing) { island, 5 }, 1);
  g_assert_true (shequ_geo_shape_contains (shape, PT (5, 5)));      /* on the island */
  g_assert_false (shequ_geo_shape_contains (shape, PT (3.5, 5)));   /* water around it */
  g_assert_true (shequ_geo_shape_contains (shape, PT (1, 1)));
  g_assert_false (shequ_geo_shape_contains (shape, PT (11, 1)));
}

static ShequGeoPoint
shift_point (ShequGeoPoint p,
             gpointer      user_data)
{
  double *dx = user_data;

  return PT (p.x + *dx, p.y * 2);
}

static void
test_shape_new_mapped (void)
{
  /* Every point of every ring goes through the function; the rings and polygons keep
   * their order and the source shape is left as it was. */
  ShequGeoPoint outer[5], hole[5];
  ShequGeoRing rings[2];
  g_autoptr(ShequGeoShape) shape = shequ_geo_shape_new ();
  g_autoptr(ShequGeoShape) mapped = NULL;
  double dx = 100;

  /* A square kilometre with a hole, and a second polygon where the hole is. */
  square_around (117.63, 35.51, 1000, outer);
  square_around (117.63, 35.51, 200, hole);
  rings[0] = ring_of (outer, 5);
  rings[1] = ring_of (hole, 5);
  shequ_geo_shape_add_polygon (shape, &rings[1], 1);
  reverse_points (hole, 5);
  shequ_geo_shape_add_polygon (shape, rings, 2);
  mapped = shequ_geo_shape_new_mapped (shape, shift_point, &dx);

  g_assert_cmpuint (shequ_geo_shape_get_n_polygons (mapped), ==, 2);
  g_assert_cmpuint (shequ_geo_shape_get_n_points (mapped), ==, 15);
  for (guint p = 0; p < 2; p++)
    {
      const ShequGeoPolygon *from = shequ_geo_shape_get_polygon (shape, p);
      const ShequGeoPolygon *to = shequ_geo_shape_get_polygon (mapped, p);

      g_assert_cmpuint (to->n_rings, ==, from->n_rings);
      for (guint r = 0; r < from->n_rings; r++)
        {
          g_assert_cmpuint (to->rings[r].n_points, ==, from->rings[r].n_points);
          for (guint i = 0; i < from->rings[r].n_points; i++)
            {
              g_assert_cmpfloat (to->rings[r].points[i].x, ==, from->rings[r].points[i].x + 100);
              g_assert_cmpfloat (to->rings[r].points[i].y, ==, from->rings[r].points[i].y * 2);
            }
        }
    }
  g_assert_cmpfloat (shequ_geo_shape_get_polygon (shape, 1)->rings[0].points[0].x, ==,
                     outer[0].x);
}

static void
test_contains_shared_edges (void)
{
  /* Four unit tiles around (1, 1): every point of their shared edges, and the shared
   * corner, lies in exactly one tile. */
  ShequGeoPoint tiles[4][5];
  const ShequGeoPoint probes[] = {
    PT (1, 0.5), PT (1, 1.5), PT (0.5, 1), PT (1.5, 1), PT (1, 1), PT (0.25, 1), PT (1, 0.75),
  };

  for (guint t = 0; t < 4; t++)
    {
      double x = t % 2, y = t / 2;

      tiles[t][0] = PT (x, y);
      tiles[t][1] = PT (x + 1, y);
      tiles[t][2] = PT (x + 1, y + 1);
      tiles[t][3] = PT (x, y + 1);
      tiles[t][4] = PT (x, y);
    }
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      guint hits = 0;

      for (guint t = 0; t < 4; t++)
        {
          ShequGeoRing ring = ring_of (tiles[t], 5);
          ShequGeoPolygon polygon = { &ring, 1 };

          hits += shequ_geo_polygon_contains (&polygon, probes[i]);
        }
      g_assert_cmpuint (hits, ==, 1);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Ring checks */

static void
test_ring_check (void)
{
  ShequGeoPoint square[] = { PT (0, 0), PT (1, 0), PT (1, 1), PT (0, 1), PT (0, 0) };
  ShequGeoPoint open[] = { PT (0, 0), PT (1, 0), PT (1, 1), PT (0, 1), PT (0, 0.5) };
  ShequGeoPoint line[] = { PT (0, 0), PT (1, 1), PT (2, 2), PT (0, 0) };
  ShequGeoPoint slant[] = { PT (0.1, 0.3), PT (0.7, 2.1), PT (0.4, 1.2), PT (0.1, 0.3) };
  ShequGeoPoint dot[] = { PT (5, 5), PT (5, 5), PT (5, 5), PT (5, 5) };
  ShequGeoPoint edges[] = { PT (-180, -90), PT (180, -90), PT (180, 90), PT (-180, -90) };
  ShequGeoRing ring = ring_of (square, 5);

  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_VALID);
  ring.n_points = 3;
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_TOO_FEW_POINTS);
  ring.n_points = 0;
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_TOO_FEW_POINTS);
  ring = ring_of (open, 5);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_NOT_CLOSED);
  ring = ring_of (line, 4);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_ZERO_AREA);
  ring = ring_of (slant, 4);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_ZERO_AREA);
  ring = ring_of (dot, 4);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_ZERO_AREA);
  g_assert_cmpfloat (shequ_geo_ring_area_m2 (&ring), ==, 0.0);
  ring = ring_of (edges, 4);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_VALID);

  ring = ring_of (square, 5);
  square[2] = PT (180.000001, 1);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_OUT_OF_RANGE);
  square[2] = PT (1, -90.5);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_OUT_OF_RANGE);
  square[2] = PT (NAN, 1);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_NOT_FINITE);
  square[2] = PT (1, -INFINITY);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_NOT_FINITE);
  /* NaN in the closing point: not "not closed", but not finite. */
  square[2] = PT (1, 1);
  square[0] = square[4] = PT (NAN, NAN);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_NOT_FINITE);
}

/* A wiggly ring of N points around (CX, CY): a circle of RADIUS with waves and a
 * deterministic jitter, counter-clockwise, closed. Never self-intersecting: the
 * radius stays positive and the angle grows. */
static ShequGeoPoint *
wiggly_ring (guint  n,
             double cx,
             double cy,
             double radius)
{
  ShequGeoPoint *points = g_new (ShequGeoPoint, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i + 1 < n; i++)
    {
      double angle = 2 * G_PI * i / (n - 1);
      double r = radius * (1.0 + 0.1 * sin (17 * angle) + 0.03 * sin (131 * angle))
                 + g_rand_double_range (rand, -0.002, 0.002) * radius;

      points[i] = PT (cx + r * cos (angle), cy + r * sin (angle));
    }
  points[n - 1] = points[0];
  return points;
}

static void
test_self_intersects (void)
{
  ShequGeoPoint square[] = { PT (0, 0), PT (1, 0), PT (1, 1), PT (0, 1), PT (0, 0) };
  ShequGeoPoint bowtie[] = { PT (0, 0), PT (1, 1), PT (1, 0), PT (0, 1), PT (0, 0) };
  ShequGeoPoint spike[] = { PT (0, 0), PT (2, 0), PT (2, 2), PT (2, 3), PT (2, 2.5),
                            PT (0, 2), PT (0, 0) };
  ShequGeoPoint pinch[] = { PT (0, 0), PT (2, 0), PT (1, 1), PT (2, 2), PT (0, 2),
                            PT (1, 1), PT (0, 0) };
  ShequGeoPoint repeats[] = { PT (0, 0), PT (0, 0), PT (1, 0), PT (1, 1), PT (1, 1),
                              PT (0, 1), PT (0, 0), PT (0, 0) };
  ShequGeoPoint fold_at_start[] = { PT (0, 0), PT (1, 0), PT (1, 1), PT (0, 1),
                                    PT (0, -1), PT (0, 0) };
  ShequGeoPoint line[] = { PT (0, 0), PT (1, 1), PT (2, 2), PT (0, 0) };
  ShequGeoRing ring;
  g_autofree ShequGeoPoint *wiggly = wiggly_ring (20001, 0, 0, 1000);

  ring = ring_of (square, 5);
  g_assert_false (shequ_geo_ring_self_intersects (&ring));
  ring = ring_of (bowtie, 5);
  g_assert_true (shequ_geo_ring_self_intersects (&ring));
  ring = ring_of (spike, G_N_ELEMENTS (spike));          /* folds back over itself */
  g_assert_true (shequ_geo_ring_self_intersects (&ring));
  ring = ring_of (pinch, G_N_ELEMENTS (pinch));          /* touches itself at (1, 1) */
  g_assert_true (shequ_geo_ring_self_intersects (&ring));
  ring = ring_of (repeats, G_N_ELEMENTS (repeats));      /* repeated points are no edge */
  g_assert_false (shequ_geo_ring_self_intersects (&ring));
  ring = ring_of (fold_at_start, G_N_ELEMENTS (fold_at_start));  /* across the seam */
  g_assert_true (shequ_geo_ring_self_intersects (&ring));
  ring = ring_of (line, 4);                               /* zero area, doubled back */
  g_assert_true (shequ_geo_ring_self_intersects (&ring));

  ring = ring_of (wiggly, 20001);
  g_assert_false (shequ_geo_ring_self_intersects (&ring));
  /* One point pulled across the ring to the far side. */
  wiggly[5000] = PT (-wiggly[5000].x * 1.05, -wiggly[5000].y * 1.05);
  g_assert_true (shequ_geo_ring_self_intersects (&ring));
}

/* ------------------------------------------------------------------------------------ */
/* Simplification */

static double
distance_to_ring (ShequGeoPoint       p,
                  const ShequGeoRing *ring)
{
  double best = INFINITY;

  for (guint i = 0; i + 1 < ring->n_points; i++)
    {
      ShequGeoPoint a = ring->points[i], b = ring->points[i + 1];
      double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
      double t = l2 > 0 ? CLAMP (((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0) : 0.0;

      best = MIN (best, hypot (p.x - a.x - t * dx, p.y - a.y - t * dy));
    }
  return best;
}

static void
assert_closed_ring (const ShequGeoRing *ring)
{
  g_assert_cmpuint (ring->n_points, >=, 4);
  /* The very same bits, NaN included. */
  g_assert_cmpmem (&ring->points[0], sizeof (ShequGeoPoint),
                   &ring->points[ring->n_points - 1], sizeof (ShequGeoPoint));
}

static void
test_simplify_error_bound (void)
{
  /* 5000 points around Pingyi in Web Mercator metres. */
  ShequGeoPoint centre = shequ_geo_mercator_forward (PT (PINGYI_LON, PINGYI_LAT));
  g_autofree ShequGeoPoint *points = wiggly_ring (5000, centre.x, centre.y, 800);
  ShequGeoRing ring = ring_of (points, 5000);
  const double tolerances[] = { 0.0, 0.5, 2.0, 10.0, 50.0, 400.0, 1e6 };
  guint previous = G_MAXUINT;

  for (guint k = 0; k < G_N_ELEMENTS (tolerances); k++)
    {
      ShequGeoRing simple;

      shequ_geo_ring_simplify (&ring, tolerances[k], &simple);
      g_test_message ("tolerance %g m: %u of %u points", tolerances[k], simple.n_points,
                      ring.n_points);
      assert_closed_ring (&simple);
      g_assert_cmpuint (simple.n_points, <=, previous);
      if (tolerances[k] >= 2.0)
        g_assert_cmpuint (simple.n_points, <, ring.n_points / 2);
      for (guint i = 0; i < ring.n_points; i++)
        g_assert_cmpfloat (distance_to_ring (points[i], &simple), <=, tolerances[k] + 1e-6);
      previous = simple.n_points;
      g_free (simple.points);
    }
}

static void
test_simplify_small_rings (void)
{
  ShequGeoPoint square[] = { PT (0, 0), PT (1, 0), PT (1, 1), PT (0, 1), PT (0, 0) };
  ShequGeoPoint triangle[] = { PT (0, 0), PT (1, 0), PT (0, 1), PT (0, 0) };
  ShequGeoPoint line[] = { PT (0, 0), PT (1, 0), PT (2, 0), PT (3, 0), PT (1.5, 0),
                           PT (0, 0) };
  ShequGeoPoint dot[] = { PT (5, 5), PT (5, 5), PT (5, 5), PT (5, 5), PT (5, 5), PT (5, 5) };
  ShequGeoRing ring, simple;

  /* A square cannot lose a corner and stay a ring with an area. */
  ring = ring_of (square, 5);
  shequ_geo_ring_simplify (&ring, 1e9, &simple);
  assert_closed_ring (&simple);
  g_assert_cmpuint (simple.n_points, ==, 4);
  g_free (simple.points);

  /* Fewer than 5 points, or a tolerance that is no number: copied. */
  ring = ring_of (triangle, 4);
  shequ_geo_ring_simplify (&ring, 10, &simple);
  g_assert_cmpuint (simple.n_points, ==, 4);
  g_assert_cmpmem (simple.points, sizeof triangle, triangle, sizeof triangle);
  g_free (simple.points);
  ring = ring_of (square, 5);
  shequ_geo_ring_simplify (&ring, NAN, &simple);
  g_assert_cmpmem (simple.points, sizeof square, square, sizeof square);
  g_free (simple.points);

  /* Zero-area rings stay closed rings of four points. */
  ring = ring_of (line, G_N_ELEMENTS (line));
  shequ_geo_ring_simplify (&ring, 0.1, &simple);
  assert_closed_ring (&simple);
  for (guint i = 0; i < ring.n_points; i++)
    g_assert_cmpfloat (distance_to_ring (line[i], &simple), <=, 0.1);
  g_free (simple.points);
  ring = ring_of (dot, G_N_ELEMENTS (dot));
  shequ_geo_ring_simplify (&ring, 0.1, &simple);
  assert_closed_ring (&simple);
  g_free (simple.points);
}

/* ------------------------------------------------------------------------------------ */
/* Adversarial input: what the reader may hand over before it checks */

static void
test_adversarial (void)
{
  ShequGeoPoint nan_ring[] = { PT (0, 0), PT (1, 0), PT (NAN, NAN), PT (0, 1), PT (0, 0),
                               PT (0, 0) };
  ShequGeoPoint inf_ring[] = { PT (0, 0), PT (INFINITY, 0), PT (1, 1), PT (0, -INFINITY),
                               PT (0, 0) };
  ShequGeoPoint huge[] = { PT (-1e300, -1e300), PT (1e300, -1e300), PT (1e300, 1e300),
                           PT (-1e300, 1e300), PT (-1e300, -1e300) };
  ShequGeoRing ring = ring_of (nan_ring, G_N_ELEMENTS (nan_ring));
  ShequGeoPolygon polygon = { &ring, 1 };
  ShequGeoRing simple;

  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_NOT_FINITE);
  g_assert_false (shequ_geo_ring_self_intersects (&ring));
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (0.5, 0.5)));
  g_assert_true (isnan (shequ_geo_ring_area_m2 (&ring)));
  shequ_geo_ring_simplify (&ring, 0.1, &simple);
  assert_closed_ring (&simple);
  g_free (simple.points);

  /* Not one distance is a number. */
  nan_ring[0] = nan_ring[4] = nan_ring[5] = PT (NAN, 0);
  shequ_geo_ring_simplify (&ring, 0.1, &simple);
  assert_closed_ring (&simple);
  g_assert_cmpuint (simple.n_points, ==, 4);
  g_free (simple.points);

  ring = ring_of (inf_ring, G_N_ELEMENTS (inf_ring));
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_NOT_FINITE);
  g_assert_false (shequ_geo_ring_self_intersects (&ring));
  g_assert_false (shequ_geo_polygon_contains (&polygon, PT (0.5, 0.5)));

  ring = ring_of (huge, 5);
  g_assert_cmpint (shequ_geo_ring_check (&ring), ==, SHEQU_GEO_RING_OUT_OF_RANGE);
  g_assert_false (shequ_geo_ring_self_intersects (&ring));
  g_assert_true (shequ_geo_polygon_contains (&polygon, PT (0, 0)));

  /* Datums and projection pass non-finite points through as non-finite. */
  g_assert_false (shequ_geo_in_china (PT (NAN, 35)));
  g_assert_true (isnan (shequ_geo_gcj02_to_wgs84 (PT (NAN, 35)).x));
  g_assert_true (isnan (shequ_geo_mercator_forward (PT (NAN, 0)).x));

  /* An empty shape has no area, contains nothing, and its bounds are empty. */
  {
    g_autoptr(ShequGeoShape) shape = shequ_geo_shape_new ();
    ShequGeoBounds bounds;

    g_assert_cmpfloat (shequ_geo_shape_area_m2 (shape), ==, 0.0);
    g_assert_false (shequ_geo_shape_contains (shape, PT (0, 0)));
    shequ_geo_shape_get_bounds (shape, &bounds);
    g_assert_cmpfloat (bounds.min_x, >, bounds.max_x);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/geo/crs/gcj02/published-forward",
                        GINT_TO_POINTER (SHEQU_GEO_CRS_WGS84), test_gcj02_published);
  g_test_add_data_func ("/geo/crs/gcj02/published-inverse",
                        GINT_TO_POINTER (SHEQU_GEO_CRS_GCJ02), test_gcj02_published);
  g_test_add_func ("/geo/crs/gcj02/outside-china", test_gcj02_outside_china);
  g_test_add_func ("/geo/crs/gcj02/round-trip-pingyi", test_gcj02_round_trip_pingyi);
  g_test_add_func ("/geo/projection/mercator-round-trip", test_mercator_round_trip);
  g_test_add_func ("/geo/projection/metres-per-degree", test_metres_per_degree);
  g_test_add_func ("/geo/area/square-km", test_area_square_km);
  g_test_add_func ("/geo/area/whole-ellipsoid", test_area_whole_ellipsoid);
  g_test_add_func ("/geo/contains/holes", test_contains_holes);
  g_test_add_func ("/geo/contains/shared-edges", test_contains_shared_edges);
  g_test_add_func ("/geo/shape/new-mapped", test_shape_new_mapped);
  g_test_add_func ("/geo/ring/check", test_ring_check);
  g_test_add_func ("/geo/ring/self-intersects", test_self_intersects);
  g_test_add_func ("/geo/simplify/error-bound", test_simplify_error_bound);
  g_test_add_func ("/geo/simplify/small-rings", test_simplify_small_rings);
  g_test_add_func ("/geo/adversarial", test_adversarial);

  return g_test_run ();
}
