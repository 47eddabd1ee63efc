/* shequ-central-storage.c — the server's storage interface: its calls and its records */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-storage"

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
  if (token == NULL)
    return;
  g_free (token->office);
  g_free (token->label);
  g_free (token->created_at);
  g_free (token->revoked_at);
  g_free (token);
}

void
shequ_central_unit_free (ShequCentralUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->code);
  g_free (unit->name);
  g_free (unit->tier);
  g_free (unit->parent_code);
  g_free (unit->updated_at);
  g_free (unit);
}

void
shequ_central_document_free (ShequCentralDocument *document)
{
  if (document == NULL)
    return;
  g_clear_pointer (&document->doc, shequ_disclosure_free);
  g_free (document->updated_at);
  g_free (document->json);
  g_free (document->office);
  g_free (document);
}

void
shequ_central_put_result_clear (ShequCentralPutResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->current, shequ_central_document_free);
  g_clear_pointer (&result->error, g_free);
  result->status = 0;
  result->revision = 0;
  result->cursor = 0;
}

/* Each call checks its object and forwards to the implementation. */
#define STORAGE_IFACE(self) SHEQU_CENTRAL_STORAGE_GET_IFACE (self)

gboolean
shequ_central_storage_add_token (ShequCentralStorage *self,
                                 const char          *office,
                                 const char          *label,
                                 const guint8        *hash,
                                 gint64              *id,
                                 GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (office != NULL && hash != NULL && id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STORAGE_IFACE (self)->add_token (self, office, label, hash, id, error);
}

gboolean
shequ_central_storage_get_token (ShequCentralStorage *self,
                                 gint64               id,
                                 guint8              *hash,
                                 char               **office,
                                 GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (hash != NULL && office != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STORAGE_IFACE (self)->get_token (self, id, hash, office, error);
}

GPtrArray *
shequ_central_storage_list_tokens (ShequCentralStorage *self,
                                   GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STORAGE_IFACE (self)->list_tokens (self, error);
}

gboolean
shequ_central_storage_revoke_token (ShequCentralStorage *self,
                                    gint64               id,
                                    GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STORAGE_IFACE (self)->revoke_token (self, id, error);
}

gboolean
shequ_central_storage_put_units (ShequCentralStorage *self,
                                 const char          *office,
                                 GPtrArray           *units,
                                 GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (office != NULL && units != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STORAGE_IFACE (self)->put_units (self, office, units, error);
}

gboolean
shequ_central_storage_put_documents (ShequCentralStorage   *self,
                                     const char            *office,
                                     const ShequCentralPut *puts,
                                     guint                  n_puts,
                                     ShequCentralPutResult *results,
                                     GError               **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);
  g_return_val_if_fail (n_puts == 0 || (puts != NULL && results != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STORAGE_IFACE (self)->put_documents (self, office, puts, n_puts, results, error);
}

ShequCentralDocument *
shequ_central_storage_get_document (ShequCentralStorage *self,
                                    const char          *uuid,
                                    GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STORAGE_IFACE (self)->get_document (self, uuid, error);
}

GPtrArray *
shequ_central_storage_list_changes (ShequCentralStorage *self,
                                    const char          *office,
                                    gint64               since,
                                    guint                limit,
                                    gint64              *cursor,
                                    gboolean            *more,
                                    GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (office != NULL && cursor != NULL && more != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STORAGE_IFACE (self)->list_changes (self, office, since, limit, cursor, more, error);
}

gboolean
shequ_central_storage_put_attachment (ShequCentralStorage *self,
                                      const char          *sha256,
                                      const char          *mime,
                                      GBytes              *bytes,
                                      gboolean            *created,
                                      GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL && bytes != NULL && created != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STORAGE_IFACE (self)->put_attachment (self, sha256, mime, bytes, created, error);
}

GBytes *
shequ_central_storage_get_attachment (ShequCentralStorage *self,
                                      const char          *sha256,
                                      char               **mime,
                                      GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STORAGE_IFACE (self)->get_attachment (self, sha256, mime, error);
}

gboolean
shequ_central_storage_has_attachment (ShequCentralStorage *self,
                                      const char          *sha256,
                                      gboolean            *has,
                                      GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL && has != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STORAGE_IFACE (self)->has_attachment (self, sha256, has, error);
}

GPtrArray *
shequ_central_storage_list_public_units (ShequCentralStorage *self,
                                         guint                page,
                                         guint                per_page,
                                         guint               *total,
                                         GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (per_page > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STORAGE_IFACE (self)->list_public_units (self, page, per_page, total, error);
}

ShequCentralUnit *
shequ_central_storage_get_unit (ShequCentralStorage *self,
                                const char          *code,
                                GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STORAGE_IFACE (self)->get_unit (self, code, error);
}

GPtrArray *
shequ_central_storage_list_public_documents (ShequCentralStorage *self,
                                             const char          *code,
                                             guint                page,
                                             guint                per_page,
                                             guint               *total,
                                             GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (code != NULL && per_page > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return STORAGE_IFACE (self)->list_public_documents (self, code, page, per_page, total,
                                                       error);
}

gboolean
shequ_central_storage_get_stamp (ShequCentralStorage *self,
                                 const char          *code,
                                 gint64              *seq,
                                 gint64              *modified_unix,
                                 GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (seq != NULL && modified_unix != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STORAGE_IFACE (self)->get_stamp (self, code, seq, modified_unix, error);
}

gboolean
shequ_central_storage_expire_keys (ShequCentralStorage *self,
                                   gint64               max_age,
                                   GError             **error)
{
  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return STORAGE_IFACE (self)->expire_keys (self, max_age, error);
}
