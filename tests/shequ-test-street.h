/* shequ-test-street.h — small streets from CSV text, and copies of a database made once */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shequ-org-store.h"

G_BEGIN_DECLS

/* A new database DIR/NAME holding the street UNITS_CSV and PEOPLE_CSV describe (the
 * importer's CSV, written to DIR/units.csv and DIR/people.csv); aborts if it does not
 * import. */
ShequOrgStore *shequ_test_street_from_csv (const char     *dir,
                                           const char     *name,
                                           const char     *units_csv,
                                           const char     *people_csv,
                                           ShequDatabase **db);

/* A copy of the database file TEMPLATE at DIR/NAME, opened (no backup); *PATH (nullable)
 * the copy's path. */
ShequOrgStore *shequ_test_open_copy       (const char     *template_path,
                                           const char     *dir,
                                           const char     *name,
                                           char          **path,
                                           ShequDatabase **db);

/* Writes the parts of TEXT, separated by lines "--", to DIR/NAMES[0], DIR/NAMES[1], …
 * (N_NAMES of them; those TEXT does not reach are empty): a fuzz input of several files. */
void           shequ_test_write_parts     (const char        *dir,
                                           const char *const *names,
                                           guint              n_names,
                                           const char        *text);

/* A new temp folder (g_dir_make_tmp (TMPL)) holding a copy of every file of SOURCE (not
 * its folders). */
char          *shequ_test_copy_folder     (const char        *source,
                                           const char        *tmpl);

G_END_DECLS
