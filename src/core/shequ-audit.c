/* shequ-audit.c — the append-only audit log: each entry hashes the one before it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-audit.h"
#include "shequ-database-private.h"
#include "shequ-text.h"

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

/* The log's head as audit_head holds it. */
typedef enum {
  HEAD_OK,
  HEAD_MISSING,  /* no table audit_head, or no row in it */
  HEAD_DAMAGED,  /* a hash that is not SHEQU_AUDIT_HASH_LEN bytes, a negative figure */
} HeadState;

typedef struct {
  HeadState state;
  gint64    seq;
  guint64   count;
  guint8    hash[SHEQU_AUDIT_HASH_LEN];
} Head;

static gboolean
table_exists (ShequDatabase  *db,
              const char     *name,
              gboolean       *exists,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (db, "SELECT 1 FROM sqlite_schema "
                                 "WHERE type = 'table' AND name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* Reads the head into HEAD. A table dropped with plain SQL is HEAD_MISSING, one made
 * anew with other columns HEAD_DAMAGED, not errors, so that verify can name them. */
static gboolean
read_head (ShequDatabase  *db,
           Head           *head,
           GError        **error)
{
  static const char sql[] = "SELECT seq, hash, count FROM audit_head WHERE id = 1";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean exists = TRUE;
  int rc;

  *head = (Head) { HEAD_MISSING, 0, 0, { 0 } };
  rc = sqlite3_prepare_v2 (shequ_database_get_handle (db), sql, -1, &stmt, NULL);
  if (rc == SQLITE_ERROR)
    {
      if (!table_exists (db, "audit_head", &exists, error))
        return FALSE;
      head->state = exists ? HEAD_DAMAGED : HEAD_MISSING;
      return TRUE;
    }
  if (rc != SQLITE_OK)
    return shequ_database_set_error (db, rc, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return shequ_database_set_error (db, rc, error);
  head->seq = sqlite3_column_int64 (stmt, 0);
  head->count = (guint64) sqlite3_column_int64 (stmt, 2);
  head->state = HEAD_DAMAGED;
  if (sqlite3_column_type (stmt, 0) == SQLITE_INTEGER && head->seq >= 0 &&
      sqlite3_column_type (stmt, 2) == SQLITE_INTEGER && sqlite3_column_int64 (stmt, 2) >= 0 &&
      sqlite3_column_bytes (stmt, 1) == SHEQU_AUDIT_HASH_LEN)
    {
      memcpy (head->hash, sqlite3_column_blob (stmt, 1), SHEQU_AUDIT_HASH_LEN);
      head->state = HEAD_OK;
    }
  return TRUE;
}

/* The entry before the new one: the later of the log's last row and its head. After the
 * newest entries were deleted the head still names them, and the new entry follows the
 * head — so the gap stays in the log for verify to find, rather than the head being
 * moved onto the shortened log. */
static gboolean
find_predecessor (ShequDatabase  *db,
                  Head           *head,
                  gint64         *prev_seq,
                  guint8         *prev_hash,
                  GError        **error)
{
  g_autoptr(sqlite3_stmt) last = NULL;
  int rc;

  if (!read_head (db, head, error))
    return FALSE;
  last = shequ_database_prepare (db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                                 error);
  if (last == NULL)
    return FALSE;
  *prev_seq = 0;
  memset (prev_hash, 0, SHEQU_AUDIT_HASH_LEN);
  rc = sqlite3_step (last);
  if (rc == SQLITE_ROW)
    {
      *prev_seq = sqlite3_column_int64 (last, 0);
      if (sqlite3_column_bytes (last, 1) == SHEQU_AUDIT_HASH_LEN)
        memcpy (prev_hash, sqlite3_column_blob (last, 1), SHEQU_AUDIT_HASH_LEN);
      /* else: a damaged last entry; verify names it, and this one follows zeros */
    }
  else if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  if (head->state == HEAD_OK && head->seq > *prev_seq)
    {
      *prev_seq = head->seq;
      memcpy (prev_hash, head->hash, SHEQU_AUDIT_HASH_LEN);
    }
  return TRUE;
}

/* The head moves onto the new entry; a missing or damaged one is left so, for verify
 * to report (writing a fresh one would vouch for whatever the log holds now). */
static gboolean
write_head (ShequDatabase  *db,
            const Head     *head,
            gint64          seq,
            const guint8   *hash,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  int rc;

  if (head->state != HEAD_OK)
    return TRUE;
  update = shequ_database_prepare (db, "UPDATE audit_head SET seq = ?, hash = ?, count = ? "
                                   "WHERE id = 1", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, seq);
  sqlite3_bind_blob (update, 2, hash, SHEQU_AUDIT_HASH_LEN, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 3, (gint64) head->count + 1);
  rc = sqlite3_step (update);
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  return TRUE;
}

static gboolean
append_in_transaction (ShequDatabase  *db,
                       gpointer        data,
                       GError        **error)
{
  const ShequAuditEntry *entry = data;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GByteArray) buf = g_byte_array_sized_new (256);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  guint8 prev_hash[SHEQU_AUDIT_HASH_LEN];
  guint8 hash[SHEQU_AUDIT_HASH_LEN];
  const char *texts[7] = { at, entry->actor, entry->action, entry->target,
                           entry->old_value, entry->new_value, entry->reason };
  gsize lens[7];
  gint64 seq;
  Head head;
  int rc;

  if (!find_predecessor (db, &head, &seq, prev_hash, error))
    return FALSE;
  seq++;

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
  return write_head (db, &head, seq, hash, error);
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
  const ShequAuditAnchor *anchor;      /* nullable */
  guint64                 n_entries;
  gint64                  first_broken_seq;
  gboolean                anchor_found;
} VerifyState;

static gboolean
set_broken (VerifyState  *state,
            gint64        seq,
            GError      **error,
            const char   *format,
            ...) G_GNUC_PRINTF (4, 5);

/* Always FALSE: the log is broken at SEQ, for the reason FORMAT gives. */
static gboolean
set_broken (VerifyState  *state,
            gint64        seq,
            GError      **error,
            const char   *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  state->first_broken_seq = seq;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_BROKEN, message);
  return FALSE;
}

/* Entry SEQ does not follow entry EXPECTED_SEQ - 1, or does not match its hash. */
static gboolean
report_entry (VerifyState  *state,
              gint64        seq,
              gint64        expected_seq,
              GError      **error)
{
  g_autofree char *seq_text = shequ_text_format_count ((guint64) seq);

  if (seq > expected_seq)
    {
      g_autofree char *first = shequ_text_format_count ((guint64) expected_seq);
      g_autofree char *last = shequ_text_format_count ((guint64) seq - 1);
      guint64 missing = (guint64) (seq - expected_seq);

      if (missing == 1)
        return set_broken (state, seq, error,
                           _("Audit entry %s does not follow the one before it: entry %s "
                             "is missing"), seq_text, first);
      return set_broken (state, seq, error,
                         _("Audit entry %s does not follow the one before it: entries %s "
                           "to %s are missing"), seq_text, first, last);
    }
  return set_broken (state, seq, error,
                     _("Audit entry %s does not match its hash: the log was changed after "
                       "it was written"), seq_text);
}

/* The chain is intact up to LAST_SEQ with LAST_HASH: does it end where the head says? */
static gboolean
check_head (ShequDatabase  *db,
            VerifyState    *state,
            gint64          last_seq,
            const guint8   *last_hash,
            GError        **error)
{
  g_autofree char *last_text = shequ_text_format_count ((guint64) last_seq);
  g_autofree char *head_text = NULL;
  Head head;

  if (!read_head (db, &head, error))
    return FALSE;
  if (head.state == HEAD_MISSING)
    return set_broken (state, 0, error,
                       _("The head of the audit log is missing: it was removed from the "
                         "file, and the newest entries may have been deleted with it"));
  if (head.state == HEAD_DAMAGED)
    return set_broken (state, 0, error, _("The head of the audit log was changed: it is "
                                          "not one the log writes"));
  head_text = shequ_text_format_count ((guint64) head.seq);
  if (head.seq > last_seq && last_seq == 0)
    return set_broken (state, 1, error,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The audit log holds no entries, but its head says it "
                                    "ends at entry %s: the entry is missing",
                                    "The audit log holds no entries, but its head says it "
                                    "ends at entry %s: all its entries are missing",
                                    (gulong) MIN (head.seq, G_MAXINT)),
                       head_text);
  if (head.seq > last_seq)
    {
      guint64 missing = (guint64) (head.seq - last_seq);
      g_autofree char *missing_text = shequ_text_format_count (missing);

      return set_broken (state, last_seq + 1, error,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "The audit log ends at entry %s, but its head says %s: "
                                      "%s newest entry is missing",
                                      "The audit log ends at entry %s, but its head says %s: "
                                      "%s newest entries are missing",
                                      (gulong) MIN (missing, G_MAXINT)),
                         last_text, head_text, missing_text);
    }
  if (head.seq < last_seq)
    return set_broken (state, head.seq + 1, error,
                       _("The audit log ends at entry %s, but its head says %s: the entries "
                         "after %s were not added by the log"),
                       last_text, head_text, head_text);
  if (memcmp (head.hash, last_hash, SHEQU_AUDIT_HASH_LEN) != 0)
    return set_broken (state, last_seq, error,
                       _("Audit entry %s does not match the head of the log: the entry or "
                         "the head was changed"), last_text);
  if (head.count != state->n_entries)
    {
      g_autofree char *count_text = shequ_text_format_count (head.count);
      g_autofree char *n_text = shequ_text_format_count (state->n_entries);

      return set_broken (state, 0, error,
                         _("The audit log holds %s entries, but its head counts %s: the head "
                           "was changed"), n_text, count_text);
    }
  return TRUE;
}

/* Entry SEQ, intact, has HASH: is it the one the anchor names? */
static gboolean
check_anchor (VerifyState   *state,
              gint64         seq,
              const guint8  *hash,
              GError       **error)
{
  const ShequAuditAnchor *anchor = state->anchor;

  if (anchor->seq < 0)
    {
      if (memcmp (anchor->hash, hash, SHEQU_AUDIT_HASH_LEN) == 0)
        state->anchor_found = TRUE;
      return TRUE;
    }
  if (anchor->seq != seq)
    return TRUE;
  state->anchor_found = TRUE;
  if (memcmp (anchor->hash, hash, SHEQU_AUDIT_HASH_LEN) != 0)
    {
      g_autofree char *seq_text = shequ_text_format_count ((guint64) seq);

      return set_broken (state, seq, error,
                         _("Audit entry %s does not have the hash recorded outside the file: "
                           "the log was rewritten at that entry or before it"), seq_text);
    }
  return TRUE;
}

/* After the whole chain (LAST_SEQ the last entry): an anchor not met. */
static gboolean
report_anchor_not_found (VerifyState  *state,
                         gint64        last_seq,
                         GError      **error)
{
  g_autofree char *last_text = shequ_text_format_count ((guint64) last_seq);
  g_autofree char *anchor_text = NULL;

  if (state->anchor->seq < 0)
    return set_broken (state, 0, error,
                       _("No audit entry has the hash recorded outside the file: the log "
                         "was rewritten, or the hash is of another log"));
  anchor_text = shequ_text_format_count ((guint64) state->anchor->seq);
  return set_broken (state, last_seq + 1, error,
                     _("Audit entry %s, named by the head recorded outside the file, is "
                       "missing: the log ends at entry %s"), anchor_text, last_text);
}

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

  /* seq 0: the empty log, before entry 1 */
  if (state->anchor != NULL && !check_anchor (state, 0, prev_hash, error))
    return FALSE;
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
        return report_entry (state, seq, expected_seq, error);
      if (state->anchor != NULL && !check_anchor (state, seq, hash, error))
        return FALSE;
      memcpy (prev_hash, hash, SHEQU_AUDIT_HASH_LEN);
      expected_seq = seq + 1;
      state->n_entries++;
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  if (!check_head (db, state, expected_seq - 1, prev_hash, error))
    return FALSE;
  if (state->anchor != NULL && !state->anchor_found)
    return report_anchor_not_found (state, expected_seq - 1, error);
  return TRUE;
}

gboolean
shequ_audit_verify_anchored (ShequDatabase           *db,
                             const ShequAuditAnchor  *anchor,
                             guint64                 *n_entries,
                             gint64                  *first_broken_seq,
                             GError                 **error)
{
  VerifyState state = { anchor, 0, -1, FALSE };
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

gboolean
shequ_audit_verify (ShequDatabase  *db,
                    guint64        *n_entries,
                    gint64         *first_broken_seq,
                    GError        **error)
{
  return shequ_audit_verify_anchored (db, NULL, n_entries, first_broken_seq, error);
}

static gboolean
get_head_in_transaction (ShequDatabase  *db,
                         gpointer        data,
                         GError        **error)
{
  Head *head = data;

  if (!read_head (db, head, error))
    return FALSE;
  if (head->state == HEAD_OK)
    return TRUE;
  g_set_error_literal (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_BROKEN,
                       head->state == HEAD_MISSING
                       ? _("The head of the audit log is missing: it was removed from the "
                           "file, and the newest entries may have been deleted with it")
                       : _("The head of the audit log was changed: it is not one the log "
                           "writes"));
  return FALSE;
}

gboolean
shequ_audit_get_head (ShequDatabase  *db,
                      gint64         *seq,
                      guint8         *hash,
                      guint64        *count,
                      GError        **error)
{
  Head head;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!shequ_database_read (db, get_head_in_transaction, &head, error))
    return FALSE;
  if (seq != NULL)
    *seq = head.seq;
  if (hash != NULL)
    memcpy (hash, head.hash, SHEQU_AUDIT_HASH_LEN);
  if (count != NULL)
    *count = head.count;
  return TRUE;
}

char *
shequ_audit_hash_to_hex (const guint8 *hash)
{
  static const char digits[] = "0123456789abcdef";
  char *hex;

  g_return_val_if_fail (hash != NULL, NULL);

  hex = g_new (char, SHEQU_AUDIT_HASH_HEX_LEN + 1);
  for (guint i = 0; i < SHEQU_AUDIT_HASH_LEN; i++)
    {
      hex[2 * i] = digits[hash[i] >> 4];
      hex[2 * i + 1] = digits[hash[i] & 0xf];
    }
  hex[SHEQU_AUDIT_HASH_HEX_LEN] = '\0';
  return hex;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

gboolean
shequ_audit_anchor_parse (const char        *text,
                          ShequAuditAnchor  *anchor,
                          GError           **error)
{
  ShequAuditAnchor parsed = { -1, { 0 } };
  const char *start, *end, *colon;
  gsize hex_len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (anchor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (start = text; is_blank (*start); start++)
    ;
  for (end = start + strlen (start); end > start && is_blank (end[-1]); end--)
    ;
  colon = memchr (start, ':', end - start);
  hex_len = (colon != NULL ? colon : end) - start;
  for (gsize i = 0; i < hex_len && i < SHEQU_AUDIT_HASH_HEX_LEN; i++)
    if (!g_ascii_isxdigit (start[i]))
      {
        g_autofree char *position = shequ_text_format_count (i + 1);

        g_set_error (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_ANCHOR,
                     _("Character %s of the head given is not a hexadecimal digit (0–9, a–f)"),
                     position);
        return FALSE;
      }
  if (hex_len != SHEQU_AUDIT_HASH_HEX_LEN)
    {
      g_autofree char *length = shequ_text_format_count (hex_len);

      g_set_error (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_ANCHOR,
                   _("The head given has %s hexadecimal digits; it needs 64, then optionally "
                     "“:” and the entry number, as “shequ-cli audit head” prints it"), length);
      return FALSE;
    }
  for (guint i = 0; i < SHEQU_AUDIT_HASH_LEN; i++)
    parsed.hash[i] = (g_ascii_xdigit_value (start[2 * i]) << 4) |
                     g_ascii_xdigit_value (start[2 * i + 1]);
  if (colon != NULL)
    {
      gint64 seq = 0;
      const char *p;

      for (p = colon + 1; p < end && g_ascii_isdigit (*p); p++)
        {
          if (seq > (G_MAXINT64 - (*p - '0')) / 10)
            break;
          seq = seq * 10 + (*p - '0');
        }
      if (p == colon + 1 || p != end)
        {
          g_set_error_literal (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_ANCHOR,
                               _("The entry number after “:” in the head given is not a "
                                 "whole number"));
          return FALSE;
        }
      parsed.seq = seq;
    }
  *anchor = parsed;
  return TRUE;
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
