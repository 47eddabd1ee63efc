/* shequ-central-api.h — the offices' JSON API (/api/v1), callable without a socket */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "shequ-central-public.h"
#include "shequ-central-storage.h"

G_BEGIN_DECLS

/* The limits (docs/sync-protocol.md). */
#define SHEQU_CENTRAL_MAX_BODY_DEFAULT  (4 * 1024 * 1024)
#define SHEQU_CENTRAL_UNITS_BODY_MAX    (32 * 1024 * 1024)
#define SHEQU_CENTRAL_BATCH_MAX         500
#define SHEQU_CENTRAL_CHANGES_MAX       1000
#define SHEQU_CENTRAL_CHANGES_DEFAULT   500
#define SHEQU_CENTRAL_UNITS_MAX         100000
/* Idempotency keys are kept this long (seconds). */
#define SHEQU_CENTRAL_KEY_MAX_AGE       (30 * 24 * 3600)

/* One request as the API sees it: the decoded path, the raw query (NULL: none). */
typedef struct {
  const char         *method;
  const char         *path;
  const char         *query;
  SoupMessageHeaders *headers;
  GBytes             *body;     /* NULL: empty */
} ShequCentralRequest;

/* Its reply: STATUS, a body of CONTENT_TYPE (NULL: none), HEADERS to add. */
typedef struct {
  guint               status;
  const char         *content_type;
  GBytes             *body;
  SoupMessageHeaders *headers;
} ShequCentralResponse;

void shequ_central_response_init  (ShequCentralResponse *response);
void shequ_central_response_clear (ShequCentralResponse *response);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShequCentralResponse, shequ_central_response_clear)

typedef struct _ShequCentralApi ShequCentralApi;

ShequCentralApi *shequ_central_api_new         (ShequCentralStorage       *storage);
void             shequ_central_api_free        (ShequCentralApi           *self);
/* The public pages to tell after a write (NULL: none). Not owned. */
void             shequ_central_api_set_public  (ShequCentralApi           *self,
                                                ShequCentralPublic        *pages);
/* The largest body of a document, batch (and the default of the rest). */
void             shequ_central_api_set_max_body (ShequCentralApi          *self,
                                                 gsize                     max_body);
/* The largest body METHOD on PATH may carry: attachments and units have their own. */
gsize            shequ_central_api_body_limit  (ShequCentralApi           *self,
                                                const char                *method,
                                                const char                *path);
/* Answers REQUEST (a path under /api/v1) into RESPONSE (initialised). */
void             shequ_central_api_handle      (ShequCentralApi           *self,
                                                const ShequCentralRequest *request,
                                                ShequCentralResponse      *response);
/* Serves /api/v1 on SERVER through shequ_central_api_handle. */
void             shequ_central_api_attach      (ShequCentralApi           *self,
                                                SoupServer                *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequCentralApi, shequ_central_api_free)

G_END_DECLS
