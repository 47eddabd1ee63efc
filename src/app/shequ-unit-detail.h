/* shequ-unit-detail.h — the detail pane: one unit's fields, roll-ups and people */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"
#include "shequ-session.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_UNIT_DETAIL (shequ_unit_detail_get_type ())
G_DECLARE_FINAL_TYPE (ShequUnitDetail, shequ_unit_detail, SHEQU, UNIT_DETAIL, GtkWidget)

/* Properties: "store" (ShequOrgStore), "unit" (ShequUnit, NULL shows an empty state).
 * Every edit goes through the store at once (activate or focus-out) and is undoable
 * there; refused input stays in the field, marked, with the reason under it. */
void           shequ_unit_detail_set_store     (ShequUnitDetail *self,
                                                ShequOrgStore   *store);
/* Property "session": shows the session's store and follows its selected unit. */
ShequSession  *shequ_unit_detail_get_session   (ShequUnitDetail *self);
void           shequ_unit_detail_set_session   (ShequUnitDetail *self,
                                                ShequSession    *session);
ShequUnit     *shequ_unit_detail_get_unit      (ShequUnitDetail *self);
void           shequ_unit_detail_set_unit      (ShequUnitDetail *self,
                                                ShequUnit       *unit);

G_END_DECLS
