/* test-money.c — amounts read as typed, refused with a reason, shown as yuan */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-money.h"

static void
check_ok (const char           *text,
          ShequMoneyParseFlags  flags,
          ShequFen              expected)
{
  g_autoptr(GError) error = NULL;
  ShequFen fen = -7;

  g_test_message ("parsing “%s”", text);
  g_assert_true (shequ_money_parse (text, flags, &fen, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fen, ==, expected);
}

static void
check_refused (const char           *text,
               ShequMoneyParseFlags  flags,
               ShequMoneyError       code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = g_strescape (text, NULL);
  ShequFen fen = -7;

  g_test_message ("refusing “%s”", shown);
  g_assert_false (shequ_money_parse (text, flags, &fen, &error));
  g_assert_error (error, SHEQU_MONEY_ERROR, (gint) code);
  g_assert_cmpint (fen, ==, -7);  /* untouched */
}

static void
test_parse_plain (void)
{
  check_ok ("0", 0, 0);
  check_ok ("1234.5", 0, 123450);
  check_ok ("1234.50", 0, 123450);
  check_ok ("1234", 0, 123400);
  check_ok ("0.01", 0, 1);
  check_ok ("0.1", 0, 10);
  check_ok ("007.05", 0, 705);
  check_ok ("  12.30  ", 0, 1230);
  check_ok ("\t12\n", 0, 1200);
  check_ok ("1000000000000", 0, SHEQU_FEN_MAX);
  check_ok ("999999999999.99", 0, SHEQU_FEN_MAX - 1);
}

static void
test_parse_written (void)
{
  check_ok ("1,234.50", 0, 123450);
  check_ok ("1,234,567", 0, 123456700);
  check_ok ("12,345", 0, 1234500);
  check_ok ("¥1,234.50", 0, 123450);
  check_ok ("￥ 99", 0, 9900);
  check_ok ("1234.50元", 0, 123450);
  check_ok ("1234.50 元", 0, 123450);
  check_ok ("¥12元", 0, 1200);
  check_ok ("１２３４．５", 0, 123450);
  check_ok ("１，２３４．５６", 0, 123456);
  check_ok ("12。5", 0, 1250);
  check_ok ("\u300012.5\u3000", 0, 1250);   /* ideographic spaces */
  check_ok ("\u00a012\u00a0", 0, 1200);     /* no-break spaces */
}

static void
test_parse_negative (void)
{
  check_ok ("-12.30", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, -1230);
  check_ok ("−12.30", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, -1230);
  check_ok ("－１２", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, -1200);
  check_ok ("-¥12.30", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, -1230);
  check_ok ("¥-12.30", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, -1230);
  check_ok ("- 5", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, -500);
  check_ok ("+5", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, 500);
  check_ok ("-0", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, 0);
  check_ok ("-1000000000000", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, -SHEQU_FEN_MAX);

  check_refused ("-12.30", 0, SHEQU_MONEY_ERROR_NEGATIVE);
  check_refused ("−1", 0, SHEQU_MONEY_ERROR_NEGATIVE);
  check_refused ("+1", 0, SHEQU_MONEY_ERROR_NEGATIVE);
  check_refused ("-0", 0, SHEQU_MONEY_ERROR_NEGATIVE);
  check_refused ("--1", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, SHEQU_MONEY_ERROR_NOT_A_NUMBER);
  check_refused ("-+1", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, SHEQU_MONEY_ERROR_NOT_A_NUMBER);
  check_refused ("1-", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, SHEQU_MONEY_ERROR_NOT_A_NUMBER);
}

static void
test_parse_refused (void)
{
  const char *not_numbers[] = {
    "", "   ", "¥", "元", "abc", "12a", "1e5", "1E5", "0x10", "1.2.3", "12.", ".5",
    "1..2", "1,2", "1,23", "1,2345", "12,34.5", ",123", "123,", "1,,234", "1,234,56",
    "1234,567", "1.23,4", "1 234", "12 元 元", "元12", "12元¥", "inf", "nan",
    "1.5,0", "\xff\xfe", "12\xc3", "$12", "¥¥12", "\x01" "12", "12¥", "¥-¥1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (not_numbers); i++)
    check_refused (not_numbers[i], SHEQU_MONEY_PARSE_ALLOW_NEGATIVE,
                     SHEQU_MONEY_ERROR_NOT_A_NUMBER);

  check_refused ("1.005", 0, SHEQU_MONEY_ERROR_PRECISION);
  check_refused ("1.000", 0, SHEQU_MONEY_ERROR_PRECISION);
  check_refused ("１．２３４", 0, SHEQU_MONEY_ERROR_PRECISION);
  check_refused ("1000000000000.01", 0, SHEQU_MONEY_ERROR_RANGE);
  check_refused ("99999999999999999999999999999999", 0, SHEQU_MONEY_ERROR_RANGE);
  check_refused ("-99999999999999999999999999", SHEQU_MONEY_PARSE_ALLOW_NEGATIVE,
                 SHEQU_MONEY_ERROR_RANGE);
}

static void
test_error_quotes_text (void)
{
  g_autoptr(GError) error = NULL;
  ShequFen fen;

  g_assert_false (shequ_money_parse ("12块5", 0, &fen, &error));
  g_assert_nonnull (strstr (error->message, "12块5"));
  g_clear_error (&error);
  g_assert_false (shequ_money_parse ("-3", 0, &fen, &error));
  g_assert_nonnull (strstr (error->message, "“-3”"));
  g_clear_error (&error);
  g_assert_false (shequ_money_parse ("1.234", 0, &fen, &error));
  g_assert_nonnull (strstr (error->message, "1.234"));
  g_clear_error (&error);
  /* Invalid UTF-8 is shown made valid, never copied raw into a message. */
  g_assert_false (shequ_money_parse ("1\xff", 0, &fen, &error));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
check_format (ShequFen    fen,
              const char *plain,
              const char *grouped)
{
  g_autofree char *a = shequ_money_format (fen);
  g_autofree char *b = shequ_money_format_grouped (fen);

  g_assert_cmpstr (a, ==, plain);
  g_assert_cmpstr (b, ==, grouped);
}

static void
test_format (void)
{
  check_format (0, "0.00", "0.00");
  check_format (1, "0.01", "0.01");
  check_format (10, "0.10", "0.10");
  check_format (123450, "1234.50", "1,234.50");
  check_format (-123450, "-1234.50", "-1,234.50");
  check_format (-5, "-0.05", "-0.05");
  check_format (99999, "999.99", "999.99");
  check_format (100000, "1000.00", "1,000.00");
  check_format (12345678901, "123456789.01", "123,456,789.01");
  check_format (SHEQU_FEN_MAX, "1000000000000.00", "1,000,000,000,000.00");
  check_format (G_MAXINT64, "92233720368547758.07", "92,233,720,368,547,758.07");
  check_format (G_MININT64, "-92233720368547758.08", "-92,233,720,368,547,758.08");
}

static void
test_round_trip (void)
{
  const ShequFen values[] = { 0, 1, 99, 100, 101, 123456, -1, -100, SHEQU_FEN_MAX,
                              -SHEQU_FEN_MAX, 100000, 999999999 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *plain = shequ_money_format (values[i]);
      g_autofree char *grouped = shequ_money_format_grouped (values[i]);
      ShequFen a = 0, b = 0;

      g_assert_true (shequ_money_parse (plain, SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, &a, NULL));
      g_assert_true (shequ_money_parse (grouped, SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, &b, NULL));
      g_assert_cmpint (a, ==, values[i]);
      g_assert_cmpint (b, ==, values[i]);
    }
}

static void
test_add (void)
{
  ShequFen sum = 42;

  g_assert_true (shequ_money_add (100, 250, &sum));
  g_assert_cmpint (sum, ==, 350);
  g_assert_true (shequ_money_add (-100, 25, &sum));
  g_assert_cmpint (sum, ==, -75);
  g_assert_true (shequ_money_add (SHEQU_FEN_MAX, SHEQU_FEN_MAX, &sum));
  g_assert_cmpint (sum, ==, 2 * SHEQU_FEN_MAX);

  sum = 42;
  g_assert_false (shequ_money_add (G_MAXINT64, 1, &sum));
  g_assert_cmpint (sum, ==, 42);
  g_assert_false (shequ_money_add (G_MININT64, -1, &sum));
  g_assert_cmpint (sum, ==, 42);
  g_assert_true (shequ_money_add (G_MAXINT64, G_MININT64, &sum));
  g_assert_cmpint (sum, ==, -1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/plain", test_parse_plain);
  g_test_add_func ("/money/parse/written", test_parse_written);
  g_test_add_func ("/money/parse/negative", test_parse_negative);
  g_test_add_func ("/money/parse/refused", test_parse_refused);
  g_test_add_func ("/money/parse/error-quotes-text", test_error_quotes_text);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/round-trip", test_round_trip);
  g_test_add_func ("/money/add", test_add);

  return g_test_run ();
}
