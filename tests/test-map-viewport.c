/* test-map-viewport.c — ShequMapViewport: clamping, notification, conversions, fitting */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-map-viewport"

#include "config.h"

#include <math.h>

#include "shequ-map-viewport.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_zoom_clamped (void)
{
  g_autoptr(ShequMapViewport) viewport = shequ_map_viewport_new ();

  shequ_map_viewport_set_min_zoom (viewport, 5);
  shequ_map_viewport_set_max_zoom (viewport, 18);
  shequ_map_viewport_set_zoom (viewport, 25);
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (viewport), ==, 18);
  shequ_map_viewport_set_zoom (viewport, 1);
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (viewport), ==, 5);
  shequ_map_viewport_set_zoom (viewport, 12.25);
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (viewport), ==, 12.25);
}

/* New limits pull the zoom inside them, and min never passes max. */
static void
test_limits_move_zoom (void)
{
  g_autoptr(ShequMapViewport) viewport = shequ_map_viewport_new ();

  shequ_map_viewport_set_zoom (viewport, 15);
  shequ_map_viewport_set_max_zoom (viewport, 12);
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (viewport), ==, 12);
  shequ_map_viewport_set_min_zoom (viewport, 14);
  g_assert_cmpfloat (shequ_map_viewport_get_max_zoom (viewport), ==, 14);
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (viewport), ==, 14);
  g_assert_cmpfloat (shequ_map_viewport_get_rotation (viewport), ==, 0);
}

/* Each property is notified once when it changes, and not at all when it does not. */
static void
test_notify_on_change (void)
{
  g_autoptr(ShequMapViewport) viewport = shequ_map_viewport_new ();
  guint zoom = 0, centre_x = 0, centre_y = 0;

  g_signal_connect (viewport, "notify::zoom", G_CALLBACK (count_notify), &zoom);
  g_signal_connect (viewport, "notify::centre-x", G_CALLBACK (count_notify), &centre_x);
  g_signal_connect (viewport, "notify::centre-y", G_CALLBACK (count_notify), &centre_y);
  shequ_map_viewport_set_zoom (viewport, 13);
  shequ_map_viewport_set_zoom (viewport, 13);
  g_assert_cmpuint (zoom, ==, 1);
  shequ_map_viewport_set_centre (viewport, (ShequGeoPoint) { 100, 0 });
  g_assert_cmpuint (centre_x, ==, 1);
  g_assert_cmpuint (centre_y, ==, 0);
  shequ_map_viewport_set_centre (viewport, (ShequGeoPoint) { 100, 0 });
  g_assert_cmpuint (centre_x, ==, 1);
  g_object_set (viewport, "centre-y", 50.0, NULL);
  g_assert_cmpuint (centre_y, ==, 1);
  g_assert_cmpfloat (shequ_map_viewport_get_centre (viewport).y, ==, 50);
}

static void
test_conversions (void)
{
  g_autoptr(ShequMapViewport) viewport = shequ_map_viewport_new ();
  ShequGeoPoint centre = { 12958000, 4852000 };
  ShequMapFrame frame;
  ShequGeoPoint p, back;

  shequ_map_viewport_set_centre (viewport, centre);
  shequ_map_viewport_set_zoom (viewport, 14);
  shequ_map_viewport_get_frame (viewport, 800, 600, &frame);
  g_assert_cmpfloat_with_epsilon (frame.metres_per_pixel,
                                  SHEQU_MAP_ZOOM0_METRES_PER_PIXEL / 16384, 1e-9);
  /* The centre of the drawing is the centre; right is east, down is south. */
  p = shequ_map_viewport_drawing_to_projected (viewport, 800, 600, (ShequGeoPoint) { 400, 300 });
  g_assert_cmpfloat_with_epsilon (p.x, centre.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (p.y, centre.y, 1e-6);
  p = shequ_map_viewport_drawing_to_projected (viewport, 800, 600, (ShequGeoPoint) { 500, 400 });
  g_assert_cmpfloat_with_epsilon (p.x, centre.x + 100 * frame.metres_per_pixel, 1e-6);
  g_assert_cmpfloat_with_epsilon (p.y, centre.y - 100 * frame.metres_per_pixel, 1e-6);
  back = shequ_map_viewport_projected_to_drawing (viewport, 800, 600, p);
  g_assert_cmpfloat_with_epsilon (back.x, 500, 1e-6);
  g_assert_cmpfloat_with_epsilon (back.y, 400, 1e-6);
}

/* A zoom around a point leaves the ground under it where it was. */
static void
test_zoom_around (void)
{
  g_autoptr(ShequMapViewport) viewport = shequ_map_viewport_new ();
  ShequGeoPoint pointer = { 120, 450 };
  ShequGeoPoint before, after;

  shequ_map_viewport_set_centre (viewport, (ShequGeoPoint) { 12958000, 4852000 });
  shequ_map_viewport_set_zoom (viewport, 14);
  before = shequ_map_viewport_drawing_to_projected (viewport, 800, 600, pointer);
  shequ_map_viewport_zoom_around (viewport, 800, 600, 15.5, pointer);
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (viewport), ==, 15.5);
  after = shequ_map_viewport_drawing_to_projected (viewport, 800, 600, pointer);
  g_assert_cmpfloat_with_epsilon (after.x, before.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (after.y, before.y, 1e-6);
  /* Clamped at the limit, still around the point. */
  shequ_map_viewport_zoom_around (viewport, 800, 600, 40, pointer);
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (viewport), ==, 20);
  after = shequ_map_viewport_drawing_to_projected (viewport, 800, 600, pointer);
  g_assert_cmpfloat_with_epsilon (after.x, before.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (after.y, before.y, 1e-6);
}

/* Fitting shows the bounds whole, centred, with the margin clear on the tighter side. */
static void
test_fit (void)
{
  g_autoptr(ShequMapViewport) viewport = shequ_map_viewport_new ();
  ShequGeoBounds bounds = { 12950000, 4850000, 12954000, 4851000 };   /* 4 km × 1 km */
  ShequGeoPoint top_left, bottom_right;

  shequ_map_viewport_fit (viewport, &bounds, 800, 600, 20);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).x, 12952000, 1e-6);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).y, 4850500, 1e-6);
  top_left = shequ_map_viewport_projected_to_drawing (viewport, 800, 600,
                                                      (ShequGeoPoint) { bounds.min_x, bounds.max_y });
  bottom_right = shequ_map_viewport_projected_to_drawing (viewport, 800, 600,
                                                          (ShequGeoPoint) { bounds.max_x, bounds.min_y });
  g_assert_cmpfloat_with_epsilon (top_left.x, 20, 1e-6);
  g_assert_cmpfloat_with_epsilon (bottom_right.x, 780, 1e-6);
  g_assert_cmpfloat (top_left.y, >, 20);
  g_assert_cmpfloat (bottom_right.y, <, 580);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-viewport/zoom/clamped", test_zoom_clamped);
  g_test_add_func ("/map-viewport/zoom/limits-move-zoom", test_limits_move_zoom);
  g_test_add_func ("/map-viewport/notify/on-change-only", test_notify_on_change);
  g_test_add_func ("/map-viewport/conversions", test_conversions);
  g_test_add_func ("/map-viewport/zoom/around-point", test_zoom_around);
  g_test_add_func ("/map-viewport/fit", test_fit);
  return g_test_run ();
}
