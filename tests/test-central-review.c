/* test-central-review.c — shequ-central's API and pages in process: what a review found */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-central-review"

#include "config.h"

#include <string.h>

#include "central-fixture.h"
#include "shequ-central-api.h"
#include "shequ-central-public-private.h"
#include "shequ-central-tokens.h"

typedef struct {
  ShequTestDir         dir;
  ShequCentralStorage *storage;
  ShequCentralApi     *api;
  char                *token;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&f->dir, "test-central-review-XXXXXX", "central.db");
  f->storage = central_fixture_storage (f->dir.db);
  f->token = shequ_central_tokens_add (f->storage, CENTRAL_OFFICE, NULL, &error);
  g_assert_no_error (error);
  f->api = shequ_central_api_new (f->storage);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->api, shequ_central_api_free);
  g_clear_object (&f->storage);
  g_clear_pointer (&f->token, g_free);
  shequ_test_dir_clear (&f->dir);
}

/* METHOD PATH (under /api/v1) with BODY and the header NAME: VALUE pairs (NULL-ended):
 * the status, and the body in *REPLY when REPLY is not NULL. */
static guint
api_call (Fixture    *f,
          const char *method,
          const char *path,
          const char *body,
          char      **reply,
          ...)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;
  g_autofree char *auth = g_strconcat ("Bearer ", f->token, NULL);
  g_autofree char *full = g_strconcat ("/api/v1", path, NULL);
  g_auto(ShequCentralResponse) response = { 0 };
  ShequCentralRequest request = { method, full, NULL, headers, bytes };
  const char *name;
  va_list args;

  soup_message_headers_replace (headers, "Authorization", auth);
  va_start (args, reply);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_replace (headers, name, va_arg (args, const char *));
  va_end (args);
  shequ_central_response_init (&response);
  shequ_central_api_handle (f->api, &request, &response);
  g_test_message ("%s %s → %u %.*s", method, full, response.status,
                  response.body != NULL ? (int) MIN (g_bytes_get_size (response.body), 300) : 0,
                  response.body != NULL ? (const char *) g_bytes_get_data (response.body, NULL)
                                        : "");
  if (reply != NULL)
    *reply = response.body != NULL ? g_strndup (g_bytes_get_data (response.body, NULL),
                                                g_bytes_get_size (response.body))
                                   : g_strdup ("");
  return response.status;
}

/* PUT of DOC over revision IF_MATCH (0: If-None-Match: *) with KEY. */
static guint
put_doc (Fixture               *f,
         const ShequDisclosure *doc,
         gint64                 if_match,
         const char            *key,
         char                 **reply)
{
  g_autofree char *path = g_strconcat ("/disclosures/", doc->uuid, NULL);
  g_autofree char *json = shequ_disclosure_to_json (doc);
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", if_match);

  return api_call (f, "PUT", path, json, reply,
                   if_match > 0 ? "If-Match" : "If-None-Match", if_match > 0 ? etag : "*",
                   "Idempotency-Key", key, NULL);
}

static gint64
stored_revision (Fixture    *f,
                 const char *uuid)
{
  g_autoptr(ShequCentralDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = shequ_central_storage_get_document (f->storage, uuid, &error);
  g_assert_no_error (error);
  return document->revision;
}

static ShequDisclosureVersion *
version_of (ShequDisclosure *d,
            guint            number)
{
  return g_ptr_array_index (d->versions, number - 1);
}

/* A published version's figures changed in a later put, still "published": refused,
 * nothing written, the message saying why; a withdrawal of it goes. */
static void
test_published_frozen (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) forged = shequ_disclosure_copy (doc);
  g_autoptr(ShequDisclosure) withdrawn = shequ_disclosure_copy (doc);
  g_autofree char *reply = NULL;
  ShequFinanceItem *item;
  ShequDisclosureVersion *v;

  g_assert_cmpuint (put_doc (f, doc, 0, "key-1", NULL), ==, 201);
  item = g_ptr_array_index (version_of (forged, 2)->items, 0);
  item->amount += 100000;
  version_of (forged, 2)->closing += 100000;
  g_assert_cmpuint (put_doc (f, forged, 1, "key-2", &reply), ==, 400);
  g_assert_nonnull (strstr (reply, "published"));
  g_assert_cmpint (stored_revision (f, doc->uuid), ==, 1);

  /* A retry of that refusal is refused again; a withdrawal goes. */
  g_clear_pointer (&reply, g_free);
  g_assert_cmpuint (put_doc (f, forged, 1, "key-2", &reply), ==, 400);
  g_ptr_array_set_size (withdrawn->versions, 2);
  v = version_of (withdrawn, 2);
  v->state = SHEQU_DISCLOSURE_STATE_WITHDRAWN;
  v->ended_by = g_strdup ("李主任");
  v->ended_at = g_strdup ("2026-11-01T08:00:00Z");
  v->reason = g_strdup ("数据有误");
  g_assert_cmpuint (put_doc (f, withdrawn, 1, "key-3", NULL), ==, 200);
  g_assert_cmpint (stored_revision (f, doc->uuid), ==, 2);
  /* The withdrawal's retry, with the revision it was based on: its stored reply. */
  g_assert_cmpuint (put_doc (f, withdrawn, 1, "key-3", NULL), ==, 200);
}

static char *
batch_of (const ShequDisclosure *doc,
          gint64                 if_match,
          const char            *key)
{
  g_autofree char *json = shequ_disclosure_to_json (doc);

  return g_strdup_printf ("{\"puts\":[{\"uuid\":\"%s\",\"if_match\":%" G_GINT64_FORMAT ","
                          "\"key\":\"%s\",\"document\":%s}]}", doc->uuid, if_match, key, json);
}

/* The same through a batch: that put refused (400, saying which), the request 200. */
static void
test_published_frozen_batch (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) moved = shequ_disclosure_copy (doc);
  g_autofree char *body = NULL;
  g_autofree char *reply = NULL;

  g_assert_cmpuint (put_doc (f, doc, 0, "key-1", NULL), ==, 201);
  g_free (moved->unit_code);
  moved->unit_code = g_strdup (CENTRAL_OFFICE "01002");
  body = batch_of (moved, 1, "key-2");
  g_assert_cmpuint (api_call (f, "POST", "/disclosures:batch", body, &reply, NULL), ==, 200);
  g_assert_nonnull (strstr (reply, "\"status\":400"));
  g_assert_nonnull (strstr (reply, "puts[0]"));
  g_assert_cmpint (stored_revision (f, doc->uuid), ==, 1);
}

/* A key sent before for another disclosure answers nothing of that one's: refused, and
 * the second disclosure is not said to be stored when it is not. */
static void
test_key_other_uuid (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ShequDisclosure) a = shequ_test_disclosure_draft ("一");
  g_autoptr(ShequDisclosure) b = shequ_test_disclosure_draft ("二");
  g_autoptr(ShequCentralDocument) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;

  g_assert_cmpuint (put_doc (f, a, 0, "key-1", NULL), ==, 201);
  g_assert_cmpuint (put_doc (f, b, 0, "key-1", &reply), ==, 400);
  g_assert_nonnull (strstr (reply, a->uuid));
  stored = shequ_central_storage_get_document (f->storage, b->uuid, &error);
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND);
  /* The same key for the same disclosure still gets its stored reply. */
  g_assert_cmpuint (put_doc (f, a, 0, "key-1", NULL), ==, 201);
}

/* An office whose code begins another's (a county's token, "371326") reads none of
 * the other's documents. */
static void
test_get_other_office (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_draft ("草稿");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat ("/disclosures/", doc->uuid, NULL);
  g_autofree char *county = NULL;

  g_assert_cmpuint (put_doc (f, doc, 0, "key-1", NULL), ==, 201);
  g_assert_cmpuint (api_call (f, "GET", path, NULL, NULL, NULL), ==, 200);
  county = shequ_central_tokens_add (f->storage, "371326", NULL, &error);
  g_assert_no_error (error);
  g_free (f->token);
  f->token = g_steal_pointer (&county);
  g_assert_cmpuint (api_call (f, "GET", path, NULL, NULL, NULL), ==, 404);
}

/* An office cannot place its unit under another office's: it would be listed among
 * that one's units on the public pages. Nothing of the upload is kept. */
static void
test_units_foreign_parent (Fixture       *f,
                           gconstpointer  data)
{
  const char *foreign =
    "{\"office\":\"" CENTRAL_OFFICE "\",\"units\":["
    "{\"code\":\"" CENTRAL_OFFICE "\",\"name\":\"平邑街道\",\"tier\":\"street\",\"parent\":null},"
    "{\"code\":\"" CENTRAL_OFFICE "07\",\"name\":\"假社区\",\"tier\":\"community\","
    "\"parent\":\"" CENTRAL_OTHER_OFFICE "01\"}]}";
  const char *own_root =
    "{\"office\":\"" CENTRAL_OFFICE "\",\"units\":["
    "{\"code\":\"" CENTRAL_OFFICE "\",\"name\":\"平邑街道\",\"tier\":\"street\","
    "\"parent\":\"371326\"},"
    "{\"code\":\"" CENTRAL_OFFICE "07\",\"name\":\"东关社区\",\"tier\":\"community\","
    "\"parent\":\"" CENTRAL_OFFICE "\"}]}";
  g_autofree char *reply = NULL;
  g_autoptr(ShequCentralUnit) unit = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (api_call (f, "PUT", "/units", foreign, &reply, NULL), ==, 403);
  g_assert_nonnull (strstr (reply, CENTRAL_OTHER_OFFICE "01"));
  unit = shequ_central_storage_get_unit (f->storage, CENTRAL_OFFICE "07", &error);
  g_assert_null (unit);
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The office's own root may name the county above it. */
  g_assert_cmpuint (api_call (f, "PUT", "/units", own_root, NULL, NULL), ==, 200);
  unit = shequ_central_storage_get_unit (f->storage, CENTRAL_OFFICE "07", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unit->parent_code, ==, CENTRAL_OFFICE);
}

/* The cache key of PATH?QUERY, the route being KIND. */
static char *
key_of (const char           *path,
        const char           *query,
        ShequPublicRouteKind  kind)
{
  ShequPublicRoute route;
  char *key;

  shequ_public_route_parse (path, query, &route);
  g_assert_cmpint (route.kind, ==, kind);
  key = shequ_public_route_key (&route);
  shequ_public_route_clear (&route);
  return key;
}

/* One file asked for under many names is one cache entry: the key is the hash's. */
static void
test_file_key (void)
{
  static const char sha[] =
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  g_autofree char *path_a = g_strconcat ("/files/", sha, "/a.pdf", NULL);
  g_autofree char *path_b = g_strconcat ("/files/", sha, "/%E5%87%AD%E8%AF%81.pdf", NULL);
  g_autofree char *path_page = g_strconcat ("/u/", CENTRAL_OFFICE, NULL);
  g_autofree char *key_a = key_of (path_a, NULL, SHEQU_PUBLIC_ROUTE_FILE);
  g_autofree char *key_b = key_of (path_b, NULL, SHEQU_PUBLIC_ROUTE_FILE);
  g_autofree char *key_1 = key_of (path_page, "page=1", SHEQU_PUBLIC_ROUTE_UNIT);
  g_autofree char *key_2 = key_of (path_page, "page=2", SHEQU_PUBLIC_ROUTE_UNIT);

  g_assert_cmpstr (key_a, ==, key_b);
  /* Pages still differ by what they show. */
  g_assert_cmpstr (key_1, !=, key_2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/central-review/put/published-frozen", Fixture, NULL, fixture_set_up,
              test_published_frozen, fixture_tear_down);
  g_test_add ("/central-review/batch/published-frozen", Fixture, NULL, fixture_set_up,
              test_published_frozen_batch, fixture_tear_down);
  g_test_add ("/central-review/put/key-other-uuid", Fixture, NULL, fixture_set_up,
              test_key_other_uuid, fixture_tear_down);
  g_test_add ("/central-review/get/other-office", Fixture, NULL, fixture_set_up,
              test_get_other_office, fixture_tear_down);
  g_test_add ("/central-review/units/foreign-parent", Fixture, NULL, fixture_set_up,
              test_units_foreign_parent, fixture_tear_down);
  g_test_add_func ("/central-review/public/file-key", test_file_key);
  return g_test_run ();
}
