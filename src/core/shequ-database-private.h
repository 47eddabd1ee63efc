/* shequ-database-private.h — SQLite behind the database: for the core's files (and tests) only */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "shequ-database.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define BUSY_TIMEOUT_MS 5000

/* SHEQU_SCHEMA_VERSION entries (shequ-database-schema.c): entry i moves the schema from
 * version i to i + 1. */
extern const char *const _shequ_database_migrations[];

sqlite3       *shequ_database_get_handle        (ShequDatabase       *self);
gboolean       shequ_database_exec              (ShequDatabase       *self,
                                                 const char          *sql,
                                                 GError             **error);
sqlite3_stmt  *shequ_database_prepare           (ShequDatabase       *self,
                                                 const char          *sql,
                                                 GError             **error);
/* Turns the result of a failed sqlite3 call into a GError with the right code. */
gboolean       shequ_database_set_error         (ShequDatabase       *self,
                                                 int                  rc,
                                                 GError             **error);

struct _ShequDatabase
{
  GObject   parent_instance;
  char     *path;
  sqlite3  *db;
  int       schema_version;
  guint     in_transaction : 1;
  guint     read_only : 1;
};

gboolean  _shequ_database_set_error_full    (const char  *path,
                                            sqlite3     *db,
                                            int          rc,
                                            GError     **error);
gboolean  _shequ_database_peek              (const char  *path,
                                            int         *version,
                                            gboolean    *has_foreign_tables,
                                            GError     **error);
gboolean  _shequ_database_migrate_restored  (ShequDatabase  *self,
                                            GError        **error);
gboolean  _shequ_database_check_integrity   (sqlite3     *db,
                                            const char  *path,
                                            GError     **error);
char     *_shequ_database_make_backup_name  (const char  *db_path,
                                            const char  *kind);
gboolean  _shequ_database_backup_connection (sqlite3     *src,
                                            const char  *src_path,
                                            const char  *dest_path,
                                            GError     **error);

/* The same as their public namesakes, stopping early with G_IO_ERROR_CANCELLED when
 * CANCELLABLE is cancelled (nothing changed then) and calling PROGRESS (pages copied,
 * pages in all) from the calling thread after each step of the copy. */
gboolean  _shequ_database_backup_to_full    (ShequDatabase          *self,
                                            const char             *dest_path,
                                            GCancellable           *cancellable,
                                            GFileProgressCallback   progress,
                                            gpointer                progress_data,
                                            GError                **error);
gboolean  _shequ_database_daily_backup_full (ShequDatabase          *self,
                                            GCancellable           *cancellable,
                                            GFileProgressCallback   progress,
                                            gpointer                progress_data,
                                            GError                **error);
gboolean  _shequ_database_restore_from_full (ShequDatabase          *self,
                                            const char             *src_path,
                                            GCancellable           *cancellable,
                                            GFileProgressCallback   progress,
                                            gpointer                progress_data,
                                            GError                **error);
gboolean  _shequ_database_restore_file_full (const char             *path,
                                            const char             *src_path,
                                            GCancellable           *cancellable,
                                            GFileProgressCallback   progress,
                                            gpointer                progress_data,
                                            GError                **error);

/* For the tests: the schema version of the open database, and PRAGMA user_version of
 * PATH read read-only, without creating -wal/-shm. */
int       shequ_database_get_schema_version  (ShequDatabase  *self);
gboolean  shequ_database_peek_schema_version (const char     *path,
                                              int            *version,
                                              GError        **error);

G_END_DECLS
