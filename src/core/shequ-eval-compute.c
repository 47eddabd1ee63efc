/* SKELETON: stubs generated from shequ-eval-compute.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-compute.h"

ShequEvalMatrix *
shequ_eval_matrix_new (guint n_assessors, guint n_targets, guint n_indicators)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_eval_matrix_free (ShequEvalMatrix *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

guint
shequ_eval_matrix_get_n_assessors (const ShequEvalMatrix *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

guint
shequ_eval_matrix_get_n_targets (const ShequEvalMatrix *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

guint
shequ_eval_matrix_get_n_indicators (const ShequEvalMatrix *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

void
shequ_eval_matrix_set_indicator (ShequEvalMatrix *self, guint indicator, double weight, ShequScore max_score)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_eval_matrix_set_assigned (ShequEvalMatrix *self, guint assessor, guint target, gboolean assigned)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

gboolean
shequ_eval_matrix_get_assigned (const ShequEvalMatrix *self, guint assessor, guint target)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

void
shequ_eval_matrix_set (ShequEvalMatrix *self, guint assessor, guint target, guint indicator, ShequScore value)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

ShequScore
shequ_eval_matrix_get (const ShequEvalMatrix *self, guint assessor, guint target, guint indicator)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

const ShequScore *
shequ_eval_matrix_get_row (const ShequEvalMatrix *self, guint assessor, guint target)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

double
shequ_eval_matrix_row_total (const ShequEvalMatrix *self, guint assessor, guint target, guint *n_filled)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0.0;
}

ShequEvalResults *
shequ_eval_results_new (guint n_targets, guint n_indicators)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_eval_results_free (ShequEvalResults *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_eval_compute (const ShequEvalMatrix *matrix, ShequEvalCombine combine, double green_min, double orange_min, ShequEvalResults *out)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

double
shequ_eval_combine_values (ShequScore *values, guint n, ShequEvalCombine combine)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0.0;
}

gboolean
shequ_flag_rule_fires (const ShequFlagRuleRow *rule, const ShequBand *history, guint n_history)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

int
shequ_band_compare_move (ShequBand before, ShequBand after)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}
