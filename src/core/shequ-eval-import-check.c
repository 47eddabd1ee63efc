/* shequ-eval-import-check.c — each line of a scores file against the evaluation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-eval-import-private.h"
#include "shequ-io-private.h"

/* Short names for the two calls made on every line. */
#define add_problem _shequ_eval_import_add_problem
#define field_at    _shequ_eval_import_field_at

/* Two assessors of a period share the name. */
static const char AMBIGUOUS[] = "";

/* A problem of the header line, reported once however many periods meet it. */
static void
add_header_problem (Reader     *r,
                    guint       column,
                    const char *message)
{
  g_autofree char *key = g_strdup_printf ("%u:%s", column, message);

  if (!g_hash_table_add (r->header_reported, g_steal_pointer (&key)))
    return;
  add_problem (r->self, r->header_line, column, "%s", message);
}

/* ------------------------------------------------------------------------------------ */
/* Periods                                                                              */

void
_shequ_eval_import_context_free (PeriodContext *ctx)
{
  g_free (ctx->indicator_of);
  g_free (ctx->comment_of);
  g_hash_table_unref (ctx->assessors);
  g_hash_table_unref (ctx->targets);
  g_free (ctx);
}

static int
find_indicator (const ShequEvalSetDef *set,
                const char            *ref)
{
  for (guint i = 0; i < set->indicators->len; i++)
    {
      const ShequIndicatorRow *indicator = g_ptr_array_index (set->indicators, i);

      if (g_ascii_strcasecmp (ref, indicator->code) == 0 || g_str_equal (ref, indicator->name))
        return (int) i;
    }
  return -1;
}

/* Which indicator each score and comment column gives in CTX's set; two columns for
 * one indicator are a problem of the header. */
static void
match_columns (Reader        *r,
               PeriodContext *ctx)
{
  guint n_indicators = ctx->set->indicators->len;
  g_autofree int *score_of = g_new (int, MAX (n_indicators, 1));

  ctx->indicator_of = g_new (int, MAX (r->n_columns, 1));
  ctx->comment_of = g_new (int, MAX (n_indicators, 1));
  for (guint i = 0; i < n_indicators; i++)
    score_of[i] = ctx->comment_of[i] = -1;

  for (guint f = 0; f < r->n_columns; f++)
    {
      FileColumn *column = &r->columns[f];
      int i = -1;
      int *first;

      if (column->kind == COLUMN_SCORE || column->kind == COLUMN_COMMENT)
        i = find_indicator (ctx->set, column->indicator);
      ctx->indicator_of[f] = column->kind == COLUMN_SCORE ? i : -1;
      if (i < 0)
        continue;
      column->matched = TRUE;
      first = column->kind == COLUMN_SCORE ? &score_of[i] : &ctx->comment_of[i];
      if (*first >= 0)
        {
          const ShequIndicatorRow *indicator = g_ptr_array_index (ctx->set->indicators, i);
          g_autofree char *message =
            g_strdup_printf (column->kind == COLUMN_SCORE
                             ? _("columns %d and %u both give the scores of %s")
                             : _("columns %d and %u both give the comments on %s"),
                             *first + 1, f + 1, indicator->code);

          add_header_problem (r, f, message);
          ctx->indicator_of[f] = -1;
          continue;
        }
      *first = (int) f;
    }
}

static void
index_people (Reader        *r,
              PeriodContext *ctx)
{
  ShequOrgStore *org = shequ_eval_store_get_org_store (r->self->store);
  GPtrArray *assessors = shequ_eval_store_get_assessors (r->self->store, ctx->period->id);
  GPtrArray *targets = shequ_eval_store_get_period_targets (r->self->store, ctx->period->id);

  ctx->assessors = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->targets = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; assessors != NULL && i < assessors->len; i++)
    {
      ShequAssessorRow *row = g_ptr_array_index (assessors, i);
      ShequPerson *person = shequ_org_store_lookup_person (org, row->person_id);
      gpointer other = g_hash_table_lookup (ctx->assessors, row->name);

      if (row->name != NULL)
        g_hash_table_insert (ctx->assessors, row->name,
                             other != NULL && other != row ? (gpointer) AMBIGUOUS : row);
      /* A code is unique: it wins over a name that reads the same. */
      if (person != NULL)
        g_hash_table_insert (ctx->assessors, (gpointer) shequ_person_get_code (person), row);
    }
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      ShequEvalTargetRow *row = g_ptr_array_index (targets, i);

      g_hash_table_insert (ctx->targets, row->code, row);
    }
}

PeriodContext *
_shequ_eval_import_get_context (Reader               *r,
                                const ShequPeriodRow *period)
{
  PeriodContext *ctx = g_hash_table_lookup (r->contexts, &period->id);

  if (ctx != NULL)
    return ctx;
  ctx = g_new0 (PeriodContext, 1);
  ctx->period = period;
  ctx->set = shequ_eval_store_lookup_set (r->self->store, period->set_id);
  ctx->matrix = shequ_eval_store_get_matrix (r->self->store, period->id);
  g_hash_table_insert (r->contexts, (gpointer) &period->id, ctx);
  if (ctx->set == NULL)
    {
      /* A damaged database: nothing of the period can be checked. */
      ctx->indicator_of = g_new0 (int, 1);
      ctx->comment_of = g_new0 (int, 1);
      ctx->assessors = g_hash_table_new (g_str_hash, g_str_equal);
      ctx->targets = g_hash_table_new (g_str_hash, g_str_equal);
      return ctx;
    }
  match_columns (r, ctx);
  index_people (r, ctx);
  return ctx;
}

/* ------------------------------------------------------------------------------------ */
/* Lines                                                                                */

/* The field of F in ROW, trimmed (empty past the row's end). Owned by the reader's
 * string chunk. */
const char *
_shequ_eval_import_field_at (Reader            *r,
                             const ShequCsvRow *row,
                             guint              f)
{
  g_autofree char *value = NULL;

  if (f >= row->n_fields)
    return "";
  value = _shequ_io_dup_trimmed (row->fields[f]);
  return g_string_chunk_insert_const (r->self->strings, value);
}

static gboolean
looks_like_excel_number (const char *text)
{
  return strchr (text, 'E') != NULL && strchr (text, '+') != NULL &&
         g_ascii_isdigit (text[0]);
}

/* The period TEXT names: its id, or its label. */
const ShequPeriodRow *
_shequ_eval_import_lookup_period (Reader     *r,
                                  const char *text)
{
  const ShequPeriodRow *period = NULL;
  gint64 id = 0;

  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    period = shequ_eval_store_lookup_period (r->self->store, id);
  if (period == NULL)
    period = g_hash_table_lookup (r->periods, text);
  return period;
}

static PeriodContext *
resolve_period (Reader            *r,
                const ShequCsvRow *row)
{
  guint f = r->key[0];
  const char *text = field_at (r, row, f);
  const ShequPeriodRow *period;
  PeriodContext *ctx;

  if (text[0] == '\0')
    {
      add_problem (r->self, row->line, f, _("no period is given"));
      return NULL;
    }
  period = _shequ_eval_import_lookup_period (r, text);
  if (period == NULL)
    {
      add_problem (r->self, row->line, f, _("there is no period “%s”"), text);
      return NULL;
    }
  if (period->state == SHEQU_PERIOD_STATE_CLOSED)
    {
      add_problem (r->self, row->line, f,
                   _("the period %s is closed: its scores cannot change"), period->label);
      return NULL;
    }
  ctx = _shequ_eval_import_get_context (r, period);
  if (ctx->set == NULL)
    {
      add_problem (r->self, row->line, f,
                   _("the indicator set of the period %s is missing from the database"),
                   period->label);
      return NULL;
    }
  return ctx;
}

static const ShequAssessorRow *
resolve_assessor (Reader            *r,
                  PeriodContext     *ctx,
                  const ShequCsvRow *row)
{
  guint f = r->key[1];
  const char *text = field_at (r, row, f);
  const ShequAssessorRow *assessor;

  if (text[0] == '\0')
    {
      add_problem (r->self, row->line, f, _("no assessor is given"));
      return NULL;
    }
  assessor = g_hash_table_lookup (ctx->assessors, text);
  if (assessor == (gpointer) AMBIGUOUS)
    {
      add_problem (r->self, row->line, f,
                   _("two assessors of %s are named %s: give the person’s code instead"),
                   ctx->period->label, text);
      return NULL;
    }
  if (assessor == NULL)
    {
      add_problem (r->self, row->line, f, _("%s is not an assessor of %s"),
                   text, ctx->period->label);
      return NULL;
    }
  if (assessor->submitted_at != NULL)
    {
      add_problem (r->self, row->line, f,
                   _("%s has submitted the sheet of %s: it must be reopened before its "
                   "scores change"), assessor->name, ctx->period->label);
      return NULL;
    }
  return assessor;
}

static const ShequEvalTargetRow *
resolve_target (Reader                 *r,
                PeriodContext          *ctx,
                const ShequAssessorRow *assessor,
                const ShequCsvRow      *row)
{
  guint f = r->key[2];
  const char *text = field_at (r, row, f);
  const ShequEvalTargetRow *target;
  int ai, ti;

  if (text[0] == '\0')
    {
      add_problem (r->self, row->line, f, _("no target is given"));
      return NULL;
    }
  target = g_hash_table_lookup (ctx->targets, text);
  if (target == NULL && looks_like_excel_number (text))
    {
      add_problem (r->self, row->line, f,
                   _("“%s” is not a target code: the spreadsheet turned the code into a "
                   "number; format the column as text and save the file again"), text);
      return NULL;
    }
  if (target == NULL)
    {
      add_problem (r->self, row->line, f, _("%s is not a target of %s"),
                   text, ctx->period->label);
      return NULL;
    }
  if (assessor == NULL)
    return NULL;
  ai = shequ_eval_store_assessor_index (r->self->store, ctx->period->id, assessor->id);
  ti = shequ_eval_store_target_index (r->self->store, ctx->period->id, target->id);
  if (ai < 0 || ti < 0 || ctx->matrix == NULL ||
      !shequ_eval_matrix_get_assigned (ctx->matrix, ai, ti))
    {
      add_problem (r->self, row->line, f, _("%s does not grade %s (%s)"),
                   assessor->name, target->code, target->name);
      return NULL;
    }
  return target;
}

typedef enum {
  CELL_SCORE,
  CELL_NOT_A_NUMBER,
  CELL_OUT_OF_RANGE,   /* "-1", "99999999999": numbers all the same */
  CELL_TOO_PRECISE,    /* "8.125" */
} CellResult;

/* The number a cell gives (shequ_score_parse), with a decimal comma in a semicolon
 * file. */
static CellResult
parse_cell (const char *text,
            gboolean    decimal_comma,
            ShequScore *value)
{
  g_autofree char *copy = g_strdup (text);
  char *comma = strchr (copy, ',');
  const char *digits, *point;
  gsize n_digits, n_points = 0;

  if (decimal_comma && comma != NULL && strchr (comma + 1, ',') == NULL &&
      strchr (copy, '.') == NULL)
    *comma = '.';
  if (shequ_score_parse (copy, value))
    return CELL_SCORE;

  digits = copy[0] == '-' ? copy + 1 : copy;
  n_digits = strspn (digits, "0123456789.");
  for (const char *p = digits; *p != '\0'; p++)
    n_points += *p == '.';
  if (n_digits == 0 || digits[n_digits] != '\0' || n_points > 1 || g_str_equal (digits, "."))
    return CELL_NOT_A_NUMBER;
  point = strchr (digits, '.');
  if (digits == copy && point != NULL && strlen (point + 1) > 2)
    return CELL_TOO_PRECISE;
  return CELL_OUT_OF_RANGE;
}

static void
add_edit (Reader                   *r,
          guint                     line,
          const ShequAssessorRow   *assessor,
          const ShequEvalTargetRow *target,
          const ShequIndicatorRow  *indicator,
          ShequScore                value,
          const char               *comment)
{
  ShequScoreEdit edit = { assessor->id, target->id, indicator->id, value, comment };

  g_array_append_val (r->self->edits, edit);
  g_array_append_val (r->self->edit_lines, line);
}

/* One score cell (and its comment) of a line whose keys are known. */
static void
check_cell (Reader                   *r,
            PeriodContext            *ctx,
            const ShequAssessorRow   *assessor,
            const ShequEvalTargetRow *target,
            const ShequCsvRow        *row,
            guint                     f)
{
  const char *text = field_at (r, row, f);
  const ShequIndicatorRow *indicator;
  g_autofree char *max = NULL;
  const char *file_comment = "", *old_comment = NULL, *comment;
  ShequScore value = SHEQU_SCORE_NONE, old = SHEQU_SCORE_NONE;
  gboolean has_old;
  int i = ctx->indicator_of[f], cf;

  if (i < 0)
    {
      if (text[0] != '\0' && r->columns[f].matched)
        add_problem (r->self, row->line, f, _("%s is not an indicator of %s (%s)"),
                     r->columns[f].name, ctx->set->set->name, ctx->period->label);
      return;
    }
  indicator = g_ptr_array_index (ctx->set->indicators, i);
  cf = ctx->comment_of[i];
  if (cf >= 0)
    file_comment = field_at (r, row, cf);
  if (text[0] == '\0' && file_comment[0] == '\0')
    return;   /* the cell stays as it is */

  max = shequ_score_format (indicator->max_score);
  has_old = shequ_eval_store_get_score (r->self->store, assessor->id, target->id, indicator->id,
                                        &old, &old_comment);
  if (text[0] == '\0')
    value = has_old ? old : SHEQU_SCORE_NONE;   /* only the comment changes */
  else if (g_str_equal (text, "-"))
    value = SHEQU_SCORE_NONE;
  else
    {
      CellResult result = parse_cell (text, r->decimal_comma, &value);

      if (result != CELL_SCORE)
        {
          add_problem (r->self, row->line, f,
                       result == CELL_OUT_OF_RANGE
                       ? _("%s: %s is out of range (0 to %s)")
                       : result == CELL_TOO_PRECISE
                       ? _("%s: %s has more than two decimals (0 to %s)")
                       : _("%s: “%s” is not a number (0 to %s)"),
                       indicator->code, text, max);
          return;
        }
    }
  if (value != SHEQU_SCORE_NONE && value > indicator->max_score)
    {
      add_problem (r->self, row->line, f, _("%s: %s is out of range (0 to %s)"),
                   indicator->code, text, max);
      return;
    }
  if (value == SHEQU_SCORE_NONE && !has_old)
    return;   /* clearing an empty cell, or a comment on one */

  comment = file_comment[0] != '\0' ? file_comment : old_comment;
  if (value != SHEQU_SCORE_NONE && ctx->set->set->comment_below > 0 &&
      value < ctx->set->set->comment_below * indicator->max_score &&
      (comment == NULL || comment[0] == '\0'))
    {
      g_autofree char *below = shequ_score_format ((ShequScore) (ctx->set->set->comment_below *
                                                                 indicator->max_score));

      add_problem (r->self, row->line, cf >= 0 ? (guint) cf : f,
                   _("%s: %s is below %s and needs a comment (a column “comment:%s”)"),
                   indicator->code, text, below, indicator->code);
      return;
    }
  if (has_old && value == old && g_strcmp0 (comment != NULL ? comment : "",
                                            old_comment != NULL ? old_comment : "") == 0)
    return;   /* nothing changes */
  add_edit (r, row->line, assessor, target, indicator, value, comment);
}

static gboolean
row_is_blank (const ShequCsvRow *row)
{
  for (guint f = 0; f < row->n_fields; f++)
    {
      g_autofree char *value = _shequ_io_dup_trimmed (row->fields[f]);

      if (value[0] != '\0')
        return FALSE;
    }
  return TRUE;
}

static void
check_field_count (Reader            *r,
                   const ShequCsvRow *row)
{
  guint last = row->n_fields;

  /* Empty fields past the header's are what spreadsheets leave behind. */
  while (last > r->n_columns && field_at (r, row, last - 1)[0] == '\0')
    last--;
  if (last != r->n_columns)
    add_problem (r->self, row->line, G_MAXUINT,
                 g_dngettext (GETTEXT_PACKAGE, "the line has %u field; the header has %u",
                 "the line has %u fields; the header has %u", last),
                 last, r->n_columns);
  for (guint f = 0; f < MIN (row->n_fields, r->n_columns); f++)
    if (r->columns[f].kind == COLUMN_IGNORED && r->columns[f].name[0] == '\0' &&
        field_at (r, row, f)[0] != '\0')
      add_problem (r->self, row->line, f,
                   _("column %u has no header, so “%s” in it is not read"), f + 1,
                   field_at (r, row, f));
}

void
_shequ_eval_import_check_line (Reader            *r,
                               const ShequCsvRow *row)
{
  PeriodContext *ctx;
  const ShequAssessorRow *assessor;
  const ShequEvalTargetRow *target;
  g_autofree char *key = NULL;
  gpointer first;

  if (row_is_blank (row))
    return;   /* ",,,," lines that spreadsheets leave behind */
  check_field_count (r, row);
  ctx = resolve_period (r, row);
  if (ctx == NULL)
    return;
  assessor = resolve_assessor (r, ctx, row);
  target = resolve_target (r, ctx, assessor, row);
  if (assessor == NULL || target == NULL)
    return;

  key = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                         ctx->period->id, assessor->id, target->id);
  first = g_hash_table_lookup (r->seen, key);
  if (first != NULL)
    {
      add_problem (r->self, row->line, r->key[2],
                   _("line %u gives the scores of %s by %s already"),
                   GPOINTER_TO_UINT (first), target->code, assessor->name);
      return;
    }
  g_hash_table_insert (r->seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));

  for (guint f = 0; f < r->n_columns; f++)
    if (r->columns[f].kind == COLUMN_SCORE)
      check_cell (r, ctx, assessor, target, row, f);
}

/* Score and comment columns no period of the file knows. */
void
_shequ_eval_import_check_unmatched (Reader *r)
{
  if (g_hash_table_size (r->contexts) == 0)
    return;   /* every line was refused already */
  for (guint f = 0; f < r->n_columns; f++)
    {
      FileColumn *column = &r->columns[f];
      g_autofree char *message = NULL;

      if ((column->kind != COLUMN_SCORE && column->kind != COLUMN_COMMENT) || column->matched)
        continue;
      message = g_strdup_printf (column->kind == COLUMN_SCORE
                                 ? _("%s is not an indicator of the file’s periods")
                                 : _("the column %s gives comments on an indicator the "
                                     "file’s periods do not have"),
                                 column->name);
      add_header_problem (r, f, message);
    }
}
