/* shequ-presentation-window-private.h — what the tests look at in a presentation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-presentation-window.h"

G_BEGIN_DECLS

/* Whether the window asked to be fullscreen (the display may not have answered yet). */
gboolean     shequ_presentation_window_get_fullscreen_requested (ShequPresentationWindow *self);
/* The caption's text ("第一片区 · 1 / 5"). */
const char  *shequ_presentation_window_get_caption         (ShequPresentationWindow *self);
/* Fullscreen on MONITOR (NULL: PARENT's), with the presenter's controls when
 * WITH_CONTROLS: what _start() does with a second monitor, on one. */
void         shequ_presentation_window_start_on            (ShequPresentationWindow *self,
                                                            GdkMonitor              *monitor,
                                                            gboolean                 with_controls);
/* The presenter's controls, or NULL on one monitor. */
GtkWindow   *shequ_presentation_window_get_controls        (ShequPresentationWindow *self);
/* The renderer's text scale for a window of WIDTH × HEIGHT. */
double       shequ_presentation_text_scale_for_size        (int                      width,
                                                            int                      height);
/* Binds the presentation's keys (Page Down, Escape, P, …) on WIDGET in PHASE. */
void         shequ_presentation_add_shortcuts              (GtkWidget               *widget,
                                                            GtkPropagationPhase      phase);
/* shequ-presenter-controls.c: the pen's tools (pen, eraser, colours, width, clear,
 * undo, export) acting on the "present" actions of the widget they are put in. */
GtkWidget   *shequ_presentation_new_pen_tools              (ShequMapInk             *ink,
                                                            GtkOrientation           orientation);
/* A button with a mnemonic LABEL acting on ACTION, TOOLTIP saying what it does. */
GtkWidget   *shequ_presentation_new_button                 (const char              *label,
                                                            const char              *action,
                                                            const char              *tooltip);

G_END_DECLS
