/* shequ-eval-store-results.c — a period's results, the period before it, a target's history */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-store"

#include "config.h"

#include <math.h>

#include "shequ-eval-store-private.h"

/* Computed when first asked for after a change to the period, then kept. */
const ShequEvalResults *
_shequ_eval_store_results (ShequEvalStore *self,
                           EvalPeriod     *period)
{
  const ShequEvalSetDef *set;

  if (period->results != NULL)
    return period->results;
  set = _shequ_eval_store_period_set (self, period);
  period->results = shequ_eval_results_new (shequ_eval_matrix_get_n_targets (period->matrix),
                                            shequ_eval_matrix_get_n_indicators (period->matrix));
  shequ_eval_compute (period->matrix, set->set->combine, set->set->green_min,
                      set->set->orange_min, period->results);
  return period->results;
}

const ShequEvalResults *
shequ_eval_store_get_results (ShequEvalStore *self,
                              gint64          period_id)
{
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  if (!(period = _shequ_eval_store_period (self, period_id)))
    return NULL;
  return _shequ_eval_store_results (self, period);
}

static gint64
period_family (ShequEvalStore *self,
               EvalPeriod     *period)
{
  const ShequEvalSetDef *set = _shequ_eval_store_period_set (self, period);

  return set != NULL ? set->set->family : 0;
}

GPtrArray *
_shequ_eval_store_family_before (ShequEvalStore *self,
                                 EvalPeriod     *period,
                                 gboolean        include_open)
{
  GPtrArray *before = g_ptr_array_new ();
  gint64 family = period_family (self, period);

  /* The periods are kept in order (starts, then id): those before PERIOD come first. */
  for (guint i = 0; i < self->data->periods->len; i++)
    {
      EvalPeriod *other = g_ptr_array_index (self->data->periods, i);

      if (other == period)
        break;
      if (period_family (self, other) == family &&
          (include_open || other->row->state == SHEQU_PERIOD_STATE_CLOSED))
        g_ptr_array_add (before, other);
    }
  return before;
}

const ShequPeriodRow *
shequ_eval_store_get_previous_period (ShequEvalStore *self,
                                      gint64          period_id,
                                      gboolean        include_open)
{
  g_autoptr(GPtrArray) before = NULL;
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  if (!(period = _shequ_eval_store_period (self, period_id)))
    return NULL;
  before = _shequ_eval_store_family_before (self, period, include_open);
  if (before->len == 0)
    return NULL;
  return ((EvalPeriod *) g_ptr_array_index (before, before->len - 1))->row;
}

gboolean
shequ_eval_store_get_previous (ShequEvalStore *self,
                               gint64          period_id,
                               gint64          target_id,
                               guint          *previous_rank,
                               ShequBand      *previous_band)
{
  const ShequPeriodRow *row;
  const ShequEvalResults *results;
  EvalPeriod *previous;
  guint t;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);

  if (previous_rank != NULL)
    *previous_rank = 0;
  if (previous_band != NULL)
    *previous_band = SHEQU_BAND_NONE;
  if (!(row = shequ_eval_store_get_previous_period (self, period_id, FALSE)))
    return FALSE;
  previous = _shequ_eval_store_period (self, row->id);
  t = GPOINTER_TO_UINT (g_hash_table_lookup (previous->target_index, &target_id));
  if (t == 0)
    return FALSE;
  results = _shequ_eval_store_results (self, previous);
  if (previous_rank != NULL)
    *previous_rank = results->rank[t - 1];
  if (previous_band != NULL)
    *previous_band = results->band[t - 1];
  return TRUE;
}

GArray *
shequ_eval_store_get_history (ShequEvalStore *self,
                              gint64          target_id,
                              gint64          family)
{
  GArray *points;
  EvalTarget *target;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);

  points = g_array_new (FALSE, FALSE, sizeof (ShequEvalHistoryPoint));
  if (!(target = _shequ_eval_store_target (self, target_id)))
    return points;
  for (guint i = 0; i < self->data->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (self->data->periods, i);
      const ShequEvalSetDef *set = _shequ_eval_store_period_set (self, period);
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (period->target_index, &target_id));
      const ShequEvalResults *results;
      ShequEvalHistoryPoint point = { period->row->id, NAN, SHEQU_BAND_NONE, 0, 0 };

      if (t == 0 || set == NULL ||
          (family != 0 ? set->set->family != family : set->set->kind != target->row.kind))
        continue;
      results = _shequ_eval_store_results (self, period);
      point.total = results->total[t - 1];
      point.band = results->band[t - 1];
      point.rank = results->rank[t - 1];
      if (points->len > 0)
        point.move = shequ_band_compare_move (
          g_array_index (points, ShequEvalHistoryPoint, points->len - 1).band, point.band);
      g_array_append_val (points, point);
    }
  return points;
}
