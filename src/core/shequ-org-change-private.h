/* shequ-org-change-private.h — the fields of a change, for the store */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-org-store.h"

G_BEGIN_DECLS

struct _ShequOrgChange
{
  char       *label;
  GHashTable *unit_puts;       /* gint64* id → ShequUnitRow* */
  GHashTable *unit_deletes;    /* set of gint64* */
  GHashTable *person_puts;     /* gint64* id → ShequPersonRow* */
  GHashTable *person_deletes;
  GHashTable *post_puts;       /* gint64* id → ShequPostRow* */
  GHashTable *post_deletes;
  gboolean    bulk;
};

G_END_DECLS
