/* shequ-window-map.c — the window's map page */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include "shequ-window-private.h"

/* SKELETON: the map-view engineer builds the map page here. */

ShequMapView *
_shequ_window_get_map_view (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);

  return NULL;
}
