/* shequ-map-synth.h — a synthetic grid map, for benchmarks and tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-map.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

/* Where the synthetic map lies, in GCJ-02 degrees: the Pingyi county seat. */
#define SHEQU_MAP_SYNTH_LON 117.63
#define SHEQU_MAP_SYNTH_LAT 35.51
/* The side of a cell of the lattice, in metres. */
#define SHEQU_MAP_SYNTH_CELL_M 150.0

/* N_POLYGONS cells of a jittered lattice, row by row from the south-west, tiling a
 * rectangle centred on SHEQU_MAP_SYNTH_LON, _LAT, like the grids of a real grid map:
 * neighbours share their edge exactly (each edge is made once, wiggled by noise drawn from
 * SEED, and the neighbour walks it reversed), so there is no gap and no sliver. N_VERTICES
 * points in all, each ring's closing point counted (as GeoJSON writes them); at least 5 a
 * polygon. Coordinates are rounded to 7 decimals, so that they survive GeoJSON exactly.
 * The same arguments give the same map. Returns a GPtrArray of ShequGeoShape. */
GPtrArray *shequ_map_synth_shapes       (guint          n_polygons,
                                         guint          n_vertices,
                                         guint32        seed);

/* The N_UNITS to give shequ_sample_populate_synthetic() for a street of exactly N_GRIDS
 * grids (or, where no size has exactly that many, the fewest above). */
guint      shequ_map_synth_street_units (guint          n_grids);
/* The grids of STORE (ShequUnit, borrowed like shequ_org_store_get_units()), by code. */
GPtrArray *shequ_map_synth_list_grids   (ShequOrgStore *store);

/* SHAPES as a GeoJSON FeatureCollection: feature I has the "code" and "name" of GRIDS[I]
 * (ShequUnit; NULL: codes "G1", "G2"… and names "第1网格"…), so that an import matches
 * the synthetic street's grids by code. GRIDS may be longer than SHAPES, not shorter. */
GBytes    *shequ_map_synth_geojson      (GPtrArray     *shapes,
                                         GPtrArray     *grids);
/* A built map of SHAPES: item I is the grid of unit id I + 1 at depth 3. */
ShequMap  *shequ_map_synth_new_map      (GPtrArray     *shapes);

G_END_DECLS
