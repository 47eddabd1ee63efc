/* shequ-test-disclosure.h — valid disclosures for tests to start from and break */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-disclosure-types.h"

G_BEGIN_DECLS

/* A finance disclosure of unit 37132600101001 for 2026-Q3: version 1 corrected, version 2
 * published (opening 1,000.00, income 5,000.00 + 1,234.56, expense 800.00, closing
 * 6,434.56 yuan, one PDF attached), version 3 a draft. Valid. */
ShequDisclosure *shequ_test_disclosure_finance (void);
/* A policy guide, one published version with every guide part. Valid. */
ShequDisclosure *shequ_test_disclosure_policy  (void);
/* A news disclosure, one draft version of the given title. Valid. */
ShequDisclosure *shequ_test_disclosure_draft   (const char *title);

/* Version NUMBER in STATE with TITLE and BODY, and nothing else of its own yet. */
ShequDisclosureVersion *shequ_test_disclosure_version_new (guint                   number,
                                                          ShequDisclosureState    state,
                                                          const char             *title,
                                                          const char             *body);
/* Gives V a policy guide of these parts. */
void                    shequ_test_disclosure_set_guide   (ShequDisclosureVersion *v,
                                                          const char             *topic,
                                                          const char             *eligibility,
                                                          const char             *materials,
                                                          const char             *steps,
                                                          const char             *contacts);

G_END_DECLS
