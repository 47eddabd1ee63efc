/* shequ-eval-sample-read.c — reading and checking the sample evaluation's data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-sample"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "shequ-csv.h"
#include "shequ-eval-sample-private.h"
#include "shequ-sample-table.h"

/* Every problem found, "PATH, line N: why" one a line: the files are read to the end so
 * that one run lists them all. */
typedef struct {
  GString *text;
  guint    n;
} Problems;

/* Reads one line of a file into DATA, or says what is wrong with it. */
typedef void (*RowFunc) (EsData            *data,
                         ShequOrgStore     *org,
                         const ShequCsvRow *row,
                         const char        *path,
                         Problems          *problems,
                         gpointer           user_data);

static void problem (Problems   *problems,
                     const char *path,
                     guint       line,
                     const char *format,
                     ...) G_GNUC_PRINTF (4, 5);

static void
problem (Problems   *problems,
         const char *path,
         guint       line,
         const char *format,
         ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  if (problems->text->len > 0)
    g_string_append_c (problems->text, '\n');
  if (g_str_has_prefix (why, path))
    g_string_append (problems->text, why);   /* a message of the CSV reader: it says where */
  else if (line > 0)
    g_string_append_printf (problems->text, _("%s, line %u: %s"), path, line, why);
  else
    g_string_append_printf (problems->text, _("%s: %s"), path, why);
  problems->n++;
}

static gboolean
parse_kind (const char    *text,
            guint          line,
            const char    *path,
            Problems      *problems,
            ShequEvalKind *kind)
{
  if (shequ_eval_kind_from_string (text, kind))
    return TRUE;
  problem (problems, path, line, _("“%s” is not a kind of target (cadre or community)."), text);
  return FALSE;
}

/* A kind named on a line of another file needs its set in eval-sets.csv. */
static EsSet *
lookup_set (EsData     *data,
            const char *text,
            guint       line,
            const char *path,
            Problems   *problems)
{
  ShequEvalKind kind;

  if (!parse_kind (text, line, path, problems, &kind))
    return NULL;
  if (data->sets[kind] == NULL)
    problem (problems, path, line, _("eval-sets.csv has no set of the kind “%s”."), text);
  return data->sets[kind];
}

static void
es_indicator_free (EsIndicator *ind)
{
  g_free (ind->code);
  g_free (ind->category);
  g_free (ind->name);
  g_free (ind->guidance);
  g_strfreev (ind->deductions);
  g_free (ind);
}

static void
es_set_free (EsSet *set)
{
  g_free (set->name);
  g_free (set->owner);
  g_free (set->comment);
  g_clear_pointer (&set->indicators, g_ptr_array_unref);
  g_free (set);
}

static void
es_period_free (EsPeriod *period)
{
  g_free (period->label);
  g_free (period->starts);
  g_free (period->ends);
  g_free (period);
}

static void
es_assessor_free (EsAssessor *assessor)
{
  g_free (assessor->code);
  g_free (assessor->name);
  g_clear_pointer (&assessor->area_ids, g_array_unref);
  g_free (assessor);
}

static void
es_outcome_free (EsOutcome *outcome)
{
  g_free (outcome->target_code);
  g_free (outcome->period_label);
  g_free (outcome->note);
  g_free (outcome);
}

void
es_data_free (EsData *data)
{
  for (guint k = 0; k < SHEQU_EVAL_N_KINDS; k++)
    g_clear_pointer (&data->sets[k], es_set_free);
  g_clear_pointer (&data->periods, g_ptr_array_unref);
  g_clear_pointer (&data->assessors, g_ptr_array_unref);
  g_clear_pointer (&data->profiles, g_hash_table_unref);
  g_clear_pointer (&data->outcomes, g_ptr_array_unref);
  g_free (data->outcomes_path);
  g_free (data);
}

/* ---- eval-sets.csv ------------------------------------------------------------ */

static void
read_set (EsData            *data,
          ShequOrgStore     *org,
          const ShequCsvRow *row,
          const char        *path,
          Problems          *problems,
          gpointer           user_data)
{
  char **f = row->fields;
  g_autoptr(GString) why = g_string_new (NULL);
  ShequEvalKind kind;
  ShequEvalCombine combine = SHEQU_EVAL_COMBINE_MEAN;
  ShequPerson *owner = NULL;
  double green = 0, orange = 0, comment_below = 0;
  EsSet *set;

  if (!parse_kind (f[0], row->line, path, problems, &kind))
    return;
  if (data->sets[kind] != NULL)
    g_string_append_printf (why, _("the kind “%s” has a set already."), f[0]);
  else if (f[1][0] == '\0')
    g_string_append (why, _("the set has no name."));
  else if (!shequ_eval_combine_from_string (f[2], &combine))
    g_string_append_printf (why, _("“%s” is not a way to combine assessors (mean or trimmed)."),
                            f[2]);
  else if (!shequ_sample_parse_number (f[3], 0, 100, &green) ||
           !shequ_sample_parse_number (f[4], 0, 100, &orange) || orange >= green)
    g_string_append_printf (why, _("the band rule “%s”, “%s” must be green ≥ X, orange ≥ Y "
                                   "with 100 ≥ X > Y ≥ 0."), f[3], f[4]);
  else if (!shequ_sample_parse_number (f[5], 0, 1, &comment_below))
    g_string_append_printf (why, _("the comment threshold “%s” must be from 0 to 1."), f[5]);
  else if (!(owner = shequ_org_store_lookup_person_code (org, f[6])))
    g_string_append_printf (why, _("no person has the code “%s”."), f[6]);
  else if (strstr (f[7], "{reason}") == NULL)
    g_string_append (why, _("the comment must hold {reason}."));
  if (why->len > 0)
    {
      problem (problems, path, row->line, "%s", why->str);
      return;
    }

  set = g_new0 (EsSet, 1);
  set->kind = kind;
  set->name = g_strdup (f[1]);
  set->combine = combine;
  set->green_min = green;
  set->orange_min = orange;
  set->comment_below = comment_below;
  set->owner = g_strdup (shequ_person_get_name (owner));
  set->comment = g_strdup (f[7]);
  set->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) es_indicator_free);
  data->sets[kind] = set;
}

/* ---- eval-indicators.csv ------------------------------------------------------ */

static gboolean
has_indicator (EsSet      *set,
               const char *code)
{
  for (guint i = 0; i < set->indicators->len; i++)
    if (g_str_equal (((EsIndicator *) g_ptr_array_index (set->indicators, i))->code, code))
      return TRUE;
  return FALSE;
}

static void
read_indicator (EsData            *data,
                ShequOrgStore     *org,
                const ShequCsvRow *row,
                const char        *path,
                Problems          *problems,
                gpointer           user_data)
{
  char **f = row->fields;
  EsSet *set = lookup_set (data, f[0], row->line, path, problems);
  g_autoptr(GString) why = g_string_new (NULL);
  g_auto(GStrv) deductions = NULL;
  ShequScore max = 0;
  double weight = 0;
  EsIndicator *ind;

  if (set == NULL)
    return;
  deductions = g_strsplit (f[7], "；", -1);
  if (f[1][0] == '\0' || has_indicator (set, f[1]))
    g_string_append_printf (why, _("the indicator code “%s” is empty or used already."), f[1]);
  else if (f[2][0] == '\0' || f[3][0] == '\0')
    g_string_append (why, _("the indicator needs a category and a name."));
  else if (!shequ_sample_parse_number (f[4], 0, 100, &weight))
    g_string_append_printf (why, _("the weight “%s” must be a number from 0 to 100."), f[4]);
  else if (!shequ_score_parse (f[5], &max) || max <= 0)
    g_string_append_printf (why, _("the maximum score “%s” must be a number above 0."), f[5]);
  else if (f[7][0] == '\0' || g_strv_contains ((const char *const *) deductions, ""))
    g_string_append (why, _("the deductions must name at least one reason, separated by “；”."));
  if (why->len > 0)
    {
      problem (problems, path, row->line, "%s", why->str);
      return;
    }

  ind = g_new0 (EsIndicator, 1);
  ind->code = g_strdup (f[1]);
  ind->category = g_strdup (f[2]);
  ind->name = g_strdup (f[3]);
  ind->weight = weight;
  ind->max_score = max;
  ind->guidance = g_strdup (f[6]);
  ind->deductions = g_steal_pointer (&deductions);
  g_ptr_array_add (set->indicators, ind);
}

/* Each set's weights sum to 100: else no period could open on it. */
static void
check_weights (EsData     *data,
               const char *path,
               Problems   *problems)
{
  for (guint k = 0; k < SHEQU_EVAL_N_KINDS; k++)
    {
      EsSet *set = data->sets[k];
      double sum = 0;

      if (set == NULL)
        continue;
      for (guint i = 0; i < set->indicators->len; i++)
        sum += ((EsIndicator *) g_ptr_array_index (set->indicators, i))->weight;
      if (set->indicators->len == 0)
        problem (problems, path, 0, _("the set “%s” has no indicators."), set->name);
      else if (fabs (sum - 100) > 0.001)
        problem (problems, path, 0, _("the weights of the set “%s” sum to %g, not 100."),
                 set->name, sum);
    }
}

/* ---- eval-periods.csv --------------------------------------------------------- */

/* Why the period on ROW cannot follow PREVIOUS (the period of its kind before it), or
 * NULL. */
static char *
check_period_order (const EsPeriod *previous,
                    const GDate    *starts)
{
  GDate previous_ends;

  if (previous == NULL)
    return NULL;
  if (previous->state != SHEQU_PERIOD_STATE_CLOSED)
    return g_strdup_printf (_("“%s” before it is not closed; only the last period of a kind "
                              "may be."), previous->label);
  shequ_sample_parse_date (previous->ends, &previous_ends);
  if (g_date_compare (starts, &previous_ends) <= 0)
    return g_strdup_printf (_("it must start after “%s” ends (%s)."), previous->label,
                            previous->ends);
  return NULL;
}

static void
read_period (EsData            *data,
             ShequOrgStore     *org,
             const ShequCsvRow *row,
             const char        *path,
             Problems          *problems,
             gpointer           user_data)
{
  EsPeriod **last = user_data;
  char **f = row->fields;
  EsSet *set = lookup_set (data, f[0], row->line, path, problems);
  g_autofree char *why = NULL;
  ShequPeriodKind period_kind = SHEQU_PERIOD_KIND_QUARTER;
  ShequPeriodState state = SHEQU_PERIOD_STATE_OPEN;
  GDate starts, ends;
  double filled = 0;
  EsPeriod *period;

  if (set == NULL)
    return;
  if (!shequ_period_kind_from_string (f[1], &period_kind))
    why = g_strdup_printf (_("“%s” is not a kind of period (month, quarter or year)."), f[1]);
  else if (f[2][0] == '\0')
    why = g_strdup (_("the period has no label."));
  else if (!shequ_sample_parse_date (f[3], &starts) ||
           !shequ_sample_parse_date (f[4], &ends) || g_date_compare (&ends, &starts) < 0)
    why = g_strdup_printf (_("the dates “%s” to “%s” must be YYYY-MM-DD, the end not before "
                             "the start."), f[3], f[4]);
  else if (!shequ_period_state_from_string (f[5], &state))
    why = g_strdup_printf (_("“%s” is not a period state (open, scoring or closed)."), f[5]);
  else if (!shequ_sample_parse_number (f[6], 0, 100, &filled) || filled != floor (filled) ||
           (state == SHEQU_PERIOD_STATE_CLOSED && filled != 100) ||
           (state == SHEQU_PERIOD_STATE_OPEN && filled != 0) ||
           (state == SHEQU_PERIOD_STATE_SCORING && filled == 0))
    why = g_strdup_printf (_("“%s” percent filled does not fit the state “%s” (closed: 100, "
                             "open: 0, scoring: 1 to 100)."), f[6], f[5]);
  else
    why = check_period_order (last[set->kind], &starts);
  if (why != NULL)
    {
      problem (problems, path, row->line, "%s", why);
      return;
    }

  period = g_new0 (EsPeriod, 1);
  period->kind = set->kind;
  period->period_kind = period_kind;
  period->label = g_strdup (f[2]);
  period->starts = g_strdup (f[3]);
  period->ends = g_strdup (f[4]);
  period->state = state;
  period->filled = (guint) filled;
  period->index = last[set->kind] ? last[set->kind]->index + 1 : 0;
  last[set->kind] = period;
  g_ptr_array_add (data->periods, period);
}

/* ---- eval-assessors.csv ------------------------------------------------------- */

static gboolean
has_assessor_post (ShequPerson *person)
{
  GListModel *posts = shequ_person_get_posts (person);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(ShequPost) post = g_list_model_get_item (posts, i);

      if (shequ_post_get_role (post) == SHEQU_ROLE_ASSESSOR)
        return TRUE;
    }
  return FALSE;
}

static EsAssessor *
ensure_assessor (EsData        *data,
                 ShequEvalKind  kind,
                 ShequPerson   *person)
{
  EsAssessor *assessor;

  for (guint i = 0; i < data->assessors->len; i++)
    {
      assessor = g_ptr_array_index (data->assessors, i);
      if (assessor->kind == kind && assessor->person_id == shequ_person_get_id (person))
        return assessor;
    }
  assessor = g_new0 (EsAssessor, 1);
  assessor->kind = kind;
  assessor->person_id = shequ_person_get_id (person);
  assessor->code = g_strdup (shequ_person_get_code (person));
  assessor->name = g_strdup (shequ_person_get_name (person));
  assessor->area_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_ptr_array_add (data->assessors, assessor);
  return assessor;
}

static gboolean
has_area (const EsAssessor *assessor,
          gint64            area_id)
{
  for (guint i = 0; i < assessor->area_ids->len; i++)
    if (g_array_index (assessor->area_ids, gint64, i) == area_id)
      return TRUE;
  return FALSE;
}

static void
read_assessor (EsData            *data,
               ShequOrgStore     *org,
               const ShequCsvRow *row,
               const char        *path,
               Problems          *problems,
               gpointer           user_data)
{
  char **f = row->fields;
  ShequPerson *person = shequ_org_store_lookup_person_code (org, f[0]);
  ShequUnit *area = shequ_org_store_lookup_code (org, f[3]);
  EsAssessor *assessor;
  EsSet *set = lookup_set (data, f[2], row->line, path, problems);
  gint64 area_id;

  if (set == NULL)
    return;
  if (person == NULL)
    problem (problems, path, row->line, _("no person has the code “%s”."), f[0]);
  else if (!g_str_equal (shequ_person_get_name (person), f[1]))
    problem (problems, path, row->line, _("the person %s is “%s”, not “%s”."), f[0],
             shequ_person_get_name (person), f[1]);
  else if (!has_assessor_post (person))
    problem (problems, path, row->line, _("%s (%s) holds no assessor post."), f[1], f[0]);
  else if (area == NULL || shequ_unit_get_tier (area) != SHEQU_TIER_AREA)
    problem (problems, path, row->line, _("no management area has the code “%s”."), f[3]);
  else if (has_area ((assessor = ensure_assessor (data, set->kind, person)),
                     (area_id = shequ_unit_get_id (area))))
    problem (problems, path, row->line, _("%s grades the area %s already."), f[1], f[3]);
  else
    g_array_append_val (assessor->area_ids, area_id);
}

static int
compare_assessors (gconstpointer a,
                   gconstpointer b)
{
  const EsAssessor *x = *(EsAssessor *const *) a;
  const EsAssessor *y = *(EsAssessor *const *) b;

  if (x->kind != y->kind)
    return (int) x->kind - (int) y->kind;
  return strcmp (x->code, y->code);
}

/* ---- eval-profiles.csv -------------------------------------------------------- */

/* The name the code on a profile line stands for: a community's or village's, or
 * (UNITCODE/PERSONCODE, a cadre) a person's; NULL when it names neither. */
static const char *
lookup_profile_name (ShequOrgStore *org,
                     const char    *code)
{
  g_auto(GStrv) parts = g_strsplit (code, "/", 3);
  ShequUnit *unit = shequ_org_store_lookup_code (org, parts[0] ? parts[0] : "");
  ShequPerson *person;

  if (unit == NULL || (shequ_unit_get_tier (unit) != SHEQU_TIER_COMMUNITY &&
                       shequ_unit_get_tier (unit) != SHEQU_TIER_VILLAGE))
    return NULL;
  if (parts[1] == NULL)
    return shequ_unit_get_name (unit);
  if (parts[2] != NULL || !(person = shequ_org_store_lookup_person_code (org, parts[1])))
    return NULL;
  return shequ_person_get_name (person);
}

static void
read_profile (EsData            *data,
              ShequOrgStore     *org,
              const ShequCsvRow *row,
              const char        *path,
              Problems          *problems,
              gpointer           user_data)
{
  char **f = row->fields;
  const char *name = lookup_profile_name (org, f[0]);
  EsProfile profile;

  if (name == NULL)
    problem (problems, path, row->line, _("“%s” is no community, village or cadre of the "
                                          "street."), f[0]);
  else if (!g_str_equal (name, f[1]))
    problem (problems, path, row->line, _("%s is “%s”, not “%s”."), f[0], name, f[1]);
  else if (g_hash_table_contains (data->profiles, f[0]))
    problem (problems, path, row->line, _("%s has a line already."), f[0]);
  else if (!shequ_sample_parse_number (f[2], 0, 100, &profile.base))
    problem (problems, path, row->line, _("the level “%s” must be a number from 0 to 100."),
             f[2]);
  else if (!shequ_sample_parse_number (f[3], -20, 20, &profile.trend))
    problem (problems, path, row->line, _("the trend “%s” must be a number from −20 to 20."),
             f[3]);
  else
    g_hash_table_insert (data->profiles, g_strdup (f[0]), g_memdup2 (&profile, sizeof profile));
}

/* ---- eval-flag-outcomes.csv --------------------------------------------------- */

static const EsPeriod *
lookup_period_label (EsData     *data,
                     const char *label)
{
  for (guint i = 0; i < data->periods->len; i++)
    {
      const EsPeriod *period = g_ptr_array_index (data->periods, i);

      if (g_str_equal (period->label, label))
        return period;
    }
  return NULL;
}

/* Why the outcome on F cannot be, or NULL; on success *PERIOD and *ACTION, *STATE. */
static char *
check_outcome (EsData           *data,
               ShequOrgStore    *org,
               char            **f,
               const EsPeriod  **period,
               ShequFlagAction  *action,
               ShequFlagState   *state)
{
  ShequEvalKind kind = strchr (f[0], '/') ? SHEQU_EVAL_KIND_CADRE : SHEQU_EVAL_KIND_COMMUNITY;

  if (lookup_profile_name (org, f[0]) == NULL)
    return g_strdup_printf (_("“%s” is no community, village or cadre of the street."), f[0]);
  if (!(*period = lookup_period_label (data, f[1])) ||
      (*period)->state != SHEQU_PERIOD_STATE_CLOSED)
    return g_strdup_printf (_("eval-periods.csv has no closed period “%s”."), f[1]);
  if ((*period)->kind != kind)
    return g_strdup_printf (_("“%s” is a period of the other kind of target than %s."), f[1],
                            f[0]);
  if (!shequ_flag_action_from_string (f[2], action))
    return g_strdup_printf (_("“%s” is not a flag’s action (interview or warning)."), f[2]);
  if (!shequ_flag_state_from_string (f[3], state) || *state == SHEQU_FLAG_STATE_OPEN)
    return g_strdup_printf (_("“%s” is not what a flag can become (interviewed or closed)."),
                            f[3]);
  if (*state == SHEQU_FLAG_STATE_INTERVIEWED && f[4][0] == '\0')
    return g_strdup (_("an interview needs a note of what was said and agreed."));
  return NULL;
}

/* The state each flag named so far has reached: "CODE|LABEL|ACTION" → state + 1. */
static void
read_outcome (EsData            *data,
              ShequOrgStore     *org,
              const ShequCsvRow *row,
              const char        *path,
              Problems          *problems,
              gpointer           user_data)
{
  GHashTable *reached = user_data;
  char **f = row->fields;
  const EsPeriod *period = NULL;
  ShequFlagAction action = SHEQU_FLAG_ACTION_INTERVIEW;
  ShequFlagState state = SHEQU_FLAG_STATE_OPEN, before;
  g_autofree char *why = check_outcome (data, org, f, &period, &action, &state);
  g_autofree char *key = g_strjoin ("|", f[0], f[1], f[2], NULL);
  EsOutcome *outcome;

  if (why != NULL)
    {
      problem (problems, path, row->line, "%s", why);
      return;
    }
  before = GPOINTER_TO_UINT (g_hash_table_lookup (reached, key));
  before = before == 0 ? SHEQU_FLAG_STATE_OPEN : before - 1;
  if (before >= state)
    {
      problem (problems, path, row->line, _("the flag is “%s” already: it cannot become “%s”."),
               shequ_flag_state_get_label (before), shequ_flag_state_get_label (state));
      return;
    }
  g_hash_table_insert (reached, g_steal_pointer (&key), GUINT_TO_POINTER (state + 1));

  outcome = g_new0 (EsOutcome, 1);
  outcome->line = row->line;
  outcome->kind = period->kind;
  outcome->target_code = g_strdup (f[0]);
  outcome->period_label = g_strdup (f[1]);
  outcome->action = action;
  outcome->state = state;
  outcome->note = g_strdup (f[4]);
  g_ptr_array_add (data->outcomes, outcome);
}

/* ------------------------------------------------------------------------------------ */

/* Each line of DIR/NAME, whose header must be HEADER, to FUNC; every problem listed. */
static void
read_file (EsData        *data,
           ShequOrgStore *org,
           const char    *dir,
           const char    *name,
           const char    *header,
           RowFunc        func,
           gpointer       user_data,
           Problems      *problems)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequSampleTable) table = shequ_sample_table_open (dir, name, &error);
  const ShequCsvRow *row = NULL;

  if (g_str_equal (name, "eval-flag-outcomes.csv"))
    data->outcomes_path = g_strdup (path);
  if (table == NULL || !shequ_sample_table_check_header (table, header, &error))
    {
      problem (problems, path, 0, "%s", error->message);
      return;
    }
  while (shequ_sample_table_next (table, &row, &error) || row != NULL)
    {
      if (error != NULL)
        problem (problems, path, 0, "%s", error->message);
      else
        func (data, org, row, path, problems, user_data);
      g_clear_error (&error);
    }
  if (g_str_equal (name, "eval-indicators.csv"))
    check_weights (data, path, problems);
}

EsData *
es_data_read (const char     *dir,
              ShequOrgStore  *org,
              GError        **error)
{
  g_autoptr(EsData) data = g_new0 (EsData, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  Problems problems = { text, 0 };
  EsPeriod *last[SHEQU_EVAL_N_KINDS] = { NULL, };
  g_autoptr(GHashTable) reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  data->periods = g_ptr_array_new_with_free_func ((GDestroyNotify) es_period_free);
  data->assessors = g_ptr_array_new_with_free_func ((GDestroyNotify) es_assessor_free);
  data->profiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) es_outcome_free);

  /* The sets first: the other files name them. */
  read_file (data, org, dir, "eval-sets.csv",
             "kind,name,combine,green_min,orange_min,comment_below,owner_code,comment",
             read_set, NULL, &problems);
  read_file (data, org, dir, "eval-indicators.csv",
             "kind,code,category,name,weight,max_score,guidance,deductions",
             read_indicator, NULL, &problems);
  read_file (data, org, dir, "eval-periods.csv",
             "kind,period_kind,label,starts,ends,state,filled",
             read_period, last, &problems);
  read_file (data, org, dir, "eval-assessors.csv", "person_code,name,kind,area_code",
             read_assessor, NULL, &problems);
  read_file (data, org, dir, "eval-profiles.csv", "code,name,base,trend",
             read_profile, NULL, &problems);
  /* After the periods: the outcomes name them. */
  read_file (data, org, dir, "eval-flag-outcomes.csv",
             "target_code,period_label,action,state,note", read_outcome, reached, &problems);
  g_ptr_array_sort (data->assessors, compare_assessors);

  if (problems.n > 0)
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The sample evaluation’s data files have %u problem; "
                                "nothing was written:\n%s",
                                "The sample evaluation’s data files have %u problems; "
                                "nothing was written:\n%s", problems.n),
                   problems.n, text->str);
      return NULL;
    }
  return g_steal_pointer (&data);
}
