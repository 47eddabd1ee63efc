/* shequ-eval-store-refresh.c — other programs' commits found, and read into memory */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-store"

#include "config.h"

#include "shequ-eval-store-private.h"

/* Whether another program changed the evaluation since memory was read: the database's
 * data_version moved, and so did the audit log (every change to the evaluation appends
 * to it) or the last target id (new targets are not logged). When only the organisation
 * moved, the new data_version is taken as read. */
gboolean
_shequ_eval_store_is_stale (ShequEvalStore  *self,
                            gboolean        *stale,
                            GError         **error)
{
  static const char sql[] = "SELECT coalesce (max (id), 0) FROM eval_target";
  sqlite3_stmt *stmt;
  gint64 version = 0;
  gint64 seq = 0;
  int rc;

  *stale = FALSE;
  if (!_shequ_eval_store_read_versions (self, &version, &seq, error))
    return FALSE;
  if (version == self->data_version)
    return TRUE;
  if (seq != self->audit_seq)
    {
      *stale = TRUE;
      return TRUE;
    }
  if (!(stmt = _shequ_eval_store_statement (self, sql, error)))
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return shequ_database_set_error (self->db, rc, error);
    }
  *stale = sqlite3_column_int64 (stmt, 0) != self->data->max_target_id;
  sqlite3_reset (stmt);
  if (!*stale)
    self->data_version = version;
  return TRUE;
}

gboolean
_shequ_eval_store_catch_up (ShequEvalStore  *self,
                            gboolean        *reloaded,
                            GError         **error)
{
  g_autoptr(EvalData) data = NULL;

  if (!_shequ_eval_store_is_stale (self, reloaded, error))
    return FALSE;
  if (!*reloaded)
    return TRUE;
  if (!(data = _shequ_eval_store_load_data (self, error)))
    return FALSE;
  _shequ_eval_store_take_data (self, g_steal_pointer (&data));
  self->reloaded = TRUE;
  return TRUE;
}

/* ---- Fingerprints, from memory ---------------------------------------------------------
 * Computed alike over what was just read and over memory as the local writes left it,
 * so a refresh reports only what another program changed (no write has to keep them:
 * fingerprints kept up by each write drifted from the loader's). Rows are summed, so the order they were read or
 * laid out in does not count. */

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
  return mix (hash, text != NULL ? g_str_hash (text) + 1 : 7);
}

static guint64
mix_double (guint64 hash,
            double  value)
{
  return mix (hash, (guint64) (gint64) (value * 1e6));
}

static guint64
set_fingerprint (const ShequEvalSetDef *def)
{
  const ShequEvalSetRow *set = def->set;
  guint64 hash = mix (mix (mix (mix (1, set->id), set->family), set->version), set->kind);

  hash = mix_text (mix (hash, set->combine), set->name);
  hash = mix_double (mix_double (mix_double (hash, set->green_min), set->orange_min),
                     set->comment_below);
  for (guint i = 0; i < def->indicators->len; i++)
    {
      const ShequIndicatorRow *row = g_ptr_array_index (def->indicators, i);

      hash = mix_text (mix_text (mix_text (mix (hash, row->id), row->code), row->name),
                       row->category);
      hash = mix_text (mix (mix_double (hash, row->weight), row->max_score), row->guidance);
    }
  for (guint i = 0; i < def->flag_rules->len; i++)
    {
      const ShequFlagRuleRow *rule = g_ptr_array_index (def->flag_rules, i);

      hash = mix (mix (mix (mix (mix (hash, rule->id), rule->band), rule->count),
                       rule->within), rule->action);
    }
  return hash;
}

static guint64
period_fingerprint (EvalData   *data,
                    EvalPeriod *period)
{
  const ShequPeriodRow *row = period->row;
  guint n_indicators = shequ_eval_matrix_get_n_indicators (period->matrix);
  const ShequEvalSetDef *set = g_hash_table_lookup (data->sets, &row->set_id);
  guint64 hash = mix (mix (mix (1, row->id), row->set_id), row->state);

  hash = mix_text (mix_text (mix_text (hash, row->label), row->starts), row->ends);
  for (guint a = 0; a < period->assessors->len; a++)
    {
      EvalAssessor *assessor = g_ptr_array_index (period->assessors, a);

      hash += mix_text (mix_text (mix (mix (1, assessor->row.id), assessor->row.person_id),
                                  assessor->row.name), assessor->row.submitted_at);
      for (guint i = 0; i < assessor->assigned->len; i++)
        hash += mix (mix (2, assessor->row.id), g_array_index (assessor->assigned, gint64, i));
      for (guint t = 0; t < period->targets->len; t++)
        {
          EvalTarget *target = g_ptr_array_index (period->targets, t);

          if (!shequ_eval_matrix_get_assigned (period->matrix, assessor->index, t))
            continue;
          for (guint k = 0; k < n_indicators; k++)
            {
              ShequScore value = shequ_eval_matrix_get (period->matrix, assessor->index, t, k);
              CellKey key = { assessor->row.id, target->row.id, 0 };

              if (value == SHEQU_SCORE_NONE)
                continue;
              if (set != NULL && k < set->indicators->len)
                key.indicator_id = ((ShequIndicatorRow *) g_ptr_array_index (set->indicators,
                                                                             k))->id;
              hash += mix_text (mix (mix (mix (3, assessor->row.id), target->row.id * 131 + k),
                                     (guint64) value),
                                g_hash_table_lookup (data->comments, &key));
            }
        }
    }
  return hash;
}

/* Sets DATA's fingerprints from what it holds. */
static void
fingerprint (EvalData *data)
{
  GHashTableIter iter;
  gpointer value;

  data->sets_fingerprint = mix (0, (guint64) data->max_target_id);
  g_hash_table_iter_init (&iter, data->sets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    data->sets_fingerprint += set_fingerprint (value);
  data->flags_fingerprint = data->flags->len;
  for (guint i = 0; i < data->flags->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (data->flags, i);
      guint64 hash = mix (mix (mix (mix (1, flag->id), flag->rule_id), flag->target_id),
                          flag->period_id);

      data->flags_fingerprint += mix_text (mix (mix (hash, flag->action), flag->state),
                                           flag->note);
    }
  for (guint i = 0; i < data->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (data->periods, i);

      period->fingerprint = period_fingerprint (data, period);
    }
}

static guint64
find_fingerprint (EvalData *data,
                  gint64    period_id)
{
  EvalPeriod *period = g_hash_table_lookup (data->period_ids, &period_id);

  return period != NULL ? period->fingerprint : 0;
}

gboolean
shequ_eval_store_refresh (ShequEvalStore  *self,
                          gboolean        *changed,
                          GError         **error)
{
  g_autoptr(GArray) changed_periods = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(EvalData) data = NULL;
  gboolean sets_changed, flags_changed;
  gboolean stale = FALSE;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (changed != NULL)
    *changed = FALSE;
  if (!_shequ_eval_store_is_stale (self, &stale, error))
    return FALSE;
  if (!stale)
    return TRUE;
  if (!(data = _shequ_eval_store_load_data (self, error)))
    return FALSE;

  fingerprint (data);
  fingerprint (self->data);
  sets_changed = data->sets_fingerprint != self->data->sets_fingerprint;
  flags_changed = data->flags_fingerprint != self->data->flags_fingerprint;
  for (guint i = 0; i < data->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (data->periods, i);

      if (period->fingerprint != find_fingerprint (self->data, period->row->id))
        g_array_append_val (changed_periods, period->row->id);
    }
  sets_changed |= data->periods->len != self->data->periods->len;
  _shequ_eval_store_take_data (self, g_steal_pointer (&data));

  if (changed != NULL)
    *changed = sets_changed || flags_changed || changed_periods->len > 0;
  /* Every row is new memory now, changed or not: whoever holds one reads them again. */
  _shequ_eval_store_emit (self, 0, "sets");
  for (guint i = 0; i < changed_periods->len; i++)
    _shequ_eval_store_emit (self, g_array_index (changed_periods, gint64, i), "scores");
  if (flags_changed)
    _shequ_eval_store_emit (self, 0, "flags");
  return TRUE;
}
