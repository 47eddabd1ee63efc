/* shequ-score-sheet-draw.c — drawing the scoring grid: only the rows and columns in view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-score-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-score-sheet-private.h"

#define CELL_PADDING 8
/* Past this many, the text layouts are dropped at the start of a frame. */
#define LAYOUT_CACHE_LIMIT 4096

typedef struct {
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA line;
  GdkRGBA strong_line;
  GdkRGBA header;
  GdkRGBA stripe;
  GdkRGBA cursor_row;
  GdkRGBA accent;
  GdkRGBA selection;
  GdkRGBA error;
  GdkRGBA error_fill;
  GdkRGBA comment;
  GdkRGBA locked;
} Colours;

/* The rows and indicator columns in view. */
typedef struct {
  guint first_row, end_row;
  guint first_column, end_column;
  double x_offset, y_offset;
  gboolean locked;
} Span;

static void
with_alpha (GdkRGBA       *out,
            const GdkRGBA *in,
            float          alpha)
{
  *out = *in;
  out->alpha = in->alpha * alpha;
}

static void
init_colours (ShequScoreSheet *self,
              Colours         *c)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &c->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  with_alpha (&c->dim, &c->fg, 0.6f);
  with_alpha (&c->line, &c->fg, 0.12f);
  with_alpha (&c->strong_line, &c->fg, 0.3f);
  with_alpha (&c->header, &c->fg, 0.06f);
  with_alpha (&c->stripe, &c->fg, 0.025f);
  with_alpha (&c->locked, &c->fg, 0.07f);
  gdk_rgba_parse (&c->accent, "#3584e4");
  with_alpha (&c->cursor_row, &c->accent, 0.08f);
  with_alpha (&c->selection, &c->accent, 0.18f);
  gdk_rgba_parse (&c->error, "#e01b24");
  with_alpha (&c->error_fill, &c->error, 0.22f);
  gdk_rgba_parse (&c->comment, "#c64600");
}

static void
colour_to_rgba (const ShequColour *colour,
                GdkRGBA           *rgba)
{
  rgba->red = colour->red;
  rgba->green = colour->green;
  rgba->blue = colour->blue;
  rgba->alpha = colour->alpha;
}

/* ---- Text ----------------------------------------------------------------------- */

PangoLayout *
shequ_score_sheet_get_layout (ShequScoreSheet *self,
                              ShequSheetText   kind,
                              const char      *text)
{
  g_autofree char *key = g_strdup_printf ("%c%s", 'a' + kind, text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);
  PangoAttrList *attrs;

  if (layout != NULL)
    return layout;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  attrs = pango_attr_list_new ();
  if (kind == SHEQU_SHEET_TEXT_SMALL || kind == SHEQU_SHEET_TEXT_CHIP)
    pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  if (kind == SHEQU_SHEET_TEXT_HEADER || kind == SHEQU_SHEET_TEXT_CHIP)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (kind == SHEQU_SHEET_TEXT_CELL)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (kind == SHEQU_SHEET_TEXT_NAME && self->metrics_valid)
    {
      pango_layout_set_width (layout, (self->m.name_width - 2 * CELL_PADDING) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
  return layout;
}

/* The header's two layouts of COLUMN (name, maximum), fitted to the column. */
static PangoLayout *
header_layout (ShequScoreSheet *self,
               guint            column,
               gboolean         max)
{
  guint n_columns = shequ_eval_sheet_get_n_columns (self->sheet);

  if (self->header_layouts->len == 0)
    for (guint c = 0; c < n_columns; c++)
      {
        const ShequIndicatorRow *ind = shequ_eval_sheet_get_indicator (self->sheet, c);
        int width = g_array_index (self->column_x, int, c + 1) -
                    g_array_index (self->column_x, int, c) - 2 * CELL_PADDING;
        g_autofree char *max_text = shequ_score_format (ind->max_score);
        /* TRANSLATORS: under an indicator's name in the sheet's header */
        g_autofree char *max_label = g_strdup_printf (C_("score sheet", "max %s"), max_text);
        PangoLayout *name = gtk_widget_create_pango_layout (GTK_WIDGET (self), ind->name);
        PangoLayout *small = gtk_widget_create_pango_layout (GTK_WIDGET (self), max_label);
        PangoAttrList *attrs = pango_attr_list_new ();

        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
        pango_layout_set_attributes (name, attrs);
        pango_attr_list_unref (attrs);
        attrs = pango_attr_list_new ();
        pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
        pango_layout_set_attributes (small, attrs);
        pango_attr_list_unref (attrs);
        for (guint i = 0; i < 2; i++)
          {
            PangoLayout *layout = i == 0 ? name : small;

            pango_layout_set_width (layout, width * PANGO_SCALE);
            pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
            pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
            g_ptr_array_add (self->header_layouts, layout);
          }
      }
  return g_ptr_array_index (self->header_layouts, 2 * column + (max ? 1 : 0));
}

typedef enum { ALIGN_START, ALIGN_CENTER, ALIGN_END } Align;

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const GdkRGBA *colour,
             double         x,
             double         y,
             double         width,
             double         height,
             Align          align)
{
  int w, h;
  double at;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (pango_layout_get_width (layout) > 0)
    w = pango_layout_get_width (layout) / PANGO_SCALE;
  at = align == ALIGN_START ? x + CELL_PADDING
       : align == ALIGN_END ? x + width - CELL_PADDING - w
       : x + (width - w) / 2;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (at), round (y + (height - h) / 2)));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *colour,
             double         x,
             double         y,
             double         width,
             double         height)
{
  gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
append_frame (GtkSnapshot           *snapshot,
              const GdkRGBA         *colour,
              const graphene_rect_t *r,
              double                 width)
{
  append_rect (snapshot, colour, r->origin.x, r->origin.y, r->size.width, width);
  append_rect (snapshot, colour, r->origin.x, r->origin.y + r->size.height - width,
               r->size.width, width);
  append_rect (snapshot, colour, r->origin.x, r->origin.y, width, r->size.height);
  append_rect (snapshot, colour, r->origin.x + r->size.width - width, r->origin.y,
               width, r->size.height);
}

/* ---- Regions -------------------------------------------------------------------- */

static double
row_y (ShequScoreSheet *self,
       const Span      *span,
       guint            row)
{
  return self->m.header_height + (double) row * self->m.row_height - span->y_offset;
}

static void
draw_row_backgrounds (ShequScoreSheet *self,
                      GtkSnapshot     *snapshot,
                      const Colours   *c,
                      const Span      *span,
                      double           x,
                      double           width)
{
  for (guint r = span->first_row; r < span->end_row; r++)
    {
      double y = row_y (self, span, r);

      if (r == self->cursor_row)
        append_rect (snapshot, &c->cursor_row, x, y, width, self->m.row_height);
      else if (r % 2 == 1)
        append_rect (snapshot, &c->stripe, x, y, width, self->m.row_height);
      append_rect (snapshot, &c->line, x, y + self->m.row_height - 1, width, 1);
    }
}

/* The mark of a score with a comment: a small triangle in the cell's top right
 * corner, RIGHT and TOP its edges, drawn as steps of one-pixel rows. */
static void
append_corner (GtkSnapshot   *snapshot,
               const GdkRGBA *colour,
               double         right,
               double         top)
{
  const int size = 7;

  for (int i = 0; i < size; i++)
    append_rect (snapshot, colour, right - (size - i), top + i, size - i, 1);
}

/* Whether TEXT, right-aligned in CELL, lies wholly inside BODY: a score cut at a
 * frozen column's edge would read as another number ("18" as "1"), so it is left
 * out and the edge's shadow says there is more. */
static gboolean
end_text_fits (ShequScoreSheet       *self,
               const char            *text,
               const graphene_rect_t *cell,
               const graphene_rect_t *body)
{
  PangoLayout *layout = shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_CELL, text);
  double right = cell->origin.x + cell->size.width - CELL_PADDING;
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return right - w >= body->origin.x && right <= body->origin.x + body->size.width;
}

/* A shadow inside the scrolled region along a frozen column's edge at X, falling
 * towards the scrolled cells (DIRECTION -1: to the left of X, +1: to the right),
 * shown while columns are hidden behind that edge. */
static void
draw_edge_shadow (GtkSnapshot   *snapshot,
                  const GdkRGBA *shade,
                  double         x,
                  int            direction,
                  int            height)
{
  const double width = 8;
  GdkRGBA clear = *shade;
  graphene_rect_t area;

  clear.alpha = 0;
  graphene_rect_init (&area, direction < 0 ? x - width : x, 0, width, height);
  gtk_snapshot_append_linear_gradient (snapshot, &area,
                                       &GRAPHENE_POINT_INIT (x, 0),
                                       &GRAPHENE_POINT_INIT (x + direction * width, 0),
                                       (GskColorStop[]) { { 0, *shade }, { 1, clear } }, 2);
}

static void
draw_edge_shadows (ShequScoreSheet       *self,
                   GtkSnapshot           *snapshot,
                   const Colours         *c,
                   const graphene_rect_t *body,
                   int                    height)
{
  double value = gtk_adjustment_get_value (self->hadjustment);
  double hidden_right = self->m.content_width - value - body->size.width;
  GdkRGBA shade;

  if (body->size.width <= 0)
    return;
  with_alpha (&shade, &c->fg, 0.22f);
  if (hidden_right > 0.5)
    draw_edge_shadow (snapshot, &shade, body->origin.x + body->size.width, -1, height);
  if (value > 0.5)
    draw_edge_shadow (snapshot, &shade, body->origin.x, 1, height);
}

static void
draw_body (ShequScoreSheet       *self,
           GtkSnapshot           *snapshot,
           const Colours         *c,
           const Span            *span,
           const graphene_rect_t *body)
{
  guint sel_row, sel_column, sel_rows, sel_columns;
  const GdkRGBA *text_colour = span->locked ? &c->dim : &c->fg;

  shequ_score_sheet_get_selection (self, &sel_row, &sel_column, &sel_rows, &sel_columns);
  gtk_snapshot_push_clip (snapshot, body);
  draw_row_backgrounds (self, snapshot, c, span, body->origin.x, body->size.width);

  for (guint col = span->first_column; col < span->end_column; col++)
    {
      graphene_rect_t cell;

      shequ_score_sheet_cell_rect (self, span->first_row, col, &cell);
      append_rect (snapshot, &c->line, cell.origin.x + cell.size.width - 1, body->origin.y, 1,
                   body->size.height);
      for (guint r = span->first_row; r < span->end_row; r++)
        {
          g_autofree char *text = NULL;
          double y = row_y (self, span, r);

          /* The editor shows its own text there. */
          if (self->editing && r == self->cursor_row && col == self->cursor_column)
            continue;
          text = shequ_eval_sheet_get_text (self->sheet, r, col);

          if (r >= sel_row && r < sel_row + sel_rows && col >= sel_column &&
              col < sel_column + sel_columns && (sel_rows > 1 || sel_columns > 1))
            append_rect (snapshot, &c->selection, cell.origin.x, y, cell.size.width - 1,
                         self->m.row_height - 1);
          if (text[0] != '\0' && end_text_fits (self, text, &cell, body))
            append_text (snapshot, shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_CELL, text),
                         text_colour, cell.origin.x, y, cell.size.width, self->m.row_height,
                         ALIGN_END);
          if (shequ_eval_sheet_get_comment (self->sheet, r, col) != NULL &&
              cell.origin.x + cell.size.width <= body->origin.x + body->size.width)
            append_corner (snapshot, &c->comment, cell.origin.x + cell.size.width - 1, y);
        }
    }
  gtk_snapshot_pop (snapshot);
}

static void
draw_cursor (ShequScoreSheet       *self,
             GtkSnapshot           *snapshot,
             const Colours         *c,
             const graphene_rect_t *body)
{
  graphene_rect_t cell;

  shequ_score_sheet_cell_rect (self, self->cursor_row, self->cursor_column, &cell);
  gtk_snapshot_push_clip (snapshot, body);
  if (self->invalid)
    {
      append_rect (snapshot, &c->error_fill, cell.origin.x, cell.origin.y, cell.size.width,
                   cell.size.height);
      append_frame (snapshot, &c->error, &cell, 2);
    }
  else if (gtk_widget_has_focus (GTK_WIDGET (self)) || self->editing)
    append_frame (snapshot, &c->accent, &cell, 2);
  else
    append_frame (snapshot, &c->strong_line, &cell, 2);
  gtk_snapshot_pop (snapshot);
}

static void
draw_names (ShequScoreSheet *self,
            GtkSnapshot     *snapshot,
            const Colours   *c,
            const Span      *span,
            int              height)
{
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, self->m.header_height,
                                                         self->m.name_width,
                                                         height - self->m.header_height));
  draw_row_backgrounds (self, snapshot, c, span, 0, self->m.name_width);
  for (guint r = span->first_row; r < span->end_row; r++)
    {
      const ShequEvalTargetRow *target = shequ_eval_sheet_get_target (self->sheet, r);
      g_autofree char *text = NULL;

      if (target == NULL)
        continue;
      if (target->person_id != 0 && target->unit_name != NULL)
        /* TRANSLATORS: a cadre in the sheet's first column: name, then unit */
        text = g_strdup_printf (C_("score sheet", "%s · %s"), target->name, target->unit_name);
      else
        text = g_strdup (target->name);
      append_text (snapshot, shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_NAME, text),
                   span->locked ? &c->dim : &c->fg, 0, row_y (self, span, r),
                   self->m.name_width, self->m.row_height, ALIGN_START);
    }
  append_rect (snapshot, &c->strong_line, self->m.name_width - 1, self->m.header_height, 1,
               height - self->m.header_height);
  gtk_snapshot_pop (snapshot);
}

static void
draw_chip (ShequScoreSheet *self,
           GtkSnapshot     *snapshot,
           ShequBand        band,
           double           x,
           double           y)
{
  ShequColour colour;
  GdkRGBA fill, ink;
  graphene_rect_t chip;
  GskRoundedRect rounded;

  shequ_band_get_colour (band, &colour);
  colour_to_rgba (&colour, &fill);
  shequ_band_get_text_colour (band, &colour);
  colour_to_rgba (&colour, &ink);
  graphene_rect_init (&chip, x + CELL_PADDING, y + 4, self->m.band_width - 2 * CELL_PADDING,
                      self->m.row_height - 8);
  gsk_rounded_rect_init_from_rect (&rounded, &chip, chip.size.height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &fill, &chip);
  gtk_snapshot_pop (snapshot);
  append_text (snapshot, shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_CHIP,
                                                       shequ_band_get_label (band)),
               &ink, chip.origin.x, chip.origin.y, chip.size.width, chip.size.height,
               ALIGN_CENTER);
}

static void
draw_totals (ShequScoreSheet *self,
             GtkSnapshot     *snapshot,
             const Colours   *c,
             const Span      *span,
             int              width,
             int              height)
{
  double x = shequ_score_sheet_totals_x (self);
  double w = self->m.total_width + self->m.band_width;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x, self->m.header_height, w,
                                                         height - self->m.header_height));
  draw_row_backgrounds (self, snapshot, c, span, x, w);
  for (guint r = span->first_row; r < span->end_row; r++)
    {
      ShequBand band;
      double total = shequ_eval_sheet_get_row_total (self->sheet, r, &band);
      g_autofree char *text = shequ_eval_format_total (total, 2);
      double y = row_y (self, span, r);

      append_text (snapshot, shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_CELL, text),
                   isnan (total) ? &c->dim : &c->fg, x, y, self->m.total_width,
                   self->m.row_height, ALIGN_END);
      if (band != SHEQU_BAND_NONE)
        draw_chip (self, snapshot, band, x + self->m.total_width, y);
    }
  append_rect (snapshot, &c->strong_line, x, self->m.header_height, 1,
               height - self->m.header_height);
  gtk_snapshot_pop (snapshot);
}

static void
draw_header (ShequScoreSheet       *self,
             GtkSnapshot           *snapshot,
             const Colours         *c,
             const Span            *span,
             const graphene_rect_t *body,
             int                    width)
{
  double h = self->m.header_height;
  double right = shequ_score_sheet_totals_x (self);
  double line = h / 2;

  append_rect (snapshot, &c->header, 0, 0, width, h);
  append_text (snapshot, shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_HEADER,
                                                       /* TRANSLATORS: the sheet's first column */
                                                       C_("score sheet", "Target")),
               &c->fg, 0, 0, self->m.name_width, h, ALIGN_START);
  append_text (snapshot, shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_HEADER, C_("score sheet", "Total")),
               &c->fg, right, 0, self->m.total_width, h, ALIGN_END);
  append_text (snapshot, shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_HEADER, C_("score sheet", "Band")),
               &c->fg, right + self->m.total_width, 0, self->m.band_width, h, ALIGN_CENTER);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (body->origin.x, 0, body->size.width, h));
  for (guint col = span->first_column; col < span->end_column; col++)
    {
      graphene_rect_t cell;

      shequ_score_sheet_cell_rect (self, 0, col, &cell);
      if (col == self->cursor_column)
        append_rect (snapshot, &c->cursor_row, cell.origin.x, 0, cell.size.width, h);
      append_text (snapshot, header_layout (self, col, FALSE), &c->fg, cell.origin.x, 4,
                   cell.size.width, line - 2, ALIGN_START);
      append_text (snapshot, header_layout (self, col, TRUE), &c->dim, cell.origin.x, line,
                   cell.size.width, line - 4, ALIGN_START);
      append_rect (snapshot, &c->line, cell.origin.x + cell.size.width - 1, 0, 1, h);
    }
  gtk_snapshot_pop (snapshot);
  append_rect (snapshot, &c->strong_line, 0, h - 1, width, 1);
}

static void
compute_span (ShequScoreSheet       *self,
              const graphene_rect_t *body,
              Span                  *span)
{
  guint n_rows = shequ_eval_sheet_get_n_rows (self->sheet);
  guint n_columns = shequ_eval_sheet_get_n_columns (self->sheet);

  span->x_offset = gtk_adjustment_get_value (self->hadjustment);
  span->y_offset = gtk_adjustment_get_value (self->vadjustment);
  span->first_row = MIN (n_rows, (guint) (span->y_offset / self->m.row_height));
  span->end_row = MIN (n_rows, (guint) ((span->y_offset + body->size.height) /
                                        self->m.row_height) + 1);
  span->first_column = 0;
  while (span->first_column < n_columns &&
         g_array_index (self->column_x, int, span->first_column + 1) <= span->x_offset)
    span->first_column++;
  span->end_column = span->first_column;
  while (span->end_column < n_columns &&
         g_array_index (self->column_x, int, span->end_column) < span->x_offset +
                                                                 body->size.width)
    span->end_column++;
  span->locked = !shequ_eval_sheet_is_editable (self->sheet);
}

void
shequ_score_sheet_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gint64 start = g_get_monotonic_time ();
  graphene_rect_t body;
  Colours c;
  Span span;

  if (self->sheet == NULL)
    return;
  if (g_hash_table_size (self->layouts) > LAYOUT_CACHE_LIMIT)
    shequ_score_sheet_invalidate_text (self);
  shequ_score_sheet_ensure_metrics (self);
  shequ_score_sheet_body_rect (self, &body);
  init_colours (self, &c);
  compute_span (self, &body, &span);

  if (span.locked)
    append_rect (snapshot, &c.locked, 0, 0, width, height);
  draw_body (self, snapshot, &c, &span, &body);
  draw_names (self, snapshot, &c, &span, height);
  draw_totals (self, snapshot, &c, &span, width, height);
  draw_header (self, snapshot, &c, &span, &body, width);
  draw_edge_shadows (self, snapshot, &c, &body, height);
  if (shequ_eval_sheet_get_n_rows (self->sheet) > 0 &&
      shequ_eval_sheet_get_n_columns (self->sheet) > 0)
    draw_cursor (self, snapshot, &c, &body);
  if (self->editing)
    gtk_widget_snapshot_child (widget, self->editor, snapshot);

  self->n_snapshots++;
  self->snapshot_us += g_get_monotonic_time () - start;
}

/* ---- Hit testing and tooltips --------------------------------------------------- */

ShequSheetHit
shequ_score_sheet_lookup (ShequScoreSheet *self,
                          double           x,
                          double           y,
                          guint           *row,
                          guint           *column)
{
  guint n_rows, n_columns;
  graphene_rect_t body;
  double content_x, content_y;

  if (self->sheet == NULL)
    return SHEQU_SHEET_HIT_NONE;
  n_rows = shequ_eval_sheet_get_n_rows (self->sheet);
  n_columns = shequ_eval_sheet_get_n_columns (self->sheet);
  shequ_score_sheet_body_rect (self, &body);

  content_x = x - body.origin.x + gtk_adjustment_get_value (self->hadjustment);
  content_y = y - body.origin.y + gtk_adjustment_get_value (self->vadjustment);
  *column = 0;
  if (x >= body.origin.x && x < body.origin.x + body.size.width)
    while (*column < n_columns && g_array_index (self->column_x, int, *column + 1) <= content_x)
      (*column)++;
  else
    *column = x < body.origin.x ? G_MAXUINT
              : x >= body.origin.x + body.size.width + self->m.total_width + self->m.band_width
              ? G_MAXUINT - 1
              : n_columns + (x >= body.origin.x + body.size.width + self->m.total_width);
  *row = y >= body.origin.y ? (guint) (content_y / self->m.row_height) : G_MAXUINT;

  if (*row == G_MAXUINT)
    return *column < n_columns ? SHEQU_SHEET_HIT_HEADER : SHEQU_SHEET_HIT_NONE;
  if (*row >= n_rows)
    return SHEQU_SHEET_HIT_NONE;
  if (*column == G_MAXUINT)
    return SHEQU_SHEET_HIT_NAME;
  if (*column == G_MAXUINT - 1)
    return SHEQU_SHEET_HIT_NONE;
  return *column < n_columns ? SHEQU_SHEET_HIT_CELL : SHEQU_SHEET_HIT_TOTAL;
}

static char *
indicator_tooltip (ShequScoreSheet *self,
                   guint            column)
{
  const ShequIndicatorRow *ind = shequ_eval_sheet_get_indicator (self->sheet, column);
  g_autofree char *max = shequ_score_format (ind->max_score);
  g_autofree char *weight = g_strdup_printf ("%g", ind->weight);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "<b>%s</b>", ind->name);
  if (ind->category != NULL && ind->category[0] != '\0')
    g_string_append_printf (text, " · %s", ind->category);
  g_string_append_c (text, '\n');
  /* TRANSLATORS: an indicator's tooltip in the sheet's header */
  g_string_append_printf (text, _("Maximum score %s, weight %s"), max, weight);
  if (ind->guidance != NULL && ind->guidance[0] != '\0')
    g_string_append_printf (text, "\n%s", ind->guidance);
  return g_string_free (text, FALSE);
}

gboolean
shequ_score_sheet_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (widget);
  g_autofree char *markup = NULL;
  guint row, column;
  ShequSheetHit hit;

  if (keyboard_mode)
    {
      hit = SHEQU_SHEET_HIT_CELL;
      row = self->cursor_row;
      column = self->cursor_column;
    }
  else
    hit = shequ_score_sheet_lookup (self, x, y, &row, &column);

  if (hit == SHEQU_SHEET_HIT_HEADER)
    markup = indicator_tooltip (self, column);
  else if (hit == SHEQU_SHEET_HIT_CELL && self->invalid && self->message != NULL &&
           row == self->cursor_row && column == self->cursor_column)
    markup = g_markup_escape_text (self->message, -1);
  else if (hit == SHEQU_SHEET_HIT_CELL &&
           shequ_eval_sheet_get_n_rows (self->sheet) > row &&
           shequ_eval_sheet_get_comment (self->sheet, row, column) != NULL)
    {
      g_autofree char *comment =
        g_markup_escape_text (shequ_eval_sheet_get_comment (self->sheet, row, column), -1);

      /* TRANSLATORS: the tooltip of a cell with a comment on its deduction */
      markup = g_strdup_printf (_("Comment on the deduction: %s"), comment);
    }
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}
