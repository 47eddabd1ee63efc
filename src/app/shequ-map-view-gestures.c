/* shequ-map-view-gestures.c — the map view's input: drag, scroll, pinch, keys, hover */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-map-view-private.h"

/* As libshumate: each controller made in _init, handled by on_<controller>_<signal>;
 * the handlers call the shequ_map_view_*_at() functions the tests call too, since GTK
 * cannot make input events for them. */

#define CLICK_SLOP 4.0        /* pixels a click may move and stay a click */
#define KEY_PAN_STEP 96.0     /* pixels an arrow key moves the map */
#define WHEEL_ZOOM_STEP 0.5   /* zoom levels a wheel notch changes */
#define SMOOTH_ZOOM_STEP 0.02 /* zoom levels a pixel of touchpad scrolling changes */
#define FLING_MIN_SPEED 300.0 /* pixels a second a drag must be let go at to glide on */
#define FLING_US (600 * G_TIME_SPAN_MILLISECOND)

static void
get_size (ShequMapView *self,
          double       *width,
          double       *height)
{
  *width = gtk_widget_get_width (GTK_WIDGET (self));
  *height = gtk_widget_get_height (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* What the input does, at view coordinates                                 */

void
shequ_map_view_click_at (ShequMapView *self,
                         double        x,
                         double        y,
                         int           n_press)
{
  double width, height;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  if (n_press == 2)
    {
      /* A double-click zooms in one level around the point. */
      ShequMapFrame frame;
      ShequGeoPoint anchor, centre;
      double zoom;

      get_size (self, &width, &height);
      shequ_map_view_get_frame (self, &frame);
      anchor = shequ_map_frame_to_projected (&frame, (ShequGeoPoint) { x, y });
      zoom = MIN (shequ_map_viewport_get_zoom (self->viewport) + 1,
                  shequ_map_viewport_get_max_zoom (self->viewport));
      shequ_map_frame_set_zoom (&frame, zoom);
      centre.x = anchor.x - (x - width / 2) * frame.metres_per_pixel;
      centre.y = anchor.y + (y - height / 2) * frame.metres_per_pixel;
      shequ_map_view_go_to (self, centre, zoom, TRUE);
      return;
    }
  if (n_press == 1)
    shequ_map_view_select_unit (self, _shequ_map_view_unit_at (self, x, y));
}

void
shequ_map_view_hover_at (ShequMapView *self,
                         double        x,
                         double        y)
{
  gint64 unit_id;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  self->pointer_x = x;
  self->pointer_y = y;
  /* Under a drag the map moves beneath a still pointer: no hover then. */
  unit_id = self->dragging ? 0 : _shequ_map_view_unit_at (self, x, y);
  if (unit_id == self->hover_unit)
    return;
  self->hover_unit = unit_id;
  shequ_map_renderer_set_hover_unit (self->renderer, unit_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static void
clear_hover (ShequMapView *self)
{
  if (self->hover_unit == 0)
    return;
  self->hover_unit = 0;
  shequ_map_renderer_set_hover_unit (self->renderer, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shequ_map_view_drag_begin (ShequMapView *self)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  _shequ_map_view_stop_animation (self);
  self->drag_start_centre = shequ_map_viewport_get_centre (self->viewport);
  self->drag_distance = 0;
  self->dragging = TRUE;
}

void
shequ_map_view_drag_update (ShequMapView *self,
                            double        offset_x,
                            double        offset_y)
{
  ShequMapFrame frame;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  if (!self->dragging)
    return;
  self->drag_distance = MAX (self->drag_distance, hypot (offset_x, offset_y));
  if (self->drag_distance < CLICK_SLOP)
    return;
  clear_hover (self);
  _shequ_map_view_user_moved (self);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  shequ_map_view_get_frame (self, &frame);
  shequ_map_viewport_set_centre (self->viewport, (ShequGeoPoint) {
    self->drag_start_centre.x - offset_x * frame.metres_per_pixel,
    self->drag_start_centre.y + offset_y * frame.metres_per_pixel,
  });
}

void
shequ_map_view_drag_end (ShequMapView *self)
{
  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  if (!self->dragging)
    return;
  self->dragging = FALSE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  _shequ_map_view_moving_changed (self);
}

void
shequ_map_view_fling (ShequMapView *self,
                      double        velocity_x,
                      double        velocity_y)
{
  ShequMapFrame frame;
  ShequGeoPoint centre;
  double seconds = (double) FLING_US / G_USEC_PER_SEC;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  if (hypot (velocity_x, velocity_y) < FLING_MIN_SPEED)
    return;
  /* An ease-out cubic over T starts at 3·distance/T: the speed the drag was let go at. */
  shequ_map_view_get_frame (self, &frame);
  centre = shequ_map_viewport_get_centre (self->viewport);
  centre.x -= velocity_x * seconds / 3 * frame.metres_per_pixel;
  centre.y += velocity_y * seconds / 3 * frame.metres_per_pixel;
  _shequ_map_view_animate_to (self, centre, shequ_map_viewport_get_zoom (self->viewport), FLING_US);
}

void
shequ_map_view_scroll_at (ShequMapView *self,
                          double        x,
                          double        y,
                          double        dy)
{
  double width, height;

  g_return_if_fail (SHEQU_IS_MAP_VIEW (self));

  get_size (self, &width, &height);
  _shequ_map_view_stop_animation (self);
  _shequ_map_view_user_moved (self);
  shequ_map_viewport_zoom_around (self->viewport, width, height,
                                  shequ_map_viewport_get_zoom (self->viewport) - dy,
                                  (ShequGeoPoint) { x, y });
}

/* ------------------------------------------------------------------------ */
/* The controllers                                                          */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               ShequMapView   *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  shequ_map_view_drag_begin (self);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                ShequMapView   *self)
{
  shequ_map_view_drag_update (self, offset_x, offset_y);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             ShequMapView   *self)
{
  shequ_map_view_drag_end (self);
}

static void
on_swipe_swipe (GtkGestureSwipe *gesture,
                double           velocity_x,
                double           velocity_y,
                ShequMapView    *self)
{
  if (self->drag_distance >= CLICK_SLOP)
    shequ_map_view_fling (self, velocity_x, velocity_y);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   ShequMapView    *self)
{
  /* A drag that moved the map is no click. */
  if (self->drag_distance >= CLICK_SLOP)
    return;
  shequ_map_view_click_at (self, x, y, n_press);
}

static gboolean
on_scroll_scroll (GtkEventControllerScroll *scroll,
                  double                    dx,
                  double                    dy,
                  ShequMapView             *self)
{
  double step = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL
                ? WHEEL_ZOOM_STEP : SMOOTH_ZOOM_STEP;

  shequ_map_view_scroll_at (self, self->pointer_x, self->pointer_y, dy * step);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               ShequMapView     *self)
{
  /* Two fingers zoom; they do not drag the map as well. */
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  _shequ_map_view_stop_animation (self);
  self->pinch_start_zoom = shequ_map_viewport_get_zoom (self->viewport);
  self->pinching = TRUE;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       ShequMapView   *self)
{
  double x, y, width, height;

  if (scale <= 0 || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  get_size (self, &width, &height);
  _shequ_map_view_user_moved (self);
  shequ_map_viewport_zoom_around (self->viewport, width, height,
                                  self->pinch_start_zoom + log2 (scale),
                                  (ShequGeoPoint) { x, y });
}

static void
on_zoom_end (GtkGesture       *gesture,
             GdkEventSequence *sequence,
             ShequMapView     *self)
{
  self->pinching = FALSE;
  _shequ_map_view_moving_changed (self);
}

static void
on_motion_motion (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  ShequMapView             *self)
{
  self->pointer_inside = TRUE;
  shequ_map_view_hover_at (self, x, y);
}

static void
on_motion_leave (GtkEventControllerMotion *motion,
                 ShequMapView             *self)
{
  self->pointer_inside = FALSE;
  self->pointer_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  self->pointer_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  clear_hover (self);
}

void
_shequ_map_view_init_controllers (ShequMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *swipe = gtk_gesture_swipe_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (swipe), GDK_BUTTON_PRIMARY);
  g_signal_connect (swipe, "swipe", G_CALLBACK (on_swipe_swipe), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (swipe));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  g_signal_connect (zoom, "end", G_CALLBACK (on_zoom_end), self);
  g_signal_connect (zoom, "cancel", G_CALLBACK (on_zoom_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_motion_leave), self);
  gtk_widget_add_controller (widget, motion);
}

/* ------------------------------------------------------------------------ */
/* Actions and keys                                                         */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ShequMapView *self = SHEQU_MAP_VIEW (widget);

  if (g_str_equal (action_name, "map.zoom-to-selected"))
    {
      ShequSession *session = shequ_map_view_get_session (self);
      ShequUnit *unit = session != NULL ? shequ_session_get_selected_unit (session) : NULL;

      if (unit != NULL)
        shequ_map_view_zoom_to_unit (self, shequ_unit_get_id (unit), TRUE);
    }
  else if (g_str_equal (action_name, "map.zoom-in"))
    shequ_map_view_zoom_by (self, 1, TRUE);
  else if (g_str_equal (action_name, "map.zoom-out"))
    shequ_map_view_zoom_by (self, -1, TRUE);
  else
    shequ_map_view_zoom_to_all (self, TRUE);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  int dx, dy;

  g_variant_get (param, "(ii)", &dx, &dy);
  shequ_map_view_pan_by (SHEQU_MAP_VIEW (widget), dx * KEY_PAN_STEP, dy * KEY_PAN_STEP, TRUE);
}

static void
select_centre_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ShequMapView *self = SHEQU_MAP_VIEW (widget);

  shequ_map_view_select_unit (self, _shequ_map_view_unit_at (self, gtk_widget_get_width (widget) / 2.0,
                                                             gtk_widget_get_height (widget) / 2.0));
}

void
_shequ_map_view_class_init_actions (GtkWidgetClass *widget_class)
{
  static const struct { guint key; int dx; int dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
    { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 }, { GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_KP_Down, 0, 1 },
  };
  static const guint zoom_in_keys[] = { GDK_KEY_plus, GDK_KEY_equal, GDK_KEY_KP_Add };
  static const guint zoom_out_keys[] = { GDK_KEY_minus, GDK_KEY_underscore, GDK_KEY_KP_Subtract };
  static const guint all_keys[] = { GDK_KEY_Home, GDK_KEY_KP_Home, GDK_KEY_0, GDK_KEY_KP_0 };
  static const guint select_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_space };

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-all", NULL, zoom_action);
  /* Z: frame the selected unit, the one the tree and the detail pane show. */
  gtk_widget_class_install_action (widget_class, "map.zoom-to-selected", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, 0, "map.zoom-to-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_SHIFT_MASK,
                                       "map.zoom-to-selected", NULL);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.select-centre", NULL, select_centre_action);

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding_action (widget_class, arrows[i].key, 0, "map.pan", "(ii)",
                                         arrows[i].dx, arrows[i].dy);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_in_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, zoom_in_keys[i], 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK, "map.zoom-in", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_out_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, zoom_out_keys[i], 0, "map.zoom-out", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (all_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, all_keys[i], 0, "map.zoom-all", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (select_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, select_keys[i], 0, "map.select-centre", NULL);
}

/* ------------------------------------------------------------------------ */
/* The tooltip                                                              */

char *
shequ_map_view_dup_tooltip_text (ShequMapView *self,
                                 double        x,
                                 double        y)
{
  gint64 unit_id;
  const ShequMapItem *item;
  ShequUnit *unit = NULL;
  ShequMapColouring *colouring;
  GString *text;

  g_return_val_if_fail (SHEQU_IS_MAP_VIEW (self), NULL);

  unit_id = _shequ_map_view_unit_at (self, x, y);
  item = unit_id != 0 ? shequ_map_lookup_unit (self->map, unit_id) : NULL;
  if (item == NULL)
    return NULL;
  if (self->session != NULL)
    unit = shequ_org_store_lookup_unit (shequ_session_get_store (self->session), unit_id);

  text = g_string_new (unit != NULL ? shequ_unit_get_name (unit) : item->name);
  g_string_append_c (text, '\n');
  g_string_append (text, shequ_tier_get_label (item->tier));
  if (unit != NULL)
    {
      g_autofree char *population = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      shequ_unit_get_total_population (unit));

      /* Translators: in the map's tooltip, after the unit's tier; %s is a number */
      g_string_append_printf (text, _(" · Population %s"), population);
    }
  colouring = shequ_map_renderer_get_colouring (self->renderer);
  if (colouring != NULL)
    {
      g_autofree char *value = shequ_map_colouring_format_value (colouring, unit_id);
      const char *title = shequ_map_colouring_get_title (colouring);

      if (value != NULL && title != NULL && *title != '\0')
        g_string_append_printf (text, "\n%s: %s", title, value);
      else if (value != NULL)
        g_string_append_printf (text, "\n%s", value);
    }
  return g_string_free (text, FALSE);
}

gboolean
_shequ_map_view_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  ShequMapView *self = SHEQU_MAP_VIEW (widget);
  g_autofree char *text = NULL;

  if (keyboard_mode)
    {
      x = gtk_widget_get_width (widget) / 2;
      y = gtk_widget_get_height (widget) / 2;
    }
  else if (self->dragging)
    return FALSE;
  text = shequ_map_view_dup_tooltip_text (self, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}
