/* test-eval-import.c — scores from CSV: good files, every bad line listed, nothing written */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-eval-import.h"
#include "shequ-test-eval.h"
#include "shequ-test-util.h"

#define HEADER "period,assessor,target,I01,I02,comment:I01,comment:I02\n"
#define PERIOD "2026年第三季度"
#define T1 "371326001001"
#define T2 "371326001002"
#define T3 "371326001003"

typedef struct {
  ShequTestDir  dir;
  ShequTestEval eval;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  shequ_test_dir_init (&f->dir, "shequ-test-eval-import-XXXXXX", "eval.db");
  shequ_test_eval_init (&f->eval, f->dir.db);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  shequ_test_eval_clear (&f->eval);
  shequ_test_dir_clear (&f->dir);
}

static ShequEvalImport *
read_text (Fixture    *f,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  ShequEvalImport *import = shequ_eval_import_read_data (f->eval.store, text, strlen (text),
                                                         "scores.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static void
assert_no_problems (ShequEvalImport *import)
{
  g_autofree char *text = shequ_eval_import_format_problems (import);

  g_assert_cmpstr (text, ==, "");
  g_assert_cmpuint (shequ_eval_import_get_problems (import)->len, ==, 0);
}

static void
apply_ok (ShequEvalImport *import,
          guint            n_expected)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  assert_no_problems (import);
  g_assert_true (shequ_eval_import_apply (import, "测试员", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_expected);
}

static ShequScore
score (Fixture *f,
       guint    assessor,
       guint    target,
       guint    indicator)
{
  ShequScore value = SHEQU_SCORE_NONE;

  shequ_eval_store_get_score (f->eval.store, f->eval.assessor[assessor], f->eval.target[target],
                              f->eval.indicator[indicator], &value, NULL);
  return value;
}

/* Every cell of the period, for comparing before and after. */
static GArray *
snapshot (Fixture *f)
{
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (ShequScore));

  for (guint a = 0; a < 2; a++)
    for (guint t = 0; t < 3; t++)
      for (guint i = 0; i < 2; i++)
        {
          ShequScore value = score (f, a, t, i);

          g_array_append_val (cells, value);
        }
  return cells;
}

/* ------------------------------------------------------------------------------------ */

static void
test_good (Fixture *f, gconstpointer data)
{
  g_autofree char *period_id = g_strdup_printf ("%" G_GINT64_FORMAT, f->eval.period_id);
  g_autofree char *text = g_strconcat (
    HEADER,
    PERIOD ",KH01," T1 ",9,18,,\n",
    PERIOD ",KH01," T2 ",7.5,15,,\n",
    PERIOD ",KH01," T3 ",5,10,台账缺失,整改未完成\n",
    /* the period by id, the assessor by name, the indicators by code */
    period_id, ",李考核," T1 ",８．５,20,,\n",
    ",,,,,,\n",   /* what spreadsheets leave behind */
    NULL);
  g_autoptr(ShequEvalImport) import = read_text (f, text);
  g_autoptr(ShequEvalImport) again = NULL;
  guint before = shequ_test_eval_count_audit (&f->eval);
  const char *comment = NULL;
  ShequScore value = 0;

  g_assert_cmpuint (shequ_eval_import_get_n_edits (import), ==, 8);
  apply_ok (import, 8);

  g_assert_cmpint (score (f, 0, 0, 0), ==, 900);
  g_assert_cmpint (score (f, 0, 0, 1), ==, 1800);
  g_assert_cmpint (score (f, 0, 1, 0), ==, 750);
  g_assert_cmpint (score (f, 0, 1, 1), ==, 1500);
  g_assert_cmpint (score (f, 0, 2, 0), ==, 500);
  g_assert_cmpint (score (f, 0, 2, 1), ==, 1000);
  g_assert_cmpint (score (f, 1, 0, 0), ==, 850);
  g_assert_cmpint (score (f, 1, 0, 1), ==, 2000);
  g_assert_cmpint (score (f, 1, 1, 0), ==, SHEQU_SCORE_NONE);
  g_assert_true (shequ_eval_store_get_score (f->eval.store, f->eval.assessor[0],
                                             f->eval.target[2], f->eval.indicator[1], &value,
                                             &comment));
  g_assert_cmpstr (comment, ==, "整改未完成");
  /* Each score is in the log. */
  g_assert_cmpuint (shequ_test_eval_count_audit (&f->eval), >=, before + 8);

  /* The same file again changes nothing. */
  again = read_text (f, text);
  assert_no_problems (again);
  g_assert_cmpuint (shequ_eval_import_get_n_edits (again), ==, 0);
}

static void
test_clear_and_keep (Fixture *f, gconstpointer data)
{
  g_autoptr(ShequEvalImport) first = read_text (f, HEADER PERIOD ",KH01," T1 ",9,18,,\n");
  g_autoptr(ShequEvalImport) second = NULL;

  apply_ok (first, 2);
  /* "-" clears a cell; an empty one leaves it as it is. */
  second = read_text (f, HEADER PERIOD ",KH01," T1 ",-,,,\n");
  apply_ok (second, 1);
  g_assert_cmpint (score (f, 0, 0, 0), ==, SHEQU_SCORE_NONE);
  g_assert_cmpint (score (f, 0, 0, 1), ==, 1800);
}

static void
test_from_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = shequ_test_write_file (f->dir.dir, "scores.csv",
                                                 HEADER PERIOD ",KH02," T2 ",6,12,,\n");
  g_autofree char *missing = g_build_filename (f->dir.dir, "missing.csv", NULL);
  g_autoptr(ShequEvalImport) import = NULL;
  g_autoptr(ShequEvalImport) none = NULL;
  g_autoptr(GError) error = NULL;

  import = shequ_eval_import_read (f->eval.store, path, &error);
  g_assert_no_error (error);
  apply_ok (import, 2);
  g_assert_cmpint (score (f, 1, 1, 0), ==, 600);

  none = shequ_eval_import_read (f->eval.store, missing, &error);
  g_assert_null (none);
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "missing.csv"));
}

/* ------------------------------------------------------------------------------------ */
/* Bad lines                                                                            */

typedef enum {
  SETUP_NONE,
  SETUP_SUBMITTED,   /* KH01's sheet filled and submitted */
  SETUP_CLOSED,      /* both sheets submitted: the period is closed */
} Setup;

typedef struct {
  const char *path;
  Setup       setup;
  const char *header;  /* NULL: HEADER */
  const char *good;    /* the second line; NULL: one that fits HEADER */
  const char *bad;     /* the third line */
  guint       line;
  guint       column;
  const char *needle;
} BadCase;

#define GOOD PERIOD ",KH02," T1 ",9,18,,\n"

static const BadCase bad_cases[] = {
  { "unknown-target", SETUP_NONE, NULL, NULL, PERIOD ",KH01,371326009999,9,18,,\n", 3, 3,
    "371326009999" },
  { "excel-target", SETUP_NONE, NULL, NULL, PERIOD ",KH01,3.71326E+11,9,18,,\n", 3, 3, "text" },
  { "unknown-indicator", SETUP_NONE, "period,assessor,target,I01,I02,I09\n",
    PERIOD ",KH02," T1 ",9,18,\n", PERIOD ",KH01," T2 ",9,18,7\n", 1, 6, "I09" },
  { "unknown-period", SETUP_NONE, NULL, NULL, "2027年第一季度,KH01," T2 ",9,18,,\n", 3, 1,
    "2027年第一季度" },
  { "unknown-assessor", SETUP_NONE, NULL, NULL, PERIOD ",KH09," T2 ",9,18,,\n", 3, 2, "KH09" },
  { "not-a-number", SETUP_NONE, NULL, NULL, PERIOD ",KH01," T2 ",abc,18,,\n", 3, 4, "abc" },
  { "negative", SETUP_NONE, NULL, NULL, PERIOD ",KH01," T2 ",-1,18,,\n", 3, 4, "-1" },
  { "above-max", SETUP_NONE, NULL, NULL, PERIOD ",KH01," T2 ",9,25,,\n", 3, 5, "25" },
  { "three-decimals", SETUP_NONE, NULL, NULL, PERIOD ",KH01," T2 ",8.125,18,,\n", 3, 4,
    "8.125" },
  { "missing-comment", SETUP_NONE, NULL, NULL, PERIOD ",KH01," T2 ",3,18,,\n", 3, 6,
    "comment" },
  { "missing-comment-column", SETUP_NONE, "period,assessor,target,I01,I02\n",
    PERIOD ",KH02," T1 ",9,18\n", PERIOD ",KH01," T2 ",9,2\n", 3, 5, "comment:I02" },
  { "submitted-sheet", SETUP_SUBMITTED, NULL, NULL, PERIOD ",KH01," T2 ",9,18,,\n", 3, 2,
    "张考核" },
  { "closed-period", SETUP_CLOSED, NULL, NULL, PERIOD ",KH02," T2 ",9,18,,\n", 3, 1, PERIOD },
  { "duplicate", SETUP_NONE, NULL, NULL, PERIOD ",KH02," T1 ",8,16,,\n", 3, 3, "line 2" },
  { "too-many-fields", SETUP_NONE, NULL, NULL, PERIOD ",KH01," T2 ",9,18,,,7\n", 3, 0, "8" },
  { "too-few-fields", SETUP_NONE, NULL, NULL, PERIOD ",KH01," T2 ",9\n", 3, 0, "4" },
  { "no-target", SETUP_NONE, NULL, NULL, PERIOD ",KH01,,9,18,,\n", 3, 3, NULL },
};

static void
test_bad_line (Fixture *f, gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(ShequEvalImport) import = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *place = NULL;
  GPtrArray *problems;
  gboolean found = FALSE;
  guint n_audit;

  if (c->setup == SETUP_SUBMITTED)
    {
      shequ_test_eval_fill_sheet (&f->eval, 0);
      g_assert_true (shequ_eval_store_submit (f->eval.store, f->eval.assessor[0], NULL, &error));
      g_assert_no_error (error);
    }
  else if (c->setup == SETUP_CLOSED)
    shequ_test_eval_close_period (&f->eval);
  before = snapshot (f);
  n_audit = shequ_test_eval_count_audit (&f->eval);

  text = g_strconcat (c->header != NULL ? c->header : HEADER, c->good != NULL ? c->good : GOOD,
                      c->bad, NULL);
  import = read_text (f, text);
  problems = shequ_eval_import_get_problems (import);
  g_assert_cmpuint (problems->len, >, 0);
  for (guint i = 0; i < problems->len; i++)
    {
      const ShequIoProblem *problem = g_ptr_array_index (problems, i);

      if (problem->line == c->line && problem->column == c->column &&
          (c->needle == NULL || strstr (problem->message, c->needle) != NULL))
        found = TRUE;
    }
  listed = shequ_eval_import_format_problems (import);
  if (!found)
    g_error ("%s: no problem at line %u, column %u with “%s” in:\n%s", c->path, c->line,
             c->column, c->needle, listed);
  place = c->column > 0 ? g_strdup_printf ("scores.csv:%u:%u: ", c->line, c->column)
                        : g_strdup_printf ("scores.csv:%u: ", c->line);
  g_assert_nonnull (strstr (listed, place));

  g_assert_false (shequ_eval_import_apply (import, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "scores.csv"));

  /* Not even the good line was written, and the log holds nothing new. */
  after = snapshot (f);
  g_assert_cmpmem (before->data, before->len * sizeof (ShequScore),
                   after->data, after->len * sizeof (ShequScore));
  g_assert_cmpuint (shequ_test_eval_count_audit (&f->eval), ==, n_audit);
}

static void
test_every_line_listed (Fixture *f, gconstpointer data)
{
  g_autoptr(ShequEvalImport) import = read_text (f, HEADER
                                                 PERIOD ",KH01," T1 ",abc,18,,\n"
                                                 PERIOD ",KH01," T2 ",9,99,,\n"
                                                 PERIOD ",KH01," T3 ",9,18,,\n"
                                                 PERIOD ",KH07,371326000000,9,18,,\n");
  GPtrArray *problems = shequ_eval_import_get_problems (import);
  g_autofree char *listed = shequ_eval_import_format_problems (import);
  const guint lines[] = { 2, 3, 5, 5 };
  const guint columns[] = { 4, 5, 2, 3 };

  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < problems->len; i++)
    {
      const ShequIoProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->line, ==, lines[i]);
      g_assert_cmpuint (problem->column, ==, columns[i]);
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
    }
  g_assert_true (g_str_has_prefix (listed, "scores.csv:2:4: "));
  g_assert_nonnull (strstr (listed, "\nscores.csv:5:3: "));
}

/* ------------------------------------------------------------------------------------ */
/* Encodings and separators                                                             */

static void
test_bom (Fixture *f, gconstpointer data)
{
  g_autoptr(ShequEvalImport) import = read_text (f, "\xEF\xBB\xBF" HEADER
                                                 PERIOD ",张考核," T1 ",9,18,,\n");

  apply_ok (import, 2);
  g_assert_cmpint (score (f, 0, 0, 0), ==, 900);
}

static void
test_gb18030 (Fixture *f, gconstpointer data)
{
  const char *utf8 = "考核期,考核员,考评对象,党建引领,为民服务,说明:党建引领\r\n"
                     PERIOD ",李考核," T3 ",4.5,19.5,材料不全\r\n";
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *gbk = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_autoptr(ShequEvalImport) import = NULL;
  const char *comment = NULL;
  ShequScore value = 0;

  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gbk, length, NULL));
  import = shequ_eval_import_read_data (f->eval.store, gbk, length, "wps.csv", &error);
  g_assert_no_error (error);
  apply_ok (import, 2);
  g_assert_true (shequ_eval_store_get_score (f->eval.store, f->eval.assessor[1],
                                             f->eval.target[2], f->eval.indicator[0], &value,
                                             &comment));
  g_assert_cmpint (value, ==, 450);
  g_assert_cmpstr (comment, ==, "材料不全");
  g_assert_cmpint (score (f, 1, 2, 1), ==, 1950);
}

static void
test_semicolon (Fixture *f, gconstpointer data)
{
  /* What Excel writes where the decimal mark is a comma. */
  g_autoptr(ShequEvalImport) import = read_text (f, "period;assessor;target;I01;I02;comment:I01\n"
                                                 PERIOD ";KH01;" T1 ";8,5;17,25;\n"
                                                 PERIOD ";KH01;" T3 ";2;18;\"迟报, 未整改\"\n");
  const char *comment = NULL;
  ShequScore value = 0;

  apply_ok (import, 4);
  g_assert_cmpint (score (f, 0, 0, 0), ==, 850);
  g_assert_cmpint (score (f, 0, 0, 1), ==, 1725);
  g_assert_true (shequ_eval_store_get_score (f->eval.store, f->eval.assessor[0],
                                             f->eval.target[2], f->eval.indicator[0], &value,
                                             &comment));
  g_assert_cmpint (value, ==, 200);
  g_assert_cmpstr (comment, ==, "迟报, 未整改");
}

static void
test_tab (Fixture *f, gconstpointer data)
{
  g_autoptr(ShequEvalImport) import = read_text (f, "period\tassessor\ttarget\tname\tI01\tI02\n"
                                                 PERIOD "\tKH02\t" T2 "\t大南泉村\t7\t14\n");

  apply_ok (import, 2);
  g_assert_cmpint (score (f, 1, 1, 0), ==, 700);
  g_assert_cmpint (score (f, 1, 1, 1), ==, 1400);
}

/* ------------------------------------------------------------------------------------ */
/* Files that are not such a table                                                      */

static void
assert_read_fails (Fixture    *f,
                   const char *text,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequEvalImport) import =
    shequ_eval_import_read_data (f->eval.store, text, strlen (text), "scores.csv", &error);

  g_assert_null (import);
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "scores.csv"));
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
}

static void
test_not_a_table (Fixture *f, gconstpointer data)
{
  assert_read_fails (f, "", "empty");
  assert_read_fails (f, "period,assessor,I01\n" PERIOD ",KH01,9\n", "target");
  assert_read_fails (f, "period,assessor,target,target\n", "twice");
  assert_read_fails (f, HEADER PERIOD ",KH01," T1 ",9,18,\"never closed,\n", "Line 2");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/eval-import/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("good", test_good);
  ADD ("clear-and-keep", test_clear_and_keep);
  ADD ("from-file", test_from_file);
  ADD ("every-line-listed", test_every_line_listed);
  ADD ("bom", test_bom);
  ADD ("gb18030", test_gb18030);
  ADD ("semicolon", test_semicolon);
  ADD ("tab", test_tab);
  ADD ("not-a-table", test_not_a_table);
#undef ADD
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/eval-import/bad/%s", bad_cases[i].path);

      g_test_add (path, Fixture, &bad_cases[i], fixture_setup, test_bad_line, fixture_teardown);
    }
  return g_test_run ();
}
