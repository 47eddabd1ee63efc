/* shequ-disclosure-json.c — a disclosure as the sync document: written the same way
 * every time, read strictly */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-json"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-json.h"
#include "shequ-json-read-private.h"
#include "shequ-text.h"

/* A document is five levels deep (document, versions, version, items, item); anything
 * much deeper is not one, and json-glib would recurse on it. */
#define MAX_DOCUMENT_DEPTH 16

/* Writing. The members' order is the protocol page's, fixed so that the same disclosure
 * always gives the same bytes. */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* A member that may be absent: a NULL is left out. */
static void
add_optional (JsonBuilder *builder,
              const char  *member,
              const char  *value)
{
  if (value != NULL)
    add_string (builder, member, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_items (JsonBuilder                  *builder,
           const ShequDisclosureVersion *v)
{
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; v->items != NULL && i < v->items->len; i++)
    {
      const ShequFinanceItem *item = g_ptr_array_index (v->items, i);

      json_builder_begin_object (builder);
      add_string (builder, "direction", shequ_finance_direction_to_key (item->direction));
      add_string (builder, "category", item->category);
      add_int (builder, "amount_fen", item->amount);
      add_string (builder, "note", item->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_attachments (JsonBuilder                  *builder,
                 const ShequDisclosureVersion *v)
{
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; v->attachments != NULL && i < v->attachments->len; i++)
    {
      const ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", ref->name);
      add_string (builder, "mime", ref->mime);
      add_int (builder, "size", ref->size);
      add_string (builder, "sha256", ref->sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_guide (JsonBuilder            *builder,
           const ShequPolicyGuide *guide)
{
  if (guide == NULL)
    return;
  json_builder_set_member_name (builder, "guide");
  json_builder_begin_object (builder);
  add_optional (builder, "topic", guide->topic);
  add_optional (builder, "eligibility", guide->eligibility);
  add_optional (builder, "materials", guide->materials);
  add_optional (builder, "steps", guide->steps);
  add_optional (builder, "contacts", guide->contacts);
  json_builder_end_object (builder);
}

static void
add_version (JsonBuilder                  *builder,
             const ShequDisclosureVersion *v)
{
  json_builder_begin_object (builder);
  add_int (builder, "version", v->version);
  add_string (builder, "state", shequ_disclosure_state_to_key (v->state));
  add_string (builder, "title", v->title);
  add_string (builder, "body", v->body);
  add_int (builder, "opening_fen", v->opening);
  add_int (builder, "closing_fen", v->closing);
  add_items (builder, v);
  add_attachments (builder, v);
  add_guide (builder, v->guide);
  add_optional (builder, "created_by", v->created_by);
  add_optional (builder, "created_at", v->created_at);
  add_optional (builder, "submitted_by", v->submitted_by);
  add_optional (builder, "submitted_at", v->submitted_at);
  add_optional (builder, "approved_by", v->approved_by);
  add_optional (builder, "approved_at", v->approved_at);
  add_optional (builder, "published_by", v->published_by);
  add_optional (builder, "published_at", v->published_at);
  add_optional (builder, "ended_by", v->ended_by);
  add_optional (builder, "ended_at", v->ended_at);
  add_optional (builder, "reason", v->reason);
  json_builder_end_object (builder);
}

JsonNode *
shequ_disclosure_to_json_node (const ShequDisclosure *d)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (d != NULL, NULL);
  g_return_val_if_fail ((guint) d->kind < SHEQU_DISCLOSURE_N_KINDS, NULL);

  json_builder_begin_object (builder);
  add_int (builder, "format", SHEQU_DISCLOSURE_FORMAT);
  add_string (builder, "uuid", d->uuid);
  add_string (builder, "unit", d->unit_code);
  add_string (builder, "kind", shequ_disclosure_kind_to_key (d->kind));
  add_string (builder, "period", d->period);
  add_optional (builder, "created_at", d->created_at);
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  for (guint i = 0; d->versions != NULL && i < d->versions->len; i++)
    add_version (builder, g_ptr_array_index (d->versions, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
shequ_disclosure_to_json (const ShequDisclosure *d)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (d != NULL, NULL);

  root = shequ_disclosure_to_json_node (d);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Reading. A refusal names the member as JSON does, "versions[1].items[3]", with 0-based
 * indices (the validation's messages, for people, count versions and lines from 1). */

static void
document_fail (const ShequJsonReader *r,
               const char            *path,
               const char            *what)
{
  /* TRANSLATORS: "versions[1].items[3].amount_fen: must be a whole number" */
  g_set_error (r->error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
               _("The document’s %s: %s"), path, what);
}

/* The English keys only: the wire never carries a translated label. */
#define DEFINE_KEY_LOOKUP(name, Type, to_key, n)        \
  static gboolean                                       \
  name (const char *key,                                \
        int        *value)                              \
  {                                                     \
    for (guint i = 0; i < (n); i++)                     \
      if (g_strcmp0 (key, to_key ((Type) i)) == 0)      \
        {                                               \
          *value = (int) i;                             \
          return TRUE;                                  \
        }                                               \
    return FALSE;                                       \
  }

DEFINE_KEY_LOOKUP (lookup_kind, ShequDisclosureKind, shequ_disclosure_kind_to_key,
                   SHEQU_DISCLOSURE_N_KINDS)
DEFINE_KEY_LOOKUP (lookup_state, ShequDisclosureState, shequ_disclosure_state_to_key,
                   SHEQU_DISCLOSURE_N_STATES)
DEFINE_KEY_LOOKUP (lookup_direction, ShequFinanceDirection, shequ_finance_direction_to_key,
                   SHEQU_FINANCE_N_DIRECTIONS)

static gpointer
read_item (const ShequJsonReader *r,
           JsonObject            *o)
{
  g_autoptr(ShequFinanceItem) item = shequ_finance_item_new (SHEQU_FINANCE_INCOME, "", 0, "");
  int direction;

  if (!_shequ_json_read_key (r, o, "direction", lookup_direction, &direction) ||
      !_shequ_json_read_string (r, o, "category", TRUE, &item->category) ||
      !_shequ_json_read_int (r, o, "amount_fen", 0, SHEQU_FEN_MAX, &item->amount) ||
      !_shequ_json_read_string (r, o, "note", TRUE, &item->note))
    return NULL;
  item->direction = (ShequFinanceDirection) direction;
  return g_steal_pointer (&item);
}

static gpointer
read_attachment (const ShequJsonReader *r,
                 JsonObject            *o)
{
  ShequAttachmentRef *ref = g_new0 (ShequAttachmentRef, 1);

  if (!_shequ_json_read_string (r, o, "name", TRUE, &ref->name) ||
      !_shequ_json_read_string (r, o, "mime", TRUE, &ref->mime) ||
      !_shequ_json_read_int (r, o, "size", 0, SHEQU_ATTACHMENT_SIZE_MAX, &ref->size) ||
      !_shequ_json_read_string (r, o, "sha256", TRUE, &ref->sha256))
    {
      shequ_attachment_ref_free (ref);
      return NULL;
    }
  return ref;
}

static gboolean
read_guide (const ShequJsonReader  *r,
            JsonObject             *o,
            ShequDisclosureVersion *v)
{
  g_auto(ShequJsonReader) inner = { NULL };
  JsonObject *g;

  if (!_shequ_json_reader_enter_member (r, o, "guide", FALSE, &g, &inner))
    return FALSE;
  if (g == NULL)
    return TRUE;
  v->guide = g_new0 (ShequPolicyGuide, 1);
  return _shequ_json_read_string (&inner, g, "topic", FALSE, &v->guide->topic) &&
         _shequ_json_read_string (&inner, g, "eligibility", FALSE, &v->guide->eligibility) &&
         _shequ_json_read_string (&inner, g, "materials", FALSE, &v->guide->materials) &&
         _shequ_json_read_string (&inner, g, "steps", FALSE, &v->guide->steps) &&
         _shequ_json_read_string (&inner, g, "contacts", FALSE, &v->guide->contacts);
}

/* The ITEMS and ATTACHMENTS lists of a version, each element an object. */
static gboolean
read_lines (const ShequJsonReader  *r,
            JsonObject             *o,
            ShequDisclosureVersion *v)
{
  JsonArray *items, *attachments;

  return _shequ_json_read_array (r, o, "items", SHEQU_DISCLOSURE_ITEMS_MAX, &items) &&
         _shequ_json_read_array (r, o, "attachments", SHEQU_DISCLOSURE_ATTACHMENTS_MAX,
                                 &attachments) &&
         _shequ_json_read_elements (r, "items", items, read_item, v->items) &&
         _shequ_json_read_elements (r, "attachments", attachments, read_attachment,
                                    v->attachments);
}

static gpointer
read_version (const ShequJsonReader *r,
              JsonObject            *o)
{
  g_autoptr(ShequDisclosureVersion) v = shequ_disclosure_version_new ();
  gint64 number;
  int state;

  if (!_shequ_json_read_int (r, o, "version", 1, SHEQU_DISCLOSURE_VERSIONS_MAX, &number) ||
      !_shequ_json_read_key (r, o, "state", lookup_state, &state) ||
      !_shequ_json_read_string (r, o, "title", TRUE, &v->title) ||
      !_shequ_json_read_string (r, o, "body", TRUE, &v->body) ||
      !_shequ_json_read_int (r, o, "opening_fen", -SHEQU_FEN_MAX, SHEQU_FEN_MAX, &v->opening) ||
      !_shequ_json_read_int (r, o, "closing_fen", -SHEQU_FEN_MAX, SHEQU_FEN_MAX, &v->closing) ||
      !read_lines (r, o, v) ||
      !read_guide (r, o, v))
    return NULL;
  v->version = (guint) number;
  v->state = (ShequDisclosureState) state;
#define READ_OPTIONAL(member) \
  if (!_shequ_json_read_string (r, o, #member, FALSE, &v->member)) \
    return NULL;
  READ_OPTIONAL (created_by) READ_OPTIONAL (created_at)
  READ_OPTIONAL (submitted_by) READ_OPTIONAL (submitted_at)
  READ_OPTIONAL (approved_by) READ_OPTIONAL (approved_at)
  READ_OPTIONAL (published_by) READ_OPTIONAL (published_at)
  READ_OPTIONAL (ended_by) READ_OPTIONAL (ended_at)
  READ_OPTIONAL (reason)
#undef READ_OPTIONAL
  return g_steal_pointer (&v);
}

static gboolean
read_document (const ShequJsonReader *r,
               JsonObject            *o,
               ShequDisclosure       *d)
{
  gint64 format = 0;
  int kind;
  JsonArray *versions;

  if (!_shequ_json_read_int (r, o, "format", G_MININT64, G_MAXINT64, &format))
    return FALSE;
  if (format != SHEQU_DISCLOSURE_FORMAT)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, format);
      g_autofree char *what = g_strdup_printf (_("%s is not known: this version of Shequ "
                                                 "reads format %d"),
                                               number, SHEQU_DISCLOSURE_FORMAT);

      return _shequ_json_reader_fail (r, "format", what);
    }
  if (!_shequ_json_read_string (r, o, "uuid", TRUE, &d->uuid) ||
      !_shequ_json_read_string (r, o, "unit", TRUE, &d->unit_code) ||
      !_shequ_json_read_key (r, o, "kind", lookup_kind, &kind) ||
      !_shequ_json_read_string (r, o, "period", TRUE, &d->period) ||
      !_shequ_json_read_string (r, o, "created_at", FALSE, &d->created_at) ||
      !_shequ_json_read_array (r, o, "versions", SHEQU_DISCLOSURE_VERSIONS_MAX, &versions))
    return FALSE;
  d->kind = (ShequDisclosureKind) kind;
  return _shequ_json_read_elements (r, "versions", versions, read_version, d->versions);
}

ShequDisclosure *
shequ_disclosure_from_json_node (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(ShequDisclosure) d = shequ_disclosure_new ();
  ShequJsonReader r = { NULL, document_fail, NULL, error };

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
                   _("The document is not a JSON object"));
      return NULL;
    }
  if (!read_document (&r, json_node_get_object (node), d) ||
      !shequ_disclosure_validate (d, error))
    return NULL;
  return g_steal_pointer (&d);
}

/* The 1-based line of byte OFFSET in DATA. */
static guint
line_of (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    line += data[i] == '\n';
  return line;
}

/* json-glib's error said with the line and column. */
static void
parse_error (const GError  *parse,
             GError       **error)
{
  guint line, column;
  g_autofree char *message = _shequ_json_parse_error_message (parse, &line, &column);

  if (line > 0)
    g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
                 _("The document is not valid JSON: line %u, column %u: %s"),
                 line, column, message);
  else
    g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
                 _("The document is not valid JSON: %s"), message);
}

/* Whether TOKEN[0..LEN) is a JSON number as RFC 8259 writes it: json-glib also reads
 * 0x10 and 012, and wraps integers beyond 64 bits (-18446744073709551615 reads as 1). */
static gboolean
is_json_number (const char *token,
                gsize       len,
                gboolean   *too_long)
{
  gsize i = 0;
  gsize digits = 0;
  gboolean integer = TRUE;

  if (i < len && token[i] == '-')
    i++;
  if (i < len && token[i] == '0')
    {
      i++;
      digits++;
    }
  else
    for (; i < len && g_ascii_isdigit (token[i]); i++)
      digits++;
  if (digits == 0)
    return FALSE;
  /* Any integer of 19 digits or more may leave a gint64: none is a valid amount. */
  *too_long = digits > 18;
  if (i < len && token[i] == '.')
    {
      gsize start = ++i;

      integer = FALSE;
      while (i < len && g_ascii_isdigit (token[i]))
        i++;
      if (i == start)
        return FALSE;
    }
  if (i < len && (token[i] == 'e' || token[i] == 'E'))
    {
      gsize start;

      integer = FALSE;
      i++;
      if (i < len && (token[i] == '+' || token[i] == '-'))
        i++;
      start = i;
      while (i < len && g_ascii_isdigit (token[i]))
        i++;
      if (i == start)
        return FALSE;
    }
  if (!integer)
    *too_long = FALSE;
  return i == len;
}

/* Every number outside strings and comments in DATA[0..LEN) a JSON number that json-glib
 * reads as written. */
static gboolean
check_numbers (const char  *data,
               gsize        len,
               GError     **error)
{
  guint line = 1;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      else if (c == '"' || c == '\'')
        {
          /* json-glib takes 'text' as a string too. */
          for (i++; i < len && data[i] != c; i++)
            {
              if (data[i] == '\\' && i + 1 < len)
                i++;
              line += data[i] == '\n';
            }
        }
      else if (c == '/' && i + 1 < len && data[i + 1] == '*')
        {
          for (i += 2; i + 1 < len && !(data[i] == '*' && data[i + 1] == '/'); i++)
            line += data[i] == '\n';
          i++;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;
          gboolean too_long = FALSE;

          while (i + 1 < len && (g_ascii_isalnum (data[i + 1]) || data[i + 1] == '.' ||
                                 data[i + 1] == '+' || data[i + 1] == '-'))
            i++;
          if (!is_json_number (data + start, i + 1 - start, &too_long) || too_long)
            {
              g_autofree char *token = g_strndup (data + start, MIN (i + 1 - start, 40));

              g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
                           too_long ? _("The document is not valid JSON: line %u: the number "
                                        "%s is too large")
                                    : _("The document is not valid JSON: line %u: %s is not "
                                        "a number"),
                           line, token);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* An object followed by more than white space (json-glib would read, and leak, a second
 * value). Anything else is left to json-glib and the reader to name. */
static gboolean
has_trailing_text (const char *data,
                   gsize       len)
{
  gsize start = 0;

  while (start < len && g_ascii_isspace (data[start]))
    start++;
  return start < len && data[start] == '{' && !shequ_text_json_is_one_object (data, len);
}

ShequDisclosure *
shequ_disclosure_from_json (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *end = NULL;
  gsize len;
  guint line = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (!g_utf8_validate (data, (gssize) len, &end))
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
                   _("The document is not UTF-8 text (line %u)"),
                   line_of (data, (gsize) (end - data)));
      return NULL;
    }
  if (!shequ_text_check_json_depth (data, len, MAX_DOCUMENT_DEPTH, &line))
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
                   _("The document is nested more than %u levels deep (line %u)"),
                   MAX_DOCUMENT_DEPTH, line);
      return NULL;
    }
  if (!check_numbers (data, len, error))
    return NULL;
  if (has_trailing_text (data, len))
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
                   _("The document is not one JSON object: more text follows its closing brace"));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      parse_error (local_error, error);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
                   _("The document is empty"));
      return NULL;
    }
  return shequ_disclosure_from_json_node (json_parser_get_root (parser), error);
}

gboolean
shequ_json_get_int (JsonObject *object,
                    const char *member,
                    gint64     *value)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  if ((node = _shequ_json_member_value (object, member, G_TYPE_INT64)) == NULL)
    return FALSE;
  if (value != NULL)
    *value = json_node_get_int (node);
  return TRUE;
}

const char *
shequ_json_get_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);

  node = _shequ_json_member_value (object, member, G_TYPE_STRING);
  return node != NULL ? json_node_get_string (node) : NULL;
}
