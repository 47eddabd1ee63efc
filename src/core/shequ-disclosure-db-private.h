/* shequ-disclosure-db-private.h — disclosures, outbox and sync state in SQL, shared by the
 * store (main thread) and sync (its own connection in a thread) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-database-private.h"
#include "shequ-disclosure-store.h"

G_BEGIN_DECLS

/* Schema version 6 (shequ-database.c) adds:
 *   disclosure (id, uuid UNIQUE, unit_id (of unit_code when written, 0: none), unit_code,
 *               kind, period, created_at, updated_at (to the microsecond),
 *               server_revision, sync_message (the refusal's words))
 *   disclosure_version (id, disclosure_id, version, state, title, body, opening_fen,
 *               closing_fen, guide_* (all NULL: no guide), created_by … reason;
 *               UNIQUE (disclosure_id, version))
 *   disclosure_item (version_rowid, seq, direction, category, amount_fen > 0, note)
 *   disclosure_attachment (version_rowid, seq, name, mime, size, sha256)
 *   attachment_blob (sha256 PRIMARY KEY, mime, size, data BLOB)
 *   outbox (id, key UNIQUE, uuid, attempts, next_attempt_at, state ('pending',
 *           'conflict', 'refused'), message, created_at)
 *   sync_conflict (uuid PRIMARY KEY, their_revision, their_document, detected_at)
 *   sync_state (key PRIMARY KEY, value): "server" (the URL the revisions and cursor are
 *           of), "cursor", "units-hash"
 * with triggers that refuse (RAISE ABORT: SQLITE_CONSTRAINT_TRIGGER) any change to the
 * content of a published, corrected or withdrawn version, its deletion and any change
 * to its lines and attachments, and a change of unit, kind or period (or the deletion)
 * of a disclosure that has one; its state may still move published → corrected /
 * withdrawn, and ended_by/at and reason be set then.
 *
 * Every function below runs inside a transaction of shequ_database_write()/_read()
 * on DB, which the caller holds. */

/* The disclosure UUID whole, with its server revision (0: never on the server).
 * *DOC NULL and TRUE when there is none. */
gboolean _shequ_disclosure_db_load       (ShequDatabase          *db,
                                          const char             *uuid,
                                          ShequDisclosure       **doc,
                                          gint64                 *server_revision,
                                          GError                **error);
/* Writes DOC as this PC's copy (insert, or replace every version's rows of an existing
 * one), with SERVER_REVISION; for documents pulled from the server and a conflict
 * resolved for theirs. Versions published here stay as they were (the triggers would
 * refuse a different content: that is a FORMAT error naming the version). Adds no outbox
 * entry. The unit is found by code; a disclosure of a unit not in the tree is kept
 * (unit_id 0 in the rows). */
gboolean _shequ_disclosure_db_store      (ShequDatabase          *db,
                                          const ShequDisclosure  *doc,
                                          gint64                  server_revision,
                                          GError                **error);
gboolean _shequ_disclosure_db_set_revision (ShequDatabase        *db,
                                          const char             *uuid,
                                          gint64                  server_revision,
                                          GError                **error);

/* An outbox entry: what to send is always the disclosure as it is now. */
typedef struct {
  gint64  id;
  char   *key;               /* the Idempotency-Key: a uuid of its own */
  char   *uuid;              /* the disclosure */
  guint   attempts;          /* sends tried (raised before each send) */
  gint64  next_attempt_at;   /* unix seconds; 0: now */
} ShequOutboxEntry;

void     _shequ_outbox_entry_free        (ShequOutboxEntry       *entry);

/* After a write to disclosure UUID: a pending entry of it never tried is enough (it
 * will send the disclosure as it is then); otherwise a new entry with a new key. A
 * refused entry is dropped (the edit is a new try). */
gboolean _shequ_outbox_enqueue           (ShequDatabase          *db,
                                          const char             *uuid,
                                          GError                **error);
/* Pending entries, oldest first, at most LIMIT (0: all), whose next attempt is due at
 * NOW (unix seconds; G_MAXINT64: all). Entries of a disclosure in conflict are held. */
GPtrArray *_shequ_outbox_list_pending    (ShequDatabase          *db,
                                          gint64                  now,
                                          guint                   limit,
                                          GError                **error);
gboolean _shequ_outbox_mark_attempt      (ShequDatabase          *db,
                                          gint64                  entry_id,
                                          gint64                  next_attempt_at,
                                          GError                **error);
gboolean _shequ_outbox_done              (ShequDatabase          *db,
                                          gint64                  entry_id,
                                          GError                **error);
gboolean _shequ_outbox_refuse            (ShequDatabase          *db,
                                          gint64                  entry_id,
                                          const char             *message,
                                          GError                **error);
/* The server has another revision: keeps THEIRS (its document as JSON) beside this
 * PC's and holds the disclosure's entries. */
gboolean _shequ_sync_conflict_record     (ShequDatabase          *db,
                                          const char             *uuid,
                                          gint64                  their_revision,
                                          const char             *their_document,
                                          GError                **error);
/* Whether UUID has an entry not yet done (pending, conflict or refused). */
gboolean _shequ_outbox_has_unsent        (ShequDatabase          *db,
                                          const char             *uuid,
                                          gboolean               *unsent,
                                          GError                **error);

/* sync_state: NULL *VALUE when unset. */
gboolean _shequ_sync_state_get           (ShequDatabase          *db,
                                          const char             *key,
                                          char                  **value,
                                          GError                **error);
gboolean _shequ_sync_state_set           (ShequDatabase          *db,
                                          const char             *key,
                                          const char             *value,
                                          GError                **error);
/* A sync with another server than the one in sync_state: forget the cursor, every
 * server revision and every conflict, and queue every disclosure again. */
gboolean _shequ_sync_state_reset_server  (ShequDatabase          *db,
                                          const char             *server,
                                          GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequOutboxEntry, _shequ_outbox_entry_free)

/* Helpers of the SQL layer (shequ-disclosure-db.c), for the store's files too. */
/* A statement of SQL (a string literal: its address is the key) prepared once per
 * connection, handed out reset; hold it in a g_autoptr(ShequCachedStmt), which resets
 * it again (never finalize it). */
typedef sqlite3_stmt ShequCachedStmt;
sqlite3_stmt *_shequ_disclosure_db_prepare    (ShequDatabase                *db,
                                               const char                   *sql,
                                               GError                      **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequCachedStmt, sqlite3_reset)
char       *_shequ_disclosure_now             (void);   /* ISO 8601 UTC, to the second */
gboolean    _shequ_disclosure_state_is_frozen (ShequDisclosureState          state);
/* One step: FALSE with the database's error unless a row or the end came. */
gboolean    _shequ_disclosure_db_step         (ShequDatabase                *db,
                                               sqlite3_stmt                 *stmt,
                                               GError                      **error);
char       *_shequ_disclosure_column_dup      (sqlite3_stmt                 *stmt,
                                               int                           column);
/* Whether A and B have the same finance lines and attachments. */
gboolean    _shequ_disclosure_lines_equal     (const ShequDisclosureVersion *a,
                                               const ShequDisclosureVersion *b);
/* The newest non-empty title, else the uuid: how messages name a disclosure. */
const char *_shequ_disclosure_get_title       (const ShequDisclosure        *doc);

G_END_DECLS
