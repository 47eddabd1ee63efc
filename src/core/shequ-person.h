/* shequ-person.h — people and their posts (一人多岗: one person, several posts) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-org-types.h"
#include "shequ-unit.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_PERSON (shequ_person_get_type ())
G_DECLARE_FINAL_TYPE (ShequPerson, shequ_person, SHEQU, PERSON, GObject)

#define SHEQU_TYPE_POST (shequ_post_get_type ())
G_DECLARE_FINAL_TYPE (ShequPost, shequ_post, SHEQU, POST, GObject)

/* Properties: "id", "code", "name", "phone", "note", "n-posts". */
gint64          shequ_person_get_id      (ShequPerson *self);
const char     *shequ_person_get_code    (ShequPerson *self);
const char     *shequ_person_get_name    (ShequPerson *self);
const char     *shequ_person_get_phone   (ShequPerson *self);
/* Posts this person holds (ShequPost), kept current by the store. */
GListModel     *shequ_person_get_posts   (ShequPerson *self);
ShequPersonRow *shequ_person_to_row      (ShequPerson *self);

/* Properties: "id", "person", "unit", "role", "role-label", "title", "person-name". */
ShequPerson    *shequ_post_get_person    (ShequPost   *self);
ShequUnit      *shequ_post_get_unit      (ShequPost   *self);
ShequRole       shequ_post_get_role      (ShequPost   *self);
const char     *shequ_post_get_title     (ShequPost   *self);
ShequPostRow   *shequ_post_to_row        (ShequPost   *self);

G_END_DECLS
