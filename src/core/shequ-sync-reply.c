/* shequ-sync-reply.c — reading the server's batch and changes replies (outside input), and the backoff */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-json.h"
#include "shequ-json-read-private.h"
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequSyncPutResult, _shequ_sync_put_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequSyncChange, _shequ_sync_change_free)

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

/* A member of the reply refused: "The reply from URL does not read: results[2].revision:
 * must be 1 or more". */
static void
reply_fail (const ShequJsonReader *reader,
            const char            *path,
            const char            *what)
{
  /* TRANSLATORS: the URL, the member ("results[2].revision") and what is wrong with it */
  g_set_error (reader->error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL,
               _("The reply from %s does not read: %s: %s"),
               (const char *) reader->data, path, what);
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

/* One of "results": {"uuid", "status", "revision" (when stored or in conflict), "error",
 * "document" (the server's, in a conflict)}. */
static gpointer
read_put_result (const ShequJsonReader *r,
                 JsonObject            *object)
{
  g_autoptr(ShequSyncPutResult) result = g_new0 (ShequSyncPutResult, 1);
  g_auto(ShequJsonReader) inner = { NULL };
  JsonObject *document;
  gint64 status = 0;

  if (!_shequ_json_read_string (r, object, "uuid", TRUE, &result->uuid) ||
      !_shequ_json_read_int (r, object, "status", 100, 599, &status))
    return NULL;
  result->status = status;
  /* A 412 for a disclosure the server does not have (its data restored from an older
   * backup) says revision 0 and brings no document. */
  if ((status == 200 || status == 201 || status == 412) &&
      !_shequ_json_read_int (r, object, "revision", status == 412 ? 0 : 1, G_MAXINT64,
                             &result->revision))
    return NULL;
  if (!_shequ_json_read_string (r, object, "error", FALSE, &result->error))
    return NULL;
  if (status != 412)
    return g_steal_pointer (&result);
  if (!_shequ_json_reader_enter_member (r, object, "document", result->revision > 0,
                                        &document, &inner))
    return NULL;
  if (result->revision == 0)
    {
      if (document == NULL)
        return g_steal_pointer (&result);
      _shequ_json_reader_fail (r, "document", _("must be absent when the revision is 0"));
      return NULL;
    }
  result->document = json_to_string (json_object_get_member (object, "document"), FALSE);
  return g_steal_pointer (&result);
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
  ShequJsonReader r = { NULL, reply_fail, url, error };
  JsonObject *root;
  JsonArray *array;

  if ((root = parse_root (parser, data, length, url, error)) == NULL ||
      !_shequ_json_read_array (&r, root, "results", G_MAXUINT, &array))
    return NULL;
  if (json_array_get_length (array) != n_puts)
    {
      set_protocol_error (error, url, _("%u results for %u documents sent"),
                          json_array_get_length (array), n_puts);
      return NULL;
    }
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_sync_put_result_free);
  if (!_shequ_json_read_elements (&r, "results", array, read_put_result, results))
    return NULL;
  return g_steal_pointer (&results);
}

/* The cursor: text or an integer (opaque either way), at most 64 characters. */
static char *
read_cursor (JsonObject *root)
{
  gint64 number;
  const char *text = shequ_json_get_string (root, "cursor");

  if (text != NULL)
    return *text != '\0' && strlen (text) <= 64 ? g_strdup (text) : NULL;
  if (shequ_json_get_int (root, "cursor", &number) && number >= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);
  return NULL;
}

/* One of "changes": {"revision", "document"}, the document naming its uuid. */
static gpointer
read_change (const ShequJsonReader *r,
             JsonObject            *object)
{
  g_autoptr(ShequSyncChange) change = g_new0 (ShequSyncChange, 1);
  g_auto(ShequJsonReader) inner = { NULL };
  JsonObject *document;

  if (!_shequ_json_read_int (r, object, "revision", 1, G_MAXINT64, &change->revision) ||
      !_shequ_json_reader_enter_member (r, object, "document", TRUE, &document, &inner) ||
      !_shequ_json_read_string (&inner, document, "uuid", TRUE, &change->uuid))
    return NULL;
  change->document = json_node_ref (json_object_get_member (object, "document"));
  return g_steal_pointer (&change);
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
  ShequJsonReader r = { NULL, reply_fail, url, error };
  JsonObject *root;
  JsonArray *array;
  JsonNode *more_node;

  *cursor = NULL;
  *more = FALSE;
  if ((root = parse_root (parser, data, length, url, error)) == NULL ||
      !_shequ_json_read_array (&r, root, "changes", G_MAXUINT, &array))
    return NULL;
  more_node = json_object_get_member (root, "more");
  if (more_node != NULL && _shequ_json_member_value (root, "more", G_TYPE_BOOLEAN) == NULL)
    {
      set_protocol_error (error, url, _("“more” is not true or false"));
      return NULL;
    }
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_sync_change_free);
  if (!_shequ_json_read_elements (&r, "changes", array, read_change, changes))
    return NULL;
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
