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

void
_shequ_org_store_forget_search_slots (ShequOrgStore *self)
{
  SearchSlots *search = self->search_slots;

  g_return_if_fail (SHEQU_IS_ORG_STORE (self));

  if (search == NULL)
    return;
  g_ptr_array_unref (search->units);
  g_hash_table_unref (search->slots);
  g_array_unref (search->parents);
  g_byte_array_unref (search->states);
  g_clear_pointer (&self->search_slots, g_free);
}

static SearchSlots *
ensure_search_slots (ShequOrgStore *self)
{
  SearchSlots *search;
  guint n = g_hash_table_size (self->units);
  GHashTableIter iter;
  gpointer value;

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (self->search_slots != NULL)
    return self->search_slots;

  search = self->search_slots = g_new0 (SearchSlots, 1);
  search->units = g_ptr_array_sized_new (n);
  search->slots = g_hash_table_new (NULL, NULL);
  search->parents = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  search->states = g_byte_array_sized_new (n);
  g_hash_table_iter_init (&iter, self->units);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_hash_table_insert (search->slots, value, GUINT_TO_POINTER (search->units->len + 1));
      g_ptr_array_add (search->units, value);
    }
  for (guint i = 0; i < n; i++)
    {
      ShequUnit *parent = ((ShequUnit *) g_ptr_array_index (search->units, i))->parent;
      guint slot = parent != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (search->slots,
                                                                           parent)) : 0;

      g_array_append_val (search->parents, slot);
    }
  g_byte_array_set_size (search->states, n);
  return search;
}

/* Sets every unit's search state for the current text; returns the number of matches. */
guint
_shequ_org_store_run_search (ShequOrgStore *self)
{
  SearchSlots *search;
  guint8 *states;
  guint n_matches = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);

  if (self->search_text == NULL)
    {
      /* Nothing to keep while not searching: the slots cost memory. */
      _shequ_org_store_forget_search_slots (self);
      return 0;
    }

  search = ensure_search_slots (self);
  states = search->states->data;
  memset (states, SHEQU_SEARCH_NONE, search->states->len);
  for (guint i = 0; i < search->units->len; i++)
    {
      if (!unit_matches (g_ptr_array_index (search->units, i), self->search_text))
        continue;
      n_matches++;
      states[i] = SHEQU_SEARCH_MATCH;
      /* Ancestors are shown so the match has its place in the tree. */
      for (guint p = g_array_index (search->parents, guint, i);
           p != 0 && states[p - 1] == SHEQU_SEARCH_NONE;
           p = g_array_index (search->parents, guint, p - 1))
        states[p - 1] = SHEQU_SEARCH_ANCESTOR;
    }
  return n_matches;
}

ShequSearchState
shequ_org_store_get_search_state (ShequOrgStore *self,
                                  ShequUnit     *unit)
{
  guint slot;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), SHEQU_SEARCH_NONE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), SHEQU_SEARCH_NONE);

  if (self->search_text == NULL || self->search_slots == NULL)
    return SHEQU_SEARCH_NONE;
  slot = GPOINTER_TO_UINT (g_hash_table_lookup (self->search_slots->slots, unit));
  return slot != 0 ? self->search_slots->states->data[slot - 1] : SHEQU_SEARCH_NONE;
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
