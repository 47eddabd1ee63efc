/* shequ-central-public-json.c — the public pages' JSON twins (/public/v1/…) */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-central-public"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "shequ-central-public-private.h"

/* The same content as the HTML pages, for programs: money as integer fen
 * ("amount_fen") and as yuan text ("amount_yuan": "1234.56"), labels in Chinese beside
 * the stable keys, only published (corrected, withdrawn) versions. */

static void
add_string (JsonBuilder *b, const char *member, const char *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *member, gint64 value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_money (JsonBuilder *b, const char *prefix, ShequFen fen)
{
  g_autofree char *fen_member = g_strconcat (prefix, "_fen", NULL);
  g_autofree char *yuan_member = g_strconcat (prefix, "_yuan", NULL);
  g_autofree char *yuan = shequ_money_format (fen);

  add_int (b, fen_member, fen);
  add_string (b, yuan_member, yuan);
}

static ShequPublicReply *
finish (JsonBuilder *b, guint status)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  gsize length = 0;
  char *text;
  g_autoptr (GBytes) body = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &length);
  body = g_bytes_new_take (text, length);
  return shequ_public_reply_new (status, "application/json", body);
}

static void
add_unit (ShequPublicContext *ctx, JsonBuilder *b, const ShequCentralUnit *unit)
{
  json_builder_begin_object (b);
  add_string (b, "code", unit->code);
  add_string (b, "name", unit->name);
  add_string (b, "tier", unit->tier);
  add_string (b, "tier_label", shequ_public_tier_label (ctx, unit->tier));
  add_string (b, "parent", unit->parent_code);
  add_int (b, "published", unit->n_published);
  add_string (b, "updated_at", unit->updated_at);
  json_builder_end_object (b);
}

static void
add_paging (JsonBuilder *b, guint page, guint per_page, guint total)
{
  add_int (b, "page", page);
  add_int (b, "pages", MAX (1, (total + per_page - 1) / per_page));
  add_int (b, "per_page", per_page);
  add_int (b, "total", total);
}

ShequPublicReply *
shequ_public_json_units (ShequPublicContext *ctx, const ShequPublicRoute *route,
                         GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  guint total = 0;
  g_autoptr (GPtrArray) units = shequ_central_storage_list_public_units (
    ctx->storage, route->page - 1, SHEQU_PUBLIC_UNITS_PER_PAGE, &total, error);

  if (units == NULL)
    return NULL;
  if (route->page > 1 && (route->page - 1) * (guint64) SHEQU_PUBLIC_UNITS_PER_PAGE >= total)
    return shequ_public_json_not_found ();
  json_builder_begin_object (b);
  add_paging (b, route->page, SHEQU_PUBLIC_UNITS_PER_PAGE, total);
  json_builder_set_member_name (b, "units");
  json_builder_begin_array (b);
  for (guint i = 0; i < units->len; i++)
    add_unit (ctx, b, g_ptr_array_index (units, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return finish (b, 200);
}

static void
add_finance (ShequPublicContext *ctx, JsonBuilder *b, const ShequDisclosureVersion *v)
{
  ShequFen income = 0, expense = 0;

  json_builder_set_member_name (b, "finance");
  json_builder_begin_object (b);
  add_money (b, "opening", v->opening);
  if (shequ_finance_totals (v, &income, &expense))
    {
      add_money (b, "income", income);
      add_money (b, "expense", expense);
    }
  add_money (b, "closing", v->closing);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < v->items->len; i++)
    {
      const ShequFinanceItem *item = g_ptr_array_index (v->items, i);

      json_builder_begin_object (b);
      add_string (b, "direction", shequ_finance_direction_to_key (item->direction));
      add_string (b, "direction_label",
                  item->direction == SHEQU_FINANCE_INCOME
                    ? SHEQU_PUBLIC_WORD (ctx, NC_("public page", "Income"))
                    : SHEQU_PUBLIC_WORD (ctx, NC_("public page", "Expense")));
      add_string (b, "category", item->category);
      add_money (b, "amount", item->amount);
      add_string (b, "note", item->note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_guide (JsonBuilder *b, const ShequPolicyGuide *guide)
{
  json_builder_set_member_name (b, "guide");
  json_builder_begin_object (b);
  add_string (b, "topic", guide->topic);
  add_string (b, "eligibility", guide->eligibility);
  add_string (b, "materials", guide->materials);
  add_string (b, "steps", guide->steps);
  add_string (b, "contacts", guide->contacts);
  json_builder_end_object (b);
}

static void
add_attachments (JsonBuilder *b, const ShequDisclosureVersion *v)
{
  json_builder_set_member_name (b, "attachments");
  json_builder_begin_array (b);
  for (guint i = 0; v->attachments != NULL && i < v->attachments->len; i++)
    {
      const ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, i);
      g_autofree char *name = g_uri_escape_string (ref->name, NULL, FALSE);
      g_autofree char *url = g_strconcat ("/files/", ref->sha256, "/", name, NULL);

      json_builder_begin_object (b);
      add_string (b, "name", ref->name);
      add_string (b, "mime", ref->mime);
      add_int (b, "size", ref->size);
      add_string (b, "sha256", ref->sha256);
      add_string (b, "url", url);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_version (ShequPublicContext *ctx, JsonBuilder *b, const ShequDisclosure *d,
             const ShequDisclosureVersion *v)
{
  json_builder_begin_object (b);
  add_int (b, "version", v->version);
  add_string (b, "state", shequ_disclosure_state_to_key (v->state));
  add_string (b, "title", v->title);
  add_string (b, "approved_by", v->approved_by);
  add_string (b, "approved_at", v->approved_at);
  add_string (b, "published_at", v->published_at);
  add_string (b, "ended_at", v->ended_at);
  if (v->state == SHEQU_DISCLOSURE_STATE_WITHDRAWN)
    add_string (b, "reason", v->reason);
  else
    {
      add_string (b, "body", v->body);
      if (d->kind == SHEQU_DISCLOSURE_KIND_FINANCE)
        add_finance (ctx, b, v);
      if (d->kind == SHEQU_DISCLOSURE_KIND_POLICY && v->guide != NULL)
        add_guide (b, v->guide);
      add_attachments (b, v);
    }
  json_builder_end_object (b);
}

/* A disclosure: what residents see first ("current") and, when FULL, every public
 * version ("versions", newest first). */
static void
add_disclosure (ShequPublicContext *ctx, JsonBuilder *b, const ShequDisclosure *d,
                gboolean full)
{
  const ShequDisclosureVersion *shown = shequ_public_get_shown (d);
  g_autofree char *period = shequ_public_period_label (ctx, d->period);
  g_autofree char *url = g_strconcat ("/d/", d->uuid, NULL);

  json_builder_begin_object (b);
  add_string (b, "uuid", d->uuid);
  add_string (b, "unit", d->unit_code);
  add_string (b, "kind", shequ_disclosure_kind_to_key (d->kind));
  add_string (b, "kind_label", shequ_public_kind_label (ctx, d->kind));
  add_string (b, "period", d->period);
  add_string (b, "period_label", period);
  add_string (b, "url", url);
  json_builder_set_member_name (b, "current");
  add_version (ctx, b, d, shown);
  if (full)
    {
      json_builder_set_member_name (b, "versions");
      json_builder_begin_array (b);
      for (guint i = d->versions->len; i > 0; i--)
        {
          const ShequDisclosureVersion *v = g_ptr_array_index (d->versions, i - 1);

          if (shequ_public_version_is_public (v))
            add_version (ctx, b, d, v);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static gboolean
not_found_or_fail (GError *local, GError **error)
{
  if (local == NULL || g_error_matches (local, SHEQU_CENTRAL_ERROR,
                                        SHEQU_CENTRAL_ERROR_NOT_FOUND))
    {
      g_clear_error (&local);
      return TRUE;
    }
  g_propagate_error (error, local);
  return FALSE;
}

ShequPublicReply *
shequ_public_json_unit (ShequPublicContext *ctx, const ShequPublicRoute *route,
                        GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (ShequCentralUnit) unit = NULL;
  g_autoptr (GPtrArray) docs = NULL;
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  GError *local = NULL;
  guint first;

  if ((unit = shequ_central_storage_get_unit (ctx->storage, route->arg, &local)) == NULL)
    return not_found_or_fail (local, error) ? shequ_public_json_not_found () : NULL;
  if ((docs = shequ_public_list_unit_documents (ctx->storage, unit->code, error)) == NULL)
    return NULL;
  for (guint i = 0; i < docs->len; i++)
    {
      ShequCentralDocument *doc = g_ptr_array_index (docs, i);

      if (route->kind_filter < 0 || (int) doc->doc->kind == route->kind_filter)
        g_ptr_array_add (shown, doc->doc);
    }
  first = (route->page - 1) * SHEQU_PUBLIC_DOCS_PER_PAGE;
  if (route->page > 1 && first >= shown->len)
    return shequ_public_json_not_found ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "unit");
  add_unit (ctx, b, unit);
  add_string (b, "kind", route->kind_filter >= 0
                           ? shequ_disclosure_kind_to_key (route->kind_filter) : NULL);
  add_paging (b, route->page, SHEQU_PUBLIC_DOCS_PER_PAGE, shown->len);
  json_builder_set_member_name (b, "disclosures");
  json_builder_begin_array (b);
  for (guint i = first; i < shown->len && i < first + SHEQU_PUBLIC_DOCS_PER_PAGE; i++)
    add_disclosure (ctx, b, g_ptr_array_index (shown, i), FALSE);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return finish (b, 200);
}

ShequPublicReply *
shequ_public_json_document (ShequPublicContext *ctx, const ShequPublicRoute *route,
                            GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (ShequCentralDocument) doc = NULL;
  GError *local = NULL;

  if ((doc = shequ_central_storage_get_document (ctx->storage, route->arg, &local)) == NULL)
    return not_found_or_fail (local, error) ? shequ_public_json_not_found () : NULL;
  if (doc->doc == NULL || doc->doc->kind >= SHEQU_DISCLOSURE_N_KINDS
      || shequ_public_get_shown (doc->doc) == NULL)
    return shequ_public_json_not_found ();
  add_disclosure (ctx, b, doc->doc, TRUE);
  return finish (b, 200);
}

ShequPublicReply *
shequ_public_json_not_found (void)
{
  g_autoptr (GBytes) body = g_bytes_new_static ("{\"error\":\"not found\"}", 21);

  return shequ_public_reply_new (404, "application/json", body);
}
