/* shequ-geo-crs.c — WGS84 and GCJ-02 datums, and Web Mercator for drawing */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-geo-crs"

#include "config.h"

#include <math.h>

#include "shequ-geo.h"

/* GCJ-02 as published for Chinese map SDKs: an offset computed on the Krasovsky 1940
 * ellipsoid, applied only inside a bounding box of China. */
#define GCJ_A  6378245.0
#define GCJ_EE 0.00669342162296594323

/* WGS84, for Web Mercator (a sphere of radius a) and for the local scale. */
#define WGS84_A  6378137.0
#define WGS84_E2 0.00669437999014

gboolean
shequ_geo_in_china (ShequGeoPoint lonlat)
{
  return lonlat.x >= 72.004 && lonlat.x <= 137.8347
      && lonlat.y >= 0.8293 && lonlat.y <= 55.8271;
}

static double
gcj_offset_lat (double x,
                double y)
{
  double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt (fabs (x));

  ret += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  ret += (20.0 * sin (y * G_PI) + 40.0 * sin (y / 3.0 * G_PI)) * 2.0 / 3.0;
  ret += (160.0 * sin (y / 12.0 * G_PI) + 320.0 * sin (y * G_PI / 30.0)) * 2.0 / 3.0;
  return ret;
}

static double
gcj_offset_lon (double x,
                double y)
{
  double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt (fabs (x));

  ret += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  ret += (20.0 * sin (x * G_PI) + 40.0 * sin (x / 3.0 * G_PI)) * 2.0 / 3.0;
  ret += (150.0 * sin (x / 12.0 * G_PI) + 300.0 * sin (x / 30.0 * G_PI)) * 2.0 / 3.0;
  return ret;
}

ShequGeoPoint
shequ_geo_wgs84_to_gcj02 (ShequGeoPoint wgs84)
{
  double dlat, dlon, radlat, magic, sqrt_magic;

  if (!shequ_geo_in_china (wgs84))
    return wgs84;

  dlat = gcj_offset_lat (wgs84.x - 105.0, wgs84.y - 35.0);
  dlon = gcj_offset_lon (wgs84.x - 105.0, wgs84.y - 35.0);
  radlat = wgs84.y / 180.0 * G_PI;
  magic = sin (radlat);
  magic = 1.0 - GCJ_EE * magic * magic;
  sqrt_magic = sqrt (magic);
  dlat = (dlat * 180.0) / ((GCJ_A * (1.0 - GCJ_EE)) / (magic * sqrt_magic) * G_PI);
  dlon = (dlon * 180.0) / (GCJ_A / sqrt_magic * cos (radlat) * G_PI);
  return (ShequGeoPoint) { wgs84.x + dlon, wgs84.y + dlat };
}

/* The offset has no closed inverse: a fixed-point iteration on it converges (its
 * derivative is small) to far below 1e-9 degrees in a handful of steps. */
ShequGeoPoint
shequ_geo_gcj02_to_wgs84 (ShequGeoPoint gcj02)
{
  ShequGeoPoint wgs = gcj02;

  if (!shequ_geo_in_china (gcj02))
    return gcj02;

  for (guint i = 0; i < 30; i++)
    {
      ShequGeoPoint there = shequ_geo_wgs84_to_gcj02 (wgs);
      double dx = gcj02.x - there.x;
      double dy = gcj02.y - there.y;

      wgs.x += dx;
      wgs.y += dy;
      if (fabs (dx) < 1e-11 && fabs (dy) < 1e-11)
        break;
    }
  return wgs;
}

ShequGeoPoint
shequ_geo_crs_convert (ShequGeoPoint lonlat,
                       ShequGeoCrs   from,
                       ShequGeoCrs   to)
{
  if (from == to)
    return lonlat;
  if (from == SHEQU_GEO_CRS_WGS84)
    return shequ_geo_wgs84_to_gcj02 (lonlat);
  return shequ_geo_gcj02_to_wgs84 (lonlat);
}

ShequGeoPoint
shequ_geo_mercator_forward (ShequGeoPoint lonlat)
{
  double lat = CLAMP (lonlat.y, -SHEQU_GEO_MERCATOR_MAX_LAT, SHEQU_GEO_MERCATOR_MAX_LAT);

  return (ShequGeoPoint) {
    WGS84_A * lonlat.x * G_PI / 180.0,
    WGS84_A * log (tan (G_PI / 4.0 + lat * G_PI / 360.0)),
  };
}

ShequGeoPoint
shequ_geo_mercator_inverse (ShequGeoPoint xy)
{
  return (ShequGeoPoint) {
    xy.x / WGS84_A * 180.0 / G_PI,
    (2.0 * atan (exp (xy.y / WGS84_A)) - G_PI / 2.0) * 180.0 / G_PI,
  };
}

/* The ellipsoid's radii of curvature: along the parallel N cos(lat), along the
 * meridian M. */
ShequGeoPoint
shequ_geo_metres_per_degree (double latitude)
{
  double phi = latitude * G_PI / 180.0;
  double s = sin (phi);
  double w = 1.0 - WGS84_E2 * s * s;
  double n = WGS84_A / sqrt (w);
  double m = WGS84_A * (1.0 - WGS84_E2) / (w * sqrt (w));

  return (ShequGeoPoint) { n * cos (phi) * G_PI / 180.0, m * G_PI / 180.0 };
}
