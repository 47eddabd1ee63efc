/* test-eval-synth.c — the benchmarks' synthetic evaluation: complete, the same each time */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-eval-sample.h"
#include "shequ-sample.h"
#include "shequ-test-util.h"

typedef struct {
  ShequTestDir    dir;
  ShequDatabase  *db;
  ShequOrgStore  *org;
  ShequEvalStore *store;
} Fixture;

static void
open_fixture (Fixture    *f,
              const char *name)
{
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&f->dir, "shequ-test-eval-synth-XXXXXX", name);
  f->org = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_CREATE |
                                  SHEQU_DATABASE_FLAGS_NO_BACKUP, &f->db);
  f->store = shequ_eval_store_new (f->org, &error);
  g_assert_no_error (error);
}

static void
close_fixture (Fixture *f)
{
  g_clear_object (&f->store);
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  shequ_test_dir_clear (&f->dir);
}

static gint64
populate (Fixture *f,
          guint    n_targets,
          guint    n_indicators,
          guint    n_assessors)
{
  g_autoptr(GError) error = NULL;
  gint64 period_id = 0;

  g_assert_true (shequ_eval_sample_populate_synthetic (f->store, n_targets, n_indicators,
                                                       n_assessors, &period_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (period_id, >, 0);
  return period_id;
}

static void
test_complete (void)
{
  Fixture f = { 0 };
  const ShequPeriodRow *period;
  const ShequEvalSetDef *set;
  const ShequEvalMatrix *matrix;
  const ShequEvalResults *results;
  gint64 period_id;
  guint n_bands = 0;

  open_fixture (&f, "synth.db");
  period_id = populate (&f, 40, 7, 3);

  period = shequ_eval_store_lookup_period (f.store, period_id);
  g_assert_cmpint (period->state, ==, SHEQU_PERIOD_STATE_SCORING);
  set = shequ_eval_store_lookup_set (f.store, period->set_id);
  g_assert_cmpuint (set->indicators->len, ==, 7);
  g_assert_cmpfloat_with_epsilon (shequ_eval_set_def_get_weight_sum (set), 100, 1e-9);
  g_assert_cmpuint (shequ_eval_store_get_assessors (f.store, period_id)->len, ==, 3);
  g_assert_cmpuint (shequ_eval_store_list_assessor_people (f.store)->len, ==, 3);

  /* Every cell of every assessor filled, each within its indicator's range. */
  matrix = shequ_eval_store_get_matrix (f.store, period_id);
  g_assert_cmpuint (shequ_eval_matrix_get_n_targets (matrix), ==, 40);
  for (guint a = 0; a < 3; a++)
    for (guint t = 0; t < 40; t++)
      {
        g_assert_true (shequ_eval_matrix_get_assigned (matrix, a, t));
        for (guint i = 0; i < 7; i++)
          {
            const ShequIndicatorRow *indicator = g_ptr_array_index (set->indicators, i);
            ShequScore value = shequ_eval_matrix_get (matrix, a, t, i);

            g_assert_cmpint (value, >=, 0);
            g_assert_cmpint (value, <=, indicator->max_score);
          }
      }

  /* Every target has a total, and the bands are not all the same. */
  results = shequ_eval_store_get_results (f.store, period_id);
  for (guint t = 0; t < 40; t++)
    g_assert_false (isnan (results->total[t]));
  for (guint b = SHEQU_BAND_GREEN; b < SHEQU_N_BANDS; b++)
    n_bands += results->n_band[b] > 0;
  g_assert_cmpuint (n_bands, >=, 2);
  close_fixture (&f);
}

/* Two databases built alike hold the same totals. */
static void
test_deterministic (void)
{
  Fixture a = { 0 }, b = { 0 };
  const ShequEvalResults *ra, *rb;
  gint64 pa, pb;

  open_fixture (&a, "a.db");
  open_fixture (&b, "b.db");
  pa = populate (&a, 25, 4, 2);
  pb = populate (&b, 25, 4, 2);
  ra = shequ_eval_store_get_results (a.store, pa);
  rb = shequ_eval_store_get_results (b.store, pb);
  g_assert_cmpuint (ra->n_targets, ==, rb->n_targets);
  g_assert_cmpmem (ra->total, ra->n_targets * sizeof (double),
                   rb->total, rb->n_targets * sizeof (double));
  close_fixture (&a);
  close_fixture (&b);
}

/* Over a street that has units and assessors already, those are used. */
static void
test_over_sample (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_units;

  open_fixture (&f, "sample.db");
  g_assert_true (shequ_sample_populate (f.org, &error));
  g_assert_no_error (error);
  n_units = shequ_org_store_get_n_units (f.org);
  populate (&f, 20, 3, 1);
  /* The sample has more than 20 communities and villages: no unit was added. */
  g_assert_cmpuint (shequ_org_store_get_n_units (f.org), ==, n_units);
  close_fixture (&f);
}

/* Closed quarters before the open one: a band history on which the flag rules fire. */
static void
test_history (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  const ShequPeriodRow *period, *earlier;
  gint64 period_id = 0;
  guint n_closed = 0;

  open_fixture (&f, "history.db");
  g_assert_true (shequ_eval_sample_populate_synthetic_history (f.store, 60, 4, 2, 3, &period_id,
                                                               &error));
  g_assert_no_error (error);
  period = shequ_eval_store_lookup_period (f.store, period_id);
  g_assert_cmpint (period->state, ==, SHEQU_PERIOD_STATE_SCORING);
  g_assert_cmpstr (period->starts, ==, "2026-07-01");
  for (earlier = shequ_eval_store_get_previous_period (f.store, period_id, FALSE);
       earlier != NULL;
       earlier = shequ_eval_store_get_previous_period (f.store, earlier->id, FALSE))
    {
      const ShequEvalResults *results = shequ_eval_store_get_results (f.store, earlier->id);

      g_assert_cmpint (earlier->state, ==, SHEQU_PERIOD_STATE_CLOSED);
      g_assert_cmpuint (shequ_eval_store_get_assessors (f.store, earlier->id)->len, ==, 1);
      g_assert_cmpuint (results->n_targets, ==, 60);
      n_closed++;
    }
  g_assert_cmpuint (n_closed, ==, 3);
  g_assert_cmpstr (shequ_eval_store_get_previous_period (f.store, period_id, FALSE)->starts, ==,
                   "2026-04-01");
  /* A third of the targets red in a period: some are red twice in a row. */
  g_assert_cmpuint (shequ_eval_store_get_flags (f.store)->len, >, 0);
  close_fixture (&f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/eval-synth/complete", test_complete);
  g_test_add_func ("/eval-synth/deterministic", test_deterministic);
  g_test_add_func ("/eval-synth/over-sample", test_over_sample);
  g_test_add_func ("/eval-synth/history", test_history);
  return g_test_run ();
}
