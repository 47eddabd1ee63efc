/* shequ-central-public-cache.c — rendered public replies, kept in memory within a bound */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-central-public"

#include "config.h"

#include <string.h>

#include "shequ-central-public-private.h"

/* A reply is shared by the cache and the requests being answered with it. */
typedef struct {
  ShequPublicReply reply;
  gint             refs;
} ReplyBox;

ShequPublicReply *
shequ_public_reply_new (guint status, const char *content_type, GBytes *body)
{
  ReplyBox *box = g_new0 (ReplyBox, 1);

  box->refs = 1;
  box->reply.status = status;
  box->reply.content_type = g_strdup (content_type);
  box->reply.body = body != NULL ? g_bytes_ref (body) : g_bytes_new_static ("", 0);
  return &box->reply;
}

ShequPublicReply *
shequ_public_reply_ref (ShequPublicReply *reply)
{
  ReplyBox *box = (ReplyBox *) reply;

  g_atomic_int_inc (&box->refs);
  return reply;
}

void
shequ_public_reply_unref (ShequPublicReply *reply)
{
  ReplyBox *box = (ReplyBox *) reply;

  if (reply == NULL || !g_atomic_int_dec_and_test (&box->refs))
    return;
  g_free (reply->content_type);
  g_bytes_unref (reply->body);
  g_free (reply->etag);
  g_free (reply->last_modified);
  g_free (reply->disposition);
  g_free (box);
}

typedef struct {
  char             *key;
  gint64            stamp;
  ShequPublicReply *reply;
  gsize             size;
  GList             link;  /* in the LRU queue; data is the entry */
} Entry;

struct _ShequPublicCache
{
  GHashTable *entries;  /* key → Entry (owned) */
  GQueue      lru;      /* most recently used first */
  gsize       size;
  gsize       max_bytes;
};

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  shequ_public_reply_unref (entry->reply);
  g_free (entry);
}

ShequPublicCache *
shequ_public_cache_new (gsize max_bytes)
{
  ShequPublicCache *cache = g_new0 (ShequPublicCache, 1);

  cache->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) entry_free);
  g_queue_init (&cache->lru);
  cache->max_bytes = max_bytes;
  return cache;
}

void
shequ_public_cache_free (ShequPublicCache *cache)
{
  if (cache == NULL)
    return;
  shequ_public_cache_clear (cache);
  g_hash_table_unref (cache->entries);
  g_free (cache);
}

static void
remove_entry (ShequPublicCache *cache, Entry *entry)
{
  g_queue_unlink (&cache->lru, &entry->link);
  cache->size -= entry->size;
  g_hash_table_remove (cache->entries, entry->key);
}

ShequPublicReply *
shequ_public_cache_lookup (ShequPublicCache *cache, const char *key, gint64 stamp)
{
  Entry *entry = g_hash_table_lookup (cache->entries, key);

  if (entry == NULL)
    return NULL;
  if (entry->stamp != stamp)
    {
      remove_entry (cache, entry);
      return NULL;
    }
  g_queue_unlink (&cache->lru, &entry->link);
  g_queue_push_head_link (&cache->lru, &entry->link);
  return shequ_public_reply_ref (entry->reply);
}

void
shequ_public_cache_insert (ShequPublicCache *cache, const char *key, gint64 stamp,
                           ShequPublicReply *reply)
{
  Entry *entry, *old;
  /* What the entry costs: the body, the strings and the bookkeeping. */
  gsize size = g_bytes_get_size (reply->body) + 2 * strlen (key) + 256;

  if (size > cache->max_bytes / 8)
    return;
  old = g_hash_table_lookup (cache->entries, key);
  if (old != NULL)
    remove_entry (cache, old);
  while (cache->size + size > cache->max_bytes && cache->lru.tail != NULL)
    remove_entry (cache, cache->lru.tail->data);

  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->stamp = stamp;
  entry->reply = shequ_public_reply_ref (reply);
  entry->size = size;
  entry->link.data = entry;
  g_queue_push_head_link (&cache->lru, &entry->link);
  g_hash_table_insert (cache->entries, entry->key, entry);
  cache->size += size;
}

void
shequ_public_cache_clear (ShequPublicCache *cache)
{
  g_queue_init (&cache->lru);
  g_hash_table_remove_all (cache->entries);
  cache->size = 0;
}

gsize
shequ_public_cache_get_size (ShequPublicCache *cache)
{
  return cache->size;
}

guint
shequ_public_cache_get_n_entries (ShequPublicCache *cache)
{
  return g_hash_table_size (cache->entries);
}
