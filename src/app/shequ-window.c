/* shequ-window.c — a main window: one database, its views, pages, titles and undo state */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-dialogs.h"
#include "shequ-window-private.h"

G_DEFINE_FINAL_TYPE (ShequWindow, shequ_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_STORE,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Dialogs about this window's database                                      */

void
_shequ_window_set_dialog (ShequWindow *self,
                          GtkWidget   *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog != NULL ? GTK_WINDOW (dialog) : NULL;
  if (self->dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
}

void
_shequ_window_close_dialog (ShequWindow *self)
{
  g_clear_handle_id (&self->dialog_idle_id, g_source_remove);
  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;

      _shequ_window_set_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }
}

GtkWidget *
_shequ_window_show_error (ShequWindow  *self,
                          const char   *primary,
                          const GError *error)
{
  GtkWidget *dialog;

  dialog = shequ_show_message (GTK_WINDOW (self), GTK_MESSAGE_ERROR, primary,
                               error != NULL ? error->message : NULL);
  _shequ_window_set_dialog (self, dialog);
  return dialog;
}
/* ------------------------------------------------------------------------ */
/* Pages built when first shown                                             */

static void on_unit_activated (ShequWindow *self,
                               ShequUnit   *unit);

/* Most starts show the organisation view only: the welcome page and the compliance
 * panel cost nothing until the user goes there. */
ShequWelcomePage *
_shequ_window_ensure_welcome_page (ShequWindow *self)
{
  if (self->welcome_page == NULL)
    {
      GtkWidget *page = g_object_new (SHEQU_TYPE_WELCOME_PAGE,
                                      "hexpand", TRUE, "vexpand", TRUE, NULL);

      gtk_box_append (GTK_BOX (self->welcome_slot), page);
      self->welcome_page = SHEQU_WELCOME_PAGE (page);
    }
  return self->welcome_page;
}

static ShequCompliancePanel *
ensure_compliance_panel (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (self->compliance_panel == NULL)
    {
      GtkWidget *panel = g_object_new (SHEQU_TYPE_COMPLIANCE_PANEL,
                                       "hexpand", TRUE, "vexpand", TRUE, NULL);

      self->compliance_panel = SHEQU_COMPLIANCE_PANEL (panel);
      g_signal_connect_object (panel, "unit-activated",
                               G_CALLBACK (on_unit_activated), self, G_CONNECT_SWAPPED);
      shequ_compliance_panel_set_session (self->compliance_panel, self->session);
      gtk_box_append (GTK_BOX (self->compliance_slot), panel);
    }
  return self->compliance_panel;
}

/* ------------------------------------------------------------------------ */
/* The store and the street                                                  */

static void
update_titles (ShequWindow *self)
{
  const char *street_name = self->street != NULL ? shequ_unit_get_name (self->street) : NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  g_assert (SHEQU_IS_WINDOW (self));

  if (street_name != NULL && *street_name != '\0')
    subtitle = g_strdup (street_name);
  else if (self->database_path != NULL)
    subtitle = g_path_get_basename (self->database_path);

  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);
  if (self->database_path != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), self->database_path);

  /* The window list of the desktop tells windows apart by the street. */
  if (street_name != NULL && *street_name != '\0')
    /* Translators: the window title, e.g. "平邑街道 — Shequ" */
    title = g_strdup_printf (_("%s — Shequ"), street_name);
  else
    title = g_strdup (_("Shequ"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_street (ShequWindow *self)
{
  ShequUnit *street = self->store != NULL ? shequ_org_store_get_street (self->store) : NULL;

  g_assert (SHEQU_IS_WINDOW (self));

  if (street != self->street)
    {
      if (self->street != NULL)
        {
          g_signal_handlers_disconnect_by_func (self->street, update_titles, self);
          g_signal_handlers_disconnect_by_func (shequ_unit_get_children (self->street),
                                                _shequ_window_update_page, self);
        }
      g_set_object (&self->street, street);
      if (self->street != NULL)
        {
          g_signal_connect_object (self->street, "notify::name",
                                   G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
          /* The first area replaces the page about an empty street, and back. */
          g_signal_connect_object (shequ_unit_get_children (self->street), "items-changed",
                                   G_CALLBACK (_shequ_window_update_page), self, G_CONNECT_SWAPPED);
        }
    }
  update_titles (self);
  _shequ_window_update_page (self);
  _shequ_window_update_actions (self);
}

static void
update_undo (ShequWindow *self)
{
  const char *undo_label = NULL;
  const char *redo_label = NULL;
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

  g_assert (SHEQU_IS_WINDOW (self));

  if (self->store != NULL)
    {
      if (shequ_org_store_get_can_undo (self->store))
        undo_label = shequ_org_store_get_undo_label (self->store);
      if (shequ_org_store_get_can_redo (self->store))
        redo_label = shequ_org_store_get_redo_label (self->store);
    }

  /* Translators: tooltip of the undo button; %s says what would be undone */
  undo_tip = undo_label != NULL && *undo_label ? g_strdup_printf (_("Undo: %s"), undo_label)
                                               : g_strdup (_("Undo"));
  /* Translators: tooltip of the redo button; %s says what would be redone */
  redo_tip = redo_label != NULL && *redo_label ? g_strdup_printf (_("Redo: %s"), redo_label)
                                               : g_strdup (_("Redo"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->undo_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, undo_tip, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->redo_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, redo_tip, -1);
  _shequ_window_update_actions (self);
}

static void
on_store_changed (ShequOrgStore  *store,
                  ShequOrgChange *change,
                  ShequWindow    *self)
{
  const char *label = shequ_org_change_get_label (change);

  g_assert (SHEQU_IS_ORG_STORE (store));

  /* The user's own edits only: an import, the sample, undo and redo say it themselves. */
  if (shequ_org_change_get_origin (change) != SHEQU_ORG_ORIGIN_UI)
    return;
  if (label != NULL && *label != '\0')
    shequ_window_show_toast (self, label, shequ_org_store_get_can_undo (store));
}

static void
on_roots_changed (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  update_street (self);
}

void
_shequ_window_set_store (ShequWindow   *self,
                         ShequOrgStore *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (shequ_org_store_get_roots (self->store), self);
    }
  g_set_object (&self->store, store);
  g_clear_object (&self->session);
  self->session = store != NULL ? shequ_session_new (store) : NULL;
  _shequ_window_hide_toast (self);

  if (store != NULL)
    {
      g_signal_connect_object (store, "applied", G_CALLBACK (on_store_changed), self, 0);
      g_signal_connect_object (store, "notify::can-undo", G_CALLBACK (update_undo), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::can-redo", G_CALLBACK (update_undo), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::undo-label", G_CALLBACK (update_undo), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::redo-label", G_CALLBACK (update_undo), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (shequ_org_store_get_roots (store), "items-changed",
                               G_CALLBACK (on_roots_changed), self, G_CONNECT_SWAPPED);
    }
  /* Also with NULL: the views let go of the old store, so its connection closes. */
  shequ_org_view_set_session (self->org_view, self->session);
  if (self->compliance_panel != NULL)
    shequ_compliance_panel_set_session (self->compliance_panel, self->session);
  if (self->map_page != NULL)
    shequ_map_page_set_session (self->map_page, self->session);

  update_street (self);
  update_undo (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* ------------------------------------------------------------------------ */
/* Pages                                                                    */

const char *
_shequ_window_compute_page (ShequWindow *self)
{
  if (self->load_error != NULL)
    return "error";
  /* Also before the first load: nothing to show yet. */
  if (self->loading || self->store == NULL)
    return "loading";
  if (self->street == NULL || self->screenshot_welcome)
    return "welcome";
  return gtk_stack_get_visible_child_name (self->views_stack);
}

void
_shequ_window_update_page (ShequWindow *self)
{
  const char *page;

  const char *main_page;
  gboolean views = FALSE;
  gboolean empty_street;

  if (self->load_error != NULL)
    main_page = "error";
  else if (self->loading || self->store == NULL)
    main_page = "loading";
  else if (self->street == NULL || self->screenshot_welcome)
    {
      _shequ_window_ensure_welcome_page (self);
      main_page = "welcome";
    }
  else
    {
      main_page = "views";
      views = TRUE;
    }
  /* The first page after the loading one comes at once: a cross-fade there only
   * delays the street (and draws both pages off screen for its first frame). */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "loading") == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_stack_set_visible_child_full (self->main_stack, main_page,
                                      GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->main_stack, main_page);

  /* A street without any unit below it says what to do first. */
  empty_street = views && g_list_model_get_n_items (shequ_unit_get_children (self->street)) == 0;
  gtk_stack_set_visible_child_name (self->org_stack, empty_street ? "empty" : "tree");
  if (empty_street)
    {
      /* Translators: the title of the page shown for a street without units; %s is its name */
      g_autofree char *title = g_strdup_printf (_("%s has no units yet"),
                                                shequ_unit_get_name (self->street));

      gtk_label_set_text (self->empty_street_title, title);
    }
  if (views && g_strcmp0 (gtk_stack_get_visible_child_name (self->views_stack), "compliance") == 0)
    ensure_compliance_panel (self);
  if (views && g_strcmp0 (gtk_stack_get_visible_child_name (self->views_stack), "map") == 0)
    _shequ_window_ensure_map_page (self);
  if (views && g_strcmp0 (gtk_stack_get_visible_child_name (self->views_stack), "eval") == 0)
    _shequ_window_ensure_eval_page (self);
  if (views && g_strcmp0 (gtk_stack_get_visible_child_name (self->views_stack), "disclosure") == 0)
    _shequ_window_ensure_disclosure_page (self);

  gtk_widget_set_visible (self->view_switcher, views);
  /* Nothing to undo on the welcome, loading and error pages: the buttons go with them. */
  gtk_widget_set_visible (self->undo_box, views);
  gtk_widget_set_visible (self->add_button, views);
  gtk_widget_set_visible (self->search_button, views);
  gtk_widget_set_sensitive (self->search_button, views && !empty_street);

  page = _shequ_window_compute_page (self);
  if (g_strcmp0 (page, self->page) != 0)
    {
      g_free (self->page);
      self->page = g_strdup (page);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

const char *
shequ_window_get_page (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return _shequ_window_compute_page (self);
}

void
shequ_window_set_view (ShequWindow *self,
                       const char  *name)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (g_strcmp0 (name, "org") == 0 || g_strcmp0 (name, "compliance") == 0
                    || g_strcmp0 (name, "map") == 0 || g_strcmp0 (name, "eval") == 0
                    || g_strcmp0 (name, "disclosure") == 0);

  gtk_stack_set_visible_child_name (self->views_stack, name);
  _shequ_window_update_page (self);
}

void
_shequ_window_update_actions (ShequWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean busy = self->n_jobs > 0;
  gboolean has_store = self->store != NULL;
  gboolean has_street = self->street != NULL;
  gboolean damaged = g_error_matches (self->load_error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT);

  gtk_widget_action_set_enabled (widget, "win.undo",
                                 has_store && shequ_org_store_get_can_undo (self->store));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 has_store && shequ_org_store_get_can_redo (self->store));
  gtk_widget_action_set_enabled (widget, "win.import-units", has_store);
  gtk_widget_action_set_enabled (widget, "win.import-people", has_store && has_street);
  gtk_widget_action_set_enabled (widget, "win.export-units", has_store && has_street);
  gtk_widget_action_set_enabled (widget, "win.export-people", has_store && has_street);
  gtk_widget_action_set_enabled (widget, "win.backup", self->database != NULL && !busy);
  gtk_widget_action_set_enabled (widget, "win.restore",
                                 !busy && (self->database != NULL || damaged));
  gtk_widget_action_set_enabled (widget, "win.check-integrity", self->database != NULL && !busy);
  gtk_widget_action_set_enabled (widget, "win.view-org", has_street);
  gtk_widget_action_set_enabled (widget, "win.view-compliance", has_street);
  gtk_widget_action_set_enabled (widget, "win.view-map", has_street);
  _shequ_window_update_eval_actions (self);
  _shequ_window_update_disclosure_actions (self);
  gtk_widget_action_set_enabled (widget, "win.import-boundaries", has_street && !busy);
  gtk_widget_action_set_enabled (widget, "win.present-map", has_street);
  gtk_widget_action_set_enabled (widget, "win.export-map", has_street);
  gtk_widget_action_set_enabled (widget, "win.print-map", has_street);
  gtk_widget_action_set_enabled (widget, "win.open-sample", has_store && !has_street);
  gtk_widget_action_set_enabled (widget, "win.create-street", has_store && !has_street);
  /* Not while a damaged file is being replaced by its backup. */
  gtk_widget_action_set_enabled (widget, "win.retry-open", self->load_error != NULL && !busy);
  gtk_widget_action_set_enabled (widget, "win.add-unit", has_street && self->load_error == NULL);
}
/* The panel made UNIT the session's, which the tree shows: the user goes there, and
 * the keyboard with them. */
static void
on_unit_activated (ShequWindow *self,
                   ShequUnit   *unit)
{
  g_assert (SHEQU_IS_WINDOW (self));

  shequ_window_set_view (self, "org");
  shequ_org_view_focus_tree (self->org_view);
}
/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
shequ_window_map (GtkWidget *widget)
{
  ShequWindow *self = SHEQU_WINDOW (widget);

  GTK_WIDGET_CLASS (shequ_window_parent_class)->map (widget);

  /* The main view (whichever page shows) is mapped with the window. */
  _shequ_window_hook_bench (self);
  _shequ_window_maybe_start_screenshots (self);

  if (self->load_error != NULL && self->dialog == NULL && self->dialog_idle_id == 0)
    self->dialog_idle_id = g_idle_add (_shequ_window_present_load_error_idle, self);
}

static void
shequ_window_constructed (GObject *object)
{
  ShequWindow *self = SHEQU_WINDOW (object);

  G_OBJECT_CLASS (shequ_window_parent_class)->constructed (object);

  update_titles (self);
  _shequ_window_update_page (self);
  _shequ_window_update_actions (self);
}

static void
shequ_window_dispose (GObject *object)
{
  ShequWindow *self = SHEQU_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  g_clear_handle_id (&self->toast_focus_idle_id, g_source_remove);
  g_clear_handle_id (&self->present_timeout_id, g_source_remove);
  _shequ_window_clear_warm_renderer (self);
  g_clear_handle_id (&self->dialog_idle_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_weak_pointer (&self->toast_focus);
  if (self->screenshot_paint_id != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        g_clear_signal_handler (&self->screenshot_paint_id, clock);
      self->screenshot_paint_id = 0;
    }
  if (self->bench_clock != NULL)
    {
      g_clear_signal_handler (&self->bench_after_paint_id, self->bench_clock);
      g_object_remove_weak_pointer (G_OBJECT (self->bench_clock), (gpointer *) &self->bench_clock);
      self->bench_clock = NULL;
    }
  _shequ_window_set_dialog (self, NULL);
  _shequ_window_clear_chooser (self);
  if (self->street != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->street, update_titles, self);
      g_signal_handlers_disconnect_by_func (shequ_unit_get_children (self->street),
                                            _shequ_window_update_page, self);
    }
  g_clear_object (&self->street);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (shequ_org_store_get_roots (self->store), self);
    }

  _shequ_window_disclosure_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_WINDOW);

  g_clear_object (&self->eval_store);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->database);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (shequ_window_parent_class)->dispose (object);
}

static void
shequ_window_finalize (GObject *object)
{
  ShequWindow *self = SHEQU_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_error (&self->load_error);
  g_free (self->database_path);
  g_free (self->page);
  g_free (self->screenshot_dir);
  g_clear_pointer (&self->screenshot_pages, g_ptr_array_unref);
  _shequ_window_disclosure_finalize (self);

  G_OBJECT_CLASS (shequ_window_parent_class)->finalize (object);
}

static void
shequ_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ShequWindow *self = SHEQU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PAGE:
      g_value_set_string (value, shequ_window_get_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ShequWindow *self = SHEQU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_free (self->database_path);
      self->database_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_window_class_init (ShequWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = shequ_window_constructed;
  object_class->dispose = shequ_window_dispose;
  object_class->finalize = shequ_window_finalize;
  object_class->get_property = shequ_window_get_property;
  object_class->set_property = shequ_window_set_property;
  widget_class->map = shequ_window_map;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHEQU_TYPE_ORG_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The welcome page and the compliance panel are built (and their classes made)
   * when first shown. */
  g_type_ensure (SHEQU_TYPE_ORG_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, undo_box);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, views_stack);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, welcome_slot);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, compliance_slot);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, map_slot);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, eval_slot);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, disclosure_slot);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, org_stack);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, empty_street_page);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, empty_street_title);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, org_view);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, error_message);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, error_restore_button);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, error_retry_button);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, toast_revealer);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, toast_label);
  gtk_widget_class_bind_template_child (widget_class, ShequWindow, toast_undo_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_toast_undo_clicked",
                                                G_CALLBACK (_shequ_window_on_toast_undo_clicked));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_toast_close_clicked",
                                                G_CALLBACK (_shequ_window_on_toast_close_clicked));

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, _shequ_window_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, _shequ_window_undo_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, _shequ_window_close_action);
  gtk_widget_class_install_action (widget_class, "win.view-org", NULL, _shequ_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.view-map", NULL, _shequ_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.view-compliance", NULL,
                                   _shequ_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL,
                                   _shequ_window_open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.create-street", "(ss)",
                                   _shequ_window_create_street_action);
  gtk_widget_class_install_action (widget_class, "win.retry-open", NULL,
                                   _shequ_window_retry_open_action);
  gtk_widget_class_install_action (widget_class, "win.add-unit", NULL,
                                   _shequ_window_add_unit_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL,
                                   _shequ_window_show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.import-units", NULL,
                                   _shequ_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.import-people", NULL,
                                   _shequ_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.export-units", NULL,
                                   _shequ_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-people", NULL,
                                   _shequ_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, _shequ_window_backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, _shequ_window_restore_action);
  gtk_widget_class_install_action (widget_class, "win.check-integrity", NULL,
                                   _shequ_window_check_integrity_action);
  _shequ_window_map_actions_init (widget_class);
  _shequ_window_eval_actions_init (widget_class);
  _shequ_window_disclosure_actions_init (widget_class);
  _shequ_window_class_add_org_bindings (widget_class);
}

static void
shequ_window_init (ShequWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->daily_backup = g_getenv ("SHEQU_NO_DAILY_BACKUP") == NULL;
  _shequ_window_start_refresh_poll (self);

  g_signal_connect_object (self->views_stack, "notify::visible-child-name",
                           G_CALLBACK (_shequ_window_update_page), self, G_CONNECT_SWAPPED);
  _shequ_window_init_map (self);
  /* The menu's popover is announced by the menu's name, not "GtkPopoverMenu". */
  {
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button));

    if (popover != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (self->menu_button), -1);
  }
  _shequ_window_name_buttons_without_mnemonics (GTK_WIDGET (self->toast_revealer));
  _shequ_window_name_buttons_without_mnemonics (GTK_WIDGET (self->empty_street_page));
  _shequ_window_name_buttons_without_mnemonics (self->error_restore_button);
  _shequ_window_name_buttons_without_mnemonics (self->error_retry_button);
  self->search_bar = GTK_SEARCH_BAR (_shequ_window_find_descendant (GTK_WIDGET (self->org_view),
                                                                    GTK_TYPE_SEARCH_BAR));
  if (self->search_bar != NULL)
    g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                             G_CALLBACK (_shequ_window_on_search_mode_changed), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::focus-widget",
                    G_CALLBACK (_shequ_window_on_focus_widget_changed), NULL);
  g_signal_connect_object (self->search_button, "toggled",
                           G_CALLBACK (_shequ_window_on_search_button_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self->undo_button, "query-tooltip",
                    G_CALLBACK (_shequ_window_on_query_single_line_tooltip), NULL);
  g_signal_connect (self->redo_button, "query-tooltip",
                    G_CALLBACK (_shequ_window_on_query_single_line_tooltip), NULL);

  self->settings = shequ_settings_try_new ();
  shequ_settings_bind_window_state (self->settings, GTK_WINDOW (self));
  _shequ_window_add_settings_actions (self);
  _shequ_window_disclosure_init (self);
}

ShequWindow *
shequ_window_new (GtkApplication *application,
                  const char     *database_path)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (SHEQU_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       NULL);
}

const char *
shequ_window_get_database_path (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return self->database_path;
}

ShequOrgStore *
shequ_window_get_store (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return self->store;
}

const char *
shequ_window_get_subtitle (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->subtitle_label);
}

GtkWindow *
shequ_window_get_dialog (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return self->dialog;
}

GtkWidget *
shequ_window_get_welcome_page (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return GTK_WIDGET (_shequ_window_ensure_welcome_page (self));
}

GtkWidget *
shequ_window_get_org_view (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->org_view);
}

GtkWidget *
shequ_window_get_compliance_panel (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return GTK_WIDGET (ensure_compliance_panel (self));
}

GtkWidget *
shequ_window_get_empty_street_page (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return self->empty_street_page;
}
