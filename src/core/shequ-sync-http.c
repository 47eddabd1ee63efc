/* shequ-sync-http.c — one libcurl easy handle per sync: timeouts, TLS, size cap, cancelling */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "shequ-sync-private.h"

static gsize curl_ready = 0;

struct _ShequSyncHttp
{
  CURL          *curl;
  char          *server;        /* without the trailing slash */
  char          *auth;          /* "Authorization: Bearer …" */
  char          *ca_file;
  guint          timeout;
  GCancellable  *cancellable;
  GByteArray    *body;          /* the reply being read */
  gboolean       too_big;
  gboolean       stalled;       /* no byte moved either way for TIMEOUT seconds */
  curl_off_t     last_down, last_up;
  gint64         last_move;     /* monotonic µs */
  guint          requests;
  char           error_buffer[CURL_ERROR_SIZE];
};

void
_shequ_sync_reply_clear (ShequSyncReply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->url, g_free);
  reply->status = 0;
}

static gboolean
check_server (const char  *server,
              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (server == NULL || *server == '\0')
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("No central server is set"));
      return FALSE;
    }
  uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("“%s” is not a central server address (https://… or http://…)"), server);
      return FALSE;
    }
  return TRUE;
}

/* A token goes into a header: printable ASCII without spaces, or it could smuggle one. */
static gboolean
check_token (const char  *token,
             GError     **error)
{
  if (token == NULL || *token == '\0')
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("No token is set for the central server"));
      return FALSE;
    }
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p))
      {
        g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                     _("The token holds a space or a character that is not plain ASCII"));
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_ca_file (const char  *ca_file,
               GError     **error)
{
  if (ca_file == NULL || *ca_file == '\0')
    return TRUE;
  if (g_access (ca_file, R_OK) != 0 || g_file_test (ca_file, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("The CA file “%s” cannot be read"), ca_file);
      return FALSE;
    }
  return TRUE;
}

static size_t
on_write (char   *data,
          size_t  size,
          size_t  n,
          void   *user_data)
{
  ShequSyncHttp *http = user_data;

  if (http->body->len + size * n > SHEQU_SYNC_REPLY_MAX)
    {
      http->too_big = TRUE;
      return 0;
    }
  g_byte_array_append (http->body, (const guint8 *) data, size * n);
  return size * n;
}

static int
on_progress (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  ShequSyncHttp *http = user_data;
  gint64 now = g_get_monotonic_time ();

  if (g_cancellable_is_cancelled (http->cancellable))
    return 1;
  /* libcurl calls this at least once a second, bytes moving or not. Its own low-speed
   * check averages over seconds, so a quick upload hides a server that never answers. */
  if (dlnow != http->last_down || ulnow != http->last_up)
    {
      http->last_down = dlnow;
      http->last_up = ulnow;
      http->last_move = now;
    }
  else if (now - http->last_move >= (gint64) http->timeout * G_USEC_PER_SEC)
    {
      http->stalled = TRUE;
      return 1;
    }
  return 0;
}

static void
set_common_options (ShequSyncHttp          *http,
                    const ShequSyncOptions *options)
{
  CURL *curl = http->curl;

  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (http->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, http->ca_file);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT,
                    (long) (options->connect_timeout > 0 ? options->connect_timeout : 10));
  /* A request that stalls (no byte moving either way) for the timeout is given up (in
   * on_progress); one that moves, on a slow line, gets ten times as long in all. */
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) http->timeout * 10);
  curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) SHEQU_SYNC_REPLY_MAX);
  curl_easy_setopt (curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, http);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, http);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, http->error_buffer);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "Shequ/" PACKAGE_VERSION);
  /* libcurl's own account of every request on stderr (debugging a server). */
  if (g_getenv ("SHEQU_SYNC_CURL_VERBOSE") != NULL)
    curl_easy_setopt (curl, CURLOPT_VERBOSE, 1L);
}

ShequSyncHttp *
_shequ_sync_http_new (const ShequSyncOptions  *options,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  ShequSyncHttp *http;
  gsize len;

  if (!check_server (options->server, error) || !check_token (options->token, error)
      || !check_ca_file (options->ca_file, error))
    return NULL;

  /* curl_easy_init would do it too, but not safely when two threads get there first. */
  if (g_once_init_enter (&curl_ready))
    {
      CURLcode code = curl_global_init (CURL_GLOBAL_DEFAULT);

      if (code != CURLE_OK)
        g_error ("curl_global_init failed: %s", curl_easy_strerror (code));
      g_once_init_leave (&curl_ready, 1);
    }
  http = g_new0 (ShequSyncHttp, 1);
  http->curl = curl_easy_init ();
  if (http->curl == NULL)
    g_error ("curl_easy_init failed: out of memory");
  http->server = g_strdup (options->server);
  len = strlen (http->server);
  while (len > 0 && http->server[len - 1] == '/')
    http->server[--len] = '\0';
  http->auth = g_strdup_printf ("Authorization: Bearer %s", options->token);
  http->ca_file = options->ca_file != NULL && *options->ca_file != '\0'
                  ? g_strdup (options->ca_file) : NULL;
  http->timeout = options->timeout > 0 ? options->timeout : 30;
  http->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  http->body = g_byte_array_new ();
  set_common_options (http, options);
  return http;
}

void
_shequ_sync_http_free (ShequSyncHttp *http)
{
  if (http == NULL)
    return;
  curl_easy_cleanup (http->curl);
  g_free (http->server);
  g_free (http->auth);
  g_free (http->ca_file);
  g_clear_object (&http->cancellable);
  g_byte_array_unref (http->body);
  g_free (http);
}

const char *
_shequ_sync_http_get_server (ShequSyncHttp *http)
{
  return http->server;
}

guint
_shequ_sync_http_get_requests (ShequSyncHttp *http)
{
  return http->requests;
}

/* What went wrong when no reply came, as the user is told it. */
static void
set_transfer_error (ShequSyncHttp  *http,
                    CURLcode        code,
                    const char     *url,
                    GError        **error)
{
  const char *detail = http->error_buffer[0] != '\0' ? http->error_buffer
                                                      : curl_easy_strerror (code);

  switch ((int) code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync was cancelled"));
      break;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE,
                   _("%s did not answer in time (%u seconds): %s"), url, http->timeout, detail);
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE,
                   _("Cannot reach the central server at %s: %s"), url, detail);
      break;
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE,
                   _("The connection to %s broke before the reply was whole: %s"), url, detail);
      break;
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL,
                   _("The reply from %s is larger than %d MiB"), url,
                   SHEQU_SYNC_REPLY_MAX / (1024 * 1024));
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_TLS,
                   _("The certificate of %s does not verify: %s"), url, detail);
      break;
    default:
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE,
                   _("The request to %s failed: %s"), url, detail);
      break;
    }
}

static struct curl_slist *
make_headers (ShequSyncHttp      *http,
              const char         *content_type,
              const char *const  *headers)
{
  struct curl_slist *list = NULL;

  list = curl_slist_append (list, http->auth);
  list = curl_slist_append (list, "Accept: application/json");
  /* No "100 Continue" round trip before a large body. */
  list = curl_slist_append (list, "Expect:");
  if (content_type != NULL)
    {
      g_autofree char *line = g_strdup_printf ("Content-Type: %s", content_type);

      list = curl_slist_append (list, line);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    list = curl_slist_append (list, headers[i]);
  return list;
}

static void
set_method (CURL       *curl,
            const char *method,
            GBytes     *body)
{
  gboolean head = g_str_equal (method, "HEAD");

  /* HTTPGET first: it also turns NOBODY off. */
  curl_easy_setopt (curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt (curl, CURLOPT_NOBODY, head ? 1L : 0L);
  if (body != NULL)
    {
      gsize size = 0;
      const void *data = g_bytes_get_data (body, &size);

      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) size);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, size > 0 ? data : "");
    }
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST,
                    head || g_str_equal (method, "GET") || g_str_equal (method, "POST")
                    ? NULL : method);
}

gboolean
_shequ_sync_http_request (ShequSyncHttp       *http,
                          const char          *method,
                          const char          *path,
                          const char          *content_type,
                          GBytes              *body,
                          const char *const   *headers,
                          ShequSyncReply      *reply,
                          GError             **error)
{
  struct curl_slist *list;
  CURLcode code;
  long status = 0;

  g_assert (path[0] == '/');
  _shequ_sync_reply_clear (reply);
  if (g_cancellable_set_error_if_cancelled (http->cancellable, error))
    return FALSE;

  reply->url = g_strconcat (http->server, path, NULL);
  g_byte_array_set_size (http->body, 0);
  http->too_big = FALSE;
  http->stalled = FALSE;
  http->last_down = http->last_up = -1;
  http->last_move = g_get_monotonic_time ();
  http->error_buffer[0] = '\0';
  list = make_headers (http, content_type, headers);
  curl_easy_setopt (http->curl, CURLOPT_URL, reply->url);
  curl_easy_setopt (http->curl, CURLOPT_HTTPHEADER, list);
  set_method (http->curl, method, body);
  http->requests++;
  code = curl_easy_perform (http->curl);
  curl_easy_setopt (http->curl, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all (list);

  if (code == CURLE_ABORTED_BY_CALLBACK
      && g_cancellable_set_error_if_cancelled (http->cancellable, error))
    return FALSE;
  if (code == CURLE_ABORTED_BY_CALLBACK && http->stalled)
    {
      code = CURLE_OPERATION_TIMEDOUT;
      http->error_buffer[0] = '\0';
    }
  if (code != CURLE_OK)
    {
      set_transfer_error (http, http->too_big ? CURLE_WRITE_ERROR : code, reply->url, error);
      return FALSE;
    }
  curl_easy_getinfo (http->curl, CURLINFO_RESPONSE_CODE, &status);
  reply->status = status;
  reply->body = g_bytes_new (http->body->data, http->body->len);
  g_debug ("%s %s: %ld, %u bytes", method, reply->url, status, http->body->len);
  return TRUE;
}

char *
_shequ_sync_reply_error_message (JsonNode *node)
{
  JsonObject *object;
  const char *message, *where;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  message = json_object_has_member (object, "error")
            && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "error"))
            && json_node_get_value_type (json_object_get_member (object, "error")) == G_TYPE_STRING
            ? json_object_get_string_member (object, "error") : NULL;
  where = json_object_has_member (object, "where")
          && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "where"))
          && json_node_get_value_type (json_object_get_member (object, "where")) == G_TYPE_STRING
          ? json_object_get_string_member (object, "where") : NULL;
  if (message == NULL || !g_utf8_validate (message, -1, NULL))
    return NULL;
  if (where != NULL && *where != '\0' && g_utf8_validate (where, -1, NULL))
    return g_strdup_printf ("%s (%s)", message, where);
  return g_strdup (message);
}

char *
_shequ_sync_reply_get_message (const ShequSyncReply *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = reply->body != NULL ? g_bytes_get_data (reply->body, &size) : NULL;

  if (data != NULL && size > 0 && size < 65536
      && json_parser_load_from_data (parser, data, size, NULL))
    return _shequ_sync_reply_error_message (json_parser_get_root (parser));
  return NULL;
}

void
_shequ_sync_reply_set_error (const ShequSyncReply  *reply,
                             GError               **error)
{
  g_autofree char *said = _shequ_sync_reply_get_message (reply);
  g_autofree char *suffix = NULL;

  /* TRANSLATORS: what the server said, after a message ending in a status */
  suffix = said != NULL ? g_strdup_printf (_(": %s"), said) : g_strdup ("");

  if (reply->status == 401)
    g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_AUTH,
                 _("The central server at %s does not know the token (status 401): "
                   "ask for a new token%s"), reply->url, suffix);
  else if (reply->status == 403)
    g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_FORBIDDEN,
                 _("The central server at %s refused the office's data (status 403): "
                   "is the token for another office?%s"), reply->url, suffix);
  else if (reply->status >= 500)
    g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SERVER,
                 _("The central server at %s failed (status %ld)%s"),
                 reply->url, reply->status, suffix);
  else
    g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL,
                 _("Unexpected reply from %s (status %ld)%s"), reply->url, reply->status, suffix);
}
