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
 * refused; a low score asks for its comment. GtkScrollable. Property: "sheet".
 * Actions (group "sheet"): "copy", "paste", "undo", "redo", "comment", "clear". */
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

G_END_DECLS
