/* shequ-map-renderer-tiles.c — the fills and edges kept as tiles between frames */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-renderer"

#include "config.h"

#include <math.h>

#include "shequ-map-renderer-private.h"

/* On an image surface drawn at whole pixels, the bottom layer (fills and edges) is drawn
 * in tiles of 256 pixels on a grid fixed to the projection, and kept: a pan at one scale
 * draws only the tiles it uncovers and paints the others. The frame is moved by less
 * than half a pixel so that the tiles fall on its pixels. */

#define TILE_SIZE 256

typedef struct {
  gint64           key;       /* tile column in the high 32 bits, row in the low */
  cairo_surface_t *surface;
  guint64          used;      /* the drawing that last painted it */
} Tile;

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  cairo_surface_destroy (tile->surface);
  g_free (tile);
}

void
shequ_map_renderer_clear_tiles (ShequMapRenderer *self)
{
  if (self->tiles != NULL)
    g_hash_table_remove_all (self->tiles);
}

gboolean
shequ_map_renderer_tiles_usable (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t matrix;
  double sx, sy;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_get_matrix (cr, &matrix);
  return sx == 1 && sy == 1 && matrix.xx == 1 && matrix.yy == 1
         && matrix.xy == 0 && matrix.yx == 0
         && matrix.x0 == floor (matrix.x0) && matrix.y0 == floor (matrix.y0);
}

/* Global pixel coordinates: projected metres divided by the scale, y down. */
void
shequ_map_renderer_snap_frame (ShequMapFrame *frame)
{
  double left = frame->centre.x / frame->metres_per_pixel - frame->width / 2;
  double top = -frame->centre.y / frame->metres_per_pixel - frame->height / 2;

  frame->centre.x = (round (left) + frame->width / 2) * frame->metres_per_pixel;
  frame->centre.y = -(round (top) + frame->height / 2) * frame->metres_per_pixel;
}

static cairo_surface_t *
render_tile (ShequMapRenderer    *self,
             gint64               column,
             gint64               row,
             double               metres_per_pixel)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_SIZE,
                                                         TILE_SIZE);
  cairo_t *cr = cairo_create (surface);
  ShequMapFrame frame = {
    { (column * TILE_SIZE + TILE_SIZE / 2) * metres_per_pixel,
      -(row * TILE_SIZE + TILE_SIZE / 2) * metres_per_pixel },
    metres_per_pixel, TILE_SIZE, TILE_SIZE,
  };

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_tolerance (cr, 0.5);
  shequ_map_renderer_draw_base (self, cr, &frame);
  cairo_destroy (cr);
  return surface;
}

/* Keeps half as many tiles again as a drawing needs, and a few (a pan back and forth
 * finds them): the least recently painted go. */
static void
trim_tiles (ShequMapRenderer *self,
            guint             needed)
{
  guint keep = needed + needed / 2 + 16;
  g_autoptr(GPtrArray) all = NULL;
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->tiles) <= keep)
    return;
  all = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);
  /* Few tiles: a selection of the oldest is cheap enough without sorting. */
  while (all->len > keep)
    {
      guint oldest = 0;

      for (guint i = 1; i < all->len; i++)
        if (((Tile *) all->pdata[i])->used < ((Tile *) all->pdata[oldest])->used)
          oldest = i;
      g_hash_table_remove (self->tiles, &((Tile *) all->pdata[oldest])->key);
      g_ptr_array_remove_index_fast (all, oldest);
    }
}

void
shequ_map_renderer_draw_tiles (ShequMapRenderer    *self,
                               cairo_t             *cr,
                               const ShequMapFrame *frame)
{
  double left = round (frame->centre.x / frame->metres_per_pixel - frame->width / 2);
  double top = round (-frame->centre.y / frame->metres_per_pixel - frame->height / 2);
  gint64 first_column = (gint64) floor (left / TILE_SIZE);
  gint64 first_row = (gint64) floor (top / TILE_SIZE);
  gint64 last_column = (gint64) floor ((left + frame->width - 1) / TILE_SIZE);
  gint64 last_row = (gint64) floor ((top + frame->height - 1) / TILE_SIZE);

  if (self->tiles == NULL)
    self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, tile_free);
  if (self->tiles_generation != self->generation
      || self->tiles_metres_per_pixel != frame->metres_per_pixel)
    {
      g_hash_table_remove_all (self->tiles);
      self->tiles_generation = self->generation;
      self->tiles_metres_per_pixel = frame->metres_per_pixel;
    }
  self->tiles_clock++;

  for (gint64 row = first_row; row <= last_row; row++)
    for (gint64 column = first_column; column <= last_column; column++)
      {
        gint64 key = (gint64) (((guint64) column << 32) | ((guint64) row & 0xffffffff));
        Tile *tile = g_hash_table_lookup (self->tiles, &key);

        if (tile == NULL)
          {
            tile = g_new0 (Tile, 1);
            tile->key = key;
            tile->surface = render_tile (self, column, row, frame->metres_per_pixel);
            g_hash_table_insert (self->tiles, &tile->key, tile);
          }
        tile->used = self->tiles_clock;
        cairo_set_source_surface (cr, tile->surface, column * TILE_SIZE - left,
                                  row * TILE_SIZE - top);
        cairo_rectangle (cr, column * TILE_SIZE - left, row * TILE_SIZE - top,
                         TILE_SIZE, TILE_SIZE);
        cairo_fill (cr);
      }
  trim_tiles (self, (guint) ((last_row - first_row + 1) * (last_column - first_column + 1)));
}
