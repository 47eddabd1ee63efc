/* shequ-person.c — people and their posts (一人多岗) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-person"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-org-private.h"

G_DEFINE_FINAL_TYPE (ShequPerson, shequ_person, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (ShequPost, shequ_post, G_TYPE_OBJECT)

static GParamSpec *person_properties[SHEQU_PERSON_N_PROPS];
static GParamSpec *post_properties[SHEQU_POST_N_PROPS];

static void
shequ_person_finalize (GObject *object)
{
  ShequPerson *self = (ShequPerson *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->posts, g_ptr_array_unref);
  g_clear_object (&self->posts_model);

  G_OBJECT_CLASS (shequ_person_parent_class)->finalize (object);
}

static void
shequ_person_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ShequPerson *self = SHEQU_PERSON (object);

  switch ((ShequPersonProp)prop_id)
    {
    case SHEQU_PERSON_PROP_ID:      g_value_set_int64 (value, self->id); break;
    case SHEQU_PERSON_PROP_CODE:    g_value_set_string (value, self->code); break;
    case SHEQU_PERSON_PROP_NAME:    g_value_set_string (value, self->name); break;
    case SHEQU_PERSON_PROP_PHONE:   g_value_set_string (value, self->phone); break;
    case SHEQU_PERSON_PROP_NOTE:    g_value_set_string (value, self->note); break;
    case SHEQU_PERSON_PROP_N_POSTS: g_value_set_uint (value, self->posts->len); break;
    case SHEQU_PERSON_PROP_0:
    case SHEQU_PERSON_N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_person_class_init (ShequPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = shequ_person_finalize;
  object_class->get_property = shequ_person_get_property;

  person_properties[SHEQU_PERSON_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  person_properties[SHEQU_PERSON_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  person_properties[SHEQU_PERSON_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  person_properties[SHEQU_PERSON_PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  person_properties[SHEQU_PERSON_PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  person_properties[SHEQU_PERSON_PROP_N_POSTS] =
    g_param_spec_uint ("n-posts", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, SHEQU_PERSON_N_PROPS, person_properties);
}

static void
shequ_person_init (ShequPerson *self)
{
  self->posts = g_ptr_array_new ();
}

ShequPerson *
_shequ_person_new (const ShequPersonRow *row)
{
  ShequPerson *self = g_object_new (SHEQU_TYPE_PERSON, NULL);

  self->id = row->id;
  self->code = g_strdup (row->code);
  self->name = g_strdup (row->name);
  self->phone = g_strdup (row->phone ? row->phone : "");
  self->note = g_strdup (row->note ? row->note : "");
  return self;
}

void
_shequ_person_notify (ShequPerson     *self,
                      ShequPersonProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), person_properties[prop]);
}

int
_shequ_post_compare_id (gconstpointer a,
                        gconstpointer b)
{
  const ShequPost *pa = a, *pb = b;

  return (pa->id > pb->id) - (pa->id < pb->id);
}

void
_shequ_person_add_post (ShequPerson *self,
                        ShequPost   *post)
{
  _shequ_sorted_insert (self->posts, self->posts_model, post, _shequ_post_compare_id);
  _shequ_person_notify (self, SHEQU_PERSON_PROP_N_POSTS);
}

void
_shequ_person_remove_post (ShequPerson *self,
                           ShequPost   *post)
{
  _shequ_sorted_remove (self->posts, self->posts_model, post);
  _shequ_person_notify (self, SHEQU_PERSON_PROP_N_POSTS);
}

gint64
shequ_person_get_id (ShequPerson *self)
{
  g_return_val_if_fail (SHEQU_IS_PERSON (self), 0);
  return self->id;
}

const char *
shequ_person_get_code (ShequPerson *self)
{
  g_return_val_if_fail (SHEQU_IS_PERSON (self), NULL);
  return self->code;
}

const char *
shequ_person_get_name (ShequPerson *self)
{
  g_return_val_if_fail (SHEQU_IS_PERSON (self), NULL);
  return self->name;
}

const char *
shequ_person_get_phone (ShequPerson *self)
{
  g_return_val_if_fail (SHEQU_IS_PERSON (self), NULL);
  return self->phone;
}

GListModel *
shequ_person_get_posts (ShequPerson *self)
{
  g_return_val_if_fail (SHEQU_IS_PERSON (self), NULL);

  if (self->posts_model == NULL)
    {
      self->posts_model = g_list_store_new (SHEQU_TYPE_POST);
      g_list_store_splice (self->posts_model, 0, 0, self->posts->pdata, self->posts->len);
    }
  return G_LIST_MODEL (self->posts_model);
}

ShequPersonRow *
shequ_person_to_row (ShequPerson *self)
{
  ShequPersonRow *row;

  g_return_val_if_fail (SHEQU_IS_PERSON (self), NULL);

  row = shequ_person_row_new ();
  row->id = self->id;
  row->code = g_strdup (self->code);
  row->name = g_strdup (self->name);
  row->phone = g_strdup (self->phone);
  row->note = g_strdup (self->note);
  return row;
}

/* Posts */

static void
shequ_post_finalize (GObject *object)
{
  ShequPost *self = (ShequPost *)object;

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (shequ_post_parent_class)->finalize (object);
}

static void
shequ_post_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ShequPost *self = SHEQU_POST (object);

  switch ((ShequPostProp)prop_id)
    {
    case SHEQU_POST_PROP_ID:          g_value_set_int64 (value, self->id); break;
    case SHEQU_POST_PROP_PERSON:      g_value_set_object (value, self->person); break;
    case SHEQU_POST_PROP_UNIT:        g_value_set_object (value, self->unit); break;
    case SHEQU_POST_PROP_ROLE:        g_value_set_uint (value, self->role); break;
    case SHEQU_POST_PROP_ROLE_LABEL:  g_value_set_string (value, shequ_role_get_label (self->role)); break;
    case SHEQU_POST_PROP_TITLE:       g_value_set_string (value, self->title); break;
    case SHEQU_POST_PROP_PERSON_NAME:
      g_value_set_string (value, self->person ? self->person->name : "");
      break;
    case SHEQU_POST_PROP_0:
    case SHEQU_POST_N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_post_class_init (ShequPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = shequ_post_finalize;
  object_class->get_property = shequ_post_get_property;

  post_properties[SHEQU_POST_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  post_properties[SHEQU_POST_PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, SHEQU_TYPE_PERSON, flags);
  post_properties[SHEQU_POST_PROP_UNIT] =
    g_param_spec_object ("unit", NULL, NULL, SHEQU_TYPE_UNIT, flags);
  post_properties[SHEQU_POST_PROP_ROLE] =
    g_param_spec_uint ("role", NULL, NULL, 0, SHEQU_N_ROLES - 1, 0, flags);
  post_properties[SHEQU_POST_PROP_ROLE_LABEL] =
    g_param_spec_string ("role-label", NULL, NULL, NULL, flags);
  post_properties[SHEQU_POST_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  post_properties[SHEQU_POST_PROP_PERSON_NAME] =
    g_param_spec_string ("person-name", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, SHEQU_POST_N_PROPS, post_properties);
}

static void
shequ_post_init (ShequPost *self)
{
}

ShequPost *
_shequ_post_new (gint64       id,
                 ShequPerson *person,
                 ShequUnit   *unit,
                 ShequRole    role,
                 const char  *title)
{
  ShequPost *self = g_object_new (SHEQU_TYPE_POST, NULL);

  self->id = id;
  self->person = person;
  self->unit = unit;
  self->role = role;
  self->title = g_strdup (title ? title : "");
  return self;
}

void
_shequ_post_notify (ShequPost     *self,
                    ShequPostProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), post_properties[prop]);
}

ShequPerson *
shequ_post_get_person (ShequPost *self)
{
  g_return_val_if_fail (SHEQU_IS_POST (self), NULL);
  return self->person;
}

ShequUnit *
shequ_post_get_unit (ShequPost *self)
{
  g_return_val_if_fail (SHEQU_IS_POST (self), NULL);
  return self->unit;
}

ShequRole
shequ_post_get_role (ShequPost *self)
{
  g_return_val_if_fail (SHEQU_IS_POST (self), SHEQU_ROLE_CADRE);
  return self->role;
}

const char *
shequ_post_get_title (ShequPost *self)
{
  g_return_val_if_fail (SHEQU_IS_POST (self), NULL);
  return self->title;
}

ShequPostRow *
shequ_post_to_row (ShequPost *self)
{
  ShequPostRow *row;

  g_return_val_if_fail (SHEQU_IS_POST (self), NULL);

  row = shequ_post_row_new ();
  row->id = self->id;
  row->person_id = self->person->id;
  row->unit_id = self->unit->id;
  row->role = self->role;
  row->title = g_strdup (self->title);
  return row;
}
