/* shequ-test-units.c — small organisation trees, boundaries and the Chinese UI for tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "shequ-org-change.h"
#include "shequ-test-units.h"

ShequUnit *
shequ_test_add_street (ShequOrgStore *store)
{
  g_autoptr(GError) error = NULL;
  ShequOrgChange *change = shequ_org_change_new (SHEQU_ORG_ORIGIN_UI, "street");
  ShequUnitRow *row = shequ_unit_row_new ();

  row->id = shequ_org_store_allocate_unit_id (store);
  row->tier = SHEQU_TIER_STREET;
  row->code = g_strdup ("371326001");
  row->name = g_strdup ("平邑街道");
  shequ_org_change_put_unit (change, row);
  g_assert_true (shequ_org_store_apply (store, change, &error));
  g_assert_no_error (error);
  return shequ_org_store_get_street (store);
}

ShequUnit *
shequ_test_lookup_code (ShequOrgStore *store,
                        const char    *code)
{
  ShequUnit *unit = shequ_org_store_lookup_code (store, code);

  g_assert_nonnull (unit);
  return unit;
}

ShequUnit *
shequ_test_add_unit (ShequOrgStore *store,
                     ShequUnit     *parent,
                     ShequTier      tier,
                     const char    *name,
                     gint64         population,
                     gint64         households)
{
  g_autoptr(GError) error = NULL;
  ShequUnit *unit = shequ_org_store_add_unit_full (store, parent, tier, name, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (unit);
  if (population > 0 || households > 0)
    g_assert_true (shequ_org_store_set_figures (store, unit, population, households, &error));
  g_assert_no_error (error);
  return unit;
}

void
shequ_test_add_posts (ShequOrgStore *store,
                      ShequUnit     *unit,
                      ShequRole      role,
                      guint          count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("%s人员%u", shequ_unit_get_name (unit), i + 1);

      g_assert_nonnull (shequ_org_store_add_person_post (store, unit, name, "13800000000", role,
                                                         NULL, &error));
      g_assert_no_error (error);
    }
}

ShequGeoShape *
shequ_test_rectangle (double lon,
                      double lat,
                      double width,
                      double height)
{
  ShequGeoPoint points[] = {
    { lon, lat }, { lon + width, lat }, { lon + width, lat + height }, { lon, lat + height },
    { lon, lat },
  };
  ShequGeoRing ring = { points, G_N_ELEMENTS (points) };
  ShequGeoShape *shape = shequ_geo_shape_new ();

  shequ_geo_shape_add_polygon (shape, &ring, 1);
  return shape;
}

gboolean
shequ_test_use_chinese (void)
{
  const char *localedir = g_getenv ("SHEQU_LOCALEDIR");

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("No zh_CN locale or translations");
      return FALSE;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}
