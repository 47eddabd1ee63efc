/* test-map.c — the map model: frames, the spatial index, hits, levels of detail, labels */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-geojson.h"
#include "shequ-map-synth.h"
#include "shequ-map.h"

/* ------------------------------------------------------------------------------------ */
/* Helpers */

static ShequGeoShape *
rectangle_shape (double min_x, double min_y, double max_x, double max_y)
{
  ShequGeoPoint points[] = {
    { min_x, min_y }, { max_x, min_y }, { max_x, max_y }, { min_x, max_y }, { min_x, min_y },
  };
  ShequGeoRing ring = { points, G_N_ELEMENTS (points) };
  ShequGeoShape *shape = shequ_geo_shape_new ();

  shequ_geo_shape_add_polygon (shape, &ring, 1);
  return shape;
}

/* A map to test the index and the hits on: synthetic grids at depth 3, one rectangle
 * over all of them at depth 0, and rectangles of random size and place at depths 1 and 2
 * that overlap each other and the grids. */
static ShequMap *
make_overlapping_map (guint32 seed)
{
  g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (400, 400 * 30, seed);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  ShequMap *map = shequ_map_new ();
  ShequGeoBounds all = { 1e9, 1e9, -1e9, -1e9 };

  for (guint i = 0; i < shapes->len; i++)
    {
      ShequGeoBounds b;

      shequ_geo_shape_get_bounds (g_ptr_array_index (shapes, i), &b);
      all.min_x = MIN (all.min_x, b.min_x);
      all.min_y = MIN (all.min_y, b.min_y);
      all.max_x = MAX (all.max_x, b.max_x);
      all.max_y = MAX (all.max_y, b.max_y);
      /* Ids that do not follow the lattice: drawing order is by id within a depth. */
      shequ_map_add_unit (map, 1000 + (i * 7919) % 4000, SHEQU_TIER_GRID, 3, "grid",
                          g_ptr_array_index (shapes, i));
    }
  {
    g_autoptr(ShequGeoShape) street = rectangle_shape (all.min_x - 0.001, all.min_y - 0.001,
                                                       all.max_x + 0.001, all.max_y + 0.001);

    shequ_map_add_unit (map, 1, SHEQU_TIER_STREET, 0, "street", street);
  }
  for (guint i = 0; i < 60; i++)
    {
      double w = g_rand_double_range (rand, 0.0005, 0.012);
      double h = g_rand_double_range (rand, 0.0005, 0.012);
      double x = g_rand_double_range (rand, all.min_x - 0.01, all.max_x);
      double y = g_rand_double_range (rand, all.min_y - 0.01, all.max_y);
      g_autoptr(ShequGeoShape) shape = rectangle_shape (x, y, x + w, y + h);

      shequ_map_add_unit (map, 10 + i, i % 2 ? SHEQU_TIER_AREA : SHEQU_TIER_COMMUNITY,
                          1 + i % 2, "box", shape);
    }
  shequ_map_build (map);
  return map;
}

static gboolean
bounds_meet (const ShequGeoBounds *a, const ShequGeoBounds *b)
{
  return a->min_x <= b->max_x && b->min_x <= a->max_x
         && a->min_y <= b->max_y && b->min_y <= a->max_y;
}

static GArray *
brute_query (ShequMap *map, const ShequGeoBounds *box)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < shequ_map_get_n_items (map); i++)
    if (bounds_meet (&shequ_map_get_item (map, i)->bounds, box))
      g_array_append_val (positions, i);
  return positions;
}

static const ShequMapItem *
brute_hit (ShequMap *map, ShequGeoPoint point)
{
  const ShequMapItem *found = NULL;
  guint depth = 0;

  for (guint i = 0; i < shequ_map_get_n_items (map); i++)
    {
      const ShequMapItem *item = shequ_map_get_item (map, i);

      if (shequ_geo_shape_contains (item->projected, point) && (found == NULL || item->depth >= depth))
        {
          found = item;
          depth = item->depth;
        }
    }
  return found;
}

static ShequGeoBounds
map_bounds (ShequMap *map)
{
  ShequGeoBounds b;

  g_assert_true (shequ_map_get_bounds (map, &b));
  return b;
}

static ShequGeoPoint
random_point_in (GRand *rand, const ShequGeoBounds *b, double grow)
{
  double gx = (b->max_x - b->min_x) * grow, gy = (b->max_y - b->min_y) * grow;

  return (ShequGeoPoint) { g_rand_double_range (rand, b->min_x - gx, b->max_x + gx),
                           g_rand_double_range (rand, b->min_y - gy, b->max_y + gy) };
}

static ShequMap *
load_linyi_map (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "geojson",
                                                 "371300-linyi-city.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  ShequMap *map = shequ_map_new ();

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);
  features = shequ_geojson_read (bytes, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);

      g_assert_nonnull (feature->shape);
      shequ_map_add_unit (map, i + 1, SHEQU_TIER_AREA, 1,
                          shequ_geojson_feature_get_name (feature), feature->shape);
    }
  shequ_map_build (map);
  g_assert_cmpuint (shequ_map_get_n_items (map), ==, 12);
  return map;
}

/* ------------------------------------------------------------------------------------ */
/* Frames */

static void
test_frame_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 200; i++)
    {
      ShequMapFrame frame = {
        shequ_geo_mercator_forward ((ShequGeoPoint) { g_rand_double_range (rand, 73, 135),
                                                      g_rand_double_range (rand, 18, 53) }),
        0, g_rand_double_range (rand, 100, 4000), g_rand_double_range (rand, 100, 3000),
      };
      ShequGeoPoint drawing = { g_rand_double_range (rand, -500, 4500),
                                g_rand_double_range (rand, -500, 3500) };
      ShequGeoPoint projected, back, centre;

      shequ_map_frame_set_zoom (&frame, g_rand_double_range (rand, 3, 20));
      projected = shequ_map_frame_to_projected (&frame, drawing);
      back = shequ_map_frame_to_drawing (&frame, projected);
      g_assert_cmpfloat (fabs (back.x - drawing.x), <, 1e-6);
      g_assert_cmpfloat (fabs (back.y - drawing.y), <, 1e-6);

      /* The centre in the middle; y down in the drawing is south. */
      centre = shequ_map_frame_to_drawing (&frame, frame.centre);
      g_assert_cmpfloat (fabs (centre.x - frame.width / 2), <, 1e-9);
      g_assert_cmpfloat (fabs (centre.y - frame.height / 2), <, 1e-9);
      g_assert_cmpfloat (shequ_map_frame_to_projected (&frame, (ShequGeoPoint) { 0, 0 }).y,
                         >, frame.centre.y);
    }
}

static void
test_frame_zoom (void)
{
  ShequMapFrame frame = { { 0, 0 }, 1, 800, 600 };

  shequ_map_frame_set_zoom (&frame, 0);
  g_assert_cmpfloat (frame.metres_per_pixel, ==, SHEQU_MAP_ZOOM0_METRES_PER_PIXEL);
  for (double z = 0; z <= 22; z += 0.7)
    {
      shequ_map_frame_set_zoom (&frame, z);
      g_assert_cmpfloat (fabs (shequ_map_frame_get_zoom (&frame) - z), <, 1e-9);
    }
  shequ_map_frame_set_zoom (&frame, 10);
  g_assert_cmpfloat (fabs (frame.metres_per_pixel * 1024 - SHEQU_MAP_ZOOM0_METRES_PER_PIXEL),
                     <, 1e-6);
}

static void
test_frame_fit (void)
{
  const ShequGeoBounds cases[] = {
    { 1000, 2000, 5000, 3000 },      /* wide */
    { -300, -9000, 200, 9000 },      /* tall */
    { 13094000, 4230000, 13096000, 4232000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ShequGeoBounds *b = &cases[i];
      ShequMapFrame frame;
      ShequGeoBounds shown;
      ShequGeoPoint lo, hi;
      double slack_x, slack_y;

      shequ_map_frame_init_fit (&frame, b, 1920, 1080, 24);
      g_assert_cmpfloat (frame.width, ==, 1920);
      g_assert_cmpfloat (frame.height, ==, 1080);
      lo = shequ_map_frame_to_drawing (&frame, (ShequGeoPoint) { b->min_x, b->min_y });
      hi = shequ_map_frame_to_drawing (&frame, (ShequGeoPoint) { b->max_x, b->max_y });
      /* Inside the margin on every side, and touching it on one axis. */
      g_assert_cmpfloat (lo.x, >=, 24 - 1e-6);
      g_assert_cmpfloat (hi.x, <=, 1920 - 24 + 1e-6);
      g_assert_cmpfloat (hi.y, >=, 24 - 1e-6);
      g_assert_cmpfloat (lo.y, <=, 1080 - 24 + 1e-6);
      slack_x = lo.x - 24;
      slack_y = hi.y - 24;
      g_assert_cmpfloat (MIN (slack_x, slack_y), <, 1e-6);
      /* Centred. */
      g_assert_cmpfloat (fabs ((lo.x + hi.x) / 2 - 960), <, 1e-6);
      g_assert_cmpfloat (fabs ((lo.y + hi.y) / 2 - 540), <, 1e-6);
      shequ_map_frame_get_bounds (&frame, &shown);
      g_assert_cmpfloat (shown.min_x, <=, b->min_x);
      g_assert_cmpfloat (shown.max_y, >=, b->max_y);
      g_assert_cmpfloat (fabs ((shown.max_x - shown.min_x) / frame.metres_per_pixel - 1920), <, 1e-6);
    }
}

/* ------------------------------------------------------------------------------------ */
/* The index */

static void
assert_same_positions (GArray *got, GArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpuint (g_array_index (got, guint, i), ==, g_array_index (expected, guint, i));
}

static void
test_query_brute_force (void)
{
  g_autoptr(ShequMap) map = make_overlapping_map (11);
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  ShequGeoBounds all = map_bounds (map);
  double span = all.max_x - all.min_x;
  guint non_empty = 0;

  for (guint i = 0; i < 2000; i++)
    {
      ShequGeoPoint a = random_point_in (rand, &all, 0.1);
      double w = span * pow (10, g_rand_double_range (rand, -5, 0.2));
      double h = span * pow (10, g_rand_double_range (rand, -5, 0.2));
      ShequGeoBounds box = { a.x, a.y, a.x + w, a.y + h };
      g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) expected = NULL;

      if (i % 10 == 0)
        box.max_x = box.min_x, box.max_y = box.min_y;   /* a point */
      if (i == 1)
        box = (ShequGeoBounds) { all.min_x - 1, all.min_y - 1, all.max_x + 1, all.max_y + 1 };
      expected = brute_query (map, &box);
      shequ_map_query (map, &box, got);
      assert_same_positions (got, expected);
      non_empty += expected->len > 0;
    }
  g_assert_cmpuint (non_empty, >, 1000);
}

/* The query appends: what POSITIONS held stays, in front. */
static void
test_query_appends (void)
{
  g_autoptr(ShequMap) map = make_overlapping_map (3);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  ShequGeoBounds all = map_bounds (map);
  guint marker = 12345;

  g_array_append_val (positions, marker);
  shequ_map_query (map, &all, positions);
  g_assert_cmpuint (positions->len, ==, shequ_map_get_n_items (map) + 1);
  g_assert_cmpuint (g_array_index (positions, guint, 0), ==, marker);
  for (guint i = 1; i < positions->len; i++)
    g_assert_cmpuint (g_array_index (positions, guint, i), ==, i - 1);
}

static void
test_empty_map (void)
{
  g_autoptr(ShequMap) map = shequ_map_new ();
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  ShequGeoBounds box = { -1e9, -1e9, 1e9, 1e9 }, untouched = { 1, 2, 3, 4 };

  shequ_map_build (map);
  g_assert_true (shequ_map_is_built (map));
  g_assert_false (shequ_map_get_bounds (map, &untouched));
  g_assert_cmpfloat (untouched.min_x, ==, 1);
  shequ_map_query (map, &box, positions);
  g_assert_cmpuint (positions->len, ==, 0);
  g_assert_null (shequ_map_hit (map, (ShequGeoPoint) { 0, 0 }));
}

static void
test_single_item (void)
{
  g_autoptr(ShequMap) map = shequ_map_new ();
  g_autoptr(ShequGeoShape) shape = rectangle_shape (117.6, 35.5, 117.61, 35.51);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  ShequGeoBounds all;

  shequ_map_add_unit (map, 5, SHEQU_TIER_GRID, 3, "one", shape);
  shequ_map_build (map);
  all = map_bounds (map);
  shequ_map_query (map, &all, positions);
  g_assert_cmpuint (positions->len, ==, 1);
  g_assert_cmpint (shequ_map_hit_lonlat (map, (ShequGeoPoint) { 117.605, 35.505 })->unit_id, ==, 5);
  g_assert_null (shequ_map_hit_lonlat (map, (ShequGeoPoint) { 117.62, 35.505 }));
  g_assert_cmpuint (shequ_map_find_unit (map, 5), ==, 0);
  g_assert_cmpuint (shequ_map_find_unit (map, 6), ==, G_MAXUINT);
}

/* An item without a polygon is on the map but never in view, hit or in the bounds. */
static void
test_empty_shape (void)
{
  g_autoptr(ShequMap) map = shequ_map_new ();
  g_autoptr(ShequGeoShape) empty = shequ_geo_shape_new ();
  g_autoptr(ShequGeoShape) shape = rectangle_shape (117.6, 35.5, 117.61, 35.51);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  ShequGeoBounds all, huge = { -1e9, -1e9, 1e9, 1e9 };

  shequ_map_add_unit (map, 1, SHEQU_TIER_STREET, 0, "empty", empty);
  shequ_map_add_unit (map, 2, SHEQU_TIER_GRID, 3, "one", shape);
  shequ_map_build (map);
  all = map_bounds (map);
  g_assert_cmpfloat (all.min_x, <, all.max_x);
  shequ_map_query (map, &huge, positions);
  shequ_map_query (map, &all, positions);
  g_assert_cmpuint (positions->len, ==, 2);
  g_assert_cmpuint (g_array_index (positions, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (positions, guint, 1), ==, 1);
  g_assert_true (shequ_map_get_item_shape (map, 0, 10) == shequ_map_get_item (map, 0)->projected);
  g_assert_cmpint (shequ_map_hit_lonlat (map, (ShequGeoPoint) { 117.605, 35.505 })->unit_id, ==, 2);
}

static void
test_items_sorted (void)
{
  g_autoptr(ShequMap) map = make_overlapping_map (5);

  for (guint i = 1; i < shequ_map_get_n_items (map); i++)
    {
      const ShequMapItem *a = shequ_map_get_item (map, i - 1), *b = shequ_map_get_item (map, i);

      g_assert_true (a->depth < b->depth || (a->depth == b->depth && a->unit_id < b->unit_id));
      g_assert_true (shequ_map_lookup_unit (map, b->unit_id) == b);
    }
  g_assert_cmpuint (shequ_map_get_max_depth (map), ==, 3);
}

/* ------------------------------------------------------------------------------------ */
/* Hits */

static void
test_hit_brute_force (void)
{
  g_autoptr(ShequMap) map = make_overlapping_map (21);
  g_autoptr(GRand) rand = g_rand_new_with_seed (22);
  ShequGeoBounds all = map_bounds (map);
  guint n_grids = 0, n_boxes = 0, n_none = 0;

  for (guint i = 0; i < 5000; i++)
    {
      ShequGeoPoint p = random_point_in (rand, &all, 0.05);
      const ShequMapItem *expected = brute_hit (map, p);
      const ShequMapItem *got = shequ_map_hit (map, p);

      g_assert_true (got == expected);
      if (got == NULL)
        n_none++;
      else if (got->depth == 3)
        n_grids++;
      else
        n_boxes++;
    }
  /* The test covers every case: grids, the boxes over them, and nothing. */
  g_assert_cmpuint (n_grids, >, 1000);
  g_assert_cmpuint (n_boxes, >, 50);
  g_assert_cmpuint (n_none, >, 50);
}

/* A point on the edge two grids share belongs to exactly one of them. */
static void
test_hit_shared_vertices (void)
{
  g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (100, 2000, 4);
  g_autoptr(ShequMap) map = shequ_map_synth_new_map (shapes);
  const ShequMapItem *item = shequ_map_get_item (map, 55);
  const ShequGeoRing *ring = &shequ_geo_shape_get_polygon (item->projected, 0)->rings[0];
  guint n_hit = 0;

  for (guint i = 0; i + 1 < ring->n_points; i++)
    n_hit += shequ_map_hit (map, ring->points[i]) != NULL;
  g_assert_cmpuint (n_hit, ==, ring->n_points - 1);
}

static void
test_hit_real_boundaries (void)
{
  g_autoptr(ShequMap) map = load_linyi_map ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  ShequGeoBounds all = map_bounds (map);
  const ShequMapItem *pingyi;
  guint n_hits = 0;

  for (guint i = 0; i < 2000; i++)
    {
      ShequGeoPoint p = random_point_in (rand, &all, 0.02);
      const ShequMapItem *got = shequ_map_hit (map, p);

      g_assert_true (got == brute_hit (map, p));
      n_hits += got != NULL;
    }
  g_assert_cmpuint (n_hits, >, 800);
  /* The county seat of Pingyi lies in Pingyi. */
  pingyi = shequ_map_hit_lonlat (map, (ShequGeoPoint) { 117.63, 35.51 });
  g_assert_nonnull (pingyi);
  g_assert_cmpstr (pingyi->name, ==, "平邑县");
}

/* ------------------------------------------------------------------------------------ */
/* Levels of detail */

static double
segment_distance (ShequGeoPoint p, ShequGeoPoint a, ShequGeoPoint b)
{
  double dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

static double
ring_distance (ShequGeoPoint p, const ShequGeoRing *ring)
{
  double best = INFINITY;

  for (guint i = 0; i + 1 < ring->n_points; i++)
    best = MIN (best, segment_distance (p, ring->points[i], ring->points[i + 1]));
  return best;
}

/* Every point of FULL within MAX_PIXELS of SIMPLE in FRAME's pixels, rings closed with at
 * least 4 points each. Returns the points of SIMPLE. */
static guint
assert_within_pixels (ShequGeoShape *full, ShequGeoShape *simple, double metres_per_pixel,
                      double max_pixels)
{
  guint n = 0;

  g_assert_cmpuint (shequ_geo_shape_get_n_polygons (simple), ==,
                    shequ_geo_shape_get_n_polygons (full));
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (full); p++)
    {
      const ShequGeoPolygon *fp = shequ_geo_shape_get_polygon (full, p);
      const ShequGeoPolygon *sp = shequ_geo_shape_get_polygon (simple, p);

      g_assert_cmpuint (sp->n_rings, ==, fp->n_rings);
      for (guint r = 0; r < fp->n_rings; r++)
        {
          const ShequGeoRing *sr = &sp->rings[r];

          g_assert_cmpuint (sr->n_points, >=, 4);
          g_assert_cmpuint (sr->n_points, <=, fp->rings[r].n_points);
          g_assert_cmpfloat (sr->points[0].x, ==, sr->points[sr->n_points - 1].x);
          g_assert_cmpfloat (sr->points[0].y, ==, sr->points[sr->n_points - 1].y);
          for (guint i = 0; i < fp->rings[r].n_points; i++)
            g_assert_cmpfloat (ring_distance (fp->rings[r].points[i], sr) / metres_per_pixel,
                               <=, max_pixels * (1 + 1e-9));
          n += sr->n_points;
        }
    }
  return n;
}

static void
check_lod_bound (ShequMap *map, guint step, gboolean expect_saving)
{
  static const double ks[] = { 0.25, 0.5, 1, 2 };
  ShequGeoBounds all = map_bounds (map);
  ShequMapFrame fit;
  guint full_points = 0;

  shequ_map_frame_init_fit (&fit, &all, 1920, 1080, 0);
  for (guint i = 0; i < shequ_map_get_n_items (map); i += step)
    full_points += shequ_geo_shape_get_n_points (shequ_map_get_item (map, i)->projected);

  for (double zoom = -2; zoom <= 7; zoom += 3)
    for (guint k = 0; k < G_N_ELEMENTS (ks); k++)
      {
        double mpp = fit.metres_per_pixel / exp2 (zoom);
        guint drawn = 0;

        for (guint i = 0; i < shequ_map_get_n_items (map); i += step)
          {
            ShequGeoShape *simple = shequ_map_get_item_shape (map, i, ks[k] * mpp);

            drawn += assert_within_pixels (shequ_map_get_item (map, i)->projected, simple,
                                           mpp, ks[k]);
          }
        /* Seen whole at a pixel's tolerance, the map loses most of its points. */
        if (expect_saving && zoom <= 0 && ks[k] >= 1)
          g_assert_cmpuint (drawn * 2, <, full_points);
      }
}

static void
test_lod_error_bound_synth (void)
{
  g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (900, 900 * 100, 8);
  g_autoptr(ShequMap) map = shequ_map_synth_new_map (shapes);

  check_lod_bound (map, 2, TRUE);
}

static void
test_lod_error_bound_real (void)
{
  g_autoptr(ShequMap) map = load_linyi_map ();

  /* DataV's outlines are coarse already: little to save, all to keep within bounds. */
  check_lod_bound (map, 1, FALSE);
}

/* A finer tolerance never gives fewer points; no tolerance gives the full shape. */
static void
test_lod_monotonic (void)
{
  g_autoptr(ShequMap) map = load_linyi_map ();

  for (guint i = 0; i < shequ_map_get_n_items (map); i++)
    {
      const ShequMapItem *item = shequ_map_get_item (map, i);
      guint last = G_MAXUINT, n_rings = 0;

      for (guint p = 0; p < shequ_geo_shape_get_n_polygons (item->projected); p++)
        n_rings += shequ_geo_shape_get_polygon (item->projected, p)->n_rings;
      g_assert_true (shequ_map_get_item_shape (map, i, 0) == item->projected);
      g_assert_true (shequ_map_get_item_shape (map, i, -1) == item->projected);
      g_assert_true (shequ_map_get_item_shape (map, i, NAN) == item->projected);
      for (double tolerance = 0.1; tolerance < 1e6; tolerance *= 1.5)
        {
          guint n = shequ_geo_shape_get_n_points (shequ_map_get_item_shape (map, i, tolerance));

          g_assert_cmpuint (n, <=, last);
          last = n;
        }
      /* Coarsest: a triangle per ring. */
      g_assert_cmpuint (last, ==, 4 * n_rings);
    }
}

static gboolean
rings_equal (const ShequGeoRing *a, const ShequGeoRing *b)
{
  if (a->n_points != b->n_points)
    return FALSE;
  for (guint i = 0; i < a->n_points; i++)
    if (a->points[i].x != b->points[i].x || a->points[i].y != b->points[i].y)
      return FALSE;
  return TRUE;
}

/* Each level is the ring shequ_geo_ring_simplify() makes of the full one at one of the
 * tolerances of the pyramid (25 cm times a power of two), at most the one asked for. */
static void
test_lod_is_douglas_peucker (void)
{
  g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (200, 200 * 120, 13);
  g_autoptr(ShequMap) synth = shequ_map_synth_new_map (shapes);
  g_autoptr(ShequMap) linyi = load_linyi_map ();
  ShequMap *maps[] = { synth, linyi };
  guint n_checked = 0, n_simplified = 0;

  for (guint m = 0; m < G_N_ELEMENTS (maps); m++)
    for (guint i = 0; i < shequ_map_get_n_items (maps[m]); i++)
      for (double asked = 0.3; asked < 1e5; asked *= 3.7)
        {
          ShequGeoShape *full = shequ_map_get_item (maps[m], i)->projected;
          ShequGeoShape *simple = shequ_map_get_item_shape (maps[m], i, asked);
          const ShequGeoPolygon *fp = shequ_geo_shape_get_polygon (full, 0);
          const ShequGeoRing *got = &shequ_geo_shape_get_polygon (simple, 0)->rings[0];
          gboolean found = simple == full;

          for (double t = 0.25 * exp2 (floor (log2 (asked / 0.25))); t >= 0.25 && !found; t /= 2)
            {
              ShequGeoRing dp;

              shequ_geo_ring_simplify (&fp->rings[0], t, &dp);
              found = rings_equal (&dp, got);
              g_free (dp.points);
            }
          g_assert_true (found);
          n_checked++;
          n_simplified += simple != full;
        }
  g_assert_cmpuint (n_simplified, >, n_checked / 2);
}

/* A grid smaller than a pixel comes back as a triangle, still within the tolerance. */
static void
test_lod_tiny_item (void)
{
  g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (4, 4 * 200, 9);
  g_autoptr(ShequMap) map = shequ_map_synth_new_map (shapes);

  for (guint i = 0; i < 4; i++)
    {
      ShequGeoShape *simple = shequ_map_get_item_shape (map, i, 500);

      g_assert_cmpuint (shequ_geo_shape_get_n_points (simple), ==, 4);
      assert_within_pixels (shequ_map_get_item (map, i)->projected, simple, 500, 1);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Labels */

static double
shape_edge_distance (ShequGeoShape *shape, ShequGeoPoint p)
{
  double best = INFINITY;

  for (guint i = 0; i < shequ_geo_shape_get_n_polygons (shape); i++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, i);

      for (guint r = 0; r < polygon->n_rings; r++)
        best = MIN (best, ring_distance (p, &polygon->rings[r]));
    }
  return best;
}

static void
test_label_inside (void)
{
  g_autoptr(ShequMap) map = make_overlapping_map (41);
  g_autoptr(ShequMap) linyi = load_linyi_map ();
  ShequMap *maps[] = { map, linyi };

  for (guint m = 0; m < G_N_ELEMENTS (maps); m++)
    for (guint i = 0; i < shequ_map_get_n_items (maps[m]); i++)
      {
        const ShequMapItem *item = shequ_map_get_item (maps[m], i);

        g_assert_true (shequ_geo_shape_contains (item->projected, item->label_point));
      }
}

/* Shapes whose best label point is known: it must be found to 1 % of the size. */
static void
test_label_known_shapes (void)
{
  /* A C open to the east, 1000 m wide: its centre is outside; the widest part is its
   * back, 300 m thick, so the pole lies 150 m from the edges. */
  ShequGeoPoint c_shape[] = {
    { 0, 0 }, { 1000, 0 }, { 1000, 200 }, { 300, 200 }, { 300, 800 }, { 1000, 800 },
    { 1000, 1000 }, { 0, 1000 }, { 0, 0 },
  };
  /* A square of 1000 m with a hole of 400 m in the middle: the pole is in a corner band,
   * 150 m from the edges. */
  ShequGeoPoint outer[] = { { 0, 0 }, { 1000, 0 }, { 1000, 1000 }, { 0, 1000 }, { 0, 0 } };
  ShequGeoPoint hole[] = { { 300, 300 }, { 300, 700 }, { 700, 700 }, { 700, 300 }, { 300, 300 } };
  ShequGeoRing c_ring = { c_shape, G_N_ELEMENTS (c_shape) };
  ShequGeoRing holed[] = { { outer, 5 }, { hole, 5 } };
  g_autoptr(ShequGeoShape) c_lonlat = shequ_geo_shape_new ();
  g_autoptr(ShequGeoShape) holed_lonlat = shequ_geo_shape_new ();
  g_autoptr(ShequMap) map = shequ_map_new ();
  ShequGeoPoint origin = shequ_geo_mercator_forward ((ShequGeoPoint) { 117.63, 35.51 });

  /* In lon/lat, from projected metres around Pingyi. */
  for (guint i = 0; i < G_N_ELEMENTS (c_shape); i++)
    c_shape[i] = shequ_geo_mercator_inverse ((ShequGeoPoint) { origin.x + c_shape[i].x,
                                                               origin.y + c_shape[i].y });
  for (guint i = 0; i < 5; i++)
    {
      outer[i] = shequ_geo_mercator_inverse ((ShequGeoPoint) { origin.x + outer[i].x,
                                                               origin.y + outer[i].y });
      hole[i] = shequ_geo_mercator_inverse ((ShequGeoPoint) { origin.x + hole[i].x,
                                                              origin.y + hole[i].y });
    }
  shequ_geo_shape_add_polygon (c_lonlat, &c_ring, 1);
  shequ_geo_shape_add_polygon (holed_lonlat, holed, 2);
  shequ_map_add_unit (map, 1, SHEQU_TIER_GRID, 3, "C", c_lonlat);
  shequ_map_add_unit (map, 2, SHEQU_TIER_GRID, 3, "holed", holed_lonlat);
  shequ_map_build (map);

  for (guint i = 0; i < 2; i++)
    {
      const ShequMapItem *item = shequ_map_get_item (map, i);

      g_assert_true (shequ_geo_shape_contains (item->projected, item->label_point));
      g_assert_cmpfloat (shape_edge_distance (item->projected, item->label_point), >=, 150 - 10);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/frame/round-trip", test_frame_round_trip);
  g_test_add_func ("/map/frame/zoom", test_frame_zoom);
  g_test_add_func ("/map/frame/fit", test_frame_fit);
  g_test_add_func ("/map/query/brute-force", test_query_brute_force);
  g_test_add_func ("/map/query/appends", test_query_appends);
  g_test_add_func ("/map/query/empty-map", test_empty_map);
  g_test_add_func ("/map/query/single-item", test_single_item);
  g_test_add_func ("/map/items/sorted", test_items_sorted);
  g_test_add_func ("/map/items/empty-shape", test_empty_shape);
  g_test_add_func ("/map/hit/brute-force", test_hit_brute_force);
  g_test_add_func ("/map/hit/shared-vertices", test_hit_shared_vertices);
  g_test_add_func ("/map/hit/real-boundaries", test_hit_real_boundaries);
  g_test_add_func ("/map/lod/error-bound-synthetic", test_lod_error_bound_synth);
  g_test_add_func ("/map/lod/error-bound-real", test_lod_error_bound_real);
  g_test_add_func ("/map/lod/monotonic", test_lod_monotonic);
  g_test_add_func ("/map/lod/tiny-item", test_lod_tiny_item);
  g_test_add_func ("/map/lod/is-douglas-peucker", test_lod_is_douglas_peucker);
  g_test_add_func ("/map/label/inside", test_label_inside);
  g_test_add_func ("/map/label/known-shapes", test_label_known_shapes);

  return g_test_run ();
}
