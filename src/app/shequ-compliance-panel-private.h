/* shequ-compliance-panel-private.h — what the tests reach inside the compliance panel */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-compliance-panel.h"

G_BEGIN_DECLS

/* The list (activate a row with its "activate" signal). */
GtkColumnView *shequ_compliance_panel_get_column_view (ShequCompliancePanel *self);

G_END_DECLS
