/* fuzz-sync-reply.c — libFuzzer target: the sync client's readers of shequ-central's batch and changes replies */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-sync-reply"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "shequ-disclosure-json.h"
#include "shequ-sync-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define URL "http://127.0.0.1:1/api/v1/x"

static void
assert_refusal (GError *error)
{
  g_assert_true (g_error_matches (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, URL));
}

/* What a batch reply gives is whole: one result per document sent, each sane. */
static void
check_batch (const char *text,
             gsize       length,
             guint       n_puts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = _shequ_sync_parse_batch_reply (text, length, URL, n_puts,
                                                                &error);

  if (results == NULL)
    {
      assert_refusal (error);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, n_puts);
  for (guint i = 0; i < results->len; i++)
    {
      ShequSyncPutResult *r = g_ptr_array_index (results, i);

      g_assert_nonnull (r->uuid);
      g_assert_true (g_utf8_validate (r->uuid, -1, NULL));
      g_assert_cmpuint (r->status, >=, 100);
      g_assert_cmpuint (r->status, <=, 599);
      if (r->status == 200 || r->status == 201 || r->status == 412)
        g_assert_cmpint (r->revision, >=, 1);
      if (r->status == 412)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          /* The server's document, kept as text, reads back as an object. */
          g_assert_nonnull (r->document);
          g_assert_true (json_parser_load_from_data (parser, r->document, -1, NULL));
          g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
        }
      else
        g_assert_null (r->document);
    }
}

static void
check_changes (const char *text,
               gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  gboolean more = FALSE;
  g_autoptr(GPtrArray) changes = _shequ_sync_parse_changes_reply (text, length, URL, &cursor,
                                                                  &more, &error);

  if (changes == NULL)
    {
      assert_refusal (error);
      g_assert_null (cursor);
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (cursor);
  g_assert_cmpuint (strlen (cursor), <=, 64);
  g_assert_true (!more || changes->len > 0);
  for (guint i = 0; i < changes->len; i++)
    {
      ShequSyncChange *change = g_ptr_array_index (changes, i);

      g_autoptr(ShequDisclosure) doc = NULL;
      g_autoptr(GError) doc_error = NULL;

      g_assert_cmpint (change->revision, >=, 1);
      g_assert_nonnull (change->uuid);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (change->document));
      /* What the pull then does with each document: a valid one, or a refusal. */
      doc = shequ_disclosure_from_json_node (change->document, &doc_error);
      if (doc == NULL)
        {
          g_assert_true (doc_error->domain == SHEQU_DISCLOSURE_ERROR);
          g_assert_true (g_utf8_validate (doc_error->message, -1, NULL));
          continue;
        }
      g_assert_no_error (doc_error);
      g_assert_cmpstr (doc->uuid, ==, change->uuid);
      g_assert_true (shequ_disclosure_validate (doc, NULL));
    }
}

/* The first byte picks the reader (even: batch, odd: changes) and how many results a
 * batch must have (byte / 2 % 8); the rest is the reply's body. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data + 1;

  if (size == 0)
    return 0;
  if (data[0] % 2 == 0)
    check_batch (text, size - 1, (data[0] / 2) % 8);
  else
    check_changes (text, size - 1);
  return 0;
}
