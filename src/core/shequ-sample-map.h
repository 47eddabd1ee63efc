/* shequ-sample-map.h — the sample street's boundaries and places, made from data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-org-store.h"
#include "shequ-place.h"

G_BEGIN_DECLS

typedef struct {
  GHashTable *boundaries;   /* gint64 * unit id (owned) → ShequGeoShape * (owned), GCJ-02 */
  GPtrArray  *places;       /* ShequPlaceRow *, ids 1, 2, … in a fixed order */
} ShequSampleMap;

/* Boundaries for every unit of STORE (the sample street, already imported) and its
 * places, generated deterministically from the files in DIR (the sample's data
 * directory): the same files give the same map, byte for byte. Units tile their parent
 * exactly, with shared edges identical. A translated error names the file and line. */
ShequSampleMap *shequ_sample_map_generate (ShequOrgStore   *store,
                                           const char      *dir,
                                           GError         **error);
void            shequ_sample_map_free     (ShequSampleMap  *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequSampleMap, shequ_sample_map_free)

G_END_DECLS
