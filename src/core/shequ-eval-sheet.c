/* SKELETON: stubs generated from shequ-eval-sheet.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-sheet.h"

struct _ShequEvalSheet
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (ShequEvalSheet, shequ_eval_sheet, G_TYPE_OBJECT)

static void
shequ_eval_sheet_class_init (ShequEvalSheetClass *klass)
{
}

static void
shequ_eval_sheet_init (ShequEvalSheet *self)
{
}

ShequEvalSheet *
shequ_eval_sheet_new (ShequEvalStore *store, gint64 assessor_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequEvalStore *
shequ_eval_sheet_get_store (ShequEvalSheet *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gint64
shequ_eval_sheet_get_assessor_id (ShequEvalSheet *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

guint
shequ_eval_sheet_get_n_rows (ShequEvalSheet *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

guint
shequ_eval_sheet_get_n_columns (ShequEvalSheet *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

const ShequEvalTargetRow *
shequ_eval_sheet_get_target (ShequEvalSheet *self, guint row)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const ShequIndicatorRow *
shequ_eval_sheet_get_indicator (ShequEvalSheet *self, guint column)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_eval_sheet_get_text (ShequEvalSheet *self, guint row, guint column)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const char *
shequ_eval_sheet_get_comment (ShequEvalSheet *self, guint row, guint column)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequScore
shequ_eval_sheet_get_value (ShequEvalSheet *self, guint row, guint column)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

double
shequ_eval_sheet_get_row_total (ShequEvalSheet *self, guint row, ShequBand *band)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0.0;
}

guint
shequ_eval_sheet_get_n_filled (ShequEvalSheet *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

guint
shequ_eval_sheet_get_n_cells (ShequEvalSheet *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

gboolean
shequ_eval_sheet_is_editable (ShequEvalSheet *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_eval_sheet_is_submitted (ShequEvalSheet *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_eval_sheet_validate (ShequEvalSheet *self, guint row, guint column, const char *text, const char *comment, gboolean *needs_comment, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_eval_sheet_commit (ShequEvalSheet *self, guint row, guint column, const char *text, const char *comment, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_eval_sheet_paste (ShequEvalSheet *self, guint row, guint column, const char *tsv, guint *n_cells, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

char *
shequ_eval_sheet_copy (ShequEvalSheet *self, guint row, guint column, guint n_rows, guint n_columns)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GPtrArray *
shequ_eval_parse_tsv (const char *tsv, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}
