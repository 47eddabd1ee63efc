/* test-cli.c — runs the built shequ-cli: init, stats, units, import, export, errors */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "shequ-test-util.h"

typedef ShequTestDir Fixture;

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  shequ_test_dir_init (fixture, "shequ-test-cli-XXXXXX", "sample.db");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  shequ_test_dir_clear (fixture);
}

static void
init_sample (Fixture *fixture)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("init", "--db", fixture->db, "--sample",
                                                       NULL);

  shequ_test_assert_cli_success (&result);
  g_assert_true (g_file_test (fixture->db, G_FILE_TEST_IS_REGULAR));
}

static JsonObject *
stats_json (const char *db,
            JsonNode  **root)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("stats", "--db", db, "--json", NULL);

  shequ_test_assert_cli_success (&result);
  *root = parse_json (result.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  return json_node_get_object (*root);
}

/* ------------------------------------------------------------------------------------ */

static void
test_init_sample_stats (Fixture *fixture, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *stats;

  init_sample (fixture);
  stats = stats_json (fixture->db, &root);

  g_assert_cmpint (json_object_get_int_member (stats, "areas"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (stats, "communities"), ==, 27);
  g_assert_cmpint (json_object_get_int_member (stats, "villages"), ==, 56);
  g_assert_cmpint (json_object_get_int_member (stats, "grids"), >, 0);
  g_assert_cmpint (json_object_get_int_member (stats, "population"), ==, 226000);
  g_assert_cmpint (json_object_get_int_member (stats, "households"), >=, 70000);
  g_assert_cmpint (json_object_get_int_member (stats, "people"), >, 0);
  g_assert_cmpint (json_object_get_int_member (stats, "violations"), >, 0);
}

static void
test_init_refuses_filled (Fixture *fixture, gconstpointer data)
{
  g_auto(ShequTestResult) again = { 0 };

  init_sample (fixture);
  again = shequ_test_run_cli ("init", "--db", fixture->db, "--sample", NULL);
  shequ_test_assert_cli_failure (&again, fixture->db);
}

static void
test_init_street (Fixture *fixture, gconstpointer data)
{
  g_auto(ShequTestResult) init = shequ_test_run_cli ("init", "--db", fixture->db, "--street",
                                                     "新城街道", "--county", "371326", NULL);
  g_auto(ShequTestResult) units = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *street;

  shequ_test_assert_cli_success (&init);
  units = shequ_test_run_cli ("units", "--db", fixture->db, "--json", NULL);
  shequ_test_assert_cli_success (&units);
  root = parse_json (units.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  street = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (street, "name"), ==, "新城街道");
  g_assert_cmpstr (json_object_get_string_member (street, "tier"), ==, "street");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (street, "code"), "371326"));
}

static void
test_units_tree (Fixture *fixture, gconstpointer data)
{
  g_auto(ShequTestResult) json = { 0 };
  g_auto(ShequTestResult) text = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *street;
  JsonArray *areas;
  gint64 sum = 0;

  init_sample (fixture);
  json = shequ_test_run_cli ("units", "--db", fixture->db, "--json", NULL);
  shequ_test_assert_cli_success (&json);
  root = parse_json (json.out);
  street = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (street, "name"), ==, "平邑街道");
  g_assert_cmpint (json_object_get_int_member (street, "population"), ==, 226000);
  areas = json_object_get_array_member (street, "children");
  g_assert_cmpuint (json_array_get_length (areas), ==, 4);
  for (guint i = 0; i < 4; i++)
    sum += json_object_get_int_member (json_array_get_object_element (areas, i), "population");
  g_assert_cmpint (sum, ==, 226000);

  text = shequ_test_run_cli ("units", "--db", fixture->db, NULL);
  shequ_test_assert_cli_success (&text);
  g_assert_true (g_str_has_prefix (text.out, "371326001  平邑街道"));
  g_assert_nonnull (strstr (text.out, "\n    371326001016  宗圣社区"));
}

static void
test_compliance (Fixture *fixture, gconstpointer data)
{
  g_auto(ShequTestResult) result = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) stats_root = NULL;
  JsonArray *list;

  init_sample (fixture);
  result = shequ_test_run_cli ("compliance", "--db", fixture->db, "--json", NULL);
  shequ_test_assert_cli_success (&result);
  root = parse_json (result.out);
  list = json_node_get_array (root);
  g_assert_cmpint (json_array_get_length (list), ==,
                   json_object_get_int_member (stats_json (fixture->db, &stats_root), "violations"));
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *unit = json_array_get_object_element (list, i);
      gint64 required = json_object_get_int_member (unit, "required_mediators");

      g_assert_cmpint (required, ==,
                       json_object_get_int_member (unit, "population") > 3000 ? 5 : 3);
      g_assert_true (json_object_get_int_member (unit, "mediators") < required ||
                     !json_object_get_boolean_member (unit, "legal_adviser"));
      g_assert_cmpstr (json_object_get_string_member (unit, "reason"), !=, "");
    }
}

/* Export from the sample, import into an empty street database: the same totals. */
static void
test_export_import (Fixture *fixture, gconstpointer data)
{
  g_autofree char *units = g_build_filename (fixture->dir, "units.csv", NULL);
  g_autofree char *people = g_build_filename (fixture->dir, "people.json", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(JsonNode) a_root = NULL;
  g_autoptr(JsonNode) b_root = NULL;
  const char *keys[] = { "areas", "communities", "villages", "grids", "population",
                         "households", "people", "violations" };
  JsonObject *a;
  JsonObject *b;

  init_sample (fixture);
  {
    g_auto(ShequTestResult) r1 = shequ_test_run_cli ("export-units", "--db", fixture->db, units,
                                                     NULL);
    g_auto(ShequTestResult) r2 = shequ_test_run_cli ("export-people", "--db", fixture->db, people,
                                                     NULL);
    g_auto(ShequTestResult) r3 = shequ_test_run_cli ("init", "--db", other, NULL);
    g_auto(ShequTestResult) r4 = shequ_test_run_cli ("import-units", "--db", other, units, NULL);
    g_auto(ShequTestResult) r5 = shequ_test_run_cli ("import-people", "--db", other, people, NULL);

    shequ_test_assert_cli_success (&r1);
    shequ_test_assert_cli_success (&r2);
    shequ_test_assert_cli_success (&r3);
    shequ_test_assert_cli_success (&r4);
    shequ_test_assert_cli_success (&r5);
    g_assert_nonnull (strstr (r4.out, "205"));
  }

  a = stats_json (fixture->db, &a_root);
  b = stats_json (other, &b_root);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpint (json_object_get_int_member (a, keys[i]), ==,
                     json_object_get_int_member (b, keys[i]));
}

static void
test_error_unknown_command (void)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("frobnicate", NULL);
  g_auto(ShequTestResult) none = shequ_test_run_cli (NULL, NULL);

  shequ_test_assert_cli_failure (&result, "frobnicate");
  g_assert_cmpint (none.status, !=, 0);
}

static void
test_error_missing_file (Fixture *fixture, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "nowhere.csv", NULL);
  g_auto(ShequTestResult) result = { 0 };

  init_sample (fixture);
  result = shequ_test_run_cli ("import-units", "--db", fixture->db, missing, NULL);
  shequ_test_assert_cli_failure (&result, "nowhere.csv");
}

static void
test_error_bad_csv (Fixture *fixture, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.csv", NULL);
  g_autoptr(JsonNode) before_root = NULL;
  g_autoptr(JsonNode) after_root = NULL;
  g_auto(ShequTestResult) result = { 0 };

  init_sample (fixture);
  g_assert_true (g_file_set_contents (bad,
                                      "code,name,tier,parent_code,population\n"
                                      "371326001201,新村,village,37132600101,abc\n"
                                      "371326001202,又一村,village,999,10\n",
                                      -1, NULL));
  stats_json (fixture->db, &before_root);
  result = shequ_test_run_cli ("import-units", "--db", fixture->db, bad, NULL);
  shequ_test_assert_cli_failure (&result, "bad.csv: nothing was imported");
  g_assert_nonnull (strstr (result.err, "\nLine 3: "));
  stats_json (fixture->db, &after_root);
  g_assert_true (json_node_equal (before_root, after_root));
}

static void
test_error_not_a_database (Fixture *fixture, gconstpointer data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
  g_auto(ShequTestResult) result = { 0 };
  g_auto(ShequTestResult) absent = { 0 };

  g_assert_true (g_file_set_contents (text, "These are notes, not a database.\n", -1, NULL));
  result = shequ_test_run_cli ("stats", "--db", text, "--json", NULL);
  shequ_test_assert_cli_failure (&result, NULL);
  g_assert_cmpstr (result.out, ==, "");

  /* A missing database is reported, not created. */
  absent = shequ_test_run_cli ("units", "--db", missing, NULL);
  shequ_test_assert_cli_failure (&absent, "missing.db");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_error_bad_option (Fixture *fixture, gconstpointer data)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("import-units", "--db", fixture->db,
                                                       "--encoding", "latin1", "x.csv", NULL);

  shequ_test_assert_cli_failure (&result, "--encoding");
}

static void
test_bench_tree (Fixture *fixture, gconstpointer data)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("bench", "tree", "--units", "500", "--json",
                                                       NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *figures;

  shequ_test_assert_cli_success (&result);
  root = parse_json (result.out);
  figures = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (figures, "units"), >=, 400);
  g_assert_cmpint (json_object_get_int_member (figures, "keystrokes"), >, 0);
  g_assert_true (json_object_has_member (figures, "load_seconds_median"));
  g_assert_cmpfloat (json_object_get_double_member (figures, "peak_rss_mb"), >, 0);
}

/* bench map on a small map: one JSON object with every figure. */
static void
test_bench_map (Fixture *fixture, gconstpointer data)
{
  g_auto(ShequTestResult) result = shequ_test_run_cli ("bench", "map", "--polygons", "150",
                                                       "--runs", "1", "--json", NULL);
  const char *figures[] = { "full_ms", "pan_ms", "pan_cached_ms", "hit_ms", "import_s", "build_s",
                            "peak_rss_mb" };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  shequ_test_assert_cli_success (&result);
  root = parse_json (result.out);
  object = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    g_assert_cmpfloat (json_object_get_double_member (object, figures[i]), >, 0);
  g_assert_cmpint (json_object_get_int_member (object, "polygons"), ==, 150);
  g_assert_cmpint (json_object_get_int_member (object, "vertices"), ==, 15000);
  g_assert_cmpint (json_object_get_int_member (object, "full_items"), ==, 150);
  g_assert_cmpint (json_object_get_int_member (object, "full_points_full_detail"), ==, 15000);
  /* Null until the sample street has boundaries. */
  g_assert_true (json_object_has_member (object, "sample_full_ms"));
  g_assert_true (json_object_has_member (object, "import_matched"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/init/sample-stats", test_init_sample_stats);
  ADD ("/cli/init/refuses-filled", test_init_refuses_filled);
  ADD ("/cli/init/street", test_init_street);
  ADD ("/cli/units/tree", test_units_tree);
  ADD ("/cli/compliance", test_compliance);
  ADD ("/cli/export-import", test_export_import);
  g_test_add_func ("/cli/errors/unknown-command", test_error_unknown_command);
  ADD ("/cli/errors/missing-file", test_error_missing_file);
  ADD ("/cli/errors/bad-csv", test_error_bad_csv);
  ADD ("/cli/errors/not-a-database", test_error_not_a_database);
  ADD ("/cli/errors/bad-option", test_error_bad_option);
  ADD ("/cli/bench/tree", test_bench_tree);
  ADD ("/cli/bench/map", test_bench_map);
#undef ADD

  return g_test_run ();
}
