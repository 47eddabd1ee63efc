/* shequ-boundary-import.c — GeoJSON features matched to units: a dry run, then a change */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-boundary-import"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-boundary-import.h"

/* How each feature fares. The plan holds the features (a reference to the array) and the
 * units (references); nothing is written until its change is applied. */
typedef struct {
  ShequBoundaryOutcome  outcome;
  ShequUnit            *unit;              /* matched or duplicate, owned */
  char                 *value;             /* the property's value, nullable */
  ShequGeoShape        *shape;             /* GCJ-02, owned; matched only */
  guint                 n_named;           /* units with that name, when more than one */
  gboolean              self_intersecting;
} Entry;

struct _ShequBoundaryPlan
{
  ShequOrgStore *store;
  GPtrArray     *features;
  char          *filename;
  char          *match;
  ShequGeoCrs    crs;
  Entry         *entries;
  guint          n_entries;
  guint          counts[SHEQU_BOUNDARY_UNUSABLE + 1];
  guint          n_replaced;
  guint          n_self_intersecting;
};

/* Units by name; a name several units share maps to NULL, and its count is kept. */
typedef struct {
  GHashTable *units;    /* const char *name → ShequUnit * (NULL when shared) */
  GHashTable *counts;   /* const char *name → GUINT_TO_POINTER (count) */
} NameIndex;

static void
name_index_init (NameIndex     *index,
                 ShequOrgStore *store)
{
  GPtrArray *units = shequ_org_store_get_units (store);

  index->units = g_hash_table_new (g_str_hash, g_str_equal);
  index->counts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i);
      const char *name = shequ_unit_get_name (unit);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (index->counts, name)) + 1;

      g_hash_table_insert (index->counts, (gpointer) name, GUINT_TO_POINTER (count));
      g_hash_table_insert (index->units, (gpointer) name, count == 1 ? unit : NULL);
    }
}

static void
name_index_clear (NameIndex *index)
{
  g_clear_pointer (&index->units, g_hash_table_unref);
  g_clear_pointer (&index->counts, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NameIndex, name_index_clear)

/* The value a feature is matched by under MATCH. */
static const char *
feature_value (const ShequGeojsonFeature *feature,
               const char                *match)
{
  const char *value = g_hash_table_lookup (feature->properties, match);

  if (value == NULL && g_str_equal (match, "code"))
    value = g_hash_table_lookup (feature->properties, "adcode");
  return value;
}

/* The unit VALUE names under MATCH, or NULL; *N_NAMED > 1 when a name is shared. */
static ShequUnit *
find_unit (ShequOrgStore *store,
           NameIndex     *names,
           const char    *match,
           const char    *value,
           guint         *n_named)
{
  ShequUnit *unit = NULL;

  *n_named = 0;
  if (value == NULL)
    return NULL;
  if (!g_str_equal (match, "name"))
    unit = shequ_org_store_lookup_code (store, value);
  if (unit == NULL && !g_str_equal (match, "code"))
    {
      unit = g_hash_table_lookup (names->units, value);
      *n_named = GPOINTER_TO_UINT (g_hash_table_lookup (names->counts, value));
    }
  return unit;
}

static ShequGeoPoint
convert_point_to_gcj02 (ShequGeoPoint lonlat,
                        gpointer      user_data)
{
  return shequ_geo_crs_convert (lonlat, GPOINTER_TO_INT (user_data), SHEQU_GEO_CRS_GCJ02);
}

/* FEATURE's shape in GCJ-02 (a new shape when converted). */
static ShequGeoShape *
convert_shape (ShequGeoShape *shape,
               ShequGeoCrs    crs)
{
  if (crs == SHEQU_GEO_CRS_GCJ02)
    return shequ_geo_shape_ref (shape);
  return shequ_geo_shape_new_mapped (shape, convert_point_to_gcj02, GINT_TO_POINTER (crs));
}

static gboolean
shape_self_intersects (ShequGeoShape *shape)
{
  for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
    {
      const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

      for (guint r = 0; r < polygon->n_rings; r++)
        if (shequ_geo_ring_self_intersects (&polygon->rings[r]))
          return TRUE;
    }
  return FALSE;
}

/* Every entry's first outcome; DUPLICATE is decided once all are matched. */
static void
match_features (ShequBoundaryPlan *plan,
                GHashTable        *by_unit)
{
  g_auto(NameIndex) names = { NULL };

  if (!g_str_equal (plan->match, "code"))
    name_index_init (&names, plan->store);
  for (guint i = 0; i < plan->n_entries; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (plan->features, i);
      Entry *entry = &plan->entries[i];
      ShequUnit *unit;

      entry->value = g_strdup (feature_value (feature, plan->match));
      if (feature->shape == NULL)
        {
          entry->outcome = SHEQU_BOUNDARY_UNUSABLE;
          continue;
        }
      unit = find_unit (plan->store, &names, plan->match, entry->value, &entry->n_named);
      if (unit == NULL)
        {
          entry->outcome = SHEQU_BOUNDARY_UNMATCHED;
          continue;
        }
      entry->outcome = SHEQU_BOUNDARY_MATCHED;
      entry->unit = g_object_ref (unit);
      g_hash_table_insert (by_unit, unit,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (by_unit, unit)) + 1));
    }
}

ShequBoundaryPlan *
shequ_boundary_plan_new (ShequOrgStore *store,
                         GPtrArray     *features,
                         const char    *filename,
                         const char    *match_property,
                         ShequGeoCrs    crs)
{
  g_autoptr(GHashTable) by_unit = g_hash_table_new (NULL, NULL);
  ShequBoundaryPlan *plan;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);
  g_return_val_if_fail (features != NULL, NULL);
  g_return_val_if_fail (match_property != NULL && *match_property != '\0', NULL);
  g_return_val_if_fail (crs == SHEQU_GEO_CRS_WGS84 || crs == SHEQU_GEO_CRS_GCJ02, NULL);

  plan = g_new0 (ShequBoundaryPlan, 1);
  plan->store = g_object_ref (store);
  plan->features = g_ptr_array_ref (features);
  plan->filename = g_strdup (filename != NULL ? filename : "");
  plan->match = g_strdup (match_property);
  plan->crs = crs;
  plan->n_entries = features->len;
  plan->entries = g_new0 (Entry, plan->n_entries);

  match_features (plan, by_unit);
  for (guint i = 0; i < plan->n_entries; i++)
    {
      Entry *entry = &plan->entries[i];
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);

      if (entry->outcome == SHEQU_BOUNDARY_MATCHED &&
          GPOINTER_TO_UINT (g_hash_table_lookup (by_unit, entry->unit)) > 1)
        entry->outcome = SHEQU_BOUNDARY_DUPLICATE;
      plan->counts[entry->outcome]++;
      if (entry->outcome != SHEQU_BOUNDARY_MATCHED)
        continue;
      entry->shape = convert_shape (feature->shape, crs);
      entry->self_intersecting = shape_self_intersects (entry->shape);
      plan->n_self_intersecting += entry->self_intersecting;
      if (shequ_org_store_get_boundary (store, shequ_unit_get_id (entry->unit)) != NULL)
        plan->n_replaced++;
    }
  return plan;
}

void
shequ_boundary_plan_free (ShequBoundaryPlan *plan)
{
  if (plan == NULL)
    return;
  for (guint i = 0; i < plan->n_entries; i++)
    {
      g_clear_object (&plan->entries[i].unit);
      g_clear_pointer (&plan->entries[i].shape, shequ_geo_shape_unref);
      g_free (plan->entries[i].value);
    }
  g_free (plan->entries);
  g_ptr_array_unref (plan->features);
  g_object_unref (plan->store);
  g_free (plan->filename);
  g_free (plan->match);
  g_free (plan);
}

guint
shequ_boundary_plan_get_n_features (ShequBoundaryPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_entries;
}

ShequBoundaryOutcome
shequ_boundary_plan_get_outcome (ShequBoundaryPlan *plan,
                                 guint              feature_index)
{
  g_return_val_if_fail (plan != NULL, SHEQU_BOUNDARY_UNUSABLE);
  g_return_val_if_fail (feature_index < plan->n_entries, SHEQU_BOUNDARY_UNUSABLE);
  return plan->entries[feature_index].outcome;
}

ShequUnit *
shequ_boundary_plan_get_unit (ShequBoundaryPlan *plan,
                              guint              feature_index)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (feature_index < plan->n_entries, NULL);
  return plan->entries[feature_index].unit;
}

guint
shequ_boundary_plan_count (ShequBoundaryPlan    *plan,
                           ShequBoundaryOutcome  outcome)
{
  g_return_val_if_fail (plan != NULL, 0);
  g_return_val_if_fail (outcome <= SHEQU_BOUNDARY_UNUSABLE, 0);
  return plan->counts[outcome];
}

guint
shequ_boundary_plan_get_n_replaced (ShequBoundaryPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_replaced;
}

guint
shequ_boundary_plan_get_n_self_intersecting (ShequBoundaryPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_self_intersecting;
}

gboolean
shequ_boundary_plan_is_complete (ShequBoundaryPlan *plan)
{
  g_return_val_if_fail (plan != NULL, FALSE);
  return plan->counts[SHEQU_BOUNDARY_MATCHED] == plan->n_entries;
}

/* Why feature I is left out (translated), or NULL when it is imported. */
static char *
describe_problem (ShequBoundaryPlan *plan,
                  guint              i)
{
  ShequGeojsonFeature *feature = g_ptr_array_index (plan->features, i);
  Entry *entry = &plan->entries[i];

  switch (entry->outcome)
    {
    case SHEQU_BOUNDARY_UNUSABLE:
      return g_strdup (feature->problem != NULL ? feature->problem : _("no usable geometry"));
    case SHEQU_BOUNDARY_DUPLICATE:
      /* TRANSLATORS: the unit's name, then its code */
      return g_strdup_printf (_("another feature matches the same unit “%s” (%s); neither "
                                "is imported"),
                              shequ_unit_get_name (entry->unit),
                              shequ_unit_get_code (entry->unit));
    case SHEQU_BOUNDARY_UNMATCHED:
      if (entry->value == NULL)
        return g_strdup_printf (_("it has no property “%s”"), plan->match);
      if (entry->n_named > 1)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u unit has the name “%s”",
                                             "%u units have the name “%s”", entry->n_named),
                                entry->n_named, entry->value);
      if (g_str_equal (plan->match, "name"))
        return g_strdup_printf (_("no unit has the name “%s”"), entry->value);
      if (g_str_equal (plan->match, "code"))
        return g_strdup_printf (_("no unit has the code “%s”"), entry->value);
      return g_strdup_printf (_("no unit has the code or name “%s”"), entry->value);
    case SHEQU_BOUNDARY_MATCHED:
    default:
      return NULL;
    }
}

/* "Feature 4 “兰山区”" or "Feature 4" (numbered from 1, as shequ_geojson_format_problems()). */
static char *
feature_label (ShequBoundaryPlan *plan,
               guint              i)
{
  const char *name = shequ_geojson_feature_get_name (g_ptr_array_index (plan->features, i));

  if (name != NULL && *name != '\0')
    return g_strdup_printf (_("Feature %u “%s”"), i + 1, name);
  return g_strdup_printf (_("Feature %u"), i + 1);
}

char *
shequ_boundary_plan_format_report (ShequBoundaryPlan *plan)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = plan != NULL ? plan->n_entries : 0;

  g_return_val_if_fail (plan != NULL, NULL);

  g_string_append_printf (out, _("Boundaries from “%s”, matched by “%s”:"), plan->filename,
                          plan->match);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u feature", "%u features", n), n);
  g_string_append_printf (out, _(": %u matched, %u unmatched, %u duplicate, %u unusable."),
                          plan->counts[SHEQU_BOUNDARY_MATCHED],
                          plan->counts[SHEQU_BOUNDARY_UNMATCHED],
                          plan->counts[SHEQU_BOUNDARY_DUPLICATE],
                          plan->counts[SHEQU_BOUNDARY_UNUSABLE]);
  g_string_append_c (out, '\n');
  if (plan->n_replaced > 0)
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u unit already has a boundary, which the import replaces.",
                                                "%u units already have a boundary, which the import replaces.",
                                                plan->n_replaced), plan->n_replaced);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *problem = describe_problem (plan, i);
      g_autofree char *label = NULL;

      if (problem == NULL)
        continue;
      label = feature_label (plan, i);
      /* TRANSLATORS: "Feature 4 “兰山区”: no unit has the name “兰山区”" */
      g_string_append_printf (out, _("%s: %s"), label, problem);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;

      if (!plan->entries[i].self_intersecting)
        continue;
      label = feature_label (plan, i);
      g_string_append_printf (out, _("Warning: %s: a ring crosses itself; it is imported and "
                                     "drawn as it is."), label);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
outcome_key (ShequBoundaryOutcome outcome)
{
  static const char *keys[] = { "matched", "unmatched", "duplicate", "unusable" };

  return keys[outcome];
}

JsonNode *
shequ_boundary_plan_to_json (ShequBoundaryPlan *plan)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (plan != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, plan->filename);
  json_builder_set_member_name (builder, "match");
  json_builder_add_string_value (builder, plan->match);
  json_builder_set_member_name (builder, "crs");
  json_builder_add_string_value (builder, plan->crs == SHEQU_GEO_CRS_WGS84 ? "wgs84" : "gcj02");
#define ADD_COUNT(name, value) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_int_value (builder, value)
  ADD_COUNT ("features", plan->n_entries);
  ADD_COUNT ("matched", plan->counts[SHEQU_BOUNDARY_MATCHED]);
  ADD_COUNT ("unmatched", plan->counts[SHEQU_BOUNDARY_UNMATCHED]);
  ADD_COUNT ("duplicates", plan->counts[SHEQU_BOUNDARY_DUPLICATE]);
  ADD_COUNT ("unusable", plan->counts[SHEQU_BOUNDARY_UNUSABLE]);
  ADD_COUNT ("replaced", plan->n_replaced);
  ADD_COUNT ("self_intersecting", plan->n_self_intersecting);
#undef ADD_COUNT
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->n_entries; i++)
    {
      Entry *entry = &plan->entries[i];
      g_autofree char *message = describe_problem (plan, i);
      const char *name = shequ_geojson_feature_get_name (g_ptr_array_index (plan->features, i));

      if (message == NULL && !entry->self_intersecting)
        continue;
      if (message == NULL)
        message = g_strdup (_("a ring crosses itself; it is imported and drawn as it is"));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "feature");
      json_builder_add_int_value (builder, i + 1);
      json_builder_set_member_name (builder, "name");
      if (name != NULL)
        json_builder_add_string_value (builder, name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, outcome_key (entry->outcome));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

ShequOrgChange *
shequ_boundary_plan_to_change (ShequBoundaryPlan *plan)
{
  g_autoptr(ShequOrgChange) change = NULL;
  g_autofree char *base = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->counts[SHEQU_BOUNDARY_MATCHED] == 0)
    return NULL;
  base = g_path_get_basename (plan->filename);
  label = g_strdup_printf (_("Import boundaries from “%s”"), base);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_IMPORT, label);
  shequ_org_change_set_bulk (change, TRUE);
  for (guint i = 0; i < plan->n_entries; i++)
    if (plan->entries[i].outcome == SHEQU_BOUNDARY_MATCHED)
      shequ_org_change_put_boundary (change, shequ_unit_get_id (plan->entries[i].unit),
                                     plan->entries[i].shape);
  return g_steal_pointer (&change);
}

typedef struct {
  const char *name;
  guint       count;
  guint       first;   /* the order it was first met in */
} PropertyScore;

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const PropertyScore *sa = a, *sb = b;

  if (sa->count != sb->count)
    return sa->count > sb->count ? -1 : 1;
  return (sa->first > sb->first) - (sa->first < sb->first);
}

/* How many usable features PROPERTY's values would match (each unit once). */
static guint
count_matches (ShequOrgStore *store,
               NameIndex     *names,
               GPtrArray     *features,
               const char    *property)
{
  g_autoptr(GHashTable) units = g_hash_table_new (NULL, NULL);
  guint count = 0;

  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);
      const char *value = g_hash_table_lookup (feature->properties, property);
      guint n_named;
      ShequUnit *unit;

      if (feature->shape == NULL || value == NULL)
        continue;
      unit = find_unit (store, names, "", value, &n_named);
      if (unit != NULL && g_hash_table_add (units, unit))
        count++;
    }
  return count;
}

GPtrArray *
shequ_boundary_list_properties (ShequOrgStore *store,
                                GPtrArray     *features)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (PropertyScore));
  g_auto(NameIndex) names = { NULL };
  GPtrArray *out;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);
  g_return_val_if_fail (features != NULL, NULL);

  name_index_init (&names, store);
  for (guint i = 0; i < features->len; i++)
    {
      ShequGeojsonFeature *feature = g_ptr_array_index (features, i);
      g_autofree gpointer *keys = (gpointer *) g_hash_table_get_keys_as_array (feature->properties, NULL);

      for (guint k = 0; keys[k] != NULL; k++)
        if (g_hash_table_add (seen, keys[k]))
          g_array_append_val (scores, ((PropertyScore) { keys[k], 0, scores->len }));
    }
  for (guint i = 0; i < scores->len; i++)
    {
      PropertyScore *score = &g_array_index (scores, PropertyScore, i);

      score->count = count_matches (store, &names, features, score->name);
    }
  g_array_sort (scores, compare_scores);
  out = g_ptr_array_new_full (scores->len, g_free);
  for (guint i = 0; i < scores->len; i++)
    g_ptr_array_add (out, g_strdup (g_array_index (scores, PropertyScore, i).name));
  return out;
}
