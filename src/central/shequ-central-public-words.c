/* shequ-central-public-words.c — the public pages' words, in zh_CN whatever the locale */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-central-public"

#include "config.h"

#include <string.h>

#include "shequ-central-public-private.h"

/* The residents' pages are Chinese whatever the server's own locale: a service started
 * by systemd runs in C.UTF-8, where glibc ignores LANGUAGE and gettext() gives the
 * English msgids; switching the process locale (setlocale) per request is not
 * thread-safe and needs zh_CN.UTF-8 generated on the host. So the words are read once,
 * at start, from the zh_CN catalogue itself (LOCALEDIR/zh_CN/LC_MESSAGES/shequ.mo, the
 * same file the app uses): the entries of context "public page" go into a table, and
 * every word on a page is one lookup there. Without the catalogue the pages show the
 * English source strings (and the server says so once). */

#define PUBLIC_CONTEXT "public page"

struct _ShequPublicWords
{
  GHashTable *table;  /* msgid → msgstr, owned */
};

static gboolean
read_u32 (const guint8 *data, gsize length, gsize at, gboolean swap, guint32 *value)
{
  guint32 v;

  if (at > length || length - at < 4)
    return FALSE;
  memcpy (&v, data + at, 4);
  *value = swap ? GUINT32_SWAP_LE_BE (v) : v;
  return TRUE;
}

/* The string of entry I of the table at TABLE: its bytes within DATA, NUL-terminated. */
static const char *
read_entry (const guint8 *data, gsize length, guint32 table, guint32 i, gboolean swap,
            guint32 *len)
{
  guint32 off = 0;
  gsize at = (gsize) table + (gsize) i * 8;

  if (!read_u32 (data, length, at, swap, len) || !read_u32 (data, length, at + 4, swap, &off))
    return NULL;
  if (off > length || length - off <= *len || data[off + *len] != '\0')
    return NULL;
  return (const char *) data + off;
}

GHashTable *
shequ_public_words_read_mo (const guint8 *data, gsize length, const char *context)
{
  g_autoptr (GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                         g_free, g_free);
  g_autofree char *prefix = g_strconcat (context, "\004", NULL);
  gsize prefix_len = strlen (prefix);
  guint32 magic = 0, n = 0, originals = 0, translations = 0;
  gboolean swap;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!read_u32 (data, length, 0, FALSE, &magic))
    return NULL;
  if (magic == 0x950412de)
    swap = FALSE;
  else if (magic == 0xde120495)
    swap = TRUE;
  else
    return NULL;
  if (!read_u32 (data, length, 8, swap, &n) || !read_u32 (data, length, 12, swap, &originals)
      || !read_u32 (data, length, 16, swap, &translations) || n > length / 8)
    return NULL;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_len = 0, str_len = 0;
      const char *id = read_entry (data, length, originals, i, swap, &id_len);
      const char *str = read_entry (data, length, translations, i, swap, &str_len);

      if (id == NULL || str == NULL)
        return NULL;
      /* A plural entry holds its forms NUL-separated: the first is enough (zh has one). */
      if (id_len <= prefix_len || strncmp (id, prefix, prefix_len) != 0 || *str == '\0'
          || !g_utf8_validate (str, -1, NULL))
        continue;
      g_hash_table_replace (table, g_strdup (id + prefix_len), g_strdup (str));
    }
  return g_steal_pointer (&table);
}

static GHashTable *
read_catalogue (const char *localedir, char **path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_free (*path);
  *path = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_get_contents (*path, &contents, &length, NULL))
    return NULL;
  return shequ_public_words_read_mo ((const guint8 *) contents, length, PUBLIC_CONTEXT);
}

ShequPublicWords *
shequ_public_words_new (const char *localedir)
{
  ShequPublicWords *words = g_new0 (ShequPublicWords, 1);
  g_autofree char *path = NULL;

  if (localedir == NULL)
    localedir = g_getenv ("SHEQU_LOCALEDIR");
  if (localedir != NULL)
    words->table = read_catalogue (localedir, &path);
  else
    {
      /* Installed, else run from the build tree. */
      words->table = read_catalogue (LOCALEDIR, &path);
      if (words->table == NULL)
        words->table = read_catalogue (BUILD_LOCALEDIR, &path);
    }
  if (words->table == NULL)
    g_warning ("No Chinese catalogue at %s: the public pages show English words", path);
  return words;
}

void
shequ_public_words_free (ShequPublicWords *words)
{
  if (words == NULL)
    return;
  g_clear_pointer (&words->table, g_hash_table_unref);
  g_free (words);
}

const char *
shequ_public_words_get (ShequPublicWords *words, const char *msgid)
{
  const char *str;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (words == NULL || words->table == NULL)
    return msgid;
  str = g_hash_table_lookup (words->table, msgid);
  return str != NULL ? str : msgid;
}

gboolean
shequ_public_words_loaded (ShequPublicWords *words)
{
  return words != NULL && words->table != NULL;
}
