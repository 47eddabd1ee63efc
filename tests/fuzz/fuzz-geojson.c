/* fuzz-geojson.c — libFuzzer target: the GeoJSON reader and writer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-geojson"

#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>

#include "shequ-geojson.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Every usable feature holds closed rings of at least 4 points within lon/lat range. */
static void
check_shape (ShequGeoShape *shape)
{
  g_assert_cmpuint (shequ_geo_shape_get_n_polygons (shape), >=, 1);
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

      g_assert_cmpuint (polygon->n_rings, >=, 1);
      for (guint r = 0; r < polygon->n_rings; r++)
        {
          const ShequGeoRing *ring = &polygon->rings[r];

          g_assert_cmpuint (ring->n_points, >=, 4);
          g_assert_true (ring->points[0].x == ring->points[ring->n_points - 1].x);
          g_assert_true (ring->points[0].y == ring->points[ring->n_points - 1].y);
          for (guint i = 0; i < ring->n_points; i++)
            {
              g_assert_true (isfinite (ring->points[i].x) && fabs (ring->points[i].x) <= 180.0);
              g_assert_true (isfinite (ring->points[i].y) && fabs (ring->points[i].y) <= 90.0);
            }
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autofree char *report = NULL;
  guint usable;

  features = shequ_geojson_read (bytes, "fuzz.geojson", NULL, NULL, NULL, &error);
  if (features == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  usable = shequ_geojson_count_usable (features);
  report = shequ_geojson_format_problems (features, "fuzz.geojson");
  g_assert_true ((report == NULL) == (usable == features->len));
  g_assert_true (report == NULL || g_utf8_validate (report, -1, NULL));
  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);

      g_assert_true ((feature->shape == NULL) == (feature->problem != NULL));
      if (feature->shape != NULL)
        check_shape (feature->shape);
    }

  /* What is written reads back: the usable features, all of them usable. */
  written = shequ_geojson_write (features);
  g_assert_true (g_utf8_validate (g_bytes_get_data (written, NULL), g_bytes_get_size (written), NULL));
  again = shequ_geojson_read (written, "written.geojson", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, usable);
  g_assert_cmpuint (shequ_geojson_count_usable (again), ==, usable);
  return 0;
}
