/* shequ-io.c — import and export of units and people as CSV and JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-io-private.h"

G_DEFINE_QUARK (shequ-io-error-quark, shequ_io_error)

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

/* Read and applied in one go, on the calling (main) thread. */
static gboolean
import_bytes (ShequIoTable      table,
              ShequOrgStore    *store,
              GBytes           *bytes,
              const char       *filename,
              ShequIoFormat     format,
              ShequIoEncoding   encoding,
              guint            *n_rows,
              GError          **error)
{
  g_autoptr(ShequIoImport) import = NULL;

  import = shequ_io_import_read (table, bytes, filename, format, encoding, error);
  return import != NULL && shequ_io_import_apply (import, store, n_rows, error);
}

static gboolean
import_file (ShequIoTable      table,
             ShequOrgStore    *store,
             GFile            *file,
             ShequIoFormat     format,
             ShequIoEncoding   encoding,
             guint            *n_rows,
             GError          **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = load_file (file, &name, error);
  if (bytes == NULL)
    return FALSE;
  return import_bytes (table, store, bytes, name, format, encoding, n_rows, error);
}

gboolean
shequ_io_import_units (ShequOrgStore    *store,
                       GFile            *file,
                       ShequIoFormat     format,
                       ShequIoEncoding   encoding,
                       guint            *n_units,
                       GError          **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return import_file (SHEQU_IO_TABLE_UNITS, store, file, format, encoding, n_units, error);
}

gboolean
shequ_io_import_people (ShequOrgStore    *store,
                        GFile            *file,
                        ShequIoFormat     format,
                        ShequIoEncoding   encoding,
                        guint            *n_people,
                        GError          **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return import_file (SHEQU_IO_TABLE_PEOPLE, store, file, format, encoding, n_people, error);
}

gboolean
shequ_io_import_units_from_bytes (ShequOrgStore   *store,
                                  GBytes          *bytes,
                                  const char      *filename,
                                  ShequIoFormat    format,
                                  ShequIoEncoding  encoding,
                                  guint           *n_units,
                                  GError         **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);

  return import_bytes (SHEQU_IO_TABLE_UNITS, store, bytes, filename, format, encoding, n_units,
                       error);
}

gboolean
shequ_io_import_people_from_bytes (ShequOrgStore   *store,
                                   GBytes          *bytes,
                                   const char      *filename,
                                   ShequIoFormat    format,
                                   ShequIoEncoding  encoding,
                                   guint           *n_people,
                                   GError         **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);

  return import_bytes (SHEQU_IO_TABLE_PEOPLE, store, bytes, filename, format, encoding, n_people,
                       error);
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
