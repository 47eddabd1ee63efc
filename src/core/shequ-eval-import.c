/* SKELETON: stubs generated from shequ-eval-import.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-import.h"

ShequEvalImport *
shequ_eval_import_read (ShequEvalStore *store, const char *path, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequEvalImport *
shequ_eval_import_read_data (ShequEvalStore *store, const char *data, gsize length, const char *name, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_eval_import_free (ShequEvalImport *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

GPtrArray *
shequ_eval_import_get_problems (ShequEvalImport *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

guint
shequ_eval_import_get_n_edits (ShequEvalImport *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

char *
shequ_eval_import_format_problems (ShequEvalImport *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_eval_import_apply (ShequEvalImport *self, const char *actor, guint *n_written, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}
