/* shequ-eval-store-scores.c — who grades whom, and the scores they give */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-eval-store-private.h"
#include "shequ-person.h"

/* ---- One cell, checked ---------------------------------------------------------------- */

typedef struct {
  EvalAssessor            *assessor;
  EvalTarget              *target;
  const ShequIndicatorRow *indicator;
  guint                    t;            /* the target's index in the period */
  ShequScore               old_value;
  const char              *old_comment;  /* "" when none */
  ShequScore               value;
  const char              *comment;      /* "" when none */
} Cell;

/* Who, whom and what of EDIT; the sheet's state is checked by check_cell(). */
static gboolean
find_cell (ShequEvalStore       *self,
           const ShequScoreEdit *edit,
           Cell                 *cell,
           GError              **error)
{
  EvalPeriod *period;

  if (!(cell->assessor = _shequ_eval_store_assessor (self, edit->assessor_id)))
    return _shequ_eval_set_error_not_found (error, C_("not found", "assessor"),
                                            edit->assessor_id);
  if (!(cell->target = _shequ_eval_store_target (self, edit->target_id)))
    return _shequ_eval_set_error_not_found (error, C_("not found", "target"),
                                            edit->target_id);
  period = cell->assessor->period;
  cell->indicator = g_hash_table_lookup (self->data->indicators, &edit->indicator_id);
  if (cell->indicator == NULL || cell->indicator->set_id != period->row->set_id)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, edit->indicator_id);

      return _shequ_eval_set_error (error, SHEQU_EVAL_ERROR_NOT_FOUND,
                                    _("The indicator %s is not one of the period %s."),
                                    cell->indicator != NULL ? cell->indicator->name : id,
                                    period->row->label);
    }
  cell->t = GPOINTER_TO_UINT (g_hash_table_lookup (period->target_index, &edit->target_id));
  return TRUE;
}

/* The message for a cell refused with CODE (built only then: a paste of thousands of
 * good cells formats nothing). */
static gboolean
refuse_cell (const Cell           *cell,
             const ShequScoreEdit *edit,
             ShequEvalError        code,
             GError              **error)
{
  const ShequPeriodRow *period = cell->assessor->period->row;
  const char *indicator = cell->indicator->name;
  g_autofree char *who = _shequ_eval_describe_target (&cell->target->row);
  g_autofree char *value = shequ_score_format (edit->value);
  g_autofree char *max = shequ_score_format (cell->indicator->max_score);

  if (code == SHEQU_EVAL_ERROR_CLOSED)
    return _shequ_eval_set_error (error, code,
                                  _("The period %s is closed: the score of “%s” for %s cannot "
                                    "change."),
                                  period->label, indicator, who);
  if (code == SHEQU_EVAL_ERROR_SUBMITTED)
    return _shequ_eval_set_error (error, code,
                                  _("%s has submitted the sheet for %s: reopen it to change the "
                                    "score of “%s” for %s."),
                                  cell->assessor->row.name, period->label, indicator, who);
  if (code == SHEQU_EVAL_ERROR_NOT_ASSIGNED)
    return _shequ_eval_set_error (error, code, _("%s does not grade %s in the period %s."),
                                  cell->assessor->row.name, who, period->label);
  if (code == SHEQU_EVAL_ERROR_RANGE)
    return _shequ_eval_set_error (error, code,
                                  _("The score %s of “%s” for %s in %s is outside 0 to %s."),
                                  edit->value < 0 ? "−" : value, indicator, who, period->label,
                                  max);
  g_assert (code == SHEQU_EVAL_ERROR_COMMENT);
  return _shequ_eval_set_error (error, code,
                                _("The score %s of “%s” for %s in %s is low: say why in a "
                                  "comment."),
                                value, indicator, who, period->label);
}

static gboolean
check_cell (ShequEvalStore       *self,
            const ShequScoreEdit *edit,
            Cell                 *cell,
            GError              **error)
{
  const ShequEvalSetDef *set;
  EvalPeriod *period;

  if (!find_cell (self, edit, cell, error))
    return FALSE;
  period = cell->assessor->period;
  set = _shequ_eval_store_period_set (self, period);
  if (period->row->state == SHEQU_PERIOD_STATE_CLOSED)
    return refuse_cell (cell, edit, SHEQU_EVAL_ERROR_CLOSED, error);
  if (cell->assessor->row.submitted_at != NULL)
    return refuse_cell (cell, edit, SHEQU_EVAL_ERROR_SUBMITTED, error);
  if (cell->t == 0 ||
      !shequ_eval_matrix_get_assigned (period->matrix, cell->assessor->index, cell->t - 1))
    return refuse_cell (cell, edit, SHEQU_EVAL_ERROR_NOT_ASSIGNED, error);

  cell->value = edit->value;
  cell->comment = edit->comment != NULL ? edit->comment : "";
  if (edit->value == SHEQU_SCORE_NONE)
    return TRUE;
  if (edit->value < 0 || edit->value > cell->indicator->max_score)
    return refuse_cell (cell, edit, SHEQU_EVAL_ERROR_RANGE, error);
  if (set->set->comment_below > 0 &&
      edit->value < set->set->comment_below * cell->indicator->max_score &&
      _shequ_eval_is_blank (edit->comment))
    return refuse_cell (cell, edit, SHEQU_EVAL_ERROR_COMMENT, error);
  return TRUE;
}

static const char *
stored_comment (ShequEvalStore *self,
                gint64          assessor_id,
                gint64          target_id,
                gint64          indicator_id)
{
  CellKey key = { assessor_id, target_id, indicator_id };
  const char *comment = g_hash_table_lookup (self->data->comments, &key);

  return comment != NULL ? comment : "";
}

gboolean
shequ_eval_store_get_score (ShequEvalStore  *self,
                            gint64           assessor_id,
                            gint64           target_id,
                            gint64           indicator_id,
                            ShequScore      *value,
                            const char     **comment)
{
  ShequScoreEdit edit = { assessor_id, target_id, indicator_id, SHEQU_SCORE_NONE, NULL };
  Cell cell = { NULL };
  ShequScore score = SHEQU_SCORE_NONE;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);

  if (find_cell (self, &edit, &cell, NULL) && cell.t > 0)
    score = shequ_eval_matrix_get (cell.assessor->period->matrix, cell.assessor->index,
                                   cell.t - 1, cell.indicator->position);
  if (value != NULL)
    *value = score;
  if (comment != NULL)
    *comment = score != SHEQU_SCORE_NONE
               ? stored_comment (self, assessor_id, target_id, indicator_id) : NULL;
  return score != SHEQU_SCORE_NONE;
}

/* ---- Many cells, one transaction ------------------------------------------------------- */

typedef struct {
  ShequEvalStore       *self;
  const ShequScoreEdit *edits;
  guint                 n_edits;
  const char           *actor;
  GArray               *cells;      /* Cell: the edits that change something, in order */
  guint                 bad_index;
  GPtrArray            *periods;    /* EvalPeriod* the edits touch */
} ScoreBatch;

/* Checks every edit; the cells that change something go to BATCH->cells, each with what
 * it held before (the batch's own earlier edits included). */
static gboolean
plan_scores (ScoreBatch  *batch,
             GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (_shequ_cell_key_hash,
                                                      _shequ_cell_key_equal, g_free, NULL);

  g_array_set_size (batch->cells, 0);
  g_ptr_array_set_size (batch->periods, 0);
  for (guint i = 0; i < batch->n_edits; i++)
    {
      const ShequScoreEdit *edit = &batch->edits[i];
      CellKey key = { edit->assessor_id, edit->target_id, edit->indicator_id };
      Cell cell = { NULL };
      guint earlier;

      if (!check_cell (batch->self, edit, &cell, error))
        {
          batch->bad_index = i;
          return FALSE;
        }
      earlier = GPOINTER_TO_UINT (g_hash_table_lookup (seen, &key));
      if (earlier > 0)
        {
          const Cell *before = &g_array_index (batch->cells, Cell, earlier - 1);

          cell.old_value = before->value;
          cell.old_comment = before->comment;
        }
      else
        {
          cell.old_value = shequ_eval_matrix_get (cell.assessor->period->matrix,
                                                  cell.assessor->index, cell.t - 1,
                                                  cell.indicator->position);
          cell.old_comment = stored_comment (batch->self, key.assessor_id, key.target_id,
                                             key.indicator_id);
        }
      if (cell.old_value == cell.value &&
          (cell.value == SHEQU_SCORE_NONE || strcmp (cell.old_comment, cell.comment) == 0))
        continue;
      g_array_append_val (batch->cells, cell);
      g_hash_table_insert (seen, g_memdup2 (&key, sizeof key),
                           GUINT_TO_POINTER (batch->cells->len));
      if (!g_ptr_array_find (batch->periods, cell.assessor->period, NULL))
        g_ptr_array_add (batch->periods, cell.assessor->period);
    }
  return TRUE;
}

/* "I01: 8.5 (张三)": the indicator, the score and the assessor, for the log. */
static char *
describe_score (const Cell *cell,
                ShequScore  value)
{
  g_autofree char *text = NULL;

  if (value == SHEQU_SCORE_NONE)
    return NULL;
  text = shequ_score_format (value);
  return g_strdup_printf ("%s: %s (%s)", cell->indicator->code, text, cell->assessor->row.name);
}

static gboolean
log_score (ShequEvalStore  *self,
                             const char      *actor,
                             const Cell      *cell,
                             const char      *reason,
                             GError         **error)
{
  g_autofree char *target = g_strdup_printf ("eval-target:%" G_GINT64_FORMAT,
                                             cell->target->row.id);
  g_autofree char *old_value = describe_score (cell, cell->old_value);
  g_autofree char *new_value = describe_score (cell, cell->value);

  return _shequ_eval_store_log (self, actor, "score", target, old_value, new_value,
                                reason != NULL ? reason : cell->comment, error);
}

static gboolean
write_cell (ShequEvalStore  *self,
            const Cell      *cell,
            GError         **error)
{
  static const char sql_put[] =
    "INSERT INTO eval_score (assessor_id, target_id, indicator_id, value, comment) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (assessor_id, target_id, indicator_id) "
    "DO UPDATE SET value = excluded.value, comment = excluded.comment";
  static const char sql_clear[] =
    "DELETE FROM eval_score WHERE assessor_id = ?1 AND target_id = ?2 AND indicator_id = ?3";
  sqlite3_stmt *stmt;

  stmt = _shequ_eval_store_statement (self, cell->value == SHEQU_SCORE_NONE ? sql_clear : sql_put,
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cell->assessor->row.id);
  sqlite3_bind_int64 (stmt, 2, cell->target->row.id);
  sqlite3_bind_int64 (stmt, 3, cell->indicator->id);
  if (cell->value != SHEQU_SCORE_NONE)
    {
      sqlite3_bind_int (stmt, 4, cell->value);
      sqlite3_bind_text (stmt, 5, cell->comment, -1, SQLITE_STATIC);
    }
  return _shequ_eval_store_step_done (self, stmt, error);
}

gboolean
_shequ_eval_store_write_period_state (ShequEvalStore    *self,
                                      EvalPeriod        *period,
                                      ShequPeriodState   state,
                                      GError           **error)
{
  static const char sql[] = "UPDATE eval_period SET state = ?2 WHERE id = ?1";
  sqlite3_stmt *stmt = _shequ_eval_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period->row->id);
  sqlite3_bind_text (stmt, 2, shequ_period_state_to_key (state), -1, SQLITE_STATIC);
  return _shequ_eval_store_step_done (self, stmt, error);
}

static gboolean
scores_in_transaction (ShequDatabase  *db,
                       gpointer        user_data,
                       GError        **error)
{
  ScoreBatch *batch = user_data;
  ShequEvalStore *self = batch->self;
  gboolean reloaded;

  if (!_shequ_eval_store_catch_up (self, &reloaded, error) ||
      (reloaded && !plan_scores (batch, error)))
    return FALSE;
  for (guint i = 0; i < batch->cells->len; i++)
    {
      const Cell *cell = &g_array_index (batch->cells, Cell, i);

      if (!write_cell (self, cell, error) ||
          !log_score (self, batch->actor, cell, NULL, error))
        return FALSE;
    }
  /* The first score of an open period starts its scoring. */
  for (guint i = 0; i < batch->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (batch->periods, i);

      if (period->row->state == SHEQU_PERIOD_STATE_OPEN &&
          !_shequ_eval_store_write_period_state (self, period, SHEQU_PERIOD_STATE_SCORING, error))
        return FALSE;
    }
  return TRUE;
}

void
_shequ_eval_store_put_comment (ShequEvalStore *self,
                               gint64          assessor_id,
                               gint64          target_id,
                               gint64          indicator_id,
                               const char     *comment)
{
  CellKey key = { assessor_id, target_id, indicator_id };

  if (comment == NULL || *comment == '\0')
    g_hash_table_remove (self->data->comments, &key);
  else
    g_hash_table_insert (self->data->comments, g_memdup2 (&key, sizeof key), g_strdup (comment));
}

static void
take_scores (ShequEvalStore *self,
             ScoreBatch     *batch)
{
  for (guint i = 0; i < batch->cells->len; i++)
    {
      const Cell *cell = &g_array_index (batch->cells, Cell, i);
      EvalPeriod *period = cell->assessor->period;

      /* Copied before the old comment it may point to is replaced. */
      g_autofree char *comment = g_strdup (cell->value != SHEQU_SCORE_NONE ? cell->comment : "");

      shequ_eval_matrix_set (period->matrix, cell->assessor->index, cell->t - 1,
                             cell->indicator->position, cell->value);
      _shequ_eval_store_put_comment (self, cell->assessor->row.id, cell->target->row.id,
                                     cell->indicator->id, comment);
      g_clear_pointer (&period->results, shequ_eval_results_free);
      period->fingerprint = period->fingerprint * 31 + (guint64) cell->value;
    }
  for (guint i = 0; i < batch->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (batch->periods, i);

      if (period->row->state == SHEQU_PERIOD_STATE_OPEN)
        {
          period->row->state = SHEQU_PERIOD_STATE_SCORING;
          _shequ_eval_store_emit (self, period->row->id, "period");
        }
      _shequ_eval_store_emit (self, period->row->id, "scores");
    }
}

gboolean
shequ_eval_store_set_scores (ShequEvalStore        *self,
                             const ShequScoreEdit  *edits,
                             guint                  n_edits,
                             const char            *actor,
                             guint                 *bad_index,
                             GError               **error)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  g_autoptr(GPtrArray) periods = g_ptr_array_new ();
  ScoreBatch batch = { self, edits, n_edits, actor, cells, 0, periods };
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);
  g_return_val_if_fail (edits != NULL || n_edits == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = plan_scores (&batch, error);
  if (ok && cells->len > 0)
    {
      batch.bad_index = n_edits;  /* unless a check inside the transaction fails */
      ok = _shequ_eval_store_write (self, scores_in_transaction, &batch, error);
      if (ok)
        take_scores (self, &batch);
    }
  if (!ok && bad_index != NULL)
    *bad_index = batch.bad_index;
  _shequ_eval_store_emit_reloaded (self);
  return ok;
}

gboolean
shequ_eval_store_set_score (ShequEvalStore  *self,
                            gint64           assessor_id,
                            gint64           target_id,
                            gint64           indicator_id,
                            ShequScore       value,
                            const char      *comment,
                            const char      *actor,
                            GError         **error)
{
  ShequScoreEdit edit = { assessor_id, target_id, indicator_id, value, comment };

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);

  return shequ_eval_store_set_scores (self, &edit, 1, actor, NULL, error);
}

/* ---- Assessors' sheets ------------------------------------------------------------------ */

typedef struct {
  ShequEvalStore *self;
  gint64          period_id;
  gint64          person_id;
  const gint64   *target_ids;
  guint           n_targets;
  const char     *actor;
  EvalPeriod     *period;
  EvalAssessor   *assessor;    /* NULL: a new one */
  char           *name;
  GArray         *assigned;    /* gint64: the targets, without repeats, as given */
  GArray         *removed;     /* gint64: targets taken off the sheet */
  GArray         *added;
  gint64          new_id;
} Assign;

static gboolean
plan_assign (Assign  *op,
             GError **error)
{
  ShequEvalStore *self = op->self;
  const ShequEvalSetDef *set;
  g_autoptr(GHashTable) before = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) after = g_hash_table_new (g_int64_hash, g_int64_equal);
  ShequPerson *person;

  g_array_set_size (op->assigned, 0);
  g_array_set_size (op->removed, 0);
  g_array_set_size (op->added, 0);
  if (!(op->period = _shequ_eval_store_period (self, op->period_id)))
    return _shequ_eval_set_error_not_found (error, C_("not found", "period"),
                                            op->period_id);
  if (op->period->row->state == SHEQU_PERIOD_STATE_CLOSED)
    return _shequ_eval_set_error (error, SHEQU_EVAL_ERROR_CLOSED,
                                  _("The period %s is closed: its assessors cannot change."),
                                  op->period->row->label);
  if (!(person = shequ_org_store_lookup_person (self->org, op->person_id)))
    return _shequ_eval_set_error_not_found (error, C_("not found", "person"),
                                            op->person_id);
  if (!_shequ_eval_person_is_assessor (person))
    return _shequ_eval_set_error (error, SHEQU_EVAL_ERROR_NOT_ASSESSOR,
                                  _("%s holds no assessor post, so cannot grade in %s."),
                                  shequ_person_get_name (person), op->period->row->label);
  g_free (op->name);
  op->name = g_strdup (shequ_person_get_name (person));

  op->assessor = NULL;
  for (guint i = 0; i < op->period->assessors->len; i++)
    {
      EvalAssessor *assessor = g_ptr_array_index (op->period->assessors, i);

      if (assessor->row.person_id == op->person_id)
        op->assessor = assessor;
    }
  if (op->assessor != NULL && op->assessor->row.submitted_at != NULL)
    return _shequ_eval_set_error (error, SHEQU_EVAL_ERROR_SUBMITTED,
                                  _("%s has submitted the sheet for %s: reopen it to change "
                                    "what it grades."),
                                  op->assessor->row.name, op->period->row->label);

  set = _shequ_eval_store_period_set (self, op->period);
  for (guint i = 0; i < op->n_targets; i++)
    {
      EvalTarget *target = _shequ_eval_store_target (self, op->target_ids[i]);

      if (target == NULL)
        return _shequ_eval_set_error_not_found (error, C_("not found", "target"),
                                                op->target_ids[i]);
      if (target->row.kind != set->set->kind)
        {
          g_autofree char *who = _shequ_eval_describe_target (&target->row);

          return _shequ_eval_set_error (error, SHEQU_EVAL_ERROR_INVALID,
                                        _("%s is not graded by the set “%s” of %s."),
                                        who, set->set->name, op->period->row->label);
        }
      if (g_hash_table_add (after, &target->row.id))
        g_array_append_val (op->assigned, target->row.id);
    }
  for (guint i = 0; op->assessor != NULL && i < op->assessor->assigned->len; i++)
    {
      gint64 *id = &g_array_index (op->assessor->assigned, gint64, i);

      g_hash_table_add (before, id);
      if (!g_hash_table_contains (after, id))
        g_array_append_val (op->removed, *id);
    }
  for (guint i = 0; i < op->assigned->len; i++)
    if (!g_hash_table_contains (before, &g_array_index (op->assigned, gint64, i)))
      g_array_append_val (op->added, g_array_index (op->assigned, gint64, i));
  return TRUE;
}

/* The scores on a target taken off the sheet go, each logged. */
static gboolean
remove_target (Assign  *op,
               gint64   target_id,
               GError **error)
{
  static const char sql_scores[] =
    "DELETE FROM eval_score WHERE assessor_id = ?1 AND target_id = ?2";
  static const char sql_assignment[] =
    "DELETE FROM eval_assignment WHERE assessor_id = ?1 AND target_id = ?2";
  ShequEvalStore *self = op->self;
  EvalAssessor *assessor = op->assessor;
  const ShequEvalSetDef *set = _shequ_eval_store_period_set (self, op->period);
  guint t = GPOINTER_TO_UINT (g_hash_table_lookup (op->period->target_index, &target_id));
  const char *sql[] = { sql_scores, sql_assignment };

  for (guint i = 0; t > 0 && i < set->indicators->len; i++)
    {
      Cell cell = { assessor, _shequ_eval_store_target (self, target_id),
                    g_ptr_array_index (set->indicators, i), t,
                    shequ_eval_matrix_get (op->period->matrix, assessor->index, t - 1, i), "",
                    SHEQU_SCORE_NONE, "" };

      if (cell.old_value != SHEQU_SCORE_NONE &&
          !log_score (self, op->actor, &cell,
                                        "target taken off the assessor's sheet", error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = _shequ_eval_store_statement (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, assessor->row.id);
      sqlite3_bind_int64 (stmt, 2, target_id);
      if (!_shequ_eval_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
assign_in_transaction (ShequDatabase  *db,
                       gpointer        user_data,
                       GError        **error)
{
  static const char sql_assessor[] =
    "INSERT INTO eval_assessor (period_id, person_id, name) VALUES (?1, ?2, ?3)";
  static const char sql_add[] =
    "INSERT INTO eval_assignment (assessor_id, target_id) VALUES (?1, ?2)";
  Assign *op = user_data;
  ShequEvalStore *self = op->self;
  g_autofree char *sheet = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gint64 assessor_id;
  sqlite3_stmt *stmt;
  gboolean reloaded;

  if (!_shequ_eval_store_catch_up (self, &reloaded, error) ||
      (reloaded && !plan_assign (op, error)))
    return FALSE;
  if (op->assessor == NULL)
    {
      if (!(stmt = _shequ_eval_store_statement (self, sql_assessor, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, op->period_id);
      sqlite3_bind_int64 (stmt, 2, op->person_id);
      sqlite3_bind_text (stmt, 3, op->name, -1, SQLITE_STATIC);
      if (!_shequ_eval_store_step_done (self, stmt, error))
        return FALSE;
      op->new_id = sqlite3_last_insert_rowid (shequ_database_get_handle (self->db));
    }
  assessor_id = op->assessor != NULL ? op->assessor->row.id : op->new_id;
  for (guint i = 0; i < op->removed->len; i++)
    if (!remove_target (op, g_array_index (op->removed, gint64, i), error))
      return FALSE;
  for (guint i = 0; i < op->added->len; i++)
    {
      if (!(stmt = _shequ_eval_store_statement (self, sql_add, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, assessor_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (op->added, gint64, i));
      if (!_shequ_eval_store_step_done (self, stmt, error))
        return FALSE;
    }

  sheet = g_strdup_printf ("eval-sheet:%" G_GINT64_FORMAT, assessor_id);
  if (op->assessor != NULL)
    old_value = g_strdup_printf ("%u targets", op->assessor->assigned->len);
  new_value = g_strdup_printf ("%u targets (+%u −%u): %s", op->assigned->len, op->added->len,
                               op->removed->len, op->name);
  return _shequ_eval_store_log (self, op->actor, "assign", sheet, old_value, new_value, NULL,
                                error);
}

static void
take_assignment (Assign *op)
{
  EvalData *data = op->self->data;
  EvalAssessor *assessor = op->assessor;
  const ShequEvalSetDef *set = _shequ_eval_store_period_set (op->self, op->period);

  if (assessor == NULL)
    {
      assessor = g_new0 (EvalAssessor, 1);
      assessor->row.id = op->new_id;
      assessor->row.period_id = op->period_id;
      assessor->row.person_id = op->person_id;
      assessor->row.name = g_strdup (op->name);
      assessor->period = op->period;
      assessor->index = G_MAXUINT;
      assessor->assigned = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (data->assessors, &assessor->row.id, assessor);
      g_ptr_array_add (op->period->assessors, assessor);
    }
  for (guint i = 0; i < op->removed->len; i++)
    for (guint k = 0; k < set->indicators->len; k++)
      {
        const ShequIndicatorRow *indicator = g_ptr_array_index (set->indicators, k);

        _shequ_eval_store_put_comment (op->self, assessor->row.id,
                                       g_array_index (op->removed, gint64, i), indicator->id,
                                       NULL);
      }
  g_array_set_size (assessor->assigned, 0);
  g_array_append_vals (assessor->assigned, op->assigned->data, op->assigned->len);
  _shequ_eval_period_rebuild (data, op->period, set);
  op->period->fingerprint = op->period->fingerprint * 31 + op->assigned->len;
  op->new_id = assessor->row.id;
}

gboolean
shequ_eval_store_assign (ShequEvalStore  *self,
                         gint64           period_id,
                         gint64           person_id,
                         const gint64    *target_ids,
                         guint            n_targets,
                         const char      *actor,
                         gint64          *assessor_id,
                         GError         **error)
{
  g_autoptr(GArray) assigned = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  Assign op = { self, period_id, person_id, target_ids, n_targets, actor, NULL, NULL, NULL,
                assigned, removed, added, 0 };
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);
  g_return_val_if_fail (target_ids != NULL || n_targets == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!plan_assign (&op, error))
    {
      g_free (op.name);
      return FALSE;
    }
  /* The same targets again: nothing to write or log. */
  if (op.assessor != NULL && op.added->len == 0 && op.removed->len == 0)
    {
      if (assessor_id != NULL)
        *assessor_id = op.assessor->row.id;
      g_free (op.name);
      return TRUE;
    }
  ok = _shequ_eval_store_write (self, assign_in_transaction, &op, error);
  if (ok)
    {
      take_assignment (&op);
      if (assessor_id != NULL)
        *assessor_id = op.new_id;
    }
  g_free (op.name);
  _shequ_eval_store_emit_reloaded (self);
  if (ok)
    _shequ_eval_store_emit (self, period_id, "sheet");
  return ok;
}
