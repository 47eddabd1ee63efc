/* fuzz-finance-csv.c — libFuzzer target: a finance disclosure's lines from CSV (shequ-cli disclosure create --lines-csv) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-finance-csv"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "shequ-finance-csv.h"
#include "shequ-io.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Accepted lines are what a finance version takes: an amount above zero and within the
 * limit, a category, UTF-8 text; a refusal names the file. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = shequ_finance_csv_read ((const char *) data, size, "lines.csv",
                                                       &error);

  if (items == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, "lines.csv"));
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, <=, SHEQU_DISCLOSURE_ITEMS_MAX);
  for (guint i = 0; i < items->len; i++)
    {
      const ShequFinanceItem *item = g_ptr_array_index (items, i);

      g_assert_cmpint (item->amount, >, 0);
      g_assert_cmpint (item->amount, <=, SHEQU_FEN_MAX);
      g_assert_cmpint (item->direction, <, SHEQU_FINANCE_N_DIRECTIONS);
      g_assert_true (item->category[0] != '\0');
      g_assert_true (g_utf8_validate (item->category, -1, NULL));
      g_assert_true (g_utf8_validate (item->note, -1, NULL));
    }
  return 0;
}
