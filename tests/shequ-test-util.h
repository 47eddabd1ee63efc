/* shequ-test-util.h — helpers the test programs share: programs, temp dirs, sample data */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-database.h"
#include "shequ-org-store.h"

G_BEGIN_DECLS

/* What a program that was run wrote, and how it ended. */
typedef struct {
  int   status;   /* exit status, -1 when a signal ended it */
  char *out;
  char *err;
} ShequTestResult;

void             shequ_test_result_clear           (ShequTestResult    *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShequTestResult, shequ_test_result_clear)

char            *shequ_test_cli_path               (void);

ShequTestResult  shequ_test_run_argv               (const char *const  *argv);
ShequTestResult  shequ_test_run                    (const char         *program,
                                                    ...) G_GNUC_NULL_TERMINATED;
ShequTestResult  shequ_test_run_cli                (const char         *first,
                                                    ...) G_GNUC_NULL_TERMINATED;
ShequTestResult  shequ_test_run_cli_as             (int                 uid,
                                                    const char         *first,
                                                    ...) G_GNUC_NULL_TERMINATED;
void             shequ_test_run_cli_ok             (const char         *first,
                                                    ...) G_GNUC_NULL_TERMINATED;
GSubprocess     *shequ_test_spawn_cli              (const char         *first,
                                                    ...) G_GNUC_NULL_TERMINATED;
int              shequ_test_finish_cli             (GSubprocess        *process,
                                                    char              **err);

void             shequ_test_assert_cli_success     (const ShequTestResult *result);
void             shequ_test_assert_cli_failure     (const ShequTestResult *result,
                                                    const char            *needle);

G_NORETURN
void             shequ_test_skip_program           (const char         *reason);

/* A fixture: a new temp dir and the path of a database in it. */
typedef struct {
  char *dir;
  char *db;
} ShequTestDir;

void             shequ_test_dir_init               (ShequTestDir       *self,
                                                    const char         *tmpl,
                                                    const char         *db_name);
void             shequ_test_dir_clear              (ShequTestDir       *self);

char            *shequ_test_make_tmpdir            (const char         *tmpl);
void             shequ_test_remove_tree            (const char         *path);

char            *shequ_test_write_file             (const char         *dir,
                                                    const char         *name,
                                                    const char         *text);
char            *shequ_test_file_sha256            (const char         *path);
GBytes          *shequ_test_read_bytes             (const char         *path);
void             shequ_test_assert_no_wal_shm      (const char         *path);

ShequOrgStore   *shequ_test_open_store             (const char         *path,
                                                    ShequDatabaseFlags  flags,
                                                    ShequDatabase     **db);
ShequOrgStore   *shequ_test_open_sample_store      (const char         *path,
                                                    ShequDatabase     **db);
void             shequ_test_make_sample_database   (const char         *path,
                                                    gboolean            with_backup);

/* DB as a program of schema VERSION left it: NOTE in the audit log (a row the migration
 * must keep), then DROP_SQL (the later versions' tables) run and user_version set. */
/* SQL that drops the tables schema version 6 added: disclosures and sync. */
#define SHEQU_TEST_DROP_DISCLOSURE_TABLES                                              \
  "DROP TABLE sync_state; DROP TABLE sync_conflict; DROP TABLE outbox; "               \
  "DROP TABLE attachment_blob; DROP TABLE disclosure_attachment; "                     \
  "DROP TABLE disclosure_item; DROP TABLE disclosure_version; DROP TABLE disclosure; "
void             shequ_test_downgrade_schema       (ShequDatabase      *db,
                                                    const char         *note,
                                                    const char         *drop_sql,
                                                    int                 version);

/* Cairo 1.16 leaks a buffer each time it finishes a PDF that embeds a font subset.
 * Cairo has no frame pointers, so the sanitized run's fast unwinding stops inside it and
 * tests/lsan.supp cannot tell that block from a leak of ours: a test program that
 * writes such PDFs puts this at file scope to unwind properly (its stacks then show
 * cairo_surface_finish, which the suppressions name). Nothing without the sanitizers. */
#define SHEQU_TEST_UNWIND_SLOWLY                                                  \
  const char *__asan_default_options (void);                                     \
  const char *__asan_default_options (void) { return "fast_unwind_on_malloc=0"; }

G_END_DECLS
