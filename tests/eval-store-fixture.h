/* eval-store-fixture.h — an organisation to grade and helpers the eval store tests share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>
#include <string.h>

#include "shequ-audit.h"
#include "shequ-database-private.h"
#include "shequ-eval-store.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

G_BEGIN_DECLS

typedef struct {
  ShequTestDir    dir;
  ShequDatabase  *db;
  ShequOrgStore  *org;
  ShequEvalStore *store;
  guint           n_changed;
  guint           n_sets_changed;   /* "changed" with (0, "sets") */
} Fixture;

static inline void
on_changed (ShequEvalStore *store,
            gint64          period_id,
            guint           what,
            gpointer        user_data)
{
  Fixture *f = user_data;

  f->n_changed++;
  if (period_id == 0 && what == g_quark_from_string ("sets"))
    f->n_sets_changed++;
}

static inline void
open_eval_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = shequ_eval_store_new (f->org, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  shequ_eval_store_set_actor (f->store, "tester");
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

/* A street, an area with three communities (a secretary and a cadre each) and a village
 * (a director), five assessors at the street office and one grid worker. */
static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ShequUnit *street, *area;

  shequ_test_dir_init (&f->dir, "test-eval-store-XXXXXX", "eval.db");
  f->org = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_CREATE |
                                  SHEQU_DATABASE_FLAGS_NO_BACKUP, &f->db);
  street = shequ_test_add_street (f->org);
  area = shequ_test_add_unit (f->org, street, SHEQU_TIER_AREA, "第一片区", 0, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("社区%u", i + 1);
      ShequUnit *community = shequ_test_add_unit (f->org, area, SHEQU_TIER_COMMUNITY, name, 0, 0);

      shequ_test_add_posts (f->org, community, SHEQU_ROLE_SECRETARY, 1);
      shequ_test_add_posts (f->org, community, SHEQU_ROLE_CADRE, 1);
    }
  shequ_test_add_posts (f->org, shequ_test_add_unit (f->org, area, SHEQU_TIER_VILLAGE, "某村", 0, 0),
                        SHEQU_ROLE_DIRECTOR, 1);
  shequ_test_add_posts (f->org, street, SHEQU_ROLE_ASSESSOR, 5);
  shequ_test_add_posts (f->org, street, SHEQU_ROLE_GRID_WORKER, 1);
  open_eval_store (f);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  shequ_test_dir_clear (&f->dir);
}

/* ---- Helpers ------------------------------------------------------------------------ */

/* A set of KIND with N indicators of WEIGHTS and MAXES (points). */
static inline gint64
make_set (Fixture          *f,
          ShequEvalKind     kind,
          ShequEvalCombine  combine,
          const double     *weights,
          const double     *maxes,
          guint             n)
{
  g_autoptr(ShequEvalSetDef) def = shequ_eval_set_def_new_default (kind, "考评指标");
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  def->set->combine = combine;
  for (guint i = 0; i < n; i++)
    {
      ShequIndicatorRow *row = shequ_indicator_row_new ();

      row->code = g_strdup_printf ("I%02u", i + 1);
      row->category = g_strdup ("党建引领");
      row->name = g_strdup_printf ("指标%u", i + 1);
      row->weight = weights[i];
      row->max_score = (ShequScore) round (maxes[i] * 100);
      row->guidance = g_strdup ("");
      g_ptr_array_add (def->indicators, row);
    }
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Two indicators, 60 + 40 points: a total is the sum of the two scores. */
static inline gint64
make_simple_set (Fixture          *f,
                 ShequEvalKind     kind,
                 ShequEvalCombine  combine)
{
  static const double weights[] = { 60, 40 };

  return make_set (f, kind, combine, weights, weights, 2);
}

static inline gint64
open_period (Fixture    *f,
             gint64      set_id,
             const char *label,
             const char *starts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ends = g_strdup (starts);
  gint64 id = 0;

  memcpy (ends + 8, "28", 2);
  g_assert_true (shequ_eval_store_open_period (f->store, set_id, SHEQU_PERIOD_KIND_MONTH, label,
                                               starts, ends, NULL, &id, &error));
  g_assert_no_error (error);
  return id;
}

static inline ShequPerson *
assessor_person (Fixture *f,
                 guint    i)
{
  GPtrArray *people = shequ_eval_store_list_assessor_people (f->store);

  g_assert_cmpuint (people->len, ==, 5);
  return g_ptr_array_index (people, i);
}

static inline const ShequEvalTargetRow *
target (Fixture       *f,
        ShequEvalKind  kind,
        guint          i)
{
  GPtrArray *targets = shequ_eval_store_get_targets (f->store, kind);

  g_assert_cmpuint (i, <, targets->len);
  return g_ptr_array_index (targets, i);
}

/* Assessor I of PERIOD grading every target of KIND. */
static inline gint64
assign_all (Fixture       *f,
            gint64         period_id,
            guint          i,
            ShequEvalKind  kind)
{
  GPtrArray *targets = shequ_eval_store_get_targets (f->store, kind);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 assessor_id = 0;

  for (guint t = 0; t < targets->len; t++)
    g_array_append_val (ids, ((const ShequEvalTargetRow *) g_ptr_array_index (targets, t))->id);
  g_assert_true (shequ_eval_store_assign (f->store, period_id,
                                          shequ_person_get_id (assessor_person (f, i)),
                                          (gint64 *) ids->data, ids->len, NULL, &assessor_id,
                                          &error));
  g_assert_no_error (error);
  return assessor_id;
}

static inline gint64
indicator_id (Fixture *f,
              gint64   period_id,
              guint    i)
{
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (f->store, period_id);
  const ShequEvalSetDef *def = shequ_eval_store_lookup_set (f->store, period->set_id);

  return ((const ShequIndicatorRow *) g_ptr_array_index (def->indicators, i))->id;
}

static inline gboolean
try_score (Fixture    *f,
           gint64      assessor_id,
           gint64      target_id,
           gint64      indicator,
           const char *text,
           const char *comment,
           GError    **error)
{
  ShequScore value = SHEQU_SCORE_NONE;

  if (text != NULL)
    g_assert_true (shequ_score_parse (text, &value));
  return shequ_eval_store_set_score (f->store, assessor_id, target_id, indicator, value, comment,
                                     NULL, error);
}

static inline void
score (Fixture    *f,
       gint64      assessor_id,
       gint64      target_id,
       gint64      indicator,
       const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (try_score (f, assessor_id, target_id, indicator, text, "说明", &error));
  g_assert_no_error (error);
}

/* Every target of the period's kind scored S1 + S2 by ASSESSOR_ID. */
static inline void
score_all (Fixture    *f,
           gint64      period_id,
           gint64      assessor_id,
           ShequEvalKind kind,
           const char *s1,
           const char *s2)
{
  GPtrArray *targets = shequ_eval_store_get_targets (f->store, kind);

  for (guint t = 0; t < targets->len; t++)
    {
      gint64 target_id = ((const ShequEvalTargetRow *) g_ptr_array_index (targets, t))->id;

      score (f, assessor_id, target_id, indicator_id (f, period_id, 0), s1);
      score (f, assessor_id, target_id, indicator_id (f, period_id, 1), s2);
    }
}

static inline void
submit (Fixture *f,
        gint64   assessor_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_eval_store_submit (f->store, assessor_id, NULL, &error));
  g_assert_no_error (error);
}

static inline guint
count_audit (Fixture    *f,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = shequ_audit_list (f->db, NULL, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    if (action == NULL ||
        strcmp (((ShequAuditRecord *) g_ptr_array_index (records, i))->action, action) == 0)
      n++;
  return n;
}

static inline void
assert_audit_intact (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint64 n = 0;
  gint64 broken = 0;

  g_assert_true (shequ_audit_verify (f->db, &n, &broken, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, -1);
  g_assert_cmpuint (n, ==, count_audit (f, NULL));
}

static inline double
total_of (Fixture *f,
          gint64   period_id,
          gint64   target_id,
          ShequBand *band)
{
  const ShequEvalResults *results = shequ_eval_store_get_results (f->store, period_id);
  int t = shequ_eval_store_target_index (f->store, period_id, target_id);

  g_assert_cmpint (t, >=, 0);
  if (band != NULL)
    *band = results->band[t];
  return results->total[t];
}


G_END_DECLS
