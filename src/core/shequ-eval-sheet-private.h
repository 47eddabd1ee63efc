/* shequ-eval-sheet-private.h — the scoring sheet model's fields, shared by its files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-sheet.h"

G_BEGIN_DECLS

/* One cell of an undo step: ids, not rows, so a step survives the rows moving. */
typedef struct {
  gint64      target_id;
  gint64      indicator_id;
  ShequScore  old_value;
  ShequScore  new_value;
  char       *old_comment;
  char       *new_comment;
} ShequSheetUndoCell;

struct _ShequEvalSheet
{
  GObject                parent_instance;

  ShequEvalStore        *store;
  gulong                 changed_id;
  gint64                 assessor_id;
  gint64                 period_id;
  const ShequEvalSetDef *set;          /* borrowed from the store */
  const ShequEvalMatrix *matrix;       /* borrowed, current until the next write */
  int                    assessor_index;

  guint                  n_rows;
  guint                  n_columns;
  GPtrArray             *targets;      /* borrowed ShequEvalTargetRow per row */
  int                   *target_index; /* the matrix's index of each row's target */
  int                   *indicator_index;
  ShequScore            *values;       /* n_rows × n_columns, as last signalled */
  guint                  n_filled;
  gboolean               submitted;
  gboolean               closed;

  GPtrArray             *undo;         /* GArray of ShequSheetUndoCell, oldest first */
  GPtrArray             *redo;
};

/* Checks TEXT for one cell without the cell's name in the message: *VALUE gets the
 * score (SHEQU_SCORE_NONE for ""), *COMMENT_OUT the comment to write (COMMENT, or
 * the cell's when COMMENT is NULL; NULL when clearing). */
gboolean   shequ_eval_sheet_check_cell      (ShequEvalSheet  *self,
                                             guint            row,
                                             guint            column,
                                             const char      *text,
                                             const char      *comment,
                                             ShequScore      *value,
                                             char           **comment_out,
                                             gboolean        *needs_comment,
                                             GError         **error);
/* Writes EDITS (all or nothing) and keeps them as one undo step; *BAD_INDEX as the
 * store's. */
gboolean   shequ_eval_sheet_write           (ShequEvalSheet  *self,
                                             GArray          *cells,
                                             guint           *bad_index,
                                             GError         **error);
/* The row of TARGET_ID, or G_MAXUINT. */
guint      shequ_eval_sheet_find_row        (ShequEvalSheet  *self,
                                             gint64           target_id);
guint      shequ_eval_sheet_find_column     (ShequEvalSheet  *self,
                                             gint64           indicator_id);
void       shequ_eval_sheet_emit_state      (ShequEvalSheet  *self);
GArray    *shequ_sheet_undo_step_new        (void);
/* Adds ROW × COLUMN to STEP with its current value and comment as the old ones. */
void       shequ_sheet_undo_step_add        (ShequEvalSheet  *self,
                                             GArray          *step,
                                             guint            row,
                                             guint            column,
                                             ShequScore       value,
                                             const char      *comment);

G_END_DECLS
