/* SKELETON: stubs generated from shequ-eval-summary.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-summary.h"

GArray *
shequ_eval_summarize_by_unit (ShequEvalStore *store, gint64 period_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}
