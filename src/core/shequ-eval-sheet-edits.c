/* shequ-eval-sheet-edits.c — the scoring sheet's block edits: paste, copy, clear, undo and redo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-eval-sheet-private.h"

/* The most undo steps a sheet keeps. */
#define UNDO_LIMIT 200

static void
undo_cell_clear (gpointer data)
{
  ShequSheetUndoCell *cell = data;

  g_free (cell->old_comment);
  g_free (cell->new_comment);
}

GArray *
shequ_sheet_undo_step_new (void)
{
  GArray *step = g_array_new (FALSE, TRUE, sizeof (ShequSheetUndoCell));

  g_array_set_clear_func (step, undo_cell_clear);
  return step;
}

void
shequ_sheet_undo_step_add (ShequEvalSheet *self,
                           GArray         *step,
                           guint           row,
                           guint           column,
                           ShequScore      value,
                           const char     *comment)
{
  const ShequEvalTargetRow *target = g_ptr_array_index (self->targets, row);
  const ShequIndicatorRow *ind = g_ptr_array_index (self->set->indicators, column);
  ShequSheetUndoCell cell = { 0, };

  cell.target_id = target != NULL ? target->id : 0;
  cell.indicator_id = ind->id;
  cell.old_value = shequ_eval_sheet_get_value (self, row, column);
  cell.old_comment = g_strdup (shequ_eval_sheet_get_comment (self, row, column));
  cell.new_value = value;
  cell.new_comment = g_strdup (comment);
  g_array_append_val (step, cell);
}

/* Writes STEP's new (FORWARD) or old values in one all-or-nothing write. */
static gboolean
write_step (ShequEvalSheet *self,
            GArray         *step,
            gboolean        forward,
            guint          *bad_index,
            GError        **error)
{
  g_autofree ShequScoreEdit *edits = g_new0 (ShequScoreEdit, MAX (step->len, 1));

  for (guint i = 0; i < step->len; i++)
    {
      const ShequSheetUndoCell *cell = &g_array_index (step, ShequSheetUndoCell, i);

      edits[i].assessor_id = self->assessor_id;
      edits[i].target_id = cell->target_id;
      edits[i].indicator_id = cell->indicator_id;
      edits[i].value = forward ? cell->new_value : cell->old_value;
      /* The step's own copies: the store may free the cell's comment as it writes. */
      edits[i].comment = forward ? cell->new_comment : cell->old_comment;
      if (edits[i].value == SHEQU_SCORE_NONE)
        edits[i].comment = NULL;
    }
  return shequ_eval_store_set_scores (self->store, edits, step->len, NULL, bad_index, error);
}

gboolean
shequ_eval_sheet_write (ShequEvalSheet *self,
                        GArray         *step,
                        guint          *bad_index,
                        GError        **error)
{
  if (step->len == 0)
    return TRUE;
  if (!write_step (self, step, TRUE, bad_index, error))
    return FALSE;
  g_ptr_array_add (self->undo, g_array_ref (step));
  if (self->undo->len > UNDO_LIMIT)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  shequ_eval_sheet_emit_state (self);
  return TRUE;
}

gboolean
shequ_eval_sheet_can_undo (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  return self->undo->len > 0;
}

gboolean
shequ_eval_sheet_can_redo (ShequEvalSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  return self->redo->len > 0;
}

/* Moves the last step of FROM to TO after writing it (old values when undoing). */
static gboolean
replay (ShequEvalSheet  *self,
        GPtrArray       *from,
        GPtrArray       *to,
        gboolean         forward,
        guint           *row,
        guint           *column,
        GError         **error)
{
  GArray *step;
  const ShequSheetUndoCell *first;

  if (from->len == 0)
    return FALSE;
  if (!shequ_eval_sheet_check_editable (self, error))
    return FALSE;
  step = g_ptr_array_index (from, from->len - 1);
  if (!write_step (self, step, forward, NULL, error))
    return FALSE;

  first = &g_array_index (step, ShequSheetUndoCell, 0);
  if (row != NULL)
    *row = shequ_eval_sheet_find_row (self, first->target_id);
  if (column != NULL)
    *column = shequ_eval_sheet_find_column (self, first->indicator_id);
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  shequ_eval_sheet_emit_state (self);
  return TRUE;
}

gboolean
shequ_eval_sheet_undo (ShequEvalSheet  *self,
                       guint           *row,
                       guint           *column,
                       GError         **error)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return replay (self, self->undo, self->redo, FALSE, row, column, error);
}

gboolean
shequ_eval_sheet_redo (ShequEvalSheet  *self,
                       guint           *row,
                       guint           *column,
                       GError         **error)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return replay (self, self->redo, self->undo, TRUE, row, column, error);
}

/* ---- Paste, copy and clear ------------------------------------------------------ */

static guint
block_width (GPtrArray *rows)
{
  guint width = 0;

  for (guint i = 0; i < rows->len; i++)
    width = MAX (width, g_strv_length (g_ptr_array_index (rows, i)));
  return width;
}

/* "Pasted line 2, column 3 (张三 — 党建引领): WHAT". */
static void
name_pasted_cell (ShequEvalSheet *self,
                  guint           line,
                  guint           column_in_block,
                  guint           row,
                  guint           column,
                  GError         *error)
{
  g_autofree char *cell = shequ_eval_sheet_describe_cell (self, row, column);
  g_autofree char *what = g_steal_pointer (&error->message);

  error->message = g_strdup_printf (_("Pasted line %u, column %u (%s): %s"),
                                    line, column_in_block, cell, what);
}

static gboolean
check_block_fits (ShequEvalSheet  *self,
                  guint            row,
                  guint            column,
                  guint            n_rows,
                  guint            n_columns,
                  GError         **error)
{
  g_autofree char *cell = NULL;

  if (row < self->n_rows && column < self->n_columns &&
      n_rows <= self->n_rows - row && n_columns <= self->n_columns - column)
    return TRUE;

  if (row >= self->n_rows || column >= self->n_columns)
    {
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID,
                   _("There is no cell to paste into at row %u, column %u"),
                   row + 1, column + 1);
      return FALSE;
    }
  cell = shequ_eval_sheet_describe_cell (self, row, column);
  g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID,
               _("The pasted block of %u × %u cells does not fit from %s: there is room "
                 "for %u × %u"),
               n_rows, n_columns, cell, self->n_rows - row, self->n_columns - column);
  return FALSE;
}

/* The edits a pasted block makes, checked cell by cell; WHERE gets the line and
 * column in the block (0-based pairs of guint) each came from. */
static GArray *
check_pasted_cells (ShequEvalSheet  *self,
                    GPtrArray       *rows,
                    guint            row,
                    guint            column,
                    GArray          *where,
                    GError         **error)
{
  g_autoptr(GArray) step = shequ_sheet_undo_step_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);

      for (guint j = 0; cells[j] != NULL; j++)
        {
          g_autofree char *comment = NULL;
          gboolean needs;
          ShequScore value;
          GError *local = NULL;
          guint at[2] = { i, j };

          if (!shequ_eval_sheet_check_cell (self, row + i, column + j, cells[j], NULL,
                                            &value, &comment, &needs, &local))
            {
              name_pasted_cell (self, i + 1, j + 1, row + i, column + j, local);
              g_propagate_error (error, local);
              return NULL;
            }
          shequ_sheet_undo_step_add (self, step, row + i, column + j, value, comment);
          g_array_append_vals (where, at, 1);
        }
    }
  return g_steal_pointer (&step);
}

gboolean
shequ_eval_sheet_paste (ShequEvalSheet  *self,
                        guint            row,
                        guint            column,
                        const char      *tsv,
                        guint           *n_cells,
                        GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) step = NULL;
  g_autoptr(GArray) where = NULL;
  GError *local = NULL;
  guint bad = 0;

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  g_return_val_if_fail (tsv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_cells != NULL)
    *n_cells = 0;
  rows = shequ_eval_parse_tsv (tsv, error);
  if (rows == NULL)
    return FALSE;
  if (!shequ_eval_sheet_check_editable (self, error))
    return FALSE;
  if (rows->len == 0)
    return TRUE;
  if (!check_block_fits (self, row, column, rows->len, block_width (rows), error))
    return FALSE;

  where = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  step = check_pasted_cells (self, rows, row, column, where, error);
  if (step == NULL)
    return FALSE;
  if (!shequ_eval_sheet_write (self, step, &bad, &local))
    {
      if (bad < where->len)
        {
          const guint *at = (const guint *) (where->data + bad * sizeof (guint) * 2);

          g_prefix_error (&local, _("Pasted line %u, column %u: "), at[0] + 1, at[1] + 1);
        }
      g_propagate_error (error, local);
      return FALSE;
    }
  if (n_cells != NULL)
    *n_cells = step->len;
  return TRUE;
}

char *
shequ_eval_sheet_copy (ShequEvalSheet *self,
                       guint           row,
                       guint           column,
                       guint           n_rows,
                       guint           n_columns)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), NULL);
  g_return_val_if_fail (row <= self->n_rows && n_rows <= self->n_rows - row, NULL);
  g_return_val_if_fail (column <= self->n_columns && n_columns <= self->n_columns - column,
                        NULL);

  for (guint r = row; r < row + n_rows; r++)
    {
      g_ptr_array_set_size (cells, 0);
      for (guint c = column; c < column + n_columns; c++)
        g_ptr_array_add (cells, shequ_eval_sheet_get_text (self, r, c));
      shequ_eval_tsv_append_row (out, (const char *const *) cells->pdata, cells->len);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
shequ_eval_sheet_clear (ShequEvalSheet  *self,
                        guint            row,
                        guint            column,
                        guint            n_rows,
                        guint            n_columns,
                        GError         **error)
{
  g_autoptr(GArray) step = NULL;

  g_return_val_if_fail (SHEQU_IS_EVAL_SHEET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!shequ_eval_sheet_check_editable (self, error))
    return FALSE;
  if (!check_block_fits (self, row, column, n_rows, n_columns, error))
    return FALSE;

  step = shequ_sheet_undo_step_new ();
  for (guint r = row; r < row + n_rows; r++)
    for (guint c = column; c < column + n_columns; c++)
      if (shequ_eval_sheet_get_value (self, r, c) != SHEQU_SCORE_NONE)
        shequ_sheet_undo_step_add (self, step, r, c, SHEQU_SCORE_NONE, NULL);
  return shequ_eval_sheet_write (self, step, NULL, error);
}
