/* shequ-cli-map.c — render-map and hit: the map drawn to a file, a point looked up */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-cli-private.h"
#include "shequ-map-export.h"
#include "shequ-map-store.h"
#include "shequ-measure.h"

/* The store (read-only) and its map, or NULL with an error: no database, or no
 * boundaries (then saying to import them first). */
static ShequMap *
open_map (ShequOrgStore **store,
          GError        **error)
{
  g_autoptr(ShequMap) map = NULL;

  *store = open_store (SHEQU_DATABASE_FLAGS_READ_ONLY | SHEQU_DATABASE_FLAGS_NO_BACKUP, error);
  if (*store == NULL)
    return NULL;
  map = shequ_map_new_for_store (*store);

  if (shequ_map_get_n_items (map) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The database has no boundaries to draw; import them first with "
                     "“shequ-cli import-boundaries”"));
      return NULL;
    }
  return g_steal_pointer (&map);
}

typedef struct {
  char     *out;
  int       width;
  int       height;
  char     *color_by;
  int       classes;
  int       depth;     /* -1: communities and villages (or the deepest the map has) */
  char     *method;
  char     *palette;
  char     *unit;
  char     *title;
  char     *paper;
  gboolean  portrait;
} RenderOptions;

static void
render_options_clear (RenderOptions *options)
{
  g_free (options->out);
  g_free (options->color_by);
  g_free (options->method);
  g_free (options->palette);
  g_free (options->unit);
  g_free (options->title);
  g_free (options->paper);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RenderOptions, render_options_clear)

/* Checks what the options parser cannot; a message for a usage error, or NULL. */
static char *
check_render_options (const RenderOptions   *options,
                      ShequMapExportOptions *export_options,
                      ShequClassMethod      *method,
                      ShequPalette          *palette,
                      GError               **error)
{
  if (options->out == NULL)
    return g_strdup (_("render-map needs --out FILE.png, FILE.pdf or FILE.svg"));
  if (!shequ_map_format_from_filename (options->out, &export_options->format, error))
    return g_strdup ((*error)->message);
  shequ_map_export_options_init (export_options, export_options->format);
  if (options->width != 0 || options->height != 0)
    {
      if (options->width < 16 || options->width > 16384
          || options->height < 16 || options->height > 16384)
        return g_strdup (_("--width and --height take 16 to 16384 pixels, both together"));
      export_options->width = options->width;
      export_options->height = options->height;
    }
  if (options->classes != 0
      && (options->classes < SHEQU_CLASS_MIN || options->classes > SHEQU_CLASS_MAX))
    return g_strdup_printf (_("--classes takes %d to %d"), SHEQU_CLASS_MIN, SHEQU_CLASS_MAX);
  if (options->depth < -1 || options->depth > 3)
    return g_strdup (_("--depth takes 0 (the street) to 3 (grids)"));
  if (options->method != NULL && !shequ_class_method_from_key (options->method, method))
    return g_strdup_printf (_("Unknown --method “%s”: use equal, quantile or jenks"),
                            options->method);
  if (options->palette != NULL && !shequ_palette_from_key (options->palette, palette))
    return g_strdup_printf (_("Unknown --palette “%s”"), options->palette);
  if (options->paper != NULL)
    {
      if (g_ascii_strcasecmp (options->paper, "a4") == 0)
        export_options->paper = SHEQU_MAP_PAPER_A4;
      else if (g_ascii_strcasecmp (options->paper, "a3") == 0)
        export_options->paper = SHEQU_MAP_PAPER_A3;
      else
        return g_strdup_printf (_("Unknown --paper “%s”: use a4 or a3"), options->paper);
    }
  export_options->landscape = !options->portrait;
  return NULL;
}

/* Colours, frames and highlights what the options ask for on RENDERER. */
static gboolean
apply_render_options (const RenderOptions  *options,
                      ShequOrgStore        *store,
                      ShequMap             *map,
                      ShequMapRenderer     *renderer,
                      ShequClassMethod      method,
                      ShequPalette          palette,
                      ShequGeoBounds       *extent,
                      gboolean             *framed,
                      GError              **error)
{
  if (options->color_by != NULL)
    {
      g_autoptr(ShequMeasure) measure = shequ_measure_new_builtin (options->color_by, map, error);
      g_autoptr(ShequMapColouring) colouring = NULL;
      /* Communities and villages by default: the units assessed and compared. */
      guint depth = MIN (options->depth < 0 ? 2u : (guint) options->depth,
                         shequ_map_get_max_depth (map));

      if (measure == NULL)
        return FALSE;
      colouring = shequ_map_colouring_new (store, map, measure, depth,
                                           method, options->classes ? options->classes : 5,
                                           palette);
      shequ_map_renderer_set_colouring (renderer, colouring);
    }
  if (options->unit != NULL)
    {
      ShequUnit *unit = shequ_org_store_lookup_code (store, options->unit);
      const ShequMapItem *item = unit != NULL
                                 ? shequ_map_lookup_unit (map, shequ_unit_get_id (unit)) : NULL;

      if (unit == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no unit with the code %s"), options->unit);
          return FALSE;
        }
      if (item == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The unit %s (%s) has no boundary to draw"), options->unit,
                       shequ_unit_get_name (unit));
          return FALSE;
        }
      *extent = item->bounds;
      *framed = TRUE;
      shequ_map_renderer_set_selected_unit (renderer, item->unit_id);
    }
  if (options->title != NULL)
    shequ_map_renderer_set_title (renderer, options->title);
  return TRUE;
}

int
command_render_map (int argc, char **argv)
{
  g_auto(RenderOptions) options = { .depth = -1 };
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &options.out, N_("The picture to write: .png, .pdf or .svg"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &options.width, N_("Width in pixels (PNG, SVG)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &options.height, N_("Height in pixels (PNG, SVG)"), N_("H") },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &options.color_by, N_("Colour the units by a measure: tier, population, households, density, compliance"), N_("MEASURE") },
    { "classes", 0, 0, G_OPTION_ARG_INT, &options.classes, N_("Number of classes, 3 to 9"), N_("N") },
    { "depth", 0, 0, G_OPTION_ARG_INT, &options.depth, N_("Which units --color-by colours: 0 the street, 1 areas, 2 communities and villages (the default), 3 grids"), N_("N") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &options.method, N_("Classing: equal, quantile or jenks"), N_("METHOD") },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &options.palette, N_("Colour palette, e.g. blues or ylorrd"), N_("KEY") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &options.unit, N_("Frame and highlight this unit"), N_("CODE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &options.title, N_("The map's title"), N_("TEXT") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &options.paper, N_("PDF paper: a4 or a3"), N_("PAPER") },
    { "portrait", 0, 0, G_OPTION_ARG_NONE, &options.portrait, N_("PDF in portrait (landscape otherwise)"), NULL },
    { NULL }
  };
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(ShequMap) map = NULL;
  g_autoptr(ShequMapRenderer) renderer = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *problem = NULL;
  ShequMapExportOptions export_options;
  ShequClassMethod method = SHEQU_CLASS_JENKS;
  ShequPalette palette = SHEQU_PALETTE_BLUES;
  ShequGeoBounds extent;
  gboolean framed = FALSE;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("render-map", NULL, N_("Draw the map to a PNG, PDF or SVG file."),
                      entries, FALSE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("render-map takes no FILE; use --out FILE"));
  problem = check_render_options (&options, &export_options, &method, &palette, &local_error);
  if (problem != NULL)
    return fail_usage (problem);

  map = open_map (&store, &error);
  if (map == NULL)
    return fail (error);
  renderer = shequ_map_renderer_new (map);
  if (!apply_render_options (&options, store, map, renderer, method, palette, &extent,
                             &framed, &error))
    return fail (error);

  file = g_file_new_for_commandline_arg (options.out);
  if (!shequ_map_export (renderer, &export_options, framed ? &extent : NULL, NULL, NULL, file,
                         &error))
    return fail (error);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------ */

static void
print_hit_json (ShequUnit *unit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_unit_identity_json (builder, unit);
  json_builder_end_object (builder);
  print_json (builder);
}

int
command_hit (int argc, char **argv)
{
  double lon = NAN, lat = NAN;
  g_autofree char *crs = NULL;
  const GOptionEntry entries[] = {
    { "lon", 0, 0, G_OPTION_ARG_DOUBLE, &lon, N_("Longitude in degrees"), N_("X") },
    { "lat", 0, 0, G_OPTION_ARG_DOUBLE, &lat, N_("Latitude in degrees"), N_("Y") },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs, N_("The point's datum: gcj02 (as the boundaries, the default) or wgs84 (GPS)"), N_("CRS") },
    { NULL }
  };
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(ShequMap) map = NULL;
  ShequGeoPoint point;
  const ShequMapItem *item;
  ShequUnit *unit;
  GError *error = NULL;
  int status = 0;

  if (!parse_options ("hit", NULL, N_("Print the code of the innermost unit at a point."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("hit takes no FILE; use --lon X --lat Y"));
  if (isnan (lon) || isnan (lat))
    return fail_usage (_("hit needs --lon X and --lat Y"));
  if (!isfinite (lon) || !isfinite (lat) || fabs (lon) > 180 || fabs (lat) > 90)
    return fail_usage (_("--lon takes -180 to 180 and --lat -90 to 90 degrees"));
  point = (ShequGeoPoint) { lon, lat };
  if (crs != NULL && g_ascii_strcasecmp (crs, "wgs84") == 0)
    point = shequ_geo_crs_convert (point, SHEQU_GEO_CRS_WGS84, SHEQU_GEO_CRS_GCJ02);
  else if (crs != NULL && g_ascii_strcasecmp (crs, "gcj02") != 0)
    return fail_usage (_("Unknown --crs: use wgs84 or gcj02"));

  map = open_map (&store, &error);
  if (map == NULL)
    return fail (error);
  item = shequ_map_hit_lonlat (map, point);
  unit = item != NULL ? shequ_org_store_lookup_unit (store, item->unit_id) : NULL;
  if (unit == NULL)
    {
      g_printerr (_("shequ-cli: no unit at %.6f, %.6f\n"), lon, lat);
      return EXIT_FAILURE;
    }
  if (opt_json)
    print_hit_json (unit);
  else
    g_print ("%s\n", shequ_unit_get_code (unit));
  return EXIT_SUCCESS;
}
