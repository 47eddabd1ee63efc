/* shequ-org-store-validate.c — checking a change against the rules before it is written */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store-private.h"
#include "shequ-text.h"

/* What a unit looks like once CHANGE is applied: its row, or NULL if it is gone. */
typedef struct {
  ShequOrgStore  *self;
  ShequOrgChange *change;
} After;

static gboolean
after_unit_exists (After  *after,
                   gint64  id)
{
  if (_shequ_org_rows_contains (&after->change->unit_puts, id))
    return TRUE;
  if (_shequ_org_rows_contains (&after->change->unit_deletes, id))
    return FALSE;
  return g_hash_table_contains (after->self->units, &id);
}

static gint64
after_parent_id (After  *after,
                 gint64  id)
{
  ShequUnitRow *row = _shequ_org_rows_lookup (&after->change->unit_puts, id);
  ShequUnit *unit;

  if (row != NULL)
    return row->parent_id;
  unit = g_hash_table_lookup (after->self->units, &id);
  return unit && unit->parent ? unit->parent->id : 0;
}

static ShequTier
after_tier (After  *after,
            gint64  id)
{
  ShequUnitRow *row = _shequ_org_rows_lookup (&after->change->unit_puts, id);
  ShequUnit *unit;

  if (row != NULL)
    return row->tier;
  unit = g_hash_table_lookup (after->self->units, &id);
  return unit ? unit->tier : SHEQU_N_TIERS;
}

static const char *
after_name (After  *after,
            gint64  id)
{
  ShequUnitRow *row = _shequ_org_rows_lookup (&after->change->unit_puts, id);
  ShequUnit *unit;

  if (row != NULL)
    return row->name;
  unit = g_hash_table_lookup (after->self->units, &id);
  return unit ? unit->name : "?";
}

/* Codes are unique after the change. */
static gboolean
validate_unit_code (After         *after,
                    ShequUnitRow  *row,
                    GHashTable    *codes_in_change,
                    GError       **error)
{
  ShequUnit *holder = g_hash_table_lookup (after->self->codes, row->code);


  if (holder != NULL && holder->id != row->id)
    {
      ShequUnitRow *holder_row = _shequ_org_rows_lookup (&after->change->unit_puts, holder->id);
      gboolean released = !after_unit_exists (after, holder->id) ||
                          (holder_row != NULL && g_strcmp0 (holder_row->code, row->code) != 0);

      if (!released)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_DUPLICATE_CODE,
                       _("The code %s of “%s” is already used by “%s”."),
                       row->code, row->name, holder->name);
          return FALSE;
        }
    }
  if (g_hash_table_contains (codes_in_change, row->code))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_DUPLICATE_CODE,
                   _("The code %s is given to more than one unit."), row->code);
      return FALSE;
    }
  g_hash_table_add (codes_in_change, row->code);
  return TRUE;
}

/* The parent exists, its tier can hold this one, and no loop of parents forms. */
static gboolean
validate_unit_parent (After         *after,
                      ShequUnitRow  *row,
                      GError       **error)
{
  gint64 cur;
  guint steps = 0, limit;

  if (row->parent_id == 0)
    {
      if (row->tier != SHEQU_TIER_STREET)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                       _("“%s” needs a parent unit: only a street stands at the top."),
                       row->name);
          return FALSE;
        }
      return TRUE;
    }
  if (row->parent_id == row->id)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE,
                   _("“%s” cannot be placed under itself."), row->name);
      return FALSE;
    }
  if (!after_unit_exists (after, row->parent_id))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_FOUND,
                   _("The parent unit of “%s” does not exist."), row->name);
      return FALSE;
    }
  if (!shequ_tier_can_hold (after_tier (after, row->parent_id), row->tier))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                   _("A %s cannot hold a %s: “%s” cannot go under “%s”."),
                   shequ_tier_get_label (after_tier (after, row->parent_id)),
                   shequ_tier_get_label (row->tier),
                   row->name, after_name (after, row->parent_id));
      return FALSE;
    }

  /* No loop of parents. */
  limit = g_hash_table_size (after->self->units) +
          _shequ_org_rows_get_n (&after->change->unit_puts) + 1;
  for (cur = row->parent_id; cur != 0 && steps < limit; cur = after_parent_id (after, cur), steps++)
    {
      if (cur == row->id)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE,
                       _("“%s” cannot go under “%s”: that is one of its own sub-units."),
                       row->name, after_name (after, row->parent_id));
          return FALSE;
        }
    }
  if (steps >= limit)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE,
                   _("The parents of “%s” form a loop."), row->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_unit_row (After         *after,
                   ShequUnitRow  *row,
                   GHashTable    *codes_in_change,
                   GError       **error)
{
  if (row->name == NULL || *g_strstrip (row->name) == '\0')
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("A unit needs a name (code %s)."), row->code ? row->code : "");
      return FALSE;
    }
  if (row->code == NULL || *g_strstrip (row->code) == '\0')
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("The unit “%s” needs a code."), row->name);
      return FALSE;
    }
  if (row->tier >= SHEQU_N_TIERS)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("The unit “%s” has no valid tier."), row->name);
      return FALSE;
    }
  if (row->population < 0 || row->households < 0)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NEGATIVE,
                   _("The population and households of “%s” cannot be negative."), row->name);
      return FALSE;
    }
  if (row->population > SHEQU_MAX_UNIT_FIGURE || row->households > SHEQU_MAX_UNIT_FIGURE)
    {
      g_autofree char *limit = shequ_text_format_count (SHEQU_MAX_UNIT_FIGURE);

      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("The population and households of “%s” must each be at most %s: "
                     "no grid or village is that large."), row->name, limit);
      return FALSE;
    }
  return validate_unit_code (after, row, codes_in_change, error) &&
         validate_unit_parent (after, row, error);
}

static gboolean
after_has_figures (After  *after,
                   gint64  id)
{
  ShequUnitRow *row = _shequ_org_rows_lookup (&after->change->unit_puts, id);
  ShequUnit *unit;

  if (row != NULL)
    return row->population != 0 || row->households != 0;
  unit = g_hash_table_lookup (after->self->units, &id);
  return unit != NULL && (unit->population != 0 || unit->households != 0);
}

static gboolean
refuse_figures_on_parent (const char  *name,
                          GError     **error)
{
  g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_LEAF,
               _("“%s” has sub-units: enter population and households on them; "
                 "its figures are their sum."), name);
  return FALSE;
}

/* Figures are entered on leaves only: after CHANGE, no unit with children has its own
 * population or households (they would be counted twice in every roll-up). */
static gboolean
validate_figures_on_leaves (After   *after,
                            GError **error)
{
  ShequOrgRows *puts = &after->change->unit_puts;

  for (guint i = 0, n = _shequ_org_rows_get_n (puts); i < n; i++)
    {
      ShequUnitRow *row = _shequ_org_rows_get (puts, i);
      ShequUnit *existing = g_hash_table_lookup (after->self->units, &row->id);
      gboolean placed = existing == NULL ||
                        (existing->parent != NULL ? existing->parent->id : 0) != row->parent_id;

      /* A new or moved child under a unit that keeps its figures. */
      if (placed && row->parent_id != 0 && after_has_figures (after, row->parent_id))
        return refuse_figures_on_parent (after_name (after, row->parent_id), error);

      if (row->population == 0 && row->households == 0)
        continue;
      /* Figures given to a unit whose children stay under it. Figures a database already
       * holds there (written before this rule) do not block other edits of the unit; they
       * can be cleared. */
      if (existing != NULL && existing->population == row->population &&
          existing->households == row->households)
        continue;
      if (existing != NULL)
        for (guint c = 0; c < existing->children->len; c++)
          {
            ShequUnit *child = g_ptr_array_index (existing->children, c);

            if (after_unit_exists (after, child->id) &&
                after_parent_id (after, child->id) == row->id)
              return refuse_figures_on_parent (row->name, error);
          }
    }
  return TRUE;
}

/* Children staying put must still fit a unit whose tier changed. */
static gboolean
validate_tier_change (After         *after,
                      ShequUnitRow  *row,
                      GError       **error)
{
  ShequUnit *existing = g_hash_table_lookup (after->self->units, &row->id);

  if (existing == NULL || existing->tier == row->tier)
    return TRUE;
  for (guint i = 0; i < existing->children->len; i++)
    {
      ShequUnit *child = g_ptr_array_index (existing->children, i);

      if (after_unit_exists (after, child->id) &&
          after_parent_id (after, child->id) == row->id &&
          !shequ_tier_can_hold (row->tier, after_tier (after, child->id)))
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                       _("“%s” cannot become a %s while it holds “%s”."),
                       row->name, shequ_tier_get_label (row->tier), child->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* What POST is once CHANGE is applied: its row (CHANGE's, else the post's own, in
 * SCRATCH), or NULL when the change deletes it. */
static ShequPostRow *
post_after (ShequOrgChange *change,
            ShequPost      *post,
            ShequPostRow   *scratch)
{
  ShequPostRow *row;

  if (_shequ_org_rows_contains (&change->post_deletes, post->id))
    return NULL;
  if ((row = _shequ_org_rows_lookup (&change->post_puts, post->id)) != NULL)
    return row;
  *scratch = (ShequPostRow) { post->id, post->person->id, post->unit->id, post->role, NULL };
  return scratch;
}

/* A unit deleted takes no child and no post with it that the change keeps. */
static gboolean
validate_unit_delete (After      *after,
                      ShequUnit  *unit,
                      GError    **error)
{
  for (guint i = 0; i < unit->children->len; i++)
    {
      ShequUnit *child = g_ptr_array_index (unit->children, i);

      if (after_unit_exists (after, child->id) && after_parent_id (after, child->id) == unit->id)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_HAS_CHILDREN,
                       _("“%s” cannot be deleted while it holds “%s”."),
                       unit->name, child->name);
          return FALSE;
        }
    }
  for (guint i = 0; i < unit->posts->len; i++)
    {
      ShequPost *post = g_ptr_array_index (unit->posts, i);
      ShequPostRow scratch;
      ShequPostRow *post_row = post_after (after->change, post, &scratch);

      if (post_row != NULL && post_row->unit_id == unit->id)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_HAS_CHILDREN,
                       _("“%s” cannot be deleted while %s holds a post there."),
                       unit->name, post->person->name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
validate_units (After   *after,
                GError **error)
{
  g_autoptr(GHashTable) codes_in_change = g_hash_table_new (g_str_hash, g_str_equal);
  ShequOrgChange *change = after->change;

  for (guint i = 0, n = _shequ_org_rows_get_n (&change->unit_puts); i < n; i++)
    {
      ShequUnitRow *row = _shequ_org_rows_get (&change->unit_puts, i);

      if (!validate_unit_row (after, row, codes_in_change, error) ||
          !validate_tier_change (after, row, error))
        return FALSE;
    }

  if (!validate_figures_on_leaves (after, error))
    return FALSE;

  for (guint i = 0, n = _shequ_org_rows_get_n (&change->unit_deletes); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (&change->unit_deletes, i);
      ShequUnit *unit = g_hash_table_lookup (after->self->units, &id);

      if (unit != NULL && !validate_unit_delete (after, unit, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
validate_person_row (After           *after,
                     ShequPersonRow  *row,
                     GHashTable      *codes_in_change,
                     GError         **error)
{
  ShequPerson *holder;

  if (row->name == NULL || *g_strstrip (row->name) == '\0')
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("A person needs a name (code %s)."), row->code ? row->code : "");
      return FALSE;
    }
  if (row->code == NULL || *g_strstrip (row->code) == '\0')
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("%s needs a person code."), row->name);
      return FALSE;
    }
  holder = g_hash_table_lookup (after->self->person_codes, row->code);
  if ((holder != NULL && holder->id != row->id &&
       !_shequ_org_rows_contains (&after->change->person_deletes, holder->id)) ||
      !g_hash_table_add (codes_in_change, row->code))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_DUPLICATE_CODE,
                   _("The person code %s of %s is already used."), row->code, row->name);
      return FALSE;
    }
  return TRUE;
}

/* A person removed holds no post the change keeps. */
static gboolean
validate_person_delete (After        *after,
                        ShequPerson  *person,
                        GError      **error)
{
  for (guint i = 0; i < person->posts->len; i++)
    {
      ShequPost *post = g_ptr_array_index (person->posts, i);
      ShequPostRow scratch;
      ShequPostRow *post_row = post_after (after->change, post, &scratch);

      if (post_row != NULL && post_row->person_id == person->id)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_HAS_CHILDREN,
                       _("%s cannot be removed while holding a post."), person->name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
validate_people (After   *after,
                 GError **error)
{
  g_autoptr(GHashTable) person_codes = g_hash_table_new (g_str_hash, g_str_equal);
  ShequOrgChange *change = after->change;
  ShequOrgStore *self = after->self;

  for (guint i = 0, n = _shequ_org_rows_get_n (&change->person_puts); i < n; i++)
    if (!validate_person_row (after, _shequ_org_rows_get (&change->person_puts, i),
                              person_codes, error))
      return FALSE;

  for (guint i = 0, n = _shequ_org_rows_get_n (&change->person_deletes); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (&change->person_deletes, i);
      ShequPerson *person = g_hash_table_lookup (self->persons, &id);

      if (person != NULL && !validate_person_delete (after, person, error))
        return FALSE;
    }

  for (guint i = 0, n = _shequ_org_rows_get_n (&change->post_puts); i < n; i++)
    {
      ShequPostRow *row = _shequ_org_rows_get (&change->post_puts, i);
      gboolean person_ok = _shequ_org_rows_contains (&change->person_puts, row->person_id) ||
                           (g_hash_table_contains (self->persons, &row->person_id) &&
                            !_shequ_org_rows_contains (&change->person_deletes, row->person_id));

      if (!person_ok || !after_unit_exists (after, row->unit_id) || row->role >= SHEQU_N_ROLES)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_FOUND,
                       _("A post refers to a person or unit that does not exist."));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_shequ_org_store_validate_change (ShequOrgStore   *self,
                                  ShequOrgChange  *change,
                                  GError         **error)
{
  After after = { self, change };

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);

  return validate_units (&after, error) && validate_people (&after, error) &&
         _shequ_org_store_validate_geo (self, change, error);
}
