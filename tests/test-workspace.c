/* test-workspace.c — ShequWorkspace: opening, backups, checks, restores and imports off
 * the main thread, with progress and results on the caller's main context */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "shequ-database-private.h"
#include "shequ-sample.h"
#include "shequ-test-util.h"
#include "shequ-workspace.h"

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShequTestDir, shequ_test_dir_clear)

static GThread *main_thread;

/* One call's outcome, and what its progress callback saw. */
typedef struct {
  GAsyncResult *result;
  guint         n_progress;
  goffset       last_current;
  goffset       last_total;
  gboolean      progress_after_done;
  GCancellable *cancel_on_progress;  /* cancelled at the first report */
} Call;

static void
call_clear (Call *call)
{
  g_clear_object (&call->result);
  g_clear_object (&call->cancel_on_progress);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Call, call_clear)

static void
on_progress (goffset  current,
             goffset  total,
             gpointer data)
{
  Call *call = data;

  g_assert_true (g_thread_self () == main_thread);
  g_assert_cmpint (current, <=, total);
  call->progress_after_done |= call->result != NULL;
  call->n_progress++;
  call->last_current = current;
  call->last_total = total;
  if (call->cancel_on_progress != NULL)
    g_cancellable_cancel (call->cancel_on_progress);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Call *call = data;

  g_assert_true (g_thread_self () == main_thread);
  g_assert_null (call->result);
  call->result = g_object_ref (result);
}

/* Waits for CALL's callback on CONTEXT, then a little more: no progress may come after it. */
static void
wait_for_in (Call         *call,
             GMainContext *context)
{
  while (call->result == NULL)
    g_main_context_iteration (context, TRUE);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_false (call->progress_after_done);
}

static void
wait_for (Call *call)
{
  wait_for_in (call, NULL);
}

static ShequWorkspace *
open_async_and_wait (const char          *path,
                     ShequDatabaseFlags   flags,
                     GError             **error)
{
  g_auto(Call) call = { 0 };

  shequ_workspace_open_async (path, flags, NULL, on_progress, &call, on_done, &call);
  wait_for (&call);
  /* Steps: the database open, the street read. */
  g_assert_cmpint (call.last_total, <=, 2);
  return shequ_workspace_open_finish (call.result, error);
}

/* Through the sqlite3 program, as another program would. */
static void
exec_sql (const char *path,
          const char *sql)
{
  g_auto(ShequTestResult) result = shequ_test_run ("sqlite3", path, sql, NULL);

  g_assert_cmpint (result.status, ==, 0);
}

/* Noise over one page of the index on unit codes: the file opens and the street reads,
 * the full check finds the damage. */
static void
damage_code_index (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page = 0;
  char noise[1024];
  FILE *file;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_master "
                                           "WHERE name = 'sqlite_autoindex_unit_1'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (page, >, 1);

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (char) (0x5A ^ (i * 13));
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  /* Cells sit at the end of a page. */
  g_assert_cmpint (fseek (file, page * 4096 - sizeof noise, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (noise, 1, sizeof noise, file), ==, sizeof noise);
  fclose (file);
}

/* Garbage over page 2: the file cannot be opened as a street. */
static void
damage_page_two (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 3 * 4096);
  for (gsize i = 4096; i < 8192; i++)
    contents[i] = (char) (i * 7 + 3);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

/* ------------------------------------------------------------------------ */

static void
test_open (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_autoptr(ShequWorkspace) sync = NULL;
  g_autoptr(ShequWorkspace) async = NULL;
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  shequ_test_make_sample_database (dir.db, FALSE);

  sync = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (shequ_workspace_get_store (sync)), ==, 205);
  {
    g_autofree char *path = NULL;

    g_object_get (sync, "path", &path, NULL);
    g_assert_cmpstr (path, ==, dir.db);
  }

  async = open_async_and_wait (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (shequ_workspace_get_store (async)), ==, 205);
  g_assert_true (shequ_workspace_get_database (async) ==
                 shequ_org_store_get_database (shequ_workspace_get_store (async)));
}

static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autofree char *before = g_file_test (path, G_FILE_TEST_EXISTS)
                              ? shequ_test_file_sha256 (path) : NULL;
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  workspace = open_async_and_wait (path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_null (workspace);
  g_assert_error (error, SHEQU_DB_ERROR, code);
  g_clear_error (&error);
  workspace = shequ_workspace_open (path, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_null (workspace);
  g_assert_error (error, SHEQU_DB_ERROR, code);
  if (before != NULL)
    {
      g_autofree char *after = shequ_test_file_sha256 (path);

      g_assert_cmpstr (before, ==, after);
    }
  else
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_open_failures (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_autofree char *missing = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *foreign = NULL;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "damaged.db");
  missing = g_build_filename (dir.dir, "missing.db", NULL);
  newer = g_build_filename (dir.dir, "newer.db", NULL);
  foreign = g_build_filename (dir.dir, "foreign.db", NULL);

  assert_open_fails (missing, SHEQU_DB_ERROR_OPEN);

  shequ_test_make_sample_database (dir.db, FALSE);
  damage_page_two (dir.db);
  assert_open_fails (dir.db, SHEQU_DB_ERROR_CORRUPT);

  shequ_test_make_sample_database (newer, FALSE);
  exec_sql (newer, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
  assert_open_fails (newer, SHEQU_DB_ERROR_NEWER);

  exec_sql (foreign, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);");
  assert_open_fails (foreign, SHEQU_DB_ERROR_NOT_SHEQU);
}

static void
test_backup (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_auto(Call) call = { 0 };
  g_autofree char *copy = NULL;
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(ShequWorkspace) copied = NULL;
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  shequ_test_make_sample_database (dir.db, FALSE);
  copy = g_build_filename (dir.dir, "copy.db", NULL);
  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);

  shequ_workspace_back_up_async (workspace, copy, NULL, on_progress, &call, on_done, &call);
  wait_for (&call);
  g_assert_true (shequ_workspace_back_up_finish (workspace, call.result, &error));
  g_assert_no_error (error);
  /* Pages copied, up to all of them. */
  g_assert_cmpuint (call.n_progress, >, 0);
  g_assert_cmpint (call.last_total, >, 1);
  g_assert_cmpint (call.last_current, ==, call.last_total);

  copied = shequ_workspace_open (copy, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (shequ_workspace_get_store (copied)), ==, 205);
}

static void
test_daily_backup (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GError) error = NULL;
  ShequBackupKind kind = SHEQU_BACKUP_KIND_MANUAL;
  goffset size = 0;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  shequ_test_make_sample_database (dir.db, FALSE);
  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  backups = shequ_database_list_backups (dir.db);
  g_assert_cmpuint (backups->len, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);

  /* Twice: one backup a day. */
  for (guint i = 0; i < 2; i++)
    {
      g_auto(Call) call = { 0 };

      shequ_workspace_daily_backup_async (workspace, NULL, NULL, NULL, on_done, &call);
      wait_for (&call);
      g_assert_true (shequ_workspace_daily_backup_finish (workspace, call.result, &error));
      g_assert_no_error (error);
    }
  backups = shequ_database_list_backups (dir.db);
  g_assert_cmpuint (backups->len, ==, 1);

  /* The core says what it is; nobody else reads the name. */
  g_assert_true (shequ_database_describe_backup (g_ptr_array_index (backups, 0), &kind,
                                                 &modified, &size));
  g_assert_cmpint (kind, ==, SHEQU_BACKUP_KIND_DAILY);
  g_assert_cmpstr (shequ_backup_kind_get_label (kind), ==, "Daily backup");
  g_assert_nonnull (modified);
  g_assert_cmpint (size, >, 4096);
}

static gboolean
check_integrity (ShequWorkspace  *workspace,
                 GError         **error)
{
  g_auto(Call) call = { 0 };

  shequ_workspace_check_integrity_async (workspace, NULL, on_progress, &call, on_done, &call);
  wait_for (&call);
  g_assert_cmpuint (call.n_progress, >, 0);
  return shequ_workspace_check_integrity_finish (workspace, call.result, error);
}

static void
test_integrity (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  shequ_test_make_sample_database (dir.db, FALSE);
  exec_sql (dir.db, "PRAGMA journal_mode = DELETE");
  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (check_integrity (workspace, &error));
  g_assert_no_error (error);
  g_clear_object (&workspace);

  damage_code_index (dir.db);
  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (check_integrity (workspace, &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT);
}

static void
on_notify_store (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n_notified)
{
  (*n_notified)++;
}

static void
test_restore (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_auto(Call) backup = { 0 };
  g_auto(Call) restore = { 0 };
  g_autofree char *copy = NULL;
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(ShequOrgStore) old_store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  ShequOrgStore *store;
  guint n_notified = 0;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  shequ_test_make_sample_database (dir.db, FALSE);
  copy = g_build_filename (dir.dir, "copy.db", NULL);
  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  shequ_workspace_back_up_async (workspace, copy, NULL, NULL, NULL, on_done, &backup);
  wait_for (&backup);
  g_assert_true (shequ_workspace_back_up_finish (workspace, backup.result, &error));

  store = shequ_workspace_get_store (workspace);
  g_assert_true (shequ_org_store_rename_unit (store, shequ_org_store_get_street (store),
                                              "改名街道", &error));
  g_assert_no_error (error);
  old_store = g_object_ref (store);

  g_signal_connect (workspace, "notify::store", G_CALLBACK (on_notify_store), &n_notified);
  shequ_workspace_restore_async (workspace, copy, NULL, on_progress, &restore, on_done, &restore);
  wait_for (&restore);
  g_assert_true (shequ_workspace_restore_finish (workspace, restore.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpint (restore.last_current, ==, restore.last_total);

  store = shequ_workspace_get_store (workspace);
  g_assert_true (store != old_store);
  g_assert_cmpstr (shequ_unit_get_name (shequ_org_store_get_street (store)), ==, "平邑街道");
  g_assert_false (shequ_org_store_get_can_undo (store));
  /* The replaced state was kept first. */
  backups = shequ_database_list_backups (dir.db);
  g_assert_cmpuint (backups->len, ==, 1);
  {
    ShequBackupKind kind;

    shequ_database_describe_backup (g_ptr_array_index (backups, 0), &kind, NULL, NULL);
    g_assert_cmpint (kind, ==, SHEQU_BACKUP_KIND_BEFORE_RESTORE);
  }

  /* A refused backup changes nothing. */
  g_free (copy);
  copy = g_build_filename (dir.dir, "no-such-backup.db", NULL);
  g_assert_false (shequ_workspace_restore (workspace, copy, NULL, &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_BACKUP);
  g_assert_true (shequ_workspace_get_store (workspace) == store);
}

static void
test_restore_file (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_auto(Call) call = { 0 };
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;
  gboolean kept = FALSE;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  shequ_test_make_sample_database (dir.db, TRUE);
  backups = shequ_database_list_backups (dir.db);
  g_assert_cmpuint (backups->len, ==, 1);
  damage_page_two (dir.db);

  shequ_workspace_restore_file_async (dir.db, g_ptr_array_index (backups, 0), NULL,
                                      on_progress, &call, on_done, &call);
  wait_for (&call);
  g_assert_true (shequ_workspace_restore_file_finish (call.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (call.n_progress, >, 0);

  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (shequ_workspace_get_store (workspace)), ==, 205);

  folder = g_dir_open (dir.dir, 0, NULL);
  while ((name = g_dir_read_name (folder)) != NULL)
    kept |= g_str_has_prefix (name, "street.db.damaged-");
  g_assert_true (kept);
}

static gboolean
import_file (ShequWorkspace  *workspace,
             ShequIoTable     table,
             const char      *path,
             Call            *call,
             GCancellable    *cancellable,
             guint           *n_rows,
             GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  shequ_workspace_import_async (workspace, table, file, SHEQU_IO_FORMAT_AUTO,
                                SHEQU_IO_ENCODING_AUTO, cancellable, on_progress, call,
                                on_done, call);
  wait_for (call);
  return shequ_workspace_import_finish (workspace, call->result, n_rows, error);
}

static void
test_import (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_auto(Call) units = { 0 };
  g_auto(Call) people = { 0 };
  g_autofree char *units_csv = NULL;
  g_autofree char *people_csv = NULL;
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  ShequOrgStore *store;
  guint n_rows = 0;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  units_csv = shequ_test_write_file (dir.dir, "units.csv",
                                     "code,name,tier,parent_code\n"
                                     "371326001,平邑街道,street,\n"
                                     "371326001001,东片区,area,371326001\n");
  people_csv = shequ_test_write_file (dir.dir, "people.csv",
                                      "person_code,name,phone,unit_code,role,title\n"
                                      "P00001,张三,13800000001,371326001001,mediator,\n");
  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_CREATE |
                                    SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  store = shequ_workspace_get_store (workspace);

  g_assert_true (import_file (workspace, SHEQU_IO_TABLE_UNITS, units_csv, &units, NULL,
                              &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, 2);
  /* Bytes read, up to the whole file. */
  g_assert_cmpint (units.last_current, ==, units.last_total);
  g_assert_cmpint (units.last_total, ==, strlen ("code,name,tier,parent_code\n"
                                                 "371326001,平邑街道,street,\n"
                                                 "371326001001,东片区,area,371326001\n"));
  g_assert_true (shequ_org_store_get_can_undo (store));

  g_assert_true (import_file (workspace, SHEQU_IO_TABLE_PEOPLE, people_csv, &people, NULL,
                              &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_org_store_get_people (store)), ==, 1);
}

static void
test_import_errors (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_auto(Call) call = { 0 };
  g_auto(Call) missing = { 0 };
  g_autofree char *bad_csv = NULL;
  g_autofree char *none = NULL;
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(ShequWorkspace) reopened = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 99;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  shequ_test_make_sample_database (dir.db, FALSE);
  bad_csv = shequ_test_write_file (dir.dir, "bad.csv",
                                   "code,name,tier,parent_code,population\n"
                                   "37132600199,新片区,area,371326001,\n"
                                   "37132600198,坏片区,area,999999999,-3\n");
  none = g_build_filename (dir.dir, "none.csv", NULL);
  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (import_file (workspace, SHEQU_IO_TABLE_UNITS, bad_csv, &call, NULL,
                               &n_rows, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "999999999"));
  g_assert_cmpuint (n_rows, ==, 0);
  g_clear_error (&error);

  g_assert_false (import_file (workspace, SHEQU_IO_TABLE_UNITS, none, &missing, NULL,
                               NULL, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_READ);
  g_clear_error (&error);

  /* Not even the good line went in. */
  g_assert_null (shequ_org_store_lookup_code (shequ_workspace_get_store (workspace),
                                              "37132600199"));
  g_assert_false (shequ_org_store_get_can_undo (shequ_workspace_get_store (workspace)));
  reopened = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (shequ_workspace_get_store (reopened)), ==, 205);
}

static void
test_cancel_before (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_auto(Call) open = { 0 };
  g_auto(Call) backup = { 0 };
  g_auto(Call) check = { 0 };
  g_auto(Call) import = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *copy = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  shequ_test_make_sample_database (dir.db, FALSE);
  copy = g_build_filename (dir.dir, "copy.db", NULL);
  csv = shequ_test_write_file (dir.dir, "units.csv", "code,name,tier,parent_code\n"
                                                     "37132600199,新片区,area,371326001\n");
  g_cancellable_cancel (cancellable);

  g_assert_null (shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, cancellable,
                                       &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  shequ_workspace_open_async (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, cancellable, NULL, NULL,
                              on_done, &open);
  wait_for (&open);
  g_assert_null (shequ_workspace_open_finish (open.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  shequ_workspace_back_up_async (workspace, copy, cancellable, NULL, NULL, on_done, &backup);
  wait_for (&backup);
  g_assert_false (shequ_workspace_back_up_finish (workspace, backup.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  shequ_workspace_check_integrity_async (workspace, cancellable, NULL, NULL, on_done, &check);
  wait_for (&check);
  g_assert_false (shequ_workspace_check_integrity_finish (workspace, check.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (import_file (workspace, SHEQU_IO_TABLE_UNITS, csv, &import, cancellable,
                               NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (shequ_org_store_lookup_code (shequ_workspace_get_store (workspace),
                                              "37132600199"));
}

/* A street large enough for a backup of several steps (8 MB), and an import whose first
 * report of bytes read cancels it: the apply on the main context, after the reports, is
 * skipped. */
static void
test_cancel_during (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_auto(Call) backup = { 0 };
  g_auto(Call) import = { 0 };
  g_autofree char *copy = NULL;
  g_autofree char *part = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GString) text = g_string_new ("code,name,tier,parent_code\n");
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  ShequOrgStore *store;
  guint n_units;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  copy = g_build_filename (dir.dir, "copy.db", NULL);
  part = g_strconcat (copy, ".part", NULL);
  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_CREATE |
                                    SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  store = shequ_workspace_get_store (workspace);
  g_assert_true (shequ_sample_populate_synthetic (store, 60000, &error));
  g_assert_no_error (error);
  n_units = shequ_org_store_get_n_units (store);

  backup.cancel_on_progress = g_cancellable_new ();
  shequ_workspace_back_up_async (workspace, copy, backup.cancel_on_progress, on_progress,
                                 &backup, on_done, &backup);
  wait_for (&backup);
  g_assert_false (shequ_workspace_back_up_finish (workspace, backup.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (backup.last_current, <, backup.last_total);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  for (guint i = 0; text->len < 512 * 1024; i++)
    g_string_append_printf (text, "3713260019%05u,新片区%u,area,371326001\n", i, i);
  csv = shequ_test_write_file (dir.dir, "units.csv", text->str);
  import.cancel_on_progress = g_cancellable_new ();
  g_assert_false (import_file (workspace, SHEQU_IO_TABLE_UNITS, csv, &import,
                               import.cancel_on_progress, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (import.n_progress, >, 0);
  g_assert_cmpuint (shequ_org_store_get_n_units (store), ==, n_units);
}

/* Progress and the callback come on the thread-default context of the call, not the
 * global default one. */
static void
test_caller_context (void)
{
  g_auto(ShequTestDir) dir = { 0 };
  g_auto(Call) call = { 0 };
  g_autofree char *copy = NULL;
  g_autoptr(ShequWorkspace) workspace = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&dir, "shequ-test-workspace-XXXXXX", "street.db");
  shequ_test_make_sample_database (dir.db, FALSE);
  copy = g_build_filename (dir.dir, "copy.db", NULL);
  workspace = shequ_workspace_open (dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);

  g_main_context_push_thread_default (context);
  shequ_workspace_back_up_async (workspace, copy, NULL, on_progress, &call, on_done, &call);
  g_main_context_pop_thread_default (context);
  /* Wait until the copy is written: nothing arrives on the default context. */
  while (!g_file_test (copy, G_FILE_TEST_EXISTS))
    g_usleep (10 * 1000);
  g_usleep (50 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (call.result);
  g_assert_cmpuint (call.n_progress, ==, 0);

  wait_for_in (&call, context);
  g_assert_cmpuint (call.n_progress, >, 0);
  g_assert_true (shequ_workspace_back_up_finish (workspace, call.result, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/workspace/open/ok", test_open);
  g_test_add_func ("/workspace/open/failures", test_open_failures);
  g_test_add_func ("/workspace/backup/to-path", test_backup);
  g_test_add_func ("/workspace/backup/daily", test_daily_backup);
  g_test_add_func ("/workspace/integrity", test_integrity);
  g_test_add_func ("/workspace/restore/open", test_restore);
  g_test_add_func ("/workspace/restore/damaged-file", test_restore_file);
  g_test_add_func ("/workspace/import/ok", test_import);
  g_test_add_func ("/workspace/import/errors", test_import_errors);
  g_test_add_func ("/workspace/cancel/before", test_cancel_before);
  g_test_add_func ("/workspace/cancel/during", test_cancel_during);
  g_test_add_func ("/workspace/progress/caller-context", test_caller_context);

  return g_test_run ();
}
