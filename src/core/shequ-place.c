/* shequ-place.c — places on the map: service bodies, elderly canteens, compounds */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-place"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-place.h"

static const struct {
  const char *key;
  const char *label;
} kinds[SHEQU_N_PLACE_KINDS] = {
  [SHEQU_PLACE_SERVICE_BODY] = { "service-body", N_("Service bodies") },
  [SHEQU_PLACE_CANTEEN]      = { "canteen",      N_("Elderly canteens") },
  [SHEQU_PLACE_COMPOUND]     = { "compound",     N_("Compounds without property management") },
};

ShequPlaceRow *
shequ_place_row_new (void)
{
  return g_new0 (ShequPlaceRow, 1);
}

ShequPlaceRow *
shequ_place_row_copy (const ShequPlaceRow *row)
{
  ShequPlaceRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_memdup2 (row, sizeof *row);
  copy->name = g_strdup (row->name);
  return copy;
}

void
shequ_place_row_free (ShequPlaceRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row);
}

const char *
shequ_place_kind_to_key (ShequPlaceKind kind)
{
  g_return_val_if_fail (kind < SHEQU_N_PLACE_KINDS, NULL);

  return kinds[kind].key;
}

gboolean
shequ_place_kind_from_key (const char     *key,
                           ShequPlaceKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; key != NULL && i < SHEQU_N_PLACE_KINDS; i++)
    if (g_str_equal (key, kinds[i].key))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
shequ_place_kind_get_label (ShequPlaceKind kind)
{
  g_return_val_if_fail (kind < SHEQU_N_PLACE_KINDS, NULL);

  return _(kinds[kind].label);
}
