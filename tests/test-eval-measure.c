/* test-eval-measure.c — a period's bands on the map, and its results per unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "shequ-eval-measure.h"
#include "shequ-eval-summary.h"
#include "shequ-person.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

/* 平邑街道 → area A (C1, C2, C3), area B (C4, C5). Scored (score_communities): C1 by two
 * assessors, 94 and 100, so 97 (green); C2 80 (orange); C3 half (no total); C4 60
 * (red); C5 is nobody's. */
typedef struct {
  ShequTestDir     dir;
  ShequDatabase   *db;
  ShequOrgStore   *org;
  ShequEvalStore  *store;
  ShequUnit       *street, *area_a, *area_b, *c[6];
  gint64           assessor[2];
  gint64           indicator[2];
  gint64           set_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  shequ_test_dir_init (&f->dir, "test-eval-measure-XXXXXX", "eval.db");
  f->org = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_CREATE
                                  | SHEQU_DATABASE_FLAGS_NO_BACKUP, &f->db);
  f->street = shequ_test_add_street (f->org);
  f->area_a = shequ_test_add_unit (f->org, f->street, SHEQU_TIER_AREA, "东片区", 0, 0);
  f->area_b = shequ_test_add_unit (f->org, f->street, SHEQU_TIER_AREA, "西片区", 0, 0);
  for (guint k = 1; k <= 5; k++)
    {
      g_autofree char *name = g_strdup_printf ("社区%u", k);

      f->c[k] = shequ_test_add_unit (f->org, k <= 3 ? f->area_a : f->area_b,
                                     SHEQU_TIER_COMMUNITY, name, 0, 0);
    }
  shequ_test_add_posts (f->org, f->street, SHEQU_ROLE_ASSESSOR, 2);
  f->store = shequ_eval_store_new (f->org, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  shequ_test_dir_clear (&f->dir);
}

/* A set of KIND with two indicators, 40 % out of 10 and 60 % out of 20: a total is
 * 4 a + 3 b. */
static gint64
save_set (Fixture       *f,
          ShequEvalKind  kind)
{
  g_autoptr(ShequEvalSetDef) def = shequ_eval_set_def_new_default (kind, "测试指标体系");
  g_autoptr(GError) error = NULL;
  static const double weights[] = { 40, 60 };
  static const ShequScore maxima[] = { 1000, 2000 };
  const ShequEvalSetDef *saved;
  gint64 set_id = 0;

  for (guint i = 0; i < 2; i++)
    {
      ShequIndicatorRow *row = shequ_indicator_row_new ();

      row->position = i;
      row->code = g_strdup_printf ("I%02u", i + 1);
      row->category = g_strdup ("党建引领");
      row->name = g_strdup_printf ("指标%u", i + 1);
      row->weight = weights[i];
      row->max_score = maxima[i];
      row->guidance = g_strdup ("");
      g_ptr_array_add (def->indicators, row);
    }
  g_assert_true (shequ_eval_store_save_set (f->store, def, "测试", &set_id, &error));
  g_assert_no_error (error);
  saved = shequ_eval_store_lookup_set (f->store, set_id);
  g_assert_nonnull (saved);
  for (guint i = 0; i < 2; i++)
    f->indicator[i] = ((ShequIndicatorRow *) g_ptr_array_index (saved->indicators, i))->id;
  return set_id;
}

static gint64
open_period (Fixture       *f,
             gint64         set_id,
             const char    *label,
             const char    *starts,
             const char    *ends)
{
  g_autoptr(GError) error = NULL;
  gint64 period_id = 0;

  g_assert_true (shequ_eval_store_open_period (f->store, set_id, SHEQU_PERIOD_KIND_QUARTER, label,
                                               starts, ends, "测试", &period_id, &error));
  g_assert_no_error (error);
  return period_id;
}

/* The target of KIND for UNIT (and PERSON, for a cadre; 0: any). */
static gint64
target_of (Fixture       *f,
           ShequEvalKind  kind,
           ShequUnit     *unit,
           gint64         person_id)
{
  GPtrArray *targets = shequ_eval_store_get_targets (f->store, kind);

  for (guint k = 0; k < targets->len; k++)
    {
      const ShequEvalTargetRow *target = g_ptr_array_index (targets, k);

      if (target->unit_id == shequ_unit_get_id (unit)
          && (person_id == 0 || target->person_id == person_id))
        return target->id;
    }
  g_assert_not_reached ();
}

static void
assign (Fixture      *f,
        gint64        period_id,
        guint         which,
        const gint64 *targets,
        guint         n_targets)
{
  GPtrArray *people = shequ_eval_store_list_assessor_people (f->store);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (people->len, >=, 2);
  g_assert_true (shequ_eval_store_assign (f->store, period_id,
                                          shequ_person_get_id (g_ptr_array_index (people, which)),
                                          targets, n_targets, "测试", &f->assessor[which],
                                          &error));
  g_assert_no_error (error);
}

static void
score (Fixture    *f,
       guint       which,
       gint64      target_id,
       ShequScore  a,
       ShequScore  b)
{
  ShequScore values[2] = { a, b };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (shequ_eval_store_set_score (f->store, f->assessor[which], target_id,
                                                 f->indicator[i], values[i], "说明", "测试",
                                                 &error));
      g_assert_no_error (error);
    }
}

/* The community period of the fixture's comment, scored. */
static gint64
score_communities (Fixture *f)
{
  gint64 set_id = save_set (f, SHEQU_EVAL_KIND_COMMUNITY);
  gint64 period_id = open_period (f, set_id, "2026年第一季度", "2026-01-01", "2026-03-31");
  gint64 t[5];

  for (guint k = 0; k < 5; k++)
    t[k] = target_of (f, SHEQU_EVAL_KIND_COMMUNITY, f->c[k + 1], 0);
  assign (f, period_id, 0, t, 4);
  assign (f, period_id, 1, t, 1);
  score (f, 0, t[0], 1000, 1800);                 /* 40 + 54 = 94 */
  score (f, 1, t[0], 1000, 2000);                 /* 100: the mean is 97 */
  score (f, 0, t[1], 800, 1600);                  /* 80 */
  score (f, 0, t[2], 900, SHEQU_SCORE_NONE);      /* half */
  score (f, 0, t[3], 600, 1200);                  /* 60 */
  return period_id;
}

static gboolean
value_of (ShequMeasure *measure,
          ShequUnit    *unit,
          ShequBand    *band)
{
  double value = -1;

  if (!shequ_measure_get_value (measure, unit, &value))
    return FALSE;
  g_assert_cmpfloat (value, >=, 0);
  g_assert_cmpfloat (value, <, shequ_measure_get_n_categories (measure));
  g_assert_cmpfloat (value, ==, floor (value));
  *band = (ShequBand) value + 1;
  return TRUE;
}

static void
test_band_measure (Fixture       *f,
                   gconstpointer  data)
{
  gint64 period_id;
  g_autoptr(ShequMeasure) measure = NULL;
  ShequBand band = SHEQU_BAND_NONE;

  g_assert_cmpint (shequ_eval_store_get_latest_community_period (f->store), ==, 0);
  period_id = score_communities (f);
  g_assert_cmpint (shequ_eval_store_get_latest_community_period (f->store), ==, period_id);

  measure = shequ_eval_measure_new_band (f->store, 0);
  g_assert_cmpstr (shequ_measure_get_id (measure), ==, "band");
  g_assert_nonnull (strstr (shequ_measure_get_name (measure), "2026年第一季度"));
  g_assert_true (value_of (measure, f->c[1], &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_GREEN);
  g_assert_true (value_of (measure, f->c[2], &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_ORANGE);
  g_assert_true (value_of (measure, f->c[4], &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_RED);
  /* Half scored, and not in the period at all: no data. */
  g_assert_false (value_of (measure, f->c[3], &band));
  g_assert_false (value_of (measure, f->c[5], &band));
  /* Areas: A's mean (97 + 80) / 2 = 88.5 green; B's 60 red; the street
   * (97 + 80 + 60) / 3 = 79 orange. */
  g_assert_true (value_of (measure, f->area_a, &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_GREEN);
  g_assert_true (value_of (measure, f->area_b, &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_RED);
  g_assert_true (value_of (measure, f->street, &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_ORANGE);
}

static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShequMeasure) measure = shequ_eval_measure_new_band (f->store, 0);
  ShequColour colour, expected;

  /* No period yet: a measure with no data, and its categories all the same. */
  g_assert_cmpuint (shequ_measure_get_n_categories (measure), ==, 3);
  g_assert_false (value_of (measure, f->c[1], &(ShequBand) { 0 }));
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *formatted = shequ_measure_format_value (measure, k);

      g_assert_cmpstr (shequ_measure_get_category_label (measure, k), ==,
                       shequ_band_get_label (k + 1));
      g_assert_cmpstr (formatted, ==, shequ_band_get_label (k + 1));
      shequ_measure_get_category_colour (measure, k, &colour);
      shequ_band_get_colour (k + 1, &expected);
      g_assert_cmpfloat (colour.red, ==, expected.red);
      g_assert_cmpfloat (colour.green, ==, expected.green);
      g_assert_cmpfloat (colour.blue, ==, expected.blue);
    }
}

/* A measure is read when made: a new one shows a changed score, the old one not. */
static void
test_measure_reads_when_made (Fixture       *f,
                              gconstpointer  data)
{
  gint64 period_id = score_communities (f);
  g_autoptr(ShequMeasure) before = shequ_eval_measure_new_band (f->store, period_id);
  g_autoptr(ShequMeasure) after = NULL;
  ShequBand band = SHEQU_BAND_NONE;

  score (f, 0, target_of (f, SHEQU_EVAL_KIND_COMMUNITY, f->c[4], 0), 1000, 2000);
  after = shequ_eval_measure_new_band (f->store, period_id);
  g_assert_true (value_of (before, f->c[4], &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_RED);
  g_assert_true (value_of (after, f->c[4], &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_GREEN);
  g_assert_true (value_of (after, f->area_b, &band));
  g_assert_cmpint (band, ==, SHEQU_BAND_GREEN);
}

static void
test_community_summary (Fixture       *f,
                        gconstpointer  data)
{
  gint64 period_id = score_communities (f);
  g_autoptr(GArray) summaries = shequ_eval_summarize_by_unit (f->store, period_id);
  const ShequEvalUnitSummary *a, *b, *street;

  g_assert_cmpuint (summaries->len, ==, 3);
  a = &g_array_index (summaries, ShequEvalUnitSummary, 0);
  b = &g_array_index (summaries, ShequEvalUnitSummary, 1);
  street = &g_array_index (summaries, ShequEvalUnitSummary, 2);

  g_assert_cmpint (a->unit_id, ==, shequ_unit_get_id (f->area_a));
  g_assert_cmpuint (a->n_targets, ==, 3);
  g_assert_cmpuint (a->n_graded, ==, 2);
  g_assert_cmpfloat_with_epsilon (a->mean_total, 88.5, 1e-9);
  g_assert_cmpint (a->band, ==, SHEQU_BAND_GREEN);
  g_assert_cmpuint (a->n_band[SHEQU_BAND_GREEN], ==, 1);
  g_assert_cmpuint (a->n_band[SHEQU_BAND_ORANGE], ==, 1);
  g_assert_cmpuint (a->n_band[SHEQU_BAND_RED], ==, 0);
  g_assert_cmpuint (a->n_band[SHEQU_BAND_NONE], ==, 1);

  g_assert_cmpint (b->unit_id, ==, shequ_unit_get_id (f->area_b));
  g_assert_cmpuint (b->n_targets, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->mean_total, 60.0, 1e-9);
  g_assert_cmpint (b->band, ==, SHEQU_BAND_RED);

  g_assert_cmpint (street->unit_id, ==, shequ_unit_get_id (f->street));
  g_assert_cmpuint (street->n_targets, ==, 4);
  g_assert_cmpuint (street->n_graded, ==, 3);
  g_assert_cmpfloat_with_epsilon (street->mean_total, 79.0, 1e-9);
  g_assert_cmpint (street->band, ==, SHEQU_BAND_ORANGE);
  g_assert_cmpuint (street->n_band[SHEQU_BAND_RED], ==, 1);

  /* An unknown period: nothing. */
  g_clear_pointer (&summaries, g_array_unref);
  summaries = shequ_eval_summarize_by_unit (f->store, 9999);
  g_assert_cmpuint (summaries->len, ==, 0);
}

/* The person holding UNIT's INDEX-th post. */
static gint64
person_at (ShequOrgStore *org,
           ShequUnit     *unit,
           guint          index)
{
  GListModel *posts = shequ_org_store_get_unit_posts (org, unit);
  g_autoptr(ShequPost) post = g_list_model_get_item (posts, index);

  g_assert_nonnull (post);
  return shequ_person_get_id (shequ_post_get_person (post));
}

/* Cadres gathered per community: two at C1 (one graded), one at C2; a cadre period
 * gives no unit a band on the map. */
static void
test_cadre_summary (Fixture       *f,
                    gconstpointer  data)
{
  gint64 set_id, period_id, t[3];
  g_autoptr(GArray) summaries = NULL;
  g_autoptr(ShequMeasure) measure = NULL;
  const ShequEvalUnitSummary *s;

  shequ_test_add_posts (f->org, f->c[1], SHEQU_ROLE_CADRE, 2);
  shequ_test_add_posts (f->org, f->c[2], SHEQU_ROLE_SECRETARY, 1);
  set_id = save_set (f, SHEQU_EVAL_KIND_CADRE);
  period_id = open_period (f, set_id, "2026年第二季度", "2026-04-01", "2026-06-30");
  t[0] = target_of (f, SHEQU_EVAL_KIND_CADRE, f->c[1], person_at (f->org, f->c[1], 0));
  t[1] = target_of (f, SHEQU_EVAL_KIND_CADRE, f->c[1], person_at (f->org, f->c[1], 1));
  t[2] = target_of (f, SHEQU_EVAL_KIND_CADRE, f->c[2], 0);
  assign (f, period_id, 0, t, 3);
  score (f, 0, t[0], 700, 1400);   /* 70 */
  score (f, 0, t[2], 500, 1000);   /* 50 */

  summaries = shequ_eval_summarize_by_unit (f->store, period_id);
  g_assert_cmpuint (summaries->len, ==, 2);
  s = &g_array_index (summaries, ShequEvalUnitSummary, 0);
  g_assert_cmpint (s->unit_id, ==, shequ_unit_get_id (f->c[1]));
  g_assert_cmpuint (s->n_targets, ==, 2);
  g_assert_cmpuint (s->n_graded, ==, 1);
  g_assert_cmpfloat_with_epsilon (s->mean_total, 70.0, 1e-9);
  g_assert_cmpint (s->band, ==, SHEQU_BAND_ORANGE);
  g_assert_cmpuint (s->n_band[SHEQU_BAND_NONE], ==, 1);
  s = &g_array_index (summaries, ShequEvalUnitSummary, 1);
  g_assert_cmpint (s->unit_id, ==, shequ_unit_get_id (f->c[2]));
  g_assert_cmpint (s->band, ==, SHEQU_BAND_RED);

  g_assert_cmpint (shequ_eval_store_get_latest_community_period (f->store), ==, 0);
  measure = shequ_eval_measure_new_band (f->store, period_id);
  g_assert_false (value_of (measure, f->c[1], &(ShequBand) { 0 }));
}

/* The band measure needs a store: it is not one of the built-in measures. */
static void
test_not_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequMeasure) measure = shequ_measure_new_builtin ("band", NULL, &error);
  const char *const *ids = shequ_measure_list_builtin ();

  g_assert_null (measure);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "tier, population, households, density, compliance"));
  for (guint k = 0; ids[k] != NULL; k++)
    g_assert_cmpstr (ids[k], !=, "band");
  g_assert_null (shequ_measure_builtin_get_name ("band"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/eval-measure/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("band/units-and-areas", test_band_measure);
  ADD ("band/categories", test_categories);
  ADD ("band/read-when-made", test_measure_reads_when_made);
  ADD ("summary/communities", test_community_summary);
  ADD ("summary/cadres", test_cadre_summary);
#undef ADD
  g_test_add_func ("/eval-measure/band/not-builtin", test_not_builtin);

  return g_test_run ();
}
