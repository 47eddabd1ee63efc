/* shequ-welcome-page-private.h — what the tests reach inside the welcome page */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-welcome-page.h"

G_BEGIN_DECLS

/* Fills the two entries, as typing does. */
void        shequ_welcome_page_set_new_street (ShequWelcomePage *self,
                                               const char       *name,
                                               const char       *county_code);
gboolean    shequ_welcome_page_get_can_create (ShequWelcomePage *self);
/* The inline message under the entries, "" when there is none. */
const char *shequ_welcome_page_get_message    (ShequWelcomePage *self);

G_END_DECLS
