/* shequ-bare-window.c — a bare GTK 4 window that quits at its first frame (benchmark baseline) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-bare-window"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "shequ-renderer.h"

/* The same mechanism as `shequ --bench-first-frame`: quit after the frame clock's
 * first paint once the window is mapped, so the two start-up times compare. */

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_application_quit (app);
}

static void
on_map (GtkWidget    *window,
        GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), app);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *label = gtk_label_new ("Shequ");

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), label);
  g_signal_connect (window, "map", G_CALLBACK (on_map), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  /* --same-renderer: start with the renderer Shequ would choose here, for a comparison
   * of like with like; by default GTK's own choice, as any GTK program gets. */
  if (argc > 1 && strcmp (argv[1], "--same-renderer") == 0)
    {
      shequ_renderer_choose ();
      argv[1] = argv[0];
      argc--;
      argv++;
    }

  app = gtk_application_new ("org.shequ.BareWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
