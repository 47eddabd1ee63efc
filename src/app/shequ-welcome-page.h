/* shequ-welcome-page.h — first run: open the sample street or create a new one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHEQU_TYPE_WELCOME_PAGE (shequ_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (ShequWelcomePage, shequ_welcome_page, SHEQU, WELCOME_PAGE, GtkWidget)

/* The page activates "win.open-sample" and "win.create-street" ((ss): name,
 * county code) on its ancestors; it only validates what the user typed.
 * Property "can-create": whether the typed name and county code are valid. */
GtkWidget  *shequ_welcome_page_new            (void);
/* Fills the two entries (tests, and a later "create" with the same values). */
void        shequ_welcome_page_set_new_street (ShequWelcomePage *self,
                                               const char       *name,
                                               const char       *county_code);
gboolean    shequ_welcome_page_get_can_create (ShequWelcomePage *self);
/* The inline message under the entries, "" when there is none. */
const char *shequ_welcome_page_get_message    (ShequWelcomePage *self);
/* Shows MESSAGE under the entries (e.g. the store refused the street). */
void        shequ_welcome_page_set_message    (ShequWelcomePage *self,
                                               const char       *message);
/* Empties the entries and the message. */
void        shequ_welcome_page_reset          (ShequWelcomePage *self);

G_END_DECLS
