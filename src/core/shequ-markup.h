/* shequ-markup.h — the small, safe text markup of disclosures and guides */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What staff write, stored as typed (plain UTF-8 text) and only ever rendered escaped:
 *
 *   A paragraph is lines of text; a blank line ends it.
 *   "- item" or "• item" lines make a bulleted list; "1. item" (or "1、item") lines
 *   a numbered one. "## Heading" is a sub-heading.
 *   **bold** inside a line is emphasis. Nothing else is markup: "<b>", "&amp;" and
 *   "javascript:" are text and show as typed.
 *
 * The document is parsed into blocks; every renderer escapes every character of text
 * it writes, so no input can make HTML or Pango markup of its own. */

typedef enum {
  SHEQU_MARKUP_PARAGRAPH,
  SHEQU_MARKUP_HEADING,
  SHEQU_MARKUP_BULLET_ITEM,
  SHEQU_MARKUP_NUMBER_ITEM,
} ShequMarkupBlockKind;

/* A run of text in a block: EMPHASIS for **bold**. */
typedef struct {
  char     *text;
  gboolean  emphasis;
} ShequMarkupSpan;

typedef struct {
  ShequMarkupBlockKind  kind;
  guint                 number;  /* NUMBER_ITEM: the number as typed */
  GPtrArray            *spans;   /* ShequMarkupSpan; a line break inside a paragraph is "\n" */
} ShequMarkupBlock;

typedef struct _ShequMarkup ShequMarkup;

/* Never fails: any UTF-8 text is a document (invalid UTF-8 is replaced by U+FFFD, and
 * so are control characters other than tab and line breaks, which neither HTML nor
 * Pango markup may carry). CRLF and CR are line breaks. Lines are read without the
 * blanks around them. A marker needs text after it ("- " alone, "3、" alone are text);
 * "1.5万元" and "-5度" are text, since "1." and "-" need a blank after them. A number
 * has at most 6 digits. */
ShequMarkup *shequ_markup_parse       (const char   *text);
void         shequ_markup_free        (ShequMarkup  *markup);
guint        shequ_markup_get_n_blocks (ShequMarkup *markup);
const ShequMarkupBlock *shequ_markup_get_block (ShequMarkup *markup,
                                                guint        i);

/* <p>, <h3>, <ul><li>, <ol><li>, <strong>, <br>: nothing else, every text character
 * escaped (& < > " '). A numbered list whose first number is not 1 opens with
 * <ol start="N">, N its number as typed; one tag or block a line. */
char        *shequ_markup_to_html     (ShequMarkup  *markup);
/* Pango markup for a GtkLabel (<b>, <big> headings, "•"/"1." items), escaped. */
char        *shequ_markup_to_pango    (ShequMarkup  *markup);
/* Plain text with the markup taken out: for the CLI, the PDF and the search. */
char        *shequ_markup_to_plain    (ShequMarkup  *markup);

/* Shortcuts: parse, render, free. */
char        *shequ_markup_render_html  (const char  *text);
char        *shequ_markup_render_pango (const char  *text);
char        *shequ_markup_render_plain (const char  *text);

/* HTML-escapes TEXT (& < > " ') for text and attribute values. */
char        *shequ_html_escape        (const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequMarkup, shequ_markup_free)

G_END_DECLS
