/* test-presentation.c — presentation mode: fullscreen, stepping through areas, the pen */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-presentation"

#include "config.h"

#include <math.h>

#include <gtk/gtk.h>

#include "shequ-map-ink-private.h"
#include "shequ-presentation-window-private.h"
#include "shequ-presenter-controls.h"
#include "map-fixture.h"
#include "shequ-test-gtk-util.h"
#include "shequ-window-private.h"

#define N_AREAS 3

/* A street of three areas side by side (west to east), each of two grids. */
static ShequMap *
new_test_map (void)
{
  static const char *const names[N_AREAS] = { "第一片区", "第二片区", "第三片区" };
  ShequMap *map = shequ_map_new ();
  g_autoptr(ShequGeoShape) street = map_fixture_new_rectangle (117.60, 35.48, 117.69, 35.54);

  shequ_map_add_unit (map, 1, SHEQU_TIER_STREET, 0, "平邑街道", street);
  for (guint i = 0; i < N_AREAS; i++)
    {
      double west = 117.60 + 0.03 * i;
      g_autoptr(ShequGeoShape) area = map_fixture_new_rectangle (west, 35.48, west + 0.03, 35.54);
      g_autoptr(ShequGeoShape) north = map_fixture_new_rectangle (west, 35.51, west + 0.03, 35.54);
      g_autoptr(ShequGeoShape) south = map_fixture_new_rectangle (west, 35.48, west + 0.03, 35.51);

      shequ_map_add_unit (map, 10 + i, SHEQU_TIER_AREA, 1, names[i], area);
      shequ_map_add_unit (map, 100 + 2 * i, SHEQU_TIER_GRID, 2, "北网格", north);
      shequ_map_add_unit (map, 101 + 2 * i, SHEQU_TIER_GRID, 2, "南网格", south);
    }
  shequ_map_build (map);
  return map;
}

typedef struct {
  ShequMap                *map;
  ShequPresentationWindow *window;
  ShequMapView            *scale_view;   /* for text_scale_follows_size () */
} Fixture;

/* Whether the projector's text scale is the one for the window's size. */
static gboolean
text_scale_follows_size (gpointer data)
{
  Fixture *fixture = data;
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  double scale = shequ_map_renderer_get_text_scale (shequ_map_view_get_renderer (fixture->scale_view));

  return width > 0 && fabs (scale - shequ_presentation_text_scale_for_size (width, height)) < 1e-9;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->map = new_test_map ();
  fixture->window = shequ_presentation_window_new (NULL, fixture->map, NULL, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  shequ_test_flush_main_context ();
  g_assert_null (fixture->window);
  g_clear_object (&fixture->map);
}

static void
start (Fixture *fixture)
{
  shequ_presentation_window_start (fixture->window);
  shequ_test_wait_for_draw (GTK_WIDGET (fixture->window));
}

typedef struct {
  ShequMapView   *view;
  ShequGeoBounds  bounds;
} Framing;

/* The view shows BOUNDS whole and, in one direction, nearly edge to edge: framed, the
 * animation (if any) over. */
static gboolean
is_framed (gpointer data)
{
  Framing *framing = data;
  ShequMapFrame frame;
  ShequGeoBounds shown;
  double slack, fill_x, fill_y;

  shequ_map_view_get_frame (framing->view, &frame);
  shequ_map_frame_get_bounds (&frame, &shown);
  slack = frame.metres_per_pixel;
  if (shown.min_x > framing->bounds.min_x + slack || shown.max_x < framing->bounds.max_x - slack ||
      shown.min_y > framing->bounds.min_y + slack || shown.max_y < framing->bounds.max_y - slack)
    return FALSE;
  fill_x = (framing->bounds.max_x - framing->bounds.min_x) / (shown.max_x - shown.min_x);
  fill_y = (framing->bounds.max_y - framing->bounds.min_y) / (shown.max_y - shown.min_y);
  return MAX (fill_x, fill_y) > 0.8;
}

static void
wait_framed (Fixture              *fixture,
             const ShequGeoBounds *bounds)
{
  Framing framing = { shequ_presentation_window_get_map_view (fixture->window), *bounds };

  shequ_test_wait_until (is_framed, &framing);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
}

static void
test_opens_fullscreen (Fixture       *fixture,
                       gconstpointer  data)
{
  ShequMapView *view = shequ_presentation_window_get_map_view (fixture->window);
  int width, height;

  start (fixture);
  g_assert_true (shequ_presentation_window_get_fullscreen_requested (fixture->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (shequ_map_view_get_map (view) == fixture->map);
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (fixture->window)));
  /* No second monitor under Xvfb: no controls. */
  g_assert_null (shequ_presentation_window_get_controls (fixture->window));
  g_assert_cmpuint (shequ_presentation_window_get_n_areas (fixture->window), ==, N_AREAS);
  g_assert_cmpint (shequ_presentation_window_get_area (fixture->window), ==, -1);
  g_assert_cmpstr (shequ_presentation_window_get_caption (fixture->window), ==, "平邑街道");

  /* The text is for a projector, scaled with the window (once it has its size: the
   * scale follows an allocation in an idle). */
  fixture->scale_view = view;
  shequ_test_wait_until (text_scale_follows_size, fixture);
  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  g_assert_cmpint (width, >, 0);
  g_assert_cmpfloat_with_epsilon (shequ_map_renderer_get_text_scale (shequ_map_view_get_renderer (view)),
                                  shequ_presentation_text_scale_for_size (width, height), 1e-9);
}

static void
test_text_scale (void)
{
  g_assert_cmpfloat_with_epsilon (shequ_presentation_text_scale_for_size (1920, 1080), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (shequ_presentation_text_scale_for_size (3840, 2160), 4, 1e-9);
  /* A 4:3 projector: the narrower side decides. */
  g_assert_cmpfloat_with_epsilon (shequ_presentation_text_scale_for_size (1024, 768),
                                  1024 / 960.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (shequ_presentation_text_scale_for_size (640, 480), 1, 1e-9);
}

static void
test_steps_through_areas (Fixture       *fixture,
                          gconstpointer  data)
{
  ShequGeoBounds whole;

  start (fixture);
  g_assert_true (shequ_map_get_bounds (fixture->map, &whole));
  wait_framed (fixture, &whole);

  for (int i = 0; i < N_AREAS; i++)
    {
      const ShequMapItem *item;
      g_autofree char *caption = NULL;

      activate (fixture, "present.next");
      g_assert_cmpint (shequ_presentation_window_get_area (fixture->window), ==, i);
      item = shequ_presentation_window_get_area_item (fixture->window, i);
      g_assert_cmpint (item->unit_id, ==, 10 + i);
      g_assert_cmpuint (item->depth, ==, 1);
      wait_framed (fixture, &item->bounds);
      caption = g_strdup_printf ("%s · %d / %d", item->name, i + 1, N_AREAS);
      g_assert_cmpstr (shequ_presentation_window_get_caption (fixture->window), ==, caption);
    }
  /* The last area stays at Page Down; Page Up goes back one. */
  activate (fixture, "present.next");
  g_assert_cmpint (shequ_presentation_window_get_area (fixture->window), ==, N_AREAS - 1);
  activate (fixture, "present.previous");
  g_assert_cmpint (shequ_presentation_window_get_area (fixture->window), ==, N_AREAS - 2);
  wait_framed (fixture, &shequ_presentation_window_get_area_item (fixture->window,
                                                                  N_AREAS - 2)->bounds);

  activate (fixture, "present.home");
  g_assert_cmpint (shequ_presentation_window_get_area (fixture->window), ==, -1);
  wait_framed (fixture, &whole);
  g_assert_cmpstr (shequ_presentation_window_get_caption (fixture->window), ==, "平邑街道");
}

static void
test_escape_closes (Fixture       *fixture,
                    gconstpointer  data)
{
  start (fixture);
  activate (fixture, "present.leave");
  shequ_test_flush_main_context ();
  g_assert_null (fixture->window);
}

static void
test_controls (Fixture       *fixture,
               gconstpointer  data)
{
  ShequPresenterControls *controls;
  GtkListBox *list;
  GtkWindow *weak;

  shequ_presentation_window_start_on (fixture->window, NULL, TRUE);
  controls = SHEQU_PRESENTER_CONTROLS (shequ_presentation_window_get_controls (fixture->window));
  g_assert_nonnull (controls);
  shequ_test_wait_for_draw (GTK_WIDGET (controls));
  list = shequ_presenter_controls_get_area_list (controls);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, N_AREAS));
  g_assert_null (gtk_list_box_get_row_at_index (list, N_AREAS + 1));
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 0);
  g_assert_cmpuint (strlen (shequ_presenter_controls_get_time (controls)), ==, 5);

  /* Choosing an area in the list frames it on the projector. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 2));
  g_assert_cmpint (shequ_presentation_window_get_area (fixture->window), ==, 1);
  wait_framed (fixture, &shequ_presentation_window_get_area_item (fixture->window, 1)->bounds);

  /* The controls' buttons act on the projector, and the list follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (controls), "present.next", NULL));
  g_assert_cmpint (shequ_presentation_window_get_area (fixture->window), ==, 2);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 3);

  /* Ending the presentation from the controls closes both. */
  weak = GTK_WINDOW (controls);
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (controls), "present.leave", NULL));
  shequ_test_flush_main_context ();
  g_assert_null (fixture->window);
  g_assert_null (weak);
}

static void
test_pen_actions (Fixture       *fixture,
                  gconstpointer  data)
{
  ShequMapInk *ink = shequ_presentation_window_get_ink (fixture->window);
  GActionGroup *actions = shequ_presentation_window_get_actions (fixture->window);
  ShequGeoPoint points[] = { { 13100000, 4230000 }, { 13101000, 4231000 } };
  g_autoptr(GVariant) tool = NULL;

  start (fixture);
  activate (fixture, "present.toggle-pen");
  tool = g_action_group_get_action_state (actions, "tool");
  g_assert_cmpstr (g_variant_get_string (tool, NULL), ==, "pen");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "present.colour",
                                             "s", "blue"));
  g_assert_cmpint (shequ_map_ink_get_colour (ink), ==, SHEQU_MAP_INK_BLUE);
  g_assert_false (g_action_group_get_action_enabled (actions, "undo"));

  shequ_map_ink_add_stroke (ink, points, G_N_ELEMENTS (points));
  g_assert_true (g_action_group_get_action_enabled (actions, "undo"));
  activate (fixture, "present.clear");
  g_assert_cmpuint (shequ_map_ink_get_n_strokes (ink), ==, 0);
  activate (fixture, "present.undo");
  g_assert_cmpuint (shequ_map_ink_get_n_strokes (ink), ==, 1);
  shequ_test_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* With a session: the areas in the tree's order, and what the presenter picks selected
 * in every view (the projector's map view shares the session). */
static void
test_session_order_and_selection (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-present-session-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
  g_autoptr(ShequOrgStore) store = shequ_test_open_sample_store (path, NULL);
  g_autoptr(ShequSession) session = shequ_session_new (store);
  g_autoptr(ShequMap) map = shequ_map_new ();
  g_autoptr(ShequGeoShape) whole = map_fixture_new_rectangle (117.5, 35.4, 117.8, 35.6);
  ShequUnit *street = shequ_org_store_get_street (store);
  GListModel *areas = shequ_unit_get_children (street);
  guint n = g_list_model_get_n_items (areas);
  ShequPresentationWindow *window;
  ShequPresenterControls *controls;
  GtkListBox *list;

  g_assert_cmpuint (n, >=, 2);
  shequ_map_add_unit (map, shequ_unit_get_id (street), SHEQU_TIER_STREET, 0,
                      shequ_unit_get_name (street), whole);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequUnit) area = g_list_model_get_item (areas, i);
      double west = 117.5 + 0.3 * i / n;
      g_autoptr(ShequGeoShape) shape = map_fixture_new_rectangle (west, 35.4, west + 0.3 / n,
                                                                  35.6);

      shequ_map_add_unit (map, shequ_unit_get_id (area), shequ_unit_get_tier (area), 1,
                          shequ_unit_get_name (area), shape);
    }
  shequ_map_build (map);

  window = shequ_presentation_window_new (NULL, map, session, NULL);
  g_assert_cmpuint (shequ_presentation_window_get_n_areas (window), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequUnit) area = g_list_model_get_item (areas, i);

      g_assert_cmpint (shequ_presentation_window_get_area_item (window, i)->unit_id, ==,
                       shequ_unit_get_id (area));
    }
  g_assert_true (shequ_map_view_get_session (shequ_presentation_window_get_map_view (window))
                 == session);

  shequ_presentation_window_start_on (window, NULL, TRUE);
  controls = SHEQU_PRESENTER_CONTROLS (shequ_presentation_window_get_controls (window));
  list = shequ_presenter_controls_get_area_list (controls);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 2));
  {
    g_autoptr(ShequUnit) second = g_list_model_get_item (areas, 1);

    g_assert_true (shequ_session_get_selected_unit (session) == second);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  shequ_test_flush_main_context ();
  shequ_test_remove_tree (dir);
}

/* The pen without a window */

static const ShequGeoPoint line_a[] = { { 0, 0 }, { 100, 0 }, { 100, 100 } };
static const ShequGeoPoint line_b[] = { { 500, 500 }, { 600, 600 } };

static void
test_ink_erase_clear_undo (void)
{
  g_autoptr(ShequMapInk) ink = shequ_map_ink_new ();
  ShequMapFrame frame = { { 300, 300 }, 1.0, 1000, 1000 };
  const ShequGeoPoint *points;
  guint n;

  g_assert_false (shequ_map_ink_get_can_undo (ink));
  g_assert_false (shequ_map_ink_undo (ink));
  shequ_map_ink_add_stroke (ink, line_a, G_N_ELEMENTS (line_a));
  shequ_map_ink_set_colour (ink, SHEQU_MAP_INK_BLACK);
  shequ_map_ink_add_stroke (ink, line_b, G_N_ELEMENTS (line_b));
  g_assert_cmpuint (shequ_map_ink_get_n_strokes (ink), ==, 2);
  g_assert_true (shequ_map_ink_get_can_undo (ink));

  /* Hit-testing: on a segment, near it, and far from both. */
  g_assert_cmpint (shequ_map_ink_hit_stroke (ink, (ShequGeoPoint) { 50, 3 }, 5), ==, 0);
  g_assert_cmpint (shequ_map_ink_hit_stroke (ink, (ShequGeoPoint) { 103, 50 }, 5), ==, 0);
  g_assert_cmpint (shequ_map_ink_hit_stroke (ink, (ShequGeoPoint) { 550, 552 }, 5), ==, 1);
  g_assert_cmpint (shequ_map_ink_hit_stroke (ink, (ShequGeoPoint) { 300, 300 }, 5), ==, -1);

  /* Erasing through a frame: the drawing point of (50, 0) is (250, 800). */
  g_assert_false (shequ_map_ink_erase_at (ink, &frame, 250, 500));
  g_assert_true (shequ_map_ink_erase_at (ink, &frame, 250, 801));
  g_assert_cmpuint (shequ_map_ink_get_n_strokes (ink), ==, 1);
  points = shequ_map_ink_get_stroke_points (ink, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (points[0].x, ==, 500);

  shequ_map_ink_clear (ink);
  g_assert_cmpuint (shequ_map_ink_get_n_strokes (ink), ==, 0);
  /* Undo: the clear, then the erase (back in its place, under B), then B's drawing. */
  g_assert_true (shequ_map_ink_undo (ink));
  g_assert_cmpuint (shequ_map_ink_get_n_strokes (ink), ==, 1);
  g_assert_true (shequ_map_ink_undo (ink));
  g_assert_cmpuint (shequ_map_ink_get_n_strokes (ink), ==, 2);
  points = shequ_map_ink_get_stroke_points (ink, 0, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (line_a));
  g_assert_true (shequ_map_ink_undo (ink));
  g_assert_cmpuint (shequ_map_ink_get_n_strokes (ink), ==, 1);
  g_assert_true (shequ_map_ink_undo (ink));
  g_assert_cmpuint (shequ_map_ink_get_n_strokes (ink), ==, 0);
  g_assert_false (shequ_map_ink_get_can_undo (ink));
}

/* Strokes drawn with the pointer are kept on the map: another frame (a zoom) draws them
 * where the map's point went. */
static void
test_ink_stays_on_map (void)
{
  g_autoptr(ShequMapInk) ink = shequ_map_ink_new ();
  ShequMapFrame frame = { { 13100000, 4230000 }, 10.0, 800, 600 };
  ShequMapFrame zoomed = { { 13100000, 4230000 }, 5.0, 800, 600 };
  const ShequGeoPoint *points;
  ShequGeoPoint drawn;
  guint n;

  shequ_map_ink_begin_stroke (ink, &frame, 400, 300);
  shequ_map_ink_extend_stroke (ink, &frame, 500, 300);
  shequ_map_ink_end_stroke (ink);
  shequ_map_ink_extend_stroke (ink, &frame, 0, 0);   /* no stroke in hand: ignored */
  points = shequ_map_ink_get_stroke_points (ink, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat_with_epsilon (points[0].x, 13100000, 1e-6);
  g_assert_cmpfloat_with_epsilon (points[1].x, 13101000, 1e-6);
  drawn = shequ_map_frame_to_drawing (&zoomed, points[1]);
  g_assert_cmpfloat_with_epsilon (drawn.x, 600, 1e-6);
  g_assert_cmpfloat_with_epsilon (drawn.y, 300, 1e-6);
  g_assert_true (shequ_map_ink_erase_at (ink, &zoomed, 590, 302));
}

static void
test_ink_draws (void)
{
  g_autoptr(ShequMapInk) ink = shequ_map_ink_new ();
  ShequMapFrame frame = { { 50, 50 }, 1.0, 200, 100 };
  ShequGeoPoint points[] = { { 0, 50 }, { 100, 50 } };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 100);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint32 on, off;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  shequ_map_ink_set_width (ink, 64);
  shequ_map_ink_add_stroke (ink, points, G_N_ELEMENTS (points));
  shequ_map_ink_draw (cr, &frame, ink);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The line runs across y = 50 from x = 50 to 150. */
  on = *(const guint32 *) (data + 50 * stride + 100 * 4);
  off = *(const guint32 *) (data + 10 * stride + 100 * 4);
  g_assert_cmpuint ((on >> 16) & 0xff, >, 180);    /* red */
  g_assert_cmpuint ((on >> 8) & 0xff, <, 100);
  g_assert_cmpuint (off & 0xffffff, ==, 0xffffff);
  cairo_surface_destroy (surface);
}

/* The window's F5: the presentation of the map it shows, or, while the street has no
 * boundaries, a message saying where they come from. */
static ShequPresentationWindow *
find_presentation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SHEQU_IS_PRESENTATION_WINDOW (window))
        return SHEQU_PRESENTATION_WINDOW (window);
    }
  return NULL;
}

static void
test_window_present_action (void)
{
  g_autoptr(ShequApplication) app = shequ_test_new_app ();
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-present-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
  ShequPresentationWindow *presentation;
  ShequWindow *window;

  shequ_test_make_sample_database (path, FALSE);
  window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present-map", NULL));
  presentation = find_presentation ();
  if (shequ_org_store_get_n_boundaries (shequ_window_get_store (window)) == 0)
    {
      const char *const others[] = { "win.export-map", "win.print-map" };

      g_assert_null (presentation);
      g_assert_nonnull (shequ_window_get_dialog (window));
      /* Export and print say the same, and open nothing. */
      for (guint i = 0; i < G_N_ELEMENTS (others); i++)
        {
          _shequ_window_close_dialog (window);
          g_assert_null (shequ_window_get_dialog (window));
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), others[i], NULL));
          g_assert_nonnull (shequ_window_get_dialog (window));
        }
    }
  else
    {
      g_assert_nonnull (presentation);
      g_assert_true (shequ_presentation_window_get_fullscreen_requested (presentation));
      g_assert_cmpuint (shequ_presentation_window_get_n_areas (presentation), >, 0);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (presentation), "present.leave",
                                                 NULL));
      shequ_test_flush_main_context ();
      g_assert_null (find_presentation ());
    }
  shequ_test_close_all_windows (GTK_APPLICATION (app));
  shequ_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  shequ_test_gtk_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/presentation/opens-fullscreen", test_opens_fullscreen);
  ADD ("/presentation/steps-through-areas", test_steps_through_areas);
  ADD ("/presentation/escape-closes", test_escape_closes);
  ADD ("/presentation/controls", test_controls);
  ADD ("/presentation/pen-actions", test_pen_actions);
#undef ADD
  g_test_add_func ("/presentation/text-scale", test_text_scale);
  g_test_add_func ("/presentation/window-action", test_window_present_action);
  g_test_add_func ("/presentation/session-order-and-selection", test_session_order_and_selection);
  g_test_add_func ("/ink/erase-clear-undo", test_ink_erase_clear_undo);
  g_test_add_func ("/ink/stays-on-map", test_ink_stays_on_map);
  g_test_add_func ("/ink/draws", test_ink_draws);

  return g_test_run ();
}
