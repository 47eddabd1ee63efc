/* shequ-test-gtk-util.h — helpers the window tests share: waiting on the main loop, windows */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-application.h"
#include "shequ-org-view.h"
#include "shequ-test-util.h"
#include "shequ-window.h"

G_BEGIN_DECLS

/* A guard against a test that would otherwise hang; never reached when all is well. */
#define SHEQU_TEST_WAIT_LIMIT_SECONDS 20

typedef gboolean (*ShequTestCheck) (gpointer data);

void              shequ_test_wait_until          (ShequTestCheck    check,
                                                  gpointer          data);
void              shequ_test_wait_until_for      (guint             limit_seconds,
                                                  ShequTestCheck    check,
                                                  gpointer          data);
void              shequ_test_spin                (guint             ms);
void              shequ_test_flush_main_context  (void);

void              shequ_test_wait_for_draw       (GtkWidget        *widget);
void              shequ_test_wait_frames         (GtkWidget        *widget,
                                                  guint             n);

void              shequ_test_require_display     (void);
void              shequ_test_gtk_init            (int              *argc,
                                                  char           ***argv);

/* A window test program's start: no daily backup, drawing without GL or grabs, zh_CN
 * when $SHEQU_TEST_SHOTS_LANG says so, shequ_test_gtk_init(); then the application its
 * windows open in. */
ShequApplication *shequ_test_window_program_init (int              *argc,
                                                  char           ***argv);
/* A window fixture's end: APP's windows closed, *DIR removed, *DIR and *PATH freed. */
void              shequ_test_window_fixture_clear (GtkApplication  *app,
                                                   char           **dir,
                                                   char           **path);
/* After gtk_test_init(): GTK 4.8's own races that tests meet and users do not (named in
 * shequ-test-gtk-util.c) no longer abort a test; everything else stays fatal. */
void              shequ_test_ignore_gtk_races    (void);

ShequApplication *shequ_test_new_app             (void);
void              shequ_test_destroy_window      (GtkWidget       **window);
void              shequ_test_close_all_windows   (GtkApplication   *app);
ShequOrgView     *shequ_test_new_org_view_window (ShequOrgStore    *store,
                                                  GtkWidget       **window);
ShequWindow      *shequ_test_open_window         (GtkApplication   *app,
                                                  const char       *path,
                                                  gboolean         *loaded);

/* Below ROOT (only what is mapped, on screen, when VISIBLE_ONLY), each mnemonic key into SEEN; a
 * key met twice fails the test, naming both labels' text. */
void              shequ_test_collect_mnemonics   (GtkWidget        *root,
                                                  GHashTable       *seen,
                                                  gboolean          visible_only);
/* WIDGET (a window) drawn into $SHEQU_TEST_SHOTS/NAME-LANG.png, LANG from
 * $SHEQU_TEST_SHOTS_LANG ("en" without it), after three frames. */
void              shequ_test_save_shot           (GtkWidget        *widget,
                                                  const char       *name);

G_END_DECLS
