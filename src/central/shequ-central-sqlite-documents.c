/* shequ-central-sqlite-documents.c — the SQLite storage's documents: puts, keys, changes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-central-sqlite-private.h"
#include "shequ-disclosure-json.h"

/* What the storage knows of a document before a put. */
typedef struct {
  char   *office;
  gint64  revision;
  gint64  seq;
  char   *content_sha256;
  char   *json;
  char   *updated_at;
} StoredRow;

static void
stored_row_clear (StoredRow *row)
{
  g_clear_pointer (&row->office, g_free);
  g_clear_pointer (&row->content_sha256, g_free);
  g_clear_pointer (&row->json, g_free);
  g_clear_pointer (&row->updated_at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredRow, stored_row_clear)

ShequDisclosure *
central_sqlite_parse_stored (ShequCentralSqlite *self,
                             const char         *uuid,
                             const char         *json,
                             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  ShequDisclosure *doc = shequ_disclosure_from_json (json, -1, &local_error);

  if (doc == NULL)
    g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_STORAGE,
                 _("The server's database “%s” holds a damaged document %s: %s"),
                 self->path, uuid, local_error != NULL ? local_error->message : "?");
  return doc;
}

gpointer
central_document_from_row (ShequCentralSqlite *self,
                           ShequCentralStmt   *stmt,
                           GError            **error)
{
  g_autoptr(ShequCentralDocument) document = g_new0 (ShequCentralDocument, 1);

  document->json = central_column_text (stmt, 3);
  document->doc = central_sqlite_parse_stored (self, (const char *) sqlite3_column_text (stmt, 0),
                                               document->json, error);
  if (document->doc == NULL)
    return NULL;
  document->revision = sqlite3_column_int64 (stmt, 1);
  document->seq = sqlite3_column_int64 (stmt, 2);
  document->updated_at = central_column_text (stmt, 4);
  return g_steal_pointer (&document);
}

/* The stored row of UUID; FALSE *FOUND when there is none. */
static gboolean
load_row (ShequCentralSqlite *self,
          const char         *uuid,
          StoredRow          *row,
          gboolean           *found,
          GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = NULL;

  stmt = central_sql_first (self, "SELECT office, revision, seq, content_sha256, document,"
                                  " updated_at FROM documents WHERE uuid = $1",
                            CENTRAL_VALUES (CENTRAL_TEXT (uuid)), found, error);
  if (stmt == NULL)
    return FALSE;
  if (!*found)
    return TRUE;
  row->office = central_column_text (stmt, 0);
  row->revision = sqlite3_column_int64 (stmt, 1);
  row->seq = sqlite3_column_int64 (stmt, 2);
  row->content_sha256 = central_column_text (stmt, 3);
  row->json = central_column_text (stmt, 4);
  row->updated_at = central_column_text (stmt, 5);
  return TRUE;
}

static ShequCentralDocument *
row_to_document (ShequCentralSqlite *self,
                 const char         *uuid,
                 StoredRow          *row,
                 GError            **error)
{
  g_autoptr(ShequCentralDocument) document = g_new0 (ShequCentralDocument, 1);

  document->doc = central_sqlite_parse_stored (self, uuid, row->json, error);
  if (document->doc == NULL)
    return NULL;
  document->office = g_strdup (row->office);
  document->revision = row->revision;
  document->seq = row->seq;
  document->updated_at = g_strdup (row->updated_at);
  document->json = g_strdup (row->json);
  return g_steal_pointer (&document);
}

static void
refuse (ShequCentralPutResult *result,
        guint                  status,
        char                  *message)
{
  result->status = status;
  result->error = message;
}

/* The reply stored with PUT's key, when OFFICE sent it before; a key sent before for
 * another disclosure is refused (400), not answered with that one's reply. */
static gboolean
lookup_key (ShequCentralSqlite    *self,
            const char            *office,
            const ShequCentralPut *put,
            ShequCentralPutResult *result,
            gboolean              *found,
            GError               **error)
{
  g_autoptr(ShequCentralStmt) stmt = NULL;
  const char *key = put->key;
  const char *uuid;

  *found = FALSE;
  if (key == NULL || *key == '\0')
    return TRUE;
  stmt = central_sql_first (self, "SELECT revision, status, seq, uuid FROM idempotency_keys"
                                  " WHERE office = $1 AND key = $2",
                            CENTRAL_VALUES (CENTRAL_TEXT (office), CENTRAL_TEXT (key)), found,
                            error);
  if (stmt == NULL)
    return FALSE;
  if (!*found)
    return TRUE;
  uuid = (const char *) sqlite3_column_text (stmt, 3);
  if (g_strcmp0 (uuid, put->uuid) != 0)
    {
      refuse (result, 400, g_strdup_printf (_("The Idempotency-Key %s was sent before for "
                                              "disclosure %s"), key, uuid));
      return TRUE;
    }
  result->revision = sqlite3_column_int64 (stmt, 0);
  result->status = sqlite3_column_int (stmt, 1);
  result->cursor = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

static gboolean
store_key (ShequCentralSqlite          *self,
           const char                  *office,
           const ShequCentralPut       *put,
           const ShequCentralPutResult *result,
           GError                     **error)
{
  if (put->key == NULL || *put->key == '\0')
    return TRUE;
  return central_sql_run (self, "INSERT INTO idempotency_keys (office, key, uuid, revision,"
                                " status, seq, created_unix) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                          CENTRAL_VALUES (CENTRAL_TEXT (office), CENTRAL_TEXT (put->key),
                                          CENTRAL_TEXT (put->uuid),
                                          CENTRAL_INT64 (result->revision),
                                          CENTRAL_INT64 (result->status),
                                          CENTRAL_INT64 (result->cursor),
                                          CENTRAL_INT64 (g_get_real_time () / G_USEC_PER_SEC)),
                          error);
}

static gboolean
unit_exists (ShequCentralSqlite *self,
             const char         *office,
             const char         *code,
             gboolean           *exists,
             GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = NULL;

  stmt = central_sql_first (self, "SELECT 1 FROM units WHERE code = $1 AND office = $2",
                            CENTRAL_VALUES (CENTRAL_TEXT (code), CENTRAL_TEXT (office)), exists,
                            error);
  return stmt != NULL;
}

/* 403 / 400 for a document the office may not write here (RESULT's status set), else
 * status 0. */
static gboolean
check_document (ShequCentralSqlite    *self,
                const char            *office,
                const ShequCentralPut *put,
                ShequCentralPutResult *result,
                GError               **error)
{
  const ShequDisclosure *doc = put->doc;
  gboolean exists = FALSE;

  if (g_strcmp0 (doc->uuid, put->uuid) != 0)
    {
      refuse (result, 400, g_strdup_printf (_("The document's uuid %s is not %s"),
                                            doc->uuid, put->uuid));
      return TRUE;
    }
  if (!g_str_has_prefix (doc->unit_code, office))
    {
      refuse (result, 403, g_strdup_printf (_("Unit %s is not of office %s"),
                                            doc->unit_code, office));
      return TRUE;
    }
  if (!unit_exists (self, office, doc->unit_code, &exists, error))
    return FALSE;
  if (!exists)
    {
      refuse (result, 400, g_strdup_printf (_("The server has no unit %s; send the units "
                                              "first"), doc->unit_code));
      return TRUE;
    }
  for (guint i = 0; i < doc->versions->len; i++)
    {
      ShequDisclosureVersion *v = g_ptr_array_index (doc->versions, i);

      for (guint j = 0; j < v->attachments->len; j++)
        {
          ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, j);
          gboolean has = FALSE;

          if (!shequ_central_storage_has_attachment (SHEQU_CENTRAL_STORAGE (self),
                                                     ref->sha256, &has, error))
            return FALSE;
          if (!has)
            {
              refuse (result, 400,
                      g_strdup_printf (_("Version %u names attachment %s, which the server "
                                         "does not have; upload it first"),
                                       v->version, ref->sha256));
              return TRUE;
            }
        }
    }
  return TRUE;
}

/* The columns the public pages read: whether any version was ever published (it may
 * since have been corrected or withdrawn), and the newest publication's time. */
static void
derive_public (const ShequDisclosure *doc,
               gboolean              *has_published,
               const char           **published_at)
{
  *has_published = FALSE;
  *published_at = NULL;
  for (guint i = 0; i < doc->versions->len; i++)
    {
      ShequDisclosureVersion *v = g_ptr_array_index (doc->versions, i);

      if (v->state < SHEQU_DISCLOSURE_STATE_PUBLISHED)
        continue;
      *has_published = TRUE;
      if (v->published_at != NULL && g_strcmp0 (v->published_at, *published_at) > 0)
        *published_at = v->published_at;
    }
}

static gboolean
write_document (ShequCentralSqlite    *self,
                const char            *office,
                const ShequCentralPut *put,
                const char            *content_sha256,
                gint64                 revision,
                gint64                 seq,
                GError               **error)
{
  g_autofree char *now = central_now_iso ();
  gboolean has_published = FALSE;
  const char *published_at = NULL;

  derive_public (put->doc, &has_published, &published_at);
  return central_sql_run (self,
    "INSERT INTO documents (uuid, office, unit_code, kind, period, revision, seq,"
    " updated_at, updated_unix, content_sha256, document, has_published, published_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    " ON CONFLICT (uuid) DO UPDATE SET office = excluded.office,"
    " unit_code = excluded.unit_code, kind = excluded.kind, period = excluded.period,"
    " revision = excluded.revision, seq = excluded.seq, updated_at = excluded.updated_at,"
    " updated_unix = excluded.updated_unix, content_sha256 = excluded.content_sha256,"
    " document = excluded.document, has_published = excluded.has_published,"
    " published_at = excluded.published_at",
    CENTRAL_VALUES (CENTRAL_TEXT (put->uuid), CENTRAL_TEXT (office),
                    CENTRAL_TEXT (put->doc->unit_code),
                    CENTRAL_TEXT (shequ_disclosure_kind_to_key (put->doc->kind)),
                    CENTRAL_TEXT (put->doc->period), CENTRAL_INT64 (revision),
                    CENTRAL_INT64 (seq), CENTRAL_TEXT (now),
                    CENTRAL_INT64 (g_get_real_time () / G_USEC_PER_SEC),
                    CENTRAL_TEXT (content_sha256), CENTRAL_TEXT (put->json),
                    CENTRAL_INT64 (has_published ? 1 : 0), CENTRAL_TEXT (published_at)),
    error);
}

/* The precondition: 0 If-None-Match: *, > 0 If-Match: "REV", < 0 none. */
static gboolean
precondition_holds (const ShequCentralPut *put,
                    gboolean               found,
                    const StoredRow       *row)
{
  if (put->if_match < 0)
    return TRUE;
  if (put->if_match == 0)
    return !found;
  return found && row->revision == put->if_match;
}

/* One put inside the batch's transaction. FALSE only when the storage failed. */
static gboolean
put_one (ShequCentralSqlite    *self,
         const char            *office,
         const ShequCentralPut *put,
         ShequCentralPutResult *result,
         GError               **error)
{
  g_auto(StoredRow) row = { 0 };
  g_autofree char *canonical = NULL;
  g_autofree char *content_sha256 = NULL;
  gboolean found = FALSE;
  gint64 seq = 0;

  if (!lookup_key (self, office, put, result, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  if (put->doc == NULL)
    {
      refuse (result, 400, g_strdup (put->invalid != NULL ? put->invalid : "?"));
      return TRUE;
    }
  if (!load_row (self, put->uuid, &row, &found, error))
    return FALSE;
  if (found && !g_str_equal (row.office, office))
    {
      refuse (result, 403, g_strdup_printf (_("Disclosure %s belongs to another office"),
                                            put->uuid));
      return TRUE;
    }
  if (!precondition_holds (put, found, &row))
    {
      result->status = 412;
      result->revision = found ? row.revision : 0;
      result->cursor = found ? row.seq : 0;
      if (found && (result->current = row_to_document (self, put->uuid, &row, error)) == NULL)
        return FALSE;
      return TRUE;
    }
  canonical = shequ_disclosure_to_json (put->doc);
  content_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  if (found && g_str_equal (content_sha256, row.content_sha256))
    {
      result->status = 200;
      result->revision = row.revision;
      result->cursor = row.seq;
      return store_key (self, office, put, result, error);
    }
  if (!check_document (self, office, put, result, error))
    return FALSE;
  if (result->status != 0)
    return TRUE;
  if (!central_next_seq (self, &seq, error))
    return FALSE;
  result->status = found ? 200 : 201;
  result->revision = found ? row.revision + 1 : 1;
  result->cursor = seq;
  return write_document (self, office, put, content_sha256, result->revision, seq, error) &&
         store_key (self, office, put, result, error);
}

gboolean
central_sqlite_put_documents (ShequCentralStorage   *storage,
                              const char            *office,
                              const ShequCentralPut *puts,
                              guint                  n_puts,
                              ShequCentralPutResult *results,
                              GError               **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  gboolean ok = TRUE;

  for (guint i = 0; i < n_puts; i++)
    memset (&results[i], 0, sizeof results[i]);
  if (!central_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < n_puts; i++)
    ok = put_one (self, office, &puts[i], &results[i], error);
  if (central_end (self, ok, error))
    return TRUE;
  /* Nothing was written: no result stands (those not reached are still empty). */
  for (guint i = 0; i < n_puts; i++)
    shequ_central_put_result_clear (&results[i]);
  return FALSE;
}

ShequCentralDocument *
central_sqlite_get_document (ShequCentralStorage *storage,
                             const char          *uuid,
                             GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_auto(StoredRow) row = { 0 };
  gboolean found = FALSE;

  if (!load_row (self, uuid, &row, &found, error))
    return NULL;
  if (!found)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND,
                   _("The server has no disclosure %s"), uuid);
      return NULL;
    }
  return row_to_document (self, uuid, &row, error);
}

GPtrArray *
central_sqlite_list_changes (ShequCentralStorage *storage,
                             const char          *office,
                             gint64               since,
                             guint                limit,
                             gint64              *cursor,
                             gboolean            *more,
                             GError             **error)
{
  g_autoptr(GPtrArray) changes = NULL;

  *cursor = since;
  /* One row more than asked tells whether more follow. */
  changes = central_sql_rows (SHEQU_CENTRAL_SQLITE (storage),
                              "SELECT uuid, revision, seq, document, updated_at"
                              " FROM documents WHERE office = $1 AND seq > $2"
                              " ORDER BY seq LIMIT $3",
                              CENTRAL_VALUES (CENTRAL_TEXT (office), CENTRAL_INT64 (since),
                                              CENTRAL_INT64 ((gint64) limit + 1)),
                              limit, central_document_from_row,
                              (GDestroyNotify) shequ_central_document_free, more, error);
  if (changes != NULL && changes->len > 0)
    *cursor = ((ShequCentralDocument *) g_ptr_array_index (changes, changes->len - 1))->seq;
  return g_steal_pointer (&changes);
}

gboolean
central_sqlite_expire_keys (ShequCentralStorage *storage,
                            gint64               max_age,
                            GError             **error)
{
  return central_sql_run (SHEQU_CENTRAL_SQLITE (storage),
                          "DELETE FROM idempotency_keys WHERE created_unix < $1",
                          CENTRAL_VALUES (CENTRAL_INT64 (g_get_real_time () / G_USEC_PER_SEC -
                                                         max_age)), error);
}
