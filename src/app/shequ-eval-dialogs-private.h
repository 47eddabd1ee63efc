/* shequ-eval-dialogs-private.h — the set and period dialogs, as the tests drive them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-dialogs.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_EVAL_SET_DIALOG (shequ_eval_set_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShequEvalSetDialog, shequ_eval_set_dialog, SHEQU, EVAL_SET_DIALOG, GtkWindow)

#define SHEQU_TYPE_PERIOD_DIALOG (shequ_period_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShequPeriodDialog, shequ_period_dialog, SHEQU, PERIOD_DIALOG, GtkWindow)

/* The dialogs, not yet presented. Their widgets are the templates' children, by id
 * (gtk_widget_get_template_child()): name_entry, combine_dropdown, green_spin,
 * orange_spin, comment_spin, rules_list, indicator_list, weight_sum_label, code_entry,
 * category_entry, indicator_name_entry, weight_spin, max_spin, guidance_view,
 * error_label …; set_dropdown, kind_dropdown, label_entry, starts_entry, ends_entry,
 * assessor_list, every_check, split_check, per_target_spin, plan_label … */
ShequEvalSetDialog *shequ_eval_set_dialog_new   (GtkWindow          *parent,
                                                 ShequEvalStore     *store,
                                                 gint64              set_id,
                                                 ShequEvalKind       kind);
/* The set as edited now (borrowed). */
const ShequEvalSetDef *shequ_eval_set_dialog_get_def (ShequEvalSetDialog *self);
/* What Save does: the set saved through the store (the dialog then closes), or FALSE
 * with the reason, also shown in the dialog. *SET_ID (nullable): the version saved. */
gboolean            shequ_eval_set_dialog_save  (ShequEvalSetDialog *self,
                                                 gint64             *set_id,
                                                 GError            **error);

ShequPeriodDialog  *shequ_period_dialog_new     (GtkWindow          *parent,
                                                 ShequEvalStore     *store);
/* Selects the set SET_ID (a family's newest version) in the drop-down; FALSE if it is
 * not listed. */
gboolean            shequ_period_dialog_select_set (ShequPeriodDialog *self,
                                                 gint64             set_id);
/* What Open does: the period opened and its assessors assigned (the dialog then closes),
 * or FALSE with the reason, also shown in the dialog, and nothing written. */
gboolean            shequ_period_dialog_open    (ShequPeriodDialog  *self,
                                                 gint64             *period_id,
                                                 GError            **error);

/* Shared by the two dialogs (shequ-eval-dialogs.c). */
void                _shequ_eval_dialog_name_drop_down (GtkDropDown *drop_down,
                                                       const char  *label);
void                _shequ_eval_dialog_show_error     (GtkLabel    *error_label,
                                                       const char  *message);

G_END_DECLS
