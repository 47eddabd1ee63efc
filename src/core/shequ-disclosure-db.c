/* shequ-disclosure-db.c — a disclosure whole read from and written to its tables */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-disclosure"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-disclosure-db-private.h"

/* Plain SQL on the connection given, no statement cache: the sync thread runs these on
 * a connection of its own. */

char *
_shequ_disclosure_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
_shequ_disclosure_state_is_frozen (ShequDisclosureState state)
{
  return state == SHEQU_DISCLOSURE_STATE_PUBLISHED ||
         state == SHEQU_DISCLOSURE_STATE_CORRECTED ||
         state == SHEQU_DISCLOSURE_STATE_WITHDRAWN;
}

gboolean
_shequ_disclosure_db_step (ShequDatabase  *db,
                           sqlite3_stmt   *stmt,
                           GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return shequ_database_set_error (db, rc, error);
  return TRUE;
}

char *
_shequ_disclosure_column_dup (sqlite3_stmt *stmt,
                              int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Statements prepared once per connection and SQL text (keyed by the literal's
 * address), kept on the ShequDatabase: each connection belongs to one thread at a time.
 * Handed out reset with no bindings; a g_autoptr(ShequCachedStmt) resets it again. */
sqlite3_stmt *
_shequ_disclosure_db_prepare (ShequDatabase  *db,
                              const char     *sql,
                              GError        **error)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (db), "shequ-disclosure-statements");
  sqlite3_stmt *stmt;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sqlite3_finalize);
      g_object_set_data_full (G_OBJECT (db), "shequ-disclosure-statements", cache,
                              (GDestroyNotify) g_hash_table_unref);
    }
  if ((stmt = g_hash_table_lookup (cache, sql)) != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (!(stmt = shequ_database_prepare (db, sql, error)))
    return NULL;
  g_hash_table_insert (cache, (gpointer) sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
set_damaged (GError     **error,
             const char  *uuid,
             const char  *what)
{
  g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
               /* TRANSLATORS: %s: a disclosure's uuid, then what is wrong in the database */
               _("The disclosure %s in the database is damaged: %s"), uuid, what);
  return FALSE;
}

/* ---- Reading ---------------------------------------------------------------------- */

static const char read_versions_sql[] =
  "SELECT id, version, state, title, body, opening_fen, closing_fen, guide_topic, "
  "  guide_eligibility, guide_materials, guide_steps, guide_contacts, created_by, "
  "  created_at, submitted_by, submitted_at, approved_by, approved_at, published_by, "
  "  published_at, ended_by, ended_at, reason "
  "FROM disclosure_version WHERE disclosure_id = ? ORDER BY version";

static ShequDisclosureVersion *
read_version (sqlite3_stmt  *stmt,
              const char    *uuid,
              GError       **error)
{
  g_autoptr(ShequDisclosureVersion) v = shequ_disclosure_version_new ();
  char **people[] = {
    &v->created_by, &v->created_at, &v->submitted_by, &v->submitted_at, &v->approved_by,
    &v->approved_at, &v->published_by, &v->published_at, &v->ended_by, &v->ended_at,
    &v->reason,
  };

  v->version = (guint) sqlite3_column_int64 (stmt, 1);
  if (!shequ_disclosure_state_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                           &v->state))
    {
      set_damaged (error, uuid, _("a version has an unknown state"));
      return NULL;
    }
  g_free (v->title);
  v->title = _shequ_disclosure_column_dup (stmt, 3);
  g_free (v->body);
  v->body = _shequ_disclosure_column_dup (stmt, 4);
  v->opening = sqlite3_column_int64 (stmt, 5);
  v->closing = sqlite3_column_int64 (stmt, 6);
  for (int c = 7; c <= 11; c++)
    if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
      {
        v->guide = g_new0 (ShequPolicyGuide, 1);
        v->guide->topic = _shequ_disclosure_column_dup (stmt, 7);
        v->guide->eligibility = _shequ_disclosure_column_dup (stmt, 8);
        v->guide->materials = _shequ_disclosure_column_dup (stmt, 9);
        v->guide->steps = _shequ_disclosure_column_dup (stmt, 10);
        v->guide->contacts = _shequ_disclosure_column_dup (stmt, 11);
        break;
      }
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_free (*people[i]);
      *people[i] = _shequ_disclosure_column_dup (stmt, 12 + (int) i);
    }
  return g_steal_pointer (&v);
}

/* The lines and attachments of every version of DISCLOSURE_ID (ONLY_ROWID not 0: of
 * that version), into BY_ROWID's versions. */
static gboolean
read_lines (ShequDatabase  *db,
            gint64          disclosure_id,
            gint64          only_rowid,
            const char     *uuid,
            GHashTable     *by_rowid,
            GError        **error)
{
  g_autoptr(ShequCachedStmt) items = NULL;
  g_autoptr(ShequCachedStmt) files = NULL;
  int rc;

  items = _shequ_disclosure_db_prepare (db,
                                  "SELECT i.version_rowid, i.direction, i.category, "
                                  "  i.amount_fen, i.note FROM disclosure_item i "
                                  "  JOIN disclosure_version v ON v.id = i.version_rowid "
                                  "WHERE v.disclosure_id = ?1 AND (?2 = 0 OR v.id = ?2) "
                                  "ORDER BY i.version_rowid, i.seq",
                                  error);
  if (items == NULL)
    return FALSE;
  sqlite3_bind_int64 (items, 1, disclosure_id);
  sqlite3_bind_int64 (items, 2, only_rowid);
  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (items, 0);
      ShequDisclosureVersion *v = g_hash_table_lookup (by_rowid, &rowid);
      ShequFinanceDirection dir;

      if (v == NULL ||
          !shequ_finance_direction_from_string ((const char *) sqlite3_column_text (items, 1),
                                                &dir))
        return set_damaged (error, uuid, _("a finance line is not of a version"));
      g_ptr_array_add (v->items,
                       shequ_finance_item_new (dir,
                                               (const char *) sqlite3_column_text (items, 2),
                                               sqlite3_column_int64 (items, 3),
                                               (const char *) sqlite3_column_text (items, 4)));
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);

  files = _shequ_disclosure_db_prepare (db,
                                  "SELECT a.version_rowid, a.name, a.mime, a.size, a.sha256 "
                                  "  FROM disclosure_attachment a "
                                  "  JOIN disclosure_version v ON v.id = a.version_rowid "
                                  "WHERE v.disclosure_id = ?1 AND (?2 = 0 OR v.id = ?2) "
                                  "ORDER BY a.version_rowid, a.seq",
                                  error);
  if (files == NULL)
    return FALSE;
  sqlite3_bind_int64 (files, 1, disclosure_id);
  sqlite3_bind_int64 (files, 2, only_rowid);
  while ((rc = sqlite3_step (files)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (files, 0);
      ShequDisclosureVersion *v = g_hash_table_lookup (by_rowid, &rowid);
      ShequAttachmentRef *ref;

      if (v == NULL)
        return set_damaged (error, uuid, _("an attachment is not of a version"));
      ref = g_new0 (ShequAttachmentRef, 1);
      ref->name = _shequ_disclosure_column_dup (files, 1);
      ref->mime = _shequ_disclosure_column_dup (files, 2);
      ref->size = sqlite3_column_int64 (files, 3);
      ref->sha256 = _shequ_disclosure_column_dup (files, 4);
      g_ptr_array_add (v->attachments, ref);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  return TRUE;
}

static gboolean
read_versions (ShequDatabase    *db,
               gint64            disclosure_id,
               ShequDisclosure  *d,
               GError          **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  g_autoptr(GHashTable) by_rowid = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, NULL);
  int rc;

  if (!(stmt = _shequ_disclosure_db_prepare (db, read_versions_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, disclosure_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShequDisclosureVersion *v = read_version (stmt, d->uuid, error);

      if (v == NULL)
        return FALSE;
      g_hash_table_insert (by_rowid, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                                sizeof (gint64)), v);
      g_ptr_array_add (d->versions, v);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  if (d->versions->len == 0)
    return set_damaged (error, d->uuid, _("it has no version"));
  return read_lines (db, disclosure_id, 0, d->uuid, by_rowid, error);
}

gboolean
_shequ_disclosure_db_load (ShequDatabase     *db,
                           const char        *uuid,
                           ShequDisclosure  **doc,
                           gint64            *server_revision,
                           GError           **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  g_autoptr(ShequDisclosure) d = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  *doc = NULL;
  if (server_revision != NULL)
    *server_revision = 0;
  stmt = _shequ_disclosure_db_prepare (db,
                                 "SELECT id, unit_code, kind, period, created_at, "
                                 "  server_revision FROM disclosure WHERE uuid = ?",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return shequ_database_set_error (db, rc, error);

  d = shequ_disclosure_new ();
  id = sqlite3_column_int64 (stmt, 0);
  g_free (d->uuid);
  d->uuid = g_strdup (uuid);
  g_free (d->unit_code);
  d->unit_code = _shequ_disclosure_column_dup (stmt, 1);
  if (!shequ_disclosure_kind_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                          &d->kind))
    return set_damaged (error, uuid, _("its kind is unknown"));
  g_free (d->period);
  d->period = _shequ_disclosure_column_dup (stmt, 3);
  g_free (d->created_at);
  d->created_at = _shequ_disclosure_column_dup (stmt, 4);
  if (server_revision != NULL)
    *server_revision = sqlite3_column_int64 (stmt, 5);
  g_clear_pointer (&stmt, sqlite3_reset);

  if (!read_versions (db, id, d, error))
    return FALSE;
  *doc = g_steal_pointer (&d);
  return TRUE;
}

/* ---- Writing ---------------------------------------------------------------------- */

static gboolean
set_frozen_error (GError                       **error,
                  const ShequDisclosure         *doc,
                  const ShequDisclosureVersion  *v)
{
  g_clear_error (error);
  g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
               /* TRANSLATORS: %u: a version number; %s: the disclosure's title */
               _("Version %u of “%s” was published on this computer and cannot be replaced "
                 "by a different one."),
               v->version, v->title != NULL ? v->title : doc->uuid);
  return FALSE;
}

/* A trigger's refusal becomes the FORMAT error naming V; any other failure as it is. */
static gboolean
step_version (ShequDatabase                 *db,
              sqlite3_stmt                  *stmt,
              const ShequDisclosure         *doc,
              const ShequDisclosureVersion  *v,
              GError                       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_CONSTRAINT_TRIGGER)
    return set_frozen_error (error, doc, v);
  return shequ_database_set_error (db, rc, error);
}

static void
bind_version (sqlite3_stmt                 *stmt,
              gint64                        disclosure_id,
              const ShequDisclosureVersion *v,
              ShequDisclosureState          state)
{
  const ShequPolicyGuide *g = v->guide;
  const char *people[] = {
    v->created_by, v->created_at, v->submitted_by, v->submitted_at, v->approved_by,
    v->approved_at, v->published_by, v->published_at, v->ended_by, v->ended_at, v->reason,
  };

  sqlite3_bind_int64 (stmt, 1, disclosure_id);
  sqlite3_bind_int64 (stmt, 2, v->version);
  bind_text (stmt, 3, shequ_disclosure_state_to_key (state));
  bind_text (stmt, 4, v->title != NULL ? v->title : "");
  bind_text (stmt, 5, v->body != NULL ? v->body : "");
  sqlite3_bind_int64 (stmt, 6, v->opening);
  sqlite3_bind_int64 (stmt, 7, v->closing);
  bind_text (stmt, 8, g != NULL ? (g->topic != NULL ? g->topic : "") : NULL);
  bind_text (stmt, 9, g != NULL ? g->eligibility : NULL);
  bind_text (stmt, 10, g != NULL ? g->materials : NULL);
  bind_text (stmt, 11, g != NULL ? g->steps : NULL);
  bind_text (stmt, 12, g != NULL ? g->contacts : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    bind_text (stmt, 13 + (int) i, people[i]);
}

static gboolean
write_lines (ShequDatabase                 *db,
             gint64                         rowid,
             const ShequDisclosure         *doc,
             const ShequDisclosureVersion  *v,
             GError                       **error)
{
  g_autoptr(ShequCachedStmt) item = NULL;
  g_autoptr(ShequCachedStmt) file = NULL;

  item = _shequ_disclosure_db_prepare (db,
                                 "INSERT INTO disclosure_item (version_rowid, seq, direction, "
                                 "  category, amount_fen, note) VALUES (?, ?, ?, ?, ?, ?)",
                                 error);
  if (item == NULL)
    return FALSE;
  for (guint i = 0; v->items != NULL && i < v->items->len; i++)
    {
      const ShequFinanceItem *line = g_ptr_array_index (v->items, i);

      sqlite3_reset (item);
      sqlite3_bind_int64 (item, 1, rowid);
      sqlite3_bind_int64 (item, 2, i);
      bind_text (item, 3, shequ_finance_direction_to_key (line->direction));
      bind_text (item, 4, line->category != NULL ? line->category : "");
      sqlite3_bind_int64 (item, 5, line->amount);
      bind_text (item, 6, line->note != NULL ? line->note : "");
      if (!step_version (db, item, doc, v, error))
        return FALSE;
    }

  file = _shequ_disclosure_db_prepare (db,
                                 "INSERT INTO disclosure_attachment (version_rowid, seq, name, "
                                 "  mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?)",
                                 error);
  if (file == NULL)
    return FALSE;
  for (guint i = 0; v->attachments != NULL && i < v->attachments->len; i++)
    {
      const ShequAttachmentRef *ref = g_ptr_array_index (v->attachments, i);

      sqlite3_reset (file);
      sqlite3_bind_int64 (file, 1, rowid);
      sqlite3_bind_int64 (file, 2, i);
      bind_text (file, 3, ref->name);
      bind_text (file, 4, ref->mime);
      sqlite3_bind_int64 (file, 5, ref->size);
      bind_text (file, 6, ref->sha256);
      if (!step_version (db, file, doc, v, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
exec_on_rowid (ShequDatabase  *db,
               const char     *sql,
               gint64          rowid,
               GError        **error,
               gboolean       *refused)
{
  g_autoptr(ShequCachedStmt) stmt = _shequ_disclosure_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_CONSTRAINT_TRIGGER && refused != NULL)
    *refused = TRUE;
  return shequ_database_set_error (db, rc, error);
}

static gboolean
delete_lines (ShequDatabase  *db,
              gint64          rowid,
              gboolean       *refused,
              GError        **error)
{
  return exec_on_rowid (db, "DELETE FROM disclosure_item WHERE version_rowid = ?", rowid,
                        error, refused) &&
         exec_on_rowid (db, "DELETE FROM disclosure_attachment WHERE version_rowid = ?",
                        rowid, error, refused);
}

static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

gboolean
_shequ_disclosure_lines_equal (const ShequDisclosureVersion *a,
                               const ShequDisclosureVersion *b)
{
  guint n_items_a = a->items != NULL ? a->items->len : 0;
  guint n_items_b = b->items != NULL ? b->items->len : 0;
  guint n_files_a = a->attachments != NULL ? a->attachments->len : 0;
  guint n_files_b = b->attachments != NULL ? b->attachments->len : 0;

  if (n_items_a != n_items_b || n_files_a != n_files_b)
    return FALSE;
  for (guint i = 0; i < n_items_a; i++)
    {
      const ShequFinanceItem *x = g_ptr_array_index (a->items, i);
      const ShequFinanceItem *y = g_ptr_array_index (b->items, i);

      if (x->direction != y->direction || x->amount != y->amount ||
          !text_equal (x->category, y->category) || !text_equal (x->note, y->note))
        return FALSE;
    }
  for (guint i = 0; i < n_files_a; i++)
    {
      const ShequAttachmentRef *x = g_ptr_array_index (a->attachments, i);
      const ShequAttachmentRef *y = g_ptr_array_index (b->attachments, i);

      if (x->size != y->size || g_strcmp0 (x->name, y->name) != 0 ||
          g_strcmp0 (x->mime, y->mime) != 0 || g_strcmp0 (x->sha256, y->sha256) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Whether the version ROWID of DISCLOSURE_ID holds V's lines and attachments. */
static gboolean
same_lines (ShequDatabase                 *db,
            gint64                         disclosure_id,
            gint64                         rowid,
            const char                    *uuid,
            const ShequDisclosureVersion  *v,
            gboolean                      *same,
            GError                       **error)
{
  g_autoptr(GHashTable) by_rowid = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, NULL);
  g_autoptr(ShequDisclosureVersion) old = shequ_disclosure_version_new ();

  g_hash_table_insert (by_rowid, g_memdup2 (&rowid, sizeof rowid), old);
  if (!read_lines (db, disclosure_id, rowid, uuid, by_rowid, error))
    return FALSE;
  *same = _shequ_disclosure_lines_equal (old, v);
  return TRUE;
}

static const char insert_version_sql[] =
  "INSERT INTO disclosure_version (disclosure_id, version, state, title, body, "
  "  opening_fen, closing_fen, guide_topic, guide_eligibility, guide_materials, "
  "  guide_steps, guide_contacts, created_by, created_at, submitted_by, submitted_at, "
  "  approved_by, approved_at, published_by, published_at, ended_by, ended_at, reason) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
  "  ?18, ?19, ?20, ?21, ?22, ?23)";
static const char update_version_sql[] =
  "UPDATE disclosure_version SET disclosure_id = ?1, version = ?2, state = ?3, title = ?4, "
  "  body = ?5, opening_fen = ?6, closing_fen = ?7, guide_topic = ?8, "
  "  guide_eligibility = ?9, guide_materials = ?10, guide_steps = ?11, "
  "  guide_contacts = ?12, created_by = ?13, created_at = ?14, submitted_by = ?15, "
  "  submitted_at = ?16, approved_by = ?17, approved_at = ?18, published_by = ?19, "
  "  published_at = ?20, ended_by = ?21, ended_at = ?22, reason = ?23 WHERE id = ?24";

/* The row of version V->version of DISCLOSURE_ID: *ROWID 0 when there is none. */
static gboolean
find_version (ShequDatabase         *db,
              gint64                 disclosure_id,
              guint                  version,
              gint64                *rowid,
              ShequDisclosureState  *state,
              GError               **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  int rc;

  *rowid = 0;
  stmt = _shequ_disclosure_db_prepare (db, "SELECT id, state FROM disclosure_version "
                                 "WHERE disclosure_id = ? AND version = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, disclosure_id);
  sqlite3_bind_int64 (stmt, 2, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *rowid = sqlite3_column_int64 (stmt, 0);
      if (!shequ_disclosure_state_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                               state))
        *state = SHEQU_DISCLOSURE_STATE_DRAFT;
      return TRUE;
    }
  return rc == SQLITE_DONE || shequ_database_set_error (db, rc, error);
}

/* One version: a frozen one only moves its state (the trigger refuses the rest); any
 * other is written as a draft, its lines put in, then its state set (a published
 * version's lines could not go in after it). */
static gboolean
store_version (ShequDatabase                 *db,
               gint64                         disclosure_id,
               const ShequDisclosure         *doc,
               const ShequDisclosureVersion  *v,
               GError                       **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  ShequDisclosureState old_state = SHEQU_DISCLOSURE_STATE_DRAFT;
  gboolean refused = FALSE;
  gint64 rowid;

  if (!find_version (db, disclosure_id, v->version, &rowid, &old_state, error))
    return FALSE;

  if (rowid != 0 && _shequ_disclosure_state_is_frozen (old_state))
    {
      gboolean same = FALSE;

      if (!same_lines (db, disclosure_id, rowid, doc->uuid, v, &same, error))
        return FALSE;
      if (!same)
        return set_frozen_error (error, doc, v);
      if (!(stmt = _shequ_disclosure_db_prepare (db, update_version_sql, error)))
        return FALSE;
      bind_version (stmt, disclosure_id, v, v->state);
      sqlite3_bind_int64 (stmt, 24, rowid);
      return step_version (db, stmt, doc, v, error);
    }

  if (rowid != 0)
    {
      if (!delete_lines (db, rowid, &refused, error))
        return refused ? set_frozen_error (error, doc, v) : FALSE;
      if (!(stmt = _shequ_disclosure_db_prepare (db, update_version_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 24, rowid);
    }
  else if (!(stmt = _shequ_disclosure_db_prepare (db, insert_version_sql, error)))
    return FALSE;
  bind_version (stmt, disclosure_id, v, SHEQU_DISCLOSURE_STATE_DRAFT);
  if (!step_version (db, stmt, doc, v, error))
    return FALSE;
  if (rowid == 0)
    rowid = sqlite3_last_insert_rowid (shequ_database_get_handle (db));
  g_clear_pointer (&stmt, sqlite3_reset);

  if (!write_lines (db, rowid, doc, v, error))
    return FALSE;
  if (v->state == SHEQU_DISCLOSURE_STATE_DRAFT)
    return TRUE;
  if (!(stmt = _shequ_disclosure_db_prepare (db, "UPDATE disclosure_version SET state = ? "
                                       "WHERE id = ?", error)))
    return FALSE;
  bind_text (stmt, 1, shequ_disclosure_state_to_key (v->state));
  sqlite3_bind_int64 (stmt, 2, rowid);
  return step_version (db, stmt, doc, v, error);
}

/* Versions past the document's newest go (a frozen one cannot: refused). */
static gboolean
drop_later_versions (ShequDatabase          *db,
                     gint64                  disclosure_id,
                     const ShequDisclosure  *doc,
                     GError                **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const ShequDisclosureVersion *last = g_ptr_array_index (doc->versions, doc->versions->len - 1);
  int rc;

  stmt = _shequ_disclosure_db_prepare (db, "SELECT id FROM disclosure_version "
                                 "WHERE disclosure_id = ? AND version > ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, disclosure_id);
  sqlite3_bind_int64 (stmt, 2, last->version);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_val (rowids, ((gint64) { sqlite3_column_int64 (stmt, 0) }));
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  for (guint i = 0; i < rowids->len; i++)
    {
      gint64 rowid = g_array_index (rowids, gint64, i);
      gboolean refused = FALSE;

      if (!delete_lines (db, rowid, &refused, error) ||
          !exec_on_rowid (db, "DELETE FROM disclosure_version WHERE id = ?", rowid, error,
                          &refused))
        return refused ? set_frozen_error (error, doc, last) : FALSE;
    }
  return TRUE;
}

/* The disclosure's own row: *ID the existing or new one. */
static gboolean
store_head (ShequDatabase          *db,
            const ShequDisclosure  *doc,
            gint64                  server_revision,
            gint64                 *id,
            GError                **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;
  g_autoptr(GDateTime) clock = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format (clock, "%Y-%m-%dT%H:%M:%SZ");
  /* To the microsecond: lists put the newest change first. */
  g_autofree char *updated = g_date_time_format (clock, "%Y-%m-%dT%H:%M:%S.%fZ");
  int rc;

  stmt = _shequ_disclosure_db_prepare (db, "SELECT id FROM disclosure WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, doc->uuid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  g_clear_pointer (&stmt, sqlite3_reset);

  stmt = _shequ_disclosure_db_prepare (db, *id == 0
                                 ? "INSERT INTO disclosure (unit_id, unit_code, kind, period, "
                                   "  created_at, updated_at, server_revision, uuid) VALUES ("
                                   "  coalesce ((SELECT id FROM unit WHERE code = ?1), 0), ?1, "
                                   "  ?2, ?3, ?4, ?5, ?6, ?7)"
                                 : "UPDATE disclosure SET unit_id = coalesce ((SELECT id FROM "
                                   "  unit WHERE code = ?1), 0), unit_code = ?1, kind = ?2, "
                                   "  period = ?3, created_at = ?4, updated_at = ?5, "
                                   "  server_revision = ?6 WHERE uuid = ?7",
                                 error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, doc->unit_code);
  bind_text (stmt, 2, shequ_disclosure_kind_to_key (doc->kind));
  bind_text (stmt, 3, doc->period);
  bind_text (stmt, 4, doc->created_at != NULL ? doc->created_at : now);
  bind_text (stmt, 5, updated);
  sqlite3_bind_int64 (stmt, 6, server_revision);
  bind_text (stmt, 7, doc->uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_TRIGGER)
    {
      g_set_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_FORMAT,
                   /* TRANSLATORS: %s: a disclosure's title */
                   _("“%s” was published on this computer: its unit, kind and period "
                     "cannot change."),
                   _shequ_disclosure_get_title (doc));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (shequ_database_get_handle (db));
  return TRUE;
}

const char *
_shequ_disclosure_get_title (const ShequDisclosure *doc)
{
  for (guint i = doc->versions != NULL ? doc->versions->len : 0; i > 0; i--)
    {
      const ShequDisclosureVersion *v = g_ptr_array_index (doc->versions, i - 1);

      if (v->title != NULL && *v->title != '\0')
        return v->title;
    }
  return doc->uuid;
}

gboolean
_shequ_disclosure_db_store (ShequDatabase          *db,
                            const ShequDisclosure  *doc,
                            gint64                  server_revision,
                            GError                **error)
{
  gint64 id = 0;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (doc != NULL && doc->uuid != NULL, FALSE);
  g_return_val_if_fail (doc->versions != NULL && doc->versions->len > 0, FALSE);

  if (!store_head (db, doc, server_revision, &id, error))
    return FALSE;
  for (guint i = 0; i < doc->versions->len; i++)
    if (!store_version (db, id, doc, g_ptr_array_index (doc->versions, i), error))
      return FALSE;
  return drop_later_versions (db, id, doc, error);
}

gboolean
_shequ_disclosure_db_set_revision (ShequDatabase  *db,
                                   const char     *uuid,
                                   gint64          server_revision,
                                   GError        **error)
{
  g_autoptr(ShequCachedStmt) stmt = NULL;

  g_return_val_if_fail (SHEQU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  stmt = _shequ_disclosure_db_prepare (db, "UPDATE disclosure SET server_revision = ? "
                                 "WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, server_revision);
  bind_text (stmt, 2, uuid);
  return _shequ_disclosure_db_step (db, stmt, error);
}
