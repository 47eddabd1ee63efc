/* shequ-sample-map-parts.c — seeds spread over a unit, parts joined, depth inside a unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sample-map"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-sample-map-private.h"

/* The cell of CELLS nearest to P. */
static int
nearest_of (const SmLattice *lat,
            const int       *cells,
            guint            n,
            ShequGeoPoint    p)
{
  int best = cells[0];
  double best_d = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      double d = sm_dist2 (p, sm_cell_centre (lat, cells[i]));

      if (d < best_d)
        {
          best_d = d;
          best = cells[i];
        }
    }
  return best;
}

/* Moves each seed to the middle of the cells nearest to it (Lloyd's relaxation). */
static void
relax_seeds (const SmLattice *lat,
             const int       *cells,
             guint            n,
             guint            k,
             int             *seeds)
{
  g_autofree ShequGeoPoint *sum = g_new (ShequGeoPoint, k);
  g_autofree guint *count = g_new (guint, k);

  for (guint round = 0; round < 6; round++)
    {
      memset (sum, 0, k * sizeof *sum);
      memset (count, 0, k * sizeof *count);
      for (guint i = 0; i < n; i++)
        {
          ShequGeoPoint p = sm_cell_centre (lat, cells[i]);
          guint best = 0;
          double best_d = G_MAXDOUBLE;

          for (guint s = 0; s < k; s++)
            {
              double d = sm_dist2 (p, sm_cell_centre (lat, seeds[s]));

              if (d < best_d)
                {
                  best_d = d;
                  best = s;
                }
            }
          sum[best].x += p.x;
          sum[best].y += p.y;
          count[best]++;
        }
      for (guint s = 0; s < k; s++)
        {
          ShequGeoPoint mid;
          int c;
          gboolean taken = FALSE;

          if (count[s] == 0)
            continue;
          mid.x = sum[s].x / count[s];
          mid.y = sum[s].y / count[s];
          c = nearest_of (lat, cells, n, mid);
          for (guint t = 0; t < k && !taken; t++)
            taken = t != s && seeds[t] == c;
          if (!taken)
            seeds[s] = c;
        }
    }
}

void
sm_spread_seeds (const SmLattice *lat,
                 const int       *parent,
                 int              parent_label,
                 guint            k,
                 int             *seeds)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree double *near = NULL;
  g_autofree SmKeyedCell *angled = g_new (SmKeyedCell, k);
  ShequGeoPoint mid = { 0, 0 };
  int *c;
  guint n;

  for (int i = 0; i < sm_lattice_n_cells (lat); i++)
    if (parent[i] == parent_label)
      g_array_append_val (cells, i);
  c = (int *) cells->data;
  n = cells->len;
  g_return_if_fail (n >= k && k > 0);

  for (guint i = 0; i < n; i++)
    {
      mid.x += sm_cell_centre (lat, c[i]).x / n;
      mid.y += sm_cell_centre (lat, c[i]).y / n;
    }
  /* Farthest-point sampling from the middle, then relaxed. */
  near = g_new (double, n);
  for (guint i = 0; i < n; i++)
    near[i] = sm_dist2 (mid, sm_cell_centre (lat, c[i])) * 1e-3;
  for (guint s = 0; s < k; s++)
    {
      guint far = 0;

      for (guint i = 1; i < n; i++)
        if (near[i] > near[far])
          far = i;
      seeds[s] = c[far];
      for (guint i = 0; i < n; i++)
        near[i] = MIN (near[i], sm_dist2 (sm_cell_centre (lat, c[far]), sm_cell_centre (lat, c[i])));
      if (s == 0)
        for (guint i = 0; i < n; i++)
          near[i] = sm_dist2 (sm_cell_centre (lat, c[far]), sm_cell_centre (lat, c[i]));
    }
  relax_seeds (lat, c, n, k, seeds);

  /* Clockwise from north, the way grids are numbered on a map. */
  for (guint s = 0; s < k; s++)
    {
      ShequGeoPoint p = sm_cell_centre (lat, seeds[s]);
      double a = atan2 (p.x - mid.x, p.y - mid.y);

      angled[s].key = a < 0 ? a + 2 * G_PI : a;
      angled[s].cell = seeds[s];
    }
  qsort (angled, k, sizeof *angled, sm_compare_keyed_cells);
  for (guint s = 0; s < k; s++)
    seeds[s] = angled[s].cell;
}

/* Numbers the connected parts of each label into PART; returns how many. */
static int
find_parts (const SmLattice *lat,
            const int       *labels,
            const int       *cells,
            int              n_cells,
            int             *part,
            GArray          *sizes,
            GArray          *owners)
{
  int n = sm_lattice_n_cells (lat);
  g_autofree int *queue = g_new (int, n);
  int n_parts = 0;

  g_array_set_size (sizes, 0);
  g_array_set_size (owners, 0);
  memset (part, 0xff, n * sizeof *part);
  for (int i = 0; i < n_cells; i++)
    {
      int c = cells[i];
      int head = 0, tail = 0;

      if (labels[c] < 0 || part[c] >= 0)
        continue;
      part[c] = n_parts;
      queue[tail++] = c;
      while (head < tail)
        {
          int x = queue[head++];

          for (int k = 0; k < SM_N_DIRS; k++)
            {
              int m = sm_cell_neighbour (lat, x, k);

              if (m >= 0 && part[m] < 0 && labels[m] == labels[c])
                {
                  part[m] = n_parts;
                  queue[tail++] = m;
                }
            }
        }
      g_array_append_val (sizes, tail);
      g_array_append_val (owners, labels[c]);
      n_parts++;
    }
  return n_parts;
}

void
sm_join_parts (const SmLattice *lat,
               int             *labels,
               int              n_labels,
               const int       *cells,
               int              n_cells)
{
  int n = sm_lattice_n_cells (lat);
  g_autofree int *part = g_new (int, n);
  g_autofree int *main_part = g_new (int, n_labels);
  g_autofree int *votes = g_new (int, n_labels);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint round = 0; round < 16; round++)
    {
      int n_parts = find_parts (lat, labels, cells, n_cells, part, sizes, owners);
      g_autofree int *to = g_new (int, n_parts);
      gboolean moved = FALSE;

      for (int l = 0; l < n_labels; l++)
        main_part[l] = -1;
      for (int i = 0; i < n_cells; i++)
        if (labels[cells[i]] >= 0)
          {
            int c = cells[i];
            int *m = &main_part[labels[c]];

            if (*m < 0 || g_array_index (sizes, int, part[c]) > g_array_index (sizes, int, *m))
              *m = part[c];
          }
      for (int p = 0; p < n_parts; p++)
        to[p] = -1;
      /* Each stray part goes to the neighbour it shares the longest border with. */
      for (int p = 0; p < n_parts; p++)
        {
          int best = -1, own = g_array_index (owners, int, p);

          if (main_part[own] == p)
            continue;
          memset (votes, 0, n_labels * sizeof *votes);
          for (int i = 0; i < n_cells; i++)
            {
              int c = cells[i];

              if (part[c] != p)
                continue;
              for (int k = 0; k < SM_N_DIRS; k++)
                {
                  int m = sm_cell_neighbour (lat, c, k);

                  if (m >= 0 && labels[m] >= 0 && labels[m] != labels[c])
                    votes[labels[m]]++;
                }
            }
          for (int l = 0; l < n_labels; l++)
            if (votes[l] > 0 && (best < 0 || votes[l] > votes[best]))
              best = l;
          to[p] = best;
        }
      for (int i = 0; i < n_cells; i++)
        if (part[cells[i]] >= 0 && to[part[cells[i]]] >= 0)
          {
            int c = cells[i];

            labels[c] = to[part[c]];
            moved = TRUE;
          }
      if (!moved)
        break;
    }
}

void
sm_inner_depth (const SmLattice *lat,
                const int       *labels,
                int             *depth)
{
  int n = sm_lattice_n_cells (lat);
  g_autofree int *queue = g_new (int, n);
  int head = 0, tail = 0;

  for (int c = 0; c < n; c++)
    {
      depth[c] = 0;
      if (labels[c] < 0)
        continue;
      for (int k = 0; k < SM_N_DIRS; k++)
        {
          int m = sm_cell_neighbour (lat, c, k);

          if (m < 0 || labels[m] != labels[c])
            {
              depth[c] = 1;
              queue[tail++] = c;
              break;
            }
        }
    }
  while (head < tail)
    {
      int c = queue[head++];

      for (int k = 0; k < SM_N_DIRS; k++)
        {
          int m = sm_cell_neighbour (lat, c, k);

          if (m >= 0 && depth[m] == 0 && labels[m] == labels[c])
            {
              depth[m] = depth[c] + 1;
              queue[tail++] = m;
            }
        }
    }
}

gboolean
sm_smooth_labels (const SmLattice *lat,
                  int             *labels,
                  int              n_labels,
                  const int       *cells,
                  int              n_cells,
                  const int       *fixed,
                  guint            n_fixed,
                  guint            rounds,
                  guint8          *moved)
{
  int n = sm_lattice_n_cells (lat);
  g_autofree int *was = g_new (int, n);
  g_autofree guint8 *pinned = g_new0 (guint8, n);
  gboolean any = FALSE;

  for (guint i = 0; i < n_fixed; i++)
    pinned[fixed[i]] = 1;
  for (guint round = 0; round < rounds; round++)
    {
      memcpy (was, labels, n * sizeof *labels);
      for (int i = 0; i < n_cells; i++)
        {
          int c = cells[i];
          int votes[SM_N_DIRS], who[SM_N_DIRS], n_who = 0;

          if (was[c] < 0 || pinned[c])
            continue;
          for (int k = 0; k < SM_N_DIRS; k++)
            {
              int m = sm_cell_neighbour (lat, c, k);
              int l = m >= 0 ? was[m] : -1;
              int j;

              if (l < 0 || l == was[c])
                continue;
              for (j = 0; j < n_who && who[j] != l; j++)
                ;
              if (j == n_who)
                {
                  who[n_who] = l;
                  votes[n_who++] = 0;
                }
              votes[j]++;
            }
          /* Four of six neighbours in one other unit: the cell is a neck or a spur. */
          for (int j = 0; j < n_who; j++)
            if (votes[j] >= 4 && who[j] < n_labels)
              {
                if (moved != NULL)
                  moved[was[c]] = moved[who[j]] = 1;
                labels[c] = who[j];
                any = TRUE;
              }
        }
    }
  return any;
}
