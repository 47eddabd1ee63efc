/* shequ-central-public.c — the residents' pages: routing, caching and HTTP headers */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-central-public"

#include "config.h"

#include <string.h>

#include "shequ-central-public-private.h"
#include "shequ-central-public.h"

/* Rendered replies kept in memory; a unit page is some 10–50 KB. */
#define CACHE_BYTES (32 * 1024 * 1024)
/* A stamp read from the storage is trusted this long without asking again, so that a
 * write by another process (the API calls _invalidate in this one) shows within it. */
#define STAMP_TTL_US (1 * G_USEC_PER_SEC)

#define CSP_PAGES "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; " \
                  "form-action 'self'; frame-ancestors 'none'"
#define CSP_FILES "default-src 'none'; img-src 'self'; object-src 'self'; " \
                  "frame-ancestors 'self'"

typedef struct {
  gint64 seq;
  gint64 modified_unix;
  gint64 fetched_us;
} Stamp;

struct _ShequCentralPublic
{
  ShequCentralStorage *storage;
  ShequPublicContext   ctx;
  ShequPublicCache    *cache;
  GHashTable          *stamps;      /* unit code ("" for all) → Stamp */
  GHashTable          *files;       /* sha256 → ShequAttachmentRef of a published version */
  gint64               files_seq;
  ShequPublicReply    *stylesheet;
};

ShequCentralPublic *
shequ_central_public_new (ShequCentralStorage *storage)
{
  ShequCentralPublic *self;
  g_autoptr (GBytes) css = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (SHEQU_IS_CENTRAL_STORAGE (storage), NULL);

  self = g_new0 (ShequCentralPublic, 1);
  self->storage = g_object_ref (storage);
  self->ctx.storage = self->storage;
  self->ctx.words = shequ_public_words_new (NULL);
  self->cache = shequ_public_cache_new (CACHE_BYTES);
  self->stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  css = shequ_public_get_stylesheet ();
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, css);
  self->stylesheet = shequ_public_reply_new (200, "text/css; charset=utf-8", css);
  self->stylesheet->etag = g_strdup_printf ("\"css-%.16s\"", hash);
  return self;
}

void
shequ_central_public_free (ShequCentralPublic *self)
{
  if (self == NULL)
    return;
  shequ_public_cache_free (self->cache);
  g_hash_table_unref (self->stamps);
  g_clear_pointer (&self->files, g_hash_table_unref);
  shequ_public_words_free (self->ctx.words);
  shequ_public_reply_unref (self->stylesheet);
  g_object_unref (self->storage);
  g_free (self);
}

void
shequ_central_public_invalidate (ShequCentralPublic *self)
{
  g_return_if_fail (self != NULL);

  shequ_public_cache_clear (self->cache);
  g_hash_table_remove_all (self->stamps);
  g_clear_pointer (&self->files, g_hash_table_unref);
}

/* CODE's stamp (NULL: everything's), from memory when fresh. */
static gboolean
get_stamp (ShequCentralPublic *self, const char *code, Stamp *stamp, GError **error)
{
  Stamp *known = g_hash_table_lookup (self->stamps, code != NULL ? code : "");
  gint64 now = g_get_monotonic_time ();

  if (known != NULL && now - known->fetched_us < STAMP_TTL_US)
    {
      *stamp = *known;
      return TRUE;
    }
  if (!shequ_central_storage_get_stamp (self->storage, code, &stamp->seq,
                                        &stamp->modified_unix, error))
    return FALSE;
  stamp->fetched_us = now;
  /* Every unit ever asked for is remembered until the next invalidate: bound it. */
  if (g_hash_table_size (self->stamps) > 100000)
    g_hash_table_remove_all (self->stamps);
  g_hash_table_replace (self->stamps, g_strdup (code != NULL ? code : ""),
                        g_memdup2 (stamp, sizeof *stamp));
  return TRUE;
}

static void
add_files (GHashTable *files, const ShequDisclosure *d)
{
  for (guint k = 0; k < d->versions->len; k++)
    {
      const ShequDisclosureVersion *v = g_ptr_array_index (d->versions, k);

      if (v->state != SHEQU_DISCLOSURE_STATE_PUBLISHED
          && v->state != SHEQU_DISCLOSURE_STATE_CORRECTED)
        continue;
      for (guint a = 0; v->attachments != NULL && a < v->attachments->len; a++)
        {
          const ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, a);

          if (!g_hash_table_contains (files, ref->sha256))
            {
              ShequAttachmentRef *copy = shequ_attachment_ref_copy (ref);

              g_hash_table_insert (files, copy->sha256, copy);
            }
        }
    }
}

/* Every attachment of a published (or since corrected) version, by hash: the storage
 * keeps attachments of drafts too, and those are not for residents. Built on demand
 * for the current stamp (one pass over the public documents). */
static gboolean
ensure_files (ShequCentralPublic *self, gint64 seq, GError **error)
{
  g_autoptr (GHashTable) files = NULL;
  guint total = 0;

  if (self->files != NULL && self->files_seq == seq)
    return TRUE;
  files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                 (GDestroyNotify) shequ_attachment_ref_free);
  for (guint page = 0; page == 0 || page * (guint64) 500 < total; page++)
    {
      g_autoptr (GPtrArray) units = shequ_central_storage_list_public_units (
        self->storage, page, 500, &total, error);

      if (units == NULL)
        return FALSE;
      for (guint i = 0; i < units->len; i++)
        {
          const ShequCentralUnit *unit = g_ptr_array_index (units, i);
          g_autoptr (GPtrArray) docs = shequ_public_list_unit_documents (self->storage,
                                                                         unit->code, error);

          if (docs == NULL)
            return FALSE;
          for (guint j = 0; j < docs->len; j++)
            add_files (files, ((ShequCentralDocument *) g_ptr_array_index (docs, j))->doc);
        }
      if (units->len == 0)
        break;
    }
  g_clear_pointer (&self->files, g_hash_table_unref);
  self->files = g_steal_pointer (&files);
  self->files_seq = seq;
  return TRUE;
}

/* Types a browser may show in place; anything else is a download. */
static gboolean
is_inline_type (const char *mime)
{
  static const char *const types[] = {
    "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp",
  };

  for (guint i = 0; mime != NULL && i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (mime, types[i]) == 0)
      return TRUE;
  return FALSE;
}

/* inline; filename="ASCII fallback"; filename*=UTF-8''percent-encoded (RFC 5987/6266). */
static char *
content_disposition (const char *name, gboolean in_place)
{
  g_autofree char *encoded = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *ascii = g_strdup (name);

  for (char *c = ascii; *c != '\0'; c++)
    if ((guchar) *c >= 0x7f || *c < 0x20 || *c == '"' || *c == '\\')
      *c = '_';
  return g_strdup_printf ("%s; filename=\"%s\"; filename*=UTF-8''%s",
                          in_place ? "inline" : "attachment", ascii, encoded);
}

static ShequPublicReply *
file_reply (ShequCentralPublic *self, const ShequPublicRoute *route, gint64 seq,
            GError **error)
{
  const ShequAttachmentRef *ref;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *mime = NULL;
  GError *local = NULL;
  ShequPublicReply *reply;
  const char *type;

  if (!ensure_files (self, seq, error))
    return NULL;
  if ((ref = g_hash_table_lookup (self->files, route->arg)) == NULL)
    return shequ_public_html_not_found (&self->ctx);
  bytes = shequ_central_storage_get_attachment (self->storage, ref->sha256, &mime, &local);
  if (bytes == NULL)
    {
      if (local == NULL || g_error_matches (local, SHEQU_CENTRAL_ERROR,
                                            SHEQU_CENTRAL_ERROR_NOT_FOUND))
        {
          g_clear_error (&local);
          return shequ_public_html_not_found (&self->ctx);
        }
      g_propagate_error (error, local);
      return NULL;
    }
  type = mime != NULL ? mime : ref->mime;
  if (!is_inline_type (type))
    type = "application/octet-stream";
  reply = shequ_public_reply_new (200, type, bytes);
  reply->disposition = content_disposition (ref->name, is_inline_type (type));
  /* The bytes are named by their hash: the hash is a strong validator. */
  reply->etag = g_strdup_printf ("\"%s\"", ref->sha256);
  return reply;
}

/* The unit whose stamp covers ROUTE: NULL for everything's. */
static const char *
route_stamp_code (const ShequPublicRoute *route)
{
  return route->kind == SHEQU_PUBLIC_ROUTE_UNIT || route->kind == SHEQU_PUBLIC_ROUTE_JSON_UNIT
           ? route->arg : NULL;
}

static gboolean
route_is_json (const ShequPublicRoute *route)
{
  return route->json;
}

static ShequPublicReply *
render (ShequCentralPublic *self, const ShequPublicRoute *route, gint64 seq, GError **error)
{
  ShequPublicContext *ctx = &self->ctx;

  switch (route->kind)
    {
    case SHEQU_PUBLIC_ROUTE_INDEX:
      return shequ_public_html_index (ctx, route, error);
    case SHEQU_PUBLIC_ROUTE_UNIT:
      return shequ_public_html_unit (ctx, route, error);
    case SHEQU_PUBLIC_ROUTE_DOCUMENT:
      return shequ_public_html_document (ctx, route, error);
    case SHEQU_PUBLIC_ROUTE_FILE:
      return file_reply (self, route, seq, error);
    case SHEQU_PUBLIC_ROUTE_JSON_UNITS:
      return shequ_public_json_units (ctx, route, error);
    case SHEQU_PUBLIC_ROUTE_JSON_UNIT:
      return shequ_public_json_unit (ctx, route, error);
    case SHEQU_PUBLIC_ROUTE_JSON_DOCUMENT:
      return shequ_public_json_document (ctx, route, error);
    case SHEQU_PUBLIC_ROUTE_STYLESHEET:
      return shequ_public_reply_ref (self->stylesheet);
    case SHEQU_PUBLIC_ROUTE_NOT_FOUND:
    default:
      return route->json ? shequ_public_json_not_found () : shequ_public_html_not_found (ctx);
    }
}

/* The reply for ROUTE: from the cache when the stamp has not moved, else rendered (and
 * kept). A storage failure is a 500 page, never kept. */
static ShequPublicReply *
get_reply (ShequCentralPublic *self, const ShequPublicRoute *route)
{
  g_autofree char *key = NULL;
  g_autoptr (GError) error = NULL;
  ShequPublicReply *reply;
  Stamp stamp = { 0 };

  if (route->kind == SHEQU_PUBLIC_ROUTE_STYLESHEET)
    return shequ_public_reply_ref (self->stylesheet);
  key = shequ_public_route_key (route);
  if (!get_stamp (self, route_stamp_code (route), &stamp, &error))
    goto failed;
  if ((reply = shequ_public_cache_lookup (self->cache, key, stamp.seq)) != NULL)
    return reply;
  if ((reply = render (self, route, stamp.seq, &error)) == NULL)
    goto failed;
  if (reply->status == 200 && reply->etag == NULL)
    {
      g_autofree char *salted = g_strconcat (key, "|" PACKAGE_VERSION, NULL);

      reply->etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "-%08x\"", stamp.seq,
                                     g_str_hash (salted));
      reply->modified_unix = stamp.modified_unix;
      if (stamp.modified_unix > 0)
        {
          g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (stamp.modified_unix);

          reply->last_modified = soup_date_time_to_string (dt, SOUP_DATE_HTTP);
        }
    }
  shequ_public_cache_insert (self->cache, key, stamp.seq, reply);
  return reply;

failed:
  g_warning ("Public page %s: %s", key, error->message);
  return route_is_json (route) ? shequ_public_reply_new (500, "application/json", NULL)
                               : shequ_public_html_error (&self->ctx, 500);
}

/* Whether the client's copy (If-None-Match, else If-Modified-Since) is REPLY's. */
static gboolean
client_has_it (SoupMessageHeaders *request, const ShequPublicReply *reply)
{
  const char *inm = soup_message_headers_get_list (request, "If-None-Match");
  const char *ims = soup_message_headers_get_one (request, "If-Modified-Since");

  if (inm != NULL)
    {
      g_auto (GStrv) tags = g_strsplit (inm, ",", 64);

      for (guint i = 0; tags[i] != NULL; i++)
        {
          const char *tag = g_strstrip (tags[i]);

          /* A weak comparison, as RFC 9110 wants for If-None-Match. */
          if (g_str_has_prefix (tag, "W/"))
            tag += 2;
          if (strcmp (tag, "*") == 0 || g_strcmp0 (tag, reply->etag) == 0)
            return TRUE;
        }
      return FALSE;
    }
  if (ims != NULL && reply->modified_unix > 0)
    {
      g_autoptr (GDateTime) since = soup_date_time_new_from_http_string (ims);

      return since != NULL && g_date_time_to_unix (since) >= reply->modified_unix;
    }
  return FALSE;
}

/* The response's headers start empty: append is enough, and cheaper than replace. */
static void
set_common_headers (SoupMessageHeaders *headers, const ShequPublicReply *reply,
                    gboolean is_file)
{
  soup_message_headers_append (headers, "Content-Security-Policy",
                                is_file ? CSP_FILES : CSP_PAGES);
  soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_append (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_append (headers, "Cache-Control",
                                reply->status >= 500 ? "no-store" : "public, max-age=60");
  if (reply->etag != NULL)
    soup_message_headers_append (headers, "ETag", reply->etag);
  if (reply->last_modified != NULL)
    soup_message_headers_append (headers, "Last-Modified", reply->last_modified);
  if (reply->disposition != NULL)
    soup_message_headers_append (headers, "Content-Disposition", reply->disposition);
}

static void
send_reply (SoupServerMessage *msg, ShequPublicReply *reply, gboolean is_file,
            gboolean is_head)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);

  set_common_headers (headers, reply, is_file);
  if (reply->status == 200 && reply->etag != NULL && client_has_it (request, reply))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (msg, reply->status, NULL);
  soup_message_headers_append (headers, "Content-Type", reply->content_type);
  if (is_head)
    soup_message_headers_set_content_length (headers, g_bytes_get_size (reply->body));
  else
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), reply->body);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  ShequCentralPublic *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  ShequPublicRoute route;
  ShequPublicReply *reply;
  gboolean is_head = g_strcmp0 (method, SOUP_METHOD_HEAD) == 0;

  if (!is_head && g_strcmp0 (method, SOUP_METHOD_GET) != 0)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      soup_message_headers_replace (headers, "Allow", "GET, HEAD");
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "405 Method Not Allowed\n", 23);
      return;
    }
  shequ_public_route_parse (g_uri_get_path (uri), g_uri_get_query (uri), &route);
  reply = get_reply (self, &route);
  send_reply (msg, reply, route.kind == SHEQU_PUBLIC_ROUTE_FILE, is_head);
  shequ_public_reply_unref (reply);
  shequ_public_route_clear (&route);
}

void
shequ_central_public_attach (ShequCentralPublic *self, SoupServer *server)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (SOUP_IS_SERVER (server));

  /* "/" is libsoup's fallback: every path no more specific handler (the API's
   * "/api") takes. */
  soup_server_add_handler (server, "/", on_request, self, NULL);
}
