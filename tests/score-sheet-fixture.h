/* score-sheet-fixture.h — a scoring grid in a window over the small evaluation, for the widget tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eval-sheet-fixture.h"
#include "shequ-score-sheet.h"
#include "shequ-test-gtk-util.h"

G_BEGIN_DECLS

typedef struct {
  EvalFixture      eval;
  GtkWidget       *window;
  ShequScoreSheet *sheet;
} Fixture;

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  eval_fixture_init (&f->eval, GPOINTER_TO_UINT (data) > 0 ? GPOINTER_TO_UINT (data) : 4);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 500);
  f->sheet = SHEQU_SCORE_SHEET (shequ_score_sheet_new ());
  shequ_score_sheet_set_sheet (f->sheet, f->eval.sheet);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->sheet));
  gtk_window_set_child (GTK_WINDOW (f->window), scroller);
  gtk_window_present (GTK_WINDOW (f->window));
  shequ_test_wait_for_draw (GTK_WIDGET (f->sheet));
  gtk_widget_grab_focus (GTK_WIDGET (f->sheet));
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  shequ_test_destroy_window (&f->window);
  eval_fixture_clear (&f->eval);
}

/* WIDGET as its window's renderer draws it. */
static inline GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

G_END_DECLS
