/* shequ-central-public-html.c — the residents' pages as HTML: the frame, the index, a unit */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-central-public"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-central-public-private.h"
#include "shequ-markup.h"

#define W(msgid) SHEQU_PUBLIC_WORD (ctx, msgid)

void
shequ_public_html_put (GString *out, const char *text)
{
  g_autofree char *escaped = shequ_html_escape (text != NULL ? text : "");

  g_string_append (out, escaped);
}

void
shequ_public_html_begin (ShequPublicContext *ctx, GString *out, const char *title)
{
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
                        "<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<title>");
  shequ_public_html_put (out, title);
  g_string_append (out, " · ");
  shequ_public_html_put (out, W (NC_("public page", "Public notice board")));
  g_string_append (out, "</title>\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n"
                        "</head>\n<body>\n<header class=\"site\"><a href=\"/\">");
  shequ_public_html_put (out, W (NC_("public page", "Public notice board")));
  g_string_append (out, "</a></header>\n<main>\n");
}

ShequPublicReply *
shequ_public_html_end (ShequPublicContext *ctx, GString *out, guint status)
{
  g_autoptr (GBytes) body = NULL;

  g_string_append (out, "</main>\n<footer class=\"site\"><p>");
  shequ_public_html_put (out, W (NC_("public page",
                                     "Published by the street and its villages and "
                                     "communities. Only published disclosures appear here.")));
  g_string_append (out, "</p></footer>\n</body>\n</html>\n");
  body = g_string_free_to_bytes (out);
  return shequ_public_reply_new (status, "text/html; charset=utf-8", body);
}

static void
put_unit_link (GString *out, const ShequCentralUnit *unit)
{
  g_autofree char *href = g_uri_escape_string (unit->code, NULL, FALSE);

  g_string_append_printf (out, "<a href=\"/u/%s\">", href);
  shequ_public_html_put (out, unit->name);
  g_string_append (out, "</a>");
}

void
shequ_public_html_crumbs (ShequPublicContext *ctx, GString *out, GPtrArray *ancestors,
                          const ShequCentralUnit *unit, gboolean link_unit)
{
  g_string_append_printf (out, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/\">",
                          W (NC_("public page", "Where you are")));
  shequ_public_html_put (out, W (NC_("public page", "All units")));
  g_string_append (out, "</a>");
  for (guint i = 0; i < ancestors->len; i++)
    {
      g_string_append (out, " › ");
      put_unit_link (out, g_ptr_array_index (ancestors, i));
    }
  if (link_unit)
    {
      g_string_append (out, " › ");
      put_unit_link (out, unit);
    }
  g_string_append (out, "</nav>\n");
}

/* "‹ previous · page x of y · next ›", keeping QUERY_TAIL ("&kind=finance" or ""). */
static void
put_pager (ShequPublicContext *ctx, GString *out, guint page, guint pages,
           const char *query_tail)
{
  if (pages <= 1)
    return;
  g_string_append (out, "<nav class=\"pager\">");
  if (page > 1)
    {
      g_string_append_printf (out, "<a rel=\"prev\" href=\"?page=%u%s\">", page - 1, query_tail);
      shequ_public_html_put (out, W (NC_("public page", "‹ Previous")));
      g_string_append (out, "</a> ");
    }
  g_string_append (out, "<span>");
  g_string_append_printf (out, W (NC_("public page", "Page %u of %u")), page, pages);
  g_string_append (out, "</span>");
  if (page < pages)
    {
      g_string_append_printf (out, " <a rel=\"next\" href=\"?page=%u%s\">", page + 1, query_tail);
      shequ_public_html_put (out, W (NC_("public page", "Next ›")));
      g_string_append (out, "</a>");
    }
  g_string_append (out, "</nav>\n");
}

static guint
n_pages (guint total, guint per_page)
{
  return MAX (1, (total + per_page - 1) / per_page);
}

/* The heading of a unit's group on the index: its ancestors' names, "A › B". */
static char *
area_heading (ShequPublicContext *ctx, const ShequCentralUnit *unit)
{
  g_autoptr (GPtrArray) chain = shequ_public_unit_ancestors (ctx->storage, unit);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < chain->len; i++)
    {
      const ShequCentralUnit *up = g_ptr_array_index (chain, i);

      if (i > 0)
        g_string_append (text, " › ");
      g_string_append (text, up->name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
put_units_head (ShequPublicContext *ctx, GString *out, const char *heading)
{
  g_string_append (out, "<section class=\"area\">\n<h2>");
  shequ_public_html_put (out, *heading != '\0' ? heading : W (NC_("public page", "Other units")));
  g_string_append_printf (out, "</h2>\n<div class=\"scroll\"><table class=\"units\">\n"
                          "<thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th>"
                          "<th>%s</th></tr></thead>\n<tbody>\n",
                          W (NC_("public page", "Unit")), W (NC_("public page", "Tier")),
                          W (NC_("public page", "Published")),
                          W (NC_("public page", "Last updated")));
}

static void
put_unit_row (ShequPublicContext *ctx, GString *out, const ShequCentralUnit *unit)
{
  g_autofree char *updated = shequ_public_format_date (unit->updated_at);

  g_string_append (out, "<tr><td>");
  put_unit_link (out, unit);
  g_string_append (out, "</td><td>");
  shequ_public_html_put (out, shequ_public_tier_label (ctx, unit->tier));
  g_string_append_printf (out, "</td><td class=\"num\">%u</td><td>", unit->n_published);
  shequ_public_html_put (out, updated);
  g_string_append (out, "</td></tr>\n");
}

/* The page's units under their parents, each parent once, in the order the units come
 * (by code: a community's grids follow it, and its sibling villages come after them). */
static void
put_groups (ShequPublicContext *ctx, GString *out, GPtrArray *units)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < units->len; i++)
    {
      ShequCentralUnit *unit = g_ptr_array_index (units, i);
      const char *parent = unit->parent_code != NULL ? unit->parent_code : "";
      GPtrArray *members = g_hash_table_lookup (groups, parent);

      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (groups, (gpointer) parent, members);
          g_ptr_array_add (order, unit);
        }
      g_ptr_array_add (members, unit);
    }
  for (guint i = 0; i < order->len; i++)
    {
      const ShequCentralUnit *first = g_ptr_array_index (order, i);
      GPtrArray *members = g_hash_table_lookup (groups, first->parent_code != NULL
                                                          ? first->parent_code : "");
      g_autofree char *heading = area_heading (ctx, first);

      put_units_head (ctx, out, heading);
      for (guint j = 0; j < members->len; j++)
        put_unit_row (ctx, out, g_ptr_array_index (members, j));
      g_string_append (out, "</tbody></table></div>\n</section>\n");
    }
}

ShequPublicReply *
shequ_public_html_index (ShequPublicContext *ctx, const ShequPublicRoute *route,
                         GError **error)
{
  GString *out;
  guint total = 0, pages;
  g_autoptr (GPtrArray) units = shequ_central_storage_list_public_units (
    ctx->storage, route->page - 1, SHEQU_PUBLIC_UNITS_PER_PAGE, &total, error);

  if (units == NULL)
    return NULL;
  pages = n_pages (total, SHEQU_PUBLIC_UNITS_PER_PAGE);
  if (route->page > pages)
    return shequ_public_html_not_found (ctx);

  out = g_string_sized_new (8192);
  shequ_public_html_begin (ctx, out, W (NC_("public page", "All units")));
  g_string_append (out, "<h1>");
  shequ_public_html_put (out, W (NC_("public page", "Disclosures by unit")));
  g_string_append (out, "</h1>\n<p class=\"meta\">");
  g_string_append_printf (out, W (NC_("public page", "%u units have published disclosures.")),
                          total);
  g_string_append (out, "</p>\n");
  if (units->len == 0)
    {
      g_string_append (out, "<p class=\"empty\">");
      shequ_public_html_put (out, W (NC_("public page", "Nothing has been published yet.")));
      g_string_append (out, "</p>\n");
    }
  put_groups (ctx, out, units);
  put_pager (ctx, out, route->page, pages, "");
  return shequ_public_html_end (ctx, out, 200);
}

/* "All (12) · Finances (3) · …": the kinds the unit has, as links. */
static void
put_kind_filter (ShequPublicContext *ctx, GString *out, const ShequCentralUnit *unit,
                 const guint *counts, guint total, int current)
{
  g_autofree char *code = g_uri_escape_string (unit->code, NULL, FALSE);

  g_string_append_printf (out, "<nav class=\"kinds\" aria-label=\"%s\">",
                          W (NC_("public page", "Kinds")));
  g_string_append_printf (out, "<a href=\"/u/%s\"%s>%s (%u)</a>", code,
                          current < 0 ? " aria-current=\"page\"" : "",
                          W (NC_("public page", "All")), total);
  for (int k = 0; k < SHEQU_DISCLOSURE_N_KINDS; k++)
    {
      if (counts[k] == 0 && current != k)
        continue;
      g_string_append_printf (out, " <a href=\"/u/%s?kind=%s\"%s>", code,
                              shequ_disclosure_kind_to_key (k),
                              current == k ? " aria-current=\"page\"" : "");
      shequ_public_html_put (out, shequ_public_kind_label_for_unit (ctx, k, unit->tier));
      g_string_append_printf (out, " (%u)</a>", counts[k]);
    }
  g_string_append (out, "</nav>\n");
}

static void
put_unit_heading (ShequPublicContext *ctx, GString *out, const ShequCentralUnit *unit,
                  guint total)
{
  g_autofree char *updated = shequ_public_format_time (unit->updated_at);

  g_string_append (out, "<h1>");
  shequ_public_html_put (out, unit->name);
  g_string_append (out, " <span class=\"tier\">");
  shequ_public_html_put (out, shequ_public_tier_label (ctx, unit->tier));
  g_string_append (out, "</span></h1>\n<p class=\"meta\">");
  g_string_append_printf (out, W (NC_("public page", "%u disclosures published")), total);
  if (*updated != '\0')
    {
      g_string_append (out, " · ");
      g_string_append_printf (out, W (NC_("public page", "last updated %s")), updated);
    }
  g_string_append (out, "</p>\n");
}

ShequPublicReply *
shequ_public_html_unit (ShequPublicContext *ctx, const ShequPublicRoute *route,
                        GError **error)
{
  g_autoptr (ShequCentralUnit) unit = NULL;
  g_autoptr (GPtrArray) docs = NULL;
  g_autoptr (GPtrArray) ancestors = NULL;
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *tail = NULL;
  guint counts[SHEQU_DISCLOSURE_N_KINDS] = { 0 };
  guint pages, first;
  GError *local = NULL;
  GString *out;

  unit = shequ_central_storage_get_unit (ctx->storage, route->arg, &local);
  if (unit == NULL)
    {
      if (local == NULL || g_error_matches (local, SHEQU_CENTRAL_ERROR,
                                            SHEQU_CENTRAL_ERROR_NOT_FOUND))
        {
          g_clear_error (&local);
          return shequ_public_html_not_found (ctx);
        }
      g_propagate_error (error, local);
      return NULL;
    }
  if ((docs = shequ_public_list_unit_documents (ctx->storage, unit->code, error)) == NULL)
    return NULL;
  for (guint i = 0; i < docs->len; i++)
    {
      ShequCentralDocument *doc = g_ptr_array_index (docs, i);

      counts[doc->doc->kind]++;
      if (route->kind_filter < 0 || (int) doc->doc->kind == route->kind_filter)
        g_ptr_array_add (shown, doc->doc);
    }
  pages = n_pages (shown->len, SHEQU_PUBLIC_DOCS_PER_PAGE);
  if (route->page > pages)
    return shequ_public_html_not_found (ctx);

  out = g_string_sized_new (16384);
  shequ_public_html_begin (ctx, out, unit->name);
  ancestors = shequ_public_unit_ancestors (ctx->storage, unit);
  shequ_public_html_crumbs (ctx, out, ancestors, unit, FALSE);
  put_unit_heading (ctx, out, unit, docs->len);
  put_kind_filter (ctx, out, unit, counts, docs->len, route->kind_filter);
  if (shown->len == 0)
    {
      g_string_append (out, "<p class=\"empty\">");
      shequ_public_html_put (out, W (NC_("public page", "Nothing published here yet.")));
      g_string_append (out, "</p>\n");
    }
  first = (route->page - 1) * SHEQU_PUBLIC_DOCS_PER_PAGE;
  for (guint i = first; i < shown->len && i < first + SHEQU_PUBLIC_DOCS_PER_PAGE; i++)
    shequ_public_html_disclosure (ctx, out, g_ptr_array_index (shown, i), unit->tier, FALSE);
  tail = route->kind_filter >= 0
           ? g_strconcat ("&amp;kind=", shequ_disclosure_kind_to_key (route->kind_filter), NULL)
           : g_strdup ("");
  put_pager (ctx, out, route->page, pages, tail);
  return shequ_public_html_end (ctx, out, 200);
}

/* A page that only says something: TITLE, TEXT, the way back home. */
static ShequPublicReply *
message_page (ShequPublicContext *ctx, const char *title, const char *text, guint status)
{
  GString *out = g_string_sized_new (2048);

  shequ_public_html_begin (ctx, out, title);
  g_string_append (out, "<h1>");
  shequ_public_html_put (out, title);
  g_string_append (out, "</h1>\n<p>");
  shequ_public_html_put (out, text);
  g_string_append (out, "</p>\n<p><a href=\"/\">");
  shequ_public_html_put (out, W (NC_("public page", "Back to all units")));
  g_string_append (out, "</a></p>\n");
  return shequ_public_html_end (ctx, out, status);
}

ShequPublicReply *
shequ_public_html_not_found (ShequPublicContext *ctx)
{
  return message_page (ctx, W (NC_("public page", "Page not found")),
                       W (NC_("public page",
                              "There is no such unit, disclosure or page here. It may "
                              "have been mistyped, or the page number is past the last.")),
                       404);
}

ShequPublicReply *
shequ_public_html_error (ShequPublicContext *ctx, guint status)
{
  return message_page (ctx, W (NC_("public page", "Temporarily unavailable")),
                       W (NC_("public page",
                              "The server cannot show this page just now. Please try "
                              "again in a minute.")),
                       status);
}
