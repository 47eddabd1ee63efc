/* shequ-map-view.c — the grid map as a widget: pan, zoom, hover, shared selection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-view"

#include "config.h"

#include "shequ-map-view.h"

/* SKELETON: the map-view engineer rewrites this file (gestures, hover, animation,
 * selection, caching). It draws and fits, nothing more. */

struct _ShequMapView
{
  GtkWidget            parent_instance;

  ShequMap            *map;
  ShequSession        *session;
  ShequMapViewport    *viewport;
  ShequMapRenderer    *renderer;
  ShequMapOverlayFunc  overlay;
  gpointer             overlay_data;
  GDestroyNotify       overlay_destroy;
  gboolean             fitted;
};

G_DEFINE_FINAL_TYPE (ShequMapView, shequ_map_view, GTK_TYPE_WIDGET)

static void
shequ_map_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  ShequMapView *self = SHEQU_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ShequMapFrame frame;
  cairo_t *cr;

  if (self->map == NULL || width <= 0 || height <= 0)
    return;
  if (!self->fitted)
    shequ_map_view_zoom_to_all (self, FALSE);
  shequ_map_viewport_get_frame (self->viewport, width, height, &frame);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  shequ_map_renderer_draw (self->renderer, cr, &frame, SHEQU_MAP_DRAW_ALL);
  if (self->overlay != NULL)
    self->overlay (cr, &frame, self->overlay_data);
  cairo_destroy (cr);
}

static void
shequ_map_view_dispose (GObject *object)
{
  ShequMapView *self = SHEQU_MAP_VIEW (object);

  shequ_map_view_set_overlay (self, NULL, NULL, NULL);
  g_clear_object (&self->map);
  g_clear_object (&self->session);
  g_clear_object (&self->viewport);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (shequ_map_view_parent_class)->dispose (object);
}

static void
shequ_map_view_class_init (ShequMapViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shequ_map_view_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = shequ_map_view_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "shequ-map-view");
}

static void
shequ_map_view_init (ShequMapView *self)
{
  self->viewport = shequ_map_viewport_new ();
  self->renderer = shequ_map_renderer_new (NULL);
  g_signal_connect_object (self->viewport, "notify", G_CALLBACK (gtk_widget_queue_draw),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
shequ_map_view_new (void)
{
  return g_object_new (SHEQU_TYPE_MAP_VIEW, NULL);
}

ShequMap *shequ_map_view_get_map (ShequMapView *self) { return self->map; }

void
shequ_map_view_set_map (ShequMapView *self,
                        ShequMap     *map)
{
  if (!g_set_object (&self->map, map))
    return;
  shequ_map_renderer_set_map (self->renderer, map);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ShequSession *shequ_map_view_get_session (ShequMapView *self) { return self->session; }
void shequ_map_view_set_session (ShequMapView *self, ShequSession *session) { g_set_object (&self->session, session); }
ShequMapViewport *shequ_map_view_get_viewport (ShequMapView *self) { return self->viewport; }
ShequMapRenderer *shequ_map_view_get_renderer (ShequMapView *self) { return self->renderer; }

static void
fit_bounds (ShequMapView         *self,
            const ShequGeoBounds *bounds)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    return;
  shequ_map_viewport_fit (self->viewport, bounds, width, height, 24);
  self->fitted = TRUE;
}

void
shequ_map_view_zoom_to_unit (ShequMapView *self,
                             gint64        unit_id,
                             gboolean      animate)
{
  const ShequMapItem *item = self->map ? shequ_map_lookup_unit (self->map, unit_id) : NULL;

  if (item != NULL)
    fit_bounds (self, &item->bounds);
}

void
shequ_map_view_zoom_to_all (ShequMapView *self,
                            gboolean      animate)
{
  ShequGeoBounds bounds;

  if (self->map != NULL && shequ_map_get_bounds (self->map, &bounds))
    fit_bounds (self, &bounds);
}

void
shequ_map_view_get_frame (ShequMapView  *self,
                          ShequMapFrame *frame)
{
  shequ_map_viewport_get_frame (self->viewport, gtk_widget_get_width (GTK_WIDGET (self)),
                                gtk_widget_get_height (GTK_WIDGET (self)), frame);
}

void
shequ_map_view_set_overlay (ShequMapView        *self,
                            ShequMapOverlayFunc  overlay,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  if (self->overlay_destroy != NULL)
    self->overlay_destroy (self->overlay_data);
  self->overlay = overlay;
  self->overlay_data = user_data;
  self->overlay_destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
