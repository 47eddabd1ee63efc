/* test-eval-store.c — the evaluation store: sets, periods, scores, locks, flags, results */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "eval-store-fixture.h"

/* ---- Sets and versions --------------------------------------------------------------- */

static void
test_set_versions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShequEvalSetDef) def = NULL;
  g_autoptr(GError) error = NULL;
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 same_id = 0, new_id = 0, scored, waiting, assessor;
  const ShequEvalSetDef *saved = shequ_eval_store_lookup_set (f->store, set_id);

  g_assert_cmpuint (shequ_eval_store_get_sets (f->store)->len, ==, 1);
  g_assert_cmpuint (saved->indicators->len, ==, 2);
  g_assert_cmpuint (saved->flag_rules->len, ==, 2);
  g_assert_cmpint (saved->set->family, ==, set_id);
  g_assert_cmpuint (saved->set->version, ==, 1);

  /* Before any scoring: changed in place. */
  def = shequ_eval_set_def_copy (saved);
  g_free (def->set->name);
  def->set->name = g_strdup ("社区考评");
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &same_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (same_id, ==, set_id);
  g_assert_cmpstr (shequ_eval_store_lookup_set (f->store, set_id)->set->name, ==, "社区考评");
  g_clear_pointer (&def, shequ_eval_set_def_free);

  /* An open period with an assessor follows a change in place: a third indicator. */
  scored = open_period (f, set_id, "一月", "2026-01-01");
  assessor = assign_all (f, scored, 0, SHEQU_EVAL_KIND_COMMUNITY);
  def = shequ_eval_set_def_copy (shequ_eval_store_lookup_set (f->store, set_id));
  g_ptr_array_add (def->indicators, shequ_indicator_row_copy (g_ptr_array_index (def->indicators,
                                                                                 1)));
  g_free (((ShequIndicatorRow *) g_ptr_array_index (def->indicators, 2))->code);
  ((ShequIndicatorRow *) g_ptr_array_index (def->indicators, 2))->code = g_strdup ("I03");
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &same_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (same_id, ==, set_id);
  g_assert_cmpuint (shequ_eval_matrix_get_n_indicators (
                      shequ_eval_store_get_matrix (f->store, scored)), ==, 3);
  g_ptr_array_remove_index (def->indicators, 2);
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &same_id, &error));
  g_assert_cmpuint (shequ_eval_matrix_get_n_indicators (
                      shequ_eval_store_get_matrix (f->store, scored)), ==, 2);
  g_clear_pointer (&def, shequ_eval_set_def_free);

  /* Once a period scored with it, a change makes version 2; the open one moves. */
  waiting = open_period (f, set_id, "二月", "2026-02-01");
  score (f, assessor, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, indicator_id (f, scored, 0),
         "50");
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, scored)->state, ==,
                   SHEQU_PERIOD_STATE_SCORING);
  def = shequ_eval_set_def_copy (shequ_eval_store_lookup_set (f->store, set_id));
  ((ShequIndicatorRow *) g_ptr_array_index (def->indicators, 0))->weight = 50;
  ((ShequIndicatorRow *) g_ptr_array_index (def->indicators, 1))->weight = 50;
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &new_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (new_id, !=, set_id);
  g_assert_cmpuint (shequ_eval_store_lookup_set (f->store, new_id)->set->version, ==, 2);
  g_assert_cmpint (shequ_eval_store_lookup_set (f->store, new_id)->set->family, ==, set_id);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, scored)->set_id, ==, set_id);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, waiting)->set_id, ==, new_id);
  g_assert_cmpuint (shequ_eval_store_get_sets (f->store)->len, ==, 1);
  g_assert_true (g_ptr_array_index (shequ_eval_store_get_sets (f->store), 0) ==
                 shequ_eval_store_lookup_set (f->store, new_id));
  /* The old version is as it was. */
  g_assert_cmpfloat (((ShequIndicatorRow *) g_ptr_array_index (
                        shequ_eval_store_lookup_set (f->store, set_id)->indicators, 0))->weight,
                     ==, 60);
  /* Saving what is there writes nothing. */
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &same_id, &error));
  g_assert_cmpint (same_id, ==, new_id);
  g_assert_cmpuint (count_audit (f, "set"), ==, 5);
  assert_audit_intact (f);
}

static void
test_set_invalid (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ShequEvalSetDef) def = shequ_eval_set_def_new_default (SHEQU_EVAL_KIND_CADRE, "");
  g_autoptr(GError) error = NULL;
  ShequIndicatorRow *row = shequ_indicator_row_new ();

  g_assert_false (shequ_eval_store_save_set (f->store, def, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_free (def->set->name);
  def->set->name = g_strdup ("干部考评");
  row->code = g_strdup ("I01");
  row->name = g_strdup ("转作风");
  row->weight = 100;
  row->max_score = 0;
  g_ptr_array_add (def->indicators, row);
  g_assert_false (shequ_eval_store_save_set (f->store, def, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "转作风"));
  g_clear_error (&error);
  row->max_score = 1000;
  def->set->orange_min = 90;
  g_assert_false (shequ_eval_store_save_set (f->store, def, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_cmpuint (shequ_eval_store_get_sets (f->store)->len, ==, 0);
  g_assert_cmpuint (count_audit (f, NULL), ==, 0);
}

static void
test_period_weights (Fixture       *f,
                     gconstpointer  data)
{
  static const double weights_low[] = { 60, 39.9 };
  static const double weights_high[] = { 60, 40.1 };
  static const double maxes[] = { 60, 40 };
  gint64 low = make_set (f, SHEQU_EVAL_KIND_CADRE, SHEQU_EVAL_COMBINE_MEAN, weights_low, maxes, 2);
  gint64 high = make_set (f, SHEQU_EVAL_KIND_CADRE, SHEQU_EVAL_COMBINE_MEAN, weights_high, maxes,
                          2);
  gint64 good = make_simple_set (f, SHEQU_EVAL_KIND_CADRE, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_false (shequ_eval_store_open_period (f->store, low, SHEQU_PERIOD_KIND_MONTH, "一月",
                                                "2026-01-01", "2026-01-31", NULL, &id, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_WEIGHTS);
  g_assert_nonnull (strstr (error->message, "99.9"));
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_open_period (f->store, high, SHEQU_PERIOD_KIND_MONTH, "一月",
                                                "2026-01-01", "2026-01-31", NULL, &id, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_WEIGHTS);
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_open_period (f->store, good, SHEQU_PERIOD_KIND_MONTH, "一月",
                                                "2026-01-31", "2026-01-01", NULL, &id, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_open_period (f->store, good, SHEQU_PERIOD_KIND_MONTH, "一月",
                                                "2026-02-30", "2026-03-01", NULL, &id, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_open_period (f->store, good, SHEQU_PERIOD_KIND_MONTH, " ",
                                                "2026-01-01", "2026-01-31", NULL, &id, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (shequ_eval_store_get_periods (f->store)->len, ==, 0);

  g_assert_true (shequ_eval_store_open_period (f->store, good, SHEQU_PERIOD_KIND_MONTH, "一月",
                                               "2026-01-01", "2026-01-31", NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_eval_store_get_periods (f->store)->len, ==, 1);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, id)->state, ==,
                   SHEQU_PERIOD_STATE_OPEN);
  g_assert_cmpuint (count_audit (f, "period-open"), ==, 1);
}

/* ---- Targets and assessors ------------------------------------------------------------ */

static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  GPtrArray *cadres = shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_CADRE);
  GPtrArray *communities = shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_COMMUNITY);
  g_autoptr(GError) error = NULL;
  const ShequEvalTargetRow *first;
  gint64 period, target_id;

  /* Three secretaries, three cadres, one director; three communities and a village. */
  g_assert_cmpuint (cadres->len, ==, 7);
  g_assert_cmpuint (communities->len, ==, 4);
  first = g_ptr_array_index (cadres, 0);
  g_assert_cmpint (first->kind, ==, SHEQU_EVAL_KIND_CADRE);
  g_assert_cmpint (first->person_id, >, 0);
  g_assert_nonnull (strchr (first->code, '/'));
  g_assert_cmpint (first->area_id, >, 0);
  g_assert_true (shequ_eval_store_lookup_target (f->store, first->id) == first);
  /* Made once: asked again, the same rows. */
  g_assert_true (shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_CADRE) == cadres);

  period = open_period (f, make_simple_set (f, SHEQU_EVAL_KIND_CADRE, SHEQU_EVAL_COMBINE_MEAN),
                        "一月", "2026-01-01");
  /* Not an assessor: the grid worker, the last person made. */
  {
    GListModel *people = shequ_org_store_get_people (f->org);
    g_autoptr(ShequPerson) worker = g_list_model_get_item (people,
                                                           g_list_model_get_n_items (people) - 1);

    target_id = first->id;
    g_assert_false (shequ_eval_store_assign (f->store, period, shequ_person_get_id (worker),
                                             &target_id, 1, NULL, NULL, &error));
    g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_ASSESSOR);
    g_clear_error (&error);
  }
  /* A community is not a cadre. */
  target_id = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id;
  g_assert_false (shequ_eval_store_assign (f->store, period,
                                           shequ_person_get_id (assessor_person (f, 0)),
                                           &target_id, 1, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (shequ_eval_store_get_assessors (f->store, period)->len, ==, 0);

  assign_all (f, period, 1, SHEQU_EVAL_KIND_CADRE);
  assign_all (f, period, 0, SHEQU_EVAL_KIND_CADRE);
  assign_all (f, period, 0, SHEQU_EVAL_KIND_CADRE);
  g_assert_cmpuint (shequ_eval_store_get_assessors (f->store, period)->len, ==, 2);
  g_assert_cmpuint (shequ_eval_store_get_period_targets (f->store, period)->len, ==, 7);
  g_assert_cmpstr (((ShequAssessorRow *) g_ptr_array_index (
                      shequ_eval_store_get_assessors (f->store, period), 0))->name, ==,
                   shequ_person_get_name (assessor_person (f, 0)));
  g_assert_cmpuint (count_audit (f, "assign"), ==, 2);
}

/* ---- Scores ------------------------------------------------------------------------ */

static void
test_score_checks (Fixture       *f,
                   gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 period = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  gint64 t1 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id;
  gint64 i1 = indicator_id (f, period, 0);
  g_autoptr(GError) error = NULL;
  ShequScore value = 0;
  const char *comment = NULL;
  gint64 a2;

  g_assert_false (try_score (f, a1, t1, i1, "60.01", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "指标1"));
  g_assert_nonnull (strstr (error->message, "社区1"));
  g_assert_nonnull (strstr (error->message, "一月"));
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_set_score (f->store, a1, t1, i1, -100, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_RANGE);
  g_clear_error (&error);
  /* Below 0.6 × 60 = 36 a comment is needed. */
  g_assert_false (try_score (f, a1, t1, i1, "35.99", "  ", &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_COMMENT);
  g_clear_error (&error);
  g_assert_true (try_score (f, a1, t1, i1, "36", NULL, &error));
  g_assert_true (try_score (f, a1, t1, i1, "35.99", "台账不全", &error));
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_get_score (f->store, a1, t1, i1, &value, &comment));
  g_assert_cmpint (value, ==, 3599);
  g_assert_cmpstr (comment, ==, "台账不全");
  g_assert_true (try_score (f, a1, t1, i1, "60", NULL, &error));

  /* Assessor 2 grades only the second community. */
  {
    gint64 t2 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 1)->id;

    g_assert_true (shequ_eval_store_assign (f->store, period,
                                            shequ_person_get_id (assessor_person (f, 1)),
                                            &t2, 1, NULL, &a2, &error));
    g_assert_false (try_score (f, a2, t1, i1, "50", NULL, &error));
    g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_ASSIGNED);
    g_clear_error (&error);
    score (f, a2, t2, i1, "50");
  }
  g_assert_false (try_score (f, a1, t1, 999999, "50", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Assessor 1 kept their cell through the re-layout. */
  g_assert_true (shequ_eval_store_get_score (f->store, a1, t1, i1, &value, NULL));
  g_assert_cmpint (value, ==, 6000);

  /* The same value again logs nothing; clearing logs. */
  {
    guint before = count_audit (f, "score");

    g_assert_true (try_score (f, a1, t1, i1, "60", NULL, &error));
    g_assert_cmpuint (count_audit (f, "score"), ==, before);
    g_assert_true (try_score (f, a1, t1, i1, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (shequ_eval_store_get_score (f->store, a1, t1, i1, &value, NULL));
    g_assert_cmpint (value, ==, SHEQU_SCORE_NONE);
    g_assert_cmpuint (count_audit (f, "score"), ==, before + 1);
  }
  /* Four scores and a clear: five entries, each naming the target. */
  g_assert_cmpuint (count_audit (f, "score"), ==, 5);
  {
    g_autofree char *name = g_strdup_printf ("eval-target:%" G_GINT64_FORMAT, t1);
    g_autoptr(GPtrArray) records = shequ_audit_list (f->db, name, 0, &error);
    ShequAuditRecord *last = g_ptr_array_index (records, 0);

    g_assert_cmpuint (records->len, ==, 4);
    g_assert_cmpstr (last->action, ==, "score");
    g_assert_cmpstr (last->actor, ==, "tester");
    g_assert_nonnull (strstr (last->old_value, "I01: 60"));
    g_assert_null (last->new_value);
  }
  assert_audit_intact (f);
}

static void
test_scores_all_or_nothing (Fixture       *f,
                            gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_CADRE, SHEQU_EVAL_COMBINE_MEAN);
  gint64 period = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_CADRE);
  GPtrArray *targets = shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_CADRE);
  ShequScoreEdit edits[50];
  g_autoptr(GError) error = NULL;
  guint before = count_audit (f, NULL);
  guint bad = 0;

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    edits[i] = (ShequScoreEdit) {
      a1, ((const ShequEvalTargetRow *) g_ptr_array_index (targets, i % targets->len))->id,
      indicator_id (f, period, i % 2), 3000 + (ShequScore) i, "说明" };
  edits[37].value = 4001;  /* indicator 2: at most 40 */
  g_assert_false (shequ_eval_store_set_scores (f->store, edits, G_N_ELEMENTS (edits), NULL, &bad,
                                               &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_RANGE);
  g_assert_cmpuint (bad, ==, 37);
  g_assert_cmpuint (count_audit (f, NULL), ==, before);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    g_assert_false (shequ_eval_store_get_score (f->store, a1, edits[i].target_id,
                                                edits[i].indicator_id, NULL, NULL));
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, period)->state, ==,
                   SHEQU_PERIOD_STATE_OPEN);
  g_clear_error (&error);

  /* Fixed, it goes in whole: the later edit of a cell wins, one entry per change. */
  edits[37].value = 4000;
  g_assert_true (shequ_eval_store_set_scores (f->store, edits, G_N_ELEMENTS (edits), NULL, &bad,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (f, "score"), ==, 50);
  {
    ShequScore value = 0;

    /* Edits 0 and 14 are the same cell (7 targets × 2 indicators). */
    g_assert_true (shequ_eval_store_get_score (f->store, a1, edits[14].target_id,
                                               edits[14].indicator_id, &value, NULL));
    g_assert_cmpint (value, ==, edits[42].value);
  }
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, period)->state, ==,
                   SHEQU_PERIOD_STATE_SCORING);
  assert_audit_intact (f);
}

/* ---- Locks, closing, flags ----------------------------------------------------------- */

static void
test_locks (Fixture       *f,
            gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 period = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  gint64 a2 = assign_all (f, period, 1, SHEQU_EVAL_KIND_COMMUNITY);
  gint64 t1 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id;
  gint64 i1 = indicator_id (f, period, 0);
  g_autoptr(GError) error = NULL;

  score_all (f, period, a1, SHEQU_EVAL_KIND_COMMUNITY, "50", "35");
  score (f, a2, t1, i1, "50");
  /* Seven cells of assessor 2 are empty. */
  g_assert_false (shequ_eval_store_submit (f->store, a2, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "7"));
  g_clear_error (&error);
  g_assert_null (shequ_eval_store_lookup_assessor (f->store, a2)->submitted_at);

  submit (f, a1);
  g_assert_nonnull (shequ_eval_store_lookup_assessor (f->store, a1)->submitted_at);
  g_assert_false (try_score (f, a1, t1, i1, "49", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_SUBMITTED);
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_submit (f->store, a1, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_SUBMITTED);
  g_clear_error (&error);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, period)->state, ==,
                   SHEQU_PERIOD_STATE_SCORING);

  score_all (f, period, a2, SHEQU_EVAL_KIND_COMMUNITY, "55", "35");
  submit (f, a2);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, period)->state, ==,
                   SHEQU_PERIOD_STATE_CLOSED);
  g_assert_false (try_score (f, a2, t1, i1, "49", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_assign (f->store, period,
                                           shequ_person_get_id (assessor_person (f, 2)),
                                           &t1, 1, NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (f, "submit"), ==, 2);
  g_assert_cmpuint (count_audit (f, "period-close"), ==, 1);
  assert_audit_intact (f);
}

/* Community 1 red in January and February: flagged for an interview when February
 * closes; the others green. */
static gint64
close_month (Fixture    *f,
             gint64      set_id,
             const char *label,
             const char *starts,
             const char *first_total,
             gint64     *assessor_id)
{
  gint64 period = open_period (f, set_id, label, starts);
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);

  score_all (f, period, a1, SHEQU_EVAL_KIND_COMMUNITY, "50", "40");
  score (f, a1, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, indicator_id (f, period, 0),
         first_total);
  submit (f, a1);
  if (assessor_id != NULL)
    *assessor_id = a1;
  return period;
}

static void
test_flags_raised_and_withdrawn (Fixture       *f,
                                 gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 t1 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id;
  g_autoptr(GError) error = NULL;
  const ShequFlagRow *flag;
  gint64 jan, feb, a_feb;
  guint rank = 0;
  ShequBand band = SHEQU_BAND_NONE;

  jan = close_month (f, set_id, "一月", "2026-01-01", "10", NULL);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 0);
  feb = close_month (f, set_id, "二月", "2026-02-01", "20", &a_feb);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 1);
  flag = g_ptr_array_index (shequ_eval_store_get_flags (f->store), 0);
  g_assert_cmpint (flag->target_id, ==, t1);
  g_assert_cmpint (flag->period_id, ==, feb);
  g_assert_cmpint (flag->action, ==, SHEQU_FLAG_ACTION_INTERVIEW);
  g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_OPEN);

  g_assert_true (shequ_eval_store_get_previous_period (f->store, feb, FALSE) ==
                 shequ_eval_store_lookup_period (f->store, jan));
  g_assert_true (shequ_eval_store_get_previous (f->store, feb, t1, &rank, &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_RED);
  g_assert_cmpuint (rank, ==, 4);
  {
    g_autoptr(GArray) history = shequ_eval_store_get_history (f->store, t1, 0);

    g_assert_cmpuint (history->len, ==, 2);
    g_assert_cmpfloat_with_epsilon (g_array_index (history, ShequEvalHistoryPoint, 0).total, 50,
                                    1e-9);
    g_assert_cmpfloat_with_epsilon (g_array_index (history, ShequEvalHistoryPoint, 1).total, 60,
                                    1e-9);
  }

  /* Reopening needs a reason; with one the period scores again and the flag goes. */
  g_assert_false (shequ_eval_store_reopen (f->store, a_feb, " ", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_REASON);
  g_clear_error (&error);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, feb)->state, ==,
                   SHEQU_PERIOD_STATE_CLOSED);
  g_assert_true (shequ_eval_store_reopen (f->store, a_feb, "评分有误", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, feb)->state, ==,
                   SHEQU_PERIOD_STATE_SCORING);
  g_assert_null (shequ_eval_store_lookup_assessor (f->store, a_feb)->submitted_at);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 0);
  g_assert_cmpuint (count_audit (f, "reopen"), ==, 2);

  /* Corrected to orange, closed again: no flag. */
  score (f, a_feb, t1, indicator_id (f, feb, 0), "40");
  submit (f, a_feb);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 0);
  g_assert_cmpuint (count_audit (f, "flag"), ==, 2);  /* raised, withdrawn */
  assert_audit_intact (f);
}

/* Orange (50 + 30 = 80) three months running: a warning when the third closes; an
 * open period between does not count, a red month breaks the run. */
static void
test_flags_orange_warning (Fixture       *f,
                           gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 t1 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id;
  const ShequFlagRow *flag;

  close_month (f, set_id, "一月", "2026-01-01", "40", NULL);
  close_month (f, set_id, "二月", "2026-02-01", "40", NULL);
  open_period (f, set_id, "二月补充", "2026-02-15");
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 0);
  close_month (f, set_id, "三月", "2026-03-01", "40", NULL);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 1);
  flag = g_ptr_array_index (shequ_eval_store_get_flags (f->store), 0);
  g_assert_cmpint (flag->target_id, ==, t1);
  g_assert_cmpint (flag->action, ==, SHEQU_FLAG_ACTION_WARNING);

  /* April red, May orange: neither rule fires. */
  close_month (f, set_id, "四月", "2026-04-01", "10", NULL);
  close_month (f, set_id, "五月", "2026-05-01", "40", NULL);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 1);
  {
    g_autoptr(GArray) history = shequ_eval_store_get_history (f->store, t1, set_id);

    g_assert_cmpuint (history->len, ==, 5);
    g_assert_cmpint (g_array_index (history, ShequEvalHistoryPoint, 3).band, ==, SHEQU_BAND_RED);
    g_assert_cmpint (g_array_index (history, ShequEvalHistoryPoint, 3).move, ==, -1);
    g_assert_cmpint (g_array_index (history, ShequEvalHistoryPoint, 4).move, ==, 1);
  }
}

static void
test_flag_states (Fixture       *f,
                  gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  g_autoptr(GError) error = NULL;
  const ShequFlagRow *flag;
  gint64 flag_id;

  close_month (f, set_id, "一月", "2026-01-01", "10", NULL);
  close_month (f, set_id, "二月", "2026-02-01", "10", NULL);
  flag = g_ptr_array_index (shequ_eval_store_get_flags (f->store), 0);
  flag_id = flag->id;

  g_assert_false (shequ_eval_store_set_flag_state (f->store, flag_id, SHEQU_FLAG_STATE_INTERVIEWED,
                                                   "", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_REASON);
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_set_flag_state (f->store, flag_id, SHEQU_FLAG_STATE_OPEN,
                                                   NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (shequ_eval_store_set_flag_state (f->store, flag_id, SHEQU_FLAG_STATE_INTERVIEWED,
                                                  "已约谈书记，限期整改", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_INTERVIEWED);
  g_assert_cmpstr (flag->note, ==, "已约谈书记，限期整改");
  g_assert_false (shequ_eval_store_set_flag_state (f->store, flag_id, SHEQU_FLAG_STATE_OPEN,
                                                   NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (shequ_eval_store_set_flag_state (f->store, flag_id, SHEQU_FLAG_STATE_CLOSED,
                                                  NULL, NULL, &error));
  g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_CLOSED);
  g_assert_cmpstr (flag->note, ==, "已约谈书记，限期整改");
  g_assert_false (shequ_eval_store_set_flag_state (f->store, flag_id, SHEQU_FLAG_STATE_INTERVIEWED,
                                                   "again", NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_set_flag_state (f->store, 424242, SHEQU_FLAG_STATE_CLOSED,
                                                   NULL, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* One raised, two changes of state. */
  g_assert_cmpuint (count_audit (f, "flag"), ==, 3);
  assert_audit_intact (f);
}

/* ---- Results ------------------------------------------------------------------------ */

static void
test_result_bands (Fixture       *f,
                   gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 period = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  static const char *const second[] = { "34.99", "35", "20", "19.99" };
  static const ShequBand bands[] = { SHEQU_BAND_ORANGE, SHEQU_BAND_GREEN, SHEQU_BAND_ORANGE,
                                     SHEQU_BAND_RED };
  static const double totals[] = { 84.99, 85, 70, 69.99 };

  for (guint t = 0; t < 4; t++)
    {
      gint64 target_id = target (f, SHEQU_EVAL_KIND_COMMUNITY, t)->id;

      score (f, a1, target_id, indicator_id (f, period, 0), "50");
      score (f, a1, target_id, indicator_id (f, period, 1), second[t]);
    }
  for (guint t = 0; t < 4; t++)
    {
      ShequBand band = SHEQU_BAND_NONE;
      double total = total_of (f, period, target (f, SHEQU_EVAL_KIND_COMMUNITY, t)->id, &band);

      g_assert_cmpfloat_with_epsilon (total, totals[t], 1e-9);
      g_assert_cmpint (band, ==, bands[t]);
    }
  /* A change shows in the next results. */
  score (f, a1, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, indicator_id (f, period, 1), "35");
  g_assert_cmpfloat_with_epsilon (total_of (f, period, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id,
                                            NULL), 85, 1e-9);
}

/* One indicator of 100 points, graded by N assessors. */
static void
check_trimmed (Fixture           *f,
               const char *const *scores,
               guint              n,
               double             mean,
               double             trimmed)
{
  static const double hundred[] = { 100 };
  gint64 sets[2] = {
    make_set (f, SHEQU_EVAL_KIND_CADRE, SHEQU_EVAL_COMBINE_MEAN, hundred, hundred, 1),
    make_set (f, SHEQU_EVAL_KIND_CADRE, SHEQU_EVAL_COMBINE_TRIMMED, hundred, hundred, 1),
  };
  double expected[2] = { mean, trimmed };
  gint64 t1 = target (f, SHEQU_EVAL_KIND_CADRE, 0)->id;

  for (guint s = 0; s < 2; s++)
    {
      g_autofree char *starts = g_strdup_printf ("2026-%02u-01", n + s);
      gint64 period = open_period (f, sets[s], starts, starts);

      for (guint a = 0; a < n; a++)
        {
          gint64 assessor_id = 0;
          g_autoptr(GError) error = NULL;

          g_assert_true (shequ_eval_store_assign (f->store, period,
                                                  shequ_person_get_id (assessor_person (f, a)),
                                                  &t1, 1, NULL, &assessor_id, &error));
          score (f, assessor_id, t1, indicator_id (f, period, 0), scores[a]);
        }
      g_assert_cmpfloat_with_epsilon (total_of (f, period, t1, NULL), expected[s], 1e-9);
    }
}

static void
test_result_trimmed (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const three[] = { "50", "80", "95" };
  static const char *const five[] = { "10", "70", "80", "90", "100" };

  check_trimmed (f, three, 3, 75, 80);
  check_trimmed (f, five, 5, 70, 80);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/eval-store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("set/versions", test_set_versions);
  ADD ("set/invalid", test_set_invalid);
  ADD ("period/weights", test_period_weights);
  ADD ("targets", test_targets);
  ADD ("score/checks", test_score_checks);
  ADD ("score/all-or-nothing", test_scores_all_or_nothing);
  ADD ("sheet/locks", test_locks);
  ADD ("flags/raised-and-withdrawn", test_flags_raised_and_withdrawn);
  ADD ("flags/orange-warning", test_flags_orange_warning);
  ADD ("flags/states", test_flag_states);
  ADD ("results/bands", test_result_bands);
  ADD ("results/trimmed", test_result_trimmed);
#undef ADD

  return g_test_run ();
}
