/* shequ-org-store-sql.c — every statement the store runs: loading, refreshing, writing rows */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

static int
compare_person_code_indirect (gconstpointer a,
                              gconstpointer b)
{
  return _shequ_org_store_compare_person_code (*(gpointer *)a, *(gpointer *)b);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* Roll-ups */

/* Loading */

/* Changes only when another connection commits: our own commits leave it as it is. */
gboolean
_shequ_org_store_read_data_version (ShequOrgStore  *self,
                                    gint64         *version,
                                    GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = shequ_database_prepare (self->db, "PRAGMA data_version", error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return shequ_database_set_error (self->db, rc, error);
  *version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
load_units (ShequOrgStore  *self,
            GArray         *parents,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_assert (SHEQU_IS_ORG_STORE (self));

  stmt = shequ_database_prepare (self->db,
                                 "SELECT id, parent_id, tier, code, name, party_body, "
                                 "service_body, note, population, households FROM unit",
                                 error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShequUnitRow row = { 0 };
      ShequUnit *unit;

      row.id = sqlite3_column_int64 (stmt, 0);
      row.parent_id = sqlite3_column_int64 (stmt, 1);
      row.code = (char *)column_text (stmt, 3);
      row.name = (char *)column_text (stmt, 4);
      row.party_body = (char *)column_text (stmt, 5);
      row.service_body = (char *)column_text (stmt, 6);
      row.note = (char *)column_text (stmt, 7);
      row.population = sqlite3_column_int64 (stmt, 8);
      row.households = sqlite3_column_int64 (stmt, 9);
      if (!shequ_tier_from_string (column_text (stmt, 2), &row.tier))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                       _("The database “%s” is damaged: unit %s has an unknown tier “%s”."),
                       shequ_database_get_path (self->db), row.code, column_text (stmt, 2));
          return FALSE;
        }

      unit = _shequ_unit_new (&row);
      g_hash_table_insert (self->units, &unit->id, unit);
      g_hash_table_insert (self->codes, unit->code, unit);
      g_array_append_vals (parents, &(UnitParent) { unit, row.parent_id }, 1);
      self->max_unit_id = MAX (self->max_unit_id, unit->id);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return TRUE;
}

static gboolean
load_people (ShequOrgStore  *self,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) posts = NULL;
  int rc;

  g_assert (SHEQU_IS_ORG_STORE (self));

  stmt = shequ_database_prepare (self->db, "SELECT id, code, name, phone, note FROM person", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShequPersonRow row = { 0 };
      ShequPerson *person;

      row.id = sqlite3_column_int64 (stmt, 0);
      row.code = (char *)column_text (stmt, 1);
      row.name = (char *)column_text (stmt, 2);
      row.phone = (char *)column_text (stmt, 3);
      row.note = (char *)column_text (stmt, 4);
      person = _shequ_person_new (&row);
      g_hash_table_insert (self->persons, &person->id, person);
      g_hash_table_insert (self->person_codes, person->code, person);
      g_ptr_array_add (self->people, person);
      self->max_person_id = MAX (self->max_person_id, person->id);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);

  posts = shequ_database_prepare (self->db,
                                  "SELECT id, person_id, unit_id, role, title FROM post ORDER BY id",
                                  error);
  if (posts == NULL)
    return FALSE;
  while ((rc = sqlite3_step (posts)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (posts, 0);
      gint64 person_id = sqlite3_column_int64 (posts, 1);
      gint64 unit_id = sqlite3_column_int64 (posts, 2);
      ShequPerson *person = g_hash_table_lookup (self->persons, &person_id);
      ShequUnit *unit = g_hash_table_lookup (self->units, &unit_id);
      ShequRole role;
      ShequPost *post;

      if (person == NULL || unit == NULL ||
          !shequ_role_from_string (column_text (posts, 3), &role))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                       _("The database “%s” is damaged: post %lld refers to a missing person "
                         "or unit, or has an unknown role."),
                       shequ_database_get_path (self->db), (long long)id);
          return FALSE;
        }
      post = _shequ_post_new (id, person, unit, role, column_text (posts, 4));
      g_hash_table_insert (self->posts, &post->id, post);
      /* Ordered by id, so appending keeps the arrays sorted. */
      g_ptr_array_add (unit->posts, post);
      unit->own_role_counts[role]++;
      g_ptr_array_add (person->posts, post);
      self->max_post_id = MAX (self->max_post_id, id);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);

  g_ptr_array_sort (self->people, compare_person_code_indirect);
  g_list_store_splice (self->people_model, 0, 0, self->people->pdata, self->people->len);
  return TRUE;
}

gboolean
_shequ_org_store_load_snapshot (ShequOrgStore  *self,
                                Snapshot       *snap,
                                GError        **error)
{
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) persons = NULL;
  g_autoptr(sqlite3_stmt) posts = NULL;
  gint64 *key;
  int rc;

  snap->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) shequ_unit_row_free);
  snap->persons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) shequ_person_row_free);
  snap->posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) shequ_post_row_free);

  units = shequ_database_prepare (self->db,
                                  "SELECT id, parent_id, tier, code, name, party_body, "
                                  "service_body, note, population, households FROM unit",
                                  error);
  if (units == NULL)
    return FALSE;
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      g_autoptr(ShequUnitRow) row = shequ_unit_row_new ();

      row->id = sqlite3_column_int64 (units, 0);
      row->parent_id = sqlite3_column_int64 (units, 1);
      row->code = g_strdup (column_text (units, 3));
      row->name = g_strdup (column_text (units, 4));
      row->party_body = g_strdup (column_text (units, 5));
      row->service_body = g_strdup (column_text (units, 6));
      row->note = g_strdup (column_text (units, 7));
      row->population = sqlite3_column_int64 (units, 8);
      row->households = sqlite3_column_int64 (units, 9);
      if (!shequ_tier_from_string (column_text (units, 2), &row->tier))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                       _("The database “%s” is damaged: unit %s has an unknown tier “%s”."),
                       shequ_database_get_path (self->db), row->code, column_text (units, 2));
          return FALSE;
        }
      key = _shequ_org_store_id_key (row->id);
      g_hash_table_insert (snap->units, key, g_steal_pointer (&row));
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);

  persons = shequ_database_prepare (self->db, "SELECT id, code, name, phone, note FROM person",
                                    error);
  if (persons == NULL)
    return FALSE;
  while ((rc = sqlite3_step (persons)) == SQLITE_ROW)
    {
      ShequPersonRow *row = shequ_person_row_new ();

      row->id = sqlite3_column_int64 (persons, 0);
      row->code = g_strdup (column_text (persons, 1));
      row->name = g_strdup (column_text (persons, 2));
      row->phone = g_strdup (column_text (persons, 3));
      row->note = g_strdup (column_text (persons, 4));
      g_hash_table_insert (snap->persons, _shequ_org_store_id_key (row->id), row);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);

  posts = shequ_database_prepare (self->db,
                                  "SELECT id, person_id, unit_id, role, title FROM post", error);
  if (posts == NULL)
    return FALSE;
  while ((rc = sqlite3_step (posts)) == SQLITE_ROW)
    {
      g_autoptr(ShequPostRow) row = shequ_post_row_new ();

      row->id = sqlite3_column_int64 (posts, 0);
      row->person_id = sqlite3_column_int64 (posts, 1);
      row->unit_id = sqlite3_column_int64 (posts, 2);
      row->title = g_strdup (column_text (posts, 4));
      if (!shequ_role_from_string (column_text (posts, 3), &row->role) ||
          !g_hash_table_contains (snap->persons, &row->person_id) ||
          !g_hash_table_contains (snap->units, &row->unit_id))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                       _("The database “%s” is damaged: post %lld refers to a missing person "
                         "or unit, or has an unknown role."),
                       shequ_database_get_path (self->db), (long long) row->id);
          return FALSE;
        }
      key = _shequ_org_store_id_key (row->id);
      g_hash_table_insert (snap->posts, key, g_steal_pointer (&row));
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return _shequ_org_store_load_geo (self, snap, error);
}

/* Steps a statement that returns no rows and makes it ready for the next bindings. */
gboolean
_shequ_org_store_step_done (ShequOrgStore  *self,
                            sqlite3_stmt   *stmt,
                            GError        **error)
{
  int rc;

  g_assert (SHEQU_IS_ORG_STORE (self));

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return TRUE;
}

static gboolean
delete_ids (ShequOrgStore  *self,
            const char     *sql,
            ShequOrgRows   *ids,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = _shequ_org_rows_get_n (ids);

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (n == 0)
    return TRUE;
  if (!(stmt = shequ_database_prepare (self->db, sql, error)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_int64 (stmt, 1, _shequ_org_rows_get_id (ids, i));
      if (!_shequ_org_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

#define NOW "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* The INSERT and the UPDATE … WHERE id = ?1 of one kind of row, with the same bindings. */
typedef struct {
  sqlite3_stmt *insert;
  sqlite3_stmt *update;
} RowWriter;

static void
row_writer_clear (RowWriter *writer)
{
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->update, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowWriter, row_writer_clear)

static gboolean
row_writer_prepare (ShequOrgStore  *self,
                    RowWriter      *writer,
                    const char     *insert,
                    const char     *update,
                    GError        **error)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  writer->insert = shequ_database_prepare (self->db, insert, error);
  if (writer->insert != NULL)
    writer->update = shequ_database_prepare (self->db, update, error);
  return writer->update != NULL;
}

/* Steps the statement bound for a row: an UPDATE must find its row, since the objects
 * match the database inside the write transaction, so a miss means the file changed
 * under us. */
static gboolean
row_writer_step (ShequOrgStore  *self,
                 sqlite3_stmt   *stmt,
                 gboolean        update,
                 const char     *name,
                 GError        **error)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  if (!_shequ_org_store_step_done (self, stmt, error))
    return FALSE;
  if (update && sqlite3_changes (shequ_database_get_handle (self->db)) != 1)
    {
      _shequ_org_store_set_conflict_error (error, name);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_empty (sqlite3_stmt *stmt,
                    int           column,
                    const char   *text)
{
  sqlite3_bind_text (stmt, column, text != NULL ? text : "", -1, SQLITE_STATIC);
}

/* Binds ROW to STMT (an INSERT or an UPDATE … WHERE id = ?1); returns the name a
 * conflict names. */
typedef const char *(*BindRowFunc) (sqlite3_stmt  *stmt,
                                    gconstpointer  row);

static const char *
bind_unit (sqlite3_stmt  *stmt,
           gconstpointer  data)
{
  const ShequUnitRow *row = data;

  sqlite3_bind_int64 (stmt, 1, row->id);
  if (row->parent_id != 0)
    sqlite3_bind_int64 (stmt, 2, row->parent_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, shequ_tier_to_key (row->tier), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, row->name, -1, SQLITE_STATIC);
  bind_text_or_empty (stmt, 6, row->party_body);
  bind_text_or_empty (stmt, 7, row->service_body);
  bind_text_or_empty (stmt, 8, row->note);
  sqlite3_bind_int64 (stmt, 9, row->population);
  sqlite3_bind_int64 (stmt, 10, row->households);
  return row->name;
}

static const char *
bind_person (sqlite3_stmt  *stmt,
             gconstpointer  data)
{
  const ShequPersonRow *row = data;

  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_text (stmt, 2, row->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->name, -1, SQLITE_STATIC);
  bind_text_or_empty (stmt, 4, row->phone);
  bind_text_or_empty (stmt, 5, row->note);
  return row->name;
}

static const char *
bind_post (sqlite3_stmt  *stmt,
           gconstpointer  data)
{
  const ShequPostRow *row = data;

  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_int64 (stmt, 2, row->person_id);
  sqlite3_bind_int64 (stmt, 3, row->unit_id);
  sqlite3_bind_text (stmt, 4, shequ_role_to_key (row->role), -1, SQLITE_STATIC);
  bind_text_or_empty (stmt, 5, row->title);
  return "?";
}

/* PUTS in their order: rows the objects hold (OBJECTS, by id) updated, others inserted. */
static gboolean
write_rows (ShequOrgStore   *self,
            ShequOrgRows    *puts,
            GHashTable      *objects,
            const char      *insert,
            const char      *update,
            BindRowFunc      bind,
            GError         **error)
{
  g_auto(RowWriter) writer = { NULL };
  guint n = _shequ_org_rows_get_n (puts);

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (n == 0)
    return TRUE;
  if (!row_writer_prepare (self, &writer, insert, update, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gconstpointer row = _shequ_org_rows_get (puts, i);
      gboolean exists = g_hash_table_contains (objects, row);
      sqlite3_stmt *stmt = exists ? writer.update : writer.insert;
      const char *name = bind (stmt, row);

      if (!row_writer_step (self, stmt, exists, name, error))
        return FALSE;
    }
  return TRUE;
}

/* In the order the change holds them (parents first). New rows are inserted, rows the
 * store read are updated by id: never an upsert over a row that was not read or
 * allocated in this transaction. Deletes first: a code freed by one unit may be taken
 * by another in the same change. */
gboolean
_shequ_org_store_write_change (ShequOrgStore   *self,
                               ShequOrgChange  *change,
                               GError         **error)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  return delete_ids (self, "DELETE FROM place WHERE id = ?", &change->place_deletes, error) &&
         delete_ids (self, "DELETE FROM boundary WHERE unit_id = ?", &change->boundary_deletes,
                     error) &&
         delete_ids (self, "DELETE FROM post WHERE id = ?", &change->post_deletes, error) &&
         delete_ids (self, "DELETE FROM unit WHERE id = ?", &change->unit_deletes, error) &&
         delete_ids (self, "DELETE FROM person WHERE id = ?", &change->person_deletes, error) &&
         write_rows (self, &change->unit_puts, self->units,
           "INSERT INTO unit (id, parent_id, tier, code, name, party_body, service_body, note, "
           "                  population, households, updated_at) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " NOW ")",
           "UPDATE unit SET parent_id = ?2, tier = ?3, code = ?4, name = ?5, party_body = ?6, "
           "  service_body = ?7, note = ?8, population = ?9, households = ?10, "
           "  updated_at = " NOW " WHERE id = ?1", bind_unit, error) &&
         write_rows (self, &change->person_puts, self->persons,
           "INSERT INTO person (id, code, name, phone, note, updated_at) "
           "VALUES (?1, ?2, ?3, ?4, ?5, " NOW ")",
           "UPDATE person SET code = ?2, name = ?3, phone = ?4, note = ?5, updated_at = " NOW
           " WHERE id = ?1", bind_person, error) &&
         write_rows (self, &change->post_puts, self->posts,
           "INSERT INTO post (id, person_id, unit_id, role, title, updated_at) "
           "VALUES (?1, ?2, ?3, ?4, ?5, " NOW ")",
           "UPDATE post SET person_id = ?2, unit_id = ?3, role = ?4, title = ?5, "
           "  updated_at = " NOW " WHERE id = ?1", bind_post, error) &&
         _shequ_org_store_write_geo (self, change, error);
}

typedef struct {
  ShequOrgStore *self;
  GArray        *parents;
} LoadAll;

static gboolean
load_all_in_transaction (ShequDatabase  *db,
                         gpointer        data,
                         GError        **error)
{
  LoadAll *load = data;

  g_assert (SHEQU_IS_DATABASE (db));

  return load_units (load->self, load->parents, error) &&
         load_people (load->self, error) &&
         _shequ_org_store_load_geo (load->self, NULL, error) &&
         _shequ_org_store_read_data_version (load->self, &load->self->data_version, error);
}

/* Every unit, person and post into new objects, with the data version, in one read
 * transaction: a consistent snapshot, and faster. */
gboolean
_shequ_org_store_load_all (ShequOrgStore  *self,
                           GArray         *parents,
                           GError        **error)
{
  LoadAll load = { self, parents };

  g_assert (SHEQU_IS_ORG_STORE (self));

  return shequ_database_read (self->db, load_all_in_transaction, &load, error);
}

typedef struct {
  ShequOrgStore *self;
  gint64        *version;
  Snapshot      *snap;
} ReadChanges;

static gboolean
read_changes_in_transaction (ShequDatabase  *db,
                             gpointer        data,
                             GError        **error)
{
  ReadChanges *read = data;

  g_assert (SHEQU_IS_DATABASE (db));

  if (!_shequ_org_store_read_data_version (read->self, read->version, error))
    return FALSE;
  return *read->version == read->self->data_version ||
         _shequ_org_store_load_snapshot (read->self, read->snap, error);
}

/* The data version and, when it differs from the store's, the rows, of one moment (one
 * read transaction). */
gboolean
_shequ_org_store_read_changes (ShequOrgStore  *self,
                               gint64         *version,
                               Snapshot       *snap,
                               GError        **error)
{
  ReadChanges read = { self, version, snap };

  g_assert (SHEQU_IS_ORG_STORE (self));

  return shequ_database_read (self->db, read_changes_in_transaction, &read, error);
}

gboolean
_shequ_org_store_hook_exec (ShequOrgStore  *self,
                            const char     *sql,
                            GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (self->running_hooks, FALSE);

  return shequ_database_exec (self->db, sql, error);
}
