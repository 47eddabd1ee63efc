/* shequ-org-change.c — a change: the after-images of the rows it touches, in order */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-change"

#include "config.h"

#include "shequ-org-change-private.h"

/* The rows are read by their leading id (see ShequOrgRows). */
G_STATIC_ASSERT (G_STRUCT_OFFSET (ShequUnitRow, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (ShequPersonRow, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (ShequPostRow, id) == 0);

static void boundary_put_free (gpointer data);

G_DEFINE_BOXED_TYPE (ShequOrgChange, shequ_org_change, shequ_org_change_ref,
                     shequ_org_change_unref)

static gint64 *
id_key (gint64 id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  return key;
}

static void
rows_init (ShequOrgRows   *rows,
           GDestroyNotify  free_item)
{
  rows->items = g_ptr_array_new ();
  rows->positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  rows->free_item = free_item;
  rows->n_dropped = 0;
}

static void
rows_clear (ShequOrgRows *rows)
{
  if (rows->free_item != NULL)
    for (guint i = 0; i < rows->items->len; i++)
      if (rows->items->pdata[i] != NULL)
        rows->free_item (rows->items->pdata[i]);
  g_clear_pointer (&rows->items, g_ptr_array_unref);
  g_clear_pointer (&rows->positions, g_hash_table_unref);
}

static gboolean
rows_find (ShequOrgRows *rows,
           gint64        id,
           guint        *position)
{
  guint stored = GPOINTER_TO_UINT (g_hash_table_lookup (rows->positions, &id));

  if (stored == 0)
    return FALSE;
  *position = stored - 1;
  return TRUE;
}

/* Closes the gaps dropped rows left, keeping the order. */
static void
rows_compact (ShequOrgRows *rows)
{
  guint to = 0;

  if (rows->n_dropped == 0)
    return;
  for (guint from = 0; from < rows->items->len; from++)
    {
      gpointer item = rows->items->pdata[from];

      if (item == NULL)
        continue;
      rows->items->pdata[to] = item;
      g_hash_table_insert (rows->positions, id_key (*(gint64 *) item),
                           GUINT_TO_POINTER (to + 1));
      to++;
    }
  g_ptr_array_set_size (rows->items, to);
  rows->n_dropped = 0;
}

/* ITEM NULL: a delete, whose item is its id key. */
static void
rows_add (ShequOrgRows *rows,
          gint64        id,
          gpointer      item)
{
  guint position;

  if (rows_find (rows, id, &position))
    {
      /* First place, last image. */
      if (rows->free_item != NULL && rows->items->pdata[position] != item)
        {
          rows->free_item (rows->items->pdata[position]);
          rows->items->pdata[position] = item;
        }
      return;
    }

  {
    gint64 *key = id_key (id);

    g_ptr_array_add (rows->items, item != NULL ? item : key);
    g_hash_table_insert (rows->positions, key, GUINT_TO_POINTER (rows->items->len));
  }
}

static void
rows_drop (ShequOrgRows *rows,
           gint64        id)
{
  guint position;

  if (!rows_find (rows, id, &position))
    return;
  if (rows->free_item != NULL)
    rows->free_item (rows->items->pdata[position]);
  rows->items->pdata[position] = NULL;
  rows->n_dropped++;
  g_hash_table_remove (rows->positions, &id);
}

guint
_shequ_org_rows_get_n (ShequOrgRows *rows)
{
  rows_compact (rows);
  return rows->items->len;
}

gpointer
_shequ_org_rows_get (ShequOrgRows *rows,
                     guint         position)
{
  rows_compact (rows);
  g_return_val_if_fail (position < rows->items->len, NULL);
  return rows->items->pdata[position];
}

gint64
_shequ_org_rows_get_id (ShequOrgRows *rows,
                        guint         position)
{
  gint64 *id = _shequ_org_rows_get (rows, position);

  return id != NULL ? *id : 0;
}

gpointer
_shequ_org_rows_lookup (ShequOrgRows *rows,
                        gint64        id)
{
  guint position;

  return rows_find (rows, id, &position) ? rows->items->pdata[position] : NULL;
}

gboolean
_shequ_org_rows_contains (ShequOrgRows *rows,
                          gint64        id)
{
  return g_hash_table_contains (rows->positions, &id);
}

void
_shequ_org_rows_rekey (ShequOrgRows *rows,
                       gint64        old_id,
                       gint64        new_id)
{
  gint64 *key = id_key (new_id);
  guint position;

  g_assert (!_shequ_org_rows_contains (rows, new_id));
  if (!rows_find (rows, old_id, &position))
    {
      g_free (key);
      return;
    }
  if (rows->free_item != NULL)
    *(gint64 *) rows->items->pdata[position] = new_id;
  else
    rows->items->pdata[position] = key;
  /* For deletes this frees the old item, replaced above. */
  g_hash_table_remove (rows->positions, &old_id);
  g_hash_table_insert (rows->positions, key, GUINT_TO_POINTER (position + 1));
}

ShequOrgChange *
shequ_org_change_new (ShequOrgOrigin  origin,
                      const char     *label)
{
  ShequOrgChange *change = g_new0 (ShequOrgChange, 1);

  g_return_val_if_fail (origin <= SHEQU_ORG_ORIGIN_REFRESH, NULL);

  g_atomic_ref_count_init (&change->ref_count);
  change->origin = origin;
  change->label = g_strdup (label ? label : "");
  rows_init (&change->unit_puts, (GDestroyNotify) shequ_unit_row_free);
  rows_init (&change->unit_deletes, NULL);
  rows_init (&change->person_puts, (GDestroyNotify) shequ_person_row_free);
  rows_init (&change->person_deletes, NULL);
  rows_init (&change->post_puts, (GDestroyNotify) shequ_post_row_free);
  rows_init (&change->post_deletes, NULL);
  rows_init (&change->boundary_puts, boundary_put_free);
  rows_init (&change->boundary_deletes, NULL);
  rows_init (&change->place_puts, (GDestroyNotify) shequ_place_row_free);
  rows_init (&change->place_deletes, NULL);
  return change;
}

ShequOrgChange *
shequ_org_change_ref (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);
  g_atomic_ref_count_inc (&change->ref_count);
  return change;
}

void
shequ_org_change_unref (ShequOrgChange *change)
{
  g_return_if_fail (change != NULL);

  if (!g_atomic_ref_count_dec (&change->ref_count))
    return;
  g_free (change->label);
  rows_clear (&change->unit_puts);
  rows_clear (&change->unit_deletes);
  rows_clear (&change->person_puts);
  rows_clear (&change->person_deletes);
  rows_clear (&change->post_puts);
  rows_clear (&change->post_deletes);
  rows_clear (&change->boundary_puts);
  rows_clear (&change->boundary_deletes);
  rows_clear (&change->place_puts);
  rows_clear (&change->place_deletes);
  g_free (change);
}

const char *
shequ_org_change_get_label (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);
  return change->label;
}

ShequOrgOrigin
shequ_org_change_get_origin (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, SHEQU_ORG_ORIGIN_UI);
  return change->origin;
}

guint
_shequ_org_change_get_size (ShequOrgChange *change)
{
  return g_hash_table_size (change->unit_puts.positions) +
         g_hash_table_size (change->unit_deletes.positions) +
         g_hash_table_size (change->person_puts.positions) +
         g_hash_table_size (change->person_deletes.positions) +
         g_hash_table_size (change->post_puts.positions) +
         g_hash_table_size (change->post_deletes.positions) +
         g_hash_table_size (change->boundary_puts.positions) +
         g_hash_table_size (change->boundary_deletes.positions) +
         g_hash_table_size (change->place_puts.positions) +
         g_hash_table_size (change->place_deletes.positions);
}

gboolean
shequ_org_change_is_empty (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, TRUE);
  return _shequ_org_change_get_size (change) == 0;
}

void
shequ_org_change_put_unit (ShequOrgChange *change,
                           ShequUnitRow   *row)
{
  g_return_if_fail (change != NULL);
  g_return_if_fail (row != NULL && row->id > 0);
  rows_drop (&change->unit_deletes, row->id);
  rows_add (&change->unit_puts, row->id, row);
}

void
shequ_org_change_delete_unit (ShequOrgChange *change,
                              gint64          unit_id)
{
  g_return_if_fail (change != NULL);
  rows_drop (&change->unit_puts, unit_id);
  rows_add (&change->unit_deletes, unit_id, NULL);
}

void
shequ_org_change_put_person (ShequOrgChange *change,
                             ShequPersonRow *row)
{
  g_return_if_fail (change != NULL);
  g_return_if_fail (row != NULL && row->id > 0);
  rows_drop (&change->person_deletes, row->id);
  rows_add (&change->person_puts, row->id, row);
}

void
shequ_org_change_delete_person (ShequOrgChange *change,
                                gint64          person_id)
{
  g_return_if_fail (change != NULL);
  rows_drop (&change->person_puts, person_id);
  rows_add (&change->person_deletes, person_id, NULL);
}

void
shequ_org_change_put_post (ShequOrgChange *change,
                           ShequPostRow   *row)
{
  g_return_if_fail (change != NULL);
  g_return_if_fail (row != NULL && row->id > 0);
  rows_drop (&change->post_deletes, row->id);
  rows_add (&change->post_puts, row->id, row);
}

void
shequ_org_change_delete_post (ShequOrgChange *change,
                              gint64          post_id)
{
  g_return_if_fail (change != NULL);
  rows_drop (&change->post_puts, post_id);
  rows_add (&change->post_deletes, post_id, NULL);
}

void
shequ_org_change_set_bulk (ShequOrgChange *change,
                           gboolean        bulk)
{
  g_return_if_fail (change != NULL);
  change->bulk = !!bulk;
}

gboolean
shequ_org_change_get_bulk (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, FALSE);
  return change->bulk;
}

/* Reading: the same five accessors for each kind of row. */
#define DEFINE_ROW_ACCESSORS(kind, Row)                                                   \
  guint                                                                                   \
  shequ_org_change_get_n_##kind##_puts (ShequOrgChange *change)                           \
  {                                                                                       \
    g_return_val_if_fail (change != NULL, 0);                                             \
    return _shequ_org_rows_get_n (&change->kind##_puts);                                  \
  }                                                                                       \
  const Row *                                                                             \
  shequ_org_change_get_##kind##_put (ShequOrgChange *change,                              \
                                     guint           position)                            \
  {                                                                                       \
    g_return_val_if_fail (change != NULL, NULL);                                          \
    return _shequ_org_rows_get (&change->kind##_puts, position);                          \
  }                                                                                       \
  const Row *                                                                             \
  shequ_org_change_lookup_##kind (ShequOrgChange *change,                                 \
                                  gint64          id)                                     \
  {                                                                                       \
    g_return_val_if_fail (change != NULL, NULL);                                          \
    return _shequ_org_rows_lookup (&change->kind##_puts, id);                             \
  }                                                                                       \
  guint                                                                                   \
  shequ_org_change_get_n_##kind##_deletes (ShequOrgChange *change)                        \
  {                                                                                       \
    g_return_val_if_fail (change != NULL, 0);                                             \
    return _shequ_org_rows_get_n (&change->kind##_deletes);                               \
  }                                                                                       \
  gint64                                                                                  \
  shequ_org_change_get_##kind##_delete (ShequOrgChange *change,                           \
                                        guint           position)                         \
  {                                                                                       \
    g_return_val_if_fail (change != NULL, 0);                                             \
    return _shequ_org_rows_get_id (&change->kind##_deletes, position);                    \
  }

DEFINE_ROW_ACCESSORS (unit, ShequUnitRow)
DEFINE_ROW_ACCESSORS (person, ShequPersonRow)
DEFINE_ROW_ACCESSORS (post, ShequPostRow)

/* Boundaries: the item is a BoundaryPut, whose leading id is the unit's. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (ShequOrgBoundaryPut, unit_id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (ShequPlaceRow, id) == 0);

static void
boundary_put_free (gpointer data)
{
  ShequOrgBoundaryPut *put = data;

  shequ_geo_shape_unref (put->shape);
  g_free (put);
}

void
shequ_org_change_put_boundary (ShequOrgChange *change,
                               gint64          unit_id,
                               ShequGeoShape  *shape)
{
  ShequOrgBoundaryPut *put;

  g_return_if_fail (change != NULL);
  g_return_if_fail (unit_id > 0);
  g_return_if_fail (shape != NULL);

  put = g_new (ShequOrgBoundaryPut, 1);
  put->unit_id = unit_id;
  put->shape = shequ_geo_shape_ref (shape);
  rows_drop (&change->boundary_deletes, unit_id);
  rows_add (&change->boundary_puts, unit_id, put);
}

void
shequ_org_change_delete_boundary (ShequOrgChange *change,
                                  gint64          unit_id)
{
  g_return_if_fail (change != NULL);
  rows_drop (&change->boundary_puts, unit_id);
  rows_add (&change->boundary_deletes, unit_id, NULL);
}

guint
shequ_org_change_get_n_boundary_puts (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, 0);
  return _shequ_org_rows_get_n (&change->boundary_puts);
}

ShequGeoShape *
shequ_org_change_get_boundary_put (ShequOrgChange *change,
                                   guint           position,
                                   gint64         *unit_id)
{
  ShequOrgBoundaryPut *put;

  g_return_val_if_fail (change != NULL, NULL);
  put = _shequ_org_rows_get (&change->boundary_puts, position);
  if (put == NULL)
    return NULL;
  if (unit_id != NULL)
    *unit_id = put->unit_id;
  return put->shape;
}

ShequGeoShape *
shequ_org_change_lookup_boundary (ShequOrgChange *change,
                                  gint64          unit_id)
{
  ShequOrgBoundaryPut *put;

  g_return_val_if_fail (change != NULL, NULL);
  put = _shequ_org_rows_lookup (&change->boundary_puts, unit_id);
  return put != NULL ? put->shape : NULL;
}

guint
shequ_org_change_get_n_boundary_deletes (ShequOrgChange *change)
{
  g_return_val_if_fail (change != NULL, 0);
  return _shequ_org_rows_get_n (&change->boundary_deletes);
}

gint64
shequ_org_change_get_boundary_delete (ShequOrgChange *change,
                                      guint           position)
{
  g_return_val_if_fail (change != NULL, 0);
  return _shequ_org_rows_get_id (&change->boundary_deletes, position);
}

void
shequ_org_change_put_place (ShequOrgChange *change,
                            ShequPlaceRow  *row)
{
  g_return_if_fail (change != NULL);
  g_return_if_fail (row != NULL && row->id > 0);
  rows_drop (&change->place_deletes, row->id);
  rows_add (&change->place_puts, row->id, row);
}

void
shequ_org_change_delete_place (ShequOrgChange *change,
                               gint64          place_id)
{
  g_return_if_fail (change != NULL);
  rows_drop (&change->place_puts, place_id);
  rows_add (&change->place_deletes, place_id, NULL);
}

DEFINE_ROW_ACCESSORS (place, ShequPlaceRow)
