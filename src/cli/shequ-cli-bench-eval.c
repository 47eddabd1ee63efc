/* shequ-cli-bench-eval.c — shequ-cli bench eval: recompute, one cell, audit verify */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <time.h>

#include "shequ-audit.h"
#include "shequ-eval-sample.h"
#include "shequ-eval-store.h"
#include "shequ-workspace.h"
#include "shequ-cli-private.h"

/* Figures only: nothing asserts on them. Each is wall-clock time; the _cpu_ figures are
 * this process's processor time over the same span, which a machine busy with other
 * work inflates less. */

typedef struct {
  guint   targets, indicators, assessors;
  guint   history;             /* closed periods before the timed one */
  double  build_s;
  double  build_cpu_s;
  double  recompute_ms;        /* median: totals, bands, ranking and flags */
  double  recompute_cpu_ms;
  double  compute_ms;          /* median: shequ_eval_compute alone */
  double  store_results_ms;    /* median: the store's results after a one-cell write */
  double  commit_cell_ms;      /* median of single-cell writes with their audit entries */
  double  commit_cell_max_ms;
  guint   cells;
  guint   flags_fired;
  double  fill_s;              /* audit entries added to reach the log's length */
  guint64 audit_entries;
  double  verify_s;
  double  verify_cpu_s;
} EvalReport;

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e3;
}

/* Processor time of this process (every thread, user and system), in seconds. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The bands each earlier closed period of the family gave to the targets of PERIOD
 * (index by target index: N_PREVIOUS × n_targets), oldest first. */
static ShequBand *
collect_previous_bands (ShequEvalStore       *store,
                        const ShequPeriodRow *period,
                        guint                 n_targets,
                        guint                *n_previous)
{
  g_autoptr(GArray) bands = g_array_new (FALSE, TRUE, sizeof (ShequBand));
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  const ShequPeriodRow *p = period;
  GPtrArray *targets = shequ_eval_store_get_period_targets (store, period->id);

  while ((p = shequ_eval_store_get_previous_period (store, p->id, FALSE)) != NULL)
    g_ptr_array_insert (chain, 0, (gpointer) p);
  g_array_set_size (bands, chain->len * n_targets);
  for (guint k = 0; k < chain->len; k++)
    {
      const ShequPeriodRow *earlier = g_ptr_array_index (chain, k);
      const ShequEvalResults *results = shequ_eval_store_get_results (store, earlier->id);

      for (guint t = 0; t < n_targets && results != NULL; t++)
        {
          const ShequEvalTargetRow *target = g_ptr_array_index (targets, t);
          int i = shequ_eval_store_target_index (store, earlier->id, target->id);

          g_array_index (bands, ShequBand, k * n_targets + t) =
            i >= 0 ? results->band[i] : SHEQU_BAND_NONE;
        }
    }
  *n_previous = chain->len;
  return (ShequBand *) (gpointer) g_array_free (g_steal_pointer (&bands), FALSE);
}

/* Totals, bands and ranking (shequ_eval_compute over the period's matrix), then every
 * flag rule over every target's band history, RUNS times. */
static void
time_recompute (ShequEvalStore *store,
                gint64          period_id,
                guint           runs,
                EvalReport     *r)
{
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (store, period_id);
  const ShequEvalSetDef *set = shequ_eval_store_lookup_set (store, period->set_id);
  const ShequEvalMatrix *matrix = shequ_eval_store_get_matrix (store, period_id);
  guint n_targets = shequ_eval_matrix_get_n_targets (matrix);
  guint n_previous = 0;
  g_autofree ShequBand *previous = collect_previous_bands (store, period, n_targets,
                                                           &n_previous);
  g_autofree ShequBand *history = g_new (ShequBand, n_previous + 1);
  g_autofree double *total_ms = g_new (double, runs);
  g_autofree double *compute_ms = g_new (double, runs);
  g_autofree double *cpu_ms = g_new (double, runs);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(ShequEvalResults) results =
        shequ_eval_results_new (n_targets, shequ_eval_matrix_get_n_indicators (matrix));
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();
      guint fired = 0;

      shequ_eval_compute (matrix, set->set->combine, set->set->green_min, set->set->orange_min,
                          results);
      compute_ms[run] = elapsed_ms (start);
      for (guint t = 0; t < n_targets; t++)
        {
          for (guint k = 0; k < n_previous; k++)
            history[k] = previous[k * n_targets + t];
          history[n_previous] = results->band[t];
          for (guint i = 0; i < set->flag_rules->len; i++)
            fired += shequ_flag_rule_fires (g_ptr_array_index (set->flag_rules, i), history,
                                            n_previous + 1);
        }
      total_ms[run] = elapsed_ms (start);
      cpu_ms[run] = (cpu_seconds () - cpu_start) * 1e3;
      r->flags_fired = fired;
    }
  r->recompute_ms = bench_median (total_ms, runs);
  r->recompute_cpu_ms = bench_median (cpu_ms, runs);
  r->compute_ms = bench_median (compute_ms, runs);
}

/* CELLS single-cell writes at cells chosen by a fixed sequence, each changed by half a
 * point; every few, the store's results afterwards. */
static gboolean
time_commits (ShequEvalStore  *store,
              gint64           period_id,
              guint            cells,
              EvalReport      *r,
              GError         **error)
{
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (store, period_id);
  const ShequEvalSetDef *set = shequ_eval_store_lookup_set (store, period->set_id);
  GPtrArray *assessors = shequ_eval_store_get_assessors (store, period_id);
  GPtrArray *targets = shequ_eval_store_get_period_targets (store, period_id);
  g_autoptr(GArray) commit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) results = g_array_new (FALSE, FALSE, sizeof (double));
  guint32 state = 2026;

  for (guint c = 0; c < cells; c++)
    {
      const ShequAssessorRow *assessor;
      const ShequEvalTargetRow *target;
      const ShequIndicatorRow *indicator;
      ShequScore value = SHEQU_SCORE_NONE;
      gint64 start;
      double ms;

      state = state * 1103515245 + 12345;
      assessor = g_ptr_array_index (assessors, (state >> 4) % assessors->len);
      target = g_ptr_array_index (targets, (state >> 8) % targets->len);
      indicator = g_ptr_array_index (set->indicators, (state >> 20) % set->indicators->len);
      shequ_eval_store_get_score (store, assessor->id, target->id, indicator->id, &value, NULL);
      value = value == SHEQU_SCORE_NONE || value + 50 > indicator->max_score
        ? MAX (indicator->max_score - 50, 0) : value + 50;

      start = g_get_monotonic_time ();
      if (!shequ_eval_store_set_score (store, assessor->id, target->id, indicator->id, value,
                                       "复核调整", NULL, error))
        return FALSE;
      ms = elapsed_ms (start);
      g_array_append_val (commit, ms);
      if (c % 20 == 0)
        {
          start = g_get_monotonic_time ();
          shequ_eval_store_get_results (store, period_id);
          ms = elapsed_ms (start);
          g_array_append_val (results, ms);
        }
    }
  r->cells = cells;
  r->commit_cell_ms = bench_median ((double *) (gpointer) commit->data, commit->len);
  r->commit_cell_max_ms = 0;
  for (guint i = 0; i < commit->len; i++)
    r->commit_cell_max_ms = MAX (r->commit_cell_max_ms, g_array_index (commit, double, i));
  r->store_results_ms = bench_median ((double *) (gpointer) results->data, results->len);
  return TRUE;
}

/* Makes the log at least N_ENTRIES long (score writes may log less than a cell each). */
static gboolean
fill_log (ShequDatabase  *db,
          guint64         n_entries,
          EvalReport     *r,
          GError        **error)
{
  g_autoptr(GPtrArray) last = shequ_audit_list (db, NULL, 1, error);
  gint64 have, start;

  if (last == NULL)
    return FALSE;
  have = last->len > 0 ? ((ShequAuditRecord *) g_ptr_array_index (last, 0))->seq : 0;
  r->fill_s = 0;
  if ((guint64) have >= n_entries)
    return TRUE;
  start = g_get_monotonic_time ();
  if (!shequ_database_write (db, bench_fill_audit_log,
                             GUINT_TO_POINTER ((guint) (n_entries - have)), error))
    return FALSE;
  r->fill_s = (g_get_monotonic_time () - start) / 1e6;
  return TRUE;
}

/* shequ_audit_verify as "shequ-cli audit verify" runs it: a connection of its own,
 * opened read-only on the file after the writer closed it. */
static gboolean
time_verify (const char  *path,
             EvalReport  *r,
             GError     **error)
{
  g_autoptr(ShequDatabase) db = NULL;
  gint64 broken = -1, start;
  double cpu_start;

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                            error);
  if (db == NULL)
    return FALSE;
  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  if (!shequ_audit_verify (db, &r->audit_entries, &broken, error))
    return FALSE;
  r->verify_s = (g_get_monotonic_time () - start) / 1e6;
  r->verify_cpu_s = cpu_seconds () - cpu_start;
  return TRUE;
}

static void
print_eval_report (const EvalReport *r,
                   const char       *kept_path)
{
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

#define ADD(type, key, value) \
      G_STMT_START { \
        json_builder_set_member_name (builder, key); \
        json_builder_add_##type##_value (builder, value); \
      } G_STMT_END
      json_builder_begin_object (builder);
      ADD (int, "targets", r->targets);
      ADD (int, "indicators", r->indicators);
      ADD (int, "assessors", r->assessors);
      ADD (int, "history_periods", r->history);
      ADD (double, "build_s", r->build_s);
      ADD (double, "build_cpu_s", r->build_cpu_s);
      ADD (double, "recompute_ms", r->recompute_ms);
      ADD (double, "recompute_cpu_ms", r->recompute_cpu_ms);
      ADD (double, "compute_ms", r->compute_ms);
      ADD (int, "flags_fired", r->flags_fired);
      ADD (double, "store_results_ms", r->store_results_ms);
      ADD (double, "commit_cell_ms", r->commit_cell_ms);
      ADD (double, "commit_cell_max_ms", r->commit_cell_max_ms);
      ADD (int, "cells_committed", r->cells);
      ADD (int, "audit_entries", (gint64) r->audit_entries);
      ADD (double, "audit_fill_s", r->fill_s);
      ADD (double, "verify_s", r->verify_s);
      ADD (double, "verify_cpu_s", r->verify_cpu_s);
      /* The history's scores lengthen the log past the 1.5 million entries of 10,000 ×
       * 30 × 5: the same figure per million entries compares across sizes. */
      ADD (double, "verify_per_million_s",
           r->audit_entries > 0 ? r->verify_s * 1e6 / r->audit_entries : 0);
      if (kept_path != NULL)
        ADD (string, "database", kept_path);
#undef ADD
      json_builder_end_object (builder);
      print_json (builder);
      return;
    }
  g_print ("%-44s %u × %u × %u\n", _("Targets × indicators × assessors"), r->targets,
           r->indicators, r->assessors);
  g_print ("%-44s %.1f s (%.1f s CPU)\n", _("Build (org, set, period, every score)"),
           r->build_s, r->build_cpu_s);
  g_print ("%-44s %u\n", _("Closed periods before it"), r->history);
  g_print ("%-44s %.2f ms (%.2f ms CPU)\n", _("Recompute totals, bands, ranking, flags"),
           r->recompute_ms, r->recompute_cpu_ms);
  g_print ("%-44s %u\n", _("Flags fired"), r->flags_fired);
  g_print ("%-44s %.2f ms\n", _("  of which shequ_eval_compute"), r->compute_ms);
  g_print ("%-44s %.2f ms\n", _("Store results after a write, median"), r->store_results_ms);
  g_print ("%-44s %.3f ms\n", _("Commit one cell with its audit entry, median"),
           r->commit_cell_ms);
  g_print ("%-44s %.3f ms\n", _("Commit one cell, slowest"), r->commit_cell_max_ms);
  g_print ("%-44s %" G_GUINT64_FORMAT "\n", _("Audit entries"), r->audit_entries);
  g_print ("%-44s %.3f s (%.3f s CPU)\n", _("Verify the audit log"), r->verify_s,
           r->verify_cpu_s);
  if (kept_path != NULL)
    g_print ("%-44s %s\n", _("Database"), kept_path);
}

static gboolean
run_bench_eval (const char  *path,
                guint        runs,
                guint        cells,
                EvalReport  *r,
                GError     **error)
{
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(ShequEvalStore) store = NULL;
  gint64 period_id = 0, start;
  double cpu_start;

  workspace = shequ_workspace_open (path, SHEQU_DATABASE_FLAGS_CREATE |
                                    SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, error);
  if (workspace == NULL)
    return FALSE;
  store = shequ_eval_store_new (shequ_workspace_get_store (workspace), error);
  if (store == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  if (!shequ_eval_sample_populate_synthetic_history (store, r->targets, r->indicators,
                                                     r->assessors, r->history, &period_id,
                                                     error))
    return FALSE;
  r->build_s = (g_get_monotonic_time () - start) / 1e6;
  r->build_cpu_s = cpu_seconds () - cpu_start;

  time_recompute (store, period_id, runs, r);
  if (!time_commits (store, period_id, cells, r, error) ||
      !fill_log (shequ_eval_store_get_database (store),
                 (guint64) r->targets * r->indicators * r->assessors, r, error))
    return FALSE;
  g_clear_object (&store);
  g_clear_object (&workspace);
  return time_verify (path, r, error);
}

int
bench_eval (int argc, char **argv)
{
  int targets = 10000, indicators = 30, assessors = 5, runs = 7, cells = 200, history = 3;
  const GOptionEntry entries[] = {
    { "targets", 0, 0, G_OPTION_ARG_INT, &targets, N_("Targets (default 10000)"), N_("N") },
    { "indicators", 0, 0, G_OPTION_ARG_INT, &indicators, N_("Indicators (default 30)"), N_("N") },
    { "assessors", 0, 0, G_OPTION_ARG_INT, &assessors, N_("Assessors (default 5)"), N_("N") },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("Recompute runs (default 7)"), N_("N") },
    { "cells", 0, 0, G_OPTION_ARG_INT, &cells, N_("Single cells committed (default 200)"),
      N_("N") },
    { "history", 0, 0, G_OPTION_ARG_INT, &history,
      N_("Closed periods before the timed one, for the flag rules (default 3)"), N_("N") },
    { NULL }
  };
  EvalReport report = { 0 };
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  int status = 0;
  gboolean ok;

  if (!parse_options ("bench eval", NULL,
                      N_("Time the evaluation over a synthetic period (--db keeps it there)."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (targets < 1 || indicators < 1 || indicators > 1000 || assessors < 1 || runs < 1 ||
      cells < 1 || history < 0 || history > 40
      || (gint64) targets * indicators * assessors > G_MAXUINT)
    return fail_usage (_("--targets, --assessors, --runs and --cells take a positive number, "
                         "--indicators one from 1 to 1000, --history one from 0 to 40"));
  report.targets = targets;
  report.indicators = indicators;
  report.assessors = assessors;
  report.history = history;

  if (opt_db != NULL)
    {
      path = g_strdup (opt_db);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return fail (g_error_new (G_FILE_ERROR, G_FILE_ERROR_EXIST,
                                  _("%s exists; bench eval writes a new database"), path));
    }
  else
    {
      tmpdir = g_dir_make_tmp ("shequ-bench-eval-XXXXXX", &error);
      if (tmpdir == NULL)
        return fail (error);
      path = g_build_filename (tmpdir, "bench.db", NULL);
    }

  if (!opt_json)
    g_print (_("Building a synthetic evaluation of %d targets × %d indicators × %d assessors…\n"),
             targets, indicators, assessors);
  ok = run_bench_eval (path, runs, cells, &report, &error);
  if (ok)
    print_eval_report (&report, tmpdir == NULL ? path : NULL);
  if (tmpdir != NULL)
    bench_remove_tree (tmpdir);
  if (!ok)
    return fail (error);
  return EXIT_SUCCESS;
}
