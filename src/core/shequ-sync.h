/* shequ-sync.h — pushing the outbox to shequ-central and pulling what changed (libcurl) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SHEQU_SYNC_ERROR (shequ_sync_error_quark ())

typedef enum {
  SHEQU_SYNC_ERROR_OFFLINE,   /* no connection, refused, DNS, timed out, cut midway */
  SHEQU_SYNC_ERROR_AUTH,      /* 401: the token is unknown or revoked */
  SHEQU_SYNC_ERROR_FORBIDDEN, /* 403 for the whole office (not one disclosure) */
  SHEQU_SYNC_ERROR_SERVER,    /* 5xx */
  SHEQU_SYNC_ERROR_PROTOCOL,  /* a reply that does not read: malformed JSON, wrong types,
                               * too big, an unexpected status */
  SHEQU_SYNC_ERROR_TLS,       /* the certificate does not verify */
  SHEQU_SYNC_ERROR_SETTINGS,  /* no server URL, a bad URL, no token, an unreadable CA file */
} ShequSyncError;

GQuark shequ_sync_error_quark (void);

typedef struct {
  const char *server;           /* https://… or http://… (the API is under /api/v1) */
  const char *token;
  const char *ca_file;          /* NULL: the system's CAs. TLS is always verified. */
  guint       connect_timeout;  /* seconds; 0: 10 */
  guint       timeout;          /* seconds a request may stall; 0: 30 (ten times that
                                 * for the whole of one request) */
  guint       batch;            /* documents per push request; 0: 200 (at most 500) */
  /* FALSE: outbox entries still waiting out their backoff after a failed send go now
   * too (a sync the user asked for); TRUE: they wait (automatic syncs). */
  gboolean    respect_backoff;
} ShequSyncOptions;

typedef struct {
  guint  pushed;      /* documents the server accepted */
  guint  pulled;      /* documents from other PCs written here */
  guint  conflicts;   /* new conflicts */
  guint  refused;     /* documents the server refused (their messages kept) */
  guint  requests;    /* HTTP requests made */
  guint  attachments_sent;
  guint  attachments_fetched;
  guint  pending;     /* outbox entries left (0 when all went) */
} ShequSyncResult;

/* Called on the caller's thread (run) or the caller's main context (run_async):
 * STAGE "push", "pull", "attachments"; DONE of TOTAL (TOTAL 0: not known). */
typedef void (*ShequSyncProgress) (const char *stage,
                                   guint       done,
                                   guint       total,
                                   gpointer    user_data);

/* One sync of the database at DB_PATH (opened on a connection of its own, so it can
 * run in a thread while the app uses the file; the app's stores see it through
 * refresh): pushes the outbox (docs/sync-protocol.md), then pulls changes since the
 * stored cursor, then fetches attachments. Everything done before a failure is kept
 * (the outbox, revisions and cursor move only with what the server confirmed), so the
 * next sync goes on from there. FALSE with a translated SHEQU_SYNC_ERROR (or a
 * database error) saying what failed and where (the URL, the status); RESULT holds
 * what was done before it. */
gboolean shequ_sync_run        (const char              *db_path,
                                const ShequSyncOptions  *options,
                                GCancellable            *cancellable,
                                ShequSyncProgress        progress,
                                gpointer                 progress_data,
                                ShequSyncResult         *result,
                                GError                 **error);
/* The same in a GTask thread; OPTIONS is copied. */
void     shequ_sync_run_async  (const char              *db_path,
                                const ShequSyncOptions  *options,
                                GCancellable            *cancellable,
                                ShequSyncProgress        progress,
                                gpointer                 progress_data,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data);
gboolean shequ_sync_run_finish (GAsyncResult            *result,
                                ShequSyncResult         *sync_result,
                                GError                 **error);

/* Whether OPTIONS' server answers as shequ-central and takes its token: one request
 * (the first change), nothing written. FALSE with the error a sync would give (OFFLINE,
 * AUTH, TLS, PROTOCOL…). The async one runs it in a GTask thread; OPTIONS is copied. */
gboolean shequ_sync_check        (const ShequSyncOptions  *options,
                                  GCancellable            *cancellable,
                                  GError                 **error);
void     shequ_sync_check_async  (const ShequSyncOptions  *options,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data);
gboolean shequ_sync_check_finish (GAsyncResult            *result,
                                  GError                 **error);

/* "{\"pushed\":…}" for --json. */
char    *shequ_sync_result_to_json (const ShequSyncResult *result);

/* The token, kept out of the database: in the keyring through libsecret when a Secret
 * Service answers on the session bus, else in $XDG_CONFIG_HOME/shequ/sync-tokens
 * (mode 0600, one per server). SHEQU_TOKEN_STORE=file forces the file (tests).
 * lookup gives NULL (no error) when none is kept. */
gboolean shequ_sync_token_save   (const char  *server,
                                  const char  *token,
                                  GError     **error);
char    *shequ_sync_token_lookup (const char  *server,
                                  GError     **error);
gboolean shequ_sync_token_clear  (const char  *server,
                                  GError     **error);
/* "keyring" or "file": where save puts it. */
const char *shequ_sync_token_backend (void);

G_END_DECLS
