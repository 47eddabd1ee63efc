/* test-window.c — the main window: welcome page, sample, undo, refused and damaged databases */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "shequ-app-util.h"
#include "shequ-application.h"
#include "shequ-database-private.h"
#include "shequ-org-store.h"
#include "shequ-sample.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"
#include "shequ-welcome-page-private.h"
#include "shequ-window-private.h"
#include "shequ-window.h"

static ShequApplication *app;

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = shequ_test_make_tmpdir ("shequ-test-window-XXXXXX");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  shequ_test_close_all_windows (GTK_APPLICATION (app));
  shequ_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
has_dialog (gpointer data)
{
  return shequ_window_get_dialog (data) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (shequ_window_get_dialog (data)));
}

/* The button (or other actionable) inside WIDGET that runs ACTION, NULL if none. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window's work in threads (a restore, a backup) is over. */
static gboolean
is_done (gpointer data)
{
  return !shequ_window_is_busy (data);
}

static char *
dialog_text (GtkWindow *dialog)
{
  char *text = NULL;

  g_assert_true (GTK_IS_MESSAGE_DIALOG (dialog));
  g_object_get (dialog, "text", &text, NULL);
  return text;
}

static void
test_welcome_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
  ShequWindow *window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  ShequOrgStore *store = shequ_window_get_store (window);

  g_assert_nonnull (store);
  g_assert_null (shequ_window_get_load_error (window));
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 0);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (shequ_window_get_welcome_page (window)));
  /* No street yet: the file name tells the window apart. */
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "empty.db");
  g_assert_null (shequ_window_get_toast_text (window));
}

static void
test_welcome_open_sample (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "sample.db", NULL);
  ShequWindow *window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  ShequOrgStore *store = shequ_window_get_store (window);
  ShequUnit *street;

  g_assert_cmpstr (shequ_window_get_page (window), ==, "welcome");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);

  street = shequ_org_store_get_street (store);
  g_assert_nonnull (street);
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "平邑街道");
  g_assert_cmpuint (shequ_org_store_get_n_units (store), >, 83);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "平邑街道");

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (shequ_window_get_org_view (window)));

  /* The compliance view is one action away, and back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view-compliance", NULL);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "compliance");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view-org", NULL);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
}

static void
test_welcome_create_street (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "new.db", NULL);
  ShequWindow *window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  ShequWelcomePage *page = SHEQU_WELCOME_PAGE (shequ_window_get_welcome_page (window));
  ShequOrgStore *store = shequ_window_get_store (window);
  ShequUnit *street;

  /* Letters in the county code, then too short: refused inline. */
  shequ_welcome_page_set_new_street (page, "东关街道", "37a326");
  g_assert_false (shequ_welcome_page_get_can_create (page));
  g_assert_cmpstr (shequ_welcome_page_get_message (page), !=, "");
  shequ_welcome_page_set_new_street (page, "东关街道", "3713");
  g_assert_false (shequ_welcome_page_get_can_create (page));
  g_assert_cmpstr (shequ_welcome_page_get_message (page), !=, "");
  shequ_welcome_page_set_new_street (page, "  ", "371326");
  g_assert_false (shequ_welcome_page_get_can_create (page));

  shequ_welcome_page_set_new_street (page, "东关街道", "371326");
  g_assert_true (shequ_welcome_page_get_can_create (page));
  g_assert_cmpstr (shequ_welcome_page_get_message (page), ==, "");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create-street", "(ss)",
                              "东关街道", "371326");
  street = shequ_org_store_get_street (store);
  g_assert_nonnull (street);
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "东关街道");
  g_assert_true (g_str_has_prefix (shequ_unit_get_code (street), "371326"));
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "东关街道");
}

static void
test_undo_restores (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "undo.db", NULL);
  g_autoptr(GError) error = NULL;
  ShequWindow *window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  ShequOrgStore *store = shequ_window_get_store (window);
  ShequUnit *street;
  const char *toast;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  street = shequ_org_store_get_street (store);
  g_assert_nonnull (street);

  /* A change made anywhere (here: straight on the store, as the views do). */
  shequ_org_store_rename_unit (store, street, "改名街道", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "改名街道");
  toast = shequ_window_get_toast_text (window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (toast, ==, shequ_org_store_get_undo_label (store));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "平邑街道");
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "平邑街道");
  g_assert_null (shequ_window_get_toast_text (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "改名街道");

  /* Undoing everything, the sample included, leaves no street: welcome again. */
  for (guint i = 0; i < 10 && shequ_org_store_get_can_undo (store); i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (shequ_org_store_get_can_undo (store));
  g_assert_null (shequ_org_store_get_street (store));
  g_assert_cmpstr (shequ_window_get_page (window), ==, "welcome");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static void
test_error_newer (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "newer.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  ShequWindow *window;
  sqlite3 *db = NULL;

  /* A database from a future version, made without Shequ. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE unit (id INTEGER PRIMARY KEY, name TEXT);"
                                     "INSERT INTO unit VALUES (1, '平邑街道');"
                                     "PRAGMA user_version = 999;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = shequ_test_file_sha256 (path);

  window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  g_assert_null (shequ_window_get_store (window));
  g_assert_error ((GError *) shequ_window_get_load_error (window),
                  SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "error");

  shequ_test_wait_until (has_dialog, window);
  text = dialog_text (shequ_window_get_dialog (window));
  g_assert_nonnull (strstr (text, "newer version of Shequ"));
  g_assert_nonnull (strstr (text, "newer.db"));

  after = shequ_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  shequ_test_assert_no_wal_shm (path);

  shequ_test_close_all_windows (GTK_APPLICATION (app));
  g_free (after);
  after = shequ_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  shequ_test_assert_no_wal_shm (path);
}

static void
corrupt_page_two (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  guint page_size;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  page_size = ((guint8) contents[16] << 8) | (guint8) contents[17];
  g_assert_cmpuint (page_size, ==, 4096);
  g_assert_cmpuint (len, >, 3 * 4096);

  /* Page 2, past the header page, filled with a repeating garbage pattern. */
  for (gsize i = 4096; i < 8192; i++)
    contents[i] = (char) (0xA5 ^ (i * 31));
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

static void
test_error_damaged (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "damaged.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  ShequWindow *window;

  shequ_test_make_sample_database (path, FALSE);
  shequ_test_assert_no_wal_shm (path);
  corrupt_page_two (path);
  before = shequ_test_file_sha256 (path);

  window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  g_assert_null (shequ_window_get_store (window));
  g_assert_error ((GError *) shequ_window_get_load_error (window),
                  SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "error");

  shequ_test_wait_until (has_dialog, window);
  text = dialog_text (shequ_window_get_dialog (window));
  g_assert_nonnull (strstr (text, "damaged"));

  after = shequ_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  shequ_test_assert_no_wal_shm (path);

  /* Closing the dialog leaves the window, still refusing to touch the file. */
  gtk_dialog_response (GTK_DIALOG (shequ_window_get_dialog (window)), GTK_RESPONSE_CLOSE);
  g_assert_null (shequ_window_get_dialog (window));
  g_assert_cmpstr (shequ_window_get_page (window), ==, "error");

  shequ_test_close_all_windows (GTK_APPLICATION (app));
  g_free (after);
  after = shequ_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  shequ_test_assert_no_wal_shm (path);
}

static void
test_error_damaged_restore (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "restore.db", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDir) dir = NULL;
  ShequWindow *window;
  ShequUnit *street;
  GtkWidget *retry;
  const char *name;
  gboolean found_aside = FALSE;

  shequ_test_make_sample_database (path, TRUE);
  backups = shequ_database_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 1);
  corrupt_page_two (path);
  before = shequ_test_file_sha256 (path);

  window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "error");
  shequ_test_wait_until (has_dialog, window);

  /* "Restore Backup" with the newest backup selected. */
  gtk_dialog_response (GTK_DIALOG (shequ_window_get_dialog (window)), GTK_RESPONSE_ACCEPT);
  /* The copy runs in a thread, the window busy meanwhile: it does not open the file
   * being replaced. */
  g_assert_true (shequ_window_is_busy (window));
  retry = find_actionable (GTK_WIDGET (window), "win.retry-open");
  g_assert_nonnull (retry);
  g_assert_false (gtk_widget_get_sensitive (retry));
  shequ_test_wait_until (is_done, window);
  g_assert_null (shequ_window_get_load_error (window));
  g_assert_nonnull (shequ_window_get_store (window));
  street = shequ_org_store_get_street (shequ_window_get_store (window));
  g_assert_nonnull (street);
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "平邑街道");
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The damaged file was kept aside, byte for byte. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "restore.db.damaged-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_autofree char *aside = g_build_filename (fixture->dir, name, NULL);
        g_autofree char *sum = shequ_test_file_sha256 (aside);

        g_assert_cmpstr (sum, ==, before);
        found_aside = TRUE;
      }
  g_assert_true (found_aside);
}


static void
test_error_locked_retry (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "locked.db", NULL);
  g_autofree char *text = NULL;
  ShequWindow *window;
  sqlite3 *db = NULL;

  shequ_test_make_sample_database (path, FALSE);

  /* Another program holds the file: no reading, no writing, past the busy timeout. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE;"
                                     "BEGIN EXCLUSIVE;"
                                     "UPDATE unit SET note = note WHERE id = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  g_assert_error ((GError *) shequ_window_get_load_error (window),
                  SHEQU_DB_ERROR, SHEQU_DB_ERROR_LOCKED);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "error");
  shequ_test_wait_until (has_dialog, window);
  text = dialog_text (shequ_window_get_dialog (window));
  g_assert_nonnull (strstr (text, "in use by another program"));

  /* The other program lets go; Try Again opens the database. */
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  gtk_dialog_response (GTK_DIALOG (shequ_window_get_dialog (window)),
                       SHEQU_WINDOW_RESPONSE_RETRY);
  g_assert_null (shequ_window_get_load_error (window));
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "平邑街道");
}

static void
test_io_export_import_undo (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *sample_path = g_build_filename (fixture->dir, "sample.db", NULL);
  g_autofree char *empty_path = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autofree char *units_path = g_build_filename (fixture->dir, "平邑街道-units", NULL);
  g_autofree char *units_csv = g_strconcat (units_path, ".csv", NULL);
  g_autofree char *people_json = g_build_filename (fixture->dir, "people.json", NULL);
  g_autoptr(GFile) units_file = g_file_new_for_path (units_path);
  g_autoptr(GFile) units_csv_file = g_file_new_for_path (units_csv);
  g_autoptr(GFile) people_file = g_file_new_for_path (people_json);
  g_autofree char *expected = NULL;
  ShequWindow *source;
  ShequWindow *target;
  ShequOrgStore *store;
  guint n_units;

  source = shequ_test_open_window (GTK_APPLICATION (app), sample_path, NULL);
  gtk_widget_activate_action (GTK_WIDGET (source), "win.open-sample", NULL);
  n_units = shequ_org_store_get_n_units (shequ_window_get_store (source));

  /* No extension: CSV, and the name says so. */
  g_assert_true (shequ_window_export_file (source, units_file, FALSE));
  g_assert_true (g_file_query_exists (units_csv_file, NULL));
  g_assert_cmpstr (shequ_window_get_toast_text (source), ==, "Saved “平邑街道-units.csv”");
  g_assert_true (shequ_window_export_file (source, people_file, TRUE));

  target = shequ_test_open_window (GTK_APPLICATION (app), empty_path, NULL);
  store = shequ_window_get_store (target);
  g_assert_cmpstr (shequ_window_get_page (target), ==, "welcome");

  g_assert_true (shequ_window_import_file (target, units_csv_file, FALSE, SHEQU_IO_ENCODING_AUTO));
  expected = g_strdup_printf ("Imported %u units", n_units);
  g_assert_cmpstr (shequ_window_get_toast_text (target), ==, expected);
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, n_units);
  g_assert_cmpstr (shequ_window_get_page (target), ==, "org");
  g_assert_cmpstr (shequ_window_get_subtitle (target), ==, "平邑街道");

  g_assert_true (shequ_window_import_file (target, people_file, TRUE, SHEQU_IO_ENCODING_AUTO));
  g_assert_true (g_str_has_prefix (shequ_window_get_toast_text (target), "Imported "));
  g_assert_true (g_str_has_suffix (shequ_window_get_toast_text (target), " people"));
  g_assert_cmpuint (g_list_model_get_n_items (shequ_org_store_get_people (store)), ==,
                    g_list_model_get_n_items (
                      shequ_org_store_get_people (shequ_window_get_store (source))));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (target));

  /* Each import is one step back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (target), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (shequ_org_store_get_people (store)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (target), "win.undo", NULL));
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 0);
  g_assert_cmpstr (shequ_window_get_page (target), ==, "welcome");
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_io_import_errors_listed (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *db_path = g_build_filename (fixture->dir, "errors.db", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "bad.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GString) csv = g_string_new ("code,name,tier,parent_code,population,households\n"
                                         "371326001,平邑街道,street,,,\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *dialog;
  GtkWidget *view;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;
  ShequWindow *window;

  /* Forty bad lines: each must be named, in a message that scrolls. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (csv, "371326001%03u,村%u,village,999999999,-%u,x\n", i + 1, i, i);
  g_file_set_contents (csv_path, csv->str, csv->len, &error);
  g_assert_no_error (error);

  window = shequ_test_open_window (GTK_APPLICATION (app), db_path, NULL);
  g_assert_false (shequ_window_import_file (window, csv_file, FALSE, SHEQU_IO_ENCODING_AUTO));
  g_assert_cmpuint (shequ_org_store_get_n_units (shequ_window_get_store (window)), ==, 0);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "welcome");

  dialog = GTK_WIDGET (shequ_window_get_dialog (window));
  g_assert_nonnull (dialog);
  text = dialog_text (GTK_WINDOW (dialog));
  g_assert_cmpstr (text, ==, "Could not import the units");

  view = shequ_widget_find_descendant (dialog, GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (view);
  g_assert_nonnull (gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  shown = gtk_text_iter_get_text (&start, &end);
  /* One line per kind of problem, naming every line it was seen on. */
  g_assert_nonnull (strstr (shown, "\nLines 3–42: the parent code “999999999”"));
  g_assert_nonnull (strstr (shown, "\nLines 3–42: households is not a whole number ≥ 0 (“x”)"));
  g_assert_null (strstr (shown, "bad.csv:3"));

  /* The whole list can be copied (and saved). */
  {
    GtkWidget *copy = find_named (dialog, "shequ-message-copy");
    GdkContentProvider *content;
    GValue value = G_VALUE_INIT;

    g_assert_nonnull (copy);
    g_assert_nonnull (find_named (dialog, "shequ-message-save"));
    g_signal_emit_by_name (copy, "clicked");
    content = gdk_clipboard_get_content (gtk_widget_get_clipboard (copy));
    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    g_assert_cmpstr (g_value_get_string (&value), ==, shown);
    g_value_unset (&value);
  }
  shequ_test_wait_until (has_dialog, window);
}

static gboolean
has_toast (gpointer data)
{
  return shequ_window_get_toast_text (data) != NULL;
}

static void
test_menu_check_back_up_restore (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "check.db", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "shequ-copy.db", NULL);
  g_autofree char *text = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ShequWindow *window;

  window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);

  /* The check runs in a thread; its result comes as a dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-integrity", NULL));
  shequ_test_wait_until (has_dialog, window);
  text = dialog_text (shequ_window_get_dialog (window));
  g_assert_cmpstr (text, ==, "The database is intact");
  gtk_dialog_response (GTK_DIALOG (shequ_window_get_dialog (window)), GTK_RESPONSE_CLOSE);

  /* A backup, also in a thread, that opens as the same street. */
  shequ_window_back_up (window, copy);
  shequ_test_wait_until (has_toast, window);
  g_assert_cmpstr (shequ_window_get_toast_text (window), ==, "Backed up to “shequ-copy.db”");
  db = shequ_database_open (copy, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  store = shequ_org_store_new (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==,
                    shequ_org_store_get_n_units (shequ_window_get_store (window)));

  /* A change, then Restore From Backup… with the copy: asked first, then replaced. */
  shequ_org_store_rename_unit (shequ_window_get_store (window),
                               shequ_org_store_get_street (shequ_window_get_store (window)),
                               "改名街道", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "改名街道");
  shequ_window_restore (window, copy);
  shequ_test_wait_until (has_dialog, window);
  g_free (text);
  text = dialog_text (shequ_window_get_dialog (window));
  g_assert_cmpstr (text, ==, "Restore the database from “shequ-copy.db”?");
  gtk_dialog_response (GTK_DIALOG (shequ_window_get_dialog (window)), GTK_RESPONSE_ACCEPT);
  shequ_test_wait_until (is_done, window);
  g_assert_cmpstr (shequ_window_get_subtitle (window), ==, "平邑街道");
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  g_assert_cmpstr (shequ_window_get_toast_text (window), ==, "Restored from “shequ-copy.db”");
  /* Undo history belongs to the replaced state. */
  g_assert_false (shequ_org_store_get_can_undo (shequ_window_get_store (window)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

/* The app's settings, or NULL with the test skipped when the schema is not installed. */
static GSettings *
settings_or_skip (void)
{
  GSettings *settings = shequ_settings_try_new ();

  if (settings == NULL)
    g_test_skip ("The GSettings schema is not installed");
  return settings;
}

static void
test_settings_size_saved (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "size.db", NULL);
  g_autoptr(GSettings) settings = settings_or_skip ();
  ShequWindow *window;
  int width = 0, height = 0;

  if (settings == NULL)
    return;
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  /* A new window opens at the remembered size... */
  window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  /* ...and closing it remembers the size it has then. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* A new window on the database NAME in the fixture's folder. */
static ShequWindow *
open_window_on (Fixture    *fixture,
                const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  return shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
}

/* A stored size that is no size gives the schema's. */
static void
test_settings_bad_size (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = settings_or_skip ();
  g_autoptr(GVariant) fallback = NULL;
  int width = 0, height = 0;
  ShequWindow *window;

  if (settings == NULL)
    return;
  g_settings_set_int (settings, "window-width", 0);
  g_settings_set_int (settings, "window-height", -5);
  fallback = g_settings_get_default_value (settings, "window-width");

  window = open_window_on (fixture, "bad-size.db");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, g_variant_get_int32 (fallback));
  g_assert_cmpint (height, >, 0);
  gtk_window_close (GTK_WINDOW (window));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* The import dialog's encoding is the setting, as the window's stateful action. */
static void
test_settings_import_encoding (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GSettings) settings = settings_or_skip ();
  g_autoptr(GVariant) state = NULL;
  g_autofree char *stored = NULL;
  ShequWindow *window;

  if (settings == NULL)
    return;
  g_settings_set_string (settings, "import-encoding", "gbk");
  window = open_window_on (fixture, "encoding.db");
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "import-encoding");
  g_assert_nonnull (state);
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "gbk");

  g_action_group_change_action_state (G_ACTION_GROUP (window), "import-encoding",
                                      g_variant_new_string ("utf-8"));
  stored = g_settings_get_string (settings, "import-encoding");
  g_assert_cmpstr (stored, ==, "utf-8");
  g_clear_pointer (&stored, g_free);
  /* Not one of the choices: ignored, the setting stays. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "import-encoding",
                                      g_variant_new_string ("latin-1"));
  stored = g_settings_get_string (settings, "import-encoding");
  g_assert_cmpstr (stored, ==, "utf-8");
  g_settings_reset (settings, "import-encoding");
}

static void
test_app_one_window_per_database (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *a = g_build_filename (fixture->dir, "a.db", NULL);
  g_autofree char *a_again = g_build_filename (fixture->dir, ".", "sub", "..", "a.db", NULL);
  g_autofree char *b = g_build_filename (fixture->dir, "b.db", NULL);
  g_autofree char *sub = g_build_filename (fixture->dir, "sub", NULL);
  g_autoptr(GVariant) count = NULL;
  GtkWindow *first;
  GtkWindow *second;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  first = shequ_application_open_database (app, a);
  g_assert_true (SHEQU_IS_WINDOW (first));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (first));

  /* The same file by another spelling: the same window. */
  second = shequ_application_open_database (app, a_again);
  g_assert_true (first == second);
  g_assert_true (shequ_application_find_window (app, a_again) == first);
  count = g_action_group_get_action_state (G_ACTION_GROUP (app), "window-count");
  g_assert_cmpint (g_variant_get_int32 (count), ==, 1);
  g_clear_pointer (&count, g_variant_unref);

  second = shequ_application_open_database (app, b);
  g_assert_true (first != second);
  g_assert_null (shequ_application_find_window (app, sub));
  count = g_action_group_get_action_state (G_ACTION_GROUP (app), "window-count");
  g_assert_cmpint (g_variant_get_int32 (count), ==, 2);
  g_clear_pointer (&count, g_variant_unref);

  shequ_test_close_all_windows (GTK_APPLICATION (app));
  count = g_action_group_get_action_state (G_ACTION_GROUP (app), "window-count");
  g_assert_cmpint (g_variant_get_int32 (count), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  g_setenv ("PANGO_LANGUAGE", "zh-cn", TRUE);
  shequ_test_gtk_init (&argc, &argv);

  app = shequ_test_new_app ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/window/welcome/empty-database", test_welcome_empty);
  ADD ("/window/welcome/open-sample", test_welcome_open_sample);
  ADD ("/window/welcome/create-street", test_welcome_create_street);
  ADD ("/window/undo/restores", test_undo_restores);
  ADD ("/window/error/newer-database", test_error_newer);
  ADD ("/window/error/damaged-database", test_error_damaged);
  ADD ("/window/error/damaged-restore", test_error_damaged_restore);
  ADD ("/window/error/locked-retry", test_error_locked_retry);
  ADD ("/window/io/export-import-undo", test_io_export_import_undo);
  ADD ("/window/io/import-errors-listed", test_io_import_errors_listed);
  ADD ("/window/menu/check-back-up-restore", test_menu_check_back_up_restore);
  ADD ("/window/settings/size-saved", test_settings_size_saved);
  ADD ("/window/settings/bad-size", test_settings_bad_size);
  ADD ("/window/settings/import-encoding", test_settings_import_encoding);
  ADD ("/window/app/one-window-per-database", test_app_one_window_per_database);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
