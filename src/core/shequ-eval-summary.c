/* shequ-eval-summary.c — a period's results gathered per unit: cadres per community, communities per area */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-summary"

#include "config.h"

#include <math.h>

#include "shequ-eval-summary.h"

/* The summaries being gathered, the sum of each one's graded totals, and where each
 * unit's summary is. */
typedef struct {
  GArray     *summaries;   /* ShequEvalUnitSummary */
  GArray     *sums;        /* double */
  GHashTable *index;       /* gint64 unit id → position */
} Gather;

/* Counts one target's TOTAL and BAND into UNIT_ID's summary, added (in first-seen
 * order) if new. */
static void
add_to_unit (Gather    *gather,
             gint64     unit_id,
             double     total,
             ShequBand  band)
{
  ShequEvalUnitSummary *summary;
  gpointer found;
  guint k;

  if (g_hash_table_lookup_extended (gather->index, &unit_id, NULL, &found))
    k = GPOINTER_TO_UINT (found);
  else
    {
      ShequEvalUnitSummary blank = { .unit_id = unit_id };
      double zero = 0.0;

      g_array_append_val (gather->summaries, blank);
      g_array_append_val (gather->sums, zero);
      k = gather->summaries->len - 1;
      g_hash_table_insert (gather->index, g_memdup2 (&unit_id, sizeof unit_id),
                           GUINT_TO_POINTER (k));
    }

  summary = &g_array_index (gather->summaries, ShequEvalUnitSummary, k);
  summary->n_targets++;
  summary->n_band[band]++;
  if (isnan (total))
    return;
  summary->n_graded++;
  g_array_index (gather->sums, double, k) += total;
}

static void
finish (GArray       *summaries,
        const GArray *sums,
        double        green_min,
        double        orange_min)
{
  for (guint k = 0; k < summaries->len; k++)
    {
      ShequEvalUnitSummary *summary = &g_array_index (summaries, ShequEvalUnitSummary, k);
      double sum = g_array_index (sums, double, k);

      summary->mean_total = summary->n_graded > 0
        ? shequ_eval_round_total (sum / summary->n_graded) : NAN;
      summary->band = shequ_band_for_total (summary->mean_total, green_min, orange_min);
    }
}

GArray *
shequ_eval_summarize_by_unit (ShequEvalStore *store,
                              gint64          period_id)
{
  const ShequPeriodRow *period;
  const ShequEvalSetDef *def;
  const ShequEvalResults *results;
  GPtrArray *targets;
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GHashTable) index = NULL;
  Gather gather;
  gboolean cadres;
  ShequUnit *street;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), NULL);

  gather.summaries = g_array_new (FALSE, FALSE, sizeof (ShequEvalUnitSummary));
  period = shequ_eval_store_lookup_period (store, period_id);
  def = period != NULL ? shequ_eval_store_lookup_set (store, period->set_id) : NULL;
  if (def == NULL)
    return gather.summaries;
  targets = shequ_eval_store_get_period_targets (store, period_id);
  results = shequ_eval_store_get_results (store, period_id);
  if (targets == NULL || results == NULL || results->n_targets != targets->len)
    return gather.summaries;

  gather.sums = sums = g_array_new (FALSE, FALSE, sizeof (double));
  gather.index = index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  cadres = def->set->kind == SHEQU_EVAL_KIND_CADRE;
  street = shequ_org_store_get_street (shequ_eval_store_get_org_store (store));

  /* Cadres count for the community or village they serve; communities and villages
   * for their management area (none when they are under the street directly). */
  for (guint t = 0; t < targets->len; t++)
    {
      const ShequEvalTargetRow *target = g_ptr_array_index (targets, t);
      gint64 unit_id = cadres ? target->unit_id : target->area_id;

      if (unit_id != 0)
        add_to_unit (&gather, unit_id, results->total[t], results->band[t]);
    }
  /* The street gathers every target, last. */
  if (!cadres && street != NULL)
    for (guint t = 0; t < targets->len; t++)
      add_to_unit (&gather, shequ_unit_get_id (street), results->total[t], results->band[t]);

  finish (gather.summaries, sums, def->set->green_min, def->set->orange_min);
  return gather.summaries;
}
