/* shequ-eval-store-private.h — the evaluation store's fields, shared by the files it spans */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The store, by concern:
 *   shequ-eval-store.c          the GObject: actor, "changed", statements, lookups, the
 *                               write path (audit entries)
 *   shequ-eval-store-load.c     every row read into an EvalData; matrices laid out
 *   shequ-eval-store-refresh.c  other programs' commits found (before each write too)
 *   shequ-eval-store-sets.c     indicator sets: checks, versions, what changed
 *   shequ-eval-store-targets.c  targets made from the organisation on first use
 *   shequ-eval-store-scores.c   assessors' assignments and scores
 *   shequ-eval-store-periods.c  periods opened, sheets submitted and reopened, flags
 *   shequ-eval-store-results.c  results, the period before, history
 * Every write validates against memory, runs one shequ_database_write() with its audit
 * entries, and changes memory only after the commit. When another program committed
 * since the store last read, the write reloads inside its transaction and validates
 * again before writing. */

#include "shequ-audit.h"
#include "shequ-database-private.h"
#include "shequ-eval-store.h"
#include "shequ-person.h"

G_BEGIN_DECLS

/* A target as the store keeps it: the row handed out, and its sort key. */
typedef struct {
  ShequEvalTargetRow  row;        /* first: handed out as const ShequEvalTargetRow * */
  char               *area_code;  /* the area's code now ("" when none): sorts targets */
  char               *key;        /* "KIND/UNIT_ID/PERSON_ID" */
} EvalTarget;

typedef struct _EvalPeriod EvalPeriod;

/* An assessor of one period, and the targets they grade. */
typedef struct {
  ShequAssessorRow  row;       /* first: handed out as const ShequAssessorRow * */
  EvalPeriod       *period;
  guint             index;     /* in period->assessors and the matrix */
  GArray           *assigned;  /* gint64 target ids, as assigned */
} EvalAssessor;

struct _EvalPeriod
{
  ShequPeriodRow   *row;           /* owned */
  GPtrArray        *assessors;     /* EvalAssessor*, unowned, by name then id */
  GPtrArray        *targets;       /* EvalTarget*, unowned: every assigned one, in order */
  GHashTable       *target_index;  /* gint64* target id → GUINT_TO_POINTER (index + 1) */
  ShequEvalMatrix  *matrix;
  ShequEvalResults *results;       /* NULL until asked for, and after a change */
  guint64           fingerprint;   /* of what was read: refresh tells what changed */
};

/* The key of one score's comment. */
typedef struct {
  gint64 assessor_id;
  gint64 target_id;
  gint64 indicator_id;
} CellKey;

/* Everything read from the eval tables (one read transaction, or rebuilt by a write). */
typedef struct {
  GHashTable *sets;           /* gint64* id → ShequEvalSetDef* (owned) */
  GPtrArray  *newest;         /* ShequEvalSetDef* newest of each family, sorted; NULL: stale */
  GHashTable *indicators;     /* gint64* id → ShequIndicatorRow* (in sets) */
  GHashTable *targets;        /* gint64* id → EvalTarget* (owned) */
  GHashTable *target_keys;    /* EvalTarget->key → EvalTarget* */
  GPtrArray  *periods;        /* EvalPeriod* (owned), by starts then id */
  GHashTable *period_ids;     /* gint64* id → EvalPeriod* */
  GHashTable *assessors;      /* gint64* id → EvalAssessor* (owned) */
  GHashTable *comments;       /* CellKey* → char* (owned both); only non-empty ones */
  GPtrArray  *flags;          /* ShequFlagRow* (owned), newest period first, then target */
  GHashTable *flag_ids;       /* gint64* id → ShequFlagRow* */
  guint64     sets_fingerprint;
  guint64     flags_fingerprint;
  gint64      max_target_id;
  gint64      data_version;   /* PRAGMA data_version and the audit log's last seq, read */
  gint64      audit_seq;      /* in the transaction that read the rest */
} EvalData;

struct _ShequEvalStore
{
  GObject         parent_instance;

  ShequOrgStore  *org;
  ShequDatabase  *db;
  char           *actor;
  gulong          applied_id;

  EvalData       *data;
  GPtrArray      *kind_targets[SHEQU_EVAL_N_KINDS];  /* EvalTarget*; NULL: org changed */
  GPtrArray      *period_rows;    /* ShequPeriodRow*, unowned, as data->periods */
  GHashTable     *statements;     /* const char *sql (by address) → sqlite3_stmt* */
  GPtrArray      *assessor_people; /* ShequPerson* (refs); NULL: org changed */

  gint64          data_version;   /* PRAGMA data_version when memory last matched */
  gint64          audit_seq;      /* the audit log's last seq then */
  gboolean        reloaded;       /* a write reloaded inside its transaction */
};

enum {
  CHANGED,
  N_SIGNALS
};

extern guint _shequ_eval_store_signals[N_SIGNALS];

/* shequ-eval-store.c */
sqlite3_stmt   *_shequ_eval_store_statement     (ShequEvalStore   *self,
                                                 const char       *sql,
                                                 GError          **error);
gboolean        _shequ_eval_store_step_done     (ShequEvalStore   *self,
                                                 sqlite3_stmt     *stmt,
                                                 GError          **error);
gboolean        _shequ_eval_store_log           (ShequEvalStore   *self,
                                                 const char       *actor,
                                                 const char       *action,
                                                 const char       *target,
                                                 const char       *old_value,
                                                 const char       *new_value,
                                                 const char       *reason,
                                                 GError          **error);
gboolean        _shequ_eval_store_is_stale      (ShequEvalStore   *self,
                                                 gboolean         *stale,
                                                 GError          **error);
/* Inside a write transaction: reloads when another program committed meanwhile. Sets
 * *RELOADED, so the caller validates again. */
gboolean        _shequ_eval_store_catch_up      (ShequEvalStore   *self,
                                                 gboolean         *reloaded,
                                                 GError          **error);
gboolean        _shequ_eval_store_write         (ShequEvalStore   *self,
                                                 ShequDatabaseFunc func,
                                                 gpointer          data,
                                                 GError          **error);
void            _shequ_eval_store_emit_reloaded (ShequEvalStore   *self);
void            _shequ_eval_store_emit          (ShequEvalStore   *self,
                                                 gint64            period_id,
                                                 const char       *what);
const char     *_shequ_eval_store_actor         (ShequEvalStore   *self,
                                                 const char       *actor);
char           *_shequ_eval_now                 (void);
/* NULL, "" or only white space. */
gboolean        _shequ_eval_is_blank            (const char       *text);
/* Sets a SHEQU_EVAL_ERROR; returns FALSE. */
gboolean        _shequ_eval_set_error           (GError          **error,
                                                 ShequEvalError    code,
                                                 const char       *format,
                                                 ...) G_GNUC_PRINTF (3, 4);
gboolean        _shequ_eval_person_is_assessor  (ShequPerson      *person);
char           *_shequ_eval_describe_target     (const ShequEvalTargetRow *target);
EvalPeriod     *_shequ_eval_store_period        (ShequEvalStore   *self,
                                                 gint64            period_id);
EvalAssessor   *_shequ_eval_store_assessor      (ShequEvalStore   *self,
                                                 gint64            assessor_id);
EvalTarget     *_shequ_eval_store_target        (ShequEvalStore   *self,
                                                 gint64            target_id);
const ShequEvalSetDef *_shequ_eval_store_period_set (ShequEvalStore *self,
                                                 EvalPeriod       *period);
gboolean        _shequ_eval_set_error_not_found (GError          **error,
                                                 const char       *what,
                                                 gint64            id);

/* shequ-eval-store-scores.c */
gboolean        _shequ_eval_store_write_period_state (ShequEvalStore *self,
                                                 EvalPeriod       *period,
                                                 ShequPeriodState  state,
                                                 GError          **error);
void            _shequ_eval_store_put_comment   (ShequEvalStore   *self,
                                                 gint64            assessor_id,
                                                 gint64            target_id,
                                                 gint64            indicator_id,
                                                 const char       *comment);

/* shequ-eval-store-load.c */
EvalData       *_shequ_eval_data_new            (void);
void            _shequ_eval_data_free           (EvalData         *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EvalData, _shequ_eval_data_free)
/* Reads every eval row (inside a transaction of the caller's, or its own). */
EvalData       *_shequ_eval_store_load_data     (ShequEvalStore   *self,
                                                 GError          **error);
void            _shequ_eval_store_take_data     (ShequEvalStore   *self,
                                                 EvalData         *data);
gboolean        _shequ_eval_store_read_versions (ShequEvalStore   *self,
                                                 gint64           *data_version,
                                                 gint64           *audit_seq,
                                                 GError          **error);
void            _shequ_eval_period_free         (EvalPeriod       *period);
void            _shequ_eval_assessor_free       (EvalAssessor     *assessor);
void            _shequ_eval_target_free         (EvalTarget       *target);
int             _shequ_eval_target_compare      (gconstpointer     a,
                                                 gconstpointer     b);
/* Lays out PERIOD's assessors, targets and matrix again from its assessors' assigned
 * targets, keeping the scores of the cells that stay. */
void            _shequ_eval_period_rebuild      (EvalData         *data,
                                                 EvalPeriod       *period,
                                                 const ShequEvalSetDef *set);
void            _shequ_eval_data_sort_periods   (EvalData         *data);
void            _shequ_eval_data_sort_flags     (EvalData         *data);
void            _shequ_eval_store_sync_period_rows (ShequEvalStore *self);
guint           _shequ_cell_key_hash            (gconstpointer     key);
gboolean        _shequ_cell_key_equal           (gconstpointer     a,
                                                 gconstpointer     b);

/* shequ-eval-store-targets.c */
/* Sets TARGET->area_code (and area_id, while the unit exists) from the organisation. */
void            _shequ_eval_store_place_target  (ShequEvalStore   *self,
                                                 EvalTarget       *target);
void            _shequ_eval_store_forget_kind_targets (ShequEvalStore *self);

/* shequ-eval-store-sets.c */
gboolean        _shequ_eval_check_set_def       (const ShequEvalSetDef *def,
                                                 GError          **error);

/* shequ-eval-store-periods.c */
gboolean        _shequ_eval_period_is_complete  (EvalPeriod       *period);

/* shequ-eval-store-results.c */
const ShequEvalResults *_shequ_eval_store_results (ShequEvalStore *self,
                                                 EvalPeriod       *period);
/* The closed periods of PERIOD's family before it, oldest first (EvalPeriod*). */
GPtrArray      *_shequ_eval_store_family_before  (ShequEvalStore  *self,
                                                 EvalPeriod       *period,
                                                 gboolean          include_open);

G_END_DECLS
