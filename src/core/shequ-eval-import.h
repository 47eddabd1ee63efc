/* shequ-eval-import.h — scores from a CSV file (as Excel or WPS save one), all or nothing */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-eval-store.h"
#include "shequ-io.h"

G_BEGIN_DECLS

/* The file: a header line, then one line per target and assessor:
 *   period,assessor,target,I01,I02,…[,comment:I01,…]
 * PERIOD: the period's id or label; ASSESSOR: the person's code or name; TARGET: the
 * target's code (unit code, or unit code/person code for a cadre). Indicator columns
 * by indicator code or name; an empty cell leaves the score as it is, "-" clears it.
 * UTF-8 with or without BOM, GB18030 (what WPS saves by default) too, comma or
 * semicolon or tab separated (as shequ-csv.h reads).
 *
 * Headers in English or Chinese: period/考核期, assessor/考核员, target/考评对象 (also
 * 对象, 编码), comment columns as "comment:I01", "说明:I01" or "扣分说明:I01" (a
 * full-width colon too); name/名称/姓名 columns are ignored. In a semicolon-separated
 * file (what Excel writes where the decimal mark is a comma) "8,5" is 8.5.
 *
 * Every line is checked before anything is written: an unknown period, assessor,
 * target or indicator, a score out of range or not a number, a missing comment, a
 * submitted sheet or a closed period, a target the assessor does not grade, a line
 * giving the same period, assessor and target as one before, a line with more or
 * fewer fields than the header — each bad line is listed (ShequIoProblem with line and
 * column), and nothing is written. Then one transaction (shequ_eval_store_set_scores).
 *
 * A file that cannot be read as such a table (unreadable, neither UTF-8 nor GB18030,
 * an unclosed quote, no header, a key column missing or twice) is a SHEQU_IO_ERROR
 * naming the file and line from _read. */
typedef struct _ShequEvalImport ShequEvalImport;

/* One bad place of a file: LINE (1-based), COLUMN (1-based; 0 for the whole line) and
 * what is wrong there, translated, without the place (shequ_eval_import_format_problems
 * adds it). */
typedef struct {
  guint  line;
  guint  column;
  char  *message;
} ShequIoProblem;

ShequIoProblem  *shequ_io_problem_new          (guint              line,
                                                guint              column,
                                                const char        *message);
void             shequ_io_problem_free         (ShequIoProblem    *problem);

ShequEvalImport *shequ_eval_import_read        (ShequEvalStore    *store,
                                                const char        *path,
                                                GError           **error);
/* The same from bytes in memory (the fuzz target); NAME names them in messages. */
ShequEvalImport *shequ_eval_import_read_data   (ShequEvalStore    *store,
                                                const char        *data,
                                                gsize              length,
                                                const char        *name,
                                                GError           **error);
void             shequ_eval_import_free        (ShequEvalImport   *self);
/* ShequIoProblem (above), in file order; empty when the file can be applied. The
 * array and the problems are the import's (borrowed). */
GPtrArray       *shequ_eval_import_get_problems (ShequEvalImport  *self);
/* The cells the file changes: a cell that holds the file's value and comment already
 * is left out. */
guint            shequ_eval_import_get_n_edits  (ShequEvalImport  *self);
/* All the problems as translated text, one per line ("scores.csv:12:5: …"; the column
 * left out for a whole line), at most SHEQU_EVAL_IMPORT_MAX_LISTED of them and then how
 * many more. Caller frees. */
char            *shequ_eval_import_format_problems (ShequEvalImport *self);
/* Writes every edit in one transaction; refused (nothing written) when there are
 * problems, with a G_IO_ERROR_INVALID_DATA that says how many. */
gboolean         shequ_eval_import_apply        (ShequEvalImport  *self,
                                                 const char       *actor,
                                                 guint            *n_written,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequEvalImport, shequ_eval_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequIoProblem, shequ_io_problem_free)

#define SHEQU_EVAL_IMPORT_MAX_LISTED 1000

G_END_DECLS
