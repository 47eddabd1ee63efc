/* shequ-map-store.c — the map of a store's units: their boundaries and places */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-store"

#include "config.h"

#include "shequ-map-store.h"

ShequMap *
shequ_map_new_for_store (ShequOrgStore *store)
{
  GPtrArray *units;
  g_autoptr(GPtrArray) places = NULL;
  ShequMap *map;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);

  map = shequ_map_new ();
  units = shequ_org_store_get_units (store);
  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i);
      ShequGeoShape *shape = shequ_org_store_get_boundary (store, shequ_unit_get_id (unit));

      if (shape != NULL)
        shequ_map_add_unit (map, shequ_unit_get_id (unit), shequ_unit_get_tier (unit),
                            shequ_unit_get_depth (unit), shequ_unit_get_name (unit), shape);
    }
  places = shequ_org_store_get_places (store);
  for (guint i = 0; i < places->len; i++)
    shequ_map_add_place (map, g_ptr_array_index (places, i));
  shequ_map_build (map);
  return map;
}

gboolean
shequ_map_change_affects_map (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, FALSE);

  return shequ_org_change_get_n_unit_puts (change) > 0
         || shequ_org_change_get_n_unit_deletes (change) > 0
         || shequ_org_change_get_n_boundary_puts (change) > 0
         || shequ_org_change_get_n_boundary_deletes (change) > 0
         || shequ_org_change_get_n_place_puts (change) > 0
         || shequ_org_change_get_n_place_deletes (change) > 0;
}
