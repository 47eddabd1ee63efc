/* shequ-central-api-documents.c — the API's documents: PUT with revisions, batches, changes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-api"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-central-api-private.h"
#include "shequ-central-http.h"
#include "shequ-disclosure-json.h"
#include "shequ-disclosure-validate.h"

#define KEY_MAX 200

/* One put read from a request: what the storage is given, and what it owns. */
typedef struct {
  ShequCentralPut  put;
  char            *uuid;
  char            *key;
  char            *json;
  char            *invalid;
  const char      *where;
} ReadPut;

static void
read_put_clear (ReadPut *read)
{
  g_clear_pointer (&read->put.doc, shequ_disclosure_free);
  g_clear_pointer (&read->uuid, g_free);
  g_clear_pointer (&read->key, g_free);
  g_clear_pointer (&read->json, g_free);
  g_clear_pointer (&read->invalid, g_free);
}

/* Fills READ's put from what it owns. */
static void
read_put_seal (ReadPut *read)
{
  read->put.uuid = read->uuid != NULL ? read->uuid : "";
  read->put.key = read->key;
  read->put.json = read->json;
  read->put.invalid = read->invalid;
}

/* The document of a put: JSON (NUL-terminated) read strictly. What is kept is the same
 * JSON written out again by json-glib: every member the client sent (a later format's
 * too), but in plain JSON whatever leniency the parser allowed. */
static void
read_document (ReadPut    *read,
               const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  read->put.doc = shequ_disclosure_from_json (json, -1, &error);
  if (read->put.doc == NULL)
    {
      read->invalid = g_strdup (error != NULL ? error->message
                                              : _("The document does not read"));
      return;
    }
  node = json_from_string (json, &error);
  g_assert (node != NULL);
  read->json = json_to_string (node, FALSE);
}

/* A put that would change what residents have seen (a published version altered or gone,
 * the unit moved) is refused as a document that does not read: the storage then answers
 * 400 with why, unless the put's key was seen (a retry gets its stored reply). Checked
 * only when the put would write over the revision read here; an older If-Match, or
 * If-None-Match, is a 412 or a retry anyway. FALSE when the storage failed. */
static gboolean
check_record (ShequCentralCall  *call,
              ReadPut           *read,
              GError           **error)
{
  g_autoptr(ShequCentralDocument) stored = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GError) frozen = NULL;

  if (read->put.doc == NULL || read->put.if_match <= 0)
    return TRUE;
  stored = shequ_central_storage_get_document (call->api->storage, read->uuid, &local);
  if (stored == NULL)
    {
      if (g_error_matches (local, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* Another office's is the storage's to refuse (403). */
  if (stored->revision != read->put.if_match ||
      !g_str_has_prefix (stored->doc->unit_code, call->office) ||
      shequ_disclosure_check_successor (stored->doc, read->put.doc, &frozen))
    return TRUE;
  g_clear_pointer (&read->put.doc, shequ_disclosure_free);
  read->invalid = g_strdup (frozen->message);
  return TRUE;
}

static gboolean
key_is_valid (const char *key)
{
  gsize len = strlen (key);

  if (len == 0 || len > KEY_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (key[i] <= ' ' || key[i] > '~')
      return FALSE;
  return TRUE;
}

/* "REV" (quoted, as an ETag) → REV; FALSE for anything else. */
static gboolean
parse_etag (const char *text,
            gint64     *revision)
{
  g_autofree char *inner = NULL;
  gsize len = strlen (text);

  if (len < 3 || text[0] != '"' || text[len - 1] != '"')
    return FALSE;
  inner = g_strndup (text + 1, len - 2);
  return shequ_central_parse_count (inner, 0, revision) && *revision > 0;
}

/* The single PUT's precondition from If-Match / If-None-Match; FALSE with the reply set
 * when it is missing or malformed. */
static gboolean
read_precondition (ShequCentralCall *call,
                   gint64           *if_match)
{
  SoupMessageHeaders *headers = call->request->headers;
  const char *match_header = soup_message_headers_get_one (headers, "If-Match");
  const char *none_header = soup_message_headers_get_one (headers, "If-None-Match");
  g_autofree char *match = match_header != NULL ? g_strstrip (g_strdup (match_header)) : NULL;
  g_autofree char *none_match = none_header != NULL ? g_strstrip (g_strdup (none_header)) : NULL;

  if (match != NULL && none_match != NULL)
    {
      central_reply_error (call, 400, _("Give either If-Match or If-None-Match, not both"),
                           "If-Match");
      return FALSE;
    }
  if (none_match != NULL)
    {
      if (!g_str_equal (none_match, "*"))
        {
          central_reply_error (call, 400, _("If-None-Match must be *"), "If-None-Match");
          return FALSE;
        }
      *if_match = 0;
      return TRUE;
    }
  if (match == NULL)
    {
      central_reply_error (call, 428, _("A write needs If-Match: \"REVISION\" or "
                                        "If-None-Match: *"), "If-Match");
      return FALSE;
    }
  if (!parse_etag (match, if_match))
    {
      central_reply_error (call, 400, _("If-Match must be a revision in quotes, "
                                        "such as \"3\""), "If-Match");
      return FALSE;
    }
  return TRUE;
}

static char *
etag_of (gint64 revision)
{
  return g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", revision);
}

/* {"uuid", "revision", "cursor"} or, for a 412, {"error", "revision", "document"}; in a
 * batch also "status" (and "error" for a refusal). */
static void
append_result (GString                     *out,
               const char                  *uuid,
               const ShequCentralPutResult *result,
               gboolean                     in_batch)
{
  g_string_append (out, "{\"uuid\":");
  shequ_central_json_append_string (out, uuid);
  if (in_batch)
    g_string_append_printf (out, ",\"status\":%u", result->status);
  if (result->status == 200 || result->status == 201)
    {
      g_string_append_printf (out, ",\"revision\":%" G_GINT64_FORMAT
                                   ",\"cursor\":\"%" G_GINT64_FORMAT "\"}",
                              result->revision, result->cursor);
      return;
    }
  g_string_append (out, ",\"error\":");
  if (result->status == 412)
    {
      shequ_central_json_append_string (out, _("Someone else wrote this disclosure first"));
      g_string_append_printf (out, ",\"revision\":%" G_GINT64_FORMAT ",\"document\":",
                              result->revision);
      g_string_append (out, result->current != NULL ? result->current->json : "null");
    }
  else
    shequ_central_json_append_string (out, result->error);
  g_string_append_c (out, '}');
}

static void
put_single (ShequCentralCall *call,
            const char       *uuid)
{
  g_auto(ShequCentralPutResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *json = NULL;
  ReadPut read = { 0 };
  const char *key = soup_message_headers_get_one (call->request->headers, "Idempotency-Key");
  gsize size = 0;
  const char *data = NULL;

  if (!read_precondition (call, &read.put.if_match))
    return;
  if (key != NULL && !key_is_valid (key))
    {
      central_reply_error (call, 400, _("The Idempotency-Key must be 1 to 200 printable "
                                        "characters"), "Idempotency-Key");
      return;
    }
  if (call->request->body != NULL)
    data = g_bytes_get_data (call->request->body, &size);
  /* An empty body has no data at all. */
  json = g_strndup (data != NULL ? data : "", size);
  read.uuid = g_strdup (uuid);
  read.key = g_strdup (key);
  if (strlen (json) != size)
    read.invalid = g_strdup (_("The body holds a NUL byte"));
  else
    read_document (&read, json);
  if (!check_record (call, &read, &error))
    {
      read_put_clear (&read);
      central_reply_gerror (call, error, "body");
      return;
    }
  read_put_seal (&read);
  if (!shequ_central_storage_put_documents (call->api->storage, call->office, &read.put, 1,
                                            &result, &error))
    {
      read_put_clear (&read);
      central_reply_gerror (call, error, "body");
      return;
    }
  read_put_clear (&read);
  if (result.status == 400 || result.status == 403)
    {
      central_reply_error (call, result.status, result.error, "body");
      return;
    }
  out = g_string_new (NULL);
  append_result (out, uuid, &result, FALSE);
  if (result.status == 200 || result.status == 201 || result.current != NULL)
    {
      g_autofree char *etag = etag_of (result.revision);

      soup_message_headers_replace (call->response->headers, "ETag", etag);
    }
  if (result.status != 412)
    central_changed (call);
  central_reply_json (call, result.status, g_string_free (g_steal_pointer (&out), FALSE));
}

static void
get_single (ShequCentralCall *call,
            const char       *uuid)
{
  g_autoptr(ShequCentralDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  GString *out;

  document = shequ_central_storage_get_document (call->api->storage, uuid, &error);
  /* Another office's document is as unknown as a missing one (by who wrote it: an
   * office's code may be the start of another's). */
  if (document == NULL || g_strcmp0 (document->office, call->office) != 0)
    {
      if (error != NULL && !g_error_matches (error, SHEQU_CENTRAL_ERROR,
                                             SHEQU_CENTRAL_ERROR_NOT_FOUND))
        central_reply_gerror (call, error, "path");
      else
        central_reply_error (call, 404, _("The server has no such disclosure of this office"),
                             "path");
      return;
    }
  etag = etag_of (document->revision);
  soup_message_headers_replace (call->response->headers, "ETag", etag);
  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"revision\":%" G_GINT64_FORMAT ",\"document\":%s}",
                          document->revision, document->json);
  central_reply_json (call, 200, g_string_free (out, FALSE));
}

void
central_api_disclosure (ShequCentralCall *call)
{
  const char *uuid = call->segments[1];
  const char *method = call->request->method;

  if (!shequ_central_is_uuid (uuid))
    {
      central_reply_error (call, 400, _("The path does not end in a disclosure's uuid"), "path");
      return;
    }
  if (g_str_equal (method, "PUT"))
    put_single (call, uuid);
  else if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    get_single (call, uuid);
  else
    central_reply_method_not_allowed (call, "GET, HEAD, PUT");
}

/* --- batches --------------------------------------------------------------------------- */

static void
refuse_item (ReadPut    *read,
             guint       index,
             const char *what)
{
  /* TRANSLATORS: "puts[3]: the uuid is not …" */
  read->invalid = g_strdup_printf (_("puts[%u]: %s"), index, what);
}

static void
read_batch_item (JsonNode *node,
                 guint     index,
                 ReadPut  *read)
{
  JsonObject *object;
  JsonNode *member;
  g_autoptr(GError) error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return refuse_item (read, index, _("not an object"));
  object = json_node_get_object (node);
  member = json_object_get_member (object, "uuid");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING ||
      !shequ_central_is_uuid (json_node_get_string (member)))
    return refuse_item (read, index, _("“uuid” is not a disclosure's uuid"));
  read->uuid = json_node_dup_string (member);
  member = json_object_get_member (object, "if_match");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) <= 0)
        return refuse_item (read, index, _("“if_match” is not a revision nor null"));
      read->put.if_match = json_node_get_int (member);
    }
  member = json_object_get_member (object, "key");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (json_node_get_value_type (member) != G_TYPE_STRING ||
          !key_is_valid (json_node_get_string (member)))
        return refuse_item (read, index, _("“key” is not 1 to 200 printable characters"));
      read->key = json_node_dup_string (member);
    }
  member = json_object_get_member (object, "document");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return refuse_item (read, index, _("“document” is not an object"));
  read->put.doc = shequ_disclosure_from_json_node (member, &error);
  if (read->put.doc == NULL)
    return refuse_item (read, index, error != NULL ? error->message
                                                     : _("The document does not read"));
  read->json = json_to_string (member, FALSE);
}

/* check_record for puts[INDEX], its refusal saying which put. */
static gboolean
check_batch_record (ShequCentralCall  *call,
                    ReadPut           *read,
                    guint              index,
                    GError           **error)
{
  g_autofree char *what = NULL;
  gboolean had_doc = read->put.doc != NULL;

  if (!check_record (call, read, error))
    return FALSE;
  if (had_doc && read->put.doc == NULL)
    {
      what = g_steal_pointer (&read->invalid);
      refuse_item (read, index, what);
    }
  return TRUE;
}

static char *
batch_reply (ReadPut               *reads,
             ShequCentralPutResult *results,
             guint                  n)
{
  GString *out = g_string_new ("{\"results\":[");
  gint64 cursor = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_result (out, reads[i].put.uuid, &results[i], TRUE);
      if (results[i].status == 200 || results[i].status == 201)
        cursor = MAX (cursor, results[i].cursor);
    }
  g_string_append_printf (out, "],\"cursor\":\"%" G_GINT64_FORMAT "\"}", cursor);
  return g_string_free (out, FALSE);
}

void
central_api_batch (ShequCentralCall *call)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree ReadPut *reads = NULL;
  g_autofree ShequCentralPutResult *results = NULL;
  g_autofree ShequCentralPut *puts = NULL;
  JsonNode *member;
  JsonArray *array;
  guint n;
  gboolean stored;

  if (!g_str_equal (call->request->method, "POST"))
    return central_reply_method_not_allowed (call, "POST");
  if ((root = central_parse_body (call)) == NULL)
    return;
  member = json_object_get_member (json_node_get_object (root), "puts");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return central_reply_error (call, 400, _("“puts” is not an array"), "puts");
  array = json_node_get_array (member);
  n = json_array_get_length (array);
  if (n > SHEQU_CENTRAL_BATCH_MAX)
    {
      g_autofree char *message = g_strdup_printf (_("A batch has %u puts; at most %d are taken"),
                                                  n, SHEQU_CENTRAL_BATCH_MAX);

      return central_reply_error (call, 400, message, "puts");
    }
  reads = g_new0 (ReadPut, MAX (n, 1));
  puts = g_new0 (ShequCentralPut, MAX (n, 1));
  results = g_new0 (ShequCentralPutResult, MAX (n, 1));
  stored = TRUE;
  for (guint i = 0; i < n; i++)
    {
      read_batch_item (json_array_get_element (array, i), i, &reads[i]);
      if (stored && !check_batch_record (call, &reads[i], i, &error))
        stored = FALSE;
      read_put_seal (&reads[i]);
      puts[i] = reads[i].put;
    }
  if (stored)
    stored = shequ_central_storage_put_documents (call->api->storage, call->office, puts, n,
                                                  results, &error);
  if (stored)
    {
      central_reply_json (call, 200, batch_reply (reads, results, n));
      central_changed (call);
    }
  else
    central_reply_gerror (call, error, "puts");
  for (guint i = 0; i < n; i++)
    {
      if (stored)
        shequ_central_put_result_clear (&results[i]);
      read_put_clear (&reads[i]);
    }
}

/* --- changes ----------------------------------------------------------------------------- */

void
central_api_changes (ShequCentralCall *call)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 since = 0, limit = 0, cursor = 0;
  gboolean more = FALSE;
  GString *out;

  if (!g_str_equal (call->request->method, "GET") && !g_str_equal (call->request->method, "HEAD"))
    return central_reply_method_not_allowed (call, "GET, HEAD");
  params = g_uri_parse_params (call->request->query != NULL ? call->request->query : "", -1,
                               "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return central_reply_error (call, 400, _("The query does not read"), "query");
  if (!shequ_central_parse_count (g_hash_table_lookup (params, "since"), 0, &since))
    return central_reply_error (call, 400, _("“since” is not a cursor"), "since");
  if (!shequ_central_parse_count (g_hash_table_lookup (params, "limit"),
                                  SHEQU_CENTRAL_CHANGES_DEFAULT, &limit) ||
      limit < 1 || limit > SHEQU_CENTRAL_CHANGES_MAX)
    {
      g_autofree char *message = g_strdup_printf (_("“limit” must be 1 to %d"),
                                                  SHEQU_CENTRAL_CHANGES_MAX);

      return central_reply_error (call, 400, message, "limit");
    }
  changes = shequ_central_storage_list_changes (call->api->storage, call->office, since,
                                                (guint) limit, &cursor, &more, &error);
  if (changes == NULL)
    return central_reply_gerror (call, error, "query");
  out = g_string_new ("{\"changes\":[");
  for (guint i = 0; i < changes->len; i++)
    {
      ShequCentralDocument *document = g_ptr_array_index (changes, i);

      g_string_append_printf (out, "%s{\"revision\":%" G_GINT64_FORMAT ",\"document\":%s}",
                              i > 0 ? "," : "", document->revision, document->json);
    }
  g_string_append_printf (out, "],\"cursor\":\"%" G_GINT64_FORMAT "\",\"more\":%s}",
                          cursor, more ? "true" : "false");
  central_reply_json (call, 200, g_string_free (out, FALSE));
}
