/* shequ-geojson.c — GeoJSON (RFC 7946) features read into shapes, and written back */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-geojson"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-geojson-private.h"
#include "shequ-geojson.h"
#include "shequ-json-read-private.h"
#include "shequ-text.h"

/* FeatureCollection → features → Feature → geometry → MultiPolygon's four array levels
 * is 8 deep; properties (DataV's "parent") add a few. Deeper input is refused before
 * json-glib, which recurses once per level, sees it. */
#define MAX_GEOJSON_DEPTH 32
/* At most this many feature names are quoted per kind of problem. */
#define MAX_NAMES 5

G_DEFINE_QUARK (shequ-geojson-error-quark, shequ_geojson_error)

/* ------------------------------------------------------------------------------------ */
/* Features                                                                             */

ShequGeojsonFeature *
shequ_geojson_feature_new (GHashTable    *properties,
                           ShequGeoShape *shape)
{
  ShequGeojsonFeature *feature = g_new0 (ShequGeojsonFeature, 1);

  feature->properties = properties != NULL ? g_hash_table_ref (properties) :
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  feature->shape = shape != NULL ? shequ_geo_shape_ref (shape) : NULL;
  return feature;
}

void
shequ_geojson_feature_free (ShequGeojsonFeature *feature)
{
  if (feature == NULL)
    return;
  g_hash_table_unref (feature->properties);
  g_clear_pointer (&feature->shape, shequ_geo_shape_unref);
  g_free (feature->problem);
  g_free (feature);
}

const char *
shequ_geojson_feature_get_name (const ShequGeojsonFeature *feature)
{
  g_return_val_if_fail (feature != NULL, NULL);

  return g_hash_table_lookup (feature->properties, "name");
}

/* ------------------------------------------------------------------------------------ */
/* Reading                                                                              */

/* A property's value as text; NULL for null. */
static char *
property_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    switch (json_node_get_value_type (node))
      {
      case G_TYPE_STRING:
        return g_utf8_make_valid (json_node_get_string (node), -1);
      case G_TYPE_INT64:
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      case G_TYPE_BOOLEAN:
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
      default:
        break;
      }
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static GHashTable *
read_properties (JsonObject *feature)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *node = json_object_get_member (feature, "properties");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return table;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      char *text = property_to_text (value);

      if (text != NULL)
        g_hash_table_replace (table, g_utf8_make_valid (name, -1), text);
    }
  return table;
}

/* Where a geometry's coordinates are: the fast parser's Coords (GEOMETRY_COORDS maps
 * each geometry object to its id + 1), or, for a tree json-glib parsed, Coords made
 * from its nodes one geometry at a time. */
typedef struct {
  Coords     *coords;
  GHashTable *geometry_coords;   /* NULL for json-glib's tree */
} ReadContext;

/* One position into POINT; FALSE with PROBLEM set. */
static gboolean
read_position (Coords         *coords,
               CoordRef        node,
               ShequGeoPoint  *point,
               char          **problem)
{
  double values[2];

  if (!_shequ_coords_is_array (node) || node.n < 2)
    {
      *problem = g_strdup (_("a position must be an array of a longitude and a latitude"));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      CoordRef element = _shequ_coords_child (coords, node, i);

      if (element.kind != COORD_NUMBER)
        {
          *problem = g_strdup (_("a coordinate is not a number"));
          return FALSE;
        }
      values[i] = g_array_index (coords->doubles, double, element.first);
    }
  if (!isfinite (values[0]) || !isfinite (values[1]) ||
      values[0] < -180.0 || values[0] > 180.0 || values[1] < -90.0 || values[1] > 90.0)
    {
      *problem = g_strdup (_("a coordinate is out of range (longitude −180 to 180, "
                             "latitude −90 to 90)"));
      return FALSE;
    }
  point->x = values[0];
  point->y = values[1];
  return TRUE;
}

/* The points of a ring of [x, y] pairs, copied at once, then checked in order. */
static gboolean
read_pairs (Coords         *coords,
            CoordRef        node,
            ShequGeoRing   *ring,
            char          **problem)
{
  G_STATIC_ASSERT (sizeof (ShequGeoPoint) == 2 * sizeof (double));
  memcpy (ring->points, &g_array_index (coords->doubles, double, node.first),
          node.n * sizeof (ShequGeoPoint));
  for (guint i = 0; i < node.n; i++)
    {
      double x = ring->points[i].x, y = ring->points[i].y;

      if (!isfinite (x) || !isfinite (y) || x < -180.0 || x > 180.0 || y < -90.0 || y > 90.0)
        return read_position (coords, _shequ_coords_child (coords, node, i), &ring->points[i],
                              problem);
    }
  return TRUE;
}

/* One linear ring into RING (its points newly allocated); FALSE with PROBLEM set. */
static gboolean
read_ring (Coords         *coords,
           CoordRef        node,
           ShequGeoRing   *ring,
           char          **problem)
{
  guint n = node.n;
  gboolean ok = TRUE;

  if (!_shequ_coords_is_array (node))
    {
      *problem = g_strdup (_("a ring must be an array of positions"));
      return FALSE;
    }
  if (n < 4)
    {
      *problem = g_strdup_printf (_("a ring has %u positions; it needs at least 4"), n);
      return FALSE;
    }
  ring->points = g_new (ShequGeoPoint, n);
  ring->n_points = n;
  if (node.kind == COORD_POSITIONS)
    ok = read_pairs (coords, node, ring, problem);
  else
    for (guint i = 0; ok && i < n; i++)
      ok = read_position (coords, _shequ_coords_child (coords, node, i), &ring->points[i],
                          problem);
  if (!ok)
    {
      g_clear_pointer (&ring->points, g_free);
      return FALSE;
    }
  if (ring->points[0].x != ring->points[n - 1].x || ring->points[0].y != ring->points[n - 1].y)
    {
      *problem = g_strdup (_("a ring is not closed: its last position differs from its first"));
      g_clear_pointer (&ring->points, g_free);
      return FALSE;
    }
  return TRUE;
}

/* One Polygon's coordinates added to SHAPE; FALSE with PROBLEM set. */
static gboolean
read_polygon (Coords         *coords,
              CoordRef        node,
              ShequGeoShape  *shape,
              char          **problem)
{
  g_autoptr(GArray) rings = NULL;
  gboolean ok = TRUE;

  if (!_shequ_coords_is_array (node) || node.n == 0)
    {
      *problem = g_strdup (_("a polygon must be a non-empty array of rings"));
      return FALSE;
    }
  rings = g_array_new (FALSE, TRUE, sizeof (ShequGeoRing));
  for (guint i = 0; ok && i < node.n; i++)
    {
      ShequGeoRing ring = { 0 };

      ok = read_ring (coords, _shequ_coords_child (coords, node, i), &ring, problem);
      if (ok)
        g_array_append_val (rings, ring);
    }
  if (ok)
    shequ_geo_shape_add_polygon (shape, (ShequGeoRing *) (gpointer) rings->data, rings->len);
  for (guint i = 0; i < rings->len; i++)
    g_free (g_array_index (rings, ShequGeoRing, i).points);
  return ok;
}

/* The geometry's coordinates, or FALSE when it has none. */
static gboolean
find_coordinates (ReadContext *context,
                  JsonObject  *geometry,
                  CoordRef    *coordinates)
{
  JsonNode *node;
  guint id;

  if (context->geometry_coords != NULL)
    {
      id = GPOINTER_TO_UINT (g_hash_table_lookup (context->geometry_coords, geometry));
      if (id == 0)
        return FALSE;
      *coordinates = _shequ_coords_get (context->coords, id - 1);
      return TRUE;
    }
  node = json_object_get_member (geometry, "coordinates");
  if (node == NULL)
    return FALSE;
  /* One geometry at a time: the last one's numbers are no longer needed. */
  g_array_set_size (context->coords->nodes, 0);
  g_array_set_size (context->coords->doubles, 0);
  g_array_set_size (context->coords->children, 0);
  *coordinates = _shequ_coords_get (context->coords,
                                    _shequ_coords_from_node (context->coords, node));
  return TRUE;
}

/* The feature's geometry as a shape; NULL with PROBLEM set. */
static ShequGeoShape *
read_geometry (ReadContext  *context,
               JsonObject   *feature,
               char        **problem)
{
  JsonNode *node = json_object_get_member (feature, "geometry");
  g_autoptr(ShequGeoShape) shape = NULL;
  JsonObject *geometry;
  CoordRef coordinates = { COORD_OTHER, 0, 0 };
  gboolean has_coordinates;
  const char *type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *problem = g_strdup (_("the feature has no geometry"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *problem = g_strdup (_("the geometry must be an object"));
      return NULL;
    }
  geometry = json_node_get_object (node);
  type = json_object_get_string_member_with_default (geometry, "type", NULL);
  if (type == NULL || (!g_str_equal (type, "Polygon") && !g_str_equal (type, "MultiPolygon")))
    {
      g_autofree char *valid = type != NULL ? g_utf8_make_valid (type, -1) : NULL;

      *problem = valid != NULL ?
        g_strdup_printf (_("the geometry is a “%s”, not a Polygon or MultiPolygon"), valid) :
        g_strdup (_("the geometry has no type Polygon or MultiPolygon"));
      return NULL;
    }
  has_coordinates = find_coordinates (context, geometry, &coordinates);
  if (!has_coordinates || !_shequ_coords_is_array (coordinates))
    {
      *problem = g_strdup (_("the geometry has no array “coordinates”"));
      return NULL;
    }

  shape = shequ_geo_shape_new ();
  if (g_str_equal (type, "Polygon"))
    {
      if (!read_polygon (context->coords, coordinates, shape, problem))
        return NULL;
    }
  else
    {
      if (coordinates.n == 0)
        {
          *problem = g_strdup (_("the MultiPolygon has no polygons"));
          return NULL;
        }
      for (guint i = 0; i < coordinates.n; i++)
        if (!read_polygon (context->coords, _shequ_coords_child (context->coords, coordinates, i),
                           shape, problem))
          return NULL;
    }
  return g_steal_pointer (&shape);
}

static ShequGeojsonFeature *
read_feature (ReadContext *context,
              JsonNode    *node,
              guint        index)
{
  g_autoptr(GHashTable) properties = NULL;
  g_autoptr(ShequGeoShape) shape = NULL;
  ShequGeojsonFeature *feature;
  JsonObject *object;
  char *problem = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      feature = shequ_geojson_feature_new (NULL, NULL);
      feature->problem = g_strdup (_("the feature is not an object"));
    }
  else
    {
      object = json_node_get_object (node);
      properties = read_properties (object);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", NULL),
                     "Feature") != 0)
        problem = g_strdup (_("the member “type” is not “Feature”"));
      else
        shape = read_geometry (context, object, &problem);
      feature = shequ_geojson_feature_new (properties, shape);
      feature->problem = problem;
    }
  feature->index = index;
  return feature;
}

/* TEXT parsed by json-glib into PARSER, or an error with the line and column. */
static gboolean
parse_with_json_glib (JsonParser  *parser,
                      const char  *text,
                      gsize        len,
                      const char  *filename,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  guint line, column;

  if (json_parser_load_from_data (parser, text, (gssize) len, &local_error))
    return TRUE;
  message = _shequ_json_parse_error_message (local_error, &line, &column);
  if (line > 0)
    g_set_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_INVALID_JSON,
                 _("%s, line %u, column %u: not valid JSON: %s"),
                 filename, line, column, message);
  else
    g_set_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_INVALID_JSON,
                 _("%s: not valid JSON: %s"), filename, message);
  return FALSE;
}

/* TEXT parsed: by the fast parser (coordinates into CONTEXT), or, when it is not sure,
 * by json-glib. The root in *ROOT. */
static gboolean
parse_geojson (const char            *text,
               gsize                  len,
               const char            *filename,
               gboolean               fast,
               ReadContext           *context,
               GCancellable          *cancellable,
               ShequGeojsonProgress   progress,
               gpointer               user_data,
               JsonNode             **root,
               GError               **error)
{
  g_autoptr(JsonParser) parser = NULL;
  guint line = 0;

  if (!shequ_text_check_json_depth (text, len, MAX_GEOJSON_DEPTH, &line))
    {
      g_set_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_TOO_DEEP,
                   _("%s, line %u: the JSON is nested more than %u levels deep; "
                     "GeoJSON needs far fewer"),
                   filename, line, MAX_GEOJSON_DEPTH);
      return FALSE;
    }
  switch (!fast ? FAST_PARSE_UNSURE :
          _shequ_geojson_fast_parse (text, len, context->coords, context->geometry_coords,
                                     cancellable, progress, user_data, root))
    {
    case FAST_PARSE_OK:
      return TRUE;
    case FAST_PARSE_CANCELLED:
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    case FAST_PARSE_UNSURE:
    default:
      break;
    }
  context->geometry_coords = NULL;
  parser = json_parser_new_immutable ();
  if (!parse_with_json_glib (parser, text, len, filename, error))
    return FALSE;
  /* No root at all for a file of only white space. */
  *root = json_parser_get_root (parser) != NULL ? json_node_ref (json_parser_get_root (parser))
                                                : NULL;
  return TRUE;
}

/* The features of ROOT: those of a FeatureCollection, or the one Feature. */
static JsonArray *
root_features (JsonNode    *root,
               const char  *filename,
               GError     **error)
{
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ?
    json_node_get_object (root) : NULL;
  const char *type = object != NULL ?
    json_object_get_string_member_with_default (object, "type", NULL) : NULL;
  JsonNode *features;
  JsonArray *single;

  if (g_strcmp0 (type, "Feature") == 0)
    {
      single = json_array_new ();
      json_array_add_element (single, json_node_copy (root));
      return single;
    }
  features = object != NULL ? json_object_get_member (object, "features") : NULL;
  if (g_strcmp0 (type, "FeatureCollection") != 0 || features == NULL ||
      !JSON_NODE_HOLDS_ARRAY (features))
    {
      g_set_error (error, SHEQU_GEOJSON_ERROR, SHEQU_GEOJSON_ERROR_NOT_GEOJSON,
                   _("%s: not GeoJSON boundaries: expected a FeatureCollection with an "
                     "array “features”, or a Feature"),
                   filename);
      return NULL;
    }
  return json_array_ref (json_node_get_array (features));
}

static GPtrArray *
read_features (GBytes                *bytes,
               const char            *filename,
               gboolean               fast,
               GCancellable          *cancellable,
               ShequGeojsonProgress   progress,
               gpointer               user_data,
               GError               **error)
{
  g_autoptr(GHashTable) geometry_coords = g_hash_table_new (NULL, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GPtrArray) features = NULL;
  Coords coords;
  ReadContext context = { &coords, geometry_coords };
  gsize len = 0;
  const char *text;
  guint n;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (bytes, &len);
  if (progress != NULL)
    progress (0.0, user_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  _shequ_coords_init (&coords);
  if (!parse_geojson (text != NULL ? text : "", len, filename, fast, &context, cancellable,
                      progress, user_data, &root, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !(array = root_features (root, filename, error)))
    {
      _shequ_coords_clear (&coords);
      return NULL;
    }

  n = json_array_get_length (array);
  features = g_ptr_array_new_full (n, (GDestroyNotify) shequ_geojson_feature_free);
  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          _shequ_coords_clear (&coords);
          return NULL;
        }
      g_ptr_array_add (features, read_feature (&context, json_array_get_element (array, i), i));
      if (progress != NULL)
        progress (0.5 + 0.5 * (i + 1) / n, user_data);
    }
  _shequ_coords_clear (&coords);
  if (progress != NULL)
    progress (1.0, user_data);
  return g_steal_pointer (&features);
}

GPtrArray *
shequ_geojson_read (GBytes                *bytes,
                    const char            *filename,
                    GCancellable          *cancellable,
                    ShequGeojsonProgress   progress,
                    gpointer               user_data,
                    GError               **error)
{
  return read_features (bytes, filename, TRUE, cancellable, progress, user_data, error);
}

GPtrArray *
_shequ_geojson_read_with_json_glib (GBytes      *bytes,
                                    const char  *filename,
                                    GError     **error)
{
  return read_features (bytes, filename, FALSE, NULL, NULL, NULL, error);
}

guint
shequ_geojson_count_usable (GPtrArray *features)
{
  guint n = 0;

  g_return_val_if_fail (features != NULL, 0);

  for (guint i = 0; i < features->len; i++)
    if (((ShequGeojsonFeature *) g_ptr_array_index (features, i))->shape != NULL)
      n++;
  return n;
}

/* ------------------------------------------------------------------------------------ */
/* The report of unusable features                                                      */

typedef struct {
  const char *problem;
  GArray     *numbers;   /* guint, 1-based */
  GPtrArray  *names;     /* const char *, quoted */
} FeatureGroup;

static void
feature_group_free (FeatureGroup *group)
{
  g_array_unref (group->numbers);
  g_ptr_array_unref (group->names);
  g_free (group);
}

static void
append_feature_group (GString      *out,
                      FeatureGroup *group)
{
  g_autofree char *ranges = shequ_text_format_ranges ((guint *) (gpointer) group->numbers->data,
                                                      group->numbers->len);

  /* Translators: “Features 3–5, 9: a ring is not closed” — the features, then the problem */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Feature %s: %s",
                                            "Features %s: %s", group->numbers->len),
                          ranges, group->problem);
  if (group->names->len > 0)
    {
      g_string_append (out, _(" ("));
      shequ_text_append_capped (out, (const char * const *) group->names->pdata,
                                group->names->len, C_("list separator", ", "), MAX_NAMES);
      g_string_append (out, _(")"));
    }
}

char *
shequ_geojson_format_problems (GPtrArray  *features,
                               const char *filename)
{
  g_autoptr(GHashTable) by_problem = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) feature_group_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *message;
  guint n_bad;

  g_return_val_if_fail (features != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  n_bad = features->len - shequ_geojson_count_usable (features);
  if (n_bad == 0)
    return NULL;
  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);
      const char *name = shequ_geojson_feature_get_name (feature);
      FeatureGroup *group;
      guint number = feature->index + 1;

      if (feature->shape != NULL)
        continue;
      group = g_hash_table_lookup (by_problem, feature->problem);
      if (group == NULL)
        {
          group = g_new0 (FeatureGroup, 1);
          group->problem = feature->problem;
          group->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
          group->names = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_problem, feature->problem, group);
          g_ptr_array_add (groups, group);
        }
      g_array_append_val (group->numbers, number);
      if (name != NULL)
        /* Translators: a feature's name quoted from the file */
        g_ptr_array_add (group->names, g_strdup_printf (_("“%s”"), name));
    }
  for (guint i = 0; i < groups->len; i++)
    {
      GString *line = g_string_new (NULL);

      append_feature_group (line, g_ptr_array_index (groups, i));
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }

  message = g_string_new (NULL);
  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %u feature of %u cannot be used:",
                                       "%s: %u features of %u cannot be used:", n_bad),
                          filename, n_bad, features->len);
  g_string_append_c (message, '\n');
  shequ_text_append_capped (message, (const char * const *) lines->pdata, lines->len, "\n",
                            SHEQU_TEXT_MAX_LISTED);
  return g_string_free (message, FALSE);
}

/* ------------------------------------------------------------------------------------ */
/* Writing                                                                              */

/* VALUE with at most 7 decimals, trailing zeros dropped. */
static void
append_coordinate (GString *out,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  g_ascii_formatd (buffer, sizeof buffer, "%.7f", value);
  len = strlen (buffer);
  while (len > 0 && buffer[len - 1] == '0')
    buffer[--len] = '\0';
  if (len > 0 && buffer[len - 1] == '.')
    buffer[--len] = '\0';
  g_string_append (out, g_str_equal (buffer, "-0") ? "0" : buffer);
}

static void
append_polygon (GString               *out,
                const ShequGeoPolygon *polygon)
{
  g_string_append_c (out, '[');
  for (guint r = 0; r < polygon->n_rings; r++)
    {
      const ShequGeoRing *ring = &polygon->rings[r];

      g_string_append (out, r > 0 ? ",[" : "[");
      for (guint p = 0; p < ring->n_points; p++)
        {
          g_string_append (out, p > 0 ? ",[" : "[");
          append_coordinate (out, ring->points[p].x);
          g_string_append_c (out, ',');
          append_coordinate (out, ring->points[p].y);
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The properties as a compact JSON object, members sorted by name. */
static void
append_properties (GString    *out,
                   GHashTable *properties)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (properties, NULL);
  g_autofree char *text = NULL;

  qsort (keys, g_hash_table_size (properties), sizeof (char *), compare_keys);
  for (guint i = 0; keys[i] != NULL; i++)
    json_object_set_string_member (object, keys[i], g_hash_table_lookup (properties, keys[i]));
  json_node_set_object (node, object);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
}

GBytes *
shequ_geojson_write (GPtrArray *features)
{
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (features != NULL, NULL);

  out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);
      guint n = 0;

      /* A shape without polygons has no valid GeoJSON geometry: left out too. */
      n = feature->shape != NULL ? shequ_geo_shape_get_n_polygons (feature->shape) : 0;
      if (n == 0)
        continue;
      g_string_append (out, first ? "{" : ",{");
      first = FALSE;
      g_string_append (out, "\"type\":\"Feature\",\"properties\":");
      append_properties (out, feature->properties);
      g_string_append (out, n == 1 ? ",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" :
                                     ",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[");
      for (guint p = 0; p < n; p++)
        {
          if (p > 0)
            g_string_append_c (out, ',');
          append_polygon (out, shequ_geo_shape_get_polygon (feature->shape, p));
        }
      g_string_append (out, n == 1 ? "}}" : "]}}");
    }
  g_string_append (out, "]}\n");
  return g_string_free_to_bytes (out);
}
