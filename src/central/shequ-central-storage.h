/* shequ-central-storage.h — what shequ-central keeps, behind one interface */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "shequ-disclosure-types.h"

G_BEGIN_DECLS

/* The server's storage: tokens, offices' units, documents with revisions and a change
 * sequence, idempotency keys, attachments. One interface (ShequCentralStorageInterface);
 * ShequCentralSqlite implements it (shequ-central-sqlite.c). Its SQL is written so
 * that PostgreSQL reads it too: $1…$n parameters, INSERT … ON CONFLICT … DO UPDATE,
 * RETURNING, BIGINT/TEXT/BYTEA-compatible types, no AUTOINCREMENT, no SQLite-only
 * functions; a PostgreSQL implementation of this interface can follow without rework.
 *
 * Each method is one transaction. Errors: SHEQU_CENTRAL_ERROR. */

#define SHEQU_CENTRAL_ERROR (shequ_central_error_quark ())

typedef enum {
  SHEQU_CENTRAL_ERROR_STORAGE,     /* the database failed (500) */
  SHEQU_CENTRAL_ERROR_NOT_FOUND,   /* 404 */
  SHEQU_CENTRAL_ERROR_PRECONDITION,/* If-Match / If-None-Match failed (412) */
  SHEQU_CENTRAL_ERROR_INVALID,     /* a bad document or request (400) */
  SHEQU_CENTRAL_ERROR_FORBIDDEN,   /* a unit not the office's (403) */
} ShequCentralError;

GQuark shequ_central_error_quark (void);

typedef struct {
  gint64  id;
  char   *office;
  char   *label;
  char   *created_at;
  char   *revoked_at;  /* NULL while valid */
} ShequCentralToken;

typedef struct {
  char   *code;
  char   *name;
  char   *tier;         /* "street", "area", "community", "village", "grid" */
  char   *parent_code;  /* NULL for the office's street */
  guint   n_published;  /* disclosures with a published version */
  char   *updated_at;   /* the last publication's time, NULL when none */
} ShequCentralUnit;

/* One document as the server holds it. */
typedef struct {
  ShequDisclosure *doc;
  gint64           revision;
  gint64           seq;         /* its place in the change sequence */
  char            *updated_at;
  char            *json;        /* DOC as it was sent, verbatim */
  char            *office;      /* the office that wrote it */
} ShequCentralDocument;

/* What a put answered (docs/sync-protocol.md): STATUS 200, 201 or 412 (then CURRENT is
 * the server's document and REVISION its revision), or 400/403 with ERROR saying why
 * (nothing written for that put; the others of a batch go on). A GError from
 * put_documents is the storage failing (nothing written at all). */
typedef struct {
  guint                 status;
  gint64                revision;
  gint64                cursor;
  ShequCentralDocument *current;  /* 412 only */
  char                 *error;    /* 400 / 403 only: translated */
} ShequCentralPutResult;

/* One put of a batch: IF_MATCH 0 means If-None-Match: *, a revision If-Match: "REV",
 * -1 no precondition (tools and tests; the API always asks for one). KEY may be NULL. */
typedef struct {
  const char      *uuid;
  gint64           if_match;
  const char      *key;
  ShequDisclosure *doc;
  const char      *json;   /* DOC as it came, kept verbatim */
  /* DOC NULL: why the request's document did not read. The put answers 400 with it,
   * unless KEY was seen before (then the stored reply, whatever the body). */
  const char      *invalid;
} ShequCentralPut;

void shequ_central_token_free      (ShequCentralToken     *token);
void shequ_central_unit_free       (ShequCentralUnit      *unit);
void shequ_central_document_free   (ShequCentralDocument  *document);
void shequ_central_put_result_clear (ShequCentralPutResult *result);

#define SHEQU_TYPE_CENTRAL_STORAGE (shequ_central_storage_get_type ())
G_DECLARE_INTERFACE (ShequCentralStorage, shequ_central_storage, SHEQU, CENTRAL_STORAGE, GObject)

struct _ShequCentralStorageInterface
{
  GTypeInterface parent_iface;

  /* Tokens: only HASH (SHA-256 of the secret) is kept. */
  gboolean   (*add_token)       (ShequCentralStorage *self, const char *office,
                                 const char *label, const guint8 *hash, gint64 *id,
                                 GError **error);
  /* The token ID's hash and office, NULL *OFFICE if unknown or revoked. */
  gboolean   (*get_token)       (ShequCentralStorage *self, gint64 id, guint8 *hash,
                                 char **office, GError **error);
  GPtrArray *(*list_tokens)     (ShequCentralStorage *self, GError **error);
  gboolean   (*revoke_token)    (ShequCentralStorage *self, gint64 id, GError **error);

  /* Replaces OFFICE's units (ShequCentralUnit; counts ignored). */
  gboolean   (*put_units)       (ShequCentralStorage *self, const char *office,
                                 GPtrArray *units, GError **error);
  /* Puts in one transaction; RESULTS gets one ShequCentralPutResult per put (or the
   * whole call fails with nothing written). The idempotency key is looked up first. */
  gboolean   (*put_documents)   (ShequCentralStorage *self, const char *office,
                                 const ShequCentralPut *puts, guint n_puts,
                                 ShequCentralPutResult *results, GError **error);
  ShequCentralDocument *(*get_document) (ShequCentralStorage *self, const char *uuid,
                                 GError **error);
  /* OFFICE's documents with seq > SINCE, oldest first, at most LIMIT; *CURSOR the last
   * seq given (SINCE when none), *MORE whether more follow. */
  GPtrArray *(*list_changes)    (ShequCentralStorage *self, const char *office,
                                 gint64 since, guint limit, gint64 *cursor,
                                 gboolean *more, GError **error);

  gboolean   (*put_attachment)  (ShequCentralStorage *self, const char *sha256,
                                 const char *mime, GBytes *bytes, gboolean *created,
                                 GError **error);
  GBytes    *(*get_attachment)  (ShequCentralStorage *self, const char *sha256,
                                 char **mime, GError **error);
  gboolean   (*has_attachment)  (ShequCentralStorage *self, const char *sha256,
                                 gboolean *has, GError **error);

  /* Public pages: units with a published disclosure (ShequCentralUnit), by code, page
   * PAGE (0-based) of PER_PAGE; *TOTAL all of them. */
  GPtrArray *(*list_public_units) (ShequCentralStorage *self, guint page, guint per_page,
                                 guint *total, GError **error);
  ShequCentralUnit *(*get_unit) (ShequCentralStorage *self, const char *code,
                                 GError **error);
  /* CODE's documents with a published (or withdrawn, or corrected) version
   * (ShequCentralDocument), newest publication first. */
  GPtrArray *(*list_public_documents) (ShequCentralStorage *self, const char *code,
                                 guint page, guint per_page, guint *total,
                                 GError **error);
  /* The change sequence's last value and its time, for ETag and Last-Modified:
   * of everything (CODE NULL) or of one unit's documents and units. */
  gboolean   (*get_stamp)       (ShequCentralStorage *self, const char *code,
                                 gint64 *seq, gint64 *modified_unix, GError **error);
  /* Drops idempotency keys older than MAX_AGE seconds. */
  gboolean   (*expire_keys)     (ShequCentralStorage *self, gint64 max_age,
                                 GError **error);
};

/* The SQLite storage at PATH (created when missing, WAL, migrated). */
ShequCentralStorage *shequ_central_sqlite_new (const char  *path,
                                               GError     **error);

/* Calls through the interface (one per method, same arguments). */
gboolean   shequ_central_storage_add_token    (ShequCentralStorage *self, const char *office,
                                               const char *label, const guint8 *hash,
                                               gint64 *id, GError **error);
gboolean   shequ_central_storage_get_token    (ShequCentralStorage *self, gint64 id,
                                               guint8 *hash, char **office, GError **error);
GPtrArray *shequ_central_storage_list_tokens  (ShequCentralStorage *self, GError **error);
gboolean   shequ_central_storage_revoke_token (ShequCentralStorage *self, gint64 id,
                                               GError **error);
gboolean   shequ_central_storage_put_units    (ShequCentralStorage *self, const char *office,
                                               GPtrArray *units, GError **error);
gboolean   shequ_central_storage_put_documents (ShequCentralStorage *self, const char *office,
                                               const ShequCentralPut *puts, guint n_puts,
                                               ShequCentralPutResult *results,
                                               GError **error);
ShequCentralDocument *shequ_central_storage_get_document (ShequCentralStorage *self,
                                               const char *uuid, GError **error);
GPtrArray *shequ_central_storage_list_changes (ShequCentralStorage *self, const char *office,
                                               gint64 since, guint limit, gint64 *cursor,
                                               gboolean *more, GError **error);
gboolean   shequ_central_storage_put_attachment (ShequCentralStorage *self,
                                               const char *sha256, const char *mime,
                                               GBytes *bytes, gboolean *created,
                                               GError **error);
GBytes    *shequ_central_storage_get_attachment (ShequCentralStorage *self,
                                               const char *sha256, char **mime,
                                               GError **error);
gboolean   shequ_central_storage_has_attachment (ShequCentralStorage *self,
                                               const char *sha256, gboolean *has,
                                               GError **error);
GPtrArray *shequ_central_storage_list_public_units (ShequCentralStorage *self, guint page,
                                               guint per_page, guint *total,
                                               GError **error);
ShequCentralUnit *shequ_central_storage_get_unit (ShequCentralStorage *self,
                                               const char *code, GError **error);
GPtrArray *shequ_central_storage_list_public_documents (ShequCentralStorage *self,
                                               const char *code, guint page,
                                               guint per_page, guint *total,
                                               GError **error);
gboolean   shequ_central_storage_get_stamp    (ShequCentralStorage *self, const char *code,
                                               gint64 *seq, gint64 *modified_unix,
                                               GError **error);
gboolean   shequ_central_storage_expire_keys  (ShequCentralStorage *self, gint64 max_age,
                                               GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequCentralDocument, shequ_central_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequCentralUnit, shequ_central_unit_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShequCentralPutResult, shequ_central_put_result_clear)

G_END_DECLS
