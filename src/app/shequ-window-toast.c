/* shequ-window-toast.c — the window's notification (toast): showing, hiding, focus and Undo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-window-private.h"

/* How long a notification stays before it hides itself. */
#define TOAST_SECONDS 8

/* ------------------------------------------------------------------------ */
/* Notifications                                                            */

void
_shequ_window_hide_toast (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
}

static gboolean
on_toast_timeout (gpointer data)
{
  ShequWindow *self = data;

  self->toast_timeout_id = 0;
  _shequ_window_hide_toast (self);
  return G_SOURCE_REMOVE;
}

static gboolean
is_in_toast (ShequWindow *self,
             GtkWidget   *widget)
{
  g_assert (SHEQU_IS_WINDOW (self));

  return widget != NULL && gtk_widget_is_ancestor (widget, GTK_WIDGET (self->toast_revealer));
}

/* Where the focus goes back to when it lands in the toast by itself. */
static void
restore_focus (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (self->toast_focus != NULL && gtk_widget_get_mapped (self->toast_focus) &&
      !is_in_toast (self, self->toast_focus))
    gtk_widget_grab_focus (self->toast_focus);
  else if (!gtk_widget_get_mapped (GTK_WIDGET (self->org_view)) ||
           !gtk_widget_child_focus (GTK_WIDGET (self->org_view), GTK_DIR_TAB_FORWARD))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

/* The toast's Undo takes the focus only from the user (Tab, a click goes without
 * focus): when the focused row goes away (a rename, a delete), the focus must not
 * fall on Undo, where the next Enter would undo the change. */
void
_shequ_window_on_focus_widget_changed (ShequWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  g_assert (SHEQU_IS_WINDOW (self));

  if (!is_in_toast (self, focus))
    {
      g_set_weak_pointer (&self->toast_focus, focus);
      return;
    }
  /* Tab from a widget on screen is the user's move; anything else is not. */
  if (self->toast_focus == NULL || !gtk_widget_get_mapped (self->toast_focus))
    restore_focus (self);
}

static gboolean
keep_focus_idle (gpointer data)
{
  ShequWindow *self = data;

  self->toast_focus_idle_id = 0;
  if (is_in_toast (self, gtk_root_get_focus (GTK_ROOT (self))))
    restore_focus (self);
  return G_SOURCE_REMOVE;
}

void
shequ_window_show_toast (ShequWindow *self,
                         const char  *text,
                         gboolean     with_undo)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  gtk_label_set_text (self->toast_label, text);
  gtk_widget_set_visible (self->toast_undo_button, with_undo);
  gtk_revealer_set_reveal_child (self->toast_revealer, TRUE);
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  self->toast_timeout_id = g_timeout_add_seconds (TOAST_SECONDS, on_toast_timeout, self);
  /* Showing it never moves the focus. */
  if (self->toast_focus_idle_id == 0)
    self->toast_focus_idle_id = g_idle_add (keep_focus_idle, self);
}

const char *
shequ_window_get_toast_text (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->toast_revealer))
    return NULL;
  return gtk_label_get_text (self->toast_label);
}

void
_shequ_window_on_toast_undo_clicked (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  _shequ_window_hide_toast (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.undo", NULL);
}

void
_shequ_window_on_toast_close_clicked (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  _shequ_window_hide_toast (self);
}
