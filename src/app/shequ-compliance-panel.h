/* shequ-compliance-panel.h — units that break a rule, with the reason; jumps to the unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_COMPLIANCE_PANEL (shequ_compliance_panel_get_type ())
G_DECLARE_FINAL_TYPE (ShequCompliancePanel, shequ_compliance_panel, SHEQU, COMPLIANCE_PANEL, GtkWidget)

/* Property "store". Signal "unit-activated" (ShequUnit *unit): the user asked to see it. */
ShequOrgStore *shequ_compliance_panel_get_store (ShequCompliancePanel *self);
void           shequ_compliance_panel_set_store (ShequCompliancePanel *self,
                                                 ShequOrgStore        *store);

/* For tests: the list (activate a row with its "activate" signal). */
GtkColumnView *shequ_compliance_panel_get_column_view (ShequCompliancePanel *self);

G_END_DECLS
