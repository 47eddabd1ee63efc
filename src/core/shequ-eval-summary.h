/* shequ-eval-summary.h — a period's results gathered per unit: cadres per community, communities per area */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-store.h"

G_BEGIN_DECLS

/* One unit's share of a period. For a cadre period: one per community or village with
 * cadre targets (the cadres there). For a community period: one per management area
 * (the communities and villages under it) and one for the street (every target). */
typedef struct {
  gint64     unit_id;
  guint      n_targets;
  guint      n_graded;               /* with a total */
  double     mean_total;             /* of those graded, rounded; NAN when none */
  ShequBand  band;                   /* of MEAN_TOTAL under the period's set */
  guint      n_band[SHEQU_N_BANDS];  /* targets per band (NONE: not graded) */
} ShequEvalUnitSummary;

/* GArray of ShequEvalUnitSummary, ordered as the units' targets first appear in
 * shequ_eval_store_get_period_targets() (the street last). */
GArray *shequ_eval_summarize_by_unit (ShequEvalStore *store,
                                      gint64          period_id);

G_END_DECLS
