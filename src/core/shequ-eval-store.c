/* shequ-eval-store.c — the evaluation in memory: the object, its statements, its lookups */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-store"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-eval-store-private.h"
#include "shequ-person.h"

enum {
  PROP_0,
  PROP_ORG_STORE,
  PROP_ACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint _shequ_eval_store_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequEvalStore, shequ_eval_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (shequ-eval-error-quark, shequ_eval_error)

static void
shequ_eval_store_dispose (GObject *object)
{
  ShequEvalStore *self = (ShequEvalStore *)object;

  if (self->org != NULL && self->applied_id != 0)
    g_clear_signal_handler (&self->applied_id, self->org);
  g_clear_pointer (&self->statements, g_hash_table_unref);

  G_OBJECT_CLASS (shequ_eval_store_parent_class)->dispose (object);
}

static void
shequ_eval_store_finalize (GObject *object)
{
  ShequEvalStore *self = (ShequEvalStore *)object;

  for (guint k = 0; k < SHEQU_EVAL_N_KINDS; k++)
    g_clear_pointer (&self->kind_targets[k], g_ptr_array_unref);
  g_clear_pointer (&self->period_rows, g_ptr_array_unref);
  g_clear_pointer (&self->assessor_people, g_ptr_array_unref);
  g_clear_pointer (&self->data, _shequ_eval_data_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_object (&self->db);
  g_clear_object (&self->org);

  G_OBJECT_CLASS (shequ_eval_store_parent_class)->finalize (object);
}

static void
shequ_eval_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShequEvalStore *self = SHEQU_EVAL_STORE (object);

  switch (prop_id)
    {
    case PROP_ORG_STORE:
      g_value_set_object (value, self->org);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_eval_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShequEvalStore *self = SHEQU_EVAL_STORE (object);

  switch (prop_id)
    {
    case PROP_ORG_STORE:
      self->org = g_value_dup_object (value);
      break;
    case PROP_ACTOR:
      shequ_eval_store_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_eval_store_class_init (ShequEvalStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shequ_eval_store_dispose;
  object_class->finalize = shequ_eval_store_finalize;
  object_class->get_property = shequ_eval_store_get_property;
  object_class->set_property = shequ_eval_store_set_property;

  properties[PROP_ORG_STORE] =
    g_param_spec_object ("org-store", NULL, NULL, SHEQU_TYPE_ORG_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _shequ_eval_store_signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
}

static void
shequ_eval_store_init (ShequEvalStore *self)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_strcmp0 (name, "Unknown") == 0)
    name = g_get_user_name ();
  self->actor = g_strdup (name);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
  self->period_rows = g_ptr_array_new ();
}

/* The organisation changed: which cadres and communities exist, and their areas, are
 * worked out again when next asked. */
static void
on_org_applied (ShequOrgStore  *org,
                ShequOrgChange *change,
                gpointer        user_data)
{
  ShequEvalStore *self = user_data;

  _shequ_eval_store_forget_kind_targets (self);
  g_clear_pointer (&self->assessor_people, g_ptr_array_unref);
}

ShequEvalStore *
shequ_eval_store_new (ShequOrgStore  *org,
                      GError        **error)
{
  g_autoptr(ShequEvalStore) self = NULL;
  EvalData *data;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (org), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SHEQU_TYPE_EVAL_STORE, "org-store", org, NULL);
  self->db = g_object_ref (shequ_org_store_get_database (org));
  if (!(data = _shequ_eval_store_load_data (self, error)))
    return NULL;
  _shequ_eval_store_take_data (self, data);
  self->applied_id = g_signal_connect (org, "applied", G_CALLBACK (on_org_applied), self);
  return g_steal_pointer (&self);
}

ShequOrgStore *
shequ_eval_store_get_org_store (ShequEvalStore *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  return self->org;
}

ShequDatabase *
shequ_eval_store_get_database (ShequEvalStore *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  return self->db;
}

const char *
shequ_eval_store_get_actor (ShequEvalStore *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  return self->actor;
}

void
shequ_eval_store_set_actor (ShequEvalStore *self,
                            const char     *actor)
{
  g_return_if_fail (SHEQU_IS_EVAL_STORE (self));

  if (actor == NULL || *actor == '\0' || g_strcmp0 (actor, self->actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

/* ---- Statements and the write path ------------------------------------------------ */

/* Prepared once per SQL text (keyed by the literal's address) and kept: a cell's
 * commit then costs no parsing. Returned reset, with its bindings cleared. */
sqlite3_stmt *
_shequ_eval_store_statement (ShequEvalStore  *self,
                             const char      *sql,
                             GError         **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (!(stmt = shequ_database_prepare (self->db, sql, error)))
    return NULL;
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_shequ_eval_store_step_done (ShequEvalStore  *self,
                             sqlite3_stmt    *stmt,
                             GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return shequ_database_set_error (self->db, rc, error);
  return TRUE;
}

const char *
_shequ_eval_store_actor (ShequEvalStore *self,
                         const char     *actor)
{
  return actor != NULL && *actor != '\0' ? actor : self->actor;
}

gboolean
_shequ_eval_store_log (ShequEvalStore  *self,
                       const char      *actor,
                       const char      *action,
                       const char      *target,
                       const char      *old_value,
                       const char      *new_value,
                       const char      *reason,
                       GError         **error)
{
  ShequAuditEntry entry = {
    _shequ_eval_store_actor (self, actor), action, target, old_value, new_value,
    reason != NULL && *reason != '\0' ? reason : NULL,
  };

  if (!shequ_audit_append (self->db, &entry, error))
    return FALSE;
  self->audit_seq++;
  return TRUE;
}

/* shequ_database_write() with the store's bookkeeping: the audit log's last seq goes
 * back to what it was when the transaction is undone. */
gboolean
_shequ_eval_store_write (ShequEvalStore     *self,
                         ShequDatabaseFunc   func,
                         gpointer            data,
                         GError            **error)
{
  gint64 seq = self->audit_seq;

  if (shequ_database_write (self->db, func, data, error))
    return TRUE;
  self->audit_seq = seq;
  return FALSE;
}

/* After a write: what a reload inside it brought in is announced as a whole. */
void
_shequ_eval_store_emit_reloaded (ShequEvalStore *self)
{
  if (!self->reloaded)
    return;
  self->reloaded = FALSE;
  _shequ_eval_store_emit (self, 0, "sets");
  for (guint i = 0; i < self->data->periods->len; i++)
    {
      EvalPeriod *period = g_ptr_array_index (self->data->periods, i);

      _shequ_eval_store_emit (self, period->row->id, "scores");
    }
}

void
_shequ_eval_store_emit (ShequEvalStore *self,
                        gint64          period_id,
                        const char     *what)
{
  g_signal_emit (self, _shequ_eval_store_signals[CHANGED], 0, period_id,
                 (guint) g_quark_from_static_string (what));
}

gboolean
_shequ_eval_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

gboolean
_shequ_eval_set_error (GError        **error,
                       ShequEvalError  code,
                       const char     *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SHEQU_EVAL_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

char *
_shequ_eval_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_shequ_eval_describe_target (const ShequEvalTargetRow *target)
{
  return g_strdup_printf ("%s (%s)", target->name, target->code);
}

gboolean
_shequ_eval_set_error_not_found (GError     **error,
                                 const char  *what,
                                 gint64       id)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* TRANSLATORS: the first %s is "assessor", "target", … (already translated) */
  g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND,
               _("There is no %s with id %s."), what, id_text);
  return FALSE;
}

/* ---- Lookups -------------------------------------------------------------------- */

EvalPeriod *
_shequ_eval_store_period (ShequEvalStore *self,
                          gint64          period_id)
{
  return g_hash_table_lookup (self->data->period_ids, &period_id);
}

EvalAssessor *
_shequ_eval_store_assessor (ShequEvalStore *self,
                            gint64          assessor_id)
{
  return g_hash_table_lookup (self->data->assessors, &assessor_id);
}

EvalTarget *
_shequ_eval_store_target (ShequEvalStore *self,
                          gint64          target_id)
{
  return g_hash_table_lookup (self->data->targets, &target_id);
}

const ShequEvalSetDef *
_shequ_eval_store_period_set (ShequEvalStore *self,
                              EvalPeriod     *period)
{
  return g_hash_table_lookup (self->data->sets, &period->row->set_id);
}

const ShequEvalSetDef *
shequ_eval_store_lookup_set (ShequEvalStore *self,
                             gint64          set_id)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  return g_hash_table_lookup (self->data->sets, &set_id);
}

static int
compare_sets (gconstpointer a,
              gconstpointer b)
{
  const ShequEvalSetDef *x = *(const ShequEvalSetDef **) a;
  const ShequEvalSetDef *y = *(const ShequEvalSetDef **) b;
  int by_name;

  if (x->set->kind != y->set->kind)
    return x->set->kind < y->set->kind ? -1 : 1;
  by_name = g_utf8_collate (x->set->name, y->set->name);
  if (by_name != 0)
    return by_name;
  return x->set->family < y->set->family ? -1 : x->set->family > y->set->family;
}

GPtrArray *
shequ_eval_store_get_sets (ShequEvalStore *self)
{
  EvalData *data;
  g_autoptr(GHashTable) newest = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);

  data = self->data;
  if (data->newest != NULL)
    return data->newest;

  newest = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_iter_init (&iter, data->sets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ShequEvalSetDef *def = value;
      ShequEvalSetDef *seen = g_hash_table_lookup (newest, &def->set->family);

      if (seen == NULL || seen->set->version < def->set->version)
        g_hash_table_insert (newest, &def->set->family, def);
    }
  data->newest = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, newest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (data->newest, value);
  g_ptr_array_sort (data->newest, compare_sets);
  return data->newest;
}

const ShequEvalTargetRow *
shequ_eval_store_lookup_target (ShequEvalStore *self,
                                gint64          target_id)
{
  EvalTarget *target;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  target = _shequ_eval_store_target (self, target_id);
  return target != NULL ? &target->row : NULL;
}

GPtrArray *
shequ_eval_store_get_periods (ShequEvalStore *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  return self->period_rows;
}

const ShequPeriodRow *
shequ_eval_store_lookup_period (ShequEvalStore *self,
                                gint64          period_id)
{
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  period = _shequ_eval_store_period (self, period_id);
  return period != NULL ? period->row : NULL;
}

GPtrArray *
shequ_eval_store_get_assessors (ShequEvalStore *self,
                                gint64          period_id)
{
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  period = _shequ_eval_store_period (self, period_id);
  return period != NULL ? period->assessors : NULL;
}

const ShequAssessorRow *
shequ_eval_store_lookup_assessor (ShequEvalStore *self,
                                  gint64          assessor_id)
{
  EvalAssessor *assessor;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  assessor = _shequ_eval_store_assessor (self, assessor_id);
  return assessor != NULL ? &assessor->row : NULL;
}

gboolean
_shequ_eval_person_is_assessor (ShequPerson *person)
{
  GListModel *posts = shequ_person_get_posts (person);
  guint n = g_list_model_get_n_items (posts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequPost) post = g_list_model_get_item (posts, i);

      if (shequ_post_get_role (post) == SHEQU_ROLE_ASSESSOR)
        return TRUE;
    }
  return FALSE;
}

/* Kept until the organisation changes (like shequ_org_store_get_units()). */
GPtrArray *
shequ_eval_store_list_assessor_people (ShequEvalStore *self)
{
  GListModel *people;
  guint n;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);

  if (self->assessor_people != NULL)
    return self->assessor_people;
  people = shequ_org_store_get_people (self->org);
  n = g_list_model_get_n_items (people);
  self->assessor_people = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      ShequPerson *person = g_list_model_get_item (people, i);

      if (_shequ_eval_person_is_assessor (person))
        g_ptr_array_add (self->assessor_people, person);
      else
        g_object_unref (person);
    }
  return self->assessor_people;
}

GArray *
shequ_eval_store_get_assigned (ShequEvalStore *self,
                               gint64          assessor_id)
{
  EvalAssessor *assessor;
  EvalPeriod *period;
  GArray *ids;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!(assessor = _shequ_eval_store_assessor (self, assessor_id)))
    return ids;
  period = assessor->period;
  for (guint t = 0; t < period->targets->len; t++)
    if (shequ_eval_matrix_get_assigned (period->matrix, assessor->index, t))
      {
        EvalTarget *target = g_ptr_array_index (period->targets, t);

        g_array_append_val (ids, target->row.id);
      }
  return ids;
}

const ShequEvalMatrix *
shequ_eval_store_get_matrix (ShequEvalStore *self,
                             gint64          period_id)
{
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  period = _shequ_eval_store_period (self, period_id);
  return period != NULL ? period->matrix : NULL;
}

GPtrArray *
shequ_eval_store_get_period_targets (ShequEvalStore *self,
                                     gint64          period_id)
{
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), NULL);
  period = _shequ_eval_store_period (self, period_id);
  return period != NULL ? period->targets : NULL;
}

int
shequ_eval_store_target_index (ShequEvalStore *self,
                               gint64          period_id,
                               gint64          target_id)
{
  EvalPeriod *period;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), -1);
  if (!(period = _shequ_eval_store_period (self, period_id)))
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (period->target_index, &target_id)) - 1;
}

int
shequ_eval_store_assessor_index (ShequEvalStore *self,
                                 gint64          period_id,
                                 gint64          assessor_id)
{
  EvalAssessor *assessor;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), -1);
  assessor = _shequ_eval_store_assessor (self, assessor_id);
  if (assessor == NULL || assessor->period->row->id != period_id)
    return -1;
  return (int) assessor->index;
}

int
shequ_eval_store_indicator_index (ShequEvalStore *self,
                                  gint64          period_id,
                                  gint64          indicator_id)
{
  EvalPeriod *period;
  const ShequIndicatorRow *indicator;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (self), -1);
  period = _shequ_eval_store_period (self, period_id);
  indicator = g_hash_table_lookup (self->data->indicators, &indicator_id);
  if (period == NULL || indicator == NULL || indicator->set_id != period->row->set_id)
    return -1;
  return (int) indicator->position;
}
