/* shequ-eval-dialogs.h — editing an indicator set, opening a period */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-eval-store.h"

G_BEGIN_DECLS

/* A modal dialog over PARENT editing the set SET_ID (0: a new set of KIND): name,
 * combining, band rule, comment rule, the indicators (category, name, weight, maximum,
 * guidance; add, remove, move) with the live sum of the weights, and the flag rules.
 * Saves with shequ_eval_store_save_set(); errors are shown in the dialog. Returns the
 * dialog (already presented). */
GtkWindow *shequ_eval_set_dialog_present (GtkWindow       *parent,
                                          ShequEvalStore  *store,
                                          gint64           set_id,
                                          ShequEvalKind    kind);
/* A modal dialog over PARENT opening a period: the set, the kind of period, label and
 * dates (suggested after the newest period of that set), and the assessors with the
 * targets each grades (every target by default). Opens it with
 * shequ_eval_store_open_period() and shequ_eval_store_assign(), all or nothing. */
GtkWindow *shequ_period_dialog_present   (GtkWindow       *parent,
                                          ShequEvalStore  *store);

G_END_DECLS
