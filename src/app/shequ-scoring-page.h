/* shequ-scoring-page.h — the evaluation's scoring page: pick a period and an assessor, fill the sheet, submit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-eval-store.h"
#include "shequ-score-sheet.h"

G_BEGIN_DECLS

/* A period drop-down (newest first), an assessor drop-down (that period's assessors),
 * the ShequScoreSheet of that assessor, the filled count, and Submit / Reopen… (a
 * reason asked for). Property: "store" (ShequEvalStore, nullable). Actions (group
 * "scoring"): "submit", "reopen". */
#define SHEQU_TYPE_SCORING_PAGE (shequ_scoring_page_get_type ())
G_DECLARE_FINAL_TYPE (ShequScoringPage, shequ_scoring_page, SHEQU, SCORING_PAGE, GtkWidget)

GtkWidget       *shequ_scoring_page_new           (void);
ShequEvalStore  *shequ_scoring_page_get_store     (ShequScoringPage *self);
void             shequ_scoring_page_set_store     (ShequScoringPage *self,
                                                   ShequEvalStore   *store);
/* Shows ASSESSOR_ID's sheet (its period chosen too). FALSE when unknown. */
gboolean         shequ_scoring_page_show_assessor (ShequScoringPage *self,
                                                   gint64            assessor_id);
ShequScoreSheet *shequ_scoring_page_get_sheet     (ShequScoringPage *self);

G_END_DECLS
