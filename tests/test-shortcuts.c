/* test-shortcuts.c — the shortcuts window shows the keys that are bound, and only those;
 * the org view takes its keys from the one table */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-shortcuts"

#include "config.h"

#include <gtk/gtk.h>

#include "shequ-app-util.h"
#include "shequ-application.h"
#include "shequ-org-view-private.h"
#include "shequ-org-view.h"
#include "shequ-score-sheet.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"
#include "shequ-window-private.h"
#include "shequ-window.h"

static ShequApplication *app;

typedef struct {
  char        *dir;
  ShequWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fixture->dir = shequ_test_make_tmpdir ("shequ-test-shortcuts-XXXXXX");
  path = g_build_filename (fixture->dir, "sample.db", NULL);
  shequ_test_make_sample_database (path, FALSE);
  fixture->window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  g_assert_cmpstr (shequ_window_get_page (fixture->window), ==, "org");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  shequ_test_close_all_windows (GTK_APPLICATION (app));
  shequ_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* "<Control>f" and "<Primary>F" alike: one spelling, to compare. */
static char *
normalize_accel (const char *accel)
{
  guint keyval;
  GdkModifierType modifiers;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &modifiers));
  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), modifiers);
}

static void
add_binding (GHashTable *bindings,
             const char *action,
             const char *accel)
{
  GPtrArray *accels = g_hash_table_lookup (bindings, action);

  if (accels == NULL)
    {
      accels = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (bindings, g_strdup (action), accels);
    }
  g_ptr_array_add (accels, normalize_accel (accel));
}

static GHashTable *
new_bindings (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
has_binding (GHashTable *bindings,
             const char *action,
             const char *accel)
{
  GPtrArray *accels = g_hash_table_lookup (bindings, action);

  for (guint i = 0; accels != NULL && i < accels->len; i++)
    if (g_str_equal (g_ptr_array_index (accels, i), accel))
      return TRUE;
  return FALSE;
}

/* What the shortcuts window shows, as the person sees it: action → keys, read from
 * the labels GTK fills in from the application's accelerators. */
static void
collect_shown (GtkWidget  *widget,
               GHashTable *shown)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;
      GtkWidget *label = shequ_widget_find_descendant (widget, GTK_TYPE_SHORTCUT_LABEL);
      g_auto(GStrv) keys = NULL;

      g_object_get (widget, "action-name", &action, NULL);
      g_assert_nonnull (label);
      g_object_get (label, "accelerator", &accelerator, NULL);
      /* The tree expander's own keys (plus, minus) are GTK's, named without an action. */
      if (action == NULL)
        return;
      g_assert_nonnull (accelerator);
      keys = g_strsplit (accelerator, " ", -1);
      g_assert_nonnull (keys[0]);
      for (guint i = 0; keys[i] != NULL; i++)
        add_binding (shown, action, keys[i]);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown (child, shown);
}

/* Whether WIDGET_TYPE installs ACTION ("org.rename") as a class action. */
static gboolean
class_has_action (GType       widget_type,
                  const char *action)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (widget_type);
  const char *name, *property;
  const GVariantType *parameter_type;
  GType owner;

  /* GTK 4.8 writes every out argument: none may be NULL. */
  for (guint i = 0;
       gtk_widget_class_query_action (GTK_WIDGET_CLASS (klass), i, &owner, &name,
                                      &parameter_type, &property);
       i++)
    if (g_str_equal (name, action))
      return TRUE;
  return FALSE;
}

/* What is bound: the application's accelerators whose action the window or the
 * application has, and the window's key bindings that forward to the org view. */
static void
collect_bound (ShequWindow *window,
               GHashTable  *bound)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);

      /* Only what reaches an action: org. ones go through the window's bindings. */
      if (g_str_has_prefix (actions[i], "app."))
        g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), actions[i] + 4));
      else if (g_str_has_prefix (actions[i], "win."))
        g_assert_true (class_has_action (SHEQU_TYPE_WINDOW, actions[i]));
      else
        continue;
      for (guint k = 0; accels[k] != NULL; k++)
        add_binding (bound, actions[i], accels[k]);
    }

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      guint n;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-widget-class-shortcuts") != 0)
        continue;
      n = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint s = 0; s < n; s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GVariant *args = gtk_shortcut_get_arguments (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *accel = NULL;

          if (args == NULL || !g_variant_is_of_type (args, G_VARIANT_TYPE_STRING) ||
              !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          accel = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                        gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          add_binding (bound, g_variant_get_string (args, NULL), accel);
        }
    }
}

static GtkWidget *
show_shortcuts_window (ShequWindow *window)
{
  GtkShortcutsWindow *overlay;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-shortcuts", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  shequ_test_wait_for_draw (GTK_WIDGET (overlay));
  return GTK_WIDGET (overlay);
}

/* Each key the shortcuts window shows is bound to the action it names, on a widget
 * that has that action; and each key bound is shown. */
static void
test_shown_is_bound (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) shown = new_bindings ();
  g_autoptr(GHashTable) bound = new_bindings ();
  GtkWidget *overlay = show_shortcuts_window (fixture->window);
  GHashTableIter iter;
  const char *action;
  GPtrArray *accels;

  collect_shown (overlay, shown);
  collect_bound (fixture->window, bound);
  g_assert_cmpuint (g_hash_table_size (shown), >=, 10);

  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, (gpointer *) &action, (gpointer *) &accels))
    {
      if (g_str_has_prefix (action, "org."))
        g_assert_true (class_has_action (SHEQU_TYPE_ORG_VIEW, action));
      else if (g_str_has_prefix (action, "win."))
        g_assert_true (class_has_action (SHEQU_TYPE_WINDOW, action));
      else
        g_assert_true (g_str_has_prefix (action, "app.") &&
                       g_action_group_has_action (G_ACTION_GROUP (app), action + 4));
      for (guint i = 0; i < accels->len; i++)
        {
          const char *accel = g_ptr_array_index (accels, i);

          if (!has_binding (bound, action, accel))
            g_error ("The shortcuts window shows %s for %s, which is not bound", accel, action);
        }
    }

  g_hash_table_iter_init (&iter, bound);
  while (g_hash_table_iter_next (&iter, (gpointer *) &action, (gpointer *) &accels))
    for (guint i = 0; i < accels->len; i++)
      {
        const char *accel = g_ptr_array_index (accels, i);

        if (!has_binding (shown, action, accel))
          g_error ("%s is bound to %s, which the shortcuts window does not show", accel, action);
      }
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* The window's binding really reaches the org view: Ctrl+F from the compliance view
 * shows the organisation view with its search. */
static void
test_org_binding_forwards (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));
  GtkShortcut *search = NULL;

  for (guint i = 0; search == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; search == NULL && s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GVariant *args = gtk_shortcut_get_arguments (shortcut);

          if (args != NULL && g_variant_is_of_type (args, G_VARIANT_TYPE_STRING) &&
              g_str_equal (g_variant_get_string (args, NULL), "org.search"))
            search = shortcut;
        }
    }
  g_assert_nonnull (search);

  shequ_window_set_view (fixture->window, "compliance");
  g_assert_cmpstr (shequ_window_get_page (fixture->window), ==, "compliance");
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (search), 0,
                                               GTK_WIDGET (fixture->window),
                                               gtk_shortcut_get_arguments (search)));
  g_assert_cmpstr (shequ_window_get_page (fixture->window), ==, "org");
}

/* The name of a key trigger's key, "<Shift>F10". */
static char *
trigger_accel (GtkShortcutTrigger *trigger)
{
  g_assert_true (GTK_IS_KEYVAL_TRIGGER (trigger));
  return gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                               gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
}

/* The shortcuts the org view binds on its tree: one controller of them. */
static GListModel *
get_tree_shortcuts (ShequOrgView *view)
{
  GtkWidget *tree = GTK_WIDGET (shequ_org_view_get_column_view (view));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (tree);
  GListModel *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
          g_strcmp0 (gtk_event_controller_get_name (controller), "shequ-tree-shortcuts") == 0)
        {
          g_assert_null (found);
          found = G_LIST_MODEL (controller);  /* the tree keeps it */
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* What the org view's tree binds, action → keys. */
static void
collect_tree_keys (ShequOrgView *view,
                   GHashTable   *keys)
{
  GListModel *shortcuts = get_tree_shortcuts (view);

  for (guint s = 0; s < g_list_model_get_n_items (shortcuts); s++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, s);
      GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
      g_autofree char *accel = trigger_accel (gtk_shortcut_get_trigger (shortcut));

      g_assert_true (GTK_IS_NAMED_ACTION (action));
      add_binding (keys, gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), accel);
    }
}

/* Every key of KEYS is in OTHER (or, with IN false, none is). */
static void
assert_all_in (GHashTable *keys,
               GHashTable *other,
               gboolean    in,
               const char *what)
{
  GHashTableIter iter;
  const char *action;
  GPtrArray *accels;

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, (gpointer *) &action, (gpointer *) &accels))
    for (guint i = 0; i < accels->len; i++)
      if (has_binding (other, action, g_ptr_array_index (accels, i)) != in)
        g_error ("%s for %s is %s%s", (char *) g_ptr_array_index (accels, i), action,
                 in ? "not " : "", what);
}

/* The org view's tree keys are the table's org. keys, all of them and only those:
 * nothing in the view declares a key of its own, and the keys meant for the tree
 * alone are bound nowhere else. */
static void
test_org_view_keys_from_table (Fixture       *fixture,
                               gconstpointer  data)
{
  ShequOrgView *view = SHEQU_ORG_VIEW (shequ_window_get_org_view (fixture->window));
  g_autoptr(GHashTable) table = new_bindings ();
  g_autoptr(GHashTable) tree_only = new_bindings ();
  g_autoptr(GHashTable) tree = new_bindings ();
  g_autoptr(GHashTable) bound = new_bindings ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  const ShequShortcut *shortcuts;
  guint n_shortcuts;
  static const char *expected[][2] = {
    { "org.search", "<Control>f" },
    { "org.rename", "F2" },
    { "org.delete", "Delete" },
    { "org.delete", "KP_Delete" },
    { "org.add-child", "Insert" },
    { "org.add-child", "<Control><Shift>n" },
    { "org.move", "<Control>m" },
    { "org.context-menu", "Menu" },
    { "org.context-menu", "<Shift>F10" },
  };

  shortcuts = shequ_application_get_shortcuts (&n_shortcuts);
  for (guint i = 0; i < n_shortcuts; i++)
    {
      if (!g_str_has_prefix (shortcuts[i].action, "org."))
        continue;
      for (guint k = 0; shortcuts[i].accels[k] != NULL; k++)
        add_binding (table, shortcuts[i].action, shortcuts[i].accels[k]);
      for (guint k = 0; shortcuts[i].tree_accels[k] != NULL; k++)
        {
          add_binding (table, shortcuts[i].action, shortcuts[i].tree_accels[k]);
          add_binding (tree_only, shortcuts[i].action, shortcuts[i].tree_accels[k]);
        }
    }
  collect_tree_keys (view, tree);
  assert_all_in (table, tree, TRUE, "bound on the tree");
  assert_all_in (tree, table, TRUE, "in the shortcut table");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *accel = normalize_accel (expected[i][1]);

      if (!has_binding (tree, expected[i][0], accel))
        g_error ("The tree lost %s for %s", expected[i][1], expected[i][0]);
    }

  /* The view's class declares no key of its own (Ctrl+F came from the table too). */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
          g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-widget-class-shortcuts") == 0)
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (controller)), ==, 0);
    }

  /* Insert, Menu and the like act while the tree has the focus, not from the window. */
  g_assert_cmpuint (g_hash_table_size (tree_only), >, 0);
  collect_bound (fixture->window, bound);
  assert_all_in (tree_only, bound, FALSE, "bound on the window");
}

/* The tree's shortcut for ACCEL. */
static GtkShortcut *
find_tree_shortcut (ShequOrgView *view,
                    const char   *accel)
{
  GListModel *shortcuts = get_tree_shortcuts (view);
  g_autofree char *wanted = normalize_accel (accel);

  for (guint s = 0; s < g_list_model_get_n_items (shortcuts); s++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, s);
      g_autofree char *name = trigger_accel (gtk_shortcut_get_trigger (shortcut));

      if (g_str_equal (name, wanted))
        return shortcut;  /* the controller keeps it */
    }
  g_error ("The tree has no shortcut for %s", accel);
}

/* The tree's own keys do what they say: Shift+F10 opens the row menu, Insert adds
 * a unit under the one selected. */
static void
test_tree_keys_act (Fixture       *fixture,
                    gconstpointer  data)
{
  ShequOrgView *view = SHEQU_ORG_VIEW (shequ_window_get_org_view (fixture->window));
  GtkWidget *tree = GTK_WIDGET (shequ_org_view_get_column_view (view));
  ShequUnit *community = shequ_org_store_lookup_code (shequ_window_get_store (fixture->window),
                                                      "371326001016");
  GtkShortcut *shortcut;
  GtkWidget *menu;
  guint n_children;

  g_assert_nonnull (community);
  shequ_org_view_select_unit (view, community);
  shequ_test_wait_for_draw (tree);

  shortcut = find_tree_shortcut (view, "<Shift>F10");
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, tree, NULL));
  /* The row menu is made on first use, the view's last child. */
  menu = gtk_widget_get_last_child (GTK_WIDGET (view));
  g_assert_true (GTK_IS_POPOVER_MENU (menu));
  g_assert_true (gtk_widget_get_visible (menu));
  gtk_popover_popdown (GTK_POPOVER (menu));

  n_children = shequ_unit_get_n_children (community);
  shortcut = find_tree_shortcut (view, "Insert");
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, tree, NULL));
  g_assert_cmpuint (shequ_unit_get_n_children (community), ==, n_children + 1);
}

/* WIDGET as a PNG file NAME.png in $SHEQU_TEST_SHOTS, when it is set: to look at. */
static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("SHEQU_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The keys shown in the group titled TITLE, normalized, into SHOWN (a set). */
static void
collect_group_keys (GtkWidget  *widget,
                    const char *title,
                    gboolean    inside,
                    GHashTable *shown)
{
  if (GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_autofree char *group_title = NULL;

      g_object_get (widget, "title", &group_title, NULL);
      inside = g_strcmp0 (group_title, title) == 0;
    }
  if (inside && GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      keys = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; keys[i] != NULL; i++)
        if (gtk_accelerator_parse (keys[i], NULL, NULL))
          g_hash_table_add (shown, normalize_accel (keys[i]));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_group_keys (child, title, inside, shown);
}

/* Every key the scoring sheet binds is in the shortcuts window's "Scoring sheet" group. */
static void
test_sheet_keys_shown (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *overlay = show_shortcuts_window (fixture->window);
  GtkWidget *sheet = g_object_ref_sink (shequ_score_sheet_new ());
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (sheet);
  guint n_checked = 0;

  collect_group_keys (overlay, "Scoring sheet", FALSE, shown);
  g_assert_true (g_hash_table_contains (shown, "<Control>Tab"));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *accel = NULL;
          guint keyval;

          if (!GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
          /* The keypad's Delete is the same key to the person. */
          if (keyval == GDK_KEY_KP_Delete)
            continue;
          accel = gtk_accelerator_name (gdk_keyval_to_lower (keyval),
                                        gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          if (!g_hash_table_contains (shown, accel))
            g_error ("The scoring sheet binds %s, which the shortcuts window does not show", accel);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >=, 8);
  save_shot (overlay, "shortcuts");
  g_object_unref (sheet);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  shequ_test_gtk_init (&argc, &argv);
  app = shequ_test_new_app ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/shortcuts/shown-is-bound", test_shown_is_bound);
  ADD ("/shortcuts/org-binding-forwards", test_org_binding_forwards);
  ADD ("/shortcuts/org-view-keys-from-table", test_org_view_keys_from_table);
  ADD ("/shortcuts/tree-keys-act", test_tree_keys_act);
  ADD ("/shortcuts/sheet-keys-shown", test_sheet_keys_shown);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
