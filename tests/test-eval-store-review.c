/* test-eval-store-review.c — the eval store's answers to its review: weights of open
 * periods, flags not raised twice, the period before, overlaps, unassigning, messages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "eval-store-fixture.h"

static ShequEvalSetDef *
copy_set (Fixture *f,
          gint64   set_id)
{
  return shequ_eval_set_def_copy (shequ_eval_store_lookup_set (f->store, set_id));
}

static ShequIndicatorRow *
indicator_of (ShequEvalSetDef *def,
              guint            i)
{
  return g_ptr_array_index (def->indicators, i);
}

/* An open period's set keeps weights summing to 100, changed in place or as a new
 * version. */
static void
test_open_period_weights (Fixture       *f,
                          gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(ShequEvalSetDef) def = copy_set (f, set_id);
  g_autoptr(GError) error = NULL;
  gint64 jan = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1, feb, new_id = 0;
  guint n_log = count_audit (f, NULL);

  /* In place (nothing scored yet). */
  indicator_of (def, 1)->weight = 50;
  g_assert_false (shequ_eval_store_save_set (f->store, def, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_WEIGHTS);
  g_assert_nonnull (strstr (error->message, "一月"));
  g_clear_error (&error);
  g_assert_cmpfloat (shequ_eval_set_def_get_weight_sum (shequ_eval_store_lookup_set (f->store,
                                                                                     set_id)),
                     ==, 100);
  g_assert_cmpuint (count_audit (f, NULL), ==, n_log);

  /* A new version the open February would move to. */
  a1 = assign_all (f, jan, 0, SHEQU_EVAL_KIND_COMMUNITY);
  score (f, a1, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, indicator_id (f, jan, 0), "50");
  feb = open_period (f, set_id, "二月", "2026-02-01");
  g_assert_false (shequ_eval_store_save_set (f->store, def, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_WEIGHTS);
  g_assert_nonnull (strstr (error->message, "二月"));
  g_clear_error (&error);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, feb)->set_id, ==, set_id);

  /* Summing to 100 again: saved, February moves. */
  indicator_of (def, 0)->weight = 50;
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &new_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, feb)->set_id, ==, new_id);
}

/* Weights above 100 and non-finite ones are refused when the set is checked. */
static void
test_weight_cap (Fixture       *f,
                 gconstpointer  data)
{
  static const double weights[] = { 150, -50 };
  static const double ok[] = { 100, 0 };
  static const double maxes[] = { 10, 10 };
  g_autoptr(ShequEvalSetDef) def = NULL;
  g_autoptr(GError) error = NULL;
  gint64 set_id = make_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN, ok, maxes, 2);

  def = copy_set (f, set_id);
  indicator_of (def, 0)->weight = weights[0];
  g_assert_false (shequ_eval_store_save_set (f->store, def, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "指标1"));
  g_clear_error (&error);
  indicator_of (def, 0)->weight = INFINITY;
  g_assert_false (shequ_eval_store_save_set (f->store, def, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
}

/* A target red month after month is flagged once while the flag is open or interviewed;
 * once it is closed a new run flags it again. */
static void
test_flag_not_raised_twice (Fixture       *f,
                            gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(GError) error = NULL;
  const ShequFlagRow *flag;

  close_month (f, set_id, "一月", "2026-01-01", "10", NULL);
  close_month (f, set_id, "二月", "2026-02-01", "10", NULL);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 1);
  close_month (f, set_id, "三月", "2026-03-01", "10", NULL);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 1);
  flag = g_ptr_array_index (shequ_eval_store_get_flags (f->store), 0);
  g_assert_true (shequ_eval_store_set_flag_state (f->store, flag->id,
                                                  SHEQU_FLAG_STATE_INTERVIEWED, "已约谈", NULL,
                                                  &error));
  g_assert_no_error (error);
  close_month (f, set_id, "四月", "2026-04-01", "10", NULL);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 1);
  g_assert_true (shequ_eval_store_set_flag_state (f->store, flag->id, SHEQU_FLAG_STATE_CLOSED,
                                                  NULL, NULL, &error));
  g_assert_no_error (error);
  close_month (f, set_id, "五月", "2026-05-01", "10", NULL);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 2);
  flag = g_ptr_array_index (shequ_eval_store_get_flags (f->store), 0);
  g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_OPEN);
  g_assert_cmpstr (shequ_eval_store_lookup_period (f->store, flag->period_id)->label, ==, "五月");
  assert_audit_intact (f);
}

/* A flag closed by mistake can be reopened: closed → open is logged like any move, the
 * interview's note stays, and the flag can be closed again; interviewed → open is not. */
static void
test_flag_reopen (Fixture       *f,
                  gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const ShequAuditRecord *last;
  const ShequFlagRow *flag;
  guint n_flag_log;

  close_month (f, set_id, "一月", "2026-01-01", "10", NULL);
  close_month (f, set_id, "二月", "2026-02-01", "10", NULL);
  flag = g_ptr_array_index (shequ_eval_store_get_flags (f->store), 0);
  g_assert_true (shequ_eval_store_set_flag_state (f->store, flag->id,
                                                  SHEQU_FLAG_STATE_INTERVIEWED, "已约谈", NULL,
                                                  &error));
  g_assert_no_error (error);
  g_assert_false (shequ_eval_store_set_flag_state (f->store, flag->id, SHEQU_FLAG_STATE_OPEN,
                                                   NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (shequ_eval_store_set_flag_state (f->store, flag->id, SHEQU_FLAG_STATE_CLOSED,
                                                  NULL, NULL, &error));
  g_assert_no_error (error);
  n_flag_log = count_audit (f, "flag");
  g_assert_true (shequ_eval_store_set_flag_state (f->store, flag->id, SHEQU_FLAG_STATE_OPEN,
                                                  NULL, "张三", &error));
  g_assert_no_error (error);
  g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_OPEN);
  g_assert_cmpstr (flag->note, ==, "已约谈");
  g_assert_cmpuint (count_audit (f, "flag"), ==, n_flag_log + 1);
  records = shequ_audit_list (f->db, NULL, 0, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (records, 0);  /* newest first */
  g_assert_cmpstr (last->action, ==, "flag");
  g_assert_cmpstr (last->old_value, ==, "closed");
  g_assert_cmpstr (last->new_value, ==, "open");
  /* Open again, it moves on as any open flag does. */
  g_assert_true (shequ_eval_store_set_flag_state (f->store, flag->id, SHEQU_FLAG_STATE_CLOSED,
                                                  NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_CLOSED);
  assert_audit_intact (f);
}

/* An earlier period cannot be reopened while a later one of its family is closed: the
 * later one's flags stand on its bands. */
static void
test_reopen_earlier (Fixture       *f,
                     gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(GError) error = NULL;
  gint64 a_jan, a_feb, jan;
  guint n_log;

  jan = close_month (f, set_id, "一月", "2026-01-01", "10", &a_jan);
  close_month (f, set_id, "二月", "2026-02-01", "10", &a_feb);
  n_log = count_audit (f, NULL);
  g_assert_false (shequ_eval_store_reopen (f->store, a_jan, "更正", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "二月"));
  g_clear_error (&error);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, jan)->state, ==,
                   SHEQU_PERIOD_STATE_CLOSED);
  g_assert_cmpuint (count_audit (f, NULL), ==, n_log);
  /* February first, then January. */
  g_assert_true (shequ_eval_store_reopen (f->store, a_feb, "更正", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_reopen (f->store, a_jan, "更正", NULL, &error));
  g_assert_no_error (error);
}

/* A year period does not come before a month: the month before is. */
static void
test_previous_same_kind (Fixture       *f,
                         gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(GError) error = NULL;
  gint64 jan, year = 0, feb, a_year;

  jan = close_month (f, set_id, "一月", "2026-01-01", "50", NULL);
  g_assert_true (shequ_eval_store_open_period (f->store, set_id, SHEQU_PERIOD_KIND_YEAR,
                                               "2026年", "2026-01-01", "2026-12-31", NULL, &year,
                                               &error));
  g_assert_no_error (error);
  a_year = assign_all (f, year, 1, SHEQU_EVAL_KIND_COMMUNITY);
  score_all (f, year, a_year, SHEQU_EVAL_KIND_COMMUNITY, "50", "40");
  submit (f, a_year);
  feb = close_month (f, set_id, "二月", "2026-02-01", "50", NULL);
  g_assert_true (shequ_eval_store_get_previous_period (f->store, feb, FALSE) ==
                 shequ_eval_store_lookup_period (f->store, jan));
  g_assert_null (shequ_eval_store_get_previous_period (f->store, year, TRUE));
}

/* Periods of one family and kind do not overlap. */
static void
test_overlap (Fixture       *f,
              gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  open_period (f, set_id, "一月", "2026-01-01");
  g_assert_false (shequ_eval_store_open_period (f->store, set_id, SHEQU_PERIOD_KIND_MONTH,
                                                "一月下", "2026-01-28", "2026-02-10", NULL, &id,
                                                &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "一月"));
  g_assert_cmpuint (shequ_eval_store_get_periods (f->store)->len, ==, 1);
  g_clear_error (&error);
  /* The day after, or a quarter over it: fine. */
  g_assert_true (shequ_eval_store_open_period (f->store, set_id, SHEQU_PERIOD_KIND_MONTH,
                                               "二月", "2026-01-29", "2026-02-10", NULL, &id,
                                               &error));
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_open_period (f->store, set_id, SHEQU_PERIOD_KIND_QUARTER,
                                               "一季度", "2026-01-01", "2026-03-31", NULL, &id,
                                               &error));
  g_assert_no_error (error);
}

/* No category or guidance and "" are the same: saving again forks no version. */
static void
test_null_texts (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShequEvalSetDef) def = shequ_eval_set_def_new_default (SHEQU_EVAL_KIND_COMMUNITY,
                                                                   "考评");
  g_autoptr(GError) error = NULL;
  ShequIndicatorRow *row = shequ_indicator_row_new ();
  gint64 set_id = 0, again = 0, period, a1;

  row->code = g_strdup ("I01");
  row->name = g_strdup ("为民服务");
  row->weight = 100;
  row->max_score = 10000;
  g_ptr_array_add (def->indicators, row);
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &set_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (indicator_of ((ShequEvalSetDef *) shequ_eval_store_lookup_set (f->store,
                                                                                  set_id),
                                 0)->category, ==, "");
  period = open_period (f, set_id, "一月", "2026-01-01");
  a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  score (f, a1, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, indicator_id (f, period, 0), "90");
  /* Read back from the file ("" there), then saved again with NULL. */
  g_clear_object (&f->store);
  open_eval_store (f);
  def->set->id = set_id;
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, set_id);
  g_assert_cmpuint (count_audit (f, "set"), ==, 1);
}

/* Rule changes are logged rule by rule, old → new. */
static void
test_rule_log (Fixture       *f,
               gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(ShequEvalSetDef) def = copy_set (f, set_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  ShequFlagRuleRow *rule = g_ptr_array_index (def->flag_rules, 0);
  const ShequAuditRecord *last;

  rule->count = rule->within = 3;
  def->set->combine = SHEQU_EVAL_COMBINE_TRIMMED;
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, NULL, &error));
  g_assert_no_error (error);
  records = shequ_audit_list (f->db, NULL, 0, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (records, 0);  /* newest first */
  g_test_message ("%s", last->new_value);
  g_assert_nonnull (strstr (last->new_value, "rule 1 red 2/2 interview → red 3/3 interview"));
  g_assert_nonnull (strstr (last->new_value, "combine mean → trimmed"));
  g_assert_null (strstr (last->new_value, "rule 2"));
}

/* Messages name what they are about. */
static void
test_messages (Fixture       *f,
               gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 period = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  g_autoptr(GError) error = NULL;
  gint64 missing = 9999;

  g_assert_false (shequ_eval_store_set_score (f->store, a1,
                                              target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id,
                                              indicator_id (f, period, 0), -150, NULL, NULL,
                                              &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "-1.5"));
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_set_score (f->store, a1, missing, indicator_id (f, period, 0),
                                              500, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "9999"));
  g_assert_nonnull (strstr (error->message, "一月"));
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_assign (f->store, period,
                                           shequ_person_get_id (assessor_person (f, 1)), &missing,
                                           1, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "一月"));
}

/* An assessor taken off a period: their scores go, and the others' submits close it. An
 * assessor without targets is not waited for. */
static void
test_unassign (Fixture       *f,
               gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 period = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  gint64 a2 = assign_all (f, period, 1, SHEQU_EVAL_KIND_COMMUNITY);
  gint64 a3 = 0, a4 = 0;
  g_autoptr(GError) error = NULL;
  ShequScore value;

  g_assert_true (shequ_eval_store_assign (f->store, period,
                                          shequ_person_get_id (assessor_person (f, 2)), NULL, 0,
                                          NULL, &a3, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_assign (f->store, period,
                                          shequ_person_get_id (assessor_person (f, 3)), NULL, 0,
                                          NULL, &a4, &error));
  g_assert_no_error (error);
  score_all (f, period, a1, SHEQU_EVAL_KIND_COMMUNITY, "50", "40");
  score_all (f, period, a2, SHEQU_EVAL_KIND_COMMUNITY, "10", "10");
  submit (f, a1);
  g_assert_true (shequ_eval_store_unassign (f->store, a1, NULL, &error) == FALSE);
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_SUBMITTED);
  g_clear_error (&error);
  g_assert_true (shequ_eval_store_unassign (f->store, a2, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (shequ_eval_store_lookup_assessor (f->store, a2));
  g_assert_cmpuint (shequ_eval_store_get_assessors (f->store, period)->len, ==, 3);
  g_assert_cmpuint (count_audit (f, "unassign"), ==, 1);
  g_assert_false (shequ_eval_store_get_score (f->store, a2,
                                              target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id,
                                              indicator_id (f, period, 0), &value, NULL));
  g_assert_cmpfloat_with_epsilon (total_of (f, period, target (f, SHEQU_EVAL_KIND_COMMUNITY,
                                                               0)->id, NULL), 90, 1e-9);
  /* A3 and A4 grade nothing: A3's submit closes the period. */
  submit (f, a3);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, period)->state, ==,
                   SHEQU_PERIOD_STATE_CLOSED);
  g_assert_false (shequ_eval_store_unassign (f->store, a4, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_unassign (f->store, 4242, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND);
  assert_audit_intact (f);

  /* What memory holds is what the file holds. */
  g_clear_object (&f->store);
  open_eval_store (f);
  g_assert_cmpuint (shequ_eval_store_get_assessors (f->store, period)->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (total_of (f, period, target (f, SHEQU_EVAL_KIND_COMMUNITY,
                                                               0)->id, NULL), 90, 1e-9);
}

/* A band or flag rule changed after scoring makes a new version; the closed period
 * keeps its results, bands and set. */
static void
test_rule_change_versions (Fixture       *f,
                           gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 t1 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id;
  gint64 t2 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 1)->id;
  g_autoptr(ShequEvalSetDef) def = NULL;
  g_autoptr(GError) error = NULL;
  gint64 jan, banded = 0, ruled = 0;
  ShequBand band;

  jan = close_month (f, set_id, "一月", "2026-01-01", "40", NULL);  /* t1 80, the rest 90 */
  g_assert_cmpfloat_with_epsilon (total_of (f, jan, t1, &band), 80, 1e-9);
  g_assert_cmpint (band, ==, SHEQU_BAND_ORANGE);

  def = copy_set (f, set_id);
  def->set->green_min = 95;
  def->set->orange_min = 85;
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &banded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (banded, !=, set_id);
  g_assert_cmpuint (shequ_eval_store_lookup_set (f->store, banded)->set->version, ==, 2);
  g_clear_pointer (&def, shequ_eval_set_def_free);

  def = copy_set (f, banded);
  ((ShequFlagRuleRow *) g_ptr_array_index (def->flag_rules, 0))->count = 1;
  ((ShequFlagRuleRow *) g_ptr_array_index (def->flag_rules, 0))->within = 1;
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &ruled, &error));
  g_assert_no_error (error);
  /* No period scored with version 2: changed in place. */
  g_assert_cmpint (ruled, ==, banded);

  /* January as it was: its set, totals and bands under 85/70. */
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, jan)->set_id, ==, set_id);
  g_assert_cmpfloat_with_epsilon (total_of (f, jan, t1, &band), 80, 1e-9);
  g_assert_cmpint (band, ==, SHEQU_BAND_ORANGE);
  g_assert_cmpfloat_with_epsilon (total_of (f, jan, t2, &band), 90, 1e-9);
  g_assert_cmpint (band, ==, SHEQU_BAND_GREEN);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 0);
  assert_audit_intact (f);
}

/* Reopening a sheet not submitted is refused; reopening one in a period still scoring
 * leaves the period scoring and the flags alone. */
static void
test_reopen_scoring (Fixture       *f,
                     gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(GError) error = NULL;
  gint64 march, a1, a2;
  guint n_log;

  close_month (f, set_id, "一月", "2026-01-01", "10", NULL);
  close_month (f, set_id, "二月", "2026-02-01", "10", NULL);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 1);
  march = open_period (f, set_id, "三月", "2026-03-01");
  a1 = assign_all (f, march, 0, SHEQU_EVAL_KIND_COMMUNITY);
  a2 = assign_all (f, march, 1, SHEQU_EVAL_KIND_COMMUNITY);
  score_all (f, march, a1, SHEQU_EVAL_KIND_COMMUNITY, "50", "40");
  n_log = count_audit (f, NULL);
  g_assert_false (shequ_eval_store_reopen (f->store, a2, "更正", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (f, NULL), ==, n_log);

  submit (f, a1);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, march)->state, ==,
                   SHEQU_PERIOD_STATE_SCORING);
  g_assert_true (shequ_eval_store_reopen (f->store, a1, "更正", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, march)->state, ==,
                   SHEQU_PERIOD_STATE_SCORING);
  g_assert_null (shequ_eval_store_lookup_assessor (f->store, a1)->submitted_at);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 1);
  g_assert_cmpint (((ShequFlagRow *) g_ptr_array_index (shequ_eval_store_get_flags (f->store),
                                                        0))->state, ==, SHEQU_FLAG_STATE_OPEN);
  g_assert_cmpuint (count_audit (f, "reopen"), ==, 1);
  g_assert_cmpuint (count_audit (f, "flag"), ==, 1);
}

typedef struct {
  Fixture   *f;
  GPtrArray *seen;   /* what get_targets gave inside "changed" */
} Reentry;

static void
on_changed_get_targets (ShequEvalStore *store,
                        gint64          period_id,
                        guint           what,
                        gpointer        user_data)
{
  Reentry *reentry = user_data;

  if (period_id == 0 && what == g_quark_from_string ("sets"))
    reentry->seen = shequ_eval_store_get_targets (store, SHEQU_EVAL_KIND_COMMUNITY);
}

/* get_targets making a new target reloads what another program committed: the
 * "changed" that says so comes after it keeps its result, so a handler asking again
 * gets the same array. */
static void
test_targets_reentry (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ShequDatabase) db2 = NULL;
  g_autoptr(ShequOrgStore) org2 = NULL;
  g_autoptr(ShequEvalStore) other = NULL;
  g_autoptr(GError) error = NULL;
  Reentry reentry = { f, NULL };
  GPtrArray *targets;
  ShequUnit *area;

  g_assert_cmpuint (shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_COMMUNITY)->len, ==,
                    4);
  org2 = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &db2);
  other = shequ_eval_store_new (org2, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ShequEvalSetDef) def = shequ_eval_set_def_new_default (SHEQU_EVAL_KIND_CADRE,
                                                                     "干部");

    g_assert_true (shequ_eval_store_save_set (other, def, "other", NULL, &error));
    g_assert_no_error (error);
  }
  area = shequ_org_store_lookup_unit (f->org, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->area_id);
  shequ_test_add_unit (f->org, area, SHEQU_TIER_COMMUNITY, "新社区", 0, 0);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_get_targets), &reentry);
  targets = shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_COMMUNITY);
  g_signal_handlers_disconnect_by_data (f->store, &reentry);
  g_assert_cmpuint (targets->len, ==, 5);
  g_assert_true (reentry.seen == targets);
  g_assert_cmpuint (shequ_eval_store_get_sets (f->store)->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/eval-store-review/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("set/open-period-weights", test_open_period_weights);
  ADD ("set/weight-cap", test_weight_cap);
  ADD ("set/null-texts", test_null_texts);
  ADD ("set/rule-log", test_rule_log);
  ADD ("flags/not-raised-twice", test_flag_not_raised_twice);
  ADD ("flags/reopen", test_flag_reopen);
  ADD ("period/reopen-earlier", test_reopen_earlier);
  ADD ("period/previous-same-kind", test_previous_same_kind);
  ADD ("period/overlap", test_overlap);
  ADD ("messages", test_messages);
  ADD ("unassign", test_unassign);
  ADD ("set/rule-change-versions", test_rule_change_versions);
  ADD ("period/reopen-scoring", test_reopen_scoring);
  ADD ("targets/reentry", test_targets_reentry);
#undef ADD

  return g_test_run ();
}
