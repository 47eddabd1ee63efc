/* SKELETON: stubs generated from shequ-eval-report.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-report.h"

gboolean
shequ_eval_report_format_from_path (const char *path, ShequEvalReportFormat *format, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_eval_report_write (ShequEvalStore *store, ShequMap *map, gint64 period_id, ShequEvalReportFormat format, const char *path, GCancellable *cancellable, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}
