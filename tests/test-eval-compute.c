/* test-eval-compute.c — totals, bands, trimmed means, ranks and flag rules of a period */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-eval-compute.h"

#define GREEN_MIN  85.0
#define ORANGE_MIN 70.0

/* Two indicators, 40 % out of 10 points and 60 % out of 20: a total is 4 a + 3 b, so
 * 85 is 8.5 and 17, 84.99 is 8.49 and 17.01 (33.96 + 51.03). */
static ShequEvalMatrix *
two_indicator_matrix (guint n_assessors,
                      guint n_targets)
{
  ShequEvalMatrix *m = shequ_eval_matrix_new (n_assessors, n_targets, 2);

  shequ_eval_matrix_set_indicator (m, 0, 40.0, 1000);
  shequ_eval_matrix_set_indicator (m, 1, 60.0, 2000);
  return m;
}

static void
set_row (ShequEvalMatrix *m,
         guint            assessor,
         guint            target,
         ShequScore       first,
         ShequScore       second)
{
  shequ_eval_matrix_set_assigned (m, assessor, target, TRUE);
  shequ_eval_matrix_set (m, assessor, target, 0, first);
  shequ_eval_matrix_set (m, assessor, target, 1, second);
}

static void
test_band_boundaries (void)
{
  /* Scores (hundredths) giving totals 85, 84.99, 70, 69.99, 100 and 0. */
  static const struct { ShequScore a, b; double total; ShequBand band; } cases[] = {
    { 850, 1700, 85.00, SHEQU_BAND_GREEN },
    { 849, 1701, 84.99, SHEQU_BAND_ORANGE },
    { 700, 1400, 70.00, SHEQU_BAND_ORANGE },
    { 699, 1401, 69.99, SHEQU_BAND_RED },
    { 1000, 2000, 100.00, SHEQU_BAND_GREEN },
    { 0, 0, 0.00, SHEQU_BAND_RED },
  };
  g_autoptr(ShequEvalMatrix) m = two_indicator_matrix (1, G_N_ELEMENTS (cases));
  g_autoptr(ShequEvalResults) r = shequ_eval_results_new (G_N_ELEMENTS (cases), 2);

  for (guint t = 0; t < G_N_ELEMENTS (cases); t++)
    set_row (m, 0, t, cases[t].a, cases[t].b);
  shequ_eval_compute (m, SHEQU_EVAL_COMBINE_MEAN, GREEN_MIN, ORANGE_MIN, r);

  for (guint t = 0; t < G_N_ELEMENTS (cases); t++)
    {
      guint n_filled = 99;

      g_assert_cmpfloat_with_epsilon (r->total[t], cases[t].total, 1e-9);
      /* Exactly the rounded value, so formatting and comparisons agree. */
      g_assert_cmpfloat (r->total[t], ==, shequ_eval_round_total (r->total[t]));
      g_assert_cmpint (r->band[t], ==, cases[t].band);
      g_assert_cmpfloat_with_epsilon (shequ_eval_matrix_row_total (m, 0, t, &n_filled),
                                      cases[t].total, 1e-9);
      g_assert_cmpuint (n_filled, ==, 2);
    }
  g_assert_cmpuint (r->n_band[SHEQU_BAND_GREEN], ==, 2);
  g_assert_cmpuint (r->n_band[SHEQU_BAND_ORANGE], ==, 2);
  g_assert_cmpuint (r->n_band[SHEQU_BAND_RED], ==, 2);
  g_assert_cmpuint (r->n_band[SHEQU_BAND_NONE], ==, 0);
  g_assert_cmpfloat_with_epsilon (r->combined[1 * 2 + 1], 17.01, 1e-9);
}

static void
test_trimmed_mean (void)
{
  ShequScore two[] = { 600, 900 };
  ShequScore three[] = { 900, 500, 800 };
  ShequScore five[] = { 1000, 200, 700, 800, 900 };
  ShequScore gaps[] = { SHEQU_SCORE_NONE, 900, SHEQU_SCORE_NONE, 500, 800 };
  ShequScore none[] = { SHEQU_SCORE_NONE, SHEQU_SCORE_NONE };

  /* Two values: trimming would leave nothing, so the plain mean. */
  g_assert_cmpfloat_with_epsilon (shequ_eval_combine_values (two, 2, SHEQU_EVAL_COMBINE_TRIMMED),
                                  7.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (shequ_eval_combine_values (three, 3, SHEQU_EVAL_COMBINE_TRIMMED),
                                  8.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (shequ_eval_combine_values (three, 3, SHEQU_EVAL_COMBINE_MEAN),
                                  22.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (shequ_eval_combine_values (five, 5, SHEQU_EVAL_COMBINE_TRIMMED),
                                  8.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (shequ_eval_combine_values (five, 5, SHEQU_EVAL_COMBINE_MEAN),
                                  7.2, 1e-12);
  /* Empty cells are not values: three present, trimmed to the middle one. */
  g_assert_cmpfloat_with_epsilon (shequ_eval_combine_values (gaps, 5, SHEQU_EVAL_COMBINE_TRIMMED),
                                  8.0, 1e-12);
  g_assert_true (isnan (shequ_eval_combine_values (none, 2, SHEQU_EVAL_COMBINE_MEAN)));
  g_assert_true (isnan (shequ_eval_combine_values (NULL, 0, SHEQU_EVAL_COMBINE_TRIMMED)));
}

static void
test_trimmed_compute (void)
{
  /* One indicator out of 100 weighing 100, five assessors on target 0, three on
   * target 1, two on target 2. */
  g_autoptr(ShequEvalMatrix) m = shequ_eval_matrix_new (5, 3, 1);
  g_autoptr(ShequEvalResults) mean = shequ_eval_results_new (3, 1);
  g_autoptr(ShequEvalResults) trimmed = shequ_eval_results_new (3, 1);
  static const ShequScore t0[] = { 10000, 2000, 7000, 8000, 9000 };
  static const ShequScore t1[] = { 9000, 5000, 8000 };
  static const ShequScore t2[] = { 6000, 9000 };

  shequ_eval_matrix_set_indicator (m, 0, 100.0, 10000);
  for (guint a = 0; a < 5; a++)
    {
      shequ_eval_matrix_set_assigned (m, a, 0, TRUE);
      shequ_eval_matrix_set (m, a, 0, 0, t0[a]);
    }
  for (guint a = 0; a < 3; a++)
    {
      shequ_eval_matrix_set_assigned (m, a + 2, 1, TRUE);
      shequ_eval_matrix_set (m, a + 2, 1, 0, t1[a]);
    }
  for (guint a = 0; a < 2; a++)
    {
      shequ_eval_matrix_set_assigned (m, a, 2, TRUE);
      shequ_eval_matrix_set (m, a, 2, 0, t2[a]);
    }
  shequ_eval_compute (m, SHEQU_EVAL_COMBINE_MEAN, GREEN_MIN, ORANGE_MIN, mean);
  shequ_eval_compute (m, SHEQU_EVAL_COMBINE_TRIMMED, GREEN_MIN, ORANGE_MIN, trimmed);

  g_assert_cmpfloat_with_epsilon (mean->total[0], 72.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (trimmed->total[0], 80.0, 1e-9);
  g_assert_cmpint (mean->band[0], ==, SHEQU_BAND_ORANGE);
  g_assert_cmpfloat_with_epsilon (mean->total[1], 73.33, 1e-9);
  g_assert_cmpfloat_with_epsilon (trimmed->total[1], 80.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (mean->total[2], 75.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (trimmed->total[2], 75.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (trimmed->combined[0], 80.0, 1e-9);
  g_assert_cmpuint (trimmed->n_cells[0], ==, 5);
  g_assert_cmpuint (trimmed->n_cells[1], ==, 3);
  g_assert_cmpuint (trimmed->n_filled[2], ==, 2);
}

static void
test_missing_scores (void)
{
  g_autoptr(ShequEvalMatrix) m = two_indicator_matrix (2, 4);
  g_autoptr(ShequEvalResults) r = shequ_eval_results_new (4, 2);

  set_row (m, 0, 0, 900, 1800);                /* 90 */
  set_row (m, 0, 1, 900, SHEQU_SCORE_NONE);    /* half filled */
  set_row (m, 0, 2, 500, 1000);                /* 50 */
  set_row (m, 1, 2, 500, SHEQU_SCORE_NONE);    /* second assessor misses a cell */
  /* Target 3: nobody grades it. */
  shequ_eval_compute (m, SHEQU_EVAL_COMBINE_MEAN, GREEN_MIN, ORANGE_MIN, r);

  g_assert_cmpfloat_with_epsilon (r->total[0], 90.0, 1e-9);
  g_assert_true (isnan (r->total[1]));
  g_assert_true (isnan (r->total[2]));
  g_assert_true (isnan (r->total[3]));
  g_assert_cmpint (r->band[1], ==, SHEQU_BAND_NONE);
  g_assert_cmpuint (r->rank[0], ==, 1);
  g_assert_cmpuint (r->rank[1], ==, 0);
  g_assert_cmpuint (r->rank[2], ==, 0);
  g_assert_cmpuint (r->rank[3], ==, 0);
  /* NAN totals last, in index order. */
  g_assert_cmpuint (r->order[0], ==, 0);
  g_assert_cmpuint (r->order[1], ==, 1);
  g_assert_cmpuint (r->order[2], ==, 2);
  g_assert_cmpuint (r->order[3], ==, 3);
  g_assert_cmpuint (r->n_band[SHEQU_BAND_NONE], ==, 3);
  g_assert_cmpuint (r->n_filled[1], ==, 1);
  g_assert_cmpuint (r->n_cells[1], ==, 2);
  g_assert_cmpuint (r->n_filled[2], ==, 3);
  g_assert_cmpuint (r->n_cells[2], ==, 4);
  g_assert_cmpuint (r->n_cells[3], ==, 0);
  /* The cell one assessor scored still has its combined score. */
  g_assert_cmpfloat_with_epsilon (r->combined[2 * 2 + 1], 10.0, 1e-9);
  g_assert_true (isnan (r->combined[1 * 2 + 1]));
  g_assert_true (isnan (shequ_eval_matrix_row_total (m, 1, 3, NULL)));
}

static void
test_ties_share_rank (void)
{
  g_autoptr(ShequEvalMatrix) m = two_indicator_matrix (1, 5);
  g_autoptr(ShequEvalResults) r = shequ_eval_results_new (5, 2);
  static const guint expected_order[] = { 1, 0, 3, 4, 2 };

  set_row (m, 0, 0, 800, 1600);  /* 80: ties with 3 */
  set_row (m, 0, 1, 900, 1800);  /* 90 */
  set_row (m, 0, 2, 600, 1200);  /* 60 */
  set_row (m, 0, 3, 800, 1600);  /* 80 */
  set_row (m, 0, 4, 700, 1500);  /* 73 */
  shequ_eval_compute (m, SHEQU_EVAL_COMBINE_MEAN, GREEN_MIN, ORANGE_MIN, r);

  g_assert_cmpuint (r->rank[1], ==, 1);
  g_assert_cmpuint (r->rank[0], ==, 2);
  g_assert_cmpuint (r->rank[3], ==, 2);
  g_assert_cmpuint (r->rank[4], ==, 4);
  g_assert_cmpuint (r->rank[2], ==, 5);
  for (guint k = 0; k < 5; k++)
    g_assert_cmpuint (r->order[k], ==, expected_order[k]);
}

static void
test_unassigned_ignored (void)
{
  g_autoptr(ShequEvalMatrix) m = two_indicator_matrix (3, 1);
  g_autoptr(ShequEvalResults) r = shequ_eval_results_new (1, 2);

  set_row (m, 0, 0, 900, 1800);
  set_row (m, 1, 0, 700, 1400);
  /* Assessor 2 has stale scores but no longer grades the target; nor, after this,
   * does assessor 1. */
  shequ_eval_matrix_set (m, 2, 0, 0, 0);
  shequ_eval_matrix_set (m, 2, 0, 1, 0);
  shequ_eval_matrix_set_assigned (m, 1, 0, FALSE);
  g_assert_false (shequ_eval_matrix_get_assigned (m, 1, 0));
  g_assert_false (shequ_eval_matrix_get_assigned (m, 2, 0));
  g_assert_true (shequ_eval_matrix_get_assigned (m, 0, 0));
  shequ_eval_compute (m, SHEQU_EVAL_COMBINE_MEAN, GREEN_MIN, ORANGE_MIN, r);

  g_assert_cmpfloat_with_epsilon (r->total[0], 90.0, 1e-9);
  g_assert_cmpuint (r->n_cells[0], ==, 2);
  g_assert_cmpint (r->band[0], ==, SHEQU_BAND_GREEN);

  shequ_eval_matrix_set_assigned (m, 1, 0, TRUE);
  shequ_eval_compute (m, SHEQU_EVAL_COMBINE_MEAN, GREEN_MIN, ORANGE_MIN, r);
  g_assert_cmpfloat_with_epsilon (r->total[0], 80.0, 1e-9);
  g_assert_cmpint (r->band[0], ==, SHEQU_BAND_ORANGE);
}

static void
test_matrix_accessors (void)
{
  g_autoptr(ShequEvalMatrix) m = shequ_eval_matrix_new (2, 3, 4);
  const ShequScore *row;

  g_assert_cmpuint (shequ_eval_matrix_get_n_assessors (m), ==, 2);
  g_assert_cmpuint (shequ_eval_matrix_get_n_targets (m), ==, 3);
  g_assert_cmpuint (shequ_eval_matrix_get_n_indicators (m), ==, 4);
  g_assert_cmpint (shequ_eval_matrix_get (m, 1, 2, 3), ==, SHEQU_SCORE_NONE);
  shequ_eval_matrix_set (m, 1, 2, 3, 725);
  shequ_eval_matrix_set (m, 1, 2, 0, 0);
  g_assert_cmpint (shequ_eval_matrix_get (m, 1, 2, 3), ==, 725);
  row = shequ_eval_matrix_get_row (m, 1, 2);
  g_assert_cmpint (row[0], ==, 0);
  g_assert_cmpint (row[1], ==, SHEQU_SCORE_NONE);
  g_assert_cmpint (row[3], ==, 725);
  g_assert_cmpint (shequ_eval_matrix_get (m, 0, 2, 3), ==, SHEQU_SCORE_NONE);
  g_assert_cmpint (shequ_eval_matrix_get (m, 1, 1, 3), ==, SHEQU_SCORE_NONE);
}

static ShequFlagRuleRow
rule (ShequBand band,
      guint     count,
      guint     within)
{
  ShequFlagRuleRow r = { 0, 0, band, count, within, SHEQU_FLAG_ACTION_INTERVIEW };

  return r;
}

#define G SHEQU_BAND_GREEN
#define O SHEQU_BAND_ORANGE
#define R SHEQU_BAND_RED
#define N SHEQU_BAND_NONE

static void
test_flag_rules (void)
{
  ShequFlagRuleRow red2 = rule (R, 2, 2);
  ShequFlagRuleRow orange3of4 = rule (O, 3, 4);
  ShequFlagRuleRow orange3 = rule (O, 3, 3);
  static const ShequBand red_red[] = { G, R, R };
  static const ShequBand red_gap[] = { R, G, R };
  static const ShequBand red_none[] = { R, N, R };
  static const ShequBand red_once[] = { R };
  static const ShequBand o_spread[] = { G, O, G, O, O };
  static const ShequBand o_too_old[] = { O, G, G, O, O };
  static const ShequBand o_short[] = { O, O };
  static const ShequBand o_short3[] = { O, O, O };
  static const ShequBand o_none[] = { O, O, N, O };
  static const ShequBand o_left[] = { O, O, O, G };

  g_assert_true (shequ_flag_rule_fires (&red2, red_red, 3));
  g_assert_false (shequ_flag_rule_fires (&red2, red_gap, 3));
  g_assert_false (shequ_flag_rule_fires (&red2, red_none, 3));
  /* One period only: fewer than WITHIN, and fewer than COUNT red. */
  g_assert_false (shequ_flag_rule_fires (&red2, red_once, 1));
  g_assert_false (shequ_flag_rule_fires (&red2, red_red, 0));
  /* The history cut short at the period being closed. */
  g_assert_false (shequ_flag_rule_fires (&red2, red_red, 2));

  g_assert_true (shequ_flag_rule_fires (&orange3of4, o_spread, 5));
  g_assert_false (shequ_flag_rule_fires (&orange3of4, o_too_old, 5));
  g_assert_false (shequ_flag_rule_fires (&orange3of4, o_short, 2));
  g_assert_true (shequ_flag_rule_fires (&orange3of4, o_short3, 3));
  g_assert_true (shequ_flag_rule_fires (&orange3of4, o_none, 4));
  /* Three orange within four, but the period being closed is green: no warning. */
  g_assert_false (shequ_flag_rule_fires (&orange3of4, o_left, 4));
  /* NONE breaks a run in a row. */
  g_assert_false (shequ_flag_rule_fires (&orange3, o_none, 4));
  g_assert_true (shequ_flag_rule_fires (&orange3, o_short3, 3));
  g_assert_false (shequ_flag_rule_fires (&orange3, o_spread, 5));
}

static void
test_compare_move (void)
{
  g_assert_cmpint (shequ_band_compare_move (R, O), ==, 1);
  g_assert_cmpint (shequ_band_compare_move (R, G), ==, 1);
  g_assert_cmpint (shequ_band_compare_move (O, G), ==, 1);
  g_assert_cmpint (shequ_band_compare_move (G, O), ==, -1);
  g_assert_cmpint (shequ_band_compare_move (G, R), ==, -1);
  g_assert_cmpint (shequ_band_compare_move (O, R), ==, -1);
  g_assert_cmpint (shequ_band_compare_move (O, O), ==, 0);
  g_assert_cmpint (shequ_band_compare_move (N, R), ==, 0);
  g_assert_cmpint (shequ_band_compare_move (G, N), ==, 0);
  g_assert_cmpint (shequ_band_compare_move (N, N), ==, 0);
}

/* ---- Random data against a naive reference ----------------------------------- */

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  ShequScore x = *(const ShequScore *) a, y = *(const ShequScore *) b;

  return (x > y) - (x < y);
}

/* Sorts the present values and drops the ends: the textbook trimmed mean. */
static double
reference_combine (const ShequScore *values,
                   guint             n,
                   gboolean          trimmed)
{
  ShequScore sorted[8];
  guint present = 0, from, to;
  double sum = 0.0;

  for (guint k = 0; k < n; k++)
    if (values[k] != SHEQU_SCORE_NONE)
      sorted[present++] = values[k];
  if (present == 0)
    return NAN;
  qsort (sorted, present, sizeof *sorted, compare_scores);
  from = 0;
  to = present;
  if (trimmed && present >= 3)
    {
      from = 1;
      to = present - 1;
    }
  for (guint k = from; k < to; k++)
    sum += sorted[k] / 100.0;
  return sum / (to - from);
}

typedef struct {
  guint  n_a, n_t, n_i;
  double weight[8];
  ShequScore max[8];
} RandomShape;

/* A fraction of 128-bit integers, for totals without float error. */
typedef struct {
  __int128 num, den;
} Fraction;

static __int128
gcd128 (__int128 a,
        __int128 b)
{
  while (b != 0)
    {
      __int128 r = a % b;

      a = b;
      b = r;
    }
  return a;
}

static void
fraction_add (Fraction *f,
              __int128  num,
              __int128  den)
{
  __int128 g;

  f->num = f->num * den + num * f->den;
  f->den *= den;
  g = gcd128 (f->num, f->den);
  if (g > 1)
    {
      f->num /= g;
      f->den /= g;
    }
}

/* The exact total in hundredths of the present VALUES of each indicator, rounded half
 * up; -1 when some assigned cell is empty or nobody grades the target. */
static gint64
reference_total (const ShequEvalMatrix *m,
                 const RandomShape     *shape,
                 guint                  t,
                 gboolean               trimmed)
{
  Fraction f = { 0, 1 };

  for (guint i = 0; i < shape->n_i; i++)
    {
      ShequScore values[8];
      guint n = 0;
      gint64 sum = 0;

      for (guint a = 0; a < shape->n_a; a++)
        if (shequ_eval_matrix_get_assigned (m, a, t))
          {
            values[n] = shequ_eval_matrix_get (m, a, t, i);
            if (values[n] == SHEQU_SCORE_NONE)
              return -1;
            n++;
          }
      if (n == 0)
        return -1;
      qsort (values, n, sizeof *values, compare_scores);
      for (guint k = (trimmed && n >= 3); k < (trimmed && n >= 3 ? n - 1 : n); k++)
        sum += values[k];
      if (trimmed && n >= 3)
        n -= 2;
      /* weight × (sum / n) / max, in hundredths of a point: × 100. */
      fraction_add (&f, (__int128) shape->weight[i] * sum * 100, (__int128) n * shape->max[i]);
    }
  return (gint64) ((2 * f.num + f.den) / (2 * f.den));
}

static void
reference_check (const ShequEvalMatrix *m,
                 const RandomShape     *shape,
                 gboolean               trimmed,
                 const ShequEvalResults *r)
{
  g_autofree double *total = g_new (double, shape->n_t);

  for (guint t = 0; t < shape->n_t; t++)
    {
      gboolean complete = FALSE;
      double sum = 0.0;

      for (guint i = 0; i < shape->n_i; i++)
        {
          ShequScore values[8];
          guint n = 0, n_assigned = 0;
          double c;

          for (guint a = 0; a < shape->n_a; a++)
            if (shequ_eval_matrix_get_assigned (m, a, t))
              {
                values[n++] = shequ_eval_matrix_get (m, a, t, i);
                n_assigned++;
              }
          c = reference_combine (values, n, trimmed);
          if (isnan (c))
            g_assert_true (isnan (r->combined[t * shape->n_i + i]));
          else
            g_assert_cmpfloat_with_epsilon (r->combined[t * shape->n_i + i], c, 1e-9);
          complete = (i == 0 ? n_assigned > 0 : complete);
          for (guint k = 0; k < n; k++)
            if (values[k] == SHEQU_SCORE_NONE)
              complete = FALSE;
          sum += shape->weight[i] * c / (shape->max[i] / 100.0);
        }
      total[t] = complete ? sum : NAN;
      if (isnan (total[t]))
        {
          g_assert_true (isnan (r->total[t]));
          g_assert_cmpint (reference_total (m, shape, t, trimmed), ==, -1);
        }
      else
        {
          g_assert_cmpfloat_with_epsilon (r->total[t], total[t], 0.005 + 1e-9);
          total[t] = reference_total (m, shape, t, trimmed) / 100.0;
          g_assert_cmpint ((gint64) llround (r->total[t] * 100.0), ==,
                           reference_total (m, shape, t, trimmed));
        }
      g_assert_cmpint (r->band[t], ==,
                       isnan (total[t]) ? SHEQU_BAND_NONE
                       : total[t] >= GREEN_MIN - 1e-9 ? SHEQU_BAND_GREEN
                       : total[t] >= ORANGE_MIN - 1e-9 ? SHEQU_BAND_ORANGE : SHEQU_BAND_RED);
    }

  /* Rank: one more than the number of targets with a strictly higher total. */
  for (guint t = 0; t < shape->n_t; t++)
    {
      guint higher = 0;

      if (isnan (total[t]))
        {
          g_assert_cmpuint (r->rank[t], ==, 0);
          continue;
        }
      for (guint u = 0; u < shape->n_t; u++)
        if (!isnan (total[u]) && total[u] > total[t] + 1e-6)
          higher++;
      g_assert_cmpuint (r->rank[t], ==, higher + 1);
    }
  /* Order: ranks ascending, ties by index, NAN last by index. */
  for (guint k = 1; k < shape->n_t; k++)
    {
      guint p = r->order[k - 1], q = r->order[k];
      guint rp = r->rank[p] ? r->rank[p] : G_MAXUINT, rq = r->rank[q] ? r->rank[q] : G_MAXUINT;

      g_assert_true (rp < rq || (rp == rq && p < q));
    }
}

static void
test_random_against_reference (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);

  for (guint round_ = 0; round_ < 40; round_++)
    {
      RandomShape shape = { 0 };
      g_autoptr(ShequEvalMatrix) m = NULL;
      g_autoptr(ShequEvalResults) mean = NULL;
      g_autoptr(ShequEvalResults) trimmed = NULL;
      double left = 100.0;

      shape.n_a = g_rand_int_range (rand, 1, 7);
      shape.n_t = g_rand_int_range (rand, 1, 60);
      shape.n_i = g_rand_int_range (rand, 1, 8);
      m = shequ_eval_matrix_new (shape.n_a, shape.n_t, shape.n_i);
      for (guint i = 0; i < shape.n_i; i++)
        {
          shape.weight[i] = i + 1 == shape.n_i ? left : g_rand_int_range (rand, 0, (int) left + 1);
          left -= shape.weight[i];
          shape.max[i] = g_rand_int_range (rand, 1, 21) * 100;
          shequ_eval_matrix_set_indicator (m, i, shape.weight[i], shape.max[i]);
        }
      for (guint a = 0; a < shape.n_a; a++)
        for (guint t = 0; t < shape.n_t; t++)
          {
            shequ_eval_matrix_set_assigned (m, a, t, g_rand_int_range (rand, 0, 4) != 0);
            for (guint i = 0; i < shape.n_i; i++)
              {
                /* Few distinct scores, so totals tie; now and then an empty cell. */
                ShequScore v = g_rand_int_range (rand, 0, 20) == 0 ? SHEQU_SCORE_NONE
                  : shape.max[i] * g_rand_int_range (rand, 5, 11) / 10;

                shequ_eval_matrix_set (m, a, t, i, v);
              }
          }
      mean = shequ_eval_results_new (shape.n_t, shape.n_i);
      trimmed = shequ_eval_results_new (shape.n_t, shape.n_i);
      shequ_eval_compute (m, SHEQU_EVAL_COMBINE_MEAN, GREEN_MIN, ORANGE_MIN, mean);
      shequ_eval_compute (m, SHEQU_EVAL_COMBINE_TRIMMED, GREEN_MIN, ORANGE_MIN, trimmed);
      reference_check (m, &shape, FALSE, mean);
      reference_check (m, &shape, TRUE, trimmed);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval-compute/band/boundaries", test_band_boundaries);
  g_test_add_func ("/eval-compute/combine/trimmed-mean", test_trimmed_mean);
  g_test_add_func ("/eval-compute/combine/trimmed-compute", test_trimmed_compute);
  g_test_add_func ("/eval-compute/total/missing", test_missing_scores);
  g_test_add_func ("/eval-compute/rank/ties", test_ties_share_rank);
  g_test_add_func ("/eval-compute/assigned/ignored", test_unassigned_ignored);
  g_test_add_func ("/eval-compute/matrix/accessors", test_matrix_accessors);
  g_test_add_func ("/eval-compute/flag/rules", test_flag_rules);
  g_test_add_func ("/eval-compute/band/move", test_compare_move);
  g_test_add_func ("/eval-compute/random/reference", test_random_against_reference);

  return g_test_run ();
}
