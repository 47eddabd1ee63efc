/* shequ-sync.c — one sync with shequ-central: push units and the outbox, pull, attachments */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-db-private.h"
#include "shequ-sync-private.h"

G_DEFINE_QUARK (shequ-sync-error-quark, shequ_sync_error)

void
_shequ_sync_report (ShequSyncRun *run,
                    const char   *stage,
                    guint         done,
                    guint         total)
{
  if (run->progress != NULL)
    run->progress (stage, done, total, run->progress_data);
}

/* Revisions and the cursor are of one server: another one starts over. */
static gboolean
check_server_txn (ShequDatabase  *db,
                  gpointer        data,
                  GError        **error)
{
  const char *server = data;
  g_autofree char *kept = NULL;

  if (!_shequ_sync_state_get (db, "server", &kept, error))
    return FALSE;
  if (g_strcmp0 (kept, server) == 0)
    return TRUE;
  if (kept != NULL)
    {
      g_message ("Syncing with %s instead of %s: every disclosure is sent again", server, kept);
      if (!_shequ_sync_state_reset_server (db, server, error))
        return FALSE;
    }
  return _shequ_sync_state_set (db, "server", server, error);
}

static gboolean
count_pending_txn (ShequDatabase  *db,
                   gpointer        data,
                   GError        **error)
{
  guint *pending = data;
  g_autoptr(GPtrArray) entries = _shequ_outbox_list_pending (db, G_MAXINT64, 0, error);

  if (entries == NULL)
    return FALSE;
  *pending = entries->len;
  return TRUE;
}

static gboolean
run_steps (ShequSyncRun  *run,
           GError       **error)
{
  const char *server = _shequ_sync_http_get_server (run->http);

  if (!shequ_database_write (run->db, check_server_txn, (gpointer) server, error))
    return FALSE;
  if (!_shequ_sync_push_units (run, error) || !_shequ_sync_push_outbox (run, error))
    return FALSE;
  if (!_shequ_sync_pull (run, error))
    return FALSE;
  return _shequ_sync_fetch_attachments (run, error);
}

gboolean
shequ_sync_run (const char              *db_path,
                const ShequSyncOptions  *options,
                GCancellable            *cancellable,
                ShequSyncProgress        progress,
                gpointer                 progress_data,
                ShequSyncResult         *result,
                GError                 **error)
{
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(GError) local = NULL;
  ShequSyncResult ignored;
  ShequSyncHttp *http;
  ShequSyncRun run = { 0 };
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result == NULL)
    result = &ignored;
  memset (result, 0, sizeof *result);
  if ((http = _shequ_sync_http_new (options, cancellable, error)) == NULL)
    return FALSE;
  db = shequ_database_open (db_path, SHEQU_DATABASE_FLAGS_NO_BACKUP, error);
  if (db == NULL)
    {
      _shequ_sync_http_free (http);
      return FALSE;
    }
  run.db = db;
  run.http = http;
  run.options = options;
  run.cancellable = cancellable;
  run.progress = progress;
  run.progress_data = progress_data;
  run.result = result;

  ok = run_steps (&run, &local);
  result->requests = _shequ_sync_http_get_requests (http);
  _shequ_sync_http_free (http);
  /* What is left is counted even after a failure: the caller shows it. */
  if (!shequ_database_read (db, count_pending_txn, &result->pending, ok ? &local : NULL))
    ok = FALSE;
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

void
_shequ_sync_owned_options_init (ShequSyncOwnedOptions  *self,
                                const ShequSyncOptions *options)
{
  self->options = *options;
  self->options.server = self->server = g_strdup (options->server);
  self->options.token = self->token = g_strdup (options->token);
  self->options.ca_file = self->ca_file = g_strdup (options->ca_file);
}

void
_shequ_sync_owned_options_clear (ShequSyncOwnedOptions *self)
{
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->ca_file, g_free);
}

/* run_async: the options copied, progress sent to the caller's main context. */
typedef struct {
  char                  *db_path;
  ShequSyncOwnedOptions  owned;
  ShequSyncProgress      progress;
  gpointer               progress_data;
  GMainContext          *context;
  ShequSyncResult        result;
} AsyncData;

typedef struct {
  ShequSyncProgress  progress;
  gpointer           progress_data;
  char              *stage;
  guint              done, total;
} ProgressMessage;

static void
async_data_free (AsyncData *data)
{
  g_free (data->db_path);
  _shequ_sync_owned_options_clear (&data->owned);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
progress_message_free (ProgressMessage *message)
{
  g_free (message->stage);
  g_free (message);
}

static gboolean
dispatch_progress (gpointer user_data)
{
  ProgressMessage *message = user_data;

  message->progress (message->stage, message->done, message->total, message->progress_data);
  return G_SOURCE_REMOVE;
}

static void
on_thread_progress (const char *stage,
                    guint       done,
                    guint       total,
                    gpointer    user_data)
{
  AsyncData *data = user_data;
  ProgressMessage *message = g_new0 (ProgressMessage, 1);

  message->progress = data->progress;
  message->progress_data = data->progress_data;
  message->stage = g_strdup (stage);
  message->done = done;
  message->total = total;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, dispatch_progress,
                              message, (GDestroyNotify) progress_message_free);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AsyncData *data = task_data;
  GError *error = NULL;

  if (shequ_sync_run (data->db_path, &data->owned.options, cancellable,
                      data->progress != NULL ? on_thread_progress : NULL, data,
                      &data->result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
shequ_sync_run_async (const char              *db_path,
                      const ShequSyncOptions  *options,
                      GCancellable            *cancellable,
                      ShequSyncProgress        progress,
                      gpointer                 progress_data,
                      GAsyncReadyCallback      callback,
                      gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (AsyncData, 1);
  data->db_path = g_strdup (db_path);
  _shequ_sync_owned_options_init (&data->owned, options);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shequ_sync_run_async);
  g_task_set_name (task, "[shequ] sync");
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
shequ_sync_run_finish (GAsyncResult     *result,
                       ShequSyncResult  *sync_result,
                       GError          **error)
{
  AsyncData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == shequ_sync_run_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (sync_result != NULL)
    *sync_result = data->result;
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
shequ_sync_result_to_json (const ShequSyncResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return g_strdup_printf ("{\"pushed\":%u,\"pulled\":%u,\"conflicts\":%u,\"refused\":%u,"
                          "\"pending\":%u,\"requests\":%u,\"attachments_sent\":%u,"
                          "\"attachments_fetched\":%u}",
                          result->pushed, result->pulled, result->conflicts, result->refused,
                          result->pending, result->requests, result->attachments_sent,
                          result->attachments_fetched);
}
