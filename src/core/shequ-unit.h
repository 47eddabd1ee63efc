/* shequ-unit.h — one unit of the organisation tree, with its roll-ups */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-org-types.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_UNIT (shequ_unit_get_type ())
G_DECLARE_FINAL_TYPE (ShequUnit, shequ_unit, SHEQU, UNIT, GObject)

/* Units are created and changed by ShequOrgStore only; everything here reads.
 * Properties (all notify when the store changes them):
 *   "id", "code", "name", "tier", "tier-label", "party-body", "service-body", "note",
 *   "population", "households"                 own figures,
 *   "total-population", "total-households",     roll-ups over the subtree (own + children),
 *   "grid-count"                                grid units in the subtree,
 *   "leader"                                    name of the first secretary (else director),
 *   "compliant", "compliance-text"              rules for villages and communities,
 *   "n-children"                                                                      */

gint64        shequ_unit_get_id               (ShequUnit  *self);
ShequTier     shequ_unit_get_tier             (ShequUnit  *self);
const char   *shequ_unit_get_code             (ShequUnit  *self);
const char   *shequ_unit_get_name             (ShequUnit  *self);
const char   *shequ_unit_get_party_body       (ShequUnit  *self);
const char   *shequ_unit_get_service_body     (ShequUnit  *self);
const char   *shequ_unit_get_note             (ShequUnit  *self);
gint64        shequ_unit_get_population       (ShequUnit  *self);
gint64        shequ_unit_get_households       (ShequUnit  *self);
gint64        shequ_unit_get_total_population (ShequUnit  *self);
gint64        shequ_unit_get_total_households (ShequUnit  *self);
guint         shequ_unit_get_grid_count       (ShequUnit  *self);
/* People holding ROLE in this unit and its subtree. */
guint         shequ_unit_get_role_count       (ShequUnit  *self,
                                               ShequRole   role);
const char   *shequ_unit_get_leader           (ShequUnit  *self);
gboolean      shequ_unit_get_compliant        (ShequUnit  *self);
/* "" when compliant or not checked, else e.g. "Mediators 3/5; no legal adviser". */
const char   *shequ_unit_get_compliance_text  (ShequUnit  *self);
/* Whether the compliance rules apply (villages and communities). */
gboolean      shequ_unit_is_checked           (ShequUnit  *self);

ShequUnit    *shequ_unit_get_parent           (ShequUnit  *self);
guint         shequ_unit_get_depth            (ShequUnit  *self);
gboolean      shequ_unit_is_ancestor_of       (ShequUnit  *self,
                                               ShequUnit  *descendant);
guint         shequ_unit_get_n_children       (ShequUnit  *self);
ShequUnit    *shequ_unit_get_child            (ShequUnit  *self,
                                               guint       position);
/* A GListModel of ShequUnit, children ordered by code; created on first use and
 * kept current by the store. NULL-free: empty for a leaf. */
GListModel   *shequ_unit_get_children         (ShequUnit  *self);

/* The unit as a row image (caller frees). */
ShequUnitRow *shequ_unit_to_row               (ShequUnit  *self);

G_END_DECLS
