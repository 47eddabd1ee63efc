/* shequ-score-sheet.h — the scoring grid: targets × indicators, drawn, virtualized, keyboard-first */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-eval-sheet.h"

G_BEGIN_DECLS

/* Draws a ShequEvalSheet as a grid (only the rows in view: 10,000 rows scroll like
 * 10), with a frozen first column (the target), a total and a band chip per row, and
 * one cell editor over the cursor cell. Type a number to start editing; Tab / Enter /
 * arrows commit and move on; Escape cancels; invalid input is shown in the cell and
 * refused; a low score asks for its comment. GtkScrollable. Properties: "sheet",
 * "message". Actions (group "sheet"): "copy", "paste", "undo", "redo", "comment",
 * "clear", "edit" (F2), "move" ((ii): commit the editor, then move by columns, rows;
 * a column move wraps to the next or previous row). */
#define SHEQU_TYPE_SCORE_SHEET (shequ_score_sheet_get_type ())
G_DECLARE_FINAL_TYPE (ShequScoreSheet, shequ_score_sheet, SHEQU, SCORE_SHEET, GtkWidget)

GtkWidget      *shequ_score_sheet_new        (void);
ShequEvalSheet *shequ_score_sheet_get_sheet  (ShequScoreSheet *self);
void            shequ_score_sheet_set_sheet  (ShequScoreSheet *self,
                                              ShequEvalSheet  *sheet);
void            shequ_score_sheet_get_cursor (ShequScoreSheet *self,
                                              guint           *row,
                                              guint           *column);
void            shequ_score_sheet_set_cursor (ShequScoreSheet *self,
                                              guint            row,
                                              guint            column);

/* The cell editor (a GtkText), shown over the cursor cell while editing. */
GtkWidget      *shequ_score_sheet_get_editor     (ShequScoreSheet *self);
gboolean        shequ_score_sheet_is_editing     (ShequScoreSheet *self);
/* Starts editing the cursor cell with TEXT (NULL: the cell's own, the cursor in the
 * text's arrows as with F2). FALSE, with the message set, when the sheet is locked. */
gboolean        shequ_score_sheet_start_editing  (ShequScoreSheet *self,
                                                  const char      *text);
/* What the last refused edit or paste said (property "message", nullable): the page
 * shows it under the sheet. */
const char     *shequ_score_sheet_get_message    (ShequScoreSheet *self);
/* Where ROW × COLUMN is drawn, in widget coordinates: COLUMN n_columns is the total,
 * n_columns + 1 the band chip. FALSE when it is out of view. */
gboolean        shequ_score_sheet_get_cell_area  (ShequScoreSheet *self,
                                                  guint            row,
                                                  guint            column,
                                                  graphene_rect_t *area);
/* The comment popover a low score opens (for the tests): its entry, and OK. */
GtkWidget      *shequ_score_sheet_get_comment_entry (ShequScoreSheet *self);

G_END_DECLS
