/* shequ-trend-chart.c — a widget drawing a ShequChart (a target's totals across periods) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-trend-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-trend-chart.h"

struct _ShequTrendChart
{
  GtkWidget   parent_instance;

  ShequChart *chart;
  GArray     *values;   /* double */
};

G_DEFINE_FINAL_TYPE (ShequTrendChart, shequ_trend_chart, GTK_TYPE_WIDGET)

#define MIN_WIDTH 320
#define MIN_HEIGHT 200

/* The theme's text colour says whether the chart is drawn light on dark. */
static gboolean
is_dark (GtkWidget *widget)
{
  GdkRGBA colour;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue > 0.5;
}

static void
shequ_trend_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  ShequTrendChart *self = SHEQU_TREND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoContext *context;
  const PangoFontDescription *font;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  context = gtk_widget_get_pango_context (widget);
  font = pango_context_get_font_description (context);
  shequ_chart_set_font (self->chart, font != NULL ? pango_font_description_get_family (font) : NULL,
                        font != NULL && pango_font_description_get_size (font) > 0
                        ? pango_font_description_get_size (font) / (double) PANGO_SCALE * 96.0 / 72.0
                        : 13.0);
  shequ_chart_set_dark (self->chart, is_dark (widget));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  shequ_chart_draw (self->chart, cr, 0, 0, width, height);
  cairo_destroy (cr);
}

static void
shequ_trend_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? MIN_WIDTH : MIN_HEIGHT;
}

static void
shequ_trend_chart_finalize (GObject *object)
{
  ShequTrendChart *self = SHEQU_TREND_CHART (object);

  g_clear_pointer (&self->chart, shequ_chart_free);
  g_clear_pointer (&self->values, g_array_unref);
  G_OBJECT_CLASS (shequ_trend_chart_parent_class)->finalize (object);
}

static void
shequ_trend_chart_class_init (ShequTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shequ_trend_chart_finalize;
  widget_class->snapshot = shequ_trend_chart_snapshot;
  widget_class->measure = shequ_trend_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "shequ-trend-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
shequ_trend_chart_init (ShequTrendChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("evaluation page", "Trend"), -1);
}

GtkWidget *
shequ_trend_chart_new (void)
{
  return g_object_new (SHEQU_TYPE_TREND_CHART, NULL);
}

void
shequ_trend_chart_set_series (ShequTrendChart   *self,
                              const char *const *labels,
                              const double      *values,
                              guint              n_periods,
                              double             green_min,
                              double             orange_min)
{
  g_autofree char *description = NULL;

  g_return_if_fail (SHEQU_IS_TREND_CHART (self));
  g_return_if_fail (n_periods == 0 || (labels != NULL && values != NULL));

  g_clear_pointer (&self->chart, shequ_chart_free);
  g_array_set_size (self->values, 0);
  if (n_periods > 0)
    {
      self->chart = shequ_chart_new ();
      shequ_chart_set_periods (self->chart, labels, n_periods);
      shequ_chart_set_bands (self->chart, green_min, orange_min);
      shequ_chart_add_series (self->chart, NULL, values);
      g_array_append_vals (self->values, values, n_periods);
      description = shequ_chart_describe (self->chart);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const double *
shequ_trend_chart_get_values (ShequTrendChart *self,
                              guint           *n_periods)
{
  g_return_val_if_fail (SHEQU_IS_TREND_CHART (self), NULL);

  if (n_periods != NULL)
    *n_periods = self->values->len;
  return (const double *) self->values->data;
}

ShequChart *
shequ_trend_chart_get_chart (ShequTrendChart *self)
{
  g_return_val_if_fail (SHEQU_IS_TREND_CHART (self), NULL);
  return self->chart;
}
