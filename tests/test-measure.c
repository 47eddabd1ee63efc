/* test-measure.c — the built-in measures: values, no data, names, formatting, errors */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"


#include "shequ-measure.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

typedef struct {
  ShequTestDir   dir;
  ShequDatabase *db;
  ShequOrgStore *store;
  ShequUnit     *street;
  ShequUnit     *area;
  ShequUnit     *community;   /* two grids with figures; compliant */
  ShequUnit     *grid1;
  ShequUnit     *grid2;
  ShequUnit     *village;     /* figures, breaks the rules */
  ShequUnit     *empty;       /* a village without figures */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  shequ_test_dir_init (&f->dir, "shequ-measure-XXXXXX", "measure.db");
  f->store = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_CREATE, &f->db);
  f->street = shequ_test_add_street (f->store);
  f->area = shequ_test_add_unit (f->store, f->street, SHEQU_TIER_AREA, "城区东片区", 0, 0);
  f->community = shequ_test_add_unit (f->store, f->area, SHEQU_TIER_COMMUNITY, "宗圣社区", 0, 0);
  f->grid1 = shequ_test_add_unit (f->store, f->community, SHEQU_TIER_GRID, "第一网格", 1800, 560);
  f->grid2 = shequ_test_add_unit (f->store, f->community, SHEQU_TIER_GRID, "第二网格", 1500, 470);
  f->village = shequ_test_add_unit (f->store, f->area, SHEQU_TIER_VILLAGE, "大南泉村", 2100, 650);
  f->empty = shequ_test_add_unit (f->store, f->area, SHEQU_TIER_VILLAGE, "小南泉村", 0, 0);
  /* The community: 3,300 residents need 5 mediators, the grids' count too. */
  shequ_test_add_posts (f->store, f->community, SHEQU_ROLE_MEDIATOR, 3);
  shequ_test_add_posts (f->store, f->grid1, SHEQU_ROLE_MEDIATOR, 2);
  shequ_test_add_posts (f->store, f->community, SHEQU_ROLE_LEGAL_ADVISER, 1);
  shequ_test_add_posts (f->store, f->village, SHEQU_ROLE_MEDIATOR, 1);
  g_assert_true (shequ_unit_get_compliant (f->community));
  g_assert_false (shequ_unit_get_compliant (f->village));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  shequ_test_dir_clear (&f->dir);
}

static ShequMeasure *
new_measure (const char *id,
             ShequMap   *map)
{
  g_autoptr(GError) error = NULL;
  ShequMeasure *measure = shequ_measure_new_builtin (id, map, &error);

  g_assert_no_error (error);
  g_assert_true (SHEQU_IS_MEASURE (measure));
  g_assert_cmpstr (shequ_measure_get_id (measure), ==, id);
  return measure;
}

static void
assert_value (ShequMeasure *measure,
              ShequUnit    *unit,
              double        expected)
{
  double value = -1;

  g_assert_true (shequ_measure_get_value (measure, unit, &value));
  g_assert_cmpfloat_with_epsilon (value, expected, 1e-9 * (1 + expected));
}

static void
assert_no_data (ShequMeasure *measure,
                ShequUnit    *unit)
{
  double value = 12345;

  g_assert_false (shequ_measure_get_value (measure, unit, &value));
  g_assert_cmpfloat (value, ==, 12345);   /* untouched */
}

static void
test_list (void)
{
  const char *const *ids = shequ_measure_list_builtin ();
  static const char *const expected[] = {
    "tier", "population", "households", "density", "compliance", NULL,
  };

  g_assert_cmpstrv (ids, expected);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(ShequMeasure) measure = new_measure (ids[i], NULL);

      g_assert_cmpstr (shequ_measure_builtin_get_name (ids[i]), ==,
                       shequ_measure_get_name (measure));
    }
  g_assert_null (shequ_measure_builtin_get_name ("evaluation"));
}

static void
test_unknown (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (shequ_measure_new_builtin ("colour", NULL, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==, "Unknown measure “colour”; choose one of: tier, "
                   "population, households, density, compliance");
  g_clear_error (&error);
  /* What a terminal passed, not UTF-8: the message stays valid text. */
  g_assert_null (shequ_measure_new_builtin ("\xff\xfe", NULL, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ShequMeasure) population = new_measure ("population", NULL);
  g_autoptr(ShequMeasure) households = new_measure ("households", NULL);

  g_assert_cmpuint (shequ_measure_get_n_categories (population), ==, 0);
  g_assert_cmpstr (shequ_measure_get_name (population), ==, "Population");
  g_assert_cmpstr (shequ_measure_get_unit_label (population), ==, "residents");
  g_assert_cmpstr (shequ_measure_get_name (households), ==, "Households");
  /* Roll-ups: a community and an area count their subtree. */
  assert_value (population, f->grid1, 1800);
  assert_value (population, f->community, 3300);
  assert_value (population, f->area, 5400);
  assert_value (households, f->community, 1030);
  assert_value (households, f->village, 650);
  /* Nothing entered anywhere in its subtree: no data, not 0. */
  assert_no_data (population, f->empty);
  assert_no_data (households, f->empty);
}

static void
test_tier_and_compliance (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ShequMeasure) tier = new_measure ("tier", NULL);
  g_autoptr(ShequMeasure) compliance = new_measure ("compliance", NULL);
  ShequColour colours[SHEQU_N_TIERS];

  g_assert_cmpuint (shequ_measure_get_n_categories (tier), ==, SHEQU_N_TIERS);
  g_assert_cmpstr (shequ_measure_get_unit_label (tier), ==, "");
  assert_value (tier, f->street, SHEQU_TIER_STREET);
  assert_value (tier, f->grid2, SHEQU_TIER_GRID);
  assert_value (tier, f->empty, SHEQU_TIER_VILLAGE);
  for (guint t = 0; t < SHEQU_N_TIERS; t++)
    {
      g_assert_cmpstr (shequ_measure_get_category_label (tier, t), ==, shequ_tier_get_label (t));
      shequ_measure_get_category_colour (tier, t, &colours[t]);
      g_assert_cmpfloat (colours[t].alpha, ==, 1);
      for (guint u = 0; u < t; u++)
        g_assert_false (colours[u].red == colours[t].red && colours[u].green == colours[t].green
                        && colours[u].blue == colours[t].blue);
    }

  g_assert_cmpuint (shequ_measure_get_n_categories (compliance), ==, 2);
  g_assert_cmpstr (shequ_measure_get_category_label (compliance, 0), ==, "Meets the rules");
  g_assert_cmpstr (shequ_measure_get_category_label (compliance, 1), ==, "Breaks a rule");
  assert_value (compliance, f->community, 0);
  assert_value (compliance, f->village, 1);
  /* A village without anyone breaks the rules too; the rules do not apply to streets,
   * areas and grids. */
  assert_value (compliance, f->empty, 1);
  assert_no_data (compliance, f->street);
  assert_no_data (compliance, f->area);
  assert_no_data (compliance, f->grid1);
}

static void
test_density (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ShequMap) map = shequ_map_new ();
  g_autoptr(ShequGeoShape) big = shequ_test_rectangle (117.60, 35.50, 0.02, 0.02);
  g_autoptr(ShequGeoShape) small = shequ_test_rectangle (117.62, 35.50, 0.01, 0.005);
  g_autoptr(ShequGeoShape) line = shequ_test_rectangle (117.63, 35.50, 0.01, 0);
  g_autoptr(ShequMeasure) density = NULL;
  g_autoptr(ShequMeasure) without_map = new_measure ("density", NULL);
  const ShequMapItem *item;
  g_autofree char *text = NULL;
  double area_km2;

  shequ_map_add_unit (map, shequ_unit_get_id (f->community), SHEQU_TIER_COMMUNITY, 2, "宗圣社区",
                      big);
  shequ_map_add_unit (map, shequ_unit_get_id (f->village), SHEQU_TIER_VILLAGE, 2, "大南泉村",
                      small);
  shequ_map_add_unit (map, shequ_unit_get_id (f->empty), SHEQU_TIER_VILLAGE, 2, "小南泉村", big);
  shequ_map_add_unit (map, shequ_unit_get_id (f->grid1), SHEQU_TIER_GRID, 3, "第一网格", line);
  shequ_map_build (map);
  density = new_measure ("density", map);
  g_assert_cmpstr (shequ_measure_get_name (density), ==, "Population density");
  g_assert_cmpstr (shequ_measure_get_unit_label (density), ==, "residents per km²");

  /* Residents per km² of the boundary's area on the ellipsoid: 0.02° × 0.02° at 35.5° N
   * is about 2.220 km × 1.812 km = 4.02 km². */
  item = shequ_map_lookup_unit (map, shequ_unit_get_id (f->community));
  area_km2 = shequ_geo_shape_area_m2 (big) / 1e6;
  g_assert_cmpfloat_with_epsilon (item->area_m2 / 1e6, area_km2, 1e-6 * area_km2);
  g_assert_cmpfloat (area_km2, >, 3.9);
  g_assert_cmpfloat (area_km2, <, 4.1);
  assert_value (density, f->community, 3300 / area_km2);
  assert_value (density, f->village, 2100 / (shequ_geo_shape_area_m2 (small) / 1e6));
  /* No figures, no boundary, a boundary without area, no map: no data. */
  assert_no_data (density, f->empty);
  assert_no_data (density, f->grid2);
  assert_no_data (density, f->grid1);
  assert_no_data (without_map, f->community);

  text = shequ_measure_format_value (density, 3300 / area_km2);
  g_assert_cmpstr (text, ==, "820 residents per km²");   /* 3,300 / 4.02 km² */
}

static void
test_format (void)
{
  static const struct {
    double      value;
    guint       decimals;
    const char *text;
  } numbers[] = {
    { 0, 0, "0" }, { 999, 0, "999" }, { 1000, 0, "1,000" }, { 1234567, 0, "1,234,567" },
    { 1234.5678, 2, "1,234.57" }, { 999.96, 1, "1,000.0" }, { -2500.4, 0, "-2,500" },
    { -0.4, 0, "0" }, { 0.125, 1, "0.1" }, { 1e300, 0, "1e+300" },
  };
  g_autoptr(ShequMeasure) population = new_measure ("population", NULL);
  g_autoptr(ShequMeasure) households = new_measure ("households", NULL);
  g_autoptr(ShequMeasure) compliance = new_measure ("compliance", NULL);
  g_autoptr(ShequMeasure) tier = new_measure ("tier", NULL);
  g_autofree char *one = NULL, *many = NULL, *homes = NULL, *broken = NULL, *grid = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *text = shequ_measure_format_number (numbers[i].value, numbers[i].decimals);

      g_assert_cmpstr (text, ==, numbers[i].text);
    }
  g_assert_cmpuint (shequ_measure_guess_decimals (3215), ==, 0);
  g_assert_cmpuint (shequ_measure_guess_decimals (824.7), ==, 0);
  g_assert_cmpuint (shequ_measure_guess_decimals (82.47), ==, 1);
  g_assert_cmpuint (shequ_measure_guess_decimals (8.247), ==, 2);

  one = shequ_measure_format_value (population, 1);
  many = shequ_measure_format_value (population, 3215);
  homes = shequ_measure_format_value (households, 1030);
  broken = shequ_measure_format_value (compliance, 1);
  grid = shequ_measure_format_value (tier, SHEQU_TIER_GRID);
  {
    g_autofree char *beyond = shequ_measure_format_value (compliance, 1e30);

    g_assert_cmpstr (beyond, ==, "Breaks a rule");   /* clamped to the last category */
  }
  g_assert_cmpstr (one, ==, "1 resident");
  g_assert_cmpstr (many, ==, "3,215 residents");
  g_assert_cmpstr (homes, ==, "1,030 households");
  g_assert_cmpstr (broken, ==, "Breaks a rule");
  g_assert_cmpstr (grid, ==, "Grid");
}

/* The names, units and tooltips in Chinese. Runs last: it leaves the locale Chinese. */
static void
test_translated (void)
{
  g_autoptr(ShequMeasure) population = NULL;
  g_autoptr(ShequMeasure) density = NULL;
  g_autoptr(ShequMeasure) compliance = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *dense = NULL;

  if (!shequ_test_use_chinese ())
    return;

  population = new_measure ("population", NULL);
  density = new_measure ("density", NULL);
  compliance = new_measure ("compliance", NULL);
  g_assert_cmpstr (shequ_measure_get_name (population), ==, "人口");
  g_assert_cmpstr (shequ_measure_get_name (density), ==, "人口密度");
  g_assert_cmpstr (shequ_measure_get_unit_label (density), ==, "人/平方公里");
  g_assert_cmpstr (shequ_measure_get_name (compliance), ==, "合规情况");
  g_assert_cmpstr (shequ_measure_builtin_get_name ("households"), ==, "户数");
  text = shequ_measure_format_value (population, 3215);
  g_assert_cmpstr (text, ==, "3,215 人");
  dense = shequ_measure_format_value (density, 12345.6);
  g_assert_cmpstr (dense, ==, "12,346 人/平方公里");
  g_assert_null (shequ_measure_new_builtin ("颜色", NULL, &error));
  g_assert_cmpstr (error->message, ==, "未知的着色指标“颜色”；可选：tier, population, households, "
                   "density, compliance");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/measure/list", test_list);
  g_test_add_func ("/measure/unknown", test_unknown);
  g_test_add ("/measure/figures", Fixture, NULL, fixture_set_up, test_figures,
              fixture_tear_down);
  g_test_add ("/measure/tier-and-compliance", Fixture, NULL, fixture_set_up,
              test_tier_and_compliance, fixture_tear_down);
  g_test_add ("/measure/density", Fixture, NULL, fixture_set_up, test_density,
              fixture_tear_down);
  g_test_add_func ("/measure/format", test_format);
  g_test_add_func ("/measure/translated", test_translated);

  return g_test_run ();
}
