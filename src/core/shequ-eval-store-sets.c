/* shequ-eval-store-sets.c — indicator sets checked, saved in place or as a new version */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shequ-eval-store-private.h"

#define invalid(error, ...) _shequ_eval_set_error ((error), SHEQU_EVAL_ERROR_INVALID, __VA_ARGS__)

ShequEvalSetDef *
shequ_eval_set_def_new_default (ShequEvalKind  kind,
                                const char    *name)
{
  static const struct {
    ShequBand       band;
    guint           count;
    ShequFlagAction action;
  } rules[] = {
    { SHEQU_BAND_RED, 2, SHEQU_FLAG_ACTION_INTERVIEW },
    { SHEQU_BAND_ORANGE, 3, SHEQU_FLAG_ACTION_WARNING },
  };
  ShequEvalSetDef *def;

  g_return_val_if_fail (kind < SHEQU_EVAL_N_KINDS, NULL);

  def = shequ_eval_set_def_new (kind, name);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      ShequFlagRuleRow *rule = shequ_flag_rule_row_new ();

      rule->band = rules[i].band;
      rule->count = rules[i].count;
      rule->within = rules[i].count;
      rule->action = rules[i].action;
      g_ptr_array_add (def->flag_rules, rule);
    }
  return def;
}

static gboolean
check_indicators (const ShequEvalSetDef  *def,
                  GError                **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *max_text = shequ_score_format (SHEQU_SCORE_MAX);

  for (guint i = 0; i < def->indicators->len; i++)
    {
      const ShequIndicatorRow *row = g_ptr_array_index (def->indicators, i);
      g_autofree char *position = g_strdup_printf ("%u", i + 1);

      if (_shequ_eval_is_blank (row->code))
        return invalid (error, _("Indicator %s of the set “%s” has no code."),
                        position, def->set->name);
      if (_shequ_eval_is_blank (row->name))
        return invalid (error, _("Indicator %s of the set “%s” has no name."),
                        row->code, def->set->name);
      if (!g_hash_table_add (codes, row->code))
        return invalid (error, _("The code %s is used by two indicators of the set “%s”."),
                        row->code, def->set->name);
      if (!isfinite (row->weight) || row->weight < 0)
        return invalid (error, _("The weight of the indicator “%s” must be 0 or more."),
                        row->name);
      if (row->max_score <= 0 || row->max_score > SHEQU_SCORE_MAX)
        return invalid (error, _("The maximum score of the indicator “%s” must be more than 0 "
                                 "and at most %s."),
                        row->name, max_text);
    }
  return TRUE;
}

static gboolean
check_rules (const ShequEvalSetDef  *def,
             GError                **error)
{
  for (guint i = 0; i < def->flag_rules->len; i++)
    {
      const ShequFlagRuleRow *rule = g_ptr_array_index (def->flag_rules, i);
      g_autofree char *position = g_strdup_printf ("%u", i + 1);

      if (rule->band == SHEQU_BAND_NONE || (guint) rule->band >= SHEQU_N_BANDS ||
          (guint) rule->action >= SHEQU_FLAG_N_ACTIONS)
        return invalid (error, _("Flag rule %s of the set “%s” names no band or action."),
                        position, def->set->name);
      if (rule->count < 1 || rule->count > rule->within)
        return invalid (error, _("Flag rule %s of the set “%s” counts %u times within %u "
                                 "periods: the count must be 1 or more and at most the "
                                 "periods."),
                        position, def->set->name, rule->count, rule->within);
    }
  return TRUE;
}

gboolean
_shequ_eval_check_set_def (const ShequEvalSetDef  *def,
                           GError                **error)
{
  const ShequEvalSetRow *set = def->set;

  if ((guint) set->kind >= SHEQU_EVAL_N_KINDS || (guint) set->combine >= SHEQU_EVAL_N_COMBINES)
    return invalid (error, _("The set “%s” has no kind or way of combining scores."),
                    set->name != NULL ? set->name : "");
  if (_shequ_eval_is_blank (set->name))
    return invalid (error, _("An indicator set needs a name."));
  if (!isfinite (set->green_min) || !isfinite (set->orange_min) || set->orange_min < 0 ||
      set->green_min > 100 || set->green_min <= set->orange_min)
    return invalid (error, _("The band rule of the set “%s” must have 100 ≥ green > orange ≥ 0 "
                             "(it has green from %g, orange from %g)."),
                    set->name, set->green_min, set->orange_min);
  if (!isfinite (set->comment_below) || set->comment_below < 0 || set->comment_below > 1)
    return invalid (error, _("The comment rule of the set “%s” must be a share of the "
                             "maximum between 0 and 1."),
                    set->name);
  return check_indicators (def, error) && check_rules (def, error);
}

/* ---- What changed ------------------------------------------------------------------- */

static const ShequIndicatorRow *
find_code (const ShequEvalSetDef *def,
           const char            *code)
{
  for (guint i = 0; i < def->indicators->len; i++)
    {
      const ShequIndicatorRow *row = g_ptr_array_index (def->indicators, i);

      if (strcmp (row->code, code) == 0)
        return row;
    }
  return NULL;
}

static void
describe_indicators (GString               *out,
                     const ShequEvalSetDef *before,
                     const ShequEvalSetDef *after)
{
  for (guint i = 0; i < after->indicators->len; i++)
    {
      const ShequIndicatorRow *row = g_ptr_array_index (after->indicators, i);
      const ShequIndicatorRow *was = find_code (before, row->code);

      if (was == NULL)
        g_string_append_printf (out, "; %s added", row->code);
      else
        {
          g_autofree char *max_was = shequ_score_format (was->max_score);
          g_autofree char *max_now = shequ_score_format (row->max_score);

          if (fabs (was->weight - row->weight) > 1e-9)
            g_string_append_printf (out, "; %s weight %g → %g", row->code, was->weight,
                                    row->weight);
          if (was->max_score != row->max_score)
            g_string_append_printf (out, "; %s max %s → %s", row->code, max_was, max_now);
          if (g_strcmp0 (was->name, row->name) != 0 ||
              g_strcmp0 (was->category, row->category) != 0 ||
              g_strcmp0 (was->guidance, row->guidance) != 0)
            g_string_append_printf (out, "; %s text", row->code);
          if (was->position != i)
            g_string_append_printf (out, "; %s moved", row->code);
        }
    }
  for (guint i = 0; i < before->indicators->len; i++)
    {
      const ShequIndicatorRow *row = g_ptr_array_index (before->indicators, i);

      if (find_code (after, row->code) == NULL)
        g_string_append_printf (out, "; %s removed", row->code);
    }
}

static gboolean
rules_equal (const ShequEvalSetDef *a,
             const ShequEvalSetDef *b)
{
  if (a->flag_rules->len != b->flag_rules->len)
    return FALSE;
  for (guint i = 0; i < a->flag_rules->len; i++)
    {
      const ShequFlagRuleRow *x = g_ptr_array_index (a->flag_rules, i);
      const ShequFlagRuleRow *y = g_ptr_array_index (b->flag_rules, i);

      if (x->band != y->band || x->count != y->count || x->within != y->within ||
          x->action != y->action)
        return FALSE;
    }
  return TRUE;
}

/* "name; combine trimmed; bands 80/60; I01 weight 10 → 20; I05 added", or "" when the
 * two are alike (English: the log is a record, not UI). */
static char *
describe_changes (const ShequEvalSetDef *before,
                  const ShequEvalSetDef *after)
{
  GString *out = g_string_new (NULL);

  if (g_strcmp0 (before->set->name, after->set->name) != 0)
    g_string_append_printf (out, "; name “%s”", after->set->name);
  if (before->set->combine != after->set->combine)
    g_string_append_printf (out, "; combine %s", shequ_eval_combine_to_key (after->set->combine));
  if (before->set->green_min != after->set->green_min ||
      before->set->orange_min != after->set->orange_min)
    g_string_append_printf (out, "; bands %g/%g → %g/%g", before->set->green_min,
                            before->set->orange_min, after->set->green_min,
                            after->set->orange_min);
  if (before->set->comment_below != after->set->comment_below)
    g_string_append_printf (out, "; comment below %g → %g", before->set->comment_below,
                            after->set->comment_below);
  describe_indicators (out, before, after);
  if (!rules_equal (before, after))
    g_string_append (out, "; flag rules");
  if (out->len > 0)
    g_string_erase (out, 0, 2);
  return g_string_free (out, FALSE);
}

/* ---- Saving --------------------------------------------------------------------------- */

typedef struct {
  ShequEvalStore        *self;
  const ShequEvalSetDef *def;
  const char            *actor;
  const ShequEvalSetDef *newest;   /* the family's newest version; NULL for a new family */
  gboolean               in_place; /* change NEWEST itself: no period has scored with it */
  ShequEvalSetDef       *saved;    /* DEF with the ids it was saved with */
  char                  *description;
} SaveSet;

static const ShequEvalSetDef *
family_newest (ShequEvalStore *self,
               gint64          family)
{
  GPtrArray *sets = shequ_eval_store_get_sets (self);

  for (guint i = 0; i < sets->len; i++)
    {
      const ShequEvalSetDef *def = g_ptr_array_index (sets, i);

      if (def->set->family == family)
        return def;
    }
  return NULL;
}

static gboolean
set_in_use (ShequEvalStore *self,
            gint64          set_id)
{
  for (guint i = 0; i < self->data->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (self->data->periods, i);

      if (period->row->set_id == set_id && period->row->state != SHEQU_PERIOD_STATE_OPEN)
        return TRUE;
    }
  return FALSE;
}

/* Which version DEF changes, and how; FALSE with an error, or with no description when
 * there is nothing to save. */
static gboolean
plan_save (SaveSet  *op,
           GError  **error)
{
  const ShequEvalSetDef *current;

  g_clear_pointer (&op->description, g_free);
  op->newest = NULL;
  op->in_place = FALSE;
  if (!_shequ_eval_check_set_def (op->def, error))
    return FALSE;
  if (op->def->set->id == 0)
    {
      op->description = g_strdup_printf ("new “%s”", op->def->set->name);
      return TRUE;
    }
  if (!(current = shequ_eval_store_lookup_set (op->self, op->def->set->id)))
    return _shequ_eval_set_error_not_found (error, C_("not found", "indicator set"),
                                            op->def->set->id);
  op->newest = family_newest (op->self, current->set->family);
  if (op->newest->set->kind != op->def->set->kind)
    return invalid (error, _("The set “%s” grades %s; its kind cannot change."),
                    op->newest->set->name, shequ_eval_kind_get_label (op->newest->set->kind));
  op->description = describe_changes (op->newest, op->def);
  op->in_place = !set_in_use (op->self, op->newest->set->id);
  return TRUE;
}

static gboolean
bind_set_row (ShequEvalStore          *self,
              sqlite3_stmt            *stmt,
              const ShequEvalSetRow   *set,
              GError                 **error)
{
  sqlite3_bind_int64 (stmt, 1, set->id);
  sqlite3_bind_int64 (stmt, 2, set->family);
  sqlite3_bind_int (stmt, 3, set->version);
  sqlite3_bind_text (stmt, 4, shequ_eval_kind_to_key (set->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, set->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, shequ_eval_combine_to_key (set->combine), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 7, set->green_min);
  sqlite3_bind_double (stmt, 8, set->orange_min);
  sqlite3_bind_double (stmt, 9, set->comment_below);
  sqlite3_bind_text (stmt, 10, set->created_at, -1, SQLITE_STATIC);
  return _shequ_eval_store_step_done (self, stmt, error);
}

static gint64
last_rowid (ShequEvalStore *self)
{
  return sqlite3_last_insert_rowid (shequ_database_get_handle (self->db));
}

/* The indicators and rules of SAVED, written under its id: those of an in-place change
 * first deleted (no score refers to them: no period has scored with this version). */
static gboolean
write_set_children (SaveSet  *op,
                    GError  **error)
{
  static const char sql_del_ind[] = "DELETE FROM eval_indicator WHERE set_id = ?1";
  static const char sql_del_rules[] = "DELETE FROM eval_flag_rule WHERE set_id = ?1";
  static const char sql_ind[] =
    "INSERT INTO eval_indicator (set_id, position, code, category, name, weight, max_score, "
    "guidance) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  static const char sql_rule[] =
    "INSERT INTO eval_flag_rule (set_id, band, count, within, action) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
  ShequEvalStore *self = op->self;
  gint64 set_id = op->saved->set->id;
  sqlite3_stmt *stmt;

  if (op->in_place)
    {
      if (!(stmt = _shequ_eval_store_statement (self, sql_del_rules, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, set_id);
      if (!_shequ_eval_store_step_done (self, stmt, error))
        return FALSE;
      if (!(stmt = _shequ_eval_store_statement (self, sql_del_ind, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, set_id);
      if (!_shequ_eval_store_step_done (self, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < op->saved->indicators->len; i++)
    {
      ShequIndicatorRow *row = g_ptr_array_index (op->saved->indicators, i);

      if (!(stmt = _shequ_eval_store_statement (self, sql_ind, error)))
        return FALSE;
      row->set_id = set_id;
      row->position = i;
      sqlite3_bind_int64 (stmt, 1, set_id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, row->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, row->category != NULL ? row->category : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, row->name, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 6, row->weight);
      sqlite3_bind_int (stmt, 7, row->max_score);
      sqlite3_bind_text (stmt, 8, row->guidance != NULL ? row->guidance : "", -1, SQLITE_STATIC);
      if (!_shequ_eval_store_step_done (self, stmt, error))
        return FALSE;
      row->id = last_rowid (self);
    }
  for (guint i = 0; i < op->saved->flag_rules->len; i++)
    {
      ShequFlagRuleRow *rule = g_ptr_array_index (op->saved->flag_rules, i);

      if (!(stmt = _shequ_eval_store_statement (self, sql_rule, error)))
        return FALSE;
      rule->set_id = set_id;
      sqlite3_bind_int64 (stmt, 1, set_id);
      sqlite3_bind_text (stmt, 2, shequ_band_to_key (rule->band), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, rule->count);
      sqlite3_bind_int (stmt, 4, rule->within);
      sqlite3_bind_text (stmt, 5, shequ_flag_action_to_key (rule->action), -1, SQLITE_STATIC);
      if (!_shequ_eval_store_step_done (self, stmt, error))
        return FALSE;
      rule->id = last_rowid (self);
    }
  return TRUE;
}

/* The set row of SAVED: a new one (new family or version), or the newest rewritten. */
static gboolean
write_set_row (SaveSet  *op,
               GError  **error)
{
  static const char sql_new[] =
    "INSERT INTO eval_set (id, family, version, kind, name, combine, green_min, orange_min, "
    "comment_below, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  static const char sql_update[] =
    "UPDATE eval_set SET family = ?2, version = ?3, kind = ?4, name = ?5, combine = ?6, "
    "green_min = ?7, orange_min = ?8, comment_below = ?9, created_at = ?10 WHERE id = ?1";
  static const char sql_next_id[] = "SELECT coalesce (max (id), 0) + 1 FROM eval_set";
  static const char sql_move[] =
    "UPDATE eval_period SET set_id = ?2 WHERE set_id = ?1 AND state = 'open'";
  ShequEvalStore *self = op->self;
  ShequEvalSetRow *set = op->saved->set;
  sqlite3_stmt *stmt;
  int rc;

  g_free (set->created_at);
  set->created_at = op->in_place ? g_strdup (op->newest->set->created_at) : _shequ_eval_now ();
  if (op->in_place)
    {
      set->id = op->newest->set->id;
      set->family = op->newest->set->family;
      set->version = op->newest->set->version;
      return (stmt = _shequ_eval_store_statement (self, sql_update, error)) != NULL &&
             bind_set_row (self, stmt, set, error);
    }

  if (!(stmt = _shequ_eval_store_statement (self, sql_next_id, error)))
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return shequ_database_set_error (self->db, rc, error);
  set->id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  set->family = op->newest != NULL ? op->newest->set->family : set->id;
  set->version = op->newest != NULL ? op->newest->set->version + 1 : 1;
  if (!(stmt = _shequ_eval_store_statement (self, sql_new, error)) ||
      !bind_set_row (self, stmt, set, error))
    return FALSE;
  if (op->newest == NULL)
    return TRUE;
  if (!(stmt = _shequ_eval_store_statement (self, sql_move, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->newest->set->id);
  sqlite3_bind_int64 (stmt, 2, set->id);
  return _shequ_eval_store_step_done (self, stmt, error);
}

static gboolean
save_set_in_transaction (ShequDatabase  *db,
                         gpointer        user_data,
                         GError        **error)
{
  SaveSet *op = user_data;
  g_autofree char *family = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gboolean reloaded;

  if (!_shequ_eval_store_catch_up (op->self, &reloaded, error) ||
      (reloaded && !plan_save (op, error)))
    return FALSE;
  g_clear_pointer (&op->saved, shequ_eval_set_def_free);
  op->saved = shequ_eval_set_def_copy (op->def);
  if (!write_set_row (op, error) || !write_set_children (op, error))
    return FALSE;

  family = g_strdup_printf ("eval-set:%" G_GINT64_FORMAT, op->saved->set->family);
  if (op->newest != NULL)
    old_value = g_strdup_printf ("version %u", op->newest->set->version);
  new_value = g_strdup_printf ("version %u: %s", op->saved->set->version, op->description);
  return _shequ_eval_store_log (op->self, op->actor, "set", family, old_value, new_value, NULL,
                                error);
}

/* Memory after the commit: the saved version in, an in-place one's old image out, and
 * the periods on either laid out again. */
static void
take_saved (ShequEvalStore *self,
            SaveSet        *op)
{
  EvalData *data = self->data;
  ShequEvalSetDef *saved = g_steal_pointer (&op->saved);
  gint64 old_id = op->newest != NULL ? op->newest->set->id : 0;

  if (op->in_place)
    {
      const ShequEvalSetDef *old = op->newest;

      for (guint i = 0; i < old->indicators->len; i++)
        g_hash_table_remove (data->indicators,
                             &((ShequIndicatorRow *) g_ptr_array_index (old->indicators, i))->id);
      g_hash_table_remove (data->sets, &old_id);
    }
  op->newest = NULL;
  g_hash_table_insert (data->sets, &saved->set->id, saved);
  for (guint i = 0; i < saved->indicators->len; i++)
    {
      ShequIndicatorRow *row = g_ptr_array_index (saved->indicators, i);

      g_hash_table_insert (data->indicators, &row->id, row);
    }
  g_clear_pointer (&data->newest, g_ptr_array_unref);
  data->sets_fingerprint = data->sets_fingerprint * 31 + (guint64) saved->set->id * 7 +
                           saved->set->version;

  for (guint i = 0; i < data->periods->len && old_id != 0; i++)
    {
      EvalPeriod *period = g_ptr_array_index (data->periods, i);

      if (period->row->set_id == old_id && period->row->state == SHEQU_PERIOD_STATE_OPEN)
        {
          period->row->set_id = saved->set->id;
          _shequ_eval_period_rebuild (data, period, saved);
          _shequ_eval_store_emit (self, period->row->id, "period");
        }
    }
}

gboolean
shequ_eval_store_save_set (ShequEvalStore         *self,
                           const ShequEvalSetDef  *def,
                           const char             *actor,
                           gint64                 *set_id,
                           GError                **error)
{
  SaveSet op = { self, def, actor, NULL, FALSE, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), FALSE);
  g_return_val_if_fail (def != NULL && def->set != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!plan_save (&op, error))
    return FALSE;
  if (op.newest != NULL && *op.description == '\0')
    {
      if (set_id != NULL)
        *set_id = op.newest->set->id;
      g_free (op.description);
      return TRUE;
    }
  ok = _shequ_eval_store_write (self, save_set_in_transaction, &op, error);
  if (ok)
    {
      if (set_id != NULL)
        *set_id = op.saved->set->id;
      take_saved (self, &op);
    }
  g_clear_pointer (&op.saved, shequ_eval_set_def_free);
  g_free (op.description);
  _shequ_eval_store_emit_reloaded (self);
  if (ok)
    _shequ_eval_store_emit (self, 0, "sets");
  return ok;
}
