/* shequ-text.c — numbers as people write them, capped lists, text safe for a terminal */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-text"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-text.h"

static gboolean
is_blank (gunichar c)
{
  /* g_unichar_isspace covers U+3000 and the no-break spaces; U+FEFF is a stray BOM. */
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0xFEFF;
}

ShequCountResult
shequ_text_parse_count (const char *text,
                        gint64      max,
                        gint64     *value)
{
  const char *p;
  guint64 parsed = 0;
  gboolean digits = FALSE;
  gboolean too_large = FALSE;
  gboolean after_comma = FALSE;
  gboolean trailing = FALSE;

  g_return_val_if_fail (value != NULL, SHEQU_COUNT_INVALID);
  g_return_val_if_fail (max >= 0, SHEQU_COUNT_INVALID);

  if (text == NULL)
    return SHEQU_COUNT_EMPTY;
  if (!g_utf8_validate (text, -1, NULL))
    return SHEQU_COUNT_INVALID;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint digit;

      if (is_blank (c))
        {
          /* Blanks only around the number, not inside it. */
          if (digits)
            trailing = TRUE;
          continue;
        }
      if (trailing)
        return SHEQU_COUNT_INVALID;

      if (c >= '0' && c <= '9')
        digit = c - '0';
      else if (c >= 0xFF10 && c <= 0xFF19)   /* full-width digits */
        digit = c - 0xFF10;
      else if (c == ',' || c == 0xFF0C)      /* grouping, also full-width */
        {
          if (!digits || after_comma)
            return SHEQU_COUNT_INVALID;
          after_comma = TRUE;
          continue;
        }
      else
        return SHEQU_COUNT_INVALID;

      digits = TRUE;
      after_comma = FALSE;
      if (!too_large)
        {
          if (parsed > ((guint64) max - digit) / 10)
            too_large = TRUE;
          else
            parsed = parsed * 10 + digit;
        }
    }

  if (!digits)
    return SHEQU_COUNT_EMPTY;
  if (after_comma)
    return SHEQU_COUNT_INVALID;
  if (too_large)
    return SHEQU_COUNT_TOO_LARGE;
  *value = (gint64) parsed;
  return SHEQU_COUNT_OK;
}

gboolean
shequ_text_is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

char *
shequ_text_format_count (guint64 value)
{
  char digits[24];
  GString *out;
  gsize len;

  len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  out = g_string_sized_new (len + len / 3 + 1);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
append_more (GString *out,
             guint    more)
{
  g_autofree char *count = shequ_text_format_count (more);

  /* Translators: the end of a list cut short; %s is a count such as 9,950 */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "… and %s more", "… and %s more",
                                            more),
                          count);
}

void
shequ_text_append_capped (GString            *out,
                          const char * const *items,
                          guint               n_items,
                          const char         *separator,
                          guint               max_shown)
{
  guint shown;

  g_return_if_fail (out != NULL);
  g_return_if_fail (items != NULL || n_items == 0);

  if (separator == NULL)
    separator = ", ";
  shown = MIN (n_items, MAX (max_shown, 1));
  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, items[i]);
    }
  if (n_items > shown)
    {
      g_string_append_c (out, ' ');
      append_more (out, n_items - shown);
    }
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

char *
shequ_text_format_ranges (const guint *numbers,
                          guint        n_numbers)
{
  g_autofree guint *sorted = NULL;
  g_autoptr(GPtrArray) ranges = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  guint i = 0;

  if (n_numbers == 0)
    return g_string_free (out, FALSE);

  sorted = g_memdup2 (numbers, n_numbers * sizeof *numbers);
  qsort (sorted, n_numbers, sizeof *sorted, compare_guint);
  while (i < n_numbers)
    {
      guint first = sorted[i];
      guint last = first;

      while (i < n_numbers && (sorted[i] == last || sorted[i] == last + 1))
        last = sorted[i++];
      g_ptr_array_add (ranges, first == last ? g_strdup_printf ("%u", first)
                                             : g_strdup_printf ("%u–%u", first, last));
    }
  shequ_text_append_capped (out, (const char * const *) ranges->pdata, ranges->len,
                            C_("list separator", ", "), SHEQU_TEXT_MAX_LISTED);
  return g_string_free (out, FALSE);
}

static gboolean
needs_escape (gunichar c)
{
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return TRUE;
  switch (c)
    {
    case 0x061C: case 0x200B: case 0x200C: case 0x200D: case 0x200E: case 0x200F:
    case 0x2028: case 0x2029: case 0x2060: case 0xFEFF:
      return TRUE;
    default:
      break;
    }
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
    return TRUE;
  return g_unichar_type (c) == G_UNICODE_FORMAT;
}

char *
shequ_text_escape_for_terminal (const char *text)
{
  GString *out;
  const char *p;
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  p = text;
  end = text + strlen (text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c < 0x80 && needs_escape (c))
        g_string_append_printf (out, "\\x%02x", c);
      else if (needs_escape (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

gboolean
shequ_text_check_json_depth (const char *text,
                             gsize       len,
                             guint       max_depth,
                             guint      *line)
{
  guint depth = 0;
  guint current_line = 1;
  gboolean in_string = FALSE;
  gboolean in_single_quotes = FALSE;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '\n')
        current_line++;
      if (in_string)
        {
          if (c == '\\' && i + 1 < len)
            {
              if (text[i + 1] == '\n')
                current_line++;
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (in_single_quotes)
        {
          /* json-glib also reads 'text' as a string, without escapes. */
          if (c == '\'')
            in_single_quotes = FALSE;
          continue;
        }
      if (c == '/' && i + 1 < len && text[i + 1] == '*')
        {
          /* json-glib skips C comments. */
          for (i += 2; i + 1 < len && !(text[i] == '*' && text[i + 1] == '/'); i++)
            if (text[i] == '\n')
              current_line++;
          i++;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '\'':
          in_single_quotes = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              if (line != NULL)
                *line = current_line;
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

gboolean
shequ_text_json_is_one_object (const char *data,
                               gsize       length)
{
  gsize i = 0;
  int depth = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length || data[i] != '{')
    return FALSE;
  for (; i < length; i++)
    {
      char c = data[i];

      if (c == '"' || c == '\'')
        {
          for (i++; i < length && data[i] != c; i++)
            if (data[i] == '\\')
              i++;
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        break;
    }
  for (i++; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}
