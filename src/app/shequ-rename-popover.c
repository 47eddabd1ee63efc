/* shequ-rename-popover.c — the popover over a tree row that renames its unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-rename-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-rename-popover.h"

struct _ShequRenamePopover
{
  GtkPopover  parent_instance;

  ShequUnit  *unit;

  /* template */
  GtkEntry   *entry;
  GtkLabel   *error_label;
};

enum {
  RENAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequRenamePopover, shequ_rename_popover, GTK_TYPE_POPOVER)

static void
clear_error (ShequRenamePopover *self)
{
  GtkAccessible *entry = GTK_ACCESSIBLE (self->entry);

  g_assert (SHEQU_IS_RENAME_POPOVER (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_reset_state (entry, GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (entry, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_relation (entry, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_reset_relation (entry, GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
}

static void
on_entry_activate (ShequRenamePopover *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  g_assert (SHEQU_IS_RENAME_POPOVER (self));

  if (self->unit != NULL)
    g_signal_emit (self, signals[RENAME], 0, name);
}

GtkWidget *
shequ_rename_popover_new (void)
{
  return g_object_new (SHEQU_TYPE_RENAME_POPOVER, NULL);
}

ShequUnit *
shequ_rename_popover_get_unit (ShequRenamePopover *self)
{
  g_return_val_if_fail (SHEQU_IS_RENAME_POPOVER (self), NULL);
  return self->unit;
}

void
shequ_rename_popover_set_unit (ShequRenamePopover *self,
                               ShequUnit          *unit)
{
  g_return_if_fail (SHEQU_IS_RENAME_POPOVER (self));
  g_return_if_fail (unit == NULL || SHEQU_IS_UNIT (unit));

  /* The same unit again too: its name as it is now, no complaint from the last try. */
  if (unit != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), shequ_unit_get_name (unit));
  clear_error (self);
  g_set_object (&self->unit, unit);
}

void
shequ_rename_popover_start (ShequRenamePopover *self,
                            ShequUnit          *unit,
                            const GdkRectangle *rect)
{
  g_return_if_fail (SHEQU_IS_RENAME_POPOVER (self));
  g_return_if_fail (SHEQU_IS_UNIT (unit));
  g_return_if_fail (rect != NULL);

  shequ_rename_popover_set_unit (self, unit);
  gtk_popover_set_pointing_to (GTK_POPOVER (self), rect);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
shequ_rename_popover_show_error (ShequRenamePopover *self,
                                 const char         *message)
{
  g_return_if_fail (SHEQU_IS_RENAME_POPOVER (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, self->error_label,
                                  -1);
}

static void
shequ_rename_popover_dispose (GObject *object)
{
  ShequRenamePopover *self = SHEQU_RENAME_POPOVER (object);

  g_clear_object (&self->unit);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_RENAME_POPOVER);

  G_OBJECT_CLASS (shequ_rename_popover_parent_class)->dispose (object);
}

static void
shequ_rename_popover_class_init (ShequRenamePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_rename_popover_dispose;

  signals[RENAME] =
    g_signal_new ("rename", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-rename-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequRenamePopover, entry);
  gtk_widget_class_bind_template_child (widget_class, ShequRenamePopover, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
}

static void
shequ_rename_popover_init (ShequRenamePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
