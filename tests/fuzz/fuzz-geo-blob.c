/* fuzz-geo-blob.c — libFuzzer target: the boundary blob the database keeps */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-geo-blob"

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "shequ-geo-blob.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A blob either fails with a message, or decodes to closed rings of at least 4 finite
 * points in range, which encode back to the very same bytes. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequGeoShape) shape = shequ_geo_blob_decode (data, size, &error);
  g_autoptr(GBytes) again = NULL;

  if (shape == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_geo_shape_get_n_polygons (shape), >=, 1);
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

      g_assert_cmpuint (polygon->n_rings, >=, 1);
      for (guint r = 0; r < polygon->n_rings; r++)
        {
          const ShequGeoRing *ring = &polygon->rings[r];

          g_assert_cmpuint (ring->n_points, >=, 4);
          for (guint i = 0; i < ring->n_points; i++)
            g_assert_true (isfinite (ring->points[i].x) && fabs (ring->points[i].x) <= 180.0 &&
                           isfinite (ring->points[i].y) && fabs (ring->points[i].y) <= 90.0);
        }
    }
  again = shequ_geo_blob_encode (shape);
  g_assert_cmpuint (g_bytes_get_size (again), ==, size);
  g_assert_true (memcmp (g_bytes_get_data (again, NULL), data, size) == 0);
  return 0;
}
