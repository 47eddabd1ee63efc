/* test-eval-report-store.c — the report of a period scored in the evaluation store */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "eval-report-fixture.h"
#include "map-fixture.h"
#include "shequ-eval-report-pdf-private.h"
#include "shequ-eval-sample.h"
#include "shequ-map-store.h"
#include "shequ-place.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

SHEQU_TEST_UNWIND_SLOWLY

/* ---- A report of a store's period -------------------------------------------- */

/* A street of two areas with three communities each, two assessors, and two closed
 * quarters scored so that every band and every move shows. */
typedef struct {
  char           *dir;
  ShequOrgStore  *org;
  ShequEvalStore *eval;
  ShequMap       *map;
  gint64          periods[2];
} StoreFixture;

static const char *const community_names[] = {
  "东关社区", "南关社区", "北关社区", "西关社区", "新华社区", "和平,幸福社区",
};

/* Each target's share of every indicator's maximum, per quarter: totals are these × 100. */
static const double score_shares[2][6] = {
  { 0.93, 0.86, 0.89, 0.72, 0.75, 0.55 },
  { 0.95, 0.90, 0.84, 0.78, 0.66, 0.60 },
};

static gint64
save_community_set (ShequEvalStore *eval)
{
  g_autoptr(ShequEvalSetDef) def = shequ_eval_set_def_new_default (SHEQU_EVAL_KIND_COMMUNITY,
                                                                   "社区考评指标");
  const char *names[] = { "党建引领", "为民服务", "平安法治" };
  g_autoptr(GError) error = NULL;
  gint64 set_id = 0;

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      ShequIndicatorRow *indicator = shequ_indicator_row_new ();

      indicator->position = k;
      indicator->code = g_strdup_printf ("I%02u", k + 1);
      indicator->category = g_strdup (names[k]);
      indicator->name = g_strdup (names[k]);
      indicator->guidance = g_strdup ("");
      indicator->weight = k == 0 ? 40 : 30;
      indicator->max_score = 1000 * (k + 1);
      g_ptr_array_add (def->indicators, indicator);
    }
  g_assert_true (shequ_eval_store_save_set (eval, def, NULL, &set_id, &error));
  g_assert_no_error (error);
  return set_id;
}

/* Opens quarter Q, has every assessor score every target, and submits their sheets. */
static gint64
score_quarter (ShequEvalStore *eval,
               gint64          set_id,
               guint           q)
{
  GPtrArray *targets = shequ_eval_store_get_targets (eval, SHEQU_EVAL_KIND_COMMUNITY);
  GPtrArray *people = shequ_eval_store_list_assessor_people (eval);
  const ShequEvalSetDef *def = NULL;
  g_autoptr(GArray) target_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (ShequScoreEdit));
  g_autoptr(GArray) assessors = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup_printf ("2026年第%s季度", q == 0 ? "一" : "二");
  gint64 period_id = 0;

  g_assert_true (shequ_eval_store_open_period (eval, set_id, SHEQU_PERIOD_KIND_QUARTER, label,
                                               q == 0 ? "2026-01-01" : "2026-04-01",
                                               q == 0 ? "2026-03-31" : "2026-06-30", NULL,
                                               &period_id, &error));
  g_assert_no_error (error);
  def = shequ_eval_store_lookup_set (eval,
                                     shequ_eval_store_lookup_period (eval, period_id)->set_id);
  g_assert_cmpuint (targets->len, ==, G_N_ELEMENTS (community_names));
  for (guint t = 0; t < targets->len; t++)
    g_array_append_val (target_ids, ((ShequEvalTargetRow *) g_ptr_array_index (targets, t))->id);
  for (guint a = 0; a < people->len; a++)
    {
      gint64 assessor_id = 0;

      g_assert_true (shequ_eval_store_assign (eval, period_id,
                                              shequ_person_get_id (g_ptr_array_index (people, a)),
                                              (gint64 *) (void *) target_ids->data,
                                              target_ids->len, NULL, &assessor_id, &error));
      g_assert_no_error (error);
      g_array_append_val (assessors, assessor_id);
      for (guint t = 0; t < targets->len; t++)
        for (guint k = 0; k < def->indicators->len; k++)
          {
            const ShequIndicatorRow *indicator = g_ptr_array_index (def->indicators, k);
            ShequScoreEdit edit = {
              assessor_id, g_array_index (target_ids, gint64, t), indicator->id,
              (ShequScore) lround (score_shares[q][t] * indicator->max_score), "抽查发现问题",
            };

            g_array_append_val (edits, edit);
          }
    }
  g_assert_true (shequ_eval_store_set_scores (eval, (ShequScoreEdit *) (void *) edits->data,
                                              edits->len, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint a = 0; a < assessors->len; a++)
    {
      g_assert_true (shequ_eval_store_submit (eval, g_array_index (assessors, gint64, a), NULL,
                                              &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (shequ_eval_store_lookup_period (eval, period_id)->state, ==,
                   SHEQU_PERIOD_STATE_CLOSED);
  return period_id;
}

static void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequGeoShape) street_shape = map_fixture_new_rectangle (117.60, 35.50, 117.66, 35.53);
  ShequUnit *street;
  gint64 set_id;

  fixture->dir = shequ_test_make_tmpdir ("shequ-test-eval-report-XXXXXX");
  db = g_build_filename (fixture->dir, "eval.db", NULL);
  fixture->org = shequ_test_open_store (db, SHEQU_DATABASE_FLAGS_CREATE
                                            | SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  street = shequ_test_add_street (fixture->org);
  fixture->map = shequ_map_new ();
  shequ_map_add_unit (fixture->map, shequ_unit_get_id (street), SHEQU_TIER_STREET, 0,
                      "平邑街道", street_shape);
  for (guint a = 0; a < 2; a++)
    {
      ShequUnit *area = shequ_test_add_unit (fixture->org, street, SHEQU_TIER_AREA,
                                             area_names[a], 0, 0);
      g_autoptr(ShequGeoShape) shape = map_fixture_new_rectangle (117.60 + 0.03 * a, 35.50,
                                                                  117.63 + 0.03 * a, 35.53);

      shequ_map_add_unit (fixture->map, shequ_unit_get_id (area), SHEQU_TIER_AREA, 1,
                          area_names[a], shape);
      for (guint c = 0; c < 3; c++)
        {
          const char *name = community_names[3 * a + c];
          ShequUnit *unit = shequ_test_add_unit (fixture->org, area, SHEQU_TIER_COMMUNITY, name,
                                                 0, 0);
          g_autoptr(ShequGeoShape) cell = map_fixture_new_rectangle (117.60 + 0.03 * a,
                                                                     35.50 + 0.01 * c,
                                                                     117.63 + 0.03 * a,
                                                                     35.51 + 0.01 * c);

          shequ_map_add_unit (fixture->map, shequ_unit_get_id (unit), SHEQU_TIER_COMMUNITY, 2,
                              name, cell);
        }
    }
  shequ_map_build (fixture->map);
  shequ_test_add_posts (fixture->org, street, SHEQU_ROLE_ASSESSOR, 2);

  fixture->eval = shequ_eval_store_new (fixture->org, &error);
  g_assert_no_error (error);
  set_id = save_community_set (fixture->eval);
  fixture->periods[0] = score_quarter (fixture->eval, set_id, 0);
  fixture->periods[1] = score_quarter (fixture->eval, set_id, 1);
}

static void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_clear_object (&fixture->eval);
  g_clear_object (&fixture->org);
  g_clear_object (&fixture->map);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_store_report (StoreFixture          *fixture,
                    ShequEvalReportFormat  format,
                    const char            *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_eval_report_write (fixture->eval, fixture->map, fixture->periods[1],
                                          format, path, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_store_csv (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_store_report (fixture, SHEQU_EVAL_REPORT_CSV, "排名.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "Rank,"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 6 + 1);
  /* First both quarters; 南关社区 rose from third to second, 北关社区 fell. */
  g_assert_true (g_str_has_prefix (lines[1], "1,0,"));
  g_assert_true (g_str_has_suffix (lines[1], ",东关社区,东关社区,东城片区,95.00,Green"));
  g_assert_true (g_str_has_prefix (lines[2], "2,+1,"));
  g_assert_true (g_str_has_suffix (lines[2], ",南关社区,南关社区,东城片区,90.00,Green"));
  g_assert_true (g_str_has_prefix (lines[3], "3,-1,"));
  g_assert_true (g_str_has_suffix (lines[3], ",84.00,Orange"));
  g_assert_true (g_str_has_suffix (lines[6], ",\"和平,幸福社区\",\"和平,幸福社区\",西城片区,60.00,Red"));
}

static void
test_store_xlsx (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = write_store_report (fixture, SHEQU_EVAL_REPORT_XLSX, "考评.xlsx");
  g_autofree char *workbook = unzip_part (path, "xl/workbook.xml");
  g_autofree char *strings = unzip_part (path, "xl/sharedStrings.xml");
  g_autofree char *ranking = unzip_part (path, "xl/worksheets/sheet1.xml");
  g_autofree char *history = unzip_part (path, "xl/worksheets/sheet3.xml");

  g_assert_nonnull (strstr (workbook, "<sheet name=\"Ranking\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Indicators\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Band history\""));
  for (guint i = 0; i < G_N_ELEMENTS (community_names); i++)
    g_assert_nonnull (strstr (strings, community_names[i]));
  g_assert_nonnull (strstr (strings, "<t>2026年第一季度</t>"));
  g_assert_nonnull (strstr (strings, "<t>2026年第二季度</t>"));
  g_assert_nonnull (strstr (ranking, "<v>95</v>"));
  g_assert_nonnull (strstr (ranking, "<v>60</v>"));
  /* Two quarters of history: the bands in D and E. */
  g_assert_nonnull (strstr (history, "<c r=\"D7\""));
  g_assert_nonnull (strstr (history, "<c r=\"E7\""));
  g_assert_null (strstr (history, "<c r=\"F2\""));
}

static void
test_store_pdf (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!have_pdf_tools ())
    return;
  path = write_store_report (fixture, SHEQU_EVAL_REPORT_PDF, "考评.pdf");
  /* Cover, summary, ranking, the two areas. */
  g_assert_cmpuint (pdf_page_count (path), ==, 5);
  text = run_tool ("pdftotext", path, "-", NULL);
  g_assert_nonnull (strstr (text, "平邑街道"));
  g_assert_nonnull (strstr (text, "2026年第二季度"));
  g_assert_nonnull (strstr (text, "东关社区"));
  g_assert_nonnull (strstr (text, "西城片区"));
  g_assert_nonnull (strstr (text, "社区考评指标 (version 1)"));
  /* The areas' means as the summary rolls them up: (95 + 90 + 84) / 3. */
  g_assert_nonnull (strstr (text, "Mean 89.67"));
  g_assert_nonnull (strstr (text, "Mean 68.00"));
}

static void
test_store_unknown_period (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "r.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (shequ_eval_report_write (fixture->eval, NULL, 9999, SHEQU_EVAL_REPORT_CSV,
                                           path, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "9999"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* What the plan of a cadre period's blocks keeps to: every piece on its page; a block
 * split only when longer than a page, its rows in order; a block that begins a page
 * did not fit on the one before; the page count follows the plan. */
static guint
check_block_plan (const ShequEvalReport *report)
{
  g_autoptr(GArray) pieces = pdf_plan_blocks (report);
  guint whole_page = pdf_block_rows_at (PDF_CONTENT_TOP);
  double end = 0;

  g_assert_cmpuint (pieces->len, >=, report->groups->len);
  for (guint i = 0; i < pieces->len; i++)
    {
      const PdfPiece *piece = &g_array_index (pieces, PdfPiece, i);
      const PdfPiece *before = i > 0 ? &g_array_index (pieces, PdfPiece, i - 1) : NULL;
      const ShequEvalReportGroup *group = g_ptr_array_index (report->groups, piece->group);
      double height = PDF_BLOCK_HEADING + PDF_TABLE_HEAD + piece->n_rows * PDF_ROW_HEIGHT;

      g_assert_cmpfloat (piece->y + height, <=, PDF_CONTENT_BOTTOM);
      g_assert_cmpfloat (piece->y, >=, PDF_CONTENT_TOP);
      if (piece->continued)
        {
          g_assert_cmpuint (group->rows->len, >, whole_page);
          g_assert_cmpuint (before->group, ==, piece->group);
          g_assert_cmpuint (piece->first, ==, before->first + before->n_rows);
          g_assert_cmpuint (piece->page, ==, before->page + 1);
        }
      else
        {
          g_assert_cmpuint (piece->first, ==, 0);
          g_assert_cmpuint (piece->group, ==, before ? before->group + 1 : 0);
          if (before != NULL && piece->page != before->page)
            {
              g_assert_cmpuint (piece->page, ==, before->page + 1);
              g_assert_cmpfloat (piece->y, ==, PDF_CONTENT_TOP);
              /* It did not fit where it would have started. */
              g_assert_cmpfloat (end + PDF_BLOCK_GAP + PDF_BLOCK_HEADING + PDF_TABLE_HEAD +
                                 group->rows->len * PDF_ROW_HEIGHT, >, PDF_CONTENT_BOTTOM);
            }
          else if (before != NULL)
            g_assert_cmpfloat (piece->y, ==, end + PDF_BLOCK_GAP);
        }
      if (piece->first + piece->n_rows == group->rows->len && !piece->continued)
        g_assert_cmpuint (piece->n_rows, ==, group->rows->len);
      end = piece->y + height;
    }
  return g_array_index (pieces, PdfPiece, pieces->len - 1).page + 1;
}

/* The sample street's newest closed period of each kind, as a PDF: as many pages as
 * counted (cover, summary, ranking pages, a page or more per area, the communities'
 * blocks of cadres packed, on far fewer pages than there are communities), the
 * targets' names in it; and as a workbook and CSV with a row per target. */
static void
test_sample_street (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-eval-report-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "sample.db", NULL);
  g_autoptr(ShequOrgStore) org = shequ_test_open_sample_store (db, NULL);
  g_autoptr(ShequEvalStore) eval = NULL;
  g_autoptr(ShequMap) map = shequ_map_new_for_store (org);
  g_autoptr(GError) error = NULL;
  gint64 newest[SHEQU_EVAL_N_KINDS] = { 0 };
  GPtrArray *periods;

  if (!have_pdf_tools ())
    {
      remove_dir (dir);
      return;
    }
  eval = shequ_eval_store_new (org, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_eval_sample_populate (eval, &error));
  g_assert_no_error (error);
  periods = shequ_eval_store_get_periods (eval);
  for (guint i = 0; i < periods->len; i++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);

      if (period->state == SHEQU_PERIOD_STATE_CLOSED)
        newest[shequ_eval_store_lookup_set (eval, period->set_id)->set->kind] = period->id;
    }

  for (ShequEvalKind kind = 0; kind < SHEQU_EVAL_N_KINDS; kind++)
    {
      g_autoptr(ShequEvalReport) report = shequ_eval_report_collect (eval, map, newest[kind],
                                                                     &error);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", dir, shequ_eval_kind_to_key (kind));
      g_autofree char *csv = g_strdup_printf ("%s/%s.csv", dir, shequ_eval_kind_to_key (kind));
      g_autofree char *text = NULL;
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      const ShequEvalReportRow *last;
      gint64 start = g_get_monotonic_time ();

      g_assert_no_error (error);
      g_assert_cmpuint (report->rows->len, >, 0);
      g_assert_cmpuint (report->groups->len, >, 0);
      g_assert_true (shequ_eval_report_write (eval, map, newest[kind], SHEQU_EVAL_REPORT_PDF, pdf,
                                              NULL, &error));
      g_assert_no_error (error);
      g_test_message ("%s: %u targets, %u pages in %.0f ms", shequ_eval_kind_to_key (kind),
                      report->rows->len, shequ_eval_report_pdf_count_pages (report),
                      (g_get_monotonic_time () - start) / 1000.0);
      g_assert_cmpuint (pdf_page_count (pdf), ==, shequ_eval_report_pdf_count_pages (report));
      if (kind == SHEQU_EVAL_KIND_COMMUNITY)
        g_assert_cmpuint (pdf_page_count (pdf), >=, 3 + report->groups->len);
      else
        {
          guint blocks = check_block_plan (report);

          g_test_message ("cadre: %u communities on %u pages", report->groups->len, blocks);
          g_assert_cmpuint (pdf_page_count (pdf), ==,
                            1 + pdf_table_pages (PDF_RESERVED_SUMMARY, report->groups->len) +
                            pdf_table_pages (PDF_RESERVED_RANKING, report->rows->len) + blocks);
          g_assert_cmpuint (blocks, <, report->groups->len / 3);
        }
      text = run_tool ("pdftotext", pdf, "-", NULL);
      last = g_ptr_array_index (report->rows, report->rows->len - 1);
      g_assert_nonnull (strstr (text, last->name));
      /* The band maps show no place layers, so their legends list none. */
      for (guint k = 0; k < SHEQU_N_PLACE_KINDS; k++)
        g_assert_null (strstr (text, shequ_place_kind_get_label (k)));
      /* The trend's axis names quarters as the periods' own names do. */
      if (kind == SHEQU_EVAL_KIND_COMMUNITY)
        g_assert_nonnull (strstr (text, "Q1 2026"));

      g_assert_true (shequ_eval_report_write (eval, map, newest[kind], SHEQU_EVAL_REPORT_CSV, csv,
                                              NULL, &error));
      g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
      lines = g_strsplit (contents, "\r\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, 1 + report->rows->len + 1);
    }
  remove_dir (dir);
}

/* The PDF under the Chinese UI (the last test: it switches the process's language). */
static void
test_store_pdf_chinese (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!have_pdf_tools () || !shequ_test_use_chinese ())
    return;
  path = write_store_report (fixture, SHEQU_EVAL_REPORT_PDF, "考评.pdf");
  text = run_tool ("pdftotext", path, "-", NULL);
  g_assert_nonnull (strstr (text, "社区绿橙红动态考评"));
  g_assert_nonnull (strstr (text, "社区考评指标（第 1 版）"));
  g_assert_nonnull (strstr (text, "片区 · 3 个社区"));
  g_assert_nonnull (strstr (text, "第 5 页，共 5 页"));
  /* The trend's axis names the quarters as the periods are named ("2026年第一季度"), never
   * "2026年第1季度". */
  g_assert_null (strstr (text, "第1季度"));
  g_assert_null (strstr (text, "第2季度"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/eval-report-store/csv", StoreFixture, NULL, store_fixture_set_up,
              test_store_csv, store_fixture_tear_down);
  g_test_add ("/eval-report-store/xlsx", StoreFixture, NULL, store_fixture_set_up,
              test_store_xlsx, store_fixture_tear_down);
  g_test_add ("/eval-report-store/pdf", StoreFixture, NULL, store_fixture_set_up,
              test_store_pdf, store_fixture_tear_down);
  g_test_add ("/eval-report-store/unknown-period", StoreFixture, NULL, store_fixture_set_up,
              test_store_unknown_period, store_fixture_tear_down);
  g_test_add_func ("/eval-report-store/sample-street", test_sample_street);
  g_test_add ("/eval-report-store/zh_CN/pdf", StoreFixture, NULL, store_fixture_set_up,
              test_store_pdf_chinese, store_fixture_tear_down);
  return g_test_run ();
}
