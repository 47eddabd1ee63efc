/* shequ-eval-measure.c — a period's bands as a map measure */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-measure"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-eval-measure.h"
#include "shequ-eval-summary.h"

/* Category I is band I + 1: green, orange, red (NONE is "no data"). */
#define N_CATEGORIES (SHEQU_N_BANDS - 1)

#define SHEQU_TYPE_BAND_MEASURE (shequ_band_measure_get_type ())
G_DECLARE_FINAL_TYPE (ShequBandMeasure, shequ_band_measure, SHEQU, BAND_MEASURE, GObject)

struct _ShequBandMeasure
{
  GObject     parent_instance;
  char       *name;
  /* unit id → band; read once, when made, so the map can ask from any thread. */
  GHashTable *bands;
};

static void shequ_band_measure_iface_init (ShequMeasureInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShequBandMeasure, shequ_band_measure, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHEQU_TYPE_MEASURE,
                                                      shequ_band_measure_iface_init))

static void
shequ_band_measure_finalize (GObject *object)
{
  ShequBandMeasure *self = SHEQU_BAND_MEASURE (object);

  g_free (self->name);
  g_clear_pointer (&self->bands, g_hash_table_unref);
  G_OBJECT_CLASS (shequ_band_measure_parent_class)->finalize (object);
}

static void
shequ_band_measure_class_init (ShequBandMeasureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_band_measure_finalize;
}

static void
shequ_band_measure_init (ShequBandMeasure *self)
{
  self->bands = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static const char *
band_get_id (ShequMeasure *measure)
{
  return "band";
}

static const char *
band_get_name (ShequMeasure *measure)
{
  return SHEQU_BAND_MEASURE (measure)->name;
}

static const char *
band_get_unit_label (ShequMeasure *measure)
{
  return "";
}

static gboolean
band_get_value (ShequMeasure *measure,
                ShequUnit    *unit,
                double       *value)
{
  ShequBandMeasure *self = SHEQU_BAND_MEASURE (measure);
  gint64 id = shequ_unit_get_id (unit);
  gpointer band;

  if (!g_hash_table_lookup_extended (self->bands, &id, NULL, &band))
    return FALSE;
  *value = GPOINTER_TO_UINT (band) - 1;
  return TRUE;
}

static guint
band_get_n_categories (ShequMeasure *measure)
{
  return N_CATEGORIES;
}

static const char *
band_get_category_label (ShequMeasure *measure,
                         guint         category)
{
  g_return_val_if_fail (category < N_CATEGORIES, "");
  return shequ_band_get_label (category + 1);
}

static void
band_get_category_colour (ShequMeasure *measure,
                          guint         category,
                          ShequColour  *colour)
{
  g_return_if_fail (category < N_CATEGORIES);
  shequ_band_get_colour (category + 1, colour);
}

static void
shequ_band_measure_iface_init (ShequMeasureInterface *iface)
{
  iface->get_id = band_get_id;
  iface->get_name = band_get_name;
  iface->get_unit_label = band_get_unit_label;
  iface->get_value = band_get_value;
  iface->get_n_categories = band_get_n_categories;
  iface->get_category_label = band_get_category_label;
  iface->get_category_colour = band_get_category_colour;
}

static void
set_band (ShequBandMeasure *self,
          gint64            unit_id,
          ShequBand         band)
{
  if (band == SHEQU_BAND_NONE)
    return;
  g_hash_table_insert (self->bands, g_memdup2 (&unit_id, sizeof unit_id),
                       GUINT_TO_POINTER (band));
}

/* Each graded community or village target's own band, then the areas' and the
 * street's: the band of the mean total of their graded units. */
static void
read_bands (ShequBandMeasure *self,
            ShequEvalStore   *store,
            gint64            period_id)
{
  GPtrArray *targets = shequ_eval_store_get_period_targets (store, period_id);
  const ShequEvalResults *results = shequ_eval_store_get_results (store, period_id);
  g_autoptr(GArray) summaries = NULL;

  if (targets == NULL || results == NULL || results->n_targets != targets->len)
    return;
  for (guint t = 0; t < targets->len; t++)
    {
      const ShequEvalTargetRow *target = g_ptr_array_index (targets, t);

      set_band (self, target->unit_id, results->band[t]);
    }
  summaries = shequ_eval_summarize_by_unit (store, period_id);
  for (guint k = 0; k < summaries->len; k++)
    {
      const ShequEvalUnitSummary *summary = &g_array_index (summaries, ShequEvalUnitSummary, k);

      if (summary->n_graded > 0)
        set_band (self, summary->unit_id, summary->band);
    }
}

ShequMeasure *
shequ_eval_measure_new_band (ShequEvalStore *store,
                             gint64          period_id)
{
  ShequBandMeasure *self;
  const ShequPeriodRow *period;
  const ShequEvalSetDef *def;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), NULL);

  if (period_id == 0)
    period_id = shequ_eval_store_get_latest_community_period (store);
  self = g_object_new (SHEQU_TYPE_BAND_MEASURE, NULL);
  period = period_id != 0 ? shequ_eval_store_lookup_period (store, period_id) : NULL;
  def = period != NULL ? shequ_eval_store_lookup_set (store, period->set_id) : NULL;
  /* Bands of a cadre period are people's: no unit has one. */
  if (def != NULL && def->set->kind == SHEQU_EVAL_KIND_COMMUNITY)
    read_bands (self, store, period_id);
  if (period != NULL)
    /* Translators: the map measure's name; %s is a period, "2026年第三季度" */
    self->name = g_strdup_printf (_("Evaluation band, %s"), period->label);
  else
    self->name = g_strdup (_("Evaluation band"));
  return SHEQU_MEASURE (self);
}

gint64
shequ_eval_store_get_latest_community_period (ShequEvalStore *store)
{
  GPtrArray *periods;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), 0);

  periods = shequ_eval_store_get_periods (store);
  for (guint k = periods->len; k > 0; k--)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, k - 1);
      const ShequEvalSetDef *def = shequ_eval_store_lookup_set (store, period->set_id);
      const ShequEvalResults *results;

      if (def == NULL || def->set->kind != SHEQU_EVAL_KIND_COMMUNITY)
        continue;
      results = shequ_eval_store_get_results (store, period->id);
      if (results == NULL)
        continue;
      for (guint t = 0; t < results->n_targets; t++)
        if (!isnan (results->total[t]))
          return period->id;
    }
  return 0;
}
