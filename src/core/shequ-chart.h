/* shequ-chart.h — a trend chart of totals across periods, drawn with Cairo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "shequ-eval-types.h"

G_BEGIN_DECLS

/* One or more lines of totals (0 … 100) over the same periods, with the band
 * thresholds drawn as tinted bands behind them (green above GREEN_MIN, orange, red),
 * a point per period coloured by its band, the period labels under the axis, the
 * value above the last point. Draws on any cairo_t (the widget, the PDF report, a
 * PNG); text with PangoCairo. NAN values leave a gap. */
typedef struct _ShequChart ShequChart;

ShequChart *shequ_chart_new             (void);
void        shequ_chart_free            (ShequChart   *self);
void        shequ_chart_set_title       (ShequChart   *self,
                                         const char   *title);
/* Drops the series: add them again for the new periods. */
void        shequ_chart_set_periods     (ShequChart   *self,
                                         const char  *const *labels,
                                         guint         n_periods);
void        shequ_chart_set_bands       (ShequChart   *self,
                                         double        green_min,
                                         double        orange_min);
/* Adds a line of N_PERIODS VALUES (copied) named NAME (the legend; nullable for one
 * line). Returns its index. */
guint       shequ_chart_add_series      (ShequChart   *self,
                                         const char   *name,
                                         const double *values);
/* Font family (nullable: the UI font) and size in the cairo_t's units. */
void        shequ_chart_set_font        (ShequChart   *self,
                                         const char   *family,
                                         double        size);
/* Dark text and lines on a light background (FALSE), or light on dark. */
void        shequ_chart_set_dark        (ShequChart   *self,
                                         gboolean      dark);
/* Draws in the rectangle X, Y, WIDTH × HEIGHT of CR. */
void        shequ_chart_draw            (ShequChart   *self,
                                         cairo_t      *cr,
                                         double        x,
                                         double        y,
                                         double        width,
                                         double        height);
/* Where period I's point of series S was drawn by the last draw (for hit tests and
 * tests); FALSE for a NAN value or before a draw. */
gboolean    shequ_chart_get_point       (ShequChart   *self,
                                         guint         series,
                                         guint         period,
                                         double       *x,
                                         double       *y);
/* The point nearest to X, Y of the last draw within RADIUS (a hover, a click): its
 * series and period. FALSE when none is that near. */
gboolean    shequ_chart_lookup_point    (ShequChart   *self,
                                         double        x,
                                         double        y,
                                         double        radius,
                                         guint        *series,
                                         guint        *period);
/* A text description for screen readers: "2026年第一季度 86.5 绿, …". Caller frees. */
char       *shequ_chart_describe        (ShequChart   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequChart, shequ_chart_free)

G_END_DECLS
