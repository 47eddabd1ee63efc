/* shequ-database.c — the SQLite file: open, migrate, back up, check */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-database"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shequ-database.h"
#include "shequ-db-locks.h"

#define BUSY_TIMEOUT_MS 5000
#define N_KEPT_BACKUPS  7

struct _ShequDatabase
{
  GObject   parent_instance;
  char     *path;
  sqlite3  *db;
  int       schema_version;
  guint     in_transaction : 1;
  guint     read_only : 1;
};

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

/* Each entry moves the schema from version i to i + 1. Never edit a released entry:
 * add a new one. */
static const char *migrations[] = {
  /* 0 → 1: the organisation */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE unit ("
  "  id           INTEGER PRIMARY KEY,"
  "  parent_id    INTEGER REFERENCES unit (id) DEFERRABLE INITIALLY DEFERRED,"
  "  tier         TEXT NOT NULL CHECK (tier IN ('street', 'area', 'community', 'village', 'grid')),"
  "  code         TEXT NOT NULL UNIQUE,"
  "  name         TEXT NOT NULL,"
  "  party_body   TEXT NOT NULL DEFAULT '',"
  "  service_body TEXT NOT NULL DEFAULT '',"
  "  note         TEXT NOT NULL DEFAULT '',"
  "  population   INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),"
  "  households   INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),"
  "  updated_at   TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE INDEX unit_parent_id ON unit (parent_id);"
  "CREATE TABLE person ("
  "  id         INTEGER PRIMARY KEY,"
  "  code       TEXT NOT NULL UNIQUE,"
  "  name       TEXT NOT NULL,"
  "  phone      TEXT NOT NULL DEFAULT '',"
  "  note       TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE TABLE post ("
  "  id         INTEGER PRIMARY KEY,"
  "  person_id  INTEGER NOT NULL REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED,"
  "  unit_id    INTEGER NOT NULL REFERENCES unit (id) DEFERRABLE INITIALLY DEFERRED,"
  "  role       TEXT NOT NULL,"
  "  title      TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE INDEX post_unit_id ON post (unit_id);"
  "CREATE INDEX post_person_id ON post (person_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SHEQU_SCHEMA_VERSION);

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

static gboolean
set_error_full (const char *path,
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
  return set_error_full (self->path, self->db, rc, error);
}

char *
shequ_database_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "shequ", "shequ.db", NULL);
}

/* Reads the schema version and checks that the schema can be parsed, through a
 * connection that cannot write anything: no journal, no -wal, no -shm. */
static gboolean
peek (const char *path,
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
      set_error_full (path, db, rc, error);
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

  return peek (path, version, NULL, error);
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

gboolean
shequ_database_begin (ShequDatabase  *self,
                      GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  /* Never write into a -wal that another program deleted under us: the edit would be
   * lost when this connection closes, and the file damaged. */
  if (!shequ_database_check_files (self, error))
    return FALSE;

  /* IMMEDIATE takes the write lock now, so a busy database is reported before any work. */
  if (!shequ_database_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
shequ_database_commit (ShequDatabase  *self,
                       GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!shequ_database_exec (self, "COMMIT", error))
    {
      shequ_database_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
shequ_database_rollback (ShequDatabase *self)
{
  g_return_if_fail (SHEQU_IS_DATABASE (self));

  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

static char *
make_backup_name (const char *db_path,
                  const char *kind)
{
  g_autofree char *dir = shequ_database_get_backup_dir (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL)
    *dot = '\0';
  if (g_strcmp0 (kind, "daily") == 0)
    stamp = g_date_time_format (now, "%Y-%m-%d");
  else
    stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  name = g_strdup_printf ("%s-%s-%s.db", base, kind, stamp);
  return g_build_filename (dir, name, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char **)a, *(char **)b);
}

static void
prune_backups (const char *db_path,
               const char *kind)
{
  g_autofree char *dir = shequ_database_get_backup_dir (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *dot = strrchr (base, '.');

  if (d == NULL)
    return;
  if (dot != NULL)
    *dot = '\0';
  prefix = g_strdup_printf ("%s-%s-", base, kind);

  while ((name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (names, g_strdup (name));

  /* The names sort by date. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + N_KEPT_BACKUPS < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_unlink (path);
    }
}

static gboolean
backup_connection (sqlite3     *src,
                   const char  *src_path,
                   const char  *dest_path,
                   GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest_path, ".part", NULL);
  g_autofree char *dir = g_path_get_dirname (dest_path);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_BACKUP,
                   _("Cannot create the backup folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  g_unlink (tmp);
  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, BUSY_TIMEOUT_MS);
      backup = sqlite3_backup_init (dest, "main", src, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          /* Steps of 256 pages let a writer in between on a large file. */
          do
            {
              rc = sqlite3_backup_step (backup, 256);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (20);
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
      if (rc == SQLITE_OK)
        /* A backup is one self-contained file, whatever the source's journal mode. */
        rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  sqlite3_close_v2 (dest);

  if (rc != SQLITE_OK)
    {
      g_unlink (tmp);
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_BACKUP,
                   _("Cannot back up “%s” to “%s”: %s"),
                   src_path, dest_path, sqlite3_errstr (rc));
      return FALSE;
    }

  if (g_rename (tmp, dest_path) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmp);
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_BACKUP,
                   _("Cannot write the backup “%s”: %s"), dest_path, g_strerror (saved_errno));
      return FALSE;
    }
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

      dest = make_backup_name (self->path, kind);
      if (!backup_connection (self->db, self->path, dest, error))
        return FALSE;
    }

  if (!shequ_database_begin (self, error))
    return FALSE;

  for (int v = from; v < SHEQU_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!shequ_database_exec (self, migrations[v], error) ||
          !shequ_database_exec (self, bump, error))
        {
          shequ_database_rollback (self);
          g_prefix_error (error, _("Cannot update the database to version %d: "), v + 1);
          return FALSE;
        }
    }

  if (!shequ_database_commit (self, error))
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

ShequDatabase *
shequ_database_open (const char          *path,
                     ShequDatabaseFlags   flags,
                     GError             **error)
{
  g_autoptr(ShequDatabase) self = NULL;
  g_autofree char *uri = NULL;
  gboolean exists;
  gboolean has_tables = FALSE;
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
      GStatBuf st;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                       _("“%s” is a folder, not a database."), path);
          return NULL;
        }

      /* Only creating, on the user's word, may put a schema into an empty file. */
      if (!(flags & SHEQU_DATABASE_FLAGS_CREATE) && g_stat (path, &st) == 0 && st.st_size == 0)
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                       _("The file “%s” is empty, not a Shequ database; it was not changed."),
                       path);
          return NULL;
        }

      /* Look before anything may write: a newer or damaged file stays byte-identical. */
      if (!peek (path, &version, &has_tables, error))
        return NULL;
      if (version > SHEQU_SCHEMA_VERSION)
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER,
                       _("The database “%s” was written by a newer version of Shequ "
                         "(schema %d; this version reads up to %d). Update Shequ to open it; "
                         "the file was not changed."),
                       path, version, SHEQU_SCHEMA_VERSION);
          return NULL;
        }
      if (version == 0 && has_tables)
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                       _("“%s” is an SQLite database, but not a Shequ one; it was not changed."),
                       path);
          return NULL;
        }
      if (version == 0 && !(flags & SHEQU_DATABASE_FLAGS_CREATE))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                       _("The file “%s” holds no Shequ database; it was not changed."), path);
          return NULL;
        }
      if (read_only && version < SHEQU_SCHEMA_VERSION)
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                       _("The database “%s” was written by an older version of Shequ; open it "
                         "once with a command that writes, so it can be updated."),
                       path);
          return NULL;
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                       _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
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
      set_error_full (path, self->db, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (read_only)
    return shequ_database_exec (self, "PRAGMA foreign_keys = ON", error)
           ? g_steal_pointer (&self) : NULL;

  /* SQLite falls back to reading a file it may not write: say so now, naming the
   * database, rather than fail at the first change. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("The database “%s” is read-only: Shequ cannot save changes in it. "
                     "Check the permissions of the file and its folder."),
                   path);
      return NULL;
    }

  if (!shequ_database_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !shequ_database_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !shequ_database_exec (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;

  if (version < SHEQU_SCHEMA_VERSION && !migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
shequ_database_is_read_only (ShequDatabase *self)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), TRUE);
  return self->read_only;
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
    return set_error_full (path, db, rc, error);

  if (report->len > 0)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                   _("The database “%s” is damaged. Restore it from a backup. Details:%s"),
                   path, report->str);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_integrity (sqlite3     *db,
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
  return check_integrity (self->db, self->path, error);
}

gboolean
shequ_database_quick_check (ShequDatabase  *self,
                            GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  return run_check (self->db, self->path, "PRAGMA quick_check (20)", error);
}

gboolean
shequ_database_backup_to (ShequDatabase  *self,
                          const char     *dest_path,
                          GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  /* A backup of a damaged file would overwrite a good older one in the rotation. */
  if (!shequ_database_check_integrity (self, error))
    return FALSE;
  return backup_connection (self->db, self->path, dest_path, error);
}

/* Opens SRC read-only and checks that it is a sound Shequ database we can read. */
static sqlite3 *
open_checked_backup (const char  *src_path,
                     GError     **error)
{
  sqlite3 *src = NULL;
  gboolean has_tables = FALSE;
  int version = 0;
  int rc;

  if (!g_file_test (src_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_BACKUP,
                   _("The backup “%s” does not exist."), src_path);
      return NULL;
    }
  if (!peek (src_path, &version, &has_tables, error))
    return NULL;
  if (version > SHEQU_SCHEMA_VERSION)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER,
                   _("The backup “%s” was written by a newer version of Shequ."), src_path);
      return NULL;
    }
  if (version == 0)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                   _("“%s” is not a Shequ database."), src_path);
      return NULL;
    }

  rc = sqlite3_open_v2 (src_path, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_full (src_path, src, rc, error);
      sqlite3_close_v2 (src);
      return NULL;
    }
  if (!check_integrity (src, src_path, error))
    {
      sqlite3_close_v2 (src);
      return NULL;
    }
  return src;
}

gboolean
shequ_database_restore_from (ShequDatabase  *self,
                             const char     *src_path,
                             GError        **error)
{
  g_autofree char *safety = NULL;
  sqlite3 *src;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (src_path != NULL, FALSE);

  if (!(src = open_checked_backup (src_path, error)))
    return FALSE;

  /* Nothing is lost: the current state goes into the backup folder first. */
  safety = make_backup_name (self->path, "before-restore");
  if (!backup_connection (self->db, self->path, safety, error))
    {
      sqlite3_close_v2 (src);
      return FALSE;
    }

  backup = sqlite3_backup_init (self->db, "main", src, "main");
  if (backup == NULL)
    rc = sqlite3_errcode (self->db);
  else
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      sqlite3_backup_finish (backup);
    }
  sqlite3_close_v2 (src);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_BACKUP,
                   _("Cannot restore “%s” from “%s”: %s"),
                   self->path, src_path, sqlite3_errstr (rc));
      return FALSE;
    }

  /* The restored copy is in rollback-journal mode; ours is WAL. */
  shequ_database_exec (self, "PRAGMA journal_mode = WAL", NULL);
  self->schema_version = SHEQU_SCHEMA_VERSION;
  return TRUE;
}

gboolean
shequ_database_restore_file (const char  *path,
                             const char  *src_path,
                             GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };
  sqlite3 *src;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (src_path != NULL, FALSE);

  if (!(src = open_checked_backup (src_path, error)))
    return FALSE;

  /* The damaged file is kept beside, renamed, never deleted. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (path, aside) != 0)
    {
      int saved_errno = errno;
      sqlite3_close_v2 (src);
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_BACKUP,
                   _("Cannot move the damaged database “%s” aside: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  ok = backup_connection (src, src_path, path, error);
  sqlite3_close_v2 (src);
  return ok;
}

char *
shequ_database_get_backup_dir (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "backups", NULL);
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  g_autofree char *base_a = g_path_get_basename (*(char **)a);
  g_autofree char *base_b = g_path_get_basename (*(char **)b);
  const char *da = base_a, *db = base_b;

  /* Newest first by the date in the name (after the first dash-digit run). */
  while (*da && !g_ascii_isdigit (*da)) da++;
  while (*db && !g_ascii_isdigit (*db)) db++;
  return g_strcmp0 (db, da);
}

GPtrArray *
shequ_database_list_backups (const char *db_path)
{
  g_autofree char *dir = shequ_database_get_backup_dir (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *dot = strrchr (base, '.');

  if (d == NULL)
    return paths;
  if (dot != NULL)
    *dot = '\0';
  prefix = g_strconcat (base, "-", NULL);

  while ((name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));

  g_ptr_array_sort (paths, compare_desc);
  return paths;
}

gboolean
shequ_database_daily_backup (ShequDatabase  *self,
                             GError        **error)
{
  g_autofree char *dest = NULL;

  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);

  dest = make_backup_name (self->path, "daily");
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!shequ_database_backup_to (self, dest, error))
    return FALSE;
  prune_backups (self->path, "daily");
  return TRUE;
}
