/* shequ-map-colouring.c — a measure classed into colours, with its legend */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-colouring"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-map-colouring.h"

/* One coloured unit. */
typedef struct {
  gint64      unit_id;   /* the key of the table */
  gboolean    has_data;
  double      value;
  ShequColour colour;
} Fill;

struct _ShequMapColouring
{
  gatomicrefcount  ref_count;
  ShequMap        *map;
  ShequMeasure    *measure;
  guint            depth;      /* G_MAXUINT: every depth, by tier */
  char            *title;
  Fill            *fills;      /* one per item of the depth */
  GHashTable      *by_unit;    /* gint64 * → Fill *; NULL for the tier colouring */
  GArray          *legend;     /* ShequLegendEntry */
};

static void
clear_entry (gpointer data)
{
  ShequLegendEntry *entry = data;

  g_free (entry->label);
}

static ShequMapColouring *
colouring_new (ShequMap     *map,
               ShequMeasure *measure,
               guint         depth)
{
  ShequMapColouring *self = g_new0 (ShequMapColouring, 1);
  const char *unit_label = shequ_measure_get_unit_label (measure);

  g_atomic_ref_count_init (&self->ref_count);
  self->map = g_object_ref (map);
  self->measure = g_object_ref (measure);
  self->depth = depth;
  if (unit_label != NULL && *unit_label != '\0')
    /* Translators: the legend's heading, a measure and its unit: “人口密度（人/平方公里）” */
    self->title = g_strdup_printf (C_("legend title", "%s (%s)"),
                                   shequ_measure_get_name (measure), unit_label);
  else
    self->title = g_strdup (shequ_measure_get_name (measure));
  self->legend = g_array_new (FALSE, TRUE, sizeof (ShequLegendEntry));
  g_array_set_clear_func (self->legend, clear_entry);
  return self;
}

static void
add_entry (ShequMapColouring *self,
           const ShequColour *colour,
           char              *label,
           guint              n_units)
{
  ShequLegendEntry entry = { *colour, label, n_units };

  g_array_append_val (self->legend, entry);
}

static void
add_no_data_entry (ShequMapColouring *self,
                   guint              n_units)
{
  ShequColour grey;

  if (n_units == 0)
    return;
  shequ_colour_get_no_data (&grey);
  add_entry (self, &grey, g_strdup (C_("map legend", "No data")), n_units);
}

/* A categorical measure: each category its colour; the legend lists the categories
 * that have units, in the measure's order. */
static void
colour_by_category (ShequMapColouring *self,
                    guint              n_fills)
{
  guint n_categories = shequ_measure_get_n_categories (self->measure);
  g_autofree guint *counts = g_new0 (guint, n_categories);
  guint no_data = 0;

  for (guint i = 0; i < n_fills; i++)
    {
      Fill *fill = &self->fills[i];
      double v = fill->value;

      /* A value that names no category is a measure's bug: shown as no data. */
      if (fill->has_data && !(v >= 0 && v < n_categories && v == floor (v)))
        fill->has_data = FALSE;
      if (!fill->has_data)
        {
          shequ_colour_get_no_data (&fill->colour);
          no_data++;
          continue;
        }
      shequ_measure_get_category_colour (self->measure, (guint) v, &fill->colour);
      counts[(guint) v]++;
    }
  for (guint c = 0; c < n_categories; c++)
    {
      ShequColour colour;

      if (counts[c] == 0)
        continue;
      shequ_measure_get_category_colour (self->measure, c, &colour);
      add_entry (self, &colour, g_strdup (shequ_measure_get_category_label (self->measure, c)),
                 counts[c]);
    }
  add_no_data_entry (self, no_data);
}

/* The decimals that tell the classes apart: none for whole numbers, else what the width
 * of a class needs, and more while two different breaks would read the same. */
static guint
choose_decimals (const double *values,
                 guint         n_values,
                 const double *breaks,
                 guint         n_classes)
{
  gboolean whole = TRUE;
  double width = (breaks[n_classes] - breaks[0]) / n_classes;
  guint decimals;

  for (guint i = 0; i < n_values && whole; i++)
    whole = values[i] == floor (values[i]);
  if (whole && breaks[0] == floor (breaks[0]))
    {
      gboolean breaks_whole = TRUE;

      for (guint i = 0; i <= n_classes; i++)
        breaks_whole = breaks_whole && breaks[i] == floor (breaks[i]);
      if (breaks_whole || width >= 10)
        return 0;
    }
  decimals = width >= 10 ? 0 : width >= 1 ? 1 : 2;
  for (; decimals < 6; decimals++)
    {
      gboolean distinct = TRUE;

      for (guint i = 0; i < n_classes && distinct; i++)
        {
          g_autofree char *a = shequ_measure_format_number (breaks[i], decimals);
          g_autofree char *b = shequ_measure_format_number (breaks[i + 1], decimals);

          distinct = breaks[i] == breaks[i + 1] || g_strcmp0 (a, b) != 0;
        }
      if (distinct)
        break;
    }
  return decimals;
}

/* V to DIGITS significant digits from 1,000 up (0: as it is): a density of 23,398.7 per
 * km² reads 23,400, without a precision the figures do not have. */
static double
round_significant (double v,
                   guint  digits)
{
  double scale;

  if (digits == 0 || fabs (v) < 1000)
    return v;
  scale = pow (10, floor (log10 (fabs (v))) + 1 - digits);
  return round (v / scale) * scale;
}

/* Rounded to significant digits, a number has no decimals. */
static char *
format_rounded (double v,
                guint  decimals,
                guint  digits)
{
  if (digits > 0 && fabs (v) >= 1000)
    return shequ_measure_format_number (round_significant (v, digits), 0);
  return shequ_measure_format_number (v, decimals);
}

/* The label of the range LO – HI with DECIMALS and DIGITS significant digits; COLLAPSED
 * (nullable) tells whether two different numbers came out the same. */
static char *
format_range (double    lo,
              double    hi,
              guint     decimals,
              guint     digits,
              gboolean *collapsed)
{
  g_autofree char *a = format_rounded (lo, decimals, digits);
  g_autofree char *b = format_rounded (hi, decimals, digits);

  if (collapsed != NULL)
    *collapsed = lo != hi && g_strcmp0 (a, b) == 0;
  if (g_strcmp0 (a, b) == 0)
    return g_steal_pointer (&a);
  /* Translators: a class of values in the map's legend: “1,000 – 2,500” */
  return g_strdup_printf (C_("legend range", "%s – %s"), a, b);
}

/* LABELS[c] for the range LOS[c] – HIS[c]; FALSE when rounding to DIGITS made two labels
 * the same, or a range of two values one number. */
static gboolean
make_labels (const double *los,
             const double *his,
             guint         n,
             guint         decimals,
             guint         digits,
             char        **labels)
{
  gboolean distinct = TRUE;

  for (guint c = 0; c < n; c++)
    {
      gboolean collapsed;

      labels[c] = format_range (los[c], his[c], decimals, digits, &collapsed);
      distinct = distinct && !collapsed;
      for (guint d = 0; d < c; d++)
        distinct = distinct && g_strcmp0 (labels[c], labels[d]) != 0;
    }
  if (!distinct)
    for (guint c = 0; c < n; c++)
      g_clear_pointer (&labels[c], g_free);
  return distinct;
}

/* Whole numbers (people, households) exactly; others to 3 significant digits, or 4, or
 * as they are when fewer would make two classes read alike. */
static void
label_classes (const double *los,
               const double *his,
               guint         n,
               gboolean      whole,
               guint         decimals,
               char        **labels)
{
  static const guint tries[] = { 3, 4 };

  if (!whole)
    for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
      if (make_labels (los, his, n, decimals, tries[i], labels))
        return;
  for (guint c = 0; c < n; c++)
    labels[c] = format_range (los[c], his[c], decimals, 0, NULL);
}

/* A numeric measure, classed over the units that have data. Equal intervals are labelled
 * by their bounds; quantile and Jenks classes, which follow the data, by the least and
 * greatest value they hold. */
static void
colour_by_class (ShequMapColouring *self,
                 guint              n_fills,
                 ShequClassMethod   method,
                 guint              n_classes,
                 ShequPalette       palette)
{
  g_autofree double *values = g_new (double, MAX (n_fills, 1));
  double breaks[SHEQU_CLASS_MAX + 1];
  double lows[SHEQU_CLASS_MAX], highs[SHEQU_CLASS_MAX];
  char *labels[SHEQU_CLASS_MAX];
  guint counts[SHEQU_CLASS_MAX] = { 0 };
  guint n_values = 0, no_data = 0, n;
  gboolean whole = TRUE;

  for (guint i = 0; i < n_fills; i++)
    if (self->fills[i].has_data)
      {
        values[n_values++] = self->fills[i].value;
        whole = whole && self->fills[i].value == floor (self->fills[i].value);
      }
  n = shequ_classify (values, n_values, method, n_classes, breaks);
  for (guint i = 0; i < n_fills; i++)
    {
      Fill *fill = &self->fills[i];
      guint c;

      if (!fill->has_data)
        {
          shequ_colour_get_no_data (&fill->colour);
          no_data++;
          continue;
        }
      c = shequ_classify_find (breaks, n, fill->value);
      shequ_palette_get_colour (palette, n, c, &fill->colour);
      lows[c] = counts[c] == 0 ? fill->value : MIN (lows[c], fill->value);
      highs[c] = counts[c] == 0 ? fill->value : MAX (highs[c], fill->value);
      counts[c]++;
    }
  for (guint c = 0; c < n; c++)
    if (method == SHEQU_CLASS_EQUAL || counts[c] == 0)
      {
        lows[c] = breaks[c];
        highs[c] = breaks[c + 1];
      }
  if (n > 0)
    label_classes (lows, highs, n, whole && method != SHEQU_CLASS_EQUAL,
                   choose_decimals (values, n_values, breaks, n), labels);
  for (guint c = 0; c < n; c++)
    {
      ShequColour colour;

      shequ_palette_get_colour (palette, n, c, &colour);
      add_entry (self, &colour, labels[c], counts[c]);
    }
  add_no_data_entry (self, no_data);
}

ShequMapColouring *
shequ_map_colouring_new (ShequOrgStore    *store,
                         ShequMap         *map,
                         ShequMeasure     *measure,
                         guint             depth,
                         ShequClassMethod  method,
                         guint             n_classes,
                         ShequPalette      palette)
{
  ShequMapColouring *self;
  guint n_items, n_fills = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);
  g_return_val_if_fail (SHEQU_IS_MAP (map), NULL);
  g_return_val_if_fail (SHEQU_IS_MEASURE (measure), NULL);
  g_return_val_if_fail (depth != G_MAXUINT, NULL);
  g_return_val_if_fail (method <= SHEQU_CLASS_JENKS, NULL);
  g_return_val_if_fail (n_classes >= SHEQU_CLASS_MIN && n_classes <= SHEQU_CLASS_MAX, NULL);
  g_return_val_if_fail (palette < SHEQU_N_PALETTES, NULL);

  self = colouring_new (map, measure, depth);
  n_items = shequ_map_get_n_items (map);
  self->fills = g_new0 (Fill, MAX (n_items, 1));
  self->by_unit = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_items; i++)
    {
      const ShequMapItem *item = shequ_map_get_item (map, i);
      ShequUnit *unit;
      Fill *fill;

      if (item->depth != depth)
        continue;
      fill = &self->fills[n_fills++];
      fill->unit_id = item->unit_id;
      unit = shequ_org_store_lookup_unit (store, item->unit_id);
      fill->has_data = unit != NULL && shequ_measure_get_value (measure, unit, &fill->value)
                       && isfinite (fill->value);
    }
  for (guint i = 0; i < n_fills; i++)
    g_hash_table_insert (self->by_unit, &self->fills[i].unit_id, &self->fills[i]);

  if (shequ_measure_get_n_categories (measure) > 0)
    colour_by_category (self, n_fills);
  else
    colour_by_class (self, n_fills, method, n_classes, palette);
  return self;
}

ShequMapColouring *
shequ_map_colouring_new_tiers (ShequMap *map)
{
  g_autoptr(ShequMeasure) tier = shequ_measure_new_builtin ("tier", NULL, NULL);
  ShequMapColouring *self;
  guint counts[SHEQU_N_TIERS] = { 0 };
  guint tries[SHEQU_N_TIERS] = { 0 };
  gboolean shown[SHEQU_N_TIERS] = { FALSE };

  g_return_val_if_fail (SHEQU_IS_MAP (map), NULL);

  /* Made for every drawing that has no colouring of its own: the fills come from the
   * map's items as they are asked for, only the legend's counts are made here. */
  self = colouring_new (map, tier, G_MAXUINT);
  for (guint i = 0; i < shequ_map_get_n_items (map); i++)
    {
      const ShequMapItem *item = shequ_map_get_item (map, i);

      counts[item->tier]++;
      /* A tier's fill shows where one of its units is the innermost: not a street, an
       * area or a community whose children cover it. A few tries a tier keep this cheap
       * on a map of thousands of units. */
      if (!shown[item->tier] && tries[item->tier]++ < 16)
        shown[item->tier] = shequ_map_hit (map, item->label_point) == item;
    }
  for (guint t = 0; t < SHEQU_N_TIERS; t++)
    {
      ShequColour colour;

      if (counts[t] == 0 || !shown[t])
        continue;
      shequ_measure_get_category_colour (tier, t, &colour);
      add_entry (self, &colour, g_strdup (shequ_measure_get_category_label (tier, t)),
                 counts[t]);
    }
  return self;
}

ShequMapColouring *
shequ_map_colouring_ref (ShequMapColouring *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
shequ_map_colouring_unref (ShequMapColouring *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->by_unit, g_hash_table_unref);
      g_clear_pointer (&self->legend, g_array_unref);
      g_object_unref (self->measure);
      g_object_unref (self->map);
      g_free (self->fills);
      g_free (self->title);
      g_free (self);
    }
}

guint
shequ_map_colouring_get_depth (ShequMapColouring *self)
{
  g_return_val_if_fail (self != NULL, G_MAXUINT);
  return self->depth;
}

ShequMeasure *
shequ_map_colouring_get_measure (ShequMapColouring *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->measure;
}

gboolean
shequ_map_colouring_get_fill (ShequMapColouring *self,
                              gint64             unit_id,
                              ShequColour       *colour)
{
  const ShequMapItem *item;
  const Fill *fill;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (colour != NULL, FALSE);

  if (self->by_unit != NULL)
    {
      fill = g_hash_table_lookup (self->by_unit, &unit_id);
      if (fill == NULL)
        return FALSE;
      *colour = fill->colour;
      return TRUE;
    }
  item = shequ_map_lookup_unit (self->map, unit_id);
  if (item == NULL)
    return FALSE;
  shequ_measure_get_category_colour (self->measure, item->tier, colour);
  return TRUE;
}

char *
shequ_map_colouring_format_value (ShequMapColouring *self,
                                  gint64             unit_id)
{
  const ShequMapItem *item;
  const Fill *fill;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->by_unit == NULL)
    {
      item = shequ_map_lookup_unit (self->map, unit_id);
      return item != NULL ? g_strdup (shequ_tier_get_label (item->tier)) : NULL;
    }
  fill = g_hash_table_lookup (self->by_unit, &unit_id);
  if (fill == NULL)
    return NULL;
  if (!fill->has_data)
    return g_strdup (C_("map legend", "No data"));
  return shequ_measure_format_value (self->measure, fill->value);
}

const char *
shequ_map_colouring_get_title (ShequMapColouring *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

guint
shequ_map_colouring_get_n_legend_entries (ShequMapColouring *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->legend->len;
}

const ShequLegendEntry *
shequ_map_colouring_get_legend_entry (ShequMapColouring *self,
                                      guint              position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->legend->len, NULL);
  return &g_array_index (self->legend, ShequLegendEntry, position);
}
