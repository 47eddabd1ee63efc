/* shequ-sync-check.c — whether the central server answers and takes the token (one request) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync"

#include "config.h"

#include "shequ-sync-private.h"

gboolean
shequ_sync_check (const ShequSyncOptions  *options,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *cursor = NULL;
  ShequSyncHttp *http;
  gboolean more;
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((http = _shequ_sync_http_new (options, cancellable, error)) == NULL)
    return FALSE;
  /* The smallest question the token must be good for; its reply must read as the
   * protocol's too, so a web server that only says 200 at that address does not pass. */
  ok = _shequ_sync_http_request (http, "GET", "/api/v1/changes?since=0&limit=1", NULL, NULL,
                                 NULL, &reply, error);
  _shequ_sync_http_free (http);
  if (!ok)
    return FALSE;
  if (reply.status != 200)
    {
      _shequ_sync_reply_set_error (&reply, error);
      return FALSE;
    }
  changes = _shequ_sync_parse_changes_reply (g_bytes_get_data (reply.body, NULL),
                                             g_bytes_get_size (reply.body), reply.url,
                                             &cursor, &more, error);
  return changes != NULL;
}

static void
check_data_free (ShequSyncOwnedOptions *data)
{
  _shequ_sync_owned_options_clear (data);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ShequSyncOwnedOptions *data = task_data;
  GError *error = NULL;

  if (shequ_sync_check (&data->options, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
shequ_sync_check_async (const ShequSyncOptions *options,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ShequSyncOwnedOptions *data;

  g_return_if_fail (options != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ShequSyncOwnedOptions, 1);
  _shequ_sync_owned_options_init (data, options);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shequ_sync_check_async);
  g_task_set_name (task, "[shequ] sync check");
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_run_in_thread (task, check_thread);
}

gboolean
shequ_sync_check_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == shequ_sync_check_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
