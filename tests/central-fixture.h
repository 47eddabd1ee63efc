/* central-fixture.h — offices, units and puts the shequ-central tests share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "shequ-central-storage.h"
#include "shequ-disclosure-json.h"
#include "shequ-test-disclosure.h"
#include "shequ-test-util.h"

G_BEGIN_DECLS

/* Pingyi Street's office, whose units the test disclosures belong to, and another. */
#define CENTRAL_OFFICE       "371326001"
#define CENTRAL_OTHER_OFFICE "371326002"
/* The bytes the finance disclosure's attachment names by its SHA-256. */
#define CENTRAL_ATTACHMENT   "test"

/* The shequ-central program under test (SHEQU_CENTRAL, set by meson). */
static inline const char *
central_program (void)
{
  const char *path = g_getenv ("SHEQU_CENTRAL");

  g_assert_nonnull (path);
  return path;
}

/* Whether NEEDLE occurs in the bytes of the file PATH (missing: no): a secret must not. */
static inline gboolean
central_file_contains (const char *path,
                       const char *needle)
{
  g_autofree char *data = NULL;
  gsize size = 0, len = strlen (needle);

  if (!g_file_get_contents (path, &data, &size, NULL))
    return FALSE;
  for (gsize i = 0; i + len <= size; i++)
    if (memcmp (data + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

static inline ShequCentralUnit *
central_unit_new (const char *code,
                  const char *name,
                  const char *tier,
                  const char *parent)
{
  ShequCentralUnit *unit = g_new0 (ShequCentralUnit, 1);

  unit->code = g_strdup (code);
  unit->name = g_strdup (name);
  unit->tier = g_strdup (tier);
  unit->parent_code = g_strdup (parent);
  return unit;
}

/* OFFICE's street, an area, a community and a village (codes OFFICE, OFFICE01,
 * OFFICE01001, OFFICE01002). */
static inline GPtrArray *
central_fixture_units (const char *office)
{
  GPtrArray *units = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_central_unit_free);
  g_autofree char *area = g_strconcat (office, "01", NULL);
  g_autofree char *community = g_strconcat (office, "01001", NULL);
  g_autofree char *village = g_strconcat (office, "01002", NULL);

  g_ptr_array_add (units, central_unit_new (office, "平邑街道", "street", NULL));
  g_ptr_array_add (units, central_unit_new (area, "东片区", "area", office));
  g_ptr_array_add (units, central_unit_new (community, "东关社区", "community", area));
  g_ptr_array_add (units, central_unit_new (village, "西村", "village", area));
  return units;
}

static inline void
central_fixture_put_units (ShequCentralStorage *storage,
                           const char          *office)
{
  g_autoptr(GPtrArray) units = central_fixture_units (office);
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_central_storage_put_units (storage, office, units, &error));
  g_assert_no_error (error);
}

/* CONTENT stored as a PDF attachment, under its SHA-256. */
static inline void
central_fixture_put_attachment (ShequCentralStorage *storage,
                                const char          *content)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (content, strlen (content));
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  g_assert_true (shequ_central_storage_put_attachment (storage, sha256, "application/pdf",
                                                       bytes, &created, &error));
  g_assert_no_error (error);
}

/* A new SQLite storage at PATH. */
static inline ShequCentralStorage *
central_fixture_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  ShequCentralStorage *storage = shequ_central_sqlite_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (storage);
  return storage;
}

/* A storage at PATH with both offices' units and the finance disclosure's attachment. */
static inline ShequCentralStorage *
central_fixture_storage (const char *path)
{
  ShequCentralStorage *storage = central_fixture_open (path);

  central_fixture_put_units (storage, CENTRAL_OFFICE);
  central_fixture_put_units (storage, CENTRAL_OTHER_OFFICE);
  central_fixture_put_attachment (storage, CENTRAL_ATTACHMENT);
  return storage;
}

/* One put of DOC by OFFICE (IF_MATCH as ShequCentralPut says; KEY may be NULL). */
static inline ShequCentralPutResult
central_fixture_put (ShequCentralStorage   *storage,
                     const char            *office,
                     const ShequDisclosure *doc,
                     gint64                 if_match,
                     const char            *key)
{
  g_autofree char *json = shequ_disclosure_to_json (doc);
  g_autoptr(ShequDisclosure) copy = shequ_disclosure_copy (doc);
  g_autoptr(GError) error = NULL;
  ShequCentralPutResult result = { 0 };
  ShequCentralPut put = {
    .uuid = doc->uuid,
    .if_match = if_match,
    .key = key,
    .doc = copy,
    .json = json,
  };

  g_assert_true (shequ_central_storage_put_documents (storage, office, &put, 1, &result,
                                                      &error));
  g_assert_no_error (error);
  return result;
}

G_END_DECLS
