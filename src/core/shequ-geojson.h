/* shequ-geojson.h — boundaries read from and written as GeoJSON (RFC 7946) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-geo.h"

G_BEGIN_DECLS

#define SHEQU_GEOJSON_ERROR (shequ_geojson_error_quark ())

typedef enum {
  SHEQU_GEOJSON_ERROR_INVALID_JSON,   /* not JSON: the message names line and column */
  SHEQU_GEOJSON_ERROR_TOO_DEEP,       /* nested deeper than GeoJSON needs */
  SHEQU_GEOJSON_ERROR_NOT_GEOJSON,    /* not a FeatureCollection or a Feature */
} ShequGeojsonError;

GQuark shequ_geojson_error_quark (void);

/* One feature of a file. PROPERTIES maps each property to text: strings as they are,
 * numbers as the file wrote them in JSON (adcode 371326 → "371326"), true/false, and
 * objects and arrays as compact JSON; null properties are left out. SHAPE is NULL and
 * PROBLEM says why (translated, without the feature's place) when the feature cannot be
 * used. */
typedef struct {
  guint          index;        /* 0-based position in the file */
  GHashTable    *properties;   /* char * → char *, owned */
  ShequGeoShape *shape;        /* nullable, owned */
  char          *problem;      /* nullable */
} ShequGeojsonFeature;

ShequGeojsonFeature *shequ_geojson_feature_new  (GHashTable          *properties,
                                                 ShequGeoShape       *shape);
void                 shequ_geojson_feature_free (ShequGeojsonFeature *feature);
/* The feature's "name" property, or NULL. */
const char          *shequ_geojson_feature_get_name (const ShequGeojsonFeature *feature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequGeojsonFeature, shequ_geojson_feature_free)

typedef void (*ShequGeojsonProgress) (double   fraction,
                                      gpointer user_data);

/* Reads a FeatureCollection (or a single Feature) from BYTES. Pure: touches no store and
 * may run in any thread. Returns every feature, usable or not, in file order (a
 * GPtrArray of ShequGeojsonFeature, owning them); NULL with SHEQU_GEOJSON_ERROR (or
 * G_IO_ERROR_CANCELLED) when the file as a whole cannot be read. PROGRESS, when given,
 * is called in the reading thread with fractions from 0 to 1. */
GPtrArray *shequ_geojson_read             (GBytes                *bytes,
                                           const char            *filename,
                                           GCancellable          *cancellable,
                                           ShequGeojsonProgress   progress,
                                           gpointer               user_data,
                                           GError               **error);

/* How many of FEATURES have a shape. */
guint      shequ_geojson_count_usable     (GPtrArray             *features);

/* One translated message listing the unusable FEATURES grouped by problem ("Features
 * 3–5, 9: …" with their names), naming FILENAME; NULL when all are usable. */
char      *shequ_geojson_format_problems  (GPtrArray             *features,
                                           const char            *filename);

/* FEATURES (ShequGeojsonFeature; those without a shape or with an empty one are left
 * out) as a compact UTF-8 FeatureCollection, coordinates with at most 7 decimals,
 * properties as strings. */
GBytes    *shequ_geojson_write            (GPtrArray             *features);

G_END_DECLS
