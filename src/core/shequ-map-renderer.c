/* shequ-map-renderer.c — the one drawing code path of maps: screen, PNG, PDF, SVG, print */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-renderer"

#include "config.h"

#include "shequ-map-renderer.h"

/* SKELETON: the renderer engineer rewrites this file (labels, places, decorations). */

struct _ShequMapRenderer
{
  GObject            parent_instance;

  ShequMap          *map;
  ShequMapColouring *colouring;
  gint64             selected_unit;
  gint64             hover_unit;
  char              *title;
  GDateTime         *date;
  double             text_scale;
  gboolean           place_visible[SHEQU_N_PLACE_KINDS];
};

G_DEFINE_FINAL_TYPE (ShequMapRenderer, shequ_map_renderer, G_TYPE_OBJECT)

static void
shequ_map_renderer_finalize (GObject *object)
{
  ShequMapRenderer *self = SHEQU_MAP_RENDERER (object);

  g_clear_object (&self->map);
  g_clear_pointer (&self->colouring, shequ_map_colouring_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (shequ_map_renderer_parent_class)->finalize (object);
}

static void
shequ_map_renderer_class_init (ShequMapRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_map_renderer_finalize;
}

static void
shequ_map_renderer_init (ShequMapRenderer *self)
{
  self->text_scale = 1;
  for (guint i = 0; i < SHEQU_N_PLACE_KINDS; i++)
    self->place_visible[i] = TRUE;
}

ShequMapRenderer *
shequ_map_renderer_new (ShequMap *map)
{
  ShequMapRenderer *self = g_object_new (SHEQU_TYPE_MAP_RENDERER, NULL);

  shequ_map_renderer_set_map (self, map);
  return self;
}

ShequMap *shequ_map_renderer_get_map (ShequMapRenderer *self) { return self->map; }

void
shequ_map_renderer_set_map (ShequMapRenderer *self,
                            ShequMap         *map)
{
  g_set_object (&self->map, map);
}

ShequMapColouring *shequ_map_renderer_get_colouring (ShequMapRenderer *self) { return self->colouring; }

void
shequ_map_renderer_set_colouring (ShequMapRenderer  *self,
                                  ShequMapColouring *colouring)
{
  if (colouring != NULL)
    shequ_map_colouring_ref (colouring);
  g_clear_pointer (&self->colouring, shequ_map_colouring_unref);
  self->colouring = colouring;
}

gint64 shequ_map_renderer_get_selected_unit (ShequMapRenderer *self) { return self->selected_unit; }
void shequ_map_renderer_set_selected_unit (ShequMapRenderer *self, gint64 unit_id) { self->selected_unit = unit_id; }
gint64 shequ_map_renderer_get_hover_unit (ShequMapRenderer *self) { return self->hover_unit; }
void shequ_map_renderer_set_hover_unit (ShequMapRenderer *self, gint64 unit_id) { self->hover_unit = unit_id; }
gboolean shequ_map_renderer_get_place_visible (ShequMapRenderer *self, ShequPlaceKind kind) { return self->place_visible[kind]; }
void shequ_map_renderer_set_place_visible (ShequMapRenderer *self, ShequPlaceKind kind, gboolean visible) { self->place_visible[kind] = visible; }
const char *shequ_map_renderer_get_title (ShequMapRenderer *self) { return self->title; }
void shequ_map_renderer_set_title (ShequMapRenderer *self, const char *title) { g_free (self->title); self->title = g_strdup (title); }
void shequ_map_renderer_set_date (ShequMapRenderer *self, GDateTime *date) { g_clear_pointer (&self->date, g_date_time_unref); self->date = date ? g_date_time_ref (date) : NULL; }
double shequ_map_renderer_get_text_scale (ShequMapRenderer *self) { return self->text_scale; }
void shequ_map_renderer_set_text_scale (ShequMapRenderer *self, double scale) { self->text_scale = scale; }

static void
append_shape (cairo_t             *cr,
              ShequGeoShape       *shape,
              const ShequMapFrame *frame)
{
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

      for (guint r = 0; r < polygon->n_rings; r++)
        {
          for (guint i = 0; i < polygon->rings[r].n_points; i++)
            {
              ShequGeoPoint d = shequ_map_frame_to_drawing (frame, polygon->rings[r].points[i]);

              if (i == 0)
                cairo_move_to (cr, d.x, d.y);
              else
                cairo_line_to (cr, d.x, d.y);
            }
          cairo_close_path (cr);
        }
    }
}

void
shequ_map_renderer_draw (ShequMapRenderer    *self,
                         cairo_t             *cr,
                         const ShequMapFrame *frame,
                         ShequMapDrawFlags    flags)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(ShequMapColouring) tiers = NULL;
  ShequMapColouring *colouring;
  ShequGeoBounds view;

  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));
  g_return_if_fail (cr != NULL && frame != NULL);

  if (self->map == NULL)
    return;
  colouring = self->colouring;
  if (colouring == NULL)
    colouring = tiers = shequ_map_colouring_new_tiers (self->map);

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  shequ_map_frame_get_bounds (frame, &view);
  shequ_map_query (self->map, &view, positions);
  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);
      const ShequMapItem *item = shequ_map_get_item (self->map, position);
      ShequGeoShape *shape = shequ_map_get_item_shape (self->map, position,
                                                       frame->metres_per_pixel / 2);
      ShequColour fill;

      cairo_new_path (cr);
      append_shape (cr, shape, frame);
      if ((flags & SHEQU_MAP_DRAW_FILLS)
          && shequ_map_colouring_get_fill (colouring, item->unit_id, &fill))
        {
          cairo_set_source_rgba (cr, fill.red, fill.green, fill.blue, fill.alpha);
          cairo_fill_preserve (cr);
        }
      if (flags & SHEQU_MAP_DRAW_FILLS)
        {
          cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
          cairo_set_line_width (cr, item->depth < 2 ? 2.0 : 0.75);
          cairo_stroke_preserve (cr);
        }
      if ((flags & SHEQU_MAP_DRAW_HIGHLIGHT)
          && (item->unit_id == self->selected_unit || item->unit_id == self->hover_unit))
        {
          cairo_set_source_rgb (cr, 0.1, 0.35, 0.8);
          cairo_set_line_width (cr, item->unit_id == self->selected_unit ? 3.0 : 1.5);
          cairo_stroke_preserve (cr);
        }
    }
  cairo_new_path (cr);
  cairo_restore (cr);
}
