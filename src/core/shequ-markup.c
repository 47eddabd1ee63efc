/* shequ-markup.c — the small, safe markup of disclosures: parsed into blocks, rendered
 * escaped as HTML, Pango markup or plain text */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-markup"

#include "config.h"

#include <string.h>

#include "shequ-markup.h"

struct _ShequMarkup {
  GPtrArray *blocks;  /* ShequMarkupBlock */
};

/* The largest list number kept as typed: more digits are text, not a number. */
#define NUMBER_MAX_DIGITS 6

static void
span_free (ShequMarkupSpan *span)
{
  g_free (span->text);
  g_free (span);
}

static void
block_free (ShequMarkupBlock *block)
{
  g_ptr_array_unref (block->spans);
  g_free (block);
}

static ShequMarkupBlock *
block_new (ShequMarkupBlockKind kind,
           guint                number)
{
  ShequMarkupBlock *block = g_new0 (ShequMarkupBlock, 1);

  block->kind = kind;
  block->number = number;
  block->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
  return block;
}

/* Appends TEXT[0..LEN) to BLOCK as a span of its own; block_finish() merges them. */
static void
add_span (ShequMarkupBlock *block,
          const char       *text,
          gsize             len,
          gboolean          emphasis)
{
  ShequMarkupSpan *span;

  if (len == 0)
    return;
  span = g_new0 (ShequMarkupSpan, 1);
  span->text = g_strndup (text, len);
  span->emphasis = emphasis;
  g_ptr_array_add (block->spans, span);
}

/* Neighbouring spans of the same emphasis made one (in one pass: a paragraph of many
 * lines is many spans while it is read). */
static void
block_finish (ShequMarkupBlock *block)
{
  g_autoptr(GPtrArray) merged = NULL;

  if (block == NULL || block->spans->len < 2)
    return;
  merged = g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
  for (guint i = 0; i < block->spans->len;)
    {
      ShequMarkupSpan *first = g_ptr_array_index (block->spans, i);
      GString *text = g_string_new (first->text);
      ShequMarkupSpan *span = g_new0 (ShequMarkupSpan, 1);
      guint j;

      for (j = i + 1; j < block->spans->len; j++)
        {
          ShequMarkupSpan *next = g_ptr_array_index (block->spans, j);

          if (next->emphasis != first->emphasis)
            break;
          g_string_append (text, next->text);
        }
      span->emphasis = first->emphasis;
      span->text = g_string_free (text, FALSE);
      g_ptr_array_add (merged, span);
      i = j;
    }
  g_ptr_array_unref (block->spans);
  block->spans = g_steal_pointer (&merged);
}

/* LINE's text into BLOCK: "**bold**" pairs as emphasis, an unpaired "**" as text. */
static void
add_inline (ShequMarkupBlock *block,
            const char       *line)
{
  const char *p = line;

  while (*p != '\0')
    {
      const char *open = strstr (p, "**");
      const char *close = open != NULL ? strstr (open + 2, "**") : NULL;

      /* "****" is no emphasis of nothing: the stars stay text. */
      if (open == NULL || close == NULL || close == open + 2)
        {
          if (open != NULL && close == open + 2)
            {
              add_span (block, p, (gsize) (close + 2 - p), FALSE);
              p = close + 2;
              continue;
            }
          add_span (block, p, strlen (p), FALSE);
          return;
        }
      add_span (block, p, (gsize) (open - p), FALSE);
      add_span (block, open + 2, (gsize) (close - open - 2), TRUE);
      p = close + 2;
    }
}

/* LINE without the blanks (also U+3000) at either end; points into a new string. */
static char *
strip_line (const char *line)
{
  const char *start = line;
  const char *end = line + strlen (line);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, (gsize) (end - start));
}

/* What a line starts with: "## ", "- ", "• ", "12. ", "12、". *REST is the text after
 * the marker (and its blanks). */
static gboolean
read_marker (const char            *line,
             ShequMarkupBlockKind  *kind,
             guint                 *number,
             const char           **rest)
{
  const char *p = line;
  guint n_digits = 0;

  *number = 0;
  if (g_str_has_prefix (line, "## ") || g_str_has_prefix (line, "##\u3000"))
    {
      *kind = SHEQU_MARKUP_HEADING;
      p = line + 2;
    }
  else if (g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "-\u3000"))
    {
      *kind = SHEQU_MARKUP_BULLET_ITEM;
      p = line + 1;
    }
  else if (g_str_has_prefix (line, "•"))
    {
      *kind = SHEQU_MARKUP_BULLET_ITEM;
      p = line + strlen ("•");
    }
  else
    {
      while (g_ascii_isdigit (p[n_digits]) && n_digits <= NUMBER_MAX_DIGITS)
        n_digits++;
      if (n_digits == 0 || n_digits > NUMBER_MAX_DIGITS)
        return FALSE;
      p += n_digits;
      /* "1.5万元" is a sentence, "1. 申请" an item. */
      if (g_str_has_prefix (p, ". ") || g_str_has_prefix (p, ".\u3000"))
        p += 1;
      else if (g_str_has_prefix (p, "、"))
        p += strlen ("、");
      else
        return FALSE;
      *kind = SHEQU_MARKUP_NUMBER_ITEM;
      *number = (guint) g_ascii_strtoull (line, NULL, 10);
    }
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  /* A marker alone ("3、", "•") is a line of text, not an empty item. */
  if (*p == '\0')
    return FALSE;
  *rest = p;
  return TRUE;
}

/* TEXT made safe to hold: valid UTF-8, "\n" line ends, and control characters (which
 * neither HTML nor Pango markup may carry) as U+FFFD. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else if (c == '\n' || c == '\t')
        g_string_append_c (out, (char) c);
      else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

ShequMarkup *
shequ_markup_parse (const char *text)
{
  ShequMarkup *markup = g_new0 (ShequMarkup, 1);
  g_autofree char *clean = NULL;
  g_auto(GStrv) lines = NULL;
  ShequMarkupBlock *paragraph = NULL;

  markup->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  if (text == NULL)
    return markup;
  clean = clean_text (text);
  lines = g_strsplit (clean, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = strip_line (lines[i]);
      ShequMarkupBlockKind kind;
      guint number;
      const char *rest;

      if (*line == '\0')
        {
          block_finish (g_steal_pointer (&paragraph));
          continue;
        }
      if (read_marker (line, &kind, &number, &rest))
        {
          ShequMarkupBlock *block = block_new (kind, number);

          block_finish (g_steal_pointer (&paragraph));
          add_inline (block, rest);
          block_finish (block);
          g_ptr_array_add (markup->blocks, block);
          continue;
        }
      if (paragraph == NULL)
        {
          paragraph = block_new (SHEQU_MARKUP_PARAGRAPH, 0);
          g_ptr_array_add (markup->blocks, paragraph);
        }
      else
        add_span (paragraph, "\n", 1, FALSE);
      add_inline (paragraph, line);
    }
  block_finish (paragraph);
  return markup;
}

void
shequ_markup_free (ShequMarkup *markup)
{
  if (markup == NULL)
    return;
  g_ptr_array_unref (markup->blocks);
  g_free (markup);
}

guint
shequ_markup_get_n_blocks (ShequMarkup *markup)
{
  g_return_val_if_fail (markup != NULL, 0);
  return markup->blocks->len;
}

const ShequMarkupBlock *
shequ_markup_get_block (ShequMarkup *markup,
                        guint        i)
{
  g_return_val_if_fail (markup != NULL, NULL);
  g_return_val_if_fail (i < markup->blocks->len, NULL);
  return g_ptr_array_index (markup->blocks, i);
}

/* Escaping. */

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    line_breaks_as_br)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&':
        g_string_append (out, "&amp;");
        break;
      case '<':
        g_string_append (out, "&lt;");
        break;
      case '>':
        g_string_append (out, "&gt;");
        break;
      case '"':
        g_string_append (out, "&quot;");
        break;
      case '\'':
        g_string_append (out, "&#39;");
        break;
      case '\n':
        g_string_append (out, line_breaks_as_br ? "<br>" : "\n");
        break;
      default:
        g_string_append_c (out, *p);
        break;
      }
}

char *
shequ_html_escape (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 16);
  append_escaped (out, text, FALSE);
  return g_string_free (out, FALSE);
}

/* The spans of BLOCK between the renderer's emphasis tags. */
static void
append_spans (GString                *out,
              const ShequMarkupBlock *block,
              const char             *open,
              const char             *close,
              gboolean                line_breaks_as_br)
{
  for (guint i = 0; i < block->spans->len; i++)
    {
      const ShequMarkupSpan *span = g_ptr_array_index (block->spans, i);

      if (span->emphasis && open != NULL)
        g_string_append (out, open);
      if (open != NULL)
        append_escaped (out, span->text, line_breaks_as_br);
      else
        g_string_append (out, span->text);
      if (span->emphasis && close != NULL)
        g_string_append (out, close);
    }
}

/* Renderers. */

static gboolean
is_item (ShequMarkupBlockKind kind)
{
  return kind == SHEQU_MARKUP_BULLET_ITEM || kind == SHEQU_MARKUP_NUMBER_ITEM;
}

char *
shequ_markup_to_html (ShequMarkup *markup)
{
  GString *out;
  ShequMarkupBlockKind list = SHEQU_MARKUP_PARAGRAPH;  /* none open */

  g_return_val_if_fail (markup != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < markup->blocks->len; i++)
    {
      const ShequMarkupBlock *block = g_ptr_array_index (markup->blocks, i);

      if (list != SHEQU_MARKUP_PARAGRAPH && block->kind != list)
        {
          g_string_append (out, list == SHEQU_MARKUP_BULLET_ITEM ? "</ul>\n" : "</ol>\n");
          list = SHEQU_MARKUP_PARAGRAPH;
        }
      if (is_item (block->kind) && list == SHEQU_MARKUP_PARAGRAPH)
        {
          list = block->kind;
          if (block->kind == SHEQU_MARKUP_BULLET_ITEM)
            g_string_append (out, "<ul>\n");
          else if (block->number != 1)
            /* A list continued after a paragraph starts at its number as typed. */
            g_string_append_printf (out, "<ol start=\"%u\">\n", block->number);
          else
            g_string_append (out, "<ol>\n");
        }
      switch (block->kind)
        {
        case SHEQU_MARKUP_HEADING:
          g_string_append (out, "<h3>");
          append_spans (out, block, "<strong>", "</strong>", TRUE);
          g_string_append (out, "</h3>\n");
          break;
        case SHEQU_MARKUP_BULLET_ITEM:
        case SHEQU_MARKUP_NUMBER_ITEM:
          g_string_append (out, "<li>");
          append_spans (out, block, "<strong>", "</strong>", TRUE);
          g_string_append (out, "</li>\n");
          break;
        case SHEQU_MARKUP_PARAGRAPH:
        default:
          g_string_append (out, "<p>");
          append_spans (out, block, "<strong>", "</strong>", TRUE);
          g_string_append (out, "</p>\n");
          break;
        }
    }
  if (list != SHEQU_MARKUP_PARAGRAPH)
    g_string_append (out, list == SHEQU_MARKUP_BULLET_ITEM ? "</ul>\n" : "</ol>\n");
  return g_string_free (out, FALSE);
}

/* Pango markup (PANGO) or plain text: items one a line, other blocks apart by a blank
 * line. */
static char *
render_lines (ShequMarkup *markup,
              gboolean     pango)
{
  GString *out = g_string_new (NULL);
  const char *open = pango ? "<b>" : NULL;
  const char *close = pango ? "</b>" : NULL;

  for (guint i = 0; i < markup->blocks->len; i++)
    {
      const ShequMarkupBlock *block = g_ptr_array_index (markup->blocks, i);

      if (i > 0)
        {
          const ShequMarkupBlock *prev = g_ptr_array_index (markup->blocks, i - 1);

          g_string_append (out, is_item (prev->kind) && is_item (block->kind) ? "\n" : "\n\n");
        }
      switch (block->kind)
        {
        case SHEQU_MARKUP_HEADING:
          if (pango)
            g_string_append (out, "<big><b>");
          /* Inside <b> already: emphasis adds nothing a heading does not have. */
          append_spans (out, block, pango ? "" : NULL, pango ? "" : NULL, FALSE);
          if (pango)
            g_string_append (out, "</b></big>");
          break;
        case SHEQU_MARKUP_BULLET_ITEM:
          g_string_append (out, "• ");
          append_spans (out, block, open, close, FALSE);
          break;
        case SHEQU_MARKUP_NUMBER_ITEM:
          g_string_append_printf (out, "%u. ", block->number);
          append_spans (out, block, open, close, FALSE);
          break;
        case SHEQU_MARKUP_PARAGRAPH:
        default:
          append_spans (out, block, open, close, FALSE);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

char *
shequ_markup_to_pango (ShequMarkup *markup)
{
  g_return_val_if_fail (markup != NULL, NULL);
  return render_lines (markup, TRUE);
}

char *
shequ_markup_to_plain (ShequMarkup *markup)
{
  g_return_val_if_fail (markup != NULL, NULL);
  return render_lines (markup, FALSE);
}

char *
shequ_markup_render_html (const char *text)
{
  g_autoptr(ShequMarkup) markup = shequ_markup_parse (text);

  return shequ_markup_to_html (markup);
}

char *
shequ_markup_render_pango (const char *text)
{
  g_autoptr(ShequMarkup) markup = shequ_markup_parse (text);

  return shequ_markup_to_pango (markup);
}

char *
shequ_markup_render_plain (const char *text)
{
  g_autoptr(ShequMarkup) markup = shequ_markup_parse (text);

  return shequ_markup_to_plain (markup);
}
