/* shequ-eval-report-pdf-blocks.c — a cadre period's communities packed onto the PDF report's pages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-eval-report-pdf-private.h"

/* Each community is a block: a heading line (its name, its area, how many cadres), a
 * figures line (mean, band chip, band counts) and its cadres' rows. The blocks flow down
 * the page and go on on the next; a block is moved whole to a new page when it does not
 * fit where it would start, and split only when it is longer than a page, its heading
 * repeated with "(continued)". Everything has a fixed height, so the plan (and with it
 * the page count) is made before anything is drawn. */

static double
block_height (guint n_rows)
{
  return PDF_BLOCK_HEADING + PDF_TABLE_HEAD + n_rows * PDF_ROW_HEIGHT;
}

guint
pdf_block_rows_at (double y)
{
  double room = PDF_CONTENT_BOTTOM - y - PDF_BLOCK_HEADING - PDF_TABLE_HEAD;

  return room > 0 ? (guint) floor (room / PDF_ROW_HEIGHT + 1e-9) : 0;
}

GArray *
pdf_plan_blocks (const ShequEvalReport *report)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (PdfPiece));
  guint whole_page = pdf_block_rows_at (PDF_CONTENT_TOP);
  double y = PDF_CONTENT_TOP + PDF_RESERVED_BLOCKS;
  gboolean page_empty = TRUE;
  guint page = 0;

  for (guint g = 0; g < report->groups->len; g++)
    {
      const ShequEvalReportGroup *group = g_ptr_array_index (report->groups, g);
      guint n = group->rows->len;
      guint first = 0;

      if (!page_empty)
        y += PDF_BLOCK_GAP;
      /* A block that does not fit here goes to a new page when it fits on one; a longer
       * one starts here when a few of its rows do. */
      if (!page_empty && y + block_height (n) > PDF_CONTENT_BOTTOM &&
          (n <= whole_page || pdf_block_rows_at (y) < PDF_BLOCK_MIN_SPLIT))
        {
          page++;
          y = PDF_CONTENT_TOP;
        }
      do
        {
          PdfPiece piece = { g, first, MIN (pdf_block_rows_at (y), n - first), page, y,
                             first > 0 };

          g_array_append_val (pieces, piece);
          first += piece.n_rows;
          y += block_height (piece.n_rows);
          page_empty = FALSE;
          if (first < n)
            {
              page++;
              y = PDF_CONTENT_TOP;
            }
        }
      while (first < n);
    }
  return pieces;
}

/* The block's heading line and figures line at PDF->y. */
static void
draw_block_heading (Pdf                        *pdf,
                    const ShequEvalReportGroup *group,
                    gboolean                    continued)
{
  const ShequEvalReport *report = pdf->report;
  const ShequEvalReportRow *first = g_ptr_array_index (report->rows,
                                                       g_array_index (group->rows, guint, 0));
  /* Translators: the heading of the table on a group's page when it goes on */
  g_autofree char *title = continued ? g_strdup_printf (_("%s (continued)"), group->name)
                                     : g_strdup (group->name);
  g_autofree char *cadres = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cadre graded",
                                                          "%u cadres graded", group->rows->len),
                                             group->rows->len);
  g_autofree char *subtitle = first->area_name[0] != '\0'
                              ? g_strdup_printf ("%s · %s", first->area_name, cadres)
                              : g_strdup (cadres);
  double w = MIN (pdf_text_width (pdf, title, 12, TRUE), PDF_CONTENT_WIDTH * 0.6);
  double y = pdf->y;

  pdf_draw_text_in_box (pdf, PDF_MARGIN, y, w + 1, 20, title, 12, TRUE, PANGO_ALIGN_LEFT,
                        &pdf_text_colour);
  pdf_draw_text_in_box (pdf, PDF_MARGIN + w + 10, y + 1, PDF_CONTENT_WIDTH - w - 10, 20,
                        subtitle, 9, FALSE, PANGO_ALIGN_LEFT, &pdf_muted_colour);
  pdf_draw_figures (pdf, y + 22, group->mean_total, group->band, group->n_band);
  pdf->y = y + PDF_BLOCK_HEADING;
}

/* The heading of the blocks' first page: how many communities and cadres. */
static void
draw_blocks_heading (Pdf *pdf)
{
  const ShequEvalReport *report = pdf->report;
  g_autofree char *n_groups =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u community", "%u communities",
                                  report->groups->len), report->groups->len);
  /* Translators: under the heading of the cadres by community: "90 communities, 214
   * cadres, in ranking order within each" */
  g_autofree char *note =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u cadre, in ranking order within each",
                                  "%s, %u cadres, in ranking order within each",
                                  report->rows->len), n_groups, report->rows->len);

  pdf_draw_heading (pdf, _("Cadres by community"), note);
}

gboolean
pdf_draw_blocks (Pdf *pdf,
                 int  outline)
{
  PdfColumn columns[PDF_N_GROUP_COLUMNS];
  g_autoptr(GArray) pieces = pdf_plan_blocks (pdf->report);
  guint page = 0;

  pdf_get_group_columns (columns);
  pdf_begin_page (pdf);
  draw_blocks_heading (pdf);
  for (guint i = 0; i < pieces->len; i++)
    {
      const PdfPiece *piece = &g_array_index (pieces, PdfPiece, i);
      const ShequEvalReportGroup *group = g_ptr_array_index (pdf->report->groups, piece->group);
      PdfRanking ranking = { group->rows, FALSE };

      if (piece->page != page)
        {
          if (!pdf_end_page (pdf))
            return FALSE;
          pdf_begin_page (pdf);
          page = piece->page;
        }
      if (!piece->continued)
        pdf_add_outline (pdf, outline, group->name);
      pdf->y = piece->y;
      draw_block_heading (pdf, group, piece->continued);
      pdf_draw_table_part (pdf, columns, PDF_N_GROUP_COLUMNS, piece->first, piece->n_rows,
                           pdf_ranking_cell, &ranking);
    }
  return pdf_end_page (pdf);
}
