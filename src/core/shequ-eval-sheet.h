/* shequ-eval-sheet.h — one assessor's scoring sheet: targets × indicators, as text in and out */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-store.h"

G_BEGIN_DECLS

/* The model behind the scoring sheet widget, headless so it is tested without a
 * display: rows are the targets ASSESSOR grades (shequ_eval_store_get_assigned order),
 * columns the period set's indicators. It reads the store and writes through it; it
 * follows the store's "changed" and emits its own signals.
 *
 * Signals: "cells-changed" (guint row, guint n_rows): rows whose cells, total or band
 *          changed (0, n_rows for everything: also when the rows or columns
 *          themselves changed, so a view reads the sizes again);
 *          "state-changed": submitted/locked, the filled count or undo/redo changed. */
#define SHEQU_TYPE_EVAL_SHEET (shequ_eval_sheet_get_type ())
G_DECLARE_FINAL_TYPE (ShequEvalSheet, shequ_eval_sheet, SHEQU, EVAL_SHEET, GObject)

ShequEvalSheet  *shequ_eval_sheet_new               (ShequEvalStore  *store,
                                                     gint64           assessor_id);
ShequEvalStore  *shequ_eval_sheet_get_store         (ShequEvalSheet  *self);
gint64           shequ_eval_sheet_get_assessor_id   (ShequEvalSheet  *self);
guint            shequ_eval_sheet_get_n_rows        (ShequEvalSheet  *self);
guint            shequ_eval_sheet_get_n_columns     (ShequEvalSheet  *self);
const ShequEvalTargetRow *shequ_eval_sheet_get_target    (ShequEvalSheet *self,
                                                          guint           row);
const ShequIndicatorRow  *shequ_eval_sheet_get_indicator (ShequEvalSheet *self,
                                                          guint           column);
/* The cell as text ("8.5", "" when empty; caller frees) and its comment (borrowed,
 * nullable). */
char            *shequ_eval_sheet_get_text          (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column);
const char      *shequ_eval_sheet_get_comment       (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column);
ShequScore       shequ_eval_sheet_get_value         (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column);
/* This assessor's total for ROW (shequ_eval_matrix_row_total) and its band (NONE until
 * every cell of the row is filled). */
double           shequ_eval_sheet_get_row_total     (ShequEvalSheet  *self,
                                                     guint            row,
                                                     ShequBand       *band);
guint            shequ_eval_sheet_get_n_filled      (ShequEvalSheet  *self);
guint            shequ_eval_sheet_get_n_cells       (ShequEvalSheet  *self);
/* Whether the sheet takes edits: not submitted, period not closed. */
gboolean         shequ_eval_sheet_is_editable       (ShequEvalSheet  *self);
gboolean         shequ_eval_sheet_is_submitted      (ShequEvalSheet  *self);
/* Why the sheet takes no edits: SUBMITTED or CLOSED (NOT_FOUND when its assessor is
 * gone), with a translated message; TRUE when it takes them. */
gboolean         shequ_eval_sheet_check_editable    (ShequEvalSheet  *self,
                                                     GError         **error);

/* Checks TEXT for ROW × COLUMN without writing: "" (clears), a number in 0 … max, and
 * a comment when the set asks for one at that score (*NEEDS_COMMENT, nullable, says
 * so even when COMMENT is given). Translated message naming the target and
 * indicator. */
gboolean         shequ_eval_sheet_validate          (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column,
                                                     const char      *text,
                                                     const char      *comment,
                                                     gboolean        *needs_comment,
                                                     GError         **error);
/* Validates and writes one cell (shequ_eval_store_set_score). COMMENT NULL keeps the
 * cell's comment. */
gboolean         shequ_eval_sheet_commit            (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column,
                                                     const char      *text,
                                                     const char      *comment,
                                                     GError         **error);

/* Tab-separated text as Excel and WPS put on the clipboard (rows by \n or \r\n, a
 * trailing newline ignored, cells by \t, quoted cells as Excel quotes them) pasted
 * with its first cell at ROW × COLUMN: one all-or-nothing write. An empty cell clears.
 * Refused when the block runs past the sheet, or any cell is bad: the message names
 * the sheet cell (target, indicator) and the pasted line and column. *N_CELLS
 * (nullable): the cells written. */
gboolean         shequ_eval_sheet_paste             (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column,
                                                     const char      *tsv,
                                                     guint           *n_cells,
                                                     GError         **error);
/* ROWS × COLUMNS from ROW × COLUMN as TSV text, for the clipboard. Caller frees. */
char            *shequ_eval_sheet_copy              (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column,
                                                     guint            n_rows,
                                                     guint            n_columns);

/* The TSV grid itself (for the fuzz target and the paste): a GPtrArray of rows, each
 * a GStrv of cells. NULL with a translated error (unbalanced quote, over 100,000 cells)
 * naming the line. */
GPtrArray       *shequ_eval_parse_tsv               (const char      *tsv,
                                                     GError         **error);
/* The most cells shequ_eval_parse_tsv() reads. */
#define SHEQU_EVAL_TSV_MAX_CELLS 100000
/* Appends N_CELLS cells (NULL counts as empty) as one TSV row and a "\n": a cell is
 * quoted (its quotes doubled) when it holds a tab or a line break or starts with a
 * quote, so shequ_eval_parse_tsv() reads it back the same. */
void             shequ_eval_tsv_append_row          (GString           *out,
                                                     const char *const *cells,
                                                     guint              n_cells);

/* The sheet's own edits (commit, paste, clear), undone by writing the old values back
 * through the store (logged like any edit) and redone by writing the new ones. FALSE
 * with the store's error when the write is refused (the step stays on its stack);
 * FALSE without an error when there is nothing to undo or redo. *ROW / *COLUMN
 * (nullable): the first cell of the step, for the cursor. */
gboolean         shequ_eval_sheet_can_undo          (ShequEvalSheet  *self);
gboolean         shequ_eval_sheet_can_redo          (ShequEvalSheet  *self);
gboolean         shequ_eval_sheet_undo              (ShequEvalSheet  *self,
                                                     guint           *row,
                                                     guint           *column,
                                                     GError         **error);
gboolean         shequ_eval_sheet_redo              (ShequEvalSheet  *self,
                                                     guint           *row,
                                                     guint           *column,
                                                     GError         **error);
/* Clears ROWS × COLUMNS from ROW × COLUMN in one all-or-nothing write (Delete on a
 * selection). */
gboolean         shequ_eval_sheet_clear             (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column,
                                                     guint            n_rows,
                                                     guint            n_columns,
                                                     GError         **error);
/* "张三 — 党建引领": how messages and the accessible description name a cell. Caller
 * frees. */
char            *shequ_eval_sheet_describe_cell     (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column);
/* The period of the assessor's sheet (borrowed) and its set (borrowed). */
const ShequPeriodRow  *shequ_eval_sheet_get_period  (ShequEvalSheet  *self);
const ShequEvalSetDef *shequ_eval_sheet_get_set     (ShequEvalSheet  *self);
/* Whether TEXT would need a comment at ROW × COLUMN (a number below the set's
 * threshold); FALSE for text that is not a score. */
gboolean         shequ_eval_sheet_needs_comment     (ShequEvalSheet  *self,
                                                     guint            row,
                                                     guint            column,
                                                     const char      *text);

G_END_DECLS
