/* shequ-json-read-private.h — typed, strict readers of members of outside JSON, each
 * refusal naming the member's path; json-glib's parse error taken apart */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _ShequJsonReader ShequJsonReader;

/* Sets READER's error: the member at PATH ("versions[1].items[3].amount_fen") is wrong in
 * the way WHAT says ("must be a whole number"; translated). Each reader of outside JSON
 * says it in its own words and error domain. */
typedef void (*ShequJsonReaderFail) (const ShequJsonReader *reader,
                                     const char            *path,
                                     const char            *what);

/* Where a reader is: PATH, as JSON names it with 0-based indices, NULL for the root
 * object. A reader of an element or a member object owns its path: declare it
 * g_auto(ShequJsonReader) and let _shequ_json_reader_enter_*() fill it. */
struct _ShequJsonReader {
  char                *path;
  ShequJsonReaderFail  fail;
  gconstpointer        data;   /* for FAIL: what it names besides the path (a URL) */
  GError             **error;
};

void        _shequ_json_reader_clear   (ShequJsonReader *reader);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShequJsonReader, _shequ_json_reader_clear)

/* The readers below return FALSE (or NULL) with READER's error set. A member that is
 * null counts as absent; an absent one is refused as "missing" when it is required. */

/* Refuses MEMBER (NULL: the object READER is in) for the reason WHAT. FALSE. */
gboolean    _shequ_json_reader_fail    (const ShequJsonReader *reader,
                                        const char            *member,
                                        const char            *what);

/* A string; *VALUE (freed first) is set only when the member is there. */
gboolean    _shequ_json_read_string    (const ShequJsonReader *reader,
                                        JsonObject            *object,
                                        const char            *member,
                                        gboolean               required,
                                        char                 **value);
/* A required JSON integer (not 12.5, 1e3, "12" nor true) from MIN to MAX. */
gboolean    _shequ_json_read_int       (const ShequJsonReader *reader,
                                        JsonObject            *object,
                                        const char            *member,
                                        gint64                 min,
                                        gint64                 max,
                                        gint64                *value);
/* A required string that LOOKUP knows as a key (kind, state, direction). */
gboolean    _shequ_json_read_key       (const ShequJsonReader *reader,
                                        JsonObject            *object,
                                        const char            *member,
                                        gboolean             (*lookup) (const char *key,
                                                                        int        *value),
                                        int                   *value);
/* A required list of at most MAX entries. */
gboolean    _shequ_json_read_array     (const ShequJsonReader *reader,
                                        JsonObject            *object,
                                        const char            *member,
                                        guint                  max,
                                        JsonArray            **array);

/* MEMBER as an object in *INNER_OBJECT (NULL when it is absent and not REQUIRED), with
 * INNER (cleared first) the reader inside it. */
gboolean    _shequ_json_reader_enter_member  (const ShequJsonReader *reader,
                                              JsonObject            *object,
                                              const char            *member,
                                              gboolean               required,
                                              JsonObject           **inner_object,
                                              ShequJsonReader       *inner);
/* ARRAY[I], ARRAY being MEMBER, as an object, with INNER the reader inside it. */
JsonObject *_shequ_json_reader_enter_element (const ShequJsonReader *reader,
                                              const char            *member,
                                              JsonArray             *array,
                                              guint                  i,
                                              ShequJsonReader       *inner);

/* Reads one element (an object) of a list: what it holds, or NULL with the error. */
typedef gpointer (*ShequJsonReadElement) (const ShequJsonReader *reader,
                                          JsonObject            *object);
/* Every element of ARRAY (read as MEMBER) by READ, added to INTO in order. */
gboolean    _shequ_json_read_elements  (const ShequJsonReader *reader,
                                        const char            *member,
                                        JsonArray             *array,
                                        ShequJsonReadElement   read,
                                        GPtrArray             *into);

/* MEMBER of OBJECT when it holds a JSON value of TYPE (G_TYPE_STRING, G_TYPE_INT64,
 * G_TYPE_BOOLEAN …; an integer is never 1.5 nor "1"), else NULL. */
JsonNode   *_shequ_json_member_value   (JsonObject            *object,
                                        const char            *member,
                                        GType                  type);

/* json-glib's message for PARSE, "<data>:3:14: Parse error: …": the rest after the
 * place, as valid UTF-8, with *LINE and *COLUMN set to the place it names (both 0 when
 * it names no line: then the whole message). */
char       *_shequ_json_parse_error_message (const GError *parse,
                                             guint        *line,
                                             guint        *column);

G_END_DECLS
