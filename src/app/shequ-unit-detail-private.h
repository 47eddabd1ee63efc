/* shequ-unit-detail-private.h — what the tests reach inside the detail pane */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-unit-detail.h"

G_BEGIN_DECLS

/* The population entry and the message shown under the figures (NULL when none). */
GtkWidget  *shequ_unit_detail_get_population_entry (ShequUnitDetail *self);
const char *shequ_unit_detail_get_figures_message  (ShequUnitDetail *self);
/* The people list (a GtkListBox bound to the unit's posts). */
GtkWidget  *shequ_unit_detail_get_people_list      (ShequUnitDetail *self);

G_END_DECLS
