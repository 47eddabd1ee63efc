/* shequ-eval-store-load.c — every eval row read into memory; each period's matrix laid out */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-eval-store-private.h"

/* ---- Freeing ---------------------------------------------------------------------- */

void
_shequ_eval_target_free (EvalTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->row.code);
  g_free (target->row.name);
  g_free (target->row.unit_name);
  g_free (target->area_code);
  g_free (target->key);
  g_free (target);
}

void
_shequ_eval_assessor_free (EvalAssessor *assessor)
{
  if (assessor == NULL)
    return;
  g_free (assessor->row.name);
  g_free (assessor->row.submitted_at);
  g_clear_pointer (&assessor->assigned, g_array_unref);
  g_free (assessor);
}

void
_shequ_eval_period_free (EvalPeriod *period)
{
  if (period == NULL)
    return;
  shequ_period_row_free (period->row);
  g_clear_pointer (&period->assessors, g_ptr_array_unref);
  g_clear_pointer (&period->targets, g_ptr_array_unref);
  g_clear_pointer (&period->target_index, g_hash_table_unref);
  g_clear_pointer (&period->matrix, shequ_eval_matrix_free);
  g_clear_pointer (&period->results, shequ_eval_results_free);
  g_free (period);
}

guint
_shequ_cell_key_hash (gconstpointer key)
{
  const CellKey *cell = key;

  return g_int64_hash (&cell->assessor_id) * 31u + g_int64_hash (&cell->target_id) * 17u +
         g_int64_hash (&cell->indicator_id);
}

gboolean
_shequ_cell_key_equal (gconstpointer a,
                       gconstpointer b)
{
  return memcmp (a, b, sizeof (CellKey)) == 0;
}

EvalData *
_shequ_eval_data_new (void)
{
  EvalData *data = g_new0 (EvalData, 1);

  data->sets = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                      (GDestroyNotify) shequ_eval_set_def_free);
  data->indicators = g_hash_table_new (g_int64_hash, g_int64_equal);
  data->targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                         (GDestroyNotify) _shequ_eval_target_free);
  data->target_keys = g_hash_table_new (g_str_hash, g_str_equal);
  data->periods = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_eval_period_free);
  data->period_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  data->assessors = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                           (GDestroyNotify) _shequ_eval_assessor_free);
  data->comments = g_hash_table_new_full (_shequ_cell_key_hash, _shequ_cell_key_equal,
                                          g_free, g_free);
  data->flags = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_flag_row_free);
  data->flag_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  return data;
}

void
_shequ_eval_data_free (EvalData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->newest, g_ptr_array_unref);
  g_clear_pointer (&data->flag_ids, g_hash_table_unref);
  g_clear_pointer (&data->flags, g_ptr_array_unref);
  g_clear_pointer (&data->comments, g_hash_table_unref);
  g_clear_pointer (&data->period_ids, g_hash_table_unref);
  g_clear_pointer (&data->periods, g_ptr_array_unref);
  g_clear_pointer (&data->assessors, g_hash_table_unref);
  g_clear_pointer (&data->target_keys, g_hash_table_unref);
  g_clear_pointer (&data->targets, g_hash_table_unref);
  g_clear_pointer (&data->indicators, g_hash_table_unref);
  g_clear_pointer (&data->sets, g_hash_table_unref);
  g_free (data);
}

/* ---- Order ------------------------------------------------------------------------ */

/* By kind, area, code (unit code, then "/person code"), id. */
int
_shequ_eval_target_compare (gconstpointer a,
                            gconstpointer b)
{
  const EvalTarget *x = *(const EvalTarget **) a;
  const EvalTarget *y = *(const EvalTarget **) b;
  int c;

  if (x->row.kind != y->row.kind)
    return x->row.kind < y->row.kind ? -1 : 1;
  if ((c = strcmp (x->area_code, y->area_code)) != 0)
    return c;
  if ((c = strcmp (x->row.code, y->row.code)) != 0)
    return c;
  return x->row.id < y->row.id ? -1 : x->row.id > y->row.id;
}

static int
compare_assessors (gconstpointer a,
                   gconstpointer b)
{
  const EvalAssessor *x = *(const EvalAssessor **) a;
  const EvalAssessor *y = *(const EvalAssessor **) b;
  int c = g_utf8_collate (x->row.name, y->row.name);

  if (c != 0)
    return c;
  return x->row.id < y->row.id ? -1 : x->row.id > y->row.id;
}

static int
compare_periods (gconstpointer a,
                 gconstpointer b)
{
  const EvalPeriod *x = *(const EvalPeriod **) a;
  const EvalPeriod *y = *(const EvalPeriod **) b;
  int c = strcmp (x->row->starts, y->row->starts);

  if (c != 0)
    return c;
  return x->row->id < y->row->id ? -1 : x->row->id > y->row->id;
}

void
_shequ_eval_data_sort_periods (EvalData *data)
{
  g_ptr_array_sort (data->periods, compare_periods);
}

/* Newest period first, then by target order. */
static int
compare_flags (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  EvalData *data = user_data;
  const ShequFlagRow *x = *(const ShequFlagRow **) a;
  const ShequFlagRow *y = *(const ShequFlagRow **) b;
  EvalPeriod *px = g_hash_table_lookup (data->period_ids, &x->period_id);
  EvalPeriod *py = g_hash_table_lookup (data->period_ids, &y->period_id);
  EvalTarget *tx = g_hash_table_lookup (data->targets, &x->target_id);
  EvalTarget *ty = g_hash_table_lookup (data->targets, &y->target_id);
  int c;

  if (px != py && px != NULL && py != NULL && (c = compare_periods (&py, &px)) != 0)
    return c;
  if (tx != ty && tx != NULL && ty != NULL && (c = _shequ_eval_target_compare (&tx, &ty)) != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

void
_shequ_eval_data_sort_flags (EvalData *data)
{
  g_ptr_array_sort_with_data (data->flags, compare_flags, data);
}

/* ---- Matrices ----------------------------------------------------------------------- */

/* A map from the old layout (assessor index, target index) to the new one, so that the
 * cells that stay keep their scores. */
void
_shequ_eval_period_rebuild (EvalData              *data,
                            EvalPeriod            *period,
                            const ShequEvalSetDef *set)
{
  g_autoptr(ShequEvalMatrix) old_matrix = g_steal_pointer (&period->matrix);
  g_autoptr(GHashTable) old_index = g_steal_pointer (&period->target_index);
  guint n_indicators = set != NULL ? set->indicators->len : 0;
  guint old_n_assessors = 0;

  /* Scores carry over only while the indicators stay: a set changed in place is one no
   * period has scored with. */
  if (old_matrix != NULL && shequ_eval_matrix_get_n_indicators (old_matrix) == n_indicators)
    old_n_assessors = shequ_eval_matrix_get_n_assessors (old_matrix);

  g_ptr_array_sort (period->assessors, compare_assessors);

  g_ptr_array_set_size (period->targets, 0);
  period->target_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint a = 0; a < period->assessors->len; a++)
    {
      EvalAssessor *assessor = g_ptr_array_index (period->assessors, a);

      for (guint i = 0; i < assessor->assigned->len; i++)
        {
          gint64 id = g_array_index (assessor->assigned, gint64, i);
          EvalTarget *target = g_hash_table_lookup (data->targets, &id);

          if (target != NULL && !g_hash_table_contains (period->target_index, &id))
            {
              g_hash_table_add (period->target_index, &target->row.id);
              g_ptr_array_add (period->targets, target);
            }
        }
    }
  g_ptr_array_sort (period->targets, _shequ_eval_target_compare);
  for (guint t = 0; t < period->targets->len; t++)
    {
      EvalTarget *target = g_ptr_array_index (period->targets, t);

      g_hash_table_insert (period->target_index, &target->row.id, GUINT_TO_POINTER (t + 1));
    }

  period->matrix = shequ_eval_matrix_new (period->assessors->len, period->targets->len,
                                          n_indicators);
  for (guint i = 0; i < n_indicators; i++)
    {
      const ShequIndicatorRow *indicator = g_ptr_array_index (set->indicators, i);

      shequ_eval_matrix_set_indicator (period->matrix, i, indicator->weight,
                                       indicator->max_score);
    }
  g_clear_pointer (&period->results, shequ_eval_results_free);

  for (guint a = 0; a < period->assessors->len; a++)
    {
      EvalAssessor *assessor = g_ptr_array_index (period->assessors, a);
      /* Until now INDEX is the assessor's old slot, or G_MAXUINT for a new one. */
      guint was = assessor->index < old_n_assessors ? assessor->index : G_MAXUINT;

      assessor->index = a;
      for (guint i = 0; i < assessor->assigned->len; i++)
        {
          gint64 id = g_array_index (assessor->assigned, gint64, i);
          guint t = GPOINTER_TO_UINT (g_hash_table_lookup (period->target_index, &id));
          guint old_t;

          if (t == 0)
            continue;
          shequ_eval_matrix_set_assigned (period->matrix, a, t - 1, TRUE);
          if (was == G_MAXUINT || old_index == NULL ||
              (old_t = GPOINTER_TO_UINT (g_hash_table_lookup (old_index, &id))) == 0 ||
              !shequ_eval_matrix_get_assigned (old_matrix, was, old_t - 1))
            continue;
          {
            const ShequScore *row = shequ_eval_matrix_get_row (old_matrix, was, old_t - 1);

            for (guint k = 0; k < n_indicators; k++)
              if (row[k] != SHEQU_SCORE_NONE)
                shequ_eval_matrix_set (period->matrix, a, t - 1, k, row[k]);
          }
        }
    }
}

/* ---- Reading ------------------------------------------------------------------------ */

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static guint64
mix (guint64 hash,
     guint64 value)
{
  return (hash ^ value) * G_GUINT64_CONSTANT (1099511628211);
}

static guint64
mix_text (guint64     hash,
          const char *text)
{
  return mix (hash, text != NULL ? g_str_hash (text) : 7);
}

typedef struct {
  ShequEvalStore *self;
  EvalData       *data;
  gint64          data_version;
  gint64          audit_seq;
} LoadState;

/* A key the database's CHECK constraints keep valid; a damaged file is named. */
static gboolean
damaged (ShequEvalStore  *self,
         const char      *table,
         gint64           id,
         GError         **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID,
               _("The database “%s” is damaged: row %s of the table %s holds a value Shequ "
                 "does not know. Restore it from a backup."),
               shequ_database_get_path (self->db), id_text, table);
  return FALSE;
}

#define STEP_ROWS(stmt, rc) while (((rc) = sqlite3_step (stmt)) == SQLITE_ROW)
#define CHECK_DONE(self, rc, error)                                          \
  if ((rc) != SQLITE_DONE)                                                   \
    return shequ_database_set_error ((self)->db, (rc), (error))

static gboolean
load_sets (LoadState  *state,
           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (state->self->db,
                                 "SELECT id, family, version, kind, name, combine, green_min, "
                                 "orange_min, comment_below, created_at FROM eval_set", error);
  if (stmt == NULL)
    return FALSE;
  STEP_ROWS (stmt, rc)
    {
      ShequEvalSetDef *def = shequ_eval_set_def_new (SHEQU_EVAL_KIND_CADRE, NULL);
      ShequEvalSetRow *set = def->set;

      set->id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (state->data->sets, &set->id, def);
      set->family = sqlite3_column_int64 (stmt, 1);
      set->version = sqlite3_column_int (stmt, 2);
      g_free (set->name);
      set->name = column_dup (stmt, 4);
      set->green_min = sqlite3_column_double (stmt, 6);
      set->orange_min = sqlite3_column_double (stmt, 7);
      set->comment_below = sqlite3_column_double (stmt, 8);
      set->created_at = column_dup (stmt, 9);
      if (!shequ_eval_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &set->kind) ||
          !shequ_eval_combine_from_string ((const char *) sqlite3_column_text (stmt, 5),
                                           &set->combine))
        return damaged (state->self, "eval_set", set->id, error);
      state->data->sets_fingerprint = mix_text (mix (state->data->sets_fingerprint, set->id),
                                                set->name);
    }
  CHECK_DONE (state->self, rc, error);
  return TRUE;
}

static gboolean
load_indicators (LoadState  *state,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (state->self->db,
                                 "SELECT id, set_id, code, category, name, weight, max_score, "
                                 "guidance FROM eval_indicator ORDER BY set_id, position, id",
                                 error);
  if (stmt == NULL)
    return FALSE;
  STEP_ROWS (stmt, rc)
    {
      ShequIndicatorRow *row = shequ_indicator_row_new ();
      gint64 set_id = sqlite3_column_int64 (stmt, 1);
      ShequEvalSetDef *def = g_hash_table_lookup (state->data->sets, &set_id);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->set_id = set_id;
      row->code = column_dup (stmt, 2);
      row->category = column_dup (stmt, 3);
      row->name = column_dup (stmt, 4);
      row->weight = sqlite3_column_double (stmt, 5);
      row->max_score = sqlite3_column_int (stmt, 6);
      row->guidance = column_dup (stmt, 7);
      if (def == NULL)
        {
          shequ_indicator_row_free (row);
          return damaged (state->self, "eval_indicator", sqlite3_column_int64 (stmt, 0), error);
        }
      row->position = def->indicators->len;
      g_ptr_array_add (def->indicators, row);
      g_hash_table_insert (state->data->indicators, &row->id, row);
      state->data->sets_fingerprint =
        mix (mix_text (state->data->sets_fingerprint, row->code),
             (guint64) (row->weight * 1000) ^ ((guint64) row->max_score << 20));
    }
  CHECK_DONE (state->self, rc, error);
  return TRUE;
}

static gboolean
load_rules (LoadState  *state,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (state->self->db,
                                 "SELECT id, set_id, band, count, within, action "
                                 "FROM eval_flag_rule ORDER BY set_id, id", error);
  if (stmt == NULL)
    return FALSE;
  STEP_ROWS (stmt, rc)
    {
      g_autoptr(ShequFlagRuleRow) row = shequ_flag_rule_row_new ();
      ShequEvalSetDef *def;

      row->id = sqlite3_column_int64 (stmt, 0);
      row->set_id = sqlite3_column_int64 (stmt, 1);
      row->count = sqlite3_column_int (stmt, 3);
      row->within = sqlite3_column_int (stmt, 4);
      def = g_hash_table_lookup (state->data->sets, &row->set_id);
      if (def == NULL ||
          !shequ_band_from_string ((const char *) sqlite3_column_text (stmt, 2), &row->band) ||
          !shequ_flag_action_from_string ((const char *) sqlite3_column_text (stmt, 5),
                                          &row->action))
        return damaged (state->self, "eval_flag_rule", row->id, error);
      state->data->sets_fingerprint = mix (state->data->sets_fingerprint,
                                           row->id * 64 + row->count * 8 + row->within);
      g_ptr_array_add (def->flag_rules, g_steal_pointer (&row));
    }
  CHECK_DONE (state->self, rc, error);
  return TRUE;
}

static gboolean
load_targets (LoadState  *state,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (state->self->db,
                                 "SELECT id, kind, unit_id, person_id, code, name, unit_name, "
                                 "area_id FROM eval_target", error);
  if (stmt == NULL)
    return FALSE;
  STEP_ROWS (stmt, rc)
    {
      EvalTarget *target = g_new0 (EvalTarget, 1);

      target->row.id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (state->data->targets, &target->row.id, target);
      target->row.unit_id = sqlite3_column_int64 (stmt, 2);
      target->row.person_id = sqlite3_column_int64 (stmt, 3);
      target->row.code = column_dup (stmt, 4);
      target->row.name = column_dup (stmt, 5);
      target->row.unit_name = column_dup (stmt, 6);
      target->row.area_id = sqlite3_column_int64 (stmt, 7);
      target->area_code = g_strdup ("");
      if (!shequ_eval_kind_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                        &target->row.kind))
        return damaged (state->self, "eval_target", target->row.id, error);
      target->key = g_strdup_printf ("%d/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                     target->row.kind, target->row.unit_id,
                                     target->row.person_id);
      g_hash_table_insert (state->data->target_keys, target->key, target);
      state->data->max_target_id = MAX (state->data->max_target_id, target->row.id);
      _shequ_eval_store_place_target (state->self, target);
    }
  CHECK_DONE (state->self, rc, error);
  state->data->sets_fingerprint = mix (state->data->sets_fingerprint,
                                       state->data->max_target_id);
  return TRUE;
}

static gboolean
load_periods (LoadState  *state,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (state->self->db,
                                 "SELECT id, set_id, kind, label, starts, ends, state "
                                 "FROM eval_period", error);
  if (stmt == NULL)
    return FALSE;
  STEP_ROWS (stmt, rc)
    {
      EvalPeriod *period = g_new0 (EvalPeriod, 1);
      ShequPeriodRow *row = shequ_period_row_new ();

      period->row = row;
      period->assessors = g_ptr_array_new ();
      period->targets = g_ptr_array_new ();
      g_ptr_array_add (state->data->periods, period);
      row->id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (state->data->period_ids, &row->id, period);
      row->set_id = sqlite3_column_int64 (stmt, 1);
      row->label = column_dup (stmt, 3);
      row->starts = column_dup (stmt, 4);
      row->ends = column_dup (stmt, 5);
      if (!g_hash_table_contains (state->data->sets, &row->set_id) ||
          !shequ_period_kind_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                          &row->kind) ||
          !shequ_period_state_from_string ((const char *) sqlite3_column_text (stmt, 6),
                                           &row->state))
        return damaged (state->self, "eval_period", row->id, error);
      period->fingerprint = mix_text (mix (mix (0, row->set_id), row->state), row->label);
    }
  CHECK_DONE (state->self, rc, error);
  _shequ_eval_data_sort_periods (state->data);
  return TRUE;
}

static gboolean
load_assessors (LoadState  *state,
                GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (state->self->db,
                                 "SELECT id, period_id, person_id, name, submitted_at "
                                 "FROM eval_assessor", error);
  if (stmt == NULL)
    return FALSE;
  STEP_ROWS (stmt, rc)
    {
      EvalAssessor *assessor = g_new0 (EvalAssessor, 1);
      gint64 period_id = sqlite3_column_int64 (stmt, 1);

      assessor->row.id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (state->data->assessors, &assessor->row.id, assessor);
      assessor->row.period_id = period_id;
      assessor->row.person_id = sqlite3_column_int64 (stmt, 2);
      assessor->row.name = column_dup (stmt, 3);
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        assessor->row.submitted_at = column_dup (stmt, 4);
      assessor->assigned = g_array_new (FALSE, FALSE, sizeof (gint64));
      assessor->index = G_MAXUINT;
      assessor->period = g_hash_table_lookup (state->data->period_ids, &period_id);
      if (assessor->period == NULL)
        return damaged (state->self, "eval_assessor", assessor->row.id, error);
      g_ptr_array_add (assessor->period->assessors, assessor);
      assessor->period->fingerprint =
        mix_text (mix (assessor->period->fingerprint, assessor->row.id),
                  assessor->row.submitted_at);
    }
  CHECK_DONE (state->self, rc, error);
  return TRUE;
}

static gboolean
load_assignments (LoadState  *state,
                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  EvalAssessor *assessor = NULL;
  int rc;

  stmt = shequ_database_prepare (state->self->db,
                                 "SELECT assessor_id, target_id FROM eval_assignment", error);
  if (stmt == NULL)
    return FALSE;
  STEP_ROWS (stmt, rc)
    {
      gint64 assessor_id = sqlite3_column_int64 (stmt, 0);
      gint64 target_id = sqlite3_column_int64 (stmt, 1);

      if (assessor == NULL || assessor->row.id != assessor_id)
        assessor = g_hash_table_lookup (state->data->assessors, &assessor_id);
      if (assessor == NULL)
        return damaged (state->self, "eval_assignment", assessor_id, error);
      g_array_append_val (assessor->assigned, target_id);
      assessor->period->fingerprint = mix (assessor->period->fingerprint, target_id);
    }
  CHECK_DONE (state->self, rc, error);
  return TRUE;
}

/* 1.5 million rows in primary key order: the assessor changes rarely, the target every
 * few rows, so both are looked up only when they change. */
static gboolean
load_scores (LoadState  *state,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  EvalAssessor *assessor = NULL;
  gint64 last_target = 0;
  guint t = 0;
  int rc;

  stmt = shequ_database_prepare (state->self->db,
                                 "SELECT assessor_id, target_id, indicator_id, value, comment "
                                 "FROM eval_score", error);
  if (stmt == NULL)
    return FALSE;
  STEP_ROWS (stmt, rc)
    {
      gint64 assessor_id = sqlite3_column_int64 (stmt, 0);
      gint64 target_id = sqlite3_column_int64 (stmt, 1);
      gint64 indicator_id = sqlite3_column_int64 (stmt, 2);
      ShequScore value = sqlite3_column_int (stmt, 3);
      ShequIndicatorRow *indicator;
      EvalPeriod *period;

      if (assessor == NULL || assessor->row.id != assessor_id)
        {
          assessor = g_hash_table_lookup (state->data->assessors, &assessor_id);
          last_target = 0;
        }
      if (assessor == NULL)
        continue;
      period = assessor->period;
      if (target_id != last_target)
        {
          t = GPOINTER_TO_UINT (g_hash_table_lookup (period->target_index, &target_id));
          last_target = target_id;
        }
      indicator = g_hash_table_lookup (state->data->indicators, &indicator_id);
      if (t == 0 || indicator == NULL || indicator->set_id != period->row->set_id ||
          !shequ_eval_matrix_get_assigned (period->matrix, assessor->index, t - 1))
        {
          g_warning ("Skipping the score of assessor %" G_GINT64_FORMAT " for target %"
                     G_GINT64_FORMAT ", indicator %" G_GINT64_FORMAT ": not on their sheet",
                     assessor_id, target_id, indicator_id);
          continue;
        }
      shequ_eval_matrix_set (period->matrix, assessor->index, t - 1, indicator->position, value);
      period->fingerprint = mix (period->fingerprint,
                                 (guint64) value * 31 + target_id * 7 + indicator_id);
      if (sqlite3_column_bytes (stmt, 4) > 0)
        {
          CellKey *key = g_new (CellKey, 1);

          *key = (CellKey) { assessor_id, target_id, indicator_id };
          g_hash_table_insert (state->data->comments, key, column_dup (stmt, 4));
          period->fingerprint = mix_text (period->fingerprint,
                                          (const char *) sqlite3_column_text (stmt, 4));
        }
    }
  CHECK_DONE (state->self, rc, error);
  return TRUE;
}

static gboolean
load_flags (LoadState  *state,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (state->self->db,
                                 "SELECT id, rule_id, target_id, period_id, action, state, note, "
                                 "updated_at FROM eval_flag", error);
  if (stmt == NULL)
    return FALSE;
  STEP_ROWS (stmt, rc)
    {
      ShequFlagRow *row = shequ_flag_row_new ();

      row->id = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (state->data->flags, row);
      g_hash_table_insert (state->data->flag_ids, &row->id, row);
      row->rule_id = sqlite3_column_int64 (stmt, 1);
      row->target_id = sqlite3_column_int64 (stmt, 2);
      row->period_id = sqlite3_column_int64 (stmt, 3);
      row->note = column_dup (stmt, 6);
      row->updated_at = column_dup (stmt, 7);
      if (!shequ_flag_action_from_string ((const char *) sqlite3_column_text (stmt, 4),
                                          &row->action) ||
          !shequ_flag_state_from_string ((const char *) sqlite3_column_text (stmt, 5),
                                         &row->state))
        return damaged (state->self, "eval_flag", row->id, error);
      state->data->flags_fingerprint =
        mix_text (mix (state->data->flags_fingerprint, row->id * 4 + row->state), row->note);
    }
  CHECK_DONE (state->self, rc, error);
  _shequ_eval_data_sort_flags (state->data);
  return TRUE;
}

gboolean
_shequ_eval_store_read_versions (ShequEvalStore  *self,
                                 gint64          *data_version,
                                 gint64          *audit_seq,
                                 GError         **error)
{
  static const char sql_version[] = "PRAGMA data_version";
  static const char sql_seq[] = "SELECT coalesce (max (seq), 0) FROM audit_log";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _shequ_eval_store_statement (self, sql_version, error)))
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return shequ_database_set_error (self->db, rc, error);
  *data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (!(stmt = _shequ_eval_store_statement (self, sql_seq, error)))
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return shequ_database_set_error (self->db, rc, error);
  *audit_seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_in_transaction (ShequDatabase  *db,
                     gpointer        user_data,
                     GError        **error)
{
  LoadState *state = user_data;

  if (!_shequ_eval_store_read_versions (state->self, &state->data_version, &state->audit_seq,
                                        error) ||
      !load_sets (state, error) ||
      !load_indicators (state, error) ||
      !load_rules (state, error) ||
      !load_targets (state, error) ||
      !load_periods (state, error) ||
      !load_assessors (state, error) ||
      !load_assignments (state, error))
    return FALSE;

  for (guint i = 0; i < state->data->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (state->data->periods, i);

      _shequ_eval_period_rebuild (state->data, period,
                                  g_hash_table_lookup (state->data->sets, &period->row->set_id));
    }
  return load_scores (state, error) && load_flags (state, error);
}

EvalData *
_shequ_eval_store_load_data (ShequEvalStore  *self,
                             GError         **error)
{
  g_autoptr(EvalData) data = _shequ_eval_data_new ();
  LoadState state = { self, data, 0, 0 };

  if (!shequ_database_read (self->db, load_in_transaction, &state, error))
    return NULL;
  data->data_version = state.data_version;
  data->audit_seq = state.audit_seq;
  return g_steal_pointer (&data);
}

void
_shequ_eval_store_sync_period_rows (ShequEvalStore *self)
{
  g_ptr_array_set_size (self->period_rows, 0);
  for (guint i = 0; i < self->data->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (self->data->periods, i);

      g_ptr_array_add (self->period_rows, period->row);
    }
}

void
_shequ_eval_store_take_data (ShequEvalStore *self,
                             EvalData       *data)
{
  g_clear_pointer (&self->data, _shequ_eval_data_free);
  self->data = data;
  self->data_version = data->data_version;
  self->audit_seq = data->audit_seq;
  _shequ_eval_store_forget_kind_targets (self);
  _shequ_eval_store_sync_period_rows (self);
}
