/* shequ-presentation-window.c — the map for a meeting: fullscreen, one area at a time */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-presentation-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-dialogs.h"
#include "shequ-eval-cells.h"
#include "shequ-eval-measure.h"
#include "shequ-map-export-dialog.h"
#include "shequ-presentation-window-private.h"
#include "shequ-presenter-controls.h"

struct _ShequPresentationWindow
{
  GtkWindow           parent_instance;

  GtkWindow          *parent;       /* weak */
  GtkWindow          *controls;     /* owned by GTK; destroyed with this window */
  ShequMap           *map;
  ShequSession       *session;
  ShequMapInk        *ink;
  ShequMapColouring  *map_colouring;  /* the map page's, for present.colour-by 'map' */
  GSimpleActionGroup *actions;
  GArray             *areas;        /* guint: positions of the depth-1 items */
  GtkWidget          *overlay;
  ShequMapView       *view;
  GtkLabel           *caption;
  GtkWidget          *caption_box;
  GtkCssProvider     *css;           /* on the display while the window lives */
  GtkWidget          *pen_bar;
  GtkGesture         *pen_gesture;
  char               *tool;         /* "none", "pen", "eraser" */
  int                 area;
  int                 last_width;
  int                 last_height;
  guint               resize_idle_id;
  double              pen_x;
  double              pen_y;
  guint               fullscreen_requested : 1;
};

enum {
  PROP_0,
  PROP_AREA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequPresentationWindow, shequ_presentation_window, GTK_TYPE_WINDOW)

double
shequ_presentation_text_scale_for_size (int width,
                                        int height)
{
  /* 2 at 1920×1080, the same look at 3840×2160 (4) and on a small projector (≥ 1). */
  double scale = MIN (width / 960.0, height / 540.0);

  return MAX (scale, 1.0);
}

static const char *
street_name (ShequPresentationWindow *self)
{
  if (shequ_map_get_n_items (self->map) > 0)
    {
      const ShequMapItem *first = shequ_map_get_item (self->map, 0);

      if (first->depth == 0)
        return first->name;
    }
  return _("Whole map");
}

static void
update_caption (ShequPresentationWindow *self)
{
  g_autofree char *text = NULL;

  if (self->area < 0)
    text = g_strdup (street_name (self));
  else
    /* Translators: the presentation's caption: the area's name, its number, how many */
    text = g_strdup_printf (_("%s · %d / %u"),
                            shequ_presentation_window_get_area_item (self, self->area)->name,
                            self->area + 1, self->areas->len);
  gtk_label_set_text (self->caption, text);
}

/* The pen's tools grow with the screen like the map's text: a 4K projector without
 * desktop scaling would otherwise show them at a quarter of the size. */
static void
scale_pen_bar (ShequPresentationWindow *self,
               double                   scale)
{
  g_autofree char *css = NULL;

  if (self->css == NULL)
    {
      self->css = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  GTK_STYLE_PROVIDER (self->css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  css = g_strdup_printf ("shequ-presentation .presentation-pen-bar { font-size: %dpx; "
                         "padding: %dpx; border-radius: %dpx; } "
                         "shequ-presentation .presentation-pen-bar button { "
                         "min-height: %dpx; padding: %dpx %dpx; } "
                         "shequ-presentation .presentation-pen-bar scale { min-width: %dpx; }",
                         (int) (7.5 * scale), (int) (3 * scale), (int) (4 * scale),
                         (int) (12 * scale), (int) (2 * scale), (int) (5 * scale),
                         (int) (60 * scale));
  gtk_css_provider_load_from_data (self->css, css, -1);
}

static void
update_sizes (ShequPresentationWindow *self,
              int                      width,
              int                      height)
{
  double scale = shequ_presentation_text_scale_for_size (width, height);
  ShequMapRenderer *renderer = shequ_map_view_get_renderer (self->view);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  int margin = (int) (12 * scale);
  GtkWidget *caption = GTK_WIDGET (self->caption);

  shequ_map_renderer_set_text_scale (renderer, scale);
  pango_attr_list_insert (attrs, pango_attr_size_new_absolute ((int) (13 * scale * PANGO_SCALE)));
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_SEMIBOLD));
  gtk_label_set_attributes (self->caption, attrs);
  /* The label's margins are the box's padding; the box keeps off the screen's edge. */
  g_object_set (caption, "margin-start", (int) (8 * scale), "margin-end", (int) (8 * scale),
                "margin-top", (int) (3 * scale), "margin-bottom", (int) (3 * scale), NULL);
  gtk_widget_set_margin_bottom (self->caption_box, margin);
  gtk_widget_set_margin_top (self->pen_bar, margin);
  scale_pen_bar (self, scale);
  gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

static gboolean
on_resized_idle (gpointer data)
{
  ShequPresentationWindow *self = data;

  self->resize_idle_id = 0;
  update_sizes (self, self->last_width, self->last_height);
  /* The area stays framed when the window changes size (going fullscreen). */
  shequ_presentation_window_set_area (self, self->area, FALSE);
  return G_SOURCE_REMOVE;
}

static void
shequ_presentation_window_size_allocate (GtkWidget *widget,
                                         int        width,
                                         int        height,
                                         int        baseline)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (widget);

  GTK_WIDGET_CLASS (shequ_presentation_window_parent_class)->size_allocate (widget, width,
                                                                            height, baseline);
  if (width == self->last_width && height == self->last_height)
    return;
  self->last_width = width;
  self->last_height = height;
  /* Not while allocating: the caption's new size needs a layout of its own. */
  if (self->resize_idle_id == 0)
    self->resize_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_resized_idle, self, NULL);
}

/* Pen and eraser */

static void
on_pen_drag_begin (GtkGestureDrag          *gesture,
                   double                   x,
                   double                   y,
                   ShequPresentationWindow *self)
{
  ShequMapFrame frame;

  if (g_str_equal (self->tool, "none"))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* The pen's, not the map's: no pan while drawing. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  shequ_map_view_get_frame (self->view, &frame);
  self->pen_x = x;
  self->pen_y = y;
  if (g_str_equal (self->tool, "pen"))
    shequ_map_ink_begin_stroke (self->ink, &frame, x, y);
  else
    shequ_map_ink_erase_at (self->ink, &frame, x, y);
}

static void
on_pen_drag_update (GtkGestureDrag          *gesture,
                    double                   dx,
                    double                   dy,
                    ShequPresentationWindow *self)
{
  ShequMapFrame frame;

  shequ_map_view_get_frame (self->view, &frame);
  if (g_str_equal (self->tool, "pen"))
    shequ_map_ink_extend_stroke (self->ink, &frame, self->pen_x + dx, self->pen_y + dy);
  else if (g_str_equal (self->tool, "eraser"))
    shequ_map_ink_erase_at (self->ink, &frame, self->pen_x + dx, self->pen_y + dy);
}

static void
on_pen_drag_end (GtkGestureDrag          *gesture,
                 double                   dx,
                 double                   dy,
                 ShequPresentationWindow *self)
{
  shequ_map_ink_end_stroke (self->ink);
}

static void
set_tool (ShequPresentationWindow *self,
          const char              *tool)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "tool");
  gboolean drawing;

  if (g_strcmp0 (self->tool, tool) == 0)
    return;
  g_free (self->tool);
  self->tool = g_strdup (tool);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (tool));
  drawing = !g_str_equal (tool, "none");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->view), drawing ? "crosshair" : NULL);
  /* The pen's tools show while it is in hand, on the projector only without controls. */
  gtk_widget_set_visible (self->pen_bar, drawing && self->controls == NULL);
}

/* Actions */

static void
on_tool_change_state (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  const char *tool = g_variant_get_string (state, NULL);

  if (g_str_equal (tool, "none") || g_str_equal (tool, "pen") || g_str_equal (tool, "eraser"))
    set_tool (SHEQU_PRESENTATION_WINDOW (user_data), tool);
}

static void
on_toggle_tool (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (user_data);
  const char *tool = g_str_equal (g_action_get_name (G_ACTION (action)), "toggle-pen")
                     ? "pen" : "eraser";

  set_tool (self, g_str_equal (self->tool, tool) ? "none" : tool);
}

static const char *const colour_names[SHEQU_MAP_INK_N_COLOURS] = { "red", "blue", "black" };

static void
on_colour_change_state (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (user_data);
  const char *name = g_variant_get_string (state, NULL);

  for (guint i = 0; i < SHEQU_MAP_INK_N_COLOURS; i++)
    if (g_str_equal (name, colour_names[i]))
      {
        shequ_map_ink_set_colour (self->ink, i);
        g_simple_action_set_state (action, state);
        /* Choosing a colour means drawing with it. */
        set_tool (self, "pen");
      }
}

/* What the projector colours by: the map page's colouring ('map') or the evaluation's
 * bands in the newest community period ('band'), the communities and villages filled. */
static void
on_colour_by_change_state (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       user_data)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (user_data);
  const char *name = g_variant_get_string (state, NULL);
  ShequEvalStore *eval_store = self->session != NULL ? shequ_session_get_eval_store (self->session)
                                                     : NULL;

  if (g_str_equal (name, "map"))
    shequ_map_view_set_colouring (self->view, self->map_colouring);
  else if (g_str_equal (name, "band") && eval_store != NULL)
    {
      gint64 period_id = shequ_eval_get_newest_closed_period (eval_store, SHEQU_EVAL_KIND_COMMUNITY);
      g_autoptr(ShequMeasure) measure = shequ_eval_measure_new_band (eval_store, period_id);
      g_autoptr(ShequMapColouring) colouring = NULL;

      if (measure == NULL)
        return;
      colouring = shequ_map_colouring_new (shequ_session_get_store (self->session), self->map,
                                           measure, 2, SHEQU_CLASS_QUANTILE, 5,
                                           SHEQU_PALETTE_BLUES);
      shequ_map_view_set_colouring (self->view, colouring);
    }
  else
    return;
  g_simple_action_set_state (action, state);
}

/* B: the bands, and back to the map page's colouring. */
static void
on_toggle_colour_by (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (user_data);
  GAction *colour_by = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "colour-by");
  g_autoptr(GVariant) state = g_action_get_state (colour_by);

  if (g_action_get_enabled (colour_by))
    g_action_change_state (colour_by,
                           g_variant_new_string (g_str_equal (g_variant_get_string (state, NULL), "band")
                                                 ? "map" : "band"));
}

static void
on_step (GSimpleAction *action,
         GVariant      *param,
         gpointer       user_data)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (user_data);
  const char *name = g_action_get_name (G_ACTION (action));
  int area = self->area;

  if (g_str_equal (name, "next"))
    area = MIN (area + 1, (int) self->areas->len - 1);
  else if (g_str_equal (name, "previous"))
    area = MAX (area - 1, -1);
  else if (g_str_equal (name, "home"))
    area = -1;
  else
    area = CLAMP (g_variant_get_int32 (param), -1, (int) self->areas->len - 1);
  shequ_presentation_window_set_area (self, area, TRUE);
}

static void
on_leave (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
}

static void
on_ink_edit (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (user_data);

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "clear"))
    shequ_map_ink_clear (self->ink);
  else
    shequ_map_ink_undo (self->ink);
}

static void
on_export_finished (ShequMapExportDialog *dialog,
                    GFile                *file,
                    const GError         *error,
                    gpointer              user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      shequ_show_message (parent, GTK_MESSAGE_ERROR, _("Could not export the map"),
                          error->message);
      return;
    }
  text = g_strdup_printf (_("Saved “%s”"), base);
  shequ_show_message (parent, GTK_MESSAGE_INFO, text, NULL);
}

static void
on_export (GSimpleAction *action,
           GVariant      *param,
           gpointer       user_data)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (user_data);
  GtkWindow *parent = self->controls != NULL ? self->controls : GTK_WINDOW (self);
  ShequMapExportDialog *dialog;
  ShequMapFrame frame;
  ShequGeoBounds view;

  shequ_map_view_get_frame (self->view, &frame);
  shequ_map_frame_get_bounds (&frame, &view);
  dialog = shequ_map_export_dialog_new (parent, shequ_map_view_get_renderer (self->view),
                                        &view, self->ink);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_export_finished), NULL);
  shequ_map_export_dialog_run (dialog, _("annotated-map.png"));
}

static const GActionEntry action_entries[] = {
  { "next", on_step, NULL, NULL, NULL },
  { "previous", on_step, NULL, NULL, NULL },
  { "home", on_step, NULL, NULL, NULL },
  { "area", on_step, "i", NULL, NULL },
  { "leave", on_leave, NULL, NULL, NULL },
  { "tool", NULL, "s", "'none'", on_tool_change_state },
  { "toggle-pen", on_toggle_tool, NULL, NULL, NULL },
  { "toggle-eraser", on_toggle_tool, NULL, NULL, NULL },
  { "colour", NULL, "s", "'red'", on_colour_change_state },
  { "colour-by", NULL, "s", "'map'", on_colour_by_change_state },
  { "toggle-colour-by", on_toggle_colour_by, NULL, NULL, NULL },
  { "clear", on_ink_edit, NULL, NULL, NULL },
  { "undo", on_ink_edit, NULL, NULL, NULL },
  { "export", on_export, NULL, NULL, NULL },
};

static const struct {
  const char *trigger;
  const char *action;
} key_table[] = {
  { "Page_Down", "present.next" },
  { "Right", "present.next" },
  { "space", "present.next" },
  { "Down", "present.next" },
  { "Page_Up", "present.previous" },
  { "Left", "present.previous" },
  { "BackSpace", "present.previous" },
  { "Up", "present.previous" },
  { "Home", "present.home" },
  { "b", "present.toggle-colour-by" },
  { "Escape", "present.leave" },
  { "p", "present.toggle-pen" },
  { "e", "present.toggle-eraser" },
  { "c", "present.clear" },
  { "<Control>z", "present.undo" },
};

/* The presentation's keys, on the projector and on the presenter's controls alike. */
void
shequ_presentation_add_shortcuts (GtkWidget           *widget,
                                  GtkPropagationPhase  phase)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (controller, "shequ-presentation-keys");
  gtk_event_controller_set_propagation_phase (controller, phase);
  for (guint i = 0; i < G_N_ELEMENTS (key_table); i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (key_table[i].trigger);
      GtkShortcutAction *action = gtk_named_action_new (key_table[i].action);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger, action));
    }
  gtk_widget_add_controller (widget, controller);
}

static void
on_can_undo_changed (ShequPresentationWindow *self)
{
  GAction *undo = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "undo");
  GAction *clear = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "clear");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (undo), shequ_map_ink_get_can_undo (self->ink));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (clear),
                               shequ_map_ink_get_n_strokes (self->ink) > 0);
}

static void
shequ_presentation_window_dispose (GObject *object)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (object);

  g_clear_handle_id (&self->resize_idle_id, g_source_remove);
  if (self->css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
  if (self->controls != NULL)
    gtk_window_destroy (g_steal_pointer (&self->controls));
  /* The main window comes back, its focus with it. */
  if (self->parent != NULL)
    gtk_window_present (self->parent);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->map);
  g_clear_object (&self->session);
  g_clear_pointer (&self->map_colouring, shequ_map_colouring_unref);
  if (self->ink != NULL)
    g_signal_handlers_disconnect_by_data (self->ink, self);
  g_clear_object (&self->ink);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->areas, g_array_unref);

  G_OBJECT_CLASS (shequ_presentation_window_parent_class)->dispose (object);
}

static void
shequ_presentation_window_finalize (GObject *object)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (object);

  g_free (self->tool);

  G_OBJECT_CLASS (shequ_presentation_window_parent_class)->finalize (object);
}

static void
shequ_presentation_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  ShequPresentationWindow *self = SHEQU_PRESENTATION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AREA:
      g_value_set_int (value, self->area);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_presentation_window_class_init (ShequPresentationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_presentation_window_dispose;
  object_class->finalize = shequ_presentation_window_finalize;
  object_class->get_property = shequ_presentation_window_get_property;
  widget_class->size_allocate = shequ_presentation_window_size_allocate;

  properties[PROP_AREA] =
    g_param_spec_int ("area", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "shequ-presentation");
}

static void
build_widgets (ShequPresentationWindow *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->overlay = gtk_overlay_new ();
  self->view = SHEQU_MAP_VIEW (shequ_map_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->view));

  /* The caption: discreet, bottom centre, between the legend (bottom left) and the scale
   * bar (bottom right); the pen's bar is at the top. */
  self->caption = GTK_LABEL (gtk_label_new (NULL));
  self->caption_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->caption_box), GTK_WIDGET (self->caption));
  gtk_widget_add_css_class (self->caption_box, "osd");
  gtk_widget_add_css_class (self->caption_box, "presentation-caption");
  gtk_widget_set_halign (self->caption_box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->caption_box, GTK_ALIGN_END);
  gtk_widget_set_can_target (self->caption_box, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->caption_box);

  self->pen_bar = shequ_presentation_new_pen_tools (self->ink, GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_add_css_class (self->pen_bar, "osd");
  gtk_widget_add_css_class (self->pen_bar, "toolbar");
  gtk_widget_add_css_class (self->pen_bar, "presentation-pen-bar");
  gtk_widget_set_halign (self->pen_bar, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->pen_bar, GTK_ALIGN_START);
  gtk_widget_set_visible (self->pen_bar, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->pen_bar);
  gtk_window_set_child (GTK_WINDOW (self), self->overlay);

  /* Before the view's own gestures: with the pen in hand a drag draws, not pans. */
  self->pen_gesture = drag;
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_pen_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_pen_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_pen_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (drag));
}

static void
shequ_presentation_window_init (ShequPresentationWindow *self)
{
  self->area = -1;
  self->tool = g_strdup ("none");
  self->ink = shequ_map_ink_new ();
  self->areas = g_array_new (FALSE, FALSE, sizeof (guint));
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "present", G_ACTION_GROUP (self->actions));
  shequ_presentation_add_shortcuts (GTK_WIDGET (self), GTK_PHASE_CAPTURE);
  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  build_widgets (self);
  g_signal_connect_swapped (self->ink, "changed", G_CALLBACK (gtk_widget_queue_draw), self->view);
  g_signal_connect_swapped (self->ink, "changed", G_CALLBACK (on_can_undo_changed), self);
  on_can_undo_changed (self);
  shequ_map_view_set_overlay (self->view, shequ_map_ink_draw, g_object_ref (self->ink),
                              g_object_unref);
}

/* The tree's order (units by code), where the session's store knows the units; the map's
 * (by id) otherwise. */
static int
compare_areas (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  ShequPresentationWindow *self = data;
  const ShequMapItem *item_a = shequ_map_get_item (self->map, *(const guint *) a);
  const ShequMapItem *item_b = shequ_map_get_item (self->map, *(const guint *) b);
  ShequOrgStore *store = shequ_session_get_store (self->session);
  ShequUnit *unit_a = shequ_org_store_lookup_unit (store, item_a->unit_id);
  ShequUnit *unit_b = shequ_org_store_lookup_unit (store, item_b->unit_id);
  int order = 0;

  if (unit_a != NULL && unit_b != NULL)
    order = g_strcmp0 (shequ_unit_get_code (unit_a), shequ_unit_get_code (unit_b));
  if (order == 0)
    order = (item_a->unit_id > item_b->unit_id) - (item_a->unit_id < item_b->unit_id);
  return order;
}

ShequPresentationWindow *
shequ_presentation_window_new (GtkWindow        *parent,
                               ShequMap         *map,
                               ShequSession     *session,
                               ShequMapRenderer *source)
{
  ShequPresentationWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHEQU_IS_MAP (map), NULL);
  g_return_val_if_fail (session == NULL || SHEQU_IS_SESSION (session), NULL);
  g_return_val_if_fail (source == NULL || SHEQU_IS_MAP_RENDERER (source), NULL);

  self = g_object_new (SHEQU_TYPE_PRESENTATION_WINDOW, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->map = g_object_ref (map);
  g_set_object (&self->session, session);
  for (guint i = 0; i < shequ_map_get_n_items (map); i++)
    if (shequ_map_get_item (map, i)->depth == 1)
      g_array_append_val (self->areas, i);
  if (session != NULL)
    g_array_sort_with_data (self->areas, compare_areas, self);
  /* The map first: a new map starts from the tier colours, the look copied after it
   * keeps the colouring (of the same map) the map page shows. */
  shequ_map_view_set_map (self->view, map);
  if (source != NULL)
    shequ_map_renderer_copy_look (shequ_map_view_get_renderer (self->view), source);
  if (shequ_map_renderer_get_colouring (shequ_map_view_get_renderer (self->view)) != NULL)
    self->map_colouring =
      shequ_map_colouring_ref (shequ_map_renderer_get_colouring (shequ_map_view_get_renderer (self->view)));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "colour-by")),
                               session != NULL && shequ_session_get_eval_store (session) != NULL);
  if (session != NULL)
    shequ_map_view_set_session (self->view, session);
  update_caption (self);
  return self;
}

/* The monitor the presentation goes to: one PARENT is not on, when there is one. */
static GdkMonitor *
find_projector (ShequPresentationWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkMonitor *own = NULL;

  if (g_list_model_get_n_items (monitors) < 2)
    return NULL;
  if (self->parent != NULL && gtk_native_get_surface (GTK_NATIVE (self->parent)) != NULL)
    own = gdk_display_get_monitor_at_surface (display,
                                              gtk_native_get_surface (GTK_NATIVE (self->parent)));
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != own)
        return monitor;   /* the display keeps it */
    }
  return NULL;
}

void
shequ_presentation_window_start (ShequPresentationWindow *self)
{
  GdkMonitor *projector;

  g_return_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self));

  projector = find_projector (self);
  shequ_presentation_window_start_on (self, projector, projector != NULL);
}

void
shequ_presentation_window_start_on (ShequPresentationWindow *self,
                                    GdkMonitor              *monitor,
                                    gboolean                 with_controls)
{
  g_autoptr(GdkMonitor) first = NULL;
  GdkMonitor *screen;

  g_return_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self));
  g_return_if_fail (monitor == NULL || GDK_IS_MONITOR (monitor));

  if (with_controls && self->controls == NULL)
    {
      self->controls = GTK_WINDOW (shequ_presenter_controls_new (self, self->parent));
      gtk_widget_set_visible (self->pen_bar, FALSE);
    }
  /* The monitor's size before the window manager makes it fullscreen (and without one). */
  screen = monitor;
  if (screen == NULL)
    {
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));

      first = g_list_model_get_item (monitors, 0);
      screen = first;
    }
  if (screen != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (screen, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
    }
  self->fullscreen_requested = TRUE;
  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  else
    gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
  /* The presenter works from the controls; the projector only shows. */
  if (self->controls != NULL)
    gtk_window_present (self->controls);
}

ShequMapView *
shequ_presentation_window_get_map_view (ShequPresentationWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self), NULL);

  return self->view;
}

ShequMapInk *
shequ_presentation_window_get_ink (ShequPresentationWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self), NULL);

  return self->ink;
}

GActionGroup *
shequ_presentation_window_get_actions (ShequPresentationWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

guint
shequ_presentation_window_get_n_areas (ShequPresentationWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self), 0);

  return self->areas->len;
}

const ShequMapItem *
shequ_presentation_window_get_area_item (ShequPresentationWindow *self,
                                         guint                    index)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->areas->len, NULL);

  return shequ_map_get_item (self->map, g_array_index (self->areas, guint, index));
}

int
shequ_presentation_window_get_area (ShequPresentationWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self), -1);

  return self->area;
}

void
shequ_presentation_window_set_area (ShequPresentationWindow *self,
                                    int                      area,
                                    gboolean                 animate)
{
  g_return_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self));
  g_return_if_fail (area >= -1 && area < (int) self->areas->len);

  if (area < 0)
    shequ_map_view_zoom_to_all (self->view, animate);
  else
    shequ_map_view_zoom_to_unit (self->view,
                                 shequ_presentation_window_get_area_item (self, area)->unit_id,
                                 animate);
  if (self->area == area)
    return;
  self->area = area;
  update_caption (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
}

gboolean
shequ_presentation_window_get_fullscreen_requested (ShequPresentationWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self), FALSE);

  return self->fullscreen_requested;
}

const char *
shequ_presentation_window_get_caption (ShequPresentationWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self), NULL);

  return gtk_label_get_text (self->caption);
}

GtkWindow *
shequ_presentation_window_get_controls (ShequPresentationWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (self), NULL);

  return self->controls;
}
