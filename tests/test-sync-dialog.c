/* test-sync-dialog.c — the central server's settings: the token kept out of the database */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-dialog"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include <curl/curl.h>
#include <signal.h>

#include "shequ-app-util.h"
#include "shequ-disclosure-page-private.h"
#include "shequ-sync-dialog.h"
#include "shequ-sync-status.h"
#include "shequ-sync.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-units.h"
#include "shequ-window-private.h"

#define TOKEN "shq1_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHE"

static ShequApplication *app;
static char *config_dir;

typedef struct {
  char        *dir;
  char        *path;
  ShequWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = shequ_test_make_tmpdir ("shequ-test-sync-dialog-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "street.db", NULL);
  shequ_test_make_sample_database (fixture->path, FALSE);
  fixture->window = shequ_test_open_window (GTK_APPLICATION (app), fixture->path, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  shequ_test_window_fixture_clear (GTK_APPLICATION (app), &fixture->dir, &fixture->path);
}

static ShequSyncDialog *
open_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sync-settings", NULL));
  dialog = shequ_window_get_dialog (fixture->window);
  g_assert_true (SHEQU_IS_SYNC_DIALOG (dialog));
  return SHEQU_SYNC_DIALOG (dialog);
}

/* Whether NEEDLE is anywhere in the file at PATH (missing files hold nothing). */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_bad_address (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *bad[] = { "", "ftp://central.example", "central.example", "https://", "https://u:p@central.example",
                        "https://central.example/?a=1" };
  ShequSyncDialog *dialog = open_dialog (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      gtk_editable_set_text (shequ_sync_dialog_get_server_entry (dialog), bad[i]);
      g_assert_false (shequ_sync_dialog_save (dialog, &error));
      g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
    }
  g_assert_true (shequ_sync_check_server_url ("http://127.0.0.1:8080", NULL));
  g_assert_true (shequ_sync_check_server_url ("https://gongkai.example.gov.cn/base", NULL));
}

/* Save keeps the address, interval and CA file in the settings and the token in the
 * file backend (0600), and none of it in the database. */
static void
test_token_saved_outside_database (Fixture       *fixture,
                                   gconstpointer  data)
{
  ShequSyncDialog *dialog = open_dialog (fixture);
  g_autoptr(GSettings) settings = g_settings_new ("org.shequ.Shequ");
  g_autofree char *tokens = g_build_filename (config_dir, "shequ", "sync-tokens", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *server = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_cmpstr (shequ_sync_token_backend (), ==, "file");
  gtk_editable_set_text (shequ_sync_dialog_get_server_entry (dialog), " https://central.example:8443/ ");
  gtk_editable_set_text (shequ_sync_dialog_get_token_entry (dialog), TOKEN);
  gtk_spin_button_set_value (shequ_sync_dialog_get_interval_spin (dialog), 30);
  g_assert_true (shequ_sync_dialog_save (dialog, &error));
  g_assert_no_error (error);

  server = g_settings_get_string (settings, "sync-server");
  g_assert_cmpstr (server, ==, "https://central.example:8443");
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 30);
  kept = shequ_sync_token_lookup (server, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, TOKEN);
  g_assert_cmpint (g_stat (tokens, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (file_contains (tokens, TOKEN));
  /* The entry lets go of it once kept. */
  g_assert_cmpstr (gtk_editable_get_text (shequ_sync_dialog_get_token_entry (dialog)), ==, "");

  /* Written to the database by nothing: neither the file nor its journal holds it. */
  g_assert_false (file_contains (fixture->path, TOKEN));
  g_assert_false (file_contains (wal, TOKEN));

  /* Saving again without typing a token keeps the one kept. */
  gtk_spin_button_set_value (shequ_sync_dialog_get_interval_spin (dialog), 0);
  g_assert_true (shequ_sync_dialog_save (dialog, &error));
  g_clear_pointer (&kept, g_free);
  kept = shequ_sync_token_lookup (server, NULL);
  g_assert_cmpstr (kept, ==, TOKEN);
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 0);
  g_assert_true (shequ_sync_token_clear (server, NULL));
  g_settings_reset (settings, "sync-server");
  g_settings_reset (settings, "sync-interval");
}

/* A CA file that does not exist is refused, naming it. */
static void
test_bad_ca_file (Fixture       *fixture,
                  gconstpointer  data)
{
  ShequSyncDialog *dialog = open_dialog (fixture);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-ca.pem", NULL);
  g_autoptr(GError) error = NULL;

  gtk_editable_set_text (shequ_sync_dialog_get_server_entry (dialog), "https://central.example");
  gtk_editable_set_text (shequ_sync_dialog_get_ca_entry (dialog), missing);
  g_assert_false (shequ_sync_dialog_save (dialog, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "no-such-ca.pem"));
}

/* Every field is named by its caption, and its mnemonics do not clash. */

static void
check_accessible (Fixture *fixture)
{
  ShequSyncDialog *dialog = open_dialog (fixture);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GtkAccessible *fields[] = {
    GTK_ACCESSIBLE (shequ_sync_dialog_get_server_entry (dialog)),
    GTK_ACCESSIBLE (shequ_sync_dialog_get_token_entry (dialog)),
    GTK_ACCESSIBLE (shequ_sync_dialog_get_interval_spin (dialog)),
    GTK_ACCESSIBLE (shequ_sync_dialog_get_ca_entry (dialog)),
  };
  GtkWidget *status = shequ_window_get_sync_status (fixture->window);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (gtk_test_accessible_has_relation (fields[i], GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
                   gtk_test_accessible_has_property (fields[i], GTK_ACCESSIBLE_PROPERTY_LABEL));
  shequ_test_collect_mnemonics (GTK_WIDGET (dialog), seen, FALSE);
  g_assert_cmpuint (g_hash_table_size (seen), >=, 8);

  /* The indicator in the header bar says it in words. */
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_is_visible (status));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (status)),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  /* DATA "zh_CN": in Chinese (the program's last test: it switches the locale). */
  if (data != NULL && !shequ_test_use_chinese ())
    return;
  check_accessible (fixture);
}

/* Sync Now without a server opens the settings instead; with a server that is not
 * there, the GUI stays responsive and the indicator says offline. */
static gboolean
sync_finished (gpointer data)
{
  Fixture *fixture = data;

  return shequ_window_get_n_syncs (fixture->window) > 0;
}

static void
test_sync_offline (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.shequ.Shequ");
  ShequSyncStatusButton *status = SHEQU_SYNC_STATUS_BUTTON (shequ_window_get_sync_status (fixture->window));
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sync-now", NULL));
  g_assert_true (SHEQU_IS_SYNC_DIALOG (shequ_window_get_dialog (fixture->window)));
  gtk_window_destroy (shequ_window_get_dialog (fixture->window));

  /* A port that was free a moment ago: nothing answers there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
  g_socket_close (socket, NULL);

  g_settings_set_string (settings, "sync-server", url);
  g_assert_true (shequ_sync_token_save (url, TOKEN, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sync-now", NULL));
  g_assert_true (shequ_window_is_syncing (fixture->window));
  /* Not a second one while it runs. */
  g_assert_false (_shequ_window_start_sync (fixture->window, TRUE));
  shequ_test_wait_until (sync_finished, fixture);
  g_assert_false (shequ_window_is_syncing (fixture->window));
  g_assert_cmpint (shequ_sync_status_button_get_link (status), ==, SHEQU_SYNC_LINK_OFFLINE);
  {
    g_autofree char *prefix = g_strdup (g_dgettext (GETTEXT_PACKAGE, "Could not sync: %s"));

    *strstr (prefix, "%s") = '\0';
    g_assert_true (g_str_has_prefix (shequ_window_get_toast_text (fixture->window), prefix));
  }
  g_assert_true (shequ_sync_token_clear (url, NULL));
  g_settings_reset (settings, "sync-server");
}


/* ------------------------------------------------------------------------ */
/* Publish in the window, sync to a real shequ-central, read the public page  */

static size_t
append_body (char   *data,
             size_t  size,
             size_t  n,
             void   *user_data)
{
  g_string_append_len (user_data, data, (gssize) (size * n));
  return size * n;
}

/* The body of GET URL (libcurl, as the sync itself talks to the server). */
static char *
http_get (const char *url,
          long       *status)
{
  CURL *curl = curl_easy_init ();
  GString *body = g_string_new (NULL);

  g_assert_nonnull (curl);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, body);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, status);
  curl_easy_cleanup (curl);
  return g_string_free (body, FALSE);
}

/* shequ-central on DB at 127.0.0.1 (a port the OS picks); *URL without the slash. */
static GSubprocess *
start_central (const char  *db,
               char       **url)
{
  const char *program = g_getenv ("SHEQU_CENTRAL");
  const char *argv[] = { program, "--db", db, "--listen", "127.0.0.1:0", NULL };
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  server = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on "));
  *url = g_strdup (line + strlen ("listening on "));
  while (g_str_has_suffix (*url, "/"))
    (*url)[strlen (*url) - 1] = '\0';
  return g_steal_pointer (&server);
}

static char *
add_central_token (const char *db,
                   const char *office)
{
  const char *argv[] = { g_getenv ("SHEQU_CENTRAL"), "--db", db, "token", "add", office, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return g_strstrip (g_steal_pointer (&out));
}

static gboolean
test_finished (gpointer data)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (shequ_sync_dialog_get_test_button (data)));
}

static gboolean
dialog_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Clicks Test Connection and waits for its answer: the message shown. */
static const char *
test_connection (ShequSyncDialog *dialog,
                 gboolean        *is_error)
{
  g_signal_emit_by_name (shequ_sync_dialog_get_test_button (dialog), "clicked");
  g_assert_false (test_finished (dialog));
  g_assert_nonnull (strstr (shequ_sync_dialog_get_message (dialog, NULL), "Connecting"));
  shequ_test_wait_until_for (60, test_finished, dialog);
  return shequ_sync_dialog_get_message (dialog, is_error);
}

/* Test Connection asks a real server in a thread with what is typed, saving nothing:
 * a good token connects, a wrong one says so. */
static void
test_test_connection (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *central_db = g_build_filename (fixture->dir, "central.db", NULL);
  ShequUnit *street = shequ_org_store_get_street (shequ_window_get_store (fixture->window));
  g_autoptr(GSubprocess) server = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *kept = NULL;
  ShequSyncDialog *dialog;
  gboolean is_error = TRUE;

  if (g_getenv ("SHEQU_CENTRAL") == NULL)
    {
      g_test_skip ("SHEQU_CENTRAL is not set");
      return;
    }
  token = add_central_token (central_db, shequ_unit_get_code (street));
  server = start_central (central_db, &url);
  dialog = shequ_sync_dialog_new (GTK_WINDOW (fixture->window), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (shequ_sync_dialog_get_server_entry (dialog), url);
  gtk_editable_set_text (shequ_sync_dialog_get_token_entry (dialog), token);
  g_assert_nonnull (strstr (test_connection (dialog, &is_error), "Connected"));
  g_assert_false (is_error);
  kept = shequ_sync_token_lookup (url, NULL);
  g_assert_null (kept);

  gtk_editable_set_text (shequ_sync_dialog_get_token_entry (dialog), "shq1.99.wrong");
  test_connection (dialog, &is_error);
  g_assert_true (is_error);

  /* With no token typed and none kept, it asks for one without asking the server. */
  gtk_editable_set_text (shequ_sync_dialog_get_token_entry (dialog), "");
  g_signal_emit_by_name (shequ_sync_dialog_get_test_button (dialog), "clicked");
  g_assert_true (test_finished (dialog));
  shequ_sync_dialog_get_message (dialog, &is_error);
  g_assert_true (is_error);

  /* Closed while a test is under way: its answer is dropped, and the dialog goes. */
  gtk_editable_set_text (shequ_sync_dialog_get_token_entry (dialog), token);
  g_signal_emit_by_name (shequ_sync_dialog_get_test_button (dialog), "clicked");
  g_assert_false (test_finished (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  shequ_test_wait_until_for (60, dialog_gone, &dialog);
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
}

static void
test_publish_and_sync (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.shequ.Shequ");
  g_autofree char *central_db = g_build_filename (fixture->dir, "central.db", NULL);
  ShequOrgStore *org = shequ_window_get_store (fixture->window);
  ShequUnit *street = shequ_org_store_get_street (org);
  ShequUnit *community = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *page_url = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  ShequDisclosurePage *page;
  ShequDisclosureEditor *editor;
  ShequFinanceLine *line;
  GPtrArray *units = shequ_org_store_get_units (org);
  long status = 0;

  if (g_getenv ("SHEQU_CENTRAL") == NULL)
    {
      g_test_skip ("SHEQU_CENTRAL is not set");
      return;
    }
  for (guint i = 0; i < units->len && community == NULL; i++)
    if (shequ_unit_get_tier (g_ptr_array_index (units, i)) == SHEQU_TIER_COMMUNITY)
      community = g_ptr_array_index (units, i);
  g_assert_nonnull (community);
  token = add_central_token (central_db, shequ_unit_get_code (street));
  server = start_central (central_db, &url);
  g_settings_set_string (settings, "sync-server", url);
  g_assert_true (shequ_sync_token_save (url, token, &error));
  g_assert_no_error (error);

  /* Written, approved and published in the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view-disclosure", NULL));
  page = SHEQU_DISCLOSURE_PAGE (shequ_window_get_disclosure_page (fixture->window));
  shequ_session_set_selected_unit (fixture->window->session, community);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "disclosure.new", "i", SHEQU_DISCLOSURE_KIND_FINANCE));
  editor = shequ_disclosure_page_get_editor (page);
  gtk_editable_set_text (shequ_disclosure_editor_get_title_entry (editor), "同步测试财务公开");
  gtk_editable_set_text (shequ_disclosure_editor_get_period_entry (editor), "2026-Q3");
  gtk_editable_set_text (shequ_disclosure_editor_get_opening_entry (editor), "100");
  gtk_editable_set_text (shequ_disclosure_editor_get_closing_entry (editor), "350.5");
  line = shequ_finance_table_add_line (shequ_disclosure_editor_get_finance_table (editor));
  g_object_set (line, "direction", (guint) SHEQU_FINANCE_INCOME, "category", "土地承包费",
                "amount-text", "250.50", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "disclosure.submit", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "disclosure.approve", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "disclosure.publish", "b", TRUE));
  g_assert_cmpint (shequ_disclosure_store_lookup (shequ_window_get_disclosure_store (fixture->window),
                                                  shequ_disclosure_page_get_selected (page))->state,
                   ==, SHEQU_DISCLOSURE_STATE_PUBLISHED);

  /* Sync Now: in a thread; the window keeps drawing meanwhile. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sync-now", NULL));
  g_assert_true (shequ_window_is_syncing (fixture->window));
  shequ_test_wait_until_for (60, sync_finished, fixture);
  g_assert_cmpint (shequ_sync_status_button_get_link (SHEQU_SYNC_STATUS_BUTTON (shequ_window_get_sync_status (fixture->window))),
                   ==, SHEQU_SYNC_LINK_ONLINE);
  g_assert_cmpint (shequ_disclosure_store_lookup (shequ_window_get_disclosure_store (fixture->window),
                                                  shequ_disclosure_page_get_selected (page))->sync,
                   ==, SHEQU_SYNC_STATUS_SYNCED);

  /* On the residents' page of the community, with its total. */
  page_url = g_strdup_printf ("%s/u/%s", url, shequ_unit_get_code (community));
  html = http_get (page_url, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_nonnull (strstr (html, "同步测试财务公开"));
  g_assert_nonnull (strstr (html, "250.50"));

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_assert_true (shequ_sync_token_clear (url, NULL));
  g_settings_reset (settings, "sync-server");
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  ShequSyncDialog *dialog;

  if (g_getenv ("SHEQU_TEST_SHOTS") == NULL)
    {
      g_test_skip ("SHEQU_TEST_SHOTS is not set");
      return;
    }
  dialog = open_dialog (fixture);
  gtk_editable_set_text (shequ_sync_dialog_get_server_entry (dialog), "https://gongkai.example.gov.cn");
  gtk_editable_set_text (shequ_sync_dialog_get_token_entry (dialog), TOKEN);
  shequ_test_save_shot (GTK_WIDGET (dialog), "sync-dialog");
  gtk_editable_set_text (shequ_sync_dialog_get_server_entry (dialog), "gongkai.example.gov.cn");
  shequ_sync_dialog_save (dialog, NULL);
  shequ_test_save_shot (GTK_WIDGET (dialog), "sync-dialog-error");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The indicator's popover, as after a sync that left work behind. */
  {
    GtkWidget *status = shequ_window_get_sync_status (fixture->window);
    GtkWidget *button = gtk_widget_get_first_child (status);
    GtkWidget *popover = gtk_widget_get_next_sibling (button);

    shequ_sync_status_button_set_link (SHEQU_SYNC_STATUS_BUTTON (status), SHEQU_SYNC_LINK_OFFLINE,
                                       "Could not sync: the central server at https://gongkai.example.gov.cn did not answer");
    shequ_sync_status_button_set_counts (SHEQU_SYNC_STATUS_BUTTON (status), 3, 0, 1);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
    g_assert_true (GTK_IS_POPOVER (popover));
    shequ_test_wait_for_draw (popover);
    shequ_test_save_shot (popover, "sync-status");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = shequ_test_make_tmpdir ("shequ-test-sync-home-XXXXXX");

  /* Before anything asks GLib where the configuration is: it remembers. */
  config_dir = g_build_filename (home, "config", NULL);
  g_mkdir_with_parents (config_dir, 0700);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_setenv ("SHEQU_TOKEN_STORE", "file", TRUE);
  app = shequ_test_window_program_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync-dialog/bad-address", test_bad_address);
  ADD ("/sync-dialog/token-outside-database", test_token_saved_outside_database);
  ADD ("/sync-dialog/bad-ca-file", test_bad_ca_file);
  ADD ("/sync-dialog/accessible", test_accessible);
  ADD ("/sync-dialog/sync-offline", test_sync_offline);
  ADD ("/sync-dialog/publish-sync-public-page", test_publish_and_sync);
  ADD ("/sync-dialog/test-connection", test_test_connection);
  ADD ("/sync-dialog/screenshots", test_screenshots);
  g_test_add ("/sync-dialog/zh_CN/accessible", Fixture, "zh_CN", fixture_setup, test_accessible,
              fixture_teardown);
#undef ADD

  {
    int status = g_test_run ();

    g_clear_object (&app);
    shequ_test_remove_tree (home);
    g_free (config_dir);
    return status;
  }
}
