/* test-sample.c — the Pingyi Street sample: the data files and what they build */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-io.h"
#include "shequ-sample.h"

typedef struct {
  char          *dir;
  ShequDatabase *db;
  ShequOrgStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("shequ-sample-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "sample.db", NULL);
  f->db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  f->store = shequ_org_store_new (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_sample_populate (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  g_free (f->dir);
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  ShequOrgStats stats;
  ShequUnit *street = shequ_org_store_get_street (f->store);

  shequ_org_store_get_stats (f->store, &stats);
  g_assert_cmpuint (stats.areas, ==, 4);
  g_assert_cmpuint (stats.communities, ==, 27);
  g_assert_cmpuint (stats.villages, ==, 56);
  g_assert_cmpuint (stats.communities + stats.villages, ==, 83);
  g_assert_cmpuint (stats.grids, >, 27);
  g_assert_cmpint (stats.population, ==, 226000);
  g_assert_cmpint (stats.households, >=, 70000);

  g_assert_nonnull (street);
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "平邑街道");
  g_assert_cmpstr (shequ_unit_get_code (street), ==, "371326001");
  g_assert_cmpstr (shequ_unit_get_party_body (street), ==, "平邑街道党工委");
  g_assert_cmpint (shequ_unit_get_total_population (street), ==, 226000);
  g_assert_cmpuint (shequ_unit_get_n_children (street), ==, 4);
}

static ShequUnit *
find_by_name (ShequOrgStore *store,
              const char    *name)
{
  GPtrArray *units = shequ_org_store_get_units (store);

  for (guint i = 0; i < units->len; i++)
    if (g_strcmp0 (shequ_unit_get_name (g_ptr_array_index (units, i)), name) == 0)
      return g_ptr_array_index (units, i);
  return NULL;
}

static void
test_real_names (Fixture       *f,
                 gconstpointer  data)
{
  const struct { const char *name; ShequTier tier; } real[] = {
    { "宗圣社区", SHEQU_TIER_COMMUNITY },
    { "邑东府邸社区", SHEQU_TIER_COMMUNITY },
    { "大南泉村", SHEQU_TIER_VILLAGE },
    { "胡同村", SHEQU_TIER_VILLAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (real); i++)
    {
      ShequUnit *unit = find_by_name (f->store, real[i].name);

      g_assert_nonnull (unit);
      g_assert_cmpint (shequ_unit_get_tier (unit), ==, real[i].tier);
      g_assert_cmpint (shequ_unit_get_tier (shequ_unit_get_parent (unit)), ==, SHEQU_TIER_AREA);
    }
}

static void
test_structure (Fixture       *f,
                gconstpointer  data)
{
  GPtrArray *units = shequ_org_store_get_units (f->store);
  guint invented = 0;

  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i);
      ShequUnit *parent = shequ_unit_get_parent (unit);
      const char *code = shequ_unit_get_code (unit);
      guint expected_len[] = { 9, 11, 12, 12, 15 };
      guint legal = 0;
      GListModel *posts = shequ_org_store_get_unit_posts (f->store, unit);

      g_assert_cmpuint (strlen (code), ==, expected_len[shequ_unit_get_tier (unit)]);
      g_assert_true (g_str_has_prefix (code, "371326001"));
      if (shequ_unit_get_tier (unit) == SHEQU_TIER_GRID)
        g_assert_true (g_str_has_prefix (code, shequ_unit_get_code (parent)));

      /* Figures live on leaves only. */
      if (shequ_unit_get_n_children (unit) > 0)
        g_assert_cmpint (shequ_unit_get_population (unit), ==, 0);
      else if (shequ_unit_get_tier (unit) >= SHEQU_TIER_VILLAGE)
        g_assert_cmpint (shequ_unit_get_population (unit), >, 0);
      if (shequ_unit_get_tier (unit) == SHEQU_TIER_VILLAGE)
        g_assert_cmpuint (shequ_unit_get_n_children (unit), ==, 0);
      if (shequ_unit_get_tier (unit) == SHEQU_TIER_COMMUNITY)
        g_assert_cmpuint (shequ_unit_get_grid_count (unit), >=, 3);

      /* 一村一顾问: one legal adviser at each village and community, but one. */
      for (guint p = 0; p < g_list_model_get_n_items (posts); p++)
        {
          g_autoptr(ShequPost) post = g_list_model_get_item (posts, p);
          legal += shequ_post_get_role (post) == SHEQU_ROLE_LEGAL_ADVISER;
        }
      if (shequ_unit_is_checked (unit))
        g_assert_cmpuint (legal, ==, g_strcmp0 (shequ_unit_get_name (unit), "石井村") == 0 ? 0 : 1);

      invented += g_strcmp0 (shequ_unit_get_note (unit), "示例数据") == 0;
      g_assert_cmpstr (shequ_unit_get_leader (unit), !=, "");
    }
  /* Everything but the street and the four names from the public report is marked. */
  g_assert_cmpuint (invented, ==, units->len - 5);
}

static void
test_violations (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *violations = shequ_org_store_get_violations (f->store);
  const char *expected[][2] = {
    { "振兴社区", "Mediators 4/5" },
    { "和平社区", "Mediators 2/3" },
    { "兴隆庄村", "Mediators 3/5" },
    { "柳行村", "Mediators 2/3" },
    { "魏家庄村", "Mediators 4/5" },
    { "石井村", "No legal adviser" },
  };

  g_assert_cmpuint (g_list_model_get_n_items (violations), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(ShequUnit) unit = g_list_model_get_item (violations, i);

      g_assert_cmpstr (shequ_unit_get_name (unit), ==, expected[i][0]);
      g_assert_cmpstr (shequ_unit_get_compliance_text (unit), ==, expected[i][1]);
    }
}

static void
test_people (Fixture       *f,
             gconstpointer  data)
{
  GListModel *people = shequ_org_store_get_people (f->store);
  guint multi = 0;
  ShequOrgStats stats;

  shequ_org_store_get_stats (f->store, &stats);
  g_assert_cmpuint (stats.people, ==, g_list_model_get_n_items (people));
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);
      multi += g_list_model_get_n_items (shequ_person_get_posts (person)) > 1;
    }
  /* 一人多岗 is shown in the sample. */
  g_assert_cmpuint (multi, >, 10);
  g_assert_cmpuint (stats.role_counts[SHEQU_ROLE_LEGAL_ADVISER], ==, 82);
  /* data/sample/README.md: 1,332 people, 5 of them the evaluation's assessors. */
  g_assert_cmpuint (stats.people, ==, 1332);
  g_assert_cmpuint (stats.role_counts[SHEQU_ROLE_ASSESSOR], ==, 5);
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "again.db", NULL);
  g_autofree char *export1 = g_build_filename (f->dir, "one.csv", NULL);
  g_autofree char *export2 = g_build_filename (f->dir, "two.csv", NULL);
  g_autoptr(GFile) file1 = g_file_new_for_path (export1);
  g_autoptr(GFile) file2 = g_file_new_for_path (export2);
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  store = shequ_org_store_new (db, &error);
  g_assert_true (shequ_sample_populate (store, &error));
  g_assert_no_error (error);

  g_assert_true (shequ_io_export_units (f->store, file1, SHEQU_IO_FORMAT_CSV, &error));
  g_assert_true (shequ_io_export_units (store, file2, SHEQU_IO_FORMAT_CSV, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (export1, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (export2, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);

  /* A second sample into the same database is refused. */
  g_assert_false (shequ_sample_populate (store, &error));
  g_assert_nonnull (error);
}

/* The map comes with the sample, and reads back from the file as it went in. */
static void
test_map_reopened (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) places_again = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *units = shequ_org_store_get_units (f->store);
  guint compounds = 0;

  g_assert_cmpuint (shequ_org_store_get_n_boundaries (f->store), ==, units->len);
  places = shequ_org_store_get_places (f->store);
  g_assert_cmpuint (places->len, >, units->len);

  store = shequ_org_store_new (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_boundaries (store), ==, units->len);
  places_again = shequ_org_store_get_places (store);
  g_assert_cmpuint (places_again->len, ==, places->len);
  for (guint i = 0; i < places_again->len; i++)
    {
      const ShequPlaceRow *a = g_ptr_array_index (places, i);
      const ShequPlaceRow *b = g_ptr_array_index (places_again, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpint (a->unit_id, ==, b->unit_id);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpfloat (a->lon, ==, b->lon);
      g_assert_cmpfloat (a->lat, ==, b->lat);
      compounds += b->kind == SHEQU_PLACE_COMPOUND;
    }
  g_assert_cmpuint (compounds, ==, 57);
  for (guint i = 0; i < units->len; i++)
    {
      gint64 id = shequ_unit_get_id (g_ptr_array_index (units, i));

      g_assert_cmpuint (shequ_geo_shape_get_n_points (shequ_org_store_get_boundary (store, id)), ==,
                        shequ_geo_shape_get_n_points (shequ_org_store_get_boundary (f->store, id)));
    }
}

static void
test_data_files (void)
{
  g_autofree char *dir = shequ_sample_find_dir ();
  const char *names[] = { "units.csv", "people.csv" };

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_true (g_utf8_validate (contents, len, NULL));
      g_assert_null (strchr (contents, '\r'));
      g_assert_true (g_str_has_prefix (contents, i == 0 ? "code,name,tier,parent_code,"
                                                        : "person_code,name,phone,unit_code,role,"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sample/data-files", test_data_files);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sample/totals", test_totals);
  ADD ("/sample/real-names", test_real_names);
  ADD ("/sample/structure", test_structure);
  ADD ("/sample/violations", test_violations);
  ADD ("/sample/people", test_people);
  ADD ("/sample/deterministic", test_deterministic);
  ADD ("/sample/map-reopened", test_map_reopened);
#undef ADD

  return g_test_run ();
}
