/* shequ-sample-map.c — the sample street's boundaries and places, made from data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sample-map"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-csv.h"
#include "shequ-geojson.h"
#include "shequ-sample-map-private.h"
#include "shequ-sample-map.h"
#include "shequ-sample-table.h"
#include "shequ-unit.h"

/* Cells of 80 m: a grid of the old town (about 0.2 km²) has some 40 of them. */
#define SM_SPACING 80.0
#define SM_NOISE_SEED 20261202u

typedef struct {
  ShequUnit *unit;
  int        parent;     /* index into the units, or -1 */
  guint      depth;
  GArray    *children;   /* int indices, in code order */
  gboolean   has_row;    /* a line of map-layout.csv */
  ShequGeoPoint seed;    /* GCJ-02 */
  double     size;
} SmUnit;

typedef struct {
  GPtrArray      *units;      /* SmUnit *, by code */
  GHashTable     *by_code;    /* code → SmUnit * (lookups only) */
  GHashTable     *index_of;   /* ShequUnit * → index + 1 (lookups only) */
  guint           n_depths;
  SmLattice       lat;
  int           **owner;      /* per depth: unit index of each cell, or -1 */
  int            *leaf;
  ShequGeoShape **shapes;
  guint8         *used;       /* cells a place already stands on */
  guint8         *presplit;   /* units whose children's cells are known already */
} SmBuild;

static void
sm_unit_free (SmUnit *u)
{
  g_array_unref (u->children);
  g_free (u);
}

static SmUnit *
unit_at (SmBuild *b,
         int      index)
{
  return g_ptr_array_index (b->units, index);
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  ShequUnit *x = *(ShequUnit **) a, *y = *(ShequUnit **) b;

  return strcmp (shequ_unit_get_code (x), shequ_unit_get_code (y));
}

static void
collect_units (SmBuild       *b,
               ShequOrgStore *store)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (shequ_org_store_get_units (store), NULL, NULL);

  g_ptr_array_sort (sorted, compare_units);
  b->units = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_unit_free);
  b->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  b->index_of = g_hash_table_new (NULL, NULL);
  b->n_depths = 0;
  for (guint i = 0; i < sorted->len; i++)
    {
      SmUnit *u = g_new0 (SmUnit, 1);

      u->unit = g_ptr_array_index (sorted, i);
      u->depth = shequ_unit_get_depth (u->unit);
      u->children = g_array_new (FALSE, FALSE, sizeof (int));
      b->n_depths = MAX (b->n_depths, u->depth + 1);
      g_ptr_array_add (b->units, u);
      g_hash_table_insert (b->by_code, (gpointer) shequ_unit_get_code (u->unit), u);
      g_hash_table_insert (b->index_of, u->unit, GINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < b->units->len; i++)
    {
      SmUnit *u = unit_at (b, i);
      ShequUnit *parent = shequ_unit_get_parent (u->unit);
      int index = (int) i;

      u->parent = parent ? GPOINTER_TO_INT (g_hash_table_lookup (b->index_of, parent)) - 1 : -1;
      if (u->parent >= 0)
        g_array_append_val (unit_at (b, u->parent)->children, index);
    }
}

/* ------------------------------------------------------------------------------------ */
/* The data files */

/* The sample map's own message for a file that cannot be read (LOCAL, GLib's). */
static void
set_unreadable (GError     **error,
                const char  *path,
                GError      *local)
{
  g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_READ,
               _("The sample map’s file %s cannot be read: %s"), path, local->message);
}

/* The bytes of the file at PATH, or the sample map's own message when it cannot be read. */
static gboolean
read_sample_file (const char  *path,
                  char       **data,
                  gsize       *len,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, data, len, &local_error))
    {
      set_unreadable (error, path, local_error);
      return FALSE;
    }
  return TRUE;
}

/* DIR/NAME, whose header must be HEADER. */
static ShequSampleTable *
open_table (const char  *dir,
            const char  *name,
            const char  *header,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ShequSampleTable) table = shequ_sample_table_open (dir, name, &local_error);

  if (table == NULL && local_error->domain == G_FILE_ERROR)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      set_unreadable (error, path, local_error);
      return NULL;
    }
  if (table == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!shequ_sample_table_check_header (table, header, error))
    return NULL;
  return g_steal_pointer (&table);
}

static SmUnit *
lookup_row_unit (SmBuild            *b,
                 const ShequCsvRow  *row,
                 const char         *path,
                 GError            **error)
{
  SmUnit *u = g_hash_table_lookup (b->by_code, row->fields[0]);

  if (u == NULL)
    g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                 _("%s, line %u: no unit of the street has the code “%s”."),
                 path, row->line, row->fields[0]);
  return u;
}

/* A point given as two fields: both empty (FALSE, no error), or a longitude and a
 * latitude (TRUE). */
static gboolean
parse_point (const ShequCsvRow  *row,
             guint               field,
             const char         *path,
             ShequGeoPoint      *p,
             gboolean           *given,
             GError            **error)
{
  const char *lon = row->fields[field], *lat = row->fields[field + 1];

  *given = *lon != '\0' || *lat != '\0';
  if (!*given)
    return TRUE;
  if (!shequ_sample_parse_number (lon, -180.0, 180.0, &p->x))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("%s, line %u: “%s” is not a longitude in degrees."), path, row->line, lon);
      return FALSE;
    }
  if (!shequ_sample_parse_number (lat, -90.0, 90.0, &p->y))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("%s, line %u: “%s” is not a latitude in degrees."), path, row->line, lat);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_layout (SmBuild     *b,
             const char  *dir,
             GError     **error)
{
  g_autoptr(ShequSampleTable) table = open_table (dir, "map-layout.csv",
                                                 "code,lon,lat,area_km2", error);
  SmUnit *street = unit_at (b, 0);
  const ShequCsvRow *row = NULL;
  const char *path;

  if (table == NULL)
    return FALSE;
  path = shequ_sample_table_get_path (table);
  while (shequ_sample_table_next (table, &row, error))
    {
      SmUnit *u;
      gboolean given;

      if (!(u = lookup_row_unit (b, row, path, error)) ||
          !parse_point (row, 1, path, &u->seed, &given, error))
        return FALSE;
      if (!given || !shequ_sample_parse_number (row->fields[3], 1e-6, 1e6, &u->size))
        {
          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                       _("%s, line %u: a unit needs its longitude, latitude and a size in km² "
                         "above 0."), path, row->line);
          return FALSE;
        }
      if (u->has_row)
        {
          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                       _("%s, line %u: the unit “%s” has a line already."),
                       path, row->line, row->fields[0]);
          return FALSE;
        }
      if (shequ_unit_get_tier (u->unit) == SHEQU_TIER_AREA)
        {
          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                       _("%s, line %u: “%s” is an area, which is made of its villages and "
                         "communities: give their places instead."),
                       path, row->line, row->fields[0]);
          return FALSE;
        }
      /* A street is a few hundred km²: a bigger one would need a lattice the size of a
       * province. */
      if (u == street && (u->size < 1.0 || u->size > 1000.0))
        {
          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                       _("%s, line %u: the street’s area must be from 1 to 1,000 km²."),
                       path, row->line);
          return FALSE;
        }
      u->has_row = TRUE;
    }
  if (row != NULL)
    return FALSE;
  if (!street->has_row)
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("%s: the street (%s) needs a line with its middle and its area."),
                   path, shequ_unit_get_code (street->unit));
      return FALSE;
    }
  return TRUE;
}

static ShequGeoShape *
read_county (const char  *dir,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "pingyi-county.geojson", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) features = NULL;
  gsize len;

  if (!read_sample_file (path, &data, &len, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  if (!(features = shequ_geojson_read (bytes, path, NULL, NULL, NULL, error)))
    return NULL;
  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *f = g_ptr_array_index (features, i);

      if (f->shape != NULL && shequ_geo_shape_get_n_polygons (f->shape) > 0)
        return shequ_geo_shape_ref (f->shape);
    }
  g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
               _("%s holds no usable outline of the county."), path);
  return NULL;
}

/* ------------------------------------------------------------------------------------ */
/* Splitting each unit among its children */

/* A child's size where map-layout.csv gives none: its seeded children's, else its
 * residents (grids are drawn roughly to their population). */
static double
unit_size (SmBuild *b,
           SmUnit  *u)
{
  double sum = 0.0;

  if (u->has_row)
    return u->size;
  for (guint i = 0; i < u->children->len; i++)
    {
      SmUnit *c = unit_at (b, g_array_index (u->children, int, i));

      if (c->has_row)
        sum += c->size;
    }
  if (sum > 0)
    return sum;
  return MAX (shequ_unit_get_total_population (u->unit), 1);
}

typedef struct {
  GArray *seeds;      /* SmSeed */
  GArray *child;      /* int: which child each seed grows */
  GArray *source;     /* int: the unit whose place the seed is (the child or its child) */
  gboolean multiple;  /* some child grows from more than one seed */
} SeedSet;

static gboolean
add_seed (SmBuild        *b,
          SeedSet        *set,
          int             parent,
          int             child,
          int             source,
          ShequGeoPoint   lonlat,
          double          size,
          GError        **error)
{
  SmSeed seed = { -1, size };
  ShequGeoPoint p = sm_lonlat_to_local (&b->lat, lonlat);
  int *owner = b->owner[unit_at (b, parent)->depth];
  g_autofree int *taken = g_new (int, set->seeds->len + 1);

  /* Distinct cells: no two seeds on one. */
  for (guint j = 0; j < set->seeds->len; j++)
    taken[j] = g_array_index (set->seeds, SmSeed, j).cell;
  seed.cell = sm_snap_seed (&b->lat, owner, parent, p, taken, set->seeds->len);
  if (seed.cell < 0)
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("The unit “%s” is too small on the sample map for its %u units."),
                   shequ_unit_get_name (unit_at (b, parent)->unit),
                   unit_at (b, parent)->children->len);
      return FALSE;
    }
  g_array_append_val (set->seeds, seed);
  g_array_append_val (set->child, child);
  g_array_append_val (set->source, source);
  return TRUE;
}

/* Where PARENT's children start: their own lines of map-layout.csv, their children's,
 * or seeds spread evenly over the parent. */
static gboolean
collect_seeds (SmBuild  *b,
               int       parent,
               SeedSet  *set,
               GError  **error)
{
  SmUnit *p = unit_at (b, parent);
  int *owner = b->owner[p->depth];
  g_autoptr(GArray) spread = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree int *spread_cells = NULL;
  guint next_spread = 0;
  double mean = 0.0;

  for (guint i = 0; i < p->children->len; i++)
    {
      int ci = g_array_index (p->children, int, i);
      SmUnit *c = unit_at (b, ci);
      guint n_before = set->seeds->len;

      if (c->has_row)
        {
          if (!add_seed (b, set, parent, (int) i, ci, c->seed, c->size, error))
            return FALSE;
          continue;
        }
      for (guint j = 0; j < c->children->len; j++)
        {
          int gi = g_array_index (c->children, int, j);
          SmUnit *g = unit_at (b, gi);

          if (g->has_row && !add_seed (b, set, parent, (int) i, gi, g->seed, g->size, error))
            return FALSE;
        }
      set->multiple |= set->seeds->len > n_before + 1;
      if (set->seeds->len == n_before)
        g_array_append_val (spread, i);
    }
  if (spread->len == 0)
    return TRUE;
  spread_cells = g_new (int, spread->len);
  sm_spread_seeds (&b->lat, owner, parent, spread->len, spread_cells);
  /* Sizes from map-layout.csv and populations do not mix: beside children with a size,
   * one without gets their mean. */
  for (guint i = 0; i < set->seeds->len; i++)
    mean += g_array_index (set->seeds, SmSeed, i).target / (p->children->len - spread->len);
  for (guint i = 0; i < spread->len; i++)
    {
      guint child = g_array_index (spread, guint, i);
      SmUnit *c = unit_at (b, g_array_index (p->children, int, child));
      ShequGeoPoint at = sm_local_to_lonlat (&b->lat, sm_cell_centre (&b->lat,
                                                                      spread_cells[next_spread++]));

      if (!add_seed (b, set, parent, (int) child, g_array_index (p->children, int, child), at,
                     mean > 0 ? mean : unit_size (b, c), error))
        return FALSE;
    }
  return TRUE;
}

/* When PARENT's children grew from their own children's seeds, those seeds' cells
 * already split each child that came out whole (nothing of it given to a neighbour, none
 * of its children lost): keep them rather than grow again. SEED_OF is each cell's seed. */
static void
keep_grandchildren (SmBuild       *b,
                    int            parent,
                    const SeedSet *set,
                    const int     *seed_of,
                    const int     *grown,
                    const guint8  *moved)
{
  SmUnit *p = unit_at (b, parent);
  int n = sm_lattice_n_cells (&b->lat);
  int *in = b->owner[p->depth];
  g_autofree guint8 *broken = g_new0 (guint8, p->children->len);
  g_autofree guint8 *seen = g_new0 (guint8, b->units->len);

  if (p->depth + 2 >= b->n_depths)
    return;
  for (int c = 0; c < n; c++)
    if (in[c] == parent)
      {
        int child = g_array_index (p->children, int, grown[c]);
        int source = g_array_index (set->source, int, seed_of[c]);

        if (unit_at (b, source)->parent != child)
          broken[grown[c]] = 1;
        else
          seen[source] = 1;
      }
  for (guint i = 0; i < p->children->len; i++)
    {
      SmUnit *child = unit_at (b, g_array_index (p->children, int, i));

      broken[i] |= child->children->len == 0 || moved[i];
      for (guint j = 0; j < child->children->len && !broken[i]; j++)
        broken[i] = !seen[g_array_index (child->children, int, j)];
    }
  for (int c = 0; c < n; c++)
    if (in[c] == parent && !broken[grown[c]])
      b->owner[p->depth + 2][c] = g_array_index (set->source, int, seed_of[c]);
  for (guint i = 0; i < p->children->len; i++)
    b->presplit[g_array_index (p->children, int, i)] = !broken[i];
}

static gboolean
split_unit (SmBuild  *b,
            int       parent,
            GError  **error)
{
  SmUnit *p = unit_at (b, parent);
  int n = sm_lattice_n_cells (&b->lat);
  int *in = b->owner[p->depth];
  int *out = b->owner[p->depth + 1];
  g_autofree int *grown = g_new (int, n);
  g_autofree int *seed_of = NULL;
  SeedSet set = { g_array_new (FALSE, FALSE, sizeof (SmSeed)),
                  g_array_new (FALSE, FALSE, sizeof (int)),
                  g_array_new (FALSE, FALSE, sizeof (int)), FALSE };
  gboolean ok;

  ok = collect_seeds (b, parent, &set, error);
  if (ok)
    {
      sm_grow (&b->lat, in, parent, (SmSeed *) set.seeds->data, set.seeds->len, grown);
      seed_of = g_memdup2 (grown, n * sizeof *grown);
      for (int c = 0; c < n; c++)
        grown[c] = in[c] == parent ? g_array_index (set.child, int, grown[c]) : -1;
      if (set.multiple)
        {
          g_autofree guint8 *moved = g_new0 (guint8, p->children->len);
          g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (int));
          int *list;

          for (int c = 0; c < n; c++)
            if (in[c] == parent)
              g_array_append_val (cells, c);
          list = (int *) cells->data;
          /* The areas' own necks too: they are made of several units' cells. */
          sm_join_parts (&b->lat, grown, p->children->len, list, cells->len);
          if (sm_smooth_labels (&b->lat, grown, p->children->len, list, cells->len, NULL, 0, 2,
                                moved))
            sm_join_parts (&b->lat, grown, p->children->len, list, cells->len);
          keep_grandchildren (b, parent, &set, seed_of, grown, moved);
        }
      for (int c = 0; c < n; c++)
        if (grown[c] >= 0)
          out[c] = g_array_index (p->children, int, grown[c]);
    }
  g_array_unref (set.seeds);
  g_array_unref (set.child);
  g_array_unref (set.source);
  return ok;
}

static gboolean
build_cells (SmBuild        *b,
             ShequGeoShape  *county,
             GError        **error)
{
  SmUnit *street = unit_at (b, 0);
  double area = street->size * 1e6;
  double radius = sqrt (area / G_PI);
  int n;

  sm_lattice_init (&b->lat, street->seed.x, street->seed.y, 1.7 * radius + 10 * SM_SPACING,
                   SM_SPACING);
  n = sm_lattice_n_cells (&b->lat);
  if (!shequ_geo_shape_contains (county, street->seed))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("The middle of the street given in map-layout.csv lies outside the "
                     "county’s outline."));
      return FALSE;
    }
  b->owner = g_new0 (int *, b->n_depths);
  b->presplit = g_new0 (guint8, b->units->len);
  for (guint d = 0; d < b->n_depths; d++)
    {
      b->owner[d] = g_new (int, n);
      for (int c = 0; c < n; c++)
        b->owner[d][c] = -1;
    }
  sm_street_region (&b->lat, county, (ShequGeoPoint) { 0, 0 }, area,
                    sm_hash (SM_NOISE_SEED, 1, 1), b->owner[0]);
  sm_lattice_set_costs (&b->lat, b->owner[0], SM_NOISE_SEED);
  /* Depth by depth, so that each parent is whole before it is split. */
  for (guint d = 0; d + 1 < b->n_depths; d++)
    for (guint i = 0; i < b->units->len; i++)
      if (unit_at (b, i)->depth == d && unit_at (b, i)->children->len > 0 &&
          !b->presplit[i] && !split_unit (b, (int) i, error))
        return FALSE;
  b->leaf = g_new (int, n);
  for (int c = 0; c < n; c++)
    {
      b->leaf[c] = -1;
      for (guint d = 0; d < b->n_depths; d++)
        if (b->owner[d][c] >= 0)
          b->leaf[c] = b->owner[d][c];
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------ */
/* Places */

typedef struct {
  int  *start;        /* per unit: first of its cells in CELLS */
  int  *cells;        /* every unit's cells, unit by unit */
  int **inner;        /* per depth: how deep inside its unit each cell is */
} SmCellIndex;

static void
index_cells (SmBuild     *b,
             SmCellIndex *ix)
{
  guint n_units = b->units->len;
  int n = sm_lattice_n_cells (&b->lat);
  g_autofree int *fill = g_new0 (int, n_units + 1);

  ix->start = g_new0 (int, n_units + 1);
  for (guint d = 0; d < b->n_depths; d++)
    for (int c = 0; c < n; c++)
      if (b->owner[d][c] >= 0)
        ix->start[b->owner[d][c] + 1]++;
  for (guint u = 0; u < n_units; u++)
    ix->start[u + 1] += ix->start[u];
  ix->cells = g_new (int, MAX (ix->start[n_units], 1));
  memcpy (fill, ix->start, (n_units + 1) * sizeof *fill);
  for (guint d = 0; d < b->n_depths; d++)
    for (int c = 0; c < n; c++)
      if (b->owner[d][c] >= 0)
        ix->cells[fill[b->owner[d][c]]++] = c;
  ix->inner = g_new (int *, b->n_depths);
  for (guint d = 0; d < b->n_depths; d++)
    {
      ix->inner[d] = g_new (int, n);
      sm_inner_depth (&b->lat, b->owner[d], ix->inner[d]);
    }
}

static void
clear_cell_index (SmBuild     *b,
                  SmCellIndex *ix)
{
  for (guint d = 0; d < b->n_depths; d++)
    g_free (ix->inner[d]);
  g_free (ix->inner);
  g_free (ix->start);
  g_free (ix->cells);
}

static void
mark_used (SmBuild *b,
           int      cell)
{
  /* The cell and its ring of neighbours, so that symbols keep apart. */
  b->used[cell] = 1;
  for (int k = 0; k < SM_N_DIRS; k++)
    {
      int m = sm_cell_neighbour (&b->lat, cell, k);

      if (m >= 0)
        b->used[m] = 1;
    }
}

/* A free cell of UNIT for a place: the one deepest inside it (PICK 0), or one picked by
 * PICK among those at least two cells in. Any cell of the unit when all are taken. */
static int
place_cell (SmBuild     *b,
            SmCellIndex *ix,
            int          unit,
            guint32      pick)
{
  const int *inner = ix->inner[unit_at (b, unit)->depth];
  const int *cells = ix->cells + ix->start[unit];
  int n = ix->start[unit + 1] - ix->start[unit];
  int best = -1, n_deep = 0, n_free = 0;

  g_assert (n > 0);
  for (int i = 0; i < n; i++)
    if (!b->used[cells[i]])
      {
        n_free++;
        n_deep += inner[cells[i]] >= 2;
        if (best < 0 || inner[cells[i]] > inner[best])
          best = cells[i];
      }
  if (best < 0)
    return cells[pick % n];
  if (pick == 0)
    return best;
  pick %= n_deep > 0 ? n_deep : n_free;
  for (int i = 0; i < n; i++)
    if (!b->used[cells[i]] && (n_deep == 0 || inner[cells[i]] >= 2) && pick-- == 0)
      return cells[i];
  g_assert_not_reached ();
}

static ShequPlaceRow *
new_place (GPtrArray      *places,
           int             unit_id,
           ShequPlaceKind  kind,
           const char     *name,
           ShequGeoPoint   lonlat)
{
  ShequPlaceRow *row = shequ_place_row_new ();

  row->id = places->len + 1;
  row->unit_id = unit_id;
  row->kind = kind;
  row->name = g_strdup (name);
  row->lon = lonlat.x;
  row->lat = lonlat.y;
  g_ptr_array_add (places, row);
  return row;
}

static ShequGeoPoint
cell_lonlat (SmBuild *b,
             int      cell)
{
  return sm_local_to_lonlat (&b->lat, sm_cell_centre (&b->lat, cell));
}

static void
add_service_bodies (SmBuild     *b,
                    SmCellIndex *ix,
                    GPtrArray   *places)
{
  /* Shallow units first: the street's centre takes the street's deepest cell. */
  for (guint d = 0; d < b->n_depths; d++)
    for (guint u = 0; u < b->units->len; u++)
      {
        SmUnit *su = unit_at (b, u);
        const char *name = shequ_unit_get_service_body (su->unit);
        int cell;

        if (su->depth != d)
          continue;
        cell = place_cell (b, ix, (int) u, 0);
        mark_used (b, cell);
        new_place (places, shequ_unit_get_id (su->unit), SHEQU_PLACE_SERVICE_BODY,
                   name && *name ? name : shequ_unit_get_name (su->unit), cell_lonlat (b, cell));
      }
}

static gboolean
add_listed_place (SmBuild            *b,
                  SmCellIndex        *ix,
                  const ShequCsvRow  *row,
                  const char         *path,
                  GPtrArray          *places,
                  GError            **error)
{
  ShequPlaceKind kind;
  SmUnit *u;
  int index;
  ShequGeoPoint at;
  gboolean given;

  if (!shequ_place_kind_from_key (row->fields[0], &kind))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("%s, line %u: “%s” is not a kind of place (service-body, canteen or "
                     "compound)."), path, row->line, row->fields[0]);
      return FALSE;
    }
  if (!(u = g_hash_table_lookup (b->by_code, row->fields[1])))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("%s, line %u: no unit of the street has the code “%s”."),
                   path, row->line, row->fields[1]);
      return FALSE;
    }
  if (*g_strstrip (row->fields[2]) == '\0')
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("%s, line %u: the place has no name."), path, row->line);
      return FALSE;
    }
  if (!parse_point (row, 3, path, &at, &given, error))
    return FALSE;
  index = GPOINTER_TO_INT (g_hash_table_lookup (b->index_of, u->unit)) - 1;
  if (given && !shequ_geo_shape_contains (b->shapes[index], at))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("%s, line %u: “%s” lies outside its unit %s."),
                   path, row->line, row->fields[2], shequ_unit_get_name (u->unit));
      return FALSE;
    }
  if (!given)
    {
      int cell = place_cell (b, ix, index, sm_hash (g_str_hash (row->fields[2]), row->line, 3) | 1);

      mark_used (b, cell);
      at = cell_lonlat (b, cell);
    }
  else if (sm_cell_at (&b->lat, sm_lonlat_to_local (&b->lat, at)) >= 0)
    mark_used (b, sm_cell_at (&b->lat, sm_lonlat_to_local (&b->lat, at)));
  new_place (places, shequ_unit_get_id (u->unit), kind, row->fields[2], at);
  return TRUE;
}

static GPtrArray *
make_places (SmBuild     *b,
             const char  *dir,
             GError     **error)
{
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_place_row_free);
  g_autoptr(ShequSampleTable) table = open_table (dir, "places.csv",
                                                 "kind,unit_code,name,lon,lat", error);
  const ShequCsvRow *row = NULL;
  SmCellIndex ix = { 0 };
  gboolean ok = TRUE;

  if (table == NULL)
    return NULL;
  b->used = g_new0 (guint8, sm_lattice_n_cells (&b->lat));
  index_cells (b, &ix);
  add_service_bodies (b, &ix, places);
  while (ok && shequ_sample_table_next (table, &row, error))
    ok = add_listed_place (b, &ix, row, shequ_sample_table_get_path (table), places, error);
  ok = ok && row == NULL;
  clear_cell_index (b, &ix);
  return ok ? g_steal_pointer (&places) : NULL;
}

/* ------------------------------------------------------------------------------------ */

static void
clear_build (SmBuild *b)
{
  if (b->shapes != NULL)
    for (guint u = 0; u < b->units->len; u++)
      g_clear_pointer (&b->shapes[u], shequ_geo_shape_unref);
  g_free (b->shapes);
  if (b->owner != NULL)
    for (guint d = 0; d < b->n_depths; d++)
      g_free (b->owner[d]);
  g_free (b->owner);
  g_free (b->leaf);
  g_free (b->used);
  g_free (b->presplit);
  sm_lattice_clear (&b->lat);
  g_clear_pointer (&b->by_code, g_hash_table_unref);
  g_clear_pointer (&b->index_of, g_hash_table_unref);
  g_clear_pointer (&b->units, g_ptr_array_unref);
}

ShequSampleMap *
shequ_sample_map_generate (ShequOrgStore  *store,
                           const char     *dir,
                           GError        **error)
{
  SmBuild b = { 0 };
  g_autoptr(ShequGeoShape) county = NULL;
  g_autoptr(GPtrArray) places = NULL;
  ShequSampleMap *map = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  collect_units (&b, store);
  if (b.units->len == 0 || unit_at (&b, 0)->depth != 0)
    g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                 _("The database holds no street to draw a sample map of."));
  else if (read_layout (&b, dir, error) &&
           (county = read_county (dir, error)) != NULL &&
           build_cells (&b, county, error))
    {
      b.shapes = g_new0 (ShequGeoShape *, b.units->len);
      sm_trace_units (&b.lat, b.leaf, b.owner, b.n_depths, b.units->len, b.shapes);
      places = make_places (&b, dir, error);
    }
  if (places != NULL)
    {
      map = g_new0 (ShequSampleMap, 1);
      map->boundaries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) shequ_geo_shape_unref);
      for (guint u = 0; u < b.units->len; u++)
        {
          gint64 *id = g_new (gint64, 1);

          *id = shequ_unit_get_id (unit_at (&b, u)->unit);
          g_hash_table_insert (map->boundaries, id, g_steal_pointer (&b.shapes[u]));
        }
      map->places = g_steal_pointer (&places);
    }
  clear_build (&b);
  return map;
}

void
shequ_sample_map_free (ShequSampleMap *map)
{
  if (map == NULL)
    return;
  g_clear_pointer (&map->boundaries, g_hash_table_unref);
  g_clear_pointer (&map->places, g_ptr_array_unref);
  g_free (map);
}
