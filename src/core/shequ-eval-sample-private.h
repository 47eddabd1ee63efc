/* shequ-eval-sample-private.h — the sample evaluation's data files, read and checked */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-eval-store.h"

G_BEGIN_DECLS

/* One line of eval-indicators.csv. */
typedef struct {
  char        *code;
  char        *category;
  char        *name;
  double       weight;
  ShequScore   max_score;
  char        *guidance;
  char       **deductions;   /* reasons a comment on a deduction names; ≥ 1 */
} EsIndicator;

/* One line of eval-sets.csv and its indicators. */
typedef struct {
  ShequEvalKind     kind;
  char             *name;
  ShequEvalCombine  combine;
  double            green_min;
  double            orange_min;
  double            comment_below;
  char             *owner;          /* the owner's name: the actor of the set and periods */
  char             *comment;        /* "{reason}，扣{points}分" */
  GPtrArray        *indicators;     /* EsIndicator */
} EsSet;

/* One line of eval-periods.csv. */
typedef struct {
  ShequEvalKind     kind;
  ShequPeriodKind   period_kind;
  char             *label;
  char             *starts;
  char             *ends;
  ShequPeriodState  state;
  guint             filled;         /* percent of the cells scored (closed: 100) */
  guint             index;          /* 0 for the first period of its kind, 1, … */
} EsPeriod;

/* An assessor of one kind: the lines of eval-assessors.csv for one person and kind. */
typedef struct {
  ShequEvalKind  kind;
  gint64         person_id;
  char          *code;
  char          *name;
  GArray        *area_ids;          /* gint64: the management areas whose targets they grade */
} EsAssessor;

/* One line of eval-profiles.csv: a target's level (0 … 100) in the first period and
 * its change per period. */
typedef struct {
  double base;
  double trend;
} EsProfile;

typedef struct {
  EsSet      *sets[SHEQU_EVAL_N_KINDS];  /* NULL: no set of that kind */
  GPtrArray  *periods;                   /* EsPeriod, in file order */
  GPtrArray  *assessors;                 /* EsAssessor, by kind then person code */
  GHashTable *profiles;                  /* target code → EsProfile */
} EsData;

/* Reads the five eval-*.csv files in DIR and checks them against ORG (person codes,
 * names and roles, unit and area codes). Every problem of every file goes into one
 * SHEQU_IO_ERROR_INVALID, each as "PATH, line N: why". */
EsData  *es_data_read  (const char     *dir,
                        ShequOrgStore  *org,
                        GError        **error);
void     es_data_free  (EsData         *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsData, es_data_free)

G_END_DECLS
