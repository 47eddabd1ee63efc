/* shequ-db-locks.h — SQLite's file locks, kept by open file description */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Routes the locks of SQLite's unix VFS through one open file description per file
 * (Linux OFD locks), so that a close() of any other descriptor of the database, its
 * -wal or its -shm in this process (a file chooser sniffing the content type, a
 * thumbnailer, a copy) no longer drops them. Idempotent; called before every open. */
void     shequ_db_locks_install      (void);

/* TRUE when the locks are open-file-description locks (FALSE on a kernel without
 * them, where SQLite's own POSIX locks are used unchanged). */
gboolean shequ_db_locks_are_ofd      (void);

/* Checks that the files SQLite has open for DB_PATH (its full path as SQLite sees it:
 * sqlite3_db_filename()) — the database, its -wal and its -shm — are still the files on
 * disk under those names, not deleted or replaced by another program. FALSE with a
 * SHEQU_DB_ERROR_REPLACED error naming the file otherwise. */
gboolean shequ_db_locks_check_files  (const char  *db_path,
                                      GError     **error);

G_END_DECLS
