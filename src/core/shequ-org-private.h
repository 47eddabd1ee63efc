/* shequ-org-private.h — fields of units, people and posts, shared with the store */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-person.h"
#include "shequ-unit.h"

G_BEGIN_DECLS

struct _ShequUnit
{
  GObject           parent_instance;

  gint64            id;
  ShequTier         tier;
  char             *code;
  char             *name;
  char             *party_body;
  char             *service_body;
  char             *note;
  gint64            population;
  gint64            households;

  /* Roll-ups, recomputed by the store bottom-up. */
  gint64            total_population;
  gint64            total_households;
  guint             grid_count;
  guint             role_counts[SHEQU_N_ROLES];
  guint             own_role_counts[SHEQU_N_ROLES];
  char             *leader;
  char             *compliance_text;
  guint             compliant : 1;
  guint             in_violations : 1;  /* listed in the store's violations */

  ShequUnit        *parent;          /* unowned: the store owns every unit */
  GPtrArray        *children;        /* unowned ShequUnit*, ordered by code */
  GListStore       *children_model;  /* created on first use */
  GPtrArray        *posts;           /* unowned ShequPost*, ordered by id */
  GListStore       *posts_model;     /* created on first use */

  char             *search_key;      /* casefolded name when it differs from name */
  guint             search_key_ready : 1;
};

struct _ShequPerson
{
  GObject      parent_instance;
  gint64       id;
  char        *code;
  char        *name;
  char        *phone;
  char        *note;
  char        *search_key;   /* casefolded name when it differs from name */
  guint        search_key_ready : 1;
  GPtrArray   *posts;        /* unowned ShequPost* */
  GListStore  *posts_model;
};

struct _ShequPost
{
  GObject      parent_instance;
  gint64       id;
  ShequPerson *person;       /* unowned */
  ShequUnit   *unit;         /* unowned */
  ShequRole    role;
  char        *title;
};

typedef enum {
  SHEQU_UNIT_PROP_0,
  SHEQU_UNIT_PROP_ID,
  SHEQU_UNIT_PROP_CODE,
  SHEQU_UNIT_PROP_NAME,
  SHEQU_UNIT_PROP_TIER,
  SHEQU_UNIT_PROP_TIER_LABEL,
  SHEQU_UNIT_PROP_PARTY_BODY,
  SHEQU_UNIT_PROP_SERVICE_BODY,
  SHEQU_UNIT_PROP_NOTE,
  SHEQU_UNIT_PROP_POPULATION,
  SHEQU_UNIT_PROP_HOUSEHOLDS,
  SHEQU_UNIT_PROP_TOTAL_POPULATION,
  SHEQU_UNIT_PROP_TOTAL_HOUSEHOLDS,
  SHEQU_UNIT_PROP_GRID_COUNT,
  SHEQU_UNIT_PROP_LEADER,
  SHEQU_UNIT_PROP_COMPLIANT,
  SHEQU_UNIT_PROP_COMPLIANCE_TEXT,
  SHEQU_UNIT_PROP_N_CHILDREN,
  SHEQU_UNIT_N_PROPS
} ShequUnitProp;

typedef enum {
  SHEQU_PERSON_PROP_0,
  SHEQU_PERSON_PROP_ID,
  SHEQU_PERSON_PROP_CODE,
  SHEQU_PERSON_PROP_NAME,
  SHEQU_PERSON_PROP_PHONE,
  SHEQU_PERSON_PROP_NOTE,
  SHEQU_PERSON_PROP_N_POSTS,
  SHEQU_PERSON_N_PROPS
} ShequPersonProp;

typedef enum {
  SHEQU_POST_PROP_0,
  SHEQU_POST_PROP_ID,
  SHEQU_POST_PROP_PERSON,
  SHEQU_POST_PROP_UNIT,
  SHEQU_POST_PROP_ROLE,
  SHEQU_POST_PROP_ROLE_LABEL,
  SHEQU_POST_PROP_TITLE,
  SHEQU_POST_PROP_PERSON_NAME,
  SHEQU_POST_N_PROPS
} ShequPostProp;

ShequUnit   *_shequ_unit_new               (const ShequUnitRow *row);
void         _shequ_unit_notify            (ShequUnit          *self,
                                            ShequUnitProp       prop);
/* Replaces a string field, notifying PROP when it changed. */
void         _shequ_unit_set_string        (ShequUnit          *self,
                                            char              **field,
                                            const char         *value,
                                            ShequUnitProp       prop);
void         _shequ_unit_insert_child      (ShequUnit          *self,
                                            ShequUnit          *child);
void         _shequ_unit_remove_child      (ShequUnit          *self,
                                            ShequUnit          *child);
void         _shequ_unit_add_post          (ShequUnit          *self,
                                            ShequPost          *post);
void         _shequ_unit_remove_post       (ShequUnit          *self,
                                            ShequPost          *post);
int          _shequ_unit_compare_code      (gconstpointer       a,
                                            gconstpointer       b);

ShequPerson *_shequ_person_new             (const ShequPersonRow *row);
void         _shequ_person_notify          (ShequPerson        *self,
                                            ShequPersonProp     prop);
void         _shequ_person_add_post        (ShequPerson        *self,
                                            ShequPost          *post);
void         _shequ_person_remove_post     (ShequPerson        *self,
                                            ShequPost          *post);
ShequPost   *_shequ_post_new               (gint64              id,
                                            ShequPerson        *person,
                                            ShequUnit          *unit,
                                            ShequRole           role,
                                            const char         *title);
void         _shequ_post_notify            (ShequPost          *self,
                                            ShequPostProp       prop);
int          _shequ_post_compare_id        (gconstpointer       a,
                                            gconstpointer       b);

/* Inserts ITEM into the sorted ARRAY (and MODEL when not NULL) at its place. */
void         _shequ_sorted_insert          (GPtrArray          *array,
                                            GListStore         *model,
                                            gpointer            item,
                                            GCompareFunc        compare);
void         _shequ_sorted_remove          (GPtrArray          *array,
                                            GListStore         *model,
                                            gpointer            item);

G_END_DECLS
