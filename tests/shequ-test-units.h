/* shequ-test-units.h — small organisation trees, boundaries and the Chinese UI for tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-geo.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

/* The street 平邑街道 (code 371326001) of an empty store. */
ShequUnit *shequ_test_add_street (ShequOrgStore *store);
/* A unit of TIER under PARENT, with its figures when either is > 0. */
ShequUnit *shequ_test_add_unit   (ShequOrgStore *store,
                                  ShequUnit     *parent,
                                  ShequTier      tier,
                                  const char    *name,
                                  gint64         population,
                                  gint64         households);
/* The unit of CODE in STORE, which must have one. */
ShequUnit *shequ_test_lookup_code (ShequOrgStore *store,
                                   const char    *code);
/* COUNT new people holding ROLE at UNIT. */
void       shequ_test_add_posts  (ShequOrgStore *store,
                                  ShequUnit     *unit,
                                  ShequRole      role,
                                  guint          count);

/* A closed lon/lat rectangle from (LON, LAT), WIDTH by HEIGHT degrees. */
ShequGeoShape *shequ_test_rectangle (double lon,
                                     double lat,
                                     double width,
                                     double height);

/* Switches the process to the zh_CN UI with the built translations; FALSE (the test
 * skipped) when the locale or the translations are missing. For a program's last test. */
gboolean       shequ_test_use_chinese (void);

G_END_DECLS
