/* shequ-classify.c — values into classes: equal interval, quantile, Jenks natural breaks */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-classify"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shequ-classify.h"

static const struct {
  const char *key;
  const char *label;
} methods[] = {
  [SHEQU_CLASS_EQUAL]    = { "equal",    NC_("class method", "Equal interval") },
  [SHEQU_CLASS_QUANTILE] = { "quantile", NC_("class method", "Quantile") },
  [SHEQU_CLASS_JENKS]    = { "jenks",    NC_("class method", "Natural breaks (Jenks)") },
};

const char *
shequ_class_method_to_key (ShequClassMethod method)
{
  g_return_val_if_fail (method < G_N_ELEMENTS (methods), NULL);
  return methods[method].key;
}

gboolean
shequ_class_method_from_key (const char       *key,
                             ShequClassMethod *method)
{
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (method != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_ascii_strcasecmp (key, methods[i].key) == 0)
      {
        *method = i;
        return TRUE;
      }
  return FALSE;
}

const char *
shequ_class_method_get_label (ShequClassMethod method)
{
  g_return_val_if_fail (method < G_N_ELEMENTS (methods), NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "class method", methods[method].label);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The distinct values of SORTED (ascending) and how often each occurs. */
static guint
collect_distinct (const double *sorted,
                  guint         n,
                  double       *distinct,
                  guint        *counts)
{
  guint m = 0;

  for (guint i = 0; i < n; i++)
    {
      if (m > 0 && sorted[i] == distinct[m - 1])
        counts[m - 1]++;
      else
        {
          distinct[m] = sorted[i];
          counts[m++] = 1;
        }
    }
  return m;
}

static guint
classify_equal (const double *distinct,
                guint         m,
                guint         k,
                double       *breaks)
{
  double lo = distinct[0], hi = distinct[m - 1];

  /* Weighted, not lo + (hi − lo)·t: no overflow whatever the finite values. */
  for (guint i = 0; i < k; i++)
    breaks[i] = lo * (1 - (double) i / k) + hi * ((double) i / k);
  breaks[k] = hi;
  return k;
}

/* Cuts fall where the value changes (equal values share a class), each at the change
 * nearest to its ideal place c·n/k, leaving enough changes for the cuts still to come. */
static guint
classify_quantile (const double *distinct,
                   const guint  *counts,
                   guint         m,
                   guint         n,
                   guint         k,
                   double       *breaks)
{
  /* starts[j]: how many values lie below distinct[j + 1], the place of change j. */
  g_autofree guint *starts = g_new (guint, m);
  guint previous = 0;   /* the first change a cut may still take */
  guint below = 0;

  for (guint j = 0; j + 1 < m; j++)
    {
      below += counts[j];
      starts[j] = below;
    }
  breaks[0] = distinct[0];
  for (guint c = 1; c < k; c++)
    {
      double ideal = (double) c * n / k;
      guint last = m - 1 - (k - c);   /* changes left for the other k - 1 - c cuts */
      guint best = previous;

      for (guint j = previous; j <= last; j++)
        if (fabs (starts[j] - ideal) < fabs (starts[best] - ideal))
          best = j;
      breaks[c] = distinct[best + 1];
      previous = best + 1;
    }
  breaks[k] = distinct[m - 1];
  return k;
}

/* Weighted sums of the distinct values, shifted by SHIFT so that squares keep their
 * precision; cost (a, b) is the sum of squared deviations of distinct[a..b). */
typedef struct {
  double *w;
  double *s;
  double *q;
} Sums;

static double
cost (const Sums *sums,
      guint       a,
      guint       b)
{
  double w = sums->w[b] - sums->w[a];
  double s = sums->s[b] - sums->s[a];
  double ssd = sums->q[b] - sums->q[a] - s * s / w;

  return MAX (ssd, 0);
}

typedef struct {
  const Sums *sums;
  double     *previous;   /* best cost of the first j values in c - 1 classes */
  double     *current;    /* ... and in c classes */
  guint      *choice;     /* where the last class starts, per end */
  guint       c;
} Layer;

/* Fills current[i] for LO ≤ i ≤ HI, knowing the best start lies in [FROM, TO]: the
 * best start never moves left as the end moves right (the squared-deviation cost is
 * Monge), so halving the range of ends halves the starts to try (divide and conquer;
 * O(k·m·log m), exact like Fisher's O(k·m²) programme). */
static void
fill_layer (Layer *layer,
            guint  lo,
            guint  hi,
            guint  from,
            guint  to)
{
  while (lo <= hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint last = MIN (to, mid - 1);
      guint best = from;
      double best_cost = INFINITY;

      for (guint j = MAX (from, layer->c - 1); j <= last; j++)
        {
          double total = layer->previous[j] + cost (layer->sums, j, mid);

          if (total < best_cost)
            {
              best_cost = total;
              best = j;
            }
        }
      layer->current[mid] = best_cost;
      layer->choice[mid] = best;
      if (mid > lo)
        fill_layer (layer, lo, mid - 1, from, best);
      lo = mid + 1;
      from = best;
    }
}

static guint
classify_jenks (const double *distinct,
                const guint  *counts,
                guint         m,
                guint         k,
                double       *breaks)
{
  g_autofree double *table = g_new (double, 3 * (m + 1) + 2 * (m + 1));
  g_autofree guint *choices = g_new0 (guint, (gsize) k * (m + 1));
  double shift = distinct[m / 2];
  /* Scaled to ±1 and shifted to the middle, squares neither lose precision nor overflow;
   * the same scale for every cost keeps the order of the costs. */
  double scale = MAX (fabs (distinct[0]), fabs (distinct[m - 1]));
  Sums sums = { table, table + (m + 1), table + 2 * (m + 1) };
  double *previous = table + 3 * (m + 1), *current = previous + (m + 1);
  guint end = m;

  sums.w[0] = sums.s[0] = sums.q[0] = 0;
  for (guint i = 0; i < m; i++)
    {
      double x = distinct[i] / scale - shift / scale;

      sums.w[i + 1] = sums.w[i] + counts[i];
      sums.s[i + 1] = sums.s[i] + counts[i] * x;
      sums.q[i + 1] = sums.q[i] + counts[i] * x * x;
    }
  for (guint i = 0; i <= m; i++)
    previous[i] = i == 0 ? INFINITY : cost (&sums, 0, i);
  for (guint c = 2; c <= k; c++)
    {
      Layer layer = { &sums, previous, current, choices + (gsize) (c - 1) * (m + 1), c };
      double *swap;

      for (guint i = 0; i < c; i++)
        current[i] = INFINITY;
      fill_layer (&layer, c, m, c - 1, m - 1);
      swap = previous;
      previous = current;
      current = swap;
    }
  /* Back from the end: class c holds distinct[start..end). */
  for (guint c = k; c > 1; c--)
    {
      guint start = choices[(gsize) (c - 1) * (m + 1) + end];

      breaks[c - 1] = distinct[start];
      end = start;
    }
  breaks[0] = distinct[0];
  breaks[k] = distinct[m - 1];
  return k;
}

guint
shequ_classify (const double     *values,
                guint             n_values,
                ShequClassMethod  method,
                guint             n_classes,
                double           *breaks)
{
  g_autofree double *sorted = NULL;
  g_autofree double *distinct = NULL;
  g_autofree guint *counts = NULL;
  guint m, k;

  g_return_val_if_fail (values != NULL || n_values == 0, 0);
  g_return_val_if_fail (method <= SHEQU_CLASS_JENKS, 0);
  g_return_val_if_fail (n_classes >= SHEQU_CLASS_MIN && n_classes <= SHEQU_CLASS_MAX, 0);
  g_return_val_if_fail (breaks != NULL, 0);
  for (guint i = 0; i < n_values; i++)
    g_return_val_if_fail (isfinite (values[i]), 0);

  if (n_values == 0)
    return 0;
  sorted = g_memdup2 (values, sizeof *values * n_values);
  qsort (sorted, n_values, sizeof *sorted, compare_double);
  distinct = g_new (double, n_values);
  counts = g_new (guint, n_values);
  m = collect_distinct (sorted, n_values, distinct, counts);

  if (m <= n_classes && method != SHEQU_CLASS_EQUAL)
    {
      /* Each value its own class: nothing to choose. */
      memcpy (breaks, distinct, sizeof *breaks * m);
      breaks[m] = distinct[m - 1];
      return m;
    }
  k = MIN (m, n_classes);
  if (k == 1)
    {
      breaks[0] = breaks[1] = distinct[0];
      return 1;
    }
  switch (method)
    {
    case SHEQU_CLASS_EQUAL:
      return classify_equal (distinct, m, k, breaks);
    case SHEQU_CLASS_QUANTILE:
      return classify_quantile (distinct, counts, m, n_values, k, breaks);
    case SHEQU_CLASS_JENKS:
    default:
      return classify_jenks (distinct, counts, m, k, breaks);
    }
}

guint
shequ_classify_find (const double *breaks,
                     guint         n_classes,
                     double        value)
{
  g_return_val_if_fail (breaks != NULL || n_classes == 0, 0);
  g_return_val_if_fail (!isnan (value), 0);

  for (guint i = n_classes; i > 1; i--)
    if (value >= breaks[i - 1])
      return i - 1;
  return 0;
}
