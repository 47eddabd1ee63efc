/* shequ-database.c — the SQLite file: open, migrate, query, check */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shequ-database-private.h"
#include "shequ-db-locks.h"

G_DEFINE_FINAL_TYPE (ShequDatabase, shequ_database, G_TYPE_OBJECT)
G_DEFINE_QUARK (shequ-db-error-quark, shequ_db_error)

/* SQLite's system calls may only be replaced while no database file is open: do it
 * before main() runs, so that no connection of this process ever holds POSIX locks
 * (see shequ-db-locks.c for why). */
__attribute__ ((constructor))
static void
install_db_locks (void)
{
  shequ_db_locks_install ();
}

static void
shequ_database_finalize (GObject *object)
{
  ShequDatabase *self = (ShequDatabase *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (shequ_database_parent_class)->finalize (object);
}

static void
shequ_database_class_init (ShequDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_database_finalize;
}

static void
shequ_database_init (ShequDatabase *self)
{
}

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return SHEQU_DB_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SHEQU_DB_ERROR_LOCKED;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return SHEQU_DB_ERROR_OPEN;
    default:
      return SHEQU_DB_ERROR_QUERY;
    }
}

gboolean
_shequ_database_set_error_full (const char *path,
                                sqlite3    *db,
                                int         rc,
                                GError    **error)
{
  int code = error_code_for (rc);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if ((rc & 0xff) == SQLITE_READONLY)
    {
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("The database “%s” is read-only, so nothing could be saved in it (%s)."),
                   path, detail);
      return FALSE;
    }

  switch (code)
    {
    case SHEQU_DB_ERROR_CORRUPT:
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("The database “%s” is damaged (%s). Restore it from a backup."),
                   path, detail);
      break;
    case SHEQU_DB_ERROR_LOCKED:
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("The database “%s” is in use by another program. Close it and try again."),
                   path);
      break;
    case SHEQU_DB_ERROR_OPEN:
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("Cannot open the database “%s”: %s"), path, detail);
      break;
    default:
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("Database error in “%s”: %s"), path, detail);
      break;
    }
  return FALSE;
}

gboolean
shequ_database_set_error (ShequDatabase *self,
                          int            rc,
                          GError       **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  return _shequ_database_set_error_full (self->path, self->db, rc, error);
}

char *
shequ_database_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "shequ", "shequ.db", NULL);
}

/* Reads the schema version and checks that the schema can be parsed, through a
 * connection that cannot write anything: no journal, no -wal, no -shm. */
gboolean
_shequ_database_peek (const char *path,
                      int        *version,
                      gboolean   *has_foreign_tables,
                      GError    **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *escaped = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* immutable=1 skips locking and the WAL; only when there is no WAL to read. */
  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strdup_printf ("file:%s?mode=ro%s", escaped,
                         g_file_test (wal, G_FILE_TEST_EXISTS) ? "" : "&immutable=1");

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (rc == SQLITE_OK && *version >= 1 && *version <= SHEQU_SCHEMA_VERSION)
    {
      /* Another program's file may use user_version too: ours has these tables. */
      rc = sqlite3_prepare_v2 (db,
                               "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                               "AND name IN ('meta', 'unit', 'person', 'post')",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int n_tables = sqlite3_column_int (stmt, 0);

          rc = SQLITE_OK;
          if (n_tables != 4)
            {
              g_clear_pointer (&stmt, sqlite3_finalize);
              sqlite3_close_v2 (db);
              g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                           _("“%s” is an SQLite database, but not a Shequ one; it was not "
                             "changed."),
                           path);
              return FALSE;
            }
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (rc == SQLITE_OK && *version >= 1 && *version <= SHEQU_SCHEMA_VERSION)
    {
      /* Touch the small tables the tree load does not read, so damage there shows now
       * rather than at the first write; the big ones are read in full by the store. */
      rc = sqlite3_prepare_v2 (db,
                               "SELECT count(*), "
                               "  (SELECT sum (length (value)) FROM meta NOT INDEXED) FROM meta",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        rc = SQLITE_OK;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (rc == SQLITE_OK && has_foreign_tables != NULL)
    {
      rc = sqlite3_prepare_v2 (db,
                               "SELECT count(*) FROM sqlite_master "
                               "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          *has_foreign_tables = sqlite3_column_int (stmt, 0) > 0;
          rc = SQLITE_OK;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  if (rc != SQLITE_OK)
    {
      _shequ_database_set_error_full (path, db, rc, error);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  sqlite3_close_v2 (db);
  return TRUE;
}

gboolean
shequ_database_peek_schema_version (const char  *path,
                                    int         *version,
                                    GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  return _shequ_database_peek (path, version, NULL, error);
}

gboolean
shequ_database_exec (ShequDatabase  *self,
                     const char     *sql,
                     GError        **error)
{
  int rc;

  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return shequ_database_set_error (self, rc, error);
  return TRUE;
}

sqlite3_stmt *
shequ_database_prepare (ShequDatabase  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHEQU_IS_DATABASE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shequ_database_set_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

gboolean
shequ_database_check_files (ShequDatabase  *self,
                            GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);

  if (shequ_db_locks_check_files (sqlite3_db_filename (self->db, "main"), error))
    return TRUE;

  /* The orphaned -wal was copied into the file by whoever deleted it; copying it again
   * when this connection closes would write old pages over newer ones, and SQLite would
   * then delete the -wal under that name, which may be another program's new one. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  return FALSE;
}

/* IMMEDIATE takes the write lock now, so a busy database is reported before any work. */
static gboolean
begin_transaction (ShequDatabase  *self,
                   const char     *sql,
                   GError        **error)
{
  g_assert (SHEQU_IS_DATABASE (self));

  if (!shequ_database_exec (self, sql, error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

static void
rollback_transaction (ShequDatabase *self)
{
  g_assert (SHEQU_IS_DATABASE (self));

  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

static gboolean
commit_transaction (ShequDatabase  *self,
                    GError        **error)
{
  g_assert (SHEQU_IS_DATABASE (self));

  if (!shequ_database_exec (self, "COMMIT", error))
    {
      rollback_transaction (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

gboolean
shequ_database_write (ShequDatabase      *self,
                      ShequDatabaseFunc   func,
                      gpointer            data,
                      GError            **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  /* Never write into a -wal that another program deleted under us: the edit would be
   * lost when this connection closes, and the file damaged. */
  if (!shequ_database_check_files (self, error))
    return FALSE;
  if (!begin_transaction (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!func (self, data, error))
    {
      rollback_transaction (self);
      return FALSE;
    }
  return commit_transaction (self, error);
}

gboolean
shequ_database_read (ShequDatabase      *self,
                     ShequDatabaseFunc   func,
                     gpointer            data,
                     GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Inside a transaction the reads already see one moment. */
  if (self->in_transaction)
    return func (self, data, error);

  if (!begin_transaction (self, "BEGIN", error))
    return FALSE;
  ok = func (self, data, error);
  /* Ending a read: nothing to lose if COMMIT fails, the rows were read. */
  if (!ok || !commit_transaction (self, NULL))
    rollback_transaction (self);
  return ok;
}

gboolean
shequ_database_in_transaction (ShequDatabase *self)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  return self->in_transaction;
}

static gboolean
run_migrations (ShequDatabase  *self,
                gpointer        data,
                GError        **error)
{
  for (int v = GPOINTER_TO_INT (data); v < SHEQU_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!shequ_database_exec (self, _shequ_database_migrations[v], error) ||
          !shequ_database_exec (self, bump, error))
        {
          g_prefix_error (error, _("Cannot update the database to version %d: "), v + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* A restored backup may be of an older version: it is brought up to this one, as an
 * older file is at open (the state before the restore is already in a backup). */
gboolean
_shequ_database_migrate_restored (ShequDatabase  *self,
                                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = shequ_database_prepare (self, "PRAGMA user_version", error);
  int version;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return shequ_database_set_error (self, sqlite3_errcode (self->db), error);
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (version < SHEQU_SCHEMA_VERSION &&
      !shequ_database_write (self, run_migrations, GINT_TO_POINTER (version), error))
    return FALSE;
  self->schema_version = SHEQU_SCHEMA_VERSION;
  return TRUE;
}

static gboolean
migrate (ShequDatabase  *self,
         int             from,
         GError        **error)
{
  if (from > 0)
    {
      /* Before every migration, a copy of the file as it was. */
      g_autofree char *dest = NULL;
      g_autofree char *kind = g_strdup_printf ("before-v%d", SHEQU_SCHEMA_VERSION);

      dest = _shequ_database_make_backup_name (self->path, kind);
      if (!_shequ_database_backup_connection (self->db, self->path, dest, error))
        return FALSE;
    }

  if (!shequ_database_write (self, run_migrations, GINT_TO_POINTER (from), error))
    return FALSE;

  self->schema_version = SHEQU_SCHEMA_VERSION;
  return TRUE;
}

/* A URI that reads PATH without writing anything beside it. With no -wal there is no
 * writer to follow, and immutable=1 needs no -shm; with one, SQLite reads through the
 * files the writer made (a read-only connection in WAL mode would otherwise create a
 * -wal and -shm of its own and leave them behind). */
static char *
make_read_only_uri (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strdup_printf ("file:%s?mode=ro%s", escaped,
                          g_file_test (wal, G_FILE_TEST_EXISTS) ? "" : "&immutable=1");
}

/* Looks at an existing PATH before anything may write: a newer, damaged or foreign
 * file stays byte-identical. Sets *VERSION to its schema version. */
static gboolean
check_existing_file (const char          *path,
                     ShequDatabaseFlags   flags,
                     int                 *version,
                     GError             **error)
{
  gboolean read_only = (flags & SHEQU_DATABASE_FLAGS_READ_ONLY) != 0;
  gboolean has_tables = FALSE;
  GStatBuf st;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("“%s” is a folder, not a database."), path);
      return FALSE;
    }

  /* Only creating, on the user's word, may put a schema into an empty file. */
  if (!(flags & SHEQU_DATABASE_FLAGS_CREATE) && g_stat (path, &st) == 0 && st.st_size == 0)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                   _("The file “%s” is empty, not a Shequ database; it was not changed."),
                   path);
      return FALSE;
    }

  /* Look before anything may write: a newer or damaged file stays byte-identical. */
  if (!_shequ_database_peek (path, version, &has_tables, error))
    return FALSE;
  if (*version > SHEQU_SCHEMA_VERSION)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER,
                   _("The database “%s” was written by a newer version of Shequ "
                     "(schema %d; this version reads up to %d). Update Shequ to open it; "
                     "the file was not changed."),
                   path, *version, SHEQU_SCHEMA_VERSION);
      return FALSE;
    }
  if (*version == 0 && has_tables)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                   _("“%s” is an SQLite database, but not a Shequ one; it was not changed."),
                   path);
      return FALSE;
    }
  if (*version == 0 && !(flags & SHEQU_DATABASE_FLAGS_CREATE))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                   _("The file “%s” holds no Shequ database; it was not changed."), path);
      return FALSE;
    }
  if (read_only && *version < SHEQU_SCHEMA_VERSION)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("The database “%s” was written by an older version of Shequ; open it "
                     "once with a command that writes, so it can be updated."),
                   path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_parent_folder (const char  *path,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* A connection that may write: refused when SQLite could only read the file, then
 * set up for WAL and brought to the current schema. */
static gboolean
set_up_writer (ShequDatabase  *self,
               int             version,
               GError        **error)
{
  g_assert (SHEQU_IS_DATABASE (self));

  /* SQLite falls back to reading a file it may not write: say so now, naming the
   * database, rather than fail at the first change. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("The database “%s” is read-only: Shequ cannot save changes in it. "
                     "Check the permissions of the file and its folder."),
                   self->path);
      return FALSE;
    }

  if (!shequ_database_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !shequ_database_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !shequ_database_exec (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  return version >= SHEQU_SCHEMA_VERSION || migrate (self, version, error);
}

ShequDatabase *
shequ_database_open (const char          *path,
                     ShequDatabaseFlags   flags,
                     GError             **error)
{
  g_autoptr(ShequDatabase) self = NULL;
  g_autofree char *uri = NULL;
  gboolean exists;
  gboolean read_only = (flags & SHEQU_DATABASE_FLAGS_READ_ONLY) != 0;
  int version = 0;
  int rc;
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!read_only || !(flags & SHEQU_DATABASE_FLAGS_CREATE), NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && !(flags & SHEQU_DATABASE_FLAGS_CREATE))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("The database “%s” does not exist."), path);
      return NULL;
    }

  if (exists)
    {
      if (!check_existing_file (path, flags, &version, error))
        return NULL;
    }
  else
    {
      if (!make_parent_folder (path, error))
        return NULL;
      open_flags |= SQLITE_OPEN_CREATE;
    }

  self = g_object_new (SHEQU_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->schema_version = version;
  self->read_only = read_only;

  if (read_only)
    {
      uri = make_read_only_uri (path);
      open_flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    }
  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      _shequ_database_set_error_full (path, self->db, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (read_only)
    return shequ_database_exec (self, "PRAGMA foreign_keys = ON", error)
           ? g_steal_pointer (&self) : NULL;

  if (!set_up_writer (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
shequ_database_get_path (ShequDatabase *self)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), NULL);
  return self->path;
}

sqlite3 *
shequ_database_get_handle (ShequDatabase *self)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), NULL);
  return self->db;
}

int
shequ_database_get_schema_version (ShequDatabase *self)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), 0);
  return self->schema_version;
}

static gboolean
run_check (sqlite3     *db,
           const char  *path,
           const char  *pragma,
           GError     **error)
{
  g_autoptr(GString) report = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *)sqlite3_column_text (stmt, 0);

      if (n++ > 0 || g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (report, "\n%s", line);
      rc = SQLITE_OK;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return _shequ_database_set_error_full (path, db, rc, error);

  if (report->len > 0)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                   _("The database “%s” is damaged. Restore it from a backup. Details:%s"),
                   path, report->str);
      return FALSE;
    }
  return TRUE;
}

gboolean
_shequ_database_check_integrity (sqlite3     *db,
                                 const char  *path,
                                 GError     **error)
{
  return run_check (db, path, "PRAGMA integrity_check (20)", error);
}

gboolean
shequ_database_check_integrity (ShequDatabase  *self,
                                GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  return _shequ_database_check_integrity (self->db, self->path, error);
}

gboolean
shequ_database_quick_check (ShequDatabase  *self,
                            GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  return run_check (self->db, self->path, "PRAGMA quick_check (20)", error);
}
