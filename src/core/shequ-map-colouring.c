/* shequ-map-colouring.c — a measure classed into colours, with its legend */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-colouring"

#include "config.h"

#include "shequ-map-colouring.h"

/* SKELETON: the measure engineer writes this file; only the tier colouring works. */

struct _ShequMapColouring
{
  gatomicrefcount  ref_count;
  ShequMap        *map;
};

ShequMapColouring *
shequ_map_colouring_new (ShequOrgStore    *store,
                         ShequMap         *map,
                         ShequMeasure     *measure,
                         guint             depth,
                         ShequClassMethod  method,
                         guint             n_classes,
                         ShequPalette      palette)
{
  return shequ_map_colouring_new_tiers (map);
}

ShequMapColouring *
shequ_map_colouring_new_tiers (ShequMap *map)
{
  ShequMapColouring *self = g_new0 (ShequMapColouring, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->map = g_object_ref (map);
  return self;
}

ShequMapColouring *
shequ_map_colouring_ref (ShequMapColouring *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
shequ_map_colouring_unref (ShequMapColouring *self)
{
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_object_unref (self->map);
      g_free (self);
    }
}

guint shequ_map_colouring_get_depth (ShequMapColouring *self) { return G_MAXUINT; }

gboolean
shequ_map_colouring_get_fill (ShequMapColouring *self,
                              gint64             unit_id,
                              ShequColour       *colour)
{
  static const ShequColour tiers[SHEQU_N_TIERS] = {
    { 0.96, 0.95, 0.92, 1 }, { 0.93, 0.90, 0.84, 1 }, { 0.85, 0.91, 0.96, 1 },
    { 0.88, 0.94, 0.84, 1 }, { 0.97, 0.93, 0.80, 1 },
  };
  const ShequMapItem *item = shequ_map_lookup_unit (self->map, unit_id);

  if (item == NULL)
    return FALSE;
  *colour = tiers[item->tier];
  return TRUE;
}

char *shequ_map_colouring_format_value (ShequMapColouring *self, gint64 unit_id) { return NULL; }
const char *shequ_map_colouring_get_title (ShequMapColouring *self) { return ""; }
guint shequ_map_colouring_get_n_legend_entries (ShequMapColouring *self) { return 0; }
const ShequLegendEntry *shequ_map_colouring_get_legend_entry (ShequMapColouring *self, guint position) { return NULL; }
