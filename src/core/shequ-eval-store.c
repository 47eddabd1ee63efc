/* SKELETON: stubs generated from shequ-eval-store.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-eval-store.h"

struct _ShequEvalStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (ShequEvalStore, shequ_eval_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (shequ-eval-error-quark, shequ_eval_error)

static void
shequ_eval_store_class_init (ShequEvalStoreClass *klass)
{
}

static void
shequ_eval_store_init (ShequEvalStore *self)
{
}

ShequEvalStore *
shequ_eval_store_new (ShequOrgStore *org, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequOrgStore *
shequ_eval_store_get_org_store (ShequEvalStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequDatabase *
shequ_eval_store_get_database (ShequEvalStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const char *
shequ_eval_store_get_actor (ShequEvalStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_eval_store_set_actor (ShequEvalStore *self, const char *actor)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

GPtrArray *
shequ_eval_store_get_sets (ShequEvalStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const ShequEvalSetDef *
shequ_eval_store_lookup_set (ShequEvalStore *self, gint64 set_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_eval_store_save_set (ShequEvalStore *self, const ShequEvalSetDef *def, const char *actor, gint64 *set_id, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

ShequEvalSetDef *
shequ_eval_set_def_new_default (ShequEvalKind kind, const char *name)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GPtrArray *
shequ_eval_store_get_targets (ShequEvalStore *self, ShequEvalKind kind)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const ShequEvalTargetRow *
shequ_eval_store_lookup_target (ShequEvalStore *self, gint64 target_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GPtrArray *
shequ_eval_store_get_periods (ShequEvalStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const ShequPeriodRow *
shequ_eval_store_lookup_period (ShequEvalStore *self, gint64 period_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const ShequPeriodRow *
shequ_eval_store_get_previous_period (ShequEvalStore *self, gint64 period_id, gboolean include_open)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_eval_store_open_period (ShequEvalStore *self, gint64 set_id, ShequPeriodKind kind, const char *label, const char *starts, const char *ends, const char *actor, gint64 *period_id, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

GPtrArray *
shequ_eval_store_list_assessor_people (ShequEvalStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GPtrArray *
shequ_eval_store_get_assessors (ShequEvalStore *self, gint64 period_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const ShequAssessorRow *
shequ_eval_store_lookup_assessor (ShequEvalStore *self, gint64 assessor_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_eval_store_assign (ShequEvalStore *self, gint64 period_id, gint64 person_id, const gint64 *target_ids, guint n_targets, const char *actor, gint64 *assessor_id, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

GArray *
shequ_eval_store_get_assigned (ShequEvalStore *self, gint64 assessor_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_eval_store_set_score (ShequEvalStore *self, gint64 assessor_id, gint64 target_id, gint64 indicator_id, ShequScore value, const char *comment, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_eval_store_set_scores (ShequEvalStore *self, const ShequScoreEdit *edits, guint n_edits, const char *actor, guint *bad_index, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_eval_store_get_score (ShequEvalStore *self, gint64 assessor_id, gint64 target_id, gint64 indicator_id, ShequScore *value, const char **comment)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

const ShequEvalMatrix *
shequ_eval_store_get_matrix (ShequEvalStore *self, gint64 period_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GPtrArray *
shequ_eval_store_get_period_targets (ShequEvalStore *self, gint64 period_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

int
shequ_eval_store_target_index (ShequEvalStore *self, gint64 period_id, gint64 target_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

int
shequ_eval_store_assessor_index (ShequEvalStore *self, gint64 period_id, gint64 assessor_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

int
shequ_eval_store_indicator_index (ShequEvalStore *self, gint64 period_id, gint64 indicator_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return 0;
}

gboolean
shequ_eval_store_submit (ShequEvalStore *self, gint64 assessor_id, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_eval_store_reopen (ShequEvalStore *self, gint64 assessor_id, const char *reason, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

const ShequEvalResults *
shequ_eval_store_get_results (ShequEvalStore *self, gint64 period_id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_eval_store_get_previous (ShequEvalStore *self, gint64 period_id, gint64 target_id, guint *previous_rank, ShequBand *previous_band)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

GArray *
shequ_eval_store_get_history (ShequEvalStore *self, gint64 target_id, gint64 family)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GPtrArray *
shequ_eval_store_get_flags (ShequEvalStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_eval_store_set_flag_state (ShequEvalStore *self, gint64 flag_id, ShequFlagState state, const char *note, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_eval_store_refresh (ShequEvalStore *self, gboolean *changed, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}
