/* shequ-org-store-rebase.c — another program committed meanwhile: conflicts and fresh ids */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

typedef enum {
  KIND_UNIT,
  KIND_PERSON,
  KIND_POST,
  N_KINDS
} RowKind;

void
_shequ_org_store_set_conflict_error (GError     **error,
                                     const char  *name)
{
  g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT,
               _("“%s” was changed or deleted by another program since it was read; your "
                 "change was not saved. The view now shows the current data."),
               name);
}

static ShequOrgRows *
puts_of (ShequOrgChange *change,
         RowKind         kind)
{
  ShequOrgRows *puts[] = { &change->unit_puts, &change->person_puts, &change->post_puts };

  return puts[kind];
}

static ShequOrgRows *
deletes_of (ShequOrgChange *change,
            RowKind         kind)
{
  ShequOrgRows *deletes[] = {
    &change->unit_deletes, &change->person_deletes, &change->post_deletes
  };

  return deletes[kind];
}

static gboolean
rows_equal (RowKind       kind,
            gconstpointer a,
            gconstpointer b)
{
  switch (kind)
    {
    case KIND_UNIT:   return _shequ_org_store_unit_row_equal (a, b);
    case KIND_PERSON: return _shequ_org_store_person_row_equal (a, b);
    case KIND_POST:   return _shequ_org_store_post_row_equal (a, b);
    case N_KINDS:
    default:          g_assert_not_reached ();
    }
}

/* The row as the objects hold it now (caller frees with free_row()), NULL if absent. */
static gpointer
current_row (ShequOrgStore *self,
             RowKind        kind,
             gint64         id)
{
  gpointer object;

  g_assert (SHEQU_IS_ORG_STORE (self));

  switch (kind)
    {
    case KIND_UNIT:
      object = g_hash_table_lookup (self->units, &id);
      return object != NULL ? shequ_unit_to_row (object) : NULL;
    case KIND_PERSON:
      object = g_hash_table_lookup (self->persons, &id);
      return object != NULL ? shequ_person_to_row (object) : NULL;
    case KIND_POST:
      object = g_hash_table_lookup (self->posts, &id);
      return object != NULL ? shequ_post_to_row (object) : NULL;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
free_row (RowKind  kind,
          gpointer row)
{
  GDestroyNotify free_funcs[] = {
    (GDestroyNotify) shequ_unit_row_free,
    (GDestroyNotify) shequ_person_row_free,
    (GDestroyNotify) shequ_post_row_free,
  };

  free_funcs[kind] (row);
}

/* Whom the user knows ROW by: a unit's or person's name, a post's holder. */
static const char *
row_name (ShequOrgStore *self,
          Snapshot      *snap,
          RowKind        kind,
          gconstpointer  row)
{
  const ShequPostRow *post = row;
  ShequPerson *seen;
  ShequPersonRow *now;

  g_assert (SHEQU_IS_ORG_STORE (self));

  if (kind == KIND_UNIT)
    return ((const ShequUnitRow *) row)->name;
  if (kind == KIND_PERSON)
    return ((const ShequPersonRow *) row)->name;
  seen = g_hash_table_lookup (self->persons, &post->person_id);
  if (seen != NULL)
    return seen->name;
  now = snap != NULL ? g_hash_table_lookup (snap->persons, &post->person_id) : NULL;
  return now != NULL ? now->name : "?";
}

/* The row of KIND that CHANGE updates or deletes and that is no longer as BEFORE says
 * it was (BEFORE's image, or FRESH's for a row the author did not see), or NULL. */
static gconstpointer
find_changed_row (ShequOrgChange *change,
                  ShequOrgChange *before,
                  GHashTable     *fresh_rows,
                  RowKind         kind)
{
  ShequOrgRows *sets[] = { puts_of (change, kind), deletes_of (change, kind) };

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    for (guint i = 0, n = _shequ_org_rows_get_n (sets[s]); i < n; i++)
      {
        gint64 id = _shequ_org_rows_get_id (sets[s], i);
        gconstpointer was = _shequ_org_rows_lookup (puts_of (before, kind), id);
        gconstpointer fresh = g_hash_table_lookup (fresh_rows, &id);

        if (was != NULL && (fresh == NULL || !rows_equal (kind, was, fresh)))
          return was;
        /* Never delete a row the change's author did not see. */
        if (was == NULL && s == 1 && fresh != NULL)
          return fresh;
      }
  return NULL;
}

/* Whether the rows CHANGE updates or deletes are still as BEFORE (the images the change
 * was built against) says they were; the other program's version is in SNAP. */
gboolean
_shequ_org_store_check_before_images (ShequOrgStore   *self,
                                      ShequOrgChange  *change,
                                      ShequOrgChange  *before,
                                      Snapshot        *snap,
                                      GError         **error)
{
  GHashTable *fresh[] = { snap->units, snap->persons, snap->posts };

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);

  for (RowKind kind = 0; kind < N_KINDS; kind++)
    {
      gconstpointer changed = find_changed_row (change, before, fresh[kind], kind);

      if (changed != NULL)
        {
          _shequ_org_store_set_conflict_error (error, row_name (self, snap, kind, changed));
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether the objects hold the rows of KIND as EXPECTED has them. */
static gboolean
check_expected_kind (ShequOrgStore   *self,
                     ShequOrgChange  *expected,
                     RowKind          kind,
                     GError         **error)
{
  ShequOrgRows *puts = puts_of (expected, kind);
  ShequOrgRows *deletes = deletes_of (expected, kind);

  g_assert (SHEQU_IS_ORG_STORE (self));

  for (guint i = 0, n = _shequ_org_rows_get_n (puts); i < n; i++)
    {
      gconstpointer want = _shequ_org_rows_get (puts, i);
      gpointer now = current_row (self, kind, *(const gint64 *) want);
      gboolean same = now != NULL && rows_equal (kind, now, want);

      if (now != NULL)
        free_row (kind, now);
      if (!same)
        {
          _shequ_org_store_set_conflict_error (error, row_name (self, NULL, kind, want));
          return FALSE;
        }
    }
  for (guint i = 0, n = _shequ_org_rows_get_n (deletes); i < n; i++)
    {
      gpointer now = current_row (self, kind, _shequ_org_rows_get_id (deletes, i));

      if (now != NULL)
        {
          _shequ_org_store_set_conflict_error (error, row_name (self, NULL, kind, now));
          free_row (kind, now);
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether the objects are as EXPECTED (the rows an undo entry's last step wrote): an
 * undo never overwrites what another program changed since. */
gboolean
_shequ_org_store_check_expected_images (ShequOrgStore   *self,
                                        ShequOrgChange  *expected,
                                        GError         **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);

  for (RowKind kind = 0; kind < N_KINDS; kind++)
    if (!check_expected_kind (self, expected, kind, error))
      return FALSE;
  return _shequ_org_store_check_expected_geo (self, expected, error);
}

/* New rows of PUTS (deleted by BEFORE_DELETES, the inverse) whose id is now taken in
 * OBJECTS get ids above every id in use, in both; MAP receives old → new. Each row
 * keeps its place in the change. */
static void
remap_new_rows (ShequOrgRows *puts,
                ShequOrgRows *before_deletes,
                GHashTable   *objects,
                gint64       *max_id,
                GHashTable   *map)
{
  guint n = _shequ_org_rows_get_n (puts);
  gint64 next = *max_id;

  for (guint i = 0; i < n; i++)
    next = MAX (next, _shequ_org_rows_get_id (puts, i));

  for (guint i = 0; i < n; i++)
    {
      gint64 id = _shequ_org_rows_get_id (puts, i);

      if (!_shequ_org_rows_contains (before_deletes, id) || !g_hash_table_contains (objects, &id))
        continue;
      g_hash_table_insert (map, _shequ_org_store_id_key (id), _shequ_org_store_id_key (++next));
      _shequ_org_rows_rekey (puts, id, next);
      _shequ_org_rows_rekey (before_deletes, id, next);
    }
  *max_id = next;
}

/* The id a row of the last applied change ended with (a new row may have moved). */
gint64
_shequ_org_store_final_id (GHashTable *map,
                           gint64      id)
{
  gint64 *to = map != NULL ? g_hash_table_lookup (map, &id) : NULL;

  return to != NULL ? *to : id;
}

static void
follow_map (GHashTable *map,
            gint64     *id)
{
  gint64 *to = g_hash_table_lookup (map, id);

  if (to != NULL)
    *id = *to;
}

/* After a refresh: the rows CHANGE inserts whose ids another program took meanwhile get
 * fresh ones, and every reference in CHANGE follows; so do BEFORE's deletes of them,
 * which stay the exact inverse. */
void
_shequ_org_store_remap_new_ids (ShequOrgStore  *self,
                                ShequOrgChange *change,
                                ShequOrgChange *before)
{
  GHashTable *units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) persons = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, g_free);
  GHashTable *posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_return_if_fail (SHEQU_IS_ORG_STORE (self));

  /* Kept, so the edits below find the objects they created by their final ids. */
  g_clear_pointer (&self->remapped_units, g_hash_table_unref);
  g_clear_pointer (&self->remapped_posts, g_hash_table_unref);
  self->remapped_units = units;
  self->remapped_posts = posts;

  remap_new_rows (&change->unit_puts, &before->unit_deletes, self->units, &self->max_unit_id,
                  units);
  remap_new_rows (&change->person_puts, &before->person_deletes, self->persons,
                  &self->max_person_id, persons);
  remap_new_rows (&change->post_puts, &before->post_deletes, self->posts, &self->max_post_id,
                  posts);
  if (g_hash_table_size (units) == 0 && g_hash_table_size (persons) == 0)
    return;
  _shequ_org_store_remap_geo (self, change, before, units);

  for (guint i = 0, n = _shequ_org_rows_get_n (&change->unit_puts); i < n; i++)
    follow_map (units, &((ShequUnitRow *) _shequ_org_rows_get (&change->unit_puts, i))->parent_id);
  for (guint i = 0, n = _shequ_org_rows_get_n (&change->post_puts); i < n; i++)
    {
      ShequPostRow *row = _shequ_org_rows_get (&change->post_puts, i);

      follow_map (units, &row->unit_id);
      follow_map (persons, &row->person_id);
    }
}
