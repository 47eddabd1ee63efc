/* test-org-view-a11y.c — the organisation view for screen readers and the keyboard */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-org-view-a11y"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "shequ-app-util.h"
#include "shequ-application.h"
#include "shequ-compliance-panel.h"
#include "shequ-database.h"
#include "shequ-org-store.h"
#include "shequ-org-view.h"
#include "shequ-people-row.h"
#include "shequ-sample.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"
#include "shequ-unit-detail-private.h"
#include "shequ-window.h"

#define CODE_STREET         "371326001"
#define CODE_AREA_WEST      "37132600102"   /* 城区西片区 */
#define CODE_ZONGSHENG      "371326001016"  /* 宗圣社区, in the west area */
#define CODE_ZONGSHENG_G1   "371326001016001"

static GtkApplication *app;

typedef struct {
  char          *dir;
  char          *path;
  ShequDatabase *db;
  ShequOrgStore *store;
  GtkWidget     *window;
  ShequOrgView  *view;
} Fixture;

/* The view in a window of its own, drawn. */
static ShequOrgView *
new_view_window (ShequOrgStore *store,
                 GtkWidget    **window)
{
  ShequOrgView *view = shequ_test_new_org_view_window (store, window);

  shequ_test_wait_frames (GTK_WIDGET (view), 2);
  return view;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = shequ_test_make_tmpdir ("shequ-test-a11y-XXXXXX");
  f->path = g_build_filename (f->dir, "shequ.db", NULL);
  f->store = shequ_test_open_sample_store (f->path, &f->db);
  f->view = new_view_window (f->store, &f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  shequ_test_destroy_window (&f->window);
  shequ_test_flush_main_context ();
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  shequ_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static ShequUnit *
unit_by_code (Fixture    *f,
              const char *code)
{
  ShequUnit *unit = shequ_org_store_lookup_code (f->store, code);

  g_assert_nonnull (unit);
  return unit;
}

static void
bring_into_view (Fixture   *f,
                 ShequUnit *unit)
{
  shequ_org_view_select_unit (f->view, unit);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 2);
}

static GtkTreeListRow *
shown_row (Fixture   *f,
           ShequUnit *unit)
{
  GtkWidget *cell = shequ_org_view_get_name_cell (f->view, unit);

  g_assert_nonnull (cell);
  return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (cell));
}

/* The first descendant of WIDGET that is a button with tooltip TOOLTIP, or a label
 * whose text contains TEXT. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *tooltip,
             const char *text)
{
  if (tooltip != NULL && GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  if (text != NULL && GTK_IS_LABEL (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, tooltip, text);

      if (found != NULL)
        return found;
    }
  return NULL;
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

/* Names carry no mnemonic markup: not "_Name", not "_Name Name". */
static void
test_names_without_mnemonics (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *stripped = shequ_strip_mnemonic ("名称(_N)");
  g_autofree char *stripped2 = shequ_strip_mnemonic ("Street _name");
  g_autofree char *stripped3 = shequ_strip_mnemonic ("a__b");
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  GtkWidget *entry;

  g_assert_cmpstr (stripped, ==, "名称");
  g_assert_cmpstr (stripped2, ==, "Street name");
  g_assert_cmpstr (stripped3, ==, "a_b");

  bring_into_view (f, unit_by_code (f, CODE_ZONGSHENG_G1));
  entry = shequ_widget_find_descendant (GTK_WIDGET (detail), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Name");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (entry),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
}

/* No two mnemonics of the detail pane share a key, in English or in Chinese. */
static void
check_unique_mnemonics (GtkWidget  *widget,
                        GHashTable *seen)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      gtk_widget_get_visible (widget))
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));

      if (keyval != GDK_KEY_VoidSymbol)
        {
          const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (keyval));

          if (other != NULL)
            g_error ("Alt+%s is both “%s” and “%s”", gdk_keyval_name (keyval), other,
                     gtk_label_get_label (GTK_LABEL (widget)));
          g_hash_table_insert (seen, GUINT_TO_POINTER (keyval),
                               (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_unique_mnemonics (child, seen);
}

static void
test_mnemonics_unique (Fixture       *f,
                       gconstpointer  data)
{
  const char *localedir = g_getenv ("SHEQU_LOCALEDIR");

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      GtkWidget *window = gtk_window_new ();
      ShequUnitDetail *detail;

      if (pass == 1)
        {
          if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
            {
              g_test_message ("No zh_CN locale or translations: English only");
              gtk_window_destroy (GTK_WINDOW (window));
              break;
            }
          g_setenv ("LANGUAGE", "zh_CN", TRUE);
          bindtextdomain (GETTEXT_PACKAGE, localedir);
          textdomain (GETTEXT_PACKAGE);
          g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "P_opulation"), ==, "人口(_O)");
        }
      detail = g_object_new (SHEQU_TYPE_UNIT_DETAIL, NULL);
      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (detail));
      shequ_unit_detail_set_store (detail, f->store);
      shequ_unit_detail_set_unit (detail, unit_by_code (f, CODE_ZONGSHENG_G1));
      gtk_window_present (GTK_WINDOW (window));
      shequ_test_wait_frames (window, 1);
      check_unique_mnemonics (GTK_WIDGET (detail), seen);
      g_assert_cmpuint (g_hash_table_size (seen), >=, 6);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);
}

/* The person dialog: radio buttons, named drop-downs, the error tied to the field;
 * and no "No one holds a post here yet" beside the people listed. */
static void
test_person_dialog (Fixture       *f,
                    gconstpointer  data)
{
  ShequUnit *grid = unit_by_code (f, CODE_ZONGSHENG_G1);
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  GtkWidget *people = shequ_unit_detail_get_people_list (detail);
  GtkWidget *placeholder = NULL;
  GtkWidget *dialog = NULL, *check, *toggle, *entry, *button;
  g_autoptr(GList) toplevels = NULL;

  bring_into_view (f, grid);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (people), 0));
  for (GtkWidget *c = gtk_widget_get_first_child (people); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c))
      placeholder = c;
  g_assert_nonnull (placeholder);
  g_assert_false (gtk_widget_get_visible (placeholder));
  /* Each person's row has a name. */
  {
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (people), 0);

    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (first),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));
  }

  button = find_widget (GTK_WIDGET (detail), "Add Person…", NULL);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  shequ_test_wait_frames (GTK_WIDGET (f->view), 1);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != f->window && gtk_widget_get_visible (l->data) && !GTK_IS_POPOVER (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);

  check = shequ_widget_find_descendant (dialog, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (check)), ==,
                   GTK_ACCESSIBLE_ROLE_RADIO);
  toggle = shequ_widget_find_descendant (shequ_widget_find_descendant (dialog, GTK_TYPE_DROP_DOWN),
                                         GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (toggle);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Person");

  /* Saving without a name: the error belongs to the name field. */
  entry = shequ_widget_find_descendant (dialog, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_signal_emit_by_name (gtk_window_get_default_widget (GTK_WINDOW (dialog)), "clicked");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (entry),
                                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The visible toplevel other than the main window: the dialog just opened. */
static GtkWidget *
find_dialog (Fixture *f)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWidget *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != f->window && gtk_widget_get_visible (l->data) && !GTK_IS_POPOVER (l->data))
      dialog = l->data;
  return dialog;
}

/* Editing a post from its row: the dialog holds the post's values and no new/existing
 * choice; saving changes the row, its caption and the name it is announced by. */
static void
test_person_dialog_edit (Fixture       *f,
                         gconstpointer  data)
{
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  GtkWidget *people = shequ_unit_detail_get_people_list (detail);
  GtkListBoxRow *row;
  ShequPost *post;
  GtkWidget *dialog, *check, *title_entry = NULL;
  g_autofree char *name = NULL;

  bring_into_view (f, unit_by_code (f, CODE_ZONGSHENG_G1));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (people), 0);
  g_assert_nonnull (row);
  post = shequ_people_row_get_post (SHEQU_PEOPLE_ROW (row));
  g_object_get (post, "person-name", &name, NULL);

  g_signal_emit_by_name (people, "row-activated", row);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 1);
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Post");
  check = shequ_widget_find_descendant (dialog, GTK_TYPE_CHECK_BUTTON);
  g_assert_false (gtk_widget_get_visible (check));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (shequ_widget_find_descendant (
                     dialog, GTK_TYPE_ENTRY))), ==, name);

  /* The title entry is the one with the example in it. */
  for (GtkWidget *c = gtk_widget_get_first_child (shequ_widget_find_descendant (dialog,
                                                                               GTK_TYPE_GRID));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_ENTRY (c) && gtk_entry_get_placeholder_text (GTK_ENTRY (c)) != NULL)
      title_entry = c;
  g_assert_nonnull (title_entry);
  gtk_editable_set_text (GTK_EDITABLE (title_entry), "测试岗位");
  g_signal_emit_by_name (gtk_window_get_default_widget (GTK_WINDOW (dialog)), "clicked");
  shequ_test_wait_frames (GTK_WIDGET (f->view), 1);
  g_assert_null (find_dialog (f));

  g_assert_cmpstr (shequ_post_get_title (post), ==, "测试岗位");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (people), 0);
  g_assert_true (shequ_people_row_get_post (SHEQU_PEOPLE_ROW (row)) == post);
  g_assert_nonnull (find_widget (GTK_WIDGET (row), NULL, "测试岗位"));
  {
    g_autofree char *expected = NULL;
    g_autofree char *role = NULL;

    g_object_get (post, "role-label", &role, NULL);
    expected = g_strdup_printf ("%s, %s, %s", name, role, "测试岗位");
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         expected);
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

/* A roll-up never breaks inside "调解员 1" nor starts a line with "·". */
static void
test_roles_unbreakable (Fixture       *f,
                        gconstpointer  data)
{
  ShequUnitDetail *detail = shequ_org_view_get_detail (f->view);
  GtkWidget *roles;
  const char *text;

  bring_into_view (f, unit_by_code (f, CODE_STREET));
  roles = find_widget (GTK_WIDGET (detail), NULL, "\u00a0·");
  g_assert_nonnull (roles);
  text = gtk_label_get_text (GTK_LABEL (roles));
  g_assert_nonnull (strstr (text, "·"));
  /* No plain space before a "·" (a break there would start a line with it), and
   * none between a role and its number. */
  g_assert_null (strstr (text, " ·"));
  g_assert_false (g_regex_match_simple ("[A-Za-z] [0-9]", text, 0, 0));
  /* Chinese may break between any two characters: the role's are joined. */
  g_assert_nonnull (strstr (text, "M\u2060e\u2060d"));
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
  shequ_test_gtk_init (&argc, &argv);

  app = GTK_APPLICATION (shequ_test_new_app ());

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/org-view-a11y/row/announced", test_row_announced);
  ADD ("/org-view-a11y/names/no-mnemonic-markup", test_names_without_mnemonics);
  ADD ("/org-view-a11y/mnemonics/unique", test_mnemonics_unique);
  ADD ("/org-view-a11y/person-dialog", test_person_dialog);
  ADD ("/org-view-a11y/person-dialog/edit", test_person_dialog_edit);
  ADD ("/org-view-a11y/expander/childless", test_childless_expander);
  ADD ("/org-view-a11y/keyboard/focus-and-tab", test_focus_and_tab);
  ADD ("/org-view-a11y/keyboard/focus-after-rename", test_focus_after_rename);
  ADD ("/org-view-a11y/search/rename-keeps-unit", test_rename_during_search);
  ADD ("/org-view-a11y/rename/refused-says-why", test_rename_refused);
  ADD ("/org-view-a11y/rename/closes-when-unit-goes", test_rename_closes_when_unit_goes);
  ADD ("/org-view-a11y/delete/undo-toast", test_delete_with_undo_toast);
  ADD ("/org-view-a11y/keyboard/focus-after-compliance-jump", test_focus_after_compliance_jump);
  ADD ("/org-view-a11y/expansion/per-database", test_expansion_per_database);
  ADD ("/org-view-a11y/expansion/capped", test_expansion_capped);
  ADD ("/org-view-a11y/columns/every-column-sorts", test_every_column_sorts);
  ADD ("/org-view-a11y/detail/roles-unbreakable", test_roles_unbreakable);
  ADD ("/org-view-a11y/columns/narrow-window", test_narrow_window);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
