/* shequ-test-sync.h — the sync tests' helpers: a real shequ-central on 127.0.0.1, client databases */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-disclosure-store.h"
#include "shequ-sync.h"

G_BEGIN_DECLS

/* The office of the sample street (Pingyi Street). */
#define SHEQU_TEST_OFFICE "371326001"

/* A shequ-central (SHEQU_CENTRAL) on its own database in DIR. */
typedef struct {
  char        *dir;
  char        *db;
  GSubprocess *process;
  guint16      port;
  char        *url;       /* http://127.0.0.1:PORT */
  GThread     *drain;     /* reads what it prints, so it never blocks on a full pipe */
} ShequTestCentral;

/* Skips the whole program when SHEQU_CENTRAL is not set. */
void     shequ_test_central_require   (void);
/* A new server database in a new temp dir; not started. */
void     shequ_test_central_init      (ShequTestCentral *central);
/* Starts it (again) on a port of the OS's choice; waits for "listening on". */
void     shequ_test_central_start     (ShequTestCentral *central);
/* Starts it serving HTTPS with CERT and KEY (PEM files); URL is then https://…. */
void     shequ_test_central_start_tls (ShequTestCentral *central,
                                       const char       *cert,
                                       const char       *key);
/* Starts it again on the port it had (the same URL for its clients). */
void     shequ_test_central_restart   (ShequTestCentral *central);
/* SIGKILL when KILL, else SIGTERM; waits for it. */
void     shequ_test_central_stop      (ShequTestCentral *central,
                                       gboolean          kill);
/* Stops it if running and removes its dir. */
void     shequ_test_central_clear     (ShequTestCentral *central);
/* A new token for OFFICE (shequ-central token add). */
char    *shequ_test_central_add_token (ShequTestCentral *central,
                                       const char       *office);
/* GET PATH with TOKEN (NULL: none): its status and body (new). */
guint    shequ_test_http_get          (const char       *url,
                                       const char       *path,
                                       const char       *token,
                                       char            **body);
/* PUT BODY (JSON) at PATH with TOKEN and If-None-Match: *: its status and body. */
guint    shequ_test_http_put          (const char       *url,
                                       const char       *path,
                                       const char       *token,
                                       const char       *body,
                                       char            **reply);
/* How many documents GET /api/v1/changes gives the token's office (every page):
 * DISTINCT the number of different uuids, MAX_REVISION the highest revision (a retry
 * that wrote twice shows as a revision 2). Either may be NULL. */
guint    shequ_test_central_count_documents (ShequTestCentral *central,
                                             const char       *token,
                                             guint            *distinct,
                                             gint64           *max_revision);

/* A client database (a copy of the sample street made once per program) at PATH,
 * opened with a disclosure store. */
ShequDisclosureStore *shequ_test_client_new (const char *path);
/* A published finance disclosure of the first community, balanced, TITLE; its id. */
gint64   shequ_test_client_publish    (ShequDisclosureStore *store,
                                       const char           *title);
/* Rows of TABLE in the database at PATH. */
guint    shequ_test_count_rows        (const char           *path,
                                       const char           *table,
                                       const char           *where);

G_END_DECLS
