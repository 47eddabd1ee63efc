/* shequ-central-api-private.h — the API's parts, shared by its files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "shequ-central-api.h"

G_BEGIN_DECLS

struct _ShequCentralApi
{
  ShequCentralStorage *storage;
  ShequCentralPublic  *pages;
  gsize                max_body;
};

/* One request being answered: who sent it (the token's office) and its path's
 * segments after /api/v1. */
typedef struct {
  ShequCentralApi           *api;
  const ShequCentralRequest *request;
  ShequCentralResponse      *response;
  const char                *office;
  char                     **segments;
} ShequCentralCall;

void       central_reply_json    (ShequCentralCall *call,
                                  guint             status,
                                  char             *body);
void       central_reply_error   (ShequCentralCall *call,
                                  guint             status,
                                  const char       *message,
                                  const char       *where);
/* The status a storage error stands for, and its reply. */
void       central_reply_gerror  (ShequCentralCall *call,
                                  const GError     *error,
                                  const char       *where);
void       central_reply_method_not_allowed (ShequCentralCall *call,
                                             const char       *allow);
/* The body as JSON (depth-checked first); NULL and a 400 reply when it does not read. */
JsonNode  *central_parse_body    (ShequCentralCall *call);
/* After a write: the public pages forget what they cached. */
void       central_changed       (ShequCentralCall *call);

/* shequ-central-api-documents.c */
void       central_api_disclosure (ShequCentralCall *call);
void       central_api_batch      (ShequCentralCall *call);
void       central_api_changes    (ShequCentralCall *call);

/* shequ-central-api-files.c */
void       central_api_units      (ShequCentralCall *call);
void       central_api_attachment (ShequCentralCall *call);

G_END_DECLS
