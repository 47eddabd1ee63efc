/* shequ-map-view.h — the grid map as a widget: pan, zoom, hover, shared selection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-map-export.h"
#include "shequ-map-renderer.h"
#include "shequ-map-viewport.h"
#include "shequ-session.h"

G_BEGIN_DECLS

/* Draws its map through the core renderer (gtk_snapshot_append_cairo); the selection is
 * the session's, so clicking a unit selects it in every view and selecting it elsewhere
 * highlights it here (and brings it into view). Properties: "map", "session",
 * "viewport" (read-only), "renderer" (read-only). Keys: arrows pan, + and - zoom,
 * Home or 0 shows the whole map, Enter and space select the unit at the centre. Its
 * actions ("map.zoom-in", "map.zoom-out", "map.zoom-all") work for its children. */
#define SHEQU_TYPE_MAP_VIEW (shequ_map_view_get_type ())
G_DECLARE_FINAL_TYPE (ShequMapView, shequ_map_view, SHEQU, MAP_VIEW, GtkWidget)

GtkWidget        *shequ_map_view_new           (void);
ShequMap         *shequ_map_view_get_map       (ShequMapView        *self);
/* Shows MAP; the first map shown is fitted whole. */
void              shequ_map_view_set_map       (ShequMapView        *self,
                                                ShequMap            *map);
ShequSession     *shequ_map_view_get_session   (ShequMapView        *self);
void              shequ_map_view_set_session   (ShequMapView        *self,
                                                ShequSession        *session);
ShequMapViewport *shequ_map_view_get_viewport  (ShequMapView        *self);
ShequMapRenderer *shequ_map_view_get_renderer  (ShequMapView        *self);
/* Frames the unit (or the whole map), animated on the frame clock when ANIMATE. */
void              shequ_map_view_zoom_to_unit  (ShequMapView        *self,
                                                gint64               unit_id,
                                                gboolean             animate);
void              shequ_map_view_zoom_to_all   (ShequMapView        *self,
                                                gboolean             animate);
/* Moves to CENTRE (projected) at ZOOM (clamped), animated (ease-out, about 250 ms)
 * when ANIMATE and the desktop's animations are on. */
void              shequ_map_view_go_to         (ShequMapView        *self,
                                                ShequGeoPoint        centre,
                                                double               zoom,
                                                gboolean             animate);
/* Zooms in (DELTA > 0) or out around the centre; moves the map by DX, DY pixels (the
 * view then shows what was DX right, DY down). Repeated calls add up while animating. */
void              shequ_map_view_zoom_by       (ShequMapView        *self,
                                                double               delta,
                                                gboolean             animate);
void              shequ_map_view_pan_by        (ShequMapView        *self,
                                                double               dx,
                                                double               dy,
                                                gboolean             animate);
/* Makes UNIT_ID (0: none) the session's selected unit (the view's own selection when
 * it has no session). */
void              shequ_map_view_select_unit   (ShequMapView        *self,
                                                gint64               unit_id);
/* Sets the renderer's colouring (NULL: tier colours) and draws the fills again. */
void              shequ_map_view_set_colouring (ShequMapView        *self,
                                                ShequMapColouring   *colouring);
/* Draws the cached fills again: after a change to the renderer that they show (the
 * map and the colouring are noticed by themselves). */
void              shequ_map_view_queue_render  (ShequMapView        *self);
/* What the view shows now, in its own pixels. */
void              shequ_map_view_get_frame     (ShequMapView        *self,
                                                ShequMapFrame       *frame);
/* Drawn on top of the map every frame, in the view's pixels (the presenter's ink). */
void              shequ_map_view_set_overlay   (ShequMapView        *self,
                                                ShequMapOverlayFunc  overlay,
                                                gpointer             user_data,
                                                GDestroyNotify       destroy);

G_END_DECLS
