/* shequ-central-server.c — shequ-central's HTTP(S) server: listening, TLS, request limits */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-server"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/socket.h>

#include "shequ-central-http.h"
#include "shequ-central-public.h"
#include "shequ-central-server.h"

/* Idempotency keys older than SHEQU_CENTRAL_KEY_MAX_AGE go this often (seconds). */
#define EXPIRE_INTERVAL 3600
#define LIMIT_KEY "shequ-central-body-limit"
#define DRAINED_KEY "shequ-central-body-drained"
/* What a refused body may still send before its connection is shut (bytes). */
#define DRAIN_MAX (8 * 1024 * 1024)

struct _ShequCentralServer
{
  ShequCentralStorage *storage;
  SoupServer          *soup;
  ShequCentralApi     *api;
  ShequCentralPublic  *pages;
  char                *url;
  guint                expire_id;
};

GSocketAddress *
shequ_central_parse_listen (const char  *text,
                            GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *host = NULL;
  const char *colon;
  gint64 port = -1;

  g_return_val_if_fail (text != NULL, NULL);

  colon = strrchr (text, ':');
  if (colon != NULL && colon > text)
    {
      host = g_strndup (text, colon - text);
      if (host[0] == '[' && g_str_has_suffix (host, "]"))
        {
          memmove (host, host + 1, strlen (host) - 2);
          host[strlen (host) - 2] = '\0';
        }
      if (g_str_equal (host, "localhost"))
        address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      else
        address = g_inet_address_new_from_string (host);
      if (!shequ_central_parse_count (colon + 1, -1, &port) || colon[1] == '\0')
        port = -1;
    }
  if (address == NULL || port < 0 || port > 65535)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID,
                   _("“%s” is not an address to listen on; give HOST:PORT, such as "
                     "127.0.0.1:8080"), text);
      return NULL;
    }
  return g_inet_socket_address_new (address, (guint16) port);
}

/* --- request limits ------------------------------------------------------------------ */

/* Stops keeping a body over the limit and answers 413 (closing the connection). */
static void
refuse_body (SoupServerMessage *msg,
             gsize              limit)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *message = NULL;

  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  message = g_strdup_printf (_("The request's body is over the limit of %llu bytes"),
                             (unsigned long long) limit);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  shequ_central_http_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, message, "body");
}

static void
on_got_headers (SoupServerMessage *msg,
                gpointer           user_data)
{
  ShequCentralServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  gsize limit = shequ_central_api_body_limit (self->api, soup_server_message_get_method (msg),
                                              path);

  g_object_set_data (G_OBJECT (msg), LIMIT_KEY, GSIZE_TO_POINTER (limit));
  /* Refused before a byte of the body is read (with Expect: 100-continue, before the
   * client sends it). */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) limit)
    refuse_body (msg, limit);
}

/* Ends a connection at once: reading stops (libsoup then drops the connection) and the
 * close is a reset, so that a client still sending learns it now, not when a half-closed
 * socket times out. */
static void
cut_off (GSocket *socket)
{
  struct linger linger = { .l_onoff = 1, .l_linger = 0 };

  if (socket == NULL)
    return;
  if (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger) != 0)
    g_debug ("SO_LINGER: %s", g_strerror (errno));
  g_socket_shutdown (socket, TRUE, FALSE, NULL);
}

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  gsize limit = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), LIMIT_KEY));
  gsize drained = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), DRAINED_KEY));

  if (limit == 0)
    return;
  /* A chunked body (or one that outgrows its length) is counted as it comes. */
  if (soup_server_message_get_status (msg) == 0 && body->length > (goffset) limit)
    {
      refuse_body (msg, limit);
      return;
    }
  if (soup_server_message_get_status (msg) != SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    return;
  /* Refused, the rest is read and dropped so that the client gets its 413; one that
   * keeps sending far beyond is cut off. */
  drained += g_bytes_get_size (chunk);
  g_object_set_data (G_OBJECT (msg), DRAINED_KEY, GSIZE_TO_POINTER (drained));
  if (drained > MAX (limit, DRAIN_MAX))
    cut_off (soup_server_message_get_socket (msg));
}

/* libsoup's own refusals (a path with "..", a bad Host) come without a body: every
 * error reply is JSON. */
static void
on_request_read (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  guint status = soup_server_message_get_status (msg);

  if (status >= 400 && soup_server_message_get_response_body (msg)->length == 0)
    shequ_central_http_reply_error (msg, status, soup_status_get_phrase (status), "path");
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), user_data);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), user_data);
}

/* --- the server ------------------------------------------------------------------------ */

static gboolean
expire_keys (gpointer user_data)
{
  ShequCentralServer *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!shequ_central_storage_expire_keys (self->storage, SHEQU_CENTRAL_KEY_MAX_AGE, &error))
    g_warning ("%s", error->message);
  return G_SOURCE_CONTINUE;
}

static gboolean
setup_tls (ShequCentralServer              *self,
           const ShequCentralServerOptions *options,
           GError                         **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) local_error = NULL;

  if ((options->tls_cert == NULL) != (options->tls_key == NULL))
    {
      g_set_error_literal (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID,
                           _("HTTPS needs both --tls-cert and --tls-key"));
      return FALSE;
    }
  if (options->tls_cert == NULL)
    return TRUE;
  certificate = g_tls_certificate_new_from_files (options->tls_cert, options->tls_key,
                                                  &local_error);
  if (certificate == NULL)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID,
                   _("The TLS certificate “%s” or key “%s” does not read: %s"),
                   options->tls_cert, options->tls_key, local_error->message);
      return FALSE;
    }
  soup_server_set_tls_certificate (self->soup, certificate);
  return TRUE;
}

static gboolean
start_listening (ShequCentralServer              *self,
                 GSocketAddress                  *address,
                 const ShequCentralServerOptions *options,
                 GError                         **error)
{
  GSList *uris;

  if (!soup_server_listen (self->soup, address,
                           options->tls_cert != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return FALSE;
  uris = soup_server_get_uris (self->soup);
  g_assert (uris != NULL);
  self->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

ShequCentralServer *
shequ_central_server_new (ShequCentralStorage             *storage,
                          const ShequCentralServerOptions *options,
                          GError                         **error)
{
  g_autoptr(ShequCentralServer) self = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (storage), NULL);
  g_return_val_if_fail (options != NULL && options->listen != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* What the options say is checked before anything starts. */
  address = shequ_central_parse_listen (options->listen, error);
  if (address == NULL)
    return NULL;
  self = g_new0 (ShequCentralServer, 1);
  self->storage = g_object_ref (storage);
  self->soup = soup_server_new ("server-header", "shequ-central/" PACKAGE_VERSION " ", NULL);
  if (!setup_tls (self, options, error))
    return NULL;
  self->api = shequ_central_api_new (storage);
  if (options->max_body > 0)
    shequ_central_api_set_max_body (self->api, options->max_body);
  self->pages = shequ_central_public_new (storage);
  shequ_central_api_set_public (self->api, self->pages);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (on_request_started), self);
  g_signal_connect (self->soup, "request-read", G_CALLBACK (on_request_read), self);
  shequ_central_api_attach (self->api, self->soup);
  if (self->pages != NULL)
    shequ_central_public_attach (self->pages, self->soup);
  if (!start_listening (self, address, options, error))
    return NULL;
  expire_keys (self);
  self->expire_id = g_timeout_add_seconds (EXPIRE_INTERVAL, expire_keys, self);
  return g_steal_pointer (&self);
}

void
shequ_central_server_free (ShequCentralServer *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->expire_id, g_source_remove);
  if (self->soup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
    }
  g_clear_object (&self->soup);
  g_clear_pointer (&self->pages, shequ_central_public_free);
  g_clear_pointer (&self->api, shequ_central_api_free);
  g_clear_object (&self->storage);
  g_free (self->url);
  g_free (self);
}

const char *
shequ_central_server_get_url (ShequCentralServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

SoupServer *
shequ_central_server_get_soup_server (ShequCentralServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->soup;
}
