/* shequ-org-store-apply.c — writing changes, conflicts with other programs, undo and redo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

#define UNDO_LIMIT 100

static gboolean
step_done (ShequOrgStore  *self,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return TRUE;
}

static gboolean
delete_ids (ShequOrgStore  *self,
            const char     *sql,
            GHashTable     *ids,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (ids) == 0)
    return TRUE;
  if (!(stmt = shequ_database_prepare (self->db, sql, error)))
    return FALSE;
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      sqlite3_bind_int64 (stmt, 1, *(gint64 *)key);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

#define NOW "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')"

static void set_conflict_error (GError **error, const char *name);

/* Steps an UPDATE … WHERE id = ?1, which must find its row: the objects match the
 * database inside the write transaction, so a miss means the file changed under us. */
static gboolean
step_update (ShequOrgStore  *self,
             sqlite3_stmt   *stmt,
             const char     *name,
             GError        **error)
{
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (shequ_database_get_handle (self->db)) != 1)
    {
      set_conflict_error (error, name);
      return FALSE;
    }
  return TRUE;
}

/* New rows are inserted, rows the store read are updated by id: never an upsert over
 * a row that was not read or allocated in this transaction. */
static gboolean
write_change (ShequOrgStore   *self,
              ShequOrgChange  *change,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) unit_insert = NULL;
  g_autoptr(sqlite3_stmt) unit_update = NULL;
  g_autoptr(sqlite3_stmt) person_insert = NULL;
  g_autoptr(sqlite3_stmt) person_update = NULL;
  g_autoptr(sqlite3_stmt) post_insert = NULL;
  g_autoptr(sqlite3_stmt) post_update = NULL;
  GHashTableIter iter;
  gpointer value;

  /* Deletes first: a code freed by one unit may be taken by another in the same change. */
  if (!delete_ids (self, "DELETE FROM post WHERE id = ?", change->post_deletes, error) ||
      !delete_ids (self, "DELETE FROM unit WHERE id = ?", change->unit_deletes, error) ||
      !delete_ids (self, "DELETE FROM person WHERE id = ?", change->person_deletes, error))
    return FALSE;

  if (g_hash_table_size (change->unit_puts) > 0)
    {
      unit_insert = shequ_database_prepare (self->db,
        "INSERT INTO unit (id, parent_id, tier, code, name, party_body, service_body, note, "
        "                  population, households, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " NOW ")", error);
      if (unit_insert == NULL)
        return FALSE;
      unit_update = shequ_database_prepare (self->db,
        "UPDATE unit SET parent_id = ?2, tier = ?3, code = ?4, name = ?5, party_body = ?6, "
        "  service_body = ?7, note = ?8, population = ?9, households = ?10, "
        "  updated_at = " NOW " WHERE id = ?1", error);
      if (unit_update == NULL)
        return FALSE;

      g_hash_table_iter_init (&iter, change->unit_puts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ShequUnitRow *row = value;
          gboolean exists = g_hash_table_contains (self->units, &row->id);
          sqlite3_stmt *stmt = exists ? unit_update : unit_insert;

          sqlite3_bind_int64 (stmt, 1, row->id);
          if (row->parent_id != 0)
            sqlite3_bind_int64 (stmt, 2, row->parent_id);
          else
            sqlite3_bind_null (stmt, 2);
          sqlite3_bind_text (stmt, 3, shequ_tier_to_key (row->tier), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, row->code, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, row->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, row->party_body ? row->party_body : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, row->service_body ? row->service_body : "", -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, row->note ? row->note : "", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 9, row->population);
          sqlite3_bind_int64 (stmt, 10, row->households);
          if (exists ? !step_update (self, stmt, row->name, error) : !step_done (self, stmt, error))
            return FALSE;
        }
    }

  if (g_hash_table_size (change->person_puts) > 0)
    {
      person_insert = shequ_database_prepare (self->db,
        "INSERT INTO person (id, code, name, phone, note, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, " NOW ")", error);
      if (person_insert == NULL)
        return FALSE;
      person_update = shequ_database_prepare (self->db,
        "UPDATE person SET code = ?2, name = ?3, phone = ?4, note = ?5, updated_at = " NOW
        " WHERE id = ?1", error);
      if (person_update == NULL)
        return FALSE;

      g_hash_table_iter_init (&iter, change->person_puts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ShequPersonRow *row = value;
          gboolean exists = g_hash_table_contains (self->persons, &row->id);
          sqlite3_stmt *stmt = exists ? person_update : person_insert;

          sqlite3_bind_int64 (stmt, 1, row->id);
          sqlite3_bind_text (stmt, 2, row->code, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, row->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, row->phone ? row->phone : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, row->note ? row->note : "", -1, SQLITE_STATIC);
          if (exists ? !step_update (self, stmt, row->name, error) : !step_done (self, stmt, error))
            return FALSE;
        }
    }

  if (g_hash_table_size (change->post_puts) > 0)
    {
      post_insert = shequ_database_prepare (self->db,
        "INSERT INTO post (id, person_id, unit_id, role, title, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, " NOW ")", error);
      if (post_insert == NULL)
        return FALSE;
      post_update = shequ_database_prepare (self->db,
        "UPDATE post SET person_id = ?2, unit_id = ?3, role = ?4, title = ?5, "
        "  updated_at = " NOW " WHERE id = ?1", error);
      if (post_update == NULL)
        return FALSE;

      g_hash_table_iter_init (&iter, change->post_puts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ShequPostRow *row = value;
          gboolean exists = g_hash_table_contains (self->posts, &row->id);
          sqlite3_stmt *stmt = exists ? post_update : post_insert;

          sqlite3_bind_int64 (stmt, 1, row->id);
          sqlite3_bind_int64 (stmt, 2, row->person_id);
          sqlite3_bind_int64 (stmt, 3, row->unit_id);
          sqlite3_bind_text (stmt, 4, shequ_role_to_key (row->role), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, row->title ? row->title : "", -1, SQLITE_STATIC);
          if (exists ? !step_update (self, stmt, "?", error) : !step_done (self, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

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
set_conflict_error (GError     **error,
                    const char  *name)
{
  g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT,
               _("“%s” was changed or deleted by another program since it was read; your "
                 "change was not saved. The view now shows the current data."),
               name);
}

/* Whether the rows CHANGE updates or deletes are still as BEFORE (the images the change
 * was built against) says they were; the other program's version is in SNAP. */
static gboolean
check_before_images (ShequOrgStore   *self,
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
              set_conflict_error (error, was->name);
              return FALSE;
            }
          /* Never delete a row the change's author did not see. */
          if (was == NULL && s == 1 && fresh != NULL)
            {
              set_conflict_error (error, fresh->name);
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
              set_conflict_error (error, was != NULL ? was->name : fresh->name);
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

              set_conflict_error (error, seen != NULL ? seen->name : now != NULL ? now->name : "?");
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Whether the objects are as EXPECTED (the rows an undo entry's last step wrote): an
 * undo never overwrites what another program changed since. */
static gboolean
check_expected_images (ShequOrgStore   *self,
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
          set_conflict_error (error, ((ShequUnitRow *) value)->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->unit_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);

      if (unit != NULL)
        {
          set_conflict_error (error, unit->name);
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
          set_conflict_error (error, ((ShequPersonRow *) value)->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->person_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);

      if (person != NULL)
        {
          set_conflict_error (error, person->name);
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

          set_conflict_error (error, person != NULL ? person->name : "?");
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->post_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPost *post = g_hash_table_lookup (self->posts, key);

      if (post != NULL)
        {
          set_conflict_error (error, post->person->name);
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
static void
remap_new_ids (ShequOrgStore  *self,
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
  if (expected != NULL && !check_expected_images (self, expected, error))
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
      current = check_before_images (self, change, before, &snap, &local);
      _shequ_org_store_update_objects (self, diff);
      self->data_version = version;
      *refreshed = TRUE;
      if (!current)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto failed;
        }

      remap_new_ids (self, change, before);
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

  if (!write_change (self, change, error))
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
