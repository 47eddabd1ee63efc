/* fuzz-central-request.c — libFuzzer target: shequ-central's /api/v1 handler, without a socket */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-central-request"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "central-fixture.h"
#include "shequ-central-api.h"
#include "shequ-central-tokens.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input is a request as on the wire, with LF or CRLF:
 *
 *   METHOD PATH[?QUERY]
 *   Name: value          (any number of headers)
 *                        (a blank line)
 *   BODY
 *
 * A fresh in-memory storage for each input: both offices' units, the finance
 * disclosure's attachment, a token of CENTRAL_OFFICE that the request carries unless it
 * has its own Authorization header. */

typedef struct {
  char               *method;
  char               *path;
  char               *query;
  SoupMessageHeaders *headers;
  GBytes             *body;
} Input;

static void
input_clear (Input *input)
{
  g_clear_pointer (&input->method, g_free);
  g_clear_pointer (&input->path, g_free);
  g_clear_pointer (&input->query, g_free);
  g_clear_pointer (&input->headers, soup_message_headers_unref);
  g_clear_pointer (&input->body, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Input, input_clear)

/* The next line of DATA from *POS (without its end), or NULL at the end. */
static char *
next_line (const char *data,
           gsize       size,
           gsize      *pos)
{
  gsize start = *pos, end;

  if (start >= size)
    return NULL;
  for (end = start; end < size && data[end] != '\n'; end++)
    ;
  *pos = end < size ? end + 1 : end;
  if (end > start && data[end - 1] == '\r')
    end--;
  return g_strndup (data + start, end - start);
}

static gboolean
parse_input (const char *data,
             gsize       size,
             Input      *input)
{
  g_autofree char *request_line = NULL;
  char *line, *space, *question;
  gsize pos = 0;

  request_line = next_line (data, size, &pos);
  if (request_line == NULL || (space = strchr (request_line, ' ')) == NULL)
    return FALSE;
  input->method = g_strndup (request_line, space - request_line);
  question = strchr (space + 1, '?');
  input->path = question != NULL ? g_strndup (space + 1, question - space - 1)
                                 : g_strdup (space + 1);
  input->query = question != NULL ? g_strdup (question + 1) : NULL;
  input->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  while ((line = next_line (data, size, &pos)) != NULL && *line != '\0')
    {
      char *colon = strchr (line, ':');

      /* What a wire could carry: libsoup's parser refuses other names and values. */
      if (colon != NULL && colon > line)
        {
          char *name, *value;

          *colon = '\0';
          name = g_strstrip (line);
          value = g_strstrip (colon + 1);
          if (*name != '\0' && strpbrk (name, " \t\r\n:") == NULL &&
              strpbrk (value, "\r\n") == NULL)
            soup_message_headers_append (input->headers, name, value);
        }
      g_free (line);
    }
  g_free (line);
  input->body = g_bytes_new (data + pos, size - pos);
  return TRUE;
}

/* Every reply is a status a server may send; every JSON reply parses, and an error's
 * says what in UTF-8. */
static void
assert_reply_sane (const ShequCentralResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const char *message;
  gsize size = 0;
  const char *body;

  g_assert_cmpuint (response->status, >=, 200);
  g_assert_cmpuint (response->status, <, 600);
  g_assert_cmpuint (response->status, !=, 500);
  if (response->body == NULL || g_strcmp0 (response->content_type, "application/json") != 0)
    {
      g_assert_true (response->status < 400 || response->status == 404);
      return;
    }
  body = g_bytes_get_data (response->body, &size);
  g_assert_true (json_parser_load_from_data (parser, body, (gssize) size, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  if (response->status < 400)
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  message = shequ_json_get_string (object, "error");
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ShequCentralStorage) storage = NULL;
  g_autoptr(ShequCentralApi) api = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *bearer = NULL;
  g_auto(Input) input = { 0 };
  g_auto(ShequCentralResponse) response = { 0 };
  ShequCentralRequest request;
  gint64 cursor = 0;
  gboolean more = FALSE;

  if (!parse_input ((const char *) data, size, &input))
    return 0;
  storage = central_fixture_storage (":memory:");
  token = shequ_central_tokens_add (storage, CENTRAL_OFFICE, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_headers_get_one (input.headers, "Authorization") == NULL)
    {
      bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_append (input.headers, "Authorization", bearer);
    }
  api = shequ_central_api_new (storage);
  request = (ShequCentralRequest) {
    .method = input.method,
    .path = input.path,
    .query = input.query,
    .headers = input.headers,
    .body = input.body,
  };
  shequ_central_response_init (&response);
  shequ_central_api_handle (api, &request, &response);
  g_debug ("%s %s → %u", input.method, input.path, response.status);
  assert_reply_sane (&response);

  /* Whatever was asked, the storage still reads. */
  changes = shequ_central_storage_list_changes (storage, CENTRAL_OFFICE, 0, 1000, &cursor,
                                                &more, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  return 0;
}
