/* shequ-map-store.h — the map of a store's units: their boundaries and places */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-map.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

/* A built map of every unit of STORE that has a boundary, and every place. */
ShequMap *shequ_map_new_for_store (ShequOrgStore *store);
/* Whether CHANGE touches what the map of a store shows (boundaries, places, names, the
 * tree): the map view makes a new map only then. */
gboolean  shequ_map_change_affects_map (ShequOrgChange *change);

G_END_DECLS
