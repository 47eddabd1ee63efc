/* shequ-chart-private.h — what the chart's files share: its fields and text helpers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "shequ-chart.h"

G_BEGIN_DECLS

typedef struct {
  char   *name;
  double *values;
} ShequChartSeries;

/* Where the last draw put things. */
typedef struct {
  double   chart_x, chart_w;   /* the whole chart, across */
  double   plot_x, plot_y, plot_w, plot_h;
  double   y_min, y_max;
  gboolean rotate;             /* period labels at 45° */
} ShequChartGeometry;

struct _ShequChart {
  char          *title;
  GPtrArray     *periods;   /* char * */
  GPtrArray     *series;    /* ShequChartSeries * */
  double         green_min;
  double         orange_min;
  char          *family;
  double         size;
  gboolean       dark;

  PangoContext  *pango;
  gboolean       drawn;
  ShequChartGeometry geometry;
  double        *points;    /* x, y per series × period of the last draw (NAN: none) */
};

/* shequ-chart.c */
PangoLayout *shequ_chart_new_layout          (ShequChart        *self,
                                              const char        *text,
                                              double             scale,
                                              gboolean           bold);
void         shequ_chart_layout_size         (PangoLayout *layout,
                                              double      *width,
                                              double      *height);
char        *shequ_chart_format_value        (double             value);
void         shequ_chart_set_source          (cairo_t           *cr,
                                              const ShequColour *colour,
                                              double             alpha);
void         shequ_chart_get_foreground      (ShequChart  *self,
                                              ShequColour *colour);
void         shequ_chart_get_background      (ShequChart  *self,
                                              ShequColour *colour);
void         shequ_chart_apply_series_style  (ShequChart *self,
                                              guint       index,
                                              cairo_t    *cr);
double       shequ_chart_period_to_x         (const ShequChartGeometry *g,
                                              guint                     period,
                                              guint                     n_periods);
double       shequ_chart_point_radius        (ShequChart               *self,
                                              const ShequChartGeometry *g);

/* shequ-chart-labels.c */
double       shequ_chart_plan_period_labels  (ShequChart         *self,
                                              ShequChartGeometry *g,
                                              double              slot_w,
                                              double              max_height);
void         shequ_chart_draw_period_labels  (ShequChart               *self,
                                              cairo_t                  *cr,
                                              const ShequChartGeometry *g);
void         shequ_chart_draw_value_labels   (ShequChart               *self,
                                              cairo_t                  *cr,
                                              const ShequChartGeometry *g);
double       shequ_chart_get_legend_height   (ShequChart *self,
                                              double      width);
void         shequ_chart_draw_heading        (ShequChart *self,
                                              cairo_t    *cr,
                                              double      x,
                                              double      y,
                                              double      width);

G_END_DECLS
