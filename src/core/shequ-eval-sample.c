/* shequ-eval-sample.c — the sample street's evaluation: its sets, assessors and four periods of scores */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-sample"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "shequ-eval-sample-private.h"
#include "shequ-eval-sample.h"
#include "shequ-io.h"
#include "shequ-sample.h"

/* ---- Deterministic noise ---------------------------------------------------------- */

/* splitmix64's finaliser. */
static guint64
mix64 (guint64 z)
{
  z += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* A number in [0, 1) that depends on the strings given (NULL-terminated) and nothing
 * else: FNV-1a over them, each followed by a separator, then mixed. So a score depends
 * on its target, indicator, period and assessor codes only, never on ids or order. */
static double noise (const char *first,
                     ...) G_GNUC_NULL_TERMINATED;

static double
noise (const char *first,
       ...)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  const guint64 prime = G_GUINT64_CONSTANT (0x100000001b3);
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    {
      for (const guchar *c = (const guchar *) part; *c != '\0'; c++)
        h = (h ^ *c) * prime;
      h = (h ^ 0x1f) * prime;
    }
  va_end (args);
  return (double) (mix64 (h) >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- What the scores come from ---------------------------------------------------- */

typedef struct {
  ShequEvalStore *store;
  EsData         *data;
  gint64          set_ids[SHEQU_EVAL_N_KINDS];
} Build;

/* The code of the unit a target is at: the target's code up to the '/' of a cadre's. */
static char *
target_unit_code (const ShequEvalTargetRow *target)
{
  const char *slash = strchr (target->code, '/');

  return slash ? g_strndup (target->code, slash - target->code) : g_strdup (target->code);
}

/* A target's profile: its own line (*OWN), or (a cadre without one) the line of its
 * unit. */
static const EsProfile *
lookup_profile (EsData                   *data,
                const ShequEvalTargetRow *target,
                gboolean                 *own)
{
  g_autofree char *unit_code = NULL;
  const EsProfile *profile = g_hash_table_lookup (data->profiles, target->code);

  *own = profile != NULL;
  if (profile != NULL || target->kind != SHEQU_EVAL_KIND_CADRE)
    return profile;
  unit_code = target_unit_code (target);
  return g_hash_table_lookup (data->profiles, unit_code);
}

/* Where TARGET stands (0 … 100) in PERIOD: its base plus its trend once a period. A
 * cadre without a line of their own stands 2 points above their unit, give or take 3,
 * and up to 5 more either way each period. */
static double
target_level (EsData                   *data,
              const ShequEvalTargetRow *target,
              const EsPeriod           *period)
{
  gboolean own;
  const EsProfile *profile = lookup_profile (data, target, &own);
  double level;

  g_assert (profile != NULL);
  level = profile->base + profile->trend * period->index;
  if (target->kind == SHEQU_EVAL_KIND_CADRE && !own)
    level += 2 + (noise (target->code, "offset", NULL) - 0.5) * 6 +
             (noise (target->code, period->starts, "wobble", NULL) - 0.5) * 10;
  return CLAMP (level, 0, 100);
}

static char *
make_comment (const EsSet       *set,
              const EsIndicator *ind,
              ShequScore         value,
              const char        *key)
{
  guint n = g_strv_length (ind->deductions);
  guint pick = MIN ((guint) (noise (key, "reason", NULL) * n), n - 1);
  g_autofree char *points = shequ_score_format (ind->max_score - value);
  GString *text = g_string_new (set->comment);

  g_string_replace (text, "{reason}", ind->deductions[pick], 0);
  g_string_replace (text, "{points}", points, 0);
  return g_string_free (text, FALSE);
}

/* One cell: the target's level, an assessor's leaning (±2 points that period), ±5 % of
 * the maximum by chance, and now and then a real failing (the same for every assessor,
 * more often at a weak target) that costs a fifth to two fifths of the maximum and is
 * explained in a comment. Rounded to half points (whole points on a 100-point scale).
 * *COMMENT: the comment on a deduction, or NULL. */
static ShequScore
cell_score (const EsSet              *set,
            const EsIndicator        *ind,
            const ShequEvalTargetRow *target,
            const EsAssessor         *assessor,
            const EsPeriod           *period,
            double                    level,
            char                    **comment)
{
  const char *kind = shequ_eval_kind_to_key (set->kind);
  double p_fail = CLAMP ((95 - level) / 300, 0.02, 0.12);
  gboolean failing = noise (target->code, ind->code, period->starts, "failing", NULL) < p_fail;
  ShequScore step = ind->max_score >= 100 * 100 ? 100 : 50;
  g_autofree char *key = g_strjoin ("|", target->code, ind->code, period->starts,
                                    assessor->code, NULL);
  double f;
  ShequScore value;

  /* + p_fail × 0.3: what the failings take away on average, so that the level is what
   * the target scores on average. */
  f = level / 100 + p_fail * 0.3 +
      (noise (assessor->code, kind, period->starts, "leaning", NULL) - 0.5) * 0.04 +
      (noise (key, NULL) - 0.5) * 0.1;
  if (failing)
    f -= 0.2 + 0.2 * noise (key, "depth", NULL);
  f = CLAMP (f, 0, 1);
  value = (ShequScore) (round (f * ind->max_score / step) * step);
  value = CLAMP (value, 0, ind->max_score);

  *comment = NULL;
  if (value < ind->max_score && (failing || value <= set->comment_below * ind->max_score))
    *comment = make_comment (set, ind, value, key);
  return value;
}

/* ---- Checks against the store ----------------------------------------------------- */

static gboolean
grades (const EsAssessor         *assessor,
        const ShequEvalTargetRow *target)
{
  for (guint i = 0; i < assessor->area_ids->len; i++)
    if (g_array_index (assessor->area_ids, gint64, i) == target->area_id)
      return TRUE;
  return FALSE;
}

/* Every target of a kind with a set has a profile and an assessor. */
static void
check_targets (Build      *b,
               const char *dir,
               GString    *problems,
               guint      *n_problems)
{
  g_autofree char *profiles = g_build_filename (dir, "eval-profiles.csv", NULL);
  g_autofree char *assessors = g_build_filename (dir, "eval-assessors.csv", NULL);

  for (guint k = 0; k < SHEQU_EVAL_N_KINDS; k++)
    {
      GPtrArray *targets;

      if (b->data->sets[k] == NULL)
        continue;
      targets = shequ_eval_store_get_targets (b->store, k);
      for (guint t = 0; t < targets->len; t++)
        {
          const ShequEvalTargetRow *target = g_ptr_array_index (targets, t);
          gboolean own, graded = FALSE;

          for (guint a = 0; a < b->data->assessors->len && !graded; a++)
            {
              const EsAssessor *assessor = g_ptr_array_index (b->data->assessors, a);

              graded = assessor->kind == k && grades (assessor, target);
            }
          if (lookup_profile (b->data, target, &own) == NULL)
            {
              g_string_append_printf (problems, _("%s: no line for %s (%s).\n"), profiles,
                                      target->code, target->name);
              (*n_problems)++;
            }
          if (!graded)
            {
              g_string_append_printf (problems, _("%s: no assessor grades %s (%s).\n"),
                                      assessors, target->code, target->name);
              (*n_problems)++;
            }
        }
    }
}

static gboolean
check_store (Build       *b,
             const char  *dir,
             GError     **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_problems = 0;

  if (shequ_eval_store_get_sets (b->store)->len > 0 ||
      shequ_eval_store_get_periods (b->store)->len > 0)
    {
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID,
                   _("The evaluation already holds indicator sets or periods; the sample "
                     "evaluation goes into an empty one."));
      return FALSE;
    }
  check_targets (b, dir, problems, &n_problems);
  if (n_problems == 0)
    return TRUE;
  g_string_truncate (problems, problems->len - 1);   /* the last line's end */
  g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "The sample evaluation’s data files have %u problem; "
                            "nothing was written:\n%s",
                            "The sample evaluation’s data files have %u problems; "
                            "nothing was written:\n%s", n_problems),
               n_problems, problems->str);
  return FALSE;
}

/* ---- The writes ----------------------------------------------------------------- */

static gboolean
save_set (Build   *b,
          EsSet   *set,
          GError **error)
{
  g_autoptr(ShequEvalSetDef) def = shequ_eval_set_def_new_default (set->kind, set->name);

  def->set->combine = set->combine;
  def->set->green_min = set->green_min;
  def->set->orange_min = set->orange_min;
  def->set->comment_below = set->comment_below;
  for (guint i = 0; i < set->indicators->len; i++)
    {
      const EsIndicator *ind = g_ptr_array_index (set->indicators, i);
      ShequIndicatorRow *row = shequ_indicator_row_new ();

      row->position = i;
      row->code = g_strdup (ind->code);
      row->category = g_strdup (ind->category);
      row->name = g_strdup (ind->name);
      row->weight = ind->weight;
      row->max_score = ind->max_score;
      row->guidance = g_strdup (ind->guidance);
      g_ptr_array_add (def->indicators, row);
    }
  return shequ_eval_store_save_set (b->store, def, set->owner, &b->set_ids[set->kind], error);
}

static const EsIndicator *
lookup_indicator (const EsSet *set,
                  const char  *code)
{
  for (guint i = 0; i < set->indicators->len; i++)
    {
      const EsIndicator *ind = g_ptr_array_index (set->indicators, i);

      if (g_str_equal (ind->code, code))
        return ind;
    }
  g_assert_not_reached ();
}

/* Of an unfinished period, assessor J of N has scored FILLED % give or take: the first
 * has done least, the last most. */
static guint
share_filled (const EsPeriod *period,
              guint           j,
              guint           n)
{
  int share = (int) period->filled + ((int) (2 * j) - (int) (n - 1)) * 10;

  return period->filled >= 100 ? 100 : (guint) CLAMP (share, 0, 100);
}

/* The scores of one assessor in PERIOD: every indicator of the first SHARE % of their
 * targets, in one call (one transaction, every cell logged). */
static gboolean
score_sheet (Build                 *b,
             const EsPeriod        *period,
             const ShequEvalSetDef *def,
             const EsAssessor      *assessor,
             gint64                 assessor_id,
             guint                  share,
             GError               **error)
{
  const EsSet *set = b->data->sets[period->kind];
  g_autoptr(GArray) assigned = shequ_eval_store_get_assigned (b->store, assessor_id);
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (ShequScoreEdit));
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (g_free);
  guint n_targets = (share * assigned->len + 50) / 100;

  for (guint t = 0; t < n_targets; t++)
    {
      gint64 target_id = g_array_index (assigned, gint64, t);
      const ShequEvalTargetRow *target = shequ_eval_store_lookup_target (b->store, target_id);
      double level = target_level (b->data, target, period);

      for (guint i = 0; i < def->indicators->len; i++)
        {
          const ShequIndicatorRow *row = g_ptr_array_index (def->indicators, i);
          const EsIndicator *ind = lookup_indicator (set, row->code);
          ShequScoreEdit edit = { assessor_id, target_id, row->id, 0, NULL };
          char *comment;

          edit.value = cell_score (set, ind, target, assessor, period, level, &comment);
          if (comment != NULL)
            g_ptr_array_add (comments, (char *) (edit.comment = comment));
          g_array_append_val (edits, edit);
        }
    }
  if (edits->len == 0)
    return TRUE;
  return shequ_eval_store_set_scores (b->store, (const ShequScoreEdit *) edits->data, edits->len,
                                      assessor->name, NULL, error);
}

/* Assigns each assessor of the period's kind the targets of their areas. The targets
 * are listed before the first write: a write may leave arrays handed out before invalid. */
static gboolean
assign_assessors (Build          *b,
                  const EsPeriod *period,
                  gint64          period_id,
                  GArray         *assessor_ids,
                  GPtrArray      *assessors,
                  GError        **error)
{
  GPtrArray *targets = shequ_eval_store_get_targets (b->store, period->kind);
  const char *owner = b->data->sets[period->kind]->owner;
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint a = 0; a < b->data->assessors->len; a++)
    {
      EsAssessor *assessor = g_ptr_array_index (b->data->assessors, a);
      GArray *ids;

      if (assessor->kind != period->kind)
        continue;
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint t = 0; t < targets->len; t++)
        {
          const ShequEvalTargetRow *target = g_ptr_array_index (targets, t);

          if (grades (assessor, target))
            g_array_append_val (ids, target->id);
        }
      if (ids->len == 0)
        {
          g_array_unref (ids);
          continue;   /* their areas have no targets of this kind */
        }
      g_ptr_array_add (plan, ids);
      g_ptr_array_add (assessors, assessor);
    }

  for (guint a = 0; a < plan->len; a++)
    {
      GArray *ids = g_ptr_array_index (plan, a);
      gint64 assessor_id = 0;

      if (!shequ_eval_store_assign (b->store, period_id,
                                    ((EsAssessor *) g_ptr_array_index (assessors, a))->person_id,
                                    (const gint64 *) ids->data, ids->len, owner,
                                    &assessor_id, error))
        return FALSE;
      g_array_append_val (assessor_ids, assessor_id);
    }
  return TRUE;
}

/* Opens PERIOD, assigns its assessors, enters their scores and, for a closed one, submits
 * every sheet: the last submit closes it and raises its flags. */
static gboolean
fill_period (Build           *b,
             const EsPeriod  *period,
             GError         **error)
{
  const EsSet *set = b->data->sets[period->kind];
  g_autoptr(GArray) assessor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) assessors = g_ptr_array_new ();
  gint64 period_id = 0;

  if (!shequ_eval_store_open_period (b->store, b->set_ids[period->kind], period->period_kind,
                                     period->label, period->starts, period->ends, set->owner,
                                     &period_id, error) ||
      !assign_assessors (b, period, period_id, assessor_ids, assessors, error))
    return FALSE;

  for (guint a = 0; a < assessors->len; a++)
    {
      /* Looked up again after each write (which may have reloaded the store). */
      const ShequEvalSetDef *def =
        shequ_eval_store_lookup_set (b->store,
                                     shequ_eval_store_lookup_period (b->store, period_id)->set_id);

      if (!score_sheet (b, period, def, g_ptr_array_index (assessors, a),
                        g_array_index (assessor_ids, gint64, a),
                        share_filled (period, a, assessors->len), error))
        return FALSE;
    }

  if (period->state != SHEQU_PERIOD_STATE_CLOSED)
    return TRUE;
  for (guint a = 0; a < assessors->len; a++)
    if (!shequ_eval_store_submit (b->store, g_array_index (assessor_ids, gint64, a),
                                  ((EsAssessor *) g_ptr_array_index (assessors, a))->name, error))
      return FALSE;
  return TRUE;
}

gboolean
shequ_eval_sample_populate (ShequEvalStore  *store,
                            GError         **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(EsData) data = NULL;
  Build b = { store, NULL, { 0, } };
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(dir = shequ_sample_find_dir ()))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sample street’s data files (units.csv, people.csv) were not found."));
      return FALSE;
    }
  /* Everything is read and checked before the first write. */
  if (!(data = es_data_read (dir, shequ_eval_store_get_org_store (store), error)))
    return FALSE;
  b.data = data;
  if (!check_store (&b, dir, error))
    return FALSE;

  for (guint k = 0; k < SHEQU_EVAL_N_KINDS; k++)
    if (data->sets[k] != NULL && !save_set (&b, data->sets[k], error))
      return FALSE;
  g_debug ("sample evaluation read and checked in %.0f ms",
           (g_get_monotonic_time () - start) / 1000.0);
  for (guint p = 0; p < data->periods->len; p++)
    {
      gint64 period_start = g_get_monotonic_time ();

      if (!fill_period (&b, g_ptr_array_index (data->periods, p), error))
        return FALSE;
      g_debug ("%s filled in %.0f ms", ((EsPeriod *) g_ptr_array_index (data->periods, p))->label,
               (g_get_monotonic_time () - period_start) / 1000.0);
    }
  return TRUE;
}
