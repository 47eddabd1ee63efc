/* shequ-window.h — a main window: one database, its views, menu, undo and toasts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-io.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_WINDOW (shequ_window_get_type ())
G_DECLARE_FINAL_TYPE (ShequWindow, shequ_window, SHEQU, WINDOW, GtkApplicationWindow)

/* Properties: "database-path" (construct-only), "store" (read-only, NULL until
 * loaded or when the database could not be opened), "page" (read-only: "loading"
 * until the database is read, then "welcome", "org", "compliance" or "error").
 *
 * Window actions: win.undo, win.redo, win.import-units, win.import-people,
 * win.export-units, win.export-people, win.backup, win.restore,
 * win.check-integrity, win.view-org, win.view-compliance, win.close,
 * win.open-sample, win.create-street ((ss): name, county code), win.retry-open,
 * win.add-unit (a unit below the selected one; the first area of an empty street),
 * win.show-shortcuts (the shortcuts window, built when first shown).
 * The welcome page and the compliance panel are built when first shown (or asked
 * for through their getters). */

/* The "Try Again" response of the dialog about a database that could not be opened. */
#define SHEQU_WINDOW_RESPONSE_RETRY 1

ShequWindow   *shequ_window_new                (GtkApplication *application,
                                                const char     *database_path);
const char    *shequ_window_get_database_path  (ShequWindow    *self);

/* Opens the database and builds the store. On failure the window shows an error
 * page and, once it is on screen, a dialog (newer, damaged, locked, other); the
 * file is not written to. Returns whether the database is open. */
gboolean       shequ_window_load               (ShequWindow    *self);
/* Starts reading the database at PATH (canonical) in a thread before any window
 * exists, e.g. while GTK starts; the first shequ_window_load_async() of a window on
 * that file takes the result instead of reading it again. */
void           shequ_window_preload            (const char     *path);
/* Same, reading the file in a thread while the window shows a loading page. */
void              shequ_window_load_async (ShequWindow *self);

/* Shows the organisation, compliance or map view ("org", "compliance", "map") when a
 * street exists. */
void           shequ_window_set_view           (ShequWindow    *self,
                                                const char     *name);
/* Presents the window once shequ_window_load_async() has read the database, or
 * after half a second with the loading page, whichever comes first. */
void           shequ_window_present_when_loaded (ShequWindow   *self);
/* Shows a notification with an Undo button for a few seconds. */
void           shequ_window_show_toast         (ShequWindow    *self,
                                                const char     *text,
                                                gboolean        with_undo);

/* What Import… and Export… do once a file is chosen: the units (or PEOPLE) read
 * from / written to FILE (CSV or JSON by its extension; CSV when it has none),
 * then a notification, with Undo after an import, or a dialog with the error. */
gboolean       shequ_window_import_file        (ShequWindow    *self,
                                                GFile          *file,
                                                gboolean        people,
                                                ShequIoEncoding encoding);
gboolean       shequ_window_export_file        (ShequWindow    *self,
                                                GFile          *file,
                                                gboolean        people);

/* What Back Up… does once a file is chosen: a checked copy of the database at
 * DEST_PATH, made in a thread; a notification when done, a dialog on error. */
void           shequ_window_back_up            (ShequWindow    *self,
                                                const char     *dest_path);
/* What Restore From Backup… does once a file is chosen: asks for confirmation,
 * then replaces the database with BACKUP_PATH and shows it. */
void           shequ_window_restore            (ShequWindow    *self,
                                                const char     *backup_path);

/* Quit the application at the first frame drawn after the main view is mapped. */
void           shequ_window_set_bench_first_frame (ShequWindow *self,
                                                   gboolean     bench);
/* Once the database is read and the window on screen: saves each main view (the
 * organisation view, the compliance view, the welcome page; the error page when the
 * database could not be opened) as DIR/shequ-<page>.png, drawn by the window itself,
 * prints each file's path on stdout, then quits the application. */
void           shequ_window_take_screenshots   (ShequWindow    *self,
                                                const char     *dir);

/* Whether to make the daily backup after opening (default TRUE; FALSE when the
 * environment variable SHEQU_NO_DAILY_BACKUP is set). */
void           shequ_window_set_daily_backup   (ShequWindow    *self,
                                                gboolean        enabled);

G_END_DECLS
