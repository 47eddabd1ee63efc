/* shequ-eval-row.c — one row of the evaluation page's lists (ranking, roll-up, flags, log) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-row"

#include "config.h"

#include <math.h>
#include <string.h>

#include "shequ-eval-row.h"

G_DEFINE_FINAL_TYPE (ShequEvalRow, shequ_eval_row, G_TYPE_OBJECT)

static void
shequ_eval_row_finalize (GObject *object)
{
  ShequEvalRow *self = SHEQU_EVAL_ROW (object);

  g_free (self->name);
  g_free (self->detail);
  g_free (self->extra);
  g_free (self->note);
  G_OBJECT_CLASS (shequ_eval_row_parent_class)->finalize (object);
}

static void
shequ_eval_row_class_init (ShequEvalRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_eval_row_finalize;
}

static void
shequ_eval_row_init (ShequEvalRow *self)
{
  self->total = NAN;
}

ShequEvalRow *
shequ_eval_row_new (void)
{
  return g_object_new (SHEQU_TYPE_EVAL_ROW, NULL);
}

static gboolean
contains (const char *text,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

gboolean
shequ_eval_row_matches (ShequEvalRow *self,
                        const char   *needle)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_ROW (self), FALSE);

  if (needle == NULL || *needle == '\0')
    return TRUE;
  return contains (self->name, needle) || contains (self->detail, needle);
}
