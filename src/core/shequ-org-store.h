/* shequ-org-store.h — the organisation in memory, kept in step with the database */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-database.h"
#include "shequ-org-change.h"
#include "shequ-org-search.h"
#include "shequ-org-types.h"
#include "shequ-person.h"
#include "shequ-unit.h"

G_BEGIN_DECLS

#define SHEQU_ORG_ERROR (shequ_org_error_quark ())

typedef enum {
  SHEQU_ORG_ERROR_INVALID,         /* empty name, bad value */
  SHEQU_ORG_ERROR_NEGATIVE,        /* negative population or households */
  SHEQU_ORG_ERROR_NOT_LEAF,        /* figures entered on a unit with children */
  SHEQU_ORG_ERROR_TIER,            /* a parent of this tier cannot hold that child */
  SHEQU_ORG_ERROR_CYCLE,           /* under itself or one of its descendants */
  SHEQU_ORG_ERROR_DUPLICATE_CODE,
  SHEQU_ORG_ERROR_NOT_FOUND,
  SHEQU_ORG_ERROR_HAS_CHILDREN,    /* deleting a parent but not its children */
  SHEQU_ORG_ERROR_NOTHING_TO_UNDO,
  SHEQU_ORG_ERROR_CONFLICT,        /* another program changed what the change was built on */
} ShequOrgError;

GQuark shequ_org_error_quark (void);

#define SHEQU_TYPE_ORG_STORE (shequ_org_store_get_type ())
G_DECLARE_FINAL_TYPE (ShequOrgStore, shequ_org_store, SHEQU, ORG_STORE, GObject)

/* Properties: "database", "n-units", "can-undo", "can-redo", "undo-label", "redo-label".
 * Signals:    "applied" (ShequOrgChange *change): after every change the objects took
 *             in, committed: edits, imports, undo and redo (their origin says which),
 *             and another program's rows read back (origin REFRESH, label ""). */

/* A hook on the change path (the audit log, the sync outbox). It runs inside the
 * write transaction, after CHANGE's rows are written and before it commits, for every
 * change applied: edits, imports, the sample, undo and redo (not for rows read back
 * from other programs). BEFORE holds the before-images: for each row CHANGE puts or
 * deletes, its image as it was (shequ_org_change_lookup_unit() and friends), or a
 * delete of it when CHANGE adds it. Both are read-only. The hook may write its own
 * tables through the store's database (core code: _shequ_org_store_hook_exec() or
 * shequ_database_prepare()): they commit with the change. Returning FALSE with ERROR
 * set rolls everything back: nothing on disk, the objects and the undo stack as they
 * were, and shequ_org_store_apply() (or _undo/_redo) fails with that error. A hook
 * must not apply, undo, redo or refresh, nor add or remove hooks. */
typedef gboolean (*ShequOrgStoreHook) (ShequOrgStore   *store,
                                       ShequOrgChange  *change,
                                       ShequOrgChange  *before,
                                       gpointer         data,
                                       GError         **error);

ShequOrgStore *shequ_org_store_new               (ShequDatabase   *db,
                                                  GError         **error);
ShequDatabase *shequ_org_store_get_database      (ShequOrgStore   *self);

/* Hooks run in the order added. Returns an id > 0 for shequ_org_store_remove_hook();
 * DESTROY (nullable) frees DATA when the hook is removed or the store finalized. */
guint          shequ_org_store_add_hook          (ShequOrgStore     *self,
                                                  ShequOrgStoreHook  hook,
                                                  gpointer           data,
                                                  GDestroyNotify     destroy);
void           shequ_org_store_remove_hook       (ShequOrgStore     *self,
                                                  guint              id);

/* Top-level units (normally the one street), a GListModel of ShequUnit. */
GListModel    *shequ_org_store_get_roots         (ShequOrgStore   *self);
ShequUnit     *shequ_org_store_get_street        (ShequOrgStore   *self);
guint          shequ_org_store_get_n_units       (ShequOrgStore   *self);
/* Every unit, in no particular order (borrowed; do not keep across changes). */
GPtrArray     *shequ_org_store_get_units         (ShequOrgStore   *self);
ShequUnit     *shequ_org_store_lookup_unit       (ShequOrgStore   *self,
                                                  gint64           id);
ShequUnit     *shequ_org_store_lookup_code       (ShequOrgStore   *self,
                                                  const char      *code);
/* Villages and communities that break a rule, ordered by code, kept current. */
GListModel    *shequ_org_store_get_violations    (ShequOrgStore   *self);

/* People (ShequPerson), ordered by code. */
GListModel    *shequ_org_store_get_people        (ShequOrgStore   *self);
ShequPerson   *shequ_org_store_lookup_person     (ShequOrgStore   *self,
                                                  gint64           id);
ShequPerson   *shequ_org_store_lookup_person_code (ShequOrgStore  *self,
                                                  const char      *code);
ShequPost     *shequ_org_store_lookup_post       (ShequOrgStore   *self,
                                                  gint64           id);
/* Posts held at UNIT itself (ShequPost), kept current. */
GListModel    *shequ_org_store_get_unit_posts    (ShequOrgStore   *self,
                                                  ShequUnit       *unit);

/* Fresh ids and codes for rows a caller builds into a change. */
gint64         shequ_org_store_allocate_unit_id   (ShequOrgStore  *self);
gint64         shequ_org_store_allocate_person_id (ShequOrgStore  *self);
gint64         shequ_org_store_allocate_post_id   (ShequOrgStore  *self);
char          *shequ_org_store_make_person_code  (ShequOrgStore   *self);

/* Reads what other programs committed since the store last read the database and
 * brings the objects in line (the same objects for unchanged rows), emitting
 * "applied" with a change of origin SHEQU_ORG_ORIGIN_REFRESH that holds the rows read. One PRAGMA data_version when nothing changed.
 * CHANGED (nullable) says whether anything did. */
gboolean       shequ_org_store_refresh           (ShequOrgStore   *self,
                                                  gboolean        *changed,
                                                  GError         **error);

/* Validates CHANGE against the whole tree (tiers, cycles, codes, figures), takes its
 * before-images, writes it and runs the hooks in one transaction, updates the objects
 * and roll-ups, pushes it on the undo stack and emits "applied". On error nothing
 * changes on disk. Takes ownership of the caller's reference.
 *
 * When another program committed since the store last read the database, the store
 * refreshes inside the write transaction and rebases CHANGE: a row it updates or
 * deletes that the other program changed refuses it with SHEQU_ORG_ERROR_CONFLICT
 * (the objects then show the current data); a new row whose id was taken meanwhile
 * gets a fresh id, and every reference to it follows. */
gboolean       shequ_org_store_apply             (ShequOrgStore   *self,
                                                  ShequOrgChange  *change,
                                                  GError         **error);

/* Edits, each one change. */
ShequUnit     *shequ_org_store_add_unit          (ShequOrgStore   *self,
                                                  ShequUnit       *parent,
                                                  const char      *name,
                                                  gboolean         move_figures,
                                                  GError         **error);
/* Same with an explicit tier (an area holds communities and villages). */
ShequUnit     *shequ_org_store_add_unit_full     (ShequOrgStore   *self,
                                                  ShequUnit       *parent,
                                                  ShequTier        tier,
                                                  const char      *name,
                                                  gboolean         move_figures,
                                                  GError         **error);
/* TRUE when PARENT has own figures and no children yet: ask whether to move them. */
gboolean       shequ_org_store_should_ask_move_figures (ShequOrgStore *self,
                                                  ShequUnit       *parent);
gboolean       shequ_org_store_rename_unit       (ShequOrgStore   *self,
                                                  ShequUnit       *unit,
                                                  const char      *name,
                                                  GError         **error);
/* Sets code, name, party body, service body and note; NULL leaves a field as is. */
gboolean       shequ_org_store_update_unit       (ShequOrgStore   *self,
                                                  ShequUnit       *unit,
                                                  const char      *code,
                                                  const char      *name,
                                                  const char      *party_body,
                                                  const char      *service_body,
                                                  const char      *note,
                                                  GError         **error);
gboolean       shequ_org_store_set_figures       (ShequOrgStore   *self,
                                                  ShequUnit       *unit,
                                                  gint64           population,
                                                  gint64           households,
                                                  GError         **error);
gboolean       shequ_org_store_move_unit         (ShequOrgStore   *self,
                                                  ShequUnit       *unit,
                                                  ShequUnit       *new_parent,
                                                  GError         **error);
/* Whether UNIT may go under NEW_PARENT; the reason in ERROR if not. */
gboolean       shequ_org_store_can_move_unit     (ShequOrgStore   *self,
                                                  ShequUnit       *unit,
                                                  ShequUnit       *new_parent,
                                                  GError         **error);
/* Deletes UNIT, its subtree and the posts in it (people stay). */
gboolean       shequ_org_store_delete_unit       (ShequOrgStore   *self,
                                                  ShequUnit       *unit,
                                                  GError         **error);
/* A new person with one post at UNIT. */
ShequPost     *shequ_org_store_add_person_post   (ShequOrgStore   *self,
                                                  ShequUnit       *unit,
                                                  const char      *name,
                                                  const char      *phone,
                                                  ShequRole        role,
                                                  const char      *title,
                                                  GError         **error);
/* Another post for an existing person. */
ShequPost     *shequ_org_store_add_post          (ShequOrgStore   *self,
                                                  ShequPerson     *person,
                                                  ShequUnit       *unit,
                                                  ShequRole        role,
                                                  const char      *title,
                                                  GError         **error);
/* Changes the person's name and phone and the post's role and title. */
gboolean       shequ_org_store_update_post       (ShequOrgStore   *self,
                                                  ShequPost       *post,
                                                  const char      *name,
                                                  const char      *phone,
                                                  ShequRole        role,
                                                  const char      *title,
                                                  GError         **error);
/* Removes the post; the person goes too when it was their last post. */
gboolean       shequ_org_store_remove_post       (ShequOrgStore   *self,
                                                  ShequPost       *post,
                                                  GError         **error);

gboolean       shequ_org_store_get_can_undo      (ShequOrgStore   *self);
gboolean       shequ_org_store_get_can_redo      (ShequOrgStore   *self);
const char    *shequ_org_store_get_undo_label    (ShequOrgStore   *self);
const char    *shequ_org_store_get_redo_label    (ShequOrgStore   *self);
gboolean       shequ_org_store_undo              (ShequOrgStore   *self,
                                                  GError         **error);
gboolean       shequ_org_store_redo              (ShequOrgStore   *self,
                                                  GError         **error);

/* Search by unit name, code and the names of people posted there; the store keeps
 * each unit's search state, and runs the search again after every change. "" or NULL
 * ends the search (every unit SHEQU_SEARCH_NONE). Returns the number of matching
 * units. */
guint          shequ_org_store_search            (ShequOrgStore   *self,
                                                  const char      *text);
ShequSearchState shequ_org_store_get_search_state (ShequOrgStore  *self,
                                                  ShequUnit       *unit);

typedef struct {
  guint  areas;
  guint  communities;
  guint  villages;
  guint  grids;
  gint64 population;
  gint64 households;
  guint  people;
  guint  violations;
  guint  role_counts[SHEQU_N_ROLES];
} ShequOrgStats;

void           shequ_org_store_get_stats         (ShequOrgStore   *self,
                                                  ShequOrgStats   *stats);

/* Boundaries and places (shequ-org-store-geo.c). Both live in the database beside the
 * units and change through shequ_org_store_apply() like everything else: deleting a unit
 * deletes them, and undoing the delete brings them back. */
/* The unit's boundary in GCJ-02 lon/lat, or NULL (transfer none). */
ShequGeoShape *shequ_org_store_get_boundary      (ShequOrgStore   *self,
                                                  gint64           unit_id);
guint          shequ_org_store_get_n_boundaries  (ShequOrgStore   *self);
/* Every place (const ShequPlaceRow *, owned by the store), by id. */
GPtrArray     *shequ_org_store_get_places        (ShequOrgStore   *self);
gint64         shequ_org_store_allocate_place_id (ShequOrgStore   *self);

G_END_DECLS
