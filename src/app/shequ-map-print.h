/* shequ-map-print.h — the map on paper through GtkPrintOperation, by the one renderer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-map-renderer.h"

G_BEGIN_DECLS

/* The renderer's text scale on paper: a page's unit is a point, the screen's a pixel. */
#define SHEQU_MAP_PRINT_TEXT_SCALE (72.0 / 96.0)


/* One page showing EXTENT (projected; NULL for the whole map) of RENDERER's map (its
 * look copied now), with the legend, scale bar, north arrow and title; landscape
 * unless the user turns the page. */
GtkPrintOperation *shequ_map_print_operation_new  (ShequMapRenderer     *renderer,
                                                   const ShequGeoBounds *extent);
/* What draw-page draws: the page of WIDTH × HEIGHT points onto CR. */
void               shequ_map_print_draw           (GtkPrintOperation    *operation,
                                                   cairo_t              *cr,
                                                   double                width,
                                                   double                height);
/* The operation's draw-page handler: CONTEXT's page drawn (for the tests, with a
 * context made by gtk_print_context_set_cairo_context()). */
void               shequ_map_print_draw_page      (GtkPrintOperation    *operation,
                                                   GtkPrintContext      *context,
                                                   int                   page_nr);

G_END_DECLS
