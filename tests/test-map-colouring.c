/* test-map-colouring.c — a small map coloured by each measure: fills, legend, no data */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-map-colouring.h"
#include "shequ-map-renderer.h"
#include "shequ-sample.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

#define N_GRIDS 6

/* 平邑街道 ─ 城区东片区 ─ 宗圣社区 ─ six grids (3 × 2, 0.01° each; the last without
 *         │                                   figures)
 *         └ 浚河片区 ─ 大南泉村 (0.01° × 0.01°), 铜石社区 (no figures, no people)
 * Each unit has a rectangle on the map; the 宗圣社区 is 0.03° × 0.02°. */
static const gint64 grid_population[N_GRIDS] = { 100, 150, 400, 450, 900, 0 };

typedef struct {
  ShequTestDir   dir;
  ShequDatabase *db;
  ShequOrgStore *store;
  ShequMap      *map;
  ShequUnit     *street;
  ShequUnit     *areas[2];
  ShequUnit     *community;
  ShequUnit     *grids[N_GRIDS];
  ShequUnit     *village;
  ShequUnit     *empty;
} Fixture;

static void
add_to_map (Fixture   *f,
            ShequUnit *unit,
            double     lon,
            double     lat,
            double     width,
            double     height)
{
  g_autoptr(ShequGeoShape) shape = shequ_test_rectangle (lon, lat, width, height);

  shequ_map_add_unit (f->map, shequ_unit_get_id (unit), shequ_unit_get_tier (unit),
                      shequ_unit_get_depth (unit), shequ_unit_get_name (unit), shape);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ShequOrgStore *store;

  shequ_test_dir_init (&f->dir, "shequ-colouring-XXXXXX", "colouring.db");
  store = f->store = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_CREATE, &f->db);
  f->street = shequ_test_add_street (store);
  f->areas[0] = shequ_test_add_unit (store, f->street, SHEQU_TIER_AREA, "城区东片区", 0, 0);
  f->areas[1] = shequ_test_add_unit (store, f->street, SHEQU_TIER_AREA, "浚河片区", 0, 0);
  f->community = shequ_test_add_unit (store, f->areas[0], SHEQU_TIER_COMMUNITY, "宗圣社区", 0, 0);
  for (guint i = 0; i < N_GRIDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%u网格", i + 1);

      f->grids[i] = shequ_test_add_unit (store, f->community, SHEQU_TIER_GRID, name,
                                         grid_population[i], grid_population[i] / 3);
    }
  f->village = shequ_test_add_unit (store, f->areas[1], SHEQU_TIER_VILLAGE, "大南泉村", 2100, 650);
  f->empty = shequ_test_add_unit (store, f->areas[1], SHEQU_TIER_COMMUNITY, "铜石社区", 0, 0);
  /* 2,000 residents: 3 mediators and a legal adviser meet the rules. */
  shequ_test_add_posts (store, f->community, SHEQU_ROLE_MEDIATOR, 3);
  shequ_test_add_posts (store, f->community, SHEQU_ROLE_LEGAL_ADVISER, 1);

  f->map = shequ_map_new ();
  add_to_map (f, f->street, 117.60, 35.50, 0.05, 0.02);
  add_to_map (f, f->areas[0], 117.60, 35.50, 0.03, 0.02);
  add_to_map (f, f->areas[1], 117.63, 35.50, 0.02, 0.02);
  add_to_map (f, f->community, 117.60, 35.50, 0.03, 0.02);
  for (guint i = 0; i < N_GRIDS; i++)
    add_to_map (f, f->grids[i], 117.60 + 0.01 * (i % 3), 35.50 + 0.01 * (i / 3), 0.01, 0.01);
  add_to_map (f, f->village, 117.63, 35.50, 0.01, 0.01);
  add_to_map (f, f->empty, 117.64, 35.50, 0.01, 0.02);
  shequ_map_build (f->map);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->map);
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  shequ_test_dir_clear (&f->dir);
}

static ShequMapColouring *
colour_by (Fixture          *f,
           const char       *id,
           guint             depth,
           ShequClassMethod  method,
           guint             n_classes,
           ShequPalette      palette)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequMeasure) measure = shequ_measure_new_builtin (id, f->map, &error);

  g_assert_no_error (error);
  return shequ_map_colouring_new (f->store, f->map, measure, depth, method, n_classes, palette);
}

static guint32
to_rgb (const ShequColour *colour)
{
  return (guint32) lround (colour->red * 255) << 16 | (guint32) lround (colour->green * 255) << 8
         | (guint32) lround (colour->blue * 255);
}

static guint32
fill_of (ShequMapColouring *colouring,
         ShequUnit         *unit)
{
  ShequColour colour;

  g_assert_true (shequ_map_colouring_get_fill (colouring, shequ_unit_get_id (unit), &colour));
  g_assert_cmpfloat (colour.alpha, ==, 1);
  return to_rgb (&colour);
}

static guint32
no_data_rgb (void)
{
  ShequColour grey;

  shequ_colour_get_no_data (&grey);
  return to_rgb (&grey);
}

/* The legend's labels and counts, "label=count|…", to compare in one go. */
static char *
describe_legend (ShequMapColouring *colouring)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < shequ_map_colouring_get_n_legend_entries (colouring); i++)
    {
      const ShequLegendEntry *entry = shequ_map_colouring_get_legend_entry (colouring, i);

      g_string_append_printf (out, "%s%s=%u", i > 0 ? "|" : "", entry->label, entry->n_units);
    }
  return g_string_free (out, FALSE);
}

static void
assert_grid_fills (Fixture           *f,
                   ShequMapColouring *colouring,
                   const guint32     *expected)
{
  for (guint i = 0; i < N_GRIDS; i++)
    g_assert_cmphex (fill_of (colouring, f->grids[i]), ==, expected[i]);
}

static void
test_population_equal (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ShequMapColouring) colouring = colour_by (f, "population", 3, SHEQU_CLASS_EQUAL, 3,
                                                      SHEQU_PALETTE_BLUES);
  /* 100 … 900 in thirds: 100–367, 367–633, 633–900; the sixth grid has no figures. */
  const guint32 expected[N_GRIDS] = {
    0xdeebf7, 0xdeebf7, 0x9ecae1, 0x9ecae1, 0x3182bd, no_data_rgb (),
  };
  g_autofree char *legend = describe_legend (colouring);
  g_autofree char *one = NULL, *none = NULL;
  const ShequLegendEntry *entry;
  ShequColour colour;

  g_assert_cmpuint (shequ_map_colouring_get_depth (colouring), ==, 3);
  g_assert_cmpstr (shequ_map_colouring_get_title (colouring), ==, "Population (residents)");
  assert_grid_fills (f, colouring, expected);
  g_assert_cmpstr (legend, ==, "100 – 367=2|367 – 633=2|633 – 900=1|No data=1");
  entry = shequ_map_colouring_get_legend_entry (colouring, 2);
  g_assert_cmpfloat_with_epsilon (entry->colour.blue, 0xbd / 255.0, 1e-9);
  /* Only the grids are coloured. */
  g_assert_false (shequ_map_colouring_get_fill (colouring, shequ_unit_get_id (f->community),
                                                &colour));
  g_assert_false (shequ_map_colouring_get_fill (colouring, 987654, &colour));
  g_assert_null (shequ_map_colouring_format_value (colouring, shequ_unit_get_id (f->village)));
  one = shequ_map_colouring_format_value (colouring, shequ_unit_get_id (f->grids[4]));
  none = shequ_map_colouring_format_value (colouring, shequ_unit_get_id (f->grids[5]));
  g_assert_cmpstr (one, ==, "900 residents");
  g_assert_cmpstr (none, ==, "No data");
}

static void
test_population_quantile_jenks (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(ShequMapColouring) quantile = colour_by (f, "population", 3, SHEQU_CLASS_QUANTILE,
                                                     3, SHEQU_PALETTE_REDS);
  g_autoptr(ShequMapColouring) jenks = colour_by (f, "population", 3, SHEQU_CLASS_JENKS, 3,
                                                  SHEQU_PALETTE_REDS);
  /* Five values in three classes: 2, 1, 2 by count; by natural breaks {100, 150},
   * {400, 450}, {900}. Classes found in the data are labelled by their least and
   * greatest values. */
  const guint32 by_quantile[N_GRIDS] = {
    0xfee0d2, 0xfee0d2, 0xfc9272, 0xde2d26, 0xde2d26, no_data_rgb (),
  };
  const guint32 by_jenks[N_GRIDS] = {
    0xfee0d2, 0xfee0d2, 0xfc9272, 0xfc9272, 0xde2d26, no_data_rgb (),
  };
  g_autofree char *quantile_legend = describe_legend (quantile);
  g_autofree char *jenks_legend = describe_legend (jenks);

  assert_grid_fills (f, quantile, by_quantile);
  assert_grid_fills (f, jenks, by_jenks);
  g_assert_cmpstr (quantile_legend, ==, "100 – 150=2|400=1|450 – 900=2|No data=1");
  g_assert_cmpstr (jenks_legend, ==, "100 – 150=2|400 – 450=2|900=1|No data=1");
}

static void
test_density (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ShequMapColouring) colouring = colour_by (f, "density", 2, SHEQU_CLASS_JENKS, 5,
                                                      SHEQU_PALETTE_YELLOW_ORANGE_RED);
  g_autoptr(ShequGeoShape) community = shequ_test_rectangle (117.60, 35.50, 0.03, 0.02);
  g_autoptr(ShequGeoShape) village = shequ_test_rectangle (117.63, 35.50, 0.01, 0.01);
  /* From the boundaries' areas on the ellipsoid: about 6.04 km² and 1.01 km². */
  double community_density = 2000 / (shequ_geo_shape_area_m2 (community) / 1e6);
  double village_density = 2100 / (shequ_geo_shape_area_m2 (village) / 1e6);
  g_autofree char *legend = describe_legend (colouring);
  g_autofree char *text = shequ_map_colouring_format_value (colouring,
                                                            shequ_unit_get_id (f->community));
  g_autofree char *village_text = shequ_map_colouring_format_value (colouring,
                                                                    shequ_unit_get_id (f->village));

  g_assert_cmpfloat (community_density, >, 330.5);
  g_assert_cmpfloat (community_density, <, 331.5);
  g_assert_cmpfloat (village_density, >, 2085.5);
  g_assert_cmpfloat (village_density, <, 2086.5);
  g_assert_cmpstr (shequ_map_colouring_get_title (colouring), ==,
                   "Population density (residents per km²)");
  /* Two values, two classes: the light and the dark end of the 3-class scheme. */
  g_assert_cmphex (fill_of (colouring, f->community), ==, 0xffeda0);
  g_assert_cmphex (fill_of (colouring, f->village), ==, 0xf03b20);
  g_assert_cmphex (fill_of (colouring, f->empty), ==, no_data_rgb ());
  /* A density is no count: from 1,000 up the legend keeps 3 significant digits. */
  g_assert_cmpstr (legend, ==, "331=1|2,090=1|No data=1");
  g_assert_cmpstr (text, ==, "331 residents per km²");
  g_assert_cmpstr (village_text, ==, "2,086 residents per km²");
}

static void
test_compliance (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShequMapColouring) communities = colour_by (f, "compliance", 2, SHEQU_CLASS_JENKS,
                                                        5, SHEQU_PALETTE_BLUES);
  g_autoptr(ShequMapColouring) grids = colour_by (f, "compliance", 3, SHEQU_CLASS_JENKS, 5,
                                                  SHEQU_PALETTE_BLUES);
  g_autofree char *legend = describe_legend (communities);
  g_autofree char *grid_legend = describe_legend (grids);
  g_autofree char *text = shequ_map_colouring_format_value (communities,
                                                            shequ_unit_get_id (f->village));
  const ShequLegendEntry *entry = shequ_map_colouring_get_legend_entry (communities, 1);

  g_assert_cmpstr (shequ_map_colouring_get_title (communities), ==, "Compliance");
  /* The village and the community without people break the rules (no mediators). */
  g_assert_cmpstr (legend, ==, "Meets the rules=1|Breaks a rule=2");
  g_assert_cmphex (fill_of (communities, f->community), ==, 0x66c2a5);
  g_assert_cmphex (fill_of (communities, f->village), ==, 0xfc8d62);
  g_assert_cmphex (fill_of (communities, f->empty), ==, 0xfc8d62);
  g_assert_cmpfloat_with_epsilon (entry->colour.red, 0xfc / 255.0, 1e-9);
  g_assert_cmpstr (text, ==, "Breaks a rule");
  /* The rules do not apply to grids. */
  g_assert_cmpstr (grid_legend, ==, "No data=6");
  g_assert_cmphex (fill_of (grids, f->grids[0]), ==, no_data_rgb ());
}

static void
test_tiers (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ShequMapColouring) tiers = shequ_map_colouring_new_tiers (f->map);
  g_autoptr(ShequMapColouring) by_measure = colour_by (f, "tier", 3, SHEQU_CLASS_EQUAL, 3,
                                                       SHEQU_PALETTE_BLUES);
  g_autofree char *legend = describe_legend (tiers);
  g_autofree char *grid_legend = describe_legend (by_measure);
  g_autofree char *text = shequ_map_colouring_format_value (tiers, shequ_unit_get_id (f->village));
  ShequMeasure *tier = shequ_map_colouring_get_measure (tiers);
  ShequColour colour;

  g_assert_cmpuint (shequ_map_colouring_get_depth (tiers), ==, G_MAXUINT);
  g_assert_cmpstr (shequ_map_colouring_get_title (tiers), ==, "Tier");
  g_assert_cmpstr (shequ_measure_get_id (tier), ==, "tier");
  /* The street and the areas are covered by their children: their fills never show, so
   * the legend leaves them out. The community without grids shows. */
  g_assert_cmpstr (legend, ==, "Community=2|Village=1|Grid=6");
  g_assert_cmpstr (grid_legend, ==, "Grid=6");
  g_assert_cmpstr (text, ==, "Village");
  /* Every depth, each by its tier's colour, the same as the tier measure gives. */
  shequ_measure_get_category_colour (tier, SHEQU_TIER_STREET, &colour);
  g_assert_cmphex (fill_of (tiers, f->street), ==, to_rgb (&colour));
  g_assert_cmphex (fill_of (tiers, f->grids[2]), ==, fill_of (by_measure, f->grids[2]));
  g_assert_cmphex (fill_of (tiers, f->village), !=, fill_of (tiers, f->community));
  g_assert_false (shequ_map_colouring_get_fill (tiers, 987654, &colour));
}

/* The evaluation's bands as the other issue will add them: a categorical measure outside
 * the core, written against the interface alone. */
#define TEST_TYPE_BANDS (test_bands_get_type ())
G_DECLARE_FINAL_TYPE (TestBands, test_bands, TEST, BANDS, GObject)

struct _TestBands
{
  GObject parent_instance;
};

static const char *bands_get_id (ShequMeasure *m) { return "evaluation"; }
static const char *bands_get_name (ShequMeasure *m) { return "Evaluation"; }
static guint bands_get_n_categories (ShequMeasure *m) { return 3; }

static gboolean
bands_get_value (ShequMeasure *measure,
                 ShequUnit    *unit,
                 double       *value)
{
  gint64 population = shequ_unit_get_total_population (unit);

  if (population == 0)
    return FALSE;
  *value = population < 300 ? 0 : population < 800 ? 1 : 2;
  return TRUE;
}

static const char *
bands_get_category_label (ShequMeasure *measure,
                          guint         category)
{
  static const char *const labels[] = { "Green", "Orange", "Red" };

  return labels[category];
}

static void
bands_get_category_colour (ShequMeasure *measure,
                           guint         category,
                           ShequColour  *colour)
{
  static const guint32 colours[] = { 0x1a9850, 0xfdae61, 0xd73027 };

  shequ_colour_init_rgb (colour, colours[category]);
}

static void
test_bands_iface_init (ShequMeasureInterface *iface)
{
  iface->get_id = bands_get_id;
  iface->get_name = bands_get_name;
  iface->get_value = bands_get_value;
  iface->get_n_categories = bands_get_n_categories;
  iface->get_category_label = bands_get_category_label;
  iface->get_category_colour = bands_get_category_colour;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestBands, test_bands, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHEQU_TYPE_MEASURE, test_bands_iface_init))

static void test_bands_class_init (TestBandsClass *klass) { }
static void test_bands_init (TestBands *self) { }

static void
test_other_categorical (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ShequMeasure) bands = g_object_new (TEST_TYPE_BANDS, NULL);
  g_autoptr(ShequMapColouring) colouring = shequ_map_colouring_new (f->store, f->map, bands, 3,
                                                                    SHEQU_CLASS_JENKS, 5,
                                                                    SHEQU_PALETTE_BLUES);
  const guint32 expected[N_GRIDS] = {
    0x1a9850, 0x1a9850, 0xfdae61, 0xfdae61, 0xd73027, no_data_rgb (),
  };
  g_autofree char *legend = describe_legend (colouring);
  g_autofree char *text = shequ_map_colouring_format_value (colouring,
                                                            shequ_unit_get_id (f->grids[3]));

  g_assert_cmpstr (shequ_map_colouring_get_title (colouring), ==, "Evaluation");
  assert_grid_fills (f, colouring, expected);
  g_assert_cmpstr (legend, ==, "Green=2|Orange=2|Red=1|No data=1");
  g_assert_cmpstr (text, ==, "Orange");
}

/* A numeric measure outside the core, with values close together: 1,235.1 … 1,243.1. */
#define TEST_TYPE_CLOSE (test_close_get_type ())
G_DECLARE_FINAL_TYPE (TestClose, test_close, TEST, CLOSE, GObject)

struct _TestClose
{
  GObject parent_instance;
};

static const char *close_get_id (ShequMeasure *m) { return "close"; }
static const char *close_get_name (ShequMeasure *m) { return "Close"; }

static gboolean
close_get_value (ShequMeasure *measure,
                 ShequUnit    *unit,
                 double       *value)
{
  gint64 population = shequ_unit_get_total_population (unit);

  if (population == 0)
    return FALSE;
  *value = 1234.1 + population / 100.0;
  return TRUE;
}

static void
test_close_iface_init (ShequMeasureInterface *iface)
{
  iface->get_id = close_get_id;
  iface->get_name = close_get_name;
  iface->get_value = close_get_value;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestClose, test_close, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHEQU_TYPE_MEASURE, test_close_iface_init))

static void test_close_class_init (TestCloseClass *klass) { }
static void test_close_init (TestClose *self) { }

static void
test_label_rounding (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ShequMeasure) close = g_object_new (TEST_TYPE_CLOSE, NULL);
  g_autoptr(ShequMapColouring) colouring = shequ_map_colouring_new (f->store, f->map, close, 3,
                                                                    SHEQU_CLASS_JENKS, 3,
                                                                    SHEQU_PALETTE_GREENS);
  g_autofree char *legend = describe_legend (colouring);
  g_autofree char *text = shequ_map_colouring_format_value (colouring,
                                                            shequ_unit_get_id (f->grids[0]));

  /* 3 significant digits would read 1,240 – 1,240: the legend keeps 4. No unit label:
   * the title is the name alone, the tooltip the number alone. */
  g_assert_cmpstr (legend, ==, "1,235 – 1,236=2|1,238 – 1,239=2|1,243=1|No data=1");
  g_assert_cmpstr (shequ_map_colouring_get_title (colouring), ==, "Close");
  g_assert_cmpstr (text, ==, "1,235");
}

static void
test_nothing_to_colour (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ShequMapColouring) deep = colour_by (f, "population", 7, SHEQU_CLASS_EQUAL, 3,
                                                 SHEQU_PALETTE_BLUES);
  g_autoptr(ShequMapColouring) areas = colour_by (f, "population", 1, SHEQU_CLASS_QUANTILE, 4,
                                                  SHEQU_PALETTE_GREENS);
  g_autofree char *legend = describe_legend (areas);
  ShequColour colour;

  g_autoptr(ShequMap) stale = shequ_map_new ();
  g_autoptr(ShequGeoShape) square = shequ_test_rectangle (117.60, 35.50, 0.01, 0.01);
  g_autoptr(ShequMapColouring) gone = NULL;
  g_autofree char *gone_legend = NULL;

  /* A boundary whose unit the store no longer has: no data. */
  shequ_map_add_unit (stale, 987654, SHEQU_TIER_GRID, 3, "已删除网格", square);
  shequ_map_add_unit (stale, shequ_unit_get_id (f->grids[0]), SHEQU_TIER_GRID, 3, "第1网格",
                      square);
  shequ_map_build (stale);
  gone = shequ_map_colouring_new (f->store, stale, shequ_map_colouring_get_measure (areas), 3,
                                  SHEQU_CLASS_JENKS, 3, SHEQU_PALETTE_GREENS);
  gone_legend = describe_legend (gone);
  g_assert_cmpstr (gone_legend, ==, "100=1|No data=1");
  g_assert_cmphex (fill_of (gone, f->grids[0]), ==, 0xa1d99b);
  g_assert_true (shequ_map_colouring_get_fill (gone, 987654, &colour));
  g_assert_cmphex (to_rgb (&colour), ==, no_data_rgb ());

  g_assert_cmpuint (shequ_map_colouring_get_n_legend_entries (deep), ==, 0);
  g_assert_false (shequ_map_colouring_get_fill (deep, shequ_unit_get_id (f->grids[0]), &colour));
  /* Two areas, 2,000 and 2,100 residents: two classes. */
  g_assert_cmpstr (legend, ==, "2,000=1|2,100=1");
}

typedef struct {
  ShequMapColouring *colouring;
  const gint64      *ids;
  const guint32     *fills;
  guint              n;
} Reader;

static gpointer
read_fills (gpointer data)
{
  Reader *reader = data;

  for (guint round = 0; round < 2000; round++)
    for (guint i = 0; i < reader->n; i++)
      {
        ShequColour colour;
        g_autofree char *text = NULL;

        g_assert_true (shequ_map_colouring_get_fill (reader->colouring, reader->ids[i], &colour));
        g_assert_cmphex (to_rgb (&colour), ==, reader->fills[i]);
        text = shequ_map_colouring_format_value (reader->colouring, reader->ids[i]);
        g_assert_nonnull (text);
      }
  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ShequMapColouring) colouring = colour_by (f, "population", 3, SHEQU_CLASS_JENKS, 3,
                                                      SHEQU_PALETTE_PURPLES);
  gint64 ids[N_GRIDS];
  guint32 fills[N_GRIDS];
  Reader reader = { colouring, ids, fills, N_GRIDS };
  GThread *threads[4];

  for (guint i = 0; i < N_GRIDS; i++)
    {
      ids[i] = shequ_unit_get_id (f->grids[i]);
      fills[i] = fill_of (colouring, f->grids[i]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("reader", read_fills, &reader);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
}

/* The renderer fills each grid with the colouring's colour. */
static void
test_renderer (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ShequMapColouring) colouring = colour_by (f, "population", 3, SHEQU_CLASS_EQUAL, 3,
                                                      SHEQU_PALETTE_BLUES);
  g_autoptr(ShequMapRenderer) renderer = shequ_map_renderer_new (f->map);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 500, 200);
  cairo_t *cr = cairo_create (surface);
  ShequGeoBounds bounds;
  ShequMapFrame frame;

  shequ_map_renderer_set_colouring (renderer, colouring);
  g_assert_true (shequ_map_get_bounds (f->map, &bounds));
  shequ_map_frame_init_fit (&frame, &bounds, 500, 200, 0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  shequ_map_renderer_draw (renderer, cr, &frame, SHEQU_MAP_DRAW_FILLS);
  cairo_surface_flush (surface);
  for (guint i = 0; i < N_GRIDS; i++)
    {
      /* A quarter of the way into the grid, clear of edges and labels. */
      ShequGeoPoint lonlat = { 117.6025 + 0.01 * (i % 3), 35.5025 + 0.01 * (i / 3) };
      ShequGeoPoint at = shequ_map_frame_to_drawing (&frame, shequ_geo_mercator_forward (lonlat));
      int stride = cairo_image_surface_get_stride (surface);
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface)
                                              + (int) at.y * stride);

      g_assert_cmphex (row[(int) at.x] & 0xffffff, ==, fill_of (colouring, f->grids[i]));
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* How long colouring a street of about 10,000 units takes (a figure, not a limit). */
static void
test_speed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) store = NULL;
  g_autoptr(ShequMap) map = shequ_map_new ();
  ShequTestDir dir;
  g_autoptr(ShequMeasure) density = NULL;
  GPtrArray *units;
  guint max_depth = 0, n_deepest = 0;

  shequ_test_dir_init (&dir, "shequ-colouring-XXXXXX", "speed.db");
  store = shequ_test_open_store (dir.db, SHEQU_DATABASE_FLAGS_CREATE, &db);
  g_assert_true (shequ_sample_populate_synthetic (store, 10000, &error));
  g_assert_no_error (error);
  units = shequ_org_store_get_units (store);
  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i);
      guint depth = shequ_unit_get_depth (unit);
      /* Every unit a small square of its own; sizes vary so that densities do. */
      g_autoptr(ShequGeoShape) shape = shequ_test_rectangle (117.5 + 0.002 * (i % 100),
                                                             35.4 + 0.002 * (i / 100),
                                                             0.0005 + 0.00001 * (i % 97),
                                                             0.0015);

      shequ_map_add_unit (map, shequ_unit_get_id (unit), shequ_unit_get_tier (unit), depth,
                          shequ_unit_get_name (unit), shape);
      max_depth = MAX (max_depth, depth);
    }
  shequ_map_build (map);
  for (guint i = 0; i < shequ_map_get_n_items (map); i++)
    n_deepest += shequ_map_get_item (map, i)->depth == max_depth;
  density = shequ_measure_new_builtin ("density", map, &error);
  g_assert_no_error (error);
  for (ShequClassMethod method = SHEQU_CLASS_EQUAL; method <= SHEQU_CLASS_JENKS; method++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(ShequMapColouring) colouring = shequ_map_colouring_new (store, map, density,
                                                                        max_depth, method, 9,
                                                                        SHEQU_PALETTE_BLUES);
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      g_autofree char *legend = describe_legend (colouring);

      g_assert_cmpuint (shequ_map_colouring_get_n_legend_entries (colouring), >=, 9);
      g_test_message ("%s, 9 classes, %u of %u units: %.1f ms; legend %s",
                      shequ_class_method_to_key (method), n_deepest, units->len, ms, legend);
    }
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(ShequMapColouring) tiers = shequ_map_colouring_new_tiers (map);

    g_test_message ("tier colouring of %u units: %.3f ms", shequ_map_get_n_items (map),
                    (g_get_monotonic_time () - start) / 1000.0);
  }
  g_clear_object (&store);
  g_clear_object (&db);
  shequ_test_dir_clear (&dir);
}

/* The legend in Chinese. Runs last: it leaves the locale Chinese. */
static void
test_translated (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShequMapColouring) density = NULL;
  g_autoptr(ShequMapColouring) population = NULL;
  g_autofree char *legend = NULL, *text = NULL;

  if (!shequ_test_use_chinese ())
    return;

  density = colour_by (f, "density", 2, SHEQU_CLASS_JENKS, 5, SHEQU_PALETTE_BLUES);
  population = colour_by (f, "population", 3, SHEQU_CLASS_EQUAL, 3, SHEQU_PALETTE_BLUES);
  g_assert_cmpstr (shequ_map_colouring_get_title (density), ==, "人口密度（人/平方公里）");
  legend = describe_legend (population);
  g_assert_cmpstr (legend, ==, "100 – 367=2|367 – 633=2|633 – 900=1|无数据=1");
  text = shequ_map_colouring_format_value (population, shequ_unit_get_id (f->grids[2]));
  g_assert_cmpstr (text, ==, "400 人");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/map-colouring/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("population-equal", test_population_equal);
  ADD ("population-quantile-jenks", test_population_quantile_jenks);
  ADD ("density", test_density);
  ADD ("compliance", test_compliance);
  ADD ("tiers", test_tiers);
  ADD ("other-categorical", test_other_categorical);
  ADD ("label-rounding", test_label_rounding);
  ADD ("nothing-to-colour", test_nothing_to_colour);
  ADD ("threads", test_threads);
  ADD ("renderer", test_renderer);
  g_test_add_func ("/map-colouring/speed", test_speed);
  ADD ("translated", test_translated);
#undef ADD

  return g_test_run ();
}
