/* shequ-sync-attachments.c — attachments up (HEAD, then PUT what the server lacks) and down */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-db-private.h"
#include "shequ-sync-private.h"

typedef struct {
  const char *sha256;
  char       *mime;
  GBytes     *bytes;   /* NULL when the database has none */
} BlobOp;

static gboolean
read_blob_txn (ShequDatabase  *db,
               gpointer        data,
               GError        **error)
{
  static const char sql[] = "SELECT mime, data FROM attachment_blob WHERE sha256 = ?1";
  BlobOp *op = data;
  g_autoptr(sqlite3_stmt) stmt = shequ_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      op->mime = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      op->bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      return TRUE;
    }
  return rc == SQLITE_DONE || shequ_database_set_error (db, rc, error);
}

static gboolean
write_blob_txn (ShequDatabase  *db,
                gpointer        data,
                GError        **error)
{
  static const char sql[] =
    "INSERT INTO attachment_blob (sha256, mime, size, data) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (sha256) DO NOTHING";
  BlobOp *op = data;
  g_autoptr(sqlite3_stmt) stmt = shequ_database_prepare (db, sql, error);
  gsize size = 0;
  const void *bytes = g_bytes_get_data (op->bytes, &size);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op->mime, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, size);
  sqlite3_bind_blob64 (stmt, 4, size > 0 ? bytes : "", size, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  return rc == SQLITE_DONE || shequ_database_set_error (db, rc, error);
}

/* Whether the server has SHA256 (HEAD); FALSE with the error if it does not answer so. */
static gboolean
server_has (ShequSyncRun  *run,
            const char    *sha256,
            gboolean      *has,
            GError       **error)
{
  g_auto(ShequSyncReply) reply = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/attachments/%s", sha256);

  if (!_shequ_sync_http_request (run->http, "HEAD", path, NULL, NULL, NULL, &reply, error))
    return FALSE;
  *has = reply.status == 200;
  if (reply.status == 200 || reply.status == 404)
    return TRUE;
  _shequ_sync_reply_set_error (&reply, error);
  return FALSE;
}

/* PUT one; a 4xx other than 401/403 is a refusal of that attachment (*REFUSAL). */
static gboolean
upload (ShequSyncRun       *run,
        const ShequAttachmentRef *ref,
        char              **refusal,
        GError            **error)
{
  g_auto(ShequSyncReply) reply = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/attachments/%s", ref->sha256);
  BlobOp op = { ref->sha256, NULL, NULL };
  gboolean ok;

  if (!shequ_database_read (run->db, read_blob_txn, &op, error))
    return FALSE;
  if (op.bytes == NULL)
    {
      *refusal = g_strdup_printf (_("The attachment “%s” (%s) is missing from this database"),
                                  ref->name, ref->sha256);
      return TRUE;
    }
  ok = _shequ_sync_http_request (run->http, "PUT", path,
                                 op.mime != NULL ? op.mime : "application/octet-stream",
                                 op.bytes, NULL, &reply, error);
  if (ok && reply.status >= 400 && reply.status < 500 && reply.status != 401
      && reply.status != 403)
    {
      g_autofree char *said = _shequ_sync_reply_get_message (&reply);

      *refusal = g_strdup_printf (_("The central server refused the attachment “%s” "
                                    "(%lu bytes, status %ld): %s"),
                                  ref->name, (gulong) g_bytes_get_size (op.bytes),
                                  reply.status, said != NULL ? said : _("no reason given"));
    }
  else if (ok && reply.status != 200 && reply.status != 201 && reply.status != 204)
    {
      _shequ_sync_reply_set_error (&reply, error);
      ok = FALSE;
    }
  else if (ok)
    run->result->attachments_sent++;
  g_free (op.mime);
  g_clear_pointer (&op.bytes, g_bytes_unref);
  return ok;
}

gboolean
_shequ_sync_send_attachments (ShequSyncRun  *run,
                              GPtrArray     *docs,
                              GHashTable    *refused,
                              GError       **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint d = 0; d < docs->len; d++)
    {
      ShequDisclosure *doc = g_ptr_array_index (docs, d);

      for (guint v = 0; v < doc->versions->len; v++)
        {
          ShequDisclosureVersion *version = g_ptr_array_index (doc->versions, v);

          for (guint a = 0; a < version->attachments->len; a++)
            {
              ShequAttachmentRef *ref = g_ptr_array_index (version->attachments, a);
              char *refusal = NULL;
              gboolean has = FALSE;

              if (!g_hash_table_add (done, ref->sha256))
                continue;
              if (!server_has (run, ref->sha256, &has, error))
                return FALSE;
              if (!has && !upload (run, ref, &refusal, error))
                return FALSE;
              if (refusal != NULL)
                g_hash_table_insert (refused, g_strdup (ref->sha256), refusal);
            }
        }
    }
  return TRUE;
}

/* Every attachment a version here names that the database lacks (pulled documents'). */
static gboolean
list_missing_txn (ShequDatabase  *db,
                  gpointer        data,
                  GError        **error)
{
  static const char sql[] =
    "SELECT a.sha256, min (a.mime) FROM disclosure_attachment a "
    "WHERE NOT EXISTS (SELECT 1 FROM attachment_blob b WHERE b.sha256 = a.sha256) "
    "GROUP BY a.sha256 ORDER BY a.sha256";
  GPtrArray *missing = data;
  g_autoptr(sqlite3_stmt) stmt = shequ_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (missing, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (missing, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  return rc == SQLITE_DONE || shequ_database_set_error (db, rc, error);
}

/* The bytes must be what their hash says and within the limit. */
static gboolean
check_fetched (const ShequSyncReply  *reply,
               const char            *sha256,
               GError               **error)
{
  g_autofree char *got = NULL;
  gsize size = 0;
  const void *data = g_bytes_get_data (reply->body, &size);

  if (size > SHEQU_ATTACHMENT_SIZE_MAX)
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL,
                   _("The attachment from %s is larger than %d MiB"), reply->url,
                   SHEQU_ATTACHMENT_SIZE_MAX / (1024 * 1024));
      return FALSE;
    }
  got = g_compute_checksum_for_data (G_CHECKSUM_SHA256, size > 0 ? data : (const void *) "", size);
  if (g_strcmp0 (got, sha256) != 0)
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL,
                   _("The attachment from %s does not match its SHA-256 (it is %s)"),
                   reply->url, got);
      return FALSE;
    }
  return TRUE;
}

gboolean
_shequ_sync_fetch_attachments (ShequSyncRun  *run,
                               GError       **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) refused = NULL;
  guint total;

  if (!shequ_database_read (run->db, list_missing_txn, missing, error))
    return FALSE;
  total = missing->len / 2;
  for (guint i = 0; i + 1 < missing->len; i += 2)
    {
      g_auto(ShequSyncReply) reply = { 0 };
      const char *sha256 = g_ptr_array_index (missing, i);
      g_autofree char *path = g_strdup_printf ("/api/v1/attachments/%s", sha256);
      BlobOp op = { sha256, g_ptr_array_index (missing, i + 1), NULL };

      _shequ_sync_report (run, "attachments", i / 2, total);
      if (!_shequ_sync_http_request (run->http, "GET", path, NULL, NULL, NULL, &reply, error))
        return FALSE;
      if (reply.status == 404)
        {
          /* Tried again at the next sync; the disclosure shows it missing meanwhile. */
          g_message ("%s: the central server has no such attachment", reply.url);
          continue;
        }
      if (reply.status != 200)
        {
          _shequ_sync_reply_set_error (&reply, error);
          return FALSE;
        }
      if (!check_fetched (&reply, sha256, refused == NULL ? &refused : NULL))
        {
          /* Bad bytes are not kept; the others are still fetched, and the first
           * refusal is the sync's error (tried again at the next sync). */
          g_message ("%s: refused: the bytes do not match", reply.url);
          continue;
        }
      op.bytes = reply.body;
      if (!shequ_database_write (run->db, write_blob_txn, &op, error))
        return FALSE;
      run->result->attachments_fetched++;
    }
  if (total > 0)
    _shequ_sync_report (run, "attachments", total, total);
  if (refused != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&refused));
      return FALSE;
    }
  return TRUE;
}
