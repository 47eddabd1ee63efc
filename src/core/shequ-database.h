/* shequ-database.h — the SQLite file: open, migrate, back up, check */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema this build writes. A file with a higher user_version is refused. */
#define SHEQU_SCHEMA_VERSION 6

#define SHEQU_DB_ERROR (shequ_db_error_quark ())

typedef enum {
  SHEQU_DB_ERROR_OPEN,       /* cannot open or create the file */
  SHEQU_DB_ERROR_NEWER,      /* written by a newer Shequ: refused, file untouched */
  SHEQU_DB_ERROR_CORRUPT,    /* damaged file (SQLITE_CORRUPT / SQLITE_NOTADB) */
  SHEQU_DB_ERROR_LOCKED,     /* another program holds the lock past the busy timeout */
  SHEQU_DB_ERROR_NOT_SHEQU,  /* a valid SQLite file, but not one of ours */
  SHEQU_DB_ERROR_QUERY,      /* any other SQLite failure */
  SHEQU_DB_ERROR_BACKUP,     /* backup or restore failed */
  SHEQU_DB_ERROR_REPLACED,   /* its -wal/-shm/file deleted or replaced while open: no writes */
} ShequDbError;

typedef enum {
  SHEQU_DATABASE_FLAGS_NONE      = 0,
  SHEQU_DATABASE_FLAGS_CREATE    = 1 << 0,  /* create the file if missing */
  SHEQU_DATABASE_FLAGS_NO_BACKUP = 1 << 1,  /* skip the daily backup (tests, bench) */
  /* Read only: no migration, no journal mode change, and no -wal/-shm left behind;
   * works in a read-only folder and on a read-only file. Not with CREATE. */
  SHEQU_DATABASE_FLAGS_READ_ONLY = 1 << 2,
} ShequDatabaseFlags;

#define SHEQU_TYPE_DATABASE (shequ_database_get_type ())
G_DECLARE_FINAL_TYPE (ShequDatabase, shequ_database, SHEQU, DATABASE, GObject)

GQuark         shequ_db_error_quark             (void);

ShequDatabase *shequ_database_open              (const char          *path,
                                                 ShequDatabaseFlags   flags,
                                                 GError             **error);
char          *shequ_database_get_default_path  (void);
const char    *shequ_database_get_path          (ShequDatabase       *self);

/* Whether the database, -wal and -shm this connection has open are still the files under
 * those names (SHEQU_DB_ERROR_REPLACED if not; the connection then never checkpoints on
 * close). Every write transaction checks it first. */
gboolean       shequ_database_check_files       (ShequDatabase       *self,
                                                 GError             **error);

/* The one way to run a transaction. FUNC runs SQL through DB; it returns FALSE with
 * ERROR set to undo everything it did. */
typedef gboolean (*ShequDatabaseFunc) (ShequDatabase  *db,
                                       gpointer        data,
                                       GError        **error);

/* One write transaction: checks the files (above), takes the write lock at once (an
 * immediate transaction, so a busy database is reported before any work), runs FUNC and
 * commits. Any failure rolls everything back and returns FALSE with the error. Not
 * inside another transaction. */
gboolean       shequ_database_write             (ShequDatabase       *self,
                                                 ShequDatabaseFunc    func,
                                                 gpointer             data,
                                                 GError             **error);
/* One read transaction (deferred: no lock until FUNC reads): everything FUNC reads is
 * of one moment.
 * Inside a transaction FUNC simply runs in it. */
gboolean       shequ_database_read              (ShequDatabase       *self,
                                                 ShequDatabaseFunc    func,
                                                 gpointer             data,
                                                 GError             **error);
/* Whether a transaction of shequ_database_write() or _read() is running, e.g. for a
 * hook that must write in the transaction of the change it follows. */
gboolean       shequ_database_in_transaction    (ShequDatabase       *self);

/* Full PRAGMA integrity_check. FALSE with SHEQU_DB_ERROR_CORRUPT and the report. */
gboolean       shequ_database_check_integrity   (ShequDatabase       *self,
                                                 GError             **error);

/* PRAGMA quick_check: fast, for before a bulk write. FALSE with SHEQU_DB_ERROR_CORRUPT. */
gboolean       shequ_database_quick_check       (ShequDatabase       *self,
                                                 GError             **error);

/* Online backup API. Runs the integrity check first and refuses a damaged source. */
gboolean       shequ_database_backup_to         (ShequDatabase       *self,
                                                 const char          *dest_path,
                                                 GError             **error);
/* Copies a checked backup over the open database (the current state is backed up first). */
gboolean       shequ_database_restore_from      (ShequDatabase       *self,
                                                 const char          *src_path,
                                                 GError             **error);
/* Restores PATH from SRC without opening PATH (for a damaged file that cannot be opened). */
gboolean       shequ_database_restore_file      (const char          *path,
                                                 const char          *src_path,
                                                 GError             **error);
char          *shequ_database_get_backup_dir    (const char          *db_path);
/* Backups of DB_PATH, newest first (full paths). */
GPtrArray     *shequ_database_list_backups      (const char          *db_path);
typedef enum {
  SHEQU_BACKUP_KIND_MANUAL,          /* made with Back Up… or shequ-cli backup */
  SHEQU_BACKUP_KIND_DAILY,
  SHEQU_BACKUP_KIND_BEFORE_RESTORE,  /* the state a restore replaced */
  SHEQU_BACKUP_KIND_BEFORE_UPGRADE,  /* the file as it was before a migration */
} ShequBackupKind;

/* What a file from shequ_database_list_backups() is: its kind (from its name), and
 * when it was written (local time) and its size, when the file can be read (*MODIFIED
 * NULL and FALSE if not). */
gboolean       shequ_database_describe_backup   (const char          *backup_path,
                                                 ShequBackupKind     *kind,
                                                 GDateTime          **modified,
                                                 goffset             *size);
/* "Daily backup" and so on, translated. */
const char    *shequ_backup_kind_get_label      (ShequBackupKind      kind);
/* Once a day: a backup named by date into the backup dir, keeping the last 7. */
gboolean       shequ_database_daily_backup      (ShequDatabase       *self,
                                                 GError             **error);

G_END_DECLS
