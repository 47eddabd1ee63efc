/* shequ-sample-map.c — the sample street's boundaries and places, made from data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sample-map"

#include "config.h"

#include <gio/gio.h>

#include "shequ-sample-map.h"

/* SKELETON: the sample-map engineer writes this file. */

ShequSampleMap *
shequ_sample_map_generate (ShequOrgStore  *store,
                           const char     *dir,
                           GError        **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not yet");
  return NULL;
}

void
shequ_sample_map_free (ShequSampleMap *map)
{
  if (map == NULL)
    return;
  g_clear_pointer (&map->boundaries, g_hash_table_unref);
  g_clear_pointer (&map->places, g_ptr_array_unref);
  g_free (map);
}
