/* shequ-cli-private.h — what the parts of shequ-cli share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "shequ-org-store.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

/* Options every command takes (--db) or many do (--json). */
extern char     *opt_db;
extern gboolean  opt_json;

/* Print "shequ-cli: MESSAGE" on stderr; return the exit status. fail() frees ERROR. */
int            fail           (GError              *error);
int            fail_usage     (const char          *message);
/* Parses a command's options (--db, --json when WITH_JSON, and ENTRIES); ARGV[0] is the
 * command. FALSE with *STATUS set when the command should exit. */
gboolean       parse_options  (const char          *command,
                               const char          *parameters,
                               const char          *summary,
                               const GOptionEntry  *entries,
                               gboolean             with_json,
                               int                 *argc,
                               char              ***argv,
                               int                 *status);
ShequOrgStore *open_store     (ShequDatabaseFlags   flags,
                               GError             **error);
void           print_json     (JsonBuilder         *builder);
/* Prints TEXT, already JSON, as print_json() does. */
void           print_json_text (const char         *text);
/* The "code", "name" and "tier" members that name UNIT, in the object being built. */
void           add_unit_identity_json (JsonBuilder   *builder,
                                       ShequUnit     *unit);

int            command_bench  (int                  argc,
                               char               **argv);
/* shequ-cli-bench.c: what the benchmarks share. */
double         bench_median   (const double        *values,
                               guint                n);
/* Removes DIR and the files in it. */
void           bench_remove_tree (const char        *dir);
/* shequ-cli-audit.c */
int            command_audit  (int                  argc,
                               char               **argv);
int            bench_audit    (int                  argc,
                               char               **argv);
/* A ShequDatabaseFunc appending GPOINTER_TO_UINT (DATA) entries to DB's audit log in
 * the write transaction it runs in (the fast way to make a long log). */
gboolean       bench_fill_audit_log (ShequDatabase  *db,
                                     gpointer        data,
                                     GError        **error);
/* shequ-cli-bench-eval.c */
int            bench_eval     (int                  argc,
                               char               **argv);
/* shequ-cli-bench-map.c */
int            bench_map      (int                  argc,
                               char               **argv);
/* shequ-cli-boundaries.c */
int            command_import_boundaries (int        argc,
                                          char     **argv);
int            command_export_boundaries (int        argc,
                                          char     **argv);
/* shequ-cli-disclosure.c */
int            command_disclosure (int              argc,
                                   char           **argv);
/* shequ-cli-sync.c, shequ-cli-bench-sync.c */
int            command_sync   (int                  argc,
                               char               **argv);
int            bench_sync     (int                  argc,
                               char               **argv);
/* shequ-cli-eval.c */
int            command_eval   (int                  argc,
                               char               **argv);
/* shequ-cli-map.c */
int            command_render_map        (int        argc,
                                          char     **argv);
int            command_hit               (int        argc,
                                          char     **argv);

G_END_DECLS
