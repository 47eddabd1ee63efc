/* shequ-map-frame.c — the part of a map a drawing shows, and its coordinates */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-map-frame"

#include "config.h"

#include <math.h>

#include "shequ-map.h"

void
shequ_map_frame_init_fit (ShequMapFrame        *frame,
                          const ShequGeoBounds *bounds,
                          double                width,
                          double                height,
                          double                margin)
{
  double inner_w, inner_h, span_x, span_y;

  g_return_if_fail (frame != NULL && bounds != NULL);

  inner_w = MAX (1.0, width - 2 * margin);
  inner_h = MAX (1.0, height - 2 * margin);
  span_x = MAX (bounds->max_x - bounds->min_x, 1e-6);
  span_y = MAX (bounds->max_y - bounds->min_y, 1e-6);

  frame->centre.x = (bounds->min_x + bounds->max_x) / 2;
  frame->centre.y = (bounds->min_y + bounds->max_y) / 2;
  frame->metres_per_pixel = MAX (span_x / inner_w, span_y / inner_h);
  frame->width = width;
  frame->height = height;
}

ShequGeoPoint
shequ_map_frame_to_drawing (const ShequMapFrame *frame,
                            ShequGeoPoint        projected)
{
  return (ShequGeoPoint) {
    frame->width / 2 + (projected.x - frame->centre.x) / frame->metres_per_pixel,
    frame->height / 2 - (projected.y - frame->centre.y) / frame->metres_per_pixel,
  };
}

ShequGeoPoint
shequ_map_frame_to_projected (const ShequMapFrame *frame,
                              ShequGeoPoint        drawing)
{
  return (ShequGeoPoint) {
    frame->centre.x + (drawing.x - frame->width / 2) * frame->metres_per_pixel,
    frame->centre.y - (drawing.y - frame->height / 2) * frame->metres_per_pixel,
  };
}

void
shequ_map_frame_get_bounds (const ShequMapFrame *frame,
                            ShequGeoBounds      *bounds)
{
  double half_w = frame->width / 2 * frame->metres_per_pixel;
  double half_h = frame->height / 2 * frame->metres_per_pixel;

  bounds->min_x = frame->centre.x - half_w;
  bounds->max_x = frame->centre.x + half_w;
  bounds->min_y = frame->centre.y - half_h;
  bounds->max_y = frame->centre.y + half_h;
}

double
shequ_map_frame_get_zoom (const ShequMapFrame *frame)
{
  return log2 (SHEQU_MAP_ZOOM0_METRES_PER_PIXEL / frame->metres_per_pixel);
}

void
shequ_map_frame_set_zoom (ShequMapFrame *frame,
                          double         zoom)
{
  frame->metres_per_pixel = SHEQU_MAP_ZOOM0_METRES_PER_PIXEL / exp2 (zoom);
}
