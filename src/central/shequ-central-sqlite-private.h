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

ShequCentralStmt *central_sql_get      (ShequCentralSqlite *self,
                                        const char         *sql,
                                        GError            **error);
gboolean          central_sql_exec     (ShequCentralSqlite *self,
                                        const char         *sql,
                                        GError            **error);
gboolean          central_sql_error    (ShequCentralSqlite *self,
                                        int                 rc,
                                        GError            **error);
/* Steps a statement that returns no row (or whose row is not needed). */
gboolean          central_sql_done     (ShequCentralSqlite *self,
                                        ShequCentralStmt   *stmt,
                                        GError            **error);
/* Binds by the parameter's name ("$1"), as PostgreSQL numbers them. */
void              central_bind_text    (ShequCentralStmt   *stmt,
                                        const char         *name,
                                        const char         *value);
void              central_bind_int64   (ShequCentralStmt   *stmt,
                                        const char         *name,
                                        gint64              value);
void              central_bind_blob    (ShequCentralStmt   *stmt,
                                        const char         *name,
                                        gconstpointer       data,
                                        gsize               size);
char             *central_column_text  (ShequCentralStmt   *stmt,
                                        int                 column);

gboolean          central_begin        (ShequCentralSqlite *self,
                                        GError            **error);
gboolean          central_commit       (ShequCentralSqlite *self,
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

/* A document from a row of (uuid, revision, seq, document, updated_at). */
ShequCentralDocument *central_document_from_row (ShequCentralSqlite *self,
                                          ShequCentralStmt *stmt, GError **error);

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
