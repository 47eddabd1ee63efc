/* shequ-people-row.h — a row of the detail pane's people list: who holds a post */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"

G_BEGIN_DECLS

#define SHEQU_TYPE_PEOPLE_ROW (shequ_people_row_get_type ())
G_DECLARE_FINAL_TYPE (ShequPeopleRow, shequ_people_row, SHEQU, PEOPLE_ROW, GtkListBoxRow)

/* A list box row showing POST ("post", construct-only): the person's name, the
 * title and phone under it, the role beside; named for screen readers. It follows
 * later edits of the post and of the person's phone. */
GtkWidget *shequ_people_row_new      (ShequPost      *post);
ShequPost *shequ_people_row_get_post (ShequPeopleRow *self);

G_END_DECLS
