/* shequ-dialogs.h — message dialogs, file choosers and the damaged-database dialog */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal message dialog that closes itself on any response. SECONDARY may be long
 * (an import error lists every bad line): it is then shown in a scrolled, selectable
 * text area instead of a label. Returns the dialog (owned by GTK). */
GtkWidget            *shequ_show_message          (GtkWindow        *parent,
                                                   GtkMessageType    type,
                                                   const char       *primary,
                                                   const char       *secondary);

/* A modal dialog with a Cancel and an ACCEPT_LABEL button; ON_ACCEPT runs only when
 * the user accepts. DESTRUCTIVE styles the accept button as such. */
typedef void (*ShequDialogFunc) (gpointer user_data);
GtkWidget            *shequ_confirm               (GtkWindow        *parent,
                                                   const char       *primary,
                                                   const char       *secondary,
                                                   const char       *accept_label,
                                                   gboolean          destructive,
                                                   ShequDialogFunc   on_accept,
                                                   gpointer          user_data,
                                                   GDestroyNotify    destroy);

/* Gives the dialog window WINDOW its header bar: no title buttons, a Cancel button that
 * closes WINDOW (in *CANCEL_BUTTON) and an ACCEPT_LABEL button, suggested and the default
 * widget, which is returned for the caller to connect. */
GtkWidget            *shequ_dialog_add_header     (GtkWindow        *window,
                                                   const char       *accept_label,
                                                   GtkWidget       **cancel_button);

/* A native file chooser, modal for PARENT. */
GtkFileChooserNative *shequ_file_chooser_new      (GtkWindow            *parent,
                                                   const char           *title,
                                                   GtkFileChooserAction  action,
                                                   const char           *accept_label);
/* What every chooser the app shows does with its answer: FUNC gets the chosen file, or
 * NULL when the user cancels; the chooser is destroyed after it. FOLDER (nullable) is
 * where it opens, when that folder exists. Takes NATIVE (from shequ_file_chooser_new)
 * and drops it after the answer, or in shequ_file_chooser_close(). */
typedef void (*ShequFileChosenFunc) (GFile          *file,
                                     GtkFileChooser *chooser,
                                     gpointer        user_data);
void                  shequ_file_chooser_run      (GtkFileChooserNative *native,
                                                   const char           *folder,
                                                   ShequFileChosenFunc   func,
                                                   gpointer              user_data,
                                                   GDestroyNotify        destroy);
/* Hides a chooser started with shequ_file_chooser_run() without calling its FUNC. */
void                  shequ_file_chooser_close    (GtkFileChooserNative *native);
/* Filters for CSV and JSON tables (and one for both). */
void                  shequ_file_chooser_add_table_filters    (GtkFileChooser *chooser);
/* A filter for Shequ database files (*.db). */
void                  shequ_file_chooser_add_database_filter  (GtkFileChooser *chooser);

/* The dialog for a database that cannot be read: the path, DETAIL (the core's
 * message), the backups of DB_PATH with their dates, and Restore / Choose File… /
 * Close. ON_RESTORE gets the path of the backup the user picked; it is not called
 * when the user closes the dialog. */
typedef void (*ShequRestoreFunc) (const char *backup_path,
                                  gpointer    user_data);
GtkWidget            *shequ_damaged_dialog_new    (GtkWindow        *parent,
                                                   const char       *db_path,
                                                   const char       *detail,
                                                   ShequRestoreFunc  on_restore,
                                                   gpointer          user_data,
                                                   GDestroyNotify    destroy);

G_END_DECLS
