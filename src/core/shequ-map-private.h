/* shequ-map-private.h — what the parts of ShequMap (model, index, level of detail) share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-map.h"

G_BEGIN_DECLS

/* One level of detail of an item: SHAPE, no point of the full shape farther than ERROR
 * metres from it. Level 0 is the full shape (error 0). */
typedef struct {
  ShequGeoShape *shape;
  double         error;
} ShequMapLevel;

/* The levels of detail of one item, finest first, errors increasing. */
typedef struct {
  ShequMapLevel *levels;
  guint          n_levels;
} ShequMapDetail;

/* A packed (Sort-Tile-Recursive) R-tree over the items' bounds, stored level by level,
 * leaves first. A leaf (N_CHILDREN 0) holds an item's position in FIRST; a node holds
 * N_CHILDREN consecutive entries from FIRST on. */
#define SHEQU_MAP_INDEX_FANOUT 16

typedef struct {
  ShequGeoBounds bounds;
  guint          first;
  guint          n_children;
} ShequMapIndexEntry;

typedef struct {
  ShequMapIndexEntry *entries;
  guint               n_entries;
  guint               root;      /* G_MAXUINT when there is no item */
} ShequMapIndex;

struct _ShequMap
{
  GObject         parent_instance;

  GArray         *items;    /* ShequMapItem, sorted by depth then unit id once built */
  ShequMapDetail *details;  /* per item, once built */
  GArray         *places;   /* ShequMapPlace */
  GHashTable     *by_unit;  /* unit id → position + 1 */
  ShequMapIndex   index;
  ShequGeoBounds  bounds;   /* of every item, once built */
  guint           max_depth;
  gboolean        built;
};

/* shequ-map-index.c */
void     shequ_map_index_build  (ShequMapIndex        *index,
                                 GArray               *items);
void     shequ_map_index_clear  (ShequMapIndex        *index);
/* Appends to HITS (guint) the position of every item whose bounds meet BOUNDS, in no
 * particular order. */
void     shequ_map_index_search (const ShequMapIndex  *index,
                                 const ShequGeoBounds *bounds,
                                 GArray               *hits);

/* shequ-map-lod.c */
void     shequ_map_detail_build (ShequMapDetail       *detail,
                                 ShequGeoShape        *projected);
void     shequ_map_detail_clear (ShequMapDetail       *detail);
/* The coarsest level whose error is at most TOLERANCE (the full shape at worst). */
ShequGeoShape *shequ_map_detail_pick (const ShequMapDetail *detail,
                                      double                tolerance);
/* A point inside SHAPE far from its edges (a pole of inaccessibility found to about 1 %
 * of the shape's size), using DETAIL's coarse levels to go fast. */
ShequGeoPoint  shequ_map_find_label_point (const ShequMapDetail *detail,
                                           const ShequGeoBounds *bounds);

G_END_DECLS
