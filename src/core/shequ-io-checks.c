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
gboolean
_shequ_io_check_mangled (Problems     *problems,
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

gboolean
_shequ_io_check_code (Problems     *problems,
                      const Record *record,
                      const char   *column,
                      const char   *value)
{
  if (_shequ_io_check_mangled (problems, record, column, value))
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
gboolean
_shequ_io_check_count (Problems     *problems,
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
