/* shequ-measure.c — one number (or category) per unit, for colouring a map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-measure"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shequ-measure.h"
#include "shequ-text.h"

G_DEFINE_INTERFACE (ShequMeasure, shequ_measure, G_TYPE_OBJECT)

static guint
shequ_measure_real_get_n_categories (ShequMeasure *self)
{
  return 0;
}

static void
shequ_measure_default_init (ShequMeasureInterface *iface)
{
  iface->get_n_categories = shequ_measure_real_get_n_categories;
}

const char *
shequ_measure_get_id (ShequMeasure *self)
{
  g_return_val_if_fail (SHEQU_IS_MEASURE (self), NULL);
  return SHEQU_MEASURE_GET_IFACE (self)->get_id (self);
}

const char *
shequ_measure_get_name (ShequMeasure *self)
{
  g_return_val_if_fail (SHEQU_IS_MEASURE (self), NULL);
  return SHEQU_MEASURE_GET_IFACE (self)->get_name (self);
}

const char *
shequ_measure_get_unit_label (ShequMeasure *self)
{
  ShequMeasureInterface *iface;

  g_return_val_if_fail (SHEQU_IS_MEASURE (self), NULL);
  iface = SHEQU_MEASURE_GET_IFACE (self);
  return iface->get_unit_label != NULL ? iface->get_unit_label (self) : "";
}

gboolean
shequ_measure_get_value (ShequMeasure *self,
                         ShequUnit    *unit,
                         double       *value)
{
  g_return_val_if_fail (SHEQU_IS_MEASURE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  return SHEQU_MEASURE_GET_IFACE (self)->get_value (self, unit, value);
}

guint
shequ_measure_get_n_categories (ShequMeasure *self)
{
  g_return_val_if_fail (SHEQU_IS_MEASURE (self), 0);
  return SHEQU_MEASURE_GET_IFACE (self)->get_n_categories (self);
}

const char *
shequ_measure_get_category_label (ShequMeasure *self,
                                  guint         category)
{
  ShequMeasureInterface *iface;

  g_return_val_if_fail (SHEQU_IS_MEASURE (self), NULL);
  g_return_val_if_fail (category < shequ_measure_get_n_categories (self), NULL);
  iface = SHEQU_MEASURE_GET_IFACE (self);
  return iface->get_category_label (self, category);
}

void
shequ_measure_get_category_colour (ShequMeasure *self,
                                   guint         category,
                                   ShequColour  *colour)
{
  g_return_if_fail (SHEQU_IS_MEASURE (self));
  g_return_if_fail (category < shequ_measure_get_n_categories (self));
  g_return_if_fail (colour != NULL);
  SHEQU_MEASURE_GET_IFACE (self)->get_category_colour (self, category, colour);
}

char *
shequ_measure_format_value (ShequMeasure *self,
                            double        value)
{
  ShequMeasureInterface *iface;
  g_autofree char *number = NULL;
  const char *unit_label;
  guint n_categories;

  g_return_val_if_fail (SHEQU_IS_MEASURE (self), NULL);
  g_return_val_if_fail (isfinite (value), NULL);

  n_categories = shequ_measure_get_n_categories (self);
  if (n_categories > 0)
    {
      guint category = value <= 0 ? 0 : value >= n_categories - 1 ? n_categories - 1
                                                                      : (guint) value;

      return g_strdup (shequ_measure_get_category_label (self, category));
    }
  iface = SHEQU_MEASURE_GET_IFACE (self);
  if (iface->format_value != NULL)
    return iface->format_value (self, value);
  number = shequ_measure_format_number (value, shequ_measure_guess_decimals (value));
  unit_label = shequ_measure_get_unit_label (self);
  if (unit_label == NULL || *unit_label == '\0')
    return g_steal_pointer (&number);
  /* Translators: a number and its unit in a tooltip: “3,215 人/平方公里” */
  return g_strdup_printf (C_("value with unit", "%s %s"), number, unit_label);
}

guint
shequ_measure_guess_decimals (double value)
{
  double size = fabs (value);

  g_return_val_if_fail (isfinite (value), 0);

  if (size >= 100 || size == floor (size))
    return 0;
  return size >= 10 ? 1 : 2;
}

char *
shequ_measure_format_number (double value,
                             guint  decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];
  char format[8];
  g_autofree char *grouped = NULL;
  const char *point;
  double whole;

  g_return_val_if_fail (isfinite (value), NULL);
  g_return_val_if_fail (decimals <= 6, NULL);

  /* Beyond what 64 bits group (no unit's figure comes near): as printf writes it. */
  if (fabs (value) >= 1e18)
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, fabs (value));
  point = strchr (buffer, '.');
  whole = g_ascii_strtod (buffer, NULL);
  grouped = shequ_text_format_count ((guint64) floor (whole));
  /* "-0" never: the sign only when the rounded number is not zero. */
  return g_strdup_printf ("%s%s%s", value < 0 && whole > 0 ? "-" : "", grouped,
                          point != NULL ? point : "");
}
