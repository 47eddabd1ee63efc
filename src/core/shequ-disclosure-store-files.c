/* shequ-disclosure-store-files.c — attachments, the overdue view, sync conflicts and counts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-json.h"
#include "shequ-disclosure-store-private.h"

/* ---- Attachments ------------------------------------------------------------------ */

/* The type told by the first bytes; NULL for anything else. */
static const char *
sniff_mime (const guint8 *data,
            gsize         size)
{
  static const struct {
    const char *magic;
    gsize       length;
    const char *mime;
  } types[] = {
    { "%PDF-", 5, "application/pdf" },
    { "\x89PNG\r\n\x1a\n", 8, "image/png" },
    { "\xff\xd8\xff", 3, "image/jpeg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (size >= types[i].length && memcmp (data, types[i].magic, types[i].length) == 0)
      return types[i].mime;
  return NULL;
}

static char *
sha256_of (const guint8 *data,
           gsize         size)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
}

typedef struct {
  DisclosureWrite  base;
  const char      *sha256;
  const char      *mime;
  const char      *name;
  GBytes          *bytes;
} AttachOp;

static gboolean
attach_in_transaction (ShequDatabase  *db,
                       gpointer        data,
                       GError        **error)
{
  AttachOp *op = data;
  g_autoptr(ShequCachedStmt) stmt = NULL;
  g_autofree char *target = g_strconcat ("attachment:", op->sha256, NULL);
  ShequAuditEntry entry = { op->base.actor, "attach", target, NULL, op->name, NULL };
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (op->bytes, &size);

  stmt = _shequ_disclosure_db_prepare (db, "INSERT OR IGNORE INTO attachment_blob (sha256, mime, "
                                 "size, data) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op->mime, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (gint64) size);
  sqlite3_bind_blob64 (stmt, 4, bytes, size, SQLITE_STATIC);
  if (!_shequ_disclosure_db_step (db, stmt, error))
    return FALSE;
  /* Kept once: the same file again writes nothing and logs nothing. */
  if (sqlite3_changes (shequ_database_get_handle (db)) == 0)
    return TRUE;
  return shequ_audit_append (db, &entry, error);
}

gboolean
shequ_disclosure_store_add_attachment (ShequDisclosureStore  *self,
                                       const char            *name,
                                       GBytes                *bytes,
                                       ShequAttachmentRef   **ref,
                                       GError               **error)
{
  g_autofree char *base = NULL;
  g_autofree char *sha = NULL;
  const guint8 *data;
  const char *mime;
  gsize size = 0;
  AttachOp op = { { NULL, NULL, 0, NULL }, NULL, NULL, NULL, bytes };
  ShequAttachmentRef *made;

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  base = g_path_get_basename (name);
  if (!g_utf8_validate (base, -1, NULL))
    {
      g_free (base);
      base = g_utf8_make_valid (g_path_get_basename (name), -1);
    }
  data = g_bytes_get_data (bytes, &size);
  if (size > SHEQU_ATTACHMENT_SIZE_MAX)
    {
      g_autofree char *has = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                                          /* TRANSLATORS: %s: a file name, then its size */
                                          _("“%s” is %s: an attachment may be at most "
                                            "10 MiB."), base, has);
    }
  if (size == 0 || (mime = sniff_mime (data, size)) == NULL)
    return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                                        /* TRANSLATORS: %s: a file name */
                                        _("“%s” is not a PDF, PNG or JPEG file: only those "
                                          "can be attached."), base);

  sha = sha256_of (data, size);
  op.sha256 = sha;
  op.mime = mime;
  op.name = base;
  op.base.self = self;
  op.base.actor = self->actor;
  if (!shequ_database_write (self->db, attach_in_transaction, &op, error))
    {
      /* TRANSLATORS: %s: a file name; the database's message follows */
      g_prefix_error (error, _("The attachment “%s” was not saved: "), base);
      return FALSE;
    }

  made = g_new0 (ShequAttachmentRef, 1);
  made->name = g_steal_pointer (&base);
  made->mime = g_strdup (mime);
  made->size = (gint64) size;
  made->sha256 = g_steal_pointer (&sha);
  if (ref != NULL)
    *ref = made;
  else
    shequ_attachment_ref_free (made);
  return TRUE;
}

typedef struct {
  const char *sha256;
  GBytes     *bytes;
} BlobState;

static gboolean
read_blob (ShequDatabase  *db,
           gpointer        data,
           GError        **error)
{
  BlobState *state = data;
  g_autoptr(ShequCachedStmt) stmt = NULL;
  int rc;

  stmt = _shequ_disclosure_db_prepare (db, "SELECT data FROM attachment_blob WHERE sha256 = ?",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state->sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    state->bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  return TRUE;
}

GBytes *
shequ_disclosure_store_get_attachment (ShequDisclosureStore  *self,
                                       const char            *sha256,
                                       GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *actual = NULL;
  BlobState state = { sha256, NULL };
  gsize size = 0;
  const guint8 *data;

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!shequ_database_read (self->db, read_blob, &state, error))
    return NULL;
  if ((bytes = state.bytes) == NULL)
    {
      _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND,
                                   /* TRANSLATORS: %s: a SHA-256 in hexadecimal */
                                   _("There is no attachment %s in the database."), sha256);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  actual = sha256_of (data, size);
  if (g_ascii_strcasecmp (actual, sha256) != 0)
    {
      _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT,
                                   _("The attachment %s is damaged in the database: its "
                                     "bytes no longer match their SHA-256."), sha256);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* ---- Overdue ---------------------------------------------------------------------- */

/* The communities and villages at and under UNIT, in tree order, not in PUBLISHED. */
static void
collect_overdue (ShequUnit  *unit,
                 GHashTable *published,
                 GPtrArray  *out)
{
  ShequTier tier = shequ_unit_get_tier (unit);
  GListModel *children = shequ_unit_get_children (unit);
  guint n = g_list_model_get_n_items (children);
  gint64 id = shequ_unit_get_id (unit);

  if ((tier == SHEQU_TIER_COMMUNITY || tier == SHEQU_TIER_VILLAGE) &&
      !g_hash_table_contains (published, &id))
    g_ptr_array_add (out, g_object_ref (unit));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShequUnit) child = g_list_model_get_item (children, i);

      collect_overdue (child, published, out);
    }
}

GPtrArray *
shequ_disclosure_store_overdue (ShequDisclosureStore  *self,
                                gint64                 unit_id,
                                const char            *period,
                                GError               **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) published = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, NULL);
  g_autofree char *key = NULL;

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (period == NULL || !shequ_disclosure_period_parse (period, &key))
    {
      _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_INVALID,
                                   _("“%s” is not a period: write a year (2026), a "
                                     "quarter (2026-Q3) or a month (2026-10)."),
                                   period != NULL ? period : "");
      return NULL;
    }
  /* Units with what the period asks for, found in one pass over the rows. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (self->rows, i);

      if (row->unit_id != 0 && row->kind == SHEQU_DISCLOSURE_KIND_FINANCE &&
          row->published > 0 && shequ_disclosure_period_within (row->period, key))
        g_hash_table_add (published, g_memdup2 (&row->unit_id, sizeof row->unit_id));
    }

  if (unit_id != 0)
    {
      ShequUnit *unit = shequ_org_store_lookup_unit (self->org, unit_id);

      if (unit == NULL)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, unit_id);

          _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND,
                                       _("There is no unit with id %s."), id_text);
          return NULL;
        }
      collect_overdue (unit, published, out);
    }
  else
    {
      GListModel *roots = shequ_org_store_get_roots (self->org);

      for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
        {
          g_autoptr(ShequUnit) root = g_list_model_get_item (roots, i);

          collect_overdue (root, published, out);
        }
    }
  return g_steal_pointer (&out);
}

/* ---- Conflicts -------------------------------------------------------------------- */

typedef struct {
  const char       *uuid;
  ShequDisclosure  *mine;
  char             *theirs;
  gint64            their_revision;
  gboolean          found;
} ConflictState;

static gboolean
read_conflict (ShequDatabase  *db,
               gpointer        data,
               GError        **error)
{
  ConflictState *state = data;
  g_autoptr(ShequCachedStmt) stmt = NULL;
  int rc;

  stmt = _shequ_disclosure_db_prepare (db, "SELECT their_revision, their_document "
                                 "FROM sync_conflict WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state->uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return shequ_database_set_error (db, rc, error);
  state->found = TRUE;
  state->their_revision = sqlite3_column_int64 (stmt, 0);
  state->theirs = _shequ_disclosure_column_dup (stmt, 1);
  return _shequ_disclosure_db_load (db, state->uuid, &state->mine, NULL, error);
}

static gboolean
set_no_conflict (GError                   **error,
                 const ShequDisclosureRow  *row)
{
  return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND,
                                      /* TRANSLATORS: %s: a disclosure's title */
                                      _("“%s” is not in conflict with the central server."),
                                      row->title);
}

gboolean
shequ_disclosure_store_get_conflict (ShequDisclosureStore  *self,
                                     gint64                 id,
                                     ShequDisclosure      **mine,
                                     ShequDisclosure      **theirs,
                                     gint64                *their_revision,
                                     GError               **error)
{
  const ShequDisclosureRow *row;
  g_autoptr(ShequDisclosure) their_doc = NULL;
  ConflictState state = { NULL, NULL, NULL, 0, FALSE };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((row = shequ_disclosure_store_lookup (self, id)) == NULL)
    return _shequ_disclosure_not_found (error, id);
  state.uuid = row->uuid;
  if (!shequ_database_read (self->db, read_conflict, &state, error))
    goto failed;
  if (!state.found || state.mine == NULL)
    {
      set_no_conflict (error, row);
      goto failed;
    }
  if (!(their_doc = shequ_disclosure_from_json (state.theirs, -1, error)))
    {
      g_prefix_error (error, _("The server's copy of “%s” does not read: "), row->title);
      goto failed;
    }
  if (mine != NULL)
    *mine = g_steal_pointer (&state.mine);
  if (theirs != NULL)
    *theirs = g_steal_pointer (&their_doc);
  if (their_revision != NULL)
    *their_revision = state.their_revision;
  g_clear_pointer (&state.mine, shequ_disclosure_free);
  g_free (state.theirs);
  return TRUE;

failed:
  g_clear_pointer (&state.mine, shequ_disclosure_free);
  g_free (state.theirs);
  return FALSE;
}

typedef struct {
  DisclosureWrite      base;
  ShequConflictChoice  choice;
} ResolveOp;

static gboolean
run_on_uuid (ShequDatabase  *db,
             const char     *sql,
             const char     *uuid,
             GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = _shequ_disclosure_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return _shequ_disclosure_db_step (db, stmt, error);
}

/* The choice applied: theirs stored with their revision, or mine to be sent again over
 * it; the held entries and the conflict go either way. */
static gboolean
apply_choice (ShequDatabase        *db,
              ResolveOp            *op,
              ConflictState        *state,
              const char           *title,
              GError              **error)
{
  g_autoptr(ShequDisclosure) theirs = NULL;

  if (op->choice == SHEQU_CONFLICT_TAKE_THEIRS)
    {
      if (!(theirs = shequ_disclosure_from_json (state->theirs, -1, error)))
        {
          g_prefix_error (error, _("The server's copy of “%s” does not read: "), title);
          return FALSE;
        }
      if (g_strcmp0 (theirs->uuid, state->uuid) != 0)
        return _shequ_disclosure_set_error (error, SHEQU_DISCLOSURE_ERROR_FORMAT,
                                            _("The server's copy of “%s” is of another "
                                              "disclosure."), title);
      if (!_shequ_disclosure_db_store (db, theirs, state->their_revision, error))
        return FALSE;
    }
  else if (!_shequ_disclosure_db_set_revision (db, state->uuid, state->their_revision, error))
    return FALSE;

  if (!run_on_uuid (db, "DELETE FROM outbox WHERE uuid = ?", state->uuid, error) ||
      !run_on_uuid (db, "DELETE FROM sync_conflict WHERE uuid = ?", state->uuid, error))
    return FALSE;
  if (op->choice == SHEQU_CONFLICT_KEEP_MINE &&
      !_shequ_outbox_enqueue (db, state->uuid, error))
    return FALSE;
  return _shequ_disclosure_store_log (op->base.self, state->uuid, op->base.actor, "resolve",
                                      NULL, op->choice == SHEQU_CONFLICT_KEEP_MINE
                                            ? "mine" : "theirs", NULL, error);
}

static gboolean
resolve_in_transaction (ShequDatabase  *db,
                        gpointer        data,
                        GError        **error)
{
  ResolveOp *op = data;
  const ShequDisclosureRow *row = shequ_disclosure_store_lookup (op->base.self, op->base.id);
  ConflictState state = { NULL, NULL, NULL, 0, FALSE };
  gboolean ok = FALSE;

  if (row == NULL)
    return _shequ_disclosure_not_found (error, op->base.id);
  state.uuid = row->uuid;
  if (read_conflict (db, &state, error))
    {
      if (!state.found || state.mine == NULL)
        set_no_conflict (error, row);
      else
        ok = apply_choice (db, op, &state, row->title, error);
    }
  g_clear_pointer (&state.mine, shequ_disclosure_free);
  g_free (state.theirs);
  return ok;
}

gboolean
shequ_disclosure_store_resolve_conflict (ShequDisclosureStore  *self,
                                         gint64                 id,
                                         ShequConflictChoice    choice,
                                         const char            *actor,
                                         GError               **error)
{
  ResolveOp op = { { NULL, actor, id, NULL }, choice };

  g_return_val_if_fail (SHEQU_IS_DISCLOSURE_STORE (self), FALSE);
  g_return_val_if_fail (choice == SHEQU_CONFLICT_KEEP_MINE ||
                        choice == SHEQU_CONFLICT_TAKE_THEIRS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _shequ_disclosure_store_write (self, resolve_in_transaction, &op.base, error);
}

/* ---- Counts ----------------------------------------------------------------------- */

void
shequ_disclosure_store_get_sync_counts (ShequDisclosureStore *self,
                                        guint                *pending,
                                        guint                *conflicts,
                                        guint                *refused)
{
  guint n_conflicts = 0;
  guint n_refused = 0;

  g_return_if_fail (SHEQU_IS_DISCLOSURE_STORE (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (self->rows, i);

      n_conflicts += row->sync == SHEQU_SYNC_STATUS_CONFLICT;
      n_refused += row->sync == SHEQU_SYNC_STATUS_REFUSED;
    }
  if (pending != NULL)
    *pending = self->n_pending;
  if (conflicts != NULL)
    *conflicts = n_conflicts;
  if (refused != NULL)
    *refused = n_refused;
}
