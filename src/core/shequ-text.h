/* shequ-text.h — numbers as people write them, capped lists, text safe for a terminal */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest population or household count one unit may hold: a grid or a village has
 * well under 10⁷ residents, and 10⁷ per unit keeps every roll-up far from overflowing. */
#define SHEQU_MAX_UNIT_FIGURE G_GINT64_CONSTANT (10000000)

/* At most this many items of a list are spelled out in a message; the rest are counted. */
#define SHEQU_TEXT_MAX_LISTED 50

typedef enum {
  SHEQU_COUNT_OK,
  SHEQU_COUNT_EMPTY,       /* nothing but blanks */
  SHEQU_COUNT_INVALID,     /* not a whole number ≥ 0 */
  SHEQU_COUNT_TOO_LARGE,   /* a whole number above MAX */
} ShequCountResult;

/* Parses a whole number ≥ 0 as Excel, WPS and Chinese input methods write it: blanks
 * around it (also the ideographic space U+3000 and no-break spaces), grouping commas
 * ("1,200", also the full-width "，") and full-width digits ("１２００"). Never
 * overflows, whatever the length of TEXT. VALUE is set only on SHEQU_COUNT_OK. */
ShequCountResult shequ_text_parse_count   (const char   *text,
                                           gint64        max,
                                           gint64       *value);

/* Whether TEXT (may be NULL) is empty or nothing but white space (g_unichar_isspace:
 * also the ideographic space U+3000). TEXT is valid UTF-8. */
gboolean  shequ_text_is_blank             (const char   *text);

/* 1234567 → "1,234,567", whatever the locale. */
char     *shequ_text_format_count         (guint64       value);

/* Appends ITEMS[0..N_ITEMS) joined by SEPARATOR, at most MAX_SHOWN of them, then
 * "… and 9,950 more" (translated) for the rest. */
void      shequ_text_append_capped        (GString            *out,
                                           const char * const *items,
                                           guint               n_items,
                                           const char         *separator,
                                           guint               max_shown);

/* "3–62, 64, 70–72": NUMBERS (any order, repeats allowed) as sorted, merged ranges,
 * capped at SHEQU_TEXT_MAX_LISTED ranges. */
char     *shequ_text_format_ranges        (const guint  *numbers,
                                           guint         n_numbers);

/* TEXT with C0/C1 controls, DEL, bidirectional controls (U+202A–U+202E, U+2066–U+2069,
 * U+200E, U+200F, U+061C) and other invisible format characters written as \x1b or
 * \u202e, and a backslash as \\, so printing it to a terminal cannot move the cursor,
 * ring the bell or reorder the line. Invalid UTF-8 bytes become \xNN. */
char     *shequ_text_escape_for_terminal  (const char   *text);

/* The deepest nesting of [ and { in the JSON TEXT (strings skipped, also the 'single
 * quoted' ones json-glib accepts), stopping at the
 * first place it exceeds MAX_DEPTH: then FALSE, and LINE (1-based) names that place. */
/* Whether the JSON TEXT is one object ({…}) with nothing after it but white space.
 * Strings (in either quote, as json-glib takes them) are skipped. Readers of outside JSON
 * call it before json-glib: json-glib 1.6 leaks what it built of a second top-level
 * value. */
gboolean  shequ_text_json_is_one_object   (const char   *text,
                                           gsize         len);
gboolean  shequ_text_check_json_depth     (const char   *text,
                                           gsize         len,
                                           guint         max_depth,
                                           guint        *line);

G_END_DECLS
