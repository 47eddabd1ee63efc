/* test-central-api.c — a real shequ-central on 127.0.0.1: tokens, units, revisions, changes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-central-api"

#include "config.h"

#include "central-server-fixture.h"
#include "shequ-central-api.h"

typedef CentralServer Fixture;

static gint64
member_int (JsonObject *object,
            const char *member)
{
  gint64 value = -1;

  g_assert_true (shequ_json_get_int (object, member, &value));
  return value;
}

static void
assert_written (const CentralReply *reply,
                guint               status,
                gint64              revision)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", revision);

  g_assert_cmpuint (reply->status, ==, status);
  object = central_reply_object (reply);
  g_assert_cmpint (member_int (object, "revision"), ==, revision);
  g_assert_nonnull (shequ_json_get_string (object, "cursor"));
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "ETag"), ==, etag);
}

/* A PUT of DOC (as central_put_document) that must write STATUS with REVISION. */
static void
put_written (Fixture               *f,
             const ShequDisclosure *doc,
             const char            *if_match,
             const char            *key,
             guint                  status,
             gint64                 revision)
{
  g_auto(CentralReply) reply = central_put_document (f, f->token, doc, if_match, key);

  assert_written (&reply, status, revision);
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ShequCentralStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *forged = g_strdup (f->token);
  const char *junk[] = { "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer shq1.1.short" };

  {
    g_auto(CentralReply) reply = central_request (f, "GET", "api/v1/changes", NULL, NULL, NULL);

    central_assert_error (&reply, 401, "Authorization");
    g_assert_true (g_str_has_prefix (soup_message_headers_get_one (reply.headers,
                                                                   "WWW-Authenticate"),
                                     "Bearer"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_auto(CentralReply) reply = central_request (f, "GET", "api/v1/changes", NULL, NULL,
                                                    "Authorization", junk[i], NULL);

      central_assert_error (&reply, 401, "Authorization");
    }
  forged[strlen (forged) - 2] = forged[strlen (forged) - 2] == 'x' ? 'y' : 'x';
  {
    g_auto(CentralReply) reply = central_request (f, "GET", "api/v1/changes", forged, NULL, NULL);

    central_assert_error (&reply, 401, "Authorization");
    g_assert_nonnull (strstr (soup_message_headers_get_one (reply.headers, "WWW-Authenticate"),
                              "invalid_token"));
  }
  {
    g_auto(CentralReply) reply = central_request (f, "GET", "api/v1/changes", f->token, NULL,
                                                  NULL);

    g_assert_cmpuint (reply.status, ==, 200);
  }
  /* Revoked while the server runs: refused from the next request on. */
  storage = central_fixture_open (f->dir.db);
  g_assert_true (shequ_central_storage_revoke_token (storage, 1, &error));
  {
    g_auto(CentralReply) reply = central_request (f, "GET", "api/v1/changes", f->token, NULL,
                                                  NULL);

    central_assert_error (&reply, 401, "Authorization");
  }
}

static void
test_units (Fixture       *f,
            gconstpointer  data)
{
  const char *units =
    "{\"office\":\"" CENTRAL_OFFICE "\",\"units\":["
    "{\"code\":\"" CENTRAL_OFFICE "\",\"name\":\"平邑街道\",\"tier\":\"street\",\"parent\":null},"
    "{\"code\":\"" CENTRAL_OFFICE "01\",\"name\":\"新片区\",\"tier\":\"area\","
    "\"parent\":\"" CENTRAL_OFFICE "\"}]}";
  const char *foreign_unit =
    "{\"office\":\"" CENTRAL_OFFICE "\",\"units\":["
    "{\"code\":\"" CENTRAL_OTHER_OFFICE "\",\"name\":\"x\",\"tier\":\"street\"}]}";
  const char *bad_tier =
    "{\"office\":\"" CENTRAL_OFFICE "\",\"units\":[{\"code\":\"" CENTRAL_OFFICE "\","
    "\"name\":\"x\",\"tier\":\"村\"}]}";
  const char *bad_code =
    "{\"office\":\"" CENTRAL_OFFICE "\",\"units\":[{\"code\":3713,\"name\":\"x\","
    "\"tier\":\"street\"}]}";
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();

  {
    g_auto(CentralReply) reply = central_request (f, "PUT", "api/v1/units", f->token, units,
                                                  NULL);
    g_autoptr(JsonObject) object = central_reply_object (&reply);

    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpint (member_int (object, "units"), ==, 2);
  }
  /* The community is gone: its documents are refused. */
  {
    g_auto(CentralReply) reply = central_put_document (f, f->token, doc, NULL, NULL);

    central_assert_error (&reply, 400, "body");
    g_assert_nonnull (strstr (reply.body, doc->unit_code));
  }
  {
    g_auto(CentralReply) reply = central_request (f, "PUT", "api/v1/units", f->other_token,
                                                  units, NULL);

    central_assert_error (&reply, 403, "office");
  }
  {
    g_auto(CentralReply) reply = central_request (f, "PUT", "api/v1/units", f->token,
                                                  foreign_unit, NULL);

    central_assert_error (&reply, 403, "units");
  }
  {
    g_auto(CentralReply) reply = central_request (f, "PUT", "api/v1/units", f->token, bad_tier,
                                                  NULL);

    central_assert_error (&reply, 400, "units[0].tier");
  }
  {
    g_auto(CentralReply) reply = central_request (f, "PUT", "api/v1/units", f->token, bad_code,
                                                  NULL);

    central_assert_error (&reply, 400, "units[0].code");
  }
  {
    g_auto(CentralReply) reply = central_request (f, "POST", "api/v1/units", f->token, units,
                                                  NULL);

    central_assert_error (&reply, 405, "method");
    g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Allow"), ==, "PUT");
  }
}

static void
test_revisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();
  g_autofree char *path = central_disclosure_path (doc);
  ShequDisclosureVersion *draft = shequ_disclosure_get_current (doc);

  put_written (f, doc, NULL, NULL, 201, 1);
  put_written (f, doc, "\"1\"", NULL, 200, 1);
  g_free (draft->title);
  draft->title = g_strdup ("第四季度");
  put_written (f, doc, "\"1\"", NULL, 200, 2);
  /* A PC that still thinks revision 1: 412 with the server's document. */
  g_free (draft->title);
  draft->title = g_strdup ("另一台电脑");
  {
    g_auto(CentralReply) reply = central_put_document (f, f->token, doc, "\"1\"", NULL);
    g_autoptr(JsonObject) object = central_reply_object (&reply);
    g_autoptr(ShequDisclosure) current = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (reply.status, ==, 412);
    g_assert_cmpint (member_int (object, "revision"), ==, 2);
    g_assert_nonnull (shequ_json_get_string (object, "error"));
    current = shequ_disclosure_from_json_node (json_object_get_member (object, "document"),
                                               &error);
    g_assert_no_error (error);
    g_assert_cmpstr (shequ_disclosure_get_current (current)->title, ==, "第四季度");
  }
  {
    g_auto(CentralReply) reply = central_put_document (f, f->token, doc, NULL, NULL);

    g_assert_cmpuint (reply.status, ==, 412);
  }
  {
    g_auto(CentralReply) reply = central_request (f, "GET", path, f->token, NULL, NULL);
    g_autoptr(JsonObject) object = central_reply_object (&reply);

    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpint (member_int (object, "revision"), ==, 2);
    g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "ETag"), ==, "\"2\"");
  }
  /* Another office's token may not write it, nor put its own disclosure there. */
  {
    g_autofree char *json = shequ_disclosure_to_json (doc);
    g_auto(CentralReply) reply = central_request (f, "PUT", path, f->other_token, json,
                                                  "If-Match", "\"2\"", NULL);

    central_assert_error (&reply, 403, "body");
    g_assert_nonnull (strstr (reply.body, "another office"));
  }
  {
    g_autoptr(ShequDisclosure) fresh = shequ_test_disclosure_draft ("越界");
    g_auto(CentralReply) reply = central_put_document (f, f->other_token, fresh, NULL, NULL);

    central_assert_error (&reply, 403, "body");
    g_assert_nonnull (strstr (reply.body, fresh->unit_code));
  }
  /* Another office does not see it. */
  {
    g_auto(CentralReply) reply = central_request (f, "GET", path, f->other_token, NULL, NULL);

    central_assert_error (&reply, 404, "path");
  }
  /* A write without a precondition, with a bad one, with a uuid not the path's. */
  {
    g_autofree char *json = shequ_disclosure_to_json (doc);
    g_auto(CentralReply) none = central_request (f, "PUT", path, f->token, json, NULL);
    g_auto(CentralReply) bad = central_request (f, "PUT", path, f->token, json,
                                                "If-Match", "W/\"2\"", NULL);
    g_auto(CentralReply) other = central_request (f, "PUT",
                                                  "api/v1/disclosures/"
                                                  "00000000-0000-4000-8000-000000000000",
                                                  f->token, json, "If-None-Match", "*", NULL);

    central_assert_error (&none, 428, "If-Match");
    central_assert_error (&bad, 400, "If-Match");
    central_assert_error (&other, 400, "body");
  }
}

static guint
count_changes (Fixture *f)
{
  g_auto(CentralReply) reply = central_request (f, "GET", "api/v1/changes?limit=1000", f->token,
                                                NULL, NULL);
  g_autoptr(JsonObject) object = central_reply_object (&reply);

  g_assert_cmpuint (reply.status, ==, 200);
  return json_array_get_length (json_object_get_array_member (object, "changes"));
}

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_draft ("通知");
  const char *key = "8d1f7c2e-outbox-entry";

  put_written (f, doc, NULL, key, 201, 1);
  /* The reply was lost; the PC sends the entry again, as it was, and with the revision
   * it has since learnt: the same answer, one record. */
  put_written (f, doc, NULL, key, 201, 1);
  put_written (f, doc, "\"1\"", key, 201, 1);
  g_assert_cmpuint (count_changes (f), ==, 1);
  {
    g_autofree char *path = central_disclosure_path (doc);
    g_auto(CentralReply) reply = central_request (f, "PUT", path, f->token, "{}",
                                                  "If-None-Match", "*",
                                                  "Idempotency-Key", "bad key", NULL);

    central_assert_error (&reply, 400, "Idempotency-Key");
  }
}

static char *
batch_body (ShequDisclosure **docs,
            const char      **if_match,
            guint             n)
{
  GString *out = g_string_new ("{\"puts\":[");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = shequ_disclosure_to_json (docs[i]);

      g_string_append_printf (out, "%s{\"uuid\":\"%s\",\"if_match\":%s,\"key\":\"key-%u\","
                                   "\"document\":%s}",
                              i > 0 ? "," : "", docs[i]->uuid, if_match[i], i, json);
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ShequDisclosure) a = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) b = shequ_test_disclosure_policy ();
  g_autoptr(ShequDisclosure) c = shequ_test_disclosure_draft ("三");
  ShequDisclosure *docs[] = { a, b, c };
  const char *if_match[] = { "null", "null", "4" };
  g_autofree char *body = batch_body (docs, if_match, 3);
  g_auto(CentralReply) reply = central_request (f, "POST", "api/v1/disclosures:batch", f->token,
                                                body, NULL);
  g_autoptr(JsonObject) object = central_reply_object (&reply);
  JsonArray *results = json_object_get_array_member (object, "results");
  guint expected[] = { 201, 201, 412 };

  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (results), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      g_assert_cmpstr (shequ_json_get_string (result, "uuid"), ==, docs[i]->uuid);
      g_assert_cmpint (member_int (result, "status"), ==, expected[i]);
    }
  g_assert_nonnull (shequ_json_get_string (object, "cursor"));
  g_assert_cmpuint (count_changes (f), ==, 2);

  /* The same batch again: every key seen, the same results. */
  {
    g_auto(CentralReply) again = central_request (f, "POST", "api/v1/disclosures:batch",
                                                  f->token, body, NULL);

    g_assert_cmpuint (again.status, ==, 200);
    g_assert_nonnull (strstr (again.body, "\"status\":201"));
  }
  g_assert_cmpuint (count_changes (f), ==, 2);
  /* A bad item is refused alone. */
  {
    g_auto(CentralReply) mixed = central_request (f, "POST", "api/v1/disclosures:batch",
                                                  f->token,
                                                  "{\"puts\":[{\"uuid\":\"x\"},{\"uuid\":"
                                                  "\"00000000-0000-4000-8000-000000000000\","
                                                  "\"document\":[]}]}", NULL);
    g_autoptr(JsonObject) mixed_object = central_reply_object (&mixed);
    JsonArray *mixed_results = json_object_get_array_member (mixed_object, "results");

    g_assert_cmpuint (mixed.status, ==, 200);
    g_assert_cmpint (member_int (json_array_get_object_element (mixed_results, 0), "status"),
                     ==, 400);
    g_assert_cmpint (member_int (json_array_get_object_element (mixed_results, 1), "status"),
                     ==, 400);
  }
}

static void
test_batch_limit (Fixture       *f,
                  gconstpointer  data)
{
  GString *body = g_string_new ("{\"puts\":[");
  g_auto(CentralReply) reply = { 0 };

  for (guint i = 0; i <= SHEQU_CENTRAL_BATCH_MAX; i++)
    g_string_append (body, i > 0 ? ",{}" : "{}");
  g_string_append (body, "]}");
  reply = central_request (f, "POST", "api/v1/disclosures:batch", f->token, body->str, NULL);
  central_assert_error (&reply, 400, "puts");
  g_string_free (body, TRUE);
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *cursor = g_strdup ("0");
  gboolean more = TRUE;
  guint seen = 0, requests = 0;
  const char *bad[] = { "since=-1", "since=abc", "limit=0", "limit=1001", "since=1&since=x" };

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_draft ("通知");
      g_auto(CentralReply) reply = central_put_document (f, f->token, doc, NULL, NULL);

      g_assert_cmpuint (reply.status, ==, 201);
    }
  while (more)
    {
      g_autofree char *path = g_strdup_printf ("api/v1/changes?since=%s&limit=2", cursor);
      g_auto(CentralReply) reply = central_request (f, "GET", path, f->token, NULL, NULL);
      g_autoptr(JsonObject) object = central_reply_object (&reply);
      JsonArray *changes = json_object_get_array_member (object, "changes");

      g_assert_cmpuint (json_array_get_length (changes), <=, 2);
      seen += json_array_get_length (changes);
      more = json_object_get_boolean_member (object, "more");
      g_free (cursor);
      cursor = g_strdup (shequ_json_get_string (object, "cursor"));
      requests++;
    }
  g_assert_cmpuint (seen, ==, 5);
  g_assert_cmpuint (requests, ==, 3);
  /* The other office sees none of them. */
  {
    g_auto(CentralReply) reply = central_request (f, "GET", "api/v1/changes", f->other_token,
                                                  NULL, NULL);

    g_assert_nonnull (strstr (reply.body, "\"changes\":[]"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strdup_printf ("api/v1/changes?%s", bad[i]);
      g_auto(CentralReply) reply = central_request (f, "GET", path, f->token, NULL, NULL);

      central_assert_error (&reply, 400, NULL);
    }
}

static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  const char *pdf = "%PDF-1.4 test";
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, pdf, -1);
  g_autofree char *path = g_strconcat ("api/v1/attachments/", sha256, NULL);
  g_autofree char *cs = g_strnfill (64, 'c');
  g_autofree char *wrong = g_strconcat ("api/v1/attachments/", cs, NULL);

  {
    g_auto(CentralReply) reply = central_request (f, "HEAD", path, f->token, NULL, NULL);

    g_assert_cmpuint (reply.status, ==, 404);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_auto(CentralReply) reply = central_request (f, "PUT", path, f->token, pdf,
                                                    "Content-Type", "application/pdf", NULL);

      g_assert_cmpuint (reply.status, ==, i == 0 ? 201 : 200);
    }
  {
    g_auto(CentralReply) head = central_request (f, "HEAD", path, f->token, NULL, NULL);
    g_auto(CentralReply) get = central_request (f, "GET", path, f->token, NULL, NULL);

    g_assert_cmpuint (head.status, ==, 200);
    g_assert_cmpuint (get.status, ==, 200);
    g_assert_cmpstr (get.body, ==, pdf);
    g_assert_cmpstr (soup_message_headers_get_content_type (get.headers, NULL), ==,
                     "application/pdf");
  }
  {
    g_auto(CentralReply) mismatch = central_request (f, "PUT", wrong, f->token, pdf,
                                                     "Content-Type", "application/pdf", NULL);
    g_auto(CentralReply) html = central_request (f, "PUT", path, f->token, "<script>",
                                                 "Content-Type", "text/html", NULL);
    g_auto(CentralReply) junk = central_request (f, "GET", "api/v1/attachments/abc", f->token,
                                                 NULL, NULL);

    central_assert_error (&mismatch, 400, "body");
    central_assert_error (&html, 415, "Content-Type");
    central_assert_error (&junk, 400, "path");
  }
}

static void
test_public_pages (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) draft = shequ_test_disclosure_draft ("尚未发布的草稿");
  const char *page = "public/v1/units/" CENTRAL_OFFICE "01001";
  g_autofree char *before_stamp = NULL;

  /* Asked before anything is published: cached empty… */
  {
    g_auto(CentralReply) reply = central_request (f, "GET", page, NULL, NULL, NULL);

    g_assert_null (strstr (reply.body, doc->uuid));
    before_stamp = g_strdup (soup_message_headers_get_one (reply.headers, "ETag"));
  }
  {
    g_auto(CentralReply) reply = central_put_document (f, f->token, doc, NULL, NULL);
    g_auto(CentralReply) other = central_put_document (f, f->token, draft, NULL, NULL);

    g_assert_cmpuint (reply.status, ==, 201);
    g_assert_cmpuint (other.status, ==, 201);
  }
  /* …and shown at once after the API's write, without the draft. */
  {
    g_auto(CentralReply) reply = central_request (f, "GET", page, NULL, NULL, NULL);

    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_nonnull (strstr (reply.body, doc->uuid));
    g_assert_null (strstr (reply.body, draft->uuid));
    g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "ETag"), !=, before_stamp);
  }
  {
    g_autofree char *html_path = g_strconcat ("d/", doc->uuid, NULL);
    g_auto(CentralReply) reply = central_request (f, "GET", html_path, NULL, NULL, NULL);

    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_nonnull (strstr (reply.body, "6,434.56"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/central-api/" path, Fixture, NULL, central_server_set_up, func, \
              central_server_tear_down)
  ADD ("auth", test_auth);
  ADD ("units", test_units);
  ADD ("revisions", test_revisions);
  ADD ("idempotency", test_idempotency);
  ADD ("batch", test_batch);
  ADD ("batch-limit", test_batch_limit);
  ADD ("changes", test_changes);
  ADD ("attachments", test_attachments);
  ADD ("public-pages", test_public_pages);
#undef ADD
  return g_test_run ();
}
