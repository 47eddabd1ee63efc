/* shequ-workspace-private.h — what the workspace's files share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-workspace.h"

G_BEGIN_DECLS

/* One call's progress callback and the main context it runs on (the thread-default one
 * of the _async call). NULL (and every function a no-op on it) when there is none. */
typedef struct _ShequWorkspaceProgress Progress;

Progress *_shequ_workspace_progress_new    (GFileProgressCallback  func,
                                            gpointer               data);
void      _shequ_workspace_progress_unref  (gpointer               progress);
/* A GFileProgressCallback for the worker, with the Progress as its data. */
void      _shequ_workspace_progress_report (goffset                current,
                                            goffset                total,
                                            gpointer               progress);

G_END_DECLS
