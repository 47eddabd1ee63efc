/* test-sample-table.c — the reader of the sample street's data files: rows, fields, errors */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "shequ-io.h"
#include "shequ-sample-table.h"
#include "shequ-test-util.h"

static char *dir;

/* DIR/NAME holding TEXT, opened. */
static ShequSampleTable *
open_text (const char *name,
           const char *text)
{
  g_autofree char *path = shequ_test_write_file (dir, name, text);
  g_autoptr(GError) error = NULL;
  ShequSampleTable *table = shequ_sample_table_open (dir, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* ERROR is INVALID and its message ends "NAME, line LINE: WHY". */
static void
assert_says (const GError *error,
             const char   *name,
             guint         line,
             const char   *why)
{
  g_autofree char *expected = g_strdup_printf ("%s, line %u: %s", name, line, why);

  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  if (!g_str_has_suffix (error->message, expected) ||
      !g_str_has_prefix (error->message, dir))
    g_error ("“%s” does not say “%s” of a file in %s", error->message, expected, dir);
}

static void
test_rows (void)
{
  g_autoptr(ShequSampleTable) table =
    open_text ("rows.csv", "code,name\n001,东阳社区\n\n\"002\",\"西,阳\"\n");
  g_autofree char *path = g_build_filename (dir, "rows.csv", NULL);
  const ShequCsvRow *row = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (shequ_sample_table_get_path (table), ==, path);
  g_assert_true (shequ_sample_table_check_header (table, "code,name", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_sample_table_get_n_rows (table), ==, 2);
  g_assert_cmpstr (shequ_sample_table_get_header (table)->fields[1], ==, "name");

  g_assert_true (shequ_sample_table_next (table, &row, &error));
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpstr (shequ_sample_table_get_text (table, 1), ==, "东阳社区");
  /* The blank line is skipped; the line numbers are the file's. */
  g_assert_true (shequ_sample_table_next (table, &row, &error));
  g_assert_cmpuint (row->line, ==, 4);
  g_assert_cmpstr (shequ_sample_table_get_text (table, 0), ==, "002");
  g_assert_cmpstr (shequ_sample_table_get_text (table, 1), ==, "西,阳");
  g_assert_false (shequ_sample_table_next (table, &row, &error));
  g_assert_null (row);
  g_assert_no_error (error);
}

/* A row of the wrong width is refused, naming its line; the reader can go on past it. */
static void
test_bad_width (void)
{
  g_autoptr(ShequSampleTable) table = open_text ("width.csv", "a,b\n1,2,3\n4\n5,6\n");
  const ShequCsvRow *row = NULL;
  g_autoptr(GError) error = NULL;
  guint n_good = 0, n_bad = 0;

  while (shequ_sample_table_next (table, &row, &error) || row != NULL)
    {
      if (error == NULL)
        {
          g_assert_cmpstr (shequ_sample_table_get_text (table, 1), ==, "6");
          n_good++;
          continue;
        }
      assert_says (error, "width.csv", row->line,
                   n_bad == 0 ? "2 fields expected, 3 found." : "2 fields expected, 1 found.");
      n_bad++;
      g_clear_error (&error);
    }
  g_assert_cmpuint (n_good, ==, 1);
  g_assert_cmpuint (n_bad, ==, 2);
}

static void
test_header (void)
{
  g_autoptr(ShequSampleTable) table = open_text ("header.csv", "kind,name,low\nx,y,1\n");
  g_autoptr(ShequSampleTable) empty = open_text ("empty.csv", "");
  g_autoptr(GError) error = NULL;
  const ShequCsvRow *row = NULL;

  g_assert_false (shequ_sample_table_check_header (table, "kind,name", &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT);
  g_assert_true (g_str_has_suffix (error->message,
                                   "header.csv, line 1: the header must be “kind,name”."));
  g_clear_error (&error);

  /* An empty file opens: it has no header and no rows. */
  g_assert_null (shequ_sample_table_get_header (empty));
  g_assert_cmpuint (shequ_sample_table_get_n_rows (empty), ==, 0);
  g_assert_false (shequ_sample_table_next (empty, &row, &error));
  g_assert_null (row);
  g_assert_no_error (error);
  g_assert_false (shequ_sample_table_check_header (empty, "a", &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT);
}

static void
test_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ShequSampleTable *table = shequ_sample_table_open (dir, "missing.csv", &error);

  /* GLib's own error, for the caller to say whose file it is. */
  g_assert_null (table);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  path = shequ_test_write_file (dir, "quote.csv", "a,b\n\"1,2\n");
  table = shequ_sample_table_open (dir, "quote.csv", &error);
  g_assert_null (table);
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "quote.csv"));
  g_clear_error (&error);

  g_clear_pointer (&path, g_free);
  path = shequ_test_write_file (dir, "gbk.csv", "a\n\xb6\xab\n");
  table = shequ_sample_table_open (dir, "gbk.csv", &error);
  g_assert_null (table);
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_ENCODING);
}

static void
test_fields (void)
{
  g_autoptr(ShequSampleTable) table =
    open_text ("fields.csv", "name,amount\n"
                             "东阳,1500.50\n"
                             "西阳,1500.005\n"
                             "北阳,-\n");
  const ShequCsvRow *row = NULL;
  g_autoptr(GError) error = NULL;
  ShequFen fen = 0;

  g_assert_true (shequ_sample_table_next (table, &row, &error));
  g_assert_true (shequ_sample_table_get_fen (table, 1, &fen, &error));
  g_assert_cmpint (fen, ==, 150050);
  g_assert_no_error (error);

  /* A bad field names the file, the line and the column. */
  g_assert_true (shequ_sample_table_next (table, &row, &error));
  g_assert_false (shequ_sample_table_get_fen (table, 1, &fen, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "fields.csv, line 3: “1500.005”"));
  g_assert_true (g_str_has_suffix (error->message, " (column amount)."));
  g_clear_error (&error);

  g_assert_true (shequ_sample_table_next (table, &row, &error));
  g_assert_false (shequ_sample_table_get_fen (table, 1, &fen, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  /* A field refused leaves the value as it was. */
  g_assert_cmpint (fen, ==, 150050);
}

/* The line given: "PATH, line N: why"; none: "PATH: why". */
static void
test_error (void)
{
  g_autoptr(ShequSampleTable) table = open_text ("error.csv", "a\n1\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (shequ_sample_table_error (table, 2, &error, "%u is %s.", 1, "wrong"));
  assert_says (error, "error.csv", 2, "1 is wrong.");
  g_clear_error (&error);
  g_assert_false (shequ_sample_table_error (table, 0, &error, "no line for %s.", "b"));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  g_assert_true (g_str_has_suffix (error->message, "error.csv: no line for b."));
}

static void
test_parse (void)
{
  double value = 0;
  GDate day;

  g_assert_true (shequ_sample_parse_number ("0.5", 0, 1, &value));
  g_assert_cmpfloat (value, ==, 0.5);
  g_assert_true (shequ_sample_parse_number ("-20", -20, 20, &value));
  g_assert_false (shequ_sample_parse_number ("20.01", -20, 20, &value));
  g_assert_false (shequ_sample_parse_number ("", 0, 1, &value));
  g_assert_false (shequ_sample_parse_number (NULL, 0, 1, &value));
  g_assert_false (shequ_sample_parse_number ("1x", 0, 10, &value));
  g_assert_false (shequ_sample_parse_number ("nan", -1e9, 1e9, &value));
  g_assert_false (shequ_sample_parse_number ("inf", -INFINITY, INFINITY, &value));

  g_assert_true (shequ_sample_parse_date ("2024-02-29", &day));
  g_assert_false (shequ_sample_parse_date ("2026-02-29", &day));
  g_assert_false (shequ_sample_parse_date ("2026-1-01", &day));
  g_assert_false (shequ_sample_parse_date ("2026-01-011", &day));
  g_assert_false (shequ_sample_parse_date ("2026-13-01", &day));
  g_assert_false (shequ_sample_parse_date ("", &day));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = shequ_test_make_tmpdir ("shequ-sample-table-XXXXXX");

  g_test_add_func ("/sample-table/rows", test_rows);
  g_test_add_func ("/sample-table/bad-width", test_bad_width);
  g_test_add_func ("/sample-table/header", test_header);
  g_test_add_func ("/sample-table/unreadable", test_unreadable);
  g_test_add_func ("/sample-table/fields", test_fields);
  g_test_add_func ("/sample-table/error", test_error);
  g_test_add_func ("/sample-table/parse", test_parse);

  status = g_test_run ();
  shequ_test_remove_tree (dir);
  g_free (dir);
  return status;
}
