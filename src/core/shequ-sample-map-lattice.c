/* shequ-sample-map-lattice.c — the sample map's lattice, the street's shape and its cells */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sample-map"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-sample-map-private.h"

#define SQRT3 1.7320508075688772
#define N_ANGLES 4096
#define N_BINS 1024

/* Axial steps (i, j) of the six directions, counter-clockwise from east. */
static const int dir_di[SM_N_DIRS] = { 1, 0, -1, -1, 0, 1 };
static const int dir_dj[SM_N_DIRS] = { 0, 1, 1, 0, -1, -1 };

guint32
sm_hash (guint32 a,
         guint32 b,
         guint32 c)
{
  guint32 h = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u) * 0x85EBCA77u ^ (c + 0x165667B1u) * 0xC2B2AE3Du;

  /* lowbias32: every input bit moves every output bit. */
  h ^= h >> 16;
  h *= 0x7feb352du;
  h ^= h >> 15;
  h *= 0x846ca68bu;
  h ^= h >> 16;
  return h;
}

static double
hash_unit (guint32 a,
           guint32 b,
           guint32 c)
{
  return sm_hash (a, b, c) / 4294967296.0;
}

/* Value noise in 0..1, smooth at WAVELENGTH metres. */
static double
value_noise (double  x,
             double  y,
             double  wavelength,
             guint32 seed)
{
  double gx = x / wavelength + 1000.0;
  double gy = y / wavelength + 1000.0;
  double fx = floor (gx);
  double fy = floor (gy);
  guint32 ix = (guint32) fx;
  guint32 iy = (guint32) fy;
  double tx = gx - fx;
  double ty = gy - fy;
  double a, b, c, d;

  tx = tx * tx * (3.0 - 2.0 * tx);
  ty = ty * ty * (3.0 - 2.0 * ty);
  a = hash_unit (ix, iy, seed);
  b = hash_unit (ix + 1, iy, seed);
  c = hash_unit (ix, iy + 1, seed);
  d = hash_unit (ix + 1, iy + 1, seed);
  return (a + (b - a) * tx) * (1.0 - ty) + (c + (d - c) * tx) * ty;
}

static int
compute_neighbour (const SmLattice *lat,
                   int              cell,
                   int              dir)
{
  int row = cell / lat->cols;
  int i = cell % lat->cols - (row >> 1);
  int row2 = row + dir_dj[dir];
  int col2;

  if (row2 < 0 || row2 >= lat->rows)
    return -1;
  col2 = i + dir_di[dir] + (row2 >> 1);
  if (col2 < 0 || col2 >= lat->cols)
    return -1;
  return row2 * lat->cols + col2;
}

void
sm_lattice_init (SmLattice *lat,
                 double     lon0,
                 double     lat0,
                 double     half_extent,
                 double     spacing)
{
  ShequGeoPoint mpd = shequ_geo_metres_per_degree (lat0);
  double h = spacing * SQRT3 / 2.0;

  lat->spacing = spacing;
  lat->lon0 = lon0;
  lat->lat0 = lat0;
  lat->kx = mpd.x;
  lat->ky = mpd.y;
  lat->cols = (int) ceil (2.0 * half_extent / spacing) + 1;
  lat->rows = (int) ceil (2.0 * half_extent / h) + 1;
  lat->rows += lat->rows % 2;
  lat->x0 = -half_extent;
  lat->y0 = -half_extent;
  lat->cost = g_new (float, lat->cols * lat->rows);
  lat->neighbours = g_new (int, SM_N_DIRS * lat->cols * lat->rows);
  for (int c = 0; c < lat->cols * lat->rows; c++)
    {
      lat->cost[c] = 1.0f;
      /* Looked up far more often than the lattice is made. */
      for (int k = 0; k < SM_N_DIRS; k++)
        lat->neighbours[c * SM_N_DIRS + k] = compute_neighbour (lat, c, k);
    }
}

void
sm_lattice_set_costs (SmLattice *lat,
                      const int *region,
                      guint32    seed)
{
  for (int c = 0; c < sm_lattice_n_cells (lat); c++)
    {
      ShequGeoPoint p;
      double v;

      if (region[c] < 0)
        continue;
      p = sm_cell_centre (lat, c);
      v = 0.55 * value_noise (p.x, p.y, 2600.0, seed) +
          0.30 * value_noise (p.x, p.y, 1100.0, seed + 1) +
          0.15 * value_noise (p.x, p.y, 450.0, seed + 2);
      /* From half to twice as slow: fronts meet along crooked lines. */
      lat->cost[c] = (float) exp (1.4 * (v - 0.5));
    }
}

void
sm_lattice_clear (SmLattice *lat)
{
  g_clear_pointer (&lat->cost, g_free);
  g_clear_pointer (&lat->neighbours, g_free);
}

int
sm_lattice_n_cells (const SmLattice *lat)
{
  return lat->cols * lat->rows;
}

double
sm_cell_area (const SmLattice *lat)
{
  return lat->spacing * lat->spacing * SQRT3 / 2.0;
}

ShequGeoPoint
sm_cell_centre (const SmLattice *lat,
                int              cell)
{
  int row = cell / lat->cols;
  int col = cell % lat->cols;
  ShequGeoPoint p = {
    lat->x0 + col * lat->spacing + (row & 1) * lat->spacing / 2.0,
    lat->y0 + row * lat->spacing * SQRT3 / 2.0,
  };

  return p;
}

int
sm_cell_at (const SmLattice *lat,
            ShequGeoPoint    p)
{
  int row = (int) lround ((p.y - lat->y0) / (lat->spacing * SQRT3 / 2.0));
  int col, best;
  double best_d;

  if (row < 0 || row >= lat->rows)
    return -1;
  col = (int) lround ((p.x - lat->x0 - (row & 1) * lat->spacing / 2.0) / lat->spacing);
  if (col < 0 || col >= lat->cols)
    return -1;
  best = row * lat->cols + col;
  best_d = sm_dist2 (p, sm_cell_centre (lat, best));
  for (int k = 0; k < SM_N_DIRS; k++)
    {
      int n = sm_cell_neighbour (lat, row * lat->cols + col, k);

      if (n >= 0 && sm_dist2 (p, sm_cell_centre (lat, n)) < best_d)
        {
          best = n;
          best_d = sm_dist2 (p, sm_cell_centre (lat, n));
        }
    }
  return best;
}

ShequGeoPoint
sm_local_to_lonlat (const SmLattice *lat,
                    ShequGeoPoint    p)
{
  ShequGeoPoint q = { lat->lon0 + p.x / lat->kx, lat->lat0 + p.y / lat->ky };

  return q;
}

ShequGeoPoint
sm_lonlat_to_local (const SmLattice *lat,
                    ShequGeoPoint    lonlat)
{
  ShequGeoPoint q = { (lonlat.x - lat->lon0) * lat->kx, (lonlat.y - lat->lat0) * lat->ky };

  return q;
}

/* ------------------------------------------------------------------------------------ */
/* The street */

int
sm_compare_keyed_cells (const void *a,
                        const void *b)
{
  const SmKeyedCell *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->cell - y->cell;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* INSIDE[cell]: whether the cell's centre lies in COUNTY, even-odd, by scanlines: the
 * points where each row of centres crosses the county's edges. */
static void
rasterise_county (const SmLattice *lat,
                  ShequGeoShape   *county,
                  guint8          *inside)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));

  for (int row = 0; row < lat->rows; row++)
    {
      double y = sm_cell_centre (lat, row * lat->cols).y;
      guint next = 0;

      g_array_set_size (xs, 0);
      for (guint i = 0; i < shequ_geo_shape_get_n_polygons (county); i++)
        {
          const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (county, i);

          for (guint r = 0; r < polygon->n_rings; r++)
            for (guint k = 0; k + 1 < polygon->rings[r].n_points; k++)
              {
                ShequGeoPoint a = sm_lonlat_to_local (lat, polygon->rings[r].points[k]);
                ShequGeoPoint b = sm_lonlat_to_local (lat, polygon->rings[r].points[k + 1]);
                double x;

                if ((a.y > y) == (b.y > y))
                  continue;
                x = a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x);
                g_array_append_val (xs, x);
              }
        }
      if (xs->len > 1)
        qsort (xs->data, xs->len, sizeof (double), compare_doubles);
      for (int col = 0; col < lat->cols; col++)
        {
          int c = row * lat->cols + col;
          double x = sm_cell_centre (lat, c).x;

          while (next < xs->len && g_array_index (xs, double, next) < x)
            next++;
          inside[c] = next % 2 == 1;
        }
    }
}

/* Keeps in INSIDE only the cells whose neighbours are all inside too, ROUNDS times. */
static void
erode (const SmLattice *lat,
       guint8          *inside,
       guint            rounds)
{
  int n = sm_lattice_n_cells (lat);
  g_autofree guint8 *was = g_new (guint8, n);

  for (guint round = 0; round < rounds; round++)
    {
      memcpy (was, inside, n);
      for (int c = 0; c < n; c++)
        for (int k = 0; k < SM_N_DIRS && inside[c]; k++)
          {
            int m = sm_cell_neighbour (lat, c, k);

            inside[c] = m >= 0 && was[m];
          }
    }
}

/* Keeps in REGION (0 in, -1 out) only the part joined to START, then fills its holes:
 * cells that cannot reach the lattice's rim without crossing it. Returns the count. */
static int
keep_part_fill_holes (const SmLattice *lat,
                      int             *region,
                      int              start)
{
  int n = sm_lattice_n_cells (lat);
  g_autofree int *queue = g_new (int, n);
  g_autofree guint8 *mark = g_new0 (guint8, n);
  int head = 0, tail = 0, count = 0;

  mark[start] = 1;
  queue[tail++] = start;
  while (head < tail)
    {
      int c = queue[head++];

      for (int k = 0; k < SM_N_DIRS; k++)
        {
          int m = sm_cell_neighbour (lat, c, k);

          if (m >= 0 && !mark[m] && region[m] == 0)
            {
              mark[m] = 1;
              queue[tail++] = m;
            }
        }
    }
  /* Outside: reachable from cell 0 (on the rim, never in the street) through cells not
   * marked. */
  head = tail = 0;
  mark[0] = 2;
  queue[tail++] = 0;
  while (head < tail)
    {
      int c = queue[head++];

      for (int k = 0; k < SM_N_DIRS; k++)
        {
          int m = sm_cell_neighbour (lat, c, k);

          if (m >= 0 && mark[m] == 0)
            {
              mark[m] = 2;
              queue[tail++] = m;
            }
        }
    }
  for (int c = 0; c < n; c++)
    {
      region[c] = mark[c] == 2 ? -1 : 0;
      count += region[c] == 0;
    }
  return count;
}

void
sm_street_region (const SmLattice *lat,
                  ShequGeoShape   *county,
                  ShequGeoPoint    centre,
                  double           area_m2,
                  guint32          seed,
                  int             *region)
{
  int n = sm_lattice_n_cells (lat);
  int wanted = (int) lround (area_m2 / sm_cell_area (lat));
  double amp[17], phase[17], radius[N_ANGLES + 1];
  g_autofree SmKeyedCell *ranked = g_new (SmKeyedCell, n);
  g_autofree guint8 *in_county = g_new (guint8, n);
  int n_ranked = 0, next = 0, have = 0;
  int start = sm_cell_at (lat, centre);
  int histogram[N_BINS] = { 0 };
  double max_ratio = 1e-9;

  g_assert (start >= 0);
  /* Two cells in from the county's edge: no vertex, however it moves, gets out. */
  rasterise_county (lat, county, in_county);
  erode (lat, in_county, 2);
  /* A lobed outline: a few broad bulges and ever smaller wiggles, as a table of the
   * radius by angle. */
  for (int m = 2; m <= 16; m++)
    {
      amp[m] = 0.2 / m * (0.4 + 0.6 * hash_unit (seed, m, 1));
      phase[m] = 2.0 * G_PI * hash_unit (seed, m, 2);
    }
  for (int a = 0; a <= N_ANGLES; a++)
    {
      double theta = a * 2.0 * G_PI / N_ANGLES - G_PI;

      radius[a] = 1.0;
      for (int m = 2; m <= 16; m++)
        radius[a] += amp[m] * cos (m * theta + phase[m]);
    }
  for (int c = 0; c < n; c++)
    {
      ShequGeoPoint p = sm_cell_centre (lat, c);
      int row = c / lat->cols, col = c % lat->cols;
      double theta = atan2 (p.y - centre.y, p.x - centre.x);
      int a = (int) lround ((theta + G_PI) / (2.0 * G_PI) * N_ANGLES);

      region[c] = -1;
      /* Two cells of margin on the lattice's rim: the tracer needs them. */
      if (row < 2 || col < 2 || row >= lat->rows - 2 || col >= lat->cols - 2 || !in_county[c])
        continue;
      ranked[n_ranked].key = sqrt (sm_dist2 (p, centre)) / radius[CLAMP (a, 0, N_ANGLES)];
      ranked[n_ranked].cell = c;
      max_ratio = MAX (max_ratio, ranked[n_ranked].key);
      n_ranked++;
    }
  /* Only the cells that can be taken need sorting: a histogram says where a third more
   * than the street needs ends. */
  for (int i = 0; i < n_ranked; i++)
    histogram[MIN ((int) (ranked[i].key / max_ratio * N_BINS), N_BINS - 1)]++;
  for (int bin = 0, sum = 0; bin < N_BINS; bin++)
    if ((sum += histogram[bin]) >= wanted * 4 / 3)
      {
        double bound = (bin + 1.0) / N_BINS * max_ratio;
        int kept = 0;

        for (int i = 0; i < n_ranked; i++)
          if (ranked[i].key <= bound)
            ranked[kept++] = ranked[i];
        n_ranked = kept;
        break;
      }
  qsort (ranked, n_ranked, sizeof *ranked, sm_compare_keyed_cells);

  /* Take cells in order of their place in the outline until the street is big enough,
   * again when cells cut off by the county's edge had to go. */
  for (int round = 0; round < 8 && have < wanted; round++)
    {
      while (next < n_ranked && have < wanted)
        {
          region[ranked[next++].cell] = 0;
          have++;
        }
      have = keep_part_fill_holes (lat, region, start);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Growing units */

typedef struct {
  double key;
  double dist;
  int    cell;
  int    label;
} HeapItem;

static gboolean
heap_less (const HeapItem *a,
           const HeapItem *b)
{
  if (a->key != b->key)
    return a->key < b->key;
  if (a->cell != b->cell)
    return a->cell < b->cell;
  return a->label < b->label;
}

static void
heap_push (GArray   *heap,
           HeapItem  item)
{
  HeapItem *v;
  guint i;

  g_array_append_val (heap, item);
  v = (HeapItem *) heap->data;
  i = heap->len - 1;
  while (i > 0 && heap_less (&v[i], &v[(i - 1) / 2]))
    {
      HeapItem t = v[i];

      v[i] = v[(i - 1) / 2];
      v[(i - 1) / 2] = t;
      i = (i - 1) / 2;
    }
}

static HeapItem
heap_pop (GArray *heap)
{
  HeapItem *v = (HeapItem *) heap->data;
  HeapItem top = v[0];
  guint n = heap->len - 1, i = 0;

  v[0] = v[n];
  g_array_set_size (heap, n);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      HeapItem t;

      if (l < n && heap_less (&v[l], &v[m]))
        m = l;
      if (r < n && heap_less (&v[r], &v[m]))
        m = r;
      if (m == i)
        break;
      t = v[i];
      v[i] = v[m];
      v[m] = t;
      i = m;
    }
  return top;
}

/* One growth: every unit spreads from its seed through the parent, always taking the
 * free cell nearest its seed by the crooked distance the lattice's cost makes, and the
 * unit furthest behind its target (by share) always takes the next cell. A unit only
 * grows from its own cells, so each is connected; it stops when its neighbours hem it
 * in. */
static void
grow_once (const SmLattice *lat,
           const int       *parent,
           int              parent_label,
           const int       *cells,
           int              n_cells,
           const int       *seed_cells,
           const double    *target,
           guint            n_seeds,
           int             *out,
           int             *pusher,
           double          *pushed,
           GArray         **heaps)
{
  g_autofree int *count = g_new (int, n_seeds);
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (HeapItem));

  for (int i = 0; i < n_cells; i++)
    {
      out[cells[i]] = -1;
      pusher[cells[i]] = -1;
    }
  for (guint s = 0; s < n_seeds; s++)
    {
      g_array_set_size (heaps[s], 0);
      out[seed_cells[s]] = (int) s;
      heap_push (heaps[s], (HeapItem) { 0.0, 0.0, seed_cells[s], (int) s });
      count[s] = 0;
      heap_push (units, (HeapItem) { 0.0, 0.0, (int) s, (int) s });
    }
  /* UNITS: the growing units by share of their target so far. */
  while (units->len > 0)
    {
      guint u = (guint) heap_pop (units).label;
      HeapItem it;

      do
        it = heap_pop (heaps[u]);
      while (heaps[u]->len > 0 && out[it.cell] != -1 && it.dist > 0.0);
      if (out[it.cell] != -1 && it.dist > 0.0)
        continue;
      out[it.cell] = (int) u;
      count[u]++;
      for (int k = 0; k < SM_N_DIRS; k++)
        {
          int m = sm_cell_neighbour (lat, it.cell, k);
          double d;

          if (m < 0 || parent[m] != parent_label || out[m] != -1)
            continue;
          /* Straight-line distance, not steps: steps on a hexagonal lattice make
           * hexagons, and straight borders along the lattice's directions. */
          d = sqrt (sm_dist2 (sm_cell_centre (lat, m), sm_cell_centre (lat, seed_cells[u]))) *
              lat->cost[m];
          /* A unit offers a cell to itself again only when it has found a shorter way. */
          if (pusher[m] == (int) u && pushed[m] <= d)
            continue;
          pusher[m] = (int) u;
          pushed[m] = d;
          heap_push (heaps[u], (HeapItem) { d, d, m, (int) u });
        }
      if (heaps[u]->len > 0)
        heap_push (units, (HeapItem) { count[u] / target[u], 0.0, (int) u, (int) u });
    }
}

/* Moves each seed to its unit's cell nearest the unit's middle (Lloyd's relaxation):
 * units grown from there come out rounder. */
static void
centre_seeds (const SmLattice *lat,
              const int       *cells,
              int              n_cells,
              const int       *out,
              guint            n_seeds,
              int             *seed_cells)
{
  g_autofree ShequGeoPoint *sum = g_new0 (ShequGeoPoint, n_seeds);
  g_autofree int *count = g_new0 (int, n_seeds);
  g_autofree double *best = g_new (double, n_seeds);

  for (int i = 0; i < n_cells; i++)
    {
      ShequGeoPoint p = sm_cell_centre (lat, cells[i]);
      int u = out[cells[i]];

      sum[u].x += p.x;
      sum[u].y += p.y;
      count[u]++;
    }
  for (guint s = 0; s < n_seeds; s++)
    {
      sum[s].x /= count[s];
      sum[s].y /= count[s];
      best[s] = G_MAXDOUBLE;
    }
  for (int i = 0; i < n_cells; i++)
    {
      int u = out[cells[i]];
      double d = sm_dist2 (sm_cell_centre (lat, cells[i]), sum[u]);

      if (d < best[u])
        {
          best[u] = d;
          seed_cells[u] = cells[i];
        }
    }
}

void
sm_grow (const SmLattice *lat,
         const int       *parent,
         int              parent_label,
         const SmSeed    *seeds,
         guint            n_seeds,
         int             *out)
{
  int n = sm_lattice_n_cells (lat);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree GArray **heaps = g_new (GArray *, n_seeds);
  g_autofree double *target = g_new (double, n_seeds);
  g_autofree int *seed_cells = g_new (int, n_seeds);
  g_autofree int *pusher = g_new (int, n);
  g_autofree double *pushed = g_new (double, n);
  g_autofree int *labels = NULL;

  g_return_if_fail (n_seeds > 0);

  for (int c = 0; c < n; c++)
    if (parent[c] == parent_label)
      g_array_append_val (cells, c);
  for (guint s = 0; s < n_seeds; s++)
    {
      target[s] = seeds[s].target;
      seed_cells[s] = seeds[s].cell;
      heaps[s] = g_array_new (FALSE, FALSE, sizeof (HeapItem));
    }
  for (guint round = 0; round < 5; round++)
    {
      if (round > 0)
        centre_seeds (lat, (int *) cells->data, cells->len, out, n_seeds, seed_cells);
      grow_once (lat, parent, parent_label, (int *) cells->data, cells->len,
                 seed_cells, target, n_seeds, out, pusher, pushed, heaps);
    }
  /* Necks and spurs go to the neighbour round them, then loose parts to theirs. */
  labels = g_new (int, n);
  for (int c = 0; c < n; c++)
    labels[c] = parent[c] == parent_label ? out[c] : -1;
  if (sm_smooth_labels (lat, labels, (int) n_seeds, (int *) cells->data, cells->len,
                        seed_cells, n_seeds, 2, NULL))
    {
      sm_join_parts (lat, labels, (int) n_seeds, (int *) cells->data, cells->len);
      for (guint i = 0; i < cells->len; i++)
        out[g_array_index (cells, int, i)] = labels[g_array_index (cells, int, i)];
    }
  for (guint s = 0; s < n_seeds; s++)
    g_array_unref (heaps[s]);
}

int
sm_snap_seed (const SmLattice *lat,
              const int       *parent,
              int              parent_label,
              ShequGeoPoint    p,
              const int       *taken,
              guint            n_taken)
{
  int n = sm_lattice_n_cells (lat);
  int c = sm_cell_at (lat, p);
  int best = -1;
  double best_d = G_MAXDOUBLE;
  gboolean free_cell = c >= 0 && parent[c] == parent_label;

  for (guint t = 0; free_cell && t < n_taken; t++)
    free_cell = taken[t] != c;
  if (free_cell)
    return c;
  for (c = 0; c < n; c++)
    {
      double d;
      gboolean is_taken = FALSE;

      if (parent[c] != parent_label)
        continue;
      d = sm_dist2 (p, sm_cell_centre (lat, c));
      if (d >= best_d)
        continue;
      for (guint t = 0; t < n_taken && !is_taken; t++)
        is_taken = taken[t] == c;
      if (!is_taken)
        {
          best = c;
          best_d = d;
        }
    }
  return best;
}
