/* shequ-map-viewport.h — what part of the map a view shows: centre, zoom, rotation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shequ-map.h"

G_BEGIN_DECLS

/* A plain GObject, as libshumate's ShumateViewport: views and layers listen to its
 * notify and redraw. Properties: "centre-x", "centre-y" (Web Mercator metres),
 * "zoom" (the web-map zoom level, fractional), "min-zoom", "max-zoom", "rotation"
 * (always 0: a street map is drawn north up). Each is notified only when it changes;
 * min-zoom <= max-zoom always holds, and the zoom stays between them. */
#define SHEQU_TYPE_MAP_VIEWPORT (shequ_map_viewport_get_type ())
G_DECLARE_FINAL_TYPE (ShequMapViewport, shequ_map_viewport, SHEQU, MAP_VIEWPORT, GObject)

ShequMapViewport *shequ_map_viewport_new          (void);
ShequGeoPoint     shequ_map_viewport_get_centre   (ShequMapViewport     *self);
void              shequ_map_viewport_set_centre   (ShequMapViewport     *self,
                                                   ShequGeoPoint         centre);
double            shequ_map_viewport_get_zoom     (ShequMapViewport     *self);
/* Clamped to min-zoom .. max-zoom. */
void              shequ_map_viewport_set_zoom     (ShequMapViewport     *self,
                                                   double                zoom);
double            shequ_map_viewport_get_min_zoom (ShequMapViewport     *self);
void              shequ_map_viewport_set_min_zoom (ShequMapViewport     *self,
                                                   double                zoom);
double            shequ_map_viewport_get_max_zoom (ShequMapViewport     *self);
void              shequ_map_viewport_set_max_zoom (ShequMapViewport     *self,
                                                   double                zoom);
double            shequ_map_viewport_get_rotation (ShequMapViewport     *self);
/* The frame a drawing of WIDTH × HEIGHT shows. */
void              shequ_map_viewport_get_frame    (ShequMapViewport     *self,
                                                   double                width,
                                                   double                height,
                                                   ShequMapFrame        *frame);
/* Centre and zoom that show BOUNDS (projected) whole in WIDTH × HEIGHT, MARGIN clear. */
void              shequ_map_viewport_fit          (ShequMapViewport     *self,
                                                   const ShequGeoBounds *bounds,
                                                   double                width,
                                                   double                height,
                                                   double                margin);
/* Drawing coordinates (x right, y down, 0,0 top left of WIDTH × HEIGHT) ↔ projected. */
ShequGeoPoint     shequ_map_viewport_drawing_to_projected (ShequMapViewport *self,
                                                           double            width,
                                                           double            height,
                                                           ShequGeoPoint     drawing);
ShequGeoPoint     shequ_map_viewport_projected_to_drawing (ShequMapViewport *self,
                                                           double            width,
                                                           double            height,
                                                           ShequGeoPoint     projected);
/* Sets the zoom (clamped) keeping the projected point under DRAWING where it is: a
 * zoom around the pointer. */
void              shequ_map_viewport_zoom_around  (ShequMapViewport     *self,
                                                   double                width,
                                                   double                height,
                                                   double                zoom,
                                                   ShequGeoPoint         drawing);

G_END_DECLS
