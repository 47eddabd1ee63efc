/* test-boundary.c — boundaries and places in the store; the GeoJSON import and export */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-boundary-import.h"
#include "shequ-database-private.h"
#include "shequ-geo-blob.h"
#include "shequ-map-renderer.h"
#include "shequ-map-store.h"
#include "shequ-sample.h"
#include "shequ-test-util.h"

static const char *linyi_counties[] = {
  "兰山区", "罗庄区", "河东区", "沂南县", "郯城县", "沂水县",
  "兰陵县", "费县", "平邑县", "莒南县", "蒙阴县", "临沭县",
};

typedef struct {
  ShequTestDir   dir;
  ShequDatabase *db;
  ShequOrgStore *store;
  ShequUnit     *street;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&f->dir, "shequ-boundary-XXXXXX", "org.db");
  f->store = shequ_test_open_store (f->dir.db,
                                    SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                    &f->db);
  f->street = shequ_sample_create_street (f->store, "临沂测试街道", "371300", &error);
  g_assert_no_error (error);
  /* Twelve areas named like Linyi's counties. */
  for (guint i = 0; i < G_N_ELEMENTS (linyi_counties); i++)
    {
      shequ_org_store_add_unit_full (f->store, f->street, SHEQU_TIER_AREA, linyi_counties[i],
                                     FALSE, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  shequ_test_dir_clear (&f->dir);
}

static GPtrArray *
read_bytes (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  GPtrArray *features = shequ_geojson_read (bytes, "test.geojson", NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return features;
}

typedef struct {
  GPtrArray *features;
  GError    *error;
  guint      n_progress;
  goffset    last_current;
  goffset    last_total;
  gboolean   done;
} ReadResult;

static void
on_progress (goffset  current,
             goffset  total,
             gpointer data)
{
  ReadResult *result = data;

  g_assert_cmpint (current, >=, result->last_current);
  g_assert_cmpint (current, <=, total);
  result->n_progress++;
  result->last_current = current;
  result->last_total = total;
}

static void
on_read (GObject      *source,
         GAsyncResult *res,
         gpointer      data)
{
  ReadResult *result = data;

  result->features = shequ_boundary_read_finish (res, &result->error);
  result->done = TRUE;
}

/* A data file through shequ_boundary_read_async(), as the import dialog reads it. */
static GPtrArray *
read_data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "geojson", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ReadResult result = { NULL };

  shequ_boundary_read_async (file, NULL, on_progress, &result, on_read, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.n_progress, >, 0);
  g_assert_cmpint (result.last_current, ==, result.last_total);
  return result.features;
}

static gboolean
shapes_equal (ShequGeoShape *a,
              ShequGeoShape *b)
{
  if (shequ_geo_shape_get_n_polygons (a) != shequ_geo_shape_get_n_polygons (b))
    return FALSE;
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (a); p++)
    {
      const ShequGeoPolygon *pa = shequ_geo_shape_get_polygon (a, p);
      const ShequGeoPolygon *pb = shequ_geo_shape_get_polygon (b, p);

      if (pa->n_rings != pb->n_rings)
        return FALSE;
      for (guint r = 0; r < pa->n_rings; r++)
        {
          if (pa->rings[r].n_points != pb->rings[r].n_points)
            return FALSE;
          for (guint i = 0; i < pa->rings[r].n_points; i++)
            if (fabs (pa->rings[r].points[i].x - pb->rings[r].points[i].x) > 1e-7 ||
                fabs (pa->rings[r].points[i].y - pb->rings[r].points[i].y) > 1e-7)
              return FALSE;
        }
    }
  return TRUE;
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = shequ_database_prepare (f->db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
apply_plan (Fixture           *f,
            ShequBoundaryPlan *plan)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_org_store_apply (f->store, shequ_boundary_plan_to_change (plan), &error));
  g_assert_no_error (error);
}

/* The imported counties render: each county's fill is drawn at its label point, in the
 * colour of its tier (the counties are the map's leaves). */
static void
render_linyi (ShequOrgStore *store)
{
  g_autoptr(ShequMap) map = shequ_map_new_for_store (store);
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (map);
  g_autoptr(ShequMapColouring) tiers = shequ_map_colouring_new_tiers (map);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
  cairo_t *cr = cairo_create (surface);
  ShequMapFrame frame;
  ShequGeoBounds bounds;

  g_assert_cmpuint (shequ_map_get_n_items (map), ==, 12);
  g_assert_true (shequ_map_get_bounds (map, &bounds));
  shequ_map_frame_init_fit (&frame, &bounds, 800, 600, 16);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  shequ_map_renderer_draw (renderer, cr, &frame, SHEQU_MAP_DRAW_FILLS);
  cairo_surface_flush (surface);
  for (guint i = 0; i < 12; i++)
    {
      const ShequMapItem *item = shequ_map_get_item (map, i);
      ShequGeoPoint at = shequ_map_frame_to_drawing (&frame, item->label_point);
      const guint8 *data = cairo_image_surface_get_data (surface);
      guint32 pixel = *(const guint32 *) (data + (int) at.y * cairo_image_surface_get_stride (surface)
                                          + (int) at.x * 4) & 0xffffff;
      ShequColour fill;
      guint32 expected;

      g_assert_true (shequ_map_colouring_get_fill (tiers, item->unit_id, &fill));
      expected = (guint32) lround (fill.red * 255) << 16 | (guint32) lround (fill.green * 255) << 8
                 | (guint32) lround (fill.blue * 255);
      g_assert_cmphex (pixel, ==, expected);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_linyi_by_name (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) features = read_data_file ("371300-linyi-city.json");
  g_autoptr(ShequBoundaryPlan) plan = NULL;
  g_autoptr(ShequOrgStore) again = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autoptr(GPtrArray) properties = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *report = NULL;

  g_assert_cmpuint (features->len, ==, 12);
  properties = shequ_boundary_list_properties (f->store, features);
  g_assert_cmpstr (g_ptr_array_index (properties, 0), ==, "name");
  g_assert_true (g_ptr_array_find_with_equal_func (properties, "adcode", g_str_equal, NULL));

  plan = shequ_boundary_plan_new (f->store, features, "371300-linyi-city.json", "name",
                                  SHEQU_GEO_CRS_GCJ02);
  g_assert_cmpuint (shequ_boundary_plan_count (plan, SHEQU_BOUNDARY_MATCHED), ==, 12);
  g_assert_true (shequ_boundary_plan_is_complete (plan));
  g_assert_cmpuint (shequ_boundary_plan_get_n_replaced (plan), ==, 0);
  report = shequ_boundary_plan_format_report (plan);
  g_assert_nonnull (strstr (report, "12 matched"));

  /* The dry run wrote nothing. */
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM boundary"), ==, 0);

  apply_plan (f, plan);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, 12);
  g_assert_cmpstr (shequ_org_store_get_undo_label (f->store), ==,
                   "Import boundaries from “371300-linyi-city.json”");
  for (guint i = 0; i < 12; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);
      ShequUnit *unit = shequ_boundary_plan_get_unit (plan, i);

      g_assert_cmpstr (shequ_unit_get_name (unit), ==, shequ_geojson_feature_get_name (feature));
      g_assert_true (shapes_equal (feature->shape,
                                   shequ_org_store_get_boundary (f->store, shequ_unit_get_id (unit))));
    }

  /* Through the blob in the database and back. */
  again = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (again), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);
      gint64 id = shequ_unit_get_id (shequ_boundary_plan_get_unit (plan, i));

      g_assert_true (shapes_equal (feature->shape, shequ_org_store_get_boundary (again, id)));
    }

  /* Exported as GeoJSON with code, name and tier, the same shapes. */
  bytes = shequ_boundary_export (again);
  exported = read_bytes (g_bytes_get_data (bytes, NULL));
  g_assert_cmpuint (exported->len, ==, 12);
  for (guint i = 0; i < exported->len; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (exported, i);
      ShequUnit *unit = shequ_org_store_lookup_code (again,
                                                     g_hash_table_lookup (feature->properties, "code"));

      g_assert_nonnull (unit);
      g_assert_cmpstr (g_hash_table_lookup (feature->properties, "tier"), ==, "area");
      g_assert_cmpstr (shequ_geojson_feature_get_name (feature), ==, shequ_unit_get_name (unit));
      g_assert_true (shapes_equal (feature->shape,
                                   shequ_org_store_get_boundary (again, shequ_unit_get_id (unit))));
    }

  render_linyi (again);
}

static void
test_pingyi_by_adcode (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) features = read_data_file ("371326-pingyi-county.json");
  g_autoptr(ShequOrgChange) change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "county");
  g_autoptr(ShequBoundaryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  ShequUnitRow *row = shequ_unit_row_new ();

  row->id = shequ_org_store_allocate_unit_id (f->store);
  row->tier = SHEQU_TIER_STREET;
  row->code = g_strdup ("371326");
  row->name = g_strdup ("平邑县城");
  shequ_org_change_put_unit (change, row);
  g_assert_true (shequ_org_store_apply (f->store, g_steal_pointer (&change), &error));
  g_assert_no_error (error);

  plan = shequ_boundary_plan_new (f->store, features, "371326-pingyi-county.json", "code",
                                  SHEQU_GEO_CRS_GCJ02);
  g_assert_true (shequ_boundary_plan_is_complete (plan));
  g_assert_cmpstr (shequ_unit_get_code (shequ_boundary_plan_get_unit (plan, 0)), ==, "371326");
  apply_plan (f, plan);
  g_assert_true (shapes_equal (((ShequGeojsonFeature *) features->pdata[0])->shape,
                               shequ_org_store_get_boundary (f->store, row->id)));
}

static ShequGeoShape *
square (double x,
        double y,
        double size)
{
  ShequGeoPoint points[] = {
    { x, y }, { x + size, y }, { x + size, y + size }, { x, y + size }, { x, y },
  };
  ShequGeoRing ring = { points, G_N_ELEMENTS (points) };
  ShequGeoShape *shape = shequ_geo_shape_new ();

  shequ_geo_shape_add_polygon (shape, &ring, 1);
  return shape;
}

static ShequUnit *
area (Fixture *f,
      guint    i)
{
  GListModel *areas = shequ_unit_get_children (f->street);

  return g_list_model_get_item (areas, i);
}

/* One change putting SHAPE as the boundary of UNIT_ID, applied to STORE. */
static void
put_boundary (ShequOrgStore *store,
              gint64         unit_id,
              ShequGeoShape *shape)
{
  g_autoptr(ShequOrgChange) change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "boundary");
  g_autoptr(GError) error = NULL;

  shequ_org_change_put_boundary (change, unit_id, shape);
  g_assert_true (shequ_org_store_apply (store, g_steal_pointer (&change), &error));
  g_assert_no_error (error);
}

static void
test_undo_redo_import (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) features = read_data_file ("371300-linyi-city.json");
  g_autoptr(ShequBoundaryPlan) plan = NULL;
  g_autoptr(ShequBoundaryPlan) second = NULL;
  g_autoptr(ShequGeoShape) old = square (117.0, 35.0, 0.1);
  g_autoptr(ShequUnit) first = area (f, 0);
  g_autoptr(GError) error = NULL;
  gint64 first_id = shequ_unit_get_id (first);

  /* One area already has a boundary: the import replaces it. */
  put_boundary (f->store, first_id, old);

  plan = shequ_boundary_plan_new (f->store, features, "linyi.json", "name", SHEQU_GEO_CRS_GCJ02);
  g_assert_cmpuint (shequ_boundary_plan_get_n_replaced (plan), ==, 1);
  apply_plan (f, plan);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, 12);
  g_assert_false (shapes_equal (shequ_org_store_get_boundary (f->store, first_id), old));

  /* Undo: the added ones go, the replaced one comes back, in the file too. */
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, 1);
  g_assert_true (shapes_equal (shequ_org_store_get_boundary (f->store, first_id), old));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM boundary"), ==, 1);

  g_assert_true (shequ_org_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, 12);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM boundary"), ==, 12);

  /* Importing the same file again replaces all twelve. */
  second = shequ_boundary_plan_new (f->store, features, "linyi.json", "name", SHEQU_GEO_CRS_GCJ02);
  g_assert_cmpuint (shequ_boundary_plan_get_n_replaced (second), ==, 12);
}

static void
add_place (Fixture        *f,
           ShequOrgChange *change,
           gint64          unit_id,
           ShequPlaceKind  kind,
           const char     *name)
{
  ShequPlaceRow *row = shequ_place_row_new ();

  row->id = shequ_org_store_allocate_place_id (f->store);
  row->unit_id = unit_id;
  row->kind = kind;
  row->name = g_strdup (name);
  row->lon = 117.6;
  row->lat = 35.5;
  shequ_org_change_put_place (change, row);
}

static void
test_delete_unit_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ShequOrgChange) change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "geo");
  g_autoptr(ShequGeoShape) shape = square (117.5, 35.4, 0.05);
  g_autoptr(ShequUnit) doomed = area (f, 3);
  g_autoptr(ShequUnit) kept = area (f, 4);
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = shequ_unit_get_id (doomed);

  shequ_org_change_put_boundary (change, id, shape);
  shequ_org_change_put_boundary (change, shequ_unit_get_id (kept), shape);
  add_place (f, change, id, SHEQU_PLACE_SERVICE_BODY, "综合服务中心");
  add_place (f, change, id, SHEQU_PLACE_CANTEEN, "老年人幸福食堂");
  add_place (f, change, shequ_unit_get_id (kept), SHEQU_PLACE_COMPOUND, "无物业小区");
  g_assert_true (shequ_org_store_apply (f->store, g_steal_pointer (&change), &error));
  g_assert_no_error (error);
  places = shequ_org_store_get_places (f->store);
  g_assert_cmpuint (places->len, ==, 3);
  g_clear_pointer (&places, g_ptr_array_unref);

  g_assert_true (shequ_org_store_delete_unit (f->store, doomed, &error));
  g_assert_no_error (error);
  g_assert_null (shequ_org_store_get_boundary (f->store, id));
  places = shequ_org_store_get_places (f->store);
  g_assert_cmpuint (places->len, ==, 1);
  g_clear_pointer (&places, g_ptr_array_unref);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM boundary"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM place"), ==, 1);

  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (shapes_equal (shequ_org_store_get_boundary (f->store, id), shape));
  places = shequ_org_store_get_places (f->store);
  g_assert_cmpuint (places->len, ==, 3);
  g_assert_cmpstr (((ShequPlaceRow *) places->pdata[0])->name, ==, "综合服务中心");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM boundary"), ==, 2);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM place"), ==, 3);

  g_assert_true (shequ_org_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM place"), ==, 1);
}

static gboolean
count_hook (ShequOrgStore   *store,
            ShequOrgChange  *change,
            ShequOrgChange  *before,
            gpointer         data,
            GError         **error)
{
  *(guint *) data += shequ_org_change_get_n_boundary_puts (change);
  return TRUE;
}

static void
on_applied (ShequOrgStore  *store,
            ShequOrgChange *change,
            gpointer        data)
{
  *(guint *) data += shequ_org_change_get_n_boundary_puts (change);
}

static void
test_refresh_and_hooks (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ShequOrgStore) other = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                                          NULL);
  g_autoptr(GPtrArray) features = read_data_file ("371300-linyi-city.json");
  g_autoptr(ShequBoundaryPlan) plan = NULL;
  g_autoptr(ShequOrgChange) change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "del");
  g_autoptr(GError) error = NULL;
  guint hooked = 0, applied = 0;
  gboolean changed = FALSE;

  shequ_org_store_add_hook (other, count_hook, &hooked, NULL);
  plan = shequ_boundary_plan_new (other, features, "linyi.json", "name", SHEQU_GEO_CRS_GCJ02);
  g_assert_true (shequ_org_store_apply (other, shequ_boundary_plan_to_change (plan), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hooked, ==, 12);

  /* The first store reads the other program's boundaries back. */
  g_signal_connect (f->store, "applied", G_CALLBACK (on_applied), &applied);
  g_assert_true (shequ_org_store_refresh (f->store, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpuint (applied, ==, 12);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, 12);

  /* And their removal. */
  shequ_org_change_delete_boundary (change, shequ_unit_get_id (shequ_boundary_plan_get_unit (plan, 0)));
  g_assert_true (shequ_org_store_apply (other, g_steal_pointer (&change), &error));
  g_assert_true (shequ_org_store_refresh (f->store, &changed, &error));
  g_assert_true (changed);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, 11);
}


/* An undo never overwrites a boundary another program changed since. */
static void
test_undo_conflict (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ShequOrgStore) other = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                                          NULL);
  g_autoptr(ShequGeoShape) a = square (117.0, 35.0, 0.1);
  g_autoptr(ShequGeoShape) b = square (117.2, 35.0, 0.1);
  g_autoptr(ShequUnit) unit = area (f, 5);
  g_autoptr(GError) error = NULL;
  gint64 id = shequ_unit_get_id (unit);

  put_boundary (f->store, id, a);
  g_assert_true (shequ_org_store_refresh (other, NULL, &error));
  g_assert_no_error (error);
  put_boundary (other, id, b);
  g_assert_true (shequ_org_store_refresh (f->store, NULL, &error));
  g_assert_true (shapes_equal (shequ_org_store_get_boundary (f->store, id), b));

  g_assert_false (shequ_org_store_undo (f->store, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT);
  g_assert_true (shapes_equal (shequ_org_store_get_boundary (f->store, id), b));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM boundary"), ==, 1);
}

static void
test_missing_unit_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ShequOrgChange) change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "bad");
  g_autoptr(ShequOrgChange) places = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "bad");
  g_autoptr(ShequGeoShape) shape = square (117.0, 35.0, 0.1);
  g_autoptr(ShequUnit) good = area (f, 0);
  g_autoptr(GError) error = NULL;

  shequ_org_change_put_boundary (change, shequ_unit_get_id (good), shape);
  shequ_org_change_put_boundary (change, 999999, shape);
  g_assert_false (shequ_org_store_apply (f->store, g_steal_pointer (&change), &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999999"));
  g_clear_error (&error);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM boundary"), ==, 0);

  add_place (f, places, 424242, SHEQU_PLACE_CANTEEN, "食堂");
  g_assert_false (shequ_org_store_apply (f->store, g_steal_pointer (&places), &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM place"), ==, 0);
}

#define POLYGON(ring) "{\"type\":\"Polygon\",\"coordinates\":[" ring "]}"
#define FEATURE(name, geometry) \
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"" name "\"},\"geometry\":" geometry "}"
#define GOOD_RING "[[117,35],[117.1,35],[117.1,35.1],[117,35.1],[117,35]]"

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) features = read_bytes (
    "{\"type\":\"FeatureCollection\",\"features\":["
    FEATURE ("兰山区", POLYGON (GOOD_RING)) ","
    FEATURE ("罗庄区", "{\"type\":\"Point\",\"coordinates\":[117,35]}") ","
    FEATURE ("河东区", POLYGON ("[[117,35],[117.1,35],[117,35]]")) ","
    FEATURE ("沂南县", POLYGON ("[[117,35],[117.1,35],[117.1,35.1],[117,35.1]]")) ","
    FEATURE ("郯城县", POLYGON ("[[117,35],[190,35],[117.1,35.1],[117,35]]")) ","
    FEATURE ("沂水县", POLYGON ("[[117,35],[1e999,35],[117.1,35.1],[117,35]]")) ","
    FEATURE ("不存在", POLYGON (GOOD_RING)) ","
    FEATURE ("费县", POLYGON (GOOD_RING)) ","
    FEATURE ("费县", POLYGON (GOOD_RING)) ","
    FEATURE ("平邑县", POLYGON ("[[117,35],[117.1,35.1],[117.1,35],[117,35.1],[117,35]]"))
    "]}");
  g_autoptr(ShequBoundaryPlan) plan = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *report = NULL;
  const char *broken = "{\"type\":\n [1, 2,,]}";
  g_autoptr(GBytes) invalid = g_bytes_new_static (broken, strlen (broken));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;

  plan = shequ_boundary_plan_new (f->store, features, "bad.geojson", "name", SHEQU_GEO_CRS_GCJ02);
  g_assert_cmpuint (shequ_boundary_plan_count (plan, SHEQU_BOUNDARY_UNUSABLE), ==, 5);
  g_assert_cmpuint (shequ_boundary_plan_count (plan, SHEQU_BOUNDARY_UNMATCHED), ==, 1);
  g_assert_cmpuint (shequ_boundary_plan_count (plan, SHEQU_BOUNDARY_DUPLICATE), ==, 2);
  g_assert_cmpuint (shequ_boundary_plan_count (plan, SHEQU_BOUNDARY_MATCHED), ==, 2);
  g_assert_cmpuint (shequ_boundary_plan_get_n_self_intersecting (plan), ==, 1);
  g_assert_false (shequ_boundary_plan_is_complete (plan));
  g_assert_cmpint (shequ_boundary_plan_get_outcome (plan, 6), ==, SHEQU_BOUNDARY_UNMATCHED);
  g_assert_cmpint (shequ_boundary_plan_get_outcome (plan, 7), ==, SHEQU_BOUNDARY_DUPLICATE);

  report = shequ_boundary_plan_format_report (plan);
  g_assert_nonnull (strstr (report, "Feature 7 “不存在”: no unit has the name “不存在”"));
  g_assert_nonnull (strstr (report, "Feature 2 “罗庄区”:"));
  g_assert_nonnull (strstr (report, "Feature 8 “费县”: another feature matches the same unit"));
  g_assert_nonnull (strstr (report, "Warning: Feature 10 “平邑县”: a ring crosses itself"));
  json = shequ_boundary_plan_to_json (plan);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "unusable"), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json),
                                                                          "problems")), ==, 9);
  /* Nothing is written by a plan; the store is as it was. */
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, 0);

  /* Confirmed, the partial import writes the two matched ones, the crossed one too. */
  apply_plan (f, plan);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM boundary"), ==, 2);

  none = shequ_geojson_read (invalid, "broken.geojson", NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_INVALID_JSON);
  g_assert_true (g_str_has_prefix (error->message, "broken.geojson, line 2, column "));
}

static void
test_wgs84 (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) features = read_bytes ("{\"type\":\"FeatureCollection\",\"features\":["
                                              FEATURE ("兰山区", POLYGON (GOOD_RING)) "]}");
  g_autoptr(ShequBoundaryPlan) plan = shequ_boundary_plan_new (f->store, features, "gps.json",
                                                               "name", SHEQU_GEO_CRS_WGS84);
  ShequGeoShape *in = ((ShequGeojsonFeature *) features->pdata[0])->shape;
  const ShequGeoRing *ring = &shequ_geo_shape_get_polygon (in, 0)->rings[0];
  const ShequGeoRing *stored;

  apply_plan (f, plan);
  stored = &shequ_geo_shape_get_polygon (
    shequ_org_store_get_boundary (f->store, shequ_unit_get_id (shequ_boundary_plan_get_unit (plan, 0))),
    0)->rings[0];
  for (guint i = 0; i < ring->n_points; i++)
    {
      ShequGeoPoint expected = shequ_geo_wgs84_to_gcj02 (ring->points[i]);

      g_assert_cmpfloat (stored->points[i].x, ==, expected.x);
      g_assert_cmpfloat (stored->points[i].y, ==, expected.y);
      /* GCJ-02 is a few hundred metres off WGS84 here. */
      g_assert_cmpfloat (fabs (stored->points[i].x - ring->points[i].x), >, 1e-4);
    }
}

static void
test_damaged_blob (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShequGeoShape) shape = square (117.0, 35.0, 0.1);
  g_autoptr(ShequUnit) unit = area (f, 2);
  g_autoptr(ShequOrgStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  put_boundary (f->store, shequ_unit_get_id (unit), shape);
  /* Cut the blob short: its last point is gone. */
  sql = g_strdup_printf ("UPDATE boundary SET shape = substr (shape, 1, length (shape) - 16) "
                         "WHERE unit_id = %" G_GINT64_FORMAT, shequ_unit_get_id (unit));
  g_assert_true (shequ_database_exec (f->db, sql, &error));
  g_assert_no_error (error);

  again = shequ_org_store_new (f->db, &error);
  g_assert_null (again);
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, shequ_unit_get_code (unit)));
  g_assert_nonnull (strstr (error->message, "boundary"));
}

static void
test_blob (void)
{
  g_autoptr(ShequGeoShape) shape = square (117.0, 35.0, 0.1);
  g_autoptr(ShequGeoShape) back = NULL;
  g_autoptr(GBytes) blob = shequ_geo_blob_encode (shape);
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (blob, &size);
  g_autofree guint8 *copy = g_memdup2 (data, size);
  double nan_value = NAN;

  g_assert_cmpuint (size, ==, 12 + 4 + 4 + 5 * 16);
  back = shequ_geo_blob_decode (data, size, &error);
  g_assert_no_error (error);
  g_assert_true (shapes_equal (shape, back));

  for (gsize cut = 0; cut < size; cut++)
    {
      g_assert_null (shequ_geo_blob_decode (data, cut, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  /* A NaN where a longitude was, a ring left open, a wrong magic. */
  memcpy (copy + 20 + 16, &nan_value, sizeof nan_value);
  g_assert_null (shequ_geo_blob_decode (copy, size, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  memcpy (copy, data, size);
  copy[size - 1] ^= 0x40;
  g_assert_null (shequ_geo_blob_decode (copy, size, &error));
  g_clear_error (&error);
  memcpy (copy, data, size);
  copy[0] = 'X';
  g_assert_null (shequ_geo_blob_decode (copy, size, &error));
  g_clear_error (&error);
}


/* Cancelled, the read ends with G_IO_ERROR_CANCELLED; a missing file names itself. */
static void
test_read_cancel (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "geojson",
                                                 "371300-linyi-city.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/boundaries.geojson");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ReadResult result = { NULL };
  ReadResult none = { NULL };

  g_cancellable_cancel (cancellable);
  shequ_boundary_read_async (file, cancellable, on_progress, &result, on_read, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result.features);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);

  shequ_boundary_read_async (missing, NULL, NULL, NULL, on_read, &none);
  while (!none.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (none.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (none.error->message, "boundaries.geojson"));
  g_clear_error (&none.error);
}

/* The version 1 schema, as shequ-database.c created it. */
static const char v1_schema[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE unit (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES unit (id) "
  "  DEFERRABLE INITIALLY DEFERRED, tier TEXT NOT NULL CHECK (tier IN ('street', 'area', "
  "  'community', 'village', 'grid')), code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, "
  "  party_body TEXT NOT NULL DEFAULT '', service_body TEXT NOT NULL DEFAULT '', "
  "  note TEXT NOT NULL DEFAULT '', population INTEGER NOT NULL DEFAULT 0 CHECK "
  "  (population >= 0), households INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0), "
  "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')));"
  "CREATE INDEX unit_parent_id ON unit (parent_id);"
  "CREATE TABLE person (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT "
  "  NULL, phone TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', updated_at TEXT "
  "  NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')));"
  "CREATE TABLE post (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES person "
  "  (id) DEFERRABLE INITIALLY DEFERRED, unit_id INTEGER NOT NULL REFERENCES unit (id) "
  "  DEFERRABLE INITIALLY DEFERRED, role TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', "
  "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')));"
  "INSERT INTO unit (id, parent_id, tier, code, name) VALUES (1, NULL, 'street', "
  "  '3713260001', '老街道'), (2, 1, 'area', '371326000101', '第一片区');"
  "PRAGMA user_version = 1;";

static void
test_migration (void)
{
  ShequTestDir dir = { NULL };
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(ShequGeoShape) shape = square (117.0, 35.0, 0.1);
  sqlite3 *raw = NULL;

  shequ_test_dir_init (&dir, "shequ-migrate-XXXXXX", "old.db");
  g_assert_cmpint (sqlite3_open (dir.db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, v1_schema, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  store = shequ_test_open_store (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &db);
  g_assert_cmpint (shequ_database_get_schema_version (db), ==, SHEQU_SCHEMA_VERSION);
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 2);
  g_assert_cmpstr (shequ_unit_get_name (shequ_org_store_lookup_code (store, "371326000101")), ==,
                   "第一片区");
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (store), ==, 0);
  put_boundary (store, 2, shape);
  g_clear_object (&store);
  store = shequ_test_open_store (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  g_assert_true (shapes_equal (shequ_org_store_get_boundary (store, 2), shape));
  g_clear_object (&store);
  g_clear_object (&db);
  shequ_test_dir_clear (&dir);
}

/* A backup of the previous version, restored, is brought up to this one. */
static void
test_restore_old_backup (void)
{
  ShequTestDir dir = { NULL };
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  shequ_test_dir_init (&dir, "shequ-restore-XXXXXX", "now.db");
  old = g_build_filename (dir.dir, "old.db", NULL);
  g_assert_cmpint (sqlite3_open (old, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, v1_schema, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = shequ_database_open (dir.db, SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                            &error);
  g_assert_no_error (error);
  g_assert_true (shequ_database_restore_from (db, old, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shequ_database_get_schema_version (db), ==, SHEQU_SCHEMA_VERSION);
  store = shequ_org_store_new (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 2);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (store), ==, 0);
  g_clear_object (&store);
  g_clear_object (&db);
  shequ_test_dir_clear (&dir);
}


/* The CLI: a file of two features for the street's first two areas and one for no unit. */
static char *
write_cli_file (Fixture *f)
{
  g_autoptr(ShequUnit) a = area (f, 0);
  g_autoptr(ShequUnit) b = area (f, 1);
  g_autofree char *text = g_strdup_printf (
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"code\":\"%s\"},\"geometry\":" POLYGON (GOOD_RING) "},"
    "{\"type\":\"Feature\",\"properties\":{\"code\":%s},\"geometry\":" POLYGON (GOOD_RING) "},"
    "{\"type\":\"Feature\",\"properties\":{\"code\":\"0000\",\"name\":\"无主\"},\"geometry\":"
    POLYGON (GOOD_RING) "}]}",
    shequ_unit_get_code (a), shequ_unit_get_code (b));

  return shequ_test_write_file (f->dir.dir, "areas.geojson", text);
}

static guint
n_boundaries_on_disk (Fixture *f)
{
  g_autoptr(ShequOrgStore) store = shequ_test_open_store (f->dir.db,
                                                          SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);

  return shequ_org_store_get_n_boundaries (store);
}

static void
test_cli_import (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = write_cli_file (f);
  g_autofree char *out = g_build_filename (f->dir.dir, "out.geojson", NULL);
  g_autofree char *broken = shequ_test_write_file (f->dir.dir, "broken.geojson", "{\n\"type\": }");
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GPtrArray) features = NULL;

  g_clear_object (&f->store);
  g_clear_object (&f->db);
  {
    g_auto(ShequTestResult) result = shequ_test_run_cli ("import-boundaries", "--db", f->dir.db,
                                                         path, "--dry-run", "--json", NULL);
    g_autoptr(JsonNode) root = NULL;
    JsonObject *object;

    shequ_test_assert_cli_success (&result);
    root = json_from_string (result.out, NULL);
    g_assert_nonnull (root);
    object = json_node_get_object (root);
    g_assert_cmpint (json_object_get_int_member (object, "matched"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (object, "unmatched"), ==, 1);
    g_assert_false (json_object_get_boolean_member (object, "written"));
    g_assert_cmpuint (n_boundaries_on_disk (f), ==, 0);
  }
  {
    /* Not complete: nothing written without --partial. */
    g_auto(ShequTestResult) result = shequ_test_run_cli ("import-boundaries", "--db", f->dir.db,
                                                         path, NULL);

    shequ_test_assert_cli_failure (&result, "--partial");
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.err, "1 feature would be left out"));
    g_assert_nonnull (strstr (result.out, "Feature 3 “无主”: no unit has the code “0000”"));
    g_assert_cmpuint (n_boundaries_on_disk (f), ==, 0);
  }
  shequ_test_run_cli_ok ("import-boundaries", "--db", f->dir.db, path, "--partial", NULL);
  g_assert_cmpuint (n_boundaries_on_disk (f), ==, 2);

  shequ_test_run_cli_ok ("export-boundaries", "--db", f->dir.db, out, NULL);
  exported = shequ_test_read_bytes (out);
  features = read_bytes (g_bytes_get_data (exported, NULL));
  g_assert_cmpuint (features->len, ==, 2);

  {
    g_auto(ShequTestResult) bad_crs = shequ_test_run_cli ("import-boundaries", "--db", f->dir.db,
                                                          path, "--crs", "utm", NULL);
    g_auto(ShequTestResult) bad_json = shequ_test_run_cli ("import-boundaries", "--db",
                                                           f->dir.db, broken, NULL);

    g_assert_cmpint (bad_crs.status, ==, 2);
    shequ_test_assert_cli_failure (&bad_json, "line 2, column");
    g_assert_cmpint (bad_json.status, ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/boundary/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("import/linyi-by-name", test_linyi_by_name);
  ADD ("import/pingyi-by-adcode", test_pingyi_by_adcode);
  ADD ("import/undo-redo", test_undo_redo_import);
  ADD ("import/bad-input", test_bad_input);
  ADD ("import/wgs84", test_wgs84);
  ADD ("store/delete-unit-undo", test_delete_unit_undo);
  ADD ("store/refresh-and-hooks", test_refresh_and_hooks);
  ADD ("store/missing-unit", test_missing_unit_refused);
  ADD ("store/undo-conflict", test_undo_conflict);
  ADD ("store/damaged-blob", test_damaged_blob);
  ADD ("cli/import-export", test_cli_import);
#undef ADD
  g_test_add_func ("/boundary/blob", test_blob);
  g_test_add_func ("/boundary/read/cancel", test_read_cancel);
  g_test_add_func ("/boundary/migration", test_migration);
  g_test_add_func ("/boundary/migration/restore-old-backup", test_restore_old_backup);
  return g_test_run ();
}
