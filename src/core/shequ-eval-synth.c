/* shequ-eval-synth.c — a synthetic evaluation of any size, for benchmarks */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-synth"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-eval-sample.h"
#include "shequ-org-change.h"

/* Scores go to the store in transactions of this many cells. */
#define BATCH 100000

static const char *const categories[] = {
  "转作风", "提标准", "抓落实", "党建引领", "为民服务", "平安法治", "孝善德治",
};
static const char *const topics[] = {
  "组织建设", "阵地管理", "民生实事", "矛盾调解", "网格巡查", "档案规范", "群众满意度",
  "志愿服务", "环境整治", "安全生产",
};
static const char *const deductions[] = {
  "台账缺失，扣分", "整改未按期完成", "群众反映问题未及时处置", "材料不全，已督促补齐",
};
static const char *const syllables[] = {
  "东", "西", "南", "北", "阳", "安", "兴", "和", "平", "泉", "河", "山", "新", "康", "宁", "华",
};
static const char *const surnames[] = { "王", "张", "李", "刘", "陈", "杨", "赵", "孙" };
static const char *const given[] = { "建华", "晓燕", "志远", "玉兰", "明杰", "海涛" };

static guint32
next_random (guint32 *state)
{
  /* xorshift32: the same numbers on every machine. */
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

static guint
count_community_units (ShequOrgStore *org)
{
  GPtrArray *units = shequ_org_store_get_units (org);
  guint n = 0;

  for (guint i = 0; i < units->len; i++)
    {
      ShequTier tier = shequ_unit_get_tier (g_ptr_array_index (units, i));

      n += tier == SHEQU_TIER_COMMUNITY || tier == SHEQU_TIER_VILLAGE;
    }
  return n;
}

/* A street when the store has none; its id and code. */
static gint64
put_street (ShequOrgStore   *org,
            ShequOrgChange  *change,
            const char     **code)
{
  ShequUnit *street = shequ_org_store_get_street (org);
  ShequUnitRow *row;

  if (street != NULL)
    {
      *code = shequ_unit_get_code (street);
      return shequ_unit_get_id (street);
    }
  row = shequ_unit_row_new ();
  row->id = shequ_org_store_allocate_unit_id (org);
  row->tier = SHEQU_TIER_STREET;
  row->code = g_strdup ("999998001");
  row->name = g_strdup ("合成考评街道");
  shequ_org_change_put_unit (change, row);
  *code = "999998001";
  return row->id;
}

/* N communities in areas of 500 under the street. */
static void
put_communities (ShequOrgStore  *org,
                 ShequOrgChange *change,
                 gint64          street_id,
                 const char     *street_code,
                 guint           n)
{
  guint32 state = 20261202;
  gint64 area_id = 0;
  g_autofree char *area_code = NULL;

  for (guint c = 0; c < n; c++)
    {
      ShequUnitRow *row;

      if (c % 500 == 0)
        {
          row = shequ_unit_row_new ();
          row->id = area_id = shequ_org_store_allocate_unit_id (org);
          row->parent_id = street_id;
          row->tier = SHEQU_TIER_AREA;
          g_free (area_code);
          area_code = g_strdup_printf ("%s8%03u", street_code, c / 500 + 1);
          row->code = g_strdup (area_code);
          row->name = g_strdup_printf ("考评合成%u片区", c / 500 + 1);
          shequ_org_change_put_unit (change, row);
        }
      row = shequ_unit_row_new ();
      row->id = shequ_org_store_allocate_unit_id (org);
      row->parent_id = area_id;
      row->tier = SHEQU_TIER_COMMUNITY;
      row->code = g_strdup_printf ("%s%05u", area_code, c + 1);
      row->name = g_strdup_printf ("%s%s%u社区",
                                   syllables[next_random (&state) % G_N_ELEMENTS (syllables)],
                                   syllables[next_random (&state) % G_N_ELEMENTS (syllables)],
                                   c + 1);
      row->population = 1000 + next_random (&state) % 6000;
      row->households = row->population / 3;
      shequ_org_change_put_unit (change, row);
    }
}

static void
put_assessors (ShequOrgStore  *org,
               ShequOrgChange *change,
               gint64          street_id,
               guint           n)
{
  for (guint a = 0, serial = 1; a < n; serial++)
    {
      g_autofree char *code = g_strdup_printf ("KH%04u", serial);
      ShequPersonRow *person;
      ShequPostRow *post;

      if (shequ_org_store_lookup_person_code (org, code) != NULL)
        continue;
      person = shequ_person_row_new ();
      person->id = shequ_org_store_allocate_person_id (org);
      person->code = g_steal_pointer (&code);
      person->name = g_strdup_printf ("%s%s%u", surnames[a % 8], given[a % 6], a + 1);
      shequ_org_change_put_person (change, person);
      post = shequ_post_row_new ();
      post->id = shequ_org_store_allocate_post_id (org);
      post->person_id = person->id;
      post->unit_id = street_id;
      post->role = SHEQU_ROLE_ASSESSOR;
      post->title = g_strdup ("考核员");
      shequ_org_change_put_post (change, post);
      a++;
    }
}

/* Units and assessor people enough for the evaluation, in one change. */
static gboolean
ensure_org (ShequEvalStore  *store,
            guint            n_targets,
            guint            n_assessors,
            GError         **error)
{
  ShequOrgStore *org = shequ_eval_store_get_org_store (store);
  guint have_units = count_community_units (org);
  guint have_assessors = shequ_eval_store_list_assessor_people (store)->len;
  g_autoptr(ShequOrgChange) change = NULL;
  const char *street_code = NULL;
  gint64 street_id;

  if (have_units >= n_targets && have_assessors >= n_assessors)
    return TRUE;
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_SAMPLE, _("Create a synthetic evaluation"));
  shequ_org_change_set_bulk (change, TRUE);
  street_id = put_street (org, change, &street_code);
  if (have_units < n_targets)
    put_communities (org, change, street_id, street_code, n_targets - have_units);
  if (have_assessors < n_assessors)
    put_assessors (org, change, street_id, n_assessors - have_assessors);
  return shequ_org_store_apply (org, g_steal_pointer (&change), error);
}

static ShequEvalSetDef *
make_set (guint n_indicators)
{
  ShequEvalSetDef *def = shequ_eval_set_def_new_default (SHEQU_EVAL_KIND_COMMUNITY,
                                                         "合成社区考评指标体系");

  for (guint i = 0; i < n_indicators; i++)
    {
      ShequIndicatorRow *row = shequ_indicator_row_new ();

      row->position = i;
      row->code = g_strdup_printf ("I%02u", i + 1);
      row->category = g_strdup (categories[i % G_N_ELEMENTS (categories)]);
      row->name = g_strdup_printf ("%s%u", topics[i % G_N_ELEMENTS (topics)], i + 1);
      /* Whole weights summing to exactly 100 when there are at most 100 indicators. */
      row->weight = n_indicators <= 100
        ? (double) (100 / n_indicators + (i < 100 % n_indicators ? 1 : 0))
        : 100.0 / n_indicators;
      row->max_score = i % 3 == 0 ? 2000 : 1000;
      row->guidance = g_strdup ("按考评细则逐项打分，低分须写明扣分原因。");
      g_ptr_array_add (def->indicators, row);
    }
  return def;
}

/* Every cell of every assessor: a target's level (55 % to 100 % of the maximum) plus
 * each assessor's noise, in half points; low scores with a comment. */
static gboolean
fill_scores (ShequEvalStore        *store,
             const ShequEvalSetDef *def,
             const gint64          *assessor_ids,
             guint                  n_assessors,
             const gint64          *target_ids,
             guint                  n_targets,
             guint32                seed,
             GError               **error)
{
  g_autoptr(GArray) edits = g_array_sized_new (FALSE, FALSE, sizeof (ShequScoreEdit), BATCH);
  guint n_indicators = def->indicators->len;
  guint32 state = seed;

  for (guint t = 0; t < n_targets; t++)
    {
      double level = 0.55 + (next_random (&state) % 4500) / 10000.0;

      for (guint a = 0; a < n_assessors; a++)
        for (guint i = 0; i < n_indicators; i++)
          {
            const ShequIndicatorRow *indicator = g_ptr_array_index (def->indicators, i);
            double noise = ((int) (next_random (&state) % 2001) - 1000) / 10000.0;
            double share = CLAMP (level + noise, 0.0, 1.0);
            ShequScore value = (ShequScore) (share * indicator->max_score / 50.0 + 0.5) * 50;
            ShequScoreEdit edit = { assessor_ids[a], target_ids[t], indicator->id,
                                    MIN (value, indicator->max_score), NULL };

            if (edit.value < def->set->comment_below * indicator->max_score)
              edit.comment = deductions[next_random (&state) % G_N_ELEMENTS (deductions)];
            g_array_append_val (edits, edit);
            if (edits->len == BATCH)
              {
                if (!shequ_eval_store_set_scores (store, (ShequScoreEdit *) edits->data,
                                                  edits->len, NULL, NULL, error))
                  return FALSE;
                g_array_set_size (edits, 0);
              }
          }
    }
  return edits->len == 0 ||
         shequ_eval_store_set_scores (store, (ShequScoreEdit *) edits->data, edits->len, NULL,
                                      NULL, error);
}

/* Opens a quarter of SET_ID (QUARTERS_BEFORE before 2026 Q3), assigns every target to
 * each of N_ASSESSORS of PERSON_IDS and fills every cell; submits every sheet when
 * CLOSE, which closes the period. */
static gboolean
put_period (ShequEvalStore  *store,
            gint64           set_id,
            guint            quarters_before,
            GArray          *person_ids,
            guint            n_assessors,
            GArray          *target_ids,
            gboolean         close,
            gint64          *period_id,
            GError         **error)
{
  static const char *const numerals[] = { "一", "二", "三", "四" };
  static const char *const ends[] = { "03-31", "06-30", "09-30", "12-31" };
  guint index = 2026 * 4 + 2 - quarters_before;
  guint year = index / 4, quarter = index % 4;
  g_autofree char *label = g_strdup_printf ("%u年第%s季度（合成）", year, numerals[quarter]);
  g_autofree char *starts = g_strdup_printf ("%u-%02u-01", year, quarter * 3 + 1);
  g_autofree char *last = g_strdup_printf ("%u-%s", year, ends[quarter]);
  g_autoptr(GArray) assessor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const ShequEvalSetDef *saved;

  if (!shequ_eval_store_open_period (store, set_id, SHEQU_PERIOD_KIND_QUARTER, label, starts,
                                     last, NULL, period_id, error))
    return FALSE;
  /* The indicators as saved, with their ids. */
  saved = shequ_eval_store_lookup_set (store,
                                       shequ_eval_store_lookup_period (store, *period_id)->set_id);
  g_assert (saved != NULL);
  for (guint a = 0; a < n_assessors; a++)
    {
      gint64 assessor_id = 0;

      if (!shequ_eval_store_assign (store, *period_id, g_array_index (person_ids, gint64, a),
                                    (const gint64 *) (gpointer) target_ids->data,
                                    target_ids->len, NULL, &assessor_id, error))
        return FALSE;
      g_array_append_val (assessor_ids, assessor_id);
    }
  /* Each period its own levels: targets move between bands, some stay red or orange. */
  if (!fill_scores (store, saved, (const gint64 *) (gpointer) assessor_ids->data, n_assessors,
                    (const gint64 *) (gpointer) target_ids->data, target_ids->len,
                    0x5eed2026 + quarters_before * 7919, error))
    return FALSE;
  for (guint a = 0; close && a < n_assessors; a++)
    if (!shequ_eval_store_submit (store, g_array_index (assessor_ids, gint64, a), NULL, error))
      return FALSE;
  return TRUE;
}

/* The first N_TARGETS community targets and N_ASSESSORS assessor people. */
static gboolean
pick (ShequEvalStore  *store,
      guint            n_targets,
      guint            n_assessors,
      GArray          *target_ids,
      GArray          *person_ids,
      GError         **error)
{
  GPtrArray *targets = shequ_eval_store_get_targets (store, SHEQU_EVAL_KIND_COMMUNITY);
  GPtrArray *people = shequ_eval_store_list_assessor_people (store);

  if (targets == NULL || targets->len < n_targets || people == NULL || people->len < n_assessors)
    {
      g_set_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_FOUND,
                   _("The synthetic evaluation needs %u targets and %u assessors; the "
                     "store has %u and %u"), n_targets, n_assessors,
                   targets != NULL ? targets->len : 0, people != NULL ? people->len : 0);
      return FALSE;
    }
  for (guint t = 0; t < n_targets; t++)
    {
      const ShequEvalTargetRow *row = g_ptr_array_index (targets, t);

      g_array_append_val (target_ids, row->id);
    }
  for (guint a = 0; a < n_assessors; a++)
    {
      gint64 id = shequ_person_get_id (g_ptr_array_index (people, a));

      g_array_append_val (person_ids, id);
    }
  return TRUE;
}

gboolean
shequ_eval_sample_populate_synthetic (ShequEvalStore  *store,
                                      guint            n_targets,
                                      guint            n_indicators,
                                      guint            n_assessors,
                                      gint64          *period_id,
                                      GError         **error)
{
  return shequ_eval_sample_populate_synthetic_history (store, n_targets, n_indicators,
                                                       n_assessors, 0, period_id, error);
}

gboolean
shequ_eval_sample_populate_synthetic_history (ShequEvalStore  *store,
                                              guint            n_targets,
                                              guint            n_indicators,
                                              guint            n_assessors,
                                              guint            n_history,
                                              gint64          *period_id,
                                              GError         **error)
{
  g_autoptr(ShequEvalSetDef) def = NULL;
  g_autoptr(GArray) target_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 set_id = 0, period = 0;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), FALSE);
  g_return_val_if_fail (n_targets > 0 && n_indicators > 0 && n_assessors > 0, FALSE);
  g_return_val_if_fail (n_indicators <= 1000 && n_history <= 40, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_org (store, n_targets, n_assessors, error) ||
      !pick (store, n_targets, n_assessors, target_ids, person_ids, error))
    return FALSE;

  def = make_set (n_indicators);
  if (!shequ_eval_store_save_set (store, def, NULL, &set_id, error))
    return FALSE;
  /* The closed periods, oldest first, each graded by one assessor (a fifth of the
   * current period's cells with five): enough for the band history the flag rules read. */
  for (guint h = n_history; h > 0; h--)
    {
      gint64 closed = 0;

      if (!put_period (store, set_id, h, person_ids, 1, target_ids, TRUE, &closed, error))
        return FALSE;
    }
  if (!put_period (store, set_id, 0, person_ids, n_assessors, target_ids, FALSE, &period,
                   error))
    return FALSE;
  if (period_id != NULL)
    *period_id = period;
  return TRUE;
}
