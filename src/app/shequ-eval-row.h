/* shequ-eval-row.h — one row of the evaluation page's lists (ranking, roll-up, flags, log) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shequ-eval-types.h"

G_BEGIN_DECLS

/* A plain item for the GListStores behind the evaluation's column views: a snapshot
 * of what the store said when the list was filled (the lists are filled again on the
 * store's "changed"). Which fields a list uses is said at each field. */
#define SHEQU_TYPE_EVAL_ROW (shequ_eval_row_get_type ())
G_DECLARE_FINAL_TYPE (ShequEvalRow, shequ_eval_row, SHEQU, EVAL_ROW, GObject)

struct _ShequEvalRow
{
  GObject    parent_instance;

  gint64     id;             /* ranking: the target; roll-up: the unit; flags: the flag */
  gint64     target_id;      /* ranking, flags */
  gint64     period_id;
  guint      rank;           /* ranking: 0 when not graded */
  guint      previous_rank;  /* ranking: 0 when not graded before (or no period before) */
  ShequBand  previous_band;  /* ranking: the band then; SHEQU_BAND_NONE when none */
  double     total;          /* ranking; roll-up: the mean; NAN when none */
  ShequBand  band;
  guint      n_band[SHEQU_N_BANDS];  /* roll-up */
  guint      n_targets;      /* roll-up */
  int        state;          /* flags: ShequFlagState */
  char      *name;           /* the target's or the unit's name */
  char      *detail;         /* ranking: its unit or area; flags: the rule */
  char      *extra;          /* flags: the period's label */
  char      *note;           /* flags: the interview's note */
};

ShequEvalRow *shequ_eval_row_new (void);
/* The row's text for a search: whether NEEDLE (casefolded) is in its name or detail. */
gboolean      shequ_eval_row_matches (ShequEvalRow *self,
                                      const char   *needle);

G_END_DECLS
