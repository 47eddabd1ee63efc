/* shequ-eval-sheet.c — one assessor's scoring sheet: rows, columns, cells as text, validation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shequ-eval-sheet-private.h"

enum {
  SIGNAL_CELLS_CHANGED,
  SIGNAL_STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequEvalSheet, shequ_eval_sheet, G_TYPE_OBJECT)

static void
clear_rows (ShequEvalSheet *self)
{
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->target_index, g_free);
  g_clear_pointer (&self->indicator_index, g_free);
  g_clear_pointer (&self->values, g_free);
  self->n_rows = 0;
  self->n_columns = 0;
  self->n_filled = 0;
  self->set = NULL;
  self->matrix = NULL;
}

static void
shequ_eval_sheet_dispose (GObject *object)
{
  ShequEvalSheet *self = SHEQU_EVAL_SHEET (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  clear_rows (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (shequ_eval_sheet_parent_class)->dispose (object);
}

static void
shequ_eval_sheet_class_init (ShequEvalSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shequ_eval_sheet_dispose;

  signals[SIGNAL_CELLS_CHANGED] =
    g_signal_new ("cells-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shequ_eval_sheet_init (ShequEvalSheet *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->assessor_index = -1;
}

/* ---- Reading the store ---------------------------------------------------------- */

/* The scores of ROW from the matrix (all NONE when its target is not in it). */
static void
read_row (ShequEvalSheet *self,
          guint           row,
          ShequScore     *out)
{
  const ShequScore *scores = NULL;

  if (self->matrix != NULL && self->assessor_index >= 0 && self->target_index[row] >= 0)
    scores = shequ_eval_matrix_get_row (self->matrix, self->assessor_index,
                                        self->target_index[row]);
  for (guint c = 0; c < self->n_columns; c++)
    out[c] = (scores != NULL && self->indicator_index[c] >= 0)
             ? scores[self->indicator_index[c]] : SHEQU_SCORE_NONE;
}

/* Reads every value again; the first and last row that differ from what was last
 * signalled go to *FIRST / *LAST (FALSE when none does). */
static gboolean
read_values (ShequEvalSheet *self,
             guint          *first,
             guint          *last)
{
  g_autofree ShequScore *row_values = g_new (ShequScore, MAX (self->n_columns, 1));
  gboolean any = FALSE;

  self->n_filled = 0;
  for (guint r = 0; r < self->n_rows; r++)
    {
      ShequScore *mine = self->values + (gsize) r * self->n_columns;

      read_row (self, r, row_values);
      for (guint c = 0; c < self->n_columns; c++)
        self->n_filled += row_values[c] != SHEQU_SCORE_NONE;
      if (memcmp (mine, row_values, sizeof (ShequScore) * self->n_columns) == 0)
        continue;
      memcpy (mine, row_values, sizeof (ShequScore) * self->n_columns);
      if (!any)
        *first = r;
      *last = r;
      any = TRUE;
    }
  return any;
}

static void
read_state (ShequEvalSheet *self)
{
  const ShequAssessorRow *assessor = shequ_eval_store_lookup_assessor (self->store,
                                                                       self->assessor_id);
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (self->store, self->period_id);

  self->submitted = assessor != NULL && assessor->submitted_at != NULL;
  self->closed = period == NULL || period->state == SHEQU_PERIOD_STATE_CLOSED;
}

/* Rows, columns and their indexes in the matrix, from the store. */
static void
read_structure (ShequEvalSheet *self)
{
  const ShequAssessorRow *assessor;
  const ShequPeriodRow *period;
  g_autoptr(GArray) assigned = NULL;

  clear_rows (self);
  assessor = shequ_eval_store_lookup_assessor (self->store, self->assessor_id);
  period = assessor != NULL ? shequ_eval_store_lookup_period (self->store, assessor->period_id)
                            : NULL;
  self->period_id = period != NULL ? period->id : 0;
  self->set = period != NULL ? shequ_eval_store_lookup_set (self->store, period->set_id) : NULL;
  self->targets = g_ptr_array_new ();
  if (self->set == NULL)
    return;

  self->matrix = shequ_eval_store_get_matrix (self->store, self->period_id);
  self->assessor_index = shequ_eval_store_assessor_index (self->store, self->period_id,
                                                          self->assessor_id);
  assigned = shequ_eval_store_get_assigned (self->store, self->assessor_id);
  self->n_rows = assigned != NULL ? assigned->len : 0;
  self->n_columns = self->set->indicators->len;
  self->target_index = g_new (int, MAX (self->n_rows, 1));
  self->indicator_index = g_new (int, MAX (self->n_columns, 1));
  self->values = g_new (ShequScore, MAX ((gsize) self->n_rows * self->n_columns, 1));
  for (guint r = 0; r < self->n_rows; r++)
    {
      gint64 id = g_array_index (assigned, gint64, r);

      g_ptr_array_add (self->targets, (gpointer) shequ_eval_store_lookup_target (self->store, id));
      self->target_index[r] = shequ_eval_store_target_index (self->store, self->period_id, id);
    }
  for (guint c = 0; c < self->n_columns; c++)
    {
      const ShequIndicatorRow *ind = g_ptr_array_index (self->set->indicators, c);

      self->indicator_index[c] = shequ_eval_store_indicator_index (self->store, self->period_id,
                                                                   ind->id);
    }
  for (gsize i = 0; i < (gsize) self->n_rows * self->n_columns; i++)
    self->values[i] = SHEQU_SCORE_NONE;
}

void
shequ_eval_sheet_emit_state (ShequEvalSheet *self)
{
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}

static void
on_store_changed (ShequEvalStore *store,
                  gint64          period_id,
                  GQuark          what,
                  gpointer        user_data)
{
  ShequEvalSheet *self = user_data;
  guint old_filled = self->n_filled;
  gboolean old_submitted = self->submitted, old_closed = self->closed;
  guint first = 0, last = 0;

  if (period_id != 0 && period_id != self->period_id)
    return;

  if (what == g_quark_from_static_string ("scores"))
    {
      self->matrix = shequ_eval_store_get_matrix (self->store, self->period_id);
      if (read_values (self, &first, &last))
        g_signal_emit (self, signals[SIGNAL_CELLS_CHANGED], 0, first, last - first + 1);
      else
        /* Only a comment changed, or nothing this sheet shows. */
        g_signal_emit (self, signals[SIGNAL_CELLS_CHANGED], 0, 0, self->n_rows);
    }
  else
    {
      read_structure (self);
      read_values (self, &first, &last);
      g_signal_emit (self, signals[SIGNAL_CELLS_CHANGED], 0, 0, self->n_rows);
    }

  read_state (self);
  if (old_filled != self->n_filled || old_submitted != self->submitted ||
      old_closed != self->closed || what != g_quark_from_static_string ("scores"))
    shequ_eval_sheet_emit_state (self);
}

ShequEvalSheet *
shequ_eval_sheet_new (ShequEvalStore *store,
                      gint64          assessor_id)
{
  ShequEvalSheet *self;
  guint first, last;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), NULL);

  self = g_object_new (SHEQU_TYPE_EVAL_SHEET, NULL);
  self->store = g_object_ref (store);
  self->assessor_id = assessor_id;
  read_structure (self);
  read_values (self, &first, &last);
  read_state (self);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

/* ---- Reading cells -------------------------------------------------------------- */

ShequEvalStore *
shequ_eval_sheet_get_store (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NULL);
  return self->store;
}

gint64
shequ_eval_sheet_get_assessor_id (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), 0);
  return self->assessor_id;
}

guint
shequ_eval_sheet_get_n_rows (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), 0);
  return self->n_rows;
}

guint
shequ_eval_sheet_get_n_columns (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), 0);
  return self->n_columns;
}

const ShequEvalTargetRow *
shequ_eval_sheet_get_target (ShequEvalSheet *self,
                             guint           row)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);
  return g_ptr_array_index (self->targets, row);
}

const ShequIndicatorRow *
shequ_eval_sheet_get_indicator (ShequEvalSheet *self,
                                guint           column)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return g_ptr_array_index (self->set->indicators, column);
}

const ShequPeriodRow *
shequ_eval_sheet_get_period (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NULL);
  return shequ_eval_store_lookup_period (self->store, self->period_id);
}

const ShequEvalSetDef *
shequ_eval_sheet_get_set (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NULL);
  return self->set;
}

ShequScore
shequ_eval_sheet_get_value (ShequEvalSheet *self,
                            guint           row,
                            guint           column)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), SHEQU_SCORE_NONE);
  g_return_val_if_fail (row < self->n_rows && column < self->n_columns, SHEQU_SCORE_NONE);
  return self->values[(gsize) row * self->n_columns + column];
}

char *
shequ_eval_sheet_get_text (ShequEvalSheet *self,
                           guint           row,
                           guint           column)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NULL);
  g_return_val_if_fail (row < self->n_rows && column < self->n_columns, NULL);
  return shequ_score_format (shequ_eval_sheet_get_value (self, row, column));
}

const char *
shequ_eval_sheet_get_comment (ShequEvalSheet *self,
                              guint           row,
                              guint           column)
{
  const ShequEvalTargetRow *target;
  const ShequIndicatorRow *ind;
  const char *comment = NULL;
  ShequScore value;

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NULL);
  g_return_val_if_fail (row < self->n_rows && column < self->n_columns, NULL);

  target = g_ptr_array_index (self->targets, row);
  ind = g_ptr_array_index (self->set->indicators, column);
  if (target == NULL ||
      !shequ_eval_store_get_score (self->store, self->assessor_id, target->id, ind->id,
                                   &value, &comment))
    return NULL;
  return comment != NULL && comment[0] != '\0' ? comment : NULL;
}

double
shequ_eval_sheet_get_row_total (ShequEvalSheet *self,
                                guint           row,
                                ShequBand      *band)
{
  guint n_filled = 0;
  double total = NAN;

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NAN);
  g_return_val_if_fail (row < self->n_rows, NAN);

  if (self->matrix != NULL && self->assessor_index >= 0 && self->target_index[row] >= 0)
    total = shequ_eval_matrix_row_total (self->matrix, self->assessor_index,
                                         self->target_index[row], &n_filled);
  if (band != NULL)
    *band = (n_filled == self->n_columns && self->n_columns > 0)
            ? shequ_band_for_total (total, self->set->set->green_min, self->set->set->orange_min)
            : SHEQU_BAND_NONE;
  return total;
}

guint
shequ_eval_sheet_get_n_filled (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), 0);
  return self->n_filled;
}

guint
shequ_eval_sheet_get_n_cells (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), 0);
  return self->n_rows * self->n_columns;
}

gboolean
shequ_eval_sheet_is_editable (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  return !self->submitted && !self->closed && self->set != NULL;
}

gboolean
shequ_eval_sheet_is_submitted (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  return self->submitted;
}

char *
shequ_eval_sheet_describe_cell (ShequEvalSheet *self,
                                guint           row,
                                guint           column)
{
  const ShequEvalTargetRow *target;
  const ShequIndicatorRow *ind;

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NULL);
  g_return_val_if_fail (row < self->n_rows && column < self->n_columns, NULL);

  target = g_ptr_array_index (self->targets, row);
  ind = g_ptr_array_index (self->set->indicators, column);
  /* TRANSLATORS: a cell of the scoring sheet: the target, then the indicator */
  return g_strdup_printf (C_("sheet cell", "%s — %s"),
                          target != NULL ? target->name : "?", ind->name);
}

guint
shequ_eval_sheet_find_row (ShequEvalSheet *self,
                           gint64          target_id)
{
  for (guint r = 0; r < self->n_rows; r++)
    {
      const ShequEvalTargetRow *target = g_ptr_array_index (self->targets, r);

      if (target != NULL && target->id == target_id)
        return r;
    }
  return G_MAXUINT;
}

guint
shequ_eval_sheet_find_column (ShequEvalSheet *self,
                              gint64          indicator_id)
{
  for (guint c = 0; c < self->n_columns; c++)
    {
      const ShequIndicatorRow *ind = g_ptr_array_index (self->set->indicators, c);

      if (ind->id == indicator_id)
        return c;
    }
  return G_MAXUINT;
}

/* ---- Validating and writing one cell -------------------------------------------- */

/* The lowest score that needs no comment at COLUMN, or 0 when the set asks none. */
static ShequScore
comment_threshold (ShequEvalSheet *self,
                   guint           column)
{
  const ShequIndicatorRow *ind = g_ptr_array_index (self->set->indicators, column);
  double below = self->set->set->comment_below;

  if (!(below > 0))
    return 0;
  return (ShequScore) llround (below * ind->max_score);
}

gboolean
shequ_eval_sheet_check_editable (ShequEvalSheet  *self,
                                 GError         **error)
{
  const ShequAssessorRow *assessor = shequ_eval_store_lookup_assessor (self->store,
                                                                       self->assessor_id);
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (self->store, self->period_id);

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->set == NULL || assessor == NULL || period == NULL)
    {
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND,
                   _("This scoring sheet no longer exists"));
      return FALSE;
    }
  if (self->closed)
    {
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_CLOSED,
                   _("The period “%s” is closed: its scores can no longer be changed"),
                   period->label);
      return FALSE;
    }
  if (self->submitted)
    {
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_SUBMITTED,
                   _("The sheet of %s is submitted: reopen it to change its scores"),
                   assessor->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* "-3", "－3": a number with a sign, for a message better than "not a number". */
static gboolean
is_negative_number (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *rest = copy;
  ShequScore ignored;

  if (g_str_has_prefix (rest, "-"))
    rest += 1;
  else if (g_str_has_prefix (rest, "－"))
    rest += strlen ("－");
  else
    return FALSE;
  return shequ_score_parse (rest, &ignored);
}

gboolean
shequ_eval_sheet_check_cell (ShequEvalSheet  *self,
                             guint            row,
                             guint            column,
                             const char      *text,
                             const char      *comment,
                             ShequScore      *value,
                             char           **comment_out,
                             gboolean        *needs_comment,
                             GError         **error)
{
  const ShequIndicatorRow *ind = g_ptr_array_index (self->set->indicators, column);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  ShequScore v = SHEQU_SCORE_NONE;
  ShequScore threshold = comment_threshold (self, column);
  gboolean needs;

  *comment_out = NULL;
  *needs_comment = FALSE;
  if (stripped[0] == '\0')
    {
      *value = SHEQU_SCORE_NONE;
      return TRUE;
    }
  if (!shequ_score_parse (stripped, &v))
    {
      if (is_negative_number (stripped))
        g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_RANGE,
                     _("a score cannot be below 0"));
      else
        g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_A_NUMBER,
                     _("“%s” is not a score: type a number such as 8.5 (two decimals at most)"),
                     stripped);
      return FALSE;
    }
  if (v > ind->max_score)
    {
      g_autofree char *max = shequ_score_format (ind->max_score);

      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_RANGE,
                   _("%s is above the maximum score %s"), stripped, max);
      return FALSE;
    }

  needs = v < threshold;
  *needs_comment = needs;
  if (comment == NULL && self->targets->pdata[row] != NULL)
    comment = shequ_eval_sheet_get_comment (self, row, column);
  if (needs && is_blank (comment))
    {
      g_autofree char *limit = shequ_score_format (threshold);

      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_COMMENT,
                   _("a score below %s needs a comment on the deduction"), limit);
      return FALSE;
    }
  *value = v;
  *comment_out = is_blank (comment) ? NULL : g_strdup (comment);
  return TRUE;
}

gboolean
shequ_eval_sheet_needs_comment (ShequEvalSheet *self,
                                guint           row,
                                guint           column,
                                const char     *text)
{
  ShequScore value;

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  g_return_val_if_fail (row < self->n_rows && column < self->n_columns, FALSE);

  return text != NULL && shequ_score_parse (text, &value) &&
         value < comment_threshold (self, column);
}

/* check_cell() with the cell named in the message: "张三 — 党建引领: WHAT". */
static gboolean
check_named_cell (ShequEvalSheet  *self,
                  guint            row,
                  guint            column,
                  const char      *text,
                  const char      *comment,
                  ShequScore      *value,
                  char           **comment_out,
                  gboolean        *needs_comment,
                  GError         **error)
{
  g_autofree char *cell = NULL;
  g_autofree char *what = NULL;
  GError *local = NULL;

  if (shequ_eval_sheet_check_cell (self, row, column, text, comment, value, comment_out,
                                   needs_comment, &local))
    return TRUE;
  cell = shequ_eval_sheet_describe_cell (self, row, column);
  what = g_steal_pointer (&local->message);
  /* TRANSLATORS: a cell of the scoring sheet, then what is wrong with its value */
  local->message = g_strdup_printf (_("%s: %s"), cell, what);
  g_propagate_error (error, local);
  return FALSE;
}

gboolean
shequ_eval_sheet_validate (ShequEvalSheet  *self,
                           guint            row,
                           guint            column,
                           const char      *text,
                           const char      *comment,
                           gboolean        *needs_comment,
                           GError         **error)
{
  g_autofree char *comment_out = NULL;
  gboolean needs = FALSE, ok;
  ShequScore value;

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  g_return_val_if_fail (row < self->n_rows && column < self->n_columns, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = check_named_cell (self, row, column, text, comment, &value, &comment_out, &needs, error);
  if (needs_comment != NULL)
    *needs_comment = needs;
  return ok;
}

gboolean
shequ_eval_sheet_commit (ShequEvalSheet  *self,
                         guint            row,
                         guint            column,
                         const char      *text,
                         const char      *comment,
                         GError         **error)
{
  g_autoptr(GArray) step = NULL;
  g_autofree char *comment_out = NULL;
  ShequSheetUndoCell *cell;
  gboolean needs;
  ShequScore value;

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  g_return_val_if_fail (row < self->n_rows && column < self->n_columns, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!shequ_eval_sheet_check_editable (self, error) ||
      !check_named_cell (self, row, column, text, comment, &value, &comment_out, &needs, error))
    return FALSE;

  step = shequ_sheet_undo_step_new ();
  shequ_sheet_undo_step_add (self, step, row, column, value, comment_out);
  cell = &g_array_index (step, ShequSheetUndoCell, 0);
  if (cell->old_value == cell->new_value &&
      g_strcmp0 (cell->old_comment, cell->new_comment) == 0)
    return TRUE;
  return shequ_eval_sheet_write (self, step, NULL, error);
}
