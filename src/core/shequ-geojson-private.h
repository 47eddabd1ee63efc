/* shequ-geojson-private.h — the reader's coordinate arrays and its fast parser */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Coordinates are not JsonNodes: a million positions as nodes cost most of a large
 * file's reading. They are kept as numbers in one array, with a small node per array:
 * an array of numbers is one node, an array of [x, y] pairs is one node too. */
typedef enum {
  COORD_OTHER,       /* not a number and not an array */
  COORD_NUMBER,      /* first: index in doubles */
  COORD_ARRAY,       /* n children, their node ids from children[first] */
  COORD_NUMBERS,     /* n numbers from doubles[first] */
  COORD_POSITIONS,   /* n arrays of 2 numbers, 2 n doubles from doubles[first] */
} CoordKind;

typedef struct {
  CoordKind kind;
  guint     n;
  gsize     first;
} CoordRef;

typedef struct {
  GArray *nodes;      /* CoordRef */
  GArray *doubles;    /* double */
  GArray *children;   /* guint node ids */
  GArray *stack;      /* guint node ids of the arrays being built */
} Coords;

void      _shequ_coords_init        (Coords       *coords);
void      _shequ_coords_clear       (Coords       *coords);
guint     _shequ_coords_add_number  (Coords       *coords,
                                     double        value);
guint     _shequ_coords_add_other   (Coords       *coords);
/* Between begin and end, each element's id goes to push_child(). */
guint     _shequ_coords_begin_array (Coords       *coords);
void      _shequ_coords_push_child  (Coords       *coords,
                                     guint         id);
guint     _shequ_coords_end_array   (Coords       *coords,
                                     guint         mark);
guint     _shequ_coords_from_node   (Coords       *coords,
                                     JsonNode     *node);
CoordRef  _shequ_coords_get         (Coords       *coords,
                                     guint         id);
gboolean  _shequ_coords_is_array    (CoordRef     ref);
CoordRef  _shequ_coords_child       (Coords       *coords,
                                     CoordRef      ref,
                                     guint         index);

typedef enum {
  FAST_PARSE_OK,
  FAST_PARSE_UNSURE,      /* not parsed: let json-glib parse it (and report its errors) */
  FAST_PARSE_CANCELLED,
} FastParseResult;

/* Parses TEXT as json-glib would, every "coordinates" member of a geometry into COORDS
 * (its id + 1 in *GEOMETRY_COORDS, keyed by the geometry's JsonObject) instead of the
 * tree. Anything it is not sure to read exactly as json-glib does, it leaves to it:
 * invalid JSON, duplicate members, escapes it does not know, huge integers. */
FastParseResult _shequ_geojson_fast_parse (const char    *text,
                                           gsize          len,
                                           Coords        *coords,
                                           GHashTable    *geometry_coords,
                                           GCancellable  *cancellable,
                                           void         (*progress) (double   fraction,
                                                                     gpointer user_data),
                                           gpointer       user_data,
                                           JsonNode     **root);

/* shequ_geojson_read() through json-glib alone, for tests and the fuzz target that
 * check the fast parser reads everything exactly as json-glib does. */
GPtrArray *_shequ_geojson_read_with_json_glib (GBytes      *bytes,
                                               const char  *filename,
                                               GError     **error);

G_END_DECLS
