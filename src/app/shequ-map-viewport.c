/* shequ-map-viewport.c — what part of the map a view shows: centre, zoom, rotation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-viewport"

#include "config.h"

#include <math.h>

#include "shequ-map-viewport.h"

/* As ShumateViewport: no widget, only the numbers every layer and view of a map agree
 * on, notified when they change so they redraw. */

struct _ShequMapViewport
{
  GObject       parent_instance;

  ShequGeoPoint centre;
  double        zoom;
  double        min_zoom;
  double        max_zoom;
};

enum {
  PROP_0,
  PROP_CENTRE_X,
  PROP_CENTRE_Y,
  PROP_ZOOM,
  PROP_MIN_ZOOM,
  PROP_MAX_ZOOM,
  PROP_ROTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequMapViewport, shequ_map_viewport, G_TYPE_OBJECT)

#define ZOOM_LIMIT 30.0

static void
shequ_map_viewport_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShequMapViewport *self = SHEQU_MAP_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_CENTRE_X: g_value_set_double (value, self->centre.x); break;
    case PROP_CENTRE_Y: g_value_set_double (value, self->centre.y); break;
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_MIN_ZOOM: g_value_set_double (value, self->min_zoom); break;
    case PROP_MAX_ZOOM: g_value_set_double (value, self->max_zoom); break;
    case PROP_ROTATION: g_value_set_double (value, 0); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_viewport_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShequMapViewport *self = SHEQU_MAP_VIEWPORT (object);
  ShequGeoPoint centre = self->centre;

  switch (prop_id)
    {
    case PROP_CENTRE_X:
      centre.x = g_value_get_double (value);
      shequ_map_viewport_set_centre (self, centre);
      break;
    case PROP_CENTRE_Y:
      centre.y = g_value_get_double (value);
      shequ_map_viewport_set_centre (self, centre);
      break;
    case PROP_ZOOM: shequ_map_viewport_set_zoom (self, g_value_get_double (value)); break;
    case PROP_MIN_ZOOM: shequ_map_viewport_set_min_zoom (self, g_value_get_double (value)); break;
    case PROP_MAX_ZOOM: shequ_map_viewport_set_max_zoom (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_viewport_class_init (ShequMapViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = shequ_map_viewport_get_property;
  object_class->set_property = shequ_map_viewport_set_property;
  properties[PROP_CENTRE_X] =
    g_param_spec_double ("centre-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_CENTRE_Y] =
    g_param_spec_double ("centre-y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0, ZOOM_LIMIT, 10, rw);
  properties[PROP_MIN_ZOOM] = g_param_spec_double ("min-zoom", NULL, NULL, 0, ZOOM_LIMIT, 3, rw);
  properties[PROP_MAX_ZOOM] = g_param_spec_double ("max-zoom", NULL, NULL, 0, ZOOM_LIMIT, 20, rw);
  properties[PROP_ROTATION] =
    g_param_spec_double ("rotation", NULL, NULL, 0, 0, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shequ_map_viewport_init (ShequMapViewport *self)
{
  self->zoom = 10;
  self->min_zoom = 3;
  self->max_zoom = 20;
}

ShequMapViewport *
shequ_map_viewport_new (void)
{
  return g_object_new (SHEQU_TYPE_MAP_VIEWPORT, NULL);
}

ShequGeoPoint
shequ_map_viewport_get_centre (ShequMapViewport *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEWPORT (self), ((ShequGeoPoint) { 0, 0 }));
  return self->centre;
}

void
shequ_map_viewport_set_centre (ShequMapViewport *self,
                               ShequGeoPoint     centre)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEWPORT (self));
  g_return_if_fail (isfinite (centre.x) && isfinite (centre.y));

  if (centre.x == self->centre.x && centre.y == self->centre.y)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (centre.x != self->centre.x)
    {
      self->centre.x = centre.x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTRE_X]);
    }
  if (centre.y != self->centre.y)
    {
      self->centre.y = centre.y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTRE_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

double
shequ_map_viewport_get_zoom (ShequMapViewport *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEWPORT (self), 0);
  return self->zoom;
}

void
shequ_map_viewport_set_zoom (ShequMapViewport *self,
                             double            zoom)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEWPORT (self));
  g_return_if_fail (!isnan (zoom));

  zoom = CLAMP (zoom, self->min_zoom, self->max_zoom);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
shequ_map_viewport_get_min_zoom (ShequMapViewport *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEWPORT (self), 0);
  return self->min_zoom;
}

/* The limits keep min <= max and pull the zoom inside them, as ShumateViewport does. */
void
shequ_map_viewport_set_min_zoom (ShequMapViewport *self,
                                 double            zoom)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEWPORT (self));
  g_return_if_fail (zoom >= 0 && zoom <= ZOOM_LIMIT);

  if (zoom == self->min_zoom)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->min_zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_ZOOM]);
  if (self->max_zoom < zoom)
    shequ_map_viewport_set_max_zoom (self, zoom);
  shequ_map_viewport_set_zoom (self, self->zoom);
  g_object_thaw_notify (G_OBJECT (self));
}

double
shequ_map_viewport_get_max_zoom (ShequMapViewport *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEWPORT (self), 0);
  return self->max_zoom;
}

void
shequ_map_viewport_set_max_zoom (ShequMapViewport *self,
                                 double            zoom)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEWPORT (self));
  g_return_if_fail (zoom >= 0 && zoom <= ZOOM_LIMIT);

  if (zoom == self->max_zoom)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->max_zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ZOOM]);
  if (self->min_zoom > zoom)
    shequ_map_viewport_set_min_zoom (self, zoom);
  shequ_map_viewport_set_zoom (self, self->zoom);
  g_object_thaw_notify (G_OBJECT (self));
}

double
shequ_map_viewport_get_rotation (ShequMapViewport *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEWPORT (self), 0);
  return 0;
}

void
shequ_map_viewport_get_frame (ShequMapViewport *self,
                              double            width,
                              double            height,
                              ShequMapFrame    *frame)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEWPORT (self));
  g_return_if_fail (frame != NULL);

  frame->centre = self->centre;
  frame->width = width;
  frame->height = height;
  shequ_map_frame_set_zoom (frame, self->zoom);
}

void
shequ_map_viewport_fit (ShequMapViewport     *self,
                        const ShequGeoBounds *bounds,
                        double                width,
                        double                height,
                        double                margin)
{
  ShequMapFrame frame;

  g_return_if_fail (SHEQU_IS_MAP_VIEWPORT (self));
  g_return_if_fail (bounds != NULL);

  shequ_map_frame_init_fit (&frame, bounds, width, height, margin);
  g_object_freeze_notify (G_OBJECT (self));
  shequ_map_viewport_set_centre (self, frame.centre);
  shequ_map_viewport_set_zoom (self, shequ_map_frame_get_zoom (&frame));
  g_object_thaw_notify (G_OBJECT (self));
}

ShequGeoPoint
shequ_map_viewport_drawing_to_projected (ShequMapViewport *self,
                                         double            width,
                                         double            height,
                                         ShequGeoPoint     drawing)
{
  ShequMapFrame frame;

  g_return_val_if_fail (SHEQU_IS_MAP_VIEWPORT (self), drawing);

  shequ_map_viewport_get_frame (self, width, height, &frame);
  return shequ_map_frame_to_projected (&frame, drawing);
}

ShequGeoPoint
shequ_map_viewport_projected_to_drawing (ShequMapViewport *self,
                                         double            width,
                                         double            height,
                                         ShequGeoPoint     projected)
{
  ShequMapFrame frame;

  g_return_val_if_fail (SHEQU_IS_MAP_VIEWPORT (self), projected);

  shequ_map_viewport_get_frame (self, width, height, &frame);
  return shequ_map_frame_to_drawing (&frame, projected);
}

void
shequ_map_viewport_zoom_around (ShequMapViewport *self,
                                double            width,
                                double            height,
                                double            zoom,
                                ShequGeoPoint     drawing)
{
  ShequGeoPoint anchor;
  ShequMapFrame frame;

  g_return_if_fail (SHEQU_IS_MAP_VIEWPORT (self));

  anchor = shequ_map_viewport_drawing_to_projected (self, width, height, drawing);
  zoom = CLAMP (zoom, self->min_zoom, self->max_zoom);
  frame.width = width;
  frame.height = height;
  shequ_map_frame_set_zoom (&frame, zoom);
  g_object_freeze_notify (G_OBJECT (self));
  shequ_map_viewport_set_zoom (self, zoom);
  shequ_map_viewport_set_centre (self, (ShequGeoPoint) {
    anchor.x - (drawing.x - width / 2) * frame.metres_per_pixel,
    anchor.y + (drawing.y - height / 2) * frame.metres_per_pixel,
  });
  g_object_thaw_notify (G_OBJECT (self));
}
