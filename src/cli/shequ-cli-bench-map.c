/* shequ-cli-bench-map.c — shequ-cli bench map: drawing, hit and import figures */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "shequ-boundary-import.h"
#include "shequ-cli-private.h"
#include "shequ-map-renderer.h"
#include "shequ-map-store.h"
#include "shequ-map-synth.h"
#include "shequ-sample.h"
#include "shequ-unit.h"
#include "shequ-workspace.h"

/* Figures only: nothing asserts on them. The map is drawn at the widget's usual size,
 * onto the surface the widget's Cairo node gets, the way the widget draws it. */
#define WIDTH 1920
#define HEIGHT 1080
#define PAN_FRAMES 30
#define HIT_BATCH 100
#define SEED 20261125

typedef struct {
  guint     polygons;
  guint     vertices;
  gboolean  matched;        /* the import matched the features to the street's grids */
  double    import_s;
  double    build_s;
  double    build_cpu_s;    /* the build's CPU time: the machine may be shared */
  double    full_ms, full_cpu_ms;   /* wall clock, and this process's CPU time */
  double    pan_ms, pan_cpu_ms;
  double    full_warm_ms;           /* the same frame again: the renderer's tiles */
  double    pan_first_ms;           /* the first frame of a pan, at a zoom not drawn yet */
  double    pan_cached_ms;  /* the same pan over a cached fills layer */
  double    pan_layer_ms;   /* drawing that layer, once */
  double    hit_us;
  double    sample_full_ms; /* NAN: the sample street has no boundaries */
  double    peak_rss_mb;
  /* Where drawing time goes: items and points in a frame at the renderer's tolerance
   * (half a pixel), against the full detail. */
  guint     full_items, full_points, full_points_raw;
  guint     pan_items, pan_points, pan_points_raw;
} MapReport;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (GArray *values)
{
  double *v = (double *) (void *) values->data;
  guint n = values->len;

  if (n == 0)
    return NAN;
  qsort (v, n, sizeof (double), compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return NAN;
  return usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

/* User and system CPU seconds of this process so far. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return NAN;
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Milliseconds to draw FRAME whole, as the widget does: paint the background, then
 * every layer. Appended to WALL and CPU. */
static void
time_draw (ShequMapRenderer    *renderer,
           cairo_t             *cr,
           const ShequMapFrame *frame,
           GArray              *wall,
           GArray              *cpu)
{
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_seconds (), ms;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  shequ_map_renderer_draw (renderer, cr, frame, SHEQU_MAP_DRAW_ALL);
  cairo_surface_flush (cairo_get_target (cr));
  ms = since (start) * 1e3;
  if (wall != NULL)
    g_array_append_val (wall, ms);
  ms = (cpu_seconds () - cpu_start) * 1e3;
  if (cpu != NULL)
    g_array_append_val (cpu, ms);
}

/* What a frame asks of the renderer: items in view and their points at half a pixel. */
static void
profile_frame (ShequMap            *map,
               const ShequMapFrame *frame,
               guint               *items,
               guint               *points,
               guint               *raw)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  ShequGeoBounds view;

  shequ_map_frame_get_bounds (frame, &view);
  shequ_map_query (map, &view, positions);
  *items = positions->len;
  *points = *raw = 0;
  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);

      *points += shequ_geo_shape_get_n_points (
        shequ_map_get_item_shape (map, position, frame->metres_per_pixel / 2));
      *raw += shequ_geo_shape_get_n_points (shequ_map_get_item (map, position)->projected);
    }
}

/* The pan from START with the fills drawn once into a layer as wide as the whole pan
 * (the bottom layer, which the widget may cache): each frame then moves the layer and
 * draws the layers above it. */
static void
time_cached_pan (ShequMapRenderer    *renderer,
                 cairo_t             *cr,
                 const ShequMapFrame *start,
                 guint                runs,
                 MapReport           *r)
{
  const double step_px = WIDTH / 30.0, span_px = WIDTH + PAN_FRAMES * step_px;
  cairo_surface_t *layer = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) span_px, HEIGHT);
  cairo_t *lc = cairo_create (layer);
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  ShequMapFrame layer_frame = *start;
  gint64 begin = g_get_monotonic_time ();

  /* The layer's left edge is the first frame's. */
  layer_frame.width = span_px;
  layer_frame.centre.x += (span_px - WIDTH) / 2 * start->metres_per_pixel;
  cairo_set_source_rgb (lc, 1, 1, 1);
  cairo_paint (lc);
  shequ_map_renderer_draw (renderer, lc, &layer_frame, SHEQU_MAP_DRAW_FILLS);
  cairo_surface_flush (layer);
  r->pan_layer_ms = since (begin) * 1e3;

  for (guint run = 0; run < runs; run++)
    {
      ShequMapFrame step = *start;

      for (guint f = 0; f < PAN_FRAMES; f++)
        {
          gint64 t = g_get_monotonic_time ();
          double ms;

          cairo_set_source_surface (cr, layer, -(double) f * step_px, 0);
          cairo_paint (cr);
          shequ_map_renderer_draw (renderer, cr, &step, SHEQU_MAP_DRAW_ALL & ~SHEQU_MAP_DRAW_FILLS);
          cairo_surface_flush (cairo_get_target (cr));
          ms = since (t) * 1e3;
          g_array_append_val (frames, ms);
          step.centre.x += step_px * step.metres_per_pixel;
        }
    }
  r->pan_cached_ms = median_of (frames);
  cairo_destroy (lc);
  cairo_surface_destroy (layer);
}

static void
time_full_and_pan (ShequMap  *map,
                   guint      runs,
                   MapReport *r)
{
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (map);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pan = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pan_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full_warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pan_first = g_array_new (FALSE, FALSE, sizeof (double));
  ShequMapFrame fit, frame;
  ShequGeoBounds bounds;

  if (!shequ_map_get_bounds (map, &bounds))
    goto out;
  shequ_map_frame_init_fit (&fit, &bounds, WIDTH, HEIGHT, 24);
  time_draw (renderer, cr, &fit, NULL, NULL);   /* warm-up: fonts, layouts */
  /* Cold: the renderer keeps drawn tiles, and a full redraw is one it has not seen. */
  for (guint run = 0; run < runs; run++)
    {
      shequ_map_renderer_drop_caches (renderer);
      time_draw (renderer, cr, &fit, full, full_cpu);
    }
  for (guint run = 0; run < runs; run++)
    time_draw (renderer, cr, &fit, full_warm, NULL);
  profile_frame (map, &fit, &r->full_items, &r->full_points, &r->full_points_raw);

  /* ×4: zoom + 2 on the middle, then a pan east of 1/30 of the width a frame. */
  frame = fit;
  shequ_map_frame_set_zoom (&frame, shequ_map_frame_get_zoom (&fit) + 2);
  frame.centre.x -= PAN_FRAMES / 2 * (WIDTH / 30.0) * frame.metres_per_pixel;
  profile_frame (map, &frame, &r->pan_items, &r->pan_points, &r->pan_points_raw);
  for (guint run = 0; run < runs; run++)
    {
      ShequMapFrame step = frame;

      /* Each pan starts from a zoom the renderer has not drawn: its first frame is
       * drawn whole, the others only where the view moved. */
      shequ_map_renderer_drop_caches (renderer);
      for (guint f = 0; f < PAN_FRAMES; f++)
        {
          time_draw (renderer, cr, &step, f == 0 ? pan_first : pan, f == 0 ? NULL : pan_cpu);
          step.centre.x += WIDTH / 30.0 * step.metres_per_pixel;
        }
    }
  time_cached_pan (renderer, cr, &frame, runs, r);

out:
  r->full_ms = median_of (full);
  r->full_warm_ms = median_of (full_warm);
  r->pan_ms = median_of (pan);
  r->pan_first_ms = median_of (pan_first);
  r->full_cpu_ms = median_of (full_cpu);
  r->pan_cpu_ms = median_of (pan_cpu);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Microseconds per hit of a random point of the map's bounds, in batches (the clock
 * counts microseconds); the median batch. */
static double
time_hits (ShequMap *map,
           guint     runs)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (double));
  ShequGeoBounds b;

  if (!shequ_map_get_bounds (map, &b))
    return NAN;
  for (guint i = 0; i < 20 * runs; i++)
    {
      ShequGeoPoint points[HIT_BATCH];
      gint64 start;
      double us;
      guint found = 0;

      for (guint k = 0; k < HIT_BATCH; k++)
        points[k] = (ShequGeoPoint) { g_rand_double_range (rand, b.min_x, b.max_x),
                                      g_rand_double_range (rand, b.min_y, b.max_y) };
      start = g_get_monotonic_time ();
      for (guint k = 0; k < HIT_BATCH; k++)
        found += shequ_map_hit (map, points[k]) != NULL;
      us = (double) (g_get_monotonic_time () - start) / HIT_BATCH;
      g_array_append_val (batches, us);
      g_assert (found <= HIT_BATCH);
    }
  return median_of (batches);
}

/* A map of the features that have a shape, each the grid its "code" names in STORE. */
static ShequMap *
map_of_features (ShequOrgStore *store,
                 GPtrArray     *features)
{
  ShequMap *map = shequ_map_new ();

  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);
      ShequUnit *unit = shequ_org_store_lookup_code (store, g_hash_table_lookup (feature->properties,
                                                                                 "code"));

      if (feature->shape != NULL && unit != NULL)
        shequ_map_add_unit (map, shequ_unit_get_id (unit), shequ_unit_get_tier (unit),
                            shequ_unit_get_depth (unit), shequ_unit_get_name (unit),
                            feature->shape);
    }
  return map;
}

/* One import of PATH into STORE: read, match, write. Without a matcher yet (the plan is
 * NULL), read and build the map from the features instead. Returns the map built. */
static ShequMap *
import_once (ShequOrgStore *store,
             const char    *path,
             MapReport     *r,
             double        *import_s,
             double        *build_s,
             double        *build_cpu_s,
             GError       **error)
{
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(ShequBoundaryPlan) plan = NULL;
  g_autoptr(ShequMap) map = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gsize length;
  gint64 start = g_get_monotonic_time (), build_start;
  double cpu_start;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);
  features = shequ_geojson_read (bytes, path, NULL, NULL, NULL, error);
  if (features == NULL)
    return NULL;
  plan = shequ_boundary_plan_new (store, features, path, "code", SHEQU_GEO_CRS_GCJ02);
  r->matched = plan != NULL;
  if (plan != NULL)
    {
      /* shequ_org_store_apply() takes the change. */
      ShequOrgChange *change = shequ_boundary_plan_to_change (plan);

      if (change != NULL && !shequ_org_store_apply (store, change, error))
        return NULL;
    }
  map = map_of_features (store, features);
  g_clear_pointer (&features, g_ptr_array_unref);
  build_start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  shequ_map_build (map);
  *build_s = since (build_start);
  *build_cpu_s = cpu_seconds () - cpu_start;
  /* With a matcher, the import is read + match + write; without, read + build. */
  *import_s = r->matched ? (build_start - start) / 1e6 : since (start);
  return g_steal_pointer (&map);
}

static ShequOrgStore *
open_temp_store (const char     *dir,
                 const char     *name,
                 ShequWorkspace **workspace,
                 GError         **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  *workspace = shequ_workspace_open (path, SHEQU_DATABASE_FLAGS_CREATE |
                                     SHEQU_DATABASE_FLAGS_NO_BACKUP, NULL, error);
  return *workspace != NULL ? shequ_workspace_get_store (*workspace) : NULL;
}

/* The synthetic street and its map as GeoJSON in DIR; returns the file's path. */
static char *
make_synthetic (ShequOrgStore *store,
                const char    *dir,
                MapReport     *r,
                GError       **error)
{
  g_autoptr(GPtrArray) shapes = NULL;
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_build_filename (dir, "synthetic-grids.json", NULL);

  if (!shequ_sample_populate_synthetic (store, shequ_map_synth_street_units (r->polygons), error))
    return NULL;
  grids = shequ_map_synth_list_grids (store);
  shapes = shequ_map_synth_shapes (r->polygons, r->vertices, SEED);
  bytes = shequ_map_synth_geojson (shapes, grids);
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return NULL;
  return g_steal_pointer (&path);
}

static double
time_sample (const char  *dir,
             guint        runs,
             GError     **error)
{
  g_autoptr(ShequWorkspace) workspace = NULL;
  ShequOrgStore *store = open_temp_store (dir, "sample.db", &workspace, error);
  g_autoptr(ShequMap) map = NULL;
  MapReport sample = { 0 };

  if (store == NULL || !shequ_sample_populate (store, error))
    return NAN;
  map = shequ_map_new_for_store (store);
  if (shequ_map_get_n_items (map) == 0)
    return NAN;
  time_full_and_pan (map, runs, &sample);
  return sample.full_ms;
}

static void
add_figure (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
print_json_report (const MapReport *r)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_count (builder, "polygons", r->polygons);
  add_count (builder, "vertices", r->vertices);
  add_figure (builder, "full_ms", r->full_ms);
  add_figure (builder, "pan_ms", r->pan_ms);
  add_figure (builder, "full_warm_ms", r->full_warm_ms);
  add_figure (builder, "pan_first_ms", r->pan_first_ms);
  add_figure (builder, "pan_cached_ms", r->pan_cached_ms);
  add_figure (builder, "pan_layer_ms", r->pan_layer_ms);
  add_figure (builder, "full_cpu_ms", r->full_cpu_ms);
  add_figure (builder, "pan_cpu_ms", r->pan_cpu_ms);
  add_figure (builder, "hit_ms", r->hit_us / 1e3);
  add_figure (builder, "import_s", r->import_s);
  json_builder_set_member_name (builder, "import_matched");
  json_builder_add_boolean_value (builder, r->matched);
  add_figure (builder, "build_s", r->build_s);
  add_figure (builder, "build_cpu_s", r->build_cpu_s);
  add_figure (builder, "peak_rss_mb", r->peak_rss_mb);
  add_figure (builder, "sample_full_ms", r->sample_full_ms);
  add_count (builder, "full_items", r->full_items);
  add_count (builder, "full_points", r->full_points);
  add_count (builder, "full_points_full_detail", r->full_points_raw);
  add_count (builder, "pan_items", r->pan_items);
  add_count (builder, "pan_points", r->pan_points);
  add_count (builder, "pan_points_full_detail", r->pan_points_raw);
  json_builder_end_object (builder);
  print_json (builder);
}

static void
print_report (const MapReport *r)
{
  if (opt_json)
    {
      print_json_report (r);
      return;
    }
  g_print ("%-44s %u / %u\n", _("Polygons / vertices"), r->polygons, r->vertices);
  g_print (_("%-44s %.1f ms (%.1f ms CPU)\n"), _("Full redraw at 1920×1080, median"),
           r->full_ms, r->full_cpu_ms);
  g_print (_("%-44s %.1f ms (%.1f ms CPU)\n"), _("Pan frame at ×4 zoom, median"),
           r->pan_ms, r->pan_cpu_ms);
  g_print ("%-44s %.1f ms\n", _("Full redraw again (the renderer's tiles)"), r->full_warm_ms);
  g_print ("%-44s %.1f ms\n", _("First frame of a pan at a new zoom"), r->pan_first_ms);
  g_print ("%-44s %.1f ms\n", _("Pan frame over a cached fills layer"), r->pan_cached_ms);
  g_print ("%-44s %.1f ms\n", _("Drawing that layer, once"), r->pan_layer_ms);
  g_print ("%-44s %.4f ms\n", _("Hit test of a point, median"), r->hit_us / 1e3);
  g_print ("%-44s %.2f s\n", r->matched ? _("GeoJSON import (read, match, write)")
                                        : _("GeoJSON read and map build"), r->import_s);
  g_print (_("%-44s %.2f s (%.2f s CPU)\n"), _("Map build (index, levels of detail, labels)"),
           r->build_s, r->build_cpu_s);
  g_print ("%-44s %.1f MB\n", _("Peak RSS"), r->peak_rss_mb);
  if (isnan (r->sample_full_ms))
    g_print ("%-44s %s\n", _("Sample street, full redraw"), _("no boundaries yet"));
  else
    g_print ("%-44s %.1f ms\n", _("Sample street, full redraw"), r->sample_full_ms);
  g_print ("%-44s %u, %u / %u\n", _("Full frame: items, points at ½ px / in full"),
           r->full_items, r->full_points, r->full_points_raw);
  g_print ("%-44s %u, %u / %u\n", _("Pan frame: items, points at ½ px / in full"),
           r->pan_items, r->pan_points, r->pan_points_raw);
  if (!r->matched)
    g_print ("%s\n", _("Note: boundaries cannot be matched to units yet, so the import "
                       "time is the read and the map build only."));
}

static gboolean
run_bench (const char  *dir,
           guint        runs,
           MapReport   *r,
           GError     **error)
{
  g_autoptr(ShequWorkspace) workspace = NULL;
  ShequOrgStore *store = open_temp_store (dir, "synthetic.db", &workspace, error);
  g_autoptr(GArray) imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) builds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) build_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(ShequMap) map = NULL;
  g_autofree char *path = NULL;

  if (store == NULL || (path = make_synthetic (store, dir, r, error)) == NULL)
    return FALSE;
  for (guint run = 0; run < runs; run++)
    {
      double import_s, build_s, build_cpu_s;

      g_clear_object (&map);
      map = import_once (store, path, r, &import_s, &build_s, &build_cpu_s, error);
      if (map == NULL)
        return FALSE;
      g_array_append_val (imports, import_s);
      g_array_append_val (builds, build_s);
      g_array_append_val (build_cpus, build_cpu_s);
    }
  r->import_s = median_of (imports);
  r->build_s = median_of (builds);
  r->build_cpu_s = median_of (build_cpus);
  time_full_and_pan (map, runs, r);
  r->hit_us = time_hits (map, runs);
  r->peak_rss_mb = peak_rss_mb ();
  g_clear_object (&map);
  g_clear_object (&workspace);
  r->sample_full_ms = time_sample (dir, runs, error);
  return error == NULL || *error == NULL;
}

/* Removes DIR and the files in it. */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (dir);
}

int
bench_map (int argc, char **argv)
{
  int runs = 5, polygons = 10000;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("Runs of each measurement (default 5)"), N_("N") },
    /* Hidden: a smaller map for the tests; 100 vertices a polygon. */
    { "polygons", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &polygons, NULL, NULL },
    { NULL }
  };
  MapReport report = { 0 };
  g_autofree char *dir = NULL;
  GError *error = NULL;
  int status = 0;
  gboolean ok;

  if (!parse_options ("bench map", NULL,
                      N_("Time drawing, hit-testing and importing a synthetic map of 10,000 "
                         "grids and 1,000,000 vertices."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (runs < 1)
    return fail_usage (_("--runs must be at least 1"));
  if (polygons < 1 || polygons > 1000000)
    return fail_usage (_("--polygons must be between 1 and 1000000"));

  dir = g_dir_make_tmp ("shequ-bench-map-XXXXXX", &error);
  if (dir == NULL)
    return fail (error);
  report.polygons = polygons;
  report.vertices = polygons * 100;
  if (!opt_json)
    g_print (_("Making a synthetic street of %u grids and %u vertices…\n"),
             report.polygons, report.vertices);
  ok = run_bench (dir, runs, &report, &error);
  remove_dir (dir);
  if (!ok)
    return fail (error);
  print_report (&report);
  return EXIT_SUCCESS;
}
