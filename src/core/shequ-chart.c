/* shequ-chart.c — a trend chart of totals across periods, drawn with Cairo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "shequ-chart-private.h"

/* Chinese glyph forms for the period labels whatever the UI's language, as on the map. */
#define DEFAULT_FONT "Noto Sans CJK SC, Noto Sans CJK, sans-serif"

static void
series_free (gpointer data)
{
  ShequChartSeries *series = data;

  g_free (series->name);
  g_free (series->values);
  g_free (series);
}

ShequChart *
shequ_chart_new (void)
{
  ShequChart *self = g_new0 (ShequChart, 1);

  self->periods = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->green_min = 85.0;
  self->orange_min = 70.0;
  self->size = 12.0;
  return self;
}

void
shequ_chart_free (ShequChart *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_ptr_array_unref (self->periods);
  g_ptr_array_unref (self->series);
  g_free (self->family);
  g_clear_object (&self->pango);
  g_free (self->points);
  g_free (self);
}

static void
forget_points (ShequChart *self)
{
  self->drawn = FALSE;
  g_clear_pointer (&self->points, g_free);
}

void
shequ_chart_set_title (ShequChart *self,
                       const char *title)
{
  g_return_if_fail (self != NULL);
  g_free (self->title);
  self->title = g_strdup (title);
}

void
shequ_chart_set_periods (ShequChart        *self,
                         const char *const *labels,
                         guint              n_periods)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (labels != NULL || n_periods == 0);

  g_ptr_array_set_size (self->periods, 0);
  g_ptr_array_set_size (self->series, 0);
  for (guint i = 0; i < n_periods; i++)
    g_ptr_array_add (self->periods, g_strdup (labels[i] != NULL ? labels[i] : ""));
  forget_points (self);
}

void
shequ_chart_set_bands (ShequChart *self,
                       double      green_min,
                       double      orange_min)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (green_min > orange_min);
  self->green_min = green_min;
  self->orange_min = orange_min;
}

guint
shequ_chart_add_series (ShequChart   *self,
                        const char   *name,
                        const double *values)
{
  ShequChartSeries *series;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (values != NULL || self->periods->len == 0, 0);

  series = g_new0 (ShequChartSeries, 1);
  series->name = g_strdup (name);
  series->values = g_memdup2 (values, sizeof (double) * MAX (self->periods->len, 1));
  g_ptr_array_add (self->series, series);
  forget_points (self);
  return self->series->len - 1;
}

void
shequ_chart_set_font (ShequChart *self,
                      const char *family,
                      double      size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (size > 0);
  g_free (self->family);
  self->family = g_strdup (family);
  self->size = size;
}

void
shequ_chart_set_dark (ShequChart *self,
                      gboolean    dark)
{
  g_return_if_fail (self != NULL);
  self->dark = !!dark;
}

/* ---- Text ---------------------------------------------------------------------- */

static PangoContext *
ensure_pango (ShequChart *self)
{
  if (self->pango == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      /* Unhinted metrics at a fixed resolution: the chart measures alike on screen and
       * in the PDF. */
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->pango, options);
      cairo_font_options_destroy (options);
      pango_cairo_context_set_resolution (self->pango, 96);
      pango_context_set_round_glyph_positions (self->pango, FALSE);
      pango_context_set_language (self->pango, pango_language_from_string ("zh-cn"));
    }
  return self->pango;
}

PangoLayout *
shequ_chart_new_layout (ShequChart *self,
                        const char *text,
                        double      scale,
                        gboolean    bold)
{
  PangoLayout *layout = pango_layout_new (ensure_pango (self));
  PangoFontDescription *font;

  font = pango_font_description_from_string (self->family != NULL ? self->family : DEFAULT_FONT);
  pango_font_description_set_absolute_size (font, self->size * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

void
shequ_chart_layout_size (PangoLayout *layout,
                         double      *width,
                         double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* A total as the chart shows it: no more decimals than it has ("86.5", "85",
 * "84.99"), so a value just below a boundary never reads as the boundary. */
char *
shequ_chart_format_value (double value)
{
  char *text = shequ_eval_format_total (value, 2);

  if (strchr (text, '.') != NULL)
    {
      char *end = text + strlen (text) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  return text;
}

/* ---- Colours ------------------------------------------------------------------- */

void
shequ_chart_set_source (cairo_t           *cr,
                        const ShequColour *colour,
                        double             alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, alpha);
}

void
shequ_chart_get_foreground (ShequChart  *self,
                            ShequColour *colour)
{
  shequ_colour_init_rgb (colour, self->dark ? 0xe6e9ec : 0x2c3e50);
}

void
shequ_chart_get_background (ShequChart  *self,
                            ShequColour *colour)
{
  shequ_colour_init_rgb (colour, self->dark ? 0x242424 : 0xffffff);
}

/* Line colours that stay apart from the bands' green, orange and red, and a dash
 * pattern per series so they stay apart in grey print too. */
void
shequ_chart_apply_series_style (ShequChart *self,
                                guint       index,
                                cairo_t    *cr)
{
  static const guint32 light[] = { 0x2c3e50, 0x2471a3, 0x7d3c98, 0x717d7e, 0x1b4f72 };
  static const guint32 dark[] = { 0xe6e9ec, 0x5dade2, 0xbb8fce, 0xaab7b8, 0x85c1e9 };
  static const double dashes[][2] = { { 0, 0 }, { 6, 3 }, { 2, 3 }, { 9, 3 } };
  ShequColour colour;
  guint k = index % G_N_ELEMENTS (light);
  guint d = index % G_N_ELEMENTS (dashes);
  double unit = self->size / 12.0;

  shequ_colour_init_rgb (&colour, self->dark ? dark[k] : light[k]);
  shequ_chart_set_source (cr, &colour, 1.0);
  cairo_set_line_width (cr, 2.0 * unit);
  if (d == 0)
    cairo_set_dash (cr, NULL, 0, 0);
  else
    {
      double pattern[2] = { dashes[d][0] * unit, dashes[d][1] * unit };

      cairo_set_dash (cr, pattern, 2, 0);
    }
}

/* ---- Geometry ------------------------------------------------------------------ */

static void
value_range (ShequChart *self,
             double     *y_min,
             double     *y_max)
{
  double lowest = self->orange_min, highest = 100.0;

  for (guint s = 0; s < self->series->len; s++)
    {
      const ShequChartSeries *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < self->periods->len; i++)
        if (!isnan (series->values[i]))
          {
            lowest = MIN (lowest, series->values[i]);
            highest = MAX (highest, series->values[i]);
          }
    }
  /* Room below the orange boundary so the red band shows, in steps of ten. */
  *y_min = MAX (0.0, floor ((lowest - 5.0) / 10.0) * 10.0);
  *y_max = ceil (highest / 10.0) * 10.0;
  if (*y_max <= *y_min)
    *y_max = *y_min + 10.0;
}

static double
value_to_y (const ShequChartGeometry *g,
            double                    value)
{
  return g->plot_y + g->plot_h * (1.0 - (value - g->y_min) / (g->y_max - g->y_min));
}

double
shequ_chart_period_to_x (const ShequChartGeometry *g,
                         guint                     period,
                         guint                     n_periods)
{
  return g->plot_x + g->plot_w * (period + 0.5) / MAX (n_periods, 1);
}

/* Lays out the chart in X, Y, W × H: the title and legend on top, the value axis
 * labels on the left, the period labels under the plot. */
static void
compute_geometry (ShequChart         *self,
                  double              x,
                  double              y,
                  double              w,
                  double              h,
                  ShequChartGeometry *g)
{
  double top = y, axis_w, label_h, tw, th;
  g_autoptr(PangoLayout) axis = shequ_chart_new_layout (self, "100", 0.85, FALSE);

  if (self->title != NULL && *self->title != '\0')
    {
      g_autoptr(PangoLayout) title = shequ_chart_new_layout (self, self->title, 1.15, TRUE);

      shequ_chart_layout_size (title, &tw, &th);
      top += th + self->size * 0.4;
    }
  top += shequ_chart_get_legend_height (self, w);
  /* Room above the top value for its label. */
  top += self->size * 1.6;

  shequ_chart_layout_size (axis, &tw, &th);
  axis_w = tw + self->size * 0.6;
  value_range (self, &g->y_min, &g->y_max);
  g->chart_x = x;
  g->chart_w = w;
  g->plot_x = x + axis_w;
  g->plot_w = MAX (1.0, w - axis_w - self->size * 0.5);
  label_h = shequ_chart_plan_period_labels (self, g, g->plot_w / MAX (self->periods->len, 1),
                                            h * 0.35);
  g->plot_y = top;
  g->plot_h = MAX (1.0, y + h - label_h - top);
}

/* ---- Drawing ------------------------------------------------------------------- */

static void
draw_bands (ShequChart               *self,
            cairo_t                  *cr,
            const ShequChartGeometry *g)
{
  double edges[] = { g->y_max, self->green_min, self->orange_min, g->y_min };
  ShequBand bands[] = { SHEQU_BAND_GREEN, SHEQU_BAND_ORANGE, SHEQU_BAND_RED };
  ShequColour colour;

  for (guint k = 0; k < G_N_ELEMENTS (bands); k++)
    {
      double top = CLAMP (edges[k], g->y_min, g->y_max);
      double bottom = CLAMP (edges[k + 1], g->y_min, g->y_max);

      if (top <= bottom)
        continue;
      shequ_band_get_colour (bands[k], &colour);
      shequ_chart_set_source (cr, &colour, self->dark ? 0.22 : 0.13);
      cairo_rectangle (cr, g->plot_x, value_to_y (g, top), g->plot_w,
                       value_to_y (g, bottom) - value_to_y (g, top));
      cairo_fill (cr);
    }

  /* The boundaries themselves, dashed in their band's colour. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  for (guint k = 1; k <= 2; k++)
    {
      if (edges[k] <= g->y_min || edges[k] >= g->y_max)
        continue;
      shequ_band_get_colour (bands[k - 1], &colour);
      shequ_chart_set_source (cr, &colour, 0.9);
      cairo_move_to (cr, g->plot_x, value_to_y (g, edges[k]));
      cairo_rel_line_to (cr, g->plot_w, 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Grid lines and their values every 10 (or 20, 25, 50 when the plot is short). */
static void
draw_value_axis (ShequChart               *self,
                 cairo_t                  *cr,
                 const ShequChartGeometry *g)
{
  static const double steps[] = { 5, 10, 20, 25, 50 };
  double per_point = g->plot_h / (g->y_max - g->y_min), step = 100.0;
  ShequColour fg;

  shequ_chart_get_foreground (self, &fg);
  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    if (steps[k] * per_point >= self->size * 2.0)
      {
        step = steps[k];
        break;
      }

  cairo_set_line_width (cr, 1.0);
  for (double v = ceil (g->y_min / step) * step; v <= g->y_max + 1e-9; v += step)
    {
      g_autofree char *text = shequ_chart_format_value (v);
      g_autoptr(PangoLayout) layout = shequ_chart_new_layout (self, text, 0.85, FALSE);
      double yy = round (value_to_y (g, v)) + 0.5, tw, th;

      shequ_chart_set_source (cr, &fg, 0.12);
      cairo_move_to (cr, g->plot_x, yy);
      cairo_rel_line_to (cr, g->plot_w, 0);
      cairo_stroke (cr);
      shequ_chart_layout_size (layout, &tw, &th);
      shequ_chart_set_source (cr, &fg, 0.75);
      cairo_move_to (cr, g->plot_x - tw - self->size * 0.4, yy - th / 2);
      pango_cairo_show_layout (cr, layout);
    }

  /* The base line. */
  shequ_chart_set_source (cr, &fg, 0.5);
  cairo_move_to (cr, g->plot_x, g->plot_y + g->plot_h);
  cairo_rel_line_to (cr, g->plot_w, 0);
  cairo_stroke (cr);
}

double
shequ_chart_point_radius (ShequChart               *self,
                          const ShequChartGeometry *g)
{
  double slot = g->plot_w / MAX (self->periods->len, 1);

  return MAX (1.5, MIN (self->size * 0.38, slot * 0.3));
}

/* The lines (broken where a value is NAN), then the points over them. */
static void
draw_series (ShequChart               *self,
             cairo_t                  *cr,
             const ShequChartGeometry *g)
{
  guint n = self->periods->len;
  double radius = shequ_chart_point_radius (self, g);
  ShequColour bg, colour;

  shequ_chart_get_background (self, &bg);
  for (guint s = 0; s < self->series->len; s++)
    {
      const ShequChartSeries *series = g_ptr_array_index (self->series, s);
      gboolean pen_down = FALSE;

      cairo_save (cr);
      shequ_chart_apply_series_style (self, s, cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < n; i++)
        {
          double *point = self->points + 2 * ((gsize) s * n + i);

          if (isnan (series->values[i]))
            {
              point[0] = point[1] = NAN;
              pen_down = FALSE;
              continue;
            }
          point[0] = shequ_chart_period_to_x (g, i, n);
          point[1] = value_to_y (g, series->values[i]);
          if (pen_down)
            cairo_line_to (cr, point[0], point[1]);
          else
            cairo_move_to (cr, point[0], point[1]);
          pen_down = TRUE;
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  for (guint s = 0; s < self->series->len; s++)
    {
      const ShequChartSeries *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < n; i++)
        {
          const double *point = self->points + 2 * ((gsize) s * n + i);

          if (isnan (point[0]))
            continue;
          cairo_new_path (cr);
          cairo_arc (cr, point[0], point[1], radius + 1.5, 0, 2 * G_PI);
          shequ_chart_set_source (cr, &bg, 1.0);
          cairo_fill (cr);
          cairo_arc (cr, point[0], point[1], radius, 0, 2 * G_PI);
          shequ_band_get_colour (shequ_band_for_total (series->values[i], self->green_min,
                                                       self->orange_min), &colour);
          shequ_chart_set_source (cr, &colour, 1.0);
          cairo_fill (cr);
        }
    }
}

static gboolean
has_values (ShequChart *self)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      const ShequChartSeries *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < self->periods->len; i++)
        if (!isnan (series->values[i]))
          return TRUE;
    }
  return FALSE;
}

static void
draw_empty_note (ShequChart               *self,
                 cairo_t                  *cr,
                 const ShequChartGeometry *g)
{
  g_autoptr(PangoLayout) layout = shequ_chart_new_layout (self, _("No results yet"), 1.0, FALSE);
  ShequColour fg;
  double tw, th;

  shequ_chart_get_foreground (self, &fg);
  shequ_chart_layout_size (layout, &tw, &th);
  shequ_chart_set_source (cr, &fg, 0.7);
  cairo_move_to (cr, g->plot_x + (g->plot_w - tw) / 2, g->plot_y + (g->plot_h - th) / 2);
  pango_cairo_show_layout (cr, layout);
}

void
shequ_chart_draw (ShequChart *self,
                  cairo_t    *cr,
                  double      x,
                  double      y,
                  double      width,
                  double      height)
{
  ShequChartGeometry *g;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  g = &self->geometry;
  g_free (self->points);
  self->points = g_new (double, MAX (2 * (gsize) self->series->len * self->periods->len, 1));
  compute_geometry (self, x, y, width, height, g);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  draw_bands (self, cr, g);
  draw_value_axis (self, cr, g);
  shequ_chart_draw_period_labels (self, cr, g);
  draw_series (self, cr, g);
  shequ_chart_draw_value_labels (self, cr, g);
  shequ_chart_draw_heading (self, cr, x, y, width);
  if (!has_values (self))
    draw_empty_note (self, cr, g);
  cairo_restore (cr);
  self->drawn = TRUE;
}

gboolean
shequ_chart_get_point (ShequChart *self,
                       guint       series,
                       guint       period,
                       double     *x,
                       double     *y)
{
  const double *point;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->drawn || series >= self->series->len || period >= self->periods->len)
    return FALSE;
  point = self->points + 2 * ((gsize) series * self->periods->len + period);
  if (isnan (point[0]))
    return FALSE;
  if (x != NULL)
    *x = point[0];
  if (y != NULL)
    *y = point[1];
  return TRUE;
}

gboolean
shequ_chart_lookup_point (ShequChart *self,
                          double      x,
                          double      y,
                          double      radius,
                          guint      *series,
                          guint      *period)
{
  double best = radius * radius;
  gboolean found = FALSE;
  guint n;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->drawn)
    return FALSE;
  n = self->periods->len;
  for (guint k = 0; k < (guint) self->series->len * n; k++)
    {
      double dx = self->points[2 * k] - x, dy = self->points[2 * k + 1] - y;

      /* NAN (no point) compares false. */
      if (dx * dx + dy * dy <= best)
        {
          best = dx * dx + dy * dy;
          found = TRUE;
          if (series != NULL)
            *series = k / n;
          if (period != NULL)
            *period = k % n;
        }
    }
  return found;
}

char *
shequ_chart_describe (ShequChart *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);
  for (guint s = 0; s < self->series->len; s++)
    {
      const ShequChartSeries *series = g_ptr_array_index (self->series, s);

      if (s > 0)
        g_string_append (text, "; ");
      if (series->name != NULL && self->series->len > 1)
        g_string_append_printf (text, "%s: ", series->name);
      for (guint i = 0; i < self->periods->len; i++)
        {
          const char *label = g_ptr_array_index (self->periods, i);
          double v = series->values[i];

          if (i > 0)
            g_string_append (text, ", ");
          if (isnan (v))
            g_string_append_printf (text, "%s %s", label, shequ_band_get_label (SHEQU_BAND_NONE));
          else
            {
              g_autofree char *value = shequ_chart_format_value (v);
              ShequBand band = shequ_band_for_total (v, self->green_min, self->orange_min);

              g_string_append_printf (text, "%s %s %s", label, value, shequ_band_get_label (band));
            }
        }
    }
  return g_string_free (text, FALSE);
}
