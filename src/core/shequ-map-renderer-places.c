/* shequ-map-renderer-places.c — place symbols: service bodies, canteens, compounds */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-renderer"

#include "config.h"

#include <math.h>

#include "shequ-map-renderer-private.h"

/* A small symbol of its own per kind, each kind one path; a kind is left out at a zoom
 * where its symbols would crowd the map. */

#define SYMBOL_SIZE 9.0   /* drawing units at text scale 1 */

static const ShequColour symbol_colours[SHEQU_N_PLACE_KINDS] = {
  [SHEQU_PLACE_SERVICE_BODY] = { 0.10, 0.42, 0.68, 1 },
  [SHEQU_PLACE_CANTEEN]      = { 0.89, 0.40, 0.04, 1 },
  [SHEQU_PLACE_COMPOUND]     = { 0.45, 0.27, 0.62, 1 },
};

static void
append_symbol (cairo_t        *cr,
               ShequPlaceKind  kind,
               double          x,
               double          y,
               double          size)
{
  double r = size / 2;

  switch (kind)
    {
    case SHEQU_PLACE_SERVICE_BODY:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    case SHEQU_PLACE_CANTEEN:
      cairo_rectangle (cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
      break;
    case SHEQU_PLACE_COMPOUND:
    case SHEQU_N_PLACE_KINDS:
    default:
      cairo_move_to (cr, x, y - r * 1.1);
      cairo_line_to (cr, x + r * 1.05, y + r * 0.75);
      cairo_line_to (cr, x - r * 1.05, y + r * 0.75);
      cairo_close_path (cr);
      break;
    }
}

static void
paint_symbols (cairo_t        *cr,
               ShequPlaceKind  kind,
               double          scale)
{
  const ShequColour *colour = &symbol_colours[kind];

  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.2 * scale);
  cairo_stroke (cr);
}

void
shequ_map_renderer_draw_symbol (cairo_t        *cr,
                                ShequPlaceKind  kind,
                                double          x,
                                double          y,
                                double          size)
{
  g_return_if_fail (kind < SHEQU_N_PLACE_KINDS);

  cairo_new_path (cr);
  append_symbol (cr, kind, x, y, size);
  paint_symbols (cr, kind, size / SYMBOL_SIZE);
}

static gboolean
in_frame (const ShequMapFrame *frame,
          ShequGeoPoint        point,
          double               pad)
{
  return point.x >= -pad && point.y >= -pad
         && point.x <= frame->width + pad && point.y <= frame->height + pad;
}

/* Which kinds of place FRAME shows: those the user shows that are in view and not too
 * crowded. Also without drawing them, for the legend of a drawing whose symbols are
 * drawn elsewhere (the map view caches them with the fills). */
void
shequ_map_renderer_choose_places (ShequMapRenderer    *self,
                                  const ShequMapFrame *frame)
{
  double size = SYMBOL_SIZE * self->text_scale;
  guint n_places = shequ_map_get_n_places (self->map);
  guint counts[SHEQU_N_PLACE_KINDS] = { 0 };

  for (guint i = 0; i < n_places; i++)
    {
      const ShequMapPlace *place = shequ_map_get_place (self->map, i);

      if (place->kind < SHEQU_N_PLACE_KINDS
          && in_frame (frame, shequ_map_frame_to_drawing (frame, place->projected), 0))
        counts[place->kind]++;
    }
  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    {
      /* Crowded: the symbols and the space around them would cover a sixth of the view. */
      double cover = counts[kind] * (3 * size) * (3 * size);

      self->places_drawn[kind] = self->place_visible[kind] && counts[kind] > 0
                                 && cover <= frame->width * frame->height / 6;
    }
}

/* Draws the kinds shequ_map_renderer_choose_places() chose. */
void
shequ_map_renderer_draw_places (ShequMapRenderer    *self,
                                cairo_t             *cr,
                                const ShequMapFrame *frame)
{
  double size = SYMBOL_SIZE * self->text_scale;
  guint n_places = shequ_map_get_n_places (self->map);

  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    {
      if (!self->places_drawn[kind])
        continue;
      cairo_new_path (cr);
      for (guint i = 0; i < n_places; i++)
        {
          const ShequMapPlace *place = shequ_map_get_place (self->map, i);
          ShequGeoPoint at = shequ_map_frame_to_drawing (frame, place->projected);

          if (place->kind == kind && in_frame (frame, at, size))
            append_symbol (cr, kind, at.x, at.y, size);
        }
      paint_symbols (cr, kind, self->text_scale);
    }
}
