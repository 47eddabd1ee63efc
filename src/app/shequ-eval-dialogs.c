/* SKELETON: stubs generated from shequ-eval-dialogs.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-dialogs.h"

GtkWindow *
shequ_eval_set_dialog_present (GtkWindow *parent, ShequEvalStore *store, gint64 set_id, ShequEvalKind kind)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GtkWindow *
shequ_period_dialog_present (GtkWindow *parent, ShequEvalStore *store)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}
