/* shequ-test-gtk-util.c — helpers the window tests share: waiting on the main loop, windows */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-test-gtk-util"

#include "config.h"

#include "shequ-test-gtk-util.h"
#include "shequ-test-units.h"

#include <string.h>

static gboolean
on_wait_limit (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until CHECK (DATA) holds, failing the test after LIMIT_SECONDS. */
void
shequ_test_wait_until_for (guint          limit_seconds,
                           ShequTestCheck check,
                           gpointer       data)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (limit_seconds, on_wait_limit, &expired);

  while (!check (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (id);
}

/* Runs the main loop until CHECK (DATA) holds, failing the test after
 * SHEQU_TEST_WAIT_LIMIT_SECONDS. */
void
shequ_test_wait_until (ShequTestCheck check,
                       gpointer       data)
{
  shequ_test_wait_until_for (SHEQU_TEST_WAIT_LIMIT_SECONDS, check, data);
}

/* Runs the main loop for MS milliseconds. */
void
shequ_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_wait_limit, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Dispatches what is pending on the main context, without blocking. */
void
shequ_test_flush_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Waits for two frames of WIDGET: the first lays out rows a model change added, the
 * second draws them. */
void
shequ_test_wait_for_draw (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
}

/* Waits for N frames of WIDGET, then dispatches what they left pending. */
void
shequ_test_wait_frames (GtkWidget *widget,
                        guint      n)
{
  for (guint i = 0; i < n; i++)
    gtk_test_widget_wait_for_draw (widget);
  shequ_test_flush_main_context ();
}

/* The application, registered and not unique: test programs run side by side. */
ShequApplication *
shequ_test_new_app (void)
{
  g_autoptr(GError) error = NULL;
  ShequApplication *app = shequ_application_new (G_APPLICATION_NON_UNIQUE);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* Destroys *WINDOW, if any, and clears it. */
void
shequ_test_destroy_window (GtkWidget **window)
{
  if (*window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (window)));
}

/* Destroys the windows of APP, or every toplevel when APP is NULL, and lets them go. */
void
shequ_test_close_all_windows (GtkApplication *app)
{
  GList *windows = app != NULL ? g_list_copy (gtk_application_get_windows (app))
                               : gtk_window_list_toplevels ();

  for (GList *l = windows; l; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  shequ_test_flush_main_context ();
}

/* A 1400×900 window, presented, holding a new organisation view of STORE; the window in
 * WINDOW. */
ShequOrgView *
shequ_test_new_org_view_window (ShequOrgStore  *store,
                                GtkWidget     **window)
{
  ShequOrgView *view = g_object_new (SHEQU_TYPE_ORG_VIEW, NULL);

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 1400, 900);
  gtk_window_set_child (GTK_WINDOW (*window), GTK_WIDGET (view));
  shequ_org_view_set_store (view, store);
  gtk_window_present (GTK_WINDOW (*window));
  return view;
}

/* A window of APP on the database at PATH, loaded (whether it did in LOADED, if wanted),
 * shown and drawn; daily backups off. */
ShequWindow *
shequ_test_open_window (GtkApplication *app,
                        const char     *path,
                        gboolean       *loaded)
{
  ShequWindow *window = shequ_window_new (app, path);
  gboolean ok;

  shequ_window_set_daily_backup (window, FALSE);
  ok = shequ_window_load (window);
  if (loaded != NULL)
    *loaded = ok;
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* Messages of GTK 4.8 itself, met when tests create and destroy windows faster than any
 * user: the file chooser snapshots a path-bar button before allocating it under load;
 * and a tooltip whose popup delay ends after its native was unrealized asks GDK for
 * the pointer on the surface that is gone, then looks for a widget on it (later GTK
 * releases check for it). Those two criticals come as a pair from
 * gtk_tooltip_show_tooltip(): letting only the first through still aborted on the
 * second. drop_tooltip_of_unrealized() keeps the pair from happening at all; the
 * entries stay for the tooltip it must leave alone. GTK logs structured, so a writer
 * is the place to let exactly these through unaborted. */
static const struct {
  const char *domain;
  const char *text;
} gtk_races[] = {
  { "Gtk", "without a current allocation" },
  { "Gdk", "gdk_surface_get_device_position: assertion 'GDK_IS_SURFACE (surface)' failed" },
  { "Gtk", "_gtk_widget_find_at_coords: assertion 'GDK_IS_SURFACE (surface)' failed" },
};

static gboolean
is_gtk_race (const char *domain,
             const char *message)
{
  if (message == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (gtk_races); i++)
    if (g_strcmp0 (domain, gtk_races[i].domain) == 0 && strstr (message, gtk_races[i].text))
      return TRUE;
  return FALSE;
}

/* g_return_if_fail() in GDK logs through the old g_log() API: its fatality is decided
 * by the test's fatal handler, not by the writer. */
static gboolean
on_fatal_log (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        data)
{
  return !is_gtk_race (domain, message);
}

/* …and is printed by the domain's handler, which would mark the TAP stream "Bail out!". */
static void
on_log (const char     *domain,
        GLogLevelFlags  level,
        const char     *message,
        gpointer        data)
{
  if (is_gtk_race (domain, message))
    g_test_message ("GTK race, not fatal: %s", message);
  else
    g_log_default_handler (domain, level, message, data);
}

static GLogWriterOutput
race_filtering_writer (GLogLevelFlags   level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gpointer         data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if ((level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL)) && is_gtk_race (domain, message))
    {
      g_test_message ("GTK race, not fatal: %s", message);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, data);
}

/* GTK 4.8 keeps the display's tooltip on the last native a pointer event came to,
 * through a weak reference only: a native unrealized but still referenced (a popover)
 * keeps it, and a popup delay started there (a grab's crossing events are enough,
 * wherever the pointer is) then runs on a native without a surface, often in the next
 * test's set-up. So when a native is unrealized, the tooltip goes, as GTK itself drops
 * it when browse mode ends: the display's "gdk-display-current-tooltip" data, whose
 * disposal removes the pending delay. Only when the display holds the last reference:
 * a tooltip still in browse mode is left to end that itself. */
static gboolean
drop_tooltip_of_unrealized (GSignalInvocationHint *hint,
                            guint                  n_values,
                            const GValue          *values,
                            gpointer               data)
{
  GObject *widget = g_value_get_object (&values[0]);
  GQuark quark = g_quark_try_string ("gdk-display-current-tooltip");
  GdkDisplay *display;
  GObject *tooltip;

  if (quark == 0 || !GTK_IS_NATIVE (widget) ||
      g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkTooltipWindow") == 0)
    return TRUE;
  display = gtk_widget_get_display (GTK_WIDGET (widget));
  tooltip = g_object_get_qdata (G_OBJECT (display), quark);
  if (GTK_IS_TOOLTIP (tooltip) && g_atomic_int_get (&tooltip->ref_count) == 1)
    g_object_set_qdata (G_OBJECT (display), quark, NULL);
  return TRUE;
}

void
shequ_test_ignore_gtk_races (void)
{
  gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);

  g_signal_add_emission_hook (g_signal_lookup ("unrealize", GTK_TYPE_WIDGET), 0,
                              drop_tooltip_of_unrealized, NULL, NULL);
  g_type_class_unref (widget_class);
  g_log_set_writer_func (race_filtering_writer, NULL, NULL);
  g_test_log_set_fatal_handler (on_fatal_log, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (gtk_races); i++)
    g_log_set_handler (gtk_races[i].domain,
                       G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL,
                       on_log, NULL);
}

/* Skips the whole program (TAP: "1..0 # SKIP no display") when there is no display. */
void
shequ_test_require_display (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    shequ_test_skip_program ("no display");
}

/* gtk_test_init() for a widget test program: skipped without a display, and GTK's
 * races (shequ_test_ignore_gtk_races) not fatal. */
void
shequ_test_gtk_init (int    *argc,
                     char ***argv)
{
  shequ_test_require_display ();
  gtk_test_init (argc, argv, NULL);
  shequ_test_ignore_gtk_races ();
}

ShequApplication *
shequ_test_window_program_init (int    *argc,
                                char ***argv)
{
  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  g_setenv ("GDK_DEBUG", "gl-disable,nograbs", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  if (g_strcmp0 (g_getenv ("SHEQU_TEST_SHOTS_LANG"), "zh_CN") == 0)
    shequ_test_use_chinese ();
  shequ_test_gtk_init (argc, argv);
  return shequ_test_new_app ();
}

void
shequ_test_window_fixture_clear (GtkApplication  *app,
                                 char           **dir,
                                 char           **path)
{
  shequ_test_close_all_windows (app);
  if (*dir != NULL)
    shequ_test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (path, g_free);
}

void
shequ_test_collect_mnemonics (GtkWidget  *root,
                              GHashTable *seen,
                              gboolean    visible_only)
{
  if (visible_only && !gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root) && gtk_label_get_use_underline (GTK_LABEL (root)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (root)));

      if (key != GDK_KEY_VoidSymbol)
        {
          const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

          if (other != NULL)
            g_error ("the mnemonic %s of “%s” is “%s”’s too", gdk_keyval_name (key),
                     gtk_label_get_label (GTK_LABEL (root)), other);
          g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) gtk_label_get_label (GTK_LABEL (root)));
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    shequ_test_collect_mnemonics (c, seen, visible_only);
}

void
shequ_test_save_shot (GtkWidget  *widget,
                      const char *name)
{
  const char *lang = g_getenv ("SHEQU_TEST_SHOTS_LANG");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, lang != NULL ? lang : "en");
  g_autofree char *path = g_build_filename (g_getenv ("SHEQU_TEST_SHOTS"), file, NULL);
  GtkSnapshot *snapshot;
  int width, height;

  g_assert_nonnull (g_getenv ("SHEQU_TEST_SHOTS"));
  shequ_test_wait_frames (widget, 3);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}
