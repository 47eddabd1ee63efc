/* shequ-eval-import-private.h — what the two halves of the score import share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-csv.h"
#include "shequ-eval-import.h"

G_BEGIN_DECLS

typedef enum {
  COLUMN_IGNORED,     /* a name column, or one without a header */
  COLUMN_PERIOD,
  COLUMN_ASSESSOR,
  COLUMN_TARGET,
  COLUMN_SCORE,       /* an indicator, by code or name */
  COLUMN_COMMENT,     /* "comment:I01" */
} ColumnKind;

#define N_KEYS 3   /* period, assessor, target: the first three kinds after IGNORED */

typedef struct {
  ColumnKind  kind;
  char       *name;        /* the header as the file writes it, trimmed */
  char       *indicator;   /* SCORE, COMMENT: how it names the indicator */
  gboolean    matched;     /* SCORE, COMMENT: some period's set has the indicator */
} FileColumn;

/* What the lines of one period are checked against (all borrowed from the store). */
typedef struct {
  const ShequPeriodRow  *period;
  const ShequEvalSetDef *set;
  const ShequEvalMatrix *matrix;
  int                   *indicator_of;  /* per file column: index in set->indicators, or -1 */
  int                   *comment_of;    /* per indicator: the file column of its comment, or -1 */
  GHashTable            *assessors;     /* person code, name → ShequAssessorRow or AMBIGUOUS */
  GHashTable            *targets;       /* code → ShequEvalTargetRow */
} PeriodContext;

struct _ShequEvalImport
{
  ShequEvalStore *store;
  char           *name;
  GPtrArray      *problems;     /* ShequIoProblem */
  GArray         *edits;        /* ShequScoreEdit */
  GArray         *edit_lines;   /* guint: the line each edit comes from */
  GStringChunk   *strings;      /* the edits' comments */
};

typedef struct {
  ShequEvalImport *self;
  FileColumn      *columns;
  guint            n_columns;
  guint            header_line;
  int              key[N_KEYS];       /* the file column of period, assessor, target */
  gboolean         decimal_comma;     /* a semicolon file: "8,5" is 8.5 */
  GHashTable      *periods;           /* label → ShequPeriodRow */
  GHashTable      *contexts;          /* period id → PeriodContext */
  GHashTable      *seen;              /* "period/assessor/target" → first line */
  GHashTable      *header_reported;   /* message → itself: header problems once */
} Reader;

/* shequ-eval-import.c */

/* COLUMN: 0-based file column, or G_MAXUINT for the whole line. */
void        _shequ_eval_import_add_problem     (ShequEvalImport       *self,
                                                guint                  line,
                                                guint                  column,
                                                const char            *format,
                                                ...) G_GNUC_PRINTF (4, 5);

/* shequ-eval-import-check.c: the lines, against the store */

const char *_shequ_eval_import_field_at        (Reader                *r,
                                                const ShequCsvRow     *row,
                                                guint                  f);
const ShequPeriodRow *_shequ_eval_import_lookup_period (Reader        *r,
                                                const char            *text);
PeriodContext *_shequ_eval_import_get_context  (Reader                *r,
                                                const ShequPeriodRow  *period);
void        _shequ_eval_import_context_free    (PeriodContext         *ctx);
void        _shequ_eval_import_check_line      (Reader                *r,
                                                const ShequCsvRow     *row);
void        _shequ_eval_import_check_unmatched (Reader                *r);

G_END_DECLS
