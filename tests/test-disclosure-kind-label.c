/* test-disclosure-kind-label.c — 村务公开 is 居务公开 for a community, whatever else a unit is */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "shequ-disclosure-kind-label.h"
#include "shequ-test-units.h"

static void
test_community_name (void)
{
  for (guint k = 0; k < SHEQU_DISCLOSURE_N_KINDS; k++)
    for (guint t = 0; t < SHEQU_N_TIERS; t++)
      g_assert_cmpint (shequ_disclosure_kind_has_community_name (k, t), ==,
                       k == SHEQU_DISCLOSURE_KIND_VILLAGE && t == SHEQU_TIER_COMMUNITY);
}

static void
test_english (void)
{
  g_assert_cmpstr (shequ_disclosure_kind_label_for_unit (SHEQU_DISCLOSURE_KIND_VILLAGE,
                                                         SHEQU_TIER_COMMUNITY), ==,
                   "Community affairs");
  g_assert_cmpstr (shequ_disclosure_kind_label_for_unit (SHEQU_DISCLOSURE_KIND_VILLAGE,
                                                         SHEQU_TIER_VILLAGE), ==,
                   "Village affairs");
  /* Every other kind, and every other tier, keeps the kind's own label. */
  for (guint k = 0; k < SHEQU_DISCLOSURE_N_KINDS; k++)
    for (guint t = 0; t < SHEQU_N_TIERS; t++)
      if (k != SHEQU_DISCLOSURE_KIND_VILLAGE || t != SHEQU_TIER_COMMUNITY)
        g_assert_cmpstr (shequ_disclosure_kind_label_for_unit (k, t), ==,
                         shequ_disclosure_kind_get_label (k));
}

static void
test_chinese (void)
{
  if (!shequ_test_use_chinese ())
    return;
  g_assert_cmpstr (shequ_disclosure_kind_label_for_unit (SHEQU_DISCLOSURE_KIND_VILLAGE,
                                                         SHEQU_TIER_COMMUNITY), ==, "居务公开");
  g_assert_cmpstr (shequ_disclosure_kind_label_for_unit (SHEQU_DISCLOSURE_KIND_VILLAGE,
                                                         SHEQU_TIER_VILLAGE), ==, "村务公开");
  g_assert_cmpstr (shequ_disclosure_kind_label_for_unit (SHEQU_DISCLOSURE_KIND_FINANCE,
                                                         SHEQU_TIER_COMMUNITY), ==, "财务公开");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disclosure-kind-label/community-name", test_community_name);
  g_test_add_func ("/disclosure-kind-label/english", test_english);
  g_test_add_func ("/disclosure-kind-label/zh", test_chinese);

  return g_test_run ();
}
