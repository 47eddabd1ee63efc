/* shequ-org-store-geo.c — the store's boundaries and places: read, checked, written, undone */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "shequ-geo-blob.h"
#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

/* Boundaries and places ride along with the units: a change's rows of both kinds go
 * through the same validation, transaction, hooks and before-images as the others. The
 * database cascades a unit's delete to them; _shequ_org_store_add_geo_cascades() makes
 * those deletes explicit in the change, so every reader of the change sees them. */

void
_shequ_org_store_geo_init (ShequOrgStore *self)
{
  self->boundaries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) shequ_geo_shape_unref);
  self->places = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) shequ_place_row_free);
}

void
_shequ_org_store_geo_finalize (ShequOrgStore *self)
{
  g_clear_pointer (&self->places_cache, g_ptr_array_unref);
  g_clear_pointer (&self->places, g_hash_table_unref);
  g_clear_pointer (&self->boundaries, g_hash_table_unref);
}

ShequGeoShape *
shequ_org_store_get_boundary (ShequOrgStore *self,
                              gint64         unit_id)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  return g_hash_table_lookup (self->boundaries, &unit_id);
}

guint
shequ_org_store_get_n_boundaries (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);

  return g_hash_table_size (self->boundaries);
}

static int
compare_place_id (gconstpointer a,
                  gconstpointer b)
{
  const ShequPlaceRow *pa = *(const ShequPlaceRow **) a;
  const ShequPlaceRow *pb = *(const ShequPlaceRow **) b;

  return (pa->id > pb->id) - (pa->id < pb->id);
}

/* The array is the store's until the next change; the caller holds a reference. */
GPtrArray *
shequ_org_store_get_places (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  if (self->places_cache == NULL)
    {
      GHashTableIter iter;
      gpointer value;

      self->places_cache = g_ptr_array_sized_new (g_hash_table_size (self->places));
      g_hash_table_iter_init (&iter, self->places);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (self->places_cache, value);
      g_ptr_array_sort (self->places_cache, compare_place_id);
    }
  return g_ptr_array_ref (self->places_cache);
}

gint64
shequ_org_store_allocate_place_id (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);

  return ++self->max_place_id;
}

gboolean
_shequ_geo_shape_equal (ShequGeoShape *a,
                        ShequGeoShape *b)
{
  guint n = shequ_geo_shape_get_n_polygons (a);

  if (a == b)
    return TRUE;
  if (n != shequ_geo_shape_get_n_polygons (b) ||
      shequ_geo_shape_get_n_points (a) != shequ_geo_shape_get_n_points (b))
    return FALSE;
  for (guint p = 0; p < n; p++)
    {
      const ShequGeoPolygon *pa = shequ_geo_shape_get_polygon (a, p);
      const ShequGeoPolygon *pb = shequ_geo_shape_get_polygon (b, p);

      if (pa->n_rings != pb->n_rings)
        return FALSE;
      for (guint r = 0; r < pa->n_rings; r++)
        if (pa->rings[r].n_points != pb->rings[r].n_points ||
            memcmp (pa->rings[r].points, pb->rings[r].points,
                    pa->rings[r].n_points * sizeof (ShequGeoPoint)) != 0)
          return FALSE;
    }
  return TRUE;
}

static gboolean
place_row_equal (const ShequPlaceRow *a,
                 const ShequPlaceRow *b)
{
  return a->id == b->id && a->unit_id == b->unit_id && a->kind == b->kind &&
         g_strcmp0 (a->name, b->name) == 0 && a->lon == b->lon && a->lat == b->lat;
}

/* Reading */

/* The code a damaged row's message names: the unit's, as read or as the store has it. */
static const char *
unit_code (ShequOrgStore *self,
           Snapshot      *snap,
           gint64         unit_id)
{
  if (snap != NULL)
    {
      ShequUnitRow *row = g_hash_table_lookup (snap->units, &unit_id);

      return row != NULL ? row->code : NULL;
    }
  else
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, &unit_id);

      return unit != NULL ? unit->code : NULL;
    }
}

static gboolean
set_damaged (ShequOrgStore  *self,
             GError        **error,
             const char     *what,
             const char     *code,
             const char     *why)
{
  g_autofree char *unknown = NULL;

  if (code == NULL)
    code = unknown = g_strdup (_("(a missing unit)"));
  /* TRANSLATORS: "The database “a.db” is damaged: the boundary of unit 3713260001 cannot
   * be read (a ring is not closed)." */
  g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
               _("The database “%s” is damaged: %s of unit %s cannot be read (%s)."),
               shequ_database_get_path (self->db), what, code, why);
  return FALSE;
}

static gboolean
load_boundaries (ShequOrgStore  *self,
                 Snapshot       *snap,
                 GHashTable     *into,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (self->db, "SELECT unit_id, shape FROM boundary", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (stmt, 0);
      const guint8 *data = sqlite3_column_blob (stmt, 1);
      int size = sqlite3_column_bytes (stmt, 1);
      const char *code = unit_code (self, snap, unit_id);
      g_autoptr(GError) local = NULL;
      ShequGeoShape *shape;

      if (code == NULL)
        return set_damaged (self, error, _("the boundary"), NULL,
                            _("the unit does not exist"));
      shape = shequ_geo_blob_decode (data != NULL ? data : (const guint8 *) "", size, &local);
      if (shape == NULL)
        return set_damaged (self, error, _("the boundary"), code, local->message);
      g_hash_table_replace (into, _shequ_org_store_id_key (unit_id), shape);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return TRUE;
}

static gboolean
load_places (ShequOrgStore  *self,
             Snapshot       *snap,
             GHashTable     *into,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (self->db,
                                 "SELECT id, unit_id, kind, name, lon, lat FROM place", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ShequPlaceRow) row = shequ_place_row_new ();
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);
      const char *name = (const char *) sqlite3_column_text (stmt, 3);
      const char *code;
      gint64 id;

      row->id = sqlite3_column_int64 (stmt, 0);
      row->unit_id = sqlite3_column_int64 (stmt, 1);
      g_free (row->name);
      row->name = g_strdup (name != NULL ? name : "");
      row->lon = sqlite3_column_double (stmt, 4);
      row->lat = sqlite3_column_double (stmt, 5);
      code = unit_code (self, snap, row->unit_id);
      if (code == NULL || !shequ_place_kind_from_key (kind, &row->kind) ||
          !isfinite (row->lon) || !isfinite (row->lat))
        return set_damaged (self, error, _("a place"), code, row->name);
      id = row->id;
      if (snap == NULL)
        self->max_place_id = MAX (self->max_place_id, id);
      /* The key first: the order a call's arguments are evaluated in is unspecified. */
      g_hash_table_replace (into, _shequ_org_store_id_key (id), g_steal_pointer (&row));
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return TRUE;
}

gboolean
_shequ_org_store_load_geo (ShequOrgStore  *self,
                           Snapshot       *snap,
                           GError        **error)
{
  GHashTable *boundaries = self->boundaries;
  GHashTable *places = self->places;

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (snap != NULL)
    {
      boundaries = snap->boundaries =
        g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                               (GDestroyNotify) shequ_geo_shape_unref);
      places = snap->places =
        g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                               (GDestroyNotify) shequ_place_row_free);
    }
  return load_boundaries (self, snap, boundaries, error) &&
         load_places (self, snap, places, error);
}

/* Writing */

static gboolean
write_boundaries (ShequOrgStore  *self,
                  ShequOrgChange *change,
                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = _shequ_org_rows_get_n (&change->boundary_puts);

  if (n == 0)
    return TRUE;
  stmt = shequ_database_prepare (self->db,
                                 "INSERT OR REPLACE INTO boundary (unit_id, shape, min_lon, "
                                 "min_lat, max_lon, max_lat) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      ShequOrgBoundaryPut *put = _shequ_org_rows_get (&change->boundary_puts, i);
      g_autoptr(GBytes) blob = shequ_geo_blob_encode (put->shape);
      ShequGeoBounds bounds;
      gsize size;
      gconstpointer data = g_bytes_get_data (blob, &size);

      shequ_geo_shape_get_bounds (put->shape, &bounds);
      sqlite3_bind_int64 (stmt, 1, put->unit_id);
      sqlite3_bind_blob64 (stmt, 2, data, size, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 3, bounds.min_x);
      sqlite3_bind_double (stmt, 4, bounds.min_y);
      sqlite3_bind_double (stmt, 5, bounds.max_x);
      sqlite3_bind_double (stmt, 6, bounds.max_y);
      if (!_shequ_org_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_places (ShequOrgStore  *self,
              ShequOrgChange *change,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = _shequ_org_rows_get_n (&change->place_puts);

  if (n == 0)
    return TRUE;
  stmt = shequ_database_prepare (self->db,
                                 "INSERT OR REPLACE INTO place (id, unit_id, kind, name, lon, lat) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      ShequPlaceRow *row = _shequ_org_rows_get (&change->place_puts, i);

      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, row->unit_id);
      sqlite3_bind_text (stmt, 3, shequ_place_kind_to_key (row->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, row->name != NULL ? row->name : "", -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 5, row->lon);
      sqlite3_bind_double (stmt, 6, row->lat);
      if (!_shequ_org_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* After the units: a new unit's boundary needs its row. The deletes ran first, with
 * the other kinds' (shequ-org-store-sql.c). */
gboolean
_shequ_org_store_write_geo (ShequOrgStore   *self,
                            ShequOrgChange  *change,
                            GError         **error)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  return write_boundaries (self, change, error) && write_places (self, change, error);
}

/* Checking */

static gboolean
unit_exists_after (ShequOrgStore  *self,
                   ShequOrgChange *change,
                   gint64          id)
{
  if (_shequ_org_rows_contains (&change->unit_puts, id))
    return TRUE;
  if (_shequ_org_rows_contains (&change->unit_deletes, id))
    return FALSE;
  return g_hash_table_contains (self->units, &id);
}

gboolean
_shequ_org_store_validate_geo (ShequOrgStore   *self,
                               ShequOrgChange  *change,
                               GError         **error)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  for (guint i = 0, n = _shequ_org_rows_get_n (&change->boundary_puts); i < n; i++)
    {
      ShequOrgBoundaryPut *put = _shequ_org_rows_get (&change->boundary_puts, i);

      if (!unit_exists_after (self, change, put->unit_id))
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_FOUND,
                       _("A boundary is given for unit %lld, which does not exist; nothing was "
                         "saved."), (long long) put->unit_id);
          return FALSE;
        }
      if (shequ_geo_shape_get_n_polygons (put->shape) == 0)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                       _("The boundary of unit %lld has no polygon; nothing was saved."),
                       (long long) put->unit_id);
          return FALSE;
        }
    }
  for (guint i = 0, n = _shequ_org_rows_get_n (&change->place_puts); i < n; i++)
    {
      ShequPlaceRow *row = _shequ_org_rows_get (&change->place_puts, i);

      if (!unit_exists_after (self, change, row->unit_id))
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_FOUND,
                       _("The place “%s” belongs to unit %lld, which does not exist; nothing "
                         "was saved."), row->name ? row->name : "", (long long) row->unit_id);
          return FALSE;
        }
      if (row->kind >= SHEQU_N_PLACE_KINDS || !isfinite (row->lon) || !isfinite (row->lat) ||
          fabs (row->lon) > 180.0 || fabs (row->lat) > 90.0)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                       _("The place “%s” has no valid kind or position; nothing was saved."),
                       row->name ? row->name : "");
          return FALSE;
        }
    }
  return TRUE;
}

void
_shequ_org_store_add_geo_cascades (ShequOrgStore  *self,
                                   ShequOrgChange *change)
{
  guint n = _shequ_org_rows_get_n (&change->unit_deletes);
  GHashTableIter iter;
  gpointer value;

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (&change->unit_deletes, i);

      if (g_hash_table_contains (self->boundaries, &id))
        shequ_org_change_delete_boundary (change, id);
    }
  g_hash_table_iter_init (&iter, self->places);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ShequPlaceRow *row = value;

      if (_shequ_org_rows_contains (&change->unit_deletes, row->unit_id) &&
          !_shequ_org_rows_contains (&change->place_puts, row->id))
        shequ_org_change_delete_place (change, row->id);
    }
}

/* Before-images */

void
_shequ_org_store_geo_inverse (ShequOrgStore  *self,
                              ShequOrgChange *change,
                              ShequOrgChange *inverse)
{
  ShequOrgRows *boundary_sets[] = { &change->boundary_puts, &change->boundary_deletes };
  ShequOrgRows *place_sets[] = { &change->place_puts, &change->place_deletes };

  g_assert (SHEQU_IS_ORG_STORE (self));

  for (guint s = 0; s < 2; s++)
    {
      for (guint i = 0, n = _shequ_org_rows_get_n (boundary_sets[s]); i < n; i++)
        {
          gint64 id = _shequ_org_rows_get_id (boundary_sets[s], i);
          ShequGeoShape *shape = g_hash_table_lookup (self->boundaries, &id);

          if (shape != NULL)
            shequ_org_change_put_boundary (inverse, id, shape);
          else if (s == 0)
            shequ_org_change_delete_boundary (inverse, id);
        }
      for (guint i = 0, n = _shequ_org_rows_get_n (place_sets[s]); i < n; i++)
        {
          gint64 id = _shequ_org_rows_get_id (place_sets[s], i);
          ShequPlaceRow *row = g_hash_table_lookup (self->places, &id);

          if (row != NULL)
            shequ_org_change_put_place (inverse, shequ_place_row_copy (row));
          else if (s == 0)
            shequ_org_change_delete_place (inverse, id);
        }
    }
}

/* Whom a conflict names: the unit whose boundary changed. */
static gboolean
boundary_conflict (ShequOrgStore  *self,
                   gint64          unit_id,
                   GError        **error)
{
  ShequUnit *unit = g_hash_table_lookup (self->units, &unit_id);

  _shequ_org_store_set_conflict_error (error, unit != NULL ? unit->name : "?");
  return FALSE;
}

gboolean
_shequ_org_store_check_expected_geo (ShequOrgStore   *self,
                                     ShequOrgChange  *expected,
                                     GError         **error)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  for (guint i = 0, n = _shequ_org_rows_get_n (&expected->boundary_puts); i < n; i++)
    {
      ShequOrgBoundaryPut *put = _shequ_org_rows_get (&expected->boundary_puts, i);
      ShequGeoShape *now = g_hash_table_lookup (self->boundaries, &put->unit_id);

      if (now == NULL || !_shequ_geo_shape_equal (now, put->shape))
        return boundary_conflict (self, put->unit_id, error);
    }
  for (guint i = 0, n = _shequ_org_rows_get_n (&expected->boundary_deletes); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (&expected->boundary_deletes, i);

      if (g_hash_table_contains (self->boundaries, &id))
        return boundary_conflict (self, id, error);
    }
  for (guint i = 0, n = _shequ_org_rows_get_n (&expected->place_puts); i < n; i++)
    {
      ShequPlaceRow *want = _shequ_org_rows_get (&expected->place_puts, i);
      ShequPlaceRow *now = g_hash_table_lookup (self->places, &want->id);

      if (now == NULL || !place_row_equal (now, want))
        {
          _shequ_org_store_set_conflict_error (error, want->name);
          return FALSE;
        }
    }
  for (guint i = 0, n = _shequ_org_rows_get_n (&expected->place_deletes); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (&expected->place_deletes, i);
      ShequPlaceRow *now = g_hash_table_lookup (self->places, &id);

      if (now != NULL)
        {
          _shequ_org_store_set_conflict_error (error, now->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* The objects */

/* Drops the entries of TABLE, keyed by id, that IDS names. */
static void
remove_ids (GHashTable   *table,
            ShequOrgRows *ids)
{
  for (guint i = 0, n = _shequ_org_rows_get_n (ids); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (ids, i);

      g_hash_table_remove (table, &id);
    }
}

void
_shequ_org_store_update_geo_objects (ShequOrgStore  *self,
                                     ShequOrgChange *change)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  remove_ids (self->boundaries, &change->boundary_deletes);
  for (guint i = 0, n = _shequ_org_rows_get_n (&change->boundary_puts); i < n; i++)
    {
      ShequOrgBoundaryPut *put = _shequ_org_rows_get (&change->boundary_puts, i);

      g_hash_table_replace (self->boundaries, _shequ_org_store_id_key (put->unit_id),
                            shequ_geo_shape_ref (put->shape));
    }
  if (_shequ_org_rows_get_n (&change->place_deletes) == 0 &&
      _shequ_org_rows_get_n (&change->place_puts) == 0)
    return;
  g_clear_pointer (&self->places_cache, g_ptr_array_unref);
  remove_ids (self->places, &change->place_deletes);
  for (guint i = 0, n = _shequ_org_rows_get_n (&change->place_puts); i < n; i++)
    {
      ShequPlaceRow *row = _shequ_org_rows_get (&change->place_puts, i);

      g_hash_table_replace (self->places, _shequ_org_store_id_key (row->id),
                            shequ_place_row_copy (row));
      self->max_place_id = MAX (self->max_place_id, row->id);
    }
}

/* Other programs */

void
_shequ_org_store_diff_geo (ShequOrgStore  *self,
                           Snapshot       *snap,
                           ShequOrgChange *diff)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert (SHEQU_IS_ORG_STORE (self));

  g_hash_table_iter_init (&iter, snap->boundaries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequGeoShape *now = g_hash_table_lookup (self->boundaries, key);

      if (now == NULL || !_shequ_geo_shape_equal (now, value))
        shequ_org_change_put_boundary (diff, *(gint64 *) key, value);
    }
  g_hash_table_iter_init (&iter, self->boundaries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (snap->boundaries, key))
      shequ_org_change_delete_boundary (diff, *(gint64 *) key);

  g_hash_table_iter_init (&iter, snap->places);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPlaceRow *now = g_hash_table_lookup (self->places, key);

      if (now == NULL || !place_row_equal (now, value))
        shequ_org_change_put_place (diff, shequ_place_row_copy (value));
    }
  g_hash_table_iter_init (&iter, self->places);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (snap->places, key))
      shequ_org_change_delete_place (diff, *(gint64 *) key);
}

void
_shequ_org_store_remap_geo (ShequOrgStore  *self,
                            ShequOrgChange *change,
                            ShequOrgChange *before,
                            GHashTable     *units)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert (SHEQU_IS_ORG_STORE (self));

  /* New ids are above every id in use, so no rekey meets a key still taken. */
  g_hash_table_iter_init (&iter, units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 from = *(gint64 *) key, to = *(gint64 *) value;

      if (_shequ_org_rows_contains (&change->boundary_puts, from))
        _shequ_org_rows_rekey (&change->boundary_puts, from, to);
      if (_shequ_org_rows_contains (&before->boundary_deletes, from))
        _shequ_org_rows_rekey (&before->boundary_deletes, from, to);
    }
  for (guint i = 0, n = _shequ_org_rows_get_n (&change->place_puts); i < n; i++)
    {
      ShequPlaceRow *row = _shequ_org_rows_get (&change->place_puts, i);
      gint64 *to = g_hash_table_lookup (units, &row->unit_id);

      if (to != NULL)
        row->unit_id = *to;
    }
}
