/* shequ-map-ink.c — the presenter's pen: freehand strokes kept on the map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-ink"

#include "config.h"

#include <math.h>

#include "shequ-map-ink-private.h"

/* The diagonal of the drawing a stroke's width is given for (1920×1080). */
#define REFERENCE_DIAGONAL 2202.9071700822983
/* How near the pointer must pass a stroke to erase it, in the drawing's pixels. */
#define ERASE_TOLERANCE_PX 8.0

typedef struct {
  GArray            *points;   /* ShequGeoPoint, projected */
  ShequMapInkColour  colour;
  double             width;    /* pixels on a 1920×1080 drawing */
} Stroke;

typedef enum {
  EDIT_ADD,     /* STROKES[0] was added at the top */
  EDIT_ERASE,   /* STROKES[0] was removed from POSITION */
  EDIT_CLEAR,   /* STROKES were all removed */
} EditKind;

typedef struct {
  EditKind   kind;
  guint      position;
  GPtrArray *strokes;   /* Stroke, owned */
} Edit;

struct _ShequMapInk
{
  GObject            parent_instance;

  GPtrArray         *strokes;   /* Stroke, bottom first */
  GPtrArray         *undo;      /* Edit, oldest first */
  Stroke            *drawing;   /* the stroke being drawn (also in STROKES), or NULL */
  ShequMapInkColour  colour;
  double             width;
};

enum {
  PROP_0,
  PROP_COLOUR,
  PROP_WIDTH,
  PROP_CAN_UNDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequMapInk, shequ_map_ink, G_TYPE_OBJECT)

static Stroke *
stroke_new (ShequMapInkColour colour,
            double            width)
{
  Stroke *stroke = g_new0 (Stroke, 1);

  stroke->points = g_array_new (FALSE, FALSE, sizeof (ShequGeoPoint));
  stroke->colour = colour;
  stroke->width = width;
  return stroke;
}

static void
stroke_free (gpointer data)
{
  Stroke *stroke = data;

  g_array_unref (stroke->points);
  g_free (stroke);
}

static Stroke *
stroke_copy (const Stroke *source)
{
  Stroke *stroke = stroke_new (source->colour, source->width);

  g_array_append_vals (stroke->points, source->points->data, source->points->len);
  return stroke;
}

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_ptr_array_unref (edit->strokes);
  g_free (edit);
}

static void
emit_changed (ShequMapInk *self,
              gboolean     undo_changed)
{
  g_signal_emit (self, signals[CHANGED], 0);
  if (undo_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

/* Records EDIT; a first edit makes undo possible. */
static void
push_edit (ShequMapInk *self,
           EditKind     kind,
           guint        position,
           GPtrArray   *strokes)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = kind;
  edit->position = position;
  edit->strokes = strokes;
  g_ptr_array_add (self->undo, edit);
}

static void
shequ_map_ink_finalize (GObject *object)
{
  ShequMapInk *self = SHEQU_MAP_INK (object);

  g_ptr_array_unref (self->strokes);
  g_ptr_array_unref (self->undo);

  G_OBJECT_CLASS (shequ_map_ink_parent_class)->finalize (object);
}

static void
shequ_map_ink_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ShequMapInk *self = SHEQU_MAP_INK (object);

  switch (prop_id)
    {
    case PROP_COLOUR:
      g_value_set_int (value, self->colour);
      break;
    case PROP_WIDTH:
      g_value_set_double (value, self->width);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, shequ_map_ink_get_can_undo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_ink_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ShequMapInk *self = SHEQU_MAP_INK (object);

  switch (prop_id)
    {
    case PROP_COLOUR:
      shequ_map_ink_set_colour (self, g_value_get_int (value));
      break;
    case PROP_WIDTH:
      shequ_map_ink_set_width (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_map_ink_class_init (ShequMapInkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shequ_map_ink_finalize;
  object_class->get_property = shequ_map_ink_get_property;
  object_class->set_property = shequ_map_ink_set_property;

  properties[PROP_COLOUR] =
    g_param_spec_int ("colour", NULL, NULL, 0, SHEQU_MAP_INK_N_COLOURS - 1, SHEQU_MAP_INK_RED,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WIDTH] =
    g_param_spec_double ("width", NULL, NULL, 1, 64, 6,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
shequ_map_ink_init (ShequMapInk *self)
{
  self->strokes = g_ptr_array_new_with_free_func (stroke_free);
  self->undo = g_ptr_array_new_with_free_func (edit_free);
  self->colour = SHEQU_MAP_INK_RED;
  self->width = 6;
}

ShequMapInk *
shequ_map_ink_new (void)
{
  return g_object_new (SHEQU_TYPE_MAP_INK, NULL);
}

ShequMapInk *
shequ_map_ink_copy (ShequMapInk *self)
{
  ShequMapInk *copy;

  g_return_val_if_fail (SHEQU_IS_MAP_INK (self), NULL);

  copy = shequ_map_ink_new ();
  copy->colour = self->colour;
  copy->width = self->width;
  for (guint i = 0; i < self->strokes->len; i++)
    g_ptr_array_add (copy->strokes, stroke_copy (g_ptr_array_index (self->strokes, i)));
  return copy;
}

ShequMapInkColour
shequ_map_ink_get_colour (ShequMapInk *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_INK (self), SHEQU_MAP_INK_RED);

  return self->colour;
}

void
shequ_map_ink_set_colour (ShequMapInk       *self,
                          ShequMapInkColour  colour)
{
  g_return_if_fail (SHEQU_IS_MAP_INK (self));
  g_return_if_fail (colour < SHEQU_MAP_INK_N_COLOURS);

  if (self->colour == colour)
    return;
  self->colour = colour;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR]);
}

double
shequ_map_ink_get_width (ShequMapInk *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_INK (self), 0);

  return self->width;
}

void
shequ_map_ink_set_width (ShequMapInk *self,
                         double       width)
{
  g_return_if_fail (SHEQU_IS_MAP_INK (self));

  width = CLAMP (width, 1, 64);
  if (self->width == width)
    return;
  self->width = width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
}

guint
shequ_map_ink_get_n_strokes (ShequMapInk *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_INK (self), 0);

  return self->strokes->len;
}

gboolean
shequ_map_ink_get_can_undo (ShequMapInk *self)
{
  g_return_val_if_fail (SHEQU_IS_MAP_INK (self), FALSE);

  return self->undo->len > 0;
}

static void
add_point (ShequMapInk         *self,
           const ShequMapFrame *frame,
           double               x,
           double               y)
{
  ShequGeoPoint point = shequ_map_frame_to_projected (frame, (ShequGeoPoint) { x, y });

  g_array_append_val (self->drawing->points, point);
  emit_changed (self, FALSE);
}

void
shequ_map_ink_begin_stroke (ShequMapInk         *self,
                            const ShequMapFrame *frame,
                            double               x,
                            double               y)
{
  gboolean could_undo;

  g_return_if_fail (SHEQU_IS_MAP_INK (self));
  g_return_if_fail (frame != NULL);

  shequ_map_ink_end_stroke (self);
  could_undo = shequ_map_ink_get_can_undo (self);
  self->drawing = stroke_new (self->colour, self->width);
  g_ptr_array_add (self->strokes, self->drawing);
  push_edit (self, EDIT_ADD, self->strokes->len - 1, g_ptr_array_new ());
  add_point (self, frame, x, y);
  if (!could_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

void
shequ_map_ink_extend_stroke (ShequMapInk         *self,
                             const ShequMapFrame *frame,
                             double               x,
                             double               y)
{
  g_return_if_fail (SHEQU_IS_MAP_INK (self));
  g_return_if_fail (frame != NULL);

  if (self->drawing != NULL)
    add_point (self, frame, x, y);
}

void
shequ_map_ink_end_stroke (ShequMapInk *self)
{
  g_return_if_fail (SHEQU_IS_MAP_INK (self));

  self->drawing = NULL;
}

void
shequ_map_ink_add_stroke (ShequMapInk         *self,
                          const ShequGeoPoint *points,
                          guint                n_points)
{
  Stroke *stroke;

  g_return_if_fail (SHEQU_IS_MAP_INK (self));
  g_return_if_fail (points != NULL && n_points > 0);

  shequ_map_ink_end_stroke (self);
  stroke = stroke_new (self->colour, self->width);
  g_array_append_vals (stroke->points, points, n_points);
  g_ptr_array_add (self->strokes, stroke);
  push_edit (self, EDIT_ADD, self->strokes->len - 1, g_ptr_array_new ());
  emit_changed (self, self->undo->len == 1);
}

const ShequGeoPoint *
shequ_map_ink_get_stroke_points (ShequMapInk *self,
                                 guint        index,
                                 guint       *n_points)
{
  Stroke *stroke;

  g_return_val_if_fail (SHEQU_IS_MAP_INK (self), NULL);
  g_return_val_if_fail (index < self->strokes->len, NULL);

  stroke = g_ptr_array_index (self->strokes, index);
  if (n_points != NULL)
    *n_points = stroke->points->len;
  return (const ShequGeoPoint *) stroke->points->data;
}

static double
distance_to_segment (ShequGeoPoint p,
                     ShequGeoPoint a,
                     ShequGeoPoint b)
{
  double dx = b.x - a.x;
  double dy = b.y - a.y;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

int
shequ_map_ink_hit_stroke (ShequMapInk   *self,
                          ShequGeoPoint  point,
                          double         tolerance)
{
  g_return_val_if_fail (SHEQU_IS_MAP_INK (self), -1);

  for (guint i = self->strokes->len; i-- > 0;)
    {
      Stroke *stroke = g_ptr_array_index (self->strokes, i);
      const ShequGeoPoint *p = (const ShequGeoPoint *) stroke->points->data;

      for (guint k = 0; k < stroke->points->len; k++)
        if (distance_to_segment (point, p[k], p[k + 1 < stroke->points->len ? k + 1 : k])
            <= tolerance)
          return (int) i;
    }
  return -1;
}

gboolean
shequ_map_ink_erase_at (ShequMapInk         *self,
                        const ShequMapFrame *frame,
                        double               x,
                        double               y)
{
  ShequGeoPoint point;
  GPtrArray *removed;
  int hit;

  g_return_val_if_fail (SHEQU_IS_MAP_INK (self), FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  point = shequ_map_frame_to_projected (frame, (ShequGeoPoint) { x, y });
  hit = shequ_map_ink_hit_stroke (self, point, ERASE_TOLERANCE_PX * frame->metres_per_pixel);
  if (hit < 0)
    return FALSE;
  shequ_map_ink_end_stroke (self);
  removed = g_ptr_array_new_with_free_func (stroke_free);
  g_ptr_array_add (removed, g_ptr_array_steal_index (self->strokes, hit));
  push_edit (self, EDIT_ERASE, hit, removed);
  emit_changed (self, self->undo->len == 1);
  return TRUE;
}

void
shequ_map_ink_clear (ShequMapInk *self)
{
  GPtrArray *removed;

  g_return_if_fail (SHEQU_IS_MAP_INK (self));

  if (self->strokes->len == 0)
    return;
  shequ_map_ink_end_stroke (self);
  removed = g_steal_pointer (&self->strokes);
  self->strokes = g_ptr_array_new_with_free_func (stroke_free);
  push_edit (self, EDIT_CLEAR, 0, removed);
  emit_changed (self, self->undo->len == 1);
}

gboolean
shequ_map_ink_undo (ShequMapInk *self)
{
  Edit *edit;

  g_return_val_if_fail (SHEQU_IS_MAP_INK (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;
  shequ_map_ink_end_stroke (self);
  edit = g_ptr_array_index (self->undo, self->undo->len - 1);
  switch (edit->kind)
    {
    case EDIT_ADD:
      g_ptr_array_remove_index (self->strokes, edit->position);
      break;
    case EDIT_ERASE:
      g_ptr_array_insert (self->strokes, edit->position,
                          g_ptr_array_steal_index (edit->strokes, 0));
      break;
    case EDIT_CLEAR:
      g_ptr_array_unref (self->strokes);
      self->strokes = g_steal_pointer (&edit->strokes);
      edit->strokes = g_ptr_array_new ();
      break;
    default:
      g_assert_not_reached ();
    }
  g_ptr_array_remove_index (self->undo, self->undo->len - 1);
  emit_changed (self, self->undo->len == 0);
  return TRUE;
}

static void
set_colour (cairo_t           *cr,
            ShequMapInkColour  colour)
{
  switch (colour)
    {
    case SHEQU_MAP_INK_BLUE:
      cairo_set_source_rgba (cr, 0.11, 0.37, 0.80, 0.9);
      break;
    case SHEQU_MAP_INK_BLACK:
      cairo_set_source_rgba (cr, 0.08, 0.08, 0.08, 0.9);
      break;
    case SHEQU_MAP_INK_RED:
    case SHEQU_MAP_INK_N_COLOURS:
    default:
      cairo_set_source_rgba (cr, 0.85, 0.11, 0.14, 0.9);
      break;
    }
}

void
shequ_map_ink_draw (cairo_t             *cr,
                    const ShequMapFrame *frame,
                    gpointer             ink)
{
  ShequMapInk *self = ink;
  double scale;

  g_return_if_fail (cr != NULL && frame != NULL);
  g_return_if_fail (SHEQU_IS_MAP_INK (self));

  scale = hypot (frame->width, frame->height) / REFERENCE_DIAGONAL;
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      Stroke *stroke = g_ptr_array_index (self->strokes, i);
      const ShequGeoPoint *p = (const ShequGeoPoint *) stroke->points->data;

      cairo_new_path (cr);
      for (guint k = 0; k < stroke->points->len; k++)
        {
          ShequGeoPoint d = shequ_map_frame_to_drawing (frame, p[k]);

          if (k == 0)
            {
              cairo_move_to (cr, d.x, d.y);
              /* A dot: a zero-length segment, which the round cap draws. */
              cairo_line_to (cr, d.x, d.y);
            }
          else
            cairo_line_to (cr, d.x, d.y);
        }
      cairo_set_line_width (cr, stroke->width * scale);
      set_colour (cr, stroke->colour);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
