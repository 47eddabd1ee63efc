/* test-org.c — the organisation tree: roll-ups, compliance, moves, undo, search */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-org-store.h"

typedef struct {
  char          *dir;
  char          *path;
  ShequDatabase *db;
  ShequOrgStore *store;
  ShequUnit     *street;
  ShequUnit     *area;
  ShequUnit     *area2;
  ShequUnit     *community;   /* two grids */
  ShequUnit     *grid1;
  ShequUnit     *grid2;
  ShequUnit     *village;
} Fixture;

static ShequUnit *
add (Fixture    *f,
     ShequUnit  *parent,
     ShequTier   tier,
     const char *name)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *unit = shequ_org_store_add_unit_full (f->store, parent, tier, name, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (unit);
  return unit;
}

static void
set_figures (Fixture   *f,
             ShequUnit *unit,
             gint64     population,
             gint64     households)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_org_store_set_figures (f->store, unit, population, households, &error));
  g_assert_no_error (error);
}

static ShequPost *
add_person (Fixture    *f,
            ShequUnit  *unit,
            const char *name,
            ShequRole   role)
{
  g_autoptr(GError) error = NULL;
  ShequPost *post = shequ_org_store_add_person_post (f->store, unit, name, "13800000000", role,
                                                     NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);
  return post;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("shequ-org-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "org.db", NULL);
  f->db = shequ_database_open (f->path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  f->store = shequ_org_store_new (f->db, &error);
  g_assert_no_error (error);

  {
    ShequOrgChange *change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "street");
    ShequUnitRow *row = shequ_unit_row_new ();

    row->id = shequ_org_store_allocate_unit_id (f->store);
    row->tier = SHEQU_TIER_STREET;
    row->code = g_strdup ("371326001");
    row->name = g_strdup ("平邑街道");
    shequ_org_change_put_unit (change, row);
    g_assert_true (shequ_org_store_apply (f->store, change, &error));
  }
  f->street = shequ_org_store_get_street (f->store);
  f->area = add (f, f->street, SHEQU_TIER_AREA, "城区东片区");
  f->area2 = add (f, f->street, SHEQU_TIER_AREA, "浚河片区");
  f->community = add (f, f->area, SHEQU_TIER_COMMUNITY, "宗圣社区");
  f->grid1 = add (f, f->community, SHEQU_TIER_GRID, "第一网格");
  f->grid2 = add (f, f->community, SHEQU_TIER_GRID, "第二网格");
  f->village = add (f, f->area2, SHEQU_TIER_VILLAGE, "大南泉村");
  set_figures (f, f->grid1, 1800, 560);
  set_figures (f, f->grid2, 1500, 470);
  set_figures (f, f->village, 2100, 650);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_codes (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpstr (shequ_unit_get_code (f->area), ==, "37132600101");
  g_assert_cmpstr (shequ_unit_get_code (f->area2), ==, "37132600102");
  g_assert_cmpstr (shequ_unit_get_code (f->community), ==, "371326001001");
  g_assert_cmpstr (shequ_unit_get_code (f->village), ==, "371326001002");
  g_assert_cmpstr (shequ_unit_get_code (f->grid1), ==, "371326001001001");
  g_assert_cmpstr (shequ_unit_get_code (f->grid2), ==, "371326001001002");
  g_assert_true (shequ_org_store_lookup_code (f->store, "371326001001002") == f->grid2);
  g_assert_cmpstr (shequ_unit_get_party_body (f->community), ==, "宗圣社区党总支");
  g_assert_cmpstr (shequ_unit_get_service_body (f->community), ==, "宗圣社区居委会");
}

static void
test_rollups (Fixture       *f,
              gconstpointer  data)
{
  ShequOrgStats stats;

  g_assert_cmpint (shequ_unit_get_total_population (f->community), ==, 3300);
  g_assert_cmpint (shequ_unit_get_total_households (f->community), ==, 1030);
  g_assert_cmpuint (shequ_unit_get_grid_count (f->community), ==, 2);
  g_assert_cmpint (shequ_unit_get_total_population (f->area), ==, 3300);
  g_assert_cmpint (shequ_unit_get_total_population (f->street), ==, 5400);
  g_assert_cmpuint (shequ_unit_get_grid_count (f->street), ==, 2);

  set_figures (f, f->grid2, 1600, 500);
  g_assert_cmpint (shequ_unit_get_total_population (f->area), ==, 3400);
  g_assert_cmpint (shequ_unit_get_total_households (f->street), ==, 560 + 500 + 650);

  add_person (f, f->grid1, "王建国", SHEQU_ROLE_MEDIATOR);
  add_person (f, f->community, "李秀英", SHEQU_ROLE_MEDIATOR);
  add_person (f, f->community, "张志强", SHEQU_ROLE_SECRETARY);
  g_assert_cmpuint (shequ_unit_get_role_count (f->community, SHEQU_ROLE_MEDIATOR), ==, 2);
  g_assert_cmpuint (shequ_unit_get_role_count (f->street, SHEQU_ROLE_MEDIATOR), ==, 2);
  g_assert_cmpstr (shequ_unit_get_leader (f->community), ==, "张志强");

  shequ_org_store_get_stats (f->store, &stats);
  g_assert_cmpuint (stats.areas, ==, 2);
  g_assert_cmpuint (stats.communities, ==, 1);
  g_assert_cmpuint (stats.villages, ==, 1);
  g_assert_cmpuint (stats.grids, ==, 2);
  g_assert_cmpint (stats.population, ==, 1800 + 1600 + 2100);
  g_assert_cmpuint (stats.people, ==, 3);
}

static void
test_rollups_survive_reload (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequOrgStore) again = NULL;
  ShequUnit *community;

  add_person (f, f->grid1, "王建国", SHEQU_ROLE_MEDIATOR);
  again = shequ_org_store_new (f->db, &error);
  g_assert_no_error (error);
  community = shequ_org_store_lookup_code (again, "371326001001");
  g_assert_nonnull (community);
  g_assert_cmpint (shequ_unit_get_total_population (community), ==, 3300);
  g_assert_cmpuint (shequ_unit_get_role_count (community, SHEQU_ROLE_MEDIATOR), ==, 1);
  g_assert_cmpuint (shequ_unit_get_n_children (community), ==, 2);
  g_assert_cmpuint (shequ_org_store_get_n_units (again), ==, 7);
}

static void
test_compliance (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *violations = shequ_org_store_get_violations (f->store);

  /* 3,300 residents: 5 mediators needed; none yet, and no legal adviser. */
  g_assert_false (shequ_unit_get_compliant (f->community));
  g_assert_nonnull (strstr (shequ_unit_get_compliance_text (f->community), "0/5"));
  g_assert_nonnull (strstr (shequ_unit_get_compliance_text (f->community), "legal adviser"));
  g_assert_nonnull (strstr (shequ_unit_get_compliance_text (f->village), "0/3"));
  g_assert_cmpuint (g_list_model_get_n_items (violations), ==, 2);
  g_assert_true (shequ_unit_get_compliant (f->grid1));  /* grids are not checked */

  /* Mediators of the community's grids count toward it. */
  for (guint i = 0; i < 3; i++)
    add_person (f, f->grid1, "网格调解员", SHEQU_ROLE_MEDIATOR);
  add_person (f, f->grid2, "调解员四", SHEQU_ROLE_MEDIATOR);
  add_person (f, f->community, "律师", SHEQU_ROLE_LEGAL_ADVISER);
  g_assert_cmpstr (shequ_unit_get_compliance_text (f->community), ==, "Mediators 4/5");

  /* Falling to 3,000 residents lowers the requirement to 3. */
  set_figures (f, f->grid2, 1200, 400);
  g_assert_true (shequ_unit_get_compliant (f->community));
  g_assert_cmpstr (shequ_unit_get_compliance_text (f->community), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (violations), ==, 1);
  g_assert_true (g_list_model_get_item (violations, 0) == (gpointer)f->village);
  g_object_unref (f->village);
}

static void
test_move_refuses_cycle (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequUnit) hold = g_object_ref (f->area);

  g_assert_false (shequ_org_store_move_unit (f->store, f->area, f->area, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE);
  g_clear_error (&error);

  /* Through a raw change too: the area under its own grid. */
  {
    ShequOrgChange *change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "cycle");
    ShequUnitRow *row = shequ_unit_to_row (f->area);

    row->parent_id = shequ_unit_get_id (f->grid1);
    shequ_org_change_put_unit (change, row);
    g_assert_false (shequ_org_store_apply (f->store, change, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  {
    ShequOrgChange *change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "loop");
    ShequUnitRow *a = shequ_unit_to_row (f->area);

    /* The area turned grid under its own community: a loop of parents. */
    a->parent_id = shequ_unit_get_id (f->community);
    a->tier = SHEQU_TIER_GRID;
    shequ_org_change_put_unit (change, a);
    g_assert_false (shequ_org_store_apply (f->store, change, &error));
    g_assert_nonnull (error);
  }
  g_assert_true (shequ_unit_get_parent (f->area) == f->street);
  g_assert_true (shequ_unit_get_parent (f->community) == f->area);
}

static void
test_move_refuses_tier (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (shequ_org_store_move_unit (f->store, f->grid1, f->village, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER);
  g_clear_error (&error);
  g_assert_false (shequ_org_store_move_unit (f->store, f->community, f->street, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER);
  g_clear_error (&error);
  g_assert_null (shequ_org_store_add_unit (f->store, f->village, "不行", FALSE, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER);
}

static void
test_move_updates_rollups (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *code = shequ_unit_get_code (f->community);
  g_autofree char *code_before = g_strdup (code);

  g_assert_true (shequ_org_store_move_unit (f->store, f->community, f->area2, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_unit_get_parent (f->community) == f->area2);
  g_assert_cmpint (shequ_unit_get_total_population (f->area), ==, 0);
  g_assert_cmpint (shequ_unit_get_total_population (f->area2), ==, 5400);
  /* Codes are stable identifiers: kept on a move. */
  g_assert_cmpstr (shequ_unit_get_code (f->community), ==, code_before);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_unit_get_children (f->area2)), ==, 2);

  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_true (shequ_unit_get_parent (f->community) == f->area);
  g_assert_cmpint (shequ_unit_get_total_population (f->area), ==, 3300);
}

static void
test_negative_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (shequ_org_store_set_figures (f->store, f->grid1, -5, 10, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NEGATIVE);
  g_clear_error (&error);
  g_assert_false (shequ_org_store_set_figures (f->store, f->community, 10, 10, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_LEAF);
  g_assert_cmpint (shequ_unit_get_population (f->grid1), ==, 1800);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequOrgStore) reloaded = NULL;
  gint64 community_id = shequ_unit_get_id (f->community);

  add_person (f, f->grid1, "王建国", SHEQU_ROLE_MEDIATOR);
  g_assert_true (shequ_org_store_delete_unit (f->store, f->community, &error));
  g_assert_no_error (error);
  g_assert_null (shequ_org_store_lookup_unit (f->store, community_id));
  g_assert_null (shequ_org_store_lookup_code (f->store, "371326001001001"));
  g_assert_cmpuint (shequ_org_store_get_n_units (f->store), ==, 4);
  g_assert_cmpint (shequ_unit_get_total_population (f->street), ==, 2100);
  g_assert_true (shequ_org_store_get_can_undo (f->store));
  g_assert_cmpstr (shequ_org_store_get_undo_label (f->store), ==, "Delete “宗圣社区”");

  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (f->store), ==, 7);
  g_assert_cmpint (shequ_unit_get_total_population (f->street), ==, 5400);
  f->community = shequ_org_store_lookup_unit (f->store, community_id);
  g_assert_nonnull (f->community);
  g_assert_cmpuint (shequ_unit_get_role_count (f->community, SHEQU_ROLE_MEDIATOR), ==, 1);

  /* The database agrees with memory. */
  reloaded = shequ_org_store_new (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_org_store_get_n_units (reloaded), ==, 7);
  g_assert_cmpint (shequ_unit_get_total_population (shequ_org_store_get_street (reloaded)), ==, 5400);

  g_assert_true (shequ_org_store_redo (f->store, &error));
  g_assert_cmpuint (shequ_org_store_get_n_units (f->store), ==, 4);
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_cmpuint (shequ_org_store_get_n_units (f->store), ==, 7);
}

static void
test_failed_change_leaves_everything (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequOrgChange *change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "bad");
  ShequUnitRow *good = shequ_unit_to_row (f->grid1);
  ShequUnitRow *dup = shequ_unit_to_row (f->grid2);

  /* One good row, one with a taken code: nothing may change. */
  good->population = 9999;
  g_free (dup->code);
  dup->code = g_strdup (shequ_unit_get_code (f->village));
  shequ_org_change_put_unit (change, good);
  shequ_org_change_put_unit (change, dup);
  g_assert_false (shequ_org_store_apply (f->store, change, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_DUPLICATE_CODE);
  g_assert_cmpint (shequ_unit_get_population (f->grid1), ==, 1800);

  {
    g_autoptr(ShequOrgStore) reloaded = shequ_org_store_new (f->db, NULL);
    g_assert_cmpint (shequ_unit_get_population (shequ_org_store_lookup_code (reloaded,
                                                "371326001001001")), ==, 1800);
  }
}

static void
test_move_figures_to_first_child (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *community = add (f, f->area, SHEQU_TIER_COMMUNITY, "邑东府邸社区");
  ShequUnit *grid;

  set_figures (f, community, 4000, 1300);
  g_assert_true (shequ_org_store_should_ask_move_figures (f->store, community));
  grid = shequ_org_store_add_unit (f->store, community, "第一网格", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shequ_unit_get_population (grid), ==, 4000);
  g_assert_cmpint (shequ_unit_get_population (community), ==, 0);
  g_assert_cmpint (shequ_unit_get_total_population (community), ==, 4000);
  g_assert_false (shequ_org_store_should_ask_move_figures (f->store, community));

  /* One undo step brings both back. */
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_cmpint (shequ_unit_get_population (community), ==, 4000);
  g_assert_cmpuint (shequ_unit_get_n_children (community), ==, 0);
}

static void
test_people_posts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequPost *post = add_person (f, f->community, "魏德明", SHEQU_ROLE_SECRETARY);
  ShequPerson *person = shequ_post_get_person (post);
  ShequPost *second;

  /* 一人多岗: a second post for the same person. */
  second = shequ_org_store_add_post (f->store, person, f->grid1, SHEQU_ROLE_GRID_WORKER,
                                     "专职网格员", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_person_get_posts (person)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_org_store_get_unit_posts (f->store, f->grid1)), ==, 1);

  g_assert_true (shequ_org_store_update_post (f->store, post, "魏德民", NULL,
                                              SHEQU_ROLE_SECRETARY, "党总支书记", &error));
  g_assert_cmpstr (shequ_unit_get_leader (f->community), ==, "魏德民");

  g_assert_true (shequ_org_store_remove_post (f->store, second, &error));
  g_assert_nonnull (shequ_org_store_lookup_person (f->store, shequ_person_get_id (person)));
  g_assert_true (shequ_org_store_remove_post (f->store, post, &error));
  g_assert_cmpuint (g_list_model_get_n_items (shequ_org_store_get_people (f->store)), ==, 0);
  g_assert_cmpstr (shequ_unit_get_leader (f->community), ==, "");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  guint start, end;

  add_person (f, f->grid2, "颜秀英", SHEQU_ROLE_GRID_WORKER);

  g_assert_cmpuint (shequ_org_store_search (f->store, "大南泉"), ==, 1);
  g_assert_true (shequ_org_store_is_searching (f->store));
  g_assert_cmpint (shequ_org_store_get_search_state (f->store, f->village), ==, SHEQU_SEARCH_MATCH);
  g_assert_cmpint (shequ_org_store_get_search_state (f->store, f->area2), ==, SHEQU_SEARCH_ANCESTOR);
  g_assert_cmpint (shequ_org_store_get_search_state (f->store, f->street), ==, SHEQU_SEARCH_ANCESTOR);
  g_assert_cmpint (shequ_org_store_get_search_state (f->store, f->community), ==, SHEQU_SEARCH_NONE);

  /* By code and by the name of a person posted there. */
  g_assert_cmpuint (shequ_org_store_search (f->store, "371326001001002"), ==, 1);
  g_assert_cmpint (shequ_org_store_get_search_state (f->store, f->grid2), ==, SHEQU_SEARCH_MATCH);
  g_assert_cmpuint (shequ_org_store_search (f->store, "秀英"), ==, 1);
  g_assert_cmpint (shequ_org_store_get_search_state (f->store, f->grid2), ==, SHEQU_SEARCH_MATCH);
  g_assert_cmpint (shequ_org_store_get_search_state (f->store, f->community), ==, SHEQU_SEARCH_ANCESTOR);

  /* A rename while searching updates the states. */
  g_assert_true (shequ_org_store_rename_unit (f->store, f->grid1, "秀英网格", NULL));
  g_assert_cmpint (shequ_org_store_get_search_state (f->store, f->grid1), ==, SHEQU_SEARCH_MATCH);

  g_assert_cmpuint (shequ_org_store_search (f->store, ""), ==, 0);
  g_assert_false (shequ_org_store_is_searching (f->store));
  g_assert_cmpint (shequ_org_store_get_search_state (f->store, f->village), ==, SHEQU_SEARCH_NONE);

  g_assert_true (shequ_org_match_range ("城区东片区", "东片", &start, &end));
  g_assert_cmpuint (start, ==, strlen ("城区"));
  g_assert_cmpuint (end, ==, strlen ("城区东片"));
  g_assert_true (shequ_org_match_range ("Grid ABC", "abc", &start, &end));
  g_assert_cmpuint (start, ==, 5);
  g_assert_false (shequ_org_match_range ("城区", "乡", &start, &end));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/org/codes/generated", test_codes);
  ADD ("/org/rollup/from-leaves", test_rollups);
  ADD ("/org/rollup/survive-reload", test_rollups_survive_reload);
  ADD ("/org/compliance/mediators-and-adviser", test_compliance);
  ADD ("/org/tree/move-refuses-cycle", test_move_refuses_cycle);
  ADD ("/org/tree/move-refuses-tier", test_move_refuses_tier);
  ADD ("/org/tree/move-updates-rollups", test_move_updates_rollups);
  ADD ("/org/figures/negative-refused", test_negative_refused);
  ADD ("/org/undo/delete-and-undo", test_delete_and_undo);
  ADD ("/org/change/failure-leaves-everything", test_failed_change_leaves_everything);
  ADD ("/org/figures/move-to-first-child", test_move_figures_to_first_child);
  ADD ("/org/people/posts", test_people_posts);
  ADD ("/org/search/states", test_search);
#undef ADD

  return g_test_run ();
}
