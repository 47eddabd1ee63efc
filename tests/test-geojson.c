/* test-geojson.c — GeoJSON boundaries: the real DataV files, holes, bad input, writing */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "shequ-geojson.h"

static GPtrArray *
read_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return shequ_geojson_read (bytes, "test.geojson", NULL, NULL, NULL, error);
}

static GPtrArray *
read_data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "geojson", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  GPtrArray *features;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);
  features = shequ_geojson_read (bytes, name, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (features);
  return features;
}

static ShequGeojsonFeature *
feature_at (GPtrArray *features,
            guint      index)
{
  g_assert_cmpuint (index, <, features->len);
  return g_ptr_array_index (features, index);
}

static void
test_read_linyi (void)
{
  g_autoptr(GPtrArray) features = read_data_file ("371300-linyi-city.json");
  const char *names[] = { "兰山区", "罗庄区", "河东区", "沂南县", "郯城县", "沂水县",
                          "兰陵县", "费县", "平邑县", "莒南县", "蒙阴县", "临沭县" };
  ShequGeojsonFeature *pingyi;

  g_assert_cmpuint (features->len, ==, 12);
  g_assert_cmpuint (shequ_geojson_count_usable (features), ==, 12);
  g_assert_null (shequ_geojson_format_problems (features, "371300-linyi-city.json"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ShequGeojsonFeature *feature = feature_at (features, i);

      g_assert_cmpstr (shequ_geojson_feature_get_name (feature), ==, names[i]);
      g_assert_cmpuint (feature->index, ==, i);
      g_assert_null (feature->problem);
      g_assert_cmpuint (shequ_geo_shape_get_n_polygons (feature->shape), >=, 1);
      g_assert_cmpuint (shequ_geo_shape_get_n_points (feature->shape), >=, 4);
    }
  pingyi = feature_at (features, 8);
  /* Numbers keep their written form; nested values become compact JSON. */
  g_assert_cmpstr (g_hash_table_lookup (pingyi->properties, "adcode"), ==, "371326");
  g_assert_cmpstr (g_hash_table_lookup (pingyi->properties, "parent"), ==, "{\"adcode\":371300}");
  g_assert_cmpstr (g_hash_table_lookup (pingyi->properties, "level"), ==, "district");
}

static void
test_read_pingyi (void)
{
  g_autoptr(GPtrArray) features = read_data_file ("371326-pingyi-county.json");
  ShequGeojsonFeature *feature;
  ShequGeoBounds bounds;

  g_assert_cmpuint (features->len, ==, 1);
  feature = feature_at (features, 0);
  g_assert_cmpstr (shequ_geojson_feature_get_name (feature), ==, "平邑县");
  g_assert_nonnull (feature->shape);
  g_assert_cmpuint (shequ_geo_shape_get_n_points (feature->shape), >, 100);
  shequ_geo_shape_get_bounds (feature->shape, &bounds);
  /* The county reaches from about 117.42 to 117.95 E and 35.13 to 35.73 N, around the
   * county seat near 117.63 E, 35.51 N. */
  g_assert_cmpfloat (bounds.min_x, >, 117.3);
  g_assert_cmpfloat (bounds.max_x, <, 118.0);
  g_assert_cmpfloat (bounds.min_y, >, 35.0);
  g_assert_cmpfloat (bounds.max_y, <, 35.8);
  g_assert_cmpfloat (bounds.min_x, <, 117.63);
  g_assert_cmpfloat (bounds.max_x, >, 117.63);
  g_assert_cmpfloat (bounds.min_y, <, 35.51);
  g_assert_cmpfloat (bounds.max_y, >, 35.51);
  g_assert_cmpfloat (bounds.max_x - bounds.min_x, >, 0.3);
  g_assert_cmpfloat (bounds.max_y - bounds.min_y, >, 0.3);
}

#define SQUARE(x0, y0, x1, y1) \
  "[[" #x0 "," #y0 "],[" #x1 "," #y0 "],[" #x1 "," #y1 "],[" #x0 "," #y1 "],[" #x0 "," #y0 "]]"

static void
test_read_holes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = read_text (
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"东阳社区\",\"code\":\"371326001001\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
    SQUARE (117, 35, 118, 36) "," SQUARE (117.2, 35.2, 117.4, 35.4) "]}}", &error);
  const ShequGeoPolygon *polygon;
  ShequGeojsonFeature *feature;

  g_assert_no_error (error);
  g_assert_cmpuint (features->len, ==, 1);
  feature = feature_at (features, 0);
  g_assert_cmpstr (g_hash_table_lookup (feature->properties, "code"), ==, "371326001001");
  g_assert_cmpuint (shequ_geo_shape_get_n_polygons (feature->shape), ==, 1);
  polygon = shequ_geo_shape_get_polygon (feature->shape, 0);
  g_assert_cmpuint (polygon->n_rings, ==, 2);
  g_assert_cmpuint (polygon->rings[0].n_points, ==, 5);
  g_assert_cmpuint (polygon->rings[1].n_points, ==, 5);
  g_assert_cmpfloat (polygon->rings[1].points[1].x, ==, 117.4);
  g_assert_cmpfloat (polygon->rings[1].points[2].y, ==, 35.4);
}

static void
test_read_multipolygon (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = read_text (
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":null,"
    "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[" SQUARE (0, 0, 10, 10) ","
    SQUARE (2, 2, 3, 3) "],[" SQUARE (20, 20, 30, 30) "]]}}]}", &error);
  ShequGeojsonFeature *feature;
  ShequGeoBounds bounds;

  g_assert_no_error (error);
  feature = feature_at (features, 0);
  g_assert_cmpuint (g_hash_table_size (feature->properties), ==, 0);
  g_assert_cmpuint (shequ_geo_shape_get_n_polygons (feature->shape), ==, 2);
  g_assert_cmpuint (shequ_geo_shape_get_polygon (feature->shape, 0)->n_rings, ==, 2);
  g_assert_cmpuint (shequ_geo_shape_get_polygon (feature->shape, 1)->n_rings, ==, 1);
  g_assert_cmpuint (shequ_geo_shape_get_n_points (feature->shape), ==, 15);
  shequ_geo_shape_get_bounds (feature->shape, &bounds);
  g_assert_cmpfloat (bounds.min_x, ==, 0);
  g_assert_cmpfloat (bounds.max_y, ==, 30);
}

static void
test_error_invalid_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = read_text ("{\"type\":\"FeatureCollection\",\n"
                                             "  \"features\": [,]}", &error);

  g_assert_null (features);
  g_assert_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_INVALID_JSON);
  g_assert_true (g_str_has_prefix (error->message, "test.geojson, line 2, column "));
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_clear_error (&error);

  /* NaN and Infinity are not JSON. */
  g_clear_pointer (&features, g_ptr_array_unref);
  features = read_text ("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                        "\"coordinates\":[[[NaN,1]]]}}", &error);
  g_assert_null (features);
  g_assert_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_INVALID_JSON);
  g_assert_true (g_str_has_prefix (error->message, "test.geojson, line 1, column "));
}

static void
test_error_too_deep (void)
{
  const gsize sizes[] = { 160 * 1024, 256 * 1024 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_malloc (sizes[i] + 1);
      g_autoptr(GPtrArray) features = NULL;

      memset (text, '[', sizes[i]);
      text[sizes[i]] = '\0';
      features = read_text (text, &error);
      g_assert_null (features);
      g_assert_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_TOO_DEEP);
      g_assert_cmpstr (error->message, ==, "test.geojson, line 1: the JSON is nested more "
                       "than 32 levels deep; GeoJSON needs far fewer");
    }
}

static void
test_error_not_geojson (void)
{
  const char *texts[] = {
    "[]",
    "42",
    "{\"type\":\"Point\",\"coordinates\":[1,2]}",
    "{\"type\":\"FeatureCollection\"}",
    "{\"type\":\"FeatureCollection\",\"features\":{}}",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) features = read_text (texts[i], &error);

      g_assert_null (features);
      if (i == G_N_ELEMENTS (texts) - 1 && error != NULL &&
          g_error_matches (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_INVALID_JSON))
        continue;   /* an empty file: json-glib may call it either */
      g_assert_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_NOT_GEOJSON);
      g_assert_cmpstr (error->message, ==, "test.geojson: not GeoJSON boundaries: expected a "
                       "FeatureCollection with an array “features”, or a Feature");
    }
}

#define FEATURE(name, geometry) \
  "{\"type\":\"Feature\",\"properties\":{\"name\":\"" name "\"},\"geometry\":" geometry "}"
#define POLYGON(ring) "{\"type\":\"Polygon\",\"coordinates\":[" ring "]}"

static void
test_error_per_feature (void)
{
  const struct {
    const char *problem;
  } expected[] = {
    { NULL },
    { "the geometry is a “Point”, not a Polygon or MultiPolygon" },
    { "the geometry is a “LineString”, not a Polygon or MultiPolygon" },
    { "a ring has 3 positions; it needs at least 4" },
    { "a ring is not closed: its last position differs from its first" },
    { "a coordinate is not a number" },
    { "a coordinate is out of range (longitude −180 to 180, latitude −90 to 90)" },
    { "a coordinate is out of range (longitude −180 to 180, latitude −90 to 90)" },
    { "a coordinate is out of range (longitude −180 to 180, latitude −90 to 90)" },
    { "the feature has no geometry" },
    { "the feature has no geometry" },
    { "the feature is not an object" },
    { "the member “type” is not “Feature”" },
    { "a position must be an array of a longitude and a latitude" },
    { "a coordinate is not a number" },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = read_text (
    "{\"type\":\"FeatureCollection\",\"features\":["
    FEATURE ("好", POLYGON (SQUARE (117, 35, 118, 36))) ","
    FEATURE ("点", "{\"type\":\"Point\",\"coordinates\":[117,35]}") ","
    FEATURE ("线", "{\"type\":\"LineString\",\"coordinates\":[[117,35],[118,36]]}") ","
    FEATURE ("三点", POLYGON ("[[117,35],[118,35],[117,35]]")) ","
    FEATURE ("不闭合", POLYGON ("[[117,35],[118,35],[118,36],[117,36]]")) ","
    FEATURE ("文字", POLYGON ("[[117,35],[\"118\",35],[118,36],[117,35]]")) ","
    FEATURE ("太大", POLYGON ("[[117,35],[1e999,35],[118,36],[117,35]]")) ","
    FEATURE ("经度", POLYGON ("[[117,35],[181,35],[118,36],[117,35]]")) ","
    FEATURE ("纬度", POLYGON ("[[117,-91],[118,35],[118,36],[117,-91]]")) ","
    FEATURE ("空", "null") ","
    "{\"type\":\"Feature\",\"properties\":{}}" ","
    "[1,2]" ","
    "{\"type\":\"Point\",\"properties\":{\"name\":\"类型\"}}" ","
    FEATURE ("短", POLYGON ("[[117],[118,35],[118,36],[117,35]]")) ","
    FEATURE ("布尔", POLYGON ("[[true,35],[118,35],[118,36],[117,35]]")) ","
    FEATURE ("三维", POLYGON ("[[117,35,10],[118,35,10],[118,36,10],[117,35,10]]"))
    "]}", &error);
  g_autofree char *report = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (features->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ShequGeojsonFeature *feature = feature_at (features, i);

      g_assert_cmpuint (feature->index, ==, i);
      g_assert_cmpstr (feature->problem, ==, expected[i].problem);
      g_assert_true ((feature->shape == NULL) == (expected[i].problem != NULL));
    }
  g_assert_cmpuint (shequ_geojson_count_usable (features), ==, 2);
  g_assert_cmpstr (shequ_geojson_feature_get_name (feature_at (features, 12)), ==, "类型");

  report = shequ_geojson_format_problems (features, "test.geojson");
  g_assert_cmpstr (report, ==,
                   "test.geojson: 14 features of 16 cannot be used:\n"
                   "Feature 2: the geometry is a “Point”, not a Polygon or MultiPolygon (“点”)\n"
                   "Feature 3: the geometry is a “LineString”, not a Polygon or MultiPolygon (“线”)\n"
                   "Feature 4: a ring has 3 positions; it needs at least 4 (“三点”)\n"
                   "Feature 5: a ring is not closed: its last position differs from its first (“不闭合”)\n"
                   "Features 6, 15: a coordinate is not a number (“文字”, “布尔”)\n"
                   "Features 7–9: a coordinate is out of range (longitude −180 to 180, latitude −90 to 90) "
                   "(“太大”, “经度”, “纬度”)\n"
                   "Features 10–11: the feature has no geometry (“空”)\n"
                   "Feature 12: the feature is not an object\n"
                   "Feature 13: the member “type” is not “Feature” (“类型”)\n"
                   "Feature 14: a position must be an array of a longitude and a latitude (“短”)");
}

static void
test_problems_capped (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autofree char *report = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "%s{\"type\":\"Feature\",\"properties\":{\"name\":\"g%u\"},"
                            "\"geometry\":null}", i > 0 ? "," : "", i);
  g_string_append (text, "]}");
  features = read_text (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_geojson_count_usable (features), ==, 0);
  report = shequ_geojson_format_problems (features, "big.geojson");
  g_assert_cmpstr (report, ==, "big.geojson: 2000 features of 2000 cannot be used:\n"
                   "Features 1–2000: the feature has no geometry "
                   "(“g0”, “g1”, “g2”, “g3”, “g4” … and 1,995 more)");
}

typedef struct {
  GArray       *fractions;
  GCancellable *cancel_at_half;
} ProgressLog;

static void
log_progress (double   fraction,
              gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->fractions, fraction);
  if (log->cancel_at_half != NULL && fraction >= 0.75)
    g_cancellable_cancel (log->cancel_at_half);
}

static void
test_progress_and_cancel (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "geojson",
                                                 "371300-linyi-city.json", NULL);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) features = NULL;
  ProgressLog log = { fractions, NULL };
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  features = shequ_geojson_read (bytes, "linyi.json", NULL, log_progress, &log, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >=, 12);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_clear_pointer (&features, g_ptr_array_unref);

  /* Cancelled half way through the features. */
  log.cancel_at_half = cancellable;
  features = shequ_geojson_read (bytes, "linyi.json", cancellable, log_progress, &log, &error);
  g_assert_null (features);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  features = shequ_geojson_read (bytes, "linyi.json", cancellable, NULL, NULL, &error);
  g_assert_null (features);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
assert_shapes_equal (ShequGeoShape *a,
                     ShequGeoShape *b)
{
  g_assert_cmpuint (shequ_geo_shape_get_n_polygons (a), ==, shequ_geo_shape_get_n_polygons (b));
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (a); p++)
    {
      const ShequGeoPolygon *pa = shequ_geo_shape_get_polygon (a, p);
      const ShequGeoPolygon *pb = shequ_geo_shape_get_polygon (b, p);

      g_assert_cmpuint (pa->n_rings, ==, pb->n_rings);
      for (guint r = 0; r < pa->n_rings; r++)
        {
          g_assert_cmpuint (pa->rings[r].n_points, ==, pb->rings[r].n_points);
          for (guint i = 0; i < pa->rings[r].n_points; i++)
            {
              g_assert_cmpfloat_with_epsilon (pa->rings[r].points[i].x,
                                              pb->rings[r].points[i].x, 1e-7);
              g_assert_cmpfloat_with_epsilon (pa->rings[r].points[i].y,
                                              pb->rings[r].points[i].y, 1e-7);
            }
        }
    }
}

static void
test_write_round_trip (void)
{
  g_autoptr(GPtrArray) features = read_data_file ("371300-linyi-city.json");
  g_autoptr(GBytes) written = shequ_geojson_write (features);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  again = shequ_geojson_read (written, "written.geojson", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, features->len);
  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *a = feature_at (features, i);
      ShequGeojsonFeature *b = feature_at (again, i);
      GHashTableIter iter;
      gpointer key, value;

      assert_shapes_equal (a->shape, b->shape);
      g_assert_cmpuint (g_hash_table_size (a->properties), ==, g_hash_table_size (b->properties));
      g_hash_table_iter_init (&iter, a->properties);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_assert_cmpstr (g_hash_table_lookup (b->properties, key), ==, value);
    }
}

static void
test_write_decimals (void)
{
  g_autoptr(GHashTable) properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(ShequGeoShape) shape = shequ_geo_shape_new ();
  g_autoptr(ShequGeoShape) hole_shape = shequ_geo_shape_new ();
  g_autoptr(ShequGeoShape) empty = shequ_geo_shape_new ();
  ShequGeoPoint outer[] = { { 117.0 + 1.0 / 3, 35.0 + 2.0 / 3 }, { 118.123456789, -0.00000001 },
                            { 118.0, 36.5 }, { 117.0 + 1.0 / 3, 35.0 + 2.0 / 3 } };
  ShequGeoPoint inner[] = { { 117.5, 35.5 }, { 117.6, 35.5 }, { 117.6, 35.6 }, { 117.5, 35.5 } };
  ShequGeoRing rings[] = { { outer, G_N_ELEMENTS (outer) }, { inner, G_N_ELEMENTS (inner) } };
  g_autoptr(GPtrArray) features = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_geojson_feature_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRegex) long_number = g_regex_new ("[0-9]\\.[0-9]{8}", 0, 0, NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  gsize len;

  g_hash_table_insert (properties, g_strdup ("name"), g_strdup ("第一网格 \"东\"\n"));
  g_hash_table_insert (properties, g_strdup ("code"), g_strdup ("371326001001001"));
  shequ_geo_shape_add_polygon (shape, rings, 1);
  shequ_geo_shape_add_polygon (hole_shape, rings, 2);
  shequ_geo_shape_add_polygon (hole_shape, rings, 1);
  g_ptr_array_add (features, shequ_geojson_feature_new (properties, shape));
  g_ptr_array_add (features, shequ_geojson_feature_new (NULL, NULL));   /* left out */
  g_ptr_array_add (features, shequ_geojson_feature_new (NULL, empty));  /* left out */
  g_ptr_array_add (features, shequ_geojson_feature_new (NULL, hole_shape));

  bytes = shequ_geojson_write (features);
  text = g_bytes_get_data (bytes, &len);
  g_assert_true (g_utf8_validate (text, (gssize) len, NULL));
  g_assert_false (g_regex_match_full (long_number, text, (gssize) len, 0, 0, NULL, NULL));
  g_assert_null (strstr (text, ": "));
  g_assert_null (g_strstr_len (text, (gssize) len - 1, "\n"));
  g_assert_true (g_str_has_prefix (text,
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
    "{\"code\":\"371326001001001\",\"name\":\"第一网格 \\\"东\\\"\\n\"},\"geometry\":"
    "{\"type\":\"Polygon\",\"coordinates\":[[[117.3333333,35.6666667],[118.1234568,0],"
    "[118,36.5],[117.3333333,35.6666667]]]}}"));
  g_assert_nonnull (strstr (text, "{\"type\":\"MultiPolygon\",\"coordinates\":[[[["));

  again = shequ_geojson_read (bytes, "written.geojson", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Every feature written is usable when read back. */
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (shequ_geojson_count_usable (again), ==, 2);
  g_assert_cmpstr (shequ_geojson_feature_get_name (feature_at (again, 0)), ==, "第一网格 \"东\"\n");
  assert_shapes_equal (feature_at (again, 0)->shape, shape);
  assert_shapes_equal (feature_at (again, 1)->shape, hole_shape);
  g_assert_cmpuint (shequ_geo_shape_get_polygon (feature_at (again, 1)->shape, 0)->n_rings, ==, 2);
}

/* The messages and the report in Chinese. Runs last: it leaves the locale Chinese. */
static void
test_error_translated (void)
{
  const char *localedir = g_getenv ("SHEQU_LOCALEDIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autofree char *report = NULL;

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("No zh_CN locale or translations");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  features = read_text ("{\"type\":\"Point\"}", &error);
  g_assert_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_NOT_GEOJSON);
  g_assert_cmpstr (error->message, ==, "test.geojson：不是 GeoJSON 边界：应为带有数组“features”的 "
                   "FeatureCollection，或一个 Feature");
  g_clear_error (&error);

  features = read_text ("{\"type\":\"FeatureCollection\",\"features\":["
                        FEATURE ("好", POLYGON (SQUARE (117, 35, 118, 36))) ","
                        FEATURE ("空", "null") ","
                        FEATURE ("三点", POLYGON ("[[117,35],[118,35],[117,35]]")) "]}", &error);
  g_assert_no_error (error);
  report = shequ_geojson_format_problems (features, "test.geojson");
  g_assert_cmpstr (report, ==, "test.geojson：3 个要素中有 2 个无法使用：\n"
                   "第 2 个要素：要素没有几何图形（“空”）\n"
                   "第 3 个要素：环只有 3 个坐标点，至少需要 4 个（“三点”）");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geojson/read/linyi-counties", test_read_linyi);
  g_test_add_func ("/geojson/read/pingyi-outline", test_read_pingyi);
  g_test_add_func ("/geojson/read/holes", test_read_holes);
  g_test_add_func ("/geojson/read/multipolygon", test_read_multipolygon);
  g_test_add_func ("/geojson/read/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/geojson/error/invalid-json", test_error_invalid_json);
  g_test_add_func ("/geojson/error/too-deep", test_error_too_deep);
  g_test_add_func ("/geojson/error/not-geojson", test_error_not_geojson);
  g_test_add_func ("/geojson/error/per-feature", test_error_per_feature);
  g_test_add_func ("/geojson/error/capped", test_problems_capped);
  g_test_add_func ("/geojson/write/round-trip", test_write_round_trip);
  g_test_add_func ("/geojson/write/decimals", test_write_decimals);
  g_test_add_func ("/geojson/zz/translated", test_error_translated);

  return g_test_run ();
}
