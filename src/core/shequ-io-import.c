/* shequ-io-import.c — an import in two steps: read in any thread, apply on the main one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-io-private.h"

/* Another program may write between reading the tree and writing the change; the store
 * then reads the new rows in and refuses with SHEQU_ORG_ERROR_CONFLICT, and the file's
 * records are matched again against the current tree. */
#define N_IMPORT_ATTEMPTS 5

static void
shequ_io_import_free (ShequIoImport *import)
{
  g_free (import->filename);
  _shequ_io_table_clear (&import->table);
  _shequ_io_problems_clear (&import->problems);
  g_free (import->choices);
  g_clear_pointer (&import->lines, g_ptr_array_unref);
  g_clear_pointer (&import->lines_by_code, g_hash_table_unref);
  g_free (import);
}

ShequIoImport *
shequ_io_import_read (ShequIoTable     table,
                      GBytes          *bytes,
                      const char      *filename,
                      ShequIoFormat    format,
                      ShequIoEncoding  encoding,
                      GError         **error)
{
  ShequIoImport *import;
  gboolean ok;

  g_return_val_if_fail (table == SHEQU_IO_TABLE_UNITS || table == SHEQU_IO_TABLE_PEOPLE, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  import = g_new0 (ShequIoImport, 1);
  g_atomic_ref_count_init (&import->ref_count);
  import->kind = table;
  import->spec = &_shequ_io_table_specs[table];
  import->filename = g_strdup (filename);
  _shequ_io_problems_init (&import->problems);

  ok = _shequ_io_read_table (import->spec, bytes, filename, format, encoding, &import->table,
                             &import->problems, error);
  import->n_read_problems = import->problems.list->len;
  if (ok)
    ok = table == SHEQU_IO_TABLE_UNITS ? _shequ_io_units_read (import, error)
                                       : _shequ_io_people_read (import, error);
  if (!ok)
    {
      shequ_io_import_free (import);
      return NULL;
    }
  return import;
}

ShequIoImport *
shequ_io_import_ref (ShequIoImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);

  g_atomic_ref_count_inc (&import->ref_count);
  return import;
}

void
shequ_io_import_unref (ShequIoImport *import)
{
  g_return_if_fail (import != NULL);

  if (g_atomic_ref_count_dec (&import->ref_count))
    shequ_io_import_free (import);
}

ShequIoTable
shequ_io_import_get_table (ShequIoImport *import)
{
  g_return_val_if_fail (import != NULL, SHEQU_IO_TABLE_UNITS);

  return import->kind;
}

guint
shequ_io_import_get_n_records (ShequIoImport *import)
{
  g_return_val_if_fail (import != NULL, 0);

  return import->table.records->len;
}

gboolean
shequ_io_import_apply (ShequIoImport  *import,
                       ShequOrgStore  *store,
                       guint          *n_rows,
                       GError        **error)
{
  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Matched against what is in the file now, not what the store read at open. */
  if (!shequ_org_store_refresh (store, NULL, error))
    return FALSE;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local = NULL;
      gboolean ok = import->kind == SHEQU_IO_TABLE_UNITS
        ? _shequ_io_units_apply (import, store, n_rows, &local)
        : _shequ_io_people_apply (import, store, n_rows, &local);

      if (ok)
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

/* Applies CHANGE (taking it) unless it is empty. */
gboolean
_shequ_io_apply_change (ShequIoImport   *import,
                        ShequOrgStore   *store,
                        ShequOrgChange  *change,
                        GError         **error)
{
  g_autoptr(ShequOrgChange) owned = change;
  g_autoptr(GError) local = NULL;

  g_assert (SHEQU_IS_ORG_STORE (store));

  if (shequ_org_change_is_empty (owned))
    return TRUE;
  if (!shequ_org_store_apply (store, g_steal_pointer (&owned), &local))
    {
      /* A database error is about the database, which its message names. */
      if (local->domain != SHEQU_DB_ERROR)
        g_prefix_error (&local, "%s\n", import->filename);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}
