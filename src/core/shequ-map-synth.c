/* shequ-map-synth.c — a synthetic grid map, for benchmarks and tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-synth"

#include "config.h"

#include <math.h>

#include "shequ-geojson.h"
#include "shequ-map-synth.h"
#include "shequ-unit.h"

/* The lattice has (cols + 1) × (rows + 1) nodes, jittered; cell (r, c) is number
 * r × cols + c and exists when that is below n. Horizontal edge (i, j) joins node (i, j)
 * to (i + 1, j), vertical edge (i, j) joins (i, j) to (i, j + 1). A cell's ring runs
 * counter-clockwise (RFC 7946): its south edge, its east edge, its north edge reversed,
 * its west edge reversed. */
typedef struct {
  guint          n, cols, rows;
  guint32        seed;
  ShequGeoPoint  origin;       /* metres of the south-west node before jitter */
  ShequGeoPoint  per_degree;   /* metres per degree at SHEQU_MAP_SYNTH_LAT */
  guint         *extra;        /* per edge (horizontal, then vertical): its inner points */
  guint         *offset;       /* per edge: index of its first point in POINTS */
  ShequGeoPoint *points;       /* every edge's points, both ends included, in degrees */
} Lattice;

/* A deterministic hash of three numbers to [0, 1). */
static double
noise (guint32 seed,
       guint32 a,
       guint32 b)
{
  guint64 z = ((guint64) seed << 32) ^ ((guint64) a * 0x9E3779B97F4A7C15u) ^ b;

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  z ^= z >> 31;
  return (z >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
cell_exists (const Lattice *l,
             gint           r,
             gint           c)
{
  return r >= 0 && c >= 0 && (guint) r < l->rows && (guint) c < l->cols
         && (guint) r * l->cols + (guint) c < l->n;
}

static guint
n_horizontal (const Lattice *l)
{
  return l->cols * (l->rows + 1);
}

static guint
n_edges (const Lattice *l)
{
  return n_horizontal (l) + (l->cols + 1) * l->rows;
}

/* How many cells use edge E: 0, 1 (the map's outline) or 2. */
static guint
edge_uses (const Lattice *l,
           guint          e)
{
  if (e < n_horizontal (l))
    {
      gint i = e % l->cols, j = e / l->cols;

      return cell_exists (l, j - 1, i) + cell_exists (l, j, i);
    }
  e -= n_horizontal (l);
  {
    gint i = e % (l->cols + 1), j = e / (l->cols + 1);

    return cell_exists (l, j, i - 1) + cell_exists (l, j, i);
  }
}

/* Shares BUDGET inner points among the edges so that the rings hold them exactly: an
 * edge of two cells counts twice, one of the outline once. */
static void
share_points (Lattice *l,
              guint    budget)
{
  guint n = n_edges (l), weight = 0, each;

  for (guint e = 0; e < n; e++)
    weight += edge_uses (l, e);
  each = budget / weight;
  budget -= each * weight;
  for (guint e = 0; e < n; e++)
    l->extra[e] = edge_uses (l, e) > 0 ? each : 0;
  for (guint pass = 2; pass >= 1; pass--)
    for (guint e = 0; e < n && budget > 0; e++)
      if (edge_uses (l, e) == pass && budget >= pass)
        {
          l->extra[e]++;
          budget -= pass;
        }
  g_assert (budget == 0);
}

static ShequGeoPoint
to_degrees (const Lattice *l,
            double         x,
            double         y)
{
  double lon = SHEQU_MAP_SYNTH_LON + (l->origin.x + x) / l->per_degree.x;
  double lat = SHEQU_MAP_SYNTH_LAT + (l->origin.y + y) / l->per_degree.y;

  return (ShequGeoPoint) { round (lon * 1e7) / 1e7, round (lat * 1e7) / 1e7 };
}

/* Node (i, j) in metres from the unjittered south-west node: up to a fifth of a cell
 * off its place, so every cell stays convex enough for its wiggles. */
static ShequGeoPoint
node_metres (const Lattice *l,
             guint          i,
             guint          j)
{
  guint32 id = j * (l->cols + 1) + i;

  return (ShequGeoPoint) {
    (i + 0.4 * (noise (l->seed, id, 1) - 0.5)) * SHEQU_MAP_SYNTH_CELL_M,
    (j + 0.4 * (noise (l->seed, id, 2) - 0.5)) * SHEQU_MAP_SYNTH_CELL_M,
  };
}

/* The points of edge E from node A to node B: the chord, pushed sideways by two waves
 * and a little roughness that fade out at both ends (so edges meet at the nodes cleanly). */
static void
make_edge (Lattice       *l,
           guint          e,
           ShequGeoPoint  a,
           ShequGeoPoint  b)
{
  ShequGeoPoint *out = &l->points[l->offset[e]];
  guint m = l->extra[e];
  double dx = b.x - a.x, dy = b.y - a.y, length = hypot (dx, dy);
  double nx = -dy / length, ny = dx / length;
  double amplitude = 0.06 * SHEQU_MAP_SYNTH_CELL_M;
  double f1 = 1 + floor (noise (l->seed, e, 3) * 2), f2 = 3 + floor (noise (l->seed, e, 4) * 3);
  double p1 = noise (l->seed, e, 5), p2 = noise (l->seed, e, 6);

  out[0] = to_degrees (l, a.x, a.y);
  for (guint k = 1; k <= m; k++)
    {
      double t = (double) k / (m + 1);
      double wave = 0.6 * sin (2 * G_PI * (f1 * t + p1)) + 0.3 * sin (2 * G_PI * (f2 * t + p2))
                    + 0.25 * (noise (l->seed, e, 100 + k) - 0.5);
      double s = amplitude * sin (G_PI * t) * wave;

      out[k] = to_degrees (l, a.x + t * dx + s * nx, a.y + t * dy + s * ny);
    }
  out[m + 1] = to_degrees (l, b.x, b.y);
}

static void
make_edges (Lattice *l)
{
  guint n = n_edges (l), total = 0;

  l->offset = g_new (guint, n);
  for (guint e = 0; e < n; e++)
    {
      l->offset[e] = total;
      total += l->extra[e] + 2;
    }
  l->points = g_new (ShequGeoPoint, total);
  for (guint e = 0; e < n; e++)
    {
      guint i, j;

      if (edge_uses (l, e) == 0)
        continue;
      if (e < n_horizontal (l))
        {
          i = e % l->cols, j = e / l->cols;
          make_edge (l, e, node_metres (l, i, j), node_metres (l, i + 1, j));
        }
      else
        {
          i = (e - n_horizontal (l)) % (l->cols + 1), j = (e - n_horizontal (l)) / (l->cols + 1);
          make_edge (l, e, node_metres (l, i, j), node_metres (l, i, j + 1));
        }
    }
}

/* Appends edge E to RING without its first point, forward or reversed. */
static void
append_edge (const Lattice *l,
             guint          e,
             gboolean       reversed,
             ShequGeoRing  *ring)
{
  const ShequGeoPoint *p = &l->points[l->offset[e]];
  guint last = l->extra[e] + 1;

  for (guint k = 1; k <= last; k++)
    ring->points[ring->n_points++] = p[reversed ? last - k : k];
}

static ShequGeoShape *
make_cell (const Lattice *l,
           guint          r,
           guint          c)
{
  guint south = r * l->cols + c, north = (r + 1) * l->cols + c;
  guint west = n_horizontal (l) + r * (l->cols + 1) + c, east = west + 1;
  guint n = 5 + l->extra[south] + l->extra[north] + l->extra[west] + l->extra[east];
  ShequGeoShape *shape = shequ_geo_shape_new ();
  ShequGeoRing ring = { g_new (ShequGeoPoint, n), 0 };

  ring.points[ring.n_points++] = l->points[l->offset[south]];
  append_edge (l, south, FALSE, &ring);
  append_edge (l, east, FALSE, &ring);
  append_edge (l, north, TRUE, &ring);
  append_edge (l, west, TRUE, &ring);
  g_assert (ring.n_points == n);
  shequ_geo_shape_add_polygon (shape, &ring, 1);
  g_free (ring.points);
  return shape;
}

GPtrArray *
shequ_map_synth_shapes (guint   n_polygons,
                        guint   n_vertices,
                        guint32 seed)
{
  Lattice l = { 0 };
  GPtrArray *shapes;

  g_return_val_if_fail (n_polygons > 0, NULL);
  g_return_val_if_fail (n_vertices >= 5 * n_polygons, NULL);

  /* A little wider than high, like a county seat on a screen. */
  l.n = n_polygons;
  l.seed = seed;
  l.rows = MAX (1, (guint) round (sqrt (n_polygons / 1.25)));
  l.cols = (n_polygons + l.rows - 1) / l.rows;
  l.rows = (n_polygons + l.cols - 1) / l.cols;
  l.origin.x = -(l.cols * SHEQU_MAP_SYNTH_CELL_M) / 2;
  l.origin.y = -(l.rows * SHEQU_MAP_SYNTH_CELL_M) / 2;
  l.per_degree = shequ_geo_metres_per_degree (SHEQU_MAP_SYNTH_LAT);
  l.extra = g_new0 (guint, n_edges (&l));
  share_points (&l, n_vertices - 5 * n_polygons);
  make_edges (&l);

  shapes = g_ptr_array_new_full (n_polygons, (GDestroyNotify) shequ_geo_shape_unref);
  for (guint k = 0; k < n_polygons; k++)
    g_ptr_array_add (shapes, make_cell (&l, k / l.cols, k % l.cols));

  g_free (l.extra);
  g_free (l.offset);
  g_free (l.points);
  return shapes;
}

/* The number of grids shequ_sample_populate_synthetic() makes for N_UNITS units: one
 * street, its areas and its communities and villages, the rest grids. Kept in step with
 * it; test-map-synth checks the two agree. */
static guint
grids_of_street (guint n_units)
{
  guint n_areas = MIN (99, n_units / 5000 + 4);
  guint n_parents = MAX (2, n_units / 50);

  return n_units > 1 + n_areas + n_parents ? n_units - 1 - n_areas - n_parents : 0;
}

guint
shequ_map_synth_street_units (guint n_grids)
{
  guint n_units = MAX (10, n_grids);

  while (grids_of_street (n_units) < n_grids)
    n_units++;
  return n_units;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  ShequUnit *ua = *(ShequUnit **) a, *ub = *(ShequUnit **) b;

  return g_strcmp0 (shequ_unit_get_code (ua), shequ_unit_get_code (ub));
}

GPtrArray *
shequ_map_synth_list_grids (ShequOrgStore *store)
{
  GPtrArray *units, *grids;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);

  units = shequ_org_store_get_units (store);
  grids = g_ptr_array_new ();
  for (guint i = 0; i < units->len; i++)
    if (shequ_unit_get_tier (g_ptr_array_index (units, i)) == SHEQU_TIER_GRID)
      g_ptr_array_add (grids, g_ptr_array_index (units, i));
  g_ptr_array_sort (grids, compare_codes);
  return grids;
}

GBytes *
shequ_map_synth_geojson (GPtrArray *shapes,
                         GPtrArray *grids)
{
  g_autoptr(GPtrArray) features = NULL;

  g_return_val_if_fail (shapes != NULL, NULL);
  g_return_val_if_fail (grids == NULL || grids->len >= shapes->len, NULL);

  features = g_ptr_array_new_full (shapes->len, (GDestroyNotify) shequ_geojson_feature_free);
  for (guint i = 0; i < shapes->len; i++)
    {
      g_autoptr(GHashTable) properties = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, g_free);
      ShequUnit *unit = grids != NULL ? g_ptr_array_index (grids, i) : NULL;

      g_hash_table_insert (properties, g_strdup ("code"),
                           unit != NULL ? g_strdup (shequ_unit_get_code (unit))
                                        : g_strdup_printf ("G%u", i + 1));
      g_hash_table_insert (properties, g_strdup ("name"),
                           unit != NULL ? g_strdup (shequ_unit_get_name (unit))
                                        : g_strdup_printf ("第%u网格", i + 1));
      g_ptr_array_add (features, shequ_geojson_feature_new (properties,
                                                            g_ptr_array_index (shapes, i)));
    }
  return shequ_geojson_write (features);
}

ShequMap *
shequ_map_synth_new_map (GPtrArray *shapes)
{
  ShequMap *map;

  g_return_val_if_fail (shapes != NULL, NULL);

  map = shequ_map_new ();
  for (guint i = 0; i < shapes->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%u网格", i + 1);

      shequ_map_add_unit (map, i + 1, SHEQU_TIER_GRID, 3, name, g_ptr_array_index (shapes, i));
    }
  shequ_map_build (map);
  return map;
}
