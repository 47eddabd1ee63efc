/* shequ-people-row.c — a row of the detail pane's people list: who holds a post */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-people-row"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-people-row.h"

struct _ShequPeopleRow
{
  GtkListBoxRow  parent_instance;

  ShequPost     *post;

  /* template */
  GtkLabel      *name_label;
  GtkLabel      *caption_label;
  GtkLabel      *role_label;
};

enum {
  PROP_0,
  PROP_POST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequPeopleRow, shequ_people_row, GTK_TYPE_LIST_BOX_ROW)

/* "Party branch secretary · 138…": the title and the person's phone, either may be missing. */
static void
update_caption (ShequPeopleRow *self)
{
  ShequPerson *person;
  const char *title, *phone;
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert (SHEQU_IS_PEOPLE_ROW (self));

  person = shequ_post_get_person (self->post);
  title = shequ_post_get_title (self->post);
  phone = person ? shequ_person_get_phone (person) : NULL;
  if (title != NULL && *title)
    g_string_append (text, title);
  if (phone != NULL && *phone)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, phone);
    }
  gtk_label_set_text (self->caption_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), text->len > 0);
}

/* A row is announced by who holds the post and what it is, not left nameless. */
static void
update_accessible (ShequPeopleRow *self)
{
  const char *title;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *label = NULL;

  g_assert (SHEQU_IS_PEOPLE_ROW (self));

  title = shequ_post_get_title (self->post);
  g_object_get (self->post, "person-name", &name, "role-label", &role, NULL);
  if (title != NULL && *title)
    /* Translators: a person's row in the detail pane, for screen readers:
     * "杨兆峰, 书记, 党工委书记" (name, role, title) */
    label = g_strdup_printf (_("%s, %s, %s"), name ? name : "", role ? role : "", title);
  else
    /* Translators: a person's row in the detail pane, for screen readers:
     * "杨兆峰, 书记" (name, role) */
    label = g_strdup_printf (_("%s, %s"), name ? name : "", role ? role : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
set_post (ShequPeopleRow *self,
          ShequPost      *post)
{
  ShequPerson *person;

  g_assert (SHEQU_IS_PEOPLE_ROW (self));
  g_assert (SHEQU_IS_POST (post));

  self->post = g_object_ref (post);
  person = shequ_post_get_person (post);
  g_object_bind_property (post, "person-name", self->name_label, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (post, "role-label", self->role_label, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (post, "notify::title", G_CALLBACK (update_caption), self,
                           G_CONNECT_SWAPPED);
  if (person != NULL)
    g_signal_connect_object (person, "notify::phone", G_CALLBACK (update_caption), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (post, "notify", G_CALLBACK (update_accessible), self,
                           G_CONNECT_SWAPPED);
  update_caption (self);
  update_accessible (self);
}

GtkWidget *
shequ_people_row_new (ShequPost *post)
{
  g_return_val_if_fail (SHEQU_IS_POST (post), NULL);

  return g_object_new (SHEQU_TYPE_PEOPLE_ROW, "post", post, NULL);
}

ShequPost *
shequ_people_row_get_post (ShequPeopleRow *self)
{
  g_return_val_if_fail (SHEQU_IS_PEOPLE_ROW (self), NULL);

  return self->post;
}

static void
shequ_people_row_dispose (GObject *object)
{
  ShequPeopleRow *self = SHEQU_PEOPLE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_PEOPLE_ROW);
  g_clear_object (&self->post);

  G_OBJECT_CLASS (shequ_people_row_parent_class)->dispose (object);
}

static void
shequ_people_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShequPeopleRow *self = SHEQU_PEOPLE_ROW (object);

  switch (prop_id)
    {
    case PROP_POST:
      g_value_set_object (value, self->post);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_people_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShequPeopleRow *self = SHEQU_PEOPLE_ROW (object);

  switch (prop_id)
    {
    case PROP_POST:
      set_post (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_people_row_class_init (ShequPeopleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_people_row_dispose;
  object_class->get_property = shequ_people_row_get_property;
  object_class->set_property = shequ_people_row_set_property;

  properties[PROP_POST] =
    g_param_spec_object ("post", NULL, NULL, SHEQU_TYPE_POST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-people-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequPeopleRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, ShequPeopleRow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, ShequPeopleRow, role_label);
}

static void
shequ_people_row_init (ShequPeopleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
