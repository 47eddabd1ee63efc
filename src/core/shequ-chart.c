/* SKELETON: stubs generated from shequ-chart.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-chart.h"

ShequChart *
shequ_chart_new (void)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_chart_free (ShequChart *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_chart_set_title (ShequChart *self, const char *title)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_chart_set_periods (ShequChart *self, const char *const *labels, guint n_periods)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_chart_set_bands (ShequChart *self, double green_min, double orange_min)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

guint
shequ_chart_add_series (ShequChart *self, const char *name, const double *values)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

void
shequ_chart_set_font (ShequChart *self, const char *family, double size)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_chart_set_dark (ShequChart *self, gboolean dark)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_chart_draw (ShequChart *self, cairo_t *cr, double x, double y, double width, double height)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

gboolean
shequ_chart_get_point (ShequChart *self, guint series, guint period, double *x, double *y)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

char *
shequ_chart_describe (ShequChart *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}
