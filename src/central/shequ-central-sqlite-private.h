/* shequ-central-sqlite-private.h — the SQLite storage's parts, shared by its files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "shequ-central-storage.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_CENTRAL_SQLITE (shequ_central_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (ShequCentralSqlite, shequ_central_sqlite, SHEQU, CENTRAL_SQLITE, GObject)

struct _ShequCentralSqlite
{
  GObject     parent_instance;
  char       *path;
  sqlite3    *db;
  /* Prepared statements by their SQL text: prepared once, reset after each use. */
  GHashTable *statements;
};

/* A statement borrowed from the cache: the cleanup resets it (and drops its bindings)
 * instead of finalizing it. */
typedef sqlite3_stmt ShequCentralStmt;
void central_stmt_release (ShequCentralStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequCentralStmt, central_stmt_release)

/* A value to bind. In a list of them the Nth binds to the parameter "$N", by its name,
 * as PostgreSQL numbers them (so "$1" may stand twice in one statement). */
typedef struct {
  enum {
    CENTRAL_VALUE_END,
    CENTRAL_VALUE_TEXT,   /* NULL binds NULL */
    CENTRAL_VALUE_INT64,
    CENTRAL_VALUE_BLOB,
  }              type;
  const char    *text;
  gint64         int64;
  gconstpointer  blob;
  gsize          size;
} CentralValue;

#define CENTRAL_TEXT(value)      { .type = CENTRAL_VALUE_TEXT, .text = (value) }
#define CENTRAL_INT64(value)     { .type = CENTRAL_VALUE_INT64, .int64 = (value) }
#define CENTRAL_BLOB(bytes, n)   { .type = CENTRAL_VALUE_BLOB, .blob = (bytes), .size = (n) }
/* The values of a statement's parameters $1, $2, …: CENTRAL_VALUES (CENTRAL_TEXT (a), …). */
#define CENTRAL_VALUES(...) \
  ((const CentralValue[]) { __VA_ARGS__, { .type = CENTRAL_VALUE_END } })

/* Reads the row STMT stands on: a new record, or NULL with ERROR set. */
typedef gpointer (*CentralRowReader) (ShequCentralSqlite *self,
                                      ShequCentralStmt   *stmt,
                                      GError            **error);

gboolean          central_sql_error    (ShequCentralSqlite *self,
                                        int                 rc,
                                        GError            **error);
gboolean          central_sql_exec     (ShequCentralSqlite *self,
                                        const char         *sql,
                                        GError            **error);
/* SQL prepared (once; cached) with VALUES (NULL: none) bound, not yet stepped. */
ShequCentralStmt *central_sql_query    (ShequCentralSqlite *self,
                                        const char         *sql,
                                        const CentralValue *values,
                                        GError            **error);
/* SQL with VALUES, stepped once: standing on its first row when *FOUND, done when not.
 * With FOUND NULL a row must come; no row is an error. NULL only on an error. */
ShequCentralStmt *central_sql_first    (ShequCentralSqlite *self,
                                        const char         *sql,
                                        const CentralValue *values,
                                        gboolean           *found,
                                        GError            **error);
/* SQL with VALUES run to its end (its rows, if any, not needed). */
gboolean          central_sql_run      (ShequCentralSqlite *self,
                                        const char         *sql,
                                        const CentralValue *values,
                                        GError            **error);
/* Steps a statement to its end. */
gboolean          central_sql_done     (ShequCentralSqlite *self,
                                        ShequCentralStmt   *stmt,
                                        GError            **error);
/* The rows of SQL with VALUES, each read by READER (FREE_FUNC frees them), at most LIMIT;
 * *MORE (may be NULL) whether more rows stood behind those. */
GPtrArray        *central_sql_rows     (ShequCentralSqlite *self,
                                        const char         *sql,
                                        const CentralValue *values,
                                        guint               limit,
                                        CentralRowReader    reader,
                                        GDestroyNotify      free_func,
                                        gboolean           *more,
                                        GError            **error);
char             *central_column_text  (ShequCentralStmt   *stmt,
                                        int                 column);

gboolean          central_begin        (ShequCentralSqlite *self,
                                        GError            **error);
/* Ends the transaction central_begin started: commits when OK (FALSE if that fails),
 * else rolls back and returns FALSE (ERROR is what made OK false). */
gboolean          central_end          (ShequCentralSqlite *self,
                                        gboolean            ok,
                                        GError            **error);
void              central_rollback     (ShequCentralSqlite *self);

/* The next value of the change sequence (also stamping its time). */
gboolean          central_next_seq     (ShequCentralSqlite *self,
                                        gint64             *seq,
                                        GError            **error);
/* Now as ISO 8601 UTC ("2026-10-05T08:00:00Z"). */
char             *central_now_iso      (void);

/* shequ-central-sqlite-documents.c */
gboolean   central_sqlite_put_documents  (ShequCentralStorage *storage, const char *office,
                                          const ShequCentralPut *puts, guint n_puts,
                                          ShequCentralPutResult *results, GError **error);
ShequCentralDocument *central_sqlite_get_document (ShequCentralStorage *storage,
                                          const char *uuid, GError **error);
GPtrArray *central_sqlite_list_changes   (ShequCentralStorage *storage, const char *office,
                                          gint64 since, guint limit, gint64 *cursor,
                                          gboolean *more, GError **error);
gboolean   central_sqlite_expire_keys    (ShequCentralStorage *storage, gint64 max_age,
                                          GError **error);

/* A document (ShequCentralDocument) from a row of (uuid, revision, seq, document,
 * updated_at): a CentralRowReader. */
gpointer   central_document_from_row     (ShequCentralSqlite *self, ShequCentralStmt *stmt,
                                          GError **error);

/* shequ-central-sqlite-public.c */
GPtrArray *central_sqlite_list_public_units (ShequCentralStorage *storage, guint page,
                                          guint per_page, guint *total, GError **error);
ShequCentralUnit *central_sqlite_get_unit (ShequCentralStorage *storage, const char *code,
                                          GError **error);
GPtrArray *central_sqlite_list_public_documents (ShequCentralStorage *storage,
                                          const char *code, guint page, guint per_page,
                                          guint *total, GError **error);
gboolean   central_sqlite_get_stamp      (ShequCentralStorage *storage, const char *code,
                                          gint64 *seq, gint64 *modified_unix,
                                          GError **error);
/* A stored document row's JSON, read back (the storage wrote it, so a failure is a
 * damaged database). */
ShequDisclosure *central_sqlite_parse_stored (ShequCentralSqlite *self, const char *uuid,
                                          const char *json, GError **error);

G_END_DECLS
