/* shequ-map-ink-private.h — the pen without a pointer, for the tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-map-ink.h"

G_BEGIN_DECLS

/* A whole stroke through N_POINTS projected POINTS, as if drawn in one go. */
void     shequ_map_ink_add_stroke        (ShequMapInk         *self,
                                          const ShequGeoPoint *points,
                                          guint                n_points);
/* The projected points of stroke INDEX (bottom first), and their number in N_POINTS. */
const ShequGeoPoint *shequ_map_ink_get_stroke_points (ShequMapInk *self,
                                                      guint        index,
                                                      guint       *n_points);
/* The stroke under the projected POINT within TOLERANCE metres (the topmost), or -1. */
int      shequ_map_ink_hit_stroke        (ShequMapInk         *self,
                                          ShequGeoPoint        point,
                                          double               tolerance);

G_END_DECLS
