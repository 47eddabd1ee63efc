/* shequ-county-code.h — the county code a new street is made under */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether COUNTY_CODE is six ASCII digits (the national division code of a county, like
 * 371326); FALSE with SHEQU_ORG_ERROR_INVALID and a translated message that says what
 * is wrong if not. */
gboolean shequ_county_code_check (const char  *county_code,
                                  GError     **error);

G_END_DECLS
