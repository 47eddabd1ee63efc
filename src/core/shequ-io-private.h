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

typedef struct {
  GPtrArray *records;             /* Record */
  gboolean   has[MAX_COLUMNS];    /* CSV: the header has the column; JSON: always TRUE */
  char      *names[MAX_COLUMNS];  /* each column as the file names it, for messages */
  gboolean   chinese;             /* the header is in Chinese: so are the messages' names */
} Table;

typedef gboolean (*ImportAttempt) (ShequOrgStore   *store,
                                   GBytes          *bytes,
                                   const char      *filename,
                                   ShequIoFormat    format,
                                   ShequIoEncoding  encoding,
                                   guint           *n_imported,
                                   GError         **error);

/* shequ-io-table.c: records and reading a file into a table */

void _shequ_io_record_free (Record *record);

const char *_shequ_io_record_get (const Record *record,
                                  guint         column);

char *_shequ_io_dup_trimmed (const char *str);

void _shequ_io_table_clear (Table *table);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, _shequ_io_table_clear)

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

gboolean _shequ_io_read_csv_table (const TableSpec  *spec,
                                   const char       *text,
                                   const char       *filename,
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

gboolean _shequ_io_problems_to_error (Problems    *problems,
                                      const char  *filename,
                                      GError     **error);

/* shequ-io-checks.c: checks of values */

gboolean _shequ_io_is_digits (const char *str);

gboolean _shequ_io_check_mangled (Problems     *problems,
                                  const Record *record,
                                  const char   *column,
                                  const char   *value);

gboolean _shequ_io_check_code (Problems     *problems,
                               const Record *record,
                               const char   *column,
                               const char   *value);

gboolean _shequ_io_check_count (Problems     *problems,
                                const Record *record,
                                const char   *column,
                                const char   *value,
                                gint64       *count);

char *_shequ_io_list_tiers (gboolean chinese);

const char *_shequ_io_tier_name (ShequTier tier,
                                 gboolean  chinese);

char *_shequ_io_list_roles (void);

/* shequ-io.c: files and retries */

gboolean _shequ_io_import_with_retries (ImportAttempt    attempt_import,
                                        ShequOrgStore   *store,
                                        GBytes          *bytes,
                                        const char      *filename,
                                        ShequIoFormat    format,
                                        ShequIoEncoding  encoding,
                                        guint           *n_imported,
                                        GError         **error);

gboolean _shequ_io_write_file (GFile       *file,
                               const char  *data,
                               gsize        len,
                               GError     **error);

ShequIoFormat _shequ_io_format_for_file (GFile         *file,
                                         ShequIoFormat  format);

G_END_DECLS
