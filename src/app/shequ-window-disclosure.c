/* shequ-window-disclosure.c — the window's disclosures: their store, their page, and sync */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-conflict-dialog.h"
#include "shequ-disclosure-page-private.h"
#include "shequ-sync-dialog.h"
#include "shequ-sync-status.h"
#include "shequ-sync.h"
#include "shequ-window-private.h"

struct _ShequWindowDisclosure
{
  ShequDisclosureStore  *store;
  ShequDisclosurePage   *page;        /* built when first shown */
  ShequSyncStatusButton *status;      /* in the header bar */
  GCancellable          *cancellable; /* the sync running, or NULL */
  ShequSyncResult        last;        /* what the last sync did */
  guint                  timeout_id;  /* automatic sync */
  guint                  n_syncs;     /* finished since the window opened */
  gboolean               disposed;
};

/* ------------------------------------------------------------------------ */
/* The store                                                                 */

static void
update_sync_counts (ShequWindow *self)
{
  ShequWindowDisclosure *d = self->disclosure;
  ShequDisclosureFilter filter = SHEQU_DISCLOSURE_FILTER_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  guint pending = 0, n_conflicts = 0, refused = 0;

  if (d->status == NULL)
    return;
  if (d->store != NULL)
    {
      shequ_disclosure_store_get_sync_counts (d->store, &pending, &n_conflicts, &refused);
      if (n_conflicts > 0)
        rows = shequ_disclosure_store_list (d->store, &filter);
      for (guint i = 0; rows != NULL && i < rows->len; i++)
        if (((ShequDisclosureRow *) g_ptr_array_index (rows, i))->sync == SHEQU_SYNC_STATUS_CONFLICT)
          g_ptr_array_add (conflicts, g_ptr_array_index (rows, i));
    }
  shequ_sync_status_button_set_counts (d->status, pending, n_conflicts, refused);
  shequ_sync_status_button_set_conflicts (d->status, conflicts);
}

void
_shequ_window_set_disclosure_store (ShequWindow *self)
{
  ShequWindowDisclosure *d = self->disclosure;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosureStore) store = NULL;

  g_assert (SHEQU_IS_WINDOW (self));

  if (self->store != NULL)
    {
      store = shequ_disclosure_store_new (self->store, &error);
      if (store == NULL)
        _shequ_window_show_error (self, _("Could not read the disclosures"), error);
    }
  if (d->store != NULL)
    g_signal_handlers_disconnect_by_data (d->store, self);
  g_set_object (&d->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (update_sync_counts), self, G_CONNECT_SWAPPED);
  if (d->page != NULL)
    {
      shequ_disclosure_page_set_store (d->page, store);
      shequ_disclosure_page_set_session (d->page, self->session);
    }
  update_sync_counts (self);
  _shequ_window_update_disclosure_actions (self);
}

ShequDisclosureStore *
shequ_window_get_disclosure_store (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return self->disclosure->store;
}

/* Another program's changes (shequ-cli, the sync thread), read with the organisation's. */
void
_shequ_window_refresh_disclosure (ShequWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->disclosure->store != NULL && !shequ_disclosure_store_refresh (self->disclosure->store, &error))
    g_debug ("Could not read disclosure changes by other programs: %s", error->message);
}

/* ------------------------------------------------------------------------ */
/* The page                                                                  */

static void
on_page_toast (ShequWindow *self,
               const char  *text)
{
  shequ_window_show_toast (self, text, FALSE);
}

ShequDisclosurePage *
_shequ_window_ensure_disclosure_page (ShequWindow *self)
{
  ShequWindowDisclosure *d = self->disclosure;

  g_assert (SHEQU_IS_WINDOW (self));

  if (d->page == NULL)
    {
      GtkWidget *page = g_object_new (SHEQU_TYPE_DISCLOSURE_PAGE, "hexpand", TRUE, "vexpand", TRUE, NULL);

      d->page = SHEQU_DISCLOSURE_PAGE (page);
      gtk_box_append (GTK_BOX (self->disclosure_slot), page);
      shequ_disclosure_page_set_session (d->page, self->session);
      shequ_disclosure_page_set_store (d->page, d->store);
      g_signal_connect_object (page, "toast", G_CALLBACK (on_page_toast), self, G_CONNECT_SWAPPED);
    }
  return d->page;
}

GtkWidget *
shequ_window_get_disclosure_page (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return GTK_WIDGET (_shequ_window_ensure_disclosure_page (self));
}

/* For --screenshot: "disclosure" (a finance disclosure in the editor) and
 * "disclosure-overdue". */
void
_shequ_window_show_disclosure_screenshot (ShequWindow *self,
                                          const char  *page)
{
  ShequDisclosurePage *disclosure_page;
  GListModel *rows;

  shequ_window_set_view (self, "disclosure");
  disclosure_page = _shequ_window_ensure_disclosure_page (self);
  if (g_str_equal (page, "disclosure-overdue"))
    {
      shequ_disclosure_page_set_view (disclosure_page, "overdue");
      return;
    }
  shequ_disclosure_page_set_view (disclosure_page, "list");
  /* The finance disclosures at the top, the first of them in the editor. */
  shequ_disclosure_page_set_filter (disclosure_page, SHEQU_DISCLOSURE_KIND_FINANCE, -1, NULL);
  rows = shequ_disclosure_page_get_rows (disclosure_page);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ShequDisclosureItem) item = g_list_model_get_item (rows, i);

      if (item->kind == SHEQU_DISCLOSURE_KIND_FINANCE)
        {
          shequ_disclosure_page_select (disclosure_page, item->id);
          return;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Sync                                                                      */

static char *
dup_setting (ShequWindow *self,
             const char  *key)
{
  if (!shequ_settings_has_key (self->settings, key))
    return g_strdup ("");
  return g_settings_get_string (self->settings, key);
}

static void
on_sync_progress (const char *stage,
                  guint       done,
                  guint       total,
                  gpointer    user_data)
{
  ShequWindow *self = SHEQU_WINDOW (user_data);

  if (!self->disclosure->disposed && self->disclosure->status != NULL)
    shequ_sync_status_button_set_progress (self->disclosure->status, TRUE, stage, done, total);
}

/* "Pushed 3, pulled 1, 1 conflict". */
static char *
describe_result (const ShequSyncResult *result)
{
  GString *text = g_string_new (NULL);

  if (result->pushed == 0 && result->pulled == 0 && result->conflicts == 0 && result->refused == 0)
    {
      g_string_free (text, TRUE);
      return g_strdup (_("Synced: nothing new"));
    }
  /* Translators: the result of a sync, "Synced: sent 3, received 1" */
  g_string_printf (text, _("Synced: sent %u, received %u"), result->pushed, result->pulled);
  if (result->conflicts > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u conflict", ", %u conflicts",
                                               result->conflicts), result->conflicts);
  if (result->refused > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u refused", ", %u refused",
                                               result->refused), result->refused);
  return g_string_free (text, FALSE);
}

static void
on_sync_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ShequWindow) self = user_data;
  ShequWindowDisclosure *d = self->disclosure;
  g_autoptr(GError) error = NULL;
  ShequSyncResult sync_result = { 0 };
  gboolean ok = shequ_sync_run_finish (result, &sync_result, &error);
  g_autofree char *text = NULL;

  g_clear_object (&d->cancellable);
  if (d->disposed)
    return;
  d->last = sync_result;
  d->n_syncs++;
  shequ_sync_status_button_set_progress (d->status, FALSE, NULL, 0, 0);
  /* What the thread wrote (pushed, pulled, conflicts) shows in the page. */
  _shequ_window_refresh_disclosure (self);
  update_sync_counts (self);
  if (ok)
    {
      text = describe_result (&sync_result);
      shequ_sync_status_button_set_link (d->status, SHEQU_SYNC_LINK_ONLINE, text);
      shequ_window_show_toast (self, text, FALSE);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gboolean offline = g_error_matches (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE);

      /* Translators: %s says why a sync failed */
      text = g_strdup_printf (_("Could not sync: %s"), error->message);
      shequ_sync_status_button_set_link (d->status, offline ? SHEQU_SYNC_LINK_OFFLINE
                                                            : SHEQU_SYNC_LINK_ONLINE, text);
      shequ_window_show_toast (self, text, FALSE);
    }
  _shequ_window_update_disclosure_actions (self);
}

static void present_sync_dialog (ShequWindow *self,
                                 const char  *message);

/* MANUAL: the user asked (then a missing setting opens the dialog). FALSE when none
 * started. */
gboolean
_shequ_window_start_sync (ShequWindow *self,
                          gboolean     manual)
{
  ShequWindowDisclosure *d = self->disclosure;
  g_autofree char *server = dup_setting (self, "sync-server");
  g_autofree char *ca_file = dup_setting (self, "sync-ca-file");
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  ShequSyncOptions options = { 0 };

  if (d->cancellable != NULL || d->store == NULL || self->database_path == NULL)
    return FALSE;
  if (*server == '\0')
    {
      if (manual)
        present_sync_dialog (self, NULL);
      return FALSE;
    }
  token = shequ_sync_token_lookup (server, &error);
  if (token == NULL)
    {
      g_autofree char *why = error != NULL ? g_strdup (error->message)
                                           : g_strdup (_("There is no token for this server yet."));

      shequ_sync_status_button_set_link (d->status, SHEQU_SYNC_LINK_OFFLINE, why);
      if (manual)
        present_sync_dialog (self, why);
      return FALSE;
    }
  options.server = server;
  options.token = token;
  options.ca_file = *ca_file != '\0' ? ca_file : NULL;
  d->cancellable = g_cancellable_new ();
  shequ_sync_status_button_set_progress (d->status, TRUE, NULL, 0, 0);
  shequ_sync_run_async (self->database_path, &options, d->cancellable, on_sync_progress, self,
                        on_sync_done, g_object_ref (self));
  _shequ_window_update_disclosure_actions (self);
  return TRUE;
}

gboolean
shequ_window_is_syncing (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), FALSE);
  return self->disclosure->cancellable != NULL;
}

guint
shequ_window_get_n_syncs (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), 0);
  return self->disclosure->n_syncs;
}

GtkWidget *
shequ_window_get_sync_status (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->disclosure->status);
}

static gboolean
on_auto_sync (gpointer data)
{
  ShequWindow *self = SHEQU_WINDOW (data);

  /* One at a time: a sync still running skips its turn. */
  if (self->disclosure->cancellable == NULL)
    _shequ_window_start_sync (self, FALSE);
  return G_SOURCE_CONTINUE;
}

static void
schedule_auto_sync (ShequWindow *self)
{
  ShequWindowDisclosure *d = self->disclosure;
  guint minutes = shequ_settings_has_key (self->settings, "sync-interval")
                  ? g_settings_get_uint (self->settings, "sync-interval") : 0;
  g_autofree char *server = dup_setting (self, "sync-server");

  g_clear_handle_id (&d->timeout_id, g_source_remove);
  if (minutes > 0 && *server != '\0')
    d->timeout_id = g_timeout_add_seconds (minutes * 60, on_auto_sync, self);
  if (d->status != NULL && *server == '\0')
    shequ_sync_status_button_set_link (d->status, SHEQU_SYNC_LINK_UNCONFIGURED, NULL);
  else if (d->status != NULL && shequ_sync_status_button_get_link (d->status) == SHEQU_SYNC_LINK_UNCONFIGURED)
    shequ_sync_status_button_set_link (d->status, SHEQU_SYNC_LINK_UNKNOWN, NULL);
}

static void
on_sync_requested (ShequWindow *self)
{
  _shequ_window_start_sync (self, TRUE);
}

static void
present_sync_dialog (ShequWindow *self,
                     const char  *message)
{
  ShequSyncDialog *dialog = shequ_sync_dialog_new (GTK_WINDOW (self), self->settings);

  g_signal_connect_object (dialog, "sync-requested", G_CALLBACK (on_sync_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (schedule_auto_sync), self, G_CONNECT_SWAPPED);
  _shequ_window_set_dialog (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  if (message != NULL)
    shequ_window_show_toast (self, message, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                   */

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  _shequ_window_start_sync (SHEQU_WINDOW (widget), TRUE);
}

static void
sync_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  present_sync_dialog (SHEQU_WINDOW (widget), NULL);
}

static void
resolve_conflict_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  ShequConflictDialog *dialog;

  if (self->disclosure->store == NULL)
    return;
  dialog = shequ_conflict_dialog_present (GTK_WINDOW (self), self->disclosure->store,
                                          g_variant_get_int64 (param), &error);
  if (dialog == NULL)
    _shequ_window_show_error (self, _("Could not show the conflict"), error);
  else
    _shequ_window_set_dialog (self, GTK_WIDGET (dialog));
}

void
_shequ_window_disclosure_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.view-disclosure", NULL, _shequ_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.sync-settings", NULL, sync_settings_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-conflict", "x", resolve_conflict_action);
}

void
_shequ_window_update_disclosure_actions (ShequWindow *self)
{
  ShequWindowDisclosure *d = self->disclosure;
  gboolean has_street = self->street != NULL;

  if (d == NULL)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.view-disclosure", has_street);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", d->store != NULL && d->cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resolve-conflict", d->store != NULL);
  if (d->status != NULL)
    gtk_widget_set_visible (GTK_WIDGET (d->status), has_street);
}

/* ------------------------------------------------------------------------ */
/* Set-up                                                                    */

void
_shequ_window_disclosure_init (ShequWindow *self)
{
  ShequWindowDisclosure *d = g_new0 (ShequWindowDisclosure, 1);
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (self));

  self->disclosure = d;
  d->status = SHEQU_SYNC_STATUS_BUTTON (shequ_sync_status_button_new ());
  gtk_widget_set_visible (GTK_WIDGET (d->status), FALSE);
  if (GTK_IS_HEADER_BAR (titlebar))
    gtk_header_bar_pack_end (GTK_HEADER_BAR (titlebar), GTK_WIDGET (d->status));
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::sync-interval", G_CALLBACK (schedule_auto_sync),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::sync-server", G_CALLBACK (schedule_auto_sync),
                               self, G_CONNECT_SWAPPED);
    }
  schedule_auto_sync (self);
}

void
_shequ_window_disclosure_dispose (ShequWindow *self)
{
  ShequWindowDisclosure *d = self->disclosure;

  if (d == NULL || d->disposed)
    return;
  d->disposed = TRUE;
  g_cancellable_cancel (d->cancellable);
  g_clear_handle_id (&d->timeout_id, g_source_remove);
  if (d->store != NULL)
    g_signal_handlers_disconnect_by_data (d->store, self);
  g_clear_object (&d->store);
  d->page = NULL;
  d->status = NULL;
}

void
_shequ_window_disclosure_finalize (ShequWindow *self)
{
  g_clear_pointer (&self->disclosure, g_free);
}
