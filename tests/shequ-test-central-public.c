/* shequ-test-central-public.c — the public pages' tests: sample documents, a server, requests */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-test"

#include "config.h"

#include <string.h>

#include "central-fixture.h"
#include "shequ-disclosure-json.h"
#include "shequ-test-central-public.h"
#include "shequ-test-disclosure.h"
#include "shequ-test-util.h"

ShequDisclosureVersion *
shequ_test_public_version_new (guint number, ShequDisclosureState state, const char *title,
                               const char *body)
{
  ShequDisclosureVersion *v = shequ_test_disclosure_version_new (number, state, title, body);

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

ShequDisclosure *
shequ_test_public_doc_new (const char *uuid, const char *unit, ShequDisclosureKind kind,
                           const char *period)
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
add_attachment (ShequDisclosureVersion *v, const char *name, const char *sha, gint64 size)
{
  ShequAttachmentRef *ref = g_new0 (ShequAttachmentRef, 1);

  ref->name = g_strdup (name);
  ref->mime = g_strdup ("application/pdf");
  ref->size = size;
  ref->sha256 = g_strdup (sha);
  g_ptr_array_add (v->attachments, ref);
}

/* The finance disclosure: 1,000.00 + 1,234.56 − 234.56 = 2,000.00. */
static ShequDisclosure *
finance_doc (void)
{
  ShequDisclosure *d = shequ_test_public_doc_new (UUID_FINANCE, COMMUNITY,
                                                  SHEQU_DISCLOSURE_KIND_FINANCE, "2026-Q3");
  ShequDisclosureVersion *v = shequ_test_public_version_new (
    1, SHEQU_DISCLOSURE_STATE_PUBLISHED, "东关社区2026年第三季度财务公开",
    "本季度收支如下：\n\n- 收入一项\n- 支出一项");

  v->opening = 100000;
  v->closing = 200000;
  g_ptr_array_add (v->items, shequ_finance_item_new (SHEQU_FINANCE_INCOME, "土地承包费",
                                                     123456, "东片承包"));
  g_ptr_array_add (v->items, shequ_finance_item_new (SHEQU_FINANCE_EXPENSE, "办公经费",
                                                     23456, "<b>打印纸</b>"));
  add_attachment (v, "收支凭证 2026.pdf", SHA_PUBLISHED, strlen (FILE_PUBLISHED));
  g_ptr_array_add (d->versions, v);
  return d;
}

static ShequDisclosure *
policy_doc (void)
{
  ShequDisclosure *d = shequ_test_public_doc_new (UUID_POLICY, VILLAGE,
                                                  SHEQU_DISCLOSURE_KIND_POLICY, "2026");
  ShequDisclosureVersion *v = shequ_test_public_version_new (
    1, SHEQU_DISCLOSURE_STATE_PUBLISHED, "高龄津贴申领指南", "");

  shequ_test_disclosure_set_guide (v, "高龄津贴", "年满80周岁的本地户籍老人",
                                   "- 身份证\n- 户口簿", "1. 村委会登记\n2. 街道审核",
                                   "0539-4211234");
  g_ptr_array_add (d->versions, v);
  return d;
}

GPtrArray *
shequ_test_public_sample_docs (void)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_disclosure_free);
  ShequDisclosure *d;
  ShequDisclosureVersion *v;

  g_ptr_array_add (docs, policy_doc ());

  d = shequ_test_public_doc_new (UUID_CORRECTED, VILLAGE, SHEQU_DISCLOSURE_KIND_GOVERNMENT,
                                 "2026-09");
  v = shequ_test_public_version_new (1, SHEQU_DISCLOSURE_STATE_CORRECTED, "低保名单（初版）",
                                     "初版名单");
  v->ended_by = g_strdup ("李主任");
  v->ended_at = g_strdup ("2026-10-06T08:00:00Z");
  g_ptr_array_add (d->versions, v);
  g_ptr_array_add (d->versions, shequ_test_public_version_new (
    2, SHEQU_DISCLOSURE_STATE_PUBLISHED, "低保名单（更正）", "更正后的名单"));
  g_ptr_array_add (d->versions, shequ_test_public_version_new (
    3, SHEQU_DISCLOSURE_STATE_DRAFT, "第三版草稿不应出现", "草稿"));
  g_ptr_array_add (docs, d);

  d = shequ_test_public_doc_new (UUID_SCRIPT, COMMUNITY, SHEQU_DISCLOSURE_KIND_NEWS, "2026");
  g_ptr_array_add (d->versions, shequ_test_public_version_new (
    1, SHEQU_DISCLOSURE_STATE_PUBLISHED, "<script>alert(1)</script>动态",
    "正文 <img src=x onerror=alert(2)>"));
  g_ptr_array_add (docs, d);

  d = shequ_test_public_doc_new (UUID_WITHDRAWN, COMMUNITY, SHEQU_DISCLOSURE_KIND_VILLAGE,
                                 "2026-10");
  v = shequ_test_public_version_new (1, SHEQU_DISCLOSURE_STATE_WITHDRAWN, "已撤回的通知",
                                     "错误的内容");
  v->ended_by = g_strdup ("李主任");
  v->ended_at = g_strdup ("2026-10-06T01:00:00Z");
  v->reason = g_strdup ("数据有误，重新核对后再发布");
  g_ptr_array_add (d->versions, v);
  g_ptr_array_add (docs, d);

  d = shequ_test_public_doc_new (UUID_DRAFT, COMMUNITY, SHEQU_DISCLOSURE_KIND_VILLAGE, "2026-10");
  v = shequ_test_public_version_new (1, SHEQU_DISCLOSURE_STATE_DRAFT, "尚未审核的草稿标题",
                                     "草稿正文");
  add_attachment (v, "草稿附件.pdf", SHA_DRAFT, strlen (FILE_DRAFT));
  g_ptr_array_add (d->versions, v);
  g_ptr_array_add (docs, d);

  g_ptr_array_add (docs, finance_doc ());
  return docs;
}

static const struct {
  const char *code, *name, *tier, *parent;
} sample_units[] = {
  { STREET, "平邑街道", "street", NULL },
  { COMMUNITY, "东关社区", "community", STREET },
  { VILLAGE, "西村", "village", STREET },
  { EMPTY, "南村", "village", STREET },
};

static void
fill_fake (ShequTestFakeCentral *storage)
{
  g_autoptr (GPtrArray) docs = shequ_test_public_sample_docs ();

  for (guint i = 0; i < G_N_ELEMENTS (sample_units); i++)
    shequ_test_fake_central_add_unit (storage, sample_units[i].code, sample_units[i].name,
                                      sample_units[i].tier, sample_units[i].parent);
  /* The fake keeps the newest first: add the oldest first. */
  for (guint i = docs->len; i > 0; i--)
    shequ_test_fake_central_add_document (storage, g_ptr_array_steal_index (docs, i - 1));
  shequ_test_fake_central_add_attachment (storage, SHA_PUBLISHED, "application/pdf",
                                          FILE_PUBLISHED);
  shequ_test_fake_central_add_attachment (storage, SHA_DRAFT, "application/pdf", FILE_DRAFT);
}

/* The real storage, filled through its interface as the API fills it. */
static ShequCentralStorage *
sqlite_new (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "central.db", NULL);
  g_autoptr (ShequCentralStorage) storage = central_fixture_open (path);
  g_autoptr (GPtrArray) units = g_ptr_array_new_with_free_func (
    (GDestroyNotify) shequ_central_unit_free);
  g_autoptr (GPtrArray) docs = shequ_test_public_sample_docs ();
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sample_units); i++)
    g_ptr_array_add (units, central_unit_new (sample_units[i].code, sample_units[i].name,
                                              sample_units[i].tier, sample_units[i].parent));
  g_assert_true (shequ_central_storage_put_units (storage, STREET, units, &error));
  g_assert_no_error (error);
  central_fixture_put_attachment (storage, FILE_PUBLISHED);
  central_fixture_put_attachment (storage, FILE_DRAFT);
  /* The oldest first, so that the newest publication is the last write. */
  for (guint i = docs->len; i > 0; i--)
    {
      ShequDisclosure *d = g_ptr_array_index (docs, i - 1);
      g_auto (ShequCentralPutResult) result = central_fixture_put (storage, STREET, d, 0,
                                                                   d->uuid);

      g_assert_cmpuint (result.status, ==, 201);
    }
  return g_steal_pointer (&storage);
}

void
shequ_test_public_set_up (ShequTestPublic *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *uri = NULL;

  if (g_strcmp0 (data, SHEQU_TEST_PUBLIC_SQLITE) == 0)
    {
      f->dir = shequ_test_make_tmpdir ("shequ-public-XXXXXX");
      f->backend = sqlite_new (f->dir);
    }
  else
    {
      f->storage = shequ_test_fake_central_new ();
      fill_fake (f->storage);
      f->backend = g_object_ref (SHEQU_CENTRAL_STORAGE (f->storage));
    }
  f->public = shequ_central_public_new (f->backend);
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

void
shequ_test_public_tear_down (ShequTestPublic *f, gconstpointer data)
{
  /* Close the client's connections, and let the server see them go, before it goes. */
  soup_session_abort (f->session);
  g_object_unref (f->session);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  soup_server_disconnect (f->server);
  g_object_unref (f->server);
  shequ_central_public_free (f->public);
  g_clear_object (&f->storage);
  g_object_unref (f->backend);
  g_free (f->base);
  if (f->dir != NULL)
    {
      shequ_test_remove_tree (f->dir);
      g_free (f->dir);
    }
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
SoupMessage *
shequ_test_public_request (ShequTestPublic *f, const char *method, const char *path,
                           const char *name,
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

char *
shequ_test_public_get_ok (ShequTestPublic *f, const char *path)
{
  char *body = NULL;
  g_autoptr (SoupMessage) msg = shequ_test_public_request (f, "GET", path, NULL, NULL, &body);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return body;
}

guint
shequ_test_public_get_status (ShequTestPublic *f, const char *path, char **body)
{
  g_autoptr (SoupMessage) msg = shequ_test_public_request (f, "GET", path, NULL, NULL, body);

  return soup_message_get_status (msg);
}

const char *
shequ_test_public_header (SoupMessage *msg, const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (msg), name);
}
void
shequ_test_public_assert_page (const char *body, const char *const *shown,
                               const char *const *hidden)
{
  g_assert_nonnull (body);
  for (guint i = 0; shown != NULL && shown[i] != NULL; i++)
    if (strstr (body, shown[i]) == NULL)
      g_error ("The page does not show “%s”:\n%s", shown[i], body);
  for (guint i = 0; hidden != NULL && hidden[i] != NULL; i++)
    if (strstr (body, hidden[i]) != NULL)
      g_error ("The page shows “%s”:\n%s", hidden[i], body);
}
