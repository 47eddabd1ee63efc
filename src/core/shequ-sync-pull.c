/* shequ-sync-pull.c — what other PCs of the office wrote: changes since the cursor */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-disclosure-db-private.h"
#include "shequ-disclosure-json.h"
#include "shequ-sync-private.h"

typedef struct {
  ShequSyncRun *run;
  GPtrArray    *changes;   /* ShequSyncChange */
  const char   *url;
  char         *cursor;    /* the page's, stored with it */
  sqlite3_stmt *revision_stmt;
  sqlite3_stmt *conflict_stmt;
} PageOp;

/* An integer the statement gives for UUID: *VALUE −1 when there is no row. */
static gboolean
lookup_int (ShequDatabase  *db,
            sqlite3_stmt   *stmt,
            const char     *uuid,
            gint64         *value,
            GError        **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || shequ_database_set_error (db, rc, error);
}

/* The server's CHANGE beside this PC's unsent edit: a conflict, once per revision. */
static gboolean
record_conflict (PageOp           *op,
                 ShequDatabase    *db,
                 ShequSyncChange  *change,
                 GError          **error)
{
  g_autofree char *theirs = NULL;
  gint64 known = -1;

  if (!lookup_int (db, op->conflict_stmt, change->uuid, &known, error))
    return FALSE;
  if (known == change->revision)
    return TRUE;
  theirs = json_to_string (change->document, FALSE);
  if (!_shequ_sync_conflict_record (db, change->uuid, change->revision, theirs, error))
    return FALSE;
  if (known < 0)
    op->run->result->conflicts++;
  return TRUE;
}

/* A revision from the server beside an unsent edit here: when both say the same, only
 * the revision is taken (the edit then goes over it); else a conflict. */
static gboolean
unsent_edit_meets (PageOp           *op,
                   ShequDatabase    *db,
                   ShequSyncChange  *change,
                   ShequDisclosure  *theirs,
                   GError          **error)
{
  g_autoptr(ShequDisclosure) mine = NULL;
  gint64 revision = 0;

  if (!_shequ_disclosure_db_load (db, change->uuid, &mine, &revision, error))
    return FALSE;
  if (mine != NULL && shequ_disclosure_equal (mine, theirs))
    return _shequ_disclosure_db_set_revision (db, change->uuid, change->revision, error);
  return record_conflict (op, db, change, error);
}

/* The server's DOC as this PC's copy. A version published here that reads otherwise
 * there cannot be replaced (the triggers say so): that too is a conflict. */
static gboolean
store_document (PageOp           *op,
                ShequDatabase    *db,
                ShequSyncChange  *change,
                ShequDisclosure  *doc,
                GError          **error)
{
  g_autoptr(GError) local = NULL;

  if (!shequ_database_exec (db, "SAVEPOINT pull_document", error))
    return FALSE;
  if (_shequ_disclosure_db_store (db, doc, change->revision, &local))
    {
      op->run->result->pulled++;
      return shequ_database_exec (db, "RELEASE pull_document", error);
    }
  if (!shequ_database_exec (db, "ROLLBACK TO pull_document", error)
      || !shequ_database_exec (db, "RELEASE pull_document", error))
    return FALSE;
  if (!g_error_matches (local, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT)
      && !g_error_matches (local, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_IMMUTABLE))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_message ("Disclosure %s from the server is kept as a conflict: %s", change->uuid,
             local->message);
  return record_conflict (op, db, change, error);
}

/* CHANGE's document read (only those this PC takes: its own pushes coming back are
 * not). One that does not read stops the pull, the cursor before it. */
static ShequDisclosure *
read_document (PageOp           *op,
               ShequSyncChange  *change,
               GError          **error)
{
  g_autoptr(GError) local = NULL;
  ShequDisclosure *doc = shequ_disclosure_from_json_node (change->document, &local);

  if (doc == NULL)
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL,
                   _("The reply from %s does not read: disclosure %s: %s"),
                   op->url, change->uuid, local->message);
      return NULL;
    }
  g_assert (g_strcmp0 (doc->uuid, change->uuid) == 0);
  return doc;
}

static gboolean
apply_page_txn (ShequDatabase  *db,
                gpointer        data,
                GError        **error)
{
  static const char sql_revision[] = "SELECT server_revision FROM disclosure WHERE uuid = ?1";
  static const char sql_conflict[] = "SELECT their_revision FROM sync_conflict WHERE uuid = ?1";
  PageOp *op = data;
  g_autoptr(sqlite3_stmt) revision_stmt = shequ_database_prepare (db, sql_revision, error);
  g_autoptr(sqlite3_stmt) conflict_stmt = NULL;

  if (revision_stmt == NULL
      || (conflict_stmt = shequ_database_prepare (db, sql_conflict, error)) == NULL)
    return FALSE;
  op->revision_stmt = revision_stmt;
  op->conflict_stmt = conflict_stmt;
  for (guint i = 0; i < op->changes->len; i++)
    {
      ShequSyncChange *change = g_ptr_array_index (op->changes, i);
      g_autoptr(ShequDisclosure) doc = NULL;
      gint64 ours = -1;
      gboolean unsent = FALSE;

      if (!lookup_int (db, revision_stmt, change->uuid, &ours, error))
        return FALSE;
      /* This PC's own push, or a revision it has already. */
      if (change->revision <= ours)
        continue;
      if ((doc = read_document (op, change, error)) == NULL)
        return FALSE;
      if (ours >= 0 && !_shequ_outbox_has_unsent (db, change->uuid, &unsent, error))
        return FALSE;
      if (unsent ? !unsent_edit_meets (op, db, change, doc, error)
                 : !store_document (op, db, change, doc, error))
        return FALSE;
    }
  return _shequ_sync_state_set (db, "cursor", op->cursor, error);
}

static gboolean
get_cursor_txn (ShequDatabase  *db,
                gpointer        data,
                GError        **error)
{
  return _shequ_sync_state_get (db, "cursor", data, error);
}

/* One page: TRUE with *MORE whether another follows. CURSORS holds those asked with so
 * far: a page that says more follow but names one of them again would have the pull ask
 * for the same pages for ever. */
static gboolean
pull_page (ShequSyncRun  *run,
           GHashTable    *cursors,
           char         **cursor,
           gboolean      *more,
           guint         *seen,
           GError       **error)
{
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *escaped = g_uri_escape_string (*cursor != NULL ? *cursor : "0", NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%s&limit=%d", escaped,
                                           SHEQU_SYNC_PULL_LIMIT);
  g_autofree char *next = NULL;
  PageOp op = { 0 };
  gsize size = 0;
  const char *data;

  if (!_shequ_sync_http_request (run->http, "GET", path, NULL, NULL, NULL, &reply, error))
    return FALSE;

  if (reply.status != 200)
    {
      _shequ_sync_reply_set_error (&reply, error);
      return FALSE;
    }
  data = g_bytes_get_data (reply.body, &size);
  changes = _shequ_sync_parse_changes_reply (data, size, reply.url, &next, more, error);
  if (changes == NULL)
    return FALSE;
  if (*more && g_hash_table_contains (cursors, next))
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL,
                   _("The reply from %s does not read: it says more changes follow but "
                     "its cursor %s goes back to one already asked with"), reply.url, next);
      return FALSE;
    }
  op.run = run;
  op.changes = changes;
  op.url = reply.url;
  op.cursor = next;
  /* Nothing new: the cursor in the database is already this one. */
  if (changes->len > 0 || g_strcmp0 (next, *cursor) != 0)
    {
      if (!shequ_database_write (run->db, apply_page_txn, &op, error))
        return FALSE;
    }
  g_hash_table_add (cursors, g_strdup (next));
  g_free (*cursor);
  *cursor = g_steal_pointer (&next);
  *seen += changes->len;
  return TRUE;
}

gboolean
_shequ_sync_pull (ShequSyncRun  *run,
                  GError       **error)
{
  g_autoptr(GHashTable) cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  gboolean more = TRUE;
  guint seen = 0;

  if (!shequ_database_read (run->db, get_cursor_txn, &cursor, error))
    return FALSE;
  g_hash_table_add (cursors, g_strdup (cursor != NULL ? cursor : "0"));
  _shequ_sync_report (run, "pull", 0, 0);
  while (more)
    {
      if (!pull_page (run, cursors, &cursor, &more, &seen, error))
        return FALSE;
      _shequ_sync_report (run, "pull", seen, 0);
    }
  return TRUE;
}
