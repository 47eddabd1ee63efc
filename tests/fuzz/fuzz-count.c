/* fuzz-count.c — libFuzzer target: the count parser and the text helpers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-count"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "shequ-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *escaped = NULL;
  gint64 value = -1;
  guint line = 0;

  switch (shequ_text_parse_count (text, SHEQU_MAX_UNIT_FIGURE, &value))
    {
    case SHEQU_COUNT_OK:
      g_assert_cmpint (value, >=, 0);
      g_assert_cmpint (value, <=, SHEQU_MAX_UNIT_FIGURE);
      break;
    case SHEQU_COUNT_EMPTY:
    case SHEQU_COUNT_INVALID:
    case SHEQU_COUNT_TOO_LARGE:
    default:
      g_assert_cmpint (value, ==, -1);
      break;
    }

  /* The escaped text prints no control or bidi character. */
  escaped = shequ_text_escape_for_terminal (text);
  g_assert_true (g_utf8_validate (escaped, -1, NULL));
  for (const char *p = escaped; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
                      (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }

  shequ_text_check_json_depth ((const char *) data, size, 32, &line);
  return 0;
}
