/* shequ-sync-status.h — the header bar's sync indicator: online, offline, pending, conflicts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-disclosure-store.h"

G_BEGIN_DECLS

typedef enum {
  SHEQU_SYNC_LINK_UNCONFIGURED,  /* no server set */
  SHEQU_SYNC_LINK_UNKNOWN,       /* not synced since the app started */
  SHEQU_SYNC_LINK_ONLINE,        /* the last sync reached the server */
  SHEQU_SYNC_LINK_OFFLINE,       /* the last sync did not */
} ShequSyncLink;

/* A toggle button: an icon and a short line ("在线 · 3 待发送"); its popover says when the
 * last sync ran and what it did, shows progress while one runs, lists the conflicts
 * (each opens win.resolve-conflict with the disclosure's id) and offers Sync Now
 * (win.sync-now) and the settings (win.sync-settings). Named for screen readers by its
 * line. */
#define SHEQU_TYPE_SYNC_STATUS_BUTTON (shequ_sync_status_button_get_type ())
G_DECLARE_FINAL_TYPE (ShequSyncStatusButton, shequ_sync_status_button, SHEQU, SYNC_STATUS_BUTTON, GtkWidget)

GtkWidget  *shequ_sync_status_button_new           (void);
/* DETAIL: what the last sync did or why it failed (NULL: nothing to say). */
void        shequ_sync_status_button_set_link      (ShequSyncStatusButton *self,
                                                    ShequSyncLink          link,
                                                    const char            *detail);
ShequSyncLink shequ_sync_status_button_get_link    (ShequSyncStatusButton *self);
/* A sync runs: STAGE ("push", "pull", "attachments"), DONE of TOTAL (0: unknown). */
void        shequ_sync_status_button_set_progress  (ShequSyncStatusButton *self,
                                                    gboolean               running,
                                                    const char            *stage,
                                                    guint                  done,
                                                    guint                  total);
void        shequ_sync_status_button_set_counts    (ShequSyncStatusButton *self,
                                                    guint                  pending,
                                                    guint                  conflicts,
                                                    guint                  refused);
/* The disclosures in conflict (ShequDisclosureRow, copied as needed; NULL: none). */
void        shequ_sync_status_button_set_conflicts (ShequSyncStatusButton *self,
                                                    GPtrArray             *rows);
/* The line shown (and its accessible name). */
const char *shequ_sync_status_button_get_summary   (ShequSyncStatusButton *self);

G_END_DECLS
