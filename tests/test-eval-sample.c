/* test-eval-sample.c — the sample street's evaluation: what the data files build, and bad lines refused */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "shequ-audit.h"
#include "shequ-eval-sample.h"
#include "shequ-io.h"
#include "shequ-sample.h"
#include "shequ-test-util.h"

/* The sample street in a database made once; each test works on a copy. */
static char *template_dir;
static char *template_db;

typedef struct {
  char           *path;
  ShequDatabase  *db;
  ShequOrgStore  *org;
  ShequEvalStore *eval;
} Sample;

static void
sample_open (Sample     *s,
             const char *name)
{
  g_autoptr(GFile) from = g_file_new_for_path (template_db);
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;

  s->path = g_build_filename (template_dir, name, NULL);
  to = g_file_new_for_path (s->path);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  s->org = shequ_test_open_store (s->path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &s->db);
  s->eval = shequ_eval_store_new (s->org, &error);
  g_assert_no_error (error);
}

static void
sample_clear (Sample *s)
{
  g_clear_object (&s->eval);
  g_clear_object (&s->org);
  g_clear_object (&s->db);
  g_clear_pointer (&s->path, g_free);
}

/* One evaluation populated for the tests that only read it. */
static Sample populated;

static Sample *
get_populated (void)
{
  Sample *s = &populated;

  if (s->eval == NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 start;

      sample_open (s, "populated.db");
      start = g_get_monotonic_time ();
      g_assert_true (shequ_eval_sample_populate (s->eval, &error));
      g_assert_no_error (error);
      g_test_message ("populate: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
    }
  return s;
}

static const ShequEvalSetDef *
find_set (ShequEvalStore *eval,
          ShequEvalKind   kind)
{
  GPtrArray *sets = shequ_eval_store_get_sets (eval);

  for (guint i = 0; i < sets->len; i++)
    {
      const ShequEvalSetDef *def = g_ptr_array_index (sets, i);

      if (def->set->kind == kind)
        return def;
    }
  return NULL;
}

static ShequEvalKind
period_kind (ShequEvalStore       *eval,
             const ShequPeriodRow *period)
{
  return shequ_eval_store_lookup_set (eval, period->set_id)->set->kind;
}

static void
test_sets (void)
{
  Sample *s = get_populated ();
  const ShequEvalSetDef *community = find_set (s->eval, SHEQU_EVAL_KIND_COMMUNITY);
  const ShequEvalSetDef *cadre = find_set (s->eval, SHEQU_EVAL_KIND_CADRE);
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  const char *expected[] = { "党建引领", "为民服务", "平安法治", "孝善德治", "转作风", "提标准",
                             "抓落实" };

  g_assert_cmpuint (shequ_eval_store_get_sets (s->eval)->len, ==, 2);
  g_assert_nonnull (community);
  g_assert_nonnull (cadre);
  g_assert_cmpfloat_with_epsilon (shequ_eval_set_def_get_weight_sum (community), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (shequ_eval_set_def_get_weight_sum (cadre), 100, 1e-9);
  g_assert_cmpuint (community->indicators->len, ==, 12);
  g_assert_cmpuint (cadre->indicators->len, ==, 9);
  g_assert_cmpint (community->set->combine, ==, SHEQU_EVAL_COMBINE_TRIMMED);
  g_assert_cmpint (cadre->set->combine, ==, SHEQU_EVAL_COMBINE_MEAN);
  g_assert_cmpfloat (community->set->green_min, ==, 85);
  g_assert_cmpfloat (community->set->orange_min, ==, 70);
  for (guint i = 0; i < community->indicators->len; i++)
    {
      const ShequIndicatorRow *ind = g_ptr_array_index (community->indicators, i);

      g_assert_cmpuint (ind->position, ==, i);
      g_assert_cmpint (ind->max_score, >, 0);
      g_assert_cmpuint (strlen (ind->guidance), >, 20);
      g_hash_table_add (categories, ind->category);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_hash_table_contains (categories, expected[i]));

  /* The default flag rules: red 2 in a row → interview, orange 3 in a row → warning. */
  g_assert_cmpuint (community->flag_rules->len, ==, 2);
  for (guint i = 0; i < community->flag_rules->len; i++)
    {
      const ShequFlagRuleRow *rule = g_ptr_array_index (community->flag_rules, i);

      if (rule->band == SHEQU_BAND_RED)
        g_assert_true (rule->count == 2 && rule->within == 2 &&
                       rule->action == SHEQU_FLAG_ACTION_INTERVIEW);
      else
        g_assert_true (rule->band == SHEQU_BAND_ORANGE && rule->count == 3 &&
                       rule->within == 3 && rule->action == SHEQU_FLAG_ACTION_WARNING);
    }
}

static void
test_assessors (void)
{
  Sample *s = get_populated ();
  GPtrArray *people = shequ_eval_store_list_assessor_people (s->eval);
  GPtrArray *periods = shequ_eval_store_get_periods (s->eval);

  g_assert_cmpuint (people->len, ==, 5);
  g_assert_cmpstr (shequ_person_get_code (g_ptr_array_index (people, 0)), ==, "P01328");
  for (guint p = 0; p < periods->len; p++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, p);
      GPtrArray *assessors = shequ_eval_store_get_assessors (s->eval, period->id);
      GPtrArray *targets = shequ_eval_store_get_targets (s->eval, period_kind (s->eval, period));
      const ShequEvalMatrix *matrix = shequ_eval_store_get_matrix (s->eval, period->id);
      gboolean community = period_kind (s->eval, period) == SHEQU_EVAL_KIND_COMMUNITY;

      g_assert_cmpuint (assessors->len, ==, 5);
      /* Every target is a row, graded by 3 (communities: the trimmed mean needs 3) or 2. */
      g_assert_cmpuint (shequ_eval_store_get_period_targets (s->eval, period->id)->len, ==,
                        targets->len);
      g_assert_cmpuint (targets->len, ==, community ? 83 : 214);
      for (guint t = 0; t < shequ_eval_matrix_get_n_targets (matrix); t++)
        {
          guint n = 0;

          for (guint a = 0; a < assessors->len; a++)
            n += shequ_eval_matrix_get_assigned (matrix, a, t);
          g_assert_cmpuint (n, ==, community ? 3 : 2);
        }
    }
}

static void
test_periods (void)
{
  Sample *s = get_populated ();
  GPtrArray *periods = shequ_eval_store_get_periods (s->eval);
  guint n_state[SHEQU_EVAL_N_KINDS][SHEQU_PERIOD_N_STATES] = { { 0, } };

  g_assert_cmpuint (periods->len, ==, 8);
  for (guint p = 0; p < periods->len; p++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, p);
      ShequEvalKind kind = period_kind (s->eval, period);

      n_state[kind][period->state]++;
      g_assert_cmpint (period->kind, ==, SHEQU_PERIOD_KIND_QUARTER);
      g_assert_true (g_str_has_prefix (period->starts, "2026-"));
      /* Only the fourth quarter is still being scored. */
      g_assert_cmpint (period->state, ==, g_str_equal (period->starts, "2026-10-01")
                                          ? SHEQU_PERIOD_STATE_SCORING
                                          : SHEQU_PERIOD_STATE_CLOSED);
    }
  for (guint k = 0; k < SHEQU_EVAL_N_KINDS; k++)
    {
      g_assert_cmpuint (n_state[k][SHEQU_PERIOD_STATE_CLOSED], ==, 3);
      g_assert_cmpuint (n_state[k][SHEQU_PERIOD_STATE_SCORING], ==, 1);
    }
}

/* Filled cells of PERIOD, and how many there are to fill. */
static void
count_cells (ShequEvalStore *eval,
             gint64          period_id,
             guint          *filled,
             guint          *cells)
{
  const ShequEvalMatrix *m = shequ_eval_store_get_matrix (eval, period_id);

  *filled = *cells = 0;
  for (guint a = 0; a < shequ_eval_matrix_get_n_assessors (m); a++)
    for (guint t = 0; t < shequ_eval_matrix_get_n_targets (m); t++)
      for (guint i = 0; shequ_eval_matrix_get_assigned (m, a, t) &&
                        i < shequ_eval_matrix_get_n_indicators (m); i++)
        {
          (*cells)++;
          *filled += shequ_eval_matrix_get (m, a, t, i) != SHEQU_SCORE_NONE;
        }
}

static void
test_sheets (void)
{
  Sample *s = get_populated ();
  GPtrArray *periods = shequ_eval_store_get_periods (s->eval);

  for (guint p = 0; p < periods->len; p++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, p);
      GPtrArray *assessors = shequ_eval_store_get_assessors (s->eval, period->id);
      gboolean closed = period->state == SHEQU_PERIOD_STATE_CLOSED;
      guint filled, cells;

      for (guint a = 0; a < assessors->len; a++)
        {
          const ShequAssessorRow *assessor = g_ptr_array_index (assessors, a);

          /* Closed: every sheet submitted. Scoring: none yet. */
          g_assert_cmpint (assessor->submitted_at != NULL, ==, closed);
        }
      count_cells (s->eval, period->id, &filled, &cells);
      if (closed)
        g_assert_cmpuint (filled, ==, cells);
      else
        {
          /* Partly filled: 20 % … 100 % of each sheet, about 60 % in all. */
          g_assert_cmpuint (filled, >, cells * 4 / 10);
          g_assert_cmpuint (filled, <, cells * 8 / 10);
        }
    }
}

static void
test_bands (void)
{
  Sample *s = get_populated ();
  GPtrArray *periods = shequ_eval_store_get_periods (s->eval);

  for (guint p = 0; p < periods->len; p++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, p);
      const ShequEvalResults *r = shequ_eval_store_get_results (s->eval, period->id);
      guint n = r->n_targets;

      if (period->state != SHEQU_PERIOD_STATE_CLOSED)
        {
          /* Some rows complete (a band), most not yet. */
          g_assert_cmpuint (r->n_band[SHEQU_BAND_NONE], >, 0);
          continue;
        }
      g_test_message ("%s: %u green, %u orange, %u red", period->label,
                      r->n_band[SHEQU_BAND_GREEN], r->n_band[SHEQU_BAND_ORANGE],
                      r->n_band[SHEQU_BAND_RED]);
      g_assert_cmpuint (r->n_band[SHEQU_BAND_NONE], ==, 0);
      /* Most green, about a fifth orange, a few red. */
      g_assert_cmpuint (r->n_band[SHEQU_BAND_GREEN], >, n * 6 / 10);
      g_assert_cmpuint (r->n_band[SHEQU_BAND_ORANGE], >=, n * 15 / 100);
      g_assert_cmpuint (r->n_band[SHEQU_BAND_ORANGE], <=, n * 30 / 100);
      g_assert_cmpuint (r->n_band[SHEQU_BAND_RED], >=, 1);
      g_assert_cmpuint (r->n_band[SHEQU_BAND_RED], <=, n * 8 / 100);
      for (guint t = 0; t < n; t++)
        {
          g_assert_true (r->total[t] >= 40 && r->total[t] <= 100);
          g_assert_cmpint (r->band[t], ==, shequ_band_for_total (r->total[t], 85, 70));
        }
    }
}

static gint64
find_target (ShequEvalStore *eval,
             ShequEvalKind   kind,
             const char     *code)
{
  GPtrArray *targets = shequ_eval_store_get_targets (eval, kind);

  for (guint i = 0; i < targets->len; i++)
    {
      const ShequEvalTargetRow *target = g_ptr_array_index (targets, i);

      if (g_str_equal (target->code, code))
        return target->id;
    }
  g_assert_not_reached ();
}

static guint
count_flags (ShequEvalStore  *eval,
             gint64           target_id,
             ShequFlagAction  action)
{
  GPtrArray *flags = shequ_eval_store_get_flags (eval);
  guint n = 0;

  for (guint i = 0; i < flags->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (flags, i);

      n += flag->target_id == target_id && flag->action == action;
    }
  return n;
}

static void
test_flags (void)
{
  Sample *s = get_populated ();
  GPtrArray *flags = shequ_eval_store_get_flags (s->eval);
  const char *interview[] = { "371326001041", "371326001071" };   /* 柳行村, 石井村 */
  const char *warning[] = { "371326001007", "371326001013" };     /* 振兴社区, 前城村 */
  guint n_cadre = 0;

  for (guint i = 0; i < G_N_ELEMENTS (interview); i++)
    {
      gint64 id = find_target (s->eval, SHEQU_EVAL_KIND_COMMUNITY, interview[i]);
      g_autoptr(GArray) history = shequ_eval_store_get_history (s->eval, id, 0);

      g_assert_cmpuint (count_flags (s->eval, id, SHEQU_FLAG_ACTION_INTERVIEW), >=, 1);
      /* Red in Q2 and Q3. */
      g_assert_cmpuint (history->len, ==, 4);
      g_assert_cmpint (g_array_index (history, ShequEvalHistoryPoint, 1).band, ==, SHEQU_BAND_RED);
      g_assert_cmpint (g_array_index (history, ShequEvalHistoryPoint, 2).band, ==, SHEQU_BAND_RED);
    }
  for (guint i = 0; i < G_N_ELEMENTS (warning); i++)
    {
      gint64 id = find_target (s->eval, SHEQU_EVAL_KIND_COMMUNITY, warning[i]);

      g_assert_cmpuint (count_flags (s->eval, id, SHEQU_FLAG_ACTION_WARNING), ==, 1);
      g_assert_cmpuint (count_flags (s->eval, id, SHEQU_FLAG_ACTION_INTERVIEW), ==, 0);
    }
  /* A strong community raises none. */
  g_assert_cmpuint (count_flags (s->eval, find_target (s->eval, SHEQU_EVAL_KIND_COMMUNITY,
                                                       "371326001016"),
                                 SHEQU_FLAG_ACTION_WARNING), ==, 0);
  for (guint i = 0; i < flags->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (flags, i);

      g_assert_cmpint (shequ_eval_store_lookup_period (s->eval, flag->period_id)->state, ==,
                       SHEQU_PERIOD_STATE_CLOSED);
      n_cadre += shequ_eval_store_lookup_target (s->eval, flag->target_id)->kind ==
                 SHEQU_EVAL_KIND_CADRE;
    }
  g_test_message ("%u flags, %u of cadres", flags->len, n_cadre);
  g_assert_cmpuint (n_cadre, >, 0);
  g_assert_cmpuint (flags->len, <, 40);
}

/* The flag the close of the period labelled LABEL raised on the target CODE for ACTION. */
static const ShequFlagRow *
find_flag (ShequEvalStore  *eval,
           ShequEvalKind    kind,
           const char      *code,
           const char      *label,
           ShequFlagAction  action)
{
  GPtrArray *flags = shequ_eval_store_get_flags (eval);
  gint64 target_id = find_target (eval, kind, code);

  for (guint i = 0; i < flags->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (flags, i);

      if (flag->target_id == target_id && flag->action == action &&
          g_str_equal (shequ_eval_store_lookup_period (eval, flag->period_id)->label, label))
        return flag;
    }
  g_error ("no %s flag on %s in %s", shequ_flag_action_to_key (action), code, label);
}

/* Whether the log of the flag's target holds its move to STATE with NOTE as the reason. */
static gboolean
has_flag_entry (Sample             *s,
                const ShequFlagRow *flag,
                ShequFlagState      state,
                const char         *note)
{
  g_autofree char *target = g_strdup_printf ("eval-target:%" G_GINT64_FORMAT, flag->target_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = shequ_audit_list (s->db, target, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const ShequAuditRecord *r = g_ptr_array_index (entries, i);

      if (g_str_equal (r->action, "flag") &&
          g_strcmp0 (r->new_value, shequ_flag_state_to_key (state)) == 0 &&
          g_strcmp0 (r->reason, note) == 0)
        return TRUE;
    }
  return FALSE;
}

/* eval-flag-outcomes.csv: the Q2 interviews held with a note, one then closed, a Q3
 * warning closed, the other Q3 flags still open; each move in the log with its note. */
static void
test_flag_outcomes (void)
{
  Sample *s = get_populated ();
  const char *q2c = "2026年第二季度社区（村）考评", *q2 = "2026年第二季度干部考评";
  const char *q3c = "2026年第三季度社区（村）考评", *q3 = "2026年第三季度干部考评";
  const ShequFlagRow *held[] = {
    find_flag (s->eval, SHEQU_EVAL_KIND_COMMUNITY, "371326001041", q2c, SHEQU_FLAG_ACTION_INTERVIEW),
    find_flag (s->eval, SHEQU_EVAL_KIND_CADRE, "371326001035/P00772", q2, SHEQU_FLAG_ACTION_INTERVIEW),
    find_flag (s->eval, SHEQU_EVAL_KIND_CADRE, "371326001035/P00773", q2, SHEQU_FLAG_ACTION_INTERVIEW),
  };
  const ShequFlagRow *closed_after =
    find_flag (s->eval, SHEQU_EVAL_KIND_CADRE, "371326001041/P00840", q2, SHEQU_FLAG_ACTION_INTERVIEW);
  const ShequFlagRow *warning =
    find_flag (s->eval, SHEQU_EVAL_KIND_COMMUNITY, "371326001007", q3c, SHEQU_FLAG_ACTION_WARNING);
  GPtrArray *flags = shequ_eval_store_get_flags (s->eval);
  guint n_state[SHEQU_FLAG_N_STATES] = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    {
      g_assert_cmpint (held[i]->state, ==, SHEQU_FLAG_STATE_INTERVIEWED);
      g_assert_true (g_str_has_prefix (held[i]->note, "2026年7月8日"));
      g_assert_nonnull (strstr (held[i]->note, "已制定整改方案"));
      g_assert_true (has_flag_entry (s, held[i], SHEQU_FLAG_STATE_INTERVIEWED, held[i]->note));
    }
  /* Interviewed, then closed: the interview's note stays. */
  g_assert_cmpint (closed_after->state, ==, SHEQU_FLAG_STATE_CLOSED);
  g_assert_true (g_str_has_prefix (closed_after->note, "2026年7月9日"));
  g_assert_true (has_flag_entry (s, closed_after, SHEQU_FLAG_STATE_INTERVIEWED,
                                 closed_after->note));
  g_assert_true (has_flag_entry (s, closed_after, SHEQU_FLAG_STATE_CLOSED,
                                 "2026年8月20日回访核查，整改措施已落实到位，予以销号"));
  /* Open → closed, with its note. */
  g_assert_cmpint (warning->state, ==, SHEQU_FLAG_STATE_CLOSED);
  g_assert_nonnull (strstr (warning->note, "提醒谈话"));
  g_assert_true (has_flag_entry (s, warning, SHEQU_FLAG_STATE_CLOSED, warning->note));

  for (guint i = 0; i < flags->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (flags, i);
      const char *label = shequ_eval_store_lookup_period (s->eval, flag->period_id)->label;

      n_state[flag->state]++;
      if ((g_str_equal (label, q3c) || g_str_equal (label, q3)) && flag != warning)
        g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_OPEN);
      if (flag->state == SHEQU_FLAG_STATE_OPEN)
        g_assert_cmpstr (flag->note, ==, "");
    }
  g_assert_cmpuint (n_state[SHEQU_FLAG_STATE_INTERVIEWED], ==, 3);
  g_assert_cmpuint (n_state[SHEQU_FLAG_STATE_CLOSED], ==, 2);
  g_assert_cmpuint (n_state[SHEQU_FLAG_STATE_OPEN], >, 0);
}

/* Every score below the comment threshold carries a comment on the deduction. */
static void
test_comments (void)
{
  Sample *s = get_populated ();
  GPtrArray *periods = shequ_eval_store_get_periods (s->eval);
  guint n_comments = 0, n_low = 0;

  for (guint p = 0; p < periods->len; p++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, p);
      const ShequEvalSetDef *def = shequ_eval_store_lookup_set (s->eval, period->set_id);
      GPtrArray *assessors = shequ_eval_store_get_assessors (s->eval, period->id);
      GPtrArray *targets = shequ_eval_store_get_period_targets (s->eval, period->id);

      for (guint a = 0; a < assessors->len; a++)
        for (guint t = 0; t < targets->len; t++)
          for (guint i = 0; i < def->indicators->len; i++)
            {
              const ShequIndicatorRow *ind = g_ptr_array_index (def->indicators, i);
              ShequScore value;
              const char *comment = NULL;

              if (!shequ_eval_store_get_score (s->eval,
                                               ((ShequAssessorRow *) g_ptr_array_index (assessors, a))->id,
                                               ((ShequEvalTargetRow *) g_ptr_array_index (targets, t))->id,
                                               ind->id, &value, &comment))
                continue;
              g_assert_cmpint (value, >=, 0);
              g_assert_cmpint (value, <=, ind->max_score);
              if (value < def->set->comment_below * ind->max_score)
                {
                  n_low++;
                  g_assert_nonnull (comment);
                }
              if (comment != NULL && comment[0] != '\0')
                {
                  n_comments++;
                  g_assert_true (strstr (comment, "扣") != NULL);
                }
            }
    }
  g_test_message ("%u comments, %u scores below the threshold", n_comments, n_low);
  g_assert_cmpuint (n_low, >, 0);
  g_assert_cmpuint (n_comments, >=, n_low);
}

static void
test_audit (void)
{
  Sample *s = get_populated ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) submits = NULL;
  guint64 n_entries = 0;
  gint64 broken = 0;
  guint n_submit = 0;

  g_assert_true (shequ_audit_verify (s->db, &n_entries, &broken, &error));
  g_assert_no_error (error);
  g_test_message ("%" G_GUINT64_FORMAT " audit entries", n_entries);
  /* Every score is an entry: thousands of them. */
  g_assert_cmpuint (n_entries, >, 20000);

  submits = shequ_audit_list (s->db, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < submits->len; i++)
    n_submit += g_str_equal (((ShequAuditRecord *) g_ptr_array_index (submits, i))->action,
                             "submit");
  /* 6 closed periods × 5 assessors. */
  g_assert_cmpuint (n_submit, ==, 30);
}

/* Two runs, on two databases, give the very same scores and comments. */
static void
test_deterministic (void)
{
  Sample *s = get_populated ();
  Sample other = { NULL, };
  g_autoptr(GError) error = NULL;
  GPtrArray *periods;

  sample_open (&other, "again.db");
  g_assert_true (shequ_eval_sample_populate (other.eval, &error));
  g_assert_no_error (error);

  periods = shequ_eval_store_get_periods (s->eval);
  g_assert_cmpuint (shequ_eval_store_get_periods (other.eval)->len, ==, periods->len);
  for (guint p = 0; p < periods->len; p++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, p);
      const ShequPeriodRow *twin = g_ptr_array_index (shequ_eval_store_get_periods (other.eval), p);
      const ShequEvalMatrix *a = shequ_eval_store_get_matrix (s->eval, period->id);
      const ShequEvalMatrix *b = shequ_eval_store_get_matrix (other.eval, twin->id);
      const ShequEvalResults *ra = shequ_eval_store_get_results (s->eval, period->id);
      const ShequEvalResults *rb = shequ_eval_store_get_results (other.eval, twin->id);
      guint n_a = shequ_eval_matrix_get_n_assessors (a);
      guint n_t = shequ_eval_matrix_get_n_targets (a);
      guint n_i = shequ_eval_matrix_get_n_indicators (a);

      g_assert_cmpstr (period->label, ==, twin->label);
      g_assert_cmpint (period->state, ==, twin->state);
      g_assert_cmpuint (shequ_eval_matrix_get_n_assessors (b), ==, n_a);
      g_assert_cmpuint (shequ_eval_matrix_get_n_targets (b), ==, n_t);
      g_assert_cmpuint (shequ_eval_matrix_get_n_indicators (b), ==, n_i);
      for (guint x = 0; x < n_a; x++)
        for (guint t = 0; t < n_t; t++)
          g_assert_cmpmem (shequ_eval_matrix_get_row (a, x, t), n_i * sizeof (ShequScore),
                           shequ_eval_matrix_get_row (b, x, t), n_i * sizeof (ShequScore));
      for (guint t = 0; t < n_t; t++)
        g_assert_true (ra->total[t] == rb->total[t] || (isnan (ra->total[t]) &&
                                                        isnan (rb->total[t])));
    }
  g_assert_cmpuint (shequ_eval_store_get_flags (s->eval)->len, ==,
                    shequ_eval_store_get_flags (other.eval)->len);
  sample_clear (&other);
}

static void
test_not_empty (void)
{
  Sample *s = get_populated ();
  g_autoptr(GError) error = NULL;
  guint64 before = 0, after = 0;

  g_assert_true (shequ_audit_verify (s->db, &before, NULL, NULL));
  g_assert_false (shequ_eval_sample_populate (s->eval, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_cmpuint (shequ_eval_store_get_periods (s->eval)->len, ==, 8);
  g_assert_true (shequ_audit_verify (s->db, &after, NULL, NULL));
  g_assert_cmpuint (after, ==, before);
}

/* ---- Bad data --------------------------------------------------------------------- */

typedef struct {
  const char *file;
  guint       line;       /* 1-based line of FILE to replace */
  const char *text;       /* its new text; NULL deletes it */
  const char *needle;     /* what the message must say */
} BadCase;

static const BadCase bad_cases[] = {
  { "eval-sets.csv", 1, "kind,name,combine", "eval-sets.csv, line 1: the header must be" },
  { "eval-sets.csv", 2, "community,社区考评,median,85,70,0.6,P00005,{reason}",
    "eval-sets.csv, line 2: “median” is not a way to combine" },
  { "eval-sets.csv", 3, "cadre,干部考评,mean,70,85,0.6,P00005,{reason}",
    "eval-sets.csv, line 3: the band rule" },
  { "eval-sets.csv", 3, "cadre,干部考评,mean,85,70,0.6,P99999,{reason}",
    "eval-sets.csv, line 3: no person has the code “P99999”" },
  { "eval-indicators.csv", 3, "community,C02,党建引领,党员教育管理,五,5,说明,扣分",
    "eval-indicators.csv, line 3: the weight “五”" },
  { "eval-indicators.csv", 4, "community,C03,为民服务,便民服务,10,0,说明,扣分",
    "eval-indicators.csv, line 4: the maximum score “0”" },
  { "eval-indicators.csv", 5, "community,C01,为民服务,重复,10,10,说明,扣分",
    "eval-indicators.csv, line 5: the indicator code “C01”" },
  { "eval-indicators.csv", 6, "community,C05,平安法治,矛盾纠纷排查化解,15,10,说明,扣分",
    "the weights of the set “平邑街道社区（村）绿橙红动态考评（2026年）” sum to 105, not 100" },
  { "eval-indicators.csv", 7, "community,C06,平安法治,网格化服务管理,10,10,说明",
    "eval-indicators.csv, line 7: 8 fields expected, 7 found" },
  { "eval-indicators.csv", 8, "street,C07,孝善德治,孝善养老,5,5,说明,扣分",
    "eval-indicators.csv, line 8: “street” is not a kind of target" },
  { "eval-periods.csv", 2, "community,quarter,一季度,2026-01-01,2026-02-30,closed,100",
    "eval-periods.csv, line 2: the dates" },
  { "eval-periods.csv", 3, "community,quarter,二季度,2026-04-01,2026-06-30,closed,60",
    "eval-periods.csv, line 3: “60” percent filled" },
  { "eval-periods.csv", 4, "community,week,三季度,2026-07-01,2026-09-30,closed,100",
    "eval-periods.csv, line 4: “week” is not a kind of period" },
  { "eval-periods.csv", 3, "community,quarter,二季度,2026-03-01,2026-06-30,closed,100",
    "eval-periods.csv, line 3: it must start after" },
  { "eval-assessors.csv", 2, "P09999,孔繁军,community,37132600101",
    "eval-assessors.csv, line 2: no person has the code “P09999”" },
  { "eval-assessors.csv", 3, "P00005,马丽,community,37132600101",
    "eval-assessors.csv, line 3: 马丽 (P00005) holds no assessor post" },
  { "eval-assessors.csv", 4, "P01330,韩雪梅,community,37132600109",
    "eval-assessors.csv, line 4: no management area has the code “37132600109”" },
  { "eval-assessors.csv", 5, "P01328,孔繁军,community,37132600101",
    "eval-assessors.csv, line 5: 孔繁军 grades the area 37132600101 already" },
  { "eval-profiles.csv", 2, "371326001001,邑东府邸社区,120,0",
    "eval-profiles.csv, line 2: the level “120”" },
  { "eval-flag-outcomes.csv", 1, "target_code,period_label,state,note",
    "eval-flag-outcomes.csv, line 1: the header must be" },
  { "eval-flag-outcomes.csv", 2, "371326009999,2026年第二季度社区（村）考评,interview,closed,",
    "eval-flag-outcomes.csv, line 2: “371326009999” is no community" },
  { "eval-flag-outcomes.csv", 2, "371326001041,2026年第四季度社区（村）考评,interview,closed,",
    "eval-flag-outcomes.csv, line 2: eval-periods.csv has no closed period" },
  { "eval-flag-outcomes.csv", 3, "371326001035/P00772,2026年第二季度社区（村）考评,interview,closed,",
    "eval-flag-outcomes.csv, line 3: “2026年第二季度社区（村）考评” is a period of the other kind" },
  { "eval-flag-outcomes.csv", 3, "371326001035/P00772,2026年第二季度干部考评,praise,closed,",
    "eval-flag-outcomes.csv, line 3: “praise” is not a flag’s action" },
  { "eval-flag-outcomes.csv", 4, "371326001035/P00773,2026年第二季度干部考评,interview,open,",
    "eval-flag-outcomes.csv, line 4: “open” is not what a flag can become" },
  { "eval-flag-outcomes.csv", 4, "371326001035/P00773,2026年第二季度干部考评,interview,interviewed,",
    "eval-flag-outcomes.csv, line 4: an interview needs a note" },
  { "eval-flag-outcomes.csv", 6, "371326001041/P00840,2026年第二季度干部考评,interview,interviewed,又谈",
    "eval-flag-outcomes.csv, line 6: the flag is “" },
  { "eval-profiles.csv", 3, "371326001002,西阳社区,89,0",
    "eval-profiles.csv, line 3: 371326001002 is “东阳社区”, not “西阳社区”" },
  { "eval-profiles.csv", 4, "371326009999,无名村,89,0",
    "eval-profiles.csv, line 4: “371326009999” is no community" },
  { "eval-profiles.csv", 5, NULL, "eval-profiles.csv: no line for 371326001004 (东关社区)" },
  { "eval-profiles.csv", 6, "371326001005,金花社区,82,two",
    "eval-profiles.csv, line 6: the trend “two”" },
};

/* A copy of the sample's data files in a new folder, with LINE of FILE replaced. */
static char *
make_bad_dir (const BadCase *c)
{
  g_autofree char *source = shequ_sample_find_dir ();
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-eval-bad-XXXXXX");
  g_autoptr(GDir) listing = g_dir_open (source, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *written = NULL;

      g_assert_true (g_file_get_contents (from, &contents, NULL, NULL));
      if (g_str_equal (name, c->file))
        {
          g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
          g_autoptr(GString) out = g_string_new (NULL);

          g_assert_cmpuint (g_strv_length (lines), >, c->line);
          for (guint i = 0; lines[i] != NULL; i++)
            {
              if (i + 1 == c->line && c->text == NULL)
                continue;
              g_string_append (out, i + 1 == c->line ? c->text : lines[i]);
              if (lines[i + 1] != NULL)
                g_string_append_c (out, '\n');
            }
          g_free (contents);
          contents = g_string_free (g_steal_pointer (&out), FALSE);
        }
      written = shequ_test_write_file (dir, name, contents);
    }
  return g_steal_pointer (&dir);
}

static void
test_bad_data (void)
{
  Sample s = { NULL, };
  g_autofree char *saved = g_strdup (g_getenv ("SHEQU_SAMPLE_DIR"));
  guint64 before = 0, after = 0;

  sample_open (&s, "bad.db");
  g_assert_true (shequ_audit_verify (s.db, &before, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *dir = make_bad_dir (&bad_cases[i]);
      g_autoptr(GError) error = NULL;

      g_setenv ("SHEQU_SAMPLE_DIR", dir, TRUE);
      g_assert_false (shequ_eval_sample_populate (s.eval, &error));
      g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
      if (strstr (error->message, bad_cases[i].needle) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, bad_cases[i].needle);
      /* Nothing written. */
      g_assert_cmpuint (shequ_eval_store_get_sets (s.eval)->len, ==, 0);
      g_assert_cmpuint (shequ_eval_store_get_periods (s.eval)->len, ==, 0);
      shequ_test_remove_tree (dir);
    }
  g_assert_true (shequ_audit_verify (s.db, &after, NULL, NULL));
  g_assert_cmpuint (after, ==, before);
  g_setenv ("SHEQU_SAMPLE_DIR", saved, TRUE);
  sample_clear (&s);
}

/* Every bad line of every file is listed in one message. */
static void
test_bad_data_all_listed (void)
{
  const BadCase two[] = {
    { "eval-profiles.csv", 2, "371326001001,邑东府邸社区,120,0", NULL },
  };
  Sample s = { NULL, };
  g_autofree char *saved = g_strdup (g_getenv ("SHEQU_SAMPLE_DIR"));
  g_autofree char *dir = make_bad_dir (&two[0]);
  g_autofree char *periods = g_build_filename (dir, "eval-periods.csv", NULL);
  g_autofree char *outcomes = g_build_filename (dir, "eval-flag-outcomes.csv", NULL);
  g_autoptr(GError) error = NULL;

  /* A second bad file in the same folder. */
  g_assert_true (g_file_set_contents (periods, "kind,period_kind,label,starts,ends,state,filled\n"
                                      "community,quarter,一季度,2026-01-01,2026-03-31,closed,100\n"
                                      "cadre,quarter,,2026-01-01,2026-03-31,closed,100\n", -1, NULL));
  /* (The outcomes name the periods replaced: none here.) */
  g_assert_true (g_file_set_contents (outcomes, "target_code,period_label,action,state,note\n",
                                      -1, NULL));
  sample_open (&s, "bad-all.db");
  g_setenv ("SHEQU_SAMPLE_DIR", dir, TRUE);
  g_assert_false (shequ_eval_sample_populate (s.eval, &error));
  g_assert_nonnull (strstr (error->message, "2 problems"));
  g_assert_nonnull (strstr (error->message, "eval-periods.csv, line 3: the period has no label"));
  g_assert_nonnull (strstr (error->message, "eval-profiles.csv, line 2: the level “120”"));
  g_setenv ("SHEQU_SAMPLE_DIR", saved, TRUE);
  shequ_test_remove_tree (dir);
  sample_clear (&s);
}

/* An outcome naming a flag no close raised is found once the periods are built: its
 * file and line are named, and no flag is moved. */
static void
test_outcome_not_raised (void)
{
  const BadCase c = { "eval-flag-outcomes.csv", 7,
                      "371326001016,2026年第三季度社区（村）考评,warning,closed,已整改", NULL };
  Sample s = { NULL, };
  g_autofree char *saved = g_strdup (g_getenv ("SHEQU_SAMPLE_DIR"));
  g_autofree char *dir = make_bad_dir (&c);
  g_autoptr(GError) error = NULL;
  GPtrArray *flags;

  sample_open (&s, "not-raised.db");
  g_setenv ("SHEQU_SAMPLE_DIR", dir, TRUE);
  g_assert_false (shequ_eval_sample_populate (s.eval, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 problem; no flag was moved"));
  g_assert_nonnull (strstr (error->message, "eval-flag-outcomes.csv, line 7: the close of "
                                            "“2026年第三季度社区（村）考评” raised no"));
  g_assert_nonnull (strstr (error->message, "371326001016"));
  flags = shequ_eval_store_get_flags (s.eval);
  g_assert_cmpuint (flags->len, >, 0);
  for (guint i = 0; i < flags->len; i++)
    g_assert_cmpint (((const ShequFlagRow *) g_ptr_array_index (flags, i))->state, ==,
                     SHEQU_FLAG_STATE_OPEN);
  g_setenv ("SHEQU_SAMPLE_DIR", saved, TRUE);
  shequ_test_remove_tree (dir);
  sample_clear (&s);
}

/* shequ-cli init --sample fills the evaluation too. */
static void
test_cli_init (void)
{
  g_autofree char *db_path = g_build_filename (template_dir, "cli.db", NULL);
  g_auto(ShequTestResult) result = shequ_test_run_cli ("init", "--db", db_path, "--sample", NULL);
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) org = NULL;
  g_autoptr(ShequEvalStore) eval = NULL;
  g_autoptr(GError) error = NULL;

  shequ_test_assert_cli_success (&result);
  org = shequ_test_open_store (db_path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &db);
  eval = shequ_eval_store_new (org, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_eval_store_get_sets (eval)->len, ==, 2);
  g_assert_cmpuint (shequ_eval_store_get_periods (eval)->len, ==, 8);
  g_assert_cmpuint (shequ_eval_store_get_flags (eval)->len, >, 0);
  g_assert_true (shequ_audit_verify (db, NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  template_dir = shequ_test_make_tmpdir ("shequ-eval-sample-XXXXXX");
  template_db = g_build_filename (template_dir, "template.db", NULL);
  shequ_test_make_sample_database (template_db, FALSE);

  g_test_add_func ("/eval-sample/sets", test_sets);
  g_test_add_func ("/eval-sample/assessors", test_assessors);
  g_test_add_func ("/eval-sample/periods", test_periods);
  g_test_add_func ("/eval-sample/sheets", test_sheets);
  g_test_add_func ("/eval-sample/bands", test_bands);
  g_test_add_func ("/eval-sample/flags", test_flags);
  g_test_add_func ("/eval-sample/flag-outcomes", test_flag_outcomes);
  g_test_add_func ("/eval-sample/comments", test_comments);
  g_test_add_func ("/eval-sample/audit", test_audit);
  g_test_add_func ("/eval-sample/deterministic", test_deterministic);
  g_test_add_func ("/eval-sample/not-empty", test_not_empty);
  g_test_add_func ("/eval-sample/bad-data", test_bad_data);
  g_test_add_func ("/eval-sample/bad-data-all-listed", test_bad_data_all_listed);
  g_test_add_func ("/eval-sample/outcome-not-raised", test_outcome_not_raised);
  g_test_add_func ("/eval-sample/cli-init", test_cli_init);
  status = g_test_run ();

  sample_clear (&populated);
  shequ_test_remove_tree (template_dir);
  g_free (template_db);
  g_free (template_dir);
  return status;
}
