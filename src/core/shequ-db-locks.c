/* shequ-db-locks.c — SQLite's file locks, kept by open file description */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-db-locks"
#define _GNU_SOURCE  /* F_OFD_SETLK */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shequ-database-private.h"
#include "shequ-db-locks.h"

/*
 * Why this file exists. POSIX advisory locks (fcntl F_SETLK), which SQLite's unix VFS
 * uses for the database file and for the -shm file of WAL mode, belong to the process,
 * and close() of ANY descriptor of a file drops every lock the process holds on it.
 * SQLite guards its own descriptors, but not those of the rest of the program: a GTK
 * file chooser browsing the database's folder opens each file to sniff its content
 * type, and its close() silently dropped Shequ's locks. The next program to open the
 * file (sqlite3, shequ-cli) then believed it was alone, checkpointed and deleted the
 * -wal and -shm under the open window, whose later edits went to a deleted file: lost
 * edits and a damaged index.
 *
 * Linux open file description (OFD) locks have the same conflict rules across
 * processes and interoperate with POSIX locks, but belong to the open file description
 * and are released only when its last descriptor closes. SQLite lets a program replace
 * the system calls of its unix VFS (xSetSystemCall), so "fcntl" is replaced here: every
 * lock request on a file is made on ONE private descriptor per file (inode) of this
 * process, which gives exactly the process-wide semantics SQLite expects from POSIX
 * locks (all its connections in this process share the locks of a file), minus the
 * hazard. "open" and "close" are replaced to know which descriptors are SQLite's and
 * when the last one of a file goes (the private descriptor goes with it).
 */

typedef struct {
  dev_t   dev;
  ino_t   ino;
  int     lock_fd;  /* the open file description that holds this process's locks */
  GArray *fds;      /* SQLite's descriptors of the file (int) */
} LockedFile;

static GMutex               files_lock;
static GHashTable          *files;     /* FileKey → LockedFile */
static GHashTable          *fd_paths;  /* SQLite's descriptor (int) → path it opened */
static sqlite3_syscall_ptr  real_open;
static sqlite3_syscall_ptr  real_close;
static sqlite3_syscall_ptr  real_fcntl;
static gboolean             have_ofd = TRUE;

typedef struct {
  dev_t dev;
  ino_t ino;
} FileKey;

static guint
file_key_hash (gconstpointer key)
{
  const FileKey *k = key;
  return (guint)(k->ino ^ (k->ino >> 32) ^ (k->dev * 31));
}

static gboolean
file_key_equal (gconstpointer a,
                gconstpointer b)
{
  const FileKey *ka = a, *kb = b;
  return ka->dev == kb->dev && ka->ino == kb->ino;
}

static void
locked_file_free (gpointer data)
{
  LockedFile *file = data;

  /* Closing the private description releases whatever it still holds. */
  if (file->lock_fd >= 0)
    ((int (*) (int))real_close) (file->lock_fd);
  g_array_unref (file->fds);
  g_free (file);
}

static int
call_fcntl (int   fd,
            int   cmd,
            void *arg)
{
  return ((int (*) (int, int, ...))real_fcntl) (fd, cmd, arg);
}

/* A private descriptor of FD's file that can carry write locks when FD can: a new
 * description through /proc for a read-only FD (a later read-write connection of this
 * process may need write locks), a duplicate otherwise. */
static int
open_lock_fd (int fd)
{
  int flags = call_fcntl (fd, F_GETFL, NULL);

  if (flags >= 0 && (flags & O_ACCMODE) != O_RDWR)
    {
      char proc_path[64];
      int lock_fd;

      g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
      lock_fd = ((int (*) (const char *, int, int))real_open) (proc_path, O_RDWR | O_CLOEXEC, 0);
      if (lock_fd >= 0)
        return lock_fd;
    }
  return call_fcntl (fd, F_DUPFD_CLOEXEC, (void *)(gintptr)0);
}

static void
forget_fd_locked (int fd)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_remove (fd_paths, GINT_TO_POINTER (fd));

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LockedFile *file = value;

      for (guint i = 0; i < file->fds->len; i++)
        if (g_array_index (file->fds, int, i) == fd)
          {
            g_array_remove_index_fast (file->fds, i);
            if (file->fds->len == 0)
              g_hash_table_iter_remove (&iter);
            return;
          }
    }
}

static int
shequ_open (const char *path,
            int         flags,
            int         mode)
{
  int fd = ((int (*) (const char *, int, int))real_open) (path, flags, mode);

  if (fd >= 0)
    {
      struct stat st;

      g_mutex_lock (&files_lock);
      /* A number SQLite reuses after a close we did not see (not expected). */
      forget_fd_locked (fd);
      g_hash_table_insert (fd_paths, GINT_TO_POINTER (fd), g_strdup (path));
      /* Another descriptor of a file whose locks are held: it keeps them alive too. */
      if (fstat (fd, &st) == 0)
        {
          FileKey key = { st.st_dev, st.st_ino };
          LockedFile *file = g_hash_table_lookup (files, &key);

          if (file != NULL)
            g_array_append_val (file->fds, fd);
        }
      g_mutex_unlock (&files_lock);
    }
  return fd;
}

static int
shequ_close (int fd)
{
  g_mutex_lock (&files_lock);
  forget_fd_locked (fd);
  g_mutex_unlock (&files_lock);

  return ((int (*) (int))real_close) (fd);
}

/* The private lock descriptor for FD's file, made on first use. -1 with errno set. */
static int
lock_fd_for_locked (int fd)
{
  struct stat st;
  FileKey key;
  LockedFile *file;
  gboolean known = FALSE;

  if (fstat (fd, &st) != 0)
    return -1;
  key.dev = st.st_dev;
  key.ino = st.st_ino;

  file = g_hash_table_lookup (files, &key);
  if (file == NULL)
    {
      FileKey *owned_key;
      int lock_fd = open_lock_fd (fd);

      if (lock_fd < 0)
        return -1;
      file = g_new0 (LockedFile, 1);
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->lock_fd = lock_fd;
      file->fds = g_array_new (FALSE, FALSE, sizeof (int));
      owned_key = g_memdup2 (&key, sizeof key);
      g_hash_table_insert (files, owned_key, file);
    }

  for (guint i = 0; i < file->fds->len && !known; i++)
    known = g_array_index (file->fds, int, i) == fd;
  if (!known)
    g_array_append_val (file->fds, fd);

  return file->lock_fd;
}

static int
shequ_fcntl (int fd,
             int cmd,
             ...)
{
  va_list args;
  void *arg;
  int ofd_cmd;
  int lock_fd;
  int rc;
  int saved_errno;

  va_start (args, cmd);
  arg = va_arg (args, void *);
  va_end (args);

  switch (cmd)
    {
    case F_SETLK:
      ofd_cmd = F_OFD_SETLK;
      break;
    case F_SETLKW:
      ofd_cmd = F_OFD_SETLKW;
      break;
    case F_GETLK:
      ofd_cmd = F_OFD_GETLK;
      break;
    default:
      return call_fcntl (fd, cmd, arg);
    }

  if (!g_atomic_int_get (&have_ofd))
    return call_fcntl (fd, cmd, arg);

  g_mutex_lock (&files_lock);
  lock_fd = lock_fd_for_locked (fd);
  if (lock_fd < 0)
    {
      saved_errno = errno;
      g_mutex_unlock (&files_lock);
      errno = saved_errno;
      return -1;
    }

  /* OFD locks require l_pid 0; a lock found by F_OFD_GETLK reports -1. */
  ((struct flock *)arg)->l_pid = 0;
  if (ofd_cmd == F_OFD_SETLKW)
    {
      /* Do not block other files' locks while waiting: wait on a duplicate of the same
       * description (its locks are the description's), outside the table's mutex.
       * SQLite does not wait on locks in this build, so this path is a safeguard. */
      int wait_fd = call_fcntl (lock_fd, F_DUPFD_CLOEXEC, (void *)(gintptr)0);

      g_mutex_unlock (&files_lock);
      if (wait_fd < 0)
        return -1;
      rc = call_fcntl (wait_fd, ofd_cmd, arg);
      saved_errno = errno;
      ((int (*) (int))real_close) (wait_fd);
      errno = saved_errno;
      return rc;
    }

  rc = call_fcntl (lock_fd, ofd_cmd, arg);
  saved_errno = errno;
  g_mutex_unlock (&files_lock);

  if (rc != 0 && saved_errno == EINVAL)
    {
      /* A kernel older than 3.15: no OFD locks. Keep SQLite's own behaviour. */
      g_atomic_int_set (&have_ofd, FALSE);
      g_warning ("Open file description locks are not available; using POSIX locks");
      return call_fcntl (fd, cmd, arg);
    }

  errno = saved_errno;
  return rc;
}

static gboolean
probe_ofd (void)
{
  char *path = NULL;
  struct flock lock = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
  gboolean ok;
  int fd = g_file_open_tmp ("shequ-ofd-XXXXXX", &path, NULL);

  if (fd < 0)
    return TRUE;  /* cannot tell; the EINVAL fallback above still applies */
  ok = fcntl (fd, F_OFD_SETLK, &lock) == 0;
  close (fd);
  g_unlink (path);
  g_free (path);
  return ok;
}

void
shequ_db_locks_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

      if (vfs != NULL && vfs->iVersion >= 3 && vfs->xSetSystemCall != NULL && probe_ofd ())
        {
          files = g_hash_table_new_full (file_key_hash, file_key_equal, g_free, locked_file_free);
          fd_paths = g_hash_table_new_full (NULL, NULL, NULL, g_free);
          real_open = vfs->xGetSystemCall (vfs, "open");
          real_close = vfs->xGetSystemCall (vfs, "close");
          real_fcntl = vfs->xGetSystemCall (vfs, "fcntl");

          /* Only before any file is open: the table is shared by every unix VFS. */
          if (real_open != NULL && real_close != NULL && real_fcntl != NULL &&
              vfs->xSetSystemCall (vfs, "open", (sqlite3_syscall_ptr)shequ_open) == SQLITE_OK &&
              vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr)shequ_close) == SQLITE_OK &&
              vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr)shequ_fcntl) == SQLITE_OK)
            g_debug ("SQLite locks are open file description locks");
          else
            g_atomic_int_set (&have_ofd, FALSE);
        }
      else
        g_atomic_int_set (&have_ofd, FALSE);

      g_once_init_leave (&installed, 1);
    }
}

gboolean
shequ_db_locks_are_ofd (void)
{
  return fd_paths != NULL && g_atomic_int_get (&have_ofd);
}

gboolean
shequ_db_locks_check_files (const char  *db_path,
                            GError     **error)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *gone = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (db_path != NULL, FALSE);

  if (fd_paths == NULL)
    return TRUE;

  wal = g_strconcat (db_path, "-wal", NULL);
  shm = g_strconcat (db_path, "-shm", NULL);

  g_mutex_lock (&files_lock);
  g_hash_table_iter_init (&iter, fd_paths);
  while (gone == NULL && g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *path = value;
      struct stat open_st, disk_st;

      if (strcmp (path, db_path) != 0 && strcmp (path, wal) != 0 && strcmp (path, shm) != 0)
        continue;
      if (fstat (GPOINTER_TO_INT (key), &open_st) != 0)
        continue;
      /* Deleted (no name left) or replaced (the name is another file now). */
      if (open_st.st_nlink == 0 ||
          stat (path, &disk_st) != 0 ||
          disk_st.st_dev != open_st.st_dev || disk_st.st_ino != open_st.st_ino)
        gone = g_strdup (path);
    }
  g_mutex_unlock (&files_lock);

  if (gone != NULL)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_REPLACED,
                   _("The file “%s” was deleted or replaced by another program while Shequ "
                     "had the database open. To keep your data safe, nothing more is written "
                     "to it: close this window and open the database again."),
                   gone);
      return FALSE;
    }
  return TRUE;
}
