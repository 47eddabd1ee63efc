/* shequ-cli-audit.c — shequ-cli audit verify, and bench audit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "shequ-audit.h"
#include "shequ-cli-private.h"

static ShequDatabase *
open_database (ShequDatabaseFlags   flags,
               GError             **error)
{
  g_autofree char *path = opt_db != NULL ? g_strdup (opt_db) : shequ_database_get_default_path ();

  return shequ_database_open (path, flags | SHEQU_DATABASE_FLAGS_NO_BACKUP, error);
}

static int
audit_verify (int argc, char **argv)
{
  g_autoptr(ShequDatabase) db = NULL;
  GError *error = NULL;
  guint64 n_entries = 0;
  gint64 broken = -1;
  gboolean intact;
  int status = 0;

  if (!parse_options ("audit verify", NULL,
                      N_("Check that no audit entry was changed, removed or reordered."),
                      NULL, TRUE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("audit verify takes no FILE"));

  db = open_database (SHEQU_DATABASE_FLAGS_READ_ONLY, &error);
  if (db == NULL)
    return fail (error);
  intact = shequ_audit_verify (db, &n_entries, &broken, &error);
  if (!intact && broken < 0)
    return fail (error);

  if (opt_json)
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

int
command_audit (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "verify"))
    return audit_verify (argc - 1, argv + 1);
  return fail_usage (_("Use “audit verify --db PATH [--json]”"));
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

/* Figures only: verify over N entries, and one append on its own. */
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
  ShequAuditEntry entry = { "assessor-01", "score", "cadre:1", "80", "85", "recount" };
  guint64 n_entries = 0;
  gint64 broken = -1, start;
  double fill_s, verify_s, append_ms;
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
  if (!shequ_database_write (db, bench_fill_audit_log, GUINT_TO_POINTER ((guint) n), &error))
    return fail (error);
  fill_s = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  if (!shequ_audit_verify (db, &n_entries, &broken, &error))
    return fail (error);
  verify_s = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  if (!shequ_audit_append (db, &entry, &error))
    return fail (error);
  append_ms = (g_get_monotonic_time () - start) / 1e3;

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
      json_builder_set_member_name (builder, "verify_s");
      json_builder_add_double_value (builder, verify_s);
      json_builder_set_member_name (builder, "append_ms");
      json_builder_add_double_value (builder, append_ms);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    g_print ("entries %" G_GUINT64_FORMAT "  fill %.2f s  verify %.3f s  append %.3f ms\n",
             n_entries, fill_s, verify_s, append_ms);
  return EXIT_SUCCESS;
}
