/* shequ-measure.h — one number (or category) per unit, for colouring a map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shequ-classify.h"
#include "shequ-map.h"
#include "shequ-unit.h"

G_BEGIN_DECLS

/* A measure gives each unit a value or "no data", and a name and a unit for the legend.
 * A categorical measure (the tier; later the evaluation's green/orange/red bands) gives
 * the index of its category as the value and says how each category is labelled and
 * coloured; a numeric one (population, density) is classed by the map. */
#define SHEQU_TYPE_MEASURE (shequ_measure_get_type ())
G_DECLARE_INTERFACE (ShequMeasure, shequ_measure, SHEQU, MEASURE, GObject)

struct _ShequMeasureInterface
{
  GTypeInterface parent_iface;

  const char *(*get_id)              (ShequMeasure *self);
  const char *(*get_name)            (ShequMeasure *self);
  const char *(*get_unit_label)      (ShequMeasure *self);
  gboolean    (*get_value)           (ShequMeasure *self,
                                      ShequUnit    *unit,
                                      double       *value);
  guint       (*get_n_categories)    (ShequMeasure *self);
  const char *(*get_category_label)  (ShequMeasure *self,
                                      guint         category);
  void        (*get_category_colour) (ShequMeasure *self,
                                      guint         category,
                                      ShequColour  *colour);
};

/* "tier", "population", … : what --color-by takes. */
const char *shequ_measure_get_id              (ShequMeasure *self);
/* Translated: "Population density". */
const char *shequ_measure_get_name            (ShequMeasure *self);
/* Translated, for the legend: "residents per km²"; "" when the value has none. */
const char *shequ_measure_get_unit_label      (ShequMeasure *self);
/* FALSE when UNIT has no data (VALUE untouched). */
gboolean    shequ_measure_get_value           (ShequMeasure *self,
                                               ShequUnit    *unit,
                                               double       *value);
/* 0 for a numeric measure. */
guint       shequ_measure_get_n_categories    (ShequMeasure *self);
const char *shequ_measure_get_category_label  (ShequMeasure *self,
                                               guint         category);
void        shequ_measure_get_category_colour (ShequMeasure *self,
                                               guint         category,
                                               ShequColour  *colour);

/* The built-in measures: "tier", "population", "households", "density" (residents per
 * km² of the unit's boundary), "compliance" (categories: meets the rules, breaks one).
 * DENSITY needs the map for the areas; the others ignore it (nullable). */
const char *const *shequ_measure_list_builtin (void);
ShequMeasure      *shequ_measure_new_builtin  (const char   *id,
                                               ShequMap     *map,
                                               GError      **error);

G_END_DECLS
