/* SKELETON: stubs generated from shequ-money.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-money.h"

gboolean
shequ_money_parse (const char *text, ShequMoneyParseFlags flags, ShequFen *fen, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

char *
shequ_money_format (ShequFen fen)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_money_format_grouped (ShequFen fen)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_money_add (ShequFen a, ShequFen b, ShequFen *sum)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}
G_DEFINE_QUARK (shequ-money-error-quark, shequ_money_error)
