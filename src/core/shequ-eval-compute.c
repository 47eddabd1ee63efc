/* shequ-eval-compute.c — totals, bands, ranking and flags of one period, from its scores */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-compute"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-eval-compute.h"

/* A sum of weighted shares carries a float error of about 1e-12 points, which would
 * round a total of exactly 73.575 either way; exact arithmetic rounds it up, and so
 * does the sum with this much added (far less than any real difference of totals). */
#define ROUNDING_NUDGE 1e-9

struct _ShequEvalMatrix {
  guint       n_assessors;
  guint       n_targets;
  guint       n_indicators;
  /* [assessor][target][indicator], so one assessor's row is contiguous. */
  ShequScore *scores;
  double     *weight;
  ShequScore *max_score;
  /* weight / max_score (0 while the indicator is unset): a score in hundredths times
   * this is its share of the total in points. */
  double     *factor;
  /* One bit per assessor × target, assessor-major. */
  guint32    *assigned;
};

static inline gsize
score_index (const ShequEvalMatrix *self,
             guint                  assessor,
             guint                  target)
{
  return ((gsize) assessor * self->n_targets + target) * self->n_indicators;
}

static inline gsize
assigned_bit (const ShequEvalMatrix *self,
              guint                  assessor,
              guint                  target)
{
  return (gsize) assessor * self->n_targets + target;
}

ShequEvalMatrix *
shequ_eval_matrix_new (guint n_assessors,
                       guint n_targets,
                       guint n_indicators)
{
  ShequEvalMatrix *self;
  gsize n_scores, n_bits;

  n_scores = (gsize) n_assessors * n_targets * n_indicators;
  n_bits = (gsize) n_assessors * n_targets;

  self = g_new0 (ShequEvalMatrix, 1);
  self->n_assessors = n_assessors;
  self->n_targets = n_targets;
  self->n_indicators = n_indicators;
  self->scores = g_new (ShequScore, MAX (n_scores, 1));
  for (gsize k = 0; k < n_scores; k++)
    self->scores[k] = SHEQU_SCORE_NONE;
  self->weight = g_new0 (double, MAX (n_indicators, 1));
  self->max_score = g_new0 (ShequScore, MAX (n_indicators, 1));
  self->factor = g_new0 (double, MAX (n_indicators, 1));
  self->assigned = g_new0 (guint32, n_bits / 32 + 1);
  return self;
}

void
shequ_eval_matrix_free (ShequEvalMatrix *self)
{
  if (self == NULL)
    return;
  g_free (self->scores);
  g_free (self->weight);
  g_free (self->max_score);
  g_free (self->factor);
  g_free (self->assigned);
  g_free (self);
}

guint
shequ_eval_matrix_get_n_assessors (const ShequEvalMatrix *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_assessors;
}

guint
shequ_eval_matrix_get_n_targets (const ShequEvalMatrix *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_targets;
}

guint
shequ_eval_matrix_get_n_indicators (const ShequEvalMatrix *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_indicators;
}

void
shequ_eval_matrix_set_indicator (ShequEvalMatrix *self,
                                 guint            indicator,
                                 double           weight,
                                 ShequScore       max_score)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (indicator < self->n_indicators);
  g_return_if_fail (max_score > 0);

  self->weight[indicator] = weight;
  self->max_score[indicator] = max_score;
  self->factor[indicator] = weight / (double) max_score;
}

void
shequ_eval_matrix_set_assigned (ShequEvalMatrix *self,
                                guint            assessor,
                                guint            target,
                                gboolean         assigned)
{
  gsize bit;

  g_return_if_fail (self != NULL);
  g_return_if_fail (assessor < self->n_assessors);
  g_return_if_fail (target < self->n_targets);

  bit = assigned_bit (self, assessor, target);
  if (assigned)
    self->assigned[bit / 32] |= 1u << (bit % 32);
  else
    self->assigned[bit / 32] &= ~(1u << (bit % 32));
}

gboolean
shequ_eval_matrix_get_assigned (const ShequEvalMatrix *self,
                                guint                  assessor,
                                guint                  target)
{
  gsize bit;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (assessor < self->n_assessors, FALSE);
  g_return_val_if_fail (target < self->n_targets, FALSE);

  bit = assigned_bit (self, assessor, target);
  return (self->assigned[bit / 32] >> (bit % 32)) & 1u;
}

void
shequ_eval_matrix_set (ShequEvalMatrix *self,
                       guint            assessor,
                       guint            target,
                       guint            indicator,
                       ShequScore       value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (assessor < self->n_assessors);
  g_return_if_fail (target < self->n_targets);
  g_return_if_fail (indicator < self->n_indicators);

  self->scores[score_index (self, assessor, target) + indicator] = value;
}

ShequScore
shequ_eval_matrix_get (const ShequEvalMatrix *self,
                       guint                  assessor,
                       guint                  target,
                       guint                  indicator)
{
  g_return_val_if_fail (self != NULL, SHEQU_SCORE_NONE);
  g_return_val_if_fail (assessor < self->n_assessors, SHEQU_SCORE_NONE);
  g_return_val_if_fail (target < self->n_targets, SHEQU_SCORE_NONE);
  g_return_val_if_fail (indicator < self->n_indicators, SHEQU_SCORE_NONE);

  return self->scores[score_index (self, assessor, target) + indicator];
}

const ShequScore *
shequ_eval_matrix_get_row (const ShequEvalMatrix *self,
                           guint                  assessor,
                           guint                  target)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (assessor < self->n_assessors, NULL);
  g_return_val_if_fail (target < self->n_targets, NULL);

  return self->scores + score_index (self, assessor, target);
}

double
shequ_eval_matrix_row_total (const ShequEvalMatrix *self,
                             guint                  assessor,
                             guint                  target,
                             guint                 *n_filled)
{
  const ShequScore *row;
  double sum = 0.0;
  guint filled = 0;

  if (n_filled != NULL)
    *n_filled = 0;
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (assessor < self->n_assessors, NAN);
  g_return_val_if_fail (target < self->n_targets, NAN);

  row = self->scores + score_index (self, assessor, target);
  for (guint i = 0; i < self->n_indicators; i++)
    {
      if (row[i] == SHEQU_SCORE_NONE)
        continue;
      sum += self->factor[i] * row[i];
      filled++;
    }
  if (n_filled != NULL)
    *n_filled = filled;
  return filled > 0 ? shequ_eval_round_total (sum + ROUNDING_NUDGE) : NAN;
}

/* ---- Results ----------------------------------------------------------------- */

ShequEvalResults *
shequ_eval_results_new (guint n_targets,
                        guint n_indicators)
{
  ShequEvalResults *self = g_new0 (ShequEvalResults, 1);
  gsize n = MAX (n_targets, 1);

  self->n_targets = n_targets;
  self->n_indicators = n_indicators;
  self->total = g_new (double, n);
  self->band = g_new0 (ShequBand, n);
  self->rank = g_new0 (guint, n);
  self->order = g_new0 (guint, n);
  self->combined = g_new (double, MAX ((gsize) n_targets * n_indicators, 1));
  self->n_filled = g_new0 (guint, n);
  self->n_cells = g_new0 (guint, n);
  for (guint t = 0; t < n_targets; t++)
    self->total[t] = NAN;
  for (gsize k = 0; k < (gsize) n_targets * n_indicators; k++)
    self->combined[k] = NAN;
  return self;
}

void
shequ_eval_results_free (ShequEvalResults *self)
{
  if (self == NULL)
    return;
  g_free (self->total);
  g_free (self->band);
  g_free (self->rank);
  g_free (self->order);
  g_free (self->combined);
  g_free (self->n_filled);
  g_free (self->n_cells);
  g_free (self);
}

/* The combined value, in hundredths, of the N_PRESENT values of one cell whose sum,
 * lowest and highest are given: the mean, or without the extremes when trimmed. */
static inline double
combine_sum (gint64           sum,
             ShequScore       lowest,
             ShequScore       highest,
             guint            n_present,
             ShequEvalCombine combine)
{
  if (combine == SHEQU_EVAL_COMBINE_TRIMMED && n_present >= 3)
    return (double) (sum - lowest - highest) / (double) (n_present - 2);
  return (double) sum / (double) n_present;
}

double
shequ_eval_combine_values (ShequScore       *values,
                           guint             n,
                           ShequEvalCombine  combine)
{
  gint64 sum = 0;
  ShequScore lowest = G_MAXINT32, highest = G_MININT32;
  guint present = 0;

  g_return_val_if_fail (values != NULL || n == 0, NAN);

  for (guint k = 0; k < n; k++)
    {
      ShequScore v = values[k];

      if (v == SHEQU_SCORE_NONE)
        continue;
      sum += v;
      lowest = MIN (lowest, v);
      highest = MAX (highest, v);
      present++;
    }
  if (present == 0)
    return NAN;
  return combine_sum (sum, lowest, highest, present, combine) / 100.0;
}

/* Fills OUT's per-target arrays for target T from the ROWS of its N_ROWS assigned
 * assessors. The inner loop is the hot one: no calls but the inline combine. */
static void
compute_target (const ShequEvalMatrix  *matrix,
                const ShequScore      **rows,
                guint                   n_rows,
                ShequEvalCombine        combine,
                guint                   t,
                ShequEvalResults       *out)
{
  guint n_ind = matrix->n_indicators;
  double *combined = out->combined + (gsize) t * n_ind;
  double total = 0.0;
  guint filled = 0;
  gboolean complete = n_rows > 0;

  for (guint i = 0; i < n_ind; i++)
    {
      gint64 sum = 0;
      ShequScore lowest = G_MAXINT32, highest = G_MININT32;
      guint present = 0;
      double value;

      for (guint k = 0; k < n_rows; k++)
        {
          ShequScore v = rows[k][i];

          if (v == SHEQU_SCORE_NONE)
            continue;
          sum += v;
          lowest = MIN (lowest, v);
          highest = MAX (highest, v);
          present++;
        }
      filled += present;
      if (present == 0)
        {
          combined[i] = NAN;
          complete = FALSE;
          continue;
        }
      if (present < n_rows)
        complete = FALSE;
      value = combine_sum (sum, lowest, highest, present, combine);
      combined[i] = value / 100.0;
      total += matrix->factor[i] * value;
    }

  out->n_filled[t] = filled;
  out->n_cells[t] = n_rows * n_ind;
  out->total[t] = complete ? shequ_eval_round_total (total + ROUNDING_NUDGE) : NAN;
}

static int
compare_keys (const void *a,
              const void *b)
{
  guint64 ka = *(const guint64 *) a, kb = *(const guint64 *) b;

  return (ka > kb) - (ka < kb);
}

/* RANK and ORDER from the rounded totals: each graded target sorts on one integer
 * (its total in hundredths, inverted, above its index), so the sort compares integers
 * and ties fall in index order. */
static void
compute_ranking (ShequEvalResults *out,
                 guint64          *keys)
{
  guint n_graded = 0, n_out = 0;
  guint64 previous = G_MAXUINT64;
  guint rank = 0;

  for (guint t = 0; t < out->n_targets; t++)
    {
      gint64 h;

      out->rank[t] = 0;
      if (isnan (out->total[t]))
        continue;
      h = CLAMP ((gint64) llround (out->total[t] * 100.0), G_MININT32, G_MAXINT32);
      keys[n_graded++] = ((guint64) (guint32) (G_MAXINT32 - h) << 32) | t;
    }
  qsort (keys, n_graded, sizeof *keys, compare_keys);

  for (guint k = 0; k < n_graded; k++)
    {
      guint t = (guint) (keys[k] & G_MAXUINT32);
      guint64 hundredths = keys[k] >> 32;

      if (hundredths != previous)
        rank = k + 1;
      previous = hundredths;
      out->rank[t] = rank;
      out->order[n_out++] = t;
    }
  for (guint t = 0; t < out->n_targets; t++)
    if (out->rank[t] == 0)
      out->order[n_out++] = t;
}

void
shequ_eval_compute (const ShequEvalMatrix *matrix,
                    ShequEvalCombine       combine,
                    double                 green_min,
                    double                 orange_min,
                    ShequEvalResults      *out)
{
  g_autofree const ShequScore **rows = NULL;
  g_autofree guint64 *keys = NULL;
  guint n_targets;

  g_return_if_fail (matrix != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (out->n_targets == matrix->n_targets);
  g_return_if_fail (out->n_indicators == matrix->n_indicators);

  n_targets = matrix->n_targets;
  rows = g_new (const ShequScore *, MAX (matrix->n_assessors, 1));
  keys = g_new (guint64, MAX (n_targets, 1));
  memset (out->n_band, 0, sizeof out->n_band);

  for (guint t = 0; t < n_targets; t++)
    {
      guint n_rows = 0;
      ShequBand band;

      for (guint a = 0; a < matrix->n_assessors; a++)
        {
          gsize bit = assigned_bit (matrix, a, t);

          if ((matrix->assigned[bit / 32] >> (bit % 32)) & 1u)
            rows[n_rows++] = matrix->scores + score_index (matrix, a, t);
        }
      compute_target (matrix, rows, n_rows, combine, t, out);
      band = shequ_band_for_total (out->total[t], green_min, orange_min);
      out->band[t] = band;
      out->n_band[band]++;
    }

  compute_ranking (out, keys);
}

/* ---- Dynamic management ------------------------------------------------------- */

gboolean
shequ_flag_rule_fires (const ShequFlagRuleRow *rule,
                       const ShequBand        *history,
                       guint                   n_history)
{
  guint from, count = 0;

  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (history != NULL || n_history == 0, FALSE);

  /* A rule asking for no period at all, or for "not graded", never fires. */
  if (rule->count == 0 || rule->band == SHEQU_BAND_NONE || n_history == 0)
    return FALSE;
  /* Only the period being closed raises a flag: a target that has just left the band
   * is not warned about its past. */
  if (history[n_history - 1] != rule->band)
    return FALSE;

  from = n_history > rule->within ? n_history - rule->within : 0;
  for (guint k = from; k < n_history; k++)
    if (history[k] == rule->band)
      count++;
  return count >= rule->count;
}

int
shequ_band_compare_move (ShequBand before,
                         ShequBand after)
{
  if (before == SHEQU_BAND_NONE || after == SHEQU_BAND_NONE || before == after)
    return 0;
  /* Bands run best to worst, so a smaller one is a rise. */
  return after < before ? 1 : -1;
}
