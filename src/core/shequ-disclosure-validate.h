/* shequ-disclosure-validate.h — what a new revision of a disclosure may change of the old one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-disclosure-types.h"

G_BEGIN_DECLS

/* Whether AFTER may replace BEFORE (two revisions of one disclosure, e.g. the server's
 * stored copy and a put): the rules the desktop's triggers keep, for a copy that did
 * not come through them. Every version BEFORE has that was published, corrected or
 * withdrawn is in AFTER with the same content; a published one may have become
 * corrected or withdrawn (who ended it, when and why then set); once anything was
 * published the uuid, unit, kind and period stay. FALSE with
 * SHEQU_DISCLOSURE_ERROR_IMMUTABLE saying what would change. */
gboolean shequ_disclosure_check_successor (const ShequDisclosure *before,
                                           const ShequDisclosure *after,
                                           GError               **error);

G_END_DECLS
