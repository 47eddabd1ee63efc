/* fuzz-eval-import.c — libFuzzer target: scores import from CSV against a small evaluation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-eval-import"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "shequ-eval-import.h"
#include "shequ-test-eval.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
assert_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_printerr ("not UTF-8: %s\n", g_strescape (text, NULL));
      abort ();
    }
}

/* shequ-test-eval.h's evaluation, with KH02's sheet submitted so that its lines are
 * refused. */
static ShequTestEval *
get_eval (void)
{
  static ShequTestEval eval;
  static gboolean ready;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (ready)
    return &eval;
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  dir = g_dir_make_tmp ("shequ-fuzz-eval-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  shequ_test_eval_init (&eval, path);
  shequ_test_eval_fill_sheet (&eval, 1);
  g_assert_true (shequ_eval_store_submit (eval.store, eval.assessor[1], NULL, &error));
  g_assert_no_error (error);
  ready = TRUE;
  return &eval;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ShequTestEval *eval = get_eval ();
  g_autoptr(ShequEvalImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  GPtrArray *problems;
  guint n_written = 0;

  import = shequ_eval_import_read_data (eval->store, (const char *) data, size, "fuzz", &error);
  if (import == NULL)
    {
      /* Not a table: said why, in text. */
      g_assert_nonnull (error);
      assert_text (error->message);
      return 0;
    }
  g_assert_no_error (error);

  problems = shequ_eval_import_get_problems (import);
  for (guint i = 0; i < problems->len; i++)
    {
      const ShequIoProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->line, >=, 1);
      assert_text (problem->message);
      if (i > 0)
        g_assert_cmpuint (((ShequIoProblem *) g_ptr_array_index (problems, i - 1))->line, <=,
                          problem->line);
    }
  listed = shequ_eval_import_format_problems (import);
  assert_text (listed);

  if (problems->len > 0)
    {
      /* Refused, and said so. */
      g_assert_false (shequ_eval_import_apply (import, NULL, &n_written, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpuint (n_written, ==, 0);
      return 0;
    }
  /* What the import let through, the store takes: the two check the same rules. */
  g_assert_true (shequ_eval_import_apply (import, NULL, &n_written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_written, ==, shequ_eval_import_get_n_edits (import));
  return 0;
}
