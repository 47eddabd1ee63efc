/* shequ-org-change.c — a change: the after-images of the rows it touches */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-change"

#include "config.h"

#include "shequ-org-change-private.h"

/* Puts keyed by id so a row put twice keeps its last image; a delete drops the put. */
static void
put_row (GHashTable *puts,
         GHashTable *deletes,
         gint64      id,
         gpointer    row)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_remove (deletes, &id);
  g_hash_table_replace (puts, key, row);
}

static void
delete_row (GHashTable *puts,
            GHashTable *deletes,
            gint64      id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_remove (puts, &id);
  g_hash_table_add (deletes, key);
}

ShequOrgChange *
shequ_org_change_new (const char *label)
{
  ShequOrgChange *change = g_new0 (ShequOrgChange, 1);

  change->label = g_strdup (label ? label : "");
  change->unit_puts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify)shequ_unit_row_free);
  change->unit_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  change->person_puts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify)shequ_person_row_free);
  change->person_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  change->post_puts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify)shequ_post_row_free);
  change->post_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return change;
}

void
shequ_org_change_free (ShequOrgChange *change)
{
  if (change == NULL)
    return;
  g_free (change->label);
  g_hash_table_unref (change->unit_puts);
  g_hash_table_unref (change->unit_deletes);
  g_hash_table_unref (change->person_puts);
  g_hash_table_unref (change->person_deletes);
  g_hash_table_unref (change->post_puts);
  g_hash_table_unref (change->post_deletes);
  g_free (change);
}

const char *
shequ_org_change_get_label (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);
  return change->label;
}

gboolean
shequ_org_change_is_empty (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, TRUE);
  return g_hash_table_size (change->unit_puts) == 0 &&
         g_hash_table_size (change->unit_deletes) == 0 &&
         g_hash_table_size (change->person_puts) == 0 &&
         g_hash_table_size (change->person_deletes) == 0 &&
         g_hash_table_size (change->post_puts) == 0 &&
         g_hash_table_size (change->post_deletes) == 0;
}

void
shequ_org_change_put_unit (ShequOrgChange *change,
                           ShequUnitRow   *row)
{
  g_return_if_fail (change != NULL);
  g_return_if_fail (row != NULL && row->id > 0);
  put_row (change->unit_puts, change->unit_deletes, row->id, row);
}

void
shequ_org_change_delete_unit (ShequOrgChange *change,
                              gint64          unit_id)
{
  g_return_if_fail (change != NULL);
  delete_row (change->unit_puts, change->unit_deletes, unit_id);
}

void
shequ_org_change_put_person (ShequOrgChange *change,
                             ShequPersonRow *row)
{
  g_return_if_fail (change != NULL);
  g_return_if_fail (row != NULL && row->id > 0);
  put_row (change->person_puts, change->person_deletes, row->id, row);
}

void
shequ_org_change_delete_person (ShequOrgChange *change,
                                gint64          person_id)
{
  g_return_if_fail (change != NULL);
  delete_row (change->person_puts, change->person_deletes, person_id);
}

void
shequ_org_change_put_post (ShequOrgChange *change,
                           ShequPostRow   *row)
{
  g_return_if_fail (change != NULL);
  g_return_if_fail (row != NULL && row->id > 0);
  put_row (change->post_puts, change->post_deletes, row->id, row);
}

void
shequ_org_change_delete_post (ShequOrgChange *change,
                              gint64          post_id)
{
  g_return_if_fail (change != NULL);
  delete_row (change->post_puts, change->post_deletes, post_id);
}

void
shequ_org_change_set_bulk (ShequOrgChange *change,
                           gboolean        bulk)
{
  g_return_if_fail (change != NULL);
  change->bulk = !!bulk;
}
