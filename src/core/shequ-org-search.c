/* shequ-org-search.c — search keys, and the store's units matched against the search text */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

static char *
make_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal ? normal : text, -1);
}

/* Names are mostly Han characters, which neither casefolding nor normalisation
 * change: for those the name itself is the key, with no copy made. */
static const char *
search_key_for (const char  *name,
                char       **key,
                guint       *ready)
{
  if (!*ready)
    {
      gboolean plain = TRUE;

      for (const char *p = name; *p && plain; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c < 0x80)
            plain = !g_ascii_isupper (c);
          else
            plain = c >= 0x3400 && c <= 0x9FFF;
        }
      if (!plain)
        *key = make_key (name);
      *ready = TRUE;
    }
  return *key != NULL ? *key : name;
}

static gboolean
unit_matches (ShequUnit  *unit,
              const char *key)
{
  guint ready = unit->search_key_ready;
  const char *unit_key = search_key_for (unit->name, &unit->search_key, &ready);

  unit->search_key_ready = ready;
  if (strstr (unit_key, key) != NULL || strstr (unit->code, key) != NULL)
    return TRUE;

  for (guint i = 0; i < unit->posts->len; i++)
    {
      ShequPerson *person = ((ShequPost *)g_ptr_array_index (unit->posts, i))->person;
      guint person_ready = person->search_key_ready;
      const char *person_key = search_key_for (person->name, &person->search_key, &person_ready);

      person->search_key_ready = person_ready;
      if (strstr (person_key, key) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Sets every unit's search state for the current text; returns the number of matches.
 * The states are the store's, keyed by unit: after a change the search runs again
 * before the units that left are freed, so no key outlives its unit. */
guint
_shequ_org_store_run_search (ShequOrgStore *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n_matches = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);

  g_hash_table_remove_all (self->search_states);
  if (self->search_text == NULL)
    return 0;

  g_hash_table_iter_init (&iter, self->units);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ShequUnit *unit = value;

      if (!unit_matches (unit, self->search_text))
        continue;
      n_matches++;
      g_hash_table_insert (self->search_states, unit, GINT_TO_POINTER (SHEQU_SEARCH_MATCH));
      /* Ancestors are shown so the match has its place in the tree. */
      for (ShequUnit *u = unit->parent;
           u != NULL && !g_hash_table_contains (self->search_states, u);
           u = u->parent)
        g_hash_table_insert (self->search_states, u, GINT_TO_POINTER (SHEQU_SEARCH_ANCESTOR));
    }
  return n_matches;
}

ShequSearchState
shequ_org_store_get_search_state (ShequOrgStore *self,
                                  ShequUnit     *unit)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), SHEQU_SEARCH_NONE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), SHEQU_SEARCH_NONE);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->search_states, unit));
}

guint
shequ_org_store_search (ShequOrgStore *self,
                        const char    *text)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);

  g_clear_pointer (&self->search_text, g_free);
  if (text != NULL)
    {
      stripped = g_strstrip (g_strdup (text));
      if (*stripped != '\0')
        self->search_text = make_key (stripped);
    }
  return _shequ_org_store_run_search (self);
}

gboolean
shequ_org_store_is_searching (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  return self->search_text != NULL;
}

gboolean
shequ_org_match_range (const char *haystack,
                       const char *text,
                       guint      *start,
                       guint      *end)
{
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  if (haystack == NULL || text == NULL || *text == '\0')
    return FALSE;

  /* Walk the haystack by characters, comparing casefolded prefixes; names are short. */
  {
    g_autofree char *key = make_key (text);
    glong key_chars = g_utf8_strlen (key, -1);

    for (const char *p = haystack; *p; p = g_utf8_next_char (p))
      {
        const char *q = p;
        g_autofree char *candidate = NULL;
        glong n = 0;

        while (*q && n < key_chars)
          {
            q = g_utf8_next_char (q);
            n++;
          }
        if (n < key_chars)
          break;
        candidate = g_utf8_casefold (p, q - p);
        if (strcmp (candidate, key) == 0)
          {
            *start = p - haystack;
            *end = q - haystack;
            return TRUE;
          }
      }
  }
  return FALSE;
}
