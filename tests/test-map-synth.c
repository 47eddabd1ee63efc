/* test-map-synth.c — the synthetic grid map the map benchmark draws */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-database.h"
#include "shequ-geojson.h"
#include "shequ-map-synth.h"
#include "shequ-sample.h"
#include "shequ-test-util.h"
#include "shequ-unit.h"

static guint
count_points (GPtrArray *shapes)
{
  guint n = 0;

  for (guint i = 0; i < shapes->len; i++)
    n += shequ_geo_shape_get_n_points (g_ptr_array_index (shapes, i));
  return n;
}

static const ShequGeoRing *
outer_ring (GPtrArray *shapes, guint i)
{
  ShequGeoShape *shape = g_ptr_array_index (shapes, i);

  g_assert_cmpuint (shequ_geo_shape_get_n_polygons (shape), ==, 1);
  g_assert_cmpuint (shequ_geo_shape_get_polygon (shape, 0)->n_rings, ==, 1);
  return &shequ_geo_shape_get_polygon (shape, 0)->rings[0];
}

static void
test_vertex_count (void)
{
  static const guint cases[][2] = {
    { 1, 5 }, { 1, 17 }, { 7, 35 }, { 7, 36 }, { 7, 1001 }, { 100, 10000 }, { 333, 33333 },
    { 1000, 100001 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (cases[c][0], cases[c][1], 1);

      g_assert_cmpuint (shapes->len, ==, cases[c][0]);
      g_assert_cmpuint (count_points (shapes), ==, cases[c][1]);
    }
}

/* The benchmark's map, as the issue sets it: 10,000 polygons, 1,000,000 vertices. */
static void
test_vertex_count_benchmark (void)
{
  g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (10000, 1000000, 20261125);
  guint min = G_MAXUINT, max = 0;

  g_assert_cmpuint (shapes->len, ==, 10000);
  g_assert_cmpuint (count_points (shapes), ==, 1000000);
  for (guint i = 0; i < shapes->len; i++)
    {
      guint n = outer_ring (shapes, i)->n_points;

      min = MIN (min, n);
      max = MAX (max, n);
    }
  /* Spread evenly: about 100 a grid. */
  g_assert_cmpuint (min, >=, 90);
  g_assert_cmpuint (max, <=, 110);
}

static void
test_rings_valid (void)
{
  g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (600, 600 * 60, 77);

  for (guint i = 0; i < shapes->len; i++)
    {
      const ShequGeoRing *ring = outer_ring (shapes, i);

      g_assert_cmpint (shequ_geo_ring_check (ring), ==, SHEQU_GEO_RING_VALID);
      g_assert_false (shequ_geo_ring_self_intersects (ring));
      /* Counter-clockwise, as RFC 7946 wants outer rings; near Pingyi. */
      g_assert_cmpfloat (shequ_geo_ring_signed_area (ring), >, 0);
      g_assert_cmpfloat (fabs (ring->points[0].x - SHEQU_MAP_SYNTH_LON), <, 0.1);
      g_assert_cmpfloat (fabs (ring->points[0].y - SHEQU_MAP_SYNTH_LAT), <, 0.1);
    }
}

/* Every edge of a grid is walked reversed by exactly one neighbour, except on the map's
 * outline; and the grids tile: a point well inside lies in exactly one of them. */
static void
test_shared_edges (void)
{
  g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (500, 500 * 40, 5);
  g_autoptr(GHashTable) segments = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                          (GDestroyNotify) g_bytes_unref, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  ShequGeoBounds all = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  guint n_segments = 0, n_shared = 0, n_outline = 0;
  double area = 0;

  for (guint i = 0; i < shapes->len; i++)
    {
      const ShequGeoRing *ring = outer_ring (shapes, i);
      ShequGeoBounds b;

      shequ_geo_shape_get_bounds (g_ptr_array_index (shapes, i), &b);
      all.min_x = MIN (all.min_x, b.min_x);
      all.min_y = MIN (all.min_y, b.min_y);
      all.max_x = MAX (all.max_x, b.max_x);
      all.max_y = MAX (all.max_y, b.max_y);
      area += shequ_geo_ring_area_m2 (ring);
      for (guint k = 0; k + 1 < ring->n_points; k++)
        {
          ShequGeoPoint key[2] = { ring->points[k], ring->points[k + 1] };
          GBytes *bytes = g_bytes_new (key, sizeof key);

          /* No segment twice the same way: no overlap. */
          g_assert_false (g_hash_table_contains (segments, bytes));
          g_hash_table_insert (segments, bytes, GUINT_TO_POINTER (i + 1));
          n_segments++;
        }
    }
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, segments);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        const ShequGeoPoint *s = g_bytes_get_data (key, NULL);
        ShequGeoPoint reversed[2] = { s[1], s[0] };
        g_autoptr(GBytes) other = g_bytes_new (reversed, sizeof reversed);
        gpointer owner = g_hash_table_lookup (segments, other);

        if (owner != NULL)
          {
            g_assert_true (owner != value);
            n_shared++;
          }
        else
          n_outline++;
      }
  }
  g_assert_cmpuint (n_shared + n_outline, ==, n_segments);
  g_assert_cmpuint (n_shared, >, 4 * n_outline);
  /* 500 cells of 150 m, give or take the jitter at the outline. */
  g_assert_cmpfloat (fabs (area / (500 * SHEQU_MAP_SYNTH_CELL_M * SHEQU_MAP_SYNTH_CELL_M) - 1),
                     <, 0.05);

  /* Points away from the outline (two cells in) lie in exactly one grid. */
  for (guint i = 0; i < 2000; i++)
    {
      double dx = (all.max_x - all.min_x) * 0.15, dy = (all.max_y - all.min_y) * 0.15;
      ShequGeoPoint p = { g_rand_double_range (rand, all.min_x + dx, all.max_x - dx),
                          g_rand_double_range (rand, all.min_y + dy, all.max_y - dy) };
      guint inside = 0;

      for (guint s = 0; s < shapes->len; s++)
        inside += shequ_geo_shape_contains (g_ptr_array_index (shapes, s), p);
      g_assert_cmpuint (inside, ==, 1);
    }
}

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) a = shequ_map_synth_shapes (50, 2500, 3);
  g_autoptr(GPtrArray) b = shequ_map_synth_shapes (50, 2500, 3);
  g_autoptr(GPtrArray) c = shequ_map_synth_shapes (50, 2500, 4);
  g_autoptr(GBytes) ja = shequ_map_synth_geojson (a, NULL);
  g_autoptr(GBytes) jb = shequ_map_synth_geojson (b, NULL);
  g_autoptr(GBytes) jc = shequ_map_synth_geojson (c, NULL);

  g_assert_true (g_bytes_equal (ja, jb));
  g_assert_false (g_bytes_equal (ja, jc));
}

/* The GeoJSON holds the shapes exactly, with the grids' codes and names. */
static void
test_geojson_round_trip (void)
{
  g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (120, 120 * 50, 9);
  g_autoptr(GBytes) bytes = shequ_map_synth_geojson (shapes, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = shequ_geojson_read (bytes, "synth.json", NULL, NULL, NULL,
                                                      &error);

  g_assert_no_error (error);
  g_assert_cmpuint (features->len, ==, shapes->len);
  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);
      g_autofree char *code = g_strdup_printf ("G%u", i + 1);
      g_autofree char *name = g_strdup_printf ("第%u网格", i + 1);
      const ShequGeoRing *want = outer_ring (shapes, i);
      const ShequGeoRing *got;

      g_assert_nonnull (feature->shape);
      g_assert_cmpstr (g_hash_table_lookup (feature->properties, "code"), ==, code);
      g_assert_cmpstr (shequ_geojson_feature_get_name (feature), ==, name);
      got = &shequ_geo_shape_get_polygon (feature->shape, 0)->rings[0];
      g_assert_cmpuint (got->n_points, ==, want->n_points);
      for (guint k = 0; k < got->n_points; k++)
        {
          g_assert_cmpfloat (got->points[k].x, ==, want->points[k].x);
          g_assert_cmpfloat (got->points[k].y, ==, want->points[k].y);
        }
    }
}

/* The synthetic street of shequ_map_synth_street_units() has exactly the grids asked
 * for, and the GeoJSON carries their codes. */
static void
test_street (void)
{
  static const guint sizes[] = { 300, 1234 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-map-synth-XXXXXX");
      g_autofree char *path = g_build_filename (dir, "synth.db", NULL);
      g_autoptr(ShequDatabase) db = NULL;
      g_autoptr(ShequOrgStore) store = shequ_test_open_store (path, SHEQU_DATABASE_FLAGS_CREATE
                                                              | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                                              &db);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) grids = NULL;
      g_autoptr(GPtrArray) shapes = shequ_map_synth_shapes (sizes[s], sizes[s] * 10, 1);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) features = NULL;

      g_assert_true (shequ_sample_populate_synthetic (store,
                                                      shequ_map_synth_street_units (sizes[s]),
                                                      &error));
      g_assert_no_error (error);
      grids = shequ_map_synth_list_grids (store);
      g_assert_cmpuint (grids->len, ==, sizes[s]);
      bytes = shequ_map_synth_geojson (shapes, grids);
      features = shequ_geojson_read (bytes, "synth.json", NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < features->len; i++)
        {
          ShequGeojsonFeature *feature = g_ptr_array_index (features, i);
          ShequUnit *unit = shequ_org_store_lookup_code (store, g_hash_table_lookup (feature->properties,
                                                                                     "code"));

          g_assert_nonnull (unit);
          g_assert_true (unit == g_ptr_array_index (grids, i));
          g_assert_cmpint (shequ_unit_get_tier (unit), ==, SHEQU_TIER_GRID);
          g_assert_cmpstr (shequ_geojson_feature_get_name (feature), ==, shequ_unit_get_name (unit));
        }
      g_clear_object (&store);
      g_clear_object (&db);
      shequ_test_remove_tree (dir);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-synth/vertex-count", test_vertex_count);
  g_test_add_func ("/map-synth/vertex-count-benchmark", test_vertex_count_benchmark);
  g_test_add_func ("/map-synth/rings-valid", test_rings_valid);
  g_test_add_func ("/map-synth/shared-edges", test_shared_edges);
  g_test_add_func ("/map-synth/deterministic", test_deterministic);
  g_test_add_func ("/map-synth/geojson-round-trip", test_geojson_round_trip);
  g_test_add_func ("/map-synth/street", test_street);

  return g_test_run ();
}
