/* fuzz-tsv.c — libFuzzer target: the scoring sheet's paste reader (Excel/WPS clipboard text) and its writer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-tsv"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "shequ-eval-sheet.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Every row has a cell, every cell is UTF-8, and there are no more cells than allowed. */
static void
assert_rows_sane (GPtrArray *rows)
{
  guint n_cells = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);
      guint n = g_strv_length (cells);

      g_assert_cmpuint (n, >, 0);
      n_cells += n;
      for (guint j = 0; j < n; j++)
        g_assert_true (g_utf8_validate (cells[j], -1, NULL));
    }
  g_assert_cmpuint (n_cells, <=, SHEQU_EVAL_TSV_MAX_CELLS);
}

/* What the writer (the sheet's copy) makes of ROWS reads back as the same cells. */
static void
assert_round_trip (GPtrArray *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);

      shequ_eval_tsv_append_row (out, (const char *const *) cells, g_strv_length (cells));
    }
  again = shequ_eval_parse_tsv (out->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstrv (g_ptr_array_index (rows, i), g_ptr_array_index (again, i));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  /* Clipboard text is a C string: what follows a NUL is not part of it. */
  text = g_strndup ((const char *) data, size);
  rows = shequ_eval_parse_tsv (text, &error);
  if (rows == NULL)
    {
      g_assert_true (g_error_matches (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, "Line "));
      return 0;
    }
  g_assert_no_error (error);
  assert_rows_sane (rows);
  assert_round_trip (rows);
  return 0;
}
