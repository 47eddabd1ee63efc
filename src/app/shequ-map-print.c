/* shequ-map-print.c — the map on paper through GtkPrintOperation, by the one renderer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-print"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-map-print.h"

/* Blank paper kept round the map, in points (a printer's own margin comes on top). */
#define PAGE_MARGIN 18.0

typedef struct {
  ShequMapRenderer *renderer;
  ShequGeoBounds    extent;
  gboolean          has_extent;
} MapPrint;

static void
map_print_free (gpointer data)
{
  MapPrint *print = data;

  g_clear_object (&print->renderer);
  g_free (print);
}

void
shequ_map_print_draw (GtkPrintOperation *operation,
                      cairo_t           *cr,
                      double             width,
                      double             height)
{
  MapPrint *print;
  ShequMapFrame frame;
  ShequGeoBounds bounds;
  ShequMap *map;

  g_return_if_fail (GTK_IS_PRINT_OPERATION (operation));
  g_return_if_fail (cr != NULL);

  print = g_object_get_data (G_OBJECT (operation), "shequ-map-print");
  g_return_if_fail (print != NULL);

  map = shequ_map_renderer_get_map (print->renderer);
  if (print->has_extent)
    bounds = print->extent;
  else if (map == NULL || !shequ_map_get_bounds (map, &bounds))
    return;
  if (width <= 2 * PAGE_MARGIN || height <= 2 * PAGE_MARGIN)
    return;
  shequ_map_frame_init_fit (&frame, &bounds, width, height, PAGE_MARGIN);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  shequ_map_renderer_draw (print->renderer, cr, &frame, SHEQU_MAP_DRAW_ALL);
  cairo_restore (cr);
}

void
shequ_map_print_draw_page (GtkPrintOperation *operation,
                           GtkPrintContext   *context,
                           int                page_nr)
{
  g_return_if_fail (GTK_IS_PRINT_CONTEXT (context));

  /* The context's user space is the printable area, in points (set_unit below). */
  shequ_map_print_draw (operation, gtk_print_context_get_cairo_context (context),
                        gtk_print_context_get_width (context),
                        gtk_print_context_get_height (context));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  shequ_map_print_draw_page (operation, context, page_nr);
}

GtkPrintOperation *
shequ_map_print_operation_new (ShequMapRenderer     *renderer,
                               const ShequGeoBounds *extent)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  MapPrint *print;
  const char *title;

  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (renderer), NULL);

  print = g_new0 (MapPrint, 1);
  print->renderer = shequ_map_renderer_copy (renderer, SHEQU_MAP_PRINT_TEXT_SCALE);
  if (extent != NULL)
    {
      print->extent = *extent;
      print->has_extent = TRUE;
    }

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "shequ-map-print", print, map_print_free);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  title = shequ_map_renderer_get_title (renderer);
  gtk_print_operation_set_job_name (operation, title != NULL ? title : _("Map"));
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), NULL);
  return operation;
}
