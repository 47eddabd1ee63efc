/* shequ-score-sheet.c — the scoring grid: sizes, scrolling, the cursor, accessibility */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-score-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-score-sheet-private.h"

enum {
  PROP_0,
  PROP_SHEET,
  PROP_MESSAGE,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (ShequScoreSheet, shequ_score_sheet, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* Indicator columns are as wide as their header wants, within these. */
#define COLUMN_MIN_WIDTH 84
#define COLUMN_MAX_WIDTH 150
#define CELL_PADDING     8

/* ---- Sizes ---------------------------------------------------------------------- */

static int
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

void
shequ_score_sheet_ensure_metrics (ShequScoreSheet *self)
{
  const char *total, *band;
  guint n_columns;
  int x = 0, chip;

  if (self->metrics_valid)
    return;

  self->m.row_height = layout_height (shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_NAME,
                                                                    "社区Ag")) + 2 * 5;
  self->m.header_height =
    layout_height (shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_HEADER, "指标Ag")) +
    layout_height (shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_SMALL, "满分Ag")) +
    2 * 6;
  self->m.name_width = 15 * layout_width (shequ_score_sheet_get_layout (self,
                                                                        SHEQU_SHEET_TEXT_NAME,
                                                                        "国")) + 2 * CELL_PADDING;
  total = C_("score sheet", "Total");
  band = C_("score sheet", "Band");
  self->m.total_width =
    MAX (layout_width (shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_HEADER, total)),
         layout_width (shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_CELL, "100.00"))) +
    2 * CELL_PADDING + 8;
  chip = layout_width (shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_CHIP,
                                                     shequ_band_get_label (SHEQU_BAND_ORANGE)));
  self->m.band_width =
    MAX (layout_width (shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_HEADER, band)),
         MAX (chip + 16, 48)) + 2 * CELL_PADDING;

  g_array_set_size (self->column_x, 0);
  n_columns = self->sheet != NULL ? shequ_eval_sheet_get_n_columns (self->sheet) : 0;
  for (guint c = 0; c < n_columns; c++)
    {
      const ShequIndicatorRow *ind = shequ_eval_sheet_get_indicator (self->sheet, c);
      int want = layout_width (shequ_score_sheet_get_layout (self, SHEQU_SHEET_TEXT_HEADER,
                                                             ind->name)) + 2 * CELL_PADDING;

      g_array_append_val (self->column_x, x);
      x += CLAMP (want, COLUMN_MIN_WIDTH, COLUMN_MAX_WIDTH);
    }
  g_array_append_val (self->column_x, x);
  self->m.content_width = x;
  self->metrics_valid = TRUE;
}

/* Layouts are made for the font and the language; a new font or a new sheet (other
 * headers) drops them. */
void
shequ_score_sheet_invalidate_text (ShequScoreSheet *self)
{
  g_hash_table_remove_all (self->layouts);
  g_ptr_array_set_size (self->header_layouts, 0);
  self->metrics_valid = FALSE;
}

static int
column_left (ShequScoreSheet *self,
             guint            column)
{
  return g_array_index (self->column_x, int, column);
}

static double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
}

/* Where the total column starts: at the right edge, or right after the last
 * indicator when they all fit. */
int
shequ_score_sheet_totals_x (ShequScoreSheet *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  shequ_score_sheet_ensure_metrics (self);
  return MAX (self->m.name_width,
              MIN (width - self->m.total_width - self->m.band_width,
                   self->m.name_width + self->m.content_width));
}

void
shequ_score_sheet_body_rect (ShequScoreSheet *self,
                             graphene_rect_t *rect)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  graphene_rect_init (rect, self->m.name_width, self->m.header_height,
                      shequ_score_sheet_totals_x (self) - self->m.name_width,
                      MAX (0, height - self->m.header_height));
}

void
shequ_score_sheet_cell_rect (ShequScoreSheet *self,
                             guint            row,
                             guint            column,
                             graphene_rect_t *rect)
{
  guint n_columns = shequ_eval_sheet_get_n_columns (self->sheet);
  int totals_x = shequ_score_sheet_totals_x (self);
  double y = self->m.header_height + (double) row * self->m.row_height -
             adjustment_value (self->vadjustment);

  if (column < n_columns)
    graphene_rect_init (rect, self->m.name_width + column_left (self, column) -
                              adjustment_value (self->hadjustment), y,
                        column_left (self, column + 1) - column_left (self, column),
                        self->m.row_height);
  else if (column == n_columns)
    graphene_rect_init (rect, totals_x, y, self->m.total_width, self->m.row_height);
  else
    graphene_rect_init (rect, totals_x + self->m.total_width, y, self->m.band_width,
                        self->m.row_height);
}

gboolean
shequ_score_sheet_get_cell_area (ShequScoreSheet *self,
                                 guint            row,
                                 guint            column,
                                 graphene_rect_t *area)
{
  graphene_rect_t body, cell;

  g_return_val_if_fail (SHEQU_IS_SCORE_SHEET (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (self->sheet == NULL || row >= shequ_eval_sheet_get_n_rows (self->sheet) ||
      column > shequ_eval_sheet_get_n_columns (self->sheet) + 1)
    return FALSE;
  shequ_score_sheet_cell_rect (self, row, column, &cell);
  shequ_score_sheet_body_rect (self, &body);
  if (column >= shequ_eval_sheet_get_n_columns (self->sheet))
    {
      body.origin.x = 0;
      body.size.width = gtk_widget_get_width (GTK_WIDGET (self));
    }
  *area = cell;
  return graphene_rect_contains_rect (&body, &cell);
}

guint
shequ_score_sheet_page_rows (ShequScoreSheet *self)
{
  graphene_rect_t body;

  shequ_score_sheet_body_rect (self, &body);
  return MAX (1, (guint) (body.size.height / self->m.row_height) - 1);
}

/* ---- Scrolling ------------------------------------------------------------------ */

static void
on_adjustment_value_changed (GtkAdjustment   *adjustment,
                             ShequScoreSheet *self)
{
  if (self->editing)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (ShequScoreSheet  *self,
                GtkAdjustment   **slot,
                GtkAdjustment    *adjustment,
                int               prop)
{
  if (adjustment != NULL && *slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), prop == PROP_HADJUSTMENT ? "hadjustment" : "vadjustment");
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         upper,
                      double         page,
                      double         step)
{
  double value = gtk_adjustment_get_value (adjustment);

  value = CLAMP (value, 0, MAX (0, upper - page));
  gtk_adjustment_configure (adjustment, value, 0, MAX (upper, page), step, page * 0.9, page);
}

/* Scrolls so the cursor cell is in view (rows under the header, columns between the
 * frozen ones). */
void
shequ_score_sheet_scroll_to_cursor (ShequScoreSheet *self)
{
  graphene_rect_t body;
  double top, left, value;

  if (self->sheet == NULL || shequ_eval_sheet_get_n_rows (self->sheet) == 0)
    return;
  shequ_score_sheet_body_rect (self, &body);

  top = (double) self->cursor_row * self->m.row_height;
  value = gtk_adjustment_get_value (self->vadjustment);
  if (top < value)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (top + self->m.row_height > value + body.size.height)
    gtk_adjustment_set_value (self->vadjustment, top + self->m.row_height - body.size.height);

  if (self->cursor_column >= shequ_eval_sheet_get_n_columns (self->sheet))
    return;
  left = column_left (self, self->cursor_column);
  value = gtk_adjustment_get_value (self->hadjustment);
  if (left < value)
    gtk_adjustment_set_value (self->hadjustment, left);
  else if (column_left (self, self->cursor_column + 1) > value + body.size.width)
    gtk_adjustment_set_value (self->hadjustment,
                              column_left (self, self->cursor_column + 1) - body.size.width);
}

/* ---- Size ------------------------------------------------------------------------ */

static void
shequ_score_sheet_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (widget);
  guint n_rows = self->sheet != NULL ? shequ_eval_sheet_get_n_rows (self->sheet) : 0;

  shequ_score_sheet_ensure_metrics (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->m.name_width + self->m.total_width + self->m.band_width + COLUMN_MIN_WIDTH;
      *natural = *minimum - COLUMN_MIN_WIDTH + self->m.content_width;
    }
  else
    {
      *minimum = self->m.header_height + 3 * self->m.row_height;
      *natural = self->m.header_height + MIN (n_rows, 20) * self->m.row_height;
    }
  *natural = MAX (*natural, *minimum);
}

static void
shequ_score_sheet_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (widget);
  guint n_rows = self->sheet != NULL ? shequ_eval_sheet_get_n_rows (self->sheet) : 0;
  graphene_rect_t body;

  shequ_score_sheet_body_rect (self, &body);
  configure_adjustment (self->vadjustment, (double) n_rows * self->m.row_height,
                        body.size.height, self->m.row_height);
  configure_adjustment (self->hadjustment, self->m.content_width, body.size.width,
                        COLUMN_MIN_WIDTH / 2);
  shequ_score_sheet_allocate_editor (self);
}

/* ---- The cursor and what it tells assistive technologies ------------------------ */

void
shequ_score_sheet_update_description (ShequScoreSheet *self)
{
  g_autofree char *description = NULL;

  if (self->sheet != NULL && shequ_eval_sheet_get_n_rows (self->sheet) > 0 &&
      shequ_eval_sheet_get_n_columns (self->sheet) > 0)
    {
      const ShequIndicatorRow *ind = shequ_eval_sheet_get_indicator (self->sheet,
                                                                     self->cursor_column);
      g_autofree char *cell = shequ_eval_sheet_describe_cell (self->sheet, self->cursor_row,
                                                              self->cursor_column);
      g_autofree char *text = shequ_eval_sheet_get_text (self->sheet, self->cursor_row,
                                                         self->cursor_column);
      g_autofree char *max = shequ_score_format (ind->max_score);

      /* TRANSLATORS: the cursor cell for a screen reader: "张三 — 党建引领: 8.5 / 10";
       * the score is "empty" when there is none */
      description = g_strdup_printf (C_("score sheet", "%s: %s / %s"), cell,
                                     text[0] != '\0' ? text : C_("score sheet", "empty"), max);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
}

static void
update_label (ShequScoreSheet *self)
{
  const ShequAssessorRow *assessor = NULL;
  const ShequPeriodRow *period = NULL;
  g_autofree char *label = NULL;

  if (self->sheet != NULL)
    {
      ShequEvalStore *store = shequ_eval_sheet_get_store (self->sheet);

      assessor = shequ_eval_store_lookup_assessor (store,
                                                   shequ_eval_sheet_get_assessor_id (self->sheet));
      period = shequ_eval_sheet_get_period (self->sheet);
    }
  if (assessor != NULL && period != NULL)
    /* TRANSLATORS: the scoring grid's accessible name: assessor, period */
    label = g_strdup_printf (_("Scoring sheet of %s, %s"), assessor->name, period->label);
  else
    label = g_strdup (C_("score sheet", "Scoring sheet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
shequ_score_sheet_move_cursor (ShequScoreSheet *self,
                               guint            row,
                               guint            column,
                               gboolean         extend)
{
  guint n_rows, n_columns;

  if (self->sheet == NULL)
    return;
  n_rows = shequ_eval_sheet_get_n_rows (self->sheet);
  n_columns = shequ_eval_sheet_get_n_columns (self->sheet);
  if (n_rows == 0 || n_columns == 0)
    return;
  self->cursor_row = MIN (row, n_rows - 1);
  self->cursor_column = MIN (column, n_columns - 1);
  if (!extend)
    {
      self->anchor_row = self->cursor_row;
      self->anchor_column = self->cursor_column;
    }
  shequ_score_sheet_scroll_to_cursor (self);
  shequ_score_sheet_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
shequ_score_sheet_get_selection (ShequScoreSheet *self,
                                 guint           *row,
                                 guint           *column,
                                 guint           *n_rows,
                                 guint           *n_columns)
{
  *row = MIN (self->cursor_row, self->anchor_row);
  *column = MIN (self->cursor_column, self->anchor_column);
  *n_rows = MAX (self->cursor_row, self->anchor_row) - *row + 1;
  *n_columns = MAX (self->cursor_column, self->anchor_column) - *column + 1;
}

void
shequ_score_sheet_get_cursor (ShequScoreSheet *self,
                              guint           *row,
                              guint           *column)
{
  g_return_if_fail (SHEQU_IS_SCORE_SHEET (self));

  if (row != NULL)
    *row = self->cursor_row;
  if (column != NULL)
    *column = self->cursor_column;
}

void
shequ_score_sheet_set_cursor (ShequScoreSheet *self,
                              guint            row,
                              guint            column)
{
  g_return_if_fail (SHEQU_IS_SCORE_SHEET (self));

  shequ_score_sheet_stop_editing (self);
  shequ_score_sheet_move_cursor (self, row, column, FALSE);
}

void
shequ_score_sheet_set_message (ShequScoreSheet *self,
                               const char      *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_widget_set_tooltip_text (self->editor, message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

const char *
shequ_score_sheet_get_message (ShequScoreSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_SCORE_SHEET (self), NULL);
  return self->message;
}

/* ---- The sheet ------------------------------------------------------------------ */

static void
on_cells_changed (ShequEvalSheet  *sheet,
                  guint            row,
                  guint            n_rows,
                  ShequScoreSheet *self)
{
  guint rows = shequ_eval_sheet_get_n_rows (sheet);
  guint columns = shequ_eval_sheet_get_n_columns (sheet);

  /* Rows or columns may have changed with everything. */
  if (row == 0 && n_rows == rows)
    {
      self->metrics_valid = FALSE;
      g_ptr_array_set_size (self->header_layouts, 0);
      if (rows > 0 && columns > 0 &&
          (self->cursor_row >= rows || self->cursor_column >= columns))
        shequ_score_sheet_move_cursor (self, self->cursor_row, self->cursor_column, FALSE);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  shequ_score_sheet_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_state_changed (ShequEvalSheet  *sheet,
                  ShequScoreSheet *self)
{
  if (!shequ_eval_sheet_is_editable (sheet))
    shequ_score_sheet_stop_editing (self);
  update_label (self);
  shequ_score_sheet_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ShequEvalSheet *
shequ_score_sheet_get_sheet (ShequScoreSheet *self)
{
  g_return_val_if_fail (SHEQU_IS_SCORE_SHEET (self), NULL);
  return self->sheet;
}

void
shequ_score_sheet_set_sheet (ShequScoreSheet *self,
                             ShequEvalSheet  *sheet)
{
  g_return_if_fail (SHEQU_IS_SCORE_SHEET (self));
  g_return_if_fail (sheet == NULL || SHEQU_IS_EVAL_SHEET (sheet));

  if (self->sheet == sheet)
    return;
  shequ_score_sheet_stop_editing (self);
  if (self->sheet != NULL)
    {
      g_clear_signal_handler (&self->cells_changed_id, self->sheet);
      g_clear_signal_handler (&self->state_changed_id, self->sheet);
      g_clear_object (&self->sheet);
    }
  if (sheet != NULL)
    {
      self->sheet = g_object_ref (sheet);
      self->cells_changed_id = g_signal_connect (sheet, "cells-changed",
                                                 G_CALLBACK (on_cells_changed), self);
      self->state_changed_id = g_signal_connect (sheet, "state-changed",
                                                 G_CALLBACK (on_state_changed), self);
    }
  self->cursor_row = self->cursor_column = self->anchor_row = self->anchor_column = 0;
  shequ_score_sheet_set_message (self, NULL);
  shequ_score_sheet_invalidate_text (self);
  gtk_adjustment_set_value (self->vadjustment, 0);
  gtk_adjustment_set_value (self->hadjustment, 0);
  update_label (self);
  shequ_score_sheet_update_description (self);
  shequ_score_sheet_update_actions (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHEET]);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
shequ_score_sheet_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (shequ_score_sheet_parent_class)->css_changed (widget, change);
  /* Cheap enough to do on every change: the layouts are made again when drawn. */
  shequ_score_sheet_invalidate_text (SHEQU_SCORE_SHEET (widget));
  gtk_widget_queue_resize (widget);
}

static void
shequ_score_sheet_dispose (GObject *object)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (object);

  shequ_score_sheet_set_sheet (self, NULL);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (shequ_score_sheet_parent_class)->dispose (object);
}

static void
shequ_score_sheet_finalize (GObject *object)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (object);

  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->header_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->column_x, g_array_unref);
  g_free (self->message);
  g_free (self->pending_text);

  G_OBJECT_CLASS (shequ_score_sheet_parent_class)->finalize (object);
}

static void
shequ_score_sheet_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (object);

  switch (prop_id)
    {
    case PROP_SHEET:
      g_value_set_object (value, self->sheet);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_score_sheet_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ShequScoreSheet *self = SHEQU_SCORE_SHEET (object);

  switch (prop_id)
    {
    case PROP_SHEET:
      shequ_score_sheet_set_sheet (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), PROP_HADJUSTMENT);
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), PROP_VADJUSTMENT);
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_score_sheet_class_init (ShequScoreSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_score_sheet_dispose;
  object_class->finalize = shequ_score_sheet_finalize;
  object_class->get_property = shequ_score_sheet_get_property;
  object_class->set_property = shequ_score_sheet_set_property;
  widget_class->measure = shequ_score_sheet_measure;
  widget_class->size_allocate = shequ_score_sheet_size_allocate;
  widget_class->snapshot = shequ_score_sheet_snapshot;
  widget_class->css_changed = shequ_score_sheet_css_changed;

  properties[PROP_SHEET] =
    g_param_spec_object ("sheet", NULL, NULL, SHEQU_TYPE_EVAL_SHEET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "shequscoresheet");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
  shequ_score_sheet_class_init_editing (widget_class);
}

static void
shequ_score_sheet_init (ShequScoreSheet *self)
{
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->header_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->column_x = g_array_new (FALSE, FALSE, sizeof (int));
  set_adjustment (self, &self->hadjustment, NULL, PROP_HADJUSTMENT);
  set_adjustment (self, &self->vadjustment, NULL, PROP_VADJUSTMENT);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  shequ_score_sheet_init_editing (self);
  update_label (self);
}

GtkWidget *
shequ_score_sheet_new (void)
{
  return g_object_new (SHEQU_TYPE_SCORE_SHEET, NULL);
}
