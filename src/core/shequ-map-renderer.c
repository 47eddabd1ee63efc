/* shequ-map-renderer.c — the one drawing code path of maps: screen, PNG, PDF, SVG, print */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-renderer"

#include "config.h"

#include <math.h>

#include "shequ-map-renderer-private.h"

/* The fills and edges: the map's spatial index gives what is in view, its level of
 * detail the shapes; fills are batched into one path per colour and each tier's edges
 * into one path, so a frame is a few dozen Cairo operations whatever the unit count. */

enum {
  PROP_0,
  PROP_MAP,
  PROP_COLOURING,
  PROP_SELECTED_UNIT,
  PROP_HOVER_UNIT,
  PROP_TITLE,
  PROP_TEXT_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The items of one fill colour at one depth, drawn as one path. */
typedef struct {
  ShequColour  colour;
  guint        depth;
  GArray      *positions;   /* guint */
} FillBucket;

/* Edges by depth: the street's outline strongest, grids finest. Muted greys that read
 * over light and dark fills alike. */
typedef struct {
  double red, green, blue, alpha;
  double width;        /* drawing units at text scale 1 */
  double min_size;     /* items smaller than this (drawing units) get no edge */
} EdgeStyle;

static const EdgeStyle edge_styles[] = {
  { 0.20, 0.20, 0.26, 0.95, 2.4, 0 },   /* street */
  { 0.27, 0.27, 0.33, 0.90, 1.5, 2 },   /* area */
  { 0.35, 0.35, 0.42, 0.80, 0.9, 4 },   /* community, village */
  { 0.42, 0.42, 0.50, 0.55, 0.5, 16 },  /* grid: below 16 units a mesh, no longer lines */
};

const ShequColour shequ_map_selected_colour = { 0.043, 0.341, 0.816, 1 };

G_DEFINE_FINAL_TYPE (ShequMapRenderer, shequ_map_renderer, G_TYPE_OBJECT)

static void
clear_bucket (gpointer data)
{
  FillBucket *bucket = data;

  g_clear_pointer (&bucket->positions, g_array_unref);
}

static void
shequ_map_renderer_finalize (GObject *object)
{
  ShequMapRenderer *self = SHEQU_MAP_RENDERER (object);

  g_clear_object (&self->map);
  g_clear_pointer (&self->colouring, shequ_map_colouring_unref);
  g_clear_pointer (&self->tiers, shequ_map_colouring_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->buckets, g_array_unref);
  g_clear_pointer (&self->bucket_index, g_hash_table_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->placed_labels, g_array_unref);

  G_OBJECT_CLASS (shequ_map_renderer_parent_class)->finalize (object);
}

static void
shequ_map_renderer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShequMapRenderer *self = SHEQU_MAP_RENDERER (object);

  switch (prop_id)
    {
    case PROP_MAP:           g_value_set_object (value, self->map); break;
    case PROP_COLOURING:     g_value_set_pointer (value, self->colouring); break;
    case PROP_SELECTED_UNIT: g_value_set_int64 (value, self->selected_unit); break;
    case PROP_HOVER_UNIT:    g_value_set_int64 (value, self->hover_unit); break;
    case PROP_TITLE:         g_value_set_string (value, self->title); break;
    case PROP_TEXT_SCALE:    g_value_set_double (value, self->text_scale); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_renderer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShequMapRenderer *self = SHEQU_MAP_RENDERER (object);

  switch (prop_id)
    {
    case PROP_MAP:
      shequ_map_renderer_set_map (self, g_value_get_object (value));
      break;
    case PROP_COLOURING:
      shequ_map_renderer_set_colouring (self, g_value_get_pointer (value));
      break;
    case PROP_SELECTED_UNIT:
      shequ_map_renderer_set_selected_unit (self, g_value_get_int64 (value));
      break;
    case PROP_HOVER_UNIT:
      shequ_map_renderer_set_hover_unit (self, g_value_get_int64 (value));
      break;
    case PROP_TITLE:
      shequ_map_renderer_set_title (self, g_value_get_string (value));
      break;
    case PROP_TEXT_SCALE:
      shequ_map_renderer_set_text_scale (self, g_value_get_double (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_renderer_class_init (ShequMapRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = shequ_map_renderer_finalize;
  object_class->get_property = shequ_map_renderer_get_property;
  object_class->set_property = shequ_map_renderer_set_property;

  properties[PROP_MAP] = g_param_spec_object ("map", NULL, NULL, SHEQU_TYPE_MAP, flags);
  /* A ShequMapColouring (refcounted, not a GType of its own); NULL for the tiers. */
  properties[PROP_COLOURING] = g_param_spec_pointer ("colouring", NULL, NULL, flags);
  properties[PROP_SELECTED_UNIT] = g_param_spec_int64 ("selected-unit", NULL, NULL,
                                                       0, G_MAXINT64, 0, flags);
  properties[PROP_HOVER_UNIT] = g_param_spec_int64 ("hover-unit", NULL, NULL,
                                                    0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_TEXT_SCALE] = g_param_spec_double ("text-scale", NULL, NULL,
                                                     0.1, 20, 1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shequ_map_renderer_init (ShequMapRenderer *self)
{
  self->text_scale = 1;
  for (guint i = 0; i < SHEQU_N_PLACE_KINDS; i++)
    self->place_visible[i] = TRUE;
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->buckets = g_array_new (FALSE, TRUE, sizeof (FillBucket));
  g_array_set_clear_func (self->buckets, clear_bucket);
  self->bucket_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->placed_labels = g_array_new (FALSE, FALSE, sizeof (ShequMapRect));
  self->use_tiles = TRUE;
}

ShequMapRenderer *
shequ_map_renderer_new (ShequMap *map)
{
  g_return_val_if_fail (map == NULL || SHEQU_IS_MAP (map), NULL);

  return g_object_new (SHEQU_TYPE_MAP_RENDERER, "map", map, NULL);
}

ShequMap *
shequ_map_renderer_get_map (ShequMapRenderer *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (self), NULL);

  return self->map;
}

void
shequ_map_renderer_set_map (ShequMapRenderer *self,
                            ShequMap         *map)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));
  g_return_if_fail (map == NULL || SHEQU_IS_MAP (map));

  if (g_set_object (&self->map, map))
    {
      /* Positions key the cached layouts: another map, other positions. */
      shequ_map_renderer_clear_layouts (self);
      g_clear_pointer (&self->tiers, shequ_map_colouring_unref);
      self->generation++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
    }
}

ShequMapColouring *
shequ_map_renderer_get_colouring (ShequMapRenderer *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (self), NULL);

  return self->colouring;
}

void
shequ_map_renderer_set_colouring (ShequMapRenderer  *self,
                                  ShequMapColouring *colouring)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));

  if (colouring == self->colouring)
    return;
  if (colouring != NULL)
    shequ_map_colouring_ref (colouring);
  g_clear_pointer (&self->colouring, shequ_map_colouring_unref);
  self->colouring = colouring;
  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOURING]);
}

gint64
shequ_map_renderer_get_selected_unit (ShequMapRenderer *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (self), 0);

  return self->selected_unit;
}

void
shequ_map_renderer_set_selected_unit (ShequMapRenderer *self,
                                      gint64            unit_id)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));

  if (self->selected_unit == unit_id)
    return;
  self->selected_unit = unit_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UNIT]);
}

gint64
shequ_map_renderer_get_hover_unit (ShequMapRenderer *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (self), 0);

  return self->hover_unit;
}

void
shequ_map_renderer_set_hover_unit (ShequMapRenderer *self,
                                   gint64            unit_id)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));

  if (self->hover_unit == unit_id)
    return;
  self->hover_unit = unit_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_UNIT]);
}

gboolean
shequ_map_renderer_get_place_visible (ShequMapRenderer *self,
                                      ShequPlaceKind    kind)
{
  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (self), FALSE);
  g_return_val_if_fail (kind < SHEQU_N_PLACE_KINDS, FALSE);

  return self->place_visible[kind];
}

void
shequ_map_renderer_set_place_visible (ShequMapRenderer *self,
                                      ShequPlaceKind    kind,
                                      gboolean          visible)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));
  g_return_if_fail (kind < SHEQU_N_PLACE_KINDS);

  self->place_visible[kind] = !!visible;
}

const char *
shequ_map_renderer_get_title (ShequMapRenderer *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (self), NULL);

  return self->title;
}

void
shequ_map_renderer_set_title (ShequMapRenderer *self,
                              const char       *title)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
shequ_map_renderer_set_date (ShequMapRenderer *self,
                             GDateTime        *date)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));

  if (date != NULL)
    g_date_time_ref (date);
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = date;
}

double
shequ_map_renderer_get_text_scale (ShequMapRenderer *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (self), 1);

  return self->text_scale;
}

void
shequ_map_renderer_set_text_scale (ShequMapRenderer *self,
                                   double            scale)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));
  g_return_if_fail (scale > 0);

  if (self->text_scale == scale)
    return;
  self->text_scale = scale;
  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

/* ------------------------------------------------------------------------------------ */

/* Appends one ring in drawing coordinates, simplified on the way (Reumann–Witkam: a
 * point is kept only when the run since the last kept point leaves the strip of
 * half-width TOLERANCE along that run's first direction). Whatever the level of detail
 * gives, Cairo gets no more points than the drawing can show; a ring that shrinks
 * to a speck fills nothing. */
static void
append_ring (cairo_t             *cr,
             const ShequGeoRing  *ring,
             double               k,
             double               ox,
             double               oy,
             double               tolerance)
{
  const ShequGeoPoint *points = ring->points;
  guint n = ring->n_points;
  double key_x, key_y, dir_x = 0, dir_y = 0, dir_len = 0, prev_x, prev_y;

  key_x = prev_x = ox + points[0].x * k;
  key_y = prev_y = oy - points[0].y * k;
  cairo_move_to (cr, key_x, key_y);
  for (guint i = 1; i < n; i++)
    {
      double x = ox + points[i].x * k;
      double y = oy - points[i].y * k;

      if (dir_len == 0)
        {
          dir_x = x - key_x;
          dir_y = y - key_y;
          dir_len = sqrt (dir_x * dir_x + dir_y * dir_y);
          if (dir_len < tolerance)
            dir_len = 0;   /* still too close to the key point to give a direction */
        }
      else if (fabs ((x - key_x) * dir_y - (y - key_y) * dir_x) > tolerance * dir_len)
        {
          cairo_line_to (cr, prev_x, prev_y);
          key_x = prev_x;
          key_y = prev_y;
          dir_x = x - key_x;
          dir_y = y - key_y;
          dir_len = sqrt (dir_x * dir_x + dir_y * dir_y);
          if (dir_len < tolerance)
            dir_len = 0;
        }
      prev_x = x;
      prev_y = y;
    }
  cairo_line_to (cr, prev_x, prev_y);
  cairo_close_path (cr);
}

void
shequ_map_renderer_append_shape (cairo_t             *cr,
                                 ShequGeoShape       *shape,
                                 const ShequMapFrame *frame)
{
  const double k = 1 / frame->metres_per_pixel;
  const double ox = frame->width / 2 - frame->centre.x * k;
  const double oy = frame->height / 2 + frame->centre.y * k;
  guint n_polygons = shequ_geo_shape_get_n_polygons (shape);

  for (guint p = 0; p < n_polygons; p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

      for (guint r = 0; r < polygon->n_rings; r++)
        if (polygon->rings[r].n_points >= 4)
          append_ring (cr, &polygon->rings[r], k, ox, oy, 0.4);
    }
}

ShequMapColouring *
shequ_map_renderer_ensure_colouring (ShequMapRenderer *self)
{
  if (self->colouring != NULL)
    return self->colouring;
  if (self->tiers == NULL)
    self->tiers = shequ_map_colouring_new_tiers (self->map);
  return self->tiers;
}

static gint64
pack_colour (const ShequColour *colour,
             guint              depth)
{
  guint r = (guint) CLAMP (colour->red * 255 + 0.5, 0, 255);
  guint g = (guint) CLAMP (colour->green * 255 + 0.5, 0, 255);
  guint b = (guint) CLAMP (colour->blue * 255 + 0.5, 0, 255);
  guint a = (guint) CLAMP (colour->alpha * 255 + 0.5, 0, 255);

  return ((gint64) depth << 32) | (r << 24) | (g << 16) | (b << 8) | a;
}

static double
item_size (const ShequMapItem  *item,
           const ShequMapFrame *frame)
{
  return MAX (item->bounds.max_x - item->bounds.min_x,
              item->bounds.max_y - item->bounds.min_y) / frame->metres_per_pixel;
}

static double
lod_tolerance (const ShequMapFrame *frame)
{
  return frame->metres_per_pixel * 0.5;
}

/* Sorts the filled items in view into buckets of one depth and one colour, in drawing
 * order: shallow depths first, so the deepest lie on top. */
static void
sort_fills (ShequMapRenderer    *self,
            ShequMapColouring   *colouring,
            const ShequMapFrame *frame)
{
  guint fill_depth = shequ_map_colouring_get_depth (colouring);

  for (guint i = 0; i < self->buckets->len; i++)
    g_array_set_size (g_array_index (self->buckets, FillBucket, i).positions, 0);
  g_hash_table_remove_all (self->bucket_index);

  for (guint i = 0; i < self->positions->len; i++)
    {
      guint position = g_array_index (self->positions, guint, i);
      const ShequMapItem *item = shequ_map_get_item (self->map, position);
      ShequColour colour;
      gint64 key;
      gpointer found;
      FillBucket *bucket;

      if (fill_depth != G_MAXUINT && item->depth != fill_depth)
        continue;
      if (item_size (item, frame) < 1
          || !shequ_map_colouring_get_fill (colouring, item->unit_id, &colour))
        continue;
      key = pack_colour (&colour, item->depth);
      found = g_hash_table_lookup (self->bucket_index, &key);
      if (found == NULL)
        {
          guint used = g_hash_table_size (self->bucket_index);

          if (used == self->buckets->len)
            {
              FillBucket fresh = { .positions = g_array_new (FALSE, FALSE, sizeof (guint)) };

              g_array_append_val (self->buckets, fresh);
            }
          bucket = &g_array_index (self->buckets, FillBucket, used);
          bucket->colour = colour;
          bucket->depth = item->depth;
          g_array_set_size (bucket->positions, 0);
          g_hash_table_insert (self->bucket_index, g_memdup2 (&key, sizeof key),
                               GUINT_TO_POINTER (used + 1));
        }
      else
        bucket = &g_array_index (self->buckets, FillBucket, GPOINTER_TO_UINT (found) - 1);
      g_array_append_val (bucket->positions, position);
    }
}

static int
compare_bucket_depth (gconstpointer a,
                      gconstpointer b)
{
  const FillBucket *ba = a;
  const FillBucket *bb = b;

  if (ba->positions->len == 0 || bb->positions->len == 0)
    return (ba->positions->len == 0) - (bb->positions->len == 0);
  return (ba->depth > bb->depth) - (ba->depth < bb->depth);
}

static void
draw_fills (ShequMapRenderer    *self,
            cairo_t             *cr,
            const ShequMapFrame *frame)
{
  ShequMapColouring *colouring = shequ_map_renderer_ensure_colouring (self);
  double tolerance = lod_tolerance (frame);
  guint n_used;

  sort_fills (self, colouring, frame);
  n_used = g_hash_table_size (self->bucket_index);
  g_hash_table_remove_all (self->bucket_index);
  /* Stable enough: buckets of one depth keep their first-seen order. */
  g_array_sort (self->buckets, compare_bucket_depth);

  for (guint b = 0; b < n_used; b++)
    {
      FillBucket *bucket = &g_array_index (self->buckets, FillBucket, b);

      cairo_new_path (cr);
      for (guint i = 0; i < bucket->positions->len; i++)
        {
          guint position = g_array_index (bucket->positions, guint, i);

          shequ_map_renderer_append_shape (cr, shequ_map_get_item_shape (self->map, position,
                                                                         tolerance), frame);
        }
      cairo_set_source_rgba (cr, bucket->colour.red, bucket->colour.green,
                             bucket->colour.blue, bucket->colour.alpha);
      cairo_fill (cr);
    }
}

static const EdgeStyle *
edge_style (guint depth)
{
  return &edge_styles[MIN (depth, G_N_ELEMENTS (edge_styles) - 1)];
}

/* Each depth's edges as one path, the finest first so the stronger lie on top. */
static void
draw_edges (ShequMapRenderer    *self,
            cairo_t             *cr,
            const ShequMapFrame *frame)
{
  double tolerance = lod_tolerance (frame);
  double scale = self->text_scale;
  guint max_depth = shequ_map_get_max_depth (self->map);

  for (guint depth = max_depth + 1; depth > 0; depth--)
    {
      const EdgeStyle *style = edge_style (depth - 1);
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint i = 0; i < self->positions->len; i++)
        {
          guint position = g_array_index (self->positions, guint, i);
          const ShequMapItem *item = shequ_map_get_item (self->map, position);

          if (item->depth != depth - 1 || item_size (item, frame) < style->min_size * scale)
            continue;
          shequ_map_renderer_append_shape (cr, shequ_map_get_item_shape (self->map, position,
                                                                         tolerance), frame);
          any = TRUE;
        }
      if (!any)
        continue;
      if (depth - 1 == 0)
        {
          /* A light casing under the street's outline keeps it apart from any fill. */
          cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
          cairo_set_line_width (cr, style->width * scale * 2.6);
          cairo_stroke_preserve (cr);
        }
      cairo_set_source_rgba (cr, style->red, style->green, style->blue, style->alpha);
      cairo_set_line_width (cr, style->width * scale);
      cairo_stroke (cr);
    }
}

static void
draw_highlight (ShequMapRenderer    *self,
                cairo_t             *cr,
                const ShequMapFrame *frame)
{
  double tolerance = lod_tolerance (frame);
  double scale = self->text_scale;
  guint hover = self->hover_unit != 0 ? shequ_map_find_unit (self->map, self->hover_unit)
                                       : G_MAXUINT;
  guint selected = self->selected_unit != 0
                   ? shequ_map_find_unit (self->map, self->selected_unit) : G_MAXUINT;

  if (hover != G_MAXUINT && hover != selected)
    {
      cairo_new_path (cr);
      shequ_map_renderer_append_shape (cr, shequ_map_get_item_shape (self->map, hover,
                                                                     tolerance), frame);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, shequ_map_selected_colour.red, shequ_map_selected_colour.green,
                             shequ_map_selected_colour.blue, 0.6);
      cairo_set_line_width (cr, 1.5 * scale);
      cairo_stroke (cr);
    }
  if (selected != G_MAXUINT)
    {
      cairo_new_path (cr);
      shequ_map_renderer_append_shape (cr, shequ_map_get_item_shape (self->map, selected,
                                                                     tolerance), frame);
      /* A soft halo, then the outline itself: it reads over any palette. */
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_source_rgba (cr, 1, 0.86, 0.2, 0.55);
      cairo_set_line_width (cr, 8 * scale);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, shequ_map_selected_colour.red, shequ_map_selected_colour.green,
                             shequ_map_selected_colour.blue, 1);
      cairo_set_line_width (cr, 2.5 * scale);
      cairo_stroke (cr);
    }
}

static void
query_view (ShequMapRenderer    *self,
            const ShequMapFrame *frame)
{
  /* Edges and halos reach a little past an item's bounds. */
  double margin = 10 * self->text_scale * frame->metres_per_pixel;
  ShequGeoBounds view;

  shequ_map_frame_get_bounds (frame, &view);
  view.min_x -= margin;
  view.min_y -= margin;
  view.max_x += margin;
  view.max_y += margin;
  g_array_set_size (self->positions, 0);
  shequ_map_query (self->map, &view, self->positions);
}

void
shequ_map_renderer_draw_base (ShequMapRenderer    *self,
                              cairo_t             *cr,
                              const ShequMapFrame *frame)
{
  query_view (self, frame);
  /* Cairo's 4×4 sampling: the default 256×15 costs about twice as much on a grid map's
   * thousands of edges, for a difference no one sees in thin lines and flat fills.
   * Labels and decorations keep the default. */
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  draw_fills (self, cr, frame);
  draw_edges (self, cr, frame);
  cairo_restore (cr);
}

void
shequ_map_renderer_draw (ShequMapRenderer    *self,
                         cairo_t             *cr,
                         const ShequMapFrame *drawing_frame,
                         ShequMapDrawFlags    flags)
{
  ShequMapFrame frame;
  gboolean tiled;

  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));
  g_return_if_fail (cr != NULL && drawing_frame != NULL);
  g_return_if_fail (drawing_frame->metres_per_pixel > 0);

  g_array_set_size (self->placed_labels, 0);
  memset (self->places_drawn, 0, sizeof self->places_drawn);
  memset (self->decorations, 0, sizeof self->decorations);
  if (self->map == NULL || !shequ_map_is_built (self->map))
    return;

  frame = *drawing_frame;
  /* Tiles pay off from the second drawing at one scale (a pan, a hover); while the scale
   * changes (a zoom), the drawing is direct, which costs less than filling tiles. */
  tiled = self->use_tiles && (flags & SHEQU_MAP_DRAW_FILLS)
          && frame.metres_per_pixel == self->last_metres_per_pixel
          && shequ_map_renderer_tiles_usable (cr);
  self->last_metres_per_pixel = frame.metres_per_pixel;
  if (tiled)
    shequ_map_renderer_snap_frame (&frame);

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_tolerance (cr, 0.5);

  if (tiled)
    shequ_map_renderer_draw_tiles (self, cr, &frame);
  else if (flags & SHEQU_MAP_DRAW_FILLS)
    shequ_map_renderer_draw_base (self, cr, &frame);
  query_view (self, &frame);
  if (flags & SHEQU_MAP_DRAW_HIGHLIGHT)
    draw_highlight (self, cr, &frame);
  if (flags & (SHEQU_MAP_DRAW_PLACES | SHEQU_MAP_DRAW_DECORATIONS))
    shequ_map_renderer_choose_places (self, &frame);
  if (flags & SHEQU_MAP_DRAW_PLACES)
    shequ_map_renderer_draw_places (self, cr, &frame);
  /* The decorations are laid out before the labels, which keep out of their way, and
   * drawn over them. Laid out on a recording that is thrown away, then drawn again: Cairo
   * 1.16 leaks what a recording leaves behind when it is replayed into a PDF or SVG. */
  if (flags & SHEQU_MAP_DRAW_DECORATIONS)
    {
      cairo_surface_t *layout = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *recording = cairo_create (layout);

      shequ_map_renderer_draw_decorations (self, recording, &frame);
      cairo_destroy (recording);
      cairo_surface_destroy (layout);
    }
  if (flags & SHEQU_MAP_DRAW_LABELS)
    shequ_map_renderer_draw_labels (self, cr, &frame);
  if (flags & SHEQU_MAP_DRAW_DECORATIONS)
    shequ_map_renderer_draw_decorations (self, cr, &frame);

  cairo_new_path (cr);
  cairo_restore (cr);
}

void
shequ_map_renderer_copy_look (ShequMapRenderer *renderer,
                              ShequMapRenderer *source)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (renderer));
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (source));

  shequ_map_renderer_set_colouring (renderer, shequ_map_renderer_get_colouring (source));
  shequ_map_renderer_set_title (renderer, shequ_map_renderer_get_title (source));
  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    shequ_map_renderer_set_place_visible (renderer, kind,
                                          shequ_map_renderer_get_place_visible (source, kind));
}

ShequMapRenderer *
shequ_map_renderer_copy (ShequMapRenderer *source,
                         double            text_scale)
{
  ShequMapRenderer *copy;

  g_return_val_if_fail (SHEQU_IS_MAP_RENDERER (source), NULL);

  copy = shequ_map_renderer_new (shequ_map_renderer_get_map (source));
  shequ_map_renderer_copy_look (copy, source);
  shequ_map_renderer_set_selected_unit (copy, shequ_map_renderer_get_selected_unit (source));
  shequ_map_renderer_set_text_scale (copy, text_scale);
  return copy;
}

void
shequ_map_renderer_drop_caches (ShequMapRenderer *self)
{
  g_return_if_fail (SHEQU_IS_MAP_RENDERER (self));

  shequ_map_renderer_clear_tiles (self);
  shequ_map_renderer_clear_layouts (self);
  self->last_metres_per_pixel = 0;
}

/* For the tests: whether image surfaces get the tile cache. */
void
shequ_map_renderer_set_use_tiles (ShequMapRenderer *self,
                                  gboolean          use_tiles)
{
  self->use_tiles = use_tiles;
  shequ_map_renderer_clear_tiles (self);
}

const GArray *
shequ_map_renderer_get_placed_labels (ShequMapRenderer *self)
{
  return self->placed_labels;
}

const ShequMapRect *
shequ_map_renderer_get_decoration_rect (ShequMapRenderer   *self,
                                        ShequMapDecoration  decoration)
{
  g_return_val_if_fail (decoration < SHEQU_N_MAP_DECORATIONS, NULL);

  return &self->decorations[decoration];
}

double
shequ_map_renderer_get_scale_bar (ShequMapRenderer *self,
                                  double           *ground_metres)
{
  if (ground_metres != NULL)
    *ground_metres = self->scale_bar_metres;
  return self->scale_bar_length;
}
