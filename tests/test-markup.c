/* test-markup.c — blocks and spans as staff write them; HTML, Pango and plain text with
 * every character escaped */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "shequ-markup.h"

static const char *
span_text (ShequMarkup *markup,
           guint        block,
           guint        span)
{
  const ShequMarkupBlock *b = shequ_markup_get_block (markup, block);

  g_assert_cmpuint (span, <, b->spans->len);
  return ((ShequMarkupSpan *) g_ptr_array_index (b->spans, span))->text;
}

static gboolean
span_emphasis (ShequMarkup *markup,
               guint        block,
               guint        span)
{
  const ShequMarkupBlock *b = shequ_markup_get_block (markup, block);

  return ((ShequMarkupSpan *) g_ptr_array_index (b->spans, span))->emphasis;
}

static void
assert_pango_valid (const char *pango)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!pango_parse_markup (pango, -1, 0, NULL, &text, NULL, &error))
    g_error ("not Pango markup: %s\n%s", error->message, pango);
}

static void
test_blocks (void)
{
  g_autoptr(ShequMarkup) m = shequ_markup_parse (
    "## 本月工作\n"
    "第一段第一行\n"
    "第一段第二行\n"
    "\n"
    "- 修路\n"
    "• 清淤\n"
    "1. 申请\n"
    "2、审核\n"
    "  \n"
    "1.5万元用于修路\n"
    "-5度以下停工\n");
  const ShequMarkupBlock *b;

  g_assert_cmpuint (shequ_markup_get_n_blocks (m), ==, 7);
  b = shequ_markup_get_block (m, 0);
  g_assert_cmpint (b->kind, ==, SHEQU_MARKUP_HEADING);
  g_assert_cmpstr (span_text (m, 0, 0), ==, "本月工作");
  b = shequ_markup_get_block (m, 1);
  g_assert_cmpint (b->kind, ==, SHEQU_MARKUP_PARAGRAPH);
  g_assert_cmpuint (b->spans->len, ==, 1);
  g_assert_cmpstr (span_text (m, 1, 0), ==, "第一段第一行\n第一段第二行");
  g_assert_cmpint (shequ_markup_get_block (m, 2)->kind, ==, SHEQU_MARKUP_BULLET_ITEM);
  g_assert_cmpstr (span_text (m, 2, 0), ==, "修路");
  g_assert_cmpint (shequ_markup_get_block (m, 3)->kind, ==, SHEQU_MARKUP_BULLET_ITEM);
  g_assert_cmpstr (span_text (m, 3, 0), ==, "清淤");
  b = shequ_markup_get_block (m, 4);
  g_assert_cmpint (b->kind, ==, SHEQU_MARKUP_NUMBER_ITEM);
  g_assert_cmpuint (b->number, ==, 1);
  g_assert_cmpstr (span_text (m, 4, 0), ==, "申请");
  b = shequ_markup_get_block (m, 5);
  g_assert_cmpint (b->kind, ==, SHEQU_MARKUP_NUMBER_ITEM);
  g_assert_cmpuint (b->number, ==, 2);
  g_assert_cmpstr (span_text (m, 5, 0), ==, "审核");
  /* "1.5万元" and "-5度" are sentences, not items. */
  b = shequ_markup_get_block (m, 6);
  g_assert_cmpint (b->kind, ==, SHEQU_MARKUP_PARAGRAPH);
  g_assert_cmpstr (span_text (m, 6, 0), ==, "1.5万元用于修路\n-5度以下停工");
}

static void
test_numbers_as_typed (void)
{
  g_autoptr(ShequMarkup) alone = shequ_markup_parse ("3、\n•\n## ");
  g_autoptr(ShequMarkup) m = shequ_markup_parse ("3、第三项\n12. 第十二项\n1234567. 不是");
  g_autofree char *html = shequ_markup_to_html (m);
  g_autofree char *plain = shequ_markup_to_plain (m);

  /* A marker alone is text (found by fuzz-markup). */
  g_assert_cmpuint (shequ_markup_get_n_blocks (alone), ==, 1);
  g_assert_cmpint (shequ_markup_get_block (alone, 0)->kind, ==, SHEQU_MARKUP_PARAGRAPH);
  g_assert_cmpstr (span_text (alone, 0, 0), ==, "3、\n•\n##");

  g_assert_cmpuint (shequ_markup_get_n_blocks (m), ==, 3);
  g_assert_cmpuint (shequ_markup_get_block (m, 0)->number, ==, 3);
  g_assert_cmpuint (shequ_markup_get_block (m, 1)->number, ==, 12);
  g_assert_cmpint (shequ_markup_get_block (m, 2)->kind, ==, SHEQU_MARKUP_PARAGRAPH);
  g_assert_cmpstr (html, ==,
                   "<ol start=\"3\">\n<li>第三项</li>\n<li>第十二项</li>\n</ol>\n"
                   "<p>1234567. 不是</p>\n");
  g_assert_cmpstr (plain, ==, "3. 第三项\n12. 第十二项\n\n1234567. 不是");
}

static void
test_emphasis (void)
{
  g_autoptr(ShequMarkup) m = shequ_markup_parse ("按 **户** 收取 **unclosed");
  g_autoptr(ShequMarkup) stars = shequ_markup_parse ("a****b ** c");
  g_autoptr(ShequMarkup) lines = shequ_markup_parse ("**a\nb**");

  g_assert_cmpuint (shequ_markup_get_block (m, 0)->spans->len, ==, 3);
  g_assert_cmpstr (span_text (m, 0, 0), ==, "按 ");
  g_assert_false (span_emphasis (m, 0, 0));
  g_assert_cmpstr (span_text (m, 0, 1), ==, "户");
  g_assert_true (span_emphasis (m, 0, 1));
  g_assert_cmpstr (span_text (m, 0, 2), ==, " 收取 **unclosed");
  g_assert_false (span_emphasis (m, 0, 2));

  g_assert_cmpuint (shequ_markup_get_block (stars, 0)->spans->len, ==, 1);
  g_assert_cmpstr (span_text (stars, 0, 0), ==, "a****b ** c");
  /* Emphasis stays inside a line. */
  g_assert_cmpuint (shequ_markup_get_block (lines, 0)->spans->len, ==, 1);
  g_assert_cmpstr (span_text (lines, 0, 0), ==, "**a\nb**");
}

static void
test_html (void)
{
  g_autofree char *html = shequ_markup_render_html (
    "## 标题 & <说明>\n"
    "<script>alert('x')</script> \"引号\"\n"
    "第二行 **重点**\n"
    "\n"
    "- <b>粗</b>\n"
    "- javascript:alert(1)\n"
    "&amp;");

  g_assert_cmpstr (html, ==,
    "<h3>标题 &amp; &lt;说明&gt;</h3>\n"
    "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;引号&quot;<br>"
    "第二行 <strong>重点</strong></p>\n"
    "<ul>\n<li>&lt;b&gt;粗&lt;/b&gt;</li>\n<li>javascript:alert(1)</li>\n</ul>\n"
    "<p>&amp;amp;</p>\n");
  g_assert_null (strstr (html, "<script"));
}

static void
test_pango (void)
{
  g_autofree char *pango = shequ_markup_render_pango (
    "## 标题 **重点**\n<span foreground='red'>红</span> & **粗**\n\n- 甲\n1、乙\n\x01控制");

  g_assert_cmpstr (pango, ==,
    "<big><b>标题 重点</b></big>\n\n"
    "&lt;span foreground=&#39;red&#39;&gt;红&lt;/span&gt; &amp; <b>粗</b>\n\n"
    "• 甲\n1. 乙\n\n"
    "\xef\xbf\xbd控制");
  assert_pango_valid (pango);
}

static void
test_plain (void)
{
  g_autofree char *plain = shequ_markup_render_plain (
    "## 通知\n请 **按时** 缴费 <b>\n\n- 一\n- 二\n\n结束");

  g_assert_cmpstr (plain, ==, "通知\n\n请 按时 缴费 <b>\n\n• 一\n• 二\n\n结束");
}

static void
test_line_ends_and_bytes (void)
{
  g_autoptr(ShequMarkup) crlf = shequ_markup_parse ("甲\r\n乙\r\n\r\n- 丙\r丁");
  g_autoptr(ShequMarkup) bad = shequ_markup_parse ("好\xff\xfe坏\n- \xc3");
  g_autofree char *html = shequ_markup_to_html (bad);
  g_autofree char *pango = shequ_markup_to_pango (bad);
  g_autoptr(ShequMarkup) empty = shequ_markup_parse ("");
  g_autoptr(ShequMarkup) blank = shequ_markup_parse (" \n\t\n\u3000");
  g_autoptr(ShequMarkup) none = shequ_markup_parse (NULL);
  g_autofree char *empty_html = shequ_markup_to_html (empty);

  g_assert_cmpuint (shequ_markup_get_n_blocks (crlf), ==, 3);
  g_assert_cmpstr (span_text (crlf, 0, 0), ==, "甲\n乙");
  g_assert_cmpstr (span_text (crlf, 1, 0), ==, "丙");
  g_assert_cmpstr (span_text (crlf, 2, 0), ==, "丁");

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_nonnull (strstr (html, "好\xef\xbf\xbd"));
  g_assert_true (g_utf8_validate (pango, -1, NULL));
  assert_pango_valid (pango);

  g_assert_cmpuint (shequ_markup_get_n_blocks (empty), ==, 0);
  g_assert_cmpuint (shequ_markup_get_n_blocks (blank), ==, 0);
  g_assert_cmpuint (shequ_markup_get_n_blocks (none), ==, 0);
  g_assert_cmpstr (empty_html, ==, "");
}

static void
test_html_escape (void)
{
  g_autofree char *a = shequ_html_escape ("<a href=\"x\" title='y'>&</a>");
  g_autofree char *b = shequ_html_escape ("社区\n治理");

  g_assert_cmpstr (a, ==, "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  g_assert_cmpstr (b, ==, "社区\n治理");
}

static void
test_long_paragraph (void)
{
  GString *text = g_string_new (NULL);
  g_autoptr(ShequMarkup) m = NULL;
  gint64 start;

  for (guint i = 0; i < 40000; i++)
    g_string_append (text, "行 **a** b\n");
  start = g_get_monotonic_time ();
  m = shequ_markup_parse (text->str);
  g_test_message ("parsed %zu bytes of 40,000 lines in %.1f ms", text->len,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (shequ_markup_get_n_blocks (m), ==, 1);
  /* Normal and emphasis alternate: 2 spans a line, then the last normal one. */
  g_assert_cmpuint (shequ_markup_get_block (m, 0)->spans->len, ==, 80001);
  g_string_free (text, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markup/blocks", test_blocks);
  g_test_add_func ("/markup/numbers-as-typed", test_numbers_as_typed);
  g_test_add_func ("/markup/emphasis", test_emphasis);
  g_test_add_func ("/markup/html", test_html);
  g_test_add_func ("/markup/pango", test_pango);
  g_test_add_func ("/markup/plain", test_plain);
  g_test_add_func ("/markup/line-ends-and-bytes", test_line_ends_and_bytes);
  g_test_add_func ("/markup/html-escape", test_html_escape);
  g_test_add_func ("/markup/long-paragraph", test_long_paragraph);

  return g_test_run ();
}
