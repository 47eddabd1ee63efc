/* shequ-map.c — units' boundaries projected for drawing, indexed and hit-tested */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map"

#include "config.h"

#include <math.h>

#include "shequ-map.h"

struct _ShequMap
{
  GObject     parent_instance;

  GArray     *items;    /* ShequMapItem, sorted by depth then unit id once built */
  GArray     *places;   /* ShequMapPlace */
  GHashTable *by_unit;  /* unit id → position + 1 */
  guint       max_depth;
  gboolean    built;
};

G_DEFINE_FINAL_TYPE (ShequMap, shequ_map, G_TYPE_OBJECT)

static void
clear_item (gpointer data)
{
  ShequMapItem *item = data;

  g_free (item->name);
  g_clear_pointer (&item->lonlat, shequ_geo_shape_unref);
  g_clear_pointer (&item->projected, shequ_geo_shape_unref);
}

static void
clear_place (gpointer data)
{
  ShequMapPlace *place = data;

  g_free (place->name);
}

static void
shequ_map_finalize (GObject *object)
{
  ShequMap *self = SHEQU_MAP (object);

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->places, g_array_unref);
  g_clear_pointer (&self->by_unit, g_hash_table_unref);

  G_OBJECT_CLASS (shequ_map_parent_class)->finalize (object);
}

static void
shequ_map_class_init (ShequMapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_map_finalize;
}

static void
shequ_map_init (ShequMap *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (ShequMapItem));
  g_array_set_clear_func (self->items, clear_item);
  self->places = g_array_new (FALSE, TRUE, sizeof (ShequMapPlace));
  g_array_set_clear_func (self->places, clear_place);
  self->by_unit = g_hash_table_new (g_int64_hash, g_int64_equal);
}

ShequMap *
shequ_map_new (void)
{
  return g_object_new (SHEQU_TYPE_MAP, NULL);
}

void
shequ_map_add_unit (ShequMap      *self,
                    gint64         unit_id,
                    ShequTier      tier,
                    guint          depth,
                    const char    *name,
                    ShequGeoShape *lonlat)
{
  ShequMapItem item = { 0 };

  g_return_if_fail (SHEQU_IS_MAP (self));
  g_return_if_fail (!self->built);
  g_return_if_fail (lonlat != NULL);

  item.unit_id = unit_id;
  item.tier = tier;
  item.depth = depth;
  item.name = g_strdup (name);
  item.lonlat = shequ_geo_shape_ref (lonlat);
  g_array_append_val (self->items, item);
}

void
shequ_map_add_place (ShequMap            *self,
                     const ShequPlaceRow *row)
{
  ShequMapPlace place = { 0 };

  g_return_if_fail (SHEQU_IS_MAP (self));
  g_return_if_fail (!self->built);
  g_return_if_fail (row != NULL);

  place.place_id = row->id;
  place.unit_id = row->unit_id;
  place.kind = row->kind;
  place.name = g_strdup (row->name);
  place.lonlat = (ShequGeoPoint) { row->lon, row->lat };
  place.projected = shequ_geo_mercator_forward (place.lonlat);
  g_array_append_val (self->places, place);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const ShequMapItem *ia = a;
  const ShequMapItem *ib = b;

  if (ia->depth != ib->depth)
    return ia->depth < ib->depth ? -1 : 1;
  return (ia->unit_id > ib->unit_id) - (ia->unit_id < ib->unit_id);
}

static ShequGeoShape *
project_shape (ShequGeoShape *lonlat)
{
  ShequGeoShape *projected = shequ_geo_shape_new ();
  guint n_polygons = shequ_geo_shape_get_n_polygons (lonlat);

  for (guint p = 0; p < n_polygons; p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (lonlat, p);
      g_autofree ShequGeoRing *rings = g_new0 (ShequGeoRing, polygon->n_rings);

      for (guint r = 0; r < polygon->n_rings; r++)
        {
          rings[r].n_points = polygon->rings[r].n_points;
          rings[r].points = g_new (ShequGeoPoint, rings[r].n_points);
          for (guint i = 0; i < rings[r].n_points; i++)
            rings[r].points[i] = shequ_geo_mercator_forward (polygon->rings[r].points[i]);
        }
      shequ_geo_shape_add_polygon (projected, rings, polygon->n_rings);
      for (guint r = 0; r < polygon->n_rings; r++)
        g_free (rings[r].points);
    }
  return projected;
}

/* The centre of the bounds when it lies inside, else the middle of the widest run of the
 * horizontal line through the centre that does. */
static ShequGeoPoint
find_label_point (ShequGeoShape        *shape,
                  const ShequGeoBounds *bounds)
{
  ShequGeoPoint centre = { (bounds->min_x + bounds->max_x) / 2,
                           (bounds->min_y + bounds->max_y) / 2 };
  ShequGeoPoint best = centre;
  double best_width = -1;
  const guint steps = 64;
  guint run_start = G_MAXUINT;

  if (shequ_geo_shape_contains (shape, centre))
    return centre;

  for (guint i = 0; i <= steps; i++)
    {
      double x = bounds->min_x + (bounds->max_x - bounds->min_x) * i / steps;
      gboolean inside = i < steps && shequ_geo_shape_contains (shape, (ShequGeoPoint) { x, centre.y });

      if (inside && run_start == G_MAXUINT)
        run_start = i;
      else if (!inside && run_start != G_MAXUINT)
        {
          double x0 = bounds->min_x + (bounds->max_x - bounds->min_x) * run_start / steps;

          if (x - x0 > best_width)
            {
              best_width = x - x0;
              best = (ShequGeoPoint) { (x0 + x) / 2 - (bounds->max_x - bounds->min_x) / steps / 2,
                                       centre.y };
            }
          run_start = G_MAXUINT;
        }
    }
  return best;
}

void
shequ_map_build (ShequMap *self)
{
  g_return_if_fail (SHEQU_IS_MAP (self));
  g_return_if_fail (!self->built);

  g_array_sort (self->items, compare_items);
  for (guint i = 0; i < self->items->len; i++)
    {
      ShequMapItem *item = &g_array_index (self->items, ShequMapItem, i);

      item->projected = project_shape (item->lonlat);
      shequ_geo_shape_get_bounds (item->projected, &item->bounds);
      item->area_m2 = shequ_geo_shape_area_m2 (item->lonlat);
      item->label_point = find_label_point (item->projected, &item->bounds);
      self->max_depth = MAX (self->max_depth, item->depth);
      g_hash_table_insert (self->by_unit, &item->unit_id, GUINT_TO_POINTER (i + 1));
    }
  self->built = TRUE;
}

gboolean
shequ_map_is_built (ShequMap *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP (self), FALSE);

  return self->built;
}

guint
shequ_map_get_n_items (ShequMap *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP (self), 0);

  return self->items->len;
}

const ShequMapItem *
shequ_map_get_item (ShequMap *self,
                    guint     position)
{
  g_return_val_if_fail (SHEQU_IS_MAP (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return &g_array_index (self->items, ShequMapItem, position);
}

guint
shequ_map_find_unit (ShequMap *self,
                     gint64    unit_id)
{
  g_return_val_if_fail (SHEQU_IS_MAP (self), G_MAXUINT);
  g_return_val_if_fail (self->built, G_MAXUINT);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->by_unit, &unit_id)) - 1;
}

const ShequMapItem *
shequ_map_lookup_unit (ShequMap *self,
                       gint64    unit_id)
{
  guint position = shequ_map_find_unit (self, unit_id);

  return position == G_MAXUINT ? NULL : shequ_map_get_item (self, position);
}

guint
shequ_map_get_max_depth (ShequMap *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP (self), 0);

  return self->max_depth;
}

gboolean
shequ_map_get_bounds (ShequMap       *self,
                      ShequGeoBounds *bounds)
{
  ShequGeoBounds all = { INFINITY, INFINITY, -INFINITY, -INFINITY };

  g_return_val_if_fail (SHEQU_IS_MAP (self), FALSE);
  g_return_val_if_fail (self->built, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (self->items->len == 0)
    return FALSE;
  for (guint i = 0; i < self->items->len; i++)
    {
      const ShequMapItem *item = &g_array_index (self->items, ShequMapItem, i);

      all.min_x = MIN (all.min_x, item->bounds.min_x);
      all.min_y = MIN (all.min_y, item->bounds.min_y);
      all.max_x = MAX (all.max_x, item->bounds.max_x);
      all.max_y = MAX (all.max_y, item->bounds.max_y);
    }
  *bounds = all;
  return TRUE;
}

static gboolean
bounds_meet (const ShequGeoBounds *a,
             const ShequGeoBounds *b)
{
  return a->min_x <= b->max_x && b->min_x <= a->max_x
         && a->min_y <= b->max_y && b->min_y <= a->max_y;
}

void
shequ_map_query (ShequMap             *self,
                 const ShequGeoBounds *bounds,
                 GArray               *positions)
{
  g_return_if_fail (SHEQU_IS_MAP (self));
  g_return_if_fail (self->built);
  g_return_if_fail (bounds != NULL && positions != NULL);

  for (guint i = 0; i < self->items->len; i++)
    if (bounds_meet (&g_array_index (self->items, ShequMapItem, i).bounds, bounds))
      g_array_append_val (positions, i);
}

const ShequMapItem *
shequ_map_hit (ShequMap      *self,
               ShequGeoPoint  projected)
{
  g_return_val_if_fail (SHEQU_IS_MAP (self), NULL);
  g_return_val_if_fail (self->built, NULL);

  /* Deepest first: the items are sorted by depth. */
  for (guint i = self->items->len; i > 0; i--)
    {
      const ShequMapItem *item = &g_array_index (self->items, ShequMapItem, i - 1);
      ShequGeoBounds point = { projected.x, projected.y, projected.x, projected.y };

      if (bounds_meet (&item->bounds, &point)
          && shequ_geo_shape_contains (item->projected, projected))
        return item;
    }
  return NULL;
}

const ShequMapItem *
shequ_map_hit_lonlat (ShequMap      *self,
                      ShequGeoPoint  gcj02)
{
  return shequ_map_hit (self, shequ_geo_mercator_forward (gcj02));
}

ShequGeoShape *
shequ_map_get_item_shape (ShequMap *self,
                          guint     position,
                          double    tolerance)
{
  g_return_val_if_fail (SHEQU_IS_MAP (self), NULL);
  g_return_val_if_fail (self->built, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_array_index (self->items, ShequMapItem, position).projected;
}

guint
shequ_map_get_n_places (ShequMap *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP (self), 0);

  return self->places->len;
}

const ShequMapPlace *
shequ_map_get_place (ShequMap *self,
                     guint     position)
{
  g_return_val_if_fail (SHEQU_IS_MAP (self), NULL);
  g_return_val_if_fail (position < self->places->len, NULL);

  return &g_array_index (self->places, ShequMapPlace, position);
}
