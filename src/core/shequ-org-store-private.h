/* shequ-org-store-private.h — the store's fields, shared by the files it is split over */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The store, by concern:
 *   shequ-org-store.c           the GObject: properties, the "applied" signal, hooks, lookups
 *   shequ-org-store-sql.c       every statement the store runs: load, refresh, writing rows
 *   shequ-org-store-load.c      the objects built from what was read; other programs' rows
 *   shequ-org-store-validate.c  a change checked against the whole tree
 *   shequ-org-store-apply.c     a change applied: before-images, the write transaction with
 *                               its hooks, the objects in named steps, undo and redo
 *   shequ-org-store-rebase.c    another program committed meanwhile: conflicts, fresh ids
 *   shequ-org-store-rollup.c    roll-ups of figures and roles, compliance, statistics
 *   shequ-org-store-edits.c     the edits, each one change
 *   shequ-org-search.c          search keys and each unit's search state
 * A change reaches the objects only through update_objects() in -apply.c, after its
 * transaction committed (or, for another program's rows, once they are read). */

#include "shequ-org-private.h"
#include "shequ-database-private.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

typedef struct {
  ShequOrgChange *undo;   /* brings the rows back as they were */
  ShequOrgChange *redo;   /* the change itself */
} UndoEntry;

typedef struct {
  guint              id;
  ShequOrgStoreHook  func;
  gpointer           data;
  GDestroyNotify     destroy;
} ShequOrgStoreHookEntry;

/* The search state of every unit, kept by the store (shequ-org-search.c): one slot
 * per unit, built when the units changed, so that a keystroke only writes bytes. */
typedef struct {
  GPtrArray  *units;     /* ShequUnit* by slot, unowned */
  GHashTable *slots;     /* ShequUnit* → its slot + 1 */
  GArray     *parents;   /* guint by slot: the parent's slot + 1, 0 at the top */
  GByteArray *states;    /* ShequSearchState by slot */
} SearchSlots;

struct _ShequOrgStore
{
  GObject         parent_instance;

  ShequDatabase  *db;

  GHashTable     *units;          /* &unit->id → ShequUnit (owned) */
  GHashTable     *codes;          /* unit->code → ShequUnit */
  GPtrArray      *roots;          /* unowned, ordered by code */
  GListStore     *roots_model;
  GPtrArray      *units_cache;    /* get_units(); NULL when stale */

  GHashTable     *persons;        /* &person->id → ShequPerson (owned) */
  GHashTable     *person_codes;
  GPtrArray      *people;         /* unowned, ordered by code */
  GListStore     *people_model;
  GHashTable     *posts;          /* &post->id → ShequPost (owned) */

  GPtrArray      *violations;     /* unowned, ordered by code */
  GListStore     *violations_model;

  gint64          max_unit_id;
  gint64          max_person_id;
  gint64          max_post_id;
  GHashTable     *boundaries;     /* gint64* unit id → ShequGeoShape (owned refs) */
  GHashTable     *places;         /* gint64* id → ShequPlaceRow* (owned) */
  GPtrArray      *places_cache;   /* get_places(), by id; NULL when stale */
  gint64          max_place_id;
  gint64          data_version;   /* PRAGMA data_version when the objects last matched */
  GHashTable     *remapped_units; /* old id → new id, of the last applied change */
  GHashTable     *remapped_posts;

  GQueue          undo_stack;     /* UndoEntry*, newest at head */
  GQueue          redo_stack;

  GArray         *hooks;          /* ShequOrgStoreHookEntry, in the order added */
  guint           last_hook_id;
  gboolean        running_hooks;

  char           *search_text;    /* casefolded, NULL when not searching */
  SearchSlots    *search_slots;   /* NULL until a search, and after the units changed */
};

/* Every row of the database, read inside one transaction. */
typedef struct {
  GHashTable *units;     /* gint64* id → ShequUnitRow* */
  GHashTable *persons;   /* gint64* id → ShequPersonRow* */
  GHashTable *posts;     /* gint64* id → ShequPostRow* */
  GHashTable *boundaries;  /* gint64* unit id → ShequGeoShape* */
  GHashTable *places;      /* gint64* id → ShequPlaceRow* */
} Snapshot;

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_N_UNITS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  APPLIED,
  N_SIGNALS
};

extern GParamSpec *_shequ_org_store_properties[N_PROPS];
extern guint _shequ_org_store_signals[N_SIGNALS];

/* Each unit as read, with its parent's id: an array, not a hash table keyed by unit;
 * 100,000 units are inserted once and read once, in order. */
typedef struct {
  ShequUnit *unit;
  gint64     parent_id;
} UnitParent;

/* shequ-org-store.c */
void            _shequ_org_store_undo_entry_free     (UndoEntry             *entry);
void            _shequ_org_store_clear_stack         (GQueue                *stack);

/* shequ-org-store-load.c */
int             _shequ_org_store_compare_person_code (gconstpointer          a,
                                                      gconstpointer          b);
gboolean        _shequ_org_store_unit_row_equal      (const ShequUnitRow    *a,
                                                      const ShequUnitRow    *b);
gboolean        _shequ_org_store_person_row_equal    (const ShequPersonRow  *a,
                                                      const ShequPersonRow  *b);
gboolean        _shequ_org_store_post_row_equal      (const ShequPostRow    *a,
                                                      const ShequPostRow    *b);
gint64         *_shequ_org_store_id_key              (gint64                 id);
void            _shequ_org_store_sort_by_depth       (GPtrArray             *rows,
                                                      GHashTable            *depths);
ShequOrgChange *_shequ_org_store_make_refresh_diff   (ShequOrgStore         *self,
                                                      Snapshot              *snap,
                                                      GError               **error);

void            _shequ_org_store_snapshot_clear      (Snapshot              *snap);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, _shequ_org_store_snapshot_clear)

/* shequ-org-store-sql.c: the only store file with SQL */
gboolean        _shequ_org_store_load_all            (ShequOrgStore         *self,
                                                      GArray                *parents,
                                                      GError               **error);
gboolean        _shequ_org_store_read_data_version   (ShequOrgStore         *self,
                                                      gint64                *version,
                                                      GError               **error);
gboolean        _shequ_org_store_load_snapshot       (ShequOrgStore         *self,
                                                      Snapshot              *snap,
                                                      GError               **error);
gboolean        _shequ_org_store_read_changes        (ShequOrgStore         *self,
                                                      gint64                *version,
                                                      Snapshot              *snap,
                                                      GError               **error);
gboolean        _shequ_org_store_write_change        (ShequOrgStore         *self,
                                                      ShequOrgChange        *change,
                                                      GError               **error);
/* For hooks in the core (the audit log, the sync outbox) and tests: runs SQL in the
 * write transaction of the change being applied, so it commits or rolls back with it.
 * Only while hooks run. Statements with bindings: shequ_database_prepare() on the
 * store's database, which is in the same transaction. */
gboolean        _shequ_org_store_step_done           (ShequOrgStore         *self,
                                                      sqlite3_stmt          *stmt,
                                                      GError               **error);
gboolean        _shequ_org_store_hook_exec           (ShequOrgStore         *self,
                                                      const char            *sql,
                                                      GError               **error);

/* shequ-org-store-geo.c: boundaries and places */
void            _shequ_org_store_geo_init            (ShequOrgStore         *self);
void            _shequ_org_store_geo_finalize        (ShequOrgStore         *self);
/* Reads every boundary and place into the store (at open) or into SNAP (SNAP non-NULL). */
gboolean        _shequ_org_store_load_geo            (ShequOrgStore         *self,
                                                      Snapshot              *snap,
                                                      GError               **error);
gboolean        _shequ_org_store_write_geo           (ShequOrgStore         *self,
                                                      ShequOrgChange        *change,
                                                      GError               **error);
gboolean        _shequ_org_store_validate_geo        (ShequOrgStore         *self,
                                                      ShequOrgChange        *change,
                                                      GError               **error);
/* Adds to CHANGE the deletes of the boundaries and places of the units it deletes (the
 * database cascades them), so that hooks, "applied" and the undo see them. */
void            _shequ_org_store_add_geo_cascades    (ShequOrgStore         *self,
                                                      ShequOrgChange        *change);
/* The before-images of CHANGE's boundaries and places, into INVERSE. */
void            _shequ_org_store_geo_inverse         (ShequOrgStore         *self,
                                                      ShequOrgChange        *change,
                                                      ShequOrgChange        *inverse);
/* Whether the objects hold EXPECTED's boundaries and places (see
 * _shequ_org_store_check_expected_images()). */
gboolean        _shequ_org_store_check_expected_geo  (ShequOrgStore         *self,
                                                      ShequOrgChange        *expected,
                                                      GError               **error);
void            _shequ_org_store_update_geo_objects  (ShequOrgStore         *self,
                                                      ShequOrgChange        *change);
void            _shequ_org_store_diff_geo            (ShequOrgStore         *self,
                                                      Snapshot              *snap,
                                                      ShequOrgChange        *diff);
/* After _shequ_org_store_remap_new_ids(): boundaries and places follow UNITS (old → new). */
void            _shequ_org_store_remap_geo           (ShequOrgStore         *self,
                                                      ShequOrgChange        *change,
                                                      ShequOrgChange        *before,
                                                      GHashTable            *units);
gboolean        _shequ_geo_shape_equal               (ShequGeoShape         *a,
                                                      ShequGeoShape         *b);

/* shequ-org-store-rollup.c */
void            _shequ_org_store_compute_rollup      (ShequUnit             *unit,
                                                      gboolean               notify);

/* shequ-org-store-validate.c */
gboolean        _shequ_org_store_validate_change     (ShequOrgStore         *self,
                                                      ShequOrgChange        *change,
                                                      GError               **error);

/* shequ-org-store-rebase.c */
void            _shequ_org_store_set_conflict_error  (GError               **error,
                                                      const char            *name);
gboolean        _shequ_org_store_check_before_images (ShequOrgStore         *self,
                                                      ShequOrgChange        *change,
                                                      ShequOrgChange        *before,
                                                      Snapshot              *snap,
                                                      GError               **error);
gboolean        _shequ_org_store_check_expected_images (ShequOrgStore       *self,
                                                      ShequOrgChange        *expected,
                                                      GError               **error);
void            _shequ_org_store_remap_new_ids       (ShequOrgStore         *self,
                                                      ShequOrgChange        *change,
                                                      ShequOrgChange        *before);
gint64          _shequ_org_store_final_id            (GHashTable            *map,
                                                      gint64                 id);

/* shequ-org-store-apply.c */
void            _shequ_org_store_refresh_objects     (ShequOrgStore         *self,
                                                      ShequOrgChange        *diff);

/* shequ-org-search.c */
guint           _shequ_org_store_run_search          (ShequOrgStore         *self);
/* The units changed: the slots are built again at the next search. */
void            _shequ_org_store_forget_search_slots (ShequOrgStore         *self);

/* For the tests: whether a search is applied (shequ_org_store_search () with text). */
gboolean        shequ_org_store_is_searching         (ShequOrgStore         *self);

G_END_DECLS
