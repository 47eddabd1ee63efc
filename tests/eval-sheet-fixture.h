/* eval-sheet-fixture.h — a small evaluation (one set, one period, one assessor) the sheet tests share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-sheet.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

G_BEGIN_DECLS

/* Indicators of the fixture's set: code, category, name, weight, max (hundredths). */
typedef struct {
  const char *code, *category, *name;
  double      weight;
  ShequScore  max;
} EvalFixtureIndicator;

static const EvalFixtureIndicator eval_fixture_indicators[] = {
  { "I01", "党建引领", "支部建设", 40, 1000 },
  { "I02", "为民服务", "办事效率", 30, 2000 },
  { "I03", "平安法治", "矛盾调解", 30, 1000 },
};

typedef struct {
  ShequTestDir    dir;
  ShequDatabase  *db;
  ShequOrgStore  *org;
  ShequEvalStore *store;
  gint64          period_id;
  gint64          assessor_id;
  ShequEvalSheet *sheet;
} EvalFixture;

/* A street with N_COMMUNITIES communities (社区1 …), an assessor 李评 grading them all
 * in an open quarter, on a set whose low-score comment threshold is 0.6 × max. */
static inline void
eval_fixture_init_full (EvalFixture                *f,
                        guint                       n_communities,
                        const EvalFixtureIndicator *indicators,
                        guint                       n_indicators)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequEvalSetDef) def = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ShequUnit *street, *area;
  ShequPost *post;
  GPtrArray *targets;
  gint64 set_id = 0;

  shequ_test_dir_init (&f->dir, "shequ-eval-sheet-XXXXXX", "eval.db");
  f->org = shequ_test_open_store (f->dir.db,
                                  SHEQU_DATABASE_FLAGS_CREATE | SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                  &f->db);
  street = shequ_test_add_street (f->org);
  area = shequ_test_add_unit (f->org, street, SHEQU_TIER_AREA, "东片区", 0, 0);
  for (guint i = 0; i < n_communities; i++)
    {
      g_autofree char *name = g_strdup_printf ("社区%u", i + 1);

      shequ_test_add_unit (f->org, area, SHEQU_TIER_COMMUNITY, name, 1000, 300);
    }
  post = shequ_org_store_add_person_post (f->org, street, "李评", "13800000000",
                                          SHEQU_ROLE_ASSESSOR, NULL, &error);
  g_assert_no_error (error);

  f->store = shequ_eval_store_new (f->org, &error);
  g_assert_no_error (error);
  def = shequ_eval_set_def_new_default (SHEQU_EVAL_KIND_COMMUNITY, "社区考评");
  def->set->comment_below = 0.6;
  for (guint i = 0; i < n_indicators; i++)
    {
      ShequIndicatorRow *ind = shequ_indicator_row_new ();

      ind->position = i;
      ind->code = g_strdup (indicators[i].code);
      ind->category = g_strdup (indicators[i].category);
      ind->name = g_strdup (indicators[i].name);
      ind->weight = indicators[i].weight;
      ind->max_score = indicators[i].max;
      ind->guidance = g_strdup ("按台账评分");
      g_ptr_array_add (def->indicators, ind);
    }
  g_assert_true (shequ_eval_store_save_set (f->store, def, NULL, &set_id, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_open_period (f->store, set_id, SHEQU_PERIOD_KIND_QUARTER,
                                               "2026年第三季度", "2026-07-01", "2026-09-30",
                                               NULL, &f->period_id, &error));
  g_assert_no_error (error);

  targets = shequ_eval_store_get_targets (f->store, SHEQU_EVAL_KIND_COMMUNITY);
  g_assert_cmpuint (targets->len, ==, n_communities);
  for (guint i = 0; i < targets->len; i++)
    {
      const ShequEvalTargetRow *t = g_ptr_array_index (targets, i);

      g_array_append_val (ids, t->id);
    }
  g_assert_true (shequ_eval_store_assign (f->store, f->period_id,
                                          shequ_person_get_id (shequ_post_get_person (post)),
                                          (const gint64 *) ids->data, ids->len, NULL,
                                          &f->assessor_id, &error));
  g_assert_no_error (error);
  f->sheet = shequ_eval_sheet_new (f->store, f->assessor_id);
}

static inline void
eval_fixture_init (EvalFixture *f,
                   guint        n_communities)
{
  eval_fixture_init_full (f, n_communities, eval_fixture_indicators,
                          G_N_ELEMENTS (eval_fixture_indicators));
}

static inline void
eval_fixture_clear (EvalFixture *f)
{
  g_clear_object (&f->sheet);
  g_clear_object (&f->store);
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  shequ_test_dir_clear (&f->dir);
}

/* Commits TEXT (and COMMENT) to ROW × COLUMN, which must succeed. */
static inline void
eval_fixture_commit (EvalFixture *f,
                     guint        row,
                     guint        column,
                     const char  *text,
                     const char  *comment)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_eval_sheet_commit (f->sheet, row, column, text, comment, &error));
  g_assert_no_error (error);
}

G_END_DECLS
