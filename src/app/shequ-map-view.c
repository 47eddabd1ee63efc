/* shequ-map-view.c — the grid map as a widget: drawing, its cache, selection, animation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-map-view-private.h"

/* As libshumate's ShumateMap: the viewport is a plain object the view follows, the
 * gestures live in shequ-map-view-gestures.c, animations run on the frame clock. The
 * fills, the costly part, are drawn into a texture that a pan only moves. */

enum {
  PROP_0,
  PROP_MAP,
  PROP_SESSION,
  PROP_VIEWPORT,
  PROP_RENDERER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequMapView, shequ_map_view, GTK_TYPE_WIDGET)

/* The cache reaches this far past each edge of the view: a pan of less redraws nothing. */
#define CACHE_MARGIN 192
#define ANIMATION_US (250 * G_TIME_SPAN_MILLISECOND)
#define FIT_MARGIN 24
#define BACKGROUND 0.96, 0.96, 0.95

/* ------------------------------------------------------------------------ */
/* The cache of the fills                                                   */

/* What the cached texture holds: what moves with the map. At rest, the fills; the
 * labels are placed live, out of the decorations' way. While the map moves, the labels
 * too, placed once for the cache's wider frame, so a pan moves them with their units
 * instead of placing them again in every frame. The places (whose legend lines depend
 * on how crowded the view is), the selection, the hover, the decorations (fixed on the
 * screen) and the overlay are always drawn live. */
#define RESTING_LAYERS (SHEQU_MAP_DRAW_FILLS)
#define MOVING_LAYERS  (RESTING_LAYERS | SHEQU_MAP_DRAW_LABELS)

static void
clear_cache (ShequMapView *self)
{
  g_clear_object (&self->cache);
  g_clear_object (&self->cache_map);
  g_clear_pointer (&self->cache_colouring, shequ_map_colouring_unref);
}

static void
render_cache (ShequMapView        *self,
              const ShequMapFrame *frame,
              int                  scale)
{
  g_autoptr(GBytes) bytes = NULL;
  ShequMapColouring *colouring = shequ_map_renderer_get_colouring (self->renderer);
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;

  clear_cache (self);
  self->cache_frame = *frame;
  self->cache_frame.width = frame->width + 2 * CACHE_MARGIN;
  self->cache_frame.height = frame->height + 2 * CACHE_MARGIN;
  self->cache_scale = scale;
  self->cache_map = g_object_ref (self->map);
  self->cache_colouring = colouring != NULL ? shequ_map_colouring_ref (colouring) : NULL;

  width = (int) ceil (self->cache_frame.width * scale);
  height = (int) ceil (self->cache_frame.height * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, BACKGROUND);
  cairo_paint (cr);
  self->cache_layers = _shequ_map_view_is_moving (self) ? MOVING_LAYERS : RESTING_LAYERS;
  shequ_map_renderer_draw (self->renderer, cr, &self->cache_frame, self->cache_layers);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* CAIRO_FORMAT_ARGB32 is GDK_MEMORY_DEFAULT: the texture takes the pixels as they are. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  self->cache = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                        cairo_image_surface_get_stride (surface));
  self->n_cache_renders++;
  self->last_cache_render_us = g_get_monotonic_time () - start;
}

/* Whether the cache can stand for FRAME: the same map and colouring, and — while the
 * map moves — close enough to be moved or scaled there; at rest, exactly there. */
static gboolean
cache_fits (ShequMapView        *self,
            const ShequMapFrame *frame,
            int                  scale)
{
  double ratio, dx, dy;

  if (self->cache == NULL || self->cache_map != self->map || self->cache_scale != scale
      || self->cache_colouring != shequ_map_renderer_get_colouring (self->renderer))
    return FALSE;
  ratio = self->cache_frame.metres_per_pixel / frame->metres_per_pixel;
  dx = (self->cache_frame.centre.x - frame->centre.x) / frame->metres_per_pixel;
  dy = (self->cache_frame.centre.y - frame->centre.y) / frame->metres_per_pixel;
  if (!_shequ_map_view_is_moving (self))
    return ratio == 1 && dx == 0 && dy == 0 && self->cache_layers == RESTING_LAYERS
           && self->cache_frame.width == frame->width + 2 * CACHE_MARGIN
           && self->cache_frame.height == frame->height + 2 * CACHE_MARGIN;
  /* Moving: once, the labels go into the cache. */
  if (ratio < 0.5 || ratio > 2 || self->cache_layers != MOVING_LAYERS)
    return FALSE;
  /* The cache, moved and scaled, must still cover the view. */
  return fabs (dx) + frame->width / 2 <= self->cache_frame.width * ratio / 2
         && fabs (dy) + frame->height / 2 <= self->cache_frame.height * ratio / 2;
}

static void
snapshot_cache (ShequMapView        *self,
                GtkSnapshot         *snapshot,
                const ShequMapFrame *frame)
{
  ShequGeoPoint top_left = {
    self->cache_frame.centre.x - self->cache_frame.width / 2 * self->cache_frame.metres_per_pixel,
    self->cache_frame.centre.y + self->cache_frame.height / 2 * self->cache_frame.metres_per_pixel,
  };
  ShequGeoPoint at = shequ_map_frame_to_drawing (frame, top_left);
  double ratio = self->cache_frame.metres_per_pixel / frame->metres_per_pixel;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (at.x, at.y));
  if (ratio != 1)
    gtk_snapshot_scale (snapshot, ratio, ratio);
  gtk_snapshot_append_texture (snapshot, self->cache,
                               &GRAPHENE_RECT_INIT (0, 0, self->cache_frame.width,
                                                    self->cache_frame.height));
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_focus_ring (GtkWidget   *widget,
                     GtkSnapshot *snapshot,
                     int          width,
                     int          height)
{
  const GdkRGBA accent = { 0.21, 0.52, 0.89, 0.8 };
  const GdkRGBA colours[4] = { accent, accent, accent, accent };
  const float widths[4] = { 3, 3, 3, 3 };
  GskRoundedRect outline;

  if (!gtk_widget_has_visible_focus (widget))
    return;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 6);
  gtk_snapshot_append_border (snapshot, &outline, widths, colours);
}

static void
shequ_map_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  ShequMapView *self = SHEQU_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  const GdkRGBA background = { BACKGROUND, 1 };
  gint64 start = g_get_monotonic_time ();
  ShequMapFrame frame;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->map != NULL)
    {
      shequ_map_viewport_get_frame (self->viewport, width, height, &frame);
      if (!cache_fits (self, &frame, scale))
        render_cache (self, &frame, scale);
      snapshot_cache (self, snapshot, &frame);

      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      shequ_map_renderer_draw (self->renderer, cr, &frame, SHEQU_MAP_DRAW_ALL & ~self->cache_layers);
      if (self->overlay != NULL)
        self->overlay (cr, &frame, self->overlay_data);
      cairo_destroy (cr);
    }
  snapshot_focus_ring (widget, snapshot, width, height);
  self->last_snapshot_us = g_get_monotonic_time () - start;
}

static void
shequ_map_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  ShequMapView *self = SHEQU_MAP_VIEW (widget);

  /* Until the user moves it, the map stays whole as the view's size changes (the window
   * is often allocated more than once as it opens). */
  if ((!self->fitted || self->auto_fit) && self->tick_id == 0 && self->map != NULL
      && width > 0 && height > 0)
    {
      shequ_map_view_zoom_to_all (self, FALSE);
      self->auto_fit = self->fitted;
    }
}

/* ------------------------------------------------------------------------ */
/* Animation                                                                 */

gboolean
_shequ_map_view_is_moving (ShequMapView *self)
{
  return self->dragging || self->pinching || self->tick_id != 0;
}

void
_shequ_map_view_moving_changed (ShequMapView *self)
{
  /* At rest the cache must match exactly; the snapshot draws it again if not. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_shequ_map_view_user_moved (ShequMapView *self)
{
  self->auto_fit = FALSE;
}

void
_shequ_map_view_stop_animation (ShequMapView *self)
{
  if (self->tick_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  _shequ_map_view_moving_changed (self);
}

static double
ease_out_cubic (double t)
{
  double u = 1 - t;

  return 1 - u * u * u;
}

static gboolean
on_animation_tick (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  ShequMapView *self = SHEQU_MAP_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t = (double) (now - self->anim_start_us) / self->anim_duration_us;
  double e = ease_out_cubic (CLAMP (t, 0, 1));
  double zoom = self->anim_from_zoom + (self->anim_to_zoom - self->anim_from_zoom) * e;
  double p = e;
  ShequGeoPoint centre;

  if (self->anim_start_us == 0)
    {
      /* The first tick: the animation starts now, not when it was asked for. */
      self->anim_start_us = now;
      return G_SOURCE_CONTINUE;
    }
  /* As libshumate: while zooming, the centre moves with the scale, not the zoom level,
   * so the point zoomed to stays put instead of swinging out and back. */
  if (self->anim_to_zoom != self->anim_from_zoom)
    p = (exp2 (-self->anim_from_zoom) - exp2 (-zoom))
        / (exp2 (-self->anim_from_zoom) - exp2 (-self->anim_to_zoom));
  centre.x = self->anim_from_centre.x + (self->anim_to_centre.x - self->anim_from_centre.x) * p;
  centre.y = self->anim_from_centre.y + (self->anim_to_centre.y - self->anim_from_centre.y) * p;
  g_object_freeze_notify (G_OBJECT (self->viewport));
  shequ_map_viewport_set_zoom (self->viewport, t >= 1 ? self->anim_to_zoom : zoom);
  shequ_map_viewport_set_centre (self->viewport, t >= 1 ? self->anim_to_centre : centre);
  g_object_thaw_notify (G_OBJECT (self->viewport));
  if (t < 1)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  _shequ_map_view_moving_changed (self);
  return G_SOURCE_REMOVE;
}

static gboolean
animations_enabled (ShequMapView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled,
                NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

void
shequ_map_view_go_to (ShequMapView  *self,
                      ShequGeoPoint  centre,
                      double         zoom,
                      gboolean       animate)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  _shequ_map_view_animate_to (self, centre, zoom, animate ? ANIMATION_US : 0);
}

void
_shequ_map_view_animate_to (ShequMapView  *self,
                            ShequGeoPoint  centre,
                            double         zoom,
                            gint64         duration_us)
{
  gboolean animate = duration_us > 0;

  self->auto_fit = FALSE;
  zoom = CLAMP (zoom, shequ_map_viewport_get_min_zoom (self->viewport),
                shequ_map_viewport_get_max_zoom (self->viewport));
  if (!animate || !animations_enabled (self))
    {
      _shequ_map_view_stop_animation (self);
      g_object_freeze_notify (G_OBJECT (self->viewport));
      shequ_map_viewport_set_zoom (self->viewport, zoom);
      shequ_map_viewport_set_centre (self->viewport, centre);
      g_object_thaw_notify (G_OBJECT (self->viewport));
      return;
    }
  /* A new target while animating starts from where the map is now. */
  self->anim_from_centre = shequ_map_viewport_get_centre (self->viewport);
  self->anim_from_zoom = shequ_map_viewport_get_zoom (self->viewport);
  self->anim_to_centre = centre;
  self->anim_to_zoom = zoom;
  self->anim_start_us = 0;
  self->anim_duration_us = duration_us;
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_animation_tick,
                                                  NULL, NULL);
}

gboolean
shequ_map_view_is_animating (ShequMapView *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEW (self), FALSE);
  return self->tick_id != 0;
}

/* ------------------------------------------------------------------------ */
/* Zoom and pan                                                             */

static gboolean
frame_for_bounds (ShequMapView         *self,
                  const ShequGeoBounds *bounds,
                  ShequMapFrame        *frame)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    return FALSE;
  shequ_map_frame_init_fit (frame, bounds, width, height, MIN (FIT_MARGIN, MIN (width, height) / 8));
  return TRUE;
}

static void
go_to_bounds (ShequMapView         *self,
              const ShequGeoBounds *bounds,
              gboolean              animate)
{
  ShequMapFrame frame;

  if (!frame_for_bounds (self, bounds, &frame))
    return;
  self->fitted = TRUE;
  shequ_map_view_go_to (self, frame.centre, shequ_map_frame_get_zoom (&frame), animate);
}

void
shequ_map_view_zoom_to_unit (ShequMapView *self,
                             gint64        unit_id,
                             gboolean      animate)
{
  const ShequMapItem *item;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  item = self->map != NULL ? shequ_map_lookup_unit (self->map, unit_id) : NULL;
  if (item != NULL)
    go_to_bounds (self, &item->bounds, animate);
}

void
shequ_map_view_zoom_to_all (ShequMapView *self,
                            gboolean      animate)
{
  ShequGeoBounds bounds;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  if (self->map != NULL && shequ_map_get_bounds (self->map, &bounds))
    go_to_bounds (self, &bounds, animate);
}

/* The target of a running animation, so that repeated keys add up. */
static void
get_target (ShequMapView  *self,
            ShequGeoPoint *centre,
            double        *zoom)
{
  *centre = self->tick_id != 0 ? self->anim_to_centre : shequ_map_viewport_get_centre (self->viewport);
  *zoom = self->tick_id != 0 ? self->anim_to_zoom : shequ_map_viewport_get_zoom (self->viewport);
}

void
shequ_map_view_zoom_by (ShequMapView *self,
                        double        delta,
                        gboolean      animate)
{
  ShequGeoPoint centre;
  double zoom;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  get_target (self, &centre, &zoom);
  shequ_map_view_go_to (self, centre, zoom + delta, animate);
}

void
shequ_map_view_pan_by (ShequMapView *self,
                       double        dx,
                       double        dy,
                       gboolean      animate)
{
  ShequGeoPoint centre;
  ShequMapFrame frame;
  double zoom;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  get_target (self, &centre, &zoom);
  shequ_map_frame_set_zoom (&frame, zoom);
  centre.x += dx * frame.metres_per_pixel;
  centre.y -= dy * frame.metres_per_pixel;
  shequ_map_view_go_to (self, centre, zoom, animate);
}

/* Brings UNIT_ID into view, as little as it takes: the same zoom, centred on the unit,
 * unless it is bigger than the view, then framed whole. */
static void
reveal_unit (ShequMapView *self,
             gint64        unit_id)
{
  const ShequMapItem *item = self->map != NULL ? shequ_map_lookup_unit (self->map, unit_id) : NULL;
  ShequMapFrame frame, fit;
  ShequGeoBounds view;

  if (item == NULL || !self->fitted)
    return;
  shequ_map_view_get_frame (self, &frame);
  shequ_map_frame_get_bounds (&frame, &view);
  if (item->bounds.min_x >= view.min_x && item->bounds.max_x <= view.max_x
      && item->bounds.min_y >= view.min_y && item->bounds.max_y <= view.max_y)
    return;
  if (!frame_for_bounds (self, &item->bounds, &fit))
    return;
  shequ_map_view_go_to (self, fit.centre,
                        MIN (shequ_map_frame_get_zoom (&fit),
                             shequ_map_viewport_get_zoom (self->viewport)), TRUE);
}

/* ------------------------------------------------------------------------ */
/* Selection                                                                 */

gint64
_shequ_map_view_unit_at (ShequMapView *self,
                         double        x,
                         double        y)
{
  const ShequMapItem *item;
  ShequMapFrame frame;

  if (self->map == NULL)
    return 0;
  shequ_map_view_get_frame (self, &frame);
  item = shequ_map_hit (self->map, shequ_map_frame_to_projected (&frame, (ShequGeoPoint) { x, y }));
  return item != NULL ? item->unit_id : 0;
}

static void
update_description (ShequMapView *self)
{
  ShequUnit *unit = self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL;
  const ShequMapItem *item = unit != NULL && self->map != NULL
                             ? shequ_map_lookup_unit (self->map, shequ_unit_get_id (unit)) : NULL;
  g_autofree char *text = NULL;

  if (item != NULL)
    /* Translators: the map's accessible description; %s is the selected unit's name */
    text = g_strdup_printf (_("Selected: %s"), shequ_unit_get_name (unit));
  else if (unit != NULL)
    /* Translators: the map's accessible description when the selected unit has no boundary */
    text = g_strdup_printf (_("Selected: %s (not on the map)"), shequ_unit_get_name (unit));
  else
    text = g_strdup (_("No unit selected. Arrow keys move the map, plus and minus zoom, "
                       "Enter selects the unit at the centre."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

static void
follow_session (ShequMapView *self)
{
  ShequUnit *unit = self->session != NULL ? shequ_session_get_selected_unit (self->session) : NULL;
  gint64 unit_id = unit != NULL ? shequ_unit_get_id (unit) : 0;

  update_description (self);
  if (shequ_map_renderer_get_selected_unit (self->renderer) == unit_id)
    return;
  /* The highlight is an upper layer: the cached fills stay as they are. */
  shequ_map_renderer_set_selected_unit (self->renderer, unit_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (unit_id != 0)
    reveal_unit (self, unit_id);
}

void
shequ_map_view_select_unit (ShequMapView *self,
                            gint64        unit_id)
{
  ShequUnit *unit = NULL;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  if (self->session == NULL)
    {
      shequ_map_renderer_set_selected_unit (self->renderer, unit_id);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (unit_id != 0)
    unit = shequ_org_store_lookup_unit (shequ_session_get_store (self->session), unit_id);
  shequ_session_set_selected_unit (self->session, unit);
}

/* ------------------------------------------------------------------------ */
/* Properties                                                               */

static void
shequ_map_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShequMapView *self = SHEQU_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP: g_value_set_object (value, self->map); break;
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_VIEWPORT: g_value_set_object (value, self->viewport); break;
    case PROP_RENDERER: g_value_set_object (value, self->renderer); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ShequMapView *self = SHEQU_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP: shequ_map_view_set_map (self, g_value_get_object (value)); break;
    case PROP_SESSION: shequ_map_view_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_view_dispose (GObject *object)
{
  ShequMapView *self = SHEQU_MAP_VIEW (object);

  _shequ_map_view_stop_animation (self);
  shequ_map_view_set_overlay (self, NULL, NULL, NULL);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  clear_cache (self);
  g_clear_object (&self->map);
  g_clear_object (&self->session);
  g_clear_object (&self->viewport);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (shequ_map_view_parent_class)->dispose (object);
}

static void
shequ_map_view_class_init (ShequMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = shequ_map_view_get_property;
  object_class->set_property = shequ_map_view_set_property;
  object_class->dispose = shequ_map_view_dispose;
  widget_class->snapshot = shequ_map_view_snapshot;
  widget_class->size_allocate = shequ_map_view_size_allocate;
  widget_class->query_tooltip = _shequ_map_view_query_tooltip;

  properties[PROP_MAP] = g_param_spec_object ("map", NULL, NULL, SHEQU_TYPE_MAP, rw);
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, SHEQU_TYPE_SESSION, rw);
  properties[PROP_VIEWPORT] =
    g_param_spec_object ("viewport", NULL, NULL, SHEQU_TYPE_MAP_VIEWPORT, ro);
  properties[PROP_RENDERER] =
    g_param_spec_object ("renderer", NULL, NULL, SHEQU_TYPE_MAP_RENDERER, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "shequ-map-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  _shequ_map_view_class_init_actions (widget_class);
}

static void
shequ_map_view_init (ShequMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->viewport = shequ_map_viewport_new ();
  self->renderer = shequ_map_renderer_new (NULL);
  g_signal_connect_object (self->viewport, "notify", G_CALLBACK (gtk_widget_queue_draw),
                           self, G_CONNECT_SWAPPED);
  self->session_signals = g_signal_group_new (SHEQU_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::selected-unit",
                                 G_CALLBACK (follow_session), self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_widget_set_size_request (widget, 200, 150);
  gtk_widget_set_cursor_from_name (widget, "grab");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("map view", "Map"), -1);
  update_description (self);
  _shequ_map_view_init_controllers (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

GtkWidget *
shequ_map_view_new (void)
{
  return g_object_new (SHEQU_TYPE_MAP_VIEW, NULL);
}

ShequMap *
shequ_map_view_get_map (ShequMapView *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEW (self), NULL);
  return self->map;
}

void
shequ_map_view_set_map (ShequMapView *self,
                        ShequMap     *map)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));
  g_return_if_fail (map == NULL || SHEQU_IS_MAP (map));

  if (!g_set_object (&self->map, map))
    return;
  /* Without a map the next one is another street's: it is fitted whole. */
  if (map == NULL)
    self->fitted = FALSE;
  shequ_map_renderer_set_map (self->renderer, map);
  /* A colouring is of one map: a new map starts from the tier colours. */
  shequ_map_renderer_set_colouring (self->renderer, NULL);
  self->hover_unit = 0;
  shequ_map_renderer_set_hover_unit (self->renderer, 0);
  if (!self->fitted && map != NULL)
    {
      shequ_map_view_zoom_to_all (self, FALSE);
      self->auto_fit = self->fitted;
    }
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

ShequSession *
shequ_map_view_get_session (ShequMapView *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEW (self), NULL);
  return self->session;
}

void
shequ_map_view_set_session (ShequMapView *self,
                            ShequSession *session)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));
  g_return_if_fail (session == NULL || SHEQU_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  g_signal_group_set_target (self->session_signals, session);
  follow_session (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

ShequMapViewport *
shequ_map_view_get_viewport (ShequMapView *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEW (self), NULL);
  return self->viewport;
}

ShequMapRenderer *
shequ_map_view_get_renderer (ShequMapView *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEW (self), NULL);
  return self->renderer;
}

void
shequ_map_view_set_colouring (ShequMapView      *self,
                              ShequMapColouring *colouring)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  shequ_map_renderer_set_colouring (self->renderer, colouring);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shequ_map_view_queue_render (ShequMapView *self)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  g_clear_object (&self->cache);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shequ_map_view_get_frame (ShequMapView  *self,
                          ShequMapFrame *frame)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));
  g_return_if_fail (frame != NULL);

  shequ_map_viewport_get_frame (self->viewport, gtk_widget_get_width (GTK_WIDGET (self)),
                                gtk_widget_get_height (GTK_WIDGET (self)), frame);
}

void
shequ_map_view_set_overlay (ShequMapView        *self,
                            ShequMapOverlayFunc  overlay,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  if (self->overlay_destroy != NULL)
    self->overlay_destroy (self->overlay_data);
  self->overlay = overlay;
  self->overlay_data = user_data;
  self->overlay_destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
shequ_map_view_get_n_cache_renders (ShequMapView *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEW (self), 0);
  return self->n_cache_renders;
}

gint64
shequ_map_view_get_last_cache_render_us (ShequMapView *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEW (self), 0);
  return self->last_cache_render_us;
}

gint64
shequ_map_view_get_last_snapshot_us (ShequMapView *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_VIEW (self), 0);
  return self->last_snapshot_us;
}
