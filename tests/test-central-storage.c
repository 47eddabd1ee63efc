/* test-central-storage.c — shequ-central's SQLite storage, in-process */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-central-storage"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "central-fixture.h"
#include "shequ-central-tokens.h"

typedef struct {
  ShequTestDir         dir;
  ShequCentralStorage *storage;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  shequ_test_dir_init (&f->dir, "test-central-storage-XXXXXX", "central.db");
  f->storage = central_fixture_storage (f->dir.db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->storage);
  shequ_test_dir_clear (&f->dir);
}

static void
test_tokens (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *office = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *wal = NULL;
  const char *secret = NULL;
  gint64 id = 0;

  token = shequ_central_tokens_add (f->storage, CENTRAL_OFFICE, "一号电脑", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (token, "shq1.1."));
  g_assert_cmpuint (strlen (token), ==, strlen ("shq1.1.") + 43);
  g_assert_true (shequ_central_token_parse (token, &id, &secret));
  g_assert_cmpint (id, ==, 1);
  other = shequ_central_tokens_add (f->storage, CENTRAL_OTHER_OFFICE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token + 7, !=, other + 7);

  g_assert_true (shequ_central_tokens_check (f->storage, token, &office, &error));
  g_assert_cmpstr (office, ==, CENTRAL_OFFICE);
  g_clear_pointer (&office, g_free);
  /* One changed character, the other office's id with this secret, junk. */
  forged = g_strdup (token);
  forged[strlen (forged) - 1] = forged[strlen (forged) - 1] == 'A' ? 'B' : 'A';
  g_assert_true (shequ_central_tokens_check (f->storage, forged, &office, &error));
  g_assert_null (office);
  g_free (forged);
  forged = g_strdup_printf ("shq1.2.%s", secret);
  g_assert_true (shequ_central_tokens_check (f->storage, forged, &office, &error));
  g_assert_null (office);
  for (guint i = 0; i < 4; i++)
    {
      const char *junk[] = { "", "shq1.", "shq1.1.", "shq1.99999999999999999999.x" };

      g_assert_true (shequ_central_tokens_check (f->storage, junk[i], &office, &error));
      g_assert_null (office);
    }
  g_assert_null (shequ_central_tokens_add (f->storage, "37x", NULL, &error));
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (shequ_central_storage_revoke_token (f->storage, 1, &error));
  g_assert_true (shequ_central_tokens_check (f->storage, token, &office, &error));
  g_assert_null (office);
  g_assert_false (shequ_central_storage_revoke_token (f->storage, 9, &error));
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  tokens = shequ_central_storage_list_tokens (f->storage, &error);
  g_assert_cmpuint (tokens->len, ==, 2);
  g_assert_cmpstr (((ShequCentralToken *) tokens->pdata[0])->label, ==, "一号电脑");
  g_assert_nonnull (((ShequCentralToken *) tokens->pdata[0])->revoked_at);
  g_assert_null (((ShequCentralToken *) tokens->pdata[1])->revoked_at);

  /* Only hashes are kept: no secret in the database or its log. */
  g_clear_object (&f->storage);
  wal = g_strconcat (f->dir.db, "-wal", NULL);
  g_assert_true (central_file_contains (f->dir.db, CENTRAL_OFFICE));
  g_assert_false (central_file_contains (f->dir.db, secret));
  g_assert_false (central_file_contains (wal, secret));
  g_assert_false (central_file_contains (f->dir.db, other + 7));
}

static void
test_units (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) units = central_fixture_units (CENTRAL_OFFICE);
  g_autoptr(GPtrArray) foreign = central_fixture_units (CENTRAL_OTHER_OFFICE);
  g_autoptr(ShequCentralUnit) unit = NULL;
  g_autoptr(GError) error = NULL;

  unit = shequ_central_storage_get_unit (f->storage, CENTRAL_OFFICE "01001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unit->name, ==, "东关社区");
  g_assert_cmpstr (unit->parent_code, ==, CENTRAL_OFFICE "01");
  g_clear_pointer (&unit, shequ_central_unit_free);

  /* Replacing drops the units not sent again. */
  g_ptr_array_remove_index (units, 3);
  g_assert_true (shequ_central_storage_put_units (f->storage, CENTRAL_OFFICE, units, &error));
  g_assert_null (shequ_central_storage_get_unit (f->storage, CENTRAL_OFFICE "01002", &error));
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A code twice: refused whole. */
  g_ptr_array_add (units, central_unit_new (CENTRAL_OFFICE "01", "重复", "area", NULL));
  g_assert_false (shequ_central_storage_put_units (f->storage, CENTRAL_OFFICE, units, &error));
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID);
  g_clear_error (&error);
  g_ptr_array_remove_index (units, units->len - 1);

  /* Another office's unit: refused whole, nothing changed. */
  g_ptr_array_add (units, central_unit_new (CENTRAL_OTHER_OFFICE "01", "越界", "area", NULL));
  g_assert_false (shequ_central_storage_put_units (f->storage, CENTRAL_OFFICE, units, &error));
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (shequ_central_storage_put_units (f->storage, CENTRAL_OTHER_OFFICE, units,
                                                   &error));
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_FORBIDDEN);
  g_clear_error (&error);
  unit = shequ_central_storage_get_unit (f->storage, CENTRAL_OFFICE "01001", &error);
  g_assert_no_error (error);
  g_clear_pointer (&unit, shequ_central_unit_free);
  unit = shequ_central_storage_get_unit (f->storage, CENTRAL_OTHER_OFFICE "01", &error);
  g_assert_cmpstr (unit->name, ==, "东片区");
  g_assert_cmpuint (foreign->len, ==, 4);
}

static void
assert_result (const ShequCentralPutResult *result,
               guint                        status,
               gint64                       revision)
{
  if (result->error != NULL)
    g_test_message ("refused: %s", result->error);
  g_assert_cmpuint (result->status, ==, status);
  g_assert_cmpint (result->revision, ==, revision);
}

/* A put of DOC by OFFICE that must answer STATUS with REVISION: its cursor. */
static gint64
put_expect (Fixture               *f,
            const char            *office,
            const ShequDisclosure *doc,
            gint64                 if_match,
            const char            *key,
            guint                  status,
            gint64                 revision)
{
  g_auto(ShequCentralPutResult) result = central_fixture_put (f->storage, office, doc,
                                                              if_match, key);

  assert_result (&result, status, revision);
  return result.cursor;
}

static ShequDisclosureVersion *
current_of (ShequDisclosure *doc)
{
  return shequ_disclosure_get_current (doc);
}

static void
test_revisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();
  g_autoptr(ShequCentralDocument) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ShequCentralPutResult) result = { 0 };
  gint64 seq = 0;

  seq = put_expect (f, CENTRAL_OFFICE, doc, 0, NULL, 201, 1);
  g_assert_cmpint (seq, >, 0);

  /* The same content again: no new revision, whatever the precondition. */
  g_assert_cmpint (put_expect (f, CENTRAL_OFFICE, doc, 1, NULL, 200, 1), ==, seq);

  g_free (current_of (doc)->title);
  current_of (doc)->title = g_strdup ("第三次修改");
  g_assert_cmpint (put_expect (f, CENTRAL_OFFICE, doc, 1, NULL, 200, 2), >, seq);

  /* Someone else wrote first: 412 with the server's document, nothing written. */
  g_free (current_of (doc)->title);
  current_of (doc)->title = g_strdup ("另一台电脑");
  result = central_fixture_put (f->storage, CENTRAL_OFFICE, doc, 1, NULL);
  assert_result (&result, 412, 2);
  g_assert_nonnull (result.current);
  g_assert_cmpint (result.current->revision, ==, 2);
  g_assert_cmpstr (current_of (result.current->doc)->title, ==, "第三次修改");
  shequ_central_put_result_clear (&result);
  put_expect (f, CENTRAL_OFFICE, doc, 0, NULL, 412, 2);

  stored = shequ_central_storage_get_document (f->storage, doc->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->revision, ==, 2);
  g_assert_cmpstr (current_of (stored->doc)->title, ==, "第三次修改");
  g_assert_nonnull (strstr (stored->json, "第三次修改"));

  /* If-Match on a document the server never had. */
  g_free (doc->uuid);
  doc->uuid = shequ_disclosure_make_uuid ();
  result = central_fixture_put (f->storage, CENTRAL_OFFICE, doc, 3, NULL);
  assert_result (&result, 412, 0);
  g_assert_null (result.current);
}

static gint64
count_changes (ShequCentralStorage *storage,
               const char          *office)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cursor = 0;
  gboolean more = FALSE;

  changes = shequ_central_storage_list_changes (storage, office, 0, 1000, &cursor, &more,
                                                &error);
  g_assert_no_error (error);
  g_assert_false (more);
  return changes->len;
}

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_draft ("通知");
  g_auto(ShequCentralPutResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  ShequCentralPut bad = { .uuid = doc->uuid, .key = "outbox-1", .invalid = "broken" };
  gint64 cursor;

  cursor = put_expect (f, CENTRAL_OFFICE, doc, 0, "outbox-1", 201, 1);

  /* The reply was lost: the same key again gets the same answer, with its If-Match
   * changed, with another body, or with none that reads. */
  g_assert_cmpint (put_expect (f, CENTRAL_OFFICE, doc, 0, "outbox-1", 201, 1), ==, cursor);
  g_free (current_of (doc)->title);
  current_of (doc)->title = g_strdup ("改过");
  put_expect (f, CENTRAL_OFFICE, doc, 7, "outbox-1", 201, 1);
  g_assert_true (shequ_central_storage_put_documents (f->storage, CENTRAL_OFFICE, &bad, 1,
                                                      &result, &error));
  assert_result (&result, 201, 1);
  shequ_central_put_result_clear (&result);
  g_assert_cmpint (count_changes (f->storage, CENTRAL_OFFICE), ==, 1);

  /* A key is the office's own: the other office's same key is another put. */
  bad.key = "outbox-2";
  g_assert_true (shequ_central_storage_put_documents (f->storage, CENTRAL_OFFICE, &bad, 1,
                                                      &result, &error));
  g_assert_cmpuint (result.status, ==, 400);
  g_assert_cmpstr (result.error, ==, "broken");
  shequ_central_put_result_clear (&result);

  /* The next edit with a new key. */
  put_expect (f, CENTRAL_OFFICE, doc, 1, "outbox-3", 200, 2);
  g_assert_cmpint (count_changes (f->storage, CENTRAL_OFFICE), ==, 1);

  /* Expiring keys older than an hour keeps these. */
  g_assert_true (shequ_central_storage_expire_keys (f->storage, 3600, &error));
  put_expect (f, CENTRAL_OFFICE, doc, 0, "outbox-1", 201, 1);
  /* All of them go at age −1. */
  g_assert_true (shequ_central_storage_expire_keys (f->storage, -1, &error));
  put_expect (f, CENTRAL_OFFICE, doc, 0, "outbox-1", 412, 2);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) other = shequ_test_disclosure_draft ("别处");
  g_auto(ShequCentralPutResult) result = { 0 };
  ShequDisclosureVersion *published;
  ShequAttachmentRef *ref;

  /* Not the office's unit. */
  result = central_fixture_put (f->storage, CENTRAL_OTHER_OFFICE, doc, 0, "k1");
  assert_result (&result, 403, 0);
  g_assert_nonnull (strstr (result.error, doc->unit_code));
  shequ_central_put_result_clear (&result);

  /* A unit the server does not have. */
  g_free (other->unit_code);
  other->unit_code = g_strdup (CENTRAL_OFFICE "09009");
  result = central_fixture_put (f->storage, CENTRAL_OFFICE, other, 0, "k2");
  assert_result (&result, 400, 0);
  g_assert_nonnull (strstr (result.error, CENTRAL_OFFICE "09009"));
  shequ_central_put_result_clear (&result);

  /* An attachment the server does not have. */
  published = g_ptr_array_index (doc->versions, 1);
  ref = g_ptr_array_index (published->attachments, 0);
  g_free (ref->sha256);
  ref->sha256 = g_strnfill (64, 'b');
  result = central_fixture_put (f->storage, CENTRAL_OFFICE, doc, 0, "k3");
  assert_result (&result, 400, 0);
  g_assert_nonnull (strstr (result.error, "bbbb"));
  shequ_central_put_result_clear (&result);

  /* Nothing was written, and the refused keys were not kept. */
  g_assert_cmpint (count_changes (f->storage, CENTRAL_OFFICE), ==, 0);
  g_assert_cmpint (count_changes (f->storage, CENTRAL_OTHER_OFFICE), ==, 0);
  g_free (other->unit_code);
  other->unit_code = g_strdup (CENTRAL_OFFICE "01002");
  put_expect (f, CENTRAL_OFFICE, other, 0, "k2", 201, 1);

  /* Another office may not overwrite it, even moved into its own unit. */
  g_free (other->unit_code);
  other->unit_code = g_strdup (CENTRAL_OTHER_OFFICE "01002");
  put_expect (f, CENTRAL_OTHER_OFFICE, other, 1, NULL, 403, 0);
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ShequDisclosure) a = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) b = shequ_test_disclosure_policy ();
  g_autoptr(ShequDisclosure) c = shequ_test_disclosure_draft ("三");
  g_autofree char *json_a = shequ_disclosure_to_json (a);
  g_autofree char *json_b = shequ_disclosure_to_json (b);
  g_autofree char *json_c = shequ_disclosure_to_json (c);
  ShequCentralPutResult results[4] = { 0 };
  g_autoptr(GError) error = NULL;
  ShequCentralPut puts[4] = {
    { a->uuid, 0, "a", a, json_a, NULL },
    { b->uuid, 0, "b", b, json_b, NULL },
    { c->uuid, 5, "c", c, json_c, NULL },     /* never on the server: 412 */
    { a->uuid, 1, "a2", a, json_a, NULL },    /* same content as the first: 200 */
  };

  g_assert_true (shequ_central_storage_put_documents (f->storage, CENTRAL_OFFICE, puts, 4,
                                                      results, &error));
  g_assert_no_error (error);
  assert_result (&results[0], 201, 1);
  assert_result (&results[1], 201, 1);
  assert_result (&results[2], 412, 0);
  assert_result (&results[3], 200, 1);
  g_assert_cmpint (results[1].cursor, >, results[0].cursor);
  for (guint i = 0; i < 4; i++)
    shequ_central_put_result_clear (&results[i]);
  g_assert_cmpint (count_changes (f->storage, CENTRAL_OFFICE), ==, 2);
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 cursor = 0, since = 0;
  gboolean more = TRUE;
  guint seen = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("通知 %u", i);
      g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_draft (title);

      put_expect (f, CENTRAL_OFFICE, doc, 0, NULL, 201, 1);
      g_ptr_array_add (uuids, g_strdup (doc->uuid));
    }
  /* Pages of two, oldest first, until "more" is false. */
  while (more)
    {
      g_autoptr(GPtrArray) page = shequ_central_storage_list_changes (f->storage,
                                                                      CENTRAL_OFFICE, since, 2,
                                                                      &cursor, &more, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, 2);
      for (guint i = 0; i < page->len; i++)
        {
          ShequCentralDocument *document = g_ptr_array_index (page, i);

          g_assert_cmpstr (document->doc->uuid, ==, uuids->pdata[seen]);
          g_assert_cmpint (document->seq, >, since);
          seen++;
        }
      g_assert_cmpint (cursor, >=, since);
      since = cursor;
    }
  g_assert_cmpuint (seen, ==, 5);
  g_assert_cmpint (count_changes (f->storage, CENTRAL_OTHER_OFFICE), ==, 0);
  /* Nothing after the last cursor: the cursor stays. */
  {
    g_autoptr(GPtrArray) none = shequ_central_storage_list_changes (f->storage, CENTRAL_OFFICE,
                                                                    since, 10, &cursor, &more,
                                                                    &error);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpint (cursor, ==, since);
    g_assert_false (more);
  }
}

static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("%PDF-1.4", 8);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *wrong = g_strnfill (64, '0');
  g_autofree char *mime = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE, has = TRUE;

  g_assert_true (shequ_central_storage_has_attachment (f->storage, sha256, &has, &error));
  g_assert_false (has);
  g_assert_true (shequ_central_storage_put_attachment (f->storage, sha256, "application/pdf",
                                                       bytes, &created, &error));
  g_assert_true (created);
  g_assert_true (shequ_central_storage_put_attachment (f->storage, sha256, "application/pdf",
                                                       bytes, &created, &error));
  g_assert_false (created);
  g_assert_false (shequ_central_storage_put_attachment (f->storage, wrong, "application/pdf",
                                                        bytes, &created, &error));
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (shequ_central_storage_has_attachment (f->storage, wrong, &has, &error));
  g_assert_false (has);
  back = shequ_central_storage_get_attachment (f->storage, sha256, &mime, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, bytes));
  g_assert_cmpstr (mime, ==, "application/pdf");
  g_assert_null (shequ_central_storage_get_attachment (f->storage, wrong, NULL, &error));
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND);
}

static void
test_public (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ShequDisclosure) finance = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) policy = shequ_test_disclosure_policy ();
  g_autoptr(ShequDisclosure) draft = shequ_test_disclosure_draft ("草稿");
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(ShequCentralUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq = 0, seq2 = 0, modified = 0;
  guint total = 0;

  g_assert_true (shequ_central_storage_get_stamp (f->storage, NULL, &seq, &modified, &error));
  g_assert_cmpint (modified, >, 0);
  put_expect (f, CENTRAL_OFFICE, finance, 0, NULL, 201, 1);
  put_expect (f, CENTRAL_OFFICE, policy, 0, NULL, 201, 1);
  put_expect (f, CENTRAL_OFFICE, draft, 0, NULL, 201, 1);
  g_assert_true (shequ_central_storage_get_stamp (f->storage, NULL, &seq2, &modified, &error));
  g_assert_cmpint (seq2, >, seq);

  /* The street (policy) and the community (finance); the draft shows nowhere. */
  units = shequ_central_storage_list_public_units (f->storage, 0, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpstr (((ShequCentralUnit *) units->pdata[0])->code, ==, CENTRAL_OFFICE);
  g_assert_cmpstr (((ShequCentralUnit *) units->pdata[1])->code, ==, CENTRAL_OFFICE "01001");
  g_assert_cmpuint (((ShequCentralUnit *) units->pdata[1])->n_published, ==, 1);
  g_clear_pointer (&units, g_ptr_array_unref);
  units = shequ_central_storage_list_public_units (f->storage, 1, 1, &total, &error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpstr (((ShequCentralUnit *) units->pdata[0])->code, ==, CENTRAL_OFFICE "01001");

  documents = shequ_central_storage_list_public_documents (f->storage, CENTRAL_OFFICE "01001",
                                                           0, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpstr (((ShequCentralDocument *) documents->pdata[0])->doc->uuid, ==, finance->uuid);
  unit = shequ_central_storage_get_unit (f->storage, CENTRAL_OFFICE "01001", &error);
  g_assert_cmpuint (unit->n_published, ==, 1);
  g_assert_cmpstr (unit->updated_at, ==, "2026-10-04T08:00:00Z");

  /* A unit's stamp moves with its own documents only. */
  g_assert_true (shequ_central_storage_get_stamp (f->storage, CENTRAL_OFFICE "01002", &seq,
                                                  &modified, &error));
  g_assert_true (shequ_central_storage_get_stamp (f->storage, CENTRAL_OFFICE "01001", &seq2,
                                                  &modified, &error));
  g_assert_cmpint (seq2, >, seq);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ShequDisclosure) doc = shequ_test_disclosure_finance ();
  g_autoptr(ShequCentralDocument) stored = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  put_expect (f, CENTRAL_OFFICE, doc, 0, "k", 201, 1);
  g_clear_object (&f->storage);
  f->storage = central_fixture_open (f->dir.db);
  stored = shequ_central_storage_get_document (f->storage, doc->uuid, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_equal (stored->doc, doc));
  g_clear_object (&f->storage);

  /* A database of a later schema is refused, not changed. */
  g_assert_cmpint (sqlite3_open (f->dir.db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO schema_version VALUES (99)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (shequ_central_sqlite_new (f->dir.db, &error));
  g_assert_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_STORAGE);
  g_assert_nonnull (strstr (error->message, "99"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/central-storage/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("tokens", test_tokens);
  ADD ("units", test_units);
  ADD ("revisions", test_revisions);
  ADD ("idempotency", test_idempotency);
  ADD ("refusals", test_refusals);
  ADD ("batch", test_batch);
  ADD ("changes", test_changes);
  ADD ("attachments", test_attachments);
  ADD ("public", test_public);
  ADD ("reopen", test_reopen);
#undef ADD
  return g_test_run ();
}
