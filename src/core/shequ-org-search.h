/* shequ-org-search.h — searching the organisation: match states and highlighting */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a unit stands in the store's search (shequ_org_store_get_search_state()). */
typedef enum {
  SHEQU_SEARCH_NONE,      /* hidden while a search is active */
  SHEQU_SEARCH_ANCESTOR,  /* shown because a descendant matches */
  SHEQU_SEARCH_MATCH,     /* matches itself */
} ShequSearchState;

/* Where TEXT occurs in HAYSTACK, case-insensitively: byte offsets, FALSE if not. */
gboolean       shequ_org_match_range             (const char      *haystack,
                                                  const char      *text,
                                                  guint           *start,
                                                  guint           *end);

G_END_DECLS
