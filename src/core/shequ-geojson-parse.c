/* shequ-geojson-parse.c — a GeoJSON file parsed fast, its coordinates as plain numbers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-geojson"

#include "config.h"

#include <string.h>

#include "shequ-geojson-private.h"

/* json-glib makes two or three nodes per position, which is most of the time a file of a
 * million positions takes to read. This parser makes JsonNodes for everything but a
 * geometry's coordinates, and keeps those as numbers (Coords). It is strict: whatever it
 * is not sure json-glib would read the same way, it leaves to json-glib, so invalid input
 * is still reported by json-glib, with its line and column. */

/* Coordinates */

void
_shequ_coords_init (Coords *coords)
{
  coords->nodes = g_array_new (FALSE, FALSE, sizeof (CoordRef));
  coords->doubles = g_array_new (FALSE, FALSE, sizeof (double));
  coords->children = g_array_new (FALSE, FALSE, sizeof (guint));
  coords->stack = g_array_new (FALSE, FALSE, sizeof (guint));
}

void
_shequ_coords_clear (Coords *coords)
{
  g_clear_pointer (&coords->nodes, g_array_unref);
  g_clear_pointer (&coords->doubles, g_array_unref);
  g_clear_pointer (&coords->children, g_array_unref);
  g_clear_pointer (&coords->stack, g_array_unref);
}

static guint
add_node (Coords    *coords,
          CoordKind  kind,
          guint      n,
          gsize      first)
{
  CoordRef ref = { kind, n, first };

  g_array_append_val (coords->nodes, ref);
  return coords->nodes->len - 1;
}

guint
_shequ_coords_add_number (Coords *coords,
                          double  value)
{
  g_array_append_val (coords->doubles, value);
  return add_node (coords, COORD_NUMBER, 0, coords->doubles->len - 1);
}

guint
_shequ_coords_add_other (Coords *coords)
{
  return add_node (coords, COORD_OTHER, 0, 0);
}

guint
_shequ_coords_begin_array (Coords *coords)
{
  return coords->stack->len;
}

void
_shequ_coords_push_child (Coords *coords,
                          guint   id)
{
  g_array_append_val (coords->stack, id);
}

/* Numbers only, or [x, y] pairs only, become one node over their doubles (which their
 * parsing appended one after the other); their own nodes, the last ones, are dropped. */
guint
_shequ_coords_end_array (Coords *coords,
                         guint   mark)
{
  guint n = coords->stack->len - mark;
  /* An empty array's stack may have no storage yet: no pointer into it then. */
  const guint *ids = n > 0 ? &g_array_index (coords->stack, guint, mark) : NULL;
  const CoordRef *nodes = (const CoordRef *) (gpointer) coords->nodes->data;
  gboolean numbers = n > 0, pairs = n > 0;
  gsize first = 0;
  guint id;

  if (n == 0)
    return add_node (coords, COORD_ARRAY, 0, coords->children->len);

  for (guint i = 0; i < n && (numbers || pairs); i++)
    {
      const CoordRef *child = &nodes[ids[i]];

      if (i == 0)
        first = child->first;
      numbers = numbers && child->kind == COORD_NUMBER && child->first == first + i;
      pairs = pairs && child->kind == COORD_NUMBERS && child->n == 2 &&
              child->first == first + 2 * i;
    }
  if (numbers || pairs)
    {
      g_array_set_size (coords->nodes, ids[0]);
      g_array_set_size (coords->stack, mark);
      return add_node (coords, numbers ? COORD_NUMBERS : COORD_POSITIONS, n, first);
    }
  g_array_append_vals (coords->children, ids, n);
  id = add_node (coords, COORD_ARRAY, n, coords->children->len - n);
  g_array_set_size (coords->stack, mark);
  return id;
}

/* A json-glib tree's coordinates, for the files it parsed. */
guint
_shequ_coords_from_node (Coords   *coords,
                         JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint mark = _shequ_coords_begin_array (coords);

      for (guint i = 0; i < json_array_get_length (array); i++)
        _shequ_coords_push_child (coords,
                                  _shequ_coords_from_node (coords,
                                                           json_array_get_element (array, i)));
      return _shequ_coords_end_array (coords, mark);
    }
  if (JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_INT64 ||
                                       json_node_get_value_type (node) == G_TYPE_DOUBLE))
    return _shequ_coords_add_number (coords, json_node_get_double (node));
  return _shequ_coords_add_other (coords);
}

CoordRef
_shequ_coords_get (Coords *coords,
                   guint   id)
{
  return g_array_index (coords->nodes, CoordRef, id);
}

gboolean
_shequ_coords_is_array (CoordRef ref)
{
  return ref.kind == COORD_ARRAY || ref.kind == COORD_NUMBERS || ref.kind == COORD_POSITIONS;
}

CoordRef
_shequ_coords_child (Coords   *coords,
                     CoordRef  ref,
                     guint     index)
{
  g_assert (index < ref.n);

  switch (ref.kind)
    {
    case COORD_ARRAY:
      return _shequ_coords_get (coords, g_array_index (coords->children, guint, ref.first + index));
    case COORD_NUMBERS:
      return (CoordRef) { COORD_NUMBER, 0, ref.first + index };
    case COORD_POSITIONS:
      return (CoordRef) { COORD_NUMBERS, 2, ref.first + 2 * index };
    case COORD_OTHER:
    case COORD_NUMBER:
    default:
      g_assert_not_reached ();
    }
}

/* Parsing */

typedef enum {
  ROLE_OTHER,
  ROLE_ROOT,       /* the document: a FeatureCollection or a Feature */
  ROLE_FEATURES,   /* the root's "features" */
  ROLE_FEATURE,
  ROLE_GEOMETRY,
} Role;

typedef struct {
  const char    *start;
  const char    *p;
  const char    *end;
  Coords        *coords;
  GHashTable    *geometry_coords;
  GCancellable  *cancellable;
  void         (*progress) (double, gpointer);
  gpointer       user_data;
  gboolean       cancelled;
} Parser;

static JsonNode *parse_value (Parser *p, Role role);

static void
skip_space (Parser *p)
{
  while (p->p < p->end && (*p->p == ' ' || *p->p == '\n' || *p->p == '\r' || *p->p == '\t'))
    p->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser   *p,
           gunichar *out)
{
  *out = 0;
  if (p->end - p->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int v = hex_value (p->p[i]);

      if (v < 0)
        return FALSE;
      *out = *out * 16 + v;
    }
  p->p += 4;
  return TRUE;
}

/* One escape after the backslash into OUT. No NUL, no lone surrogate. */
static gboolean
read_escape (Parser  *p,
             GString *out)
{
  static const char plain[] = "\"\\/bfnrt";
  static const char meant[] = "\"\\/\b\f\n\r\t";
  const char *found;
  gunichar c, low;

  if (p->p >= p->end)
    return FALSE;
  if (*p->p != 'u')
    {
      if (*p->p == '\0' || !(found = strchr (plain, *p->p)))
        return FALSE;
      g_string_append_c (out, meant[found - plain]);
      p->p++;
      return TRUE;
    }
  p->p++;
  if (!read_hex4 (p, &c) || c == 0 || (c >= 0xdc00 && c <= 0xdfff))
    return FALSE;
  if (c >= 0xd800 && c <= 0xdbff)
    {
      if (p->end - p->p < 2 || p->p[0] != '\\' || p->p[1] != 'u')
        return FALSE;
      p->p += 2;
      if (!read_hex4 (p, &low) || low < 0xdc00 || low > 0xdfff)
        return FALSE;
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
    }
  g_string_append_unichar (out, c);
  return TRUE;
}

/* A string (P at its opening quote), newly allocated; valid UTF-8 only. */
static char *
parse_string (Parser *p)
{
  const char *from = ++p->p;
  g_autoptr(GString) out = NULL;

  while (p->p < p->end && *p->p != '"' && *p->p != '\\' && (guchar) *p->p >= 0x20)
    p->p++;
  if (p->p < p->end && *p->p == '"')
    {
      if (!g_utf8_validate (from, p->p - from, NULL))
        return NULL;
      return g_strndup (from, p->p++ - from);
    }
  out = g_string_new_len (from, p->p - from);
  while (p->p < p->end && *p->p != '"')
    {
      if ((guchar) *p->p < 0x20)
        return NULL;
      if (*p->p == '\\')
        {
          p->p++;
          if (!read_escape (p, out))
            return NULL;
        }
      else
        g_string_append_c (out, *p->p++);
    }
  if (p->p >= p->end || !g_utf8_validate (out->str, out->len, NULL))
    return NULL;
  p->p++;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* A JSON number. Integers (at most 18 digits) in *INTEGER with *IS_INTEGER; the others
 * correctly rounded: exactly when the digits and the exponent allow, else strtod. */
static gboolean
parse_number (Parser   *p,
              double   *value,
              gint64   *integer,
              gboolean *is_integer)
{
  const char *from = p->p;
  guint64 mantissa = 0;
  int digits = 0, scale = 0, exponent = 0, exponent_sign = 1;
  gboolean negative = FALSE, fraction = FALSE, has_exponent = FALSE;

  if (p->p < p->end && *p->p == '-')
    negative = TRUE, p->p++;
  if (p->p >= p->end || !g_ascii_isdigit (*p->p))
    return FALSE;
  if (*p->p == '0')
    p->p++;
  else
    for (; p->p < p->end && g_ascii_isdigit (*p->p); p->p++, digits++)
      if (digits < 19)
        mantissa = mantissa * 10 + (*p->p - '0');
  if (digits > 18)
    return FALSE;
  if (p->p < p->end && *p->p == '.')
    {
      p->p++;
      fraction = TRUE;
      if (p->p >= p->end || !g_ascii_isdigit (*p->p))
        return FALSE;
      for (; p->p < p->end && g_ascii_isdigit (*p->p); p->p++)
        if (digits < 19)
          {
            mantissa = mantissa * 10 + (*p->p - '0');
            digits += mantissa != 0;
            scale++;
          }
        else
          digits++;
    }
  if (p->p < p->end && (*p->p == 'e' || *p->p == 'E'))
    {
      p->p++;
      has_exponent = TRUE;
      if (p->p < p->end && (*p->p == '+' || *p->p == '-'))
        exponent_sign = *p->p++ == '-' ? -1 : 1;
      if (p->p >= p->end || !g_ascii_isdigit (*p->p))
        return FALSE;
      for (; p->p < p->end && g_ascii_isdigit (*p->p); p->p++)
        if (exponent < 10000)
          exponent = exponent * 10 + (*p->p - '0');
    }

  *is_integer = !fraction && !has_exponent;
  if (*is_integer)
    {
      *integer = negative ? -(gint64) mantissa : (gint64) mantissa;
      *value = (double) *integer;
      return TRUE;
    }
  exponent = exponent_sign * exponent - scale;
  if (digits <= 15 && exponent >= -22 && exponent <= 22)
    {
      double m = (double) mantissa;

      *value = exponent < 0 ? m / powers_of_ten[-exponent] : m * powers_of_ten[exponent];
      if (negative)
        *value = -*value;
      return TRUE;
    }
  {
    g_autofree char *token = g_strndup (from, p->p - from);

    *value = g_ascii_strtod (token, NULL);
  }
  return TRUE;
}

static gboolean
parse_literal (Parser     *p,
               const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (p->end - p->p) < len || memcmp (p->p, word, len) != 0)
    return FALSE;
  p->p += len;
  return TRUE;
}

/* At the start of a list closed by CLOSE: TRUE, and past CLOSE, when the list is empty. */
static gboolean
parse_list_close (Parser *p,
                  char    close)
{
  skip_space (p);
  if (p->p < p->end && *p->p == close)
    {
      p->p++;
      return TRUE;
    }
  return FALSE;
}

/* After an element of a list closed by CLOSE: past a comma (*MORE set) or CLOSE (*MORE
 * unset); FALSE on anything else. */
static gboolean
parse_list_separator (Parser   *p,
                      char      close,
                      gboolean *more)
{
  skip_space (p);
  if (p->p < p->end && *p->p == ',')
    {
      p->p++;
      *more = TRUE;
      return TRUE;
    }
  *more = FALSE;
  return parse_list_close (p, close);
}

/* The common case, "[x, y]" (P after the bracket), as one node; P unmoved if not. */
static gboolean
parse_pair (Parser *p,
            guint  *id)
{
  const char *from = p->p;
  double xy[2];
  gint64 integer;
  gboolean is_integer;

  for (int i = 0; i < 2; i++)
    {
      skip_space (p);
      if (p->p >= p->end || !(*p->p == '-' || g_ascii_isdigit (*p->p)) ||
          !parse_number (p, &xy[i], &integer, &is_integer))
        break;
      skip_space (p);
      if (p->p < p->end && *p->p == (i == 0 ? ',' : ']'))
        {
          p->p++;
          if (i == 0)
            continue;
          g_array_append_vals (p->coords->doubles, xy, 2);
          *id = add_node (p->coords, COORD_NUMBERS, 2, p->coords->doubles->len - 2);
          return TRUE;
        }
      break;
    }
  p->p = from;
  return FALSE;
}

/* A geometry's coordinates into P's Coords; its id in *ID. */
static gboolean
parse_coordinates (Parser *p,
                   guint  *id)
{
  skip_space (p);
  if (p->p >= p->end)
    return FALSE;
  if (*p->p == '[')
    {
      guint mark = _shequ_coords_begin_array (p->coords);
      guint child;

      p->p++;
      if (parse_pair (p, id))
        return TRUE;
      if (!parse_list_close (p, ']'))
        for (gboolean more = TRUE; more;)
          {
            if (!parse_coordinates (p, &child))
              return FALSE;
            _shequ_coords_push_child (p->coords, child);
            if (!parse_list_separator (p, ']', &more))
              return FALSE;
          }
      *id = _shequ_coords_end_array (p->coords, mark);
      return TRUE;
    }
  if (*p->p == '-' || g_ascii_isdigit (*p->p))
    {
      double value;
      gint64 integer;
      gboolean is_integer;

      if (!parse_number (p, &value, &integer, &is_integer))
        return FALSE;
      *id = _shequ_coords_add_number (p->coords, value);
      return TRUE;
    }
  {
    /* Anything else is "not a number", once it is known to be valid JSON. */
    g_autoptr(JsonNode) other = parse_value (p, ROLE_OTHER);

    if (other == NULL)
      return FALSE;
    *id = _shequ_coords_add_other (p->coords);
    return TRUE;
  }
}

static Role
member_role (Role        role,
             const char *name)
{
  if (role == ROLE_ROOT && g_str_equal (name, "features"))
    return ROLE_FEATURES;
  if ((role == ROLE_ROOT || role == ROLE_FEATURE) && g_str_equal (name, "geometry"))
    return ROLE_GEOMETRY;
  return ROLE_OTHER;
}

/* One member's value into OBJECT; a geometry's coordinates into the Coords, with a null
 * member in their place (so that a second one is a duplicate). */
static gboolean
parse_member_value (Parser     *p,
                    Role        role,
                    JsonObject *object,
                    char       *name)
{
  JsonNode *value;

  if (role == ROLE_GEOMETRY && g_str_equal (name, "coordinates"))
    {
      guint id;

      if (!parse_coordinates (p, &id))
        return FALSE;
      g_hash_table_insert (p->geometry_coords, object, GUINT_TO_POINTER (id + 1));
      value = json_node_new (JSON_NODE_NULL);
    }
  else if (!(value = parse_value (p, member_role (role, name))))
    return FALSE;
  json_object_set_member (object, name, value);
  return TRUE;
}

static JsonNode *
parse_object (Parser *p,
              Role    role)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  p->p++;
  if (!parse_list_close (p, '}'))
    for (gboolean more = TRUE; more;)
      {
        g_autofree char *name = NULL;

        skip_space (p);
        if (p->p >= p->end || *p->p != '"' || !(name = parse_string (p)))
          return NULL;
        /* Which of two members json-glib keeps is not ours to guess. */
        if (json_object_has_member (object, name))
          return NULL;
        skip_space (p);
        if (p->p >= p->end || *p->p != ':')
          return NULL;
        p->p++;
        if (!parse_member_value (p, role, object, name))
          return NULL;
        if (!parse_list_separator (p, '}', &more))
          return NULL;
      }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, g_steal_pointer (&object));
  return node;
}

/* The features report their progress (the first half: parsing) and may be cancelled. */
static gboolean
feature_done (Parser *p)
{
  if (g_cancellable_is_cancelled (p->cancellable))
    {
      p->cancelled = TRUE;
      return FALSE;
    }
  if (p->progress != NULL)
    p->progress (0.5 * (p->p - p->start) / MAX (p->end - p->start, 1), p->user_data);
  return TRUE;
}

static JsonNode *
parse_array (Parser *p,
             Role    role)
{
  g_autoptr(JsonArray) array = json_array_new ();
  Role element_role = role == ROLE_FEATURES ? ROLE_FEATURE : ROLE_OTHER;
  JsonNode *node;

  p->p++;
  if (!parse_list_close (p, ']'))
    for (gboolean more = TRUE; more;)
      {
        JsonNode *element = parse_value (p, element_role);

        if (element == NULL)
          return NULL;
        json_array_add_element (array, element);
        if (role == ROLE_FEATURES && !feature_done (p))
          return NULL;
        if (!parse_list_separator (p, ']', &more))
          return NULL;
      }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, g_steal_pointer (&array));
  return node;
}

static JsonNode *
parse_scalar (Parser *p)
{
  JsonNode *node;

  if (*p->p == '"')
    {
      g_autofree char *text = parse_string (p);

      if (text == NULL)
        return NULL;
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
      return node;
    }
  if (*p->p == '-' || g_ascii_isdigit (*p->p))
    {
      double value;
      gint64 integer;
      gboolean is_integer;

      if (!parse_number (p, &value, &integer, &is_integer))
        return NULL;
      node = json_node_new (JSON_NODE_VALUE);
      if (is_integer)
        json_node_set_int (node, integer);
      else
        json_node_set_double (node, value);
      return node;
    }
  if (parse_literal (p, "true") || parse_literal (p, "false"))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, p->p[-1] == 'e' && p->p[-2] == 'u');
      return node;
    }
  if (parse_literal (p, "null"))
    return json_node_new (JSON_NODE_NULL);
  return NULL;
}

static JsonNode *
parse_value (Parser *p,
             Role    role)
{
  skip_space (p);
  if (p->p >= p->end)
    return NULL;
  if (*p->p == '{')
    return parse_object (p, role == ROLE_FEATURES ? ROLE_OTHER : role);
  if (*p->p == '[')
    return parse_array (p, role);
  return parse_scalar (p);
}

FastParseResult
_shequ_geojson_fast_parse (const char    *text,
                           gsize          len,
                           Coords        *coords,
                           GHashTable    *geometry_coords,
                           GCancellable  *cancellable,
                           void         (*progress) (double   fraction,
                                                     gpointer user_data),
                           gpointer       user_data,
                           JsonNode     **root)
{
  Parser p = { text, text, text + len, coords, geometry_coords, cancellable, progress,
               user_data, FALSE };
  JsonNode *node = parse_value (&p, ROLE_ROOT);

  if (node != NULL)
    skip_space (&p);
  if (node == NULL || p.p != p.end)
    {
      g_clear_pointer (&node, json_node_unref);
      g_hash_table_remove_all (geometry_coords);
      return p.cancelled ? FAST_PARSE_CANCELLED : FAST_PARSE_UNSURE;
    }
  *root = node;
  return FAST_PARSE_OK;
}
