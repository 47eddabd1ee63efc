/* shequ-cli-boundaries.c — import-boundaries and export-boundaries */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-boundary-import.h"
#include "shequ-cli-private.h"

static gboolean
parse_crs (const char  *text,
           ShequGeoCrs *crs)
{
  if (text == NULL || g_ascii_strcasecmp (text, "gcj02") == 0)
    *crs = SHEQU_GEO_CRS_GCJ02;
  else if (g_ascii_strcasecmp (text, "wgs84") == 0)
    *crs = SHEQU_GEO_CRS_WGS84;
  else
    return FALSE;
  return TRUE;
}

static GPtrArray *
read_features (const char  *path,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) local = NULL;

  bytes = g_file_load_bytes (file, NULL, NULL, &local);
  if (bytes == NULL)
    {
      g_set_error (error, local->domain, local->code, _("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  return shequ_geojson_read (bytes, name, NULL, NULL, NULL, error);
}

static void
print_plan (ShequBoundaryPlan *plan,
            gboolean           written)
{
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = shequ_boundary_plan_to_json (plan);
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      json_builder_begin_object (builder);
      for (GList *l = members; l != NULL; l = l->next)
        {
          json_builder_set_member_name (builder, l->data);
          json_builder_add_value (builder, json_object_dup_member (object, l->data));
        }
      json_builder_set_member_name (builder, "written");
      json_builder_add_boolean_value (builder, written);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      g_autofree char *report = shequ_boundary_plan_format_report (plan);
      guint matched = shequ_boundary_plan_count (plan, SHEQU_BOUNDARY_MATCHED);

      g_print ("%s", report);
      if (written)
        g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u boundary.\n",
                              "Imported %u boundaries.\n", matched), matched);
      else
        g_print ("%s\n", _("Nothing was written."));
    }
}

/* Writes PLAN's change; *STATUS the exit status when it should not (or could not). */
static gboolean
apply_plan (ShequOrgStore     *store,
            ShequBoundaryPlan *plan,
            gboolean           partial,
            int               *status)
{
  ShequOrgChange *change;
  GError *error = NULL;
  guint left_out;

  left_out = shequ_boundary_plan_get_n_features (plan) -
             shequ_boundary_plan_count (plan, SHEQU_BOUNDARY_MATCHED);
  if (left_out > 0 && !partial)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "shequ-cli: %u feature would be left out, so nothing was "
                               "imported; --partial imports the others.\n",
                               "shequ-cli: %u features would be left out, so nothing was "
                               "imported; --partial imports the others.\n", left_out),
                  left_out);
      *status = EXIT_FAILURE;
      return FALSE;
    }
  change = shequ_boundary_plan_to_change (plan);
  if (change == NULL)
    {
      g_printerr ("shequ-cli: %s\n", _("No feature matches a unit: nothing was imported."));
      *status = EXIT_FAILURE;
      return FALSE;
    }
  if (!shequ_org_store_apply (store, change, &error))
    {
      *status = fail (error);
      return FALSE;
    }
  return TRUE;
}

int
command_import_boundaries (int argc, char **argv)
{
  g_autofree char *match = NULL;
  g_autofree char *crs_text = NULL;
  gboolean dry_run = FALSE, partial = FALSE;
  GOptionEntry entries[] = {
    { "match", 0, 0, G_OPTION_ARG_STRING, &match,
      N_("The property that names the unit: code (the default; also adcode), name, or any "
         "property, compared with the code and then the name"), N_("PROPERTY") },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_text,
      N_("The file's coordinates: gcj02 (the default) or wgs84"), N_("CRS") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Report what would be imported; write nothing"), NULL },
    { "partial", 0, 0, G_OPTION_ARG_NONE, &partial,
      N_("Import the matched features even when others are left out"), NULL },
    { NULL }
  };
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(ShequBoundaryPlan) plan = NULL;
  GError *error = NULL;
  ShequGeoCrs crs;
  int status = 0;
  gboolean written = FALSE;

  if (!parse_options ("import-boundaries", "FILE",
                      N_("Import unit boundaries from a GeoJSON file, each feature matched to "
                         "a unit by a property."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return fail_usage (_("import-boundaries needs exactly one FILE"));
  if (!parse_crs (crs_text, &crs))
    return fail_usage (_("--crs must be wgs84 or gcj02"));
  if (match != NULL && *match == '\0')
    return fail_usage (_("--match needs a property name"));

  store = open_store (dry_run ? SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP
                              : SHEQU_DATABASE_FLAGS_NONE, &error);
  if (store == NULL)
    return fail (error);
  if (!(features = read_features (argv[1], &error)))
    return fail (error);

  plan = shequ_boundary_plan_new (store, features, argv[1], match != NULL ? match : "code", crs);
  if (!dry_run)
    written = apply_plan (store, plan, partial, &status);
  print_plan (plan, written);
  return status;
}

int
command_export_boundaries (int argc, char **argv)
{
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;
  int status = 0;
  guint n;

  if (!parse_options ("export-boundaries", "FILE",
                      N_("Export every unit's boundary to a GeoJSON file (GCJ-02)."),
                      NULL, FALSE, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return fail_usage (_("export-boundaries needs exactly one FILE"));

  store = open_store (SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  if (store == NULL)
    return fail (error);
  bytes = shequ_boundary_export (store);
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      GError *wrapped = g_error_new (error->domain, error->code, _("Cannot write “%s”: %s"),
                                     argv[1], error->message);

      g_error_free (error);
      return fail (wrapped);
    }
  n = shequ_org_store_get_n_boundaries (store);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u boundary to %s\n",
                        "Exported %u boundaries to %s\n", n), n, argv[1]);
  return EXIT_SUCCESS;
}
