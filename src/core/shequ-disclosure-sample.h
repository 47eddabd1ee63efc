/* shequ-disclosure-sample.h — the sample street's disclosures, built from data/sample/disclosure-*.csv */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-disclosure-store.h"

G_BEGIN_DECLS

/* Fills a store with no disclosures yet (over the sample street) with disclosures of
 * every kind in every state — drafts, submitted, approved, published, a corrected one,
 * a withdrawn one — finance ones with balanced lines, and policy guides, deterministic
 * from the data files (shequ_sample_find_dir()); some units are left without a finance
 * disclosure for the last quarter, so the overdue view has something to show. A bad
 * data file is refused naming the file and line, and nothing is written. */
gboolean shequ_disclosure_sample_populate (ShequDisclosureStore  *store,
                                           GError               **error);

/* N synthetic finance disclosures (published, 10 lines each) over the store's
 * communities and villages, deterministic, in one transaction: for benchmarks. */
gboolean shequ_disclosure_sample_populate_synthetic (ShequDisclosureStore *store,
                                                     guint                 n,
                                                     GError              **error);

G_END_DECLS
