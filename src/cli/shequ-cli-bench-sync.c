/* shequ-cli-bench-sync.c — shequ-cli bench sync: push N disclosures to a fresh shequ-central, an idle sync, the public page under wrk */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "shequ-disclosure-store.h"
#include "shequ-sample.h"
#include "shequ-sync.h"
#include "shequ-cli-private.h"

/* Figures only: nothing asserts on them. */
typedef struct {
  guint   count;
  double  fill_s;              /* making the client's disclosures */
  double  push_s;              /* the first sync's push stage */
  double  push_client_cpu_s;   /* processor time over it: this process, the server */
  double  push_server_cpu_s;
  double  first_sync_s;        /* the whole first sync (it also pulls its own back) */
  guint   first_sync_requests;
  guint   pushed;
  double  idle_sync_ms;        /* median of five */
  guint   idle_sync_requests;
  double  public_page_rps;     /* 0: wrk not installed */
  guint64 public_page_errors;  /* replies not 2xx/3xx */
  gint64  rss_before_kb, rss_after_kb;
} SyncReport;

typedef struct {
  GSubprocess *process;
  char        *url;
  GThread     *drain;
} BenchServer;

/* shequ-central: SHEQU_CENTRAL, beside this build's shequ-cli, or on PATH. */
static char *
find_central (void)
{
  const char *env = g_getenv ("SHEQU_CENTRAL");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (env != NULL && g_file_test (env, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (env);
  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      char *sibling = g_build_filename (dir, "..", "central", "shequ-central", NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return sibling;
      g_free (sibling);
    }
  return g_find_program_in_path ("shequ-central");
}

static char *
add_token (const char  *central,
           const char  *db,
           const char  *office,
           GError     **error)
{
  const char *argv[] = { central, "--db", db, "token", "add", office, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("shq1[A-Za-z0-9._-]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &wait_status, error)
      || !g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, "%s token add: ", central);
      return NULL;
    }
  if (!g_regex_match (regex, out, 0, &match))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s token add printed no token", central);
      return NULL;
    }
  return g_match_info_fetch (match, 0);
}

static gpointer
drain_output (gpointer data)
{
  g_autoptr(GInputStream) in = data;
  char buffer[4096];

  while (g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL) > 0)
    ;
  return NULL;
}

static gboolean
start_server (BenchServer  *server,
              const char   *central,
              const char   *db,
              GError      **error)
{
  const char *argv[] = { central, "--db", db, "--listen", "127.0.0.1:0", NULL };
  g_autoptr(GDataInputStream) lines = NULL;
  char *line;

  server->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                             | G_SUBPROCESS_FLAGS_STDERR_MERGE, error);
  if (server->process == NULL)
    return FALSE;
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines), FALSE);
  while (server->url == NULL
         && (line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, error)) != NULL)
    {
      const char *at = strstr (line, "listening on http://");

      if (at != NULL)
        {
          server->url = g_strdup (at + strlen ("listening on "));
          g_strchomp (server->url);
          if (g_str_has_suffix (server->url, "/"))
            server->url[strlen (server->url) - 1] = '\0';
        }
      g_free (line);
    }
  if (server->url == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "%s ended without saying where it listens", central);
      return FALSE;
    }
  server->drain = g_thread_new ("central-output", drain_output,
                                g_object_ref (g_subprocess_get_stdout_pipe (server->process)));
  return TRUE;
}

static void
stop_server (BenchServer *server)
{
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
    }
  g_clear_pointer (&server->drain, g_thread_join);
  g_clear_object (&server->process);
  g_clear_pointer (&server->url, g_free);
}

/* Processor time of this process (every thread), in seconds. */
static double
own_cpu_seconds (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Processor time of the server (utime + stime from /proc), in seconds. */
static double
server_cpu_seconds (BenchServer *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat",
                                           g_subprocess_get_identifier (server->process));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  /* The command name (field 2) is in parentheses and may hold spaces. */
  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL))
         / sysconf (_SC_CLK_TCK);
}

/* VmRSS of the server from /proc, in kB (0 if it cannot be read). */
static gint64
server_rss_kb (BenchServer *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (server->process));
  g_autofree char *text = NULL;
  const char *at;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (at = strstr (text, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoll (at + strlen ("VmRSS:"), NULL, 10);
}

/* One published finance disclosure of UNIT: ten balanced lines, deterministic from I. */
static ShequDisclosure *
make_disclosure (ShequUnit *unit,
                 guint      i)
{
  ShequDisclosure *doc = shequ_disclosure_new ();
  ShequDisclosureVersion *v = shequ_disclosure_version_new ();
  ShequFen income = 0, expense = 0;

  doc->uuid = shequ_disclosure_make_uuid ();
  doc->unit_code = g_strdup (shequ_unit_get_code (unit));
  doc->kind = SHEQU_DISCLOSURE_KIND_FINANCE;
  doc->period = g_strdup_printf ("%u-%02u", 2000 + i / 12 % 27, i % 12 + 1);
  doc->created_at = g_strdup ("2026-10-01T08:00:00Z");
  v->state = SHEQU_DISCLOSURE_STATE_PUBLISHED;
  g_free (v->title);
  v->title = g_strdup_printf ("%s %s 财务公开（第 %u 号）", shequ_unit_get_name (unit),
                              doc->period, i + 1);
  g_free (v->body);
  v->body = g_strdup ("本期收支明细如下，请村（居）民监督。");
  for (guint k = 0; k < 10; k++)
    {
      ShequFen amount = 1000 + (ShequFen) ((i * 7919 + k * 104729) % 500000);
      gboolean in = k % 3 != 2;

      g_ptr_array_add (v->items, shequ_finance_item_new (in ? SHEQU_FINANCE_INCOME
                                                            : SHEQU_FINANCE_EXPENSE,
                                                         in ? "上级补助" : "办公经费",
                                                         amount, ""));
      if (in)
        income += amount;
      else
        expense += amount;
    }
  v->opening = 1000000;
  v->closing = v->opening + income - expense;
  v->created_by = g_strdup ("bench");
  v->created_at = g_strdup (doc->created_at);
  v->submitted_by = g_strdup ("bench");
  v->submitted_at = g_strdup (doc->created_at);
  v->approved_by = g_strdup ("bench");
  v->approved_at = g_strdup (doc->created_at);
  v->published_by = g_strdup ("bench");
  v->published_at = g_strdup (doc->created_at);
  g_ptr_array_add (doc->versions, v);
  return doc;
}

/* N published finance disclosures over the communities and villages, in one import. */
static gboolean
fill_disclosures (ShequDisclosureStore  *store,
                  guint                  n,
                  GError               **error)
{
  GPtrArray *units = shequ_org_store_get_units (shequ_disclosure_store_get_org_store (store));
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_disclosure_free);

  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i);
      ShequTier tier = shequ_unit_get_tier (unit);

      if (tier == SHEQU_TIER_COMMUNITY || tier == SHEQU_TIER_VILLAGE)
        g_ptr_array_add (places, unit);
    }
  g_assert (places->len > 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (docs, make_disclosure (g_ptr_array_index (places, i % places->len), i));
  return shequ_disclosure_store_import (store, docs, "bench", error);
}

static gboolean
make_client (const char  *path,
             guint        count,
             SyncReport  *report,
             GError     **error)
{
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) org = NULL;
  g_autoptr(ShequDisclosureStore) store = NULL;
  gint64 start;

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                            error);
  if (db == NULL || (org = shequ_org_store_new (db, error)) == NULL
      || !shequ_sample_populate (org, error)
      || (store = shequ_disclosure_store_new (org, error)) == NULL)
    return FALSE;
  start = g_get_monotonic_time ();
  if (!fill_disclosures (store, count, error))
    return FALSE;
  report->fill_s = (g_get_monotonic_time () - start) / 1e6;
  return TRUE;
}

typedef struct {
  BenchServer *server;
  gint64       start;
  gint64       pull_started;
  double       own_cpu, server_cpu;   /* at the start, then over the push */
} Timing;

static void
on_progress (const char *stage,
             guint       done,
             guint       total,
             gpointer    user_data)
{
  Timing *timing = user_data;

  if (timing->pull_started == 0 && g_str_equal (stage, "pull"))
    {
      timing->pull_started = g_get_monotonic_time ();
      timing->own_cpu = own_cpu_seconds () - timing->own_cpu;
      timing->server_cpu = server_cpu_seconds (timing->server) - timing->server_cpu;
    }
}

static gboolean
measure_syncs (const char              *client,
               const ShequSyncOptions  *options,
               BenchServer             *server,
               SyncReport              *report,
               GError                 **error)
{
  ShequSyncResult result = { 0 };
  Timing timing = { server, g_get_monotonic_time (), 0, own_cpu_seconds (),
                    server_cpu_seconds (server) };
  double idle[5];

  if (!shequ_sync_run (client, options, NULL, on_progress, &timing, &result, error))
    return FALSE;
  report->first_sync_s = (g_get_monotonic_time () - timing.start) / 1e6;
  report->push_s = ((timing.pull_started != 0 ? timing.pull_started : g_get_monotonic_time ())
                    - timing.start) / 1e6;
  report->first_sync_requests = result.requests;
  report->push_client_cpu_s = timing.own_cpu;
  report->push_server_cpu_s = timing.server_cpu;
  report->pushed = result.pushed;
  for (guint i = 0; i < G_N_ELEMENTS (idle); i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!shequ_sync_run (client, options, NULL, NULL, NULL, &result, error))
        return FALSE;
      idle[i] = (g_get_monotonic_time () - start) / 1e3;
      report->idle_sync_requests = result.requests;
    }
  report->idle_sync_ms = bench_median (idle, G_N_ELEMENTS (idle));
  return TRUE;
}

/* wrk -t2 -c32 -d5s on URL: its Requests/sec (0 when wrk is not installed), and how
 * many replies were not 2xx/3xx (a fast 404 would be no figure at all). */
static double
run_wrk (const char *url,
         guint64    *bad)
{
  g_autofree char *wrk = g_find_program_in_path ("wrk");
  g_autofree char *out = NULL;
  const char *argv[] = { wrk, "-t2", "-c32", "-d5s", url, NULL };
  const char *at;
  int wait_status = 0;

  *bad = 0;
  if (wrk == NULL
      || !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                        &out, NULL, &wait_status, NULL)
      || (at = strstr (out, "Requests/sec:")) == NULL)
    return 0;
  if (strstr (out, "Non-2xx or 3xx responses:") != NULL)
    *bad = g_ascii_strtoull (strstr (out, "Non-2xx or 3xx responses:")
                             + strlen ("Non-2xx or 3xx responses:"), NULL, 10);
  return g_ascii_strtod (at + strlen ("Requests/sec:"), NULL);
}

static void
print_report (const SyncReport *r)
{
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      const struct { const char *name; double value; } figures[] = {
        { "count", r->count }, { "fill_s", r->fill_s },
        { "push_10k_s", r->push_s * 10000.0 / MAX (r->count, 1) }, { "push_s", r->push_s },
        { "push_client_cpu_s", r->push_client_cpu_s },
        { "push_server_cpu_s", r->push_server_cpu_s },
        { "first_sync_s", r->first_sync_s }, { "first_sync_requests", r->first_sync_requests },
        { "pushed", r->pushed }, { "idle_sync_ms", r->idle_sync_ms },
        { "idle_sync_requests", r->idle_sync_requests },
        { "public_page_rps", r->public_page_rps },
        { "public_page_errors", r->public_page_errors },
        { "server_rss_kb_before", r->rss_before_kb }, { "server_rss_kb_after", r->rss_after_kb },
      };

      json_builder_begin_object (b);
      for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
        {
          json_builder_set_member_name (b, figures[i].name);
          /* Counts as integers, times as they are. */
          if (figures[i].value == (double) (gint64) figures[i].value
              && !g_str_has_suffix (figures[i].name, "_s") && !g_str_has_suffix (figures[i].name, "_ms"))
            json_builder_add_int_value (b, (gint64) figures[i].value);
          else
            json_builder_add_double_value (b, figures[i].value);
        }
      json_builder_end_object (b);
      print_json (b);
      return;
    }
  g_print ("disclosures:          %u (made in %.2f s)\n", r->count, r->fill_s);
  g_print ("push:                 %.2f s (%u pushed; scaled to 10,000: %.2f s)\n", r->push_s,
           r->pushed, r->push_s * 10000.0 / MAX (r->count, 1));
  g_print ("push processor time:  %.2f s here, %.2f s in the server\n", r->push_client_cpu_s,
           r->push_server_cpu_s);
  g_print ("first sync:           %.2f s in %u requests (push, then pull of the same)\n",
           r->first_sync_s, r->first_sync_requests);
  g_print ("idle sync:            %.2f ms, %u request(s)\n", r->idle_sync_ms,
           r->idle_sync_requests);
  if (r->public_page_rps > 0)
    g_print ("public unit page:     %.0f requests/s (wrk -t2 -c32 -d5s), %" G_GUINT64_FORMAT
             " not 2xx/3xx\n", r->public_page_rps, r->public_page_errors);
  else
    g_print ("public unit page:     not measured (wrk is not installed)\n");
  g_print ("server RSS:           %" G_GINT64_FORMAT " kB before, %" G_GINT64_FORMAT
           " kB after the load\n", r->rss_before_kb, r->rss_after_kb);
}

static gboolean
run_bench (const char  *tmpdir,
           guint        count,
           guint        batch,
           SyncReport  *report,
           GError     **error)
{
  g_autofree char *central = find_central ();
  g_autofree char *server_db = g_build_filename (tmpdir, "central.db", NULL);
  g_autofree char *client = g_build_filename (tmpdir, "client.db", NULL);
  g_autofree char *token = NULL;
  g_autofree char *page = NULL;
  BenchServer server = { 0 };
  ShequSyncOptions options = { 0 };
  gboolean ok;

  if (central == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("shequ-central is not found: set SHEQU_CENTRAL to its path"));
      return FALSE;
    }
  if (!make_client (client, count, report, error)
      || (token = add_token (central, server_db, "371326001", error)) == NULL
      || !start_server (&server, central, server_db, error))
    return FALSE;
  options.server = server.url;
  options.token = token;
  options.batch = batch;
  ok = measure_syncs (client, &options, &server, report, error);
  if (ok)
    {
      page = g_strdup_printf ("%s/u/371326001001", server.url);
      report->rss_before_kb = server_rss_kb (&server);
      report->public_page_rps = run_wrk (page, &report->public_page_errors);
      report->rss_after_kb = server_rss_kb (&server);
    }
  stop_server (&server);
  return ok;
}

int
bench_sync (int    argc,
            char **argv)
{
  g_autofree char *tmpdir = NULL;
  SyncReport report = { 0 };
  GError *error = NULL;
  int count = 10000;
  int batch = 0;
  int status;
  const GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("Disclosures to push (default 10000)"),
      N_("N") },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch,
      N_("Disclosures per push request (default 200, at most 500)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options ("bench sync", NULL,
                      N_("Measure sync against a local shequ-central (internal)."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (count < 1 || count > 1000000)
    return fail_usage (_("--count takes a number from 1 to 1000000"));
  if (batch < 0 || batch > 500)
    return fail_usage (_("--batch takes a number from 1 to 500"));

  tmpdir = g_dir_make_tmp ("shequ-bench-sync-XXXXXX", &error);
  if (tmpdir == NULL)
    return fail (error);
  report.count = count;
  if (!run_bench (tmpdir, count, batch, &report, &error))
    {
      bench_remove_tree (tmpdir);
      return fail (error);
    }
  bench_remove_tree (tmpdir);
  print_report (&report);
  return 0;
}
