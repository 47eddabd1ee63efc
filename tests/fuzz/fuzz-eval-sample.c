/* fuzz-eval-sample.c — libFuzzer target: the sample evaluation's six data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-eval-sample"

#include "config.h"

#include <math.h>

#include "fuzz-sample-files.h"
#include "shequ-eval-sample-private.h"

static const char base_units[] =
  "code,name,tier,parent_code,population,households\n"
  "371326001,平邑街道,street,,,\n"
  "37132600101,城区东片区,area,371326001,,\n"
  "371326001001,邑东府邸社区,community,37132600101,,\n"
  "371326001001001,第一网格,grid,371326001001,1320,421\n"
  "371326001002,东阳社区,community,37132600101,,\n"
  "371326001002001,第一网格,grid,371326001002,900,300\n"
  "371326001013,前城村,village,37132600101,2500,800\n";

static const char base_people[] =
  "person_code,name,phone,unit_code,role,title\n"
  "P00001,杨兆峰,13785272286,371326001,secretary,党工委书记\n"
  "P00002,马丽,13525205693,371326001,cadre,组织委员\n"
  "P00003,王永胜,13932567405,371326001001,secretary,社区党总支书记\n"
  "P00004,孔繁军,13869925307,371326001,assessor,考核员\n"
  "P00005,褚立新,15853916642,371326001,assessor,考核员\n";

/* The files, in the order the input gives them. */
static const char *const names[] = {
  "eval-sets.csv", "eval-indicators.csv", "eval-periods.csv", "eval-assessors.csv",
  "eval-profiles.csv", "eval-flag-outcomes.csv",
};

static FuzzSampleFiles files;

/* What es_data_read() promises of data it accepts. */
static void
check_data (const EsData *data)
{
  for (guint k = 0; k < SHEQU_EVAL_N_KINDS; k++)
    {
      const EsSet *set = data->sets[k];
      double sum = 0;

      if (set == NULL)
        continue;
      g_assert_cmpuint (set->indicators->len, >, 0);
      g_assert_true (set->green_min > set->orange_min);
      for (guint i = 0; i < set->indicators->len; i++)
        {
          const EsIndicator *ind = g_ptr_array_index (set->indicators, i);

          g_assert_cmpint (ind->max_score, >, 0);
          g_assert_nonnull (ind->deductions[0]);
          sum += ind->weight;
        }
      g_assert_cmpfloat (fabs (sum - 100), <=, 0.001);
    }
  for (guint p = 0; p < data->periods->len; p++)
    {
      const EsPeriod *period = g_ptr_array_index (data->periods, p);

      g_assert_nonnull (data->sets[period->kind]);
      g_assert_cmpuint (period->filled, <=, 100);
      g_assert_cmpstr (period->starts, <=, period->ends);
    }
  for (guint i = 0; i < data->outcomes->len; i++)
    {
      const EsOutcome *outcome = g_ptr_array_index (data->outcomes, i);

      g_assert_true (outcome->state == SHEQU_FLAG_STATE_INTERVIEWED ||
                     outcome->state == SHEQU_FLAG_STATE_CLOSED);
      g_assert_true (outcome->state != SHEQU_FLAG_STATE_INTERVIEWED || outcome->note[0] != '\0');
      g_assert_nonnull (data->sets[outcome->kind]);
    }
}

/* The input is the six files in the order of NAMES, separated by lines "--"; files
 * the input does not reach are empty. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EsData) read = NULL;

  fuzz_sample_files_write (&files, base_units, base_people, names, G_N_ELEMENTS (names), data,
                           size);
  read = es_data_read (files.dir, files.store, &error);
  if (read == NULL)
    {
      fuzz_sample_files_assert_refused (error, "eval-");
      return 0;
    }
  g_assert_no_error (error);
  check_data (read);
  return 0;
}
