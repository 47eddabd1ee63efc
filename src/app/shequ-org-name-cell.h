/* shequ-org-name-cell.h — what the tree's name column shows for a unit: icon, name, match */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-unit.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_ORG_NAME_CELL (shequ_org_name_cell_get_type ())
G_DECLARE_FINAL_TYPE (ShequOrgNameCell, shequ_org_name_cell, SHEQU, ORG_NAME_CELL, GtkWidget)

/* The child of the name column's GtkTreeExpander (a final class, so the cell cannot be
 * one): the tier's icon, the name with the search highlighted, and after it the code
 * or person that matched. Property "unit" (ShequUnit, nullable). */
GtkWidget *shequ_org_name_cell_new       (void);
ShequUnit *shequ_org_name_cell_get_unit  (ShequOrgNameCell *self);
void       shequ_org_name_cell_set_unit  (ShequOrgNameCell *self,
                                          ShequUnit        *unit);
/* Shows the unit's name with SEARCH highlighted (NULL: no search) and HINT after it
 * (NULL: none). */
void       shequ_org_name_cell_update    (ShequOrgNameCell *self,
                                          const char       *search,
                                          const char       *hint);
/* The label that shows the name (its text and highlights; the rename popover points
 * at it). */
GtkLabel  *shequ_org_name_cell_get_label (ShequOrgNameCell *self);

G_END_DECLS
