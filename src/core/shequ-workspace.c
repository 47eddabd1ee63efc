/* shequ-workspace.c — one database and its store, and the long work on them, off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-database-private.h"
#include "shequ-workspace-private.h"

#define READ_CHUNK_SIZE (64 * 1024)

struct _ShequWorkspace
{
  GObject             parent_instance;
  char               *path;
  ShequDatabaseFlags  flags;
  ShequOrgStore      *store;
};

G_DEFINE_FINAL_TYPE (ShequWorkspace, shequ_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* What one call does                                                       */

typedef enum {
  OP_OPEN,
  OP_BACK_UP,
  OP_DAILY_BACKUP,
  OP_CHECK_INTEGRITY,
  OP_RESTORE,
  OP_RESTORE_FILE,
  OP_IMPORT,
} OpKind;

typedef struct {
  OpKind              kind;
  char               *path;        /* the database */
  char               *other_path;  /* where a backup goes, or the backup restored */
  ShequDatabaseFlags  flags;       /* to open with (a worker: READ_ONLY at most) */
  Progress           *progress;
  /* Imports */
  ShequIoTable        table;
  GFile              *file;
  ShequIoFormat       format;
  ShequIoEncoding     encoding;
  guint               n_rows;
  /* Set by a restore's worker once the file is replaced. */
  gboolean            restored;
} Op;

static Op *
op_new (OpKind                 kind,
        const char            *path,
        const char            *other_path,
        GFileProgressCallback  progress,
        gpointer               progress_data)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->path = g_strdup (path);
  op->other_path = g_strdup (other_path);
  op->progress = _shequ_workspace_progress_new (progress, progress_data);
  return op;
}

static void
op_free (gpointer data)
{
  Op *op = data;

  g_free (op->path);
  g_free (op->other_path);
  _shequ_workspace_progress_unref (op->progress);
  g_clear_object (&op->file);
  g_free (op);
}

static int
on_sqlite_progress (void *data)
{
  /* Non-zero interrupts the statement running (SQLITE_INTERRUPT). */
  return g_cancellable_is_cancelled (data);
}

static void
set_interruptible (ShequDatabase *db,
                   GCancellable  *cancellable)
{
  g_assert (SHEQU_IS_DATABASE (db));

  sqlite3_progress_handler (shequ_database_get_handle (db), cancellable != NULL ? 1000 : 0,
                            cancellable != NULL ? on_sqlite_progress : NULL, cancellable);
}

/* A statement interrupted by CANCELLABLE fails in SQLite's words; the caller asked to
 * stop, and is told so. */
static void
replace_if_cancelled (GCancellable  *cancellable,
                      GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_error (error);
  g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* A connection of the worker's own: SQLite connections are not shared between threads
 * here, and WAL lets this one read while the store keeps writing. */
static ShequDatabase *
open_worker_connection (Op            *op,
                        GCancellable  *cancellable,
                        GError       **error)
{
  ShequDatabase *db;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  db = shequ_database_open (op->path,
                            SHEQU_DATABASE_FLAGS_NO_BACKUP |
                            (op->flags & SHEQU_DATABASE_FLAGS_READ_ONLY),
                            error);
  if (db != NULL)
    set_interruptible (db, cancellable);
  return db;
}

static ShequWorkspace *
open_workspace (const char          *path,
                ShequDatabaseFlags   flags,
                GCancellable        *cancellable,
                Progress            *progress,
                GError             **error)
{
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  ShequWorkspace *self;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  db = shequ_database_open (path, flags, error);
  if (db == NULL)
    return NULL;
  _shequ_workspace_progress_report (1, 2, progress);
  set_interruptible (db, cancellable);
  store = shequ_org_store_new (db, error);
  set_interruptible (db, NULL);
  if (store == NULL)
    {
      replace_if_cancelled (cancellable, error);
      return NULL;
    }
  _shequ_workspace_progress_report (2, 2, progress);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_object_new (SHEQU_TYPE_WORKSPACE, NULL);
  self->path = g_strdup (path);
  self->flags = flags;
  self->store = g_steal_pointer (&store);
  return self;
}

static gboolean
run_database_job (Op            *op,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(ShequDatabase) db = open_worker_connection (op, cancellable, error);
  GFileProgressCallback report = op->progress != NULL ? _shequ_workspace_progress_report : NULL;
  gboolean ok = FALSE;

  if (db == NULL)
    return FALSE;
  switch (op->kind)
    {
    case OP_BACK_UP:
      ok = _shequ_database_backup_to_full (db, op->other_path, cancellable, report,
                                           op->progress, error);
      break;
    case OP_DAILY_BACKUP:
      ok = _shequ_database_daily_backup_full (db, cancellable, report, op->progress, error);
      break;
    case OP_CHECK_INTEGRITY:
      _shequ_workspace_progress_report (0, 1, op->progress);
      ok = shequ_database_check_integrity (db, error);
      if (ok)
        _shequ_workspace_progress_report (1, 1, op->progress);
      break;
    case OP_OPEN:
    case OP_RESTORE:
    case OP_RESTORE_FILE:
    case OP_IMPORT:
    default:
      g_assert_not_reached ();
    }
  return ok;
}

/* Replaces the file through a connection of its own, then reads the store from it: that
 * connection becomes the workspace's. */
static ShequOrgStore *
restore_in_worker (Op            *op,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(ShequDatabase) db = open_worker_connection (op, cancellable, error);

  if (db == NULL ||
      !_shequ_database_restore_from_full (db, op->other_path, cancellable,
                                          op->progress != NULL ? _shequ_workspace_progress_report : NULL,
                                          op->progress, error))
    return NULL;
  /* Done: the store is read whatever comes now, or it would show what is gone. */
  op->restored = TRUE;
  set_interruptible (db, NULL);
  return shequ_org_store_new (db, error);
}

static GBytes *
read_file (GFile         *file,
           GCancellable  *cancellable,
           Progress      *progress,
           GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (READ_CHUNK_SIZE);
  goffset total = -1;
  gssize n = 0;

  in = g_file_read (file, cancellable, &local_error);
  if (in != NULL)
    {
      info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
      if (info != NULL)
        total = g_file_info_get_size (info);
      while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, READ_CHUNK_SIZE,
                                       cancellable, &local_error)) > 0)
        {
          g_byte_array_append (bytes, buffer, n);
          _shequ_workspace_progress_report (bytes->len, MAX (total, (goffset) bytes->len), progress);
        }
    }
  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        /* GIO's message names the file already. */
        g_set_error_literal (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_READ, local_error->message);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static ShequIoImport *
import_in_worker (Op            *op,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GBytes) bytes = read_file (op->file, cancellable, op->progress, error);
  g_autofree char *name = g_file_get_basename (op->file);

  if (bytes == NULL)
    return NULL;
  return shequ_io_import_read (op->table, bytes, name, op->format, op->encoding, error);
}

static void
op_thread (GTask        *inner,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Op *op = g_task_get_task_data (G_TASK (task_data));
  GDestroyNotify destroy = NULL;
  GError *error = NULL;
  gpointer value = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (inner, error);
      return;
    }

  switch (op->kind)
    {
    case OP_OPEN:
      value = open_workspace (op->path, op->flags, cancellable, op->progress, &error);
      destroy = g_object_unref;
      break;
    case OP_BACK_UP:
    case OP_DAILY_BACKUP:
    case OP_CHECK_INTEGRITY:
      value = run_database_job (op, cancellable, &error) ? GINT_TO_POINTER (TRUE) : NULL;
      break;
    case OP_RESTORE:
      value = restore_in_worker (op, cancellable, &error);
      destroy = g_object_unref;
      break;
    case OP_RESTORE_FILE:
      value = _shequ_database_restore_file_full (op->path, op->other_path, cancellable,
                                                 op->progress != NULL ? _shequ_workspace_progress_report : NULL,
                                                 op->progress, &error)
              ? GINT_TO_POINTER (TRUE) : NULL;
      break;
    case OP_IMPORT:
      value = import_in_worker (op, cancellable, &error);
      destroy = (GDestroyNotify) shequ_io_import_unref;
      break;
    default:
      g_assert_not_reached ();
    }

  if (value == NULL && !op->restored)
    replace_if_cancelled (cancellable, &error);
  if (value != NULL)
    g_task_return_pointer (inner, value, destroy);
  else
    g_task_return_error (inner, error);
}

/* ------------------------------------------------------------------------ */
/* Back on the main context                                                 */

static void
set_store (ShequWorkspace *self,
           ShequOrgStore  *store)
{
  g_assert (SHEQU_IS_WORKSPACE (self));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Takes STORE (the restored file's) or the worker's ERROR. */
static gboolean
finish_restore (ShequWorkspace  *self,
                Op              *op,
                ShequOrgStore   *store_ref,
                GError          *error,
                GError         **out_error)
{
  g_autoptr(ShequOrgStore) store = store_ref;

  g_assert (SHEQU_IS_WORKSPACE (self));

  if (store != NULL)
    {
      set_store (self, store);
      return TRUE;
    }
  /* Replaced, but not readable: the old store shows a file that is gone. */
  if (op->restored)
    set_store (self, NULL);
  g_propagate_error (out_error, error);
  return FALSE;
}

/* Takes IMPORT (read and checked) or the worker's ERROR. */
static gboolean
finish_import (ShequWorkspace  *self,
               Op              *op,
               ShequIoImport        *import,
               GCancellable    *cancellable,
               GError          *error,
               GError         **out_error)
{
  gboolean ok;

  g_assert (SHEQU_IS_WORKSPACE (self));

  if (import == NULL)
    {
      g_propagate_error (out_error, error);
      return FALSE;
    }
  ok = FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, out_error))
    ;
  else if (self->store == NULL)
    /* A restore in the meantime left a file that cannot be read. */
    g_set_error_literal (out_error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                         _("The database is no longer open."));
  else
    ok = shequ_io_import_apply (import, self->store, &op->n_rows, out_error);
  shequ_io_import_unref (import);
  return ok;
}

static void
on_thread_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = g_task_get_task_data (G_TASK (result));
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  GError *out_error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean ok;

  switch (op->kind)
    {
    case OP_OPEN:
      if (value != NULL)
        g_task_return_pointer (task, value, g_object_unref);
      else
        g_task_return_error (task, error);
      return;
    case OP_RESTORE:
      ok = finish_restore (SHEQU_WORKSPACE (source), op, value, error, &out_error);
      break;
    case OP_IMPORT:
      ok = finish_import (SHEQU_WORKSPACE (source), op, value,
                          g_task_get_cancellable (task), error, &out_error);
      break;
    case OP_BACK_UP:
    case OP_DAILY_BACKUP:
    case OP_CHECK_INTEGRITY:
    case OP_RESTORE_FILE:
    default:
      ok = value != NULL;
      out_error = error;
      break;
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, out_error);
}

/* The caller's task (with OP) completes once the worker is done and, on the caller's
 * context, what follows it (a store swapped in, an import applied). Its result is what
 * happened: a cancel that comes too late to stop the work does not hide that it was done. */
static void
start_op (gpointer             source_object,
          Op                  *op,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, op_free);
  g_task_set_check_cancellable (task, FALSE);

  inner = g_task_new (source_object, cancellable, on_thread_done, NULL);
  g_task_set_source_tag (inner, start_op);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, g_object_ref (task), g_object_unref);
  g_task_run_in_thread (inner, op_thread);
}

static gboolean
finish_boolean (ShequWorkspace  *self,
                GAsyncResult    *result,
                gpointer         source_tag,
                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Public                                                                   */

ShequWorkspace *
shequ_workspace_open (const char          *path,
                      ShequDatabaseFlags   flags,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_workspace (path, flags, cancellable, NULL, error);
}

void
shequ_workspace_open_async (const char            *path,
                            ShequDatabaseFlags     flags,
                            GCancellable          *cancellable,
                            GFileProgressCallback  progress,
                            gpointer               progress_data,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  Op *op;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  op = op_new (OP_OPEN, path, NULL, progress, progress_data);
  op->flags = flags;
  start_op (NULL, op, cancellable, callback, user_data, shequ_workspace_open_async);
}

ShequWorkspace *
shequ_workspace_open_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == shequ_workspace_open_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

ShequDatabase *
shequ_workspace_get_database (ShequWorkspace *self)
{
  g_return_val_if_fail (SHEQU_IS_WORKSPACE (self), NULL);
  return self->store != NULL ? shequ_org_store_get_database (self->store) : NULL;
}

ShequOrgStore *
shequ_workspace_get_store (ShequWorkspace *self)
{
  g_return_val_if_fail (SHEQU_IS_WORKSPACE (self), NULL);
  return self->store;
}

static void
start_database_op (ShequWorkspace        *self,
                   OpKind                 kind,
                   const char            *other_path,
                   GCancellable          *cancellable,
                   GFileProgressCallback  progress,
                   gpointer               progress_data,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data,
                   gpointer               source_tag)
{
  Op *op;

  g_assert (SHEQU_IS_WORKSPACE (self));

  op = op_new (kind, self->path, other_path, progress, progress_data);
  op->flags = self->flags;
  start_op (self, op, cancellable, callback, user_data, source_tag);
}

void
shequ_workspace_back_up_async (ShequWorkspace        *self,
                               const char            *dest_path,
                               GCancellable          *cancellable,
                               GFileProgressCallback  progress,
                               gpointer               progress_data,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_return_if_fail (SHEQU_IS_WORKSPACE (self));
  g_return_if_fail (dest_path != NULL);

  start_database_op (self, OP_BACK_UP, dest_path, cancellable, progress, progress_data,
                     callback, user_data, shequ_workspace_back_up_async);
}

gboolean
shequ_workspace_back_up_finish (ShequWorkspace  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (SHEQU_IS_WORKSPACE (self), FALSE);
  return finish_boolean (self, result, shequ_workspace_back_up_async, error);
}

void
shequ_workspace_daily_backup_async (ShequWorkspace        *self,
                                    GCancellable          *cancellable,
                                    GFileProgressCallback  progress,
                                    gpointer               progress_data,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_return_if_fail (SHEQU_IS_WORKSPACE (self));

  start_database_op (self, OP_DAILY_BACKUP, NULL, cancellable, progress, progress_data,
                     callback, user_data, shequ_workspace_daily_backup_async);
}

gboolean
shequ_workspace_daily_backup_finish (ShequWorkspace  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (SHEQU_IS_WORKSPACE (self), FALSE);
  return finish_boolean (self, result, shequ_workspace_daily_backup_async, error);
}

void
shequ_workspace_check_integrity_async (ShequWorkspace        *self,
                                       GCancellable          *cancellable,
                                       GFileProgressCallback  progress,
                                       gpointer               progress_data,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_return_if_fail (SHEQU_IS_WORKSPACE (self));

  start_database_op (self, OP_CHECK_INTEGRITY, NULL, cancellable, progress, progress_data,
                     callback, user_data, shequ_workspace_check_integrity_async);
}

gboolean
shequ_workspace_check_integrity_finish (ShequWorkspace  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (SHEQU_IS_WORKSPACE (self), FALSE);
  return finish_boolean (self, result, shequ_workspace_check_integrity_async, error);
}

gboolean
shequ_workspace_restore (ShequWorkspace  *self,
                         const char      *backup_path,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  ShequOrgStore *store;
  Op op = { .kind = OP_RESTORE };

  g_return_val_if_fail (SHEQU_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  op.path = self->path;
  op.other_path = (char *) backup_path;
  op.flags = self->flags;
  store = restore_in_worker (&op, cancellable, &local_error);
  if (store == NULL && !op.restored)
    replace_if_cancelled (cancellable, &local_error);
  return finish_restore (self, &op, store, g_steal_pointer (&local_error), error);
}

void
shequ_workspace_restore_async (ShequWorkspace        *self,
                               const char            *backup_path,
                               GCancellable          *cancellable,
                               GFileProgressCallback  progress,
                               gpointer               progress_data,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_return_if_fail (SHEQU_IS_WORKSPACE (self));
  g_return_if_fail (backup_path != NULL);

  start_database_op (self, OP_RESTORE, backup_path, cancellable, progress, progress_data,
                     callback, user_data, shequ_workspace_restore_async);
}

gboolean
shequ_workspace_restore_finish (ShequWorkspace  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (SHEQU_IS_WORKSPACE (self), FALSE);
  return finish_boolean (self, result, shequ_workspace_restore_async, error);
}

gboolean
shequ_workspace_restore_file (const char    *path,
                              const char    *backup_path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  return _shequ_database_restore_file_full (path, backup_path, cancellable, NULL, NULL, error);
}

void
shequ_workspace_restore_file_async (const char            *path,
                                    const char            *backup_path,
                                    GCancellable          *cancellable,
                                    GFileProgressCallback  progress,
                                    gpointer               progress_data,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (backup_path != NULL);

  start_op (NULL, op_new (OP_RESTORE_FILE, path, backup_path, progress, progress_data),
            cancellable, callback, user_data, shequ_workspace_restore_file_async);
}

gboolean
shequ_workspace_restore_file_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return finish_boolean (NULL, result, shequ_workspace_restore_file_async, error);
}

void
shequ_workspace_import_async (ShequWorkspace        *self,
                              ShequIoTable           table,
                              GFile                 *file,
                              ShequIoFormat          format,
                              ShequIoEncoding        encoding,
                              GCancellable          *cancellable,
                              GFileProgressCallback  progress,
                              gpointer               progress_data,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  Op *op;

  g_return_if_fail (SHEQU_IS_WORKSPACE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  op = op_new (OP_IMPORT, self->path, NULL, progress, progress_data);
  op->table = table;
  op->file = g_object_ref (file);
  op->format = format;
  op->encoding = encoding;
  start_op (self, op, cancellable, callback, user_data, shequ_workspace_import_async);
}

gboolean
shequ_workspace_import_finish (ShequWorkspace  *self,
                               GAsyncResult    *result,
                               guint           *n_rows,
                               GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_WORKSPACE (self), FALSE);

  ok = finish_boolean (self, result, shequ_workspace_import_async, error);
  if (n_rows != NULL)
    *n_rows = ok ? ((Op *) g_task_get_task_data (G_TASK (result)))->n_rows : 0;
  return ok;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
shequ_workspace_dispose (GObject *object)
{
  ShequWorkspace *self = SHEQU_WORKSPACE (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (shequ_workspace_parent_class)->dispose (object);
}

static void
shequ_workspace_finalize (GObject *object)
{
  ShequWorkspace *self = SHEQU_WORKSPACE (object);

  g_free (self->path);

  G_OBJECT_CLASS (shequ_workspace_parent_class)->finalize (object);
}

static void
shequ_workspace_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShequWorkspace *self = SHEQU_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_workspace_class_init (ShequWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shequ_workspace_dispose;
  object_class->finalize = shequ_workspace_finalize;
  object_class->get_property = shequ_workspace_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_ORG_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shequ_workspace_init (ShequWorkspace *self)
{
}
