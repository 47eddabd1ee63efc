/* test-unit-detail-a11y.c — the detail pane for screen readers and the keyboard: its
 * names and mnemonics, its people and the person dialog, its roll-ups */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-unit-detail-a11y"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "shequ-app-util.h"
#include "shequ-database.h"
#include "shequ-org-store.h"
#include "shequ-org-view-private.h"
#include "shequ-org-view.h"
#include "shequ-people-row.h"
#define ORG_VIEW_FIXTURE_FRAMES 2
#include "org-view-fixture.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-util.h"
#include "shequ-unit-detail-private.h"

#define CODE_STREET         "371326001"
#define CODE_ZONGSHENG_G1   "371326001016001"

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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  g_setenv ("PANGO_LANGUAGE", "zh-cn", TRUE);
  org_view_fixture_init (&argc, &argv);

  ORG_VIEW_ADD ("/org-view-a11y/names/no-mnemonic-markup", test_names_without_mnemonics);
  ORG_VIEW_ADD ("/org-view-a11y/mnemonics/unique", test_mnemonics_unique);
  ORG_VIEW_ADD ("/org-view-a11y/person-dialog", test_person_dialog);
  ORG_VIEW_ADD ("/org-view-a11y/person-dialog/edit", test_person_dialog_edit);
  ORG_VIEW_ADD ("/org-view-a11y/detail/roles-unbreakable", test_roles_unbreakable);

  return g_test_run ();
}
