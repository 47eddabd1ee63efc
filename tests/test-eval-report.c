/* test-eval-report.c — a period's report as PDF, XLSX and CSV: what the files hold, written safely */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "eval-report-fixture.h"
#include "map-fixture.h"
#include "shequ-eval-report-pdf-private.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

SHEQU_TEST_UNWIND_SLOWLY

/* ---- A report made by hand ------------------------------------------------------ */

/* N_ROWS targets of KIND in N_GROUPS groups (areas or communities), three indicators,
 * three periods of history; the first target's name holds a comma and a quote. */
static ShequEvalReport *
make_report (ShequEvalKind kind,
             guint         n_rows,
             guint         n_groups)
{
  ShequEvalReport *report = shequ_eval_report_new ();
  const char *indicator_names[] = { "党建引领", "为民服务", "平安法治" };

  g_free (report->street);
  report->street = g_strdup ("平邑街道");
  g_free (report->period_label);
  report->period_label = g_strdup ("2026年第三季度");
  report->previous_label = g_strdup ("2026年第二季度");
  g_free (report->set_name);
  report->set_name = g_strdup ("社区考评指标");
  report->set_version = 2;
  report->kind = kind;
  report->period_state = SHEQU_PERIOD_STATE_CLOSED;
  for (guint k = 0; k < G_N_ELEMENTS (indicator_names); k++)
    {
      ShequIndicatorRow *indicator = shequ_indicator_row_new ();

      indicator->code = g_strdup_printf ("I%02u", k + 1);
      indicator->name = g_strdup (indicator_names[k]);
      indicator->category = g_strdup ("");
      indicator->guidance = g_strdup ("");
      indicator->weight = k == 0 ? 40 : 30;
      indicator->max_score = 1000 * (k + 1);
      g_ptr_array_add (report->indicators, indicator);
    }
  report->n_history = 3;
  g_strfreev (report->history_labels);
  report->history_labels = g_new0 (char *, 4);
  for (guint p = 0; p < 3; p++)
    report->history_labels[p] = g_strdup_printf ("2026年第%s季度",
                                                 (const char *[]) { "一", "二", "三" }[p]);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *code = g_strdup_printf ("C%03u", i + 1);
      g_autofree char *name = i == 0 ? g_strdup ("王,\"小\"明") : g_strdup_printf ("目标%u号", i + 1);
      ShequEvalReportRow *row = shequ_eval_report_add_row (report, code, name);
      guint group = i % MAX (n_groups, 1);

      row->target_id = i + 1;
      row->position = i;
      row->total = i + 1 == n_rows && n_rows > 2 ? NAN : 96.5 - i * 3.25;
      row->band = shequ_band_for_total (row->total, 85, 70);
      row->rank = isnan (row->total) ? 0 : i + 1;
      row->previous_rank = i == 1 ? 0 : (i % 3 == 0 ? i + 2 : MAX (i, 1));
      row->previous_band = shequ_band_for_total (row->total + 4, 85, 70);
      row->unit_id = 100 + (kind == SHEQU_EVAL_KIND_CADRE ? group : i);
      row->area_id = n_groups > 0 ? 10 + group : 0;
      g_free (row->unit_name);
      row->unit_name = kind == SHEQU_EVAL_KIND_CADRE ? g_strdup_printf ("第%u社区", group + 1)
                                                     : g_strdup (name);
      g_free (row->area_name);
      row->area_name = g_strdup (n_groups > 0 ? area_names[group % 3] : "");
      for (guint k = 0; k < 3; k++)
        row->combined[k] = (k + 1) * 8.5 - i * 0.25;
      for (guint p = 0; p < 3; p++)
        {
          row->history_total[p] = p == 2 ? row->total : row->total + 4 - 2.0 * p;
          row->history_band[p] = shequ_band_for_total (row->history_total[p], 85, 70);
        }
    }
  shequ_eval_report_group_rows (report);
  return report;
}

/* The communities of make_report (KIND_COMMUNITY, N_ROWS, 2) on a map: the street, two
 * areas side by side, and the communities in a row in each. */
static ShequMap *
make_map (guint n_rows)
{
  ShequMap *map = shequ_map_new ();
  g_autoptr(ShequGeoShape) street = map_fixture_new_rectangle (117.60, 35.50, 117.64, 35.54);

  shequ_map_add_unit (map, 1, SHEQU_TIER_STREET, 0, "平邑街道", street);
  for (guint a = 0; a < 2; a++)
    {
      g_autoptr(ShequGeoShape) area = map_fixture_new_rectangle (117.60 + 0.02 * a, 35.50,
                                                                 117.62 + 0.02 * a, 35.54);

      shequ_map_add_unit (map, 10 + a, SHEQU_TIER_AREA, 1, area_names[a], area);
    }
  for (guint i = 0; i < n_rows; i++)
    {
      guint a = i % 2, slot = i / 2, per_area = (n_rows + 1) / 2;
      double west = 117.60 + 0.02 * a, height = 0.04 / per_area;
      g_autoptr(ShequGeoShape) unit = map_fixture_new_rectangle (west, 35.50 + slot * height,
                                                                 west + 0.02,
                                                                 35.50 + (slot + 1) * height);
      g_autofree char *name = g_strdup_printf ("目标%u号", i + 1);

      shequ_map_add_unit (map, 100 + i, SHEQU_TIER_COMMUNITY, 2, name, unit);
    }
  shequ_map_build (map);
  return map;
}

/* ---- Text ------------------------------------------------------------------------ */

static void
test_invalid_text (void)
{
  g_autoptr(ShequEvalReport) report = shequ_eval_report_new ();
  ShequEvalReportRow *row = shequ_eval_report_add_row (report, NULL, "坏\xff名");
  g_autofree char *empty = shequ_eval_report_text (NULL);

  g_assert_cmpstr (row->code, ==, "");
  g_assert_true (g_utf8_validate (row->name, -1, NULL));
  g_assert_true (g_str_has_prefix (row->name, "坏"));
  g_assert_true (g_str_has_suffix (row->name, "名"));
  g_assert_cmpstr (empty, ==, "");
}

/* ---- Format --------------------------------------------------------------------- */

static void
test_format_from_path (void)
{
  static const struct { const char *path; ShequEvalReportFormat format; } good[] = {
    { "report.pdf", SHEQU_EVAL_REPORT_PDF },
    { "/tmp/考评.XLSX", SHEQU_EVAL_REPORT_XLSX },
    { "ranking.Csv", SHEQU_EVAL_REPORT_CSV },
    { "a.b.pdf", SHEQU_EVAL_REPORT_PDF },
  };
  const char *bad[] = { "report.txt", "report.pdf.bak", "report", ".pdf", "report.xls", "" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      ShequEvalReportFormat format = 99;
      g_autoptr(GError) error = NULL;

      g_assert_true (shequ_eval_report_format_from_path (good[i].path, &format, &error));
      g_assert_no_error (error);
      g_assert_cmpint (format, ==, good[i].format);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      ShequEvalReportFormat format = 99;
      g_autoptr(GError) error = NULL;

      g_assert_false (shequ_eval_report_format_from_path (bad[i], &format, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_assert_cmpint (format, ==, 99);
    }
}

/* ---- CSV ------------------------------------------------------------------------ */

static void
test_csv_text (void)
{
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_CADRE, 5, 2);
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  ShequEvalReportRow *row;

  /* A code a spreadsheet would run as a formula. */
  row = g_ptr_array_index (report->rows, 2);
  g_free (row->code);
  row->code = g_strdup ("=HYPERLINK(\"x\")");

  csv = shequ_eval_report_format_csv (report, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv->str, "\xef\xbb\xbf"));
  g_assert_true (g_str_has_suffix (csv->str, "\r\n"));
  /* Every line ends in CRLF: no bare LF. */
  for (gsize i = 0; i < csv->len; i++)
    if (csv->str[i] == '\n')
      g_assert_cmpint (csv->str[i - 1], ==, '\r');

  lines = g_strsplit (csv->str + 3, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 5 + 1);
  g_assert_cmpstr (lines[0], ==, "Rank,Change,Code,Name,Unit,Area,Total,Band");
  /* Rank 1, was 2: up one; the name with a comma and quotes quoted. */
  g_assert_cmpstr (lines[1], ==, "1,+1,C001,\"王,\"\"小\"\"明\",第1社区,东城片区,96.50,Green");
  /* No rank before: no change. */
  g_assert_cmpstr (lines[2], ==, "2,,C002,目标2号,第2社区,西城片区,93.25,Green");
  g_assert_true (g_str_has_prefix (lines[3], "3,-1,\"'=HYPERLINK(\"\"x\"\")\",目标3号,"));
  /* Not graded: no rank, no total, no band. */
  g_assert_cmpstr (lines[5], ==, ",,C005,目标5号,第1社区,东城片区,,");
  g_assert_cmpstr (lines[6], ==, "");
}

/* ---- Writing safely -------------------------------------------------------------- */

static void
test_write_csv_file (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-eval-report-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "排名.csv", NULL);
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_COMMUNITY, 4, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (shequ_eval_report_write_file (report, SHEQU_EVAL_REPORT_CSV, path, NULL,
                                               &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  expected = shequ_eval_report_format_csv (report, NULL, NULL);
  g_assert_cmpmem (contents, length, expected->str, expected->len);
  /* Nothing else: the temporary file was renamed. */
  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_dir (dir);
}

static void
test_write_missing_folder (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-eval-report-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_CADRE, 3, 1);

  for (ShequEvalReportFormat format = SHEQU_EVAL_REPORT_PDF; format <= SHEQU_EVAL_REPORT_CSV;
       format++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (shequ_eval_report_write_file (report, format, path, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, path));
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 0);
  remove_dir (dir);
}

/* A cancelled write fails with CANCELLED, leaves no file (nor a temporary one), and a
 * file that was there as it was. */
static void
test_write_cancelled (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-eval-report-XXXXXX");
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_CADRE, 30, 3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *names[] = { "r.pdf", "r.xlsx", "r.csv" };

  g_cancellable_cancel (cancellable);
  for (ShequEvalReportFormat format = SHEQU_EVAL_REPORT_PDF; format <= SHEQU_EVAL_REPORT_CSV;
       format++)
    {
      g_autofree char *path = g_build_filename (dir, names[format], NULL);
      g_autofree char *kept = g_build_filename (dir, "kept", names[format], NULL);
      g_autofree char *kept_dir = g_path_get_dirname (kept);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) kept_error = NULL;

      g_assert_false (shequ_eval_report_write_file (report, format, path, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

      g_mkdir_with_parents (kept_dir, 0755);
      g_assert_true (g_file_set_contents (kept, "the old report", -1, NULL));
      g_assert_false (shequ_eval_report_write_file (report, format, kept, cancellable,
                                                    &kept_error));
      g_assert_error (kept_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "the old report");
      g_assert_cmpuint (count_files (kept_dir), ==, format + 1);
    }
  /* Only the folder of the kept files. */
  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_dir (dir);
}

/* ---- XLSX ----------------------------------------------------------------------- */

static void
test_xlsx_sheets (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-eval-report-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "report.xlsx", NULL);
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_COMMUNITY, 6, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *strings = NULL;
  g_autofree char *ranking = NULL;
  g_autofree char *indicators = NULL;
  g_autofree char *history = NULL;
  g_autofree char *styles = NULL;

  g_assert_true (shequ_eval_report_write_file (report, SHEQU_EVAL_REPORT_XLSX, path, NULL,
                                               &error));
  g_assert_no_error (error);
  workbook = unzip_part (path, "xl/workbook.xml");
  if (workbook == NULL)
    {
      g_test_skip ("unzip is not installed");
      remove_dir (dir);
      return;
    }
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Ranking\" sheetId=\"1\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Indicators\" sheetId=\"2\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Band history\" sheetId=\"3\""));
  /* Printed with the header row on every page. */
  g_assert_nonnull (strstr (workbook, "_xlnm.Print_Titles"));

  strings = unzip_part (path, "xl/sharedStrings.xml");
  g_assert_nonnull (strstr (strings, "<t>王,\"小\"明</t>"));
  g_assert_nonnull (strstr (strings, "<t>目标5号</t>"));
  g_assert_nonnull (strstr (strings, "党建引领\n(max 10)"));
  g_assert_nonnull (strstr (strings, "<t>2026年第一季度</t>"));

  ranking = unzip_part (path, "xl/worksheets/sheet1.xml");
  /* Frozen header, the totals as numbers, the rank change as a number. */
  g_assert_nonnull (strstr (ranking, "<pane ySplit=\"1\""));
  g_assert_nonnull (strstr (ranking, "<c r=\"H2\""));
  g_assert_nonnull (strstr (ranking, "<v>96.5</v>"));
  g_assert_nonnull (strstr (ranking, "<v>83.5</v>"));
  g_assert_nonnull (strstr (ranking, "<autoFilter ref=\"A1:I7\"/>"));
  /* The ungraded target's total cell is empty: no H7. */
  g_assert_null (strstr (ranking, "r=\"H7\""));

  indicators = unzip_part (path, "xl/worksheets/sheet2.xml");
  /* 8.5 for the first target's first indicator; 3 + 3 indicator + total columns. */
  g_assert_nonnull (strstr (indicators, "<v>8.5</v>"));
  g_assert_nonnull (strstr (indicators, "<c r=\"G2\""));
  history = unzip_part (path, "xl/worksheets/sheet3.xml");
  g_assert_nonnull (strstr (history, "<c r=\"F2\""));

  /* Number format 0.00 and the bands' fills. */
  styles = unzip_part (path, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "formatCode=\"0.00\""));
  g_assert_nonnull (strstr (styles, "FF2E9D5B"));
  g_assert_nonnull (strstr (styles, "FFF39C12"));
  remove_dir (dir);
}

/* What libxlsxwriter refuses (a name longer than a cell holds) is an error naming the
 * file, and leaves no file. */
static void
test_xlsx_error (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-eval-report-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "report.xlsx", NULL);
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_COMMUNITY, 3, 1);
  ShequEvalReportRow *row = g_ptr_array_index (report->rows, 1);
  g_autoptr(GError) error = NULL;

  g_free (row->name);
  row->name = g_strnfill (40000, 'x');
  g_assert_false (shequ_eval_report_write_file (report, SHEQU_EVAL_REPORT_XLSX, path, NULL,
                                                &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "longer than a cell"));
  g_assert_cmpuint (count_files (dir), ==, 0);
  remove_dir (dir);
}

/* ---- PDF ------------------------------------------------------------------------ */

static char *
write_pdf (ShequEvalReport *report,
           const char      *dir,
           const char      *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_eval_report_write_file (report, SHEQU_EVAL_REPORT_PDF, path, NULL,
                                               &error));
  g_assert_no_error (error);
  return path;
}

/* REPORT written to NAME in a new temporary *DIR; NULL (the test skipped) without the
 * tools to read it. */
static char *
write_pdf_in_tmpdir (ShequEvalReport  *report,
                     const char       *name,
                     char            **dir)
{
  if (!have_pdf_tools ())
    return NULL;
  *dir = shequ_test_make_tmpdir ("shequ-test-eval-report-XXXXXX");
  return write_pdf (report, *dir, name);
}

/* A cadre period: cover, summary, one ranking page, a page per community. */
static void
test_pdf_cadre_pages (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_CADRE, 9, 3);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  path = write_pdf_in_tmpdir (report, "cadres.pdf", &dir);
  if (path == NULL)
    return;
  g_assert_cmpuint (report->groups->len, ==, 3);
  g_assert_cmpuint (pdf_page_count (path), ==, 1 + 1 + 1 + 3);
  g_assert_cmpuint (shequ_eval_report_pdf_count_pages (report), ==, 1 + 1 + 1 + 3);
  text = run_tool ("pdftotext", "-layout", path, "-", NULL);
  g_assert_nonnull (strstr (text, "平邑街道"));
  g_assert_nonnull (strstr (text, "目标9号"));
  g_assert_nonnull (strstr (text, "第3社区"));
  g_assert_nonnull (strstr (text, "Page 6 of 6"));
  remove_dir (dir);
}

/* A long ranking goes on over pages with its header repeated, and the count agrees. */
static void
test_pdf_paginates (void)
{
  guint first = shequ_eval_report_pdf_rows_fitting (PDF_RESERVED_RANKING);
  guint more = shequ_eval_report_pdf_rows_fitting (PDF_RESERVED_CONTINUED);
  guint n_rows = first + more + 3;
  guint group_first = shequ_eval_report_pdf_rows_fitting (PDF_RESERVED_UNIT);
  guint group_pages = 1 + (n_rows - group_first + more - 1) / more;
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_CADRE, n_rows, 1);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  path = write_pdf_in_tmpdir (report, "long.pdf", &dir);
  if (path == NULL)
    return;
  g_assert_cmpuint (first, >, 20);
  /* Cover, summary, three ranking pages, the one community's pages. */
  g_assert_cmpuint (pdf_page_count (path), ==, 1 + 1 + 3 + group_pages);
  g_assert_cmpuint (shequ_eval_report_pdf_count_pages (report), ==, 1 + 1 + 3 + group_pages);
  text = run_tool ("pdftotext", "-f", "5", "-l", "5", path, "-", NULL);
  g_assert_nonnull (strstr (text, "Ranking (continued)"));
  g_assert_nonnull (strstr (text, "Rank"));
  remove_dir (dir);
}

/* A period nobody is graded in still has its cover, summary and (empty) ranking. */
static void
test_pdf_empty (void)
{
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_COMMUNITY, 0, 0);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  path = write_pdf_in_tmpdir (report, "empty.pdf", &dir);
  if (path == NULL)
    return;
  g_assert_cmpuint (pdf_page_count (path), ==, 3);
  g_assert_cmpuint (shequ_eval_report_pdf_count_pages (report), ==, 3);
  remove_dir (dir);
}

/* Whether the LENGTH bytes of DATA (which may hold NULs) hold NEEDLE. */
static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* A community period: a page per area with its band map and trend. */
static void
test_pdf_community_pages (void)
{
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_COMMUNITY, 8, 2);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  report->map = make_map (8);
  path = write_pdf_in_tmpdir (report, "communities.pdf", &dir);
  if (path == NULL)
    return;
  g_assert_cmpuint (pdf_page_count (path), ==, 1 + 1 + 1 + 2);
  text = run_tool ("pdftotext", "-f", "4", "-l", "4", path, "-", NULL);
  g_assert_nonnull (strstr (text, "东城片区"));
  g_assert_nonnull (strstr (text, "Management area · 4 communities"));
  g_assert_nonnull (strstr (text, "目标7号"));
  /* The outline (bookmarks): the summary, the ranking, and the areas under one entry. */
  {
    g_autofree char *bytes = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
    g_assert_true (bytes_contain (bytes, length, "/Title (Ranking)"));
    g_assert_true (bytes_contain (bytes, length, "/Title (Management areas)"));
  }
  remove_dir (dir);
}

/* Under the Chinese UI: the sheets, the CSV's header and the PDF's text in Chinese. For
 * the program's last test (it switches the process's language). */
static void
test_chinese (void)
{
  g_autoptr(ShequEvalReport) report = make_report (SHEQU_EVAL_KIND_CADRE, 6, 2);
  g_autofree char *dir = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_pdf_tools () || !shequ_test_use_chinese ())
    return;
  dir = shequ_test_make_tmpdir ("shequ-test-eval-report-XXXXXX");
  xlsx = g_build_filename (dir, "考评.xlsx", NULL);
  g_assert_true (shequ_eval_report_write_file (report, SHEQU_EVAL_REPORT_XLSX, xlsx, NULL,
                                               &error));
  g_assert_no_error (error);
  workbook = unzip_part (xlsx, "xl/workbook.xml");
  g_assert_nonnull (strstr (workbook, "<sheet name=\"排名\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"指标\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"等次历史\""));

  csv = shequ_eval_report_format_csv (report, NULL, NULL);
  g_assert_true (g_str_has_prefix (csv->str, "\xef\xbb\xbf排名,升降,编码,名称,所在单位,所属片区,总分,等次\r\n"));
  g_assert_nonnull (strstr (csv->str, ",96.50,绿\r\n"));

  pdf = write_pdf (report, dir, "考评.pdf");
  text = run_tool ("pdftotext", pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "社区干部绿橙红动态考评"));
  g_assert_nonnull (strstr (text, "等次概况"));
  g_assert_nonnull (strstr (text, "第 5 页，共 5 页"));
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval-report/format-from-path", test_format_from_path);
  g_test_add_func ("/eval-report/invalid-text", test_invalid_text);
  g_test_add_func ("/eval-report/csv/text", test_csv_text);
  g_test_add_func ("/eval-report/write/csv-file", test_write_csv_file);
  g_test_add_func ("/eval-report/write/missing-folder", test_write_missing_folder);
  g_test_add_func ("/eval-report/write/cancelled", test_write_cancelled);
  g_test_add_func ("/eval-report/xlsx/sheets", test_xlsx_sheets);
  g_test_add_func ("/eval-report/pdf/cadre-pages", test_pdf_cadre_pages);
  g_test_add_func ("/eval-report/pdf/paginates", test_pdf_paginates);
  g_test_add_func ("/eval-report/pdf/empty", test_pdf_empty);
  g_test_add_func ("/eval-report/xlsx/error", test_xlsx_error);
  g_test_add_func ("/eval-report/pdf/community-pages", test_pdf_community_pages);
  g_test_add_func ("/eval-report/zh_CN/files", test_chinese);
  return g_test_run ();
}
