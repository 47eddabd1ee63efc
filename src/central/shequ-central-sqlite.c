/* shequ-central-sqlite.c — the server's storage in SQLite: schema, tokens, units, attachments */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-central-sqlite-private.h"

/* The schema this build writes. A database of a later one is refused. */
#define CENTRAL_SCHEMA_VERSION 1
#define CENTRAL_BUSY_TIMEOUT_MS 5000

/* Portable SQL (PostgreSQL reads it too): BIGINT, TEXT, BYTEA; ids and the change
 * sequence come from the counters table, not AUTOINCREMENT or SERIAL. Attachments are
 * rows, not files: one file to back up and copy, written in the same transaction as
 * everything else, and BYTEA in PostgreSQL; 10 MiB each keeps that reasonable. */
static const char *const schema_v1[] = {
  "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL,"
  " updated_unix BIGINT NOT NULL)",
  "INSERT INTO counters (name, value, updated_unix) VALUES ('seq', 0, 0), ('token', 0, 0)",
  "CREATE TABLE tokens (id BIGINT PRIMARY KEY, office TEXT NOT NULL,"
  " label TEXT NOT NULL, hash BYTEA NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)",
  "CREATE TABLE units (code TEXT PRIMARY KEY, office TEXT NOT NULL, name TEXT NOT NULL,"
  " tier TEXT NOT NULL, parent_code TEXT, seq BIGINT NOT NULL, updated_unix BIGINT NOT NULL)",
  "CREATE INDEX units_office ON units (office)",
  "CREATE TABLE documents (uuid TEXT PRIMARY KEY, office TEXT NOT NULL,"
  " unit_code TEXT NOT NULL, kind TEXT NOT NULL, period TEXT NOT NULL,"
  " revision BIGINT NOT NULL, seq BIGINT NOT NULL, updated_at TEXT NOT NULL,"
  " updated_unix BIGINT NOT NULL, content_sha256 TEXT NOT NULL, document TEXT NOT NULL,"
  " has_published BIGINT NOT NULL, published_at TEXT)",
  "CREATE INDEX documents_office_seq ON documents (office, seq)",
  "CREATE INDEX documents_unit_public ON documents (unit_code, has_published, published_at)",
  "CREATE TABLE idempotency_keys (office TEXT NOT NULL, key TEXT NOT NULL,"
  " uuid TEXT NOT NULL, revision BIGINT NOT NULL, status BIGINT NOT NULL,"
  " seq BIGINT NOT NULL, created_unix BIGINT NOT NULL, PRIMARY KEY (office, key))",
  "CREATE INDEX idempotency_keys_age ON idempotency_keys (created_unix)",
  "CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, mime TEXT NOT NULL,"
  " size BIGINT NOT NULL, bytes BYTEA NOT NULL, created_at TEXT NOT NULL)",
};

static void shequ_central_sqlite_storage_init (ShequCentralStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShequCentralSqlite, shequ_central_sqlite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHEQU_TYPE_CENTRAL_STORAGE,
                                                      shequ_central_sqlite_storage_init))

/* --- the SQL helpers the storage's files share ---------------------------------- */

void
central_stmt_release (ShequCentralStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
central_sql_error (ShequCentralSqlite *self,
                   int                 rc,
                   GError            **error)
{
  g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_STORAGE,
               _("The server's database “%s” failed: %s"), self->path,
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

gboolean
central_sql_exec (ShequCentralSqlite *self,
                  const char         *sql,
                  GError            **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || central_sql_error (self, rc, error);
}

static void
bind_value (ShequCentralStmt   *stmt,
            int                 number,
            const CentralValue *value)
{
  char name[16];
  int index;

  g_snprintf (name, sizeof name, "$%d", number);
  index = sqlite3_bind_parameter_index (stmt, name);
  g_assert (index > 0);
  switch (value->type)
    {
    case CENTRAL_VALUE_TEXT:
      if (value->text == NULL)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_text (stmt, index, value->text, -1, SQLITE_TRANSIENT);
      break;
    case CENTRAL_VALUE_INT64:
      sqlite3_bind_int64 (stmt, index, value->int64);
      break;
    case CENTRAL_VALUE_BLOB:
      /* A zero-length blob must still be a blob, not NULL. */
      sqlite3_bind_blob64 (stmt, index, value->size > 0 ? value->blob : "", value->size,
                           SQLITE_TRANSIENT);
      break;
    case CENTRAL_VALUE_END:
    default:
      g_assert_not_reached ();
    }
}

ShequCentralStmt *
central_sql_query (ShequCentralSqlite *self,
                   const char         *sql,
                   const CentralValue *values,
                   GError            **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          central_sql_error (self, rc, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  for (int i = 0; values != NULL && values[i].type != CENTRAL_VALUE_END; i++)
    bind_value (stmt, i + 1, &values[i]);
  return stmt;
}

/* One step: TRUE with *ROW whether it gave a row (FALSE: the statement is done). */
static gboolean
sql_step (ShequCentralSqlite *self,
          ShequCentralStmt   *stmt,
          gboolean           *row,
          GError            **error)
{
  int rc = sqlite3_step (stmt);

  *row = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || central_sql_error (self, rc, error);
}

ShequCentralStmt *
central_sql_first (ShequCentralSqlite *self,
                   const char         *sql,
                   const CentralValue *values,
                   gboolean           *found,
                   GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = central_sql_query (self, sql, values, error);
  gboolean row = FALSE;

  if (stmt == NULL || !sql_step (self, stmt, &row, error))
    return NULL;
  if (found != NULL)
    *found = row;
  else if (!row)
    {
      central_sql_error (self, SQLITE_DONE, error);
      return NULL;
    }
  return g_steal_pointer (&stmt);
}

gboolean
central_sql_done (ShequCentralSqlite *self,
                  ShequCentralStmt   *stmt,
                  GError            **error)
{
  gboolean row = FALSE;

  return sql_step (self, stmt, &row, error);
}

gboolean
central_sql_run (ShequCentralSqlite *self,
                 const char         *sql,
                 const CentralValue *values,
                 GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = central_sql_query (self, sql, values, error);

  return stmt != NULL && central_sql_done (self, stmt, error);
}

GPtrArray *
central_sql_rows (ShequCentralSqlite *self,
                  const char         *sql,
                  const CentralValue *values,
                  guint               limit,
                  CentralRowReader    reader,
                  GDestroyNotify      free_func,
                  gboolean           *more,
                  GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = central_sql_query (self, sql, values, error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (free_func);
  gboolean row = FALSE;

  if (more != NULL)
    *more = FALSE;
  if (stmt == NULL)
    return NULL;
  while (sql_step (self, stmt, &row, error))
    {
      gpointer record;

      if (!row)
        return g_steal_pointer (&records);
      if (records->len == limit)
        {
          if (more != NULL)
            *more = TRUE;
          return g_steal_pointer (&records);
        }
      record = reader (self, stmt, error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return NULL;
}

char *
central_column_text (ShequCentralStmt *stmt,
                     int               column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
central_begin (ShequCentralSqlite *self,
               GError            **error)
{
  /* The write lock up front: no upgrade from a read lock that could fail as busy. */
  return central_sql_exec (self, "BEGIN IMMEDIATE", error);
}

/* A statement still stepping keeps COMMIT from finishing: the borrowed ones are reset
 * at the end of their scope, which may come after the commit. */
static void
reset_busy_statements (ShequCentralSqlite *self)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (self->db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (self->db, stmt))
    if (sqlite3_stmt_busy (stmt))
      sqlite3_reset (stmt);
}

void
central_rollback (ShequCentralSqlite *self)
{
  reset_busy_statements (self);
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
central_end (ShequCentralSqlite *self,
             gboolean            ok,
             GError            **error)
{
  if (ok)
    {
      reset_busy_statements (self);
      if (central_sql_exec (self, "COMMIT", error))
        return TRUE;
    }
  central_rollback (self);
  return FALSE;
}

/* The next value of the counter NAME ("seq", "token"), stamping its time. */
static gboolean
next_counter (ShequCentralSqlite *self,
              const char         *name,
              gint64             *value,
              GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = NULL;

  stmt = central_sql_first (self, "UPDATE counters SET value = value + 1, updated_unix = $1"
                                  " WHERE name = $2 RETURNING value",
                            CENTRAL_VALUES (CENTRAL_INT64 (g_get_real_time () / G_USEC_PER_SEC),
                                            CENTRAL_TEXT (name)), NULL, error);
  if (stmt == NULL)
    return FALSE;
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
central_next_seq (ShequCentralSqlite *self,
                  gint64             *seq,
                  GError            **error)
{
  return next_counter (self, "seq", seq, error);
}

char *
central_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* --- opening and the schema -------------------------------------------------------- */

static gboolean
read_schema_version (ShequCentralSqlite *self,
                     int                *version,
                     GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = NULL;

  if (!central_sql_exec (self, "CREATE TABLE IF NOT EXISTS schema_version"
                               " (version BIGINT NOT NULL)", error))
    return FALSE;
  stmt = central_sql_first (self, "SELECT MAX(version) FROM schema_version", NULL, NULL,
                            error);
  if (stmt == NULL)
    return FALSE;
  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* Inside migrate's transaction. */
static gboolean
upgrade_schema (ShequCentralSqlite *self,
                GError            **error)
{
  int version = 0;

  if (!read_schema_version (self, &version, error))
    return FALSE;
  if (version > CENTRAL_SCHEMA_VERSION)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_STORAGE,
                   _("The server's database “%s” has schema %d, newer than this "
                     "shequ-central knows (%d)"), self->path, version,
                   CENTRAL_SCHEMA_VERSION);
      return FALSE;
    }
  if (version >= 1)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (schema_v1); i++)
    if (!central_sql_exec (self, schema_v1[i], error))
      return FALSE;
  return central_sql_exec (self, "INSERT INTO schema_version (version) VALUES (1)", error);
}

static gboolean
migrate (ShequCentralSqlite *self,
         GError            **error)
{
  return central_begin (self, error) && central_end (self, upgrade_schema (self, error), error);
}

static gboolean
central_open (ShequCentralSqlite *self,
              GError            **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    return central_sql_error (self, rc, error);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, CENTRAL_BUSY_TIMEOUT_MS);
  /* WAL: readers (the public pages, `token list`) never wait for a writer; NORMAL is
   * durable across a crash of the process, which is what a retry needs. */
  return central_sql_exec (self, "PRAGMA journal_mode = WAL", error) &&
         central_sql_exec (self, "PRAGMA synchronous = NORMAL", error) &&
         central_sql_exec (self, "PRAGMA foreign_keys = ON", error) &&
         migrate (self, error);
}

ShequCentralStorage *
shequ_central_sqlite_new (const char  *path,
                          GError     **error)
{
  g_autoptr(ShequCentralSqlite) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SHEQU_TYPE_CENTRAL_SQLITE, NULL);
  self->path = g_strdup (path);
  if (!central_open (self, error))
    return NULL;
  return SHEQU_CENTRAL_STORAGE (g_steal_pointer (&self));
}

static void
shequ_central_sqlite_finalize (GObject *object)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (object);

  /* Statements before the handle: sqlite3_close refuses while any is open. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (shequ_central_sqlite_parent_class)->finalize (object);
}

static void
shequ_central_sqlite_class_init (ShequCentralSqliteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_central_sqlite_finalize;
}

static void
shequ_central_sqlite_init (ShequCentralSqlite *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

/* --- tokens ------------------------------------------------------------------------- */

static gboolean
central_sqlite_add_token (ShequCentralStorage *storage,
                          const char          *office,
                          const char          *label,
                          const guint8        *hash,
                          gint64              *id,
                          GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_autofree char *now = central_now_iso ();
  gboolean ok;

  if (!central_begin (self, error))
    return FALSE;
  ok = next_counter (self, "token", id, error) &&
       central_sql_run (self, "INSERT INTO tokens (id, office, label, hash, created_at)"
                              " VALUES ($1, $2, $3, $4, $5)",
                        CENTRAL_VALUES (CENTRAL_INT64 (*id), CENTRAL_TEXT (office),
                                        CENTRAL_TEXT (label != NULL ? label : ""),
                                        CENTRAL_BLOB (hash, 32), CENTRAL_TEXT (now)), error);
  return central_end (self, ok, error);
}

static gboolean
central_sqlite_get_token (ShequCentralStorage *storage,
                          gint64               id,
                          guint8              *hash,
                          char               **office,
                          GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_autoptr(ShequCentralStmt) stmt = NULL;
  gboolean found = FALSE;

  *office = NULL;
  stmt = central_sql_first (self, "SELECT office, hash FROM tokens"
                                  " WHERE id = $1 AND revoked_at IS NULL",
                            CENTRAL_VALUES (CENTRAL_INT64 (id)), &found, error);
  if (stmt == NULL)
    return FALSE;
  if (!found)
    return TRUE;
  if (sqlite3_column_bytes (stmt, 1) != 32)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_STORAGE,
                   _("The server's database “%s” holds a damaged token %lld"),
                   self->path, (long long) id);
      return FALSE;
    }
  memcpy (hash, sqlite3_column_blob (stmt, 1), 32);
  *office = central_column_text (stmt, 0);
  return TRUE;
}

static gpointer
token_from_row (ShequCentralSqlite *self,
                ShequCentralStmt   *stmt,
                GError            **error)
{
  ShequCentralToken *token = g_new0 (ShequCentralToken, 1);

  token->id = sqlite3_column_int64 (stmt, 0);
  token->office = central_column_text (stmt, 1);
  token->label = central_column_text (stmt, 2);
  token->created_at = central_column_text (stmt, 3);
  token->revoked_at = central_column_text (stmt, 4);
  return token;
}

static GPtrArray *
central_sqlite_list_tokens (ShequCentralStorage *storage,
                            GError             **error)
{
  return central_sql_rows (SHEQU_CENTRAL_SQLITE (storage),
                           "SELECT id, office, label, created_at, revoked_at"
                           " FROM tokens ORDER BY id", NULL, G_MAXUINT, token_from_row,
                           (GDestroyNotify) shequ_central_token_free, NULL, error);
}

static gboolean
central_sqlite_revoke_token (ShequCentralStorage *storage,
                             gint64               id,
                             GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_autoptr(ShequCentralStmt) stmt = NULL;
  g_autofree char *now = central_now_iso ();
  gboolean found = FALSE;

  /* COALESCE keeps the first revocation's time. */
  stmt = central_sql_first (self, "UPDATE tokens SET revoked_at = COALESCE(revoked_at, $1)"
                                  " WHERE id = $2 RETURNING id",
                            CENTRAL_VALUES (CENTRAL_TEXT (now), CENTRAL_INT64 (id)), &found,
                            error);
  if (stmt == NULL)
    return FALSE;
  if (!found)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND,
                   _("There is no token %lld"), (long long) id);
      return FALSE;
    }
  return central_sql_done (self, stmt, error);
}

/* --- units ---------------------------------------------------------------------------- */

/* Who holds CODE now: NULL *OFFICE when nobody. */
static gboolean
unit_office (ShequCentralSqlite *self,
             const char         *code,
             char              **office,
             GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = NULL;
  gboolean found = FALSE;

  *office = NULL;
  stmt = central_sql_first (self, "SELECT office FROM units WHERE code = $1",
                            CENTRAL_VALUES (CENTRAL_TEXT (code)), &found, error);
  if (stmt != NULL && found)
    *office = central_column_text (stmt, 0);
  return stmt != NULL;
}

/* Why CODE could not be inserted: it is listed twice, or another office holds it. */
static gboolean
refuse_unit (ShequCentralSqlite *self,
             const char         *office,
             const char         *code,
             GError            **error)
{
  g_autofree char *holder = NULL;
  gboolean twice;

  if (!unit_office (self, code, &holder, error))
    return FALSE;
  twice = g_strcmp0 (holder, office) == 0;
  g_set_error (error, SHEQU_CENTRAL_ERROR,
               twice ? SHEQU_CENTRAL_ERROR_INVALID : SHEQU_CENTRAL_ERROR_FORBIDDEN,
               twice ? _("Unit %s is listed twice") : _("Unit %s belongs to another office"),
               code);
  return FALSE;
}

static gboolean
insert_unit (ShequCentralSqlite     *self,
             const char             *office,
             const ShequCentralUnit *unit,
             gint64                  seq,
             GError                **error)
{
  g_autoptr(ShequCentralStmt) stmt = NULL;
  gboolean inserted = FALSE;

  if (!g_str_has_prefix (unit->code, office))
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_FORBIDDEN,
                   _("Unit %s is not of office %s"), unit->code, office);
      return FALSE;
    }
  /* Under another office's unit it would be listed among that one's on the public
   * pages; only the office's own root may name a parent outside it. */
  if (unit->parent_code != NULL && !g_str_has_prefix (unit->parent_code, office) &&
      g_strcmp0 (unit->code, office) != 0)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_FORBIDDEN,
                   _("Unit %s is placed under %s, which is not of office %s"), unit->code,
                   unit->parent_code, office);
      return FALSE;
    }
  /* No row back: the code is taken (this office's own were deleted first). */
  stmt = central_sql_first (self, "INSERT INTO units (code, office, name, tier, parent_code,"
                                  " seq, updated_unix) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                                  " ON CONFLICT (code) DO NOTHING RETURNING code",
                            CENTRAL_VALUES (CENTRAL_TEXT (unit->code), CENTRAL_TEXT (office),
                                            CENTRAL_TEXT (unit->name), CENTRAL_TEXT (unit->tier),
                                            CENTRAL_TEXT (unit->parent_code), CENTRAL_INT64 (seq),
                                            CENTRAL_INT64 (g_get_real_time () / G_USEC_PER_SEC)),
                            &inserted, error);
  if (stmt == NULL)
    return FALSE;
  return inserted || refuse_unit (self, office, unit->code, error);
}

static gboolean
central_sqlite_put_units (ShequCentralStorage *storage,
                          const char          *office,
                          GPtrArray           *units,
                          GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  gint64 seq = 0;
  gboolean ok;

  if (!central_begin (self, error))
    return FALSE;
  ok = central_sql_run (self, "DELETE FROM units WHERE office = $1",
                        CENTRAL_VALUES (CENTRAL_TEXT (office)), error) &&
       central_next_seq (self, &seq, error);
  for (guint i = 0; ok && i < units->len; i++)
    ok = insert_unit (self, office, g_ptr_array_index (units, i), seq, error);
  return central_end (self, ok, error);
}

/* --- attachments ------------------------------------------------------------------------ */

static gboolean
central_sqlite_has_attachment (ShequCentralStorage *storage,
                               const char          *sha256,
                               gboolean            *has,
                               GError             **error)
{
  g_autoptr(ShequCentralStmt) stmt = NULL;

  stmt = central_sql_first (SHEQU_CENTRAL_SQLITE (storage),
                            "SELECT 1 FROM attachments WHERE sha256 = $1",
                            CENTRAL_VALUES (CENTRAL_TEXT (sha256)), has, error);
  return stmt != NULL;
}

static gboolean
central_sqlite_put_attachment (ShequCentralStorage *storage,
                               const char          *sha256,
                               const char          *mime,
                               GBytes              *bytes,
                               gboolean            *created,
                               GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_autoptr(ShequCentralStmt) stmt = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *now = central_now_iso ();
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  if (size > SHEQU_ATTACHMENT_SIZE_MAX)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID,
                   _("The attachment has %llu bytes; at most %d are taken"),
                   (unsigned long long) size, SHEQU_ATTACHMENT_SIZE_MAX);
      return FALSE;
    }
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  if (!g_str_equal (actual, sha256))
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID,
                   _("The attachment's SHA-256 is %s, not %s"), actual, sha256);
      return FALSE;
    }
  /* A row back when it was new. */
  stmt = central_sql_first (self, "INSERT INTO attachments (sha256, mime, size, bytes,"
                                  " created_at) VALUES ($1, $2, $3, $4, $5)"
                                  " ON CONFLICT (sha256) DO NOTHING RETURNING sha256",
                            CENTRAL_VALUES (CENTRAL_TEXT (sha256),
                                            CENTRAL_TEXT (mime != NULL ? mime
                                                          : "application/octet-stream"),
                                            CENTRAL_INT64 (size), CENTRAL_BLOB (data, size),
                                            CENTRAL_TEXT (now)), created, error);
  return stmt != NULL;
}

static GBytes *
central_sqlite_get_attachment (ShequCentralStorage *storage,
                               const char          *sha256,
                               char               **mime,
                               GError             **error)
{
  g_autoptr(ShequCentralStmt) stmt = NULL;
  gboolean found = FALSE;

  stmt = central_sql_first (SHEQU_CENTRAL_SQLITE (storage),
                            "SELECT mime, bytes FROM attachments WHERE sha256 = $1",
                            CENTRAL_VALUES (CENTRAL_TEXT (sha256)), &found, error);
  if (stmt == NULL)
    return NULL;
  if (!found)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND,
                   _("The server has no attachment %s"), sha256);
      return NULL;
    }
  if (mime != NULL)
    *mime = central_column_text (stmt, 0);
  return g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
}

static void
shequ_central_sqlite_storage_init (ShequCentralStorageInterface *iface)
{
  iface->add_token = central_sqlite_add_token;
  iface->get_token = central_sqlite_get_token;
  iface->list_tokens = central_sqlite_list_tokens;
  iface->revoke_token = central_sqlite_revoke_token;
  iface->put_units = central_sqlite_put_units;
  iface->put_documents = central_sqlite_put_documents;
  iface->get_document = central_sqlite_get_document;
  iface->list_changes = central_sqlite_list_changes;
  iface->put_attachment = central_sqlite_put_attachment;
  iface->get_attachment = central_sqlite_get_attachment;
  iface->has_attachment = central_sqlite_has_attachment;
  iface->list_public_units = central_sqlite_list_public_units;
  iface->get_unit = central_sqlite_get_unit;
  iface->list_public_documents = central_sqlite_list_public_documents;
  iface->get_stamp = central_sqlite_get_stamp;
  iface->expire_keys = central_sqlite_expire_keys;
}
