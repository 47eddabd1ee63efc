/* map-fixture.h — hand-made map shapes the map tests share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-geo.h"

G_BEGIN_DECLS

/* A rectangle of GCJ-02 degrees, as one polygon. */
static inline ShequGeoShape *
map_fixture_new_rectangle (double west,
                           double south,
                           double east,
                           double north)
{
  ShequGeoPoint points[] = {
    { west, south }, { east, south }, { east, north }, { west, north }, { west, south },
  };
  ShequGeoRing ring = { points, G_N_ELEMENTS (points) };
  ShequGeoShape *shape = shequ_geo_shape_new ();

  shequ_geo_shape_add_polygon (shape, &ring, 1);
  return shape;
}

G_END_DECLS
