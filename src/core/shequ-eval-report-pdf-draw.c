/* shequ-eval-report-pdf-draw.c — the PDF report's text, chips, bars, tables and page frame */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>

#include "shequ-eval-report-pdf-private.h"

const PdfRgb pdf_text_colour = { 0.13, 0.15, 0.19 };
const PdfRgb pdf_muted_colour = { 0.42, 0.45, 0.50 };
const PdfRgb pdf_rule_colour = { 0.80, 0.82, 0.85 };
static const PdfRgb stripe_colour = { 0.955, 0.962, 0.972 };
static const PdfRgb head_colour = { 0.918, 0.930, 0.945 };

static void
set_rgb (cairo_t      *cr,
         const PdfRgb *colour)
{
  cairo_set_source_rgb (cr, colour->red, colour->green, colour->blue);
}

void
pdf_set_colour (cairo_t           *cr,
                const ShequColour *colour)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha);
}

static void
prepare_layout (Pdf        *pdf,
                double      width,
                const char *text,
                double      size,
                gboolean    bold)
{
  PangoFontDescription *font = pango_font_description_from_string (PDF_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pdf->layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (pdf->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_text (pdf->layout, text, -1);
}

double
pdf_text_width (Pdf        *pdf,
                const char *text,
                double      size,
                gboolean    bold)
{
  PangoRectangle logical;

  prepare_layout (pdf, 0, text, size, bold);
  pango_layout_get_extents (pdf->layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static double
draw_layout (Pdf          *pdf,
             double        x,
             double        y,
             PangoAlignment align,
             gboolean       wrap,
             const PdfRgb  *colour)
{
  PangoRectangle logical;

  pango_layout_set_alignment (pdf->layout, align);
  pango_layout_set_ellipsize (pdf->layout, wrap ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (pdf->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_extents (pdf->layout, NULL, &logical);
  set_rgb (pdf->cr, colour);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, pdf->layout);
  return (double) logical.height / PANGO_SCALE;
}

double
pdf_draw_text (Pdf           *pdf,
               double         x,
               double         y,
               double         width,
               const char    *text,
               double         size,
               gboolean       bold,
               PangoAlignment align,
               const PdfRgb  *colour)
{
  prepare_layout (pdf, width, text, size, bold);
  return draw_layout (pdf, x, y, align, FALSE, colour);
}

void
pdf_draw_text_in_box (Pdf           *pdf,
                      double         x,
                      double         y,
                      double         width,
                      double         height,
                      const char    *text,
                      double         size,
                      gboolean       bold,
                      PangoAlignment align,
                      const PdfRgb  *colour)
{
  PangoRectangle logical;

  prepare_layout (pdf, width, text, size, bold);
  pango_layout_set_ellipsize (pdf->layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_extents (pdf->layout, NULL, &logical);
  draw_layout (pdf, x, y + (height - (double) logical.height / PANGO_SCALE) / 2, align, FALSE,
               colour);
}

void
pdf_rounded_rect (cairo_t *cr,
                  double   x,
                  double   y,
                  double   width,
                  double   height,
                  double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
pdf_draw_band_chip (Pdf       *pdf,
                    ShequBand  band,
                    double     x,
                    double     y,
                    double     width,
                    double     height)
{
  const char *label = shequ_band_get_label (band);
  double chip_w = MIN (width, MAX (38, pdf_text_width (pdf, label, 8, TRUE) + 12));
  double chip_h = MIN (height - 4, 13);
  double chip_x = x + (width - chip_w) / 2;
  double chip_y = y + (height - chip_h) / 2;
  ShequColour fill, text;
  PdfRgb text_rgb;

  shequ_band_get_colour (band, &fill);
  shequ_band_get_text_colour (band, &text);
  text_rgb = (PdfRgb) { text.red, text.green, text.blue };
  pdf_rounded_rect (pdf->cr, chip_x, chip_y, chip_w, chip_h, chip_h / 2);
  pdf_set_colour (pdf->cr, &fill);
  cairo_fill (pdf->cr);
  pdf_draw_text_in_box (pdf, chip_x, chip_y, chip_w, chip_h, label, 8, TRUE,
                        PANGO_ALIGN_CENTER, &text_rgb);
}

void
pdf_draw_cell_text (Pdf           *pdf,
                    const PdfCell *cell,
                    const char    *text,
                    gboolean       bold,
                    PangoAlignment align)
{
  pdf_draw_text_in_box (pdf, cell->x + 4, cell->y, cell->width - 8, cell->height, text, 9, bold,
                        align, &pdf_text_colour);
}

void
pdf_draw_cell_chip (Pdf           *pdf,
                    const PdfCell *cell,
                    ShequBand      band)
{
  pdf_draw_band_chip (pdf, band, cell->x, cell->y, cell->width, cell->height);
}

void
pdf_draw_move (Pdf                      *pdf,
               const ShequEvalReportRow *row,
               double                    x,
               double                    y,
               double                    width,
               double                    height)
{
  static const PdfRgb up = { 0.13, 0.55, 0.31 }, down = { 0.78, 0.20, 0.16 };
  double cx = x + 12, cy = y + height / 2;
  g_autofree char *old = NULL;

  if (row->rank == 0 || row->previous_rank == 0)
    {
      /* Translators: in the ranking's change column, a target without a rank before */
      pdf_draw_text_in_box (pdf, x + 4, y, width - 4, height,
                            row->rank == 0 ? "" : C_("rank change", "new"), 7.5, FALSE,
                            PANGO_ALIGN_LEFT, &pdf_muted_colour);
      return;
    }
  if (row->previous_rank > row->rank || row->previous_rank < row->rank)
    {
      gboolean better = row->previous_rank > row->rank;

      cairo_move_to (pdf->cr, cx - 4.5, better ? cy + 3 : cy - 3);
      cairo_line_to (pdf->cr, cx + 4.5, better ? cy + 3 : cy - 3);
      cairo_line_to (pdf->cr, cx, better ? cy - 4 : cy + 4);
      cairo_close_path (pdf->cr);
      set_rgb (pdf->cr, better ? &up : &down);
      cairo_fill (pdf->cr);
    }
  else
    {
      cairo_rectangle (pdf->cr, cx - 4, cy - 0.6, 8, 1.2);
      set_rgb (pdf->cr, &pdf_muted_colour);
      cairo_fill (pdf->cr);
    }
  old = g_strdup_printf ("(%u)", row->previous_rank);
  pdf_draw_text_in_box (pdf, cx + 7, y, width - (cx + 7 - x), height, old, 8, FALSE,
                        PANGO_ALIGN_LEFT, &pdf_muted_colour);
}

void
pdf_draw_band_bar (Pdf         *pdf,
                   const guint *n_band,
                   double       x,
                   double       y,
                   double       width,
                   double       height)
{
  guint n = 0;
  double at = x;

  for (ShequBand band = SHEQU_BAND_NONE; band < SHEQU_N_BANDS; band++)
    n += n_band[band];
  pdf_rounded_rect (pdf->cr, x, y, width, height, 4);
  cairo_save (pdf->cr);
  cairo_clip_preserve (pdf->cr);
  set_rgb (pdf->cr, &stripe_colour);
  cairo_fill (pdf->cr);
  /* Green, orange, red, then the targets not graded. */
  for (guint i = 0; i < SHEQU_N_BANDS && n > 0; i++)
    {
      ShequBand band = (i + 1) % SHEQU_N_BANDS;
      double share = (double) n_band[band] / n;
      double w = width * share;
      ShequColour fill, text;
      PdfRgb text_rgb;
      g_autofree char *percent = g_strdup_printf ("%.0f%%", share * 100);

      if (n_band[band] == 0)
        continue;
      shequ_band_get_colour (band, &fill);
      shequ_band_get_text_colour (band, &text);
      text_rgb = (PdfRgb) { text.red, text.green, text.blue };
      cairo_rectangle (pdf->cr, at, y, w, height);
      pdf_set_colour (pdf->cr, &fill);
      cairo_fill (pdf->cr);
      if (w >= pdf_text_width (pdf, percent, 9, TRUE) + 6)
        pdf_draw_text_in_box (pdf, at, y, w, height, percent, 9, TRUE, PANGO_ALIGN_CENTER,
                              &text_rgb);
      at += w;
    }
  cairo_restore (pdf->cr);
}

double
pdf_draw_heading (Pdf        *pdf,
                  const char *title,
                  const char *subtitle)
{
  double y = PDF_CONTENT_TOP;

  y += pdf_draw_text (pdf, PDF_MARGIN, y, PDF_CONTENT_WIDTH, title, 16, TRUE,
                      PANGO_ALIGN_LEFT, &pdf_text_colour);
  if (subtitle != NULL)
    y += 2 + pdf_draw_text (pdf, PDF_MARGIN, y + 2, PDF_CONTENT_WIDTH, subtitle, 9, FALSE,
                            PANGO_ALIGN_LEFT, &pdf_muted_colour);
  return y + 10;
}

static void
draw_rule (cairo_t      *cr,
           double        y,
           const PdfRgb *colour,
           double        width)
{
  cairo_move_to (cr, PDF_MARGIN, y);
  cairo_line_to (cr, PDF_PAGE_WIDTH - PDF_MARGIN, y);
  set_rgb (cr, colour);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

void
pdf_begin_page (Pdf *pdf)
{
  const ShequEvalReport *report = pdf->report;
  g_autofree char *left = NULL;
  double half = PDF_CONTENT_WIDTH / 2;

  pdf->y = PDF_CONTENT_TOP;
  if (pdf->page == 1)
    return;
  /* Translators: the running header of the report's pages: the street, the kind */
  left = g_strdup_printf (_("%s · %s evaluation"), report->street,
                          report->kind == SHEQU_EVAL_KIND_COMMUNITY ? _("community")
                                                                    : _("cadre"));
  pdf_draw_text (pdf, PDF_MARGIN, PDF_MARGIN, half, left, 8, FALSE, PANGO_ALIGN_LEFT,
                 &pdf_muted_colour);
  pdf_draw_text (pdf, PDF_MARGIN + half, PDF_MARGIN, half, report->period_label, 8, FALSE,
                 PANGO_ALIGN_RIGHT, &pdf_muted_colour);
  draw_rule (pdf->cr, PDF_MARGIN + 15, &pdf_rule_colour, 0.6);
}

int
pdf_add_outline (Pdf        *pdf,
                 int         parent,
                 const char *title)
{
  g_autofree char *link = g_strdup_printf ("page=%u", pdf->page);

  return cairo_pdf_surface_add_outline (pdf->surface, parent, title, link, 0);
}

gboolean
pdf_end_page (Pdf *pdf)
{
  g_autofree char *date = g_date_time_format (pdf->report->date, "%Y-%m-%d");
  /* Translators: the report's footer: when it was made */
  g_autofree char *made = g_strdup_printf (_("Made on %s"), date);
  /* Translators: the report's page numbers: page 3 of 12 */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->n_pages);
  double y = PDF_PAGE_HEIGHT - PDF_MARGIN - 12;
  double half = PDF_CONTENT_WIDTH / 2;

  draw_rule (pdf->cr, y - 6, &pdf_rule_colour, 0.6);
  pdf_draw_text (pdf, PDF_MARGIN, y, half, made, 8, FALSE, PANGO_ALIGN_LEFT,
                 &pdf_muted_colour);
  pdf_draw_text (pdf, PDF_MARGIN + half, y, half, number, 8, FALSE, PANGO_ALIGN_RIGHT,
                 &pdf_muted_colour);
  cairo_show_page (pdf->cr);
  pdf->page++;
  return !g_cancellable_set_error_if_cancelled (pdf->cancellable, &pdf->error);
}

guint
shequ_eval_report_pdf_rows_fitting (double reserved)
{
  double room = PDF_CONTENT_BOTTOM - PDF_CONTENT_TOP - reserved - PDF_TABLE_HEAD;

  return MAX (1, (guint) floor (room / PDF_ROW_HEIGHT));
}

guint
pdf_table_pages (double reserved,
                 guint  n_rows)
{
  guint first = shequ_eval_report_pdf_rows_fitting (reserved);
  guint more = shequ_eval_report_pdf_rows_fitting (PDF_RESERVED_CONTINUED);

  if (n_rows <= first)
    return 1;
  return 1 + (n_rows - first + more - 1) / more;
}

static void
draw_table_head (Pdf             *pdf,
                 const PdfColumn *columns,
                 guint            n_columns)
{
  double x = PDF_MARGIN;

  cairo_rectangle (pdf->cr, PDF_MARGIN, pdf->y, PDF_CONTENT_WIDTH, PDF_TABLE_HEAD);
  set_rgb (pdf->cr, &head_colour);
  cairo_fill (pdf->cr);
  for (guint c = 0; c < n_columns; c++)
    {
      pdf_draw_text_in_box (pdf, x + 4, pdf->y, columns[c].width - 8, PDF_TABLE_HEAD,
                            columns[c].title, 8.5, TRUE, columns[c].align, &pdf_text_colour);
      x += columns[c].width;
    }
  pdf->y += PDF_TABLE_HEAD;
}

gboolean
pdf_draw_table (Pdf             *pdf,
                const PdfColumn *columns,
                guint            n_columns,
                guint            n_rows,
                const char      *continued,
                PdfCellFunc      cell,
                gpointer         data)
{
  guint room = shequ_eval_report_pdf_rows_fitting (pdf->y - PDF_CONTENT_TOP);

  draw_table_head (pdf, columns, n_columns);
  for (guint r = 0; r < n_rows; r++, room--)
    {
      double x = PDF_MARGIN;

      if (room == 0)
        {
          if (!pdf_end_page (pdf))
            return FALSE;
          pdf_begin_page (pdf);
          pdf_draw_text (pdf, PDF_MARGIN, pdf->y, PDF_CONTENT_WIDTH, continued, 11, TRUE,
                         PANGO_ALIGN_LEFT, &pdf_text_colour);
          pdf->y = PDF_CONTENT_TOP + PDF_RESERVED_CONTINUED;
          room = shequ_eval_report_pdf_rows_fitting (PDF_RESERVED_CONTINUED);
          draw_table_head (pdf, columns, n_columns);
        }
      if (r % 2 == 1)
        {
          cairo_rectangle (pdf->cr, PDF_MARGIN, pdf->y, PDF_CONTENT_WIDTH, PDF_ROW_HEIGHT);
          set_rgb (pdf->cr, &stripe_colour);
          cairo_fill (pdf->cr);
        }
      for (guint c = 0; c < n_columns; c++)
        {
          PdfCell box = { r, c, x, pdf->y, columns[c].width, PDF_ROW_HEIGHT };

          cell (pdf, &box, data);
          x += columns[c].width;
        }
      pdf->y += PDF_ROW_HEIGHT;
    }
  draw_rule (pdf->cr, pdf->y, &pdf_rule_colour, 0.6);
  return TRUE;
}
