/* test-audit.c — the audit log's hash chain: append, verify, tampering found, migration */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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

static void
assert_broken_at (ShequDatabase *db,
                  gint64         expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *needle = g_strdup_printf ("Audit entry %" G_GINT64_FORMAT " ", expected);
  gint64 broken = 0;

  g_assert_false (shequ_audit_verify (db, NULL, &broken, &error));
  g_assert_error (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_BROKEN);
  g_assert_cmpint (broken, ==, expected);
  g_assert_nonnull (strstr (error->message, needle));
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

/* A version-2 file: this schema without the audit log and what came after it. */
static void
make_version_2 (ShequDatabase *db)
{
  exec (db, "DROP TABLE eval_flag; DROP TABLE eval_score; DROP TABLE eval_assignment; "
        "DROP TABLE eval_assessor; DROP TABLE eval_target; DROP TABLE eval_period; "
        "DROP TABLE eval_flag_rule; DROP TABLE eval_indicator; DROP TABLE eval_set; "
        "DROP TABLE audit_log; PRAGMA user_version = 2;");
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
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/audit/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("append-verify", test_append_verify);
  ADD ("detects/edit", test_detects_edit);
  ADD ("detects/null-for-empty", test_detects_null_for_empty);
  ADD ("detects/delete", test_detects_delete);
  ADD ("detects/delete-renumbered", test_detects_delete_renumbered);
  ADD ("detects/swap", test_detects_swap);
  ADD ("detects/prev-hash", test_detects_prev_hash);
  ADD ("detects/copied-hash", test_detects_rehashed_edit);
  ADD ("outer-transaction", test_in_outer_transaction);
  ADD ("migrate/version-2", test_migrates_version_2);
  ADD ("migrate/restored-version-2", test_migrates_restored_version_2);
  ADD ("cli/verify", test_cli_verify);
#undef ADD

  return g_test_run ();
}
