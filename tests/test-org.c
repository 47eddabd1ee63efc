/* test-org.c — the organisation tree: roll-ups, compliance, moves, undo, search */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "shequ-io.h"
#include "shequ-org-store-private.h"
#include "shequ-sample.h"

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

static ShequSearchState
search_state (Fixture   *f,
              ShequUnit *unit)
{
  return shequ_org_store_get_search_state (f->store, unit);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  guint start, end;

  add_person (f, f->grid2, "颜秀英", SHEQU_ROLE_GRID_WORKER);

  g_assert_cmpuint (shequ_org_store_search (f->store, "大南泉"), ==, 1);
  g_assert_true (shequ_org_store_is_searching (f->store));
  g_assert_cmpint (search_state (f, f->village), ==, SHEQU_SEARCH_MATCH);
  g_assert_cmpint (search_state (f, f->area2), ==, SHEQU_SEARCH_ANCESTOR);
  g_assert_cmpint (search_state (f, f->street), ==, SHEQU_SEARCH_ANCESTOR);
  g_assert_cmpint (search_state (f, f->community), ==, SHEQU_SEARCH_NONE);

  /* By code and by the name of a person posted there. */
  g_assert_cmpuint (shequ_org_store_search (f->store, "371326001001002"), ==, 1);
  g_assert_cmpint (search_state (f, f->grid2), ==, SHEQU_SEARCH_MATCH);
  g_assert_cmpuint (shequ_org_store_search (f->store, "秀英"), ==, 1);
  g_assert_cmpint (search_state (f, f->grid2), ==, SHEQU_SEARCH_MATCH);
  g_assert_cmpint (search_state (f, f->community), ==, SHEQU_SEARCH_ANCESTOR);

  /* A rename while searching updates the states. */
  g_assert_true (shequ_org_store_rename_unit (f->store, f->grid1, "秀英网格", NULL));
  g_assert_cmpint (search_state (f, f->grid1), ==, SHEQU_SEARCH_MATCH);

  g_assert_cmpuint (shequ_org_store_search (f->store, ""), ==, 0);
  g_assert_false (shequ_org_store_is_searching (f->store));
  g_assert_cmpint (search_state (f, f->village), ==, SHEQU_SEARCH_NONE);

  g_assert_true (shequ_org_match_range ("城区东片区", "东片", &start, &end));
  g_assert_cmpuint (start, ==, strlen ("城区"));
  g_assert_cmpuint (end, ==, strlen ("城区东片"));
  g_assert_true (shequ_org_match_range ("Grid ABC", "abc", &start, &end));
  g_assert_cmpuint (start, ==, 5);
  g_assert_false (shequ_org_match_range ("城区", "乡", &start, &end));
}

/* -------------------------------------------------------------------- hooks */

typedef struct {
  GPtrArray  *changes;   /* ShequOrgChange*, one per call */
  GPtrArray  *befores;
  GString    *log;       /* nullable, shared: TAG per call */
  const char *tag;
  const char *sql;       /* nullable: run in the transaction */
  gboolean    fail;
  guint       destroyed;
} Recorder;

/* An array that holds a reference on each change in it. */
static GPtrArray *
new_change_list (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_org_change_unref);
}

static void
recorder_init (Recorder *rec)
{
  memset (rec, 0, sizeof *rec);
  rec->changes = new_change_list ();
  rec->befores = new_change_list ();
}

static void
recorder_clear (Recorder *rec)
{
  g_clear_pointer (&rec->changes, g_ptr_array_unref);
  g_clear_pointer (&rec->befores, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Recorder, recorder_clear)

static gboolean
record_hook (ShequOrgStore   *store,
             ShequOrgChange  *change,
             ShequOrgChange  *before,
             gpointer         data,
             GError         **error)
{
  Recorder *rec = data;

  g_assert_true (SHEQU_IS_ORG_STORE (store));
  g_assert_true (shequ_database_in_transaction (shequ_org_store_get_database (store)));
  g_ptr_array_add (rec->changes, shequ_org_change_ref (change));
  g_ptr_array_add (rec->befores, shequ_org_change_ref (before));
  if (rec->log != NULL)
    g_string_append (rec->log, rec->tag);
  if (rec->sql != NULL && !_shequ_org_store_hook_exec (store, rec->sql, error))
    return FALSE;
  if (rec->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "the audit log is full");
      return FALSE;
    }
  return TRUE;
}

static void
count_destroy (gpointer data)
{
  ((Recorder *) data)->destroyed++;
}

static ShequOrgChange *
last_change (Recorder *rec)
{
  g_assert_cmpuint (rec->changes->len, >, 0);
  return g_ptr_array_index (rec->changes, rec->changes->len - 1);
}

static ShequOrgChange *
last_before (Recorder *rec)
{
  g_assert_cmpuint (rec->befores->len, >, 0);
  return g_ptr_array_index (rec->befores, rec->befores->len - 1);
}

/* The first column of the first row SQL reads from the file, by a connection of its
 * own: what is on disk. NULL when there is no row, or no such table. */
static char *
read_on_disk (Fixture    *f,
              const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
assert_on_disk (Fixture    *f,
                const char *sql,
                const char *expected)
{
  g_autofree char *value = read_on_disk (f, sql);

  g_assert_cmpstr (value, ==, expected);
}

/* Listed children first: the import puts parents first all the same. */
static const char new_units[] =
  "code,name,tier,parent_code,population,households\n"
  "371326001003001,新网格,grid,371326001003,10,5\n"
  "371326001003,新社区,community,37132600101,,\n";

static gboolean
import_new_units (Fixture  *f,
                  GError  **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (new_units, strlen (new_units));

  return shequ_io_import_units_from_bytes (f->store, bytes, "new.csv", SHEQU_IO_FORMAT_CSV,
                                           SHEQU_IO_ENCODING_UTF8, NULL, error);
}

static void
test_hook_sees_change (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Recorder) rec;
  g_autoptr(GError) error = NULL;
  ShequOrgChange *change, *before;
  ShequUnit *grid3;
  guint id;

  recorder_init (&rec);
  id = shequ_org_store_add_hook (f->store, record_hook, &rec, count_destroy);
  g_assert_cmpuint (id, >, 0);

  /* An edit: its rows, and what they were. */
  g_assert_true (shequ_org_store_rename_unit (f->store, f->grid1, "东风网格", &error));
  g_assert_cmpuint (rec.changes->len, ==, 1);
  change = last_change (&rec);
  before = last_before (&rec);
  g_assert_cmpint (shequ_org_change_get_origin (change), ==, SHEQU_ORG_ORIGIN_UI);
  g_assert_cmpuint (shequ_org_change_get_n_unit_puts (change), ==, 1);
  g_assert_cmpstr (shequ_org_change_get_unit_put (change, 0)->name, ==, "东风网格");
  g_assert_cmpstr (shequ_org_change_lookup_unit (before, shequ_unit_get_id (f->grid1))->name,
                   ==, "第一网格");
  g_assert_cmpint (shequ_org_change_get_origin (before), ==, SHEQU_ORG_ORIGIN_UNDO);

  /* A new unit: the before-images delete it. */
  grid3 = add (f, f->community, SHEQU_TIER_GRID, "第三网格");
  before = last_before (&rec);
  g_assert_null (shequ_org_change_lookup_unit (before, shequ_unit_get_id (grid3)));
  g_assert_cmpuint (shequ_org_change_get_n_unit_deletes (before), ==, 1);
  g_assert_cmpint (shequ_org_change_get_unit_delete (before, 0), ==, shequ_unit_get_id (grid3));

  /* An import whose file lists a child before its parent: parents first. */
  g_assert_true (import_new_units (f, &error));
  g_assert_no_error (error);
  change = last_change (&rec);
  g_assert_cmpint (shequ_org_change_get_origin (change), ==, SHEQU_ORG_ORIGIN_IMPORT);
  g_assert_cmpuint (shequ_org_change_get_n_unit_puts (change), ==, 2);
  g_assert_cmpstr (shequ_org_change_get_unit_put (change, 0)->code, ==, "371326001003");
  g_assert_cmpstr (shequ_org_change_get_unit_put (change, 1)->code, ==, "371326001003001");

  /* Undo and redo run the hooks too, with their own before-images, parents first. */
  g_assert_true (shequ_org_store_undo (f->store, &error));
  change = last_change (&rec);
  before = last_before (&rec);
  g_assert_cmpint (shequ_org_change_get_origin (change), ==, SHEQU_ORG_ORIGIN_UNDO);
  g_assert_cmpuint (shequ_org_change_get_n_unit_deletes (change), ==, 2);
  g_assert_cmpint (shequ_org_change_get_origin (before), ==, SHEQU_ORG_ORIGIN_REDO);
  g_assert_cmpuint (shequ_org_change_get_n_unit_puts (before), ==, 2);
  g_assert_cmpstr (shequ_org_change_get_unit_put (before, 0)->code, ==, "371326001003");
  g_assert_null (shequ_org_store_lookup_code (f->store, "371326001003"));
  g_assert_true (shequ_org_store_redo (f->store, &error));
  change = last_change (&rec);
  g_assert_cmpint (shequ_org_change_get_origin (change), ==, SHEQU_ORG_ORIGIN_REDO);
  g_assert_cmpstr (shequ_org_change_get_unit_put (change, 0)->code, ==, "371326001003");
  g_assert_nonnull (shequ_org_store_lookup_code (f->store, "371326001003001"));
  g_assert_cmpuint (rec.changes->len, ==, 5);

  /* Removed: not called again, its data freed. */
  shequ_org_store_remove_hook (f->store, id);
  g_assert_cmpuint (rec.destroyed, ==, 1);
  g_assert_true (shequ_org_store_rename_unit (f->store, f->grid1, "第一网格", &error));
  g_assert_cmpuint (rec.changes->len, ==, 5);
}

static void
test_hook_sees_sample (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Recorder) rec;

  recorder_init (&rec);
  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_CREATE, &error);
  g_assert_no_error (error);
  store = shequ_org_store_new (db, &error);
  g_assert_no_error (error);
  shequ_org_store_add_hook (store, record_hook, &rec, count_destroy);

  g_assert_nonnull (shequ_sample_create_street (store, "新街道", "371326", &error));
  g_assert_cmpuint (rec.changes->len, ==, 1);
  g_assert_cmpint (shequ_org_change_get_origin (last_change (&rec)), ==, SHEQU_ORG_ORIGIN_SAMPLE);

  /* A store finalized frees its hooks' data. */
  g_clear_object (&store);
  g_assert_cmpuint (rec.destroyed, ==, 1);
}

static void
count_applied (ShequOrgStore  *store,
               ShequOrgChange *change,
               GPtrArray      *seen)
{
  g_ptr_array_add (seen, shequ_org_change_ref (change));
}

/* A hook that fails: nothing on disk, the objects and the undo stack as they were, the
 * hook's error returned, nothing "applied". */
static void
test_hook_failure_rolls_back (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) applied = new_change_list ();
  g_autoptr(GError) error = NULL;
  g_autofree char *undo_label = g_strdup (shequ_org_store_get_undo_label (f->store));
  g_autofree char *n_units = read_on_disk (f, "SELECT count (*) FROM unit");
  g_auto(Recorder) rec;
  guint id;

  recorder_init (&rec);
  rec.fail = TRUE;
  g_signal_connect (f->store, "applied", G_CALLBACK (count_applied), applied);
  id = shequ_org_store_add_hook (f->store, record_hook, &rec, NULL);

  /* An edit. */
  g_assert_false (shequ_org_store_rename_unit (f->store, f->grid1, "东风网格", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_cmpuint (rec.changes->len, ==, 1);
  g_assert_cmpstr (shequ_unit_get_name (f->grid1), ==, "第一网格");
  assert_on_disk (f, "SELECT name FROM unit WHERE code = '371326001001001'", "第一网格");
  g_assert_cmpstr (shequ_org_store_get_undo_label (f->store), ==, undo_label);
  g_assert_false (shequ_org_store_get_can_redo (f->store));

  /* An import. */
  g_assert_false (import_new_units (f, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_null (shequ_org_store_lookup_code (f->store, "371326001003"));
  assert_on_disk (f, "SELECT count (*) FROM unit", n_units);
  g_assert_cmpstr (shequ_org_store_get_undo_label (f->store), ==, undo_label);

  /* An undo. */
  g_assert_false (shequ_org_store_undo (f->store, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_cmpint (shequ_unit_get_population (f->village), ==, 2100);
  assert_on_disk (f, "SELECT population FROM unit WHERE code = '371326001002'", "2100");
  g_assert_cmpstr (shequ_org_store_get_undo_label (f->store), ==, undo_label);
  g_assert_false (shequ_org_store_get_can_redo (f->store));
  g_assert_cmpuint (applied->len, ==, 0);

  /* Without the hook, the same undo goes through. */
  shequ_org_store_remove_hook (f->store, id);
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shequ_unit_get_population (f->village), ==, 0);
  g_assert_true (shequ_org_store_get_can_redo (f->store));
  g_assert_cmpuint (applied->len, ==, 1);
  g_assert_cmpint (shequ_org_change_get_origin (g_ptr_array_index (applied, 0)), ==,
                   SHEQU_ORG_ORIGIN_UNDO);
}

/* Hooks run in the order added, and what they write commits and rolls back with the
 * change. */
static void
test_hook_writes_in_transaction (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Recorder) audit;
  g_auto(Recorder) outbox;
  g_auto(Recorder) failing;
  guint failing_id;

  recorder_init (&audit);
  recorder_init (&outbox);
  recorder_init (&failing);
  audit.log = outbox.log = failing.log = log;
  audit.tag = "a";
  outbox.tag = "o";
  failing.tag = "f";
  audit.sql = "CREATE TABLE IF NOT EXISTS test_audit (what TEXT);"
              "INSERT INTO test_audit VALUES ('rename')";
  outbox.sql = "CREATE TABLE IF NOT EXISTS test_outbox (what TEXT);"
               "INSERT INTO test_outbox VALUES ('rename')";
  failing.fail = TRUE;

  shequ_org_store_add_hook (f->store, record_hook, &audit, NULL);
  g_assert_true (shequ_org_store_rename_unit (f->store, f->grid1, "东风网格", &error));
  g_assert_no_error (error);
  assert_on_disk (f, "SELECT count (*) FROM test_audit", "1");

  /* A later hook fails: the audit row and the outbox table go with the change. */
  shequ_org_store_add_hook (f->store, record_hook, &outbox, NULL);
  failing_id = shequ_org_store_add_hook (f->store, record_hook, &failing, NULL);
  g_assert_false (shequ_org_store_rename_unit (f->store, f->grid1, "西风网格", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_cmpstr (log->str, ==, "aaof");
  assert_on_disk (f, "SELECT count (*) FROM test_audit", "1");
  assert_on_disk (f, "SELECT count (*) FROM test_outbox", NULL);
  assert_on_disk (f, "SELECT name FROM unit WHERE code = '371326001001001'", "东风网格");

  /* Without it, both commit with the change. */
  shequ_org_store_remove_hook (f->store, failing_id);
  g_assert_true (shequ_org_store_rename_unit (f->store, f->grid1, "西风网格", &error));
  g_assert_cmpstr (log->str, ==, "aaofao");
  assert_on_disk (f, "SELECT count (*) FROM test_audit", "2");
  assert_on_disk (f, "SELECT count (*) FROM test_outbox", "1");
  assert_on_disk (f, "SELECT name FROM unit WHERE code = '371326001001001'", "西风网格");
}

/* "applied" after every change, undo and redo with their origins; not for a refused one. */
static void
test_applied_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) applied = new_change_list ();
  g_autoptr(GError) error = NULL;
  ShequOrgChange *change;

  g_signal_connect (f->store, "applied", G_CALLBACK (count_applied), applied);
  g_assert_true (shequ_org_store_rename_unit (f->store, f->grid1, "东风网格", &error));
  g_assert_cmpuint (applied->len, ==, 1);
  change = g_ptr_array_index (applied, 0);
  g_assert_cmpint (shequ_org_change_get_origin (change), ==, SHEQU_ORG_ORIGIN_UI);
  g_assert_cmpstr (shequ_org_change_get_label (change), ==,
                   shequ_org_store_get_undo_label (f->store));

  g_assert_false (shequ_org_store_set_figures (f->store, f->grid1, -1, 0, NULL));
  g_assert_cmpuint (applied->len, ==, 1);

  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_true (shequ_org_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied->len, ==, 3);
  g_assert_cmpint (shequ_org_change_get_origin (g_ptr_array_index (applied, 1)), ==,
                   SHEQU_ORG_ORIGIN_UNDO);
  g_assert_cmpint (shequ_org_change_get_origin (g_ptr_array_index (applied, 2)), ==,
                   SHEQU_ORG_ORIGIN_REDO);
  g_assert_cmpstr (shequ_org_change_get_unit_put (g_ptr_array_index (applied, 2), 0)->name,
                   ==, "东风网格");
}

/* The search runs again after a change: a unit renamed away from the text stops
 * matching, and so do its ancestors. */
static void
test_search_follows_changes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (shequ_org_store_search (f->store, "大南泉"), ==, 1);
  g_assert_true (shequ_org_store_rename_unit (f->store, f->village, "小南泉村", &error));
  g_assert_cmpint (search_state (f, f->village), ==, SHEQU_SEARCH_NONE);
  g_assert_cmpint (search_state (f, f->area2), ==, SHEQU_SEARCH_NONE);
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_cmpint (search_state (f, f->village), ==, SHEQU_SEARCH_MATCH);
  g_assert_cmpint (search_state (f, f->area2), ==, SHEQU_SEARCH_ANCESTOR);
  g_assert_true (shequ_org_store_is_searching (f->store));

  /* A unit added meanwhile is searched too; one deleted takes its state along. */
  {
    ShequUnit *added = add (f, f->area, SHEQU_TIER_VILLAGE, "大南泉新村");

    g_assert_cmpint (search_state (f, added), ==, SHEQU_SEARCH_MATCH);
    g_assert_cmpint (search_state (f, f->area), ==, SHEQU_SEARCH_ANCESTOR);
    g_assert_true (shequ_org_store_delete_unit (f->store, added, &error));
    g_assert_cmpint (search_state (f, f->area), ==, SHEQU_SEARCH_NONE);
  }
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
  ADD ("/org/search/follows-changes", test_search_follows_changes);
  ADD ("/org/hook/sees-change-in-order", test_hook_sees_change);
  ADD ("/org/hook/sees-sample", test_hook_sees_sample);
  ADD ("/org/hook/failure-rolls-back", test_hook_failure_rolls_back);
  ADD ("/org/hook/writes-in-transaction", test_hook_writes_in_transaction);
  ADD ("/org/change/applied-signal", test_applied_signal);
#undef ADD

  return g_test_run ();
}
