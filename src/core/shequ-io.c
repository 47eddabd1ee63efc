/* shequ-io.c — import and export of units and people as CSV and JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "shequ-csv.h"
#include "shequ-io.h"
#include "shequ-text.h"

G_DEFINE_QUARK (shequ-io-error-quark, shequ_io_error)

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

#define MAX_COLUMNS 9
#define MAX_NAMES 4

typedef struct {
  const char *key;                 /* English key: CSV header and JSON member */
  const char *names[MAX_NAMES];    /* other accepted headers (Chinese) */
  gboolean    required;            /* the CSV header must have it */
} Column;

enum {
  U_CODE,
  U_NAME,
  U_TIER,
  U_PARENT,
  U_PARTY,
  U_SERVICE,
  U_POPULATION,
  U_HOUSEHOLDS,
  U_NOTE,
  N_UNIT_COLUMNS
};

static const Column unit_columns[N_UNIT_COLUMNS] = {
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

enum {
  P_PERSON_CODE,
  P_NAME,
  P_PHONE,
  P_UNIT_CODE,
  P_ROLE,
  P_TITLE,
  N_PEOPLE_COLUMNS
};

static const Column people_columns[N_PEOPLE_COLUMNS] = {
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
  char     *ref;                   /* "line 7" — how other problems refer to it */
  guint     number;                /* the line (CSV) or the record (JSON) */
  gboolean  json;                  /* NUMBER counts records, not lines */
  char     *values[MAX_COLUMNS];   /* trimmed; NULL when the column or member is absent */
} Record;

static void
record_free (Record *record)
{
  g_free (record->ref);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (record->values[i]);
  g_free (record);
}

/* "" for an absent value, so checks can read it. */
static const char *
record_get (const Record *record,
            guint         column)
{
  return record->values[column] != NULL ? record->values[column] : "";
}

typedef struct {
  guint     number;   /* the record's line or position: problems are listed in file order */
  guint     seq;
  gboolean  json;
  char     *text;     /* what is wrong, without the place: the same text groups lines */
  char     *value;    /* nullable: the value it was seen with, quoted after the text */
} Problem;

typedef struct {
  GArray *list;    /* Problem */
} Problems;

static void
problem_clear (Problem *problem)
{
  g_free (problem->text);
  g_free (problem->value);
}

static void
problems_init (Problems *problems)
{
  problems->list = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (problems->list, (GDestroyNotify) problem_clear);
}

static void
problems_clear (Problems *problems)
{
  g_clear_pointer (&problems->list, g_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Problems, problems_clear)

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

static void problem_add (Problems     *problems,
                         const Record *record,
                         const char   *format,
                         ...) G_GNUC_PRINTF (3, 4);

static void
problem_add (Problems     *problems,
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
static void problem_add_value (Problems     *problems,
                               const Record *record,
                               const char   *value,
                               const char   *format,
                               ...) G_GNUC_PRINTF (4, 5);

static void
problem_add_value (Problems     *problems,
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

static gboolean
problems_to_error (Problems    *problems,
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
/* Value checks                                                                         */

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

/* 3.71326E+11, 3.71E+14, 1.38E10: what Excel shows for a long number in a General column,
 * and what it then writes to CSV. */
static gboolean
is_scientific_notation (const char *str)
{
  const char *p = str;
  gboolean digits = FALSE;

  while (g_ascii_isdigit (*p) || *p == '.')
    {
      digits |= g_ascii_isdigit (*p);
      p++;
    }
  if (!digits || (*p != 'e' && *p != 'E'))
    return FALSE;
  p++;
  if (*p == '+' || *p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

static gboolean
is_decimal_number (const char *str)
{
  gboolean dot = FALSE;
  gboolean digits = FALSE;

  for (const char *p = str; *p != '\0'; p++)
    {
      if (*p == '.' && !dot)
        dot = TRUE;
      else if (g_ascii_isdigit (*p))
        digits = TRUE;
      else
        return FALSE;
    }
  return dot && digits;
}

static gboolean
is_digits (const char *str)
{
  if (*str == '\0')
    return FALSE;
  for (const char *p = str; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Reports spreadsheet damage to VALUE of the column called COLUMN in the file; TRUE when
 * there is some. */
static gboolean
check_mangled (Problems     *problems,
               const Record *record,
               const char   *column,
               const char   *value)
{
  if (is_scientific_notation (value))
    {
      problem_add_value (problems, record, value,
                         _("%s was changed by Excel into scientific notation; "
                           "format the column as text and export again"),
                         column);
      return TRUE;
    }
  return FALSE;
}

static gboolean
check_code (Problems     *problems,
            const Record *record,
            const char   *column,
            const char   *value)
{
  if (check_mangled (problems, record, column, value))
    return FALSE;
  if (is_decimal_number (value))
    {
      problem_add_value (problems, record, value,
                         _("%s has a decimal point, as Excel writes numbers; "
                           "format the column as text and export again"),
                         column);
      return FALSE;
    }
  if (!is_digits (value))
    {
      problem_add_value (problems, record, value, _("%s may hold digits only"), column);
      return FALSE;
    }
  return TRUE;
}

/* A population or household count; empty means 0. "1,200", full-width digits and blanks
 * around the number are accepted, as Excel and WPS write them. */
static gboolean
check_count (Problems     *problems,
             const Record *record,
             const char   *column,
             const char   *value,
             gint64       *count)
{
  g_autofree char *limit = NULL;

  *count = 0;
  switch (shequ_text_parse_count (value, SHEQU_MAX_UNIT_FIGURE, count))
    {
    case SHEQU_COUNT_OK:
    case SHEQU_COUNT_EMPTY:
      return TRUE;
    case SHEQU_COUNT_TOO_LARGE:
      limit = shequ_text_format_count (SHEQU_MAX_UNIT_FIGURE);
      problem_add_value (problems, record, value,
                         _("%s is larger than %s, more than any grid or village holds"),
                         column, limit);
      return FALSE;
    case SHEQU_COUNT_INVALID:
    default:
      problem_add_value (problems, record, value, _("%s is not a whole number ≥ 0"), column);
      return FALSE;
    }
}

/* The tiers as the file writes them: in Chinese when it uses Chinese. */
static char *
list_tiers (gboolean chinese)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < SHEQU_N_TIERS; i++)
    {
      if (i > 0)
        g_string_append (keys, chinese ? "、" : ", ");
      g_string_append (keys, chinese ? shequ_tier_get_chinese_name (i) : shequ_tier_to_key (i));
    }
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static const char *
tier_name (ShequTier tier,
           gboolean  chinese)
{
  return chinese ? shequ_tier_get_chinese_name (tier) : shequ_tier_get_label (tier);
}

static char *
list_roles (void)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < SHEQU_N_ROLES; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? ", " : "", shequ_role_to_key (i));
  g_string_append (keys, " (书记, 主任, 干部, 网格员, 调解员, 志愿者, 法律顾问)");
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/* ------------------------------------------------------------------------------------ */
/* Reading a table from CSV or JSON                                                     */

typedef struct {
  const Column *columns;
  guint         n_columns;
  const char   *array_key;       /* "units" or "people" */
  gboolean      flatten_posts;   /* people JSON: one record per post */
} TableSpec;

typedef struct {
  GPtrArray *records;             /* Record */
  gboolean   has[MAX_COLUMNS];    /* CSV: the header has the column; JSON: always TRUE */
  char      *names[MAX_COLUMNS];  /* each column as the file names it, for messages */
  gboolean   chinese;             /* the header is in Chinese: so are the messages' names */
} Table;

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->records, g_ptr_array_unref);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_clear_pointer (&table->names[i], g_free);
}

/* The name of COLUMN in messages: the header text the file used, else the name in the
 * language of the file's header. */
static const char *
column_label (const TableSpec *spec,
              const Table     *table,
              guint            column)
{
  if (table->names[column] != NULL)
    return table->names[column];
  return table->chinese ? spec->columns[column].names[0] : spec->columns[column].key;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static void
append_column_name (GString      *list,
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
      append_column_name (list, &spec->columns[i], chinese);
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

static gboolean
read_csv_table (const TableSpec  *spec,
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
    if (!is_ascii (header->fields[f]))
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
          append_column_name (missing, &spec->columns[i], table->chinese);
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
          problem_add_value (problems, record, count,
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
      problem_add (problems, record, _("“%s” must be text or a number"), key);
      return FALSE;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        if (!g_utf8_validate (text, -1, NULL))
          {
            problem_add (problems, record, _("“%s” is not valid UTF-8 text"), key);
            return FALSE;
          }

        if (g_str_has_prefix (text, JSON_NUMBER_MARK))
          {
            /* A number, as the file wrote it. */
            const char *literal = text + strlen (JSON_NUMBER_MARK);

            if (is_identifier_column (spec->columns, column) &&
                strpbrk (literal, ".eE") != NULL)
              {
                problem_add_value (problems, record, literal,
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
            problem_add (problems, record,
                         _("%s %s is a number with a fraction or exponent; write it as text in quotes"),
                         key, g_ascii_dtostr (buffer, sizeof buffer, value));
            return FALSE;
          }
        record->values[column] = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
        return TRUE;
      }
    case G_TYPE_BOOLEAN:
    default:
      problem_add (problems, record, _("“%s” must be text or a number"), key);
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

static gboolean
read_json_table (const TableSpec  *spec,
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
          problem_add (problems, record, _("expected an object"));
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
              problem_add (problems, record, _("“posts” must be an array"));
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
            problem_add (problems, record, _("a post must be an object"));
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

static ShequIoFormat
guess_format (const char *filename,
              const char *text)
{
  g_autofree char *lower = g_ascii_strdown (filename, -1);

  if (g_str_has_suffix (lower, ".json"))
    return SHEQU_IO_FORMAT_JSON;
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".txt"))
    return SHEQU_IO_FORMAT_CSV;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '{' ? SHEQU_IO_FORMAT_JSON : SHEQU_IO_FORMAT_CSV;
}

static gboolean
read_table (const TableSpec  *spec,
            GBytes           *bytes,
            const char       *filename,
            ShequIoFormat     format,
            ShequIoEncoding   encoding,
            Table            *table,
            Problems         *problems,
            GError          **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  text = shequ_csv_decode (data != NULL ? data : "", len, encoding, filename, NULL, error);
  if (text == NULL)
    return FALSE;

  if (format == SHEQU_IO_FORMAT_AUTO)
    format = guess_format (filename, text);
  if (format == SHEQU_IO_FORMAT_JSON)
    return read_json_table (spec, text, filename, table, problems, error);
  return read_csv_table (spec, text, filename, table, problems, error);
}

/* ------------------------------------------------------------------------------------ */
/* Importing units                                                                      */

typedef struct {
  Record    *record;
  const char *code;          /* NULL when the code is unusable */
  const char *parent_code;   /* "" for none */
  ShequTier  tier;
  gboolean   tier_ok;
  gint64     population;
  gint64     households;
  ShequUnit *existing;
  gint64     id;
  guint      depth;
} UnitLine;

typedef struct {
  ShequOrgStore *store;
  GHashTable    *lines_by_code;   /* code → UnitLine, the file's */
} UnitTree;

/* The parent code of CODE in the tree after the import: the file's when it has CODE,
 * else the database's. NULL for a root or an unknown code. */
static const char *
unit_tree_parent_of (UnitTree   *tree,
                     const char *code)
{
  UnitLine *line = g_hash_table_lookup (tree->lines_by_code, code);
  ShequUnit *unit;
  ShequUnit *parent;

  if (line != NULL)
    return line->parent_code[0] != '\0' ? line->parent_code : NULL;
  unit = shequ_org_store_lookup_code (tree->store, code);
  parent = unit != NULL ? shequ_unit_get_parent (unit) : NULL;
  return parent != NULL ? shequ_unit_get_code (parent) : NULL;
}

static void
check_unit_cycles (UnitTree  *tree,
                   GPtrArray *lines,
                   Problems  *problems)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);
      g_autoptr(GPtrArray) path = g_ptr_array_new ();
      g_autoptr(GHashTable) on_path = g_hash_table_new (g_str_hash, g_str_equal);
      const char *code = line->code;

      if (code == NULL || g_hash_table_lookup (tree->lines_by_code, code) != line)
        continue;

      while (code != NULL && !g_hash_table_contains (done, code))
        {
          if (g_hash_table_contains (on_path, code))
            {
              g_autoptr(GString) cycle = g_string_new (NULL);
              g_autoptr(GPtrArray) members = g_ptr_array_new ();
              UnitLine *first = NULL;
              guint start = 0;

              while (!g_str_equal (g_ptr_array_index (path, start), code))
                start++;
              for (guint k = start; k < path->len; k++)
                {
                  const char *member = g_ptr_array_index (path, k);
                  UnitLine *member_line = g_hash_table_lookup (tree->lines_by_code, member);

                  g_ptr_array_add (members, (gpointer) member);
                  if (member_line != NULL &&
                      (first == NULL || member_line->record->number < first->record->number))
                    first = member_line;
                }
              /* A cycle through 10,000 units is named by its first few. */
              if (members->len < SHEQU_TEXT_MAX_LISTED)
                g_ptr_array_add (members, (gpointer) code);
              shequ_text_append_capped (cycle, (const char * const *) members->pdata,
                                        members->len, " → ", SHEQU_TEXT_MAX_LISTED);
              problem_add (problems, first != NULL ? first->record : line->record,
                           _("the parent codes form a cycle: %s"), cycle->str);
              break;
            }
          g_hash_table_add (on_path, (gpointer) code);
          g_ptr_array_add (path, (gpointer) code);
          code = unit_tree_parent_of (tree, code);
        }

      for (guint k = 0; k < path->len; k++)
        g_hash_table_add (done, g_ptr_array_index (path, k));
    }
}

/* What LINE's figures are after the import: the file's when it has the column, else the
 * database's. */
static void
unit_line_figures (const UnitLine *line,
                   gint64         *population,
                   gint64         *households)
{
  const Record *record = line->record;

  *population = record->values[U_POPULATION] != NULL || line->existing == NULL
    ? line->population : shequ_unit_get_population (line->existing);
  *households = record->values[U_HOUSEHOLDS] != NULL || line->existing == NULL
    ? line->households : shequ_unit_get_households (line->existing);
}

/* Figures are entered on the units at the bottom of the tree; a unit with sub-units after
 * the import has none of its own, or they would be counted twice. The import never moves
 * figures by itself (the GUI asks first, a file cannot be asked): it names the line. */
static void
check_unit_figures (const TableSpec *spec,
                    const Table     *table,
                    ShequOrgStore   *store,
                    GPtrArray       *lines,
                    GHashTable      *lines_by_code,
                    Problems        *problems)
{
  g_autoptr(GHashTable) first_child = g_hash_table_new (g_str_hash, g_str_equal);
  const char *population = column_label (spec, table, U_POPULATION);
  const char *households = column_label (spec, table, U_HOUSEHOLDS);

  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);

      if (line->code != NULL && line->parent_code[0] != '\0' &&
          !g_hash_table_contains (first_child, line->parent_code))
        g_hash_table_insert (first_child, (gpointer) line->parent_code, line);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);
      UnitLine *child_line;
      const char *child_name = NULL;
      gint64 population_after, households_after;

      if (line->code == NULL || g_hash_table_lookup (lines_by_code, line->code) != line)
        continue;

      /* A new or moved unit under one of the database, not in the file, that keeps its
       * figures. */
      if (line->parent_code[0] != '\0' &&
          !g_hash_table_contains (lines_by_code, line->parent_code) &&
          (line->existing == NULL || shequ_unit_get_parent (line->existing) == NULL ||
           g_strcmp0 (shequ_unit_get_code (shequ_unit_get_parent (line->existing)),
                      line->parent_code) != 0))
        {
          ShequUnit *parent = shequ_org_store_lookup_code (store, line->parent_code);

          if (parent != NULL && line->tier_ok &&
              shequ_tier_can_hold (shequ_unit_get_tier (parent), line->tier) &&
              (shequ_unit_get_population (parent) != 0 || shequ_unit_get_households (parent) != 0))
            problem_add (problems, line->record,
                         _("its parent “%s” (%s) has its own %s and %s in the database, which "
                           "would be counted twice; add a line for the parent with them empty "
                           "and give them to its sub-units"),
                         shequ_unit_get_name (parent), line->parent_code, population, households);
        }

      unit_line_figures (line, &population_after, &households_after);
      if (population_after == 0 && households_after == 0)
        continue;
      /* Figures the database already holds there are not the file's doing (as in the
       * store: they do not block the import, and can be cleared). */
      if (line->existing != NULL &&
          population_after == shequ_unit_get_population (line->existing) &&
          households_after == shequ_unit_get_households (line->existing))
        continue;
      child_line = g_hash_table_lookup (first_child, line->code);
      if (child_line != NULL)
        child_name = record_get (child_line->record, U_NAME);
      else if (line->existing != NULL)
        for (guint c = 0; c < shequ_unit_get_n_children (line->existing) && child_name == NULL; c++)
          {
            ShequUnit *child = shequ_unit_get_child (line->existing, c);
            UnitLine *moved = g_hash_table_lookup (lines_by_code, shequ_unit_get_code (child));

            if (moved == NULL || g_strcmp0 (moved->parent_code, line->code) == 0)
              child_name = shequ_unit_get_name (child);
          }
      if (child_name != NULL)
        problem_add (problems, line->record,
                     _("this unit has sub-units (such as “%s”), so its %s and %s must be "
                       "empty: they are the sum of its sub-units’ figures"),
                     child_name, population, households);
    }
}

static guint
unit_tree_depth (UnitTree   *tree,
                 const char *code)
{
  guint depth = 0;

  /* Cycles have been refused before this is called. */
  while ((code = unit_tree_parent_of (tree, code)) != NULL)
    depth++;
  return depth;
}

static int
compare_unit_lines_by_depth (gconstpointer a,
                             gconstpointer b)
{
  const UnitLine *line_a = *(UnitLine **) a;
  const UnitLine *line_b = *(UnitLine **) b;

  if (line_a->depth != line_b->depth)
    return line_a->depth < line_b->depth ? -1 : 1;
  return line_a->record->number < line_b->record->number ? -1 :
         line_a->record->number > line_b->record->number;
}

static gboolean
unit_rows_equal (const ShequUnitRow *a,
                 const ShequUnitRow *b)
{
  return a->id == b->id && a->parent_id == b->parent_id && a->tier == b->tier &&
         g_strcmp0 (a->code, b->code) == 0 && g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->party_body, b->party_body) == 0 &&
         g_strcmp0 (a->service_body, b->service_body) == 0 &&
         g_strcmp0 (a->note && *a->note ? a->note : NULL, b->note && *b->note ? b->note : NULL) == 0 &&
         a->population == b->population && a->households == b->households;
}

/* The file's value when it has one, else the database's unless it followed the tier's
 * naming (then it is derived again for the new name and tier); else the derived name. */
static char *
pick_body (const char   *file_value,
           ShequUnit    *existing,
           const char   *old_value,
           ShequTier     tier,
           const char   *name,
           const char   *parent_name,
           gboolean      party)
{
  if (file_value != NULL && file_value[0] != '\0')
    return g_strdup (file_value);
  if (file_value == NULL && existing != NULL && old_value != NULL && old_value[0] != '\0')
    {
      ShequUnit *old_parent = shequ_unit_get_parent (existing);

      if (!shequ_tier_is_derived_body (old_value, party, shequ_unit_get_tier (existing),
                                       shequ_unit_get_name (existing),
                                       old_parent != NULL ? shequ_unit_get_name (old_parent) : NULL))
        return g_strdup (old_value);
    }
  return party ? shequ_tier_derive_party_body (tier, name, parent_name)
               : shequ_tier_derive_service_body (tier, name, parent_name);
}

static gboolean
import_units_attempt (ShequOrgStore   *store,
                      GBytes          *bytes,
                      const char      *filename,
                      ShequIoFormat    format,
                      ShequIoEncoding  encoding,
                      guint           *n_units,
                      GError         **error)
{
  static const TableSpec spec = { unit_columns, N_UNIT_COLUMNS, "units", FALSE };
  g_auto(Table) table = { 0 };
  g_auto(Problems) problems = { NULL };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) lines_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ShequOrgChange) change = NULL;
  g_autofree char *tiers = NULL;
  UnitTree tree = { store, NULL };
  gboolean any_non_street = FALSE;
  gboolean chinese = FALSE;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  problems_init (&problems);
  if (!read_table (&spec, bytes, filename, format, encoding, &table, &problems, error))
    return FALSE;

  /* Tiers are named as the file names them: in Chinese when its header or its tiers are. */
  chinese = table.chinese;
  for (guint i = 0; i < table.records->len && !chinese; i++)
    chinese = !is_ascii (record_get (g_ptr_array_index (table.records, i), U_TIER));
  tiers = list_tiers (chinese);
  tree.lines_by_code = lines_by_code;

  /* Each line on its own. */
  for (guint i = 0; i < table.records->len; i++)
    {
      Record *record = g_ptr_array_index (table.records, i);
      UnitLine *line = g_new0 (UnitLine, 1);
      const char *code = record_get (record, U_CODE);
      const char *tier = record_get (record, U_TIER);
      const char *parent = record_get (record, U_PARENT);

      line->record = record;
      line->parent_code = parent;
      g_ptr_array_add (lines, line);

      if (code[0] == '\0')
        problem_add (&problems, record, _("the code is empty"));
      else if (check_code (&problems, record, column_label (&spec, &table, U_CODE), code))
        {
          UnitLine *first = g_hash_table_lookup (lines_by_code, code);

          if (first != NULL)
            problem_add (&problems, record, _("the code “%s” is already used on %s"),
                         code, first->record->ref);
          else
            {
              line->code = code;
              g_hash_table_insert (lines_by_code, (gpointer) code, line);
            }
        }

      if (record_get (record, U_NAME)[0] == '\0')
        problem_add (&problems, record, _("the name is empty"));

      if (tier[0] == '\0')
        problem_add (&problems, record, _("the tier is empty; use one of %s"), tiers);
      else if (!shequ_tier_from_string (tier, &line->tier))
        problem_add_value (&problems, record, tier, _("the tier is not one of %s"), tiers);
      else
        line->tier_ok = TRUE;

      if (line->tier_ok && line->tier != SHEQU_TIER_STREET)
        any_non_street = TRUE;
      if (line->tier_ok && line->tier == SHEQU_TIER_STREET && parent[0] != '\0')
        problem_add (&problems, record,
                     _("a street is the top of the tree, but the parent code “%s” is given"),
                     parent);
      else if (line->tier_ok && line->tier != SHEQU_TIER_STREET && parent[0] == '\0' &&
               table.has[U_PARENT])
        problem_add (&problems, record, _("the parent code is empty"));
      else if (parent[0] != '\0')
        check_code (&problems, record, column_label (&spec, &table, U_PARENT), parent);

      check_count (&problems, record, column_label (&spec, &table, U_POPULATION),
                   record_get (record, U_POPULATION), &line->population);
      check_count (&problems, record, column_label (&spec, &table, U_HOUSEHOLDS),
                   record_get (record, U_HOUSEHOLDS), &line->households);
    }

  if (any_non_street && !table.has[U_PARENT])
    {
      g_autoptr(GString) column = g_string_new (NULL);

      append_column_name (column, &unit_columns[U_PARENT], table.chinese);
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   _("%s: the header row lacks the column %s, "
                     "which every unit but the street needs"),
                   filename, column->str);
      return FALSE;
    }

  /* Lines against each other and against the database. */
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);
      UnitLine *parent_line;
      ShequUnit *parent_unit = NULL;
      ShequTier parent_tier;
      const char *parent_name;

      if (line->code != NULL)
        line->existing = shequ_org_store_lookup_code (store, line->code);

      if (line->parent_code[0] == '\0' || !is_digits (line->parent_code))
        continue;

      parent_line = g_hash_table_lookup (lines_by_code, line->parent_code);
      if (parent_line == NULL)
        parent_unit = shequ_org_store_lookup_code (store, line->parent_code);
      if (parent_line == NULL && parent_unit == NULL)
        {
          problem_add (&problems, line->record,
                       _("the parent code “%s” is neither in this file nor in the database"),
                       line->parent_code);
          continue;
        }
      if (!line->tier_ok || (parent_line != NULL && !parent_line->tier_ok))
        continue;

      parent_tier = parent_line != NULL ? parent_line->tier : shequ_unit_get_tier (parent_unit);
      parent_name = parent_line != NULL ? record_get (parent_line->record, U_NAME)
                                        : shequ_unit_get_name (parent_unit);
      if (!shequ_tier_can_hold (parent_tier, line->tier))
        {
          g_autofree char *parent_text = g_strdup_printf ("%s (%s)", parent_name, line->parent_code);

          problem_add_value (&problems, line->record, parent_text,
                             _("the parent is of tier %s, which cannot hold a unit of tier %s"),
                             tier_name (parent_tier, chinese), tier_name (line->tier, chinese));
        }
    }

  /* Units that stay in the database under a unit whose tier the file changes. */
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);

      if (line->existing == NULL || !line->tier_ok)
        continue;
      for (guint c = 0; c < shequ_unit_get_n_children (line->existing); c++)
        {
          ShequUnit *child = shequ_unit_get_child (line->existing, c);

          if (g_hash_table_contains (lines_by_code, shequ_unit_get_code (child)))
            continue;
          if (!shequ_tier_can_hold (line->tier, shequ_unit_get_tier (child)))
            {
              problem_add (&problems, line->record,
                           _("“%s” (%s, %s) in the database is under this unit, "
                             "and a unit of tier %s cannot hold it"),
                           shequ_unit_get_name (child), shequ_unit_get_code (child),
                           tier_name (shequ_unit_get_tier (child), chinese),
                           tier_name (line->tier, chinese));
              break;
            }
        }
    }

  check_unit_cycles (&tree, lines, &problems);
  check_unit_figures (&spec, &table, store, lines, lines_by_code, &problems);

  if (!problems_to_error (&problems, filename, error))
    return FALSE;

  /* Parents before children, so every row's parent exists when it is written. */
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);

      line->depth = unit_tree_depth (&tree, line->code);
      line->id = line->existing != NULL ? shequ_unit_get_id (line->existing)
                                        : shequ_org_store_allocate_unit_id (store);
    }
  g_ptr_array_sort (lines, compare_unit_lines_by_depth);

  change = shequ_org_change_new (_("Import units"));
  shequ_org_change_set_bulk (change, TRUE);
  for (guint i = 0; i < lines->len; i++)
    {
      UnitLine *line = g_ptr_array_index (lines, i);
      Record *record = line->record;
      g_autoptr(ShequUnitRow) old = line->existing != NULL ? shequ_unit_to_row (line->existing) : NULL;
      g_autoptr(ShequUnitRow) row = shequ_unit_row_new ();
      const char *name = record_get (record, U_NAME);
      const char *parent_name = NULL;

      row->id = line->id;
      row->tier = line->tier;
      row->code = g_strdup (line->code);
      row->name = g_strdup (name);
      if (line->parent_code[0] != '\0')
        {
          UnitLine *parent_line = g_hash_table_lookup (lines_by_code, line->parent_code);

          ShequUnit *parent_unit = parent_line == NULL
            ? shequ_org_store_lookup_code (store, line->parent_code) : NULL;

          row->parent_id = parent_line != NULL ? parent_line->id : shequ_unit_get_id (parent_unit);
          parent_name = parent_line != NULL ? record_get (parent_line->record, U_NAME)
                                            : shequ_unit_get_name (parent_unit);
        }
      row->party_body = pick_body (record->values[U_PARTY], line->existing,
                                   old != NULL ? old->party_body : NULL,
                                   line->tier, name, parent_name, TRUE);
      row->service_body = pick_body (record->values[U_SERVICE], line->existing,
                                     old != NULL ? old->service_body : NULL,
                                     line->tier, name, parent_name, FALSE);
      if (record->values[U_NOTE] != NULL)
        row->note = record->values[U_NOTE][0] != '\0' ? g_strdup (record->values[U_NOTE]) : NULL;
      else
        row->note = old != NULL ? g_strdup (old->note) : NULL;
      row->population = record->values[U_POPULATION] != NULL || old == NULL
        ? line->population : old->population;
      row->households = record->values[U_HOUSEHOLDS] != NULL || old == NULL
        ? line->households : old->households;

      if (old != NULL && unit_rows_equal (old, row))
        continue;
      shequ_org_change_put_unit (change, g_steal_pointer (&row));
    }

  if (!shequ_org_change_is_empty (change))
    {
      if (!shequ_org_store_apply (store, g_steal_pointer (&change), error))
        {
          /* A database error is about the database, which its message names. */
          if ((*error)->domain != SHEQU_DB_ERROR)
            g_prefix_error (error, "%s\n", filename);
          return FALSE;
        }
    }

  if (n_units != NULL)
    *n_units = lines->len;
  return TRUE;
}

/* Another program may write between reading the tree and writing the change; the store
 * then reads the new rows in and refuses with SHEQU_ORG_ERROR_CONFLICT, and the file's
 * records are matched again against the current tree. */
#define N_IMPORT_ATTEMPTS 5

typedef gboolean (*ImportAttempt) (ShequOrgStore   *store,
                                   GBytes          *bytes,
                                   const char      *filename,
                                   ShequIoFormat    format,
                                   ShequIoEncoding  encoding,
                                   guint           *n_imported,
                                   GError         **error);

static gboolean
import_with_retries (ImportAttempt    attempt_import,
                     ShequOrgStore   *store,
                     GBytes          *bytes,
                     const char      *filename,
                     ShequIoFormat    format,
                     ShequIoEncoding  encoding,
                     guint           *n_imported,
                     GError         **error)
{
  /* Matched against what is in the file now, not what the store read at open. */
  if (!shequ_org_store_refresh (store, NULL, error))
    return FALSE;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local = NULL;

      if (attempt_import (store, bytes, filename, format, encoding, n_imported, &local))
        return TRUE;
      if (attempt == N_IMPORT_ATTEMPTS ||
          !g_error_matches (local, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT) ||
          !shequ_org_store_refresh (store, NULL, NULL))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
}

gboolean
shequ_io_import_units_from_bytes (ShequOrgStore   *store,
                                  GBytes          *bytes,
                                  const char      *filename,
                                  ShequIoFormat    format,
                                  ShequIoEncoding  encoding,
                                  guint           *n_units,
                                  GError         **error)
{
  return import_with_retries (import_units_attempt, store, bytes, filename, format, encoding,
                              n_units, error);
}

/* ------------------------------------------------------------------------------------ */
/* Importing people                                                                     */

typedef struct {
  Record    *record;      /* the first line */
  char      *code;        /* NULL until known */
  char      *name;
  char      *phone;       /* NULL: not given, keep */
  ShequPerson *existing;
  gint64     id;
  GPtrArray *posts;       /* PostLine */
} PersonEntry;

typedef struct {
  ShequUnit *unit;
  ShequRole  role;
  char      *title;       /* NULL: not given, keep */
} PostLine;

static void
post_line_free (PostLine *post)
{
  g_free (post->title);
  g_free (post);
}

static void
person_entry_free (PersonEntry *entry)
{
  g_free (entry->code);
  g_free (entry->name);
  g_free (entry->phone);
  g_ptr_array_unref (entry->posts);
  g_free (entry);
}

static char *
person_key (const char *name,
            const char *phone)
{
  return g_strconcat (name, "\n", phone != NULL ? phone : "", NULL);
}

/* The code after CODE: its trailing number plus one, same width ("P0009" → "P0010"). */
static char *
next_code (const char *code)
{
  gsize len = strlen (code);
  gsize start = len;
  g_autofree char *digits = NULL;
  guint64 number;
  guint width;

  while (start > 0 && g_ascii_isdigit (code[start - 1]))
    start--;
  if (start == len)
    return g_strconcat (code, "1", NULL);
  digits = g_strndup (code + start, len - start);
  number = g_ascii_strtoull (digits, NULL, 10) + 1;
  width = len - start;
  return g_strdup_printf ("%.*s%0*" G_GUINT64_FORMAT, (int) start, code, (int) width, number);
}

static char *
unique_person_code (ShequOrgStore *store,
                    GHashTable    *used)
{
  char *code = shequ_org_store_make_person_code (store);

  while (g_hash_table_contains (used, code) ||
         shequ_org_store_lookup_person_code (store, code) != NULL)
    {
      char *next = next_code (code);

      g_free (code);
      code = next;
    }
  return code;
}

static gboolean
import_people_attempt (ShequOrgStore   *store,
                       GBytes          *bytes,
                       const char      *filename,
                       ShequIoFormat    format,
                       ShequIoEncoding  encoding,
                       guint           *n_people,
                       GError         **error)
{
  static const TableSpec spec = { people_columns, N_PEOPLE_COLUMNS, "people", TRUE };
  g_auto(Table) table = { 0 };
  g_auto(Problems) problems = { NULL };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) person_entry_free);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) store_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) store_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) used_codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ShequOrgChange) change = NULL;
  g_autofree char *roles = NULL;
  GListModel *people;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  problems_init (&problems);
  if (!read_table (&spec, bytes, filename, format, encoding, &table, &problems, error))
    return FALSE;

  roles = list_roles ();

  /* The database's people by name and phone; by name alone when the name is unique. */
  people = shequ_org_store_get_people (store);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);
      const char *name = shequ_person_get_name (person);
      const char *phone = shequ_person_get_phone (person);
      char *key = person_key (name, phone);

      if (!g_hash_table_contains (store_by_key, key))
        g_hash_table_insert (store_by_key, key, person);
      else
        g_free (key);

      if (g_hash_table_contains (store_by_name, name))
        g_hash_table_replace (store_by_name, g_strdup (name), GINT_TO_POINTER (1));
      else
        g_hash_table_insert (store_by_name, g_strdup (name), person);
    }

  for (guint i = 0; i < table.records->len; i++)
    {
      Record *record = g_ptr_array_index (table.records, i);
      const char *code = record_get (record, P_PERSON_CODE);
      const char *name = record_get (record, P_NAME);
      const char *phone = record->values[P_PHONE];
      const char *unit_code = record_get (record, P_UNIT_CODE);
      const char *role_text = record_get (record, P_ROLE);
      PersonEntry *entry = NULL;
      ShequUnit *unit = NULL;
      ShequRole role = SHEQU_ROLE_CADRE;
      gboolean ok = TRUE;

      if (phone != NULL && phone[0] == '\0')
        phone = NULL;

      if (name[0] == '\0')
        {
          problem_add (&problems, record, _("the name is empty"));
          ok = FALSE;
        }
      if (code[0] != '\0' && check_mangled (&problems, record, column_label (&spec, &table, P_PERSON_CODE), code))
        ok = FALSE;
      if (phone != NULL && check_mangled (&problems, record, column_label (&spec, &table, P_PHONE), phone))
        ok = FALSE;

      if (unit_code[0] == '\0' && role_text[0] != '\0')
        {
          problem_add (&problems, record, _("the unit code is empty"));
          ok = FALSE;
        }
      else if (unit_code[0] != '\0')
        {
          if (role_text[0] == '\0')
            {
              problem_add (&problems, record, _("the role is empty; use one of %s"), roles);
              ok = FALSE;
            }
          else if (!shequ_role_from_string (role_text, &role))
            {
              problem_add (&problems, record, _("the role “%s” is not one of %s"), role_text, roles);
              ok = FALSE;
            }
          if (!check_code (&problems, record, column_label (&spec, &table, P_UNIT_CODE), unit_code))
            ok = FALSE;
          else if ((unit = shequ_org_store_lookup_code (store, unit_code)) == NULL)
            {
              problem_add (&problems, record,
                           _("the unit code “%s” is not in the database; import the units first"),
                           unit_code);
              ok = FALSE;
            }
        }

      if (!ok)
        continue;

      /* Who this line is about. */
      if (code[0] != '\0')
        {
          entry = g_hash_table_lookup (by_code, code);
          if (entry != NULL && !g_str_equal (entry->name, name))
            {
              problem_add (&problems, record,
                           _("the person code “%s” belongs to “%s” on %s, not to “%s”"),
                           code, entry->name, entry->record->ref, name);
              continue;
            }
          if (entry != NULL && phone != NULL && entry->phone != NULL &&
              !g_str_equal (entry->phone, phone))
            {
              problem_add (&problems, record,
                           _("the person code “%s” has the phone %s on %s, not %s"),
                           code, entry->phone, entry->record->ref, phone);
              continue;
            }
        }
      else
        {
          g_autofree char *key = person_key (name, phone);

          entry = g_hash_table_lookup (by_key, key);
          if (entry == NULL && phone == NULL)
            {
              /* No phone given: the single entry of that name so far, if any. */
              guint n = 0;

              for (guint e = 0; e < entries->len; e++)
                {
                  PersonEntry *candidate = g_ptr_array_index (entries, e);

                  if (g_str_equal (candidate->name, name))
                    {
                      entry = candidate;
                      n++;
                    }
                }
              if (n != 1)
                entry = NULL;
            }
        }

      if (entry == NULL)
        {
          ShequPerson *existing = NULL;

          if (code[0] != '\0')
            existing = shequ_org_store_lookup_person_code (store, code);
          else
            {
              g_autofree char *key = person_key (name, phone);
              gpointer by_name;

              existing = g_hash_table_lookup (store_by_key, key);
              if (existing == NULL && phone == NULL &&
                  (by_name = g_hash_table_lookup (store_by_name, name)) != GINT_TO_POINTER (1))
                existing = by_name;
              /* That person may already be in the file under their code. */
              if (existing != NULL)
                entry = g_hash_table_lookup (by_code, shequ_person_get_code (existing));
            }

          if (entry == NULL)
            {
              entry = g_new0 (PersonEntry, 1);
              entry->record = record;
              entry->name = g_strdup (name);
              entry->phone = g_strdup (phone);
              entry->existing = existing;
              entry->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) post_line_free);
              if (code[0] != '\0')
                entry->code = g_strdup (code);
              else if (existing != NULL)
                entry->code = g_strdup (shequ_person_get_code (existing));
              g_ptr_array_add (entries, entry);
              if (entry->code != NULL)
                {
                  g_hash_table_insert (by_code, entry->code, entry);
                  g_hash_table_add (used_codes, entry->code);
                }
              g_hash_table_insert (by_key, person_key (name, phone), entry);
            }
        }

      if (entry->phone == NULL && phone != NULL)
        {
          entry->phone = g_strdup (phone);
          g_hash_table_insert (by_key, person_key (name, phone), entry);
        }

      if (unit != NULL)
        {
          PostLine *post = NULL;

          for (guint p = 0; p < entry->posts->len; p++)
            {
              PostLine *other = g_ptr_array_index (entry->posts, p);

              if (other->unit == unit && other->role == role)
                post = other;
            }
          if (post == NULL)
            {
              post = g_new0 (PostLine, 1);
              post->unit = unit;
              post->role = role;
              g_ptr_array_add (entry->posts, post);
            }
          /* The same post twice: the later title wins. */
          if (record->values[P_TITLE] != NULL)
            {
              g_free (post->title);
              post->title = g_strdup (record->values[P_TITLE]);
            }
        }
    }

  if (!problems_to_error (&problems, filename, error))
    return FALSE;

  change = shequ_org_change_new (_("Import people"));
  shequ_org_change_set_bulk (change, TRUE);
  for (guint i = 0; i < entries->len; i++)
    {
      PersonEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(ShequPersonRow) row = NULL;
      g_autoptr(ShequPersonRow) old = NULL;
      g_autoptr(GListModel) old_posts = NULL;

      if (entry->existing == NULL && entry->code != NULL)
        entry->existing = shequ_org_store_lookup_person_code (store, entry->code);

      if (entry->existing != NULL)
        {
          old = shequ_person_to_row (entry->existing);
          row = shequ_person_row_copy (old);
          entry->id = old->id;
        }
      else
        {
          row = shequ_person_row_new ();
          entry->id = row->id = shequ_org_store_allocate_person_id (store);
          if (entry->code == NULL)
            {
              entry->code = unique_person_code (store, used_codes);
              g_hash_table_add (used_codes, entry->code);
            }
          row->code = g_strdup (entry->code);
        }
      g_free (row->name);
      row->name = g_strdup (entry->name);
      if (entry->phone != NULL)
        {
          g_free (row->phone);
          row->phone = g_strdup (entry->phone);
        }
      if (old == NULL || g_strcmp0 (old->name, row->name) != 0 ||
          g_strcmp0 (old->phone, row->phone) != 0)
        shequ_org_change_put_person (change, g_steal_pointer (&row));

      if (entry->existing != NULL)
        old_posts = g_object_ref (shequ_person_get_posts (entry->existing));

      for (guint p = 0; p < entry->posts->len; p++)
        {
          PostLine *post = g_ptr_array_index (entry->posts, p);
          ShequPost *found = NULL;
          g_autoptr(ShequPostRow) post_row = NULL;

          for (guint k = 0; old_posts != NULL && k < g_list_model_get_n_items (old_posts); k++)
            {
              g_autoptr(ShequPost) candidate = g_list_model_get_item (old_posts, k);

              if (shequ_post_get_unit (candidate) == post->unit &&
                  shequ_post_get_role (candidate) == post->role)
                {
                  found = candidate;
                  break;
                }
            }

          if (found != NULL)
            {
              if (post->title == NULL ||
                  g_strcmp0 (shequ_post_get_title (found) ? shequ_post_get_title (found) : "",
                             post->title) == 0)
                continue;
              post_row = shequ_post_to_row (found);
              g_free (post_row->title);
            }
          else
            {
              post_row = shequ_post_row_new ();
              post_row->id = shequ_org_store_allocate_post_id (store);
              post_row->person_id = entry->id;
              post_row->unit_id = shequ_unit_get_id (post->unit);
              post_row->role = post->role;
            }
          post_row->title = post->title != NULL && post->title[0] != '\0'
            ? g_strdup (post->title) : NULL;
          shequ_org_change_put_post (change, g_steal_pointer (&post_row));
        }
    }

  if (!shequ_org_change_is_empty (change))
    {
      if (!shequ_org_store_apply (store, g_steal_pointer (&change), error))
        {
          /* A database error is about the database, which its message names. */
          if ((*error)->domain != SHEQU_DB_ERROR)
            g_prefix_error (error, "%s\n", filename);
          return FALSE;
        }
    }

  if (n_people != NULL)
    *n_people = entries->len;
  return TRUE;
}

/* As for units: matched again against the current tree after a conflict. */
gboolean
shequ_io_import_people_from_bytes (ShequOrgStore   *store,
                                   GBytes          *bytes,
                                   const char      *filename,
                                   ShequIoFormat    format,
                                   ShequIoEncoding  encoding,
                                   guint           *n_people,
                                   GError         **error)
{
  return import_with_retries (import_people_attempt, store, bytes, filename, format, encoding,
                              n_people, error);
}

/* ------------------------------------------------------------------------------------ */
/* Files                                                                                */

static GBytes *
load_file (GFile   *file,
           char   **display_name,
           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  *display_name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, &local_error))
    {
      /* GIO's message names the file already. */
      g_set_error_literal (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_READ, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

gboolean
shequ_io_import_units (ShequOrgStore    *store,
                       GFile            *file,
                       ShequIoFormat     format,
                       ShequIoEncoding   encoding,
                       guint            *n_units,
                       GError          **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = load_file (file, &name, error);
  if (bytes == NULL)
    return FALSE;
  return shequ_io_import_units_from_bytes (store, bytes, name, format, encoding, n_units, error);
}

gboolean
shequ_io_import_people (ShequOrgStore    *store,
                        GFile            *file,
                        ShequIoFormat     format,
                        ShequIoEncoding   encoding,
                        guint            *n_people,
                        GError          **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = load_file (file, &name, error);
  if (bytes == NULL)
    return FALSE;
  return shequ_io_import_people_from_bytes (store, bytes, name, format, encoding, n_people, error);
}

static gboolean
write_file (GFile       *file,
            const char  *data,
            gsize        len,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &local_error))
    {
      g_set_error_literal (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_WRITE, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static ShequIoFormat
format_for_file (GFile         *file,
                 ShequIoFormat  format)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  if (format != SHEQU_IO_FORMAT_AUTO)
    return format;
  name = g_file_get_basename (file);
  lower = g_ascii_strdown (name != NULL ? name : "", -1);
  return g_str_has_suffix (lower, ".json") ? SHEQU_IO_FORMAT_JSON : SHEQU_IO_FORMAT_CSV;
}

static char *
json_to_text (JsonBuilder *builder,
              gsize       *len)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, len);
  text = g_strconcat (data, "\n", NULL);
  *len += 1;
  return text;
}

/* ------------------------------------------------------------------------------------ */
/* Exporting                                                                            */

static int
compare_units_by_code (gconstpointer a,
                       gconstpointer b)
{
  return g_strcmp0 (shequ_unit_get_code (*(ShequUnit **) a),
                    shequ_unit_get_code (*(ShequUnit **) b));
}

static void
collect_depth_first (ShequUnit *unit,
                     GPtrArray *out)
{
  g_ptr_array_add (out, unit);
  /* Children are kept ordered by code. */
  for (guint i = 0; i < shequ_unit_get_n_children (unit); i++)
    collect_depth_first (shequ_unit_get_child (unit, i), out);
}

/* Every unit, parents before children, depth-first by code. */
static GPtrArray *
collect_units (ShequOrgStore *store)
{
  GListModel *roots = shequ_org_store_get_roots (store);
  g_autoptr(GPtrArray) sorted_roots = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    g_ptr_array_add (sorted_roots, g_list_model_get_item (roots, i));
  g_ptr_array_sort (sorted_roots, compare_units_by_code);
  for (guint i = 0; i < sorted_roots->len; i++)
    collect_depth_first (g_ptr_array_index (sorted_roots, i), out);
  return out;
}

static char *
figure_text (ShequUnit *unit,
             gint64     value)
{
  if (value == 0 && shequ_unit_get_n_children (unit) > 0)
    return g_strdup ("");
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static const char *
parent_code_of (ShequUnit *unit)
{
  ShequUnit *parent = shequ_unit_get_parent (unit);

  return parent != NULL ? shequ_unit_get_code (parent) : NULL;
}

gboolean
shequ_io_export_units (ShequOrgStore  *store,
                       GFile          *file,
                       ShequIoFormat   format,
                       GError        **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  units = collect_units (store);

  if (format_for_file (file, format) == SHEQU_IO_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "units");
      json_builder_begin_array (builder);
      for (guint i = 0; i < units->len; i++)
        {
          ShequUnit *unit = g_ptr_array_index (units, i);
          const char *parent_code = parent_code_of (unit);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, shequ_unit_get_code (unit));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, shequ_unit_get_name (unit));
          json_builder_set_member_name (builder, "tier");
          json_builder_add_string_value (builder, shequ_tier_to_key (shequ_unit_get_tier (unit)));
          json_builder_set_member_name (builder, "parent_code");
          if (parent_code != NULL)
            json_builder_add_string_value (builder, parent_code);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "party_body");
          json_builder_add_string_value (builder, shequ_unit_get_party_body (unit) ?: "");
          json_builder_set_member_name (builder, "service_body");
          json_builder_add_string_value (builder, shequ_unit_get_service_body (unit) ?: "");
          json_builder_set_member_name (builder, "population");
          json_builder_add_int_value (builder, shequ_unit_get_population (unit));
          json_builder_set_member_name (builder, "households");
          json_builder_add_int_value (builder, shequ_unit_get_households (unit));
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, shequ_unit_get_note (unit) ?: "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      data = json_to_text (builder, &len);
    }
  else
    {
      g_autoptr(GString) text = g_string_new ("\xEF\xBB\xBF");
      const char *header[N_UNIT_COLUMNS];

      for (guint i = 0; i < N_UNIT_COLUMNS; i++)
        header[i] = unit_columns[i].key;
      shequ_csv_append_row (text, header, N_UNIT_COLUMNS);

      for (guint i = 0; i < units->len; i++)
        {
          ShequUnit *unit = g_ptr_array_index (units, i);
          g_autofree char *population = figure_text (unit, shequ_unit_get_population (unit));
          g_autofree char *households = figure_text (unit, shequ_unit_get_households (unit));
          const char *fields[N_UNIT_COLUMNS] = {
            [U_CODE] = shequ_unit_get_code (unit),
            [U_NAME] = shequ_unit_get_name (unit),
            [U_TIER] = shequ_tier_to_key (shequ_unit_get_tier (unit)),
            [U_PARENT] = parent_code_of (unit),
            [U_PARTY] = shequ_unit_get_party_body (unit),
            [U_SERVICE] = shequ_unit_get_service_body (unit),
            [U_POPULATION] = population,
            [U_HOUSEHOLDS] = households,
            [U_NOTE] = shequ_unit_get_note (unit),
          };

          shequ_csv_append_row (text, fields, N_UNIT_COLUMNS);
        }
      len = text->len;
      data = g_string_free (g_steal_pointer (&text), FALSE);
    }

  return write_file (file, data, len, error);
}

static int
compare_posts (gconstpointer a,
               gconstpointer b)
{
  ShequPost *post_a = *(ShequPost **) a;
  ShequPost *post_b = *(ShequPost **) b;
  int cmp = g_strcmp0 (shequ_unit_get_code (shequ_post_get_unit (post_a)),
                       shequ_unit_get_code (shequ_post_get_unit (post_b)));

  if (cmp != 0)
    return cmp;
  return (int) shequ_post_get_role (post_a) - (int) shequ_post_get_role (post_b);
}

/* The person's posts ordered by unit code and role. */
static GPtrArray *
sorted_posts (ShequPerson *person)
{
  GListModel *posts = shequ_person_get_posts (person);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    g_ptr_array_add (out, g_list_model_get_item (posts, i));
  g_ptr_array_sort (out, compare_posts);
  return out;
}

gboolean
shequ_io_export_people (ShequOrgStore  *store,
                        GFile          *file,
                        ShequIoFormat   format,
                        GError        **error)
{
  GListModel *people;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  people = shequ_org_store_get_people (store);

  if (format_for_file (file, format) == SHEQU_IO_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "people");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (people); i++)
        {
          g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);
          g_autoptr(GPtrArray) posts = sorted_posts (person);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, shequ_person_get_code (person));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, shequ_person_get_name (person));
          json_builder_set_member_name (builder, "phone");
          json_builder_add_string_value (builder, shequ_person_get_phone (person) ?: "");
          json_builder_set_member_name (builder, "posts");
          json_builder_begin_array (builder);
          for (guint p = 0; p < posts->len; p++)
            {
              ShequPost *post = g_ptr_array_index (posts, p);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "unit_code");
              json_builder_add_string_value (builder,
                                             shequ_unit_get_code (shequ_post_get_unit (post)));
              json_builder_set_member_name (builder, "role");
              json_builder_add_string_value (builder, shequ_role_to_key (shequ_post_get_role (post)));
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, shequ_post_get_title (post) ?: "");
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      data = json_to_text (builder, &len);
    }
  else
    {
      g_autoptr(GString) text = g_string_new ("\xEF\xBB\xBF");
      const char *header[N_PEOPLE_COLUMNS];

      for (guint i = 0; i < N_PEOPLE_COLUMNS; i++)
        header[i] = people_columns[i].key;
      shequ_csv_append_row (text, header, N_PEOPLE_COLUMNS);

      for (guint i = 0; i < g_list_model_get_n_items (people); i++)
        {
          g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);
          g_autoptr(GPtrArray) posts = sorted_posts (person);
          const char *fields[N_PEOPLE_COLUMNS] = {
            [P_PERSON_CODE] = shequ_person_get_code (person),
            [P_NAME] = shequ_person_get_name (person),
            [P_PHONE] = shequ_person_get_phone (person),
          };

          if (posts->len == 0)
            shequ_csv_append_row (text, fields, N_PEOPLE_COLUMNS);
          for (guint p = 0; p < posts->len; p++)
            {
              ShequPost *post = g_ptr_array_index (posts, p);

              fields[P_UNIT_CODE] = shequ_unit_get_code (shequ_post_get_unit (post));
              fields[P_ROLE] = shequ_role_to_key (shequ_post_get_role (post));
              fields[P_TITLE] = shequ_post_get_title (post);
              shequ_csv_append_row (text, fields, N_PEOPLE_COLUMNS);
            }
        }
      len = text->len;
      data = g_string_free (g_steal_pointer (&text), FALSE);
    }

  return write_file (file, data, len, error);
}
