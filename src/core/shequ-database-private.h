/* shequ-database-private.h — the database struct and helpers shared by its files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-database.h"

G_BEGIN_DECLS

#define BUSY_TIMEOUT_MS 5000

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
gboolean  _shequ_database_check_integrity   (sqlite3     *db,
                                            const char  *path,
                                            GError     **error);
char     *_shequ_database_make_backup_name  (const char  *db_path,
                                            const char  *kind);
gboolean  _shequ_database_backup_connection (sqlite3     *src,
                                            const char  *src_path,
                                            const char  *dest_path,
                                            GError     **error);

G_END_DECLS
