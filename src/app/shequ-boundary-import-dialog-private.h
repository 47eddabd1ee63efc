/* shequ-boundary-import-dialog-private.h — the import dialog driven by the tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-boundary-import.h"
#include "shequ-boundary-import-dialog.h"

G_BEGIN_DECLS

typedef enum {
  SHEQU_BOUNDARY_COUNT_MATCHED,
  SHEQU_BOUNDARY_COUNT_UNMATCHED,
  SHEQU_BOUNDARY_COUNT_DUPLICATES,
  SHEQU_BOUNDARY_COUNT_UNUSABLE,
  SHEQU_BOUNDARY_COUNT_REPLACED,
  SHEQU_BOUNDARY_COUNT_SELF_INTERSECTING,
  SHEQU_BOUNDARY_N_COUNTS
} ShequBoundaryCount;

/* What a finished read does: FEATURES (a reference is taken) from FILENAME shown. */
void               shequ_boundary_import_dialog_set_features  (ShequBoundaryImportDialog *self,
                                                               GPtrArray                 *features,
                                                               const char                *filename);
/* "reading" or "plan". */
const char        *shequ_boundary_import_dialog_get_page      (ShequBoundaryImportDialog *self);
/* The property drop-down's choices (char *, best first) and choosing one by name. */
GPtrArray         *shequ_boundary_import_dialog_get_properties (ShequBoundaryImportDialog *self);
gboolean           shequ_boundary_import_dialog_set_match     (ShequBoundaryImportDialog *self,
                                                               const char                *property);
void               shequ_boundary_import_dialog_set_crs       (ShequBoundaryImportDialog *self,
                                                               ShequGeoCrs                crs);
/* The plan the dialog shows (NULL before the features are read, or while the core's
 * plan is a stub), the text of a count, the report shown, the Import button. */
ShequBoundaryPlan *shequ_boundary_import_dialog_get_plan      (ShequBoundaryImportDialog *self);
const char        *shequ_boundary_import_dialog_get_count_text (ShequBoundaryImportDialog *self,
                                                                ShequBoundaryCount         count);
char              *shequ_boundary_import_dialog_dup_report    (ShequBoundaryImportDialog *self);
GtkButton         *shequ_boundary_import_dialog_get_import_button (ShequBoundaryImportDialog *self);
/* What Import does once confirmed: the change applied; FALSE with the store's error. */
gboolean           shequ_boundary_import_dialog_apply         (ShequBoundaryImportDialog *self,
                                                               GError                   **error);

G_END_DECLS
