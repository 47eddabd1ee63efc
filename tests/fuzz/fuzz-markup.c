/* fuzz-markup.c — libFuzzer target: the small markup rendered as HTML, Pango and text */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-markup"

#include "config.h"

#include <glib.h>
#include <pango/pango.h>
#include <stdint.h>
#include <string.h>

#include "shequ-markup.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The length of the allowed tag at P ("<p>", "</li>", "<ol start=\"12\">" …), or 0. */
static gsize
allowed_tag (const char *p)
{
  static const char *const tags[] = {
    "<p>", "</p>", "<h3>", "</h3>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>",
    "<strong>", "</strong>", "<br>",
  };
  const char *q;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (g_str_has_prefix (p, tags[i]))
      return strlen (tags[i]);
  if (!g_str_has_prefix (p, "<ol start=\""))
    return 0;
  q = p + strlen ("<ol start=\"");
  if (!g_ascii_isdigit (*q))
    return 0;
  while (g_ascii_isdigit (*q))
    q++;
  return g_str_has_prefix (q, "\">") ? (gsize) (q + 2 - p) : 0;
}

/* Every '<' opens an allowed tag; outside tags no > " ' and every & an entity the
 * escaping writes. */
static void
check_html (const char *html)
{
  static const char *const entities[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };

  g_assert_true (g_utf8_validate (html, -1, NULL));
  for (const char *p = html; *p != '\0';)
    {
      gsize len = 0;

      if (*p == '<')
        {
          len = allowed_tag (p);
          if (len == 0)
            g_error ("a tag that is not allowed at “%.40s”", p);
          p += len;
          continue;
        }
      g_assert_true (*p != '>' && *p != '"' && *p != '\'');
      if (*p == '&')
        {
          for (guint i = 0; i < G_N_ELEMENTS (entities) && len == 0; i++)
            if (g_str_has_prefix (p, entities[i]))
              len = strlen (entities[i]);
          if (len == 0)
            g_error ("an unescaped & at “%.40s”", p);
          p += len;
          continue;
        }
      p++;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(ShequMarkup) markup = shequ_markup_parse (text);
  g_autofree char *html = shequ_markup_to_html (markup);
  g_autofree char *pango = shequ_markup_to_pango (markup);
  g_autofree char *plain = shequ_markup_to_plain (markup);
  g_autoptr(GError) error = NULL;
  g_autofree char *pango_text = NULL;

  check_html (html);
  if (!pango_parse_markup (pango, -1, 0, NULL, &pango_text, NULL, &error))
    g_error ("Pango refuses the markup: %s", error->message);
  g_assert_true (g_utf8_validate (plain, -1, NULL));
  /* The Pango text and the plain text show the same characters. */
  g_assert_cmpstr (pango_text, ==, plain);
  for (guint i = 0; i < shequ_markup_get_n_blocks (markup); i++)
    {
      const ShequMarkupBlock *block = shequ_markup_get_block (markup, i);

      g_assert_cmpuint (block->spans->len, >, 0);
      for (guint j = 0; j < block->spans->len; j++)
        g_assert_true (g_utf8_validate (((ShequMarkupSpan *)
                                         g_ptr_array_index (block->spans, j))->text, -1, NULL));
    }
  return 0;
}
