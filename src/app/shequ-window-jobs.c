/* shequ-window-jobs.c — backups, restore and the integrity check, in a thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-dialogs.h"
#include "shequ-window-private.h"

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
  _shequ_window_update_actions (self);
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

    default:
      g_assert_not_reached ();
    }

  job_finished (self);
}

void
_shequ_window_start_job (ShequWindow *self,
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
  _shequ_window_update_actions (self);
  /* The application stays until the work is done, even when the window closes. */
  if (app != NULL)
    {
      job->app = g_object_ref (G_APPLICATION (app));
      g_application_hold (job->app);
    }

  task = g_task_new (self, self->cancellable, on_job_done, NULL);
  g_task_set_source_tag (task, _shequ_window_start_job);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
}

/* Backup, restore, integrity */

void
shequ_window_back_up (ShequWindow *self,
                      const char  *dest_path)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  g_return_if_fail (dest_path != NULL);

  if (self->database != NULL)
    _shequ_window_start_job (self, JOB_BACKUP, dest_path);
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
  _shequ_window_clear_chooser (self);

  if (path != NULL)
    shequ_window_back_up (self, path);
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

  _shequ_window_clear_chooser (self);
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
      _shequ_window_show_error (self, _("Could not restore the backup"), error);
      return;
    }

  /* The file changed under the store: build the organisation again from it. */
  store = shequ_org_store_new (self->database, &error);
  if (store == NULL)
    {
      g_clear_object (&self->database);
      _shequ_window_set_store (self, NULL);
      self->load_error = g_steal_pointer (&error);
      _shequ_window_show_load_error (self);
      return;
    }
  _shequ_window_set_store (self, store);
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
  _shequ_window_set_dialog (self,
                            shequ_confirm (GTK_WINDOW (self), primary,
                                           _("Everything in the current database is replaced "
                                             "by the backup. A copy of the current state is "
                                             "kept in the backup folder first."),
                                           _("_Restore"), TRUE, restore_confirmed, holder,
                                           g_object_unref));
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
  _shequ_window_clear_chooser (self);
  if (path != NULL)
    shequ_window_restore (self, path);
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
  if (self->database == NULL)
    {
      if (g_error_matches (self->load_error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT))
        _shequ_window_present_load_error_dialog (self);
      return;
    }

  _shequ_window_clear_chooser (self);
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

void
_shequ_window_check_integrity_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  ShequWindow *self = SHEQU_WINDOW (widget);

  if (self->database != NULL)
    _shequ_window_start_job (self, JOB_CHECK_INTEGRITY, NULL);
}

void
shequ_window_set_daily_backup (ShequWindow *self,
                               gboolean     enabled)
{
  g_return_if_fail (SHEQU_IS_WINDOW (self));
  self->daily_backup = !!enabled;
}
