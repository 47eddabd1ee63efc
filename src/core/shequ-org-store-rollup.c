/* shequ-org-store-rollup.c — roll-ups of figures and roles, compliance, statistics */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

static void
compute_leader (ShequUnit *unit)
{
  ShequPost *director = NULL;
  const char *leader = "";

  g_assert (SHEQU_IS_UNIT (unit));

  for (guint i = 0; i < unit->posts->len; i++)
    {
      ShequPost *post = g_ptr_array_index (unit->posts, i);

      if (post->role == SHEQU_ROLE_SECRETARY)
        {
          director = post;
          break;
        }
      if (post->role == SHEQU_ROLE_DIRECTOR && director == NULL)
        director = post;
    }
  if (director != NULL)
    leader = director->person->name;
  _shequ_unit_set_string (unit, &unit->leader, leader, SHEQU_UNIT_PROP_LEADER);
}

static void
compute_compliance (ShequUnit *unit)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean compliant = TRUE;

  g_assert (SHEQU_IS_UNIT (unit));

  if (shequ_unit_is_checked (unit))
    {
      /* 平邑 practice: over 3,000 residents at least 5 mediators, else at least 3;
       * mediators of the community's grids count toward it. 一村一顾问. */
      guint required = unit->total_population > 3000 ? 5 : 3;
      guint mediators = unit->role_counts[SHEQU_ROLE_MEDIATOR];

      if (mediators < required)
        {
          compliant = FALSE;
          g_string_append_printf (text, _("Mediators %u/%u"), mediators, required);
        }
      if (unit->role_counts[SHEQU_ROLE_LEGAL_ADVISER] == 0)
        {
          if (!compliant)
            g_string_append (text, C_("list separator", ", "));
          compliant = FALSE;
          g_string_append (text, _("No legal adviser"));
        }
    }

  _shequ_unit_set_string (unit, &unit->compliance_text, text->str,
                          SHEQU_UNIT_PROP_COMPLIANCE_TEXT);
  if (unit->compliant != compliant)
    {
      unit->compliant = compliant;
      _shequ_unit_notify (unit, SHEQU_UNIT_PROP_COMPLIANT);
    }
}

/* A + B for roll-ups: saturates instead of overflowing, and counts a negative figure
 * (only a database edited by hand can hold one) as 0. */
static gint64
add_figure (gint64 a,
            gint64 b)
{
  gint64 sum;

  if (b <= 0)
    return a;
  if (__builtin_add_overflow (a, b, &sum))
    return G_MAXINT64;
  return sum;
}

static guint
add_count (guint a,
           guint b)
{
  guint sum;

  if (!g_uint_checked_add (&sum, a, b))
    return G_MAXUINT;
  return sum;
}

/* Recomputes UNIT's roll-ups from its own figures and its children's roll-ups. */
void
_shequ_org_store_compute_rollup (ShequUnit *unit,
                                 gboolean   notify)
{
  gint64 population = add_figure (0, unit->population);
  gint64 households = add_figure (0, unit->households);
  guint grids = unit->tier == SHEQU_TIER_GRID ? 1 : 0;
  guint roles[SHEQU_N_ROLES];

  memcpy (roles, unit->own_role_counts, sizeof roles);
  for (guint i = 0; i < unit->children->len; i++)
    {
      ShequUnit *child = g_ptr_array_index (unit->children, i);

      population = add_figure (population, child->total_population);
      households = add_figure (households, child->total_households);
      grids = add_count (grids, child->grid_count);
      for (guint r = 0; r < SHEQU_N_ROLES; r++)
        roles[r] = add_count (roles[r], child->role_counts[r]);
    }
  memcpy (unit->role_counts, roles, sizeof roles);

  if (unit->total_population != population)
    {
      unit->total_population = population;
      if (notify)
        _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TOTAL_POPULATION);
    }
  if (unit->total_households != households)
    {
      unit->total_households = households;
      if (notify)
        _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TOTAL_HOUSEHOLDS);
    }
  if (unit->grid_count != grids)
    {
      unit->grid_count = grids;
      if (notify)
        _shequ_unit_notify (unit, SHEQU_UNIT_PROP_GRID_COUNT);
    }
  compute_leader (unit);
  compute_compliance (unit);
}

void
shequ_org_store_get_stats (ShequOrgStore *self,
                           ShequOrgStats *stats)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (SHEQU_IS_ORG_STORE (self));
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  g_hash_table_iter_init (&iter, self->units);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ShequUnit *unit = value;

      switch (unit->tier)
        {
        case SHEQU_TIER_AREA:      stats->areas++; break;
        case SHEQU_TIER_COMMUNITY: stats->communities++; break;
        case SHEQU_TIER_VILLAGE:   stats->villages++; break;
        case SHEQU_TIER_GRID:      stats->grids++; break;
        case SHEQU_TIER_STREET:
        case SHEQU_N_TIERS:
        default:
          break;
        }
    }
  for (guint i = 0; i < self->roots->len; i++)
    {
      ShequUnit *root = g_ptr_array_index (self->roots, i);

      stats->population = add_figure (stats->population, root->total_population);
      stats->households = add_figure (stats->households, root->total_households);
      for (guint r = 0; r < SHEQU_N_ROLES; r++)
        stats->role_counts[r] = add_count (stats->role_counts[r], root->role_counts[r]);
    }
  stats->people = g_hash_table_size (self->persons);
  stats->violations = self->violations->len;
}
