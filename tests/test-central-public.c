/* test-central-public.c — the residents' pages over HTTP: content, escaping, caching, files */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-central-public"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "shequ-central-public-private.h"
#include "shequ-test-central-public.h"


static void
test_unit_finance (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *body = shequ_test_public_get_ok (f, "/u/" COMMUNITY);

  shequ_test_public_assert_page (body, SHEQU_TEST_STRINGS (
    "<html lang=\"zh-CN\">", "东关社区2026年第三季度财务公开", "2026年第三季度",
    /* The lines, the totals and the balances, yuan with two decimals from fen. */
    "土地承包费", "1,234.56", "234.56",
    "收入合计</th><td class=\"num\">1,234.56</td>",
    "支出合计</th><td class=\"num\">234.56</td>",
    "期初余额</th><td class=\"num\">1,000.00</td>",
    "期末余额</th><td class=\"num\">2,000.00</td>",
    /* A note is text, not markup. */
    "&lt;b&gt;打印纸&lt;/b&gt;",
    /* The body through the markup: a list. */
    "<li>收入一项</li>",
    /* The attachment, linked by its hash with the name encoded. */
    "/files/" SHA_PUBLISHED "/%E6%94%B6%E6%94%AF%E5%87%AD%E8%AF%81%202026.pdf", "18 B"),
    /* No JavaScript at all. */
    SHEQU_TEST_STRINGS ("<b>打印纸", "<script"));
}

static void
test_unit_hides_drafts (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *community = shequ_test_public_get_ok (f, "/u/" COMMUNITY);
  g_autofree char *village = shequ_test_public_get_ok (f, "/u/" VILLAGE);

  shequ_test_public_assert_page (community, NULL, SHEQU_TEST_STRINGS ("尚未审核的草稿标题",
                                                                      "草稿附件"));
  shequ_test_public_assert_page (village, NULL, SHEQU_TEST_STRINGS ("第三版草稿不应出现"));
  /* A unit with nothing published is there, and says so. */
  {
    g_autofree char *empty = shequ_test_public_get_ok (f, "/u/" EMPTY);

    g_assert_nonnull (strstr (empty, "南村"));
    g_assert_nonnull (strstr (empty, "这里还没有公开的内容"));
  }
  /* A draft's own page is not there either. */
  g_assert_cmpuint (shequ_test_public_get_status (f, "/d/" UUID_DRAFT, NULL), ==, 404);
  g_assert_cmpuint (shequ_test_public_get_status (f, "/public/v1/disclosures/" UUID_DRAFT, NULL),
                    ==, 404);
}

static void
test_unit_withdrawn_and_corrected (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *community = shequ_test_public_get_ok (f, "/u/" COMMUNITY);
  g_autofree char *village = shequ_test_public_get_ok (f, "/u/" VILLAGE);
  g_autofree char *history = shequ_test_public_get_ok (f, "/d/" UUID_CORRECTED);

  g_assert_nonnull (strstr (community, "已撤回的通知"));
  g_assert_nonnull (strstr (community, "已撤回"));
  g_assert_nonnull (strstr (community, "数据有误，重新核对后再发布"));
  /* What was withdrawn is not shown any more. */
  g_assert_null (strstr (community, "错误的内容"));
  /* A community's 村务公开 is its 居务公开: in the kinds and on the disclosure. */
  g_assert_nonnull (strstr (community, "<span class=\"kind\">居务公开</span>"));
  g_assert_nonnull (strstr (community, ">居务公开 (1)</a>"));
  g_assert_null (strstr (community, "<span class=\"kind\">村"));

  /* The correction in front, saying so; the first version only in the history. */
  g_assert_nonnull (strstr (village, "低保名单（更正）"));
  g_assert_nonnull (strstr (village, "已更正"));
  g_assert_null (strstr (village, "低保名单（初版）"));
  g_assert_nonnull (strstr (history, "低保名单（更正）"));
  g_assert_nonnull (strstr (history, "低保名单（初版）"));
  g_assert_nonnull (strstr (history, "初版名单"));
  g_assert_null (strstr (history, "第三版草稿不应出现"));
  g_assert_nonnull (strstr (history, "李主任"));
}

static void
test_escaping (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *unit = shequ_test_public_get_ok (f, "/u/" COMMUNITY);
  g_autofree char *doc = shequ_test_public_get_ok (f, "/d/" UUID_SCRIPT);

  shequ_test_public_assert_page (unit,
                                 SHEQU_TEST_STRINGS ("&lt;script&gt;alert(1)&lt;/script&gt;动态"),
                                 SHEQU_TEST_STRINGS ("<script>", "<img"));
  shequ_test_public_assert_page (doc, SHEQU_TEST_STRINGS ("&lt;img src=x onerror=alert(2)&gt;"),
                                 SHEQU_TEST_STRINGS ("<script>"));
}

static void
test_policy_guide (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *body = shequ_test_public_get_ok (f, "/u/" VILLAGE "?kind=policy");

  /* The filter leaves out the other kinds. */
  shequ_test_public_assert_page (body,
                                 SHEQU_TEST_STRINGS ("高龄津贴申领指南", "适用对象",
                                                     "年满80周岁的本地户籍老人", "所需材料",
                                                     "<li>身份证</li>", "办理流程", "咨询电话",
                                                     "0539-4211234"),
                                 SHEQU_TEST_STRINGS ("低保名单"));
}

/* A published news item of UNIT in the fake. */
static void
add_news (ShequTestPublic *f, const char *uuid, const char *unit, const char *title)
{
  ShequDisclosure *d = shequ_test_public_doc_new (uuid, unit, SHEQU_DISCLOSURE_KIND_NEWS, "2026");

  g_ptr_array_add (d->versions, shequ_test_public_version_new (
    1, SHEQU_DISCLOSURE_STATE_PUBLISHED, title, "动态"));
  shequ_test_fake_central_add_document (f->storage, d);
}

static void
add_many (ShequTestPublic *f, guint n_units, guint n_docs)
{
  for (guint i = 0; i < n_units; i++)
    {
      g_autofree char *code = g_strdup_printf ("3713260011%02u", i);
      g_autofree char *name = g_strdup_printf ("第%u村", i);
      g_autofree char *uuid = g_strdup_printf ("7a000000-0000-4000-8000-%012u", i);

      shequ_test_fake_central_add_unit (f->storage, code, name, "village", STREET);
      add_news (f, uuid, code, name);
    }
  for (guint i = 0; i < n_docs; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("7b000000-0000-4000-8000-%012u", i);
      g_autofree char *title = g_strdup_printf ("工作动态第%u期", i);

      add_news (f, uuid, VILLAGE, title);
    }
  shequ_central_public_invalidate (f->public);
}

static void
test_pagination (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *index1 = NULL;
  g_autofree char *index2 = NULL;
  g_autofree char *unit2 = NULL;
  g_autofree char *json = NULL;

  add_many (f, 60, 30);
  /* 62 units with something published: 50 and 12. */
  index1 = shequ_test_public_get_ok (f, "/");
  shequ_test_public_assert_page (index1,
                                 SHEQU_TEST_STRINGS ("第 1 页，共 2 页",
                                                     "rel=\"next\" href=\"?page=2\"",
                                                     "平邑街道", "东关社区"),
                                 SHEQU_TEST_STRINGS ("rel=\"prev\"", "南村"));
  index2 = shequ_test_public_get_ok (f, "/?page=2");
  shequ_test_public_assert_page (index2,
                                 SHEQU_TEST_STRINGS ("第 2 页，共 2 页",
                                                     "rel=\"prev\" href=\"?page=1\""),
                                 SHEQU_TEST_STRINGS ("rel=\"next\""));
  g_assert_cmpuint (shequ_test_public_get_status (f, "/?page=3", NULL), ==, 404);
  g_assert_cmpuint (shequ_test_public_get_status (f, "/?page=0", NULL), ==, 404);
  g_assert_cmpuint (shequ_test_public_get_status (f, "/?page=x", NULL), ==, 404);

  /* The village: 30 news, a guide and a correction, 20 a page; the filter stays. */
  unit2 = shequ_test_public_get_ok (f, "/u/" VILLAGE "?kind=news&page=2");
  g_assert_nonnull (strstr (unit2, "第 2 页，共 2 页"));
  g_assert_nonnull (strstr (unit2, "href=\"?page=1&amp;kind=news\""));
  g_assert_nonnull (strstr (unit2, "工作动态第0期"));
  g_assert_null (strstr (unit2, "工作动态第29期"));

  json = shequ_test_public_get_ok (f, "/public/v1/units?page=2");
  g_assert_nonnull (strstr (json, "\"pages\":2"));
  g_assert_nonnull (strstr (json, "\"total\":62"));
}

static guint
count_of (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* A community's grid comes between the street's community and its villages by code: the
 * street's children still stand under one heading. */
static void
test_index_groups (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *index = NULL;

  shequ_test_fake_central_add_unit (f->storage, COMMUNITY "001", "东关第一网格", "grid",
                                    COMMUNITY);
  add_news (f, "6f1c0000-0000-4000-8000-0000000000bb", COMMUNITY "001", "网格动态");
  shequ_central_public_invalidate (f->public);
  index = shequ_test_public_get_ok (f, "/");
  g_assert_cmpuint (count_of (index, "<h2>平邑街道</h2>"), ==, 1);
  g_assert_cmpuint (count_of (index, "<h2>平邑街道 › 东关社区</h2>"), ==, 1);
  g_assert_nonnull (strstr (index, "东关第一网格"));
  g_assert_nonnull (strstr (index, "网格"));
}

static void
test_headers (ShequTestPublic *f, gconstpointer data)
{
  g_autoptr (SoupMessage) msg = shequ_test_public_request (f, "GET", "/u/" COMMUNITY, NULL, NULL,
                                                           NULL);
  g_autoptr (SoupMessage) css = shequ_test_public_request (f, "GET", "/static/site.css", NULL, NULL,
                                                           NULL);
  const char *csp = shequ_test_public_header (msg, "Content-Security-Policy");

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (shequ_test_public_header (msg, "Content-Type"), ==, "text/html; charset=utf-8");
  g_assert_nonnull (csp);
  g_assert_nonnull (strstr (csp, "default-src 'none'"));
  g_assert_nonnull (strstr (csp, "style-src 'self'"));
  g_assert_null (strstr (csp, "script-src"));
  g_assert_cmpstr (shequ_test_public_header (msg, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_nonnull (shequ_test_public_header (msg, "Referrer-Policy"));
  g_assert_cmpstr (shequ_test_public_header (msg, "Cache-Control"), ==, "public, max-age=60");
  g_assert_nonnull (shequ_test_public_header (msg, "ETag"));
  g_assert_nonnull (shequ_test_public_header (msg, "Last-Modified"));
  g_assert_cmpuint (soup_message_get_status (css), ==, 200);
  g_assert_cmpstr (shequ_test_public_header (css, "Content-Type"), ==, "text/css; charset=utf-8");
}

static void
test_conditional (ShequTestPublic *f, gconstpointer data)
{
  g_autoptr (SoupMessage) first = shequ_test_public_request (f, "GET", "/u/" COMMUNITY, NULL, NULL,
                                                             NULL);
  g_autofree char *etag = g_strdup (shequ_test_public_header (first, "ETag"));
  g_autofree char *modified = g_strdup (shequ_test_public_header (first, "Last-Modified"));
  g_autoptr (SoupMessage) same = NULL;
  g_autoptr (SoupMessage) since = NULL;
  g_autoptr (SoupMessage) other = NULL;
  g_autoptr (SoupMessage) changed = NULL;
  g_autoptr (SoupMessage) index = NULL;
  g_autofree char *body = NULL;

  same = shequ_test_public_request (f, "GET", "/u/" COMMUNITY, "If-None-Match", etag, &body);
  g_assert_cmpuint (soup_message_get_status (same), ==, 304);
  g_assert_cmpstr (body, ==, "");
  g_assert_cmpstr (shequ_test_public_header (same, "ETag"), ==, etag);
  since = shequ_test_public_request (f, "GET", "/u/" COMMUNITY, "If-Modified-Since", modified,
                                     NULL);
  g_assert_cmpuint (soup_message_get_status (since), ==, 304);
  other = shequ_test_public_request (f, "GET", "/u/" COMMUNITY, "If-None-Match", "\"1-deadbeef\"",
                                     NULL);
  g_assert_cmpuint (soup_message_get_status (other), ==, 200);
  /* Another page's tag is not this one's. */
  index = shequ_test_public_request (f, "GET", "/", "If-None-Match", etag, NULL);
  g_assert_cmpuint (soup_message_get_status (index), ==, 200);

  /* A write (the API invalidates): the old tag no longer holds. */
  add_many (f, 1, 0);
  changed = shequ_test_public_request (f, "GET", "/u/" COMMUNITY, "If-None-Match", etag, NULL);
  g_assert_cmpuint (soup_message_get_status (changed), ==, 200);
  g_assert_cmpstr (shequ_test_public_header (changed, "ETag"), !=, etag);
}

static void
test_head (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *get_body = NULL;
  g_autofree char *head_body = NULL;
  g_autoptr (SoupMessage) get = shequ_test_public_request (f, "GET", "/u/" COMMUNITY, NULL, NULL,
                                                           &get_body);
  g_autoptr (SoupMessage) head = shequ_test_public_request (f, "HEAD", "/u/" COMMUNITY, NULL, NULL,
                                                            &head_body);
  g_autofree char *length = g_strdup_printf ("%zu", strlen (get_body));

  g_assert_cmpuint (soup_message_get_status (head), ==, 200);
  g_assert_cmpstr (head_body, ==, "");
  g_assert_cmpstr (shequ_test_public_header (head, "Content-Length"), ==, length);
  g_assert_cmpstr (shequ_test_public_header (head, "ETag"), ==, shequ_test_public_header (get,
                                                                                          "ETag"));
}

static void
test_method_not_allowed (ShequTestPublic *f, gconstpointer data)
{
  const char *methods[] = { "POST", "PUT", "DELETE", "PATCH" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr (SoupMessage) msg = shequ_test_public_request (f, methods[i], "/u/" COMMUNITY, NULL,
                                                               NULL, NULL);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 405);
      g_assert_cmpstr (shequ_test_public_header (msg, "Allow"), ==, "GET, HEAD");
    }
}

static void
test_not_found (ShequTestPublic *f, gconstpointer data)
{
  const char *paths[] = {
    "/u/999999", "/u/abc", "/d/6f1c0000-0000-4000-8000-0000000000ff", "/d/not-a-uuid",
    "/nonsense", "/u/" COMMUNITY "/extra", "/files/../../etc/passwd", "/static/../main.c",
    "/u/" COMMUNITY "?page=99", "/u/" COMMUNITY "?kind=bogus",
  };
  /* libsoup itself refuses some of these (400) before any handler sees them. */
  const char *traversals[] = {
    "/files/" SHA_PUBLISHED "/..%2F..%2Fetc", "/files/" SHA_PUBLISHED "/%2e%2e/%2e%2e/etc",
    "/static/%2e%2e/site.css",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *body = NULL;

      g_test_message ("%s", paths[i]);
      g_assert_cmpuint (shequ_test_public_get_status (f, paths[i], &body), ==, 404);
      g_assert_nonnull (strstr (body, "页面不存在"));
      g_assert_nonnull (strstr (body, "lang=\"zh-CN\""));
    }
  for (guint i = 0; i < G_N_ELEMENTS (traversals); i++)
    {
      guint status = shequ_test_public_get_status (f, traversals[i], NULL);

      g_test_message ("%s", traversals[i]);
      g_assert_true (status == 400 || status == 404);
    }
  g_assert_cmpuint (shequ_test_public_get_status (f, "/public/v1/units/999999", NULL), ==, 404);
  {
    g_autofree char *json = NULL;

    /* Under /public/ a path that names nothing is a JSON 404 too. */
    g_assert_cmpuint (shequ_test_public_get_status (f, "/public/v1/nothing", &json), ==, 404);
    g_assert_cmpstr (json, ==, "{\"error\":\"not found\"}");
  }
  g_assert_cmpuint (shequ_test_public_get_status (f, "/public/v1/disclosures/" UUID_DRAFT, NULL),
                    ==, 404);
}

static void
test_files (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *body = NULL;
  g_autoptr (SoupMessage) msg = shequ_test_public_request (f, "GET",
                                                           "/files/" SHA_PUBLISHED "/x.pdf", NULL,
                                         NULL, &body);
  const char *disposition = shequ_test_public_header (msg, "Content-Disposition");

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (body, ==, "%PDF-1.4 published");
  g_assert_cmpstr (shequ_test_public_header (msg, "Content-Type"), ==, "application/pdf");
  g_assert_cmpstr (shequ_test_public_header (msg, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_nonnull (disposition);
  g_assert_true (g_str_has_prefix (disposition, "inline; filename=\"____ 2026.pdf\"; "));
  g_assert_nonnull (strstr (disposition, "filename*=UTF-8''%E6%94%B6%E6%94%AF%E5%87%AD%E8%AF%81"
                                         "%202026.pdf"));
  g_assert_cmpstr (shequ_test_public_header (msg, "ETag"), ==, "\"" SHA_PUBLISHED "\"");

  /* The draft's attachment is in the storage, and still not served. */
  g_assert_cmpuint (shequ_test_public_get_status (f, "/files/" SHA_DRAFT "/x.pdf", NULL), ==, 404);
  g_assert_cmpuint (shequ_test_public_get_status (f, "/files/" SHA_PUBLISHED "/", NULL), ==, 404);
}

static JsonObject *
parse_object (const char *text, JsonParser *parser)
{
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_json (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *unit = shequ_test_public_get_ok (f,
                                                    "/public/v1/units/" COMMUNITY "?kind=finance");
  g_autofree char *doc = shequ_test_public_get_ok (f, "/public/v1/disclosures/" UUID_CORRECTED);
  g_autofree char *units = shequ_test_public_get_ok (f, "/public/v1/units");
  g_autoptr (JsonParser) p1 = json_parser_new ();
  g_autoptr (JsonParser) p2 = json_parser_new ();
  g_autoptr (JsonParser) p3 = json_parser_new ();
  JsonObject *o = parse_object (unit, p1);
  JsonArray *list = json_object_get_array_member (o, "disclosures");
  JsonObject *finance, *item;

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "unit"),
                                                  "name"), ==, "东关社区");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  finance = json_object_get_object_member (
    json_object_get_object_member (json_array_get_object_element (list, 0), "current"),
    "finance");
  g_assert_cmpint (json_object_get_int_member (finance, "opening_fen"), ==, 100000);
  g_assert_cmpstr (json_object_get_string_member (finance, "opening_yuan"), ==, "1000.00");
  g_assert_cmpint (json_object_get_int_member (finance, "income_fen"), ==, 123456);
  g_assert_cmpint (json_object_get_int_member (finance, "expense_fen"), ==, 23456);
  g_assert_cmpint (json_object_get_int_member (finance, "closing_fen"), ==, 200000);
  item = json_array_get_object_element (json_object_get_array_member (finance, "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "category"), ==, "土地承包费");
  g_assert_cmpint (json_object_get_int_member (item, "amount_fen"), ==, 123456);
  g_assert_cmpstr (json_object_get_string_member (item, "amount_yuan"), ==, "1234.56");
  g_assert_cmpstr (json_object_get_string_member (item, "direction"), ==, "income");
  g_assert_null (strstr (unit, "尚未审核的草稿标题"));

  /* The history: versions 2 and 1, never the draft 3. */
  o = parse_object (doc, p2);
  list = json_object_get_array_member (o, "versions");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0),
                                               "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1),
                                                  "state"), ==, "corrected");
  g_assert_null (strstr (doc, "第三版草稿不应出现"));

  o = parse_object (units, p3);
  g_assert_cmpint (json_object_get_int_member (o, "total"), ==, 2);
}

static void
test_cache (ShequTestPublic *f, gconstpointer data)
{
  g_autofree char *first = shequ_test_public_get_ok (f, "/u/" COMMUNITY);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  shequ_test_fake_central_reset_counts (f->storage);
  for (guint i = 0; i < 20; i++)
    g_free (shequ_test_public_get_ok (f, "/u/" COMMUNITY));
  second = shequ_test_public_get_ok (f, "/u/" COMMUNITY);
  /* Nothing read but the stamp (itself kept a moment, so mostly not even that). */
  g_assert_cmpuint (shequ_test_fake_central_get_n_reads (f->storage), ==, 0);
  g_assert_cmpuint (shequ_test_fake_central_get_n_stamps (f->storage), <=, 21);
  g_assert_cmpstr (first, ==, second);

  /* After a write the page is rendered again and shows it. */
  {
    ShequDisclosure *d = shequ_test_public_doc_new ("6f1c0000-0000-4000-8000-0000000000aa",
                                                    COMMUNITY,
                                  SHEQU_DISCLOSURE_KIND_NEWS, "2026");

    g_ptr_array_add (d->versions, shequ_test_public_version_new (1,
                                                                 SHEQU_DISCLOSURE_STATE_PUBLISHED,
                                               "新发布的工作动态", "内容"));
    shequ_test_fake_central_add_document (f->storage, d);
  }
  shequ_central_public_invalidate (f->public);
  third = shequ_test_public_get_ok (f, "/u/" COMMUNITY);
  g_assert_nonnull (strstr (third, "新发布的工作动态"));
  g_assert_cmpuint (shequ_test_fake_central_get_n_reads (f->storage), >, 0);
}

/* The server's library logs structured (G_LOG_USE_STRUCTURED), past
 * g_test_expect_message: its warnings are counted here instead. */
static guint n_public_warnings;

static GLogWriterOutput
count_public_warnings (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
                       gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0
        && g_strcmp0 (fields[i].value, "shequ-central-public") == 0
        && (level & G_LOG_LEVEL_WARNING) != 0)
      {
        n_public_warnings++;
        return G_LOG_WRITER_HANDLED;
      }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
test_storage_failure (ShequTestPublic *f, gconstpointer data)
{
  guint warnings = n_public_warnings;

  g_autofree char *body = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  shequ_test_fake_central_set_failing (f->storage, TRUE);
  shequ_central_public_invalidate (f->public);
  msg = shequ_test_public_request (f, "GET", "/u/" COMMUNITY, NULL, NULL, &body);
  g_assert_cmpuint (n_public_warnings, ==, warnings + 1);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 500);
  g_assert_cmpstr (shequ_test_public_header (msg, "Cache-Control"), ==, "no-store");
  g_assert_nonnull (strstr (body, "lang=\"zh-CN\""));
  /* Once the storage is back, so is the page (the failure was not kept). */
  shequ_test_fake_central_set_failing (f->storage, FALSE);
  shequ_central_public_invalidate (f->public);
  g_free (shequ_test_public_get_ok (f, "/u/" COMMUNITY));
}

static void
test_route (void)
{
  struct { const char *path, *query; ShequPublicRouteKind kind; const char *arg; guint page;
           int kind_filter; } cases[] = {
    { "/", NULL, SHEQU_PUBLIC_ROUTE_INDEX, NULL, 1, -1 },
    { "/", "page=3&utm_source=x", SHEQU_PUBLIC_ROUTE_INDEX, NULL, 3, -1 },
    { "/", "page=-1", SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
    { "/", "page=1000001", SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
    { "/u/371326001001", "kind=finance&page=2", SHEQU_PUBLIC_ROUTE_UNIT, "371326001001", 2,
      SHEQU_DISCLOSURE_KIND_FINANCE },
    { "/u/371326001001", "kind=", SHEQU_PUBLIC_ROUTE_UNIT, "371326001001", 1, -1 },
    { "/u/37132600100a", NULL, SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
    { "/u/", NULL, SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
    { "/d/6F1C0000-0000-4000-8000-000000000001", NULL, SHEQU_PUBLIC_ROUTE_DOCUMENT,
      "6f1c0000-0000-4000-8000-000000000001", 1, -1 },
    { "/d/6f1c0000-0000-4000-8000-00000000000", NULL, SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
    { "/files/" SHA_PUBLISHED "/a%20b.pdf", NULL, SHEQU_PUBLIC_ROUTE_FILE, SHA_PUBLISHED, 1, -1 },
    { "/files/" SHA_PUBLISHED "/a%2Fb.pdf", NULL, SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
    { "/files/" SHA_PUBLISHED "/a%00b", NULL, SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
    { "/files/" SHA_PUBLISHED "/a/b", NULL, SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
    { "/files/abc/x.pdf", NULL, SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
    { "/public/v1/units", NULL, SHEQU_PUBLIC_ROUTE_JSON_UNITS, NULL, 1, -1 },
    { "/public/v1/units/371326001", NULL, SHEQU_PUBLIC_ROUTE_JSON_UNIT, "371326001", 1, -1 },
    { "/public/v1/disclosures/6f1c0000-0000-4000-8000-000000000001", NULL,
      SHEQU_PUBLIC_ROUTE_JSON_DOCUMENT, "6f1c0000-0000-4000-8000-000000000001", 1, -1 },
    { "/static/site.css", NULL, SHEQU_PUBLIC_ROUTE_STYLESHEET, NULL, 1, -1 },
    { "/static/../site.css", NULL, SHEQU_PUBLIC_ROUTE_NOT_FOUND, NULL, 1, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ShequPublicRoute route;

      g_test_message ("%s ? %s", cases[i].path, cases[i].query);
      shequ_public_route_parse (cases[i].path, cases[i].query, &route);
      g_assert_cmpint (route.kind, ==, cases[i].kind);
      g_assert_cmpstr (route.arg, ==, cases[i].arg);
      if (route.kind != SHEQU_PUBLIC_ROUTE_NOT_FOUND)
        {
          g_assert_cmpuint (route.page, ==, cases[i].page);
          g_assert_cmpint (route.kind_filter, ==, cases[i].kind_filter);
        }
      shequ_public_route_clear (&route);
    }
}

/* The words are the zh_CN catalogue's under any locale (the tests run in C.UTF-8). */
static void
test_words (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("SHEQU_LOCALEDIR"), "zh_CN",
                                            "LC_MESSAGES", "shequ.mo", NULL);
  ShequPublicWords *words = shequ_public_words_new (NULL);
  gsize length = 0;

  g_assert_true (shequ_public_words_loaded (words));
  g_assert_cmpstr (shequ_public_words_get (words, "Finances"), ==, "财务公开");
  g_assert_cmpstr (shequ_public_words_get (words, "Who qualifies"), ==, "适用对象");
  g_assert_cmpstr (shequ_public_words_get (words, "no such msgid"), ==, "no such msgid");
  shequ_public_words_free (words);

  /* A damaged catalogue is no catalogue: every cut of the real one, and noise. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  for (gsize cut = 0; cut < MIN (length, 4096); cut += 7)
    {
      GHashTable *table = shequ_public_words_read_mo ((const guint8 *) contents, cut,
                                                      "public page");

      g_clear_pointer (&table, g_hash_table_unref);
    }
  g_assert_null (shequ_public_words_read_mo ((const guint8 *) "\xde\x12\x04\x95\xff\xff\xff\xff"
                                             "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
                                             20, "public page"));
  g_assert_null (shequ_public_words_read_mo ((const guint8 *) "not a catalogue", 15, "x"));
}

static void
test_cache_bound (void)
{
  ShequPublicCache *cache = shequ_public_cache_new (64 * 1024);
  g_autoptr (GBytes) body = g_bytes_new_take (g_malloc0 (4000), 4000);
  ShequPublicReply *hit;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *key = g_strdup_printf ("page-%u", i);
      ShequPublicReply *reply = shequ_public_reply_new (200, "text/html", body);

      shequ_public_cache_insert (cache, key, 1, reply);
      shequ_public_reply_unref (reply);
      g_assert_cmpuint (shequ_public_cache_get_size (cache), <=, 64 * 1024);
    }
  /* The newest are kept, the oldest went; another stamp misses. */
  g_assert_null (shequ_public_cache_lookup (cache, "page-0", 1));
  hit = shequ_public_cache_lookup (cache, "page-99", 1);
  g_assert_nonnull (hit);
  shequ_public_reply_unref (hit);
  g_assert_null (shequ_public_cache_lookup (cache, "page-98", 2));
  g_assert_cmpuint (shequ_public_cache_get_n_entries (cache), <, 100);
  shequ_public_cache_free (cache);
}

/* Each case against the in-memory fake; those that need nothing of the fake also
 * against the real SQLite storage, filled through its interface. */
#define ADD_FAKE(path, func)                                                  \
  g_test_add ("/central-public/fake" path, ShequTestPublic, SHEQU_TEST_PUBLIC_FAKE, \
              shequ_test_public_set_up, func, shequ_test_public_tear_down)
#define ADD_BOTH(path, func)                                                    \
  G_STMT_START {                                                                \
    ADD_FAKE (path, func);                                                      \
    g_test_add ("/central-public/sqlite" path, ShequTestPublic,                 \
                SHEQU_TEST_PUBLIC_SQLITE, shequ_test_public_set_up, func,       \
                shequ_test_public_tear_down);                                   \
  } G_STMT_END

#define ASSERT_PAGE_PAGE "<p>东关社区</p>"

/* Run only as test_assert_page's subprocesses: each must fail. */
static void
test_assert_page_shown (void)
{
  if (g_test_subprocess ())
    shequ_test_public_assert_page (ASSERT_PAGE_PAGE, SHEQU_TEST_STRINGS ("东关社区", "<em>"),
                                   NULL);
}

static void
test_assert_page_hidden (void)
{
  if (g_test_subprocess ())
    shequ_test_public_assert_page (ASSERT_PAGE_PAGE, NULL, SHEQU_TEST_STRINGS ("南村", "<p>"));
}

/* The page assertion the tests above use: it passes, and it fails naming the string. */
static void
test_assert_page (void)
{
  shequ_test_public_assert_page (ASSERT_PAGE_PAGE, SHEQU_TEST_STRINGS ("东关社区", "<p>"),
                                 SHEQU_TEST_STRINGS ("西村", "<script"));
  shequ_test_public_assert_page (ASSERT_PAGE_PAGE, NULL, NULL);
  g_test_trap_subprocess ("/central-public/assert-page/shown", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  /* Only ASCII in the patterns: the message is in the locale's charset. */
  g_test_trap_assert_stderr ("*does not show*<em>*");
  g_test_trap_subprocess ("/central-public/assert-page/hidden", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*shows*<p>*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (count_public_warnings, NULL, NULL);

  ADD_BOTH ("/unit/finance", test_unit_finance);
  ADD_BOTH ("/unit/hides-drafts", test_unit_hides_drafts);
  ADD_BOTH ("/unit/withdrawn-and-corrected", test_unit_withdrawn_and_corrected);
  ADD_BOTH ("/unit/policy-guide", test_policy_guide);
  ADD_BOTH ("/escaping", test_escaping);
  ADD_FAKE ("/pagination", test_pagination);
  ADD_FAKE ("/index-groups", test_index_groups);
  ADD_BOTH ("/headers", test_headers);
  ADD_FAKE ("/conditional", test_conditional);
  ADD_BOTH ("/head", test_head);
  ADD_BOTH ("/method-not-allowed", test_method_not_allowed);
  ADD_BOTH ("/not-found", test_not_found);
  ADD_BOTH ("/files", test_files);
  ADD_BOTH ("/json", test_json);
  ADD_FAKE ("/cache", test_cache);
  ADD_FAKE ("/storage-failure", test_storage_failure);
  g_test_add_func ("/central-public/route", test_route);
  g_test_add_func ("/central-public/words", test_words);
  g_test_add_func ("/central-public/cache-bound", test_cache_bound);
  g_test_add_func ("/central-public/assert-page", test_assert_page);
  g_test_add_func ("/central-public/assert-page/shown", test_assert_page_shown);
  g_test_add_func ("/central-public/assert-page/hidden", test_assert_page_hidden);
  return g_test_run ();
}
