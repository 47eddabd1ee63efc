/* shequ-org-store-apply.c — applying a change: the transaction, the objects, undo and redo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

#define UNDO_LIMIT 100

/* The change that puts every row CHANGE touches back as it is now. */
static ShequOrgChange *
make_inverse (ShequOrgStore  *self,
              ShequOrgChange *change)
{
  ShequOrgChange *inverse = shequ_org_change_new (change->label);
  GHashTable *unit_sets[] = { change->unit_puts, change->unit_deletes };
  GHashTable *person_sets[] = { change->person_puts, change->person_deletes };
  GHashTable *post_sets[] = { change->post_puts, change->post_deletes };
  GHashTableIter iter;
  gpointer key;

  for (guint s = 0; s < 2; s++)
    {
      g_hash_table_iter_init (&iter, unit_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequUnit *unit = g_hash_table_lookup (self->units, key);

          if (unit != NULL)
            shequ_org_change_put_unit (inverse, shequ_unit_to_row (unit));
          else if (s == 0)
            shequ_org_change_delete_unit (inverse, *(gint64 *)key);
        }
      g_hash_table_iter_init (&iter, person_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequPerson *person = g_hash_table_lookup (self->persons, key);

          if (person != NULL)
            shequ_org_change_put_person (inverse, shequ_person_to_row (person));
          else if (s == 0)
            shequ_org_change_delete_person (inverse, *(gint64 *)key);
        }
      g_hash_table_iter_init (&iter, post_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequPost *post = g_hash_table_lookup (self->posts, key);

          if (post != NULL)
            shequ_org_change_put_post (inverse, shequ_post_to_row (post));
          else if (s == 0)
            shequ_org_change_delete_post (inverse, *(gint64 *)key);
        }
    }
  /* Undoing an import is as bulk as the import. */
  inverse->bulk = change->bulk;
  return inverse;
}


static void
notify_undo_state (ShequOrgStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_REDO_LABEL]);
}

static guint
change_size (ShequOrgChange *change)
{
  return g_hash_table_size (change->unit_puts) + g_hash_table_size (change->unit_deletes) +
         g_hash_table_size (change->person_puts) + g_hash_table_size (change->person_deletes) +
         g_hash_table_size (change->post_puts) + g_hash_table_size (change->post_deletes);
}

/* A change this large is bulk whether or not it says so. */
#define BULK_ROWS 100

void
_shequ_org_store_refresh_objects (ShequOrgStore  *self,
                                  ShequOrgChange *diff)
{
  guint n_units = g_hash_table_size (self->units);

  _shequ_org_store_update_objects (self, diff);
  if (n_units != g_hash_table_size (self->units))
    g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_N_UNITS]);
}

/* Validates, writes and applies CHANGE (borrowed). Returns its inverse on success.
 * EXPECTED (nullable) are the rows the objects must hold first (see replay()).
 * REFRESHED says whether rows of other programs were read in, even on failure. */
static ShequOrgChange *
apply_change (ShequOrgStore   *self,
              ShequOrgChange  *change,
              ShequOrgChange  *expected,
              gboolean        *refreshed,
              GError         **error)
{
  g_autoptr(ShequOrgChange) before = NULL;
  g_autoptr(ShequOrgChange) inverse = NULL;
  g_autoptr(GError) local = NULL;
  guint n_units = g_hash_table_size (self->units);
  gint64 version = 0;

  *refreshed = FALSE;
  g_clear_pointer (&self->remapped_units, g_hash_table_unref);
  g_clear_pointer (&self->remapped_posts, g_hash_table_unref);
  if (expected != NULL && !_shequ_org_store_check_expected_images (self, expected, error))
    return NULL;
  if (!_shequ_org_store_validate_change (self, change, error))
    return NULL;
  /* The rows as the change's author saw them, before anyone else's may be read in. */
  before = make_inverse (self, change);

  if (!shequ_database_begin (self->db, error))
    return NULL;

  /* Nothing goes in bulk into a damaged file: it would hide the damage under new rows. */
  if ((change->bulk || change_size (change) >= BULK_ROWS) &&
      !shequ_database_quick_check (self->db, error))
    goto failed;

  /* Inside the write lock: has another program committed since we last read? */
  if (!_shequ_org_store_read_data_version (self, &version, error))
    goto failed;
  if (version != self->data_version)
    {
      g_auto(Snapshot) snap = { NULL };
      g_autoptr(ShequOrgChange) diff = NULL;
      gboolean current;

      if (!_shequ_org_store_load_snapshot (self, &snap, error) ||
          !(diff = _shequ_org_store_make_refresh_diff (self, &snap, error)))
        goto failed;
      current = _shequ_org_store_check_before_images (self, change, before, &snap, &local);
      _shequ_org_store_update_objects (self, diff);
      self->data_version = version;
      *refreshed = TRUE;
      if (!current)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto failed;
        }

      _shequ_org_store_remap_new_ids (self, change, before);
      if (!_shequ_org_store_validate_change (self, change, &local))
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT,
                       _("Another program changed the database meanwhile, and the change no "
                         "longer fits: %s Your change was not saved; the view now shows the "
                         "current data."),
                       local->message);
          goto failed;
        }
    }

  if (!_shequ_org_store_write_change (self, change, error))
    goto failed;
  inverse = make_inverse (self, change);
  if (!shequ_database_commit (self->db, error))
    goto failed;

  _shequ_org_store_update_objects (self, change);

  if (n_units != g_hash_table_size (self->units))
    g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_N_UNITS]);
  return g_steal_pointer (&inverse);

failed:
  shequ_database_rollback (self->db);
  if (n_units != g_hash_table_size (self->units))
    g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_N_UNITS]);
  return NULL;
}


gboolean
shequ_org_store_apply (ShequOrgStore   *self,
                       ShequOrgChange  *change,
                       GError         **error)
{
  g_autoptr(ShequOrgChange) owned = change;
  ShequOrgChange *inverse;
  UndoEntry *entry;
  gboolean refreshed = FALSE;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (shequ_org_change_is_empty (change))
    return TRUE;

  if (!(inverse = apply_change (self, change, NULL, &refreshed, error)))
    {
      if (refreshed)
        g_signal_emit (self, _shequ_org_store_signals[CHANGED], 0, "");
      return FALSE;
    }

  entry = g_new0 (UndoEntry, 1);
  entry->undo = inverse;
  entry->redo = g_steal_pointer (&owned);
  g_queue_push_head (&self->undo_stack, entry);
  while (g_queue_get_length (&self->undo_stack) > UNDO_LIMIT)
    _shequ_org_store_undo_entry_free (g_queue_pop_tail (&self->undo_stack));
  _shequ_org_store_clear_stack (&self->redo_stack);
  notify_undo_state (self);

  g_signal_emit (self, _shequ_org_store_signals[CHANGED], 0, entry->redo->label);
  return TRUE;
}

static gboolean
replay (ShequOrgStore  *self,
        GQueue         *from,
        GQueue         *to,
        gboolean        undo,
        GError        **error)
{
  UndoEntry *entry = g_queue_peek_head (from);
  ShequOrgChange *change;
  ShequOrgChange *inverse;
  gboolean refreshed = FALSE;

  if (entry == NULL)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOTHING_TO_UNDO,
                   undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }

  /* The other half of the entry holds the rows as its last step left them: if they are
   * not so now, another program changed them, and undo must not overwrite that. */
  change = undo ? entry->undo : entry->redo;
  if (!(inverse = apply_change (self, change, undo ? entry->redo : entry->undo,
                                &refreshed, error)))
    {
      if (refreshed)
        g_signal_emit (self, _shequ_org_store_signals[CHANGED], 0, "");
      return FALSE;
    }

  /* The fresh inverse describes the state just left, exactly. */
  if (undo)
    {
      shequ_org_change_free (entry->redo);
      entry->redo = inverse;
    }
  else
    {
      shequ_org_change_free (entry->undo);
      entry->undo = inverse;
    }
  g_queue_pop_head (from);
  g_queue_push_head (to, entry);
  notify_undo_state (self);

  g_signal_emit (self, _shequ_org_store_signals[CHANGED], 0, change->label);
  return TRUE;
}

gboolean
shequ_org_store_undo (ShequOrgStore  *self,
                      GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  return replay (self, &self->undo_stack, &self->redo_stack, TRUE, error);
}

gboolean
shequ_org_store_redo (ShequOrgStore  *self,
                      GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  return replay (self, &self->redo_stack, &self->undo_stack, FALSE, error);
}

gboolean
shequ_org_store_get_can_undo (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  return !g_queue_is_empty (&self->undo_stack);
}

gboolean
shequ_org_store_get_can_redo (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  return !g_queue_is_empty (&self->redo_stack);
}

const char *
shequ_org_store_get_undo_label (ShequOrgStore *self)
{
  UndoEntry *entry;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  entry = g_queue_peek_head (&self->undo_stack);
  return entry ? entry->redo->label : NULL;
}

const char *
shequ_org_store_get_redo_label (ShequOrgStore *self)
{
  UndoEntry *entry;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  entry = g_queue_peek_head (&self->redo_stack);
  return entry ? entry->redo->label : NULL;
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
