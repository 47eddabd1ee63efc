/* test-central-public.c — the residents' pages over HTTP: content, escaping, caching, files */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-central-public"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "shequ-central-public-private.h"
#include "shequ-central-public.h"
#include "shequ-test-fake-central.h"

#define STREET    "371326001"
#define COMMUNITY "371326001001"
#define VILLAGE   "371326001002"
#define EMPTY     "371326001003"

#define UUID_FINANCE   "6f1c0000-0000-4000-8000-000000000001"
#define UUID_DRAFT     "6f1c0000-0000-4000-8000-000000000002"
#define UUID_WITHDRAWN "6f1c0000-0000-4000-8000-000000000003"
#define UUID_SCRIPT    "6f1c0000-0000-4000-8000-000000000004"
#define UUID_CORRECTED "6f1c0000-0000-4000-8000-000000000005"
#define UUID_POLICY    "6f1c0000-0000-4000-8000-000000000006"

#define SHA_PUBLISHED "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_DRAFT     "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

typedef struct {
  ShequTestFakeCentral *storage;
  ShequCentralPublic   *public;
  SoupServer           *server;
  SoupSession          *session;
  char                 *base;
} Fixture;

static ShequDisclosureVersion *
version_new (guint number, ShequDisclosureState state, const char *title, const char *body)
{
  ShequDisclosureVersion *v = shequ_disclosure_version_new ();

  v->version = number;
  v->state = state;
  v->title = g_strdup (title);
  v->body = g_strdup (body);
  v->created_by = g_strdup ("王会计");
  v->created_at = g_strdup ("2026-10-01T02:00:00Z");
  if (state >= SHEQU_DISCLOSURE_STATE_APPROVED)
    {
      v->approved_by = g_strdup ("李主任");
      v->approved_at = g_strdup ("2026-10-04T02:00:00Z");
    }
  if (state >= SHEQU_DISCLOSURE_STATE_PUBLISHED)
    {
      v->published_by = g_strdup ("李主任");
      v->published_at = g_strdup_printf ("2026-10-0%uT08:00:00Z", 4 + number);
    }
  return v;
}

static ShequDisclosure *
doc_new (const char *uuid, const char *unit, ShequDisclosureKind kind, const char *period)
{
  ShequDisclosure *d = shequ_disclosure_new ();

  g_free (d->uuid);
  d->uuid = g_strdup (uuid);
  /* Whatever a new disclosure starts with, these tests give their own versions. */
  if (d->versions == NULL)
    d->versions = g_ptr_array_new_with_free_func (
      (GDestroyNotify) shequ_disclosure_version_free);
  g_ptr_array_set_size (d->versions, 0);
  d->unit_code = g_strdup (unit);
  d->kind = kind;
  d->period = g_strdup (period);
  d->created_at = g_strdup ("2026-10-01T02:00:00Z");
  return d;
}

static void
add_attachment (ShequDisclosureVersion *v, const char *name, const char *sha)
{
  ShequAttachmentRef *ref = g_new0 (ShequAttachmentRef, 1);

  ref->name = g_strdup (name);
  ref->mime = g_strdup ("application/pdf");
  ref->size = 1536;
  ref->sha256 = g_strdup (sha);
  g_ptr_array_add (v->attachments, ref);
}

/* The finance disclosure: 1,000.00 + 1,234.56 − 234.56 = 2,000.00. */
static ShequDisclosure *
finance_doc (void)
{
  ShequDisclosure *d = doc_new (UUID_FINANCE, COMMUNITY, SHEQU_DISCLOSURE_KIND_FINANCE,
                                "2026-Q3");
  ShequDisclosureVersion *v = version_new (1, SHEQU_DISCLOSURE_STATE_PUBLISHED,
                                           "东关社区2026年第三季度财务公开",
                                           "本季度收支如下：\n\n- 收入一项\n- 支出一项");

  v->opening = 100000;
  v->closing = 200000;
  g_ptr_array_add (v->items, shequ_finance_item_new (SHEQU_FINANCE_INCOME, "土地承包费",
                                                     123456, "东片承包"));
  g_ptr_array_add (v->items, shequ_finance_item_new (SHEQU_FINANCE_EXPENSE, "办公经费",
                                                     23456, "<b>打印纸</b>"));
  add_attachment (v, "收支凭证 2026.pdf", SHA_PUBLISHED);
  g_ptr_array_add (d->versions, v);
  return d;
}

static void
fill_storage (ShequTestFakeCentral *storage)
{
  ShequDisclosure *d;
  ShequDisclosureVersion *v;

  shequ_test_fake_central_add_unit (storage, STREET, "平邑街道", "street", NULL);
  shequ_test_fake_central_add_unit (storage, COMMUNITY, "东关社区", "community", STREET);
  shequ_test_fake_central_add_unit (storage, VILLAGE, "西村", "village", STREET);
  shequ_test_fake_central_add_unit (storage, EMPTY, "南村", "village", STREET);

  shequ_test_fake_central_add_document (storage, finance_doc ());

  d = doc_new (UUID_DRAFT, COMMUNITY, SHEQU_DISCLOSURE_KIND_VILLAGE, "2026-10");
  v = version_new (1, SHEQU_DISCLOSURE_STATE_DRAFT, "尚未审核的草稿标题", "草稿正文");
  add_attachment (v, "草稿附件.pdf", SHA_DRAFT);
  g_ptr_array_add (d->versions, v);
  shequ_test_fake_central_add_document (storage, d);

  d = doc_new (UUID_WITHDRAWN, COMMUNITY, SHEQU_DISCLOSURE_KIND_VILLAGE, "2026-10");
  v = version_new (1, SHEQU_DISCLOSURE_STATE_WITHDRAWN, "已撤回的通知", "错误的内容");
  v->ended_at = g_strdup ("2026-10-06T01:00:00Z");
  v->reason = g_strdup ("数据有误，重新核对后再发布");
  g_ptr_array_add (d->versions, v);
  shequ_test_fake_central_add_document (storage, d);

  d = doc_new (UUID_SCRIPT, COMMUNITY, SHEQU_DISCLOSURE_KIND_NEWS, "2026");
  g_ptr_array_add (d->versions, version_new (1, SHEQU_DISCLOSURE_STATE_PUBLISHED,
                                             "<script>alert(1)</script>动态",
                                             "正文 <img src=x onerror=alert(2)>"));
  shequ_test_fake_central_add_document (storage, d);

  d = doc_new (UUID_CORRECTED, VILLAGE, SHEQU_DISCLOSURE_KIND_GOVERNMENT, "2026-09");
  v = version_new (1, SHEQU_DISCLOSURE_STATE_CORRECTED, "低保名单（初版）", "初版名单");
  g_ptr_array_add (d->versions, v);
  g_ptr_array_add (d->versions, version_new (2, SHEQU_DISCLOSURE_STATE_PUBLISHED,
                                             "低保名单（更正）", "更正后的名单"));
  g_ptr_array_add (d->versions, version_new (3, SHEQU_DISCLOSURE_STATE_DRAFT,
                                             "第三版草稿不应出现", "草稿"));
  shequ_test_fake_central_add_document (storage, d);

  d = doc_new (UUID_POLICY, VILLAGE, SHEQU_DISCLOSURE_KIND_POLICY, "2026");
  v = version_new (1, SHEQU_DISCLOSURE_STATE_PUBLISHED, "高龄津贴申领指南", "");
  v->guide = g_new0 (ShequPolicyGuide, 1);
  v->guide->topic = g_strdup ("高龄津贴");
  v->guide->eligibility = g_strdup ("年满80周岁的本地户籍老人");
  v->guide->materials = g_strdup ("- 身份证\n- 户口簿");
  v->guide->steps = g_strdup ("1. 村委会登记\n2. 街道审核");
  v->guide->contacts = g_strdup ("0539-4211234");
  g_ptr_array_add (d->versions, v);
  shequ_test_fake_central_add_document (storage, d);

  shequ_test_fake_central_add_attachment (storage, SHA_PUBLISHED, "application/pdf",
                                          "%PDF-1.4 published");
  shequ_test_fake_central_add_attachment (storage, SHA_DRAFT, "application/pdf",
                                          "%PDF-1.4 draft");
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *uri = NULL;

  f->storage = shequ_test_fake_central_new ();
  fill_storage (f->storage);
  f->public = shequ_central_public_new (SHEQU_CENTRAL_STORAGE (f->storage));
  f->server = soup_server_new (NULL, NULL);
  shequ_central_public_attach (f->public, f->server);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  uri = g_uri_to_string (uris->data);
  /* "http://127.0.0.1:PORT/" without its slash. */
  f->base = g_strndup (uri, strlen (uri) - 1);
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->session);
  soup_server_disconnect (f->server);
  g_object_unref (f->server);
  shequ_central_public_free (f->public);
  g_object_unref (f->storage);
  g_free (f->base);
}

typedef struct {
  GBytes  *body;
  GError  *error;
  gboolean done;
} Reply;

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                   &reply->error);
  reply->done = TRUE;
}

/* METHOD PATH with the header NAME: VALUE (or none), the main loop turning meanwhile so
 * that the server answers; the message (its status and headers) and *BODY as text. */
static SoupMessage *
request (Fixture *f, const char *method, const char *path, const char *name,
         const char *value, char **body)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  Reply reply = { 0 };

  g_assert_nonnull (msg);
  if (name != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), name, value);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent,
                                    &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (reply.error);
  if (body != NULL)
    {
      gsize size = 0;
      const char *data = g_bytes_get_data (reply.body, &size);

      /* An empty reply's bytes may have no data at all. */
      *body = g_strndup (data != NULL ? data : "", size);
    }
  g_bytes_unref (reply.body);
  return msg;
}

static char *
get_ok (Fixture *f, const char *path)
{
  char *body = NULL;
  g_autoptr (SoupMessage) msg = request (f, "GET", path, NULL, NULL, &body);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return body;
}

static guint
get_status (Fixture *f, const char *path, char **body)
{
  g_autoptr (SoupMessage) msg = request (f, "GET", path, NULL, NULL, body);

  return soup_message_get_status (msg);
}

static const char *
header (SoupMessage *msg, const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (msg), name);
}

static void
test_unit_finance (Fixture *f, gconstpointer data)
{
  g_autofree char *body = get_ok (f, "/u/" COMMUNITY);

  g_assert_nonnull (strstr (body, "<html lang=\"zh-CN\">"));
  g_assert_nonnull (strstr (body, "东关社区2026年第三季度财务公开"));
  g_assert_nonnull (strstr (body, "2026年第三季度"));
  /* The lines, the totals and the balances, yuan with two decimals from fen. */
  g_assert_nonnull (strstr (body, "土地承包费"));
  g_assert_nonnull (strstr (body, "1,234.56"));
  g_assert_nonnull (strstr (body, "234.56"));
  g_assert_nonnull (strstr (body, "收入合计</th><td class=\"num\">1,234.56</td>"));
  g_assert_nonnull (strstr (body, "支出合计</th><td class=\"num\">234.56</td>"));
  g_assert_nonnull (strstr (body, "期初余额</th><td class=\"num\">1,000.00</td>"));
  g_assert_nonnull (strstr (body, "期末余额</th><td class=\"num\">2,000.00</td>"));
  /* A note is text, not markup. */
  g_assert_nonnull (strstr (body, "&lt;b&gt;打印纸&lt;/b&gt;"));
  g_assert_null (strstr (body, "<b>打印纸"));
  /* The body through the markup: a list. */
  g_assert_nonnull (strstr (body, "<li>收入一项</li>"));
  /* The attachment, linked by its hash with the name encoded. */
  g_assert_nonnull (strstr (body, "/files/" SHA_PUBLISHED "/"
                                  "%E6%94%B6%E6%94%AF%E5%87%AD%E8%AF%81%202026.pdf"));
  g_assert_nonnull (strstr (body, "1.5 KB"));
  /* No JavaScript at all. */
  g_assert_null (strstr (body, "<script"));
}

static void
test_unit_hides_drafts (Fixture *f, gconstpointer data)
{
  g_autofree char *community = get_ok (f, "/u/" COMMUNITY);
  g_autofree char *village = get_ok (f, "/u/" VILLAGE);

  g_assert_null (strstr (community, "尚未审核的草稿标题"));
  g_assert_null (strstr (community, "草稿附件"));
  g_assert_null (strstr (village, "第三版草稿不应出现"));
  /* A draft's own page is not there either. */
  g_assert_cmpuint (get_status (f, "/d/" UUID_DRAFT, NULL), ==, 404);
  g_assert_cmpuint (get_status (f, "/public/v1/disclosures/" UUID_DRAFT, NULL), ==, 404);
}

static void
test_unit_withdrawn_and_corrected (Fixture *f, gconstpointer data)
{
  g_autofree char *community = get_ok (f, "/u/" COMMUNITY);
  g_autofree char *village = get_ok (f, "/u/" VILLAGE);
  g_autofree char *history = get_ok (f, "/d/" UUID_CORRECTED);

  g_assert_nonnull (strstr (community, "已撤回的通知"));
  g_assert_nonnull (strstr (community, "已撤回"));
  g_assert_nonnull (strstr (community, "数据有误，重新核对后再发布"));
  /* What was withdrawn is not shown any more. */
  g_assert_null (strstr (community, "错误的内容"));

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
test_escaping (Fixture *f, gconstpointer data)
{
  g_autofree char *unit = get_ok (f, "/u/" COMMUNITY);
  g_autofree char *doc = get_ok (f, "/d/" UUID_SCRIPT);

  g_assert_nonnull (strstr (unit, "&lt;script&gt;alert(1)&lt;/script&gt;动态"));
  g_assert_null (strstr (unit, "<script>"));
  g_assert_null (strstr (unit, "<img"));
  g_assert_null (strstr (doc, "<script>"));
  g_assert_nonnull (strstr (doc, "&lt;img src=x onerror=alert(2)&gt;"));
}

static void
test_policy_guide (Fixture *f, gconstpointer data)
{
  g_autofree char *body = get_ok (f, "/u/" VILLAGE "?kind=policy");

  g_assert_nonnull (strstr (body, "高龄津贴申领指南"));
  g_assert_nonnull (strstr (body, "适用对象"));
  g_assert_nonnull (strstr (body, "年满80周岁的本地户籍老人"));
  g_assert_nonnull (strstr (body, "所需材料"));
  g_assert_nonnull (strstr (body, "<li>身份证</li>"));
  g_assert_nonnull (strstr (body, "办理流程"));
  g_assert_nonnull (strstr (body, "咨询电话"));
  g_assert_nonnull (strstr (body, "0539-4211234"));
  /* The filter leaves out the other kinds. */
  g_assert_null (strstr (body, "低保名单"));
}

static void
add_many (Fixture *f, guint n_units, guint n_docs)
{
  for (guint i = 0; i < n_units; i++)
    {
      g_autofree char *code = g_strdup_printf ("3713260011%02u", i);
      g_autofree char *name = g_strdup_printf ("第%u村", i);
      g_autofree char *uuid = g_strdup_printf ("7a000000-0000-4000-8000-%012u", i);
      ShequDisclosure *d = doc_new (uuid, code, SHEQU_DISCLOSURE_KIND_NEWS, "2026");

      shequ_test_fake_central_add_unit (f->storage, code, name, "village", STREET);
      g_ptr_array_add (d->versions, version_new (1, SHEQU_DISCLOSURE_STATE_PUBLISHED,
                                                 name, "动态"));
      shequ_test_fake_central_add_document (f->storage, d);
    }
  for (guint i = 0; i < n_docs; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("7b000000-0000-4000-8000-%012u", i);
      g_autofree char *title = g_strdup_printf ("工作动态第%u期", i);
      ShequDisclosure *d = doc_new (uuid, VILLAGE, SHEQU_DISCLOSURE_KIND_NEWS, "2026");

      g_ptr_array_add (d->versions, version_new (1, SHEQU_DISCLOSURE_STATE_PUBLISHED,
                                                 title, "动态"));
      shequ_test_fake_central_add_document (f->storage, d);
    }
  shequ_central_public_invalidate (f->public);
}

static void
test_pagination (Fixture *f, gconstpointer data)
{
  g_autofree char *index1 = NULL;
  g_autofree char *index2 = NULL;
  g_autofree char *unit2 = NULL;
  g_autofree char *json = NULL;

  add_many (f, 60, 30);
  /* 62 units with something published: 50 and 12. */
  index1 = get_ok (f, "/");
  g_assert_nonnull (strstr (index1, "第 1 页，共 2 页"));
  g_assert_nonnull (strstr (index1, "rel=\"next\" href=\"?page=2\""));
  g_assert_null (strstr (index1, "rel=\"prev\""));
  g_assert_nonnull (strstr (index1, "平邑街道"));
  g_assert_nonnull (strstr (index1, "东关社区"));
  g_assert_null (strstr (index1, "南村"));
  index2 = get_ok (f, "/?page=2");
  g_assert_nonnull (strstr (index2, "第 2 页，共 2 页"));
  g_assert_nonnull (strstr (index2, "rel=\"prev\" href=\"?page=1\""));
  g_assert_null (strstr (index2, "rel=\"next\""));
  g_assert_cmpuint (get_status (f, "/?page=3", NULL), ==, 404);
  g_assert_cmpuint (get_status (f, "/?page=0", NULL), ==, 404);
  g_assert_cmpuint (get_status (f, "/?page=x", NULL), ==, 404);

  /* The village: 30 news, a guide and a correction, 20 a page; the filter stays. */
  unit2 = get_ok (f, "/u/" VILLAGE "?kind=news&page=2");
  g_assert_nonnull (strstr (unit2, "第 2 页，共 2 页"));
  g_assert_nonnull (strstr (unit2, "href=\"?page=1&amp;kind=news\""));
  g_assert_nonnull (strstr (unit2, "工作动态第0期"));
  g_assert_null (strstr (unit2, "工作动态第29期"));

  json = get_ok (f, "/public/v1/units?page=2");
  g_assert_nonnull (strstr (json, "\"pages\":2"));
  g_assert_nonnull (strstr (json, "\"total\":62"));
}

static void
test_headers (Fixture *f, gconstpointer data)
{
  g_autoptr (SoupMessage) msg = request (f, "GET", "/u/" COMMUNITY, NULL, NULL, NULL);
  g_autoptr (SoupMessage) css = request (f, "GET", "/static/site.css", NULL, NULL, NULL);
  const char *csp = header (msg, "Content-Security-Policy");

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (header (msg, "Content-Type"), ==, "text/html; charset=utf-8");
  g_assert_nonnull (csp);
  g_assert_nonnull (strstr (csp, "default-src 'none'"));
  g_assert_nonnull (strstr (csp, "style-src 'self'"));
  g_assert_null (strstr (csp, "script-src"));
  g_assert_cmpstr (header (msg, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_nonnull (header (msg, "Referrer-Policy"));
  g_assert_cmpstr (header (msg, "Cache-Control"), ==, "public, max-age=60");
  g_assert_nonnull (header (msg, "ETag"));
  g_assert_nonnull (header (msg, "Last-Modified"));
  g_assert_cmpuint (soup_message_get_status (css), ==, 200);
  g_assert_cmpstr (header (css, "Content-Type"), ==, "text/css; charset=utf-8");
}

static void
test_conditional (Fixture *f, gconstpointer data)
{
  g_autoptr (SoupMessage) first = request (f, "GET", "/u/" COMMUNITY, NULL, NULL, NULL);
  g_autofree char *etag = g_strdup (header (first, "ETag"));
  g_autofree char *modified = g_strdup (header (first, "Last-Modified"));
  g_autoptr (SoupMessage) same = NULL;
  g_autoptr (SoupMessage) since = NULL;
  g_autoptr (SoupMessage) other = NULL;
  g_autoptr (SoupMessage) changed = NULL;
  g_autoptr (SoupMessage) index = NULL;
  g_autofree char *body = NULL;

  same = request (f, "GET", "/u/" COMMUNITY, "If-None-Match", etag, &body);
  g_assert_cmpuint (soup_message_get_status (same), ==, 304);
  g_assert_cmpstr (body, ==, "");
  g_assert_cmpstr (header (same, "ETag"), ==, etag);
  since = request (f, "GET", "/u/" COMMUNITY, "If-Modified-Since", modified, NULL);
  g_assert_cmpuint (soup_message_get_status (since), ==, 304);
  other = request (f, "GET", "/u/" COMMUNITY, "If-None-Match", "\"1-deadbeef\"", NULL);
  g_assert_cmpuint (soup_message_get_status (other), ==, 200);
  /* Another page's tag is not this one's. */
  index = request (f, "GET", "/", "If-None-Match", etag, NULL);
  g_assert_cmpuint (soup_message_get_status (index), ==, 200);

  /* A write (the API invalidates): the old tag no longer holds. */
  add_many (f, 1, 0);
  changed = request (f, "GET", "/u/" COMMUNITY, "If-None-Match", etag, NULL);
  g_assert_cmpuint (soup_message_get_status (changed), ==, 200);
  g_assert_cmpstr (header (changed, "ETag"), !=, etag);
}

static void
test_head (Fixture *f, gconstpointer data)
{
  g_autofree char *get_body = NULL;
  g_autofree char *head_body = NULL;
  g_autoptr (SoupMessage) get = request (f, "GET", "/u/" COMMUNITY, NULL, NULL, &get_body);
  g_autoptr (SoupMessage) head = request (f, "HEAD", "/u/" COMMUNITY, NULL, NULL, &head_body);
  g_autofree char *length = g_strdup_printf ("%zu", strlen (get_body));

  g_assert_cmpuint (soup_message_get_status (head), ==, 200);
  g_assert_cmpstr (head_body, ==, "");
  g_assert_cmpstr (header (head, "Content-Length"), ==, length);
  g_assert_cmpstr (header (head, "ETag"), ==, header (get, "ETag"));
}

static void
test_method_not_allowed (Fixture *f, gconstpointer data)
{
  const char *methods[] = { "POST", "PUT", "DELETE", "PATCH" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr (SoupMessage) msg = request (f, methods[i], "/u/" COMMUNITY, NULL, NULL, NULL);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 405);
      g_assert_cmpstr (header (msg, "Allow"), ==, "GET, HEAD");
    }
}

static void
test_not_found (Fixture *f, gconstpointer data)
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
      g_assert_cmpuint (get_status (f, paths[i], &body), ==, 404);
      g_assert_nonnull (strstr (body, "页面不存在"));
      g_assert_nonnull (strstr (body, "lang=\"zh-CN\""));
    }
  for (guint i = 0; i < G_N_ELEMENTS (traversals); i++)
    {
      guint status = get_status (f, traversals[i], NULL);

      g_test_message ("%s", traversals[i]);
      g_assert_true (status == 400 || status == 404);
    }
  g_assert_cmpuint (get_status (f, "/public/v1/units/999999", NULL), ==, 404);
  {
    g_autofree char *json = NULL;

    /* Under /public/ a path that names nothing is a JSON 404 too. */
    g_assert_cmpuint (get_status (f, "/public/v1/nothing", &json), ==, 404);
    g_assert_cmpstr (json, ==, "{\"error\":\"not found\"}");
  }
  g_assert_cmpuint (get_status (f, "/public/v1/disclosures/" UUID_DRAFT, NULL), ==, 404);
}

static void
test_files (Fixture *f, gconstpointer data)
{
  g_autofree char *body = NULL;
  g_autoptr (SoupMessage) msg = request (f, "GET", "/files/" SHA_PUBLISHED "/x.pdf", NULL,
                                         NULL, &body);
  const char *disposition = header (msg, "Content-Disposition");

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (body, ==, "%PDF-1.4 published");
  g_assert_cmpstr (header (msg, "Content-Type"), ==, "application/pdf");
  g_assert_cmpstr (header (msg, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_nonnull (disposition);
  g_assert_true (g_str_has_prefix (disposition, "inline; "));
  g_assert_nonnull (strstr (disposition, "filename*=UTF-8''%E6%94%B6%E6%94%AF%E5%87%AD%E8%AF%81"
                                         "%202026.pdf"));
  g_assert_cmpstr (header (msg, "ETag"), ==, "\"" SHA_PUBLISHED "\"");

  /* The draft's attachment is in the storage, and still not served. */
  g_assert_cmpuint (get_status (f, "/files/" SHA_DRAFT "/x.pdf", NULL), ==, 404);
  g_assert_cmpuint (get_status (f, "/files/" SHA_PUBLISHED "/", NULL), ==, 404);
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
test_json (Fixture *f, gconstpointer data)
{
  g_autofree char *unit = get_ok (f, "/public/v1/units/" COMMUNITY "?kind=finance");
  g_autofree char *doc = get_ok (f, "/public/v1/disclosures/" UUID_CORRECTED);
  g_autofree char *units = get_ok (f, "/public/v1/units");
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
test_cache (Fixture *f, gconstpointer data)
{
  g_autofree char *first = get_ok (f, "/u/" COMMUNITY);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  shequ_test_fake_central_reset_counts (f->storage);
  for (guint i = 0; i < 20; i++)
    g_free (get_ok (f, "/u/" COMMUNITY));
  second = get_ok (f, "/u/" COMMUNITY);
  /* Nothing read but the stamp (itself kept a moment, so mostly not even that). */
  g_assert_cmpuint (shequ_test_fake_central_get_n_reads (f->storage), ==, 0);
  g_assert_cmpuint (shequ_test_fake_central_get_n_stamps (f->storage), <=, 21);
  g_assert_cmpstr (first, ==, second);

  /* After a write the page is rendered again and shows it. */
  {
    ShequDisclosure *d = doc_new ("6f1c0000-0000-4000-8000-0000000000aa", COMMUNITY,
                                  SHEQU_DISCLOSURE_KIND_NEWS, "2026");

    g_ptr_array_add (d->versions, version_new (1, SHEQU_DISCLOSURE_STATE_PUBLISHED,
                                               "新发布的工作动态", "内容"));
    shequ_test_fake_central_add_document (f->storage, d);
  }
  shequ_central_public_invalidate (f->public);
  third = get_ok (f, "/u/" COMMUNITY);
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
test_storage_failure (Fixture *f, gconstpointer data)
{
  guint warnings = n_public_warnings;

  g_autofree char *body = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  shequ_test_fake_central_set_failing (f->storage, TRUE);
  shequ_central_public_invalidate (f->public);
  msg = request (f, "GET", "/u/" COMMUNITY, NULL, NULL, &body);
  g_assert_cmpuint (n_public_warnings, ==, warnings + 1);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 500);
  g_assert_cmpstr (header (msg, "Cache-Control"), ==, "no-store");
  g_assert_nonnull (strstr (body, "lang=\"zh-CN\""));
  /* Once the storage is back, so is the page (the failure was not kept). */
  shequ_test_fake_central_set_failing (f->storage, FALSE);
  shequ_central_public_invalidate (f->public);
  g_free (get_ok (f, "/u/" COMMUNITY));
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (count_public_warnings, NULL, NULL);

  ADD ("/central-public/unit/finance", test_unit_finance);
  ADD ("/central-public/unit/hides-drafts", test_unit_hides_drafts);
  ADD ("/central-public/unit/withdrawn-and-corrected", test_unit_withdrawn_and_corrected);
  ADD ("/central-public/unit/policy-guide", test_policy_guide);
  ADD ("/central-public/escaping", test_escaping);
  ADD ("/central-public/pagination", test_pagination);
  ADD ("/central-public/headers", test_headers);
  ADD ("/central-public/conditional", test_conditional);
  ADD ("/central-public/head", test_head);
  ADD ("/central-public/method-not-allowed", test_method_not_allowed);
  ADD ("/central-public/not-found", test_not_found);
  ADD ("/central-public/files", test_files);
  ADD ("/central-public/json", test_json);
  ADD ("/central-public/cache", test_cache);
  ADD ("/central-public/storage-failure", test_storage_failure);
  g_test_add_func ("/central-public/route", test_route);
  g_test_add_func ("/central-public/words", test_words);
  g_test_add_func ("/central-public/cache-bound", test_cache_bound);
  return g_test_run ();
}
