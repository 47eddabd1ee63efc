/* shequ-disclosure-kind-label.h — a disclosure kind's name for one unit: 村务 or 居务公开 */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shequ-disclosure-types.h"
#include "shequ-org-types.h"

G_BEGIN_DECLS

/* Whether KIND, for a unit of TIER, goes by its urban community's name: 村务公开 is
 * 居务公开 in a 社区 (a residents' committee, not a villagers' one). */
gboolean    shequ_disclosure_kind_has_community_name (ShequDisclosureKind kind,
                                                      ShequTier           tier);
/* KIND's translated label for a unit of TIER: "Community affairs" (居务公开) for
 * 村务公开 in a community, else shequ_disclosure_kind_get_label (KIND). */
const char *shequ_disclosure_kind_label_for_unit     (ShequDisclosureKind kind,
                                                      ShequTier           tier);

G_END_DECLS
