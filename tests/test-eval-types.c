/* test-eval-types.c — scores read and written, bands at their edges, labels in Chinese */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-eval-types.h"
#include "shequ-test-units.h"

static void
check_parse (const char *text,
             ShequScore  expected)
{
  ShequScore value = -7;

  g_test_message ("parsing “%s”", text);
  if (expected == SHEQU_SCORE_NONE)
    {
      g_assert_false (shequ_score_parse (text, &value));
      g_assert_cmpint (value, ==, -7);  /* untouched */
    }
  else
    {
      g_assert_true (shequ_score_parse (text, &value));
      g_assert_cmpint (value, ==, expected);
    }
}

static void
test_score_parse (void)
{
  check_parse ("8.5", 850);
  check_parse ("８．５", 850);
  check_parse (" 10 ", 1000);
  check_parse ("0", 0);
  check_parse ("7.25", 725);
  check_parse ("8。5", 850);  /* the ideographic full stop an IME may type */
  check_parse ("8.555", SHEQU_SCORE_NONE);
  check_parse ("-1", SHEQU_SCORE_NONE);
  check_parse ("1e2", SHEQU_SCORE_NONE);
  check_parse ("", SHEQU_SCORE_NONE);
  check_parse ("   ", SHEQU_SCORE_NONE);
  check_parse ("100000.01", SHEQU_SCORE_NONE);
  check_parse ("abc", SHEQU_SCORE_NONE);
}

static void
check_format (ShequScore  value,
              const char *expected)
{
  g_autofree char *text = shequ_score_format (value);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_score_format (void)
{
  check_format (850, "8.5");
  check_format (1000, "10");
  check_format (725, "7.25");
  check_format (0, "0");
  check_format (-150, "-1.5");
  check_format (SHEQU_SCORE_NONE, "");
}

static void
test_band_edges (void)
{
  g_assert_cmpint (shequ_band_for_total (85, 85, 70), ==, SHEQU_BAND_GREEN);
  g_assert_cmpint (shequ_band_for_total (84.995, 85, 70), ==, SHEQU_BAND_GREEN);
  g_assert_cmpint (shequ_band_for_total (84.99, 85, 70), ==, SHEQU_BAND_ORANGE);
  g_assert_cmpint (shequ_band_for_total (70, 85, 70), ==, SHEQU_BAND_ORANGE);
  g_assert_cmpint (shequ_band_for_total (69.99, 85, 70), ==, SHEQU_BAND_RED);
  g_assert_cmpint (shequ_band_for_total (0, 85, 70), ==, SHEQU_BAND_RED);
  g_assert_cmpint (shequ_band_for_total (NAN, 85, 70), ==, SHEQU_BAND_NONE);
  g_assert_cmpint (shequ_band_for_total (INFINITY, 85, 70), ==, SHEQU_BAND_NONE);
  g_assert_cmpint (shequ_band_for_total (-INFINITY, 85, 70), ==, SHEQU_BAND_NONE);
}

static void
test_labels_chinese (void)
{
  if (!shequ_test_use_chinese ())
    return;
  g_assert_cmpstr (shequ_band_get_label (SHEQU_BAND_GREEN), ==, "绿");
  g_assert_cmpstr (shequ_band_get_label (SHEQU_BAND_RED), ==, "红");
  g_assert_cmpstr (shequ_flag_action_get_label (SHEQU_FLAG_ACTION_INTERVIEW), ==, "约谈");
  g_assert_cmpstr (shequ_eval_kind_get_label (SHEQU_EVAL_KIND_COMMUNITY), !=,
                   "community");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval-types/score-parse", test_score_parse);
  g_test_add_func ("/eval-types/score-format", test_score_format);
  g_test_add_func ("/eval-types/band-edges", test_band_edges);
  /* Last: it leaves the locale Chinese. */
  g_test_add_func ("/eval-types/labels-chinese", test_labels_chinese);

  return g_test_run ();
}
