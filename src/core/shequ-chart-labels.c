/* shequ-chart-labels.c — the chart's text: period labels that never collide, the newest values, legend and title */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-chart"

#include "config.h"

#include <math.h>

#include "shequ-chart-private.h"

/* How the period labels fit under slots of SLOT_W: level when the widest fits in two
 * slots (thinned when it needs more than one), else at 45°. Returns the height they
 * take under the axis. */
double
shequ_chart_plan_period_labels (ShequChart         *self,
                                ShequChartGeometry *g,
                                double              slot_w,
                                double              max_height)
{
  double widest = 0.0, line_h = self->size * 1.3, gap = self->size * 0.6;

  for (guint i = 0; i < self->periods->len; i++)
    {
      const char *label = g_ptr_array_index (self->periods, i);
      g_autoptr(PangoLayout) layout = shequ_chart_new_layout (self, label, 0.9, FALSE);
      double w, h;

      shequ_chart_layout_size (layout, &w, &h);
      widest = MAX (widest, w);
      line_h = h;
    }

  g->rotate = widest + gap > 2 * slot_w;
  if (!g->rotate)
    return line_h + gap * 0.5;
  return MIN ((widest + line_h) * G_SQRT2 / 2.0 + gap * 0.5, max_height);
}

/* Right to left, so the newest period is always named: a label is drawn when it keeps
 * clear of the one drawn after it and inside the chart, else left out (thinning). */
void
shequ_chart_draw_period_labels (ShequChart               *self,
                                cairo_t                  *cr,
                                const ShequChartGeometry *g)
{
  guint n = self->periods->len;
  double top = g->plot_y + g->plot_h + self->size * 0.3, gap = self->size * 0.6;
  double limit = G_MAXDOUBLE;   /* where the label drawn last begins */
  ShequColour fg;

  shequ_chart_get_foreground (self, &fg);
  shequ_chart_set_source (cr, &fg, 0.85);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PangoLayout) layout = NULL;
      double px = shequ_chart_period_to_x (g, i - 1, n), tw, th, left = px;

      layout = shequ_chart_new_layout (self, g_ptr_array_index (self->periods, i - 1), 0.9, FALSE);
      shequ_chart_layout_size (layout, &tw, &th);
      if (g->rotate)
        {
          /* Ends at the tick, running down to the left; neighbours a line apart. */
          if (px + th * G_SQRT2 + gap * 0.5 > limit || px - tw * G_SQRT2 / 2 < g->chart_x)
            continue;
          limit = px;
        }
      else
        {
          left = CLAMP (px - tw / 2, g->chart_x, g->chart_x + g->chart_w - tw);
          if (left + tw + gap > limit)
            continue;
          limit = left;
        }

      cairo_save (cr);
      if (g->rotate)
        {
          cairo_translate (cr, px, top);
          cairo_rotate (cr, -G_PI / 4);
          cairo_move_to (cr, -tw, 0);
        }
      else
        cairo_move_to (cr, left, top);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

typedef struct {
  double x, y, w, h;
} Box;

static gboolean
box_clashes (const GArray *boxes,
             const Box    *box)
{
  for (guint k = 0; k < boxes->len; k++)
    {
      const Box *other = &g_array_index (boxes, Box, k);

      if (box->x < other->x + other->w && other->x < box->x + box->w
          && box->y < other->y + other->h && other->y < box->y + box->h)
        return TRUE;
    }
  return FALSE;
}

/* Where a label of TW × TH for the point at PX, PY goes: right of it (several series)
 * or above it, else below, else further up or down: the first place that meets no
 * point and no label in BOXES. */
static Box
place_value_label (ShequChart               *self,
                   const ShequChartGeometry *g,
                   const GArray             *boxes,
                   double                    px,
                   double                    py,
                   double                    tw,
                   double                    th)
{
  double radius = shequ_chart_point_radius (self, g);
  double top_limit = g->plot_y - self->size * 1.6, bottom_limit = g->plot_y + g->plot_h;
  Box first = { 0 }, right = { px + radius + 3, py - th / 2, tw, th };

  /* With several series, right of the point reads best, when the plot has room. */
  if (self->series->len > 1 && right.x + tw <= g->plot_x + g->plot_w
      && !box_clashes (boxes, &right))
    return right;
  for (guint k = 0; k < 10; k++)
    {
      double step = (k / 2) * th;
      Box box = {
        CLAMP (px - tw / 2, g->plot_x, g->plot_x + g->plot_w - tw),
        k % 2 == 0 ? py - radius - th - 2 - step : py + radius + 2 + step,
        tw, th
      };

      if (box.y < top_limit || box.y + th > bottom_limit)
        continue;
      if (k == 0 || first.w == 0)
        first = box;
      if (!box_clashes (boxes, &box))
        return box;
    }
  return first;
}

/* Each series' newest value by its point, in the series' colour when there are
 * several, on a halo of the background so lines under it do not hide it. */
void
shequ_chart_draw_value_labels (ShequChart               *self,
                               cairo_t                  *cr,
                               const ShequChartGeometry *g)
{
  guint n = self->periods->len;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  double r = shequ_chart_point_radius (self, g) + 1.5;
  ShequColour fg, bg;

  shequ_chart_get_foreground (self, &fg);
  shequ_chart_get_background (self, &bg);
  for (guint k = 0; k < (guint) self->series->len * n; k++)
    if (!isnan (self->points[2 * k]))
      {
        Box box = { self->points[2 * k] - r, self->points[2 * k + 1] - r, 2 * r, 2 * r };

        g_array_append_val (boxes, box);
      }

  for (guint s = 0; s < self->series->len; s++)
    {
      const ShequChartSeries *series = g_ptr_array_index (self->series, s);
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *text = NULL;
      const double *point;
      guint last = n;
      double tw, th;
      Box box;

      while (last > 0 && isnan (series->values[last - 1]))
        last--;
      if (last == 0)
        continue;
      point = self->points + 2 * ((gsize) s * n + last - 1);
      text = shequ_chart_format_value (series->values[last - 1]);
      layout = shequ_chart_new_layout (self, text, 0.95, TRUE);
      shequ_chart_layout_size (layout, &tw, &th);
      box = place_value_label (self, g, boxes, point[0], point[1], tw, th);
      g_array_append_val (boxes, box);

      cairo_save (cr);
      cairo_new_path (cr);
      cairo_move_to (cr, box.x, box.y);
      pango_cairo_layout_path (cr, layout);
      shequ_chart_set_source (cr, &bg, 0.85);
      cairo_set_line_width (cr, 3.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      if (self->series->len > 1)
        shequ_chart_apply_series_style (self, s, cr);
      else
        shequ_chart_set_source (cr, &fg, 1.0);
      cairo_move_to (cr, box.x, box.y);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

/* The legend, one swatch and name per series, in rows across WIDTH; only for several
 * series. Draws when CR is set, and returns its height either way. */
static double
layout_legend (ShequChart *self,
               cairo_t    *cr,
               double      x,
               double      y,
               double      width)
{
  double cx = x, cy = y, row_h = 0.0, swatch = self->size * 2.0, gap = self->size;

  if (self->series->len < 2)
    return 0.0;
  for (guint s = 0; s < self->series->len; s++)
    {
      const ShequChartSeries *series = g_ptr_array_index (self->series, s);
      g_autofree char *fallback = g_strdup_printf ("%u", s + 1);
      const char *name = series->name != NULL ? series->name : fallback;
      g_autoptr(PangoLayout) layout = shequ_chart_new_layout (self, name, 0.9, FALSE);
      double tw, th;

      shequ_chart_layout_size (layout, &tw, &th);
      if (cx > x && cx + swatch + tw > x + width)
        {
          cx = x;
          cy += row_h + self->size * 0.3;
        }
      row_h = MAX (row_h, th);
      if (cr != NULL)
        {
          ShequColour fg;

          cairo_save (cr);
          shequ_chart_apply_series_style (self, s, cr);
          cairo_move_to (cr, cx, cy + th / 2);
          cairo_rel_line_to (cr, swatch - self->size * 0.5, 0);
          cairo_stroke (cr);
          cairo_restore (cr);
          shequ_chart_get_foreground (self, &fg);
          shequ_chart_set_source (cr, &fg, 1.0);
          cairo_move_to (cr, cx + swatch, cy);
          pango_cairo_show_layout (cr, layout);
        }
      cx += swatch + tw + gap;
    }
  return cy - y + row_h + self->size * 0.4;
}

double
shequ_chart_get_legend_height (ShequChart *self,
                               double      width)
{
  return layout_legend (self, NULL, 0, 0, width);
}

void
shequ_chart_draw_heading (ShequChart *self,
                          cairo_t    *cr,
                          double      x,
                          double      y,
                          double      width)
{
  ShequColour fg;

  shequ_chart_get_foreground (self, &fg);
  if (self->title != NULL && *self->title != '\0')
    {
      g_autoptr(PangoLayout) title = shequ_chart_new_layout (self, self->title, 1.15, TRUE);
      double tw, th;

      pango_layout_set_width (title, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
      shequ_chart_layout_size (title, &tw, &th);
      shequ_chart_set_source (cr, &fg, 1.0);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, title);
      y += th + self->size * 0.4;
    }
  layout_legend (self, cr, x, y, width);
}
