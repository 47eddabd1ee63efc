/* shequ-test-fake-central.h — an in-memory ShequCentralStorage for the public pages' tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-central-storage.h"

G_BEGIN_DECLS

/* Only what the public pages read: units, documents (kept whole: its public lists give
 * every document of the unit, drafts too, so that the pages' own filtering is tested),
 * attachments and a stamp that grows with each change. Counts the calls. */
#define SHEQU_TYPE_TEST_FAKE_CENTRAL (shequ_test_fake_central_get_type ())
G_DECLARE_FINAL_TYPE (ShequTestFakeCentral, shequ_test_fake_central, SHEQU, TEST_FAKE_CENTRAL,
                      GObject)

ShequTestFakeCentral *shequ_test_fake_central_new (void);
void  shequ_test_fake_central_add_unit       (ShequTestFakeCentral *self,
                                              const char           *code,
                                              const char           *name,
                                              const char           *tier,
                                              const char           *parent);
/* Takes DOC. */
void  shequ_test_fake_central_add_document   (ShequTestFakeCentral *self,
                                              ShequDisclosure      *doc);
void  shequ_test_fake_central_add_attachment (ShequTestFakeCentral *self,
                                              const char           *sha256,
                                              const char           *mime,
                                              const char           *data);
/* Storage calls other than get_stamp since the last reset. */
guint shequ_test_fake_central_get_n_reads    (ShequTestFakeCentral *self);
guint shequ_test_fake_central_get_n_stamps   (ShequTestFakeCentral *self);
void  shequ_test_fake_central_reset_counts   (ShequTestFakeCentral *self);
/* Every call fails with SHEQU_CENTRAL_ERROR_STORAGE while FAIL. */
void  shequ_test_fake_central_set_failing    (ShequTestFakeCentral *self,
                                              gboolean              fail);

G_END_DECLS
