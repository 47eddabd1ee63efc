/* test-org-view-a11y.c — the organisation view for screen readers and the keyboard */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-org-view-a11y"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "shequ-app-util.h"
#include "shequ-application.h"
#include "shequ-compliance-panel-private.h"
#include "shequ-compliance-panel.h"
#include "shequ-database.h"
#include "shequ-org-store.h"
#include "shequ-org-view-private.h"
#include "shequ-org-view.h"
#include "shequ-sample.h"
#define ORG_VIEW_FIXTURE_FRAMES 2
#include "org-view-fixture.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"
#include "shequ-unit-detail-private.h"
#include "shequ-window-private.h"
#include "shequ-window.h"

#define CODE_STREET         "371326001"
#define CODE_AREA_WEST      "37132600102"   /* 城区西片区 */
#define CODE_ZONGSHENG      "371326001016"  /* 宗圣社区, in the west area */
#define CODE_ZONGSHENG_G1   "371326001016001"

static GtkApplication *app;

/* The view in a window of its own, drawn. */
static ShequOrgView *
new_view_window (ShequOrgStore *store,
                 GtkWidget    **window)
{
  ShequOrgView *view = shequ_test_new_org_view_window (store, window);

  shequ_test_wait_frames (GTK_WIDGET (view), 2);
  return view;
}

static GtkTreeListRow *
shown_row (Fixture   *f,
           ShequUnit *unit)
{
  GtkWidget *cell = shequ_org_view_get_name_cell (f->view, unit);

  g_assert_nonnull (cell);
  return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (cell));
}

static GtkWidget *
get_focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

/* ------------------------------------------------------------------ announcing */

/* Every row says its unit's name, tier and level (not "GtkListItemWidget"), and an
 * expandable one whether it is expanded. */
static void
test_row_announced (Fixture       *f,
                    gconstpointer  data)
{
  ShequUnit *street = unit_by_code (f, CODE_STREET);
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  ShequUnit *grid = unit_by_code (f, CODE_ZONGSHENG_G1);
  GtkWidget *cell, *row;
  g_autofree char *street_label = NULL;
  g_autofree char *grid_label = NULL;

  street_label = g_strdup_printf ("%s, Street, level 1", shequ_unit_get_name (street));
  cell = shequ_org_view_get_name_cell (f->view, street);
  g_assert_nonnull (cell);
  row = shequ_cell_get_row_widget (cell);
  g_assert_nonnull (row);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       street_label);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       street_label);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);

  /* GTK's own arrow, a "button" that always says "Expand", is hidden from screen
   * readers: the cell says whether the row is expanded and can toggle it. */
  {
    guint n_arrows = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (cell);
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (gtk_widget_get_css_name (child), "expander") == 0)
        {
          n_arrows++;
          gtk_test_accessible_assert_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                            TRUE);
        }
    g_assert_cmpuint (n_arrows, ==, 1);
  }

  /* Collapsing says so. */
  gtk_tree_list_row_set_expanded (shown_row (f, community), FALSE);
  cell = shequ_org_view_get_name_cell (f->view, community);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE);
  gtk_tree_list_row_set_expanded (shown_row (f, community), TRUE);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);

  /* A grid is a leaf: a level, no expanded state at all. */
  bring_into_view (f, grid);
  grid_label = g_strdup_printf ("%s, Grid, level 4", shequ_unit_get_name (grid));
  cell = shequ_org_view_get_name_cell (f->view, grid);
  g_assert_nonnull (cell);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (shequ_cell_get_row_widget (cell)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, grid_label);
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (cell),
                                                 GTK_ACCESSIBLE_STATE_EXPANDED));

  /* A rename is announced too. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (shequ_org_store_rename_unit (f->store, grid, "第九网格", &error));
    g_assert_no_error (error);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (shequ_cell_get_row_widget (cell)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "第九网格, Grid, level 4");
  }
}

/* The focus comes back to the tree a frame or more after the action (the row widgets
 * are rebuilt first): wait for it, within the test's time limit, rather than count
 * frames, which a loaded machine draws later. */
static gboolean
tree_has_focus_cb (gpointer data)
{
  return shequ_org_view_tree_has_focus (data);
}

static void
wait_for_tree_focus (ShequOrgView *view)
{
  shequ_test_wait_until (tree_has_focus_cb, view);
  g_assert_true (shequ_org_view_tree_has_focus (view));
}

/* ------------------------------------------------------------------ expanders */

/* A unit without children shows no expander; its first child brings one, and
 * losing the last takes it away again. */
static void
test_childless_expander (Fixture       *f,
                         gconstpointer  data)
{
  ShequUnit *area = unit_by_code (f, CODE_AREA_WEST);
  g_autoptr(GError) error = NULL;
  ShequUnit *community, *grid;

  community = shequ_org_store_add_unit (f->store, area, "新建社区", SHEQU_TIER_COMMUNITY, &error);
  g_assert_no_error (error);
  bring_into_view (f, community);
  g_assert_false (gtk_tree_list_row_is_expandable (shown_row (f, community)));
  g_assert_false (gtk_test_accessible_has_state (
                    GTK_ACCESSIBLE (shequ_org_view_get_name_cell (f->view, community)),
                    GTK_ACCESSIBLE_STATE_EXPANDED));

  /* The first grid, added through the view as the menu does: selected, in view. */
  grid = shequ_org_view_add_child (f->view, community, SHEQU_N_TIERS, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grid);
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == grid);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, grid));
  shequ_test_wait_frames (GTK_WIDGET (f->view), 2);
  g_assert_true (gtk_tree_list_row_is_expandable (shown_row (f, community)));

  /* The last one goes: no expander, and the community is selected, with the focus. */
  shequ_org_view_focus_tree (f->view);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 2);
  g_assert_true (shequ_org_view_delete_unit (f->view, grid, &error));
  g_assert_no_error (error);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 3);
  g_assert_false (gtk_tree_list_row_is_expandable (shown_row (f, community)));
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == community);
  wait_for_tree_focus (f->view);
}

/* ------------------------------------------------------------------ keyboard */

/* The tree takes the focus on the street; Tab goes to the detail pane, not the next row. */
static void
test_focus_and_tab (Fixture       *f,
                    gconstpointer  data)
{
  ShequUnit *street = unit_by_code (f, CODE_STREET);
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  GtkWidget *focus;

  shequ_org_view_select_unit (f->view, NULL);
  shequ_org_view_focus_tree (f->view);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 3);
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == street);
  wait_for_tree_focus (f->view);
  focus = get_focus (f);
  {
    GtkWidget *row = shequ_cell_get_row_widget (shequ_org_view_get_name_cell (f->view, street));

    g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));
  }

  g_assert_true (shequ_org_view_move_focus_out_of_tree (f->view, FALSE));
  focus = get_focus (f);
  g_assert_nonnull (focus);
  if (!gtk_widget_is_ancestor (focus, GTK_WIDGET (detail)))
    for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
      g_printerr ("focus in %s\n", G_OBJECT_TYPE_NAME (w));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (detail)));
  g_assert_false (shequ_org_view_tree_has_focus (f->view));
  g_assert_true (gtk_widget_get_can_focus (GTK_WIDGET (shequ_org_view_get_column_view (f->view))));

  /* Back: Shift+Tab from the tree does not land on another row either. */
  shequ_org_view_focus_tree (f->view);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 3);
  wait_for_tree_focus (f->view);
  shequ_org_view_move_focus_out_of_tree (f->view, TRUE);
  g_assert_false (shequ_org_view_tree_has_focus (f->view));
}

/* After a rename the focus is on the renamed row (not on whatever GTK picks, such as
 * a toast's Undo button). */
static void
test_focus_after_rename (Fixture       *f,
                         gconstpointer  data)
{
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  GtkWidget *focus, *entry;

  bring_into_view (f, community);
  shequ_org_view_focus_tree (f->view);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "org.rename", NULL));
  shequ_test_wait_frames (GTK_WIDGET (f->view), 3);
  focus = get_focus (f);
  g_assert_nonnull (focus);
  entry = gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_nonnull (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER));
  gtk_editable_set_text (GTK_EDITABLE (entry), "宗圣新社区");
  g_signal_emit_by_name (entry, "activate");
  shequ_test_wait_frames (GTK_WIDGET (f->view), 3);
  g_assert_cmpstr (shequ_unit_get_name (community), ==, "宗圣新社区");
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == community);
  wait_for_tree_focus (f->view);
}

/* Shows UNIT and opens its rename popover as F2 does; the entry, which has the focus. */
static GtkWidget *
start_rename (Fixture   *f,
              ShequUnit *unit)
{
  GtkWidget *focus, *entry;

  bring_into_view (f, unit);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "org.rename", NULL));
  shequ_test_wait_frames (GTK_WIDGET (f->view), 3);
  focus = get_focus (f);
  entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;
  g_assert_nonnull (entry);
  g_assert_nonnull (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER));
  return entry;
}

/* A refused name keeps the popover open, with the reason under the entry, for
 * screen readers too; the next try starts clean. */
static void
test_rename_refused (Fixture       *f,
                     gconstpointer  data)
{
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  g_autofree char *name = g_strdup (shequ_unit_get_name (community));
  GtkWidget *entry = start_rename (f, community);
  GtkWidget *popover = gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER);
  GtkWidget *message;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, name);

  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (shequ_unit_get_name (community), ==, name);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  message = gtk_widget_get_next_sibling (entry);
  g_assert_true (GTK_IS_LABEL (message));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), !=, "");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       gtk_label_get_text (GTK_LABEL (message)));

  /* Closed and opened again: the name as it is, no complaint. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "org.rename", NULL));
  shequ_test_wait_frames (GTK_WIDGET (f->view), 3);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, name);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (entry),
                                                 GTK_ACCESSIBLE_STATE_INVALID));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The unit being renamed goes (an undo, another program): the popover goes with it
 * rather than rename what is no longer there. */
static void
test_rename_closes_when_unit_goes (Fixture       *f,
                                   gconstpointer  data)
{
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  g_autoptr(GError) error = NULL;
  GtkWidget *popover = gtk_widget_get_ancestor (start_rename (f, community), GTK_TYPE_POPOVER);

  g_assert_true (gtk_widget_get_visible (popover));

  g_assert_true (shequ_org_store_delete_unit (f->store, community, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (shequ_org_view_get_selected_unit (f->view) != community);
}

/* Renaming while a search is active keeps the unit shown and selected, and the search. */
static void
test_rename_during_search (Fixture       *f,
                           gconstpointer  data)
{
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  g_autoptr(GError) error = NULL;
  guint matches;

  shequ_org_view_set_search_text (f->view, "社区");
  matches = shequ_org_view_get_match_count (f->view);
  g_assert_cmpuint (matches, >, 0);
  shequ_org_view_select_unit (f->view, community);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 2);

  /* The new name does not match "社区". */
  g_assert_true (shequ_org_store_rename_unit (f->store, community, "宗圣居委会", &error));
  g_assert_no_error (error);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 2);
  g_assert_cmpuint (shequ_org_view_get_match_count (f->view), >, 0);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, community));
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == community);
  g_assert_nonnull (shequ_org_view_get_name_cell (f->view, community));
  /* And in view: its row is realised, i.e. scrolled to. */
  g_assert_true (gtk_widget_get_mapped (shequ_org_view_get_name_cell (f->view, community)));
}

/* The fixture's view swapped for a real window on the same database, loaded and drawn. */
static ShequWindow *
open_real_window (Fixture *f)
{
  ShequWindow *window;

  g_clear_object (&f->store);
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_clear_object (&f->db);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  window = shequ_window_new (app, f->path);
  shequ_window_set_daily_backup (window, FALSE);
  g_assert_true (shequ_window_load (window));
  gtk_window_present (GTK_WINDOW (window));
  shequ_test_wait_frames (GTK_WIDGET (window), 3);
  f->window = GTK_WIDGET (window);
  f->view = SHEQU_ORG_VIEW (shequ_window_get_org_view (window));
  return window;
}

/* A unit activated in the compliance view is selected in the tree, which the window
 * shows with the keyboard on the unit's row. */
static void
test_focus_after_compliance_jump (Fixture       *f,
                                  gconstpointer  data)
{
  ShequWindow *window = open_real_window (f);
  ShequOrgView *view = f->view;
  ShequCompliancePanel *panel;
  GtkColumnView *column_view;
  g_autoptr(ShequUnit) unit = NULL;

  wait_for_tree_focus (view);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view-compliance", NULL);
  shequ_test_wait_frames (GTK_WIDGET (window), 3);
  panel = SHEQU_COMPLIANCE_PANEL (shequ_window_get_compliance_panel (window));
  g_assert_true (shequ_compliance_panel_get_session (panel) == shequ_org_view_get_session (view));
  column_view = shequ_compliance_panel_get_column_view (panel);
  gtk_widget_grab_focus (GTK_WIDGET (column_view));
  g_assert_false (shequ_org_view_tree_has_focus (view));
  unit = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (column_view)), 0);
  g_assert_nonnull (unit);

  g_signal_emit_by_name (column_view, "activate", 0);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  g_assert_true (shequ_org_view_get_selected_unit (view) == unit);
  g_assert_true (shequ_unit_detail_get_unit (shequ_org_view_get_detail (view)) == unit);
  shequ_test_wait_frames (GTK_WIDGET (window), 3);
  wait_for_tree_focus (view);
  g_assert_true (shequ_org_view_is_unit_shown (view, unit));
  g_assert_nonnull (shequ_org_view_get_name_cell (view, unit));
  /* On the unit's own row, not wherever the page change left it. */
  {
    GtkWidget *row = shequ_cell_get_row_widget (shequ_org_view_get_name_cell (view, unit));
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (row);
    g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));
  }
}

/* Delete asks nothing, counts what went in the window's toast (with Undo), and undo
 * brings the unit back selected. */
static void
test_delete_with_undo_toast (Fixture       *f,
                             gconstpointer  data)
{
  ShequWindow *window;
  ShequOrgView *view;
  ShequOrgStore *store;
  ShequUnit *community, *area;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  const char *toast;
  guint n_below;

  /* A real window, for its toast. */
  window = open_real_window (f);
  view = f->view;
  store = shequ_window_get_store (window);

  /* The whole window, header bar included, fits under 700 px. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_test_message ("window minimum width %d", minimum);
    g_assert_cmpint (minimum, <, 700);
  }

  /* The window opens with the focus on the street's row. */
  wait_for_tree_focus (view);
  g_assert_true (shequ_org_view_get_selected_unit (view) == shequ_org_store_get_street (store));

  community = shequ_org_store_lookup_code (store, CODE_ZONGSHENG);
  area = shequ_unit_get_parent (community);
  n_below = shequ_unit_get_n_children (community);
  g_assert_cmpuint (n_below, >, 1);
  shequ_org_view_select_unit (view, community);
  shequ_org_view_focus_tree (view);
  shequ_test_wait_frames (GTK_WIDGET (window), 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "org.delete", NULL));
  g_assert_null (shequ_window_get_dialog (window));
  g_assert_null (shequ_org_store_lookup_code (store, CODE_ZONGSHENG));
  g_assert_true (shequ_org_view_get_selected_unit (view) == area);
  toast = shequ_window_get_toast_text (window);
  g_assert_nonnull (toast);
  expected = g_strdup_printf ("%u units below it", n_below);
  g_assert_nonnull (strstr (toast, expected));
  g_assert_null (strstr (toast, " 0 "));
  shequ_test_wait_frames (GTK_WIDGET (window), 3);
  wait_for_tree_focus (view);

  /* Undo (as the toast's button does): the community is back, selected, focused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  shequ_test_wait_frames (GTK_WIDGET (window), 3);
  community = shequ_org_store_lookup_code (store, CODE_ZONGSHENG);
  g_assert_nonnull (community);
  g_assert_true (shequ_org_view_get_selected_unit (view) == community);
  wait_for_tree_focus (view);

  /* A rename shows a toast with Undo: the focus stays on the row, not on the
   * button (where the next Enter would undo the rename). */
  {
    GtkWidget *focus, *entry;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "org.rename", NULL));
    shequ_test_wait_frames (GTK_WIDGET (window), 3);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "宗圣新社区");
    g_signal_emit_by_name (entry, "activate");
    shequ_test_wait_frames (GTK_WIDGET (window), 3);
    g_assert_nonnull (shequ_window_get_toast_text (window));
    g_assert_cmpstr (shequ_unit_get_name (community), ==, "宗圣新社区");
    wait_for_tree_focus (view);
  }
  (void) error;
}

/* ------------------------------------------------------------------ memory and sorting */

/* Expanded rows are kept per database: another street does not open as this one was. */
static void
test_expansion_per_database (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = shequ_settings_try_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(ShequDatabase) other_db = NULL;
  g_autoptr(ShequOrgStore) other = NULL;
  ShequOrgView *view;
  GtkWidget *window;

  if (settings == NULL)
    {
      g_test_skip ("The org.shequ.Shequ schema is not compiled");
      return;
    }

  bring_into_view (f, unit_by_code (f, CODE_ZONGSHENG_G1));
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* A second database: the same sample, nothing expanded yet. */
  other_path = g_build_filename (f->dir, "other.db", NULL);
  other_db = shequ_database_open (other_path, SHEQU_DATABASE_FLAGS_CREATE |
                                  SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  other = shequ_org_store_new (other_db, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_sample_populate (other, &error));
  view = new_view_window (other, &window);
  g_assert_false (shequ_org_view_is_unit_shown (view, shequ_org_store_lookup_code (other,
                                                                                 CODE_ZONGSHENG_G1)));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  {
    g_auto(GStrv) mine = shequ_org_view_dup_saved_expansion (settings, f->path);
    g_auto(GStrv) theirs = shequ_org_view_dup_saved_expansion (settings, other_path);

    g_assert_nonnull (mine);
    g_assert_true (g_strv_contains ((const char * const *) mine, CODE_ZONGSHENG));
    /* Nothing was expanded there: nothing saved, or not the first one's rows. */
    g_assert_true (theirs == NULL ||
                   !g_strv_contains ((const char * const *) theirs, CODE_ZONGSHENG));
  }

  /* The first opens again as it was left. */
  f->view = new_view_window (f->store, &f->window);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, unit_by_code (f, CODE_ZONGSHENG_G1)));
  g_settings_reset (settings, "expanded-units");
}

/* The saved list is bounded: not one entry per database ever opened. */
static void
test_expansion_capped (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = shequ_settings_try_new ();
  g_autoptr(GVariant) value = NULL;
  GVariantBuilder builder;

  if (settings == NULL)
    {
      g_test_skip ("The org.shequ.Shequ schema is not compiled");
      return;
    }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sas)"));
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("/nowhere/%u.db", i);

      g_variant_builder_add (&builder, "(s^as)", path, (const char * const[]) { "1", NULL });
    }
  g_settings_set_value (settings, "expanded-units", g_variant_builder_end (&builder));

  gtk_tree_list_row_set_expanded (shown_row (f, unit_by_code (f, CODE_AREA_WEST)), FALSE);
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  value = g_settings_get_value (settings, "expanded-units");
  g_assert_cmpuint (g_variant_n_children (value), <=, 8);
  {
    g_auto(GStrv) mine = shequ_org_view_dup_saved_expansion (settings, f->path);

    g_assert_nonnull (mine);
  }
  g_settings_reset (settings, "expanded-units");
}

static gboolean
all_columns_sort (GtkColumnView *column_view)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_sorter (column) == NULL)
        {
          g_test_message ("column “%s” does not sort", gtk_column_view_column_get_title (column));
          return FALSE;
        }
    }
  return g_list_model_get_n_items (columns) > 0;
}

/* Every column that shows data sorts, in the tree and in the compliance list; the
 * compliance list's Area column sorts by area name. */
static void
test_every_column_sorts (Fixture       *f,
                         gconstpointer  data)
{
  ShequCompliancePanel *panel = g_object_new (SHEQU_TYPE_COMPLIANCE_PANEL, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkColumnView *column_view;
  g_autoptr(GtkColumnViewColumn) area_column = NULL;
  GListModel *model;
  g_autofree char *previous = NULL;

  g_assert_true (all_columns_sort (shequ_org_view_get_column_view (f->view)));

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  shequ_compliance_panel_set_session (panel, shequ_org_view_get_session (f->view));
  gtk_window_present (GTK_WINDOW (window));
  shequ_test_wait_frames (window, 2);
  column_view = GTK_COLUMN_VIEW (shequ_widget_find_descendant (GTK_WIDGET (panel),
                                                               GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (column_view);
  g_assert_true (all_columns_sort (column_view));

  area_column = g_list_model_get_item (gtk_column_view_get_columns (column_view), 1);
  gtk_column_view_sort_by_column (column_view, area_column, GTK_SORT_ASCENDING);
  model = G_LIST_MODEL (gtk_column_view_get_model (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShequUnit) unit = g_list_model_get_item (model, i);
      ShequUnit *a = unit;
      g_autofree char *name = NULL;

      while (a != NULL && shequ_unit_get_tier (a) != SHEQU_TIER_AREA)
        a = shequ_unit_get_parent (a);
      name = g_strdup (a ? shequ_unit_get_name (a) : "");
      if (previous != NULL)
        g_assert_cmpint (g_utf8_collate (previous, name), <=, 0);
      g_free (previous);
      previous = g_steal_pointer (&name);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The view fits a window under 700 px wide, and there the key columns still show. */
static void
test_narrow_window (Fixture       *f,
                    gconstpointer  data)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <, 700);

  gtk_window_set_default_size (GTK_WINDOW (f->window), minimum, 700);
  gtk_widget_set_size_request (f->window, minimum, -1);
  gtk_window_unmaximize (GTK_WINDOW (f->window));
  shequ_test_wait_frames (GTK_WIDGET (f->view), 4);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), <, 700);
  g_assert_true (shequ_org_view_is_column_visible (f->view, "name"));
  g_assert_true (shequ_org_view_is_column_visible (f->view, "population"));
  g_assert_true (shequ_org_view_is_column_visible (f->view, "compliance"));
  g_assert_false (shequ_org_view_is_column_visible (f->view, "leader"));

  /* Wide again: every column is back. */
  gtk_widget_set_size_request (f->window, 1600, -1);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 4);
  g_assert_true (shequ_org_view_is_column_visible (f->view, "leader"));
  g_assert_true (shequ_org_view_is_column_visible (f->view, "party-body"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  g_setenv ("PANGO_LANGUAGE", "zh-cn", TRUE);
  org_view_fixture_init (&argc, &argv);

  app = GTK_APPLICATION (shequ_test_new_app ());

  ORG_VIEW_ADD ("/org-view-a11y/row/announced", test_row_announced);
  ORG_VIEW_ADD ("/org-view-a11y/expander/childless", test_childless_expander);
  ORG_VIEW_ADD ("/org-view-a11y/keyboard/focus-and-tab", test_focus_and_tab);
  ORG_VIEW_ADD ("/org-view-a11y/keyboard/focus-after-rename", test_focus_after_rename);
  ORG_VIEW_ADD ("/org-view-a11y/search/rename-keeps-unit", test_rename_during_search);
  ORG_VIEW_ADD ("/org-view-a11y/rename/refused-says-why", test_rename_refused);
  ORG_VIEW_ADD ("/org-view-a11y/rename/closes-when-unit-goes", test_rename_closes_when_unit_goes);
  ORG_VIEW_ADD ("/org-view-a11y/delete/undo-toast", test_delete_with_undo_toast);
  ORG_VIEW_ADD ("/org-view-a11y/keyboard/focus-after-compliance-jump", test_focus_after_compliance_jump);
  ORG_VIEW_ADD ("/org-view-a11y/expansion/per-database", test_expansion_per_database);
  ORG_VIEW_ADD ("/org-view-a11y/expansion/capped", test_expansion_capped);
  ORG_VIEW_ADD ("/org-view-a11y/columns/every-column-sorts", test_every_column_sorts);
  ORG_VIEW_ADD ("/org-view-a11y/columns/narrow-window", test_narrow_window);

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
