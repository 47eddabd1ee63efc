/* shequ-org-store-edits.c — the edits offered to the UI, each made as a change; codes and ids */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

gint64
shequ_org_store_allocate_unit_id (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);
  return ++self->max_unit_id;
}

gint64
shequ_org_store_allocate_person_id (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);
  return ++self->max_person_id;
}

gint64
shequ_org_store_allocate_post_id (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);
  return ++self->max_post_id;
}

static gboolean
is_all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* PREFIX followed by WIDTH digits: one more than the highest in use, skipping taken codes. */
static char *
next_code (ShequOrgStore *self,
           const char    *prefix,
           guint          width)
{
  gsize prefix_len = strlen (prefix);
  guint64 highest = 0;
  GHashTableIter iter;
  gpointer key;

  g_assert (SHEQU_IS_ORG_STORE (self));

  g_hash_table_iter_init (&iter, self->codes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *code = key;

      if (strlen (code) == prefix_len + width &&
          strncmp (code, prefix, prefix_len) == 0 &&
          is_all_digits (code + prefix_len))
        highest = MAX (highest, g_ascii_strtoull (code + prefix_len, NULL, 10));
    }

  for (guint64 seq = highest + 1;; seq++)
    {
      char *code = g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, prefix, (int)width, seq);

      if (!g_hash_table_contains (self->codes, code))
        return code;
      g_free (code);
    }
}

static char *
make_unit_code (ShequOrgStore *self,
                ShequUnit     *parent,
                ShequTier      tier)
{
  ShequUnit *street;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  /* CJ/T 349 style: county + street + community + grid sequence. Areas are not in
   * the standard; they get the street code and two digits, a length no other tier has. */
  switch (tier)
    {
    case SHEQU_TIER_STREET:
      return next_code (self, "", 9);
    case SHEQU_TIER_AREA:
      g_return_val_if_fail (parent != NULL, NULL);
      return next_code (self, parent->code, 2);
    case SHEQU_TIER_COMMUNITY:
    case SHEQU_TIER_VILLAGE:
      g_return_val_if_fail (parent != NULL, NULL);
      for (street = parent; street->parent != NULL; street = street->parent)
        ;
      return next_code (self, street->code, 3);
    case SHEQU_TIER_GRID:
      g_return_val_if_fail (parent != NULL, NULL);
      return next_code (self, parent->code, 3);
    case SHEQU_N_TIERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
shequ_org_store_make_person_code (ShequOrgStore *self)
{
  GHashTableIter iter;
  gpointer key;
  guint64 highest = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  g_hash_table_iter_init (&iter, self->person_codes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *c = key;

      if (c[0] == 'P' && is_all_digits (c + 1))
        highest = MAX (highest, g_ascii_strtoull (c + 1, NULL, 10));
    }
  return g_strdup_printf ("P%05" G_GUINT64_FORMAT, highest + 1);
}

/* Edits */

static void
replace_str (char       **field,
             const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static ShequUnit *
add_unit_once (ShequOrgStore  *self,
               ShequUnit      *parent,
               ShequTier       tier,
               const char     *name,
               gboolean        move_figures,
               GError        **error)
{
  g_autoptr(ShequUnitRow) row = NULL;
  g_autofree char *label = NULL;
  ShequOrgChange *change;
  gint64 id;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!shequ_tier_can_hold (parent->tier, tier))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                   _("A %s cannot hold a %s."),
                   shequ_tier_get_label (parent->tier), shequ_tier_get_label (tier));
      return NULL;
    }

  label = g_strdup_printf (_("Add “%s”"), name);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, label);
  row = shequ_unit_row_new ();
  row->id = id = shequ_org_store_allocate_unit_id (self);
  row->parent_id = parent->id;
  row->tier = tier;
  row->code = make_unit_code (self, parent, tier);
  row->name = g_strdup (name);
  row->party_body = shequ_tier_derive_party_body (tier, name, parent->name);
  row->service_body = shequ_tier_derive_service_body (tier, name, parent->name);

  if (move_figures && shequ_org_store_should_ask_move_figures (self, parent))
    {
      ShequUnitRow *parent_row = shequ_unit_to_row (parent);

      row->population = parent_row->population;
      row->households = parent_row->households;
      parent_row->population = 0;
      parent_row->households = 0;
      shequ_org_change_put_unit (change, parent_row);
    }
  shequ_org_change_put_unit (change, g_steal_pointer (&row));

  if (!shequ_org_store_apply (self, change, error))
    return NULL;
  return shequ_org_store_lookup_unit (self, _shequ_org_store_final_id (self->remapped_units, id));
}

ShequUnit *
shequ_org_store_add_unit_full (ShequOrgStore  *self,
                               ShequUnit      *parent,
                               ShequTier       tier,
                               const char     *name,
                               gboolean        move_figures,
                               GError        **error)
{
  g_autoptr(GError) local = NULL;
  gint64 parent_id;
  ShequUnit *unit;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), NULL);

  /* The code was made from a copy another program outdated: once more with the rows
   * the store has just read in, if the parent is still there. */
  parent_id = parent->id;
  unit = add_unit_once (self, parent, tier, name, move_figures, &local);
  if (unit == NULL && g_error_matches (local, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT) &&
      (parent = shequ_org_store_lookup_unit (self, parent_id)) != NULL)
    {
      g_clear_error (&local);
      unit = add_unit_once (self, parent, tier, name, move_figures, &local);
    }
  if (unit == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return unit;
}

ShequUnit *
shequ_org_store_add_unit (ShequOrgStore  *self,
                          ShequUnit      *parent,
                          const char     *name,
                          gboolean        move_figures,
                          GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), NULL);

  if (shequ_tier_default_child (parent->tier) == SHEQU_N_TIERS)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                   _("A %s cannot hold other units."), shequ_tier_get_label (parent->tier));
      return NULL;
    }
  return shequ_org_store_add_unit_full (self, parent, shequ_tier_default_child (parent->tier),
                                        name, move_figures, error);
}

gboolean
shequ_org_store_should_ask_move_figures (ShequOrgStore *self,
                                         ShequUnit     *parent)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), FALSE);

  return parent->children->len == 0 && (parent->population > 0 || parent->households > 0);
}

gboolean
shequ_org_store_update_unit (ShequOrgStore  *self,
                             ShequUnit      *unit,
                             const char     *code,
                             const char     *name,
                             const char     *party_body,
                             const char     *service_body,
                             const char     *note,
                             GError        **error)
{
  g_autoptr(ShequUnitRow) row = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);

  row = shequ_unit_to_row (unit);
#define REPLACE(field) if (field != NULL) { g_free (row->field); row->field = g_strdup (field); }
  REPLACE (code);
  REPLACE (name);
  REPLACE (party_body);
  REPLACE (service_body);
  REPLACE (note);
#undef REPLACE

  /* Body names derived from the old name follow the new one, until the user has edited
   * them by hand. */
  if (name != NULL && g_strcmp0 (name, unit->name) != 0)
    {
      const char *parent_name = unit->parent != NULL ? unit->parent->name : NULL;

      if (party_body == NULL &&
          shequ_tier_is_derived_body (unit->party_body, TRUE, unit->tier, unit->name, parent_name))
        {
          g_free (row->party_body);
          row->party_body = shequ_tier_derive_party_body (unit->tier, row->name, parent_name);
        }
      if (service_body == NULL &&
          shequ_tier_is_derived_body (unit->service_body, FALSE, unit->tier, unit->name,
                                      parent_name))
        {
          g_free (row->service_body);
          row->service_body = shequ_tier_derive_service_body (unit->tier, row->name, parent_name);
        }
    }

  if (g_strcmp0 (row->code, unit->code) == 0 && g_strcmp0 (row->name, unit->name) == 0 &&
      g_strcmp0 (row->party_body, unit->party_body) == 0 &&
      g_strcmp0 (row->service_body, unit->service_body) == 0 &&
      g_strcmp0 (row->note, unit->note) == 0)
    return TRUE;

  if (name != NULL && g_strcmp0 (name, unit->name) != 0)
    label = g_strdup_printf (_("Rename “%s”"), unit->name);
  else
    label = g_strdup_printf (_("Edit “%s”"), unit->name);

  {
    ShequOrgChange *change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, label);

    shequ_org_change_put_unit (change, g_steal_pointer (&row));
    return shequ_org_store_apply (self, change, error);
  }
}

gboolean
shequ_org_store_rename_unit (ShequOrgStore  *self,
                             ShequUnit      *unit,
                             const char     *name,
                             GError        **error)
{
  return shequ_org_store_update_unit (self, unit, NULL, name, NULL, NULL, NULL, error);
}

gboolean
shequ_org_store_set_figures (ShequOrgStore  *self,
                             ShequUnit      *unit,
                             gint64          population,
                             gint64          households,
                             GError        **error)
{
  g_autofree char *label = NULL;
  ShequUnitRow *row;
  ShequOrgChange *change;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);

  if (population < 0 || households < 0)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NEGATIVE,
                   _("The population and households of “%s” cannot be negative."), unit->name);
      return FALSE;
    }
  if (population == unit->population && households == unit->households)
    return TRUE;
  /* Clearing stray figures on a parent is always allowed. */
  if (unit->children->len > 0 && (population != 0 || households != 0))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_LEAF,
                   _("“%s” has sub-units: enter population and households on them; "
                     "its figures are their sum."), unit->name);
      return FALSE;
    }

  label = g_strdup_printf (_("Change figures of “%s”"), unit->name);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, label);
  row = shequ_unit_to_row (unit);
  row->population = population;
  row->households = households;
  shequ_org_change_put_unit (change, row);
  return shequ_org_store_apply (self, change, error);
}

gboolean
shequ_org_store_can_move_unit (ShequOrgStore  *self,
                               ShequUnit      *unit,
                               ShequUnit      *new_parent,
                               GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (new_parent), FALSE);

  if (unit == new_parent || shequ_unit_is_ancestor_of (unit, new_parent))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE,
                   _("“%s” cannot go under “%s”: that is one of its own sub-units."),
                   unit->name, new_parent->name);
      return FALSE;
    }
  if (!shequ_tier_can_hold (new_parent->tier, unit->tier))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                   _("A %s cannot hold a %s: “%s” cannot go under “%s”."),
                   shequ_tier_get_label (new_parent->tier), shequ_tier_get_label (unit->tier),
                   unit->name, new_parent->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
shequ_org_store_move_unit (ShequOrgStore  *self,
                           ShequUnit      *unit,
                           ShequUnit      *new_parent,
                           GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;
  ShequUnitRow *row;

  if (!shequ_org_store_can_move_unit (self, unit, new_parent, error))
    return FALSE;
  if (unit->parent == new_parent)
    return TRUE;

  label = g_strdup_printf (_("Move “%s” to “%s”"), unit->name, new_parent->name);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, label);
  row = shequ_unit_to_row (unit);
  row->parent_id = new_parent->id;
  shequ_org_change_put_unit (change, row);
  return shequ_org_store_apply (self, change, error);
}

/* Parents first, like every change. */
static void
delete_subtree (ShequOrgChange *change,
                ShequUnit      *unit)
{
  shequ_org_change_delete_unit (change, unit->id);
  for (guint i = 0; i < unit->posts->len; i++)
    shequ_org_change_delete_post (change, ((ShequPost *)g_ptr_array_index (unit->posts, i))->id);
  for (guint i = 0; i < unit->children->len; i++)
    delete_subtree (change, g_ptr_array_index (unit->children, i));
}

gboolean
shequ_org_store_delete_unit (ShequOrgStore  *self,
                             ShequUnit      *unit,
                             GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);

  label = g_strdup_printf (_("Delete “%s”"), unit->name);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, label);
  delete_subtree (change, unit);
  return shequ_org_store_apply (self, change, error);
}

static ShequPost *
add_post_to_change (ShequOrgStore  *self,
                    ShequOrgChange *change,
                    gint64          person_id,
                    ShequUnit      *unit,
                    ShequRole       role,
                    const char     *title,
                    GError        **error)
{
  ShequPostRow *post_row = shequ_post_row_new ();
  gint64 post_id;

  g_assert (SHEQU_IS_ORG_STORE (self));

  post_row->id = post_id = shequ_org_store_allocate_post_id (self);
  post_row->person_id = person_id;
  post_row->unit_id = unit->id;
  post_row->role = role;
  post_row->title = g_strdup (title ? title : "");
  shequ_org_change_put_post (change, post_row);

  if (!shequ_org_store_apply (self, change, error))
    return NULL;
  return shequ_org_store_lookup_post (self,
                                     _shequ_org_store_final_id (self->remapped_posts, post_id));
}

static ShequPost *
add_person_post_once (ShequOrgStore  *self,
                      ShequUnit      *unit,
                      const char     *name,
                      const char     *phone,
                      ShequRole       role,
                      const char     *title,
                      GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;
  ShequPersonRow *person_row;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);
  g_return_val_if_fail (role < SHEQU_N_ROLES, NULL);

  label = g_strdup_printf (_("Add %s to “%s”"), name ? name : "", unit->name);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, label);
  person_row = shequ_person_row_new ();
  person_row->id = shequ_org_store_allocate_person_id (self);
  person_row->code = shequ_org_store_make_person_code (self);
  person_row->name = g_strdup (name ? name : "");
  person_row->phone = g_strdup (phone ? phone : "");
  shequ_org_change_put_person (change, person_row);

  return add_post_to_change (self, change, person_row->id, unit, role, title, error);
}

ShequPost *
shequ_org_store_add_person_post (ShequOrgStore  *self,
                                 ShequUnit      *unit,
                                 const char     *name,
                                 const char     *phone,
                                 ShequRole       role,
                                 const char     *title,
                                 GError        **error)
{
  g_autoptr(GError) local = NULL;
  gint64 unit_id;
  ShequPost *post;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);

  /* As for a new unit: the person code came from a copy another program outdated. */
  unit_id = unit->id;
  post = add_person_post_once (self, unit, name, phone, role, title, &local);
  if (post == NULL && g_error_matches (local, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT) &&
      (unit = shequ_org_store_lookup_unit (self, unit_id)) != NULL)
    {
      g_clear_error (&local);
      post = add_person_post_once (self, unit, name, phone, role, title, &local);
    }
  if (post == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return post;
}

ShequPost *
shequ_org_store_add_post (ShequOrgStore  *self,
                          ShequPerson    *person,
                          ShequUnit      *unit,
                          ShequRole       role,
                          const char     *title,
                          GError        **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_PERSON (person), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);
  g_return_val_if_fail (role < SHEQU_N_ROLES, NULL);

  label = g_strdup_printf (_("Add %s to “%s”"), person->name, unit->name);
  return add_post_to_change (self, shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, label),
                             person->id, unit, role, title, error);
}

gboolean
shequ_org_store_update_post (ShequOrgStore  *self,
                             ShequPost      *post,
                             const char     *name,
                             const char     *phone,
                             ShequRole       role,
                             const char     *title,
                             GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;
  ShequPersonRow *person_row;
  ShequPostRow *post_row;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_POST (post), FALSE);
  g_return_val_if_fail (role < SHEQU_N_ROLES, FALSE);

  label = g_strdup_printf (_("Edit %s"), post->person->name);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, label);
  person_row = shequ_person_to_row (post->person);
  if (name != NULL)
    replace_str (&person_row->name, name);
  if (phone != NULL)
    replace_str (&person_row->phone, phone);
  shequ_org_change_put_person (change, person_row);
  post_row = shequ_post_to_row (post);
  post_row->role = role;
  if (title != NULL)
    replace_str (&post_row->title, title);
  shequ_org_change_put_post (change, post_row);
  return shequ_org_store_apply (self, change, error);
}

gboolean
shequ_org_store_remove_post (ShequOrgStore  *self,
                             ShequPost      *post,
                             GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_POST (post), FALSE);

  label = g_strdup_printf (_("Remove %s from “%s”"), post->person->name, post->unit->name);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, label);
  shequ_org_change_delete_post (change, post->id);
  if (post->person->posts->len == 1)
    shequ_org_change_delete_person (change, post->person->id);
  return shequ_org_store_apply (self, change, error);
}
