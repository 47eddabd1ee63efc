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
#include "shequ-disclosure-sample.h"
#include "shequ-eval-sample.h"
#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-sample.h"
#include "shequ-text.h"
#include "shequ-workspace.h"
#include "shequ-cli-private.h"

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *parameters;
  const char *summary;     /* N_() */
} Command;

char *opt_db = NULL;
gboolean opt_json = FALSE;

static const GOptionEntry db_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The database file"), N_("PATH") },
  { NULL }
};

static const GOptionEntry json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
  { NULL }
};

/* JSON is printed as the JSON writer escapes it; everything else goes to a terminal. */
static gboolean printing_json;

/* Writes TEXT with control and bidirectional characters escaped (\x1b, \u202e), line by
 * line, so a unit named with an ESC sequence, a BEL or U+202E cannot act on the terminal. */
static void
write_for_terminal (FILE       *out,
                    const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (printing_json)
    {
      fputs (text, out);
      return;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = shequ_text_escape_for_terminal (lines[i]);
      g_autofree char *local = NULL;
      const char *charset = NULL;

      if (i > 0)
        fputc ('\n', out);
      if (!g_get_charset (&charset))
        local = g_convert_with_fallback (escaped, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
      fputs (local != NULL ? local : escaped, out);
    }
  fflush (out);
}

static void
print_to_stdout (const char *text)
{
  write_for_terminal (stdout, text);
}

static void
print_to_stderr (const char *text)
{
  write_for_terminal (stderr, text);
}

int
fail (GError *error)
{
  g_printerr ("shequ-cli: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

int
fail_usage (const char *message)
{
  g_printerr ("shequ-cli: %s\n", message);
  return EXIT_USAGE;
}

/* Parses the options of one command; ARGV[0] is the command's name. */
gboolean
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

ShequOrgStore *
open_store (ShequDatabaseFlags   flags,
            GError             **error)
{
  g_autofree char *path = db_path ();
  g_autoptr(ShequWorkspace) workspace = NULL;

  if (!(flags & SHEQU_DATABASE_FLAGS_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("There is no database at %s; create one with “shequ-cli init”"), path);
      return NULL;
    }
  /* The same open path as the app's. */
  workspace = shequ_workspace_open (path, flags, NULL, error);
  if (workspace == NULL)
    return NULL;
  return g_object_ref (shequ_workspace_get_store (workspace));
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
  if (sample)
    {
      g_autoptr(ShequEvalStore) eval = shequ_eval_store_new (store, &error);

      g_autoptr(ShequDisclosureStore) disclosures = NULL;

      if (eval == NULL || !shequ_eval_sample_populate (eval, &error))
        return fail (error);
      /* And its disclosures of every kind and state. */
      disclosures = shequ_disclosure_store_new (store, &error);
      if (disclosures == NULL || !shequ_disclosure_sample_populate (disclosures, &error))
        return fail (error);
    }
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

void
add_unit_identity_json (JsonBuilder *builder,
                        ShequUnit   *unit)
{
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, shequ_unit_get_code (unit));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, shequ_unit_get_name (unit));
  json_builder_set_member_name (builder, "tier");
  json_builder_add_string_value (builder, shequ_tier_to_key (shequ_unit_get_tier (unit)));
}

static void
build_unit_json (JsonBuilder *builder,
                 ShequUnit   *unit)
{
  json_builder_begin_object (builder);
  add_unit_identity_json (builder, unit);
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

void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  print_json_text (text);
}

void
print_json_text (const char *text)
{
  printing_json = TRUE;
  g_print ("%s\n", text);
  printing_json = FALSE;
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

  store = open_store (SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
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

  store = open_store (SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
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
  {
    g_autofree char *population = g_strdup_printf ("%" G_GINT64_FORMAT, stats.population);
    g_autofree char *households = g_strdup_printf ("%" G_GINT64_FORMAT, stats.households);

    g_print (_("Population: %s\n"), population);
    g_print (_("Households: %s\n"), households);
  }
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

  /* Export only reads: it must work on a file or in a folder it may not write. */
  store = open_store (import ? SHEQU_DATABASE_FLAGS_NONE
                             : SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                      &error);
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

  store = open_store (SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
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
          g_autofree char *population_text = g_strdup_printf ("%" G_GINT64_FORMAT, population);

          g_print ("%s  %s  %s  ", shequ_unit_get_code (unit), shequ_unit_get_name (unit),
                   shequ_tier_get_label (shequ_unit_get_tier (unit)));
          g_print (_("population %s, mediators %u/%u, legal adviser: %s"),
                   population_text, mediators, required, adviser ? _("yes") : _("no"));
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
  { "import-boundaries", command_import_boundaries,
    "FILE [--match PROPERTY] [--crs wgs84|gcj02] [--dry-run] [--partial] [--json]",
    N_("Import unit boundaries (GeoJSON)") },
  { "export-boundaries", command_export_boundaries, "FILE",
    N_("Export unit boundaries (GeoJSON)") },
  { "render-map",    command_render_map,
    "--out FILE.png|pdf|svg [--width W --height H] [--color-by MEASURE [--depth N]] [--classes N "
    "--method equal|quantile|jenks] [--unit CODE] [--title TEXT]",
    N_("Draw the map to a file") },
  { "hit",           command_hit,           "--lon X --lat Y [--crs wgs84|gcj02]",
    N_("Print the code of the innermost unit at a point") },
  { "audit",         command_audit,         "verify [--head HEX[:SEQ]] | head",
    N_("Check the audit log's hash chain") },
  { "eval",          command_eval,
    "periods | rank --period ID | report --period ID --out FILE | import-scores FILE | flags",
    N_("The green-orange-red evaluation: periods, ranking, reports, score import, flags") },
  { "disclosure",    command_disclosure,
    "list | show ID|UUID | create … | submit | approve | publish | correct | withdraw | overdue",
    N_("Disclosures (村务/财务/党务/政务公开, news, policy guides) and their workflow") },
  { "sync",          command_sync,          "--server URL --token-file FILE [--ca-file FILE] [--json]",
    N_("Push the outbox to the central server and pull what changed") },
  { "bench",         command_bench,         "tree --units N | map | eval | sync | startup",
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
  g_set_print_handler (print_to_stdout);
  g_set_printerr_handler (print_to_stderr);

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
