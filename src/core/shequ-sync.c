/* SKELETON: stubs generated from shequ-sync.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-sync.h"

gboolean
shequ_sync_run (const char *db_path, const ShequSyncOptions *options, GCancellable *cancellable, ShequSyncProgress progress, gpointer progress_data, ShequSyncResult *result, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

void
shequ_sync_run_async (const char *db_path, const ShequSyncOptions *options, GCancellable *cancellable, ShequSyncProgress progress, gpointer progress_data, GAsyncReadyCallback callback, gpointer user_data)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

gboolean
shequ_sync_run_finish (GAsyncResult *result, ShequSyncResult *sync_result, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

char *
shequ_sync_result_to_json (const ShequSyncResult *result)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_sync_token_save (const char *server, const char *token, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

char *
shequ_sync_token_lookup (const char *server, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_sync_token_clear (const char *server, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

const char *
shequ_sync_token_backend (void)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}
G_DEFINE_QUARK (shequ-sync-error-quark, shequ_sync_error)
