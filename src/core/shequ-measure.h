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
 * coloured; a numeric one (population, density) is classed by the map.
 *
 * Writing another measure (the evaluation's bands, say): a GObject implementing this
 * interface. Categorical: get_n_categories () > 0, get_value () stores the category's
 * index (0 … n − 1) as a double, get_category_label () and get_category_colour () say
 * how each looks; the colouring lists the categories in index order (those with units)
 * and formats a unit's value as its category's label. Numeric: get_n_categories () 0
 * (the default), get_value () any finite number. get_unit_label () and format_value ()
 * may be left NULL. ShequMapColouring reads every value once, when it is made (so a
 * new colouring shows new data); it keeps a reference and may later call format_value
 * and the category getters from whichever thread draws the map: those must not change. */
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
  /* Optional, for a numeric measure: VALUE as a tooltip shows it (“3,215 residents”). */
  char       *(*format_value)        (ShequMeasure *self,
                                      double        value);
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
/* VALUE for a tooltip (caller frees): a category's label, or the number grouped in
 * thousands with the unit ("3,215 residents", "3,215 人"; "1,234.5" without a unit). */
char       *shequ_measure_format_value        (ShequMeasure *self,
                                               double        value);

/* VALUE with DECIMALS (0–6) decimals and its whole part grouped in thousands, the same
 * in Chinese and English ("12,345.6"). Caller frees. */
char       *shequ_measure_format_number       (double        value,
                                               guint         decimals);
/* The decimals a number of this size needs to be read sensibly: none for whole numbers
 * and from 100 up, 1 from 10, 2 below. */
guint       shequ_measure_guess_decimals      (double        value);

/* The built-in measures: "tier", "population", "households", "density" (residents per
 * km² of the unit's boundary), "compliance" (categories: meets the rules, breaks one).
 * DENSITY needs the map for the areas; the others ignore it (nullable). */
const char *const *shequ_measure_list_builtin (void);
/* ID unknown: NULL and a translated G_OPTION_ERROR_BAD_VALUE naming ID and the valid ids. */
ShequMeasure      *shequ_measure_new_builtin  (const char   *id,
                                               ShequMap     *map,
                                               GError      **error);
/* The translated name of a built-in measure (for a drop-down), or NULL. */
const char        *shequ_measure_builtin_get_name (const char *id);

G_END_DECLS
