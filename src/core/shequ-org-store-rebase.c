/* shequ-org-store-rebase.c — another program committed meanwhile: conflicts and fresh ids */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

void
_shequ_org_store_set_conflict_error (GError     **error,
                                     const char  *name)
{
  g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT,
               _("“%s” was changed or deleted by another program since it was read; your "
                 "change was not saved. The view now shows the current data."),
               name);
}

/* Whether the rows CHANGE updates or deletes are still as BEFORE (the images the change
 * was built against) says they were; the other program's version is in SNAP. */
gboolean
_shequ_org_store_check_before_images (ShequOrgStore   *self,
                     ShequOrgChange  *change,
                     ShequOrgChange  *before,
                     Snapshot        *snap,
                     GError         **error)
{
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
          ShequUnitRow *was = g_hash_table_lookup (before->unit_puts, key);
          ShequUnitRow *fresh = g_hash_table_lookup (snap->units, key);

          if (was != NULL && (fresh == NULL || !_shequ_org_store_unit_row_equal (was, fresh)))
            {
              _shequ_org_store_set_conflict_error (error, was->name);
              return FALSE;
            }
          /* Never delete a row the change's author did not see. */
          if (was == NULL && s == 1 && fresh != NULL)
            {
              _shequ_org_store_set_conflict_error (error, fresh->name);
              return FALSE;
            }
        }
      g_hash_table_iter_init (&iter, person_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequPersonRow *was = g_hash_table_lookup (before->person_puts, key);
          ShequPersonRow *fresh = g_hash_table_lookup (snap->persons, key);

          if ((was != NULL && (fresh == NULL || !_shequ_org_store_person_row_equal (was, fresh))) ||
              (was == NULL && s == 1 && fresh != NULL))
            {
              _shequ_org_store_set_conflict_error (error, was != NULL ? was->name : fresh->name);
              return FALSE;
            }
        }
      g_hash_table_iter_init (&iter, post_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequPostRow *was = g_hash_table_lookup (before->post_puts, key);
          ShequPostRow *fresh = g_hash_table_lookup (snap->posts, key);

          if ((was != NULL && (fresh == NULL || !_shequ_org_store_post_row_equal (was, fresh))) ||
              (was == NULL && s == 1 && fresh != NULL))
            {
              gint64 person_id = was != NULL ? was->person_id : fresh->person_id;
              ShequPerson *seen = g_hash_table_lookup (self->persons, &person_id);
              ShequPersonRow *now = g_hash_table_lookup (snap->persons, &person_id);

              _shequ_org_store_set_conflict_error (error, seen != NULL ? seen->name : now != NULL ? now->name : "?");
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Whether the objects are as EXPECTED (the rows an undo entry's last step wrote): an
 * undo never overwrites what another program changed since. */
gboolean
_shequ_org_store_check_expected_images (ShequOrgStore   *self,
                       ShequOrgChange  *expected,
                       GError         **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, expected->unit_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);
      g_autoptr(ShequUnitRow) now = unit != NULL ? shequ_unit_to_row (unit) : NULL;

      if (now == NULL || !_shequ_org_store_unit_row_equal (now, value))
        {
          _shequ_org_store_set_conflict_error (error, ((ShequUnitRow *) value)->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->unit_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);

      if (unit != NULL)
        {
          _shequ_org_store_set_conflict_error (error, unit->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->person_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);
      g_autoptr(ShequPersonRow) now = person != NULL ? shequ_person_to_row (person) : NULL;

      if (now == NULL || !_shequ_org_store_person_row_equal (now, value))
        {
          _shequ_org_store_set_conflict_error (error, ((ShequPersonRow *) value)->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->person_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);

      if (person != NULL)
        {
          _shequ_org_store_set_conflict_error (error, person->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->post_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPost *post = g_hash_table_lookup (self->posts, key);
      g_autoptr(ShequPostRow) now = post != NULL ? shequ_post_to_row (post) : NULL;

      if (now == NULL || !_shequ_org_store_post_row_equal (now, value))
        {
          ShequPerson *person = g_hash_table_lookup (self->persons,
                                                     &((ShequPostRow *) value)->person_id);

          _shequ_org_store_set_conflict_error (error, person != NULL ? person->name : "?");
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->post_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPost *post = g_hash_table_lookup (self->posts, key);

      if (post != NULL)
        {
          _shequ_org_store_set_conflict_error (error, post->person->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* New rows of PUTS (absent from BEFORE) whose id is now taken in OBJECTS get ids above
 * every id in use; MAP receives old → new. */
static void
remap_new_rows (GHashTable *puts,
                GHashTable *before_deletes,
                GHashTable *objects,
                gint64     *max_id,
                GHashTable *map,
                gint64     *(*id_of) (gpointer row))
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  gint64 next = *max_id;

  g_hash_table_iter_init (&iter, puts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    next = MAX (next, *(gint64 *) key);

  g_hash_table_iter_init (&iter, puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_contains (before_deletes, key) && g_hash_table_contains (objects, key))
      {
        g_hash_table_insert (map, _shequ_org_store_id_key (*(gint64 *) key),
                             _shequ_org_store_id_key (++next));
        g_ptr_array_add (moved, value);
        g_hash_table_iter_steal (&iter);
        g_free (key);
      }
  for (guint i = 0; i < moved->len; i++)
    {
      gpointer row = g_ptr_array_index (moved, i);
      gint64 *id = id_of (row);

      *id = *(gint64 *) g_hash_table_lookup (map, id);
      g_hash_table_insert (puts, _shequ_org_store_id_key (*id), row);
    }
  *max_id = next;
}

static gint64 *unit_row_id (gpointer row) { return &((ShequUnitRow *) row)->id; }
static gint64 *person_row_id (gpointer row) { return &((ShequPersonRow *) row)->id; }
static gint64 *post_row_id (gpointer row) { return &((ShequPostRow *) row)->id; }

/* The id a row of the last applied change ended with (a new row may have moved). */
gint64
_shequ_org_store_final_id (GHashTable *map,
                           gint64      id)
{
  gint64 *to = map != NULL ? g_hash_table_lookup (map, &id) : NULL;

  return to != NULL ? *to : id;
}

static void
follow_map (GHashTable *map,
            gint64     *id)
{
  gint64 *to = g_hash_table_lookup (map, id);

  if (to != NULL)
    *id = *to;
}

/* After a refresh: the rows CHANGE inserts whose ids another program took meanwhile get
 * fresh ones, and every reference in CHANGE follows. */
void
_shequ_org_store_remap_new_ids (ShequOrgStore  *self,
               ShequOrgChange *change,
               ShequOrgChange *before)
{
  GHashTable *units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) persons = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, g_free);
  GHashTable *posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer value;

  /* Kept, so the edits below find the objects they created by their final ids. */
  g_clear_pointer (&self->remapped_units, g_hash_table_unref);
  g_clear_pointer (&self->remapped_posts, g_hash_table_unref);
  self->remapped_units = units;
  self->remapped_posts = posts;

  remap_new_rows (change->unit_puts, before->unit_deletes, self->units, &self->max_unit_id,
                  units, unit_row_id);
  remap_new_rows (change->person_puts, before->person_deletes, self->persons,
                  &self->max_person_id, persons, person_row_id);
  remap_new_rows (change->post_puts, before->post_deletes, self->posts, &self->max_post_id,
                  posts, post_row_id);
  if (g_hash_table_size (units) == 0 && g_hash_table_size (persons) == 0)
    return;

  g_hash_table_iter_init (&iter, change->unit_puts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    follow_map (units, &((ShequUnitRow *) value)->parent_id);
  g_hash_table_iter_init (&iter, change->post_puts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      follow_map (units, &((ShequPostRow *) value)->unit_id);
      follow_map (persons, &((ShequPostRow *) value)->person_id);
    }
}
