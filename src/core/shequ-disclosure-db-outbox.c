/* shequ-disclosure-db-outbox.c — the sync outbox, conflicts and sync state in SQL */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure"

#include "config.h"

#include "shequ-disclosure-db-private.h"

/* Plain SQL on the connection given (the sync thread's or the store's), inside the
 * caller's transaction. */

void
_shequ_outbox_entry_free (ShequOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->key);
  g_free (entry->uuid);
  g_free (entry);
}

/* Runs SQL with TEXT (?1, nullable) and NUMBER (?2) bound. */
static gboolean
run (ShequDatabase  *db,
     const char     *sql,
     const char     *text,
     gint64          number,
     GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = _shequ_disclosure_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    {
      if (text != NULL)
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 1);
    }
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, number);
  return _shequ_disclosure_db_step (db, stmt, error);
}

static gboolean
insert_entry (ShequDatabase  *db,
              const char     *uuid,
              GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *now = _shequ_disclosure_now ();

  stmt = _shequ_disclosure_db_prepare (db, "INSERT INTO outbox (key, uuid, created_at) "
                                 "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return _shequ_disclosure_db_step (db, stmt, error);
}

gboolean
_shequ_outbox_enqueue (ShequDatabase  *db,
                       const char     *uuid,
                       GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  gboolean untried;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  /* The edit is a new try: what the server refused is forgotten. */
  if (!run (db, "DELETE FROM outbox WHERE uuid = ?1 AND state = 'refused'", uuid, 0, error) ||
      !run (db, "UPDATE disclosure SET sync_message = NULL WHERE uuid = ?1", uuid, 0, error))
    return FALSE;

  stmt = _shequ_disclosure_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM outbox WHERE uuid = ? "
                                 "AND state = 'pending' AND attempts = 0)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!_shequ_disclosure_db_step (db, stmt, error))
    return FALSE;
  untried = sqlite3_column_int (stmt, 0) != 0;
  if (untried)
    return TRUE;
  return insert_entry (db, uuid, error);
}

GPtrArray *
_shequ_outbox_list_pending (ShequDatabase  *db,
                            gint64          now,
                            guint           limit,
                            GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_outbox_entry_free);
  g_autoptr(ShequCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), NULL);

  stmt = _shequ_disclosure_db_prepare (db,
                                 "SELECT id, key, uuid, attempts, next_attempt_at FROM outbox "
                                 "WHERE state = 'pending' AND next_attempt_at <= ?1 "
                                 "  AND uuid NOT IN (SELECT uuid FROM sync_conflict) "
                                 "ORDER BY id LIMIT ?2",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShequOutboxEntry *entry = g_new0 (ShequOutboxEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->key = _shequ_disclosure_column_dup (stmt, 1);
      entry->uuid = _shequ_disclosure_column_dup (stmt, 2);
      entry->attempts = (guint) sqlite3_column_int64 (stmt, 3);
      entry->next_attempt_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      shequ_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
_shequ_outbox_mark_attempt (ShequDatabase  *db,
                            gint64          entry_id,
                            gint64          next_attempt_at,
                            GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);

  stmt = _shequ_disclosure_db_prepare (db, "UPDATE outbox SET attempts = attempts + 1, "
                                 "next_attempt_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, next_attempt_at);
  sqlite3_bind_int64 (stmt, 2, entry_id);
  return _shequ_disclosure_db_step (db, stmt, error);
}

gboolean
_shequ_outbox_done (ShequDatabase  *db,
                    gint64          entry_id,
                    GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  return run (db, "DELETE FROM outbox WHERE id = ?2", NULL, entry_id, error);
}

gboolean
_shequ_outbox_refuse (ShequDatabase  *db,
                      gint64          entry_id,
                      const char     *message,
                      GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);

  return run (db, "UPDATE outbox SET state = 'refused', message = ?1 WHERE id = ?2",
              message, entry_id, error) &&
         run (db, "UPDATE disclosure SET sync_message = ?1 "
              "WHERE uuid = (SELECT uuid FROM outbox WHERE id = ?2)",
              message, entry_id, error);
}

gboolean
_shequ_sync_conflict_record (ShequDatabase  *db,
                             const char     *uuid,
                             gint64          their_revision,
                             const char     *their_document,
                             GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  g_autofree char *now = _shequ_disclosure_now ();

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL && their_document != NULL, FALSE);

  stmt = _shequ_disclosure_db_prepare (db, "INSERT OR REPLACE INTO sync_conflict (uuid, "
                                 "their_revision, their_document, detected_at) "
                                 "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, their_revision);
  sqlite3_bind_text (stmt, 3, their_document, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!_shequ_disclosure_db_step (db, stmt, error))
    return FALSE;
  return run (db, "UPDATE outbox SET state = 'conflict' WHERE uuid = ?1 AND state = 'pending'",
              uuid, 0, error);
}

gboolean
_shequ_outbox_has_unsent (ShequDatabase  *db,
                          const char     *uuid,
                          gboolean       *unsent,
                          GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL && unsent != NULL, FALSE);

  stmt = _shequ_disclosure_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM outbox WHERE uuid = ?)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!_shequ_disclosure_db_step (db, stmt, error))
    return FALSE;
  *unsent = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

gboolean
_shequ_sync_state_get (ShequDatabase  *db,
                       const char     *key,
                       char          **value,
                       GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  *value = NULL;
  stmt = _shequ_disclosure_db_prepare (db, "SELECT value FROM sync_state WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = _shequ_disclosure_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  return TRUE;
}

gboolean
_shequ_sync_state_set (ShequDatabase  *db,
                       const char     *key,
                       const char     *value,
                       GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = _shequ_disclosure_db_prepare (db, value != NULL
                                 ? "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"
                                 : "DELETE FROM sync_state WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return _shequ_disclosure_db_step (db, stmt, error);
}

gboolean
_shequ_sync_state_reset_server (ShequDatabase  *db,
                                const char     *server,
                                GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  if (!shequ_database_exec (db, "DELETE FROM sync_state; DELETE FROM sync_conflict; "
                            "DELETE FROM outbox; "
                            "UPDATE disclosure SET server_revision = 0, sync_message = NULL",
                            error) ||
      !_shequ_sync_state_set (db, "server", server, error))
    return FALSE;

  if (!(stmt = _shequ_disclosure_db_prepare (db, "SELECT uuid FROM disclosure ORDER BY id", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uuids, _shequ_disclosure_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  for (guint i = 0; i < uuids->len; i++)
    if (!insert_entry (db, g_ptr_array_index (uuids, i), error))
      return FALSE;
  return TRUE;
}
