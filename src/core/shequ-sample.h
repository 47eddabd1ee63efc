/* shequ-sample.h — the Pingyi Street (平邑街道) sample, built from data/sample */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-org-store.h"

G_BEGIN_DECLS

/* The folder holding units.csv and people.csv: $SHEQU_SAMPLE_DIR, the installed
 * pkgdatadir/sample, or the source tree's data/sample. */
char     *shequ_sample_find_dir      (void);
/* Fills an empty store with the sample street: one undoable change for the units,
 * one for the people. */
gboolean  shequ_sample_populate      (ShequOrgStore  *store,
                                      GError        **error);
/* A new, empty street: one unit of tier street with a code made from COUNTY_CODE. */
ShequUnit *shequ_sample_create_street (ShequOrgStore *store,
                                       const char    *name,
                                       const char    *county_code,
                                       GError       **error);
/* A deterministic synthetic street of about N_UNITS units, for benchmarks. */
gboolean  shequ_sample_populate_synthetic (ShequOrgStore *store,
                                           guint          n_units,
                                           GError       **error);

G_END_DECLS
