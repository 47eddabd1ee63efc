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

/* Files and the CLI write a name as its key, its Chinese name or its English label. */
static void
test_names (void)
{
  ShequEvalCombine combine = SHEQU_EVAL_N_COMBINES;
  ShequFlagState state = SHEQU_FLAG_N_STATES;
  ShequBand band = SHEQU_N_BANDS;

  g_assert_true (shequ_eval_combine_from_string (" Trimmed MEAN ", &combine));
  g_assert_cmpint (combine, ==, SHEQU_EVAL_COMBINE_TRIMMED);
  g_assert_true (shequ_flag_state_from_string ("已约谈", &state));
  g_assert_cmpint (state, ==, SHEQU_FLAG_STATE_INTERVIEWED);
  g_assert_true (shequ_band_from_string ("not graded", &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_NONE);
  band = SHEQU_N_BANDS;
  g_assert_false (shequ_band_from_string ("blue", &band));
  g_assert_false (shequ_band_from_string (NULL, &band));
  g_assert_cmpint (band, ==, SHEQU_N_BANDS);
}

static void
test_labels_chinese (void)
{
  ShequBand band = SHEQU_N_BANDS;

  if (!shequ_test_use_chinese ())
    return;
  g_assert_cmpstr (shequ_band_get_label (SHEQU_BAND_GREEN), ==, "绿");
  g_assert_cmpstr (shequ_band_get_label (SHEQU_BAND_RED), ==, "红");
  g_assert_cmpstr (shequ_flag_action_get_label (SHEQU_FLAG_ACTION_INTERVIEW), ==, "约谈");
  g_assert_cmpstr (shequ_eval_kind_get_label (SHEQU_EVAL_KIND_COMMUNITY), !=,
                   "community");
  /* Under a Chinese UI both the translated and the English labels are read. */
  g_assert_true (shequ_band_from_string ("未评定", &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_NONE);
  g_assert_true (shequ_band_from_string ("Orange", &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_ORANGE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval-types/score-parse", test_score_parse);
  g_test_add_func ("/eval-types/score-format", test_score_format);
  g_test_add_func ("/eval-types/band-edges", test_band_edges);
  g_test_add_func ("/eval-types/names", test_names);
  /* Last: it leaves the locale Chinese. */
  g_test_add_func ("/eval-types/labels-chinese", test_labels_chinese);

  return g_test_run ();
}
