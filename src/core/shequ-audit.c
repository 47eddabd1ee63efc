/* shequ-audit.c — the append-only audit log: each entry hashes the one before it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-audit.h"
#include "shequ-database-private.h"

#define AUDIT_COLUMNS "seq, at, actor, action, target, old_value, new_value, reason, " \
                      "prev_hash, hash"

G_DEFINE_QUARK (shequ-audit-error-quark, shequ_audit_error)

void
shequ_audit_record_free (ShequAuditRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->at);
  g_free (record->actor);
  g_free (record->action);
  g_free (record->target);
  g_free (record->old_value);
  g_free (record->new_value);
  g_free (record->reason);
  g_free (record);
}

static void
put_u64 (GByteArray *buf,
         guint64     value)
{
  guint64 be = GUINT64_TO_BE (value);

  g_byte_array_append (buf, (const guint8 *) &be, sizeof be);
}

/* A field as a presence byte (NULL differs from ""), its length and its bytes, so no two
 * different entries encode alike. */
static void
put_text (GByteArray *buf,
          const char *text,
          gsize       len)
{
  guint8 present = text != NULL;

  g_byte_array_append (buf, &present, 1);
  if (text == NULL)
    return;
  put_u64 (buf, len);
  g_byte_array_append (buf, (const guint8 *) text, len);
}

/* HASH = SHA-256 (prev_hash ‖ seq ‖ the fields); TEXTS[i] with LENS[i] are at, actor,
 * action, target, old_value, new_value, reason. */
static void
compute_hash (GChecksum    *checksum,
              GByteArray   *buf,
              const guint8 *prev_hash,
              gint64        seq,
              const char  **texts,
              const gsize  *lens,
              guint8       *hash)
{
  gsize hash_len = SHEQU_AUDIT_HASH_LEN;

  g_checksum_reset (checksum);
  g_byte_array_set_size (buf, 0);
  g_byte_array_append (buf, prev_hash, SHEQU_AUDIT_HASH_LEN);
  put_u64 (buf, (guint64) seq);
  for (guint i = 0; i < 7; i++)
    put_text (buf, texts[i], lens[i]);
  g_checksum_update (checksum, buf->data, buf->len);
  g_checksum_get_digest (checksum, hash, &hash_len);
  g_assert (hash_len == SHEQU_AUDIT_HASH_LEN);
}

static gboolean
append_in_transaction (ShequDatabase  *db,
                       gpointer        data,
                       GError        **error)
{
  const ShequAuditEntry *entry = data;
  g_autoptr(sqlite3_stmt) last = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GByteArray) buf = g_byte_array_sized_new (256);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  guint8 prev_hash[SHEQU_AUDIT_HASH_LEN] = { 0 };
  guint8 hash[SHEQU_AUDIT_HASH_LEN];
  const char *texts[7] = { at, entry->actor, entry->action, entry->target,
                           entry->old_value, entry->new_value, entry->reason };
  gsize lens[7];
  gint64 seq = 1;
  int rc;

  last = shequ_database_prepare (db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                                 error);
  if (last == NULL)
    return FALSE;
  rc = sqlite3_step (last);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (last, 0) + 1;
      if (sqlite3_column_bytes (last, 1) == SHEQU_AUDIT_HASH_LEN)
        memcpy (prev_hash, sqlite3_column_blob (last, 1), SHEQU_AUDIT_HASH_LEN);
      /* else: a damaged last entry; verify names it, and this one follows zeros */
    }
  else if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);

  for (guint i = 0; i < 7; i++)
    lens[i] = texts[i] != NULL ? strlen (texts[i]) : 0;
  compute_hash (checksum, buf, prev_hash, seq, texts, lens, hash);

  insert = shequ_database_prepare (db, "INSERT INTO audit_log (" AUDIT_COLUMNS ") "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, seq);
  for (guint i = 0; i < 7; i++)
    if (texts[i] != NULL)
      sqlite3_bind_text (insert, 2 + i, texts[i], lens[i], SQLITE_STATIC);
    else
      sqlite3_bind_null (insert, 2 + i);
  sqlite3_bind_blob (insert, 9, prev_hash, SHEQU_AUDIT_HASH_LEN, SQLITE_STATIC);
  sqlite3_bind_blob (insert, 10, hash, SHEQU_AUDIT_HASH_LEN, SQLITE_STATIC);
  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  return TRUE;
}

gboolean
shequ_audit_append (ShequDatabase          *db,
                    const ShequAuditEntry  *entry,
                    GError                **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (entry->actor != NULL && entry->action != NULL &&
                        entry->target != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (shequ_database_in_transaction (db))
    return append_in_transaction (db, (gpointer) entry, error);
  return shequ_database_write (db, append_in_transaction, (gpointer) entry, error);
}

typedef struct {
  guint64 n_entries;
  gint64  first_broken_seq;
} VerifyState;

/* One statement over the whole log, hashing as it goes: nothing held but the last hash. */
static gboolean
verify_in_transaction (ShequDatabase  *db,
                       gpointer        data,
                       GError        **error)
{
  VerifyState *state = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GByteArray) buf = g_byte_array_sized_new (256);
  guint8 prev_hash[SHEQU_AUDIT_HASH_LEN] = { 0 };
  guint8 hash[SHEQU_AUDIT_HASH_LEN];
  gint64 expected_seq = 1;
  int rc;

  stmt = shequ_database_prepare (db, "SELECT " AUDIT_COLUMNS " FROM audit_log ORDER BY seq",
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *texts[7];
      gsize lens[7];
      gboolean intact;

      for (guint i = 0; i < 7; i++)
        {
          texts[i] = (const char *) sqlite3_column_text (stmt, 1 + i);
          lens[i] = sqlite3_column_bytes (stmt, 1 + i);
        }
      intact = seq == expected_seq &&
               sqlite3_column_bytes (stmt, 8) == SHEQU_AUDIT_HASH_LEN &&
               memcmp (sqlite3_column_blob (stmt, 8), prev_hash, SHEQU_AUDIT_HASH_LEN) == 0 &&
               sqlite3_column_bytes (stmt, 9) == SHEQU_AUDIT_HASH_LEN;
      if (intact)
        {
          compute_hash (checksum, buf, prev_hash, seq, texts, lens, hash);
          intact = memcmp (sqlite3_column_blob (stmt, 9), hash, SHEQU_AUDIT_HASH_LEN) == 0;
        }
      if (!intact)
        {
          g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

          state->first_broken_seq = seq;
          g_set_error (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_BROKEN,
                       _("Audit entry %s does not match its hash: the log was changed after "
                         "it was written"),
                       seq_text);
          return FALSE;
        }
      memcpy (prev_hash, hash, SHEQU_AUDIT_HASH_LEN);
      expected_seq = seq + 1;
      state->n_entries++;
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  return TRUE;
}

gboolean
shequ_audit_verify (ShequDatabase  *db,
                    guint64        *n_entries,
                    gint64         *first_broken_seq,
                    GError        **error)
{
  VerifyState state = { 0, -1 };
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = shequ_database_read (db, verify_in_transaction, &state, error);
  if (n_entries != NULL)
    *n_entries = state.n_entries;
  if (first_broken_seq != NULL)
    *first_broken_seq = ok ? -1 : state.first_broken_seq;
  return ok;
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

typedef struct {
  const char *target;
  guint       limit;
  GPtrArray  *records;
} ListState;

static gboolean
list_in_transaction (ShequDatabase  *db,
                     gpointer        data,
                     GError        **error)
{
  ListState *state = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (db, "SELECT " AUDIT_COLUMNS " FROM audit_log "
                                 "WHERE ?1 IS NULL OR target = ?1 ORDER BY seq DESC LIMIT ?2",
                                 error);
  if (stmt == NULL)
    return FALSE;
  if (state->target != NULL)
    sqlite3_bind_text (stmt, 1, state->target, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, state->limit > 0 ? (gint64) state->limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShequAuditRecord *record = g_new0 (ShequAuditRecord, 1);

      record->seq = sqlite3_column_int64 (stmt, 0);
      record->at = column_strdup (stmt, 1);
      record->actor = column_strdup (stmt, 2);
      record->action = column_strdup (stmt, 3);
      record->target = column_strdup (stmt, 4);
      record->old_value = column_strdup (stmt, 5);
      record->new_value = column_strdup (stmt, 6);
      record->reason = column_strdup (stmt, 7);
      if (sqlite3_column_bytes (stmt, 8) == SHEQU_AUDIT_HASH_LEN)
        memcpy (record->prev_hash, sqlite3_column_blob (stmt, 8), SHEQU_AUDIT_HASH_LEN);
      if (sqlite3_column_bytes (stmt, 9) == SHEQU_AUDIT_HASH_LEN)
        memcpy (record->hash, sqlite3_column_blob (stmt, 9), SHEQU_AUDIT_HASH_LEN);
      g_ptr_array_add (state->records, record);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  return TRUE;
}

GPtrArray *
shequ_audit_list (ShequDatabase  *db,
                  const char     *target,
                  guint           limit,
                  GError        **error)
{
  g_autoptr(GPtrArray) records = NULL;
  ListState state;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_audit_record_free);
  state = (ListState) { target, limit, records };
  if (!shequ_database_read (db, list_in_transaction, &state, error))
    return NULL;
  return g_steal_pointer (&records);
}
