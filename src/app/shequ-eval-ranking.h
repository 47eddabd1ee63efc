/* shequ-eval-ranking.h — a period's targets in rank order, with their bands and moves */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-eval-store.h"

G_BEGIN_DECLS

/* A period drop-down (newest first), the period's targets in rank order (rank, an
 * arrow against the period before, name, unit or area, total, band chip), a line
 * counting the bands, a band filter and a search by name; a toggle shows the period
 * rolled up per unit instead (cadres per community, communities per area). Follows
 * the store's "changed" and its organisation's names. Property: "store". Signal:
 * "target-activated" (gint64 target_id, gint64 period_id): a row was activated. */
#define SHEQU_TYPE_EVAL_RANKING (shequ_eval_ranking_get_type ())
G_DECLARE_FINAL_TYPE (ShequEvalRanking, shequ_eval_ranking, SHEQU, EVAL_RANKING, GtkWidget)

GtkWidget      *shequ_eval_ranking_new          (void);
ShequEvalStore *shequ_eval_ranking_get_store    (ShequEvalRanking *self);
void            shequ_eval_ranking_set_store    (ShequEvalRanking *self,
                                                 ShequEvalStore   *store);
/* The period shown (0: none). */
gint64          shequ_eval_ranking_get_period   (ShequEvalRanking *self);
gboolean        shequ_eval_ranking_set_period   (ShequEvalRanking *self,
                                                 gint64            period_id);
/* The rows shown, after the filter and the search (ShequEvalRow), and the ones of the
 * roll-up. */
GListModel     *shequ_eval_ranking_get_rows     (ShequEvalRanking *self);
GListModel     *shequ_eval_ranking_get_unit_rows (ShequEvalRanking *self);
GtkColumnView  *shequ_eval_ranking_get_column_view (ShequEvalRanking *self);
/* The band filter (SHEQU_N_BANDS: every band), the search text, the roll-up toggle. */
void            shequ_eval_ranking_set_band_filter (ShequEvalRanking *self,
                                                    ShequBand         band);
void            shequ_eval_ranking_set_search   (ShequEvalRanking *self,
                                                 const char       *text);
void            shequ_eval_ranking_set_show_units (ShequEvalRanking *self,
                                                   gboolean          show_units);
const char     *shequ_eval_ranking_get_summary  (ShequEvalRanking *self);

G_END_DECLS
