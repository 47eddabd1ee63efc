/* shequ-person-dialog.c — the dialog that adds a person to a unit or edits a post */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-person-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-person-dialog.h"

struct _ShequPersonDialog
{
  GtkWindow      parent_instance;

  ShequOrgStore *store;
  ShequUnit     *unit;
  ShequPost     *post;            /* NULL when adding */

  /* template */
  GtkButton      *save_button;
  GtkCheckButton *new_check;
  GtkCheckButton *existing_check;
  GtkLabel       *person_caption;
  GtkDropDown    *person_dropdown;
  GtkEntry       *name_entry;
  GtkEntry       *phone_entry;
  GtkLabel       *role_caption;
  GtkDropDown    *role_dropdown;
  GtkEntry       *title_entry;
  GtkLabel       *edit_note;
  GtkLabel       *error_label;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_UNIT,
  PROP_POST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequPersonDialog, shequ_person_dialog, GTK_TYPE_WINDOW)

static gboolean
is_choosing_existing (ShequPersonDialog *self)
{
  g_assert (SHEQU_IS_PERSON_DIALOG (self));

  return self->post == NULL && gtk_check_button_get_active (self->existing_check);
}

static void
on_mode_toggled (ShequPersonDialog *self)
{
  gboolean existing = is_choosing_existing (self);

  g_assert (SHEQU_IS_PERSON_DIALOG (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->person_dropdown), existing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry), !existing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->phone_entry), !existing);
}

static void
show_error (ShequPersonDialog *self,
            const char        *message)
{
  g_assert (SHEQU_IS_PERSON_DIALOG (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* A new person needs a name: the error is tied to the name field for screen readers. */
static void
show_name_missing (ShequPersonDialog *self)
{
  const char *message = _("Enter the person's name.");

  g_assert (SHEQU_IS_PERSON_DIALOG (self));

  show_error (self, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_entry), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, self->error_label, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
on_save_clicked (ShequPersonDialog *self)
{
  g_autofree char *name = shequ_entry_dup_stripped_text (self->name_entry);
  g_autofree char *phone = shequ_entry_dup_stripped_text (self->phone_entry);
  g_autofree char *title = shequ_entry_dup_stripped_text (self->title_entry);
  ShequRole role = gtk_drop_down_get_selected (self->role_dropdown);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert (SHEQU_IS_PERSON_DIALOG (self));

  if (role >= SHEQU_N_ROLES)
    return;

  if (self->post != NULL)
    ok = shequ_org_store_update_post (self->store, self->post, name, phone, role, title, &error);
  else if (is_choosing_existing (self))
    {
      ShequPerson *person = gtk_drop_down_get_selected_item (self->person_dropdown);

      if (person == NULL)
        {
          show_error (self, _("Choose a person from the list."));
          return;
        }
      ok = shequ_org_store_add_post (self->store, person, self->unit, role, title,
                                     &error) != NULL;
    }
  else
    {
      if (name[0] == '\0')
        {
          show_name_missing (self);
          return;
        }
      ok = shequ_org_store_add_person_post (self->store, self->unit, name, phone, role, title,
                                            &error) != NULL;
    }

  if (!ok)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
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

/* A drop-down's focusable part is its inner toggle button: it gets CAPTION's name too. */
static void
name_drop_down (GtkDropDown *drop_down,
                GtkLabel    *caption)
{
  GtkWidget *toggle = shequ_widget_find_descendant (GTK_WIDGET (drop_down),
                                                    GTK_TYPE_TOGGLE_BUTTON);
  g_autofree char *clean = shequ_strip_mnemonic (gtk_label_get_label (caption));

  if (toggle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    clean, -1);
}

/* Adding offers a new person or someone listed (一人多岗: one person may hold posts at
 * several units); editing fills in the post and says whose the name and phone are. */
static void
shequ_person_dialog_constructed (GObject *object)
{
  ShequPersonDialog *self = SHEQU_PERSON_DIALOG (object);
  gboolean adding = self->post == NULL;

  G_OBJECT_CLASS (shequ_person_dialog_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->new_check), adding);
  gtk_widget_set_visible (GTK_WIDGET (self->existing_check), adding);
  gtk_widget_set_visible (GTK_WIDGET (self->person_caption), adding);
  gtk_widget_set_visible (GTK_WIDGET (self->person_dropdown), adding);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_note), !adding);
  if (adding)
    {
      g_autofree char *title = g_strdup_printf (_("Add Person to “%s”"),
                                                shequ_unit_get_name (self->unit));

      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_drop_down_set_model (self->person_dropdown, shequ_org_store_get_people (self->store));
      gtk_drop_down_set_selected (self->role_dropdown, SHEQU_ROLE_GRID_WORKER);
    }
  else
    {
      ShequPerson *person = shequ_post_get_person (self->post);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Post"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                             person ? shequ_person_get_name (person) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->phone_entry),
                             person ? shequ_person_get_phone (person) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry), shequ_post_get_title (self->post));
      gtk_drop_down_set_selected (self->role_dropdown, shequ_post_get_role (self->post));
    }
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
  on_mode_toggled (self);
}

/* ------------------------------------------------------------------ public */

void
shequ_person_dialog_present (GtkWidget     *parent_widget,
                             ShequOrgStore *store,
                             ShequUnit     *unit,
                             ShequPost     *post)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (parent_widget));
  g_return_if_fail (store == NULL || SHEQU_IS_ORG_STORE (store));
  g_return_if_fail (unit == NULL || SHEQU_IS_UNIT (unit));
  g_return_if_fail (post == NULL || SHEQU_IS_POST (post));

  if (store == NULL || unit == NULL)
    return;

  root = gtk_widget_get_root (parent_widget);
  dialog = g_object_new (SHEQU_TYPE_PERSON_DIALOG,
                         "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                         "store", store,
                         "unit", unit,
                         "post", post,
                         NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (SHEQU_PERSON_DIALOG (dialog)->name_entry));
}

/* ------------------------------------------------------------------ GObject */

static void
shequ_person_dialog_dispose (GObject *object)
{
  ShequPersonDialog *self = SHEQU_PERSON_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_PERSON_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->unit);
  g_clear_object (&self->post);

  G_OBJECT_CLASS (shequ_person_dialog_parent_class)->dispose (object);
}

static void
shequ_person_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ShequPersonDialog *self = SHEQU_PERSON_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_UNIT:
      self->unit = g_value_dup_object (value);
      break;
    case PROP_POST:
      self->post = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_person_dialog_class_init (ShequPersonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  /* Given once by shequ_person_dialog_present (), read by nobody. */
  GParamFlags flags = G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                      G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = shequ_person_dialog_constructed;
  object_class->dispose = shequ_person_dialog_dispose;
  object_class->set_property = shequ_person_dialog_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_ORG_STORE, flags);
  properties[PROP_UNIT] = g_param_spec_object ("unit", NULL, NULL, SHEQU_TYPE_UNIT, flags);
  properties[PROP_POST] = g_param_spec_object ("post", NULL, NULL, SHEQU_TYPE_POST, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-person-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, new_check);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, existing_check);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, person_caption);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, role_caption);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, edit_note);
  gtk_widget_class_bind_template_child (widget_class, ShequPersonDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
}

static void
shequ_person_dialog_init (ShequPersonDialog *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (ShequRole role = 0; role < SHEQU_N_ROLES; role++)
    gtk_string_list_append (roles, shequ_role_get_label (role));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (roles));

  /* Typing in the list's search finds people by name; the list shows their phones too. */
  expression = gtk_property_expression_new (SHEQU_TYPE_PERSON, NULL, "name");
  gtk_drop_down_set_expression (self->person_dropdown, expression);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_person_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_person_item), NULL);
  gtk_drop_down_set_factory (self->person_dropdown, factory);

  name_drop_down (self->person_dropdown, self->person_caption);
  name_drop_down (self->role_dropdown, self->role_caption);
}
