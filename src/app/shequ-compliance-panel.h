/* shequ-compliance-panel.h — units that break a rule, with the reason; jumps to the unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"
#include "shequ-session.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_COMPLIANCE_PANEL (shequ_compliance_panel_get_type ())
G_DECLARE_FINAL_TYPE (ShequCompliancePanel, shequ_compliance_panel, SHEQU, COMPLIANCE_PANEL, GtkWidget)

/* Properties "session" (ShequSession: its store's violations are listed, its selected
 * unit selected when listed) and "store" (the session's, read-only). Activating a row
 * makes its unit the session's selected unit, then emits "unit-activated" (ShequUnit
 * *unit): the user asked to see it. */
ShequSession  *shequ_compliance_panel_get_session (ShequCompliancePanel *self);
void           shequ_compliance_panel_set_session (ShequCompliancePanel *self,
                                                   ShequSession         *session);
ShequOrgStore *shequ_compliance_panel_get_store   (ShequCompliancePanel *self);

G_END_DECLS
