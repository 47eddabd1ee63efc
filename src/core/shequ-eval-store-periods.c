/* shequ-eval-store-periods.c — periods opened, sheets submitted and reopened, flags raised */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-eval-store-private.h"

#define eval_error(error, ...) _shequ_eval_set_error ((error), __VA_ARGS__)

static gboolean
is_iso_date (const char *text)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  return g_date_valid_dmy (day, month, year);
}

static char *
period_target (gint64 period_id)
{
  return g_strdup_printf ("eval-period:%" G_GINT64_FORMAT, period_id);
}

static char *
sheet_target (gint64 assessor_id)
{
  return g_strdup_printf ("eval-sheet:%" G_GINT64_FORMAT, assessor_id);
}

/* ---- Opening a period ------------------------------------------------------------------ */

typedef struct {
  ShequEvalStore        *self;
  gint64                 set_id;
  ShequPeriodKind        kind;
  const char            *label;
  const char            *starts;
  const char            *ends;
  const char            *actor;
  const ShequEvalSetDef *set;     /* the newest version of SET_ID's family */
  gint64                 new_id;
} OpenPeriod;

/* A period of the same family and kind whose dates meet OP's, or NULL. */
static const ShequPeriodRow *
overlapping (OpenPeriod *op)
{
  for (guint i = 0; i < op->self->data->periods->len; i++)
    {
      EvalPeriod *other = g_ptr_array_index (op->self->data->periods, i);
      const ShequEvalSetDef *set = _shequ_eval_store_period_set (op->self, other);

      if (other->row->kind == op->kind && set != NULL &&
          set->set->family == op->set->set->family &&
          strcmp (other->row->starts, op->ends) <= 0 && strcmp (op->starts, other->row->ends) <= 0)
        return other->row;
    }
  return NULL;
}

static gboolean
plan_open (OpenPeriod  *op,
           GError     **error)
{
  const ShequEvalSetDef *given = shequ_eval_store_lookup_set (op->self, op->set_id);
  GPtrArray *sets = shequ_eval_store_get_sets (op->self);
  const ShequPeriodRow *overlap;
  double sum;

  if (given == NULL)
    return _shequ_eval_set_error_not_found (error, C_("not found", "indicator set"),
                                            op->set_id);
  for (guint i = 0; i < sets->len; i++)
    if (((ShequEvalSetDef *) g_ptr_array_index (sets, i))->set->family == given->set->family)
      op->set = g_ptr_array_index (sets, i);
  if (_shequ_eval_is_blank (op->label))
    return eval_error (error, SHEQU_EVAL_ERROR_INVALID, _("A period needs a name."));
  if ((guint) op->kind >= SHEQU_PERIOD_N_KINDS)
    return eval_error (error, SHEQU_EVAL_ERROR_INVALID,
                       _("The period %s has no kind (month, quarter or year)."), op->label);
  if (!is_iso_date (op->starts) || !is_iso_date (op->ends))
    return eval_error (error, SHEQU_EVAL_ERROR_INVALID,
                       _("The dates of the period %s must be written YYYY-MM-DD (it has "
                         "“%s” to “%s”)."),
                       op->label, op->starts != NULL ? op->starts : "",
                       op->ends != NULL ? op->ends : "");
  if (strcmp (op->ends, op->starts) < 0)
    return eval_error (error, SHEQU_EVAL_ERROR_INVALID,
                       _("The period %s ends (%s) before it starts (%s)."),
                       op->label, op->ends, op->starts);
  if ((overlap = overlapping (op)) != NULL)
    return eval_error (error, SHEQU_EVAL_ERROR_INVALID,
                       _("The period %s (%s to %s) overlaps the period %s (%s to %s) of the "
                         "same set and kind."),
                       op->label, op->starts, op->ends, overlap->label, overlap->starts,
                       overlap->ends);
  sum = shequ_eval_set_def_get_weight_sum (op->set);
  if (fabs (sum - 100.0) > 0.001)
    return eval_error (error, SHEQU_EVAL_ERROR_WEIGHTS,
                       _("The weights of the set “%s” add up to %g, not 100: the period %s "
                         "cannot open until they do."),
                       op->set->set->name, sum, op->label);
  return TRUE;
}

static gboolean
open_in_transaction (ShequDatabase  *db,
                     gpointer        user_data,
                     GError        **error)
{
  static const char sql[] =
    "INSERT INTO eval_period (set_id, kind, label, starts, ends, state) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 'open')";
  OpenPeriod *op = user_data;
  ShequEvalStore *self = op->self;
  g_autofree char *target = NULL;
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;
  gboolean reloaded;

  if (!_shequ_eval_store_catch_up (self, &reloaded, error) ||
      (reloaded && !plan_open (op, error)))
    return FALSE;
  if (!(stmt = _shequ_eval_store_statement (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->set->set->id);
  sqlite3_bind_text (stmt, 2, shequ_period_kind_to_key (op->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op->label, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, op->starts, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, op->ends, -1, SQLITE_STATIC);
  if (!_shequ_eval_store_step_done (self, stmt, error))
    return FALSE;
  op->new_id = sqlite3_last_insert_rowid (shequ_database_get_handle (self->db));
  target = period_target (op->new_id);
  value = g_strdup_printf ("%s (%s to %s; set “%s” version %u)", op->label, op->starts, op->ends,
                           op->set->set->name, op->set->set->version);
  return _shequ_eval_store_log (self, op->actor, "period-open", target, NULL, value, NULL, error);
}

gboolean
shequ_eval_store_open_period (ShequEvalStore   *self,
                              gint64            set_id,
                              ShequPeriodKind   kind,
                              const char       *label,
                              const char       *starts,
                              const char       *ends,
                              const char       *actor,
                              gint64           *period_id,
                              GError          **error)
{
  OpenPeriod op = { self, set_id, kind, label, starts, ends, actor, NULL, 0 };
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!plan_open (&op, error) ||
      !_shequ_eval_store_write (self, open_in_transaction, &op, error))
    {
      _shequ_eval_store_emit_reloaded (self);
      return FALSE;
    }

  period = g_new0 (EvalPeriod, 1);
  period->row = shequ_period_row_new ();
  period->row->id = op.new_id;
  period->row->set_id = op.set->set->id;
  period->row->kind = kind;
  period->row->label = g_strdup (label);
  period->row->starts = g_strdup (starts);
  period->row->ends = g_strdup (ends);
  period->row->state = SHEQU_PERIOD_STATE_OPEN;
  period->assessors = g_ptr_array_new ();
  period->targets = g_ptr_array_new ();
  _shequ_eval_period_rebuild (self->data, period, op.set);
  g_ptr_array_add (self->data->periods, period);
  g_hash_table_insert (self->data->period_ids, &period->row->id, period);
  _shequ_eval_data_sort_periods (self->data);
  _shequ_eval_store_sync_period_rows (self);
  if (period_id != NULL)
    *period_id = op.new_id;
  _shequ_eval_store_emit_reloaded (self);
  _shequ_eval_store_emit (self, op.new_id, "period");
  return TRUE;
}

/* ---- Flags raised when a period closes --------------------------------------------------- */

typedef struct {
  const ShequFlagRuleRow *rule;
  EvalTarget             *target;
} RaisedFlag;

static ShequBand
band_in (ShequEvalStore *self,
         EvalPeriod     *period,
         gint64          target_id)
{
  guint t = GPOINTER_TO_UINT (g_hash_table_lookup (period->target_index, &target_id));

  if (t == 0)
    return SHEQU_BAND_NONE;
  return _shequ_eval_store_results (self, period)->band[t - 1];
}

static gint64
family_of (ShequEvalStore *self,
           gint64          period_id)
{
  EvalPeriod *period = _shequ_eval_store_period (self, period_id);
  const ShequEvalSetDef *set = period != NULL ? _shequ_eval_store_period_set (self, period) : NULL;

  return set != NULL ? set->set->family : 0;
}

static char *
held_key (gint64                  target_id,
          const ShequFlagRuleRow *rule)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%d/%d", target_id, rule->band, rule->action);
}

/* What PERIOD's close may not raise again, as a set of strings: "RULE:TARGET" for the
 * flags of PERIOD itself, and "TARGET/BAND/ACTION" for the family's flags still open or
 * interviewed (a target staying red is not flagged again at every close; a closed flag
 * lets a new one come). */
static GHashTable *
flags_held (ShequEvalStore *self,
            EvalPeriod     *period,
            gint64          family)
{
  GHashTable *held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) rules = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) families = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->data->sets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ShequEvalSetDef *def = value;

      for (guint r = 0; r < def->flag_rules->len; r++)
        {
          ShequFlagRuleRow *rule = g_ptr_array_index (def->flag_rules, r);

          g_hash_table_insert (rules, &rule->id, rule);
        }
    }
  for (guint i = 0; i < self->data->flags->len; i++)
    {
      ShequFlagRow *flag = g_ptr_array_index (self->data->flags, i);
      const ShequFlagRuleRow *rule = g_hash_table_lookup (rules, &flag->rule_id);
      gpointer known;

      if (flag->period_id == period->row->id)
        g_hash_table_add (held, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                 flag->rule_id, flag->target_id));
      if (rule == NULL || flag->state == SHEQU_FLAG_STATE_CLOSED)
        continue;
      if (!g_hash_table_lookup_extended (families, &flag->period_id, NULL, &known))
        {
          known = GINT_TO_POINTER (family_of (self, flag->period_id) == family);
          g_hash_table_insert (families, &flag->period_id, known);
        }
      if (known)
        g_hash_table_add (held, held_key (flag->target_id, rule));
    }
  return held;
}

static gboolean
flag_held (GHashTable             *held,
           const ShequFlagRuleRow *rule,
           gint64                  target_id)
{
  g_autofree char *own = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, rule->id,
                                          target_id);
  g_autofree char *family = held_key (target_id, rule);

  return g_hash_table_contains (held, own) || g_hash_table_contains (held, family);
}

/* The flags PERIOD's close raises: every rule of its set over each target's bands in the
 * closed periods of the family and kind before it, oldest first, and then this one;
 * not a rule the target is already flagged for (flags_held). */
static GArray *
flags_to_raise (ShequEvalStore *self,
                EvalPeriod     *period)
{
  const ShequEvalSetDef *set = _shequ_eval_store_period_set (self, period);
  g_autoptr(GPtrArray) before = _shequ_eval_store_family_before (self, period, FALSE);
  g_autofree ShequBand *history = g_new (ShequBand, before->len + 1);
  g_autoptr(GHashTable) held = NULL;
  GArray *raised = g_array_new (FALSE, FALSE, sizeof (RaisedFlag));

  if (set->flag_rules->len == 0)
    return raised;
  held = flags_held (self, period, set->set->family);
  for (guint t = 0; t < period->targets->len; t++)
    {
      EvalTarget *target = g_ptr_array_index (period->targets, t);

      for (guint p = 0; p < before->len; p++)
        history[p] = band_in (self, g_ptr_array_index (before, p), target->row.id);
      history[before->len] = _shequ_eval_store_results (self, period)->band[t];
      for (guint r = 0; r < set->flag_rules->len; r++)
        {
          RaisedFlag flag = { g_ptr_array_index (set->flag_rules, r), target };

          if (shequ_flag_rule_fires (flag.rule, history, before->len + 1) &&
              !flag_held (held, flag.rule, target->row.id))
            {
              g_array_append_val (raised, flag);
              /* Two rules alike in one set raise one flag. */
              g_hash_table_add (held, held_key (target->row.id, flag.rule));
            }
        }
    }
  return raised;
}

static char *
describe_rule (const ShequFlagRuleRow *rule)
{
  return g_strdup_printf ("%s: %s %u of %u", shequ_flag_action_to_key (rule->action),
                          shequ_band_to_key (rule->band), rule->count, rule->within);
}

static gboolean
write_flags (ShequEvalStore *self,
             EvalPeriod     *period,
             GArray         *raised,
             GPtrArray      *rows,
             const char     *actor,
             GError        **error)
{
  static const char sql[] =
    "INSERT INTO eval_flag (rule_id, target_id, period_id, action, state, note, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, 'open', '', ?5)";
  g_autofree char *now = _shequ_eval_now ();

  for (guint i = 0; i < raised->len; i++)
    {
      const RaisedFlag *flag = &g_array_index (raised, RaisedFlag, i);
      sqlite3_stmt *stmt = _shequ_eval_store_statement (self, sql, error);
      g_autofree char *target = NULL;
      g_autofree char *value = NULL;
      ShequFlagRow *row;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, flag->rule->id);
      sqlite3_bind_int64 (stmt, 2, flag->target->row.id);
      sqlite3_bind_int64 (stmt, 3, period->row->id);
      sqlite3_bind_text (stmt, 4, shequ_flag_action_to_key (flag->rule->action), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
      if (!_shequ_eval_store_step_done (self, stmt, error))
        return FALSE;
      row = shequ_flag_row_new ();
      row->id = sqlite3_last_insert_rowid (shequ_database_get_handle (self->db));
      row->rule_id = flag->rule->id;
      row->target_id = flag->target->row.id;
      row->period_id = period->row->id;
      row->action = flag->rule->action;
      row->state = SHEQU_FLAG_STATE_OPEN;
      row->note = g_strdup ("");
      row->updated_at = g_strdup (now);
      g_ptr_array_add (rows, row);

      target = g_strdup_printf ("eval-target:%" G_GINT64_FORMAT, flag->target->row.id);
      value = describe_rule (flag->rule);
      if (!_shequ_eval_store_log (self, actor, "flag", target, NULL, value, period->row->label,
                                  error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Submitting ---------------------------------------------------------------------------- */

typedef struct {
  ShequEvalStore *self;
  gint64          assessor_id;
  const char     *actor;
  const char     *reason;
  EvalAssessor   *assessor;
  gboolean        closes;     /* submit: the last open sheet; reopen: the period was closed */
  GArray         *raised;     /* RaisedFlag */
  GPtrArray      *flags;      /* ShequFlagRow*: raised (submit) or withdrawn (reopen) */
  char           *at;
} Sheet;

static gboolean
find_sheet (Sheet   *op,
            GError **error)
{
  if (!(op->assessor = _shequ_eval_store_assessor (op->self, op->assessor_id)))
    return _shequ_eval_set_error_not_found (error, C_("not found", "assessor"),
                                            op->assessor_id);
  return TRUE;
}

/* The empty cells of ASSESSOR's sheet, and the first of them. */
static guint
count_empty (ShequEvalStore *self,
             EvalAssessor   *assessor,
             guint          *first_target,
             guint          *first_indicator)
{
  EvalPeriod *period = assessor->period;
  guint n_indicators = shequ_eval_matrix_get_n_indicators (period->matrix);
  guint n_empty = 0;

  for (guint t = 0; t < period->targets->len; t++)
    {
      const ShequScore *row;

      if (!shequ_eval_matrix_get_assigned (period->matrix, assessor->index, t))
        continue;
      row = shequ_eval_matrix_get_row (period->matrix, assessor->index, t);
      for (guint i = 0; i < n_indicators; i++)
        if (row[i] == SHEQU_SCORE_NONE && n_empty++ == 0)
          {
            *first_target = t;
            *first_indicator = i;
          }
    }
  return n_empty;
}

/* Every assessor with targets has submitted (one without grades nothing: no wait). */
gboolean
_shequ_eval_period_is_complete (EvalPeriod *period)
{
  for (guint a = 0; a < period->assessors->len; a++)
    {
      EvalAssessor *assessor = g_ptr_array_index (period->assessors, a);

      if (assessor->row.submitted_at == NULL && assessor->assigned->len > 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
plan_submit (Sheet   *op,
             GError **error)
{
  EvalPeriod *period;
  guint first_target = 0, first_indicator = 0, n_empty;

  if (!find_sheet (op, error))
    return FALSE;
  period = op->assessor->period;
  if (period->row->state == SHEQU_PERIOD_STATE_CLOSED)
    return eval_error (error, SHEQU_EVAL_ERROR_CLOSED, _("The period %s is already closed."),
                       period->row->label);
  if (op->assessor->row.submitted_at != NULL)
    return eval_error (error, SHEQU_EVAL_ERROR_SUBMITTED,
                       _("%s has already submitted the sheet for %s."),
                       op->assessor->row.name, period->row->label);
  n_empty = count_empty (op->self, op->assessor, &first_target, &first_indicator);
  if (n_empty > 0)
    {
      const ShequEvalSetDef *set = _shequ_eval_store_period_set (op->self, period);
      const ShequIndicatorRow *indicator = g_ptr_array_index (set->indicators, first_indicator);
      EvalTarget *target = g_ptr_array_index (period->targets, first_target);
      g_autofree char *who = _shequ_eval_describe_target (&target->row);

      return eval_error (error, SHEQU_EVAL_ERROR_INCOMPLETE,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "The sheet of %s for %s has %u empty cell (“%s” for %s): "
                                      "fill it before submitting.",
                                      "The sheet of %s for %s has %u empty cells (the first: "
                                      "“%s” for %s): fill them before submitting.", n_empty),
                         op->assessor->row.name, period->row->label, n_empty, indicator->name,
                         who);
    }

  /* Submitted as if already: is every sheet then in? */
  op->assessor->row.submitted_at = (char *) "";
  op->closes = _shequ_eval_period_is_complete (period);
  op->assessor->row.submitted_at = NULL;
  g_clear_pointer (&op->raised, g_array_unref);
  if (op->closes)
    op->raised = flags_to_raise (op->self, period);
  return TRUE;
}

static gboolean
write_submitted_at (ShequEvalStore *self,
                    gint64          assessor_id,
                    const char     *at,
                    GError        **error)
{
  static const char sql[] = "UPDATE eval_assessor SET submitted_at = ?2 WHERE id = ?1";
  sqlite3_stmt *stmt = _shequ_eval_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessor_id);
  if (at != NULL)
    sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
  return _shequ_eval_store_step_done (self, stmt, error);
}

static gboolean
submit_in_transaction (ShequDatabase  *db,
                       gpointer        user_data,
                       GError        **error)
{
  Sheet *op = user_data;
  ShequEvalStore *self = op->self;
  EvalPeriod *period;
  g_autofree char *sheet = NULL;
  g_autofree char *target = NULL;
  g_autofree char *value = NULL;
  gboolean reloaded;

  if (!_shequ_eval_store_catch_up (self, &reloaded, error) ||
      (reloaded && !plan_submit (op, error)))
    return FALSE;
  period = op->assessor->period;
  g_ptr_array_set_size (op->flags, 0);
  sheet = sheet_target (op->assessor_id);
  value = g_strdup_printf ("%s, %s", op->assessor->row.name, period->row->label);
  if (!write_submitted_at (self, op->assessor_id, op->at, error) ||
      !_shequ_eval_store_log (self, op->actor, "submit", sheet, NULL, value, NULL, error))
    return FALSE;
  if (!op->closes)
    return TRUE;
  target = period_target (period->row->id);
  return _shequ_eval_store_write_period_state (self, period, SHEQU_PERIOD_STATE_CLOSED, error) &&
         _shequ_eval_store_log (self, op->actor, "period-close", target,
                                shequ_period_state_to_key (period->row->state),
                                shequ_period_state_to_key (SHEQU_PERIOD_STATE_CLOSED),
                                NULL, error) &&
         write_flags (self, period, op->raised, op->flags, op->actor, error);
}

static void
sheet_clear (Sheet *op)
{
  g_clear_pointer (&op->raised, g_array_unref);
  g_clear_pointer (&op->flags, g_ptr_array_unref);
  g_clear_pointer (&op->at, g_free);
}

gboolean
shequ_eval_store_submit (ShequEvalStore  *self,
                         gint64           assessor_id,
                         const char      *actor,
                         GError         **error)
{
  Sheet op = { self, assessor_id, actor, NULL, NULL, FALSE, NULL, NULL, NULL };
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op.flags = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_flag_row_free);
  op.at = _shequ_eval_now ();
  if (!plan_submit (&op, error) ||
      !_shequ_eval_store_write (self, submit_in_transaction, &op, error))
    {
      sheet_clear (&op);
      _shequ_eval_store_emit_reloaded (self);
      return FALSE;
    }

  period = op.assessor->period;
  op.assessor->row.submitted_at = g_steal_pointer (&op.at);
  if (op.closes)
    {
      period->row->state = SHEQU_PERIOD_STATE_CLOSED;
      while (op.flags->len > 0)
        {
          ShequFlagRow *row = g_ptr_array_steal_index (op.flags, 0);

          g_ptr_array_add (self->data->flags, row);
          g_hash_table_insert (self->data->flag_ids, &row->id, row);
        }
      _shequ_eval_data_sort_flags (self->data);
    }
  sheet_clear (&op);
  _shequ_eval_store_emit_reloaded (self);
  _shequ_eval_store_emit (self, period->row->id, "sheet");
  if (period->row->state == SHEQU_PERIOD_STATE_CLOSED)
    {
      _shequ_eval_store_emit (self, period->row->id, "period");
      _shequ_eval_store_emit (self, 0, "flags");
    }
  return TRUE;
}

/* ---- Reopening ------------------------------------------------------------------------------ */

/* The last closed period of PERIOD's family and kind after it, or NULL. */
static EvalPeriod *
later_closed (ShequEvalStore *self,
              EvalPeriod     *period)
{
  gint64 family = family_of (self, period->row->id);
  EvalPeriod *later = NULL;

  for (guint i = 0; i < self->data->periods->len; i++)
    {
      EvalPeriod *other = g_ptr_array_index (self->data->periods, i);
      g_autoptr(GPtrArray) before = NULL;

      if (other == period || other->row->state != SHEQU_PERIOD_STATE_CLOSED ||
          other->row->kind != period->row->kind || family_of (self, other->row->id) != family)
        continue;
      before = _shequ_eval_store_family_before (self, other, TRUE);
      if (g_ptr_array_find (before, period, NULL))
        later = other;
    }
  return later;
}

static gboolean
plan_reopen (Sheet   *op,
             GError **error)
{
  EvalPeriod *period;
  EvalPeriod *later;

  if (!find_sheet (op, error))
    return FALSE;
  period = op->assessor->period;
  if (_shequ_eval_is_blank (op->reason))
    return eval_error (error, SHEQU_EVAL_ERROR_REASON,
                       _("Reopening the sheet of %s for %s needs a reason, for the audit log."),
                       op->assessor->row.name, period->row->label);
  if (op->assessor->row.submitted_at == NULL)
    return eval_error (error, SHEQU_EVAL_ERROR_INVALID,
                       _("The sheet of %s for %s is not submitted: there is nothing to reopen."),
                       op->assessor->row.name, period->row->label);
  op->closes = period->row->state == SHEQU_PERIOD_STATE_CLOSED;
  if (op->closes && (later = later_closed (op->self, period)) != NULL)
    return eval_error (error, SHEQU_EVAL_ERROR_INVALID,
                       _("The period %s cannot be reopened while the later period %s is "
                         "closed: its flags were raised over this one's bands. Reopen %s "
                         "first."),
                       period->row->label, later->row->label, later->row->label);
  g_ptr_array_set_size (op->flags, 0);
  for (guint i = 0; op->closes && i < op->self->data->flags->len; i++)
    {
      ShequFlagRow *flag = g_ptr_array_index (op->self->data->flags, i);

      if (flag->period_id == period->row->id && flag->state == SHEQU_FLAG_STATE_OPEN)
        g_ptr_array_add (op->flags, flag);
    }
  return TRUE;
}

static gboolean
withdraw_flags (Sheet   *op,
                GError **error)
{
  static const char sql[] = "DELETE FROM eval_flag WHERE id = ?1";

  for (guint i = 0; i < op->flags->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (op->flags, i);
      sqlite3_stmt *stmt = _shequ_eval_store_statement (op->self, sql, error);
      g_autofree char *target = NULL;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, flag->id);
      if (!_shequ_eval_store_step_done (op->self, stmt, error))
        return FALSE;
      target = g_strdup_printf ("eval-target:%" G_GINT64_FORMAT, flag->target_id);
      if (!_shequ_eval_store_log (op->self, op->actor, "flag", target,
                                  shequ_flag_state_to_key (flag->state), "withdrawn",
                                  op->reason, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
reopen_in_transaction (ShequDatabase  *db,
                       gpointer        user_data,
                       GError        **error)
{
  Sheet *op = user_data;
  ShequEvalStore *self = op->self;
  EvalPeriod *period;
  g_autofree char *sheet = NULL;
  g_autofree char *target = NULL;
  gboolean reloaded;

  if (!_shequ_eval_store_catch_up (self, &reloaded, error) ||
      (reloaded && !plan_reopen (op, error)))
    return FALSE;
  period = op->assessor->period;
  sheet = sheet_target (op->assessor_id);
  if (!write_submitted_at (self, op->assessor_id, NULL, error) ||
      !_shequ_eval_store_log (self, op->actor, "reopen", sheet, op->assessor->row.submitted_at,
                              NULL, op->reason, error))
    return FALSE;
  if (!op->closes)
    return TRUE;
  target = period_target (period->row->id);
  return _shequ_eval_store_write_period_state (self, period, SHEQU_PERIOD_STATE_SCORING, error) &&
         _shequ_eval_store_log (self, op->actor, "reopen", target,
                                shequ_period_state_to_key (SHEQU_PERIOD_STATE_CLOSED),
                                shequ_period_state_to_key (SHEQU_PERIOD_STATE_SCORING),
                                op->reason, error) &&
         withdraw_flags (op, error);
}

gboolean
shequ_eval_store_reopen (ShequEvalStore  *self,
                         gint64           assessor_id,
                         const char      *reason,
                         const char      *actor,
                         GError         **error)
{
  Sheet op = { self, assessor_id, actor, reason, NULL, FALSE, NULL, NULL, NULL };
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op.flags = g_ptr_array_new ();
  if (!plan_reopen (&op, error) ||
      !_shequ_eval_store_write (self, reopen_in_transaction, &op, error))
    {
      sheet_clear (&op);
      _shequ_eval_store_emit_reloaded (self);
      return FALSE;
    }

  period = op.assessor->period;
  g_clear_pointer (&op.assessor->row.submitted_at, g_free);
  if (op.closes)
    {
      period->row->state = SHEQU_PERIOD_STATE_SCORING;
      for (guint i = 0; i < op.flags->len; i++)
        {
          ShequFlagRow *flag = g_ptr_array_index (op.flags, i);

          g_hash_table_remove (self->data->flag_ids, &flag->id);
          g_ptr_array_remove (self->data->flags, flag);
        }
    }
  sheet_clear (&op);
  _shequ_eval_store_emit_reloaded (self);
  _shequ_eval_store_emit (self, period->row->id, "sheet");
  if (period->row->state != SHEQU_PERIOD_STATE_CLOSED && op.closes)
    {
      _shequ_eval_store_emit (self, period->row->id, "period");
      _shequ_eval_store_emit (self, 0, "flags");
    }
  return TRUE;
}

/* ---- Flags' states ------------------------------------------------------------------------- */

GPtrArray *
shequ_eval_store_get_flags (ShequEvalStore *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  return self->data->flags;
}

typedef struct {
  ShequEvalStore *self;
  gint64          flag_id;
  ShequFlagState  state;
  const char     *note;
  const char     *actor;
  ShequFlagRow   *flag;
  char           *new_note;
  char           *at;
} FlagState;

static gboolean
plan_flag_state (FlagState  *op,
                 GError    **error)
{
  ShequFlagState from;
  EvalTarget *target;
  gboolean keep;
  g_autofree char *who = NULL;

  if (!(op->flag = g_hash_table_lookup (op->self->data->flag_ids, &op->flag_id)))
    return _shequ_eval_set_error_not_found (error, C_("not found", "flag"),
                                            op->flag_id);
  from = op->flag->state;
  target = _shequ_eval_store_target (op->self, op->flag->target_id);
  who = target != NULL ? _shequ_eval_describe_target (&target->row) : g_strdup ("?");
  if ((guint) op->state >= SHEQU_FLAG_N_STATES ||
      !((from == SHEQU_FLAG_STATE_OPEN && op->state != SHEQU_FLAG_STATE_OPEN) ||
        (from == SHEQU_FLAG_STATE_INTERVIEWED && op->state == SHEQU_FLAG_STATE_CLOSED) ||
        (from == SHEQU_FLAG_STATE_CLOSED && op->state == SHEQU_FLAG_STATE_OPEN)))
    return eval_error (error, SHEQU_EVAL_ERROR_INVALID,
                       _("The flag on %s is “%s”: it cannot become “%s”."), who,
                       shequ_flag_state_get_label (from),
                       (guint) op->state < SHEQU_FLAG_N_STATES
                       ? shequ_flag_state_get_label (op->state) : "?");
  if (op->state == SHEQU_FLAG_STATE_INTERVIEWED && _shequ_eval_is_blank (op->note))
    return eval_error (error, SHEQU_EVAL_ERROR_REASON,
                       _("Say what the interview with %s came to: the note is required."), who);
  g_free (op->new_note);
  /* The interview's note stays when the flag is closed, unless there was none. */
  keep = _shequ_eval_is_blank (op->note) ||
         (op->state == SHEQU_FLAG_STATE_CLOSED && *op->flag->note != '\0');
  op->new_note = g_strdup (keep ? op->flag->note : op->note);
  return TRUE;
}

static gboolean
flag_state_in_transaction (ShequDatabase  *db,
                           gpointer        user_data,
                           GError        **error)
{
  static const char sql[] =
    "UPDATE eval_flag SET state = ?2, note = ?3, updated_at = ?4 WHERE id = ?1";
  FlagState *op = user_data;
  g_autofree char *target = NULL;
  sqlite3_stmt *stmt;
  gboolean reloaded;

  if (!_shequ_eval_store_catch_up (op->self, &reloaded, error) ||
      (reloaded && !plan_flag_state (op, error)))
    return FALSE;
  if (!(stmt = _shequ_eval_store_statement (op->self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->flag_id);
  sqlite3_bind_text (stmt, 2, shequ_flag_state_to_key (op->state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op->new_note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, op->at, -1, SQLITE_STATIC);
  if (!_shequ_eval_store_step_done (op->self, stmt, error))
    return FALSE;
  target = g_strdup_printf ("eval-target:%" G_GINT64_FORMAT, op->flag->target_id);
  return _shequ_eval_store_log (op->self, op->actor, "flag", target,
                                shequ_flag_state_to_key (op->flag->state),
                                shequ_flag_state_to_key (op->state), op->note, error);
}

gboolean
shequ_eval_store_set_flag_state (ShequEvalStore  *self,
                                 gint64           flag_id,
                                 ShequFlagState   state,
                                 const char      *note,
                                 const char      *actor,
                                 GError         **error)
{
  FlagState op = { self, flag_id, state, note, actor, NULL, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op.at = _shequ_eval_now ();
  ok = plan_flag_state (&op, error) &&
       _shequ_eval_store_write (self, flag_state_in_transaction, &op, error);
  if (ok)
    {
      op.flag->state = state;
      g_free (op.flag->note);
      op.flag->note = g_steal_pointer (&op.new_note);
      g_free (op.flag->updated_at);
      op.flag->updated_at = g_steal_pointer (&op.at);
    }
  g_free (op.new_note);
  g_free (op.at);
  _shequ_eval_store_emit_reloaded (self);
  if (ok)
    _shequ_eval_store_emit (self, 0, "flags");
  return ok;
}
