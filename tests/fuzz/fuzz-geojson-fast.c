/* fuzz-geojson-fast.c — libFuzzer target: the fast GeoJSON parser reads as json-glib does */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-geojson-fast"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "shequ-geojson-private.h"
#include "shequ-geojson.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
assert_same_properties (GHashTable *a,
                        GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b, key), ==, value);
}

/* The same polygons, rings and points, bit for bit. */
static void
assert_same_shape (ShequGeoShape *a,
                   ShequGeoShape *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_cmpuint (shequ_geo_shape_get_n_polygons (a), ==, shequ_geo_shape_get_n_polygons (b));
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (a); p++)
    {
      const ShequGeoPolygon *pa = shequ_geo_shape_get_polygon (a, p);
      const ShequGeoPolygon *pb = shequ_geo_shape_get_polygon (b, p);

      g_assert_cmpuint (pa->n_rings, ==, pb->n_rings);
      for (guint r = 0; r < pa->n_rings; r++)
        {
          g_assert_cmpuint (pa->rings[r].n_points, ==, pb->rings[r].n_points);
          g_assert_true (memcmp (pa->rings[r].points, pb->rings[r].points,
                                 pa->rings[r].n_points * sizeof (ShequGeoPoint)) == 0);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(GPtrArray) fast = shequ_geojson_read (bytes, "fuzz.geojson", NULL, NULL, NULL,
                                                  &fast_error);
  g_autoptr(GPtrArray) slow = _shequ_geojson_read_with_json_glib (bytes, "fuzz.geojson",
                                                                  &slow_error);

  g_assert_true ((fast == NULL) == (slow == NULL));
  if (fast == NULL)
    {
      g_assert_cmpstr (fast_error->message, ==, slow_error->message);
      g_assert_cmpint (fast_error->code, ==, slow_error->code);
      return 0;
    }
  g_assert_cmpuint (fast->len, ==, slow->len);
  for (guint i = 0; i < fast->len; i++)
    {
      ShequGeojsonFeature *a = g_ptr_array_index (fast, i);
      ShequGeojsonFeature *b = g_ptr_array_index (slow, i);

      g_assert_cmpuint (a->index, ==, b->index);
      g_assert_cmpstr (a->problem, ==, b->problem);
      assert_same_properties (a->properties, b->properties);
      assert_same_shape (a->shape, b->shape);
    }
  return 0;
}
