/* shequ-map-stand-in.c — a made-up map of a store's units, for pictures and tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-page"

#include "config.h"

#include <math.h>

#include "shequ-map-page-private.h"

/* Around 116.40° E, 39.90° N; the street about 4 × 3 km. */
#define ORIGIN_LON 116.38
#define ORIGIN_LAT 39.89
#define STREET_WIDTH 0.046
#define STREET_HEIGHT 0.027

static void
add_rect (ShequMap  *map,
          ShequUnit *unit,
          double     x0,
          double     y0,
          double     x1,
          double     y1)
{
  g_autoptr(ShequGeoShape) shape = shequ_geo_shape_new ();
  ShequGeoPoint points[5] = { { x0, y0 }, { x1, y0 }, { x1, y1 }, { x0, y1 }, { x0, y0 } };
  ShequGeoRing ring = { points, 5 };

  shequ_geo_shape_add_polygon (shape, &ring, 1);
  shequ_map_add_unit (map, shequ_unit_get_id (unit), shequ_unit_get_tier (unit),
                      shequ_unit_get_depth (unit), shequ_unit_get_name (unit), shape);
}

/* The children in rows of near-square cells (the last row's cells wider, to fill it). */
static void
add_subtree (ShequMap  *map,
             ShequUnit *unit,
             double     x0,
             double     y0,
             double     x1,
             double     y1)
{
  GListModel *children = shequ_unit_get_children (unit);
  guint n = g_list_model_get_n_items (children);
  guint columns, rows;

  add_rect (map, unit, x0, y0, x1, y1);
  if (n == 0)
    return;
  columns = MAX (1, (guint) ceil (sqrt (n * (x1 - x0) / (y1 - y0))));
  columns = MIN (columns, n);
  rows = (n + columns - 1) / columns;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequUnit) child = g_list_model_get_item (children, i);
      guint row = i / columns;
      guint in_row = row == rows - 1 ? n - row * columns : columns;
      guint column = i % columns;
      double cx0 = x0 + (x1 - x0) * column / in_row;
      double cx1 = x0 + (x1 - x0) * (column + 1) / in_row;
      double cy1 = y1 - (y1 - y0) * row / rows;
      double cy0 = y1 - (y1 - y0) * (row + 1) / rows;

      add_subtree (map, child, cx0, cy0, cx1, cy1);
    }
}

ShequMap *
shequ_map_new_stand_in (ShequOrgStore *store)
{
  ShequMap *map;
  ShequUnit *street;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);

  map = shequ_map_new ();
  street = shequ_org_store_get_street (store);
  if (street != NULL)
    add_subtree (map, street, ORIGIN_LON, ORIGIN_LAT, ORIGIN_LON + STREET_WIDTH,
                 ORIGIN_LAT + STREET_HEIGHT);
  shequ_map_build (map);
  return map;
}
