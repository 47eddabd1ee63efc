/* shequ-person-dialog.c — the dialog that adds a person to a unit or edits a post */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-person-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-person-dialog.h"

typedef struct {
  ShequOrgStore   *store;
  ShequUnit       *unit;
  ShequPost       *post;            /* NULL when adding */
  GtkWidget       *window;
  GtkWidget       *new_check;
  GtkWidget       *existing_check;
  GtkWidget       *person_dropdown;
  GtkWidget       *name_entry;
  GtkWidget       *phone_entry;
  GtkWidget       *role_dropdown;
  GtkWidget       *title_entry;
  GtkWidget       *error_label;
  GtkWidget       *save_button;
} PostDialog;

static void
post_dialog_free (gpointer data)
{
  PostDialog *pd = data;

  g_clear_object (&pd->store);
  g_clear_object (&pd->unit);
  g_clear_object (&pd->post);
  g_free (pd);
}

static void
post_dialog_update_mode (PostDialog *pd)
{
  gboolean existing = pd->existing_check != NULL &&
                      gtk_check_button_get_active (GTK_CHECK_BUTTON (pd->existing_check));

  if (pd->person_dropdown != NULL)
    gtk_widget_set_sensitive (pd->person_dropdown, existing);
  gtk_widget_set_sensitive (pd->name_entry, !existing);
  gtk_widget_set_sensitive (pd->phone_entry, !existing);
}

static void
post_dialog_save (PostDialog *pd)
{
  ShequOrgStore *store = pd->store;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (pd->name_entry));
  const char *phone = gtk_editable_get_text (GTK_EDITABLE (pd->phone_entry));
  const char *title = gtk_editable_get_text (GTK_EDITABLE (pd->title_entry));
  ShequRole role = gtk_drop_down_get_selected (GTK_DROP_DOWN (pd->role_dropdown));
  g_autofree char *clean_name = g_strstrip (g_strdup (name));
  g_autofree char *clean_phone = g_strstrip (g_strdup (phone));
  g_autofree char *clean_title = g_strstrip (g_strdup (title));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (store == NULL || role >= SHEQU_N_ROLES)
    return;

  if (pd->post != NULL)
    ok = shequ_org_store_update_post (store, pd->post, clean_name, clean_phone, role,
                                      clean_title, &error);
  else if (pd->existing_check != NULL &&
           gtk_check_button_get_active (GTK_CHECK_BUTTON (pd->existing_check)))
    {
      ShequPerson *person = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (pd->person_dropdown));

      if (person == NULL)
        {
          gtk_label_set_text (GTK_LABEL (pd->error_label), _("Choose a person from the list."));
          gtk_widget_set_visible (pd->error_label, TRUE);
          return;
        }
      ok = shequ_org_store_add_post (store, person, pd->unit, role, clean_title, &error) != NULL;
    }
  else
    {
      if (clean_name[0] == '\0')
        {
          gtk_label_set_text (GTK_LABEL (pd->error_label), _("Enter the person's name."));
          gtk_widget_set_visible (pd->error_label, TRUE);
          gtk_widget_add_css_class (pd->name_entry, "error");
          gtk_accessible_update_state (GTK_ACCESSIBLE (pd->name_entry),
                                       GTK_ACCESSIBLE_STATE_INVALID,
                                       GTK_ACCESSIBLE_INVALID_TRUE, -1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (pd->name_entry),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          _("Enter the person's name."), -1);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (pd->name_entry),
                                          GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                          pd->error_label, NULL,
                                          GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE,
                                          pd->error_label, -1);
          gtk_widget_grab_focus (pd->name_entry);
          return;
        }
      ok = shequ_org_store_add_person_post (store, pd->unit, clean_name, clean_phone, role,
                                            clean_title, &error) != NULL;
    }

  if (!ok)
    {
      gtk_label_set_text (GTK_LABEL (pd->error_label), error->message);
      gtk_widget_set_visible (pd->error_label, TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (pd->window));
}

static char *
person_display_name (ShequPerson *person)
{
  const char *phone;

  if (person == NULL)
    return g_strdup ("");
  phone = shequ_person_get_phone (person);
  if (phone != NULL && *phone)
    return g_strdup_printf ("%s  %s", shequ_person_get_name (person), phone);
  return g_strdup (shequ_person_get_name (person));
}

static void
setup_person_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_person_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  g_autofree char *text = person_display_name (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static GtkWidget *
add_dialog_row (GtkGrid    *grid,
                int         row,
                const char *caption,
                GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (caption);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  /* A drop-down's focusable part is its inner toggle button: it gets the name too. */
  if (GTK_IS_DROP_DOWN (field))
    {
      GtkWidget *toggle = shequ_widget_find_descendant (field, GTK_TYPE_TOGGLE_BUTTON);
      g_autofree char *clean = shequ_strip_mnemonic (caption);

      if (toggle != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, clean, -1);
    }
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  return label;
}

void
shequ_person_dialog_present (GtkWidget     *parent_widget,
                             ShequOrgStore *store,
                             ShequUnit     *unit,
                             ShequPost     *post)
{
  PostDialog *pd;
  GtkWidget *header, *cancel, *content, *grid, *note;
  GtkRoot *root;
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  int row = 0;

  g_return_if_fail (GTK_IS_WIDGET (parent_widget));
  g_return_if_fail (store == NULL || SHEQU_IS_ORG_STORE (store));
  g_return_if_fail (unit == NULL || SHEQU_IS_UNIT (unit));
  g_return_if_fail (post == NULL || SHEQU_IS_POST (post));

  if (store == NULL || unit == NULL)
    return;

  root = gtk_widget_get_root (parent_widget);

  for (ShequRole role = 0; role < SHEQU_N_ROLES; role++)
    gtk_string_list_append (roles, shequ_role_get_label (role));

  pd = g_new0 (PostDialog, 1);
  pd->store = g_object_ref (store);
  pd->unit = g_object_ref (unit);
  pd->post = post ? g_object_ref (post) : NULL;

  pd->window = gtk_window_new ();
  gtk_window_set_modal (GTK_WINDOW (pd->window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (pd->window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (pd->window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (pd->window), 440, -1);
  if (post != NULL)
    title = g_strdup (_("Edit Post"));
  else
    title = g_strdup_printf (_("Add Person to “%s”"), shequ_unit_get_name (unit));
  gtk_window_set_title (GTK_WINDOW (pd->window), title);
  g_object_set_data_full (G_OBJECT (pd->window), "shequ-post-dialog", pd, post_dialog_free);

  header = gtk_header_bar_new ();
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), pd->window);
  pd->save_button = gtk_button_new_with_mnemonic (post ? _("_Save") : _("_Add"));
  gtk_widget_add_css_class (pd->save_button, "suggested-action");
  g_signal_connect_swapped (pd->save_button, "clicked", G_CALLBACK (post_dialog_save), pd);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), pd->save_button);
  gtk_window_set_titlebar (GTK_WINDOW (pd->window), header);
  gtk_window_set_default_widget (GTK_WINDOW (pd->window), pd->save_button);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  if (post == NULL)
    {
      g_autoptr(GtkExpression) expression = NULL;
      GtkListItemFactory *factory;

      /* 一人多岗: the same person may hold posts at several units. */
      /* Two choices of one: radio buttons, announced as such. */
      pd->new_check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                    "label", _("A ne_w person"),
                                    "use-underline", TRUE, NULL);
      pd->existing_check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                         "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                         "label", _("Someone already _listed"),
                                         "use-underline", TRUE, NULL);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (pd->existing_check),
                                  GTK_CHECK_BUTTON (pd->new_check));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (pd->new_check), TRUE);
      g_signal_connect_swapped (pd->new_check, "toggled", G_CALLBACK (post_dialog_update_mode), pd);
      gtk_grid_attach (GTK_GRID (grid), pd->new_check, 1, row++, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), pd->existing_check, 1, row++, 1, 1);

      expression = gtk_property_expression_new (SHEQU_TYPE_PERSON, NULL, "name");
      pd->person_dropdown = gtk_drop_down_new (g_object_ref (shequ_org_store_get_people (store)),
                                               g_steal_pointer (&expression));
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (pd->person_dropdown), TRUE);
      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_person_item), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_person_item), NULL);
      gtk_drop_down_set_factory (GTK_DROP_DOWN (pd->person_dropdown), factory);
      g_object_unref (factory);
      add_dialog_row (GTK_GRID (grid), row++, _("_Person"), pd->person_dropdown);
    }

  pd->name_entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (pd->name_entry), TRUE);
  add_dialog_row (GTK_GRID (grid), row++, C_("person", "_Name"), pd->name_entry);
  pd->phone_entry = gtk_entry_new ();
  gtk_entry_set_input_purpose (GTK_ENTRY (pd->phone_entry), GTK_INPUT_PURPOSE_PHONE);
  gtk_entry_set_activates_default (GTK_ENTRY (pd->phone_entry), TRUE);
  add_dialog_row (GTK_GRID (grid), row++, _("P_hone"), pd->phone_entry);
  pd->role_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
  add_dialog_row (GTK_GRID (grid), row++, _("_Role"), pd->role_dropdown);
  pd->title_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (pd->title_entry), _("e.g. Party branch secretary"));
  gtk_entry_set_activates_default (GTK_ENTRY (pd->title_entry), TRUE);
  add_dialog_row (GTK_GRID (grid), row++, _("_Title"), pd->title_entry);
  gtk_box_append (GTK_BOX (content), grid);

  if (post != NULL)
    {
      ShequPerson *person = shequ_post_get_person (post);

      gtk_editable_set_text (GTK_EDITABLE (pd->name_entry),
                             person ? shequ_person_get_name (person) : "");
      gtk_editable_set_text (GTK_EDITABLE (pd->phone_entry),
                             person ? shequ_person_get_phone (person) : "");
      gtk_editable_set_text (GTK_EDITABLE (pd->title_entry), shequ_post_get_title (post));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (pd->role_dropdown), shequ_post_get_role (post));

      note = gtk_label_new (_("The name and phone belong to the person and change on all their posts."));
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      gtk_box_append (GTK_BOX (content), note);
    }
  else
    gtk_drop_down_set_selected (GTK_DROP_DOWN (pd->role_dropdown), SHEQU_ROLE_GRID_WORKER);

  pd->error_label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                  NULL);
  gtk_label_set_wrap (GTK_LABEL (pd->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (pd->error_label), 0);
  gtk_widget_add_css_class (pd->error_label, "error");
  gtk_widget_set_visible (pd->error_label, FALSE);
  gtk_box_append (GTK_BOX (content), pd->error_label);

  gtk_window_set_child (GTK_WINDOW (pd->window), content);
  shequ_accessible_clean_mnemonics (pd->window);
  post_dialog_update_mode (pd);
  gtk_window_present (GTK_WINDOW (pd->window));
  gtk_widget_grab_focus (pd->name_entry);
}
