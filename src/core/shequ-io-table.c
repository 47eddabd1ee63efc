/* shequ-io-table.c — reading a file into records: decoding, columns and CSV */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-csv.h"
#include "shequ-io-private.h"

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

const TableSpec _shequ_io_table_specs[2] = {
  [SHEQU_IO_TABLE_UNITS] = { _shequ_io_unit_columns, N_UNIT_COLUMNS, "units", FALSE },
  [SHEQU_IO_TABLE_PEOPLE] = { _shequ_io_people_columns, N_PEOPLE_COLUMNS, "people", TRUE },
};

/* ------------------------------------------------------------------------------------ */
/* Records                                                                              */

void
_shequ_io_record_free (Record *record)
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

/* ------------------------------------------------------------------------------------ */
/* Reading a table from CSV                                                             */

char *
_shequ_io_dup_trimmed (const char *str)
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
  g_autofree char *name = _shequ_io_dup_trimmed (header);

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

/* Which column each of the spec's is in the file (INDEX_OF, -1: absent), the names the
 * file gives them; FALSE when a column appears twice or a required one is missing. */
static gboolean
read_csv_header (const TableSpec    *spec,
                 const ShequCsvRow  *header,
                 const char         *filename,
                 Table              *table,
                 int                *index_of,
                 GError            **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree char *all = NULL;
  guint n_missing = 0;

  for (guint f = 0; f < header->n_fields; f++)
    if (!_shequ_io_is_ascii (header->fields[f]))
      table->chinese = TRUE;
  for (guint i = 0; i < MAX_COLUMNS; i++)
    index_of[i] = -1;
  for (guint f = 0; f < header->n_fields; f++)
    {
      int column = find_column (spec, header->fields[f]);

      if (column < 0)
        continue;   /* extra columns are ignored */
      if (index_of[column] >= 0)
        {
          g_autofree char *name = _shequ_io_dup_trimmed (header->fields[f]);

          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                       _("%s\nLine %u: the column %s appears twice (columns %d and %u)"),
                       filename, header->line, name, index_of[column] + 1, f + 1);
          return FALSE;
        }
      index_of[column] = f;
      table->names[column] = _shequ_io_dup_trimmed (header->fields[f]);
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
  if (missing->len == 0)
    return TRUE;

  all = describe_columns (spec, FALSE, table->chinese);
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

/* ROW as a record of TABLE; none for a blank line. */
static void
read_csv_record (const TableSpec   *spec,
                 const ShequCsvRow *header,
                 const ShequCsvRow *row,
                 const int         *index_of,
                 Table             *table,
                 Problems          *problems)
{
  Record *record;
  gboolean blank = TRUE;
  guint n_extra = 0;

  for (guint f = 0; f < row->n_fields; f++)
    {
      g_autofree char *value = _shequ_io_dup_trimmed (row->fields[f]);

      if (value[0] == '\0')
        continue;
      blank = FALSE;
      if (f >= header->n_fields)
        n_extra++;
    }
  if (blank)
    return;   /* ",,,," lines that spreadsheets leave behind */

  record = g_new0 (Record, 1);
  record->number = row->line;
  record->ref = g_strdup_printf (_("line %u"), row->line);
  for (guint i = 0; i < spec->n_columns; i++)
    if (index_of[i] >= 0)
      record->values[i] = _shequ_io_dup_trimmed ((guint) index_of[i] < row->n_fields ?
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
  if (!read_csv_header (spec, header, filename, table, index_of, error))
    return FALSE;

  table->records = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_io_record_free);
  for (guint r = 1; r < rows->len; r++)
    read_csv_record (spec, header, g_ptr_array_index (rows, r), index_of, table, problems);
  return TRUE;
}

/* ------------------------------------------------------------------------------------ */
/* Formats and encodings                                                                */

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

gboolean
_shequ_io_read_table (const TableSpec  *spec,
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
    return _shequ_io_read_json_table (spec, text, filename, table, problems, error);
  return read_csv_table (spec, text, filename, table, problems, error);
}
