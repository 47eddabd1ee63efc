/* shequ-test-eval.h — a small evaluation the evaluation's tests build on */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-store.h"

G_BEGIN_DECLS

/* A street 平邑街道 (371326001) with one area and three targets in code order:
 * 振兴社区 371326001001, 大南泉村 371326001002, 宗圣社区 371326001003; two assessors,
 * KH01 张考核 and KH02 李考核, each grading all three; a community set 社区考评 with I01
 * 党建引领 (weight 60, maximum 10) and I02 为民服务 (weight 40, maximum 20), a comment
 * needed below 60 % of the maximum; one period 2026年第三季度, open. */
typedef struct {
  ShequDatabase  *db;
  ShequOrgStore  *org;
  ShequEvalStore *store;
  gint64          set_id;
  gint64          period_id;     /* the newest period */
  gint64          assessor[2];   /* KH01's and KH02's assessor ids in PERIOD_ID */
  gint64          target[3];
  gint64          indicator[2];  /* I01, I02 of the set's current version */
} ShequTestEval;

void   shequ_test_eval_init        (ShequTestEval *self,
                                    const char    *path);
void   shequ_test_eval_clear       (ShequTestEval *self);
/* Opens a new period on the set, with both assessors grading all three targets;
 * PERIOD_ID and ASSESSOR follow it. */
gint64 shequ_test_eval_open_period (ShequTestEval *self,
                                    const char    *label,
                                    const char    *starts,
                                    const char    *ends);
/* Every cell of ASSESSOR's (0, 1) sheet in PERIOD_ID: the targets' totals are 90 (green),
 * 72 (orange) and 50 (red); the low scores have comments. */
void   shequ_test_eval_fill_sheet  (ShequTestEval *self,
                                    guint          assessor);
/* Fills and submits both sheets: the period closes. */
void   shequ_test_eval_close_period (ShequTestEval *self);
/* The number of entries in the audit log. */
guint  shequ_test_eval_count_audit (ShequTestEval *self);

G_END_DECLS
