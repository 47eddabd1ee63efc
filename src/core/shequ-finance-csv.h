/* shequ-finance-csv.h — a finance disclosure's lines read from a CSV file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-disclosure-types.h"

G_BEGIN_DECLS

/* Reads finance lines as staff keep them in Excel or WPS: one line a row,
 * "direction,category,amount,note" (a first row of exactly those names is a header and
 * skipped; the note may be left out). The direction is "income" or "expense" (or 收入 /
 * 支出), the category is not empty, the amount is yuan as shequ_money_parse() reads it,
 * above zero and without a sign. UTF-8 or GBK (shequ_csv_decode()). FILENAME names the
 * file in messages. A ShequFinanceItem array, or NULL and a translated
 * SHEQU_IO_ERROR_INVALID (or the decoder's error) naming FILENAME and the first bad line. */
GPtrArray *shequ_finance_csv_read (const char  *data,
                                   gsize        len,
                                   const char  *filename,
                                   GError     **error);

G_END_DECLS
