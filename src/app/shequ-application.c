/* shequ-application.c — the application: options, single instance, windows per database */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdlib.h>

#include "shequ-application.h"
#include "shequ-database.h"
#include "shequ-window.h"

/* The project's home, as in data/org.shequ.Shequ.metainfo.xml.in. */
#define SHEQU_WEBSITE "https://shequ.org.cn/"

struct _ShequApplication
{
  GtkApplication  parent_instance;

  GSimpleAction  *window_count;
  char           *screenshot_dir;
  char           *preload_path;
  gboolean        bench_first_frame;
};

G_DEFINE_FINAL_TYPE (ShequApplication, shequ_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database at PATH instead of the default one"), N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save the main views as PNG files in DIR, print their paths and quit"), N_("DIR") },
  /* For the start-up benchmark: quit once the main view has been drawn. */
  { "bench-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    "Quit at the first frame of the main view", NULL },
  /* For tests: do not register on the session bus as the single instance. */
  { "non-unique", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    "Run as an independent instance", NULL },
  { NULL }
};

/* Every keyboard shortcut of the app, once. GtkApplication binds them for the app.
 * and win. actions; the window binds the org. ones to its org view (its class key
 * bindings, from this table) and the org view binds them on its tree, with the keys
 * that act there only; the shortcuts window and the menus read them all. */
static const ShequShortcut shortcuts[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.show-shortcuts", { "<Control>question", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", NULL } },
  { "org.search", { "<Control>f", NULL } },
  { "org.rename", { "F2", NULL } },
  { "org.delete", { "Delete", NULL }, { "KP_Delete", NULL } },
  { "org.add-child", { "<Control><Shift>n", NULL }, { "Insert", NULL } },
  { "org.move", { "<Control>m", NULL } },
  { "org.context-menu", { NULL }, { "Menu", "<Shift>F10", NULL } },
  { "win.import-units", { "<Control>i", NULL } },
  { "win.export-units", { "<Control>e", NULL } },
  { "win.import-boundaries", { "<Control><Shift>b", NULL } },
  { "win.export-map", { "<Control><Shift>e", NULL } },
  { "win.print-map", { "<Control>p", NULL } },
  { "win.present-map", { "F5", NULL } },
  { "win.view-org", { "<Alt>1", NULL } },
  { "win.view-compliance", { "<Alt>2", NULL } },
  { "win.view-map", { "<Alt>3", NULL } },
  { "win.view-eval", { "<Alt>4", NULL } },
  { "win.view-disclosure", { "<Alt>5", NULL } },
  { "win.sync-now", { "<Control><Shift>s", NULL } },
};

const ShequShortcut *
shequ_application_get_shortcuts (guint *n_shortcuts)
{
  g_return_val_if_fail (n_shortcuts != NULL, NULL);

  *n_shortcuts = G_N_ELEMENTS (shortcuts);
  return shortcuts;
}

/* An absolute path with symbolic links resolved where the file exists, so two
 * spellings of one database compare equal. */
static char *
canonical_path (const char *path)
{
  g_autofree char *absolute = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *resolved;

  g_assert (path != NULL);

  absolute = g_canonicalize_filename (path, NULL);
  if ((resolved = realpath (absolute, NULL)) != NULL)
    {
      char *result = g_strdup (resolved);

      free (resolved);
      return result;
    }

  /* The file may not exist yet: resolve its folder. */
  dir = g_path_get_dirname (absolute);
  base = g_path_get_basename (absolute);
  if ((resolved = realpath (dir, NULL)) != NULL)
    {
      char *result = g_build_filename (resolved, base, NULL);

      free (resolved);
      return result;
    }
  return g_steal_pointer (&absolute);
}

GtkWindow *
shequ_application_find_window (ShequApplication *self,
                               const char       *path)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (SHEQU_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  canonical = canonical_path (path);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      g_autofree char *other = NULL;

      if (!SHEQU_IS_WINDOW (l->data))
        continue;
      other = canonical_path (shequ_window_get_database_path (l->data));
      if (g_strcmp0 (canonical, other) == 0)
        return l->data;
    }
  return NULL;
}

GtkWindow *
shequ_application_open_database (ShequApplication *self,
                                 const char       *path)
{
  g_autofree char *canonical = NULL;
  ShequWindow *window;

  g_return_val_if_fail (SHEQU_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  canonical = canonical_path (path);
  window = (ShequWindow *) shequ_application_find_window (self, canonical);
  if (window == NULL)
    {
      window = shequ_window_new (GTK_APPLICATION (self), canonical);
      shequ_window_set_bench_first_frame (window, self->bench_first_frame);
      if (self->screenshot_dir != NULL)
        shequ_window_take_screenshots (window, self->screenshot_dir);
      shequ_window_load_async (window);
      /* At start-up the first window shows with its street; a window opened later
       * (from a second launch, whose activation token is for now) shows at once. */
      if (gtk_application_get_windows (GTK_APPLICATION (self))->next == NULL)
        {
          shequ_window_present_when_loaded (window);
          return GTK_WINDOW (window);
        }
    }
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
update_window_count (ShequApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  int n = 0;

  g_assert (SHEQU_IS_APPLICATION (self));

  for (GList *l = windows; l; l = l->next)
    if (SHEQU_IS_WINDOW (l->data))
      n++;
  g_simple_action_set_state (self->window_count, g_variant_new_int32 (n));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ShequApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (not just quitting) lets every window remember its size. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  ShequApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  const char *authors[] = { "Shequ maintainers https://shequ.org.cn/", NULL };
  const char *logo = gtk_icon_theme_has_icon (theme, APP_ID) ? APP_ID : "org.shequ.Shequ";

  /* GTK_LICENSE_GPL_3_0 is "version 3 or later", as the SPDX lines say. */
  gtk_show_about_dialog (parent,
                         "program-name", _("Shequ"),
                         "version", PACKAGE_VERSION,
                         "logo-icon-name", logo,
                         "comments", _("Grid-based community governance for street offices: "
                                       "the organisation of a street, its people and the "
                                       "rules they follow."),
                         "copyright", _("© 2026 The Shequ developers"),
                         "website", SHEQU_WEBSITE,
                         "website-label", _("Shequ’s Website"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: your names, one per line, e.g. "Name <email>";
                          * GTK leaves the credits out when this is not translated. */
                         "translator-credits", _("translator-credits"),
                         "modal", TRUE,
                         "destroy-with-parent", TRUE,
                         NULL);
}

/* Ctrl+C in a terminal or a TERM from the session: close the windows as the
 * user would, so sizes are saved and the databases closed cleanly. */
static gboolean
on_quit_signal (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;
  gtk_css_provider_load_from_resource (provider, "/org/shequ/Shequ/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
shequ_application_startup (GApplication *app)
{
  ShequApplication *self = SHEQU_APPLICATION (app);
  static const GActionEntry app_actions[] = {
    { "quit", quit_action },
    { "about", about_action },
  };

  /* This process is the primary instance and will open a window on this file:
   * read it while GTK starts. */
  if (self->preload_path != NULL)
    shequ_window_preload (self->preload_path);
  G_APPLICATION_CLASS (shequ_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    if (shortcuts[i].accels[0] != NULL)
      gtk_application_set_accels_for_action (GTK_APPLICATION (self), shortcuts[i].action,
                                             shortcuts[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
  load_css ();

  g_unix_signal_add (SIGINT, on_quit_signal, self);
  g_unix_signal_add (SIGTERM, on_quit_signal, self);
}

static void
shequ_application_activate (GApplication *app)
{
  ShequApplication *self = SHEQU_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  path = shequ_database_get_default_path ();
  shequ_application_open_database (self, path);
}

static int
shequ_application_command_line (GApplication            *app,
                                GApplicationCommandLine *cmdline)
{
  ShequApplication *self = SHEQU_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  const char *db = NULL;
  g_autofree char *path = NULL;

  if (g_variant_dict_contains (options, "bench-first-frame"))
    self->bench_first_frame = TRUE;
  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &db) && db != NULL && *db != '\0')
    {
      g_autoptr(GFile) dir = g_application_command_line_create_file_for_arg (cmdline, db);
      g_autoptr(GError) error = NULL;

      g_free (self->screenshot_dir);
      self->screenshot_dir = g_file_get_path (dir);
      if (!g_file_make_directory_with_parents (dir, NULL, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_application_command_line_printerr (cmdline, "shequ: %s\n", error->message);
          return EXIT_FAILURE;
        }
      /* Pictures of the views as they are drawn, without a transition half-way. */
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
      db = NULL;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db != '\0')
    {
      /* Relative to where the caller ran, which may be a second launch. */
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, db);

      path = g_file_get_path (file);
    }
  if (path == NULL)
    path = shequ_database_get_default_path ();

  shequ_application_open_database (self, path);
  return EXIT_SUCCESS;
}

static int
shequ_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "shequ", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* The file the first window will show, when this process becomes the primary
   * instance (startup): the same path as command_line() resolves. */
  {
    ShequApplication *self = SHEQU_APPLICATION (app);
    const char *db = NULL;
    g_autofree char *path = NULL;

    if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db != '\0')
      path = g_canonicalize_filename (db, NULL);
    else
      path = shequ_database_get_default_path ();
    g_free (self->preload_path);
    self->preload_path = canonical_path (path);
  }

  /* Screenshots are taken by this process, whatever else runs. */
  if (g_variant_dict_contains (options, "non-unique") ||
      g_variant_dict_contains (options, "screenshot"))
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
shequ_application_window_added (GtkApplication *app,
                                GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (shequ_application_parent_class)->window_added (app, window);
  update_window_count (SHEQU_APPLICATION (app));
}

static void
shequ_application_window_removed (GtkApplication *app,
                                  GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (shequ_application_parent_class)->window_removed (app, window);
  update_window_count (SHEQU_APPLICATION (app));
}

static void
shequ_application_dispose (GObject *object)
{
  ShequApplication *self = SHEQU_APPLICATION (object);

  g_clear_object (&self->window_count);
  g_clear_pointer (&self->screenshot_dir, g_free);
  g_clear_pointer (&self->preload_path, g_free);

  G_OBJECT_CLASS (shequ_application_parent_class)->dispose (object);
}

static void
shequ_application_class_init (ShequApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = shequ_application_dispose;
  app_class->startup = shequ_application_startup;
  app_class->activate = shequ_application_activate;
  app_class->command_line = shequ_application_command_line;
  app_class->handle_local_options = shequ_application_handle_local_options;
  gtk_app_class->window_added = shequ_application_window_added;
  gtk_app_class->window_removed = shequ_application_window_removed;
}

static void
shequ_application_init (ShequApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Shequ manages the grid-based community "
                                              "governance of a street office."));

  /* State only, readable over D-Bus (org.gtk.Actions): tests and scripts see
   * how many windows the single instance has. */
  self->window_count = g_simple_action_new_stateful ("window-count", NULL,
                                                     g_variant_new_int32 (0));
  g_simple_action_set_enabled (self->window_count, FALSE);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->window_count));
}

ShequApplication *
shequ_application_new (GApplicationFlags extra)
{
  return g_object_new (SHEQU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | extra,
                       /* The same resources serve the .Devel flavour. */
                       "resource-base-path", "/org/shequ/Shequ",
                       NULL);
}
