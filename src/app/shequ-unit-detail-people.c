/* shequ-unit-detail-people.c — the detail pane's people list: who holds a post in the unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-unit-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-person-dialog.h"
#include "shequ-people-row.h"
#include "shequ-unit-detail-private.h"

/* ------------------------------------------------------------------ people */

static GtkWidget *
create_post_row (gpointer item,
                 gpointer user_data)
{
  return shequ_people_row_new (SHEQU_POST (item));
}

static ShequPost *
get_selected_post (ShequUnitDetail *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->people_list);

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  return SHEQU_IS_PEOPLE_ROW (row) ? shequ_people_row_get_post (SHEQU_PEOPLE_ROW (row)) : NULL;
}

static void
on_people_row_selected (ShequUnitDetail *self)
{
  gboolean selected;

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  /* The list box reports its rows going while it is disposed. */
  if (self->people_list == NULL)
    return;
  selected = get_selected_post (self) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_person_button), selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_person_button), selected);
}

static void
on_people_row_activated (ShequUnitDetail *self,
                         GtkListBoxRow   *row)
{
  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  if (SHEQU_IS_PEOPLE_ROW (row))
    shequ_person_dialog_present (GTK_WIDGET (self), self->store, self->unit,
                                 shequ_people_row_get_post (SHEQU_PEOPLE_ROW (row)));
}

/* GtkListBox only unmaps its placeholder when there are rows: a screen reader would
 * still find "No one holds a post here yet" beside the people. */
static void
update_people_placeholder (ShequUnitDetail *self)
{
  guint n = self->people_model != NULL ? g_list_model_get_n_items (self->people_model) : 0;

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  if (self->people_placeholder != NULL)
    gtk_widget_set_visible (self->people_placeholder, n == 0);
}

void
_shequ_unit_detail_bind_people (ShequUnitDetail *self)
{
  GListModel *posts = NULL;

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  if (self->store != NULL && self->unit != NULL)
    posts = shequ_org_store_get_unit_posts (self->store, self->unit);
  if (self->people_model != NULL)
    g_signal_handlers_disconnect_by_func (self->people_model, update_people_placeholder, self);
  g_set_object (&self->people_model, posts);
  if (posts != NULL)
    g_signal_connect_object (posts, "items-changed", G_CALLBACK (update_people_placeholder),
                             self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->people_list, posts, create_post_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->people_message), FALSE);
  update_people_placeholder (self);
  on_people_row_selected (self);
}

static void
on_add_person_clicked (ShequUnitDetail *self)
{
  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  shequ_person_dialog_present (GTK_WIDGET (self), self->store, self->unit, NULL);
}

static void
on_edit_person_clicked (ShequUnitDetail *self)
{
  ShequPost *post = get_selected_post (self);

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  if (post != NULL)
    shequ_person_dialog_present (GTK_WIDGET (self), self->store, self->unit, post);
}

static void
on_remove_person_clicked (ShequUnitDetail *self)
{
  ShequPost *post = get_selected_post (self);
  g_autoptr(GError) error = NULL;

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  if (post == NULL || self->store == NULL)
    return;
  /* Undo through the window's undo, as for every other edit. */
  if (!shequ_org_store_remove_post (self->store, post, &error))
    {
      gtk_label_set_text (self->people_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->people_message), TRUE);
    }
}

void
_shequ_unit_detail_class_people_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_add_person_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_person_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_person_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_people_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_people_row_activated);
}

void
_shequ_unit_detail_people_init (ShequUnitDetail *self)
{
  GtkWidget *placeholder;

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  placeholder = gtk_label_new (_("No one holds a post here yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->people_list, placeholder);
  self->people_placeholder = placeholder;
}
