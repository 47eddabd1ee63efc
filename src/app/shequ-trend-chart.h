/* shequ-trend-chart.h — a widget drawing a ShequChart (a target's totals across periods) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-chart.h"

G_BEGIN_DECLS

/* Draws the core's trend chart through gtk_snapshot_append_cairo: the same drawing
 * as the PDF report's. The accessible description is shequ_chart_describe(). */
#define SHEQU_TYPE_TREND_CHART (shequ_trend_chart_get_type ())
G_DECLARE_FINAL_TYPE (ShequTrendChart, shequ_trend_chart, SHEQU, TREND_CHART, GtkWidget)

GtkWidget  *shequ_trend_chart_new        (void);
/* Shows one line of N_PERIODS VALUES (NAN: a gap) over LABELS, with the band
 * thresholds behind it; N_PERIODS 0 clears the chart. */
void        shequ_trend_chart_set_series (ShequTrendChart    *self,
                                          const char *const  *labels,
                                          const double       *values,
                                          guint               n_periods,
                                          double              green_min,
                                          double              orange_min);
/* The values shown (borrowed; *N_PERIODS their number), for the tests. */
const double *shequ_trend_chart_get_values (ShequTrendChart  *self,
                                            guint            *n_periods);
/* The chart drawn (borrowed), or NULL when empty. */
ShequChart *shequ_trend_chart_get_chart  (ShequTrendChart    *self);

G_END_DECLS
