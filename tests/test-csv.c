/* test-csv.c — the CSV reader and writer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-csv.h"

static GPtrArray *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = shequ_csv_parse (text, -1, "t.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static ShequCsvRow *
row_at (GPtrArray *rows,
        guint      i)
{
  g_assert_cmpuint (i, <, rows->len);
  return g_ptr_array_index (rows, i);
}

/* ------------------------------------------------------------------------------------ */

static void
test_csv_quotes (void)
{
  g_autoptr(GPtrArray) rows =
    parse ("a,b,c\n"
           "1,\"x, y\",\"he said \"\"hi\"\"\"\n"
           "2,\"two\nlines\",\n"
           "3,,\"\"\n");

  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (row_at (rows, 1)->n_fields, ==, 3);
  g_assert_cmpstr (row_at (rows, 1)->fields[1], ==, "x, y");
  g_assert_cmpstr (row_at (rows, 1)->fields[2], ==, "he said \"hi\"");
  g_assert_cmpstr (row_at (rows, 2)->fields[1], ==, "two\nlines");
  g_assert_cmpstr (row_at (rows, 2)->fields[2], ==, "");
  g_assert_cmpuint (row_at (rows, 2)->line, ==, 3);
  /* The row after a field with a line break starts on line 5. */
  g_assert_cmpuint (row_at (rows, 3)->line, ==, 5);
  g_assert_cmpuint (row_at (rows, 3)->n_fields, ==, 3);
  g_assert_cmpstr (row_at (rows, 3)->fields[2], ==, "");
}

static void
test_csv_bom_crlf (void)
{
  g_autoptr(GPtrArray) rows =
    parse ("\xEF\xBB\xBF" "code,name\r\n1,\"a\r\nb\"\r\n\r\n2,c\r\n");

  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (row_at (rows, 0)->fields[0], ==, "code");
  g_assert_cmpstr (row_at (rows, 1)->fields[1], ==, "a\nb");
  /* The blank line 4 is skipped; numbering goes on. */
  g_assert_cmpuint (row_at (rows, 2)->line, ==, 5);
  g_assert_cmpstr (row_at (rows, 2)->fields[1], ==, "c");
}

static void
test_csv_unclosed_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = shequ_csv_parse ("a,b\n1,2\n3,\"open\nstill\n", -1, "q.csv", &error);

  g_assert_null (rows);
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "q.csv\nLine 3:"));
}

static void
test_csv_writer (void)
{
  const char *fields[] = { "plain", "a,b", "say \"x\"", "two\nlines", " pad", NULL, "东阳" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;

  shequ_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==,
                   "plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\" pad\",,东阳\r\n");

  rows = parse (out->str);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (row_at (rows, 0)->n_fields, ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (row_at (rows, 0)->fields[i], ==, fields[i] ? fields[i] : "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/csv/quotes", test_csv_quotes);
  g_test_add_func ("/io/csv/bom-crlf", test_csv_bom_crlf);
  g_test_add_func ("/io/csv/unclosed-quote", test_csv_unclosed_quote);
  g_test_add_func ("/io/csv/writer", test_csv_writer);

  return g_test_run ();
}
