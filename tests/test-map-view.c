/* test-map-view.c — the map view and the map page: selection shared with the tree and the
 * detail pane, hover, zoom and pan, animation, the fills' cache, accessibility, frame times */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-map-view"

#include "config.h"

#include <math.h>

#include "shequ-map-page-private.h"
#include "shequ-map-view-private.h"
#include "shequ-org-view.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"
#include "shequ-unit-detail.h"
#include "shequ-window-private.h"

#define CODE_AREA_WEST      "37132600102"       /* 城区西片区 */
#define CODE_ZONGSHENG      "371326001016"      /* 宗圣社区, in the west area */
#define CODE_ZONGSHENG_G1   "371326001016001"
#define CODE_DANANQUAN      "371326001032"      /* 大南泉村, a village of 浚河片区 */

typedef struct {
  char          *dir;
  char          *path;
  ShequDatabase *db;
  ShequOrgStore *store;
  GtkWidget     *tree_window;
  ShequOrgView  *tree;
  GtkWidget     *window;
  ShequMapPage  *page;
  ShequMapView  *view;
} Fixture;

static ShequApplication *app;

/* The map shown now: the page makes another after every change that touches it. */
#define MAP(f) (shequ_map_view_get_map ((f)->view))

/* The sample street, its tree in one window and its map page in another, sharing the
 * tree's session; the map made by hand (the store has no boundaries yet). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = shequ_test_make_tmpdir ("shequ-test-map-view-XXXXXX");
  f->path = g_build_filename (f->dir, "shequ.db", NULL);
  f->store = shequ_test_open_sample_store (f->path, &f->db);
  f->tree = shequ_test_new_org_view_window (f->store, &f->tree_window);

  f->page = SHEQU_MAP_PAGE (shequ_map_page_new ());
  f->view = shequ_map_page_get_view (f->page);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  shequ_map_page_set_session (f->page, shequ_org_view_get_session (f->tree));
  shequ_map_page_set_map_func (f->page, shequ_map_new_stand_in);
  gtk_window_present (GTK_WINDOW (f->window));
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  shequ_test_destroy_window (&f->window);
  shequ_test_destroy_window (&f->tree_window);
  shequ_test_flush_main_context ();
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  shequ_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Where the view shows the middle of UNIT's rectangle now. */
static ShequGeoPoint
point_of_unit (Fixture   *f,
               ShequUnit *unit)
{
  const ShequMapItem *item = shequ_map_lookup_unit (MAP (f), shequ_unit_get_id (unit));
  ShequMapFrame frame;

  g_assert_nonnull (item);
  shequ_map_view_get_frame (f->view, &frame);
  return shequ_map_frame_to_drawing (&frame, (ShequGeoPoint) {
    (item->bounds.min_x + item->bounds.max_x) / 2, (item->bounds.min_y + item->bounds.max_y) / 2,
  });
}

static gboolean
animation_done (gpointer data)
{
  return !shequ_map_view_is_animating (data);
}

static void
wait_animation (Fixture *f)
{
  shequ_test_wait_until (animation_done, f->view);
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
}

static gboolean
frame_inside (Fixture        *f,
              ShequGeoBounds *bounds)
{
  ShequMapFrame frame;
  ShequGeoBounds view;

  shequ_map_view_get_frame (f->view, &frame);
  shequ_map_frame_get_bounds (&frame, &view);
  return bounds->min_x >= view.min_x - 1e-6 && bounds->max_x <= view.max_x + 1e-6
         && bounds->min_y >= view.min_y - 1e-6 && bounds->max_y <= view.max_y + 1e-6;
}

/* ------------------------------------------------------------------ selection */

/* A click on a grid selects that grid — the innermost unit there — in the session, so
 * the tree and the detail pane show it too. */
static void
test_click_selects_innermost (Fixture       *f,
                              gconstpointer  data)
{
  ShequUnit *grid = shequ_test_lookup_code (f->store, CODE_ZONGSHENG_G1);
  ShequGeoPoint at = point_of_unit (f, grid);
  ShequSession *session = shequ_org_view_get_session (f->tree);

  shequ_map_view_click_at (f->view, at.x, at.y, 1);
  g_assert_true (shequ_session_get_selected_unit (session) == grid);
  shequ_test_wait_for_draw (GTK_WIDGET (f->tree));
  g_assert_true (shequ_org_view_get_selected_unit (f->tree) == grid);
  g_assert_true (shequ_unit_detail_get_unit (shequ_map_page_get_detail (f->page)) == grid);
  g_assert_cmpint (shequ_map_renderer_get_selected_unit (shequ_map_view_get_renderer (f->view)),
                   ==, shequ_unit_get_id (grid));

  /* Outside every unit (the margin of the whole-map view): nothing is selected. */
  shequ_map_view_click_at (f->view, 2, 2, 1);
  g_assert_null (shequ_session_get_selected_unit (session));
  g_assert_cmpint (shequ_map_renderer_get_selected_unit (shequ_map_view_get_renderer (f->view)),
                   ==, 0);
}

/* Selecting in the tree highlights the unit on the map, and brings it into view. */
static void
test_tree_selection_highlights (Fixture       *f,
                                gconstpointer  data)
{
  ShequUnit *village = shequ_test_lookup_code (f->store, CODE_DANANQUAN);
  ShequUnit *community = shequ_test_lookup_code (f->store, CODE_ZONGSHENG);
  const ShequMapItem *item = shequ_map_lookup_unit (MAP (f), shequ_unit_get_id (village));

  /* Zoomed in on a community elsewhere: the village is off screen. */
  shequ_map_view_zoom_to_unit (f->view, shequ_unit_get_id (community), FALSE);
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_false (frame_inside (f, (ShequGeoBounds *) &item->bounds));

  shequ_org_view_select_unit (f->tree, village);
  g_assert_cmpint (shequ_map_renderer_get_selected_unit (shequ_map_view_get_renderer (f->view)),
                   ==, shequ_unit_get_id (village));
  g_assert_true (shequ_unit_detail_get_unit (shequ_map_page_get_detail (f->page)) == village);
  wait_animation (f);
  g_assert_true (frame_inside (f, (ShequGeoBounds *) &item->bounds));
}

/* ------------------------------------------------------------------ zoom and pan */

static void
test_zoom_actions (Fixture       *f,
                   gconstpointer  data)
{
  ShequMapViewport *viewport = shequ_map_view_get_viewport (f->view);
  double zoom = shequ_map_viewport_get_zoom (viewport);
  ShequGeoPoint centre = shequ_map_viewport_get_centre (viewport);
  ShequMapFrame frame;

  /* The page's buttons and the view's keys reach the same actions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "map.zoom-in", NULL));
  wait_animation (f);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_zoom (viewport), zoom + 1, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "map.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "map.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "map.zoom-out", NULL));
  wait_animation (f);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_zoom (viewport), zoom, 1e-9);

  /* An arrow key's step: the map moves 96 pixels east. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "map.pan", "(ii)", 1, 0));
  wait_animation (f);
  shequ_map_view_get_frame (f->view, &frame);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).x,
                                  centre.x + 96 * frame.metres_per_pixel, 1e-3);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).y, centre.y, 1e-3);

  /* Home: the whole map again, as it was first shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "map.zoom-all", NULL));
  wait_animation (f);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_zoom (viewport), zoom, 1e-9);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).x, centre.x, 1e-3);

  /* A wheel notch zooms around the pointer: the ground under it stays there. */
  {
    ShequGeoPoint before, after;

    shequ_map_view_get_frame (f->view, &frame);
    before = shequ_map_frame_to_projected (&frame, (ShequGeoPoint) { 100, 120 });
    shequ_map_view_scroll_at (f->view, 100, 120, -0.5);
    shequ_map_view_get_frame (f->view, &frame);
    after = shequ_map_frame_to_projected (&frame, (ShequGeoPoint) { 100, 120 });
    g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_zoom (viewport), zoom + 0.5, 1e-9);
    g_assert_cmpfloat_with_epsilon (after.x, before.x, 1e-3);
    g_assert_cmpfloat_with_epsilon (after.y, before.y, 1e-3);
  }
}

static gboolean
shows_whole_map (Fixture *f)
{
  ShequGeoBounds bounds;
  ShequMapFrame fit;

  g_assert_true (shequ_map_get_bounds (MAP (f), &bounds));
  shequ_map_frame_init_fit (&fit, &bounds, gtk_widget_get_width (GTK_WIDGET (f->view)),
                            gtk_widget_get_height (GTK_WIDGET (f->view)), 24);
  return fabs (shequ_map_viewport_get_zoom (shequ_map_view_get_viewport (f->view))
               - shequ_map_frame_get_zoom (&fit)) < 1e-9;
}

static gboolean
view_width_changed (gpointer data)
{
  gpointer *args = data;

  return gtk_widget_get_width (args[0]) != GPOINTER_TO_INT (args[1]);
}

/* Resizes the window to WIDTH × HEIGHT (as far as the screen lets it) and waits until
 * the view has a new width. */
static void
resize_and_wait (Fixture *f,
                 int      width,
                 int      height)
{
  gpointer args[2] = { f->view, GINT_TO_POINTER (gtk_widget_get_width (GTK_WIDGET (f->view))) };

  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  shequ_test_wait_until (view_width_changed, args);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 2);
}

/* Until the user moves the map, a new size shows it whole again; after, it stays. */
static void
test_refit_until_moved (Fixture       *f,
                        gconstpointer  data)
{
  double zoom;

  g_assert_true (shows_whole_map (f));
  resize_and_wait (f, 1000, 800);
  g_assert_true (shows_whole_map (f));

  shequ_map_view_scroll_at (f->view, 200, 200, -0.5);
  zoom = shequ_map_viewport_get_zoom (shequ_map_view_get_viewport (f->view));
  resize_and_wait (f, 1280, 800);
  g_assert_false (shows_whole_map (f));
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (shequ_map_view_get_viewport (f->view)), ==, zoom);
}

/* The animation to a unit ends exactly at the frame that fits it. */
static void
test_zoom_to_unit_animation (Fixture       *f,
                             gconstpointer  data)
{
  ShequUnit *community = shequ_test_lookup_code (f->store, CODE_ZONGSHENG);
  const ShequMapItem *item = shequ_map_lookup_unit (MAP (f), shequ_unit_get_id (community));
  ShequMapViewport *viewport = shequ_map_view_get_viewport (f->view);
  int width = gtk_widget_get_width (GTK_WIDGET (f->view));
  int height = gtk_widget_get_height (GTK_WIDGET (f->view));
  gint64 start = g_get_monotonic_time ();
  ShequMapFrame fit;
  gint64 took;

  shequ_map_frame_init_fit (&fit, &item->bounds, width, height, 24);
  shequ_map_view_zoom_to_unit (f->view, item->unit_id, TRUE);
  g_assert_true (shequ_map_view_is_animating (f->view));
  /* Not there at once: it moves on the frame clock. */
  g_assert_cmpfloat (fabs (shequ_map_viewport_get_zoom (viewport) - shequ_map_frame_get_zoom (&fit)),
                     >, 0.1);
  wait_animation (f);
  took = g_get_monotonic_time () - start;
  g_test_message ("zoom-to-unit animation: %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, >=, 200 * 1000);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_zoom (viewport),
                                  shequ_map_frame_get_zoom (&fit), 1e-9);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).x, fit.centre.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).y, fit.centre.y, 1e-6);

  /* Without animations (the desktop's setting) it jumps there. */
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->view)), "gtk-enable-animations", FALSE, NULL);
  shequ_map_view_zoom_to_all (f->view, TRUE);
  g_assert_false (shequ_map_view_is_animating (f->view));
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->view)), "gtk-enable-animations", TRUE, NULL);
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (viewport), <, shequ_map_frame_get_zoom (&fit));
}

/* Z (map.zoom-to-selected) frames the session's unit, animated. */
static void
test_zoom_to_selected (Fixture       *f,
                       gconstpointer  data)
{
  ShequUnit *community = shequ_test_lookup_code (f->store, CODE_ZONGSHENG);
  const ShequMapItem *item = shequ_map_lookup_unit (MAP (f), shequ_unit_get_id (community));
  ShequMapViewport *viewport = shequ_map_view_get_viewport (f->view);
  ShequMapFrame fit;

  shequ_map_frame_init_fit (&fit, &item->bounds, gtk_widget_get_width (GTK_WIDGET (f->view)),
                            gtk_widget_get_height (GTK_WIDGET (f->view)), 24);
  shequ_session_set_selected_unit (shequ_org_view_get_session (f->tree), community);
  wait_animation (f);
  g_assert_cmpfloat (fabs (shequ_map_viewport_get_zoom (viewport) - shequ_map_frame_get_zoom (&fit)),
                     >, 0.1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "map.zoom-to-selected", NULL));
  wait_animation (f);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_zoom (viewport),
                                  shequ_map_frame_get_zoom (&fit), 1e-9);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).x, fit.centre.x, 1e-6);
}

/* ------------------------------------------------------------------ hover and the cache */

/* With SHEQU_TEST_SHOTS set, saves WIDGET's window there as NAME.png, to look at. */
static void
maybe_save_shot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("SHEQU_TEST_SHOTS");
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (root);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (root),
                          gtk_widget_get_height (root));
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (root)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (root),
                                                              gtk_widget_get_height (root)));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_hover (Fixture       *f,
            gconstpointer  data)
{
  ShequUnit *grid = shequ_test_lookup_code (f->store, CODE_ZONGSHENG_G1);
  ShequMapRenderer *renderer = shequ_map_view_get_renderer (f->view);
  ShequGeoPoint at = point_of_unit (f, grid);
  g_autofree char *tooltip = NULL;
  g_autofree char *population = NULL;
  guint renders;

  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  renders = shequ_map_view_get_n_cache_renders (f->view);
  shequ_map_view_hover_at (f->view, at.x, at.y);
  g_assert_cmpint (shequ_map_renderer_get_hover_unit (renderer), ==, shequ_unit_get_id (grid));
  tooltip = shequ_map_view_dup_tooltip_text (f->view, at.x, at.y);
  population = g_strdup_printf ("%" G_GINT64_FORMAT, shequ_unit_get_total_population (grid));
  g_test_message ("tooltip: %s", tooltip);
  g_assert_true (g_str_has_prefix (tooltip, shequ_unit_get_name (grid)));
  g_assert_nonnull (strstr (tooltip, shequ_tier_get_label (SHEQU_TIER_GRID)));
  g_assert_nonnull (strstr (tooltip, population));

  /* Hover and selection are drawn over the cached fills, which stay as they are. */
  shequ_test_wait_frames (GTK_WIDGET (f->view), 2);
  shequ_map_view_click_at (f->view, at.x, at.y, 1);
  shequ_map_view_hover_at (f->view, at.x + 60, at.y);
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
  shequ_test_wait_frames (GTK_WIDGET (f->view), 2);
  maybe_save_shot (GTK_WIDGET (f->view), "map-view-hover-selected-focus");
  g_assert_cmpuint (shequ_map_view_get_n_cache_renders (f->view), ==, renders);

  shequ_map_view_hover_at (f->view, 2, 2);
  g_assert_cmpint (shequ_map_renderer_get_hover_unit (renderer), ==, 0);
  g_assert_null (shequ_map_view_dup_tooltip_text (f->view, 2, 2));
}

/* A drag draws the cache once, with the labels in it; a short drag then moves the
 * cached texture; a long one, and the drag's end, draw again. */
static void
test_pan_uses_cache (Fixture       *f,
                     gconstpointer  data)
{
  ShequMapViewport *viewport = shequ_map_view_get_viewport (f->view);
  ShequGeoPoint centre = shequ_map_viewport_get_centre (viewport);
  ShequMapFrame frame;
  guint renders;

  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  renders = shequ_map_view_get_n_cache_renders (f->view);
  shequ_map_view_get_frame (f->view, &frame);
  shequ_map_view_drag_begin (f->view);
  shequ_map_view_drag_update (f->view, 10, 5);
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpuint (shequ_map_view_get_n_cache_renders (f->view), ==, ++renders);
  for (int i = 2; i <= 10; i++)
    {
      shequ_map_view_drag_update (f->view, i * 10, i * 5);
      shequ_test_wait_for_draw (GTK_WIDGET (f->view));
    }
  g_assert_cmpuint (shequ_map_view_get_n_cache_renders (f->view), ==, renders);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).x,
                                  centre.x - 100 * frame.metres_per_pixel, 1e-6);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).y,
                                  centre.y + 50 * frame.metres_per_pixel, 1e-6);
  /* Farther than the cache reaches. */
  shequ_map_view_drag_update (f->view, 600, 0);
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpuint (shequ_map_view_get_n_cache_renders (f->view), ==, renders + 1);
  shequ_map_view_drag_update (f->view, 610, 0);
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpuint (shequ_map_view_get_n_cache_renders (f->view), ==, renders + 1);
  /* At rest the fills are drawn where the map stopped, pixel for pixel. */
  shequ_map_view_drag_end (f->view);
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  g_assert_cmpuint (shequ_map_view_get_n_cache_renders (f->view), ==, renders + 2);

  /* Let go while moving: the map glides on the way it went, and stops. */
  centre = shequ_map_viewport_get_centre (viewport);
  shequ_map_view_fling (f->view, 1200, 0);
  g_assert_true (shequ_map_view_is_animating (f->view));
  wait_animation (f);
  g_assert_cmpfloat_with_epsilon (shequ_map_viewport_get_centre (viewport).x,
                                  centre.x - 1200 * 0.6 / 3 * frame.metres_per_pixel, 1e-6);
  /* Too slow to glide. */
  shequ_map_view_fling (f->view, 100, 0);
  g_assert_false (shequ_map_view_is_animating (f->view));
}

/* ------------------------------------------------------------------ accessibility */

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  ShequUnit *community = shequ_test_lookup_code (f->store, CODE_ZONGSHENG);
  g_autofree char *expected = g_strdup_printf ("Selected: %s", shequ_unit_get_name (community));

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->view)));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (f->view)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Map");
  shequ_org_view_select_unit (f->tree, community);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->view),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  /* Enter selects the unit at the centre: after zooming to the community, itself or
   * one of its grids. */
  shequ_map_view_zoom_to_unit (f->view, shequ_unit_get_id (community), FALSE);
  shequ_org_view_select_unit (f->tree, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "map.select-centre", NULL));
  {
    ShequUnit *selected = shequ_session_get_selected_unit (shequ_org_view_get_session (f->tree));

    g_assert_nonnull (selected);
    g_assert_true (selected == community || shequ_unit_get_parent (selected) == community);
  }
}

/* ------------------------------------------------------------------ the page */

static void
test_page_states (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpstr (shequ_map_page_get_state (f->page), ==, "map");
  /* The tier colouring has no classes to choose. */
  g_assert_false (shequ_map_page_get_classing_visible (f->page));
  /* The store's own map: no boundaries in the sample yet, so the page says so. */
  shequ_map_page_set_map_func (f->page, NULL);
  shequ_test_wait_for_draw (GTK_WIDGET (f->page));
  maybe_save_shot (GTK_WIDGET (f->page), "map-page-empty");
  if (shequ_map_get_n_items (shequ_map_view_get_map (f->view)) == 0)
    g_assert_cmpstr (shequ_map_page_get_state (f->page), ==, "empty");
  else
    g_assert_cmpstr (shequ_map_page_get_state (f->page), ==, "map");
  /* A session of no store: empty, and no map. */
  shequ_map_page_set_session (f->page, NULL);
  g_assert_cmpstr (shequ_map_page_get_state (f->page), ==, "empty");
  g_assert_null (shequ_map_view_get_map (f->view));
}

/* Each measure of the drop-down colours the map, or falls back to the tier colours while
 * it cannot be made; classes, method and palette show for numeric measures only; the
 * tooltip then tells the unit's value. */
static void
test_page_colour_by (Fixture       *f,
                     gconstpointer  data)
{
  const char *const *ids = shequ_measure_list_builtin ();
  ShequMapRenderer *renderer = shequ_map_view_get_renderer (f->view);
  ShequUnit *grid = shequ_test_lookup_code (f->store, CODE_ZONGSHENG_G1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(ShequMeasure) measure = shequ_measure_new_builtin (ids[i], MAP (f), NULL);
      gboolean numeric = measure != NULL && shequ_measure_get_n_categories (measure) == 0;
      ShequMapColouring *colouring;
      g_autofree char *shot = g_strconcat ("map-page-colour-by-", ids[i], NULL);

      shequ_map_page_set_measure (f->page, ids[i]);
      colouring = shequ_map_renderer_get_colouring (renderer);
      g_assert_cmpint (shequ_map_page_get_classing_visible (f->page), ==, numeric);
      if (g_str_equal (ids[i], "tier") || measure == NULL)
        g_assert_null (colouring);
      else
        {
          ShequGeoPoint at = point_of_unit (f, grid);
          g_autofree char *value = NULL;
          g_autofree char *tooltip = NULL;

          g_assert_nonnull (colouring);
          value = shequ_map_colouring_format_value (colouring, shequ_unit_get_id (grid));
          tooltip = shequ_map_view_dup_tooltip_text (f->view, at.x, at.y);
          g_test_message ("%s: %s", ids[i], tooltip);
          if (value != NULL)
            g_assert_nonnull (strstr (tooltip, value));
        }
      shequ_test_wait_for_draw (GTK_WIDGET (f->view));
      maybe_save_shot (GTK_WIDGET (f->page), shot);
    }
}

/* A change to what the map shows makes a new map, and leaves the view where it was; a
 * change to people only does not. */
static void
test_page_rebuilds_on_change (Fixture       *f,
                              gconstpointer  data)
{
  ShequUnit *grid = shequ_test_lookup_code (f->store, CODE_ZONGSHENG_G1);
  ShequMapViewport *viewport = shequ_map_view_get_viewport (f->view);
  g_autoptr(ShequMap) before = NULL;
  g_autoptr(GError) error = NULL;
  ShequGeoPoint centre;
  double zoom;

  shequ_map_view_zoom_to_unit (f->view, shequ_unit_get_id (grid), FALSE);
  centre = shequ_map_viewport_get_centre (viewport);
  zoom = shequ_map_viewport_get_zoom (viewport);
  before = g_object_ref (MAP (f));

  g_assert_nonnull (shequ_org_store_add_person_post (f->store, grid, "王小明", "13800000000",
                                                     SHEQU_ROLE_GRID_WORKER, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (MAP (f) == before);

  g_assert_true (shequ_org_store_rename_unit (f->store, grid, "新名字网格", &error));
  g_assert_no_error (error);
  g_assert_true (MAP (f) != before);
  g_assert_cmpstr (shequ_map_lookup_unit (MAP (f), shequ_unit_get_id (grid))->name, ==,
                   "新名字网格");
  g_assert_cmpfloat (shequ_map_viewport_get_zoom (viewport), ==, zoom);
  g_assert_cmpfloat (shequ_map_viewport_get_centre (viewport).x, ==, centre.x);
  g_assert_cmpfloat (shequ_map_viewport_get_centre (viewport).y, ==, centre.y);
}

/* In the window: a third view, built when first shown, on the window's session. */
static void
test_window_map_page (Fixture       *f,
                      gconstpointer  data)
{
  ShequWindow *window;
  ShequMapView *view;
  GtkWidget *org_view;
  ShequUnit *community;

  /* The window opens the database itself: the fixture's windows and store let go of it. */
  shequ_test_destroy_window (&f->window);
  shequ_test_destroy_window (&f->tree_window);
  shequ_test_flush_main_context ();
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  window = shequ_test_open_window (GTK_APPLICATION (app), f->path, NULL);
  shequ_window_set_view (window, "map");
  g_assert_cmpstr (shequ_window_get_page (window), ==, "map");
  view = _shequ_window_get_map_view (window);
  g_assert_nonnull (view);
  shequ_test_wait_for_draw (GTK_WIDGET (window));
  org_view = shequ_window_get_org_view (window);
  g_assert_true (shequ_map_view_get_session (view) ==
                 shequ_org_view_get_session (SHEQU_ORG_VIEW (org_view)));
  /* No boundaries in the sample yet: the page says how to import them. */
  if (shequ_org_store_get_n_boundaries (shequ_window_get_store (window)) == 0)
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));

  community = shequ_org_store_lookup_code (shequ_window_get_store (window), CODE_ZONGSHENG);
  shequ_org_view_select_unit (SHEQU_ORG_VIEW (org_view), community);
  g_assert_cmpint (shequ_map_renderer_get_selected_unit (shequ_map_view_get_renderer (view)), ==,
                   shequ_unit_get_id (community));
  gtk_window_destroy (GTK_WINDOW (window));
  shequ_test_flush_main_context ();
}

/* ------------------------------------------------------------------ frame times */

typedef struct {
  ShequMapView *view;
  GArray       *paint_us;     /* gint64: before-paint to after-paint */
  GArray       *interval_us;  /* gint64: frame time to frame time */
  GArray       *snapshot_us;  /* gint64: the view's own snapshot */
  gint64        paint_start;
  gint64        last_frame;
  guint         n_frames;
  guint         target;
} Bench;

static gboolean
bench_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  Bench *bench = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (bench->last_frame != 0)
    {
      gint64 interval = now - bench->last_frame;

      g_array_append_val (bench->interval_us, interval);
    }
  bench->last_frame = now;
  bench->n_frames++;
  /* 8 pixels a frame, right then back, as a hand drags. */
  shequ_map_view_drag_update (bench->view, (bench->n_frames % 120 < 60 ? 1 : -1)
                                           * (double) (bench->n_frames % 60) * 8, 0);
  return bench->n_frames < bench->target ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->paint_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 took = g_get_monotonic_time () - bench->paint_start;

  if (bench->paint_start != 0)
    {
      gint64 snapshot = shequ_map_view_get_last_snapshot_us (bench->view);

      g_array_append_val (bench->paint_us, took);
      g_array_append_val (bench->snapshot_us, snapshot);
    }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
bench_done (gpointer data)
{
  Bench *bench = data;

  return bench->n_frames >= bench->target;
}

static void
report (const char *what,
        GArray     *values)
{
  g_array_sort (values, compare_gint64);
  g_test_message ("%s over %u frames: median %.2f ms, 95th %.2f ms, max %.2f ms", what,
                  values->len, g_array_index (values, gint64, values->len / 2) / 1000.0,
                  g_array_index (values, gint64, values->len * 95 / 100) / 1000.0,
                  g_array_index (values, gint64, values->len - 1) / 1000.0);
}

/* The real frame times of a pan of 240 frames in a 1920 × 1080 window; the fills are drawn
 * again only when the pan passes the cache's margin. */
static void
test_pan_frame_times (Fixture       *f,
                      gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->view));
  Bench bench = { f->view, g_array_new (FALSE, FALSE, sizeof (gint64)),
                  g_array_new (FALSE, FALSE, sizeof (gint64)),
                  g_array_new (FALSE, FALSE, sizeof (gint64)), 0, 0, 0, 240 };
  gulong before_id, after_id;
  guint renders;

  /* The size of the screenshots, and of the office's usual screen. */
  resize_and_wait (f, 1920, 1080);
  shequ_map_view_zoom_by (f->view, 1, FALSE);
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  renders = shequ_map_view_get_n_cache_renders (f->view);
  before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &bench);
  after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench);
  shequ_map_view_drag_begin (f->view);
  gtk_widget_add_tick_callback (GTK_WIDGET (f->view), bench_tick, &bench, NULL);
  /* Slow under a loaded software renderer: longer than the usual limit. */
  shequ_test_wait_until_for (90, bench_done, &bench);
  shequ_test_wait_for_draw (GTK_WIDGET (f->view));
  shequ_map_view_drag_end (f->view);
  g_signal_handler_disconnect (clock, before_id);
  g_signal_handler_disconnect (clock, after_id);

  g_test_message ("view %d×%d, fills drawn %u times in %u frames, last took %.2f ms",
                  gtk_widget_get_width (GTK_WIDGET (f->view)),
                  gtk_widget_get_height (GTK_WIDGET (f->view)),
                  shequ_map_view_get_n_cache_renders (f->view) - renders, bench.n_frames,
                  shequ_map_view_get_last_cache_render_us (f->view) / 1000.0);
  report ("paint (update, layout, snapshot, render)", bench.paint_us);
  report ("the view's snapshot", bench.snapshot_us);
  report ("frame interval", bench.interval_us);
  /* 8 pixels a frame, back and forth within 480 pixels of the start: the 192-pixel
   * margin is passed a few times a sweep, never every frame. */
  g_assert_cmpuint (shequ_map_view_get_n_cache_renders (f->view) - renders, <, bench.n_frames / 8);
  g_array_unref (bench.paint_us);
  g_array_unref (bench.interval_us);
  g_array_unref (bench.snapshot_us);
}

/* Colouring by band hides the place layers (their orange squares would read as bands);
 * another measure shows them again. */
static void
test_page_band_hides_places (Fixture       *f,
                             gconstpointer  data)
{
  ShequMapRenderer *renderer = shequ_map_view_get_renderer (f->view);

  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    g_assert_true (shequ_map_renderer_get_place_visible (renderer, kind));
  shequ_map_page_set_measure (f->page, "band");
  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    g_assert_false (shequ_map_renderer_get_place_visible (renderer, kind));
  shequ_map_page_set_measure (f->page, "population");
  for (guint kind = 0; kind < SHEQU_N_PLACE_KINDS; kind++)
    g_assert_true (shequ_map_renderer_get_place_visible (renderer, kind));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  shequ_test_gtk_init (&argc, &argv);
  app = shequ_test_new_app ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/map-view/click/selects-innermost", test_click_selects_innermost);
  ADD ("/map-view/tree-selection/highlights", test_tree_selection_highlights);
  ADD ("/map-view/zoom/actions", test_zoom_actions);
  ADD ("/map-view/zoom/to-unit-animated", test_zoom_to_unit_animation);
  ADD ("/map-view/zoom/to-selected", test_zoom_to_selected);
  ADD ("/map-view/zoom/refit-until-moved", test_refit_until_moved);
  ADD ("/map-view/hover/tooltip", test_hover);
  ADD ("/map-view/cache/pan", test_pan_uses_cache);
  ADD ("/map-view/a11y/name-and-description", test_accessible);
  ADD ("/map-view/page/states", test_page_states);
  ADD ("/map-view/page/colour-by", test_page_colour_by);
  ADD ("/map-view/page/band-hides-places", test_page_band_hides_places);
  ADD ("/map-view/page/rebuilds-on-change", test_page_rebuilds_on_change);
  ADD ("/map-view/window/map-page", test_window_map_page);
  ADD ("/map-view/bench/pan-frame-times", test_pan_frame_times);
#undef ADD
  {
    int ret = g_test_run ();

    g_clear_object (&app);
    return ret;
  }
}
