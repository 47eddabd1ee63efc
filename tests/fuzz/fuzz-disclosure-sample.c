/* fuzz-disclosure-sample.c — libFuzzer target: the sample disclosures' six data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-disclosure-sample"

#include "config.h"

#include "fuzz-sample-files.h"
#include "shequ-disclosure-sample-private.h"

static const char base_units[] =
  "code,name,tier,parent_code,population,households\n"
  "371326001,平邑街道,street,,,\n"
  "37132600101,城区东片区,area,371326001,,\n"
  "371326001001,邑东府邸社区,community,37132600101,,\n"
  "371326001001001,第一网格,grid,371326001001,1320,421\n"
  "371326001013,前城村,village,37132600101,2500,800\n";

static const char base_people[] =
  "person_code,name,phone,unit_code,role,title\n"
  "P00001,杨兆峰,13785272286,371326001,secretary,党工委书记\n"
  "P00002,马丽,13525205693,371326001,cadre,组织委员\n"
  "P00003,王永胜,13932567405,371326001001,director,居委会主任\n"
  "P00004,孔繁军,13869925307,371326001013,secretary,村党支部书记\n";

/* The files, in the order the input gives them. */
static const char *const names[] = {
  "disclosure-reviewers.csv", "disclosure-finance-categories.csv",
  "disclosure-finance-units.csv", "disclosure-finance-text.csv", "disclosure-items.csv",
  "disclosure-guides.csv",
};

static FuzzSampleFiles files;

/* What ds_plan() promises of the disclosures it makes. */
static void
check_plan (const DsData *data,
            GPtrArray    *plan)
{
  for (guint i = 0; i < plan->len; i++)
    {
      const DsPlanned *p = g_ptr_array_index (plan, i);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (shequ_org_store_lookup_unit (files.store, p->unit_id));
      g_assert_cmpint (p->step, >, DS_STEP_NONE);
      g_assert_cmpint (p->step, <, DS_N_STEPS);
      g_assert_nonnull (p->drafter);
      g_assert_nonnull (p->approver);
      g_assert_true ((p->step == DS_STEP_CORRECTED) == (p->correction != NULL));
      g_assert_true ((p->step == DS_STEP_RETURNED || p->step == DS_STEP_WITHDRAWN ||
                      p->step == DS_STEP_CORRECTED) == (p->reason != NULL));
      g_assert_true (shequ_disclosure_version_validate (p->content, p->kind, &error));
      if (p->kind == SHEQU_DISCLOSURE_KIND_FINANCE)
        {
          g_assert_true (shequ_finance_check_balance (p->content, &error));
          g_assert_cmpuint (p->content->items->len, >, 0);
        }
      g_assert_true ((p->kind == SHEQU_DISCLOSURE_KIND_POLICY) == (p->content->guide != NULL));
    }
  g_assert_nonnull (data->periods);
}

/* The input is the six files in the order of NAMES, separated by lines "--". */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsData) read = NULL;
  g_autoptr(GPtrArray) plan = NULL;

  fuzz_sample_files_write (&files, base_units, base_people, names, G_N_ELEMENTS (names), data,
                           size);
  read = ds_data_read (files.dir, files.store, &error);
  if (read != NULL)
    plan = ds_plan (read, files.store, files.dir, &error);
  if (plan == NULL)
    {
      fuzz_sample_files_assert_refused (error, "disclosure-");
      return 0;
    }
  g_assert_no_error (error);
  check_plan (read, plan);
  return 0;
}
