/* eval-report-fixture.h — what the report tests share: the tools that read the files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

#include "shequ-test-util.h"

G_BEGIN_DECLS

static const char *const area_names[] = { "东城片区", "西城片区", "南山片区" };

/* Runs PROGRAM with the arguments up to NULL: its output, or NULL when it is not
 * installed. A failure ends the test. */
static G_GNUC_UNUSED G_GNUC_NULL_TERMINATED char *
run_tool (const char *program,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(ShequTestResult) result = { 0 };
  g_autofree char *found = g_find_program_in_path (program);
  const char *arg;
  va_list args;

  if (found == NULL)
    return NULL;
  g_ptr_array_add (argv, (gpointer) program);
  va_start (args, program);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  result = shequ_test_run_argv ((const char *const *) argv->pdata);
  if (result.status != 0)
    g_error ("%s failed (%d): %s", program, result.status, result.err);
  return g_steal_pointer (&result.out);
}

static G_GNUC_UNUSED guint
pdf_page_count (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path, NULL);
  const char *pages;

  g_assert_nonnull (info);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* Every file in DIR; the temporary files are hidden ones. */
static G_GNUC_UNUSED guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* SHEQU_TEST_KEEP=1 keeps the files written, to look at them. */
static G_GNUC_UNUSED void
remove_dir (const char *dir)
{
  if (g_getenv ("SHEQU_TEST_KEEP") != NULL)
    g_printerr ("# kept %s\n", dir);
  else
    shequ_test_remove_tree (dir);
}

static G_GNUC_UNUSED char *
unzip_part (const char *path,
            const char *part)
{
  return run_tool ("unzip", "-p", path, part, NULL);
}

/* FALSE (the test skipped) without poppler's tools. */
static G_GNUC_UNUSED gboolean
have_pdf_tools (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  if (info != NULL && text != NULL)
    return TRUE;
  g_test_skip ("pdfinfo or pdftotext is not installed");
  return FALSE;
}

G_END_DECLS
