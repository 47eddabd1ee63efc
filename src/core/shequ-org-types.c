/* shequ-org-types.c — tiers, roles and row images */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-types"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-name-table.h"
#include "shequ-org-types.h"

static const ShequNameEntry tier_names[SHEQU_N_TIERS] = {
  { "street",    "街道", NULL, N_("Street") },
  { "area",      "片区", NULL, N_("Area") },
  { "community", "社区", NULL, N_("Community") },
  { "village",   "村",   NULL, N_("Village") },
  { "grid",      "网格", NULL, N_("Grid") },
};

static const ShequNameEntry role_names[SHEQU_N_ROLES] = {
  { "secretary",     "书记",     NULL, N_("Secretary") },
  { "director",      "主任",     NULL, N_("Director") },
  { "cadre",         "干部",     NULL, N_("Cadre") },
  { "grid_worker",   "网格员",   NULL, N_("Grid Worker") },
  { "mediator",      "调解员",   NULL, N_("Mediator") },
  { "volunteer",     "志愿者",   NULL, N_("Volunteer") },
  { "legal_adviser", "法律顾问", NULL, N_("Legal Adviser") },
  { "assessor",      "考核员",   NULL, N_("Assessor") },
};

/* Files name them by key, Chinese name or English label, whatever the UI language. */
static const ShequNameTable tiers = SHEQU_NAME_TABLE_INIT (tier_names, SHEQU_NAME_MATCH_ENGLISH);
static const ShequNameTable roles = SHEQU_NAME_TABLE_INIT (role_names, SHEQU_NAME_MATCH_ENGLISH);

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

  /* Also accept a few common long forms seen in spreadsheets, as typed. */
  if (g_strcmp0 (str, "村庄") == 0 || g_strcmp0 (str, "行政村") == 0)
    str = "村";
  else if (g_strcmp0 (str, "管理区") == 0 || g_strcmp0 (str, "管区") == 0)
    str = "片区";

  if (!shequ_name_table_lookup (&tiers, str, &i))
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
  return shequ_name_table_get_label (&tiers, tier);
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
          (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F))
        return TRUE;
    }
  return FALSE;
}

/* What the body names start with: the unit's name when it is Chinese; for a name in
 * another script ("New Area", typed in the English UI) the tier alone, so the body is
 * 片区党委 rather than "New Area党委". A grid's bodies carry its community's name too,
 * as in the sample street (振兴社区第一网格支部). */
static char *
body_base (ShequTier   tier,
           const char *name,
           const char *parent_name)
{
  const char *base = name != NULL && has_han (name) ? name : tier_names[tier].zh;

  if (tier == SHEQU_TIER_GRID && parent_name != NULL && has_han (parent_name) &&
      !g_str_has_prefix (base, parent_name))
    return g_strconcat (parent_name, base, NULL);
  return g_strdup (base);
}

/* Chinese institutional names are proper names, not UI text: they are the same under
 * every UI language, so they are not translated. */
char *
shequ_tier_derive_party_body (ShequTier   tier,
                              const char *name,
                              const char *parent_name)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (tier < SHEQU_N_TIERS, NULL);

  base = body_base (tier, name, parent_name);
  switch (tier)
    {
    case SHEQU_TIER_STREET:    return g_strconcat (base, "党工委", NULL);
    case SHEQU_TIER_AREA:      return g_strconcat (base, "党委", NULL);
    case SHEQU_TIER_COMMUNITY: return g_strconcat (base, "党总支", NULL);
    case SHEQU_TIER_VILLAGE:   return g_strconcat (base, "党支部", NULL);
    case SHEQU_TIER_GRID:      return g_strconcat (base, "支部", NULL);
    case SHEQU_N_TIERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
shequ_tier_derive_service_body (ShequTier   tier,
                                const char *name,
                                const char *parent_name)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (tier < SHEQU_N_TIERS, NULL);

  base = body_base (tier, name, parent_name);
  switch (tier)
    {
    case SHEQU_TIER_STREET:    return g_strconcat (base, "社区治理综合服务中心", NULL);
    case SHEQU_TIER_AREA:      return g_strconcat (base, "党群e家会客厅", NULL);
    case SHEQU_TIER_COMMUNITY: return g_strconcat (base, "居委会", NULL);
    /* 村委会: a village whose name lacks 村 still gets it. */
    case SHEQU_TIER_VILLAGE:   return g_strconcat (base, g_str_has_suffix (base, "村") ? "委会" : "村委会",
                                                   NULL);
    case SHEQU_TIER_GRID:      return g_strconcat (base, "服务站", NULL);
    case SHEQU_N_TIERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
shequ_tier_make_party_body (ShequTier   tier,
                            const char *name)
{
  return shequ_tier_derive_party_body (tier, name, NULL);
}

char *
shequ_tier_make_service_body (ShequTier   tier,
                              const char *name)
{
  return shequ_tier_derive_service_body (tier, name, NULL);
}

/* Whether BODY is what MAKE gives, or gave before body names ignored non-Chinese names
 * (name + suffix), for a unit of TIER called NAME under PARENT_NAME: then it follows a
 * rename. */
gboolean
shequ_tier_is_derived_body (const char *body,
                            gboolean    party,
                            ShequTier   tier,
                            const char *name,
                            const char *parent_name)
{
  g_autofree char *derived = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *legacy = NULL;

  g_return_val_if_fail (tier < SHEQU_N_TIERS, FALSE);

  if (body == NULL || body[0] == '\0')
    return TRUE;
  derived = party ? shequ_tier_derive_party_body (tier, name, parent_name)
                  : shequ_tier_derive_service_body (tier, name, parent_name);
  plain = party ? shequ_tier_derive_party_body (tier, name, NULL)
                : shequ_tier_derive_service_body (tier, name, NULL);
  if (g_str_equal (body, derived) || g_str_equal (body, plain))
    return TRUE;
  /* What add_unit wrote before: the name, whatever its script, then the suffix. */
  {
    g_autofree char *tier_base = party ? shequ_tier_derive_party_body (tier, NULL, NULL)
                                       : shequ_tier_derive_service_body (tier, NULL, NULL);
    const char *suffix = tier_base + strlen (tier_names[tier].zh);

    legacy = g_strconcat (name != NULL ? name : "", suffix, NULL);
  }
  return g_str_equal (body, legacy);
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

SHEQU_NAME_TABLE_DEFINE_FUNCS (shequ_role, ShequRole, roles, SHEQU_N_ROLES)

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
