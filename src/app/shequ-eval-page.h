/* shequ-eval-page.h — the window's evaluation page: scoring, ranking, flags, a target */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-eval-flags.h"
#include "shequ-eval-ranking.h"
#include "shequ-eval-store.h"
#include "shequ-eval-target-page.h"

G_BEGIN_DECLS

/* A switcher of views — 评分 Scoring (the scoring page), 排名 Ranking, 预警 Flags, and
 * the target page once a target is chosen — and a toolbar: Indicator Sets (the set
 * dialog, per kind), Open Period… (the period dialog) and Export Report… (the window's
 * win.export-eval). Activating a row of the ranking or of the flags shows its target.
 * Actions (group "eval"): "show-ranking", "show-flags", "show-sheet", "show-target"
 * ((xx): target, period), "edit-set" (i: ShequEvalKind), "open-period".
 * Property: "store" (ShequEvalStore, nullable). */
#define SHEQU_TYPE_EVAL_PAGE (shequ_eval_page_get_type ())
G_DECLARE_FINAL_TYPE (ShequEvalPage, shequ_eval_page, SHEQU, EVAL_PAGE, GtkWidget)

GtkWidget           *shequ_eval_page_new             (void);
ShequEvalStore      *shequ_eval_page_get_store       (ShequEvalPage *self);
void                 shequ_eval_page_set_store       (ShequEvalPage  *self,
                                                      ShequEvalStore *store);
/* "sheet", "ranking", "flags" or "target". */
const char          *shequ_eval_page_get_view        (ShequEvalPage *self);
void                 shequ_eval_page_set_view        (ShequEvalPage *self,
                                                      const char    *view);
gboolean             shequ_eval_page_show_target     (ShequEvalPage *self,
                                                      gint64         target_id,
                                                      gint64         period_id);
/* The period the page is about (the ranking's; the target page's while it shows). */
gint64               shequ_eval_page_get_period      (ShequEvalPage *self);
ShequEvalRanking    *shequ_eval_page_get_ranking     (ShequEvalPage *self);
ShequEvalFlags      *shequ_eval_page_get_flags       (ShequEvalPage *self);
ShequEvalTargetPage *shequ_eval_page_get_target_page (ShequEvalPage *self);
/* The scoring page (a ShequScoringPage). */
GtkWidget           *shequ_eval_page_get_scoring_page (ShequEvalPage *self);

G_END_DECLS
