/* shequ-map-page-private.h — for the tests and the screenshots: a map given by hand */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-map-page.h"
#include "shequ-unit-detail.h"

G_BEGIN_DECLS

typedef ShequMap *(*ShequMapPageMapFunc) (ShequOrgStore *store);

/* Makes the page's map with FUNC (NULL: shequ_map_new_for_store()), now and after every
 * change that touches the map: a made-up map until boundaries are in the store. */
void             shequ_map_page_set_map_func        (ShequMapPage        *self,
                                                     ShequMapPageMapFunc  func);
/* "map" or "empty". */
const char      *shequ_map_page_get_state           (ShequMapPage  *self);
ShequUnitDetail *shequ_map_page_get_detail          (ShequMapPage  *self);
/* Picks the measure (an id of shequ_measure_list_builtin()) in the toolbar. */
void             shequ_map_page_set_measure         (ShequMapPage  *self,
                                                     const char    *id);
gboolean         shequ_map_page_get_classing_visible (ShequMapPage *self);

/* shequ-map-stand-in.c: a made-up map of STORE's units — each unit's children cut its
 * rectangle into rows of near-square cells — for pictures and tests while a store has
 * no boundaries. */
ShequMap        *shequ_map_new_stand_in             (ShequOrgStore *store);

G_END_DECLS
