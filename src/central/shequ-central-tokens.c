/* shequ-central-tokens.c — offices' bearer tokens: random secrets, kept as hashes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-tokens"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "shequ-central-tokens.h"

#define SECRET_BYTES 32

gboolean
shequ_central_office_is_valid (const char *office)
{
  gsize len;

  g_return_val_if_fail (office != NULL, FALSE);

  len = strlen (office);
  if (len < 6 || len > 20)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (office[i]))
      return FALSE;
  return TRUE;
}

static void
hash_secret (const char *secret,
             guint8     *hash)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = SHEQU_CENTRAL_TOKEN_HASH_LEN;

  g_checksum_update (checksum, (const guchar *) secret, strlen (secret));
  g_checksum_get_digest (checksum, hash, &len);
  g_assert (len == SHEQU_CENTRAL_TOKEN_HASH_LEN);
}

static gboolean
random_bytes (guint8   *buffer,
              gsize     size,
              GError  **error)
{
  gsize done = 0;

  while (done < size)
    {
      ssize_t got = getrandom (buffer + done, size - done, 0);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;

          g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_STORAGE,
                       _("No random bytes for a token: %s"), g_strerror (saved));
          return FALSE;
        }
      done += (gsize) got;
    }
  return TRUE;
}

/* base64url without padding: 32 bytes → 43 characters. */
static char *
encode_secret (const guint8 *bytes)
{
  char *text = g_base64_encode (bytes, SECRET_BYTES);

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        *p = '\0';
    }
  g_assert (strlen (text) == SHEQU_CENTRAL_TOKEN_SECRET_LEN);
  return text;
}

char *
shequ_central_tokens_add (ShequCentralStorage *storage,
                          const char          *office,
                          const char          *label,
                          GError             **error)
{
  guint8 bytes[SECRET_BYTES];
  guint8 hash[SHEQU_CENTRAL_TOKEN_HASH_LEN];
  g_autofree char *secret = NULL;
  gint64 id = 0;

  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (storage), NULL);
  g_return_val_if_fail (office != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!shequ_central_office_is_valid (office))
    {
      g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID,
                   _("“%s” is not an office: give its street's unit code (6 to 20 digits)"),
                   office);
      return NULL;
    }
  if (label != NULL && !g_utf8_validate (label, -1, NULL))
    {
      g_set_error_literal (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID,
                           _("The token's label is not UTF-8"));
      return NULL;
    }
  if (!random_bytes (bytes, sizeof bytes, error))
    return NULL;
  secret = encode_secret (bytes);
  memset (bytes, 0, sizeof bytes);
  hash_secret (secret, hash);
  if (!shequ_central_storage_add_token (storage, office, label, hash, &id, error))
    return NULL;
  return g_strdup_printf (SHEQU_CENTRAL_TOKEN_PREFIX "%" G_GINT64_FORMAT ".%s", id, secret);
}

gboolean
shequ_central_token_parse (const char  *token,
                           gint64      *id,
                           const char **secret)
{
  const char *p;
  guint64 value = 0;
  gsize digits = 0;

  g_return_val_if_fail (token != NULL && id != NULL && secret != NULL, FALSE);

  if (!g_str_has_prefix (token, SHEQU_CENTRAL_TOKEN_PREFIX))
    return FALSE;
  for (p = token + strlen (SHEQU_CENTRAL_TOKEN_PREFIX); g_ascii_isdigit (*p); p++)
    {
      if (++digits > 15)
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
    }
  if (digits == 0 || *p != '.')
    return FALSE;
  p++;
  if (strlen (p) != SHEQU_CENTRAL_TOKEN_SECRET_LEN)
    return FALSE;
  for (const char *q = p; *q != '\0'; q++)
    if (!g_ascii_isalnum (*q) && *q != '-' && *q != '_')
      return FALSE;
  *id = (gint64) value;
  *secret = p;
  return TRUE;
}

gboolean
shequ_central_token_hash_equal (const guint8 *a,
                                const guint8 *b)
{
  /* Volatile so that the compiler cannot stop at the first difference. */
  volatile guint8 diff = 0;

  for (gsize i = 0; i < SHEQU_CENTRAL_TOKEN_HASH_LEN; i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

gboolean
shequ_central_tokens_check (ShequCentralStorage *storage,
                            const char          *token,
                            char               **office,
                            GError             **error)
{
  guint8 stored[SHEQU_CENTRAL_TOKEN_HASH_LEN] = { 0 };
  guint8 given[SHEQU_CENTRAL_TOKEN_HASH_LEN];
  g_autofree char *holder = NULL;
  const char *secret = NULL;
  gint64 id = 0;
  gboolean same;

  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (storage), FALSE);
  g_return_val_if_fail (token != NULL && office != NULL, FALSE);

  *office = NULL;
  if (!shequ_central_token_parse (token, &id, &secret))
    return TRUE;
  if (!shequ_central_storage_get_token (storage, id, stored, &holder, error))
    return FALSE;
  /* Hash and compare even for an unknown id: the reply takes the same time. */
  hash_secret (secret, given);
  same = shequ_central_token_hash_equal (stored, given);
  if (same && holder != NULL)
    *office = g_steal_pointer (&holder);
  return TRUE;
}
