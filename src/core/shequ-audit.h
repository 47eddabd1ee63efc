/* shequ-audit.h — the append-only audit log, chained by SHA-256 */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-database.h"

G_BEGIN_DECLS

#define SHEQU_AUDIT_ERROR (shequ_audit_error_quark ())

typedef enum {
  SHEQU_AUDIT_ERROR_BROKEN,  /* an entry does not match its hash or its predecessor */
} ShequAuditError;

#define SHEQU_AUDIT_HASH_LEN 32

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

/* Appends ENTRY. Inside a write transaction of shequ_database_write() it runs in it (and
 * is undone with it); otherwise in a transaction of its own. */
gboolean    shequ_audit_append       (ShequDatabase          *db,
                                      const ShequAuditEntry  *entry,
                                      GError                **error);
/* TRUE when every entry matches its hash and follows the one before it. FALSE with
 * *FIRST_BROKEN_SEQ (the first entry that does not) and SHEQU_AUDIT_ERROR_BROKEN, or
 * with -1 and a database error. N_ENTRIES: the entries read. */
gboolean    shequ_audit_verify       (ShequDatabase          *db,
                                      guint64                *n_entries,
                                      gint64                 *first_broken_seq,
                                      GError                **error);
/* ShequAuditRecord of TARGET (every target when NULL), newest first, at most LIMIT
 * (0: all). */
GPtrArray  *shequ_audit_list         (ShequDatabase          *db,
                                      const char             *target,
                                      guint                   limit,
                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequAuditRecord, shequ_audit_record_free)

G_END_DECLS
