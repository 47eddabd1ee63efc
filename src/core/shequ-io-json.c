/* shequ-io-json.c — reading JSON into records: depth, numbers as written, posts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-io"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "shequ-io-private.h"
#include "shequ-text.h"

/* JSON nesting the formats need: {"people":[{"posts":[{…}]}]} is 4 deep. Deeper input
 * is refused before json-glib, which recurses once per level, sees it. */
#define MAX_JSON_DEPTH 32
/* Numbers in JSON reach json-glib as strings that start with this private-use character,
 * so the literal text survives (json-glib turns 1e999 or 99999999999999999999 into
 * other values) and messages quote what the file said. */
#define JSON_NUMBER_MARK "\xEE\x80\x80"

/* Columns whose values are identifiers: a JSON number with a fraction or exponent is
 * refused there, and spreadsheet damage is looked for. */
static gboolean
is_identifier_column (const Column *columns,
                      guint         column)
{
  const char *key = columns[column].key;

  return g_str_equal (key, "code") || g_str_equal (key, "parent_code") ||
         g_str_equal (key, "person_code") || g_str_equal (key, "unit_code") ||
         g_str_equal (key, "phone");
}

/* ------------------------------------------------------------------------------------ */
/* Reading a table from JSON                                                            */

/* A member's value as text; FALSE (with a problem) when it is not text or a number. */
static gboolean
json_member_to_value (const TableSpec  *spec,
                      guint             column,
                      JsonObject       *object,
                      Record           *record,
                      Problems         *problems)
{
  JsonNode *node = json_object_get_member (object, spec->columns[column].key);
  const char *key = spec->columns[column].key;

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      record->values[column] = g_strdup ("");
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      _shequ_io_problem_add (problems, record, _("“%s” must be text or a number"), key);
      return FALSE;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        if (!g_utf8_validate (text, -1, NULL))
          {
            _shequ_io_problem_add (problems, record, _("“%s” is not valid UTF-8 text"), key);
            return FALSE;
          }

        if (g_str_has_prefix (text, JSON_NUMBER_MARK))
          {
            /* A number, as the file wrote it. */
            const char *literal = text + strlen (JSON_NUMBER_MARK);

            if (is_identifier_column (spec->columns, column) &&
                strpbrk (literal, ".eE") != NULL)
              {
                _shequ_io_problem_add_value (problems, record, literal,
                                             _("%s is a number with a fraction or exponent; "
                                               "write it as text in quotes"),
                                             key);
                return FALSE;
              }
            record->values[column] = g_strdup (literal);
            return TRUE;
          }
        record->values[column] = _shequ_io_dup_trimmed (text);
        return TRUE;
      }
    case G_TYPE_INT64:
      record->values[column] = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        double value = json_node_get_double (node);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (is_identifier_column (spec->columns, column))
          {
            _shequ_io_problem_add (problems, record,
                                   _("%s %s is a number with a fraction or exponent; write it as "
                                     "text in quotes"),
                                   key, g_ascii_dtostr (buffer, sizeof buffer, value));
            return FALSE;
          }
        record->values[column] = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
        return TRUE;
      }
    case G_TYPE_BOOLEAN:
    default:
      _shequ_io_problem_add (problems, record, _("“%s” must be text or a number"), key);
      return FALSE;
    }
}

static Record *
json_record_new (const char *filename,
                 const char *ref)
{
  Record *record = g_new0 (Record, 1);

  record->ref = g_strdup (ref);
  record->json = TRUE;
  return record;
}

static gboolean
is_json_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* TEXT ready for json-glib: refused when nested deeper than the formats need (json-glib
 * would recurse until the stack overflows), and with every number turned into a marked
 * string that keeps its literal text. */
static char *
prepare_json (const char  *text,
              const char  *filename,
              GError     **error)
{
  gsize len = strlen (text);
  GString *out;
  gboolean in_string = FALSE;
  gboolean in_single_quotes = FALSE;
  guint line = 0;

  if (!shequ_text_check_json_depth (text, len, MAX_JSON_DEPTH, &line))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   _("%s\nLine %u: the JSON is nested more than %u levels deep; "
                     "a Shequ file needs no more than 5"),
                   filename, line, MAX_JSON_DEPTH);
      return NULL;
    }

  out = g_string_sized_new (len + len / 8 + 16);
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          g_string_append_c (out, c);
          if (c == '\\' && i + 1 < len)
            g_string_append_c (out, text[++i]);
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (in_single_quotes)
        {
          /* json-glib also takes 'text' as a string, without escapes. */
          g_string_append_c (out, c);
          if (c == '\'')
            in_single_quotes = FALSE;
          continue;
        }
      if (c == '/' && i + 1 < len && text[i + 1] == '*')
        {
          /* json-glib skips C comments: so does this, quotes in them included. */
          const char *close = g_strstr_len (text + i + 2, len - i - 2, "*/");
          gsize end = close != NULL ? (gsize) (close - text) + 2 : len;

          g_string_append_len (out, text + i, end - i);
          i = end - 1;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '\'')
        in_single_quotes = TRUE;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;

          while (i + 1 < len && is_json_number_char (text[i + 1]))
            i++;
          g_string_append (out, "\"" JSON_NUMBER_MARK);
          g_string_append_len (out, text + start, i + 1 - start);
          g_string_append_c (out, '"');
          continue;
        }
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

/* TEXT parsed into PARSER; FALSE with the error on the line the user sees. */
static gboolean
parse_json (JsonParser  *parser,
            const char  *text,
            const char  *filename,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *prepared = NULL;
  g_autofree char *valid = NULL;
  const char *message;
  guint line = 0;

  prepared = prepare_json (text, filename, error);
  if (prepared == NULL)
    return FALSE;
  if (json_parser_load_from_data (parser, prepared, -1, &local_error))
    return TRUE;

  /* json-glib may cut a quoted token in the middle of a character. */
  valid = g_utf8_make_valid (local_error->message, -1);
  message = valid;
  /* json-glib says "<data>:3:14: Parse error: …": name the line the user's way. */
  if (g_str_has_prefix (message, "<data>:"))
    {
      char *end = NULL;

      line = (guint) g_ascii_strtoull (message + strlen ("<data>:"), &end, 10);
      while (end != NULL && (*end == ':' || g_ascii_isdigit (*end) || *end == ' '))
        end++;
      if (line > 0 && end != NULL)
        message = end;
    }
  if (line > 0)
    g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                 _("%s\nLine %u: not valid JSON: %s"), filename, line, message);
  else
    g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                 _("%s: not valid JSON: %s"), filename, message);
  return FALSE;
}

/* A problem of the JSON record NUMBER as a whole, which gives no record. */
static void
add_record_problem (Problems   *problems,
                    const char *filename,
                    const char *ref,
                    guint       number,
                    const char *text)
{
  Record *record = json_record_new (filename, ref);

  record->number = number;
  _shequ_io_problem_add (problems, record, "%s", text);
  _shequ_io_record_free (record);
}

/* The person's "code" is the CSV's person_code. */
static void
read_json_person_code (const TableSpec *spec,
                       JsonObject      *object,
                       Record          *record,
                       Problems        *problems)
{
  JsonNode *code = json_object_get_member (object, "code");
  g_autoptr(JsonObject) alias = json_object_new ();

  if (code != NULL && !json_object_has_member (object, "person_code"))
    json_object_set_member (alias, "person_code", json_node_copy (code));
  else if (json_object_has_member (object, "person_code"))
    json_object_set_member (alias, "person_code",
                            json_node_copy (json_object_get_member (object, "person_code")));
  json_member_to_value (spec, P_PERSON_CODE, alias, record, problems);
}

/* People: the person's members, then one record per post (one without posts). */
static void
read_json_person (const TableSpec *spec,
                  JsonObject      *object,
                  guint            number,
                  const char      *filename,
                  const char      *ref,
                  Table           *table,
                  Problems        *problems)
{
  JsonArray *posts = NULL;

  if (json_object_has_member (object, "posts"))
    {
      JsonNode *posts_node = json_object_get_member (object, "posts");

      if (JSON_NODE_HOLDS_ARRAY (posts_node))
        posts = json_node_get_array (posts_node);
      else if (!JSON_NODE_HOLDS_NULL (posts_node))
        {
          add_record_problem (problems, filename, ref, number, _("“posts” must be an array"));
          return;
        }
    }

  for (guint p = 0; p == 0 || (posts != NULL && p < json_array_get_length (posts)); p++)
    {
      JsonNode *post_node = posts != NULL && p < json_array_get_length (posts) ?
        json_array_get_element (posts, p) : NULL;
      g_autofree char *post_ref = post_node != NULL ?
        g_strdup_printf (_("record %u, post %u"), number, p + 1) : g_strdup (ref);
      Record *record = json_record_new (filename, post_ref);

      record->number = number;
      read_json_person_code (spec, object, record, problems);
      json_member_to_value (spec, P_NAME, object, record, problems);
      json_member_to_value (spec, P_PHONE, object, record, problems);

      if (post_node != NULL && JSON_NODE_HOLDS_OBJECT (post_node))
        {
          JsonObject *post = json_node_get_object (post_node);

          json_member_to_value (spec, P_UNIT_CODE, post, record, problems);
          json_member_to_value (spec, P_ROLE, post, record, problems);
          json_member_to_value (spec, P_TITLE, post, record, problems);
        }
      else if (post_node != NULL)
        _shequ_io_problem_add (problems, record, _("a post must be an object"));
      else
        {
          /* A person without posts. */
          record->values[P_UNIT_CODE] = g_strdup ("");
          record->values[P_ROLE] = g_strdup ("");
        }
      g_ptr_array_add (table->records, record);
    }
}

gboolean
_shequ_io_read_json_table (const TableSpec  *spec,
                           const char       *text,
                           const char       *filename,
                           Table            *table,
                           Problems         *problems,
                           GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;
  JsonNode *array_node;

  if (!parse_json (parser, text, filename, error))
    return FALSE;
  root = json_parser_get_root (parser);
  array_node = (root != NULL && JSON_NODE_HOLDS_OBJECT (root)) ?
    json_object_get_member (json_node_get_object (root), spec->array_key) : NULL;
  if (array_node == NULL || !JSON_NODE_HOLDS_ARRAY (array_node))
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_FORMAT,
                   _("%s: expected a JSON object with an array “%s”"), filename, spec->array_key);
      return FALSE;
    }

  for (guint i = 0; i < spec->n_columns; i++)
    table->has[i] = TRUE;
  table->records = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_io_record_free);
  array = json_node_get_array (array_node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *ref = g_strdup_printf (_("record %u"), i + 1);
      JsonObject *object;
      Record *record;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          add_record_problem (problems, filename, ref, i + 1, _("expected an object"));
          continue;
        }
      object = json_node_get_object (node);
      if (spec->flatten_posts)
        {
          read_json_person (spec, object, i + 1, filename, ref, table, problems);
          continue;
        }

      record = json_record_new (filename, ref);
      record->number = i + 1;
      for (guint c = 0; c < spec->n_columns; c++)
        json_member_to_value (spec, c, object, record, problems);
      g_ptr_array_add (table->records, record);
    }
  return TRUE;
}
