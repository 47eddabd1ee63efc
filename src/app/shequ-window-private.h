/* shequ-window-private.h — ShequWindow's instance struct and the functions its files share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-compliance-panel.h"
#include "shequ-county-code.h"
#include "shequ-database.h"
#include "shequ-disclosure-page.h"
#include "shequ-dialogs.h"
#include "shequ-eval-page.h"
#include "shequ-eval-store.h"
#include "shequ-map-page.h"
#include "shequ-map-view.h"
#include "shequ-org-view.h"
#include "shequ-welcome-page.h"
#include "shequ-window.h"
#include "shequ-workspace.h"

G_BEGIN_DECLS

/* The disclosures' store, page and sync (shequ-window-disclosure.c). */
typedef struct _ShequWindowDisclosure ShequWindowDisclosure;

typedef enum {
  JOB_DAILY_BACKUP,
  JOB_BACKUP,
  JOB_CHECK_INTEGRITY,
  JOB_RESTORE,          /* the open database, from a backup */
  JOB_RESTORE_FILE,     /* a damaged file that could not be opened, from a backup */
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
  GtkWidget            *map_slot;
  GtkWidget            *eval_slot;
  GtkWidget            *disclosure_slot;
  GtkStack             *org_stack;
  GtkWidget            *empty_street_page;
  GtkLabel             *empty_street_title;
  ShequWelcomePage     *welcome_page;      /* built when first shown */
  ShequOrgView         *org_view;
  ShequCompliancePanel *compliance_panel;  /* built when first shown */
  ShequMapPage         *map_page;          /* built when first shown */
  ShequEvalPage        *eval_page;         /* built when first shown */
  ShequWindowDisclosure *disclosure;
  ShequSession         *session;           /* one per store, shared by the views */
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
  ShequWorkspace       *workspace;
  ShequDatabase        *database;         /* the workspace's */
  ShequOrgStore        *store;            /* the workspace's */
  ShequEvalStore       *eval_store;       /* over the store; NULL when it could not be read */
  ShequUnit            *street;
  GError               *load_error;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkWindow            *dialog;            /* weak */
  GtkFileChooserNative *chooser;          /* weak: shown by shequ_file_chooser_run () */
  GdkFrameClock        *bench_clock;       /* weak */
  char                 *page;
  char                 *screenshot_dir;
  GPtrArray            *screenshot_pages;  /* the pages still to save */
  GtkWidget            *screenshot_target; /* weak: the window shot, when not this one */

  guint                 toast_timeout_id;
  guint                 dialog_idle_id;
  guint                 refresh_id;
  guint                 toast_focus_idle_id;
  guint                 present_timeout_id;
  GskRenderer          *warm_renderer;
  gulong                screenshot_paint_id;
  gulong                bench_after_paint_id;
  /* > 0 while the window itself changes the store and shows its own message. */
  guint                 n_jobs;            /* backups, checks and imports running */
  guint                 n_eval_exports;    /* reports being written */

  guint                 screenshot_paints;
  guint                 bench_first_frame : 1;
  guint                 present_pending : 1;
  guint                 screenshot_welcome : 1;
  guint                 screenshots_started : 1;
  guint                 screenshot_settled : 1;   /* the presentation had a second to settle */
  guint                 loading : 1;
  guint                 daily_backup : 1;
  guint                 daily_backup_done : 1;
};

/* shequ-window.c */
void _shequ_window_set_dialog (ShequWindow *self,
                               GtkWidget   *dialog);
void _shequ_window_close_dialog (ShequWindow *self);
GtkWidget *_shequ_window_show_error (ShequWindow  *self,
                                     const char   *primary,
                                     const GError *error);
ShequWelcomePage *_shequ_window_ensure_welcome_page (ShequWindow *self);
void _shequ_window_set_store (ShequWindow   *self,
                              ShequOrgStore *store);
const char *_shequ_window_compute_page (ShequWindow *self);
void _shequ_window_update_page (ShequWindow *self);
void _shequ_window_update_actions (ShequWindow *self);

/* shequ-window-errors.c */
void _shequ_window_present_damaged_dialog (ShequWindow  *self,
                                           const GError *error);
void _shequ_window_present_load_error_dialog (ShequWindow *self);
gboolean _shequ_window_present_load_error_idle (gpointer data);
void _shequ_window_show_load_error (ShequWindow *self);

/* shequ-window-load.c */
void _shequ_window_set_workspace (ShequWindow    *self,
                                  ShequWorkspace *workspace);
void _shequ_window_clear_warm_renderer (ShequWindow *self);
void _shequ_window_start_refresh_poll (ShequWindow *self);

/* shequ-window-actions.c */
void _shequ_window_undo_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param);
void _shequ_window_close_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param);
void _shequ_window_view_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param);
void _shequ_window_open_sample_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param);
void _shequ_window_create_street_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param);
void _shequ_window_add_unit_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param);
void _shequ_window_on_search_button_toggled (ShequWindow *self);
void _shequ_window_on_search_mode_changed (ShequWindow *self);
void _shequ_window_name_buttons_without_mnemonics (GtkWidget *widget);
GtkWidget *_shequ_window_find_descendant (GtkWidget *widget,
                                          GType      type);
void _shequ_window_retry_open_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param);
void _shequ_window_class_add_org_bindings (GtkWidgetClass *widget_class);
void _shequ_window_add_settings_actions (ShequWindow *self);
char *_shequ_window_dup_import_encoding (ShequWindow *self);
void _shequ_window_set_import_encoding (ShequWindow *self,
                                        const char  *encoding_id);
gboolean _shequ_window_on_query_single_line_tooltip (GtkWidget  *widget,
                                                     int         x,
                                                     int         y,
                                                     gboolean    keyboard_mode,
                                                     GtkTooltip *tooltip,
                                                     gpointer    user_data);
void _shequ_window_show_shortcuts_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param);

/* shequ-window-io.c */
void _shequ_window_clear_chooser (ShequWindow *self);
void _shequ_window_run_chooser (ShequWindow          *self,
                                GtkFileChooserNative *native,
                                const char           *folder,
                                ShequFileChosenFunc   func);
void _shequ_window_import_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param);
void _shequ_window_export_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param);

/* shequ-window-jobs.c */
void _shequ_window_begin_busy (ShequWindow *self,
                               gboolean     visible);
void _shequ_window_end_busy (ShequWindow *self);
void _shequ_window_restore_damaged (ShequWindow *self,
                                    const char  *backup_path);
void _shequ_window_on_busy_progress (goffset  current,
                                     goffset  total,
                                     gpointer user_data);
void _shequ_window_start_job (ShequWindow *self,
                              JobKind      kind,
                              const char  *dest_path);
void _shequ_window_backup_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param);
void _shequ_window_restore_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param);
void _shequ_window_check_integrity_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param);

/* shequ-window-toast.c */
void _shequ_window_hide_toast (ShequWindow *self);
void _shequ_window_on_focus_widget_changed (ShequWindow *self);
void _shequ_window_on_toast_undo_clicked (ShequWindow *self);
void _shequ_window_on_toast_close_clicked (ShequWindow *self);

/* shequ-window-bench.c */
void _shequ_window_hook_bench (ShequWindow *self);
void _shequ_window_maybe_start_screenshots (ShequWindow *self);

/* For the tests: whether backups, checks, restores or imports are still running; the
 * text of the notification shown at the top (NULL when none is shown); the dialog
 * the window shows about its database (NULL when none); its pages and views (the
 * empty-street page is the one shown for a street without units). */
gboolean    shequ_window_is_busy               (ShequWindow *self);
/* The store shown, the page ("welcome", "org", "error", …), why the database could
 * not be opened (NULL when it is open), the line under the title. */
ShequOrgStore *shequ_window_get_store          (ShequWindow *self);
const char *shequ_window_get_page              (ShequWindow *self);
const GError *shequ_window_get_load_error      (ShequWindow *self);
const char *shequ_window_get_subtitle          (ShequWindow *self);
const char *shequ_window_get_toast_text        (ShequWindow *self);
GtkWindow  *shequ_window_get_dialog            (ShequWindow *self);
GtkWidget  *shequ_window_get_welcome_page      (ShequWindow *self);
GtkWidget  *shequ_window_get_org_view          (ShequWindow *self);
GtkWidget  *shequ_window_get_compliance_panel  (ShequWindow *self);
GtkWidget  *shequ_window_get_empty_street_page (ShequWindow *self);

/* shequ-window-map.c: the map page (the map-view engineer's), and the map's files:
 * boundary import, export, print, presentation (the presentation engineer's). */
ShequMapView *_shequ_window_get_map_view (ShequWindow *self);
/* shequ-window-map-actions.c: win.present-map, win.export-map, win.print-map,
 * win.import-boundaries. */
void _shequ_window_map_actions_init (GtkWidgetClass *widget_class);
ShequMapPage *_shequ_window_ensure_map_page (ShequWindow *self);
void _shequ_window_init_map (ShequWindow *self);

/* shequ-window-eval.c: the evaluation's store (made whenever the org store is set),
 * its page, win.view-eval and win.export-eval. */
void _shequ_window_set_eval_store (ShequWindow *self);
ShequEvalPage *_shequ_window_ensure_eval_page (ShequWindow *self);
void _shequ_window_refresh_eval (ShequWindow *self);
void _shequ_window_eval_actions_init (GtkWidgetClass *widget_class);
void _shequ_window_update_eval_actions (ShequWindow *self);
/* For the tests and the screenshots: the evaluation store (NULL when none), its page
 * (built when first asked for), and the report of PERIOD_ID written to PATH in a
 * thread, as Export Report… does (FALSE with ERROR when it cannot start). */
ShequEvalStore *shequ_window_get_eval_store     (ShequWindow  *self);
GtkWidget  *shequ_window_get_eval_page          (ShequWindow  *self);
gboolean    shequ_window_export_eval_report     (ShequWindow  *self,
                                                 gint64        period_id,
                                                 const char   *path,
                                                 GError      **error);

/* shequ-window-disclosure.c: the disclosures' store (made whenever the org store is
 * set), their page, win.view-disclosure, win.sync-now, win.sync-settings,
 * win.resolve-conflict (x: the disclosure), automatic sync and its indicator. */
void _shequ_window_disclosure_init (ShequWindow *self);
void _shequ_window_disclosure_dispose (ShequWindow *self);
void _shequ_window_disclosure_finalize (ShequWindow *self);
void _shequ_window_set_disclosure_store (ShequWindow *self);
void _shequ_window_refresh_disclosure (ShequWindow *self);
ShequDisclosurePage *_shequ_window_ensure_disclosure_page (ShequWindow *self);
void _shequ_window_show_disclosure_screenshot (ShequWindow *self,
                                               const char  *page);
void _shequ_window_disclosure_actions_init (GtkWidgetClass *widget_class);
void _shequ_window_update_disclosure_actions (ShequWindow *self);
gboolean _shequ_window_start_sync (ShequWindow *self,
                                   gboolean     manual);
/* For the tests: the store (NULL when none), the page (built when first asked for),
 * the sync indicator, whether a sync runs, how many finished. */
ShequDisclosureStore *shequ_window_get_disclosure_store (ShequWindow *self);
GtkWidget  *shequ_window_get_disclosure_page    (ShequWindow  *self);
GtkWidget  *shequ_window_get_sync_status        (ShequWindow  *self);
gboolean    shequ_window_is_syncing             (ShequWindow  *self);
guint       shequ_window_get_n_syncs            (ShequWindow  *self);

G_END_DECLS
