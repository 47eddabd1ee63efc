/* test-concurrency.c — two programs writing one database: nothing lost, conflicts refused */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "shequ-database-private.h"
#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-test-util.h"

#define STREET "110101001"
#define N_ROUNDS 20

typedef ShequTestDir Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  shequ_test_dir_init (fixture, "shequ-test-concurrency-XXXXXX", "street.db");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  shequ_test_dir_clear (fixture);
}

static void
init_street (const char *db)
{
  g_unlink (db);
  shequ_test_run_cli_ok ("init", "--db", db, "--street", "测试街道", "--county", "110101",
                         NULL);
}

/* An area N with two communities of two grids each: 7 units, codes by N. */
static char *
units_file (const char *dir,
            int         n)
{
  g_autoptr(GString) text = g_string_new ("code,name,tier,parent_code,population,households\n");
  g_autofree char *name = g_strdup_printf ("units-%d.csv", n);

  g_string_append_printf (text, "%s0%d,片区%d,area,%s,,\n", STREET, n, n, STREET);
  for (int c = 1; c <= 2; c++)
    {
      g_string_append_printf (text, "%s%d0%d,社区%d-%d,community,%s0%d,,\n",
                              STREET, n, c, n, c, STREET, n);
      for (int g = 1; g <= 2; g++)
        g_string_append_printf (text, "%s%d0%d00%d,网格%d-%d-%d,grid,%s%d0%d,%d,%d\n",
                                STREET, n, c, g, n, c, g, STREET, n, c, 100 * g, 40 * g);
    }
  return shequ_test_write_file (dir, name, text->str);
}

/* The parent code of every unit whose code starts with the area code of N. */
static GHashTable *
expected_parents (int n)
{
  GHashTable *parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (parents, g_strdup_printf ("%s0%d", STREET, n), g_strdup (STREET));
  for (int c = 1; c <= 2; c++)
    {
      g_hash_table_insert (parents, g_strdup_printf ("%s%d0%d", STREET, n, c),
                           g_strdup_printf ("%s0%d", STREET, n));
      for (int g = 1; g <= 2; g++)
        g_hash_table_insert (parents, g_strdup_printf ("%s%d0%d00%d", STREET, n, c, g),
                             g_strdup_printf ("%s%d0%d", STREET, n, c));
    }
  return parents;
}

static sqlite3 *
open_raw (const char *db)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 10000);
  return handle;
}

static char *
query_text (sqlite3    *handle,
            const char *sql)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (text, "%s%s", i ? "|" : "",
                                (const char *) sqlite3_column_text (stmt, i) ?: "");
      g_string_append_c (text, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dump_db (const char *db)
{
  sqlite3 *handle = open_raw (db);
  g_autofree char *units = query_text (handle, "SELECT * FROM unit ORDER BY id");
  g_autofree char *people = query_text (handle, "SELECT * FROM person ORDER BY id");
  g_autofree char *posts = query_text (handle, "SELECT * FROM post ORDER BY id");

  sqlite3_close (handle);
  return g_strconcat (units, "--\n", people, "--\n", posts, NULL);
}

static void
assert_integrity_ok (const char *db)
{
  sqlite3 *handle = open_raw (db);
  g_autofree char *report = query_text (handle, "PRAGMA integrity_check");
  g_autofree char *fk = query_text (handle, "PRAGMA foreign_key_check");

  sqlite3_close (handle);
  g_assert_cmpstr (report, ==, "ok\n");
  g_assert_cmpstr (fk, ==, "");
}

/* How many of the units of EXPECTED (code → parent code) are in DB under their parent;
 * fails on one under a wrong parent. */
static guint
count_units_in_place (const char *db,
                      GHashTable *expected)
{
  sqlite3 *handle = open_raw (db);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT u.code, p.code FROM unit u "
                                       "LEFT JOIN unit p ON p.id = u.parent_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *parent = (const char *) sqlite3_column_text (stmt, 1);
      const char *want = g_hash_table_lookup (expected, code);

      if (want == NULL)
        continue;
      if (g_strcmp0 (want, parent) != 0)
        g_error ("unit %s is under %s, not under %s", code, parent, want);
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return n;
}

/* Holds the write lock in a third connection while both commands start, then lets go:
 * both read the same tree and then queue for the lock. */
static void
run_two_at_once (const char *db,
                 const char *command,
                 const char *file_a,
                 const char *file_b,
                 int        *status_a,
                 char      **err_a,
                 int        *status_b,
                 char      **err_b)
{
  sqlite3 *holder = open_raw (db);
  g_autoptr(GSubprocess) a = NULL;
  g_autoptr(GSubprocess) b = NULL;

  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  a = shequ_test_spawn_cli (command, "--db", db, file_a, NULL);
  b = shequ_test_spawn_cli (command, "--db", db, file_b, NULL);
  g_usleep (500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);

  *status_a = shequ_test_finish_cli (a, err_a);
  *status_b = shequ_test_finish_cli (b, err_b);
}

static void
check_import_outcome (int         status,
                      const char *err,
                      guint       n_present,
                      guint       n_expected)
{
  if (status == 0)
    g_assert_cmpuint (n_present, ==, n_expected);
  else
    {
      /* Refused: with a message, and nothing of it written. */
      g_assert_true (g_str_has_prefix (err, "shequ-cli: "));
      g_assert_cmpuint (n_present, ==, 0);
    }
}

static void
test_import_units_twice (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *file_a = units_file (fixture->dir, 1);
  g_autofree char *file_b = units_file (fixture->dir, 2);
  g_autoptr(GHashTable) parents_a = expected_parents (1);
  g_autoptr(GHashTable) parents_b = expected_parents (2);
  guint both = 0;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autofree char *err_a = NULL;
      g_autofree char *err_b = NULL;
      int status_a, status_b;

      init_street (fixture->db);
      run_two_at_once (fixture->db, "import-units", file_a, file_b,
                       &status_a, &err_a, &status_b, &err_b);

      check_import_outcome (status_a, err_a, count_units_in_place (fixture->db, parents_a),
                            g_hash_table_size (parents_a));
      check_import_outcome (status_b, err_b, count_units_in_place (fixture->db, parents_b),
                            g_hash_table_size (parents_b));
      assert_integrity_ok (fixture->db);
      if (status_a == 0 && status_b == 0)
        both++;
    }
  /* Refusing one is allowed; refusing always is not merging at all. */
  g_assert_cmpuint (both, >, N_ROUNDS / 2);
}

/* Three people at area N's grids, without person codes: each import makes up codes. */
static char *
people_file (const char *dir,
             int         n)
{
  g_autoptr(GString) text = g_string_new ("name,phone,unit_code,role,title\n");
  g_autofree char *name = g_strdup_printf ("people-%d.csv", n);

  for (int p = 1; p <= 3; p++)
    g_string_append_printf (text, "人员%d-%d,1390000%d00%d,%s%d0100%d,grid_worker,网格员\n",
                            n, p, n, p, STREET, n, p == 3 ? 2 : p);
  g_string_append_printf (text, "人员%d-1,1390000%d001,%s%d01,mediator,\n", n, n, STREET, n);
  return shequ_test_write_file (dir, name, text->str);
}

static guint
count_people (const char *db,
              int         n)
{
  sqlite3 *handle = open_raw (db);
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM person WHERE name LIKE '人员%d-%%'", n);
  g_autofree char *posts_sql =
    g_strdup_printf ("SELECT count(*) FROM post JOIN person ON person.id = post.person_id "
                     "WHERE person.name LIKE '人员%d-%%'", n);
  g_autofree char *people = query_text (handle, sql);
  g_autofree char *posts = query_text (handle, posts_sql);
  g_autofree char *codes =
    query_text (handle, "SELECT count(DISTINCT code) = count(*) FROM person");

  sqlite3_close (handle);
  g_assert_cmpstr (codes, ==, "1\n");
  /* Three people, four posts: all or nothing. */
  if (g_str_equal (people, "0\n"))
    {
      g_assert_cmpstr (posts, ==, "0\n");
      return 0;
    }
  g_assert_cmpstr (people, ==, "3\n");
  g_assert_cmpstr (posts, ==, "4\n");
  return 3;
}

static void
test_import_people_twice (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *units_a = units_file (fixture->dir, 1);
  g_autofree char *units_b = units_file (fixture->dir, 2);
  g_autofree char *file_a = people_file (fixture->dir, 1);
  g_autofree char *file_b = people_file (fixture->dir, 2);
  guint both = 0;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autofree char *err_a = NULL;
      g_autofree char *err_b = NULL;
      int status_a, status_b;

      init_street (fixture->db);
      shequ_test_run_cli_ok ("import-units", "--db", fixture->db, units_a, NULL);
      shequ_test_run_cli_ok ("import-units", "--db", fixture->db, units_b, NULL);
      run_two_at_once (fixture->db, "import-people", file_a, file_b,
                       &status_a, &err_a, &status_b, &err_b);

      check_import_outcome (status_a, err_a, count_people (fixture->db, 1), 3);
      check_import_outcome (status_b, err_b, count_people (fixture->db, 2), 3);
      assert_integrity_ok (fixture->db);
      if (status_a == 0 && status_b == 0)
        both++;
    }
  g_assert_cmpuint (both, >, N_ROUNDS / 2);
}

static void
on_changed (ShequOrgStore  *store,
            ShequOrgChange *change,
            guint          *count)
{
  (*count)++;
}

static void
keep_applied (ShequOrgStore  *store,
              ShequOrgChange *change,
              GPtrArray      *seen)
{
  g_ptr_array_add (seen, shequ_org_change_ref (change));
}

static gboolean
keep_before (ShequOrgStore   *store,
             ShequOrgChange  *change,
             ShequOrgChange  *before,
             gpointer         data,
             GError         **error)
{
  g_ptr_array_add (data, shequ_org_change_ref (before));
  return TRUE;
}

/* Each unit CHANGE puts comes after its parent, the first after the street. */
static void
assert_parents_first (ShequOrgChange *change,
                      gint64          street_id)
{
  g_autoptr(GArray) put = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (put, street_id);
  for (guint i = 0; i < shequ_org_change_get_n_unit_puts (change); i++)
    {
      const ShequUnitRow *unit = shequ_org_change_get_unit_put (change, i);
      gboolean found = FALSE;

      for (guint j = 0; j < put->len && !found; j++)
        found = g_array_index (put, gint64, j) == unit->parent_id;
      g_assert_true (found);
      g_array_append_val (put, unit->id);
    }
}

/* An open store sees another program's import after a refresh, with the same objects for
 * the units it had, and then writes without losing a row. */
static void
test_store_refreshes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *file_a = units_file (fixture->dir, 1);
  g_autoptr(GHashTable) parents_a = expected_parents (1);
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ShequUnit *street, *area;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (
    (GDestroyNotify) shequ_org_change_unref);
  gboolean changed = TRUE;
  guint n_changed = 0;

  init_street (fixture->db);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  street = shequ_org_store_get_street (store);
  g_signal_connect (store, "applied", G_CALLBACK (on_changed), &n_changed);
  g_signal_connect (store, "applied", G_CALLBACK (keep_applied), seen);

  /* Nothing new: nothing happens. */
  g_assert_true (shequ_org_store_refresh (store, &changed, &error));
  g_assert_no_error (error);
  g_assert_false (changed);
  g_assert_cmpuint (n_changed, ==, 0);

  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, file_a, NULL);
  g_assert_null (shequ_org_store_lookup_code (store, STREET "01"));

  g_assert_true (shequ_org_store_refresh (store, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpuint (n_changed, ==, 1);
  /* As a change of origin REFRESH: the rows read, parents first. */
  g_assert_cmpint (shequ_org_change_get_origin (seen->pdata[0]), ==, SHEQU_ORG_ORIGIN_REFRESH);
  g_assert_cmpstr (shequ_org_change_get_label (seen->pdata[0]), ==, "");
  g_assert_cmpuint (shequ_org_change_get_n_unit_puts (seen->pdata[0]), ==, 7);
  assert_parents_first (seen->pdata[0], shequ_unit_get_id (street));
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 8);
  g_assert_true (shequ_org_store_get_street (store) == street);
  g_assert_cmpint (shequ_unit_get_total_population (street), ==, 600);
  area = shequ_org_store_lookup_code (store, STREET "01");
  g_assert_nonnull (area);
  g_assert_true (shequ_unit_get_parent (area) == street);

  /* Then writes: a rename and a new unit, the import's rows stay. */
  g_assert_true (shequ_org_store_rename_unit (store, street, "新名街道", &error));
  g_assert_no_error (error);
  g_assert_nonnull (shequ_org_store_add_unit (store, area, "新社区", FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpuint (count_units_in_place (fixture->db, parents_a), ==, 7);
  {
    sqlite3 *handle = open_raw (fixture->db);
    g_autofree char *names = query_text (handle, "SELECT name FROM unit WHERE name IN "
                                                 "('新名街道', '新社区') ORDER BY name");
    g_autofree char *count = query_text (handle, "SELECT count(*) FROM unit");

    sqlite3_close (handle);
    g_assert_cmpstr (names, ==, "新名街道\n新社区\n");
    g_assert_cmpstr (count, ==, "9\n");
  }
  assert_integrity_ok (fixture->db);
}

/* Without a refresh, a store that allocated ids from its old copy still writes a new
 * unit as a new row, beside the rows another program inserted meanwhile. */
static void
test_store_stale_insert (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *file_a = units_file (fixture->dir, 1);
  g_autofree char *file_b = units_file (fixture->dir, 2);
  g_autoptr(GHashTable) parents_a = expected_parents (1);
  g_autoptr(GHashTable) parents_b = expected_parents (2);
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ShequOrgChange *change;
  ShequUnitRow *row;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (
    (GDestroyNotify) shequ_org_change_unref);
  g_autoptr(GPtrArray) befores = g_ptr_array_new_with_free_func (
    (GDestroyNotify) shequ_org_change_unref);
  ShequUnit *street, *added;
  gint64 stale_id;

  init_street (fixture->db);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  street = shequ_org_store_get_street (store);
  g_signal_connect (store, "applied", G_CALLBACK (keep_applied), seen);
  shequ_org_store_add_hook (store, keep_before, befores, NULL);

  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, file_a, NULL);

  /* An id from the old copy, which the import has taken since. */
  stale_id = shequ_org_store_allocate_unit_id (store);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "add");
  row = shequ_unit_row_new ();
  row->id = stale_id;
  row->parent_id = shequ_unit_get_id (street);
  row->tier = SHEQU_TIER_AREA;
  row->code = g_strdup (STREET "09");
  row->name = g_strdup ("手加片区");
  shequ_org_change_put_unit (change, row);
  g_assert_true (shequ_org_store_apply (store, change, &error));
  g_assert_no_error (error);

  /* The store read the import in on the way, and the new row got a new id. */
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 9);
  g_assert_nonnull (shequ_org_store_lookup_code (store, STREET "01"));
  added = shequ_org_store_lookup_code (store, STREET "09");
  g_assert_nonnull (added);
  g_assert_cmpint (shequ_unit_get_id (added), !=, stale_id);
  g_assert_cmpstr (shequ_unit_get_code (shequ_org_store_lookup_unit (store, stale_id)), !=,
                   STREET "09");
  /* "applied" told the rows read in on the way, then the change with the final id; the
   * hook's before-images (the undo) delete that id. */
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpint (shequ_org_change_get_origin (seen->pdata[0]), ==, SHEQU_ORG_ORIGIN_REFRESH);
  g_assert_cmpint (shequ_org_change_get_unit_put (seen->pdata[1], 0)->id, ==,
                   shequ_unit_get_id (added));
  g_assert_cmpuint (shequ_org_change_get_n_unit_deletes (befores->pdata[0]), ==, 1);
  g_assert_cmpint (shequ_org_change_get_unit_delete (befores->pdata[0], 0), ==,
                   shequ_unit_get_id (added));

  /* Again through an edit, which must return the unit it made. */
  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, file_b, NULL);
  added = shequ_org_store_add_unit (store, street, "后加片区", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  g_assert_cmpstr (shequ_unit_get_name (added), ==, "后加片区");
  g_assert_true (shequ_org_store_lookup_unit (store, shequ_unit_get_id (added)) == added);
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 17);

  /* Undo removes only the store's own unit. */
  g_assert_true (shequ_org_store_undo (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpuint (count_units_in_place (fixture->db, parents_a), ==, 7);
  g_assert_cmpuint (count_units_in_place (fixture->db, parents_b), ==, 7);
  {
    sqlite3 *handle = open_raw (fixture->db);
    g_autofree char *count = query_text (handle, "SELECT count(*) FROM unit");
    g_autofree char *hand =
      query_text (handle, "SELECT name FROM unit WHERE code = '" STREET "09'");

    sqlite3_close (handle);
    g_assert_cmpstr (count, ==, "16\n");
    g_assert_cmpstr (hand, ==, "手加片区\n");
  }
  assert_integrity_ok (fixture->db);
}

/* A rename of a unit another program renamed meanwhile is refused; the file keeps the
 * other program's version and the store shows it. */
static void
test_store_conflict_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *rename_file =
    shequ_test_write_file (fixture->dir, "rename.csv",
                           "code,name,tier,parent_code\n" STREET ",别人改的街道,street,\n");
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ShequUnit *street;

  init_street (fixture->db);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  street = shequ_org_store_get_street (store);

  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, rename_file, NULL);
  before = dump_db (fixture->db);

  g_assert_false (shequ_org_store_rename_unit (store, street, "我改的街道", &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "测试街道"));
  g_clear_error (&error);

  after = dump_db (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (shequ_org_store_get_street (store) == street);
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "别人改的街道");
  g_assert_false (shequ_org_store_get_can_undo (store));

  /* Now that the store has read the rename, the user may rename again. */
  g_assert_true (shequ_org_store_rename_unit (store, street, "我改的街道", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  assert_integrity_ok (fixture->db);
}

/* Undo of a rename that another program changed since is refused, refreshed or not. */
static void
test_undo_conflict_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *rename_file =
    shequ_test_write_file (fixture->dir, "rename.csv",
                           "code,name,tier,parent_code\n" STREET ",别人改的街道,street,\n");
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  init_street (fixture->db);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  g_assert_true (shequ_org_store_rename_unit (store, shequ_org_store_get_street (store),
                                              "我改的街道", &error));
  g_assert_no_error (error);

  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, rename_file, NULL);
  before = dump_db (fixture->db);

  /* Stale: found inside the transaction. */
  g_assert_false (shequ_org_store_undo (store, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT);
  g_clear_error (&error);
  /* Refreshed: found against the rows the rename wrote. */
  g_assert_true (shequ_org_store_refresh (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (shequ_org_store_undo (store, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT);

  after = dump_db (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (shequ_unit_get_name (shequ_org_store_get_street (store)), ==, "别人改的街道");
}

/* Another program swaps the codes of two units: the store follows, with the same
 * objects, and each code finds its unit. */
static void
test_store_refresh_code_swap (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *file_a = units_file (fixture->dir, 1);
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ShequUnit *first, *second;
  gboolean changed = FALSE;
  sqlite3 *other;

  init_street (fixture->db);
  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, file_a, NULL);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  first = shequ_org_store_lookup_code (store, STREET "101001");
  second = shequ_org_store_lookup_code (store, STREET "101002");
  g_assert_nonnull (first);
  g_assert_nonnull (second);

  other = open_raw (fixture->db);
  g_assert_cmpint (sqlite3_exec (other,
                                 "BEGIN;"
                                 "UPDATE unit SET code = 'x' WHERE code = '" STREET "101001';"
                                 "UPDATE unit SET code = '" STREET "101001' "
                                 "  WHERE code = '" STREET "101002';"
                                 "UPDATE unit SET code = '" STREET "101002', population = 7 "
                                 "  WHERE code = 'x';"
                                 "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_true (shequ_org_store_refresh (store, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_true (shequ_org_store_lookup_code (store, STREET "101001") == second);
  g_assert_true (shequ_org_store_lookup_code (store, STREET "101002") == first);
  g_assert_cmpstr (shequ_unit_get_code (first), ==, STREET "101002");
  g_assert_cmpint (shequ_unit_get_population (first), ==, 7);
  g_assert_cmpint (shequ_unit_get_total_population (shequ_org_store_get_street (store)), ==,
                   7 + 200 + 100 + 200);

  g_assert_true (shequ_org_store_rename_unit (store, first, "换号网格", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  assert_integrity_ok (fixture->db);
}

/* A person added in a stale store gets a person code from the fresh rows, beside the
 * people another program imported meanwhile. */
static void
test_store_stale_add_person (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *units_a = units_file (fixture->dir, 1);
  g_autofree char *people_a = people_file (fixture->dir, 1);
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ShequUnit *grid;
  ShequPost *post;

  init_street (fixture->db);
  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, units_a, NULL);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  grid = shequ_org_store_lookup_code (store, STREET "101001");
  g_assert_nonnull (grid);

  shequ_test_run_cli_ok ("import-people", "--db", fixture->db, people_a, NULL);

  post = shequ_org_store_add_person_post (store, grid, "自己加的人", "13800000000",
                                          SHEQU_ROLE_VOLUNTEER, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpstr (shequ_person_get_name (shequ_post_get_person (post)), ==, "自己加的人");
  g_assert_true (shequ_post_get_unit (post) == grid);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_org_store_get_people (store)), ==, 4);
  g_clear_object (&store);

  g_assert_cmpuint (count_people (fixture->db, 1), ==, 3);
  {
    sqlite3 *handle = open_raw (fixture->db);
    g_autofree char *count = query_text (handle, "SELECT count(*) FROM person");

    sqlite3_close (handle);
    g_assert_cmpstr (count, ==, "4\n");
  }
  assert_integrity_ok (fixture->db);
}

/* Undo of an import whose rows another program changed since is refused; undo of one
 * whose rows are untouched removes exactly them, next to the other program's rows. */
static void
test_undo_import_checked (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *file_a = units_file (fixture->dir, 1);
  g_autofree char *file_b = units_file (fixture->dir, 2);
  g_autofree char *rename_file =
    shequ_test_write_file (fixture->dir, "rename.csv",
                           "code,name,tier,parent_code\n" STREET "01,别人改的片区,area," STREET "\n");
  g_autoptr(GHashTable) parents_b = expected_parents (2);
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (file_a);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n = 0;

  init_street (fixture->db);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  g_assert_true (shequ_io_import_units (store, file, SHEQU_IO_FORMAT_AUTO,
                                        SHEQU_IO_ENCODING_AUTO, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 7);

  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, rename_file, NULL);
  before = dump_db (fixture->db);
  g_assert_false (shequ_org_store_undo (store, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "片区1"));
  g_clear_error (&error);
  after = dump_db (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_clear_object (&store);

  /* Untouched: the undo takes out the store's import, not the other program's. */
  init_street (fixture->db);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  g_assert_true (shequ_io_import_units (store, file, SHEQU_IO_FORMAT_AUTO,
                                        SHEQU_IO_ENCODING_AUTO, &n, &error));
  g_assert_no_error (error);
  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, file_b, NULL);
  g_assert_true (shequ_org_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_org_store_redo (store, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_org_store_undo (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpuint (count_units_in_place (fixture->db, parents_b), ==, 7);
  {
    sqlite3 *handle = open_raw (fixture->db);
    g_autofree char *count = query_text (handle, "SELECT count(*) FROM unit");

    sqlite3_close (handle);
    g_assert_cmpstr (count, ==, "8\n");
  }
  assert_integrity_ok (fixture->db);

  /* Redo after the other program reused the freed ids: the rows come back under new
   * ids, each under its own parent, and the other program's rows stay. */
  init_street (fixture->db);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);
  g_assert_true (shequ_io_import_units (store, file, SHEQU_IO_FORMAT_AUTO,
                                        SHEQU_IO_ENCODING_AUTO, &n, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_org_store_undo (store, &error));
  g_assert_no_error (error);
  shequ_test_run_cli_ok ("import-units", "--db", fixture->db, file_b, NULL);
  g_assert_true (shequ_org_store_redo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 15);
  g_clear_object (&store);
  {
    g_autoptr(GHashTable) parents_a = expected_parents (1);

    g_assert_cmpuint (count_units_in_place (fixture->db, parents_a), ==, 7);
    g_assert_cmpuint (count_units_in_place (fixture->db, parents_b), ==, 7);
  }
  assert_integrity_ok (fixture->db);
}

/* Rows another program wrote that make no tree (here a unit whose parent is missing,
 * written with foreign keys off) are reported as damage, and the objects stay. */
static void
test_store_refresh_refuses_broken_tree (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = TRUE;
  sqlite3 *other;

  init_street (fixture->db);
  store = shequ_test_open_store (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL);

  other = open_raw (fixture->db);
  g_assert_cmpint (sqlite3_exec (other,
                                 "INSERT INTO unit (id, parent_id, tier, code, name) "
                                 "VALUES (50, 49, 'grid', '" STREET "999999', '孤儿网格')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_false (shequ_org_store_refresh (store, &changed, &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT);
  g_assert_false (changed);
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 1);
  g_clear_error (&error);

  /* Nor does a write go on top of it. */
  g_assert_false (shequ_org_store_rename_unit (store, shequ_org_store_get_street (store),
                                               "新名街道", &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT);
}

typedef struct {
  const char *db;
  gboolean    fail;
} WriteJob;

static gboolean
write_side_table (ShequDatabase  *db,
                  gpointer        data,
                  GError        **error)
{
  WriteJob *job = data;
  sqlite3 *other = open_raw (job->db);

  g_assert_true (shequ_database_in_transaction (db));
  /* The write lock is held from the start: another writer waits. */
  sqlite3_busy_timeout (other, 0);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_BUSY);
  sqlite3_close (other);
  if (!shequ_database_exec (db, "CREATE TABLE side (x); INSERT INTO side VALUES (1)", error))
    return FALSE;
  if (job->fail)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
  return !job->fail;
}

static gboolean
read_side_table_twice (ShequDatabase  *db,
                       gpointer        data,
                       GError        **error)
{
  const char *path = data;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  sqlite3 *other;

  first = query_text (shequ_database_get_handle (db), "SELECT count(*) FROM side");
  other = open_raw (path);
  g_assert_cmpint (sqlite3_exec (other, "INSERT INTO side VALUES (2)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (other);
  second = query_text (shequ_database_get_handle (db), "SELECT count(*) FROM side");
  g_assert_cmpstr (first, ==, second);
  return TRUE;
}

/* The database's one transaction helper: a write holds the lock, commits what its
 * function did or rolls all of it back; a read sees one moment. */
static void
test_database_transactions (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  WriteJob job = { fixture->db, TRUE };
  sqlite3 *other;
  char *count;

  init_street (fixture->db);
  db = shequ_database_open (fixture->db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_false (shequ_database_write (db, write_side_table, &job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (shequ_database_in_transaction (db));
  other = open_raw (fixture->db);
  g_assert_cmpint (sqlite3_exec (other, "SELECT * FROM side", NULL, NULL, NULL), ==, SQLITE_ERROR);

  job.fail = FALSE;
  g_assert_true (shequ_database_write (db, write_side_table, &job, &error));
  g_assert_no_error (error);
  count = query_text (other, "SELECT count(*) FROM side");
  g_assert_cmpstr (count, ==, "1\n");
  g_free (count);

  g_assert_true (shequ_database_read (db, read_side_table_twice, (gpointer) fixture->db, &error));
  g_assert_no_error (error);
  g_assert_false (shequ_database_in_transaction (db));
  count = query_text (shequ_database_get_handle (db), "SELECT count(*) FROM side");
  g_assert_cmpstr (count, ==, "2\n");
  g_free (count);
  sqlite3_close (other);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/concurrency/import-units/two-at-once", test_import_units_twice);
  ADD ("/concurrency/import-people/two-at-once", test_import_people_twice);
  ADD ("/concurrency/store/refresh-then-write", test_store_refreshes);
  ADD ("/concurrency/store/stale-insert-keeps-other-rows", test_store_stale_insert);
  ADD ("/concurrency/store/stale-add-person-keeps-other-people", test_store_stale_add_person);
  ADD ("/concurrency/store/refresh-follows-code-swap", test_store_refresh_code_swap);
  ADD ("/concurrency/store/refresh-refuses-broken-tree", test_store_refresh_refuses_broken_tree);
  ADD ("/concurrency/store/conflicting-update-refused", test_store_conflict_refused);
  ADD ("/concurrency/store/conflicting-undo-refused", test_undo_conflict_refused);
  ADD ("/concurrency/store/undo-import-checked", test_undo_import_checked);
  ADD ("/concurrency/database/transactions", test_database_transactions);
#undef ADD

  return g_test_run ();
}
