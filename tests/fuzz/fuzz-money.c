/* fuzz-money.c — libFuzzer target: an amount as typed, read into fen */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-money"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "shequ-money.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* TEXT read with FLAGS: an accepted amount formats (plain and grouped) and reads back
 * the same; a refused one leaves *FEN alone with a UTF-8 message. */
static void
check (const char           *text,
       ShequMoneyParseFlags  flags)
{
  g_autoptr(GError) error = NULL;
  ShequFen fen = -7;

  if (shequ_money_parse (text, flags, &fen, &error))
    {
      g_autofree char *plain = shequ_money_format (fen);
      g_autofree char *grouped = shequ_money_format_grouped (fen);
      ShequFen again = 0;
      ShequFen again_grouped = 0;

      g_assert_no_error (error);
      g_assert_cmpint (fen, <=, SHEQU_FEN_MAX);
      g_assert_cmpint (fen, >=, (flags & SHEQU_MONEY_PARSE_ALLOW_NEGATIVE) ? -SHEQU_FEN_MAX : 0);
      g_assert_true (shequ_money_parse (plain, SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, &again, NULL));
      g_assert_true (shequ_money_parse (grouped, SHEQU_MONEY_PARSE_ALLOW_NEGATIVE,
                                        &again_grouped, NULL));
      g_assert_cmpint (again, ==, fen);
      g_assert_cmpint (again_grouped, ==, fen);
      return;
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == SHEQU_MONEY_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpint (fen, ==, -7);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);

  check (text, SHEQU_MONEY_PARSE_NONE);
  check (text, SHEQU_MONEY_PARSE_ALLOW_NEGATIVE);
  return 0;
}
