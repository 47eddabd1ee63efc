/* fuzz-central-path.c — libFuzzer target: the public pages' request paths and queries */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-central-path"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "shequ-central-public-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input is a request target: "PATH?QUERY" as a client sends it (any bytes). A route
 * that is found names a well-formed argument; the same target always gives the same
 * key. The same bytes also go to the catalogue reader, which must refuse or read them
 * without reading past their end. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *target = g_strndup ((const char *) data, size);
  char *query = strchr (target, '?');
  ShequPublicRoute route, again;
  g_autofree char *key = NULL;
  g_autofree char *key_again = NULL;
  GHashTable *words;

  if (query != NULL)
    *query++ = '\0';
  shequ_public_route_parse (target, query, &route);
  shequ_public_route_parse (target, query, &again);
  key = shequ_public_route_key (&route);
  key_again = shequ_public_route_key (&again);
  g_assert_cmpstr (key, ==, key_again);
  g_assert_true (g_utf8_validate (key, -1, NULL));
  if (route.kind != SHEQU_PUBLIC_ROUTE_NOT_FOUND)
    {
      g_assert_cmpuint (route.page, >=, 1);
      g_assert_cmpuint (route.page, <=, SHEQU_PUBLIC_PAGE_MAX);
      g_assert_cmpint (route.kind_filter, <, SHEQU_DISCLOSURE_N_KINDS);
      /* No argument can climb out of its folder or carry a separator. */
      g_assert_true (route.arg == NULL || strpbrk (route.arg, "/.\\%") == NULL);
      g_assert_true (route.name == NULL || strchr (route.name, '/') == NULL);
    }
  shequ_public_route_clear (&route);
  shequ_public_route_clear (&again);

  words = shequ_public_words_read_mo (data, size, "public page");
  g_clear_pointer (&words, g_hash_table_unref);
  return 0;
}
