/* shequ-geo-blob.h — a boundary as the compact binary blob the database keeps */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-geo.h"

G_BEGIN_DECLS

/* The blob, all little-endian:
 *   "SQGB" (4 bytes), version (guint32, 1), n_polygons (guint32, >= 1),
 *   per polygon: n_rings (guint32, >= 1),
 *     per ring: n_points (guint32, >= 4), then n_points × (lon, lat) as IEEE doubles.
 * Nothing may follow the last ring. */
#define SHEQU_GEO_BLOB_VERSION 1

/* The blob of SHAPE (at least one polygon). */
GBytes        *shequ_geo_blob_encode (ShequGeoShape  *shape);
/* SHAPE from a blob, every count, length and ring checked: closed rings of at least 4
 * finite points in lon/lat range. NULL and a translated G_IO_ERROR_INVALID_DATA error
 * (saying what is wrong, not whose boundary it is) otherwise. */
ShequGeoShape *shequ_geo_blob_decode (const guint8   *data,
                                      gsize           size,
                                      GError        **error);

G_END_DECLS
