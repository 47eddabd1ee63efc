/* shequ-classify.c — values into classes (equal interval, quantile, Jenks) and palettes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-classify"

#include "config.h"

#include "shequ-classify.h"

/* SKELETON: the measure engineer writes this file. */

const char *shequ_class_method_to_key (ShequClassMethod method) { return "equal"; }
gboolean shequ_class_method_from_key (const char *key, ShequClassMethod *method) { *method = SHEQU_CLASS_EQUAL; return TRUE; }
const char *shequ_class_method_get_label (ShequClassMethod method) { return "Equal interval"; }
guint shequ_classify (const double *values, guint n_values, ShequClassMethod method, guint n_classes, double *breaks) { return 0; }
guint shequ_classify_find (const double *breaks, guint n_classes, double value) { return 0; }
const char *shequ_palette_to_key (ShequPalette palette) { return "blues"; }
gboolean shequ_palette_from_key (const char *key, ShequPalette *palette) { *palette = SHEQU_PALETTE_BLUES; return TRUE; }
void shequ_palette_get_colour (ShequPalette palette, guint n_classes, guint class_index, ShequColour *colour) { *colour = (ShequColour) { 0.5, 0.6, 0.8, 1 }; }
void shequ_colour_get_no_data (ShequColour *colour) { *colour = (ShequColour) { 0.85, 0.85, 0.85, 1 }; }
