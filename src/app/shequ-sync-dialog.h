/* shequ-sync-dialog.h — the central server's settings: address, token, interval, CA file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The server address (checked: http or https, a host), the token in a password entry
 * (kept with shequ_sync_token_save, in the keyring or a 0600 file, never in the
 * database; left empty, the token kept before stays), the interval of automatic sync in
 * minutes (0: off) and a CA file. Settings keys "sync-server", "sync-interval",
 * "sync-ca-file". Save closes it; Save and Sync Now also emits "sync-requested".
 * Signal "saved", "sync-requested". */
#define SHEQU_TYPE_SYNC_DIALOG (shequ_sync_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShequSyncDialog, shequ_sync_dialog, SHEQU, SYNC_DIALOG, GtkWindow)

/* SETTINGS may be NULL (nothing kept but the token). */
ShequSyncDialog *shequ_sync_dialog_new  (GtkWindow       *parent,
                                         GSettings       *settings);
/* What Save does: FALSE and why (also shown in the dialog) for a bad address, an
 * unreadable CA file, a token that could not be kept. */
gboolean         shequ_sync_dialog_save (ShequSyncDialog *self,
                                         GError         **error);
/* For the tests: the fields. */
GtkEditable     *shequ_sync_dialog_get_server_entry  (ShequSyncDialog *self);
GtkEditable     *shequ_sync_dialog_get_token_entry   (ShequSyncDialog *self);
GtkSpinButton   *shequ_sync_dialog_get_interval_spin (ShequSyncDialog *self);
GtkEditable     *shequ_sync_dialog_get_ca_entry      (ShequSyncDialog *self);
GtkButton       *shequ_sync_dialog_get_test_button   (ShequSyncDialog *self);
/* The message under the fields ("" when none shows) and whether it is an error. */
const char      *shequ_sync_dialog_get_message       (ShequSyncDialog *self,
                                                      gboolean        *is_error);

/* Whether URL is a server address Shequ can sync with: http:// or https://, a host, no
 * user name, query or fragment. The error says what is wrong with it. */
gboolean         shequ_sync_check_server_url (const char  *url,
                                              GError     **error);

G_END_DECLS
