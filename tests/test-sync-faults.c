/* test-sync-faults.c — the sync client against broken servers: down, 401, 500, slow, cut, malformed */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-faults"

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-fault-proxy.h"
#include "shequ-sync-private.h"
#include "shequ-test-sync.h"
#include "shequ-test-util.h"

/* ---- The HTTP layer alone: the proxy answers by itself ---------------------------- */

/* A port nothing listens on (bound, then closed). */
static guint16
dead_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static ShequSyncHttp *
http_for (const char *url,
          guint       timeout,
          GCancellable *cancellable)
{
  ShequSyncOptions options = { .server = url, .token = "shq1_test", .timeout = timeout,
                               .connect_timeout = 5 };
  g_autoptr(GError) error = NULL;
  ShequSyncHttp *http = _shequ_sync_http_new (&options, cancellable, &error);

  g_assert_no_error (error);
  return http;
}

/* GET /api/v1/changes through HTTP: FALSE and the error when no reply came. */
static gboolean
get_changes (ShequSyncHttp   *http,
             ShequSyncReply  *reply,
             GError         **error)
{
  return _shequ_sync_http_request (http, "GET", "/api/v1/changes?since=0", NULL, NULL, NULL,
                                   reply, error);
}

/* GET /api/v1/changes through HTTP fails with CODE, naming NEEDLE (unless NULL). */
static void
assert_get_fails (ShequSyncHttp *http,
                  int            code,
                  const char    *needle)
{
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (get_changes (http, &reply, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, code);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not name “%s”", error->message, needle);
}

static void
test_http_settings (void)
{
  static const char *const bad_urls[] = { "", "central.example.cn", "ftp://x.example.cn",
                                          "https://", "https://x.example.cn/?q=1",
                                          "file:///etc/passwd" };
  g_autoptr(GError) error = NULL;
  ShequSyncOptions options = { .server = "https://central.example.cn", .token = NULL };

  g_assert_null (_shequ_sync_http_new (&options, NULL, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
  g_clear_error (&error);
  options.token = "shq1_a\r\nX-Evil: 1";
  g_assert_null (_shequ_sync_http_new (&options, NULL, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
  g_clear_error (&error);
  options.token = "shq1_a";
  options.ca_file = "/nonexistent/ca.pem";
  g_assert_null (_shequ_sync_http_new (&options, NULL, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
  g_assert_nonnull (strstr (error->message, "/nonexistent/ca.pem"));
  g_clear_error (&error);
  options.ca_file = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      options.server = bad_urls[i];
      g_assert_null (_shequ_sync_http_new (&options, NULL, &error));
      g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
      g_clear_error (&error);
    }
}

static void
test_http_down (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", dead_port ());
  ShequSyncHttp *http = http_for (url, 5, NULL);

  assert_get_fails (http, SHEQU_SYNC_ERROR_OFFLINE, url);
  g_assert_cmpuint (_shequ_sync_http_get_requests (http), ==, 1);
  _shequ_sync_http_free (http);
}

/* The proxy's own 500 and 401: errors of their kind, naming the URL and the status. */
static void
test_http_status (void)
{
  g_autoptr(ShequFaultProxy) proxy = shequ_fault_proxy_new (dead_port ());
  g_autofree char *url = shequ_fault_proxy_get_url (proxy);
  ShequSyncHttp *http = http_for (url, 5, NULL);
  static const struct { guint status; ShequSyncError code; } cases[] = {
    { 500, SHEQU_SYNC_ERROR_SERVER }, { 503, SHEQU_SYNC_ERROR_SERVER },
    { 401, SHEQU_SYNC_ERROR_AUTH }, { 403, SHEQU_SYNC_ERROR_FORBIDDEN },
    { 418, SHEQU_SYNC_ERROR_PROTOCOL },
  };

  shequ_fault_proxy_set_fault (proxy, SHEQU_FAULT_STATUS, NULL, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(ShequSyncReply) reply = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *status = g_strdup_printf ("%u", cases[i].status);

      shequ_fault_proxy_set_status (proxy, cases[i].status);
      g_assert_true (get_changes (http, &reply, &error));
      g_assert_no_error (error);
      g_assert_cmpint (reply.status, ==, cases[i].status);
      _shequ_sync_reply_set_error (&reply, &error);
      g_assert_error (error, SHEQU_SYNC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, url));
      g_assert_nonnull (strstr (error->message, status));
      /* The server's own words come along. */
      g_assert_nonnull (strstr (error->message, "injected by the test's proxy"));
    }
  g_assert_cmpuint (shequ_fault_proxy_get_faults (proxy), ==, G_N_ELEMENTS (cases));
  _shequ_sync_http_free (http);
}

static void
test_http_refused (void)
{
  g_autoptr(ShequFaultProxy) proxy = shequ_fault_proxy_new (dead_port ());
  g_autofree char *url = shequ_fault_proxy_get_url (proxy);
  ShequSyncHttp *http = http_for (url, 5, NULL);

  shequ_fault_proxy_set_fault (proxy, SHEQU_FAULT_REFUSE, NULL, 0, 0);
  assert_get_fails (http, SHEQU_SYNC_ERROR_OFFLINE, url);
  _shequ_sync_http_free (http);
}

/* Two proxies: FRONT breaks what BACK answers by itself (a 200 with a small body). */
typedef struct {
  ShequFaultProxy *back;
  ShequFaultProxy *front;
  char            *url;
} Chain;

static void
chain_init (Chain *chain)
{
  g_autofree char *back_url = NULL;

  chain->back = shequ_fault_proxy_new (dead_port ());
  shequ_fault_proxy_set_fault (chain->back, SHEQU_FAULT_STATUS, NULL, 0, 0);
  shequ_fault_proxy_set_status (chain->back, 200);
  back_url = shequ_fault_proxy_get_url (chain->back);
  chain->front = shequ_fault_proxy_new ((guint16) atoi (strrchr (back_url, ':') + 1));
  chain->url = shequ_fault_proxy_get_url (chain->front);
}

static void
chain_clear (Chain *chain)
{
  shequ_fault_proxy_free (chain->front);
  shequ_fault_proxy_free (chain->back);
  g_free (chain->url);
}

static void
test_http_slow (void)
{
  Chain chain;
  ShequSyncHttp *http;
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GError) error = NULL;

  chain_init (&chain);
  http = http_for (chain.url, 1, NULL);
  g_assert_true (get_changes (http, &reply, &error));
  g_assert_cmpint (reply.status, ==, 200);
  shequ_fault_proxy_set_fault (chain.front, SHEQU_FAULT_DELAY, NULL, 0, 1);
  shequ_fault_proxy_set_delay (chain.front, 3000);
  assert_get_fails (http, SHEQU_SYNC_ERROR_OFFLINE, "1 seconds");
  _shequ_sync_http_free (http);
  chain_clear (&chain);
}

static void
test_http_cut (void)
{
  Chain chain;
  ShequSyncHttp *http;
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GError) error = NULL;

  chain_init (&chain);
  http = http_for (chain.url, 5, NULL);
  shequ_fault_proxy_set_fault (chain.front, SHEQU_FAULT_CUT, NULL, 0, 1);
  assert_get_fails (http, SHEQU_SYNC_ERROR_OFFLINE, chain.url);
  /* The server dropped the connection after it had the request. */
  shequ_fault_proxy_set_fault (chain.front, SHEQU_FAULT_DROP, NULL, 0, 1);
  assert_get_fails (http, SHEQU_SYNC_ERROR_OFFLINE, NULL);
  /* And the next request goes through on a new connection. */
  g_assert_true (get_changes (http, &reply, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reply.status, ==, 200);
  g_assert_cmpuint (shequ_fault_proxy_get_requests (chain.back), ==, 3);
  _shequ_sync_http_free (http);
  chain_clear (&chain);
}

/* One handle, every method the sync uses, each as it should go. */
static void
test_http_methods (void)
{
  static const struct { const char *method, *path, *body, *expected; } cases[] = {
    { "GET", "/api/v1/changes?since=0", NULL, "GET /api/v1/changes?since=0" },
    { "HEAD", "/api/v1/attachments/ab", NULL, "HEAD /api/v1/attachments/ab" },
    { "PUT", "/api/v1/units", "{\"units\": []}", "PUT /api/v1/units" },
    { "POST", "/api/v1/disclosures:batch", "{\"puts\": []}", "POST /api/v1/disclosures:batch" },
    { "HEAD", "/api/v1/attachments/cd", NULL, "HEAD /api/v1/attachments/cd" },
    { "GET", "/api/v1/changes?since=9", NULL, "GET /api/v1/changes?since=9" },
  };
  g_autoptr(ShequFaultProxy) proxy = shequ_fault_proxy_new (dead_port ());
  g_autofree char *url = shequ_fault_proxy_get_url (proxy);
  ShequSyncHttp *http = http_for (url, 5, NULL);

  shequ_fault_proxy_set_fault (proxy, SHEQU_FAULT_STATUS, NULL, 0, 0);
  shequ_fault_proxy_set_status (proxy, 200);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = cases[i].body != NULL
                               ? g_bytes_new_static (cases[i].body, strlen (cases[i].body))
                               : NULL;
      g_auto(ShequSyncReply) reply = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *seen = NULL;
      gsize length = 0;

      g_assert_true (_shequ_sync_http_request (http, cases[i].method, cases[i].path,
                                               body != NULL ? "application/json" : NULL, body,
                                               NULL, &reply, &error));
      g_assert_no_error (error);
      g_assert_cmpint (reply.status, ==, 200);
      seen = shequ_fault_proxy_get_last_request (proxy, &length);
      g_assert_cmpstr (seen, ==, cases[i].expected);
      g_assert_cmpuint (length, ==, cases[i].body != NULL ? strlen (cases[i].body) : 0);
      /* No body read for HEAD. */
      if (g_str_equal (cases[i].method, "HEAD"))
        g_assert_cmpuint (g_bytes_get_size (reply.body), ==, 0);
      else
        g_assert_cmpuint (g_bytes_get_size (reply.body), >, 0);
    }
  g_assert_cmpuint (_shequ_sync_http_get_requests (http), ==, G_N_ELEMENTS (cases));
  _shequ_sync_http_free (http);
}

static void
cancel_now (gpointer data)
{
  g_cancellable_cancel (data);
}

/* Cancelled while the reply is held back: G_IO_ERROR_CANCELLED, not a timeout. */
static void
test_http_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Chain chain;
  ShequSyncHttp *http;
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GError) error = NULL;

  chain_init (&chain);
  http = http_for (chain.url, 20, cancellable);
  shequ_fault_proxy_set_fault (chain.front, SHEQU_FAULT_DELAY, NULL, 0, 1);
  shequ_fault_proxy_set_delay (chain.front, 15000);
  shequ_fault_proxy_set_hook (chain.front, cancel_now, cancellable);
  g_assert_false (get_changes (http, &reply, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  _shequ_sync_http_free (http);
  chain_clear (&chain);
}

/* A whole sync against the proxy alone (no server behind it): a 500 for the units stops
 * it before any entry is touched; a 200 that is not the batch's reply leaves every
 * entry sent once, pending, waiting out its backoff. */
static void
test_sync_without_server (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-sync-alone-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "pc.db", NULL);
  g_autoptr(ShequDisclosureStore) store = shequ_test_client_new (path);
  g_autoptr(ShequFaultProxy) proxy = shequ_fault_proxy_new (dead_port ());
  g_autofree char *url = shequ_fault_proxy_get_url (proxy);
  ShequSyncOptions options = { .server = url, .token = "shq1_x", .timeout = 5,
                               .respect_backoff = TRUE };
  ShequSyncResult r = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    shequ_test_client_publish (store, "无服务器");
  shequ_fault_proxy_set_fault (proxy, SHEQU_FAULT_STATUS, NULL, 0, 0);
  shequ_fault_proxy_set_status (proxy, 500);
  g_assert_false (shequ_sync_run (path, &options, NULL, NULL, NULL, &r, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SERVER);
  g_assert_cmpuint (r.requests, ==, 1);
  g_assert_cmpuint (r.pending, ==, 3);
  g_assert_cmpuint (shequ_test_count_rows (path, "outbox", "attempts > 0"), ==, 0);
  g_clear_error (&error);

  shequ_fault_proxy_set_status (proxy, 200);
  g_assert_false (shequ_sync_run (path, &options, NULL, NULL, NULL, &r, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL);
  g_assert_cmpuint (r.requests, ==, 2);
  g_assert_cmpuint (r.pending, ==, 3);
  g_assert_cmpuint (shequ_test_count_rows (path, "outbox", "state = 'pending' AND attempts = 1 "
                                                           "AND next_attempt_at > 0"), ==, 3);
  g_clear_error (&error);

  /* An automatic sync: while the backoff lasts only the pull goes (and fails); once it
   * is over (a second, or less) the batch goes again. Either way one request. */
  g_assert_false (shequ_sync_run (path, &options, NULL, NULL, NULL, &r, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL);
  g_assert_cmpuint (r.requests, ==, 1);
  {
    g_autofree char *last = shequ_fault_proxy_get_last_request (proxy, NULL);

    if (g_str_has_prefix (last, "GET /api/v1/changes"))
      g_assert_cmpuint (shequ_test_count_rows (path, "outbox", "attempts = 1"), ==, 3);
    else
      g_assert_cmpuint (shequ_test_count_rows (path, "outbox", "attempts = 2"), ==, 3);
  }
  g_clear_object (&store);
  shequ_test_remove_tree (dir);
}

/* ---- Whole syncs against a real shequ-central, faults in between ----------------- */

typedef struct {
  ShequTestDir          dir;
  ShequTestCentral      central;
  ShequFaultProxy      *proxy;
  char                 *url;      /* the proxy's: what the client knows as the server */
  char                 *token;
  char                 *token_file;
  char                 *a_path, *b_path;
  ShequDisclosureStore *a;
} Fixture;

#define N_DOCS 20

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *text = NULL;

  shequ_test_dir_init (&f->dir, "shequ-sync-faults-XXXXXX", "unused.db");
  shequ_test_central_init (&f->central);
  f->token = shequ_test_central_add_token (&f->central, SHEQU_TEST_OFFICE);
  text = g_strdup_printf ("%s\n", f->token);
  f->token_file = shequ_test_write_file (f->dir.dir, "token", text);
  shequ_test_central_start (&f->central);
  f->proxy = shequ_fault_proxy_new (f->central.port);
  f->url = shequ_fault_proxy_get_url (f->proxy);
  f->a_path = g_build_filename (f->dir.dir, "pc-a.db", NULL);
  f->b_path = g_build_filename (f->dir.dir, "pc-b.db", NULL);
  f->a = shequ_test_client_new (f->a_path);
  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autofree char *title = g_strdup_printf ("第%u份财务公开", i + 1);

      shequ_test_client_publish (f->a, title);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  shequ_fault_proxy_free (f->proxy);
  shequ_test_central_clear (&f->central);
  g_free (f->url);
  g_free (f->token);
  g_free (f->token_file);
  g_free (f->a_path);
  g_free (f->b_path);
  shequ_test_dir_clear (&f->dir);
}

static gboolean
sync_a (Fixture          *f,
        const char       *server,
        guint             timeout,
        ShequSyncResult  *result,
        GError          **error)
{
  ShequSyncOptions options = { .server = server != NULL ? server : f->url, .token = f->token,
                               .timeout = timeout > 0 ? timeout : 20, .batch = 5 };

  return shequ_sync_run (f->a_path, &options, NULL, NULL, NULL, result, error);
}

/* A sync of A that fails with CODE, its message naming each of the NULL-ended needles. */
static void
sync_a_fails (Fixture         *f,
              guint            timeout,
              ShequSyncResult *result,
              int              code,
              ...)
{
  g_autoptr(GError) error = NULL;
  const char *needle;
  va_list args;

  g_assert_false (sync_a (f, NULL, timeout, result, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, code);
  va_start (args, code);
  while ((needle = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, needle) == NULL)
      g_error ("“%s” does not name “%s”", error->message, needle);
  va_end (args);
}

/* Everything converged: the server has each disclosure once, written once (revision
 * 1: no retry wrote twice), A has nothing left to send and knows every revision, and a
 * second PC pulls them all. */
static void
assert_all_there (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosureStore) b = shequ_test_client_new (f->b_path);
  ShequSyncOptions options = { .server = f->url, .token = f->token };
  ShequSyncResult r = { 0 };
  guint distinct = 0;
  gint64 max_revision = 0;

  g_assert_cmpuint (shequ_test_central_count_documents (&f->central, f->token, &distinct,
                                                        &max_revision), ==, N_DOCS);
  g_assert_cmpuint (distinct, ==, N_DOCS);
  g_assert_cmpint (max_revision, ==, 1);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "disclosure", NULL), ==, N_DOCS);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "disclosure", "server_revision = 1"), ==,
                    N_DOCS);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "outbox", "state = 'pending'"), ==, 0);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "sync_conflict", NULL), ==, 0);

  g_assert_true (shequ_sync_run (f->b_path, &options, NULL, NULL, NULL, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.pulled, ==, N_DOCS);
  g_assert_cmpuint (shequ_test_count_rows (f->b_path, "disclosure", NULL), ==, N_DOCS);
}

/* The sync after a fault: whatever the server had already done is confirmed, the rest
 * sent; nothing twice. */
static void
sync_again_and_check (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ShequSyncResult r = { 0 };

  g_assert_true (sync_a (f, NULL, 0, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.pending, ==, 0);
  g_assert_cmpuint (r.conflicts, ==, 0);
  assert_all_there (f);
}

static void
test_server_down (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequSyncResult r = { 0 };

  shequ_test_central_stop (&f->central, FALSE);
  g_assert_false (sync_a (f, f->central.url, 0, &r, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, f->central.url));
  g_assert_cmpuint (r.pushed, ==, 0);
  g_assert_cmpuint (r.pending, ==, N_DOCS);
  g_clear_error (&error);

  /* Up again at the same address. */
  shequ_test_central_restart (&f->central);
  g_assert_true (sync_a (f, f->central.url, 0, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.pushed, ==, N_DOCS);
  g_assert_cmpuint (r.pending, ==, 0);
  g_free (f->url);
  f->url = g_strdup (f->central.url);
  assert_all_there (f);
}

/* A token the server does not know: AUTH, nothing sent, nothing changed here. */
static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *own = g_steal_pointer (&f->token);
  ShequSyncResult r = { 0 };

  f->token = g_strdup ("shq1_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  sync_a_fails (f, 0, &r, SHEQU_SYNC_ERROR_AUTH, "401", NULL);
  g_assert_cmpuint (r.pending, ==, N_DOCS);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "outbox", "attempts > 0"), ==, 0);
  g_clear_error (&error);
  g_free (f->token);
  f->token = g_steal_pointer (&own);

  /* A 401 on the pull (the proxy's): the pushes stand, the cursor stays. */
  shequ_fault_proxy_set_fault (f->proxy, SHEQU_FAULT_STATUS, "GET /api/v1/changes", 0, 1);
  shequ_fault_proxy_set_status (f->proxy, 401);
  sync_a_fails (f, 0, &r, SHEQU_SYNC_ERROR_AUTH, NULL);
  g_assert_cmpuint (r.pushed, ==, N_DOCS);
  sync_again_and_check (f);
}

/* 500 for a batch (the proxy's: the server never saw it), then for the server's own
 * reply to the third batch. */
static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  ShequSyncResult r = { 0 };

  shequ_fault_proxy_set_fault (f->proxy, SHEQU_FAULT_STATUS, "POST /api/v1/disclosures:batch",
                               2, 1);
  shequ_fault_proxy_set_status (f->proxy, 500);
  sync_a_fails (f, 0, &r, SHEQU_SYNC_ERROR_SERVER, "500", f->url, NULL);
  g_assert_cmpuint (r.pushed, ==, 10);
  g_assert_cmpuint (r.pending, ==, N_DOCS - 10);
  /* The failed batch's entries wait out their backoff. */
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "outbox",
                                           "state = 'pending' AND attempts = 1 "
                                           "AND next_attempt_at > 0"), ==, 5);
  sync_again_and_check (f);
}

/* The reply comes after the timeout, the reply is cut midway, the connection drops
 * after the server had the request: the server did the work each time, and the retry
 * (same idempotency keys) gets its stored answers. */
static void
test_lost_replies (Fixture       *f,
                   gconstpointer  data)
{
  const ShequFaultKind kinds[] = { SHEQU_FAULT_DELAY, SHEQU_FAULT_CUT, SHEQU_FAULT_DROP };
  ShequSyncResult r = { 0 };

  shequ_fault_proxy_set_delay (f->proxy, 3000);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      /* libcurl sends a request again, once, when a kept-alive connection closes
       * before any byte of the reply: the retry (same keys) must be dropped too. */
      shequ_fault_proxy_set_fault (f->proxy, kinds[i], "POST /api/v1/disclosures:batch", i,
                                   kinds[i] == SHEQU_FAULT_DROP ? 2 : 1);
      sync_a_fails (f, 1, &r, SHEQU_SYNC_ERROR_OFFLINE, f->url, NULL);
      g_assert_cmpuint (r.pending, >, 0);
    }
  g_assert_cmpuint (shequ_fault_proxy_get_faults (f->proxy), >=, G_N_ELEMENTS (kinds));
  sync_again_and_check (f);
}

/* Malformed JSON for a batch and for the changes: PROTOCOL; the cursor stays. */
static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequSyncResult r = { 0 };

  shequ_fault_proxy_set_fault (f->proxy, SHEQU_FAULT_MALFORMED, "POST /api/v1/disclosures:batch",
                               0, 1);
  sync_a_fails (f, 0, &r, SHEQU_SYNC_ERROR_PROTOCOL, f->url, NULL);
  g_assert_cmpuint (r.pending, ==, N_DOCS);
  g_clear_error (&error);

  shequ_fault_proxy_set_fault (f->proxy, SHEQU_FAULT_MALFORMED, "GET /api/v1/changes", 0, 1);
  sync_a_fails (f, 0, &r, SHEQU_SYNC_ERROR_PROTOCOL, NULL);
  g_assert_cmpuint (r.pushed, ==, N_DOCS);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "sync_state", "key = 'cursor'"), ==, 0);
  sync_again_and_check (f);
}

/* SIGKILL at once (g_subprocess_force_exit sends it later, from GLib's worker thread:
 * the reply could get through first). The process is not reaped yet, so its pid is
 * still its own. */
static void
kill_now (GSubprocess *process)
{
  const char *pid = g_subprocess_get_identifier (process);

  g_assert_nonnull (pid);
  g_assert_cmpint (kill ((pid_t) atoi (pid), SIGKILL), ==, 0);
}

static void
kill_server (gpointer data)
{
  ShequTestCentral *central = data;

  kill_now (central->process);
}

/* SIGKILL to shequ-central while it has the second batch: after a restart on the same
 * database everything converges. */
static void
test_server_killed (Fixture       *f,
                    gconstpointer  data)
{
  ShequSyncResult r = { 0 };

  shequ_fault_proxy_set_fault (f->proxy, SHEQU_FAULT_NONE, NULL, 0, 0);
  shequ_fault_proxy_set_fault (f->proxy, SHEQU_FAULT_DELAY, "POST /api/v1/disclosures:batch",
                               1, 1);
  shequ_fault_proxy_set_delay (f->proxy, 0);
  shequ_fault_proxy_set_hook (f->proxy, kill_server, &f->central);
  sync_a_fails (f, 0, &r, SHEQU_SYNC_ERROR_OFFLINE, NULL);
  /* The second batch's reply may have left the server before the signal landed. */
  g_assert_cmpuint (r.pushed, >=, 5);
  g_assert_cmpuint (r.pushed, <=, 10);
  shequ_fault_proxy_set_hook (f->proxy, NULL, NULL);
  shequ_test_central_stop (&f->central, TRUE);

  shequ_test_central_start (&f->central);
  shequ_fault_proxy_set_upstream (f->proxy, f->central.port);
  sync_again_and_check (f);
}

/* The client to kill, set once it is spawned (the hook waits for it). */
static void
kill_client (gpointer data)
{
  GSubprocess **client = data;

  while (g_atomic_pointer_get (client) == NULL)
    g_usleep (1000);
  kill_now (g_atomic_pointer_get (client));
}

/* SIGKILL to `shequ-cli sync` while the server has its second batch: the next run
 * finishes the work, with nothing twice. */
static void
test_client_killed (Fixture       *f,
                    gconstpointer  data)
{
  GSubprocess *client = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->a);
  shequ_fault_proxy_set_fault (f->proxy, SHEQU_FAULT_DELAY, "POST /api/v1/disclosures:batch",
                               1, 1);
  shequ_fault_proxy_set_delay (f->proxy, 0);
  shequ_fault_proxy_set_hook (f->proxy, kill_client, &client);
  g_atomic_pointer_set (&client, shequ_test_spawn_cli ("sync", "--db", f->a_path, "--server",
                                                       f->url, "--token-file", f->token_file,
                                                       "--batch", "5", NULL));
  g_subprocess_wait (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (client));
  shequ_fault_proxy_set_hook (f->proxy, NULL, NULL);
  g_clear_object (&client);
  /* The first batch is done here; the second was marked before it went. */
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "outbox", "state = 'pending'"), ==,
                    N_DOCS - 5);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "outbox",
                                           "state = 'pending' AND attempts = 1"), ==, 5);

  {
    g_auto(ShequTestResult) again = shequ_test_run_cli ("sync", "--db", f->a_path, "--server",
                                                        f->url, "--token-file", f->token_file,
                                                        "--batch", "5", "--json", NULL);

    shequ_test_assert_cli_success (&again);
    g_assert_nonnull (strstr (again.out, "\"pending\":0"));
  }
  assert_all_there (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/faults/http/settings", test_http_settings);
  g_test_add_func ("/sync/faults/http/down", test_http_down);
  g_test_add_func ("/sync/faults/http/status", test_http_status);
  g_test_add_func ("/sync/faults/http/refused", test_http_refused);
  g_test_add_func ("/sync/faults/http/slow", test_http_slow);
  g_test_add_func ("/sync/faults/http/cut", test_http_cut);
  g_test_add_func ("/sync/faults/http/cancel", test_http_cancel);
  g_test_add_func ("/sync/faults/http/methods", test_http_methods);
  g_test_add_func ("/sync/faults/without-server", test_sync_without_server);

  if (g_getenv ("SHEQU_CENTRAL") == NULL || !g_file_test (g_getenv ("SHEQU_CENTRAL"),
                                                          G_FILE_TEST_IS_EXECUTABLE))
    return g_test_run ();
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/faults/server-down", test_server_down);
  ADD ("/sync/faults/unauthorized", test_unauthorized);
  ADD ("/sync/faults/server-error", test_server_error);
  ADD ("/sync/faults/lost-replies", test_lost_replies);
  ADD ("/sync/faults/malformed", test_malformed);
  ADD ("/sync/faults/server-killed", test_server_killed);
  ADD ("/sync/faults/client-killed", test_client_killed);
#undef ADD

  return g_test_run ();
}
