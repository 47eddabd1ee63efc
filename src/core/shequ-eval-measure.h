/* shequ-eval-measure.h — a period's bands as a map measure */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-store.h"
#include "shequ-measure.h"

G_BEGIN_DECLS

/* A categorical ShequMeasure (id "band"): categories green, orange, red (labels and
 * colours of shequ_band_*), the value of a community or village unit being its band in
 * PERIOD_ID (a community period); an area or the street has the band of the mean
 * total of its graded units below it; a unit not graded has no data. PERIOD_ID 0: the
 * period of shequ_eval_store_get_latest_community_period(). The values are read when made (a new
 * measure shows new scores). */
ShequMeasure *shequ_eval_measure_new_band   (ShequEvalStore  *store,
                                             gint64           period_id);
/* The newest CLOSED period of the community kind (a period still scoring shows half a
 * map); when none is closed, the newest community period with at least one total; or 0. */
gint64        shequ_eval_store_get_latest_community_period (ShequEvalStore *store);

G_END_DECLS
