/* shequ-map-colouring.h — a measure classed into colours, with its legend */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shequ-classify.h"
#include "shequ-map.h"
#include "shequ-measure.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

/* One line of the legend: a swatch and its text ("1,000 – 2,500", "Green", "No data"). */
typedef struct {
  ShequColour  colour;
  char        *label;
  guint        n_units;   /* units of the coloured depth in this class */
} ShequLegendEntry;

/* The fills of one drawing: the units of one depth coloured by a measure. Immutable once
 * made; refcounted; may be read from any thread. */
typedef struct _ShequMapColouring ShequMapColouring;

/* Colours every item of MAP at DEPTH by MEASURE for the units in STORE: a categorical
 * measure by its own colours, a numeric one classed by METHOD into N_CLASSES (3–9)
 * classes of PALETTE. Units without data take the "no data" colour and an entry of
 * their own at the end of the legend. */
ShequMapColouring *shequ_map_colouring_new       (ShequOrgStore      *store,
                                                  ShequMap           *map,
                                                  ShequMeasure       *measure,
                                                  guint               depth,
                                                  ShequClassMethod    method,
                                                  guint               n_classes,
                                                  ShequPalette        palette);
/* Tier colours (street, area, community, village, grid) for every depth: the default.
 * Cheap enough to make for each drawing (nothing per unit is stored). */
ShequMapColouring *shequ_map_colouring_new_tiers (ShequMap           *map);
ShequMapColouring *shequ_map_colouring_ref       (ShequMapColouring  *self);
void               shequ_map_colouring_unref     (ShequMapColouring  *self);

/* The depth whose units are filled (G_MAXUINT: every depth, as the tier colouring). */
guint              shequ_map_colouring_get_depth (ShequMapColouring  *self);
/* FALSE when UNIT_ID is not coloured (another depth, or not on the map). */
gboolean           shequ_map_colouring_get_fill  (ShequMapColouring  *self,
                                                  gint64              unit_id,
                                                  ShequColour        *colour);
/* The measure coloured by (for the tier colouring, the "tier" measure). */
ShequMeasure      *shequ_map_colouring_get_measure (ShequMapColouring *self);
/* The unit's value as the legend and the tooltip show it ("3,215 residents", a category's
 * label, "No data"), or NULL when UNIT_ID is not coloured. */
char              *shequ_map_colouring_format_value (ShequMapColouring *self,
                                                     gint64             unit_id);
/* The legend's heading: the measure's name, with its unit ("Population density
 * (residents per km²)"). */
const char        *shequ_map_colouring_get_title (ShequMapColouring  *self);
/* The legend: a numeric measure's classes, light to dark ("1,000 – 2,500": an equal
 * interval's bounds, else the least and greatest value in the class), or a categorical
 * one's categories that have units, in its order; then "No data" when a unit has none. */
guint              shequ_map_colouring_get_n_legend_entries (ShequMapColouring *self);
const ShequLegendEntry *shequ_map_colouring_get_legend_entry (ShequMapColouring *self,
                                                              guint              position);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequMapColouring, shequ_map_colouring_unref)

G_END_DECLS
