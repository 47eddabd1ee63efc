/* shequ-sample-map-chains.c — borders between corners where three units meet, smoothed */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sample-map"

#include "config.h"

#include <math.h>
#include <string.h>

#include "shequ-sample-map-private.h"

/* A chain is the border between two leaves from one node (a corner where three meet, or
 * where a leaf meets the outside and another leaf) to the next. Each chain's shape is
 * made once and every ring that runs along it takes those very points, forwards or
 * backwards: shared edges stay identical however the chain is smoothed. */
typedef struct {
  GArray  *vertices;   /* int lattice vertices, node to node */
  GArray  *raw;        /* ShequGeoPoint: the vertices' places */
  GArray  *smooth;     /* ShequGeoPoint: smoothed and thinned, same ends */
  gboolean use_raw;    /* the smooth shape would cross another chain */
} Chain;

struct _SmChains {
  const int *adjacent;
  int       *slot_chain;   /* per vertex × 3: chain leaving along that edge, or -1 */
  guint8    *slot_back;    /* 1 when that chain runs towards the vertex */
  guint8    *is_node;
  guint8    *visited;      /* on a chain already */
  GArray    *chains;       /* Chain */
};

static double
dist (ShequGeoPoint a,
      ShequGeoPoint b)
{
  return sqrt ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
}

static int
slot_towards (const SmChains *self,
              int             v,
              int             w)
{
  for (int s = 0; s < 3; s++)
    if (self->adjacent[v * 3 + s] == w)
      return s;
  g_assert_not_reached ();
}

/* Walks from node V along its edge SLOT to the next node. */
static void
walk_chain (SmChains            *self,
            const guint8        *degree,
            const ShequGeoPoint *pos,
            int                  v,
            int                  slot)
{
  Chain chain = { g_array_new (FALSE, FALSE, sizeof (int)) };
  int prev = v, cur = self->adjacent[v * 3 + slot];
  int id = (int) self->chains->len;

  g_array_append_val (chain.vertices, v);
  g_array_append_val (chain.vertices, cur);
  self->visited[v] = self->visited[cur] = 1;
  while (!self->is_node[cur])
    {
      int next = self->adjacent[cur * 3] == prev ? self->adjacent[cur * 3 + 1]
                                                 : self->adjacent[cur * 3];

      g_assert (degree[cur] == 2);
      prev = cur;
      cur = next;
      self->visited[cur] = 1;
      g_array_append_val (chain.vertices, cur);
    }
  self->slot_chain[v * 3 + slot] = id;
  self->slot_back[v * 3 + slot] = 0;
  slot = slot_towards (self, cur, prev);
  self->slot_chain[cur * 3 + slot] = id;
  self->slot_back[cur * 3 + slot] = 1;
  chain.raw = g_array_sized_new (FALSE, FALSE, sizeof (ShequGeoPoint), chain.vertices->len);
  for (guint i = 0; i < chain.vertices->len; i++)
    g_array_append_val (chain.raw, pos[g_array_index (chain.vertices, int, i)]);
  g_array_append_val (self->chains, chain);
}

/* Gaussian smoothing along the chain by arc length, the ends held: the window narrows
 * towards them. */
static GArray *
smooth_points (GArray *raw,
               double  sigma)
{
  guint n = raw->len;
  ShequGeoPoint *p = (ShequGeoPoint *) raw->data;
  g_autofree double *s = g_new (double, n);
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (ShequGeoPoint), n);

  s[0] = 0;
  for (guint i = 1; i < n; i++)
    s[i] = s[i - 1] + dist (p[i - 1], p[i]);
  for (guint i = 0; i < n; i++)
    {
      double sg = MIN (sigma, MIN (s[i], s[n - 1] - s[i]) / 2.5);
      ShequGeoPoint q = { 0, 0 };
      double wsum = 0;

      if (sg <= 1e-9)
        {
          g_array_append_val (out, p[i]);
          continue;
        }
      for (guint j = i; j-- > 0 && s[i] - s[j] <= 3 * sg; )
        {
          double w = exp (-(s[i] - s[j]) * (s[i] - s[j]) / (2 * sg * sg));

          q.x += w * p[j].x;
          q.y += w * p[j].y;
          wsum += w;
        }
      for (guint j = i; j < n && s[j] - s[i] <= 3 * sg; j++)
        {
          double w = exp (-(s[j] - s[i]) * (s[j] - s[i]) / (2 * sg * sg));

          q.x += w * p[j].x;
          q.y += w * p[j].y;
          wsum += w;
        }
      q.x /= wsum;
      q.y /= wsum;
      g_array_append_val (out, q);
    }
  return out;
}

/* Douglas-Peucker on an open polyline, the ends kept. */
static void
thin_points (const ShequGeoPoint *p,
             guint                first,
             guint                last,
             double               tolerance,
             guint8              *keep)
{
  double worst = 0;
  guint at = first;
  double dx = p[last].x - p[first].x, dy = p[last].y - p[first].y;
  double len = sqrt (dx * dx + dy * dy);

  for (guint i = first + 1; i < last; i++)
    {
      double d = len > 0 ? fabs ((p[i].x - p[first].x) * dy - (p[i].y - p[first].y) * dx) / len
                         : dist (p[i], p[first]);

      if (d > worst)
        {
          worst = d;
          at = i;
        }
    }
  if (worst <= tolerance)
    return;
  keep[at] = 1;
  thin_points (p, first, at, tolerance, keep);
  thin_points (p, at, last, tolerance, keep);
}

static GArray *
shape_chain (GArray *raw,
             double  sigma,
             double  tolerance)
{
  g_autoptr(GArray) smooth = smooth_points (raw, sigma);
  g_autofree guint8 *keep = g_new0 (guint8, smooth->len);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (ShequGeoPoint));

  keep[0] = keep[smooth->len - 1] = 1;
  thin_points ((ShequGeoPoint *) smooth->data, 0, smooth->len - 1, tolerance, keep);
  for (guint i = 0; i < smooth->len; i++)
    if (keep[i])
      g_array_append_val (out, g_array_index (smooth, ShequGeoPoint, i));
  return out;
}

static const GArray *
chain_points (const Chain *chain)
{
  return chain->use_raw ? chain->raw : chain->smooth;
}

/* Whether segments AB and CD cross or touch. */
static gboolean
segments_meet (ShequGeoPoint a,
               ShequGeoPoint b,
               ShequGeoPoint c,
               ShequGeoPoint d)
{
  double d1 = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  double d2 = (b.x - a.x) * (d.y - a.y) - (b.y - a.y) * (d.x - a.x);
  double d3 = (d.x - c.x) * (a.y - c.y) - (d.y - c.y) * (a.x - c.x);
  double d4 = (d.x - c.x) * (b.y - c.y) - (d.y - c.y) * (b.x - c.x);

  if (MAX (a.x, b.x) < MIN (c.x, d.x) || MAX (c.x, d.x) < MIN (a.x, b.x) ||
      MAX (a.y, b.y) < MIN (c.y, d.y) || MAX (c.y, d.y) < MIN (a.y, b.y))
    return FALSE;
  return ((d1 <= 0 && d2 >= 0) || (d1 >= 0 && d2 <= 0)) &&
         ((d3 <= 0 && d4 >= 0) || (d3 >= 0 && d4 <= 0));
}

static gboolean
same_point (ShequGeoPoint a,
            ShequGeoPoint b)
{
  return a.x == b.x && a.y == b.y;
}

typedef struct {
  int   chain;
  guint index;   /* the segment from point INDEX to INDEX + 1 */
} Segment;

/* Puts back the lattice's shape of each smoothed chain that meets another chain (or
 * itself) anywhere but at shared ends; TRUE when it did. Segments are bucketed on a
 * grid so that only near ones are compared. */
static gboolean
untangle (SmChains *self)
{
  const double bucket = 60.0;
  ShequGeoBounds b = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autofree int *head = NULL;
  g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) entry = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree guint8 *bad = g_new0 (guint8, self->chains->len);
  int nx, ny;
  gboolean changed = FALSE;

  for (guint i = 0; i < self->chains->len; i++)
    {
      const GArray *p = chain_points (&g_array_index (self->chains, Chain, i));

      for (guint k = 0; k < p->len; k++)
        {
          ShequGeoPoint q = g_array_index (p, ShequGeoPoint, k);

          b.min_x = MIN (b.min_x, q.x);
          b.min_y = MIN (b.min_y, q.y);
          b.max_x = MAX (b.max_x, q.x);
          b.max_y = MAX (b.max_y, q.y);
        }
    }
  if (self->chains->len == 0)
    return FALSE;
  nx = (int) ((b.max_x - b.min_x) / bucket) + 1;
  ny = (int) ((b.max_y - b.min_y) / bucket) + 1;
  head = g_new (int, (gsize) nx * ny);
  memset (head, 0xff, sizeof (int) * nx * ny);
  for (guint i = 0; i < self->chains->len; i++)
    {
      const GArray *p = chain_points (&g_array_index (self->chains, Chain, i));

      for (guint k = 0; k + 1 < p->len; k++)
        {
          ShequGeoPoint s0 = g_array_index (p, ShequGeoPoint, k);
          ShequGeoPoint s1 = g_array_index (p, ShequGeoPoint, k + 1);
          Segment seg = { (int) i, k };
          int x0 = (int) ((MIN (s0.x, s1.x) - b.min_x) / bucket);
          int x1 = (int) ((MAX (s0.x, s1.x) - b.min_x) / bucket);
          int y0 = (int) ((MIN (s0.y, s1.y) - b.min_y) / bucket);
          int y1 = (int) ((MAX (s0.y, s1.y) - b.min_y) / bucket);
          int id = (int) segments->len;

          g_array_append_val (segments, seg);
          for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
              {
                /* Check against what the bucket holds, then join it. */
                for (int e = head[y * nx + x]; e >= 0; e = g_array_index (next, int, e))
                  {
                    Segment *o = &g_array_index (segments, Segment, g_array_index (entry, int, e));
                    const GArray *q = chain_points (&g_array_index (self->chains, Chain, o->chain));
                    ShequGeoPoint t0 = g_array_index (q, ShequGeoPoint, o->index);
                    ShequGeoPoint t1 = g_array_index (q, ShequGeoPoint, o->index + 1);
                    gboolean share = same_point (s0, t0) || same_point (s0, t1) ||
                                     same_point (s1, t0) || same_point (s1, t1);

                    if (!share && segments_meet (s0, s1, t0, t1))
                      bad[i] = bad[o->chain] = 1;
                  }
                g_array_append_val (entry, id);
                g_array_append_val (next, head[y * nx + x]);
                head[y * nx + x] = (int) entry->len - 1;
              }
        }
    }
  for (guint i = 0; i < self->chains->len; i++)
    {
      Chain *c = &g_array_index (self->chains, Chain, i);

      if (bad[i] && !c->use_raw)
        {
          c->use_raw = TRUE;
          changed = TRUE;
        }
    }
  return changed;
}

void
sm_chains_free (SmChains *self)
{
  for (guint i = 0; i < self->chains->len; i++)
    {
      Chain *c = &g_array_index (self->chains, Chain, i);

      g_array_unref (c->vertices);
      g_array_unref (c->raw);
      g_array_unref (c->smooth);
    }
  g_array_unref (self->chains);
  g_free (self->slot_chain);
  g_free (self->slot_back);
  g_free (self->is_node);
  g_free (self->visited);
  g_free (self);
}

SmChains *
sm_chains_new (const int           *adjacent,
               const guint8        *degree,
               const ShequGeoPoint *pos,
               int                  n_vertices,
               double               sigma,
               double               tolerance)
{
  SmChains *self = g_new0 (SmChains, 1);

  self->adjacent = adjacent;
  self->slot_chain = g_new (int, 3 * n_vertices);
  self->slot_back = g_new0 (guint8, 3 * n_vertices);
  self->is_node = g_new0 (guint8, n_vertices);
  self->visited = g_new0 (guint8, n_vertices);
  self->chains = g_array_new (FALSE, FALSE, sizeof (Chain));
  for (int i = 0; i < 3 * n_vertices; i++)
    self->slot_chain[i] = -1;
  for (int v = 0; v < n_vertices; v++)
    self->is_node[v] = degree[v] == 3;
  for (int v = 0; v < n_vertices; v++)
    for (int s = 0; s < degree[v] && self->is_node[v]; s++)
      if (self->slot_chain[v * 3 + s] < 0)
        walk_chain (self, degree, pos, v, s);
  /* Rings with no node (a unit inside one other): the lowest vertex stands for one. */
  for (int v = 0; v < n_vertices; v++)
    if (degree[v] == 2 && !self->visited[v])
      {
        self->is_node[v] = 1;
        walk_chain (self, degree, pos, v, 0);
      }
  for (guint i = 0; i < self->chains->len; i++)
    {
      Chain *c = &g_array_index (self->chains, Chain, i);

      c->smooth = shape_chain (c->raw, sigma, tolerance);
    }
  while (untangle (self))
    ;
  return self;
}

gboolean
sm_chains_is_node (const SmChains *self,
                   int             v)
{
  return self->is_node[v];
}

guint
sm_chains_append (const SmChains *self,
                  int             from,
                  int             next,
                  GArray         *points)
{
  int slot = slot_towards (self, from, next);
  const Chain *c = &g_array_index (self->chains, Chain, self->slot_chain[from * 3 + slot]);
  const GArray *p = chain_points (c);

  /* All the chain's points but its last, which the next chain starts with. */
  if (!self->slot_back[from * 3 + slot])
    {
      g_array_append_vals (points, p->data, p->len - 1);
    }
  else
    {
      for (guint i = p->len; i-- > 1; )
        g_array_append_val (points, g_array_index (p, ShequGeoPoint, i));
    }
  return c->vertices->len - 1;
}
