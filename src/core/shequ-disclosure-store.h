/* shequ-disclosure-store.h — disclosures and their workflow, kept in step with the database */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-database.h"
#include "shequ-disclosure-types.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

/* Where a disclosure stands with the central server (from the outbox and the conflicts;
 * shequ-sync.c moves it). */
typedef enum {
  SHEQU_SYNC_STATUS_LOCAL,     /* never sent: its first push is waiting */
  SHEQU_SYNC_STATUS_PENDING,   /* a change since the last push is waiting */
  SHEQU_SYNC_STATUS_SYNCED,    /* the server has what this PC has */
  SHEQU_SYNC_STATUS_CONFLICT,  /* another PC wrote it too: the user chooses */
  SHEQU_SYNC_STATUS_REFUSED,   /* the server refused it (message kept) until edited */
  SHEQU_SYNC_N_STATUSES
} ShequSyncStatus;

const char *shequ_sync_status_to_key    (ShequSyncStatus status);
const char *shequ_sync_status_get_label (ShequSyncStatus status);

/* A disclosure as lists show it (owned by the store; valid until the next "changed"). */
typedef struct {
  gint64                id;
  char                 *uuid;
  gint64                unit_id;     /* 0 when the unit is no longer in the tree */
  char                 *unit_code;
  ShequDisclosureKind   kind;
  char                 *period;
  char                 *title;       /* the newest version's */
  ShequDisclosureState  state;       /* the newest version's */
  guint                 n_versions;
  guint                 published;   /* the published version's number, 0: none */
  char                 *updated_at;  /* ISO 8601 UTC to the microsecond */
  ShequSyncStatus       sync;
  gint64                server_revision;  /* 0: not on the server yet */
  char                 *sync_message;     /* REFUSED: the server's words; else NULL */
} ShequDisclosureRow;

typedef struct {
  gint64                unit_id;   /* 0: every unit */
  gboolean              subtree;   /* with the units under UNIT_ID */
  int                   kind;      /* a ShequDisclosureKind, or -1: every kind */
  int                   state;     /* a ShequDisclosureState of the newest version, or -1 */
  const char           *period;    /* NULL: every period; else within it (any form
                                    * shequ_disclosure_period_parse reads; unreadable:
                                    * nothing matches) */
  const char           *search;    /* NULL or words in the title */
} ShequDisclosureFilter;

#define SHEQU_DISCLOSURE_FILTER_INIT { 0, FALSE, -1, -1, NULL, NULL }

#define SHEQU_TYPE_DISCLOSURE_STORE (shequ_disclosure_store_get_type ())
G_DECLARE_FINAL_TYPE (ShequDisclosureStore, shequ_disclosure_store, SHEQU, DISCLOSURE_STORE, GObject)

/* The disclosures of ORG's database, their rows read at once and kept in memory; a
 * disclosure's versions are read when asked for.
 *
 * Every write is one transaction with its audit entries ("disclosure:UUID": "create",
 * "save", "submit", "return", "approve", "publish", "correct", "withdraw", "attach",
 * "resolve") and an outbox entry (shequ-sync.c pushes it), so the log, the data and what
 * sync will send never disagree. A write that fails changes nothing, on disk or in
 * memory, and says why with a translated SHEQU_DISCLOSURE_ERROR naming the disclosure.
 * A published version is never changed: the store refuses it, and so do triggers in
 * the database (for any other program).
 *
 * Adding an attachment's bytes logs "attach" on "attachment:SHA256" (and no outbox
 * entry: the bytes go with the first version that names them).
 *
 * ACTOR names who did it (NULL: the store's "actor", by default the login's real name).
 *
 * Signal "changed" (gint64 id: the disclosure, 0 for many, e.g. after refresh).
 * Property "actor" (string). */
ShequDisclosureStore *shequ_disclosure_store_new     (ShequOrgStore         *org,
                                                      GError               **error);
ShequOrgStore        *shequ_disclosure_store_get_org_store (ShequDisclosureStore *self);
ShequDatabase        *shequ_disclosure_store_get_database  (ShequDisclosureStore *self);
const char           *shequ_disclosure_store_get_actor     (ShequDisclosureStore *self);
void                  shequ_disclosure_store_set_actor     (ShequDisclosureStore *self,
                                                            const char           *actor);

/* ShequDisclosureRow matching FILTER (NULL: all), newest change first; the array is new,
 * the rows the store's. */
GPtrArray            *shequ_disclosure_store_list    (ShequDisclosureStore        *self,
                                                      const ShequDisclosureFilter *filter);
const ShequDisclosureRow *shequ_disclosure_store_lookup      (ShequDisclosureStore *self,
                                                              gint64                id);
const ShequDisclosureRow *shequ_disclosure_store_lookup_uuid (ShequDisclosureStore *self,
                                                              const char           *uuid);
/* The whole disclosure, every version (new; free it). NULL and NOT_FOUND. */
ShequDisclosure      *shequ_disclosure_store_get     (ShequDisclosureStore  *self,
                                                      gint64                 id,
                                                      GError               **error);

/* A new disclosure of UNIT_ID (a unit of the tree), KIND and PERIOD (as typed, any form
 * shequ_disclosure_period_parse reads) whose version 1 is a draft with CONTENT's title,
 * body, balances, lines, guide and attachments (its states and people are ignored).
 * Drafts may be incomplete, but not over the limits. *ID: the new disclosure. */
gboolean shequ_disclosure_store_create      (ShequDisclosureStore         *self,
                                             gint64                        unit_id,
                                             ShequDisclosureKind           kind,
                                             const char                   *period,
                                             const ShequDisclosureVersion *content,
                                             const char                   *actor,
                                             gint64                       *id,
                                             GError                      **error);
/* Replaces the newest version's content; only while it is a draft (IMMUTABLE, STATE). */
gboolean shequ_disclosure_store_save_draft  (ShequDisclosureStore         *self,
                                             gint64                        id,
                                             const ShequDisclosureVersion *content,
                                             const char                   *actor,
                                             GError                      **error);
/* draft → submitted: the version must validate (shequ_disclosure_version_validate:
 * a finance one balanced). */
gboolean shequ_disclosure_store_submit      (ShequDisclosureStore  *self,
                                             gint64                 id,
                                             const char            *actor,
                                             GError               **error);
/* submitted → draft, with REASON (REASON error when empty). */
gboolean shequ_disclosure_store_return      (ShequDisclosureStore  *self,
                                             gint64                 id,
                                             const char            *reason,
                                             const char            *actor,
                                             GError               **error);
/* submitted → approved (who and when kept). */
gboolean shequ_disclosure_store_approve     (ShequDisclosureStore  *self,
                                             gint64                 id,
                                             const char            *actor,
                                             GError               **error);
/* approved → published; an earlier published version becomes corrected. */
gboolean shequ_disclosure_store_publish     (ShequDisclosureStore  *self,
                                             gint64                 id,
                                             const char            *actor,
                                             GError               **error);
/* A published disclosure gets a new draft version, a copy of the published one, to
 * correct. *VERSION: its number. */
gboolean shequ_disclosure_store_correct     (ShequDisclosureStore  *self,
                                             gint64                 id,
                                             const char            *actor,
                                             guint                 *version,
                                             GError               **error);
/* published → withdrawn, with REASON. */
gboolean shequ_disclosure_store_withdraw    (ShequDisclosureStore  *self,
                                             gint64                 id,
                                             const char            *reason,
                                             const char            *actor,
                                             GError               **error);

/* Disclosures made whole elsewhere (a file, the sample, a benchmark) stored as this
 * PC's, in one transaction: each validated (shequ_disclosure_validate), of a unit in
 * the tree, its uuid not yet here; each gets an "import" audit entry and an outbox
 * entry. All or nothing: the first that is refused is named (INVALID, NOT_FOUND …)
 * and nothing is written. */
gboolean shequ_disclosure_store_import      (ShequDisclosureStore  *self,
                                             GPtrArray             *docs,
                                             const char            *actor,
                                             GError               **error);

/* Keeps the bytes of an attachment in the database (once per SHA-256): a PDF, PNG or
 * JPEG (told by its first bytes, not its name), at most SHEQU_ATTACHMENT_SIZE_MAX.
 * NAME is shown (folders are taken off). *REF: the reference for a version's
 * attachments (new). ATTACHMENT error naming the file otherwise. */
gboolean shequ_disclosure_store_add_attachment (ShequDisclosureStore  *self,
                                                const char            *name,
                                                GBytes                *bytes,
                                                ShequAttachmentRef   **ref,
                                                GError               **error);
/* The bytes of an attachment by hash, checked against it; NULL and NOT_FOUND. */
GBytes  *shequ_disclosure_store_get_attachment (ShequDisclosureStore  *self,
                                                const char            *sha256,
                                                GError               **error);

/* The communities and villages (ShequUnit, the org store's) under UNIT_ID (0: all) with
 * no published finance disclosure for PERIOD (or a period within it), in tree order. */
GPtrArray *shequ_disclosure_store_overdue   (ShequDisclosureStore  *self,
                                             gint64                 unit_id,
                                             const char            *period,
                                             GError               **error);

/* A conflict with the server (sync status CONFLICT): this PC's disclosure and the
 * server's, with its revision (new; free them). FALSE and NOT_FOUND when there is none. */
gboolean shequ_disclosure_store_get_conflict (ShequDisclosureStore  *self,
                                              gint64                 id,
                                              ShequDisclosure      **mine,
                                              ShequDisclosure      **theirs,
                                              gint64                *their_revision,
                                              GError               **error);
typedef enum {
  SHEQU_CONFLICT_KEEP_MINE,    /* sent again over the server's revision */
  SHEQU_CONFLICT_TAKE_THEIRS,  /* the server's replaces this PC's; unsent edits dropped */
} ShequConflictChoice;
gboolean shequ_disclosure_store_resolve_conflict (ShequDisclosureStore  *self,
                                                  gint64                 id,
                                                  ShequConflictChoice    choice,
                                                  const char            *actor,
                                                  GError               **error);

/* How many outbox entries wait, and how many disclosures are in conflict or refused. */
void     shequ_disclosure_store_get_sync_counts (ShequDisclosureStore *self,
                                                 guint                *pending,
                                                 guint                *conflicts,
                                                 guint                *refused);

/* Reads what another program (or the sync thread) committed since (PRAGMA
 * data_version), and what was written on the store's own connection past the store
 * (the SQL layer, e.g. a bulk sample), and emits "changed" (0) if anything did. */
gboolean shequ_disclosure_store_refresh     (ShequDisclosureStore  *self,
                                             GError               **error);

G_END_DECLS
