/* shequ-dialogs.c — message dialogs, file choosers and the damaged-database dialog */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-database.h"
#include "shequ-dialogs.h"

/* Longer than this, or more lines than this (a heading and a list, as an import's
 * problems), and a message goes in a scrolled area with Copy and Save…. */
#define LONG_MESSAGE_CHARS 400
#define LONG_MESSAGE_LINES 1

enum {
  RESPONSE_CHOOSE_FILE = 1,
};

static gboolean
is_long_message (const char *text)
{
  guint lines = 1;

  if (text == NULL)
    return FALSE;
  if (g_utf8_strlen (text, -1) > LONG_MESSAGE_CHARS)
    return TRUE;
  for (const char *p = text; *p; p++)
    if (*p == '\n')
      lines++;
  return lines > LONG_MESSAGE_LINES;
}

static GtkWidget *
make_scrolled_text (const char *text)
{
  GtkWidget *scrolled;
  GtkWidget *view;
  GtkTextBuffer *buffer;

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_add_css_class (view, "shequ-message-text");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Details"),
                                  -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  /* Large enough to read a list of problems without scrolling every few lines: GTK 4.8
   * does not give a wrapped text view its natural height here, so count its lines. */
  {
    guint lines = 1;

    for (const char *p = text; *p != '\0'; p++)
      lines += *p == '\n';
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                                CLAMP (lines * 26 + 24, 120, 420));
  }
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 520);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_size_request (scrolled, 640, -1);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  return scrolled;
}

static void
on_copy_clicked (GtkButton  *button,
                 const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
}

static void
on_save_chosen (GFile          *file,
                GtkFileChooser *chooser,
                gpointer        user_data)
{
  GtkWidget *dialog = user_data;
  const char *text = g_object_get_data (G_OBJECT (dialog), "shequ-message-text");
  g_autoptr(GError) error = NULL;

  if (file != NULL && text != NULL &&
      !g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    shequ_show_message (GTK_WINDOW (dialog), GTK_MESSAGE_ERROR,
                        _("Could not save the message"), error->message);
}

static void
on_save_clicked (GtkButton *button,
                 GtkWidget *dialog)
{
  GtkFileChooserNative *native;

  native = shequ_file_chooser_new (GTK_WINDOW (dialog), _("Save the Message"),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  /* Translators: the default file name for a saved message */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("problems.txt"));
  shequ_file_chooser_run (native, NULL, on_save_chosen, g_object_ref (dialog), g_object_unref);
}

/* Copy and Save… for a long message (an import's list of problems), so the whole list
 * can go to a colleague or next to the spreadsheet being fixed. */
static GtkWidget *
make_message_actions (GtkWidget  *dialog,
                      const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("Co_py"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save…"));

  g_object_set_data_full (G_OBJECT (dialog), "shequ-message-text", g_strdup (text), g_free);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (copy, _("Copy the whole message"));
  gtk_widget_set_tooltip_text (save, _("Save the whole message as a text file"));
  gtk_widget_set_name (copy, "shequ-message-copy");
  gtk_widget_set_name (save, "shequ-message-save");
  g_signal_connect_data (copy, "clicked", G_CALLBACK (on_copy_clicked), g_strdup (text),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked), dialog);
  gtk_box_append (GTK_BOX (box), copy);
  gtk_box_append (GTK_BOX (box), save);
  return box;
}

static GtkWidget *
message_dialog_new (GtkWindow      *parent,
                    GtkMessageType  type,
                    GtkButtonsType  buttons,
                    const char     *primary,
                    const char     *secondary)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   type, buttons, "%s", primary);
  if (secondary != NULL && is_long_message (secondary))
    {
      GtkWidget *area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));

      gtk_box_append (GTK_BOX (area), make_scrolled_text (secondary));
      gtk_box_append (GTK_BOX (area), make_message_actions (dialog, secondary));
      gtk_window_set_resizable (GTK_WINDOW (dialog), TRUE);
      gtk_window_set_default_size (GTK_WINDOW (dialog), 720, -1);
    }
  else if (secondary != NULL)
    {
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
    }
  return dialog;
}

GtkWidget *
shequ_show_message (GtkWindow      *parent,
                    GtkMessageType  type,
                    const char     *primary,
                    const char     *secondary)
{
  GtkWidget *dialog;

  g_return_val_if_fail (primary != NULL, NULL);

  dialog = message_dialog_new (parent, type, GTK_BUTTONS_CLOSE, primary, secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* A ShequDialogFunc or a ShequFileChosenFunc, with its data. */
typedef struct {
  GCallback        func;
  gpointer         user_data;
  GDestroyNotify   destroy;
} Callback;

static Callback *
callback_new (GCallback       func,
              gpointer        user_data,
              GDestroyNotify  destroy)
{
  Callback *cb = g_new0 (Callback, 1);

  cb->func = func;
  cb->user_data = user_data;
  cb->destroy = destroy;
  return cb;
}

static void
callback_free (gpointer data)
{
  Callback *cb = data;

  if (cb->destroy != NULL)
    cb->destroy (cb->user_data);
  g_free (cb);
}

static void
on_confirm_response (GtkDialog *dialog,
                     int        response,
                     Callback  *cb)
{
  /* The dialog goes first, so ON_ACCEPT may open another one. */
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  if (response == GTK_RESPONSE_ACCEPT && cb->func != NULL)
    ((ShequDialogFunc) cb->func) (cb->user_data);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

GtkWidget *
shequ_confirm (GtkWindow       *parent,
               const char      *primary,
               const char      *secondary,
               const char      *accept_label,
               gboolean         destructive,
               ShequDialogFunc  on_accept,
               gpointer         user_data,
               GDestroyNotify   destroy)
{
  GtkWidget *dialog;
  GtkWidget *accept;
  Callback *cb;

  g_return_val_if_fail (primary != NULL, NULL);
  g_return_val_if_fail (accept_label != NULL, NULL);

  dialog = message_dialog_new (parent, GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                               primary, secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  accept = gtk_dialog_add_button (GTK_DIALOG (dialog), accept_label, GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (accept, destructive ? "destructive-action" : "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog),
                                   destructive ? GTK_RESPONSE_CANCEL : GTK_RESPONSE_ACCEPT);

  cb = callback_new (G_CALLBACK (on_accept), user_data, destroy);
  g_object_set_data_full (G_OBJECT (dialog), "shequ-callback", cb, callback_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), cb);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

GtkWidget *
shequ_dialog_add_header (GtkWindow   *window,
                         const char  *accept_label,
                         GtkWidget  **cancel_button)
{
  GtkWidget *header;
  GtkWidget *cancel;
  GtkWidget *accept;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (accept_label != NULL, NULL);
  g_return_val_if_fail (cancel_button != NULL, NULL);

  header = gtk_header_bar_new ();
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  accept = gtk_button_new_with_mnemonic (accept_label);
  gtk_widget_add_css_class (accept, "suggested-action");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), accept);
  gtk_window_set_titlebar (window, header);
  gtk_window_set_default_widget (window, accept);
  *cancel_button = cancel;
  return accept;
}

GtkFileChooserNative *
shequ_file_chooser_new (GtkWindow            *parent,
                        const char           *title,
                        GtkFileChooserAction  action,
                        const char           *accept_label)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  return native;
}

static void
on_chooser_response (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  Callback *cb = g_object_get_data (G_OBJECT (native), "shequ-chosen");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_signal_handlers_disconnect_by_func (native, on_chooser_response, user_data);
  if (cb != NULL)
    ((ShequFileChosenFunc) cb->func) (file, GTK_FILE_CHOOSER (native), cb->user_data);
  gtk_native_dialog_destroy (native);
  /* The reference shequ_file_chooser_run() took. */
  g_object_unref (native);
}

void
shequ_file_chooser_run (GtkFileChooserNative *native,
                        const char           *folder,
                        ShequFileChosenFunc   func,
                        gpointer              user_data,
                        GDestroyNotify        destroy)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (native));
  g_return_if_fail (func != NULL);

  if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), file, NULL);
    }
  g_object_set_data_full (G_OBJECT (native), "shequ-chosen",
                          callback_new (G_CALLBACK (func), user_data, destroy), callback_free);
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
shequ_file_chooser_close (GtkFileChooserNative *native)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (native));

  if (g_signal_handlers_disconnect_by_func (native, on_chooser_response, NULL) == 0)
    return;
  g_object_set_data (G_OBJECT (native), "shequ-chosen", NULL);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *const *patterns,
            const char     *const *mime_types)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
shequ_file_chooser_add_table_filters (GtkFileChooser *chooser)
{
  static const char *const both[] = { "*.csv", "*.CSV", "*.json", "*.JSON", NULL };
  static const char *const csv[] = { "*.csv", "*.CSV", NULL };
  static const char *const csv_types[] = { "text/csv", NULL };
  static const char *const json[] = { "*.json", "*.JSON", NULL };
  static const char *const json_types[] = { "application/json", NULL };

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  add_filter (chooser, _("CSV and JSON Files"), both, NULL);
  add_filter (chooser, _("CSV Files"), csv, csv_types);
  add_filter (chooser, _("JSON Files"), json, json_types);
}

void
shequ_file_chooser_add_database_filter (GtkFileChooser *chooser)
{
  static const char *const db[] = { "*.db", NULL };
  static const char *const all[] = { "*", NULL };

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  add_filter (chooser, _("Shequ Databases"), db, NULL);
  add_filter (chooser, _("All Files"), all, NULL);
}

/* "2024-05-01 08:00 · Daily backup · 1.2 MB" for a file from shequ_database_list_backups(). */
static char *
describe_backup (const char *backup_path)
{
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *base = NULL;
  g_autofree char *when = NULL;
  g_autofree char *size_text = NULL;
  ShequBackupKind kind;
  goffset size;

  if (shequ_database_describe_backup (backup_path, &kind, &modified, &size))
    {
      when = g_date_time_format (modified, "%Y-%m-%d %H:%M");
      size_text = g_format_size (size);
      /* Translators: date and time, the kind of backup, the file size */
      return g_strdup_printf (_("%s · %s · %s"), when, shequ_backup_kind_get_label (kind),
                              size_text);
    }
  base = g_path_get_basename (backup_path);
  return g_strdup_printf ("%s · %s", base, shequ_backup_kind_get_label (kind));
}

typedef struct {
  char             *db_path;
  GtkListBox       *list;
  ShequRestoreFunc  func;
  gpointer          user_data;
  GDestroyNotify    destroy;
} DamagedData;

static void
damaged_data_free (gpointer data)
{
  DamagedData *dd = data;

  if (dd->destroy != NULL)
    dd->destroy (dd->user_data);
  g_free (dd->db_path);
  g_free (dd);
}

static void
finish_restore (GtkWidget   *dialog,
                DamagedData *dd,
                const char  *backup_path)
{
  g_autofree char *path = g_strdup (backup_path);

  /* The dialog goes away first: restoring may show another one. */
  g_object_ref (dialog);
  gtk_widget_set_visible (dialog, FALSE);
  if (dd->func != NULL)
    dd->func (path, dd->user_data);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
on_damaged_chosen (GFile          *file,
                   GtkFileChooser *chooser,
                   gpointer        user_data)
{
  GtkWidget *dialog = user_data;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  DamagedData *dd = g_object_get_data (G_OBJECT (dialog), "shequ-damaged");

  if (path != NULL && dd != NULL)
    finish_restore (dialog, dd, path);
}

static void
on_damaged_response (GtkDialog   *dialog,
                     int          response,
                     DamagedData *dd)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkListBoxRow *row = dd->list != NULL ? gtk_list_box_get_selected_row (dd->list) : NULL;
      const char *path = row != NULL ? g_object_get_data (G_OBJECT (row), "shequ-path") : NULL;

      if (path != NULL)
        finish_restore (GTK_WIDGET (dialog), dd, path);
      return;
    }

  if (response == RESPONSE_CHOOSE_FILE)
    {
      GtkFileChooserNative *native;
      g_autofree char *dir = shequ_database_get_backup_dir (dd->db_path);

      native = shequ_file_chooser_new (GTK_WINDOW (dialog), _("Restore From Backup"),
                                       GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"));
      shequ_file_chooser_add_database_filter (GTK_FILE_CHOOSER (native));
      shequ_file_chooser_run (native, dir, on_damaged_chosen, g_object_ref (dialog),
                              g_object_unref);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The heading and the list of BACKUPS (newest selected) under it, in AREA. */
static GtkListBox *
append_backup_list (GtkWidget *area,
                    GPtrArray *backups)
{
  GtkWidget *heading;
  GtkWidget *scrolled;
  GtkWidget *list;

  heading = gtk_label_new (_("Choose a backup to restore. The damaged file is kept beside "
                             "it under a new name."));
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (heading), 50);
  gtk_label_set_xalign (GTK_LABEL (heading), 0.5);
  gtk_box_append (GTK_BOX (area), heading);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backups"),
                                  -1);
  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = g_ptr_array_index (backups, i);
      g_autofree char *text = describe_backup (path);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_widget_set_tooltip_text (row, path);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "shequ-path", g_strdup (path), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_list_box_select_row (GTK_LIST_BOX (list),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (area), scrolled);
  return GTK_LIST_BOX (list);
}

GtkWidget *
shequ_damaged_dialog_new (GtkWindow        *parent,
                          const char       *db_path,
                          const char       *detail,
                          ShequRestoreFunc  on_restore,
                          gpointer          user_data,
                          GDestroyNotify    destroy)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *base = NULL;
  g_autofree char *primary = NULL;
  GtkWidget *dialog;
  GtkWidget *area;
  GtkWidget *restore;
  DamagedData *dd;

  g_return_val_if_fail (db_path != NULL, NULL);

  base = g_path_get_basename (db_path);
  primary = g_strdup_printf (_("The database “%s” is damaged"), base);
  dialog = message_dialog_new (parent, GTK_MESSAGE_ERROR, GTK_BUTTONS_NONE, primary,
                               detail != NULL ? detail : db_path);
  gtk_widget_add_css_class (dialog, "shequ-damaged-dialog");
  area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));

  dd = g_new0 (DamagedData, 1);
  dd->db_path = g_strdup (db_path);
  dd->func = on_restore;
  dd->user_data = user_data;
  dd->destroy = destroy;
  g_object_set_data_full (G_OBJECT (dialog), "shequ-damaged", dd, damaged_data_free);

  backups = shequ_database_list_backups (db_path);
  if (backups->len > 0)
    dd->list = append_backup_list (area, backups);
  else
    {
      g_autofree char *dir = shequ_database_get_backup_dir (db_path);
      g_autofree char *text = g_strdup_printf (_("No backups were found in “%s”. "
                                                 "You can choose a backup file "
                                                 "from somewhere else."), dir);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
      gtk_box_append (GTK_BOX (area), label);
    }

  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Close"), GTK_RESPONSE_CLOSE);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Choose File…"), RESPONSE_CHOOSE_FILE);
  restore = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Restore Backup"),
                                   GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (restore, "suggested-action");
  gtk_widget_set_sensitive (restore, backups->len > 0);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog),
                                   backups->len > 0 ? GTK_RESPONSE_ACCEPT : GTK_RESPONSE_CLOSE);

  g_signal_connect (dialog, "response", G_CALLBACK (on_damaged_response), dd);
  return dialog;
}
