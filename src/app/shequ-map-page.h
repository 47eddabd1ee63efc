/* shequ-map-page.h — the window's map page: the map, its toolbar and the unit's details */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-map-view.h"
#include "shequ-session.h"

G_BEGIN_DECLS

/* Shows the session's store as a map (shequ_map_new_for_store(), made again when a change
 * touches what it shows), coloured by the measure chosen in its toolbar, with a detail
 * pane that follows the session's selected unit; without boundaries, a page that says
 * how to import them. Property: "session". */
#define SHEQU_TYPE_MAP_PAGE (shequ_map_page_get_type ())
G_DECLARE_FINAL_TYPE (ShequMapPage, shequ_map_page, SHEQU, MAP_PAGE, GtkWidget)

GtkWidget    *shequ_map_page_new         (void);
ShequSession *shequ_map_page_get_session (ShequMapPage *self);
void          shequ_map_page_set_session (ShequMapPage *self,
                                          ShequSession *session);
ShequMapView *shequ_map_page_get_view    (ShequMapPage *self);

G_END_DECLS
