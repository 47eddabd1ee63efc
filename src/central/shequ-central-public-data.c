/* shequ-central-public-data.c — what the public pages show of the storage, and its labels */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "shequ-central-public"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-central-public-private.h"
#include "shequ-central-resources.h"
#include "shequ-disclosure-kind-label.h"

#define W(msgid) SHEQU_PUBLIC_WORD (ctx, msgid)

gboolean
shequ_public_version_is_public (const ShequDisclosureVersion *v)
{
  return v->state == SHEQU_DISCLOSURE_STATE_PUBLISHED
         || v->state == SHEQU_DISCLOSURE_STATE_CORRECTED
         || v->state == SHEQU_DISCLOSURE_STATE_WITHDRAWN;
}

const ShequDisclosureVersion *
shequ_public_get_shown (const ShequDisclosure *d)
{
  /* A correction being drafted leaves the published version in front of residents. */
  for (guint i = d->versions->len; i > 0; i--)
    {
      const ShequDisclosureVersion *v = g_ptr_array_index (d->versions, i - 1);

      if (v->state == SHEQU_DISCLOSURE_STATE_PUBLISHED
          || v->state == SHEQU_DISCLOSURE_STATE_WITHDRAWN)
        return v;
    }
  return NULL;
}

/* The storage's pages are read whole: the unit page filters by kind and counts each
 * kind, which the storage's list does not do; the result is cached. */
#define STORAGE_PAGE 500

GPtrArray *
shequ_public_list_unit_documents (ShequCentralStorage *storage, const char *code,
                                  GError **error)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (
    (GDestroyNotify) shequ_central_document_free);

  for (guint page = 0;; page++)
    {
      guint total = 0;
      g_autoptr (GPtrArray) part = shequ_central_storage_list_public_documents (
        storage, code, page, STORAGE_PAGE, &total, error);

      if (part == NULL)
        return NULL;
      for (guint i = 0; i < part->len; i++)
        {
          ShequCentralDocument *doc = g_ptr_array_steal_index (part, i--);

          /* Drafts never show, whatever the storage gives; nor a kind it should not have. */
          if (doc->doc != NULL && doc->doc->kind < SHEQU_DISCLOSURE_N_KINDS
              && shequ_public_get_shown (doc->doc) != NULL)
            g_ptr_array_add (all, doc);
          else
            shequ_central_document_free (doc);
        }
      if ((page + 1) * (guint64) STORAGE_PAGE >= total || part->len == 0)
        break;
    }
  return g_steal_pointer (&all);
}

GPtrArray *
shequ_public_unit_ancestors (ShequCentralStorage *storage, const ShequCentralUnit *unit)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_central_unit_free);
  g_autofree char *parent = g_strdup (unit->parent_code);

  /* The tree is at most a handful deep; the bound guards against a loop in the data. */
  while (parent != NULL && chain->len < 16)
    {
      ShequCentralUnit *up = shequ_central_storage_get_unit (storage, parent, NULL);

      g_clear_pointer (&parent, g_free);
      if (up == NULL)
        break;
      g_ptr_array_insert (chain, 0, up);
      parent = g_strdup (up->parent_code);
    }
  return chain;
}

static char *
format_beijing (const char *iso, const char *format)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);
  g_autoptr (GDateTime) dt = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (iso == NULL || (dt = g_date_time_new_from_iso8601 (iso, utc)) == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_timezone (dt, beijing);
  return g_date_time_format (local, format);
}

char *
shequ_public_format_time (const char *iso)
{
  return format_beijing (iso, "%Y-%m-%d %H:%M");
}

char *
shequ_public_format_date (const char *iso)
{
  return format_beijing (iso, "%Y-%m-%d");
}

char *
shequ_public_period_label (ShequPublicContext *ctx, const char *key)
{
  g_autofree char *year = NULL;
  guint64 n = 0;

  if (key == NULL || strlen (key) < 4)
    return g_strdup (key != NULL ? key : "");
  year = g_strndup (key, 4);
  if (key[4] == '\0')
    return g_strdup_printf (W (NC_("public page", "Year %s")), year);
  if (key[4] == '-' && key[5] == 'Q' && key[6] >= '1' && key[6] <= '4' && key[7] == '\0')
    switch (key[6])
      {
      case '1':
        return g_strdup_printf (W (NC_("public page", "%s, first quarter")), year);
      case '2':
        return g_strdup_printf (W (NC_("public page", "%s, second quarter")), year);
      case '3':
        return g_strdup_printf (W (NC_("public page", "%s, third quarter")), year);
      default:
        return g_strdup_printf (W (NC_("public page", "%s, fourth quarter")), year);
      }
  if (key[4] == '-' && g_ascii_string_to_unsigned (key + 5, 10, 1, 12, &n, NULL))
    return g_strdup_printf (W (NC_("public page", "%s, month %u")), year,
                            (guint) n);
  return g_strdup (key);
}

const char *
shequ_public_kind_label (ShequPublicContext *ctx, ShequDisclosureKind kind)
{
  static const char *const labels[SHEQU_DISCLOSURE_N_KINDS] = {
    [SHEQU_DISCLOSURE_KIND_VILLAGE] = NC_("public page", "Village affairs"),
    [SHEQU_DISCLOSURE_KIND_FINANCE] = NC_("public page", "Finances"),
    [SHEQU_DISCLOSURE_KIND_PARTY] = NC_("public page", "Party affairs"),
    [SHEQU_DISCLOSURE_KIND_GOVERNMENT] = NC_("public page", "Government affairs"),
    [SHEQU_DISCLOSURE_KIND_NEWS] = NC_("public page", "Work news"),
    [SHEQU_DISCLOSURE_KIND_POLICY] = NC_("public page", "Policy guide"),
  };

  g_return_val_if_fail (kind < SHEQU_DISCLOSURE_N_KINDS, "");
  return shequ_public_words_get (ctx->words, labels[kind]);
}

const char *
shequ_public_kind_label_for_unit (ShequPublicContext *ctx, ShequDisclosureKind kind,
                                  const char *tier)
{
  ShequTier t;

  if (kind != SHEQU_DISCLOSURE_KIND_VILLAGE || tier == NULL || !shequ_tier_from_string (tier, &t))
    return shequ_public_kind_label (ctx, kind);
  if (shequ_disclosure_kind_has_community_name (kind, t))
    return W (NC_("public page", "Community affairs"));
  if (t == SHEQU_TIER_VILLAGE)
    /* Translators: 村务公开, a village's own; "Village affairs" is 村（居）务公开 */
    return W (NC_("public page", "Village affairs (village)"));
  return shequ_public_kind_label (ctx, kind);
}

const char *
shequ_public_tier_label (ShequPublicContext *ctx, const char *tier)
{
  static const struct { const char *key; const char *label; } tiers[] = {
    { "street", NC_("public page", "Street") },
    { "area", NC_("public page", "Area") },
    { "community", NC_("public page", "Community") },
    { "village", NC_("public page", "Village") },
    { "grid", NC_("public page", "Grid") },
  };

  for (guint i = 0; tier != NULL && i < G_N_ELEMENTS (tiers); i++)
    if (strcmp (tier, tiers[i].key) == 0)
      return shequ_public_words_get (ctx->words, tiers[i].label);
  return "";
}

GBytes *
shequ_public_get_stylesheet (void)
{
  GBytes *css = g_resource_lookup_data (shequ_central_get_resource (),
                                        "/org/shequ/Central/site.css",
                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (css != NULL);
  return css;
}
