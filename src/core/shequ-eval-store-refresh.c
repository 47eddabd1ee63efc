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

static guint64
period_fingerprint (EvalData *data,
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

  sets_changed = data->sets_fingerprint != self->data->sets_fingerprint;
  flags_changed = data->flags_fingerprint != self->data->flags_fingerprint;
  for (guint i = 0; i < data->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (data->periods, i);

      if (period->fingerprint != period_fingerprint (self->data, period->row->id))
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
