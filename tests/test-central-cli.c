/* test-central-cli.c — shequ-central's command line: token add, list, revoke; bad arguments */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-central-cli"

#include "config.h"

#include <string.h>

#include "central-fixture.h"

typedef struct {
  ShequTestDir dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  shequ_test_dir_init (&f->dir, "test-central-cli-XXXXXX", "central.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  shequ_test_dir_clear (&f->dir);
}

/* shequ-central --db DB ARGS… (NULL-terminated). */
static ShequTestResult
run_central (Fixture    *f,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) central_program ());
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->dir.db);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return shequ_test_run_argv ((const char *const *) argv->pdata);
}

static void
test_tokens (Fixture       *f,
             gconstpointer  data)
{
  g_auto(ShequTestResult) first = run_central (f, "token", "add", "371326001", "--label",
                                               "一号电脑", NULL);
  g_auto(ShequTestResult) second = run_central (f, "token", "add", "371326002", NULL);
  g_auto(ShequTestResult) list = { 0 };
  g_auto(ShequTestResult) revoke = { 0 };
  g_auto(ShequTestResult) again = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *wal = g_strconcat (f->dir.db, "-wal", NULL);
  const char *secret;

  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_str_has_prefix (first.out, "shq1.1."));
  g_assert_cmpuint (strlen (g_strstrip (first.out)), ==, strlen ("shq1.1.") + 43);
  g_assert_nonnull (strstr (first.err, "hash"));
  g_assert_true (g_str_has_prefix (second.out, "shq1.2."));
  secret = first.out + strlen ("shq1.1.");

  list = run_central (f, "token", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  lines = g_strsplit (g_strstrip (list.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[1], "1\t371326001\t一号电脑\t"));
  g_assert_true (g_str_has_suffix (lines[1], "\t-"));
  g_assert_true (g_str_has_prefix (lines[2], "2\t371326002\t\t"));
  /* The list never shows a secret, and the database keeps none. */
  g_assert_null (strstr (list.out, secret));
  g_assert_false (central_file_contains (f->dir.db, secret));
  g_assert_false (central_file_contains (wal, secret));

  revoke = run_central (f, "token", "revoke", "1", NULL);
  g_assert_cmpint (revoke.status, ==, 0);
  again = run_central (f, "token", "list", NULL);
  g_strfreev (lines);
  lines = g_strsplit (g_strstrip (again.out), "\n", -1);
  g_assert_false (g_str_has_suffix (lines[1], "\t-"));
  g_assert_true (g_str_has_suffix (lines[2], "\t-"));
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  const char *cases[][6] = {
    { "token", NULL },
    { "token", "add", NULL },
    { "token", "add", "37x", NULL },
    { "token", "add", "371326001", "371326002", NULL },
    { "token", "list", "extra", NULL },
    { "token", "revoke", "abc", NULL },
    { "token", "revoke", "42", NULL },
    { "token", "list", "--label", "x", NULL },
    { "token", "delete", NULL },
    { "serve", NULL },
    { NULL },
    { "--listen", "nowhere", NULL },
    { "--listen", "127.0.0.1:99999", NULL },
    { "--listen", "127.0.0.1:0", "--max-body", "12kb", NULL },
    { "--listen", "127.0.0.1:0", "--idle-timeout", "0", NULL },
    { "--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent.pem", NULL },
    { "--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent.pem", "--tls-key", "/no.pem" },
    { "--listen", "127.0.0.1:0", "token", "list", NULL },
    { "--frobnicate", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(ShequTestResult) result = run_central (f, cases[i][0], cases[i][1], cases[i][2],
                                                    cases[i][3], cases[i][4], cases[i][5],
                                                    NULL);

      g_test_message ("case %u: %s", i, result.err);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_true (g_str_has_prefix (result.err, "shequ-central: "));
      g_assert_true (g_utf8_validate (result.err, -1, NULL));
    }
  /* No --db at all. */
  {
    const char *argv[] = { central_program (), "token", "list", NULL };
    g_auto(ShequTestResult) result = shequ_test_run_argv (argv);

    g_assert_cmpint (result.status, ==, 2);
  }
}

static void
test_chinese (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "zh_CN.UTF-8", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, central_program (), "--db", f->dir.db,
                                         "token", "add", "37x", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "不是办事处"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/central-cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("tokens", test_tokens);
  ADD ("bad-arguments", test_bad_arguments);
  ADD ("chinese", test_chinese);
#undef ADD
  return g_test_run ();
}
