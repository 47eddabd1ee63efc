/* driver.c — runs a libFuzzer target over files and folders, without libFuzzer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-driver"

#include "config.h"

#include <glib.h>
#include <stdint.h>

/* libFuzzer's -max_len in build-aux/fuzz; set by tests/fuzz/meson.build. */
#ifndef FUZZ_MAX_LEN
#define FUZZ_MAX_LEN 262144
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Adds PATH, or the files under it in name order, to PATHS. */
static void
collect_paths (const char *path,
               GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (paths, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    collect_paths (g_ptr_array_index (names, i), paths);
}

/* One TAP case per input: a crash shows which file did it. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  for (int i = 1; i < argc; i++)
    collect_paths (argv[i], paths);
  if (paths->len == 0)
    {
      g_printerr ("no input files\n");
      return 1;
    }

  g_print ("1..%u\n", paths->len);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          g_print ("not ok %u - %s (%s)\n", i + 1, name, error->message);
          ok = FALSE;
          continue;
        }
      if (len > FUZZ_MAX_LEN)
        {
          /* The fuzzer would only ever see the first FUZZ_MAX_LEN bytes of it. */
          g_print ("not ok %u - %s (%" G_GSIZE_FORMAT " bytes, over %d)\n",
                   i + 1, name, len, FUZZ_MAX_LEN);
          ok = FALSE;
          continue;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
      g_print ("ok %u - %s (%" G_GSIZE_FORMAT " bytes)\n", i + 1, name, len);
    }
  return ok ? 0 : 1;
}
