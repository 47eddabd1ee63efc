/* shequ-org-types.c — tiers, roles and row images */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-types"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-types.h"

typedef struct {
  const char *key;
  const char *zh;        /* the Chinese name accepted in files */
  const char *label;     /* N_() for the UI */
} Name;

static const Name tier_names[SHEQU_N_TIERS] = {
  { "street",    "街道", N_("Street") },
  { "area",      "片区", N_("Area") },
  { "community", "社区", N_("Community") },
  { "village",   "村",   N_("Village") },
  { "grid",      "网格", N_("Grid") },
};

static const Name role_names[SHEQU_N_ROLES] = {
  { "secretary",     "书记",     N_("Secretary") },
  { "director",      "主任",     N_("Director") },
  { "cadre",         "干部",     N_("Cadre") },
  { "grid_worker",   "网格员",   N_("Grid Worker") },
  { "mediator",      "调解员",   N_("Mediator") },
  { "volunteer",     "志愿者",   N_("Volunteer") },
  { "legal_adviser", "法律顾问", N_("Legal Adviser") },
};

static gboolean
lookup_name (const Name *names,
             guint       n_names,
             const char *str,
             guint      *index)
{
  g_autofree char *stripped = NULL;

  if (str == NULL)
    return FALSE;

  /* The database holds the keys exactly: find those without copying. */
  for (guint i = 0; i < n_names; i++)
    if (strcmp (str, names[i].key) == 0)
      {
        *index = i;
        return TRUE;
      }

  stripped = g_strstrip (g_strdup (str));
  for (guint i = 0; i < n_names; i++)
    {
      if (g_ascii_strcasecmp (stripped, names[i].key) == 0 ||
          g_strcmp0 (stripped, names[i].zh) == 0 ||
          g_ascii_strcasecmp (stripped, names[i].label) == 0)
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
shequ_tier_to_key (ShequTier tier)
{
  g_return_val_if_fail (tier < SHEQU_N_TIERS, NULL);
  return tier_names[tier].key;
}

gboolean
shequ_tier_from_string (const char *str,
                        ShequTier  *tier)
{
  guint i;

  /* Also accept a few common long forms seen in spreadsheets. */
  if (g_strcmp0 (str, "村庄") == 0 || g_strcmp0 (str, "行政村") == 0)
    str = "村";
  else if (g_strcmp0 (str, "管理区") == 0 || g_strcmp0 (str, "管区") == 0)
    str = "片区";

  if (!lookup_name (tier_names, SHEQU_N_TIERS, str, &i))
    return FALSE;
  *tier = i;
  return TRUE;
}

const char *
shequ_tier_get_chinese_name (ShequTier tier)
{
  g_return_val_if_fail (tier < SHEQU_N_TIERS, NULL);
  return tier_names[tier].zh;
}

const char *
shequ_tier_get_label (ShequTier tier)
{
  g_return_val_if_fail (tier < SHEQU_N_TIERS, NULL);
  return _(tier_names[tier].label);
}

/* Chinese institutional names are proper names, not UI text: they are the same under
 * every UI language, so they are not translated. */
char *
shequ_tier_make_party_body (ShequTier   tier,
                            const char *name)
{
  switch (tier)
    {
    case SHEQU_TIER_STREET:    return g_strconcat (name, "党工委", NULL);
    case SHEQU_TIER_AREA:      return g_strconcat (name, "党委", NULL);
    case SHEQU_TIER_COMMUNITY: return g_strconcat (name, "党总支", NULL);
    case SHEQU_TIER_VILLAGE:   return g_strconcat (name, "党支部", NULL);
    case SHEQU_TIER_GRID:      return g_strconcat (name, "支部", NULL);
    case SHEQU_N_TIERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
shequ_tier_make_service_body (ShequTier   tier,
                              const char *name)
{
  switch (tier)
    {
    case SHEQU_TIER_STREET:    return g_strconcat (name, "社区治理综合服务中心", NULL);
    case SHEQU_TIER_AREA:      return g_strconcat (name, "党群e家会客厅", NULL);
    case SHEQU_TIER_COMMUNITY: return g_strconcat (name, "居委会", NULL);
    case SHEQU_TIER_VILLAGE:   return g_strconcat (name, "委会", NULL);
    case SHEQU_TIER_GRID:      return g_strconcat (name, "服务站", NULL);
    case SHEQU_N_TIERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
shequ_tier_can_hold (ShequTier parent,
                     ShequTier child)
{
  switch (parent)
    {
    case SHEQU_TIER_STREET:    return child == SHEQU_TIER_AREA;
    case SHEQU_TIER_AREA:      return child == SHEQU_TIER_COMMUNITY || child == SHEQU_TIER_VILLAGE;
    case SHEQU_TIER_COMMUNITY: return child == SHEQU_TIER_GRID;
    case SHEQU_TIER_VILLAGE:
    case SHEQU_TIER_GRID:
    case SHEQU_N_TIERS:
    default:
      return FALSE;
    }
}

ShequTier
shequ_tier_default_child (ShequTier parent)
{
  switch (parent)
    {
    case SHEQU_TIER_STREET:    return SHEQU_TIER_AREA;
    case SHEQU_TIER_AREA:      return SHEQU_TIER_COMMUNITY;
    case SHEQU_TIER_COMMUNITY: return SHEQU_TIER_GRID;
    case SHEQU_TIER_VILLAGE:
    case SHEQU_TIER_GRID:
    case SHEQU_N_TIERS:
    default:
      return SHEQU_N_TIERS;
    }
}

const char *
shequ_role_to_key (ShequRole role)
{
  g_return_val_if_fail (role < SHEQU_N_ROLES, NULL);
  return role_names[role].key;
}

gboolean
shequ_role_from_string (const char *str,
                        ShequRole  *role)
{
  guint i;

  if (!lookup_name (role_names, SHEQU_N_ROLES, str, &i))
    return FALSE;
  *role = i;
  return TRUE;
}

const char *
shequ_role_get_label (ShequRole role)
{
  g_return_val_if_fail (role < SHEQU_N_ROLES, NULL);
  return _(role_names[role].label);
}

ShequUnitRow *
shequ_unit_row_new (void)
{
  return g_new0 (ShequUnitRow, 1);
}

ShequUnitRow *
shequ_unit_row_copy (const ShequUnitRow *row)
{
  ShequUnitRow *copy = g_memdup2 (row, sizeof *row);

  copy->code = g_strdup (row->code);
  copy->name = g_strdup (row->name);
  copy->party_body = g_strdup (row->party_body);
  copy->service_body = g_strdup (row->service_body);
  copy->note = g_strdup (row->note);
  return copy;
}

void
shequ_unit_row_free (ShequUnitRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->name);
  g_free (row->party_body);
  g_free (row->service_body);
  g_free (row->note);
  g_free (row);
}

ShequPersonRow *
shequ_person_row_new (void)
{
  return g_new0 (ShequPersonRow, 1);
}

ShequPersonRow *
shequ_person_row_copy (const ShequPersonRow *row)
{
  ShequPersonRow *copy = g_memdup2 (row, sizeof *row);

  copy->code = g_strdup (row->code);
  copy->name = g_strdup (row->name);
  copy->phone = g_strdup (row->phone);
  copy->note = g_strdup (row->note);
  return copy;
}

void
shequ_person_row_free (ShequPersonRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->name);
  g_free (row->phone);
  g_free (row->note);
  g_free (row);
}

ShequPostRow *
shequ_post_row_new (void)
{
  return g_new0 (ShequPostRow, 1);
}

ShequPostRow *
shequ_post_row_copy (const ShequPostRow *row)
{
  ShequPostRow *copy = g_memdup2 (row, sizeof *row);

  copy->title = g_strdup (row->title);
  return copy;
}

void
shequ_post_row_free (ShequPostRow *row)
{
  if (row == NULL)
    return;
  g_free (row->title);
  g_free (row);
}
