/* shequ-disclosure-sample.c — the sample street's disclosures, and synthetic ones for benchmarks */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure-sample"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-disclosure-sample-private.h"
#include "shequ-disclosure-sample.h"
#include "shequ-io.h"
#include "shequ-sample.h"

/* submit, approve, publish: by the drafter, then the approver. */
static gboolean
publish (ShequDisclosureStore  *store,
         gint64                 id,
         const DsPlanned       *p,
         GError               **error)
{
  return shequ_disclosure_store_submit (store, id, p->drafter, error) &&
         shequ_disclosure_store_approve (store, id, p->approver, error) &&
         shequ_disclosure_store_publish (store, id, p->approver, error);
}

/* Creates P's disclosure and takes it as far as its step, each move by whom it falls to. */
static gboolean
write_planned (ShequDisclosureStore  *store,
               const DsPlanned       *p,
               GError               **error)
{
  gint64 id = 0;
  guint version = 0;

  if (!shequ_disclosure_store_create (store, p->unit_id, p->kind, p->period, p->content,
                                      p->drafter, &id, error))
    return FALSE;
  switch (p->step)
    {
    case DS_STEP_NONE:
    case DS_STEP_DRAFT:
    case DS_N_STEPS:
    default:
      return TRUE;
    case DS_STEP_RETURNED:
      return shequ_disclosure_store_submit (store, id, p->drafter, error) &&
             shequ_disclosure_store_return (store, id, p->reason, p->approver, error);
    case DS_STEP_SUBMITTED:
      return shequ_disclosure_store_submit (store, id, p->drafter, error);
    case DS_STEP_APPROVED:
      return shequ_disclosure_store_submit (store, id, p->drafter, error) &&
             shequ_disclosure_store_approve (store, id, p->approver, error);
    case DS_STEP_PUBLISHED:
      return publish (store, id, p, error);
    case DS_STEP_CORRECTED:
      return publish (store, id, p, error) &&
             shequ_disclosure_store_correct (store, id, p->drafter, &version, error) &&
             shequ_disclosure_store_save_draft (store, id, p->correction, p->drafter, error) &&
             publish (store, id, p, error);
    case DS_STEP_WITHDRAWN:
      return publish (store, id, p, error) &&
             shequ_disclosure_store_withdraw (store, id, p->reason, p->approver, error);
    }
  g_return_val_if_reached (FALSE);
}

gboolean
shequ_disclosure_sample_populate (ShequDisclosureStore  *store,
                                  GError               **error)
{
  ShequOrgStore *org;
  g_autofree char *dir = NULL;
  g_autoptr(DsData) data = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  org = shequ_disclosure_store_get_org_store (store);
  if (!(dir = shequ_sample_find_dir ()))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sample street’s data files (units.csv, people.csv) were not found."));
      return FALSE;
    }
  /* Everything is read, made and checked before the first write. */
  if (!(data = ds_data_read (dir, org, error)) || !(plan = ds_plan (data, org, dir, error)))
    return FALSE;
  existing = shequ_disclosure_store_list (store, NULL);
  if (existing != NULL && existing->len > 0)
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("The database holds disclosures already; the sample ones go only into "
                     "a street without any."));
      return FALSE;
    }
  g_debug ("sample disclosures read and made in %.0f ms",
           (g_get_monotonic_time () - start) / 1000.0);
  for (guint i = 0; i < plan->len; i++)
    if (!write_planned (store, g_ptr_array_index (plan, i), error))
      return FALSE;
  g_debug ("%u sample disclosures written in %.0f ms", plan->len,
           (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;
}

/* ---- Synthetic ------------------------------------------------------------------------ */

#define SYNTHETIC_LINES 10

/* A uuid (RFC 4122 text, version 4 and variant bits set) drawn from the SHA-256 of
 * CODE and PERIOD: the same synthetic street always gets the same uuids. */
static char *
synthetic_uuid (const char *code,
                const char *period)
{
  g_autofree char *text = g_strdup_printf ("synthetic disclosure %s %s", code, period);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  const char variant[] = "89ab";

  hex[12] = '4';
  hex[16] = variant[g_ascii_xdigit_value (hex[16]) & 3];
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
                          hex + 20);
}

/* The synthetic disclosure I: a month's published finance disclosure of UNIT, months
 * back from 2026-12 as I passes the units again, drafted, approved and published that
 * month. */
static ShequDisclosure *
synthetic_disclosure (ShequUnit *unit,
                      guint      i,
                      guint      n_units)
{
  ShequDisclosure *d = shequ_disclosure_new ();
  ShequDisclosureVersion *v = shequ_disclosure_version_new ();
  guint back = i / n_units;
  const char *code = shequ_unit_get_code (unit);
  ShequFen income = 0, expense = 0;

  d->unit_code = g_strdup (code);
  d->kind = SHEQU_DISCLOSURE_KIND_FINANCE;
  d->period = g_strdup_printf ("%04u-%02u", 2026 - back / 12, 12 - back % 12);
  d->uuid = synthetic_uuid (code, d->period);
  d->created_at = g_strdup_printf ("%s-02T01:00:00Z", d->period);
  v->state = SHEQU_DISCLOSURE_STATE_PUBLISHED;
  g_free (v->title);
  v->title = g_strdup_printf ("%s %s synthetic finance", code, d->period);
  g_free (v->body);
  v->body = g_strdup ("Synthetic finance disclosure for benchmarks.");
  v->opening = 1000000 + (ShequFen) ds_draw (100000000, code, d->period, "opening", NULL);
  for (guint l = 0; l < SYNTHETIC_LINES; l++)
    {
      ShequFinanceDirection dir = l % 2 == 0 ? SHEQU_FINANCE_INCOME : SHEQU_FINANCE_EXPENSE;
      g_autofree char *category = g_strdup_printf ("%s-%u", shequ_finance_direction_to_key (dir),
                                                   l / 2 + 1);
      ShequFen amount = 100 + (ShequFen) ds_draw (10000000, code, d->period, category, NULL);

      g_ptr_array_add (v->items, shequ_finance_item_new (dir, category, amount, ""));
      if (dir == SHEQU_FINANCE_INCOME)
        income += amount;
      else
        expense += amount;
    }
  v->closing = v->opening + income - expense;
  v->created_by = g_strdup ("synthetic");
  v->created_at = g_strdup (d->created_at);
  v->submitted_by = g_strdup ("synthetic");
  v->submitted_at = g_strdup_printf ("%s-02T02:00:00Z", d->period);
  v->approved_by = g_strdup ("synthetic-approver");
  v->approved_at = g_strdup_printf ("%s-02T03:00:00Z", d->period);
  v->published_by = g_strdup ("synthetic-approver");
  v->published_at = g_strdup_printf ("%s-02T04:00:00Z", d->period);
  g_ptr_array_add (d->versions, v);
  return d;
}

gboolean
shequ_disclosure_sample_populate_synthetic (ShequDisclosureStore  *store,
                                            guint                  n,
                                            GError               **error)
{
  ShequOrgStore *org;
  GPtrArray *all;
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_disclosure_free);
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  org = shequ_disclosure_store_get_org_store (store);
  all = shequ_org_store_get_units (org);
  for (guint i = 0; i < all->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (all, i);

      if (shequ_unit_get_tier (unit) == SHEQU_TIER_VILLAGE ||
          shequ_unit_get_tier (unit) == SHEQU_TIER_COMMUNITY)
        g_ptr_array_add (units, unit);
    }
  if (units->len == 0 && n > 0)
    {
      g_set_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID,
                   _("Synthetic disclosures need communities or villages; the street has none."));
      return FALSE;
    }
  g_ptr_array_sort (units, ds_compare_unit_codes);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (docs, synthetic_disclosure (g_ptr_array_index (units, i % units->len), i,
                                                 units->len));
  /* One transaction, whatever N: the store's import. */
  if (!shequ_disclosure_store_import (store, docs, "synthetic", error))
    return FALSE;
  g_debug ("%u synthetic disclosures in %.0f ms", n, (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;
}
