/* shequ-eval-target-page.h — one target's results: the breakdown, the trend, the audit log */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-eval-store.h"
#include "shequ-trend-chart.h"

G_BEGIN_DECLS

/* A header (name, unit, band chip, total and rank) with a drop-down of the periods
 * that grade the target, the indicator breakdown of the period chosen (indicator,
 * maximum, each assessor's score and comment, the combined score), a trend chart of
 * the target's totals across its set's periods, and the audit log of its scores and
 * flags. Follows the store's "changed". The back button activates "eval.show-ranking".
 * Property: "store". */
#define SHEQU_TYPE_EVAL_TARGET_PAGE (shequ_eval_target_page_get_type ())
G_DECLARE_FINAL_TYPE (ShequEvalTargetPage, shequ_eval_target_page, SHEQU, EVAL_TARGET_PAGE,
                      GtkWidget)

GtkWidget       *shequ_eval_target_page_new         (void);
void             shequ_eval_target_page_set_store   (ShequEvalTargetPage *self,
                                                     ShequEvalStore      *store);
/* Shows TARGET_ID in PERIOD_ID (0: its newest period with a total). FALSE when unknown. */
gboolean         shequ_eval_target_page_show        (ShequEvalTargetPage *self,
                                                     gint64               target_id,
                                                     gint64               period_id);
gint64           shequ_eval_target_page_get_target  (ShequEvalTargetPage *self);
gint64           shequ_eval_target_page_get_period  (ShequEvalTargetPage *self);
ShequTrendChart *shequ_eval_target_page_get_chart   (ShequEvalTargetPage *self);
/* The audit log's rows (GtkListBox) and the breakdown (GtkGrid), for the tests. */
GtkListBox      *shequ_eval_target_page_get_log     (ShequEvalTargetPage *self);
GtkGrid         *shequ_eval_target_page_get_breakdown (ShequEvalTargetPage *self);

G_END_DECLS
