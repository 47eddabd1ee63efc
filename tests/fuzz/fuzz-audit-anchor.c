/* fuzz-audit-anchor.c — libFuzzer target: the anchor text of shequ-cli audit verify --head */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-audit-anchor"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "shequ-audit.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* What is accepted prints back (as audit head prints it) and parses to the same anchor;
 * what is refused leaves the anchor alone, with a UTF-8 message. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  ShequAuditAnchor anchor = { -7, { 0 } };

  if (shequ_audit_anchor_parse (text, &anchor, &error))
    {
      g_autofree char *hex = shequ_audit_hash_to_hex (anchor.hash);
      g_autofree char *again_text = anchor.seq >= 0
        ? g_strdup_printf ("%s:%" G_GINT64_FORMAT, hex, anchor.seq) : g_strdup (hex);
      ShequAuditAnchor again = { -7, { 0 } };

      g_assert_no_error (error);
      g_assert_cmpint (anchor.seq, >=, -1);
      g_assert_true (shequ_audit_anchor_parse (again_text, &again, NULL));
      g_assert_cmpint (again.seq, ==, anchor.seq);
      g_assert_cmpmem (again.hash, sizeof again.hash, anchor.hash, sizeof anchor.hash);
      return 0;
    }
  g_assert_error (error, SHEQU_AUDIT_ERROR, SHEQU_AUDIT_ERROR_ANCHOR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpint (anchor.seq, ==, -7);
  return 0;
}
