/* shequ-eval-import.c — scores from a CSV file: every line checked, then one write */
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

/* ------------------------------------------------------------------------------------ */
/* Problems                                                                             */

ShequIoProblem *
shequ_io_problem_new (guint       line,
                      guint       column,
                      const char *message)
{
  ShequIoProblem *problem;

  g_return_val_if_fail (message != NULL, NULL);

  problem = g_new0 (ShequIoProblem, 1);
  problem->line = line;
  problem->column = column;
  /* Whatever the file held, the message is text. */
  problem->message = g_utf8_make_valid (message, -1);
  return problem;
}

void
shequ_io_problem_free (ShequIoProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/* COLUMN: 0-based file column, or G_MAXUINT for the whole line. */
void
_shequ_eval_import_add_problem (ShequEvalImport *self,
                                guint            line,
                                guint            column,
                                const char      *format,
                                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->problems,
                   shequ_io_problem_new (line, column == G_MAXUINT ? 0 : column + 1, message));
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const ShequIoProblem *pa = *(const ShequIoProblem * const *) a;
  const ShequIoProblem *pb = *(const ShequIoProblem * const *) b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  return (pa->column > pb->column) - (pa->column < pb->column);
}

/* ------------------------------------------------------------------------------------ */
/* Separators                                                                           */

/* The separator of the header line: the most frequent of comma, semicolon and tab
 * outside quotes (a comma when tied). */
static char
detect_separator (const char *text)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == '\t')
        tabs++;
    }
  if (tabs > commas && tabs >= semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

/* The field at *P of text separated by SEPARATOR, unquoted, into FIELD; *P moves to
 * the separator or line end after it. FALSE for a quote never closed (P then at the
 * end, FIELD holding the rest as it was, for the parser to name). */
static gboolean
read_field (const char **p,
            char         separator,
            GString     *field,
            gboolean    *quoted)
{
  const char *q = *p;

  g_string_truncate (field, 0);
  *quoted = *q == '"';
  if (*quoted)
    {
      for (q++;; q++)
        {
          if (*q == '\0')
            {
              g_string_assign (field, *p);
              *p = q;
              return FALSE;
            }
          if (*q == '"' && q[1] == '"')
            q++;
          else if (*q == '"')
            {
              q++;
              break;
            }
          g_string_append_c (field, *q);
        }
    }
  /* Text after the closing quote is kept, as spreadsheet programs do. */
  for (; *q != '\0' && *q != separator && *q != '\n' && *q != '\r'; q++)
    g_string_append_c (field, *q);
  *p = q;
  return TRUE;
}

/* TEXT separated by SEPARATOR as comma-separated text for shequ_csv_parse(): each field
 * read as the parser would, written again quoted when it was quoted or holds a comma or
 * a quote. Line ends stay where they were, so line numbers do not change. */
static char *
to_comma_separated (const char *text,
                    char        separator)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      gboolean quoted;

      if (!read_field (&p, separator, field, &quoted))
        {
          g_string_append (out, field->str);
          break;
        }
      if (quoted || strpbrk (field->str, ",\"") != NULL)
        {
          g_string_append_c (out, '"');
          for (const char *c = field->str; *c != '\0'; c++)
            {
              if (*c == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *c);
            }
          g_string_append_c (out, '"');
        }
      else
        g_string_append (out, field->str);
      if (*p == separator)
        {
          g_string_append_c (out, ',');
          p++;
        }
      else if (*p != '\0')
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------ */
/* The header                                                                           */

static const char *const period_names[] = { "period", "period_id", "考核期", NULL };
static const char *const assessor_names[] = { "assessor", "考核员", NULL };
static const char *const target_names[] = { "target", "target_code", "考评对象", "对象",
                                            "对象编码", "编码", NULL };
static const char *const ignored_names[] = { "name", "target_name", "assessor_name", "名称",
                                             "姓名", "对象名称", NULL };
static const char *const comment_prefixes[] = { "comment:", "comment：", "扣分说明:",
                                                "扣分说明：", "说明:", "说明：", NULL };

static gboolean
name_in (const char         *name,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
classify_column (FileColumn *column)
{
  if (column->name[0] == '\0' || name_in (column->name, ignored_names))
    column->kind = COLUMN_IGNORED;
  else if (name_in (column->name, period_names))
    column->kind = COLUMN_PERIOD;
  else if (name_in (column->name, assessor_names))
    column->kind = COLUMN_ASSESSOR;
  else if (name_in (column->name, target_names))
    column->kind = COLUMN_TARGET;
  else
    {
      column->kind = COLUMN_SCORE;
      for (guint i = 0; comment_prefixes[i] != NULL; i++)
        if (g_ascii_strncasecmp (column->name, comment_prefixes[i],
                                 strlen (comment_prefixes[i])) == 0)
          {
            column->kind = COLUMN_COMMENT;
            column->indicator = _shequ_io_dup_trimmed (column->name +
                                                       strlen (comment_prefixes[i]));
            return;
          }
      column->indicator = g_strdup (column->name);
    }
}

static gboolean
read_header (Reader             *r,
             const ShequCsvRow  *header,
             GError            **error)
{
  const char *key_names[N_KEYS] = { "period", "assessor", "target" };
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  r->header_line = header->line;
  r->n_columns = header->n_fields;
  r->columns = g_new0 (FileColumn, r->n_columns);
  for (guint k = 0; k < N_KEYS; k++)
    r->key[k] = -1;

  for (guint f = 0; f < header->n_fields; f++)
    {
      FileColumn *column = &r->columns[f];
      int k;

      column->name = _shequ_io_dup_trimmed (header->fields[f]);
      classify_column (column);
      if (column->kind < COLUMN_PERIOD || column->kind > COLUMN_TARGET)
        continue;
      k = column->kind - COLUMN_PERIOD;
      if (r->key[k] >= 0)
        {
          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                       _("%s\nLine %u: the column %s appears twice (columns %d and %u)"),
                       r->self->name, header->line, column->name, r->key[k] + 1, f + 1);
          return FALSE;
        }
      r->key[k] = (int) f;
    }

  for (guint k = 0; k < N_KEYS; k++)
    if (r->key[k] < 0)
      {
        if (missing->len > 0)
          g_string_append (missing, C_("list separator", ", "));
        g_string_append (missing, key_names[k]);
        n_missing++;
      }
  if (n_missing == 0)
    return TRUE;
  g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s\nLine %u: the header row lacks the column %s; "
                            "the first line must name the columns, e.g. %s",
                            "%s\nLine %u: the header row lacks the columns %s; "
                            "the first line must name the columns, e.g. %s",
                            n_missing),
               r->self->name, header->line, missing->str,
               "period,assessor,target,I01,I02,…,comment:I01");
  return FALSE;
}

static void
reader_clear (Reader *r)
{
  for (guint f = 0; f < r->n_columns; f++)
    {
      g_free (r->columns[f].name);
      g_free (r->columns[f].indicator);
    }
  g_free (r->columns);
  g_clear_pointer (&r->periods, g_hash_table_unref);
  g_clear_pointer (&r->contexts, g_hash_table_unref);
  g_clear_pointer (&r->seen, g_hash_table_unref);
  g_clear_pointer (&r->header_reported, g_hash_table_unref);
}

static gboolean
read_rows (ShequEvalImport  *self,
           GPtrArray        *rows,
           gboolean          decimal_comma,
           GError          **error)
{
  Reader r = { .self = self, .decimal_comma = decimal_comma };
  GPtrArray *periods = shequ_eval_store_get_periods (self->store);
  gboolean ok;

  if (rows->len == 0)
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   _("%s: the file is empty; the first line must be the header row"),
                   self->name);
      return FALSE;
    }
  r.periods = g_hash_table_new (g_str_hash, g_str_equal);
  r.contexts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                      (GDestroyNotify) _shequ_eval_import_context_free);
  r.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.header_reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; periods != NULL && i < periods->len; i++)
    {
      ShequPeriodRow *period = g_ptr_array_index (periods, i);

      /* Labels are not unique: the first (oldest) period of a label answers to it. */
      if (!g_hash_table_contains (r.periods, period->label))
        g_hash_table_insert (r.periods, period->label, period);
    }

  ok = read_header (&r, g_ptr_array_index (rows, 0), error);
  if (ok)
    {
      /* Every period's set first, so that a column is known to be some period's
       * indicator before the first line is checked. */
      for (guint i = 1; i < rows->len; i++)
        {
          const char *text = field_at (&r, g_ptr_array_index (rows, i), r.key[0]);
          const ShequPeriodRow *period = _shequ_eval_import_lookup_period (&r, text);

          if (period != NULL && period->state != SHEQU_PERIOD_STATE_CLOSED)
            _shequ_eval_import_get_context (&r, period);
        }
      for (guint i = 1; i < rows->len; i++)
        _shequ_eval_import_check_line (&r, g_ptr_array_index (rows, i));
      _shequ_eval_import_check_unmatched (&r);
      g_ptr_array_sort (self->problems, compare_problems);
    }
  reader_clear (&r);
  return ok;
}

/* ------------------------------------------------------------------------------------ */
/* Public                                                                               */

ShequEvalImport *
shequ_eval_import_read_data (ShequEvalStore  *store,
                             const char      *data,
                             gsize            length,
                             const char      *name,
                             GError         **error)
{
  g_autoptr(ShequEvalImport) self = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  g_autofree char *comma_text = NULL;
  char separator;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (ShequEvalImport, 1);
  self->store = g_object_ref (store);
  self->name = g_strdup (name);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_io_problem_free);
  self->edits = g_array_new (FALSE, FALSE, sizeof (ShequScoreEdit));
  self->edit_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->strings = g_string_chunk_new (4096);

  text = shequ_csv_decode (data != NULL ? data : "", length, SHEQU_IO_ENCODING_AUTO, name,
                           NULL, error);
  if (text == NULL)
    return NULL;
  separator = detect_separator (text);
  if (separator != ',')
    comma_text = to_comma_separated (text, separator);
  rows = shequ_csv_parse (comma_text != NULL ? comma_text : text, -1, name, error);
  if (rows == NULL || !read_rows (self, rows, separator == ';', error))
    return NULL;
  return g_steal_pointer (&self);
}

ShequEvalImport *
shequ_eval_import_read (ShequEvalStore  *store,
                        const char      *path,
                        GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_READ, _("Cannot read “%s”: %s"),
                   display, local->message);
      return NULL;
    }
  return shequ_eval_import_read_data (store, data, length, display, error);
}

void
shequ_eval_import_free (ShequEvalImport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_free (self->name);
  g_ptr_array_unref (self->problems);
  g_array_unref (self->edits);
  g_array_unref (self->edit_lines);
  g_string_chunk_free (self->strings);
  g_free (self);
}

GPtrArray *
shequ_eval_import_get_problems (ShequEvalImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->problems;
}

guint
shequ_eval_import_get_n_edits (ShequEvalImport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->edits->len;
}

char *
shequ_eval_import_format_problems (ShequEvalImport *self)
{
  GString *text;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);
  n = MIN (self->problems->len, SHEQU_EVAL_IMPORT_MAX_LISTED);
  for (guint i = 0; i < n; i++)
    {
      const ShequIoProblem *problem = g_ptr_array_index (self->problems, i);

      if (problem->column > 0)
        g_string_append_printf (text, "%s:%u:%u: %s\n", self->name, problem->line,
                                problem->column, problem->message);
      else
        g_string_append_printf (text, "%s:%u: %s\n", self->name, problem->line,
                                problem->message);
    }
  if (self->problems->len > n)
    {
      guint more = self->problems->len - n;

      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "… and %u more problem\n",
                                                 "… and %u more problems\n", more), more);
    }
  return g_string_free (text, FALSE);
}

gboolean
shequ_eval_import_apply (ShequEvalImport  *self,
                         const char       *actor,
                         guint            *n_written,
                         GError          **error)
{
  g_autoptr(GError) local = NULL;
  guint bad = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;
  if (self->problems->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %u problem: nothing was written",
                                "%s has %u problems: nothing was written",
                                self->problems->len),
                   self->name, self->problems->len);
      return FALSE;
    }
  if (self->edits->len == 0)
    return TRUE;
  if (!shequ_eval_store_set_scores (self->store, (const ShequScoreEdit *) self->edits->data,
                                    self->edits->len, actor, &bad, &local))
    {
      /* Another program changed the evaluation since the file was read. */
      guint line = bad < self->edit_lines->len ? g_array_index (self->edit_lines, guint, bad) : 0;

      g_set_error (error, local->domain, local->code, "%s:%u: %s", self->name, line,
                   local->message);
      return FALSE;
    }
  if (n_written != NULL)
    *n_written = self->edits->len;
  return TRUE;
}
