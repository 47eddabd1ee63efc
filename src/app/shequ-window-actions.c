/* shequ-window-actions.c — actions: undo, the header buttons, views, shortcuts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-application.h"
#include "shequ-disclosure-sample.h"
#include "shequ-eval-sample.h"
#include "shequ-sample.h"
#include "shequ-window-private.h"

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */

void
_shequ_window_undo_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean redo = g_str_equal (action_name, "win.redo");
  gboolean ok;

  if (self->store == NULL)
    return;

  _shequ_window_hide_toast (self);
  ok = redo ? shequ_org_store_redo (self->store, &error)
            : shequ_org_store_undo (self->store, &error);
  if (!ok && g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
    _shequ_window_present_damaged_dialog (self, error);
  else if (!ok && !g_error_matches (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOTHING_TO_UNDO))
    _shequ_window_show_error (self, redo ? _("Could not redo") : _("Could not undo"), error);
}

void
_shequ_window_close_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

void
_shequ_window_view_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);

  if (g_str_equal (action_name, "win.view-compliance"))
    shequ_window_set_view (self, "compliance");
  else if (g_str_equal (action_name, "win.view-map"))
    shequ_window_set_view (self, "map");
  else if (g_str_equal (action_name, "win.view-eval"))
    shequ_window_set_view (self, "eval");
  else if (g_str_equal (action_name, "win.view-disclosure"))
    shequ_window_set_view (self, "disclosure");
  else
    shequ_window_set_view (self, "org");
}

void
_shequ_window_open_sample_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) disclosure_error = NULL;
  g_autoptr(ShequDisclosureStore) disclosures = NULL;
  gboolean ok;

  if (self->store == NULL)
    return;

  ok = shequ_sample_populate (self->store, &error);
  if (!ok)
    {
      _shequ_window_show_error (self, _("Could not open the sample street"), error);
      return;
    }
  /* The street's evaluation too: every view has something to show on first start. */
  if (self->eval_store != NULL && !shequ_eval_sample_populate (self->eval_store, &error))
    _shequ_window_show_error (self, _("Could not open the sample evaluation"), error);
  /* And its disclosures (a store of their own: the views read them afresh). */
  disclosures = shequ_disclosure_store_new (self->store, &disclosure_error);
  if (disclosures == NULL || !shequ_disclosure_sample_populate (disclosures, &disclosure_error))
    _shequ_window_show_error (self, _("Could not open the sample disclosures"), disclosure_error);
  /* The window's own store reads them at once, not at the next poll. */
  _shequ_window_refresh_disclosure (self);
  shequ_window_set_view (self, "org");
}

void
_shequ_window_create_street_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  const char *county_code = NULL;
  ShequUnit *street;

  if (self->store == NULL)
    return;

  g_variant_get (param, "(&s&s)", &name, &county_code);
  if (!shequ_county_code_check (county_code, &error))
    {
      shequ_welcome_page_set_message (_shequ_window_ensure_welcome_page (self), error->message);
      return;
    }

  street = shequ_sample_create_street (self->store, name, county_code, &error);
  if (street == NULL)
    {
      shequ_welcome_page_set_message (_shequ_window_ensure_welcome_page (self), error->message);
      return;
    }

  shequ_welcome_page_reset (_shequ_window_ensure_welcome_page (self));
  shequ_window_set_view (self, "org");
  shequ_org_view_select_unit (self->org_view, street);
}

void
_shequ_window_add_unit_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);

  if (self->street == NULL)
    return;
  shequ_window_set_view (self, "org");
  /* Below the selected unit; an empty street (or no selection) gets its first area. */
  if (g_list_model_get_n_items (shequ_unit_get_children (self->street)) == 0 ||
      shequ_org_view_get_selected_unit (self->org_view) == NULL)
    shequ_org_view_select_unit (self->org_view, self->street);
  gtk_widget_activate_action (GTK_WIDGET (self->org_view), "org.add-child", NULL);
}

/* The search button follows the org view's search bar, and opens or closes it. */
void
_shequ_window_on_search_button_toggled (ShequWindow *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->search_button));

  g_assert (SHEQU_IS_WINDOW (self));

  if (self->search_bar == NULL ||
      active == gtk_search_bar_get_search_mode (self->search_bar))
    return;
  if (active)
    {
      shequ_window_set_view (self, "org");
      shequ_org_view_start_search (self->org_view);
    }
  else
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
_shequ_window_on_search_mode_changed (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->search_button),
                                gtk_search_bar_get_search_mode (self->search_bar));
}

/* A button's text without its mnemonic: "撤销(_U)" → "撤销", "_Undo" → "Undo". */
static char *
strip_mnemonic (const char *text)
{
  static GRegex *chinese;  /* "(_U)" after a Chinese label; compiled once */
  g_autofree char *without = NULL;
  GString *plain;

  if (g_once_init_enter (&chinese))
    g_once_init_leave (&chinese, g_regex_new ("[(（]_[^)）][)）]", G_REGEX_OPTIMIZE, 0, NULL));
  plain = g_string_new (NULL);
  without = g_regex_replace_literal (chinese, text, -1, 0, "", 0, NULL);
  for (const char *c = without; *c != '\0'; c++)
    {
      if (*c == '_' && c[1] == '_')
        g_string_append_c (plain, *c++);
      else if (*c != '_')
        g_string_append_c (plain, *c);
    }
  return g_string_free (plain, FALSE);
}

/* GTK 4.8 names a labelled button by its label property and, after it, by its label
 * widget, which shows the mnemonic ("撤销(_U) 撤销(U)"): the window's own buttons
 * are named once, without it. */
void
_shequ_window_name_buttons_without_mnemonics (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *name = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    _shequ_window_name_buttons_without_mnemonics (child);
}

GtkWidget *
_shequ_window_find_descendant (GtkWidget *widget,
                               GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = _shequ_window_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
_shequ_window_retry_open_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  shequ_window_load (SHEQU_WINDOW (widget));
}

/* The org view's own actions, for keys pressed while the focus is elsewhere in
 * the window (application accelerators only reach actions of the window). */
/* The choices kept in the settings, as stateful win. actions: the import dialog
 * starts from and stores "win.import-encoding". */
void
_shequ_window_add_settings_actions (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (shequ_settings_has_key (self->settings, "import-encoding"))
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, "import-encoding");

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
}

/* The encoding the import dialog starts from, NULL when none is kept. */
char *
_shequ_window_dup_import_encoding (ShequWindow *self)
{
  g_autoptr(GVariant) state = NULL;

  g_assert (SHEQU_IS_WINDOW (self));

  state = g_action_group_get_action_state (G_ACTION_GROUP (self), "import-encoding");
  return state != NULL ? g_variant_dup_string (state, NULL) : NULL;
}

/* Keeps ENCODING_ID (may be NULL: nothing) as the import dialog's next start; one
 * outside the schema's choices is refused by the action. */
void
_shequ_window_set_import_encoding (ShequWindow *self,
                                   const char  *encoding_id)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (encoding_id != NULL && g_action_group_has_action (G_ACTION_GROUP (self), "import-encoding"))
    g_action_group_change_action_state (G_ACTION_GROUP (self), "import-encoding",
                                        g_variant_new_string (encoding_id));
}

/* An org. shortcut pressed anywhere in the window goes to the org view when it is
 * shown (Ctrl+F shows it first). */
static gboolean
forward_to_org_view (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  const char *action_name = g_variant_get_string (args, NULL);

  if (self->street == NULL || self->load_error != NULL)
    return FALSE;
  if (g_str_equal (action_name, "org.search"))
    shequ_window_set_view (self, "org");
  if (g_strcmp0 (_shequ_window_compute_page (self), "org") != 0)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self->org_view), action_name, NULL);
}

/* The org. keys of the app's one shortcut table, as class key bindings: they run in
 * the bubble phase, so a text entry with the focus keeps its Delete and Ctrl+F. */
void
_shequ_window_class_add_org_bindings (GtkWidgetClass *widget_class)
{
  const ShequShortcut *shortcuts;
  guint n_shortcuts;

  shortcuts = shequ_application_get_shortcuts (&n_shortcuts);
  for (guint i = 0; i < n_shortcuts; i++)
    {
      if (!g_str_has_prefix (shortcuts[i].action, "org."))
        continue;
      for (guint k = 0; shortcuts[i].accels[k] != NULL; k++)
        {
          guint keyval;
          GdkModifierType modifiers;

          if (!gtk_accelerator_parse (shortcuts[i].accels[k], &keyval, &modifiers))
            g_error ("Bad accelerator %s", shortcuts[i].accels[k]);
          gtk_widget_class_add_binding (widget_class, keyval, modifiers, forward_to_org_view,
                                        "s", shortcuts[i].action);
        }
    }
}

/* GTK 4.8 wraps a tooltip to its narrowest width when the text is Chinese (a break
 * is allowed after every character): show the tooltip text on one line instead. */
gboolean
_shequ_window_on_query_single_line_tooltip (GtkWidget  *widget,
                                            int         x,
                                            int         y,
                                            gboolean    keyboard_mode,
                                            GtkTooltip *tooltip,
                                            gpointer    user_data)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return FALSE;
  label = gtk_label_new (text);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 80);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

/* GtkShortcutsWindow heads itself "Shortcuts" (GTK's own words); the menu item that
 * opens it says "Keyboard Shortcuts": one name for both. */
static gboolean
retitle_shortcuts (GtkWidget  *widget,
                   const char *gtk_title,
                   const char *title)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), gtk_title) == 0)
    {
      gtk_label_set_text (GTK_LABEL (widget), title);
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (retitle_shortcuts (child, gtk_title, title))
      return TRUE;
  return FALSE;
}

/* The shortcuts window is built when first asked for (not by GtkApplication for
 * every window at its start). */
void
_shequ_window_show_shortcuts_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/org/shequ/Shequ/ui/help-overlay.ui");
      GtkWidget *titlebar;

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_title (GTK_WINDOW (overlay), _("Keyboard Shortcuts"));
      titlebar = gtk_window_get_titlebar (GTK_WINDOW (overlay));
      if (titlebar != NULL)
        retitle_shortcuts (titlebar, g_dgettext ("gtk40", "Shortcuts"), _("Keyboard Shortcuts"));
      /* The window keeps it (hidden when closed) and makes it its transient. */
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}
