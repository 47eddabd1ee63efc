/* fuzz-eval-sample.c — libFuzzer target: the sample evaluation's five data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-eval-sample"

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "shequ-database.h"
#include "shequ-eval-sample-private.h"
#include "shequ-io.h"
#include "shequ-org-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char base_units[] =
  "code,name,tier,parent_code,population,households\n"
  "371326001,平邑街道,street,,,\n"
  "37132600101,城区东片区,area,371326001,,\n"
  "371326001001,邑东府邸社区,community,37132600101,,\n"
  "371326001001001,第一网格,grid,371326001001,1320,421\n"
  "371326001002,东阳社区,community,37132600101,,\n"
  "371326001002001,第一网格,grid,371326001002,900,300\n"
  "371326001013,前城村,village,37132600101,2500,800\n";

static const char base_people[] =
  "person_code,name,phone,unit_code,role,title\n"
  "P00001,杨兆峰,13785272286,371326001,secretary,党工委书记\n"
  "P00002,马丽,13525205693,371326001,cadre,组织委员\n"
  "P00003,王永胜,13932567405,371326001001,secretary,社区党总支书记\n"
  "P00004,孔繁军,13869925307,371326001,assessor,考核员\n"
  "P00005,褚立新,15853916642,371326001,assessor,考核员\n";

/* The files, in the order the input gives them. */
static const char *const names[] = {
  "eval-sets.csv", "eval-indicators.csv", "eval-periods.csv", "eval-assessors.csv",
  "eval-profiles.csv",
};

static ShequOrgStore *store;
static char *dir;

static void
write_file (const char *name,
            const char *text,
            gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, len, &error));
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GFile) units = NULL;
  g_autoptr(GFile) people = NULL;
  g_autoptr(ShequDatabase) db = NULL;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  dir = g_dir_make_tmp ("shequ-fuzz-eval-XXXXXX", &error);
  g_assert_no_error (error);
  write_file ("units.csv", base_units, -1);
  write_file ("people.csv", base_people, -1);
  db_path = g_build_filename (dir, "fuzz.db", NULL);
  if ((db = shequ_database_open (db_path, SHEQU_DATABASE_FLAGS_CREATE |
                                 SHEQU_DATABASE_FLAGS_NO_BACKUP, &error)) != NULL)
    store = shequ_org_store_new (db, &error);
  units = g_file_new_build_filename (dir, "units.csv", NULL);
  people = g_file_new_build_filename (dir, "people.csv", NULL);
  if (store == NULL ||
      !shequ_io_import_units (store, units, SHEQU_IO_FORMAT_CSV, SHEQU_IO_ENCODING_UTF8, NULL,
                              &error) ||
      !shequ_io_import_people (store, people, SHEQU_IO_FORMAT_CSV, SHEQU_IO_ENCODING_UTF8, NULL,
                               &error))
    g_error ("the fuzz target's street: %s", error->message);
}

/* What es_data_read() promises of data it accepts. */
static void
check_data (const EsData *data)
{
  for (guint k = 0; k < SHEQU_EVAL_N_KINDS; k++)
    {
      const EsSet *set = data->sets[k];
      double sum = 0;

      if (set == NULL)
        continue;
      g_assert_cmpuint (set->indicators->len, >, 0);
      g_assert_true (set->green_min > set->orange_min);
      for (guint i = 0; i < set->indicators->len; i++)
        {
          const EsIndicator *ind = g_ptr_array_index (set->indicators, i);

          g_assert_cmpint (ind->max_score, >, 0);
          g_assert_nonnull (ind->deductions[0]);
          sum += ind->weight;
        }
      g_assert_cmpfloat (fabs (sum - 100), <=, 0.001);
    }
  for (guint p = 0; p < data->periods->len; p++)
    {
      const EsPeriod *period = g_ptr_array_index (data->periods, p);

      g_assert_nonnull (data->sets[period->kind]);
      g_assert_cmpuint (period->filled, <=, 100);
      g_assert_cmpstr (period->starts, <=, period->ends);
    }
}

/* The input is the five files in the order of NAMES, separated by lines "--"; files
 * the input does not reach are empty. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(EsData) read = NULL;
  char *rest = text;

  if (store == NULL)
    set_up ();
  /* NUL bytes end the text here: the files are text, and GLib reads them whole. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *split = rest ? strstr (rest, "\n--\n") : NULL;

      write_file (names[i], rest ? rest : "", split ? split - rest + 1 : -1);
      rest = split ? split + 4 : NULL;
    }
  read = es_data_read (dir, store, &error);
  if (read == NULL)
    {
      g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  check_data (read);
  return 0;
}
