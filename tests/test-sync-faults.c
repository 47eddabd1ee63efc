/* test-sync-faults.c — the sync client against broken servers: down, 401, 500, slow, cut, malformed */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-faults"

#include "config.h"

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
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (get_changes (http, &reply, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, url));
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
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GError) error = NULL;

  shequ_fault_proxy_set_fault (proxy, SHEQU_FAULT_REFUSE, NULL, 0, 0);
  g_assert_false (get_changes (http, &reply, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, url));
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
  g_assert_false (get_changes (http, &reply, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "1 seconds"));
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
  g_assert_false (get_changes (http, &reply, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, chain.url));
  g_clear_error (&error);
  /* The server dropped the connection after it had the request. */
  shequ_fault_proxy_set_fault (chain.front, SHEQU_FAULT_DROP, NULL, 0, 1);
  g_assert_false (get_changes (http, &reply, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE);
  g_clear_error (&error);
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

  return g_test_run ();
}
