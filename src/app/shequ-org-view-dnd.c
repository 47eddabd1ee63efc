/* shequ-org-view-dnd.c — drag and drop of units: drop targets, autoscroll, hover-expand */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-view"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-org-view-private.h"

#define AUTOSCROLL_EDGE        48.0   /* px from the top or bottom edge */
#define AUTOSCROLL_MAX_STEP    18.0   /* px per frame at the very edge */

/* ------------------------------------------------------------------ drag and drop */

GdkContentProvider *
_shequ_org_view_on_drag_prepare (GtkDragSource *source,
                                 double         x,
                                 double         y,
                                 ShequOrgView  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  ShequUnit *unit = _shequ_org_view_cell_get_unit (cell);

  /* The street stays where it is. */
  if (unit == NULL || shequ_unit_get_parent (unit) == NULL)
    return NULL;
  return gdk_content_provider_new_typed (SHEQU_TYPE_UNIT, unit);
}

void
_shequ_org_view_on_drag_begin (GtkDragSource *source,
                               GdkDrag       *drag,
                               ShequOrgView  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  ShequUnit *unit = _shequ_org_view_cell_get_unit (cell);
  GtkWidget *icon, *box, *label;

  if (unit == NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "shequ-drag-icon");
  gtk_box_append (GTK_BOX (box),
                  gtk_image_new_from_icon_name (shequ_tier_get_icon_name (shequ_unit_get_tier (unit))));
  label = gtk_label_new (shequ_unit_get_name (unit));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (label, 4);
  gtk_widget_set_margin_end (label, 4);
  icon = gtk_drag_icon_get_for_drag (drag);
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), box);
  gtk_drag_source_set_icon (source, NULL, -12, -8);
}

void
_shequ_org_view_stop_autoscroll (ShequOrgView *self)
{
  if (self->autoscroll_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->scrolled_window), self->autoscroll_id);
      self->autoscroll_id = 0;
    }
  self->drag_inside = FALSE;
}

void
_shequ_org_view_cancel_hover (ShequOrgView *self)
{
  if (self->keep_hover_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->keep_hover_id);
      self->keep_hover_id = 0;
    }
  g_clear_object (&self->hover_unit);
}

void
_shequ_org_view_on_drag_end (GtkDragSource *source,
                             GdkDrag       *drag,
                             gboolean       delete_data,
                             ShequOrgView  *self)
{
  _shequ_org_view_stop_autoscroll (self);
  _shequ_org_view_cancel_hover (self);
}

static gboolean
on_autoscroll_tick (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  ShequOrgView *self = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double height = gtk_widget_get_height (widget);
  double step = 0;

  if (!self->drag_inside)
    return G_SOURCE_CONTINUE;

  if (self->drag_y < AUTOSCROLL_EDGE)
    step = -AUTOSCROLL_MAX_STEP * (AUTOSCROLL_EDGE - self->drag_y) / AUTOSCROLL_EDGE;
  else if (self->drag_y > height - AUTOSCROLL_EDGE)
    step = AUTOSCROLL_MAX_STEP * (self->drag_y - (height - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;

  if (step != 0)
    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + step);
  return G_SOURCE_CONTINUE;
}

void
_shequ_org_view_on_scroller_drag_motion (GtkDropControllerMotion *motion,
                                         double                   x,
                                         double                   y,
                                         ShequOrgView            *self)
{
  self->drag_y = y;
  self->drag_inside = TRUE;
  if (self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->scrolled_window),
                                                        on_autoscroll_tick, self, NULL);
}

void
_shequ_org_view_on_scroller_drag_leave (GtkDropControllerMotion *motion,
                                        ShequOrgView            *self)
{
  _shequ_org_view_stop_autoscroll (self);
}

/* Where UNIT's name cell is, vertically, in the scrolled window; FALSE if not shown. */
static gboolean
get_cell_y (ShequOrgView *self,
            ShequUnit    *unit,
            double       *y)
{
  GtkWidget *cell = _shequ_org_view_find_name_cell (self, unit);
  graphene_point_t point;

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (cell == NULL ||
      !gtk_widget_compute_point (cell, GTK_WIDGET (self->scrolled_window),
                                 &GRAPHENE_POINT_INIT (0, 0), &point))
    return FALSE;
  *y = point.y;
  return TRUE;
}

/* GtkTreeExpander expands a row hovered during a drag (after 500 ms). The list keeps
 * its anchor row (the selected one) still, so when that is below, the rows inserted
 * push the hovered row up, away from the pointer: scroll it back under the pointer
 * once the new rows are laid out (a frame or two later). */
static gboolean
on_keep_hover_row_tick (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  ShequOrgView *self = SHEQU_ORG_VIEW (widget);
  double after;

  if (self->hover_unit == NULL || !get_cell_y (self, self->hover_unit, &after))
    {
      self->keep_hover_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (after == self->hover_y && ++self->keep_hover_frames < 6)
    return G_SOURCE_CONTINUE;

  if (after != self->hover_y)
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + (after - self->hover_y));
    }
  self->keep_hover_id = 0;
  return G_SOURCE_REMOVE;
}

void
_shequ_org_view_keep_hover_row_in_place (ShequOrgView *self)
{
  if (self->hover_unit == NULL)
    return;
  self->keep_hover_frames = 0;
  if (self->keep_hover_id == 0)
    self->keep_hover_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                        on_keep_hover_row_tick,
                                                        self, NULL);
}

static ShequUnit *
drop_target_get_unit (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  if (value == NULL || !G_VALUE_HOLDS (value, SHEQU_TYPE_UNIT))
    return NULL;
  return g_value_get_object (value);
}

static GdkDragAction
drop_action_for (ShequOrgView  *self,
                 GtkDropTarget *target)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  ShequUnit *over = _shequ_org_view_cell_get_unit (cell);
  ShequUnit *dragged = drop_target_get_unit (target);

  g_assert (SHEQU_IS_ORG_VIEW (self));

  if (over == NULL || self->store == NULL)
    return 0;
  /* Not loaded yet: the drop handler checks again. */
  if (dragged == NULL)
    return GDK_ACTION_MOVE;
  if (dragged == over || shequ_unit_get_parent (dragged) == over)
    return 0;
  return shequ_org_store_can_move_unit (self->store, dragged, over, NULL) ? GDK_ACTION_MOVE : 0;
}

GdkDragAction
_shequ_org_view_on_drop_enter (GtkDropTarget *target,
                               double         x,
                               double         y,
                               ShequOrgView  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  ShequUnit *unit = _shequ_org_view_cell_get_unit (cell);

  _shequ_org_view_cancel_hover (self);
  if (unit != NULL && get_cell_y (self, unit, &self->hover_y))
    self->hover_unit = g_object_ref (unit);
  return drop_action_for (self, target);
}

GdkDragAction
_shequ_org_view_on_drop_motion (GtkDropTarget *target,
                                double         x,
                                double         y,
                                ShequOrgView  *self)
{
  return drop_action_for (self, target);
}

void
_shequ_org_view_on_drop_leave (GtkDropTarget *target,
                               ShequOrgView  *self)
{
  _shequ_org_view_cancel_hover (self);
}

gboolean
_shequ_org_view_on_drop (GtkDropTarget *target,
                         const GValue  *value,
                         double         x,
                         double         y,
                         ShequOrgView  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  ShequUnit *over = _shequ_org_view_cell_get_unit (cell);
  g_autoptr(GError) error = NULL;
  ShequUnit *unit;

  _shequ_org_view_cancel_hover (self);
  _shequ_org_view_stop_autoscroll (self);

  if (!G_VALUE_HOLDS (value, SHEQU_TYPE_UNIT) || over == NULL)
    return FALSE;
  unit = g_value_get_object (value);
  if (unit == NULL || shequ_unit_get_parent (unit) == over)
    return FALSE;

  if (!shequ_org_view_drop_unit (self, unit, over, &error))
    {
      _shequ_org_view_show_message (self, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
shequ_org_view_drop_unit (ShequOrgView  *self,
                          ShequUnit     *unit,
                          ShequUnit     *target,
                          GError       **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_VIEW (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (target), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!shequ_org_store_move_unit (self->store, unit, target, error))
    return FALSE;

  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  shequ_org_view_select_unit (self, unit);
  return TRUE;
}
