/* shequ-workspace-progress.c — a worker's progress, shown on the caller's main context */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-workspace"

#include "config.h"

#include "shequ-workspace-private.h"

struct _ShequWorkspaceProgress
{
  gatomicrefcount        ref_count;
  GMutex                 mutex;
  GMainContext          *context;
  GFileProgressCallback  func;
  gpointer               data;
  goffset                current;
  goffset                total;
  gboolean               pending;
};

Progress *
_shequ_workspace_progress_new (GFileProgressCallback func,
                               gpointer              data)
{
  Progress *p;

  if (func == NULL)
    return NULL;
  p = g_new0 (Progress, 1);
  g_atomic_ref_count_init (&p->ref_count);
  g_mutex_init (&p->mutex);
  p->context = g_main_context_ref_thread_default ();
  p->func = func;
  p->data = data;
  return p;
}

static Progress *
progress_ref (Progress *p)
{
  g_atomic_ref_count_inc (&p->ref_count);
  return p;
}

void
_shequ_workspace_progress_unref (gpointer data)
{
  Progress *p = data;

  if (p == NULL || !g_atomic_ref_count_dec (&p->ref_count))
    return;
  g_main_context_unref (p->context);
  g_mutex_clear (&p->mutex);
  g_free (p);
}

static gboolean
progress_dispatch (gpointer data)
{
  Progress *p = data;
  goffset current, total;

  g_mutex_lock (&p->mutex);
  current = p->current;
  total = p->total;
  p->pending = FALSE;
  g_mutex_unlock (&p->mutex);
  p->func (current, total, p->data);
  return G_SOURCE_REMOVE;
}

/* A GFileProgressCallback for the worker. The source has the priority of the task's own
 * completion and is attached before it, so the caller never sees progress after the
 * callback; what the main context has not shown yet is merged into the newest. */
void
_shequ_workspace_progress_report (goffset  current,
                                  goffset  total,
                                  gpointer data)
{
  Progress *p = data;
  gboolean schedule;

  if (p == NULL)
    return;
  g_mutex_lock (&p->mutex);
  p->current = current;
  p->total = total;
  schedule = !p->pending;
  p->pending = TRUE;
  g_mutex_unlock (&p->mutex);

  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (source, "[shequ-workspace] progress");
      g_source_set_callback (source, progress_dispatch, progress_ref (p), _shequ_workspace_progress_unref);
      g_source_attach (source, p->context);
      g_source_unref (source);
    }
}
