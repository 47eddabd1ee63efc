/* shequ-central-public-html-doc.c — one disclosure as HTML: text, finance table, guide, files */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-central-public"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-central-public-private.h"
#include "shequ-markup.h"

#define W(msgid) SHEQU_PUBLIC_WORD (ctx, msgid)

char *
shequ_public_format_size (gint64 bytes)
{
  char num[G_ASCII_DTOSTR_BUF_SIZE];

  if (bytes < 1024)
    return g_strdup_printf ("%" G_GINT64_FORMAT " B", bytes);
  if (bytes < 1024 * 1024)
    return g_strdup_printf ("%s KB", g_ascii_formatd (num, sizeof num, "%.1f", bytes / 1024.0));
  return g_strdup_printf ("%s MB", g_ascii_formatd (num, sizeof num, "%.1f",
                                                    bytes / (1024.0 * 1024.0)));
}

static void
put_markup (GString *out, const char *text)
{
  g_autofree char *html = shequ_markup_render_html (text != NULL ? text : "");

  g_string_append (out, html);
}

static void
put_money (GString *out, ShequFen fen)
{
  g_autofree char *text = shequ_money_format_grouped (fen);

  shequ_public_html_put (out, text);
}

static void
put_total_row (GString *out, const char *label, gboolean ok, ShequFen fen)
{
  g_string_append (out, "<tr><th scope=\"row\" colspan=\"2\">");
  shequ_public_html_put (out, label);
  g_string_append (out, "</th><td class=\"num\">");
  if (ok)
    put_money (out, fen);
  else
    g_string_append (out, "—");
  g_string_append (out, "</td><td></td></tr>\n");
}

static void
put_finance (ShequPublicContext *ctx, GString *out, const ShequDisclosureVersion *v)
{
  ShequFen income = 0, expense = 0;
  gboolean ok = shequ_finance_totals (v, &income, &expense);

  g_string_append_printf (out, "<div class=\"scroll\"><table class=\"finance\">\n"
                          "<caption>%s</caption>\n<thead><tr><th>%s</th><th>%s</th>"
                          "<th class=\"num\">%s</th><th>%s</th></tr></thead>\n<tbody>\n",
                          W (NC_("public page", "Income and expenditure")),
                          W (NC_("public page", "Income or expense")),
                          W (NC_("public page", "Category")),
                          W (NC_("public page", "Amount (yuan)")),
                          W (NC_("public page", "Note")));
  for (guint i = 0; i < v->items->len; i++)
    {
      const ShequFinanceItem *item = g_ptr_array_index (v->items, i);
      gboolean in = item->direction == SHEQU_FINANCE_INCOME;

      g_string_append_printf (out, "<tr class=\"%s\"><td>%s</td><td>", in ? "in" : "out",
                              in ? W (NC_("public page", "Income"))
                                 : W (NC_("public page", "Expense")));
      shequ_public_html_put (out, item->category);
      g_string_append (out, "</td><td class=\"num\">");
      put_money (out, item->amount);
      g_string_append (out, "</td><td>");
      shequ_public_html_put (out, item->note);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody>\n<tfoot>\n");
  put_total_row (out, W (NC_("public page", "Opening balance")), TRUE, v->opening);
  put_total_row (out, W (NC_("public page", "Total income")), ok, income);
  put_total_row (out, W (NC_("public page", "Total expenditure")), ok, expense);
  put_total_row (out, W (NC_("public page", "Closing balance")), TRUE, v->closing);
  g_string_append (out, "</tfoot></table></div>\n");
}

static void
put_guide_part (GString *out, const char *label, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_string_append (out, "<dt>");
  shequ_public_html_put (out, label);
  g_string_append (out, "</dt><dd>");
  put_markup (out, text);
  g_string_append (out, "</dd>\n");
}

static void
put_guide (ShequPublicContext *ctx, GString *out, const ShequPolicyGuide *guide)
{
  g_string_append (out, "<dl class=\"guide\">\n");
  put_guide_part (out, W (NC_("public page", "Matter")), guide->topic);
  put_guide_part (out, W (NC_("public page", "Who qualifies")), guide->eligibility);
  put_guide_part (out, W (NC_("public page", "Materials")), guide->materials);
  put_guide_part (out, W (NC_("public page", "Steps")), guide->steps);
  put_guide_part (out, W (NC_("public page", "Contacts")), guide->contacts);
  g_string_append (out, "</dl>\n");
}

static void
put_attachments (ShequPublicContext *ctx, GString *out, const ShequDisclosureVersion *v)
{
  if (v->attachments == NULL || v->attachments->len == 0)
    return;
  g_string_append (out, "<h3>");
  shequ_public_html_put (out, W (NC_("public page", "Attachments")));
  g_string_append (out, "</h3>\n<ul class=\"files\">\n");
  for (guint i = 0; i < v->attachments->len; i++)
    {
      const ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, i);
      g_autofree char *name = g_uri_escape_string (ref->name, NULL, FALSE);
      g_autofree char *size = shequ_public_format_size (ref->size);

      g_string_append (out, "<li><a href=\"/files/");
      shequ_public_html_put (out, ref->sha256);
      g_string_append_c (out, '/');
      shequ_public_html_put (out, name);
      g_string_append (out, "\">");
      shequ_public_html_put (out, ref->name);
      g_string_append (out, "</a> <span class=\"size\">");
      shequ_public_html_put (out, size);
      g_string_append (out, "</span></li>\n");
    }
  g_string_append (out, "</ul>\n");
}

/* A version's content: body, table or guide, attachments. */
static void
put_content (ShequPublicContext *ctx, GString *out, const ShequDisclosure *d,
             const ShequDisclosureVersion *v)
{
  g_string_append (out, "<div class=\"body\">");
  put_markup (out, v->body);
  g_string_append (out, "</div>\n");
  if (d->kind == SHEQU_DISCLOSURE_KIND_FINANCE)
    put_finance (ctx, out, v);
  if (d->kind == SHEQU_DISCLOSURE_KIND_POLICY && v->guide != NULL)
    put_guide (ctx, out, v->guide);
  put_attachments (ctx, out, v);
}

/* Whether an earlier version of D was corrected by a later one. */
static gboolean
was_corrected (const ShequDisclosure *d)
{
  for (guint i = 0; i < d->versions->len; i++)
    if (((ShequDisclosureVersion *) g_ptr_array_index (d->versions, i))->state
        == SHEQU_DISCLOSURE_STATE_CORRECTED)
      return TRUE;
  return FALSE;
}

static void
put_meta (ShequPublicContext *ctx, GString *out, const ShequDisclosure *d,
          const ShequDisclosureVersion *v, const char *tier)
{
  g_autofree char *period = shequ_public_period_label (ctx, d->period);
  g_autofree char *published = shequ_public_format_time (v->published_at);

  g_string_append (out, "<p class=\"meta\"><span class=\"kind\">");
  shequ_public_html_put (out, shequ_public_kind_label_for_unit (ctx, d->kind, tier));
  g_string_append (out, "</span> · ");
  shequ_public_html_put (out, period);
  g_string_append (out, " · ");
  g_string_append_printf (out, W (NC_("public page", "published %s")), published);
  if (v->state == SHEQU_DISCLOSURE_STATE_PUBLISHED && was_corrected (d))
    {
      g_string_append (out, " <span class=\"badge corrected\">");
      shequ_public_html_put (out, W (NC_("public page", "Corrected")));
      g_string_append (out, "</span> ");
      g_string_append_printf (out, W (NC_("public page", "on %s, now version %u")), published,
                              v->version);
    }
  g_string_append (out, "</p>\n");
}

static void
put_withdrawn (ShequPublicContext *ctx, GString *out, const ShequDisclosureVersion *v)
{
  g_autofree char *when = shequ_public_format_time (v->ended_at);
  g_autofree char *reason = shequ_html_escape (v->reason != NULL ? v->reason : "");

  g_string_append (out, "<p class=\"withdrawn\"><span class=\"badge withdrawn\">");
  shequ_public_html_put (out, W (NC_("public page", "Withdrawn")));
  g_string_append (out, "</span> ");
  shequ_public_html_put (out, when);
  g_string_append (out, "<br>");
  g_string_append_printf (out, W (NC_("public page", "Reason: %s")), reason);
  g_string_append (out, "</p>\n");
}

static const char *
state_label (ShequPublicContext *ctx, ShequDisclosureState state)
{
  if (state == SHEQU_DISCLOSURE_STATE_CORRECTED)
    return W (NC_("public page", "Corrected"));
  if (state == SHEQU_DISCLOSURE_STATE_WITHDRAWN)
    return W (NC_("public page", "Withdrawn"));
  return W (NC_("public page", "Published"));
}

/* "Version 2 · Published · published … · approved by … on …" */
static void
put_version_line (ShequPublicContext *ctx, GString *out, const ShequDisclosureVersion *v)
{
  g_autofree char *published = shequ_public_format_time (v->published_at);
  g_autofree char *approved = shequ_public_format_time (v->approved_at);

  g_string_append_printf (out, W (NC_("public page", "Version %u")), v->version);
  g_string_append (out, " · ");
  shequ_public_html_put (out, state_label (ctx, v->state));
  g_string_append (out, " · ");
  g_string_append_printf (out, W (NC_("public page", "published %s")), published);
  if (v->approved_by != NULL)
    {
      g_autofree char *who = shequ_html_escape (v->approved_by);

      g_string_append (out, " · ");
      g_string_append_printf (out, W (NC_("public page", "approved by %s on %s")), who,
                              approved);
    }
}

/* Every public version, newest first: who approved it, when it was published and, for
 * the earlier ones, what they said (folded). */
static void
put_history (ShequPublicContext *ctx, GString *out, const ShequDisclosure *d,
             const ShequDisclosureVersion *shown)
{
  g_string_append (out, "<section class=\"history\">\n<h2>");
  shequ_public_html_put (out, W (NC_("public page", "Version history")));
  g_string_append (out, "</h2>\n<ul>\n");
  for (guint i = d->versions->len; i > 0; i--)
    {
      const ShequDisclosureVersion *v = g_ptr_array_index (d->versions, i - 1);
      /* What an earlier version said stays readable, folded. */
      gboolean folded = v != shown && v->state == SHEQU_DISCLOSURE_STATE_CORRECTED;

      if (!shequ_public_version_is_public (v))
        continue;
      g_string_append (out, folded ? "<li><details><summary>" : "<li class=\"plain\">");
      put_version_line (ctx, out, v);
      if (folded)
        {
          g_string_append (out, "</summary>\n<h3>");
          shequ_public_html_put (out, v->title);
          g_string_append (out, "</h3>\n");
          put_content (ctx, out, d, v);
          g_string_append (out, "</details>");
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul>\n</section>\n");
}

void
shequ_public_html_disclosure (ShequPublicContext *ctx, GString *out, const ShequDisclosure *d,
                              const char *tier, gboolean full)
{
  const ShequDisclosureVersion *v = shequ_public_get_shown (d);
  g_autofree char *uuid = g_uri_escape_string (d->uuid, NULL, FALSE);

  g_return_if_fail (v != NULL);

  g_string_append_printf (out, "<article class=\"disclosure %s\" id=\"d-%s\">\n",
                          shequ_disclosure_kind_to_key (d->kind), uuid);
  if (full)
    g_string_append (out, "<h1>");
  else
    g_string_append_printf (out, "<h2><a href=\"/d/%s\">", uuid);
  shequ_public_html_put (out, v->title);
  g_string_append (out, full ? "</h1>\n" : "</a></h2>\n");
  put_meta (ctx, out, d, v, tier);
  if (v->state == SHEQU_DISCLOSURE_STATE_WITHDRAWN)
    put_withdrawn (ctx, out, v);
  else
    put_content (ctx, out, d, v);
  if (full)
    put_history (ctx, out, d, v);
  g_string_append (out, "</article>\n");
}

ShequPublicReply *
shequ_public_html_document (ShequPublicContext *ctx, const ShequPublicRoute *route,
                            GError **error)
{
  g_autoptr (ShequCentralDocument) doc = NULL;
  g_autoptr (ShequCentralUnit) unit = NULL;
  const ShequDisclosureVersion *shown;
  GError *local = NULL;
  GString *out;

  doc = shequ_central_storage_get_document (ctx->storage, route->arg, &local);
  if (doc == NULL && local != NULL
      && !g_error_matches (local, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local);
      return NULL;
    }
  g_clear_error (&local);
  /* A document never published is not there for residents, whatever else it is. */
  if (doc == NULL || doc->doc == NULL || doc->doc->kind >= SHEQU_DISCLOSURE_N_KINDS
      || (shown = shequ_public_get_shown (doc->doc)) == NULL)
    return shequ_public_html_not_found (ctx);

  out = g_string_sized_new (16384);
  shequ_public_html_begin (ctx, out, shown->title);
  unit = shequ_central_storage_get_unit (ctx->storage, doc->doc->unit_code, NULL);
  if (unit != NULL)
    {
      g_autoptr (GPtrArray) ancestors = shequ_public_unit_ancestors (ctx->storage, unit);

      shequ_public_html_crumbs (ctx, out, ancestors, unit, TRUE);
    }
  shequ_public_html_disclosure (ctx, out, doc->doc, unit != NULL ? unit->tier : NULL, TRUE);
  return shequ_public_html_end (ctx, out, 200);
}
