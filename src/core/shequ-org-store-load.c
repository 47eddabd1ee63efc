/* shequ-org-store-load.c — building the objects from the rows read, and what other programs changed */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

int
_shequ_org_store_compare_person_code (gconstpointer a,
                                      gconstpointer b)
{
  const ShequPerson *pa = a, *pb = b;

  return strcmp (pa->code, pb->code);
}

static int
compare_unit_code_indirect (gconstpointer a,
                            gconstpointer b)
{
  return _shequ_unit_compare_code (*(gpointer *)a, *(gpointer *)b);
}


static gboolean
build_tree (ShequOrgStore  *self,
            GArray         *parents,
            GError        **error)
{
  g_autoptr(GPtrArray) order = NULL;

  g_assert (SHEQU_IS_ORG_STORE (self));

  for (guint i = 0; i < parents->len; i++)
    {
      ShequUnit *unit = g_array_index (parents, UnitParent, i).unit;
      gint64 parent_id = g_array_index (parents, UnitParent, i).parent_id;

      if (parent_id == 0)
        g_ptr_array_add (self->roots, unit);
      else
        {
          ShequUnit *parent = g_hash_table_lookup (self->units, &parent_id);

          if (parent == NULL)
            {
              g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                           _("The database “%s” is damaged: the parent of unit %s is missing."),
                           shequ_database_get_path (self->db), unit->code);
              return FALSE;
            }
          unit->parent = parent;
          g_ptr_array_add (parent->children, unit);
        }
    }

  g_ptr_array_sort (self->roots, compare_unit_code_indirect);
  g_list_store_splice (self->roots_model, 0, 0, self->roots->pdata, self->roots->len);

  /* Breadth first from the roots; reversed, every child comes before its parent. */
  order = g_ptr_array_sized_new (g_hash_table_size (self->units));
  g_ptr_array_extend (order, self->roots, NULL, NULL);
  for (guint i = 0; i < order->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (order, i);

      if (unit->children->len > 1)
        g_ptr_array_sort (unit->children, compare_unit_code_indirect);
      g_ptr_array_extend (order, unit->children, NULL, NULL);
    }

  if (order->len != g_hash_table_size (self->units))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                   _("The database “%s” is damaged: %u units are in a loop of parents."),
                   shequ_database_get_path (self->db),
                   g_hash_table_size (self->units) - order->len);
      return FALSE;
    }

  for (guint i = order->len; i > 0; i--)
    {
      ShequUnit *unit = g_ptr_array_index (order, i - 1);

      _shequ_org_store_compute_rollup (unit, FALSE);
      if (!unit->compliant)
        {
          unit->in_violations = TRUE;
          g_ptr_array_add (self->violations, unit);
        }
    }
  g_ptr_array_sort (self->violations, compare_unit_code_indirect);
  g_list_store_splice (self->violations_model, 0, 0,
                       self->violations->pdata, self->violations->len);
  return TRUE;
}

ShequOrgStore *
shequ_org_store_new (ShequDatabase  *db,
                     GError        **error)
{
  g_autoptr(ShequOrgStore) self = NULL;
  g_autoptr(GArray) parents = NULL;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), NULL);

  self = g_object_new (SHEQU_TYPE_ORG_STORE, NULL);
  self->db = g_object_ref (db);
  parents = g_array_new (FALSE, FALSE, sizeof (UnitParent));

  if (!_shequ_org_store_load_all (self, parents, error) ||
      !build_tree (self, parents, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Other programs */

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

gboolean
_shequ_org_store_unit_row_equal (const ShequUnitRow *a,
                                 const ShequUnitRow *b)
{
  return a->id == b->id && a->parent_id == b->parent_id && a->tier == b->tier &&
         same_text (a->code, b->code) && same_text (a->name, b->name) &&
         same_text (a->party_body, b->party_body) &&
         same_text (a->service_body, b->service_body) && same_text (a->note, b->note) &&
         a->population == b->population && a->households == b->households;
}

gboolean
_shequ_org_store_person_row_equal (const ShequPersonRow *a,
                                   const ShequPersonRow *b)
{
  return a->id == b->id && same_text (a->code, b->code) && same_text (a->name, b->name) &&
         same_text (a->phone, b->phone) && same_text (a->note, b->note);
}

gboolean
_shequ_org_store_post_row_equal (const ShequPostRow *a,
                                 const ShequPostRow *b)
{
  return a->id == b->id && a->person_id == b->person_id && a->unit_id == b->unit_id &&
         a->role == b->role && same_text (a->title, b->title);
}

void
_shequ_org_store_snapshot_clear (Snapshot *snap)
{
  g_clear_pointer (&snap->units, g_hash_table_unref);
  g_clear_pointer (&snap->persons, g_hash_table_unref);
  g_clear_pointer (&snap->posts, g_hash_table_unref);
  g_clear_pointer (&snap->boundaries, g_hash_table_unref);
  g_clear_pointer (&snap->places, g_hash_table_unref);
}

gint64 *
_shequ_org_store_id_key (gint64 id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  return key;
}


/* What another program wrote must make a tree, as at open (build_tree()). */
static gboolean
check_snapshot_tree (ShequOrgStore  *self,
                     Snapshot       *snap,
                     GError        **error)
{
  g_autoptr(GHashTable) rooted = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint limit = g_hash_table_size (snap->units) + 1;
  GHashTableIter iter;
  gpointer key, value;

  g_assert (SHEQU_IS_ORG_STORE (self));

  g_hash_table_iter_init (&iter, snap->units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnitRow *row = value;
      guint steps = 0;

      for (ShequUnitRow *cur = row; cur->parent_id != 0 && steps < limit; steps++)
        {
          ShequUnitRow *parent = g_hash_table_lookup (snap->units, &cur->parent_id);

          if (parent == NULL)
            {
              g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                           _("The database “%s” is damaged: the parent of unit %s is missing."),
                           shequ_database_get_path (self->db), cur->code);
              return FALSE;
            }
          if (g_hash_table_contains (rooted, &parent->id))
            break;
          cur = parent;
        }
      if (steps >= limit)
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                       _("The database “%s” is damaged: %u units are in a loop of parents."),
                       shequ_database_get_path (self->db), 1u);
          return FALSE;
        }
      g_hash_table_add (rooted, &row->id);
    }
  return TRUE;
}

/* How deep ROW is in SNAP's tree (checked: no loop, no missing parent); DEPTHS holds
 * the rows measured so far. */
static guint
snapshot_depth (Snapshot     *snap,
                GHashTable   *depths,
                ShequUnitRow *row)
{
  gpointer known;
  guint depth;

  if (row->parent_id == 0)
    return 0;
  if (g_hash_table_lookup_extended (depths, row, NULL, &known))
    return GPOINTER_TO_UINT (known);
  depth = 1 + snapshot_depth (snap, depths, g_hash_table_lookup (snap->units, &row->parent_id));
  g_hash_table_insert (depths, row, GUINT_TO_POINTER (depth));
  return depth;
}

static int
compare_depth (gconstpointer a,
               gconstpointer b,
               gpointer      depths)
{
  guint da = GPOINTER_TO_UINT (g_hash_table_lookup (depths, *(gpointer *) a));
  guint db = GPOINTER_TO_UINT (g_hash_table_lookup (depths, *(gpointer *) b));

  return (da > db) - (da < db);
}

/* Sorts ROWS by DEPTHS (row → depth, absent for 0), keeping the order of equals. */
void
_shequ_org_store_sort_by_depth (GPtrArray  *rows,
                                GHashTable *depths)
{
  g_ptr_array_sort_with_data (rows, compare_depth, depths);
}

/* The units of SNAP that differ from the objects, into DIFF parents first. */
static void
diff_units (ShequOrgStore  *self,
            Snapshot       *snap,
            ShequOrgChange *diff)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GHashTable) depths = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_assert (SHEQU_IS_ORG_STORE (self));

  g_hash_table_iter_init (&iter, snap->units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);
      g_autoptr(ShequUnitRow) now = unit != NULL ? shequ_unit_to_row (unit) : NULL;

      if (now == NULL || !_shequ_org_store_unit_row_equal (now, value))
        {
          /* Depth 0 rows are not stored: their lookups read 0 too. */
          snapshot_depth (snap, depths, value);
          g_ptr_array_add (changed, value);
        }
    }
  _shequ_org_store_sort_by_depth (changed, depths);
  for (guint i = 0; i < changed->len; i++)
    shequ_org_change_put_unit (diff, shequ_unit_row_copy (g_ptr_array_index (changed, i)));
}

/* The change that takes the objects to SNAP: only the rows that differ. */
ShequOrgChange *
_shequ_org_store_make_refresh_diff (ShequOrgStore  *self,
                                    Snapshot       *snap,
                                    GError        **error)
{
  g_autoptr(ShequOrgChange) diff = shequ_org_change_new (SHEQU_ORG_ORIGIN_REFRESH, "");
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  /* The objects need a tree: parents that exist, no loop. */
  if (!check_snapshot_tree (self, snap, error))
    return NULL;

  diff_units (self, snap, diff);
  g_hash_table_iter_init (&iter, self->units);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (snap->units, key))
      shequ_org_change_delete_unit (diff, *(gint64 *) key);

  g_hash_table_iter_init (&iter, snap->persons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);
      g_autoptr(ShequPersonRow) now = person != NULL ? shequ_person_to_row (person) : NULL;

      if (now == NULL || !_shequ_org_store_person_row_equal (now, value))
        shequ_org_change_put_person (diff, shequ_person_row_copy (value));
    }
  g_hash_table_iter_init (&iter, self->persons);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (snap->persons, key))
      shequ_org_change_delete_person (diff, *(gint64 *) key);

  g_hash_table_iter_init (&iter, snap->posts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPost *post = g_hash_table_lookup (self->posts, key);
      g_autoptr(ShequPostRow) now = post != NULL ? shequ_post_to_row (post) : NULL;

      if (now == NULL || !_shequ_org_store_post_row_equal (now, value))
        shequ_org_change_put_post (diff, shequ_post_row_copy (value));
    }
  g_hash_table_iter_init (&iter, self->posts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (snap->posts, key))
      shequ_org_change_delete_post (diff, *(gint64 *) key);

  _shequ_org_store_diff_geo (self, snap, diff);
  return g_steal_pointer (&diff);
}

gboolean
shequ_org_store_refresh (ShequOrgStore  *self,
                         gboolean       *changed,
                         GError        **error)
{
  g_auto(Snapshot) snap = { NULL };
  g_autoptr(ShequOrgChange) diff = NULL;
  gint64 version = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (!self->running_hooks, FALSE);

  if (changed != NULL)
    *changed = FALSE;

  if (!_shequ_org_store_read_changes (self, &version, &snap, error))
    return FALSE;
  if (version != self->data_version &&
      !(diff = _shequ_org_store_make_refresh_diff (self, &snap, error)))
    return FALSE;

  self->data_version = version;
  if (diff == NULL || shequ_org_change_is_empty (diff))
    return TRUE;

  _shequ_org_store_refresh_objects (self, diff);
  if (changed != NULL)
    *changed = TRUE;
  g_signal_emit (self, _shequ_org_store_signals[APPLIED], 0, diff);
  return TRUE;
}
