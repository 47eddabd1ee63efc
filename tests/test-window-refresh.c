/* test-window-refresh.c — an open window follows other programs and guards a damaged file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-refresh"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>
#include <string.h>

#include "shequ-application.h"
#include "shequ-org-store.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"
#include "shequ-window-private.h"
#include "shequ-window.h"

#define STREET "110101001"

static ShequApplication *app;

static gboolean
has_area (gpointer data)
{
  return shequ_org_store_lookup_code (data, STREET "01") != NULL;
}

static void
test_window_sees_other_program (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-refresh-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "street.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "units.csv", NULL);
  ShequWindow *window;
  ShequOrgStore *store;
  ShequUnit *street, *area;
  gboolean loaded;

  shequ_test_run_cli_ok ("init", "--db", db, "--street", "测试街道", "--county=110101", NULL);
  g_assert_true (g_file_set_contents (csv,
                                      "code,name,tier,parent_code\n"
                                      STREET ",别人改的街道,street,\n"
                                      STREET "01,别人加的片区,area," STREET "\n", -1, NULL));

  window = shequ_test_open_window (GTK_APPLICATION (app), db, &loaded);
  g_assert_true (loaded);
  store = shequ_window_get_store (window);
  street = shequ_org_store_get_street (store);
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "测试街道");

  shequ_test_run_cli_ok ("import-units", "--db", db, csv, NULL);

  /* Within a poll or two, without any action in the window. */
  shequ_test_wait_until (has_area, store);

  /* The same store and the same objects: the views keep selection and expansion. */
  g_assert_true (shequ_window_get_store (window) == store);
  g_assert_true (shequ_org_store_get_street (store) == street);
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "别人改的街道");
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "别人改的街道");
  area = shequ_org_store_lookup_code (store, STREET "01");
  g_assert_true (shequ_unit_get_parent (area) == street);

  /* An edit in the window afterwards keeps the other program's rows. */
  g_assert_true (shequ_org_store_rename_unit (store, area, "我改的片区", &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  {
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT group_concat (name, '|') FROM "
                                         "(SELECT name FROM unit ORDER BY code)",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "别人改的街道|我改的片区");
    sqlite3_finalize (stmt);
    sqlite3_close (handle);
  }

  shequ_test_remove_tree (dir);
}

static gboolean
is_error_page (gpointer data)
{
  return g_strcmp0 (shequ_window_get_page (data), "error") == 0;
}

static gboolean
is_views_page (gpointer data)
{
  const char *page = shequ_window_get_page (data);

  return g_strcmp0 (page, "org") == 0 || g_strcmp0 (page, "compliance") == 0;
}

/* The -wal and -shm of the open database are deleted by hand: within a poll the window
 * lets the file go and says so, and "Try Again" opens it as it is now. */
static void
test_window_lets_deleted_files_go (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-refresh-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "street.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  ShequWindow *window;
  gboolean loaded;

  shequ_test_run_cli_ok ("init", "--db", db, "--street", "测试街道", "--county=110101", NULL);
  window = shequ_test_open_window (GTK_APPLICATION (app), db, &loaded);
  g_assert_true (loaded);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_unlink (wal), ==, 0);
  g_assert_cmpint (g_unlink (shm), ==, 0);
  shequ_test_wait_until (is_error_page, window);
  g_assert_null (shequ_window_get_store (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-open", NULL));
  shequ_test_wait_until (is_views_page, window);
  g_assert_nonnull (shequ_window_get_store (window));
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "测试街道");

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  shequ_test_remove_tree (dir);
}

/* The first leaf page of the unit code index gets random bytes; the table scan that
 * loads the tree does not read it. */
static void
damage_unit_code_index (const char *db)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page = 0, page_size = 4096;
  g_autoptr(GRand) rand = g_rand_new_with_seed (349);
  guint8 noise[2048];
  FILE *file;

  g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA page_size", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (sqlite3_prepare_v2 (handle, "SELECT min (pageno) FROM dbstat WHERE pagetype = 'leaf' "
                          "AND name = 'sqlite_autoindex_unit_1'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (page == 0 &&
      sqlite3_prepare_v2 (handle, "SELECT rootpage FROM sqlite_master "
                          "WHERE name = 'sqlite_autoindex_unit_1'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (handle);
  g_assert_cmpint (page, >, 1);
  g_assert_cmpint (page_size, >=, (gint64) sizeof noise);

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  file = fopen (db, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (page - 1) * page_size + page_size / 4, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (noise, 1, sizeof noise, file), ==, sizeof noise);
  fclose (file);
}

static gboolean
has_restore_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      strstr (gtk_button_get_label (GTK_BUTTON (widget)), "Restore") != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_restore_button (child))
      return TRUE;
  return FALSE;
}

/* An import into a damaged file writes nothing and offers to restore a backup. */
static void
test_import_damaged_offers_restore (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-refresh-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "street.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "units.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = NULL;
  ShequWindow *window;
  GtkWindow *dialog;
  gsize length = 0;
  gboolean loaded;

  shequ_test_run_cli_ok ("init", "--db", db, "--sample", NULL);
  damage_unit_code_index (db);
  g_assert_true (g_file_get_contents (db, &before, &length, NULL));
  g_assert_true (g_file_set_contents (csv,
                                      "code,name,tier,parent_code\n"
                                      "37132600199,新片区,area,371326001\n", -1, NULL));

  window = shequ_test_open_window (GTK_APPLICATION (app), db, &loaded);
  g_assert_true (loaded);

  file = g_file_new_for_path (csv);
  g_assert_false (shequ_window_import_file (window, file, FALSE, SHEQU_IO_ENCODING_AUTO));
  dialog = shequ_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (has_restore_button (GTK_WIDGET (dialog)));
  g_assert_null (shequ_org_store_lookup_code (shequ_window_get_store (window), "37132600199"));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    g_autofree char *now = NULL;

    g_assert_true (g_file_get_contents (db, &now, &length, NULL));
    g_assert_true (memcmp (now, before, length) == 0);
  }
  shequ_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  /* Not about accessibility: an accessibility bus left by an earlier test is no reason
   * to fail here. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  shequ_test_gtk_init (&argc, &argv);

  app = shequ_test_new_app ();

  g_test_add_func ("/window/refresh/other-program", test_window_sees_other_program);
  g_test_add_func ("/window/import/damaged-offers-restore", test_import_damaged_offers_restore);
  g_test_add_func ("/window/refresh/deleted-files", test_window_lets_deleted_files_go);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
