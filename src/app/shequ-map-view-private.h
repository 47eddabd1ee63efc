/* shequ-map-view-private.h — ShequMapView's instance struct, shared by its files and tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-map-view.h"

G_BEGIN_DECLS

struct _ShequMapView
{
  GtkWidget            parent_instance;

  ShequMap            *map;
  ShequSession        *session;
  GSignalGroup        *session_signals;
  ShequMapViewport    *viewport;
  ShequMapRenderer    *renderer;
  ShequMapOverlayFunc  overlay;
  gpointer             overlay_data;
  GDestroyNotify       overlay_destroy;

  /* The lower layers (fills) drawn once into a texture, a margin wider than the view, so
   * a pan or an animation only moves (or scales) it. */
  GdkTexture          *cache;
  ShequMapFrame        cache_frame;        /* what the cache shows, in view pixels */
  ShequMap            *cache_map;          /* what it was drawn from: a new one redraws */
  ShequMapColouring   *cache_colouring;
  int                  cache_scale;
  ShequMapDrawFlags    cache_layers;   /* what the cache holds: RESTING_ or MOVING_LAYERS */
  guint                n_cache_renders;
  gint64               last_cache_render_us;
  gint64               last_snapshot_us;

  /* Animation on the frame clock (ease-out) */
  guint                tick_id;
  gint64               anim_start_us;
  gint64               anim_duration_us;
  ShequGeoPoint        anim_from_centre;
  ShequGeoPoint        anim_to_centre;
  double               anim_from_zoom;
  double               anim_to_zoom;

  /* Gestures */
  ShequGeoPoint        drag_start_centre;
  double               drag_distance;
  double               pinch_start_zoom;
  gint64               hover_unit;
  double               pointer_x;
  double               pointer_y;

  guint                fitted : 1;
  guint                auto_fit : 1;         /* fitted whole by itself, not moved since */
  guint                dragging : 1;
  guint                pinching : 1;
  guint                pointer_inside : 1;
};

/* shequ-map-view.c */
/* While a gesture or an animation moves the map the cache is drawn moved or scaled;
 * when it ends the fills are drawn again at the new place. */
void     _shequ_map_view_moving_changed  (ShequMapView  *self);
gboolean _shequ_map_view_is_moving       (ShequMapView  *self);
void     _shequ_map_view_stop_animation  (ShequMapView  *self);
/* The user moved the map: a new size no longer fits it whole again. */
void     _shequ_map_view_user_moved      (ShequMapView  *self);
/* shequ_map_view_go_to() over DURATION_US (0: at once). */
void     _shequ_map_view_animate_to      (ShequMapView  *self,
                                          ShequGeoPoint  centre,
                                          double         zoom,
                                          gint64         duration_us);
/* The innermost unit under the point of the view (0 when none). */
gint64   _shequ_map_view_unit_at         (ShequMapView  *self,
                                          double         x,
                                          double         y);

/* shequ-map-view-gestures.c */
void     _shequ_map_view_init_controllers (ShequMapView   *self);
void     _shequ_map_view_class_init_actions (GtkWidgetClass *widget_class);
gboolean _shequ_map_view_query_tooltip   (GtkWidget      *widget,
                                          int             x,
                                          int             y,
                                          gboolean        keyboard_mode,
                                          GtkTooltip     *tooltip);

/* For the tests and the benchmark (GTK cannot make input events): what a click, a
 * pointer motion, a drag and a scroll at view coordinates do; the tooltip's text for
 * a point (NULL when no unit is there); how often the fills were drawn. */
void     shequ_map_view_click_at         (ShequMapView  *self,
                                          double         x,
                                          double         y,
                                          int            n_press);
void     shequ_map_view_hover_at         (ShequMapView  *self,
                                          double         x,
                                          double         y);
void     shequ_map_view_drag_begin       (ShequMapView  *self);
void     shequ_map_view_drag_update      (ShequMapView  *self,
                                          double         offset_x,
                                          double         offset_y);
void     shequ_map_view_drag_end         (ShequMapView  *self);
/* A drag let go at VELOCITY_X, VELOCITY_Y pixels a second: the map glides on, slowing. */
void     shequ_map_view_fling            (ShequMapView  *self,
                                          double         velocity_x,
                                          double         velocity_y);
void     shequ_map_view_scroll_at        (ShequMapView  *self,
                                          double         x,
                                          double         y,
                                          double         dy);
char    *shequ_map_view_dup_tooltip_text (ShequMapView  *self,
                                          double         x,
                                          double         y);
guint    shequ_map_view_get_n_cache_renders (ShequMapView *self);
gint64   shequ_map_view_get_last_cache_render_us (ShequMapView *self);
/* How long the last snapshot took (the fills when drawn, the upper layers), in µs. */
gint64   shequ_map_view_get_last_snapshot_us (ShequMapView *self);
gboolean shequ_map_view_is_animating     (ShequMapView  *self);

G_END_DECLS
