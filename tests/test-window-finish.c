/* test-window-finish.c — the window's finish: lazy pages, header buttons, empty street, toasts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-finish"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "shequ-application.h"
#include "shequ-compliance-panel-private.h"
#include "shequ-compliance-panel.h"
#include "shequ-database.h"
#include "shequ-org-store.h"
#include "shequ-org-view-private.h"
#include "shequ-org-view.h"
#include "shequ-sample.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"
#include "shequ-welcome-page.h"
#include "shequ-window-private.h"
#include "shequ-window.h"

static ShequApplication *app;

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = shequ_test_make_tmpdir ("shequ-test-finish-XXXXXX");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  shequ_test_close_all_windows (NULL);
  shequ_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static ShequWindow *
open_sample_window (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "sample.db", NULL);

  shequ_test_make_sample_database (path, FALSE);
  return shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
}

/* The first widget of TYPE under ROOT (depth first), or NULL. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button under ROOT whose action is ACTION_NAME, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button under ROOT showing ICON_NAME, or NULL. */
static GtkWidget *
find_icon_button (GtkWidget  *root,
                  const char *icon_name)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon_button (child, icon_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What a click does (gtk_widget_activate() on a button clicks only after a delay). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
titlebar (ShequWindow *window)
{
  return gtk_window_get_titlebar (GTK_WINDOW (window));
}

static GtkSearchBar *
org_search_bar (ShequWindow *window)
{
  return GTK_SEARCH_BAR (find_widget (shequ_window_get_org_view (window), GTK_TYPE_SEARCH_BAR));
}

static void
test_lazy_compliance_panel (Fixture       *fixture,
                            gconstpointer  data)
{
  ShequWindow *window = open_sample_window (fixture);
  GtkWidget *panel;
  GtkColumnView *column_view;
  GListModel *model;

  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  /* Not built at start: the organisation view is what shows. */
  g_assert_null (find_widget (GTK_WIDGET (window), SHEQU_TYPE_COMPLIANCE_PANEL));
  g_assert_null (find_widget (GTK_WIDGET (window), SHEQU_TYPE_WELCOME_PAGE));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view-compliance", NULL);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "compliance");
  panel = find_widget (GTK_WIDGET (window), SHEQU_TYPE_COMPLIANCE_PANEL);
  g_assert_nonnull (panel);
  g_assert_true (panel == shequ_window_get_compliance_panel (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (panel));

  /* It works: it lists the sample's units that break a rule, and jumps to one. */
  g_assert_true (shequ_compliance_panel_get_store (SHEQU_COMPLIANCE_PANEL (panel)) ==
                 shequ_window_get_store (window));
  column_view = shequ_compliance_panel_get_column_view (SHEQU_COMPLIANCE_PANEL (panel));
  model = G_LIST_MODEL (gtk_column_view_get_model (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_signal_emit_by_name (column_view, "activate", 0);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  g_assert_nonnull (shequ_org_view_get_selected_unit (
                      SHEQU_ORG_VIEW (shequ_window_get_org_view (window))));

  /* Built once. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view-compliance", NULL);
  g_assert_true (find_widget (GTK_WIDGET (window), SHEQU_TYPE_COMPLIANCE_PANEL) == panel);
}

static void
test_lazy_welcome_page (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
  ShequWindow *window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  GtkWidget *page;

  g_assert_cmpstr (shequ_window_get_page (window), ==, "welcome");
  page = find_widget (GTK_WIDGET (window), SHEQU_TYPE_WELCOME_PAGE);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_true (page == shequ_window_get_welcome_page (window));
  /* No street, no compliance panel. */
  g_assert_null (find_widget (GTK_WIDGET (window), SHEQU_TYPE_COMPLIANCE_PANEL));
}

static void
test_undo_hidden_on_welcome (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
  ShequWindow *window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  GtkWidget *undo = find_action_button (titlebar (window), "win.undo");
  GtkWidget *redo = find_action_button (titlebar (window), "win.redo");

  g_assert_nonnull (undo);
  g_assert_nonnull (redo);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "welcome");
  g_assert_false (gtk_widget_is_visible (undo));
  g_assert_false (gtk_widget_is_visible (redo));
  g_assert_false (gtk_widget_get_mapped (undo));
  /* Nor are the search and add buttons: there is nothing to search or add to. */
  g_assert_false (gtk_widget_is_visible (find_action_button (titlebar (window), "win.add-unit")));
  g_assert_false (gtk_widget_is_visible (find_icon_button (titlebar (window),
                                                           "system-search-symbolic")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (undo));
  g_assert_true (gtk_widget_get_mapped (redo));

  /* Undoing the sample leaves no street: the welcome page, without undo. */
  while (shequ_org_store_get_can_undo (shequ_window_get_store (window)))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (shequ_window_get_page (window), ==, "welcome");
  g_assert_false (gtk_widget_is_visible (undo));
}

static void
test_empty_street (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "new.db", NULL);
  ShequWindow *window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  ShequOrgStore *store = shequ_window_get_store (window);
  GtkWidget *empty = shequ_window_get_empty_street_page (window);
  GtkWidget *org_view = shequ_window_get_org_view (window);
  GtkWidget *add;
  GtkWidget *import;
  ShequUnit *street;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create-street", "(ss)",
                              "东关街道", "371326");
  street = shequ_org_store_get_street (store);
  g_assert_nonnull (street);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* A street without units says what to do first, with a button for each way. */
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_false (gtk_widget_get_mapped (org_view));
  add = find_action_button (empty, "win.add-unit");
  import = find_action_button (empty, "win.import-units");
  g_assert_nonnull (add);
  g_assert_nonnull (import);
  g_assert_true (gtk_widget_get_mapped (add) && gtk_widget_is_sensitive (add));
  g_assert_true (gtk_widget_get_mapped (import) && gtk_widget_is_sensitive (import));
  g_assert_null (strchr (gtk_button_get_label (GTK_BUTTON (add)), '_'));
  g_assert_null (strchr (gtk_button_get_label (GTK_BUTTON (import)), '_'));

  /* Adding the first area shows the tree with it. */
  click (add);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_unit_get_children (street)), ==, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (org_view));
  g_assert_false (gtk_widget_get_mapped (empty));
  street = shequ_org_view_get_selected_unit (SHEQU_ORG_VIEW (org_view));
  g_assert_cmpint (shequ_unit_get_tier (street), ==, SHEQU_TIER_AREA);
  street = shequ_unit_get_parent (street);

  /* Undone, the street is empty again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (shequ_unit_get_children (street)), ==, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (empty));
}

static GtkAboutDialog *
find_about_dialog (void)
{
  GList *windows = gtk_window_list_toplevels ();
  GtkAboutDialog *about = NULL;

  for (GList *l = windows; l && about == NULL; l = l->next)
    if (GTK_IS_ABOUT_DIALOG (l->data))
      about = l->data;
  g_list_free (windows);
  return about;
}

static void
test_about_dialog (Fixture       *fixture,
                   gconstpointer  data)
{
  ShequWindow *window = open_sample_window (fixture);
  GtkAboutDialog *about;
  const char *const *authors;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_about_dialog ();
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  g_assert_nonnull (gtk_about_dialog_get_copyright (about));
  g_assert_nonnull (strstr (gtk_about_dialog_get_copyright (about), "©"));
  g_assert_cmpstr (gtk_about_dialog_get_website (about), ==, "https://shequ.org.cn/");
  g_assert_nonnull (gtk_about_dialog_get_website_label (about));
  /* GPL-3.0-or-later: GTK's GPL 3.0 is "version 3 or later". */
  g_assert_cmpint (gtk_about_dialog_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  authors = gtk_about_dialog_get_authors (about);
  g_assert_nonnull (authors);
  g_assert_nonnull (authors[0]);
  g_assert_nonnull (gtk_about_dialog_get_translator_credits (about));
  g_assert_cmpstr (gtk_about_dialog_get_version (about), ==, PACKAGE_VERSION);
}

static gboolean
toast_revealed (gpointer data)
{
  GtkWidget *button = data;

  GtkWidget *revealer = gtk_widget_get_ancestor (button, GTK_TYPE_REVEALER);

  return gtk_widget_get_mapped (button) &&
         gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* The toast's Undo button: the button under the window's overlay labelled "_Undo". */
static GtkWidget *
find_toast_undo (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), _("_Undo")) == 0 &&
      gtk_widget_get_ancestor (root, GTK_TYPE_REVEALER) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_undo (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_toast_keeps_focus (Fixture       *fixture,
                        gconstpointer  data)
{
  ShequWindow *window = open_sample_window (fixture);
  ShequOrgStore *store = shequ_window_get_store (window);
  ShequUnit *street = shequ_org_store_get_street (store);
  GtkWidget *undo = find_toast_undo (GTK_WIDGET (window));
  GtkWidget *focus;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (undo);
  g_assert_false (gtk_widget_get_focus_on_click (undo));

  shequ_org_view_select_unit (SHEQU_ORG_VIEW (shequ_window_get_org_view (window)), street);
  gtk_widget_grab_focus (shequ_window_get_org_view (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);

  /* A change with Undo: the toast shows, the focus stays where it was. */
  shequ_org_store_rename_unit (store, street, "改名街道", &error);
  g_assert_no_error (error);
  g_assert_nonnull (shequ_window_get_toast_text (window));
  shequ_test_wait_until (toast_revealed, undo);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  g_assert_false (gtk_widget_has_focus (undo));

  /* The focused row goes away (as after a rename) and GTK moves the focus on by
   * itself: it does not stay on Undo, where the next Enter would undo. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gtk_widget_grab_focus (undo);
  g_assert_false (gtk_widget_has_focus (undo));

  /* Undo itself still works, from the button. */
  click (undo);
  g_assert_cmpstr (shequ_unit_get_name (street), ==, "平邑街道");
}

static void
test_toast_at_bottom (Fixture       *fixture,
                      gconstpointer  data)
{
  ShequWindow *window = open_sample_window (fixture);
  GtkWidget *undo = find_toast_undo (GTK_WIDGET (window));
  GtkWidget *revealer = gtk_widget_get_ancestor (undo, GTK_TYPE_REVEALER);
  GtkWidget *org_view = shequ_window_get_org_view (window);
  graphene_rect_t toast_bounds, search_bounds;
  GtkSearchBar *search_bar = org_search_bar (window);

  shequ_org_view_set_search_text (SHEQU_ORG_VIEW (org_view), "东关");
  shequ_window_show_toast (window, "A notification", TRUE);
  shequ_test_wait_until (toast_revealed, undo);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The street's totals (the first row) and the search bar with its count are at
   * the top: the toast sits at the bottom, clear of them. */
  g_assert_cmpint (gtk_widget_get_valign (revealer), ==, GTK_ALIGN_END);
  g_assert_true (gtk_widget_compute_bounds (revealer, GTK_WIDGET (window), &toast_bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (search_bar), GTK_WIDGET (window),
                                            &search_bounds));
  g_assert_false (graphene_rect_intersection (&toast_bounds, &search_bounds, NULL));
  g_assert_cmpfloat (toast_bounds.origin.y, >, gtk_widget_get_height (GTK_WIDGET (window)) / 2.0);
}

static void
test_header_search_button (Fixture       *fixture,
                           gconstpointer  data)
{
  ShequWindow *window = open_sample_window (fixture);
  GtkWidget *search = find_icon_button (titlebar (window), "system-search-symbolic");
  GtkSearchBar *search_bar = org_search_bar (window);

  g_assert_nonnull (search);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (search));
  g_assert_true (gtk_widget_get_mapped (search));
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));

  /* The button opens the search, and closes it. */
  click (search);
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  click (search);
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));

  /* Ctrl+F (org.search) shows it pressed. */
  gtk_widget_activate_action (shequ_window_get_org_view (window), "org.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (search)));
  gtk_search_bar_set_search_mode (search_bar, FALSE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (search)));

  /* From the compliance view it goes to the organisation view to search. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view-compliance", NULL);
  click (search);
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
}

static void
test_header_add_button (Fixture       *fixture,
                        gconstpointer  data)
{
  ShequWindow *window = open_sample_window (fixture);
  ShequOrgView *org_view = SHEQU_ORG_VIEW (shequ_window_get_org_view (window));
  ShequUnit *street = shequ_org_store_get_street (shequ_window_get_store (window));
  GtkWidget *add = find_action_button (titlebar (window), "win.add-unit");
  ShequUnit *area;
  guint n_areas;

  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_mapped (add));
  g_assert_true (gtk_widget_is_sensitive (add));

  /* A new unit below the selected one, selected. */
  area = g_list_model_get_item (shequ_unit_get_children (street), 0);
  g_object_unref (area);
  n_areas = g_list_model_get_n_items (shequ_unit_get_children (area));
  shequ_org_view_select_unit (org_view, area);
  click (add);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_unit_get_children (area)), ==, n_areas + 1);
  g_assert_true (shequ_unit_get_parent (shequ_org_view_get_selected_unit (org_view)) == area);

  /* From the compliance view too: the organisation view shows the new unit. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view-compliance", NULL);
  shequ_org_view_select_unit (org_view, area);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view-compliance", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  g_assert_cmpstr (shequ_window_get_page (window), ==, "org");
  g_assert_cmpuint (g_list_model_get_n_items (shequ_unit_get_children (area)), ==, n_areas + 2);
}

static void
test_header_names (Fixture       *fixture,
                   gconstpointer  data)
{
  ShequWindow *window = open_sample_window (fixture);
  GtkWidget *header = titlebar (window);
  GtkWidget *buttons[] = {
    find_action_button (header, "win.undo"),
    find_action_button (header, "win.redo"),
    find_action_button (header, "win.add-unit"),
    find_icon_button (header, "system-search-symbolic"),
    find_widget (header, GTK_TYPE_MENU_BUTTON),
  };
  GtkStackSwitcher *switcher = GTK_STACK_SWITCHER (find_widget (header, GTK_TYPE_STACK_SWITCHER));
  g_autoptr(GtkSelectionModel) pages = NULL;

  /* Every header button says what it does, without mnemonic marks. */
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      const char *tip;

      g_assert_nonnull (buttons[i]);
      tip = gtk_widget_get_tooltip_text (buttons[i]);
      g_assert_nonnull (tip);
      g_assert_cmpstr (tip, !=, "");
      g_assert_null (strchr (tip, '_'));
    }

  /* The view switcher's titles carry no mnemonics (no "(O)" in Chinese). */
  g_assert_nonnull (switcher);
  pages = gtk_stack_get_pages (gtk_stack_switcher_get_stack (switcher));
  /* Organisation, compliance, map, evaluation, disclosure. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      g_assert_false (gtk_stack_page_get_use_underline (page));
      g_assert_null (strchr (gtk_stack_page_get_title (page), '_'));
    }
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The menu item's label, without its mnemonic mark. */
static char *
menu_label_for (GMenuModel *menu,
                const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          char *found = menu_label_for (section, action);

          if (found != NULL)
            return found;
          continue;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_strcmp0 (item_action, action) == 0 &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        {
          GString *plain = g_string_new (NULL);

          for (const char *c = label; *c; c++)
            if (*c != '_')
              g_string_append_c (plain, *c);
          return g_string_free (plain, FALSE);
        }
    }
  return NULL;
}

static void
test_shortcuts_title (Fixture       *fixture,
                      gconstpointer  data)
{
  ShequWindow *window = open_sample_window (fixture);
  GtkMenuButton *menu_button = GTK_MENU_BUTTON (find_widget (titlebar (window),
                                                             GTK_TYPE_MENU_BUTTON));
  g_autofree char *item = menu_label_for (gtk_menu_button_get_menu_model (menu_button),
                                          "win.show-shortcuts");
  GtkShortcutsWindow *overlay;

  g_assert_nonnull (item);
  /* Built when first shown. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-shortcuts", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (overlay));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  /* The window is headed with the words of the menu item that opens it. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (overlay)), ==, item);
  g_assert_true (has_label (gtk_window_get_titlebar (GTK_WINDOW (overlay)), item));
}

/* --screenshot: the app saves its main views as PNG files and quits. */
static void
test_screenshot_mode (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "sample.db", NULL);
  g_autofree char *dir = g_build_filename (fixture->dir, "shots", NULL);
  const char *shequ_bin = g_getenv ("SHEQU_BIN");
  const char *names[] = { "shequ-org.png", "shequ-compliance.png", "shequ-map.png",
                          "shequ-present.png", "shequ-present-area.png",
                          "shequ-eval-sheet.png", "shequ-eval-ranking.png",
                          "shequ-eval-target.png", "shequ-eval-flags.png", "shequ-map-band.png",
                          "shequ-disclosure.png", "shequ-disclosure-overdue.png",
                          "shequ-welcome.png" };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;
  int width = 0, height = 0;

  if (shequ_bin == NULL)
    {
      g_test_skip ("SHEQU_BIN is not set");
      return;
    }
  shequ_test_make_sample_database (db, FALSE);

  {
    const char *argv[] = { shequ_bin, "--db", db, "--screenshot", dir, NULL };
    /* This run may have no accessibility bus: GTK would say so as a critical. */
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "GTK_A11Y", "none", TRUE);

    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                  &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_printerr ("%s", err);
  g_assert_no_error (error);

  /* One path a line, in order. */
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *expected = g_build_filename (dir, names[i], NULL);
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree guchar *pixels = NULL;
      gsize stride;
      guint different = 0;
      int tw, th;

      g_assert_cmpstr (lines[i], ==, expected);
      texture = gdk_texture_new_from_filename (expected, &error);
      g_assert_no_error (error);
      /* The window's size (1280×800 by default, less its frame), the same for all but
       * presentation mode's, which is the screen's. */
      if (i == 0)
        {
          width = gdk_texture_get_width (texture);
          height = gdk_texture_get_height (texture);
        }
      tw = gdk_texture_get_width (texture);
      th = gdk_texture_get_height (texture);
      if (g_str_has_prefix (names[i], "shequ-present"))
        {
          GdkMonitor *monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          g_object_unref (monitor);
          g_assert_cmpint (tw, ==, geometry.width);
          g_assert_cmpint (th, ==, geometry.height);
        }
      else
        {
          g_assert_cmpint (tw, ==, width);
          g_assert_cmpint (th, ==, height);
          g_assert_cmpint (width, >=, 1200);
          g_assert_cmpint (width, <=, 1280);
          g_assert_cmpint (height, >=, 720);
          g_assert_cmpint (height, <=, 800);
        }

      /* Something was drawn: not one flat colour. */
      stride = (gsize) tw * 4;
      pixels = g_malloc (stride * th);
      gdk_texture_download (texture, pixels, stride);
      for (gsize p = 4; p < stride * th; p += 4)
        if (memcmp (pixels + p, pixels, 4) != 0)
          different++;
      g_assert_cmpuint (different, >, (guint) (tw * th / 100));
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  /* These tests read widgets, not the accessibility bus, which parallel D-Bus
   * sessions of the same user can take away (a critical, fatal in tests). */
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("PANGO_LANGUAGE", "zh-cn", TRUE);
  shequ_test_gtk_init (&argc, &argv);

  app = shequ_test_new_app ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/window-finish/lazy/compliance-panel", test_lazy_compliance_panel);
  ADD ("/window-finish/lazy/welcome-page", test_lazy_welcome_page);
  ADD ("/window-finish/welcome/undo-hidden", test_undo_hidden_on_welcome);
  ADD ("/window-finish/empty-street/status-page", test_empty_street);
  ADD ("/window-finish/about/fields", test_about_dialog);
  ADD ("/window-finish/toast/keeps-focus", test_toast_keeps_focus);
  ADD ("/window-finish/toast/at-bottom", test_toast_at_bottom);
  ADD ("/window-finish/header/search", test_header_search_button);
  ADD ("/window-finish/header/add-unit", test_header_add_button);
  ADD ("/window-finish/header/names", test_header_names);
  ADD ("/window-finish/shortcuts/title-as-menu-item", test_shortcuts_title);
  ADD ("/window-finish/screenshot/writes-pngs", test_screenshot_mode);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
