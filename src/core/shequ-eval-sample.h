/* shequ-eval-sample.h — the sample street's evaluation, built from data/sample/eval-*.csv */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-store.h"

G_BEGIN_DECLS

/* Fills an evaluation with no sets yet (over a store holding the sample street) with
 * an indicator set per kind, the sample's assessors and their assignments, three
 * closed periods and one open one of plausible scores, deterministic from the data
 * files (shequ_sample_find_dir()), with some flags raised. A bad data file is refused
 * naming file and line, and nothing is written. */
gboolean shequ_eval_sample_populate  (ShequEvalStore  *store,
                                      GError         **error);
/* A synthetic evaluation for benchmarks: N_TARGETS community targets (the units of
 * the store, made synthetic ones when too few), N_INDICATORS indicators, N_ASSESSORS
 * assessors each grading every target, one period in scoring with every cell filled.
 * Deterministic. *PERIOD_ID: the period. */
gboolean shequ_eval_sample_populate_synthetic (ShequEvalStore *store,
                                               guint           n_targets,
                                               guint           n_indicators,
                                               guint           n_assessors,
                                               gint64         *period_id,
                                               GError        **error);
/* The same, after N_HISTORY closed quarters before it (oldest first), each graded by
 * the first assessor alone with every cell filled and submitted: a band history for
 * the flag rules. */
gboolean shequ_eval_sample_populate_synthetic_history (ShequEvalStore  *store,
                                                       guint            n_targets,
                                                       guint            n_indicators,
                                                       guint            n_assessors,
                                                       guint            n_history,
                                                       gint64          *period_id,
                                                       GError         **error);

G_END_DECLS
