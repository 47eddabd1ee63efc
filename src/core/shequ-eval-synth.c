/* SKELETON: the synthetic evaluation for benchmarks (engineer "cli" replaces this file) */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-sample.h"

gboolean
shequ_eval_sample_populate_synthetic (ShequEvalStore *store, guint n_targets, guint n_indicators, guint n_assessors, gint64 *period_id, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}
