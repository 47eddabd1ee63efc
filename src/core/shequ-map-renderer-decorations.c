/* shequ-map-renderer-decorations.c — title, date, legend, scale bar and north arrow */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-map-renderer-private.h"

/* Laid out like a printed map: title and date top left, north arrow top right, scale bar
 * bottom right, legend bottom left (raised above the scale bar when the two would meet,
 * made smaller, or left out, when it would reach the title). Everything scales with the
 * text scale, and shrinks a little on small drawings. */

#define TEXT_RED   0.13
#define TEXT_GREEN 0.13
#define TEXT_BLUE  0.17

typedef struct {
  double            scale;     /* of every decoration */
  double            margin;
  ShequMapRect      title;
  ShequMapRect      north;
  ShequMapRect      scale_bar;
  PangoLayout      *title_layout;
  PangoLayout      *date_layout;
  PangoLayout      *scale_layout;
  double            bar_length;
  double            bar_metres;
} Layout;

static void
layout_clear (Layout *layout)
{
  g_clear_object (&layout->title_layout);
  g_clear_object (&layout->date_layout);
  g_clear_object (&layout->scale_layout);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Layout, layout_clear)

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

static void
set_text_colour (cairo_t *cr)
{
  cairo_set_source_rgb (cr, TEXT_RED, TEXT_GREEN, TEXT_BLUE);
}

static void
draw_box (cairo_t            *cr,
          const ShequMapRect *rect,
          double              scale)
{
  double r = 4 * scale;
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  cairo_new_path (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.82);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.3, 0.3, 0.36, 0.35);
  cairo_set_line_width (cr, 0.8 * scale);
  cairo_stroke (cr);
}

/* ---- scale bar ------------------------------------------------------------------- */

double
shequ_map_scale_bar_metres (const ShequMapFrame *frame,
                            double               max_length,
                            double              *length)
{
  /* Web Mercator stretches ground distances by 1 / cos (latitude). */
  ShequGeoPoint centre = shequ_geo_mercator_inverse (frame->centre);
  double ground_per_unit = frame->metres_per_pixel * cos (centre.y * G_PI / 180);
  double most = max_length * ground_per_unit;
  double power = pow (10, floor (log10 (most)));
  double metres = power;

  if (5 * power <= most)
    metres = 5 * power;
  else if (2 * power <= most)
    metres = 2 * power;
  if (length != NULL)
    *length = metres / ground_per_unit;
  return metres;
}

static char *
format_distance (double metres)
{
  g_autofree char *number = NULL;

  if (metres >= 1000)
    {
      number = g_strdup_printf ("%g", metres / 1000);
      /* TRANSLATORS: a distance on the scale bar, %s a number of kilometres */
      return g_strdup_printf (_("%s km"), number);
    }
  number = g_strdup_printf ("%g", metres);
  /* TRANSLATORS: a distance on the scale bar, %s a number of metres */
  return g_strdup_printf (_("%s m"), number);
}

static void
layout_scale_bar (ShequMapRenderer    *self,
                  const ShequMapFrame *frame,
                  Layout              *layout)
{
  double s = layout->scale;
  double max_length = MIN (150 * s, frame->width * 0.3);
  g_autofree char *text = NULL;
  double tw, th, w, h;

  layout->bar_metres = shequ_map_scale_bar_metres (frame, max_length, &layout->bar_length);
  text = format_distance (layout->bar_metres);
  layout->scale_layout = shequ_map_renderer_new_layout (self, text, 12 * s, FALSE);
  text_size (layout->scale_layout, &tw, &th);
  w = MAX (layout->bar_length, tw) + 16 * s;
  h = th + 6 * s + 6 * s + 12 * s;
  layout->scale_bar = (ShequMapRect) { frame->width - layout->margin - w,
                                       frame->height - layout->margin - h, w, h };
}

static void
draw_scale_bar (cairo_t      *cr,
                const Layout *layout)
{
  const ShequMapRect *rect = &layout->scale_bar;
  double s = layout->scale;
  double tw, th, x0, y0, half;

  text_size (layout->scale_layout, &tw, &th);
  draw_box (cr, rect, s);
  x0 = rect->x + (rect->width - layout->bar_length) / 2;
  y0 = rect->y + 6 * s + th + 4 * s;
  half = layout->bar_length / 2;
  /* Two halves, dark and light, in a dark frame: legible over any fill. */
  cairo_new_path (cr);
  cairo_rectangle (cr, x0, y0, half, 6 * s);
  set_text_colour (cr);
  cairo_fill (cr);
  cairo_rectangle (cr, x0 + half, y0, half, 6 * s);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_rectangle (cr, x0, y0, layout->bar_length, 6 * s);
  set_text_colour (cr);
  cairo_set_line_width (cr, 1 * s);
  cairo_stroke (cr);
  cairo_move_to (cr, rect->x + (rect->width - tw) / 2, rect->y + 5 * s);
  pango_cairo_show_layout (cr, layout->scale_layout);
}

/* ---- north arrow, title ---------------------------------------------------------- */

/* One half of the arrow as a closed subpath: from the tip out by DX, back to the notch. */
static void
trace_north_half (cairo_t            *cr,
                  const ShequMapRect *rect,
                  double              cx,
                  double              top,
                  double              bottom,
                  double              dx)
{
  cairo_move_to (cr, cx, top);
  cairo_line_to (cr, cx + dx, bottom);
  cairo_line_to (cr, cx, bottom - rect->height * 0.18);
  cairo_close_path (cr);
}

static void
draw_north (ShequMapRenderer *self,
            cairo_t          *cr,
            const Layout     *layout)
{
  const ShequMapRect *rect = &layout->north;
  double s = layout->scale;
  double cx = rect->x + rect->width / 2;
  double top = rect->y + rect->height * 0.38, bottom = rect->y + rect->height;
  double half = rect->width * 0.36;
  /* TRANSLATORS: the letter of the north arrow */
  g_autoptr(PangoLayout) letter = shequ_map_renderer_new_layout (self, C_("north arrow", "N"),
                                                                 13 * s, TRUE);
  double tw, th;

  cairo_new_path (cr);
  trace_north_half (cr, rect, cx, top, bottom, -half);
  set_text_colour (cr);
  cairo_fill (cr);
  trace_north_half (cr, rect, cx, top, bottom, half);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  trace_north_half (cr, rect, cx, top, bottom, -half);
  set_text_colour (cr);
  cairo_set_line_width (cr, 1 * s);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke (cr);
  text_size (letter, &tw, &th);
  set_text_colour (cr);
  shequ_map_renderer_show_with_halo (cr, letter, cx - tw / 2, rect->y - 2 * s, 3 * s);
}

static char *
get_title (ShequMapRenderer *self)
{
  if (self->title != NULL)
    return g_strdup (self->title);
  for (guint i = 0; i < shequ_map_get_n_items (self->map); i++)
    {
      const ShequMapItem *item = shequ_map_get_item (self->map, i);

      if (item->depth == 0 && item->name != NULL)
        return g_strdup (item->name);
      if (item->depth > 0)
        break;
    }
  return g_strdup (_("Map"));
}

static char *
get_date_text (ShequMapRenderer *self)
{
  g_autoptr(GDateTime) now = self->date != NULL ? g_date_time_ref (self->date)
                                                : g_date_time_new_now_local ();

  /* TRANSLATORS: the map's date, a g_date_time_format() format: "December 2, 2026" */
  return g_date_time_format (now, _("%B %-d, %Y"));
}

static void
layout_title (ShequMapRenderer    *self,
              const ShequMapFrame *frame,
              Layout              *layout)
{
  double s = layout->scale, m = layout->margin, pad = 8 * s;
  double max_width = frame->width - 3 * m - layout->north.width - 2 * pad;
  g_autofree char *title = get_title (self);
  g_autofree char *date = get_date_text (self);
  double tw, th, dw, dh;

  layout->title_layout = shequ_map_renderer_new_layout (self, title, 21 * s, TRUE);
  layout->date_layout = shequ_map_renderer_new_layout (self, date, 12.5 * s, FALSE);
  if (max_width < 20 * s)
    return;
  pango_layout_set_width (layout->title_layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout->title_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout->date_layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout->date_layout, PANGO_ELLIPSIZE_END);
  text_size (layout->title_layout, &tw, &th);
  text_size (layout->date_layout, &dw, &dh);
  {
    PangoRectangle ink, logical;

    /* With a width set, the logical width is the set width: measure the text itself. */
    pango_layout_get_pixel_extents (layout->title_layout, &ink, &logical);
    tw = MIN (tw, ink.x + ink.width + 2 * s);
    pango_layout_get_pixel_extents (layout->date_layout, &ink, &logical);
    dw = MIN (dw, ink.x + ink.width + 2 * s);
  }
  layout->title = (ShequMapRect) { m, m, MAX (tw, dw) + 2 * pad, th + dh + 2 * pad };
}

static void
draw_title (cairo_t      *cr,
            const Layout *layout)
{
  double s = layout->scale, pad = 8 * s, tw, th;

  draw_box (cr, &layout->title, s);
  text_size (layout->title_layout, &tw, &th);
  set_text_colour (cr);
  cairo_move_to (cr, layout->title.x + pad, layout->title.y + pad);
  pango_cairo_show_layout (cr, layout->title_layout);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.36);
  cairo_move_to (cr, layout->title.x + pad, layout->title.y + pad + th);
  pango_cairo_show_layout (cr, layout->date_layout);
}

/* ---- legend ---------------------------------------------------------------------- */

/* The colouring's entries; for a colouring without any (the tiers), one per tier the
 * map has, in the tier's fill. Then the place kinds drawn. */
static GArray *
collect_legend (ShequMapRenderer  *self,
                const char       **heading)
{
  ShequMapColouring *colouring = shequ_map_renderer_ensure_colouring (self);
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (ShequMapLegendLine));
  guint n = shequ_map_colouring_get_n_legend_entries (colouring);

  *heading = shequ_map_colouring_get_title (colouring);
  for (guint i = 0; i < n; i++)
    {
      const ShequLegendEntry *entry = shequ_map_colouring_get_legend_entry (colouring, i);
      ShequMapLegendLine line = { entry->colour, FALSE, 0, entry->label };

      g_array_append_val (lines, line);
    }
  if (n == 0)
    {
      /* The tiers in view, in the tree's order: street, area, community, village, grid. */
      gboolean seen[SHEQU_N_TIERS] = { FALSE };
      gint64 example[SHEQU_N_TIERS] = { 0 };

      for (guint i = 0; i < self->positions->len; i++)
        {
          const ShequMapItem *item = shequ_map_get_item (self->map,
                                                         g_array_index (self->positions, guint, i));

          if (item->tier < SHEQU_N_TIERS && !seen[item->tier])
            {
              seen[item->tier] = TRUE;
              example[item->tier] = item->unit_id;
            }
        }
      for (guint tier = 0; tier < SHEQU_N_TIERS; tier++)
        {
          ShequMapLegendLine line = { { 0 }, FALSE, 0, shequ_tier_get_label (tier) };

          if (seen[tier]
              && shequ_map_colouring_get_fill (colouring, example[tier], &line.colour))
            g_array_append_val (lines, line);
        }
      if (*heading == NULL || **heading == '\0')
        *heading = _("Tier");
    }
  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    if (self->places_drawn[kind])
      {
        ShequMapLegendLine line = { { 0 }, TRUE, kind, shequ_place_kind_get_label (kind) };

        g_array_append_val (lines, line);
      }
  return lines;
}

static double
legend_size (ShequMapRenderer *self,
             const char       *heading,
             GArray           *lines,
             double            s,
             double            max_width,
             double           *height)
{
  g_autoptr(PangoLayout) head = shequ_map_renderer_new_layout (self, heading, 13 * s, TRUE);
  double width, hh, w, h;

  text_size (head, &width, &hh);
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(PangoLayout) text = shequ_map_renderer_new_layout (
        self, g_array_index (lines, ShequMapLegendLine, i).label, 12 * s, FALSE);

      text_size (text, &w, &h);
      width = MAX (width, w + 24 * s);
    }
  *height = 10 * s + hh + 4 * s + lines->len * 19 * s + 8 * s;
  return MIN (width + 20 * s, max_width);
}

static void
draw_legend_line (ShequMapRenderer         *self,
                  cairo_t                  *cr,
                  const ShequMapLegendLine *line,
                  double                    x,
                  double                    y,
                  double                    width,
                  double                    s)
{
  g_autoptr(PangoLayout) text = shequ_map_renderer_new_layout (self, line->label, 12 * s, FALSE);
  double tw, th;

  if (line->is_place)
    shequ_map_renderer_draw_symbol (cr, line->kind, x + 8 * s, y + 9.5 * s, 9 * s);
  else
    {
      cairo_new_path (cr);
      cairo_rectangle (cr, x, y + 4 * s, 16 * s, 11 * s);
      cairo_set_source_rgba (cr, line->colour.red, line->colour.green, line->colour.blue,
                             line->colour.alpha);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.3, 0.3, 0.36, 0.8);
      cairo_set_line_width (cr, 0.7 * s);
      cairo_stroke (cr);
    }
  pango_layout_set_width (text, (int) (MAX (1, width - 24 * s) * PANGO_SCALE));
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
  text_size (text, &tw, &th);
  set_text_colour (cr);
  cairo_move_to (cr, x + 24 * s, y + 9.5 * s - th / 2);
  pango_cairo_show_layout (cr, text);
}

static void
draw_legend (ShequMapRenderer    *self,
             cairo_t             *cr,
             const ShequMapFrame *frame,
             Layout              *layout)
{
  const char *heading = NULL;
  g_autoptr(GArray) lines = collect_legend (self, &heading);
  double s = layout->scale, m = layout->margin;
  double top = layout->title.height > 0 ? layout->title.y + layout->title.height + m : m;
  double bottom = frame->height - m, width, height, hh, hw;
  g_autoptr(PangoLayout) head = NULL;
  ShequMapRect rect;

  if (lines->len == 0)
    return;
  width = legend_size (self, heading, lines, s, frame->width * 0.45, &height);
  if (m + width + m > layout->scale_bar.x && layout->scale_bar.width > 0)
    bottom = layout->scale_bar.y - m;
  if (height > bottom - top)
    {
      /* Smaller, down to half; below that the map has no room for a legend. */
      s *= (bottom - top) / height;
      if (s < layout->scale * 0.5)
        return;
      width = legend_size (self, heading, lines, s, frame->width * 0.45, &height);
    }
  rect = (ShequMapRect) { m, bottom - height, width, height };
  self->decorations[SHEQU_MAP_DECORATION_LEGEND] = rect;
  draw_box (cr, &rect, s);
  head = shequ_map_renderer_new_layout (self, heading, 13 * s, TRUE);
  pango_layout_set_width (head, (int) ((width - 20 * s) * PANGO_SCALE));
  pango_layout_set_ellipsize (head, PANGO_ELLIPSIZE_END);
  text_size (head, &hw, &hh);
  set_text_colour (cr);
  cairo_move_to (cr, rect.x + 10 * s, rect.y + 8 * s);
  pango_cairo_show_layout (cr, head);
  for (guint i = 0; i < lines->len; i++)
    draw_legend_line (self, cr, &g_array_index (lines, ShequMapLegendLine, i),
                      rect.x + 10 * s, rect.y + 10 * s + hh + 4 * s + i * 19 * s,
                      width - 20 * s, s);
}

void
shequ_map_renderer_draw_decorations (ShequMapRenderer    *self,
                                     cairo_t             *cr,
                                     const ShequMapFrame *frame)
{
  g_auto(Layout) layout = { 0 };
  double fit = CLAMP (MIN (frame->width / 720, frame->height / 480), 0.6, 1);

  layout.scale = self->text_scale * fit;
  layout.margin = 14 * layout.scale;
  layout.north = (ShequMapRect) { frame->width - layout.margin - 28 * layout.scale,
                                  layout.margin, 28 * layout.scale, 46 * layout.scale };
  layout_scale_bar (self, frame, &layout);
  layout_title (self, frame, &layout);

  cairo_save (cr);
  if (layout.title.width > 0)
    {
      draw_title (cr, &layout);
      self->decorations[SHEQU_MAP_DECORATION_TITLE] = layout.title;
    }
  draw_north (self, cr, &layout);
  self->decorations[SHEQU_MAP_DECORATION_NORTH] = layout.north;
  draw_scale_bar (cr, &layout);
  self->decorations[SHEQU_MAP_DECORATION_SCALE] = layout.scale_bar;
  self->scale_bar_length = layout.bar_length;
  self->scale_bar_metres = layout.bar_metres;
  draw_legend (self, cr, frame, &layout);
  cairo_restore (cr);
}
