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

/* The synthetic disclosure I: a month's finance disclosure of UNIT, months back from
 * 2026-12 as I passes the units again. */
static ShequDisclosureVersion *
synthetic_content (ShequUnit  *unit,
                   guint       i,
                   guint       n_units,
                   char      **period)
{
  ShequDisclosureVersion *v = shequ_disclosure_version_new ();
  guint back = i / n_units;
  const char *code = shequ_unit_get_code (unit);
  ShequFen income = 0, expense = 0;

  *period = g_strdup_printf ("%04u-%02u", 2026 - back / 12, 12 - back % 12);
  v->title = g_strdup_printf ("%s %s synthetic finance", code, *period);
  v->body = g_strdup ("Synthetic finance disclosure for benchmarks.");
  v->opening = 1000000 + (ShequFen) ds_draw (100000000, code, *period, "opening", NULL);
  for (guint l = 0; l < SYNTHETIC_LINES; l++)
    {
      ShequFinanceDirection dir = l % 2 == 0 ? SHEQU_FINANCE_INCOME : SHEQU_FINANCE_EXPENSE;
      g_autofree char *category = g_strdup_printf ("%s-%u", shequ_finance_direction_to_key (dir),
                                                   l / 2 + 1);
      ShequFen amount = 100 + (ShequFen) ds_draw (10000000, code, *period, category, NULL);

      g_ptr_array_add (v->items, shequ_finance_item_new (dir, category, amount, ""));
      if (dir == SHEQU_FINANCE_INCOME)
        income += amount;
      else
        expense += amount;
    }
  v->closing = v->opening + income - expense;
  return v;
}

gboolean
shequ_disclosure_sample_populate_synthetic (ShequDisclosureStore  *store,
                                            guint                  n,
                                            GError               **error)
{
  ShequOrgStore *org;
  GPtrArray *all;
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
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

  /* Through the public API, one transaction a step: the store has no bulk path yet. */
  for (guint i = 0; i < n; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i % units->len);
      g_autofree char *period = NULL;
      g_autoptr(ShequDisclosureVersion) content = synthetic_content (unit, i, units->len, &period);
      gint64 id = 0;

      if (!shequ_disclosure_store_create (store, shequ_unit_get_id (unit),
                                          SHEQU_DISCLOSURE_KIND_FINANCE, period, content,
                                          "synthetic", &id, error) ||
          !shequ_disclosure_store_submit (store, id, "synthetic", error) ||
          !shequ_disclosure_store_approve (store, id, "synthetic-approver", error) ||
          !shequ_disclosure_store_publish (store, id, "synthetic-approver", error))
        return FALSE;
    }
  g_debug ("%u synthetic disclosures in %.0f ms", n, (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;
}
