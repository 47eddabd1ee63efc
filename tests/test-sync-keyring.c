/* test-sync-keyring.c — the sync token in a real Secret Service: gnome-keyring on a private bus */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-keyring"
#define _GNU_SOURCE  /* memmem: the keyring file holds NULs */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "shequ-sync.h"
#include "shequ-test-sync.h"
#include "shequ-test-util.h"

#define KEYRING_PASSWORD "shequ-test-keyring"
#define SECRETS_NAME "org.freedesktop.secrets"
#define SECRETS_PATH "/org/freedesktop/secrets"
#define SECRETS_SERVICE "org.freedesktop.Secret.Service"

static char *root;                /* XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_RUNTIME_DIR are in it */
static GTestDBus *test_bus;        /* kept to the end: see stop_keyring () */
static GSubprocess *daemon_process;
static const char *skip_reason;

static gboolean
skip_without_keyring (void)
{
  if (skip_reason == NULL)
    return FALSE;
  g_test_skip (skip_reason);
  return TRUE;
}

static GVariant *
call_secrets (const char         *path,
              const char         *interface,
              const char         *method,
              GVariant           *parameters,
              const GVariantType *reply_type)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, SECRETS_NAME, path, interface, method, parameters,
                                       reply_type, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

/* The object path of the default collection ("/" while there is none yet). */
static char *
default_collection (void)
{
  g_autoptr(GVariant) reply = call_secrets (SECRETS_PATH, SECRETS_SERVICE, "ReadAlias",
                                            g_variant_new ("(s)", "default"),
                                            G_VARIANT_TYPE ("(o)"));
  char *path = NULL;

  g_variant_get (reply, "(o)", &path);
  return path;
}

static gboolean
secrets_has_owner (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", SECRETS_NAME),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* gnome-keyring-daemon on the test's own bus, its login keyring made and unlocked with a
 * fixed password read from stdin; its files in ROOT, never the user's. */
static void
start_keyring (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *run = g_build_filename (root, "run", NULL);
  gint64 deadline;

  if (daemon == NULL)
    {
      skip_reason = "gnome-keyring-daemon is not installed (Debian: gnome-keyring)";
      return;
    }
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  /* It unsets XDG_RUNTIME_DIR: the daemon's sockets go to one of ours after. */
  g_test_dbus_up (test_bus);
  g_assert_cmpint (g_mkdir (run, 0700), ==, 0);
  g_setenv ("XDG_RUNTIME_DIR", run, TRUE);

  /* Its stdout would mix with the TAP output. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", root, TRUE);
  daemon_process = g_subprocess_launcher_spawn (launcher, &error, daemon, "--foreground",
                                                "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (daemon_process),
                                            KEYRING_PASSWORD, strlen (KEYRING_PASSWORD), NULL,
                                            NULL, &error));
  g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (daemon_process), NULL,
                                        &error));
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!secrets_has_owner ())
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  for (;;)
    {
      g_autofree char *path = default_collection ();

      if (!g_str_equal (path, "/"))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
}

/* The bus is stopped, not torn down: libsecret 0.20.5 keeps a reference to the session
 * connection once a process stored and looked up a password, and g_test_dbus_down would
 * wait 30 s for it to go, then warn. */
static void
stop_keyring (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  if (daemon_process == NULL)
    return;
  secret_service_disconnect ();
  g_subprocess_send_signal (daemon_process, SIGTERM);
  g_assert_true (g_subprocess_wait (daemon_process, NULL, &error));
  g_clear_object (&daemon_process);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_dbus_connection_set_exit_on_close (bus, FALSE);
  g_test_dbus_stop (test_bus);
}

/* The first file under DIR that holds NEEDLE, or NULL. */
static char *
find_in_files (const char *dir,
               const char *needle)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return NULL;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *found = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode) && (found = find_in_files (path, needle)) != NULL)
        return g_steal_pointer (&found);
      if (S_ISREG (st.st_mode) && g_file_get_contents (path, &text, &length, NULL)
          && memmem (text, length, needle, strlen (needle)) != NULL)
        return g_steal_pointer (&path);
    }
  return NULL;
}

static void
assert_in_no_file (const char *token)
{
  g_autofree char *found = find_in_files (root, token);

  g_assert_cmpstr (found, ==, NULL);
}

static char *
token_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "shequ", "sync-tokens", NULL);
}

static char *
lookup_ok (const char *server)
{
  g_autoptr(GError) error = NULL;
  char *token = shequ_sync_token_lookup (server, &error);

  g_assert_no_error (error);
  return token;
}

/* The keyring's items for SERVER (as the store writes it), looked up by the schema's
 * name as the keyring keeps it (xdg:schema), not through the store. */
static GList *
keyring_items (const char *server)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;

  g_hash_table_insert (attributes, (gpointer) "xdg:schema",
                       (gpointer) "org.shequ.Shequ.SyncToken");
  g_hash_table_insert (attributes, (gpointer) "server", (gpointer) server);
  items = secret_service_search_sync (NULL, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  return items;
}

static void
test_keyring_backend (void)
{
  if (skip_without_keyring ())
    return;
  /* SHEQU_TOKEN_STORE is not set: the Secret Service on the bus is found. */
  g_assert_cmpstr (shequ_sync_token_backend (), ==, "keyring");
}

static void
test_keyring_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *none = NULL;
  g_autofree char *path = token_file ();
  g_autofree char *label = NULL;
  GList *items;

  if (skip_without_keyring ())
    return;
  g_assert_true (shequ_sync_token_save ("https://central.example.cn/", "shq1_kfirst", &error));
  g_assert_no_error (error);
  g_assert_true (shequ_sync_token_save ("http://[::1]:8443", "shq1_ksecond", &error));
  g_assert_no_error (error);

  /* Per server, the trailing slash aside. */
  token = lookup_ok ("https://central.example.cn");
  g_assert_cmpstr (token, ==, "shq1_kfirst");
  other = lookup_ok ("http://[::1]:8443/");
  g_assert_cmpstr (other, ==, "shq1_ksecond");
  none = lookup_ok ("https://elsewhere.example.cn");
  g_assert_null (none);

  /* In the keyring, one item a server, labelled with it; neither in a file. */
  items = keyring_items ("https://central.example.cn");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_item_get_label (items->data);
  g_assert_cmpstr (label, ==, "Shequ sync token for https://central.example.cn");
  g_list_free_full (items, g_object_unref);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_in_no_file ("shq1_kfirst");
  assert_in_no_file ("shq1_ksecond");

  /* Replaced: still one item, the new token. */
  g_assert_true (shequ_sync_token_save ("https://central.example.cn", "shq1_kthird", &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);
  token = lookup_ok ("https://central.example.cn/");
  g_assert_cmpstr (token, ==, "shq1_kthird");
  items = keyring_items ("https://central.example.cn");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);

  /* Cleared (twice: the second finds nothing, and is no error); the other stays. */
  g_assert_true (shequ_sync_token_clear ("https://central.example.cn/", &error));
  g_assert_no_error (error);
  g_assert_true (shequ_sync_token_clear ("https://central.example.cn", &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);
  token = lookup_ok ("https://central.example.cn");
  g_assert_null (token);
  g_assert_null (keyring_items ("https://central.example.cn"));
  g_clear_pointer (&other, g_free);
  other = lookup_ok ("http://[::1]:8443");
  g_assert_cmpstr (other, ==, "shq1_ksecond");
  g_assert_true (shequ_sync_token_clear ("http://[::1]:8443", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_in_no_file ("shq1_kthird");
}

/* A token the file kept before there was a keyring is still found; clearing takes it. */
static void
test_keyring_file_left_over (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = token_file ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *token = NULL;

  if (skip_without_keyring ())
    return;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents_full (path, "[https://old.example.cn]\ntoken=shq1_old\n",
                                           -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  token = lookup_ok ("https://old.example.cn/");
  g_assert_cmpstr (token, ==, "shq1_old");

  /* A new one goes to the keyring and is the one found. */
  g_assert_true (shequ_sync_token_save ("https://old.example.cn", "shq1_new", &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);
  token = lookup_ok ("https://old.example.cn");
  g_assert_cmpstr (token, ==, "shq1_new");
  assert_in_no_file ("shq1_new");

  g_assert_true (shequ_sync_token_clear ("https://old.example.cn", &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);
  token = lookup_ok ("https://old.example.cn");
  g_assert_null (token);
  assert_in_no_file ("shq1_old");
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* shequ-cli sync without --token-file takes the keyring's token to a real server; the
 * client's database never holds it. */
static void
test_keyring_cli_sync (void)
{
  ShequTestCentral central = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosureStore) store = NULL;
  g_autofree char *token = NULL;
  g_autofree char *db = g_build_filename (root, "client.db", NULL);
  g_autofree char *server = NULL;

  if (skip_without_keyring ())
    return;
  if (g_getenv ("SHEQU_CENTRAL") == NULL)
    {
      g_test_skip ("SHEQU_CENTRAL is not set (run under meson test)");
      return;
    }
  shequ_test_central_init (&central);
  token = shequ_test_central_add_token (&central, SHEQU_TEST_OFFICE);
  shequ_test_central_start (&central);
  store = shequ_test_client_new (db);
  shequ_test_client_publish (store, "Keyring sync");
  g_clear_object (&store);

  server = g_strconcat (central.url, "/", NULL);
  g_assert_true (shequ_sync_token_save (server, token, &error));
  g_assert_no_error (error);
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", db, "--server",
                                                    central.url, "--json", NULL);

    shequ_test_assert_cli_success (&r);
    g_assert_nonnull (strstr (r.out, "\"pushed\":1"));
  }
  assert_in_no_file (token);

  /* Without it the CLI asks for one. */
  g_assert_true (shequ_sync_token_clear (server, &error));
  g_assert_no_error (error);
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", db, "--server",
                                                    central.url, NULL);

    shequ_test_assert_cli_failure (&r, "--token-file");
  }
  shequ_test_central_clear (&central);
}

static void
lock_default_collection (void)
{
  g_autofree char *collection = default_collection ();
  const char *objects[] = { collection, NULL };
  g_autoptr(GVariant) reply = NULL;

  reply = call_secrets (SECRETS_PATH, SECRETS_SERVICE, "Lock",
                        g_variant_new ("(^ao)", objects), G_VARIANT_TYPE ("(aoo)"));
}

/* Back unlocked without a prompt: gnome-keyring's own call for it, the password sent in
 * a "plain" session. */
static void
unlock_default_collection (void)
{
  g_autofree char *collection = default_collection ();
  g_autoptr(GVariant) opened = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *session = NULL;
  GVariant *password;

  opened = call_secrets (SECRETS_PATH, SECRETS_SERVICE, "OpenSession",
                         g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                         G_VARIANT_TYPE ("(vo)"));
  g_variant_get (opened, "(vo)", NULL, &session);
  password = g_variant_new ("(o@ay@ays)", session,
                            g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                            g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, KEYRING_PASSWORD,
                                                       strlen (KEYRING_PASSWORD), 1),
                            "text/plain");
  reply = call_secrets (SECRETS_PATH, "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
                        "UnlockWithMasterPassword",
                        g_variant_new ("(o@(oayays))", collection, password), NULL);
}

/* Locked, the keyring neither gives the token nor drops it, and says so; nothing goes to
 * the file instead. (No prompt shows: the private bus has no prompter.) */
static void
test_keyring_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = token_file ();

  if (skip_without_keyring ())
    return;
  g_assert_true (shequ_sync_token_save ("https://locked.example.cn", "shq1_before", &error));
  g_assert_no_error (error);
  lock_default_collection ();

  token = shequ_sync_token_lookup ("https://locked.example.cn/", &error);
  g_assert_null (token);
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_assert_nonnull (strstr (error->message, "https://locked.example.cn"));
  g_clear_error (&error);
  /* One never kept is still "none", locked or not. */
  token = lookup_ok ("https://never.example.cn");
  g_assert_null (token);

  g_assert_false (shequ_sync_token_save ("https://locked.example.cn", "shq1_during", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (shequ_sync_token_clear ("https://locked.example.cn", &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_in_no_file ("shq1_during");

  /* Unlocked, the token is the one saved before. */
  unlock_default_collection ();
  token = lookup_ok ("https://locked.example.cn");
  g_assert_cmpstr (token, ==, "shq1_before");
  g_assert_true (shequ_sync_token_clear ("https://locked.example.cn", &error));
  g_assert_no_error (error);
}

/* The test run again in a child with no session bus at all: its own config dir, no bus
 * address, no $XDG_RUNTIME_DIR/bus, no DISPLAY to autolaunch one with. In the parent
 * (NULL) the child has run and passed; in the child, its temp dir. */
static char *
leave_the_bus (void)
{
  g_autofree char *run = NULL;
  char *dir;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return NULL;
    }
  dir = shequ_test_make_tmpdir ("shequ-sync-nobus-XXXXXX");
  run = g_build_filename (dir, "run", NULL);
  g_assert_cmpint (g_mkdir (run, 0700), ==, 0);
  g_test_dbus_unset ();
  g_setenv ("XDG_RUNTIME_DIR", run, TRUE);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  return dir;
}

/* No Secret Service: the token goes to the 0600 file. */
static void
test_keyring_absent_falls_back (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  if ((dir = leave_the_bus ()) == NULL)
    return;
  g_unsetenv ("SHEQU_TOKEN_STORE");
  g_assert_cmpstr (shequ_sync_token_backend (), ==, "file");
  g_assert_true (shequ_sync_token_save ("https://central.example.cn", "shq1_nobus", &error));
  g_assert_no_error (error);
  path = token_file ();
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  token = lookup_ok ("https://central.example.cn/");
  g_assert_cmpstr (token, ==, "shq1_nobus");
  shequ_test_remove_tree (dir);
}

/* SHEQU_TOKEN_STORE=keyring and no Secret Service: an error, and no file instead. */
static void
test_keyring_absent_forced (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  if ((dir = leave_the_bus ()) == NULL)
    return;
  g_setenv ("SHEQU_TOKEN_STORE", "keyring", TRUE);
  g_assert_cmpstr (shequ_sync_token_backend (), ==, "keyring");
  g_assert_false (shequ_sync_token_save ("https://central.example.cn", "shq1_lost", &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  token = shequ_sync_token_lookup ("https://central.example.cn", &error);
  g_assert_null (token);
  g_assert_nonnull (error);
  path = token_file ();
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  shequ_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!g_test_subprocess ())
    {
      root = shequ_test_make_tmpdir ("shequ-sync-keyring-XXXXXX");
      g_setenv ("XDG_CONFIG_HOME", root, TRUE);
      g_setenv ("XDG_DATA_HOME", root, TRUE);
      g_unsetenv ("SHEQU_TOKEN_STORE");
      start_keyring ();
    }

  g_test_add_func ("/sync/keyring/backend", test_keyring_backend);
  g_test_add_func ("/sync/keyring/roundtrip", test_keyring_roundtrip);
  g_test_add_func ("/sync/keyring/file-left-over", test_keyring_file_left_over);
  g_test_add_func ("/sync/keyring/cli-sync", test_keyring_cli_sync);
  /* Last: it leaves the keyring locked if it fails. */
  g_test_add_func ("/sync/keyring/locked", test_keyring_locked);
  g_test_add_func ("/sync/keyring/absent/falls-back", test_keyring_absent_falls_back);
  g_test_add_func ("/sync/keyring/absent/forced", test_keyring_absent_forced);

  status = g_test_run ();
  if (!g_test_subprocess ())
    {
      stop_keyring ();
      shequ_test_remove_tree (root);
      g_free (root);
    }
  return status;
}
