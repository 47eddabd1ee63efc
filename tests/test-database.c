/* test-database.c — opening, migrating, refusing and backing up the database file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "shequ-database-private.h"
#include "shequ-org-store.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A database with a street and enough rows to span several pages. */
static char *
make_filled_db (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  char *path = g_build_filename (dir, "filled.db", NULL);
  ShequUnit *street, *area;

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  store = shequ_org_store_new (db, &error);
  g_assert_no_error (error);

  street = shequ_test_add_street (store);
  area = shequ_org_store_add_unit (store, street, "城区东片区", FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("测试社区%03u号，名字长一点以便占满更多的数据库页面", i);
      g_assert_nonnull (shequ_org_store_add_unit (store, area, name, FALSE, &error));
      g_assert_no_error (error);
    }
  return path;
}

static void
test_create_sets_version (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "sub", "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  int version = -1;

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NONE, &error);
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN);
  g_assert_null (db);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shequ_database_get_schema_version (db), ==, SHEQU_SCHEMA_VERSION);
  g_clear_object (&db);

  g_assert_true (shequ_database_peek_schema_version (path, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, SHEQU_SCHEMA_VERSION);
}

static void
test_migrates_empty_file (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *contents = NULL;
  gsize length = 1;

  /* A zero-byte file is not taken for a new database: only creating may fill it. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  for (guint i = 0; i < 2; i++)
    {
      ShequDatabaseFlags flags = i == 0 ? SHEQU_DATABASE_FLAGS_NONE
                                        : SHEQU_DATABASE_FLAGS_READ_ONLY;

      db = shequ_database_open (path, flags, &error);
      g_assert_null (db);
      g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU);
      g_assert_nonnull (strstr (error->message, "empty"));
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, ==, 0);
      g_clear_pointer (&contents, g_free);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    }

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shequ_database_get_schema_version (db), ==, SHEQU_SCHEMA_VERSION);

  stmt = shequ_database_prepare (db, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                     "('unit', 'person', 'post', 'meta')", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
}

static void
test_refuses_newer (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;

  exec_sql (path, "CREATE TABLE unit (id INTEGER PRIMARY KEY); PRAGMA user_version = 999;");
  before = shequ_test_file_sha256 (path);

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  g_assert_null (db);
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "999"));

  after = shequ_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  shequ_test_assert_no_wal_shm (path);
}

static void
test_refuses_foreign (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;

  exec_sql (path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);");
  before = shequ_test_file_sha256 (path);
  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU);
  after = shequ_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuses_not_a_database (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  const char *text = "这不是数据库。This is a text file that happens to end in .db, long enough "
                     "to fill a header of one hundred bytes or so, so SQLite reads it.";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  before = shequ_test_file_sha256 (path);
  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  g_assert_null (db);
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT);
  after = shequ_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  shequ_test_assert_no_wal_shm (path);
}

static void
test_damaged_page (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = make_filled_db (dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  gsize len;

  /* Scribble over page 3 onwards (past the header page and the first table root). */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096 * 6);
  for (gsize i = 4096 * 2; i < 4096 * 6; i++)
    contents[i] = (char)(i * 7 + 13);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  before = shequ_test_file_sha256 (path);

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NONE, &error);
  if (db != NULL)
    {
      /* The header was fine; the damage shows when the tree is read. */
      g_assert_no_error (error);
      store = shequ_org_store_new (db, &error);
      g_assert_null (store);
      g_clear_object (&db);
    }
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  after = shequ_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  shequ_test_assert_no_wal_shm (path);
}

static void
test_integrity_and_backup (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = make_filled_db (dir);
  g_autofree char *backup = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  ShequUnit *street;

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_database_backup_to (db, backup, &error));
  g_assert_no_error (error);

  /* Change the live database, then restore the copy over it. */
  store = shequ_org_store_new (db, &error);
  g_assert_no_error (error);
  street = shequ_org_store_get_street (store);
  g_assert_true (shequ_org_store_rename_unit (store, street, "改过的名字", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_true (shequ_database_restore_from (db, backup, &error));
  g_assert_no_error (error);
  store = shequ_org_store_new (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_unit_get_name (shequ_org_store_get_street (store)), ==, "平邑街道");
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 202);

  /* The state before the restore was kept in the backup folder. */
  {
    g_autoptr(GPtrArray) backups = shequ_database_list_backups (path);
    gboolean found = FALSE;

    for (guint i = 0; i < backups->len; i++)
      found |= strstr (g_ptr_array_index (backups, i), "before-restore") != NULL;
    g_assert_true (found);
  }
}

static void
test_restore_refuses_bad_backup (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = make_filled_db (dir);
  g_autofree char *bad = g_build_filename (dir, "bad.db", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;

  g_assert_true (g_file_set_contents (bad, "garbage, not a backup at all", -1, NULL));
  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (shequ_database_restore_from (db, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&db);

  /* Restoring a damaged file in place keeps the damaged one aside. */
  before = shequ_test_file_sha256 (path);
  {
    g_autofree char *good = g_build_filename (dir, "good.db", NULL);
    g_autoptr(GDir) d = NULL;
    const char *name;
    gboolean kept = FALSE;

    db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NONE, &error);
    g_assert_true (shequ_database_backup_to (db, good, &error));
    g_clear_object (&db);
    g_assert_true (shequ_database_restore_file (path, good, &error));
    g_assert_no_error (error);
    d = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (d)))
      kept |= g_str_has_prefix (name, "filled.db.damaged-");
    g_assert_true (kept);
    db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NONE, &error);
    g_assert_no_error (error);
  }
}

static void
test_daily_backup_keeps_seven (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = make_filled_db (dir);
  g_autofree char *backup_dir = shequ_database_get_backup_dir (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  guint n_daily = 0;

  /* Nine older daily backups already there. */
  g_assert_cmpint (g_mkdir_with_parents (backup_dir, 0700), ==, 0);
  for (guint day = 1; day <= 9; day++)
    {
      g_autofree char *name = g_strdup_printf ("filled-daily-2020-01-%02u.db", day);
      g_autofree char *file = g_build_filename (backup_dir, name, NULL);

      g_assert_true (g_file_set_contents (file, "old", -1, NULL));
    }

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_database_daily_backup (db, &error));
  g_assert_no_error (error);
  /* A second call the same day does nothing. */
  g_assert_true (shequ_database_daily_backup (db, &error));

  backups = shequ_database_list_backups (path);
  for (guint i = 0; i < backups->len; i++)
    if (strstr (g_ptr_array_index (backups, i), "-daily-") != NULL)
      n_daily++;
  g_assert_cmpuint (n_daily, ==, 7);
  /* Newest first: today's backup, which is a real database. */
  {
    int version = 0;

    g_assert_true (shequ_database_peek_schema_version (g_ptr_array_index (backups, 0),
                                                       &version, &error));
    g_assert_cmpint (version, ==, SHEQU_SCHEMA_VERSION);
  }
}

static void
test_locked (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-XXXXXX");
  g_autofree char *path = make_filled_db (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  sqlite3 *other = NULL;

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  store = shequ_org_store_new (db, &error);
  g_assert_no_error (error);

  /* Another program holds the write lock past our busy timeout. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (shequ_org_store_rename_unit (store, shequ_org_store_get_street (store),
                                               "别的名字", &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_LOCKED);
  g_assert_cmpstr (shequ_unit_get_name (shequ_org_store_get_street (store)), ==, "平邑街道");

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/database/open/create-sets-version", test_create_sets_version);
  g_test_add_func ("/database/migrate/empty-file", test_migrates_empty_file);
  g_test_add_func ("/database/open/refuses-newer", test_refuses_newer);
  g_test_add_func ("/database/open/refuses-foreign", test_refuses_foreign);
  g_test_add_func ("/database/open/refuses-not-a-database", test_refuses_not_a_database);
  g_test_add_func ("/database/open/damaged-page", test_damaged_page);
  g_test_add_func ("/database/backup/integrity-backup-restore", test_integrity_and_backup);
  g_test_add_func ("/database/backup/refuses-bad-backup", test_restore_refuses_bad_backup);
  g_test_add_func ("/database/backup/daily-keeps-seven", test_daily_backup_keeps_seven);
  g_test_add_func ("/database/locked", test_locked);

  return g_test_run ();
}
