/* shequ-eval-compute.h — totals, bands, ranking and flags of one period, from its scores */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-types.h"

G_BEGIN_DECLS

/* The scores of one period, dense: assessor × target × indicator, in hundredths
 * (SHEQU_SCORE_NONE where empty), with which targets each assessor grades. Indexes,
 * not ids: the store keeps the mapping. Pure data, no database. */
typedef struct _ShequEvalMatrix ShequEvalMatrix;

ShequEvalMatrix *shequ_eval_matrix_new            (guint             n_assessors,
                                                   guint             n_targets,
                                                   guint             n_indicators);
void             shequ_eval_matrix_free           (ShequEvalMatrix  *self);
guint            shequ_eval_matrix_get_n_assessors  (const ShequEvalMatrix *self);
guint            shequ_eval_matrix_get_n_targets    (const ShequEvalMatrix *self);
guint            shequ_eval_matrix_get_n_indicators (const ShequEvalMatrix *self);
/* WEIGHT: share of the total (weights sum to 100); MAX_SCORE > 0. */
void             shequ_eval_matrix_set_indicator  (ShequEvalMatrix  *self,
                                                   guint             indicator,
                                                   double            weight,
                                                   ShequScore        max_score);
void             shequ_eval_matrix_set_assigned   (ShequEvalMatrix  *self,
                                                   guint             assessor,
                                                   guint             target,
                                                   gboolean          assigned);
gboolean         shequ_eval_matrix_get_assigned   (const ShequEvalMatrix *self,
                                                   guint             assessor,
                                                   guint             target);
void             shequ_eval_matrix_set            (ShequEvalMatrix  *self,
                                                   guint             assessor,
                                                   guint             target,
                                                   guint             indicator,
                                                   ShequScore        value);
ShequScore       shequ_eval_matrix_get            (const ShequEvalMatrix *self,
                                                   guint             assessor,
                                                   guint             target,
                                                   guint             indicator);
/* The row of one assessor and target: N_INDICATORS scores (for a sheet to read fast). */
const ShequScore *shequ_eval_matrix_get_row       (const ShequEvalMatrix *self,
                                                   guint             assessor,
                                                   guint             target);

/* One assessor's total for one target: Σ weight × score / max over the filled cells
 * (rounded to hundredths), and how many of the N_INDICATORS cells are filled. NAN when
 * none is. */
double           shequ_eval_matrix_row_total      (const ShequEvalMatrix *self,
                                                   guint             assessor,
                                                   guint             target,
                                                   guint            *n_filled);

/* What a period came to. Arrays of N_TARGETS (COMBINED: N_TARGETS × N_INDICATORS).
 * A target's combined score per indicator is the mean (or trimmed mean) of the scores
 * its assigned assessors gave; its total Σ weight × combined / max, rounded to
 * hundredths, NAN while any of its cells lacks a score from an assigned assessor (or
 * no assessor grades it). RANK: 1 = best total, equal totals share a rank (1, 2, 2, 4),
 * 0 for a NAN total; ORDER lists target indexes by rank, ties by index, NAN totals last. */
typedef struct {
  guint       n_targets;
  guint       n_indicators;
  double     *total;
  ShequBand  *band;
  guint      *rank;
  guint      *order;
  double     *combined;     /* points, NAN where no assessor scored */
  guint      *n_filled;     /* cells filled over every assigned assessor */
  guint      *n_cells;      /* assigned assessors × indicators */
  guint       n_band[SHEQU_N_BANDS];
} ShequEvalResults;

ShequEvalResults *shequ_eval_results_new   (guint                  n_targets,
                                            guint                  n_indicators);
void              shequ_eval_results_free  (ShequEvalResults      *self);
/* Fills OUT (made for MATRIX's sizes). Deterministic; one pass over the scores. */
void              shequ_eval_compute       (const ShequEvalMatrix *matrix,
                                            ShequEvalCombine       combine,
                                            double                 green_min,
                                            double                 orange_min,
                                            ShequEvalResults      *out);

/* The mean of the N values in VALUES (ignoring SHEQU_SCORE_NONE), trimmed: without one
 * highest and one lowest when COMBINE is TRIMMED and three or more values are present.
 * In points (not hundredths); NAN when none. VALUES may be reordered. */
double            shequ_eval_combine_values (ShequScore           *values,
                                             guint                 n,
                                             ShequEvalCombine      combine);

/* Whether RULE fires on a band history, oldest first, whose last entry is the period
 * being closed: that last entry is RULE->band, and at least RULE->count of the last
 * RULE->within entries are (fewer entries than WITHIN: only when COUNT of those there
 * are). NONE entries (not graded) count as not in the band. */
gboolean          shequ_flag_rule_fires     (const ShequFlagRuleRow *rule,
                                             const ShequBand        *history,
                                             guint                   n_history);

/* +1 when a band is better than the one before (red → orange), −1 worse, 0 same or
 * either NONE. */
int               shequ_band_compare_move   (ShequBand              before,
                                             ShequBand              after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequEvalMatrix, shequ_eval_matrix_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequEvalResults, shequ_eval_results_free)

G_END_DECLS
