/* test-cli-eval.c — runs the built shequ-cli eval and bench eval on a small evaluation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "shequ-test-eval.h"
#include "shequ-test-util.h"

#define PERIOD "2026年第三季度"

typedef struct {
  ShequTestDir dir;
  gint64       period_id;
  gint64       first_period_id;
} Fixture;

/* The small evaluation of shequ-test-eval.h with every cell of the period filled (totals
 * 90, 72, 50), closed again so that the CLI is the only program on the file. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ShequTestEval eval;

  shequ_test_dir_init (&f->dir, "shequ-test-cli-eval-XXXXXX", "eval.db");
  shequ_test_eval_init (&eval, f->dir.db);
  f->first_period_id = f->period_id = eval.period_id;
  if (GPOINTER_TO_INT (data))
    {
      /* Two closed periods with the third target red in both: an interview flag. */
      shequ_test_eval_close_period (&eval);
      f->period_id = shequ_test_eval_open_period (&eval, "2026年第四季度", "2026-10-01",
                                                  "2026-12-31");
      shequ_test_eval_close_period (&eval);
    }
  else
    {
      shequ_test_eval_fill_sheet (&eval, 0);
      shequ_test_eval_fill_sheet (&eval, 1);
    }
  shequ_test_eval_clear (&eval);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  shequ_test_dir_clear (&f->dir);
}

static JsonNode *
run_json (const char *first,
          ...) G_GNUC_NULL_TERMINATED;

/* Runs shequ-cli with the arguments, expecting success and JSON on stdout. */
static JsonNode *
run_json (const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cli = shequ_test_cli_path ();
  g_auto(ShequTestResult) result = { 0 };
  va_list args;

  g_ptr_array_add (argv, cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  result = shequ_test_run_argv ((const char * const *) argv->pdata);
  shequ_test_assert_cli_success (&result);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* ------------------------------------------------------------------------------------ */

/* The terminal columns TEXT's first LENGTH bytes take (two for a CJK character). */
static guint
columns_of (const char *text,
            gsize       length)
{
  guint width = 0;

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* In the table LINES, CELL on the second line starts in HEADER's column of the first. */
static void
assert_column_at (char       **lines,
                  const char  *header,
                  const char  *cell)
{
  const char *in_header = strstr (lines[0], header);
  const char *in_row = strstr (lines[1], cell);

  g_assert_nonnull (in_header);
  g_assert_nonnull (in_row);
  g_assert_cmpuint (columns_of (lines[0], in_header - lines[0]), ==,
                    columns_of (lines[1], in_row - lines[1]));
}

static void
test_periods (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = run_json ("eval", "periods", "--db", f->dir.db, "--json", NULL);
  g_auto(ShequTestResult) text = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonArray *periods;
  JsonObject *period, *set;

  periods = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (periods), ==, 1);
  period = json_array_get_object_element (periods, 0);
  g_assert_cmpint (json_object_get_int_member (period, "id"), ==, f->period_id);
  g_assert_cmpstr (json_object_get_string_member (period, "label"), ==, PERIOD);
  g_assert_cmpstr (json_object_get_string_member (period, "kind"), ==, "quarter");
  g_assert_cmpstr (json_object_get_string_member (period, "state"), ==, "scoring");
  g_assert_cmpint (json_object_get_int_member (period, "assessors"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (period, "submitted"), ==, 0);
  set = json_object_get_object_member (period, "set");
  g_assert_cmpstr (json_object_get_string_member (set, "name"), ==, "社区考评");
  g_assert_cmpint (json_object_get_int_member (set, "version"), ==, 1);

  text = shequ_test_run_cli ("eval", "periods", "--db", f->dir.db, NULL);
  shequ_test_assert_cli_success (&text);
  /* A header row, then the period, its columns where the header's are. */
  lines = g_strsplit (text.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "ID  "));
  g_assert_nonnull (strstr (lines[0], "Indicator set"));
  g_assert_nonnull (strstr (lines[1], PERIOD));
  g_assert_nonnull (strstr (lines[1], "社区考评 v1"));
  g_assert_true (g_str_has_suffix (lines[1], "  0/2"));
  assert_column_at (lines, "Period", PERIOD);
  assert_column_at (lines, "Submitted", "0/2");
}

static void
test_rank (Fixture *f, gconstpointer data)
{
  g_autofree char *id = id_text (f->period_id);
  g_autoptr(JsonNode) root = run_json ("eval", "rank", "--db", f->dir.db, "--period", id,
                                       "--json", NULL);
  g_autoptr(JsonNode) limited = NULL;
  g_auto(ShequTestResult) text = { 0 };
  const char *codes[] = { "371326001001", "371326001002", "371326001003" };
  const char *bands[] = { "green", "orange", "red" };
  const double totals[] = { 90, 72, 50 };
  JsonArray *ranking;

  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_node_get_object (root), "period"), "id"), ==, f->period_id);
  ranking = json_object_get_array_member (json_node_get_object (root), "ranking");
  g_assert_cmpuint (json_array_get_length (ranking), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *line = json_array_get_object_element (ranking, i);

      g_assert_cmpint (json_object_get_int_member (line, "rank"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (line, "code"), ==, codes[i]);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (line, "total"), totals[i],
                                      0.001);
      g_assert_cmpstr (json_object_get_string_member (line, "band"), ==, bands[i]);
      g_assert_true (json_object_has_member (line, "name"));
      /* No period before this one. */
      g_assert_true (json_object_get_null_member (line, "previous_rank"));
      g_assert_cmpstr (json_object_get_string_member (line, "move"), ==, "new");
    }

  /* By label too, and --limit. */
  limited = run_json ("eval", "rank", "--db", f->dir.db, "--period", PERIOD, "--limit", "1",
                      "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (limited), "ranking")), ==, 1);

  text = shequ_test_run_cli ("eval", "rank", "--db", f->dir.db, "--period", id, NULL);
  shequ_test_assert_cli_success (&text);
  g_assert_nonnull (strstr (text.out, "371326001001  振兴社区  90.00"));
}

static void
test_rank_against_previous (Fixture *f, gconstpointer data)
{
  g_autofree char *id = id_text (f->period_id);
  g_autoptr(JsonNode) root = run_json ("eval", "rank", "--db", f->dir.db, "--period", id,
                                       "--json", NULL);
  JsonArray *ranking = json_object_get_array_member (json_node_get_object (root), "ranking");

  for (guint i = 0; i < 3; i++)
    {
      JsonObject *line = json_array_get_object_element (ranking, i);

      g_assert_cmpint (json_object_get_int_member (line, "previous_rank"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (line, "move"), ==, "same");
    }
}

static void
test_rank_bad_period (Fixture *f, gconstpointer data)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("eval", "rank", "--db", f->dir.db,
                                                       "--period", "4242", NULL);
  g_auto(ShequTestResult) label = shequ_test_run_cli ("eval", "rank", "--db", f->dir.db,
                                                      "--period", "2031年", NULL);
  g_auto(ShequTestResult) none = shequ_test_run_cli ("eval", "rank", "--db", f->dir.db, NULL);
  g_autofree char *missing = g_build_filename (f->dir.dir, "missing.db", NULL);
  g_auto(ShequTestResult) nodb = shequ_test_run_cli ("eval", "rank", "--db", missing,
                                                     "--period", "1", NULL);

  shequ_test_assert_cli_failure (&result, "4242");
  g_assert_cmpstr (result.out, ==, "");
  shequ_test_assert_cli_failure (&label, "2031年");
  shequ_test_assert_cli_failure (&none, "--period");
  shequ_test_assert_cli_failure (&nodb, "missing.db");
}

static void
test_flags (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = run_json ("eval", "flags", "--db", f->dir.db, "--json", NULL);
  g_auto(ShequTestResult) text = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonArray *flags = json_node_get_array (root);
  JsonObject *flag;

  /* Red twice in a row: 宗圣社区 is to be interviewed. */
  g_assert_cmpuint (json_array_get_length (flags), >=, 1);
  flag = json_array_get_object_element (flags, 0);
  g_assert_cmpstr (json_object_get_string_member (flag, "target"), ==, "371326001003");
  g_assert_cmpstr (json_object_get_string_member (flag, "action"), ==, "interview");
  g_assert_cmpstr (json_object_get_string_member (flag, "state"), ==, "open");
  g_assert_cmpint (json_object_get_int_member (flag, "period_id"), ==, f->period_id);

  text = shequ_test_run_cli ("eval", "flags", "--db", f->dir.db, NULL);
  shequ_test_assert_cli_success (&text);
  lines = g_strsplit (text.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "ID  "));
  g_assert_nonnull (strstr (lines[1], "宗圣社区"));
  assert_column_at (lines, "Code", "371326001003");
  assert_column_at (lines, "Action", shequ_flag_action_get_label (SHEQU_FLAG_ACTION_INTERVIEW));
}

/* ------------------------------------------------------------------------------------ */

static JsonNode *
rank_json (Fixture *f)
{
  g_autofree char *id = id_text (f->period_id);

  return run_json ("eval", "rank", "--db", f->dir.db, "--period", id, "--json", NULL);
}

static gint64
audit_entries (Fixture *f)
{
  g_autoptr(JsonNode) root = run_json ("audit", "verify", "--db", f->dir.db, "--json", NULL);

  return json_object_get_int_member (json_node_get_object (root), "entries");
}

static void
test_import_bad_file (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = shequ_test_write_file (f->dir.dir, "bad.csv",
                                                "period,assessor,target,I01,I02\n"
                                                PERIOD ",KH01,371326001001,10,20\n"
                                                PERIOD ",KH01,371326001002,abc,20\n"
                                                PERIOD ",KH01,371326009999,10,20\n");
  g_autoptr(JsonNode) before = rank_json (f);
  g_autoptr(JsonNode) after = NULL;
  g_auto(ShequTestResult) result = { 0 };
  g_auto(ShequTestResult) json = { 0 };
  gint64 entries = audit_entries (f);

  result = shequ_test_run_cli ("eval", "import-scores", "--db", f->dir.db, bad, NULL);
  shequ_test_assert_cli_failure (&result, "bad.csv:3:4: ");
  g_assert_nonnull (strstr (result.err, "bad.csv:4:3: "));
  g_assert_nonnull (strstr (result.err, "371326009999"));
  /* Said once. */
  g_assert_nonnull (strstr (result.err, "nothing was written"));
  g_assert_null (strstr (strstr (result.err, "othing was written") + 1, "othing was written"));
  g_assert_cmpstr (result.out, ==, "");

  json = shequ_test_run_cli ("eval", "import-scores", "--db", f->dir.db, "--json", bad, NULL);
  g_assert_cmpint (json.status, !=, 0);
  g_assert_nonnull (strstr (json.out, "\"line\" : 3"));

  /* Not even the good line was written. */
  after = rank_json (f);
  g_assert_true (json_node_equal (before, after));
  g_assert_cmpint (audit_entries (f), ==, entries);
}

static void
test_import_good_file (Fixture *f, gconstpointer data)
{
  g_autofree char *good = shequ_test_write_file (f->dir.dir, "good.csv",
                                                 "period,assessor,target,I01,I02\n"
                                                 PERIOD ",KH01,371326001002,10,20\n"
                                                 PERIOD ",KH02,371326001002,10,20\n");
  g_auto(ShequTestResult) dry = { 0 };
  g_auto(ShequTestResult) result = { 0 };
  g_autoptr(JsonNode) before = rank_json (f);
  g_autoptr(JsonNode) between = NULL;
  g_autoptr(JsonNode) after = NULL;
  JsonObject *first;

  dry = shequ_test_run_cli ("eval", "import-scores", "--db", f->dir.db, "--dry-run", good, NULL);
  shequ_test_assert_cli_success (&dry);
  g_assert_nonnull (strstr (dry.out, "4 scores would change"));
  between = rank_json (f);
  g_assert_true (json_node_equal (before, between));

  result = shequ_test_run_cli ("eval", "import-scores", "--db", f->dir.db, good, NULL);
  shequ_test_assert_cli_success (&result);
  g_assert_cmpstr (result.out, ==, "Imported 4 scores.\n");
  /* 大南泉村 now has full marks from both: first. */
  after = rank_json (f);
  first = json_array_get_object_element (json_object_get_array_member (
                                           json_node_get_object (after), "ranking"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "371326001002");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "total"), 100, 0.001);
}

/* The log the scores wrote is chained: changing an entry is found and named. */
static void
test_audit_tampered (Fixture *f, gconstpointer data)
{
  g_auto(ShequTestResult) result = { 0 };
  g_autofree char *message = NULL;
  sqlite3 *db = NULL;
  gint64 entries = audit_entries (f);

  g_assert_cmpint (entries, >=, 12);
  g_assert_cmpint (sqlite3_open (f->dir.db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET new_value = '10' WHERE seq = 5",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  result = shequ_test_run_cli ("audit", "verify", "--db", f->dir.db, NULL);
  g_assert_cmpint (result.status, !=, 0);
  shequ_test_assert_cli_failure (&result, "Audit entry 5 ");
}

static void
test_report_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *id = id_text (f->period_id);
  g_autofree char *csv = g_build_filename (f->dir.dir, "report.csv", NULL);
  g_auto(ShequTestResult) period = shequ_test_run_cli ("eval", "report", "--db", f->dir.db,
                                                       "--period", "4242", "--out", csv, NULL);
  g_auto(ShequTestResult) usage = shequ_test_run_cli ("eval", "report", "--db", f->dir.db,
                                                      "--period", id, NULL);

  shequ_test_assert_cli_failure (&period, "4242");
  shequ_test_assert_cli_failure (&usage, "--out");
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
}

/* Cairo 1.16 leaks a buffer when it finishes a PDF that embeds a font subset; only the
 * slow unwinder's stacks reach the cairo_surface_finish that tests/lsan.supp names (see
 * SHEQU_TEST_UNWIND_SLOWLY), so the CLI that writes the PDF is run with it. Nothing
 * changes without the sanitizers. */
static void
unwind_cli_slowly (void)
{
  const char *options = g_getenv ("ASAN_OPTIONS");
  g_autofree char *slowly = g_strconcat (options != NULL ? options : "",
                                         options != NULL && options[0] != '\0' ? ":" : "",
                                         "fast_unwind_on_malloc=0", NULL);

  g_setenv ("ASAN_OPTIONS", slowly, TRUE);
}

/* Each kind of report: a file of that kind, and nothing when the name has no kind. */
static void
test_report_files (Fixture *f, gconstpointer data)
{
  const char *exts[] = { "csv", "xlsx", "pdf" };
  const char *magic[] = { "\xEF\xBB\xBF", "PK\x03\x04", "%PDF-" };
  g_autofree char *id = id_text (f->period_id);
  g_autofree char *doc = g_build_filename (f->dir.dir, "report.doc", NULL);
  g_auto(ShequTestResult) format = shequ_test_run_cli ("eval", "report", "--db", f->dir.db,
                                                       "--period", id, "--out", doc, NULL);

  shequ_test_assert_cli_failure (&format, "report.doc");
  g_assert_false (g_file_test (doc, G_FILE_TEST_EXISTS));

  unwind_cli_slowly ();
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strdup_printf ("report.%s", exts[i]);
      g_autofree char *path = g_build_filename (f->dir.dir, name, NULL);
      g_auto(ShequTestResult) result = shequ_test_run_cli ("eval", "report", "--db", f->dir.db,
                                                           "--period", PERIOD, "--out", path,
                                                           NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      shequ_test_assert_cli_success (&result);
      g_assert_nonnull (strstr (result.out, name));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, strlen (magic[i]));
      g_assert_cmpmem (contents, strlen (magic[i]), magic[i], strlen (magic[i]));
      if (i == 0)
        {
          /* The ranking, best first. */
          const char *first = strstr (contents, "371326001001");
          const char *last = strstr (contents, "371326001003");

          g_assert_nonnull (first);
          g_assert_nonnull (last);
          g_assert_true (first < last);
        }
    }
}

static void
test_bench_eval (void)
{
  g_autoptr(JsonNode) root = run_json ("bench", "eval", "--targets", "50", "--indicators", "5",
                                       "--assessors", "3", "--cells", "10", "--runs", "2",
                                       "--json", NULL);
  const char *figures[] = { "recompute_ms", "commit_cell_ms", "verify_s", "build_s" };
  JsonObject *object = json_node_get_object (root);

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      JsonNode *node = json_object_get_member (object, figures[i]);

      g_assert_nonnull (node);
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
      g_assert_cmpfloat (json_node_get_double (node), >=, 0);
    }
  g_assert_cmpint (json_object_get_int_member (object, "targets"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (object, "audit_entries"), >=, 50 * 5 * 3);
  /* Three closed periods before the timed one (the default): the flag pass has a
   * history to fire on. */
  g_assert_cmpint (json_object_get_int_member (object, "history_periods"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "flags_fired"), >, 0);
}

/* A total that a double cannot hold exactly is written with two decimals. */
static void
test_rank_rounded (Fixture *f, gconstpointer data)
{
  g_autofree char *scores = shequ_test_write_file (f->dir.dir, "scores.csv",
                                                   "period,assessor,target,I01,I02\n"
                                                   PERIOD ",KH01,371326001002,9.5,20\n"
                                                   PERIOD ",KH02,371326001002,9.8,20\n");
  g_auto(ShequTestResult) imported = shequ_test_run_cli ("eval", "import-scores", "--db",
                                                         f->dir.db, scores, NULL);
  g_auto(ShequTestResult) json = { 0 };
  g_autoptr(GRegex) total = g_regex_new ("\"total\" : ([^,\n]*)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  shequ_test_assert_cli_success (&imported);
  json = shequ_test_run_cli ("eval", "rank", "--db", f->dir.db, "--period", PERIOD, "--json",
                             NULL);
  shequ_test_assert_cli_success (&json);
  for (g_regex_match (total, json.out, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *value = g_match_info_fetch (match, 1);

      g_assert_true (g_regex_match_simple ("^-?[0-9]+\\.[0-9][0-9]$", value, 0, 0));
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
  /* 60 × 9.65 / 10 + 40 × 20 / 20 */
  g_assert_nonnull (strstr (json.out, "\"total\" : 97.90"));
}

static void
test_help (void)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("eval", "--help", NULL);

  shequ_test_assert_cli_success (&result);
  g_assert_nonnull (strstr (result.out, "import-scores"));
  g_assert_nonnull (strstr (result.out, "Print a period's ranking."));
}

static void
test_usage (void)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("eval", "frobnicate", NULL);

  shequ_test_assert_cli_failure (&result, "eval periods");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, closed, func) \
  g_test_add ("/cli-eval/" path, Fixture, GINT_TO_POINTER (closed), fixture_setup, func, \
              fixture_teardown)
  ADD ("periods", FALSE, test_periods);
  ADD ("rank", FALSE, test_rank);
  ADD ("rank/against-previous", TRUE, test_rank_against_previous);
  ADD ("rank/bad-period", FALSE, test_rank_bad_period);
  ADD ("rank/rounded", FALSE, test_rank_rounded);
  ADD ("flags", TRUE, test_flags);
  ADD ("import/bad-file", FALSE, test_import_bad_file);
  ADD ("import/good-file", FALSE, test_import_good_file);
  ADD ("audit/tampered", FALSE, test_audit_tampered);
  ADD ("report/errors", FALSE, test_report_errors);
  ADD ("report/files", FALSE, test_report_files);
#undef ADD
  g_test_add_func ("/cli-eval/bench", test_bench_eval);
  g_test_add_func ("/cli-eval/help", test_help);
  g_test_add_func ("/cli-eval/usage", test_usage);
  return g_test_run ();
}
