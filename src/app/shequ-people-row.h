/* shequ-people-row.h — a row of the detail pane's people list: who holds a post */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"

G_BEGIN_DECLS

/* A list box row showing POST: the person's name, the title and phone, the role. */
GtkWidget *shequ_people_row_new (ShequPost *post);

G_END_DECLS
