/* shequ-org-store.c — the organisation in memory, kept in step with the database */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-private.h"
#include "shequ-org-store-private.h"

GParamSpec *_shequ_org_store_properties[N_PROPS];
guint _shequ_org_store_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequOrgStore, shequ_org_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (shequ-org-error-quark, shequ_org_error)

void
_shequ_org_store_undo_entry_free (UndoEntry *entry)
{
  shequ_org_change_unref (entry->undo);
  shequ_org_change_unref (entry->redo);
  g_free (entry);
}

void
_shequ_org_store_clear_stack (GQueue *stack)
{
  UndoEntry *entry;

  while ((entry = g_queue_pop_head (stack)))
    _shequ_org_store_undo_entry_free (entry);
}

static void
clear_hook (gpointer data)
{
  ShequOrgStoreHookEntry *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->data);
}

static void
shequ_org_store_finalize (GObject *object)
{
  ShequOrgStore *self = (ShequOrgStore *)object;

  g_clear_pointer (&self->hooks, g_array_unref);
  _shequ_org_store_clear_stack (&self->undo_stack);
  _shequ_org_store_clear_stack (&self->redo_stack);
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->person_codes, g_hash_table_unref);
  g_clear_pointer (&self->roots, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->violations, g_ptr_array_unref);
  g_clear_pointer (&self->units_cache, g_ptr_array_unref);
  g_clear_object (&self->roots_model);
  g_clear_object (&self->people_model);
  g_clear_object (&self->violations_model);
  g_clear_pointer (&self->posts, g_hash_table_unref);
  g_clear_pointer (&self->persons, g_hash_table_unref);
  g_clear_pointer (&self->units, g_hash_table_unref);
  _shequ_org_store_geo_finalize (self);
  g_clear_pointer (&self->search_text, g_free);
  _shequ_org_store_forget_search_slots (self);
  g_clear_pointer (&self->remapped_units, g_hash_table_unref);
  g_clear_pointer (&self->remapped_posts, g_hash_table_unref);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (shequ_org_store_parent_class)->finalize (object);
}

static void
shequ_org_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShequOrgStore *self = SHEQU_ORG_STORE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:   g_value_set_object (value, self->db); break;
    case PROP_N_UNITS:    g_value_set_uint (value, shequ_org_store_get_n_units (self)); break;
    case PROP_CAN_UNDO:   g_value_set_boolean (value, shequ_org_store_get_can_undo (self)); break;
    case PROP_CAN_REDO:   g_value_set_boolean (value, shequ_org_store_get_can_redo (self)); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, shequ_org_store_get_undo_label (self)); break;
    case PROP_REDO_LABEL: g_value_set_string (value, shequ_org_store_get_redo_label (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_org_store_class_init (ShequOrgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = shequ_org_store_finalize;
  object_class->get_property = shequ_org_store_get_property;

  _shequ_org_store_properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, SHEQU_TYPE_DATABASE, flags);
  _shequ_org_store_properties[PROP_N_UNITS] =
    g_param_spec_uint ("n-units", NULL, NULL, 0, G_MAXUINT, 0, flags);
  _shequ_org_store_properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  _shequ_org_store_properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  _shequ_org_store_properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  _shequ_org_store_properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, _shequ_org_store_properties);

  /**
   * ShequOrgStore::applied:
   * @change: the change, with its label (e.g. "Delete “第一网格”") and origin
   *
   * After every change the objects took in: committed edits, imports, the sample, undo
   * and redo, and another program's rows read back (origin REFRESH, label "").
   */
  _shequ_org_store_signals[APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SHEQU_TYPE_ORG_CHANGE);
}

static void
shequ_org_store_init (ShequOrgStore *self)
{
  self->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  self->codes = g_hash_table_new (g_str_hash, g_str_equal);
  self->roots = g_ptr_array_new ();
  self->roots_model = g_list_store_new (SHEQU_TYPE_UNIT);
  self->persons = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  self->person_codes = g_hash_table_new (g_str_hash, g_str_equal);
  self->people = g_ptr_array_new ();
  self->people_model = g_list_store_new (SHEQU_TYPE_PERSON);
  self->posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  self->violations = g_ptr_array_new ();
  self->violations_model = g_list_store_new (SHEQU_TYPE_UNIT);
  _shequ_org_store_geo_init (self);
  g_queue_init (&self->undo_stack);
  g_queue_init (&self->redo_stack);
  self->hooks = g_array_new (FALSE, FALSE, sizeof (ShequOrgStoreHookEntry));
  g_array_set_clear_func (self->hooks, clear_hook);
}

guint
shequ_org_store_add_hook (ShequOrgStore     *self,
                          ShequOrgStoreHook  hook,
                          gpointer           data,
                          GDestroyNotify     destroy)
{
  ShequOrgStoreHookEntry entry = { 0, hook, data, destroy };

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);
  g_return_val_if_fail (hook != NULL, 0);
  g_return_val_if_fail (!self->running_hooks, 0);

  entry.id = ++self->last_hook_id;
  g_array_append_val (self->hooks, entry);
  return entry.id;
}

void
shequ_org_store_remove_hook (ShequOrgStore *self,
                             guint          id)
{
  g_return_if_fail (SHEQU_IS_ORG_STORE (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (!self->running_hooks);

  for (guint i = 0; i < self->hooks->len; i++)
    if (g_array_index (self->hooks, ShequOrgStoreHookEntry, i).id == id)
      {
        g_array_remove_index (self->hooks, i);
        return;
      }
  g_critical ("%s: no hook with id %u", G_STRFUNC, id);
}

ShequDatabase *
shequ_org_store_get_database (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  return self->db;
}

GListModel *
shequ_org_store_get_roots (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  return G_LIST_MODEL (self->roots_model);
}

ShequUnit *
shequ_org_store_get_street (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  for (guint i = 0; i < self->roots->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (self->roots, i);

      if (unit->tier == SHEQU_TIER_STREET)
        return unit;
    }
  return NULL;
}

guint
shequ_org_store_get_n_units (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);
  return g_hash_table_size (self->units);
}

GPtrArray *
shequ_org_store_get_units (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  if (self->units_cache == NULL)
    {
      GHashTableIter iter;
      gpointer value;

      self->units_cache = g_ptr_array_sized_new (g_hash_table_size (self->units));
      g_hash_table_iter_init (&iter, self->units);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (self->units_cache, value);
    }
  return self->units_cache;
}

ShequUnit *
shequ_org_store_lookup_unit (ShequOrgStore *self,
                             gint64         id)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  return g_hash_table_lookup (self->units, &id);
}

ShequUnit *
shequ_org_store_lookup_code (ShequOrgStore *self,
                             const char    *code)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (self->codes, code);
}

GListModel *
shequ_org_store_get_violations (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  return G_LIST_MODEL (self->violations_model);
}

GListModel *
shequ_org_store_get_people (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  return G_LIST_MODEL (self->people_model);
}

ShequPerson *
shequ_org_store_lookup_person (ShequOrgStore *self,
                               gint64         id)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  return g_hash_table_lookup (self->persons, &id);
}

ShequPerson *
shequ_org_store_lookup_person_code (ShequOrgStore *self,
                                    const char    *code)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (self->person_codes, code);
}

ShequPost *
shequ_org_store_lookup_post (ShequOrgStore *self,
                             gint64         id)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  return g_hash_table_lookup (self->posts, &id);
}

GListModel *
shequ_org_store_get_unit_posts (ShequOrgStore *self,
                                ShequUnit     *unit)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);

  if (unit->posts_model == NULL)
    {
      unit->posts_model = g_list_store_new (SHEQU_TYPE_POST);
      g_list_store_splice (unit->posts_model, 0, 0, unit->posts->pdata, unit->posts->len);
    }
  return G_LIST_MODEL (unit->posts_model);
}
