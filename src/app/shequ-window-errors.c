/* shequ-window-errors.c — what the window shows when its database fails: the error page, the
 * damaged-file and load-error dialogs, and restoring a damaged file from them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-window-private.h"

static void restore_damaged (const char *backup_path, gpointer user_data);

void
_shequ_window_present_damaged_dialog (ShequWindow  *self,
                                      const GError *error)
{
  GtkWidget *dialog;

  _shequ_window_close_dialog (self);
  dialog = shequ_damaged_dialog_new (GTK_WINDOW (self), self->database_path, error->message,
                                     restore_damaged, self, NULL);
  _shequ_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_load_dialog_response (GtkDialog   *dialog,
                         int          response,
                         ShequWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == SHEQU_WINDOW_RESPONSE_RETRY)
    shequ_window_load (self);
}

void
_shequ_window_present_load_error_dialog (ShequWindow *self)
{
  const GError *error = self->load_error;
  GtkWidget *dialog;

  if (error == NULL)
    return;

  _shequ_window_close_dialog (self);

  if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
    {
      _shequ_window_present_damaged_dialog (self, error);
      return;
    }
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_LOCKED))
    {
      dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE, "%s",
                                       gtk_label_get_text (self->error_title));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                error->message);
      gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Close"), GTK_RESPONSE_CLOSE);
      gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Try Again"),
                             SHEQU_WINDOW_RESPONSE_RETRY);
      gtk_dialog_set_default_response (GTK_DIALOG (dialog), SHEQU_WINDOW_RESPONSE_RETRY);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_load_dialog_response),
                               self, 0);
    }
  else
    {
      dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s",
                                       gtk_label_get_text (self->error_title));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
    }

  _shequ_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_shequ_window_present_load_error_idle (gpointer data)
{
  ShequWindow *self = data;

  self->dialog_idle_id = 0;
  _shequ_window_present_load_error_dialog (self);
  return G_SOURCE_REMOVE;
}

void
_shequ_window_show_load_error (ShequWindow *self)
{
  const GError *error = self->load_error;
  g_autofree char *base = g_path_get_basename (self->database_path);
  g_autofree char *title = NULL;

  g_assert (error != NULL);

  if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER))
    title = g_strdup_printf (_("The database “%s” was written by a newer version of Shequ"),
                             base);
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
    title = g_strdup_printf (_("The database “%s” is damaged"), base);
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_LOCKED))
    title = g_strdup_printf (_("The database “%s” is in use by another program"), base);
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU))
    title = g_strdup_printf (_("“%s” is not a Shequ database"), base);
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_REPLACED))
    title = g_strdup_printf (_("The files of the database “%s” were changed by another program"),
                             base);
  else
    title = g_strdup_printf (_("Could not open the database “%s”"), base);

  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_message, error->message);
  gtk_widget_set_visible (self->error_restore_button,
                          g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT));
  gtk_widget_set_visible (self->error_retry_button,
                          !g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER) &&
                          !g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU));

  _shequ_window_update_page (self);
  _shequ_window_update_actions (self);

  /* A dialog needs its parent on screen to sit on top of it. */
  g_clear_handle_id (&self->dialog_idle_id, g_source_remove);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _shequ_window_present_load_error_dialog (self);
  else
    self->dialog_idle_id = 0;  /* shown from map() */
}

static void
restore_damaged (const char *backup_path,
                 gpointer    user_data)
{
  _shequ_window_restore_damaged (SHEQU_WINDOW (user_data), backup_path);
}
