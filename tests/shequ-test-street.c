/* shequ-test-street.c — small streets from CSV text, and copies of a database made once */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-io.h"
#include "shequ-test-street.h"
#include "shequ-test-util.h"

ShequOrgStore *
shequ_test_street_from_csv (const char     *dir,
                            const char     *name,
                            const char     *units_csv,
                            const char     *people_csv,
                            ShequDatabase **db)
{
  g_autofree char *units_path = shequ_test_write_file (dir, "units.csv", units_csv);
  g_autofree char *people_path = shequ_test_write_file (dir, "people.csv", people_csv);
  g_autofree char *db_path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) units = g_file_new_for_path (units_path);
  g_autoptr(GFile) people = g_file_new_for_path (people_path);
  g_autoptr(GError) error = NULL;
  ShequOrgStore *store;

  store = shequ_test_open_store (db_path, SHEQU_DATABASE_FLAGS_CREATE |
                                 SHEQU_DATABASE_FLAGS_NO_BACKUP, db);
  if (!shequ_io_import_units (store, units, SHEQU_IO_FORMAT_CSV, SHEQU_IO_ENCODING_UTF8, NULL,
                              &error) ||
      !shequ_io_import_people (store, people, SHEQU_IO_FORMAT_CSV, SHEQU_IO_ENCODING_UTF8, NULL,
                               &error))
    g_error ("the test street: %s", error->message);
  return store;
}

ShequOrgStore *
shequ_test_open_copy (const char     *template_path,
                      const char     *dir,
                      const char     *name,
                      char          **path,
                      ShequDatabase **db)
{
  g_autofree char *copy = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (template_path);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  ShequOrgStore *store;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store = shequ_test_open_store (copy, SHEQU_DATABASE_FLAGS_NO_BACKUP, db);
  if (path != NULL)
    *path = g_steal_pointer (&copy);
  return store;
}

void
shequ_test_write_parts (const char        *dir,
                        const char *const *names,
                        guint              n_names,
                        const char        *text)
{
  const char *rest = text;

  for (guint i = 0; i < n_names; i++)
    {
      const char *split = rest != NULL ? strstr (rest, "\n--\n") : NULL;
      g_autofree char *part = split != NULL ? g_strndup (rest, split - rest + 1)
                                            : g_strdup (rest != NULL ? rest : "");
      g_autofree char *path = shequ_test_write_file (dir, names[i], part);

      rest = split != NULL ? split + 4 : NULL;
    }
}

char *
shequ_test_copy_folder (const char *source,
                        const char *tmpl)
{
  g_autofree char *dir = shequ_test_make_tmpdir (tmpl);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = g_dir_open (source, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (from, G_FILE_TEST_IS_DIR))
        continue;
      g_assert_true (g_file_get_contents (from, &contents, &len, &error));
      g_assert_true (g_file_set_contents (to, contents, len, &error));
    }
  return g_steal_pointer (&dir);
}
