/* shequ-cli-bench.c — shequ-cli bench: load, search and start-up figures */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "shequ-cli-private.h"
#include "shequ-database.h"
#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-sample.h"
#include "shequ-workspace.h"

/* Figures only: nothing asserts on them. */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (const double *values,
              guint         n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));

  if (n == 0)
    return 0;
  qsort (sorted, n, sizeof (double), compare_doubles);
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static double
maximum (const double *values,
         guint         n)
{
  double max = 0;

  for (guint i = 0; i < n; i++)
    max = MAX (max, values[i]);
  return max;
}

/* Peak resident set size of this process in MiB, from /proc/self/status. */
static double
read_peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* Removes DIR and the files in it (a database, its -wal/-shm and backups). */
void
bench_remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle != NULL)
    while ((name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          bench_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (dir);
}

static char *
self_path (void)
{
  return g_file_read_link ("/proc/self/exe", NULL);
}

static gboolean
run_program (char   **argv,
             double  *seconds,
             GError **error)
{
  g_autofree char *err = NULL;
  int wait_status = 0;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &wait_status, error))
    return FALSE;
  if (seconds != NULL)
    *seconds = (g_get_monotonic_time () - start) / 1e6;
  if (!g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, _("%s failed: %s"), argv[0], err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

/* Creates a synthetic database at PATH in a child process, so that this process's peak
 * RSS measures loading alone. */
static gboolean
create_synthetic (const char  *path,
                  guint        n_units,
                  GError     **error)
{
  g_autofree char *self = self_path ();
  g_autofree char *units = g_strdup_printf ("%u", n_units);
  char *argv[] = { self, (char *) "bench", (char *) "populate", (char *) "--db", (char *) path,
                   (char *) "--units", units, NULL };

  return run_program (argv, NULL, error);
}

static int
bench_populate (int argc, char **argv)
{
  int n_units = 0;
  const GOptionEntry entries[] = {
    { "units", 0, 0, G_OPTION_ARG_INT, &n_units, N_("Number of units"), N_("N") },
    { NULL }
  };
  g_autoptr(ShequOrgStore) store = NULL;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("bench populate", NULL, N_("Create a synthetic street (internal)."),
                      entries, FALSE, &argc, &argv, &status))
    return status;
  store = open_store (SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  if (store == NULL)
    return fail (error);
  if (shequ_org_store_get_n_units (store) > 0)
    return fail (g_error_new (SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                              _("The database already holds units")));
  if (!shequ_sample_populate_synthetic (store, MAX (n_units, 1), &error))
    return fail (error);
  return EXIT_SUCCESS;
}

/* The search keystrokes: NAME and CODE typed one character at a time, then cleared. */
static GPtrArray *
make_keystrokes (ShequOrgStore *store)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *units = shequ_org_store_get_units (store);
  ShequUnit *deep = NULL;
  const char *fixed[] = { "东", "东阳", "3713260010", "37132600105" };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (queries, g_strdup (fixed[i]));

  /* A grid in the middle of the tree: its name and its code, letter by letter. */
  for (guint i = units->len / 2; i < units->len && deep == NULL; i++)
    if (shequ_unit_get_tier (g_ptr_array_index (units, i)) == SHEQU_TIER_GRID)
      deep = g_ptr_array_index (units, i);
  if (deep == NULL && units->len > 0)
    deep = g_ptr_array_index (units, units->len / 2);
  if (deep != NULL)
    {
      const char *name = shequ_unit_get_name (deep);
      const char *code = shequ_unit_get_code (deep);

      for (const char *p = g_utf8_next_char (name); ; p = g_utf8_next_char (p))
        {
          g_ptr_array_add (queries, g_strndup (name, p - name));
          if (*p == '\0')
            break;
        }
      for (gsize len = 1; len <= strlen (code); len++)
        g_ptr_array_add (queries, g_strndup (code, len));
    }
  g_ptr_array_add (queries, g_strdup (""));
  return queries;
}

#define N_TREE_LOADS 5

/* What bench tree measured. */
typedef struct {
  guint       units;
  double      load[N_TREE_LOADS];
  GArray     *search_ms;
  double      peak_mb;
  const char *kept_path;  /* the database when kept, else NULL */
} TreeReport;

/* Opens PATH N_TREE_LOADS times, as the app and the CLI do; returns the last store. */
static ShequOrgStore *
time_loads (const char  *path,
            double      *load,
            GError     **error)
{
  g_autoptr(ShequOrgStore) store = NULL;

  for (guint run = 0; run < N_TREE_LOADS; run++)
    {
      g_autoptr(ShequWorkspace) workspace = NULL;
      gint64 start;

      g_clear_object (&store);
      start = g_get_monotonic_time ();
      workspace = shequ_workspace_open (path, SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, error);
      if (workspace == NULL)
        return NULL;
      store = g_object_ref (shequ_workspace_get_store (workspace));
      load[run] = (g_get_monotonic_time () - start) / 1e6;
    }
  return g_steal_pointer (&store);
}

/* Milliseconds per search keystroke. */
static GArray *
time_keystrokes (ShequOrgStore *store)
{
  g_autoptr(GPtrArray) queries = make_keystrokes (store);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < queries->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      shequ_org_store_search (store, g_ptr_array_index (queries, i));
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (times, ms);
    }
  return times;
}

static void
print_tree_report (const TreeReport *r)
{
  double *search = (double *) r->search_ms->data;
  guint n_search = r->search_ms->len;

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "units");
      json_builder_add_int_value (builder, r->units);
      json_builder_set_member_name (builder, "load_seconds_median");
      json_builder_add_double_value (builder, bench_median (r->load, N_TREE_LOADS));
      json_builder_set_member_name (builder, "load_seconds");
      json_builder_begin_array (builder);
      for (guint i = 0; i < N_TREE_LOADS; i++)
        json_builder_add_double_value (builder, r->load[i]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "keystrokes");
      json_builder_add_int_value (builder, n_search);
      json_builder_set_member_name (builder, "search_ms_median");
      json_builder_add_double_value (builder, bench_median (search, n_search));
      json_builder_set_member_name (builder, "search_ms_max");
      json_builder_add_double_value (builder, maximum (search, n_search));
      json_builder_set_member_name (builder, "peak_rss_mb");
      json_builder_add_double_value (builder, r->peak_mb);
      if (r->kept_path != NULL)
        {
          json_builder_set_member_name (builder, "database");
          json_builder_add_string_value (builder, r->kept_path);
        }
      json_builder_end_object (builder);
      print_json (builder);
      return;
    }

  g_print ("%-40s %u\n", _("Units"), r->units);
  g_print ("%-40s %.3f s\n", _("Open + load tree (median of 5)"),
           bench_median (r->load, N_TREE_LOADS));
  g_print ("%-40s %.2f ms\n", _("Search keystroke, median"), bench_median (search, n_search));
  g_print ("%-40s %.2f ms\n", _("Search keystroke, max"), maximum (search, n_search));
  g_print ("%-40s %u\n", _("Keystrokes timed"), n_search);
  g_print ("%-40s %.1f MB\n", _("Peak RSS after loading"), r->peak_mb);
  if (r->kept_path != NULL)
    g_print ("%-40s %s\n", _("Database"), r->kept_path);
}

static int
bench_tree (int argc, char **argv)
{
  int n_units = 100000;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "units", 0, 0, G_OPTION_ARG_INT, &n_units, N_("Number of units (default 100000)"), N_("N") },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, N_("Keep the database and print its path"), NULL },
    { NULL }
  };
  TreeReport report = { 0 };
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GArray) times = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("bench tree", NULL,
                      N_("Time loading and searching a synthetic street (--db keeps it there)."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (n_units < 1)
    return fail_usage (_("--units must be at least 1"));

  if (opt_db != NULL)
    {
      path = g_strdup (opt_db);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return fail (g_error_new (G_FILE_ERROR, G_FILE_ERROR_EXIST,
                                  _("%s exists; bench tree writes a new database"), path));
      keep = TRUE;
    }
  else
    {
      tmpdir = g_dir_make_tmp ("shequ-bench-XXXXXX", &error);
      if (tmpdir == NULL)
        return fail (error);
      path = g_build_filename (tmpdir, "bench.db", NULL);
    }

  if (!opt_json)
    g_print (_("Creating a synthetic street of %d units…\n"), n_units);
  if (create_synthetic (path, n_units, &error) &&
      (store = time_loads (path, report.load, &error)) != NULL)
    {
      report.peak_mb = read_peak_rss_mb ();
      report.units = shequ_org_store_get_n_units (store);
      times = time_keystrokes (store);
      report.search_ms = times;
      report.kept_path = keep ? path : NULL;
      print_tree_report (&report);
    }

  g_clear_object (&store);
  if (tmpdir != NULL && !keep)
    bench_remove_tree (tmpdir);
  if (error != NULL)
    return fail (error);
  return EXIT_SUCCESS;
}

/* $ENV, else PROGRAM in the build tree next to this binary, else in PATH. */
static char *
find_program (const char *env,
              const char *program)
{
  const char *value = g_getenv (env);
  g_autofree char *self = self_path ();

  if (value != NULL && value[0] != '\0')
    return g_strdup (value);
  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *candidate = g_build_filename (dir, "..", "app", program, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&candidate);
    }
  return g_find_program_in_path (program);
}

/* Seconds to the first frame: the app, the bare window, the bare window with the app's
 * renderer. */
typedef struct {
  GArray *app;
  GArray *bare;
  GArray *same;
} StartupTimes;

/* One warm-up run of each, then RUNS alternating. */
static gboolean
time_startups (const char    *app,
               const char    *bare,
               const char    *path,
               int            runs,
               StartupTimes  *times,
               GError       **error)
{
  times->app = g_array_new (FALSE, FALSE, sizeof (double));
  times->bare = g_array_new (FALSE, FALSE, sizeof (double));
  times->same = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = -1; i < runs; i++)
    {
      char *bare_argv[] = { (char *) bare, NULL };
      char *same_argv[] = { (char *) bare, (char *) "--same-renderer", NULL };
      char *app_argv[] = { (char *) app, (char *) "--db", (char *) path,
                           (char *) "--bench-first-frame", NULL };
      double seconds;

      if (!run_program (bare_argv, &seconds, error))
        return FALSE;
      if (i >= 0)
        g_array_append_val (times->bare, seconds);
      if (!run_program (same_argv, &seconds, error))
        return FALSE;
      if (i >= 0)
        g_array_append_val (times->same, seconds);
      if (!run_program (app_argv, &seconds, error))
        return FALSE;
      if (i >= 0)
        g_array_append_val (times->app, seconds);
    }
  return TRUE;
}

static void
print_startup_report (int                 runs,
                      const StartupTimes *times)
{
  double app_median = bench_median ((double *) times->app->data, times->app->len);
  double bare_median = bench_median ((double *) times->bare->data, times->bare->len);
  double same_median = bench_median ((double *) times->same->data, times->same->len);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "database");
      json_builder_add_string_value (builder, opt_db != NULL ? opt_db : "sample");
      json_builder_set_member_name (builder, "runs");
      json_builder_add_int_value (builder, runs);
      json_builder_set_member_name (builder, "bare_seconds_median");
      json_builder_add_double_value (builder, bare_median);
      json_builder_set_member_name (builder, "app_seconds_median");
      json_builder_add_double_value (builder, app_median);
      json_builder_set_member_name (builder, "ratio");
      json_builder_add_double_value (builder, bare_median > 0 ? app_median / bare_median : 0);
      /* The bare window with the renderer Shequ chose (Cairo without a GPU). */
      json_builder_set_member_name (builder, "bare_same_renderer_seconds_median");
      json_builder_add_double_value (builder, same_median);
      json_builder_set_member_name (builder, "ratio_same_renderer");
      json_builder_add_double_value (builder, same_median > 0 ? app_median / same_median : 0);
      json_builder_end_object (builder);
      print_json (builder);
      return;
    }

  g_print ("%-40s %s\n", _("Database"), opt_db != NULL ? opt_db : _("the sample street"));
  g_print ("%-40s %d\n", _("Runs of each"), runs);
  g_print ("%-40s %.3f s\n", _("Bare GTK window, median"), bare_median);
  g_print ("%-40s %.3f s\n", _("Shequ to first frame, median"), app_median);
  g_print ("%-40s %.2f×\n", _("Ratio app / bare"),
           bare_median > 0 ? app_median / bare_median : 0);
  g_print ("%-40s %.3f s\n", _("Bare window, Shequ's renderer, median"), same_median);
  g_print ("%-40s %.2f×\n", _("Ratio app / bare, same renderer"),
           same_median > 0 ? app_median / same_median : 0);
}

static int
bench_startup (int argc, char **argv)
{
  int runs = 10;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("Runs of each program (default 10)"), N_("N") },
    { NULL }
  };
  g_autofree char *app = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  StartupTimes times = { 0 };
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("bench startup", NULL,
                      N_("Time the app to its first frame against a bare GTK window."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (runs < 1)
    return fail_usage (_("--runs must be at least 1"));
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return fail_usage (_("bench startup needs a display; run it under xvfb-run"));

  app = find_program ("SHEQU_APP_PATH", "shequ");
  bare = find_program ("SHEQU_BARE_WINDOW_PATH", "shequ-bare-window");
  if (app == NULL || bare == NULL)
    return fail_usage (_("Cannot find shequ or shequ-bare-window; "
                         "set SHEQU_APP_PATH and SHEQU_BARE_WINDOW_PATH"));

  if (opt_db != NULL)
    path = g_strdup (opt_db);
  else
    {
      g_autoptr(ShequWorkspace) workspace = NULL;

      /* The sample street in a temporary database. */
      tmpdir = g_dir_make_tmp ("shequ-bench-XXXXXX", &error);
      if (tmpdir == NULL)
        return fail (error);
      path = g_build_filename (tmpdir, "sample.db", NULL);
      workspace = shequ_workspace_open (path, SHEQU_DATABASE_FLAGS_CREATE |
                                        SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, &error);
      if (workspace == NULL ||
          !shequ_sample_populate (shequ_workspace_get_store (workspace), &error))
        goto out;
    }

  if (time_startups (app, bare, path, runs, &times, &error))
    print_startup_report (runs, &times);

out:
  g_clear_pointer (&times.app, g_array_unref);
  g_clear_pointer (&times.bare, g_array_unref);
  g_clear_pointer (&times.same, g_array_unref);
  if (tmpdir != NULL)
    bench_remove_tree (tmpdir);
  if (error != NULL)
    return fail (error);
  return EXIT_SUCCESS;
}

int
command_bench (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "tree"))
    return bench_tree (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "startup"))
    return bench_startup (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "populate"))
    return bench_populate (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "map"))
    return bench_map (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "audit"))
    return bench_audit (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "eval"))
    return bench_eval (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "sync"))
    return bench_sync (argc - 1, argv + 1);
  return fail_usage (_("Use “bench tree --units N”, “bench map”, “bench eval” or “bench startup [--db PATH]”"));
}

