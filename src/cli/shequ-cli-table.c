/* shequ-cli-table.c — shequ-cli's text tables: columns aligned in a terminal, CJK included */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "shequ-cli-table.h"

guint
table_text_width (const char *text)
{
  guint width = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return strlen (text);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

GPtrArray *
table_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

void
table_add_row (GPtrArray *rows,
               guint      n,
               ...)
{
  char **cells = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, n);
  for (guint c = 0; c < n; c++)
    {
      const char *cell = va_arg (args, const char *);

      cells[c] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);
  g_ptr_array_add (rows, cells);
}

void
table_print (GPtrArray *rows,
             guint      n_columns,
             guint      indent)
{
  g_autofree guint *widths = g_new0 (guint, n_columns);

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_columns; c++)
      widths[c] = MAX (widths[c], table_text_width (((char **) g_ptr_array_index (rows, r))[c]));
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          g_string_append (line, cells[c]);
          if (c + 1 < n_columns)
            for (guint w = table_text_width (cells[c]); w < widths[c] + 2; w++)
              g_string_append_c (line, ' ');
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      if (line->len > 0)
        for (guint i = 0; i < indent; i++)
          g_string_prepend_c (line, ' ');
      g_print ("%s\n", line->str);
    }
}
