/* shequ-cli.c — the command line: init, units, stats, import, export, compliance, bench */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <locale.h>
#include <string.h>

#include "shequ-database.h"
#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-sample.h"

#define EXIT_USAGE 2

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *parameters;
  const char *summary;     /* N_() */
} Command;

static char *opt_db = NULL;
static gboolean opt_json = FALSE;

static const GOptionEntry db_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The database file"), N_("PATH") },
  { NULL }
};

static const GOptionEntry json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
  { NULL }
};

static int
fail (GError *error)
{
  g_printerr ("shequ-cli: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

static int
fail_usage (const char *message)
{
  g_printerr ("shequ-cli: %s\n", message);
  return EXIT_USAGE;
}

/* Parses the options of one command; ARGV[0] is the command's name. */
static gboolean
parse_options (const char          *command,
               const char          *parameters,
               const char          *summary,
               const GOptionEntry  *entries,
               gboolean             with_json,
               int                 *argc,
               char              ***argv,
               int                 *status)
{
  g_autofree char *title = g_strdup_printf ("%s%s%s", command, parameters ? " " : "",
                                            parameters ? parameters : "");
  g_autoptr(GOptionContext) context = g_option_context_new (title);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(summary));
  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);
  if (with_json)
    g_option_context_add_main_entries (context, json_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = fail_usage (error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
db_path (void)
{
  return opt_db != NULL ? g_strdup (opt_db) : shequ_database_get_default_path ();
}

static ShequOrgStore *
open_store (ShequDatabaseFlags   flags,
            GError             **error)
{
  g_autofree char *path = db_path ();
  g_autoptr(ShequDatabase) db = NULL;

  if (!(flags & SHEQU_DATABASE_FLAGS_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("There is no database at %s; create one with “shequ-cli init”"), path);
      return NULL;
    }
  db = shequ_database_open (path, flags, error);
  if (db == NULL)
    return NULL;
  return shequ_org_store_new (db, error);
}

/* ------------------------------------------------------------------------------------ */

static int
command_init (int argc, char **argv)
{
  gboolean sample = FALSE;
  g_autofree char *street = NULL;
  g_autofree char *county = NULL;
  const GOptionEntry entries[] = {
    { "sample", 0, 0, G_OPTION_ARG_NONE, &sample, N_("Fill it with the Pingyi Street sample"), NULL },
    { "street", 0, 0, G_OPTION_ARG_STRING, &street, N_("Create an empty street of this name"), N_("NAME") },
    { "county", 0, 0, G_OPTION_ARG_STRING, &county, N_("County code of the new street"), N_("CODE") },
    { NULL }
  };
  g_autoptr(ShequOrgStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("init", NULL, N_("Create the database, optionally with the sample street."),
                      entries, FALSE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("init takes no FILE; use --db PATH"));
  if (sample && street != NULL)
    return fail_usage (_("Use either --sample or --street, not both"));
  if ((street != NULL) != (county != NULL))
    return fail_usage (_("--street NAME needs --county CODE, and the other way round"));

  path = db_path ();
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      return fail (g_error_new (G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                                _("Cannot create the folder %s: %s"), dir,
                                g_strerror (saved_errno)));
    }

  store = open_store (SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  if (store == NULL)
    return fail (error);

  if ((sample || street != NULL) && shequ_org_store_get_n_units (store) > 0)
    {
      return fail (g_error_new (SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                                _("The database %s already holds %u units; "
                                  "choose a new file with --db PATH"),
                                path, shequ_org_store_get_n_units (store)));
    }

  if (sample && !shequ_sample_populate (store, &error))
    return fail (error);
  if (street != NULL && shequ_sample_create_street (store, street, county, &error) == NULL)
    return fail (error);

  g_print (_("Database %s ready: %u units\n"), path, shequ_org_store_get_n_units (store));
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */

static void
print_unit_text (ShequUnit *unit)
{
  g_autofree char *indent = g_strnfill (shequ_unit_get_depth (unit) * 2, ' ');

  g_print ("%s%s  %s  %s  %" G_GINT64_FORMAT "  %" G_GINT64_FORMAT "%s%s\n",
           indent, shequ_unit_get_code (unit), shequ_unit_get_name (unit),
           shequ_tier_get_label (shequ_unit_get_tier (unit)),
           shequ_unit_get_total_population (unit), shequ_unit_get_total_households (unit),
           shequ_unit_get_compliance_text (unit)[0] != '\0' ? "  " : "",
           shequ_unit_get_compliance_text (unit));
  for (guint i = 0; i < shequ_unit_get_n_children (unit); i++)
    print_unit_text (shequ_unit_get_child (unit, i));
}

static void
build_unit_json (JsonBuilder *builder,
                 ShequUnit   *unit)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, shequ_unit_get_code (unit));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, shequ_unit_get_name (unit));
  json_builder_set_member_name (builder, "tier");
  json_builder_add_string_value (builder, shequ_tier_to_key (shequ_unit_get_tier (unit)));
  json_builder_set_member_name (builder, "population");
  json_builder_add_int_value (builder, shequ_unit_get_total_population (unit));
  json_builder_set_member_name (builder, "households");
  json_builder_add_int_value (builder, shequ_unit_get_total_households (unit));
  json_builder_set_member_name (builder, "grids");
  json_builder_add_int_value (builder, shequ_unit_get_grid_count (unit));
  if (shequ_unit_is_checked (unit))
    {
      json_builder_set_member_name (builder, "compliant");
      json_builder_add_boolean_value (builder, shequ_unit_get_compliant (unit));
      json_builder_set_member_name (builder, "compliance");
      json_builder_add_string_value (builder, shequ_unit_get_compliance_text (unit));
    }
  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  for (guint i = 0; i < shequ_unit_get_n_children (unit); i++)
    build_unit_json (builder, shequ_unit_get_child (unit, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
command_units (int argc, char **argv)
{
  g_autoptr(ShequOrgStore) store = NULL;
  GListModel *roots;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("units", NULL, N_("Print the organisation tree."), NULL, TRUE,
                      &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("units takes no FILE"));

  store = open_store (SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  if (store == NULL)
    return fail (error);

  roots = shequ_org_store_get_roots (store);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
        {
          g_autoptr(ShequUnit) unit = g_list_model_get_item (roots, i);

          build_unit_json (builder, unit);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr(ShequUnit) unit = g_list_model_get_item (roots, i);

      print_unit_text (unit);
    }
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */

static int
command_stats (int argc, char **argv)
{
  g_autoptr(ShequOrgStore) store = NULL;
  ShequOrgStats stats;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("stats", NULL, N_("Print totals of the street."), NULL, TRUE,
                      &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("stats takes no FILE"));

  store = open_store (SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  if (store == NULL)
    return fail (error);
  shequ_org_store_get_stats (store, &stats);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
#define ADD_INT(key, value) \
      G_STMT_START { \
        json_builder_set_member_name (builder, key); \
        json_builder_add_int_value (builder, value); \
      } G_STMT_END
      ADD_INT ("units", shequ_org_store_get_n_units (store));
      ADD_INT ("areas", stats.areas);
      ADD_INT ("communities", stats.communities);
      ADD_INT ("villages", stats.villages);
      ADD_INT ("grids", stats.grids);
      ADD_INT ("population", stats.population);
      ADD_INT ("households", stats.households);
      ADD_INT ("people", stats.people);
      ADD_INT ("violations", stats.violations);
      json_builder_set_member_name (builder, "roles");
      json_builder_begin_object (builder);
      for (guint i = 0; i < SHEQU_N_ROLES; i++)
        ADD_INT (shequ_role_to_key (i), stats.role_counts[i]);
      json_builder_end_object (builder);
#undef ADD_INT
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  g_print (_("Units: %u\n"), shequ_org_store_get_n_units (store));
  g_print (_("Areas: %u\n"), stats.areas);
  g_print (_("Communities: %u\n"), stats.communities);
  g_print (_("Villages: %u\n"), stats.villages);
  g_print (_("Grids: %u\n"), stats.grids);
  g_print (_("Population: %" G_GINT64_FORMAT "\n"), stats.population);
  g_print (_("Households: %" G_GINT64_FORMAT "\n"), stats.households);
  g_print (_("People: %u\n"), stats.people);
  for (guint i = 0; i < SHEQU_N_ROLES; i++)
    g_print ("  %s: %u\n", shequ_role_get_label (i), stats.role_counts[i]);
  g_print (_("Units breaking a rule: %u\n"), stats.violations);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */

static gboolean
parse_format (const char     *text,
              ShequIoFormat  *format)
{
  if (text == NULL || g_ascii_strcasecmp (text, "auto") == 0)
    *format = SHEQU_IO_FORMAT_AUTO;
  else if (g_ascii_strcasecmp (text, "csv") == 0)
    *format = SHEQU_IO_FORMAT_CSV;
  else if (g_ascii_strcasecmp (text, "json") == 0)
    *format = SHEQU_IO_FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_encoding (const char       *text,
                ShequIoEncoding  *encoding)
{
  if (text == NULL || g_ascii_strcasecmp (text, "auto") == 0)
    *encoding = SHEQU_IO_ENCODING_AUTO;
  else if (g_ascii_strcasecmp (text, "utf-8") == 0 || g_ascii_strcasecmp (text, "utf8") == 0)
    *encoding = SHEQU_IO_ENCODING_UTF8;
  else if (g_ascii_strcasecmp (text, "gbk") == 0 || g_ascii_strcasecmp (text, "gb18030") == 0)
    *encoding = SHEQU_IO_ENCODING_GBK;
  else
    return FALSE;
  return TRUE;
}

/* import-units, import-people, export-units, export-people */
static int
run_transfer (const char *command,
              gboolean    import,
              gboolean    units,
              int         argc,
              char      **argv)
{
  g_autofree char *format_text = NULL;
  g_autofree char *encoding_text = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("csv, json or auto (by the file name; the default)"), N_("FORMAT") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_text,
      N_("auto (the default), utf-8 or gbk"), N_("ENCODING") },
    { NULL }
  };
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  ShequIoFormat format;
  ShequIoEncoding encoding;
  GError *error = NULL;
  int status = 0;
  gboolean ok;
  guint n = 0;

  if (!import)
    entries[1] = (GOptionEntry) { NULL };
  if (!parse_options (command, "FILE",
                      import ? (units ? N_("Import units from a CSV or JSON file.")
                                      : N_("Import people and their posts from a CSV or JSON file."))
                             : (units ? N_("Export every unit to a CSV or JSON file.")
                                      : N_("Export every person and post to a CSV or JSON file.")),
                      entries, FALSE, &argc, &argv, &status))
    return status;
  if (argc != 2)
    {
      g_autofree char *message = g_strdup_printf (_("%s needs exactly one FILE"), command);

      return fail_usage (message);
    }
  if (!parse_format (format_text, &format))
    return fail_usage (_("--format must be csv, json or auto"));
  if (!parse_encoding (encoding_text, &encoding))
    return fail_usage (_("--encoding must be auto, utf-8 or gbk"));

  store = open_store (import ? SHEQU_DATABASE_FLAGS_NONE : SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  if (store == NULL)
    return fail (error);

  file = g_file_new_for_commandline_arg (argv[1]);
  if (import && units)
    ok = shequ_io_import_units (store, file, format, encoding, &n, &error);
  else if (import)
    ok = shequ_io_import_people (store, file, format, encoding, &n, &error);
  else if (units)
    ok = shequ_io_export_units (store, file, format, &error);
  else
    ok = shequ_io_export_people (store, file, format, &error);
  if (!ok)
    return fail (error);

  if (import && units)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u unit from %s\n",
                          "Imported %u units from %s\n", n), n, argv[1]);
  else if (import)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u person from %s\n",
                          "Imported %u people from %s\n", n), n, argv[1]);
  else if (units)
    {
      n = shequ_org_store_get_n_units (store);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u unit to %s\n",
                            "Exported %u units to %s\n", n), n, argv[1]);
    }
  else
    {
      n = g_list_model_get_n_items (shequ_org_store_get_people (store));
      g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u person to %s\n",
                            "Exported %u people to %s\n", n), n, argv[1]);
    }
  return EXIT_SUCCESS;
}

static int
command_import_units (int argc, char **argv)
{
  return run_transfer ("import-units", TRUE, TRUE, argc, argv);
}

static int
command_import_people (int argc, char **argv)
{
  return run_transfer ("import-people", TRUE, FALSE, argc, argv);
}

static int
command_export_units (int argc, char **argv)
{
  return run_transfer ("export-units", FALSE, TRUE, argc, argv);
}

static int
command_export_people (int argc, char **argv)
{
  return run_transfer ("export-people", FALSE, FALSE, argc, argv);
}

/* ------------------------------------------------------------------------------------ */

static int
command_compliance (int argc, char **argv)
{
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  GListModel *violations;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("compliance", NULL,
                      N_("List the villages and communities that break a staffing rule."),
                      NULL, TRUE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("compliance takes no FILE"));

  store = open_store (SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  if (store == NULL)
    return fail (error);

  violations = shequ_org_store_get_violations (store);
  if (opt_json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  else if (g_list_model_get_n_items (violations) == 0)
    g_print (_("Every village and community keeps the rules.\n"));

  for (guint i = 0; i < g_list_model_get_n_items (violations); i++)
    {
      g_autoptr(ShequUnit) unit = g_list_model_get_item (violations, i);
      gint64 population = shequ_unit_get_total_population (unit);
      guint mediators = shequ_unit_get_role_count (unit, SHEQU_ROLE_MEDIATOR);
      guint required = population > 3000 ? 5 : 3;
      gboolean adviser = shequ_unit_get_role_count (unit, SHEQU_ROLE_LEGAL_ADVISER) > 0;

      if (builder == NULL)
        {
          g_print ("%s  %s  %s  ", shequ_unit_get_code (unit), shequ_unit_get_name (unit),
                   shequ_tier_get_label (shequ_unit_get_tier (unit)));
          g_print (_("population %" G_GINT64_FORMAT ", mediators %u/%u, legal adviser: %s"),
                   population, mediators, required, adviser ? _("yes") : _("no"));
          g_print ("  %s\n", shequ_unit_get_compliance_text (unit));
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, shequ_unit_get_code (unit));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, shequ_unit_get_name (unit));
      json_builder_set_member_name (builder, "tier");
      json_builder_add_string_value (builder, shequ_tier_to_key (shequ_unit_get_tier (unit)));
      json_builder_set_member_name (builder, "population");
      json_builder_add_int_value (builder, population);
      json_builder_set_member_name (builder, "mediators");
      json_builder_add_int_value (builder, mediators);
      json_builder_set_member_name (builder, "required_mediators");
      json_builder_add_int_value (builder, required);
      json_builder_set_member_name (builder, "legal_adviser");
      json_builder_add_boolean_value (builder, adviser);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, shequ_unit_get_compliance_text (unit));
      json_builder_end_object (builder);
    }

  if (builder != NULL)
    {
      json_builder_end_array (builder);
      print_json (builder);
    }
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */
/* Benchmarks: figures only, nothing asserts on them.                                   */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (const double *values,
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
static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle != NULL)
    while ((name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
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
  enum { N_LOADS = 5 };
  double load[N_LOADS];
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  int status = 0;
  double peak_mb;
  guint units;

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
  if (!create_synthetic (path, n_units, &error))
    goto out;

  for (guint run = 0; run < N_LOADS; run++)
    {
      g_autoptr(ShequDatabase) db = NULL;
      gint64 start;

      g_clear_object (&store);
      start = g_get_monotonic_time ();
      db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
      if (db == NULL || (store = shequ_org_store_new (db, &error)) == NULL)
        goto out;
      load[run] = (g_get_monotonic_time () - start) / 1e6;
    }
  peak_mb = read_peak_rss_mb ();
  units = shequ_org_store_get_n_units (store);

  queries = make_keystrokes (store);
  for (guint i = 0; i < queries->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      shequ_org_store_search (store, g_ptr_array_index (queries, i));
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (times, ms);
    }

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "units");
      json_builder_add_int_value (builder, units);
      json_builder_set_member_name (builder, "load_seconds_median");
      json_builder_add_double_value (builder, median (load, N_LOADS));
      json_builder_set_member_name (builder, "load_seconds");
      json_builder_begin_array (builder);
      for (guint i = 0; i < N_LOADS; i++)
        json_builder_add_double_value (builder, load[i]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "keystrokes");
      json_builder_add_int_value (builder, times->len);
      json_builder_set_member_name (builder, "search_ms_median");
      json_builder_add_double_value (builder, median ((double *) times->data, times->len));
      json_builder_set_member_name (builder, "search_ms_max");
      json_builder_add_double_value (builder, maximum ((double *) times->data, times->len));
      json_builder_set_member_name (builder, "peak_rss_mb");
      json_builder_add_double_value (builder, peak_mb);
      if (keep)
        {
          json_builder_set_member_name (builder, "database");
          json_builder_add_string_value (builder, path);
        }
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      g_print ("%-40s %u\n", _("Units"), units);
      g_print ("%-40s %.3f s\n", _("Open + load tree (median of 5)"), median (load, N_LOADS));
      g_print ("%-40s %.2f ms\n", _("Search keystroke, median"),
               median ((double *) times->data, times->len));
      g_print ("%-40s %.2f ms\n", _("Search keystroke, max"),
               maximum ((double *) times->data, times->len));
      g_print ("%-40s %u\n", _("Keystrokes timed"), times->len);
      g_print ("%-40s %.1f MB\n", _("Peak RSS after loading"), peak_mb);
      if (keep)
        g_print ("%-40s %s\n", _("Database"), path);
    }

out:
  g_clear_object (&store);
  if (tmpdir != NULL && !keep)
    remove_tree (tmpdir);
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
  g_autoptr(GArray) app_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_times = g_array_new (FALSE, FALSE, sizeof (double));
  GError *error = NULL;
  int status = 0;
  double app_median;
  double bare_median;

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
      g_autoptr(ShequDatabase) db = NULL;
      g_autoptr(ShequOrgStore) store = NULL;

      /* The sample street in a temporary database. */
      tmpdir = g_dir_make_tmp ("shequ-bench-XXXXXX", &error);
      if (tmpdir == NULL)
        return fail (error);
      path = g_build_filename (tmpdir, "sample.db", NULL);
      db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                &error);
      if (db == NULL || (store = shequ_org_store_new (db, &error)) == NULL ||
          !shequ_sample_populate (store, &error))
        goto out;
    }

  /* One warm-up run of each, then alternate. */
  for (int i = -1; i < runs; i++)
    {
      char *bare_argv[] = { bare, NULL };
      char *app_argv[] = { app, (char *) "--db", path, (char *) "--bench-first-frame", NULL };
      double seconds;

      if (!run_program (bare_argv, &seconds, &error))
        goto out;
      if (i >= 0)
        g_array_append_val (bare_times, seconds);
      if (!run_program (app_argv, &seconds, &error))
        goto out;
      if (i >= 0)
        g_array_append_val (app_times, seconds);
    }

  app_median = median ((double *) app_times->data, app_times->len);
  bare_median = median ((double *) bare_times->data, bare_times->len);
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
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      g_print ("%-40s %s\n", _("Database"), opt_db != NULL ? opt_db : _("the sample street"));
      g_print ("%-40s %d\n", _("Runs of each"), runs);
      g_print ("%-40s %.3f s\n", _("Bare GTK window, median"), bare_median);
      g_print ("%-40s %.3f s\n", _("Shequ to first frame, median"), app_median);
      g_print ("%-40s %.2f×\n", _("Ratio app / bare"),
               bare_median > 0 ? app_median / bare_median : 0);
    }

out:
  if (tmpdir != NULL)
    remove_tree (tmpdir);
  if (error != NULL)
    return fail (error);
  return EXIT_SUCCESS;
}

static int
command_bench (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "tree"))
    return bench_tree (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "startup"))
    return bench_startup (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "populate"))
    return bench_populate (argc - 1, argv + 1);
  return fail_usage (_("Use “bench tree --units N” or “bench startup [--db PATH]”"));
}

/* ------------------------------------------------------------------------------------ */

static const Command commands[] = {
  { "init",          command_init,          "[--sample | --street NAME --county CODE]",
    N_("Create the database") },
  { "units",         command_units,         "[--json]", N_("Print the organisation tree") },
  { "stats",         command_stats,         "[--json]", N_("Print totals") },
  { "import-units",  command_import_units,  "FILE", N_("Import units (CSV or JSON)") },
  { "export-units",  command_export_units,  "FILE", N_("Export units (CSV or JSON)") },
  { "import-people", command_import_people, "FILE", N_("Import people and posts (CSV or JSON)") },
  { "export-people", command_export_people, "FILE", N_("Export people and posts (CSV or JSON)") },
  { "compliance",    command_compliance,    "[--json]", N_("List units that break a rule") },
  { "bench",         command_bench,         "tree --units N | startup",
    N_("Measure speed (figures only)") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: shequ-cli COMMAND [OPTIONS] — every command takes --db PATH"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %-42s %s\n", commands[i].name, commands[i].parameters,
             _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“shequ-cli COMMAND --help” describes a command's options."));
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("SHEQU_LOCALEDIR");
  g_autofree char *command_name = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("shequ-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("shequ-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  command_name = g_strdup_printf (_("Unknown command “%s”; “shequ-cli --help” lists the commands"),
                                  argv[1]);
  return fail_usage (command_name);
}
