/* shequ-map-index.c — a packed R-tree over the map items' bounds, for queries and hits */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-index"

#include "config.h"

#include <math.h>

#include "shequ-map-private.h"

/* Sort-Tile-Recursive packing (Leutenegger et al. 1997): the entries of a level sorted
 * into vertical slices by centre x, each slice by centre y, then cut into nodes of
 * FANOUT. The map never changes once built, so a packed tree (full nodes, no insertion
 * code) is both the smallest and the fastest to search. */

/* Twice the centre of an entry on AXIS (0: x, 1: y): the order is all that counts. */
static inline double
centre (const ShequMapIndexEntry *e,
        guint                     axis)
{
  return axis == 0 ? e->bounds.min_x + e->bounds.max_x : e->bounds.min_y + e->bounds.max_y;
}

static int
compare_centres (gconstpointer a,
                 gconstpointer b,
                 gpointer      axis)
{
  double ca = centre (a, GPOINTER_TO_UINT (axis)), cb = centre (b, GPOINTER_TO_UINT (axis));

  return (ca > cb) - (ca < cb);
}

static void
str_sort (ShequMapIndexEntry *entries,
          guint               count)
{
  guint n_nodes = (count + SHEQU_MAP_INDEX_FANOUT - 1) / SHEQU_MAP_INDEX_FANOUT;
  guint n_slices = (guint) ceil (sqrt ((double) n_nodes));
  guint per_slice = n_slices * SHEQU_MAP_INDEX_FANOUT;

  g_qsort_with_data (entries, count, sizeof *entries, compare_centres, GUINT_TO_POINTER (0));
  for (guint start = 0; start < count; start += per_slice)
    g_qsort_with_data (entries + start, MIN (per_slice, count - start), sizeof *entries,
                       compare_centres, GUINT_TO_POINTER (1));
}

static void
union_bounds (ShequGeoBounds       *into,
              const ShequGeoBounds *b)
{
  into->min_x = MIN (into->min_x, b->min_x);
  into->min_y = MIN (into->min_y, b->min_y);
  into->max_x = MAX (into->max_x, b->max_x);
  into->max_y = MAX (into->max_y, b->max_y);
}

void
shequ_map_index_build (ShequMapIndex *index,
                       GArray        *items)
{
  g_autoptr(GArray) all = g_array_sized_new (FALSE, FALSE, sizeof (ShequMapIndexEntry),
                                             items->len + items->len / 8 + 1);
  g_autofree ShequMapIndexEntry *level = g_new (ShequMapIndexEntry, MAX (items->len, 1));
  guint count = items->len;

  shequ_map_index_clear (index);
  if (count == 0)
    return;

  for (guint i = 0; i < count; i++)
    level[i] = (ShequMapIndexEntry) { g_array_index (items, ShequMapItem, i).bounds, i, 0 };

  for (;;)
    {
      guint base;

      str_sort (level, count);
      base = all->len;
      g_array_append_vals (all, level, count);
      if (count == 1)
        break;

      /* The parents of this level, in place of it. */
      for (guint start = 0, n = 0; start < count; start += SHEQU_MAP_INDEX_FANOUT, n++)
        {
          const ShequMapIndexEntry *children = &g_array_index (all, ShequMapIndexEntry, base + start);
          ShequMapIndexEntry parent = { children[0].bounds, base + start,
                                        MIN (SHEQU_MAP_INDEX_FANOUT, count - start) };

          for (guint c = 1; c < parent.n_children; c++)
            union_bounds (&parent.bounds, &children[c].bounds);
          level[n] = parent;
        }
      count = (count + SHEQU_MAP_INDEX_FANOUT - 1) / SHEQU_MAP_INDEX_FANOUT;
    }

  /* A lone item is its own root; a root must be a node for the search's loop. */
  if (all->len == 1)
    {
      ShequMapIndexEntry root = { g_array_index (all, ShequMapIndexEntry, 0).bounds, 0, 1 };

      g_array_append_val (all, root);
    }
  index->n_entries = all->len;
  index->root = all->len - 1;
  index->entries = (ShequMapIndexEntry *) (void *) g_array_free (g_steal_pointer (&all), FALSE);
}

void
shequ_map_index_clear (ShequMapIndex *index)
{
  g_clear_pointer (&index->entries, g_free);
  index->n_entries = 0;
  index->root = G_MAXUINT;
}

static inline gboolean
bounds_meet (const ShequGeoBounds *a,
             const ShequGeoBounds *b)
{
  return a->min_x <= b->max_x && b->min_x <= a->max_x
         && a->min_y <= b->max_y && b->min_y <= a->max_y;
}

void
shequ_map_index_search (const ShequMapIndex  *index,
                        const ShequGeoBounds *bounds,
                        GArray               *hits)
{
  /* A packed tree of fanout 16 is at most 8 levels deep for 2^32 items: the stack holds
   * at most 15 entries a level. */
  guint stack[8 * SHEQU_MAP_INDEX_FANOUT];
  guint top = 0;

  if (index->root == G_MAXUINT || !bounds_meet (&index->entries[index->root].bounds, bounds))
    return;
  stack[top++] = index->root;
  while (top > 0)
    {
      const ShequMapIndexEntry *node = &index->entries[stack[--top]];
      const ShequMapIndexEntry *child = &index->entries[node->first];

      for (guint c = 0; c < node->n_children; c++, child++)
        {
          if (!bounds_meet (&child->bounds, bounds))
            continue;
          if (child->n_children == 0)
            g_array_append_val (hits, child->first);
          else
            {
              g_assert (top < G_N_ELEMENTS (stack));
              stack[top++] = node->first + c;
            }
        }
    }
}
