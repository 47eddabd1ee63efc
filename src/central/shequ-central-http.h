/* shequ-central-http.h — small HTTP helpers the API and the public pages share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* {"error": MESSAGE, "where": WHERE} (WHERE left out when NULL): the body of every error
 * reply. */
char      *shequ_central_http_error_json  (const char        *message,
                                           const char        *where);
/* Sets MSG's reply to STATUS with that body (application/json). */
void       shequ_central_http_reply_error (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *message,
                                           const char        *where);
/* Sets MSG's reply to STATUS with BODY as application/json (taken). */
void       shequ_central_http_reply_json  (SoupServerMessage *msg,
                                           guint              status,
                                           char              *body);

/* PATH's segments after PREFIX ("/api/v1"), or NULL when PATH does not start with it or
 * holds junk: an empty, "." or ".." segment, a backslash, control characters, invalid
 * UTF-8, more than MAX_SEGMENTS segments. An empty vector for PREFIX itself. */
char     **shequ_central_http_split_path  (const char        *path,
                                           const char        *prefix,
                                           guint              max_segments);

/* 64 lower-case hex digits. */
gboolean   shequ_central_is_sha256        (const char        *text);
/* 36-character RFC 4122 text, hex digits in either case. */
gboolean   shequ_central_is_uuid          (const char        *text);
/* A unit code: 1 to 32 digits. */
gboolean   shequ_central_is_unit_code     (const char        *text);
/* A non-negative decimal integer of at most 18 digits, nothing else; NULL or "" is
 * DEFAULT_VALUE. FALSE for anything else. */
gboolean   shequ_central_parse_count      (const char        *text,
                                           gint64             default_value,
                                           gint64            *value);

/* Appends TEXT to OUT as a JSON string, quoted and escaped (NULL: null). */
void       shequ_central_json_append_string (GString          *out,
                                             const char       *text);

G_END_DECLS
