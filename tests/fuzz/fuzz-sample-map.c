/* fuzz-sample-map.c — libFuzzer target: the sample map's data files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-sample-map"

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "shequ-database.h"
#include "shequ-io.h"
#include "shequ-org-store.h"
#include "shequ-sample-map.h"
#include "shequ-unit.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char base_units[] =
  "code,name,tier,parent_code,population,households\n"
  "371326001,平邑街道,street,,,\n"
  "37132600101,东片区,area,371326001,,\n"
  "371326001001,振兴社区,community,37132600101,,\n"
  "371326001001001,第一网格,grid,371326001001,1320,421\n"
  "371326001001002,第二网格,grid,371326001001,900,300\n"
  "371326001002,大南泉村,village,37132600101,2500,800\n";

/* A square county round the seat, so that the target needs no file of the tree. */
static const char county[] =
  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
  "\"properties\":{\"name\":\"平邑县\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
  "[[[117.4,35.3],[117.9,35.3],[117.9,35.7],[117.4,35.7],[117.4,35.3]]]}}]}";

static ShequOrgStore *store;
static char *dir;

static void write_file (const char *name, const char *text, gssize len);

/* The small street, imported from a units.csv beside the map files. */
static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GFile) units = NULL;
  g_autoptr(ShequDatabase) db = NULL;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  dir = g_dir_make_tmp ("shequ-fuzz-map-XXXXXX", &error);
  g_assert_no_error (error);
  write_file ("units.csv", base_units, -1);
  write_file ("pingyi-county.geojson", county, -1);
  db_path = g_build_filename (dir, "fuzz.db", NULL);
  if ((db = shequ_database_open (db_path, SHEQU_DATABASE_FLAGS_CREATE |
                                 SHEQU_DATABASE_FLAGS_NO_BACKUP, &error)) != NULL)
    store = shequ_org_store_new (db, &error);
  units = g_file_new_build_filename (dir, "units.csv", NULL);
  if (store == NULL ||
      !shequ_io_import_units (store, units, SHEQU_IO_FORMAT_CSV, SHEQU_IO_ENCODING_UTF8, NULL,
                              &error))
    g_error ("the fuzz target's street: %s", error->message);
}

static void
write_file (const char *name,
            const char *text,
            gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, len, &error));
}

static void
check_map (ShequSampleMap *map)
{
  GPtrArray *units = shequ_org_store_get_units (store);

  g_assert_cmpuint (g_hash_table_size (map->boundaries), ==, units->len);
  for (guint i = 0; i < units->len; i++)
    {
      gint64 id = shequ_unit_get_id (g_ptr_array_index (units, i));
      ShequGeoShape *shape = g_hash_table_lookup (map->boundaries, &id);

      g_assert_nonnull (shape);
      for (guint p = 0; p < shequ_geo_shape_get_n_polygons (shape); p++)
        {
          const ShequGeoPolygon *polygon = shequ_geo_shape_get_polygon (shape, p);

          for (guint r = 0; r < polygon->n_rings; r++)
            g_assert_cmpint (shequ_geo_ring_check (&polygon->rings[r]), ==, SHEQU_GEO_RING_VALID);
        }
    }
  for (guint i = 0; i < map->places->len; i++)
    {
      ShequPlaceRow *place = g_ptr_array_index (map->places, i);
      gint64 id = place->unit_id;

      g_assert_cmpint (place->id, ==, i + 1);
      g_assert_true (shequ_geo_shape_contains (g_hash_table_lookup (map->boundaries, &id),
                                               (ShequGeoPoint) { place->lon, place->lat }));
    }
}

/* The input is map-layout.csv, then a line "--", then places.csv (a header alone when
 * there is no such line). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequSampleMap) map = NULL;
  gsize layout_len = strlen (text);
  const char *places = "kind,unit_code,name,lon,lat\n";
  char *split;

  if (store == NULL)
    set_up ();
  /* NUL bytes end the text here: the files are text, and GLib reads them whole. */
  if ((split = strstr (text, "\n--\n")) != NULL)
    {
      layout_len = split - text + 1;
      places = split + 4;
    }
  write_file ("map-layout.csv", text, layout_len);
  write_file ("places.csv", places, -1);
  map = shequ_sample_map_generate (store, dir, &error);
  if (map == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  check_map (map);
  return 0;
}
