/* test-cli-disclosure.c — runs the built shequ-cli disclosure over the sample street */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "shequ-test-util.h"

#define UNIT "371326001001"   /* 邑东府邸社区 */

typedef struct {
  ShequTestDir dir;
  char        *lines;   /* a finance lines file */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *lines = NULL;

  shequ_test_dir_init (&f->dir, "shequ-test-cli-disclosure-XXXXXX", "street.db");
  shequ_test_make_sample_database (f->dir.db, FALSE);
  f->lines = shequ_test_write_file (f->dir.dir, "lines.csv",
                                    "direction,category,amount,note\n"
                                    "income,社区工作经费,\"45,000.00\",街道拨付\n"
                                    "收入,物业用房租赁收入,¥3200.5,\n"
                                    "expense,办公经费,1234.56,办公用品\n"
                                    "支出,保洁费,6000元,环境卫生保洁\n");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->lines);
  shequ_test_dir_clear (&f->dir);
}

/* Runs shequ-cli disclosure SUB --db DB --json … and returns what it printed. */
static JsonNode *
run_json (Fixture    *f,
          const char *sub,
          ...) G_GNUC_NULL_TERMINATED;

static JsonNode *
run_json (Fixture    *f,
          const char *sub,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *cli = shequ_test_cli_path ();
  g_auto(ShequTestResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  va_list args;

  g_ptr_array_add (argv, cli);
  g_ptr_array_add (argv, (gpointer) "disclosure");
  g_ptr_array_add (argv, (gpointer) sub);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->dir.db);
  g_ptr_array_add (argv, (gpointer) "--json");
  va_start (args, sub);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  result = shequ_test_run_argv ((const char * const *) argv->pdata);
  shequ_test_assert_cli_success (&result);
  node = json_from_string (result.out, &error);
  g_assert_no_error (error);
  return node;
}

/* A finance disclosure of UNIT for 2026-Q3 from the lines file; its id as text. */
static char *
create_finance (Fixture *f)
{
  g_autoptr(JsonNode) node = run_json (f, "create", "--unit", UNIT, "--kind", "finance",
                                       "--period", "2026年第三季度", "--title",
                                       "邑东府邸社区2026年第三季度财务收支公开",
                                       "--lines-csv", f->lines, "--opening", "20,000.00",
                                       "--actor", "田海霞", NULL);
  JsonObject *row = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (row, "period"), ==, "2026-Q3");
  g_assert_cmpstr (json_object_get_string_member (row, "unit"), ==, UNIT);
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (row, "id"));
}

static const char *
state_of (JsonNode *row)
{
  return json_object_get_string_member (json_node_get_object (row), "state");
}

/* create, submit, approve, publish, correct: every step shows in show --json with
 * who and when, the totals worked out in fen. */
static void
test_workflow (Fixture *f, gconstpointer data)
{
  g_autofree char *id = create_finance (f);
  g_autoptr(JsonNode) submitted = run_json (f, "submit", id, "--actor", "田海霞", NULL);
  g_autoptr(JsonNode) approved = run_json (f, "approve", id, "--actor", "马鹏飞", NULL);
  g_autoptr(JsonNode) published = run_json (f, "publish", id, "--actor", "马鹏飞", NULL);
  g_autoptr(JsonNode) corrected = run_json (f, "correct", id, "--actor", "田海霞", NULL);
  g_autoptr(JsonNode) shown = run_json (f, "show", id, NULL);
  JsonObject *doc = json_node_get_object (shown);
  JsonArray *versions = json_object_get_array_member (doc, "versions");
  JsonObject *v1, *v2;

  g_assert_cmpstr (state_of (submitted), ==, "submitted");
  g_assert_cmpstr (state_of (approved), ==, "approved");
  g_assert_cmpstr (state_of (published), ==, "published");
  g_assert_cmpstr (state_of (corrected), ==, "draft");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (corrected), "versions"), ==, 2);

  g_assert_cmpstr (json_object_get_string_member (doc, "kind"), ==, "finance");
  g_assert_cmpuint (json_array_get_length (versions), ==, 2);
  v1 = json_array_get_object_element (versions, 0);
  v2 = json_array_get_object_element (versions, 1);
  g_assert_cmpstr (json_object_get_string_member (v1, "state"), ==, "published");
  g_assert_cmpstr (json_object_get_string_member (v1, "approved_by"), ==, "马鹏飞");
  g_assert_cmpstr (json_object_get_string_member (v1, "created_by"), ==, "田海霞");
  g_assert_true (json_object_has_member (v1, "published_at"));
  g_assert_cmpstr (json_object_get_string_member (v2, "state"), ==, "draft");
  /* 45,000.00 + 3,200.50 in, 1,234.56 + 6,000.00 out, from 20,000.00. */
  g_assert_cmpint (json_object_get_int_member (v1, "income_fen"), ==, 4820050);
  g_assert_cmpint (json_object_get_int_member (v1, "expense_fen"), ==, 723456);
  g_assert_cmpint (json_object_get_int_member (v1, "opening_fen"), ==, 2000000);
  g_assert_cmpint (json_object_get_int_member (v1, "closing_fen"), ==, 2000000 + 4820050 - 723456);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (v1, "items")), ==, 4);

  /* The same by its uuid. */
  {
    g_autoptr(JsonNode) by_uuid = run_json (f, "show", json_object_get_string_member (doc, "uuid"),
                                            NULL);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (by_uuid), "id"), ==,
                     json_object_get_int_member (doc, "id"));
  }
}

/* The text output names the steps and the money in yuan. */
static void
test_show_text (Fixture *f, gconstpointer data)
{
  g_autofree char *id = create_finance (f);
  g_auto(ShequTestResult) result = shequ_test_run_cli ("disclosure", "show", id, "--db",
                                                       f->dir.db, NULL);

  shequ_test_assert_cli_success (&result);
  g_assert_nonnull (strstr (result.out, "邑东府邸社区 (" UNIT ")"));
  g_assert_nonnull (strstr (result.out, "45,000.00"));
  g_assert_nonnull (strstr (result.out, "1,234.56"));
  g_assert_nonnull (strstr (result.out, "60,965.94"));   /* the closing balance */
  g_assert_nonnull (strstr (result.out, "田海霞"));
}

/* list filters by unit, kind, state and period. */
static void
test_list (Fixture *f, gconstpointer data)
{
  g_autofree char *id = create_finance (f);
  g_autoptr(JsonNode) all = run_json (f, "list", NULL);
  g_autoptr(JsonNode) finance = run_json (f, "list", "--kind", "finance", "--unit", "37132600101",
                                          "--period", "2026", NULL);
  g_autoptr(JsonNode) news = run_json (f, "list", "--kind", "news", NULL);
  g_autoptr(JsonNode) published = run_json (f, "list", "--state", "published", NULL);
  g_autoptr(JsonNode) other = run_json (f, "list", "--unit", "371326001013", NULL);
  g_autoptr(JsonNode) q2 = run_json (f, "list", "--period", "2026-Q2", NULL);

  g_assert_cmpuint (json_array_get_length (json_node_get_array (all)), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (finance)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (finance), 0),
                                                  "unit_name"), ==, "邑东府邸社区");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (news)), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (published)), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (other)), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (q2)), ==, 0);
}

/* The columns TEXT takes in a terminal: two for a wide (CJK) character. */
static guint
display_width (const char *text,
               const char *end)
{
  guint width = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* The text list: 村务公开 is 居务公开 for a community, and the columns line up in a
 * terminal however many Chinese characters a row has. */
static void
test_list_text (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) community = run_json (f, "create", "--unit", UNIT, "--kind", "village",
                                            "--period", "2026-10", "--title",
                                            "邑东府邸社区议事协商结果公开", NULL);
  g_autoptr(JsonNode) village = run_json (f, "create", "--unit", "371326001013", "--kind",
                                          "village", "--period", "2026-10", "--title",
                                          "前城村集体机动地承包方案", NULL);
  g_auto(ShequTestResult) result = shequ_test_run_cli ("disclosure", "list", "--db", f->dir.db,
                                                       NULL);
  g_auto(GStrv) lines = NULL;
  guint title_column;

  shequ_test_assert_cli_success (&result);
  lines = g_strsplit (result.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  g_assert_true (g_str_has_prefix (lines[0], "ID"));
  title_column = display_width (lines[0], strstr (lines[0], "Title"));
  for (guint i = 1; i <= 2; i++)
    {
      const char *title = strstr (lines[i], i == 1 ? "前城村集体" : "邑东府邸社区议事");

      g_assert_nonnull (title);
      g_assert_cmpuint (display_width (lines[i], title), ==, title_column);
    }
  /* Newest first: the village's, then the community's. */
  g_assert_nonnull (strstr (lines[1], "Village affairs"));
  g_assert_nonnull (strstr (lines[2], "Community affairs"));
  g_assert_null (strstr (lines[2], "Village affairs"));
}

/* return and withdraw need a reason (bad usage without one), and keep it. */
static void
test_reasons (Fixture *f, gconstpointer data)
{
  g_autofree char *id = create_finance (f);
  g_auto(ShequTestResult) no_reason = { 0 };
  g_autoptr(JsonNode) returned = NULL;
  g_autoptr(JsonNode) withdrawn = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonArray *versions;

  shequ_test_run_cli_ok ("disclosure", "submit", id, "--db", f->dir.db, NULL);
  no_reason = shequ_test_run_cli ("disclosure", "return", id, "--db", f->dir.db, NULL);
  g_assert_cmpint (no_reason.status, ==, 2);
  g_assert_nonnull (strstr (no_reason.err, "--reason"));
  returned = run_json (f, "return", id, "--reason", "请附上保洁合同", NULL);
  g_assert_cmpstr (state_of (returned), ==, "draft");

  shequ_test_run_cli_ok ("disclosure", "submit", id, "--db", f->dir.db, NULL);
  shequ_test_run_cli_ok ("disclosure", "approve", id, "--db", f->dir.db, NULL);
  shequ_test_run_cli_ok ("disclosure", "publish", id, "--db", f->dir.db, NULL);
  withdrawn = run_json (f, "withdraw", id, "--reason", "金额有误，核实后重新公开", NULL);
  g_assert_cmpstr (state_of (withdrawn), ==, "withdrawn");
  shown = run_json (f, "show", id, NULL);
  versions = json_object_get_array_member (json_node_get_object (shown), "versions");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (versions, 0),
                                                  "reason"), ==, "金额有误，核实后重新公开");
}

/* overdue: every community and village but the one that published. */
static void
test_overdue (Fixture *f, gconstpointer data)
{
  g_autofree char *id = create_finance (f);
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_auto(ShequTestResult) text = { 0 };
  JsonArray *units;

  before = run_json (f, "overdue", "--period", "2026-Q3", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (before),
                                                                         "units")), ==, 83);
  shequ_test_run_cli_ok ("disclosure", "submit", id, "--db", f->dir.db, NULL);
  shequ_test_run_cli_ok ("disclosure", "approve", id, "--db", f->dir.db, NULL);
  shequ_test_run_cli_ok ("disclosure", "publish", id, "--db", f->dir.db, NULL);
  after = run_json (f, "overdue", "--period", "2026-Q3", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "period"), ==,
                   "2026-Q3");
  units = json_object_get_array_member (json_node_get_object (after), "units");
  g_assert_cmpuint (json_array_get_length (units), ==, 82);
  for (guint i = 0; i < json_array_get_length (units); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (units, i),
                                                    "code"), !=, UNIT);
  text = shequ_test_run_cli ("disclosure", "overdue", "--period", "2026-Q3", "--unit",
                             "37132600101", "--db", f->dir.db, NULL);
  shequ_test_assert_cli_success (&text);
  g_assert_null (strstr (text.out, UNIT));
  g_assert_nonnull (strstr (text.out, "371326001002"));
  g_assert_nonnull (strstr (text.out, "14 communities and villages"));
}

/* Bad input: a translated error and exit 1, nothing written; bad usage: exit 2. */
static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *bad_lines = shequ_test_write_file (f->dir.dir, "bad.csv",
                                                      "income,土地承包费,1000.00\n"
                                                      "expense,办公经费,-12.30\n");
  g_autofree char *id = NULL;
  const struct {
    int         status;
    const char *needle;
    const char *args[12];
  } cases[] = {
    { 1, "bad.csv, line 2", { "create", "--unit", UNIT, "--kind", "finance", "--period",
                              "2026-Q3", "--title", "x", "--lines-csv", bad_lines, NULL } },
    { 1, "“371326009999”", { "create", "--unit", "371326009999", "--kind", "news", "--period",
                             "2026-10", "--title", "x", NULL } },
    { 1, "“1,2.3.4”", { "create", "--unit", UNIT, "--kind", "finance", "--period", "2026-Q3",
                        "--title", "x", "--opening", "1,2.3.4", NULL } },
    { 2, "--kind", { "create", "--unit", UNIT, "--kind", "gossip", "--period", "2026-Q3",
                     "--title", "x", NULL } },
    { 2, "--unit", { "create", "--kind", "news", "--period", "2026-Q3", NULL } },
    { 2, "--lines-csv", { "create", "--unit", UNIT, "--kind", "news", "--period", "2026-10",
                          "--title", "x", "--lines-csv", bad_lines, NULL } },
    { 2, "--period", { "list", "--period", "2026-Q5", NULL } },
    { 2, "--state", { "list", "--state", "finished", NULL } },
    { 2, "--period", { "overdue", NULL } },
    { 1, "There is no disclosure “999”", { "show", "999", NULL } },
    { 1, "There is no disclosure", { "publish", "6f1c0000-0000-4000-8000-000000000000", NULL } },
    { 2, "ID or UUID", { "submit", NULL } },
  };
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) one = NULL;
  g_auto(ShequTestResult) unbalanced = { 0 };
  g_auto(ShequTestResult) unknown = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *cli = shequ_test_cli_path ();
      g_auto(ShequTestResult) result = { 0 };

      g_ptr_array_add (argv, cli);
      g_ptr_array_add (argv, (gpointer) "disclosure");
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[a]);
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, f->dir.db);
      g_ptr_array_add (argv, NULL);
      result = shequ_test_run_argv ((const char * const *) argv->pdata);
      if (result.status != cases[i].status || strstr (result.err, cases[i].needle) == NULL)
        g_error ("disclosure %s (case %u): exit %d, “%s”; %d and “%s” expected",
                 cases[i].args[0], i, result.status, result.err, cases[i].status,
                 cases[i].needle);
    }
  none = run_json (f, "list", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);

  /* A closing balance that does not add up: the draft is kept, its submission refused. */
  shequ_test_run_cli_ok ("disclosure", "create", "--unit", UNIT, "--kind", "finance",
                         "--period", "2026-Q3", "--title", "x", "--lines-csv", f->lines,
                         "--opening", "0", "--closing", "100.00", "--db", f->dir.db, NULL);
  one = run_json (f, "list", NULL);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_array_get_object_element (json_node_get_array (one), 0),
                                                    "id"));
  unbalanced = shequ_test_run_cli ("disclosure", "submit", id, "--db", f->dir.db, NULL);
  g_assert_cmpint (unbalanced.status, ==, 1);
  shequ_test_assert_cli_failure (&unbalanced, NULL);
  unknown = shequ_test_run_cli ("disclosure", "frobnicate", "--db", f->dir.db, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-disclosure/workflow", Fixture, NULL, fixture_setup, test_workflow,
              fixture_teardown);
  g_test_add ("/cli-disclosure/show-text", Fixture, NULL, fixture_setup, test_show_text,
              fixture_teardown);
  g_test_add ("/cli-disclosure/list", Fixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/cli-disclosure/list-text", Fixture, NULL, fixture_setup, test_list_text,
              fixture_teardown);
  g_test_add ("/cli-disclosure/reasons", Fixture, NULL, fixture_setup, test_reasons,
              fixture_teardown);
  g_test_add ("/cli-disclosure/overdue", Fixture, NULL, fixture_setup, test_overdue,
              fixture_teardown);
  g_test_add ("/cli-disclosure/errors", Fixture, NULL, fixture_setup, test_errors,
              fixture_teardown);
  return g_test_run ();
}
