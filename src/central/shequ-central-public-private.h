/* shequ-central-public-private.h — the public pages' parts: routes, words, cache, renderers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shequ-central-storage.h"

G_BEGIN_DECLS

#define SHEQU_PUBLIC_UNITS_PER_PAGE 50
#define SHEQU_PUBLIC_DOCS_PER_PAGE  20
/* A page number past this is refused as malformed (no unit has a million pages). */
#define SHEQU_PUBLIC_PAGE_MAX       1000000

/* What a request names (shequ-central-public-route.c). */
typedef enum {
  SHEQU_PUBLIC_ROUTE_NOT_FOUND,
  SHEQU_PUBLIC_ROUTE_INDEX,          /* "/" */
  SHEQU_PUBLIC_ROUTE_UNIT,           /* "/u/{code}" */
  SHEQU_PUBLIC_ROUTE_DOCUMENT,       /* "/d/{uuid}" */
  SHEQU_PUBLIC_ROUTE_FILE,           /* "/files/{sha256}/{name}" */
  SHEQU_PUBLIC_ROUTE_STYLESHEET,     /* "/static/site.css" */
  SHEQU_PUBLIC_ROUTE_JSON_UNITS,     /* "/public/v1/units" */
  SHEQU_PUBLIC_ROUTE_JSON_UNIT,      /* "/public/v1/units/{code}" */
  SHEQU_PUBLIC_ROUTE_JSON_DOCUMENT,  /* "/public/v1/disclosures/{uuid}" */
} ShequPublicRouteKind;

typedef struct {
  ShequPublicRouteKind kind;
  char                *arg;        /* the code, uuid or sha256 (checked), else NULL */
  char                *name;       /* FILE: the name, decoded */
  guint                page;       /* 1-based */
  int                  kind_filter; /* a ShequDisclosureKind, -1 for all */
  gboolean             json;       /* under "/public/": answered in JSON, even when not found */
} ShequPublicRoute;

/* Reads PATH (as sent, percent-encoded) and QUERY (as sent, or NULL) into ROUTE: never
 * fails; anything malformed is NOT_FOUND. A bad page number or kind is NOT_FOUND too. */
void  shequ_public_route_parse (const char        *path,
                                const char        *query,
                                ShequPublicRoute  *route);
void  shequ_public_route_clear (ShequPublicRoute  *route);
/* The route in one canonical line: the cache's key and part of the ETag. */
char *shequ_public_route_key   (const ShequPublicRoute *route);

/* The pages' words: the zh_CN catalogue's "public page" entries, read at start from the
 * installed .mo (shequ-central-public-words.c). */
typedef struct _ShequPublicWords ShequPublicWords;

ShequPublicWords *shequ_public_words_new  (const char       *localedir);
void              shequ_public_words_free (ShequPublicWords *words);
/* MSGID's zh_CN translation in context "public page", or MSGID itself. */
const char       *shequ_public_words_get  (ShequPublicWords *words,
                                           const char       *msgid) G_GNUC_FORMAT (2);
/* Whether the catalogue was found. */
gboolean          shequ_public_words_loaded (ShequPublicWords *words);
/* Reads a .mo file's entries of context CONTEXT into a new table msgid → msgstr; NULL
 * for something that is not a .mo file (bounds-checked: the file comes from disk). */
GHashTable       *shequ_public_words_read_mo (const guint8 *data,
                                              gsize         length,
                                              const char   *context);

/* A bounded LRU of rendered replies (shequ-central-public-cache.c). */
typedef struct {
  guint    status;
  char    *content_type;
  GBytes  *body;
  char    *etag;
  gint64   modified_unix;  /* 0: no Last-Modified */
  char    *last_modified;  /* MODIFIED_UNIX as HTTP says it, made once */
  char    *disposition;    /* files only, else NULL */
} ShequPublicReply;

ShequPublicReply *shequ_public_reply_new  (guint status, const char *content_type,
                                           GBytes *body);
ShequPublicReply *shequ_public_reply_ref  (ShequPublicReply *reply);
void              shequ_public_reply_unref (ShequPublicReply *reply);

typedef struct _ShequPublicCache ShequPublicCache;

ShequPublicCache *shequ_public_cache_new    (gsize             max_bytes);
void              shequ_public_cache_free   (ShequPublicCache *cache);
/* The reply kept under KEY at STAMP (a new reference), or NULL. */
ShequPublicReply *shequ_public_cache_lookup (ShequPublicCache *cache,
                                             const char       *key,
                                             gint64            stamp);
void              shequ_public_cache_insert (ShequPublicCache *cache,
                                             const char       *key,
                                             gint64            stamp,
                                             ShequPublicReply *reply);
void              shequ_public_cache_clear  (ShequPublicCache *cache);
gsize             shequ_public_cache_get_size (ShequPublicCache *cache);
guint             shequ_public_cache_get_n_entries (ShequPublicCache *cache);

/* What the renderers read: the storage and the words. */
typedef struct {
  ShequCentralStorage *storage;
  ShequPublicWords    *words;
} ShequPublicContext;

#define SHEQU_PUBLIC_WORD(ctx, msgid) shequ_public_words_get ((ctx)->words, (msgid))

/* Whether a version is shown to residents: published, corrected (history) or withdrawn. */
gboolean shequ_public_version_is_public (const ShequDisclosureVersion *v);
/* The version residents see first: the newest published or withdrawn one, or NULL. */
const ShequDisclosureVersion *shequ_public_get_shown (const ShequDisclosure *d);
/* All of CODE's public documents (every page of the storage's list), newest first. */
GPtrArray *shequ_public_list_unit_documents (ShequCentralStorage *storage,
                                             const char          *code,
                                             GError             **error);
/* UNIT's ancestors, the street first (ShequCentralUnit), not UNIT itself. */
GPtrArray *shequ_public_unit_ancestors (ShequCentralStorage    *storage,
                                        const ShequCentralUnit *unit);
/* "2026-10-05 16:00" in Beijing time from an ISO 8601 UTC text; "" for NULL. */
char      *shequ_public_format_time (const char *iso);
/* "2026-10-05", the same day. */
char      *shequ_public_format_date (const char *iso);
/* A period key as the page says it: "2026年第三季度". */
char      *shequ_public_period_label (ShequPublicContext *ctx,
                                      const char         *key);
const char *shequ_public_kind_label  (ShequPublicContext *ctx,
                                      ShequDisclosureKind kind);
/* KIND as a page about one unit of TIER (its key; may be NULL) says it: 居务公开 for a
 * community, 村务公开 for a village where shequ_public_kind_label says 村（居）务公开. */
const char *shequ_public_kind_label_for_unit (ShequPublicContext  *ctx,
                                              ShequDisclosureKind  kind,
                                              const char          *tier);
const char *shequ_public_tier_label  (ShequPublicContext *ctx,
                                      const char         *tier);

/* The HTML pages (shequ-central-public-html*.c): status 200, or 404 when the unit or
 * document is unknown; NULL with ERROR when the storage fails. */
ShequPublicReply *shequ_public_html_index     (ShequPublicContext      *ctx,
                                               const ShequPublicRoute  *route,
                                               GError                 **error);
ShequPublicReply *shequ_public_html_unit      (ShequPublicContext      *ctx,
                                               const ShequPublicRoute  *route,
                                               GError                 **error);
ShequPublicReply *shequ_public_html_document  (ShequPublicContext      *ctx,
                                               const ShequPublicRoute  *route,
                                               GError                 **error);
ShequPublicReply *shequ_public_html_not_found (ShequPublicContext      *ctx);
/* The frame every page shares, and pieces of it (shequ-central-public-html.c). */
void              shequ_public_html_put       (GString                 *out,
                                               const char              *text);
void              shequ_public_html_begin     (ShequPublicContext      *ctx,
                                               GString                 *out,
                                               const char              *title);
ShequPublicReply *shequ_public_html_end       (ShequPublicContext      *ctx,
                                               GString                 *out,
                                               guint                    status);
/* Crumbs to UNIT: the index, then its ancestors (ShequCentralUnit), then UNIT itself
 * (linked when LINK_UNIT). */
void              shequ_public_html_crumbs    (ShequPublicContext      *ctx,
                                               GString                 *out,
                                               GPtrArray               *ancestors,
                                               const ShequCentralUnit  *unit,
                                               gboolean                 link_unit);
/* One disclosure as the unit page lists it, or whole (FULL: its history too), of a unit
 * of TIER (its key; NULL when the unit is unknown) (shequ-central-public-html-doc.c). */
void              shequ_public_html_disclosure (ShequPublicContext     *ctx,
                                                GString                *out,
                                                const ShequDisclosure  *d,
                                                const char             *tier,
                                                gboolean                full);
/* "1.2 MB" in the C locale's digits. */
char             *shequ_public_format_size    (gint64                   bytes);
ShequPublicReply *shequ_public_html_error     (ShequPublicContext      *ctx,
                                               guint                    status);

/* The JSON twins (shequ-central-public-json.c), the same statuses. */
ShequPublicReply *shequ_public_json_units     (ShequPublicContext      *ctx,
                                               const ShequPublicRoute  *route,
                                               GError                 **error);
ShequPublicReply *shequ_public_json_unit      (ShequPublicContext      *ctx,
                                               const ShequPublicRoute  *route,
                                               GError                 **error);
ShequPublicReply *shequ_public_json_document  (ShequPublicContext      *ctx,
                                               const ShequPublicRoute  *route,
                                               GError                 **error);
ShequPublicReply *shequ_public_json_not_found (void);

/* The stylesheet's bytes (a GResource). */
GBytes *shequ_public_get_stylesheet (void);

G_END_DECLS
