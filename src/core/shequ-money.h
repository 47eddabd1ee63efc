/* shequ-money.h — money as integer fen: read as typed, shown as yuan */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is a whole number of fen (分) everywhere: in the database, in the sync
 * documents, in sums. Never a double. 100 fen is 1 yuan. */
typedef gint64 ShequFen;

/* The largest amount one line may hold: 10^12 yuan in fen, so that a sum of a million
 * lines still fits in a gint64. */
#define SHEQU_FEN_MAX ((ShequFen) 100000000000000)

#define SHEQU_MONEY_ERROR (shequ_money_error_quark ())

typedef enum {
  SHEQU_MONEY_ERROR_NOT_A_NUMBER,  /* letters, two points, an exponent, empty */
  SHEQU_MONEY_ERROR_PRECISION,     /* a third decimal: "1.005" */
  SHEQU_MONEY_ERROR_NEGATIVE,      /* a sign where ALLOW_NEGATIVE is not given */
  SHEQU_MONEY_ERROR_RANGE,         /* over SHEQU_FEN_MAX */
} ShequMoneyError;

typedef enum {
  SHEQU_MONEY_PARSE_NONE           = 0,
  SHEQU_MONEY_PARSE_ALLOW_NEGATIVE = 1 << 0,  /* a balance may be below zero; a line not */
} ShequMoneyParseFlags;

GQuark   shequ_money_error_quark (void);

/* Reads an amount in yuan as staff type it or Excel/WPS exports it: "1234.5",
 * "1,234.50", "¥1,234.50", "1234.50元", full-width digits and points ("１２３４．５"),
 * the IME's "。" for the point, blanks around. At most two decimals; no exponent.
 * "-12.30" (or "−12.30") only with ALLOW_NEGATIVE. FALSE with a translated
 * SHEQU_MONEY_ERROR quoting TEXT; *FEN is left alone. */
gboolean shequ_money_parse       (const char            *text,
                                  ShequMoneyParseFlags   flags,
                                  ShequFen              *fen,
                                  GError               **error);

/* "1234.50": yuan with two decimals, no grouping (for files, forms and the CLI). */
char    *shequ_money_format      (ShequFen               fen);

/* "1,234.50": grouped by thousands, for tables that people read. */
char    *shequ_money_format_grouped (ShequFen            fen);

/* A + B, FALSE (and *SUM untouched) when the result leaves ±SHEQU_FEN_MAX × 10^6 —
 * which is beyond a gint64, so in fact: when the sum overflows. */
gboolean shequ_money_add         (ShequFen               a,
                                  ShequFen               b,
                                  ShequFen              *sum);

G_END_DECLS
