/* shequ-map-viewport.c — what part of the map a view shows: centre, zoom, rotation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-viewport"

#include "config.h"

#include "shequ-map-viewport.h"

/* SKELETON: the map-view engineer owns this file. */

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
shequ_map_viewport_class_init (ShequMapViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = shequ_map_viewport_get_property;
  properties[PROP_CENTRE_X] = g_param_spec_double ("centre-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_CENTRE_Y] = g_param_spec_double ("centre-y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0, 30, 10, ro);
  properties[PROP_MIN_ZOOM] = g_param_spec_double ("min-zoom", NULL, NULL, 0, 30, 3, ro);
  properties[PROP_MAX_ZOOM] = g_param_spec_double ("max-zoom", NULL, NULL, 0, 30, 20, ro);
  properties[PROP_ROTATION] = g_param_spec_double ("rotation", NULL, NULL, 0, 0, 0, ro);
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

ShequGeoPoint shequ_map_viewport_get_centre (ShequMapViewport *self) { return self->centre; }

void
shequ_map_viewport_set_centre (ShequMapViewport *self,
                               ShequGeoPoint     centre)
{
  self->centre = centre;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTRE_X]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTRE_Y]);
}

double shequ_map_viewport_get_zoom (ShequMapViewport *self) { return self->zoom; }

void
shequ_map_viewport_set_zoom (ShequMapViewport *self,
                             double            zoom)
{
  self->zoom = CLAMP (zoom, self->min_zoom, self->max_zoom);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double shequ_map_viewport_get_min_zoom (ShequMapViewport *self) { return self->min_zoom; }
void shequ_map_viewport_set_min_zoom (ShequMapViewport *self, double zoom) { self->min_zoom = zoom; }
double shequ_map_viewport_get_max_zoom (ShequMapViewport *self) { return self->max_zoom; }
void shequ_map_viewport_set_max_zoom (ShequMapViewport *self, double zoom) { self->max_zoom = zoom; }
double shequ_map_viewport_get_rotation (ShequMapViewport *self) { return 0; }

void
shequ_map_viewport_get_frame (ShequMapViewport *self,
                              double            width,
                              double            height,
                              ShequMapFrame    *frame)
{
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

  shequ_map_frame_init_fit (&frame, bounds, width, height, margin);
  shequ_map_viewport_set_centre (self, frame.centre);
  shequ_map_viewport_set_zoom (self, shequ_map_frame_get_zoom (&frame));
}
