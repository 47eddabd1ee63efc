/* shequ-boundary-import-dialog.h — Import Boundaries…: a GeoJSON file, its dry run, then one change */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "shequ-org-store.h"

G_BEGIN_DECLS

/* Reads a GeoJSON file in a thread (progress, Cancel), then shows what importing it
 * would do: the property features are matched by and the file's datum (both change the
 * plan at once), the counts and the report. Import applies the matched boundaries as
 * one undoable change, after a confirmation when some features would be left out.
 * Signals: "imported" (guint n_units), "failed" (const char *primary, const GError
 * *error): the caller says so in its own way (a toast with Undo, its error dialog). */
#define SHEQU_TYPE_BOUNDARY_IMPORT_DIALOG (shequ_boundary_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShequBoundaryImportDialog, shequ_boundary_import_dialog, SHEQU,
                      BOUNDARY_IMPORT_DIALOG, GtkWindow)

ShequBoundaryImportDialog *shequ_boundary_import_dialog_new       (GtkWindow     *parent,
                                                                   ShequOrgStore *store);
/* Asks for the file, then reads it. */
void                       shequ_boundary_import_dialog_run       (ShequBoundaryImportDialog *self);
/* Reads FILE (what choosing it does). */
void                       shequ_boundary_import_dialog_read_file (ShequBoundaryImportDialog *self,
                                                                   GFile                     *file);

G_END_DECLS
