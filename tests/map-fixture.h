/* map-fixture.h — hand-made shapes the map tests draw and export */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-geo.h"

G_BEGIN_DECLS

/* A square of SIZE degrees with its south-west corner at LON, LAT. */
static inline ShequGeoShape *
map_fixture_make_square (double lon,
                         double lat,
                         double size)
{
  ShequGeoPoint points[5] = {
    { lon, lat }, { lon + size, lat }, { lon + size, lat + size }, { lon, lat + size },
    { lon, lat },
  };
  ShequGeoRing ring = { points, 5 };
  ShequGeoShape *shape = shequ_geo_shape_new ();

  shequ_geo_shape_add_polygon (shape, &ring, 1);
  return shape;
}

G_END_DECLS
