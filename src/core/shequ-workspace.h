/* shequ-workspace.h — one database and its store, and the long work on them, off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-database.h"
#include "shequ-io.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_WORKSPACE (shequ_workspace_get_type ())
G_DECLARE_FINAL_TYPE (ShequWorkspace, shequ_workspace, SHEQU, WORKSPACE, GObject)

/* Every _async call below works in a thread with an SQLite connection of its own (WAL
 * lets it read while the store keeps writing); the store is only touched on the
 * thread-default main context of the _async call, where the callback runs too.
 *
 * Progress is a GFileProgressCallback given to each call, as g_file_copy_async() takes
 * one: it belongs to that call (several may run at once, which one "progress" property
 * could not tell apart) and is invoked on the same main context, never after the
 * callback. Its units: pages of the database for backups and restores, bytes of the
 * file for imports, steps (of 2) for open; an integrity check reports 0 then 1 of 1.
 * Updates the main context has not shown yet are merged into the newest one.
 *
 * Cancelled, each returns G_IO_ERROR_CANCELLED and has changed nothing: a backup
 * leaves no file, a restore no change, an import nothing applied. A cancel that comes
 * after the work is done does not hide that it was done: the result says what happened.
 *
 * The worker of open builds the store; afterwards the store is only used on the main
 * context. */

/* Properties: "path" (read-only), "store" (read-only; replaced by a restore, NULL when
 * the file cannot be read any more after one). */

/* Opens the database (FLAGS as for shequ_database_open) and reads the store. */
ShequWorkspace *shequ_workspace_open                (const char             *path,
                                                     ShequDatabaseFlags      flags,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
void            shequ_workspace_open_async          (const char             *path,
                                                     ShequDatabaseFlags      flags,
                                                     GCancellable           *cancellable,
                                                     GFileProgressCallback   progress,
                                                     gpointer                progress_data,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
ShequWorkspace *shequ_workspace_open_finish         (GAsyncResult           *result,
                                                     GError                **error);

ShequDatabase  *shequ_workspace_get_database        (ShequWorkspace         *self);
ShequOrgStore  *shequ_workspace_get_store           (ShequWorkspace         *self);

/* A checked copy at DEST_PATH (shequ_database_backup_to). */
void            shequ_workspace_back_up_async       (ShequWorkspace         *self,
                                                     const char             *dest_path,
                                                     GCancellable           *cancellable,
                                                     GFileProgressCallback   progress,
                                                     gpointer                progress_data,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean        shequ_workspace_back_up_finish      (ShequWorkspace         *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);
/* Today's backup into the backup folder, if there is none yet (shequ_database_daily_backup). */
void            shequ_workspace_daily_backup_async  (ShequWorkspace         *self,
                                                     GCancellable           *cancellable,
                                                     GFileProgressCallback   progress,
                                                     gpointer                progress_data,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean        shequ_workspace_daily_backup_finish (ShequWorkspace         *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);
/* The full integrity check: FALSE with SHEQU_DB_ERROR_CORRUPT and the report. */
void            shequ_workspace_check_integrity_async  (ShequWorkspace         *self,
                                                        GCancellable           *cancellable,
                                                        GFileProgressCallback   progress,
                                                        gpointer                progress_data,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
gboolean        shequ_workspace_check_integrity_finish (ShequWorkspace         *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);

/* Replaces the database with the checked backup at BACKUP_PATH (the current state is
 * backed up first), then reads the store again: "store" changes (undo history belongs
 * to the replaced state). */
gboolean        shequ_workspace_restore             (ShequWorkspace         *self,
                                                     const char             *backup_path,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
void            shequ_workspace_restore_async       (ShequWorkspace         *self,
                                                     const char             *backup_path,
                                                     GCancellable           *cancellable,
                                                     GFileProgressCallback   progress,
                                                     gpointer                progress_data,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean        shequ_workspace_restore_finish      (ShequWorkspace         *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);
/* Restores the file at PATH from BACKUP_PATH without opening PATH (a damaged file that
 * cannot be opened is moved aside, never deleted); then open PATH again. */
gboolean        shequ_workspace_restore_file        (const char             *path,
                                                     const char             *backup_path,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
void            shequ_workspace_restore_file_async  (const char             *path,
                                                     const char             *backup_path,
                                                     GCancellable           *cancellable,
                                                     GFileProgressCallback   progress,
                                                     gpointer                progress_data,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean        shequ_workspace_restore_file_finish (GAsyncResult           *result,
                                                     GError                **error);

/* Reads FILE and checks every line in a thread, then applies it to the store on the
 * main context in one undoable change; a file with errors changes nothing. N_ROWS
 * (nullable) gets the number of rows imported. */
void            shequ_workspace_import_async        (ShequWorkspace         *self,
                                                     ShequIoTable            table,
                                                     GFile                  *file,
                                                     ShequIoFormat           format,
                                                     ShequIoEncoding         encoding,
                                                     GCancellable           *cancellable,
                                                     GFileProgressCallback   progress,
                                                     gpointer                progress_data,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean        shequ_workspace_import_finish       (ShequWorkspace         *self,
                                                     GAsyncResult           *result,
                                                     guint                  *n_rows,
                                                     GError                **error);

G_END_DECLS
