/* shequ-cli-table.h — shequ-cli's text tables: columns aligned in a terminal, CJK included */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The columns TEXT takes in a terminal: two for a wide (CJK) character, none for a
 * zero-width one; its length in bytes when it is not UTF-8. */
guint      table_text_width (const char *text);
/* A table with no rows yet: a GPtrArray of rows, each a GStrv of cells. */
GPtrArray *table_new        (void);
/* Appends a row of the N cells given (const char *, NULL for an empty cell), copied. */
void       table_add_row    (GPtrArray  *rows,
                             guint       n,
                             ...);
/* Prints ROWS (each of N_COLUMNS cells; the first the header) in columns two spaces
 * apart, each line after INDENT spaces, without trailing blanks. */
void       table_print      (GPtrArray  *rows,
                             guint       n_columns,
                             guint       indent);

G_END_DECLS
