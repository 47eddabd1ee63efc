/* shequ-central-tokens.h — offices' bearer tokens: made, hashed, checked */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-central-storage.h"

G_BEGIN_DECLS

/* A token is "shq1." ID "." SECRET: ID the storage's number for it (so a check reads
 * one row), SECRET 43 characters of base64url (32 random bytes). The storage keeps
 * SHA-256 (SECRET) only. */
#define SHEQU_CENTRAL_TOKEN_PREFIX     "shq1."
#define SHEQU_CENTRAL_TOKEN_SECRET_LEN 43
#define SHEQU_CENTRAL_TOKEN_HASH_LEN   32

/* Whether OFFICE names a street office: 6 to 20 digits. */
gboolean  shequ_central_office_is_valid (const char          *office);

/* A new token for OFFICE (LABEL may be NULL): its text, to be shown once. */
char     *shequ_central_tokens_add      (ShequCentralStorage *storage,
                                         const char          *office,
                                         const char          *label,
                                         GError             **error);
/* The office TOKEN belongs to; NULL *OFFICE when it is malformed, unknown or revoked.
 * The secret's hash is compared in constant time. FALSE only when the storage failed. */
gboolean  shequ_central_tokens_check    (ShequCentralStorage *storage,
                                         const char          *token,
                                         char               **office,
                                         GError             **error);

/* The parts of TOKEN's text: FALSE when it is not of the form above. */
gboolean  shequ_central_token_parse     (const char          *token,
                                         gint64              *id,
                                         const char         **secret);
/* Whether two hashes are the same, in time that does not depend on where they differ. */
gboolean  shequ_central_token_hash_equal (const guint8       *a,
                                          const guint8       *b);

G_END_DECLS
