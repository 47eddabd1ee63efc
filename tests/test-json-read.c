/* test-json-read.c — the typed readers of outside JSON and json-glib's error taken apart */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json-read"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "shequ-json-read-private.h"

/* Refusals said as "PATH | WHAT", in the test's own domain. */
static void
test_fail (const ShequJsonReader *reader,
           const char            *path,
           const char            *what)
{
  g_set_error (reader->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s | %s", path, what);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_refused (GError    **error,
                const char *message)
{
  g_assert_error (*error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr ((*error)->message, ==, message);
  g_clear_error (error);
}

/* Strings and integers: the right JSON type or a refusal naming the member; null is
 * absent. */
static void
test_values (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o = parse_object (parser, "{\"s\": \"x\", \"n\": null, \"i\": 12, \"f\": 1.5, "
                                        "\"t\": \"12\", \"big\": 9223372036854775807}");
  ShequJsonReader r = { NULL, test_fail, NULL, &error };
  g_autofree char *s = NULL;
  gint64 value = 0;

  g_assert_true (_shequ_json_read_string (&r, o, "s", TRUE, &s));
  g_assert_cmpstr (s, ==, "x");
  g_assert_true (_shequ_json_read_string (&r, o, "n", FALSE, &s));
  g_assert_cmpstr (s, ==, "x");
  g_assert_true (_shequ_json_read_string (&r, o, "absent", FALSE, &s));
  g_assert_false (_shequ_json_read_string (&r, o, "n", TRUE, &s));
  assert_refused (&error, "n | missing");
  g_assert_false (_shequ_json_read_string (&r, o, "i", FALSE, &s));
  assert_refused (&error, "i | must be a string");

  g_assert_true (_shequ_json_read_int (&r, o, "i", 0, 12, &value));
  g_assert_cmpint (value, ==, 12);
  g_assert_true (_shequ_json_read_int (&r, o, "big", 0, G_MAXINT64, &value));
  g_assert_cmpint (value, ==, G_MAXINT64);
  g_assert_false (_shequ_json_read_int (&r, o, "f", 0, 100, &value));
  assert_refused (&error, "f | must be a whole number");
  g_assert_false (_shequ_json_read_int (&r, o, "t", 0, 100, &value));
  assert_refused (&error, "t | must be a whole number");
  g_assert_false (_shequ_json_read_int (&r, o, "i", -5, 11, &value));
  assert_refused (&error, "i | must be from -5 to 11");
  g_assert_false (_shequ_json_read_int (&r, o, "i", 13, G_MAXINT64, &value));
  assert_refused (&error, "i | must be 13 or more");
  g_assert_false (_shequ_json_read_int (&r, o, "absent", 0, 1, &value));
  assert_refused (&error, "absent | missing");

  g_assert_nonnull (_shequ_json_member_value (o, "i", G_TYPE_INT64));
  g_assert_null (_shequ_json_member_value (o, "f", G_TYPE_INT64));
  g_assert_null (_shequ_json_member_value (o, "n", G_TYPE_STRING));
  g_assert_null (_shequ_json_member_value (o, "absent", G_TYPE_STRING));
}

static gboolean
lookup_colour (const char *key,
               int        *value)
{
  *value = g_str_equal (key, "red") ? 1 : 0;
  return *value == 1;
}

static gpointer
read_name (const ShequJsonReader *reader,
           JsonObject            *object)
{
  char *name = NULL;
  int colour;

  if (!_shequ_json_read_key (reader, object, "colour", lookup_colour, &colour) ||
      !_shequ_json_read_string (reader, object, "name", TRUE, &name))
    return NULL;
  return name;
}

/* Paths through member objects and list elements, 0-based. */
static void
test_paths (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o = parse_object (parser,
                                "{\"a\": {\"list\": [{\"colour\": \"red\", \"name\": \"x\"},"
                                "                   {\"colour\": \"blue\"}, 3]},"
                                " \"n\": null, \"s\": \"x\"}");
  ShequJsonReader r = { NULL, test_fail, NULL, &error };
  g_auto(ShequJsonReader) a = { NULL };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  JsonObject *inner;
  JsonArray *list;

  g_assert_true (_shequ_json_reader_enter_member (&r, o, "n", FALSE, &inner, &a));
  g_assert_null (inner);
  g_assert_false (_shequ_json_reader_enter_member (&r, o, "s", FALSE, &inner, &a));
  assert_refused (&error, "s | must be an object");
  g_assert_false (_shequ_json_reader_enter_member (&r, o, "n", TRUE, &inner, &a));
  assert_refused (&error, "n | missing");
  g_assert_true (_shequ_json_reader_enter_member (&r, o, "a", TRUE, &inner, &a));
  g_assert_cmpstr (a.path, ==, "a");

  g_assert_false (_shequ_json_read_array (&a, inner, "list", 2, &list));
  assert_refused (&error, "a.list | has more than 2 entries");
  g_assert_true (_shequ_json_read_array (&a, inner, "list", 3, &list));
  g_assert_false (_shequ_json_read_elements (&a, "list", list, read_name, names));
  assert_refused (&error, "a.list[1].colour | “blue” is not one of the known names");
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "x");

  json_array_remove_element (list, 1);
  g_ptr_array_set_size (names, 0);
  g_assert_false (_shequ_json_read_elements (&a, "list", list, read_name, names));
  assert_refused (&error, "a.list[1] | must be an object");
  g_assert_false (_shequ_json_reader_fail (&a, NULL, "whole"));
  assert_refused (&error, "a | whole");
}

/* json-glib's "<data>:L:C: …" (also with a full-width colon) taken apart; other messages
 * whole, and made valid UTF-8. */
static void
test_parse_error (void)
{
  static const struct {
    const char *message;
    guint       line, column;
    const char *rest;
  } cases[] = {
    { "<data>:3:14: Parse error: unexpected", 3, 14, "Parse error: unexpected" },
    { "<data>:2:5：解析错误：意外的字符", 2, 5, "解析错误：意外的字符" },
    { "<data>:7: odd", 7, 0, "odd" },
    { "<data>:x: odd", 0, 0, "<data>:x: odd" },
    { "Empty input", 0, 0, "Empty input" },
    /* Each byte of a character cut short becomes a U+FFFD. */
    { "<data>:1:2: bad \"\xe4\xb8\"", 1, 2, "bad \"\xef\xbf\xbd\xef\xbf\xbd\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) parse = g_error_new_literal (JSON_PARSER_ERROR,
                                                     JSON_PARSER_ERROR_INVALID_BAREWORD,
                                                     cases[i].message);
      guint line = 99, column = 99;
      g_autofree char *rest = _shequ_json_parse_error_message (parse, &line, &column);

      g_assert_cmpuint (line, ==, cases[i].line);
      g_assert_cmpuint (column, ==, cases[i].column);
      g_assert_cmpstr (rest, ==, cases[i].rest);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-read/values", test_values);
  g_test_add_func ("/json-read/paths", test_paths);
  g_test_add_func ("/json-read/parse-error", test_parse_error);
  return g_test_run ();
}
