/* SKELETON: stubs generated from shequ-disclosure-sample.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-disclosure-sample.h"

gboolean
shequ_disclosure_sample_populate (ShequDisclosureStore *store, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_sample_populate_synthetic (ShequDisclosureStore *store, guint n, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}
