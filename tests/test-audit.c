/* test-audit.c — the audit log's hash chain and head: append, verify, tampering found,
 * anchors kept outside the file, migration, the CLI */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "shequ-audit.h"
#include "shequ-database-private.h"
#include "shequ-test-util.h"

typedef struct {
  ShequTestDir   dir;
  ShequDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&f->dir, "test-audit-XXXXXX", "audit.db");
  f->db = shequ_database_open (f->dir.db, SHEQU_DATABASE_FLAGS_CREATE |
                               SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  shequ_test_dir_clear (&f->dir);
}

static void
append_n (ShequDatabase *db,
          guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *target = g_strdup_printf ("cadre:%u", i % 3);
      g_autofree char *new_value = g_strdup_printf ("%u", 80 + i);
      ShequAuditEntry entry = { "assessor-01", "score", target, i % 2 ? "75" : NULL,
                                new_value, i % 2 ? "recount" : NULL };

      g_assert_true (shequ_audit_append (db, &entry, &error));
      g_assert_no_error (error);
    }
}

static void
exec (ShequDatabase *db,
      const char    *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

static void
assert_intact (ShequDatabase *db,
               guint64        expected)
{
  g_autoptr(GError) error = NULL;
  guint64 n = 0;
  gint64 broken = 0;

  g_assert_true (shequ_audit_verify (db, &n, &broken, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected);
  g_assert_cmpint (broken, ==, -1);
}

/* Verify (against ANCHOR when not NULL) fails at EXPECTED with a message holding NEEDLE. */
static void
assert_broken_full (ShequDatabase          *db,
                    const ShequAuditAnchor *anchor,
                    gint64                  expected,
                    const char             *needle)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;

  g_assert_false (shequ_audit_verify_anchored (db, anchor, NULL, &broken, &error));
  g_assert_error (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_BROKEN);
  g_assert_cmpint (broken, ==, expected);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
}

static void
assert_broken_at (ShequDatabase *db,
                  gint64         expected)
{
  g_autofree char *needle = g_strdup_printf ("Audit entry %" G_GINT64_FORMAT " ", expected);

  assert_broken_full (db, NULL, expected, needle);
}

static void
test_append_verify (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) some = NULL;
  ShequAuditRecord *first, *last;
  guint8 zeros[SHEQU_AUDIT_HASH_LEN] = { 0 };

  assert_intact (f->db, 0);
  append_n (f->db, 10);
  assert_intact (f->db, 10);

  all = shequ_audit_list (f->db, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 10);
  last = g_ptr_array_index (all, 0);
  first = g_ptr_array_index (all, 9);
  g_assert_cmpint (last->seq, ==, 10);
  g_assert_cmpint (first->seq, ==, 1);
  g_assert_cmpmem (first->prev_hash, sizeof zeros, zeros, sizeof zeros);
  g_assert_cmpmem (((ShequAuditRecord *) g_ptr_array_index (all, 1))->hash, 32,
                   last->prev_hash, 32);
  g_assert_cmpstr (first->actor, ==, "assessor-01");
  g_assert_cmpstr (first->target, ==, "cadre:0");
  g_assert_null (first->old_value);
  g_assert_cmpstr (last->old_value, ==, "75");
  g_assert_cmpstr (last->reason, ==, "recount");
  g_assert_true (g_str_has_suffix (first->at, "Z"));

  some = shequ_audit_list (f->db, "cadre:1", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->len, ==, 2);
  g_assert_cmpint (((ShequAuditRecord *) g_ptr_array_index (some, 0))->seq, ==, 8);
  g_assert_cmpint (((ShequAuditRecord *) g_ptr_array_index (some, 1))->seq, ==, 5);
}

static void
test_detects_edit (Fixture       *f,
                   gconstpointer  data)
{
  append_n (f->db, 10);
  exec (f->db, "UPDATE audit_log SET new_value = '100' WHERE seq = 4");
  assert_broken_at (f->db, 4);
}

static void
test_detects_null_for_empty (Fixture       *f,
                             gconstpointer  data)
{
  append_n (f->db, 4);
  /* entry 3 has no old_value: an empty one is a different entry */
  exec (f->db, "UPDATE audit_log SET old_value = '' WHERE seq = 3");
  assert_broken_at (f->db, 3);
}

static void
test_detects_delete (Fixture       *f,
                     gconstpointer  data)
{
  append_n (f->db, 10);
  exec (f->db, "DELETE FROM audit_log WHERE seq = 6");
  assert_broken_at (f->db, 7);
}

/* The newest entry, the newest ten, all: the head still names them. */
typedef struct {
  guint       n_entries;
  const char *sql;
  gint64      first_broken;
  const char *message;
} DeleteCase;

static const DeleteCase delete_newest = {
  10, "DELETE FROM audit_log WHERE seq = 10", 10,
  "The audit log ends at entry 9, but its head says 10: 1 newest entry is missing"
};
static const DeleteCase delete_newest_10 = {
  1210, "DELETE FROM audit_log WHERE seq > 1200", 1201,
  "The audit log ends at entry 1,200, but its head says 1,210: 10 newest entries are missing"
};
static const DeleteCase delete_all = {
  5, "DELETE FROM audit_log", 1,
  "The audit log holds no entries, but its head says it ends at entry 5: all its entries "
  "are missing"
};

static void
test_detects_delete_newest (Fixture       *f,
                            gconstpointer  data)
{
  const DeleteCase *c = data;

  append_n (f->db, c->n_entries);
  exec (f->db, c->sql);
  assert_broken_full (f->db, NULL, c->first_broken, c->message);
}

/* An append after the newest entries were deleted follows the head, not the shortened
 * log: the gap stays for verify to name, and the head is not moved onto it. */
static void
test_detects_delete_newest_then_append (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 seq = 0;
  guint64 count = 0;

  append_n (f->db, 10);
  exec (f->db, "DELETE FROM audit_log WHERE seq >= 8");
  append_n (f->db, 1);
  g_assert_true (shequ_audit_get_head (f->db, &seq, NULL, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 11);
  g_assert_cmpuint (count, ==, 11);
  assert_broken_full (f->db, NULL, 11, "Audit entry 11 does not follow the one before it: "
                      "entries 8 to 10 are missing");
}

static void
test_detects_head_removed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  append_n (f->db, 4);
  exec (f->db, "DELETE FROM audit_head");
  assert_broken_full (f->db, NULL, 0, "The head of the audit log is missing");
  /* appending goes on (a score commit does not fail), and the head is not made anew */
  append_n (f->db, 1);
  assert_broken_full (f->db, NULL, 0, "The head of the audit log is missing");
  g_assert_false (shequ_audit_get_head (f->db, NULL, NULL, NULL, &error));
  g_assert_error (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_BROKEN);
  g_clear_error (&error);

  exec (f->db, "DROP TABLE audit_head");
  assert_broken_full (f->db, NULL, 0, "The head of the audit log is missing");
  append_n (f->db, 1);
  assert_broken_full (f->db, NULL, 0, "The head of the audit log is missing");
}

static void
test_detects_head_changed (Fixture       *f,
                           gconstpointer  data)
{
  append_n (f->db, 10);
  exec (f->db, "UPDATE audit_head SET count = 9");
  assert_broken_full (f->db, NULL, 0, "The audit log holds 10 entries, but its head counts 9");
  exec (f->db, "UPDATE audit_head SET count = 10, seq = 8");
  assert_broken_full (f->db, NULL, 9, "The audit log ends at entry 10, but its head says 8");
  exec (f->db, "UPDATE audit_head SET seq = 10, hash = zeroblob (32)");
  assert_broken_full (f->db, NULL, 10, "Audit entry 10 does not match the head of the log");
  exec (f->db, "UPDATE audit_head SET hash = x'00'");
  assert_broken_full (f->db, NULL, 0, "The head of the audit log was changed");
  exec (f->db, "DROP TABLE audit_head; CREATE TABLE audit_head (id INTEGER PRIMARY KEY)");
  assert_broken_full (f->db, NULL, 0, "The head of the audit log was changed");
  append_n (f->db, 1);
  assert_broken_full (f->db, NULL, 0, "The head of the audit log was changed");
}

static void
test_head_after_appends (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guint8 zeros[SHEQU_AUDIT_HASH_LEN] = { 0 };
  guint8 hash[SHEQU_AUDIT_HASH_LEN];
  gint64 seq = -1;
  guint64 count = 1;

  g_assert_true (shequ_audit_get_head (f->db, &seq, hash, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 0);
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpmem (hash, sizeof hash, zeros, sizeof zeros);

  append_n (f->db, 7);
  g_assert_true (shequ_audit_get_head (f->db, &seq, hash, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 7);
  g_assert_cmpuint (count, ==, 7);
  records = shequ_audit_list (f->db, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (hash, sizeof hash, ((ShequAuditRecord *) records->pdata[0])->hash,
                   SHEQU_AUDIT_HASH_LEN);
  assert_intact (f->db, 7);
}

static void
test_detects_delete_renumbered (Fixture       *f,
                                gconstpointer  data)
{
  append_n (f->db, 10);
  /* the gap closed by renumbering: the chain still breaks */
  exec (f->db, "DELETE FROM audit_log WHERE seq = 1;"
               "UPDATE audit_log SET seq = seq - 1;");
  assert_broken_at (f->db, 1);
}

static void
test_detects_swap (Fixture       *f,
                   gconstpointer  data)
{
  append_n (f->db, 10);
  /* swap every column but seq between entries 3 and 4 */
  exec (f->db,
        "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE seq IN (3, 4);"
        "UPDATE audit_log SET (at, actor, action, target, old_value, new_value, reason, "
        "  prev_hash, hash) = (SELECT at, actor, action, target, old_value, new_value, "
        "  reason, prev_hash, hash FROM t WHERE t.seq = 7 - audit_log.seq) "
        "WHERE seq IN (3, 4);"
        "DROP TABLE t;");
  assert_broken_at (f->db, 3);
}

static void
test_detects_prev_hash (Fixture       *f,
                        gconstpointer  data)
{
  append_n (f->db, 10);
  exec (f->db, "UPDATE audit_log SET prev_hash = zeroblob (32) WHERE seq = 5");
  assert_broken_at (f->db, 5);
}

static void
test_detects_rehashed_edit (Fixture       *f,
                            gconstpointer  data)
{
  append_n (f->db, 10);
  /* an edited entry given the hash of another: its successor's link no longer holds */
  exec (f->db, "UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE seq = 9) "
               "WHERE seq = 9 - 1");
  assert_broken_at (f->db, 8);
}

typedef struct {
  gboolean fail;
} OuterData;

static gboolean
append_then_maybe_fail (ShequDatabase  *db,
                        gpointer        data,
                        GError        **error)
{
  OuterData *outer = data;
  ShequAuditEntry entry = { "assessor-02", "submit", "sheet:1", NULL, NULL, NULL };

  g_assert_true (shequ_database_in_transaction (db));
  if (!shequ_audit_append (db, &entry, error))
    return FALSE;
  if (outer->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the score commit failed");
      return FALSE;
    }
  return TRUE;
}

static void
test_in_outer_transaction (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  OuterData outer = { TRUE };

  append_n (f->db, 2);
  g_assert_false (shequ_database_write (f->db, append_then_maybe_fail, &outer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  assert_intact (f->db, 2);

  outer.fail = FALSE;
  g_assert_true (shequ_database_write (f->db, append_then_maybe_fail, &outer, &error));
  g_assert_no_error (error);
  assert_intact (f->db, 3);
}

/* What version 6 added (the disclosures and sync). */
#define DROP_VERSION_6                                                             \
  "DROP TABLE sync_state; DROP TABLE sync_conflict; DROP TABLE outbox; "           \
  "DROP TABLE attachment_blob; DROP TABLE disclosure_attachment; "                 \
  "DROP TABLE disclosure_item; DROP TABLE disclosure_version; DROP TABLE disclosure; "

/* A version-2 file: this schema without the audit log and what came after it. */
static void
make_version_2 (ShequDatabase *db)
{
  exec (db, DROP_VERSION_6
        "DROP TABLE eval_flag; DROP TABLE eval_score; DROP TABLE eval_assignment; "
        "DROP TABLE eval_assessor; DROP TABLE eval_target; DROP TABLE eval_period; "
        "DROP TABLE eval_flag_rule; DROP TABLE eval_indicator; DROP TABLE eval_set; "
        "DROP TABLE audit_head; DROP TABLE audit_log; PRAGMA user_version = 2;");
}

static void
test_migrates_version_2 (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int version = 0;

  make_version_2 (f->db);
  g_clear_object (&f->db);
  g_assert_true (shequ_database_peek_schema_version (f->dir.db, &version, &error));
  g_assert_cmpint (version, ==, 2);

  f->db = shequ_database_open (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shequ_database_get_schema_version (f->db), ==, SHEQU_SCHEMA_VERSION);
  append_n (f->db, 3);
  assert_intact (f->db, 3);
}

static void
test_migrates_restored_version_2 (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) old = NULL;
  g_autofree char *old_path = g_build_filename (f->dir.dir, "old.db", NULL);

  old = shequ_database_open (old_path, SHEQU_DATABASE_FLAGS_CREATE |
                             SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  make_version_2 (old);
  g_clear_object (&old);

  append_n (f->db, 2);
  g_assert_true (shequ_database_restore_from (f->db, old_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shequ_database_get_schema_version (f->db), ==, SHEQU_SCHEMA_VERSION);
  assert_intact (f->db, 0);
  append_n (f->db, 1);
  assert_intact (f->db, 1);
}

/* A version-4 file with a log: migrating gives it the head of the log it holds. */
static void
test_migrates_version_4 (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guint8 hash[SHEQU_AUDIT_HASH_LEN];
  gint64 seq = 0;
  guint64 count = 0;
  int version = 0;

  append_n (f->db, 6);
  exec (f->db, DROP_VERSION_6 "DROP TABLE audit_head; PRAGMA user_version = 4;");
  g_clear_object (&f->db);
  g_assert_true (shequ_database_peek_schema_version (f->dir.db, &version, &error));
  g_assert_cmpint (version, ==, 4);

  f->db = shequ_database_open (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shequ_database_get_schema_version (f->db), ==, SHEQU_SCHEMA_VERSION);
  g_assert_true (shequ_audit_get_head (f->db, &seq, hash, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 6);
  g_assert_cmpuint (count, ==, 6);
  records = shequ_audit_list (f->db, NULL, 1, &error);
  g_assert_cmpmem (hash, sizeof hash, ((ShequAuditRecord *) records->pdata[0])->hash,
                   SHEQU_AUDIT_HASH_LEN);
  assert_intact (f->db, 6);
  append_n (f->db, 2);
  assert_intact (f->db, 8);
  exec (f->db, "DELETE FROM audit_log WHERE seq = 8");
  assert_broken_full (f->db, NULL, 8, "1 newest entry is missing");
}

/* A field as shequ-audit.c hashes it: presence byte, then length (u64, big-endian) and
 * bytes. */
static void
hash_text (GChecksum    *checksum,
           sqlite3_stmt *stmt,
           int           column)
{
  guint8 present = sqlite3_column_type (stmt, column) != SQLITE_NULL;
  guint64 len = GUINT64_TO_BE ((guint64) sqlite3_column_bytes (stmt, column));

  g_checksum_update (checksum, &present, 1);
  if (!present)
    return;
  g_checksum_update (checksum, (const guint8 *) &len, sizeof len);
  g_checksum_update (checksum, sqlite3_column_text (stmt, column),
                     sqlite3_column_bytes (stmt, column));
}

/* What an attacker holding the file can do: recompute every hash, and the head, after
 * editing the log. */
static void
rehash_everything (ShequDatabase *db)
{
  sqlite3 *handle = shequ_database_get_handle (db);
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  guint8 prev[SHEQU_AUDIT_HASH_LEN] = { 0 };
  gint64 seq = 0;
  guint64 count = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT seq, at, actor, action, target, "
                                       "old_value, new_value, reason FROM audit_log "
                                       "ORDER BY seq", -1, &select, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "UPDATE audit_log SET prev_hash = ?, hash = ? "
                                       "WHERE seq = ?", -1, &update, NULL), ==, SQLITE_OK);
  exec (db, "BEGIN");
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint8 hash[SHEQU_AUDIT_HASH_LEN];
      gsize hash_len = sizeof hash;
      guint64 seq_be;

      seq = sqlite3_column_int64 (select, 0);
      seq_be = GUINT64_TO_BE ((guint64) seq);
      g_checksum_update (checksum, prev, sizeof prev);
      g_checksum_update (checksum, (const guint8 *) &seq_be, sizeof seq_be);
      for (int column = 1; column <= 7; column++)
        hash_text (checksum, select, column);
      g_checksum_get_digest (checksum, hash, &hash_len);
      sqlite3_bind_blob (update, 1, prev, sizeof prev, SQLITE_TRANSIENT);
      sqlite3_bind_blob (update, 2, hash, sizeof hash, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (update, 3, seq);
      g_assert_cmpint (sqlite3_step (update), ==, SQLITE_DONE);
      sqlite3_reset (update);
      memcpy (prev, hash, sizeof prev);
      count++;
    }
  g_clear_pointer (&update, sqlite3_finalize);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "UPDATE audit_head SET seq = ?, hash = ?, "
                                       "count = ?", -1, &update, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (update, 1, seq);
  sqlite3_bind_blob (update, 2, prev, sizeof prev, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 3, (gint64) count);
  g_assert_cmpint (sqlite3_step (update), ==, SQLITE_DONE);
  exec (db, "COMMIT");
}

static ShequAuditAnchor
take_anchor (ShequDatabase *db)
{
  g_autoptr(GError) error = NULL;
  ShequAuditAnchor anchor;

  g_assert_true (shequ_audit_get_head (db, &anchor.seq, anchor.hash, NULL, &error));
  g_assert_no_error (error);
  return anchor;
}

static void
assert_anchor_holds (ShequDatabase          *db,
                     const ShequAuditAnchor *anchor)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;

  g_assert_true (shequ_audit_verify_anchored (db, anchor, NULL, &broken, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, -1);
}

static void
test_anchor_holds (Fixture       *f,
                   gconstpointer  data)
{
  ShequAuditAnchor empty = take_anchor (f->db);
  ShequAuditAnchor at_5, any;

  g_assert_cmpint (empty.seq, ==, 0);
  assert_anchor_holds (f->db, &empty);
  append_n (f->db, 5);
  at_5 = take_anchor (f->db);
  append_n (f->db, 5);
  /* the log grew after the anchor was taken: entry 5 is as it was */
  assert_anchor_holds (f->db, &at_5);
  assert_anchor_holds (f->db, &empty);
  any = at_5;
  any.seq = -1;
  assert_anchor_holds (f->db, &any);
}

static void
test_anchor_rewritten (Fixture       *f,
                       gconstpointer  data)
{
  ShequAuditAnchor at_3, at_10, any;

  append_n (f->db, 3);
  at_3 = take_anchor (f->db);
  append_n (f->db, 7);
  at_10 = take_anchor (f->db);
  any = at_10;
  any.seq = -1;

  exec (f->db, "UPDATE audit_log SET new_value = '100' WHERE seq = 4");
  rehash_everything (f->db);
  /* the file alone cannot tell */
  assert_intact (f->db, 10);
  assert_anchor_holds (f->db, &at_3);
  assert_broken_full (f->db, &at_10, 10, "Audit entry 10 does not have the hash recorded "
                      "outside the file");
  assert_broken_full (f->db, &any, 0, "No audit entry has the hash recorded outside the file");

  /* the newest entries deleted, the head rewritten to match */
  exec (f->db, "DELETE FROM audit_log WHERE seq > 7");
  rehash_everything (f->db);
  assert_intact (f->db, 7);
  assert_broken_full (f->db, &at_10, 8, "Audit entry 10, named by the head recorded outside "
                      "the file, is missing: the log ends at entry 7");
  /* a break inside the chain comes first */
  exec (f->db, "UPDATE audit_log SET actor = 'x' WHERE seq = 2");
  assert_broken_full (f->db, &at_10, 2, "Audit entry 2 does not match its hash");
}

static void
assert_anchor_refused (const char *text,
                       const char *needle)
{
  g_autoptr(GError) error = NULL;
  ShequAuditAnchor anchor = { 42, { 7 } };

  g_assert_false (shequ_audit_anchor_parse (text, &anchor, &error));
  g_assert_error (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_ANCHOR);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
  g_assert_cmpint (anchor.seq, ==, 42);
  g_assert_cmpint (anchor.hash[0], ==, 7);
}

static void
test_anchor_parse (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 hash[SHEQU_AUDIT_HASH_LEN];
  g_autofree char *hex = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *text = NULL;
  ShequAuditAnchor anchor;

  for (guint i = 0; i < sizeof hash; i++)
    hash[i] = (guint8) (i * 37 + 11);
  hex = shequ_audit_hash_to_hex (hash);
  g_assert_cmpuint (strlen (hex), ==, SHEQU_AUDIT_HASH_HEX_LEN);
  g_assert_true (g_str_has_prefix (hex, "0b30"));

  g_assert_true (shequ_audit_anchor_parse (hex, &anchor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anchor.seq, ==, -1);
  g_assert_cmpmem (anchor.hash, sizeof hash, hash, sizeof hash);

  upper = g_ascii_strup (hex, -1);
  text = g_strdup_printf (" %s:1210\n", upper);
  g_assert_true (shequ_audit_anchor_parse (text, &anchor, &error));
  g_assert_cmpint (anchor.seq, ==, 1210);
  g_assert_cmpmem (anchor.hash, sizeof hash, hash, sizeof hash);
  g_clear_pointer (&text, g_free);

  assert_anchor_refused ("", "has 0 hexadecimal digits");
  assert_anchor_refused ("not hex", "Character 1 of the head given is not a hexadecimal");
  text = g_strndup (hex, 63);
  assert_anchor_refused (text, "has 63 hexadecimal digits; it needs 64");
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%sa", hex);
  assert_anchor_refused (text, "has 65 hexadecimal digits");
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%.10sg%s", hex, hex + 11);
  assert_anchor_refused (text, "Character 11 ");
  g_clear_pointer (&text, g_free);
  for (guint i = 0; i < 5; i++)
    {
      const char *seqs[] = { "", "-1", "12a", "1 2", "99999999999999999999" };

      text = g_strdup_printf ("%s:%s", hex, seqs[i]);
      assert_anchor_refused (text, "The entry number after “:”");
      g_clear_pointer (&text, g_free);
    }
}

static void
test_cli_head (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *anchor_text = NULL;
  ShequAuditAnchor anchor;
  JsonObject *object;

  append_n (f->db, 5);
  anchor = take_anchor (f->db);
  hex = shequ_audit_hash_to_hex (anchor.hash);
  anchor_text = g_strdup_printf ("%s:5", hex);
  {
    g_auto(ShequTestResult) json = shequ_test_run_cli ("audit", "head", "--db", f->dir.db,
                                                       "--json", NULL);

    shequ_test_assert_cli_success (&json);
    g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
    g_assert_no_error (error);
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (object, "seq"), ==, 5);
    g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 5);
    g_assert_cmpstr (json_object_get_string_member (object, "hash"), ==, hex);
    g_assert_cmpstr (json_object_get_string_member (object, "anchor"), ==, anchor_text);
  }
  {
    g_auto(ShequTestResult) text = shequ_test_run_cli ("audit", "head", "--db", f->dir.db,
                                                       NULL);
    g_autofree char *expected = g_strdup_printf ("Last entry: 5\nEntries: 5\nHash: %s\n"
                                                 "Check it later with: shequ-cli audit verify "
                                                 "--head %s\n", hex, anchor_text);

    shequ_test_assert_cli_success (&text);
    g_assert_cmpstr (text.out, ==, expected);
  }
  append_n (f->db, 2);
  {
    g_auto(ShequTestResult) ok = shequ_test_run_cli ("audit", "verify", "--db", f->dir.db,
                                                     "--head", anchor_text, NULL);

    shequ_test_assert_cli_success (&ok);
    g_assert_cmpstr (ok.out, ==, "Audit log intact: 7 entries\n");
  }

  exec (f->db, "UPDATE audit_log SET reason = 'nothing happened' WHERE seq = 1");
  {
    g_auto(ShequTestResult) broken = shequ_test_run_cli ("audit", "head", "--db", f->dir.db,
                                                         NULL);

    shequ_test_assert_cli_failure (&broken, "Audit entry 1 does not match its hash");
    g_assert_cmpstr (broken.out, ==, "");
  }
  rehash_everything (f->db);
  {
    g_auto(ShequTestResult) rewritten = shequ_test_run_cli ("audit", "verify", "--db",
                                                            f->dir.db, "--head", anchor_text,
                                                            "--json", NULL);

    g_assert_cmpint (rewritten.status, ==, 1);
    shequ_test_assert_cli_failure (&rewritten, "Audit entry 5 does not have the hash "
                                   "recorded outside the file");
    g_assert_nonnull (strstr (rewritten.out, "\"first_broken_seq\" : 5"));
  }
}

/* Bad --head text: a usage error, translated, before the database is opened. */
static void
test_cli_bad_head (Fixture       *f,
                   gconstpointer  data)
{
  {
    g_auto(ShequTestResult) bad = shequ_test_run_cli ("audit", "verify", "--db", f->dir.db,
                                                      "--head", "xyz:3", NULL);

    g_assert_cmpint (bad.status, ==, 2);
    shequ_test_assert_cli_failure (&bad, "Character 1 of the head given is not a hexadecimal");
  }
  {
    g_auto(ShequTestResult) short_hash = shequ_test_run_cli ("audit", "verify", "--db",
                                                             "/nonexistent/audit.db",
                                                             "--head", "abc123", NULL);

    g_assert_cmpint (short_hash.status, ==, 2);
    shequ_test_assert_cli_failure (&short_hash, "has 6 hexadecimal digits; it needs 64");
  }
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN.UTF-8 locale");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  {
    g_auto(ShequTestResult) chinese = shequ_test_run_cli ("audit", "verify", "--db", f->dir.db,
                                                          "--head", "abc123", NULL);

    g_unsetenv ("LANGUAGE");
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    g_assert_cmpint (chinese.status, ==, 2);
    shequ_test_assert_cli_failure (&chinese, "6 位十六进制数字");
  }
}

static void
test_cli_verify (Fixture       *f,
                 gconstpointer  data)
{
  append_n (f->db, 5);
  {
    g_auto(ShequTestResult) ok = shequ_test_run_cli ("audit", "verify", "--db", f->dir.db,
                                                     NULL);

    shequ_test_assert_cli_success (&ok);
    g_assert_cmpstr (ok.out, ==, "Audit log intact: 5 entries\n");
  }
  {
    g_auto(ShequTestResult) json = shequ_test_run_cli ("audit", "verify", "--db", f->dir.db,
                                                       "--json", NULL);

    shequ_test_assert_cli_success (&json);
    g_assert_nonnull (strstr (json.out, "\"intact\" : true"));
  }

  exec (f->db, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2");
  {
    g_auto(ShequTestResult) bad = shequ_test_run_cli ("audit", "verify", "--db", f->dir.db,
                                                      NULL);

    g_assert_cmpint (bad.status, ==, 1);
    shequ_test_assert_cli_failure (&bad, "Audit entry 2 does not match its hash");
    g_assert_cmpstr (bad.out, ==, "");
  }

  exec (f->db, "DELETE FROM audit_log WHERE seq >= 2");
  {
    g_auto(ShequTestResult) newest = shequ_test_run_cli ("audit", "verify", "--db", f->dir.db,
                                                         "--json", NULL);

    g_assert_cmpint (newest.status, ==, 1);
    shequ_test_assert_cli_failure (&newest, "The audit log ends at entry 1, but its head says "
                                   "5: 4 newest entries are missing");
    g_assert_nonnull (strstr (newest.out, "\"first_broken_seq\" : 2"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/audit/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_DATA(path, data, func) \
  g_test_add ("/audit/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("append-verify", test_append_verify);
  ADD ("detects/edit", test_detects_edit);
  ADD ("detects/null-for-empty", test_detects_null_for_empty);
  ADD ("detects/delete", test_detects_delete);
  ADD ("detects/delete-renumbered", test_detects_delete_renumbered);
  ADD_DATA ("detects/delete-newest", &delete_newest, test_detects_delete_newest);
  ADD_DATA ("detects/delete-newest-10", &delete_newest_10, test_detects_delete_newest);
  ADD_DATA ("detects/delete-all", &delete_all, test_detects_delete_newest);
  ADD ("detects/delete-newest-then-append", test_detects_delete_newest_then_append);
  ADD ("detects/head-removed", test_detects_head_removed);
  ADD ("detects/head-changed", test_detects_head_changed);
  ADD ("head/after-appends", test_head_after_appends);
  ADD ("anchor/holds", test_anchor_holds);
  ADD ("anchor/rewritten", test_anchor_rewritten);
  ADD ("anchor/parse", test_anchor_parse);
  ADD ("detects/swap", test_detects_swap);
  ADD ("detects/prev-hash", test_detects_prev_hash);
  ADD ("detects/copied-hash", test_detects_rehashed_edit);
  ADD ("outer-transaction", test_in_outer_transaction);
  ADD ("migrate/version-2", test_migrates_version_2);
  ADD ("migrate/restored-version-2", test_migrates_restored_version_2);
  ADD ("migrate/version-4", test_migrates_version_4);
  ADD ("cli/verify", test_cli_verify);
  ADD ("cli/head", test_cli_head);
  ADD ("cli/bad-head", test_cli_bad_head);
#undef ADD_DATA
#undef ADD

  return g_test_run ();
}
