/* shequ-measure-builtin.c — the measures the map offers: tier, figures, density, compliance */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-measure"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "shequ-measure.h"
#include "shequ-org-types.h"

typedef enum {
  KIND_TIER,
  KIND_POPULATION,
  KIND_HOUSEHOLDS,
  KIND_DENSITY,
  KIND_COMPLIANCE,
  N_KINDS
} Kind;

static const char *const ids[N_KINDS + 1] = {
  "tier", "population", "households", "density", "compliance", NULL
};

static const char *const names[N_KINDS] = {
  NC_("map measure", "Tier"),
  NC_("map measure", "Population"),
  NC_("map measure", "Households"),
  NC_("map measure", "Population density"),
  NC_("map measure", "Compliance"),
};

static const char *const unit_labels[N_KINDS] = {
  NULL,
  NC_("map measure unit", "residents"),
  NC_("map measure unit", "households"),
  NC_("map measure unit", "residents per km²"),
  NULL,
};

/* Light fills that labels stay legible on, each tier its own hue. */
static const guint32 tier_colours[SHEQU_N_TIERS] = {
  [SHEQU_TIER_STREET]    = 0xece6d8,   /* warm grey */
  [SHEQU_TIER_AREA]      = 0xf6d9b8,   /* sand */
  [SHEQU_TIER_COMMUNITY] = 0xc6dcf0,   /* sky blue */
  [SHEQU_TIER_VILLAGE]   = 0xcde8b9,   /* meadow green */
  [SHEQU_TIER_GRID]      = 0xfbe7a1,   /* straw yellow */
};

/* ColorBrewer Set2's teal and orange: apart for colour-blind eyes too. */
static const guint32 compliance_colours[2] = { 0x66c2a5, 0xfc8d62 };
static const char *const compliance_labels[2] = {
  NC_("compliance category", "Meets the rules"),
  NC_("compliance category", "Breaks a rule"),
};

#define SHEQU_TYPE_BUILTIN_MEASURE (shequ_builtin_measure_get_type ())
G_DECLARE_FINAL_TYPE (ShequBuiltinMeasure, shequ_builtin_measure, SHEQU, BUILTIN_MEASURE,
                      GObject)

struct _ShequBuiltinMeasure
{
  GObject   parent_instance;
  Kind      kind;
  ShequMap *map;   /* for the areas (density); nullable */
};

static void shequ_builtin_measure_iface_init (ShequMeasureInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShequBuiltinMeasure, shequ_builtin_measure, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHEQU_TYPE_MEASURE,
                                                      shequ_builtin_measure_iface_init))

static void
shequ_builtin_measure_finalize (GObject *object)
{
  ShequBuiltinMeasure *self = SHEQU_BUILTIN_MEASURE (object);

  g_clear_object (&self->map);
  G_OBJECT_CLASS (shequ_builtin_measure_parent_class)->finalize (object);
}

static void
shequ_builtin_measure_class_init (ShequBuiltinMeasureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_builtin_measure_finalize;
}

static void
shequ_builtin_measure_init (ShequBuiltinMeasure *self)
{
}

static const char *
builtin_get_id (ShequMeasure *measure)
{
  return ids[SHEQU_BUILTIN_MEASURE (measure)->kind];
}

static const char *
builtin_get_name (ShequMeasure *measure)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "map measure",
                       names[SHEQU_BUILTIN_MEASURE (measure)->kind]);
}

static const char *
builtin_get_unit_label (ShequMeasure *measure)
{
  const char *label = unit_labels[SHEQU_BUILTIN_MEASURE (measure)->kind];

  return label != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "map measure unit", label) : "";
}

/* Residents per km² of the unit's boundary: no data without figures or a boundary. */
static gboolean
get_density (ShequBuiltinMeasure *self,
             ShequUnit           *unit,
             double              *value)
{
  gint64 population = shequ_unit_get_total_population (unit);
  const ShequMapItem *item;

  if (population <= 0 || self->map == NULL)
    return FALSE;
  item = shequ_map_lookup_unit (self->map, shequ_unit_get_id (unit));
  if (item == NULL || !(item->area_m2 > 0) || !isfinite (item->area_m2))
    return FALSE;
  *value = population / (item->area_m2 / 1e6);
  return TRUE;
}

static gboolean
builtin_get_value (ShequMeasure *measure,
                   ShequUnit    *unit,
                   double       *value)
{
  ShequBuiltinMeasure *self = SHEQU_BUILTIN_MEASURE (measure);
  gint64 figure;

  switch (self->kind)
    {
    case KIND_TIER:
      *value = shequ_unit_get_tier (unit);
      return TRUE;
    case KIND_POPULATION:
    case KIND_HOUSEHOLDS:
      /* Roll-ups add the figures of the subtree, none below 0: 0 means that neither
       * the unit nor anything under it has a figure entered. */
      figure = self->kind == KIND_POPULATION ? shequ_unit_get_total_population (unit)
                                             : shequ_unit_get_total_households (unit);
      if (figure <= 0)
        return FALSE;
      *value = figure;
      return TRUE;
    case KIND_DENSITY:
      return get_density (self, unit, value);
    case KIND_COMPLIANCE:
      /* The rules apply to villages and communities only. */
      if (!shequ_unit_is_checked (unit))
        return FALSE;
      *value = shequ_unit_get_compliant (unit) ? 0 : 1;
      return TRUE;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static guint
builtin_get_n_categories (ShequMeasure *measure)
{
  switch (SHEQU_BUILTIN_MEASURE (measure)->kind)
    {
    case KIND_TIER:       return SHEQU_N_TIERS;
    case KIND_COMPLIANCE: return G_N_ELEMENTS (compliance_labels);
    case KIND_POPULATION:
    case KIND_HOUSEHOLDS:
    case KIND_DENSITY:
    case N_KINDS:
    default:
      return 0;
    }
}

static const char *
builtin_get_category_label (ShequMeasure *measure,
                            guint         category)
{
  if (SHEQU_BUILTIN_MEASURE (measure)->kind == KIND_TIER)
    return shequ_tier_get_label (category);
  return g_dpgettext2 (GETTEXT_PACKAGE, "compliance category", compliance_labels[category]);
}

static void
builtin_get_category_colour (ShequMeasure *measure,
                             guint         category,
                             ShequColour  *colour)
{
  if (SHEQU_BUILTIN_MEASURE (measure)->kind == KIND_TIER)
    shequ_colour_init_rgb (colour, tier_colours[category]);
  else
    shequ_colour_init_rgb (colour, compliance_colours[category]);
}

/* Counts read better with their own plural ("1 resident"); density keeps decimals. */
static char *
builtin_format_value (ShequMeasure *measure,
                      double        value)
{
  g_autofree char *number = shequ_measure_format_number (value,
                                                         shequ_measure_guess_decimals (value));
  gulong n = value > 0 && value < G_MAXULONG ? (gulong) value : 0;

  switch (SHEQU_BUILTIN_MEASURE (measure)->kind)
    {
    case KIND_POPULATION:
      /* Translators: a unit's population in the map's tooltip */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s resident", "%s residents", n),
                              number);
    case KIND_HOUSEHOLDS:
      /* Translators: a unit's households in the map's tooltip */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s household", "%s households",
                                           n),
                              number);
    case KIND_DENSITY:
    case KIND_TIER:
    case KIND_COMPLIANCE:
    case N_KINDS:
    default:
      /* Translators: a population density in the map's tooltip */
      return g_strdup_printf (_("%s residents per km²"), number);
    }
}

static void
shequ_builtin_measure_iface_init (ShequMeasureInterface *iface)
{
  iface->get_id = builtin_get_id;
  iface->get_name = builtin_get_name;
  iface->get_unit_label = builtin_get_unit_label;
  iface->get_value = builtin_get_value;
  iface->get_n_categories = builtin_get_n_categories;
  iface->get_category_label = builtin_get_category_label;
  iface->get_category_colour = builtin_get_category_colour;
  iface->format_value = builtin_format_value;
}

const char *const *
shequ_measure_list_builtin (void)
{
  return ids;
}

static gboolean
find_kind (const char *id,
           Kind       *kind)
{
  for (guint i = 0; i < N_KINDS; i++)
    if (g_strcmp0 (id, ids[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
shequ_measure_builtin_get_name (const char *id)
{
  Kind kind;

  g_return_val_if_fail (id != NULL, NULL);

  if (!find_kind (id, &kind))
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, "map measure", names[kind]);
}

ShequMeasure *
shequ_measure_new_builtin (const char  *id,
                           ShequMap    *map,
                           GError     **error)
{
  ShequBuiltinMeasure *self;
  Kind kind;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (map == NULL || SHEQU_IS_MAP (map), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!find_kind (id, &kind))
    {
      g_autofree char *valid = g_strjoinv (", ", (char **) ids);
      g_autofree char *typed = g_utf8_make_valid (id, -1);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s are a measure's id as typed and the list of ids */
                   _("Unknown measure “%s”; choose one of: %s"), typed, valid);
      return NULL;
    }
  self = g_object_new (SHEQU_TYPE_BUILTIN_MEASURE, NULL);
  self->kind = kind;
  if (map != NULL)
    self->map = g_object_ref (map);
  return SHEQU_MEASURE (self);
}
