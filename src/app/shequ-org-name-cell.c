/* shequ-org-name-cell.c — what the tree's name column shows for a unit: icon, name, match */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-name-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-org-name-cell.h"

struct _ShequOrgNameCell
{
  GtkWidget  parent_instance;

  ShequUnit *unit;

  /* template */
  GtkImage  *icon;
  GtkLabel  *label;
  GtkLabel  *hint;
};

enum {
  PROP_0,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequOrgNameCell, shequ_org_name_cell, GTK_TYPE_WIDGET)

GtkWidget *
shequ_org_name_cell_new (void)
{
  return g_object_new (SHEQU_TYPE_ORG_NAME_CELL, NULL);
}

ShequUnit *
shequ_org_name_cell_get_unit (ShequOrgNameCell *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_NAME_CELL (self), NULL);
  return self->unit;
}

void
shequ_org_name_cell_set_unit (ShequOrgNameCell *self,
                              ShequUnit        *unit)
{
  g_return_if_fail (SHEQU_IS_ORG_NAME_CELL (self));
  g_return_if_fail (unit == NULL || SHEQU_IS_UNIT (unit));

  if (!g_set_object (&self->unit, unit))
    return;
  if (unit != NULL)
    gtk_image_set_from_icon_name (self->icon,
                                  shequ_tier_get_icon_name (shequ_unit_get_tier (unit)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

void
shequ_org_name_cell_update (ShequOrgNameCell *self,
                            const char       *search,
                            const char       *hint)
{
  g_return_if_fail (SHEQU_IS_ORG_NAME_CELL (self));

  if (self->unit == NULL)
    return;
  /* The tier may have changed (an import does that) while the cell stayed bound. */
  gtk_image_set_from_icon_name (self->icon,
                                shequ_tier_get_icon_name (shequ_unit_get_tier (self->unit)));
  shequ_label_set_highlighted (self->label, shequ_unit_get_name (self->unit), search);
  shequ_label_set_highlighted (self->hint, hint, search);
  gtk_widget_set_visible (GTK_WIDGET (self->hint), hint != NULL);
}

GtkLabel *
shequ_org_name_cell_get_label (ShequOrgNameCell *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_NAME_CELL (self), NULL);
  return self->label;
}

static void
shequ_org_name_cell_dispose (GObject *object)
{
  ShequOrgNameCell *self = SHEQU_ORG_NAME_CELL (object);

  g_clear_object (&self->unit);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_ORG_NAME_CELL);

  G_OBJECT_CLASS (shequ_org_name_cell_parent_class)->dispose (object);
}

static void
shequ_org_name_cell_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ShequOrgNameCell *self = SHEQU_ORG_NAME_CELL (object);

  switch (prop_id)
    {
    case PROP_UNIT:
      g_value_set_object (value, self->unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_org_name_cell_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ShequOrgNameCell *self = SHEQU_ORG_NAME_CELL (object);

  switch (prop_id)
    {
    case PROP_UNIT:
      shequ_org_name_cell_set_unit (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_org_name_cell_class_init (ShequOrgNameCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_org_name_cell_dispose;
  object_class->get_property = shequ_org_name_cell_get_property;
  object_class->set_property = shequ_org_name_cell_set_property;

  properties[PROP_UNIT] =
    g_param_spec_object ("unit", NULL, NULL, SHEQU_TYPE_UNIT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-org-name-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequOrgNameCell, icon);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgNameCell, label);
  gtk_widget_class_bind_template_child (widget_class, ShequOrgNameCell, hint);

  /* What the GtkBox it replaces was to screen readers: a group the row's label names. */
  gtk_widget_class_set_css_name (widget_class, "shequ-org-name-cell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
shequ_org_name_cell_init (ShequOrgNameCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
