/* SKELETON: stubs generated from shequ-eval-measure.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-measure.h"

ShequMeasure *
shequ_eval_measure_new_band (ShequEvalStore *store, gint64 period_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gint64
shequ_eval_store_get_latest_community_period (ShequEvalStore *store)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}
