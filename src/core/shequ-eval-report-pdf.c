/* shequ-eval-report-pdf.c — a period's report as an A4 PDF drawn with Cairo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shequ-chart.h"
#include "shequ-eval-report-pdf-private.h"
#include "shequ-map-colouring.h"

/* The pages: a cover, the band summary (with a table of the areas or communities), the
 * ranking, then a page per management area (community period: its communities, its
 * band map and its trend) or (cadre period) the communities' blocks of cadres packed
 * onto pages (shequ-eval-report-pdf-blocks.c). Tables that outgrow their page go on
 * with the column titles repeated. */

#define MAP_HEIGHT  250.0
#define MAP_WIDTH   262.0
/* The renderer's text scale for the names on the band map (12.5 px → about 7 pt), and
 * for its legend and title: the renderer shrinks decorations on a small map (to 0.6 of
 * its scale at 262 pt wide), so 12 px legend text × 1.0 × 0.6 comes out at about 7 pt. */
#define LABEL_SCALE       0.55
#define DECORATION_SCALE  1.0
#define BOX_GAP     12.0

/* ---- Pieces the pages share ----------------------------------------------------- */

static const char *
report_title (const ShequEvalReport *report)
{
  if (report->title != NULL)
    return report->title;
  return report->kind == SHEQU_EVAL_KIND_COMMUNITY
         ? _("Green-orange-red evaluation of communities")
         : _("Green-orange-red evaluation of cadres");
}

static char *
format_total (double total)
{
  return shequ_eval_format_total (total, 2);
}

/* "Green 3 · Orange 1 · Red 0 · Not graded 2" (the last only when there are any). */
static char *
format_band_counts (const guint *n_band)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < SHEQU_N_BANDS; i++)
    {
      ShequBand band = (i + 1) % SHEQU_N_BANDS;

      if (band == SHEQU_BAND_NONE && n_band[band] == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append_printf (out, "%s %u", shequ_band_get_label (band), n_band[band]);
    }
  return g_string_free (out, FALSE);
}

double
pdf_draw_figures (Pdf         *pdf,
                  double       y,
                  double       mean,
                  ShequBand    band,
                  const guint *n_band)
{
  g_autofree char *total = format_total (mean);
  /* Translators: the mean total of an area's or a community's targets */
  g_autofree char *text = g_strdup_printf (_("Mean %s"), total);
  g_autofree char *counts = format_band_counts (n_band);
  double x = PDF_MARGIN;
  double w = pdf_text_width (pdf, text, 10, TRUE);

  pdf_draw_text_in_box (pdf, x, y, w + 1, 18, text, 10, TRUE, PANGO_ALIGN_LEFT,
                        &pdf_text_colour);
  x += w + 6;
  pdf_draw_band_chip (pdf, band, x, y, 52, 18);
  x += 64;
  pdf_draw_text_in_box (pdf, x, y, PDF_PAGE_WIDTH - PDF_MARGIN - x, 18, counts, 9, FALSE,
                        PANGO_ALIGN_LEFT, &pdf_muted_colour);
  return 18;
}

/* ---- The cover ------------------------------------------------------------------ */

static void
draw_cover_stripes (Pdf *pdf)
{
  for (guint i = 0; i < 3; i++)
    {
      ShequColour fill;

      shequ_band_get_colour (SHEQU_BAND_GREEN + i, &fill);
      cairo_rectangle (pdf->cr, PDF_PAGE_WIDTH * i / 3, 0, PDF_PAGE_WIDTH / 3 + 0.5, 12);
      pdf_set_colour (pdf->cr, &fill);
      cairo_fill (pdf->cr);
    }
}

static double
draw_cover_fact (Pdf        *pdf,
                 double      y,
                 const char *label,
                 const char *value)
{
  pdf_draw_text (pdf, PDF_MARGIN, y, 110, label, 10, FALSE, PANGO_ALIGN_LEFT,
                 &pdf_muted_colour);
  return 6 + pdf_draw_text (pdf, PDF_MARGIN + 116, y, PDF_CONTENT_WIDTH - 116, value, 10,
                            FALSE, PANGO_ALIGN_LEFT, &pdf_text_colour);
}

static void
draw_cover_counts (Pdf    *pdf,
                   double  y)
{
  const ShequEvalReport *report = pdf->report;
  guint n_boxes = report->n_band[SHEQU_BAND_NONE] > 0 ? 4 : 3;
  double w = (PDF_CONTENT_WIDTH - (n_boxes - 1) * BOX_GAP) / n_boxes;

  for (guint i = 0; i < n_boxes; i++)
    {
      ShequBand band = (i + 1) % SHEQU_N_BANDS;
      double x = PDF_MARGIN + i * (w + BOX_GAP);
      g_autofree char *count = g_strdup_printf ("%u", report->n_band[band]);
      ShequColour fill, text;
      PdfRgb text_rgb;

      shequ_band_get_colour (band, &fill);
      shequ_band_get_text_colour (band, &text);
      text_rgb = (PdfRgb) { text.red, text.green, text.blue };
      pdf_rounded_rect (pdf->cr, x, y, w, 84, 8);
      pdf_set_colour (pdf->cr, &fill);
      cairo_fill (pdf->cr);
      pdf_draw_text_in_box (pdf, x, y + 8, w, 44, count, 30, TRUE, PANGO_ALIGN_CENTER,
                            &text_rgb);
      pdf_draw_text_in_box (pdf, x, y + 54, w, 22, shequ_band_get_label (band), 11, TRUE,
                            PANGO_ALIGN_CENTER, &text_rgb);
    }
}

static gboolean
draw_cover (Pdf *pdf)
{
  const ShequEvalReport *report = pdf->report;
  g_autofree char *version = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *made = g_date_time_format (report->date, "%Y-%m-%d %H:%M");
  g_autofree char *rule = NULL;
  g_autofree char *targets = g_strdup_printf ("%u", report->rows->len);
  g_autofree char *green = format_total (report->green_min);
  g_autofree char *orange = format_total (report->orange_min);
  double y = 170;

  pdf_begin_page (pdf);
  draw_cover_stripes (pdf);
  y += pdf_draw_text (pdf, PDF_MARGIN, y, PDF_CONTENT_WIDTH, report->street, 30, TRUE,
                      PANGO_ALIGN_LEFT, &pdf_text_colour);
  y += 8 + pdf_draw_text (pdf, PDF_MARGIN, y + 8, PDF_CONTENT_WIDTH, report_title (report), 18,
                          FALSE, PANGO_ALIGN_LEFT, &pdf_text_colour);
  y = MAX (y + 60, 330);
  y += pdf_draw_text (pdf, PDF_MARGIN, y, PDF_CONTENT_WIDTH, report->period_label, 24, TRUE,
                      PANGO_ALIGN_LEFT, &pdf_text_colour);
  /* Translators: a period's first and last day, and its state */
  dates = g_strdup_printf (_("%s to %s · %s"), report->starts, report->ends,
                           shequ_period_state_get_label (report->period_state));
  y += 6 + pdf_draw_text (pdf, PDF_MARGIN, y + 6, PDF_CONTENT_WIDTH, dates, 11, FALSE,
                          PANGO_ALIGN_LEFT, &pdf_muted_colour);

  y += 40;
  /* Translators: an indicator set's name and its version */
  version = g_strdup_printf (_("%s (version %u)"), report->set_name, report->set_version);
  y += draw_cover_fact (pdf, y, _("Indicator set"), version);
  y += draw_cover_fact (pdf, y, _("Graded"), shequ_eval_kind_get_label (report->kind));
  y += draw_cover_fact (pdf, y, _("Targets"), targets);
  /* Translators: the band rule: green from 85, orange from 70, red below */
  rule = g_strdup_printf (_("green ≥ %s, orange ≥ %s, red below"), green, orange);
  y += draw_cover_fact (pdf, y, _("Band rule"), rule);
  if (report->previous_label != NULL)
    y += draw_cover_fact (pdf, y, _("Compared with"), report->previous_label);
  y += draw_cover_fact (pdf, y, _("Report made"), made);

  draw_cover_counts (pdf, MAX (y + 40, 620));
  return pdf_end_page (pdf);
}

/* ---- The band summary ----------------------------------------------------------- */

typedef struct {
  const char *rule[SHEQU_N_BANDS];
} BandTable;

static void
band_cell (Pdf           *pdf,
           const PdfCell *cell,
           gpointer       data)
{
  const BandTable *table = data;
  const ShequEvalReport *report = pdf->report;
  ShequBand band = (cell->row + 1) % SHEQU_N_BANDS;
  guint n = report->rows->len;
  g_autofree char *text = NULL;

  switch (cell->column)
    {
    case 0:
      pdf_draw_cell_chip (pdf, cell, band);
      return;
    case 1:
      text = g_strdup (table->rule[band]);
      break;
    case 2:
      text = g_strdup_printf ("%u", report->n_band[band]);
      break;
    default:
      text = g_strdup_printf ("%.1f%%", n > 0 ? 100.0 * report->n_band[band] / n : 0.0);
      break;
    }
  pdf_draw_cell_text (pdf, cell, text, FALSE,
                      cell->column >= 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

static void
group_cell (Pdf           *pdf,
            const PdfCell *cell,
            gpointer       data)
{
  const ShequEvalReportGroup *group = g_ptr_array_index (pdf->report->groups, cell->row);
  g_autofree char *text = NULL;

  switch (cell->column)
    {
    case 0:
      text = g_strdup (group->name);
      break;
    case 1:
      text = g_strdup_printf ("%u", group->rows->len);
      break;
    case 2:
      text = format_total (group->mean_total);
      break;
    case 3:
      pdf_draw_cell_chip (pdf, cell, group->band);
      return;
    default:
      text = g_strdup_printf ("%u", group->n_band[cell->column - 3]);
      break;
    }
  pdf_draw_cell_text (pdf, cell, text, FALSE,
                      cell->column == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
}

/* "Against 2026年第二季度: 3 rose a band, 2 fell, 10 stayed." */
static char *
describe_moves (const ShequEvalReport *report)
{
  guint rose = 0, fell = 0, stayed = 0;

  if (report->previous_label == NULL)
    return g_strdup (_("There is no period before this one to compare with."));
  for (guint i = 0; i < report->rows->len; i++)
    {
      const ShequEvalReportRow *row = g_ptr_array_index (report->rows, i);

      if (row->band == SHEQU_BAND_NONE || row->previous_band == SHEQU_BAND_NONE)
        continue;
      /* Bands are ordered best to worst. */
      if (row->band < row->previous_band)
        rose++;
      else if (row->band > row->previous_band)
        fell++;
      else
        stayed++;
    }
  /* Translators: how the targets' bands moved against the period before */
  return g_strdup_printf (_("Against %s: %u rose a band, %u fell, %u stayed."),
                          report->previous_label, rose, fell, stayed);
}

static gboolean
draw_summary (Pdf *pdf)
{
  const ShequEvalReport *report = pdf->report;
  const PdfColumn band_columns[] = {
    { C_("summary column", "Band"), 90, PANGO_ALIGN_CENTER },
    { C_("summary column", "Rule"), 229, PANGO_ALIGN_LEFT },
    { C_("summary column", "Targets"), 90, PANGO_ALIGN_RIGHT },
    { C_("summary column", "Share"), 90, PANGO_ALIGN_RIGHT },
  };
  const PdfColumn group_columns[] = {
    { report->kind == SHEQU_EVAL_KIND_COMMUNITY ? _("Area") : _("Community"), 170,
      PANGO_ALIGN_LEFT },
    { C_("summary column", "Targets"), 55, PANGO_ALIGN_RIGHT },
    { C_("summary column", "Mean"), 62, PANGO_ALIGN_RIGHT },
    { C_("summary column", "Band"), 68, PANGO_ALIGN_CENTER },
    { shequ_band_get_label (SHEQU_BAND_GREEN), 48, PANGO_ALIGN_RIGHT },
    { shequ_band_get_label (SHEQU_BAND_ORANGE), 48, PANGO_ALIGN_RIGHT },
    { shequ_band_get_label (SHEQU_BAND_RED), 48, PANGO_ALIGN_RIGHT },
  };
  g_autofree char *green = format_total (report->green_min);
  g_autofree char *orange = format_total (report->orange_min);
  g_autofree char *green_rule = g_strdup_printf ("≥ %s", green);
  g_autofree char *orange_rule = g_strdup_printf ("%s – < %s", orange, green);
  g_autofree char *red_rule = g_strdup_printf ("< %s", orange);
  BandTable table = { { _("not every score entered"), green_rule, orange_rule, red_rule } };
  g_autofree char *subtitle = g_strdup_printf (_("%u targets · %s"), report->rows->len,
                                               report->period_label);
  g_autofree char *moves = describe_moves (report);

  pdf_begin_page (pdf);
  pdf_add_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, _("Band summary"));
  pdf->y = pdf_draw_heading (pdf, _("Band summary"), subtitle);
  pdf_draw_band_bar (pdf, report->n_band, PDF_MARGIN, pdf->y, PDF_CONTENT_WIDTH, 26);
  pdf->y += 26 + 14;
  if (!pdf_draw_table (pdf, band_columns, G_N_ELEMENTS (band_columns), SHEQU_N_BANDS, "",
                       band_cell, &table))
    return FALSE;
  pdf->y += 8;
  pdf->y += pdf_draw_text (pdf, PDF_MARGIN, pdf->y, PDF_CONTENT_WIDTH, moves, 9.5, FALSE,
                           PANGO_ALIGN_LEFT, &pdf_text_colour);
  if (report->groups->len > 0)
    {
      const char *by = report->kind == SHEQU_EVAL_KIND_COMMUNITY ? _("By management area")
                                                                 : _("By community");

      pdf_draw_text (pdf, PDF_MARGIN, PDF_CONTENT_TOP + PDF_RESERVED_SUMMARY - 22,
                     PDF_CONTENT_WIDTH, by, 11, TRUE, PANGO_ALIGN_LEFT, &pdf_text_colour);
      pdf->y = PDF_CONTENT_TOP + PDF_RESERVED_SUMMARY;
      if (!pdf_draw_table (pdf, group_columns, G_N_ELEMENTS (group_columns),
                           report->groups->len, by, group_cell, NULL))
        return FALSE;
    }
  return pdf_end_page (pdf);
}

/* ---- Rankings: the whole period's, and each group's ----------------------------- */

void
pdf_ranking_cell (Pdf           *pdf,
                  const PdfCell *cell,
                  gpointer       data)
{
  const PdfRanking *ranking = data;
  const ShequEvalReport *report = pdf->report;
  guint index = ranking->rows != NULL ? g_array_index (ranking->rows, guint, cell->row)
                                      : cell->row;
  const ShequEvalReportRow *r = g_ptr_array_index (report->rows, index);
  /* Without the unit column, the columns after the name move up by one. */
  guint column = !ranking->unit && cell->column >= 3 ? cell->column + 1 : cell->column;
  g_autofree char *text = NULL;

  switch (column)
    {
    case 0:
      text = r->rank > 0 ? g_strdup_printf ("%u", r->rank) : g_strdup ("—");
      pdf_draw_cell_text (pdf, cell, text, FALSE, PANGO_ALIGN_RIGHT);
      break;
    case 1:
      pdf_draw_move (pdf, r, cell->x + 6, cell->y, cell->width - 6, cell->height);
      break;
    case 2:
      pdf_draw_cell_text (pdf, cell, r->name, TRUE, PANGO_ALIGN_LEFT);
      break;
    case 3:
      pdf_draw_cell_text (pdf, cell, report->kind == SHEQU_EVAL_KIND_COMMUNITY ? r->area_name
                                                                              : r->unit_name,
                          FALSE, PANGO_ALIGN_LEFT);
      break;
    case 4:
      text = format_total (r->total);
      pdf_draw_cell_text (pdf, cell, text, FALSE, PANGO_ALIGN_RIGHT);
      break;
    default:
      pdf_draw_cell_chip (pdf, cell, r->band);
      break;
    }
}

static gboolean
draw_ranking (Pdf *pdf)
{
  const ShequEvalReport *report = pdf->report;
  const PdfColumn columns[] = {
    { C_("ranking column", "Rank"), 42, PANGO_ALIGN_RIGHT },
    { C_("ranking column", "Change"), 62, PANGO_ALIGN_LEFT },
    { C_("ranking column", "Name"), 138, PANGO_ALIGN_LEFT },
    { shequ_eval_report_get_unit_heading (report), 133, PANGO_ALIGN_LEFT },
    { C_("ranking column", "Total"), 58, PANGO_ALIGN_RIGHT },
    { C_("ranking column", "Band"), 66, PANGO_ALIGN_CENTER },
  };
  PdfRanking ranking = { NULL, TRUE };
  g_autofree char *note = NULL;

  if (report->previous_label != NULL)
    /* Translators: the note under the ranking's heading */
    note = g_strdup_printf (_("Change: the rank against %s, the rank then in brackets"),
                            report->previous_label);
  else
    note = g_strdup (_("There is no period before this one to compare with."));

  pdf_begin_page (pdf);
  pdf_add_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, _("Ranking"));
  pdf_draw_heading (pdf, _("Ranking"), note);
  pdf->y = PDF_CONTENT_TOP + PDF_RESERVED_RANKING;
  if (!pdf_draw_table (pdf, columns, G_N_ELEMENTS (columns), report->rows->len,
                       _("Ranking (continued)"), pdf_ranking_cell, &ranking))
    return FALSE;
  return pdf_end_page (pdf);
}

/* The group's mean total in each period of the history, and the street's. */
static void
group_trend (const ShequEvalReport      *report,
             const ShequEvalReportGroup *group,
             double                     *group_means,
             double                     *street_means)
{
  for (guint p = 0; p < report->n_history; p++)
    {
      double sum = 0, street_sum = 0;
      guint n = 0, street_n = 0;

      for (guint i = 0; i < report->rows->len; i++)
        {
          const ShequEvalReportRow *row = g_ptr_array_index (report->rows, i);

          if (isnan (row->history_total[p]))
            continue;
          street_sum += row->history_total[p];
          street_n++;
        }
      for (guint i = 0; i < group->rows->len; i++)
        {
          const ShequEvalReportRow *row = g_ptr_array_index (report->rows,
                                                             g_array_index (group->rows, guint, i));

          if (isnan (row->history_total[p]))
            continue;
          sum += row->history_total[p];
          n++;
        }
      group_means[p] = n > 0 ? shequ_eval_round_total (sum / n) : NAN;
      street_means[p] = street_n > 0 ? shequ_eval_round_total (street_sum / street_n) : NAN;
    }
}

static void
draw_trend (Pdf                        *pdf,
            const ShequEvalReportGroup *group,
            double                      x,
            double                      y,
            double                      width,
            double                      height)
{
  const ShequEvalReport *report = pdf->report;
  g_autoptr(ShequChart) chart = shequ_chart_new ();
  g_autofree double *means = g_new (double, MAX (report->n_history, 1));
  g_autofree double *street = g_new (double, MAX (report->n_history, 1));
  char **labels = report->history_axis != NULL ? report->history_axis : report->history_labels;

  group_trend (report, group, means, street);
  shequ_chart_set_title (chart, _("Trend of the mean total"));
  shequ_chart_set_periods (chart, (const char *const *) labels, report->n_history);
  shequ_chart_set_bands (chart, report->green_min, report->orange_min);
  shequ_chart_set_font (chart, "Noto Sans CJK SC", 7.5);
  shequ_chart_add_series (chart, group->name, means);
  shequ_chart_add_series (chart, report->street, street);
  shequ_chart_draw (chart, pdf->cr, x, y, width, height);
}

static void
draw_placeholder (Pdf        *pdf,
                  const char *text,
                  double      x,
                  double      y,
                  double      width,
                  double      height)
{
  cairo_rectangle (pdf->cr, x, y, width, height);
  cairo_set_source_rgb (pdf->cr, 0.96, 0.965, 0.97);
  cairo_fill (pdf->cr);
  pdf_draw_text_in_box (pdf, x + 8, y, width - 16, height, text, 9, FALSE, PANGO_ALIGN_CENTER,
                        &pdf_muted_colour);
}

static ShequMapRenderer *
get_renderer (Pdf *pdf)
{
  const ShequEvalReport *report = pdf->report;
  g_autoptr(ShequMapColouring) colouring = NULL;
  guint depth = G_MAXUINT;

  if (pdf->renderer != NULL)
    return pdf->renderer;
  pdf->renderer = shequ_map_renderer_new (report->map);
  /* The communities' depth on the map: that of the first target that has a boundary. */
  for (guint i = 0; i < report->rows->len && depth == G_MAXUINT; i++)
    {
      const ShequEvalReportRow *row = g_ptr_array_index (report->rows, i);
      const ShequMapItem *item = shequ_map_lookup_unit (report->map, row->unit_id);

      if (item != NULL)
        depth = item->depth;
    }
  if (report->measure != NULL && report->org != NULL && depth != G_MAXUINT)
    colouring = shequ_map_colouring_new (report->org, report->map, report->measure, depth,
                                         SHEQU_CLASS_EQUAL, SHEQU_CLASS_MIN,
                                         SHEQU_PALETTE_GREENS);
  shequ_map_renderer_set_colouring (pdf->renderer, colouring);
  shequ_map_renderer_set_date (pdf->renderer, report->date);
  shequ_map_renderer_set_text_scale (pdf->renderer, LABEL_SCALE);
  /* The page is about the bands: place symbols (canteens, estates) would only crowd the
   * map and its legend. */
  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    shequ_map_renderer_set_place_visible (pdf->renderer, kind, FALSE);
  return pdf->renderer;
}

/* Pales what lies outside the area, so that the area stands out from its neighbours
 * (which the frame shows around it). */
static void
veil_outside (cairo_t             *cr,
              ShequMap            *map,
              gint64               unit_id,
              const ShequMapFrame *frame)
{
  ShequGeoShape *shape = shequ_map_get_item_shape (map, shequ_map_find_unit (map, unit_id),
                                                   frame->metres_per_pixel / 2);

  cairo_rectangle (cr, 0, 0, frame->width, frame->height);
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

      for (guint r = 0; r < polygon->n_rings; r++)
        for (guint i = 0; i < polygon->rings[r].n_points; i++)
          {
            ShequGeoPoint at = shequ_map_frame_to_drawing (frame, polygon->rings[r].points[i]);

            if (i == 0)
              cairo_move_to (cr, at.x, at.y);
            else
              cairo_line_to (cr, at.x, at.y);
          }
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.62);
  cairo_fill (cr);
}

/* The area's band map, framed to the area. */
static void
draw_band_map (Pdf                        *pdf,
               const ShequEvalReportGroup *group,
               double                      x,
               double                      y,
               double                      width,
               double                      height)
{
  const ShequEvalReport *report = pdf->report;
  const ShequMapItem *item = report->map != NULL
                             ? shequ_map_lookup_unit (report->map, group->unit_id) : NULL;
  ShequMapRenderer *renderer;
  ShequGeoBounds bounds;
  ShequMapFrame frame;

  if (item == NULL)
    {
      draw_placeholder (pdf, _("This area has no boundary on the map."), x, y, width, height);
      return;
    }
  renderer = get_renderer (pdf);
  shequ_map_renderer_set_title (renderer, group->name);
  shequ_map_renderer_set_selected_unit (renderer, group->unit_id);
  /* Room below the area for the legend and above it for the title, so that they cover
   * its neighbours rather than its communities. */
  bounds = item->bounds;
  bounds.min_y -= 0.24 * (item->bounds.max_y - item->bounds.min_y);
  bounds.max_y += 0.12 * (item->bounds.max_y - item->bounds.min_y);
  shequ_map_frame_init_fit (&frame, &bounds, width, height, 14);

  cairo_save (pdf->cr);
  cairo_rectangle (pdf->cr, x, y, width, height);
  cairo_clip (pdf->cr);
  cairo_translate (pdf->cr, x, y);
  cairo_set_source_rgb (pdf->cr, 1, 1, 1);
  cairo_paint (pdf->cr);
  shequ_map_renderer_draw (renderer, pdf->cr, &frame, SHEQU_MAP_DRAW_FILLS);
  veil_outside (pdf->cr, report->map, group->unit_id, &frame);
  shequ_map_renderer_draw (renderer, pdf->cr, &frame,
                           SHEQU_MAP_DRAW_HIGHLIGHT | SHEQU_MAP_DRAW_LABELS);
  /* The legend and the title larger than the names: readable in print. */
  shequ_map_renderer_set_text_scale (renderer, DECORATION_SCALE);
  shequ_map_renderer_draw (renderer, pdf->cr, &frame, SHEQU_MAP_DRAW_DECORATIONS);
  shequ_map_renderer_set_text_scale (renderer, LABEL_SCALE);
  cairo_restore (pdf->cr);
  cairo_rectangle (pdf->cr, x + 0.3, y + 0.3, width - 0.6, height - 0.6);
  cairo_set_source_rgb (pdf->cr, pdf_rule_colour.red, pdf_rule_colour.green,
                        pdf_rule_colour.blue);
  cairo_set_line_width (pdf->cr, 0.6);
  cairo_stroke (pdf->cr);
}

void
pdf_get_group_columns (PdfColumn columns[PDF_N_GROUP_COLUMNS])
{
  const PdfColumn group_columns[PDF_N_GROUP_COLUMNS] = {
    { C_("ranking column", "Rank"), 42, PANGO_ALIGN_RIGHT },
    { C_("ranking column", "Change"), 70, PANGO_ALIGN_LEFT },
    { C_("ranking column", "Name"), 223, PANGO_ALIGN_LEFT },
    { C_("ranking column", "Total"), 80, PANGO_ALIGN_RIGHT },
    { C_("ranking column", "Band"), 84, PANGO_ALIGN_CENTER },
  };

  memcpy (columns, group_columns, sizeof group_columns);
}

/* An area's page (community period): its communities, its band map and its trend. */
static gboolean
draw_area (Pdf                        *pdf,
           const ShequEvalReportGroup *group,
           int                         outline)
{
  PdfColumn columns[PDF_N_GROUP_COLUMNS];
  PdfRanking ranking = { group->rows, FALSE };
  double chart_x = PDF_MARGIN + MAP_WIDTH + BOX_GAP;
  g_autofree char *subtitle =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Management area · %u community",
                                  "Management area · %u communities", group->rows->len),
                     group->rows->len);
  /* Translators: the heading of the table on a group's page when it goes on */
  g_autofree char *continued = g_strdup_printf (_("%s (continued)"), group->name);

  pdf_get_group_columns (columns);
  pdf_begin_page (pdf);
  pdf_add_outline (pdf, outline, group->name);
  pdf->y = pdf_draw_heading (pdf, group->name, subtitle);
  pdf->y += pdf_draw_figures (pdf, pdf->y, group->mean_total, group->band, group->n_band) + 10;
  draw_band_map (pdf, group, PDF_MARGIN, pdf->y, MAP_WIDTH, MAP_HEIGHT);
  draw_trend (pdf, group, chart_x, pdf->y, PDF_PAGE_WIDTH - PDF_MARGIN - chart_x, MAP_HEIGHT);
  pdf->y += MAP_HEIGHT;
  g_warn_if_fail (pdf->y <= PDF_CONTENT_TOP + PDF_RESERVED_AREA);
  pdf->y = PDF_CONTENT_TOP + PDF_RESERVED_AREA;
  if (!pdf_draw_table (pdf, columns, PDF_N_GROUP_COLUMNS, group->rows->len, continued,
                       pdf_ranking_cell, &ranking))
    return FALSE;
  return pdf_end_page (pdf);
}

/* ---- The document --------------------------------------------------------------- */

guint
shequ_eval_report_pdf_count_pages (const ShequEvalReport *report)
{
  guint n = 1;

  g_return_val_if_fail (report != NULL, 0);

  n += report->groups->len > 0 ? pdf_table_pages (PDF_RESERVED_SUMMARY, report->groups->len) : 1;
  n += pdf_table_pages (PDF_RESERVED_RANKING, report->rows->len);
  if (report->kind == SHEQU_EVAL_KIND_COMMUNITY)
    for (guint i = 0; i < report->groups->len; i++)
      n += pdf_table_pages (PDF_RESERVED_AREA,
                            ((ShequEvalReportGroup *) g_ptr_array_index (report->groups, i))
                            ->rows->len);
  else if (report->groups->len > 0)
    {
      g_autoptr(GArray) pieces = pdf_plan_blocks (report);

      n += g_array_index (pieces, PdfPiece, pieces->len - 1).page + 1;
    }
  return n;
}

static gboolean
draw_document (Pdf *pdf)
{
  int outline = CAIRO_PDF_OUTLINE_ROOT;

  if (!draw_cover (pdf) || !draw_summary (pdf) || !draw_ranking (pdf))
    return FALSE;
  /* The groups' pages under one entry of the outline, which opens the first. */
  if (pdf->report->groups->len > 0)
    outline = pdf_add_outline (pdf, CAIRO_PDF_OUTLINE_ROOT,
                               pdf->report->kind == SHEQU_EVAL_KIND_COMMUNITY
                               ? _("Management areas") : _("Communities"));
  if (pdf->report->kind != SHEQU_EVAL_KIND_COMMUNITY)
    return pdf->report->groups->len == 0 || pdf_draw_blocks (pdf, outline);
  for (guint i = 0; i < pdf->report->groups->len; i++)
    if (!draw_area (pdf, g_ptr_array_index (pdf->report->groups, i), outline))
      return FALSE;
  return TRUE;
}

static void
set_metadata (cairo_surface_t       *surface,
              const ShequEvalReport *report)
{
  g_autofree char *title = g_strdup_printf ("%s %s %s", report->street, report->period_label,
                                            report_title (report));
  g_autofree char *date = g_date_time_format_iso8601 (report->date);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, report->set_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Shequ");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

gboolean
shequ_eval_report_write_pdf (const ShequEvalReport *report,
                             const char            *path,
                             const char            *display_path,
                             GCancellable          *cancellable,
                             GError               **error)
{
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  cairo_status_t status;
  Pdf pdf = { .report = report, .page = 1, .cancellable = cancellable };
  gboolean drawn;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL && display_path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, PDF_PAGE_WIDTH, PDF_PAGE_HEIGHT);
  set_metadata (surface, report);
  pdf.surface = surface;
  pdf.cr = cairo_create (surface);
  pdf.layout = pango_cairo_create_layout (pdf.cr);
  /* Unhinted metrics: text is laid out as it prints, at any zoom. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (pdf.layout), options);
  pango_layout_context_changed (pdf.layout);
  cairo_font_options_destroy (options);
  pdf.n_pages = shequ_eval_report_pdf_count_pages (report);

  drawn = draw_document (&pdf);
  if (drawn && pdf.page - 1 != pdf.n_pages)
    g_critical ("The report has %u pages, not the %u counted", pdf.page - 1, pdf.n_pages);
  status = cairo_status (pdf.cr);
  g_clear_object (&pdf.layout);
  g_clear_object (&pdf.renderer);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!drawn)
    {
      g_propagate_error (error, pdf.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the report to %s: %s"),
                   display_path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
