/* shequ-window.c — a main window: one database, its views, menu, undo and toasts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-compliance-panel.h"
#include "shequ-database.h"
#include "shequ-dialogs.h"
#include "shequ-io.h"
#include "shequ-org-view.h"
#include "shequ-sample.h"
#include "shequ-welcome-page.h"
#include "shequ-window.h"

/* Not in <gtk/gtk.h>; comes after it. */
#include <gsk/gl/gskglrenderer.h>

/* How long a notification stays before it hides itself. */
#define TOAST_SECONDS 8
/* A database read faster than this shows at once, without the loading page. */
#define LOADING_PAGE_DELAY_MS 500

typedef enum {
  JOB_DAILY_BACKUP,
  JOB_BACKUP,
  JOB_CHECK_INTEGRITY,
} JobKind;

struct _ShequWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkWidget            *view_switcher;
  GtkWidget            *undo_box;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *menu_button;
  GtkWidget            *add_button;
  GtkWidget            *search_button;
  GtkSpinner           *busy_spinner;
  GtkStack             *main_stack;
  GtkStack             *views_stack;
  GtkWidget            *welcome_slot;
  GtkWidget            *compliance_slot;
  GtkStack             *org_stack;
  GtkWidget            *empty_street_page;
  GtkLabel             *empty_street_title;
  ShequWelcomePage     *welcome_page;      /* built when first shown */
  ShequOrgView         *org_view;
  ShequCompliancePanel *compliance_panel;  /* built when first shown */
  GtkLabel             *error_title;
  GtkLabel             *error_message;
  GtkWidget            *error_restore_button;
  GtkWidget            *error_retry_button;
  GtkRevealer          *toast_revealer;
  GtkLabel             *toast_label;
  GtkWidget            *toast_undo_button;
  GtkWidget            *toast_focus;       /* weak: the focus before the toast showed */
  GtkSearchBar         *search_bar;        /* the org view's */

  char                 *database_path;
  ShequDatabase        *database;
  ShequOrgStore        *store;
  ShequUnit            *street;
  GError               *load_error;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkWindow            *dialog;            /* weak */
  GtkNativeDialog      *chooser;
  GdkFrameClock        *bench_clock;       /* weak */
  char                 *page;
  char                 *screenshot_dir;
  GPtrArray            *screenshot_pages;  /* the pages still to save */
  GPtrArray            *screenshot_files;

  guint                 toast_timeout_id;
  guint                 dialog_idle_id;
  guint                 refresh_id;
  guint                 toast_focus_idle_id;
  guint                 present_timeout_id;
  guint                 ready_idle_id;
  ShequOrgStore        *ready_store;       /* read before the window, not yet shown */
  GError               *ready_error;
  GskRenderer          *warm_renderer;
  gulong                screenshot_paint_id;
  gulong                bench_after_paint_id;
  /* > 0 while the window itself changes the store and shows its own message. */
  guint                 quiet_changes;
  guint                 n_jobs;

  guint                 screenshot_paints;
  guint                 bench_first_frame : 1;
  guint                 present_pending : 1;
  guint                 screenshot_welcome : 1;
  guint                 screenshots_started : 1;
  guint                 loading : 1;
  guint                 daily_backup : 1;
  guint                 daily_backup_done : 1;
};

G_DEFINE_FINAL_TYPE (ShequWindow, shequ_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_STORE,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions         (ShequWindow  *self);
static void clear_warm_renderer    (ShequWindow  *self);
static void update_page            (ShequWindow  *self);
static void present_damaged_dialog (ShequWindow  *self,
                                    const GError *error);

/* ------------------------------------------------------------------------ */
/* Dialogs about this window's database                                      */

static void
set_dialog (ShequWindow *self,
            GtkWidget   *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog != NULL ? GTK_WINDOW (dialog) : NULL;
  if (self->dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
}

static void
close_dialog (ShequWindow *self)
{
  g_clear_handle_id (&self->dialog_idle_id, g_source_remove);
  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;

      set_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }
}

static GtkWidget *
show_error (ShequWindow  *self,
            const char   *primary,
            const GError *error)
{
  GtkWidget *dialog;

  dialog = shequ_show_message (GTK_WINDOW (self), GTK_MESSAGE_ERROR, primary,
                               error != NULL ? error->message : NULL);
  set_dialog (self, dialog);
  return dialog;
}

/* ------------------------------------------------------------------------ */
/* Notifications                                                            */

static void
hide_toast (ShequWindow *self)
{
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
}

static gboolean
on_toast_timeout (gpointer data)
{
  ShequWindow *self = data;

  self->toast_timeout_id = 0;
  hide_toast (self);
  return G_SOURCE_REMOVE;
}

static gboolean
is_in_toast (ShequWindow *self,
             GtkWidget   *widget)
{
  return widget != NULL && gtk_widget_is_ancestor (widget, GTK_WIDGET (self->toast_revealer));
}

/* Where the focus goes back to when it lands in the toast by itself. */
static void
restore_focus (ShequWindow *self)
{
  if (self->toast_focus != NULL && gtk_widget_get_mapped (self->toast_focus) &&
      !is_in_toast (self, self->toast_focus))
    gtk_widget_grab_focus (self->toast_focus);
  else if (!gtk_widget_get_mapped (GTK_WIDGET (self->org_view)) ||
           !gtk_widget_child_focus (GTK_WIDGET (self->org_view), GTK_DIR_TAB_FORWARD))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

/* The toast's Undo takes the focus only from the user (Tab, a click goes without
 * focus): when the focused row goes away (a rename, a delete), the focus must not
 * fall on Undo, where the next Enter would undo the change. */
static void
on_focus_widget_changed (ShequWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!is_in_toast (self, focus))
    {
      g_set_weak_pointer (&self->toast_focus, focus);
      return;
    }
  /* Tab from a widget on screen is the user's move; anything else is not. */
  if (self->toast_focus == NULL || !gtk_widget_get_mapped (self->toast_focus))
    restore_focus (self);
}

static gboolean
keep_focus_idle (gpointer data)
{
  ShequWindow *self = data;

  self->toast_focus_idle_id = 0;
  if (is_in_toast (self, gtk_root_get_focus (GTK_ROOT (self))))
    restore_focus (self);
  return G_SOURCE_REMOVE;
}

void
shequ_window_show_toast (ShequWindow *self,
                         const char  *text,
                         gboolean     with_undo)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  gtk_label_set_text (self->toast_label, text);
  gtk_widget_set_visible (self->toast_undo_button, with_undo);
  gtk_revealer_set_reveal_child (self->toast_revealer, TRUE);
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  self->toast_timeout_id = g_timeout_add_seconds (TOAST_SECONDS, on_toast_timeout, self);
  /* Showing it never moves the focus. */
  if (self->toast_focus_idle_id == 0)
    self->toast_focus_idle_id = g_idle_add (keep_focus_idle, self);
}

const char *
shequ_window_get_toast_text (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->toast_revealer))
    return NULL;
  return gtk_label_get_text (self->toast_label);
}

static void
on_toast_undo_clicked (ShequWindow *self)
{
  hide_toast (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.undo", NULL);
}

static void
on_toast_close_clicked (ShequWindow *self)
{
  hide_toast (self);
}

/* ------------------------------------------------------------------------ */
/* Pages built when first shown                                             */

static void on_unit_activated (ShequWindow *self,
                               ShequUnit   *unit);

/* Most starts show the organisation view only: the welcome page and the compliance
 * panel cost nothing until the user goes there. */
static ShequWelcomePage *
ensure_welcome_page (ShequWindow *self)
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
  if (self->compliance_panel == NULL)
    {
      GtkWidget *panel = g_object_new (SHEQU_TYPE_COMPLIANCE_PANEL,
                                       "hexpand", TRUE, "vexpand", TRUE, NULL);

      self->compliance_panel = SHEQU_COMPLIANCE_PANEL (panel);
      g_signal_connect_object (panel, "unit-activated",
                               G_CALLBACK (on_unit_activated), self, G_CONNECT_SWAPPED);
      shequ_compliance_panel_set_store (self->compliance_panel, self->store);
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

  if (street != self->street)
    {
      if (self->street != NULL)
        {
          g_signal_handlers_disconnect_by_func (self->street, update_titles, self);
          g_signal_handlers_disconnect_by_func (shequ_unit_get_children (self->street),
                                                update_page, self);
        }
      g_set_object (&self->street, street);
      if (self->street != NULL)
        {
          g_signal_connect_object (self->street, "notify::name",
                                   G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
          /* The first area replaces the page about an empty street, and back. */
          g_signal_connect_object (shequ_unit_get_children (self->street), "items-changed",
                                   G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
        }
    }
  update_titles (self);
  update_page (self);
  update_actions (self);
}

static void
update_undo (ShequWindow *self)
{
  const char *undo_label = NULL;
  const char *redo_label = NULL;
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

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
  update_actions (self);
}

static void
on_store_changed (ShequOrgStore *store,
                  const char    *label,
                  ShequWindow   *self)
{
  if (self->quiet_changes > 0)
    return;
  if (label != NULL && *label != '\0')
    shequ_window_show_toast (self, label, shequ_org_store_get_can_undo (store));
}

static void
on_roots_changed (ShequWindow *self)
{
  update_street (self);
}

static void
set_store (ShequWindow   *self,
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
  hide_toast (self);

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, 0);
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
  shequ_org_view_set_store (self->org_view, store);
  if (self->compliance_panel != NULL)
    shequ_compliance_panel_set_store (self->compliance_panel, store);

  update_street (self);
  update_undo (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* ------------------------------------------------------------------------ */
/* Pages                                                                    */

static const char *
compute_page (ShequWindow *self)
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

static void
update_page (ShequWindow *self)
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
      ensure_welcome_page (self);
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

  gtk_widget_set_visible (self->view_switcher, views);
  /* Nothing to undo on the welcome, loading and error pages: the buttons go with them. */
  gtk_widget_set_visible (self->undo_box, views);
  gtk_widget_set_visible (self->add_button, views);
  gtk_widget_set_visible (self->search_button, views);
  gtk_widget_set_sensitive (self->search_button, views && !empty_street);

  page = compute_page (self);
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
  return compute_page (self);
}

void
shequ_window_set_view (ShequWindow *self,
                       const char  *name)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (g_strcmp0 (name, "org") == 0 || g_strcmp0 (name, "compliance") == 0);

  gtk_stack_set_visible_child_name (self->views_stack, name);
  update_page (self);
}

static void
update_actions (ShequWindow *self)
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
  gtk_widget_action_set_enabled (widget, "win.open-sample", has_store && !has_street);
  gtk_widget_action_set_enabled (widget, "win.create-street", has_store && !has_street);
  gtk_widget_action_set_enabled (widget, "win.retry-open", self->load_error != NULL);
  gtk_widget_action_set_enabled (widget, "win.add-unit", has_street && self->load_error == NULL);
}

/* ------------------------------------------------------------------------ */
/* Work in a thread: backups and the integrity check                        */

typedef struct {
  JobKind       kind;
  char         *db_path;
  char         *dest_path;
  GApplication *app;        /* held while the job runs */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->app != NULL)
    g_application_release (job->app);
  g_clear_object (&job->app);
  g_free (job->db_path);
  g_free (job->dest_path);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  /* A connection of its own: SQLite connections are not shared between threads
   * here, and WAL lets this one read while the window keeps writing. */
  db = shequ_database_open (job->db_path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  if (db != NULL)
    {
      switch (job->kind)
        {
        case JOB_DAILY_BACKUP:
          ok = shequ_database_daily_backup (db, &error);
          break;
        case JOB_BACKUP:
          ok = shequ_database_backup_to (db, job->dest_path, &error);
          break;
        case JOB_CHECK_INTEGRITY:
          ok = shequ_database_check_integrity (db, &error);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
job_finished (ShequWindow *self)
{
  g_assert (self->n_jobs > 0);
  if (--self->n_jobs == 0)
    {
      gtk_spinner_stop (self->busy_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), FALSE);
    }
  update_actions (self);
}

static void
on_job_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ShequWindow *self = SHEQU_WINDOW (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  /* Cancelled: the window is gone (disposed), nothing to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  switch (job->kind)
    {
    case JOB_DAILY_BACKUP:
      /* The backup checks the file first: damage found there is worth saying at once.
       * Any other failure is not; the next start tries again. */
      if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        present_damaged_dialog (self, error);
      else if (!ok)
        g_message ("Daily backup of %s failed: %s", job->db_path, error->message);
      break;

    case JOB_BACKUP:
      if (ok)
        {
          g_autofree char *base = g_path_get_basename (job->dest_path);
          g_autofree char *text = g_strdup_printf (_("Backed up to “%s”"), base);

          shequ_window_show_toast (self, text, FALSE);
        }
      else
        show_error (self, _("Could not back up the database"), error);
      break;

    case JOB_CHECK_INTEGRITY:
      if (ok)
        {
          g_autofree char *text =
            g_strdup_printf (_("No problems were found in “%s”."), job->db_path);

          set_dialog (self, shequ_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO,
                                                _("The database is intact"), text));
        }
      else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        present_damaged_dialog (self, error);
      else
        show_error (self, _("Could not check the database"), error);
      break;

    default:
      g_assert_not_reached ();
    }

  job_finished (self);
}

static void
start_job (ShequWindow *self,
           JobKind      kind,
           const char  *dest_path)
{
  g_autoptr(GTask) task = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  Job *job;

  g_return_if_fail (self->database_path != NULL);

  job = g_new0 (Job, 1);
  job->kind = kind;
  job->db_path = g_strdup (self->database_path);
  job->dest_path = g_strdup (dest_path);

  /* The daily backup runs quietly; what the user asked for shows the spinner. */
  if (kind != JOB_DAILY_BACKUP)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), TRUE);
      gtk_spinner_start (self->busy_spinner);
    }
  self->n_jobs++;
  update_actions (self);
  /* The application stays until the work is done, even when the window closes. */
  if (app != NULL)
    {
      job->app = g_object_ref (G_APPLICATION (app));
      g_application_hold (job->app);
    }

  task = g_task_new (self, self->cancellable, on_job_done, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
}

/* ------------------------------------------------------------------------ */
/* Opening the database                                                     */

static void restore_damaged (const char *backup_path, gpointer user_data);

static void
present_damaged_dialog (ShequWindow  *self,
                        const GError *error)
{
  GtkWidget *dialog;

  close_dialog (self);
  dialog = shequ_damaged_dialog_new (GTK_WINDOW (self), self->database_path, error->message,
                                     restore_damaged, self, NULL);
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_load_dialog_response (GtkDialog   *dialog,
                         int          response,
                         ShequWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == SHEQU_WINDOW_RESPONSE_RETRY)
    shequ_window_load (self);
}

static void
present_load_error_dialog (ShequWindow *self)
{
  const GError *error = self->load_error;
  GtkWidget *dialog;

  if (error == NULL)
    return;

  close_dialog (self);

  if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
    {
      present_damaged_dialog (self, error);
      return;
    }
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_LOCKED))
    {
      dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE, "%s",
                                       gtk_label_get_text (self->error_title));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                error->message);
      gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Close"), GTK_RESPONSE_CLOSE);
      gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Try Again"),
                             SHEQU_WINDOW_RESPONSE_RETRY);
      gtk_dialog_set_default_response (GTK_DIALOG (dialog), SHEQU_WINDOW_RESPONSE_RETRY);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_load_dialog_response),
                               self, 0);
    }
  else
    {
      dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s",
                                       gtk_label_get_text (self->error_title));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
    }

  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
present_load_error_idle (gpointer data)
{
  ShequWindow *self = data;

  self->dialog_idle_id = 0;
  present_load_error_dialog (self);
  return G_SOURCE_REMOVE;
}

static void
show_load_error (ShequWindow *self)
{
  const GError *error = self->load_error;
  g_autofree char *base = g_path_get_basename (self->database_path);
  g_autofree char *title = NULL;

  g_assert (error != NULL);

  if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER))
    title = g_strdup_printf (_("The database “%s” was written by a newer version of Shequ"),
                             base);
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
    title = g_strdup_printf (_("The database “%s” is damaged"), base);
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_LOCKED))
    title = g_strdup_printf (_("The database “%s” is in use by another program"), base);
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU))
    title = g_strdup_printf (_("“%s” is not a Shequ database"), base);
  else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_REPLACED))
    title = g_strdup_printf (_("The files of the database “%s” were changed by another program"),
                             base);
  else
    title = g_strdup_printf (_("Could not open the database “%s”"), base);

  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_message, error->message);
  gtk_widget_set_visible (self->error_restore_button,
                          g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT));
  gtk_widget_set_visible (self->error_retry_button,
                          !g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER) &&
                          !g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU));

  update_page (self);
  update_actions (self);

  /* A dialog needs its parent on screen to sit on top of it. */
  g_clear_handle_id (&self->dialog_idle_id, g_source_remove);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    present_load_error_dialog (self);
  else
    self->dialog_idle_id = 0;  /* shown from map() */
}

static void hook_bench (ShequWindow *self);
static void maybe_start_screenshots (ShequWindow *self);

/* Forgets the open database before a (re)load: restore, retry, first open. */
static void
begin_load (ShequWindow *self)
{
  close_dialog (self);
  g_clear_error (&self->load_error);

  /* The previous database goes before the file is opened again (restore, retry). */
  set_store (self, NULL);
  g_clear_object (&self->database);
}

static gboolean
finish_load (ShequWindow   *self,
             ShequOrgStore *store,
             GError        *error)
{
  if (store == NULL)
    {
      /* Closed before anything is shown: nothing more touches the file. */
      self->load_error = error;
      show_load_error (self);
      return FALSE;
    }

  self->database = g_object_ref (shequ_org_store_get_database (store));
  set_store (self, store);
  update_page (self);
  update_actions (self);
  /* The keyboard starts on the street's row. */
  shequ_org_view_focus_tree (self->org_view);

  if (self->daily_backup && !self->bench_first_frame && self->screenshot_dir == NULL &&
      !self->daily_backup_done)
    {
      self->daily_backup_done = TRUE;
      start_job (self, JOB_DAILY_BACKUP, NULL);
    }
  return TRUE;
}

static ShequOrgStore *
open_store (const char  *path,
            GError     **error)
{
  g_autoptr(ShequDatabase) db = NULL;

  /* The app's own file is made on first run, for the welcome page; a file that is
   * there, even an empty one, is only opened. */
  db = shequ_database_open (path,
                            (g_file_test (path, G_FILE_TEST_EXISTS)
                               ? SHEQU_DATABASE_FLAGS_NONE : SHEQU_DATABASE_FLAGS_CREATE) |
                            SHEQU_DATABASE_FLAGS_NO_BACKUP,
                            error);
  if (db == NULL)
    return NULL;
  /* On failure the store drops its reference and the file is closed at once. */
  return shequ_org_store_new (db, error);
}

gboolean
shequ_window_load (ShequWindow *self)
{
  g_autoptr(ShequOrgStore) store = NULL;
  GError *error = NULL;

  g_return_val_if_fail (SHEQU_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->database_path != NULL, FALSE);

  begin_load (self);
  store = open_store (self->database_path, &error);
  return finish_load (self, store, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  ShequOrgStore *store = open_store (task_data, &error);

  if (store != NULL)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Takes STORE (a reference) or ERROR (owned) from the thread that read the file. */
static void
load_finished (ShequWindow   *self,
               ShequOrgStore *store_ref,
               GError        *error)
{
  g_autoptr(ShequOrgStore) store = store_ref;

  self->loading = FALSE;
  /* Closed while the file was read: the store goes with the task. */
  if (self->org_view == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_error (&error);
      return;
    }
  /* Shown first, then filled: the organisation view builds its rows for the
   * window's size, in the same frame. */
  if (self->present_pending)
    {
      self->present_pending = FALSE;
      g_clear_handle_id (&self->present_timeout_id, g_source_remove);
      gtk_window_present (GTK_WINDOW (self));
      clear_warm_renderer (self);
    }
  finish_load (self, store, error);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    hook_bench (self);
  maybe_start_screenshots (self);
}

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError *error = NULL;
  ShequOrgStore *store = g_task_propagate_pointer (G_TASK (result), &error);

  load_finished (SHEQU_WINDOW (source), store, error);
}

/* The database read before the window exists (while GTK starts), for the first
 * window of the application. The thread sets STORE or ERROR, then FINISHED; an idle
 * then hands them to the window waiting for them, or frees them when nobody took
 * them. A window that comes when the thread is done takes them at once. */
typedef struct {
  char          *path;
  GThread       *thread;
  ShequOrgStore *store;
  GError        *error;
  int            finished;  /* atomic */
  /* Main thread only */
  ShequWindow   *waiting;   /* weak */
  gboolean       taken;
} Preload;

static Preload *preload;

static gboolean
on_preload_finished (gpointer data)
{
  Preload *p = data;
  ShequWindow *window = p->waiting;

  g_thread_join (p->thread);
  g_clear_weak_pointer (&p->waiting);
  if (p == preload)
    preload = NULL;
  if (window != NULL && !p->taken)
    {
      p->taken = TRUE;
      load_finished (window, g_steal_pointer (&p->store), g_steal_pointer (&p->error));
    }
  /* Not taken: the file is closed here. */
  g_clear_object (&p->store);
  g_clear_error (&p->error);
  g_free (p->path);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static gpointer
preload_thread (gpointer data)
{
  Preload *p = data;

  p->store = open_store (p->path, &p->error);
  g_atomic_int_set (&p->finished, 1);
  /* Ahead of the next frame of the loading page: the street is what the user waits for. */
  g_idle_add_full (G_PRIORITY_DEFAULT, on_preload_finished, p, NULL);
  return NULL;
}

void
shequ_window_preload (const char *path)
{
  g_return_if_fail (path != NULL);

  if (preload != NULL)
    return;
  preload = g_new0 (Preload, 1);
  preload->path = g_strdup (path);
  preload->thread = g_thread_new ("shequ-preload", preload_thread, preload);
}

static void
deliver_ready (ShequWindow *self)
{
  g_clear_handle_id (&self->ready_idle_id, g_source_remove);
  load_finished (self, g_steal_pointer (&self->ready_store), g_steal_pointer (&self->ready_error));
}

static gboolean
deliver_ready_idle (gpointer data)
{
  ShequWindow *self = data;

  self->ready_idle_id = 0;
  deliver_ready (self);
  return G_SOURCE_REMOVE;
}

/* Whether the preloaded database is this window's: it then arrives as a load does. */
static gboolean
take_preload (ShequWindow *self)
{
  Preload *p = preload;

  if (p == NULL)
    return FALSE;
  /* Only the first window may take it; another file's read is closed when done. */
  preload = NULL;
  if (g_strcmp0 (p->path, self->database_path) != 0)
    return FALSE;
  if (!g_atomic_int_get (&p->finished))
    {
      g_set_weak_pointer (&p->waiting, self);
      return TRUE;
    }
  /* Read already: handed over when the window is presented, or at once after. */
  p->taken = TRUE;
  self->ready_store = g_steal_pointer (&p->store);
  self->ready_error = g_steal_pointer (&p->error);
  self->ready_idle_id = g_idle_add_full (G_PRIORITY_HIGH, deliver_ready_idle, self, NULL);
  return TRUE;
}

void
shequ_window_load_async (ShequWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (self->database_path != NULL);
  g_return_if_fail (!self->loading);

  /* The window shows while a large street is read from disk. */
  begin_load (self);
  self->loading = TRUE;
  update_page (self);
  update_actions (self);

  if (take_preload (self))
    return;
  task = g_task_new (self, NULL, on_load_done, NULL);
  g_task_set_source_tag (task, shequ_window_load_async);
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  g_task_run_in_thread (task, load_thread);
}

/* The GL renderer's shaders and caches belong to the display: made once for a
 * renderer without a surface, they serve the window's renderer too. */
static void
warm_up_renderer (ShequWindow *self)
{
  g_autoptr(GError) error = NULL;
  GskRenderer *renderer;

  if (self->warm_renderer != NULL || g_getenv ("GSK_RENDERER") != NULL)
    return;
  renderer = gsk_gl_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, &error))
    {
      g_debug ("No GL renderer to warm up: %s", error->message);
      g_object_unref (renderer);
      return;
    }
  self->warm_renderer = renderer;
}

static void
clear_warm_renderer (ShequWindow *self)
{
  if (self->warm_renderer != NULL)
    {
      gsk_renderer_unrealize (self->warm_renderer);
      g_clear_object (&self->warm_renderer);
    }
}

static gboolean
on_present_timeout (gpointer data)
{
  ShequWindow *self = data;

  self->present_timeout_id = 0;
  self->present_pending = FALSE;
  gtk_window_present (GTK_WINDOW (self));
  clear_warm_renderer (self);
  return G_SOURCE_REMOVE;
}

void
shequ_window_present_when_loaded (ShequWindow *self)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));

  if (!self->loading || gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  if (self->ready_idle_id != 0)
    {
      /* Read before the window was made: shown, then filled, before the first frame. */
      self->present_pending = TRUE;
      deliver_ready (self);
      return;
    }
  /* The window shows with the street, or with the loading page when reading takes
   * long: a loading page that would show for a moment only delays the street.
   * Meanwhile GTK's renderer gets ready (the window is not realized before it is
   * shown: GTK 4.8 on X11 fails on a realized window destroyed before it was mapped). */
  warm_up_renderer (self);
  self->present_pending = TRUE;
  if (self->present_timeout_id == 0)
    self->present_timeout_id = g_timeout_add (LOADING_PAGE_DELAY_MS, on_present_timeout, self);
}

const GError *
shequ_window_get_load_error (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);
  return self->load_error;
}

static void
restore_damaged (const char *backup_path,
                 gpointer    user_data)
{
  ShequWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  set_dialog (self, NULL);
  /* Damage may also be found while the file is open: close it before it is moved. */
  set_store (self, NULL);
  g_clear_object (&self->database);
  if (!shequ_database_restore_file (self->database_path, backup_path, &error))
    {
      /* Show whatever the file is now, then why the restore failed. */
      shequ_window_load (self);
      close_dialog (self);
      show_error (self, _("Could not restore the backup"), error);
      return;
    }
  if (shequ_window_load (self))
    {
      g_autofree char *base = g_path_get_basename (backup_path);
      g_autofree char *text = g_strdup_printf (_("Restored from “%s”"), base);

      shequ_window_show_toast (self, text, FALSE);
    }
}

/* ------------------------------------------------------------------------ */
/* Changes made by other programs                                           */

/* A colleague's script or shequ-cli may write the same file while the window is open:
 * the store reads their rows in (one PRAGMA when there are none), keeping the objects
 * of unchanged units, so the tree keeps its selection and expansion. */
#define REFRESH_INTERVAL_S 2

static void
refresh_from_database (ShequWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->loading)
    return;

  /* Its files deleted or replaced under it (by hand: no close() in this program can drop
   * its locks any more): nothing more is written or read from them. The error page says
   * why, and "Try Again" opens the file as it is now. */
  if (self->database != NULL && !shequ_database_check_files (self->database, &error))
    {
      set_store (self, NULL);
      g_clear_object (&self->database);
      self->load_error = g_steal_pointer (&error);
      show_load_error (self);
      return;
    }

  /* The next poll tries again; a damaged file is reported by the next write. */
  if (!shequ_org_store_refresh (self->store, NULL, &error))
    g_debug ("Could not read changes by other programs: %s", error->message);
}

static gboolean
on_refresh_timeout (gpointer data)
{
  refresh_from_database (SHEQU_WINDOW (data));
  return G_SOURCE_CONTINUE;
}

static void
on_is_active_changed (ShequWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    refresh_from_database (self);
}

static void
start_refresh_poll (ShequWindow *self)
{
  self->refresh_id = g_timeout_add_seconds (REFRESH_INTERVAL_S, on_refresh_timeout, self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed), NULL);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean redo = g_str_equal (action_name, "win.redo");
  gboolean ok;

  if (self->store == NULL)
    return;

  hide_toast (self);
  self->quiet_changes++;
  ok = redo ? shequ_org_store_redo (self->store, &error)
            : shequ_org_store_undo (self->store, &error);
  self->quiet_changes--;
  if (!ok && g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
    present_damaged_dialog (self, error);
  else if (!ok && !g_error_matches (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOTHING_TO_UNDO))
    show_error (self, redo ? _("Could not redo") : _("Could not undo"), error);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);

  shequ_window_set_view (self, g_str_equal (action_name, "win.view-compliance")
                               ? "compliance" : "org");
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->store == NULL)
    return;

  self->quiet_changes++;
  ok = shequ_sample_populate (self->store, &error);
  self->quiet_changes--;
  if (!ok)
    {
      show_error (self, _("Could not open the sample street"), error);
      return;
    }
  shequ_window_set_view (self, "org");
}

static void
create_street_action (GtkWidget  *widget,
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
  if (!shequ_welcome_page_check_county_code (county_code, &error))
    {
      shequ_welcome_page_set_message (ensure_welcome_page (self), error->message);
      return;
    }

  self->quiet_changes++;
  street = shequ_sample_create_street (self->store, name, county_code, &error);
  self->quiet_changes--;
  if (street == NULL)
    {
      shequ_welcome_page_set_message (ensure_welcome_page (self), error->message);
      return;
    }

  shequ_welcome_page_reset (ensure_welcome_page (self));
  shequ_window_set_view (self, "org");
  shequ_org_view_select_unit (self->org_view, street);
}

static void
add_unit_action (GtkWidget  *widget,
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
static void
on_search_button_toggled (ShequWindow *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->search_button));

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

static void
on_search_mode_changed (ShequWindow *self)
{
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
static void
name_buttons_without_mnemonics (GtkWidget *widget)
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
    name_buttons_without_mnemonics (child);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
retry_open_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  shequ_window_load (SHEQU_WINDOW (widget));
}

/* Import and export */

static const char *const encoding_ids[] = { "auto", "utf-8", "gbk", NULL };

static ShequIoEncoding
encoding_from_id (const char *id)
{
  if (g_strcmp0 (id, "utf-8") == 0)
    return SHEQU_IO_ENCODING_UTF8;
  if (g_strcmp0 (id, "gbk") == 0)
    return SHEQU_IO_ENCODING_GBK;
  return SHEQU_IO_ENCODING_AUTO;
}

static void
clear_chooser (ShequWindow *self)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
}

gboolean
shequ_window_import_file (ShequWindow     *self,
                          GFile           *file,
                          gboolean         people,
                          ShequIoEncoding  encoding)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = 0;
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->store == NULL)
    return FALSE;

  /* The store says "changed" too; this window says it better, with the count. */
  self->quiet_changes++;
  if (people)
    ok = shequ_io_import_people (self->store, file, SHEQU_IO_FORMAT_AUTO, encoding, &n, &error);
  else
    ok = shequ_io_import_units (self->store, file, SHEQU_IO_FORMAT_AUTO, encoding, &n, &error);
  self->quiet_changes--;

  if (!ok)
    {
      /* A damaged file is not written to; the way out is a backup. */
      if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        present_damaged_dialog (self, error);
      else
        show_error (self, people ? _("Could not import the people")
                                 : _("Could not import the units"),
                    error);
      return FALSE;
    }

  if (people)
    text = g_strdup_printf (ngettext ("Imported %u person", "Imported %u people", n), n);
  else
    text = g_strdup_printf (ngettext ("Imported %u unit", "Imported %u units", n), n);
  shequ_window_show_toast (self, text, n > 0 && shequ_org_store_get_can_undo (self->store));
  return TRUE;
}

static void
on_import_response (GtkNativeDialog *native,
                    int              response,
                    ShequWindow     *self)
{
  gboolean people = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "shequ-people"));
  g_autoptr(GFile) file = NULL;
  const char *encoding_id;
  ShequIoEncoding encoding;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      clear_chooser (self);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  encoding_id = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "encoding");
  encoding = encoding_from_id (encoding_id);
  if (encoding_id != NULL && shequ_settings_has_key (self->settings, "import-encoding"))
    g_settings_set_string (self->settings, "import-encoding", encoding_id);
  clear_chooser (self);

  if (file != NULL)
    shequ_window_import_file (self, file, people, encoding);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  gboolean people = g_str_equal (action_name, "win.import-people");
  const char *encoding_labels[] = { _("Automatic"), "UTF-8", "GBK", NULL };
  g_autofree char *encoding = NULL;
  GtkFileChooserNative *native;

  clear_chooser (self);
  native = shequ_file_chooser_new (GTK_WINDOW (self),
                                   people ? _("Import People") : _("Import Units"),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
  shequ_file_chooser_add_table_filters (GTK_FILE_CHOOSER (native));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "encoding",
                               /* Translators: text encoding of the imported file */
                               _("Encoding"),
                               (const char **) encoding_ids, encoding_labels);
  if (shequ_settings_has_key (self->settings, "import-encoding"))
    encoding = g_settings_get_string (self->settings, "import-encoding");
  if (encoding == NULL || !g_strv_contains (encoding_ids, encoding))
    {
      g_free (encoding);
      encoding = g_strdup ("auto");
    }
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "encoding", encoding);

  g_object_set_data (G_OBJECT (native), "shequ-people", GINT_TO_POINTER (people));
  g_signal_connect (native, "response", G_CALLBACK (on_import_response), self);
  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->chooser);
}

gboolean
shequ_window_export_file (ShequWindow *self,
                          GFile       *file,
                          gboolean     people)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->store == NULL)
    return FALSE;

  /* The format follows the extension; without one, CSV. */
  base = g_file_get_basename (file);
  if (g_str_has_suffix (base, ".csv") || g_str_has_suffix (base, ".CSV") ||
      g_str_has_suffix (base, ".json") || g_str_has_suffix (base, ".JSON"))
    {
      target = g_object_ref (file);
    }
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *with_ext = g_strconcat (base, ".csv", NULL);

      target = g_file_get_child (parent, with_ext);
      g_free (base);
      base = g_steal_pointer (&with_ext);
    }

  if (people)
    ok = shequ_io_export_people (self->store, target, SHEQU_IO_FORMAT_AUTO, &error);
  else
    ok = shequ_io_export_units (self->store, target, SHEQU_IO_FORMAT_AUTO, &error);

  if (!ok)
    {
      show_error (self, people ? _("Could not export the people")
                               : _("Could not export the units"),
                  error);
      return FALSE;
    }

  text = g_strdup_printf (_("Saved “%s”"), base);
  shequ_window_show_toast (self, text, FALSE);
  return TRUE;
}

static void
on_export_response (GtkNativeDialog *native,
                    int              response,
                    ShequWindow     *self)
{
  gboolean people = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "shequ-people"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  clear_chooser (self);

  if (file != NULL)
    shequ_window_export_file (self, file, people);
}

static char *
make_export_name (ShequWindow *self,
                  const char  *what)
{
  const char *street = self->street != NULL ? shequ_unit_get_name (self->street) : NULL;
  g_autofree char *safe = g_strdup (street != NULL && *street ? street : "shequ");

  /* Characters file systems refuse become dashes. */
  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  return g_strdup_printf ("%s-%s.csv", safe, what);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  gboolean people = g_str_equal (action_name, "win.export-people");
  g_autofree char *name = make_export_name (self, people ? "people" : "units");
  GtkFileChooserNative *native;

  clear_chooser (self);
  native = shequ_file_chooser_new (GTK_WINDOW (self),
                                   people ? _("Export People") : _("Export Units"),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  shequ_file_chooser_add_table_filters (GTK_FILE_CHOOSER (native));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_object_set_data (G_OBJECT (native), "shequ-people", GINT_TO_POINTER (people));
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), self);
  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->chooser);
}

/* Backup, restore, integrity */

void
shequ_window_back_up (ShequWindow *self,
                      const char  *dest_path)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (dest_path != NULL);

  if (self->database != NULL)
    start_job (self, JOB_BACKUP, dest_path);
}

static void
on_backup_response (GtkNativeDialog *native,
                    int              response,
                    ShequWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      path = g_file_get_path (file);
    }
  clear_chooser (self);

  if (path != NULL)
    shequ_window_back_up (self, path);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "shequ-%Y-%m-%d.db");
  GtkFileChooserNative *native;

  clear_chooser (self);
  native = shequ_file_chooser_new (GTK_WINDOW (self), _("Back Up Database"),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"));
  shequ_file_chooser_add_database_filter (GTK_FILE_CHOOSER (native));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (on_backup_response), self);
  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->chooser);
}

static void
restore_confirmed (gpointer user_data)
{
  g_autofree char *path = NULL;
  ShequWindow *self = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GObject *holder = user_data;

  self = g_object_get_data (holder, "shequ-window");
  path = g_strdup (g_object_get_data (holder, "shequ-path"));
  if (self == NULL || self->database == NULL || path == NULL)
    return;

  if (!shequ_database_restore_from (self->database, path, &error))
    {
      show_error (self, _("Could not restore the backup"), error);
      return;
    }

  /* The file changed under the store: build the organisation again from it. */
  store = shequ_org_store_new (self->database, &error);
  if (store == NULL)
    {
      g_clear_object (&self->database);
      set_store (self, NULL);
      self->load_error = g_steal_pointer (&error);
      show_load_error (self);
      return;
    }
  set_store (self, store);
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *text = g_strdup_printf (_("Restored from “%s”"), base);

    shequ_window_show_toast (self, text, FALSE);
  }
}

void
shequ_window_restore (ShequWindow *self,
                      const char  *backup_path)
{
  g_autofree char *base = NULL;
  g_autofree char *primary = NULL;
  GObject *holder;

  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (backup_path != NULL);

  if (self->database == NULL)
    return;

  base = g_path_get_basename (backup_path);
  primary = g_strdup_printf (_("Restore the database from “%s”?"), base);

  /* A small object carries the choice to the confirmation's callback. */
  holder = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data_full (holder, "shequ-path", g_strdup (backup_path), g_free);
  g_object_set_data (holder, "shequ-window", self);
  set_dialog (self,
              shequ_confirm (GTK_WINDOW (self), primary,
                             _("Everything in the current database is replaced by the "
                               "backup. A copy of the current state is kept in the backup "
                               "folder first."),
                             _("_Restore"), TRUE, restore_confirmed, holder, g_object_unref));
}

static void
on_restore_response (GtkNativeDialog *native,
                     int              response,
                     ShequWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      path = g_file_get_path (file);
    }
  clear_chooser (self);
  if (path != NULL)
    shequ_window_restore (self, path);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autofree char *dir = NULL;
  GtkFileChooserNative *native;

  /* A damaged file that could not be opened is restored without opening it. */
  if (self->database == NULL)
    {
      if (g_error_matches (self->load_error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        present_load_error_dialog (self);
      return;
    }

  clear_chooser (self);
  native = shequ_file_chooser_new (GTK_WINDOW (self), _("Restore From Backup"),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"));
  shequ_file_chooser_add_database_filter (GTK_FILE_CHOOSER (native));
  dir = shequ_database_get_backup_dir (self->database_path);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }
  g_signal_connect (native, "response", G_CALLBACK (on_restore_response), self);
  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->chooser);
}

static void
check_integrity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);

  if (self->database != NULL)
    start_job (self, JOB_CHECK_INTEGRITY, NULL);
}

/* The org view's own actions, for keys pressed while the focus is elsewhere in
 * the window (application accelerators only reach actions of the window). */
static gboolean
forward_to_org_view (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  const char *action_name = user_data;

  if (self->street == NULL || self->load_error != NULL)
    return FALSE;
  if (g_str_equal (action_name, "org.search"))
    shequ_window_set_view (self, "org");
  if (g_strcmp0 (compute_page (self), "org") != 0)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self->org_view), action_name, NULL);
}

static void
add_org_shortcuts (ShequWindow *self)
{
  static const struct {
    const char *trigger;
    const char *action;
  } shortcuts[] = {
    { "<Control>f", "org.search" },
    { "F2", "org.rename" },
    { "Delete", "org.delete" },
    { "KP_Delete", "org.delete" },
    { "<Control><Shift>n", "org.add-child" },
    { "<Control>m", "org.move" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Bubble phase: a text entry with the focus keeps its Delete and Ctrl+F. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (shortcuts[i].trigger);
      GtkShortcutAction *action = gtk_callback_action_new (forward_to_org_view,
                                                           (gpointer) shortcuts[i].action,
                                                           NULL);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger, action));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* GTK 4.8 wraps a tooltip to its narrowest width when the text is Chinese (a break
 * is allowed after every character): show the tooltip text on one line instead. */
static gboolean
on_query_single_line_tooltip (GtkWidget  *widget,
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

static void
on_unit_activated (ShequWindow *self,
                   ShequUnit   *unit)
{
  shequ_window_set_view (self, "org");
  shequ_org_view_select_unit (self->org_view, unit);
}

/* ------------------------------------------------------------------------ */
/* The start-up benchmark                                                   */

static void
on_bench_after_paint (GdkFrameClock *clock,
                      ShequWindow   *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_clear_signal_handler (&self->bench_after_paint_id, clock);
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
hook_bench (ShequWindow *self)
{
  GdkFrameClock *clock;

  /* The first frame that counts is the one showing the street, not the loading page. */
  if (!self->bench_first_frame || self->bench_after_paint_id != 0 || self->loading)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;
  self->bench_clock = clock;
  g_object_add_weak_pointer (G_OBJECT (clock), (gpointer *) &self->bench_clock);
  self->bench_after_paint_id = g_signal_connect (clock, "after-paint",
                                                 G_CALLBACK (on_bench_after_paint), self);
}

void
shequ_window_set_bench_first_frame (ShequWindow *self,
                                    gboolean     bench)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));

  self->bench_first_frame = !!bench;
  if (bench && gtk_widget_get_mapped (GTK_WIDGET (self)))
    hook_bench (self);
}

void
shequ_window_set_daily_backup (ShequWindow *self,
                               gboolean     enabled)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  self->daily_backup = !!enabled;
}

/* ------------------------------------------------------------------------ */
/* Screenshots: each main view saved as PNG, drawn by the window itself      */

static void take_next_screenshot (ShequWindow *self);

static gboolean
save_screenshot (ShequWindow  *self,
                 const char   *path,
                 GError      **error)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing was drawn for “%s”"), path);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (self)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (texture == NULL || !gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

static void
finish_screenshots (ShequWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->screenshot_welcome = FALSE;
  g_clear_pointer (&self->screenshot_pages, g_ptr_array_unref);
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static gboolean
screenshot_idle (gpointer data)
{
  ShequWindow *self = data;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (self->screenshot_pages != NULL && self->screenshot_pages->len > 0);
  name = g_strdup_printf ("shequ-%s.png", (char *) g_ptr_array_index (self->screenshot_pages, 0));
  path = g_build_filename (self->screenshot_dir, name, NULL);
  if (!save_screenshot (self, path, &error))
    {
      g_printerr ("shequ: %s\n", error->message);
      g_ptr_array_set_size (self->screenshot_pages, 0);
    }
  else
    {
      g_print ("%s\n", path);
      g_ptr_array_add (self->screenshot_files, g_steal_pointer (&path));
      g_ptr_array_remove_index (self->screenshot_pages, 0);
    }
  take_next_screenshot (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
on_screenshot_after_paint (GdkFrameClock *clock,
                           ShequWindow   *self)
{
  /* The second frame: lists fill their rows in the first one. */
  if (++self->screenshot_paints < 2)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  g_clear_signal_handler (&self->screenshot_paint_id, clock);
  g_idle_add (screenshot_idle, g_object_ref (self));
}

static void
take_next_screenshot (ShequWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  const char *page;

  if (self->screenshot_pages == NULL || self->screenshot_pages->len == 0 || clock == NULL)
    {
      finish_screenshots (self);
      return;
    }

  page = g_ptr_array_index (self->screenshot_pages, 0);
  self->screenshot_welcome = g_str_equal (page, "welcome");
  if (g_str_equal (page, "org") || g_str_equal (page, "compliance"))
    shequ_window_set_view (self, page);
  update_page (self);

  self->screenshot_paints = 0;
  self->screenshot_paint_id = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (on_screenshot_after_paint), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
maybe_start_screenshots (ShequWindow *self)
{
  if (self->screenshot_dir == NULL || self->screenshots_started || self->loading ||
      (self->store == NULL && self->load_error == NULL) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->screenshots_started = TRUE;
  self->screenshot_pages = g_ptr_array_new ();
  if (self->load_error != NULL)
    g_ptr_array_add (self->screenshot_pages, (char *) "error");
  else
    {
      if (self->street != NULL)
        {
          g_ptr_array_add (self->screenshot_pages, (char *) "org");
          g_ptr_array_add (self->screenshot_pages, (char *) "compliance");
        }
      g_ptr_array_add (self->screenshot_pages, (char *) "welcome");
    }
  take_next_screenshot (self);
}

void
shequ_window_take_screenshots (ShequWindow *self,
                               const char  *dir)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (dir != NULL);

  g_free (self->screenshot_dir);
  self->screenshot_dir = g_strdup (dir);
  if (self->screenshot_files == NULL)
    self->screenshot_files = g_ptr_array_new_with_free_func (g_free);
  maybe_start_screenshots (self);
}

GStrv
shequ_window_dup_screenshot_files (ShequWindow *self)
{
  GStrvBuilder *builder;
  GStrv files;

  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; self->screenshot_files != NULL && i < self->screenshot_files->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->screenshot_files, i));
  files = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return files;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
shequ_window_map (GtkWidget *widget)
{
  ShequWindow *self = SHEQU_WINDOW (widget);

  GTK_WIDGET_CLASS (shequ_window_parent_class)->map (widget);

  /* The main view (whichever page shows) is mapped with the window. */
  hook_bench (self);
  maybe_start_screenshots (self);

  if (self->load_error != NULL && self->dialog == NULL && self->dialog_idle_id == 0)
    self->dialog_idle_id = g_idle_add (present_load_error_idle, self);
}

static gboolean
shequ_window_close_request (GtkWindow *window)
{
  ShequWindow *self = SHEQU_WINDOW (window);

  if (self->settings != NULL)
    {
      int width = 0, height = 0;
      gboolean maximized = gtk_window_is_maximized (window);

      gtk_window_get_default_size (window, &width, &height);
      if (!maximized && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", maximized);
    }

  return GTK_WINDOW_CLASS (shequ_window_parent_class)->close_request (window);
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
static void
show_shortcuts_action (GtkWidget  *widget,
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

static void
shequ_window_constructed (GObject *object)
{
  ShequWindow *self = SHEQU_WINDOW (object);

  G_OBJECT_CLASS (shequ_window_parent_class)->constructed (object);

  update_titles (self);
  update_page (self);
  update_actions (self);
}

static void
shequ_window_dispose (GObject *object)
{
  ShequWindow *self = SHEQU_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  g_clear_handle_id (&self->toast_focus_idle_id, g_source_remove);
  g_clear_handle_id (&self->present_timeout_id, g_source_remove);
  g_clear_handle_id (&self->ready_idle_id, g_source_remove);
  g_clear_object (&self->ready_store);
  g_clear_error (&self->ready_error);
  clear_warm_renderer (self);
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
  set_dialog (self, NULL);
  clear_chooser (self);
  if (self->street != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->street, update_titles, self);
      g_signal_handlers_disconnect_by_func (shequ_unit_get_children (self->street),
                                            update_page, self);
    }
  g_clear_object (&self->street);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (shequ_org_store_get_roots (self->store), self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_WINDOW);

  g_clear_object (&self->store);
  g_clear_object (&self->database);

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
  g_clear_pointer (&self->screenshot_files, g_ptr_array_unref);

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
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = shequ_window_constructed;
  object_class->dispose = shequ_window_dispose;
  object_class->finalize = shequ_window_finalize;
  object_class->get_property = shequ_window_get_property;
  object_class->set_property = shequ_window_set_property;
  widget_class->map = shequ_window_map;
  window_class->close_request = shequ_window_close_request;

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
  gtk_widget_class_bind_template_callback (widget_class, on_toast_undo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_toast_close_clicked);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.view-org", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.view-compliance", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.create-street", "(ss)",
                                   create_street_action);
  gtk_widget_class_install_action (widget_class, "win.retry-open", NULL, retry_open_action);
  gtk_widget_class_install_action (widget_class, "win.add-unit", NULL, add_unit_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL,
                                   show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.import-units", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-people", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export-units", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-people", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.check-integrity", NULL,
                                   check_integrity_action);
}

static void
shequ_window_init (ShequWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->daily_backup = g_getenv ("SHEQU_NO_DAILY_BACKUP") == NULL;
  start_refresh_poll (self);

  g_signal_connect_object (self->views_stack, "notify::visible-child-name",
                           G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  /* The menu's popover is announced by the menu's name, not "GtkPopoverMenu". */
  {
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button));

    if (popover != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (self->menu_button), -1);
  }
  name_buttons_without_mnemonics (GTK_WIDGET (self->toast_revealer));
  name_buttons_without_mnemonics (GTK_WIDGET (self->empty_street_page));
  name_buttons_without_mnemonics (self->error_restore_button);
  name_buttons_without_mnemonics (self->error_retry_button);
  self->search_bar = GTK_SEARCH_BAR (find_descendant (GTK_WIDGET (self->org_view),
                                                      GTK_TYPE_SEARCH_BAR));
  if (self->search_bar != NULL)
    g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                             G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed), NULL);
  g_signal_connect_object (self->search_button, "toggled",
                           G_CALLBACK (on_search_button_toggled), self, G_CONNECT_SWAPPED);
  add_org_shortcuts (self);
  g_signal_connect (self->undo_button, "query-tooltip",
                    G_CALLBACK (on_query_single_line_tooltip), NULL);
  g_signal_connect (self->redo_button, "query-tooltip",
                    G_CALLBACK (on_query_single_line_tooltip), NULL);

  self->settings = shequ_settings_try_new ();
  if (shequ_settings_has_key (self->settings, "window-width") &&
      shequ_settings_has_key (self->settings, "window-height"))
    {
      int width = g_settings_get_int (self->settings, "window-width");
      int height = g_settings_get_int (self->settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
    }
  if (shequ_settings_has_key (self->settings, "window-maximized") &&
      g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
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
  return GTK_WIDGET (ensure_welcome_page (self));
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
