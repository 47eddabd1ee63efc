/* shequ-eval-report-collect.c — what a period's report shows, read out of the evaluation store */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "shequ-eval-measure.h"
#include "shequ-eval-report-private.h"
#include "shequ-eval-summary.h"

/* The periods of the band history: the closed periods of PERIOD's set family up to it,
 * and PERIOD itself, oldest first. */
static GArray *
collect_history_periods (ShequEvalStore       *store,
                         const ShequPeriodRow *period,
                         gint64                family)
{
  GPtrArray *periods = shequ_eval_store_get_periods (store);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < periods->len; i++)
    {
      const ShequPeriodRow *p = g_ptr_array_index (periods, i);
      const ShequEvalSetDef *def = shequ_eval_store_lookup_set (store, p->set_id);

      if (def == NULL || def->set->family != family)
        continue;
      if (p->id != period->id && p->state != SHEQU_PERIOD_STATE_CLOSED)
        continue;
      if (p->id != period->id && g_strcmp0 (p->starts, period->starts) > 0)
        continue;
      g_array_append_val (ids, p->id);
    }
  /* PERIOD last, even if another one shares its first day. */
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == period->id)
      {
        g_array_remove_index (ids, i);
        break;
      }
  g_array_append_val (ids, period->id);
  return ids;
}

static void
fill_history (ShequEvalStore     *store,
              ShequEvalReportRow *row,
              const GArray       *history_ids,
              gint64              family)
{
  g_autoptr(GArray) points = shequ_eval_store_get_history (store, row->target_id, family);

  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      const ShequEvalHistoryPoint *point = &g_array_index (points, ShequEvalHistoryPoint, i);

      for (guint p = 0; p < history_ids->len; p++)
        if (g_array_index (history_ids, gint64, p) == point->period_id)
          {
            row->history_total[p] = point->total;
            row->history_band[p] = point->band;
          }
    }
}

static void
fill_row (ShequEvalStore           *store,
          ShequEvalReportRow       *row,
          const ShequEvalTargetRow *target,
          const ShequEvalResults   *results,
          guint                     t,
          gint64                    period_id)
{
  ShequOrgStore *org = shequ_eval_store_get_org_store (store);
  ShequUnit *area = target->area_id != 0 ? shequ_org_store_lookup_unit (org, target->area_id)
                                         : NULL;

  row->target_id = target->id;
  row->position = t;
  row->unit_id = target->unit_id;
  row->area_id = target->area_id;
  g_free (row->unit_name);
  row->unit_name = shequ_eval_report_text (target->unit_name);
  g_free (row->area_name);
  row->area_name = shequ_eval_report_text (area != NULL ? shequ_unit_get_name (area) : NULL);
  if (results != NULL && t < results->n_targets)
    {
      row->total = results->total[t];
      row->band = results->band[t];
      row->rank = results->rank[t];
      for (guint k = 0; k < results->n_indicators; k++)
        row->combined[k] = results->combined[(gsize) t * results->n_indicators + k];
    }
  shequ_eval_store_get_previous (store, period_id, target->id, &row->previous_rank,
                                 &row->previous_band);
}

static void
collect_heading (ShequEvalReport       *report,
                 ShequEvalStore        *store,
                 const ShequPeriodRow  *period,
                 const ShequEvalSetDef *def)
{
  ShequUnit *street = shequ_org_store_get_street (shequ_eval_store_get_org_store (store));
  const ShequPeriodRow *previous = shequ_eval_store_get_previous_period (store, period->id,
                                                                          FALSE);

  g_free (report->street);
  report->street = shequ_eval_report_text (street != NULL ? shequ_unit_get_name (street) : NULL);
  g_free (report->period_label);
  report->period_label = shequ_eval_report_text (period->label);
  report->previous_label = previous != NULL ? shequ_eval_report_text (previous->label) : NULL;
  report->period_kind = period->kind;
  report->period_state = period->state;
  g_free (report->starts);
  report->starts = shequ_eval_report_text (period->starts);
  g_free (report->ends);
  report->ends = shequ_eval_report_text (period->ends);
  g_free (report->set_name);
  report->set_name = shequ_eval_report_text (def->set->name);
  report->set_version = def->set->version;
  report->kind = def->set->kind;
  report->green_min = def->set->green_min;
  report->orange_min = def->set->orange_min;
  for (guint k = 0; k < def->indicators->len; k++)
    g_ptr_array_add (report->indicators,
                     shequ_indicator_row_copy (g_ptr_array_index (def->indicators, k)));
}

/* A period as a chart's axis has room for: "Q3 2026", "2026-07", "2026"; its label when
 * its first day does not read. */
static char *
format_axis_label (const ShequPeriodRow *period)
{
  int year, month, day;

  if (sscanf (period->starts, "%d-%d-%d", &year, &month, &day) != 3 || month < 1 || month > 12)
    return shequ_eval_report_text (period->label);
  switch (period->kind)
    {
    case SHEQU_PERIOD_KIND_MONTH:
      /* Translators: a month on a chart's axis: year, month */
      return g_strdup_printf (_("%d-%02d"), year, month);
    case SHEQU_PERIOD_KIND_QUARTER:
      /* The same words as the periods' own names ("2026年第一季度"), not "第1季度". */
      switch ((month - 1) / 3)
        {
        case 0: return g_strdup_printf (C_("period label", "Q1 %d"), year);
        case 1: return g_strdup_printf (C_("period label", "Q2 %d"), year);
        case 2: return g_strdup_printf (C_("period label", "Q3 %d"), year);
        default: return g_strdup_printf (C_("period label", "Q4 %d"), year);
        }
    case SHEQU_PERIOD_KIND_YEAR:
    case SHEQU_PERIOD_N_KINDS:
    default:
      return g_strdup_printf ("%d", year);
    }
}

/* The groups' figures as the rest of the evaluation rolls them up (the results page, the
 * band map), so that the report never disagrees with them. */
static void
apply_summaries (ShequEvalReport *report,
                 ShequEvalStore  *store,
                 gint64           period_id)
{
  g_autoptr(GArray) summaries = shequ_eval_summarize_by_unit (store, period_id);

  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      const ShequEvalUnitSummary *summary = &g_array_index (summaries, ShequEvalUnitSummary, i);

      for (guint g = 0; g < report->groups->len; g++)
        {
          ShequEvalReportGroup *group = g_ptr_array_index (report->groups, g);

          if (group->unit_id != summary->unit_id)
            continue;
          group->n_graded = summary->n_graded;
          group->mean_total = summary->mean_total;
          group->band = summary->band;
          memcpy (group->n_band, summary->n_band, sizeof group->n_band);
        }
    }
}

ShequEvalReport *
shequ_eval_report_collect (ShequEvalStore *store,
                           ShequMap       *map,
                           gint64          period_id,
                           GError        **error)
{
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (store, period_id);
  const ShequEvalSetDef *def = period != NULL ? shequ_eval_store_lookup_set (store, period->set_id)
                                              : NULL;
  g_autoptr(ShequEvalReport) report = NULL;
  g_autoptr(GArray) history_ids = NULL;
  const ShequEvalResults *results;
  GPtrArray *targets;

  if (period == NULL || def == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, period_id);

      /* Translators: %s is a period's number */
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND,
                   _("There is no evaluation period %s"), id);
      return NULL;
    }

  report = shequ_eval_report_new ();
  collect_heading (report, store, period, def);
  history_ids = collect_history_periods (store, period, def->set->family);
  report->n_history = history_ids->len;
  g_strfreev (report->history_labels);
  report->history_labels = g_new0 (char *, history_ids->len + 1);
  report->history_axis = g_new0 (char *, history_ids->len + 1);
  for (guint p = 0; p < history_ids->len; p++)
    {
      const ShequPeriodRow *row = shequ_eval_store_lookup_period (
        store, g_array_index (history_ids, gint64, p));

      report->history_labels[p] = shequ_eval_report_text (row->label);
      report->history_axis[p] = format_axis_label (row);
    }

  targets = shequ_eval_store_get_period_targets (store, period_id);
  results = shequ_eval_store_get_results (store, period_id);
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      guint t = results != NULL && results->n_targets == targets->len ? results->order[i] : i;
      const ShequEvalTargetRow *target = g_ptr_array_index (targets, t);
      ShequEvalReportRow *row = shequ_eval_report_add_row (report, target->code, target->name);

      fill_row (store, row, target, results, t, period_id);
      fill_history (store, row, history_ids, def->set->family);
      /* The period itself as its results say, whatever the history holds of it. */
      row->history_total[history_ids->len - 1] = row->total;
      row->history_band[history_ids->len - 1] = row->band;
    }
  shequ_eval_report_group_rows (report);
  apply_summaries (report, store, period_id);

  if (map != NULL && report->kind == SHEQU_EVAL_KIND_COMMUNITY)
    {
      report->map = g_object_ref (map);
      report->org = g_object_ref (shequ_eval_store_get_org_store (store));
      report->measure = shequ_eval_measure_new_band (store, period_id);
    }
  return g_steal_pointer (&report);
}
