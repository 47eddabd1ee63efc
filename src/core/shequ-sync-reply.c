/* shequ-sync-reply.c — reading the server's batch and changes replies (outside input), and the backoff */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-sync-private.h"
#include "shequ-text.h"

/* Deeper than any document (a version's item is four levels down). */
#define REPLY_MAX_DEPTH 32

void
_shequ_sync_put_result_free (ShequSyncPutResult *result)
{
  if (result == NULL)
    return;
  g_free (result->uuid);
  g_free (result->error);
  g_free (result->document);
  g_free (result);
}

void
_shequ_sync_change_free (ShequSyncChange *change)
{
  if (change == NULL)
    return;
  g_free (change->uuid);
  g_clear_pointer (&change->document, json_node_unref);
  g_free (change);
}

/* A member of the right JSON type, or NULL / FALSE (an integer is a JSON integer, not
 * 1.5 nor "1"). */
static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *object,
            const char *member,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

G_GNUC_PRINTF (3, 4)
static void
set_protocol_error (GError     **error,
                    const char  *url,
                    const char  *format,
                    ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL,
               _("The reply from %s does not read: %s"), url, what);
}

/* The root object of DATA, or NULL with the error. */
static JsonObject *
parse_root (JsonParser  *parser,
            const char  *data,
            gsize        length,
            const char  *url,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  guint line = 0;
  JsonNode *root;

  if (length == 0)
    {
      set_protocol_error (error, url, _("it is empty"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      set_protocol_error (error, url, _("it is not UTF-8"));
      return NULL;
    }
  if (!shequ_text_check_json_depth (data, length, REPLY_MAX_DEPTH, &line))
    {
      set_protocol_error (error, url, _("it nests deeper than %d levels at line %u"),
                          REPLY_MAX_DEPTH, line);
      return NULL;
    }
  if (!shequ_text_json_is_one_object (data, length))
    {
      set_protocol_error (error, url, _("it is not one JSON object"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      /* json-glib quotes the bad token, cut anywhere, even inside a character. */
      g_autofree char *said = g_utf8_make_valid (local->message, -1);

      set_protocol_error (error, url, "%s", said);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_protocol_error (error, url, _("it is not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

/* MEMBER of OBJECT as an array, or NULL with the error naming WHERE. */
static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           const char  *url,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_protocol_error (error, url, _("“%s” is missing or not a list"), member);
      return NULL;
    }
  return json_node_get_array (node);
}

/* A string member that may be absent or null: FALSE only for another type. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     char       **value)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (member_string (object, member) == NULL)
    return FALSE;
  *value = g_strdup (member_string (object, member));
  return TRUE;
}

static ShequSyncPutResult *
read_put_result (JsonNode     *node,
                 guint         index,
                 const char   *url,
                 GError      **error)
{
  ShequSyncPutResult *result;
  JsonObject *object;
  JsonNode *document;
  gint64 status = 0;
  const char *uuid;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_protocol_error (error, url, _("results[%u] is not an object"), index);
      return NULL;
    }
  object = json_node_get_object (node);
  uuid = member_string (object, "uuid");
  if (uuid == NULL || !member_int (object, "status", &status)
      || status < 100 || status > 599)
    {
      set_protocol_error (error, url, _("results[%u] has no uuid or no status"), index);
      return NULL;
    }
  result = g_new0 (ShequSyncPutResult, 1);
  result->uuid = g_strdup (uuid);
  result->status = status;
  if ((status == 200 || status == 201 || status == 412)
      && (!member_int (object, "revision", &result->revision) || result->revision < 1))
    {
      set_protocol_error (error, url, _("results[%u].revision is missing or not a positive "
                                        "integer"), index);
      goto fail;
    }
  if (!get_optional_string (object, "error", &result->error))
    {
      set_protocol_error (error, url, _("results[%u].error is not text"), index);
      goto fail;
    }
  document = json_object_get_member (object, "document");
  if (status == 412 && (document == NULL || !JSON_NODE_HOLDS_OBJECT (document)))
    {
      set_protocol_error (error, url, _("results[%u] is a conflict without the server's "
                                        "document"), index);
      goto fail;
    }
  if (status == 412)
    result->document = json_to_string (document, FALSE);
  return result;

fail:
  _shequ_sync_put_result_free (result);
  return NULL;
}

GPtrArray *
_shequ_sync_parse_batch_reply (const char   *data,
                               gsize         length,
                               const char   *url,
                               guint         n_puts,
                               GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) results = NULL;
  JsonObject *root;
  JsonArray *array;

  if ((root = parse_root (parser, data, length, url, error)) == NULL
      || (array = get_array (root, "results", url, error)) == NULL)
    return NULL;
  if (json_array_get_length (array) != n_puts)
    {
      set_protocol_error (error, url, _("%u results for %u documents sent"),
                          json_array_get_length (array), n_puts);
      return NULL;
    }
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_sync_put_result_free);
  for (guint i = 0; i < n_puts; i++)
    {
      ShequSyncPutResult *result = read_put_result (json_array_get_element (array, i), i,
                                                    url, error);

      if (result == NULL)
        return NULL;
      g_ptr_array_add (results, result);
    }
  return g_steal_pointer (&results);
}

/* The cursor: text or an integer (opaque either way), at most 64 characters. */
static char *
read_cursor (JsonObject *root)
{
  gint64 number;
  const char *text = member_string (root, "cursor");

  if (text != NULL)
    return *text != '\0' && strlen (text) <= 64 ? g_strdup (text) : NULL;
  if (member_int (root, "cursor", &number) && number >= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);
  return NULL;
}

static ShequSyncChange *
read_change (JsonNode    *node,
             guint        index,
             const char  *url,
             GError     **error)
{
  ShequSyncChange *change;
  JsonObject *object;
  JsonNode *document;
  gint64 revision = 0;
  const char *uuid;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_protocol_error (error, url, _("changes[%u] is not an object"), index);
      return NULL;
    }
  object = json_node_get_object (node);
  document = json_object_get_member (object, "document");
  if (!member_int (object, "revision", &revision) || revision < 1
      || document == NULL || !JSON_NODE_HOLDS_OBJECT (document))
    {
      set_protocol_error (error, url, _("changes[%u] has no revision or no document"), index);
      return NULL;
    }
  uuid = member_string (json_node_get_object (document), "uuid");
  if (uuid == NULL)
    {
      set_protocol_error (error, url, _("changes[%u].document has no uuid"), index);
      return NULL;
    }
  change = g_new0 (ShequSyncChange, 1);
  change->revision = revision;
  change->uuid = g_strdup (uuid);
  change->document = json_node_ref (document);
  return change;
}

GPtrArray *
_shequ_sync_parse_changes_reply (const char   *data,
                                 gsize         length,
                                 const char   *url,
                                 char        **cursor,
                                 gboolean     *more,
                                 GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) changes = NULL;
  JsonObject *root;
  JsonArray *array;
  JsonNode *more_node;

  *cursor = NULL;
  *more = FALSE;
  if ((root = parse_root (parser, data, length, url, error)) == NULL
      || (array = get_array (root, "changes", url, error)) == NULL)
    return NULL;
  more_node = json_object_get_member (root, "more");
  if (more_node != NULL && (!JSON_NODE_HOLDS_VALUE (more_node)
                            || json_node_get_value_type (more_node) != G_TYPE_BOOLEAN))
    {
      set_protocol_error (error, url, _("“more” is not true or false"));
      return NULL;
    }
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_sync_change_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ShequSyncChange *change = read_change (json_array_get_element (array, i), i, url, error);

      if (change == NULL)
        return NULL;
      g_ptr_array_add (changes, change);
    }
  if ((*cursor = read_cursor (root)) == NULL)
    {
      set_protocol_error (error, url, _("“cursor” is missing or not a cursor"));
      return NULL;
    }
  *more = more_node != NULL && json_node_get_boolean (more_node);
  /* A page that says more follow but brings nothing would loop for ever. */
  if (*more && changes->len == 0)
    {
      g_clear_pointer (cursor, g_free);
      set_protocol_error (error, url, _("it says more changes follow but gives none"));
      return NULL;
    }
  return g_steal_pointer (&changes);
}

gint64
_shequ_sync_backoff_seconds (guint  attempts,
                             double jitter)
{
  gint64 base = 900;
  gint64 wait;

  if (attempts == 0)
    return 0;
  if (attempts <= 10)
    base = MIN ((gint64) 1 << (attempts - 1), 900);
  jitter = CLAMP (jitter, 0.0, 1.0);
  wait = base - (gint64) (base * jitter / 4);
  return MAX (wait, 1);
}
