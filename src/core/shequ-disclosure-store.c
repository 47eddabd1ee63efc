/* shequ-disclosure-store.c — disclosures in memory: the object, rows, lookups, refresh, writes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-store-private.h"
#include "shequ-text.h"

enum {
  PROP_0,
  PROP_ORG_STORE,
  PROP_ACTOR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequDisclosureStore, shequ_disclosure_store, G_TYPE_OBJECT)

/* ---- Sync statuses ---------------------------------------------------------------- */

static const char *const status_keys[SHEQU_SYNC_N_STATUSES] = {
  "local", "pending", "synced", "conflict", "refused",
};

const char *
shequ_sync_status_to_key (ShequSyncStatus status)
{
  g_return_val_if_fail (status < SHEQU_SYNC_N_STATUSES, NULL);
  return status_keys[status];
}

const char *
shequ_sync_status_get_label (ShequSyncStatus status)
{
  g_return_val_if_fail (status < SHEQU_SYNC_N_STATUSES, NULL);

  switch (status)
    {
    case SHEQU_SYNC_STATUS_LOCAL:
      return C_("sync status", "Not sent yet");
    case SHEQU_SYNC_STATUS_PENDING:
      return C_("sync status", "Pending");
    case SHEQU_SYNC_STATUS_SYNCED:
      return C_("sync status", "Synced");
    case SHEQU_SYNC_STATUS_CONFLICT:
      return C_("sync status", "Conflict");
    case SHEQU_SYNC_STATUS_REFUSED:
      return C_("sync status", "Refused by the server");
    case SHEQU_SYNC_N_STATUSES:
    default:
      g_assert_not_reached ();
    }
}

/* ---- The object ------------------------------------------------------------------- */

static void
shequ_disclosure_store_dispose (GObject *object)
{
  ShequDisclosureStore *self = (ShequDisclosureStore *)object;

  if (self->org != NULL && self->applied_id != 0)
    g_clear_signal_handler (&self->applied_id, self->org);

  G_OBJECT_CLASS (shequ_disclosure_store_parent_class)->dispose (object);
}

static void
shequ_disclosure_store_finalize (GObject *object)
{
  ShequDisclosureStore *self = (ShequDisclosureStore *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->actor, g_free);
  g_clear_object (&self->db);
  g_clear_object (&self->org);

  G_OBJECT_CLASS (shequ_disclosure_store_parent_class)->finalize (object);
}

static void
shequ_disclosure_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ShequDisclosureStore *self = SHEQU_DISCLOSURE_STORE (object);

  switch (prop_id)
    {
    case PROP_ORG_STORE:
      g_value_set_object (value, self->org);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_disclosure_store_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ShequDisclosureStore *self = SHEQU_DISCLOSURE_STORE (object);

  switch (prop_id)
    {
    case PROP_ORG_STORE:
      self->org = g_value_dup_object (value);
      break;
    case PROP_ACTOR:
      shequ_disclosure_store_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shequ_disclosure_store_class_init (ShequDisclosureStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shequ_disclosure_store_dispose;
  object_class->finalize = shequ_disclosure_store_finalize;
  object_class->get_property = shequ_disclosure_store_get_property;
  object_class->set_property = shequ_disclosure_store_set_property;

  properties[PROP_ORG_STORE] =
    g_param_spec_object ("org-store", NULL, NULL, SHEQU_TYPE_ORG_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
shequ_disclosure_store_init (ShequDisclosureStore *self)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_strcmp0 (name, "Unknown") == 0)
    name = g_get_user_name ();
  self->actor = g_strdup (name);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_disclosure_row_free);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ---- Rows ------------------------------------------------------------------------- */

void
_shequ_disclosure_row_free (ShequDisclosureRow *row)
{
  if (row == NULL)
    return;
  g_free (row->uuid);
  g_free (row->unit_code);
  g_free (row->period);
  g_free (row->title);
  g_free (row->updated_at);
  g_free (row->sync_message);
  g_free (row);
}

void
_shequ_disclosure_rows_clear (DisclosureRows *rows)
{
  g_clear_pointer (&rows->rows, g_ptr_array_unref);
}

static gint64
unit_id_of (ShequDisclosureStore *self,
            const char           *code)
{
  ShequUnit *unit = code != NULL ? shequ_org_store_lookup_code (self->org, code) : NULL;

  return unit != NULL ? shequ_unit_get_id (unit) : 0;
}

static ShequSyncStatus
status_of (sqlite3_stmt *stmt,
           gint64        server_revision)
{
  if (sqlite3_column_int (stmt, 12) || sqlite3_column_int (stmt, 15))
    return SHEQU_SYNC_STATUS_CONFLICT;
  if (sqlite3_column_int (stmt, 13))
    return SHEQU_SYNC_STATUS_REFUSED;
  if (sqlite3_column_int (stmt, 14) || server_revision == 0)
    return server_revision == 0 ? SHEQU_SYNC_STATUS_LOCAL : SHEQU_SYNC_STATUS_PENDING;
  return SHEQU_SYNC_STATUS_SYNCED;
}

static ShequDisclosureRow *
read_row (ShequDisclosureStore *self,
          sqlite3_stmt         *stmt)
{
  ShequDisclosureRow *row = g_new0 (ShequDisclosureRow, 1);
  ShequDisclosureKind kind = SHEQU_DISCLOSURE_KIND_VILLAGE;
  ShequDisclosureState state = SHEQU_DISCLOSURE_STATE_DRAFT;

  row->id = sqlite3_column_int64 (stmt, 0);
  row->uuid = _shequ_disclosure_column_dup (stmt, 1);
  row->unit_code = _shequ_disclosure_column_dup (stmt, 2);
  row->unit_id = unit_id_of (self, row->unit_code);
  /* The CHECK constraints keep both known. */
  shequ_disclosure_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind);
  row->kind = kind;
  row->period = _shequ_disclosure_column_dup (stmt, 4);
  row->updated_at = _shequ_disclosure_column_dup (stmt, 5);
  row->server_revision = sqlite3_column_int64 (stmt, 6);
  row->title = _shequ_disclosure_column_dup (stmt, 8);
  shequ_disclosure_state_from_string ((const char *) sqlite3_column_text (stmt, 9), &state);
  row->state = state;
  row->n_versions = (guint) sqlite3_column_int64 (stmt, 10);
  row->published = (guint) sqlite3_column_int64 (stmt, 11);
  row->sync = status_of (stmt, row->server_revision);
  if (row->sync == SHEQU_SYNC_STATUS_REFUSED)
    row->sync_message = _shequ_disclosure_column_dup (stmt, 7);
  return row;
}

/* Pending outbox entries: all of them (UUID NULL), or of one disclosure. */
static gboolean
count_pending (ShequDisclosureStore  *self,
               const char            *uuid,
               guint                 *n,
               GError               **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;

  stmt = _shequ_disclosure_db_prepare (self->db, uuid == NULL
                                       ? "SELECT count (*) FROM outbox WHERE state = 'pending'"
                                       : "SELECT count (*) FROM outbox WHERE uuid = ?1 "
                                         "AND state = 'pending'",
                                       error);
  if (stmt == NULL)
    return FALSE;
  if (uuid != NULL)
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!_shequ_disclosure_db_step (self->db, stmt, error))
    return FALSE;
  *n = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The count of every pending entry (reading all rows; a write of one row counts its
 * own and adds the difference) and data_version. */
static gboolean
read_n_pending (ShequDisclosureStore  *self,
                DisclosureRows        *out,
                GError               **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;

  if (out->all && !count_pending (self, NULL, &out->n_pending, error))
    return FALSE;
  if (!out->all && out->rows->len > 0 &&
      !count_pending (self, ((ShequDisclosureRow *) out->rows->pdata[0])->uuid,
                      &out->n_pending, error))
    return FALSE;
  if (!(stmt = _shequ_disclosure_db_prepare (self->db, "PRAGMA data_version", error)) ||
      !_shequ_disclosure_db_step (self->db, stmt, error))
    return FALSE;
  out->data_version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
_shequ_disclosure_store_read_rows (ShequDisclosureStore  *self,
                                   gint64                 only_id,
                                   DisclosureRows        *out,
                                   GError               **error)
{
  /* Every row: the outbox read once, grouped. One row: by its key, the outbox by the
   * disclosure's entries (grouping all of them would cost more than the row). */
#define ROWS_SELECT \
    "SELECT d.id, d.uuid, d.unit_code, d.kind, d.period, d.updated_at, d.server_revision, " \
    "  d.sync_message, v.title, v.state, v.version, " \
    "  coalesce ((SELECT max (p.version) FROM disclosure_version p " \
    "             WHERE p.disclosure_id = d.id AND p.state = 'published'), 0), "
#define ROWS_NEWEST \
    "v.version = (SELECT max (version) FROM disclosure_version WHERE disclosure_id = d.id)"
  static const char all_sql[] =
    ROWS_SELECT
    "  c.uuid IS NOT NULL, coalesce (o.refused, 0), coalesce (o.pending, 0), "
    "  coalesce (o.conflict, 0) "
    "FROM disclosure d JOIN disclosure_version v ON v.disclosure_id = d.id "
    "  LEFT JOIN sync_conflict c ON c.uuid = d.uuid "
    "  LEFT JOIN (SELECT uuid, max (state = 'refused') AS refused, "
    "                    max (state = 'pending') AS pending, "
    "                    max (state = 'conflict') AS conflict "
    "             FROM outbox GROUP BY uuid) o ON o.uuid = d.uuid "
    "WHERE " ROWS_NEWEST;
  static const char one_sql[] =
    ROWS_SELECT
    "  EXISTS (SELECT 1 FROM sync_conflict c WHERE c.uuid = d.uuid), "
    "  EXISTS (SELECT 1 FROM outbox o WHERE o.uuid = d.uuid AND o.state = 'refused'), "
    "  EXISTS (SELECT 1 FROM outbox o WHERE o.uuid = d.uuid AND o.state = 'pending'), "
    "  EXISTS (SELECT 1 FROM outbox o WHERE o.uuid = d.uuid AND o.state = 'conflict') "
    "FROM disclosure d JOIN disclosure_version v ON v.disclosure_id = d.id "
    "WHERE d.id = ?1 AND " ROWS_NEWEST;
#undef ROWS_SELECT
#undef ROWS_NEWEST
  g_autoptr(ShequCachedStmt) stmt = _shequ_disclosure_db_prepare (self->db, only_id == 0
                                                                   ? all_sql : one_sql,
                                                                   error);
  int rc;

  out->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _shequ_disclosure_row_free);
  out->all = only_id == 0;
  if (stmt == NULL)
    return FALSE;
  if (only_id != 0)
    sqlite3_bind_int64 (stmt, 1, only_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out->rows, read_row (self, stmt));
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (self->db, rc, error);
  return read_n_pending (self, out, error);
}

typedef struct {
  ShequDisclosureStore *self;
  DisclosureRows        out;
} ReadAll;

static gboolean
read_all_in_transaction (ShequDatabase  *db,
                         gpointer        data,
                         GError        **error)
{
  ReadAll *state = data;

  return _shequ_disclosure_store_read_rows (state->self, 0, &state->out, error);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const ShequDisclosureRow *x = *(const ShequDisclosureRow **) a;
  const ShequDisclosureRow *y = *(const ShequDisclosureRow **) b;
  int by_time = g_strcmp0 (y->updated_at, x->updated_at);

  if (by_time != 0)
    return by_time;
  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* ROW into ROWS (sorted) where it belongs: a written row is the newest, so near the
 * front. */
static void
insert_sorted (GPtrArray          *rows,
               ShequDisclosureRow *row)
{
  guint low = 0;
  guint high = rows->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (compare_rows (&rows->pdata[mid], &row) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  g_ptr_array_insert (rows, (gint) low, row);
}

static void
index_row (ShequDisclosureStore *self,
           ShequDisclosureRow   *row)
{
  g_hash_table_insert (self->by_id, &row->id, row);
  g_hash_table_insert (self->by_uuid, row->uuid, row);
}

/* Memory takes ROWS (all of them, or the one written), stealing them. */
static void
take_rows (ShequDisclosureStore *self,
           DisclosureRows       *rows,
           gint64                only_id)
{
  GPtrArray *taken = rows->rows;

  if (rows->all)
    {
      g_hash_table_remove_all (self->by_id);
      g_hash_table_remove_all (self->by_uuid);
      g_ptr_array_set_size (self->rows, 0);
    }
  else
    {
      ShequDisclosureRow *old = g_hash_table_lookup (self->by_id, &only_id);

      if (old != NULL)
        {
          g_hash_table_remove (self->by_id, &old->id);
          g_hash_table_remove (self->by_uuid, old->uuid);
          g_ptr_array_remove (self->rows, old);
        }
    }
  g_ptr_array_set_free_func (taken, NULL);
  for (guint i = 0; i < taken->len; i++)
    {
      ShequDisclosureRow *row = g_ptr_array_index (taken, i);

      if (rows->all)
        g_ptr_array_add (self->rows, row);
      else
        insert_sorted (self->rows, row);
      index_row (self, row);
    }
  g_ptr_array_set_size (taken, 0);
  if (rows->all)
    g_ptr_array_sort (self->rows, compare_rows);
  self->n_pending = rows->n_pending;
  self->data_version = rows->data_version;
  self->total_changes = sqlite3_total_changes64 (shequ_database_get_handle (self->db));
}

/* The organisation changed: a unit's code may now name another unit, or none. */
static void
on_org_applied (ShequOrgStore  *org,
                ShequOrgChange *change,
                gpointer        user_data)
{
  ShequDisclosureStore *self = user_data;
  gboolean moved = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      ShequDisclosureRow *row = g_ptr_array_index (self->rows, i);
      gint64 unit_id = unit_id_of (self, row->unit_code);

      moved |= unit_id != row->unit_id;
      row->unit_id = unit_id;
    }
  if (moved)
    g_signal_emit (self, signals[CHANGED], 0, (gint64) 0);
}

ShequDisclosureStore *
shequ_disclosure_store_new (ShequOrgStore  *org,
                            GError        **error)
{
  g_autoptr(ShequDisclosureStore) self = NULL;
  ReadAll state = { NULL, { NULL } };

  g_return_val_if_fail (SHEQU_IS_ORG_STORE (org), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SHEQU_TYPE_DISCLOSURE_STORE, "org-store", org, NULL);
  self->db = g_object_ref (shequ_org_store_get_database (org));
  state.self = self;
  if (!shequ_database_read (self->db, read_all_in_transaction, &state, error))
    {
      _shequ_disclosure_rows_clear (&state.out);
      return NULL;
    }
  take_rows (self, &state.out, 0);
  _shequ_disclosure_rows_clear (&state.out);
  self->applied_id = g_signal_connect (org, "applied", G_CALLBACK (on_org_applied), self);
  return g_steal_pointer (&self);
}

ShequOrgStore *
shequ_disclosure_store_get_org_store (ShequDisclosureStore *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), NULL);
  return self->org;
}

ShequDatabase *
shequ_disclosure_store_get_database (ShequDisclosureStore *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), NULL);
  return self->db;
}

const char *
shequ_disclosure_store_get_actor (ShequDisclosureStore *self)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), NULL);
  return self->actor;
}

void
shequ_disclosure_store_set_actor (ShequDisclosureStore *self,
                                  const char           *actor)
{
  g_return_if_fail (SHEQU_IS_DISCLOSURE_STORE (self));

  if (actor == NULL || *actor == '\0' || g_strcmp0 (actor, self->actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

const char *
_shequ_disclosure_store_actor (ShequDisclosureStore *self,
                               const char           *actor)
{
  return actor != NULL && *actor != '\0' ? actor : self->actor;
}

/* ---- Lists and lookups ------------------------------------------------------------ */

/* Whether every word of WORDS (case-folded) is in TITLE. */
static gboolean
title_matches (const char  *title,
               char       **words)
{
  g_autofree char *folded = g_utf8_casefold (title != NULL ? title : "", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
in_unit (ShequDisclosureStore        *self,
         const ShequDisclosureRow    *row,
         ShequUnit                   *unit,
         const ShequDisclosureFilter *filter)
{
  ShequUnit *own;

  if (row->unit_id == shequ_unit_get_id (unit))
    return TRUE;
  if (!filter->subtree || row->unit_id == 0)
    return FALSE;
  own = shequ_org_store_lookup_unit (self->org, row->unit_id);
  return own != NULL && shequ_unit_is_ancestor_of (unit, own);
}

GPtrArray *
shequ_disclosure_store_list (ShequDisclosureStore        *self,
                             const ShequDisclosureFilter *filter)
{
  static const ShequDisclosureFilter all = SHEQU_DISCLOSURE_FILTER_INIT;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_auto(GStrv) words = NULL;
  g_autofree char *period = NULL;
  ShequUnit *unit = NULL;

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  if (filter->unit_id != 0 &&
      (unit = shequ_org_store_lookup_unit (self->org, filter->unit_id)) == NULL)
    return g_steal_pointer (&list);
  if (filter->period != NULL && !shequ_disclosure_period_parse (filter->period, &period))
    return g_steal_pointer (&list);
  if (filter->search != NULL)
    {
      g_autofree char *folded = g_utf8_casefold (filter->search, -1);

      words = g_strsplit_set (g_strstrip (folded), " \t\n\u3000", -1);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      ShequDisclosureRow *row = g_ptr_array_index (self->rows, i);

      if ((unit != NULL && !in_unit (self, row, unit, filter)) ||
          (filter->kind >= 0 && (int) row->kind != filter->kind) ||
          (filter->state >= 0 && (int) row->state != filter->state) ||
          (period != NULL && !shequ_disclosure_period_within (row->period, period)) ||
          (words != NULL && !title_matches (row->title, words)))
        continue;
      g_ptr_array_add (list, row);
    }
  return g_steal_pointer (&list);
}

const ShequDisclosureRow *
shequ_disclosure_store_lookup (ShequDisclosureStore *self,
                               gint64                id)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), NULL);
  return g_hash_table_lookup (self->by_id, &id);
}

const ShequDisclosureRow *
shequ_disclosure_store_lookup_uuid (ShequDisclosureStore *self,
                                    const char           *uuid)
{
  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  return g_hash_table_lookup (self->by_uuid, uuid);
}

typedef struct {
  const char       *uuid;
  ShequDisclosure  *doc;
} GetState;

static gboolean
get_in_transaction (ShequDatabase  *db,
                    gpointer        data,
                    GError        **error)
{
  GetState *state = data;

  return _shequ_disclosure_db_load (db, state->uuid, &state->doc, NULL, error);
}

ShequDisclosure *
shequ_disclosure_store_get (ShequDisclosureStore  *self,
                            gint64                 id,
                            GError               **error)
{
  const ShequDisclosureRow *row;
  GetState state = { NULL, NULL };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((row = shequ_disclosure_store_lookup (self, id)) == NULL)
    {
      _shequ_disclosure_not_found (error, id);
      return NULL;
    }
  state.uuid = row->uuid;
  if (!shequ_database_read (self->db, get_in_transaction, &state, error))
    return NULL;
  if (state.doc == NULL)
    _shequ_disclosure_not_found (error, id);
  return state.doc;
}

/* ---- Refresh ---------------------------------------------------------------------- */

static gboolean
strings_equal (const char *a,
               const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

static gboolean
rows_equal (const ShequDisclosureRow *a,
            const ShequDisclosureRow *b)
{
  return a->id == b->id && a->unit_id == b->unit_id && a->kind == b->kind &&
         a->state == b->state && a->n_versions == b->n_versions &&
         a->published == b->published && a->sync == b->sync &&
         a->server_revision == b->server_revision && strings_equal (a->uuid, b->uuid) &&
         strings_equal (a->unit_code, b->unit_code) && strings_equal (a->period, b->period) &&
         strings_equal (a->title, b->title) && strings_equal (a->updated_at, b->updated_at) &&
         strings_equal (a->sync_message, b->sync_message);
}

static gboolean
same_as_memory (ShequDisclosureStore *self,
                DisclosureRows       *rows)
{
  if (rows->rows->len != self->rows->len || rows->n_pending != self->n_pending)
    return FALSE;
  for (guint i = 0; i < rows->rows->len; i++)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (rows->rows, i);
      const ShequDisclosureRow *old = g_hash_table_lookup (self->by_id, &row->id);

      if (old == NULL || !rows_equal (row, old))
        return FALSE;
    }
  return TRUE;
}

/* Another connection's commits move data_version; this connection's writes that did
 * not go through the store (the sample, the CLI's bulk paths) move its change count. */
static gboolean
read_data_version (ShequDisclosureStore  *self,
                   gint64                *version,
                   GError               **error)
{
  g_autoptr(ShequCachedStmt) stmt = _shequ_disclosure_db_prepare (self->db, "PRAGMA data_version",
                                                         error);

  if (stmt == NULL || !_shequ_disclosure_db_step (self->db, stmt, error))
    return FALSE;
  *version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
shequ_disclosure_store_refresh (ShequDisclosureStore  *self,
                                GError               **error)
{
  ReadAll state = { self, { NULL } };
  gint64 version = 0;
  gboolean same;

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_data_version (self, &version, error))
    return FALSE;
  if (version == self->data_version &&
      sqlite3_total_changes64 (shequ_database_get_handle (self->db)) == self->total_changes)
    return TRUE;
  if (!shequ_database_read (self->db, read_all_in_transaction, &state, error))
    {
      _shequ_disclosure_rows_clear (&state.out);
      return FALSE;
    }
  same = same_as_memory (self, &state.out);
  take_rows (self, &state.out, 0);
  _shequ_disclosure_rows_clear (&state.out);
  if (!same)
    g_signal_emit (self, signals[CHANGED], 0, (gint64) 0);
  return TRUE;
}

/* ---- The write path --------------------------------------------------------------- */

typedef struct {
  ShequDatabaseFunc  func;
  DisclosureWrite   *write;
  DisclosureRows     rows;
} WriteState;

static gboolean
write_in_transaction (ShequDatabase  *db,
                      gpointer        data,
                      GError        **error)
{
  WriteState *state = data;
  ShequDisclosureStore *self = state->write->self;
  const ShequDisclosureRow *old;
  gint64 version = 0;
  guint before = 0;
  gboolean stale;

  /* Another connection committed since memory was read: every row comes back. */
  if (!read_data_version (self, &version, error))
    return FALSE;
  stale = version != self->data_version ||
          sqlite3_total_changes64 (shequ_database_get_handle (db)) != self->total_changes;
  /* Memory matches the database: the pending count moves by this disclosure's. */
  if (!stale && (old = shequ_disclosure_store_lookup (self, state->write->id)) != NULL &&
      !count_pending (self, old->uuid, &before, error))
    return FALSE;
  if (!state->func (db, state->write, error) ||
      !_shequ_disclosure_store_read_rows (self, stale ? 0 : state->write->id, &state->rows,
                                          error))
    return FALSE;
  if (!state->rows.all)
    state->rows.n_pending = self->n_pending - before +
                            (state->rows.rows->len > 0 ? state->rows.n_pending : 0);
  return TRUE;
}

gboolean
_shequ_disclosure_store_write (ShequDisclosureStore  *self,
                               ShequDatabaseFunc      func,
                               DisclosureWrite       *write,
                               GError               **error)
{
  WriteState state = { func, write, { NULL } };
  gboolean ok;

  write->self = self;
  write->actor = _shequ_disclosure_store_actor (self, write->actor);
  ok = shequ_database_write (self->db, write_in_transaction, &state, error);
  if (ok)
    {
      gboolean all = state.rows.all;

      take_rows (self, &state.rows, write->id);
      g_signal_emit (self, signals[CHANGED], 0, all ? (gint64) 0 : write->id);
    }
  else if (error != NULL && *error != NULL && (*error)->domain != SHEQU_DISCLOSURE_ERROR)
    {
      /* The database's words say what failed; these say what it was doing. */
      const ShequDisclosureRow *row = shequ_disclosure_store_lookup (self, write->id);
      const char *title = row != NULL ? row->title : write->title;

      if (title != NULL && *title != '\0')
        /* TRANSLATORS: %s: a disclosure's title; the database's message follows */
        g_prefix_error (error, _("“%s” was not saved: "), title);
      else
        g_prefix_error (error, _("The disclosure was not saved: "));
    }
  _shequ_disclosure_rows_clear (&state.rows);
  return ok;
}

gboolean
_shequ_disclosure_store_log (ShequDisclosureStore  *self,
                             const char            *uuid,
                             const char            *actor,
                             const char            *action,
                             const char            *old_value,
                             const char            *new_value,
                             const char            *reason,
                             GError               **error)
{
  g_autofree char *target = g_strconcat ("disclosure:", uuid, NULL);
  ShequAuditEntry entry = {
    _shequ_disclosure_store_actor (self, actor), action, target, old_value, new_value,
    reason != NULL && *reason != '\0' ? reason : NULL,
  };

  return shequ_audit_append (self->db, &entry, error);
}

gboolean
_shequ_disclosure_store_begin_edit (ShequDisclosureStore  *self,
                                    gint64                 id,
                                    ShequDisclosure      **doc,
                                    gint64                *server_revision,
                                    GError               **error)
{
  const ShequDisclosureRow *row = shequ_disclosure_store_lookup (self, id);
  g_autoptr(ShequCachedStmt) stmt = NULL;

  if (row == NULL)
    return _shequ_disclosure_not_found (error, id);
  if (!_shequ_disclosure_db_load (self->db, row->uuid, doc, server_revision, error))
    return FALSE;
  if (*doc == NULL)
    return _shequ_disclosure_not_found (error, id);

  stmt = _shequ_disclosure_db_prepare (self->db, "SELECT EXISTS (SELECT 1 FROM sync_conflict "
                                 "WHERE uuid = ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->uuid, -1, SQLITE_TRANSIENT);
  if (!_shequ_disclosure_db_step (self->db, stmt, error))
    return FALSE;
  if (sqlite3_column_int (stmt, 0))
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_CONFLICT,
                                        /* TRANSLATORS: %s: a disclosure's title */
                                        _("“%s” was also changed on another computer: "
                                          "resolve the sync conflict before editing it."),
                                        _shequ_disclosure_get_title (*doc));
  return TRUE;
}

gboolean
_shequ_disclosure_store_finish_edit (ShequDisclosureStore   *self,
                                     const ShequDisclosure  *doc,
                                     gint64                  server_revision,
                                     const char             *actor,
                                     const char             *action,
                                     const char             *old_value,
                                     const char             *new_value,
                                     const char             *reason,
                                     GError                **error)
{
  return _shequ_disclosure_db_store (self->db, doc, server_revision, error) &&
         _shequ_disclosure_store_log (self, doc->uuid, actor, action, old_value, new_value,
                                      reason, error) &&
         _shequ_outbox_enqueue (self->db, doc->uuid, error);
}

/* ---- Errors ----------------------------------------------------------------------- */

gboolean
_shequ_disclosure_set_error (GError               **error,
                             ShequDisclosureError   code,
                             const char            *format,
                             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SHEQU_DISCLOSURE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

gboolean
_shequ_disclosure_not_found (GError **error,
                             gint64   id)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND,
                                      _("There is no disclosure with id %s."), id_text);
}

gboolean
_shequ_disclosure_is_blank (const char *text)
{
  return shequ_text_is_blank (text);
}
