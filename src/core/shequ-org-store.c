/* shequ-org-store.c — the organisation in memory, kept in step with the database */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-org-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-org-change-private.h"
#include "shequ-org-private.h"
#include "shequ-org-store.h"
#include "shequ-text.h"

#define UNDO_LIMIT 100

typedef struct {
  ShequOrgChange *undo;   /* brings the rows back as they were */
  ShequOrgChange *redo;   /* the change itself */
} UndoEntry;

struct _ShequOrgStore
{
  GObject         parent_instance;

  ShequDatabase  *db;

  GHashTable     *units;          /* &unit->id → ShequUnit (owned) */
  GHashTable     *codes;          /* unit->code → ShequUnit */
  GPtrArray      *roots;          /* unowned, ordered by code */
  GListStore     *roots_model;
  GPtrArray      *units_cache;    /* get_units(); NULL when stale */

  GHashTable     *persons;        /* &person->id → ShequPerson (owned) */
  GHashTable     *person_codes;
  GPtrArray      *people;         /* unowned, ordered by code */
  GListStore     *people_model;
  GHashTable     *posts;          /* &post->id → ShequPost (owned) */

  GPtrArray      *violations;     /* unowned, ordered by code */
  GListStore     *violations_model;

  gint64          max_unit_id;
  gint64          max_person_id;
  gint64          max_post_id;
  gint64          data_version;   /* PRAGMA data_version when the objects last matched */
  GHashTable     *remapped_units; /* old id → new id, of the last applied change */
  GHashTable     *remapped_posts;

  GQueue          undo_stack;     /* UndoEntry*, newest at head */
  GQueue          redo_stack;

  char           *search_text;    /* casefolded, NULL when not searching */
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_N_UNITS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequOrgStore, shequ_org_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (shequ-org-error-quark, shequ_org_error)

static void
undo_entry_free (UndoEntry *entry)
{
  shequ_org_change_free (entry->undo);
  shequ_org_change_free (entry->redo);
  g_free (entry);
}

static void
clear_stack (GQueue *stack)
{
  UndoEntry *entry;

  while ((entry = g_queue_pop_head (stack)))
    undo_entry_free (entry);
}

static void
shequ_org_store_finalize (GObject *object)
{
  ShequOrgStore *self = (ShequOrgStore *)object;

  clear_stack (&self->undo_stack);
  clear_stack (&self->redo_stack);
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
  g_clear_pointer (&self->search_text, g_free);
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

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, SHEQU_TYPE_DATABASE, flags);
  properties[PROP_N_UNITS] = g_param_spec_uint ("n-units", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ShequOrgStore::changed:
   * @label: what the change was, e.g. "Delete “第一网格”"
   *
   * After every applied change, undo and redo included.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
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
  g_queue_init (&self->undo_stack);
  g_queue_init (&self->redo_stack);
}

static int
compare_person_code (gconstpointer a,
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

static int
compare_person_code_indirect (gconstpointer a,
                              gconstpointer b)
{
  return compare_person_code (*(gpointer *)a, *(gpointer *)b);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/* Roll-ups */

static void
compute_leader (ShequUnit *unit)
{
  ShequPost *director = NULL;
  const char *leader = "";

  for (guint i = 0; i < unit->posts->len; i++)
    {
      ShequPost *post = g_ptr_array_index (unit->posts, i);

      if (post->role == SHEQU_ROLE_SECRETARY)
        {
          director = post;
          break;
        }
      if (post->role == SHEQU_ROLE_DIRECTOR && director == NULL)
        director = post;
    }
  if (director != NULL)
    leader = director->person->name;
  _shequ_unit_set_string (unit, &unit->leader, leader, SHEQU_UNIT_PROP_LEADER);
}

static void
compute_compliance (ShequUnit *unit)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean compliant = TRUE;

  if (shequ_unit_is_checked (unit))
    {
      /* 平邑 practice: over 3,000 residents at least 5 mediators, else at least 3;
       * mediators of the community's grids count toward it. 一村一顾问. */
      guint required = unit->total_population > 3000 ? 5 : 3;
      guint mediators = unit->role_counts[SHEQU_ROLE_MEDIATOR];

      if (mediators < required)
        {
          compliant = FALSE;
          g_string_append_printf (text, _("Mediators %u/%u"), mediators, required);
        }
      if (unit->role_counts[SHEQU_ROLE_LEGAL_ADVISER] == 0)
        {
          if (!compliant)
            g_string_append (text, C_("list separator", ", "));
          compliant = FALSE;
          g_string_append (text, _("No legal adviser"));
        }
    }

  _shequ_unit_set_string (unit, &unit->compliance_text, text->str,
                          SHEQU_UNIT_PROP_COMPLIANCE_TEXT);
  if (unit->compliant != compliant)
    {
      unit->compliant = compliant;
      _shequ_unit_notify (unit, SHEQU_UNIT_PROP_COMPLIANT);
    }
}

/* A + B for roll-ups: saturates instead of overflowing, and counts a negative figure
 * (only a database edited by hand can hold one) as 0. */
static gint64
add_figure (gint64 a,
            gint64 b)
{
  gint64 sum;

  if (b <= 0)
    return a;
  if (__builtin_add_overflow (a, b, &sum))
    return G_MAXINT64;
  return sum;
}

static guint
add_count (guint a,
           guint b)
{
  guint sum;

  if (!g_uint_checked_add (&sum, a, b))
    return G_MAXUINT;
  return sum;
}

/* Recomputes UNIT's roll-ups from its own figures and its children's roll-ups. */
static void
compute_rollup (ShequUnit *unit,
                gboolean   notify)
{
  gint64 population = add_figure (0, unit->population);
  gint64 households = add_figure (0, unit->households);
  guint grids = unit->tier == SHEQU_TIER_GRID ? 1 : 0;
  guint roles[SHEQU_N_ROLES];

  memcpy (roles, unit->own_role_counts, sizeof roles);
  for (guint i = 0; i < unit->children->len; i++)
    {
      ShequUnit *child = g_ptr_array_index (unit->children, i);

      population = add_figure (population, child->total_population);
      households = add_figure (households, child->total_households);
      grids = add_count (grids, child->grid_count);
      for (guint r = 0; r < SHEQU_N_ROLES; r++)
        roles[r] = add_count (roles[r], child->role_counts[r]);
    }
  memcpy (unit->role_counts, roles, sizeof roles);

  if (unit->total_population != population)
    {
      unit->total_population = population;
      if (notify)
        _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TOTAL_POPULATION);
    }
  if (unit->total_households != households)
    {
      unit->total_households = households;
      if (notify)
        _shequ_unit_notify (unit, SHEQU_UNIT_PROP_TOTAL_HOUSEHOLDS);
    }
  if (unit->grid_count != grids)
    {
      unit->grid_count = grids;
      if (notify)
        _shequ_unit_notify (unit, SHEQU_UNIT_PROP_GRID_COUNT);
    }
  compute_leader (unit);
  compute_compliance (unit);
}

static void
update_violation (ShequOrgStore *self,
                  ShequUnit     *unit,
                  gboolean       present)
{
  gboolean wanted = present && !unit->compliant;

  if (unit->in_violations == wanted)
    return;
  unit->in_violations = wanted;
  if (wanted)
    _shequ_sorted_insert (self->violations, self->violations_model, unit,
                          _shequ_unit_compare_code);
  else
    _shequ_sorted_remove (self->violations, self->violations_model, unit);
}

/* Loading */

/* Changes only when another connection commits: our own commits leave it as it is. */
static gboolean
read_data_version (ShequOrgStore  *self,
                   gint64         *version,
                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = shequ_database_prepare (self->db, "PRAGMA data_version", error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return shequ_database_set_error (self->db, rc, error);
  *version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Each unit as read, with its parent's id: an array, not a hash table keyed by unit;
 * 100,000 units are inserted once and read once, in order. */
typedef struct {
  ShequUnit *unit;
  gint64     parent_id;
} UnitParent;

static gboolean
load_units (ShequOrgStore  *self,
            GArray         *parents,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = shequ_database_prepare (self->db,
                                 "SELECT id, parent_id, tier, code, name, party_body, "
                                 "service_body, note, population, households FROM unit",
                                 error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShequUnitRow row = { 0 };
      ShequUnit *unit;

      row.id = sqlite3_column_int64 (stmt, 0);
      row.parent_id = sqlite3_column_int64 (stmt, 1);
      row.code = (char *)column_text (stmt, 3);
      row.name = (char *)column_text (stmt, 4);
      row.party_body = (char *)column_text (stmt, 5);
      row.service_body = (char *)column_text (stmt, 6);
      row.note = (char *)column_text (stmt, 7);
      row.population = sqlite3_column_int64 (stmt, 8);
      row.households = sqlite3_column_int64 (stmt, 9);
      if (!shequ_tier_from_string (column_text (stmt, 2), &row.tier))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                       _("The database “%s” is damaged: unit %s has an unknown tier “%s”."),
                       shequ_database_get_path (self->db), row.code, column_text (stmt, 2));
          return FALSE;
        }

      unit = _shequ_unit_new (&row);
      g_hash_table_insert (self->units, &unit->id, unit);
      g_hash_table_insert (self->codes, unit->code, unit);
      g_array_append_vals (parents, &(UnitParent) { unit, row.parent_id }, 1);
      self->max_unit_id = MAX (self->max_unit_id, unit->id);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return TRUE;
}

static gboolean
load_people (ShequOrgStore  *self,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) posts = NULL;
  int rc;

  stmt = shequ_database_prepare (self->db, "SELECT id, code, name, phone, note FROM person", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShequPersonRow row = { 0 };
      ShequPerson *person;

      row.id = sqlite3_column_int64 (stmt, 0);
      row.code = (char *)column_text (stmt, 1);
      row.name = (char *)column_text (stmt, 2);
      row.phone = (char *)column_text (stmt, 3);
      row.note = (char *)column_text (stmt, 4);
      person = _shequ_person_new (&row);
      g_hash_table_insert (self->persons, &person->id, person);
      g_hash_table_insert (self->person_codes, person->code, person);
      g_ptr_array_add (self->people, person);
      self->max_person_id = MAX (self->max_person_id, person->id);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);

  posts = shequ_database_prepare (self->db,
                                  "SELECT id, person_id, unit_id, role, title FROM post ORDER BY id",
                                  error);
  if (posts == NULL)
    return FALSE;
  while ((rc = sqlite3_step (posts)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (posts, 0);
      gint64 person_id = sqlite3_column_int64 (posts, 1);
      gint64 unit_id = sqlite3_column_int64 (posts, 2);
      ShequPerson *person = g_hash_table_lookup (self->persons, &person_id);
      ShequUnit *unit = g_hash_table_lookup (self->units, &unit_id);
      ShequRole role;
      ShequPost *post;

      if (person == NULL || unit == NULL ||
          !shequ_role_from_string (column_text (posts, 3), &role))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                       _("The database “%s” is damaged: post %lld refers to a missing person "
                         "or unit, or has an unknown role."),
                       shequ_database_get_path (self->db), (long long)id);
          return FALSE;
        }
      post = _shequ_post_new (id, person, unit, role, column_text (posts, 4));
      g_hash_table_insert (self->posts, &post->id, post);
      /* Ordered by id, so appending keeps the arrays sorted. */
      g_ptr_array_add (unit->posts, post);
      unit->own_role_counts[role]++;
      g_ptr_array_add (person->posts, post);
      self->max_post_id = MAX (self->max_post_id, id);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);

  g_ptr_array_sort (self->people, compare_person_code_indirect);
  g_list_store_splice (self->people_model, 0, 0, self->people->pdata, self->people->len);
  return TRUE;
}

static gboolean
build_tree (ShequOrgStore  *self,
            GArray         *parents,
            GError        **error)
{
  g_autoptr(GPtrArray) order = NULL;

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

      compute_rollup (unit, FALSE);
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
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), NULL);

  self = g_object_new (SHEQU_TYPE_ORG_STORE, NULL);
  self->db = g_object_ref (db);
  parents = g_array_new (FALSE, FALSE, sizeof (UnitParent));

  /* One read transaction: a consistent snapshot, and faster. */
  if (!shequ_database_exec (db, "BEGIN", error))
    return NULL;
  ok = load_units (self, parents, error) &&
       load_people (self, error) &&
       read_data_version (self, &self->data_version, error);
  shequ_database_exec (db, "COMMIT", NULL);
  if (!ok || !build_tree (self, parents, error))
    return NULL;

  return g_steal_pointer (&self);
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

gint64
shequ_org_store_allocate_unit_id (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);
  return ++self->max_unit_id;
}

gint64
shequ_org_store_allocate_person_id (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);
  return ++self->max_person_id;
}

gint64
shequ_org_store_allocate_post_id (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);
  return ++self->max_post_id;
}

static gboolean
is_all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* PREFIX followed by WIDTH digits: one more than the highest in use, skipping taken codes. */
static char *
next_code (ShequOrgStore *self,
           const char    *prefix,
           guint          width)
{
  gsize prefix_len = strlen (prefix);
  guint64 highest = 0;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->codes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *code = key;

      if (strlen (code) == prefix_len + width &&
          strncmp (code, prefix, prefix_len) == 0 &&
          is_all_digits (code + prefix_len))
        highest = MAX (highest, g_ascii_strtoull (code + prefix_len, NULL, 10));
    }

  for (guint64 seq = highest + 1;; seq++)
    {
      char *code = g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, prefix, (int)width, seq);

      if (!g_hash_table_contains (self->codes, code))
        return code;
      g_free (code);
    }
}

char *
shequ_org_store_make_unit_code (ShequOrgStore *self,
                                ShequUnit     *parent,
                                ShequTier      tier)
{
  ShequUnit *street;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  /* CJ/T 349 style: county + street + community + grid sequence. Areas are not in
   * the standard; they get the street code and two digits, a length no other tier has. */
  switch (tier)
    {
    case SHEQU_TIER_STREET:
      return next_code (self, "", 9);
    case SHEQU_TIER_AREA:
      g_return_val_if_fail (parent != NULL, NULL);
      return next_code (self, parent->code, 2);
    case SHEQU_TIER_COMMUNITY:
    case SHEQU_TIER_VILLAGE:
      g_return_val_if_fail (parent != NULL, NULL);
      for (street = parent; street->parent != NULL; street = street->parent)
        ;
      return next_code (self, street->code, 3);
    case SHEQU_TIER_GRID:
      g_return_val_if_fail (parent != NULL, NULL);
      return next_code (self, parent->code, 3);
    case SHEQU_N_TIERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
shequ_org_store_make_person_code (ShequOrgStore *self)
{
  g_autofree char *code = NULL;
  GHashTableIter iter;
  gpointer key;
  guint64 highest = 0;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);

  g_hash_table_iter_init (&iter, self->person_codes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *c = key;

      if (c[0] == 'P' && is_all_digits (c + 1))
        highest = MAX (highest, g_ascii_strtoull (c + 1, NULL, 10));
    }
  return g_strdup_printf ("P%05" G_GUINT64_FORMAT, highest + 1);
}

/* Applying a change */

/* What a unit looks like once CHANGE is applied: its row, or NULL if it is gone. */
typedef struct {
  ShequOrgStore  *self;
  ShequOrgChange *change;
} After;

static gboolean
after_unit_exists (After  *after,
                   gint64  id)
{
  if (g_hash_table_contains (after->change->unit_puts, &id))
    return TRUE;
  if (g_hash_table_contains (after->change->unit_deletes, &id))
    return FALSE;
  return g_hash_table_contains (after->self->units, &id);
}

static gint64
after_parent_id (After  *after,
                 gint64  id)
{
  ShequUnitRow *row = g_hash_table_lookup (after->change->unit_puts, &id);
  ShequUnit *unit;

  if (row != NULL)
    return row->parent_id;
  unit = g_hash_table_lookup (after->self->units, &id);
  return unit && unit->parent ? unit->parent->id : 0;
}

static ShequTier
after_tier (After  *after,
            gint64  id)
{
  ShequUnitRow *row = g_hash_table_lookup (after->change->unit_puts, &id);
  ShequUnit *unit;

  if (row != NULL)
    return row->tier;
  unit = g_hash_table_lookup (after->self->units, &id);
  return unit ? unit->tier : SHEQU_N_TIERS;
}

static const char *
after_name (After  *after,
            gint64  id)
{
  ShequUnitRow *row = g_hash_table_lookup (after->change->unit_puts, &id);
  ShequUnit *unit;

  if (row != NULL)
    return row->name;
  unit = g_hash_table_lookup (after->self->units, &id);
  return unit ? unit->name : "?";
}

static gboolean
validate_unit_row (After         *after,
                   ShequUnitRow  *row,
                   GHashTable    *codes_in_change,
                   GError       **error)
{
  ShequOrgStore *self = after->self;
  ShequUnit *holder;
  gint64 cur;
  guint steps = 0, limit;

  if (row->name == NULL || *g_strstrip (row->name) == '\0')
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("A unit needs a name (code %s)."), row->code ? row->code : "");
      return FALSE;
    }
  if (row->code == NULL || *g_strstrip (row->code) == '\0')
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("The unit “%s” needs a code."), row->name);
      return FALSE;
    }
  if (row->tier >= SHEQU_N_TIERS)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("The unit “%s” has no valid tier."), row->name);
      return FALSE;
    }
  if (row->population < 0 || row->households < 0)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NEGATIVE,
                   _("The population and households of “%s” cannot be negative."), row->name);
      return FALSE;
    }
  if (row->population > SHEQU_MAX_UNIT_FIGURE || row->households > SHEQU_MAX_UNIT_FIGURE)
    {
      g_autofree char *limit = shequ_text_format_count (SHEQU_MAX_UNIT_FIGURE);

      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                   _("The population and households of “%s” must each be at most %s: "
                     "no grid or village is that large."), row->name, limit);
      return FALSE;
    }

  /* Codes are unique after the change. */
  holder = g_hash_table_lookup (self->codes, row->code);
  if (holder != NULL && holder->id != row->id)
    {
      ShequUnitRow *holder_row = g_hash_table_lookup (after->change->unit_puts, &holder->id);
      gboolean released = !after_unit_exists (after, holder->id) ||
                          (holder_row != NULL && g_strcmp0 (holder_row->code, row->code) != 0);

      if (!released)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_DUPLICATE_CODE,
                       _("The code %s of “%s” is already used by “%s”."),
                       row->code, row->name, holder->name);
          return FALSE;
        }
    }
  if (g_hash_table_contains (codes_in_change, row->code))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_DUPLICATE_CODE,
                   _("The code %s is given to more than one unit."), row->code);
      return FALSE;
    }
  g_hash_table_add (codes_in_change, row->code);

  /* The parent exists and its tier can hold this one. */
  if (row->parent_id == 0)
    {
      if (row->tier != SHEQU_TIER_STREET)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                       _("“%s” needs a parent unit: only a street stands at the top."),
                       row->name);
          return FALSE;
        }
      return TRUE;
    }
  if (row->parent_id == row->id)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE,
                   _("“%s” cannot be placed under itself."), row->name);
      return FALSE;
    }
  if (!after_unit_exists (after, row->parent_id))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_FOUND,
                   _("The parent unit of “%s” does not exist."), row->name);
      return FALSE;
    }
  if (!shequ_tier_can_hold (after_tier (after, row->parent_id), row->tier))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                   _("A %s cannot hold a %s: “%s” cannot go under “%s”."),
                   shequ_tier_get_label (after_tier (after, row->parent_id)),
                   shequ_tier_get_label (row->tier),
                   row->name, after_name (after, row->parent_id));
      return FALSE;
    }

  /* No loop of parents. */
  limit = g_hash_table_size (self->units) + g_hash_table_size (after->change->unit_puts) + 1;
  for (cur = row->parent_id; cur != 0 && steps < limit; cur = after_parent_id (after, cur), steps++)
    {
      if (cur == row->id)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE,
                       _("“%s” cannot go under “%s”: that is one of its own sub-units."),
                       row->name, after_name (after, row->parent_id));
          return FALSE;
        }
    }
  if (steps >= limit)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE,
                   _("The parents of “%s” form a loop."), row->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
after_has_figures (After  *after,
                   gint64  id)
{
  ShequUnitRow *row = g_hash_table_lookup (after->change->unit_puts, &id);
  ShequUnit *unit;

  if (row != NULL)
    return row->population != 0 || row->households != 0;
  unit = g_hash_table_lookup (after->self->units, &id);
  return unit != NULL && (unit->population != 0 || unit->households != 0);
}

static gboolean
refuse_figures_on_parent (const char  *name,
                          GError     **error)
{
  g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_LEAF,
               _("“%s” has sub-units: enter population and households on them; "
                 "its figures are their sum."), name);
  return FALSE;
}

/* Figures are entered on leaves only: after CHANGE, no unit with children has its own
 * population or households (they would be counted twice in every roll-up). */
static gboolean
validate_figures_on_leaves (After   *after,
                            GError **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, after->change->unit_puts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ShequUnitRow *row = value;
      ShequUnit *existing = g_hash_table_lookup (after->self->units, &row->id);
      gboolean placed = existing == NULL ||
                        (existing->parent != NULL ? existing->parent->id : 0) != row->parent_id;

      /* A new or moved child under a unit that keeps its figures. */
      if (placed && row->parent_id != 0 && after_has_figures (after, row->parent_id))
        return refuse_figures_on_parent (after_name (after, row->parent_id), error);

      if (row->population == 0 && row->households == 0)
        continue;
      /* Figures given to a unit whose children stay under it. Figures a database already
       * holds there (written before this rule) do not block other edits of the unit; they
       * can be cleared. */
      if (existing != NULL && existing->population == row->population &&
          existing->households == row->households)
        continue;
      if (existing != NULL)
        for (guint i = 0; i < existing->children->len; i++)
          {
            ShequUnit *child = g_ptr_array_index (existing->children, i);

            if (after_unit_exists (after, child->id) &&
                after_parent_id (after, child->id) == row->id)
              return refuse_figures_on_parent (row->name, error);
          }
    }
  return TRUE;
}

static gboolean
validate_change (ShequOrgStore   *self,
                 ShequOrgChange  *change,
                 GError         **error)
{
  g_autoptr(GHashTable) codes_in_change = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) person_codes = g_hash_table_new (g_str_hash, g_str_equal);
  After after = { self, change };
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, change->unit_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnitRow *row = value;
      ShequUnit *existing = g_hash_table_lookup (self->units, &row->id);

      if (!validate_unit_row (&after, row, codes_in_change, error))
        return FALSE;

      /* Children staying put must still fit a unit whose tier changed. */
      if (existing != NULL && existing->tier != row->tier)
        for (guint i = 0; i < existing->children->len; i++)
          {
            ShequUnit *child = g_ptr_array_index (existing->children, i);

            if (after_unit_exists (&after, child->id) &&
                after_parent_id (&after, child->id) == row->id &&
                !shequ_tier_can_hold (row->tier, after_tier (&after, child->id)))
              {
                g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                             _("“%s” cannot become a %s while it holds “%s”."),
                             row->name, shequ_tier_get_label (row->tier), child->name);
                return FALSE;
              }
          }
    }

  if (!validate_figures_on_leaves (&after, error))
    return FALSE;

  g_hash_table_iter_init (&iter, change->unit_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);

      if (unit == NULL)
        continue;
      for (guint i = 0; i < unit->children->len; i++)
        {
          ShequUnit *child = g_ptr_array_index (unit->children, i);

          if (after_unit_exists (&after, child->id) && after_parent_id (&after, child->id) == unit->id)
            {
              g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_HAS_CHILDREN,
                           _("“%s” cannot be deleted while it holds “%s”."),
                           unit->name, child->name);
              return FALSE;
            }
        }
      for (guint i = 0; i < unit->posts->len; i++)
        {
          ShequPost *post = g_ptr_array_index (unit->posts, i);
          ShequPostRow *post_row = g_hash_table_lookup (change->post_puts, &post->id);

          if (!g_hash_table_contains (change->post_deletes, &post->id) &&
              (post_row == NULL || post_row->unit_id == unit->id))
            {
              g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_HAS_CHILDREN,
                           _("“%s” cannot be deleted while %s holds a post there."),
                           unit->name, post->person->name);
              return FALSE;
            }
        }
    }

  g_hash_table_iter_init (&iter, change->person_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPersonRow *row = value;
      ShequPerson *holder;

      if (row->name == NULL || *g_strstrip (row->name) == '\0')
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                       _("A person needs a name (code %s)."), row->code ? row->code : "");
          return FALSE;
        }
      if (row->code == NULL || *g_strstrip (row->code) == '\0')
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_INVALID,
                       _("%s needs a person code."), row->name);
          return FALSE;
        }
      holder = g_hash_table_lookup (self->person_codes, row->code);
      if ((holder != NULL && holder->id != row->id &&
           !g_hash_table_contains (change->person_deletes, &holder->id)) ||
          !g_hash_table_add (person_codes, row->code))
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_DUPLICATE_CODE,
                       _("The person code %s of %s is already used."), row->code, row->name);
          return FALSE;
        }
    }

  g_hash_table_iter_init (&iter, change->person_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);

      if (person == NULL)
        continue;
      for (guint i = 0; i < person->posts->len; i++)
        {
          ShequPost *post = g_ptr_array_index (person->posts, i);
          ShequPostRow *post_row = g_hash_table_lookup (change->post_puts, &post->id);

          if (!g_hash_table_contains (change->post_deletes, &post->id) &&
              (post_row == NULL || post_row->person_id == person->id))
            {
              g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_HAS_CHILDREN,
                           _("%s cannot be removed while holding a post."), person->name);
              return FALSE;
            }
        }
    }

  g_hash_table_iter_init (&iter, change->post_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPostRow *row = value;
      gboolean person_ok = g_hash_table_contains (change->person_puts, &row->person_id) ||
                           (g_hash_table_contains (self->persons, &row->person_id) &&
                            !g_hash_table_contains (change->person_deletes, &row->person_id));

      if (!person_ok || !after_unit_exists (&after, row->unit_id) || row->role >= SHEQU_N_ROLES)
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_FOUND,
                       _("A post refers to a person or unit that does not exist."));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
step_done (ShequOrgStore  *self,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return TRUE;
}

static gboolean
delete_ids (ShequOrgStore  *self,
            const char     *sql,
            GHashTable     *ids,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (ids) == 0)
    return TRUE;
  if (!(stmt = shequ_database_prepare (self->db, sql, error)))
    return FALSE;
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      sqlite3_bind_int64 (stmt, 1, *(gint64 *)key);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

#define NOW "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')"

static void set_conflict_error (GError **error, const char *name);

/* Steps an UPDATE … WHERE id = ?1, which must find its row: the objects match the
 * database inside the write transaction, so a miss means the file changed under us. */
static gboolean
step_update (ShequOrgStore  *self,
             sqlite3_stmt   *stmt,
             const char     *name,
             GError        **error)
{
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (shequ_database_get_handle (self->db)) != 1)
    {
      set_conflict_error (error, name);
      return FALSE;
    }
  return TRUE;
}

/* New rows are inserted, rows the store read are updated by id: never an upsert over
 * a row that was not read or allocated in this transaction. */
static gboolean
write_change (ShequOrgStore   *self,
              ShequOrgChange  *change,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) unit_insert = NULL;
  g_autoptr(sqlite3_stmt) unit_update = NULL;
  g_autoptr(sqlite3_stmt) person_insert = NULL;
  g_autoptr(sqlite3_stmt) person_update = NULL;
  g_autoptr(sqlite3_stmt) post_insert = NULL;
  g_autoptr(sqlite3_stmt) post_update = NULL;
  GHashTableIter iter;
  gpointer value;

  /* Deletes first: a code freed by one unit may be taken by another in the same change. */
  if (!delete_ids (self, "DELETE FROM post WHERE id = ?", change->post_deletes, error) ||
      !delete_ids (self, "DELETE FROM unit WHERE id = ?", change->unit_deletes, error) ||
      !delete_ids (self, "DELETE FROM person WHERE id = ?", change->person_deletes, error))
    return FALSE;

  if (g_hash_table_size (change->unit_puts) > 0)
    {
      unit_insert = shequ_database_prepare (self->db,
        "INSERT INTO unit (id, parent_id, tier, code, name, party_body, service_body, note, "
        "                  population, households, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " NOW ")", error);
      if (unit_insert == NULL)
        return FALSE;
      unit_update = shequ_database_prepare (self->db,
        "UPDATE unit SET parent_id = ?2, tier = ?3, code = ?4, name = ?5, party_body = ?6, "
        "  service_body = ?7, note = ?8, population = ?9, households = ?10, "
        "  updated_at = " NOW " WHERE id = ?1", error);
      if (unit_update == NULL)
        return FALSE;

      g_hash_table_iter_init (&iter, change->unit_puts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ShequUnitRow *row = value;
          gboolean exists = g_hash_table_contains (self->units, &row->id);
          sqlite3_stmt *stmt = exists ? unit_update : unit_insert;

          sqlite3_bind_int64 (stmt, 1, row->id);
          if (row->parent_id != 0)
            sqlite3_bind_int64 (stmt, 2, row->parent_id);
          else
            sqlite3_bind_null (stmt, 2);
          sqlite3_bind_text (stmt, 3, shequ_tier_to_key (row->tier), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, row->code, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, row->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, row->party_body ? row->party_body : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, row->service_body ? row->service_body : "", -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, row->note ? row->note : "", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 9, row->population);
          sqlite3_bind_int64 (stmt, 10, row->households);
          if (exists ? !step_update (self, stmt, row->name, error) : !step_done (self, stmt, error))
            return FALSE;
        }
    }

  if (g_hash_table_size (change->person_puts) > 0)
    {
      person_insert = shequ_database_prepare (self->db,
        "INSERT INTO person (id, code, name, phone, note, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, " NOW ")", error);
      if (person_insert == NULL)
        return FALSE;
      person_update = shequ_database_prepare (self->db,
        "UPDATE person SET code = ?2, name = ?3, phone = ?4, note = ?5, updated_at = " NOW
        " WHERE id = ?1", error);
      if (person_update == NULL)
        return FALSE;

      g_hash_table_iter_init (&iter, change->person_puts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ShequPersonRow *row = value;
          gboolean exists = g_hash_table_contains (self->persons, &row->id);
          sqlite3_stmt *stmt = exists ? person_update : person_insert;

          sqlite3_bind_int64 (stmt, 1, row->id);
          sqlite3_bind_text (stmt, 2, row->code, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, row->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, row->phone ? row->phone : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, row->note ? row->note : "", -1, SQLITE_STATIC);
          if (exists ? !step_update (self, stmt, row->name, error) : !step_done (self, stmt, error))
            return FALSE;
        }
    }

  if (g_hash_table_size (change->post_puts) > 0)
    {
      post_insert = shequ_database_prepare (self->db,
        "INSERT INTO post (id, person_id, unit_id, role, title, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, " NOW ")", error);
      if (post_insert == NULL)
        return FALSE;
      post_update = shequ_database_prepare (self->db,
        "UPDATE post SET person_id = ?2, unit_id = ?3, role = ?4, title = ?5, "
        "  updated_at = " NOW " WHERE id = ?1", error);
      if (post_update == NULL)
        return FALSE;

      g_hash_table_iter_init (&iter, change->post_puts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ShequPostRow *row = value;
          gboolean exists = g_hash_table_contains (self->posts, &row->id);
          sqlite3_stmt *stmt = exists ? post_update : post_insert;

          sqlite3_bind_int64 (stmt, 1, row->id);
          sqlite3_bind_int64 (stmt, 2, row->person_id);
          sqlite3_bind_int64 (stmt, 3, row->unit_id);
          sqlite3_bind_text (stmt, 4, shequ_role_to_key (row->role), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, row->title ? row->title : "", -1, SQLITE_STATIC);
          if (exists ? !step_update (self, stmt, "?", error) : !step_done (self, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The change that puts every row CHANGE touches back as it is now. */
static ShequOrgChange *
make_inverse (ShequOrgStore  *self,
              ShequOrgChange *change)
{
  ShequOrgChange *inverse = shequ_org_change_new (change->label);
  GHashTable *unit_sets[] = { change->unit_puts, change->unit_deletes };
  GHashTable *person_sets[] = { change->person_puts, change->person_deletes };
  GHashTable *post_sets[] = { change->post_puts, change->post_deletes };
  GHashTableIter iter;
  gpointer key;

  for (guint s = 0; s < 2; s++)
    {
      g_hash_table_iter_init (&iter, unit_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequUnit *unit = g_hash_table_lookup (self->units, key);

          if (unit != NULL)
            shequ_org_change_put_unit (inverse, shequ_unit_to_row (unit));
          else if (s == 0)
            shequ_org_change_delete_unit (inverse, *(gint64 *)key);
        }
      g_hash_table_iter_init (&iter, person_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequPerson *person = g_hash_table_lookup (self->persons, key);

          if (person != NULL)
            shequ_org_change_put_person (inverse, shequ_person_to_row (person));
          else if (s == 0)
            shequ_org_change_delete_person (inverse, *(gint64 *)key);
        }
      g_hash_table_iter_init (&iter, post_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequPost *post = g_hash_table_lookup (self->posts, key);

          if (post != NULL)
            shequ_org_change_put_post (inverse, shequ_post_to_row (post));
          else if (s == 0)
            shequ_org_change_delete_post (inverse, *(gint64 *)key);
        }
    }
  /* Undoing an import is as bulk as the import. */
  inverse->bulk = change->bulk;
  return inverse;
}

/* Other programs */

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
unit_row_equal (const ShequUnitRow *a,
                const ShequUnitRow *b)
{
  return a->id == b->id && a->parent_id == b->parent_id && a->tier == b->tier &&
         same_text (a->code, b->code) && same_text (a->name, b->name) &&
         same_text (a->party_body, b->party_body) &&
         same_text (a->service_body, b->service_body) && same_text (a->note, b->note) &&
         a->population == b->population && a->households == b->households;
}

static gboolean
person_row_equal (const ShequPersonRow *a,
                  const ShequPersonRow *b)
{
  return a->id == b->id && same_text (a->code, b->code) && same_text (a->name, b->name) &&
         same_text (a->phone, b->phone) && same_text (a->note, b->note);
}

static gboolean
post_row_equal (const ShequPostRow *a,
                const ShequPostRow *b)
{
  return a->id == b->id && a->person_id == b->person_id && a->unit_id == b->unit_id &&
         a->role == b->role && same_text (a->title, b->title);
}

/* Every row of the database, read inside one transaction. */
typedef struct {
  GHashTable *units;     /* gint64* id → ShequUnitRow* */
  GHashTable *persons;   /* gint64* id → ShequPersonRow* */
  GHashTable *posts;     /* gint64* id → ShequPostRow* */
} Snapshot;

static void
snapshot_clear (Snapshot *snap)
{
  g_clear_pointer (&snap->units, g_hash_table_unref);
  g_clear_pointer (&snap->persons, g_hash_table_unref);
  g_clear_pointer (&snap->posts, g_hash_table_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

static gint64 *
id_key (gint64 id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  return key;
}

static gboolean
load_snapshot (ShequOrgStore  *self,
               Snapshot       *snap,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) persons = NULL;
  g_autoptr(sqlite3_stmt) posts = NULL;
  gint64 *key;
  int rc;

  snap->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) shequ_unit_row_free);
  snap->persons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) shequ_person_row_free);
  snap->posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) shequ_post_row_free);

  units = shequ_database_prepare (self->db,
                                  "SELECT id, parent_id, tier, code, name, party_body, "
                                  "service_body, note, population, households FROM unit",
                                  error);
  if (units == NULL)
    return FALSE;
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      g_autoptr(ShequUnitRow) row = shequ_unit_row_new ();

      row->id = sqlite3_column_int64 (units, 0);
      row->parent_id = sqlite3_column_int64 (units, 1);
      row->code = g_strdup (column_text (units, 3));
      row->name = g_strdup (column_text (units, 4));
      row->party_body = g_strdup (column_text (units, 5));
      row->service_body = g_strdup (column_text (units, 6));
      row->note = g_strdup (column_text (units, 7));
      row->population = sqlite3_column_int64 (units, 8);
      row->households = sqlite3_column_int64 (units, 9);
      if (!shequ_tier_from_string (column_text (units, 2), &row->tier))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                       _("The database “%s” is damaged: unit %s has an unknown tier “%s”."),
                       shequ_database_get_path (self->db), row->code, column_text (units, 2));
          return FALSE;
        }
      key = id_key (row->id);
      g_hash_table_insert (snap->units, key, g_steal_pointer (&row));
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);

  persons = shequ_database_prepare (self->db, "SELECT id, code, name, phone, note FROM person",
                                    error);
  if (persons == NULL)
    return FALSE;
  while ((rc = sqlite3_step (persons)) == SQLITE_ROW)
    {
      ShequPersonRow *row = shequ_person_row_new ();

      row->id = sqlite3_column_int64 (persons, 0);
      row->code = g_strdup (column_text (persons, 1));
      row->name = g_strdup (column_text (persons, 2));
      row->phone = g_strdup (column_text (persons, 3));
      row->note = g_strdup (column_text (persons, 4));
      g_hash_table_insert (snap->persons, id_key (row->id), row);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);

  posts = shequ_database_prepare (self->db,
                                  "SELECT id, person_id, unit_id, role, title FROM post", error);
  if (posts == NULL)
    return FALSE;
  while ((rc = sqlite3_step (posts)) == SQLITE_ROW)
    {
      g_autoptr(ShequPostRow) row = shequ_post_row_new ();

      row->id = sqlite3_column_int64 (posts, 0);
      row->person_id = sqlite3_column_int64 (posts, 1);
      row->unit_id = sqlite3_column_int64 (posts, 2);
      row->title = g_strdup (column_text (posts, 4));
      if (!shequ_role_from_string (column_text (posts, 3), &row->role) ||
          !g_hash_table_contains (snap->persons, &row->person_id) ||
          !g_hash_table_contains (snap->units, &row->unit_id))
        {
          g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                       _("The database “%s” is damaged: post %lld refers to a missing person "
                         "or unit, or has an unknown role."),
                       shequ_database_get_path (self->db), (long long) row->id);
          return FALSE;
        }
      key = id_key (row->id);
      g_hash_table_insert (snap->posts, key, g_steal_pointer (&row));
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return TRUE;
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

/* The change that takes the objects to SNAP: only the rows that differ. */
static ShequOrgChange *
make_refresh_diff (ShequOrgStore  *self,
                   Snapshot       *snap,
                   GError        **error)
{
  g_autoptr(ShequOrgChange) diff = shequ_org_change_new ("");
  GHashTableIter iter;
  gpointer key, value;

  /* The objects need a tree: parents that exist, no loop. */
  if (!check_snapshot_tree (self, snap, error))
    return NULL;

  g_hash_table_iter_init (&iter, snap->units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);
      g_autoptr(ShequUnitRow) now = unit != NULL ? shequ_unit_to_row (unit) : NULL;

      if (now == NULL || !unit_row_equal (now, value))
        shequ_org_change_put_unit (diff, shequ_unit_row_copy (value));
    }
  g_hash_table_iter_init (&iter, self->units);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (snap->units, key))
      shequ_org_change_delete_unit (diff, *(gint64 *) key);

  g_hash_table_iter_init (&iter, snap->persons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);
      g_autoptr(ShequPersonRow) now = person != NULL ? shequ_person_to_row (person) : NULL;

      if (now == NULL || !person_row_equal (now, value))
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

      if (now == NULL || !post_row_equal (now, value))
        shequ_org_change_put_post (diff, shequ_post_row_copy (value));
    }
  g_hash_table_iter_init (&iter, self->posts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (snap->posts, key))
      shequ_org_change_delete_post (diff, *(gint64 *) key);

  return g_steal_pointer (&diff);
}

static void
set_conflict_error (GError     **error,
                    const char  *name)
{
  g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT,
               _("“%s” was changed or deleted by another program since it was read; your "
                 "change was not saved. The view now shows the current data."),
               name);
}

/* Whether the rows CHANGE updates or deletes are still as BEFORE (the images the change
 * was built against) says they were; the other program's version is in SNAP. */
static gboolean
check_before_images (ShequOrgStore   *self,
                     ShequOrgChange  *change,
                     ShequOrgChange  *before,
                     Snapshot        *snap,
                     GError         **error)
{
  GHashTable *unit_sets[] = { change->unit_puts, change->unit_deletes };
  GHashTable *person_sets[] = { change->person_puts, change->person_deletes };
  GHashTable *post_sets[] = { change->post_puts, change->post_deletes };
  GHashTableIter iter;
  gpointer key;

  for (guint s = 0; s < 2; s++)
    {
      g_hash_table_iter_init (&iter, unit_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequUnitRow *was = g_hash_table_lookup (before->unit_puts, key);
          ShequUnitRow *fresh = g_hash_table_lookup (snap->units, key);

          if (was != NULL && (fresh == NULL || !unit_row_equal (was, fresh)))
            {
              set_conflict_error (error, was->name);
              return FALSE;
            }
          /* Never delete a row the change's author did not see. */
          if (was == NULL && s == 1 && fresh != NULL)
            {
              set_conflict_error (error, fresh->name);
              return FALSE;
            }
        }
      g_hash_table_iter_init (&iter, person_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequPersonRow *was = g_hash_table_lookup (before->person_puts, key);
          ShequPersonRow *fresh = g_hash_table_lookup (snap->persons, key);

          if ((was != NULL && (fresh == NULL || !person_row_equal (was, fresh))) ||
              (was == NULL && s == 1 && fresh != NULL))
            {
              set_conflict_error (error, was != NULL ? was->name : fresh->name);
              return FALSE;
            }
        }
      g_hash_table_iter_init (&iter, post_sets[s]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          ShequPostRow *was = g_hash_table_lookup (before->post_puts, key);
          ShequPostRow *fresh = g_hash_table_lookup (snap->posts, key);

          if ((was != NULL && (fresh == NULL || !post_row_equal (was, fresh))) ||
              (was == NULL && s == 1 && fresh != NULL))
            {
              gint64 person_id = was != NULL ? was->person_id : fresh->person_id;
              ShequPerson *seen = g_hash_table_lookup (self->persons, &person_id);
              ShequPersonRow *now = g_hash_table_lookup (snap->persons, &person_id);

              set_conflict_error (error, seen != NULL ? seen->name : now != NULL ? now->name : "?");
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Whether the objects are as EXPECTED (the rows an undo entry's last step wrote): an
 * undo never overwrites what another program changed since. */
static gboolean
check_expected_images (ShequOrgStore   *self,
                       ShequOrgChange  *expected,
                       GError         **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, expected->unit_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);
      g_autoptr(ShequUnitRow) now = unit != NULL ? shequ_unit_to_row (unit) : NULL;

      if (now == NULL || !unit_row_equal (now, value))
        {
          set_conflict_error (error, ((ShequUnitRow *) value)->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->unit_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);

      if (unit != NULL)
        {
          set_conflict_error (error, unit->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->person_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);
      g_autoptr(ShequPersonRow) now = person != NULL ? shequ_person_to_row (person) : NULL;

      if (now == NULL || !person_row_equal (now, value))
        {
          set_conflict_error (error, ((ShequPersonRow *) value)->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->person_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);

      if (person != NULL)
        {
          set_conflict_error (error, person->name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->post_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPost *post = g_hash_table_lookup (self->posts, key);
      g_autoptr(ShequPostRow) now = post != NULL ? shequ_post_to_row (post) : NULL;

      if (now == NULL || !post_row_equal (now, value))
        {
          ShequPerson *person = g_hash_table_lookup (self->persons,
                                                     &((ShequPostRow *) value)->person_id);

          set_conflict_error (error, person != NULL ? person->name : "?");
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, expected->post_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPost *post = g_hash_table_lookup (self->posts, key);

      if (post != NULL)
        {
          set_conflict_error (error, post->person->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* New rows of PUTS (absent from BEFORE) whose id is now taken in OBJECTS get ids above
 * every id in use; MAP receives old → new. */
static void
remap_new_rows (GHashTable *puts,
                GHashTable *before_deletes,
                GHashTable *objects,
                gint64     *max_id,
                GHashTable *map,
                gint64     *(*id_of) (gpointer row))
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  gint64 next = *max_id;

  g_hash_table_iter_init (&iter, puts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    next = MAX (next, *(gint64 *) key);

  g_hash_table_iter_init (&iter, puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_contains (before_deletes, key) && g_hash_table_contains (objects, key))
      {
        g_hash_table_insert (map, id_key (*(gint64 *) key), id_key (++next));
        g_ptr_array_add (moved, value);
        g_hash_table_iter_steal (&iter);
        g_free (key);
      }
  for (guint i = 0; i < moved->len; i++)
    {
      gpointer row = g_ptr_array_index (moved, i);
      gint64 *id = id_of (row);

      *id = *(gint64 *) g_hash_table_lookup (map, id);
      g_hash_table_insert (puts, id_key (*id), row);
    }
  *max_id = next;
}

static gint64 *unit_row_id (gpointer row) { return &((ShequUnitRow *) row)->id; }
static gint64 *person_row_id (gpointer row) { return &((ShequPersonRow *) row)->id; }
static gint64 *post_row_id (gpointer row) { return &((ShequPostRow *) row)->id; }

/* The id a row of the last applied change ended with (a new row may have moved). */
static gint64
final_id (GHashTable *map,
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
 * fresh ones, and every reference in CHANGE follows. */
static void
remap_new_ids (ShequOrgStore  *self,
               ShequOrgChange *change,
               ShequOrgChange *before)
{
  GHashTable *units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) persons = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, g_free);
  GHashTable *posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer value;

  /* Kept, so the edits below find the objects they created by their final ids. */
  g_clear_pointer (&self->remapped_units, g_hash_table_unref);
  g_clear_pointer (&self->remapped_posts, g_hash_table_unref);
  self->remapped_units = units;
  self->remapped_posts = posts;

  remap_new_rows (change->unit_puts, before->unit_deletes, self->units, &self->max_unit_id,
                  units, unit_row_id);
  remap_new_rows (change->person_puts, before->person_deletes, self->persons,
                  &self->max_person_id, persons, person_row_id);
  remap_new_rows (change->post_puts, before->post_deletes, self->posts, &self->max_post_id,
                  posts, post_row_id);
  if (g_hash_table_size (units) == 0 && g_hash_table_size (persons) == 0)
    return;

  g_hash_table_iter_init (&iter, change->unit_puts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    follow_map (units, &((ShequUnitRow *) value)->parent_id);
  g_hash_table_iter_init (&iter, change->post_puts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      follow_map (units, &((ShequPostRow *) value)->unit_id);
      follow_map (persons, &((ShequPostRow *) value)->person_id);
    }
}

static void
detach_unit (ShequOrgStore *self,
             ShequUnit     *unit,
             GHashTable    *dirty)
{
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
  if (*field == value)
    return;
  *field = value;
  _shequ_unit_notify (unit, prop);
}

static void
remove_post_links (ShequPost  *post,
                   GHashTable *dirty)
{
  _shequ_unit_remove_post (post->unit, post);
  _shequ_person_remove_post (post->person, post);
  g_hash_table_add (dirty, post->unit);
}

static void
add_post_links (ShequPost  *post,
                GHashTable *dirty)
{
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

static guint run_search (ShequOrgStore *self);

/* Brings the objects in line with CHANGE, which is already in the database. The code
 * tables are keyed by the objects' own strings: replace, never insert, so a key is
 * never a string that a swap of codes frees. */
static void
update_objects (ShequOrgStore  *self,
                ShequOrgChange *change)
{
  g_autoptr(GHashTable) dirty = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) to_attach = g_ptr_array_new ();
  g_autoptr(GPtrArray) order = NULL;
  /* Objects leaving the store: kept alive until the end, looked up by pointer. */
  g_autoptr(GHashTable) graveyard = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  GHashTableIter iter;
  gpointer key, value;

  /* Posts leaving */
  g_hash_table_iter_init (&iter, change->post_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPost *post = g_hash_table_lookup (self->posts, key);

      if (post == NULL)
        continue;
      remove_post_links (post, dirty);
      g_hash_table_steal (self->posts, key);
      g_hash_table_add (graveyard, post);
    }

  /* Units leaving their place: moved, re-coded or deleted */
  g_hash_table_iter_init (&iter, change->unit_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnitRow *row = value;
      ShequUnit *unit = g_hash_table_lookup (self->units, key);
      gint64 parent_id = unit && unit->parent ? unit->parent->id : 0;

      if (unit != NULL && (parent_id != row->parent_id || strcmp (unit->code, row->code) != 0))
        {
          detach_unit (self, unit, dirty);
          g_ptr_array_add (to_attach, unit);
        }
    }
  g_hash_table_iter_init (&iter, change->unit_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequUnit *unit = g_hash_table_lookup (self->units, key);

      if (unit == NULL)
        continue;
      if (!g_ptr_array_find (to_attach, unit, NULL))
        detach_unit (self, unit, dirty);
      update_violation (self, unit, FALSE);
      if (g_hash_table_lookup (self->codes, unit->code) == unit)
        g_hash_table_remove (self->codes, unit->code);
      g_hash_table_steal (self->units, key);
      g_hash_table_add (graveyard, unit);
    }

  /* Units arriving or changing */
  g_hash_table_iter_init (&iter, change->unit_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequUnitRow *row = value;
      ShequUnit *unit = g_hash_table_lookup (self->units, key);

      if (unit == NULL)
        {
          unit = _shequ_unit_new (row);
          g_hash_table_insert (self->units, &unit->id, unit);
          g_hash_table_replace (self->codes, unit->code, unit);
          g_ptr_array_add (to_attach, unit);
          self->max_unit_id = MAX (self->max_unit_id, unit->id);
          g_hash_table_add (dirty, unit);
          continue;
        }

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
      g_hash_table_add (dirty, unit);
    }

  for (guint i = 0; i < to_attach->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (to_attach, i);
      ShequUnitRow *row = g_hash_table_lookup (change->unit_puts, &unit->id);

      attach_unit (self, unit, row->parent_id, dirty);
    }

  /* People */
  g_hash_table_iter_init (&iter, change->person_deletes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ShequPerson *person = g_hash_table_lookup (self->persons, key);

      if (person == NULL)
        continue;
      if (g_hash_table_lookup (self->person_codes, person->code) == person)
        g_hash_table_remove (self->person_codes, person->code);
      _shequ_sorted_remove (self->people, self->people_model, person);
      g_hash_table_steal (self->persons, key);
      g_hash_table_add (graveyard, person);
    }
  g_hash_table_iter_init (&iter, change->person_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPersonRow *row = value;
      ShequPerson *person = g_hash_table_lookup (self->persons, key);

      if (person == NULL)
        {
          person = _shequ_person_new (row);
          g_hash_table_insert (self->persons, &person->id, person);
          g_hash_table_replace (self->person_codes, person->code, person);
          _shequ_sorted_insert (self->people, self->people_model, person, compare_person_code);
          self->max_person_id = MAX (self->max_person_id, person->id);
          continue;
        }

      if (g_strcmp0 (person->code, row->code) != 0)
        {
          if (g_hash_table_lookup (self->person_codes, person->code) == person)
            g_hash_table_remove (self->person_codes, person->code);
          _shequ_sorted_remove (self->people, self->people_model, person);
          g_free (person->code);
          person->code = g_strdup (row->code);
          g_hash_table_replace (self->person_codes, person->code, person);
          _shequ_sorted_insert (self->people, self->people_model, person, compare_person_code);
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
              g_hash_table_add (dirty, post->unit);
            }
        }
      if (g_strcmp0 (person->phone, row->phone ? row->phone : "") != 0)
        {
          g_free (person->phone);
          person->phone = g_strdup (row->phone ? row->phone : "");
          _shequ_person_notify (person, SHEQU_PERSON_PROP_PHONE);
        }
      if (g_strcmp0 (person->note, row->note ? row->note : "") != 0)
        {
          g_free (person->note);
          person->note = g_strdup (row->note ? row->note : "");
          _shequ_person_notify (person, SHEQU_PERSON_PROP_NOTE);
        }
    }

  /* Posts arriving or changing */
  g_hash_table_iter_init (&iter, change->post_puts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ShequPostRow *row = value;
      ShequPost *post = g_hash_table_lookup (self->posts, key);
      ShequPerson *person = g_hash_table_lookup (self->persons, &row->person_id);
      ShequUnit *unit = g_hash_table_lookup (self->units, &row->unit_id);

      if (post == NULL)
        {
          post = _shequ_post_new (row->id, person, unit, row->role, row->title);
          g_hash_table_insert (self->posts, &post->id, post);
          add_post_links (post, dirty);
          self->max_post_id = MAX (self->max_post_id, post->id);
          continue;
        }

      if (post->person != person || post->unit != unit || post->role != row->role)
        {
          gboolean role_changed = post->role != row->role;

          remove_post_links (post, dirty);
          post->person = person;
          post->unit = unit;
          post->role = row->role;
          add_post_links (post, dirty);
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

  /* Roll-ups: every dirty unit and its ancestors, deepest first. */
  order = g_ptr_array_new ();
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

    g_hash_table_iter_init (&iter, dirty);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        ShequUnit *unit = key;

        if (g_hash_table_contains (graveyard, unit))
          continue;
        for (ShequUnit *u = unit; u != NULL && g_hash_table_add (seen, u); u = u->parent)
          g_ptr_array_add (order, u);
      }
  }
  g_ptr_array_sort (order, compare_depth_desc);
  for (guint i = 0; i < order->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (order, i);

      compute_rollup (unit, TRUE);
      update_violation (self, unit, TRUE);
    }

  g_clear_pointer (&self->units_cache, g_ptr_array_unref);
  if (self->search_text != NULL)
    run_search (self);
}

static void
notify_undo_state (ShequOrgStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static guint
change_size (ShequOrgChange *change)
{
  return g_hash_table_size (change->unit_puts) + g_hash_table_size (change->unit_deletes) +
         g_hash_table_size (change->person_puts) + g_hash_table_size (change->person_deletes) +
         g_hash_table_size (change->post_puts) + g_hash_table_size (change->post_deletes);
}

/* A change this large is bulk whether or not it says so. */
#define BULK_ROWS 100

static void
refresh_objects (ShequOrgStore  *self,
                 ShequOrgChange *diff)
{
  guint n_units = g_hash_table_size (self->units);

  update_objects (self, diff);
  if (n_units != g_hash_table_size (self->units))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNITS]);
}

/* Validates, writes and applies CHANGE (borrowed). Returns its inverse on success.
 * EXPECTED (nullable) are the rows the objects must hold first (see replay()).
 * REFRESHED says whether rows of other programs were read in, even on failure. */
static ShequOrgChange *
apply_change (ShequOrgStore   *self,
              ShequOrgChange  *change,
              ShequOrgChange  *expected,
              gboolean        *refreshed,
              GError         **error)
{
  g_autoptr(ShequOrgChange) before = NULL;
  g_autoptr(ShequOrgChange) inverse = NULL;
  g_autoptr(GError) local = NULL;
  guint n_units = g_hash_table_size (self->units);
  gint64 version = 0;

  *refreshed = FALSE;
  g_clear_pointer (&self->remapped_units, g_hash_table_unref);
  g_clear_pointer (&self->remapped_posts, g_hash_table_unref);
  if (expected != NULL && !check_expected_images (self, expected, error))
    return NULL;
  if (!validate_change (self, change, error))
    return NULL;
  /* The rows as the change's author saw them, before anyone else's may be read in. */
  before = make_inverse (self, change);

  if (!shequ_database_begin (self->db, error))
    return NULL;

  /* Nothing goes in bulk into a damaged file: it would hide the damage under new rows. */
  if ((change->bulk || change_size (change) >= BULK_ROWS) &&
      !shequ_database_quick_check (self->db, error))
    goto failed;

  /* Inside the write lock: has another program committed since we last read? */
  if (!read_data_version (self, &version, error))
    goto failed;
  if (version != self->data_version)
    {
      g_auto(Snapshot) snap = { NULL };
      g_autoptr(ShequOrgChange) diff = NULL;
      gboolean current;

      if (!load_snapshot (self, &snap, error) ||
          !(diff = make_refresh_diff (self, &snap, error)))
        goto failed;
      current = check_before_images (self, change, before, &snap, &local);
      update_objects (self, diff);
      self->data_version = version;
      *refreshed = TRUE;
      if (!current)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto failed;
        }

      remap_new_ids (self, change, before);
      if (!validate_change (self, change, &local))
        {
          g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT,
                       _("Another program changed the database meanwhile, and the change no "
                         "longer fits: %s Your change was not saved; the view now shows the "
                         "current data."),
                       local->message);
          goto failed;
        }
    }

  if (!write_change (self, change, error))
    goto failed;
  inverse = make_inverse (self, change);
  if (!shequ_database_commit (self->db, error))
    goto failed;

  update_objects (self, change);

  if (n_units != g_hash_table_size (self->units))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNITS]);
  return g_steal_pointer (&inverse);

failed:
  shequ_database_rollback (self->db);
  if (n_units != g_hash_table_size (self->units))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNITS]);
  return NULL;
}

gboolean
shequ_org_store_refresh (ShequOrgStore  *self,
                         gboolean       *changed,
                         GError        **error)
{
  g_auto(Snapshot) snap = { NULL };
  g_autoptr(ShequOrgChange) diff = NULL;
  gint64 version = 0;
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);

  if (changed != NULL)
    *changed = FALSE;

  /* One read transaction: the version and the rows are of the same moment. */
  if (!shequ_database_exec (self->db, "BEGIN", error))
    return FALSE;
  ok = read_data_version (self, &version, error);
  if (ok && version != self->data_version)
    ok = load_snapshot (self, &snap, error) &&
         (diff = make_refresh_diff (self, &snap, error)) != NULL;
  shequ_database_exec (self->db, "COMMIT", NULL);
  if (!ok)
    return FALSE;

  self->data_version = version;
  if (diff == NULL || shequ_org_change_is_empty (diff))
    return TRUE;

  refresh_objects (self, diff);
  if (changed != NULL)
    *changed = TRUE;
  g_signal_emit (self, signals[CHANGED], 0, "");
  return TRUE;
}

gboolean
shequ_org_store_apply (ShequOrgStore   *self,
                       ShequOrgChange  *change,
                       GError         **error)
{
  g_autoptr(ShequOrgChange) owned = change;
  ShequOrgChange *inverse;
  UndoEntry *entry;
  gboolean refreshed = FALSE;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (shequ_org_change_is_empty (change))
    return TRUE;

  if (!(inverse = apply_change (self, change, NULL, &refreshed, error)))
    {
      if (refreshed)
        g_signal_emit (self, signals[CHANGED], 0, "");
      return FALSE;
    }

  entry = g_new0 (UndoEntry, 1);
  entry->undo = inverse;
  entry->redo = g_steal_pointer (&owned);
  g_queue_push_head (&self->undo_stack, entry);
  while (g_queue_get_length (&self->undo_stack) > UNDO_LIMIT)
    undo_entry_free (g_queue_pop_tail (&self->undo_stack));
  clear_stack (&self->redo_stack);
  notify_undo_state (self);

  g_signal_emit (self, signals[CHANGED], 0, entry->redo->label);
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
  ShequOrgChange *change;
  ShequOrgChange *inverse;
  gboolean refreshed = FALSE;

  if (entry == NULL)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOTHING_TO_UNDO,
                   undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }

  /* The other half of the entry holds the rows as its last step left them: if they are
   * not so now, another program changed them, and undo must not overwrite that. */
  change = undo ? entry->undo : entry->redo;
  if (!(inverse = apply_change (self, change, undo ? entry->redo : entry->undo,
                                &refreshed, error)))
    {
      if (refreshed)
        g_signal_emit (self, signals[CHANGED], 0, "");
      return FALSE;
    }

  /* The fresh inverse describes the state just left, exactly. */
  if (undo)
    {
      shequ_org_change_free (entry->redo);
      entry->redo = inverse;
    }
  else
    {
      shequ_org_change_free (entry->undo);
      entry->undo = inverse;
    }
  g_queue_pop_head (from);
  g_queue_push_head (to, entry);
  notify_undo_state (self);

  g_signal_emit (self, signals[CHANGED], 0, change->label);
  return TRUE;
}

gboolean
shequ_org_store_undo (ShequOrgStore  *self,
                      GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  return replay (self, &self->undo_stack, &self->redo_stack, TRUE, error);
}

gboolean
shequ_org_store_redo (ShequOrgStore  *self,
                      GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
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

/* Edits */

static void
replace_str (char       **field,
             const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static ShequUnit *
add_unit_once (ShequOrgStore  *self,
               ShequUnit      *parent,
               ShequTier       tier,
               const char     *name,
               gboolean        move_figures,
               GError        **error)
{
  g_autoptr(ShequUnitRow) row = NULL;
  g_autofree char *label = NULL;
  ShequOrgChange *change;
  gint64 id;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!shequ_tier_can_hold (parent->tier, tier))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                   _("A %s cannot hold a %s."),
                   shequ_tier_get_label (parent->tier), shequ_tier_get_label (tier));
      return NULL;
    }

  label = g_strdup_printf (_("Add “%s”"), name);
  change = shequ_org_change_new (label);
  row = shequ_unit_row_new ();
  row->id = id = shequ_org_store_allocate_unit_id (self);
  row->parent_id = parent->id;
  row->tier = tier;
  row->code = shequ_org_store_make_unit_code (self, parent, tier);
  row->name = g_strdup (name);
  row->party_body = shequ_tier_derive_party_body (tier, name, parent->name);
  row->service_body = shequ_tier_derive_service_body (tier, name, parent->name);

  if (move_figures && shequ_org_store_should_ask_move_figures (self, parent))
    {
      ShequUnitRow *parent_row = shequ_unit_to_row (parent);

      row->population = parent_row->population;
      row->households = parent_row->households;
      parent_row->population = 0;
      parent_row->households = 0;
      shequ_org_change_put_unit (change, parent_row);
    }
  shequ_org_change_put_unit (change, g_steal_pointer (&row));

  if (!shequ_org_store_apply (self, change, error))
    return NULL;
  return shequ_org_store_lookup_unit (self, final_id (self->remapped_units, id));
}

ShequUnit *
shequ_org_store_add_unit_full (ShequOrgStore  *self,
                               ShequUnit      *parent,
                               ShequTier       tier,
                               const char     *name,
                               gboolean        move_figures,
                               GError        **error)
{
  g_autoptr(GError) local = NULL;
  gint64 parent_id;
  ShequUnit *unit;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), NULL);

  /* The code was made from a copy another program outdated: once more with the rows
   * the store has just read in, if the parent is still there. */
  parent_id = parent->id;
  unit = add_unit_once (self, parent, tier, name, move_figures, &local);
  if (unit == NULL && g_error_matches (local, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT) &&
      (parent = shequ_org_store_lookup_unit (self, parent_id)) != NULL)
    {
      g_clear_error (&local);
      unit = add_unit_once (self, parent, tier, name, move_figures, &local);
    }
  if (unit == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return unit;
}

ShequUnit *
shequ_org_store_add_unit (ShequOrgStore  *self,
                          ShequUnit      *parent,
                          const char     *name,
                          gboolean        move_figures,
                          GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), NULL);

  if (shequ_tier_default_child (parent->tier) == SHEQU_N_TIERS)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                   _("A %s cannot hold other units."), shequ_tier_get_label (parent->tier));
      return NULL;
    }
  return shequ_org_store_add_unit_full (self, parent, shequ_tier_default_child (parent->tier),
                                        name, move_figures, error);
}

gboolean
shequ_org_store_should_ask_move_figures (ShequOrgStore *self,
                                         ShequUnit     *parent)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (parent), FALSE);

  return parent->children->len == 0 && (parent->population > 0 || parent->households > 0);
}

gboolean
shequ_org_store_update_unit (ShequOrgStore  *self,
                             ShequUnit      *unit,
                             const char     *code,
                             const char     *name,
                             const char     *party_body,
                             const char     *service_body,
                             const char     *note,
                             GError        **error)
{
  g_autoptr(ShequUnitRow) row = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);

  row = shequ_unit_to_row (unit);
#define REPLACE(field) if (field != NULL) { g_free (row->field); row->field = g_strdup (field); }
  REPLACE (code);
  REPLACE (name);
  REPLACE (party_body);
  REPLACE (service_body);
  REPLACE (note);
#undef REPLACE

  /* Body names derived from the old name follow the new one, until the user has edited
   * them by hand. */
  if (name != NULL && g_strcmp0 (name, unit->name) != 0)
    {
      const char *parent_name = unit->parent != NULL ? unit->parent->name : NULL;

      if (party_body == NULL &&
          shequ_tier_is_derived_body (unit->party_body, TRUE, unit->tier, unit->name, parent_name))
        {
          g_free (row->party_body);
          row->party_body = shequ_tier_derive_party_body (unit->tier, row->name, parent_name);
        }
      if (service_body == NULL &&
          shequ_tier_is_derived_body (unit->service_body, FALSE, unit->tier, unit->name,
                                      parent_name))
        {
          g_free (row->service_body);
          row->service_body = shequ_tier_derive_service_body (unit->tier, row->name, parent_name);
        }
    }

  if (g_strcmp0 (row->code, unit->code) == 0 && g_strcmp0 (row->name, unit->name) == 0 &&
      g_strcmp0 (row->party_body, unit->party_body) == 0 &&
      g_strcmp0 (row->service_body, unit->service_body) == 0 &&
      g_strcmp0 (row->note, unit->note) == 0)
    return TRUE;

  if (name != NULL && g_strcmp0 (name, unit->name) != 0)
    label = g_strdup_printf (_("Rename “%s”"), unit->name);
  else
    label = g_strdup_printf (_("Edit “%s”"), unit->name);

  {
    ShequOrgChange *change = shequ_org_change_new (label);

    shequ_org_change_put_unit (change, g_steal_pointer (&row));
    return shequ_org_store_apply (self, change, error);
  }
}

gboolean
shequ_org_store_rename_unit (ShequOrgStore  *self,
                             ShequUnit      *unit,
                             const char     *name,
                             GError        **error)
{
  return shequ_org_store_update_unit (self, unit, NULL, name, NULL, NULL, NULL, error);
}

gboolean
shequ_org_store_set_figures (ShequOrgStore  *self,
                             ShequUnit      *unit,
                             gint64          population,
                             gint64          households,
                             GError        **error)
{
  g_autofree char *label = NULL;
  ShequUnitRow *row;
  ShequOrgChange *change;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);

  if (population < 0 || households < 0)
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NEGATIVE,
                   _("The population and households of “%s” cannot be negative."), unit->name);
      return FALSE;
    }
  if (population == unit->population && households == unit->households)
    return TRUE;
  /* Clearing stray figures on a parent is always allowed. */
  if (unit->children->len > 0 && (population != 0 || households != 0))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_NOT_LEAF,
                   _("“%s” has sub-units: enter population and households on them; "
                     "its figures are their sum."), unit->name);
      return FALSE;
    }

  label = g_strdup_printf (_("Change figures of “%s”"), unit->name);
  change = shequ_org_change_new (label);
  row = shequ_unit_to_row (unit);
  row->population = population;
  row->households = households;
  shequ_org_change_put_unit (change, row);
  return shequ_org_store_apply (self, change, error);
}

gboolean
shequ_org_store_can_move_unit (ShequOrgStore  *self,
                               ShequUnit      *unit,
                               ShequUnit      *new_parent,
                               GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (new_parent), FALSE);

  if (unit == new_parent || shequ_unit_is_ancestor_of (unit, new_parent))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CYCLE,
                   _("“%s” cannot go under “%s”: that is one of its own sub-units."),
                   unit->name, new_parent->name);
      return FALSE;
    }
  if (!shequ_tier_can_hold (new_parent->tier, unit->tier))
    {
      g_set_error (error, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_TIER,
                   _("A %s cannot hold a %s: “%s” cannot go under “%s”."),
                   shequ_tier_get_label (new_parent->tier), shequ_tier_get_label (unit->tier),
                   unit->name, new_parent->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
shequ_org_store_move_unit (ShequOrgStore  *self,
                           ShequUnit      *unit,
                           ShequUnit      *new_parent,
                           GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;
  ShequUnitRow *row;

  if (!shequ_org_store_can_move_unit (self, unit, new_parent, error))
    return FALSE;
  if (unit->parent == new_parent)
    return TRUE;

  label = g_strdup_printf (_("Move “%s” to “%s”"), unit->name, new_parent->name);
  change = shequ_org_change_new (label);
  row = shequ_unit_to_row (unit);
  row->parent_id = new_parent->id;
  shequ_org_change_put_unit (change, row);
  return shequ_org_store_apply (self, change, error);
}

static void
delete_subtree (ShequOrgChange *change,
                ShequUnit      *unit)
{
  for (guint i = 0; i < unit->children->len; i++)
    delete_subtree (change, g_ptr_array_index (unit->children, i));
  for (guint i = 0; i < unit->posts->len; i++)
    shequ_org_change_delete_post (change, ((ShequPost *)g_ptr_array_index (unit->posts, i))->id);
  shequ_org_change_delete_unit (change, unit->id);
}

gboolean
shequ_org_store_delete_unit (ShequOrgStore  *self,
                             ShequUnit      *unit,
                             GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), FALSE);

  label = g_strdup_printf (_("Delete “%s”"), unit->name);
  change = shequ_org_change_new (label);
  delete_subtree (change, unit);
  return shequ_org_store_apply (self, change, error);
}

static ShequPost *
add_post_to_change (ShequOrgStore  *self,
                    ShequOrgChange *change,
                    gint64          person_id,
                    ShequUnit      *unit,
                    ShequRole       role,
                    const char     *title,
                    GError        **error)
{
  ShequPostRow *post_row = shequ_post_row_new ();
  gint64 post_id;

  post_row->id = post_id = shequ_org_store_allocate_post_id (self);
  post_row->person_id = person_id;
  post_row->unit_id = unit->id;
  post_row->role = role;
  post_row->title = g_strdup (title ? title : "");
  shequ_org_change_put_post (change, post_row);

  if (!shequ_org_store_apply (self, change, error))
    return NULL;
  return shequ_org_store_lookup_post (self, final_id (self->remapped_posts, post_id));
}

static ShequPost *
add_person_post_once (ShequOrgStore  *self,
                      ShequUnit      *unit,
                      const char     *name,
                      const char     *phone,
                      ShequRole       role,
                      const char     *title,
                      GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;
  ShequPersonRow *person_row;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);
  g_return_val_if_fail (role < SHEQU_N_ROLES, NULL);

  label = g_strdup_printf (_("Add %s to “%s”"), name ? name : "", unit->name);
  change = shequ_org_change_new (label);
  person_row = shequ_person_row_new ();
  person_row->id = shequ_org_store_allocate_person_id (self);
  person_row->code = shequ_org_store_make_person_code (self);
  person_row->name = g_strdup (name ? name : "");
  person_row->phone = g_strdup (phone ? phone : "");
  shequ_org_change_put_person (change, person_row);

  return add_post_to_change (self, change, person_row->id, unit, role, title, error);
}

ShequPost *
shequ_org_store_add_person_post (ShequOrgStore  *self,
                                 ShequUnit      *unit,
                                 const char     *name,
                                 const char     *phone,
                                 ShequRole       role,
                                 const char     *title,
                                 GError        **error)
{
  g_autoptr(GError) local = NULL;
  gint64 unit_id;
  ShequPost *post;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);

  /* As for a new unit: the person code came from a copy another program outdated. */
  unit_id = unit->id;
  post = add_person_post_once (self, unit, name, phone, role, title, &local);
  if (post == NULL && g_error_matches (local, SHEQU_ORG_ERROR, SHEQU_ORG_ERROR_CONFLICT) &&
      (unit = shequ_org_store_lookup_unit (self, unit_id)) != NULL)
    {
      g_clear_error (&local);
      post = add_person_post_once (self, unit, name, phone, role, title, &local);
    }
  if (post == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return post;
}

ShequPost *
shequ_org_store_add_post (ShequOrgStore  *self,
                          ShequPerson    *person,
                          ShequUnit      *unit,
                          ShequRole       role,
                          const char     *title,
                          GError        **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  g_return_val_if_fail (SHEQU_IS_PERSON (person), NULL);
  g_return_val_if_fail (SHEQU_IS_UNIT (unit), NULL);
  g_return_val_if_fail (role < SHEQU_N_ROLES, NULL);

  label = g_strdup_printf (_("Add %s to “%s”"), person->name, unit->name);
  return add_post_to_change (self, shequ_org_change_new (label), person->id, unit, role, title,
                             error);
}

gboolean
shequ_org_store_update_post (ShequOrgStore  *self,
                             ShequPost      *post,
                             const char     *name,
                             const char     *phone,
                             ShequRole       role,
                             const char     *title,
                             GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;
  ShequPersonRow *person_row;
  ShequPostRow *post_row;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_POST (post), FALSE);
  g_return_val_if_fail (role < SHEQU_N_ROLES, FALSE);

  label = g_strdup_printf (_("Edit %s"), post->person->name);
  change = shequ_org_change_new (label);
  person_row = shequ_person_to_row (post->person);
  if (name != NULL)
    replace_str (&person_row->name, name);
  if (phone != NULL)
    replace_str (&person_row->phone, phone);
  shequ_org_change_put_person (change, person_row);
  post_row = shequ_post_to_row (post);
  post_row->role = role;
  if (title != NULL)
    replace_str (&post_row->title, title);
  shequ_org_change_put_post (change, post_row);
  return shequ_org_store_apply (self, change, error);
}

gboolean
shequ_org_store_remove_post (ShequOrgStore  *self,
                             ShequPost      *post,
                             GError        **error)
{
  g_autofree char *label = NULL;
  ShequOrgChange *change;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  g_return_val_if_fail (SHEQU_IS_POST (post), FALSE);

  label = g_strdup_printf (_("Remove %s from “%s”"), post->person->name, post->unit->name);
  change = shequ_org_change_new (label);
  shequ_org_change_delete_post (change, post->id);
  if (post->person->posts->len == 1)
    shequ_org_change_delete_person (change, post->person->id);
  return shequ_org_store_apply (self, change, error);
}

/* Search */

static char *
make_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal ? normal : text, -1);
}

/* Names are mostly Han characters, which neither casefolding nor normalisation
 * change: for those the name itself is the key, with no copy made. */
static const char *
search_key_for (const char  *name,
                char       **key,
                guint       *ready)
{
  if (!*ready)
    {
      gboolean plain = TRUE;

      for (const char *p = name; *p && plain; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c < 0x80)
            plain = !g_ascii_isupper (c);
          else
            plain = c >= 0x3400 && c <= 0x9FFF;
        }
      if (!plain)
        *key = make_key (name);
      *ready = TRUE;
    }
  return *key != NULL ? *key : name;
}

static gboolean
unit_matches (ShequUnit  *unit,
              const char *key)
{
  guint ready = unit->search_key_ready;
  const char *unit_key = search_key_for (unit->name, &unit->search_key, &ready);

  unit->search_key_ready = ready;
  if (strstr (unit_key, key) != NULL || strstr (unit->code, key) != NULL)
    return TRUE;

  for (guint i = 0; i < unit->posts->len; i++)
    {
      ShequPerson *person = ((ShequPost *)g_ptr_array_index (unit->posts, i))->person;
      guint person_ready = person->search_key_ready;
      const char *person_key = search_key_for (person->name, &person->search_key, &person_ready);

      person->search_key_ready = person_ready;
      if (strstr (person_key, key) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Sets every unit's search state for the current text; returns the number of matches. */
static guint
run_search (ShequOrgStore *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n_matches = 0;

  g_hash_table_iter_init (&iter, self->units);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((ShequUnit *)value)->search_state = SHEQU_SEARCH_NONE;

  if (self->search_text == NULL)
    return 0;

  g_hash_table_iter_init (&iter, self->units);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ShequUnit *unit = value;

      if (!unit_matches (unit, self->search_text))
        continue;
      n_matches++;
      unit->search_state = SHEQU_SEARCH_MATCH;
      /* Ancestors are shown so the match has its place in the tree. */
      for (ShequUnit *u = unit->parent; u != NULL && u->search_state == SHEQU_SEARCH_NONE; u = u->parent)
        u->search_state = SHEQU_SEARCH_ANCESTOR;
    }
  return n_matches;
}

guint
shequ_org_store_search (ShequOrgStore *self,
                        const char    *text)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), 0);

  g_clear_pointer (&self->search_text, g_free);
  if (text != NULL)
    {
      stripped = g_strstrip (g_strdup (text));
      if (*stripped != '\0')
        self->search_text = make_key (stripped);
    }
  return run_search (self);
}

gboolean
shequ_org_store_is_searching (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), FALSE);
  return self->search_text != NULL;
}

const char *
shequ_org_store_get_search_text (ShequOrgStore *self)
{
  g_return_val_if_fail (SHEQU_IS_ORG_STORE (self), NULL);
  return self->search_text;
}

gboolean
shequ_org_match_range (const char *haystack,
                       const char *text,
                       guint      *start,
                       guint      *end)
{
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  if (haystack == NULL || text == NULL || *text == '\0')
    return FALSE;

  /* Walk the haystack by characters, comparing casefolded prefixes; names are short. */
  {
    g_autofree char *key = make_key (text);
    glong key_chars = g_utf8_strlen (key, -1);

    for (const char *p = haystack; *p; p = g_utf8_next_char (p))
      {
        const char *q = p;
        g_autofree char *candidate = NULL;
        glong n = 0;

        while (*q && n < key_chars)
          {
            q = g_utf8_next_char (q);
            n++;
          }
        if (n < key_chars)
          break;
        candidate = g_utf8_casefold (p, q - p);
        if (strcmp (candidate, key) == 0)
          {
            *start = p - haystack;
            *end = q - haystack;
            return TRUE;
          }
      }
  }
  return FALSE;
}

void
shequ_org_store_get_stats (ShequOrgStore *self,
                           ShequOrgStats *stats)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (SHEQU_IS_ORG_STORE (self));
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  g_hash_table_iter_init (&iter, self->units);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ShequUnit *unit = value;

      switch (unit->tier)
        {
        case SHEQU_TIER_AREA:      stats->areas++; break;
        case SHEQU_TIER_COMMUNITY: stats->communities++; break;
        case SHEQU_TIER_VILLAGE:   stats->villages++; break;
        case SHEQU_TIER_GRID:      stats->grids++; break;
        case SHEQU_TIER_STREET:
        case SHEQU_N_TIERS:
        default:
          break;
        }
    }
  for (guint i = 0; i < self->roots->len; i++)
    {
      ShequUnit *root = g_ptr_array_index (self->roots, i);

      stats->population = add_figure (stats->population, root->total_population);
      stats->households = add_figure (stats->households, root->total_households);
      for (guint r = 0; r < SHEQU_N_ROLES; r++)
        stats->role_counts[r] = add_count (stats->role_counts[r], root->role_counts[r]);
    }
  stats->people = g_hash_table_size (self->persons);
  stats->violations = self->violations->len;
}
