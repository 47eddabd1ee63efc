/* shequ-sample-map-private.h — the hexagonal lattice the sample map is grown on */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-geo.h"

G_BEGIN_DECLS

#define SM_N_DIRS 6

/* A lattice of hexagonal cells in a local plane (metres east and north of LON0, LAT0).
 * Cells are stored row by row; odd rows are shifted half a cell east. Every unit of the
 * sample map is a union of cells, so units tile their parent exactly; a hexagon corner
 * joins three cells, so no boundary ever pinches at a point. */
typedef struct {
  double  spacing;      /* metres between neighbouring cell centres */
  int     cols;
  int     rows;
  double  x0;           /* local metres of cell 0's centre */
  double  y0;
  double  lon0;         /* the local plane's origin, GCJ-02 degrees */
  double  lat0;
  double  kx;           /* metres per degree of longitude, of latitude */
  double  ky;
  float  *cost;         /* per cell: how slowly a unit grows across it (1 on average) */
  int    *neighbours;   /* per cell, SM_N_DIRS of them: see sm_cell_neighbour() */
} SmLattice;

void          sm_lattice_init        (SmLattice           *lat,
                                      double               lon0,
                                      double               lat0,
                                      double               half_extent,
                                      double               spacing);
/* Sets the cost of every cell with REGION[cell] >= 0 from a noise of seed SEED. */
void          sm_lattice_set_costs   (SmLattice           *lat,
                                      const int           *region,
                                      guint32              seed);
void          sm_lattice_clear       (SmLattice           *lat);
int           sm_lattice_n_cells     (const SmLattice     *lat);
ShequGeoPoint sm_cell_centre         (const SmLattice     *lat,
                                      int                  cell);
/* The neighbour of CELL in direction DIR (0 east, then counter-clockwise every 60°),
 * or -1 off the lattice. Inline: the growth and the tracing ask it millions of times. */
static inline int
sm_cell_neighbour (const SmLattice *lat,
                   int              cell,
                   int              dir)
{
  return lat->neighbours[cell * SM_N_DIRS + dir];
}
/* The cell whose centre is nearest to the local point P, or -1 off the lattice. */
int           sm_cell_at             (const SmLattice     *lat,
                                      ShequGeoPoint        p);
/* The square of the distance between two local points. */
static inline double
sm_dist2 (ShequGeoPoint a,
          ShequGeoPoint b)
{
  return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
}
/* A cell with the number it is sorted by (a distance ratio, an angle); for qsort() with
 * sm_compare_keyed_cells(), which breaks ties by cell so that the order is total. */
typedef struct {
  double key;
  int    cell;
} SmKeyedCell;
int           sm_compare_keyed_cells (const void          *a,
                                      const void          *b);
ShequGeoPoint sm_local_to_lonlat     (const SmLattice     *lat,
                                      ShequGeoPoint        p);
ShequGeoPoint sm_lonlat_to_local     (const SmLattice     *lat,
                                      ShequGeoPoint        lonlat);
double        sm_cell_area           (const SmLattice     *lat);
guint32       sm_hash                (guint32              a,
                                      guint32              b,
                                      guint32              c);

/* Marks REGION[cell] 0 for the cells of the street, -1 for the others: about AREA_M2 of
 * cells round CENTRE (local), an irregular shape of seed SEED, every cell at least a
 * cell and a half inside COUNTY, connected and without holes. */
void          sm_street_region       (const SmLattice     *lat,
                                      ShequGeoShape       *county,
                                      ShequGeoPoint        centre,
                                      double               area_m2,
                                      guint32              seed,
                                      int                 *region);

/* One unit to grow inside its parent: where it starts and how big it should get. */
typedef struct {
  int     cell;
  double  target;       /* relative size; the targets are scaled to fill the parent */
} SmSeed;

/* Splits the cells with PARENT[cell] == PARENT_LABEL among N_SEEDS units, writing the
 * seed's index into OUT[cell]: every unit a connected set of cells round its seed, the
 * sizes close to the targets. SEEDS' cells must be distinct cells of the parent. */
void          sm_grow                (const SmLattice     *lat,
                                      const int           *parent,
                                      int                  parent_label,
                                      const SmSeed        *seeds,
                                      guint                n_seeds,
                                      int                 *out);
/* The cell of the parent nearest to P that no seed in TAKEN (N_TAKEN cells) holds. */
int           sm_snap_seed           (const SmLattice     *lat,
                                      const int           *parent,
                                      int                  parent_label,
                                      ShequGeoPoint        p,
                                      const int           *taken,
                                      guint                n_taken);
/* K well-spread seed cells in the parent, in clockwise order from north round its
 * middle. */
void          sm_spread_seeds        (const SmLattice     *lat,
                                      const int           *parent,
                                      int                  parent_label,
                                      guint                k,
                                      int                 *cells);
/* Gives each part of a label cut off from the label's largest part to the neighbouring
 * label it shares the most edges with, until every label in 0..N_LABELS-1 is connected.
 * CELLS (N_CELLS of them) are all the cells with a label; the others hold -1. */
void          sm_join_parts          (const SmLattice     *lat,
                                      int                 *labels,
                                      int                  n_labels,
                                      const int           *cells,
                                      int                  n_cells);
/* Hands every cell of CELLS (those with LABELS[cell] >= 0), except the N_FIXED cells FIXED, that has four
 * of its six neighbours in one other label over to that label, ROUNDS times: necks and
 * spurs one or two cells wide go. MOVED (nullable) gets 1 for each label that lost or
 * gained a cell; TRUE when any did. Parts may come loose: join them after. */
gboolean      sm_smooth_labels       (const SmLattice     *lat,
                                      int                 *labels,
                                      int                  n_labels,
                                      const int           *cells,
                                      int                  n_cells,
                                      const int           *fixed,
                                      guint                n_fixed,
                                      guint                rounds,
                                      guint8              *moved);
/* DEPTH[cell]: how many steps the cell is from a cell of another label (1 next to one). */
void          sm_inner_depth         (const SmLattice     *lat,
                                      const int           *labels,
                                      int                 *depth);

/* The borders between nodes of the boundary graph (ADJACENT: 3 a vertex, DEGREE of each
 * of N_VERTICES, POS their places), each smoothed by a Gaussian of SIGMA metres along it
 * and thinned to TOLERANCE metres, unless that would make it meet another. */
typedef struct _SmChains SmChains;

SmChains     *sm_chains_new          (const int           *adjacent,
                                      const guint8        *degree,
                                      const ShequGeoPoint *pos,
                                      int                  n_vertices,
                                      double               sigma,
                                      double               tolerance);
void          sm_chains_free         (SmChains            *self);
gboolean      sm_chains_is_node      (const SmChains      *self,
                                      int                  v);
/* Appends to POINTS the chain that leaves node FROM towards vertex NEXT, without its
 * last point; returns how many lattice edges it spans. */
guint         sm_chains_append       (const SmChains      *self,
                                      int                  from,
                                      int                  next,
                                      GArray              *points);

/* The boundaries of every unit, traced from OWNER (one array per depth, N_DEPTHS of
 * them: the unit index owning each cell at that depth, or -1): SHAPES[unit] gets a new
 * GCJ-02 shape for each of N_UNITS units. LEAF is the deepest owner of each cell; the
 * vertices where three leaves meet stay put, the others are smoothed, the same for
 * every unit that shares them. */
void          sm_trace_units         (const SmLattice     *lat,
                                      const int           *leaf,
                                      int *const          *owner,
                                      guint                n_depths,
                                      guint                n_units,
                                      ShequGeoShape      **shapes);

G_END_DECLS
