/* shequ-central-http.c — small HTTP helpers the API and the public pages share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-http"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "shequ-central-http.h"

char *
shequ_central_http_error_json (const char *message,
                               const char *where)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *valid_message = NULL;
  g_autofree char *valid_where = NULL;

  g_return_val_if_fail (message != NULL, NULL);

  /* A message may quote the request (its method, a member): JSON is UTF-8 whatever it
   * held. */
  message = valid_message = g_utf8_make_valid (message, -1);
  if (where != NULL)
    where = valid_where = g_utf8_make_valid (where, -1);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  if (where != NULL)
    {
      json_builder_set_member_name (builder, "where");
      json_builder_add_string_value (builder, where);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
shequ_central_http_reply_json (SoupServerMessage *msg,
                               guint              status,
                               char              *body)
{
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (body != NULL);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body,
                                    strlen (body));
}

void
shequ_central_http_reply_error (SoupServerMessage *msg,
                                guint              status,
                                const char        *message,
                                const char        *where)
{
  shequ_central_http_reply_json (msg, status, shequ_central_http_error_json (message, where));
}

static gboolean
segment_is_clean (const char *segment)
{
  if (*segment == '\0' || g_str_equal (segment, ".") || g_str_equal (segment, ".."))
    return FALSE;
  if (!g_utf8_validate (segment, -1, NULL))
    return FALSE;
  for (const char *p = segment; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || *p == '\\')
      return FALSE;
  return TRUE;
}

char **
shequ_central_http_split_path (const char *path,
                               const char *prefix,
                               guint       max_segments)
{
  g_auto(GStrv) segments = NULL;
  gsize prefix_len;

  g_return_val_if_fail (path != NULL && prefix != NULL, NULL);

  prefix_len = strlen (prefix);
  if (strncmp (path, prefix, prefix_len) != 0)
    return NULL;
  path += prefix_len;
  if (*path == '\0')
    return g_new0 (char *, 1);
  if (*path != '/')
    return NULL;
  segments = g_strsplit (path + 1, "/", (int) max_segments + 1);
  if (g_strv_length (segments) > max_segments)
    return NULL;
  for (guint i = 0; segments[i] != NULL; i++)
    if (!segment_is_clean (segments[i]))
      return NULL;
  return g_steal_pointer (&segments);
}

gboolean
shequ_central_is_sha256 (const char *text)
{
  gsize i;

  g_return_val_if_fail (text != NULL, FALSE);

  for (i = 0; text[i] != '\0'; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return i == 64;
}

gboolean
shequ_central_is_uuid (const char *text)
{
  gsize i;

  g_return_val_if_fail (text != NULL, FALSE);

  for (i = 0; text[i] != '\0'; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return i == 36;
}

gboolean
shequ_central_is_unit_code (const char *text)
{
  gsize i;

  g_return_val_if_fail (text != NULL, FALSE);

  for (i = 0; text[i] != '\0'; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return i >= 1 && i <= 32;
}

gboolean
shequ_central_parse_count (const char *text,
                           gint64      default_value,
                           gint64     *value)
{
  gint64 result = 0;
  gsize i;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      *value = default_value;
      return TRUE;
    }
  for (i = 0; text[i] != '\0'; i++)
    {
      if (!g_ascii_isdigit (text[i]) || i >= 18)
        return FALSE;
      result = result * 10 + (text[i] - '0');
    }
  *value = result;
  return TRUE;
}

void
shequ_central_json_append_string (GString    *out,
                                  const char *text)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else if (c == '<')
        /* Never "</script>" inside a reply, whoever reads it. */
        g_string_append (out, "\\u003c");
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}
