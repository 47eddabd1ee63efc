/* shequ-central-api.c — the offices' JSON API: authentication, routing, replies */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-api"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-central-api-private.h"
#include "shequ-central-http.h"
#include "shequ-central-tokens.h"
#include "shequ-text.h"

#define API_PREFIX "/api/v1"
/* Deeper JSON than this is refused before json-glib reads it. */
#define JSON_MAX_DEPTH 64

void
shequ_central_response_init (ShequCentralResponse *response)
{
  g_return_if_fail (response != NULL);

  memset (response, 0, sizeof *response);
  response->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
}

void
shequ_central_response_clear (ShequCentralResponse *response)
{
  g_return_if_fail (response != NULL);

  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  response->content_type = NULL;
  response->status = 0;
}

ShequCentralApi *
shequ_central_api_new (ShequCentralStorage *storage)
{
  ShequCentralApi *self;

  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (storage), NULL);

  self = g_new0 (ShequCentralApi, 1);
  self->storage = g_object_ref (storage);
  self->max_body = SHEQU_CENTRAL_MAX_BODY_DEFAULT;
  return self;
}

void
shequ_central_api_free (ShequCentralApi *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->storage);
  g_free (self);
}

void
shequ_central_api_set_public (ShequCentralApi    *self,
                              ShequCentralPublic *pages)
{
  g_return_if_fail (self != NULL);

  self->pages = pages;
}

void
shequ_central_api_set_max_body (ShequCentralApi *self,
                                gsize            max_body)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_body > 0);

  self->max_body = max_body;
}

gsize
shequ_central_api_body_limit (ShequCentralApi *self,
                              const char      *method,
                              const char      *path)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (method != NULL && path != NULL, 0);

  if (g_str_has_prefix (path, API_PREFIX "/attachments/"))
    return SHEQU_ATTACHMENT_SIZE_MAX;
  if (g_str_equal (path, API_PREFIX "/units"))
    return MAX (self->max_body, SHEQU_CENTRAL_UNITS_BODY_MAX);
  return self->max_body;
}

/* --- replies ------------------------------------------------------------------------- */

void
central_reply_json (ShequCentralCall *call,
                    guint             status,
                    char             *body)
{
  ShequCentralResponse *response = call->response;

  g_clear_pointer (&response->body, g_bytes_unref);
  response->status = status;
  response->content_type = "application/json";
  response->body = g_bytes_new_take (body, strlen (body));
}

void
central_reply_error (ShequCentralCall *call,
                     guint             status,
                     const char       *message,
                     const char       *where)
{
  central_reply_json (call, status, shequ_central_http_error_json (message, where));
}

void
central_reply_gerror (ShequCentralCall *call,
                      const GError     *error,
                      const char       *where)
{
  guint status = 500;

  if (error->domain == SHEQU_CENTRAL_ERROR)
    switch ((ShequCentralError) error->code)
      {
      case SHEQU_CENTRAL_ERROR_NOT_FOUND:
        status = 404;
        break;
      case SHEQU_CENTRAL_ERROR_PRECONDITION:
        status = 412;
        break;
      case SHEQU_CENTRAL_ERROR_INVALID:
        status = 400;
        break;
      case SHEQU_CENTRAL_ERROR_FORBIDDEN:
        status = 403;
        break;
      case SHEQU_CENTRAL_ERROR_STORAGE:
      default:
        break;
      }
  if (status == 500)
    g_warning ("%s %s: %s", call->request->method, call->request->path, error->message);
  central_reply_error (call, status, error->message, where);
}

void
central_reply_method_not_allowed (ShequCentralCall *call,
                                  const char       *allow)
{
  g_autofree char *message = g_strdup_printf (_("%s is not allowed here; use %s"),
                                              call->request->method, allow);

  soup_message_headers_replace (call->response->headers, "Allow", allow);
  central_reply_error (call, 405, message, "method");
}

JsonNode *
central_parse_body (ShequCentralCall *call)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *data = NULL;
  gsize size = 0;
  guint line = 0;

  if (call->request->body != NULL)
    data = g_bytes_get_data (call->request->body, &size);
  if (size == 0)
    {
      central_reply_error (call, 400, _("The request has no body; a JSON object was expected"),
                           "body");
      return NULL;
    }
  if (!g_utf8_validate_len (data, size, NULL))
    {
      central_reply_error (call, 400, _("The body is not UTF-8"), "body");
      return NULL;
    }
  if (!shequ_text_check_json_depth (data, size, JSON_MAX_DEPTH, &line))
    {
      message = g_strdup_printf (_("The JSON nests deeper than %d levels at line %u"),
                                 JSON_MAX_DEPTH, line);
      central_reply_error (call, 400, message, "body");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) size, &error))
    {
      message = g_strdup_printf (_("The body is not JSON: %s"), error->message);
      central_reply_error (call, 400, message, "body");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      central_reply_error (call, 400, _("The body is not a JSON object"), "body");
      return NULL;
    }
  return json_parser_steal_root (parser);
}

void
central_changed (ShequCentralCall *call)
{
  if (call->api->pages != NULL)
    shequ_central_public_invalidate (call->api->pages);
}

/* --- authentication and routing ------------------------------------------------------ */

static void
reply_unauthorized (ShequCentralCall *call,
                    const char       *message,
                    gboolean          invalid_token)
{
  soup_message_headers_replace (call->response->headers, "WWW-Authenticate",
                                invalid_token
                                ? "Bearer realm=\"shequ-central\", error=\"invalid_token\""
                                : "Bearer realm=\"shequ-central\"");
  central_reply_error (call, 401, message, "Authorization");
}

/* The office of the request's bearer token; NULL when it has none that holds (the
 * reply is then set). */
static char *
authenticate (ShequCentralCall *call)
{
  const char *header = soup_message_headers_get_one (call->request->headers, "Authorization");
  g_autoptr(GError) error = NULL;
  char *office = NULL;

  if (header == NULL || *header == '\0')
    {
      reply_unauthorized (call, _("The request has no token (Authorization: Bearer TOKEN)"),
                          FALSE);
      return NULL;
    }
  if (g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    {
      reply_unauthorized (call, _("The Authorization header is not “Bearer TOKEN”"), FALSE);
      return NULL;
    }
  header += 7;
  while (*header == ' ')
    header++;
  if (!shequ_central_tokens_check (call->api->storage, header, &office, &error))
    {
      central_reply_gerror (call, error, "Authorization");
      return NULL;
    }
  if (office == NULL)
    reply_unauthorized (call, _("The token is unknown or revoked"), TRUE);
  return office;
}

static void
route (ShequCentralCall *call)
{
  char **segments = call->segments;
  guint n = g_strv_length (segments);

  if (n == 2 && g_str_equal (segments[0], "disclosures"))
    central_api_disclosure (call);
  else if (n == 1 && g_str_equal (segments[0], "disclosures:batch"))
    central_api_batch (call);
  else if (n == 1 && g_str_equal (segments[0], "changes"))
    central_api_changes (call);
  else if (n == 1 && g_str_equal (segments[0], "units"))
    central_api_units (call);
  else if (n == 2 && g_str_equal (segments[0], "attachments"))
    central_api_attachment (call);
  else
    central_reply_error (call, 404, _("There is no such API call"), "path");
}

void
shequ_central_api_handle (ShequCentralApi           *self,
                          const ShequCentralRequest *request,
                          ShequCentralResponse      *response)
{
  g_auto(GStrv) segments = NULL;
  g_autofree char *office = NULL;
  ShequCentralCall call = { self, request, response, NULL, NULL };

  g_return_if_fail (self != NULL);
  g_return_if_fail (request != NULL && request->method != NULL && request->path != NULL);
  g_return_if_fail (request->headers != NULL);
  g_return_if_fail (response != NULL && response->headers != NULL);

  /* Junk in the path is refused before anything reads it. */
  segments = shequ_central_http_split_path (request->path, API_PREFIX, 4);
  if (segments == NULL)
    {
      central_reply_error (&call, 400, _("The path is not a valid API path"), "path");
      return;
    }
  office = authenticate (&call);
  if (office == NULL)
    return;
  call.office = office;
  call.segments = segments;
  route (&call);
}

/* --- on a SoupServer ------------------------------------------------------------------ */

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static void
api_server_callback (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  ShequCentralApi *self = user_data;
  g_auto(ShequCentralResponse) response = { 0 };
  g_autoptr(GBytes) body = NULL;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  ShequCentralRequest request = {
    .method = soup_server_message_get_method (msg),
    .path = path,
    .query = g_uri_get_query (soup_server_message_get_uri (msg)),
    .headers = soup_server_message_get_request_headers (msg),
  };

  body = soup_message_body_flatten (request_body);
  request.body = body;
  shequ_central_response_init (&response);
  shequ_central_api_handle (self, &request, &response);
  /* An office's data: never cached on the way, never sniffed into HTML. */
  soup_message_headers_replace (response.headers, "Cache-Control", "no-store");
  soup_message_headers_replace (response.headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_foreach (response.headers, copy_header,
                                soup_server_message_get_response_headers (msg));
  soup_server_message_set_status (msg, response.status, NULL);
  if (response.body != NULL && !g_str_equal (request.method, "HEAD"))
    {
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (response.body, &size);

      soup_server_message_set_response (msg, response.content_type, SOUP_MEMORY_COPY,
                                        data, size);
    }
}

void
shequ_central_api_attach (ShequCentralApi *self,
                          SoupServer      *server)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (SOUP_IS_SERVER (server));

  soup_server_add_handler (server, API_PREFIX, api_server_callback, self, NULL);
}
