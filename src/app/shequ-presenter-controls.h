/* shequ-presenter-controls.h — the presenter's screen while the projector shows the map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-presentation-window.h"

G_BEGIN_DECLS

/* The area list (choosing an area frames it on the projector and selects it in the
 * session), previous / next, the pen's tools, the time, and the end of the presentation;
 * it acts on PRESENTATION's "present" actions. Transient for PARENT (nullable). */
#define SHEQU_TYPE_PRESENTER_CONTROLS (shequ_presenter_controls_get_type ())
G_DECLARE_FINAL_TYPE (ShequPresenterControls, shequ_presenter_controls, SHEQU,
                      PRESENTER_CONTROLS, GtkWindow)

GtkWidget *shequ_presenter_controls_new          (ShequPresentationWindow *presentation,
                                                  GtkWindow               *parent);
/* The list of areas: row 0 the whole map, row N + 1 area N. */
GtkListBox *shequ_presenter_controls_get_area_list (ShequPresenterControls *self);
/* The clock's text ("14:05"). */
const char *shequ_presenter_controls_get_time    (ShequPresenterControls *self);

G_END_DECLS
