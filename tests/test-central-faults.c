/* test-central-faults.c — a real shequ-central against huge bodies, junk, restarts, TLS */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-central-faults"

#include "config.h"

#include "central-server-fixture.h"

typedef CentralServer Fixture;

static GSocketConnection *
raw_connect (Fixture *f)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", f->port, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static gboolean
raw_write (GSocketConnection *connection,
           const char        *data,
           gsize              size)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  /* The server may answer and close before it took everything. */
  if (g_output_stream_write_all (out, data, size, NULL, NULL, &error))
    return TRUE;
  g_test_message ("writing stopped: %s", error->message);
  return FALSE;
}

/* Everything the server sends until it closes. */
static char *
raw_read_all (GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GString *reply = g_string_new (NULL);
  char buffer[4096];
  gssize got;

  while ((got = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (reply, buffer, got);
  g_test_message ("raw reply: %.300s", reply->str);
  return g_string_free (reply, FALSE);
}

/* A connection that has sent HEAD (a request line and headers, without the blank line)
 * with the host and the token; the body is the caller's. */
static GSocketConnection *
raw_send_head (Fixture    *f,
               const char *head)
{
  GSocketConnection *connection = raw_connect (f);
  g_autofree char *request = g_strdup_printf ("%s\r\nHost: 127.0.0.1\r\n"
                                              "Authorization: Bearer %s\r\n\r\n",
                                              head, f->token);

  raw_write (connection, request, strlen (request));
  return connection;
}

/* HEAD with "Connection: close" and no body, and the reply. */
static char *
raw_request (Fixture    *f,
             const char *head)
{
  g_autofree char *closing = g_strconcat (head, "\r\nConnection: close", NULL);
  g_autoptr(GSocketConnection) connection = raw_send_head (f, closing);

  return raw_read_all (connection);
}

/* One chunk of a chunked body, CHUNK's 64 KiB: whether all of it was taken. */
static gboolean
raw_write_chunk (GSocketConnection *connection,
                 const char        *chunk)
{
  return raw_write (connection, "10000\r\n", 7) && raw_write (connection, chunk, 65536) &&
         raw_write (connection, "\r\n", 2);
}

static void
assert_server_answers (Fixture *f)
{
  g_auto(CentralReply) reply = central_request (f, "GET", "api/v1/changes", f->token, NULL, NULL);

  g_assert_cmpuint (reply.status, ==, 200);
}

static void
test_huge_length (Fixture       *f,
                  gconstpointer  data)
{
  /* A gigabyte announced: refused before a byte of it is sent. */
  g_autofree char *reply = raw_request (f, "PUT /api/v1/disclosures/"
                                           "6f1c2a4e-8b3d-4c5e-9f7a-0123456789ab HTTP/1.1\r\n"
                                           "If-None-Match: *\r\n"
                                           "Expect: 100-continue\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: 1073741824");

  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 413"));
  g_assert_nonnull (strstr (reply, "\"error\""));
  assert_server_answers (f);
}

static void
test_huge_chunked (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *chunk = g_strnfill (65536, ' ');
  g_autofree char *reply = NULL;

  connection = raw_send_head (f, "POST /api/v1/disclosures:batch HTTP/1.1\r\n"
                                 "Transfer-Encoding: chunked\r\nConnection: close");
  /* 6 MiB of blanks, in 64 KiB chunks: over the 4 MiB limit. */
  for (guint i = 0; i < 96; i++)
    raw_write_chunk (connection, chunk);
  raw_write (connection, "0\r\n\r\n", 5);
  reply = raw_read_all (connection);
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 413"));
  g_assert_nonnull (strstr (reply, "\"where\":\"body\""));
  assert_server_answers (f);
}

static void
test_endless_body (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *chunk = g_strnfill (65536, ' ');
  g_autofree char *reply = NULL;
  guint sent = 0;

  /* 32 MiB is the units' limit; a client that goes on sending after the 413 is cut off
   * well before a gigabyte. */
  connection = raw_send_head (f, "PUT /api/v1/units HTTP/1.1\r\nTransfer-Encoding: chunked");
  while (sent < 16384 && raw_write_chunk (connection, chunk))
    sent++;
  g_test_message ("%u chunks of 64 KiB sent", sent);
  g_assert_cmpuint (sent, <, 16384);
  g_assert_cmpuint (sent, >=, 32 * 16);
  reply = raw_read_all (connection);
  g_assert_true (*reply == '\0' || g_str_has_prefix (reply, "HTTP/1.1 413"));
  assert_server_answers (f);
}

static void
test_stalled_client (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = raw_connect (f);
  g_autofree char *reply = NULL;
  const char *partial = "GET /api/v1/changes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";

  /* --idle-timeout 1: headers that never end are dropped, not waited for. */
  raw_write (connection, partial, strlen (partial));
  reply = raw_read_all (connection);
  g_assert_false (g_str_has_prefix (reply, "HTTP/1.1 200"));
  assert_server_answers (f);
}

static void
test_max_body (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();
  g_autofree char *json = shequ_disclosure_to_json (doc);
  g_auto(CentralReply) reply = { 0 };

  /* --max-body 2048 and a document of more: 413, read and dropped. */
  g_assert_cmpuint (strlen (json), >, 2048);
  reply = central_put_document (f, f->token, doc, NULL, NULL);
  central_assert_error (&reply, 413, "body");
  assert_server_answers (f);
}

static void
test_traversal (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *long_path = g_strdup_printf ("GET /api/v1/disclosures/%s HTTP/1.1",
                                                g_strnfill (20000, 'a'));
  const char *requests[] = {
    "GET /api/v1/../../../../etc/passwd HTTP/1.1",
    "GET /api/v1/attachments/..%2F..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1",
    "GET /api/v1/attachments/%2e%2e HTTP/1.1",
    "GET /api/v1/disclosures/%00 HTTP/1.1",
    "GET /api/v1/changes/../../../etc/passwd HTTP/1.1",
    "GET /api/v1/%ZZ HTTP/1.1",
    "GET /api/v1//changes HTTP/1.1",
    "GET /api/v1/attachments/..\\..\\etc HTTP/1.1",
    "PUT /api/v1/attachments/../../central.db HTTP/1.1",
    long_path,
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autofree char *reply = raw_request (f, requests[i]);

      g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 4"));
      g_assert_null (strstr (reply, "root:"));
      g_assert_null (strstr (reply, "SQLite format"));
    }
  assert_server_answers (f);
}

/* A put of JSON with If-None-Match: *: the reply must be 4xx JSON. */
static void
assert_refused (Fixture    *f,
                const char *json,
                guint       status,
                const char *needle)
{
  g_auto(CentralReply) reply = central_request (f, "PUT",
                                                "api/v1/disclosures/"
                                                "6f1c2a4e-8b3d-4c5e-9f7a-0123456789ab",
                                                f->token, json, "If-None-Match", "*", NULL);

  central_assert_error (&reply, status, "body");
  if (needle != NULL && strstr (reply.body, needle) == NULL)
    g_error ("“%s” does not say “%s”", reply.body, needle);
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static void
test_bad_documents (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();
  g_autofree char *json = shequ_disclosure_to_json (doc);
  g_autofree char *deep = g_strnfill (100000, '[');
  const char *amounts[] = { "\"12.3\"", "12.5", "-500000", "1e400", "null" };

  assert_refused (f, "", 400, NULL);
  assert_refused (f, "{\"format\": 1, \"uuid\": ", 400, NULL);
  assert_refused (f, "[1, 2, 3]", 400, NULL);
  assert_refused (f, "\xff\xfe{}", 400, NULL);
  assert_refused (f, deep, 400, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *bad = replace_once (json, "\"amount_fen\":500000", "\"amount_fen\":X");
      g_autofree char *amount = replace_once (bad, "X", amounts[i]);

      assert_refused (f, amount, 400, "amount_fen");
    }
  /* Totals that do not balance. */
  {
    g_autofree char *bad = replace_once (json, "\"closing_fen\":643456", "\"closing_fen\":643457");

    assert_refused (f, bad, 400, NULL);
  }
  /* A wrong type where a string belongs. */
  {
    g_autofree char *bad = replace_once (json, "\"kind\":\"finance\"", "\"kind\":7");

    assert_refused (f, bad, 400, "kind");
  }
  assert_server_answers (f);
}

static void
test_html_in_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_draft ("<script>alert(1)</script>");
  g_autofree char *path = central_disclosure_path (doc);

  /* Text is text: kept as it was sent, and served as JSON that no browser runs. */
  {
    g_auto(CentralReply) reply = central_put_document (f, f->token, doc, NULL, NULL);

    g_assert_cmpuint (reply.status, ==, 201);
  }
  {
    g_auto(CentralReply) reply = central_request (f, "GET", path, f->token, NULL, NULL);

    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (soup_message_headers_get_content_type (reply.headers, NULL), ==,
                     "application/json");
    g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "X-Content-Type-Options"), ==,
                     "nosniff");
    g_assert_nonnull (strstr (reply.body, "alert(1)"));
  }
  assert_server_answers (f);
}

static CentralReply
put_numbered (Fixture *f,
              guint    i)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_draft ("通知");
  g_autofree char *key = g_strdup_printf ("outbox-%u", i);

  g_free (doc->uuid);
  doc->uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
  return central_put_document (f, f->token, doc, NULL, key);
}

static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSocketConnection) half = NULL;
  const char *part = "{\"puts\":[{\"uuid\":\"00000000-0000-4000-8000-000000000099\",";

  for (guint i = 0; i < 10; i++)
    {
      g_auto(CentralReply) reply = put_numbered (f, i);

      g_assert_cmpuint (reply.status, ==, 201);
    }
  /* SIGTERM while a batch is half sent: a clean exit, the batch not written. */
  half = raw_send_head (f, "POST /api/v1/disclosures:batch HTTP/1.1\r\n"
                          "Content-Length: 100000");
  raw_write (half, part, strlen (part));
  central_server_stop (f);
  g_clear_object (&half);

  central_server_start (f, NULL);
  /* The PC sends its whole outbox again: the first ten get their stored replies. */
  for (guint i = 0; i < 20; i++)
    {
      g_auto(CentralReply) reply = put_numbered (f, i);
      g_autoptr(JsonObject) object = central_reply_object (&reply);
      gint64 revision = 0;

      g_assert_cmpuint (reply.status, ==, 201);
      g_assert_true (shequ_json_get_int (object, "revision", &revision));
      g_assert_cmpint (revision, ==, 1);
    }
  {
    g_auto(CentralReply) reply = central_request (f, "GET", "api/v1/changes", f->token, NULL,
                                                  NULL);
    g_autoptr(JsonObject) object = central_reply_object (&reply);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "changes")),
                      ==, 20);
    g_assert_null (strstr (reply.body, "000000000099"));
  }
}

static void
test_https (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *cert = central_test_data ("central-test-cert.pem");
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (f->url, "https://127.0.0.1:"));
  /* Unknown to the system's CAs: refused… */
  {
    g_autofree char *uri = g_strconcat (f->url, "api/v1/changes", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
    g_autoptr(GBytes) body = soup_session_send_and_read (f->session, msg, NULL, &error);

    g_assert_null (body);
    g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
    g_clear_error (&error);
  }
  /* …and trusted with the test certificate as the CA. */
  database = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  g_clear_object (&f->session);
  f->session = soup_session_new_with_options ("tls-database", database, "timeout", 30, NULL);
  assert_server_answers (f);
}

int
main (int    argc,
      char **argv)
{
  static const char *const small_body[] = { "--max-body", "2048", NULL };
  static const char *const impatient[] = { "--idle-timeout", "1", NULL };
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  const char *tls[5] = { "--tls-cert", NULL, "--tls-key", NULL, NULL };

  g_test_init (&argc, &argv, NULL);
  cert = central_test_data ("central-test-cert.pem");
  key = central_test_data ("central-test-key.pem");
  tls[1] = cert;
  tls[3] = key;

#define ADD(path, args, func) \
  g_test_add ("/central-faults/" path, Fixture, args, central_server_set_up, func, \
              central_server_tear_down)
  ADD ("huge-length", NULL, test_huge_length);
  ADD ("huge-chunked", NULL, test_huge_chunked);
  ADD ("endless-body", NULL, test_endless_body);
  ADD ("max-body", small_body, test_max_body);
  ADD ("stalled-client", impatient, test_stalled_client);
  ADD ("traversal", NULL, test_traversal);
  ADD ("bad-documents", NULL, test_bad_documents);
  ADD ("html-in-text", NULL, test_html_in_text);
  ADD ("restart", NULL, test_restart);
  ADD ("https", tls, test_https);
#undef ADD
  return g_test_run ();
}
