/* shequ-eval-store.h — the green-orange-red evaluation in memory, kept in step with the database */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-database.h"
#include "shequ-eval-compute.h"
#include "shequ-eval-types.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

#define SHEQU_EVAL_ERROR (shequ_eval_error_quark ())

typedef enum {
  SHEQU_EVAL_ERROR_INVALID,       /* empty name, bad band rule, max ≤ 0, bad dates … */
  SHEQU_EVAL_ERROR_RANGE,         /* a score outside 0 … the indicator's maximum */
  SHEQU_EVAL_ERROR_NOT_A_NUMBER,  /* a score that does not read as a number */
  SHEQU_EVAL_ERROR_COMMENT,       /* a low score without the comment the set asks for */
  SHEQU_EVAL_ERROR_WEIGHTS,       /* weights not summing to 100 when a period opens */
  SHEQU_EVAL_ERROR_SUBMITTED,     /* an edit to a submitted sheet */
  SHEQU_EVAL_ERROR_CLOSED,        /* an edit in a closed period */
  SHEQU_EVAL_ERROR_NOT_ASSIGNED,  /* a score by an assessor for a target not theirs */
  SHEQU_EVAL_ERROR_INCOMPLETE,    /* submitting a sheet with empty cells */
  SHEQU_EVAL_ERROR_NOT_FOUND,     /* an unknown id: set, period, assessor, target, indicator, flag */
  SHEQU_EVAL_ERROR_REASON,        /* reopening (or a flag's interview) without a reason / note */
  SHEQU_EVAL_ERROR_NOT_ASSESSOR,  /* a person without the assessor role */
} ShequEvalError;

GQuark shequ_eval_error_quark (void);

#define SHEQU_TYPE_EVAL_STORE (shequ_eval_store_get_type ())
G_DECLARE_FINAL_TYPE (ShequEvalStore, shequ_eval_store, SHEQU, EVAL_STORE, GObject)

/* The evaluation over ORG's database: sets, periods, assessors, targets, scores and
 * flags, read at once and kept in memory; results are recomputed when asked for after a
 * change (shequ_eval_compute over the period's matrix).
 *
 * Every write is one transaction that also appends its audit entries (shequ-audit.h)
 * — a score change (who, old, new, reason: the comment), a submit, a reopen (reason),
 * a set or rule change, a period opened or closed, a flag's state — so the log and the
 * data never disagree. A write that fails changes nothing, on disk or in memory, and
 * says why with a translated SHEQU_EVAL_ERROR naming the target, indicator or period.
 *
 * Audit targets (what shequ_audit_list() filters by): "eval-target:ID" for a score
 * or a flag, "eval-sheet:ASSESSOR_ID" for submit/reopen, "eval-set:FAMILY" for set and
 * rule changes, "eval-period:ID" for a period's state. Actions: "score", "submit",
 * "reopen", "set", "period-open", "period-close", "flag", "assign", "unassign".
 *
 * ACTOR in the calls below names who did it in the log (nullable: the store's "actor"
 * property, by default the login's real name).
 *
 * Signals: "changed" (gint64 period_id: 0 when sets, rules or targets changed; GQuark
 *          what: "scores", "sheet", "period", "sets", "flags"): after every write.
 *          Which: set_score(s) (P, "period") when a first score starts scoring, then
 *          (P, "scores") per period touched; assign (P, "sheet"); submit and reopen
 *          (P, "sheet"), and (P, "period") + (0, "flags") when the period closed or
 *          reopened; open_period (P, "period"); save_set (P, "period") for each open
 *          period laid out again, then (0, "sets"); set_flag_state (0, "flags"). A write
 *          that changes nothing (a cell set to what it holds) emits nothing.
 *
 * Scores: a comment is kept as given ("" when NULL); it is required only strictly below
 * comment_below × max. get_score gives "" for a filled cell without one.
 *
 * What the log holds (ShequAuditRecord fields; ACTOR as above, REASON NULL unless said):
 *   score         eval-target:T   old/new "I01: 8.5 (assessor's name)" — indicator code,
 *                                 score, assessor; NULL for an empty cell; reason: the
 *                                 comment kept with the new score (or "target taken off the
 *                                 assessor's sheet" when assign removed it)
 *   assign        eval-sheet:A    old "N targets" (NULL for a new assessor), new
 *                                 "N targets (+added −removed): name"
 *   submit        eval-sheet:A    new "name, period label"
 *   reopen        eval-sheet:A    old: when it was submitted; reason: the reason
 *   reopen        eval-period:P   old "closed", new "scoring"; reason (a closed period)
 *   period-open   eval-period:P   new "label (starts to ends; set “name” version V)"
 *   period-close  eval-period:P   old "scoring", new "closed"
 *   set           eval-set:F      old "version V" (NULL for a new set), new "version W:
 *                                 what changed" (English, e.g. "I01 weight 10 → 20; I05
 *                                 added; flag rules")
 *   flag          eval-target:T   raised: new "interview: red 2 of 2", reason the period's
 *                                 label; a state change: old/new state keys, reason the
 *                                 note; withdrawn by a reopen: new "withdrawn", reason the
 *                                 reopen's reason
 * The move from open to scoring at a period's first score is not logged (the score is).
 *
 * Another program's commits are found by PRAGMA data_version together with the audit
 * log's last seq and the last target id; every write first reads them and, when they
 * moved, reloads inside its transaction and checks itself again: rows and arrays the
 * store handed out before are then invalid (as after a refresh that read something),
 * and "changed" (0, "sets") and (P, "scores") for every period follow the write's own. */

ShequEvalStore *shequ_eval_store_new            (ShequOrgStore     *org,
                                                 GError           **error);
ShequOrgStore  *shequ_eval_store_get_org_store  (ShequEvalStore    *self);
ShequDatabase  *shequ_eval_store_get_database   (ShequEvalStore    *self);
const char     *shequ_eval_store_get_actor      (ShequEvalStore    *self);
void            shequ_eval_store_set_actor      (ShequEvalStore    *self,
                                                 const char        *actor);

/* ---- Indicator sets ----------------------------------------------------------- */

/* The newest version of every family, ordered by kind then name (borrowed).
 * The array and the defs from get_sets() and lookup_set() are invalidated by a save
 * (shequ_eval_store_save_set: an in-place change frees the old def) and by a refresh
 * that reloads: read them again after "changed" (0, "sets"). */
GPtrArray      *shequ_eval_store_get_sets       (ShequEvalStore    *self);
/* Any version, by id (borrowed), or NULL. */
const ShequEvalSetDef *shequ_eval_store_lookup_set (ShequEvalStore *self,
                                                 gint64             set_id);
/* Creates (DEF->set->id 0) or changes a set. The store checks DEF (names, codes
 * unique within the set, weights 0 … 100, max > 0, green_min > orange_min ≥ 0, rules'
 * count ≤ within) but not that the weights sum to 100 (that is checked when a period
 * opens) — except that a change an open period would take (the version it uses changed
 * in place, or the new version it moves to) is refused with WEIGHTS, naming the
 * period, unless they sum to 100 (within 0.001). NULL category or guidance is saved as
 * "". Changing a version some period in scoring or closed uses makes a new version;
 * periods still open move to it. Logged as "set" with each change old → new. *SET_ID (nullable): the id of the version
 * saved.
 * DEF->set->id may name any version of the family: the change is made to the family's
 * newest version (compared with it; the kind cannot change: INVALID). Saving what the
 * newest holds writes and logs nothing (*SET_ID: the newest). A change in place (no
 * period scored with the version) rewrites its indicators and rules: their ids change.
 * Indicator positions are saved as the order of DEF->indicators. */
gboolean        shequ_eval_store_save_set       (ShequEvalStore    *self,
                                                 const ShequEvalSetDef *def,
                                                 const char        *actor,
                                                 gint64            *set_id,
                                                 GError           **error);
/* The set's default band rule, comment rule and flag rules filled into a new DEF. */
ShequEvalSetDef *shequ_eval_set_def_new_default (ShequEvalKind      kind,
                                                 const char        *name);

/* ---- Targets ------------------------------------------------------------------ */

/* The targets of KIND the organisation has now, made on first use: every community
 * and village (community kind); every person with a secretary, director or cadre post
 * at a community or village (cadre kind, one target per person and unit). Ordered by
 * area, then unit code, then person code. Borrowed ShequEvalTargetRow.
 * Making them is a write (no audit entry, no "changed"); when the database refuses it
 * (read-only) a warning is logged and the new ones are left out until asked again. The
 * array is kept until the organisation changes. A target's CODE is the unit's code, or
 * "UNITCODE/PERSONCODE"; AREA_ID follows the unit while it exists. */
GPtrArray      *shequ_eval_store_get_targets    (ShequEvalStore    *self,
                                                 ShequEvalKind      kind);
const ShequEvalTargetRow *shequ_eval_store_lookup_target (ShequEvalStore *self,
                                                 gint64             target_id);

/* ---- Periods ------------------------------------------------------------------ */

/* Every period, oldest first (by starts, then id); borrowed ShequPeriodRow. */
GPtrArray      *shequ_eval_store_get_periods    (ShequEvalStore    *self);
const ShequPeriodRow *shequ_eval_store_lookup_period (ShequEvalStore *self,
                                                 gint64             period_id);
/* The closed (or, with INCLUDE_OPEN, any) period of the same set family and the same
 * kind (a year does not precede a quarter) that ends last before PERIOD ends, or NULL. */
const ShequPeriodRow *shequ_eval_store_get_previous_period (ShequEvalStore *self,
                                                 gint64             period_id,
                                                 gboolean           include_open);
/* Opens a period on the newest version of SET_ID's family: refused with
 * SHEQU_EVAL_ERROR_WEIGHTS unless its weights sum to 100 (within 0.001), INVALID for
 * bad dates (ENDS before STARTS, not YYYY-MM-DD), an empty label, or dates overlapping
 * a period of the same family and kind (the message names it). */
gboolean        shequ_eval_store_open_period    (ShequEvalStore    *self,
                                                 gint64             set_id,
                                                 ShequPeriodKind    kind,
                                                 const char        *label,
                                                 const char        *starts,
                                                 const char        *ends,
                                                 const char        *actor,
                                                 gint64            *period_id,
                                                 GError           **error);

/* ---- Assessors and sheets ----------------------------------------------------- */

/* People with an assessor post (SHEQU_ROLE_ASSESSOR), ordered by code; borrowed
 * ShequPerson from the org store. The array is the store's, kept until the organisation
 * next changes (do not keep it across changes). */
GPtrArray      *shequ_eval_store_list_assessor_people (ShequEvalStore *self);
/* Assessors of PERIOD, ordered by name; borrowed ShequAssessorRow. */
GPtrArray      *shequ_eval_store_get_assessors  (ShequEvalStore    *self,
                                                 gint64             period_id);
const ShequAssessorRow *shequ_eval_store_lookup_assessor (ShequEvalStore *self,
                                                 gint64             assessor_id);
/* Adds PERSON_ID as an assessor of PERIOD_ID grading TARGET_IDS (targets of the
 * period's kind), or, when already one, sets their targets to TARGET_IDS (scores of
 * targets taken away are deleted, and logged). Not in a closed period, not on a
 * submitted sheet.
 * Errors: NOT_FOUND (period, person, target), CLOSED, NOT_ASSESSOR, SUBMITTED, INVALID
 * (a target of the other kind). Repeated ids count once. Logged as "assign" (the same
 * targets again write, log and emit nothing). The assessor's name is the person's name
 * then. Indexes in the period's matrix (assessor and target) may change: read them
 * again after "changed" ("sheet"). */
gboolean        shequ_eval_store_assign         (ShequEvalStore    *self,
                                                 gint64             period_id,
                                                 gint64             person_id,
                                                 const gint64      *target_ids,
                                                 guint              n_targets,
                                                 const char        *actor,
                                                 gint64            *assessor_id,
                                                 GError           **error);
/* Takes ASSESSOR_ID off their period: their assignment goes and the scores on their
 * sheet are deleted (each logged), then "unassign" is logged. Refused once their sheet
 * is submitted (SUBMITTED) or in a closed period (CLOSED); NOT_FOUND. Emits (P,
 * "sheet"): the period's matrix indexes change. */
gboolean        shequ_eval_store_unassign       (ShequEvalStore    *self,
                                                 gint64             assessor_id,
                                                 const char        *actor,
                                                 GError           **error);
/* The targets ASSESSOR_ID grades, in the order of shequ_eval_store_get_targets().
 * GArray of gint64 (caller frees; empty for an unknown assessor). */
GArray         *shequ_eval_store_get_assigned   (ShequEvalStore    *self,
                                                 gint64             assessor_id);

/* One cell: VALUE in hundredths, or SHEQU_SCORE_NONE to clear it. COMMENT (nullable)
 * is kept with the score; the set's comment rule decides whether it is required. The
 * first score of an open period moves it to scoring. Refused: RANGE, COMMENT,
 * SUBMITTED, CLOSED, NOT_ASSIGNED, NOT_FOUND. Setting a cell to what it holds writes
 * nothing and logs nothing. */
gboolean        shequ_eval_store_set_score      (ShequEvalStore    *self,
                                                 gint64             assessor_id,
                                                 gint64             target_id,
                                                 gint64             indicator_id,
                                                 ShequScore         value,
                                                 const char        *comment,
                                                 const char        *actor,
                                                 GError           **error);
typedef struct {
  gint64      assessor_id;
  gint64      target_id;
  gint64      indicator_id;
  ShequScore  value;      /* SHEQU_SCORE_NONE clears */
  const char *comment;    /* nullable */
} ShequScoreEdit;
/* Many cells (a paste, an import) in one transaction: all or nothing. On error no
 * cell changed, and the message names the first bad edit; *BAD_INDEX (nullable) says
 * which.
 * Edits are checked in order, each against the cells as the earlier edits leave them: a
 * cell edited twice ends with the later value, and each change is one "score" entry.
 * When the database itself fails, *BAD_INDEX is N_EDITS. */
gboolean        shequ_eval_store_set_scores     (ShequEvalStore    *self,
                                                 const ShequScoreEdit *edits,
                                                 guint              n_edits,
                                                 const char        *actor,
                                                 guint             *bad_index,
                                                 GError           **error);
/* FALSE when the cell is empty (VALUE set to SHEQU_SCORE_NONE). *COMMENT borrowed,
 * nullable. */
gboolean        shequ_eval_store_get_score      (ShequEvalStore    *self,
                                                 gint64             assessor_id,
                                                 gint64             target_id,
                                                 gint64             indicator_id,
                                                 ShequScore        *value,
                                                 const char       **comment);
/* The period's scores as a matrix (borrowed, current until the next write), with the
 * index of each assessor, target and indicator: assessors in the order of
 * shequ_eval_store_get_assessors(), targets of shequ_eval_store_get_period_targets(),
 * indicators of the period's set. */
const ShequEvalMatrix *shequ_eval_store_get_matrix (ShequEvalStore *self,
                                                 gint64             period_id);
/* The targets some assessor of PERIOD grades, in get_targets() order (borrowed
 * ShequEvalTargetRow): the rows of the results. */
GPtrArray      *shequ_eval_store_get_period_targets (ShequEvalStore *self,
                                                 gint64             period_id);
/* Index of TARGET_ID / ASSESSOR_ID / INDICATOR_ID in the period's matrix, or -1. */
int             shequ_eval_store_target_index   (ShequEvalStore    *self,
                                                 gint64             period_id,
                                                 gint64             target_id);
int             shequ_eval_store_assessor_index (ShequEvalStore    *self,
                                                 gint64             period_id,
                                                 gint64             assessor_id);
int             shequ_eval_store_indicator_index (ShequEvalStore   *self,
                                                 gint64             period_id,
                                                 gint64             indicator_id);

/* Locks the sheet: refused with INCOMPLETE (naming how many cells are empty) unless
 * every cell of every assigned target is filled. When it is the period's last open
 * sheet the period closes and its flags are raised (one transaction); an assessor
 * grading no target is not waited for.
 * Also refused: NOT_FOUND, CLOSED, SUBMITTED (already submitted). Flags: for each target
 * of the period and each rule of its set version, shequ_flag_rule_fires() over the
 * target's bands in the closed periods of the same family and kind before it (as
 * get_previous_period: oldest first; NONE where it was not graded) and then this
 * period; not raised when the target already has a flag of this rule in this period,
 * or an open or interviewed flag of the same band and action in the family (a target
 * staying red is flagged once; closing the flag lets a new run flag it again). */
gboolean        shequ_eval_store_submit         (ShequEvalStore    *self,
                                                 gint64             assessor_id,
                                                 const char        *actor,
                                                 GError           **error);
/* Unlocks a submitted sheet; REASON (required: SHEQU_EVAL_ERROR_REASON) goes to the
 * log. A closed period goes back to scoring (refused with INVALID, naming it, while a
 * later period of the same family and kind is closed: its flags stand on this one), and flags its close raised that are
 * still open are withdrawn (logged).
 * A withdrawn flag is deleted (get_flags no longer lists it); flags already
 * interviewed or closed stay. A sheet that is not submitted: INVALID. */
gboolean        shequ_eval_store_reopen         (ShequEvalStore    *self,
                                                 gint64             assessor_id,
                                                 const char        *reason,
                                                 const char        *actor,
                                                 GError           **error);

/* ---- Results ------------------------------------------------------------------ */

/* PERIOD's results over shequ_eval_store_get_period_targets() (borrowed, recomputed
 * when a write changed the period since the last call). */
const ShequEvalResults *shequ_eval_store_get_results (ShequEvalStore *self,
                                                 gint64             period_id);
/* A target's place in PERIOD against the period before (get_previous_period with
 * include_open FALSE): its rank and band then (0 / NONE when it was not graded or
 * there is none). TRUE when there is a period before and the target was in it. */
gboolean        shequ_eval_store_get_previous   (ShequEvalStore    *self,
                                                 gint64             period_id,
                                                 gint64             target_id,
                                                 guint             *previous_rank,
                                                 ShequBand         *previous_band);
/* One point of a target's history. */
typedef struct {
  gint64     period_id;
  double     total;   /* NAN when not (fully) graded */
  ShequBand  band;
  guint      rank;
  int        move;    /* shequ_band_compare_move against the point before */
} ShequEvalHistoryPoint;
/* TARGET_ID's results in every period of FAMILY (0: every family of the target's
 * kind), oldest first. GArray of ShequEvalHistoryPoint (caller frees). Only periods
 * in which some assessor grades the target; open and scoring ones too (their totals
 * as they stand, NAN while incomplete). */
GArray         *shequ_eval_store_get_history    (ShequEvalStore    *self,
                                                 gint64             target_id,
                                                 gint64             family);

/* ---- Flags -------------------------------------------------------------------- */

/* Every flag, newest period first, then by target order; borrowed ShequFlagRow. */
GPtrArray      *shequ_eval_store_get_flags      (ShequEvalStore    *self);
/* Open → interviewed (NOTE required: SHEQU_EVAL_ERROR_REASON) → closed, or open →
 * closed, or closed → open (reopening a flag closed by mistake: the note stays, so
 * an interview held before is still on record). Logged with the note like any move.
 * Any other move: INVALID; an unknown flag: NOT_FOUND. The interview's note stays when
 * the flag is closed (a note given then is kept only when the flag had none). */
gboolean        shequ_eval_store_set_flag_state (ShequEvalStore    *self,
                                                 gint64             flag_id,
                                                 ShequFlagState     state,
                                                 const char        *note,
                                                 const char        *actor,
                                                 GError           **error);

/* ---- Other programs ----------------------------------------------------------- */

/* Reads what other programs (shequ-cli eval import-scores) committed since the store
 * last read, like shequ_org_store_refresh(); emits "changed" for each period that
 * changed.
 * The eval tables are read again whole when they changed; every pointer the store
 * handed out before is then invalid, so "changed" (0, "sets") comes first, then (P,
 * "scores") for each period that differs and (0, "flags") when flags do. *CHANGED is
 * TRUE when something differs. */
gboolean        shequ_eval_store_refresh        (ShequEvalStore    *self,
                                                 gboolean          *changed,
                                                 GError           **error);

G_END_DECLS
