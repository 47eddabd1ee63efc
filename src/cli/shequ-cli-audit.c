/* shequ-cli-audit.c — shequ-cli audit verify and audit head, and bench audit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "shequ-audit.h"
#include "shequ-cli-private.h"

static ShequDatabase *
open_database (ShequDatabaseFlags   flags,
               GError             **error)
{
  g_autofree char *path = opt_db != NULL ? g_strdup (opt_db) : shequ_database_get_default_path ();

  return shequ_database_open (path, flags | SHEQU_DATABASE_FLAGS_NO_BACKUP, error);
}

static void
print_verify_json (gboolean  intact,
                   guint64   n_entries,
                   gint64    broken)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "intact");
  json_builder_add_boolean_value (builder, intact);
  json_builder_set_member_name (builder, "entries");
  json_builder_add_int_value (builder, (gint64) n_entries);
  json_builder_set_member_name (builder, "first_broken_seq");
  if (intact)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, broken);
  json_builder_end_object (builder);
  print_json (builder);
}

static int
audit_verify (int argc, char **argv)
{
  g_autofree char *head_text = NULL;
  const GOptionEntry entries[] = {
    { "head", 0, 0, G_OPTION_ARG_STRING, &head_text,
      N_("Also check that the log still holds this head, as “audit head” printed it"),
      N_("HEX[:SEQ]") },
    { NULL }
  };
  g_autoptr(ShequDatabase) db = NULL;
  GError *error = NULL;
  ShequAuditAnchor anchor;
  guint64 n_entries = 0;
  gint64 broken = -1;
  gboolean intact;
  int status = 0;

  if (!parse_options ("audit verify", NULL,
                      N_("Check that no audit entry was changed, removed or reordered."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("audit verify takes no FILE"));
  if (head_text != NULL && !shequ_audit_anchor_parse (head_text, &anchor, &error))
    {
      status = fail_usage (error->message);
      g_error_free (error);
      return status;
    }

  db = open_database (SHEQU_DATABASE_FLAGS_READ_ONLY, &error);
  if (db == NULL)
    return fail (error);
  intact = shequ_audit_verify_anchored (db, head_text != NULL ? &anchor : NULL, &n_entries,
                                        &broken, &error);
  if (!intact && broken < 0)
    return fail (error);

  if (opt_json)
    print_verify_json (intact, n_entries, broken);
  else if (intact)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_entries);

      g_print (g_dngettext (GETTEXT_PACKAGE, "Audit log intact: %s entry\n",
                            "Audit log intact: %s entries\n", (gulong) n_entries),
               count);
    }
  if (!intact)
    return fail (error);
  return EXIT_SUCCESS;
}

/* The head, once the log verifies: an anchor of a broken log would vouch for it. */
static int
audit_head (int argc, char **argv)
{
  g_autoptr(ShequDatabase) db = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *seq_text = NULL;
  g_autofree char *count_text = NULL;
  GError *error = NULL;
  guint8 hash[SHEQU_AUDIT_HASH_LEN];
  guint64 count = 0;
  gint64 seq = 0;
  int status = 0;

  if (!parse_options ("audit head", NULL,
                      N_("Print the head of the audit log, to keep outside the file and "
                         "check later with “audit verify --head”."),
                      NULL, TRUE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("audit head takes no FILE"));

  db = open_database (SHEQU_DATABASE_FLAGS_READ_ONLY, &error);
  if (db == NULL)
    return fail (error);
  if (!shequ_audit_verify (db, NULL, NULL, &error) ||
      !shequ_audit_get_head (db, &seq, hash, &count, &error))
    return fail (error);
  hex = shequ_audit_hash_to_hex (hash);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *anchor = g_strdup_printf ("%s:%" G_GINT64_FORMAT, hex, seq);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, seq);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, (gint64) count);
      json_builder_set_member_name (builder, "hash");
      json_builder_add_string_value (builder, hex);
      json_builder_set_member_name (builder, "anchor");
      json_builder_add_string_value (builder, anchor);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  count_text = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  g_print (_("Last entry: %s\n"), seq_text);
  g_print (_("Entries: %s\n"), count_text);
  g_print (_("Hash: %s\n"), hex);
  g_print (_("Check it later with: shequ-cli audit verify --head %s:%s\n"), hex, seq_text);
  return EXIT_SUCCESS;
}

int
command_audit (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "verify"))
    return audit_verify (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "head"))
    return audit_head (argc - 1, argv + 1);
  return fail_usage (_("Use “audit verify --db PATH [--head HEX[:SEQ]] [--json]” or "
                       "“audit head --db PATH [--json]”"));
}

gboolean
bench_fill_audit_log (ShequDatabase  *db,
                      gpointer        data,
                      GError        **error)
{
  guint n = GPOINTER_TO_UINT (data);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *target = g_strdup_printf ("cadre:%u", i % 10000);
      g_autofree char *old_value = g_strdup_printf ("%u.5", i % 100);
      ShequAuditEntry entry = { "assessor-01", "score", target, old_value, "92.5",
                                i % 7 == 0 ? "corrected after review" : NULL };

      if (!shequ_audit_append (db, &entry, error))
        return FALSE;
    }
  return TRUE;
}

static void
remove_bench_files (const char *path,
                    const char *tmpdir)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (tmpdir);
}

/* The CPU this process used, in seconds: the figure that means something on a machine
 * that other work shares. */
static double
process_cpu_s (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

#define BENCH_APPENDS 201

/* Each of BENCH_APPENDS appends in a transaction of its own, as a score commit makes it:
 * *MEDIAN_MS and *MAX_MS. */
static gboolean
time_appends (ShequDatabase  *db,
              double         *median_ms,
              double         *max_ms,
              GError        **error)
{
  double times[BENCH_APPENDS];

  for (guint i = 0; i < BENCH_APPENDS; i++)
    {
      ShequAuditEntry entry = { "assessor-01", "score", "cadre:1", "80", "85", "recount" };
      gint64 start = g_get_monotonic_time ();

      if (!shequ_audit_append (db, &entry, error))
        return FALSE;
      times[i] = (g_get_monotonic_time () - start) / 1e3;
    }
  qsort (times, BENCH_APPENDS, sizeof times[0], compare_doubles);
  *median_ms = times[BENCH_APPENDS / 2];
  *max_ms = times[BENCH_APPENDS - 1];
  return TRUE;
}

/* Figures only: verify over N entries, and appends on their own. */
int
bench_audit (int argc, char **argv)
{
  gint64 n = 1500000;
  const GOptionEntry entries[] = {
    { "entries", 0, 0, G_OPTION_ARG_INT64, &n, N_("How many audit entries to write"), N_("N") },
    { NULL }
  };
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  GError *error = NULL;
  guint64 n_entries = 0;
  gint64 broken = -1, start;
  double fill_s, fill_cpu_s, verify_s, verify_cpu_s, append_ms, append_max_ms, cpu_start;
  int status = 0;

  if (!parse_options ("bench audit", NULL, N_("Measure the audit log (internal)."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (n < 1 || n > G_MAXUINT)
    return fail_usage (_("--entries takes a positive number"));

  tmpdir = g_dir_make_tmp ("shequ-bench-audit-XXXXXX", &error);
  if (tmpdir == NULL)
    return fail (error);
  path = g_build_filename (tmpdir, "bench.db", NULL);
  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                            &error);
  if (db == NULL)
    return fail (error);

  start = g_get_monotonic_time ();
  cpu_start = process_cpu_s ();
  if (!shequ_database_write (db, bench_fill_audit_log, GUINT_TO_POINTER ((guint) n), &error))
    return fail (error);
  fill_s = (g_get_monotonic_time () - start) / 1e6;
  fill_cpu_s = process_cpu_s () - cpu_start;

  start = g_get_monotonic_time ();
  cpu_start = process_cpu_s ();
  if (!shequ_audit_verify (db, &n_entries, &broken, &error))
    return fail (error);
  verify_s = (g_get_monotonic_time () - start) / 1e6;
  verify_cpu_s = process_cpu_s () - cpu_start;

  if (!time_appends (db, &append_ms, &append_max_ms, &error))
    return fail (error);

  g_clear_object (&db);
  remove_bench_files (path, tmpdir);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "entries");
      json_builder_add_int_value (builder, (gint64) n_entries);
      json_builder_set_member_name (builder, "fill_s");
      json_builder_add_double_value (builder, fill_s);
      json_builder_set_member_name (builder, "fill_cpu_s");
      json_builder_add_double_value (builder, fill_cpu_s);
      json_builder_set_member_name (builder, "verify_s");
      json_builder_add_double_value (builder, verify_s);
      json_builder_set_member_name (builder, "verify_cpu_s");
      json_builder_add_double_value (builder, verify_cpu_s);
      json_builder_set_member_name (builder, "append_ms");
      json_builder_add_double_value (builder, append_ms);
      json_builder_set_member_name (builder, "append_max_ms");
      json_builder_add_double_value (builder, append_max_ms);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    g_print ("entries %" G_GUINT64_FORMAT "  fill %.2f s (CPU %.2f s)  verify %.3f s (CPU %.3f s)"
             "  append median %.3f ms  max %.3f ms (%d appends)\n",
             n_entries, fill_s, fill_cpu_s, verify_s, verify_cpu_s, append_ms, append_max_ms,
             BENCH_APPENDS);
  return EXIT_SUCCESS;
}
