/* test-sample-map.c — the sample street's generated boundaries and places */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "shequ-geojson.h"
#include "shequ-io.h"
#include "shequ-map-renderer.h"
#include "shequ-map.h"
#include "shequ-sample-map.h"
#include "shequ-sample.h"
#include "shequ-unit.h"

/* One store of the sample street, and its map generated once, for all read-only tests. */
typedef struct {
  char           *dir;
  char           *sample_dir;
  ShequDatabase  *db;
  ShequOrgStore  *store;
  ShequSampleMap *map;
  double          generate_ms;
  double          generate_cpu_ms;
} Shared;

static Shared shared;

static void
shared_set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 start;
  clock_t cpu;

  shared.dir = g_dir_make_tmp ("shequ-sample-map-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (shared.dir, "sample.db", NULL);
  shared.db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  shared.store = shequ_org_store_new (shared.db, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_sample_populate (shared.store, &error));
  g_assert_no_error (error);
  shared.sample_dir = shequ_sample_find_dir ();
  g_assert_nonnull (shared.sample_dir);

  start = g_get_monotonic_time ();
  cpu = clock ();
  shared.map = shequ_sample_map_generate (shared.store, shared.sample_dir, &error);
  shared.generate_ms = (g_get_monotonic_time () - start) / 1000.0;
  shared.generate_cpu_ms = (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC;
  g_assert_no_error (error);
  g_assert_nonnull (shared.map);
}

static void
shared_tear_down (void)
{
  g_autofree char *path = g_build_filename (shared.dir, "sample.db", NULL);

  g_clear_pointer (&shared.map, shequ_sample_map_free);
  g_clear_object (&shared.store);
  g_clear_object (&shared.db);
  g_unlink (path);
  g_rmdir (shared.dir);
  g_free (shared.dir);
  g_free (shared.sample_dir);
}

static ShequGeoShape *
boundary_of (ShequUnit *unit)
{
  gint64 id = shequ_unit_get_id (unit);

  return g_hash_table_lookup (shared.map->boundaries, &id);
}

static GPtrArray *
units (void)
{
  return shequ_org_store_get_units (shared.store);
}

static void
test_every_unit (void)
{
  guint holes = 0, points = 0;

  g_assert_cmpuint (units ()->len, ==, 205);
  g_assert_cmpuint (g_hash_table_size (shared.map->boundaries), ==, 205);
  for (guint i = 0; i < units ()->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units (), i);
      ShequGeoShape *shape = boundary_of (unit);

      g_assert_nonnull (shape);
      /* One connected polygon each. */
      g_assert_cmpuint (shequ_geo_shape_get_n_polygons (shape), ==, 1);
      for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
        {
          const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

          holes += polygon->n_rings - 1;
          for (guint r = 0; r < polygon->n_rings; r++)
            {
              points += polygon->rings[r].n_points;
              g_assert_cmpint (shequ_geo_ring_check (&polygon->rings[r]), ==, SHEQU_GEO_RING_VALID);
              g_assert_false (shequ_geo_ring_self_intersects (&polygon->rings[r]));
              /* RFC 7946: outer rings counter-clockwise, holes clockwise. */
              if (r == 0)
                g_assert_cmpfloat (shequ_geo_ring_signed_area (&polygon->rings[r]), >, 0);
              else
                g_assert_cmpfloat (shequ_geo_ring_signed_area (&polygon->rings[r]), <, 0);
            }
        }
    }
  g_test_message ("generated in %.1f ms (%.1f ms of CPU time); %u points, %u holes",
                  shared.generate_ms, shared.generate_cpu_ms, points, holes);
  /* No unit of the sample lies inside another of its depth. */
  g_assert_cmpuint (holes, ==, 0);
}

static ShequGeoShape *
read_county (void)
{
  g_autofree char *path = g_build_filename (shared.sample_dir, "pingyi-county.geojson", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = NULL;
  GBytes *bytes;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  features = shequ_geojson_read (bytes, path, NULL, NULL, NULL, &error);
  g_bytes_unref (bytes);
  g_assert_no_error (error);
  g_assert_cmpuint (features->len, ==, 1);
  return shequ_geo_shape_ref (((ShequGeojsonFeature *) g_ptr_array_index (features, 0))->shape);
}

static void
test_street (void)
{
  ShequGeoShape *street = boundary_of (shequ_org_store_get_street (shared.store));
  g_autoptr(ShequGeoShape) county = read_county ();
  double km2 = shequ_geo_shape_area_m2 (street) / 1e6;
  ShequGeoPoint seat = { 117.631884, 35.511519 };
  const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (street, 0);

  g_test_message ("the street: %.2f km², %u points", km2, shequ_geo_shape_get_n_points (street));
  g_assert_cmpfloat (km2, >=, 220 * 0.95);
  g_assert_cmpfloat (km2, <=, 220 * 1.05);
  g_assert_true (shequ_geo_shape_contains (street, seat));
  g_assert_cmpuint (polygon->n_rings, ==, 1);
  for (guint i = 0; i < polygon->rings[0].n_points; i++)
    g_assert_true (shequ_geo_shape_contains (county, polygon->rings[0].points[i]));
}

static void
test_children_sum (void)
{
  double low[SHEQU_TIER_GRID + 1], high[SHEQU_TIER_GRID + 1];

  for (guint t = 0; t <= SHEQU_TIER_GRID; t++)
    {
      low[t] = G_MAXDOUBLE;
      high[t] = 0;
    }
  for (guint i = 0; i < units ()->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units (), i);
      double km2 = shequ_geo_shape_area_m2 (boundary_of (unit)) / 1e6;

      low[shequ_unit_get_tier (unit)] = MIN (low[shequ_unit_get_tier (unit)], km2);
      high[shequ_unit_get_tier (unit)] = MAX (high[shequ_unit_get_tier (unit)], km2);
    }
  g_test_message ("km²: areas %.1f–%.1f, communities %.2f–%.2f, villages %.2f–%.2f, "
                  "grids %.3f–%.3f", low[SHEQU_TIER_AREA], high[SHEQU_TIER_AREA],
                  low[SHEQU_TIER_COMMUNITY], high[SHEQU_TIER_COMMUNITY],
                  low[SHEQU_TIER_VILLAGE], high[SHEQU_TIER_VILLAGE],
                  low[SHEQU_TIER_GRID], high[SHEQU_TIER_GRID]);
  for (guint i = 0; i < units ()->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units (), i);
      double parent, sum = 0;

      if (shequ_unit_get_n_children (unit) == 0)
        continue;
      parent = shequ_geo_shape_area_m2 (boundary_of (unit));
      for (guint c = 0; c < shequ_unit_get_n_children (unit); c++)
        sum += shequ_geo_shape_area_m2 (boundary_of (shequ_unit_get_child (unit, c)));
      g_assert_cmpfloat (fabs (sum - parent), <=, parent * 0.001);
    }
}

/* The units of DEPTH that contain P. */
static GPtrArray *
containing (guint         depth,
            ShequGeoPoint p)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < units ()->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units (), i);
      ShequGeoShape *shape = boundary_of (unit);
      ShequGeoBounds b;

      if (shequ_unit_get_depth (unit) != depth)
        continue;
      shequ_geo_shape_get_bounds (shape, &b);
      if (p.x < b.min_x || p.x > b.max_x || p.y < b.min_y || p.y > b.max_y)
        continue;
      if (shequ_geo_shape_contains (shape, p))
        g_ptr_array_add (found, unit);
    }
  return found;
}

static void
test_tiling (void)
{
  ShequUnit *street = shequ_org_store_get_street (shared.store);
  ShequGeoBounds b;
  guint inside = 0, in_grids = 0;

  shequ_geo_shape_get_bounds (boundary_of (street), &b);
  /* A lattice of points that shares no direction with the map's. */
  for (guint i = 0; i < 9000; i++)
    {
      ShequGeoPoint p = {
        b.min_x + (b.max_x - b.min_x) * ((i * 0.6180339887) - (guint) (i * 0.6180339887)),
        b.min_y + (b.max_y - b.min_y) * (i + 0.5) / 9000.0,
      };
      ShequUnit *above = street;

      if (!shequ_geo_shape_contains (boundary_of (street), p))
        {
          g_autoptr(GPtrArray) none = containing (1, p);

          g_assert_cmpuint (none->len, ==, 0);
          continue;
        }
      inside++;
      for (guint depth = 1; depth <= 3; depth++)
        {
          g_autoptr(GPtrArray) found = containing (depth, p);

          if (depth == 3 && shequ_unit_get_n_children (above) == 0)
            {
              /* A village is a grid itself: no grid lies over it. */
              g_assert_cmpuint (found->len, ==, 0);
              break;
            }
          g_assert_cmpuint (found->len, ==, 1);
          g_assert_true (shequ_unit_get_parent (g_ptr_array_index (found, 0)) == above);
          above = g_ptr_array_index (found, 0);
          in_grids += depth == 3;
        }
    }
  g_test_message ("%u points in the street, %u of them in grids", inside, in_grids);
  g_assert_cmpuint (inside, >, 4000);
  g_assert_cmpuint (in_grids, >, 100);
}

static char *
edge_key (ShequGeoPoint a,
          ShequGeoPoint b)
{
  return g_strdup_printf ("%a,%a,%a,%a", a.x, a.y, b.x, b.y);
}

/* Adds the directed edges of SHAPE's rings to EDGES (key → count). */
static void
add_edges (GHashTable    *edges,
           ShequGeoShape *shape)
{
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

      for (guint r = 0; r < polygon->n_rings; r++)
        for (guint i = 0; i + 1 < polygon->rings[r].n_points; i++)
          {
            char *key = edge_key (polygon->rings[r].points[i], polygon->rings[r].points[i + 1]);

            g_hash_table_insert (edges, key,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (edges, key)) + 1));
          }
    }
}

static void
test_shared_edges (void)
{
  g_autoptr(GHashTable) leaf_edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) outline = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_leaves = 0, n_edges = 0, n_outline = 0;

  add_edges (outline, boundary_of (shequ_org_store_get_street (shared.store)));
  for (guint i = 0; i < units ()->len; i++)
    if (shequ_unit_get_n_children (g_ptr_array_index (units (), i)) == 0)
      {
        add_edges (leaf_edges, boundary_of (g_ptr_array_index (units (), i)));
        n_leaves++;
      }
  g_assert_cmpuint (n_leaves, ==, 117 + 56);
  for (guint i = 0; i < units ()->len; i++)
    {
      ShequGeoShape *shape = boundary_of (g_ptr_array_index (units (), i));

      if (shequ_unit_get_n_children (g_ptr_array_index (units (), i)) > 0)
        continue;
      for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
        {
          const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

          for (guint r = 0; r < polygon->n_rings; r++)
            for (guint k = 0; k + 1 < polygon->rings[r].n_points; k++)
              {
                ShequGeoPoint a = polygon->rings[r].points[k], b = polygon->rings[r].points[k + 1];
                g_autofree char *forward = edge_key (a, b);
                g_autofree char *back = edge_key (b, a);
                guint twins = GPOINTER_TO_UINT (g_hash_table_lookup (leaf_edges, back));
                gboolean on_outline = g_hash_table_contains (outline, forward);

                /* The very same two points on the neighbour's side, or the street's edge. */
                g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (leaf_edges, forward)), ==, 1);
                g_assert_true ((twins == 1) != on_outline);
                n_edges++;
                n_outline += on_outline;
              }
        }
    }
  /* Every edge of the street's outline is a leaf's. */
  g_assert_cmpuint (n_outline, ==, g_hash_table_size (outline));
  g_test_message ("%u leaf edges, %u on the street's outline", n_edges, n_outline);
}

/* The communities sit together in the old town: each borders another, all in one piece. */
static void
test_old_town (void)
{
  g_autoptr(GHashTable) owner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) communities = g_ptr_array_new ();
  g_autofree guint *group = NULL;
  gboolean merged = TRUE;

  for (guint i = 0; i < units ()->len; i++)
    if (shequ_unit_get_tier (g_ptr_array_index (units (), i)) == SHEQU_TIER_COMMUNITY)
      g_ptr_array_add (communities, g_ptr_array_index (units (), i));
  g_assert_cmpuint (communities->len, ==, 27);
  group = g_new (guint, communities->len);
  for (guint c = 0; c < communities->len; c++)
    {
      const ShequGeoPolygon *polygon =
        shequ_geo_shape_get_polygon (boundary_of (g_ptr_array_index (communities, c)), 0);

      group[c] = c;
      for (guint k = 0; k + 1 < polygon->rings[0].n_points; k++)
        g_hash_table_insert (owner, edge_key (polygon->rings[0].points[k], polygon->rings[0].points[k + 1]),
                             GUINT_TO_POINTER (c + 1));
    }
  /* Neighbours share an edge, reversed: spread the lowest group number until stable. */
  while (merged)
    {
      merged = FALSE;
      for (guint c = 0; c < communities->len; c++)
        {
          const ShequGeoPolygon *polygon =
            shequ_geo_shape_get_polygon (boundary_of (g_ptr_array_index (communities, c)), 0);

          for (guint k = 0; k + 1 < polygon->rings[0].n_points; k++)
            {
              g_autofree char *back = edge_key (polygon->rings[0].points[k + 1], polygon->rings[0].points[k]);
              guint other = GPOINTER_TO_UINT (g_hash_table_lookup (owner, back));

              if (other > 0 && group[other - 1] != group[c])
                {
                  group[c] = group[other - 1] = MIN (group[c], group[other - 1]);
                  merged = TRUE;
                }
            }
        }
    }
  for (guint c = 0; c < communities->len; c++)
    g_assert_cmpuint (group[c], ==, 0);
}

static void
test_places (void)
{
  g_autoptr(GHashTable) service = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint compounds = 0, canteens = 0;

  for (guint i = 0; i < shared.map->places->len; i++)
    {
      ShequPlaceRow *place = g_ptr_array_index (shared.map->places, i);
      ShequUnit *unit = shequ_org_store_lookup_unit (shared.store, place->unit_id);
      ShequGeoPoint p = { place->lon, place->lat };

      g_assert_cmpint (place->id, ==, i + 1);
      g_assert_nonnull (unit);
      g_assert_nonnull (place->name);
      g_assert_true (shequ_geo_shape_contains (boundary_of (unit), p));
      switch (place->kind)
        {
        case SHEQU_PLACE_SERVICE_BODY:
          g_assert_false (g_hash_table_contains (service, &place->unit_id));
          g_hash_table_add (service, &place->unit_id);
          g_assert_cmpstr (place->name, ==, shequ_unit_get_service_body (unit));
          break;
        case SHEQU_PLACE_CANTEEN:
          canteens++;
          g_assert_true (g_str_has_suffix (place->name, "老年人幸福食堂"));
          break;
        case SHEQU_PLACE_COMPOUND:
          /* In the old town: a community of the two town areas. */
          compounds++;
          g_assert_cmpint (shequ_unit_get_tier (unit), ==, SHEQU_TIER_COMMUNITY);
          g_assert_true (g_str_has_prefix (shequ_unit_get_name (shequ_unit_get_parent (unit)), "城区"));
          break;
        case SHEQU_N_PLACE_KINDS:
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (g_hash_table_size (service), ==, 205);
  g_assert_cmpuint (compounds, ==, 57);
  g_assert_cmpuint (canteens, >=, 27);
}

static void
assert_same_map (ShequSampleMap *a,
                 ShequSampleMap *b)
{
  g_assert_cmpuint (g_hash_table_size (a->boundaries), ==, g_hash_table_size (b->boundaries));
  for (guint i = 0; i < units ()->len; i++)
    {
      gint64 id = shequ_unit_get_id (g_ptr_array_index (units (), i));
      ShequGeoShape *x = g_hash_table_lookup (a->boundaries, &id);
      ShequGeoShape *y = g_hash_table_lookup (b->boundaries, &id);

      g_assert_cmpuint (shequ_geo_shape_get_n_polygons (x), ==, shequ_geo_shape_get_n_polygons (y));
      for (guint p = 0; p < shequ_geo_shape_get_n_polygons (x); p++)
        {
          const ShequGeoPolygon *px = shequ_geo_shape_get_polygon (x, p);
          const ShequGeoPolygon *py = shequ_geo_shape_get_polygon (y, p);

          g_assert_cmpuint (px->n_rings, ==, py->n_rings);
          for (guint r = 0; r < px->n_rings; r++)
            {
              g_assert_cmpuint (px->rings[r].n_points, ==, py->rings[r].n_points);
              g_assert_cmpmem (px->rings[r].points, px->rings[r].n_points * sizeof (ShequGeoPoint),
                               py->rings[r].points, py->rings[r].n_points * sizeof (ShequGeoPoint));
            }
        }
    }
  g_assert_cmpuint (a->places->len, ==, b->places->len);
  for (guint i = 0; i < a->places->len; i++)
    {
      ShequPlaceRow *x = g_ptr_array_index (a->places, i), *y = g_ptr_array_index (b->places, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpint (x->unit_id, ==, y->unit_id);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpmem (&x->lon, sizeof x->lon, &y->lon, sizeof y->lon);
      g_assert_cmpmem (&x->lat, sizeof x->lat, &y->lat, sizeof y->lat);
    }
}

static void
test_deterministic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequSampleMap) again = NULL;
  gint64 start = g_get_monotonic_time ();

  again = shequ_sample_map_generate (shared.store, shared.sample_dir, &error);
  g_assert_no_error (error);
  g_test_message ("generated again in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  assert_same_map (shared.map, again);
}

/* A copy of the sample's map files in a new directory, with line LINE (1-based) of FILE
 * replaced by TEXT (NULL: FILE left out; LINE 0: TEXT appended). */
static char *
copy_with (const char *file,
           guint       line,
           const char *text)
{
  static const char *files[] = { "map-layout.csv", "places.csv", "pingyi-county.geojson" };
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("shequ-sample-map-bad-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (shared.sample_dir, files[i], NULL);
      g_autofree char *to = g_build_filename (dir, files[i], NULL);
      g_autofree char *data = NULL;
      g_auto(GStrv) lines = NULL;
      g_autofree char *joined = NULL;

      if (strcmp (files[i], file) == 0 && text == NULL)
        continue;
      g_assert_true (g_file_get_contents (from, &data, NULL, &error));
      if (strcmp (files[i], file) == 0)
        {
          g_autofree char *appended = g_strconcat (data, text, "\n", NULL);

          lines = g_strsplit (line == 0 ? appended : data, "\n", -1);
          if (line > 0)
            {
              g_assert_cmpuint (line, <=, g_strv_length (lines));
              g_free (lines[line - 1]);
              lines[line - 1] = g_strdup (text);
            }
          joined = g_strjoinv ("\n", lines);
        }
      g_assert_true (g_file_set_contents (to, joined ? joined : data, -1, &error));
    }
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_bad_files (void)
{
  static const struct {
    const char *file;
    guint       line;
    const char *text;
    const char *expect;   /* in the message, beside the file's name */
  } cases[] = {
    { "map-layout.csv", 3, "371326999999,117.64,35.52,1", "line 3" },
    { "map-layout.csv", 4, "371326001002,east,35.52,1", "line 4" },
    { "map-layout.csv", 5, "371326001003,117.64,35.52", "line 5" },
    { "map-layout.csv", 6, "371326001004,117.64,95,1", "line 6" },
    { "map-layout.csv", 7, "371326001005,117.64,35.52,-2", "line 7" },
    { "map-layout.csv", 0, "371326001005,117.64,35.52,2", "line 86" },
    { "map-layout.csv", 0, "37132600101,117.64,35.52,2", "line 86" },
    { "map-layout.csv", 1, "code,lon,lat", "line 1" },
    { "map-layout.csv", 2, "371326001001001,117.64,35.52,1", "the street (371326001) needs" },
    { "map-layout.csv", 2, "371326001,117.645127,35.497049,50000", "line 2" },
    { "map-layout.csv", 2, "371326001,116.0,35.497049,220", "county" },
    { "places.csv", 2, "school,371326001001,某某学校,,", "line 2" },
    { "places.csv", 3, "canteen,37132600,某某食堂,,", "line 3" },
    { "places.csv", 4, "canteen,371326001003,某某食堂,117.0,35.0", "line 4" },
    { "places.csv", 5, "canteen,371326001004,,,", "line 5" },
    { "places.csv", 6, "canteen,371326001005,某某食堂,117.64,", "line 6" },
    { "places.csv", 0, "canteen,371326001005,某某食堂", "line 98" },
    { "pingyi-county.geojson", 1, "{\"type\": \"FeatureCollection\", \"features\": [}", "line 1" },
    { "places.csv", 0, NULL, "places.csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = copy_with (cases[i].file, cases[i].line, cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(ShequSampleMap) map = shequ_sample_map_generate (shared.store, dir, &error);

      g_test_message ("%s: %s", cases[i].file, error ? error->message : "(no error)");
      g_assert_null (map);
      g_assert_nonnull (error);
      g_assert_true (error->domain == SHEQU_IO_ERROR || error->domain == SHEQU_GEOJSON_ERROR);
      g_assert_nonnull (strstr (error->message, cases[i].file));
      g_assert_nonnull (strstr (error->message, cases[i].expect));
      remove_dir (dir);
    }
}

static void
trace_shape (cairo_t             *cr,
             const ShequMapFrame *frame,
             ShequGeoShape       *projected)
{
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (projected); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (projected, p);

      for (guint r = 0; r < polygon->n_rings; r++)
        {
          for (guint i = 0; i < polygon->rings[r].n_points; i++)
            {
              ShequGeoPoint d = shequ_map_frame_to_drawing (frame, polygon->rings[r].points[i]);

              cairo_line_to (cr, d.x, d.y);
            }
          cairo_close_path (cr);
        }
    }
}

/* The plain renderer's drawing, with the areas' and the villages' and communities'
 * borders drawn over it and the places as dots: what a cartographer looks at. */
static void
draw_png (ShequMap         *map,
          ShequMapRenderer *renderer,
          ShequMapFrame    *frame,
          const char       *path)
{
  static const double colours[SHEQU_N_PLACE_KINDS][3] = {
    { 0.15, 0.35, 0.75 }, { 0.95, 0.55, 0.10 }, { 0.80, 0.10, 0.15 },
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) frame->width,
                                                         (int) frame->height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  shequ_map_renderer_draw (renderer, cr, frame, SHEQU_MAP_DRAW_ALL);
  for (guint depth = 2; depth >= 1; depth--)
    for (guint i = 0; i < shequ_map_get_n_items (map); i++)
      {
        const ShequMapItem *item = shequ_map_get_item (map, i);

        if (item->depth != depth)
          continue;
        trace_shape (cr, frame, item->projected);
        cairo_set_source_rgba (cr, 0.2, 0.25, 0.35, depth == 1 ? 0.9 : 0.6);
        cairo_set_line_width (cr, depth == 1 ? 3.5 : 1.4);
        cairo_stroke (cr);
      }
  for (guint i = 0; i < shared.map->places->len; i++)
    {
      ShequPlaceRow *place = g_ptr_array_index (shared.map->places, i);
      ShequGeoPoint d = shequ_map_frame_to_drawing (frame,
                                                    shequ_geo_mercator_forward ((ShequGeoPoint) { place->lon, place->lat }));

      cairo_arc (cr, d.x, d.y, place->kind == SHEQU_PLACE_SERVICE_BODY ? 2.5 : 3.5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, colours[place->kind][0], colours[place->kind][1], colours[place->kind][2]);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* FILE-street.txt: the street's outline, a point a line, for scripts that lay seeds. */
static void
write_outline (const char *path)
{
  g_autofree char *name = g_strconcat (path, "-street.txt", NULL);
  const ShequGeoPolygon *polygon =
    shequ_geo_shape_get_polygon (boundary_of (shequ_org_store_get_street (shared.store)), 0);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < polygon->rings[0].n_points; i++)
    g_string_append_printf (text, "%.7f %.7f\n", polygon->rings[0].points[i].x,
                            polygon->rings[0].points[i].y);
  g_assert_true (g_file_set_contents (name, text->str, text->len, NULL));
}

/* SHEQU_SAMPLE_MAP_PNG=FILE draws the map to FILE, and the old town to FILE-town.png. */
static void
render_png (const char *path)
{
  g_autoptr(ShequMap) map = shequ_map_new ();
  g_autoptr(ShequMapRenderer) renderer = NULL;
  g_autofree char *town = g_strconcat (path, "-town.png", NULL);
  ShequMapFrame frame;
  ShequGeoBounds bounds;

  for (guint i = 0; i < units ()->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units (), i);

      shequ_map_add_unit (map, shequ_unit_get_id (unit), shequ_unit_get_tier (unit),
                          shequ_unit_get_depth (unit), shequ_unit_get_name (unit),
                          boundary_of (unit));
    }
  for (guint i = 0; i < shared.map->places->len; i++)
    shequ_map_add_place (map, g_ptr_array_index (shared.map->places, i));
  shequ_map_build (map);
  write_outline (path);
  renderer = shequ_map_renderer_new (map);
  g_assert_true (shequ_map_get_bounds (map, &bounds));
  shequ_map_frame_init_fit (&frame, &bounds, 1800, 1800, 20);
  draw_png (map, renderer, &frame, path);
  frame.centre = shequ_geo_mercator_forward ((ShequGeoPoint) { 117.631884, 35.511519 });
  frame.metres_per_pixel /= 3.5;
  draw_png (map, renderer, &frame, town);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  shared_set_up ();
  if (g_getenv ("SHEQU_SAMPLE_MAP_PNG"))
    render_png (g_getenv ("SHEQU_SAMPLE_MAP_PNG"));

  g_test_add_func ("/sample-map/every-unit", test_every_unit);
  g_test_add_func ("/sample-map/street", test_street);
  g_test_add_func ("/sample-map/children-sum", test_children_sum);
  g_test_add_func ("/sample-map/tiling", test_tiling);
  g_test_add_func ("/sample-map/shared-edges", test_shared_edges);
  g_test_add_func ("/sample-map/old-town", test_old_town);
  g_test_add_func ("/sample-map/places", test_places);
  g_test_add_func ("/sample-map/deterministic", test_deterministic);
  g_test_add_func ("/sample-map/bad-files", test_bad_files);

  status = g_test_run ();
  shared_tear_down ();
  return status;
}
