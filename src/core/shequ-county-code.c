/* shequ-county-code.c — the county code a new street is made under */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-county-code"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "shequ-county-code.h"
#include "shequ-org-store.h"

#define COUNTY_CODE_LENGTH 6

gboolean
shequ_county_code_check (const char  *county_code,
                         GError     **error)
{
  gsize len = county_code != NULL ? strlen (county_code) : 0;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (county_code[i]))
      {
        g_set_error_literal (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                             _("The county code is made of digits only."));
        return FALSE;
      }

  if (len != COUNTY_CODE_LENGTH)
    {
      g_set_error_literal (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                           _("The county code has 6 digits, like 371326 (Pingyi County)."));
      return FALSE;
    }
  return TRUE;
}
