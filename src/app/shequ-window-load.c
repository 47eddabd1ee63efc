/* shequ-window-load.c — loading the database (also in a thread) and outside changes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-window-private.h"

/* Not in <gtk/gtk.h>; comes after it. */
#include <gsk/gl/gskglrenderer.h>

/* A database read faster than this shows at once, without the loading page. */
#define LOADING_PAGE_DELAY_MS 500

/* ------------------------------------------------------------------------ */
/* Opening the database                                                     */

/* The workspace (NULL to close it), its database and its store, or what a restore put
 * in them. */
void
_shequ_window_set_workspace (ShequWindow    *self,
                             ShequWorkspace *workspace)
{
  ShequDatabase *database = workspace != NULL ? shequ_workspace_get_database (workspace) : NULL;

  g_assert (SHEQU_IS_WINDOW (self));

  g_set_object (&self->workspace, workspace);
  g_set_object (&self->database, database);
  _shequ_window_set_store (self, workspace != NULL ? shequ_workspace_get_store (workspace)
                                                   : NULL);
  /* Also for the same store read again (a restore): the evaluation is read again. */
  _shequ_window_set_eval_store (self);
  _shequ_window_set_disclosure_store (self);
}

/* Forgets the open database before a (re)load: restore, retry, first open. */
static void
begin_load (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  _shequ_window_close_dialog (self);
  g_clear_error (&self->load_error);

  /* The previous database goes before the file is opened again (restore, retry). */
  _shequ_window_set_workspace (self, NULL);
}

/* Takes ERROR (owned) when WORKSPACE is NULL. */
static gboolean
finish_load (ShequWindow    *self,
             ShequWorkspace *workspace,
             GError         *error)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (workspace == NULL)
    {
      /* Closed before anything is shown: nothing more touches the file. */
      self->load_error = error;
      _shequ_window_show_load_error (self);
      return FALSE;
    }

  _shequ_window_set_workspace (self, workspace);
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

/* The app's own file is made on first run, for the welcome page; a file that is there,
 * even an empty one, is only opened. */
static ShequDatabaseFlags
get_open_flags (const char *path)
{
  return (g_file_test (path, G_FILE_TEST_EXISTS) ? SHEQU_DATABASE_FLAGS_NONE
                                                 : SHEQU_DATABASE_FLAGS_CREATE) |
         SHEQU_DATABASE_FLAGS_NO_BACKUP;
}

gboolean
shequ_window_load (ShequWindow *self)
{
  g_autoptr(ShequWorkspace) workspace = NULL;
  GError *error = NULL;

  g_return_val_if_fail (SHEQU_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->database_path != NULL, FALSE);

  begin_load (self);
  /* On failure the file is closed at once. */
  workspace = shequ_workspace_open (self->database_path, get_open_flags (self->database_path),
                                    NULL, &error);
  return finish_load (self, workspace, error);
}

/* Takes WORKSPACE (a reference) or ERROR (owned), read in the workspace's thread. */
static void
load_finished (ShequWindow    *self,
               ShequWorkspace *workspace_ref,
               GError         *error)
{
  g_autoptr(ShequWorkspace) workspace = workspace_ref;

  g_assert (SHEQU_IS_WINDOW (self));

  self->loading = FALSE;
  /* Closed while the file was read: the store goes with the workspace. */
  if (self->org_view == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)) ||
      g_cancellable_is_cancelled (self->cancellable))
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
  finish_load (self, workspace, error);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _shequ_window_hook_bench (self);
  _shequ_window_maybe_start_screenshots (self);
}

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ShequWindow) self = user_data;
  GError *error = NULL;
  ShequWorkspace *workspace = shequ_workspace_open_finish (result, &error);

  load_finished (self, workspace, error);
}

/* The database read before the window exists (while GTK starts), for the first window
 * of the application. When it is read, it goes to the window waiting for it, or is
 * closed when nobody took it. */
typedef struct {
  char        *path;
  ShequWindow *waiting;   /* weak */
} Preload;

static Preload *preload;

static void
on_preload_opened (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Preload *p = user_data;
  ShequWindow *window = p->waiting;
  GError *error = NULL;
  ShequWorkspace *workspace = shequ_workspace_open_finish (result, &error);

  g_clear_weak_pointer (&p->waiting);
  if (p == preload)
    preload = NULL;
  if (window != NULL)
    load_finished (window, workspace, error);
  else
    {
      /* Not taken: the file is closed here. */
      g_clear_object (&workspace);
      g_clear_error (&error);
    }
  g_free (p->path);
  g_free (p);
}

void
shequ_window_preload (const char *path)
{
  g_return_if_fail (path != NULL);

  if (preload != NULL)
    return;
  preload = g_new0 (Preload, 1);
  preload->path = g_strdup (path);
  shequ_workspace_open_async (path, get_open_flags (path), NULL, NULL, NULL,
                              on_preload_opened, preload);
}

/* Whether the preloaded database is this window's: it then arrives as a load does. */
static gboolean
take_preload (ShequWindow *self)
{
  Preload *p = preload;

  g_assert (SHEQU_IS_WINDOW (self));

  if (p == NULL)
    return FALSE;
  /* Only the first window may take it; another file's read is closed when done. */
  preload = NULL;
  if (g_strcmp0 (p->path, self->database_path) != 0)
    return FALSE;
  g_set_weak_pointer (&p->waiting, self);
  return TRUE;
}

void
shequ_window_load_async (ShequWindow *self)
{
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
  shequ_workspace_open_async (self->database_path, get_open_flags (self->database_path),
                              self->cancellable, NULL, NULL, on_load_done,
                              g_object_ref (self));
}

/* The GL renderer's shaders and caches belong to the display: made once for a
 * renderer without a surface, they serve the window's renderer too. */
static void
warm_up_renderer (ShequWindow *self)
{
  g_autoptr(GError) error = NULL;
  GskRenderer *renderer;

  g_assert (SHEQU_IS_WINDOW (self));

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

  g_assert (SHEQU_IS_WINDOW (self));

  /* A destroyed window may outlive its destruction a little (references held elsewhere):
   * it polls nothing and shows nothing then. */
  if (self->store == NULL || self->loading || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  /* Its files deleted or replaced under it (by hand: no close() in this program can drop
   * its locks any more): nothing more is written or read from them. The error page says
   * why, and "Try Again" opens the file as it is now. */
  if (self->database != NULL && !shequ_database_check_files (self->database, &error))
    {
      _shequ_window_set_workspace (self, NULL);
      self->load_error = g_steal_pointer (&error);
      _shequ_window_show_load_error (self);
      return;
    }

  /* The next poll tries again; a damaged file is reported by the next write. */
  if (!shequ_org_store_refresh (self->store, NULL, &error))
    g_debug ("Could not read changes by other programs: %s", error->message);
  _shequ_window_refresh_eval (self);
  _shequ_window_refresh_disclosure (self);
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
  g_assert (SHEQU_IS_WINDOW (self));

  if (gtk_window_is_active (GTK_WINDOW (self)))
    refresh_from_database (self);
}

void
_shequ_window_start_refresh_poll (ShequWindow *self)
{
  self->refresh_id = g_timeout_add_seconds (REFRESH_INTERVAL_S, on_refresh_timeout, self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed), NULL);
}
