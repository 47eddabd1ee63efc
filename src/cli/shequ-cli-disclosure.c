/* shequ-cli-disclosure.c — shequ-cli disclosure: list, show, create, the workflow's steps, overdue */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "shequ-cli-private.h"
#include "shequ-cli-table.h"
#include "shequ-csv.h"
#include "shequ-disclosure-json.h"
#include "shequ-disclosure-kind-label.h"
#include "shequ-disclosure-store.h"
#include "shequ-finance-csv.h"
#include "shequ-markup.h"

/* The subcommands' summaries: their --help and "disclosure --help". */
static const char list_summary[] = N_("List the disclosures, newest change first.");
static const char show_summary[] = N_("Show a disclosure: every version, its lines and totals, "
                                      "who did what and when.");
static const char create_summary[] = N_("Create a disclosure; its first version is a draft.");
static const char step_summary[] = N_("Move a disclosure one step of the workflow (submit, "
                                      "approve, publish, correct: a new draft version).");
static const char reason_summary[] = N_("Return a submitted disclosure to draft, or withdraw a "
                                        "published one, with the reason.");
static const char overdue_summary[] = N_("List the communities and villages that have not "
                                         "published their finance disclosure for a period.");

static char *opt_actor;

static const GOptionEntry actor_entries[] = {
  { "actor", 0, 0, G_OPTION_ARG_STRING, &opt_actor,
    N_("Who does it, for the history (default: your name)"), N_("NAME") },
  G_OPTION_ENTRY_NULL
};

/* The disclosures of the database --db names. WRITE: opened for writing. */
static ShequDisclosureStore *
open_disclosure_store (gboolean   write,
                       GError   **error)
{
  ShequDatabaseFlags flags = write ? SHEQU_DATABASE_FLAGS_NONE
                                   : SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP;
  g_autoptr(ShequOrgStore) org = open_store (flags, error);

  return org != NULL ? shequ_disclosure_store_new (org, error) : NULL;
}

/* The disclosure TEXT names: its id or its uuid. */
static const ShequDisclosureRow *
find_disclosure (ShequDisclosureStore  *store,
                 const char            *text,
                 GError               **error)
{
  const ShequDisclosureRow *row = NULL;
  gint64 id = 0;

  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    row = shequ_disclosure_store_lookup (store, id);
  else
    row = shequ_disclosure_store_lookup_uuid (store, text);
  if (row == NULL)
    g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_NOT_FOUND,
                 _("There is no disclosure “%s” in %s; “shequ-cli disclosure list” lists them"),
                 text, shequ_database_get_path (shequ_disclosure_store_get_database (store)));
  return row;
}

static ShequUnit *
find_unit (ShequDisclosureStore  *store,
           const char            *code,
           GError               **error)
{
  ShequUnit *unit = shequ_org_store_lookup_code (shequ_disclosure_store_get_org_store (store),
                                                 code);

  if (unit == NULL)
    g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_NOT_FOUND,
                 _("There is no unit with the code “%s”; “shequ-cli tree” lists them"), code);
  return unit;
}

/* "邑东府邸社区 (371326001001)", or the code alone for a unit no longer in the tree. */
static char *
unit_text (ShequDisclosureStore *store,
           const char           *code)
{
  ShequUnit *unit = shequ_org_store_lookup_code (shequ_disclosure_store_get_org_store (store),
                                                 code);

  return unit != NULL ? g_strdup_printf ("%s (%s)", shequ_unit_get_name (unit), code)
                      : g_strdup (code);
}

/* KIND as the unit CODE calls it: 居务公开 in a community. */
static const char *
kind_text (ShequDisclosureStore *store,
           ShequDisclosureKind   kind,
           const char           *code)
{
  ShequUnit *unit = shequ_org_store_lookup_code (shequ_disclosure_store_get_org_store (store),
                                                 code);

  return shequ_disclosure_kind_label_for_unit (kind, unit != NULL ? shequ_unit_get_tier (unit)
                                                                  : SHEQU_N_TIERS);
}

/* ------------------------------------------------------------------------------------ */
/* disclosure list                                                                      */

/* ROW as a JSON object (new). */
static JsonNode *
row_to_json (ShequDisclosureStore     *store,
             const ShequDisclosureRow *row)
{
  ShequUnit *unit = shequ_org_store_lookup_code (shequ_disclosure_store_get_org_store (store),
                                                 row->unit_code);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  /* (A NULL string is a JSON null.) */
  json_object_set_int_member (object, "id", row->id);
  json_object_set_string_member (object, "uuid", row->uuid);
  json_object_set_string_member (object, "unit", row->unit_code);
  json_object_set_string_member (object, "unit_name",
                                 unit != NULL ? shequ_unit_get_name (unit) : NULL);
  json_object_set_string_member (object, "kind", shequ_disclosure_kind_to_key (row->kind));
  json_object_set_string_member (object, "period", row->period);
  json_object_set_string_member (object, "title", row->title);
  json_object_set_string_member (object, "state", shequ_disclosure_state_to_key (row->state));
  json_object_set_int_member (object, "versions", row->n_versions);
  json_object_set_int_member (object, "published_version", row->published);
  json_object_set_string_member (object, "updated_at", row->updated_at);
  json_object_set_string_member (object, "sync", shequ_sync_status_to_key (row->sync));
  json_node_take_object (node, object);
  return node;
}

static void
print_node (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  print_json_text (text);
}

/* What a write did: the row (--json), or a line saying where it stands. */
static void
print_result (ShequDisclosureStore     *store,
              const ShequDisclosureRow *row)
{
  g_autofree char *id_text = NULL;

  if (opt_json)
    {
      g_autoptr(JsonNode) node = row_to_json (store, row);

      print_node (node);
      return;
    }
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
  g_print (_("Disclosure %s, version %u: %s\n"), id_text, row->n_versions,
           shequ_disclosure_state_get_label (row->state));
}

/* Reads --kind and --state into FILTER; FALSE (a usage error printed, *STATUS) if bad. */
static gboolean
parse_filter (const char            *kind,
              const char            *state,
              ShequDisclosureFilter *filter,
              int                   *status)
{
  ShequDisclosureKind k;
  ShequDisclosureState s;

  if (kind != NULL && !shequ_disclosure_kind_from_string (kind, &k))
    {
      *status = fail_usage (_("--kind is one of village, finance, party, government, news, "
                              "policy"));
      return FALSE;
    }
  if (state != NULL && !shequ_disclosure_state_from_string (state, &s))
    {
      *status = fail_usage (_("--state is one of draft, submitted, approved, published, "
                              "corrected, withdrawn"));
      return FALSE;
    }
  filter->kind = kind != NULL ? (int) k : -1;
  filter->state = state != NULL ? (int) s : -1;
  return TRUE;
}

static int
disclosure_list (int argc, char **argv)
{
  g_autofree char *unit_code = NULL, *kind = NULL, *state = NULL, *period = NULL;
  g_autofree char *period_key = NULL;
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_code,
      N_("Only this unit's and those under it"), N_("CODE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only this kind"), N_("KIND") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      N_("Only those whose newest version is in this state"), N_("STATE") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("Only this period or those within it (2026, 2026-Q3, 2026-10)"), N_("PERIOD") },
    G_OPTION_ENTRY_NULL
  };
  ShequDisclosureFilter filter = SHEQU_DISCLOSURE_FILTER_INIT;
  g_autoptr(ShequDisclosureStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) table = NULL;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("disclosure list", NULL, list_summary, entries, TRUE, &argc, &argv,
                      &status) ||
      !parse_filter (kind, state, &filter, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("disclosure list takes no FILE"));
  if (period != NULL && !shequ_disclosure_period_parse (period, &period_key))
    return fail_usage (_("--period is a year (2026), a quarter (2026-Q3) or a month (2026-10)"));
  if (!(store = open_disclosure_store (FALSE, &error)))
    return fail (error);
  if (unit_code != NULL)
    {
      ShequUnit *unit = find_unit (store, unit_code, &error);

      if (unit == NULL)
        return fail (error);
      filter.unit_id = shequ_unit_get_id (unit);
      filter.subtree = TRUE;
    }
  filter.period = period_key;
  rows = shequ_disclosure_store_list (store, &filter);

  if (opt_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < rows->len; i++)
        json_array_add_element (array, row_to_json (store, g_ptr_array_index (rows, i)));
      json_node_take_array (node, array);
      print_node (node);
      return EXIT_SUCCESS;
    }
  table = table_new ();
  table_add_row (table, 6, C_("cli column", "ID"), C_("cli column", "State"),
                 C_("cli column", "Kind"), C_("disclosure column", "Period"),
                 C_("cli column", "Unit"), C_("cli column", "Title"));
  for (guint i = 0; i < rows->len; i++)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (rows, i);
      g_autofree char *unit = unit_text (store, row->unit_code);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);

      table_add_row (table, 6, id, shequ_disclosure_state_get_label (row->state),
                     kind_text (store, row->kind, row->unit_code), row->period, unit, row->title);
    }
  if (rows->len > 0)
    table_print (table, 6, 0);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u disclosure\n", "%u disclosures\n", rows->len),
           rows->len);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */
/* disclosure show                                                                      */

/* The document as sync sends it, with the row's id and sync status, and each version's
 * totals. */
static void
print_disclosure_json (const ShequDisclosureRow *row,
                       const ShequDisclosure    *doc)
{
  g_autoptr(JsonNode) node = shequ_disclosure_to_json_node (doc);
  JsonObject *object = json_node_get_object (node);
  JsonArray *versions = json_object_get_array_member (object, "versions");
  json_object_set_int_member (object, "id", row->id);
  json_object_set_string_member (object, "sync", shequ_sync_status_to_key (row->sync));
  for (guint i = 0; versions != NULL && i < doc->versions->len; i++)
    {
      const ShequDisclosureVersion *v = g_ptr_array_index (doc->versions, i);
      JsonObject *vo = json_array_get_object_element (versions, i);
      ShequFen income = 0, expense = 0;

      if (vo != NULL && shequ_finance_totals (v, &income, &expense))
        {
          json_object_set_int_member (vo, "income_fen", income);
          json_object_set_int_member (vo, "expense_fen", expense);
        }
    }
  print_node (node);
}

/* "  LABEL: who, when" when WHO is set. */
static void
print_who (const char *label,
           const char *who,
           const char *when)
{
  if (who != NULL)
    /* TRANSLATORS: "Approved by: 马鹏飞, 2026-10-05T08:00:00Z" */
    g_print (C_("who and when", "  %s: %s, %s\n"), label, who, when != NULL ? when : "");
}

static void
print_text_block (const char *label,
                  const char *markup)
{
  g_autofree char *plain = NULL;
  g_auto(GStrv) lines = NULL;

  if (markup == NULL || markup[0] == '\0')
    return;
  plain = shequ_markup_render_plain (markup);
  lines = g_strsplit (plain, "\n", -1);
  g_print ("  %s:\n", label);
  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("    %s\n", lines[i]);
}

static void
print_finance (const ShequDisclosureVersion *v)
{
  g_autofree char *opening = shequ_money_format_grouped (v->opening);
  g_autofree char *closing = shequ_money_format_grouped (v->closing);
  g_autofree char *income_text = NULL, *expense_text = NULL;
  g_autoptr(GPtrArray) table = table_new ();
  ShequFen income = 0, expense = 0;

  g_print ("  %s:\n", _("Lines"));
  table_add_row (table, 4, C_("cli column", "Direction"), C_("cli column", "Category"),
                 C_("cli column", "Amount"), C_("cli column", "Note"));
  for (guint i = 0; i < v->items->len; i++)
    {
      const ShequFinanceItem *item = g_ptr_array_index (v->items, i);
      g_autofree char *amount = shequ_money_format_grouped (item->amount);

      table_add_row (table, 4, shequ_finance_direction_get_label (item->direction),
                     item->category, amount, item->note);
    }
  if (v->items->len > 0)
    table_print (table, 4, 4);
  if (!shequ_finance_totals (v, &income, &expense))
    return;
  income_text = shequ_money_format_grouped (income);
  expense_text = shequ_money_format_grouped (expense);
  g_print ("  %s %s  %s %s  %s %s  %s %s\n", _("Opening balance:"), opening, _("Income:"),
           income_text, _("Expense:"), expense_text, _("Closing balance:"), closing);
}

static void
print_version (const ShequDisclosure        *doc,
               const ShequDisclosureVersion *v)
{
  g_print (_("Version %u — %s\n"), v->version, shequ_disclosure_state_get_label (v->state));
  g_print ("  %s\n", v->title);
  print_who (_("Created by"), v->created_by, v->created_at);
  print_who (_("Submitted by"), v->submitted_by, v->submitted_at);
  print_who (_("Approved by"), v->approved_by, v->approved_at);
  print_who (_("Published by"), v->published_by, v->published_at);
  print_who (v->state == SHEQU_DISCLOSURE_STATE_WITHDRAWN ? _("Withdrawn by") : _("Corrected by"),
             v->ended_by, v->ended_at);
  if (v->reason != NULL)
    g_print ("  %s %s\n", _("Reason:"), v->reason);
  print_text_block (_("Text"), v->body);
  if (v->guide != NULL)
    {
      print_text_block (_("Topic"), v->guide->topic);
      print_text_block (_("Who qualifies"), v->guide->eligibility);
      print_text_block (_("Materials"), v->guide->materials);
      print_text_block (_("Steps"), v->guide->steps);
      print_text_block (_("Contacts"), v->guide->contacts);
    }
  if (doc->kind == SHEQU_DISCLOSURE_KIND_FINANCE)
    print_finance (v);
  for (guint i = 0; i < v->attachments->len; i++)
    {
      const ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, i);

      g_print ("  %s %s (%s, %" G_GINT64_FORMAT " B)\n", _("Attachment:"), ref->name, ref->mime,
               ref->size);
    }
}

static int
disclosure_show (int argc, char **argv)
{
  g_autoptr(ShequDisclosureStore) store = NULL;
  g_autoptr(ShequDisclosure) doc = NULL;
  g_autofree char *unit = NULL, *period = NULL, *id_text = NULL;
  const ShequDisclosureRow *row;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("disclosure show", "ID|UUID", show_summary, NULL, TRUE, &argc, &argv,
                      &status))
    return status;
  if (argc != 2)
    return fail_usage (_("disclosure show takes one ID or UUID"));
  if (!(store = open_disclosure_store (FALSE, &error)) ||
      !(row = find_disclosure (store, argv[1], &error)) ||
      !(doc = shequ_disclosure_store_get (store, row->id, &error)))
    return fail (error);
  if (opt_json)
    {
      print_disclosure_json (row, doc);
      return EXIT_SUCCESS;
    }
  unit = unit_text (store, doc->unit_code);
  period = shequ_disclosure_period_get_label (doc->period);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
  g_print (_("Disclosure %s (%s)\n"), id_text, doc->uuid);
  g_print ("%s %s  %s  %s\n", _("Unit:"), unit, kind_text (store, doc->kind, doc->unit_code),
           period);
  g_print ("%s %s\n", _("Sync:"), shequ_sync_status_get_label (row->sync));
  for (guint i = 0; i < doc->versions->len; i++)
    print_version (doc, g_ptr_array_index (doc->versions, i));
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */
/* disclosure create                                                                    */

/* The options of disclosure create. */
typedef struct {
  char *unit_code;
  char *kind;
  char *period;
  char *title;
  char *topic;
  char *body_file;
  char *lines_csv;
  char *opening;
  char *closing;
} CreateOptions;

static void
create_options_clear (CreateOptions *o)
{
  g_free (o->unit_code);
  g_free (o->kind);
  g_free (o->period);
  g_free (o->title);
  g_free (o->topic);
  g_free (o->body_file);
  g_free (o->lines_csv);
  g_free (o->opening);
  g_free (o->closing);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CreateOptions, create_options_clear)

/* The body: FILE's text (UTF-8 or GBK). */
static gboolean
read_body (const char  *path,
           char       **body,
           GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, error))
    return FALSE;
  *body = shequ_csv_decode (data, len, SHEQU_IO_ENCODING_AUTO, path, NULL, error);
  return *body != NULL;
}

static gboolean
read_lines (const char              *path,
            ShequDisclosureVersion  *v,
            GError                 **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, error) ||
      !(items = shequ_finance_csv_read (data, len, path, error)))
    return FALSE;
  g_ptr_array_extend_and_steal (v->items, g_steal_pointer (&items));
  return TRUE;
}

/* The balances: as given, the closing one worked out from the lines when left out. */
static gboolean
read_balances (const CreateOptions     *o,
               ShequDisclosureVersion  *v,
               GError                 **error)
{
  ShequFen income = 0, expense = 0;

  if (o->opening != NULL &&
      !shequ_money_parse (o->opening, SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, &v->opening, error))
    return FALSE;
  if (o->closing != NULL)
    return shequ_money_parse (o->closing, SHEQU_MONEY_PARSE_ALLOW_NEGATIVE, &v->closing, error);
  if (!shequ_finance_totals (v, &income, &expense))
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_INVALID,
                   _("The lines of %s add up to more than an amount can hold"), o->lines_csv);
      return FALSE;
    }
  v->closing = v->opening + income - expense;
  return TRUE;
}

/* The first version's content from the options. */
static ShequDisclosureVersion *
make_content (const CreateOptions  *o,
              ShequDisclosureKind   kind,
              GError              **error)
{
  g_autoptr(ShequDisclosureVersion) v = shequ_disclosure_version_new ();

  g_free (v->title);
  v->title = g_strdup (o->title);
  if (o->body_file != NULL)
    {
      g_free (v->body);
      v->body = NULL;
      if (!read_body (o->body_file, &v->body, error))
        return NULL;
    }
  if (kind == SHEQU_DISCLOSURE_KIND_POLICY)
    {
      v->guide = g_new0 (ShequPolicyGuide, 1);
      v->guide->topic = g_strdup (o->topic != NULL ? o->topic : o->title);
    }
  if (kind == SHEQU_DISCLOSURE_KIND_FINANCE &&
      ((o->lines_csv != NULL && !read_lines (o->lines_csv, v, error)) ||
       !read_balances (o, v, error)))
    return NULL;
  return g_steal_pointer (&v);
}

/* Whether the options make sense together; else a usage error (*STATUS). */
static gboolean
check_create_options (const CreateOptions  *o,
                      ShequDisclosureKind  *kind,
                      int                  *status)
{
  if (o->unit_code == NULL || o->kind == NULL || o->period == NULL || o->title == NULL)
    *status = fail_usage (_("disclosure create needs --unit CODE, --kind KIND, --period PERIOD "
                            "and --title TEXT"));
  else if (!shequ_disclosure_kind_from_string (o->kind, kind))
    *status = fail_usage (_("--kind is one of village, finance, party, government, news, "
                            "policy"));
  else if (*kind != SHEQU_DISCLOSURE_KIND_FINANCE &&
           (o->lines_csv != NULL || o->opening != NULL || o->closing != NULL))
    *status = fail_usage (_("--lines-csv, --opening and --closing are for finance "
                            "disclosures (--kind finance)"));
  else if (*kind != SHEQU_DISCLOSURE_KIND_POLICY && o->topic != NULL)
    *status = fail_usage (_("--topic is for policy guides (--kind policy)"));
  else
    return TRUE;
  return FALSE;
}

static int
disclosure_create (int argc, char **argv)
{
  g_auto(CreateOptions) o = { NULL, };
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &o.unit_code, N_("The unit it belongs to"), N_("CODE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o.kind,
      N_("village, finance, party, government, news or policy"), N_("KIND") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &o.period,
      N_("A year (2026), a quarter (2026-Q3) or a month (2026-10)"), N_("PERIOD") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_("Its title"), N_("TEXT") },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &o.topic,
      N_("A policy guide's topic (default: the title)"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &o.body_file,
      N_("Its text, in the small markup (paragraphs, “- ” lists, **bold**)"), N_("FILE") },
    { "lines-csv", 0, 0, G_OPTION_ARG_FILENAME, &o.lines_csv,
      N_("Finance lines: direction,category,amount,note"), N_("FILE") },
    { "opening", 0, 0, G_OPTION_ARG_STRING, &o.opening, N_("Opening balance in yuan"),
      N_("YUAN") },
    { "closing", 0, 0, G_OPTION_ARG_STRING, &o.closing,
      N_("Closing balance in yuan (default: worked out from the lines)"), N_("YUAN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GArray) all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autoptr(ShequDisclosureStore) store = NULL;
  g_autoptr(ShequDisclosureVersion) content = NULL;
  ShequDisclosureKind kind = SHEQU_DISCLOSURE_KIND_VILLAGE;
  ShequUnit *unit;
  GError *error = NULL;
  gint64 id = 0;
  int status = 0;

  g_array_append_vals (all, entries, G_N_ELEMENTS (entries) - 1);
  g_array_append_vals (all, actor_entries, G_N_ELEMENTS (actor_entries) - 1);
  if (!parse_options ("disclosure create", NULL, create_summary,
                      (const GOptionEntry *) (gpointer) all->data, TRUE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("disclosure create takes no FILE; use --body-file and --lines-csv"));
  if (!check_create_options (&o, &kind, &status))
    return status;
  if (!(store = open_disclosure_store (TRUE, &error)) ||
      !(unit = find_unit (store, o.unit_code, &error)) ||
      !(content = make_content (&o, kind, &error)) ||
      !shequ_disclosure_store_create (store, shequ_unit_get_id (unit), kind, o.period, content,
                                      opt_actor, &id, &error))
    return fail (error);
  print_result (store, shequ_disclosure_store_lookup (store, id));
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */
/* submit, approve, publish, correct, return, withdraw                                 */

typedef enum {
  STEP_SUBMIT,
  STEP_APPROVE,
  STEP_PUBLISH,
  STEP_CORRECT,
  STEP_RETURN,
  STEP_WITHDRAW,
} Step;

static const char *const step_names[] = {
  "submit", "approve", "publish", "correct", "return", "withdraw",
};

static gboolean
apply_step (ShequDisclosureStore  *store,
            Step                   step,
            gint64                 id,
            const char            *reason,
            GError               **error)
{
  guint version = 0;

  switch (step)
    {
    case STEP_SUBMIT:
      return shequ_disclosure_store_submit (store, id, opt_actor, error);
    case STEP_APPROVE:
      return shequ_disclosure_store_approve (store, id, opt_actor, error);
    case STEP_PUBLISH:
      return shequ_disclosure_store_publish (store, id, opt_actor, error);
    case STEP_CORRECT:
      return shequ_disclosure_store_correct (store, id, opt_actor, &version, error);
    case STEP_RETURN:
      return shequ_disclosure_store_return (store, id, reason, opt_actor, error);
    case STEP_WITHDRAW:
      return shequ_disclosure_store_withdraw (store, id, reason, opt_actor, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static int
disclosure_step (Step   step,
                 int    argc,
                 char **argv)
{
  g_autofree char *reason = NULL;
  g_autofree char *command = g_strconcat ("disclosure ", step_names[step], NULL);
  const GOptionEntry reason_entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (kept in the history)"),
      N_("TEXT") },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &opt_actor,
      N_("Who does it, for the history (default: your name)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  gboolean with_reason = step == STEP_RETURN || step == STEP_WITHDRAW;
  g_autoptr(ShequDisclosureStore) store = NULL;
  const ShequDisclosureRow *row;
  GError *error = NULL;
  gint64 id;
  int status = 0;

  if (!parse_options (command, "ID|UUID", with_reason ? reason_summary : step_summary,
                      with_reason ? reason_entries : actor_entries, TRUE, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return fail_usage (_("Name one disclosure by its ID or UUID"));
  if (with_reason && (reason == NULL || g_strstrip (reason)[0] == '\0'))
    return fail_usage (_("Give the reason with --reason TEXT"));
  if (!(store = open_disclosure_store (TRUE, &error)) ||
      !(row = find_disclosure (store, argv[1], &error)))
    return fail (error);
  id = row->id;
  if (!apply_step (store, step, id, reason, &error))
    return fail (error);
  print_result (store, shequ_disclosure_store_lookup (store, id));
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */
/* disclosure overdue                                                                   */

static int
disclosure_overdue (int argc, char **argv)
{
  g_autofree char *period = NULL, *unit_code = NULL, *label = NULL;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("The period (2026-Q3, 2026, 2026-10)"), N_("PERIOD") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_code,
      N_("Only the units under this one"), N_("CODE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ShequDisclosureStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) table = NULL;
  g_autofree char *key = NULL;
  ShequUnit *under = NULL;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("disclosure overdue", NULL, overdue_summary, entries, TRUE, &argc, &argv,
                      &status))
    return status;
  if (argc > 1 || period == NULL)
    return fail_usage (_("disclosure overdue needs --period PERIOD and takes no FILE"));
  if (!shequ_disclosure_period_parse (period, &key))
    return fail_usage (_("--period is a year (2026), a quarter (2026-Q3) or a month (2026-10)"));
  if (!(store = open_disclosure_store (FALSE, &error)) ||
      (unit_code != NULL && !(under = find_unit (store, unit_code, &error))) ||
      !(units = shequ_disclosure_store_overdue (store, under ? shequ_unit_get_id (under) : 0,
                                                key, &error)))
    return fail (error);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "period");
      json_builder_add_string_value (builder, key);
      json_builder_set_member_name (builder, "units");
      json_builder_begin_array (builder);
      for (guint i = 0; i < units->len; i++)
        {
          json_builder_begin_object (builder);
          add_unit_identity_json (builder, g_ptr_array_index (units, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }
  label = shequ_disclosure_period_get_label (key);
  table = table_new ();
  table_add_row (table, 3, C_("cli column", "Code"), C_("cli column", "Name"),
                 C_("cli column", "Tier"));
  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i);

      table_add_row (table, 3, shequ_unit_get_code (unit), shequ_unit_get_name (unit),
                     shequ_tier_get_label (shequ_unit_get_tier (unit)));
    }
  if (units->len > 0)
    table_print (table, 3, 0);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%u community or village has not published its finance disclosure "
                        "for %s\n",
                        "%u communities and villages have not published their finance "
                        "disclosure for %s\n", units->len), units->len, label);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */

static void
print_disclosure_usage (FILE *out)
{
  static const struct {
    const char *parameters;
    const char *summary;
  } subcommands[] = {
    { "list [--unit CODE] [--kind K] [--state S] [--period P]", list_summary },
    { "show ID|UUID", show_summary },
    { "create --unit CODE --kind K --period P --title T", create_summary },
    { "submit|approve|publish|correct ID", step_summary },
    { "return|withdraw ID --reason TEXT", reason_summary },
    { "overdue --period P", overdue_summary },
  };

  fprintf (out, "%s\n\n%s\n",
           _("Usage: shequ-cli disclosure SUBCOMMAND [OPTIONS] — every subcommand takes --db "
             "PATH and --json"),
           _("Subcommands:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %-56s %s\n", subcommands[i].parameters, _(subcommands[i].summary));
  fprintf (out, "\n%s\n",
           _("“shequ-cli disclosure SUBCOMMAND --help” describes a subcommand's options."));
}

int
command_disclosure (int    argc,
                    char **argv)
{
  const char *sub = argc >= 2 ? argv[1] : NULL;

  if (sub != NULL && (g_str_equal (sub, "--help") || g_str_equal (sub, "-h") ||
                      g_str_equal (sub, "help")))
    {
      print_disclosure_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (g_strcmp0 (sub, "list") == 0)
    return disclosure_list (argc - 1, argv + 1);
  if (g_strcmp0 (sub, "show") == 0)
    return disclosure_show (argc - 1, argv + 1);
  if (g_strcmp0 (sub, "create") == 0)
    return disclosure_create (argc - 1, argv + 1);
  if (g_strcmp0 (sub, "overdue") == 0)
    return disclosure_overdue (argc - 1, argv + 1);
  for (guint s = 0; sub != NULL && s < G_N_ELEMENTS (step_names); s++)
    if (g_str_equal (sub, step_names[s]))
      return disclosure_step (s, argc - 1, argv + 1);
  print_disclosure_usage (stderr);
  return EXIT_USAGE;
}
