/* shequ-io-checks.c — checks of values read from a file: codes, counts, tiers, roles */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-io-private.h"
#include "shequ-text.h"

/* ------------------------------------------------------------------------------------ */
/* Value checks                                                                         */

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

gboolean
_shequ_io_is_digits (const char *str)
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
      _shequ_io_problem_add_value (problems, record, value,
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
      _shequ_io_problem_add_value (problems, record, value,
                                   _("%s has a decimal point, as Excel writes numbers; "
                                     "format the column as text and export again"),
                                   column);
      return FALSE;
    }
  if (!_shequ_io_is_digits (value))
    {
      _shequ_io_problem_add_value (problems, record, value, _("%s may hold digits only"), column);
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
      _shequ_io_problem_add_value (problems, record, value,
                                   _("%s is larger than %s, more than any grid or village holds"),
                                   column, limit);
      return FALSE;
    case SHEQU_COUNT_INVALID:
    default:
      _shequ_io_problem_add_value (problems, record, value, _("%s is not a whole number ≥ 0"),
                                   column);
      return FALSE;
    }
}

/* ------------------------------------------------------------------------------------ */
/* Checking a record                                                                    */

static const char *
row_label (RowCheck *row,
           guint     column)
{
  return _shequ_io_column_label (row->import->spec, &row->import->table, column);
}

static void
row_fail (RowCheck *row,
          guint     column)
{
  row->failed |= 1u << column;
}

/* A problem of the record, seen in COLUMN: rules after this one skip it. VALUE
 * (nullable) is quoted after the text, as with _shequ_io_problem_add_value(). */
void
_shequ_io_row_add_problem (RowCheck   *row,
                           guint       column,
                           const char *value,
                           const char *format,
                           ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (value != NULL)
    _shequ_io_problem_add_value (&row->import->problems, row->record, value, "%s", text);
  else
    _shequ_io_problem_add (&row->import->problems, row->record, "%s", text);
  row_fail (row, column);
}

static gboolean
row_check_rule (RowCheck      *row,
                const RowRule *rule)
{
  Problems *problems = &row->import->problems;
  const char *value = _shequ_io_record_get (row->record, rule->column);

  switch (rule->kind)
    {
    case RULE_REQUIRED:
      if (value[0] != '\0')
        return TRUE;
      _shequ_io_problem_add (problems, row->record, "%s", _(rule->message));
      return FALSE;
    case RULE_CODE:
      return value[0] == '\0' ||
             check_code (problems, row->record, row_label (row, rule->column), value);
    case RULE_MANGLED:
      return value[0] == '\0' ||
             !check_mangled (problems, row->record, row_label (row, rule->column), value);
    case RULE_COUNT:
      return check_count (problems, row->record, row_label (row, rule->column), value,
                          &row->counts[rule->column]);
    case RULE_CUSTOM:
    default:
      rule->check (row);
      return TRUE;   /* the check marks what fails */
    }
}

/* Every table's records go through here: each rule in turn, skipping a column once it
 * has a problem, so that one bad value is reported once. */
void
_shequ_io_check_row (RowCheck      *row,
                     const RowRule *rules,
                     guint          n_rules)
{
  g_assert (row->import != NULL && row->record != NULL);

  for (guint i = 0; i < n_rules; i++)
    {
      const RowRule *rule = &rules[i];

      if ((row->failed & (1u << rule->column)) != 0)
        continue;
      if (!row_check_rule (row, rule))
        row_fail (row, rule->column);
    }
}

/* The tiers as the file writes them: in Chinese when it uses Chinese. */
char *
_shequ_io_list_tiers (gboolean chinese)
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

const char *
_shequ_io_tier_name (ShequTier tier,
                     gboolean  chinese)
{
  return chinese ? shequ_tier_get_chinese_name (tier) : shequ_tier_get_label (tier);
}

char *
_shequ_io_list_roles (void)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < SHEQU_N_ROLES; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? ", " : "", shequ_role_to_key (i));
  g_string_append (keys, " (书记, 主任, 干部, 网格员, 调解员, 志愿者, 法律顾问)");
  return g_string_free (g_steal_pointer (&keys), FALSE);
}
