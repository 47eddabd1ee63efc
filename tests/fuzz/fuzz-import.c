/* fuzz-import.c — libFuzzer target: units and people import from CSV and JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-import"

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "shequ-database.h"
#include "shequ-io.h"
#include "shequ-org-store.h"

/* Built once per target with FUZZ_PEOPLE 0/1 and FUZZ_FORMAT SHEQU_IO_FORMAT_CSV/_JSON. */
#ifndef FUZZ_PEOPLE
#define FUZZ_PEOPLE 0
#endif
#ifndef FUZZ_FORMAT
#define FUZZ_FORMAT SHEQU_IO_FORMAT_CSV
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char base_units[] =
  "code,name,tier,parent_code,population,households\n"
  "371326001,平邑街道,street,,,\n"
  "37132600101,东片区,area,371326001,,\n"
  "371326001001,振兴社区,community,37132600101,,\n"
  "371326001001001,第一网格,grid,371326001001,1320,421\n"
  "371326001002,大南泉村,village,37132600101,2500,800\n";

/* Whether the last import changed the store (an unchanged file makes no undo step). */
static gboolean changed;

static void
on_changed (void)
{
  changed = TRUE;
}

static ShequOrgStore *
get_store (void)
{
  static ShequOrgStore *store;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (store != NULL)
    return store;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  dir = g_dir_make_tmp ("shequ-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                            &error);
  g_assert_no_error (error);
  store = shequ_org_store_new (db, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_static (base_units, sizeof base_units - 1);
  shequ_io_import_units_from_bytes (store, bytes, "base.csv", SHEQU_IO_FORMAT_CSV,
                                    SHEQU_IO_ENCODING_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "applied", G_CALLBACK (on_changed), NULL);
  return store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ShequOrgStore *store = get_store ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  guint before = shequ_org_store_get_n_units (store);
  gboolean ok;

  changed = FALSE;
  if (FUZZ_PEOPLE)
    ok = shequ_io_import_people_from_bytes (store, bytes, "fuzz", FUZZ_FORMAT,
                                            SHEQU_IO_ENCODING_AUTO, NULL, &error);
  else
    ok = shequ_io_import_units_from_bytes (store, bytes, "fuzz", FUZZ_FORMAT,
                                           SHEQU_IO_ENCODING_AUTO, NULL, &error);

  if (!ok)
    {
      /* A refusal leaves the store as it was and says why. */
      g_assert_nonnull (error);
      if (!g_utf8_validate (error->message, -1, NULL))
        {
          g_printerr ("not UTF-8: %s\n", g_strescape (error->message, NULL));
          abort ();
        }
      g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, before);
      return 0;
    }

  /* Roll-ups stay sane: no figure over the bound, no overflow. */
  {
    ShequOrgStats stats;

    shequ_org_store_get_stats (store, &stats);
    g_assert_cmpint (stats.population, >=, 0);
    g_assert_cmpint (stats.households, >=, 0);
  }

  /* Back to the base, so every input starts from the same tree; undo goes through the
   * same validation. */
  if (changed)
    {
      g_autoptr(GError) undo_error = NULL;

      g_assert_true (shequ_org_store_undo (store, &undo_error));
      g_assert_no_error (undo_error);
      g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, before);
    }
  return 0;
}
