/* shequ-org-change-private.h — the fields of a change, for the store */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-org-change.h"

G_BEGIN_DECLS

/* Rows by id, in the order each id was first added. A slot dropped since is NULL until
 * the next read by position closes the gaps, so dropping stays cheap. Items are row
 * images (puts, freed with FREE_ITEM), or for deletes the gint64 id key itself. Every
 * row image starts with its gint64 id. */
typedef struct {
  GPtrArray      *items;
  GHashTable     *positions;   /* gint64* id → GUINT_TO_POINTER (position + 1) */
  GDestroyNotify  free_item;   /* NULL for deletes */
  guint           n_dropped;
} ShequOrgRows;

/* A boundary put: the unit's id first, like every row image. */
typedef struct {
  gint64         unit_id;
  ShequGeoShape *shape;   /* owned reference */
} ShequOrgBoundaryPut;

struct _ShequOrgChange
{
  gatomicrefcount  ref_count;
  ShequOrgOrigin   origin;
  char            *label;
  ShequOrgRows     unit_puts;       /* ShequUnitRow* */
  ShequOrgRows     unit_deletes;
  ShequOrgRows     person_puts;     /* ShequPersonRow* */
  ShequOrgRows     person_deletes;
  ShequOrgRows     post_puts;       /* ShequPostRow* */
  ShequOrgRows     post_deletes;
  ShequOrgRows     boundary_puts;     /* ShequOrgBoundaryPut*, by unit id */
  ShequOrgRows     boundary_deletes;  /* unit ids */
  ShequOrgRows     place_puts;        /* ShequPlaceRow* */
  ShequOrgRows     place_deletes;
  gboolean         bulk;
};

guint     _shequ_org_rows_get_n      (ShequOrgRows *rows);
/* The row image (puts) or the gint64* id (deletes) at POSITION. */
gpointer  _shequ_org_rows_get        (ShequOrgRows *rows,
                                      guint         position);
gint64    _shequ_org_rows_get_id     (ShequOrgRows *rows,
                                      guint         position);
gpointer  _shequ_org_rows_lookup     (ShequOrgRows *rows,
                                      gint64        id);
gboolean  _shequ_org_rows_contains   (ShequOrgRows *rows,
                                      gint64        id);
/* Gives the row of OLD_ID the id NEW_ID (not in ROWS), keeping its place. */
void      _shequ_org_rows_rekey      (ShequOrgRows *rows,
                                      gint64        old_id,
                                      gint64        new_id);

/* Rows in the change, all kinds. */
guint     _shequ_org_change_get_size (ShequOrgChange *change);

G_END_DECLS
