/* SKELETON: stubs generated from shequ-eval-sample.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-sample.h"

gboolean
shequ_eval_sample_populate (ShequEvalStore *store, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

