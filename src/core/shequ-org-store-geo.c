/* shequ-org-store-geo.c — the store's boundaries and places */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include "shequ-org-store-private.h"

/* SKELETON: the boundary engineer replaces this file (boundaries and places in the
 * database, through the change path). */

ShequGeoShape *
shequ_org_store_get_boundary (ShequOrgStore *self,
                              gint64         unit_id)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  return NULL;
}

guint
shequ_org_store_get_n_boundaries (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);

  return 0;
}

GPtrArray *
shequ_org_store_get_places (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  return g_ptr_array_new ();
}

gint64
shequ_org_store_allocate_place_id (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);

  return 1;
}
