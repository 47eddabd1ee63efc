/* shequ-test-fake-central.c — an in-memory ShequCentralStorage for the public pages' tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-test"

#include "config.h"

#include <string.h>

#include "shequ-test-fake-central.h"

struct _ShequTestFakeCentral
{
  GObject     parent_instance;
  GPtrArray  *units;        /* ShequCentralUnit, by code */
  GPtrArray  *docs;         /* ShequDisclosure, newest added first */
  GHashTable *files;        /* sha256 → GBytes */
  GHashTable *mimes;        /* sha256 → mime */
  gint64      seq;
  guint       n_reads;
  guint       n_stamps;
  gboolean    failing;
};

static void storage_iface_init (ShequCentralStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShequTestFakeCentral, shequ_test_fake_central, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHEQU_TYPE_CENTRAL_STORAGE,
                                                      storage_iface_init))

static gboolean
check (ShequTestFakeCentral *self, GError **error)
{
  self->n_reads++;
  if (!self->failing)
    return TRUE;
  g_set_error_literal (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_STORAGE,
                       "the fake storage fails");
  return FALSE;
}

static ShequCentralUnit *
unit_copy (const ShequCentralUnit *u)
{
  ShequCentralUnit *copy = g_new0 (ShequCentralUnit, 1);

  copy->code = g_strdup (u->code);
  copy->name = g_strdup (u->name);
  copy->tier = g_strdup (u->tier);
  copy->parent_code = g_strdup (u->parent_code);
  copy->n_published = u->n_published;
  copy->updated_at = g_strdup (u->updated_at);
  return copy;
}

static gboolean
doc_is_public (const ShequDisclosure *d)
{
  for (guint i = 0; i < d->versions->len; i++)
    {
      ShequDisclosureVersion *v = g_ptr_array_index (d->versions, i);

      if (v->state >= SHEQU_DISCLOSURE_STATE_PUBLISHED)
        return TRUE;
    }
  return FALSE;
}

/* The unit with its count and last publication filled in. */
static ShequCentralUnit *
unit_with_counts (ShequTestFakeCentral *self, const ShequCentralUnit *u)
{
  ShequCentralUnit *copy = unit_copy (u);

  for (guint i = 0; i < self->docs->len; i++)
    {
      ShequDisclosure *d = g_ptr_array_index (self->docs, i);
      ShequDisclosureVersion *v = shequ_disclosure_get_current (d);

      if (strcmp (d->unit_code, u->code) != 0 || !doc_is_public (d))
        continue;
      copy->n_published++;
      if (v->published_at != NULL && g_strcmp0 (v->published_at, copy->updated_at) > 0)
        {
          g_free (copy->updated_at);
          copy->updated_at = g_strdup (v->published_at);
        }
    }
  return copy;
}

static ShequCentralUnit *
fake_get_unit (ShequCentralStorage *storage, const char *code, GError **error)
{
  ShequTestFakeCentral *self = SHEQU_TEST_FAKE_CENTRAL (storage);

  if (!check (self, error))
    return NULL;
  for (guint i = 0; i < self->units->len; i++)
    {
      ShequCentralUnit *u = g_ptr_array_index (self->units, i);

      if (strcmp (u->code, code) == 0)
        return unit_with_counts (self, u);
    }
  g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND, "no unit %s", code);
  return NULL;
}

static GPtrArray *
fake_list_public_units (ShequCentralStorage *storage, guint page, guint per_page,
                        guint *total, GError **error)
{
  ShequTestFakeCentral *self = SHEQU_TEST_FAKE_CENTRAL (storage);
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_central_unit_free);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_central_unit_free);

  if (!check (self, error))
    {
      g_ptr_array_unref (all);
      g_ptr_array_unref (result);
      return NULL;
    }
  for (guint i = 0; i < self->units->len; i++)
    {
      ShequCentralUnit *u = unit_with_counts (self, g_ptr_array_index (self->units, i));

      if (u->n_published > 0)
        g_ptr_array_add (all, u);
      else
        shequ_central_unit_free (u);
    }
  *total = all->len;
  for (guint i = page * per_page; i < all->len && i < (page + 1) * per_page; i++)
    g_ptr_array_add (result, unit_copy (g_ptr_array_index (all, i)));
  g_ptr_array_unref (all);
  return result;
}

static ShequCentralDocument *
document_for (const ShequDisclosure *d, gint64 revision)
{
  ShequCentralDocument *doc = g_new0 (ShequCentralDocument, 1);

  doc->doc = shequ_disclosure_copy (d);
  doc->revision = revision;
  doc->seq = revision;
  doc->updated_at = g_strdup (shequ_disclosure_get_current (d)->published_at);
  return doc;
}

static GPtrArray *
fake_list_public_documents (ShequCentralStorage *storage, const char *code, guint page,
                            guint per_page, guint *total, GError **error)
{
  ShequTestFakeCentral *self = SHEQU_TEST_FAKE_CENTRAL (storage);
  GPtrArray *result = g_ptr_array_new_with_free_func (
    (GDestroyNotify) shequ_central_document_free);
  guint n = 0;

  if (!check (self, error))
    {
      g_ptr_array_unref (result);
      return NULL;
    }
  for (guint i = 0; i < self->docs->len; i++)
    {
      ShequDisclosure *d = g_ptr_array_index (self->docs, i);

      if (strcmp (d->unit_code, code) != 0)
        continue;
      if (n >= page * per_page && n < (page + 1) * per_page)
        g_ptr_array_add (result, document_for (d, i + 1));
      n++;
    }
  *total = n;
  return result;
}

static ShequCentralDocument *
fake_get_document (ShequCentralStorage *storage, const char *uuid, GError **error)
{
  ShequTestFakeCentral *self = SHEQU_TEST_FAKE_CENTRAL (storage);

  if (!check (self, error))
    return NULL;
  for (guint i = 0; i < self->docs->len; i++)
    {
      ShequDisclosure *d = g_ptr_array_index (self->docs, i);

      if (strcmp (d->uuid, uuid) == 0)
        return document_for (d, i + 1);
    }
  g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND, "no %s", uuid);
  return NULL;
}

static GBytes *
fake_get_attachment (ShequCentralStorage *storage, const char *sha256, char **mime,
                     GError **error)
{
  ShequTestFakeCentral *self = SHEQU_TEST_FAKE_CENTRAL (storage);
  GBytes *bytes;

  if (!check (self, error))
    return NULL;
  if ((bytes = g_hash_table_lookup (self->files, sha256)) == NULL)
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND, "no %s", sha256);
      return NULL;
    }
  *mime = g_strdup (g_hash_table_lookup (self->mimes, sha256));
  return g_bytes_ref (bytes);
}

static gboolean
fake_get_stamp (ShequCentralStorage *storage, const char *code, gint64 *seq,
                gint64 *modified_unix, GError **error)
{
  ShequTestFakeCentral *self = SHEQU_TEST_FAKE_CENTRAL (storage);

  self->n_stamps++;
  if (self->failing)
    {
      g_set_error_literal (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_STORAGE,
                           "the fake storage fails");
      return FALSE;
    }
  *seq = self->seq;
  /* 2026-10-05T08:00:00Z plus a minute per change. */
  *modified_unix = 1791187200 + 60 * self->seq;
  return TRUE;
}

static void
storage_iface_init (ShequCentralStorageInterface *iface)
{
  iface->get_unit = fake_get_unit;
  iface->list_public_units = fake_list_public_units;
  iface->list_public_documents = fake_list_public_documents;
  iface->get_document = fake_get_document;
  iface->get_attachment = fake_get_attachment;
  iface->get_stamp = fake_get_stamp;
}

static void
shequ_test_fake_central_finalize (GObject *object)
{
  ShequTestFakeCentral *self = SHEQU_TEST_FAKE_CENTRAL (object);

  g_ptr_array_unref (self->units);
  g_ptr_array_unref (self->docs);
  g_hash_table_unref (self->files);
  g_hash_table_unref (self->mimes);
  G_OBJECT_CLASS (shequ_test_fake_central_parent_class)->finalize (object);
}

static void
shequ_test_fake_central_class_init (ShequTestFakeCentralClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_test_fake_central_finalize;
}

static void
shequ_test_fake_central_init (ShequTestFakeCentral *self)
{
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_central_unit_free);
  self->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_disclosure_free);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_bytes_unref);
  self->mimes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->seq = 1;
}

ShequTestFakeCentral *
shequ_test_fake_central_new (void)
{
  return g_object_new (SHEQU_TYPE_TEST_FAKE_CENTRAL, NULL);
}

void
shequ_test_fake_central_add_unit (ShequTestFakeCentral *self, const char *code,
                                  const char *name, const char *tier, const char *parent)
{
  ShequCentralUnit u = { (char *) code, (char *) name, (char *) tier, (char *) parent, 0, NULL };

  g_ptr_array_add (self->units, unit_copy (&u));
  self->seq++;
}

void
shequ_test_fake_central_add_document (ShequTestFakeCentral *self, ShequDisclosure *doc)
{
  /* Newest first, as the storage lists them. */
  g_ptr_array_insert (self->docs, 0, doc);
  self->seq++;
}

void
shequ_test_fake_central_add_attachment (ShequTestFakeCentral *self, const char *sha256,
                                        const char *mime, const char *data)
{
  g_hash_table_replace (self->files, g_strdup (sha256),
                        g_bytes_new (data, strlen (data)));
  g_hash_table_replace (self->mimes, g_strdup (sha256), g_strdup (mime));
  self->seq++;
}

guint
shequ_test_fake_central_get_n_reads (ShequTestFakeCentral *self)
{
  return self->n_reads;
}

guint
shequ_test_fake_central_get_n_stamps (ShequTestFakeCentral *self)
{
  return self->n_stamps;
}

void
shequ_test_fake_central_reset_counts (ShequTestFakeCentral *self)
{
  self->n_reads = 0;
  self->n_stamps = 0;
}

void
shequ_test_fake_central_set_failing (ShequTestFakeCentral *self, gboolean fail)
{
  self->failing = fail;
}
