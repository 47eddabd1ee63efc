/* shequ-org-store-objects.c — roll-ups, compliance, and objects brought in line with rows */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

static void
compute_leader (ShequUnit *unit)
{
  ShequPost *director = NULL;
  const char *leader = "";

  for (guint i = 0; i < unit->posts->len; i++)
    {
      ShequPost *post = g_ptr_array_index (unit->posts, i);

      if (post->role == SHEQU_ROLE_SECRETARY)
        {
          director = post;
          break;
        }
      if (post->role == SHEQU_ROLE_DIRECTOR && director == NULL)
        director = post;
    }
  if (director != NULL)
    leader = director->person->name;
  _shequ_unit_set_string (unit, &unit->leader, leader, SHEQU_UNIT_PROP_LEADER);
}

static void
compute_compliance (ShequUnit *unit)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean compliant = TRUE;

  if (shequ_unit_is_checked (unit))
    {
      /* 平邑 practice: over 3,000 residents at least 5 mediators, else at least 3;
       * mediators of the community's grids count toward it. 一村一顾问. */
      guint required = unit->total_population > 3000 ? 5 : 3;
      guint mediators = unit->role_counts[SHEQU_ROLE_MEDIATOR];

      if (mediators < required)
        {
          compliant = FALSE;
          g_string_append_printf (text, _("Mediators %u/%u"), mediators, required);
        }
      if (unit->role_counts[SHEQU_ROLE_LEGAL_ADVISER] == 0)
        {
          if (!compliant)
            g_string_append (text, C_("list separator", ", "));
          compliant = FALSE;
          g_string_append (text, _("No legal adviser"));
        }
    }

  _shequ_unit_set_string (unit, &unit->compliance_text, text->str,
                          SHEQU_UNIT_PROP_COMPLIANCE_TEXT);
  if (unit->compliant != compliant)
    {
      unit->compliant = compliant;
      _shequ_unit_notify (unit, SHEQU_UNIT_PROP_COMPLIANT);
    }
}

/* A + B for roll-ups: saturates instead of overflowing, and counts a negative figure
 * (only a database edited by hand can hold one) as 0. */
gint64
_shequ_org_store_add_figure (gint64 a,
                             gint64 b)
{
  gint64 sum;

  if (b <= 0)
    return a;
  if (__builtin_add_overflow (a, b, &sum))
    return G_MAXINT64;
  return sum;
}

guint
_shequ_org_store_add_count (guint a,
                            guint b)
{
  guint sum;

  if (!g_uint_checked_add (&sum, a, b))
    return G_MAXUINT;
  return sum;
}

/* Recomputes UNIT's roll-ups from its own figures and its children's roll-ups. */
void
_shequ_org_store_compute_rollup (ShequUnit *unit,
                                 gboolean   notify)
{
  gint64 population = _shequ_org_store_add_figure (0, unit->population);
  gint64 households = _shequ_org_store_add_figure (0, unit->households);
  guint grids = unit->tier == SHEQU_TIER_GRID ? 1 : 0;
  guint roles[SHEQU_N_ROLES];

  memcpy (roles, unit->own_role_counts, sizeof roles);
  for (guint i = 0; i < unit->children->len; i++)
    {
      ShequUnit *child = g_ptr_array_index (unit->children, i);

      population = _shequ_org_store_add_figure (population, child->total_population);
      households = _shequ_org_store_add_figure (households, child->total_households);
      grids = _shequ_org_store_add_count (grids, child->grid_count);
      for (guint r = 0; r < SHEQU_N_ROLES; r++)
        roles[r] = _shequ_org_store_add_count (roles[r], child->role_counts[r]);
    }
  memcpy (unit->role_counts, roles, sizeof roles);

  if (unit->total_population != population)
    {
      unit->total_population = population;
      if (notify)
        _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TOTAL_POPULATION);
    }
  if (unit->total_households != households)
    {
      unit->total_households = households;
      if (notify)
        _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TOTAL_HOUSEHOLDS);
    }
  if (unit->grid_count != grids)
    {
      unit->grid_count = grids;
      if (notify)
        _shequ_unit_notify (unit, SHEQU_UNIT_PROP_GRID_COUNT);
    }
  compute_leader (unit);
  compute_compliance (unit);
}

static void
update_violation (ShequOrgStore *self,
                  ShequUnit     *unit,
                  gboolean       present)
{
  gboolean wanted = present && !unit->compliant;

  if (unit->in_violations == wanted)
    return;
  unit->in_violations = wanted;
  if (wanted)
    _shequ_sorted_insert (self->violations, self->violations_model, unit,
                          _shequ_unit_compare_code);
  else
    _shequ_sorted_remove (self->violations, self->violations_model, unit);
}

static void
detach_unit (ShequOrgStore *self,
             ShequUnit     *unit,
             GHashTable    *dirty)
{
  if (unit->parent != NULL)
    {
      g_hash_table_add (dirty, unit->parent);
      _shequ_unit_remove_child (unit->parent, unit);
    }
  else
    _shequ_sorted_remove (self->roots, self->roots_model, unit);
}

static void
attach_unit (ShequOrgStore *self,
             ShequUnit     *unit,
             gint64         parent_id,
             GHashTable    *dirty)
{
  if (parent_id != 0)
    {
      ShequUnit *parent = g_hash_table_lookup (self->units, &parent_id);

      g_assert (parent != NULL);
      _shequ_unit_insert_child (parent, unit);
      g_hash_table_add (dirty, parent);
    }
  else
    {
      unit->parent = NULL;
      _shequ_sorted_insert (self->roots, self->roots_model, unit, _shequ_unit_compare_code);
    }
}

static void
set_figure (ShequUnit     *unit,
            gint64        *field,
            gint64         value,
            ShequUnitProp  prop)
{
  if (*field == value)
    return;
  *field = value;
  _shequ_unit_notify (unit, prop);
}

static void
remove_post_links (ShequPost  *post,
                   GHashTable *dirty)
{
  _shequ_unit_remove_post (post->unit, post);
  _shequ_person_remove_post (post->person, post);
  g_hash_table_add (dirty, post->unit);
}

static void
add_post_links (ShequPost  *post,
                GHashTable *dirty)
{
  _shequ_unit_add_post (post->unit, post);
  _shequ_person_add_post (post->person, post);
  g_hash_table_add (dirty, post->unit);
}

static int
compare_depth_desc (gconstpointer a,
                    gconstpointer b)
{
  guint da = shequ_unit_get_depth (*(ShequUnit **)a);
  guint db = shequ_unit_get_depth (*(ShequUnit **)b);

  return (db > da) - (db < da);
}

/* Brings the objects in line with CHANGE, which is already in the database. The code
 * tables are keyed by the objects' own strings: replace, never insert, so a key is
 * never a string that a swap of codes frees. */
void
_shequ_org_store_update_objects (ShequOrgStore  *self,
                                 ShequOrgChange *change)
{
  g_autoptr(GHashTable) dirty = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) to_attach = g_ptr_array_new ();
  g_autoptr(GPtrArray) order = NULL;
  /* Objects leaving the store: kept alive until the end, looked up by pointer. */
  g_autoptr(GHashTable) graveyard = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  GHashTableIter iter;
  gpointer key, value;

  /* Posts leaving */
  g_hash_table_iter_init (&iter, change->post_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPost *post = g_hash_table_lookup (self->posts, key);

      if (post == NULL)
        continue;
      remove_post_links (post, dirty);
      g_hash_table_steal (self->posts, key);
      g_hash_table_add (graveyard, post);
    }

  /* Units leaving their place: moved, re-coded or deleted */
  g_hash_table_iter_init (&iter, change->unit_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnitRow *row = value;
      ShequUnit *unit = g_hash_table_lookup (self->units, key);
      gint64 parent_id = unit && unit->parent ? unit->parent->id : 0;

      if (unit != NULL && (parent_id != row->parent_id || strcmp (unit->code, row->code) != 0))
        {
          detach_unit (self, unit, dirty);
          g_ptr_array_add (to_attach, unit);
        }
    }
  g_hash_table_iter_init (&iter, change->unit_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);

      if (unit == NULL)
        continue;
      if (!g_ptr_array_find (to_attach, unit, NULL))
        detach_unit (self, unit, dirty);
      update_violation (self, unit, FALSE);
      if (g_hash_table_lookup (self->codes, unit->code) == unit)
        g_hash_table_remove (self->codes, unit->code);
      g_hash_table_steal (self->units, key);
      g_hash_table_add (graveyard, unit);
    }

  /* Units arriving or changing */
  g_hash_table_iter_init (&iter, change->unit_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnitRow *row = value;
      ShequUnit *unit = g_hash_table_lookup (self->units, key);

      if (unit == NULL)
        {
          unit = _shequ_unit_new (row);
          g_hash_table_insert (self->units, &unit->id, unit);
          g_hash_table_replace (self->codes, unit->code, unit);
          g_ptr_array_add (to_attach, unit);
          self->max_unit_id = MAX (self->max_unit_id, unit->id);
          g_hash_table_add (dirty, unit);
          continue;
        }

      if (strcmp (unit->code, row->code) != 0)
        {
          if (g_hash_table_lookup (self->codes, unit->code) == unit)
            g_hash_table_remove (self->codes, unit->code);
          _shequ_unit_set_string (unit, &unit->code, row->code, SHEQU_UNIT_PROP_CODE);
          g_hash_table_replace (self->codes, unit->code, unit);
        }
      _shequ_unit_set_string (unit, &unit->name, row->name, SHEQU_UNIT_PROP_NAME);
      _shequ_unit_set_string (unit, &unit->party_body, row->party_body, SHEQU_UNIT_PROP_PARTY_BODY);
      _shequ_unit_set_string (unit, &unit->service_body, row->service_body,
                              SHEQU_UNIT_PROP_SERVICE_BODY);
      _shequ_unit_set_string (unit, &unit->note, row->note, SHEQU_UNIT_PROP_NOTE);
      if (unit->tier != row->tier)
        {
          unit->tier = row->tier;
          _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TIER);
          _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TIER_LABEL);
        }
      set_figure (unit, &unit->population, row->population, SHEQU_UNIT_PROP_POPULATION);
      set_figure (unit, &unit->households, row->households, SHEQU_UNIT_PROP_HOUSEHOLDS);
      g_hash_table_add (dirty, unit);
    }

  for (guint i = 0; i < to_attach->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (to_attach, i);
      ShequUnitRow *row = g_hash_table_lookup (change->unit_puts, &unit->id);

      attach_unit (self, unit, row->parent_id, dirty);
    }

  /* People */
  g_hash_table_iter_init (&iter, change->person_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);

      if (person == NULL)
        continue;
      if (g_hash_table_lookup (self->person_codes, person->code) == person)
        g_hash_table_remove (self->person_codes, person->code);
      _shequ_sorted_remove (self->people, self->people_model, person);
      g_hash_table_steal (self->persons, key);
      g_hash_table_add (graveyard, person);
    }
  g_hash_table_iter_init (&iter, change->person_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPersonRow *row = value;
      ShequPerson *person = g_hash_table_lookup (self->persons, key);

      if (person == NULL)
        {
          person = _shequ_person_new (row);
          g_hash_table_insert (self->persons, &person->id, person);
          g_hash_table_replace (self->person_codes, person->code, person);
          _shequ_sorted_insert (self->people, self->people_model, person,
                                _shequ_org_store_compare_person_code);
          self->max_person_id = MAX (self->max_person_id, person->id);
          continue;
        }

      if (g_strcmp0 (person->code, row->code) != 0)
        {
          if (g_hash_table_lookup (self->person_codes, person->code) == person)
            g_hash_table_remove (self->person_codes, person->code);
          _shequ_sorted_remove (self->people, self->people_model, person);
          g_free (person->code);
          person->code = g_strdup (row->code);
          g_hash_table_replace (self->person_codes, person->code, person);
          _shequ_sorted_insert (self->people, self->people_model, person,
                                _shequ_org_store_compare_person_code);
          _shequ_person_notify (person, SHEQU_PERSON_PROP_CODE);
        }
      if (g_strcmp0 (person->name, row->name) != 0)
        {
          g_free (person->name);
          person->name = g_strdup (row->name);
          g_clear_pointer (&person->search_key, g_free);
          person->search_key_ready = FALSE;
          _shequ_person_notify (person, SHEQU_PERSON_PROP_NAME);
          for (guint i = 0; i < person->posts->len; i++)
            {
              ShequPost *post = g_ptr_array_index (person->posts, i);

              _shequ_post_notify (post, SHEQU_POST_PROP_PERSON_NAME);
              g_hash_table_add (dirty, post->unit);
            }
        }
      if (g_strcmp0 (person->phone, row->phone ? row->phone : "") != 0)
        {
          g_free (person->phone);
          person->phone = g_strdup (row->phone ? row->phone : "");
          _shequ_person_notify (person, SHEQU_PERSON_PROP_PHONE);
        }
      if (g_strcmp0 (person->note, row->note ? row->note : "") != 0)
        {
          g_free (person->note);
          person->note = g_strdup (row->note ? row->note : "");
          _shequ_person_notify (person, SHEQU_PERSON_PROP_NOTE);
        }
    }

  /* Posts arriving or changing */
  g_hash_table_iter_init (&iter, change->post_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPostRow *row = value;
      ShequPost *post = g_hash_table_lookup (self->posts, key);
      ShequPerson *person = g_hash_table_lookup (self->persons, &row->person_id);
      ShequUnit *unit = g_hash_table_lookup (self->units, &row->unit_id);

      if (post == NULL)
        {
          post = _shequ_post_new (row->id, person, unit, row->role, row->title);
          g_hash_table_insert (self->posts, &post->id, post);
          add_post_links (post, dirty);
          self->max_post_id = MAX (self->max_post_id, post->id);
          continue;
        }

      if (post->person != person || post->unit != unit || post->role != row->role)
        {
          gboolean role_changed = post->role != row->role;

          remove_post_links (post, dirty);
          post->person = person;
          post->unit = unit;
          post->role = row->role;
          add_post_links (post, dirty);
          _shequ_post_notify (post, SHEQU_POST_PROP_PERSON);
          _shequ_post_notify (post, SHEQU_POST_PROP_PERSON_NAME);
          _shequ_post_notify (post, SHEQU_POST_PROP_UNIT);
          if (role_changed)
            {
              _shequ_post_notify (post, SHEQU_POST_PROP_ROLE);
              _shequ_post_notify (post, SHEQU_POST_PROP_ROLE_LABEL);
            }
        }
      if (g_strcmp0 (post->title, row->title ? row->title : "") != 0)
        {
          g_free (post->title);
          post->title = g_strdup (row->title ? row->title : "");
          _shequ_post_notify (post, SHEQU_POST_PROP_TITLE);
        }
    }

  /* Roll-ups: every dirty unit and its ancestors, deepest first. */
  order = g_ptr_array_new ();
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

    g_hash_table_iter_init (&iter, dirty);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        ShequUnit *unit = key;

        if (g_hash_table_contains (graveyard, unit))
          continue;
        for (ShequUnit *u = unit; u != NULL && g_hash_table_add (seen, u); u = u->parent)
          g_ptr_array_add (order, u);
      }
  }
  g_ptr_array_sort (order, compare_depth_desc);
  for (guint i = 0; i < order->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (order, i);

      _shequ_org_store_compute_rollup (unit, TRUE);
      update_violation (self, unit, TRUE);
    }

  g_clear_pointer (&self->units_cache, g_ptr_array_unref);
  if (self->search_text != NULL)
    _shequ_org_store_run_search (self);
}
