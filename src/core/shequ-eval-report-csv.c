/* shequ-eval-report-csv.c — a period's ranking as CSV that Excel and WPS open as it is */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-csv.h"
#include "shequ-eval-report-private.h"

/* UTF-8 with a byte-order mark (without it Excel and WPS read the file as GBK), CRLF
 * line ends and RFC 4180 quoting (shequ_csv_append_row). */

#define CSV_BOM "\xef\xbb\xbf"
#define CSV_CHECK_EVERY 256

/* A name a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1", "@SUM") gets a
 * leading apostrophe, which Excel and WPS show as text and hide. */
static char *
text_field (const char *text)
{
  if (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'
      || text[0] == '\t' || text[0] == '\r')
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

GString *
shequ_eval_report_format_csv (const ShequEvalReport *report,
                              GCancellable          *cancellable,
                              GError               **error)
{
  const char *header[] = {
    C_("ranking column", "Rank"), C_("ranking column", "Change"),
    C_("ranking column", "Code"), C_("ranking column", "Name"),
    C_("ranking column", "Unit"), C_("ranking column", "Area"),
    C_("ranking column", "Total"), C_("ranking column", "Band"),
  };
  g_autoptr(GString) out = g_string_new (CSV_BOM);

  g_return_val_if_fail (report != NULL, NULL);

  shequ_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < report->rows->len; i++)
    {
      const ShequEvalReportRow *row = g_ptr_array_index (report->rows, i);
      g_autofree char *rank = row->rank > 0 ? g_strdup_printf ("%u", row->rank) : g_strdup ("");
      g_autofree char *change = shequ_eval_report_format_change (row);
      g_autofree char *code = text_field (row->code);
      g_autofree char *name = text_field (row->name);
      g_autofree char *unit = text_field (row->unit_name);
      g_autofree char *area = text_field (row->area_name);
      char total[G_ASCII_DTOSTR_BUF_SIZE] = "";
      const char *fields[] = {
        rank, change, code, name, unit, area, total,
        row->band == SHEQU_BAND_NONE ? "" : shequ_band_get_label (row->band),
      };

      /* A point, whatever the locale's decimal separator: the file is data. */
      if (!isnan (row->total))
        g_ascii_formatd (total, sizeof total, "%.2f", row->total);
      if (i % CSV_CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      shequ_csv_append_row (out, fields, G_N_ELEMENTS (fields));
    }
  return g_steal_pointer (&out);
}
