/* shequ-eval-dialogs.c — the evaluation's dialogs: editing an indicator set, opening a period */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-eval-dialogs-private.h"

/* A drop-down's focusable part is its inner toggle button: it gets LABEL (mnemonic
 * markup removed) as its accessible name. */
void
_shequ_eval_dialog_name_drop_down (GtkDropDown *drop_down,
                                   const char  *label)
{
  GtkWidget *toggle = shequ_widget_find_descendant (GTK_WIDGET (drop_down),
                                                    GTK_TYPE_TOGGLE_BUTTON);
  g_autofree char *clean = shequ_strip_mnemonic (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  clean, -1);
  if (toggle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    clean, -1);
}

/* MESSAGE in the dialog's error line (NULL hides it). */
void
_shequ_eval_dialog_show_error (GtkLabel   *error_label,
                               const char *message)
{
  gtk_label_set_text (error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), message != NULL);
}

GtkWindow *
shequ_eval_set_dialog_present (GtkWindow      *parent,
                               ShequEvalStore *store,
                               gint64          set_id,
                               ShequEvalKind   kind)
{
  ShequEvalSetDialog *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), NULL);
  g_return_val_if_fail (kind < SHEQU_EVAL_N_KINDS, NULL);

  dialog = shequ_eval_set_dialog_new (parent, store, set_id, kind);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

GtkWindow *
shequ_period_dialog_present (GtkWindow      *parent,
                             ShequEvalStore *store)
{
  ShequPeriodDialog *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), NULL);

  dialog = shequ_period_dialog_new (parent, store);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
