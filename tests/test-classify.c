/* test-classify.c — classing (equal interval, quantile, Jenks) and the palettes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-classify.h"

static void
assert_breaks (const double *breaks,
               const double *expected,
               guint         n)
{
  for (guint i = 0; i <= n; i++)
    g_assert_cmpfloat_with_epsilon (breaks[i], expected[i], 1e-9);
}

static void
test_equal (void)
{
  const double values[] = { 100, 0, 10, 25, 50, 75, 99 };
  const double expected[] = { 0, 25, 50, 75, 100 };
  double breaks[SHEQU_CLASS_MAX + 1];

  g_assert_cmpuint (shequ_classify (values, G_N_ELEMENTS (values), SHEQU_CLASS_EQUAL, 4,
                                    breaks), ==, 4);
  assert_breaks (breaks, expected, 4);
  g_assert_cmpuint (shequ_classify_find (breaks, 4, 10), ==, 0);
  g_assert_cmpuint (shequ_classify_find (breaks, 4, 25), ==, 1);
  g_assert_cmpuint (shequ_classify_find (breaks, 4, 74.999), ==, 2);
  g_assert_cmpuint (shequ_classify_find (breaks, 4, 75), ==, 3);
  g_assert_cmpuint (shequ_classify_find (breaks, 4, 100), ==, 3);
  /* Clamped to the first and the last class. */
  g_assert_cmpuint (shequ_classify_find (breaks, 4, -5), ==, 0);
  g_assert_cmpuint (shequ_classify_find (breaks, 4, 1e9), ==, 3);

  {
    const double three[] = { 1, 2, 3, 4, 5, 6, 7 };
    const double by_three[] = { 1, 3, 5, 7 };

    g_assert_cmpuint (shequ_classify (three, 7, SHEQU_CLASS_EQUAL, 3, breaks), ==, 3);
    assert_breaks (breaks, by_three, 3);
  }
}

static void
test_quantile (void)
{
  const double values[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
  const double expected[] = { 1, 3, 5, 7, 9, 10 };
  /* Six ones cannot be split: the first cut moves to where the value changes, and the
   * second takes the next change, so three classes remain: {1 ×6}, {2}, {3, 4}. */
  const double ties[] = { 1, 1, 1, 1, 1, 1, 2, 3, 4 };
  const double tie_breaks[] = { 1, 2, 3, 4 };
  double breaks[SHEQU_CLASS_MAX + 1];

  g_assert_cmpuint (shequ_classify (values, 10, SHEQU_CLASS_QUANTILE, 5, breaks), ==, 5);
  assert_breaks (breaks, expected, 5);
  for (guint c = 0; c < 5; c++)
    {
      guint count = 0;

      for (guint i = 0; i < 10; i++)
        count += shequ_classify_find (breaks, 5, values[i]) == c;
      g_assert_cmpuint (count, ==, 2);
    }

  g_assert_cmpuint (shequ_classify (ties, 9, SHEQU_CLASS_QUANTILE, 3, breaks), ==, 3);
  assert_breaks (breaks, tie_breaks, 3);
}

/* PySAL mapclassify's example (mapclassify.load_example (): employment density, jobs per
 * km², of California's 58 counties, calempdensity.csv), whose FisherJenks docstring
 * gives for k = 5 the upper bounds [75.29, 192.05, 370.5, 722.85, 4111.45] and the counts
 * [49, 3, 4, 1, 1]. Our breaks are each class's least value. */
static const double calemp[] = {
  329.92, 0.42, 5.9, 14.03, 2.78, 1.34, 181.27, 1.65, 10.03, 16.7, 1.32, 3.99, 3.16, 0.22,
  8.7, 6.56, 3.27, 0.33, 370.5, 4.51, 75.29, 0.99, 2.74, 8.68, 0.14, 0.92, 12.63, 28.7,
  12.02, 722.85, 36.68, 0.74, 29.82, 192.05, 3.38, 11.15, 110.74, 4111.45, 49.47, 10.33,
  317.11, 20.47, 264.93, 66.26, 5.39, 0.13, 0.61, 50.65, 40.48, 36.67, 13.09, 1.81, 0.2,
  7.6, 2.51, 57.26, 24.32, 6.97,
};

static void
test_jenks_published (void)
{
  const double upper[] = { 75.29, 192.05, 370.5, 722.85, 4111.45 };
  const double expected[] = { 0.13, 110.74, 264.93, 722.85, 4111.45, 4111.45 };
  const guint counts[] = { 49, 3, 4, 1, 1 };
  double breaks[SHEQU_CLASS_MAX + 1];
  double highs[5] = { 0 };
  guint found[5] = { 0 };

  g_assert_cmpuint (G_N_ELEMENTS (calemp), ==, 58);
  g_assert_cmpuint (shequ_classify (calemp, 58, SHEQU_CLASS_JENKS, 5, breaks), ==, 5);
  assert_breaks (breaks, expected, 5);
  for (guint i = 0; i < 58; i++)
    {
      guint c = shequ_classify_find (breaks, 5, calemp[i]);

      found[c]++;
      highs[c] = MAX (highs[c], calemp[i]);
    }
  for (guint c = 0; c < 5; c++)
    {
      g_assert_cmpuint (found[c], ==, counts[c]);
      g_assert_cmpfloat (highs[c], ==, upper[c]);
    }
}

static double
ssd_of_classes (const double *values,
                guint         n,
                const double *breaks,
                guint         k)
{
  double sum[SHEQU_CLASS_MAX] = { 0 }, sum2[SHEQU_CLASS_MAX] = { 0 };
  guint count[SHEQU_CLASS_MAX] = { 0 };
  double total = 0;

  for (guint i = 0; i < n; i++)
    {
      guint c = shequ_classify_find (breaks, k, values[i]);

      sum[c] += values[i];
      sum2[c] += values[i] * values[i];
      count[c]++;
    }
  for (guint c = 0; c < k; c++)
    {
      g_assert_cmpuint (count[c], >, 0);   /* no empty class */
      total += sum2[c] - sum[c] * sum[c] / count[c];
    }
  return total;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
ssd_range (const double *sorted,
           guint         from,
           guint         to)
{
  double mean = 0, total = 0;

  for (guint i = from; i < to; i++)
    mean += sorted[i];
  mean /= to - from;
  for (guint i = from; i < to; i++)
    total += (sorted[i] - mean) * (sorted[i] - mean);
  return total;
}

/* The least sum of squared deviations over every split of SORTED[FROM..N) into K runs. */
static double
brute_force (const double *sorted,
             guint         from,
             guint         n,
             guint         k)
{
  double best = INFINITY;

  if (k == 1)
    return ssd_range (sorted, from, n);
  for (guint end = from + 1; end + (k - 1) <= n; end++)
    best = MIN (best, ssd_range (sorted, from, end) + brute_force (sorted, end, n, k - 1));
  return best;
}

/* Jenks against every split of random small arrays (with ties, and without). */
static void
test_jenks_brute_force (void)
{
  for (guint round = 0; round < 300; round++)
    {
      guint n = g_test_rand_int_range (3, 13);
      guint k = g_test_rand_int_range (SHEQU_CLASS_MIN, 6);
      gboolean integers = round % 2 == 0;
      double values[12], sorted[12], breaks[SHEQU_CLASS_MAX + 1];
      double ours, best;
      guint got;

      for (guint i = 0; i < n; i++)
        values[i] = integers ? g_test_rand_int_range (0, 15) : g_test_rand_double_range (-50, 50);
      got = shequ_classify (values, n, SHEQU_CLASS_JENKS, k, breaks);
      memcpy (sorted, values, sizeof values[0] * n);
      qsort (sorted, n, sizeof sorted[0], compare_double);
      g_assert_cmpuint (got, >=, 1);
      g_assert_cmpuint (got, <=, k);
      g_assert_cmpfloat (breaks[0], ==, sorted[0]);
      g_assert_cmpfloat (breaks[got], ==, sorted[n - 1]);
      for (guint i = 0; i < got; i++)
        g_assert_cmpfloat (breaks[i], <=, breaks[i + 1]);
      ours = ssd_of_classes (values, n, breaks, got);
      /* Fewer classes only when there are fewer distinct values: then each its own. */
      best = brute_force (sorted, 0, n, got);
      if (got < k)
        g_assert_cmpfloat_with_epsilon (ours, 0, 1e-9);
      g_assert_cmpfloat_with_epsilon (ours, best, 1e-7 * (1 + best));

      /* Quantile: as many classes as Jenks (k, or one per distinct value), none empty. */
      g_assert_cmpuint (shequ_classify (values, n, SHEQU_CLASS_QUANTILE, k, breaks), ==, got);
      ssd_of_classes (values, n, breaks, got);
    }
}

/* Fisher's plain O(k·n²) programme, as a reference for larger arrays. */
static double
fisher_reference (const double *sorted,
                  guint         n,
                  guint         k)
{
  g_autofree double *s = g_new0 (double, n + 1), *q = g_new0 (double, n + 1);
  g_autofree double *previous = g_new (double, n + 1), *current = g_new (double, n + 1);
  double result;

  for (guint i = 0; i < n; i++)
    {
      s[i + 1] = s[i] + sorted[i];
      q[i + 1] = q[i] + sorted[i] * sorted[i];
    }
#define COST(a, b) (q[b] - q[a] - (s[b] - s[a]) * (s[b] - s[a]) / ((b) - (a)))
  for (guint i = 1; i <= n; i++)
    previous[i] = COST (0, i);
  for (guint c = 2; c <= k; c++)
    {
      for (guint i = c; i <= n; i++)
        {
          current[i] = INFINITY;
          for (guint j = c - 1; j < i; j++)
            current[i] = MIN (current[i], previous[j] + COST (j, i));
        }
      memcpy (previous, current, sizeof (double) * (n + 1));
    }
#undef COST
  result = previous[n];
  return result;
}

static void
test_jenks_large (void)
{
  const guint n = 3000;
  g_autofree double *values = g_new (double, n);
  g_autofree double *sorted = g_new (double, n);
  double breaks[SHEQU_CLASS_MAX + 1];
  gint64 start;

  /* Densities: a skewed spread of distinct values, as a street's grids give. */
  for (guint i = 0; i < n; i++)
    values[i] = exp (g_test_rand_double_range (0, 10)) + i * 1e-6;
  memcpy (sorted, values, sizeof (double) * n);
  qsort (sorted, n, sizeof (double), compare_double);
  for (guint k = SHEQU_CLASS_MIN; k <= SHEQU_CLASS_MAX; k += 3)
    {
      double ours, reference;

      start = g_get_monotonic_time ();
      g_assert_cmpuint (shequ_classify (values, n, SHEQU_CLASS_JENKS, k, breaks), ==, k);
      g_test_message ("Jenks, %u values, %u classes: %.1f ms", n, k,
                      (g_get_monotonic_time () - start) / 1000.0);
      ours = ssd_of_classes (values, n, breaks, k);
      reference = fisher_reference (sorted, n, k);
      g_assert_cmpfloat_with_epsilon (ours, reference, 1e-6 * reference);
    }
}

static void
test_edges (void)
{
  const double same[] = { 4, 4, 4, 4 };
  const double few[] = { 5, 1, 3 };
  const double two[] = { 8, 2, 8, 2, 2, 8, 8 };
  const double few_breaks[] = { 1, 3, 5, 5 };
  const double two_breaks[] = { 2, 8, 8 };
  double breaks[SHEQU_CLASS_MAX + 1];

  for (ShequClassMethod method = SHEQU_CLASS_EQUAL; method <= SHEQU_CLASS_JENKS; method++)
    {
      g_assert_cmpuint (shequ_classify (NULL, 0, method, 5, breaks), ==, 0);

      g_assert_cmpuint (shequ_classify (same, 4, method, 5, breaks), ==, 1);
      g_assert_cmpfloat (breaks[0], ==, 4);
      g_assert_cmpfloat (breaks[1], ==, 4);
      g_assert_cmpuint (shequ_classify_find (breaks, 1, 4), ==, 0);

      g_assert_cmpuint (shequ_classify (two, 7, method, 3, breaks), ==, 2);
      if (method == SHEQU_CLASS_EQUAL)
        g_assert_cmpfloat (breaks[1], ==, 5);
      else
        assert_breaks (breaks, two_breaks, 2);
      g_assert_cmpuint (shequ_classify_find (breaks, 2, 2), ==, 0);
      g_assert_cmpuint (shequ_classify_find (breaks, 2, 8), ==, 1);

      g_assert_cmpuint (shequ_classify (few, 3, method, 5, breaks), ==, 3);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpuint (shequ_classify_find (breaks, 3, few[i]), ==,
                          few[i] == 1 ? 0 : few[i] == 3 ? 1 : 2);
      if (method != SHEQU_CLASS_EQUAL)
        assert_breaks (breaks, few_breaks, 3);
    }
}

/* The largest finite numbers class without overflowing. */
static void
test_extremes (void)
{
  const double values[] = { -1e308, -1e307, 0, 1e307, 1e308, 5e307 };
  double breaks[SHEQU_CLASS_MAX + 1];

  for (ShequClassMethod method = SHEQU_CLASS_EQUAL; method <= SHEQU_CLASS_JENKS; method++)
    {
      guint n = shequ_classify (values, G_N_ELEMENTS (values), method, 3, breaks);

      g_assert_cmpuint (n, ==, 3);
      g_assert_cmpfloat (breaks[0], ==, -1e308);
      g_assert_cmpfloat (breaks[3], ==, 1e308);
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (isfinite (breaks[i]));
          g_assert_cmpfloat (breaks[i], <, breaks[i + 1]);
        }
    }
  /* Jenks: {-1e308}, {-1e307, 0, 1e307}, {5e307, 1e308} is the least squared deviation. */
  g_assert_cmpuint (shequ_classify (values, 6, SHEQU_CLASS_JENKS, 3, breaks), ==, 3);
  g_assert_cmpfloat (breaks[1], ==, -1e307);
  g_assert_cmpfloat (breaks[2], ==, 5e307);
}

static void
test_refuses_nan (void)
{
  if (g_test_subprocess ())
    {
      const double values[] = { 1, NAN, 3 };
      double breaks[SHEQU_CLASS_MAX + 1];

      shequ_classify (values, 3, SHEQU_CLASS_JENKS, 3, breaks);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*isfinite*");
}

static void
test_keys (void)
{
  static const char *const method_keys[] = { "equal", "quantile", "jenks" };
  static const char *const palette_keys[] = {
    "blues", "greens", "oranges", "reds", "purples", "ylorrd", "ylgnbu",
  };
  ShequClassMethod method;
  ShequPalette palette;

  for (guint i = 0; i < G_N_ELEMENTS (method_keys); i++)
    {
      g_assert_true (shequ_class_method_from_key (method_keys[i], &method));
      g_assert_cmpint (method, ==, i);
      g_assert_cmpstr (shequ_class_method_to_key (method), ==, method_keys[i]);
      g_assert_nonnull (shequ_class_method_get_label (method));
    }
  g_assert_false (shequ_class_method_from_key ("kmeans", &method));
  g_assert_cmpuint (G_N_ELEMENTS (palette_keys), ==, SHEQU_N_PALETTES);
  for (guint i = 0; i < SHEQU_N_PALETTES; i++)
    {
      g_assert_true (shequ_palette_from_key (palette_keys[i], &palette));
      g_assert_cmpint (palette, ==, i);
      g_assert_cmpstr (shequ_palette_to_key (palette), ==, palette_keys[i]);
      g_assert_nonnull (shequ_palette_get_label (palette));
    }
  g_assert_false (shequ_palette_from_key ("viridis", &palette));
}

static guint32
to_rgb (const ShequColour *colour)
{
  return (guint32) lround (colour->red * 255) << 16 | (guint32) lround (colour->green * 255) << 8
         | (guint32) lround (colour->blue * 255);
}

static void
test_palette_colours (void)
{
  /* From the ColorBrewer tables (colorbrewer2.org). */
  static const struct {
    ShequPalette palette;
    guint        n;
    guint32      rgb[SHEQU_CLASS_MAX];
  } checks[] = {
    { SHEQU_PALETTE_BLUES, 3, { 0xdeebf7, 0x9ecae1, 0x3182bd } },
    { SHEQU_PALETTE_BLUES, 9, { 0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6,
                                0x2171b5, 0x08519c, 0x08306b } },
    { SHEQU_PALETTE_GREENS, 5, { 0xedf8e9, 0xbae4b3, 0x74c476, 0x31a354, 0x006d2c } },
    { SHEQU_PALETTE_ORANGES, 4, { 0xfeedde, 0xfdbe85, 0xfd8d3c, 0xd94701 } },
    { SHEQU_PALETTE_REDS, 7, { 0xfee5d9, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xef3b2c, 0xcb181d,
                               0x99000d } },
    { SHEQU_PALETTE_PURPLES, 6, { 0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x756bb1,
                                  0x54278f } },
    { SHEQU_PALETTE_YELLOW_ORANGE_RED, 9, { 0xffffcc, 0xffeda0, 0xfed976, 0xfeb24c, 0xfd8d3c,
                                            0xfc4e2a, 0xe31a1c, 0xbd0026, 0x800026 } },
    { SHEQU_PALETTE_YELLOW_GREEN_BLUE, 8, { 0xffffd9, 0xedf8b1, 0xc7e9b4, 0x7fcdbb, 0x41b6c4,
                                            0x1d91c0, 0x225ea8, 0x0c2c84 } },
  };
  ShequColour colour;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    for (guint c = 0; c < checks[i].n; c++)
      {
        shequ_palette_get_colour (checks[i].palette, checks[i].n, c, &colour);
        g_assert_cmphex (to_rgb (&colour), ==, checks[i].rgb[c]);
        g_assert_cmpfloat (colour.alpha, ==, 1);
      }
  /* One or two classes take the 3-class scheme's middle, or its ends. */
  shequ_palette_get_colour (SHEQU_PALETTE_BLUES, 1, 0, &colour);
  g_assert_cmphex (to_rgb (&colour), ==, 0x9ecae1);
  shequ_palette_get_colour (SHEQU_PALETTE_BLUES, 2, 1, &colour);
  g_assert_cmphex (to_rgb (&colour), ==, 0x3182bd);
}

/* CIE L*a*b* of an sRGB colour (D65). */
static void
to_lab (const ShequColour *colour,
        double             lab[3])
{
  double rgb[3] = { colour->red, colour->green, colour->blue }, xyz[3], f[3];
  static const double white[3] = { 0.95047, 1.0, 1.08883 };

  for (guint i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  xyz[0] = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
  xyz[1] = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  xyz[2] = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
  for (guint i = 0; i < 3; i++)
    {
      double t = xyz[i] / white[i];

      f[i] = t > 0.008856 ? cbrt (t) : 7.787 * t + 16.0 / 116;
    }
  lab[0] = 116 * f[1] - 16;
  lab[1] = 500 * (f[0] - f[1]);
  lab[2] = 200 * (f[1] - f[2]);
}

static void
test_palettes_sequential (void)
{
  ShequColour no_data;
  double grey[3];

  shequ_colour_get_no_data (&no_data);
  to_lab (&no_data, grey);
  for (ShequPalette p = 0; p < SHEQU_N_PALETTES; p++)
    for (guint n = SHEQU_CLASS_MIN; n <= SHEQU_CLASS_MAX; n++)
      {
        double previous = INFINITY;

        for (guint c = 0; c < n; c++)
          {
            ShequColour colour;
            double lab[3];

            shequ_palette_get_colour (p, n, c, &colour);
            to_lab (&colour, lab);
            /* Light to dark. */
            g_assert_cmpfloat (lab[0], <, previous);
            previous = lab[0];
            /* The "no data" grey stands apart from every class colour (ΔE*ab). */
            g_assert_cmpfloat (sqrt ((lab[0] - grey[0]) * (lab[0] - grey[0])
                                     + (lab[1] - grey[1]) * (lab[1] - grey[1])
                                     + (lab[2] - grey[2]) * (lab[2] - grey[2])), >, 15);
          }
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/classify/equal", test_equal);
  g_test_add_func ("/classify/quantile", test_quantile);
  g_test_add_func ("/classify/jenks/published", test_jenks_published);
  g_test_add_func ("/classify/jenks/brute-force", test_jenks_brute_force);
  g_test_add_func ("/classify/jenks/large", test_jenks_large);
  g_test_add_func ("/classify/edges", test_edges);
  g_test_add_func ("/classify/extremes", test_extremes);
  g_test_add_func ("/classify/refuses-nan", test_refuses_nan);
  g_test_add_func ("/classify/keys", test_keys);
  g_test_add_func ("/palette/colours", test_palette_colours);
  g_test_add_func ("/palette/sequential", test_palettes_sequential);

  return g_test_run ();
}
