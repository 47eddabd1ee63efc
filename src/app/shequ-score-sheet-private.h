/* shequ-score-sheet-private.h — the scoring grid's fields, shared by its drawing, keys and editing */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-score-sheet.h"

G_BEGIN_DECLS

/* Widths and heights in pixels, measured from the font when the widget is realized
 * or its font changes. Columns of the grid: the frozen target column on the left, the
 * indicators (scrolled), then the frozen total and band columns on the right. */
typedef struct {
  int row_height;
  int header_height;
  int name_width;
  int total_width;
  int band_width;
  int content_width;  /* Σ indicator columns */
} ShequSheetMetrics;

/* What the widget is: viewport sizes, the region being drawn. */
struct _ShequScoreSheet
{
  GtkWidget          parent_instance;

  ShequEvalSheet    *sheet;
  gulong             cells_changed_id;
  gulong             state_changed_id;

  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;

  ShequSheetMetrics  m;
  GArray            *column_x;      /* int × (n_columns + 1): left edge of each indicator */
  gboolean           metrics_valid;

  guint              cursor_row;
  guint              cursor_column;
  guint              anchor_row;    /* the other corner of the selection */
  guint              anchor_column;

  /* The cell editor over the cursor cell. */
  GtkWidget         *editor;        /* GtkText */
  gboolean           editing;
  gboolean           edit_in_place; /* F2: arrows move in the text, not the cursor */
  gboolean           invalid;       /* the editor's text was refused */
  char              *message;       /* what was refused, or NULL */

  /* The comment a low score needs, asked before it is written. */
  GtkWidget         *popover;
  GtkWidget         *comment_label;
  GtkWidget         *comment_entry;
  char              *pending_text;
  int                pending_dx;
  int                pending_dy;

  /* Text layouts by kind and text: scores repeat, so a few hundred serve the sheet. */
  GHashTable        *layouts;
  GPtrArray         *header_layouts; /* two per indicator column: name, maximum */

  /* For the benchmark in the test: snapshots drawn and their time. */
  guint              n_snapshots;
  gint64             snapshot_us;
};

typedef enum {
  SHEQU_SHEET_TEXT_CELL,    /* a score, a total */
  SHEQU_SHEET_TEXT_NAME,    /* a target's name */
  SHEQU_SHEET_TEXT_SMALL,   /* the unit under a name, the maximum under a header */
  SHEQU_SHEET_TEXT_HEADER,  /* bold */
  SHEQU_SHEET_TEXT_CHIP,    /* the band chip's label */
} ShequSheetText;

typedef enum {
  SHEQU_SHEET_HIT_NONE,
  SHEQU_SHEET_HIT_HEADER,  /* an indicator's header: COLUMN */
  SHEQU_SHEET_HIT_NAME,    /* a target: ROW */
  SHEQU_SHEET_HIT_CELL,    /* ROW × COLUMN */
  SHEQU_SHEET_HIT_TOTAL,   /* ROW's total (COLUMN n_columns) or band (n_columns + 1) */
} ShequSheetHit;

/* shequ-score-sheet.c */
void         shequ_score_sheet_ensure_metrics   (ShequScoreSheet    *self);
void         shequ_score_sheet_invalidate_text  (ShequScoreSheet    *self);
/* The cell's rectangle in widget coordinates (may lie outside the view). */
void         shequ_score_sheet_cell_rect        (ShequScoreSheet    *self,
                                                 guint               row,
                                                 guint               column,
                                                 graphene_rect_t    *rect);
int          shequ_score_sheet_totals_x         (ShequScoreSheet    *self);
/* The scrolled region between the frozen columns and under the header. */
void         shequ_score_sheet_body_rect        (ShequScoreSheet    *self,
                                                 graphene_rect_t    *rect);
void         shequ_score_sheet_scroll_to_cursor (ShequScoreSheet    *self);
void         shequ_score_sheet_move_cursor      (ShequScoreSheet    *self,
                                                 guint               row,
                                                 guint               column,
                                                 gboolean            extend);
void         shequ_score_sheet_update_description (ShequScoreSheet  *self);
void         shequ_score_sheet_set_message      (ShequScoreSheet    *self,
                                                 const char         *message);
guint        shequ_score_sheet_page_rows        (ShequScoreSheet    *self);
/* The selection as a block: top-left corner and size. */
void         shequ_score_sheet_get_selection    (ShequScoreSheet    *self,
                                                 guint              *row,
                                                 guint              *column,
                                                 guint              *n_rows,
                                                 guint              *n_columns);

/* shequ-score-sheet-draw.c */
PangoLayout *shequ_score_sheet_get_layout       (ShequScoreSheet    *self,
                                                 ShequSheetText      kind,
                                                 const char         *text);
void         shequ_score_sheet_snapshot         (GtkWidget          *widget,
                                                 GtkSnapshot        *snapshot);
/* What is at X, Y (widget coordinates). */
ShequSheetHit shequ_score_sheet_lookup          (ShequScoreSheet    *self,
                                                 double              x,
                                                 double              y,
                                                 guint              *row,
                                                 guint              *column);
gboolean     shequ_score_sheet_query_tooltip    (GtkWidget          *widget,
                                                 int                 x,
                                                 int                 y,
                                                 gboolean            keyboard_mode,
                                                 GtkTooltip         *tooltip);

/* shequ-score-sheet-keys.c */
void         shequ_score_sheet_init_editing     (ShequScoreSheet    *self);
void         shequ_score_sheet_class_init_editing (GtkWidgetClass   *widget_class);
void         shequ_score_sheet_stop_editing     (ShequScoreSheet    *self);
void         shequ_score_sheet_allocate_editor  (ShequScoreSheet    *self);
void         shequ_score_sheet_update_actions   (ShequScoreSheet    *self);

G_END_DECLS
