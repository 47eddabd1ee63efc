/* shequ-eval-flags.h — the evaluation's flags (约谈, 警示) and what was done about them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-eval-store.h"

G_BEGIN_DECLS

/* Every flag the store raised (newest period first): the target, the rule that fired
 * ("连续2期红色 → 约谈"), the period, the state and the interview's note. Actions
 * (group "flags", on the selected flag): "interview" asks a note in a dialog and marks
 * the interview held (a note is required: the store's refusal is shown in the dialog),
 * "close" closes the flag. Follows the store's "changed". Property: "store". Signal
 * "target-activated" (gint64 target_id, gint64 period_id). */
#define SHEQU_TYPE_EVAL_FLAGS (shequ_eval_flags_get_type ())
G_DECLARE_FINAL_TYPE (ShequEvalFlags, shequ_eval_flags, SHEQU, EVAL_FLAGS, GtkWidget)

GtkWidget  *shequ_eval_flags_new        (void);
void        shequ_eval_flags_set_store  (ShequEvalFlags *self,
                                         ShequEvalStore *store);
/* ShequEvalRow, one per flag. */
GListModel *shequ_eval_flags_get_rows   (ShequEvalFlags *self);
gboolean    shequ_eval_flags_select     (ShequEvalFlags *self,
                                         gint64          flag_id);
/* The note dialog while it shows (NULL otherwise), for the tests. */
GtkWindow  *shequ_eval_flags_get_dialog (ShequEvalFlags *self);
/* "连续2期红色 → 约谈" for RULE (caller frees). */
char       *shequ_flag_rule_describe    (const ShequFlagRuleRow *rule);

G_END_DECLS
