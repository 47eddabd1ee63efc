/* test-io-import.c — an import in two steps: read in a worker thread without a store,
 * applied on the main thread against the tree */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-database.h"
#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-test-util.h"

/* A street with one community and one village, its header in Chinese. */
static const char base_units[] =
  "编码,名称,层级,上级编码,人口,户数\n"
  "371326001,平邑街道,街道,,,\n"
  "37132600101,城区东片区,片区,371326001,,\n"
  "371326001001,东阳社区,社区,37132600101,,\n"
  "371326001001001,第一网格,网格,371326001001,1200,400\n"
  "371326001002,大南泉村,村,37132600101,2500,800\n";

#define N_NEW_GRIDS 400

/* A database in a temp dir (ShequTestDir) and its store. */
typedef struct {
  ShequTestDir   tmp;
  ShequDatabase *db;
  ShequOrgStore *store;
} Fixture;

static void
fixture_open (Fixture            *fixture,
              ShequDatabaseFlags  flags)
{
  fixture->store = shequ_test_open_store (fixture->tmp.db, flags | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                          &fixture->db);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  shequ_test_dir_init (&fixture->tmp, "shequ-test-io-import-XXXXXX", "test.db");
  fixture_open (fixture, SHEQU_DATABASE_FLAGS_CREATE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->db);
  shequ_test_dir_clear (&fixture->tmp);
}

/* The database file's hash, taken with the file closed; the store is opened again. */
static char *
fixture_hash_database (Fixture *fixture)
{
  char *hash;

  g_clear_object (&fixture->store);
  g_clear_object (&fixture->db);
  hash = shequ_test_file_sha256 (fixture->tmp.db);
  fixture_open (fixture, 0);
  return hash;
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static ShequIoImport *
read_ok (ShequIoTable  table,
         const char   *text,
         const char   *filename)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bytes_of (text);
  ShequIoImport *import = shequ_io_import_read (table, bytes, filename, SHEQU_IO_FORMAT_AUTO,
                                                SHEQU_IO_ENCODING_AUTO, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  g_assert_cmpint (shequ_io_import_get_table (import), ==, table);
  return import;
}

static void
apply_ok (ShequIoImport *import,
          ShequOrgStore *store,
          guint          expected)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (shequ_io_import_apply (import, store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected);
}

static void
assert_message_has (const GError *error,
                    const char   *needle)
{
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in the message:\n%s", needle, error->message);
}

/* ------------------------------------------------------------------------------------ */
/* Read in a worker thread while the main thread edits the store                        */

static char *
make_grids_file (void)
{
  GString *text = g_string_new ("code,name,tier,parent_code,population,households\n");

  for (guint i = 0; i < N_NEW_GRIDS; i++)
    g_string_append_printf (text, "371326001001%03u,新网格%u,grid,371326001001,%u,%u\n",
                            i + 2, i + 2, 100 + i, 30 + i);
  return g_string_free (text, FALSE);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  ShequIoTable table = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "table"));
  GError *error = NULL;
  ShequIoImport *import;

  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  import = shequ_io_import_read (table, bytes, g_task_get_name (task), SHEQU_IO_FORMAT_AUTO,
                                 SHEQU_IO_ENCODING_AUTO, &error);
  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify) shequ_io_import_unref);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ShequIoImport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = g_task_propagate_pointer (G_TASK (result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static void
start_read (ShequIoTable    table,
            const char     *text,
            const char     *filename,
            ShequIoImport **out)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_read, out);

  g_task_set_name (task, filename);
  g_task_set_task_data (task, bytes_of (text), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (task), "table", GINT_TO_POINTER (table));
  g_task_run_in_thread (task, read_in_thread);
}

static void
test_read_in_thread (Fixture *fixture, gconstpointer data)
{
  g_autoptr(ShequIoImport) base = read_ok (SHEQU_IO_TABLE_UNITS, base_units, "base.csv");
  g_autofree char *grids = make_grids_file ();
  g_autoptr(ShequIoImport) units = NULL;
  g_autoptr(ShequIoImport) people = NULL;
  ShequUnit *first;
  gint64 population = 0;
  guint edits = 0;

  apply_ok (base, fixture->store, 5);
  first = shequ_org_store_lookup_code (fixture->store, "371326001001001");

  start_read (SHEQU_IO_TABLE_UNITS, grids, "grids.csv", &units);
  start_read (SHEQU_IO_TABLE_PEOPLE,
              "person_code,name,phone,unit_code,role,title\n"
              "P0001,张伟,13800000001,371326001001002,grid_worker,\n"
              "P0002,李娜,13800000002,371326001001,secretary,书记\n",
              "people.csv", &people);
  /* The main thread keeps writing to the store the whole time the files are read. */
  while (units == NULL || people == NULL || edits < 3)
    {
      g_autoptr(GError) error = NULL;

      population = 1000 + edits++;
      g_assert_true (shequ_org_store_set_figures (fixture->store, first, population, 10, &error));
      g_assert_no_error (error);
      g_main_context_iteration (NULL, FALSE);
    }

  g_test_message ("%u edits while the files were read", edits);
  g_assert_cmpuint (shequ_io_import_get_n_records (units), ==, N_NEW_GRIDS);
  g_assert_cmpuint (shequ_io_import_get_n_records (people), ==, 2);
  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, 5);

  apply_ok (units, fixture->store, N_NEW_GRIDS);
  apply_ok (people, fixture->store, 2);
  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, 5 + N_NEW_GRIDS);
  g_assert_cmpint (shequ_unit_get_population (first), ==, population);
  g_assert_cmpint (shequ_unit_get_population (shequ_org_store_lookup_code (fixture->store,
                                                                           "371326001001401")),
                   ==, 499);
  g_assert_nonnull (shequ_org_store_lookup_person_code (fixture->store, "P0001"));
  g_assert_cmpstr (shequ_org_store_get_undo_label (fixture->store), ==, "Import people");
}

/* ------------------------------------------------------------------------------------ */
/* What _read refuses, with no store at all                                             */

typedef struct {
  ShequIoTable  table;
  const char   *filename;
  const char   *text;
  int           code;
  const char   *needle;
} BadFile;

static void
test_read_errors (void)
{
  g_autofree char *deep = NULL;
  g_autoptr(GString) nested = g_string_new ("{\"units\":");
  const BadFile files[] = {
    { SHEQU_IO_TABLE_UNITS, "empty.csv", "", SHEQU_IO_ERROR_FORMAT, "empty.csv: the file is empty" },
    { SHEQU_IO_TABLE_UNITS, "cols.csv", "code,name\n1,a\n", SHEQU_IO_ERROR_FORMAT,
      "cols.csv\nLine 1: the header row lacks the column tier" },
    { SHEQU_IO_TABLE_UNITS, "twice.csv", "code,name,tier,name\n1,a,street,b\n",
      SHEQU_IO_ERROR_FORMAT, "appears twice" },
    { SHEQU_IO_TABLE_UNITS, "quote.csv", "code,name,tier\n1,\"a,street\n",
      SHEQU_IO_ERROR_FORMAT, "quote.csv" },
    { SHEQU_IO_TABLE_UNITS, "parent.csv", "code,name,tier\n1,a,street\n11,b,area\n",
      SHEQU_IO_ERROR_FORMAT, "parent_code" },
    { SHEQU_IO_TABLE_UNITS, "bad.json", "{\"units\": [", SHEQU_IO_ERROR_FORMAT,
      "not valid JSON" },
    { SHEQU_IO_TABLE_UNITS, "shape.json", "{\"people\": []}", SHEQU_IO_ERROR_FORMAT,
      "expected a JSON object with an array “units”" },
    { SHEQU_IO_TABLE_PEOPLE, "p.csv", "name,unit_code\n张伟,371326001001\n",
      SHEQU_IO_ERROR_FORMAT, "role" },
    { SHEQU_IO_TABLE_PEOPLE, "p.csv", "name,unit_code,role\n\xff\xfe\xfd,1,cadre\n",
      SHEQU_IO_ERROR_ENCODING, "p.csv" },
    { SHEQU_IO_TABLE_UNITS, "deep.json", NULL, SHEQU_IO_ERROR_FORMAT, "nested more than" },
  };

  for (guint i = 0; i < 200; i++)
    g_string_append_c (nested, '[');
  deep = g_string_free (g_steal_pointer (&nested), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = bytes_of (files[i].text != NULL ? files[i].text : deep);
      g_autoptr(ShequIoImport) import = NULL;
      ShequIoEncoding encoding = files[i].code == SHEQU_IO_ERROR_ENCODING
        ? SHEQU_IO_ENCODING_UTF8 : SHEQU_IO_ENCODING_AUTO;

      import = shequ_io_import_read (files[i].table, bytes, files[i].filename,
                                     SHEQU_IO_FORMAT_AUTO, encoding, &error);
      g_assert_null (import);
      g_assert_error (error, SHEQU_IO_ERROR, files[i].code);
      assert_message_has (error, files[i].needle);
    }
}

/* Bad values are found by _read, and listed by _apply with the tree's problems: one
 * message still names every bad line. */
static void
test_read_keeps_line_problems (Fixture *fixture, gconstpointer data)
{
  g_autoptr(ShequIoImport) base = read_ok (SHEQU_IO_TABLE_UNITS, base_units, "base.csv");
  g_autoptr(ShequIoImport) import = NULL;
  g_autoptr(GError) error = NULL;

  import = read_ok (SHEQU_IO_TABLE_UNITS,
                    "code,name,tier,parent_code,population\n"
                    "371326001003,好村,village,37132600101,abc\n"
                    "371326001004,无上级,village,371326009999,1\n"
                    "371326001003,重复,village,37132600101,1\n",
                    "lines.csv");
  g_assert_cmpuint (shequ_io_import_get_n_records (import), ==, 3);

  apply_ok (base, fixture->store, 5);
  g_assert_false (shequ_io_import_apply (import, fixture->store, NULL, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  assert_message_has (error, "lines.csv: nothing was imported; fix these 3 problems");
  assert_message_has (error, "\nLine 2: population is not a whole number ≥ 0 (“abc”)");
  assert_message_has (error, "\nLine 3: the parent code “371326009999” is neither in this file "
                             "nor in the database");
  assert_message_has (error, "\nLine 4: the code “371326001003” is already used on line 2");
  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, 5);

  /* A reference taken and dropped leaves the import whole. */
  shequ_io_import_unref (shequ_io_import_ref (import));
  g_clear_error (&error);
  g_assert_false (shequ_io_import_apply (import, fixture->store, NULL, &error));
  assert_message_has (error, "fix these 3 problems");
}

/* ------------------------------------------------------------------------------------ */
/* What _apply refuses: the file against the tree                                       */

static void
test_apply_errors_keep_database (Fixture *fixture, gconstpointer data)
{
  g_autoptr(ShequIoImport) base = read_ok (SHEQU_IO_TABLE_UNITS, base_units, "base.csv");
  g_autoptr(ShequIoImport) orphan = NULL;
  g_autoptr(ShequIoImport) figures = NULL;
  g_autoptr(ShequIoImport) posts = NULL;
  g_autoptr(ShequIoImport) parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n = 42;

  /* Each of these files is fine on its own. */
  orphan = read_ok (SHEQU_IO_TABLE_UNITS,
                    "code,name,tier,parent_code\n"
                    "371326001003,新村,village,37132600101\n"
                    "371326001099001,孤网格,grid,371326001099\n",
                    "orphan.csv");
  figures = read_ok (SHEQU_IO_TABLE_UNITS,
                     "code,name,tier,parent_code,population,households\n"
                     "371326001001,东阳社区,community,37132600101,5000,1000\n",
                     "figures.csv");
  posts = read_ok (SHEQU_IO_TABLE_PEOPLE,
                   "name,unit_code,role\n张伟,371326001009,secretary\n", "posts.csv");

  apply_ok (base, fixture->store, 5);
  before = fixture_hash_database (fixture);

  g_assert_false (shequ_io_import_apply (orphan, fixture->store, &n, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  assert_message_has (error, "\nLine 3: the parent code “371326001099” is neither");
  g_assert_cmpuint (n, ==, 42);
  g_clear_error (&error);

  g_assert_false (shequ_io_import_apply (figures, fixture->store, NULL, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  assert_message_has (error, "\nLine 2: this unit has sub-units (such as “第一网格”)");
  g_clear_error (&error);

  g_assert_false (shequ_io_import_apply (posts, fixture->store, NULL, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  assert_message_has (error, "\nLine 2: the unit code “371326001009” is not in the database");
  g_clear_error (&error);

  g_assert_cmpuint (shequ_org_store_get_n_units (fixture->store), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_org_store_get_people (fixture->store)), ==, 0);
  g_assert_null (shequ_org_store_lookup_code (fixture->store, "371326001003"));
  after = fixture_hash_database (fixture);
  g_assert_cmpstr (before, ==, after);

  /* The same import, read once, goes in when the tree has what it lacked. */
  parent = read_ok (SHEQU_IO_TABLE_UNITS,
                    "code,name,tier,parent_code\n371326001099,北社区,community,37132600101\n",
                    "parent.csv");
  apply_ok (parent, fixture->store, 1);
  apply_ok (orphan, fixture->store, 2);
  g_assert_nonnull (shequ_org_store_lookup_code (fixture->store, "371326001099001"));
}

/* ------------------------------------------------------------------------------------ */
/* The one-call wrappers: read and apply, the same outcome                              */

static gboolean
import_in_two_steps (ShequIoTable    table,
                     ShequOrgStore  *store,
                     GBytes         *bytes,
                     const char     *filename,
                     guint          *n,
                     GError        **error)
{
  g_autoptr(ShequIoImport) import = NULL;

  import = shequ_io_import_read (table, bytes, filename, SHEQU_IO_FORMAT_AUTO,
                                 SHEQU_IO_ENCODING_AUTO, error);
  return import != NULL && shequ_io_import_apply (import, store, n, error);
}

static void
test_wrappers_same (Fixture *fixture, gconstpointer data)
{
  g_autofree char *other_path = g_build_filename (fixture->tmp.dir, "other.db", NULL);
  g_autoptr(ShequDatabase) other_db = NULL;
  g_autoptr(ShequOrgStore) other = shequ_test_open_store (other_path,
                                                          SHEQU_DATABASE_FLAGS_CREATE |
                                                          SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                                          &other_db);
  const struct {
    ShequIoTable  table;
    const char   *filename;
    const char   *text;
  } files[] = {
    { SHEQU_IO_TABLE_UNITS, "base.csv", base_units },
    { SHEQU_IO_TABLE_UNITS, "bad.csv", "code,name,tier,parent_code,population\n"
                                       ",无编码,village,37132600101,1\n"
                                       "371326001006,无上级,village,371326009999,x\n" },
    { SHEQU_IO_TABLE_UNITS, "empty.csv", "" },
    { SHEQU_IO_TABLE_UNITS, "more.json",
      "{\"units\":[{\"code\":\"371326001003\",\"name\":\"新村\",\"tier\":\"village\","
      "\"parent_code\":\"37132600101\",\"population\":12}]}" },
    { SHEQU_IO_TABLE_PEOPLE, "people.csv", "name,phone,unit_code,role\n"
                                           "张伟,13800000001,371326001001,secretary\n"
                                           "张伟,13800000001,371326001002,cadre\n" },
    { SHEQU_IO_TABLE_PEOPLE, "bad-people.csv", "name,unit_code,role\n,371326001001,boss\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) bytes = bytes_of (files[i].text);
      g_autoptr(GError) wrapped_error = NULL;
      g_autoptr(GError) stepped_error = NULL;
      guint wrapped_n = 0, stepped_n = 0;
      gboolean wrapped, stepped;
      ShequOrgStats wrapped_stats, stepped_stats;

      if (files[i].table == SHEQU_IO_TABLE_UNITS)
        wrapped = shequ_io_import_units_from_bytes (fixture->store, bytes, files[i].filename,
                                                    SHEQU_IO_FORMAT_AUTO, SHEQU_IO_ENCODING_AUTO,
                                                    &wrapped_n, &wrapped_error);
      else
        wrapped = shequ_io_import_people_from_bytes (fixture->store, bytes, files[i].filename,
                                                     SHEQU_IO_FORMAT_AUTO, SHEQU_IO_ENCODING_AUTO,
                                                     &wrapped_n, &wrapped_error);
      stepped = import_in_two_steps (files[i].table, other, bytes, files[i].filename, &stepped_n,
                                     &stepped_error);

      g_assert_cmpint (wrapped, ==, stepped);
      g_assert_cmpuint (wrapped_n, ==, stepped_n);
      if (wrapped)
        g_assert_no_error (stepped_error);
      else
        {
          g_assert_nonnull (wrapped_error);
          g_assert_error (stepped_error, wrapped_error->domain, wrapped_error->code);
          g_assert_cmpstr (stepped_error->message, ==, wrapped_error->message);
        }
      shequ_org_store_get_stats (fixture->store, &wrapped_stats);
      shequ_org_store_get_stats (other, &stepped_stats);
      g_assert_cmpmem (&wrapped_stats, sizeof wrapped_stats, &stepped_stats, sizeof stepped_stats);
    }
  g_assert_cmpuint (shequ_org_store_get_n_units (other), ==, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/import/read-errors", test_read_errors);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/io/import/read-in-thread", test_read_in_thread);
  ADD ("/io/import/read-keeps-line-problems", test_read_keeps_line_problems);
  ADD ("/io/import/apply-errors-keep-database", test_apply_errors_keep_database);
  ADD ("/io/import/wrappers-same", test_wrappers_same);
#undef ADD

  return g_test_run ();
}
