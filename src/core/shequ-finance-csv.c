/* shequ-finance-csv.c — a finance disclosure's lines read from a CSV file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-finance-csv"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-csv.h"
#include "shequ-finance-csv.h"
#include "shequ-io.h"

/* One row into a new item, or NULL and *WHY. */
static ShequFinanceItem *
read_item (const ShequCsvRow  *row,
           char              **why)
{
  char **f = row->fields;
  ShequFinanceDirection dir;
  g_autoptr(GError) local = NULL;
  g_autofree char *category = NULL;
  g_autofree char *direction = NULL;
  ShequFen amount = 0;

  if (row->n_fields < 3 || row->n_fields > 4)
    {
      *why = g_strdup_printf (_("3 or 4 fields expected (direction, category, amount, note), "
                                "%u found."), row->n_fields);
      return NULL;
    }
  direction = g_strstrip (g_strdup (f[0]));
  if (!shequ_finance_direction_from_string (direction, &dir))
    {
      *why = g_strdup_printf (_("“%s” is not “income” or “expense” (收入 or 支出)."), f[0]);
      return NULL;
    }
  category = g_strstrip (g_strdup (f[1]));
  if (category[0] == '\0')
    {
      *why = g_strdup (_("a line needs a category."));
      return NULL;
    }
  if (!shequ_money_parse (f[2], SHEQU_MONEY_PARSE_NONE, &amount, &local))
    {
      *why = g_strdup (local->message);
      return NULL;
    }
  if (amount <= 0)
    {
      *why = g_strdup (_("an amount must be above zero."));
      return NULL;
    }
  return shequ_finance_item_new (dir, category, amount, row->n_fields > 3 ? f[3] : "");
}

GPtrArray *
shequ_finance_csv_read (const char  *data,
                        gsize        len,
                        const char  *filename,
                        GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  if (!(text = shequ_csv_decode (data != NULL ? data : "", len, SHEQU_IO_ENCODING_AUTO,
                                 filename, NULL, error)) ||
      !(rows = shequ_csv_parse (text, -1, filename, error)))
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_finance_item_free);
  for (guint i = 0; i < rows->len; i++)
    {
      const ShequCsvRow *row = g_ptr_array_index (rows, i);
      g_autofree char *joined = g_strjoinv (",", row->fields);
      g_autofree char *why = NULL;
      ShequFinanceItem *item;

      if (i == 0 && (g_str_equal (joined, "direction,category,amount,note") ||
                     g_str_equal (joined, "direction,category,amount")))
        continue;
      if (items->len >= SHEQU_DISCLOSURE_ITEMS_MAX)
        {
          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                       _("%s, line %u: a disclosure has at most %d lines."), filename, row->line,
                       SHEQU_DISCLOSURE_ITEMS_MAX);
          return NULL;
        }
      if (!(item = read_item (row, &why)))
        {
          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID, _("%s, line %u: %s"),
                       filename, row->line, why);
          return NULL;
        }
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}
