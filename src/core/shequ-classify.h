/* shequ-classify.h — values into classes (equal interval, quantile, Jenks) and palettes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A colour with components from 0 to 1, as Cairo takes them. */
typedef struct {
  double red;
  double green;
  double blue;
  double alpha;
} ShequColour;

typedef enum {
  SHEQU_CLASS_EQUAL,      /* equal interval */
  SHEQU_CLASS_QUANTILE,   /* the same number of units in each class */
  SHEQU_CLASS_JENKS,      /* natural breaks (Jenks–Fisher, optimal) */
} ShequClassMethod;

#define SHEQU_CLASS_MIN 3
#define SHEQU_CLASS_MAX 9

/* "equal", "quantile", "jenks" */
const char *shequ_class_method_to_key   (ShequClassMethod   method);
gboolean    shequ_class_method_from_key (const char        *key,
                                         ShequClassMethod  *method);
const char *shequ_class_method_get_label (ShequClassMethod  method);   /* translated */

/* Breaks for N_VALUES finite VALUES (any order) in N_CLASSES classes (3–9): BREAKS gets
 * n + 1 ascending numbers, breaks[0] the least value and breaks[n] the greatest, where n,
 * the return value, is N_CLASSES or fewer when the values have fewer distinct numbers
 * (0 for no values). Class i holds values v with breaks[i] <= v < breaks[i + 1], the last
 * class also v == breaks[n]. Equal values always share a class. Equal: breaks evenly
 * spaced (a class may be empty). Quantile: each cut where the value changes nearest to
 * the ideal place, so classes hold as nearly equal counts as ties allow. Jenks: the
 * classes with the least sum of squared deviations from their means (exact, Fisher's
 * programme); quantile and Jenks breaks 1 … n − 1 are the least value of their class,
 * and with no more distinct values than classes each value is a class of its own. */
guint       shequ_classify              (const double      *values,
                                         guint              n_values,
                                         ShequClassMethod   method,
                                         guint              n_classes,
                                         double            *breaks);
/* The class of VALUE among N_CLASSES classes with BREAKS (clamped to the first and last). */
guint       shequ_classify_find         (const double      *breaks,
                                         guint              n_classes,
                                         double             value);

/* ColorBrewer-style sequential palettes, light to dark. */
typedef enum {
  SHEQU_PALETTE_BLUES,
  SHEQU_PALETTE_GREENS,
  SHEQU_PALETTE_ORANGES,
  SHEQU_PALETTE_REDS,
  SHEQU_PALETTE_PURPLES,
  SHEQU_PALETTE_YELLOW_ORANGE_RED,
  SHEQU_PALETTE_YELLOW_GREEN_BLUE,
  SHEQU_N_PALETTES
} ShequPalette;

const char *shequ_palette_to_key        (ShequPalette       palette);   /* "blues", "ylorrd", … */
gboolean    shequ_palette_from_key      (const char        *key,
                                         ShequPalette      *palette);
/* Translated, for a drop-down: "Blues", "Yellow–orange–red". */
const char *shequ_palette_get_label     (ShequPalette       palette);
/* Colour CLASS_INDEX of a palette of N_CLASSES (3–9) classes, the ColorBrewer colours
 * exactly; 1 or 2 classes (values with fewer distinct numbers) take the middle, or the
 * two ends, of the 3-class scheme. */
void        shequ_palette_get_colour    (ShequPalette       palette,
                                         guint              n_classes,
                                         guint              class_index,
                                         ShequColour       *colour);
/* The colour of a unit that has no data: a light grey every palette stands apart from. */
void        shequ_colour_get_no_data    (ShequColour       *colour);
/* COLOUR from 0xRRGGBB, opaque. */
void        shequ_colour_init_rgb       (ShequColour       *colour,
                                         guint32            rgb);

G_END_DECLS
