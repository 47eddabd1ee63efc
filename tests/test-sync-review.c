/* test-sync-review.c — the sync client against a server that misbehaves in ways a review found */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-review"

#include "config.h"

#include <string.h>

#include "shequ-database.h"
#include "shequ-disclosure-json.h"
#include "shequ-sync.h"
#include "shequ-test-disclosure.h"
#include "shequ-test-sync.h"
#include "shequ-test-util.h"

/* A fake server on 127.0.0.1 in a thread of its own: every request gets REPLY (a whole
 * HTTP/1.1 response, the connection closed after it), or REPLY_SINCE_5 when it asks
 * since=5, until LIMIT requests have come; from then on it answers REPLY_AFTER. */
#define HEAD_MAX 4096

typedef struct {
  GSocketListener *listener;
  guint16          port;
  GThread         *thread;
  char            *reply;
  char            *reply_after;
  char            *reply_since_5;  /* for a request with "since=5", when set */
  char            *reply_file;     /* for a request of an attachment, when set */
  guint            limit;
  gint             requests;
  gboolean         stop;
} FakeServer;

static char *
http_response (const char *json)
{
  return g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          strlen (json), json);
}

/* Reads the request's head into BUFFER (any body is ignored: the fake is asked GETs). */
static void
read_head (GInputStream *in,
           char         *buffer)
{
  gsize have = 0;

  buffer[0] = '\0';
  while (have < HEAD_MAX - 1)
    {
      gssize got = g_input_stream_read (in, buffer + have, HEAD_MAX - 1 - have, NULL, NULL);

      if (got <= 0)
        return;
      have += (gsize) got;
      buffer[have] = '\0';
      if (strstr (buffer, "\r\n\r\n") != NULL)
        return;
    }
}

static gpointer
fake_server_run (gpointer data)
{
  FakeServer *self = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = g_socket_listener_accept (self->listener, NULL,
                                                                           NULL, NULL);
      char head[HEAD_MAX];
      GOutputStream *out;
      const char *reply;
      guint n;

      if (connection == NULL || g_atomic_int_get (&self->stop))
        return NULL;
      read_head (g_io_stream_get_input_stream (G_IO_STREAM (connection)), head);
      n = (guint) g_atomic_int_add (&self->requests, 1) + 1;
      reply = n <= self->limit ? self->reply : self->reply_after;
      if (n <= self->limit && self->reply_since_5 != NULL && strstr (head, "since=5") != NULL)
        reply = self->reply_since_5;
      if (self->reply_file != NULL && strstr (head, "/attachments/") != NULL)
        reply = self->reply_file;
      out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
      g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
}

static void
fake_server_start (FakeServer *self,
                   const char *json,
                   guint       limit,
                   const char *json_after,
                   const char *json_since_5)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  memset (self, 0, sizeof *self);
  self->reply = http_response (json);
  self->reply_after = http_response (json_after);
  self->reply_since_5 = json_since_5 != NULL ? http_response (json_since_5) : NULL;
  self->limit = limit;
  self->listener = g_socket_listener_new ();
  g_socket_listener_add_address (self->listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->thread = g_thread_new ("fake-central", fake_server_run, self);
}

static void
fake_server_stop (FakeServer *self)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) wake = NULL;

  g_atomic_int_set (&self->stop, TRUE);
  /* The thread waits in accept: one more connection lets it see STOP. */
  wake = g_socket_client_connect_to_host (client, "127.0.0.1", self->port, NULL, NULL);
  g_thread_join (self->thread);
  g_socket_listener_close (self->listener);
  g_clear_object (&self->listener);
  g_free (self->reply);
  g_free (self->reply_after);
  g_free (self->reply_since_5);
  g_free (self->reply_file);
}

/* An empty client database (no street, nothing to push) at DIR's path. */
static void
client_init (ShequTestDir *dir)
{
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (dir, "test-sync-review-XXXXXX", "client.db");
  db = shequ_database_open (dir->db, SHEQU_DATABASE_FLAGS_CREATE |
                                     SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
}

/* A page of changes that names CURSOR and says MORE, with one draft in it. */
static char *
changes_page (const char *cursor,
              gboolean    more)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_draft ("通知");
  g_autofree char *json = shequ_disclosure_to_json (doc);

  return g_strdup_printf ("{\"changes\":[{\"revision\":1,\"document\":%s}],"
                          "\"cursor\":\"%s\",\"more\":%s}", json, cursor,
                          more ? "true" : "false");
}

/* A sync of an empty client against a fake answering REPLY (or REPLY_SINCE_5 when asked
 * since=5) for 50 requests, then DONE: refused as PROTOCOL after exactly REQUESTS. */
static void
assert_pull_refused (const char *reply,
                     const char *reply_since_5,
                     const char *done,
                     gint        requests)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ShequTestDir dir;
  FakeServer server;
  ShequSyncOptions options = { .token = "shq1.1.test", .timeout = 10 };
  gboolean ok;

  client_init (&dir);
  /* Without the check the pull would go on until the fake gives up saying "more". */
  fake_server_start (&server, reply, 50, done, reply_since_5);
  url = g_strdup_printf ("http://127.0.0.1:%u", server.port);
  options.server = url;
  ok = shequ_sync_run (dir.db, &options, NULL, NULL, NULL, NULL, &error);
  g_test_message ("%d requests: %s", g_atomic_int_get (&server.requests),
                  error != NULL ? error->message : "no error");
  g_assert_false (ok);
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "cursor 5"));
  g_assert_cmpint (g_atomic_int_get (&server.requests), ==, requests);
  fake_server_stop (&server);
  shequ_test_dir_clear (&dir);
}

/* A server that says "more" but hands back the cursor it was asked with would be asked
 * the same page for ever: the pull stops at the second such page with a clear error. */
static void
test_pull_cursor_stuck (void)
{
  g_autofree char *stuck = changes_page ("5", TRUE);
  g_autofree char *done = changes_page ("5", FALSE);

  assert_pull_refused (stuck, NULL, done, 2);
}

/* A cursor that comes back to one seen before in the same pull loops too: since=5 gets
 * cursor 6, anything else cursor 5, so 0 → 5, 5 → 6, 6 → 5 and the third page is
 * refused. */
static void
test_pull_cursor_cycle (void)
{
  g_autofree char *to_five = changes_page ("5", TRUE);
  g_autofree char *to_six = changes_page ("6", TRUE);
  g_autofree char *done = changes_page ("7", FALSE);

  assert_pull_refused (to_five, to_six, done, 3);
}

static void
add_attachment (ShequDisclosureVersion *v,
                const char             *name,
                const char             *sha256)
{
  ShequAttachmentRef ref = { (char *) name, (char *) "application/pdf", 8, (char *) sha256 };

  g_ptr_array_add (v->attachments, shequ_attachment_ref_copy (&ref));
}

/* An attachment whose bytes do not match its hash is not kept, and does not keep the
 * attachments after it from being fetched: the sync says what it refused. */
static void
test_attachment_bad_bytes (void)
{
  static const char bytes[] = "%PDF-1.4";
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_draft ("附件");
  g_autofree char *good = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bytes, -1);
  g_autofree char *bad = g_strnfill (64, '0');
  g_autofree char *json = NULL;
  g_autofree char *page = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  ShequSyncOptions options = { .token = "shq1.1.test", .timeout = 10 };
  ShequTestDir dir;
  FakeServer server;

  /* The bad one sorts first, so a fetch that stopped at it would fetch nothing. */
  add_attachment (g_ptr_array_index (doc->versions, 0), "坏.pdf", bad);
  add_attachment (g_ptr_array_index (doc->versions, 0), "好.pdf", good);
  json = shequ_disclosure_to_json (doc);
  page = g_strdup_printf ("{\"changes\":[{\"revision\":1,\"document\":%s}],"
                          "\"cursor\":\"1\",\"more\":false}", json);
  client_init (&dir);
  fake_server_start (&server, page, G_MAXUINT, page, NULL);
  server.reply_file = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
                                       "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                       strlen (bytes), bytes);
  url = g_strdup_printf ("http://127.0.0.1:%u", server.port);
  options.server = url;
  g_assert_false (shequ_sync_run (dir.db, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_cmpuint (shequ_test_count_rows (dir.db, "attachment_blob", NULL), ==, 1);
  fake_server_stop (&server);
  shequ_test_dir_clear (&dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-review/pull/cursor-stuck", test_pull_cursor_stuck);
  g_test_add_func ("/sync-review/pull/cursor-cycle", test_pull_cursor_cycle);
  g_test_add_func ("/sync-review/attachments/bad-bytes", test_attachment_bad_bytes);
  return g_test_run ();
}
