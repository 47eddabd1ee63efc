/* shequ-central-server.h — shequ-central's HTTP(S) server: listening, TLS, request limits */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "shequ-central-api.h"
#include "shequ-central-storage.h"

G_BEGIN_DECLS

typedef struct {
  const char *listen;    /* "127.0.0.1:8080", "[::1]:0", "localhost:0"; port 0: any free one */
  const char *tls_cert;  /* PEM files: HTTPS when both are given */
  const char *tls_key;
  gsize       max_body;  /* 0: SHEQU_CENTRAL_MAX_BODY_DEFAULT */
} ShequCentralServerOptions;

typedef struct _ShequCentralServer ShequCentralServer;

/* Serves the API and the public pages of STORAGE as OPTIONS say, listening already
 * (on the main context) when it returns. Errors: SHEQU_CENTRAL_ERROR_INVALID for a bad
 * address, or what TLS or the socket said. */
ShequCentralServer *shequ_central_server_new     (ShequCentralStorage             *storage,
                                                  const ShequCentralServerOptions *options,
                                                  GError                         **error);
void                shequ_central_server_free    (ShequCentralServer              *self);
/* Where it listens, with the real port: "http://127.0.0.1:40123/". */
const char         *shequ_central_server_get_url (ShequCentralServer              *self);
SoupServer         *shequ_central_server_get_soup_server (ShequCentralServer      *self);

/* "HOST:PORT" as an address; FALSE with SHEQU_CENTRAL_ERROR_INVALID. */
GSocketAddress     *shequ_central_parse_listen   (const char                      *text,
                                                  GError                         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequCentralServer, shequ_central_server_free)

G_END_DECLS
