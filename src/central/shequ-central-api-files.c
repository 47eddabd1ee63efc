/* shequ-central-api-files.c — the API's units (an office's tree) and attachments (by hash) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-api"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-central-api-private.h"
#include "shequ-central-http.h"
#include "shequ-org-types.h"

#define UNIT_NAME_MAX 200  /* characters */

/* The wire's tier keys only ("village"), not the Chinese names files may use. */
static gboolean
tier_is_known (const char *tier)
{
  ShequTier value;

  return shequ_tier_from_string (tier, &value) && g_str_equal (shequ_tier_to_key (value), tier);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/* One unit of the request, or NULL with *WHAT and *MEMBER saying what is wrong. */
static ShequCentralUnit *
read_unit (JsonNode    *node,
           const char **member,
           const char **what)
{
  g_autoptr(ShequCentralUnit) unit = g_new0 (ShequCentralUnit, 1);
  JsonObject *object;
  JsonNode *parent;
  const char *value;

  *member = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *what = _("is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  *member = "code";
  if ((value = member_string (object, "code")) == NULL || !shequ_central_is_unit_code (value))
    {
      *what = _("is not a unit code (digits)");
      return NULL;
    }
  unit->code = g_strdup (value);
  *member = "name";
  value = member_string (object, "name");
  if (value == NULL || *value == '\0' || g_utf8_strlen (value, -1) > UNIT_NAME_MAX)
    {
      *what = _("is not a name of 1 to 200 characters");
      return NULL;
    }
  unit->name = g_strdup (value);
  *member = "tier";
  if ((value = member_string (object, "tier")) == NULL || !tier_is_known (value))
    {
      *what = _("is not street, area, community, village or grid");
      return NULL;
    }
  unit->tier = g_strdup (value);
  *member = "parent";
  parent = json_object_get_member (object, "parent");
  if (parent != NULL && !JSON_NODE_HOLDS_NULL (parent))
    {
      if ((value = member_string (object, "parent")) == NULL ||
          !shequ_central_is_unit_code (value))
        {
          *what = _("is not a unit code nor null");
          return NULL;
        }
      unit->parent_code = g_strdup (value);
    }
  return g_steal_pointer (&unit);
}

static GPtrArray *
read_units (ShequCentralCall *call,
            JsonArray        *array)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (
    (GDestroyNotify) shequ_central_unit_free);
  guint n = json_array_get_length (array);

  if (n > SHEQU_CENTRAL_UNITS_MAX)
    {
      g_autofree char *message = g_strdup_printf (_("%u units were sent; at most %d are taken"),
                                                  n, SHEQU_CENTRAL_UNITS_MAX);

      central_reply_error (call, 400, message, "units");
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *member = NULL, *what = NULL;
      ShequCentralUnit *unit = read_unit (json_array_get_element (array, i), &member, &what);

      if (unit == NULL)
        {
          g_autofree char *where = member != NULL ? g_strdup_printf ("units[%u].%s", i, member)
                                                  : g_strdup_printf ("units[%u]", i);
          g_autofree char *message = g_strdup_printf ("%s %s", where, what);

          central_reply_error (call, 400, message, where);
          return NULL;
        }
      g_ptr_array_add (units, unit);
    }
  return g_steal_pointer (&units);
}

void
central_api_units (ShequCentralCall *call)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *office;

  if (!g_str_equal (call->request->method, "PUT"))
    return central_reply_method_not_allowed (call, "PUT");
  if ((root = central_parse_body (call)) == NULL)
    return;
  object = json_node_get_object (root);
  office = member_string (object, "office");
  if (office == NULL)
    return central_reply_error (call, 400, _("“office” is not a string"), "office");
  if (!g_str_equal (office, call->office))
    return central_reply_error (call, 403, _("The token is not of this office"), "office");
  member = json_object_get_member (object, "units");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return central_reply_error (call, 400, _("“units” is not an array"), "units");
  if ((units = read_units (call, json_node_get_array (member))) == NULL)
    return;
  if (!shequ_central_storage_put_units (call->api->storage, call->office, units, &error))
    return central_reply_gerror (call, error, "units");
  central_changed (call);
  central_reply_json (call, 200, g_strdup_printf ("{\"office\":\"%s\",\"units\":%u}",
                                                  call->office, units->len));
}

/* --- attachments ------------------------------------------------------------------------- */

/* What the public pages may serve: nothing a browser would run. */
static const char *const attachment_types[] = {
  "application/pdf", "image/png", "image/jpeg",
};

static const char *
known_type (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (attachment_types); i++)
    if (g_ascii_strcasecmp (type, attachment_types[i]) == 0)
      return attachment_types[i];
  return NULL;
}

static void
put_attachment (ShequCentralCall *call,
                const char       *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = NULL;
  GBytes *body = call->request->body;
  const char *type = known_type (soup_message_headers_get_content_type (call->request->headers,
                                                                        NULL));
  gboolean created = FALSE;

  if (type == NULL)
    return central_reply_error (call, 415, _("An attachment must be application/pdf, "
                                             "image/png or image/jpeg"), "Content-Type");
  if (body == NULL)
    body = empty = g_bytes_new (NULL, 0);
  if (g_bytes_get_size (body) > SHEQU_ATTACHMENT_SIZE_MAX)
    return central_reply_error (call, 413, _("The attachment is over 10 MiB"), "body");
  if (!shequ_central_storage_put_attachment (call->api->storage, sha256, type, body, &created,
                                             &error))
    return central_reply_gerror (call, error, "body");
  if (created)
    central_changed (call);
  central_reply_json (call, created ? 201 : 200,
                      g_strdup_printf ("{\"sha256\":\"%s\",\"size\":%" G_GSIZE_FORMAT "}",
                                       sha256, g_bytes_get_size (body)));
}

static void
get_attachment (ShequCentralCall *call,
                const char       *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mime = NULL;
  GBytes *bytes;
  gboolean has = FALSE;

  if (g_str_equal (call->request->method, "HEAD"))
    {
      if (!shequ_central_storage_has_attachment (call->api->storage, sha256, &has, &error))
        return central_reply_gerror (call, error, "path");
      call->response->status = has ? 200 : 404;
      return;
    }
  bytes = shequ_central_storage_get_attachment (call->api->storage, sha256, &mime, &error);
  if (bytes == NULL)
    return central_reply_gerror (call, error, "path");
  g_clear_pointer (&call->response->body, g_bytes_unref);
  call->response->status = 200;
  /* Only the known types were stored; anything else is served as bytes. */
  call->response->content_type = known_type (mime) != NULL ? known_type (mime)
                                                           : "application/octet-stream";
  call->response->body = bytes;
}

void
central_api_attachment (ShequCentralCall *call)
{
  const char *sha256 = call->segments[1];
  const char *method = call->request->method;

  if (!shequ_central_is_sha256 (sha256))
    return central_reply_error (call, 400, _("The path does not end in a SHA-256 "
                                             "(64 lower-case hex digits)"), "path");
  if (g_str_equal (method, "PUT"))
    put_attachment (call, sha256);
  else if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    get_attachment (call, sha256);
  else
    central_reply_method_not_allowed (call, "GET, HEAD, PUT");
}
