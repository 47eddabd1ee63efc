/* shequ-sample.c — the Pingyi Street (平邑街道) sample, built from data/sample */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sample"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-io.h"
#include "shequ-sample-map.h"
#include "shequ-sample.h"

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return (ia > ib) - (ia < ib);
}

char *
shequ_sample_find_dir (void)
{
  const char *env = g_getenv ("SHEQU_SAMPLE_DIR");
  const char *candidates[] = {
    env,
    PKGDATADIR "/sample",
    SOURCE_DATADIR "/sample",
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *units = NULL;

      if (candidates[i] == NULL)
        continue;
      units = g_build_filename (candidates[i], "units.csv", NULL);
      if (g_file_test (units, G_FILE_TEST_IS_REGULAR))
        return g_strdup (candidates[i]);
    }
  return NULL;
}

/* The boundaries and places generated for the street's units, as one change. */
static gboolean
populate_map (ShequOrgStore  *store,
              const char     *dir,
              GError        **error)
{
  g_autoptr(ShequSampleMap) map = NULL;
  ShequOrgChange *change;
  g_autoptr(GList) unit_ids = NULL;

  if (!(map = shequ_sample_map_generate (store, dir, error)))
    return FALSE;

  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_SAMPLE, _("Draw the sample street’s map"));
  shequ_org_change_set_bulk (change, TRUE);
  /* In unit id order, so the change (and the file) is the same every time. */
  unit_ids = g_list_sort (g_hash_table_get_keys (map->boundaries), compare_ids);
  for (GList *l = unit_ids; l != NULL; l = l->next)
    shequ_org_change_put_boundary (change, *(gint64 *) l->data,
                                   g_hash_table_lookup (map->boundaries, l->data));
  for (guint i = 0; i < map->places->len; i++)
    shequ_org_change_put_place (change, shequ_place_row_copy (g_ptr_array_index (map->places, i)));
  return shequ_org_store_apply (store, change, error);
}

gboolean
shequ_sample_populate (ShequOrgStore  *store,
                       GError        **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) units = NULL;
  g_autoptr(GFile) people = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);

  if (shequ_org_store_get_n_units (store) > 0)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("The database already holds a street; the sample goes into an empty one."));
      return FALSE;
    }

  if (!(dir = shequ_sample_find_dir ()))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sample street’s data files (units.csv, people.csv) were not found."));
      return FALSE;
    }

  units = g_file_new_build_filename (dir, "units.csv", NULL);
  people = g_file_new_build_filename (dir, "people.csv", NULL);
  return shequ_io_import_units (store, units, SHEQU_IO_FORMAT_CSV, SHEQU_IO_ENCODING_UTF8,
                                NULL, error) &&
         shequ_io_import_people (store, people, SHEQU_IO_FORMAT_CSV, SHEQU_IO_ENCODING_UTF8,
                                 NULL, error) &&
         populate_map (store, dir, error);
}

ShequUnit *
shequ_sample_create_street (ShequOrgStore  *store,
                            const char     *name,
                            const char     *county_code,
                            GError        **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *label = NULL;
  ShequOrgChange *change;
  ShequUnitRow *row;
  gint64 id;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), NULL);

  clean_name = g_strstrip (g_strdup (name ? name : ""));
  if (*clean_name == '\0')
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID, _("Enter the street’s name."));
      return NULL;
    }
  if (county_code == NULL || strlen (county_code) != 6 ||
      strspn (county_code, "0123456789") != 6)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("The county code “%s” must be 6 digits, e.g. 371326."),
                   county_code ? county_code : "");
      return NULL;
    }
  if (shequ_org_store_get_street (store) != NULL)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("The database already holds a street."));
      return NULL;
    }

  label = g_strdup_printf (_("Create “%s”"), clean_name);
  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_SAMPLE, label);
  row = shequ_unit_row_new ();
  row->id = id = shequ_org_store_allocate_unit_id (store);
  row->tier = SHEQU_TIER_STREET;
  row->code = g_strconcat (county_code, "001", NULL);
  row->name = g_strdup (clean_name);
  row->party_body = shequ_tier_make_party_body (SHEQU_TIER_STREET, clean_name);
  row->service_body = shequ_tier_make_service_body (SHEQU_TIER_STREET, clean_name);
  shequ_org_change_put_unit (change, row);
  if (!shequ_org_store_apply (store, change, error))
    return NULL;
  return shequ_org_store_lookup_unit (store, id);
}

static const char *syllables[] = {
  "东", "西", "南", "北", "阳", "安", "兴", "和", "平", "泉", "河", "山", "岭", "庄",
  "新", "康", "宁", "华", "丰", "盛", "桃", "柳", "杏", "松", "石", "金", "玉", "龙",
  "凤", "云",
};

static const char *surnames[] = { "王", "张", "李", "刘", "陈", "杨", "赵", "孙", "徐", "魏" };
static const char *given[] = { "建国", "秀英", "志强", "丽华", "海燕", "德明", "桂兰", "文杰" };

gboolean
shequ_sample_populate_synthetic (ShequOrgStore  *store,
                                 guint           n_units,
                                 GError        **error)
{
  ShequOrgChange *change;
  ShequUnitRow *row;
  guint n_areas, n_parents, n_grids;
  gint64 street_id;
  guint made = 0;
  guint32 seed = 20261125;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (store), FALSE);
  g_return_val_if_fail (n_units >= 10, FALSE);

  /* About 1 street, n/5000+4 areas, 1 community or village per 50 units, the rest grids. */
  n_areas = MIN (99, n_units / 5000 + 4);
  n_parents = MAX (2, n_units / 50);
  n_grids = n_units - 1 - n_areas - n_parents;

  change = shequ_org_change_new (SHEQU_ORG_ORIGIN_SAMPLE, _("Create a synthetic street"));
  row = shequ_unit_row_new ();
  row->id = street_id = shequ_org_store_allocate_unit_id (store);
  row->tier = SHEQU_TIER_STREET;
  row->code = g_strdup ("999999001");
  row->name = g_strdup ("合成街道");
  shequ_org_change_put_unit (change, row);
  made++;

  for (guint a = 0; a < n_areas; a++)
    {
      gint64 area_id = shequ_org_store_allocate_unit_id (store);
      guint first = a * n_parents / n_areas, last = (a + 1) * n_parents / n_areas;

      row = shequ_unit_row_new ();
      row->id = area_id;
      row->parent_id = street_id;
      row->tier = SHEQU_TIER_AREA;
      row->code = g_strdup_printf ("999999001%02u", a + 1);
      row->name = g_strdup_printf ("%s%s片区", syllables[a % 30], syllables[(a * 7 + 3) % 30]);
      shequ_org_change_put_unit (change, row);
      made++;

      for (guint c = first; c < last; c++)
        {
          /* Every other one is a community holding the grids, so villages stay leaves. */
          gboolean community = c % 2 == 0;
          gint64 parent_id = shequ_org_store_allocate_unit_id (store);
          guint grids_here = community
            ? ((c / 2 + 1) * n_grids / ((n_parents + 1) / 2) - (c / 2) * n_grids / ((n_parents + 1) / 2))
            : 0;
          ShequPostRow *post;
          ShequPersonRow *person;

          seed = seed * 1103515245 + 12345;
          row = shequ_unit_row_new ();
          row->id = parent_id;
          row->parent_id = area_id;
          row->tier = community ? SHEQU_TIER_COMMUNITY : SHEQU_TIER_VILLAGE;
          row->code = g_strdup_printf ("999999001%05u", c + 1);
          row->name = g_strdup_printf ("%s%s%s", syllables[(seed >> 8) % 30],
                                       syllables[(seed >> 16) % 30], community ? "社区" : "村");
          if (!community)
            {
              row->population = 800 + (seed >> 4) % 4000;
              row->households = row->population / 3;
            }
          shequ_org_change_put_unit (change, row);
          made++;

          person = shequ_person_row_new ();
          person->id = shequ_org_store_allocate_person_id (store);
          person->code = g_strdup_printf ("S%07u", c + 1);
          person->name = g_strconcat (surnames[(seed >> 12) % 10], given[(seed >> 20) % 8], NULL);
          shequ_org_change_put_person (change, person);
          post = shequ_post_row_new ();
          post->id = shequ_org_store_allocate_post_id (store);
          post->person_id = person->id;
          post->unit_id = parent_id;
          post->role = SHEQU_ROLE_SECRETARY;
          shequ_org_change_put_post (change, post);

          for (guint g = 0; g < grids_here && made < n_units; g++)
            {
              seed = seed * 1103515245 + 12345;
              row = shequ_unit_row_new ();
              row->id = shequ_org_store_allocate_unit_id (store);
              row->parent_id = parent_id;
              row->tier = SHEQU_TIER_GRID;
              row->code = g_strdup_printf ("999999001%05u%03u", c + 1, g + 1);
              row->name = g_strdup_printf ("第%u网格", g + 1);
              row->population = 500 + (seed >> 4) % 2000;
              row->households = row->population / 3;
              shequ_org_change_put_unit (change, row);
              made++;
            }
        }
    }

  return shequ_org_store_apply (store, change, error);
}
