/* central-server-fixture.h — a real shequ-central on 127.0.0.1 for tests, and requests to it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "central-fixture.h"
#include "shequ-central-tokens.h"

G_BEGIN_DECLS

typedef struct {
  ShequTestDir  dir;
  GSubprocess  *server;
  char         *url;          /* "http://127.0.0.1:PORT/" */
  guint16       port;
  char         *token;        /* CENTRAL_OFFICE's */
  char         *other_token;  /* CENTRAL_OTHER_OFFICE's */
  SoupSession  *session;
} CentralServer;

typedef struct {
  guint               status;
  char               *body;
  SoupMessageHeaders *headers;
} CentralReply;

static inline void
central_reply_clear (CentralReply *reply)
{
  g_clear_pointer (&reply->body, g_free);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  reply->status = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CentralReply, central_reply_clear)

static inline char *
central_test_data (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Starts shequ-central on SELF's database with ARGS (NULL-terminated, may be NULL) and
 * waits for its "listening on URL" line. */
static inline void
central_server_start (CentralServer      *self,
                      const char *const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GUri) uri = NULL;

  g_ptr_array_add (argv, (gpointer) central_program ());
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, self->dir.db);
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1:0");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  self->server = g_subprocess_newv ((const char *const *) argv->pdata,
                                    G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on "));
  g_free (self->url);
  self->url = g_strdup (line + strlen ("listening on "));
  uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_uri_get_port (uri), >, 0);
  self->port = (guint16) g_uri_get_port (uri);
}

/* SIGTERM, and a clean exit. */
static inline void
central_server_stop (CentralServer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->server == NULL)
    return;
  g_subprocess_send_signal (self->server, SIGTERM);
  g_assert_true (g_subprocess_wait (self->server, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (self->server));
  g_assert_cmpint (g_subprocess_get_exit_status (self->server), ==, 0);
  g_clear_object (&self->server);
}

/* A database with both offices' units and tokens, and a server on it started with ARGS
 * (NULL-terminated strings, or NULL): a g_test_add fixture's set-up, ARGS its data. */
static inline void
central_server_set_up (CentralServer *self,
                       gconstpointer  args)
{
  g_autoptr(ShequCentralStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&self->dir, "test-central-api-XXXXXX", "central.db");
  storage = central_fixture_storage (self->dir.db);
  self->token = shequ_central_tokens_add (storage, CENTRAL_OFFICE, "test", &error);
  g_assert_no_error (error);
  self->other_token = shequ_central_tokens_add (storage, CENTRAL_OTHER_OFFICE, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&storage);
  self->session = soup_session_new_with_options ("timeout", 30, NULL);
  central_server_start (self, args);
}

static inline void
central_server_tear_down (CentralServer *self,
                          gconstpointer  args)
{
  if (self->server != NULL)
    {
      g_subprocess_force_exit (self->server);
      g_subprocess_wait (self->server, NULL, NULL);
      g_clear_object (&self->server);
    }
  g_clear_object (&self->session);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->other_token, g_free);
  shequ_test_dir_clear (&self->dir);
}

/* METHOD on PATH (after the URL's "/") with TOKEN (NULL: none) and BODY (NULL: none),
 * then header name, value pairs ending in NULL. */
static inline CentralReply
central_request (CentralServer *self,
                 const char    *method,
                 const char    *path,
                 const char    *token,
                 const char    *body,
                 ...)
{
  g_autofree char *uri = g_strconcat (self->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) reply_body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  CentralReply reply = { 0 };
  const char *name;
  va_list args;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  /* The body first: a Content-Type among the headers replaces its own. */
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_replace (headers, name, va_arg (args, const char *));
  va_end (args);
  reply_body = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply.status = soup_message_get_status (msg);
  reply.body = g_strndup (g_bytes_get_data (reply_body, NULL), g_bytes_get_size (reply_body));
  reply.headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  g_test_message ("%s /%s → %u %s", method, path, reply.status, reply.body);
  return reply;
}

/* The API's path of DOC. */
static inline char *
central_disclosure_path (const ShequDisclosure *doc)
{
  return g_strconcat ("api/v1/disclosures/", doc->uuid, NULL);
}

/* PUT of DOC with TOKEN, the precondition (NULL IF_MATCH: If-None-Match: *) and KEY
 * (NULL: none). */
static inline CentralReply
central_put_document (CentralServer         *self,
                      const char            *token,
                      const ShequDisclosure *doc,
                      const char            *if_match,
                      const char            *key)
{
  g_autofree char *path = central_disclosure_path (doc);
  g_autofree char *json = shequ_disclosure_to_json (doc);

  return central_request (self, "PUT", path, token, json,
                          if_match != NULL ? "If-Match" : "If-None-Match",
                          if_match != NULL ? if_match : "*",
                          key != NULL ? "Idempotency-Key" : NULL, key, NULL);
}

/* REPLY's body as a JSON object (asserting it is one). */
static inline JsonObject *
central_reply_object (const CentralReply *reply)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = json_from_string (reply->body, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* An error reply: STATUS, JSON with "error" (and "where" when WHERE is not NULL). */
static inline void
central_assert_error (const CentralReply *reply,
                      guint               status,
                      const char         *where)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "application/json");
  object = central_reply_object (reply);
  g_assert_nonnull (shequ_json_get_string (object, "error"));
  if (where != NULL)
    g_assert_cmpstr (shequ_json_get_string (object, "where"), ==, where);
}

G_END_DECLS
