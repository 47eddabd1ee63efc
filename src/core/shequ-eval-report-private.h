/* shequ-eval-report-private.h — a period's results gathered for the report writers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-report.h"
#include "shequ-measure.h"

G_BEGIN_DECLS

/* Everything a report shows, copied out of the store once, so that the writers (PDF,
 * XLSX, CSV) need no store and the tests can give them data of their own. */

/* One target of the period. */
typedef struct {
  gint64      target_id;
  guint       position;       /* in the targets' order (area, unit, person) */
  gint64      unit_id;
  gint64      area_id;        /* 0 when the unit is under no management area */
  char       *code;
  char       *name;
  char       *unit_name;
  char       *area_name;      /* "" when none */
  double      total;          /* NAN when not (fully) graded */
  ShequBand   band;
  guint       rank;           /* 0 when not ranked */
  guint       previous_rank;  /* 0 when not ranked in the period before (or none) */
  ShequBand   previous_band;
  double     *combined;       /* n_indicators points, NAN where nobody scored */
  double     *history_total;  /* n_history totals, oldest first (this period last) */
  ShequBand  *history_band;   /* n_history bands (NONE: not graded then) */
} ShequEvalReportRow;

/* The rows of one unit: a management area (community period) or a community or village
 * (cadre period). */
typedef struct {
  gint64     unit_id;
  char      *name;
  guint      position;               /* the least of its rows' */
  GArray    *rows;                   /* guint indexes into the report's rows, rank order */
  guint      n_graded;
  double     mean_total;             /* NAN when none graded */
  ShequBand  band;
  guint      n_band[SHEQU_N_BANDS];
} ShequEvalReportGroup;

typedef struct {
  char             *street;
  char             *title;           /* nullable: "Green-orange-red evaluation" */
  char             *period_label;
  char             *previous_label;  /* nullable: no period before */
  ShequPeriodKind   period_kind;
  ShequPeriodState  period_state;
  char             *starts;
  char             *ends;
  char             *set_name;
  guint             set_version;
  ShequEvalKind     kind;
  double            green_min;
  double            orange_min;
  GDateTime        *date;            /* of the report */
  GPtrArray        *indicators;      /* ShequIndicatorRow, in order */
  GPtrArray        *rows;            /* ShequEvalReportRow, by rank (unranked last) */
  guint             n_band[SHEQU_N_BANDS];
  guint             n_history;
  char            **history_labels;  /* n_history period labels, oldest first */
  char            **history_axis;    /* nullable: short ones for a chart ("2026 Q3") */
  GPtrArray        *groups;          /* ShequEvalReportGroup, in the order they appear */
  /* The map of the area pages (nullable) and what colours it: MEASURE gives each unit
   * its band (nullable: tier colours). */
  ShequMap         *map;
  ShequOrgStore    *org;
  ShequMeasure     *measure;
} ShequEvalReport;

/* TEXT (nullable: "") as valid UTF-8, for the report to hold. Caller frees. */
char               *shequ_eval_report_text       (const char      *text);
ShequEvalReport    *shequ_eval_report_new        (void);
void                shequ_eval_report_free       (ShequEvalReport *report);
/* A row with N_INDICATORS combined scores and N_HISTORY history entries, all NAN / NONE;
 * strings empty. Appended to REPORT's rows. */
ShequEvalReportRow *shequ_eval_report_add_row    (ShequEvalReport *report,
                                                  const char      *code,
                                                  const char      *name);
/* Fills the groups from the rows: by area (community kind) or by unit (cadre kind), in
 * the targets' order, with their means and band counts; and REPORT's band counts. */
void                shequ_eval_report_group_rows (ShequEvalReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequEvalReport, shequ_eval_report_free)

/* Reads PERIOD_ID's report out of STORE (MAP nullable). NOT_FOUND for an unknown period. */
ShequEvalReport *shequ_eval_report_collect (ShequEvalStore *store,
                                           ShequMap       *map,
                                           gint64          period_id,
                                           GError        **error);

/* Writes REPORT as FORMAT to PATH through a temporary file beside it. */
gboolean shequ_eval_report_write_file (const ShequEvalReport *report,
                                       ShequEvalReportFormat  format,
                                       const char            *path,
                                       GCancellable          *cancellable,
                                       GError               **error);

/* The writers: REPORT to the file at PATH (a temporary file the caller renames). Their
 * errors are translated and name DISPLAY_PATH, the file the user asked for. */
gboolean shequ_eval_report_write_pdf  (const ShequEvalReport *report,
                                       const char            *path,
                                       const char            *display_path,
                                       GCancellable          *cancellable,
                                       GError               **error);
gboolean shequ_eval_report_write_xlsx (const ShequEvalReport *report,
                                       const char            *path,
                                       const char            *display_path,
                                       GCancellable          *cancellable,
                                       GError               **error);
/* The CSV text (BOM, CRLF, RFC 4180 quoting). NULL when cancelled. */
GString *shequ_eval_report_format_csv (const ShequEvalReport *report,
                                       GCancellable          *cancellable,
                                       GError               **error);

/* The number of pages the PDF of REPORT has: the cover, the band summary, the ranking's
 * pages, and a page (or more) per group. */
guint    shequ_eval_report_pdf_count_pages (const ShequEvalReport *report);
/* How many rows of a table fit on a page whose table starts RESERVED points below the
 * top margin. */
guint    shequ_eval_report_pdf_rows_fitting (double reserved);

/* Translated texts the writers share. */
const char *shequ_eval_report_get_unit_heading (const ShequEvalReport *report);
/* "+2", "-1", "0", "" (no rank then, or now). Caller frees. */
char       *shequ_eval_report_format_change    (const ShequEvalReportRow *row);

G_END_DECLS
