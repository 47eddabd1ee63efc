/* shequ-database-backup.c — backups of the database file: make, prune, list, restore */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-database-backup"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shequ-database-private.h"

#define N_KEPT_BACKUPS 7

char *
_shequ_database_make_backup_name (const char *db_path,
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

/* Copies in steps of 256 pages, which lets a writer in between on a large file; after
 * each, PROGRESS (pages copied, pages in all) and a look at CANCELLABLE. Cancelled, the
 * destination is rolled back (or the partial file removed) and nothing has changed. */
static int
copy_in_steps (sqlite3               *dest,
               sqlite3               *src,
               GCancellable          *cancellable,
               GFileProgressCallback  progress,
               gpointer               progress_data)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (dest);
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
      if (progress != NULL && rc != SQLITE_DONE)
        progress (sqlite3_backup_pagecount (backup) - sqlite3_backup_remaining (backup),
                  sqlite3_backup_pagecount (backup), progress_data);
      if (g_cancellable_is_cancelled (cancellable) && rc != SQLITE_DONE)
        rc = SQLITE_INTERRUPT;
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  if (rc == SQLITE_DONE)
    {
      rc = SQLITE_OK;
      if (progress != NULL)
        progress (sqlite3_backup_pagecount (backup), sqlite3_backup_pagecount (backup),
                  progress_data);
    }
  sqlite3_backup_finish (backup);
  return rc;
}

static gboolean
backup_connection_full (sqlite3               *src,
                        const char            *src_path,
                        const char            *dest_path,
                        GCancellable          *cancellable,
                        GFileProgressCallback  progress,
                        gpointer               progress_data,
                        GError               **error)
{
  g_autofree char *tmp = g_strconcat (dest_path, ".part", NULL);
  g_autofree char *dir = g_path_get_dirname (dest_path);
  sqlite3 *dest = NULL;
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
      rc = copy_in_steps (dest, src, cancellable, progress, progress_data);
      if (rc == SQLITE_OK)
        /* A backup is one self-contained file, whatever the source's journal mode. */
        rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  sqlite3_close_v2 (dest);

  if (rc != SQLITE_OK)
    {
      g_unlink (tmp);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
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

gboolean
_shequ_database_backup_connection (sqlite3     *src,
                                   const char  *src_path,
                                   const char  *dest_path,
                                   GError     **error)
{
  return backup_connection_full (src, src_path, dest_path, NULL, NULL, NULL, error);
}

gboolean
shequ_database_backup_to (ShequDatabase  *self,
                          const char     *dest_path,
                          GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  return _shequ_database_backup_to_full (self, dest_path, NULL, NULL, NULL, error);
}

gboolean
_shequ_database_backup_to_full (ShequDatabase          *self,
                                const char             *dest_path,
                                GCancellable           *cancellable,
                                GFileProgressCallback   progress,
                                gpointer                progress_data,
                                GError                **error)
{
  /* A backup of a damaged file would overwrite a good older one in the rotation. */
  if (!shequ_database_check_integrity (self, error))
    return FALSE;
  return backup_connection_full (self->db, self->path, dest_path, cancellable,
                                                 progress, progress_data, error);
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
  if (!_shequ_database_peek (src_path, &version, &has_tables, error))
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
      _shequ_database_set_error_full (src_path, src, rc, error);
      sqlite3_close_v2 (src);
      return NULL;
    }
  if (!_shequ_database_check_integrity (src, src_path, error))
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
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (src_path != NULL, FALSE);

  return _shequ_database_restore_from_full (self, src_path, NULL, NULL, NULL, error);
}

gboolean
_shequ_database_restore_from_full (ShequDatabase          *self,
                                   const char             *src_path,
                                   GCancellable           *cancellable,
                                   GFileProgressCallback   progress,
                                   gpointer                progress_data,
                                   GError                **error)
{
  g_autofree char *safety = NULL;
  sqlite3 *src;
  int rc;

  if (!(src = open_checked_backup (src_path, error)))
    return FALSE;

  /* Nothing is lost: the current state goes into the backup folder first. */
  safety = _shequ_database_make_backup_name (self->path, "before-restore");
  if (!backup_connection_full (self->db, self->path, safety, cancellable,
                                               NULL, NULL, error))
    {
      sqlite3_close_v2 (src);
      return FALSE;
    }

  /* Cancelled between steps, the copy is rolled back: the database is as it was. */
  rc = copy_in_steps (self->db, src, cancellable, progress, progress_data);
  sqlite3_close_v2 (src);

  if (rc != SQLITE_OK)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_BACKUP,
                   _("Cannot restore “%s” from “%s”: %s"),
                   self->path, src_path, sqlite3_errstr (rc));
      return FALSE;
    }

  /* The restored copy is in rollback-journal mode; ours is WAL. */
  shequ_database_exec (self, "PRAGMA journal_mode = WAL", NULL);
  return _shequ_database_migrate_restored (self, error);
}

gboolean
shequ_database_restore_file (const char  *path,
                             const char  *src_path,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (src_path != NULL, FALSE);

  return _shequ_database_restore_file_full (path, src_path, NULL, NULL, NULL, error);
}

gboolean
_shequ_database_restore_file_full (const char             *path,
                                   const char             *src_path,
                                   GCancellable           *cancellable,
                                   GFileProgressCallback   progress,
                                   gpointer                progress_data,
                                   GError                **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };
  sqlite3 *src;
  gboolean ok;

  if (!(src = open_checked_backup (src_path, error)))
    return FALSE;
  /* Past this point the damaged file is moved: cancelling then would leave no file. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      sqlite3_close_v2 (src);
      return FALSE;
    }

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

  ok = backup_connection_full (src, src_path, path, NULL, progress,
                                               progress_data, error);
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

/* The kinds in the names _shequ_database_make_backup_name() makes. */
static const struct {
  const char      *infix;
  ShequBackupKind  kind;
} backup_kinds[] = {
  { "-daily-", SHEQU_BACKUP_KIND_DAILY },
  { "-before-restore-", SHEQU_BACKUP_KIND_BEFORE_RESTORE },
  { "-before-v", SHEQU_BACKUP_KIND_BEFORE_UPGRADE },
};

gboolean
shequ_database_describe_backup (const char       *backup_path,
                                ShequBackupKind  *kind,
                                GDateTime       **modified,
                                goffset          *size)
{
  g_autofree char *base = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) mtime = NULL;

  g_return_val_if_fail (backup_path != NULL, FALSE);

  base = g_path_get_basename (backup_path);
  if (kind != NULL)
    {
      *kind = SHEQU_BACKUP_KIND_MANUAL;
      for (guint i = 0; i < G_N_ELEMENTS (backup_kinds); i++)
        if (strstr (base, backup_kinds[i].infix) != NULL)
          {
            *kind = backup_kinds[i].kind;
            break;
          }
    }

  if (modified != NULL)
    *modified = NULL;
  if (size != NULL)
    *size = 0;
  file = g_file_new_for_path (backup_path);
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || (mtime = g_file_info_get_modification_date_time (info)) == NULL)
    return FALSE;
  if (modified != NULL)
    *modified = g_date_time_to_local (mtime);
  if (size != NULL)
    *size = g_file_info_get_size (info);
  return TRUE;
}

const char *
shequ_backup_kind_get_label (ShequBackupKind kind)
{
  switch (kind)
    {
    case SHEQU_BACKUP_KIND_DAILY:
      return _("Daily backup");
    case SHEQU_BACKUP_KIND_BEFORE_RESTORE:
      return _("Saved before a restore");
    case SHEQU_BACKUP_KIND_BEFORE_UPGRADE:
      return _("Saved before an upgrade");
    case SHEQU_BACKUP_KIND_MANUAL:
    default:
      return _("Backup");
    }
}

gboolean
shequ_database_daily_backup (ShequDatabase  *self,
                             GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);

  return _shequ_database_daily_backup_full (self, NULL, NULL, NULL, error);
}

gboolean
_shequ_database_daily_backup_full (ShequDatabase          *self,
                                   GCancellable           *cancellable,
                                   GFileProgressCallback   progress,
                                   gpointer                progress_data,
                                   GError                **error)
{
  g_autofree char *dest = NULL;

  dest = _shequ_database_make_backup_name (self->path, "daily");
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!_shequ_database_backup_to_full (self, dest, cancellable, progress, progress_data, error))
    return FALSE;
  prune_backups (self->path, "daily");
  return TRUE;
}
