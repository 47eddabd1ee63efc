/* shequ-eval-report-pdf-private.h — the PDF report's page geometry and drawing helpers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "shequ-eval-report-private.h"
#include "shequ-map-renderer.h"

G_BEGIN_DECLS

/* A4 portrait, in points. Everything below the running header and above the footer is
 * the content; tables fill it with rows of one height, so how many pages a table takes
 * is arithmetic (shequ_eval_report_pdf_count_pages() and the drawing agree). */
#define PDF_PAGE_WIDTH      595.276
#define PDF_PAGE_HEIGHT     841.890
#define PDF_MARGIN          48.0
#define PDF_HEADER_HEIGHT   30.0
#define PDF_FOOTER_HEIGHT   26.0
#define PDF_CONTENT_TOP     (PDF_MARGIN + PDF_HEADER_HEIGHT)
#define PDF_CONTENT_BOTTOM  (PDF_PAGE_HEIGHT - PDF_MARGIN - PDF_FOOTER_HEIGHT)
#define PDF_CONTENT_WIDTH   (PDF_PAGE_WIDTH - 2 * PDF_MARGIN)
#define PDF_ROW_HEIGHT      19.0
#define PDF_TABLE_HEAD      22.0
#define PDF_FONT            "Noto Sans CJK SC, Noto Sans CJK, Noto Sans, sans-serif"

/* What sits above the table on each kind of page. */
#define PDF_RESERVED_CONTINUED  30.0   /* "Ranking (continued)" */
#define PDF_RESERVED_SUMMARY    290.0  /* heading, the bar, the band table, the moves */
#define PDF_RESERVED_RANKING    58.0   /* heading and the note on the arrows */
#define PDF_RESERVED_AREA       344.0  /* heading, figures, the band map and the trend */
#define PDF_RESERVED_UNIT       84.0   /* a community's heading and figures */

typedef struct {
  double red, green, blue;
} PdfRgb;

typedef struct {
  cairo_surface_t       *surface;
  cairo_t               *cr;
  PangoLayout           *layout;
  const ShequEvalReport *report;
  guint                  page;       /* 1-based, the page being drawn */
  guint                  n_pages;
  double                 y;          /* where the next thing goes */
  GCancellable          *cancellable;
  GError                *error;      /* a cancel, when it came */
  ShequMapRenderer      *renderer;   /* of the band maps, made for the first */
} Pdf;

typedef struct {
  const char     *title;
  double          width;
  PangoAlignment  align;
} PdfColumn;

/* One cell of a table: its row and column, and its box on the page. */
typedef struct {
  guint  row;
  guint  column;
  double x;
  double y;
  double width;
  double height;
} PdfCell;

/* Draws CELL. */
typedef void (*PdfCellFunc) (Pdf           *pdf,
                             const PdfCell *cell,
                             gpointer       data);

extern const PdfRgb pdf_text_colour;
extern const PdfRgb pdf_muted_colour;
extern const PdfRgb pdf_rule_colour;

/* TEXT at X, Y (its top), one line ellipsized to WIDTH (0: as wide as it is) or wrapped
 * when WRAP; returns its height. */
double   pdf_draw_text       (Pdf           *pdf,
                              double         x,
                              double         y,
                              double         width,
                              const char    *text,
                              double         size,
                              gboolean       bold,
                              PangoAlignment align,
                              const PdfRgb  *colour);
/* TEXT centred vertically in a box of HEIGHT at Y. */
void     pdf_draw_text_in_box (Pdf           *pdf,
                              double         x,
                              double         y,
                              double         width,
                              double         height,
                              const char    *text,
                              double         size,
                              gboolean       bold,
                              PangoAlignment align,
                              const PdfRgb  *colour);
double   pdf_text_width      (Pdf           *pdf,
                              const char    *text,
                              double         size,
                              gboolean       bold);
void     pdf_set_colour      (cairo_t       *cr,
                              const ShequColour *colour);
void     pdf_rounded_rect    (cairo_t       *cr,
                              double         x,
                              double         y,
                              double         width,
                              double         height,
                              double         radius);
/* A band's chip (its colour, its label) centred in the box. */
void     pdf_draw_band_chip  (Pdf           *pdf,
                              ShequBand      band,
                              double         x,
                              double         y,
                              double         width,
                              double         height);
/* A table cell's text (padded, 9 points) and its band chip. */
void     pdf_draw_cell_text  (Pdf           *pdf,
                              const PdfCell *cell,
                              const char    *text,
                              gboolean       bold,
                              PangoAlignment align);
void     pdf_draw_cell_chip  (Pdf           *pdf,
                              const PdfCell *cell,
                              ShequBand      band);
/* ▲ (better), ▼ (worse) or – at X, Y (the centre), and the old rank after it. */
void     pdf_draw_move       (Pdf           *pdf,
                              const ShequEvalReportRow *row,
                              double         x,
                              double         y,
                              double         width,
                              double         height);
/* The green/orange/red shares of N_BAND as one bar. */
void     pdf_draw_band_bar   (Pdf           *pdf,
                              const guint   *n_band,
                              double         x,
                              double         y,
                              double         width,
                              double         height);
/* A page heading at the content's top; returns the y below it. */
double   pdf_draw_heading    (Pdf           *pdf,
                              const char    *title,
                              const char    *subtitle);

/* Starts a page (the running header on every page but the cover). */
void     pdf_begin_page      (Pdf           *pdf);
/* An entry of the document's outline (the viewer's bookmarks) for the page being drawn,
 * under PARENT (CAIRO_PDF_OUTLINE_ROOT for the top); returns its id. */
int      pdf_add_outline     (Pdf           *pdf,
                              int            parent,
                              const char    *title);
/* Draws the footer and ends the page; FALSE (PDF->error set) when cancelled. */
gboolean pdf_end_page        (Pdf           *pdf);
/* Draws N_ROWS rows of a table from PDF->y, which must be PDF_CONTENT_TOP + RESERVED,
 * going on to new pages (headed CONTINUED, the column titles repeated) as it fills.
 * Leaves the last page open. FALSE when cancelled. */
gboolean pdf_draw_table      (Pdf             *pdf,
                              const PdfColumn *columns,
                              guint            n_columns,
                              guint            n_rows,
                              const char      *continued,
                              PdfCellFunc      cell,
                              gpointer         data);
/* How many pages a table of N_ROWS takes that starts RESERVED below the content's top. */
guint    pdf_table_pages     (double           reserved,
                              guint            n_rows);

G_END_DECLS
