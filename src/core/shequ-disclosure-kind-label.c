/* shequ-disclosure-kind-label.c — a disclosure kind's name for one unit: 村务 or 居务公开 */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-kind-label"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-disclosure-kind-label.h"

gboolean
shequ_disclosure_kind_has_community_name (ShequDisclosureKind kind,
                                          ShequTier           tier)
{
  return kind == SHEQU_DISCLOSURE_KIND_VILLAGE && tier == SHEQU_TIER_COMMUNITY;
}

const char *
shequ_disclosure_kind_label_for_unit (ShequDisclosureKind kind,
                                      ShequTier           tier)
{
  g_return_val_if_fail ((guint) kind < SHEQU_DISCLOSURE_N_KINDS, NULL);

  if (shequ_disclosure_kind_has_community_name (kind, tier))
    return g_dpgettext2 (GETTEXT_PACKAGE, "disclosure kind", "Community affairs");
  return shequ_disclosure_kind_get_label (kind);
}
