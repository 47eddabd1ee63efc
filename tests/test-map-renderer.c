/* test-map-renderer.c — what the map renderer draws: fills, highlight, labels, decorations */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "map-fixture.h"
#include "shequ-map-renderer-private.h"

static void
add_square (ShequMap   *map,
            gint64      id,
            ShequTier   tier,
            guint       depth,
            const char *name,
            double      lon,
            double      lat,
            double      size)
{
  g_autoptr(ShequGeoShape) shape = map_fixture_new_rectangle (lon, lat, lon + size, lat + size);

  shequ_map_add_unit (map, id, tier, depth, name, shape);
}

/* Three squares side by side, of three tiers (three tier colours), 0.01° apart. */
static ShequMap *
make_three_squares (void)
{
  ShequMap *map = shequ_map_new ();

  add_square (map, 1, SHEQU_TIER_AREA, 1, "东片区", 117.60, 35.50, 0.01);
  add_square (map, 2, SHEQU_TIER_COMMUNITY, 1, "城关社区", 117.62, 35.50, 0.01);
  add_square (map, 3, SHEQU_TIER_VILLAGE, 1, "西村", 117.64, 35.50, 0.01);
  shequ_map_build (map);
  return map;
}

typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
} Canvas;

static void
canvas_init (Canvas *canvas,
             int     width,
             int     height)
{
  canvas->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  canvas->cr = cairo_create (canvas->surface);
  cairo_set_source_rgb (canvas->cr, 1, 1, 1);
  cairo_paint (canvas->cr);
}

static void
canvas_clear (Canvas *canvas)
{
  g_clear_pointer (&canvas->cr, cairo_destroy);
  g_clear_pointer (&canvas->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Canvas, canvas_clear)

static void
get_pixel (Canvas      *canvas,
           int          x,
           int          y,
           ShequColour *colour)
{
  guint32 pixel;

  cairo_surface_flush (canvas->surface);
  pixel = *(guint32 *) (cairo_image_surface_get_data (canvas->surface)
                        + y * cairo_image_surface_get_stride (canvas->surface) + x * 4);
  colour->red = ((pixel >> 16) & 0xff) / 255.0;
  colour->green = ((pixel >> 8) & 0xff) / 255.0;
  colour->blue = (pixel & 0xff) / 255.0;
  colour->alpha = ((pixel >> 24) & 0xff) / 255.0;
}

static gboolean
colours_close (const ShequColour *a,
               const ShequColour *b,
               double             tolerance)
{
  return fabs (a->red - b->red) <= tolerance && fabs (a->green - b->green) <= tolerance
         && fabs (a->blue - b->blue) <= tolerance;
}

static ShequGeoPoint
drawing_point (const ShequMapFrame *frame,
               double               lon,
               double               lat)
{
  ShequGeoPoint lonlat = { lon, lat };

  return shequ_map_frame_to_drawing (frame, shequ_geo_mercator_forward (lonlat));
}

static void
fit_frame (ShequMap      *map,
           ShequMapFrame *frame,
           double         width,
           double         height)
{
  ShequGeoBounds bounds;

  g_assert_true (shequ_map_get_bounds (map, &bounds));
  shequ_map_frame_init_fit (frame, &bounds, width, height, 40);
}

static void
test_fills (void)
{
  g_autoptr(ShequMap) map = make_three_squares ();
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (map);
  g_autoptr(ShequMapColouring) tiers = shequ_map_colouring_new_tiers (map);
  g_auto(Canvas) canvas = { 0 };
  ShequMapFrame frame;
  ShequColour white = { 1, 1, 1, 1 }, colour, expected;

  canvas_init (&canvas, 600, 300);
  fit_frame (map, &frame, 600, 300);
  shequ_map_renderer_draw (renderer, canvas.cr, &frame, SHEQU_MAP_DRAW_FILLS);

  for (gint64 id = 1; id <= 3; id++)
    {
      ShequGeoPoint at = drawing_point (&frame, 117.605 + 0.02 * (id - 1), 35.505);

      g_assert_true (shequ_map_colouring_get_fill (tiers, id, &expected));
      get_pixel (&canvas, (int) at.x, (int) at.y, &colour);
      g_assert_true (colours_close (&colour, &expected, 2.0 / 255));
    }
  /* Between the squares, and outside the map: nothing drawn. */
  {
    ShequGeoPoint gap = drawing_point (&frame, 117.615, 35.505);
    ShequGeoPoint corner = { 5, 5 };

    get_pixel (&canvas, (int) gap.x, (int) gap.y, &colour);
    g_assert_true (colours_close (&colour, &white, 1.0 / 255));
    get_pixel (&canvas, (int) corner.x, (int) corner.y, &colour);
    g_assert_true (colours_close (&colour, &white, 1.0 / 255));
  }
  /* Edges: the squares' sides are darker than their fill. */
  {
    ShequGeoPoint side = drawing_point (&frame, 117.60, 35.505);

    get_pixel (&canvas, (int) floor (side.x), (int) side.y, &colour);
    g_assert_cmpfloat (colour.red + colour.green + colour.blue, <, 2.4);
  }
}

static void
test_selected_outline (void)
{
  g_autoptr(ShequMap) map = make_three_squares ();
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (map);
  g_auto(Canvas) canvas = { 0 };
  ShequMapFrame frame;
  ShequGeoPoint side, other;
  ShequColour colour;

  canvas_init (&canvas, 600, 300);
  fit_frame (map, &frame, 600, 300);
  shequ_map_renderer_set_selected_unit (renderer, 2);
  g_assert_cmpint (shequ_map_renderer_get_selected_unit (renderer), ==, 2);
  shequ_map_renderer_draw (renderer, canvas.cr, &frame,
                           SHEQU_MAP_DRAW_FILLS | SHEQU_MAP_DRAW_HIGHLIGHT);

  /* The middle of the selected square's west side is the highlight's colour... */
  side = drawing_point (&frame, 117.62, 35.505);
  get_pixel (&canvas, (int) floor (side.x), (int) side.y, &colour);
  g_assert_true (colours_close (&colour, &shequ_map_selected_colour, 12.0 / 255));
  /* ...and an unselected square's is not. */
  other = drawing_point (&frame, 117.60, 35.505);
  get_pixel (&canvas, (int) floor (other.x), (int) other.y, &colour);
  g_assert_false (colours_close (&colour, &shequ_map_selected_colour, 60.0 / 255));
}

/* The hovered unit is lighter than it is otherwise; the others are unchanged. */
static void
test_hover_lighter (void)
{
  g_autoptr(ShequMap) map = make_three_squares ();
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (map);
  g_auto(Canvas) plain = { 0 };
  g_auto(Canvas) hovered = { 0 };
  ShequMapFrame frame;
  ShequGeoPoint inside = { 0 }, other = { 0 };
  ShequColour before, after;

  fit_frame (map, &frame, 600, 300);
  canvas_init (&plain, 600, 300);
  canvas_init (&hovered, 600, 300);
  shequ_map_renderer_draw (renderer, plain.cr, &frame,
                           SHEQU_MAP_DRAW_FILLS | SHEQU_MAP_DRAW_HIGHLIGHT);
  shequ_map_renderer_set_hover_unit (renderer, 1);
  shequ_map_renderer_draw (renderer, hovered.cr, &frame,
                           SHEQU_MAP_DRAW_FILLS | SHEQU_MAP_DRAW_HIGHLIGHT);

  inside = drawing_point (&frame, 117.605, 35.505);
  get_pixel (&plain, (int) inside.x, (int) inside.y, &before);
  get_pixel (&hovered, (int) inside.x, (int) inside.y, &after);
  g_assert_cmpfloat (after.red + after.green + after.blue, >,
                     before.red + before.green + before.blue + 0.02);
  other = drawing_point (&frame, 117.645, 35.505);
  get_pixel (&plain, (int) other.x, (int) other.y, &before);
  get_pixel (&hovered, (int) other.x, (int) other.y, &after);
  g_assert_true (colours_close (&before, &after, 0));
}

static void
test_legend_present (void)
{
  g_autoptr(ShequMap) map = make_three_squares ();
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (map);
  g_autoptr(ShequMapColouring) tiers = shequ_map_colouring_new_tiers (map);
  g_auto(Canvas) canvas = { 0 };
  const ShequMapRect *legend;
  ShequMapFrame frame;
  ShequColour swatch, colour;
  guint matches = 0;

  canvas_init (&canvas, 800, 600);
  fit_frame (map, &frame, 800, 600);
  shequ_map_renderer_draw (renderer, canvas.cr, &frame, SHEQU_MAP_DRAW_ALL);
  legend = shequ_map_renderer_get_decoration_rect (renderer, SHEQU_MAP_DECORATION_LEGEND);
  g_assert_cmpfloat (legend->width, >, 20);
  g_assert_cmpfloat (legend->height, >, 20);

  /* The village's swatch: pixels of its fill inside the legend's box. */
  g_assert_true (shequ_map_colouring_get_fill (tiers, 3, &swatch));
  for (int y = (int) legend->y; y < (int) (legend->y + legend->height); y++)
    for (int x = (int) legend->x; x < (int) (legend->x + legend->width); x++)
      {
        get_pixel (&canvas, x, y, &colour);
        if (colours_close (&colour, &swatch, 1.5 / 255))
          matches++;
      }
  g_assert_cmpuint (matches, >=, 40);
}

/* Twenty overlapping squares of one depth, each big enough for its name: their labels
 * compete for room and must never overlap. */
static void
test_labels_never_overlap (void)
{
  g_autoptr(ShequMap) map = shequ_map_new ();
  g_autoptr(ShequMapRenderer) renderer = NULL;
  g_auto(Canvas) canvas = { 0 };
  ShequMapFrame frame;
  const GArray *labels;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%u网格", i + 1);

      add_square (map, i + 1, SHEQU_TIER_GRID, 3, name, 117.60 + 0.0015 * i,
                  35.50 + 0.0007 * (i % 5), 0.012);
    }
  shequ_map_build (map);
  renderer = shequ_map_renderer_new (map);
  canvas_init (&canvas, 800, 600);
  fit_frame (map, &frame, 800, 600);
  shequ_map_renderer_draw (renderer, canvas.cr, &frame, SHEQU_MAP_DRAW_LABELS);
  labels = shequ_map_renderer_get_placed_labels (renderer);

  g_assert_cmpuint (labels->len, >=, 2);
  g_assert_cmpuint (labels->len, <, 20);
  for (guint i = 0; i < labels->len; i++)
    {
      const ShequMapRect *a = &g_array_index (labels, ShequMapRect, i);

      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, 800);
      g_assert_cmpfloat (a->y + a->height, <=, 600);
      for (guint j = i + 1; j < labels->len; j++)
        {
          const ShequMapRect *b = &g_array_index (labels, ShequMapRect, j);

          g_assert_false (a->x < b->x + b->width && b->x < a->x + a->width
                          && a->y < b->y + b->height && b->y < a->y + a->height);
        }
    }
}

static void
test_labels_fit_their_unit (void)
{
  g_autoptr(ShequMap) map = make_three_squares ();
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (map);
  g_auto(Canvas) canvas = { 0 };
  ShequMapFrame frame;

  canvas_init (&canvas, 600, 300);
  fit_frame (map, &frame, 600, 300);
  shequ_map_renderer_draw (renderer, canvas.cr, &frame, SHEQU_MAP_DRAW_LABELS);
  g_assert_cmpuint (shequ_map_renderer_get_placed_labels (renderer)->len, ==, 3);

  /* So small that no name fits: no label at all. */
  canvas_clear (&canvas);
  canvas_init (&canvas, 60, 30);
  fit_frame (map, &frame, 60, 30);
  frame.metres_per_pixel *= 1;
  shequ_map_renderer_draw (renderer, canvas.cr, &frame, SHEQU_MAP_DRAW_LABELS);
  g_assert_cmpuint (shequ_map_renderer_get_placed_labels (renderer)->len, ==, 0);
}

static void
test_scale_bar_length (void)
{
  g_autoptr(ShequMap) map = make_three_squares ();
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (map);
  g_auto(Canvas) canvas = { 0 };
  ShequMapFrame frame = { .width = 1000, .height = 800 };
  double length, metres, drawn_metres, drawn_length;

  /* At 60° north a projected metre is half a metre on the ground: 20 projected metres
   * a unit are 10 on the ground, so at most 150 units is at most 1500 m: 1 km, 100. */
  frame.centre = shequ_geo_mercator_forward ((ShequGeoPoint) { 117.6, 60 });
  frame.metres_per_pixel = 20;
  metres = shequ_map_scale_bar_metres (&frame, 150, &length);
  g_assert_cmpfloat_with_epsilon (metres, 1000, 1e-6);
  g_assert_cmpfloat_with_epsilon (length, 100, 1e-3);
  metres = shequ_map_scale_bar_metres (&frame, 45, &length);
  g_assert_cmpfloat_with_epsilon (metres, 200, 1e-6);
  g_assert_cmpfloat_with_epsilon (length, 20, 1e-3);
  metres = shequ_map_scale_bar_metres (&frame, 60, &length);
  g_assert_cmpfloat_with_epsilon (metres, 500, 1e-6);

  /* As drawn: a round length, the bar as long as that length at the frame's scale. */
  canvas_init (&canvas, 1000, 800);
  fit_frame (map, &frame, 1000, 800);
  shequ_map_renderer_draw (renderer, canvas.cr, &frame, SHEQU_MAP_DRAW_DECORATIONS);
  drawn_length = shequ_map_renderer_get_scale_bar (renderer, &drawn_metres);
  {
    double ground_per_unit = frame.metres_per_pixel
                             * cos (shequ_geo_mercator_inverse (frame.centre).y * G_PI / 180);
    double mantissa = drawn_metres / pow (10, floor (log10 (drawn_metres)));

    g_assert_cmpfloat_with_epsilon (drawn_length, drawn_metres / ground_per_unit, 1e-6);
    g_assert_true (fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9
                   || fabs (mantissa - 5) < 1e-9);
    g_assert_cmpfloat (drawn_length, >, 150 / 2.5 - 1);
    g_assert_cmpfloat (drawn_length, <=, 150);
  }
}

static gboolean
rects_overlap (const ShequMapRect *a,
               const ShequMapRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Title, north arrow, legend and scale bar: inside the drawing and apart, at any size. */
static void
test_decorations_apart (void)
{
  static const int sizes[][2] = {
    { 320, 240 }, { 480, 800 }, { 800, 600 }, { 1920, 1080 }, { 3840, 2160 },
  };
  g_autoptr(ShequMap) map = make_three_squares ();
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (map);

  shequ_map_renderer_set_title (renderer, "平邑街道网格图（2026 年第四季度）");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (double scale = 1; scale <= 2; scale += 1)
      {
        g_auto(Canvas) canvas = { 0 };
        const GArray *labels;
        ShequMapFrame frame;
        guint drawn = 0;

        canvas_init (&canvas, sizes[s][0], sizes[s][1]);
        fit_frame (map, &frame, sizes[s][0], sizes[s][1]);
        shequ_map_renderer_set_text_scale (renderer, scale);
        shequ_map_renderer_draw (renderer, canvas.cr, &frame, SHEQU_MAP_DRAW_ALL);
        for (guint i = 0; i < SHEQU_N_MAP_DECORATIONS; i++)
          {
            const ShequMapRect *a = shequ_map_renderer_get_decoration_rect (renderer, i);

            if (a->width == 0)
              continue;
            drawn++;
            g_assert_cmpfloat (a->x, >=, 0);
            g_assert_cmpfloat (a->y, >=, 0);
            g_assert_cmpfloat (a->x + a->width, <=, sizes[s][0]);
            g_assert_cmpfloat (a->y + a->height, <=, sizes[s][1]);
            for (guint j = i + 1; j < SHEQU_N_MAP_DECORATIONS; j++)
              {
                const ShequMapRect *b = shequ_map_renderer_get_decoration_rect (renderer, j);

                if (b->width > 0 && rects_overlap (a, b))
                  g_error ("decorations %u and %u meet at %d×%d, scale %g", i, j,
                           sizes[s][0], sizes[s][1], scale);
              }
          }
        /* No name lies under a decoration. */
        labels = shequ_map_renderer_get_placed_labels (renderer);
        for (guint i = 0; i < labels->len; i++)
          {
            const ShequMapRect *label = &g_array_index (labels, ShequMapRect, i);

            for (guint j = 0; j < SHEQU_N_MAP_DECORATIONS; j++)
              g_assert_false (rects_overlap (label,
                                             shequ_map_renderer_get_decoration_rect (renderer, j)));
          }
        /* From 800×600 up, everything is there. */
        if (sizes[s][0] >= 800)
          g_assert_cmpuint (drawn, ==, SHEQU_N_MAP_DECORATIONS);
      }
}

static void
test_properties (void)
{
  g_autoptr(ShequMap) map = make_three_squares ();
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (NULL);
  g_autoptr(ShequMapColouring) tiers = shequ_map_colouring_new_tiers (map);
  g_autofree char *title = NULL;
  ShequMap *got_map = NULL;
  double scale = 0;
  g_auto(Canvas) canvas = { 0 };
  ShequMapFrame frame = { { 0, 0 }, 1, 100, 100 };

  /* No map: nothing drawn, nothing fails. */
  canvas_init (&canvas, 100, 100);
  shequ_map_renderer_draw (renderer, canvas.cr, &frame, SHEQU_MAP_DRAW_ALL);

  g_object_set (renderer, "map", map, "title", "标题", "text-scale", 2.0,
                "colouring", tiers, "hover-unit", (gint64) 3, NULL);
  g_object_get (renderer, "map", &got_map, "title", &title, "text-scale", &scale, NULL);
  g_assert_true (got_map == map);
  g_object_unref (got_map);
  g_assert_cmpstr (title, ==, "标题");
  g_assert_cmpfloat (scale, ==, 2.0);
  g_assert_true (shequ_map_renderer_get_colouring (renderer) == tiers);
  g_assert_cmpint (shequ_map_renderer_get_hover_unit (renderer), ==, 3);
  shequ_map_renderer_set_place_visible (renderer, SHEQU_PLACE_CANTEEN, FALSE);
  g_assert_false (shequ_map_renderer_get_place_visible (renderer, SHEQU_PLACE_CANTEEN));
  g_assert_true (shequ_map_renderer_get_place_visible (renderer, SHEQU_PLACE_COMPOUND));
}

static void
add_place (ShequMap       *map,
           gint64          id,
           ShequPlaceKind  kind,
           double          lon,
           double          lat)
{
  ShequPlaceRow row = { id, 1, kind, (char *) "站", lon, lat };

  shequ_map_add_place (map, &row);
}

static void
test_places (void)
{
  g_autoptr(ShequMap) map = shequ_map_new ();
  g_autoptr(ShequMapRenderer) renderer = NULL;
  g_auto(Canvas) canvas = { 0 };
  ShequMapFrame frame;
  ShequGeoPoint at;
  ShequColour colour, white = { 1, 1, 1, 1 };

  add_square (map, 1, SHEQU_TIER_AREA, 1, "东片区", 117.60, 35.50, 0.03);
  add_place (map, 1, SHEQU_PLACE_SERVICE_BODY, 117.61, 35.51);
  add_place (map, 2, SHEQU_PLACE_CANTEEN, 117.62, 35.52);
  shequ_map_build (map);
  renderer = shequ_map_renderer_new (map);
  canvas_init (&canvas, 600, 600);
  fit_frame (map, &frame, 600, 600);

  shequ_map_renderer_set_place_visible (renderer, SHEQU_PLACE_CANTEEN, FALSE);
  shequ_map_renderer_draw (renderer, canvas.cr, &frame, SHEQU_MAP_DRAW_PLACES);
  at = drawing_point (&frame, 117.61, 35.51);
  get_pixel (&canvas, (int) at.x, (int) at.y, &colour);
  g_assert_false (colours_close (&colour, &white, 0.2));
  /* The hidden kind is not drawn. */
  at = drawing_point (&frame, 117.62, 35.52);
  get_pixel (&canvas, (int) at.x, (int) at.y, &colour);
  g_assert_true (colours_close (&colour, &white, 1.0 / 255));
}

/* A pan on an image surface paints kept tiles: the picture is the one drawn directly. */
static void
test_tiles_match_direct (void)
{
  g_autoptr(ShequMap) map = make_three_squares ();
  g_autoptr(ShequMapRenderer) tiled = shequ_map_renderer_new (map);
  g_autoptr(ShequMapRenderer) direct = shequ_map_renderer_new (map);
  g_auto(Canvas) a = { 0 };
  g_auto(Canvas) b = { 0 };
  ShequMapFrame frame;
  guint n_different = 0, n_filled = 0;

  fit_frame (map, &frame, 700, 300);
  shequ_map_renderer_set_use_tiles (direct, FALSE);
  canvas_init (&a, 700, 300);
  canvas_init (&b, 700, 300);
  /* Twice at one scale, the second a pan of 300.4 pixels: that one comes from tiles. */
  shequ_map_renderer_draw (tiled, a.cr, &frame, SHEQU_MAP_DRAW_FILLS);
  frame.centre.x += 300.4 * frame.metres_per_pixel;
  cairo_set_source_rgb (a.cr, 1, 1, 1);
  cairo_paint (a.cr);
  shequ_map_renderer_draw (tiled, a.cr, &frame, SHEQU_MAP_DRAW_FILLS);
  shequ_map_renderer_snap_frame (&frame);
  shequ_map_renderer_draw (direct, b.cr, &frame, SHEQU_MAP_DRAW_FILLS);

  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 700; x++)
      {
        ShequColour ca, cb, white = { 1, 1, 1, 1 };

        get_pixel (&a, x, y, &ca);
        get_pixel (&b, x, y, &cb);
        if (!colours_close (&ca, &cb, 3.0 / 255))
          n_different++;
        if (!colours_close (&ca, &white, 1.0 / 255))
          n_filled++;
      }
  g_assert_cmpuint (n_filled, >, 700 * 300 / 10);
  g_assert_cmpuint (n_different, ==, 0);

  /* Without its caches the renderer draws the same picture again. */
  shequ_map_renderer_drop_caches (tiled);
  canvas_clear (&b);
  canvas_init (&b, 700, 300);
  shequ_map_renderer_draw (tiled, b.cr, &frame, SHEQU_MAP_DRAW_FILLS);
  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 700; x++)
      {
        ShequColour ca, cb;

        get_pixel (&a, x, y, &ca);
        get_pixel (&b, x, y, &cb);
        g_assert_true (colours_close (&ca, &cb, 3.0 / 255));
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-renderer/fills", test_fills);
  g_test_add_func ("/map-renderer/selected-outline", test_selected_outline);
  g_test_add_func ("/map-renderer/hover-lighter", test_hover_lighter);
  g_test_add_func ("/map-renderer/legend-present", test_legend_present);
  g_test_add_func ("/map-renderer/labels/never-overlap", test_labels_never_overlap);
  g_test_add_func ("/map-renderer/labels/fit-their-unit", test_labels_fit_their_unit);
  g_test_add_func ("/map-renderer/scale-bar-length", test_scale_bar_length);
  g_test_add_func ("/map-renderer/decorations-apart", test_decorations_apart);
  g_test_add_func ("/map-renderer/properties", test_properties);
  g_test_add_func ("/map-renderer/places", test_places);
  g_test_add_func ("/map-renderer/tiles-match-direct", test_tiles_match_direct);

  return g_test_run ();
}
