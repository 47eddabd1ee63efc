/* shequ-central-public.h — the residents' pages: server-rendered HTML and the same as JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "shequ-central-storage.h"

G_BEGIN_DECLS

/* The public, read-only part of the server (docs/sync-protocol.md, "Public pages"):
 * "/", "/u/{code}", "/d/{uuid}", "/files/{sha256}/{name}", "/public/v1/…", and
 * "/static/site.css". No token, no JavaScript; Chinese; every text escaped
 * (shequ_html_escape, shequ_markup_to_html). ETag / Last-Modified from
 * shequ_central_storage_get_stamp(), Cache-Control: public, max-age=60, 304 on
 * If-None-Match / If-Modified-Since; GET and HEAD only (405 otherwise). Rendered pages
 * are cached in memory by path and stamp, within a bounded size. */
typedef struct _ShequCentralPublic ShequCentralPublic;

ShequCentralPublic *shequ_central_public_new      (ShequCentralStorage *storage);
void                shequ_central_public_free     (ShequCentralPublic  *self);
/* Adds its handlers to SERVER. */
void                shequ_central_public_attach   (ShequCentralPublic  *self,
                                                   SoupServer          *server);
/* Forgets the cached pages (after any write; the API calls it). */
void                shequ_central_public_invalidate (ShequCentralPublic *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequCentralPublic, shequ_central_public_free)

G_END_DECLS
