/* shequ-sample-table.h — one of the sample street's CSV data files, read row by row */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shequ-csv.h"
#include "shequ-money.h"

G_BEGIN_DECLS

/* A data file of the sample (data/sample/NAME.csv): UTF-8 CSV whose first row is the
 * header. Errors about a line read "PATH, line N: why" (SHEQU_IO_ERROR_INVALID), a
 * field's add "(column NAME)", so that every reader of the sample says where alike. */
typedef struct _ShequSampleTable ShequSampleTable;

/* Reads DIR/NAME whole. A file that cannot be read is GLib's G_FILE_ERROR as it is (the
 * callers say whose file it is); bad UTF-8 or an unclosed quote the CSV reader's
 * SHEQU_IO_ERROR, naming the file and line. An empty file opens (no header). */
ShequSampleTable  *shequ_sample_table_open          (const char        *dir,
                                                     const char        *name,
                                                     GError           **error);
void               shequ_sample_table_free          (ShequSampleTable  *table);

const char        *shequ_sample_table_get_path      (ShequSampleTable  *table);
/* The header row, or NULL when the file is empty. */
const ShequCsvRow *shequ_sample_table_get_header    (ShequSampleTable  *table);
/* The rows after the header. */
guint              shequ_sample_table_get_n_rows    (ShequSampleTable  *table);

/* The header is exactly HEADER (its fields joined by commas): else
 * SHEQU_IO_ERROR_FORMAT "PATH, line 1: the header must be “HEADER”." */
gboolean           shequ_sample_table_check_header  (ShequSampleTable  *table,
                                                     const char        *header,
                                                     GError           **error);
/* Moves to the next row after the header: TRUE and *ROW. FALSE at the end (*ROW NULL,
 * ERROR untouched) or at a row not as wide as the header (*ROW that row, *ERROR "PATH,
 * line N: X fields expected, Y found."). So a reader that stops at the first problem
 * loops "while (shequ_sample_table_next (t, &row, error))" and has read every row when
 * ROW is NULL after it; one that lists every problem goes on while ROW is not NULL. */
gboolean           shequ_sample_table_next          (ShequSampleTable   *table,
                                                     const ShequCsvRow **row,
                                                     GError            **error);

/* Sets ERROR to "PATH, line N: why" (LINE 0: "PATH: why") from FORMAT; returns FALSE. */
gboolean           shequ_sample_table_error         (ShequSampleTable  *table,
                                                     guint              line,
                                                     GError           **error,
                                                     const char        *format,
                                                     ...) G_GNUC_PRINTF (4, 5);

/* Fields of the current row (shequ_sample_table_next()), COLUMN an index of the header.
 * A bad field is "PATH, line N: why (column NAME)." */
const char        *shequ_sample_table_get_text      (ShequSampleTable  *table,
                                                     guint              column);
/* An amount of yuan ("1500.00") in fen, as shequ_money_parse() reads it. */
gboolean           shequ_sample_table_get_fen       (ShequSampleTable  *table,
                                                     guint              column,
                                                     ShequFen          *fen,
                                                     GError           **error);
/* The checks under the getters, for readers whose messages say more than one field:
 * a finite decimal number from LOW to HIGH; a real day YYYY-MM-DD. */
gboolean           shequ_sample_parse_number        (const char        *text,
                                                     double             low,
                                                     double             high,
                                                     double            *value);
gboolean           shequ_sample_parse_date          (const char        *text,
                                                     GDate             *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequSampleTable, shequ_sample_table_free)

G_END_DECLS
