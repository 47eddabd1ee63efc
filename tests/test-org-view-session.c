/* test-org-view-session.c — the organisation view and the session it shares with the
 * compliance panel and the detail pane: one selection, whoever sets it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-org-view-session"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "shequ-app-util.h"
#include "shequ-compliance-panel-private.h"
#include "shequ-compliance-panel.h"
#include "shequ-database.h"
#include "shequ-org-store.h"
#include "shequ-org-view-private.h"
#include "shequ-org-view.h"
#include "shequ-sample.h"
#include "shequ-session.h"
#include "org-view-fixture.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"
#include "shequ-unit-detail-private.h"

#define CODE_AREA_WEST      "37132600102"   /* 城区西片区 */
#define CODE_ZONGSHENG      "371326001016"  /* 宗圣社区, in the west area */
#define CODE_ZONGSHENG_G1   "371326001016001"
#define CODE_YIDONG         "371326001001"  /* 邑东府邸社区, in the east area */
#define CODE_DANANQUAN      "371326001032"  /* 大南泉村, a village of 浚河片区 */

/* ------------------------------------------------------------------ the session */

/* A compliance panel in a window of its own, sharing the view's session. */
static ShequCompliancePanel *
new_panel_window (Fixture    *f,
                  GtkWidget **window)
{
  ShequCompliancePanel *panel = g_object_new (SHEQU_TYPE_COMPLIANCE_PANEL, NULL);

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (*window), GTK_WIDGET (panel));
  shequ_compliance_panel_set_session (panel, shequ_org_view_get_session (f->view));
  gtk_window_present (GTK_WINDOW (*window));
  shequ_test_wait_for_draw (GTK_WIDGET (panel));
  return panel;
}

/* Where MODEL (of units, or of the tree's rows) holds UNIT; fails the test if not. */
static guint
position_of_unit (GListModel *model,
                  ShequUnit  *unit)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GTK_IS_TREE_LIST_ROW (item) ? _shequ_org_view_row_get_unit (GTK_TREE_LIST_ROW (item)) == unit
                                      : item == (GObject *) unit)
        return i;
    }
  g_assert_not_reached ();
}

/* Activates the row of UNIT in the panel, as a double-click or Enter does. */
static void
activate_in_panel (ShequCompliancePanel *panel,
                   ShequUnit            *unit)
{
  GtkColumnView *column_view = shequ_compliance_panel_get_column_view (panel);

  g_signal_emit_by_name (column_view, "activate",
                         position_of_unit (G_LIST_MODEL (gtk_column_view_get_model (column_view)),
                                           unit));
}

static gpointer
panel_selected_item (ShequCompliancePanel *panel)
{
  GtkColumnView *column_view = shequ_compliance_panel_get_column_view (panel);

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view)));
}

/* Activating a unit in the compliance panel makes it the session's: the tree opens
 * its ancestors and selects it, the detail pane shows it. */
static void
test_session_compliance_selects_in_tree (Fixture       *f,
                                         gconstpointer  data)
{
  ShequSession *session = shequ_org_view_get_session (f->view);
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  GListModel *violations = shequ_org_store_get_violations (f->store);
  g_autoptr(ShequUnit) unit = NULL;
  ShequCompliancePanel *panel;
  GtkWidget *window;

  g_assert_nonnull (session);
  g_assert_true (shequ_session_get_store (session) == f->store);
  g_assert_true (shequ_unit_detail_get_session (detail) == session);
  g_assert_cmpuint (g_list_model_get_n_items (violations), >, 0);
  unit = g_list_model_get_item (violations, 0);

  /* Hidden in the tree to begin with: its area is closed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "org.collapse-all", NULL));
  g_assert_false (shequ_org_view_is_unit_shown (f->view, unit));

  panel = new_panel_window (f, &window);
  g_assert_true (shequ_compliance_panel_get_session (panel) == session);
  g_assert_true (shequ_compliance_panel_get_store (panel) == f->store);
  activate_in_panel (panel, unit);
  g_assert_true (shequ_session_get_selected_unit (session) == unit);
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == unit);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, unit));
  g_assert_true (_shequ_org_view_row_get_unit (_shequ_org_view_get_selected_row (f->view)) == unit);
  g_assert_true (shequ_unit_detail_get_unit (detail) == unit);
  g_assert_true (panel_selected_item (panel) == unit);

  /* And the panel follows what the tree selects: a unit it lists, or none. */
  shequ_org_view_select_unit (f->view, shequ_org_store_get_street (f->store));
  g_assert_null (panel_selected_item (panel));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkEditable *
find_search_entry (Fixture *f)
{
  GtkWidget *entry = shequ_widget_find_descendant (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

/* Selecting from elsewhere keeps the user's search: its text, its matches, and the
 * unit selected is shown among them with its ancestors while the search lasts. */
static void
test_session_search_survives (Fixture       *f,
                              gconstpointer  data)
{
  ShequSession *session = shequ_org_view_get_session (f->view);
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  ShequUnit *village = unit_by_code (f, CODE_DANANQUAN);
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  ShequUnit *grid = unit_by_code (f, CODE_ZONGSHENG_G1);
  ShequUnit *yidong = unit_by_code (f, CODE_YIDONG);

  shequ_org_view_set_search_text (f->view, "大南泉");
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpuint (shequ_org_view_get_match_count (f->view), ==, 1);
  g_assert_false (shequ_org_view_is_unit_shown (f->view, grid));

  /* As the map or the compliance panel would. */
  shequ_session_set_selected_unit (session, grid);
  g_assert_cmpstr (gtk_editable_get_text (find_search_entry (f)), ==, "大南泉");
  g_assert_cmpuint (shequ_org_view_get_match_count (f->view), ==, 1);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, village));
  g_assert_true (shequ_org_view_is_unit_shown (f->view, grid));
  g_assert_true (shequ_org_view_is_unit_shown (f->view, community));
  g_assert_false (shequ_org_view_is_unit_shown (f->view, yidong));
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == grid);
  g_assert_true (_shequ_org_view_row_get_unit (_shequ_org_view_get_selected_row (f->view)) == grid);
  g_assert_true (shequ_unit_detail_get_unit (detail) == grid);

  /* Another one in its place: only the unit selected is shown beside the matches. */
  shequ_session_set_selected_unit (session, yidong);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, yidong));
  g_assert_false (shequ_org_view_is_unit_shown (f->view, grid));
  g_assert_true (shequ_org_view_is_unit_shown (f->view, village));
  g_assert_cmpuint (shequ_org_view_get_match_count (f->view), ==, 1);

  /* The search ends: the whole tree, the unit still selected. */
  shequ_org_view_set_search_text (f->view, "");
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpstr (gtk_editable_get_text (find_search_entry (f)), ==, "");
  g_assert_cmpuint (shequ_org_view_get_match_count (f->view), ==, 0);
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == yidong);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, yidong));
}

static void
on_session_notify (ShequSession *session,
                   GParamSpec   *pspec,
                   guint        *n)
{
  (*n)++;
}

/* Selecting a row in the tree is the session's selection, notified once. */
static void
test_session_tree_sets_session (Fixture       *f,
                                gconstpointer  data)
{
  ShequSession *session = shequ_org_view_get_session (f->view);
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  GtkSingleSelection *selection;
  guint position, n_notify = 0;

  bring_into_view (f, community);
  shequ_session_set_selected_unit (session, NULL);
  g_assert_null (shequ_unit_detail_get_unit (detail));
  g_assert_null (_shequ_org_view_get_selected_row (f->view));

  g_signal_connect (session, "notify::selected-unit", G_CALLBACK (on_session_notify), &n_notify);
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (shequ_org_view_get_column_view (f->view)));
  position = position_of_unit (G_LIST_MODEL (selection), community);
  gtk_single_selection_set_selected (selection, position);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (shequ_session_get_selected_unit (session) == community);
  g_assert_true (shequ_unit_detail_get_unit (detail) == community);
  g_assert_true (gtk_single_selection_get_selected (selection) == position);

  /* Deleting it from the tree selects its parent, through the session. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (shequ_org_view_delete_unit (f->view, community, &error));
    g_assert_no_error (error);
    g_assert_true (shequ_session_get_selected_unit (session) == unit_by_code (f, CODE_AREA_WEST));
    g_assert_true (shequ_unit_detail_get_unit (detail) == unit_by_code (f, CODE_AREA_WEST));
  }
  g_signal_handlers_disconnect_by_func (session, on_session_notify, &n_notify);
}

int
main (int   argc,
      char *argv[])
{
  org_view_fixture_init (&argc, &argv);

  ORG_VIEW_ADD ("/org-view/session/compliance-selects-in-tree", test_session_compliance_selects_in_tree);
  ORG_VIEW_ADD ("/org-view/session/search-survives", test_session_search_survives);
  ORG_VIEW_ADD ("/org-view/session/tree-sets-session", test_session_tree_sets_session);

  return g_test_run ();
}
