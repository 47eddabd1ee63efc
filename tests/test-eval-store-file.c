/* test-eval-store-file.c — the evaluation store and its file: read back, failed writes,
 * migration, other programs' commits */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "eval-store-fixture.h"

/* Two closed months (community 1 red twice: a flag) and a third being scored. */
static gint64
make_history (Fixture *f,
              gint64  *scoring_assessor)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_TRIMMED);
  gint64 t1 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id;
  gint64 march = 0;

  for (guint m = 1; m <= 3; m++)
    {
      g_autofree char *label = g_strdup_printf ("%u月", m);
      g_autofree char *starts = g_strdup_printf ("2026-%02u-01", m);
      gint64 period = open_period (f, set_id, label, starts);
      gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
      gint64 a2 = assign_all (f, period, 1, SHEQU_EVAL_KIND_COMMUNITY);

      score_all (f, period, a1, SHEQU_EVAL_KIND_COMMUNITY, "50", "38");
      score_all (f, period, a2, SHEQU_EVAL_KIND_COMMUNITY, "55", "39.5");
      score (f, a1, t1, indicator_id (f, period, 0), "20");
      score (f, a2, t1, indicator_id (f, period, 0), "20");
      if (m == 3)
        {
          march = period;
          *scoring_assessor = a1;
          break;
        }
      submit (f, a1);
      submit (f, a2);
    }
  return march;
}

static void
reopen_all (Fixture *f)
{
  g_clear_object (&f->store);
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  f->org = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &f->db);
  open_eval_store (f);
}

typedef struct {
  guint   n_periods;
  guint   n_flags;
  double  totals[8];
  char   *comment;
  char   *submitted_at;
} Snapshot;

static void
take_snapshot (Fixture  *f,
               gint64    period,
               gint64    assessor,
               Snapshot *snap)
{
  const ShequEvalResults *results = shequ_eval_store_get_results (f->store, period);
  const char *comment = NULL;

  snap->n_periods = shequ_eval_store_get_periods (f->store)->len;
  snap->n_flags = shequ_eval_store_get_flags (f->store)->len;
  g_assert_cmpuint (results->n_targets, ==, 4);
  for (guint t = 0; t < results->n_targets; t++)
    snap->totals[t] = results->total[t];
  g_assert_true (shequ_eval_store_get_score (f->store, assessor,
                                             target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id,
                                             indicator_id (f, period, 0), NULL, &comment));
  snap->comment = g_strdup (comment);
  snap->submitted_at = g_strdup (((ShequAssessorRow *) g_ptr_array_index (
                                    shequ_eval_store_get_assessors (f->store, 1), 0))
                                 ->submitted_at);
}

static void
test_read_back (Fixture       *f,
                gconstpointer  data)
{
  gint64 assessor = 0;
  gint64 march = make_history (f, &assessor);
  Snapshot before = { 0 }, after = { 0 };
  const ShequEvalSetDef *set;

  take_snapshot (f, march, assessor, &before);
  g_assert_cmpuint (before.n_flags, ==, 1);
  g_assert_cmpstr (before.comment, ==, "说明");
  reopen_all (f);
  take_snapshot (f, march, assessor, &after);

  g_assert_cmpuint (after.n_periods, ==, 3);
  g_assert_cmpuint (after.n_flags, ==, 1);
  for (guint t = 0; t < 4; t++)
    g_assert_cmpfloat (after.totals[t], ==, before.totals[t]);
  g_assert_cmpstr (after.comment, ==, before.comment);
  g_assert_cmpstr (after.submitted_at, ==, before.submitted_at);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, march)->state, ==,
                   SHEQU_PERIOD_STATE_SCORING);
  set = shequ_eval_store_lookup_set (f->store,
                                     shequ_eval_store_lookup_period (f->store, march)->set_id);
  g_assert_cmpint (set->set->combine, ==, SHEQU_EVAL_COMBINE_TRIMMED);
  g_assert_cmpuint (set->flag_rules->len, ==, 2);
  g_assert_cmpuint (shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_COMMUNITY)->len, ==, 4);
  g_free (before.comment);
  g_free (before.submitted_at);
  g_free (after.comment);
  g_free (after.submitted_at);
  assert_audit_intact (f);
}

/* Every write made its entries: counted by action over a whole history. */
static void
test_every_write_logged (Fixture       *f,
                         gconstpointer  data)
{
  gint64 assessor = 0;
  g_autoptr(GError) error = NULL;

  make_history (f, &assessor);
  g_assert_true (shequ_eval_store_set_flag_state (
                   f->store, ((ShequFlagRow *) g_ptr_array_index (
                                shequ_eval_store_get_flags (f->store), 0))->id,
                   SHEQU_FLAG_STATE_CLOSED, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_audit (f, "set"), ==, 1);
  g_assert_cmpuint (count_audit (f, "period-open"), ==, 3);
  g_assert_cmpuint (count_audit (f, "assign"), ==, 6);
  /* 3 months × 2 assessors × 4 targets × 2 indicators, and the changed first cells. */
  g_assert_cmpuint (count_audit (f, "score"), ==, 3 * 2 * 4 * 2 + 3 * 2);
  g_assert_cmpuint (count_audit (f, "submit"), ==, 4);
  g_assert_cmpuint (count_audit (f, "period-close"), ==, 2);
  g_assert_cmpuint (count_audit (f, "flag"), ==, 2);
  g_assert_cmpuint (count_audit (f, NULL), ==, 1 + 3 + 6 + 54 + 4 + 2 + 2);
  assert_audit_intact (f);
}

/* An SQLite failure inside the transaction (here a trigger on the log): nothing written,
 * nothing changed in memory, no entry. */
static void
test_failed_write (Fixture       *f,
                   gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 period = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  gint64 t1 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id;
  g_autoptr(ShequEvalSetDef) def = NULL;
  g_autoptr(GError) error = NULL;
  guint n_entries;
  ShequScore value = 0;

  score (f, a1, t1, indicator_id (f, period, 1), "30");
  n_entries = count_audit (f, NULL);
  g_assert_true (shequ_database_exec (f->db, "CREATE TEMP TRIGGER no_log BEFORE INSERT ON "
                                      "audit_log BEGIN SELECT RAISE (ABORT, 'log full'); END",
                                      &error));
  g_assert_false (try_score (f, a1, t1, indicator_id (f, period, 0), "50", NULL, &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_QUERY);
  g_clear_error (&error);
  g_assert_false (try_score (f, a1, t1, indicator_id (f, period, 1), "31", NULL, &error));
  g_clear_error (&error);
  g_assert_false (shequ_eval_store_get_score (f->store, a1, t1, indicator_id (f, period, 0),
                                              NULL, NULL));
  g_assert_true (shequ_eval_store_get_score (f->store, a1, t1, indicator_id (f, period, 1),
                                             &value, NULL));
  g_assert_cmpint (value, ==, 3000);

  def = shequ_eval_set_def_copy (shequ_eval_store_lookup_set (f->store, set_id));
  g_free (def->set->name);
  def->set->name = g_strdup ("改名");
  g_assert_false (shequ_eval_store_save_set (f->store, def, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpstr (shequ_eval_store_lookup_set (f->store, set_id)->set->name, ==, "考评指标");
  g_assert_false (shequ_eval_store_assign (f->store, period,
                                           shequ_person_get_id (assessor_person (f, 1)),
                                           &t1, 1, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpuint (shequ_eval_store_get_assessors (f->store, period)->len, ==, 1);

  g_assert_true (shequ_database_exec (f->db, "DROP TRIGGER temp.no_log", &error));
  g_assert_cmpuint (count_audit (f, NULL), ==, n_entries);
  /* The database agrees with memory. */
  reopen_all (f);
  g_assert_false (shequ_eval_store_get_score (f->store, a1, t1, indicator_id (f, period, 0),
                                              NULL, NULL));
  g_assert_cmpstr (shequ_eval_store_lookup_set (f->store, set_id)->set->name, ==, "考评指标");
  assert_audit_intact (f);
}

/* A version-3 file (before the evaluation): opened, migrated, its rows kept. */
static void
test_migrates_version_3 (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_units = shequ_org_store_get_n_units (f->org);
  int version = 0;

  g_clear_object (&f->store);
  shequ_test_downgrade_schema (f->db, "before the evaluation",
                               SHEQU_TEST_DROP_DISCLOSURE_TABLES
                               "DROP TABLE eval_flag; DROP TABLE eval_score; "
                               "DROP TABLE eval_assignment; DROP TABLE eval_assessor; "
                               "DROP TABLE eval_target; DROP TABLE eval_period; "
                               "DROP TABLE eval_flag_rule; DROP TABLE eval_indicator; "
                               "DROP TABLE eval_set; DROP TABLE audit_head; ", 3);
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  g_assert_true (shequ_database_peek_schema_version (f->dir.db, &version, &error));
  g_assert_cmpint (version, ==, 3);

  reopen_all (f);
  g_assert_cmpint (shequ_database_get_schema_version (f->db), ==, SHEQU_SCHEMA_VERSION);
  g_assert_cmpint (SHEQU_SCHEMA_VERSION, ==, 6);
  g_assert_cmpuint (shequ_org_store_get_n_units (f->org), ==, n_units);
  g_assert_cmpuint (shequ_eval_store_list_assessor_people (f->store)->len, ==, 5);
  open_period (f, make_simple_set (f, SHEQU_EVAL_KIND_CADRE, SHEQU_EVAL_COMBINE_MEAN), "一月",
               "2026-01-01");
  g_assert_cmpuint (shequ_eval_store_get_periods (f->store)->len, ==, 1);
  g_assert_cmpuint (count_audit (f, "note"), ==, 1);
  assert_audit_intact (f);
}

/* Read only (a report): what was made is read, nothing is written. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  gint64 assessor = 0;
  gint64 march = make_history (f, &assessor);
  double total = total_of (f, march, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, NULL);
  g_autoptr(GError) error = NULL;

  shequ_test_add_unit (f->org, shequ_test_add_unit (f->org, shequ_test_lookup_code (f->org,
                                                                                  "371326001"),
                                                   SHEQU_TIER_AREA, "第二片区", 0, 0),
                       SHEQU_TIER_COMMUNITY, "新社区", 0, 0);
  g_clear_object (&f->store);
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  f->org = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_READ_ONLY, &f->db);
  open_eval_store (f);
  g_assert_cmpuint (shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_CADRE)->len, ==, 0);
  g_assert_cmpuint (shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_COMMUNITY)->len, ==, 4);
  g_assert_cmpfloat (total_of (f, march, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, NULL), ==,
                     total);
  g_assert_false (try_score (f, assessor, target (f, SHEQU_EVAL_KIND_COMMUNITY, 1)->id,
                             indicator_id (f, march, 0), "10", "说明", &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, f->dir.db));
}

/* Refreshes F's store after another program's write: N_PERIODS periods reported after
 * (0, "sets"). */
static void
assert_refresh_reports (Fixture *f,
                        guint    n_periods)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  guint n_changed = f->n_changed;

  f->n_sets_changed = 0;
  g_assert_true (shequ_eval_store_refresh (f->store, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpuint (f->n_sets_changed, ==, 1);
  g_assert_cmpuint (f->n_changed, ==, n_changed + 1 + n_periods);
}

/* Another program (a second connection) scores; the store reads it on refresh, and a
 * write made before the refresh first catches up. */
static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 period = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  gint64 t1 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id;
  gint64 t2 = target (f, SHEQU_EVAL_KIND_COMMUNITY, 1)->id;
  g_autoptr(ShequDatabase) db2 = NULL;
  g_autoptr(ShequOrgStore) org2 = NULL;
  g_autoptr(ShequEvalStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = TRUE;
  ShequScore value = 0;

  g_assert_true (shequ_eval_store_refresh (f->store, &changed, &error));
  g_assert_false (changed);

  org2 = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &db2);
  other = shequ_eval_store_new (org2, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_set_score (other, a1, t1, indicator_id (f, period, 0), 5000,
                                             NULL, "other", &error));
  g_assert_no_error (error);

  /* Every row was read again: (0, "sets"), then the period's scores. */
  assert_refresh_reports (f, 1);
  g_assert_true (shequ_eval_store_get_score (f->store, a1, t1, indicator_id (f, period, 0),
                                             &value, NULL));
  g_assert_cmpint (value, ==, 5000);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, period)->state, ==,
                   SHEQU_PERIOD_STATE_SCORING);

  /* The other program scores again; this store writes before refreshing. */
  g_assert_true (shequ_eval_store_set_score (other, a1, t2, indicator_id (f, period, 0), 4000,
                                             NULL, "other", &error));
  f->n_sets_changed = 0;
  score (f, a1, t1, indicator_id (f, period, 1), "30");
  g_assert_cmpuint (f->n_sets_changed, ==, 1);
  g_assert_true (shequ_eval_store_get_score (f->store, a1, t2, indicator_id (f, period, 0),
                                             &value, NULL));
  g_assert_cmpint (value, ==, 4000);
  g_assert_true (shequ_eval_store_refresh (f->store, &changed, &error));
  g_assert_false (changed);
  assert_audit_intact (f);
}

/* The organisation changes; the targets graded before keep their names and results. */
static void
test_targets_outlive_org (Fixture       *f,
                          gconstpointer  data)
{
  gint64 assessor = 0;
  gint64 march = make_history (f, &assessor);
  const ShequEvalTargetRow *first = target (f, SHEQU_EVAL_KIND_COMMUNITY, 0);
  gint64 first_id = first->id;
  g_autofree char *name = g_strdup (first->name);
  ShequUnit *unit = shequ_org_store_lookup_unit (f->org, first->unit_id);
  g_autoptr(GError) error = NULL;
  double total = total_of (f, march, first_id, NULL);
  GPtrArray *communities;

  g_assert_true (shequ_org_store_rename_unit (f->org, unit, "新社区", &error));
  g_assert_no_error (error);
  communities = shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_COMMUNITY);
  g_assert_cmpuint (communities->len, ==, 4);
  g_assert_cmpstr (shequ_eval_store_lookup_target (f->store, first_id)->name, ==, name);

  g_assert_true (shequ_org_store_delete_unit (f->org, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_COMMUNITY)->len, ==,
                    3);
  g_assert_nonnull (shequ_eval_store_lookup_target (f->store, first_id));
  g_assert_cmpfloat (total_of (f, march, first_id, NULL), ==, total);
  reopen_all (f);
  g_assert_cmpstr (shequ_eval_store_lookup_target (f->store, first_id)->name, ==, name);
  g_assert_cmpfloat (total_of (f, march, first_id, NULL), ==, total);
  {
    g_autoptr(GArray) history = shequ_eval_store_get_history (f->store, first_id, 0);

    g_assert_cmpuint (history->len, ==, 3);
    g_assert_cmpint (g_array_index (history, ShequEvalHistoryPoint, 1).band, ==, SHEQU_BAND_RED);
  }
}

/* Another program edits only the organisation: nothing of the evaluation is read again. */
static void
test_refresh_org_only (Fixture       *f,
                       gconstpointer  data)
{
  gint64 period = open_period (f, make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY,
                                                   SHEQU_EVAL_COMBINE_MEAN), "一月", "2026-01-01");
  const ShequEvalResults *results = shequ_eval_store_get_results (f->store, period);
  g_autoptr(ShequDatabase) db2 = NULL;
  g_autoptr(ShequOrgStore) org2 = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = TRUE;
  guint n_changed = f->n_changed;

  g_assert_cmpuint (results->n_targets, ==, 0);
  org2 = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &db2);
  g_assert_true (shequ_org_store_rename_unit (org2, shequ_org_store_get_street (org2), "新街道",
                                              &error));
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_refresh (f->store, &changed, &error));
  g_assert_no_error (error);
  g_assert_false (changed);
  g_assert_cmpuint (f->n_changed, ==, n_changed);
  /* Not even a write reads the eval tables again. */
  assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  g_assert_cmpuint (f->n_changed, ==, n_changed + 1);
}

static void
add_trigger (Fixture    *f,
             const char *when)
{
  g_autofree char *sql = g_strdup_printf ("CREATE TEMP TRIGGER refuse %s BEGIN "
                                          "SELECT RAISE (ABORT, 'disk full'); END", when);
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

static void
drop_trigger (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_database_exec (f->db, "DROP TRIGGER temp.refuse", &error));
  g_assert_no_error (error);
}

/* The sheet, the period and the flags of a sheet whose write failed, as before. */
static void
assert_sheet_as_before (Fixture          *f,
                        gint64            assessor,
                        ShequPeriodState  state,
                        gboolean          submitted,
                        guint             n_flags,
                        guint             n_log)
{
  const ShequAssessorRow *row = shequ_eval_store_lookup_assessor (f->store, assessor);

  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, row->period_id)->state, ==, state);
  g_assert_cmpint (row->submitted_at != NULL, ==, submitted);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, n_flags);
  g_assert_cmpuint (count_audit (f, NULL), ==, n_log);
}

/* A submit that closes the period, and a reopen that withdraws flags, fail whole. */
static void
test_failed_close_and_reopen (Fixture       *f,
                              gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 feb, a_feb;
  g_autoptr(GError) error = NULL;
  guint n_log;

  close_month (f, set_id, "一月", "2026-01-01", "10", NULL);
  feb = open_period (f, set_id, "二月", "2026-02-01");
  a_feb = assign_all (f, feb, 0, SHEQU_EVAL_KIND_COMMUNITY);
  score_all (f, feb, a_feb, SHEQU_EVAL_KIND_COMMUNITY, "50", "40");
  score (f, a_feb, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, indicator_id (f, feb, 0), "10");
  n_log = count_audit (f, NULL);

  /* The period's close fails, then the flag it raises. */
  add_trigger (f, "BEFORE UPDATE OF state ON eval_period");
  g_assert_false (shequ_eval_store_submit (f->store, a_feb, NULL, &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_QUERY);
  g_clear_error (&error);
  assert_sheet_as_before (f, a_feb, SHEQU_PERIOD_STATE_SCORING, FALSE, 0, n_log);
  drop_trigger (f);
  add_trigger (f, "BEFORE INSERT ON eval_flag");
  g_assert_false (shequ_eval_store_submit (f->store, a_feb, NULL, &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_QUERY);
  g_clear_error (&error);
  assert_sheet_as_before (f, a_feb, SHEQU_PERIOD_STATE_SCORING, FALSE, 0, n_log);
  drop_trigger (f);

  submit (f, a_feb);
  n_log = count_audit (f, NULL);
  assert_sheet_as_before (f, a_feb, SHEQU_PERIOD_STATE_CLOSED, TRUE, 1, n_log);
  add_trigger (f, "BEFORE DELETE ON eval_flag");
  g_assert_false (shequ_eval_store_reopen (f->store, a_feb, "更正", NULL, &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_QUERY);
  g_clear_error (&error);
  assert_sheet_as_before (f, a_feb, SHEQU_PERIOD_STATE_CLOSED, TRUE, 1, n_log);
  drop_trigger (f);

  /* The file agrees with memory. */
  reopen_all (f);
  assert_sheet_as_before (f, a_feb, SHEQU_PERIOD_STATE_CLOSED, TRUE, 1, n_log);
  assert_audit_intact (f);
}

/* After local writes of every kind, a refresh caused by another program's change to one
 * period reports that period only. */
static void
test_refresh_after_local_writes (Fixture       *f,
                                 gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 jan, feb, a_feb;
  g_autoptr(ShequDatabase) db2 = NULL;
  g_autoptr(ShequOrgStore) org2 = NULL;
  g_autoptr(ShequEvalStore) other = NULL;
  g_autoptr(GError) error = NULL;

  jan = close_month (f, set_id, "一月", "2026-01-01", "10", NULL);
  feb = open_period (f, set_id, "二月", "2026-02-01");
  a_feb = assign_all (f, feb, 0, SHEQU_EVAL_KIND_COMMUNITY);
  score_all (f, feb, a_feb, SHEQU_EVAL_KIND_COMMUNITY, "50", "40");
  score (f, a_feb, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, indicator_id (f, feb, 0), "10");
  submit (f, a_feb);
  g_assert_cmpuint (shequ_eval_store_get_flags (f->store)->len, ==, 1);
  g_assert_true (shequ_eval_store_set_flag_state (f->store,
                                                  ((ShequFlagRow *) g_ptr_array_index (
                                                     shequ_eval_store_get_flags (f->store),
                                                     0))->id,
                                                  SHEQU_FLAG_STATE_INTERVIEWED, "已约谈", NULL,
                                                  &error));
  g_assert_no_error (error);

  org2 = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &db2);
  other = shequ_eval_store_new (org2, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_open_period (other, set_id, SHEQU_PERIOD_KIND_MONTH, "三月",
                                               "2026-03-01", "2026-03-28", "other", NULL,
                                               &error));
  g_assert_no_error (error);
  /* The new period; not January, February or the flags. */
  assert_refresh_reports (f, 1);
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, jan)->state, ==,
                   SHEQU_PERIOD_STATE_CLOSED);
}

/* A score above its indicator's maximum in the file is damage, named. */
static void
test_damaged_score (Fixture       *f,
                    gconstpointer  data)
{
  gint64 set_id = make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY, SHEQU_EVAL_COMBINE_MEAN);
  gint64 period = open_period (f, set_id, "一月", "2026-01-01");
  gint64 a1 = assign_all (f, period, 0, SHEQU_EVAL_KIND_COMMUNITY);
  g_autoptr(ShequEvalStore) store = NULL;
  g_autoptr(GError) error = NULL;

  score (f, a1, target (f, SHEQU_EVAL_KIND_COMMUNITY, 0)->id, indicator_id (f, period, 0), "50");
  g_assert_true (shequ_database_exec (f->db, "UPDATE eval_score SET value = 6001", &error));
  g_assert_no_error (error);
  store = shequ_eval_store_new (f->org, &error);
  g_assert_null (store);
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "指标1"));
  g_assert_nonnull (strstr (error->message, "6001"));
  g_assert_nonnull (strstr (error->message, f->dir.db));
}

/* A damaged row (a state no Shequ writes) is refused, naming the file and the table. */
static void
test_damaged_row (Fixture       *f,
                  gconstpointer  data)
{
  gint64 period = open_period (f, make_simple_set (f, SHEQU_EVAL_KIND_COMMUNITY,
                                                   SHEQU_EVAL_COMBINE_MEAN), "一月", "2026-01-01");
  g_autofree char *sql = g_strdup_printf ("PRAGMA ignore_check_constraints = ON; "
                                          "UPDATE eval_period SET state = 'lost' WHERE id = %"
                                          G_GINT64_FORMAT "; "
                                          "PRAGMA ignore_check_constraints = OFF;", period);
  g_autoptr(ShequEvalStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
  store = shequ_eval_store_new (f->org, &error);
  g_assert_null (store);
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "eval_period"));
  g_assert_nonnull (strstr (error->message, f->dir.db));
  /* The store that read it before is as it was. */
  g_assert_cmpstr (shequ_eval_store_lookup_period (f->store, period)->label, ==, "一月");
  g_assert_cmpint (shequ_eval_store_lookup_period (f->store, period)->state, ==,
                   SHEQU_PERIOD_STATE_OPEN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/eval-store-file/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("read-back", test_read_back);
  ADD ("every-write-logged", test_every_write_logged);
  ADD ("failed-write", test_failed_write);
  ADD ("migrates-version-3", test_migrates_version_3);
  ADD ("refresh", test_refresh);
  ADD ("refresh-org-only", test_refresh_org_only);
  ADD ("read-only", test_read_only);
  ADD ("damaged-row", test_damaged_row);
  ADD ("damaged-score", test_damaged_score);
  ADD ("failed-close-and-reopen", test_failed_close_and_reopen);
  ADD ("refresh-after-local-writes", test_refresh_after_local_writes);
  ADD ("targets-outlive-org", test_targets_outlive_org);
#undef ADD

  return g_test_run ();
}
