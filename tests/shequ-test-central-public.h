/* shequ-test-central-public.h — the public pages' tests: sample documents, a server, requests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "shequ-central-public.h"
#include "shequ-test-fake-central.h"

G_BEGIN_DECLS

/* A street of three units with something published and one without. */
#define STREET    "371326001"
#define COMMUNITY "371326001001"
#define VILLAGE   "371326001002"
#define EMPTY     "371326001003"

#define UUID_FINANCE   "6f1c0000-0000-4000-8000-000000000001"
#define UUID_DRAFT     "6f1c0000-0000-4000-8000-000000000002"
#define UUID_WITHDRAWN "6f1c0000-0000-4000-8000-000000000003"
#define UUID_SCRIPT    "6f1c0000-0000-4000-8000-000000000004"
#define UUID_CORRECTED "6f1c0000-0000-4000-8000-000000000005"
#define UUID_POLICY    "6f1c0000-0000-4000-8000-000000000006"

/* The SHA-256 of "%PDF-1.4 published" and "%PDF-1.4 draft". */
#define SHA_PUBLISHED "682795851189a47a751304e60848fb112cbe43799c718df7c98f073ab8a3aa06"
#define FILE_PUBLISHED "%PDF-1.4 published"
#define FILE_DRAFT     "%PDF-1.4 draft"
#define SHA_DRAFT     "7379e89f9d9bfeb7b65c6fdab815dfb5afe242949b1725643e81ae4f59383a6e"

/* The public pages served on 127.0.0.1 (port 0) from a storage: the in-memory fake
 * (FAKE set) or the real SQLite one in a temp dir, both holding the sample documents. */
typedef struct {
  ShequCentralStorage  *backend;
  ShequTestFakeCentral *storage;   /* the fake, or NULL */
  ShequCentralPublic   *public;
  SoupServer           *server;
  SoupSession          *session;
  char                 *base;      /* "http://127.0.0.1:PORT" */
  char                 *dir;
} ShequTestPublic;

/* DATA: SHEQU_TEST_PUBLIC_FAKE or SHEQU_TEST_PUBLIC_SQLITE. */
#define SHEQU_TEST_PUBLIC_FAKE   "fake"
#define SHEQU_TEST_PUBLIC_SQLITE "sqlite"

void                    shequ_test_public_set_up    (ShequTestPublic *f,
                                                     gconstpointer    data);
void                    shequ_test_public_tear_down (ShequTestPublic *f,
                                                     gconstpointer    data);

ShequDisclosureVersion *shequ_test_public_version_new (guint                 number,
                                                       ShequDisclosureState  state,
                                                       const char           *title,
                                                       const char           *body);
ShequDisclosure        *shequ_test_public_doc_new     (const char           *uuid,
                                                       const char           *unit,
                                                       ShequDisclosureKind   kind,
                                                       const char           *period);
/* The sample documents (ShequDisclosure), newest first. */
GPtrArray              *shequ_test_public_sample_docs (void);

/* METHOD PATH with the header NAME: VALUE (or none), the main loop turning meanwhile so
 * that the server answers; the message and, unless NULL, *BODY as text. */
SoupMessage *shequ_test_public_request    (ShequTestPublic *f,
                                           const char      *method,
                                           const char      *path,
                                           const char      *name,
                                           const char      *value,
                                           char           **body);
/* GET PATH, which must answer 200: its body. */
char        *shequ_test_public_get_ok     (ShequTestPublic *f,
                                           const char      *path);
guint        shequ_test_public_get_status (ShequTestPublic *f,
                                           const char      *path,
                                           char           **body);
const char  *shequ_test_public_header     (SoupMessage     *msg,
                                           const char      *name);

/* A NULL-terminated list of strings, for shequ_test_public_assert_page. */
#define SHEQU_TEST_STRINGS(...) ((const char *const[]) { __VA_ARGS__, NULL })
/* BODY holds each of SHOWN and none of HIDDEN (NULL-terminated lists; either may be
 * NULL); the test fails naming the first that does not hold. */
void         shequ_test_public_assert_page (const char         *body,
                                            const char *const  *shown,
                                            const char *const  *hidden);

G_END_DECLS
