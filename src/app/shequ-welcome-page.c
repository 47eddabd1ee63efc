/* shequ-welcome-page.c — first run: open the sample street or create a new one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-county-code.h"
#include "shequ-org-store.h"
#include "shequ-welcome-page-private.h"

/* A column of at most MAX_COLUMN_WIDTH pixels, centred. GTK 4.8 has no clamp
 * widget, and halign=center sizes wrapping labels badly inside a viewport. */
#define MAX_COLUMN_WIDTH 520

#define SHEQU_TYPE_WELCOME_CLAMP (shequ_welcome_clamp_get_type ())
G_DECLARE_FINAL_TYPE (ShequWelcomeClamp, shequ_welcome_clamp, SHEQU, WELCOME_CLAMP, GtkWidget)

struct _ShequWelcomeClamp
{
  GtkWidget parent_instance;
};

static void shequ_welcome_clamp_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShequWelcomeClamp, shequ_welcome_clamp, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      shequ_welcome_clamp_buildable_init))

static void
shequ_welcome_clamp_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int child_min = 0, child_nat = 0;

  if (child != NULL && orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      child_nat = MAX (child_min, MIN (child_nat, MAX_COLUMN_WIDTH));
    }
  else if (child != NULL)
    {
      int width = for_size < 0 ? -1 : MIN (for_size, MAX_COLUMN_WIDTH);

      if (width >= 0)
        {
          int min_width = 0;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
          width = MAX (width, min_width);
        }
      gtk_widget_measure (child, orientation, width, &child_min, &child_nat, NULL, NULL);
    }
  *minimum = child_min;
  *natural = child_nat;
  *minimum_baseline = *natural_baseline = -1;
}

static void
shequ_welcome_clamp_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int min_width = 0;
  int child_width;

  if (child == NULL)
    return;
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  child_width = MIN (width, MAX (min_width, MAX_COLUMN_WIDTH));
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { (width - child_width) / 2, 0, child_width, height },
                            -1);
}

static GtkSizeRequestMode
shequ_welcome_clamp_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
shequ_welcome_clamp_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (shequ_welcome_clamp_parent_class)->dispose (object);
}

static void
shequ_welcome_clamp_add_child (GtkBuildable *buildable,
                               GtkBuilder   *builder,
                               GObject      *child,
                               const char   *type)
{
  if (GTK_IS_WIDGET (child))
    gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (buildable));
}

static void
shequ_welcome_clamp_buildable_init (GtkBuildableIface *iface)
{
  iface->add_child = shequ_welcome_clamp_add_child;
}

static void
shequ_welcome_clamp_class_init (ShequWelcomeClampClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = shequ_welcome_clamp_dispose;
  widget_class->measure = shequ_welcome_clamp_measure;
  widget_class->size_allocate = shequ_welcome_clamp_size_allocate;
  widget_class->get_request_mode = shequ_welcome_clamp_get_request_mode;
}

static void
shequ_welcome_clamp_init (ShequWelcomeClamp *self)
{
}

struct _ShequWelcomePage
{
  GtkWidget  parent_instance;

  GtkImage  *logo;
  GtkEntry  *name_entry;
  GtkEntry  *code_entry;
  GtkLabel  *message_label;
  GtkButton *create_button;

  gboolean   can_create;
  /* The name entry had text once: from then on an empty name is worth a message. */
  gboolean   name_touched;
};

G_DEFINE_FINAL_TYPE (ShequWelcomePage, shequ_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAN_CREATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_entry_error (GtkEntry *entry,
                 gboolean  error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

void
shequ_welcome_page_set_message (ShequWelcomePage *self,
                                const char       *message)
{
  g_return_if_fail (SHEQU_IS_WELCOME_PAGE (self));

  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label),
                          message != NULL && *message != '\0');
}

static void
validate (ShequWelcomePage *self)
{
  g_autofree char *name = shequ_entry_dup_stripped_text (self->name_entry);
  g_autofree char *code = shequ_entry_dup_stripped_text (self->code_entry);
  g_autoptr(GError) code_error = NULL;
  gboolean name_ok = *name != '\0';
  gboolean code_ok = shequ_county_code_check (code, &code_error);
  gboolean can_create = name_ok && code_ok;

  g_assert (SHEQU_IS_WELCOME_PAGE (self));

  if (*name != '\0')
    self->name_touched = TRUE;

  /* Say what is wrong only once there is something typed to be wrong. */
  set_entry_error (self->code_entry, !code_ok && *code != '\0');
  set_entry_error (self->name_entry, !name_ok && self->name_touched);

  if (!code_ok && *code != '\0')
    shequ_welcome_page_set_message (self, code_error->message);
  else if (!name_ok && self->name_touched)
    shequ_welcome_page_set_message (self, _("Enter the name of the street."));
  else
    shequ_welcome_page_set_message (self, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), can_create);
  if (can_create != self->can_create)
    {
      self->can_create = can_create;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CREATE]);
    }
}

static void
on_entry_changed (ShequWelcomePage *self)
{
  g_assert (SHEQU_IS_WELCOME_PAGE (self));

  validate (self);
}

static void
on_create_clicked (ShequWelcomePage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;

  g_assert (SHEQU_IS_WELCOME_PAGE (self));

  validate (self);
  if (!self->can_create)
    {
      if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
        {
          self->name_touched = TRUE;
          validate (self);
        }
      return;
    }

  name = shequ_entry_dup_stripped_text (self->name_entry);
  code = shequ_entry_dup_stripped_text (self->code_entry);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.create-street", "(ss)", name, code);
}

static void
shequ_welcome_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShequWelcomePage *self = SHEQU_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_CREATE:
      g_value_set_boolean (value, self->can_create);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_welcome_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), SHEQU_TYPE_WELCOME_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (shequ_welcome_page_parent_class)->dispose (object);
}

static void
shequ_welcome_page_class_init (ShequWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = shequ_welcome_page_get_property;
  object_class->dispose = shequ_welcome_page_dispose;

  properties[PROP_CAN_CREATE] =
    g_param_spec_boolean ("can-create", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHEQU_TYPE_WELCOME_CLAMP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequWelcomePage, logo);
  gtk_widget_class_bind_template_child (widget_class, ShequWelcomePage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequWelcomePage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequWelcomePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, ShequWelcomePage, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
  gtk_widget_class_set_css_name (widget_class, "shequwelcomepage");
}

static void
shequ_welcome_page_init (ShequWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
}

void
shequ_welcome_page_set_new_street (ShequWelcomePage *self,
                                   const char       *name,
                                   const char       *county_code)
{
  g_return_if_fail (SHEQU_IS_WELCOME_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), county_code != NULL ? county_code : "");
  validate (self);
}

gboolean
shequ_welcome_page_get_can_create (ShequWelcomePage *self)
{
  g_return_val_if_fail (SHEQU_IS_WELCOME_PAGE (self), FALSE);
  return self->can_create;
}

const char *
shequ_welcome_page_get_message (ShequWelcomePage *self)
{
  g_return_val_if_fail (SHEQU_IS_WELCOME_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return "";
  return gtk_label_get_text (self->message_label);
}

void
shequ_welcome_page_reset (ShequWelcomePage *self)
{
  g_return_if_fail (SHEQU_IS_WELCOME_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  self->name_touched = FALSE;
  validate (self);
}
