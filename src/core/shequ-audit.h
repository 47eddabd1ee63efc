/* shequ-audit.h — the append-only audit log, chained by SHA-256 */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the log detects, and what it does not.
 *
 * Each entry's hash covers the entry and the hash of the one before it, and every append
 * also records, in the same transaction, the log's head: the last entry's seq, its hash
 * and the count of entries (the table audit_head). shequ_audit_verify() recomputes the
 * chain and checks that it ends where the head says. So an entry edited, removed,
 * reordered or added with plain SQL is found, and so is the deletion of the newest
 * entries or of all of them: the head still names them.
 *
 * Whoever can write the file can also recompute every hash after an edit and rewrite the
 * head to match: the chain and the head cannot show that, as nothing inside the file
 * can. Such a rewrite is only caught against a head kept outside the file —
 * shequ_audit_get_head() (shequ-cli audit head) written in a report or a paper register,
 * or sent elsewhere — checked with shequ_audit_verify_anchored() (shequ-cli audit verify
 * --head HEX:SEQ): the entry of that seq must still have that hash. Entries appended
 * after the anchor was taken are only as safe as the file until the next anchor. */

#include "shequ-database.h"

G_BEGIN_DECLS

#define SHEQU_AUDIT_ERROR (shequ_audit_error_quark ())

typedef enum {
  SHEQU_AUDIT_ERROR_BROKEN,  /* an entry does not match its hash, its predecessor, the
                              * log's head or an anchor; or the head is missing */
  SHEQU_AUDIT_ERROR_ANCHOR,  /* the text of an anchor is not HEX[:SEQ] */
} ShequAuditError;

#define SHEQU_AUDIT_HASH_LEN 32
/* The hash in hexadecimal, without its NUL */
#define SHEQU_AUDIT_HASH_HEX_LEN (2 * SHEQU_AUDIT_HASH_LEN)

/* A head kept outside the file: entry SEQ has HASH. SEQ -1: whichever entry has HASH.
 * Seq 0 is the empty log, whose hash is all zeros (what entry 1 follows). */
typedef struct {
  gint64 seq;
  guint8 hash[SHEQU_AUDIT_HASH_LEN];
} ShequAuditAnchor;

/* What happened, as the caller describes it; the time is taken from the clock (UTC).
 * OLD_VALUE, NEW_VALUE and REASON may be NULL. */
typedef struct {
  const char *actor;
  const char *action;
  const char *target;
  const char *old_value;
  const char *new_value;
  const char *reason;
} ShequAuditEntry;

/* One row of the log, owned. */
typedef struct {
  gint64  seq;
  char   *at;         /* ISO 8601 UTC */
  char   *actor;
  char   *action;
  char   *target;
  char   *old_value;  /* nullable */
  char   *new_value;  /* nullable */
  char   *reason;     /* nullable */
  guint8  prev_hash[SHEQU_AUDIT_HASH_LEN];
  guint8  hash[SHEQU_AUDIT_HASH_LEN];
} ShequAuditRecord;

GQuark      shequ_audit_error_quark  (void);
void        shequ_audit_record_free  (ShequAuditRecord       *record);

/* Appends ENTRY and moves the log's head onto it. Inside a write transaction of
 * shequ_database_write() it runs in it (and is undone with it); otherwise in a
 * transaction of its own. The entry follows the later of the last row and the head, so
 * after the newest entries were deleted the gap stays for verify to name; a missing or
 * damaged head is left so (verify names it), and the append still succeeds. */
gboolean    shequ_audit_append       (ShequDatabase          *db,
                                      const ShequAuditEntry  *entry,
                                      GError                **error);
/* TRUE when every entry matches its hash and follows the one before it, and the last
 * one, the count and the log's head agree. FALSE with SHEQU_AUDIT_ERROR_BROKEN and
 * *FIRST_BROKEN_SEQ: the first entry that does not match or follow; when the newest
 * entries are missing, the first missing one (1 when all are); 0 when the head itself
 * is missing or was changed. FALSE with -1 and a database error. N_ENTRIES: the entries
 * read. */
gboolean    shequ_audit_verify       (ShequDatabase          *db,
                                      guint64                *n_entries,
                                      gint64                 *first_broken_seq,
                                      GError                **error);
/* shequ_audit_verify(), and also (ANCHOR not NULL) that the entry ANCHOR names still has
 * its hash: otherwise FALSE, SHEQU_AUDIT_ERROR_BROKEN naming the entry, and
 * *FIRST_BROKEN_SEQ that seq (the log was rewritten at it or before it) — or, when the
 * log no longer reaches it, the first entry missing. */
gboolean    shequ_audit_verify_anchored (ShequDatabase          *db,
                                         const ShequAuditAnchor *anchor,
                                         guint64                *n_entries,
                                         gint64                 *first_broken_seq,
                                         GError                **error);
/* The log's head as recorded with the last append: the last entry's *SEQ (0 for an
 * empty log), its HASH (SHEQU_AUDIT_HASH_LEN bytes; zeros for an empty log) and the
 * *COUNT of entries. Read, not verified. FALSE with SHEQU_AUDIT_ERROR_BROKEN when the
 * head is missing or damaged. */
gboolean    shequ_audit_get_head     (ShequDatabase          *db,
                                      gint64                 *seq,
                                      guint8                 *hash,
                                      guint64                *count,
                                      GError                **error);
/* HASH (SHEQU_AUDIT_HASH_LEN bytes) in lower-case hexadecimal. */
char       *shequ_audit_hash_to_hex  (const guint8           *hash);
/* An anchor as shequ-cli audit head prints it: 64 hexadecimal digits (either case),
 * optionally “:” and the entry's seq; blanks around it are ignored. Bad text: FALSE and
 * a translated SHEQU_AUDIT_ERROR_ANCHOR saying what is wrong; ANCHOR is left alone. */
gboolean    shequ_audit_anchor_parse (const char             *text,
                                      ShequAuditAnchor       *anchor,
                                      GError                **error);
/* ShequAuditRecord of TARGET (every target when NULL), newest first, at most LIMIT
 * (0: all). */
GPtrArray  *shequ_audit_list         (ShequDatabase          *db,
                                      const char             *target,
                                      guint                   limit,
                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequAuditRecord, shequ_audit_record_free)

G_END_DECLS
