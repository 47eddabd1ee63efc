/* shequ-central-public-route.c — what a public request names: path and query, checked */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-central-public"

#include "config.h"

#include <string.h>

#include "shequ-central-public-private.h"

/* A unit code: digits only (CJ/T 349 codes are 6 to 15; room for more). */
static gboolean
is_unit_code (const char *s, gsize len)
{
  if (len == 0 || len > 32)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_uuid (const char *s, gsize len)
{
  if (len != 36)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (s[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (s[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_sha256 (const char *s, gsize len)
{
  if (len != 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* The segment after PREFIX when PATH is PREFIX + one segment (no further '/'). */
static const char *
one_segment_after (const char *path, const char *prefix, gsize *len)
{
  gsize n = strlen (prefix);

  if (strncmp (path, prefix, n) != 0)
    return NULL;
  path += n;
  if (strchr (path, '/') != NULL)
    return NULL;
  *len = strlen (path);
  return path;
}

static void
set_arg (ShequPublicRoute *route, ShequPublicRouteKind kind, const char *arg, gsize len)
{
  route->kind = kind;
  route->arg = g_ascii_strdown (arg, len);
}

static void
parse_file (const char *rest, ShequPublicRoute *route)
{
  const char *slash = strchr (rest, '/');
  g_autofree char *name = NULL;

  if (slash == NULL || !is_sha256 (rest, slash - rest) || strchr (slash + 1, '/') != NULL)
    return;
  /* A name with an encoded '/' or NUL, or not UTF-8, is no file's name. */
  name = g_uri_unescape_string (slash + 1, "/");
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return;
  set_arg (route, SHEQU_PUBLIC_ROUTE_FILE, rest, slash - rest);
  route->name = g_steal_pointer (&name);
}

static void
parse_path (const char *path, ShequPublicRoute *route)
{
  const char *seg;
  gsize len = 0;

  if (strcmp (path, "/") == 0)
    route->kind = SHEQU_PUBLIC_ROUTE_INDEX;
  else if (strcmp (path, "/static/site.css") == 0)
    route->kind = SHEQU_PUBLIC_ROUTE_STYLESHEET;
  else if (strcmp (path, "/public/v1/units") == 0)
    route->kind = SHEQU_PUBLIC_ROUTE_JSON_UNITS;
  else if ((seg = one_segment_after (path, "/u/", &len)) != NULL && is_unit_code (seg, len))
    set_arg (route, SHEQU_PUBLIC_ROUTE_UNIT, seg, len);
  else if ((seg = one_segment_after (path, "/d/", &len)) != NULL && is_uuid (seg, len))
    set_arg (route, SHEQU_PUBLIC_ROUTE_DOCUMENT, seg, len);
  else if ((seg = one_segment_after (path, "/public/v1/units/", &len)) != NULL
           && is_unit_code (seg, len))
    set_arg (route, SHEQU_PUBLIC_ROUTE_JSON_UNIT, seg, len);
  else if ((seg = one_segment_after (path, "/public/v1/disclosures/", &len)) != NULL
           && is_uuid (seg, len))
    set_arg (route, SHEQU_PUBLIC_ROUTE_JSON_DOCUMENT, seg, len);
  else if (g_str_has_prefix (path, "/files/"))
    parse_file (path + strlen ("/files/"), route);
}

static gboolean
parse_page (const char *value, guint *page)
{
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (value, 10, 1, SHEQU_PUBLIC_PAGE_MAX, &n, NULL))
    return FALSE;
  *page = (guint) n;
  return TRUE;
}

static gboolean
parse_kind (const char *value, int *kind_filter)
{
  for (int k = 0; k < SHEQU_DISCLOSURE_N_KINDS; k++)
    if (strcmp (value, shequ_disclosure_kind_to_key (k)) == 0)
      {
        *kind_filter = k;
        return TRUE;
      }
  /* "?kind=" (the form's "all") means every kind. */
  if (*value == '\0' || strcmp (value, "all") == 0)
    {
      *kind_filter = -1;
      return TRUE;
    }
  return FALSE;
}

/* page=N and kind=KEY; other parameters are ignored (links shared with a tracker's
 * tail still work), a bad value of these two is not found. */
static gboolean
parse_query (const char *query, ShequPublicRoute *route)
{
  g_auto (GStrv) pairs = g_strsplit (query, "&", 64);
  gboolean takes_kind = route->kind == SHEQU_PUBLIC_ROUTE_UNIT
                        || route->kind == SHEQU_PUBLIC_ROUTE_JSON_UNIT;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *value = NULL;
      gboolean ok = TRUE;

      if (eq == NULL)
        continue;
      *eq = '\0';
      value = g_uri_unescape_string (eq + 1, NULL);
      if (strcmp (pairs[i], "page") == 0)
        ok = value != NULL && parse_page (value, &route->page);
      else if (strcmp (pairs[i], "kind") == 0 && takes_kind)
        ok = value != NULL && parse_kind (value, &route->kind_filter);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

void
shequ_public_route_parse (const char *path, const char *query, ShequPublicRoute *route)
{
  g_return_if_fail (route != NULL);

  memset (route, 0, sizeof *route);
  route->kind = SHEQU_PUBLIC_ROUTE_NOT_FOUND;
  route->page = 1;
  route->kind_filter = -1;
  if (path == NULL || !g_utf8_validate (path, -1, NULL))
    return;
  route->json = g_str_has_prefix (path, "/public/");
  parse_path (path, route);
  if (route->kind != SHEQU_PUBLIC_ROUTE_NOT_FOUND && query != NULL
      && !parse_query (query, route))
    {
      shequ_public_route_clear (route);
      route->kind = SHEQU_PUBLIC_ROUTE_NOT_FOUND;
    }
}

void
shequ_public_route_clear (ShequPublicRoute *route)
{
  g_clear_pointer (&route->arg, g_free);
  g_clear_pointer (&route->name, g_free);
}

char *
shequ_public_route_key (const ShequPublicRoute *route)
{
  /* A file's reply is its hash's whatever name the link gave (the name it is served
   * under is the document's): one entry, not one copy of the bytes per name asked. */
  return g_strdup_printf ("%d/%d/%s/%u/%d", route->kind, route->json,
                          route->arg != NULL ? route->arg : "", route->page,
                          route->kind_filter);
}
