/* shequ-io-private.h — what the parts of the import and export code share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-io.h"

G_BEGIN_DECLS

/* Columns */

#define MAX_COLUMNS 9
#define MAX_NAMES 4

typedef struct {
  const char *key;                 /* English key: CSV header and JSON member */
  const char *names[MAX_NAMES];    /* other accepted headers (Chinese) */
  gboolean    required;            /* the CSV header must have it */
} Column;

enum {
  U_CODE,
  U_NAME,
  U_TIER,
  U_PARENT,
  U_PARTY,
  U_SERVICE,
  U_POPULATION,
  U_HOUSEHOLDS,
  U_NOTE,
  N_UNIT_COLUMNS
};

enum {
  P_PERSON_CODE,
  P_NAME,
  P_PHONE,
  P_UNIT_CODE,
  P_ROLE,
  P_TITLE,
  N_PEOPLE_COLUMNS
};

extern const Column _shequ_io_unit_columns[N_UNIT_COLUMNS];
extern const Column _shequ_io_people_columns[N_PEOPLE_COLUMNS];

/* Records and problems */

typedef struct {
  char     *ref;                   /* "line 7" — how other problems refer to it */
  guint     number;                /* the line (CSV) or the record (JSON) */
  gboolean  json;                  /* NUMBER counts records, not lines */
  char     *values[MAX_COLUMNS];   /* trimmed; NULL when the column or member is absent */
} Record;

typedef struct {
  GArray *list;    /* Problem */
} Problems;

typedef struct {
  const Column *columns;
  guint         n_columns;
  const char   *array_key;       /* "units" or "people" */
  gboolean      flatten_posts;   /* people JSON: one record per post */
} TableSpec;

extern const TableSpec _shequ_io_table_specs[2];   /* by ShequIoTable */

typedef struct {
  GPtrArray *records;             /* Record */
  gboolean   has[MAX_COLUMNS];    /* CSV: the header has the column; JSON: always TRUE */
  char      *names[MAX_COLUMNS];  /* each column as the file names it, for messages */
  gboolean   chinese;             /* the header is in Chinese: so are the messages' names */
} Table;

/* An import read from a file: built by one thread, then handed to the main thread, whose
 * _apply alone touches it again (units: it sets the lines' tree fields afresh on each
 * attempt; people: it keeps what it finds in its own state). */
struct _ShequIoImport
{
  gatomicrefcount  ref_count;
  ShequIoTable     kind;
  const TableSpec *spec;
  char            *filename;
  Table            table;
  Problems         problems;        /* found without the tree: reading and single lines */
  guint            n_read_problems; /* the first of PROBLEMS, found while reading */
  char            *choices;         /* the tiers or roles, as the file names them */
  gboolean         chinese;         /* units: the file names tiers in Chinese */
  GPtrArray       *lines;           /* UnitLine or PersonLine, one per record */
  GHashTable      *lines_by_code;   /* units: code → UnitLine, the first with the code */
};

/* Checking one record against its table's rules: the one path for units and people.
 * Rules run in order; one on a column that failed already is skipped. */

typedef struct _RowCheck RowCheck;

typedef void (*RowCheckFunc) (RowCheck *row);

typedef enum {
  RULE_REQUIRED,   /* not empty, else MESSAGE */
  RULE_CODE,       /* when given: digits only, not changed by Excel */
  RULE_MANGLED,    /* when given: not changed by Excel into scientific notation */
  RULE_COUNT,      /* a whole number ≥ 0, empty meaning 0, into COUNTS */
  RULE_CUSTOM,     /* CHECK: what only one table has */
} RuleKind;

typedef struct {
  RuleKind      kind;
  guint         column;
  const char   *message;   /* RULE_REQUIRED, untranslated */
  RowCheckFunc  check;     /* RULE_CUSTOM */
} RowRule;

struct _RowCheck
{
  ShequIoImport *import;
  Record        *record;
  gpointer       line;                 /* the table's own line, for RULE_CUSTOM */
  guint          failed;               /* a bit per column that has a problem */
  gint64         counts[MAX_COLUMNS];  /* RULE_COUNT */
};

/* shequ-io-table.c: records and reading a file into a table */

void _shequ_io_record_free (Record *record);

const char *_shequ_io_record_get (const Record *record,
                                  guint         column);

char *_shequ_io_dup_trimmed (const char *str);

void _shequ_io_table_clear (Table *table);

const char *_shequ_io_column_label (const TableSpec *spec,
                                    const Table     *table,
                                    guint            column);

gboolean _shequ_io_is_ascii (const char *text);

void _shequ_io_append_column_name (GString      *list,
                                   const Column *column,
                                   gboolean      chinese);

gboolean _shequ_io_read_table (const TableSpec  *spec,
                               GBytes           *bytes,
                               const char       *filename,
                               ShequIoFormat     format,
                               ShequIoEncoding   encoding,
                               Table            *table,
                               Problems         *problems,
                               GError          **error);

/* shequ-io-json.c: reading JSON into a table */

gboolean _shequ_io_read_json_table (const TableSpec  *spec,
                                    const char       *text,
                                    const char       *filename,
                                    Table            *table,
                                    Problems         *problems,
                                    GError          **error);

/* shequ-io-problems.c: the bad lines and the message listing them */

void _shequ_io_problems_init (Problems *problems);

void _shequ_io_problems_clear (Problems *problems);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Problems, _shequ_io_problems_clear)

void _shequ_io_problem_add (Problems     *problems,
                            const Record *record,
                            const char   *format,
                            ...) G_GNUC_PRINTF (3, 4);

void _shequ_io_problem_add_value (Problems     *problems,
                                  const Record *record,
                                  const char   *value,
                                  const char   *format,
                                  ...) G_GNUC_PRINTF (4, 5);

/* Appends N of SRC's problems from START, as if they were found now. */
void _shequ_io_problems_append (Problems       *problems,
                                const Problems *src,
                                guint           start,
                                guint           n);

gboolean _shequ_io_problems_to_error (Problems    *problems,
                                      const char  *filename,
                                      GError     **error);

/* shequ-io-checks.c: checks of values and records */

gboolean _shequ_io_is_digits (const char *str);

void _shequ_io_check_row (RowCheck      *row,
                          const RowRule *rules,
                          guint          n_rules);

void _shequ_io_row_add_problem (RowCheck   *row,
                                guint       column,
                                const char *value,
                                const char *format,
                                ...) G_GNUC_PRINTF (4, 5);

char *_shequ_io_list_tiers (gboolean chinese);

const char *_shequ_io_tier_name (ShequTier tier,
                                 gboolean  chinese);

char *_shequ_io_list_roles (void);

/* shequ-io-units.c, shequ-io-people.c: reading (any thread) and one attempt of applying */

gboolean _shequ_io_units_read (ShequIoImport  *import,
                               GError        **error);

gboolean _shequ_io_units_apply (ShequIoImport  *import,
                                ShequOrgStore  *store,
                                guint          *n_units,
                                GError        **error);

gboolean _shequ_io_people_read (ShequIoImport  *import,
                                GError        **error);

gboolean _shequ_io_people_apply (ShequIoImport  *import,
                                 ShequOrgStore  *store,
                                 guint          *n_people,
                                 GError        **error);

/* shequ-io-import.c */

gboolean _shequ_io_apply_change (ShequIoImport   *import,
                                 ShequOrgStore   *store,
                                 ShequOrgChange  *change,
                                 GError         **error);

/* shequ-io.c: files */

gboolean _shequ_io_write_file (GFile       *file,
                               const char  *data,
                               gsize        len,
                               GError     **error);

ShequIoFormat _shequ_io_format_for_file (GFile         *file,
                                         ShequIoFormat  format);

G_END_DECLS
