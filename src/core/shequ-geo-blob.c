/* shequ-geo-blob.c — a boundary as the compact binary blob the database keeps */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-geo"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "shequ-geo-blob.h"

static const guint8 magic[4] = { 'S', 'Q', 'G', 'B' };

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
}

static void
put_points (GByteArray          *out,
            const ShequGeoPoint *points,
            guint                n_points)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  G_STATIC_ASSERT (sizeof (ShequGeoPoint) == 2 * sizeof (double));
  g_byte_array_append (out, (const guint8 *) points, n_points * sizeof (ShequGeoPoint));
#else
  for (guint i = 0; i < n_points; i++)
    {
      guint64 xy[2];

      memcpy (&xy[0], &points[i].x, 8);
      memcpy (&xy[1], &points[i].y, 8);
      xy[0] = GUINT64_TO_LE (xy[0]);
      xy[1] = GUINT64_TO_LE (xy[1]);
      g_byte_array_append (out, (const guint8 *) xy, sizeof xy);
    }
#endif
}

GBytes *
shequ_geo_blob_encode (ShequGeoShape *shape)
{
  GByteArray *out;
  guint n_polygons;

  g_return_val_if_fail (shape != NULL, NULL);

  n_polygons = shequ_geo_shape_get_n_polygons (shape);
  out = g_byte_array_sized_new (16 + 16 * shequ_geo_shape_get_n_points (shape) + 8 * n_polygons);
  g_byte_array_append (out, magic, sizeof magic);
  put_u32 (out, SHEQU_GEO_BLOB_VERSION);
  put_u32 (out, n_polygons);
  for (guint p = 0; p < n_polygons; p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

      put_u32 (out, polygon->n_rings);
      for (guint r = 0; r < polygon->n_rings; r++)
        {
          put_u32 (out, polygon->rings[r].n_points);
          put_points (out, polygon->rings[r].points, polygon->rings[r].n_points);
        }
    }
  return g_byte_array_free_to_bytes (out);
}

/* A reader that never reads past the end. */
typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         at;
} Reader;

static gboolean
get_u32 (Reader  *reader,
         guint32 *value)
{
  guint32 le;

  if (reader->size - reader->at < sizeof le)
    return FALSE;
  memcpy (&le, reader->data + reader->at, sizeof le);
  reader->at += sizeof le;
  *value = GUINT32_FROM_LE (le);
  return TRUE;
}

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

/* One ring's points into RING (allocated), checked. */
static gboolean
get_ring (Reader        *reader,
          ShequGeoRing  *ring,
          GError       **error)
{
  guint32 n_points;

  if (!get_u32 (reader, &n_points))
    return fail (error, _("the data ends early"));
  if (n_points < 4)
    return fail (error, _("a ring has fewer than 4 points"));
  if ((reader->size - reader->at) / sizeof (ShequGeoPoint) < n_points)
    return fail (error, _("the data ends early"));

  ring->points = g_new (ShequGeoPoint, n_points);
  ring->n_points = n_points;
  memcpy (ring->points, reader->data + reader->at, n_points * sizeof (ShequGeoPoint));
  reader->at += n_points * sizeof (ShequGeoPoint);
#if G_BYTE_ORDER != G_LITTLE_ENDIAN
  for (guint i = 0; i < n_points; i++)
    {
      guint64 *xy = (guint64 *) &ring->points[i];

      xy[0] = GUINT64_FROM_LE (xy[0]);
      xy[1] = GUINT64_FROM_LE (xy[1]);
    }
#endif
  switch (shequ_geo_ring_check (ring))
    {
    case SHEQU_GEO_RING_VALID:
    case SHEQU_GEO_RING_ZERO_AREA:
      return TRUE;
    case SHEQU_GEO_RING_NOT_CLOSED:
      return fail (error, _("a ring is not closed"));
    case SHEQU_GEO_RING_NOT_FINITE:
    case SHEQU_GEO_RING_OUT_OF_RANGE:
      return fail (error, _("a coordinate is not a longitude or latitude"));
    case SHEQU_GEO_RING_TOO_FEW_POINTS:
    default:
      return fail (error, _("a ring has fewer than 4 points"));
    }
}

static void
clear_rings (ShequGeoRing *rings,
             guint         n_rings)
{
  for (guint i = 0; i < n_rings; i++)
    g_free (rings[i].points);
}

static gboolean
get_polygon (Reader         *reader,
             ShequGeoShape  *shape,
             GError        **error)
{
  g_autofree ShequGeoRing *rings = NULL;
  guint32 n_rings;
  guint done = 0;
  gboolean ok = TRUE;

  if (!get_u32 (reader, &n_rings))
    return fail (error, _("the data ends early"));
  if (n_rings == 0)
    return fail (error, _("a polygon has no ring"));
  /* Each ring takes at least 4 + 64 bytes: a count beyond that is damage. */
  if ((reader->size - reader->at) / 68 < n_rings)
    return fail (error, _("the data ends early"));

  rings = g_new0 (ShequGeoRing, n_rings);
  for (; done < n_rings && ok; done++)
    ok = get_ring (reader, &rings[done], error);
  if (ok)
    shequ_geo_shape_add_polygon (shape, rings, n_rings);
  clear_rings (rings, done);
  return ok;
}

ShequGeoShape *
shequ_geo_blob_decode (const guint8  *data,
                       gsize          size,
                       GError       **error)
{
  g_autoptr(ShequGeoShape) shape = NULL;
  Reader reader = { data, size, 0 };
  guint32 version, n_polygons;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  if (size < sizeof magic || memcmp (data, magic, sizeof magic) != 0)
    {
      fail (error, _("it is not a boundary"));
      return NULL;
    }
  reader.at = sizeof magic;
  if (!get_u32 (&reader, &version) || !get_u32 (&reader, &n_polygons))
    {
      fail (error, _("the data ends early"));
      return NULL;
    }
  if (version != SHEQU_GEO_BLOB_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("its format version %u is not known"), version);
      return NULL;
    }
  if (n_polygons == 0)
    {
      fail (error, _("it has no polygon"));
      return NULL;
    }

  shape = shequ_geo_shape_new ();
  for (guint32 p = 0; p < n_polygons; p++)
    if (!get_polygon (&reader, shape, error))
      return NULL;
  if (reader.at != size)
    {
      fail (error, _("data follows the last ring"));
      return NULL;
    }
  return g_steal_pointer (&shape);
}
