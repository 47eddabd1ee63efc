/* shequ-io-records.c — reading CSV and JSON into records, and the problems found */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "shequ-csv.h"
#include "shequ-io-private.h"
#include "shequ-text.h"

/* At most this many kinds of problem are spelled out; the rest are counted. */
#define MAX_PROBLEMS SHEQU_TEXT_MAX_LISTED
/* At most this many of the values a kind of problem was seen with are quoted. */
#define MAX_VALUES 5
/* JSON nesting the formats need: {"people":[{"posts":[{…}]}]} is 4 deep. Deeper input
 * is refused before json-glib, which recurses once per level, sees it. */
#define MAX_JSON_DEPTH 32
/* Numbers in JSON reach json-glib as strings that start with this private-use character,
 * so the literal text survives (json-glib turns 1e999 or 99999999999999999999 into
 * other values) and messages quote what the file said. */
#define JSON_NUMBER_MARK "\xEE\x80\x80"

/* ------------------------------------------------------------------------------------ */
/* Columns                                                                              */

const Column _shequ_io_unit_columns[N_UNIT_COLUMNS] = {
  { "code",         { "编码", "单位编码", "代码" },     TRUE },
  { "name",         { "名称", "单位名称" },             TRUE },
  { "tier",         { "层级", "级别" },                 TRUE },
  { "parent_code",  { "上级编码", "上级单位编码" },     FALSE },
  { "party_body",   { "党组织" },                       FALSE },
  { "service_body", { "服务阵地" },                     FALSE },
  { "population",   { "人口", "人口数" },               FALSE },
  { "households",   { "户数" },                         FALSE },
  { "note",         { "备注" },                         FALSE },
};

const Column _shequ_io_people_columns[N_PEOPLE_COLUMNS] = {
  { "person_code", { "人员编码" },           FALSE },
  { "name",        { "姓名" },               TRUE },
  { "phone",       { "电话", "手机", "联系电话" }, FALSE },
  { "unit_code",   { "单位编码" },           TRUE },
  { "role",        { "岗位", "角色" },       TRUE },
  { "title",       { "职务" },               FALSE },
};

/* Columns whose values are identifiers: a JSON number with a fraction or exponent is
 * refused there, and spreadsheet damage is looked for. */
static gboolean
is_identifier_column (const Column *columns,
                      guint         column)
{
  const char *key = columns[column].key;

  return g_str_equal (key, "code") || g_str_equal (key, "parent_code") ||
         g_str_equal (key, "person_code") || g_str_equal (key, "unit_code") ||
         g_str_equal (key, "phone");
}

/* ------------------------------------------------------------------------------------ */
/* Records and problems                                                                 */

typedef struct {
  guint     number;   /* the record's line or position: problems are listed in file order */
  guint     seq;
  gboolean  json;
  char     *text;     /* what is wrong, without the place: the same text groups lines */
  char     *value;    /* nullable: the value it was seen with, quoted after the text */
} Problem;

static void
record_free (Record *record)
{
  g_free (record->ref);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (record->values[i]);
  g_free (record);
}

/* "" for an absent value, so checks can read it. */
const char *
_shequ_io_record_get (const Record *record,
                      guint         column)
{
  return record->values[column] != NULL ? record->values[column] : "";
}

static void
problem_clear (Problem *problem)
{
  g_free (problem->text);
  g_free (problem->value);
}

void
_shequ_io_problems_init (Problems *problems)
{
  problems->list = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (problems->list, (GDestroyNotify) problem_clear);
}

void
_shequ_io_problems_clear (Problems *problems)
{
  g_clear_pointer (&problems->list, g_array_unref);
}

static void
problem_add_valist (Problems     *problems,
                    const Record *record,
                    const char   *value,
                    const char   *format,
                    va_list       args) G_GNUC_PRINTF (4, 0);

static void
problem_add_valist (Problems     *problems,
                    const Record *record,
                    const char   *value,
                    const char   *format,
                    va_list       args)
{
  Problem problem;

  problem.number = record->number;
  problem.seq = problems->list->len;
  problem.json = record->json;
  problem.text = g_strdup_vprintf (format, args);
  /* Whatever the file held, the message is text. */
  problem.value = value != NULL ? g_utf8_make_valid (value, -1) : NULL;
  g_array_append_val (problems->list, problem);
}

void
_shequ_io_problem_add (Problems     *problems,
                       const Record *record,
                       const char   *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  problem_add_valist (problems, record, NULL, format, args);
  va_end (args);
}

/* A problem whose text does not quote VALUE: lines with the same problem and different
 * values are reported together, with the values listed once. */
void
_shequ_io_problem_add_value (Problems     *problems,
                             const Record *record,
                             const char   *value,
                             const char   *format,
                             ...)
{
  va_list args;

  va_start (args, format);
  problem_add_valist (problems, record, value, format, args);
  va_end (args);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const Problem *pa = a;
  const Problem *pb = b;

  if (pa->number != pb->number)
    return pa->number < pb->number ? -1 : 1;
  return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

typedef struct {
  const char *text;
  gboolean    json;
  GArray     *numbers;   /* guint */
  GPtrArray  *values;    /* const char *, distinct */
  GHashTable *seen;      /* values */
} ProblemGroup;

static void
problem_group_free (ProblemGroup *group)
{
  g_array_unref (group->numbers);
  g_ptr_array_unref (group->values);
  g_hash_table_unref (group->seen);
  g_free (group);
}

static char *
format_problem_group (ProblemGroup *group)
{
  g_autofree char *ranges = shequ_text_format_ranges ((guint *) (gpointer) group->numbers->data,
                                                      group->numbers->len);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  /* Several problems of one record (a person's posts) count it once. */
  for (guint i = 0; i < group->numbers->len; i++)
    if (i == 0 || g_array_index (group->numbers, guint, i) != g_array_index (group->numbers, guint, i - 1))
      n++;

  if (group->json)
    /* Translators: “Records 3–5, 9: the name is empty” — %s are the records, then the problem */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Record %s: %s",
                                               "Records %s: %s", n),
                            ranges, group->text);
  else
    /* Translators: “Lines 3–62: …” — %s are the line numbers, then the problem */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Line %s: %s", "Lines %s: %s", n),
                            ranges, group->text);

  if (group->values->len > 0)
    {
      g_autoptr(GPtrArray) quoted = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < group->values->len; i++)
        /* Translators: a value quoted from the file */
        g_ptr_array_add (quoted, g_strdup_printf (_("“%s”"),
                                                  (char *) g_ptr_array_index (group->values, i)));
      g_string_append (text, _(" ("));
      shequ_text_append_capped (text, (const char * const *) quoted->pdata, quoted->len,
                                C_("list separator", ", "), MAX_VALUES);
      g_string_append (text, _(")"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
_shequ_io_problems_to_error (Problems    *problems,
                             const char  *filename,
                             GError     **error)
{
  g_autoptr(GString) message = NULL;
  g_autoptr(GHashTable) by_text = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  guint n = problems->list->len;

  if (n == 0)
    return TRUE;

  g_array_sort (problems->list, compare_problems);
  by_text = g_hash_table_new (g_str_hash, g_str_equal);
  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_group_free);
  for (guint i = 0; i < n; i++)
    {
      Problem *problem = &g_array_index (problems->list, Problem, i);
      ProblemGroup *group = g_hash_table_lookup (by_text, problem->text);

      if (group == NULL)
        {
          group = g_new0 (ProblemGroup, 1);
          group->text = problem->text;
          group->json = problem->json;
          group->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
          group->values = g_ptr_array_new ();
          group->seen = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (by_text, problem->text, group);
          g_ptr_array_add (groups, group);
        }
      g_array_append_val (group->numbers, problem->number);
      if (problem->value != NULL && g_hash_table_add (group->seen, problem->value))
        g_ptr_array_add (group->values, problem->value);
    }

  lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (lines, format_problem_group (g_ptr_array_index (groups, i)));

  message = g_string_new (NULL);
  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s: nothing was imported; fix this problem and import the file again:",
                                       "%s: nothing was imported; fix these %u problems and import the file again:",
                                       n),
                          filename, n);
  g_string_append_c (message, '\n');
  shequ_text_append_capped (message, (const char * const *) lines->pdata, lines->len, "\n",
                            MAX_PROBLEMS);
  g_set_error_literal (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID, message->str);
  return FALSE;
}

/* ------------------------------------------------------------------------------------ */
/* Reading a table from CSV or JSON                                                     */

static char *
dup_trimmed (const char *str)
{
  const char *start = str;
  const char *end = str + strlen (str);

  while (start < end)
    {
      gunichar c = g_utf8_get_char (start);

      if (!g_unichar_isspace (c) && c != 0xFEFF)
        break;
      start = g_utf8_next_char (start);
    }
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_isspace (c) && c != 0xFEFF)
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

void
_shequ_io_table_clear (Table *table)
{
  g_clear_pointer (&table->records, g_ptr_array_unref);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_clear_pointer (&table->names[i], g_free);
}

/* The name of COLUMN in messages: the header text the file used, else the name in the
 * language of the file's header. */
const char *
_shequ_io_column_label (const TableSpec *spec,
                        const Table     *table,
                        guint            column)
{
  if (table->names[column] != NULL)
    return table->names[column];
  return table->chinese ? spec->columns[column].names[0] : spec->columns[column].key;
}

gboolean
_shequ_io_is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

void
_shequ_io_append_column_name (GString      *list,
                              const Column *column,
                              gboolean      chinese)
{
  if (list->len > 0)
    g_string_append (list, chinese ? "、" : ", ");
  if (chinese)
    g_string_append_printf (list, "%s（%s）", column->names[0], column->key);
  else
    g_string_append_printf (list, "%s (%s)", column->key, column->names[0]);
}

static char *
describe_columns (const TableSpec *spec,
                  gboolean         required_only,
                  gboolean         chinese)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < spec->n_columns; i++)
    {
      if (required_only && !spec->columns[i].required)
        continue;
      _shequ_io_append_column_name (list, &spec->columns[i], chinese);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static int
find_column (const TableSpec *spec,
             const char      *header)
{
  g_autofree char *name = dup_trimmed (header);

  for (guint i = 0; i < spec->n_columns; i++)
    {
      const Column *column = &spec->columns[i];

      if (g_ascii_strcasecmp (name, column->key) == 0)
        return i;
      for (guint j = 0; j < MAX_NAMES && column->names[j] != NULL; j++)
        if (g_str_equal (name, column->names[j]))
          return i;
    }
  return -1;
}

gboolean
_shequ_io_read_csv_table (const TableSpec  *spec,
                          const char       *text,
                          const char       *filename,
                          Table            *table,
                          Problems         *problems,
                          GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  ShequCsvRow *header;
  int index_of[MAX_COLUMNS];
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree int *column_of_field = NULL;
  guint n_missing = 0;

  rows = shequ_csv_parse (text, -1, filename, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   _("%s: the file is empty; the first line must be the header row"), filename);
      return FALSE;
    }

  header = g_ptr_array_index (rows, 0);
  for (guint f = 0; f < header->n_fields; f++)
    if (!_shequ_io_is_ascii (header->fields[f]))
      table->chinese = TRUE;
  for (guint i = 0; i < MAX_COLUMNS; i++)
    index_of[i] = -1;
  column_of_field = g_new (int, header->n_fields);
  for (guint f = 0; f < header->n_fields; f++)
    {
      int column = find_column (spec, header->fields[f]);

      column_of_field[f] = column;
      if (column < 0)
        continue;   /* extra columns are ignored */
      if (index_of[column] >= 0)
        {
          g_autofree char *name = dup_trimmed (header->fields[f]);

          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                       _("%s\nLine %u: the column %s appears twice (columns %d and %u)"),
                       filename, header->line, name, index_of[column] + 1, f + 1);
          return FALSE;
        }
      index_of[column] = f;
      table->names[column] = dup_trimmed (header->fields[f]);
    }

  for (guint i = 0; i < spec->n_columns; i++)
    {
      table->has[i] = index_of[i] >= 0;
      if (spec->columns[i].required && !table->has[i])
        {
          _shequ_io_append_column_name (missing, &spec->columns[i], table->chinese);
          n_missing++;
        }
    }
  if (missing->len > 0)
    {
      g_autofree char *all = describe_columns (spec, FALSE, table->chinese);

      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s\nLine %u: the header row lacks the column %s; "
                                "the first line must name the columns, e.g. %s",
                                "%s\nLine %u: the header row lacks the columns %s; "
                                "the first line must name the columns, e.g. %s",
                                n_missing),
                   filename, header->line, missing->str, all);
      return FALSE;
    }

  table->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  for (guint r = 1; r < rows->len; r++)
    {
      ShequCsvRow *row = g_ptr_array_index (rows, r);
      Record *record;
      gboolean blank = TRUE;
      guint n_extra = 0;

      for (guint f = 0; f < row->n_fields; f++)
        {
          g_autofree char *value = dup_trimmed (row->fields[f]);

          if (value[0] == '\0')
            continue;
          blank = FALSE;
          if (f >= header->n_fields)
            n_extra++;
        }
      if (blank)
        continue;   /* ",,,," lines that spreadsheets leave behind */

      record = g_new0 (Record, 1);
      record->number = row->line;
      record->ref = g_strdup_printf (_("line %u"), row->line);
      for (guint i = 0; i < spec->n_columns; i++)
        if (index_of[i] >= 0)
          record->values[i] = dup_trimmed ((guint) index_of[i] < row->n_fields ?
                                           row->fields[index_of[i]] : "");
      g_ptr_array_add (table->records, record);

      if (n_extra > 0)
        {
          g_autofree char *count = g_strdup_printf ("%u", row->n_fields);

          /* Translators: the quoted value after this is the line's number of fields */
          _shequ_io_problem_add_value (problems, record, count,
                                       _("the line has more fields than the header’s %u"),
                                       header->n_fields);
        }
    }
  return TRUE;
}

/* A member's value as text; FALSE (with a problem) when it is not text or a number. */
static gboolean
json_member_to_value (const TableSpec  *spec,
                      guint             column,
                      JsonObject       *object,
                      Record           *record,
                      Problems         *problems)
{
  JsonNode *node = json_object_get_member (object, spec->columns[column].key);
  const char *key = spec->columns[column].key;

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      record->values[column] = g_strdup ("");
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      _shequ_io_problem_add (problems, record, _("“%s” must be text or a number"), key);
      return FALSE;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        if (!g_utf8_validate (text, -1, NULL))
          {
            _shequ_io_problem_add (problems, record, _("“%s” is not valid UTF-8 text"), key);
            return FALSE;
          }

        if (g_str_has_prefix (text, JSON_NUMBER_MARK))
          {
            /* A number, as the file wrote it. */
            const char *literal = text + strlen (JSON_NUMBER_MARK);

            if (is_identifier_column (spec->columns, column) &&
                strpbrk (literal, ".eE") != NULL)
              {
                _shequ_io_problem_add_value (problems, record, literal,
                                             _("%s is a number with a fraction or exponent; "
                                               "write it as text in quotes"),
                                             key);
                return FALSE;
              }
            record->values[column] = g_strdup (literal);
            return TRUE;
          }
        record->values[column] = dup_trimmed (text);
        return TRUE;
      }
    case G_TYPE_INT64:
      record->values[column] = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        double value = json_node_get_double (node);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (is_identifier_column (spec->columns, column))
          {
            _shequ_io_problem_add (problems, record,
                                   _("%s %s is a number with a fraction or exponent; write it as "
                                     "text in quotes"),
                                   key, g_ascii_dtostr (buffer, sizeof buffer, value));
            return FALSE;
          }
        record->values[column] = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
        return TRUE;
      }
    case G_TYPE_BOOLEAN:
    default:
      _shequ_io_problem_add (problems, record, _("“%s” must be text or a number"), key);
      return FALSE;
    }
}

static Record *
json_record_new (const char *filename,
                 const char *ref)
{
  Record *record = g_new0 (Record, 1);

  record->ref = g_strdup (ref);
  record->json = TRUE;
  return record;
}

static gboolean
is_json_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* TEXT ready for json-glib: refused when nested deeper than the formats need (json-glib
 * would recurse until the stack overflows), and with every number turned into a marked
 * string that keeps its literal text. */
static char *
prepare_json (const char  *text,
              const char  *filename,
              GError     **error)
{
  gsize len = strlen (text);
  GString *out;
  gboolean in_string = FALSE;
  gboolean in_single_quotes = FALSE;
  guint line = 0;

  if (!shequ_text_check_json_depth (text, len, MAX_JSON_DEPTH, &line))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   _("%s\nLine %u: the JSON is nested more than %u levels deep; "
                     "a Shequ file needs no more than 5"),
                   filename, line, MAX_JSON_DEPTH);
      return NULL;
    }

  out = g_string_sized_new (len + len / 8 + 16);
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          g_string_append_c (out, c);
          if (c == '\\' && i + 1 < len)
            g_string_append_c (out, text[++i]);
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (in_single_quotes)
        {
          /* json-glib also takes 'text' as a string, without escapes. */
          g_string_append_c (out, c);
          if (c == '\'')
            in_single_quotes = FALSE;
          continue;
        }
      if (c == '/' && i + 1 < len && text[i + 1] == '*')
        {
          /* json-glib skips C comments: so does this, quotes in them included. */
          const char *close = g_strstr_len (text + i + 2, len - i - 2, "*/");
          gsize end = close != NULL ? (gsize) (close - text) + 2 : len;

          g_string_append_len (out, text + i, end - i);
          i = end - 1;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '\'')
        in_single_quotes = TRUE;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;

          while (i + 1 < len && is_json_number_char (text[i + 1]))
            i++;
          g_string_append (out, "\"" JSON_NUMBER_MARK);
          g_string_append_len (out, text + start, i + 1 - start);
          g_string_append_c (out, '"');
          continue;
        }
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
_shequ_io_read_json_table (const TableSpec  *spec,
                           const char       *text,
                           const char       *filename,
                           Table            *table,
                           Problems         *problems,
                           GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;
  JsonNode *array_node;
  g_autofree char *prepared = NULL;

  prepared = prepare_json (text, filename, error);
  if (prepared == NULL)
    return FALSE;
  if (!json_parser_load_from_data (parser, prepared, -1, &local_error))
    {
      /* json-glib may cut a quoted token in the middle of a character. */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);
      const char *message = valid;
      guint line = 0;

      /* json-glib says "<data>:3:14: Parse error: …": name the line the user's way. */
      if (g_str_has_prefix (message, "<data>:"))
        {
          char *end = NULL;

          line = (guint) g_ascii_strtoull (message + strlen ("<data>:"), &end, 10);
          while (end != NULL && (*end == ':' || g_ascii_isdigit (*end) || *end == ' '))
            end++;
          if (line > 0 && end != NULL)
            message = end;
        }
      if (line > 0)
        g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                     _("%s\nLine %u: not valid JSON: %s"), filename, line, message);
      else
        g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                     _("%s: not valid JSON: %s"), filename, message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  array_node = (root != NULL && JSON_NODE_HOLDS_OBJECT (root)) ?
    json_object_get_member (json_node_get_object (root), spec->array_key) : NULL;
  if (array_node == NULL || !JSON_NODE_HOLDS_ARRAY (array_node))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   _("%s: expected a JSON object with an array “%s”"), filename, spec->array_key);
      return FALSE;
    }

  for (guint i = 0; i < spec->n_columns; i++)
    table->has[i] = TRUE;
  table->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  array = json_node_get_array (array_node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *ref = g_strdup_printf (_("record %u"), i + 1);
      JsonObject *object;
      JsonArray *posts = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          Record *record = json_record_new (filename, ref);

          record->number = i + 1;
          _shequ_io_problem_add (problems, record, _("expected an object"));
          record_free (record);
          continue;
        }
      object = json_node_get_object (node);

      if (!spec->flatten_posts)
        {
          Record *record = json_record_new (filename, ref);

          record->number = i + 1;
          for (guint c = 0; c < spec->n_columns; c++)
            json_member_to_value (spec, c, object, record, problems);
          g_ptr_array_add (table->records, record);
          continue;
        }

      /* People: the person's members, then one record per post. */
      if (json_object_has_member (object, "posts"))
        {
          JsonNode *posts_node = json_object_get_member (object, "posts");

          if (JSON_NODE_HOLDS_ARRAY (posts_node))
            posts = json_node_get_array (posts_node);
          else if (!JSON_NODE_HOLDS_NULL (posts_node))
            {
              Record *record = json_record_new (filename, ref);

              record->number = i + 1;
              _shequ_io_problem_add (problems, record, _("“posts” must be an array"));
              record_free (record);
              continue;
            }
        }

      for (guint p = 0; p == 0 || (posts != NULL && p < json_array_get_length (posts)); p++)
        {
          JsonNode *post_node = posts != NULL && p < json_array_get_length (posts) ?
            json_array_get_element (posts, p) : NULL;
          g_autofree char *post_ref = post_node != NULL ?
            g_strdup_printf (_("record %u, post %u"), i + 1, p + 1) : g_strdup (ref);
          Record *record = json_record_new (filename, post_ref);

          record->number = i + 1;
          /* The person's "code" is the CSV's person_code. */
          {
            JsonNode *code = json_object_get_member (object, "code");
            g_autoptr(JsonObject) alias = json_object_new ();

            if (code != NULL && !json_object_has_member (object, "person_code"))
              json_object_set_member (alias, "person_code", json_node_copy (code));
            else if (json_object_has_member (object, "person_code"))
              json_object_set_member (alias, "person_code",
                                      json_node_copy (json_object_get_member (object, "person_code")));
            json_member_to_value (spec, P_PERSON_CODE, alias, record, problems);
          }
          json_member_to_value (spec, P_NAME, object, record, problems);
          json_member_to_value (spec, P_PHONE, object, record, problems);

          if (post_node != NULL && JSON_NODE_HOLDS_OBJECT (post_node))
            {
              JsonObject *post = json_node_get_object (post_node);

              json_member_to_value (spec, P_UNIT_CODE, post, record, problems);
              json_member_to_value (spec, P_ROLE, post, record, problems);
              json_member_to_value (spec, P_TITLE, post, record, problems);
            }
          else if (post_node != NULL)
            _shequ_io_problem_add (problems, record, _("a post must be an object"));
          else
            {
              /* A person without posts. */
              record->values[P_UNIT_CODE] = g_strdup ("");
              record->values[P_ROLE] = g_strdup ("");
            }
          g_ptr_array_add (table->records, record);
        }
    }
  return TRUE;
}
