/* shequ-json-read.c — typed, strict readers of members of outside JSON, each refusal
 * naming the member's path; json-glib's parse error taken apart */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-json-read"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-json-read-private.h"

void
_shequ_json_reader_clear (ShequJsonReader *reader)
{
  g_clear_pointer (&reader->path, g_free);
}

static char *
member_path (const ShequJsonReader *reader,
             const char            *member)
{
  if (reader->path == NULL)
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", reader->path, member);
}

gboolean
_shequ_json_reader_fail (const ShequJsonReader *reader,
                         const char            *member,
                         const char            *what)
{
  g_autofree char *path = member != NULL ? member_path (reader, member)
                                         : g_strdup (reader->path);

  g_assert (path != NULL);
  reader->fail (reader, path, what);
  return FALSE;
}

/* Whether NODE is of NODE_TYPE and, for a value, of VALUE_TYPE. */
static gboolean
holds (JsonNode     *node,
       JsonNodeType  node_type,
       GType         value_type)
{
  return JSON_NODE_TYPE (node) == node_type &&
         (node_type != JSON_NODE_VALUE || json_node_get_value_type (node) == value_type);
}

/* MEMBER of OBJECT in *NODE: NULL when absent or null (refused as "missing" when
 * REQUIRED), refused as WRONG_TYPE when it is not of NODE_TYPE (and VALUE_TYPE). */
static gboolean
get_member (const ShequJsonReader  *reader,
            JsonObject             *object,
            const char             *member,
            gboolean                required,
            JsonNodeType            node_type,
            GType                   value_type,
            const char             *wrong_type,
            JsonNode              **node)
{
  *node = json_object_get_member (object, member);
  if (*node != NULL && JSON_NODE_HOLDS_NULL (*node))
    *node = NULL;
  if (*node == NULL && required)
    return _shequ_json_reader_fail (reader, member, C_("document member", "missing"));
  if (*node != NULL && !holds (*node, node_type, value_type))
    return _shequ_json_reader_fail (reader, member, wrong_type);
  return TRUE;
}

gboolean
_shequ_json_read_string (const ShequJsonReader  *reader,
                         JsonObject             *object,
                         const char             *member,
                         gboolean                required,
                         char                  **value)
{
  JsonNode *node;

  if (!get_member (reader, object, member, required, JSON_NODE_VALUE, G_TYPE_STRING,
                   C_("document member", "must be a string"), &node))
    return FALSE;
  if (node != NULL)
    {
      g_free (*value);
      *value = g_strdup (json_node_get_string (node));
    }
  return TRUE;
}

gboolean
_shequ_json_read_int (const ShequJsonReader *reader,
                      JsonObject            *object,
                      const char            *member,
                      gint64                 min,
                      gint64                 max,
                      gint64                *value)
{
  JsonNode *node;
  g_autofree char *low = NULL;
  g_autofree char *what = NULL;

  /* 12.5, 1e3, "12" and true are not whole numbers (of fen, of revisions). */
  if (!get_member (reader, object, member, TRUE, JSON_NODE_VALUE, G_TYPE_INT64,
                   C_("document member", "must be a whole number"), &node))
    return FALSE;
  *value = json_node_get_int (node);
  if (*value >= min && *value <= max)
    return TRUE;
  low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
  if (max == G_MAXINT64)
    what = g_strdup_printf (C_("document member", "must be %s or more"), low);
  else
    {
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      what = g_strdup_printf (_("must be from %s to %s"), low, high);
    }
  return _shequ_json_reader_fail (reader, member, what);
}

gboolean
_shequ_json_read_key (const ShequJsonReader *reader,
                      JsonObject            *object,
                      const char            *member,
                      gboolean             (*lookup) (const char *key,
                                                      int        *value),
                      int                   *value)
{
  g_autofree char *key = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *what = NULL;

  if (!_shequ_json_read_string (reader, object, member, TRUE, &key))
    return FALSE;
  if (lookup (key, value))
    return TRUE;
  valid = g_utf8_make_valid (key, MIN (strlen (key), 40));
  what = g_strdup_printf (_("“%s” is not one of the known names"), valid);
  return _shequ_json_reader_fail (reader, member, what);
}

gboolean
_shequ_json_read_array (const ShequJsonReader  *reader,
                        JsonObject             *object,
                        const char             *member,
                        guint                   max,
                        JsonArray             **array)
{
  JsonNode *node;
  g_autofree char *what = NULL;

  if (!get_member (reader, object, member, TRUE, JSON_NODE_ARRAY, G_TYPE_INVALID,
                   C_("document member", "must be a list"), &node))
    return FALSE;
  *array = json_node_get_array (node);
  if (json_array_get_length (*array) <= max)
    return TRUE;
  what = g_strdup_printf (_("has more than %u entries"), max);
  return _shequ_json_reader_fail (reader, member, what);
}

/* INNER (cleared first) the reader inside NAME, an object of READER's. */
static void
enter (const ShequJsonReader *reader,
       const char            *name,
       ShequJsonReader       *inner)
{
  _shequ_json_reader_clear (inner);
  *inner = (ShequJsonReader) { member_path (reader, name), reader->fail, reader->data,
                               reader->error };
}

gboolean
_shequ_json_reader_enter_member (const ShequJsonReader  *reader,
                                 JsonObject             *object,
                                 const char             *member,
                                 gboolean                required,
                                 JsonObject            **inner_object,
                                 ShequJsonReader        *inner)
{
  JsonNode *node;

  *inner_object = NULL;
  _shequ_json_reader_clear (inner);
  if (!get_member (reader, object, member, required, JSON_NODE_OBJECT, G_TYPE_INVALID,
                   C_("document member", "must be an object"), &node))
    return FALSE;
  if (node != NULL)
    {
      enter (reader, member, inner);
      *inner_object = json_node_get_object (node);
    }
  return TRUE;
}

JsonObject *
_shequ_json_reader_enter_element (const ShequJsonReader *reader,
                                  const char            *member,
                                  JsonArray             *array,
                                  guint                  i,
                                  ShequJsonReader       *inner)
{
  JsonNode *node = json_array_get_element (array, i);
  g_autofree char *name = g_strdup_printf ("%s[%u]", member, i);

  _shequ_json_reader_clear (inner);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _shequ_json_reader_fail (reader, name, C_("document member", "must be an object"));
      return NULL;
    }
  enter (reader, name, inner);
  return json_node_get_object (node);
}

gboolean
_shequ_json_read_elements (const ShequJsonReader *reader,
                           const char            *member,
                           JsonArray             *array,
                           ShequJsonReadElement   read,
                           GPtrArray             *into)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_auto(ShequJsonReader) inner = { NULL };
      JsonObject *element = _shequ_json_reader_enter_element (reader, member, array, i, &inner);
      gpointer value = element != NULL ? read (&inner, element) : NULL;

      if (value == NULL)
        return FALSE;
      g_ptr_array_add (into, value);
    }
  return TRUE;
}

JsonNode *
_shequ_json_member_value (JsonObject *object,
                          const char *member,
                          GType       type)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && holds (node, JSON_NODE_VALUE, type) ? node : NULL;
}

char *
_shequ_json_parse_error_message (const GError *parse,
                                 guint        *line,
                                 guint        *column)
{
  g_autofree char *valid = g_utf8_make_valid (parse->message, -1);
  const char *message = valid;
  char *end = NULL;

  *line = 0;
  *column = 0;
  if (g_str_has_prefix (message, "<data>:"))
    {
      *line = (guint) g_ascii_strtoull (message + strlen ("<data>:"), &end, 10);
      if (end != NULL && *end == ':')
        *column = (guint) g_ascii_strtoull (end + 1, &end, 10);
      /* Translated, json-glib may use the full-width colon ("：") after the column. */
      while (end != NULL && (*end == ':' || *end == ' ' || g_str_has_prefix (end, "：")))
        end += *end == ':' || *end == ' ' ? 1 : strlen ("：");
      if (*line > 0 && end != NULL)
        message = end;
    }
  if (*line == 0)
    *column = 0;
  return g_strdup (message);
}
