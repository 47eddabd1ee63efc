/* shequ-map.c — units' boundaries projected for drawing, indexed and hit-tested */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map"

#include "config.h"

#include <float.h>
#include <math.h>

#include "shequ-map-private.h"

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

  if (self->details != NULL)
    for (guint i = 0; i < self->items->len; i++)
      shequ_map_detail_clear (&self->details[i]);
  g_clear_pointer (&self->details, g_free);
  shequ_map_index_clear (&self->index);
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
  self->index.root = G_MAXUINT;
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

static ShequGeoPoint
project_point (ShequGeoPoint lonlat,
               gpointer      user_data)
{
  return shequ_geo_mercator_forward (lonlat);
}

static ShequGeoShape *
project_shape (ShequGeoShape *lonlat)
{
  return shequ_geo_shape_new_mapped (lonlat, project_point, NULL);
}

void
shequ_map_build (ShequMap *self)
{
  ShequGeoBounds all = { INFINITY, INFINITY, -INFINITY, -INFINITY };

  g_return_if_fail (SHEQU_IS_MAP (self));
  g_return_if_fail (!self->built);

  g_array_sort (self->items, compare_items);
  self->details = g_new0 (ShequMapDetail, MAX (self->items->len, 1));
  for (guint i = 0; i < self->items->len; i++)
    {
      ShequMapItem *item = &g_array_index (self->items, ShequMapItem, i);
      ShequMapDetail *detail = &self->details[i];

      item->projected = project_shape (item->lonlat);
      shequ_geo_shape_get_bounds (item->projected, &item->bounds);
      item->area_m2 = shequ_geo_shape_area_m2 (item->lonlat);
      shequ_map_detail_build (detail, item->projected);
      item->label_point = shequ_map_find_label_point (detail, &item->bounds);
      self->max_depth = MAX (self->max_depth, item->depth);
      g_hash_table_insert (self->by_unit, &item->unit_id, GUINT_TO_POINTER (i + 1));
      if (shequ_geo_shape_get_n_polygons (item->projected) > 0)
        {
          all.min_x = MIN (all.min_x, item->bounds.min_x);
          all.min_y = MIN (all.min_y, item->bounds.min_y);
          all.max_x = MAX (all.max_x, item->bounds.max_x);
          all.max_y = MAX (all.max_y, item->bounds.max_y);
        }
    }
  self->bounds = all;
  shequ_map_index_build (&self->index, self->items);
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
  g_return_val_if_fail (SHEQU_IS_MAP (self), FALSE);
  g_return_val_if_fail (self->built, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (!(self->bounds.min_x <= self->bounds.max_x))
    return FALSE;
  *bounds = self->bounds;
  return TRUE;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = *(const guint *) a, pb = *(const guint *) b;

  return (pa > pb) - (pa < pb);
}

/* Sorts HITS[FROM…] into drawing order: a sort when they are few, else a bitmap of
 * every item walked once. */
static void
sort_positions (GArray *hits,
                guint   from,
                guint   n_items)
{
  guint n = hits->len - from;
  guint *p = &g_array_index (hits, guint, from);
  g_autofree guint64 *bits = NULL;
  guint n_words = (n_items + 63) / 64, k = 0;

  if (n < 2)
    return;
  if (n < n_words * 4)
    {
      qsort (p, n, sizeof (guint), compare_positions);
      return;
    }
  bits = g_new0 (guint64, n_words);
  for (guint i = 0; i < n; i++)
    bits[p[i] / 64] |= G_GUINT64_CONSTANT (1) << (p[i] % 64);
  for (guint w = 0; w < n_words; w++)
    for (guint64 word = bits[w]; word != 0; word &= word - 1)
      p[k++] = w * 64 + (guint) __builtin_ctzll (word);
  g_assert (k == n);
}

void
shequ_map_query (ShequMap             *self,
                 const ShequGeoBounds *bounds,
                 GArray               *positions)
{
  guint from;

  g_return_if_fail (SHEQU_IS_MAP (self));
  g_return_if_fail (self->built);
  g_return_if_fail (bounds != NULL && positions != NULL);
  g_return_if_fail (g_array_get_element_size (positions) == sizeof (guint));

  /* The whole map in view (a fit, an export): every item, in order, without a search;
   * but not those without a polygon, whose bounds are empty (min_x DBL_MAX). */
  if (bounds->min_x <= self->bounds.min_x && bounds->min_y <= self->bounds.min_y
      && bounds->max_x >= self->bounds.max_x && bounds->max_y >= self->bounds.max_y)
    {
      guint *out;

      from = positions->len;
      g_array_set_size (positions, from + self->items->len);
      out = &g_array_index (positions, guint, from);
      for (guint i = 0; i < self->items->len; i++)
        if (g_array_index (self->items, ShequMapItem, i).bounds.min_x != DBL_MAX)
          *out++ = i;
      g_array_set_size (positions, out - (guint *) (void *) positions->data);
      return;
    }
  from = positions->len;
  shequ_map_index_search (&self->index, bounds, positions);
  sort_positions (positions, from, self->items->len);
}

const ShequMapItem *
shequ_map_hit (ShequMap      *self,
               ShequGeoPoint  projected)
{
  ShequGeoBounds point = { projected.x, projected.y, projected.x, projected.y };
  GArray *hits;
  const ShequMapItem *found = NULL;

  g_return_val_if_fail (SHEQU_IS_MAP (self), NULL);
  g_return_val_if_fail (self->built, NULL);

  if (!isfinite (projected.x) || !isfinite (projected.y))
    return NULL;
  hits = g_array_sized_new (FALSE, FALSE, sizeof (guint), 16);
  shequ_map_index_search (&self->index, &point, hits);
  /* The last in drawing order is the deepest: try the candidates from there. */
  qsort (hits->data, hits->len, sizeof (guint), compare_positions);
  for (guint i = hits->len; i > 0 && found == NULL; i--)
    {
      const ShequMapItem *item = &g_array_index (self->items, ShequMapItem,
                                                 g_array_index (hits, guint, i - 1));

      if (shequ_geo_shape_contains (item->projected, projected))
        found = item;
    }
  g_array_unref (hits);
  return found;
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

  return shequ_map_detail_pick (&self->details[position], tolerance);
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
