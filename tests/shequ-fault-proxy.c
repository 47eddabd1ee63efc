/* shequ-fault-proxy.c — an HTTP/1.1 proxy for the sync tests: forwards to shequ-central, or breaks on purpose */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-fault-proxy"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "shequ-fault-proxy.h"

struct _ShequFaultProxy
{
  GMutex                 lock;
  GCond                  cond;
  GThread               *thread;
  GMainContext          *context;
  GMainLoop             *loop;
  GSocketService        *service;
  guint16                port;
  guint16                upstream_port;
  GPtrArray             *connections;  /* GSocketConnection, both sides, live */
  guint                  handlers;     /* connections being served */
  gboolean               stopping;
  /* the fault */
  ShequFaultKind         kind;
  char                  *match;
  guint                  skip, count;
  guint                  delay_ms;
  guint                  status;
  ShequFaultHook         hook;
  gpointer               hook_data;
  guint                  requests, faults;
  char                  *last_request;
  gsize                  last_body;
};

/* One HTTP message as it came: its head and body bytes, and what of it matters here. */
typedef struct {
  GString *raw;
  gsize    head_length;
  char    *method;        /* requests */
  char    *target;
  guint    status;        /* replies */
  gboolean close;
} Message;

static void
message_clear (Message *message)
{
  if (message->raw != NULL)
    g_string_free (message->raw, TRUE);
  g_free (message->method);
  g_free (message->target);
  memset (message, 0, sizeof *message);
}

static gboolean
read_exactly (GInputStream *in,
              GString      *raw,
              gsize         n)
{
  gsize old = raw->len;
  gsize got = 0;

  g_string_set_size (raw, old + n);
  if (!g_input_stream_read_all (in, raw->str + old, n, &got, NULL, NULL) || got != n)
    {
      g_string_truncate (raw, old + got);
      return FALSE;
    }
  return TRUE;
}

static char *
read_line (GDataInputStream *in,
           GString          *raw)
{
  gsize length = 0;
  char *line = g_data_input_stream_read_line (in, &length, NULL, NULL);

  if (line != NULL)
    {
      g_string_append_len (raw, line, length);
      g_string_append (raw, "\r\n");
    }
  return line;
}

/* A chunked body, copied raw: size lines, data, the last chunk and its trailers. */
static gboolean
read_chunked (GDataInputStream *in,
              GString          *raw)
{
  for (;;)
    {
      g_autofree char *line = read_line (in, raw);
      guint64 size;

      if (line == NULL)
        return FALSE;
      size = g_ascii_strtoull (line, NULL, 16);
      if (size == 0)
        break;
      if (!read_exactly (G_INPUT_STREAM (in), raw, size + 2))
        return FALSE;
    }
  for (;;)
    {
      g_autofree char *trailer = read_line (in, raw);

      if (trailer == NULL)
        return FALSE;
      if (*trailer == '\0')
        return TRUE;
    }
}

/* Reads one message; a reply to HEAD (HEAD_REPLY) has no body whatever it says. */
static gboolean
read_message (GDataInputStream *in,
              gboolean          request,
              gboolean          head_reply,
              Message          *message)
{
  g_autofree char *first = NULL;
  gint64 length = -1;
  gboolean chunked = FALSE;

  message->raw = g_string_new (NULL);
  if ((first = read_line (in, message->raw)) == NULL || *first == '\0')
    return FALSE;
  if (request)
    {
      g_auto(GStrv) parts = g_strsplit (first, " ", 3);

      if (g_strv_length (parts) < 2)
        return FALSE;
      message->method = g_strdup (parts[0]);
      message->target = g_strdup (parts[1]);
    }
  else if (strlen (first) < 12 || (message->status = atoi (first + 9)) < 100)
    return FALSE;
  for (;;)
    {
      g_autofree char *line = read_line (in, message->raw);

      if (line == NULL)
        return FALSE;
      if (*line == '\0')
        break;
      message->head_length = message->raw->len;
      if (g_ascii_strncasecmp (line, "Content-Length:", 15) == 0)
        length = g_ascii_strtoll (line + 15, NULL, 10);
      else if (g_ascii_strncasecmp (line, "Transfer-Encoding:", 18) == 0)
        chunked = strstr (line, "chunked") != NULL;
      else if (g_ascii_strncasecmp (line, "Connection:", 11) == 0)
        message->close = strstr (line, "close") != NULL;
    }
  if (head_reply || message->status == 204 || message->status == 304
      || (message->status >= 100 && message->status < 200))
    return TRUE;
  if (chunked)
    return read_chunked (in, message->raw);
  if (length >= 0)
    return read_exactly (G_INPUT_STREAM (in), message->raw, length);
  if (request)
    return TRUE;
  /* A reply without a length lasts until the connection closes. */
  message->close = TRUE;
  for (;;)
    {
      char buffer[8192];
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return n == 0;
      g_string_append_len (message->raw, buffer, n);
    }
}

static gboolean
write_all (GOutputStream *out,
           const char    *data,
           gsize          length)
{
  return g_output_stream_write_all (out, data, length, NULL, NULL, NULL)
         && g_output_stream_flush (out, NULL, NULL);
}

static void
write_canned (GOutputStream *out,
              guint          status,
              const char    *body)
{
  g_autofree char *reply = g_strdup_printf ("HTTP/1.1 %u Injected\r\n"
                                            "Content-Type: application/json\r\n"
                                            "Content-Length: %zu\r\n"
                                            "Connection: close\r\n\r\n%s",
                                            status, strlen (body), body);

  write_all (out, reply, strlen (reply));
}

/* The fault for this request, counting it. */
static ShequFaultKind
take_fault (ShequFaultProxy  *proxy,
            const Message    *request,
            ShequFaultHook   *hook,
            gpointer         *hook_data)
{
  g_autofree char *what = g_strdup_printf ("%s %s", request->method, request->target);
  ShequFaultKind kind = SHEQU_FAULT_NONE;

  g_mutex_lock (&proxy->lock);
  proxy->requests++;
  g_free (proxy->last_request);
  proxy->last_request = g_strdup (what);
  proxy->last_body = request->raw->len - request->head_length - 2;
  *hook = NULL;
  if (proxy->kind != SHEQU_FAULT_NONE
      && (proxy->match == NULL || g_str_has_prefix (what, proxy->match)))
    {
      if (proxy->skip > 0)
        proxy->skip--;
      else
        {
          kind = proxy->kind;
          *hook = proxy->hook;
          *hook_data = proxy->hook_data;
          proxy->faults++;
          if (proxy->count > 0 && --proxy->count == 0)
            proxy->kind = SHEQU_FAULT_NONE;
        }
    }
  g_mutex_unlock (&proxy->lock);
  return kind;
}

static void
track (ShequFaultProxy   *proxy,
       GSocketConnection *connection,
       gboolean           add)
{
  g_mutex_lock (&proxy->lock);
  if (add)
    g_ptr_array_add (proxy->connections, g_object_ref (connection));
  else
    g_ptr_array_remove (proxy->connections, connection);
  g_mutex_unlock (&proxy->lock);
}

static GSocketConnection *
connect_upstream (ShequFaultProxy *proxy)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GSocketConnection *connection;
  guint16 port;

  g_mutex_lock (&proxy->lock);
  port = proxy->upstream_port;
  g_mutex_unlock (&proxy->lock);
  g_socket_client_set_timeout (client, 30);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  if (connection != NULL)
    track (proxy, connection, TRUE);
  return connection;
}

/* Waits DELAY_MS, or until the proxy is freed. */
static void
hold (ShequFaultProxy *proxy,
      guint            delay_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) delay_ms * 1000;

  g_mutex_lock (&proxy->lock);
  while (!proxy->stopping && g_get_monotonic_time () < end)
    g_cond_wait_until (&proxy->cond, &proxy->lock, end);
  g_mutex_unlock (&proxy->lock);
}

/* One request through: FALSE when the connection is to close. */
static gboolean
serve_request (ShequFaultProxy    *proxy,
               GDataInputStream   *in,
               GOutputStream      *out,
               GSocketConnection **upstream,
               GDataInputStream  **upstream_in)
{
  Message request = { 0 }, reply = { 0 };
  ShequFaultHook hook = NULL;
  gpointer hook_data = NULL;
  ShequFaultKind kind;
  gboolean keep = FALSE;
  guint delay_ms, status;

  if (!read_message (in, TRUE, FALSE, &request))
    goto out;
  kind = take_fault (proxy, &request, &hook, &hook_data);
  g_mutex_lock (&proxy->lock);
  delay_ms = proxy->delay_ms;
  status = proxy->status;
  g_mutex_unlock (&proxy->lock);
  if (kind == SHEQU_FAULT_REFUSE)
    goto out;
  if (kind == SHEQU_FAULT_STATUS)
    {
      write_canned (out, status, "{\"error\": \"injected by the test's proxy\"}");
      goto out;
    }
  if (kind == SHEQU_FAULT_MALFORMED)
    {
      write_canned (out, 200, "{\"results\": [{\"uuid\": tru, \"changes\": [<html>");
      goto out;
    }
  if (*upstream == NULL)
    {
      if ((*upstream = connect_upstream (proxy)) == NULL)
        goto out;
      *upstream_in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (*upstream)));
      g_data_input_stream_set_newline_type (*upstream_in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
    }
  if (!write_all (g_io_stream_get_output_stream (G_IO_STREAM (*upstream)),
                  request.raw->str, request.raw->len))
    goto out;
  if (hook != NULL)
    hook (hook_data);
  if (!read_message (*upstream_in, FALSE, g_str_equal (request.method, "HEAD"), &reply))
    goto out;
  if (kind == SHEQU_FAULT_DELAY)
    hold (proxy, delay_ms);
  if (kind == SHEQU_FAULT_DROP)
    goto out;
  if (kind == SHEQU_FAULT_CUT)
    {
      const char *body = strstr (reply.raw->str, "\r\n\r\n");
      gsize head = body != NULL ? (gsize) (body - reply.raw->str) + 4 : reply.raw->len;

      write_all (out, reply.raw->str, head + (reply.raw->len - head) / 2);
      goto out;
    }
  keep = write_all (out, reply.raw->str, reply.raw->len) && !request.close && !reply.close;
out:
  message_clear (&request);
  message_clear (&reply);
  return keep;
}

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                user_data)
{
  ShequFaultProxy *proxy = user_data;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GDataInputStream) upstream_in = NULL;
  GSocketConnection *upstream = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_mutex_lock (&proxy->lock);
  if (proxy->stopping)
    {
      g_mutex_unlock (&proxy->lock);
      return TRUE;
    }
  proxy->handlers++;
  g_mutex_unlock (&proxy->lock);
  track (proxy, connection, TRUE);
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 60);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);

  while (serve_request (proxy, in, out, &upstream, &upstream_in))
    ;
  g_socket_shutdown (g_socket_connection_get_socket (connection), TRUE, TRUE, NULL);
  track (proxy, connection, FALSE);
  if (upstream != NULL)
    {
      g_socket_shutdown (g_socket_connection_get_socket (upstream), TRUE, TRUE, NULL);
      track (proxy, upstream, FALSE);
      g_object_unref (upstream);
    }
  g_mutex_lock (&proxy->lock);
  proxy->handlers--;
  g_cond_broadcast (&proxy->cond);
  g_mutex_unlock (&proxy->lock);
  return TRUE;
}

static gpointer
proxy_thread (gpointer data)
{
  ShequFaultProxy *proxy = data;

  g_main_context_push_thread_default (proxy->context);
  g_main_loop_run (proxy->loop);
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

static gboolean
start_in_context (gpointer data)
{
  ShequFaultProxy *proxy = data;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  proxy->service = g_threaded_socket_service_new (16);
  g_signal_connect (proxy->service, "run", G_CALLBACK (on_run), proxy);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (proxy->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &bound, &error))
    g_error ("The fault proxy cannot listen: %s", error->message);
  g_socket_service_start (proxy->service);
  g_mutex_lock (&proxy->lock);
  proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_cond_broadcast (&proxy->cond);
  g_mutex_unlock (&proxy->lock);
  return G_SOURCE_REMOVE;
}

ShequFaultProxy *
shequ_fault_proxy_new (guint16 upstream_port)
{
  ShequFaultProxy *proxy = g_new0 (ShequFaultProxy, 1);

  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->cond);
  proxy->upstream_port = upstream_port;
  proxy->connections = g_ptr_array_new_with_free_func (g_object_unref);
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  proxy->thread = g_thread_new ("fault-proxy", proxy_thread, proxy);
  g_main_context_invoke (proxy->context, start_in_context, proxy);
  g_mutex_lock (&proxy->lock);
  while (proxy->port == 0)
    g_cond_wait (&proxy->cond, &proxy->lock);
  g_mutex_unlock (&proxy->lock);
  return proxy;
}

static gboolean
stop_in_context (gpointer data)
{
  ShequFaultProxy *proxy = data;

  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  g_main_loop_quit (proxy->loop);
  return G_SOURCE_REMOVE;
}

void
shequ_fault_proxy_free (ShequFaultProxy *proxy)
{
  if (proxy == NULL)
    return;
  g_main_context_invoke (proxy->context, stop_in_context, proxy);
  g_thread_join (proxy->thread);
  /* Blocked reads end when their sockets shut; then every handler is gone. */
  g_mutex_lock (&proxy->lock);
  proxy->stopping = TRUE;
  g_cond_broadcast (&proxy->cond);
  for (guint i = 0; i < proxy->connections->len; i++)
    g_socket_shutdown (g_socket_connection_get_socket (g_ptr_array_index (proxy->connections, i)),
                       TRUE, TRUE, NULL);
  while (proxy->handlers > 0)
    g_cond_wait (&proxy->cond, &proxy->lock);
  g_mutex_unlock (&proxy->lock);
  g_object_unref (proxy->service);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_ptr_array_unref (proxy->connections);
  g_free (proxy->match);
  g_free (proxy->last_request);
  g_mutex_clear (&proxy->lock);
  g_cond_clear (&proxy->cond);
  g_free (proxy);
}

char *
shequ_fault_proxy_get_url (ShequFaultProxy *proxy)
{
  return g_strdup_printf ("http://127.0.0.1:%u", proxy->port);
}

void
shequ_fault_proxy_set_upstream (ShequFaultProxy *proxy,
                                guint16          upstream_port)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&proxy->lock);

  proxy->upstream_port = upstream_port;
}

void
shequ_fault_proxy_set_fault (ShequFaultProxy *proxy,
                             ShequFaultKind   kind,
                             const char      *match,
                             guint            skip,
                             guint            count)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&proxy->lock);

  proxy->kind = kind;
  g_free (proxy->match);
  proxy->match = g_strdup (match);
  proxy->skip = skip;
  proxy->count = count;
}

void
shequ_fault_proxy_set_delay (ShequFaultProxy *proxy,
                             guint            delay_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&proxy->lock);

  proxy->delay_ms = delay_ms;
}

void
shequ_fault_proxy_set_status (ShequFaultProxy *proxy,
                              guint            status)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&proxy->lock);

  proxy->status = status;
}

void
shequ_fault_proxy_set_hook (ShequFaultProxy *proxy,
                            ShequFaultHook   hook,
                            gpointer         data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&proxy->lock);

  proxy->hook = hook;
  proxy->hook_data = data;
}

guint
shequ_fault_proxy_get_requests (ShequFaultProxy *proxy)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&proxy->lock);

  return proxy->requests;
}

guint
shequ_fault_proxy_get_faults (ShequFaultProxy *proxy)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&proxy->lock);

  return proxy->faults;
}

char *
shequ_fault_proxy_get_last_request (ShequFaultProxy *proxy,
                                    gsize           *body_length)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&proxy->lock);

  if (body_length != NULL)
    *body_length = proxy->last_body;
  return g_strdup (proxy->last_request);
}
