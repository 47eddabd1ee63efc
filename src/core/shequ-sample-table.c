/* shequ-sample-table.c — one of the sample street's CSV data files, read row by row */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sample-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shequ-io.h"
#include "shequ-sample-table.h"

struct _ShequSampleTable {
  char      *path;
  GPtrArray *rows;      /* ShequCsvRow *, the header first */
  guint      next;      /* index of the row shequ_sample_table_next() returns */
};

ShequSampleTable *
shequ_sample_table_open (const char  *dir,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(ShequSampleTable) table = g_new0 (ShequSampleTable, 1);
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  gsize len;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  table->path = g_build_filename (dir, name, NULL);
  table->next = 1;
  if (!g_file_get_contents (table->path, &data, &len, error) ||
      !(text = shequ_csv_decode (data, len, SHEQU_IO_ENCODING_UTF8, table->path, NULL, error)) ||
      !(table->rows = shequ_csv_parse (text, -1, table->path, error)))
    return NULL;
  return g_steal_pointer (&table);
}

void
shequ_sample_table_free (ShequSampleTable *table)
{
  if (table == NULL)
    return;
  g_free (table->path);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

const char *
shequ_sample_table_get_path (ShequSampleTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->path;
}

const ShequCsvRow *
shequ_sample_table_get_header (ShequSampleTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->rows->len > 0 ? g_ptr_array_index (table->rows, 0) : NULL;
}

guint
shequ_sample_table_get_n_rows (ShequSampleTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len > 0 ? table->rows->len - 1 : 0;
}

gboolean
shequ_sample_table_error (ShequSampleTable  *table,
                          guint              line,
                          GError           **error,
                          const char        *format,
                          ...)
{
  g_autofree char *why = NULL;
  va_list args;

  g_return_val_if_fail (table != NULL, FALSE);

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID, _("%s, line %u: %s"),
                 table->path, line, why);
  else
    g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID, _("%s: %s"), table->path, why);
  return FALSE;
}

gboolean
shequ_sample_table_check_header (ShequSampleTable  *table,
                                 const char        *header,
                                 GError           **error)
{
  const ShequCsvRow *row = shequ_sample_table_get_header (table);
  g_autofree char *found = row != NULL ? g_strjoinv (",", row->fields) : NULL;

  g_return_val_if_fail (header != NULL, FALSE);

  if (g_strcmp0 (found, header) == 0)
    return TRUE;
  g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
               _("%s, line %u: the header must be “%s”."), table->path, 1, header);
  return FALSE;
}

gboolean
shequ_sample_table_next (ShequSampleTable   *table,
                         const ShequCsvRow **row,
                         GError            **error)
{
  const ShequCsvRow *header = shequ_sample_table_get_header (table);

  g_return_val_if_fail (row != NULL, FALSE);

  *row = NULL;
  if (table->next >= table->rows->len)
    return FALSE;
  *row = g_ptr_array_index (table->rows, table->next++);
  if ((*row)->n_fields != header->n_fields)
    return shequ_sample_table_error (table, (*row)->line, error,
                                     _("%u fields expected, %u found."),
                                     header->n_fields, (*row)->n_fields);
  return TRUE;
}

/* ---- Fields ---------------------------------------------------------------------------- */

static const ShequCsvRow *
current_row (ShequSampleTable *table)
{
  g_assert (table->next >= 2 && table->next <= table->rows->len);
  return g_ptr_array_index (table->rows, table->next - 1);
}

const char *
shequ_sample_table_get_text (ShequSampleTable *table,
                             guint             column)
{
  const ShequCsvRow *row;

  g_return_val_if_fail (table != NULL && table->next >= 2, NULL);
  row = current_row (table);
  g_return_val_if_fail (column < row->n_fields, NULL);
  return row->fields[column];
}

static gboolean bad_field (ShequSampleTable  *table,
                           guint              column,
                           GError           **error,
                           const char        *format,
                           ...) G_GNUC_PRINTF (4, 5);

/* "PATH, line N: why (column NAME)." */
static gboolean
bad_field (ShequSampleTable  *table,
           guint              column,
           GError           **error,
           const char        *format,
           ...)
{
  const ShequCsvRow *header = shequ_sample_table_get_header (table);
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  if (g_str_has_suffix (why, "."))
    why[strlen (why) - 1] = '\0';
  return shequ_sample_table_error (table, current_row (table)->line, error,
                                   _("%s (column %s)."), why, header->fields[column]);
}

gboolean
shequ_sample_table_get_fen (ShequSampleTable  *table,
                            guint              column,
                            ShequFen          *fen,
                            GError           **error)
{
  const char *text = shequ_sample_table_get_text (table, column);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (text != NULL && fen != NULL, FALSE);

  if (!shequ_money_parse (text, SHEQU_MONEY_PARSE_NONE, fen, &local))
    return bad_field (table, column, error, "%s", local->message);
  return TRUE;
}

/* ---- Checks ---------------------------------------------------------------------------- */

gboolean
shequ_sample_parse_number (const char *text,
                           double      low,
                           double      high,
                           double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value) && *value >= low && *value <= high;
}

gboolean
shequ_sample_parse_date (const char *text,
                         GDate      *date)
{
  guint y, m, d;
  char tail;

  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}
