/* shequ-sync-private.h — the parts of a sync: HTTP (libcurl), reply parsing, backoff, push, pull */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "shequ-database.h"
#include "shequ-sync.h"

G_BEGIN_DECLS

/* Bytes of a reply read at most (the largest is a page of changes: 1000 documents). */
#define SHEQU_SYNC_REPLY_MAX   (64 * 1024 * 1024)
/* Bytes of documents one batch request stops at (one more may go over; the server
 * takes 4 MiB a request, and a batch it finds too big is sent in halves). */
#define SHEQU_SYNC_BATCH_BYTES (2 * 1024 * 1024)
/* Puts in one batch at most (docs/sync-protocol.md). */
#define SHEQU_SYNC_BATCH_MAX   500
/* Changes asked for per page. */
#define SHEQU_SYNC_PULL_LIMIT  500

/* One libcurl easy handle for the whole sync (its connection kept alive). */
/* OPTIONS with copies of its strings, for a thread that outlives the caller's. */
typedef struct {
  ShequSyncOptions  options;
  char             *server, *token, *ca_file;
} ShequSyncOwnedOptions;

void _shequ_sync_owned_options_init  (ShequSyncOwnedOptions  *self,
                                      const ShequSyncOptions *options);
void _shequ_sync_owned_options_clear (ShequSyncOwnedOptions  *self);

typedef struct _ShequSyncHttp ShequSyncHttp;

/* What a request answered: STATUS (0 when nothing came) and the body. */
typedef struct {
  long    status;
  GBytes *body;
  char   *url;
} ShequSyncReply;

void           _shequ_sync_reply_clear    (ShequSyncReply          *reply);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShequSyncReply, _shequ_sync_reply_clear)

/* SETTINGS error for no server, a URL that is not http(s), no token, a CA file that
 * does not read. */
ShequSyncHttp *_shequ_sync_http_new       (const ShequSyncOptions  *options,
                                           GCancellable            *cancellable,
                                           GError                 **error);
void           _shequ_sync_http_free      (ShequSyncHttp           *http);
/* The server URL without a trailing slash, as sync_state keeps it. */
const char    *_shequ_sync_http_get_server (ShequSyncHttp          *http);
guint          _shequ_sync_http_get_requests (ShequSyncHttp        *http);

/* METHOD PATH (under the server, e.g. "/api/v1/changes?since=0") with BODY (NULL: none)
 * of CONTENT_TYPE, and extra HEADERS (NULL-terminated "Name: value"). A reply of any
 * status is TRUE (REPLY filled); FALSE for no reply: OFFLINE (refused, timed out, cut),
 * PROTOCOL (over SHEQU_SYNC_REPLY_MAX), TLS, or G_IO_ERROR_CANCELLED. */
gboolean       _shequ_sync_http_request   (ShequSyncHttp           *http,
                                           const char              *method,
                                           const char              *path,
                                           const char              *content_type,
                                           GBytes                  *body,
                                           const char *const       *headers,
                                           ShequSyncReply          *reply,
                                           GError                 **error);
/* The error for a reply whose STATUS is not what was expected: AUTH (401), FORBIDDEN
 * (403), SERVER (5xx), PROTOCOL (anything else), naming the URL, the status and the
 * server's "error" member when it has one. */
void           _shequ_sync_reply_set_error (const ShequSyncReply   *reply,
                                            GError                **error);
/* The server's "error" (and "where") of a 4xx body as one line, or NULL. */
char          *_shequ_sync_reply_error_message (JsonNode           *node);
char          *_shequ_sync_reply_get_message   (const ShequSyncReply *reply);

/* Reply bodies (outside input: tests/fuzz/fuzz-sync-reply.c). Each is FALSE with
 * PROTOCOL naming URL (for the message) and the member that is wrong. */
typedef struct {
  char     *uuid;
  guint     status;     /* 200, 201, 412, 400, 403, 413 … */
  gint64    revision;   /* 200/201: the new one; 412: the server's */
  char     *error;      /* 4xx: the server's words, or NULL */
  char     *document;   /* 412: the server's document as JSON, or NULL */
} ShequSyncPutResult;

void       _shequ_sync_put_result_free    (ShequSyncPutResult *result);

/* {"results": [...], "cursor"}: exactly N_PUTS results (ShequSyncPutResult). */
GPtrArray *_shequ_sync_parse_batch_reply  (const char   *data,
                                           gsize         length,
                                           const char   *url,
                                           guint         n_puts,
                                           GError      **error);

typedef struct {
  gint64  revision;
  char   *uuid;
  JsonNode *document;   /* not yet read as a disclosure */
} ShequSyncChange;

void       _shequ_sync_change_free        (ShequSyncChange *change);

/* {"changes": [{"revision", "document"}], "cursor", "more"}: ShequSyncChange; the
 * cursor (a string or an integer, kept as text). */
GPtrArray *_shequ_sync_parse_changes_reply (const char   *data,
                                            gsize         length,
                                            const char   *url,
                                            char        **cursor,
                                            gboolean     *more,
                                            GError      **error);

/* Seconds to wait before the next try after ATTEMPTS sends that failed: 2^(ATTEMPTS−1)
 * from 1 s up to 15 min, less up to a quarter at random (JITTER in [0, 1)), at least 1. */
gint64     _shequ_sync_backoff_seconds    (guint         attempts,
                                           double        jitter);

/* What one sync carries from step to step. */
typedef struct {
  ShequDatabase         *db;
  ShequSyncHttp         *http;
  const ShequSyncOptions *options;
  GCancellable          *cancellable;
  ShequSyncProgress      progress;
  gpointer               progress_data;
  ShequSyncResult       *result;
} ShequSyncRun;

void       _shequ_sync_report         (ShequSyncRun *run,
                                       const char   *stage,
                                       guint         done,
                                       guint         total);

/* shequ-sync-push.c: units when their hash changed, then the outbox. */
gboolean   _shequ_sync_push_units     (ShequSyncRun *run,
                                       GError      **error);
gboolean   _shequ_sync_push_outbox    (ShequSyncRun *run,
                                       GError      **error);
/* shequ-sync-attachments.c: HEAD, then PUT what the server lacks of the attachments
 * named by the documents (ShequDisclosure) about to go. A refused one (413, 400) is
 * FALSE with *REFUSED its message (the documents naming it are refused). */
gboolean   _shequ_sync_send_attachments (ShequSyncRun *run,
                                         GPtrArray    *docs,
                                         GHashTable   *refused,
                                         GError      **error);
/* The attachments the documents here name and the database lacks, fetched. */
gboolean   _shequ_sync_fetch_attachments (ShequSyncRun *run,
                                          GError      **error);
/* shequ-sync-pull.c: changes since the cursor, page by page. */
gboolean   _shequ_sync_pull           (ShequSyncRun *run,
                                       GError      **error);

G_END_DECLS
