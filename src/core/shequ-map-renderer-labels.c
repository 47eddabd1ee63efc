/* shequ-map-renderer-labels.c — units' names on the map, never overlapping */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-renderer"

#include "config.h"

#include <math.h>

#include "shequ-map-renderer-private.h"

/* Names of the tier in view: the deepest depth whose units are big enough on screen
 * to hold their names. Each name is placed at its unit's label point if it fits in the
 * unit and meets no name placed before it; coarser tiers, then bigger units, go first. */

#define LABEL_FONT "Noto Sans CJK SC, Noto Sans CJK, sans-serif"

typedef struct {
  guint         position;
  ShequTier     tier;
  double        area;
} Candidate;

typedef struct {
  ShequMapRect  rect;
  PangoLayout  *layout;   /* borrowed from the cache */
} Placed;

static PangoContext *
ensure_pango (ShequMapRenderer *self)
{
  if (self->pango == NULL)
    {
      PangoFontMap *font_map = pango_cairo_font_map_get_default ();
      cairo_font_options_t *options = cairo_font_options_create ();

      self->pango = pango_font_map_create_context (font_map);
      /* Unhinted metrics at a fixed resolution: text measures alike on every surface. */
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->pango, options);
      cairo_font_options_destroy (options);
      pango_cairo_context_set_resolution (self->pango, 96);
      pango_context_set_round_glyph_positions (self->pango, FALSE);
      /* Names are Chinese: Chinese glyph forms whatever the UI's language. */
      pango_context_set_language (self->pango, pango_language_from_string ("zh-cn"));
    }
  return self->pango;
}

PangoLayout *
shequ_map_renderer_new_layout (ShequMapRenderer *self,
                               const char       *text,
                               double            size,
                               gboolean          bold)
{
  PangoLayout *layout = pango_layout_new (ensure_pango (self));
  PangoFontDescription *font = pango_font_description_from_string (LABEL_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

void
shequ_map_renderer_clear_layouts (ShequMapRenderer *self)
{
  if (self->layouts != NULL)
    g_hash_table_remove_all (self->layouts);
}

void
shequ_map_renderer_show_with_halo (cairo_t     *cr,
                                   PangoLayout *layout,
                                   double       x,
                                   double       y,
                                   double       halo)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, halo);
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
label_size (ShequMapRenderer *self,
            guint             depth)
{
  return (depth <= 1 ? 15 : 12.5) * self->text_scale;
}

/* The deepest depth at which at least half of the units in view are big enough for a
 * name of a few characters; G_MAXUINT when none is. */
static guint
choose_depth (ShequMapRenderer    *self,
              const ShequMapFrame *frame)
{
  guint max_depth = shequ_map_get_max_depth (self->map);
  g_autofree guint *counts = g_new0 (guint, max_depth + 1);
  g_autofree guint *big = g_new0 (guint, max_depth + 1);

  for (guint i = 0; i < self->positions->len; i++)
    {
      const ShequMapItem *item = shequ_map_get_item (self->map,
                                                     g_array_index (self->positions, guint, i));
      double size = label_size (self, item->depth);
      double w = (item->bounds.max_x - item->bounds.min_x) / frame->metres_per_pixel;
      double h = (item->bounds.max_y - item->bounds.min_y) / frame->metres_per_pixel;

      counts[item->depth]++;
      if (w >= 4.5 * size && h >= 2.2 * size)
        big[item->depth]++;
    }
  for (guint depth = max_depth + 1; depth > 0; depth--)
    if (big[depth - 1] > 0 && big[depth - 1] * 2 >= counts[depth - 1])
      return depth - 1;
  return G_MAXUINT;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->tier != cb->tier)
    return ca->tier < cb->tier ? -1 : 1;
  return (ca->area < cb->area) - (ca->area > cb->area);
}

static PangoLayout *
get_layout (ShequMapRenderer   *self,
            guint               position,
            const ShequMapItem *item)
{
  PangoLayout *layout;

  if (self->layouts == NULL)
    self->layouts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  if (self->layouts_size != self->text_scale)
    {
      g_hash_table_remove_all (self->layouts);
      self->layouts_size = self->text_scale;
    }
  layout = g_hash_table_lookup (self->layouts, GUINT_TO_POINTER (position + 1));
  if (layout == NULL)
    {
      layout = shequ_map_renderer_new_layout (self, item->name, label_size (self, item->depth),
                                              item->depth <= 1);
      g_hash_table_insert (self->layouts, GUINT_TO_POINTER (position + 1), layout);
    }
  return layout;
}

static gboolean
rects_meet (const ShequMapRect *a,
            const ShequMapRect *b,
            double              pad)
{
  return a->x - pad < b->x + b->width && b->x - pad < a->x + a->width
         && a->y - pad < b->y + b->height && b->y - pad < a->y + a->height;
}

static gboolean
place_label (ShequMapRenderer    *self,
             const ShequMapFrame *frame,
             const Candidate     *candidate,
             GArray              *placed)
{
  const ShequMapItem *item = shequ_map_get_item (self->map, candidate->position);
  PangoLayout *layout = get_layout (self, candidate->position, item);
  ShequGeoPoint at = shequ_map_frame_to_drawing (frame, item->label_point);
  double item_w = (item->bounds.max_x - item->bounds.min_x) / frame->metres_per_pixel;
  double item_h = (item->bounds.max_y - item->bounds.min_y) / frame->metres_per_pixel;
  double pad = 4 * self->text_scale;
  PangoRectangle logical;
  Placed label;

  pango_layout_get_extents (layout, NULL, &logical);
  label.rect.width = (double) logical.width / PANGO_SCALE;
  label.rect.height = (double) logical.height / PANGO_SCALE;
  /* It fits when it leaves a little of the unit on either side. */
  if (label.rect.width > item_w * 0.92 || label.rect.height > item_h * 0.8)
    return FALSE;
  label.rect.x = at.x - label.rect.width / 2;
  label.rect.y = at.y - label.rect.height / 2;
  if (label.rect.x < 0 || label.rect.y < 0
      || label.rect.x + label.rect.width > frame->width
      || label.rect.y + label.rect.height > frame->height)
    return FALSE;
  for (guint i = 0; i < placed->len; i++)
    if (rects_meet (&g_array_index (placed, Placed, i).rect, &label.rect, pad))
      return FALSE;
  /* Nor under a decoration (those laid out in this drawing; width 0 for the others). */
  for (guint i = 0; i < SHEQU_N_MAP_DECORATIONS; i++)
    if (self->decorations[i].width > 0 && rects_meet (&self->decorations[i], &label.rect, pad))
      return FALSE;
  label.layout = layout;
  g_array_append_val (placed, label);
  return TRUE;
}

void
shequ_map_renderer_draw_labels (ShequMapRenderer    *self,
                                cairo_t             *cr,
                                const ShequMapFrame *frame)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  guint depth = choose_depth (self, frame);
  double halo = 3 * self->text_scale;

  if (depth == G_MAXUINT)
    return;
  for (guint i = 0; i < self->positions->len; i++)
    {
      guint position = g_array_index (self->positions, guint, i);
      const ShequMapItem *item = shequ_map_get_item (self->map, position);
      Candidate candidate = { position, item->tier, item->area_m2 };

      if (item->depth == depth && item->name != NULL && item->name[0] != '\0')
        g_array_append_val (candidates, candidate);
    }
  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len; i++)
    place_label (self, frame, &g_array_index (candidates, Candidate, i), placed);

  /* Every halo first, in one stroke, then the names as text (so a PDF keeps them as
   * text, searchable, in an embedded font). */
  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *label = &g_array_index (placed, Placed, i);

      cairo_move_to (cr, label->rect.x, label->rect.y);
      pango_cairo_layout_path (cr, label->layout);
      g_array_append_val (self->placed_labels, label->rect);
    }
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, halo);
  cairo_stroke (cr);
  if (depth <= 1)
    cairo_set_source_rgb (cr, 0.12, 0.12, 0.16);
  else
    cairo_set_source_rgb (cr, 0.2, 0.2, 0.26);
  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *label = &g_array_index (placed, Placed, i);

      cairo_move_to (cr, label->rect.x, label->rect.y);
      pango_cairo_show_layout (cr, label->layout);
    }
  cairo_restore (cr);
}
