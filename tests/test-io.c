/* test-io.c — text encodings, import and export of units and people */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "shequ-csv.h"
#include "shequ-database.h"
#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-sample.h"
#include "shequ-test-util.h"

/* A small street, the base most import tests start from. */
static const char base_units[] =
  "code,name,tier,parent_code,population,households\n"
  "371326001,平邑街道,street,,,\n"
  "37132600101,城区东片区,area,371326001,,\n"
  "371326001001,东阳社区,community,37132600101,,\n"
  "371326001001001,第一网格,grid,371326001001,1200,400\n"
  "371326001001002,第二网格,grid,371326001001,800,260\n"
  "371326001002,大南泉村,village,37132600101,2500,800\n";

typedef struct {
  char          *dir;
  char          *path;
  ShequDatabase *db;
  ShequOrgStore *store;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  fixture->store = shequ_test_open_store (fixture->path,
                                          SHEQU_DATABASE_FLAGS_CREATE |
                                          SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                          &fixture->db);
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->db);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = shequ_test_make_tmpdir ("shequ-test-io-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture_open (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  fixture_close (fixture);
  shequ_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
import_units (ShequOrgStore    *store,
              const char       *text,
              const char       *filename,
              guint            *n,
              GError          **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return shequ_io_import_units_from_bytes (store, bytes, filename, SHEQU_IO_FORMAT_AUTO,
                                           SHEQU_IO_ENCODING_AUTO, n, error);
}

static gboolean
import_people (ShequOrgStore    *store,
               const char       *text,
               const char       *filename,
               guint            *n,
               GError          **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return shequ_io_import_people_from_bytes (store, bytes, filename, SHEQU_IO_FORMAT_AUTO,
                                            SHEQU_IO_ENCODING_AUTO, n, error);
}

static void
import_base (ShequOrgStore *store)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (import_units (store, base_units, "base.csv", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6);
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static guint
count_lines (const char *text)
{
  guint n = 1;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* ------------------------------------------------------------------------------------ */

static char *
to_gbk (const char *utf8,
        gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *gbk = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, len, &error);

  g_assert_no_error (error);
  return gbk;
}

static void
test_encoding_gbk_detected (void)
{
  const char *utf8 = "编码,名称\n371326001,平邑街道\n";
  gsize len = 0;
  g_autofree char *gbk = to_gbk (utf8, &len);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  ShequIoEncoding detected = SHEQU_IO_ENCODING_AUTO;

  /* The bytes really differ from UTF-8, or the test would prove nothing. */
  g_assert_false (g_utf8_validate (gbk, len, NULL));

  text = shequ_csv_decode (gbk, len, SHEQU_IO_ENCODING_AUTO, "g.csv", &detected, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, utf8);
  g_assert_cmpint (detected, ==, SHEQU_IO_ENCODING_GBK);

  plain = shequ_csv_decode ("\xEF\xBB\xBF" "名称\n", 10, SHEQU_IO_ENCODING_AUTO, "u.csv",
                            &detected, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "名称\n");
  g_assert_cmpint (detected, ==, SHEQU_IO_ENCODING_UTF8);
}

static void
test_encoding_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char bad[] = "code,name\n1,a\n2,\xFF\xFF\n";

  text = shequ_csv_decode (bad, sizeof bad - 1, SHEQU_IO_ENCODING_AUTO, "bad.csv", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_ENCODING);
  /* The file, the line and the byte offset. */
  g_assert_nonnull (strstr (error->message, "bad.csv\nLine 3:"));
  g_assert_nonnull (strstr (error->message, "16"));
  g_clear_error (&error);

  /* A NUL byte (a UTF-16 file, say) is never text. */
  text = shequ_csv_decode ("a\0b", 3, SHEQU_IO_ENCODING_AUTO, "nul.csv", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_ENCODING);
}

static void
test_encoding_explicit (void)
{
  gsize len = 0;
  g_autofree char *gbk = to_gbk ("名称\n东阳社区\n", &len);
  g_autoptr(GError) error = NULL;
  g_autofree char *as_utf8 = NULL;
  g_autofree char *as_gbk = NULL;

  as_utf8 = shequ_csv_decode (gbk, len, SHEQU_IO_ENCODING_UTF8, "g.csv", NULL, &error);
  g_assert_null (as_utf8);
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_ENCODING);
  g_clear_error (&error);

  as_gbk = shequ_csv_decode (gbk, len, SHEQU_IO_ENCODING_GBK, "g.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (as_gbk, ==, "名称\n东阳社区\n");
}

/* ------------------------------------------------------------------------------------ */

static void
assert_refused (Fixture    *fixture,
                const char *text,
                const char *filename,
                int         code,
                const char *const *needles)
{
  g_autoptr(GError) error = NULL;
  guint before = shequ_org_store_get_n_units (fixture->store);

  g_assert_false (import_units (fixture->store, text, filename, NULL, &error));
  g_assert_error (error, SHEQU_IO_ERROR, code);
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (error->message, needles[i]) == NULL)
      g_error ("“%s” not in the message:\n%s", needles[i], error->message);
  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, before);
}

static void
test_units_missing_columns (Fixture *fixture, gconstpointer data)
{
  const char *needles[] = { "cols.csv\nLine 1:", "lacks the columns", "编码（code）", "层级（tier）", NULL };
  const char *dup[] = { "dup.csv\nLine 1:", "名称", "columns 2 and 4", NULL };
  const char *parent[] = { "parent_code", NULL };

  assert_refused (fixture, "编码x,名称,级\n1,a,street\n", "cols.csv", SHEQU_IO_ERROR_FORMAT, needles);
  assert_refused (fixture, "code,name,tier,名称\n1,a,street,b\n", "dup.csv",
                  SHEQU_IO_ERROR_FORMAT, dup);
  assert_refused (fixture, "code,name,tier\n1,a,street\n11,b,area\n", "p.csv",
                  SHEQU_IO_ERROR_FORMAT, parent);
  assert_refused (fixture, "", "empty.csv", SHEQU_IO_ERROR_FORMAT,
                  (const char *[]) { "empty.csv", NULL });
}

static void
test_units_bad_numbers (Fixture *fixture, gconstpointer data)
{
  const char *needles[] = {
    "\nLines 3, 5: population is not a whole number ≥ 0 (“-5”, “12.5”)",
    "\nLine 4: households is not a whole number ≥ 0 (“many”)",
    NULL
  };

  import_base (fixture->store);
  assert_refused (fixture,
                  "code,name,tier,parent_code,population,households\n"
                  "371326001001003,第三网格,grid,371326001001,100,30\n"
                  "371326001001004,第四网格,grid,371326001001,-5,30\n"
                  "371326001001005,第五网格,grid,371326001001,100,many\n"
                  "371326001001006,第六网格,grid,371326001001,12.5,3\n",
                  "n.csv", SHEQU_IO_ERROR_INVALID, needles);
}

static void
test_units_unknown_parent (Fixture *fixture, gconstpointer data)
{
  const char *needles[] = { "\nLine 3:", "“371326001099”", NULL };

  import_base (fixture->store);
  assert_refused (fixture,
                  "code,name,tier,parent_code\n"
                  "371326001003,新村,village,37132600101\n"
                  "371326001099001,孤网格,grid,371326001099\n",
                  "u.csv", SHEQU_IO_ERROR_INVALID, needles);
  g_assert_null (shequ_org_store_lookup_code (fixture->store, "371326001003"));
}

static void
test_units_duplicate_codes (Fixture *fixture, gconstpointer data)
{
  const char *needles[] = { "\nLine 4:", "“371326001003”", "line 2", NULL };

  import_base (fixture->store);
  assert_refused (fixture,
                  "code,name,tier,parent_code\n"
                  "371326001003,甲村,village,37132600101\n"
                  "371326001004,乙村,village,37132600101\n"
                  "371326001003,丙村,village,37132600101\n",
                  "d.csv", SHEQU_IO_ERROR_INVALID, needles);
}

static void
test_units_cycle (Fixture *fixture, gconstpointer data)
{
  /* Moving the area under its own community's grid, and a community under itself
   * through the file. */
  const char *needles[] = { "cycle", "37132600101", "371326001001", NULL };
  const char *self_needles[] = { "\nLine 2:", "371326001002 → 371326001002", NULL };

  import_base (fixture->store);
  assert_refused (fixture,
                  "code,name,tier,parent_code\n"
                  "37132600101,城区东片区,area,371326001001\n",
                  "c.csv", SHEQU_IO_ERROR_INVALID, needles);
  assert_refused (fixture,
                  "code,name,tier,parent_code\n"
                  "371326001002,大南泉村,village,371326001002\n",
                  "self.csv", SHEQU_IO_ERROR_INVALID, self_needles);
  /* Still under the street. */
  g_assert_cmpstr (shequ_unit_get_code (shequ_unit_get_parent (
                     shequ_org_store_lookup_code (fixture->store, "37132600101"))),
                   ==, "371326001");
}

static void
test_units_excel_codes (Fixture *fixture, gconstpointer data)
{
  const char *needles[] = {
    "Lines 2, 5: code was changed by Excel into scientific notation; format the column as "
    "text and export again (“3.71326E+11”, “3.71326e11”)",
    "Line 3: parent_code was changed by Excel into scientific notation; format the column as "
    "text and export again (“3.71E+14”)",
    "Line 4: code has a decimal point, as Excel writes numbers; format the column as text "
    "and export again (“371326001005.0”)",
    NULL
  };

  import_base (fixture->store);
  assert_refused (fixture,
                  "code,name,tier,parent_code\n"
                  "3.71326E+11,甲村,village,37132600101\n"
                  "371326001004,乙村,village,3.71E+14\n"
                  "371326001005.0,丙村,village,37132600101\n"
                  "3.71326e11,丁村,village,37132600101\n",
                  "x.csv", SHEQU_IO_ERROR_INVALID, needles);
}

static void
test_units_wrong_tier (Fixture *fixture, gconstpointer data)
{
  const char *needles[] = { "\nLine 2:", "\nLine 3:", "\nLine 4:", "“city”", NULL };

  import_base (fixture->store);
  assert_refused (fixture,
                  "code,name,tier,parent_code\n"
                  "371326001002001,村里网格,grid,371326001002\n"
                  "371326001005,乡,village,371326001\n"
                  "371326001006,市,city,37132600101\n",
                  "t.csv", SHEQU_IO_ERROR_INVALID, needles);
}

/* Every bad line in one message, nothing imported, the file byte-identical. */
static void
test_units_all_listed (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *bad =
    "code,name,tier,parent_code,population\n"
    "371326001003,好村,village,37132600101,100\n"          /* fine */
    ",无编码,village,37132600101,1\n"                      /* 3: empty code */
    "371326001004,,village,37132600101,1\n"                /* 4: empty name */
    "371326001005,坏人口,village,37132600101,abc\n"        /* 5: bad number */
    "371326001006,无上级,village,371326009999,1\n"         /* 6: unknown parent */
    "371326001003,重复,village,37132600101,1\n"            /* 7: duplicate */
    "3.71326E+11,科学,village,37132600101,1\n"             /* 8: Excel */
    "371326001007,错层级,grid,371326001\n";                /* 9: tier */
  const char *lines[] = { "\nLine 3:", "\nLine 4:", "\nLine 5:", "\nLine 6:", "\nLine 7:", "\nLine 8:", "\nLine 9:" };

  import_base (fixture->store);
  fixture_close (fixture);
  before = shequ_test_file_sha256 (fixture->path);
  fixture_open (fixture);

  g_assert_false (import_units (fixture->store, bad, "all.csv", NULL, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *needle = g_strdup (lines[i]);

      if (strstr (error->message, needle) == NULL)
        g_error ("%s not in:\n%s", needle, error->message);
    }
  g_assert_null (strstr (error->message, "Line 2:"));
  /* A heading and one line per problem. */
  g_assert_cmpuint (count_lines (error->message), ==, 1 + G_N_ELEMENTS (lines));
  g_assert_null (shequ_org_store_lookup_code (fixture->store, "371326001003"));

  fixture_close (fixture);
  after = shequ_test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
  fixture_open (fixture);
  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, 6);
}

static void
test_units_chinese_headers (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *village;
  guint n = 0;

  g_assert_true (import_units (fixture->store,
                               "编码,名称,层级,上级编码,党组织,服务阵地,人口,户数,备注,多余的列\n"
                               "371326001,平邑街道,街道,,,,,,,x\n"
                               "37132600101,城区东片区,片区,371326001,,,,,,\n"
                               "371326001002,大南泉村,村,37132600101,大南泉村党支部,,2500,800,示例,\n",
                               "zh.csv", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  village = shequ_org_store_lookup_code (fixture->store, "371326001002");
  g_assert_nonnull (village);
  g_assert_cmpint (shequ_unit_get_tier (village), ==, SHEQU_TIER_VILLAGE);
  g_assert_cmpint (shequ_unit_get_population (village), ==, 2500);
  g_assert_cmpstr (shequ_unit_get_note (village), ==, "示例");
  /* An empty service body is named after the tier. */
  g_assert_cmpstr (shequ_unit_get_service_body (village), ==, "大南泉村委会");
  g_assert_cmpstr (shequ_unit_get_party_body (shequ_org_store_get_street (fixture->store)),
                   ==, "平邑街道党工委");
  g_assert_cmpint (shequ_unit_get_total_population (shequ_org_store_get_street (fixture->store)),
                   ==, 2500);
}

static void
test_units_gbk_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *gbk = to_gbk (base_units, &len);
  g_autofree char *path = g_build_filename (fixture->dir, "gbk.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n = 0;

  g_assert_true (g_file_set_contents (path, gbk, len, NULL));
  g_assert_true (shequ_io_import_units (fixture->store, file, SHEQU_IO_FORMAT_AUTO,
                                        SHEQU_IO_ENCODING_AUTO, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (shequ_unit_get_name (shequ_org_store_lookup_code (fixture->store,
                                                                     "371326001002")),
                   ==, "大南泉村");
}

static void
test_units_upsert_move_undo (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *community;
  ShequUnit *grid;
  gint64 grid_id;
  guint n = 0;

  import_base (fixture->store);
  grid = shequ_org_store_lookup_code (fixture->store, "371326001001002");
  grid_id = shequ_unit_get_id (grid);

  /* A new community, the second grid moved into it and renamed, new figures. */
  g_assert_true (import_units (fixture->store,
                               "code,name,tier,parent_code,population,households\n"
                               "371326001003,莲花社区,community,37132600101,,\n"
                               "371326001001002,莲花一网格,grid,371326001003,900,300\n",
                               "move.csv", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, 7);
  grid = shequ_org_store_lookup_code (fixture->store, "371326001001002");
  g_assert_cmpint (shequ_unit_get_id (grid), ==, grid_id);
  g_assert_cmpstr (shequ_unit_get_name (grid), ==, "莲花一网格");
  g_assert_cmpstr (shequ_unit_get_code (shequ_unit_get_parent (grid)), ==, "371326001003");
  community = shequ_org_store_lookup_code (fixture->store, "371326001001");
  g_assert_cmpint (shequ_unit_get_total_population (community), ==, 1200);
  g_assert_cmpstr (shequ_org_store_get_undo_label (fixture->store), ==, "Import units");

  /* One undo takes the whole import back. */
  g_assert_true (shequ_org_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, 6);
  g_assert_null (shequ_org_store_lookup_code (fixture->store, "371326001003"));
  grid = shequ_org_store_lookup_code (fixture->store, "371326001001002");
  g_assert_cmpstr (shequ_unit_get_name (grid), ==, "第二网格");
  g_assert_cmpint (shequ_unit_get_population (grid), ==, 800);
  g_assert_cmpstr (shequ_unit_get_code (shequ_unit_get_parent (grid)), ==, "371326001001");
  g_assert_cmpint (shequ_unit_get_total_population (community), ==, 2000);

  /* And on disk too. */
  fixture_close (fixture);
  fixture_open (fixture);
  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, 6);
  g_assert_null (shequ_org_store_lookup_code (fixture->store, "371326001003"));
}

/* A file may list sub-units before their parents: the rows are put parents first, so
 * new units take their ids in that order too. */
static void
test_units_children_first (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *grid, *community, *area;
  guint n = 0;

  import_base (fixture->store);
  g_assert_true (import_units (fixture->store,
                               "code,name,tier,parent_code,population,households\n"
                               "371326002001001,西一网格,grid,371326002001,10,3\n"
                               "371326002001,西关社区,community,37132600102,,\n"
                               "37132600102,城区西片区,area,371326001,,\n",
                               "children-first.csv", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  grid = shequ_org_store_lookup_code (fixture->store, "371326002001001");
  community = shequ_org_store_lookup_code (fixture->store, "371326002001");
  area = shequ_org_store_lookup_code (fixture->store, "37132600102");
  g_assert_nonnull (grid);
  g_assert_true (shequ_unit_get_parent (grid) == community);
  g_assert_true (shequ_unit_get_parent (community) == area);
  g_assert_true (shequ_unit_get_parent (area) == shequ_org_store_get_street (fixture->store));
  g_assert_cmpint (shequ_unit_get_id (area), <, shequ_unit_get_id (community));
  g_assert_cmpint (shequ_unit_get_id (community), <, shequ_unit_get_id (grid));
  g_assert_cmpint (shequ_unit_get_total_population (area), ==, 10);

  g_assert_true (shequ_org_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_null (shequ_org_store_lookup_code (fixture->store, "37132600102"));
  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, 6);
}

static void
test_units_json (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *bad_needles[] = { "\nRecord 2:", "\nRecord 3:", "scientific", "(“-1”)", NULL };
  const char *shape[] = { "shape.json", "“units”", NULL };
  guint n = 0;

  g_assert_true (import_units (fixture->store,
                               "{\"units\":[{\"code\":\"371326001\",\"name\":\"平邑街道\",\"tier\":\"street\"},"
                               "{\"code\":\"37132600101\",\"name\":\"东片\",\"tier\":\"片区\","
                               "\"parent_code\":\"371326001\"},"
                               "{\"code\":371326001002,\"name\":\"大南泉村\",\"tier\":\"village\","
                               "\"parent_code\":\"37132600101\",\"population\":2500,\"households\":800}]}",
                               "ok.json", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (shequ_unit_get_households (shequ_org_store_lookup_code (fixture->store,
                                                                           "371326001002")),
                   ==, 800);

  assert_refused (fixture,
                  "{\"units\":[{\"code\":\"371326001003\",\"name\":\"甲\",\"tier\":\"village\","
                  "\"parent_code\":\"37132600101\"},"
                  "{\"code\":\"3.7E+11\",\"name\":\"乙\",\"tier\":\"village\",\"parent_code\":\"37132600101\"},"
                  "{\"code\":\"371326001005\",\"name\":\"丙\",\"tier\":\"village\","
                  "\"parent_code\":\"37132600101\",\"population\":-1}]}",
                  "j.json", SHEQU_IO_ERROR_INVALID, bad_needles);
  assert_refused (fixture, "{\"unit\":[]}", "shape.json", SHEQU_IO_ERROR_FORMAT, shape);
  assert_refused (fixture, "{\"units\":[", "broken.json", SHEQU_IO_ERROR_FORMAT,
                  (const char *[]) { "broken.json", NULL });
}

/* ------------------------------------------------------------------------------------ */

static void
populate_sample (ShequOrgStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_sample_populate (store, &error));
  g_assert_no_error (error);
}

static void
export_both (ShequOrgStore *store,
             const char    *dir,
             const char    *prefix,
             const char    *ext,
             char         **units_path,
             char         **people_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *units_name = g_strdup_printf ("%s-units.%s", prefix, ext);
  g_autofree char *people_name = g_strdup_printf ("%s-people.%s", prefix, ext);
  g_autoptr(GFile) units = NULL;
  g_autoptr(GFile) people = NULL;

  *units_path = g_build_filename (dir, units_name, NULL);
  *people_path = g_build_filename (dir, people_name, NULL);
  units = g_file_new_for_path (*units_path);
  people = g_file_new_for_path (*people_path);
  g_assert_true (shequ_io_export_units (store, units, SHEQU_IO_FORMAT_AUTO, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_io_export_people (store, people, SHEQU_IO_FORMAT_AUTO, &error));
  g_assert_no_error (error);
}

static void
assert_same_stats (ShequOrgStore *a,
                   ShequOrgStore *b)
{
  ShequOrgStats sa;
  ShequOrgStats sb;

  shequ_org_store_get_stats (a, &sa);
  shequ_org_store_get_stats (b, &sb);
  g_assert_cmpuint (shequ_org_store_get_n_units (a), ==, shequ_org_store_get_n_units (b));
  g_assert_cmpuint (sa.areas, ==, sb.areas);
  g_assert_cmpuint (sa.communities, ==, sb.communities);
  g_assert_cmpuint (sa.villages, ==, sb.villages);
  g_assert_cmpuint (sa.grids, ==, sb.grids);
  g_assert_cmpint (sa.population, ==, sb.population);
  g_assert_cmpint (sa.households, ==, sb.households);
  g_assert_cmpuint (sa.people, ==, sb.people);
  g_assert_cmpuint (sa.violations, ==, sb.violations);
  for (guint i = 0; i < SHEQU_N_ROLES; i++)
    g_assert_cmpuint (sa.role_counts[i], ==, sb.role_counts[i]);
}

static void
round_trip (Fixture    *fixture,
            const char *ext)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *units_a = NULL;
  g_autofree char *people_a = NULL;
  g_autofree char *units_b = NULL;
  g_autofree char *people_b = NULL;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(ShequDatabase) other_db = NULL;
  g_autoptr(ShequOrgStore) other = NULL;
  g_autoptr(GFile) units_file = NULL;
  g_autoptr(GFile) people_file = NULL;
  guint n_units = 0;
  guint n_people = 0;

  populate_sample (fixture->store);
  export_both (fixture->store, fixture->dir, "a", ext, &units_a, &people_a);

  other_db = shequ_database_open (other_path,
                                  SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                  &error);
  g_assert_no_error (error);
  other = shequ_org_store_new (other_db, &error);
  g_assert_no_error (error);

  units_file = g_file_new_for_path (units_a);
  people_file = g_file_new_for_path (people_a);
  g_assert_true (shequ_io_import_units (other, units_file, SHEQU_IO_FORMAT_AUTO,
                                        SHEQU_IO_ENCODING_AUTO, &n_units, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_io_import_people (other, people_file, SHEQU_IO_FORMAT_AUTO,
                                         SHEQU_IO_ENCODING_AUTO, &n_people, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_units, ==, shequ_org_store_get_n_units (fixture->store));
  g_assert_cmpuint (n_people, ==,
                    g_list_model_get_n_items (shequ_org_store_get_people (fixture->store)));

  assert_same_stats (fixture->store, other);

  /* The same tree and people: exporting again gives the same bytes. */
  export_both (other, fixture->dir, "b", ext, &units_b, &people_b);
  g_clear_pointer (&text_a, g_free);
  text_a = read_text (units_a);
  text_b = read_text (units_b);
  g_assert_cmpstr (text_a, ==, text_b);
  g_clear_pointer (&text_a, g_free);
  g_clear_pointer (&text_b, g_free);
  text_a = read_text (people_a);
  text_b = read_text (people_b);
  g_assert_cmpstr (text_a, ==, text_b);

  /* Importing the same files again changes nothing and adds no undo step. */
  g_assert_true (shequ_io_import_units (other, units_file, SHEQU_IO_FORMAT_AUTO,
                                        SHEQU_IO_ENCODING_AUTO, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_io_import_people (other, people_file, SHEQU_IO_FORMAT_AUTO,
                                         SHEQU_IO_ENCODING_AUTO, NULL, &error));
  g_assert_no_error (error);
  assert_same_stats (fixture->store, other);
}

static void
test_round_trip_csv (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "a-units.csv", NULL);
  g_autofree char *text = NULL;

  round_trip (fixture, "csv");

  /* BOM, English header, parents before children. */
  text = read_text (path);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "code,name,tier,parent_code,"));
  g_assert_nonnull (strstr (text, "\r\n371326001,平邑街道,street,,"));
}

static void
test_round_trip_json (Fixture *fixture, gconstpointer data)
{
  round_trip (fixture, "json");
}

/* ------------------------------------------------------------------------------------ */

static ShequPerson *
find_person (ShequOrgStore *store,
             const char    *name)
{
  GListModel *people = shequ_org_store_get_people (store);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);

      if (g_str_equal (shequ_person_get_name (person), name))
        return person;
    }
  return NULL;
}

static void
test_people_multiple_posts (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ShequPerson *zhang;
  ShequPerson *li;
  ShequPerson *wang;
  ShequUnit *community;
  guint n = 0;

  import_base (fixture->store);
  /* 张伟 twice without a code (same name and phone: one person), 李娜 with a code on one
   * line and without on the next, 王芳 without a code and without a post. */
  g_assert_true (import_people (fixture->store,
                                "person_code,name,phone,unit_code,role,title\n"
                                ",张伟,13800000001,371326001001,secretary,社区党总支书记\n"
                                ",张伟,13800000001,371326001001001,grid_worker,网格员\n"
                                "P00042,李娜,13800000002,371326001001,调解员,\n"
                                ",李娜,13800000002,371326001002,mediator,\n"
                                ",王芳,,,,\n",
                                "people.csv", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  zhang = find_person (fixture->store, "张伟");
  li = find_person (fixture->store, "李娜");
  wang = find_person (fixture->store, "王芳");
  g_assert_nonnull (zhang);
  g_assert_nonnull (li);
  g_assert_nonnull (wang);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_person_get_posts (zhang)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_person_get_posts (li)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_person_get_posts (wang)), ==, 0);
  g_assert_cmpstr (shequ_person_get_code (li), ==, "P00042");
  /* Generated codes are distinct. */
  g_assert_cmpstr (shequ_person_get_code (zhang), !=, shequ_person_get_code (wang));
  g_assert_cmpstr (shequ_person_get_code (zhang), !=, "P00042");
  g_assert_cmpstr (shequ_person_get_code (wang), !=, "P00042");

  community = shequ_org_store_lookup_code (fixture->store, "371326001001");
  g_assert_cmpstr (shequ_unit_get_leader (community), ==, "张伟");
  g_assert_cmpuint (shequ_unit_get_role_count (community, SHEQU_ROLE_MEDIATOR), ==, 1);
  g_assert_cmpstr (shequ_org_store_get_undo_label (fixture->store), ==, "Import people");

  /* A second import updates titles and adds posts; it deletes nothing and makes no
   * duplicate person. */
  g_assert_true (import_people (fixture->store,
                                "姓名,电话,单位编码,岗位,职务\n"
                                "张伟,13800000001,371326001001,书记,书记兼主任\n"
                                "张伟,13800000001,371326001001,director,\n",
                                "more.csv", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_org_store_get_people (fixture->store)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_person_get_posts (zhang)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ShequPost) post = g_list_model_get_item (shequ_person_get_posts (zhang), i);

      if (shequ_post_get_role (post) == SHEQU_ROLE_SECRETARY)
        g_assert_cmpstr (shequ_post_get_title (post), ==, "书记兼主任");
    }

  g_assert_true (shequ_org_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_person_get_posts (zhang)), ==, 2);
}

static void
test_people_errors (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *needles[] = {
    "\nLine 2: the name is empty",
    "\nLine 3:", "“371326009999”",
    "\nLine 4:", "“boss”",
    "\nLine 5: phone was changed by Excel", "(“1.38E+10”)",
    "\nLine 7:", "“P1”",
    NULL
  };

  import_base (fixture->store);
  g_assert_false (import_people (fixture->store,
                                 "person_code,name,phone,unit_code,role,title\n"
                                 ",,13800000001,371326001001,secretary,\n"
                                 ",张伟,13800000001,371326009999,secretary,\n"
                                 ",张伟,13800000001,371326001001,boss,\n"
                                 ",李娜,1.38E+10,371326001001,mediator,\n"
                                 "P1,王芳,,371326001001,mediator,\n"
                                 "P1,赵强,,371326001002,mediator,\n",
                                 "p.csv", NULL, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (error->message, needles[i]) == NULL)
      g_error ("“%s” not in:\n%s", needles[i], error->message);
  g_assert_null (strstr (error->message, "Line 6:"));
  g_assert_cmpuint (g_list_model_get_n_items (shequ_org_store_get_people (fixture->store)), ==, 0);
  g_clear_error (&error);

  g_assert_false (import_people (fixture->store, "name,unit_code\n张伟,371326001001\n",
                                 "cols.csv", NULL, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "role"));
}

static void
test_people_json (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ShequPerson *person;
  guint n = 0;

  import_base (fixture->store);
  g_assert_true (import_people (fixture->store,
                                "{\"people\":[{\"code\":\"P00007\",\"name\":\"刘洋\",\"phone\":\"13800000007\","
                                "\"posts\":[{\"unit_code\":\"371326001001\",\"role\":\"legal_adviser\","
                                "\"title\":\"法律顾问\"},{\"unit_code\":\"371326001002\","
                                "\"role\":\"legal_adviser\"}]},"
                                "{\"code\":\"P00008\",\"name\":\"陈静\",\"posts\":[]}]}",
                                "people.json", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  person = shequ_org_store_lookup_person_code (fixture->store, "P00007");
  g_assert_nonnull (person);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_person_get_posts (person)), ==, 2);
  g_assert_nonnull (shequ_org_store_lookup_person_code (fixture->store, "P00008"));
}

static void
test_export_write_error (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "no", "such", "dir", "u.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  import_base (fixture->store);
  g_assert_false (shequ_io_export_units (fixture->store, file, SHEQU_IO_FORMAT_CSV, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "u.csv"));
}

static void
test_import_read_error (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_false (shequ_io_import_units (fixture->store, file, SHEQU_IO_FORMAT_AUTO,
                                         SHEQU_IO_ENCODING_AUTO, NULL, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "missing.csv"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/encoding/gbk-detected", test_encoding_gbk_detected);
  g_test_add_func ("/io/encoding/invalid", test_encoding_invalid);
  g_test_add_func ("/io/encoding/explicit", test_encoding_explicit);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/io/units/bad-columns", test_units_missing_columns);
  ADD ("/io/units/bad-numbers", test_units_bad_numbers);
  ADD ("/io/units/unknown-parent", test_units_unknown_parent);
  ADD ("/io/units/duplicate-codes", test_units_duplicate_codes);
  ADD ("/io/units/cycle", test_units_cycle);
  ADD ("/io/units/excel-codes", test_units_excel_codes);
  ADD ("/io/units/wrong-tier", test_units_wrong_tier);
  ADD ("/io/units/all-listed-nothing-imported", test_units_all_listed);
  ADD ("/io/units/chinese-headers", test_units_chinese_headers);
  ADD ("/io/units/gbk-file", test_units_gbk_file);
  ADD ("/io/units/upsert-move-undo", test_units_upsert_move_undo);
  ADD ("/io/units/children-first", test_units_children_first);
  ADD ("/io/units/json", test_units_json);
  ADD ("/io/units/read-error", test_import_read_error);
  ADD ("/io/units/write-error", test_export_write_error);
  ADD ("/io/round-trip/csv", test_round_trip_csv);
  ADD ("/io/round-trip/json", test_round_trip_json);
  ADD ("/io/people/multiple-posts", test_people_multiple_posts);
  ADD ("/io/people/errors", test_people_errors);
  ADD ("/io/people/json", test_people_json);
#undef ADD

  return g_test_run ();
}
