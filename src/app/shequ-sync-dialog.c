/* shequ-sync-dialog.c — the central server's settings: address, token, interval, CA file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-app-util.h"
#include "shequ-dialogs.h"
#include "shequ-sync-dialog.h"
#include "shequ-sync.h"

struct _ShequSyncDialog
{
  GtkWindow             parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;   /* weak */
  GCancellable         *testing;   /* the connection test under way, or NULL */

  /* Template widgets */
  GtkEntry             *server_entry;
  GtkPasswordEntry     *token_entry;
  GtkLabel             *token_hint;
  GtkSpinButton        *interval_spin;
  GtkLabel             *interval_hint;
  GtkEntry             *ca_entry;
  GtkWidget            *ca_button;
  GtkLabel             *message_label;
  GtkWidget            *save_button;
  GtkWidget            *sync_button;
  GtkWidget            *test_button;
  GtkWidget            *forget_button;
};

enum {
  SAVED,
  SYNC_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequSyncDialog, shequ_sync_dialog, GTK_TYPE_WINDOW)

gboolean
shequ_sync_check_server_url (const char  *url,
                             GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, FALSE);

  if (*url == '\0')
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("Give the central server’s address, e.g. https://gongkai.example.gov.cn"));
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("“%s” is not a server address: it begins with https:// (or http://)"), url);
      return FALSE;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("“%s” names no server"), url);
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("“%s” has parts a server address does not (a user name, “?” or “#”)"), url);
      return FALSE;
    }
  return TRUE;
}

static char *
dup_stripped (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* The address typed. Trailing slashes say nothing: one spelling per server, for the
 * token's lookup. */
static char *
dup_server (ShequSyncDialog *self)
{
  char *server = dup_stripped (GTK_EDITABLE (self->server_entry));

  while (g_str_has_suffix (server, "/"))
    server[strlen (server) - 1] = '\0';
  return server;
}

static void
show_message (ShequSyncDialog *self,
              const char      *text,
              gboolean         is_error)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
update_token_hint (ShequSyncDialog *self)
{
  g_autofree char *server = dup_server (self);
  g_autofree char *kept = NULL;
  const char *where = g_strcmp0 (shequ_sync_token_backend (), "keyring") == 0
                      ? _("in the keyring") : _("in a file only you can read");
  g_autofree char *hint = NULL;

  if (*server != '\0' && shequ_sync_check_server_url (server, NULL))
    kept = shequ_sync_token_lookup (server, NULL);
  if (kept != NULL)
    /* Translators: %s is where the token is kept: "in the keyring" or "in a file only you can read" */
    hint = g_strdup_printf (_("A token for this server is kept %s, not in the database. Type a new one only to replace it."), where);
  else
    hint = g_strdup_printf (_("The token the server’s administrator gave the office. It is kept %s, not in the database."), where);
  gtk_label_set_text (self->token_hint, hint);
  gtk_widget_set_sensitive (self->forget_button, kept != NULL);
}

static void
update_interval_hint (ShequSyncDialog *self)
{
  int minutes = gtk_spin_button_get_value_as_int (self->interval_spin);
  g_autofree char *hint = NULL;

  if (minutes == 0)
    hint = g_strdup (_("minutes (0: only when asked)"));
  else
    /* Translators: after the number of minutes between automatic syncs */
    hint = g_strdup (g_dngettext (GETTEXT_PACKAGE, "minute", "minutes", minutes));
  gtk_label_set_text (self->interval_hint, hint);
}

gboolean
shequ_sync_dialog_save (ShequSyncDialog  *self,
                        GError          **error)
{
  g_autofree char *server = NULL;
  g_autofree char *token = NULL;
  g_autofree char *ca = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SHEQU_IS_SYNC_DIALOG (self), FALSE);

  server = dup_server (self);
  token = dup_stripped (GTK_EDITABLE (self->token_entry));
  ca = dup_stripped (GTK_EDITABLE (self->ca_entry));

  if (!shequ_sync_check_server_url (server, &local_error))
    goto failed;
  if (*ca != '\0' && !g_file_test (ca, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (&local_error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("The CA file “%s” cannot be read"), ca);
      goto failed;
    }
  if (*token != '\0' && !shequ_sync_token_save (server, token, &local_error))
    goto failed;

  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "sync-server", server);
      g_settings_set_uint (self->settings, "sync-interval", gtk_spin_button_get_value_as_int (self->interval_spin));
      g_settings_set_string (self->settings, "sync-ca-file", ca);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->token_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->server_entry), server);
  show_message (self, NULL, FALSE);
  update_token_hint (self);
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;

failed:
  show_message (self, local_error->message, TRUE);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
on_save_clicked (ShequSyncDialog *self)
{
  if (shequ_sync_dialog_save (self, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_sync_clicked (ShequSyncDialog *self)
{
  if (!shequ_sync_dialog_save (self, NULL))
    return;
  g_signal_emit (self, signals[SYNC_REQUESTED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_test_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ShequSyncDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = shequ_sync_check_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->testing == NULL)
    return;
  g_clear_object (&self->testing);
  gtk_widget_set_sensitive (self->test_button, TRUE);
  if (ok)
    show_message (self, _("Connected: the central server answers and takes the token."), FALSE);
  else
    show_message (self, error->message, TRUE);
}

/* Tests what the dialog says (the typed token, else the one kept), without saving it. */
static void
on_test_clicked (ShequSyncDialog *self)
{
  g_autofree char *server = dup_server (self);
  g_autofree char *token = dup_stripped (GTK_EDITABLE (self->token_entry));
  g_autofree char *ca = dup_stripped (GTK_EDITABLE (self->ca_entry));
  g_autoptr(GError) error = NULL;
  ShequSyncOptions options = { 0 };
  if (!shequ_sync_check_server_url (server, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  if (*token == '\0')
    {
      g_free (token);
      if ((token = shequ_sync_token_lookup (server, &error)) == NULL)
        {
          show_message (self, error != NULL ? error->message
                                            : _("Type the token the server’s administrator gave the office."),
                        TRUE);
          return;
        }
    }
  options.server = server;
  options.token = token;
  options.ca_file = *ca != '\0' ? ca : NULL;
  options.timeout = 15;
  self->testing = g_cancellable_new ();
  gtk_widget_set_sensitive (self->test_button, FALSE);
  show_message (self, _("Connecting to the central server…"), FALSE);
  shequ_sync_check_async (&options, self->testing, on_test_done, g_object_ref (self));
}

static void
on_forget_clicked (ShequSyncDialog *self)
{
  g_autofree char *server = dup_server (self);
  g_autoptr(GError) error = NULL;

  if (!shequ_sync_token_clear (server, &error))
    show_message (self, error->message, TRUE);
  else
    show_message (self, _("The token is forgotten. Sync needs a new one."), FALSE);
  update_token_hint (self);
}

static void
on_ca_chosen (GFile          *file,
              GtkFileChooser *chooser,
              gpointer        user_data)
{
  ShequSyncDialog *self = SHEQU_SYNC_DIALOG (user_data);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->ca_entry), path);
}

static void
on_ca_clicked (ShequSyncDialog *self)
{
  GtkFileChooserNative *native = shequ_file_chooser_new (GTK_WINDOW (self), _("Choose the CA Certificate"),
                                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_set_weak_pointer (&self->chooser, native);
  shequ_file_chooser_run (native, NULL, on_ca_chosen, g_object_ref (self), g_object_unref);
}

static void
load_settings (ShequSyncDialog *self)
{
  g_autofree char *server = NULL;
  g_autofree char *ca = NULL;

  if (self->settings != NULL)
    {
      server = g_settings_get_string (self->settings, "sync-server");
      ca = g_settings_get_string (self->settings, "sync-ca-file");
      gtk_editable_set_text (GTK_EDITABLE (self->server_entry), server);
      gtk_editable_set_text (GTK_EDITABLE (self->ca_entry), ca);
      gtk_spin_button_set_value (self->interval_spin, g_settings_get_uint (self->settings, "sync-interval"));
    }
  update_token_hint (self);
  update_interval_hint (self);
}

static void
shequ_sync_dialog_dispose (GObject *object)
{
  ShequSyncDialog *self = SHEQU_SYNC_DIALOG (object);

  if (self->chooser != NULL)
    shequ_file_chooser_close (self->chooser);
  g_clear_weak_pointer (&self->chooser);
  g_cancellable_cancel (self->testing);
  g_clear_object (&self->testing);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_SYNC_DIALOG);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (shequ_sync_dialog_parent_class)->dispose (object);
}

static void
shequ_sync_dialog_class_init (ShequSyncDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_sync_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SYNC_REQUESTED] = g_signal_new ("sync-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/shequ/Shequ/ui/shequ-sync-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, server_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, token_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, token_hint);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, interval_hint);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, ca_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, ca_button);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, ShequSyncDialog, forget_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
shequ_sync_dialog_init (ShequSyncDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ca_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Choose the CA certificate file"), -1);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  g_signal_connect_swapped (self->sync_button, "clicked", G_CALLBACK (on_sync_clicked), self);
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (on_test_clicked), self);
  g_signal_connect_swapped (self->forget_button, "clicked", G_CALLBACK (on_forget_clicked), self);
  g_signal_connect_swapped (self->ca_button, "clicked", G_CALLBACK (on_ca_clicked), self);
  g_signal_connect_swapped (self->interval_spin, "value-changed", G_CALLBACK (update_interval_hint), self);
  g_signal_connect_swapped (self->server_entry, "changed", G_CALLBACK (update_token_hint), self);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
}

ShequSyncDialog *
shequ_sync_dialog_new (GtkWindow *parent,
                       GSettings *settings)
{
  ShequSyncDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SHEQU_TYPE_SYNC_DIALOG, "transient-for", parent, NULL);
  if (settings != NULL && shequ_settings_has_key (settings, "sync-server"))
    self->settings = g_object_ref (settings);
  load_settings (self);
  return self;
}

GtkEditable *
shequ_sync_dialog_get_server_entry (ShequSyncDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_SYNC_DIALOG (self), NULL);
  return GTK_EDITABLE (self->server_entry);
}

GtkEditable *
shequ_sync_dialog_get_token_entry (ShequSyncDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_SYNC_DIALOG (self), NULL);
  return GTK_EDITABLE (self->token_entry);
}

GtkSpinButton *
shequ_sync_dialog_get_interval_spin (ShequSyncDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_SYNC_DIALOG (self), NULL);
  return self->interval_spin;
}

GtkEditable *
shequ_sync_dialog_get_ca_entry (ShequSyncDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_SYNC_DIALOG (self), NULL);
  return GTK_EDITABLE (self->ca_entry);
}

GtkButton *
shequ_sync_dialog_get_test_button (ShequSyncDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_SYNC_DIALOG (self), NULL);
  return GTK_BUTTON (self->test_button);
}

const char *
shequ_sync_dialog_get_message (ShequSyncDialog *self,
                               gboolean        *is_error)
{
  GtkWidget *label;

  g_return_val_if_fail (SHEQU_IS_SYNC_DIALOG (self), NULL);
  label = GTK_WIDGET (self->message_label);
  if (is_error != NULL)
    *is_error = gtk_widget_has_css_class (label, "error");
  return gtk_widget_get_visible (label) ? gtk_label_get_text (self->message_label) : "";
}
