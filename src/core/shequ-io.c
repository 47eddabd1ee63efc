/* shequ-io.c — import and export of units and people as CSV and JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-io-private.h"

G_DEFINE_QUARK (shequ-io-error-quark, shequ_io_error)

/* ------------------------------------------------------------------------------------ */
/* Retrying after a conflict                                                            */

/* Another program may write between reading the tree and writing the change; the store
 * then reads the new rows in and refuses with SHEQU_ORG_ERROR_CONFLICT, and the file's
 * records are matched again against the current tree. */
#define N_IMPORT_ATTEMPTS 5

gboolean
_shequ_io_import_with_retries (ImportAttempt    attempt_import,
                               ShequOrgStore   *store,
                               GBytes          *bytes,
                               const char      *filename,
                               ShequIoFormat    format,
                               ShequIoEncoding  encoding,
                               guint           *n_imported,
                               GError         **error)
{
  /* Matched against what is in the file now, not what the store read at open. */
  if (!shequ_org_store_refresh (store, NULL, error))
    return FALSE;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local = NULL;

      if (attempt_import (store, bytes, filename, format, encoding, n_imported, &local))
        return TRUE;
      if (attempt == N_IMPORT_ATTEMPTS ||
          !g_error_matches (local, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT) ||
          !shequ_org_store_refresh (store, NULL, NULL))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
}

/* ------------------------------------------------------------------------------------ */
/* Files                                                                                */

static GBytes *
load_file (GFile   *file,
           char   **display_name,
           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  *display_name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, &local_error))
    {
      /* GIO's message names the file already. */
      g_set_error_literal (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_READ, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

gboolean
shequ_io_import_units (ShequOrgStore    *store,
                       GFile            *file,
                       ShequIoFormat     format,
                       ShequIoEncoding   encoding,
                       guint            *n_units,
                       GError          **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = load_file (file, &name, error);
  if (bytes == NULL)
    return FALSE;
  return shequ_io_import_units_from_bytes (store, bytes, name, format, encoding, n_units, error);
}

gboolean
shequ_io_import_people (ShequOrgStore    *store,
                        GFile            *file,
                        ShequIoFormat     format,
                        ShequIoEncoding   encoding,
                        guint            *n_people,
                        GError          **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = load_file (file, &name, error);
  if (bytes == NULL)
    return FALSE;
  return shequ_io_import_people_from_bytes (store, bytes, name, format, encoding, n_people, error);
}

gboolean
_shequ_io_write_file (GFile       *file,
                      const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &local_error))
    {
      g_set_error_literal (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_WRITE, local_error->message);
      return FALSE;
    }
  return TRUE;
}

ShequIoFormat
_shequ_io_format_for_file (GFile         *file,
                           ShequIoFormat  format)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  if (format != SHEQU_IO_FORMAT_AUTO)
    return format;
  name = g_file_get_basename (file);
  lower = g_ascii_strdown (name != NULL ? name : "", -1);
  return g_str_has_suffix (lower, ".json") ? SHEQU_IO_FORMAT_JSON : SHEQU_IO_FORMAT_CSV;
}
