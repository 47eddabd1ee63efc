/* shequ-finance-table.h — a finance disclosure's lines, edited as typed, with live totals */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-disclosure-types.h"

G_BEGIN_DECLS

/* One line as the user types it: the amount stays text until it reads
 * (shequ_money_parse), so a half-typed "12." is kept as typed and marked.
 * Properties: "direction" (guint: a ShequFinanceDirection), "category", "amount-text",
 * "note" (strings, never NULL). */
#define SHEQU_TYPE_FINANCE_LINE (shequ_finance_line_get_type ())
G_DECLARE_FINAL_TYPE (ShequFinanceLine, shequ_finance_line, SHEQU, FINANCE_LINE, GObject)

ShequFinanceLine *shequ_finance_line_new        (ShequFinanceDirection  direction,
                                                 const char            *category,
                                                 const char            *amount_text,
                                                 const char            *note);
ShequFinanceDirection shequ_finance_line_get_direction (ShequFinanceLine *self);
const char       *shequ_finance_line_get_category    (ShequFinanceLine *self);
const char       *shequ_finance_line_get_amount_text (ShequFinanceLine *self);
const char       *shequ_finance_line_get_note        (ShequFinanceLine *self);
/* The amount in fen; FALSE with the money parser's error for text that does not read
 * or is not above zero. */
gboolean          shequ_finance_line_get_amount      (ShequFinanceLine *self,
                                                      ShequFen         *fen,
                                                      GError          **error);

/* The lines as rows of a direction drop-down and category, amount (yuan) and note
 * entries, each with a Remove button, and an Add Line button: every control named for
 * screen readers and in Tab order. An amount that does not read is marked on its entry
 * (the error in its tooltip and description).
 * Signal "changed": any line added, removed or edited.
 * Property "editable" (boolean). */
#define SHEQU_TYPE_FINANCE_TABLE (shequ_finance_table_get_type ())
G_DECLARE_FINAL_TYPE (ShequFinanceTable, shequ_finance_table, SHEQU, FINANCE_TABLE, GtkWidget)

GtkWidget        *shequ_finance_table_new         (void);
/* The lines (ShequFinanceLine), in order: a model the rows follow. */
GListModel       *shequ_finance_table_get_lines   (ShequFinanceTable *self);
/* Replaces the lines by ITEMS (ShequFinanceItem; NULL: none). */
void              shequ_finance_table_set_items   (ShequFinanceTable *self,
                                                   GPtrArray         *items);
/* The lines as ShequFinanceItem (new array, new items), blank lines left out; NULL
 * and an error naming the line for an amount that does not read. */
GPtrArray        *shequ_finance_table_dup_items   (ShequFinanceTable *self,
                                                   GError           **error);
/* Appends a blank line (an expense) and returns it (the table's). */
ShequFinanceLine *shequ_finance_table_add_line    (ShequFinanceTable *self);
void              shequ_finance_table_remove_line (ShequFinanceTable *self,
                                                   guint              position);
/* The sums of the lines that read; *N_BAD: how many do not. */
void              shequ_finance_table_get_totals  (ShequFinanceTable *self,
                                                   ShequFen          *income,
                                                   ShequFen          *expense,
                                                   guint             *n_bad);
gboolean          shequ_finance_table_get_editable (ShequFinanceTable *self);
void              shequ_finance_table_set_editable (ShequFinanceTable *self,
                                                    gboolean           editable);

G_END_DECLS
