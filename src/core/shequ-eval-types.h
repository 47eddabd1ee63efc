/* shequ-eval-types.h — the green-orange-red evaluation's kinds, states, bands and rows */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shequ-classify.h"

G_BEGIN_DECLS

/* What is graded. A cadre is a person holding a post at a community or village; a
 * community target is a community or village unit. */
typedef enum {
  SHEQU_EVAL_KIND_CADRE,
  SHEQU_EVAL_KIND_COMMUNITY,
  SHEQU_EVAL_N_KINDS
} ShequEvalKind;

typedef enum {
  SHEQU_PERIOD_KIND_MONTH,
  SHEQU_PERIOD_KIND_QUARTER,
  SHEQU_PERIOD_KIND_YEAR,
  SHEQU_PERIOD_N_KINDS
} ShequPeriodKind;

/* open (created, assessors being assigned) → scoring (the first score entered) →
 * closed (every assessor submitted). Reopening a sheet of a closed period takes it
 * back to scoring. */
typedef enum {
  SHEQU_PERIOD_STATE_OPEN,
  SHEQU_PERIOD_STATE_SCORING,
  SHEQU_PERIOD_STATE_CLOSED,
  SHEQU_PERIOD_N_STATES
} ShequPeriodState;

/* NONE: not scored (or not every cell filled). Ordered best to worst. */
typedef enum {
  SHEQU_BAND_NONE,
  SHEQU_BAND_GREEN,
  SHEQU_BAND_ORANGE,
  SHEQU_BAND_RED,
  SHEQU_N_BANDS
} ShequBand;

/* How the scores of several assessors make one: the mean, or the mean without the
 * highest and the lowest (trimmed; only with three assessors or more, else the mean). */
typedef enum {
  SHEQU_EVAL_COMBINE_MEAN,
  SHEQU_EVAL_COMBINE_TRIMMED,
  SHEQU_EVAL_N_COMBINES
} ShequEvalCombine;

typedef enum {
  SHEQU_FLAG_ACTION_INTERVIEW,  /* 约谈 */
  SHEQU_FLAG_ACTION_WARNING,    /* 提醒/警示 */
  SHEQU_FLAG_N_ACTIONS
} ShequFlagAction;

/* open → interview held (with a note) → closed; open → closed directly too. */
typedef enum {
  SHEQU_FLAG_STATE_OPEN,
  SHEQU_FLAG_STATE_INTERVIEWED,
  SHEQU_FLAG_STATE_CLOSED,
  SHEQU_FLAG_N_STATES
} ShequFlagState;

/* Scores are kept in hundredths of a point ("8.5" is 850), so totals and the band
 * boundaries are exact. */
typedef gint32 ShequScore;
#define SHEQU_SCORE_NONE G_MININT32
#define SHEQU_SCORE_MAX  (100000 * 100)

/* Stable English keys for files, the database and the CLI; translated labels for the
 * UI. from_string accepts the key or the Chinese label. */
const char *shequ_eval_kind_to_key         (ShequEvalKind     kind);
gboolean    shequ_eval_kind_from_string    (const char       *str,
                                            ShequEvalKind    *kind);
const char *shequ_eval_kind_get_label      (ShequEvalKind     kind);
const char *shequ_period_kind_to_key       (ShequPeriodKind   kind);
gboolean    shequ_period_kind_from_string  (const char       *str,
                                            ShequPeriodKind  *kind);
const char *shequ_period_kind_get_label    (ShequPeriodKind   kind);
const char *shequ_period_state_to_key      (ShequPeriodState  state);
gboolean    shequ_period_state_from_string (const char       *str,
                                            ShequPeriodState *state);
const char *shequ_period_state_get_label   (ShequPeriodState  state);
/* "green", "orange", "red", "none"; labels 绿 / Green … */
const char *shequ_band_to_key              (ShequBand         band);
gboolean    shequ_band_from_string         (const char       *str,
                                            ShequBand        *band);
const char *shequ_band_get_label           (ShequBand         band);
/* The band's fill (the same on screen, in print and on the map) and a text colour
 * readable on it. */
void        shequ_band_get_colour          (ShequBand         band,
                                            ShequColour      *colour);
void        shequ_band_get_text_colour     (ShequBand         band,
                                            ShequColour      *colour);
const char *shequ_eval_combine_to_key      (ShequEvalCombine  combine);
gboolean    shequ_eval_combine_from_string (const char       *str,
                                            ShequEvalCombine *combine);
const char *shequ_eval_combine_get_label   (ShequEvalCombine  combine);
const char *shequ_flag_action_to_key       (ShequFlagAction   action);
gboolean    shequ_flag_action_from_string  (const char       *str,
                                            ShequFlagAction  *action);
const char *shequ_flag_action_get_label    (ShequFlagAction   action);
const char *shequ_flag_state_to_key        (ShequFlagState    state);
gboolean    shequ_flag_state_from_string   (const char       *str,
                                            ShequFlagState   *state);
const char *shequ_flag_state_get_label     (ShequFlagState    state);

/* "8.5", " 10 ", "7.25", "８．５" (full-width digits, as IMEs type them) → 850, 1000,
 * 725, 850. At most two decimals, no sign, no exponent, at most SHEQU_SCORE_MAX. FALSE
 * for anything else (VALUE untouched); "" is FALSE too (the caller decides whether an
 * empty cell clears it). */
gboolean    shequ_score_parse              (const char       *text,
                                            ShequScore       *value);
/* 850 → "8.5", 1000 → "10", 725 → "7.25"; SHEQU_SCORE_NONE → "". Caller frees. */
char       *shequ_score_format             (ShequScore        value);
/* A total (0..100, already rounded to hundredths) as "85.00"-style text with
 * DECIMALS decimals (0..2); NAN → "—". Caller frees. */
char       *shequ_eval_format_total        (double            total,
                                            guint             decimals);

/* The band of TOTAL under a set's rule: green at GREEN_MIN or more, orange at
 * ORANGE_MIN up to below GREEN_MIN, red below ORANGE_MIN; NONE for NAN. TOTAL is
 * compared after rounding to hundredths, so 84.995 is 85.00 (green) and 84.99 orange. */
ShequBand   shequ_band_for_total           (double            total,
                                            double            green_min,
                                            double            orange_min);
/* round (TOTAL × 100) / 100, NAN stays NAN. */
double      shequ_eval_round_total         (double            total);

/* ---- Row images: what one row of the evaluation's tables holds ------------------ */

/* One version of an indicator set. Versions of one set share FAMILY (the id of the
 * first version); a change to a version some period has scored with makes a new
 * version (VERSION + 1), and that period keeps the old one. */
typedef struct {
  gint64            id;
  gint64            family;
  guint             version;        /* 1, 2, … */
  ShequEvalKind     kind;
  char             *name;
  ShequEvalCombine  combine;
  double            green_min;      /* default 85 */
  double            orange_min;     /* default 70 */
  /* A score below COMMENT_BELOW × the indicator's maximum needs a comment (default
   * 0.6); 0 turns the rule off. */
  double            comment_below;
  char             *created_at;     /* ISO 8601 UTC; nullable in a new row */
} ShequEvalSetRow;

typedef struct {
  gint64      id;
  gint64      set_id;
  guint       position;   /* order on the sheet, 0 … */
  char       *code;       /* stable within the family: "I01"; the column key of CSV files */
  char       *category;   /* "党建引领" */
  char       *name;
  double      weight;     /* share of the total; a set's weights sum to 100 */
  ShequScore  max_score;  /* > 0 */
  char       *guidance;   /* how to score; may be "" */
} ShequIndicatorRow;

/* "BAND COUNT times within the last WITHIN closed periods of the set's family → ACTION"
 * (WITHIN == COUNT: in a row). Default: red 2 in a row → interview; orange 3 in a row →
 * warning. */
typedef struct {
  gint64           id;
  gint64           set_id;
  ShequBand        band;
  guint            count;
  guint            within;
  ShequFlagAction  action;
} ShequFlagRuleRow;

typedef struct {
  gint64            id;
  gint64            set_id;     /* the set version it scores with */
  ShequPeriodKind   kind;
  char             *label;      /* "2026年第三季度" */
  char             *starts;     /* YYYY-MM-DD */
  char             *ends;       /* YYYY-MM-DD, inclusive */
  ShequPeriodState  state;
} ShequPeriodRow;

/* What is graded: a unit (community kind; PERSON_ID 0), or a person at a unit (cadre
 * kind). NAME and UNIT_NAME are kept as they were when the target was made, so past
 * periods read the same after the organisation changes. */
typedef struct {
  gint64         id;
  ShequEvalKind  kind;
  gint64         unit_id;
  gint64         person_id;
  char          *code;       /* the unit's code, or "UNITCODE/PERSONCODE" */
  char          *name;       /* the unit's or the person's name */
  char          *unit_name;
  gint64         area_id;    /* the management area the unit is under; 0 if none */
} ShequEvalTargetRow;

/* One assessor in one period: a person with the assessor role, and their sheet. */
typedef struct {
  gint64  id;
  gint64  period_id;
  gint64  person_id;
  char   *name;
  char   *submitted_at;  /* NULL while the sheet is open */
} ShequAssessorRow;

typedef struct {
  gint64          id;
  gint64          rule_id;
  gint64          target_id;
  gint64          period_id;   /* the period whose close raised it */
  ShequFlagAction action;
  ShequFlagState  state;
  char           *note;        /* "" until the interview is held */
  char           *updated_at;
} ShequFlagRow;

#define SHEQU_DECLARE_EVAL_ROW(Type, type)                                   \
  Type *type##_new  (void);                                                  \
  Type *type##_copy (const Type *row);                                       \
  void  type##_free (Type       *row);                                       \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (Type, type##_free)

SHEQU_DECLARE_EVAL_ROW (ShequEvalSetRow,    shequ_eval_set_row)
SHEQU_DECLARE_EVAL_ROW (ShequIndicatorRow,  shequ_indicator_row)
SHEQU_DECLARE_EVAL_ROW (ShequFlagRuleRow,   shequ_flag_rule_row)
SHEQU_DECLARE_EVAL_ROW (ShequPeriodRow,     shequ_period_row)
SHEQU_DECLARE_EVAL_ROW (ShequEvalTargetRow, shequ_eval_target_row)
SHEQU_DECLARE_EVAL_ROW (ShequAssessorRow,   shequ_assessor_row)
SHEQU_DECLARE_EVAL_ROW (ShequFlagRow,       shequ_flag_row)

/* A whole set as edited and saved: the set row, its indicators in order, its flag
 * rules. Owned arrays (free funcs set). */
typedef struct {
  ShequEvalSetRow *set;
  GPtrArray       *indicators;  /* ShequIndicatorRow */
  GPtrArray       *flag_rules;  /* ShequFlagRuleRow */
} ShequEvalSetDef;

ShequEvalSetDef *shequ_eval_set_def_new  (ShequEvalKind          kind,
                                          const char            *name);
ShequEvalSetDef *shequ_eval_set_def_copy (const ShequEvalSetDef *def);
void             shequ_eval_set_def_free (ShequEvalSetDef       *def);
/* Σ weights of DEF's indicators. */
double           shequ_eval_set_def_get_weight_sum (const ShequEvalSetDef *def);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequEvalSetDef, shequ_eval_set_def_free)

G_END_DECLS
