/* shequ-window-load.c — loading the database (also in a thread) and outside changes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-dialogs.h"
#include "shequ-window-private.h"

/* Not in <gtk/gtk.h>; comes after it. */
#include <gsk/gl/gskglrenderer.h>

/* A database read faster than this shows at once, without the loading page. */
#define LOADING_PAGE_DELAY_MS 500

/* ------------------------------------------------------------------------ */
/* Opening the database                                                     */

/* Forgets the open database before a (re)load: restore, retry, first open. */
static void
begin_load (ShequWindow *self)
{
  _shequ_window_close_dialog (self);
  g_clear_error (&self->load_error);

  /* The previous database goes before the file is opened again (restore, retry). */
  _shequ_window_set_store (self, NULL);
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
      _shequ_window_show_load_error (self);
      return FALSE;
    }

  self->database = g_object_ref (shequ_org_store_get_database (store));
  _shequ_window_set_store (self, store);
  _shequ_window_update_page (self);
  _shequ_window_update_actions (self);
  /* The keyboard starts on the street's row. */
  shequ_org_view_focus_tree (self->org_view);

  if (self->daily_backup && !self->bench_first_frame && self->screenshot_dir == NULL &&
      !self->daily_backup_done)
    {
      self->daily_backup_done = TRUE;
      _shequ_window_start_job (self, JOB_DAILY_BACKUP, NULL);
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
      _shequ_window_clear_warm_renderer (self);
    }
  finish_load (self, store, error);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _shequ_window_hook_bench (self);
  _shequ_window_maybe_start_screenshots (self);
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
  _shequ_window_update_page (self);
  _shequ_window_update_actions (self);

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

void
_shequ_window_clear_warm_renderer (ShequWindow *self)
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
  _shequ_window_clear_warm_renderer (self);
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

  /* A destroyed window may outlive its destruction a little (references held elsewhere):
   * it polls nothing and shows nothing then. */
  if (self->store == NULL || self->loading || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  /* Its files deleted or replaced under it (by hand: no close() in this program can drop
   * its locks any more): nothing more is written or read from them. The error page says
   * why, and "Try Again" opens the file as it is now. */
  if (self->database != NULL && !shequ_database_check_files (self->database, &error))
    {
      _shequ_window_set_store (self, NULL);
      g_clear_object (&self->database);
      self->load_error = g_steal_pointer (&error);
      _shequ_window_show_load_error (self);
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

void
_shequ_window_start_refresh_poll (ShequWindow *self)
{
  self->refresh_id = g_timeout_add_seconds (REFRESH_INTERVAL_S, on_refresh_timeout, self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed), NULL);
}
