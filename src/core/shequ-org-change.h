/* shequ-org-change.h — a change: the after-images of the rows it touches, in order */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "shequ-geo.h"
#include "shequ-org-types.h"
#include "shequ-place.h"

G_BEGIN_DECLS

/* Who made a change. Hooks and "applied" handlers tell the user's own edits from an
 * import, an undo, or rows another program committed. */
typedef enum {
  SHEQU_ORG_ORIGIN_UI,       /* an edit: the views, the CLI's edit commands */
  SHEQU_ORG_ORIGIN_IMPORT,   /* a units or people file (the sample street's files too) */
  SHEQU_ORG_ORIGIN_UNDO,
  SHEQU_ORG_ORIGIN_REDO,
  SHEQU_ORG_ORIGIN_SAMPLE,   /* a new street, the synthetic benchmark street */
  SHEQU_ORG_ORIGIN_SYNC,     /* rows pulled from the central server */
  SHEQU_ORG_ORIGIN_REFRESH   /* another program's commit, read back by shequ_org_store_refresh() */
} ShequOrgOrigin;

/* A change: the after-images of every row it touches. Everything that writes to the
 * organisation (edits, imports, undo, redo, the sample) is one change applied with
 * shequ_org_store_apply() in one transaction: the single place an audit log or a sync
 * outbox hooks into (shequ_org_store_add_hook()).
 *
 * Rows keep the order they were first put in; put parents before their children, so
 * whoever reads the change (the store writing it, a hook) meets every parent first. A
 * row put twice keeps its first place and its last image; deleting a row drops its
 * put, and putting it again drops the delete. Reference counted; a boxed type, so it
 * can travel in a signal. Not thread-safe: build it, then hand it to the store. */
typedef struct _ShequOrgChange ShequOrgChange;

#define SHEQU_TYPE_ORG_CHANGE (shequ_org_change_get_type ())
GType           shequ_org_change_get_type          (void) G_GNUC_CONST;

ShequOrgChange *shequ_org_change_new               (ShequOrgOrigin   origin,
                                                    const char      *label);
ShequOrgChange *shequ_org_change_ref               (ShequOrgChange  *change);
void            shequ_org_change_unref             (ShequOrgChange  *change);

/* What the change is, for the undo menu and toasts, e.g. "Delete “第一网格”" (may be ""). */
const char     *shequ_org_change_get_label         (ShequOrgChange  *change);
ShequOrgOrigin  shequ_org_change_get_origin        (ShequOrgChange  *change);
gboolean        shequ_org_change_is_empty          (ShequOrgChange  *change);

/* Insert or replace by row->id (takes ownership of ROW). */
void            shequ_org_change_put_unit          (ShequOrgChange  *change,
                                                    ShequUnitRow    *row);
void            shequ_org_change_delete_unit       (ShequOrgChange  *change,
                                                    gint64           unit_id);
void            shequ_org_change_put_person        (ShequOrgChange  *change,
                                                    ShequPersonRow  *row);
void            shequ_org_change_delete_person     (ShequOrgChange  *change,
                                                    gint64           person_id);
void            shequ_org_change_put_post          (ShequOrgChange  *change,
                                                    ShequPostRow    *row);
void            shequ_org_change_delete_post       (ShequOrgChange  *change,
                                                    gint64           post_id);
/* A bulk change (an import and its undo and redo) is written only into a file that
 * passes PRAGMA quick_check; large changes count as bulk anyway. */
void            shequ_org_change_set_bulk          (ShequOrgChange  *change,
                                                    gboolean         bulk);
gboolean        shequ_org_change_get_bulk          (ShequOrgChange  *change);

/* Reading a change, e.g. in a hook: the puts in order (row images owned by the change,
 * valid while it lives and is not changed), the deleted ids in the order they were
 * deleted, and the put of one id (NULL when the change does not put it). With the
 * before-images a hook receives, lookup tells an update (the old image) from an insert
 * (NULL: the before-images delete the new row). */
guint                 shequ_org_change_get_n_unit_puts      (ShequOrgChange *change);
const ShequUnitRow   *shequ_org_change_get_unit_put         (ShequOrgChange *change,
                                                             guint           position);
const ShequUnitRow   *shequ_org_change_lookup_unit          (ShequOrgChange *change,
                                                             gint64          unit_id);
guint                 shequ_org_change_get_n_unit_deletes   (ShequOrgChange *change);
gint64                shequ_org_change_get_unit_delete      (ShequOrgChange *change,
                                                             guint           position);

guint                 shequ_org_change_get_n_person_puts    (ShequOrgChange *change);
const ShequPersonRow *shequ_org_change_get_person_put       (ShequOrgChange *change,
                                                             guint           position);
const ShequPersonRow *shequ_org_change_lookup_person        (ShequOrgChange *change,
                                                             gint64          person_id);
guint                 shequ_org_change_get_n_person_deletes (ShequOrgChange *change);
gint64                shequ_org_change_get_person_delete    (ShequOrgChange *change,
                                                             guint           position);

guint                 shequ_org_change_get_n_post_puts      (ShequOrgChange *change);
const ShequPostRow   *shequ_org_change_get_post_put         (ShequOrgChange *change,
                                                             guint           position);
const ShequPostRow   *shequ_org_change_lookup_post          (ShequOrgChange *change,
                                                             gint64          post_id);
guint                 shequ_org_change_get_n_post_deletes   (ShequOrgChange *change);
gint64                shequ_org_change_get_post_delete      (ShequOrgChange *change,
                                                             guint           position);

/* Boundaries (one per unit, GCJ-02 lon/lat; a reference to SHAPE is taken) and places. */
void                  shequ_org_change_put_boundary         (ShequOrgChange *change,
                                                             gint64          unit_id,
                                                             ShequGeoShape  *shape);
void                  shequ_org_change_delete_boundary      (ShequOrgChange *change,
                                                             gint64          unit_id);
guint                 shequ_org_change_get_n_boundary_puts  (ShequOrgChange *change);
/* The shape put at POSITION; its unit in *UNIT_ID. */
ShequGeoShape        *shequ_org_change_get_boundary_put     (ShequOrgChange *change,
                                                             guint           position,
                                                             gint64         *unit_id);
ShequGeoShape        *shequ_org_change_lookup_boundary      (ShequOrgChange *change,
                                                             gint64          unit_id);
guint                 shequ_org_change_get_n_boundary_deletes (ShequOrgChange *change);
gint64                shequ_org_change_get_boundary_delete  (ShequOrgChange *change,
                                                             guint           position);

void                  shequ_org_change_put_place            (ShequOrgChange *change,
                                                             ShequPlaceRow  *row);
void                  shequ_org_change_delete_place         (ShequOrgChange *change,
                                                             gint64          place_id);
guint                 shequ_org_change_get_n_place_puts     (ShequOrgChange *change);
const ShequPlaceRow  *shequ_org_change_get_place_put        (ShequOrgChange *change,
                                                             guint           position);
const ShequPlaceRow  *shequ_org_change_lookup_place         (ShequOrgChange *change,
                                                             gint64          place_id);
guint                 shequ_org_change_get_n_place_deletes  (ShequOrgChange *change);
gint64                shequ_org_change_get_place_delete     (ShequOrgChange *change,
                                                             guint           position);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequOrgChange, shequ_org_change_unref)

G_END_DECLS
