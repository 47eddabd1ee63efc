/* test-single-instance.c — a second `shequ` hands over to the first, in a private bus */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-single-instance"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"

/* Set in the environment of the copy of this test that runs inside its own bus. */
#define PRIVATE_BUS_ENV "SHEQU_TEST_PRIVATE_BUS"
/* A guard against a test that would otherwise hang; never reached when all is well. */
#define WAIT_LIMIT_SECONDS 30

static char *shequ_bin;

typedef struct {
  GSubprocess *process;
  gboolean     exited;
} Child;

static void
on_child_exited (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Child *child = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  child->exited = TRUE;
}

static Child *
spawn_shequ (const char *cwd,
             const char *db)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  Child *child = g_new0 (Child, 1);

  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  child->process = g_subprocess_launcher_spawn (launcher, &error, shequ_bin, "--db", db, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (child->process, NULL, on_child_exited, child);
  return child;
}

static void
child_free (Child *child)
{
  if (!child->exited)
    {
      g_subprocess_force_exit (child->process);
      while (!child->exited)
        g_main_context_iteration (NULL, TRUE);
    }
  g_object_unref (child->process);
  g_free (child);
}

static gboolean
child_exited (gpointer data)
{
  return ((Child *) data)->exited;
}

/* A second launch must hand over and exit by itself, successfully. */
static void
run_second_launch (const char *cwd,
                   const char *db)
{
  Child *child = spawn_shequ (cwd, db);

  shequ_test_wait_until_for (WAIT_LIMIT_SECONDS, child_exited, child);
  g_assert_true (g_subprocess_get_if_exited (child->process));
  g_assert_cmpint (g_subprocess_get_exit_status (child->process), ==, 0);
  child_free (child);
}

typedef struct {
  GDBusConnection *bus;
  char            *object_path;
  Child           *primary;
  gboolean         name_owned;
} Instance;

static void
on_name_appeared (GDBusConnection *bus,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  ((Instance *) user_data)->name_owned = TRUE;
}

static gboolean
name_owned_or_primary_gone (gpointer data)
{
  Instance *instance = data;

  return instance->name_owned || instance->primary->exited;
}

/* The primary's window count, read from its app.window-count action state. */
static int
get_window_count (Instance *instance)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) states = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) error = NULL;
  const char *signature = NULL;
  gboolean enabled;

  reply = g_dbus_connection_call_sync (instance->bus, APP_ID, instance->object_path,
                                       "org.gtk.Actions", "Describe",
                                       g_variant_new ("(s)", "window-count"),
                                       G_VARIANT_TYPE ("((bgav))"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "((b&g@av))", &enabled, &signature, &states);
  g_assert_cmpuint (g_variant_n_children (states), ==, 1);
  state = g_variant_get_child_value (states, 0);
  {
    g_autoptr(GVariant) inner = g_variant_get_variant (state);

    g_assert_true (g_variant_is_of_type (inner, G_VARIANT_TYPE_INT32));
    return g_variant_get_int32 (inner);
  }
}

typedef struct {
  Instance *instance;
  int       count;
} CountCheck;

static gboolean
window_count_is (gpointer data)
{
  CountCheck *check = data;

  g_assert_false (check->instance->primary->exited);
  return get_window_count (check->instance) == check->count;
}

static void
on_actions_changed (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *params,
                    gpointer         user_data)
{
  /* Only wakes the main loop up: the count is read again after every change. */
}

static void
wait_for_window_count (Instance *instance,
                       int       count)
{
  CountCheck check = { instance, count };

  shequ_test_wait_until_for (WAIT_LIMIT_SECONDS, window_count_is, &check);
}

/* The process that owns the application's bus name. */
static guint32
get_name_owner_pid (Instance *instance)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 pid = 0;

  reply = g_dbus_connection_call_sync (instance->bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", APP_ID),
                                       G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &pid);
  return pid;
}

static void
test_single_instance (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_a = NULL;
  g_autofree char *db_b = NULL;
  g_autoptr(GVariant) reply = NULL;
  Instance instance = { 0 };
  guint watch_id;
  guint signal_id;
  guint32 owner_pid;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display");
      return;
    }
  if (!g_file_test (shequ_bin, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("The shequ program is not built");
      return;
    }

  dir = g_dir_make_tmp ("shequ-test-single-XXXXXX", &error);
  g_assert_no_error (error);
  db_a = g_build_filename (dir, "a.db", NULL);
  db_b = g_build_filename (dir, "b.db", NULL);

  instance.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  instance.object_path = g_strconcat ("/", APP_ID, NULL);
  g_strdelimit (instance.object_path, ".", '/');

  /* Nobody holds the name in this private session yet. */
  reply = g_dbus_connection_call_sync (instance.bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", APP_ID),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  {
    gboolean has_owner = TRUE;

    g_variant_get (reply, "(b)", &has_owner);
    g_assert_false (has_owner);
  }

  watch_id = g_bus_watch_name_on_connection (instance.bus, APP_ID, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                             on_name_appeared, NULL, &instance, NULL);
  signal_id = g_dbus_connection_signal_subscribe (instance.bus, APP_ID, "org.gtk.Actions",
                                                  "Changed", instance.object_path, NULL,
                                                  G_DBUS_SIGNAL_FLAGS_NONE, on_actions_changed,
                                                  NULL, NULL);

  /* The primary instance, on database A. */
  instance.primary = spawn_shequ (NULL, db_a);
  shequ_test_wait_until_for (WAIT_LIMIT_SECONDS, name_owned_or_primary_gone, &instance);
  g_assert_false (instance.primary->exited);
  owner_pid = get_name_owner_pid (&instance);
  {
    g_autofree char *pid = g_strdup_printf ("%u", owner_pid);

    g_assert_cmpstr (g_subprocess_get_identifier (instance.primary->process), ==, pid);
  }
  wait_for_window_count (&instance, 1);

  /* Again with A: handed over, no second window. */
  run_second_launch (NULL, db_a);
  g_assert_cmpint (get_window_count (&instance), ==, 1);
  g_assert_cmpuint (get_name_owner_pid (&instance), ==, owner_pid);

  /* A by a relative path from another folder: still the same database, same window. */
  run_second_launch (dir, "a.db");
  g_assert_cmpint (get_window_count (&instance), ==, 1);

  /* Another database: a second window of the same instance. */
  run_second_launch (NULL, db_b);
  wait_for_window_count (&instance, 2);
  g_assert_cmpuint (get_name_owner_pid (&instance), ==, owner_pid);
  g_assert_false (instance.primary->exited);

  /* app.quit over D-Bus ends the primary cleanly. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (instance.bus, APP_ID, instance.object_path,
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  shequ_test_wait_until_for (WAIT_LIMIT_SECONDS, child_exited, instance.primary);
  g_assert_true (g_subprocess_get_if_exited (instance.primary->process));
  g_assert_cmpint (g_subprocess_get_exit_status (instance.primary->process), ==, 0);

  g_dbus_connection_signal_unsubscribe (instance.bus, signal_id);
  g_bus_unwatch_name (watch_id);
  child_free (instance.primary);
  g_free (instance.object_path);
  g_clear_object (&instance.bus);
  shequ_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  shequ_test_require_display ();

  /* Never the desktop's session bus: a Shequ running there would answer instead. */
  if (g_getenv (PRIVATE_BUS_ENV) == NULL)
    {
      g_autofree char *runner = g_find_program_in_path ("dbus-run-session");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) args = NULL;

      if (runner == NULL)
        shequ_test_skip_program ("dbus-run-session is not installed");
      g_strv_builder_add_many (builder, runner, "--", argv[0], NULL);
      for (int i = 1; i < argc; i++)
        g_strv_builder_add (builder, argv[i]);
      args = g_strv_builder_end (builder);

      g_setenv (PRIVATE_BUS_ENV, "1", TRUE);
      execv (runner, args);
      g_printerr ("Cannot run %s: %s\n", runner, g_strerror (errno));
      return 1;
    }

  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

  shequ_bin = g_strdup (g_getenv ("SHEQU_BIN"));
  if (shequ_bin == NULL)
    shequ_bin = g_test_build_filename (G_TEST_BUILT, "..", "src", "app", "shequ", NULL);

  g_test_add_func ("/single-instance/second-launch-hands-over", test_single_instance);

  ret = g_test_run ();
  g_free (shequ_bin);
  return ret;
}
