/* test-database-safety.c — shequ-cli on damaged, empty, foreign and read-only files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "shequ-test-util.h"

#define STREET "371326001"

typedef ShequTestDir Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  shequ_test_dir_init (fixture, "shequ-test-safety-XXXXXX", "street.db");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  shequ_test_dir_clear (fixture);
}

static void
init_sample (const char *db)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("init", "--db", db, "--sample", NULL);

  shequ_test_assert_cli_success (&result);
}

static void
assert_same_bytes (GBytes     *before,
                   const char *path)
{
  g_autoptr(GBytes) after = shequ_test_read_bytes (path);

  g_assert_true (g_bytes_equal (before, after));
}

/* The first leaf page of INDEX (dbstat when SQLite has it, else its root), and the
 * page size. */
static gint64
index_page (const char *db,
            const char *index,
            gint64     *page_size)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = NULL;
  gint64 page = 0;

  g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA page_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *page_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  sql = g_strdup_printf ("SELECT min (pageno) FROM dbstat WHERE name = '%s' AND pagetype = 'leaf'",
                         index);
  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (page == 0)
    {
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT rootpage FROM sqlite_master WHERE name = '%s'", index);
      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      page = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (handle);
  g_assert_cmpint (page, >, 1);
  return page;
}

/* Random bytes over one page of INDEX, past its header byte so the tree still looks
 * like a tree to a reader that does not check it. */
static void
damage_index (const char *db,
              const char *index)
{
  gint64 page_size = 0;
  gint64 page = index_page (db, index, &page_size);
  g_autoptr(GRand) rand = g_rand_new_with_seed (349);
  g_autofree guint8 *noise = g_malloc (page_size / 2);
  FILE *file;

  for (gint64 i = 0; i < page_size / 2; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  file = fopen (db, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (page - 1) * page_size + page_size / 4, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (noise, 1, page_size / 2, file), ==, (gsize) (page_size / 2));
  fclose (file);
}

static void
test_damaged_index_refuses_import (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *units = shequ_test_write_file (fixture->dir, "units.csv",
                                                  "code,name,tier,parent_code\n"
                                                  STREET "99,新片区,area," STREET "\n");
  g_autofree char *people = shequ_test_write_file (fixture->dir, "people.csv",
                                                   "person_code,name,phone,unit_code,role\n"
                                                   "P99999,新人,13900000000," STREET ",cadre\n");
  const char *indexes[] = { "sqlite_autoindex_unit_1", "sqlite_autoindex_person_1",
                            "post_unit_id" };

  for (guint i = 0; i < G_N_ELEMENTS (indexes); i++)
    {
      g_autoptr(GBytes) before = NULL;

      g_unlink (fixture->db);
      init_sample (fixture->db);
      damage_index (fixture->db, indexes[i]);
      before = shequ_test_read_bytes (fixture->db);

      {
        g_auto(ShequTestResult) result = shequ_test_run_cli ("import-units", "--db", fixture->db,
                                                             units, NULL);

        shequ_test_assert_cli_failure (&result, "damaged");
        g_assert_nonnull (strstr (result.err, fixture->db));
      }
      assert_same_bytes (before, fixture->db);
      {
        g_auto(ShequTestResult) result = shequ_test_run_cli ("import-people", "--db", fixture->db,
                                                             people, NULL);

        shequ_test_assert_cli_failure (&result, "damaged");
      }
      assert_same_bytes (before, fixture->db);
      shequ_test_assert_no_wal_shm (fixture->db);
    }
}

static void
test_empty_file_not_a_database (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *commands[] = { "stats", "units", "compliance" };

  g_assert_true (g_file_set_contents (fixture->db, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(ShequTestResult) result = shequ_test_run_cli (commands[i], "--db", fixture->db, NULL);
      g_autoptr(GBytes) after = shequ_test_read_bytes (fixture->db);

      shequ_test_assert_cli_failure (&result, "empty");
      g_assert_cmpuint (g_bytes_get_size (after), ==, 0);
      shequ_test_assert_no_wal_shm (fixture->db);
    }
  {
    g_autofree char *units = shequ_test_write_file (fixture->dir, "units.csv",
                                                    "code,name,tier,parent_code\n"
                                                    STREET ",街道,street,\n");
    g_auto(ShequTestResult) result = shequ_test_run_cli ("import-units", "--db", fixture->db, units,
                                                         NULL);
    g_autoptr(GBytes) after = shequ_test_read_bytes (fixture->db);

    shequ_test_assert_cli_failure (&result, "empty");
    g_assert_cmpuint (g_bytes_get_size (after), ==, 0);
    shequ_test_assert_no_wal_shm (fixture->db);
  }

  /* init is the user's word. */
  {
    g_auto(ShequTestResult) result = shequ_test_run_cli ("init", "--db", fixture->db, NULL);

    shequ_test_assert_cli_success (&result);
  }
  {
    g_auto(ShequTestResult) result = shequ_test_run_cli ("stats", "--db", fixture->db, NULL);

    shequ_test_assert_cli_success (&result);
  }
}

static void
test_foreign_database (Fixture       *fixture,
                       gconstpointer  data)
{
  sqlite3 *handle = NULL;
  g_autoptr(GBytes) before = NULL;
  const char *commands[] = { "stats", "units" };

  g_assert_cmpint (sqlite3_open (fixture->db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE notes (body TEXT); PRAGMA user_version = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  before = shequ_test_read_bytes (fixture->db);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(ShequTestResult) result = shequ_test_run_cli (commands[i], "--db", fixture->db, NULL);

      shequ_test_assert_cli_failure (&result, "not a Shequ");
      g_assert_null (strstr (result.err, "no such table"));
      assert_same_bytes (before, fixture->db);
      shequ_test_assert_no_wal_shm (fixture->db);
    }
}

/* Whether this process may run the CLI as nobody (root, with setpriv). */
static int
nobody_uid (void)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  int status = 0;

  if (getuid () != 0 || setpriv == NULL)
    return -1;
  if (!g_spawn_command_line_sync ("setpriv --reuid=65534 --regid=65534 --clear-groups true",
                                  NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;
  return 65534;
}

/* Read-only commands on a read-only file in a read-only folder: they work and write
 * nothing, as root (who ignores the permissions) and as an ordinary user. */
static void
test_read_only_commands (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *db_dir = g_build_filename (fixture->dir, "db", NULL);
  g_autofree char *db = g_build_filename (db_dir, "street.db", NULL);
  g_autoptr(GBytes) before = NULL;
  int uids[2] = { -1, nobody_uid () };

  g_assert_cmpint (g_mkdir (out_dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (out_dir, 0777), ==, 0);
  g_assert_cmpint (g_mkdir (db_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  init_sample (db);
  before = shequ_test_read_bytes (db);
  g_assert_cmpint (g_chmod (db, 0444), ==, 0);
  g_assert_cmpint (g_chmod (db_dir, 0555), ==, 0);

  for (guint u = 0; u < G_N_ELEMENTS (uids); u++)
    {
      const char *commands[] = { "stats", "units", "compliance" };

      if (u == 1 && uids[u] < 0)
        {
          g_test_message ("not root or no setpriv: the read-only run as nobody is skipped");
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        {
          g_auto(ShequTestResult) result = shequ_test_run_cli_as (uids[u], commands[i], "--db", db,
                                                                  NULL);

          shequ_test_assert_cli_success (&result);
          assert_same_bytes (before, db);
          shequ_test_assert_no_wal_shm (db);
        }
      {
        g_autofree char *name = g_strdup_printf ("units-%u.csv", u);
        g_autofree char *target = g_build_filename (out_dir, name, NULL);
        g_auto(ShequTestResult) result = shequ_test_run_cli_as (uids[u], "export-units", "--db", db,
                                                                target, NULL);

        shequ_test_assert_cli_success (&result);
        g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
        assert_same_bytes (before, db);
        shequ_test_assert_no_wal_shm (db);
      }
    }

  /* A write names the database and says it is read-only, not the CSV. */
  if (uids[1] >= 0)
    {
      g_autofree char *units = shequ_test_write_file (out_dir, "small.csv",
                                                      "code,name,tier,parent_code\n"
                                                      STREET "99,新片区,area," STREET "\n");
      g_auto(ShequTestResult) result = shequ_test_run_cli_as (uids[1], "import-units", "--db", db,
                                                              units, NULL);

      shequ_test_assert_cli_failure (&result, "read-only");
      g_assert_nonnull (strstr (result.err, db));
      g_assert_false (g_str_has_prefix (result.err, "shequ-cli: small.csv"));
      g_assert_null (strstr (result.err, units));
      assert_same_bytes (before, db);
      shequ_test_assert_no_wal_shm (db);
    }

  g_chmod (db_dir, 0755);
  g_chmod (db, 0644);
  shequ_test_remove_tree (db_dir);
  shequ_test_remove_tree (out_dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/database-safety/damaged-index/import-refused", test_damaged_index_refuses_import);
  ADD ("/database-safety/empty-file/not-a-database", test_empty_file_not_a_database);
  ADD ("/database-safety/foreign/not-shequ", test_foreign_database);
  ADD ("/database-safety/read-only/commands-write-nothing", test_read_only_commands);
#undef ADD

  return g_test_run ();
}
