/* shequ-cli-eval.c — shequ-cli eval: periods, ranking, flags, reports and score import */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-eval-import.h"
#include "shequ-eval-report.h"
#include "shequ-eval-store.h"
#include "shequ-map-store.h"
#include "shequ-cli-private.h"
#include "shequ-cli-table.h"

/* The subcommands' summaries: their --help and "eval --help". */
static const char periods_summary[] = N_("List the evaluation's periods.");
static const char rank_summary[] = N_("Print a period's ranking.");
static const char report_summary[] = N_("Write a period's report as PDF, an Excel workbook or CSV.");
static const char import_summary[] = N_("Import scores from a CSV file: every line is checked, "
                                        "then all are written or none.");
static const char flags_summary[] = N_("List the flags raised (interviews, warnings) and their "
                                       "states.");

/* The evaluation of the database --db names. WRITE: opened for writing. */
static ShequEvalStore *
open_eval_store (gboolean   write,
                 GError   **error)
{
  g_autoptr(ShequOrgStore) org = NULL;

  org = open_store (write ? SHEQU_DATABASE_FLAGS_NONE
                          : SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                    error);
  if (org == NULL)
    return NULL;
  return shequ_eval_store_new (org, error);
}

/* The period TEXT names (its id, or its label). */
static const ShequPeriodRow *
find_period (ShequEvalStore  *store,
             const char      *text,
             GError         **error)
{
  GPtrArray *periods = shequ_eval_store_get_periods (store);
  gint64 id = 0;

  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL) &&
      shequ_eval_store_lookup_period (store, id) != NULL)
    return shequ_eval_store_lookup_period (store, id);
  for (guint i = 0; periods != NULL && i < periods->len; i++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);

      if (g_str_equal (period->label, text))
        return period;
    }
  g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND,
               _("There is no period “%s” in %s; “shequ-cli eval periods” lists them"),
               text, shequ_database_get_path (shequ_eval_store_get_database (store)));
  return NULL;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* ------------------------------------------------------------------------------------ */
/* eval periods                                                                         */

static void
count_submitted (ShequEvalStore *store,
                 gint64          period_id,
                 guint          *submitted,
                 guint          *total)
{
  GPtrArray *assessors = shequ_eval_store_get_assessors (store, period_id);

  *submitted = *total = 0;
  for (guint i = 0; assessors != NULL && i < assessors->len; i++)
    {
      const ShequAssessorRow *row = g_ptr_array_index (assessors, i);

      (*total)++;
      *submitted += row->submitted_at != NULL;
    }
}

static void
build_period_json (JsonBuilder          *builder,
                   ShequEvalStore       *store,
                   const ShequPeriodRow *period)
{
  const ShequEvalSetDef *set = shequ_eval_store_lookup_set (store, period->set_id);
  guint submitted, total;

  count_submitted (store, period->id, &submitted, &total);
  json_builder_begin_object (builder);
  add_int (builder, "id", period->id);
  add_string (builder, "label", period->label);
  add_string (builder, "kind", shequ_period_kind_to_key (period->kind));
  add_string (builder, "starts", period->starts);
  add_string (builder, "ends", period->ends);
  add_string (builder, "state", shequ_period_state_to_key (period->state));
  json_builder_set_member_name (builder, "set");
  json_builder_begin_object (builder);
  add_int (builder, "id", period->set_id);
  add_string (builder, "name", set != NULL ? set->set->name : NULL);
  add_int (builder, "version", set != NULL ? set->set->version : 0);
  add_string (builder, "kind", set != NULL ? shequ_eval_kind_to_key (set->set->kind) : NULL);
  json_builder_end_object (builder);
  add_int (builder, "assessors", total);
  add_int (builder, "submitted", submitted);
  json_builder_end_object (builder);
}

static int
eval_periods (int argc, char **argv)
{
  g_autoptr(ShequEvalStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *periods;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("eval periods", NULL, periods_summary, NULL, TRUE,
                      &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("eval periods takes no FILE"));
  store = open_eval_store (FALSE, &error);
  if (store == NULL)
    return fail (error);

  periods = shequ_eval_store_get_periods (store);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < periods->len; i++)
        build_period_json (builder, store, g_ptr_array_index (periods, i));
      json_builder_end_array (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }
  if (periods->len == 0)
    {
      g_print (_("The evaluation has no periods yet.\n"));
      return EXIT_SUCCESS;
    }
  rows = table_new ();
  table_add_row (rows, 6, C_("cli column", "ID"), C_("cli column", "Period"),
                 C_("cli column", "Kind"), C_("cli column", "Indicator set"),
                 C_("cli column", "State"), C_("cli column", "Submitted"));
  for (guint i = 0; i < periods->len; i++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);
      const ShequEvalSetDef *set = shequ_eval_store_lookup_set (store, period->set_id);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, period->id);
      g_autofree char *set_text = g_strdup_printf ("%s v%u", set != NULL ? set->set->name : "?",
                                                   set != NULL ? set->set->version : 0);
      g_autofree char *submitted_text = NULL;
      guint submitted, total;

      count_submitted (store, period->id, &submitted, &total);
      submitted_text = g_strdup_printf ("%u/%u", submitted, total);
      table_add_row (rows, 6, id, period->label, shequ_period_kind_get_label (period->kind),
                     set_text, shequ_period_state_get_label (period->state), submitted_text);
    }
  table_print (rows, 6, 0);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */
/* eval rank                                                                            */

typedef struct {
  const ShequEvalTargetRow *target;
  guint                     rank;
  guint                     previous_rank;
  double                    total;
  ShequBand                 band;
  ShequBand                 previous_band;
} RankLine;

/* "up", "down", "same", or "new" (not ranked in the period before). */
static const char *
rank_move_key (const RankLine *line)
{
  if (line->previous_rank == 0 || line->rank == 0)
    return "new";
  if (line->rank < line->previous_rank)
    return "up";
  return line->rank > line->previous_rank ? "down" : "same";
}

static const char *
rank_move_arrow (const RankLine *line)
{
  const char *key = rank_move_key (line);

  if (g_str_equal (key, "up"))
    return "↑";
  if (g_str_equal (key, "down"))
    return "↓";
  return g_str_equal (key, "same") ? "→" : " ";
}

/* json-glib writes a double with 17 digits (99.650000000000006): a total goes in as a
 * string marked by NUMBER_MARK and print_json_rounded() writes it as a number with two
 * decimals. */
#define NUMBER_MARK "\x1f#"
/* As the generator writes it: json-glib 1.6 leaves U+001F as it is. */
#define NUMBER_MARK_QUOTED "\"" NUMBER_MARK

static void
add_rounded (JsonBuilder *builder,
             double       value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *text = NULL;

  g_ascii_formatd (number, sizeof number, "%.2f", value);
  text = g_strconcat (NUMBER_MARK, number, NULL);
  json_builder_add_string_value (builder, text);
}

static void
print_json_rounded (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p, *mark;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  for (p = text; (mark = strstr (p, NUMBER_MARK_QUOTED)) != NULL; )
    {
      const char *number = mark + strlen (NUMBER_MARK_QUOTED);
      const char *end = strchr (number, '"');

      if (end == NULL)
        break;
      g_string_append_len (out, p, mark - p);
      g_string_append_len (out, number, end - number);
      p = end + 1;
    }
  g_string_append (out, p);
  print_json_text (out->str);
}

static void
build_rank_json (JsonBuilder          *builder,
                 const ShequPeriodRow *period,
                 const RankLine       *lines,
                 guint                 n)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  add_int (builder, "id", period->id);
  add_string (builder, "label", period->label);
  add_string (builder, "state", shequ_period_state_to_key (period->state));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "ranking");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      const RankLine *line = &lines[i];

      json_builder_begin_object (builder);
      add_int (builder, "rank", line->rank);
      json_builder_set_member_name (builder, "previous_rank");
      if (line->previous_rank > 0)
        json_builder_add_int_value (builder, line->previous_rank);
      else
        json_builder_add_null_value (builder);
      add_string (builder, "move", rank_move_key (line));
      add_string (builder, "code", line->target->code);
      add_string (builder, "name", line->target->name);
      add_string (builder, "unit", line->target->unit_name);
      json_builder_set_member_name (builder, "total");
      if (isnan (line->total))
        json_builder_add_null_value (builder);
      else
        add_rounded (builder, line->total);
      add_string (builder, "band", shequ_band_to_key (line->band));
      add_string (builder, "previous_band", shequ_band_to_key (line->previous_band));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_rank_text (const ShequPeriodRow *period,
                 const RankLine       *lines,
                 guint                 n)
{
  g_print ("%s\n", period->label);
  for (guint i = 0; i < n; i++)
    {
      const RankLine *line = &lines[i];
      g_autofree char *total = shequ_eval_format_total (line->total, 2);
      g_autofree char *rank = line->rank > 0 ? g_strdup_printf ("%u", line->rank) : g_strdup ("—");
      g_autofree char *previous = line->previous_rank > 0
        ? g_strdup_printf ("%u", line->previous_rank) : g_strdup ("—");

      g_print ("%5s  %s %5s  %s  %s  %s  %s\n", rank, rank_move_arrow (line), previous,
               line->target->code, line->target->name, total,
               shequ_band_get_label (line->band));
    }
}

static int
eval_rank (int argc, char **argv)
{
  g_autofree char *period_text = NULL;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_("The period (id or label)"), N_("ID") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Print only the first N"), N_("N") },
    { NULL }
  };
  g_autoptr(ShequEvalStore) store = NULL;
  g_autofree RankLine *lines = NULL;
  const ShequEvalResults *results;
  const ShequPeriodRow *period;
  GPtrArray *targets;
  GError *error = NULL;
  int status = 0;
  guint n;

  if (!parse_options ("eval rank", NULL, rank_summary, entries, TRUE,
                      &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("eval rank takes no FILE; use --period ID"));
  if (period_text == NULL)
    return fail_usage (_("eval rank needs --period ID"));
  if (limit < 0)
    return fail_usage (_("--limit takes a number of 0 or more"));
  store = open_eval_store (FALSE, &error);
  if (store == NULL || (period = find_period (store, period_text, &error)) == NULL)
    return fail (error);

  results = shequ_eval_store_get_results (store, period->id);
  targets = shequ_eval_store_get_period_targets (store, period->id);
  n = results != NULL ? results->n_targets : 0;
  if (limit > 0)
    n = MIN (n, (guint) limit);
  lines = g_new0 (RankLine, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint t = results->order[i];

      lines[i].target = g_ptr_array_index (targets, t);
      lines[i].rank = results->rank[t];
      lines[i].total = results->total[t];
      lines[i].band = results->band[t];
      shequ_eval_store_get_previous (store, period->id, lines[i].target->id,
                                     &lines[i].previous_rank, &lines[i].previous_band);
    }
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      build_rank_json (builder, period, lines, n);
      print_json_rounded (builder);
    }
  else
    print_rank_text (period, lines, n);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */
/* eval flags                                                                           */

static void
build_flag_json (JsonBuilder        *builder,
                 ShequEvalStore     *store,
                 const ShequFlagRow *flag)
{
  const ShequEvalTargetRow *target = shequ_eval_store_lookup_target (store, flag->target_id);
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (store, flag->period_id);

  json_builder_begin_object (builder);
  add_int (builder, "id", flag->id);
  add_string (builder, "action", shequ_flag_action_to_key (flag->action));
  add_string (builder, "state", shequ_flag_state_to_key (flag->state));
  add_string (builder, "target", target != NULL ? target->code : NULL);
  add_string (builder, "name", target != NULL ? target->name : NULL);
  add_int (builder, "period_id", flag->period_id);
  add_string (builder, "period", period != NULL ? period->label : NULL);
  add_string (builder, "note", flag->note);
  add_string (builder, "updated_at", flag->updated_at);
  json_builder_end_object (builder);
}

static int
eval_flags (int argc, char **argv)
{
  g_autoptr(ShequEvalStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *flags;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("eval flags", NULL, flags_summary, NULL, TRUE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("eval flags takes no FILE"));
  store = open_eval_store (FALSE, &error);
  if (store == NULL)
    return fail (error);

  flags = shequ_eval_store_get_flags (store);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < flags->len; i++)
        build_flag_json (builder, store, g_ptr_array_index (flags, i));
      json_builder_end_array (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }
  if (flags->len == 0)
    {
      g_print (_("No flags have been raised.\n"));
      return EXIT_SUCCESS;
    }
  rows = table_new ();
  table_add_row (rows, 7, C_("cli column", "ID"), C_("cli column", "Period"),
                 C_("cli column", "Code"), C_("cli column", "Name"), C_("cli column", "Action"),
                 C_("cli column", "State"), C_("cli column", "Note"));
  for (guint i = 0; i < flags->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (flags, i);
      const ShequEvalTargetRow *target = shequ_eval_store_lookup_target (store, flag->target_id);
      const ShequPeriodRow *period = shequ_eval_store_lookup_period (store, flag->period_id);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, flag->id);

      table_add_row (rows, 7, id, period != NULL ? period->label : "?",
                     target != NULL ? target->code : "?", target != NULL ? target->name : "?",
                     shequ_flag_action_get_label (flag->action),
                     shequ_flag_state_get_label (flag->state), flag->note);
    }
  table_print (rows, 7, 0);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */
/* eval report                                                                          */

static int
eval_report (int argc, char **argv)
{
  g_autofree char *period_text = NULL;
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_("The period (id or label)"), N_("ID") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write: .pdf, .xlsx or .csv"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(ShequEvalStore) store = NULL;
  g_autoptr(ShequMap) map = NULL;
  const ShequPeriodRow *period;
  ShequEvalReportFormat format;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("eval report", NULL, report_summary, entries, FALSE, &argc, &argv,
                      &status))
    return status;
  if (argc > 1)
    return fail_usage (_("eval report takes no FILE; use --out FILE"));
  if (period_text == NULL || out == NULL)
    return fail_usage (_("eval report needs --period ID and --out FILE.pdf|xlsx|csv"));
  store = open_eval_store (FALSE, &error);
  if (store == NULL || (period = find_period (store, period_text, &error)) == NULL ||
      !shequ_eval_report_format_from_path (out, &format, &error))
    return fail (error);

  if (format == SHEQU_EVAL_REPORT_PDF)
    {
      map = shequ_map_new_for_store (shequ_eval_store_get_org_store (store));
      if (shequ_map_get_n_items (map) == 0)
        g_clear_object (&map);
    }
  if (!shequ_eval_report_write (store, map, period->id, format, out, NULL, &error))
    return fail (error);
  g_print (_("Wrote the report of %s to %s\n"), period->label, out);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */
/* eval import-scores                                                                   */

static void
print_import_json (ShequEvalImport *import,
                   gboolean         dry_run,
                   guint            n_written)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *problems = shequ_eval_import_get_problems (import);

  json_builder_begin_object (builder);
  add_int (builder, "edits", shequ_eval_import_get_n_edits (import));
  add_int (builder, "written", n_written);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      const ShequIoProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      add_int (builder, "line", problem->line);
      json_builder_set_member_name (builder, "column");
      if (problem->column > 0)
        json_builder_add_int_value (builder, problem->column);
      else
        json_builder_add_null_value (builder);
      add_string (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder);
}

/* fail(), then says so: an import writes all or nothing. */
static int
fail_nothing_written (GError *error)
{
  g_printerr ("shequ-cli: %s\n%s\n", error->message, _("Nothing was written."));
  g_error_free (error);
  return EXIT_FAILURE;
}

static int
eval_import_scores (int argc, char **argv)
{
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file, write nothing"), NULL },
    { NULL }
  };
  g_autoptr(ShequEvalStore) store = NULL;
  g_autoptr(ShequEvalImport) import = NULL;
  GError *error = NULL;
  int status = 0;
  guint n_edits, n_written = 0;

  if (!parse_options ("eval import-scores", "FILE", import_summary, entries, TRUE, &argc,
                      &argv, &status))
    return status;
  if (argc != 2)
    return fail_usage (_("eval import-scores needs exactly one FILE"));
  store = open_eval_store (!dry_run, &error);
  if (store == NULL || (import = shequ_eval_import_read (store, argv[1], &error)) == NULL)
    return fail_nothing_written (error);

  n_edits = shequ_eval_import_get_n_edits (import);
  if (shequ_eval_import_get_problems (import)->len > 0)
    {
      g_autofree char *text = shequ_eval_import_format_problems (import);

      /* Refused, with the message that says how many problems there are. */
      shequ_eval_import_apply (import, NULL, NULL, &error);
      if (opt_json)
        print_import_json (import, dry_run, 0);
      g_printerr ("shequ-cli: %s\n", error->message);
      g_clear_error (&error);
      /* The message already says that nothing was written. */
      if (!opt_json)
        g_printerr ("%s", text);
      return EXIT_FAILURE;
    }
  if (!dry_run && !shequ_eval_import_apply (import, NULL, &n_written, &error))
    return fail_nothing_written (error);
  if (opt_json)
    print_import_json (import, dry_run, n_written);
  if (opt_json)
    return EXIT_SUCCESS;
  if (dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "The file is good: %u score would change. Nothing was written "
                          "(--dry-run).\n",
                          "The file is good: %u scores would change. Nothing was written "
                          "(--dry-run).\n", n_edits), n_edits);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u score.\n", "Imported %u scores.\n",
                          n_written), n_written);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */

static void
print_eval_usage (FILE *out)
{
  static const struct {
    const char *parameters;
    const char *summary;
  } subcommands[] = {
    { "periods", periods_summary },
    { "rank --period ID [--limit N]", rank_summary },
    { "report --period ID --out FILE", report_summary },
    { "import-scores [--dry-run] FILE", import_summary },
    { "flags", flags_summary },
  };

  fprintf (out, "%s\n\n%s\n",
           _("Usage: shequ-cli eval SUBCOMMAND [OPTIONS] — every subcommand takes --db PATH"),
           _("Subcommands:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %-32s %s\n", subcommands[i].parameters, _(subcommands[i].summary));
  fprintf (out, "\n%s\n",
           _("“shequ-cli eval SUBCOMMAND --help” describes a subcommand's options."));
}

int
command_eval (int argc, char **argv)
{
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
                    || g_str_equal (argv[1], "help")))
    {
      print_eval_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (argc >= 2 && g_str_equal (argv[1], "periods"))
    return eval_periods (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "rank"))
    return eval_rank (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "report"))
    return eval_report (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import-scores"))
    return eval_import_scores (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "flags"))
    return eval_flags (argc - 1, argv + 1);
  return fail_usage (_("Use “eval periods”, “eval rank --period ID”, “eval report --period ID "
                       "--out FILE”, “eval import-scores FILE” or “eval flags”"));
}
