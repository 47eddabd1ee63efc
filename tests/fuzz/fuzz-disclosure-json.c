/* fuzz-disclosure-json.c — libFuzzer target: the sync document as a server or client
 * sends it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-disclosure-json"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "shequ-disclosure-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A document that reads is valid, writes, and reads back equal, written the same bytes
 * again; one that does not gives a UTF-8 message of the disclosure domain. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) d = shequ_disclosure_from_json ((const char *) data,
                                                             (gssize) size, &error);
  g_autofree char *json = NULL;
  g_autofree char *again_json = NULL;
  g_autoptr(ShequDisclosure) again = NULL;

  if (d == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SHEQU_DISCLOSURE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_validate (d, NULL));
  json = shequ_disclosure_to_json (d);
  again = shequ_disclosure_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_equal (d, again));
  again_json = shequ_disclosure_to_json (again);
  g_assert_cmpstr (json, ==, again_json);
  return 0;
}
