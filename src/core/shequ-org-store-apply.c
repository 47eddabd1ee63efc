/* shequ-org-store-apply.c — applying a change: the transaction, its hooks, the objects */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

static void update_objects (ShequOrgStore  *self,
                            ShequOrgChange *change);

/* A change this large is bulk whether or not it says so. */
#define BULK_ROWS 100
#define UNDO_LIMIT 100

/* Adds the unit rows of UNITS to CHANGE parents first (a stable sort by depth in the
 * tree as it is now), then frees the array. */
static void
put_units_parents_first (ShequOrgStore  *self,
                         ShequOrgChange *change,
                         GPtrArray      *units)
{
  g_autoptr(GHashTable) depths = g_hash_table_new (NULL, NULL);

  g_assert (SHEQU_IS_ORG_STORE (self));

  for (guint i = 0; i < units->len; i++)
    {
      ShequUnitRow *row = g_ptr_array_index (units, i);
      ShequUnit *unit = g_hash_table_lookup (self->units, &row->id);

      g_hash_table_insert (depths, row, GUINT_TO_POINTER (shequ_unit_get_depth (unit)));
    }
  _shequ_org_store_sort_by_depth (units, depths);
  for (guint i = 0; i < units->len; i++)
    shequ_org_change_put_unit (change, g_ptr_array_index (units, i));
  g_ptr_array_free (units, TRUE);
}

/* The before-images of what CHANGE touches: the change that puts every row back as it
 * is now and deletes the rows it adds, parents first. It is the
 * undo of CHANGE, or its redo, as ORIGIN says. */
static ShequOrgChange *
make_inverse (ShequOrgStore  *self,
              ShequOrgChange *change,
              ShequOrgOrigin  origin)
{
  ShequOrgChange *inverse = shequ_org_change_new (origin, change->label);
  ShequOrgRows *unit_sets[] = { &change->unit_puts, &change->unit_deletes };
  ShequOrgRows *person_sets[] = { &change->person_puts, &change->person_deletes };
  ShequOrgRows *post_sets[] = { &change->post_puts, &change->post_deletes };
  GPtrArray *units = g_ptr_array_new ();

  g_assert (SHEQU_IS_ORG_STORE (self));

  for (guint s = 0; s < 2; s++)
    for (guint i = 0, n = _shequ_org_rows_get_n (unit_sets[s]); i < n; i++)
      {
        gint64 id = _shequ_org_rows_get_id (unit_sets[s], i);
        ShequUnit *unit = g_hash_table_lookup (self->units, &id);

        if (unit != NULL)
          g_ptr_array_add (units, shequ_unit_to_row (unit));
      }
  put_units_parents_first (self, inverse, units);

  for (guint s = 0; s < 2; s++)
    {
      for (guint i = 0, n = _shequ_org_rows_get_n (person_sets[s]); i < n; i++)
        {
          gint64 id = _shequ_org_rows_get_id (person_sets[s], i);
          ShequPerson *person = g_hash_table_lookup (self->persons, &id);

          if (person != NULL)
            shequ_org_change_put_person (inverse, shequ_person_to_row (person));
        }
      for (guint i = 0, n = _shequ_org_rows_get_n (post_sets[s]); i < n; i++)
        {
          gint64 id = _shequ_org_rows_get_id (post_sets[s], i);
          ShequPost *post = g_hash_table_lookup (self->posts, &id);

          if (post != NULL)
            shequ_org_change_put_post (inverse, shequ_post_to_row (post));
        }
    }

  /* The rows CHANGE adds go, in its order: parents first. */
  for (guint i = 0, n = _shequ_org_rows_get_n (&change->unit_puts); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (&change->unit_puts, i);

      if (!g_hash_table_contains (self->units, &id))
        shequ_org_change_delete_unit (inverse, id);
    }
  for (guint i = 0, n = _shequ_org_rows_get_n (&change->person_puts); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (&change->person_puts, i);

      if (!g_hash_table_contains (self->persons, &id))
        shequ_org_change_delete_person (inverse, id);
    }
  for (guint i = 0, n = _shequ_org_rows_get_n (&change->post_puts); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (&change->post_puts, i);

      if (!g_hash_table_contains (self->posts, &id))
        shequ_org_change_delete_post (inverse, id);
    }
  _shequ_org_store_geo_inverse (self, change, inverse);
  /* Undoing an import is as bulk as the import. */
  inverse->bulk = change->bulk;
  return inverse;
}

static void
notify_undo_state (ShequOrgStore *self)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_REDO_LABEL]);
}

void
_shequ_org_store_refresh_objects (ShequOrgStore  *self,
                                  ShequOrgChange *diff)
{
  guint n_units = g_hash_table_size (self->units);

  g_return_if_fail (SHEQU_IS_ORG_STORE (self));

  update_objects (self, diff);
  if (n_units != g_hash_table_size (self->units))
    g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_N_UNITS]);
}

/* One change on its way through the write transaction. */
typedef struct {
  ShequOrgStore  *self;
  ShequOrgChange *change;
  ShequOrgChange *before;    /* its before-images, taken before the transaction */
  ShequOrgChange *refresh;   /* out: another program's rows, read in meanwhile */
} Transaction;

/* Inside the write lock: has another program committed since we last read? Then its
 * rows go into the objects, and CHANGE (with BEFORE) is rebased onto them, or refused
 * when it updates or deletes a row the other program changed. */
static gboolean
rebase_on_other_commits (Transaction  *txn,
                         GError      **error)
{
  ShequOrgStore *self = txn->self;
  g_auto(Snapshot) snap = { NULL };
  g_autoptr(GError) local = NULL;
  gint64 version = 0;
  gboolean current;

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (!_shequ_org_store_read_data_version (self, &version, error))
    return FALSE;
  if (version == self->data_version)
    return TRUE;

  if (!_shequ_org_store_load_snapshot (self, &snap, error) ||
      !(txn->refresh = _shequ_org_store_make_refresh_diff (self, &snap, error)))
    return FALSE;
  current = _shequ_org_store_check_before_images (self, txn->change, txn->before, &snap, &local);
  update_objects (self, txn->refresh);
  self->data_version = version;
  if (!current)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  _shequ_org_store_remap_new_ids (self, txn->change, txn->before);
  if (!_shequ_org_store_validate_change (self, txn->change, &local))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT,
                   _("Another program changed the database meanwhile, and the change no "
                     "longer fits: %s Your change was not saved; the view now shows the "
                     "current data."),
                   local->message);
      return FALSE;
    }
  return TRUE;
}

/* Each hook in the order added; the first that fails stops the change. */
static gboolean
run_hooks (ShequOrgStore   *self,
           ShequOrgChange  *change,
           ShequOrgChange  *before,
           GError         **error)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  /* Hooks cannot add or remove hooks meanwhile: the list stays as it is. */
  self->running_hooks = TRUE;
  for (guint i = 0; i < self->hooks->len; i++)
    {
      ShequOrgStoreHookEntry *entry = &g_array_index (self->hooks, ShequOrgStoreHookEntry, i);
      g_autoptr(GError) local = NULL;

      if (entry->func (self, change, before, entry->data, &local))
        continue;
      self->running_hooks = FALSE;
      if (local == NULL)
        {
          g_critical ("A hook of the organisation store failed without an error");
          local = g_error_new_literal (SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                                       _("The change could not be recorded."));
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  self->running_hooks = FALSE;
  return TRUE;
}

static gboolean
write_in_transaction (ShequDatabase  *db,
                      gpointer        data,
                      GError        **error)
{
  Transaction *txn = data;
  ShequOrgChange *change = txn->change;

  g_assert (SHEQU_IS_DATABASE (db));

  /* Nothing goes in bulk into a damaged file: it would hide the damage under new rows. */
  if ((change->bulk || _shequ_org_change_get_size (change) >= BULK_ROWS) &&
      !shequ_database_quick_check (db, error))
    return FALSE;

  return rebase_on_other_commits (txn, error) &&
         _shequ_org_store_write_change (txn->self, change, error) &&
         run_hooks (txn->self, change, txn->before, error);
}

/* Validates, writes and applies CHANGE (borrowed). Returns its before-images on
 * success, with INVERSE_ORIGIN: they are the change's undo (or redo).
 * EXPECTED (nullable) are the rows the objects must hold first (see replay()).
 * REFRESH receives the rows of other programs read in, even on failure. */
static ShequOrgChange *
apply_change (ShequOrgStore   *self,
              ShequOrgChange  *change,
              ShequOrgChange  *expected,
              ShequOrgOrigin   inverse_origin,
              ShequOrgChange **refresh,
              GError         **error)
{
  g_autoptr(ShequOrgChange) before = NULL;
  guint n_units = g_hash_table_size (self->units);
  Transaction txn = { self, change, NULL, NULL };
  gboolean ok;

  g_assert (SHEQU_IS_ORG_STORE (self));

  g_clear_pointer (&self->remapped_units, g_hash_table_unref);
  g_clear_pointer (&self->remapped_posts, g_hash_table_unref);
  if (expected != NULL && !_shequ_org_store_check_expected_images (self, expected, error))
    return NULL;
  if (!_shequ_org_store_validate_change (self, change, error))
    return NULL;
  _shequ_org_store_add_geo_cascades (self, change);
  /* The rows as the change's author saw them, before anyone else's may be read in. */
  txn.before = before = make_inverse (self, change, inverse_origin);

  ok = shequ_database_write (self->db, write_in_transaction, &txn, error);
  *refresh = txn.refresh;
  if (ok)
    update_objects (self, change);
  if (n_units != g_hash_table_size (self->units))
    g_object_notify_by_pspec (G_OBJECT (self), _shequ_org_store_properties[PROP_N_UNITS]);
  return ok ? g_steal_pointer (&before) : NULL;
}

/* Tells "applied" what changed in the objects: another program's rows read in on the
 * way (REFRESH, nullable, taken), then CHANGE (nullable). */
static void
emit_applied (ShequOrgStore  *self,
              ShequOrgChange *refresh,
              ShequOrgChange *change)
{
  g_autoptr(ShequOrgChange) owned_refresh = refresh;
  g_autoptr(ShequOrgChange) held = change != NULL ? shequ_org_change_ref (change) : NULL;

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (refresh != NULL && !shequ_org_change_is_empty (refresh))
    g_signal_emit (self, _shequ_org_store_signals[APPLIED], 0, refresh);
  if (held != NULL)
    g_signal_emit (self, _shequ_org_store_signals[APPLIED], 0, held);
}

gboolean
shequ_org_store_apply (ShequOrgStore   *self,
                       ShequOrgChange  *change,
                       GError         **error)
{
  g_autoptr(ShequOrgChange) owned = change;
  ShequOrgChange *refresh = NULL;
  ShequOrgChange *inverse;
  UndoEntry *entry;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (!self->running_hooks, FALSE);

  if (shequ_org_change_is_empty (change))
    return TRUE;

  if (!(inverse = apply_change (self, change, NULL, SHEQU_ORG_ORIGIN_UNDO, &refresh, error)))
    {
      emit_applied (self, refresh, NULL);
      return FALSE;
    }

  entry = g_new0 (UndoEntry, 1);
  entry->undo = inverse;
  entry->redo = g_steal_pointer (&owned);
  g_queue_push_head (&self->undo_stack, entry);
  while (g_queue_get_length (&self->undo_stack) > UNDO_LIMIT)
    _shequ_org_store_undo_entry_free (g_queue_pop_tail (&self->undo_stack));
  _shequ_org_store_clear_stack (&self->redo_stack);
  notify_undo_state (self);

  emit_applied (self, refresh, entry->redo);
  return TRUE;
}

static gboolean
replay (ShequOrgStore  *self,
        GQueue         *from,
        GQueue         *to,
        gboolean        undo,
        GError        **error)
{
  UndoEntry *entry = g_queue_peek_head (from);
  g_autoptr(ShequOrgChange) change = NULL;
  ShequOrgChange *refresh = NULL;
  ShequOrgChange *inverse;

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (entry == NULL)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOTHING_TO_UNDO,
                   undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }

  /* The other half of the entry holds the rows as its last step left them: if they are
   * not so now, another program changed them, and undo must not overwrite that. */
  change = shequ_org_change_ref (undo ? entry->undo : entry->redo);
  if (!(inverse = apply_change (self, change, undo ? entry->redo : entry->undo,
                                undo ? SHEQU_ORG_ORIGIN_REDO : SHEQU_ORG_ORIGIN_UNDO,
                                &refresh, error)))
    {
      emit_applied (self, refresh, NULL);
      return FALSE;
    }

  /* The fresh inverse describes the state just left, exactly. */
  if (undo)
    {
      shequ_org_change_unref (entry->redo);
      entry->redo = inverse;
    }
  else
    {
      shequ_org_change_unref (entry->undo);
      entry->undo = inverse;
    }
  g_queue_pop_head (from);
  g_queue_push_head (to, entry);
  notify_undo_state (self);

  emit_applied (self, refresh, change);
  return TRUE;
}

gboolean
shequ_org_store_undo (ShequOrgStore  *self,
                      GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (!self->running_hooks, FALSE);
  return replay (self, &self->undo_stack, &self->redo_stack, TRUE, error);
}

gboolean
shequ_org_store_redo (ShequOrgStore  *self,
                      GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (!self->running_hooks, FALSE);
  return replay (self, &self->redo_stack, &self->undo_stack, FALSE, error);
}

gboolean
shequ_org_store_get_can_undo (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  return !g_queue_is_empty (&self->undo_stack);
}

gboolean
shequ_org_store_get_can_redo (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  return !g_queue_is_empty (&self->redo_stack);
}

const char *
shequ_org_store_get_undo_label (ShequOrgStore *self)
{
  UndoEntry *entry;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  entry = g_queue_peek_head (&self->undo_stack);
  return entry ? entry->redo->label : NULL;
}

const char *
shequ_org_store_get_redo_label (ShequOrgStore *self)
{
  UndoEntry *entry;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  entry = g_queue_peek_head (&self->redo_stack);
  return entry ? entry->redo->label : NULL;
}

static void
update_violation (ShequOrgStore *self,
                  ShequUnit     *unit,
                  gboolean       present)
{
  gboolean wanted = present && !unit->compliant;

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (unit->in_violations == wanted)
    return;
  unit->in_violations = wanted;
  if (wanted)
    _shequ_sorted_insert (self->violations, self->violations_model, unit,
                          _shequ_unit_compare_code);
  else
    _shequ_sorted_remove (self->violations, self->violations_model, unit);
}

static void
detach_unit (ShequOrgStore *self,
             ShequUnit     *unit,
             GHashTable    *dirty)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  if (unit->parent != NULL)
    {
      g_hash_table_add (dirty, unit->parent);
      _shequ_unit_remove_child (unit->parent, unit);
    }
  else
    _shequ_sorted_remove (self->roots, self->roots_model, unit);
}

static void
attach_unit (ShequOrgStore *self,
             ShequUnit     *unit,
             gint64         parent_id,
             GHashTable    *dirty)
{
  if (parent_id != 0)
    {
      ShequUnit *parent = g_hash_table_lookup (self->units, &parent_id);

      g_assert (parent != NULL);
      _shequ_unit_insert_child (parent, unit);
      g_hash_table_add (dirty, parent);
    }
  else
    {
      unit->parent = NULL;
      _shequ_sorted_insert (self->roots, self->roots_model, unit, _shequ_unit_compare_code);
    }
}

static void
set_figure (ShequUnit     *unit,
            gint64        *field,
            gint64         value,
            ShequUnitProp  prop)
{
  g_assert (SHEQU_IS_UNIT (unit));

  if (*field == value)
    return;
  *field = value;
  _shequ_unit_notify (unit, prop);
}

static void
remove_post_links (ShequPost  *post,
                   GHashTable *dirty)
{
  g_assert (SHEQU_IS_POST (post));

  _shequ_unit_remove_post (post->unit, post);
  _shequ_person_remove_post (post->person, post);
  g_hash_table_add (dirty, post->unit);
}

static void
add_post_links (ShequPost  *post,
                GHashTable *dirty)
{
  g_assert (SHEQU_IS_POST (post));

  _shequ_unit_add_post (post->unit, post);
  _shequ_person_add_post (post->person, post);
  g_hash_table_add (dirty, post->unit);
}

static int
compare_depth_desc (gconstpointer a,
                    gconstpointer b)
{
  guint da = shequ_unit_get_depth (*(ShequUnit **)a);
  guint db = shequ_unit_get_depth (*(ShequUnit **)b);

  return (db > da) - (db < da);
}

static int
compare_depth_asc (gconstpointer a,
                   gconstpointer b)
{
  return -compare_depth_desc (a, b);
}

/* One update of the objects to a change already in the database, step by step. */
typedef struct {
  ShequOrgStore  *self;
  ShequOrgChange *change;
  GHashTable     *dirty;       /* units whose roll-ups to recompute */
  GPtrArray      *to_attach;   /* units to put (back) under their parent */
  /* Objects leaving the store: kept alive until the end, looked up by pointer. */
  GHashTable     *graveyard;
} ObjectUpdate;

static void
remove_leaving_posts (ObjectUpdate *up)
{
  ShequOrgStore *self = up->self;
  ShequOrgRows *deletes = &up->change->post_deletes;

  for (guint i = 0, n = _shequ_org_rows_get_n (deletes); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (deletes, i);
      ShequPost *post = g_hash_table_lookup (self->posts, &id);

      if (post == NULL)
        continue;
      remove_post_links (post, up->dirty);
      g_hash_table_steal (self->posts, &id);
      g_hash_table_add (up->graveyard, post);
    }
}

/* Units leaving their place: moved, re-coded or deleted. */
static void
remove_leaving_units (ObjectUpdate *up)
{
  ShequOrgStore *self = up->self;
  ShequOrgRows *puts = &up->change->unit_puts;
  ShequOrgRows *deletes = &up->change->unit_deletes;
  g_autoptr(GPtrArray) leaving = g_ptr_array_new ();

  for (guint i = 0, n = _shequ_org_rows_get_n (puts); i < n; i++)
    {
      ShequUnitRow *row = _shequ_org_rows_get (puts, i);
      ShequUnit *unit = g_hash_table_lookup (self->units, &row->id);
      gint64 parent_id = unit && unit->parent ? unit->parent->id : 0;

      if (unit != NULL && (parent_id != row->parent_id || strcmp (unit->code, row->code) != 0))
        {
          detach_unit (self, unit, up->dirty);
          g_ptr_array_add (up->to_attach, unit);
        }
    }
  /* Parents first, whatever the change's order: a view then drops a whole subtree
   * with its top, never meets a child whose parent is half gone. */
  for (guint i = 0, n = _shequ_org_rows_get_n (deletes); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (deletes, i);
      ShequUnit *unit = g_hash_table_lookup (self->units, &id);

      if (unit != NULL)
        g_ptr_array_add (leaving, unit);
    }
  g_ptr_array_sort (leaving, compare_depth_asc);
  for (guint i = 0; i < leaving->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (leaving, i);

      if (!g_ptr_array_find (up->to_attach, unit, NULL))
        detach_unit (self, unit, up->dirty);
      update_violation (self, unit, FALSE);
      if (g_hash_table_lookup (self->codes, unit->code) == unit)
        g_hash_table_remove (self->codes, unit->code);
      g_hash_table_steal (self->units, &unit->id);
      g_hash_table_add (up->graveyard, unit);
    }
}

/* The code tables are keyed by the objects' own strings: replace, never insert, so a
 * key is never a string that a swap of codes frees. */
static void
update_unit (ShequOrgStore *self,
             ShequUnit     *unit,
             ShequUnitRow  *row)
{
  g_assert (SHEQU_IS_ORG_STORE (self));

  if (strcmp (unit->code, row->code) != 0)
    {
      if (g_hash_table_lookup (self->codes, unit->code) == unit)
        g_hash_table_remove (self->codes, unit->code);
      _shequ_unit_set_string (unit, &unit->code, row->code, SHEQU_UNIT_PROP_CODE);
      g_hash_table_replace (self->codes, unit->code, unit);
    }
  _shequ_unit_set_string (unit, &unit->name, row->name, SHEQU_UNIT_PROP_NAME);
  _shequ_unit_set_string (unit, &unit->party_body, row->party_body, SHEQU_UNIT_PROP_PARTY_BODY);
  _shequ_unit_set_string (unit, &unit->service_body, row->service_body,
                          SHEQU_UNIT_PROP_SERVICE_BODY);
  _shequ_unit_set_string (unit, &unit->note, row->note, SHEQU_UNIT_PROP_NOTE);
  if (unit->tier != row->tier)
    {
      unit->tier = row->tier;
      _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TIER);
      _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TIER_LABEL);
    }
  set_figure (unit, &unit->population, row->population, SHEQU_UNIT_PROP_POPULATION);
  set_figure (unit, &unit->households, row->households, SHEQU_UNIT_PROP_HOUSEHOLDS);
}

/* Units arriving or changing, then every unit that left its place put in its new one. */
static void
put_units (ObjectUpdate *up)
{
  ShequOrgStore *self = up->self;
  ShequOrgRows *puts = &up->change->unit_puts;

  for (guint i = 0, n = _shequ_org_rows_get_n (puts); i < n; i++)
    {
      ShequUnitRow *row = _shequ_org_rows_get (puts, i);
      ShequUnit *unit = g_hash_table_lookup (self->units, &row->id);

      if (unit == NULL)
        {
          unit = _shequ_unit_new (row);
          g_hash_table_insert (self->units, &unit->id, unit);
          g_hash_table_replace (self->codes, unit->code, unit);
          g_ptr_array_add (up->to_attach, unit);
          self->max_unit_id = MAX (self->max_unit_id, unit->id);
        }
      else
        update_unit (self, unit, row);
      g_hash_table_add (up->dirty, unit);
    }

  for (guint i = 0; i < up->to_attach->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (up->to_attach, i);
      ShequUnitRow *row = _shequ_org_rows_lookup (puts, unit->id);

      attach_unit (self, unit, row->parent_id, up->dirty);
    }
}

static void
set_person_string (ShequPerson     *person,
                   char           **field,
                   const char      *value,
                   ShequPersonProp  prop)
{
  g_assert (SHEQU_IS_PERSON (person));

  if (g_strcmp0 (*field, value ? value : "") == 0)
    return;
  g_free (*field);
  *field = g_strdup (value ? value : "");
  _shequ_person_notify (person, prop);
}

static void
update_person (ObjectUpdate   *up,
               ShequPerson    *person,
               ShequPersonRow *row)
{
  ShequOrgStore *self = up->self;

  if (g_strcmp0 (person->code, row->code) != 0)
    {
      if (g_hash_table_lookup (self->person_codes, person->code) == person)
        g_hash_table_remove (self->person_codes, person->code);
      _shequ_sorted_remove (self->people, self->people_model, person);
      g_free (person->code);
      person->code = g_strdup (row->code);
      g_hash_table_replace (self->person_codes, person->code, person);
      _shequ_sorted_insert (self->people, self->people_model, person,
                            _shequ_org_store_compare_person_code);
      _shequ_person_notify (person, SHEQU_PERSON_PROP_CODE);
    }
  if (g_strcmp0 (person->name, row->name) != 0)
    {
      g_free (person->name);
      person->name = g_strdup (row->name);
      g_clear_pointer (&person->search_key, g_free);
      person->search_key_ready = FALSE;
      _shequ_person_notify (person, SHEQU_PERSON_PROP_NAME);
      for (guint i = 0; i < person->posts->len; i++)
        {
          ShequPost *post = g_ptr_array_index (person->posts, i);

          _shequ_post_notify (post, SHEQU_POST_PROP_PERSON_NAME);
          g_hash_table_add (up->dirty, post->unit);
        }
    }
  set_person_string (person, &person->phone, row->phone, SHEQU_PERSON_PROP_PHONE);
  set_person_string (person, &person->note, row->note, SHEQU_PERSON_PROP_NOTE);
}

static void
update_people (ObjectUpdate *up)
{
  ShequOrgStore *self = up->self;
  ShequOrgRows *deletes = &up->change->person_deletes;
  ShequOrgRows *puts = &up->change->person_puts;

  for (guint i = 0, n = _shequ_org_rows_get_n (deletes); i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (deletes, i);
      ShequPerson *person = g_hash_table_lookup (self->persons, &id);

      if (person == NULL)
        continue;
      if (g_hash_table_lookup (self->person_codes, person->code) == person)
        g_hash_table_remove (self->person_codes, person->code);
      _shequ_sorted_remove (self->people, self->people_model, person);
      g_hash_table_steal (self->persons, &id);
      g_hash_table_add (up->graveyard, person);
    }
  for (guint i = 0, n = _shequ_org_rows_get_n (puts); i < n; i++)
    {
      ShequPersonRow *row = _shequ_org_rows_get (puts, i);
      ShequPerson *person = g_hash_table_lookup (self->persons, &row->id);

      if (person != NULL)
        {
          update_person (up, person, row);
          continue;
        }
      person = _shequ_person_new (row);
      g_hash_table_insert (self->persons, &person->id, person);
      g_hash_table_replace (self->person_codes, person->code, person);
      _shequ_sorted_insert (self->people, self->people_model, person,
                            _shequ_org_store_compare_person_code);
      self->max_person_id = MAX (self->max_person_id, person->id);
    }
}

static void
update_post (ObjectUpdate *up,
             ShequPost    *post,
             ShequPostRow *row)
{
  ShequPerson *person = g_hash_table_lookup (up->self->persons, &row->person_id);
  ShequUnit *unit = g_hash_table_lookup (up->self->units, &row->unit_id);

  if (post->person != person || post->unit != unit || post->role != row->role)
    {
      gboolean role_changed = post->role != row->role;

      remove_post_links (post, up->dirty);
      post->person = person;
      post->unit = unit;
      post->role = row->role;
      add_post_links (post, up->dirty);
      _shequ_post_notify (post, SHEQU_POST_PROP_PERSON);
      _shequ_post_notify (post, SHEQU_POST_PROP_PERSON_NAME);
      _shequ_post_notify (post, SHEQU_POST_PROP_UNIT);
      if (role_changed)
        {
          _shequ_post_notify (post, SHEQU_POST_PROP_ROLE);
          _shequ_post_notify (post, SHEQU_POST_PROP_ROLE_LABEL);
        }
    }
  if (g_strcmp0 (post->title, row->title ? row->title : "") != 0)
    {
      g_free (post->title);
      post->title = g_strdup (row->title ? row->title : "");
      _shequ_post_notify (post, SHEQU_POST_PROP_TITLE);
    }
}

/* Posts arriving or changing. */
static void
put_posts (ObjectUpdate *up)
{
  ShequOrgStore *self = up->self;
  ShequOrgRows *puts = &up->change->post_puts;

  for (guint i = 0, n = _shequ_org_rows_get_n (puts); i < n; i++)
    {
      ShequPostRow *row = _shequ_org_rows_get (puts, i);
      ShequPost *post = g_hash_table_lookup (self->posts, &row->id);

      if (post != NULL)
        {
          update_post (up, post, row);
          continue;
        }
      post = _shequ_post_new (row->id, g_hash_table_lookup (self->persons, &row->person_id),
                              g_hash_table_lookup (self->units, &row->unit_id),
                              row->role, row->title);
      g_hash_table_insert (self->posts, &post->id, post);
      add_post_links (post, up->dirty);
      self->max_post_id = MAX (self->max_post_id, post->id);
    }
}

/* Roll-ups: every dirty unit and its ancestors, deepest first. */
static void
update_rollups (ObjectUpdate *up)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, up->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequUnit *unit = key;

      if (g_hash_table_contains (up->graveyard, unit))
        continue;
      for (ShequUnit *u = unit; u != NULL && g_hash_table_add (seen, u); u = u->parent)
        g_ptr_array_add (order, u);
    }
  g_ptr_array_sort (order, compare_depth_desc);
  for (guint i = 0; i < order->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (order, i);

      _shequ_org_store_compute_rollup (unit, TRUE);
      update_violation (up->self, unit, TRUE);
    }
}

/* Brings the objects in line with CHANGE, which is already in the database. */
static void
update_objects (ShequOrgStore  *self,
                ShequOrgChange *change)
{
  g_autoptr(GHashTable) dirty = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) to_attach = g_ptr_array_new ();
  g_autoptr(GHashTable) graveyard = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  ObjectUpdate up = { self, change, dirty, to_attach, graveyard };

  g_return_if_fail (SHEQU_IS_ORG_STORE (self));

  remove_leaving_posts (&up);
  remove_leaving_units (&up);
  put_units (&up);
  update_people (&up);
  put_posts (&up);
  update_rollups (&up);
  _shequ_org_store_update_geo_objects (self, change);

  g_clear_pointer (&self->units_cache, g_ptr_array_unref);
  _shequ_org_store_forget_search_slots (self);
  if (self->search_text != NULL)
    _shequ_org_store_run_search (self);
}
