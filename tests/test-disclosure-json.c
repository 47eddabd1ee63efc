/* test-disclosure-json.c — the sync document: the same bytes each time, read back equal,
 * and every malformed one refused with where */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-disclosure-json.h"
#include "shequ-test-disclosure.h"

static void
assert_round_trip (ShequDisclosure *d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = shequ_disclosure_to_json (d);
  g_autoptr(ShequDisclosure) back = shequ_disclosure_from_json (json, -1, &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_true (shequ_disclosure_equal (d, back));
  again = shequ_disclosure_to_json (back);
  g_assert_cmpstr (json, ==, again);
}

static void
test_round_trip (void)
{
  g_autoptr(ShequDisclosure) f = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) p = shequ_test_disclosure_policy ();
  g_autoptr(ShequDisclosure) n = shequ_test_disclosure_draft ("“引号” & <标签> \\ \"");

  assert_round_trip (f);
  assert_round_trip (p);
  assert_round_trip (n);
}

/* A second value after the document is refused before json-glib reads (and leaks) it;
 * white space after it is fine. */
static void
test_refuse_trailing (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  g_autofree char *json = shequ_disclosure_to_json (d);
  const char *tails[] = { "{\"format\": 1}", "[1]", "x", "}" };

  for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
    {
      g_autofree char *text = g_strconcat (json, tails[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ShequDisclosure) back = shequ_disclosure_from_json (text, -1, &error);

      g_assert_null (back);
      g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT);
    }

  {
    g_autofree char *text = g_strconcat ("\n ", json, " \r\n\t", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(ShequDisclosure) back = shequ_disclosure_from_json (text, -1, &error);

    g_assert_no_error (error);
    g_assert_true (shequ_disclosure_equal (back, d));
  }
}

static void
test_deterministic (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) copy = shequ_disclosure_copy (d);
  g_autofree char *a = shequ_disclosure_to_json (d);
  g_autofree char *b = shequ_disclosure_to_json (copy);
  const char *order[] = { "\"format\":1", "\"uuid\"", "\"unit\"", "\"kind\":\"finance\"",
                          "\"period\":\"2026-Q3\"", "\"created_at\"", "\"versions\"" };
  const char *p = a;

  g_assert_cmpstr (a, ==, b);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *q = strstr (p, order[i]);

      g_assert_nonnull (q);
      p = q;
    }
  /* Integers for fen, nulls left out. */
  g_assert_nonnull (strstr (a, "\"amount_fen\":123456,"));
  g_assert_nonnull (strstr (a, "\"opening_fen\":100000,"));
  g_assert_null (strstr (a, "null"));
  g_assert_null (strstr (a, "\"reason\""));
  g_assert_null (strstr (a, "\"guide\""));
}

/* The fuzz corpus' first document, written by hand (Python) from the protocol page, is
 * byte for byte what the writer makes of the same disclosure. */
static void
test_matches_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus",
                                                 "fuzz-disclosure-json", "00.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) read = NULL;
  g_autofree char *json = shequ_disclosure_to_json (d);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  read = shequ_disclosure_from_json (contents, -1, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_equal (d, read));
  g_assert_cmpstr (json, ==, contents);
}

static void
test_small_object (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  gint64 value = 7;

  g_assert_true (json_parser_load_from_data (parser,
      "{\"uuid\": \"u\", \"revision\": 4, \"cursor\": \"12\", \"f\": 1.5, \"b\": true}",
      -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (shequ_json_get_int (o, "revision", &value));
  g_assert_cmpint (value, ==, 4);
  value = 7;
  g_assert_false (shequ_json_get_int (o, "cursor", &value));
  g_assert_false (shequ_json_get_int (o, "f", &value));
  g_assert_false (shequ_json_get_int (o, "b", &value));
  g_assert_false (shequ_json_get_int (o, "missing", &value));
  g_assert_cmpint (value, ==, 7);
  g_assert_cmpstr (shequ_json_get_string (o, "uuid"), ==, "u");
  g_assert_cmpstr (shequ_json_get_string (o, "cursor"), ==, "12");
  g_assert_null (shequ_json_get_string (o, "revision"));
  g_assert_null (shequ_json_get_string (o, "missing"));
}

/* The finance sample's JSON with FROM replaced by TO (once; FROM must be there). */
static char *
edited (const char *from,
        const char *to)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  g_autofree char *json = shequ_disclosure_to_json (d);
  const char *at = strstr (json, from);
  GString *out;

  if (at == NULL)
    g_error ("“%s” is not in %s", from, json);
  out = g_string_new_len (json, at - json);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));
  return g_string_free (out, FALSE);
}

static void
assert_refused (const char *json,
                gint        code,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) d = shequ_disclosure_from_json (json, -1, &error);

  g_assert_null (d);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
}

static void
assert_edit_refused (const char *from,
                     const char *to,
                     gint        code,
                     const char *needle)
{
  g_autofree char *json = edited (from, to);

  assert_refused (json, code, needle);
}

static void
test_refuse_amounts (void)
{
  const gint format = SHEQU_DISCLOSURE_ERROR_FORMAT;
  const char *path = "versions[0].items[1].amount_fen";

  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":-123456", format, path);
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":1234.5", format, path);
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":12.5", format, path);
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":\"12\"", format, path);
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":1e5", format, path);
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":true", format, path);
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":null", format, path);
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":100000000000001", format,
                       path);
  /* json-glib would wrap these, or read them as hexadecimal and octal. */
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":-18446744073709551615",
                       format, "too large");
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":9223372036854775813",
                       format, "too large");
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":0x10", format,
                       "0x10 is not a number");
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":012", format,
                       "012 is not a number");
  assert_edit_refused ("\"amount_fen\":123456", "\"amount_fen\":1.", format, "line 1");
  assert_edit_refused ("\"opening_fen\":100000", "\"opening_fen\":\"1000.00\"", format,
                       "versions[0].opening_fen");
  /* Unbalanced: the validation's error, naming the version as people count. */
  assert_edit_refused ("\"closing_fen\":643456", "\"closing_fen\":643457",
                       SHEQU_DISCLOSURE_ERROR_UNBALANCED, "Version 1");
}

static void
test_refuse_members (void)
{
  /* A member of the finance document as FROM, edited TO, refused naming NEEDLE. */
  static const struct { const char *from, *to, *needle; } edits[] = {
    { "\"kind\":\"finance\"", "\"kind\":\"sports\"", "kind" },
    { "\"kind\":\"finance\"", "\"kind\":\"财务公开\"", "kind" },
    { "\"state\":\"corrected\"", "\"state\":\"deleted\"", "versions[0].state" },
    { "\"direction\":\"expense\"", "\"direction\":\"out\"", "versions[0].items[2].direction" },
    { "\"format\":1,", "", "format: missing" },
    { "\"format\":1", "\"format\":2", "format" },
    { "\"unit\":\"37132600101001\",", "", "unit: missing" },
    { "\"unit\":\"37132600101001\"", "\"unit\":37132600101001", "unit: must be a string" },
    { "\"title\":\"2026年第三季度财务公开\",", "", "versions[0].title: missing" },
    { "\"items\":[", "\"items\":{\"a\":[", NULL },
    { "\"attachments\":[{", "\"attachments\":[7,{",
      "versions[0].attachments[0]: must be an object" },
    { "\"size\":1234", "\"size\":-1", "attachments[0].size" },
    { "\"versions\":[", "\"versions\":[[],", "versions[0]" },
    { "\"versions\":[", "\"versions\":\"x\",\"y\":[", "versions: must be a list" },
  };
  const gint format = SHEQU_DISCLOSURE_ERROR_FORMAT;

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    assert_edit_refused (edits[i].from, edits[i].to, format, edits[i].needle);
  {
    g_autoptr(ShequDisclosure) p = shequ_test_disclosure_policy ();
    g_autofree char *json = shequ_disclosure_to_json (p);
    g_autofree char *bad_topic = NULL;
    g_autofree char *bad_guide = NULL;
    char *at = strstr (json, "\"topic\":\"");

    g_assert_nonnull (at);
    bad_topic = g_strdup_printf ("%.*s\"topic\":7,\"x\":%s", (int) (at - json), json,
                                 at + strlen ("\"topic\":"));
    assert_refused (bad_topic, format, "versions[0].guide.topic: must be a string");
    at = strstr (json, "\"guide\":{");
    bad_guide = g_strdup_printf ("%.*s\"guide\":[],\"x\":%s", (int) (at - json), json,
                                 at + strlen ("\"guide\":"));
    assert_refused (bad_guide, format, "versions[0].guide: must be an object");
  }
  /* A guide in a finance disclosure. */
  assert_edit_refused ("\"items\":[", "\"guide\":{\"topic\":\"x\"},\"items\":[",
                       SHEQU_DISCLOSURE_ERROR_INVALID, "policy");
  assert_refused ("[1, 2]", format, "object");
  assert_refused ("\"text\"", format, "object");
  assert_refused ("{}", format, "format: missing");
  assert_refused ("", format, NULL);
  assert_refused ("   ", format, NULL);

  /* Unknown members are ignored: a later format may add some. */
  {
    g_autofree char *json = edited ("\"format\":1,", "\"format\":1,\"later\":{\"x\":[1]},");
    g_autoptr(GError) error = NULL;
    g_autoptr(ShequDisclosure) d = shequ_disclosure_from_json (json, -1, &error);

    g_assert_no_error (error);
    g_assert_nonnull (d);
  }
}

static void
test_refuse_validation (void)
{
  /* Well-formed JSON, but not a valid disclosure. */
  assert_edit_refused ("\"period\":\"2026-Q3\"", "\"period\":\"Q3\"",
                       SHEQU_DISCLOSURE_ERROR_INVALID, "period");
  assert_edit_refused ("\"uuid\":\"6f1c2a4e", "\"uuid\":\"xx1c2a4e",
                       SHEQU_DISCLOSURE_ERROR_INVALID, "uuid");
  assert_edit_refused ("\"version\":2", "\"version\":3", SHEQU_DISCLOSURE_ERROR_INVALID,
                       "Version 3");
  assert_edit_refused ("\"state\":\"published\"", "\"state\":\"submitted\"",
                       SHEQU_DISCLOSURE_ERROR_STATE, NULL);
  assert_edit_refused ("\"versions\":[", "\"versions\":[],\"old\":[",
                       SHEQU_DISCLOSURE_ERROR_INVALID, "no version");
}

static void
test_refuse_huge (void)
{
  GString *title = g_string_new (NULL);
  g_autofree char *json = NULL;
  g_autofree char *body = g_malloc0 (SHEQU_DISCLOSURE_TEXT_MAX + 2);
  g_autofree char *body_json = NULL;

  for (guint i = 0; i < 201; i++)
    g_string_append (title, "长");
  g_string_prepend (title, "\"title\":\"");
  g_string_append (title, "\"");
  json = edited ("\"title\":\"2026年第三季度财务公开\"", title->str);
  assert_refused (json, SHEQU_DISCLOSURE_ERROR_INVALID, "title");
  g_string_free (title, TRUE);

  memset (body, 'x', SHEQU_DISCLOSURE_TEXT_MAX + 1);
  body_json = g_strdup_printf ("\"body\":\"%s\",", body);
  {
    g_autofree char *big = edited ("\"body\":", body_json);
    char *at = strstr (big, body_json) + strlen (body_json);

    /* Drop the old body's value after the inserted member. */
    memmove (at, strchr (at, ',') + 1, strlen (strchr (at, ',') + 1) + 1);
    assert_refused (big, SHEQU_DISCLOSURE_ERROR_INVALID, "65536");
  }
}

static void
test_refuse_garbage (void)
{
  g_autofree char *deep = NULL;
  g_autofree char *bad_utf8 = edited ("张会计", "张\xff会计");
  GString *nest = g_string_new ("{\"format\":1,\"x\":");

  assert_refused ("{\"format\": 1,\n  \"uuid\": }", SHEQU_DISCLOSURE_ERROR_FORMAT,
                  "line 2, column 11");
  assert_refused ("{\"format\":1", SHEQU_DISCLOSURE_ERROR_FORMAT, "JSON");
  assert_refused ("{\"format\":1}}}", SHEQU_DISCLOSURE_ERROR_FORMAT, "JSON");
  assert_refused (bad_utf8, SHEQU_DISCLOSURE_ERROR_FORMAT, "UTF-8");
  for (guint i = 0; i < 10000; i++)
    g_string_append (nest, "[");
  deep = g_string_free (nest, FALSE);
  assert_refused (deep, SHEQU_DISCLOSURE_ERROR_FORMAT, "deep");
  /* A length cuts the text: the document ends early. */
  {
    g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
    g_autofree char *json = shequ_disclosure_to_json (d);
    g_autoptr(GError) error = NULL;
    g_autoptr(ShequDisclosure) cut = shequ_disclosure_from_json (json, (gssize) strlen (json) - 1,
                                                                 &error);

    g_assert_null (cut);
    g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT);
  }
}

/* Figures only (tests never assert on time): the largest finance document, three
 * versions of 2,000 lines each. */
static void
test_speed (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  g_autofree char *json = NULL;
  g_autoptr(ShequDisclosure) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, written, read;

  g_ptr_array_remove_index (d->versions, 2);
  for (guint v = 0; v < 2; v++)
    {
      ShequDisclosureVersion *version = g_ptr_array_index (d->versions, v);

      while (version->items->len < SHEQU_DISCLOSURE_ITEMS_MAX)
        {
          g_ptr_array_add (version->items,
                           shequ_finance_item_new (SHEQU_FINANCE_INCOME, "土地承包费",
                                                   12345, "第三季度 二组"));
          version->closing += 12345;
        }
    }
  start = g_get_monotonic_time ();
  json = shequ_disclosure_to_json (d);
  written = g_get_monotonic_time ();
  back = shequ_disclosure_from_json (json, -1, &error);
  read = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_equal (d, back));
  g_test_message ("4,000 lines, %zu bytes: written in %.1f ms, read and validated in %.1f ms",
                  strlen (json), (written - start) / 1000.0, (read - written) / 1000.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disclosure-json/round-trip", test_round_trip);
  g_test_add_func ("/disclosure-json/deterministic", test_deterministic);
  g_test_add_func ("/disclosure-json/matches-corpus", test_matches_corpus);
  g_test_add_func ("/disclosure-json/small-object", test_small_object);
  g_test_add_func ("/disclosure-json/refuse/amounts", test_refuse_amounts);
  g_test_add_func ("/disclosure-json/refuse/members", test_refuse_members);
  g_test_add_func ("/disclosure-json/refuse/validation", test_refuse_validation);
  g_test_add_func ("/disclosure-json/refuse/huge", test_refuse_huge);
  g_test_add_func ("/disclosure-json/refuse/garbage", test_refuse_garbage);
  g_test_add_func ("/disclosure-json/refuse/trailing", test_refuse_trailing);
  g_test_add_func ("/disclosure-json/speed", test_speed);

  return g_test_run ();
}
