/* fuzz-csv.c — libFuzzer target: the CSV reader (decoding, RFC 4180 rows) and its writer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "shequ-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
assert_refusal (GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_ENCODING) ||
                 g_error_matches (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Every row is UTF-8, numbered after the one before, and none is a blank line. */
static void
assert_rows_sane (GPtrArray *rows)
{
  guint last_line = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      ShequCsvRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (row->line, >, last_line);
      last_line = row->line;
      g_assert_cmpuint (row->n_fields, >, 0);
      g_assert_cmpuint (g_strv_length (row->fields), ==, row->n_fields);
      g_assert_false (row->n_fields == 1 && row->fields[0][0] == '\0');
      for (guint j = 0; j < row->n_fields; j++)
        g_assert_true (g_utf8_validate (row->fields[j], -1, NULL));
    }
}

/* What the writer makes of ROWS (after a byte order mark, as the export writes) reads
 * back as the same fields. */
static void
assert_round_trip (GPtrArray *rows)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      ShequCsvRow *row = g_ptr_array_index (rows, i);

      shequ_csv_append_row (out, (const char *const *) row->fields, row->n_fields);
    }
  again = shequ_csv_parse (out->str, out->len, "fuzz", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      ShequCsvRow *a = g_ptr_array_index (rows, i);
      ShequCsvRow *b = g_ptr_array_index (again, i);

      g_assert_cmpstrv (a->fields, b->fields);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  ShequIoEncoding detected = SHEQU_IO_ENCODING_AUTO;

  text = shequ_csv_decode ((const char *) data, size, SHEQU_IO_ENCODING_AUTO, "fuzz",
                           &detected, &error);
  if (text == NULL)
    {
      assert_refusal (error);
      return 0;
    }
  g_assert_true (detected == SHEQU_IO_ENCODING_UTF8 || detected == SHEQU_IO_ENCODING_GBK);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  rows = shequ_csv_parse (text, -1, "fuzz", &error);
  if (rows == NULL)
    {
      assert_refusal (error);
      return 0;
    }
  assert_rows_sane (rows);
  assert_round_trip (rows);
  return 0;
}
