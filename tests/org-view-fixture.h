/* org-view-fixture.h — the fixture of the organisation view's test programs: the
 * sample database, its store, and the view in a window of its own */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-database.h"
#include "shequ-org-store.h"
#include "shequ-org-view.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

G_BEGIN_DECLS

typedef struct {
  char          *dir;
  char          *path;
  ShequDatabase *db;
  ShequOrgStore *store;
  GtkWidget     *window;
  ShequOrgView  *view;
} Fixture;

/* Waits for the view to be drawn: for ORG_VIEW_FIXTURE_FRAMES frames when the program
 * defines it (the a11y cases read what two frames show), else until it is drawn once. */
static inline void
org_view_fixture_wait (Fixture *f)
{
#ifdef ORG_VIEW_FIXTURE_FRAMES
  shequ_test_wait_frames (GTK_WIDGET (f->view), ORG_VIEW_FIXTURE_FRAMES);
#else
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
#endif
}

/* The sample in a new folder, and the view on it in a window of its own, drawn. */
static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = shequ_test_make_tmpdir ("shequ-test-org-view-XXXXXX");
  f->path = g_build_filename (f->dir, "shequ.db", NULL);
  f->store = shequ_test_open_sample_store (f->path, &f->db);
  f->view = shequ_test_new_org_view_window (f->store, &f->window);
  org_view_fixture_wait (f);
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  shequ_test_destroy_window (&f->window);
  shequ_test_flush_main_context ();
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  shequ_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static inline ShequUnit *
unit_by_code (Fixture    *f,
              const char *code)
{
  return shequ_test_lookup_code (f->store, code);
}

/* The start of every program (a TAP skip of the whole program without a display). */
static inline void
org_view_fixture_init (int    *argc,
                       char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  shequ_test_gtk_init (argc, argv);
}

#define ORG_VIEW_ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* Shows UNIT's row (selecting it scrolls there) and waits until it is drawn. */
static inline void
bring_into_view (Fixture   *f,
                 ShequUnit *unit)
{
  shequ_org_view_select_unit (f->view, unit);
  org_view_fixture_wait (f);
}

G_END_DECLS
