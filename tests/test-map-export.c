/* test-map-export.c — maps written to PNG, PDF and SVG, and the render-map and hit commands */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "map-fixture.h"
#include "shequ-map-export.h"
#include "shequ-map-store.h"
#include "shequ-test-util.h"

SHEQU_TEST_UNWIND_SLOWLY

typedef struct {
  char             *dir;
  ShequMap         *map;
  ShequMapRenderer *renderer;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ShequGeoShape) street = map_fixture_new_rectangle (117.60, 35.50, 117.64, 35.54);
  g_autoptr(ShequGeoShape) west = map_fixture_new_rectangle (117.60, 35.50, 117.62, 35.52);
  g_autoptr(ShequGeoShape) east = map_fixture_new_rectangle (117.62, 35.50, 117.64, 35.52);

  fixture->dir = shequ_test_make_tmpdir ("shequ-test-map-export-XXXXXX");
  fixture->map = shequ_map_new ();
  shequ_map_add_unit (fixture->map, 1, SHEQU_TIER_STREET, 0, "平邑街道", street);
  shequ_map_add_unit (fixture->map, 2, SHEQU_TIER_AREA, 1, "西片区", west);
  shequ_map_add_unit (fixture->map, 3, SHEQU_TIER_AREA, 1, "东片区", east);
  shequ_map_build (fixture->map);
  fixture->renderer = shequ_map_renderer_new (fixture->map);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->renderer);
  g_clear_object (&fixture->map);
  shequ_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
export_to (Fixture        *fixture,
           ShequMapFormat  format,
           const char     *name,
           char          **path,
           GError        **error)
{
  ShequMapExportOptions options;
  g_autoptr(GFile) file = NULL;

  *path = g_build_filename (fixture->dir, name, NULL);
  file = g_file_new_for_path (*path);
  shequ_map_export_options_init (&options, format);
  options.width = 640;
  options.height = 360;
  return shequ_map_export (fixture->renderer, &options, NULL, NULL, NULL, file, error);
}

/* Only the files the test made: no temporary file left behind. */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* The output of TOOL with the NULL-terminated arguments, or NULL when TOOL is not
 * installed. */
static char *
run_tool (const char *tool,
          ...) G_GNUC_NULL_TERMINATED;

static char *
run_tool (const char *tool,
          ...)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autoptr(GPtrArray) argv = NULL;
  g_auto(ShequTestResult) result = { 0 };
  va_list args;

  if (program == NULL)
    return NULL;
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, program);
  va_start (args, tool);
  for (const char *arg = va_arg (args, const char *); arg != NULL;
       arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  result = shequ_test_run_argv ((const char *const *) argv->pdata);
  g_assert_cmpint (result.status, ==, 0);
  return g_steal_pointer (&result.out);
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  guint32 *pixels;
  guint n_not_white = 0;

  g_assert_true (export_to (fixture, SHEQU_MAP_FORMAT_PNG, "map.png", &path, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 360);
  pixels = (guint32 *) cairo_image_surface_get_data (surface);
  for (int i = 0; i < 640 * 360; i++)
    if ((pixels[i] & 0xffffff) != 0xffffff)
      n_not_white++;
  cairo_surface_destroy (surface);
  /* The map is there, and not everywhere: a white page around it. */
  g_assert_cmpuint (n_not_white, >, 640 * 360 / 10);
  g_assert_cmpuint (n_not_white, <, 640 * 360 * 9 / 10);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

/* The DPI is written in the file (pHYs, pixels per metre) and scales the text. */
static void
test_png_dpi (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "print.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *identify = NULL;
  const guint8 *png;
  ShequMapExportOptions options;
  cairo_surface_t *surface;

  shequ_map_export_options_init (&options, SHEQU_MAP_FORMAT_PNG);
  options.width = 300;
  options.height = 200;
  options.dpi = 300;
  g_assert_true (shequ_map_export (fixture->renderer, &options, NULL, NULL, NULL, file, &error));
  g_assert_no_error (error);
  /* The text scale is the renderer's again after the export. */
  g_assert_cmpfloat (shequ_map_renderer_get_text_scale (fixture->renderer), ==, 1);
  bytes = shequ_test_read_bytes (path);
  png = g_bytes_get_data (bytes, NULL);
  g_assert_cmpmem (png + 37, 4, "pHYs", 4);
  /* 300 DPI = 11811 pixels per metre. */
  g_assert_cmpuint ((guint) png[41] << 24 | png[42] << 16 | png[43] << 8 | png[44], ==, 11811);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 300);
  cairo_surface_destroy (surface);
  identify = run_tool ("identify", "-units", "PixelsPerInch", "-format", "%x", path, NULL);
  if (identify != NULL)
    g_assert_cmpfloat (fabs (g_ascii_strtod (identify, NULL) - 300), <, 0.5);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (export_to (fixture, SHEQU_MAP_FORMAT_PDF, "map.pdf", &path, &error));
  g_assert_no_error (error);
  bytes = shequ_test_read_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);

  info = run_tool ("pdfinfo", path, NULL);
  fonts = run_tool ("pdffonts", path, NULL);
  if (info == NULL || fonts == NULL)
    {
      g_test_skip ("pdfinfo or pdffonts (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (info, "Pages:           1"));
  /* A4 landscape, in points. */
  g_assert_nonnull (strstr (info, "841.89 x 595.276 pts (A4)"));
  /* The names are text in an embedded font subset: the "emb" column says yes. */
  g_assert_nonnull (strstr (fonts, "CJK"));
  g_assert_nonnull (strstr (fonts, " yes "));
  g_assert_null (strstr (fonts, " no  "));
}

static void
test_pdf_a3_portrait (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "a3.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *info = NULL;
  ShequMapExportOptions options;

  shequ_map_export_options_init (&options, SHEQU_MAP_FORMAT_PDF);
  options.paper = SHEQU_MAP_PAPER_A3;
  options.landscape = FALSE;
  g_assert_true (shequ_map_export (fixture->renderer, &options, NULL, NULL, NULL, file, &error));
  g_assert_no_error (error);
  info = run_tool ("pdfinfo", path, NULL);
  if (info == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (info, "841.89 x 1190.55 pts (A3)"));
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  guint *n_elements = user_data;

  if (*n_elements == 0)
    g_assert_cmpstr (element, ==, "svg");
  (*n_elements)++;
}

static void
test_svg (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  GMarkupParser parser = { start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  gsize length;
  guint n_elements = 0;

  g_assert_true (export_to (fixture, SHEQU_MAP_FORMAT_SVG, "map.svg", &path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  /* GMarkup takes no <?xml …?> declaration's DOCTYPE-less prolog issues: skip to <svg. */
  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &n_elements, NULL);
  g_assert_true (g_markup_parse_context_parse (context, strstr (text, "<svg"), -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_elements, >, 10);
  g_assert_nonnull (strstr (text, "width=\"640\""));
}

static void
test_failure_leaves_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "map.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (missing);
  ShequMapExportOptions options;
  ShequMapFormat format;

  shequ_map_export_options_init (&options, SHEQU_MAP_FORMAT_PNG);
  g_assert_false (shequ_map_export (fixture->renderer, &options, NULL, NULL, NULL, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_clear_error (&error);

  /* An impossible size: an error, and still no file. */
  g_clear_object (&file);
  g_free (missing);
  missing = g_build_filename (fixture->dir, "huge.png", NULL);
  file = g_file_new_for_path (missing);
  options.width = 0;
  g_assert_false (shequ_map_export (fixture->renderer, &options, NULL, NULL, NULL, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_clear_error (&error);

  g_assert_false (shequ_map_format_from_filename ("地图.bmp", &format, &error));
  g_assert_nonnull (strstr (error->message, "地图.bmp"));
  g_assert_true (shequ_map_format_from_filename ("MAP.PDF", &format, NULL));
  g_assert_cmpint (format, ==, SHEQU_MAP_FORMAT_PDF);
}

static void
test_replaces_whole (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "map.png", NULL);
  g_autofree char *old = shequ_test_write_file (fixture->dir, "map.png", "old contents");
  g_autofree char *again = NULL;
  cairo_surface_t *surface;

  g_assert_true (export_to (fixture, SHEQU_MAP_FORMAT_PNG, "map.png", &again, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

typedef struct {
  guint         calls;
  ShequMapFrame frame;
} OverlayData;

static void
overlay (cairo_t             *cr,
         const ShequMapFrame *frame,
         gpointer             user_data)
{
  OverlayData *data = user_data;

  data->calls++;
  data->frame = *frame;
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_rectangle (cr, 0, 0, 10, 10);
  cairo_fill (cr);
}

static void
test_overlay_and_extent (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "ink.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const ShequMapItem *east = shequ_map_lookup_unit (fixture->map, 3);
  OverlayData seen = { 0 };
  ShequMapExportOptions options;
  cairo_surface_t *surface;
  guint32 corner;
  ShequGeoPoint centre;

  shequ_map_export_options_init (&options, SHEQU_MAP_FORMAT_PNG);
  options.width = 400;
  options.height = 400;
  g_assert_true (shequ_map_export (fixture->renderer, &options, &east->bounds, overlay, &seen,
                                   file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpfloat (seen.frame.width, ==, 400);
  /* The extent is what the frame shows, in the middle. */
  centre = shequ_map_frame_to_drawing (&seen.frame, (ShequGeoPoint) {
    (east->bounds.min_x + east->bounds.max_x) / 2, (east->bounds.min_y + east->bounds.max_y) / 2 });
  g_assert_cmpfloat (fabs (centre.x - 200), <, 1);
  g_assert_cmpfloat (fabs (centre.y - 200), <, 1);
  /* The overlay is drawn last, over the title's box. */
  surface = cairo_image_surface_create_from_png (path);
  corner = *(guint32 *) cairo_image_surface_get_data (surface);
  cairo_surface_destroy (surface);
  g_assert_cmphex (corner & 0xffffff, ==, 0xff0000);
}

/* ---- the commands ---------------------------------------------------------------- */

static void
test_cli_usage (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const cases[][10] = {
    { "render-map", "--db", "x.db", NULL },
    { "render-map", "--db", "x.db", "--out", "map.bmp", NULL },
    { "render-map", "--db", "x.db", "--out", "m.png", "--width", "5", NULL },
    { "render-map", "--db", "x.db", "--out", "m.png", "--classes", "12", NULL },
    { "render-map", "--db", "x.db", "--out", "m.pdf", "--paper", "letter", NULL },
    { "hit", "--db", "x.db", "--lon", "117.6", NULL },
    { "hit", "--db", "x.db", "--lon", "200", "--lat", "35", NULL },
    { "hit", "--db", "x.db", "--lon", "east", "--lat", "35", NULL },
    { "hit", "--db", "x.db", "--lon", "117", "--lat", "35", "--crs", "bd09", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cli = shequ_test_cli_path ();
      g_auto(ShequTestResult) result = shequ_test_run_argv ((const char *const[]) {
        cli, cases[i][0], cases[i][1], cases[i][2], cases[i][3],
        cases[i][4], cases[i][5], cases[i][6], cases[i][7], cases[i][8], cases[i][9], NULL });

      if (result.status != 2)
        g_error ("case %u: status %d, stderr %s", i, result.status, result.err);
      g_assert_true (g_str_has_prefix (result.err, "shequ-cli: "));
    }
}

/* On the sample street: without boundaries a clear error and no file; with them a PNG,
 * and a hit at a unit's label point gives that unit. */
static void
test_cli_on_sample (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "sample.db", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "street.png", NULL);
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(ShequMap) map = NULL;
  g_auto(ShequTestResult) render = { 0 };
  g_auto(ShequTestResult) hit = { 0 };

  shequ_test_make_sample_database (db, FALSE);
  store = shequ_test_open_store (db, SHEQU_DATABASE_FLAGS_READ_ONLY, NULL);
  map = shequ_map_new_for_store (store);
  render = shequ_test_run_cli ("render-map", "--db", db, "--out", out, "--width", "800",
                               "--height", "600", NULL);
  hit = shequ_test_run_cli ("hit", "--db", db, "--lon", "117.63", "--lat", "35.51", "--json",
                            NULL);

  if (shequ_map_get_n_items (map) == 0)
    {
      shequ_test_assert_cli_failure (&render, "import-boundaries");
      g_assert_cmpint (render.status, ==, 1);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      shequ_test_assert_cli_failure (&hit, "import-boundaries");
      return;
    }

  shequ_test_assert_cli_success (&render);
  {
    cairo_surface_t *surface = cairo_image_surface_create_from_png (out);

    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
    cairo_surface_destroy (surface);
  }
  {
    const ShequMapItem *item = shequ_map_get_item (map, shequ_map_get_n_items (map) - 1);
    ShequGeoPoint at = shequ_geo_mercator_inverse (item->label_point);
    ShequUnit *unit = shequ_org_store_lookup_unit (store, item->unit_id);
    g_autofree char *lon = g_strdup_printf ("%.9f", at.x);
    g_autofree char *lat = g_strdup_printf ("%.9f", at.y);
    g_auto(ShequTestResult) inner = shequ_test_run_cli ("hit", "--db", db, "--lon", lon,
                                                        "--lat", lat, NULL);
    g_auto(ShequTestResult) nowhere = shequ_test_run_cli ("hit", "--db", db, "--lon", "10",
                                                          "--lat", "10", NULL);

    shequ_test_assert_cli_success (&inner);
    g_assert_cmpstr (g_strstrip (inner.out), ==, shequ_unit_get_code (unit));
    g_assert_cmpint (nowhere.status, ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/map-export/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("png", test_png);
  ADD ("png-dpi", test_png_dpi);
  ADD ("pdf", test_pdf);
  ADD ("pdf-a3-portrait", test_pdf_a3_portrait);
  ADD ("svg", test_svg);
  ADD ("failure-leaves-nothing", test_failure_leaves_nothing);
  ADD ("replaces-whole", test_replaces_whole);
  ADD ("overlay-and-extent", test_overlay_and_extent);
  ADD ("cli/usage", test_cli_usage);
  ADD ("cli/on-sample", test_cli_on_sample);
#undef ADD

  return g_test_run ();
}
