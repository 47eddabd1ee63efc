/* shequ-csv.c — RFC 4180 CSV reading and writing, and text encoding detection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-csv.h"

#define UTF8_BOM "\xEF\xBB\xBF"

static void
csv_row_free (ShequCsvRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->fields);
  g_free (row);
}

static guint
count_lines_before (const char *data,
                    gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static char *
strip_bom (char  *text,
           gsize  len)
{
  if (len >= 3 && memcmp (text, UTF8_BOM, 3) == 0)
    memmove (text, text + 3, len - 3 + 1);
  return text;
}

static void
set_encoding_error (GError     **error,
                    const char  *filename,
                    const char  *data,
                    gsize        len,
                    gsize        offset,
                    const char  *what)
{
  guchar byte = offset < len ? (guchar) data[offset] : 0;
  g_autofree char *offset_text = g_strdup_printf ("%" G_GSIZE_FORMAT, offset);

  g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_ENCODING,
               /* Translators: file, line, byte offset (byte value) … what the text is not */
               _("%s\nLine %u: byte %s (0x%02X) is not %s text; "
                 "save the file as “CSV UTF-8” and try again"),
               filename, count_lines_before (data, offset), offset_text, byte, what);
}

/* Returns the offset of the first byte GB18030 cannot decode, or LEN when all can. */
static char *
convert_gbk (const char *data,
             gsize       len,
             gsize      *bad_offset)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  gsize bytes_written = 0;
  char *out;

  out = g_convert (data, len, "UTF-8", "GB18030", &bytes_read, &bytes_written, &local_error);
  if (out == NULL)
    {
      *bad_offset = bytes_read;
      return NULL;
    }
  *bad_offset = len;
  return strip_bom (out, bytes_written);
}

char *
shequ_csv_decode (const char       *data,
                  gsize             len,
                  ShequIoEncoding   encoding,
                  const char       *filename,
                  ShequIoEncoding  *detected,
                  GError          **error)
{
  const char *nul;
  const char *utf8_end = data;
  gsize gbk_bad = 0;
  char *text;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  /* A NUL byte is never text here (UTF-16 files, binary files): refuse it in every
   * encoding rather than cut the text short. */
  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      set_encoding_error (error, filename, data, len, nul - data,
                          encoding == SHEQU_IO_ENCODING_GBK ? _("GBK") :
                          encoding == SHEQU_IO_ENCODING_UTF8 ? _("UTF-8") : _("UTF-8 or GBK"));
      return NULL;
    }

  if (encoding != SHEQU_IO_ENCODING_GBK)
    {
      if (g_utf8_validate (data, len, &utf8_end))
        {
          if (detected != NULL)
            *detected = SHEQU_IO_ENCODING_UTF8;
          return strip_bom (g_strndup (data, len), len);
        }
      if (encoding == SHEQU_IO_ENCODING_UTF8)
        {
          set_encoding_error (error, filename, data, len, utf8_end - data, _("UTF-8"));
          return NULL;
        }
    }

  text = convert_gbk (data, len, &gbk_bad);
  if (text != NULL)
    {
      if (detected != NULL)
        *detected = SHEQU_IO_ENCODING_GBK;
      return text;
    }

  if (encoding == SHEQU_IO_ENCODING_GBK)
    set_encoding_error (error, filename, data, len, gbk_bad, _("GBK"));
  else
    /* Name the place where the better of the two readings breaks down. */
    set_encoding_error (error, filename, data, len,
                        MAX ((gsize) (utf8_end - data), gbk_bad), _("UTF-8 or GBK"));
  return NULL;
}

static void
finish_field (GPtrArray *fields,
              GString   *field)
{
  g_ptr_array_add (fields, g_strndup (field->str, field->len));
  g_string_truncate (field, 0);
}

static void
finish_row (GPtrArray *rows,
            GPtrArray *fields,
            guint      line)
{
  ShequCsvRow *row;

  /* A blank line is a row of one empty field: skip it. */
  if (fields->len == 1 && ((char *) fields->pdata[0])[0] == '\0')
    {
      g_ptr_array_set_size (fields, 0);
      return;
    }

  row = g_new0 (ShequCsvRow, 1);
  row->line = line;
  row->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  row->fields = (char **) g_ptr_array_steal (fields, NULL);
  g_ptr_array_add (rows, row);
}

/* Reads the quoted field at *P (on its opening quote) into FIELD, leaving *P after
 * the closing quote and counting the line breaks inside it. */
static gboolean
read_quoted (const char  **pp,
             const char   *end,
             GString      *field,
             guint        *line,
             const char   *filename,
             GError      **error)
{
  const char *p = *pp + 1;
  guint quote_line = *line;

  for (;;)
    {
      if (p >= end)
        {
          g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                       _("%s\nLine %u: a quoted field that starts here is never closed"),
                       filename, quote_line);
          return FALSE;
        }
      if (*p == '"')
        {
          if (p + 1 < end && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
              continue;
            }
          p++;
          break;
        }
      if (*p == '\r')
        {
          /* Line breaks inside a field become plain LF. */
          g_string_append_c (field, '\n');
          (*line)++;
          p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
          continue;
        }
      if (*p == '\n')
        (*line)++;
      g_string_append_c (field, *p);
      p++;
    }

  *pp = p;
  return TRUE;
}

GPtrArray *
shequ_csv_parse (const char  *text,
                 gssize       len,
                 const char  *filename,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_row_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p;
  const char *end;
  guint line = 1;
  guint row_line = 1;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  p = text;
  end = text + len;

  if (len >= 3 && memcmp (p, UTF8_BOM, 3) == 0)
    p += 3;

  while (p < end)
    {
      /* At the start of a field. */
      if (*p == '"' && !read_quoted (&p, end, field, &line, filename, error))
        return NULL;
      /* Text between the closing quote and the separator is kept as is
       * (lenient, as spreadsheet programs are). */

      while (p < end && *p != ',' && *p != '\r' && *p != '\n')
        {
          g_string_append_c (field, *p);
          p++;
        }

      finish_field (fields, field);

      if (p >= end)
        break;
      if (*p == ',')
        {
          p++;
          if (p >= end)
            {
              /* "a,b," at the very end: the last field is empty. */
              finish_field (fields, field);
            }
          continue;
        }

      /* A line end. */
      p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
      finish_row (rows, fields, row_line);
      line++;
      row_line = line;
    }

  if (fields->len > 0)
    finish_row (rows, fields, row_line);

  return g_steal_pointer (&rows);
}

static gboolean
needs_quotes (const char *field)
{
  gsize len;

  if (field == NULL || field[0] == '\0')
    return FALSE;
  if (strpbrk (field, ",\"\r\n") != NULL)
    return TRUE;
  len = strlen (field);
  return g_ascii_isspace (field[0]) || g_ascii_isspace (field[len - 1]);
}

static void
append_field (GString    *out,
              const char *field)
{
  g_assert (out != NULL);

  if (field == NULL)
    return;
  if (!needs_quotes (field))
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
shequ_csv_append_row (GString            *out,
                      const char *const  *fields,
                      guint               n_fields)
{
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}
