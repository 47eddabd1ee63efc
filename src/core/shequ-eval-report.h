/* shequ-eval-report.h — a period's results as a PDF report, an Excel workbook or CSV */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-eval-store.h"
#include "shequ-map.h"

G_BEGIN_DECLS

typedef enum {
  SHEQU_EVAL_REPORT_PDF,
  SHEQU_EVAL_REPORT_XLSX,
  SHEQU_EVAL_REPORT_CSV,
} ShequEvalReportFormat;

/* From PATH's extension (.pdf, .xlsx, .csv; any case). FALSE with a translated
 * G_IO_ERROR_INVALID_ARGUMENT naming PATH otherwise. */
gboolean shequ_eval_report_format_from_path (const char             *path,
                                             ShequEvalReportFormat  *format,
                                             GError                **error);

/* Writes PERIOD_ID's report to PATH (written to a temporary file beside it and renamed,
 * so a failure leaves no half file and an existing file as it was):
 *  - PDF (A4, Cairo): a cover (street, period, set and its version, date), the band
 *    summary, the ranking (band chips, arrows against the period before), and for a
 *    community period a page per management area with its trend chart and its band
 *    map (MAP nullable: no map on those pages);
 *  - XLSX (libxlsxwriter): sheets 排名/Ranking, the indicators (a column per
 *    indicator, combined scores), and the band history (a column per period);
 *  - CSV: the ranking, UTF-8 with a byte-order mark so Excel and WPS read it.
 * Text is in the UI language; the Chinese names are as stored. */
gboolean shequ_eval_report_write            (ShequEvalStore         *store,
                                             ShequMap               *map,
                                             gint64                  period_id,
                                             ShequEvalReportFormat   format,
                                             const char             *path,
                                             GCancellable           *cancellable,
                                             GError                **error);

G_END_DECLS
