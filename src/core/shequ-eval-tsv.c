/* shequ-eval-tsv.c — tab-separated clipboard text as Excel and WPS write it, read and written */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-tsv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-eval-sheet.h"

#define UTF8_BOM "\xEF\xBB\xBF"

/* The parse's state: where it is, and the row being built. */
typedef struct {
  const char *p;
  const char *end;
  guint       line;      /* 1-based text line of P */
  guint       n_cells;   /* cells so far, over every row */
  GPtrArray  *rows;      /* GStrv */
  GPtrArray  *cells;     /* char *, the row being read */
  GString    *cell;
} TsvReader;

static gboolean
add_cell (TsvReader  *r,
          GError    **error)
{
  if (r->n_cells >= SHEQU_EVAL_TSV_MAX_CELLS)
    {
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID,
                   _("Line %u: the pasted text has more than %u cells"),
                   r->line, (guint) SHEQU_EVAL_TSV_MAX_CELLS);
      return FALSE;
    }
  r->n_cells++;
  g_ptr_array_add (r->cells, g_strndup (r->cell->str, r->cell->len));
  g_string_truncate (r->cell, 0);
  return TRUE;
}

static void
end_row (TsvReader *r)
{
  g_ptr_array_add (r->cells, NULL);
  g_ptr_array_add (r->rows, g_ptr_array_steal (r->cells, NULL));
}

/* The quoted cell at R->p (on its opening quote) into R->cell, leaving R->p after the
 * closing quote. Line breaks inside stay as they are (Excel writes a cell's own line
 * breaks as LF). */
static gboolean
read_quoted (TsvReader  *r,
             GError    **error)
{
  guint quote_line = r->line;
  const char *p = r->p + 1;

  for (;;)
    {
      if (p >= r->end)
        {
          g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID,
                       _("Line %u: a quoted cell that starts here is never closed"),
                       quote_line);
          return FALSE;
        }
      if (*p == '"')
        {
          if (p + 1 < r->end && p[1] == '"')
            {
              g_string_append_c (r->cell, '"');
              p += 2;
              continue;
            }
          r->p = p + 1;
          return TRUE;
        }
      if (*p == '\n')
        r->line++;
      g_string_append_c (r->cell, *p);
      p++;
    }
}

GPtrArray *
shequ_eval_parse_tsv (const char  *tsv,
                      GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *bad = NULL;
  TsvReader r = { 0, };
  gsize len;

  g_return_val_if_fail (tsv != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = strlen (tsv);
  if (!g_utf8_validate (tsv, len, &bad))
    {
      guint line = 1;

      for (const char *q = tsv; q < bad; q++)
        line += *q == '\n';
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID,
                   _("Line %u: the pasted text is not UTF-8"), line);
      return NULL;
    }

  r.p = tsv;
  r.end = tsv + len;
  r.line = 1;
  r.rows = rows;
  r.cells = cells;
  r.cell = cell;
  if (len >= 3 && memcmp (r.p, UTF8_BOM, 3) == 0)
    r.p += 3;

  while (r.p < r.end)
    {
      /* At the start of a cell: a quote opens a quoted cell; text after its closing
       * quote up to the tab is kept as is, as spreadsheet programs do. */
      if (*r.p == '"' && !read_quoted (&r, error))
        return NULL;
      while (r.p < r.end && *r.p != '\t' && *r.p != '\r' && *r.p != '\n')
        g_string_append_c (cell, *r.p++);
      if (!add_cell (&r, error))
        return NULL;
      if (r.p >= r.end)
        {
          end_row (&r);
          break;
        }
      if (*r.p == '\t')
        {
          r.p++;
          /* "a\tb\t" at the very end: its last cell is empty. */
          if (r.p >= r.end)
            {
              if (!add_cell (&r, error))
                return NULL;
              end_row (&r);
            }
          continue;
        }
      /* A row's end; after the last row it ends the text (the trailing newline). */
      r.p += (*r.p == '\r' && r.p + 1 < r.end && r.p[1] == '\n') ? 2 : 1;
      r.line++;
      end_row (&r);
    }

  return g_steal_pointer (&rows);
}

/* A cell that starts with a byte order mark is quoted too: unquoted at the start of
 * the text, the reader would drop it. */
static gboolean
tsv_needs_quotes (const char *cell)
{
  return cell[0] == '"' || g_str_has_prefix (cell, UTF8_BOM) ||
         strpbrk (cell, "\t\r\n") != NULL;
}

void
shequ_eval_tsv_append_row (GString           *out,
                           const char *const *cells,
                           guint              n_cells)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  for (guint i = 0; i < n_cells; i++)
    {
      const char *cell = cells[i] != NULL ? cells[i] : "";

      if (i > 0)
        g_string_append_c (out, '\t');
      if (!tsv_needs_quotes (cell))
        {
          g_string_append (out, cell);
          continue;
        }
      g_string_append_c (out, '"');
      for (const char *p = cell; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '\n');
}
