/* shequ-eval-cells.h — the evaluation lists' columns: labels, numbers and band chips */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-eval-row.h"
#include "shequ-eval-store.h"

G_BEGIN_DECLS

typedef enum {
  SHEQU_EVAL_CELL_TEXT,     /* a label, ellipsized */
  SHEQU_EVAL_CELL_NUMBER,   /* a label, right-aligned, tabular figures */
  SHEQU_EVAL_CELL_CHIP,     /* a ShequBandChip */
  SHEQU_EVAL_CELL_NUMBER_CHIP, /* a box: a number label (first child), then a ShequBandChip */
} ShequEvalCellKind;

/* Called on bind with the cell's widget (a GtkLabel or a ShequBandChip). */
typedef void (*ShequEvalCellBind) (GtkWidget    *cell,
                                   ShequEvalRow *row,
                                   gpointer      user_data);

/* Appends a column titled TITLE (translated) of WIDTH pixels (0: natural; EXPAND: takes
 * the room left) whose cells are KIND, filled by BIND. */
GtkColumnViewColumn *shequ_eval_add_column (GtkColumnView      *view,
                                            const char         *title,
                                            int                 width,
                                            gboolean            expand,
                                            ShequEvalCellKind   kind,
                                            ShequEvalCellBind   bind,
                                            gpointer            user_data);
/* Names the row widget holding CELL (GTK 4.8 announces it by its type otherwise). */
void                 shequ_eval_cell_name_row (GtkWidget  *cell,
                                               const char *label);

/* "绿 12 · 橙 5 · 红 2 · 未评 1": the counts of N_BAND that are not 0 (caller frees). */
char                *shequ_eval_format_band_counts (const guint *n_band);
/* A period's label with the kind of its targets: "2026年第三季度 · 社区" (caller frees). */
char                *shequ_eval_format_period (ShequEvalStore       *store,
                                               const ShequPeriodRow *period);
/* The kind of what PERIOD_ID grades (its set's), COMMUNITY when unknown. */
ShequEvalKind        shequ_eval_period_get_kind (ShequEvalStore *store,
                                                 gint64          period_id);
/* The newest closed period grading KIND, or 0: what a band map shows by default (the
 * period still being scored has half its totals). */
gint64               shequ_eval_get_newest_closed_period (ShequEvalStore *store,
                                                          ShequEvalKind   kind);
/* ISO 8601 UTC → "2026-12-02 15:04" local (caller frees). */
char                *shequ_eval_format_time (const char *iso);

G_END_DECLS
