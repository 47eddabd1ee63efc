/* shequ-window-jobs.c — backups, restore and the integrity check, through the workspace */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-window-private.h"

/* ------------------------------------------------------------------------ */
/* Work in the workspace's threads: backups and the integrity check         */

/* The user's own work shows the spinner; the daily backup runs quietly. */
void
_shequ_window_begin_busy (ShequWindow *self,
                          gboolean     visible)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (visible)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), TRUE);
      gtk_spinner_start (self->busy_spinner);
    }
  self->n_jobs++;
  _shequ_window_update_actions (self);
}

gboolean
shequ_window_is_busy (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), FALSE);
  return self->n_jobs > 0;
}

void
_shequ_window_end_busy (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));
  g_assert (self->n_jobs > 0);

  if (--self->n_jobs == 0)
    {
      gtk_spinner_stop (self->busy_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->busy_spinner), _("Working…"));
    }
  _shequ_window_update_actions (self);
}

/* The workspace's progress (on this thread, before the work's callback): how far along
 * the spinner's tooltip says. */
void
_shequ_window_on_busy_progress (goffset  current,
                                goffset  total,
                                gpointer user_data)
{
  ShequWindow *self = SHEQU_WINDOW (user_data);
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (self->cancellable) || total <= 0)
    return;
  /* Translators: the tooltip of the spinner while a backup or an import runs */
  text = g_strdup_printf (_("Working… %d %%"), (int) (100 * current / total));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->busy_spinner), text);
}

typedef struct {
  JobKind       kind;
  ShequWindow  *window;     /* held while the job runs */
  char         *db_path;
  char         *dest_path;
  GApplication *app;        /* held while the job runs */
} Job;

static void
job_free (Job *job)
{
  if (job->app != NULL)
    g_application_release (job->app);
  g_clear_object (&job->app);
  g_clear_object (&job->window);
  g_free (job->db_path);
  g_free (job->dest_path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
show_restored_toast (ShequWindow *self,
                     const char  *backup_path)
{
  g_autofree char *base = g_path_get_basename (backup_path);
  g_autofree char *text = g_strdup_printf (_("Restored from “%s”"), base);

  g_assert (SHEQU_IS_WINDOW (self));

  shequ_window_show_toast (self, text, FALSE);
}

static void
show_restore_result (ShequWindow  *self,
                     const char   *backup_path,
                     gboolean      ok,
                     const GError *error)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (self->workspace == NULL)
    return;
  if (!ok)
    {
      /* Replaced, but the file cannot be read: nothing is open any more. */
      if (shequ_workspace_get_store (self->workspace) == NULL)
        {
          _shequ_window_set_workspace (self, NULL);
          self->load_error = g_error_copy (error);
          _shequ_window_show_load_error (self);
        }
      else
        _shequ_window_show_error (self, _("Could not restore the backup"), error);
      return;
    }

  /* The file changed under the store: the workspace read the organisation again. */
  _shequ_window_set_workspace (self, self->workspace);
  show_restored_toast (self, backup_path);
}

static void
show_restore_file_result (ShequWindow  *self,
                          const char   *backup_path,
                          gboolean      ok,
                          const GError *error)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (!ok)
    {
      /* Show whatever the file is now, then why the restore failed. */
      shequ_window_load (self);
      _shequ_window_close_dialog (self);
      _shequ_window_show_error (self, _("Could not restore the backup"), error);
      return;
    }
  if (shequ_window_load (self))
    show_restored_toast (self, backup_path);
}

static void
show_job_result (ShequWindow  *self,
                 Job          *job,
                 gboolean      ok,
                 const GError *error)
{
  g_assert (SHEQU_IS_WINDOW (self));

  switch (job->kind)
    {
    case JOB_DAILY_BACKUP:
      /* The backup checks the file first: damage found there is worth saying at once.
       * Any other failure is not; the next start tries again. */
      if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        _shequ_window_present_damaged_dialog (self, error);
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
        _shequ_window_show_error (self, _("Could not back up the database"), error);
      break;

    case JOB_CHECK_INTEGRITY:
      if (ok)
        {
          g_autofree char *text =
            g_strdup_printf (_("No problems were found in “%s”."), job->db_path);

          _shequ_window_set_dialog (self, shequ_show_message (GTK_WINDOW (self), GTK_MESSAGE_INFO,
                                                              _("The database is intact"), text));
        }
      else if (g_error_matches (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        _shequ_window_present_damaged_dialog (self, error);
      else
        _shequ_window_show_error (self, _("Could not check the database"), error);
      break;

    case JOB_RESTORE:
      show_restore_result (self, job->dest_path, ok, error);
      break;

    case JOB_RESTORE_FILE:
      show_restore_file_result (self, job->dest_path, ok, error);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_job_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ShequWorkspace *workspace = object != NULL ? SHEQU_WORKSPACE (object) : NULL;
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (job->kind == JOB_DAILY_BACKUP)
    ok = shequ_workspace_daily_backup_finish (workspace, result, &error);
  else if (job->kind == JOB_BACKUP)
    ok = shequ_workspace_back_up_finish (workspace, result, &error);
  else if (job->kind == JOB_RESTORE)
    ok = shequ_workspace_restore_finish (workspace, result, &error);
  else if (job->kind == JOB_RESTORE_FILE)
    ok = shequ_workspace_restore_file_finish (result, &error);
  else
    ok = shequ_workspace_check_integrity_finish (workspace, result, &error);

  /* The window is closed (which cancels its work): nothing to show. */
  if (g_cancellable_is_cancelled (job->window->cancellable))
    return;
  show_job_result (job->window, job, ok, error);
  _shequ_window_end_busy (job->window);
}

void
_shequ_window_start_job (ShequWindow *self,
                         JobKind      kind,
                         const char  *dest_path)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  Job *job;

  /* A damaged file is restored with nothing open. */
  g_return_if_fail (self->workspace != NULL || kind == JOB_RESTORE_FILE);

  job = g_new0 (Job, 1);
  job->kind = kind;
  job->window = g_object_ref (self);
  job->db_path = g_strdup (self->database_path);
  job->dest_path = g_strdup (dest_path);
  _shequ_window_begin_busy (self, kind != JOB_DAILY_BACKUP);
  /* The application stays until the work has stopped, even when the window closes
   * (which cancels it). */
  if (app != NULL)
    {
      job->app = g_object_ref (G_APPLICATION (app));
      g_application_hold (job->app);
    }

  switch (kind)
    {
    case JOB_DAILY_BACKUP:
      shequ_workspace_daily_backup_async (self->workspace, self->cancellable, NULL, NULL,
                                          on_job_done, job);
      break;
    case JOB_BACKUP:
      shequ_workspace_back_up_async (self->workspace, dest_path, self->cancellable,
                                     _shequ_window_on_busy_progress, self, on_job_done, job);
      break;
    case JOB_CHECK_INTEGRITY:
      shequ_workspace_check_integrity_async (self->workspace, self->cancellable, NULL, NULL,
                                             on_job_done, job);
      break;
    case JOB_RESTORE:
      shequ_workspace_restore_async (self->workspace, dest_path, self->cancellable,
                                     _shequ_window_on_busy_progress, self, on_job_done, job);
      break;
    case JOB_RESTORE_FILE:
      shequ_workspace_restore_file_async (self->database_path, dest_path, self->cancellable,
                                          _shequ_window_on_busy_progress, self,
                                          on_job_done, job);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Backup, restore, integrity */

void
shequ_window_back_up (ShequWindow *self,
                      const char  *dest_path)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (dest_path != NULL);

  if (self->workspace != NULL)
    _shequ_window_start_job (self, JOB_BACKUP, dest_path);
}

static void
on_backup_chosen (GFile          *file,
                  GtkFileChooser *chooser,
                  gpointer        user_data)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    shequ_window_back_up (SHEQU_WINDOW (user_data), path);
}

void
_shequ_window_backup_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "shequ-%Y-%m-%d.db");
  GtkFileChooserNative *native;

  native = shequ_file_chooser_new (GTK_WINDOW (self), _("Back Up Database"),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"));
  shequ_file_chooser_add_database_filter (GTK_FILE_CHOOSER (native));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  _shequ_window_run_chooser (self, native, NULL, on_backup_chosen);
}

static void
restore_confirmed (gpointer user_data)
{
  ShequWindow *self = NULL;
  GObject *holder = user_data;
  const char *path;

  self = g_object_get_data (holder, "shequ-window");
  path = g_object_get_data (holder, "shequ-path");
  if (self == NULL || self->workspace == NULL || path == NULL)
    return;

  /* In the workspace's thread, with the spinner: a large file takes a while. */
  _shequ_window_start_job (self, JOB_RESTORE, path);
}

/* From the damaged-file dialog: the file is closed, moved aside and replaced by the
 * backup in the workspace's thread, then opened again. */
void
_shequ_window_restore_damaged (ShequWindow *self,
                               const char  *backup_path)
{
  g_assert (SHEQU_IS_WINDOW (self));

  _shequ_window_set_dialog (self, NULL);
  /* Damage may also be found while the file is open: close it before it is moved. */
  _shequ_window_set_workspace (self, NULL);
  _shequ_window_start_job (self, JOB_RESTORE_FILE, backup_path);
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

  if (self->workspace == NULL)
    return;

  base = g_path_get_basename (backup_path);
  primary = g_strdup_printf (_("Restore the database from “%s”?"), base);

  /* A small object carries the choice to the confirmation's callback. */
  holder = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data_full (holder, "shequ-path", g_strdup (backup_path), g_free);
  g_object_set_data (holder, "shequ-window", self);
  _shequ_window_set_dialog (self,
                            shequ_confirm (GTK_WINDOW (self), primary,
                                           _("Everything in the current database is replaced "
                                             "by the backup. A copy of the current state is "
                                             "kept in the backup folder first."),
                                           _("_Restore"), TRUE, restore_confirmed, holder,
                                           g_object_unref));
}

static void
on_restore_chosen (GFile          *file,
                   GtkFileChooser *chooser,
                   gpointer        user_data)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    shequ_window_restore (SHEQU_WINDOW (user_data), path);
}

void
_shequ_window_restore_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);
  g_autofree char *dir = NULL;
  GtkFileChooserNative *native;

  /* A damaged file that could not be opened is restored without opening it. */
  if (self->workspace == NULL)
    {
      if (g_error_matches (self->load_error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        _shequ_window_present_load_error_dialog (self);
      return;
    }

  native = shequ_file_chooser_new (GTK_WINDOW (self), _("Restore From Backup"),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"));
  shequ_file_chooser_add_database_filter (GTK_FILE_CHOOSER (native));
  dir = shequ_database_get_backup_dir (self->database_path);
  _shequ_window_run_chooser (self, native, dir, on_restore_chosen);
}

void
_shequ_window_check_integrity_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);

  if (self->workspace != NULL)
    _shequ_window_start_job (self, JOB_CHECK_INTEGRITY, NULL);
}

void
shequ_window_set_daily_backup (ShequWindow *self,
                               gboolean     enabled)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  self->daily_backup = !!enabled;
}
