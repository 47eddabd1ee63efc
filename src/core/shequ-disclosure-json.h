/* shequ-disclosure-json.h — a disclosure as the sync document (docs/sync-protocol.md) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "shequ-disclosure-types.h"

G_BEGIN_DECLS

/* The document's format number ("format": 1). */
#define SHEQU_DISCLOSURE_FORMAT 1

/* Writes D as the document: members in a fixed order, integers for fen, nulls left out.
 * The same disclosure always gives the same bytes (so hashes and "same content" checks
 * work). */
JsonNode        *shequ_disclosure_to_json_node (const ShequDisclosure *d);
char            *shequ_disclosure_to_json      (const ShequDisclosure *d);

/* Reads a document from outside (the server's reply, a client's request). Strict: every
 * member of the right JSON type (an amount a JSON integer, not "12.3" nor 12.5), known
 * keys for kind/state/direction, format 1, no member missing; unknown members are
 * ignored (a later format may add some). Then shequ_disclosure_validate(). FALSE with
 * SHEQU_DISCLOSURE_ERROR_FORMAT (or the validation's error) naming the member as a path
 * ("versions[1].items[3].amount_fen") and what is wrong; translated.
 *
 * The path's indices are JSON's, 0-based: "versions[1].items[3]" is the second version's
 * fourth line. The validation's messages are for people and count from 1 ("Version 2,
 * line 4"). Members that may be absent (or null): "created_at", the version's people
 * and times, "reason", "guide" and each of its parts; an amount is 0 … SHEQU_FEN_MAX
 * (a draft may hold a line of 0; submitted versions need > 0), a balance
 * ±SHEQU_FEN_MAX. Numbers must be written as JSON writes them (no 0x10, no 012) and an
 * integer has at most 18 digits, since json-glib would wrap a longer one. */
ShequDisclosure *shequ_disclosure_from_json_node (JsonNode     *node,
                                                  GError      **error);
/* The same from text (at most LENGTH bytes, -1: NUL-terminated); invalid JSON is named
 * with its line and column. */
ShequDisclosure *shequ_disclosure_from_json      (const char   *data,
                                                  gssize        length,
                                                  GError      **error);

/* A member by name from a reply object, type-checked, for the small protocol bodies
 * ({"uuid", "revision", "cursor"}, {"error"}): FALSE when absent or of another type. */
gboolean         shequ_json_get_int    (JsonObject   *object,
                                        const char   *member,
                                        gint64       *value);
const char      *shequ_json_get_string (JsonObject   *object,
                                        const char   *member);

G_END_DECLS
