/* shequ-csv.h — RFC 4180 CSV reading and writing, and text encoding detection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shequ-io.h"

G_BEGIN_DECLS

typedef struct {
  guint   line;      /* 1-based line of the file where the row starts */
  guint   n_fields;
  char  **fields;    /* NULL-terminated, UTF-8 */
} ShequCsvRow;

/* Decodes DATA into UTF-8 text without a byte order mark. AUTO takes UTF-8 when DATA is
 * valid UTF-8, else GBK (decoded as GB18030, its superset); otherwise a
 * SHEQU_IO_ERROR_ENCODING naming FILENAME, the line and the byte offset. DETECTED
 * (nullable) gets the encoding used. */
char       *shequ_csv_decode        (const char       *data,
                                     gsize             len,
                                     ShequIoEncoding   encoding,
                                     const char       *filename,
                                     ShequIoEncoding  *detected,
                                     GError          **error);

/* Splits UTF-8 TEXT (LEN -1: NUL-terminated) into a GPtrArray of ShequCsvRow: quoted
 * fields, "" escapes, line breaks inside quotes, CRLF, LF or CR line ends. Blank lines
 * are skipped. An unclosed quote is a SHEQU_IO_ERROR_FORMAT naming the line it opened. */
GPtrArray  *shequ_csv_parse         (const char       *text,
                                     gssize            len,
                                     const char       *filename,
                                     GError          **error);

/* Appends N_FIELDS fields (NULL counts as empty), each quoted when it holds a comma,
 * quote, line break or outer blanks, and a CRLF line end. */
void        shequ_csv_append_row    (GString          *out,
                                     const char *const *fields,
                                     guint             n_fields);

G_END_DECLS
