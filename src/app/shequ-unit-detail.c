/* shequ-unit-detail.c — the detail pane: one unit's fields, roll-ups and people */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-unit-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-unit-detail-private.h"

enum {
  PROP_0,
  PROP_STORE,
  PROP_UNIT,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ShequUnitDetail, shequ_unit_detail, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------ helpers */

static gboolean
entry_has_focus (GtkEntry *entry)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (entry));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (entry) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));
}

static void
set_entry_text (ShequUnitDetail *self,
                GtkEntry        *entry,
                const char      *text,
                gboolean         force)
{
  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  /* Never pull text out from under someone typing in it. */
  if (!force && entry_has_focus (entry))
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") == 0)
    return;
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  self->updating = FALSE;
}

static void
show_field_error (GtkLabel   *message,
                  GtkEntry   *entry,
                  const char *text)
{
  gtk_label_set_text (message, text);
  gtk_widget_add_css_class (GTK_WIDGET (message), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (message), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (message), TRUE);
  if (entry != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      /* The message belongs to the field: a screen reader reads it with the field. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message, NULL,
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, message,
                                      -1);
    }
}

static void
clear_entry_error (GtkEntry *entry)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
}

static gboolean
is_leaf (ShequUnit *unit)
{
  g_assert (SHEQU_IS_UNIT (unit));

  return shequ_unit_get_n_children (unit) == 0;
}

static void
update_figures_note (ShequUnitDetail *self)
{
  GtkWidget *message = GTK_WIDGET (self->figures_message);

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  /* An error shown stays until the field is edited again. */
  if (gtk_widget_has_css_class (message, "error") && gtk_widget_get_visible (message))
    return;

  if (self->unit != NULL && !is_leaf (self->unit))
    {
      gtk_label_set_text (self->figures_message,
                          _("Totals of the units below. Enter figures on grids and villages."));
      gtk_widget_add_css_class (message, "dim-label");
      gtk_widget_set_visible (message, TRUE);
    }
  else
    gtk_widget_set_visible (message, FALSE);
}

/* ------------------------------------------------------------------ refresh */

static void
refresh_roles (ShequUnitDetail *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  for (ShequRole role = 0; role < SHEQU_N_ROLES; role++)
    {
      guint n = shequ_unit_get_role_count (self->unit, role);

      if (n == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, SHEQU_NO_BREAK_SPACE "·" " ");
      shequ_string_append_unbreakable (text, shequ_role_get_label (role));
      g_string_append_printf (text, SHEQU_NO_BREAK_SPACE "%u", n);
    }
  if (text->len == 0)
    g_string_append (text, _("No one yet"));
  shequ_label_set_unbreakable_text (self->roles_label, text->str);
}

static void
refresh_compliance (ShequUnitDetail *self)
{
  GtkWidget *label = GTK_WIDGET (self->compliance_label);
  gboolean checked = shequ_unit_is_checked (self->unit);

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->compliance_caption), checked);
  gtk_widget_set_visible (label, checked);
  if (!checked)
    return;

  if (shequ_unit_get_compliant (self->unit))
    {
      g_autofree char *text = g_strdup_printf ("✓ %s", _("Complies: enough mediators and a legal adviser"));

      gtk_label_set_text (self->compliance_label, text);
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "success");
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Breaks a rule: %s"),
                                               shequ_unit_get_compliance_text (self->unit));

      gtk_label_set_text (self->compliance_label, text);
      gtk_widget_remove_css_class (label, "success");
      gtk_widget_add_css_class (label, "error");
    }
}

/* The unit's values into the entries. FORCE: all of them (a new unit); otherwise not
 * into an entry someone is typing in, an unlocked code or a refused figure, and the
 * figures only where they are entered (a grid or village). */
static void
fill_entries (ShequUnitDetail *self,
              gboolean         force)
{
  ShequUnit *unit = self->unit;
  g_autofree char *population = NULL;
  g_autofree char *households = NULL;

  g_assert (SHEQU_IS_UNIT_DETAIL (self));
  g_assert (SHEQU_IS_UNIT (unit));

  set_entry_text (self, self->name_entry, shequ_unit_get_name (unit), force);
  if (force || !gtk_editable_get_editable (GTK_EDITABLE (self->code_entry)))
    set_entry_text (self, self->code_entry, shequ_unit_get_code (unit), TRUE);
  set_entry_text (self, self->party_body_entry, shequ_unit_get_party_body (unit), force);
  set_entry_text (self, self->service_body_entry, shequ_unit_get_service_body (unit), force);
  set_entry_text (self, self->note_entry, shequ_unit_get_note (unit), force);
  if (!force && !is_leaf (unit))
    return;
  population = shequ_format_count (shequ_unit_get_population (unit));
  households = shequ_format_count (shequ_unit_get_households (unit));
  if (force || !gtk_widget_has_css_class (GTK_WIDGET (self->population_entry), "error"))
    set_entry_text (self, self->population_entry, population, force);
  if (force || !gtk_widget_has_css_class (GTK_WIDGET (self->households_entry), "error"))
    set_entry_text (self, self->households_entry, households, force);
}

static void
refresh (ShequUnitDetail *self)
{
  ShequUnit *unit = self->unit;
  g_autofree char *subtitle = NULL;
  g_autofree char *grids = NULL;
  gboolean leaf;

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  if (unit == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "unit");
  leaf = is_leaf (unit);

  gtk_image_set_from_icon_name (self->tier_icon,
                                shequ_tier_get_icon_name (shequ_unit_get_tier (unit)));
  gtk_label_set_text (self->title_label, shequ_unit_get_name (unit));
  subtitle = g_strdup_printf ("%s · %s", shequ_tier_get_label (shequ_unit_get_tier (unit)),
                              shequ_unit_get_code (unit));
  gtk_label_set_text (self->subtitle_label, subtitle);

  fill_entries (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->population_entry), leaf);
  gtk_widget_set_visible (GTK_WIDGET (self->households_entry), leaf);
  gtk_widget_set_visible (GTK_WIDGET (self->population_total), !leaf);
  gtk_widget_set_visible (GTK_WIDGET (self->households_total), !leaf);
  if (!leaf)
    {
      guint n_grids = shequ_unit_get_grid_count (unit);
      g_autofree char *population = shequ_format_total (shequ_unit_get_total_population (unit),
                                                        n_grids);
      g_autofree char *households = shequ_format_total (shequ_unit_get_total_households (unit),
                                                        n_grids);

      shequ_label_set_total_text (self->population_total, population);
      shequ_label_set_total_text (self->households_total, households);
    }
  update_figures_note (self);

  /* Grids and villages (base grids) do not count themselves. */
  grids = shequ_format_count (shequ_unit_get_grid_count (unit));
  gtk_label_set_text (self->grids_label, grids);
  gtk_widget_set_visible (GTK_WIDGET (self->grids_caption), !leaf);
  gtk_widget_set_visible (GTK_WIDGET (self->grids_label), !leaf);
  refresh_roles (self);
  refresh_compliance (self);
}

static void
on_unit_notify (ShequUnitDetail *self)
{
  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  refresh (self);
}

static void
on_store_changed (ShequUnitDetail *self)
{
  /* Role counts are not properties: a post edit shows up through "applied". */
  if (self->unit != NULL)
    refresh (self);
}

/* ------------------------------------------------------------------ committing edits */

static void
commit_figures (ShequUnitDetail *self,
                Field            field)
{
  GtkEntry *edited = self->entries[field];
  gint64 population, households;
  g_autoptr(GError) error = NULL;

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  if (!shequ_parse_count (gtk_editable_get_text (GTK_EDITABLE (edited)),
                          field == FIELD_POPULATION ? &population : &households))
    {
      show_field_error (self->figures_message, edited, _("Enter a whole number of 0 or more."));
      return;
    }

  /* The other figure as shown if valid, else as stored. */
  if (field == FIELD_POPULATION &&
      !shequ_parse_count (gtk_editable_get_text (GTK_EDITABLE (self->households_entry)), &households))
    households = shequ_unit_get_households (self->unit);
  else if (field == FIELD_HOUSEHOLDS &&
           !shequ_parse_count (gtk_editable_get_text (GTK_EDITABLE (self->population_entry)), &population))
    population = shequ_unit_get_population (self->unit);

  clear_entry_error (edited);
  gtk_widget_remove_css_class (GTK_WIDGET (self->figures_message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->figures_message), FALSE);

  if (population == shequ_unit_get_population (self->unit) &&
      households == shequ_unit_get_households (self->unit))
    {
      refresh (self);
      return;
    }

  if (!shequ_org_store_set_figures (self->store, self->unit, population, households, &error))
    {
      show_field_error (self->figures_message, edited, error->message);
      return;
    }
  /* Reformat what was typed ("12345" → "12,345"). */
  {
    g_autofree char *p = shequ_format_count (shequ_unit_get_population (self->unit));
    g_autofree char *h = shequ_format_count (shequ_unit_get_households (self->unit));

    set_entry_text (self, self->population_entry, p, TRUE);
    set_entry_text (self, self->households_entry, h, TRUE);
  }
  update_figures_note (self);
}

static void
lock_code (ShequUnitDetail *self)
{
  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  gtk_editable_set_editable (GTK_EDITABLE (self->code_entry), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->code_warning), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_code_button), TRUE);
  clear_entry_error (self->code_entry);
  if (self->unit != NULL)
    set_entry_text (self, self->code_entry, shequ_unit_get_code (self->unit), TRUE);
}

static void
commit_field (ShequUnitDetail *self,
              Field            field)
{
  GtkEntry *entry = self->entries[field];
  g_autofree char *text = NULL;
  const char *current = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  if (self->unit == NULL || self->store == NULL || self->updating)
    return;

  if (field == FIELD_POPULATION || field == FIELD_HOUSEHOLDS)
    {
      if (is_leaf (self->unit))
        commit_figures (self, field);
      return;
    }
  if (field == FIELD_CODE && !gtk_editable_get_editable (GTK_EDITABLE (entry)))
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  switch (field)
    {
    case FIELD_NAME:
      current = shequ_unit_get_name (self->unit);
      break;
    case FIELD_CODE:
      current = shequ_unit_get_code (self->unit);
      break;
    case FIELD_PARTY_BODY:
      current = shequ_unit_get_party_body (self->unit);
      break;
    case FIELD_SERVICE_BODY:
      current = shequ_unit_get_service_body (self->unit);
      break;
    case FIELD_NOTE:
      current = shequ_unit_get_note (self->unit);
      break;
    case FIELD_POPULATION:
    case FIELD_HOUSEHOLDS:
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }

  if (g_strcmp0 (text, current ? current : "") == 0)
    {
      clear_entry_error (entry);
      gtk_widget_set_visible (GTK_WIDGET (self->fields_message), FALSE);
      if (field == FIELD_CODE)
        lock_code (self);
      return;
    }

  if (field == FIELD_NAME)
    ok = shequ_org_store_rename_unit (self->store, self->unit, text, &error);
  else
    ok = shequ_org_store_update_unit (self->store, self->unit,
                                      field == FIELD_CODE ? text : NULL,
                                      NULL,
                                      field == FIELD_PARTY_BODY ? text : NULL,
                                      field == FIELD_SERVICE_BODY ? text : NULL,
                                      field == FIELD_NOTE ? text : NULL,
                                      &error);
  if (!ok)
    {
      show_field_error (self->fields_message, entry, error->message);
      return;
    }

  clear_entry_error (entry);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_message), FALSE);
  if (field == FIELD_CODE)
    lock_code (self);
}

/* Which field ENTRY edits. */
static Field
field_of_entry (ShequUnitDetail *self,
                GtkWidget       *entry)
{
  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  for (Field field = 0; field < N_FIELDS; field++)
    if (GTK_WIDGET (self->entries[field]) == entry)
      return field;
  g_assert_not_reached ();
}

static void
on_entry_activate (GtkEntry        *entry,
                   ShequUnitDetail *self)
{
  commit_field (self, field_of_entry (self, GTK_WIDGET (entry)));
}

static void
on_entry_focus_leave (GtkEventControllerFocus *controller,
                      ShequUnitDetail         *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  commit_field (self, field_of_entry (self, entry));
}

static void
on_entry_changed (GtkEditable     *editable,
                  ShequUnitDetail *self)
{
  Field field = field_of_entry (self, GTK_WIDGET (editable));

  if (self->updating)
    return;
  /* Typing again takes the complaint away; the next commit judges anew. */
  if (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"))
    {
      clear_entry_error (GTK_ENTRY (editable));
      if (field == FIELD_POPULATION || field == FIELD_HOUSEHOLDS)
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->figures_message), "error");
          gtk_widget_set_visible (GTK_WIDGET (self->figures_message), FALSE);
          update_figures_note (self);
        }
      else
        gtk_widget_set_visible (GTK_WIDGET (self->fields_message), FALSE);
    }
}

static void
on_change_code_clicked (ShequUnitDetail *self)
{
  g_assert (SHEQU_IS_UNIT_DETAIL (self));

  gtk_editable_set_editable (GTK_EDITABLE (self->code_entry), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->code_warning), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_code_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

/* ------------------------------------------------------------------ public */

void
shequ_unit_detail_set_store (ShequUnitDetail *self,
                             ShequOrgStore   *store)
{
  g_return_if_fail (SHEQU_IS_UNIT_DETAIL (self));

  if (self->store == store)
    return;
  shequ_unit_detail_set_unit (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "applied", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

ShequUnit *
shequ_unit_detail_get_unit (ShequUnitDetail *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT_DETAIL (self), NULL);
  return self->unit;
}

void
shequ_unit_detail_set_unit (ShequUnitDetail *self,
                            ShequUnit       *unit)
{
  g_return_if_fail (SHEQU_IS_UNIT_DETAIL (self));
  g_return_if_fail (unit == NULL || SHEQU_IS_UNIT (unit));

  if (self->unit == unit)
    return;

  if (self->unit != NULL)
    g_clear_signal_handler (&self->unit_notify_id, self->unit);
  g_set_object (&self->unit, unit);
  if (unit != NULL)
    self->unit_notify_id = g_signal_connect_swapped (unit, "notify",
                                                     G_CALLBACK (on_unit_notify), self);

  /* A new unit starts clean: no complaints or unlocked code from the last one. */
  for (guint i = 0; i < N_FIELDS; i++)
    clear_entry_error (self->entries[i]);
  gtk_widget_remove_css_class (GTK_WIDGET (self->figures_message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->figures_message), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_message), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->code_entry), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->code_warning), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_code_button), TRUE);
  if (unit != NULL)
    fill_entries (self, TRUE);

  _shequ_unit_detail_bind_people (self);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

/* The session's unit is the one shown. */
static void
on_session_selected_unit_changed (ShequUnitDetail *self,
                                  GParamSpec      *pspec,
                                  ShequSession    *session)
{
  g_assert (SHEQU_IS_UNIT_DETAIL (self));
  shequ_unit_detail_set_unit (self, shequ_session_get_selected_unit (session));
}

ShequSession *
shequ_unit_detail_get_session (ShequUnitDetail *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT_DETAIL (self), NULL);
  return self->session;
}

void
shequ_unit_detail_set_session (ShequUnitDetail *self,
                               ShequSession    *session)
{
  g_return_if_fail (SHEQU_IS_UNIT_DETAIL (self));
  g_return_if_fail (session == NULL || SHEQU_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  if (self->session_signals == NULL)
    {
      self->session_signals = g_signal_group_new (SHEQU_TYPE_SESSION);
      g_signal_group_connect_object (self->session_signals, "notify::selected-unit",
                                     G_CALLBACK (on_session_selected_unit_changed), self,
                                     G_CONNECT_SWAPPED);
    }
  g_signal_group_set_target (self->session_signals, session);
  shequ_unit_detail_set_store (self, session != NULL ? shequ_session_get_store (session) : NULL);
  shequ_unit_detail_set_unit (self, session != NULL ? shequ_session_get_selected_unit (session)
                                                    : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

GtkWidget *
shequ_unit_detail_get_population_entry (ShequUnitDetail *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT_DETAIL (self), NULL);
  return GTK_WIDGET (self->population_entry);
}

const char *
shequ_unit_detail_get_figures_message (ShequUnitDetail *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT_DETAIL (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->figures_message)))
    return NULL;
  return gtk_label_get_text (self->figures_message);
}

GtkWidget *
shequ_unit_detail_get_people_list (ShequUnitDetail *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT_DETAIL (self), NULL);
  return GTK_WIDGET (self->people_list);
}

/* ------------------------------------------------------------------ GObject */

static void
shequ_unit_detail_dispose (GObject *object)
{
  ShequUnitDetail *self = SHEQU_UNIT_DETAIL (object);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  if (self->unit != NULL)
    g_clear_signal_handler (&self->unit_notify_id, self->unit);
  g_clear_object (&self->unit);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->people_model != NULL)
    g_signal_handlers_disconnect_by_data (self->people_model, self);
  g_clear_object (&self->people_model);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_UNIT_DETAIL);
  /* Template children without an id are not cleared by the call above. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (shequ_unit_detail_parent_class)->dispose (object);
}

static void
shequ_unit_detail_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ShequUnitDetail *self = SHEQU_UNIT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_UNIT:
      g_value_set_object (value, self->unit);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_unit_detail_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ShequUnitDetail *self = SHEQU_UNIT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      shequ_unit_detail_set_store (self, g_value_get_object (value));
      break;
    case PROP_UNIT:
      shequ_unit_detail_set_unit (self, g_value_get_object (value));
      break;
    case PROP_SESSION:
      shequ_unit_detail_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_unit_detail_class_init (ShequUnitDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_unit_detail_dispose;
  object_class->get_property = shequ_unit_detail_get_property;
  object_class->set_property = shequ_unit_detail_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_ORG_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNIT] =
    g_param_spec_object ("unit", NULL, NULL, SHEQU_TYPE_UNIT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SHEQU_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-unit-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, tier_icon);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, code_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, change_code_button);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, code_warning);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, party_body_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, service_body_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, note_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, fields_message);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, population_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, population_total);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, households_entry);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, households_total);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, figures_message);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, grids_caption);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, grids_label);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, roles_label);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, compliance_caption);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, compliance_label);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, people_list);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, add_person_button);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, edit_person_button);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, remove_person_button);
  gtk_widget_class_bind_template_child (widget_class, ShequUnitDetail, people_message);
  gtk_widget_class_bind_template_callback (widget_class, on_change_code_clicked);
  _shequ_unit_detail_class_people_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "shequ-unit-detail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
shequ_unit_detail_init (ShequUnitDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries[FIELD_NAME] = self->name_entry;
  self->entries[FIELD_CODE] = self->code_entry;
  self->entries[FIELD_PARTY_BODY] = self->party_body_entry;
  self->entries[FIELD_SERVICE_BODY] = self->service_body_entry;
  self->entries[FIELD_NOTE] = self->note_entry;
  self->entries[FIELD_POPULATION] = self->population_entry;
  self->entries[FIELD_HOUSEHOLDS] = self->households_entry;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (self->entries[i], "activate", G_CALLBACK (on_entry_activate), self);
      g_signal_connect (self->entries[i], "changed", G_CALLBACK (on_entry_changed), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_entry_focus_leave), self);
      gtk_widget_add_controller (GTK_WIDGET (self->entries[i]), focus);
    }

  _shequ_unit_detail_people_init (self);

  /* "名称(_N)" is read as "名称", not "名称(N)", and "_Name" never as "_Name Name". */
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));

  refresh (self);
}
