/* shequ-eval-report-xlsx.c — a period's results as an Excel workbook (libxlsxwriter) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <xlsxwriter.h>

#include "shequ-eval-report-private.h"

/* Three sheets: the ranking, the combined score of every indicator, and the band
 * history (a column per period of the set's family, cells in their band's colour).
 * Header rows are bold and frozen, columns as wide as what they hold, totals "0.00".
 * libxlsxwriter keeps the workbook in memory and writes it on workbook_close(); a
 * cancel frees it unwritten. */

#define XLSX_CHECK_EVERY 256
#define XLSX_MAX_WIDTH   48.0

typedef struct {
  lxw_workbook *workbook;
  lxw_format   *header;
  lxw_format   *wrapped_header;
  lxw_format   *integer;
  lxw_format   *change;
  lxw_format   *number;
  lxw_format   *band[SHEQU_N_BANDS];
  lxw_error     error;     /* the first error of a write */
  GArray       *widths;    /* of the current sheet's columns, in characters */
} Xlsx;

static lxw_color_t
colour_to_rgb (const ShequColour *colour)
{
  return ((lxw_color_t) lround (colour->red * 255) << 16)
         | ((lxw_color_t) lround (colour->green * 255) << 8)
         | (lxw_color_t) lround (colour->blue * 255);
}

static void
make_formats (Xlsx *xlsx)
{
  xlsx->header = workbook_add_format (xlsx->workbook);
  format_set_bold (xlsx->header);
  format_set_bottom (xlsx->header, LXW_BORDER_THIN);
  format_set_bg_color (xlsx->header, 0xeef1f4);
  format_set_align (xlsx->header, LXW_ALIGN_VERTICAL_CENTER);
  xlsx->wrapped_header = workbook_add_format (xlsx->workbook);
  format_set_bold (xlsx->wrapped_header);
  format_set_bottom (xlsx->wrapped_header, LXW_BORDER_THIN);
  format_set_bg_color (xlsx->wrapped_header, 0xeef1f4);
  format_set_text_wrap (xlsx->wrapped_header);
  format_set_align (xlsx->wrapped_header, LXW_ALIGN_CENTER);
  format_set_align (xlsx->wrapped_header, LXW_ALIGN_VERTICAL_CENTER);
  xlsx->integer = workbook_add_format (xlsx->workbook);
  format_set_num_format (xlsx->integer, "0");
  xlsx->change = workbook_add_format (xlsx->workbook);
  format_set_num_format (xlsx->change, "+0;-0;0");
  xlsx->number = workbook_add_format (xlsx->workbook);
  format_set_num_format (xlsx->number, "0.00");
  for (ShequBand band = SHEQU_BAND_GREEN; band < SHEQU_N_BANDS; band++)
    {
      ShequColour fill, text;

      shequ_band_get_colour (band, &fill);
      shequ_band_get_text_colour (band, &text);
      xlsx->band[band] = workbook_add_format (xlsx->workbook);
      format_set_bg_color (xlsx->band[band], colour_to_rgb (&fill));
      format_set_font_color (xlsx->band[band], colour_to_rgb (&text));
      format_set_align (xlsx->band[band], LXW_ALIGN_CENTER);
    }
}

static void
check (Xlsx      *xlsx,
       lxw_error  error)
{
  if (xlsx->error == LXW_NO_ERROR)
    xlsx->error = error;
}

/* Characters as a spreadsheet measures them: a Chinese character takes two. */
static void
note_width (Xlsx       *xlsx,
            guint       column,
            const char *text)
{
  double width = 0;
  double *widths;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2.1 : 1.1;
  if (column >= xlsx->widths->len)
    g_array_set_size (xlsx->widths, column + 1);
  widths = (double *) (void *) xlsx->widths->data;
  widths[column] = MAX (widths[column], MIN (width + 2, XLSX_MAX_WIDTH));
}

static void
write_text (Xlsx          *xlsx,
            lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      column,
            const char    *text,
            lxw_format    *format)
{
  note_width (xlsx, column, text);
  check (xlsx, worksheet_write_string (sheet, row, column, text, format));
}

static void
write_number (Xlsx          *xlsx,
              lxw_worksheet *sheet,
              lxw_row_t      row,
              lxw_col_t      column,
              double         value,
              lxw_format    *format)
{
  if (isnan (value))
    return;
  note_width (xlsx, column, "000.00");
  check (xlsx, worksheet_write_number (sheet, row, column, value, format));
}

static void
write_band (Xlsx          *xlsx,
            lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      column,
            ShequBand      band)
{
  if (band != SHEQU_BAND_NONE)
    write_text (xlsx, sheet, row, column, shequ_band_get_label (band), xlsx->band[band]);
}

/* Sets the widths noted, and starts the next sheet's. */
static void
finish_sheet (Xlsx          *xlsx,
              lxw_worksheet *sheet,
              guint          freeze_columns)
{
  for (guint i = 0; i < xlsx->widths->len; i++)
    check (xlsx, worksheet_set_column (sheet, i, i,
                                       MAX (g_array_index (xlsx->widths, double, i), 6),
                                       NULL));
  worksheet_freeze_panes (sheet, 1, freeze_columns);
  /* Printed: A4, as wide as one page, the header row on every page. */
  worksheet_set_paper (sheet, 9);
  worksheet_fit_to_pages (sheet, 1, 0);
  check (xlsx, worksheet_repeat_rows (sheet, 0, 0));
  g_array_set_size (xlsx->widths, 0);
}

/* A sheet NAME with a header row of HEADERS; NULL (the error noted) when NAME is not a
 * valid sheet name. */
static lxw_worksheet *
start_sheet (Xlsx              *xlsx,
             const char        *name,
             const char *const *headers,
             guint              n_headers)
{
  lxw_worksheet *sheet = workbook_add_worksheet (xlsx->workbook, name);

  if (sheet == NULL)
    {
      check (xlsx, LXW_ERROR_PARAMETER_VALIDATION);
      return NULL;
    }
  for (guint i = 0; i < n_headers; i++)
    write_text (xlsx, sheet, 0, i, headers[i], xlsx->header);
  return sheet;
}

typedef void (*RowFunc) (Xlsx                     *xlsx,
                         lxw_worksheet            *sheet,
                         lxw_row_t                 r,
                         const ShequEvalReport    *report,
                         const ShequEvalReportRow *row);

/* ROW_FUNC for every row of REPORT, one sheet row each below the header; FALSE when
 * cancelled. */
static gboolean
write_rows (Xlsx                  *xlsx,
            lxw_worksheet         *sheet,
            const ShequEvalReport *report,
            RowFunc                row_func,
            GCancellable          *cancellable,
            GError               **error)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      if (i % XLSX_CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      row_func (xlsx, sheet, i + 1, report, g_ptr_array_index (report->rows, i));
    }
  return TRUE;
}

static void
write_ranking_row (Xlsx                     *xlsx,
                   lxw_worksheet            *sheet,
                   lxw_row_t                 r,
                   const ShequEvalReport    *report,
                   const ShequEvalReportRow *row)
{
  if (row->rank > 0)
    write_number (xlsx, sheet, r, 0, row->rank, xlsx->integer);
  if (row->rank > 0 && row->previous_rank > 0)
    write_number (xlsx, sheet, r, 1, (double) row->previous_rank - row->rank, xlsx->change);
  if (row->previous_rank > 0)
    write_number (xlsx, sheet, r, 2, row->previous_rank, xlsx->integer);
  write_text (xlsx, sheet, r, 3, row->code, NULL);
  write_text (xlsx, sheet, r, 4, row->name, NULL);
  write_text (xlsx, sheet, r, 5, row->unit_name, NULL);
  write_text (xlsx, sheet, r, 6, row->area_name, NULL);
  write_number (xlsx, sheet, r, 7, row->total, xlsx->number);
  write_band (xlsx, sheet, r, 8, row->band);
}

static gboolean
write_ranking (Xlsx                  *xlsx,
               const ShequEvalReport *report,
               GCancellable          *cancellable,
               GError               **error)
{
  const char *headers[] = {
    C_("ranking column", "Rank"), C_("ranking column", "Change"),
    C_("ranking column", "Previous rank"), C_("ranking column", "Code"),
    C_("ranking column", "Name"), C_("ranking column", "Unit"),
    C_("ranking column", "Area"), C_("ranking column", "Total"),
    C_("ranking column", "Band"),
  };
  lxw_worksheet *sheet = start_sheet (xlsx, _("Ranking"), headers, G_N_ELEMENTS (headers));

  if (sheet == NULL)
    return TRUE;
  if (!write_rows (xlsx, sheet, report, write_ranking_row, cancellable, error))
    return FALSE;
  if (report->rows->len > 0)
    check (xlsx, worksheet_autofilter (sheet, 0, 0, report->rows->len,
                                       G_N_ELEMENTS (headers) - 1));
  finish_sheet (xlsx, sheet, 0);
  return TRUE;
}

/* Rank, code and name before the indicators' columns. */
#define INDICATORS_FIRST 3

static void
write_indicators_row (Xlsx                     *xlsx,
                      lxw_worksheet            *sheet,
                      lxw_row_t                 r,
                      const ShequEvalReport    *report,
                      const ShequEvalReportRow *row)
{
  guint n_indicators = report->indicators->len;

  if (row->rank > 0)
    write_number (xlsx, sheet, r, 0, row->rank, xlsx->integer);
  write_text (xlsx, sheet, r, 1, row->code, NULL);
  write_text (xlsx, sheet, r, 2, row->name, NULL);
  for (guint k = 0; k < n_indicators; k++)
    write_number (xlsx, sheet, r, INDICATORS_FIRST + k, row->combined[k], xlsx->number);
  write_number (xlsx, sheet, r, INDICATORS_FIRST + n_indicators, row->total, xlsx->number);
}

static gboolean
write_indicators (Xlsx                  *xlsx,
                  const ShequEvalReport *report,
                  GCancellable          *cancellable,
                  GError               **error)
{
  const char *headers[INDICATORS_FIRST] = {
    C_("ranking column", "Rank"), C_("ranking column", "Code"),
    C_("ranking column", "Name"),
  };
  const guint n_indicators = report->indicators->len;
  lxw_worksheet *sheet = start_sheet (xlsx, _("Indicators"), headers, INDICATORS_FIRST);

  if (sheet == NULL)
    return TRUE;
  for (guint k = 0; k < n_indicators; k++)
    {
      const ShequIndicatorRow *indicator = g_ptr_array_index (report->indicators, k);
      g_autofree char *max = shequ_score_format (indicator->max_score);
      /* Translators: an indicator's column: its name, then its maximum score */
      g_autofree char *text = g_strdup_printf (_("%s\n(max %s)"), indicator->name, max);

      check (xlsx, worksheet_write_string (sheet, 0, INDICATORS_FIRST + k, text,
                                           xlsx->wrapped_header));
      note_width (xlsx, INDICATORS_FIRST + k, indicator->name);
    }
  write_text (xlsx, sheet, 0, INDICATORS_FIRST + n_indicators, C_("ranking column", "Total"),
              xlsx->header);
  check (xlsx, worksheet_set_row (sheet, 0, 32, NULL));
  if (!write_rows (xlsx, sheet, report, write_indicators_row, cancellable, error))
    return FALSE;
  finish_sheet (xlsx, sheet, INDICATORS_FIRST);
  return TRUE;
}

/* Code, name and unit before the periods' columns. */
#define HISTORY_FIRST 3

static void
write_history_row (Xlsx                     *xlsx,
                   lxw_worksheet            *sheet,
                   lxw_row_t                 r,
                   const ShequEvalReport    *report,
                   const ShequEvalReportRow *row)
{
  write_text (xlsx, sheet, r, 0, row->code, NULL);
  write_text (xlsx, sheet, r, 1, row->name, NULL);
  write_text (xlsx, sheet, r, 2, row->unit_name, NULL);
  for (guint p = 0; p < report->n_history; p++)
    write_band (xlsx, sheet, r, HISTORY_FIRST + p, row->history_band[p]);
}

static gboolean
write_history (Xlsx                  *xlsx,
               const ShequEvalReport *report,
               GCancellable          *cancellable,
               GError               **error)
{
  const char *headers[HISTORY_FIRST] = {
    C_("ranking column", "Code"), C_("ranking column", "Name"),
    C_("ranking column", "Unit"),
  };
  lxw_worksheet *sheet = start_sheet (xlsx, _("Band history"), headers, HISTORY_FIRST);

  if (sheet == NULL)
    return TRUE;
  for (guint p = 0; p < report->n_history; p++)
    write_text (xlsx, sheet, 0, HISTORY_FIRST + p, report->history_labels[p], xlsx->header);
  if (!write_rows (xlsx, sheet, report, write_history_row, cancellable, error))
    return FALSE;
  finish_sheet (xlsx, sheet, 2);
  return TRUE;
}

/* What the user can act on in words of their language; the rest as libxlsxwriter says. */
static const char *
describe_error (lxw_error error)
{
  static const struct { lxw_error error; const char *text; } texts[] = {
    { LXW_ERROR_MEMORY_MALLOC_FAILED, N_("out of memory") },
    { LXW_ERROR_CREATING_XLSX_FILE, N_("the file cannot be created") },
    { LXW_ERROR_CREATING_TMPFILE, N_("no temporary file could be made (is the disk full?)") },
    { LXW_ERROR_READING_TMPFILE, N_("no temporary file could be made (is the disk full?)") },
    { LXW_ERROR_ZIP_FILE_OPERATION, N_("the workbook’s archive could not be written") },
    { LXW_ERROR_ZIP_FILE_ADD, N_("the workbook’s archive could not be written") },
    { LXW_ERROR_ZIP_CLOSE, N_("the workbook’s archive could not be written") },
    { LXW_ERROR_PARAMETER_VALIDATION, N_("a sheet name or a cell is not valid") },
    { LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED, N_("a text is longer than a cell may hold") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].error == error)
      return _(texts[i].text);
  return lxw_strerror (error);
}

gboolean
shequ_eval_report_write_xlsx (const ShequEvalReport *report,
                              const char            *path,
                              const char            *display_path,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (double));
  g_autofree char *title = g_strdup_printf ("%s %s %s", report->street, report->period_label,
                                            shequ_eval_kind_get_label (report->kind));
  lxw_doc_properties properties = { .title = title, .subject = report->set_name };
  Xlsx xlsx = { .widths = widths };
  lxw_error closed;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL && display_path != NULL, FALSE);

  xlsx.workbook = workbook_new (path);
  if (xlsx.workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the workbook %s: %s"),
                   display_path, describe_error (LXW_ERROR_MEMORY_MALLOC_FAILED));
      return FALSE;
    }
  make_formats (&xlsx);
  check (&xlsx, workbook_set_properties (xlsx.workbook, &properties));
  if (!write_ranking (&xlsx, report, cancellable, error)
      || !write_indicators (&xlsx, report, cancellable, error)
      || !write_history (&xlsx, report, cancellable, error))
    {
      lxw_workbook_free (xlsx.workbook);
      return FALSE;
    }
  if (xlsx.error != LXW_NO_ERROR)
    {
      lxw_workbook_free (xlsx.workbook);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the workbook %s: %s"),
                   display_path, describe_error (xlsx.error));
      return FALSE;
    }
  closed = workbook_close (xlsx.workbook);
  if (closed != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the workbook %s: %s"),
                   display_path, describe_error (closed));
      return FALSE;
    }
  return TRUE;
}
