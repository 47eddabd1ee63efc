/* test-db-locks.c — an open database survives other descriptors of its files being
 * closed in the same process, and refuses to write once its -wal is gone */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shequ-database-private.h"
#include "shequ-db-locks.h"
#include "shequ-org-store.h"
#include "shequ-sample.h"
#include "shequ-test-util.h"

typedef struct {
  char          *dir;
  char          *path;
  ShequDatabase *db;
  ShequOrgStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = shequ_test_make_tmpdir ("shequ-test-locks-XXXXXX");
  f->path = g_build_filename (f->dir, "street.db", NULL);
  f->store = shequ_test_open_store (f->path,
                                    SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                    &f->db);
  shequ_sample_populate (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  shequ_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static ino_t
inode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_ino;
}

/* What a file chooser, a thumbnailer or a copy does to the files of a folder: open each,
 * read a little, close. Every close() of a descriptor of a locked file dropped this
 * process's POSIX locks on it. */
static void
touch_like_a_file_chooser (const char *dir)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  /* GIO sniffs the content of a file whose name does not tell its type. */
  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, g_file_info_get_name (info), NULL);
      char buffer[512];
      int fd;

      g_test_message ("%s: %s", child, g_file_info_get_content_type (info));
      fd = open (child, O_RDONLY);
      if (fd >= 0)
        {
          g_assert_cmpint (read (fd, buffer, sizeof buffer), >=, 0);
          close (fd);
        }
      g_object_unref (info);
    }
  g_assert_no_error (error);
}

static void
test_installed (void)
{
  /* Linux has had open file description locks since 3.15. */
  g_assert_true (shequ_db_locks_are_ofd ());
}

/* The sequence of the report: the chooser, then another program reads the file, then
 * edits here, then another program imports, then quit: every edit is in the file and
 * the file is sound. */
static void
test_stray_close_keeps_wal (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "more.csv", NULL);
  g_autofree char *cli = shequ_test_cli_path ();
  g_auto(ShequTestResult) count = { 0 };
  g_auto(ShequTestResult) check = { 0 };
  g_auto(ShequTestResult) stats = { 0 };
  g_auto(ShequTestResult) import = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  ShequUnit *street = shequ_org_store_get_street (f->store);
  ShequUnit *area;
  ino_t wal_inode, shm_inode;

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  wal_inode = inode_of (wal);
  shm_inode = inode_of (shm);

  touch_like_a_file_chooser (f->dir);

  /* Another process opens and closes the file: it must see it is not alone. */
  count = shequ_test_run ("sqlite3", f->path, "SELECT count(*) FROM unit", NULL);
  g_assert_cmpint (count.status, ==, 0);
  g_assert_cmpstr (g_strstrip (count.out), ==, "205");
  stats = shequ_test_run (cli, "stats", "--db", f->path, NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (inode_of (wal), ==, wal_inode);
  g_assert_cmpuint (inode_of (shm), ==, shm_inode);

  /* Edits here, then an import by another process. */
  g_assert_true (shequ_org_store_rename_unit (f->store, street, "平邑街道（一）", &error));
  g_assert_no_error (error);
  g_assert_true (shequ_org_store_rename_unit (f->store, street, "平邑街道（二）", &error));
  g_assert_no_error (error);
  touch_like_a_file_chooser (f->dir);
  g_file_set_contents (csv,
                       "code,name,tier,parent_code,population,households\n"
                       "37132600199,锁测试片区,area,371326001,,\n"
                       "3713260019901,锁测试村,village,37132600199,100,30\n",
                       -1, &error);
  g_assert_no_error (error);
  import = shequ_test_run (cli, "import-units", "--db", f->path, csv, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpuint (inode_of (wal), ==, wal_inode);

  /* Quit. */
  g_clear_object (&f->store);
  g_clear_object (&f->db);

  check = shequ_test_run ("sqlite3", f->path, "PRAGMA integrity_check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_cmpstr (g_strstrip (check.out), ==, "ok");

  db = shequ_database_open (f->path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  store = shequ_org_store_new (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_unit_get_name (shequ_org_store_get_street (store)), ==, "平邑街道（二）");
  area = shequ_org_store_lookup_code (store, "37132600199");
  g_assert_nonnull (area);
  g_assert_nonnull (shequ_org_store_lookup_code (store, "3713260019901"));
  g_assert_cmpint (shequ_unit_get_total_population (shequ_org_store_get_street (store)), ==,
                   226000 + 100);
}

/* Two connections of this process to one file still share its locks as SQLite expects:
 * one writes while the other is open, and both read what was written. */
static void
test_two_connections_in_process (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) second = NULL;
  g_autoptr(ShequOrgStore) second_store = NULL;
  ShequUnit *street = shequ_org_store_get_street (f->store);

  second = shequ_database_open (f->path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  second_store = shequ_org_store_new (second, &error);
  g_assert_no_error (error);

  g_assert_true (shequ_org_store_rename_unit (f->store, street, "甲", &error));
  g_assert_no_error (error);
  touch_like_a_file_chooser (f->dir);
  g_clear_object (&second_store);
  g_clear_object (&second);
  touch_like_a_file_chooser (f->dir);
  g_assert_true (shequ_org_store_rename_unit (f->store, street, "乙", &error));
  g_assert_no_error (error);

  second = shequ_database_open (f->path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  second_store = shequ_org_store_new (second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_unit_get_name (shequ_org_store_get_street (second_store)), ==, "乙");
}

/* If the -wal goes anyway (deleted by hand), the next write is refused with a message
 * that names the file, and nothing is written to the deleted file. */
static void
test_deleted_wal_refuses_writes (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  ShequUnit *street = shequ_org_store_get_street (f->store);

  g_assert_true (shequ_org_store_rename_unit (f->store, street, "改名前", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (wal), ==, 0);

  g_assert_false (shequ_org_store_rename_unit (f->store, street, "改名后", &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_REPLACED);
  g_assert_nonnull (strstr (error->message, wal));
  /* Nothing changed in memory either. */
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "改名前");
}

/* Once its -wal was deleted, this connection must not checkpoint that orphaned -wal into
 * the file when it closes, nor delete the new -wal another program wrote meanwhile: the
 * other program's edit survives, and the file stays sound. */
static void
test_deleted_wal_no_checkpoint_on_close (Fixture       *f,
                                         gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  ShequUnit *street = shequ_org_store_get_street (f->store);

  g_assert_true (shequ_org_store_rename_unit (f->store, street, "本窗口改名", &error));
  g_assert_no_error (error);
  /* What another program does before it deletes a -wal: copy it all into the file. */
  g_assert_true (shequ_database_exec (f->db, "PRAGMA wal_checkpoint", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (wal), ==, 0);
  g_assert_cmpint (g_unlink (shm), ==, 0);

  {
    g_auto(ShequTestResult) r = shequ_test_run ("sqlite3", f->path,
                                                "UPDATE unit SET name = '别的程序改名' "
                                                "WHERE parent_id IS NULL", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }

  g_assert_false (shequ_org_store_rename_unit (f->store, street, "又一次改名", &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_REPLACED);
  g_clear_object (&f->store);
  g_clear_object (&f->db);

  {
    g_auto(ShequTestResult) name = shequ_test_run ("sqlite3", f->path,
                                                   "SELECT name FROM unit WHERE parent_id IS NULL",
                                                   NULL);
    g_auto(ShequTestResult) check = shequ_test_run ("sqlite3", f->path,
                                                    "PRAGMA integrity_check", NULL);

    g_assert_cmpstr (g_strstrip (name.out), ==, "别的程序改名");
    g_assert_cmpstr (g_strstrip (check.out), ==, "ok");
  }
}

/* The same for a database file replaced by another one under the same name. */
static void
test_replaced_file_refuses_writes (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *moved = g_strconcat (f->path, ".old", NULL);
  g_autoptr(GError) error = NULL;
  ShequUnit *street = shequ_org_store_get_street (f->store);

  g_assert_cmpint (g_rename (f->path, moved), ==, 0);
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  g_assert_false (shequ_org_store_rename_unit (f->store, street, "改名后", &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_REPLACED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db-locks/installed", test_installed);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/db-locks/stray-close-keeps-wal", test_stray_close_keeps_wal);
  ADD ("/db-locks/two-connections-in-process", test_two_connections_in_process);
  ADD ("/db-locks/deleted-wal-refuses-writes", test_deleted_wal_refuses_writes);
  ADD ("/db-locks/deleted-wal-no-checkpoint-on-close", test_deleted_wal_no_checkpoint_on_close);
  ADD ("/db-locks/replaced-file-refuses-writes", test_replaced_file_refuses_writes);
#undef ADD

  return g_test_run ();
}
