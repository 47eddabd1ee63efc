/* test-chart.c — the trend chart: points where their values say, coloured by band */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-chart.h"
#include "shequ-test-units.h"

#define W 640
#define H 320

static const char *const periods[] = { "2026Q1", "2026Q2", "2026Q3", "2026Q4" };

static cairo_surface_t *
draw_chart (ShequChart *chart)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  shequ_chart_draw (chart, cr, 10, 10, W - 20, H - 20);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (int) floor (y) * stride + 4 * (int) floor (x)) & 0xffffff;
}

static guint32
band_rgb (ShequBand band)
{
  ShequColour c;

  shequ_band_get_colour (band, &c);
  return ((guint32) lround (c.red * 255) << 16) | ((guint32) lround (c.green * 255) << 8)
         | (guint32) lround (c.blue * 255);
}

static void
test_points (void)
{
  g_autoptr(ShequChart) chart = shequ_chart_new ();
  static const double values[] = { 72.5, 90.0, NAN, 64.0 };
  cairo_surface_t *surface;
  double x[4], y[4];

  shequ_chart_set_title (chart, "Trend");
  shequ_chart_set_periods (chart, periods, 4);
  shequ_chart_add_series (chart, NULL, values);
  g_assert_false (shequ_chart_get_point (chart, 0, 0, &x[0], &y[0]));

  surface = draw_chart (chart);
  for (guint i = 0; i < 4; i++)
    {
      if (i == 2)
        {
          g_assert_false (shequ_chart_get_point (chart, 0, i, &x[i], &y[i]));
          continue;
        }
      g_assert_true (shequ_chart_get_point (chart, 0, i, &x[i], &y[i]));
      g_assert_cmpfloat (x[i], >, 10);
      g_assert_cmpfloat (x[i], <, W - 10);
      g_assert_cmpfloat (y[i], >, 10);
      g_assert_cmpfloat (y[i], <, H - 10);
    }
  /* Left to right in period order; a higher value higher on screen. */
  g_assert_cmpfloat (x[0], <, x[1]);
  g_assert_cmpfloat (x[1], <, x[3]);
  g_assert_cmpfloat (y[1], <, y[0]);
  g_assert_cmpfloat (y[0], <, y[3]);
  /* Each point is filled with its band's colour. */
  g_assert_cmphex (pixel_at (surface, x[1], y[1]), ==, band_rgb (SHEQU_BAND_GREEN));
  g_assert_cmphex (pixel_at (surface, x[0], y[0]), ==, band_rgb (SHEQU_BAND_ORANGE));
  g_assert_cmphex (pixel_at (surface, x[3], y[3]), ==, band_rgb (SHEQU_BAND_RED));
  g_assert_false (shequ_chart_get_point (chart, 1, 0, NULL, NULL));
  g_assert_false (shequ_chart_get_point (chart, 0, 4, NULL, NULL));
  cairo_surface_destroy (surface);
}

/* The boundaries move the points' colours and the tinted bands behind them. */
static void
test_band_rule (void)
{
  g_autoptr(ShequChart) chart = shequ_chart_new ();
  static const double values[] = { 80.0, 80.0, 80.0, 80.0 };
  cairo_surface_t *surface;
  double x0, y0, x1, y1;

  shequ_chart_set_periods (chart, periods, 4);
  shequ_chart_set_bands (chart, 75.0, 60.0);
  shequ_chart_add_series (chart, NULL, values);
  surface = draw_chart (chart);
  g_assert_true (shequ_chart_get_point (chart, 0, 0, &x0, &y0));
  g_assert_true (shequ_chart_get_point (chart, 0, 3, &x1, &y1));
  g_assert_cmpfloat_with_epsilon (y0, y1, 1e-9);
  g_assert_cmphex (pixel_at (surface, x0, y0), ==, band_rgb (SHEQU_BAND_GREEN));
  /* Behind the line, between the points, a tint: neither white nor the line. */
  g_assert_cmphex (pixel_at (surface, (x0 + x1) / 2, y0 - 20), !=, 0xffffff);
  cairo_surface_destroy (surface);
}

static void
test_several_series (void)
{
  g_autoptr(ShequChart) chart = shequ_chart_new ();
  static const double a[] = { 88.0, 86.0, 84.0, 82.0 };
  static const double b[] = { 60.0, 65.0, 70.0, 75.0 };
  cairo_surface_t *surface;
  double xa, ya, xb, yb;

  shequ_chart_set_periods (chart, periods, 4);
  g_assert_cmpuint (shequ_chart_add_series (chart, "A", a), ==, 0);
  g_assert_cmpuint (shequ_chart_add_series (chart, "B", b), ==, 1);
  surface = draw_chart (chart);
  g_assert_true (shequ_chart_get_point (chart, 0, 2, &xa, &ya));
  g_assert_true (shequ_chart_get_point (chart, 1, 2, &xb, &yb));
  g_assert_cmpfloat_with_epsilon (xa, xb, 1e-9);
  g_assert_cmpfloat (ya, <, yb);
  g_assert_cmphex (pixel_at (surface, xb, yb), ==, band_rgb (SHEQU_BAND_ORANGE));
  cairo_surface_destroy (surface);
}

/* Sixty periods with long labels in a narrow chart: every point still inside. */
static void
test_many_periods (void)
{
  g_autoptr(ShequChart) chart = shequ_chart_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  double values[60];
  cairo_surface_t *surface;

  for (guint i = 0; i < 60; i++)
    {
      g_ptr_array_add (labels, g_strdup_printf ("2026年第%u期", i + 1));
      values[i] = 50.0 + (i * 7) % 50;
    }
  shequ_chart_set_periods (chart, (const char *const *) labels->pdata, 60);
  shequ_chart_add_series (chart, NULL, values);
  surface = draw_chart (chart);
  for (guint i = 0; i < 60; i++)
    {
      double x, y;

      g_assert_true (shequ_chart_get_point (chart, 0, i, &x, &y));
      g_assert_cmpfloat (x, >, 10);
      g_assert_cmpfloat (x, <, W - 10);
      g_assert_cmpfloat (y, >, 10);
      g_assert_cmpfloat (y, <, H - 10);
    }
  cairo_surface_destroy (surface);
}

static void
test_lookup (void)
{
  g_autoptr(ShequChart) chart = shequ_chart_new ();
  static const double a[] = { 88.0, 86.0, NAN, 82.0 };
  static const double b[] = { 60.0, 65.0, 70.0, 75.0 };
  cairo_surface_t *surface;
  guint series = 99, period = 99;
  double x, y, bx, by;

  shequ_chart_set_periods (chart, periods, 4);
  shequ_chart_add_series (chart, "A", a);
  shequ_chart_add_series (chart, "B", b);
  g_assert_false (shequ_chart_lookup_point (chart, 100, 100, 1000, &series, &period));
  surface = draw_chart (chart);

  g_assert_true (shequ_chart_get_point (chart, 0, 1, &x, &y));
  g_assert_true (shequ_chart_lookup_point (chart, x + 2, y - 2, 6, &series, &period));
  g_assert_cmpuint (series, ==, 0);
  g_assert_cmpuint (period, ==, 1);
  /* Where A has no point, B's is the nearest. */
  g_assert_true (shequ_chart_get_point (chart, 1, 2, &bx, &by));
  g_assert_true (shequ_chart_lookup_point (chart, bx, by - 30, 40, &series, &period));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpuint (period, ==, 2);
  g_assert_false (shequ_chart_lookup_point (chart, bx, by - 30, 10, NULL, NULL));
  cairo_surface_destroy (surface);
}

static void
test_describe (void)
{
  g_autoptr(ShequChart) chart = shequ_chart_new ();
  static const double values[] = { 86.5, 84.99, NAN, 69.0 };
  g_autofree char *text = NULL;

  shequ_chart_set_periods (chart, periods, 4);
  shequ_chart_add_series (chart, NULL, values);
  text = shequ_chart_describe (chart);
  g_assert_nonnull (strstr (text, "2026Q1 86.5 Green"));
  g_assert_nonnull (strstr (text, "2026Q2 84.99 Orange"));
  g_assert_nonnull (strstr (text, "2026Q3 Not graded"));
  g_assert_nonnull (strstr (text, "2026Q4 69 Red"));
}

static void
test_describe_chinese (void)
{
  g_autoptr(ShequChart) chart = shequ_chart_new ();
  static const char *const zh_periods[] = { "2026年第一季度", "2026年第二季度" };
  static const double values[] = { 86.5, NAN };
  g_autofree char *text = NULL;

  if (!shequ_test_use_chinese ())
    return;
  shequ_chart_set_periods (chart, zh_periods, 2);
  shequ_chart_add_series (chart, NULL, values);
  text = shequ_chart_describe (chart);
  g_assert_cmpstr (text, ==, "2026年第一季度 86.5 绿, 2026年第二季度 未评定");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/points", test_points);
  g_test_add_func ("/chart/band-rule", test_band_rule);
  g_test_add_func ("/chart/several-series", test_several_series);
  g_test_add_func ("/chart/many-periods", test_many_periods);
  g_test_add_func ("/chart/lookup", test_lookup);
  g_test_add_func ("/chart/describe", test_describe);
  g_test_add_func ("/chart/describe-chinese", test_describe_chinese);

  return g_test_run ();
}
