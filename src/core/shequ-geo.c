/* shequ-geo.c — boundaries as polygons with holes, shared between threads */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-geo"

#include "config.h"

#include <float.h>

#include "shequ-geo.h"

struct _ShequGeoShape
{
  gatomicrefcount  ref_count;
  GArray          *polygons;   /* of ShequGeoPolygon, each owning its rings and points */
  guint            n_points;
};

static void
clear_polygon (gpointer data)
{
  ShequGeoPolygon *polygon = data;

  for (guint i = 0; i < polygon->n_rings; i++)
    g_free (polygon->rings[i].points);
  g_free (polygon->rings);
}

ShequGeoShape *
shequ_geo_shape_new (void)
{
  ShequGeoShape *shape = g_new0 (ShequGeoShape, 1);

  g_atomic_ref_count_init (&shape->ref_count);
  shape->polygons = g_array_new (FALSE, TRUE, sizeof (ShequGeoPolygon));
  g_array_set_clear_func (shape->polygons, clear_polygon);
  return shape;
}

void
shequ_geo_shape_add_polygon (ShequGeoShape      *shape,
                             const ShequGeoRing *rings,
                             guint               n_rings)
{
  ShequGeoPolygon polygon = { 0 };

  g_return_if_fail (shape != NULL);
  g_return_if_fail (rings != NULL && n_rings > 0);

  polygon.n_rings = n_rings;
  polygon.rings = g_new0 (ShequGeoRing, n_rings);
  for (guint i = 0; i < n_rings; i++)
    {
      polygon.rings[i].n_points = rings[i].n_points;
      polygon.rings[i].points = g_memdup2 (rings[i].points,
                                           sizeof (ShequGeoPoint) * rings[i].n_points);
      shape->n_points += rings[i].n_points;
    }
  g_array_append_val (shape->polygons, polygon);
}

ShequGeoShape *
shequ_geo_shape_new_mapped (ShequGeoShape     *shape,
                            ShequGeoPointFunc  func,
                            gpointer           user_data)
{
  ShequGeoShape *out;

  g_return_val_if_fail (shape != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  out = shequ_geo_shape_new ();
  for (guint p = 0; p < shape->polygons->len; p++)
    {
      const ShequGeoPolygon *polygon = &g_array_index (shape->polygons, ShequGeoPolygon, p);
      g_autofree ShequGeoRing *rings = g_new0 (ShequGeoRing, polygon->n_rings);

      for (guint r = 0; r < polygon->n_rings; r++)
        {
          rings[r].n_points = polygon->rings[r].n_points;
          rings[r].points = g_new (ShequGeoPoint, rings[r].n_points);
          for (guint i = 0; i < rings[r].n_points; i++)
            rings[r].points[i] = func (polygon->rings[r].points[i], user_data);
        }
      shequ_geo_shape_add_polygon (out, rings, polygon->n_rings);
      for (guint r = 0; r < polygon->n_rings; r++)
        g_free (rings[r].points);
    }
  return out;
}

ShequGeoShape *
shequ_geo_shape_ref (ShequGeoShape *shape)
{
  g_return_val_if_fail (shape != NULL, NULL);
  g_atomic_ref_count_inc (&shape->ref_count);
  return shape;
}

void
shequ_geo_shape_unref (ShequGeoShape *shape)
{
  g_return_if_fail (shape != NULL);
  if (g_atomic_ref_count_dec (&shape->ref_count))
    {
      g_array_unref (shape->polygons);
      g_free (shape);
    }
}

guint
shequ_geo_shape_get_n_polygons (ShequGeoShape *shape)
{
  g_return_val_if_fail (shape != NULL, 0);
  return shape->polygons->len;
}

const ShequGeoPolygon *
shequ_geo_shape_get_polygon (ShequGeoShape *shape,
                             guint          index)
{
  g_return_val_if_fail (shape != NULL, NULL);
  g_return_val_if_fail (index < shape->polygons->len, NULL);
  return &g_array_index (shape->polygons, ShequGeoPolygon, index);
}

guint
shequ_geo_shape_get_n_points (ShequGeoShape *shape)
{
  g_return_val_if_fail (shape != NULL, 0);
  return shape->n_points;
}

/* The outer rings bound the shape; holes lie inside them. An empty shape has
 * min > max. */
void
shequ_geo_shape_get_bounds (ShequGeoShape  *shape,
                            ShequGeoBounds *bounds)
{
  g_return_if_fail (shape != NULL);
  g_return_if_fail (bounds != NULL);

  *bounds = (ShequGeoBounds) { DBL_MAX, DBL_MAX, -DBL_MAX, -DBL_MAX };
  for (guint i = 0; i < shape->polygons->len; i++)
    {
      const ShequGeoRing *outer = &g_array_index (shape->polygons, ShequGeoPolygon, i).rings[0];

      for (guint j = 0; j < outer->n_points; j++)
        {
          bounds->min_x = MIN (bounds->min_x, outer->points[j].x);
          bounds->min_y = MIN (bounds->min_y, outer->points[j].y);
          bounds->max_x = MAX (bounds->max_x, outer->points[j].x);
          bounds->max_y = MAX (bounds->max_y, outer->points[j].y);
        }
    }
}
