/* test-org-view.c — the organisation view: search, detail edits, drag-and-drop, delete, compliance */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-org-view"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "shequ-app-util.h"
#include "shequ-compliance-panel-private.h"
#include "shequ-compliance-panel.h"
#include "shequ-database.h"
#include "shequ-move-dialog-private.h"
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
#define CODE_AREA_JUNHE     "37132600103"   /* 浚河片区 */
#define CODE_ZONGSHENG      "371326001016"  /* 宗圣社区, in the west area */
#define CODE_ZONGSHENG_G1   "371326001016001"
#define CODE_YIDONG         "371326001001"  /* 邑东府邸社区, in the east area */
#define CODE_DANANQUAN      "371326001032"  /* 大南泉村, a village of 浚河片区 */

/* The number a cell shows ("12,345"), read from the realised label. */
static gint64
shown_count (Fixture    *f,
             ShequUnit  *unit,
             const char *column)
{
  g_autofree char *text = shequ_org_view_dup_cell_text (f->view, unit, column);
  gint64 value = -1;

  g_assert_nonnull (text);
  g_assert_true (shequ_parse_count (text, &value));
  return value;
}

/* The test: search, select, edit the population in the detail pane, and see
 * the area's roll-up change by exactly the delta in the cell text actually shown. */
static void
test_search_edit_rollup (Fixture       *f,
                         gconstpointer  data)
{
  ShequUnit *village = unit_by_code (f, CODE_DANANQUAN);
  ShequUnit *area = unit_by_code (f, CODE_AREA_JUNHE);
  ShequUnit *other = unit_by_code (f, CODE_ZONGSHENG);
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  GtkWidget *entry;
  gint64 before_area, after_area, old_population;
  g_autofree char *new_text = NULL;
  const gint64 delta = 123;

  shequ_org_view_set_search_text (f->view, "大南泉");
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpuint (shequ_org_view_get_match_count (f->view), ==, 1);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, village));
  g_assert_true (shequ_org_view_is_unit_shown (f->view, area));
  g_assert_false (shequ_org_view_is_unit_shown (f->view, other));

  before_area = shown_count (f, area, "population");
  g_assert_cmpint (before_area, ==, shequ_unit_get_total_population (area));

  shequ_org_view_select_unit (f->view, village);
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == village);
  g_assert_true (shequ_unit_detail_get_unit (detail) == village);

  old_population = shequ_unit_get_population (village);
  entry = shequ_unit_detail_get_population_entry (detail);
  g_assert_true (gtk_widget_get_visible (entry));
  new_text = g_strdup_printf ("%" G_GINT64_FORMAT, old_population + delta);
  gtk_editable_set_text (GTK_EDITABLE (entry), new_text);
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpint (shequ_unit_get_population (village), ==, old_population + delta);

  /* End the search: the whole tree is back and the cell shows the new roll-up. */
  shequ_org_view_set_search_text (f->view, "");
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpuint (shequ_org_view_get_match_count (f->view), ==, 0);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, other));
  bring_into_view (f, area);
  after_area = shown_count (f, area, "population");
  g_assert_cmpint (after_area - before_area, ==, delta);
  g_assert_cmpint (after_area, ==, shequ_unit_get_total_population (area));
}

/* The areas in the order the tree shows them. */
static GPtrArray *
shown_areas (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (shequ_org_view_get_column_view (f->view)));
  GPtrArray *areas = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(ShequUnit) unit = gtk_tree_list_row_get_item (row);

      if (shequ_unit_get_tier (unit) == SHEQU_TIER_AREA)
        g_ptr_array_add (areas, unit);
    }
  return areas;
}

static void
test_sort_by_column (Fixture       *f,
                     gconstpointer  data)
{
  GtkColumnView *column_view = shequ_org_view_get_column_view (f->view);
  g_autoptr(GtkColumnViewColumn) population = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) by_code = NULL;

  population = g_list_model_get_item (gtk_column_view_get_columns (column_view), 4);
  g_assert_cmpstr (gtk_column_view_column_get_title (population), ==, "Population");

  gtk_column_view_sort_by_column (column_view, population, GTK_SORT_DESCENDING);
  sorted = shown_areas (f);
  g_assert_cmpuint (sorted->len, ==, 4);
  for (guint i = 1; i < sorted->len; i++)
    g_assert_cmpint (shequ_unit_get_total_population (sorted->pdata[i - 1]), >=,
                     shequ_unit_get_total_population (sorted->pdata[i]));

  /* No sorted column: siblings by code again. */
  gtk_column_view_sort_by_column (column_view, NULL, GTK_SORT_ASCENDING);
  by_code = shown_areas (f);
  g_assert_cmpuint (by_code->len, ==, 4);
  for (guint i = 1; i < by_code->len; i++)
    g_assert_cmpstr (shequ_unit_get_code (by_code->pdata[i - 1]), <,
                     shequ_unit_get_code (by_code->pdata[i]));
}

static gboolean
attrs_have_highlight (PangoAttrList *attrs,
                      guint          start,
                      guint          end)
{
  gboolean bold = FALSE, background = FALSE;
  g_autoptr(PangoAttrIterator) iter = NULL;

  if (attrs == NULL)
    return FALSE;
  iter = pango_attr_list_get_iterator (attrs);
  do
    {
      g_autoptr(GSList) list = pango_attr_iterator_get_attrs (iter);

      for (GSList *l = list; l; l = l->next)
        {
          PangoAttribute *attr = l->data;

          if (attr->start_index == start && attr->end_index == end)
            {
              if (attr->klass->type == PANGO_ATTR_WEIGHT &&
                  ((PangoAttrInt *) attr)->value == PANGO_WEIGHT_BOLD)
                bold = TRUE;
              if (attr->klass->type == PANGO_ATTR_BACKGROUND)
                background = TRUE;
            }
        }
      g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
    }
  while (pango_attr_iterator_next (iter));
  return bold && background;
}

static void
test_search_highlight (Fixture       *f,
                       gconstpointer  data)
{
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autoptr(PangoAttrList) after = NULL;
  g_autofree char *name = NULL;

  shequ_org_view_set_search_text (f->view, "宗圣");
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpuint (shequ_org_view_get_match_count (f->view), >=, 1);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, community));

  name = shequ_org_view_dup_cell_text (f->view, community, "name");
  g_assert_cmpstr (name, ==, "宗圣社区");
  attrs = shequ_org_view_get_cell_attributes (f->view, community, "name");
  g_assert_true (attrs_have_highlight (attrs, 0, strlen ("宗圣")));

  /* A narrower search moves the highlight on rows that stay bound. */
  shequ_org_view_set_search_text (f->view, "圣社");
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_clear_pointer (&attrs, pango_attr_list_unref);
  attrs = shequ_org_view_get_cell_attributes (f->view, community, "name");
  g_assert_true (attrs_have_highlight (attrs, strlen ("宗"), strlen ("宗圣社")));

  shequ_org_view_set_search_text (f->view, "");
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  bring_into_view (f, community);
  after = shequ_org_view_get_cell_attributes (f->view, community, "name");
  g_assert_false (attrs_have_highlight (after, strlen ("宗"), strlen ("宗圣社")));
}

static void
test_search_no_matches (Fixture       *f,
                        gconstpointer  data)
{
  ShequUnit *street = shequ_org_store_get_street (f->store);

  shequ_org_view_set_search_text (f->view, "没有这个名字");
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpuint (shequ_org_view_get_match_count (f->view), ==, 0);
  g_assert_false (shequ_org_view_is_unit_shown (f->view, street));

  shequ_org_view_set_search_text (f->view, "");
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_true (shequ_org_view_is_unit_shown (f->view, street));
}

static void
test_drop_moves_unit (Fixture       *f,
                      gconstpointer  data)
{
  ShequUnit *grid = unit_by_code (f, CODE_ZONGSHENG_G1);
  ShequUnit *from = unit_by_code (f, CODE_ZONGSHENG);
  ShequUnit *to = unit_by_code (f, CODE_YIDONG);
  ShequUnit *from_area = shequ_unit_get_parent (from);
  ShequUnit *to_area = shequ_unit_get_parent (to);
  gint64 people = shequ_unit_get_total_population (grid);
  gint64 from_total = shequ_unit_get_total_population (from);
  gint64 to_total = shequ_unit_get_total_population (to);
  gint64 from_area_total = shequ_unit_get_total_population (from_area);
  gint64 to_area_total = shequ_unit_get_total_population (to_area);
  guint from_grids = shequ_unit_get_grid_count (from);
  g_autoptr(GError) error = NULL;

  g_assert_true (from_area != to_area);
  g_assert_cmpint (people, >, 0);

  g_assert_true (shequ_org_view_drop_unit (f->view, grid, to, &error));
  g_assert_no_error (error);

  g_assert_true (shequ_unit_get_parent (grid) == to);
  g_assert_cmpstr (shequ_unit_get_code (grid), ==, CODE_ZONGSHENG_G1);  /* codes are kept */
  g_assert_cmpint (shequ_unit_get_total_population (from), ==, from_total - people);
  g_assert_cmpint (shequ_unit_get_total_population (to), ==, to_total + people);
  g_assert_cmpint (shequ_unit_get_total_population (from_area), ==, from_area_total - people);
  g_assert_cmpint (shequ_unit_get_total_population (to_area), ==, to_area_total + people);
  g_assert_cmpuint (shequ_unit_get_grid_count (from), ==, from_grids - 1);

  /* The moved unit is selected and shown under its new parent, and the new parent's
   * cell shows the new roll-up. */
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == grid);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, grid));
  bring_into_view (f, to);
  g_assert_cmpint (shown_count (f, to, "population"), ==, to_total + people);
}

static void
test_drop_refuses_descendant (Fixture       *f,
                              gconstpointer  data)
{
  ShequUnit *area = unit_by_code (f, CODE_AREA_WEST);
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  ShequUnit *grid = unit_by_code (f, CODE_ZONGSHENG_G1);
  ShequUnit *village = unit_by_code (f, CODE_DANANQUAN);
  ShequUnit *street = shequ_org_store_get_street (f->store);
  gint64 area_total = shequ_unit_get_total_population (area);
  gint64 community_total = shequ_unit_get_total_population (community);
  guint n_units = shequ_org_store_get_n_units (f->store);
  g_autoptr(GError) error = NULL;

  /* Under its own descendant. */
  g_assert_false (shequ_org_view_drop_unit (f->view, area, community, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_false (shequ_org_view_drop_unit (f->view, community, community, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE);
  g_clear_error (&error);

  /* Under the wrong tier: a village holds no grids. */
  g_assert_false (shequ_org_view_drop_unit (f->view, grid, village, &error));
  g_assert_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER);
  g_clear_error (&error);

  /* Nothing changed. */
  g_assert_true (shequ_unit_get_parent (area) == street);
  g_assert_true (shequ_unit_get_parent (community) == area);
  g_assert_true (shequ_unit_get_parent (grid) == community);
  g_assert_cmpint (shequ_unit_get_total_population (area), ==, area_total);
  g_assert_cmpint (shequ_unit_get_total_population (community), ==, community_total);
  g_assert_cmpuint (shequ_org_store_get_n_units (f->store), ==, n_units);
}

static void
test_detail_refuses_negative (Fixture       *f,
                              gconstpointer  data)
{
  ShequUnit *grid = unit_by_code (f, CODE_ZONGSHENG_G1);
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  GtkWidget *entry = shequ_unit_detail_get_population_entry (detail);
  gint64 population = shequ_unit_get_population (grid);
  gint64 total = shequ_unit_get_total_population (community);
  gboolean could_undo;
  const char *bad[] = { "-5", "abc", "12.5", "1 000" };

  shequ_org_view_select_unit (f->view, grid);
  g_assert_true (shequ_unit_detail_get_unit (detail) == grid);
  could_undo = shequ_org_store_get_can_undo (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), bad[i]);
      g_signal_emit_by_name (entry, "activate");
      g_assert_true (gtk_widget_has_css_class (entry, "error"));
      g_assert_nonnull (shequ_unit_detail_get_figures_message (detail));
      g_assert_cmpint (shequ_unit_get_population (grid), ==, population);
      g_assert_cmpint (shequ_unit_get_total_population (community), ==, total);
    }
  g_assert_true (shequ_org_store_get_can_undo (f->store) == could_undo);

  /* A good value clears the complaint and is saved. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "1,200");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_null (shequ_unit_detail_get_figures_message (detail));
  g_assert_cmpint (shequ_unit_get_population (grid), ==, 1200);
  g_assert_cmpint (shequ_unit_get_total_population (community), ==, total - population + 1200);

  /* A parent has no entry: its figures are the totals of its units. */
  shequ_org_view_select_unit (f->view, community);
  g_assert_false (gtk_widget_get_visible (entry));
}

static GtkWidget *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  ShequUnit *area = shequ_unit_get_parent (community);
  gint64 area_total = shequ_unit_get_total_population (area);
  gint64 community_total = shequ_unit_get_total_population (community);
  guint n_units = shequ_org_store_get_n_units (f->store);
  guint n_below = shequ_unit_get_n_children (community);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n_below, >, 0);
  shequ_org_view_select_unit (f->view, community);

  /* Delete can be undone: it asks nothing. The unit and its grids go, the area's
   * roll-up follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "org.delete", NULL));
  g_assert_null (find_message_dialog ());
  g_assert_null (shequ_org_store_lookup_code (f->store, CODE_ZONGSHENG));
  g_assert_null (shequ_org_store_lookup_code (f->store, CODE_ZONGSHENG_G1));
  g_assert_cmpuint (shequ_org_store_get_n_units (f->store), ==, n_units - 1 - n_below);
  g_assert_cmpint (shequ_unit_get_total_population (area), ==, area_total - community_total);
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == area);

  /* Undo (the window's undo) restores it, and it is back in the tree. */
  g_assert_true (shequ_org_store_undo (f->store, &error));
  g_assert_no_error (error);
  community = unit_by_code (f, CODE_ZONGSHENG);
  g_assert_nonnull (shequ_org_store_lookup_code (f->store, CODE_ZONGSHENG_G1));
  g_assert_cmpuint (shequ_org_store_get_n_units (f->store), ==, n_units);
  g_assert_cmpint (shequ_unit_get_total_population (area), ==, area_total);
  bring_into_view (f, community);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, community));
  g_assert_cmpint (shown_count (f, community, "population"), ==, community_total);

  /* The confirmed part alone, as the dialog calls it. */
  g_assert_true (shequ_org_view_delete_unit (f->view, community, &error));
  g_assert_no_error (error);
  g_assert_null (shequ_org_store_lookup_code (f->store, CODE_ZONGSHENG));
}

static void
test_add_child (Fixture       *f,
                gconstpointer  data)
{
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  ShequUnit *area = shequ_unit_get_parent (community);
  guint n_children = shequ_unit_get_n_children (community);
  g_autoptr(GError) error = NULL;
  ShequUnit *grid, *village;

  shequ_org_view_select_unit (f->view, community);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "org.add-child", NULL));
  g_assert_cmpuint (shequ_unit_get_n_children (community), ==, n_children + 1);
  grid = shequ_org_view_get_selected_unit (f->view);
  g_assert_nonnull (grid);
  g_assert_true (shequ_unit_get_parent (grid) == community);
  g_assert_cmpint (shequ_unit_get_tier (grid), ==, SHEQU_TIER_GRID);
  g_assert_true (g_str_has_prefix (shequ_unit_get_code (grid), CODE_ZONGSHENG));

  /* A grid holds nothing: the action does nothing there. */
  {
    guint n_units = shequ_org_store_get_n_units (f->store);

    gtk_widget_activate_action (GTK_WIDGET (f->view), "org.add-child", NULL);
    g_assert_cmpuint (shequ_unit_get_n_children (grid), ==, 0);
    g_assert_cmpuint (shequ_org_store_get_n_units (f->store), ==, n_units);
  }

  village = shequ_org_view_add_child (f->view, area, SHEQU_TIER_VILLAGE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (village);
  g_assert_cmpint (shequ_unit_get_tier (village), ==, SHEQU_TIER_VILLAGE);
  g_assert_true (shequ_org_view_get_selected_unit (f->view) == village);
}

static void
test_move_dialog (Fixture       *f,
                  gconstpointer  data)
{
  ShequUnit *grid = unit_by_code (f, CODE_ZONGSHENG_G1);
  ShequUnit *from = shequ_unit_get_parent (grid);
  ShequUnit *to = unit_by_code (f, CODE_YIDONG);
  ShequMoveDialog *dialog;
  GListModel *candidates;
  guint n;
  g_autoptr(GError) error = NULL;

  dialog = shequ_move_dialog_new (GTK_WINDOW (f->window), f->store, grid);
  g_object_ref (dialog);
  candidates = shequ_move_dialog_get_candidates (dialog);
  n = g_list_model_get_n_items (candidates);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequUnit) candidate = g_list_model_get_item (candidates, i);

      /* Only communities hold grids; the present parent is not offered. */
      g_assert_cmpint (shequ_unit_get_tier (candidate), ==, SHEQU_TIER_COMMUNITY);
      g_assert_true (candidate != from);
    }

  shequ_move_dialog_set_search_text (dialog, "邑东府邸");
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 1);
  shequ_move_dialog_set_search_text (dialog, "宗圣");
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 0);

  g_assert_true (shequ_move_dialog_move_to (dialog, to, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_unit_get_parent (grid) == to);
  /* A successful move closes the window. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
}

static void
test_expansion_remembered (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = shequ_settings_try_new ();
  ShequUnit *community = unit_by_code (f, CODE_ZONGSHENG);
  ShequUnit *grid = unit_by_code (f, CODE_ZONGSHENG_G1);
  ShequOrgView *second;
  GtkWidget *window;

  if (settings == NULL)
    {
      g_test_skip ("The org.shequ.Shequ schema is not compiled");
      return;
    }

  /* Showing a grid expands its community; closing the view saves that. */
  shequ_org_view_select_unit (f->view, grid);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, grid));
  shequ_test_destroy_window (&f->window);
  shequ_test_flush_main_context ();
  {
    g_auto(GStrv) codes = shequ_org_view_dup_saved_expansion (settings,
                                                              shequ_database_get_path (f->db));

    g_assert_nonnull (codes);
    g_assert_true (g_strv_contains ((const char * const *) codes, CODE_ZONGSHENG));
  }

  window = gtk_window_new ();
  second = g_object_new (SHEQU_TYPE_ORG_VIEW, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (second));
  shequ_org_view_set_store (second, f->store);
  g_assert_true (shequ_org_view_is_unit_shown (second, community));
  g_assert_true (shequ_org_view_is_unit_shown (second, grid));
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "expanded-units");
}

static void
on_unit_activated (ShequCompliancePanel  *panel,
                   ShequUnit             *unit,
                   ShequUnit            **out)
{
  g_set_object (out, unit);
}

static void
test_compliance_panel (Fixture       *f,
                       gconstpointer  data)
{
  ShequCompliancePanel *panel = g_object_new (SHEQU_TYPE_COMPLIANCE_PANEL, NULL);
  GListModel *violations = shequ_org_store_get_violations (f->store);
  GtkWidget *window = gtk_window_new ();
  GtkColumnView *column_view;
  GListModel *shown;
  guint n = g_list_model_get_n_items (violations);
  g_autoptr(ShequUnit) first = NULL;
  ShequUnit *activated = NULL;

  g_assert_cmpuint (n, >, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  shequ_compliance_panel_set_session (panel, shequ_org_view_get_session (f->view));
  gtk_window_present (GTK_WINDOW (window));
  shequ_test_wait_for_draw (GTK_WIDGET (panel));

  column_view = shequ_compliance_panel_get_column_view (panel);
  shown = G_LIST_MODEL (gtk_column_view_get_model (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequUnit) unit = g_list_model_get_item (violations, i);
      guint position;
      gboolean found = FALSE;

      g_assert_false (shequ_unit_get_compliant (unit));
      for (position = 0; position < n && !found; position++)
        {
          g_autoptr(ShequUnit) row = g_list_model_get_item (shown, position);

          found = row == unit;
        }
      g_assert_true (found);
    }

  g_signal_connect (panel, "unit-activated", G_CALLBACK (on_unit_activated), &activated);
  first = g_list_model_get_item (shown, 0);
  g_signal_emit_by_name (column_view, "activate", 0);
  g_assert_true (activated == first);
  g_clear_object (&activated);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_format_and_parse (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    gint64      value;
  } cases[] = {
    { "0", TRUE, 0 },
    { "226000", TRUE, 226000 },
    { " 12,345 ", TRUE, 12345 },
    { "１２３", TRUE, 123 },
    { "1，000", TRUE, 1000 },
    { "-5", FALSE, 0 },
    { "", FALSE, 0 },
    { "abc", FALSE, 0 },
    { "12.5", FALSE, 0 },
    { "1 000", FALSE, 0 },
    { ",100", FALSE, 0 },
    { "99999999999999", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = -1;

      g_assert_cmpint (shequ_parse_count (cases[i].text, &value), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (value, ==, cases[i].value);
    }

  {
    g_autofree char *a = shequ_format_count (0);
    g_autofree char *b = shequ_format_count (999);
    g_autofree char *c = shequ_format_count (226000);
    g_autofree char *d = shequ_format_count (1234567);

    g_assert_cmpstr (a, ==, "0");
    g_assert_cmpstr (b, ==, "999");
    g_assert_cmpstr (c, ==, "226,000");
    g_assert_cmpstr (d, ==, "1,234,567");
  }
}

/* Whether the column view's rows hold UNIT, read from its model alone: finding the row
 * through the view would complete a restore still under way. */
static gboolean
model_holds_unit (Fixture   *f,
                  ShequUnit *unit)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (shequ_org_view_get_column_view (f->view)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(ShequUnit) item = gtk_tree_list_row_get_item (row);

      if (item == unit)
        return TRUE;
    }
  return FALSE;
}

/* The rows restored below the first screenful open on the frames after it. */
static void
test_expansion_below_first_screen (Fixture       *f,
                                   gconstpointer  data)
{
  ShequUnit *village = unit_by_code (f, CODE_DANANQUAN);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (shequ_org_view_get_column_view (f->view)));
  guint n;

  /* The fixture waited for the first frames: the last area is open too. */
  g_assert_true (model_holds_unit (f, village));
  n = g_list_model_get_n_items (model);
  g_assert_true (shequ_org_view_is_unit_shown (f->view, village));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
}

/* The row menu is made when first asked for, and opens. */
static void
test_context_menu_opens (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *menu = NULL;

  shequ_org_view_select_unit (f->view, unit_by_code (f, CODE_ZONGSHENG));
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "org.context-menu", NULL));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      menu = child;
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  gtk_popover_popdown (GTK_POPOVER (menu));
}

int
main (int   argc,
      char *argv[])
{
  org_view_fixture_init (&argc, &argv);

  ORG_VIEW_ADD ("/org-view/search/edit-population-rolls-up", test_search_edit_rollup);
  ORG_VIEW_ADD ("/org-view/search/highlight", test_search_highlight);
  ORG_VIEW_ADD ("/org-view/search/no-matches", test_search_no_matches);
  ORG_VIEW_ADD ("/org-view/sort-by-column", test_sort_by_column);
  ORG_VIEW_ADD ("/org-view/drop/moves-unit", test_drop_moves_unit);
  ORG_VIEW_ADD ("/org-view/drop/refuses-descendant-and-tier", test_drop_refuses_descendant);
  ORG_VIEW_ADD ("/org-view/detail/refuses-bad-population", test_detail_refuses_negative);
  ORG_VIEW_ADD ("/org-view/delete/confirm-and-undo", test_delete_and_undo);
  ORG_VIEW_ADD ("/org-view/add-child", test_add_child);
  ORG_VIEW_ADD ("/org-view/move-dialog", test_move_dialog);
  ORG_VIEW_ADD ("/org-view/expansion-remembered", test_expansion_remembered);
  ORG_VIEW_ADD ("/org-view/expansion/below-first-screen", test_expansion_below_first_screen);
  ORG_VIEW_ADD ("/org-view/context-menu/opens", test_context_menu_opens);
  ORG_VIEW_ADD ("/compliance-panel/lists-and-activates", test_compliance_panel);
  g_test_add_func ("/app-util/format-and-parse", test_format_and_parse);

  return g_test_run ();
}
