/* shequ-people-row.c — a row of the detail pane's people list: who holds a post */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-people-row"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-people-row.h"

static void
update_post_caption (ShequPost *post,
                     GParamSpec *pspec,
                     GtkLabel  *label)
{
  ShequPerson *person = shequ_post_get_person (post);
  const char *title = shequ_post_get_title (post);
  const char *phone = person ? shequ_person_get_phone (person) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (title != NULL && *title)
    g_string_append (text, title);
  if (phone != NULL && *phone)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, phone);
    }
  gtk_label_set_text (label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (label), text->len > 0);
}

static void
on_person_phone_changed (ShequPerson *person,
                         GParamSpec  *pspec,
                         GtkLabel    *label)
{
  ShequPost *post = g_object_get_data (G_OBJECT (label), "shequ-post");

  if (post != NULL)
    update_post_caption (post, NULL, label);
}

/* A row is announced by who holds the post and what it is, not left nameless. */
static void
update_post_row_accessible (ShequPost  *post,
                            GParamSpec *pspec,
                            GtkWidget  *row)
{
  const char *title = shequ_post_get_title (post);
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *label = NULL;

  g_object_get (post, "person-name", &name, "role-label", &role, NULL);
  if (title != NULL && *title)
    /* Translators: a person's row in the detail pane, for screen readers:
     * "杨兆峰, 书记, 党工委书记" (name, role, title) */
    label = g_strdup_printf (_("%s, %s, %s"), name ? name : "", role ? role : "", title);
  else
    /* Translators: a person's row in the detail pane, for screen readers:
     * "杨兆峰, 书记" (name, role) */
    label = g_strdup_printf (_("%s, %s"), name ? name : "", role ? role : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

GtkWidget *
shequ_people_row_new (ShequPost *post)
{
  ShequPerson *person = shequ_post_get_person (post);
  GtkWidget *row, *box, *texts, *name, *caption, *role;

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  g_object_bind_property (post, "person-name", name, "label", G_BINDING_SYNC_CREATE);
  caption = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (caption, "caption");
  g_object_set_data (G_OBJECT (caption), "shequ-post", post);
  update_post_caption (post, NULL, GTK_LABEL (caption));
  g_signal_connect_object (post, "notify::title", G_CALLBACK (update_post_caption), caption, 0);
  if (person != NULL)
    g_signal_connect_object (person, "notify::phone", G_CALLBACK (on_person_phone_changed),
                             caption, 0);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), caption);

  role = gtk_label_new (NULL);
  gtk_widget_set_valign (role, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (role, "dim-label");
  g_object_bind_property (post, "role-label", role, "label", G_BINDING_SYNC_CREATE);

  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), role);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "shequ-post", g_object_ref (post), g_object_unref);
  update_post_row_accessible (post, NULL, row);
  g_signal_connect_object (post, "notify", G_CALLBACK (update_post_row_accessible), row, 0);
  return row;
}
