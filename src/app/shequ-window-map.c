/* shequ-window-map.c — the window's map page */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-window"

#include "config.h"

#include "shequ-app-util.h"
#include "shequ-map-page-private.h"
#include "shequ-window-private.h"

/* The views in the header's switcher: each of its buttons as wide as its own title,
 * not all as wide as the widest, so that the window still fits 700 pixels. */
void
_shequ_window_init_map (ShequWindow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (self->view_switcher);

  if (GTK_IS_BOX_LAYOUT (layout))
    gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), FALSE);
  /* The theme's minimum width of a switcher button goes (style.css). */
  gtk_widget_add_css_class (self->view_switcher, "shequ-view-switcher");
  /* Four views' titles are wider than 700 pixels leave beside the header's buttons:
   * in a window that narrow they are shortened, as the title is. */
  for (GtkWidget *button = gtk_widget_get_first_child (self->view_switcher); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *label = shequ_widget_find_descendant (button, GTK_TYPE_LABEL);

      if (label != NULL)
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
}

/* Built when first shown, like the compliance panel: most starts never show the map. */
ShequMapPage *
_shequ_window_ensure_map_page (ShequWindow *self)
{
  g_assert (SHEQU_IS_WINDOW (self));

  if (self->map_page == NULL)
    {
      GtkWidget *page = g_object_new (SHEQU_TYPE_MAP_PAGE, "hexpand", TRUE, "vexpand", TRUE, NULL);

      self->map_page = SHEQU_MAP_PAGE (page);
      gtk_box_append (GTK_BOX (self->map_slot), page);
      shequ_map_page_set_session (self->map_page, self->session);
    }
  /* The screenshots show a map even before a street has boundaries: a made-up one. */
  if (self->screenshot_dir != NULL && self->store != NULL
      && g_strcmp0 (shequ_map_page_get_state (self->map_page), "empty") == 0)
    shequ_map_page_set_map_func (self->map_page, shequ_map_new_stand_in);
  return self->map_page;
}

ShequMapView *
_shequ_window_get_map_view (ShequWindow *self)
{
  g_return_val_if_fail (SHEQU_IS_WINDOW (self), NULL);

  return shequ_map_page_get_view (_shequ_window_ensure_map_page (self));
}
