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
/* Shows MESSAGE under the entries (e.g. the store refused the street). */
void        shequ_welcome_page_set_message    (ShequWelcomePage *self,
                                               const char       *message);
/* Empties the entries and the message. */
void        shequ_welcome_page_reset          (ShequWelcomePage *self);

G_END_DECLS
