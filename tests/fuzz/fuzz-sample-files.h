/* fuzz-sample-files.h — the harness of the targets over the sample's data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdint.h>
#include <string.h>

#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-test-street.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A target's small street and the folder its data files are written to. */
typedef struct {
  ShequOrgStore *store;
  char          *dir;
} FuzzSampleFiles;

/* Writes the input DATA, SIZE (the files NAMES in order, separated by lines "--": see
 * shequ_test_write_parts()) into FILES->dir, making the street of UNITS_CSV and
 * PEOPLE_CSV there on the first call. NUL bytes end the text: the files are text, and
 * GLib reads them whole. */
static inline void
fuzz_sample_files_write (FuzzSampleFiles   *files,
                         const char        *units_csv,
                         const char        *people_csv,
                         const char *const *names,
                         guint              n_names,
                         const uint8_t     *data,
                         size_t             size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);

  if (files->store == NULL)
    {
      g_autoptr(GError) error = NULL;

      g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
      files->dir = g_dir_make_tmp ("shequ-fuzz-sample-XXXXXX", &error);
      g_assert_no_error (error);
      files->store = shequ_test_street_from_csv (files->dir, "fuzz.db", units_csv, people_csv,
                                                 NULL);
    }
  shequ_test_write_parts (files->dir, names, n_names, text);
}

/* What every refusal of the sample's readers is: one translated, UTF-8 error naming a
 * file whose name starts with FILE_PREFIX. */
static inline void
fuzz_sample_files_assert_refused (const GError *error,
                                  const char   *file_prefix)
{
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, file_prefix));
}
