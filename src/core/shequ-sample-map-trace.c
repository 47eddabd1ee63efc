/* shequ-sample-map-trace.c — units' cells traced into rings along the lattice's edges */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sample-map"

#include "config.h"

#include <math.h>
#include <string.h>

#include "shequ-sample-map-private.h"

#define SQRT3 1.7320508075688772

/* Hexagon corners are the triangles of the dual lattice: triangle "up" (t = 0) of axial
 * point (i, j) joins cells (i, j), (i+1, j), (i, j+1); "down" (t = 1) joins (i+1, j),
 * (i+1, j+1), (i, j+1). Corner K of a cell lies between directions K and K+1. */
static const int corner_di[SM_N_DIRS] = { 0, -1, -1, -1, 0, 0 };
static const int corner_dj[SM_N_DIRS] = { 0, 0, 0, -1, -1, -1 };
static const int corner_t[SM_N_DIRS]  = { 0, 1, 0, 1, 0, 1 };

static int
corner_of (const SmLattice *lat,
           int              cell,
           int              k)
{
  int row = cell / lat->cols;
  int i = cell % lat->cols - (row >> 1) + corner_di[k];
  int j = row + corner_dj[k];

  return ((j * lat->cols) + i + (j >> 1)) * 2 + corner_t[k];
}

static ShequGeoPoint
vertex_position (const SmLattice *lat,
                 int              v)
{
  ShequGeoPoint p = sm_cell_centre (lat, v >> 1);

  if ((v & 1) == 0)
    {
      p.x += lat->spacing / 2.0;
      p.y += lat->spacing * SQRT3 / 6.0;
    }
  else
    {
      p.x += lat->spacing;
      p.y += lat->spacing * SQRT3 / 3.0;
    }
  return p;
}

typedef struct {
  const SmLattice *lat;
  int              n_vertices;
  guint8          *degree;
  int             *adjacent;   /* 3 a vertex */
  ShequGeoPoint   *pos;        /* where each boundary vertex ends up */
  /* Half-edges of the depth being traced: up to 3 leave a vertex. */
  int             *out_to;
  int             *out_owner;
  guint8          *out_done;
  guint8          *n_out;
  GArray          *touched;
  SmChains        *chains;
} Tracer;

static void
add_edge (Tracer *t,
          int     a,
          int     b)
{
  g_assert (t->degree[a] < 3 && t->degree[b] < 3);
  t->adjacent[a * 3 + t->degree[a]++] = b;
  t->adjacent[b * 3 + t->degree[b]++] = a;
}

/* Where the leaves meet: the boundary graph, every edge once. */
static void
collect_leaf_edges (Tracer    *t,
                    const int *leaf)
{
  int n = sm_lattice_n_cells (t->lat);

  for (int c = 0; c < n; c++)
    {
      if (leaf[c] < 0)
        continue;
      for (int k = 0; k < SM_N_DIRS; k++)
        {
          int m = sm_cell_neighbour (t->lat, c, k);
          int other = m >= 0 ? leaf[m] : -1;

          if (other < leaf[c])
            add_edge (t, corner_of (t->lat, c, (k + 5) % 6), corner_of (t->lat, c, k));
        }
    }
}

/* Moves each boundary vertex a little, the same way whoever's ring it is on: a jitter
 * from a hash of the vertex, then smoothing along the boundary that keeps the corners
 * where three units meet. No vertex ends up more than 0.4 of an edge from its place on
 * the lattice, and lattice edges that share no end are an edge apart, so no two edges
 * can cross. */
static void
place_vertices (Tracer *t)
{
  double edge = t->lat->spacing / SQRT3;
  double limit = 0.4 * edge;
  g_autoptr(GArray) smooth = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree ShequGeoPoint *next = NULL;

  for (int v = 0; v < t->n_vertices; v++)
    {
      guint32 h;

      if (t->degree[v] == 0)
        continue;
      h = sm_hash ((guint32) v, 77, 5);
      t->pos[v] = vertex_position (t->lat, v);
      t->pos[v].x += 0.15 * edge * ((h & 0xffff) / 65535.0 - 0.5) * 2.0;
      t->pos[v].y += 0.15 * edge * ((h >> 16) / 65535.0 - 0.5) * 2.0;
      if (t->degree[v] == 2)
        g_array_append_val (smooth, v);
    }
  next = g_new (ShequGeoPoint, MAX (smooth->len, 1));
  for (guint round = 0; round < 6; round++)
    {
      for (guint i = 0; i < smooth->len; i++)
        {
          int v = g_array_index (smooth, int, i);
          ShequGeoPoint a = t->pos[t->adjacent[v * 3]];
          ShequGeoPoint b = t->pos[t->adjacent[v * 3 + 1]];
          ShequGeoPoint home = vertex_position (t->lat, v);
          ShequGeoPoint p;
          double dx, dy, d;

          p.x = 0.5 * t->pos[v].x + 0.25 * (a.x + b.x);
          p.y = 0.5 * t->pos[v].y + 0.25 * (a.y + b.y);
          dx = p.x - home.x;
          dy = p.y - home.y;
          d = sqrt (dx * dx + dy * dy);
          if (d > limit)
            {
              p.x = home.x + dx * limit / d;
              p.y = home.y + dy * limit / d;
            }
          next[i] = p;
        }
      for (guint i = 0; i < smooth->len; i++)
        t->pos[g_array_index (smooth, int, i)] = next[i];
    }
}

static void
add_half_edge (Tracer *t,
               int     from,
               int     to,
               int     owner)
{
  guint slot;

  if (t->n_out[from] == 0)
    g_array_append_val (t->touched, from);
  g_assert (t->n_out[from] < 3);
  slot = from * 3 + t->n_out[from]++;
  t->out_to[slot] = to;
  t->out_owner[slot] = owner;
  t->out_done[slot] = 0;
}

static int
find_half_edge (Tracer *t,
                int     from,
                int     owner)
{
  for (guint s = 0; s < t->n_out[from]; s++)
    if (t->out_owner[from * 3 + s] == owner && !t->out_done[from * 3 + s])
      return from * 3 + s;
  return -1;
}

/* One closed ring of OWNER from half-edge SLOT, into RINGS[owner] (GArrays of GCJ-02
 * points): the lattice vertices it passes, then the chains between its nodes. */
static void
follow_ring (Tracer     *t,
             int         slot,
             int         owner,
             GPtrArray **rings)
{
  g_autoptr(GArray) loop = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *ring = g_array_new (FALSE, FALSE, sizeof (ShequGeoPoint));
  int start = slot / 3;
  guint first = 0, done = 0, n;
  ShequGeoPoint closing;

  for (;;)
    {
      int from = slot / 3;

      g_array_append_val (loop, from);
      t->out_done[slot] = 1;
      if (t->out_to[slot] == start)
        break;
      slot = find_half_edge (t, t->out_to[slot], owner);
      g_assert (slot >= 0);
    }
  n = loop->len;
  while (!sm_chains_is_node (t->chains, g_array_index (loop, int, first)))
    {
      first++;
      g_assert (first < n);
    }
  while (done < n)
    done += sm_chains_append (t->chains, g_array_index (loop, int, (first + done) % n),
                              g_array_index (loop, int, (first + done + 1) % n), ring);
  g_assert (done == n);
  for (guint i = 0; i < ring->len; i++)
    g_array_index (ring, ShequGeoPoint, i) = sm_local_to_lonlat (t->lat, g_array_index (ring, ShequGeoPoint, i));
  closing = g_array_index (ring, ShequGeoPoint, 0);
  g_array_append_val (ring, closing);
  g_ptr_array_add (rings[owner], ring);
}

/* Every ring at one depth: each cell's edges towards cells of other owners, the owner on
 * the left, so outer rings run counter-clockwise and holes clockwise. */
static void
trace_depth (Tracer     *t,
             const int  *owner,
             GPtrArray **rings)
{
  int n = sm_lattice_n_cells (t->lat);

  for (guint i = 0; i < t->touched->len; i++)
    t->n_out[g_array_index (t->touched, int, i)] = 0;
  g_array_set_size (t->touched, 0);
  for (int c = 0; c < n; c++)
    {
      if (owner[c] < 0)
        continue;
      for (int k = 0; k < SM_N_DIRS; k++)
        {
          int m = sm_cell_neighbour (t->lat, c, k);

          if (m < 0 || owner[m] != owner[c])
            add_half_edge (t, corner_of (t->lat, c, (k + 5) % 6), corner_of (t->lat, c, k),
                           owner[c]);
        }
    }
  for (int c = 0; c < n; c++)
    {
      if (owner[c] < 0)
        continue;
      for (int k = 0; k < SM_N_DIRS; k++)
        {
          int m = sm_cell_neighbour (t->lat, c, k);
          int slot;

          if (m >= 0 && owner[m] == owner[c])
            continue;
          slot = find_half_edge (t, corner_of (t->lat, c, (k + 5) % 6), owner[c]);
          if (slot >= 0 && t->out_to[slot] == corner_of (t->lat, c, k))
            follow_ring (t, slot, owner[c], rings);
        }
    }
}

static ShequGeoRing
as_ring (GArray *points)
{
  ShequGeoRing ring = { (ShequGeoPoint *) points->data, points->len };

  return ring;
}

/* Outer rings (counter-clockwise) with the holes that lie in them. */
static ShequGeoShape *
build_shape (GPtrArray *rings)
{
  ShequGeoShape *shape = shequ_geo_shape_new ();

  for (guint i = 0; i < rings->len; i++)
    {
      ShequGeoRing outer = as_ring (g_ptr_array_index (rings, i));
      g_autoptr(GArray) parts = NULL;
      ShequGeoPolygon alone = { &outer, 1 };

      if (shequ_geo_ring_signed_area (&outer) <= 0)
        continue;
      parts = g_array_new (FALSE, FALSE, sizeof (ShequGeoRing));
      g_array_append_val (parts, outer);
      for (guint j = 0; j < rings->len; j++)
        {
          ShequGeoRing hole = as_ring (g_ptr_array_index (rings, j));

          if (shequ_geo_ring_signed_area (&hole) < 0 &&
              shequ_geo_polygon_contains (&alone, hole.points[0]))
            g_array_append_val (parts, hole);
        }
      shequ_geo_shape_add_polygon (shape, (ShequGeoRing *) parts->data, parts->len);
    }
  return shape;
}

void
sm_trace_units (const SmLattice *lat,
                const int       *leaf,
                int *const      *owner,
                guint            n_depths,
                guint            n_units,
                ShequGeoShape  **shapes)
{
  Tracer t = { lat, 2 * sm_lattice_n_cells (lat) };
  g_autofree GPtrArray **rings = g_new (GPtrArray *, n_units);

  t.degree = g_new0 (guint8, t.n_vertices);
  t.adjacent = g_new (int, 3 * t.n_vertices);
  t.pos = g_new (ShequGeoPoint, t.n_vertices);
  t.out_to = g_new (int, 3 * t.n_vertices);
  t.out_owner = g_new (int, 3 * t.n_vertices);
  t.out_done = g_new (guint8, 3 * t.n_vertices);
  t.n_out = g_new0 (guint8, t.n_vertices);
  t.touched = g_array_new (FALSE, FALSE, sizeof (int));

  collect_leaf_edges (&t, leaf);
  place_vertices (&t);
  t.chains = sm_chains_new (t.adjacent, t.degree, t.pos, t.n_vertices, 1.2 * lat->spacing,
                            0.03 * lat->spacing);
  for (guint u = 0; u < n_units; u++)
    rings[u] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint d = 0; d < n_depths; d++)
    trace_depth (&t, owner[d], rings);
  for (guint u = 0; u < n_units; u++)
    {
      shapes[u] = build_shape (rings[u]);
      g_ptr_array_unref (rings[u]);
    }

  g_free (t.degree);
  g_free (t.adjacent);
  g_free (t.pos);
  g_free (t.out_to);
  g_free (t.out_owner);
  g_free (t.out_done);
  g_free (t.n_out);
  g_array_unref (t.touched);
  sm_chains_free (t.chains);
}
