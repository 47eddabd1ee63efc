/* shequ-eval-report.c — a period's report: its format, its data, and the file written safely */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "shequ-eval-report-private.h"

/* Every format is written to a temporary file beside the one asked for, flushed to the
 * disk, and renamed over it: a failure or a cancel at any point leaves no half file,
 * and a file that was there stays as it was. */

gboolean
shequ_eval_report_format_from_path (const char             *path,
                                    ShequEvalReportFormat  *format,
                                    GError                **error)
{
  static const struct { const char *extension; ShequEvalReportFormat format; } formats[] = {
    { ".pdf", SHEQU_EVAL_REPORT_PDF },
    { ".xlsx", SHEQU_EVAL_REPORT_XLSX },
    { ".csv", SHEQU_EVAL_REPORT_CSV },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension)
        && strlen (lower) > strlen (formats[i].extension))
      {
        *format = formats[i].format;
        return TRUE;
      }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Cannot tell what kind of report %s should be: "
                 "use a name ending in .pdf, .xlsx or .csv"), path);
  return FALSE;
}

/* ---- The report's data ---------------------------------------------------------- */

static void
report_row_free (gpointer data)
{
  ShequEvalReportRow *row = data;

  g_free (row->code);
  g_free (row->name);
  g_free (row->unit_name);
  g_free (row->area_name);
  g_free (row->combined);
  g_free (row->history_total);
  g_free (row->history_band);
  g_free (row);
}

static void
report_group_free (gpointer data)
{
  ShequEvalReportGroup *group = data;

  g_free (group->name);
  g_array_unref (group->rows);
  g_free (group);
}

char *
shequ_eval_report_text (const char *text)
{
  /* A damaged database may hold bytes that are not UTF-8: Pango and the workbook's XML
   * would choke on them. */
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

ShequEvalReport *
shequ_eval_report_new (void)
{
  ShequEvalReport *report = g_new0 (ShequEvalReport, 1);

  report->street = g_strdup ("");
  report->period_label = g_strdup ("");
  report->starts = g_strdup ("");
  report->ends = g_strdup ("");
  report->set_name = g_strdup ("");
  report->set_version = 1;
  report->green_min = 85;
  report->orange_min = 70;
  report->date = g_date_time_new_now_local ();
  report->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_indicator_row_free);
  report->rows = g_ptr_array_new_with_free_func (report_row_free);
  report->groups = g_ptr_array_new_with_free_func (report_group_free);
  report->history_labels = g_new0 (char *, 1);
  return report;
}

void
shequ_eval_report_free (ShequEvalReport *report)
{
  if (report == NULL)
    return;
  g_free (report->street);
  g_free (report->title);
  g_free (report->period_label);
  g_free (report->previous_label);
  g_free (report->starts);
  g_free (report->ends);
  g_free (report->set_name);
  g_date_time_unref (report->date);
  g_ptr_array_unref (report->indicators);
  g_ptr_array_unref (report->rows);
  g_ptr_array_unref (report->groups);
  g_strfreev (report->history_labels);
  g_strfreev (report->history_axis);
  g_clear_object (&report->map);
  g_clear_object (&report->org);
  g_clear_object (&report->measure);
  g_free (report);
}

ShequEvalReportRow *
shequ_eval_report_add_row (ShequEvalReport *report,
                           const char      *code,
                           const char      *name)
{
  ShequEvalReportRow *row = g_new0 (ShequEvalReportRow, 1);

  row->code = shequ_eval_report_text (code);
  row->name = shequ_eval_report_text (name);
  row->unit_name = g_strdup ("");
  row->area_name = g_strdup ("");
  row->total = NAN;
  row->band = SHEQU_BAND_NONE;
  row->previous_band = SHEQU_BAND_NONE;
  row->combined = g_new (double, MAX (report->indicators->len, 1));
  for (guint i = 0; i < report->indicators->len; i++)
    row->combined[i] = NAN;
  row->history_total = g_new (double, MAX (report->n_history, 1));
  row->history_band = g_new0 (ShequBand, MAX (report->n_history, 1));
  for (guint i = 0; i < report->n_history; i++)
    row->history_total[i] = NAN;
  g_ptr_array_add (report->rows, row);
  return row;
}

static ShequEvalReportGroup *
find_group (ShequEvalReport *report,
            gint64           unit_id,
            const char      *name)
{
  ShequEvalReportGroup *group;

  for (guint i = 0; i < report->groups->len; i++)
    {
      group = g_ptr_array_index (report->groups, i);
      if (group->unit_id == unit_id)
        return group;
    }
  group = g_new0 (ShequEvalReportGroup, 1);
  group->unit_id = unit_id;
  group->name = g_strdup (name);
  group->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  group->mean_total = NAN;
  group->position = G_MAXUINT;
  g_ptr_array_add (report->groups, group);
  return group;
}

static int
compare_group_positions (gconstpointer a,
                         gconstpointer b)
{
  const ShequEvalReportGroup *group_a = *(ShequEvalReportGroup *const *) a;
  const ShequEvalReportGroup *group_b = *(ShequEvalReportGroup *const *) b;

  return (group_a->position > group_b->position) - (group_a->position < group_b->position);
}

void
shequ_eval_report_group_rows (ShequEvalReport *report)
{
  g_return_if_fail (report != NULL);

  g_ptr_array_set_size (report->groups, 0);
  memset (report->n_band, 0, sizeof report->n_band);
  for (guint i = 0; i < report->rows->len; i++)
    {
      ShequEvalReportRow *row = g_ptr_array_index (report->rows, i);
      gboolean by_area = report->kind == SHEQU_EVAL_KIND_COMMUNITY;
      ShequEvalReportGroup *group;

      report->n_band[row->band]++;
      /* A community outside every management area has no area page. */
      if (by_area && row->area_id == 0)
        continue;
      group = find_group (report, by_area ? row->area_id : row->unit_id,
                          by_area ? row->area_name : row->unit_name);
      g_array_append_val (group->rows, i);
      group->position = MIN (group->position, row->position);
      group->n_band[row->band]++;
      if (!isnan (row->total))
        {
          group->mean_total = group->n_graded == 0 ? row->total
                              : group->mean_total + row->total;
          group->n_graded++;
        }
    }
  g_ptr_array_sort (report->groups, compare_group_positions);
  for (guint i = 0; i < report->groups->len; i++)
    {
      ShequEvalReportGroup *group = g_ptr_array_index (report->groups, i);

      if (group->n_graded > 0)
        group->mean_total = shequ_eval_round_total (group->mean_total / group->n_graded);
      group->band = shequ_band_for_total (group->mean_total, report->green_min,
                                          report->orange_min);
    }
}

const char *
shequ_eval_report_get_unit_heading (const ShequEvalReport *report)
{
  /* A community's own unit is itself: its column says which area it is in. */
  return report->kind == SHEQU_EVAL_KIND_COMMUNITY ? _("Area") : _("Community");
}

char *
shequ_eval_report_format_change (const ShequEvalReportRow *row)
{
  int change;

  if (row->rank == 0 || row->previous_rank == 0)
    return g_strdup ("");
  change = (int) row->previous_rank - (int) row->rank;
  if (change > 0)
    return g_strdup_printf ("+%d", change);
  if (change < 0)
    return g_strdup_printf ("-%d", -change);
  return g_strdup ("0");
}

/* ---- Writing -------------------------------------------------------------------- */

static void
set_file_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write the report to %s: %s"), path, g_strerror (saved_errno));
}

static gboolean
write_csv (const ShequEvalReport *report,
           const char            *tmp_path,
           const char            *path,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(GString) text = shequ_eval_report_format_csv (report, cancellable, error);
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    return FALSE;
  if (!g_file_set_contents_full (tmp_path, text->str, text->len, G_FILE_SET_CONTENTS_NONE,
                                 0644, &local_error))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                   _("Cannot write the report to %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Flushes what a library wrote to TMP_PATH to the disk before the rename makes it the
 * file, so a crash cannot leave an empty file under the name. */
static gboolean
sync_file (const char  *tmp_path,
           const char  *path,
           GError     **error)
{
  int fd = g_open (tmp_path, O_RDONLY | O_CLOEXEC, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    return g_close (fd, NULL);
  saved = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  set_file_error (error, saved, path);
  return FALSE;
}

gboolean
shequ_eval_report_write_file (const ShequEvalReport  *report,
                              ShequEvalReportFormat   format,
                              const char             *path,
                              GCancellable           *cancellable,
                              GError                **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  gboolean ok;
  int fd;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_file_error (error, errno, path);
      return FALSE;
    }
  g_close (fd, NULL);

  switch (format)
    {
    case SHEQU_EVAL_REPORT_PDF:
      ok = shequ_eval_report_write_pdf (report, tmp_path, path, cancellable, error);
      break;
    case SHEQU_EVAL_REPORT_XLSX:
      ok = shequ_eval_report_write_xlsx (report, tmp_path, path, cancellable, error);
      break;
    case SHEQU_EVAL_REPORT_CSV:
    default:
      ok = write_csv (report, tmp_path, path, cancellable, error);
      break;
    }
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
  ok = ok && sync_file (tmp_path, path, error);
  if (ok && g_rename (tmp_path, path) != 0)
    {
      set_file_error (error, errno, path);
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp_path);
  return ok;
}

gboolean
shequ_eval_report_write (ShequEvalStore         *store,
                         ShequMap               *map,
                         gint64                  period_id,
                         ShequEvalReportFormat   format,
                         const char             *path,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autoptr(ShequEvalReport) report = NULL;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), FALSE);
  g_return_val_if_fail (map == NULL || SHEQU_IS_MAP (map), FALSE);
  g_return_val_if_fail (format <= SHEQU_EVAL_REPORT_CSV, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report = shequ_eval_report_collect (store, map, period_id, error);
  if (report == NULL)
    return FALSE;
  return shequ_eval_report_write_file (report, format, path, cancellable, error);
}
