/* shequ-measure.c — one number (or category) per unit, for colouring a map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-measure"

#include "config.h"

#include <gio/gio.h>

#include "shequ-measure.h"

/* SKELETON: the measure engineer writes this file. */

G_DEFINE_INTERFACE (ShequMeasure, shequ_measure, G_TYPE_OBJECT)

static void
shequ_measure_default_init (ShequMeasureInterface *iface)
{
}

const char *shequ_measure_get_id (ShequMeasure *self) { return SHEQU_MEASURE_GET_IFACE (self)->get_id (self); }
const char *shequ_measure_get_name (ShequMeasure *self) { return SHEQU_MEASURE_GET_IFACE (self)->get_name (self); }
const char *shequ_measure_get_unit_label (ShequMeasure *self) { return SHEQU_MEASURE_GET_IFACE (self)->get_unit_label (self); }
gboolean shequ_measure_get_value (ShequMeasure *self, ShequUnit *unit, double *value) { return SHEQU_MEASURE_GET_IFACE (self)->get_value (self, unit, value); }
guint shequ_measure_get_n_categories (ShequMeasure *self) { return 0; }
const char *shequ_measure_get_category_label (ShequMeasure *self, guint category) { return ""; }
void shequ_measure_get_category_colour (ShequMeasure *self, guint category, ShequColour *colour) { }
const char *const *shequ_measure_list_builtin (void) { static const char *const ids[] = { "tier", NULL }; return ids; }
ShequMeasure *shequ_measure_new_builtin (const char *id, ShequMap *map, GError **error) { g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not yet"); return NULL; }
