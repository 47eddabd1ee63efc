/* shequ-presenter-controls.c — the presenter's screen while the projector shows the map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-presenter-controls"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-presentation-window-private.h"
#include "shequ-presenter-controls.h"

struct _ShequPresenterControls
{
  GtkWindow                parent_instance;

  ShequPresentationWindow *presentation;   /* weak */
  GtkListBox              *list;
  GtkLabel                *clock;
  guint                    clock_id;
  guint                    syncing : 1;
};

G_DEFINE_FINAL_TYPE (ShequPresenterControls, shequ_presenter_controls, GTK_TYPE_WINDOW)

/* The pen's tools, on the projector (one monitor) or here */

static GtkWidget *
new_tool_button (const char *label,
                 const char *action,
                 const char *target,
                 const char *tooltip)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *text = gtk_label_new (NULL);

  gtk_label_set_markup_with_mnemonic (GTK_LABEL (text), label);
  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* A swatch of COLOUR before the (mnemonic) NAME: the ink's colour, and its word. */
static GtkWidget *
new_colour_button (const char *colour,
                   const char *name,
                   const char *target,
                   const char *tooltip)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\">●</span> %s", colour,
                                             escaped);

  GtkWidget *button = new_tool_button (markup, "present.colour", target, tooltip);
  g_autofree char *plain = shequ_strip_mnemonic (name);

  /* Its name is the word, not the swatch. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                  -1);
  return button;
}

GtkWidget *
shequ_presentation_new_button (const char *label,
                               const char *action,
                               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

GtkWidget *
shequ_presentation_new_pen_tools (ShequMapInk    *ink,
                                  GtkOrientation  orientation)
{
  GtkWidget *box = gtk_box_new (orientation, 6);
  GtkWidget *colours = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 2, 24, 1);
  GtkWidget *width_label = gtk_label_new_with_mnemonic (_("_Width"));
  GtkWidget *width_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  g_return_val_if_fail (SHEQU_IS_MAP_INK (ink), NULL);

  gtk_box_append (GTK_BOX (box), new_tool_button (_("_Pen"), "present.tool", "pen",
                                                  _("Draw on the map (P)")));
  gtk_box_append (GTK_BOX (box), new_tool_button (_("_Eraser"), "present.tool", "eraser",
                                                  _("Erase a stroke (E)")));
  gtk_widget_add_css_class (colours, "linked");
  gtk_box_append (GTK_BOX (colours), new_colour_button ("#d91c24", _("_Red"), "red",
                                                        _("Red ink")));
  gtk_box_append (GTK_BOX (colours), new_colour_button ("#1c5ecc", _("_Blue"), "blue",
                                                        _("Blue ink")));
  gtk_box_append (GTK_BOX (colours), new_colour_button ("#141414", _("Blac_k"), "black",
                                                        _("Black ink")));
  gtk_box_append (GTK_BOX (box), colours);

  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_size_request (scale, 120, -1);
  gtk_widget_set_hexpand (scale, orientation == GTK_ORIENTATION_VERTICAL);
  g_object_bind_property (ink, "width", gtk_range_get_adjustment (GTK_RANGE (scale)), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (width_label), scale);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  width_label, NULL, -1);
  gtk_box_append (GTK_BOX (width_box), width_label);
  gtk_box_append (GTK_BOX (width_box), scale);
  gtk_box_append (GTK_BOX (box), width_box);

  gtk_box_append (GTK_BOX (box),
                  shequ_presentation_new_button (_("_Clear"), "present.clear",
                                                 _("Remove all ink (C)")));
  gtk_box_append (GTK_BOX (box),
                  shequ_presentation_new_button (_("_Undo"), "present.undo",
                                                 _("Undo the last ink change (Ctrl+Z)")));
  gtk_box_append (GTK_BOX (box),
                  shequ_presentation_new_button (_("E_xport Annotated View…"), "present.export",
                                                 _("Save the map with the ink as a file")));
  return box;
}

/* The controls */

static gboolean
update_clock (gpointer data)
{
  ShequPresenterControls *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_date_time_format (now, "%H:%M");

  gtk_label_set_text (self->clock, text);
  return G_SOURCE_CONTINUE;
}

/* The list follows the projector, whoever moved it. */
static void
on_area_changed (ShequPresenterControls *self)
{
  int area;

  if (self->presentation == NULL)
    return;
  area = shequ_presentation_window_get_area (self->presentation);
  self->syncing = TRUE;
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, area + 1));
  self->syncing = FALSE;
}

static void
on_row_selected (GtkListBox             *list,
                 GtkListBoxRow          *row,
                 ShequPresenterControls *self)
{
  ShequMapView *view;
  ShequSession *session;
  int area;

  if (self->syncing || row == NULL || self->presentation == NULL)
    return;
  area = gtk_list_box_row_get_index (row) - 1;
  shequ_presentation_window_set_area (self->presentation, area, TRUE);
  /* What the presenter picks is selected everywhere: the projector highlights it. */
  view = shequ_presentation_window_get_map_view (self->presentation);
  session = shequ_map_view_get_session (view);
  if (session != NULL && area >= 0)
    {
      const ShequMapItem *item = shequ_presentation_window_get_area_item (self->presentation,
                                                                          area);
      ShequUnit *unit = shequ_org_store_lookup_unit (shequ_session_get_store (session),
                                                     item->unit_id);

      if (unit != NULL)
        shequ_session_set_selected_unit (session, unit);
    }
}

static gboolean
on_close_request (ShequPresenterControls *self)
{
  /* Closing the controls ends the presentation (which destroys them). */
  if (self->presentation != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "present.leave", NULL);
      return TRUE;
    }
  return FALSE;
}

static void
shequ_presenter_controls_dispose (GObject *object)
{
  ShequPresenterControls *self = SHEQU_PRESENTER_CONTROLS (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->presentation != NULL)
    g_signal_handlers_disconnect_by_data (self->presentation, self);
  g_clear_weak_pointer (&self->presentation);

  G_OBJECT_CLASS (shequ_presenter_controls_parent_class)->dispose (object);
}

static void
shequ_presenter_controls_class_init (ShequPresenterControlsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shequ_presenter_controls_dispose;
}

static GtkWidget *
build_header (ShequPresenterControls *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *end = shequ_presentation_new_button (_("En_d Presentation"), "present.leave",
                                                  _("Leave presentation mode (Escape)"));

  self->clock = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->clock), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (self->clock), "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clock), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time"), -1);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), GTK_WIDGET (self->clock));
  gtk_widget_add_css_class (end, "destructive-action");
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), end);
  return header;
}

static GtkWidget *
build_area_list (ShequPresenterControls  *self,
                 ShequPresentationWindow *presentation)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *whole = gtk_label_new (_("Whole map"));
  guint n = shequ_presentation_window_get_n_areas (presentation);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Areas"), -1);
  gtk_label_set_xalign (GTK_LABEL (whole), 0);
  gtk_list_box_append (self->list, whole);
  for (guint i = 0; i < n; i++)
    {
      const ShequMapItem *item = shequ_presentation_window_get_area_item (presentation, i);
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, item->name);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_append (self->list, label);
    }
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_size_request (scrolled, 240, -1);
  return scrolled;
}

/* What the projector colours by: as the map page did, or by the evaluation's bands. */
static GtkWidget *
build_colour_by (ShequPresenterControls *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *map = new_tool_button (_("As on the M_ap"), "present.colour-by", "map",
                                    _("Colour the units as the map page does"));
  GtkWidget *band = new_tool_button (_("Evaluation Band_s"), "present.colour-by", "band",
                                     _("Colour communities and villages by their band in the last closed period"));

  gtk_widget_add_css_class (box, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("As on the Map"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (band), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Evaluation Bands"), -1);
  gtk_box_append (GTK_BOX (box), map);
  gtk_box_append (GTK_BOX (box), band);
  return box;
}

static void
shequ_presenter_controls_init (ShequPresenterControls *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Presenter Controls"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 520);
  gtk_window_set_titlebar (GTK_WINDOW (self), build_header (self));
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  update_clock (self);
  self->clock_id = g_timeout_add_seconds (1, update_clock, self);
}

GtkWidget *
shequ_presenter_controls_new (ShequPresentationWindow *presentation,
                              GtkWindow               *parent)
{
  ShequPresenterControls *self;
  GtkWidget *box, *side, *steps, *tools;

  g_return_val_if_fail (SHEQU_IS_PRESENTATION_WINDOW (presentation), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (SHEQU_TYPE_PRESENTER_CONTROLS, "transient-for", parent, NULL);
  g_set_weak_pointer (&self->presentation, presentation);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "present",
                                  shequ_presentation_window_get_actions (presentation));
  shequ_presentation_add_shortcuts (GTK_WIDGET (self), GTK_PHASE_BUBBLE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 12,
                "margin-bottom", 12, NULL);
  gtk_box_append (GTK_BOX (box), build_area_list (self, presentation));

  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  steps = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (steps, "linked");
  gtk_box_append (GTK_BOX (steps),
                  shequ_presentation_new_button (_("Pre_vious"), "present.previous",
                                                 _("The previous area (Page Up)")));
  gtk_box_append (GTK_BOX (steps),
                  shequ_presentation_new_button (_("_Next"), "present.next",
                                                 _("The next area (Page Down)")));
  gtk_box_append (GTK_BOX (steps),
                  shequ_presentation_new_button (_("Whole _Map"), "present.home",
                                                 _("The whole map (Home)")));
  gtk_box_append (GTK_BOX (side), steps);
  gtk_box_append (GTK_BOX (side), build_colour_by (self));
  tools = shequ_presentation_new_pen_tools (shequ_presentation_window_get_ink (presentation),
                                            GTK_ORIENTATION_VERTICAL);
  gtk_box_append (GTK_BOX (side), tools);
  gtk_widget_set_hexpand (side, TRUE);
  gtk_box_append (GTK_BOX (box), side);
  gtk_window_set_child (GTK_WINDOW (self), box);

  g_signal_connect_swapped (presentation, "notify::area", G_CALLBACK (on_area_changed), self);
  on_area_changed (self);
  return GTK_WIDGET (self);
}

GtkListBox *
shequ_presenter_controls_get_area_list (ShequPresenterControls *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTER_CONTROLS (self), NULL);

  return self->list;
}

const char *
shequ_presenter_controls_get_time (ShequPresenterControls *self)
{
  g_return_val_if_fail (SHEQU_IS_PRESENTER_CONTROLS (self), NULL);

  return gtk_label_get_text (self->clock);
}
