/* shequ-boundary-read.c — a boundary file read in a thread; the store's boundaries written out */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-boundary-import"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-boundary-import.h"
#include "shequ-workspace-private.h"

GBytes *
shequ_boundary_export (ShequOrgStore *store)
{
  g_autoptr(GPtrArray) features = NULL;
  GPtrArray *units;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);

  units = shequ_org_store_get_units (store);
  features = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_geojson_feature_free);
  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i);
      ShequGeoShape *shape = shequ_org_store_get_boundary (store, shequ_unit_get_id (unit));
      g_autoptr(GHashTable) properties = NULL;

      if (shape == NULL)
        continue;
      properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (properties, g_strdup ("code"), g_strdup (shequ_unit_get_code (unit)));
      g_hash_table_insert (properties, g_strdup ("name"), g_strdup (shequ_unit_get_name (unit)));
      g_hash_table_insert (properties, g_strdup ("tier"),
                           g_strdup (shequ_tier_to_key (shequ_unit_get_tier (unit))));
      g_ptr_array_add (features, shequ_geojson_feature_new (properties, shape));
    }
  return shequ_geojson_write (features);
}

/* Reading in a thread */

/* Progress is bytes: the file's, then as many again for parsing. */
typedef struct {
  gpointer progress;   /* Progress (shequ-workspace-private.h), nullable */
  goffset  size;
} ReadData;

static void
read_data_free (ReadData *data)
{
  _shequ_workspace_progress_unref (data->progress);
  g_free (data);
}

static void
parse_progress (double   fraction,
                gpointer user_data)
{
  ReadData *data = user_data;

  _shequ_workspace_progress_report (data->size + (goffset) (fraction * data->size),
                                    2 * data->size, data->progress);
}

/* A cancellation goes up as it is; any other error names the file. Takes LOCAL. */
static void
propagate_read_error (GError     **error,
                      GError      *local,
                      const char  *name)
{
  g_assert (local != NULL);

  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, local);
  else
    {
      g_set_error (error, local->domain, local->code, _("Cannot read “%s”: %s"), name,
                   local->message);
      g_error_free (local);
    }
}

static GBytes *
read_file (GFile         *file,
           ReadData      *data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) local = NULL;
  gssize n;

  if (!(in = g_file_read (file, cancellable, &local)) ||
      !(info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                               cancellable, &local)))
    {
      propagate_read_error (error, g_steal_pointer (&local), name);
      return NULL;
    }
  data->size = MAX (g_file_info_get_size (info), 1);
  buffer = g_byte_array_sized_new (MIN (data->size, 1 << 30));
  for (;;)
    {
      guint8 chunk[1 << 16];

      n = g_input_stream_read (G_INPUT_STREAM (in), chunk, sizeof chunk, cancellable, &local);
      if (n < 0)
        {
          propagate_read_error (error, g_steal_pointer (&local), name);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, n);
      _shequ_workspace_progress_report (MIN ((goffset) buffer->len, data->size), 2 * data->size,
                                        data->progress);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = source_object;
  ReadData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (file);
  GError *error = NULL;
  GPtrArray *features;

  if (!(bytes = read_file (file, data, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  features = shequ_geojson_read (bytes, name, cancellable, parse_progress, data, &error);
  if (features == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, features, (GDestroyNotify) g_ptr_array_unref);
}

void
shequ_boundary_read_async (GFile                 *file,
                           GCancellable          *cancellable,
                           GFileProgressCallback  progress,
                           gpointer               progress_data,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ReadData, 1);
  data->progress = _shequ_workspace_progress_new (progress, progress_data);
  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, shequ_boundary_read_async);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, read_in_thread);
}

GPtrArray *
shequ_boundary_read_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == shequ_boundary_read_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
