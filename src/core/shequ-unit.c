/* shequ-unit.c — one unit of the organisation tree, with its roll-ups */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-unit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-private.h"

G_DEFINE_FINAL_TYPE (ShequUnit, shequ_unit, G_TYPE_OBJECT)

static GParamSpec *properties[SHEQU_UNIT_N_PROPS];

static void
shequ_unit_finalize (GObject *object)
{
  ShequUnit *self = (ShequUnit *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->party_body, g_free);
  g_clear_pointer (&self->service_body, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->leader, g_free);
  g_clear_pointer (&self->compliance_text, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_pointer (&self->posts, g_ptr_array_unref);
  g_clear_object (&self->children_model);
  g_clear_object (&self->posts_model);

  G_OBJECT_CLASS (shequ_unit_parent_class)->finalize (object);
}

static void
shequ_unit_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ShequUnit *self = SHEQU_UNIT (object);

  switch ((ShequUnitProp)prop_id)
    {
    case SHEQU_UNIT_PROP_ID:               g_value_set_int64 (value, self->id); break;
    case SHEQU_UNIT_PROP_CODE:             g_value_set_string (value, self->code); break;
    case SHEQU_UNIT_PROP_NAME:             g_value_set_string (value, self->name); break;
    case SHEQU_UNIT_PROP_TIER:             g_value_set_uint (value, self->tier); break;
    case SHEQU_UNIT_PROP_TIER_LABEL:
      g_value_set_string (value, shequ_tier_get_label (self->tier));
      break;
    case SHEQU_UNIT_PROP_PARTY_BODY:       g_value_set_string (value, self->party_body); break;
    case SHEQU_UNIT_PROP_SERVICE_BODY:     g_value_set_string (value, self->service_body); break;
    case SHEQU_UNIT_PROP_NOTE:             g_value_set_string (value, self->note); break;
    case SHEQU_UNIT_PROP_POPULATION:       g_value_set_int64 (value, self->population); break;
    case SHEQU_UNIT_PROP_HOUSEHOLDS:       g_value_set_int64 (value, self->households); break;
    case SHEQU_UNIT_PROP_TOTAL_POPULATION: g_value_set_int64 (value, self->total_population); break;
    case SHEQU_UNIT_PROP_TOTAL_HOUSEHOLDS: g_value_set_int64 (value, self->total_households); break;
    case SHEQU_UNIT_PROP_GRID_COUNT:       g_value_set_uint (value, self->grid_count); break;
    case SHEQU_UNIT_PROP_LEADER:           g_value_set_string (value, self->leader); break;
    case SHEQU_UNIT_PROP_COMPLIANT:        g_value_set_boolean (value, self->compliant); break;
    case SHEQU_UNIT_PROP_COMPLIANCE_TEXT:  g_value_set_string (value, self->compliance_text); break;
    case SHEQU_UNIT_PROP_N_CHILDREN:       g_value_set_uint (value, self->children->len); break;
    case SHEQU_UNIT_PROP_0:
    case SHEQU_UNIT_N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_unit_class_init (ShequUnitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = shequ_unit_finalize;
  object_class->get_property = shequ_unit_get_property;

  properties[SHEQU_UNIT_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[SHEQU_UNIT_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[SHEQU_UNIT_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[SHEQU_UNIT_PROP_TIER] =
    g_param_spec_uint ("tier", NULL, NULL, 0, SHEQU_N_TIERS - 1, 0, flags);
  properties[SHEQU_UNIT_PROP_TIER_LABEL] =
    g_param_spec_string ("tier-label", NULL, NULL, NULL, flags);
  properties[SHEQU_UNIT_PROP_PARTY_BODY] =
    g_param_spec_string ("party-body", NULL, NULL, NULL, flags);
  properties[SHEQU_UNIT_PROP_SERVICE_BODY] =
    g_param_spec_string ("service-body", NULL, NULL, NULL, flags);
  properties[SHEQU_UNIT_PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[SHEQU_UNIT_PROP_POPULATION] =
    g_param_spec_int64 ("population", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[SHEQU_UNIT_PROP_HOUSEHOLDS] =
    g_param_spec_int64 ("households", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[SHEQU_UNIT_PROP_TOTAL_POPULATION] =
    g_param_spec_int64 ("total-population", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[SHEQU_UNIT_PROP_TOTAL_HOUSEHOLDS] =
    g_param_spec_int64 ("total-households", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[SHEQU_UNIT_PROP_GRID_COUNT] =
    g_param_spec_uint ("grid-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[SHEQU_UNIT_PROP_LEADER] = g_param_spec_string ("leader", NULL, NULL, NULL, flags);
  properties[SHEQU_UNIT_PROP_COMPLIANT] =
    g_param_spec_boolean ("compliant", NULL, NULL, TRUE, flags);
  properties[SHEQU_UNIT_PROP_COMPLIANCE_TEXT] =
    g_param_spec_string ("compliance-text", NULL, NULL, NULL, flags);
  properties[SHEQU_UNIT_PROP_N_CHILDREN] =
    g_param_spec_uint ("n-children", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, SHEQU_UNIT_N_PROPS, properties);
}

static void
shequ_unit_init (ShequUnit *self)
{
  self->children = g_ptr_array_new ();
  self->posts = g_ptr_array_new ();
  self->compliant = TRUE;
  self->leader = g_strdup ("");
  self->compliance_text = g_strdup ("");
}

ShequUnit *
_shequ_unit_new (const ShequUnitRow *row)
{
  ShequUnit *self = g_object_new (SHEQU_TYPE_UNIT, NULL);

  self->id = row->id;
  self->tier = row->tier;
  self->code = g_strdup (row->code);
  self->name = g_strdup (row->name);
  self->party_body = g_strdup (row->party_body ? row->party_body : "");
  self->service_body = g_strdup (row->service_body ? row->service_body : "");
  self->note = g_strdup (row->note ? row->note : "");
  self->population = row->population;
  self->households = row->households;
  return self;
}

void
_shequ_unit_notify (ShequUnit     *self,
                    ShequUnitProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_shequ_unit_set_string (ShequUnit      *self,
                        char          **field,
                        const char     *value,
                        ShequUnitProp   prop)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  if (prop == SHEQU_UNIT_PROP_NAME)
    {
      g_clear_pointer (&self->search_key, g_free);
      self->search_key_ready = FALSE;
    }
  _shequ_unit_notify (self, prop);
}

int
_shequ_unit_compare_code (gconstpointer a,
                          gconstpointer b)
{
  const ShequUnit *ua = a, *ub = b;
  int r = strcmp (ua->code, ub->code);

  return r != 0 ? r : (ua->id > ub->id) - (ua->id < ub->id);
}

void
_shequ_sorted_insert (GPtrArray    *array,
                      GListStore   *model,
                      gpointer      item,
                      GCompareFunc  compare)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (compare (g_ptr_array_index (array, mid), item) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_ptr_array_insert (array, lo, item);
  if (model != NULL)
    g_list_store_insert (model, lo, item);
}

void
_shequ_sorted_remove (GPtrArray  *array,
                      GListStore *model,
                      gpointer    item)
{
  guint pos;

  if (!g_ptr_array_find (array, item, &pos))
    return;
  g_ptr_array_remove_index (array, pos);
  if (model != NULL)
    g_list_store_remove (model, pos);
}

void
_shequ_unit_insert_child (ShequUnit *self,
                          ShequUnit *child)
{
  child->parent = self;
  _shequ_sorted_insert (self->children, self->children_model, child, _shequ_unit_compare_code);
  _shequ_unit_notify (self, SHEQU_UNIT_PROP_N_CHILDREN);
}

void
_shequ_unit_remove_child (ShequUnit *self,
                          ShequUnit *child)
{
  _shequ_sorted_remove (self->children, self->children_model, child);
  child->parent = NULL;
  _shequ_unit_notify (self, SHEQU_UNIT_PROP_N_CHILDREN);
}

void
_shequ_unit_add_post (ShequUnit *self,
                      ShequPost *post)
{
  _shequ_sorted_insert (self->posts, self->posts_model, post, _shequ_post_compare_id);
  self->own_role_counts[post->role]++;
}

void
_shequ_unit_remove_post (ShequUnit *self,
                         ShequPost *post)
{
  _shequ_sorted_remove (self->posts, self->posts_model, post);
  g_assert (self->own_role_counts[post->role] > 0);
  self->own_role_counts[post->role]--;
}

gint64
shequ_unit_get_id (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), 0);
  return self->id;
}

ShequTier
shequ_unit_get_tier (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), SHEQU_TIER_STREET);
  return self->tier;
}

const char *
shequ_unit_get_code (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);
  return self->code;
}

const char *
shequ_unit_get_name (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);
  return self->name;
}

const char *
shequ_unit_get_party_body (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);
  return self->party_body;
}

const char *
shequ_unit_get_service_body (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);
  return self->service_body;
}

const char *
shequ_unit_get_note (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);
  return self->note;
}

gint64
shequ_unit_get_population (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), 0);
  return self->population;
}

gint64
shequ_unit_get_households (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), 0);
  return self->households;
}

gint64
shequ_unit_get_total_population (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), 0);
  return self->total_population;
}

gint64
shequ_unit_get_total_households (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), 0);
  return self->total_households;
}

guint
shequ_unit_get_grid_count (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), 0);
  return self->grid_count;
}

guint
shequ_unit_get_role_count (ShequUnit *self,
                           ShequRole  role)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), 0);
  g_return_val_if_fail (role < SHEQU_N_ROLES, 0);
  return self->role_counts[role];
}

const char *
shequ_unit_get_leader (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);
  return self->leader;
}

gboolean
shequ_unit_get_compliant (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), TRUE);
  return self->compliant;
}

const char *
shequ_unit_get_compliance_text (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);
  return self->compliance_text;
}

gboolean
shequ_unit_is_checked (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), FALSE);
  return self->tier == SHEQU_TIER_COMMUNITY || self->tier == SHEQU_TIER_VILLAGE;
}

ShequUnit *
shequ_unit_get_parent (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);
  return self->parent;
}

guint
shequ_unit_get_depth (ShequUnit *self)
{
  guint depth = 0;

  g_return_val_if_fail (SHEQU_IS_UNIT (self), 0);
  for (ShequUnit *u = self->parent; u != NULL; u = u->parent)
    depth++;
  return depth;
}

gboolean
shequ_unit_is_ancestor_of (ShequUnit *self,
                           ShequUnit *descendant)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (descendant), FALSE);

  for (ShequUnit *u = descendant->parent; u != NULL; u = u->parent)
    if (u == self)
      return TRUE;
  return FALSE;
}

guint
shequ_unit_get_n_children (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), 0);
  return self->children->len;
}

ShequUnit *
shequ_unit_get_child (ShequUnit *self,
                      guint      position)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);
  g_return_val_if_fail (position < self->children->len, NULL);
  return g_ptr_array_index (self->children, position);
}

GListModel *
shequ_unit_get_children (ShequUnit *self)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);

  if (self->children_model == NULL)
    {
      self->children_model = g_list_store_new (SHEQU_TYPE_UNIT);
      g_list_store_splice (self->children_model, 0, 0,
                           self->children->pdata, self->children->len);
    }
  return G_LIST_MODEL (self->children_model);
}

ShequUnitRow *
shequ_unit_to_row (ShequUnit *self)
{
  ShequUnitRow *row;

  g_return_val_if_fail (SHEQU_IS_UNIT (self), NULL);

  row = shequ_unit_row_new ();
  row->id = self->id;
  row->parent_id = self->parent ? self->parent->id : 0;
  row->tier = self->tier;
  row->code = g_strdup (self->code);
  row->name = g_strdup (self->name);
  row->party_body = g_strdup (self->party_body);
  row->service_body = g_strdup (self->service_body);
  row->note = g_strdup (self->note);
  row->population = self->population;
  row->households = self->households;
  return row;
}
