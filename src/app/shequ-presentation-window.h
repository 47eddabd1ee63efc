/* shequ-presentation-window.h — the map for a meeting: fullscreen, one area at a time */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-map-ink.h"
#include "shequ-map-view.h"
#include "shequ-session.h"

G_BEGIN_DECLS

/* The map alone, for a projector: text scaled to the window's size, a caption naming the
 * area shown, Page Down / Page Up (Right / Left, Space) through the management areas,
 * Home for the whole street, B the evaluation's bands, Escape to leave; P the pen, E the
 * eraser, C clears the ink, Ctrl+Z undoes. Its actions are in the "present" group (present.next, present.previous,
 * present.home, present.leave, present.area (i), present.tool (s: "none", "pen",
 * "eraser"), present.toggle-pen, present.toggle-eraser, present.colour (s: "red",
 * "blue", "black"), present.clear, present.undo, present.export, present.colour-by (s:
 * "map" — the map page's colouring —, "band" — the evaluation's bands in the newest
 * closed community period; enabled when the session has an evaluation), present.toggle-colour-by
 * (B)), shared with the
 * presenter's controls. Properties: "area" (int, read-only: -1 for the whole map). */
#define SHEQU_TYPE_PRESENTATION_WINDOW (shequ_presentation_window_get_type ())
G_DECLARE_FINAL_TYPE (ShequPresentationWindow, shequ_presentation_window, SHEQU,
                      PRESENTATION_WINDOW, GtkWindow)

/* MAP (built) shown with SOURCE's colouring and title (nullable); the selection is
 * SESSION's (nullable). PARENT is the window the presentation returns to. */
ShequPresentationWindow *shequ_presentation_window_new      (GtkWindow        *parent,
                                                             ShequMap         *map,
                                                             ShequSession     *session,
                                                             ShequMapRenderer *source);
/* Fullscreen: on another monitor than PARENT's when there are two or more, with the
 * presenter's controls on PARENT's screen; otherwise on PARENT's monitor. */
void          shequ_presentation_window_start              (ShequPresentationWindow *self);
ShequMapView *shequ_presentation_window_get_map_view       (ShequPresentationWindow *self);
ShequMapInk  *shequ_presentation_window_get_ink            (ShequPresentationWindow *self);
GActionGroup *shequ_presentation_window_get_actions        (ShequPresentationWindow *self);
/* The management areas: the map's items of depth 1, in the tree's order (by code) when
 * the session's store has them, else by unit id. */
guint         shequ_presentation_window_get_n_areas        (ShequPresentationWindow *self);
const ShequMapItem *shequ_presentation_window_get_area_item (ShequPresentationWindow *self,
                                                             guint                    index);
/* The area shown, -1 for the whole map. */
int           shequ_presentation_window_get_area           (ShequPresentationWindow *self);
void          shequ_presentation_window_set_area           (ShequPresentationWindow *self,
                                                             int                      area,
                                                             gboolean                 animate);

G_END_DECLS
