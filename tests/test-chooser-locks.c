/* test-chooser-locks.c — the app's own file chooser, browsing the folder of the open
 * database, leaves its locks, -wal and -shm alone */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <gtk/gtk.h>
#include <sys/stat.h>

#include "shequ-database.h"
#include "shequ-dialogs.h"
#include "shequ-org-store.h"
#include "shequ-sample.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"

static ino_t
inode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_ino;
}

static char *
sqlite3_cli (const char *path,
             const char *sql)
{
  g_auto(ShequTestResult) result = shequ_test_run ("sqlite3", path, sql, NULL);

  g_assert_cmpint (result.status, ==, 0);
  return g_strstrip (g_steal_pointer (&result.out));
}

/* Import… (the chooser the app shows), browse to the database's folder, cancel; then
 * another program reads the database; then edit and quit: the edit is in the file and
 * the file is sound. */
static void
test_chooser_in_database_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shequ-test-chooser-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "street.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *count = NULL;
  g_autofree char *check = NULL;
  g_autofree char *name = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GtkFileChooserNative) chooser = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkWidget *parent;
  ino_t wal_inode, shm_inode;

  g_assert_no_error (error);
  store = shequ_test_open_sample_store (path, &db);
  wal_inode = inode_of (wal);
  shm_inode = inode_of (shm);

  parent = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (parent));
  chooser = shequ_file_chooser_new (GTK_WINDOW (parent), "Import", GTK_FILE_CHOOSER_ACTION_OPEN,
                                    "_Open");
  shequ_file_chooser_add_table_filters (GTK_FILE_CHOOSER (chooser));
  shequ_file_chooser_add_database_filter (GTK_FILE_CHOOSER (chooser));
  folder = g_file_new_for_path (dir);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error);
  g_assert_no_error (error);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  /* The chooser lists the folder (and sniffs what it lists) in the background. */
  shequ_test_spin (1500);
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&chooser);
  gtk_window_destroy (GTK_WINDOW (parent));
  shequ_test_spin (100);

  count = sqlite3_cli (path, "SELECT count(*) FROM unit");
  g_assert_cmpstr (count, ==, "205");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (inode_of (wal), ==, wal_inode);
  g_assert_cmpuint (inode_of (shm), ==, shm_inode);

  g_assert_true (shequ_org_store_rename_unit (store, shequ_org_store_get_street (store),
                                              "平邑街道（改）", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_clear_object (&db);

  check = sqlite3_cli (path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  name = sqlite3_cli (path, "SELECT name FROM unit WHERE parent_id IS NULL");
  g_assert_cmpstr (name, ==, "平邑街道（改）");

  g_remove (wal);
  g_remove (shm);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The GTK file chooser, not a portal's (none runs in the tests). */
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
  shequ_test_gtk_init (&argc, &argv);

  g_test_add_func ("/chooser-locks/database-folder", test_chooser_in_database_folder);

  return g_test_run ();
}
