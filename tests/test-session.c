/* test-session.c — the shared selection: notified on change only, cleared when its unit goes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-session"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-session.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

#define CODE_ZONGSHENG      "371326001016"  /* 宗圣社区 */
#define CODE_ZONGSHENG_G1   "371326001016001"
#define CODE_YIDONG         "371326001001"  /* 邑东府邸社区 */

typedef struct {
  char          *dir;
  char          *path;
  ShequDatabase *db;
  ShequOrgStore *store;
  ShequSession  *session;
  guint          n_notify;
} Fixture;

static void
on_selected_unit_notify (ShequSession *session,
                         GParamSpec   *pspec,
                         Fixture      *f)
{
  f->n_notify++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = shequ_test_make_tmpdir ("shequ-test-session-XXXXXX");
  f->path = g_build_filename (f->dir, "shequ.db", NULL);
  f->store = shequ_test_open_sample_store (f->path, &f->db);
  f->session = shequ_session_new (f->store);
  g_signal_connect (f->session, "notify::selected-unit",
                    G_CALLBACK (on_selected_unit_notify), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  shequ_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_store_construct_only (Fixture       *f,
                           gconstpointer  data)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (f->session), "store");
  g_autoptr(ShequOrgStore) store = NULL;

  g_assert_nonnull (pspec);
  g_assert_true ((pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0);
  g_assert_true (shequ_session_get_store (f->session) == f->store);
  g_object_get (f->session, "store", &store, NULL);
  g_assert_true (store == f->store);
  g_assert_null (shequ_session_get_selected_unit (f->session));

  /* Set later, it is refused and the store stays. */
  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*construct*");
  g_object_set (f->session, "store", NULL, NULL);
  g_test_assert_expected_messages ();
  g_assert_true (shequ_session_get_store (f->session) == f->store);
}

static void
test_notifies_on_change_only (Fixture       *f,
                              gconstpointer  data)
{
  ShequUnit *community = shequ_test_lookup_code (f->store, CODE_ZONGSHENG);
  ShequUnit *other = shequ_test_lookup_code (f->store, CODE_YIDONG);
  g_autoptr(ShequUnit) got = NULL;

  shequ_session_set_selected_unit (f->session, community);
  g_assert_cmpuint (f->n_notify, ==, 1);
  g_assert_true (shequ_session_get_selected_unit (f->session) == community);
  shequ_session_set_selected_unit (f->session, community);
  g_object_set (f->session, "selected-unit", community, NULL);
  g_assert_cmpuint (f->n_notify, ==, 1);

  g_object_set (f->session, "selected-unit", other, NULL);
  g_assert_cmpuint (f->n_notify, ==, 2);
  g_object_get (f->session, "selected-unit", &got, NULL);
  g_assert_true (got == other);

  shequ_session_set_selected_unit (f->session, NULL);
  shequ_session_set_selected_unit (f->session, NULL);
  g_assert_cmpuint (f->n_notify, ==, 3);
  g_assert_null (shequ_session_get_selected_unit (f->session));

  /* An edit of the selected unit keeps it selected, unnotified. */
  shequ_session_set_selected_unit (f->session, community);
  f->n_notify = 0;
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (shequ_org_store_rename_unit (f->store, community, "宗圣新社区", &error));
    g_assert_no_error (error);
    g_assert_true (shequ_org_store_undo (f->store, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (f->n_notify, ==, 0);
  g_assert_true (shequ_session_get_selected_unit (f->session) == community);
}

static void
test_cleared_on_delete (Fixture       *f,
                        gconstpointer  data)
{
  ShequUnit *community = shequ_test_lookup_code (f->store, CODE_ZONGSHENG);
  ShequUnit *grid = shequ_test_lookup_code (f->store, CODE_ZONGSHENG_G1);
  ShequUnit *other = shequ_test_lookup_code (f->store, CODE_YIDONG);
  g_autoptr(GError) error = NULL;

  /* Another unit's delete leaves the selection alone. */
  shequ_session_set_selected_unit (f->session, community);
  g_assert_true (shequ_org_store_delete_unit (f->store, other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_notify, ==, 1);
  g_assert_true (shequ_session_get_selected_unit (f->session) == community);

  /* Its own parent's delete takes it: a grid selected, its community deleted. */
  shequ_session_set_selected_unit (f->session, grid);
  g_assert_true (shequ_org_store_delete_unit (f->store, community, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_notify, ==, 3);
  g_assert_null (shequ_session_get_selected_unit (f->session));

  /* The undo brings back new objects; nothing is selected until a view says so. */
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (shequ_session_get_selected_unit (f->session));
  g_assert_cmpuint (f->n_notify, ==, 3);
}

static void
test_cleared_on_undo_of_creation (Fixture       *f,
                                  gconstpointer  data)
{
  ShequUnit *community = shequ_test_lookup_code (f->store, CODE_ZONGSHENG);
  g_autoptr(GError) error = NULL;
  ShequUnit *grid;

  grid = shequ_org_store_add_unit (f->store, community, "新网格", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grid);
  shequ_session_set_selected_unit (f->session, grid);
  g_assert_cmpuint (f->n_notify, ==, 1);

  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (shequ_session_get_selected_unit (f->session));
  g_assert_cmpuint (f->n_notify, ==, 2);
}

static void
test_cleared_on_import_undo (Fixture       *f,
                             gconstpointer  data)
{
  static const char csv[] =
    "code,name,tier,parent_code,population,households\n"
    "371326001016099,宗圣九十九网格,grid,371326001016,10,5\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  ShequUnit *community = shequ_test_lookup_code (f->store, CODE_ZONGSHENG);
  ShequUnit *imported;
  guint n = 0;

  g_assert_true (shequ_io_import_units_from_bytes (f->store, bytes, "new.csv",
                                                   SHEQU_IO_FORMAT_AUTO,
                                                   SHEQU_IO_ENCODING_AUTO, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  imported = shequ_test_lookup_code (f->store, "371326001016099");
  shequ_session_set_selected_unit (f->session, imported);

  /* Undoing the import takes the unit it brought, and the selection with it. */
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (shequ_org_store_lookup_code (f->store, "371326001016099"));
  g_assert_null (shequ_session_get_selected_unit (f->session));
  g_assert_cmpuint (f->n_notify, ==, 2);

  /* A unit the import only changed stays selected through its undo. */
  shequ_session_set_selected_unit (f->session, community);
  g_assert_true (shequ_org_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_session_get_selected_unit (f->session) == community);
}

/* Another program deletes the selected unit: the refresh that reads it back clears it. */
static void
test_cleared_on_refresh (Fixture       *f,
                         gconstpointer  data)
{
  ShequUnit *grid = shequ_test_lookup_code (f->store, CODE_ZONGSHENG_G1);
  ShequUnit *community = shequ_test_lookup_code (f->store, CODE_ZONGSHENG);
  g_autoptr(ShequDatabase) other_db = NULL;
  g_autoptr(ShequOrgStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  shequ_session_set_selected_unit (f->session, grid);
  other = shequ_test_open_store (f->path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &other_db);
  g_assert_true (shequ_org_store_delete_unit (other, shequ_org_store_lookup_code (other,
                                                                   CODE_ZONGSHENG_G1),
                                              &error));
  g_assert_no_error (error);
  g_assert_true (shequ_session_get_selected_unit (f->session) == grid);

  g_assert_true (shequ_org_store_refresh (f->store, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_null (shequ_org_store_lookup_code (f->store, CODE_ZONGSHENG_G1));
  g_assert_null (shequ_session_get_selected_unit (f->session));
  g_assert_cmpuint (f->n_notify, ==, 2);

  /* A unit the other program only renamed stays selected. */
  shequ_session_set_selected_unit (f->session, community);
  g_assert_true (shequ_org_store_rename_unit (other, shequ_org_store_lookup_code (other,
                                                                   CODE_ZONGSHENG),
                                              "宗圣新社区", &error));
  g_assert_no_error (error);
  g_assert_true (shequ_org_store_refresh (f->store, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpstr (shequ_unit_get_name (community), ==, "宗圣新社区");
  g_assert_true (shequ_session_get_selected_unit (f->session) == community);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/session/store/construct-only", test_store_construct_only);
  ADD ("/session/selected-unit/notifies-on-change-only", test_notifies_on_change_only);
  ADD ("/session/selected-unit/cleared-on-delete", test_cleared_on_delete);
  ADD ("/session/selected-unit/cleared-on-undo-of-creation", test_cleared_on_undo_of_creation);
  ADD ("/session/selected-unit/cleared-on-import-undo", test_cleared_on_import_undo);
  ADD ("/session/selected-unit/cleared-on-refresh", test_cleared_on_refresh);
#undef ADD

  return g_test_run ();
}
