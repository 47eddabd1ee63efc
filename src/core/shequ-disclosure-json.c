/* SKELETON: stubs generated from shequ-disclosure-json.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-disclosure-json.h"

JsonNode *
shequ_disclosure_to_json_node (const ShequDisclosure *d)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

char *
shequ_disclosure_to_json (const ShequDisclosure *d)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequDisclosure *
shequ_disclosure_from_json_node (JsonNode *node, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequDisclosure *
shequ_disclosure_from_json (const char *data, gssize length, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_json_get_int (JsonObject *object, const char *member, gint64 *value)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

const char *
shequ_json_get_string (JsonObject *object, const char *member)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}
