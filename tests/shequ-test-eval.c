/* shequ-test-eval.c — a small evaluation the evaluation's tests build on */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-audit.h"
#include "shequ-io.h"
#include "shequ-test-eval.h"
#include "shequ-test-util.h"

static const char units_csv[] =
  "code,name,tier,parent_code,population,households\n"
  "371326001,平邑街道,street,,,\n"
  "37132600101,东片区,area,371326001,,\n"
  "371326001001,振兴社区,community,37132600101,1200,400\n"
  "371326001002,大南泉村,village,37132600101,2500,800\n"
  "371326001003,宗圣社区,community,37132600101,1800,600\n";

static const char people_csv[] =
  "person_code,name,phone,unit_code,role,title\n"
  "KH01,张考核,,371326001,assessor,考核员\n"
  "KH02,李考核,,371326001,assessor,考核员\n";

static void
import_org (ShequOrgStore *org)
{
  g_autoptr(GBytes) units = g_bytes_new_static (units_csv, sizeof units_csv - 1);
  g_autoptr(GBytes) people = g_bytes_new_static (people_csv, sizeof people_csv - 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_io_import_units_from_bytes (org, units, "units.csv", SHEQU_IO_FORMAT_CSV,
                                                   SHEQU_IO_ENCODING_AUTO, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_io_import_people_from_bytes (org, people, "people.csv",
                                                    SHEQU_IO_FORMAT_CSV, SHEQU_IO_ENCODING_AUTO,
                                                    NULL, &error));
  g_assert_no_error (error);
}

static void
add_indicator (ShequEvalSetDef *def,
               const char      *code,
               const char      *category,
               double           weight,
               ShequScore       max_score)
{
  ShequIndicatorRow *row = shequ_indicator_row_new ();

  row->position = def->indicators->len;
  row->code = g_strdup (code);
  row->category = g_strdup (category);
  row->name = g_strdup (category);
  row->weight = weight;
  row->max_score = max_score;
  row->guidance = g_strdup ("");
  g_ptr_array_add (def->indicators, row);
}

void
shequ_test_eval_init (ShequTestEval *self,
                      const char    *path)
{
  g_autoptr(ShequEvalSetDef) def = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *targets;

  memset (self, 0, sizeof *self);
  self->org = shequ_test_open_store (path, SHEQU_DATABASE_FLAGS_CREATE |
                                     SHEQU_DATABASE_FLAGS_NO_BACKUP, &self->db);
  import_org (self->org);
  self->store = shequ_eval_store_new (self->org, &error);
  g_assert_no_error (error);
  shequ_eval_store_set_actor (self->store, "测试员");

  def = shequ_eval_set_def_new_default (SHEQU_EVAL_KIND_COMMUNITY, "社区考评");
  add_indicator (def, "I01", "党建引领", 60, 1000);
  add_indicator (def, "I02", "为民服务", 40, 2000);
  g_assert_true (shequ_eval_store_save_set (self->store, def, NULL, &self->set_id, &error));
  g_assert_no_error (error);

  targets = shequ_eval_store_get_targets (self->store, SHEQU_EVAL_KIND_COMMUNITY);
  g_assert_cmpuint (targets->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    self->target[i] = ((ShequEvalTargetRow *) g_ptr_array_index (targets, i))->id;

  shequ_test_eval_open_period (self, "2026年第三季度", "2026-07-01", "2026-09-30");
}

gint64
shequ_test_eval_open_period (ShequTestEval *self,
                             const char    *label,
                             const char    *starts,
                             const char    *ends)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *people = shequ_eval_store_list_assessor_people (self->store);
  const ShequPeriodRow *period;
  const ShequEvalSetDef *set;

  g_assert_true (shequ_eval_store_open_period (self->store, self->set_id,
                                               SHEQU_PERIOD_KIND_QUARTER, label, starts, ends,
                                               NULL, &self->period_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  for (guint a = 0; a < 2; a++)
    {
      g_assert_true (shequ_eval_store_assign (self->store, self->period_id,
                                              shequ_person_get_id (g_ptr_array_index (people, a)),
                                              self->target, 3, NULL, &self->assessor[a],
                                              &error));
      g_assert_no_error (error);
    }
  period = shequ_eval_store_lookup_period (self->store, self->period_id);
  set = shequ_eval_store_lookup_set (self->store, period->set_id);
  for (guint i = 0; i < 2; i++)
    self->indicator[i] = ((ShequIndicatorRow *) g_ptr_array_index (set->indicators, i))->id;
  return self->period_id;
}

void
shequ_test_eval_fill_sheet (ShequTestEval *self,
                            guint          assessor)
{
  /* 60 × 9/10 + 40 × 18/20 = 90; 60 × 7/10 + 40 × 15/20 = 72; 60 × 5/10 + 40 × 10/20 = 50 */
  static const ShequScore scores[3][2] = { { 900, 1800 }, { 700, 1500 }, { 500, 1000 } };
  g_autoptr(GError) error = NULL;
  ShequScoreEdit edits[6];

  for (guint t = 0; t < 3; t++)
    for (guint i = 0; i < 2; i++)
      edits[t * 2 + i] = (ShequScoreEdit) { self->assessor[assessor], self->target[t],
                                            self->indicator[i], scores[t][i],
                                            t == 2 ? "台账缺失" : NULL };
  g_assert_true (shequ_eval_store_set_scores (self->store, edits, G_N_ELEMENTS (edits), NULL,
                                              NULL, &error));
  g_assert_no_error (error);
}

void
shequ_test_eval_close_period (ShequTestEval *self)
{
  for (guint a = 0; a < 2; a++)
    {
      g_autoptr(GError) error = NULL;

      shequ_test_eval_fill_sheet (self, a);
      g_assert_true (shequ_eval_store_submit (self->store, self->assessor[a], NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (shequ_eval_store_lookup_period (self->store, self->period_id)->state, ==,
                   SHEQU_PERIOD_STATE_CLOSED);
}

guint
shequ_test_eval_count_audit (ShequTestEval *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = shequ_audit_list (self->db, NULL, 0, &error);

  g_assert_no_error (error);
  return records->len;
}

void
shequ_test_eval_clear (ShequTestEval *self)
{
  g_clear_object (&self->store);
  g_clear_object (&self->org);
  g_clear_object (&self->db);
}
