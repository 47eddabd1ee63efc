/* shequ-disclosure-sample-plan.c — what the sample disclosures' data files make, before any write */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-sample"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-disclosure-sample-private.h"
#include "shequ-io.h"

guint64
ds_draw (guint64     bound,
         const char *first,
         ...)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  guint64 value = 0;
  va_list args;

  g_return_val_if_fail (bound > 0, 0);

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    {
      g_checksum_update (sum, (const guchar *) part, -1);
      g_checksum_update (sum, (const guchar *) "\x1f", 1);
    }
  va_end (args);
  g_checksum_get_digest (sum, digest, &len);
  for (guint i = 0; i < 8; i++)
    value = (value << 8) | digest[i];
  return value % bound;
}

/* 1…4 for a quarter key "2026-Q3", else 0. */
static guint
period_quarter (const char *period)
{
  const char *q = period != NULL ? strstr (period, "-Q") : NULL;

  return q != NULL && q[2] >= '1' && q[2] <= '4' && q[3] == '\0' ? (guint) (q[2] - '0') : 0;
}

void
ds_finance_lines (const DsData *data,
                  ShequTier     tier,
                  const char   *unit_code,
                  const char   *period,
                  GPtrArray    *items)
{
  guint quarter = period_quarter (period);
  guint tiers = tier == SHEQU_TIER_VILLAGE ? DS_TIER_VILLAGE : DS_TIER_COMMUNITY;

  g_return_if_fail (quarter > 0);

  for (guint i = 0; i < data->categories->len; i++)
    {
      const DsCategory *c = g_ptr_array_index (data->categories, i);
      ShequFen amount;

      if (!(c->tiers & tiers) || !(c->quarters & (1u << (quarter - 1))))
        continue;
      amount = c->low + (ShequFen) ds_draw ((guint64) (c->high - c->low) + 1, unit_code, period,
                                            c->category, NULL);
      g_ptr_array_add (items, shequ_finance_item_new (c->direction, c->category, amount,
                                                      c->note));
    }
}

/* "2026年第三季度", "2026年10月", "2026年": the data's words for a period key. */
static char *
period_words (const char *period)
{
  static const char *const numerals[] = { "一", "二", "三", "四" };
  guint quarter = period_quarter (period);
  const char *dash = strchr (period, '-');

  if (quarter > 0)
    return g_strdup_printf ("%.*s年第%s季度", (int) (dash - period), period, numerals[quarter - 1]);
  if (dash != NULL)
    return g_strdup_printf ("%.*s年%d月", (int) (dash - period), period, atoi (dash + 1));
  return g_strdup_printf ("%s年", period);
}

char *
ds_expand (const char *template_text,
           ShequUnit  *unit,
           const char *period,
           const char *reason)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *words = period != NULL ? period_words (period) : NULL;
  const char *committee = shequ_unit_get_tier (unit) == SHEQU_TIER_COMMUNITY
                          ? "居务监督委员会" : "村务监督委员会";
  const struct { const char *name; const char *value; } fields[] = {
    { "{unit}", shequ_unit_get_name (unit) }, { "{committee}", committee },
    { "{period}", words }, { "{reason}", reason },
  };

  for (const char *p = template_text; *p != '\0';)
    {
      guint f;

      for (f = 0; f < G_N_ELEMENTS (fields); f++)
        if (fields[f].value != NULL && g_str_has_prefix (p, fields[f].name))
          break;
      if (f < G_N_ELEMENTS (fields))
        {
          g_string_append (out, fields[f].value);
          p += strlen (fields[f].name);
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- The plan --------------------------------------------------------------------- */

static void
ds_planned_free (DsPlanned *p)
{
  g_free (p->unit_code);
  g_free (p->period);
  g_clear_pointer (&p->content, shequ_disclosure_version_free);
  g_clear_pointer (&p->correction, shequ_disclosure_version_free);
  g_free (p->drafter);
  g_free (p->approver);
  g_free (p->reason);
  g_free (p);
}

/* Who drafts UNIT's disclosures: its director (村委会主任 / 居委会主任), else its
 * secretary; the street's: the data's drafter of the kind. */
static char *
find_drafter (const DsData        *data,
              ShequOrgStore       *org,
              ShequUnit           *unit,
              ShequDisclosureKind  kind)
{
  static const ShequRole roles[] = { SHEQU_ROLE_DIRECTOR, SHEQU_ROLE_SECRETARY };
  GListModel *posts;

  if (!(shequ_unit_get_tier (unit) == SHEQU_TIER_VILLAGE ||
        shequ_unit_get_tier (unit) == SHEQU_TIER_COMMUNITY))
    return g_strdup (data->drafters[kind]);
  posts = shequ_org_store_get_unit_posts (org, unit);
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
      {
        g_autoptr(ShequPost) post = g_list_model_get_item (posts, i);

        if (shequ_post_get_role (post) == roles[r])
          return g_strdup (shequ_person_get_name (shequ_post_get_person (post)));
      }
  return g_strdup (data->drafters[kind]);
}

static DsPlanned *
planned_new (const DsData        *data,
             ShequOrgStore       *org,
             ShequUnit           *unit,
             ShequDisclosureKind  kind,
             const char          *period,
             DsStep               step,
             const char          *reason)
{
  DsPlanned *p = g_new0 (DsPlanned, 1);

  p->unit_id = shequ_unit_get_id (unit);
  p->unit_code = g_strdup (shequ_unit_get_code (unit));
  p->kind = kind;
  p->period = g_strdup (period);
  p->step = step;
  p->drafter = find_drafter (data, org, unit, kind);
  p->approver = g_strdup (data->approvers[kind]);
  p->reason = ds_step_needs_reason (step) ? g_strdup (reason) : NULL;
  return p;
}

/* Version 2 of a corrected disclosure: FIXED (the right content) with the correction's
 * words after its body. */
static ShequDisclosureVersion *
make_correction (const DsData                 *data,
                 ShequUnit                    *unit,
                 const DsPlanned              *p,
                 const ShequDisclosureVersion *fixed)
{
  ShequDisclosureVersion *v = shequ_disclosure_version_copy (fixed);
  g_autofree char *words = ds_expand (data->correction, unit, p->period, p->reason);
  char *body = g_strconcat (v->body != NULL ? v->body : "", "\n\n", words, NULL);

  g_free (v->body);
  v->body = body;
  return v;
}

/* Sets V's closing balance from its opening and lines. */
static void
close_balance (ShequDisclosureVersion *v)
{
  ShequFen income = 0, expense = 0;

  if (shequ_finance_totals (v, &income, &expense))
    v->closing = v->opening + income - expense;
}

/* The finance disclosures of LINE's unit, quarter by quarter, the balance carried over;
 * a corrected one's first version left out its last expense line. */
static void
plan_finance (const DsData        *data,
              ShequOrgStore       *org,
              const DsFinanceUnit *line,
              GPtrArray           *plan)
{
  ShequUnit *unit = shequ_org_store_lookup_code (org, line->unit_code);
  ShequFen opening = line->opening;

  for (guint q = 0; data->periods[q] != NULL; q++)
    {
      g_autoptr(ShequDisclosureVersion) full = shequ_disclosure_version_new ();
      DsPlanned *p;

      g_free (full->title);
      full->title = ds_expand (data->finance_title, unit, data->periods[q], NULL);
      g_free (full->body);
      full->body = ds_expand (data->finance_body, unit, data->periods[q], NULL);
      full->opening = opening;
      ds_finance_lines (data, shequ_unit_get_tier (unit), line->unit_code, data->periods[q],
                        full->items);
      close_balance (full);
      opening = full->closing;
      if (line->steps[q] == DS_STEP_NONE)
        continue;

      p = planned_new (data, org, unit, SHEQU_DISCLOSURE_KIND_FINANCE, data->periods[q],
                       line->steps[q], line->reason);
      p->file = "disclosure-finance-units.csv";
      p->line = line->line;
      if (p->step == DS_STEP_CORRECTED)
        {
          p->content = shequ_disclosure_version_copy (full);
          for (guint i = p->content->items->len; i > 0; i--)
            if (((ShequFinanceItem *) g_ptr_array_index (p->content->items, i - 1))->direction ==
                SHEQU_FINANCE_EXPENSE)
              {
                g_ptr_array_remove_index (p->content->items, i - 1);
                break;
              }
          close_balance (p->content);
          p->correction = make_correction (data, unit, p, full);
        }
      else
        p->content = g_steal_pointer (&full);
      g_ptr_array_add (plan, p);
    }
}

gint
ds_compare_unit_codes (gconstpointer a,
                       gconstpointer b)
{
  return g_strcmp0 (shequ_unit_get_code (*(ShequUnit **) a),
                    shequ_unit_get_code (*(ShequUnit **) b));
}

static void
plan_item (const DsData  *data,
           ShequOrgStore *org,
           const DsItem  *item,
           ShequUnit     *unit,
           GPtrArray     *plan)
{
  DsPlanned *p = planned_new (data, org, unit, item->kind, item->period, item->step,
                              item->reason);

  p->file = item->file;
  p->line = item->line;
  p->content = shequ_disclosure_version_new ();
  g_free (p->content->title);
  p->content->title = ds_expand (item->title, unit, item->period, NULL);
  g_free (p->content->body);
  p->content->body = ds_expand (item->body, unit, item->period, NULL);
  if (item->guide != NULL)
    p->content->guide = shequ_policy_guide_copy (item->guide);
  if (p->step == DS_STEP_CORRECTED)
    p->correction = make_correction (data, unit, p, p->content);
  g_ptr_array_add (plan, p);
}

/* Each version of P as the store will check it. */
static gboolean
check_planned (const DsPlanned  *p,
               const char       *dir,
               GError          **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *path = NULL;

  if (shequ_disclosure_version_validate (p->content, p->kind, &local) &&
      (p->correction == NULL || shequ_disclosure_version_validate (p->correction, p->kind,
                                                                   &local)))
    return TRUE;
  path = g_build_filename (dir, p->file, NULL);
  g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
               _("The sample disclosures’ data file %s, line %u: %s; nothing was written."),
               path, p->line, local->message);
  return FALSE;
}

GPtrArray *
ds_plan (const DsData   *data,
         ShequOrgStore  *org,
         const char     *dir,
         GError        **error)
{
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func ((GDestroyNotify) ds_planned_free);
  g_autoptr(GPtrArray) units = g_ptr_array_copy (shequ_org_store_get_units (org), NULL, NULL);

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (org), NULL);

  g_ptr_array_sort (units, ds_compare_unit_codes);
  for (guint i = 0; i < data->finance->len; i++)
    plan_finance (data, org, g_ptr_array_index (data->finance, i), plan);
  for (guint i = 0; i < data->items->len; i++)
    {
      const DsItem *item = g_ptr_array_index (data->items, i);

      if (item->unit_code != NULL)
        {
          plan_item (data, org, item, shequ_org_store_lookup_code (org, item->unit_code), plan);
          continue;
        }
      for (guint u = 0; u < units->len; u++)
        {
          ShequUnit *unit = g_ptr_array_index (units, u);
          ShequTier tier = shequ_unit_get_tier (unit);

          if ((tier == SHEQU_TIER_VILLAGE && (item->tiers & DS_TIER_VILLAGE)) ||
              (tier == SHEQU_TIER_COMMUNITY && (item->tiers & DS_TIER_COMMUNITY)))
            plan_item (data, org, item, unit, plan);
        }
    }
  for (guint i = 0; i < plan->len; i++)
    if (!check_planned (g_ptr_array_index (plan, i), dir, error))
      return NULL;
  return g_steal_pointer (&plan);
}
