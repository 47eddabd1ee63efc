/* shequ-eval-store-targets.c — what is graded, made from the organisation on first use */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-store"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-eval-store-private.h"
#include "shequ-person.h"

static ShequUnit *
find_area (ShequUnit *unit)
{
  for (; unit != NULL; unit = shequ_unit_get_parent (unit))
    if (shequ_unit_get_tier (unit) == SHEQU_TIER_AREA)
      return unit;
  return NULL;
}

void
_shequ_eval_store_place_target (ShequEvalStore *self,
                                EvalTarget     *target)
{
  ShequUnit *unit = shequ_org_store_lookup_unit (self->org, target->row.unit_id);
  ShequUnit *area;

  /* While the unit exists its area is the one it is under now; once it is gone, the
   * one it was under when the target was made. */
  if (unit != NULL)
    {
      area = find_area (unit);
      target->row.area_id = area != NULL ? shequ_unit_get_id (area) : 0;
    }
  else
    area = target->row.area_id != 0
           ? shequ_org_store_lookup_unit (self->org, target->row.area_id) : NULL;
  g_free (target->area_code);
  target->area_code = g_strdup (area != NULL ? shequ_unit_get_code (area) : "");
}

void
_shequ_eval_store_forget_kind_targets (ShequEvalStore *self)
{
  for (guint k = 0; k < SHEQU_EVAL_N_KINDS; k++)
    g_clear_pointer (&self->kind_targets[k], g_ptr_array_unref);
}

static gboolean
is_graded_tier (ShequUnit *unit)
{
  ShequTier tier = shequ_unit_get_tier (unit);

  return tier == SHEQU_TIER_COMMUNITY || tier == SHEQU_TIER_VILLAGE;
}

static EvalTarget *
target_new (ShequEvalKind  kind,
            ShequUnit     *unit,
            ShequPerson   *person)
{
  EvalTarget *target = g_new0 (EvalTarget, 1);
  ShequUnit *area = find_area (unit);

  target->row.kind = kind;
  target->row.unit_id = shequ_unit_get_id (unit);
  target->row.person_id = person != NULL ? shequ_person_get_id (person) : 0;
  target->row.unit_name = g_strdup (shequ_unit_get_name (unit));
  target->row.area_id = area != NULL ? shequ_unit_get_id (area) : 0;
  target->area_code = g_strdup (area != NULL ? shequ_unit_get_code (area) : "");
  if (person != NULL)
    {
      target->row.code = g_strdup_printf ("%s/%s", shequ_unit_get_code (unit),
                                          shequ_person_get_code (person));
      target->row.name = g_strdup (shequ_person_get_name (person));
    }
  else
    {
      target->row.code = g_strdup (shequ_unit_get_code (unit));
      target->row.name = g_strdup (shequ_unit_get_name (unit));
    }
  target->key = g_strdup_printf ("%d/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, kind,
                                 target->row.unit_id, target->row.person_id);
  return target;
}

/* Every target the organisation has now, as new rows (ids 0), in no order. */
static GPtrArray *
collect_candidates (ShequEvalStore *self,
                    ShequEvalKind   kind)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_eval_target_free);

  if (kind == SHEQU_EVAL_KIND_COMMUNITY)
    {
      GPtrArray *units = shequ_org_store_get_units (self->org);

      for (guint i = 0; i < units->len; i++)
        if (is_graded_tier (g_ptr_array_index (units, i)))
          g_ptr_array_add (candidates, target_new (kind, g_ptr_array_index (units, i), NULL));
      return candidates;
    }

  {
    GListModel *people = shequ_org_store_get_people (self->org);
    guint n_people = g_list_model_get_n_items (people);

    for (guint i = 0; i < n_people; i++)
      {
        g_autoptr(ShequPerson) person = g_list_model_get_item (people, i);
        GListModel *posts = shequ_person_get_posts (person);
        guint n_posts = g_list_model_get_n_items (posts);
        g_autoptr(GHashTable) units = g_hash_table_new (NULL, NULL);

        for (guint p = 0; p < n_posts; p++)
          {
            g_autoptr(ShequPost) post = g_list_model_get_item (posts, p);
            ShequRole role = shequ_post_get_role (post);
            ShequUnit *unit = shequ_post_get_unit (post);

            if ((role == SHEQU_ROLE_SECRETARY || role == SHEQU_ROLE_DIRECTOR ||
                 role == SHEQU_ROLE_CADRE) && unit != NULL && is_graded_tier (unit) &&
                g_hash_table_add (units, unit))
              g_ptr_array_add (candidates, target_new (kind, unit, person));
          }
      }
  }
  return candidates;
}

static const char sql_insert_target[] =
  "INSERT INTO eval_target (kind, unit_id, person_id, code, name, unit_name, area_id) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (kind, unit_id, person_id) DO NOTHING";
static const char sql_find_target[] =
  "SELECT id, code, name, unit_name FROM eval_target "
  "WHERE kind = ?1 AND unit_id = ?2 AND person_id = ?3";

typedef struct {
  ShequEvalStore *self;
  GPtrArray      *missing;   /* EvalTarget*, ids filled in by the transaction */
} MakeTargets;

static gboolean
make_targets_in_transaction (ShequDatabase  *db,
                             gpointer        user_data,
                             GError        **error)
{
  MakeTargets *op = user_data;
  ShequEvalStore *self = op->self;
  gboolean reloaded;

  if (!_shequ_eval_store_catch_up (self, &reloaded, error))
    return FALSE;
  for (guint i = 0; i < op->missing->len; i++)
    {
      EvalTarget *target = g_ptr_array_index (op->missing, i);
      const char *kind = shequ_eval_kind_to_key (target->row.kind);
      sqlite3_stmt *stmt;
      int rc;

      if (!(stmt = _shequ_eval_store_statement (self, sql_insert_target, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, target->row.unit_id);
      sqlite3_bind_int64 (stmt, 3, target->row.person_id);
      sqlite3_bind_text (stmt, 4, target->row.code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, target->row.name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, target->row.unit_name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, target->row.area_id);
      if (!_shequ_eval_store_step_done (self, stmt, error))
        return FALSE;

      /* Another program may have made it first: its row is the one. */
      if (!(stmt = _shequ_eval_store_statement (self, sql_find_target, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, target->row.unit_id);
      sqlite3_bind_int64 (stmt, 3, target->row.person_id);
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return shequ_database_set_error (self->db, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc,
                                           error);
        }
      target->row.id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Writes the targets not made yet, and takes them in (a warning when the database
 * refuses: they are then left out until asked for again). */
static void
make_missing_targets (ShequEvalStore *self,
                      GPtrArray      *missing)
{
  g_autoptr(GError) error = NULL;
  MakeTargets op = { self, missing };

  if (!_shequ_eval_store_write (self, make_targets_in_transaction, &op, &error))
    {
      g_warning ("Cannot record the targets to grade: %s", error->message);
      g_ptr_array_set_size (missing, 0);
      return;
    }
  for (guint i = 0; i < missing->len; i++)
    {
      EvalTarget *target = g_ptr_array_index (missing, i);

      if (g_hash_table_contains (self->data->target_keys, target->key))
        continue;
      g_ptr_array_index (missing, i) = NULL;
      g_hash_table_insert (self->data->targets, &target->row.id, target);
      g_hash_table_insert (self->data->target_keys, target->key, target);
      self->data->max_target_id = MAX (self->data->max_target_id, target->row.id);
    }
  self->data->sets_fingerprint ^= (guint64) self->data->max_target_id << 7;
  _shequ_eval_store_emit_reloaded (self);
}

GPtrArray *
shequ_eval_store_get_targets (ShequEvalStore *self,
                              ShequEvalKind   kind)
{
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  GPtrArray *result;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  g_return_val_if_fail (kind < SHEQU_EVAL_N_KINDS, NULL);

  if (self->kind_targets[kind] != NULL)
    return self->kind_targets[kind];

  candidates = collect_candidates (self, kind);
  keys = g_ptr_array_new_full (candidates->len, g_free);
  missing = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_eval_target_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      EvalTarget *candidate = g_ptr_array_index (candidates, i);

      g_ptr_array_add (keys, g_strdup (candidate->key));
      if (!g_hash_table_contains (self->data->target_keys, candidate->key))
        {
          g_ptr_array_add (missing, candidate);
          g_ptr_array_index (candidates, i) = NULL;
        }
    }
  /* A read-only store (reports, the CLI's reading commands) grades what was made. */
  if (missing->len > 0 && !self->db->read_only)
    make_missing_targets (self, missing);

  result = g_ptr_array_new ();
  for (guint i = 0; i < keys->len; i++)
    {
      EvalTarget *target = g_hash_table_lookup (self->data->target_keys,
                                                g_ptr_array_index (keys, i));

      if (target == NULL)
        continue;
      _shequ_eval_store_place_target (self, target);
      g_ptr_array_add (result, target);
    }
  g_ptr_array_sort (result, _shequ_eval_target_compare);
  self->kind_targets[kind] = result;
  return result;
}
