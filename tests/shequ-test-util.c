/* shequ-test-util.c — helpers the test programs share: programs, temp dirs, sample data */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-test-util"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "shequ-audit.h"
#include "shequ-database-private.h"
#include "shequ-sample.h"
#include "shequ-test-util.h"

void
shequ_test_result_clear (ShequTestResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/* The shequ-cli of this build. */
char *
shequ_test_cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "shequ-cli", NULL);
}

/* Runs ARGV (NULL-terminated, argv[0] looked up in PATH) and waits for it. g_spawn_sync
 * rather than GSubprocess: the output is kept as written, UTF-8 or not. */
ShequTestResult
shequ_test_run_argv (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  ShequTestResult result = { 0 };
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &result.out, &result.err, &wait_status, &error));
  g_assert_no_error (error);
  result.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (result.status != 0)
    g_test_message ("%s exited with %d: %s", argv[0], wait_status, result.err);
  return result;
}

static GPtrArray *
argv_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
argv_add_valist (GPtrArray  *argv,
                 const char *first,
                 va_list     args)
{
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
}

/* Runs PROGRAM with the NULL-terminated arguments. */
ShequTestResult
shequ_test_run (const char *program,
                ...)
{
  g_autoptr(GPtrArray) argv = argv_new ();
  va_list args;

  va_start (args, program);
  argv_add_valist (argv, program, args);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return shequ_test_run_argv ((const char *const *) argv->pdata);
}

static ShequTestResult
run_cli_valist (int         uid,
                const char *first,
                va_list     args)
{
  g_autoptr(GPtrArray) argv = argv_new ();
  ShequTestResult result;

  if (uid >= 0)
    {
      g_ptr_array_add (argv, g_strdup ("setpriv"));
      g_ptr_array_add (argv, g_strdup_printf ("--reuid=%d", uid));
      g_ptr_array_add (argv, g_strdup_printf ("--regid=%d", uid));
      g_ptr_array_add (argv, g_strdup ("--clear-groups"));
    }
  g_ptr_array_add (argv, shequ_test_cli_path ());
  argv_add_valist (argv, first, args);
  g_ptr_array_add (argv, NULL);
  result = shequ_test_run_argv ((const char *const *) argv->pdata);
  /* Refusals are exits, never crashes. */
  g_assert_cmpint (result.status, !=, -1);
  return result;
}

/* Runs shequ-cli with the NULL-terminated arguments; it must exit, not crash. */
ShequTestResult
shequ_test_run_cli (const char *first,
                    ...)
{
  ShequTestResult result;
  va_list args;

  va_start (args, first);
  result = run_cli_valist (-1, first, args);
  va_end (args);
  return result;
}

/* Runs shequ-cli as the user UID when it is not -1 (through setpriv). */
ShequTestResult
shequ_test_run_cli_as (int         uid,
                       const char *first,
                       ...)
{
  ShequTestResult result;
  va_list args;

  va_start (args, first);
  result = run_cli_valist (uid, first, args);
  va_end (args);
  return result;
}

/* Runs shequ-cli; anything but a clean exit ends the test. */
void
shequ_test_run_cli_ok (const char *first,
                       ...)
{
  g_auto(ShequTestResult) result = { 0 };
  va_list args;

  va_start (args, first);
  result = run_cli_valist (-1, first, args);
  va_end (args);
  if (result.status != 0)
    g_error ("shequ-cli %s failed: %s", first, result.err);
}

/* Starts shequ-cli with the NULL-terminated arguments, its output in pipes, without
 * waiting for it: shequ_test_finish_cli() does. */
GSubprocess *
shequ_test_spawn_cli (const char *first,
                      ...)
{
  g_autoptr(GPtrArray) argv = argv_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list args;

  g_ptr_array_add (argv, shequ_test_cli_path ());
  va_start (args, first);
  argv_add_valist (argv, first, args);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  return process;
}

/* Waits for PROCESS from shequ_test_spawn_cli(); its exit status, and stderr in ERR. */
int
shequ_test_finish_cli (GSubprocess  *process,
                       char        **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("shequ-cli died of signal %d: %s", g_subprocess_get_term_sig (process),
             err && *err ? *err : "");
  return g_subprocess_get_exit_status (process);
}

void
shequ_test_assert_cli_success (const ShequTestResult *result)
{
  if (result->status != 0)
    g_error ("shequ-cli exited with %d: %s", result->status, result->err);
}

/* A refusal: a non-zero exit and a "shequ-cli: " message holding NEEDLE (if not NULL). */
void
shequ_test_assert_cli_failure (const ShequTestResult *result,
                               const char            *needle)
{
  g_assert_cmpint (result->status, !=, 0);
  g_assert_true (g_str_has_prefix (result->err, "shequ-cli: "));
  if (needle != NULL && strstr (result->err, needle) == NULL)
    g_error ("“%s” not in stderr: %s", needle, result->err);
}

/* Ends a test program that cannot run here, the TAP way: a plan of no cases with the
 * reason, and success, so the run counts it as skipped (not as a failure, as meson's
 * exit status 77 would be under protocol: 'tap'). */
void
shequ_test_skip_program (const char *reason)
{
  g_print ("1..0 # SKIP %s\n", reason);
  exit (0);
}

/* A new directory from TMPL ("name-XXXXXX") in the temp dir. */
char *
shequ_test_make_tmpdir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes PATH and, for a directory, what is in it; a symlink is removed, not followed,
 * and a directory a test made read-only is opened up first. */
void
shequ_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0755);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          shequ_test_remove_tree (child);
        }
    }
  g_remove (path);
}

/* SELF's dir made from TMPL, its db the path DB_NAME in it (not created). */
void
shequ_test_dir_init (ShequTestDir *self,
                     const char   *tmpl,
                     const char   *db_name)
{
  self->dir = shequ_test_make_tmpdir (tmpl);
  self->db = g_build_filename (self->dir, db_name, NULL);
}

/* Removes SELF's dir and what is in it. */
void
shequ_test_dir_clear (ShequTestDir *self)
{
  shequ_test_remove_tree (self->dir);
  g_clear_pointer (&self->db, g_free);
  g_clear_pointer (&self->dir, g_free);
}

/* The path of a new file NAME in DIR holding TEXT. */
char *
shequ_test_write_file (const char *dir,
                       const char *name,
                       const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
shequ_test_file_sha256 (const char *path)
{
  g_autoptr(GBytes) bytes = shequ_test_read_bytes (path);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

GBytes *
shequ_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The database at PATH was closed cleanly: no -wal, no -shm beside it. */
void
shequ_test_assert_no_wal_shm (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

/* The database at PATH opened with FLAGS, and its store; the database in DB if wanted. */
ShequOrgStore *
shequ_test_open_store (const char          *path,
                       ShequDatabaseFlags   flags,
                       ShequDatabase      **db)
{
  g_autoptr(ShequDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  ShequOrgStore *store;

  database = shequ_database_open (path, flags, &error);
  g_assert_no_error (error);
  store = shequ_org_store_new (database, &error);
  g_assert_no_error (error);
  if (db != NULL)
    *db = g_steal_pointer (&database);
  return store;
}

/* The sample street, made through the core in a new database at PATH, open; the database
 * in DB if wanted. */
ShequOrgStore *
shequ_test_open_sample_store (const char     *path,
                              ShequDatabase **db)
{
  g_autoptr(GError) error = NULL;
  ShequOrgStore *store;

  store = shequ_test_open_store (path, SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                 db);
  g_assert_true (shequ_sample_populate (store, &error));
  g_assert_no_error (error);
  return store;
}

/* The sample street in a new database at PATH, closed again; with a daily backup beside
 * it when WITH_BACKUP. */
void
shequ_test_make_sample_database (const char *path,
                                 gboolean    with_backup)
{
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = shequ_test_open_sample_store (path, &db);
  g_autoptr(GError) error = NULL;

  if (with_backup)
    {
      shequ_database_daily_backup (db, &error);
      g_assert_no_error (error);
    }
}

void
shequ_test_downgrade_schema (ShequDatabase *db,
                             const char    *note,
                             const char    *drop_sql,
                             int            version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("%s PRAGMA user_version = %d;", drop_sql, version);
  ShequAuditEntry entry = { "tester", "note", "unit:1", NULL, note, NULL };

  g_assert_true (shequ_audit_append (db, &entry, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_database_exec (db, sql, &error));
  g_assert_no_error (error);
}
