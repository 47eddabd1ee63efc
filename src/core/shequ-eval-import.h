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
 * Every line is checked before anything is written: an unknown period, assessor,
 * target or indicator, a score out of range or not a number, a missing comment, a
 * submitted sheet or a closed period — each bad line is listed (ShequIoProblem with
 * line and column), and nothing is written. Then one transaction
 * (shequ_eval_store_set_scores). */
typedef struct _ShequEvalImport ShequEvalImport;

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
/* ShequIoProblem (shequ-io.h), in file order; empty when the file can be applied. */
GPtrArray       *shequ_eval_import_get_problems (ShequEvalImport  *self);
guint            shequ_eval_import_get_n_edits  (ShequEvalImport  *self);
/* All the problems as translated text, one per line ("scores.csv:12: …"). */
char            *shequ_eval_import_format_problems (ShequEvalImport *self);
/* Writes every edit in one transaction; refused (nothing written) when there are
 * problems, with a G_IO_ERROR_INVALID_DATA that says how many. */
gboolean         shequ_eval_import_apply        (ShequEvalImport  *self,
                                                 const char       *actor,
                                                 guint            *n_written,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequEvalImport, shequ_eval_import_free)

G_END_DECLS
