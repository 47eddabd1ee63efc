/* shequ-window-bench.c — the start-up benchmark's first frame and the --screenshot mode */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-eval-row.h"
#include "shequ-map-page-private.h"
#include "shequ-presentation-window.h"
#include "shequ-window-private.h"

/* ------------------------------------------------------------------------ */
/* The start-up benchmark                                                   */

static void
on_bench_after_paint (GdkFrameClock *clock,
                      ShequWindow   *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_clear_signal_handler (&self->bench_after_paint_id, clock);
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

void
_shequ_window_hook_bench (ShequWindow *self)
{
  GdkFrameClock *clock;

  g_assert (SHEQU_IS_WINDOW (self));

  /* The first frame that counts is the one showing the street, not the loading page. */
  if (!self->bench_first_frame || self->bench_after_paint_id != 0 || self->loading)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;
  self->bench_clock = clock;
  g_object_add_weak_pointer (G_OBJECT (clock), (gpointer *) &self->bench_clock);
  self->bench_after_paint_id = g_signal_connect (clock, "after-paint",
                                                 G_CALLBACK (on_bench_after_paint), self);
}

void
shequ_window_set_bench_first_frame (ShequWindow *self,
                                    gboolean     bench)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));

  self->bench_first_frame = !!bench;
  if (bench && gtk_widget_get_mapped (GTK_WIDGET (self)))
    _shequ_window_hook_bench (self);
}

/* ------------------------------------------------------------------------ */
/* Screenshots: each main view saved as PNG, drawn by the window itself      */

static void take_next_screenshot (ShequWindow *self);

static gboolean
save_screenshot (GtkWidget    *widget,
                 const char   *path,
                 GError      **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing was drawn for “%s”"), path);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (texture == NULL || !gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

static void
finish_screenshots (ShequWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_assert (SHEQU_IS_WINDOW (self));

  self->screenshot_welcome = FALSE;
  g_clear_pointer (&self->screenshot_pages, g_ptr_array_unref);
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static gboolean
screenshot_idle (gpointer data)
{
  ShequWindow *self = data;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (self->screenshot_pages != NULL && self->screenshot_pages->len > 0);
  name = g_strdup_printf ("shequ-%s.png", (char *) g_ptr_array_index (self->screenshot_pages, 0));
  path = g_build_filename (self->screenshot_dir, name, NULL);
  if (!save_screenshot (self->screenshot_target ? self->screenshot_target : GTK_WIDGET (self),
                        path, &error))
    {
      g_printerr ("shequ: %s\n", error->message);
      g_ptr_array_set_size (self->screenshot_pages, 0);
    }
  else
    {
      g_print ("%s\n", path);
      g_ptr_array_remove_index (self->screenshot_pages, 0);
    }
  take_next_screenshot (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
on_screenshot_after_paint (GdkFrameClock *clock,
                           ShequWindow   *self)
{
  /* The second frame: lists fill their rows in the first one. */
  if (++self->screenshot_paints < 2)
    {
      gtk_widget_queue_draw (self->screenshot_target ? self->screenshot_target : GTK_WIDGET (self));
      return;
    }
  g_clear_signal_handler (&self->screenshot_paint_id, clock);
  g_idle_add (screenshot_idle, g_object_ref (self));
}

/* Presentation mode's window, once win.present-map has opened it. */
static GtkWidget *
find_presentation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (SHEQU_IS_PRESENTATION_WINDOW (window))
        return window;
    }
  return NULL;
}

/* "present" opens presentation mode and shoots it once it has settled, "present-area"
 * frames the first management area; the next page closes it. */
static gboolean
take_presentation_screenshot (ShequWindow *self,
                              const char  *page)
{
  GtkWidget *presentation = find_presentation ();

  if (!g_str_has_prefix (page, "present"))
    {
      if (presentation != NULL)
        gtk_window_destroy (GTK_WINDOW (presentation));
      g_clear_weak_pointer (&self->screenshot_target);
      return FALSE;
    }
  if (presentation == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.present-map", NULL);
      if ((presentation = find_presentation ()) == NULL)
        return FALSE;
    }
  else if (g_str_equal (page, "present-area"))
    shequ_presentation_window_set_area (SHEQU_PRESENTATION_WINDOW (presentation), 0, FALSE);
  g_set_weak_pointer (&self->screenshot_target, presentation);
  return TRUE;
}

/* The evaluation's views: "eval-sheet", "eval-ranking", "eval-flags", "eval-target" (the
 * first flagged target, else the first ranked) and "map-band" (the map by bands). */
static void
show_eval_screenshot (ShequWindow *self,
                      const char  *page)
{
  ShequEvalPage *eval_page;
  const char *view = page + strlen ("eval-");
  GListModel *rows;

  if (g_str_equal (page, "map-band"))
    {
      shequ_window_set_view (self, "map");
      shequ_map_page_set_measure (_shequ_window_ensure_map_page (self), "band");
      return;
    }
  shequ_window_set_view (self, "eval");
  eval_page = _shequ_window_ensure_eval_page (self);
  if (!g_str_equal (view, "target"))
    {
      shequ_eval_page_set_view (eval_page, view);
      return;
    }
  rows = shequ_eval_flags_get_rows (shequ_eval_page_get_flags (eval_page));
  if (g_list_model_get_n_items (rows) == 0)
    rows = shequ_eval_ranking_get_rows (shequ_eval_page_get_ranking (eval_page));
  if (g_list_model_get_n_items (rows) > 0)
    {
      g_autoptr(ShequEvalRow) row = g_list_model_get_item (rows, 0);

      shequ_eval_page_show_target (eval_page, row->target_id, row->period_id);
    }
}

static gboolean
take_screenshot_later (gpointer data)
{
  ShequWindow *self = data;

  take_next_screenshot (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
take_next_screenshot (ShequWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  const char *page;

  g_assert (SHEQU_IS_WINDOW (self));

  if (self->screenshot_pages == NULL || self->screenshot_pages->len == 0 || clock == NULL)
    {
      finish_screenshots (self);
      return;
    }

  page = g_ptr_array_index (self->screenshot_pages, 0);
  if (take_presentation_screenshot (self, page))
    {
      GtkWidget *target = self->screenshot_target;

      clock = gtk_widget_get_frame_clock (target);
      if (clock == NULL || !self->screenshot_settled)
        {
          /* Not drawn yet, or still going fullscreen and fitting: shoot a moment later. */
          self->screenshot_settled = clock != NULL;
          g_timeout_add (clock == NULL ? 200 : 1000, take_screenshot_later, g_object_ref (self));
          return;
        }
      self->screenshot_settled = FALSE;
      self->screenshot_paints = 0;
      self->screenshot_paint_id = g_signal_connect (clock, "after-paint",
                                                    G_CALLBACK (on_screenshot_after_paint), self);
      gtk_widget_queue_draw (target);
      return;
    }
  self->screenshot_welcome = g_str_equal (page, "welcome");
  if (g_str_equal (page, "org") || g_str_equal (page, "compliance") || g_str_equal (page, "map"))
    shequ_window_set_view (self, page);
  else if (g_str_has_prefix (page, "eval-") || g_str_equal (page, "map-band"))
    show_eval_screenshot (self, page);
  else if (g_str_has_prefix (page, "disclosure"))
    _shequ_window_show_disclosure_screenshot (self, page);
  _shequ_window_update_page (self);

  self->screenshot_paints = 0;
  self->screenshot_paint_id = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (on_screenshot_after_paint), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_shequ_window_maybe_start_screenshots (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (self->screenshot_dir == NULL || self->screenshots_started || self->loading ||
      (self->store == NULL && self->load_error == NULL) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->screenshots_started = TRUE;
  self->screenshot_pages = g_ptr_array_new ();
  if (self->load_error != NULL)
    g_ptr_array_add (self->screenshot_pages, (char *) "error");
  else
    {
      if (self->street != NULL)
        {
          g_ptr_array_add (self->screenshot_pages, (char *) "org");
          g_ptr_array_add (self->screenshot_pages, (char *) "compliance");
          g_ptr_array_add (self->screenshot_pages, (char *) "map");
          g_ptr_array_add (self->screenshot_pages, (char *) "present");
          g_ptr_array_add (self->screenshot_pages, (char *) "present-area");
          if (self->eval_store != NULL)
            {
              g_ptr_array_add (self->screenshot_pages, (char *) "eval-sheet");
              g_ptr_array_add (self->screenshot_pages, (char *) "eval-ranking");
              g_ptr_array_add (self->screenshot_pages, (char *) "eval-target");
              g_ptr_array_add (self->screenshot_pages, (char *) "eval-flags");
              g_ptr_array_add (self->screenshot_pages, (char *) "map-band");
            }
          if (shequ_window_get_disclosure_store (self) != NULL)
            {
              g_ptr_array_add (self->screenshot_pages, (char *) "disclosure");
              g_ptr_array_add (self->screenshot_pages, (char *) "disclosure-overdue");
            }
        }
      g_ptr_array_add (self->screenshot_pages, (char *) "welcome");
    }
  take_next_screenshot (self);
}

void
shequ_window_take_screenshots (ShequWindow *self,
                               const char  *dir)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (dir != NULL);

  g_free (self->screenshot_dir);
  self->screenshot_dir = g_strdup (dir);
  _shequ_window_maybe_start_screenshots (self);
}

