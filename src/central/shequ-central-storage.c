/* SKELETON: stubs generated from shequ-central-storage.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-central-storage.h"

G_DEFINE_QUARK (shequ-central-error-quark, shequ_central_error)
G_DEFINE_INTERFACE (ShequCentralStorage, shequ_central_storage, G_TYPE_OBJECT)

static void
shequ_central_storage_default_init (ShequCentralStorageInterface *iface)
{
}

void
shequ_central_token_free (ShequCentralToken *token)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_central_unit_free (ShequCentralUnit *unit)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_central_document_free (ShequCentralDocument *document)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

void
shequ_central_put_result_clear (ShequCentralPutResult *result)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}



















ShequCentralStorage *
shequ_central_sqlite_new (const char *path, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_central_storage_add_token (ShequCentralStorage *self, const char *office, const char *label, const guint8 *hash, gint64 *id, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_central_storage_get_token (ShequCentralStorage *self, gint64 id, guint8 *hash, char **office, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

GPtrArray *
shequ_central_storage_list_tokens (ShequCentralStorage *self, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_central_storage_revoke_token (ShequCentralStorage *self, gint64 id, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_central_storage_put_units (ShequCentralStorage *self, const char *office, GPtrArray *units, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_central_storage_put_documents (ShequCentralStorage *self, const char *office, const ShequCentralPut *puts, guint n_puts, ShequCentralPutResult *results, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

ShequCentralDocument *
shequ_central_storage_get_document (ShequCentralStorage *self, const char *uuid, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GPtrArray *
shequ_central_storage_list_changes (ShequCentralStorage *self, const char *office, gint64 since, guint limit, gint64 *cursor, gboolean *more, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_central_storage_put_attachment (ShequCentralStorage *self, const char *sha256, const char *mime, GBytes *bytes, gboolean *created, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

GBytes *
shequ_central_storage_get_attachment (ShequCentralStorage *self, const char *sha256, char **mime, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_central_storage_has_attachment (ShequCentralStorage *self, const char *sha256, gboolean *has, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

GPtrArray *
shequ_central_storage_list_public_units (ShequCentralStorage *self, guint page, guint per_page, guint *total, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequCentralUnit *
shequ_central_storage_get_unit (ShequCentralStorage *self, const char *code, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GPtrArray *
shequ_central_storage_list_public_documents (ShequCentralStorage *self, const char *code, guint page, guint per_page, guint *total, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_central_storage_get_stamp (ShequCentralStorage *self, const char *code, gint64 *seq, gint64 *modified_unix, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_central_storage_expire_keys (ShequCentralStorage *self, gint64 max_age, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}
