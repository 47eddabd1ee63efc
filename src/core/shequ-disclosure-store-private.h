/* shequ-disclosure-store-private.h — the disclosure store's fields, shared by its files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The store, by concern:
 *   shequ-disclosure-store.c           the GObject, rows in memory, list and lookups,
 *                                      refresh, the write path
 *   shequ-disclosure-store-workflow.c  create, save, submit, return, approve, publish,
 *                                      correct, withdraw
 *   shequ-disclosure-store-files.c     attachments, the overdue view, conflicts, counts
 * Every write runs one shequ_database_write(): it reads the disclosure from the
 * database (not memory), checks the step, writes it with its audit entry and outbox
 * entry, and reads its row back; memory takes the row only after the commit. When
 * another connection committed since the store last read, the write reads every row
 * back instead. */

#include "shequ-audit.h"
#include "shequ-disclosure-db-private.h"
#include "shequ-disclosure-store.h"

G_BEGIN_DECLS

struct _ShequDisclosureStore
{
  GObject         parent_instance;

  ShequOrgStore  *org;
  ShequDatabase  *db;
  char           *actor;
  gulong          applied_id;

  GPtrArray      *rows;           /* ShequDisclosureRow* (owned), newest change first */
  GHashTable     *by_id;          /* gint64* (the row's id) → ShequDisclosureRow* */
  GHashTable     *by_uuid;        /* row->uuid → ShequDisclosureRow* */
  guint           n_pending;      /* outbox entries waiting */

  gint64          data_version;   /* PRAGMA data_version when memory last matched */
  gint64          total_changes;  /* this connection's changes then */
};

/* The start of every write's data: the disclosure written (0 when the write makes
 * one: it sets ID then). */
typedef struct {
  ShequDisclosureStore *self;
  const char           *actor;   /* never NULL: the store's when the caller gave none */
  gint64                id;
  const char           *title;   /* how a database error names a new one (else the row's) */
} DisclosureWrite;

/* What a write reads back in its transaction, for memory after the commit. */
typedef struct {
  GPtrArray *rows;        /* every row, or the written one (may be empty: deleted) */
  gboolean   all;
  guint      n_pending;     /* all: every pending entry; else the row's */
  gint64     data_version;
} DisclosureRows;

/* shequ-disclosure-store.c */
void      _shequ_disclosure_row_free     (ShequDisclosureRow    *row);
void      _shequ_disclosure_rows_clear   (DisclosureRows        *rows);
/* Reads the rows (ONLY_ID not 0: that one's) inside the caller's transaction. */
gboolean  _shequ_disclosure_store_read_rows (ShequDisclosureStore *self,
                                          gint64                 only_id,
                                          DisclosureRows        *out,
                                          GError               **error);
/* Runs FUNC (its DATA a struct starting with DisclosureWrite) in one write, then
 * puts what it wrote into memory and emits "changed". */
gboolean  _shequ_disclosure_store_write  (ShequDisclosureStore  *self,
                                          ShequDatabaseFunc      func,
                                          DisclosureWrite       *data,
                                          GError               **error);
const char *_shequ_disclosure_store_actor (ShequDisclosureStore *self,
                                          const char            *actor);
/* Inside a write: the disclosure ID whole, as the database has it now, refused
 * (NOT_FOUND, CONFLICT) when it is gone or in conflict with the server. */
gboolean  _shequ_disclosure_store_begin_edit (ShequDisclosureStore *self,
                                          gint64                 id,
                                          ShequDisclosure      **doc,
                                          gint64                *server_revision,
                                          GError               **error);
/* Inside a write: DOC written, the audit entry appended and the outbox entry queued. */
gboolean  _shequ_disclosure_store_finish_edit (ShequDisclosureStore *self,
                                          const ShequDisclosure *doc,
                                          gint64                 server_revision,
                                          const char            *actor,
                                          const char            *action,
                                          const char            *old_value,
                                          const char            *new_value,
                                          const char            *reason,
                                          GError               **error);
gboolean  _shequ_disclosure_store_log    (ShequDisclosureStore  *self,
                                          const char            *uuid,
                                          const char            *actor,
                                          const char            *action,
                                          const char            *old_value,
                                          const char            *new_value,
                                          const char            *reason,
                                          GError               **error);
gboolean  _shequ_disclosure_set_error    (GError               **error,
                                          ShequDisclosureError   code,
                                          const char            *format,
                                          ...) G_GNUC_PRINTF (3, 4);
gboolean  _shequ_disclosure_not_found    (GError               **error,
                                          gint64                 id);
/* NULL, "" or only white space. */
gboolean  _shequ_disclosure_is_blank     (const char            *text);

G_END_DECLS
