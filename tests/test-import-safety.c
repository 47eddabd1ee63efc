/* test-import-safety.c — bad and hostile input: figures on parents, overflow, deep JSON,
 * messages in the file's own words, body names, text for a terminal */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "shequ-database-private.h"
#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-sample.h"
#include "shequ-test-util.h"
#include "shequ-text.h"

typedef struct {
  char          *dir;
  char          *path;
  ShequDatabase *db;
  ShequOrgStore *store;
} Fixture;

static void
fixture_open (Fixture *f)
{
  f->store = shequ_test_open_store (f->path,
                                    SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                    &f->db);
}

static void
fixture_close (Fixture *f)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = shequ_test_make_tmpdir ("shequ-safety-XXXXXX");
  f->path = g_build_filename (f->dir, "shequ.db", NULL);
  fixture_open (f);
  if (data != NULL)
    {
      g_assert_true (shequ_sample_populate (f->store, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fixture_close (f);
  shequ_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
import_units (Fixture     *f,
              const char  *text,
              gsize        len,
              const char  *filename,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len == 0 ? strlen (text) : len);

  return shequ_io_import_units_from_bytes (f->store, bytes, filename, SHEQU_IO_FORMAT_AUTO,
                                           SHEQU_IO_ENCODING_AUTO, NULL, error);
}

static gboolean
import_people (Fixture     *f,
               const char  *text,
               const char  *filename,
               GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return shequ_io_import_people_from_bytes (f->store, bytes, filename, SHEQU_IO_FORMAT_AUTO,
                                            SHEQU_IO_ENCODING_AUTO, NULL, error);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not in:\n%s", needle, haystack);
}

static guint
count_lines (const char *text)
{
  guint n = 1;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static gint64
street_population (Fixture *f)
{
  return shequ_unit_get_total_population (shequ_org_store_get_street (f->store));
}

/* Imports TEXT, expects a refusal with CODE, and checks that the database file is
 * byte-identical afterwards. Returns the message. */
static char *
assert_import_refused (Fixture    *f,
                       const char *text,
                       gsize       len,
                       const char *filename,
                       int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_units = shequ_org_store_get_n_units (f->store);
  gint64 population = street_population (f);

  fixture_close (f);
  before = shequ_test_file_sha256 (f->path);
  fixture_open (f);

  g_assert_false (import_units (f, text, len, filename, &error));
  g_assert_error (error, SHEQU_IO_ERROR, code);
  g_assert_cmpuint (shequ_org_store_get_n_units (f->store), ==, n_units);
  g_assert_cmpint (street_population (f), ==, population);

  fixture_close (f);
  after = shequ_test_file_sha256 (f->path);
  fixture_open (f);
  g_assert_cmpstr (before, ==, after);
  return g_strdup (error->message);
}

/* ------------------------------------------------------------------------------------ */
/* Figures on parents                                                                   */

/* The case: 人口 9999 for 振兴社区, which has five grids. */
static void
test_figures_on_parent_refused (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *message = NULL;
  ShequUnit *community = shequ_org_store_lookup_code (f->store, "371326001007");

  g_assert_cmpint (street_population (f), ==, 226000);
  g_assert_cmpuint (shequ_unit_get_n_children (community), ==, 5);

  message = assert_import_refused (f,
                                   "编码,名称,层级,上级编码,人口\n"
                                   "371326001007,振兴社区,社区,37132600101,9999\n",
                                   0, "zx.csv", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "zx.csv");
  assert_contains (message, "\nLine 2: ");
  assert_contains (message, "人口");
  g_assert_cmpint (street_population (f), ==, 226000);
  /* The store was reopened to compare the file. */
  community = shequ_org_store_lookup_code (f->store, "371326001007");
  g_assert_cmpint (shequ_unit_get_population (community), ==, 0);
  g_assert_cmpint (shequ_unit_get_total_population (community), ==, 1320 + 1185 + 1460 + 990 + 1105);

  /* JSON says the same. */
  g_free (message);
  message = assert_import_refused (f,
                                   "{\"units\":[{\"code\":\"371326001007\",\"name\":\"振兴社区\","
                                   "\"tier\":\"community\",\"parent_code\":\"37132600101\","
                                   "\"households\":10}]}",
                                   0, "zx.json", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "\nRecord 1: ");
}

/* A file that gives a unit figures and also creates its sub-units is refused too: the
 * import never moves figures by itself, and names the line. */
static void
test_figures_with_new_children_refused (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *message = NULL;
  g_autofree char *message2 = NULL;
  g_autoptr(GError) error = NULL;

  message = assert_import_refused (f,
                                   "code,name,tier,parent_code,population,households\n"
                                   "371326001099,新社区,community,37132600101,500,100\n"
                                   "371326001099001,新网格,grid,371326001099,200,50\n",
                                   0, "new.csv", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "\nLine 2: this unit has sub-units (such as “新网格”)");

  /* A leaf of the database with figures gets a child from a file. */
  g_assert_true (import_units (f,
                               "code,name,tier,parent_code,population,households\n"
                               "371326001099,新社区,community,37132600101,500,100\n",
                               0, "one.csv", &error));
  g_assert_no_error (error);
  message2 = assert_import_refused (f,
                                    "code,name,tier,parent_code,population\n"
                                    "371326001099001,新网格,grid,371326001099,200\n",
                                    0, "child.csv", SHEQU_IO_ERROR_INVALID);
  assert_contains (message2, "\nLine 2: its parent “新社区” (371326001099) has its own");

  /* Giving the parent empty figures in the same file is the way. */
  g_assert_true (import_units (f,
                               "code,name,tier,parent_code,population,households\n"
                               "371326001099,新社区,community,37132600101,,\n"
                               "371326001099001,新网格,grid,371326001099,500,100\n",
                               0, "fixed.csv", &error));
  g_assert_no_error (error);
  g_assert_cmpint (street_population (f), ==, 226000 + 500);
}

/* One validation, in the store, for every path: a change, add without moving, undo. */
static void
test_figures_store_refuses_every_path (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *community = shequ_org_store_lookup_code (f->store, "371326001007");
  ShequUnit *village = shequ_org_store_lookup_code (f->store, "371326001013");
  ShequOrgChange *change;
  ShequUnitRow *row;
  ShequUnit *child;
  gint64 village_population;

  /* A change made by hand, as a script would. */
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "hand");
  row = shequ_unit_to_row (community);
  row->population = 9999;
  shequ_org_change_put_unit (change, row);
  g_assert_false (shequ_org_store_apply (f->store, change, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_LEAF);
  g_clear_error (&error);
  g_assert_cmpint (street_population (f), ==, 226000);

  /* A new community with figures, then a grid added under it without moving them. */
  g_assert_nonnull (village);
  child = shequ_org_store_add_unit_full (f->store, shequ_unit_get_parent (community),
                                         SHEQU_TIER_COMMUNITY, "新社区", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_org_store_set_figures (f->store, child, 300, 90, &error));
  g_assert_no_error (error);
  g_assert_null (shequ_org_store_add_unit (f->store, child, "网格", FALSE, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_LEAF);
  g_clear_error (&error);
  g_assert_cmpint (street_population (f), ==, 226000 + 300);

  /* Moving them is the GUI's way; undo and redo go through the same validation. */
  g_assert_nonnull (shequ_org_store_add_unit (f->store, child, "网格", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shequ_unit_get_population (child), ==, 0);
  g_assert_cmpint (street_population (f), ==, 226000 + 300);
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shequ_unit_get_population (child), ==, 300);
  g_assert_true (shequ_org_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (street_population (f), ==, 226000 + 300);

  /* A village under a community would be refused by tier; a village's own figures are fine. */
  village_population = shequ_unit_get_population (village);
  g_assert_true (shequ_org_store_set_figures (f->store, village, village_population + 1,
                                              shequ_unit_get_households (village), &error));
  g_assert_no_error (error);
}

/* A database that already holds a stray figure on a parent (imported before this rule):
 * the unit can still be edited, and the figure cleared. */
static void
test_figures_legacy_can_be_cleared (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ShequUnit *community;

  g_assert_cmpint (sqlite3_exec (shequ_database_get_handle (f->db),
                                 "UPDATE unit SET population = 9999 WHERE code = '371326001007'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  fixture_close (f);
  fixture_open (f);
  g_assert_cmpint (street_population (f), ==, 226000 + 9999);
  community = shequ_org_store_lookup_code (f->store, "371326001007");

  g_assert_true (shequ_org_store_rename_unit (f->store, community, "振兴新社区", &error));
  g_assert_no_error (error);
  /* No more figures on it, and no new sub-unit under it while it keeps them. */
  g_assert_false (shequ_org_store_set_figures (f->store, community, 10000, 0, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_LEAF);
  g_clear_error (&error);
  g_assert_null (shequ_org_store_add_unit (f->store, community, "网格", FALSE, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_LEAF);
  g_clear_error (&error);
  message = assert_import_refused (f,
                                   "code,name,tier,parent_code\n"
                                   "371326001007009,新网格,grid,371326001007\n",
                                   0, "grid.csv", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "\nLine 2: its parent “振兴新社区” (371326001007) has its own");

  community = shequ_org_store_lookup_code (f->store, "371326001007");
  g_assert_true (shequ_org_store_set_figures (f->store, community, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (street_population (f), ==, 226000);
}

/* ------------------------------------------------------------------------------------ */
/* Bounds and overflow                                                                  */

static void
test_figures_bounded (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ShequUnit *village;
  gint64 households;

  message = assert_import_refused (f,
                                   "code,name,tier,parent_code,population,households\n"
                                   "371326001013,前城村,village,37132600101,"
                                   "9223372036854775807,9223372036854775807\n",
                                   0, "max.csv", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "\nLine 2: population is larger than 10,000,000");
  assert_contains (message, "(“9223372036854775807”)");
  g_assert_cmpint (street_population (f), ==, 226000);

  village = shequ_org_store_lookup_code (f->store, "371326001013");
  households = shequ_unit_get_households (village);
  g_assert_false (shequ_org_store_set_figures (f->store, village, SHEQU_MAX_UNIT_FIGURE + 1,
                                               households, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (shequ_org_store_set_figures (f->store, village, SHEQU_MAX_UNIT_FIGURE,
                                              households, &error));
  g_assert_no_error (error);
}

/* A database edited by hand can hold anything: the roll-ups saturate, never wrap. */
static void
test_rollup_saturates (Fixture       *f,
                       gconstpointer  data)
{
  ShequOrgStats stats;
  ShequUnit *community;
  sqlite3 *handle = shequ_database_get_handle (f->db);

  g_assert_cmpint (sqlite3_exec (handle,
                                 "PRAGMA ignore_check_constraints = ON;"
                                 "UPDATE unit SET population = 9223372036854775807, "
                                 "households = 9223372036854775807 "
                                 "WHERE code IN ('371326001007001', '371326001007002');"
                                 "UPDATE unit SET population = -5 WHERE code = '371326001007003';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  fixture_close (f);
  fixture_open (f);

  community = shequ_org_store_lookup_code (f->store, "371326001007");
  g_assert_cmpint (shequ_unit_get_total_population (community), ==, G_MAXINT64);
  g_assert_cmpint (shequ_unit_get_total_households (community), ==, G_MAXINT64);
  g_assert_cmpint (street_population (f), ==, G_MAXINT64);
  shequ_org_store_get_stats (f->store, &stats);
  g_assert_cmpint (stats.population, ==, G_MAXINT64);
  /* Over 3,000 residents: five mediators are asked for, not three. */
  if (!shequ_unit_get_compliant (community))
    assert_contains (shequ_unit_get_compliance_text (community), "/5");
}

/* ------------------------------------------------------------------------------------ */
/* JSON                                                                                 */

static char *
make_nested (const char *before,
             guint       depth,
             const char *after)
{
  GString *text = g_string_new (before);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, after);
  return g_string_free (text, FALSE);
}

/* 80,000 nested [ overflowed the stack inside json-glib. */
static void
test_json_deep_nesting (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *units = make_nested ("{\"units\":", 80000, "}");
  g_autofree char *people = make_nested ("{\"people\":[{\"name\":\"张\",\n\"posts\":", 80000, "}]}");
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  message = assert_import_refused (f, units, 0, "deep.json", SHEQU_IO_ERROR_FORMAT);
  assert_contains (message, "deep.json");
  assert_contains (message, "Line 1: the JSON is nested more than 32 levels deep");

  g_assert_false (import_people (f, people, "deep-people.json", &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT);
  assert_contains (error->message, "Line 2: the JSON is nested");

  g_assert_true (shequ_text_check_json_depth ("{\"a\":\"[[[[[[\"}", 13, 2, NULL));
}

/* Out-of-range integers are quoted as the file wrote them, not as -1 or INT64_MIN. */
static void
test_json_number_literals (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *message = NULL;

  message = assert_import_refused (f,
                                   "{\"units\":["
                                   "{\"code\":\"371326001097\",\"name\":\"甲\",\"tier\":\"village\","
                                   "\"parent_code\":\"37132600101\",\"population\":99999999999999999999},"
                                   "{\"code\":\"371326001098\",\"name\":\"乙\",\"tier\":\"village\","
                                   "\"parent_code\":\"37132600101\",\"population\":-9223372036854775809},"
                                   "{\"code\":371326001099.5,\"name\":\"丙\",\"tier\":\"village\","
                                   "\"parent_code\":\"37132600101\",\"households\":1e999}]}",
                                   0, "big.json", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "(“99999999999999999999”)");
  assert_contains (message, "(“-9223372036854775809”)");
  assert_contains (message, "(“371326001099.5”)");
  assert_contains (message, "(“1e999”)");
  g_assert_null (strstr (message, "“-1”"));
  g_assert_null (strstr (message, "-9223372036854775808"));
}

/* json-glib also reads 'single-quoted' strings and skips C comments: the number
 * literals and the depth are found the same way, so such text is kept as it is. */
static void
test_json_lenient_syntax (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ShequUnit *unit;

  g_assert_true (import_units (f,
                               "{\"units\":[{\"code\":\"371326001099\",\"name\":'Area \"51\" [[[',"
                               "/* \"population\": 12, [[[ */ \"tier\":\"village\","
                               "\"parent_code\":\"37132600101\",\"population\":120}]}",
                               0, "lenient.json", &error));
  g_assert_no_error (error);
  unit = shequ_org_store_lookup_code (f->store, "371326001099");
  g_assert_cmpstr (shequ_unit_get_name (unit), ==, "Area \"51\" [[[");
  g_assert_cmpint (shequ_unit_get_population (unit), ==, 120);

  /* A lone surrogate escape makes json-glib return bytes that are not UTF-8. */
  message = assert_import_refused (f,
                                   "{\"units\":[{\"code\":\"371326001098\",\"name\":\"a\\ud800b\","
                                   "\"tier\":\"village\",\"parent_code\":\"37132600101\"}]}",
                                   0, "surrogate.json", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "Record 1: “name” is not valid UTF-8 text");
  g_assert_true (g_utf8_validate (message, -1, NULL));
}

/* ------------------------------------------------------------------------------------ */
/* Messages                                                                             */

/* 60 lines with the same problem are one line of the message. */
static void
test_messages_grouped (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("编码,名称,层级,上级编码,人口\n");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text, "3713260010%02u,村%u,村,37132600101,不详\n", 70 + i, i);
  g_string_append (text, "371326001069,好村,村,37132600101,abc\n");
  message = assert_import_refused (f, text->str, 0, "many.csv", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "\nLines 2–62: 人口 is not a whole number ≥ 0 (“不详”, “abc”)");
  g_assert_cmpuint (count_lines (message), ==, 2);
  /* No compiler-style file:line: anywhere. */
  g_assert_false (g_regex_match_simple ("\\.csv:[0-9]", message, 0, 0));
}

/* Column and tier names as the file wrote them, not population/code/street, area. */
static void
test_messages_use_file_names (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *message = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *english = NULL;

  message = assert_import_refused (f,
                                   "编码,名称,层级,上级编码,户数\n"
                                   "3.71326E+11,甲村,城市,37132600101,1\n",
                                   0, "zh.csv", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "编码 was changed by Excel");
  assert_contains (message, "街道、片区、社区、村、网格");
  g_assert_null (strstr (message, "population"));
  g_assert_null (strstr (message, "street, area"));

  missing = assert_import_refused (f, "名称,层级\n甲村,村\n", 0, "cols.csv",
                                   SHEQU_IO_ERROR_FORMAT);
  assert_contains (missing, "lacks the column 编码（code）;");

  english = assert_import_refused (f, "code,name,tier,parent_code\n1,a,city,\n", 0, "en.csv",
                                   SHEQU_IO_ERROR_INVALID);
  assert_contains (english, "street, area, community, village, grid");
}

/* The same in the Chinese UI: “第 2 行：…”. */
static void
test_messages_chinese (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *message = NULL;

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN.UTF-8 locale");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  message = assert_import_refused (f,
                                   "编码,名称,层级,上级编码,人口\n"
                                   "371326001007,振兴社区,社区,37132600101,9999\n"
                                   "371326001090,甲村,村,37132600101,不详\n"
                                   "371326001091,乙村,村,37132600101,不详\n",
                                   0, "zx.csv", SHEQU_IO_ERROR_INVALID);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, old_locale);

  assert_contains (message, "第 3–4 行：人口");
  assert_contains (message, "第 2 行：");
  g_assert_null (strstr (message, "Line"));
}

/* A cycle through 10,000 units is named by its first 50. */
static void
test_messages_cycle_capped (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("code,name,tier,parent_code\n");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (text, "9%05u,c%u,area,9%05u\n", i, i, (i + 1) % 10000);
  message = assert_import_refused (f, text->str, 0, "cycle.csv", SHEQU_IO_ERROR_INVALID);
  assert_contains (message, "… and 9,950 more");
  g_assert_cmpuint (strlen (message), <, 4096);
}

static void
test_text_helpers (void)
{
  const guint numbers[] = { 64, 3, 4, 5, 70, 71, 72, 5, 100 };
  g_autofree char *ranges = shequ_text_format_ranges (numbers, G_N_ELEMENTS (numbers));
  g_autofree char *escaped = shequ_text_escape_for_terminal ("\x1b[31m红\x07\xe2\x80\xae\\");
  g_autoptr(GString) capped = g_string_new (NULL);
  const char *items[] = { "a", "b", "c", "d" };

  g_assert_cmpstr (ranges, ==, "3–5, 64, 70–72, 100");
  g_assert_cmpstr (escaped, ==, "\\x1b[31m红\\x07\\u202e\\\\");
  shequ_text_append_capped (capped, items, 4, ", ", 2);
  g_assert_cmpstr (capped->str, ==, "a, b … and 2 more");
  g_assert_true (shequ_text_is_blank (NULL));
  g_assert_true (shequ_text_is_blank (""));
  g_assert_true (shequ_text_is_blank (" \t\u3000\n"));
  g_assert_false (shequ_text_is_blank ("\u3000办\u3000"));
  g_assert_false (shequ_text_is_blank (" 0"));
}

/* ------------------------------------------------------------------------------------ */
/* Numbers as Excel and WPS write them                                                  */

static void
test_numbers_parse (void)
{
  const struct {
    const char       *text;
    ShequCountResult  result;
    gint64            value;
  } cases[] = {
    { "1,200", SHEQU_COUNT_OK, 1200 },
    { "１２００", SHEQU_COUNT_OK, 1200 },
    { "\u3000300\u3000", SHEQU_COUNT_OK, 300 },
    { " 12 ", SHEQU_COUNT_OK, 12 },
    { "1，000", SHEQU_COUNT_OK, 1000 },
    { "10000000", SHEQU_COUNT_OK, 10000000 },
    { "10000001", SHEQU_COUNT_TOO_LARGE, 0 },
    { "99999999999999999999999999999", SHEQU_COUNT_TOO_LARGE, 0 },
    { "", SHEQU_COUNT_EMPTY, 0 },
    { "\u3000", SHEQU_COUNT_EMPTY, 0 },
    { "-5", SHEQU_COUNT_INVALID, 0 },
    { "12.5", SHEQU_COUNT_INVALID, 0 },
    { "1 000", SHEQU_COUNT_INVALID, 0 },
    { ",100", SHEQU_COUNT_INVALID, 0 },
    { "1,,2", SHEQU_COUNT_INVALID, 0 },
    { "100,", SHEQU_COUNT_INVALID, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = -1;

      g_assert_cmpint (shequ_text_parse_count (cases[i].text, SHEQU_MAX_UNIT_FIGURE, &value),
                       ==, cases[i].result);
      if (cases[i].result == SHEQU_COUNT_OK)
        g_assert_cmpint (value, ==, cases[i].value);
      else
        g_assert_cmpint (value, ==, -1);
    }
}

static void
test_numbers_excel_forms_imported (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *a, *b;

  g_assert_true (import_units (f,
                               "code,name,tier,parent_code,population,households\n"
                               "371326001098,甲村,village,37132600101,\"1,200\",１２０\n"
                               "371326001099,乙村,village,37132600101,\u3000300\u3000, 90 \n",
                               0, "excel.csv", &error));
  g_assert_no_error (error);
  a = shequ_org_store_lookup_code (f->store, "371326001098");
  b = shequ_org_store_lookup_code (f->store, "371326001099");
  g_assert_cmpint (shequ_unit_get_population (a), ==, 1200);
  g_assert_cmpint (shequ_unit_get_households (a), ==, 120);
  g_assert_cmpint (shequ_unit_get_population (b), ==, 300);
  g_assert_cmpint (shequ_unit_get_households (b), ==, 90);
  g_assert_cmpint (street_population (f), ==, 226000 + 1500);
}

/* ------------------------------------------------------------------------------------ */
/* Body names                                                                           */

static void
test_bodies_chinese_in_english_ui (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *street = shequ_org_store_get_street (f->store);
  ShequUnit *community = shequ_org_store_lookup_code (f->store, "371326001007");
  ShequUnit *area, *grid;

  area = shequ_org_store_add_unit (f->store, street, "New Area", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_unit_get_party_body (area), ==, "片区党委");
  g_assert_cmpstr (shequ_unit_get_service_body (area), ==, "片区党群e家会客厅");

  grid = shequ_org_store_add_unit (f->store, community, "New Grid", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_unit_get_party_body (grid), ==, "振兴社区网格支部");
  g_assert_cmpstr (shequ_unit_get_service_body (grid), ==, "振兴社区网格服务站");

  /* They follow a rename… */
  g_assert_true (shequ_org_store_rename_unit (f->store, area, "城南片区", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_unit_get_party_body (area), ==, "城南片区党委");
  g_assert_cmpstr (shequ_unit_get_service_body (area), ==, "城南片区党群e家会客厅");
  g_assert_true (shequ_org_store_rename_unit (f->store, grid, "第六网格", &error));
  g_assert_cmpstr (shequ_unit_get_party_body (grid), ==, "振兴社区第六网格支部");

  /* …until the user edits them by hand. */
  g_assert_true (shequ_org_store_update_unit (f->store, area, NULL, NULL, "城南联合党委", NULL,
                                              NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_org_store_rename_unit (f->store, area, "城北片区", &error));
  g_assert_cmpstr (shequ_unit_get_party_body (area), ==, "城南联合党委");
  g_assert_cmpstr (shequ_unit_get_service_body (area), ==, "城北片区党群e家会客厅");

  /* Bodies written the old way ("New Area党委") follow too. */
  g_assert_true (shequ_tier_is_derived_body ("New Area党委", TRUE, SHEQU_TIER_AREA, "New Area",
                                             NULL));
  g_assert_false (shequ_tier_is_derived_body ("城南联合党委", TRUE, SHEQU_TIER_AREA, "城南片区",
                                              NULL));
}

/* ------------------------------------------------------------------------------------ */
/* shequ-cli                                                                            */

/* Names with ESC sequences, BEL and U+202E print escaped on a terminal, as they are in
 * JSON. */
static void
test_cli_escapes_control_characters (Fixture       *f,
                                     gconstpointer  data)
{
  const char *name = "\x1b[31m红\x07\xe2\x80\xae村";
  g_autofree char *csv_text = g_strdup_printf ("code,name,tier,parent_code\n"
                                               "371326001099,%s,village,37132600101\n", name);
  g_autofree char *csv = NULL;
  g_autofree char *evil = NULL;
  g_auto(ShequTestResult) imported = { 0 };
  g_auto(ShequTestResult) text = { 0 };
  g_auto(ShequTestResult) json = { 0 };
  g_auto(ShequTestResult) refused = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *roots;
  gboolean found = FALSE;

  fixture_close (f);
  csv = shequ_test_write_file (f->dir, "evil.csv", csv_text);
  imported = shequ_test_run_cli ("import-units", "--db", f->path, csv, NULL);
  g_assert_cmpint (imported.status, ==, 0);

  text = shequ_test_run_cli ("units", "--db", f->path, NULL);
  g_assert_cmpint (text.status, ==, 0);
  assert_contains (text.out, "\\x1b[31m红\\x07\\u202e村");
  g_assert_null (strchr (text.out, '\x1b'));
  g_assert_null (strchr (text.out, '\x07'));
  g_assert_null (strstr (text.out, "\xe2\x80\xae"));

  /* A message naming the unit is escaped too. */
  evil = shequ_test_write_file (f->dir, "evil2.csv",
                                "code,name,tier,parent_code\n"
                                "371326001098,\x1b]0;title\x07,village,371326001099\n");
  refused = shequ_test_run_cli ("import-units", "--db", f->path, evil, NULL);
  g_assert_cmpint (refused.status, !=, 0);
  g_assert_null (strchr (refused.err, '\x1b'));
  g_assert_null (strchr (refused.err, '\x07'));

  json = shequ_test_run_cli ("units", "--db", f->path, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_null (strchr (json.out, '\x1b'));
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  g_assert_no_error (error);
  roots = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (roots) && !found; i++)
    {
      g_autoptr(GList) pending = g_list_append (NULL, json_array_get_object_element (roots, i));

      while (pending != NULL && !found)
        {
          JsonObject *unit = pending->data;
          JsonArray *children = json_object_get_array_member (unit, "children");

          pending = g_list_delete_link (pending, pending);
          found = g_strcmp0 (json_object_get_string_member (unit, "name"), name) == 0;
          for (guint c = 0; c < json_array_get_length (children); c++)
            pending = g_list_append (pending, json_array_get_object_element (children, c));
        }
      g_list_free (pending);
      pending = NULL;
    }
  g_assert_true (found);
  fixture_open (f);
}

/* The cases through the CLI: refused with a message, exit 1, never a crash, and
 * the street total unchanged. */
static void
test_cli_refusals (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *deep = make_nested ("{\"units\":", 80000, "}");
  g_autofree char *deep_path = NULL;
  g_autofree char *parent_path = NULL;
  g_auto(ShequTestResult) nested = { 0 };
  g_auto(ShequTestResult) parent = { 0 };
  g_auto(ShequTestResult) stats = { 0 };

  fixture_close (f);
  deep_path = shequ_test_write_file (f->dir, "deep.json", deep);
  nested = shequ_test_run_cli ("import-units", "--db", f->path, deep_path, NULL);
  g_assert_cmpint (nested.status, ==, 1);
  assert_contains (nested.err, "nested more than 32 levels");

  parent_path = shequ_test_write_file (f->dir, "zx.csv", "编码,名称,层级,上级编码,人口\n"
                                                         "371326001007,振兴社区,社区,37132600101,9999\n");
  parent = shequ_test_run_cli ("import-units", "--db", f->path, parent_path, NULL);
  g_assert_cmpint (parent.status, ==, 1);
  assert_contains (parent.err, "Line 2: this unit has sub-units");

  stats = shequ_test_run_cli ("stats", "--db", f->path, "--json", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  assert_contains (stats.out, "\"population\" : 226000");
  fixture_open (f);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, sample) \
  g_test_add ("/import-safety/" path, Fixture, sample, fixture_set_up, func, fixture_tear_down)
  ADD ("figures/parent-refused", test_figures_on_parent_refused, "sample");
  ADD ("figures/new-children-refused", test_figures_with_new_children_refused, "sample");
  ADD ("figures/store-refuses-every-path", test_figures_store_refuses_every_path, "sample");
  ADD ("figures/legacy-can-be-cleared", test_figures_legacy_can_be_cleared, "sample");
  ADD ("figures/bounded", test_figures_bounded, "sample");
  ADD ("rollup/saturates", test_rollup_saturates, "sample");
  ADD ("json/deep-nesting", test_json_deep_nesting, "sample");
  ADD ("json/number-literals", test_json_number_literals, "sample");
  ADD ("json/lenient-syntax", test_json_lenient_syntax, "sample");
  ADD ("messages/grouped", test_messages_grouped, "sample");
  ADD ("messages/file-names", test_messages_use_file_names, "sample");
  ADD ("messages/chinese", test_messages_chinese, "sample");
  ADD ("messages/cycle-capped", test_messages_cycle_capped, "sample");
  ADD ("numbers/excel-forms", test_numbers_excel_forms_imported, "sample");
  ADD ("bodies/chinese-in-english-ui", test_bodies_chinese_in_english_ui, "sample");
  ADD ("cli/escapes-control-characters", test_cli_escapes_control_characters, "sample");
  ADD ("cli/refusals", test_cli_refusals, "sample");
#undef ADD
  g_test_add_func ("/import-safety/text/helpers", test_text_helpers);
  g_test_add_func ("/import-safety/numbers/parse", test_numbers_parse);

  return g_test_run ();
}
