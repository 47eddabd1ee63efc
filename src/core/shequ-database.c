/* shequ-database.c — the SQLite file: open, migrate, query, check */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shequ-database-private.h"
#include "shequ-db-locks.h"

G_DEFINE_FINAL_TYPE (ShequDatabase, shequ_database, G_TYPE_OBJECT)
G_DEFINE_QUARK (shequ-db-error-quark, shequ_db_error)

/* SQLite's system calls may only be replaced while no database file is open: do it
 * before main() runs, so that no connection of this process ever holds POSIX locks
 * (see shequ-db-locks.c for why). */
__attribute__ ((constructor))
static void
install_db_locks (void)
{
  shequ_db_locks_install ();
}

/* Each entry moves the schema from version i to i + 1. Never edit a released entry:
 * add a new one. */
static const char *migrations[] = {
  /* 0 → 1: the organisation */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE unit ("
  "  id           INTEGER PRIMARY KEY,"
  "  parent_id    INTEGER REFERENCES unit (id) DEFERRABLE INITIALLY DEFERRED,"
  "  tier         TEXT NOT NULL CHECK (tier IN ('street', 'area', 'community', 'village', 'grid')),"
  "  code         TEXT NOT NULL UNIQUE,"
  "  name         TEXT NOT NULL,"
  "  party_body   TEXT NOT NULL DEFAULT '',"
  "  service_body TEXT NOT NULL DEFAULT '',"
  "  note         TEXT NOT NULL DEFAULT '',"
  "  population   INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),"
  "  households   INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),"
  "  updated_at   TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE INDEX unit_parent_id ON unit (parent_id);"
  "CREATE TABLE person ("
  "  id         INTEGER PRIMARY KEY,"
  "  code       TEXT NOT NULL UNIQUE,"
  "  name       TEXT NOT NULL,"
  "  phone      TEXT NOT NULL DEFAULT '',"
  "  note       TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE TABLE post ("
  "  id         INTEGER PRIMARY KEY,"
  "  person_id  INTEGER NOT NULL REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED,"
  "  unit_id    INTEGER NOT NULL REFERENCES unit (id) DEFERRABLE INITIALLY DEFERRED,"
  "  role       TEXT NOT NULL,"
  "  title      TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE INDEX post_unit_id ON post (unit_id);"
  "CREATE INDEX post_person_id ON post (person_id);",
  /* 1 → 2: boundaries (shequ-geo-blob.h) and places on the map */
  "CREATE TABLE boundary ("
  "  unit_id INTEGER PRIMARY KEY REFERENCES unit (id) ON DELETE CASCADE,"
  "  shape   BLOB NOT NULL,"
  "  min_lon REAL,"
  "  min_lat REAL,"
  "  max_lon REAL,"
  "  max_lat REAL"
  ");"
  "CREATE TABLE place ("
  "  id      INTEGER PRIMARY KEY,"
  "  unit_id INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,"
  "  kind    TEXT NOT NULL CHECK (kind IN ('service-body', 'canteen', 'compound')),"
  "  name    TEXT NOT NULL,"
  "  lon     REAL NOT NULL,"
  "  lat     REAL NOT NULL"
  ");"
  "CREATE INDEX place_unit_id ON place (unit_id);",
  /* 2 → 3: the audit log (shequ-audit.c), append-only and hash-chained */
  "CREATE TABLE audit_log ("
  "  seq       INTEGER PRIMARY KEY,"
  "  at        TEXT NOT NULL,"
  "  actor     TEXT NOT NULL,"
  "  action    TEXT NOT NULL,"
  "  target    TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  reason    TEXT,"
  "  prev_hash BLOB NOT NULL,"
  "  hash      BLOB NOT NULL"
  ");"
  "CREATE INDEX audit_log_target ON audit_log (target, seq);",
  /* 3 → 4: the green-orange-red evaluation (shequ-eval-store.c). Targets copy what they
   * grade, with no reference to unit or person: past periods outlive the organisation's
   * edits. Scores and weights' maxima are in hundredths of a point. */
  "CREATE TABLE eval_set ("
  "  id            INTEGER PRIMARY KEY,"
  "  family        INTEGER NOT NULL,"
  "  version       INTEGER NOT NULL CHECK (version >= 1),"
  "  kind          TEXT NOT NULL CHECK (kind IN ('cadre', 'community')),"
  "  name          TEXT NOT NULL CHECK (name <> ''),"
  "  combine       TEXT NOT NULL CHECK (combine IN ('mean', 'trimmed')),"
  "  green_min     REAL NOT NULL CHECK (green_min <= 100),"
  "  orange_min    REAL NOT NULL CHECK (orange_min >= 0 AND orange_min < green_min),"
  "  comment_below REAL NOT NULL CHECK (comment_below >= 0 AND comment_below <= 1),"
  "  created_at    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  UNIQUE (family, version)"
  ");"
  "CREATE TABLE eval_indicator ("
  "  id        INTEGER PRIMARY KEY,"
  "  set_id    INTEGER NOT NULL REFERENCES eval_set (id) DEFERRABLE INITIALLY DEFERRED,"
  "  position  INTEGER NOT NULL CHECK (position >= 0),"
  "  code      TEXT NOT NULL CHECK (code <> ''),"
  "  category  TEXT NOT NULL DEFAULT '',"
  "  name      TEXT NOT NULL CHECK (name <> ''),"
  "  weight    REAL NOT NULL CHECK (weight >= 0),"
  "  max_score INTEGER NOT NULL CHECK (max_score > 0),"
  "  guidance  TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (set_id, code)"
  ");"
  "CREATE TABLE eval_flag_rule ("
  "  id     INTEGER PRIMARY KEY,"
  "  set_id INTEGER NOT NULL REFERENCES eval_set (id) DEFERRABLE INITIALLY DEFERRED,"
  "  band   TEXT NOT NULL CHECK (band IN ('green', 'orange', 'red')),"
  "  count  INTEGER NOT NULL CHECK (count >= 1),"
  "  within INTEGER NOT NULL CHECK (within >= count),"
  "  action TEXT NOT NULL CHECK (action IN ('interview', 'warning'))"
  ");"
  "CREATE INDEX eval_flag_rule_set_id ON eval_flag_rule (set_id);"
  "CREATE TABLE eval_period ("
  "  id     INTEGER PRIMARY KEY,"
  "  set_id INTEGER NOT NULL REFERENCES eval_set (id) DEFERRABLE INITIALLY DEFERRED,"
  "  kind   TEXT NOT NULL CHECK (kind IN ('month', 'quarter', 'year')),"
  "  label  TEXT NOT NULL CHECK (label <> ''),"
  "  starts TEXT NOT NULL,"
  "  ends   TEXT NOT NULL CHECK (ends >= starts),"
  "  state  TEXT NOT NULL CHECK (state IN ('open', 'scoring', 'closed'))"
  ");"
  "CREATE TABLE eval_target ("
  "  id        INTEGER PRIMARY KEY,"
  "  kind      TEXT NOT NULL CHECK (kind IN ('cadre', 'community')),"
  "  unit_id   INTEGER NOT NULL,"
  "  person_id INTEGER NOT NULL DEFAULT 0,"
  "  code      TEXT NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  unit_name TEXT NOT NULL,"
  "  area_id   INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (kind, unit_id, person_id)"
  ");"
  "CREATE TABLE eval_assessor ("
  "  id           INTEGER PRIMARY KEY,"
  "  period_id    INTEGER NOT NULL REFERENCES eval_period (id) DEFERRABLE INITIALLY DEFERRED,"
  "  person_id    INTEGER NOT NULL,"
  "  name         TEXT NOT NULL,"
  "  submitted_at TEXT,"
  "  UNIQUE (period_id, person_id)"
  ");"
  "CREATE TABLE eval_assignment ("
  "  assessor_id INTEGER NOT NULL REFERENCES eval_assessor (id) DEFERRABLE INITIALLY DEFERRED,"
  "  target_id   INTEGER NOT NULL REFERENCES eval_target (id) DEFERRABLE INITIALLY DEFERRED,"
  "  PRIMARY KEY (assessor_id, target_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE eval_score ("
  "  assessor_id  INTEGER NOT NULL,"
  "  target_id    INTEGER NOT NULL,"
  "  indicator_id INTEGER NOT NULL,"
  "  value        INTEGER NOT NULL CHECK (value >= 0),"
  "  comment      TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (assessor_id, target_id, indicator_id),"
  "  FOREIGN KEY (assessor_id, target_id) REFERENCES eval_assignment (assessor_id, target_id)"
  "    DEFERRABLE INITIALLY DEFERRED"
  ") WITHOUT ROWID;"
  "CREATE TABLE eval_flag ("
  "  id         INTEGER PRIMARY KEY,"
  "  rule_id    INTEGER NOT NULL REFERENCES eval_flag_rule (id) DEFERRABLE INITIALLY DEFERRED,"
  "  target_id  INTEGER NOT NULL REFERENCES eval_target (id) DEFERRABLE INITIALLY DEFERRED,"
  "  period_id  INTEGER NOT NULL REFERENCES eval_period (id) DEFERRABLE INITIALLY DEFERRED,"
  "  action     TEXT NOT NULL CHECK (action IN ('interview', 'warning')),"
  "  state      TEXT NOT NULL CHECK (state IN ('open', 'interviewed', 'closed')),"
  "  note       TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL,"
  "  UNIQUE (rule_id, target_id, period_id)"
  ");",
  /* 4 → 5: the head of the audit log (shequ-audit.c), one row written with every
   * append, so that deleting the newest entries shows. An existing log gives its head;
   * an empty one has seq 0, the all-zero hash that entry 1 follows, and count 0. */
  "CREATE TABLE audit_head ("
  "  id    INTEGER PRIMARY KEY CHECK (id = 1),"
  "  seq   INTEGER NOT NULL,"
  "  hash  BLOB NOT NULL,"
  "  count INTEGER NOT NULL"
  ");"
  "INSERT INTO audit_head (id, seq, hash, count) "
  "  SELECT 1, coalesce (max (seq), 0), coalesce ((SELECT hash FROM audit_log "
  "                                                ORDER BY seq DESC LIMIT 1), zeroblob (32)),"
  "         count (*) FROM audit_log;",
  /* 5 → 6: disclosures (shequ-disclosure-db.c), the sync outbox and state. A version
   * that was published (and so corrected or withdrawn later) never changes: triggers
   * refuse it whoever writes, except the one move published → corrected/withdrawn with
   * who, when and why. Its lines and attachments are frozen with it. */
  "CREATE TABLE disclosure ("
  "  id              INTEGER PRIMARY KEY,"
  "  uuid            TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),"
  "  unit_id         INTEGER NOT NULL DEFAULT 0,"
  "  unit_code       TEXT NOT NULL CHECK (unit_code <> ''),"
  "  kind            TEXT NOT NULL CHECK (kind IN ('village', 'finance', 'party',"
  "                                               'government', 'news', 'policy')),"
  "  period          TEXT NOT NULL CHECK (period <> ''),"
  "  created_at      TEXT NOT NULL,"
  "  updated_at      TEXT NOT NULL,"
  "  server_revision INTEGER NOT NULL DEFAULT 0 CHECK (server_revision >= 0),"
  "  sync_message    TEXT"
  ");"
  "CREATE INDEX disclosure_unit ON disclosure (unit_code, kind, period);"
  "CREATE INDEX disclosure_kind ON disclosure (kind, period);"
  "CREATE TABLE disclosure_version ("
  "  id                INTEGER PRIMARY KEY,"
  "  disclosure_id     INTEGER NOT NULL REFERENCES disclosure (id) DEFERRABLE INITIALLY DEFERRED,"
  "  version           INTEGER NOT NULL CHECK (version >= 1),"
  "  state             TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved',"
  "                                                   'published', 'corrected', 'withdrawn')),"
  "  title             TEXT NOT NULL,"
  "  body              TEXT NOT NULL DEFAULT '',"
  "  opening_fen       INTEGER NOT NULL DEFAULT 0 CHECK (typeof (opening_fen) = 'integer'),"
  "  closing_fen       INTEGER NOT NULL DEFAULT 0 CHECK (typeof (closing_fen) = 'integer'),"
  "  guide_topic       TEXT, guide_eligibility TEXT, guide_materials TEXT,"
  "  guide_steps       TEXT, guide_contacts TEXT,"
  "  created_by TEXT, created_at TEXT, submitted_by TEXT, submitted_at TEXT,"
  "  approved_by TEXT, approved_at TEXT, published_by TEXT, published_at TEXT,"
  "  ended_by TEXT, ended_at TEXT, reason TEXT,"
  "  UNIQUE (disclosure_id, version)"
  ");"
  "CREATE INDEX disclosure_version_state ON disclosure_version (state, disclosure_id);"
  "CREATE TABLE disclosure_item ("
  "  version_rowid INTEGER NOT NULL REFERENCES disclosure_version (id)"
  "                DEFERRABLE INITIALLY DEFERRED,"
  "  seq           INTEGER NOT NULL CHECK (seq >= 0),"
  "  direction     TEXT NOT NULL CHECK (direction IN ('income', 'expense')),"
  "  category      TEXT NOT NULL,"
  "  amount_fen    INTEGER NOT NULL CHECK (typeof (amount_fen) = 'integer' AND amount_fen > 0"
  "                                        AND amount_fen <= 100000000000000),"
  "  note          TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (version_rowid, seq)"
  ") WITHOUT ROWID;"
  "CREATE TABLE disclosure_attachment ("
  "  version_rowid INTEGER NOT NULL REFERENCES disclosure_version (id)"
  "                DEFERRABLE INITIALLY DEFERRED,"
  "  seq           INTEGER NOT NULL CHECK (seq >= 0),"
  "  name          TEXT NOT NULL CHECK (name <> ''),"
  "  mime          TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/png', 'image/jpeg')),"
  "  size          INTEGER NOT NULL CHECK (size > 0 AND size <= 10485760),"
  "  sha256        TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  PRIMARY KEY (version_rowid, seq)"
  ") WITHOUT ROWID;"
  "CREATE TABLE attachment_blob ("
  "  sha256 TEXT PRIMARY KEY CHECK (length (sha256) = 64),"
  "  mime   TEXT NOT NULL,"
  "  size   INTEGER NOT NULL CHECK (size = length (data)),"
  "  data   BLOB NOT NULL"
  ");"
  "CREATE TABLE outbox ("
  "  id              INTEGER PRIMARY KEY,"
  "  key             TEXT NOT NULL UNIQUE,"
  "  uuid            TEXT NOT NULL,"
  "  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
  "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
  "  state           TEXT NOT NULL DEFAULT 'pending'"
  "                  CHECK (state IN ('pending', 'conflict', 'refused')),"
  "  message         TEXT,"
  "  created_at      TEXT NOT NULL"
  ");"
  "CREATE INDEX outbox_order ON outbox (state, next_attempt_at, id);"
  "CREATE INDEX outbox_uuid ON outbox (uuid, state);"
  "CREATE TABLE sync_conflict ("
  "  uuid           TEXT PRIMARY KEY,"
  "  their_revision INTEGER NOT NULL,"
  "  their_document TEXT NOT NULL,"
  "  detected_at    TEXT NOT NULL"
  ");"
  "CREATE TABLE sync_state ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TRIGGER disclosure_version_frozen BEFORE UPDATE ON disclosure_version"
  "  WHEN OLD.state IN ('published', 'corrected', 'withdrawn') BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure version never changes')"
  "   WHERE NEW.id IS NOT OLD.id OR NEW.disclosure_id IS NOT OLD.disclosure_id"
  "      OR NEW.version IS NOT OLD.version OR NEW.title IS NOT OLD.title"
  "      OR NEW.body IS NOT OLD.body OR NEW.opening_fen IS NOT OLD.opening_fen"
  "      OR NEW.closing_fen IS NOT OLD.closing_fen OR NEW.guide_topic IS NOT OLD.guide_topic"
  "      OR NEW.guide_eligibility IS NOT OLD.guide_eligibility"
  "      OR NEW.guide_materials IS NOT OLD.guide_materials"
  "      OR NEW.guide_steps IS NOT OLD.guide_steps"
  "      OR NEW.guide_contacts IS NOT OLD.guide_contacts"
  "      OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at"
  "      OR NEW.submitted_by IS NOT OLD.submitted_by"
  "      OR NEW.submitted_at IS NOT OLD.submitted_at"
  "      OR NEW.approved_by IS NOT OLD.approved_by OR NEW.approved_at IS NOT OLD.approved_at"
  "      OR NEW.published_by IS NOT OLD.published_by"
  "      OR NEW.published_at IS NOT OLD.published_at"
  "      OR (NEW.state IS NOT OLD.state AND NOT (OLD.state = 'published'"
  "          AND NEW.state IN ('corrected', 'withdrawn')))"
  "      OR ((NEW.ended_by IS NOT OLD.ended_by OR NEW.ended_at IS NOT OLD.ended_at"
  "           OR NEW.reason IS NOT OLD.reason) AND NEW.state IS OLD.state);"
  "  END;"
  "CREATE TRIGGER disclosure_version_frozen_delete BEFORE DELETE ON disclosure_version"
  "  WHEN OLD.state IN ('published', 'corrected', 'withdrawn') BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure version is never deleted');"
  "  END;"
  "CREATE TRIGGER disclosure_frozen BEFORE UPDATE OF uuid, unit_code, kind, period"
  "  ON disclosure WHEN (NEW.uuid IS NOT OLD.uuid OR NEW.unit_code IS NOT OLD.unit_code"
  "    OR NEW.kind IS NOT OLD.kind OR NEW.period IS NOT OLD.period)"
  "   AND EXISTS (SELECT 1 FROM disclosure_version WHERE disclosure_id = OLD.id"
  "               AND state IN ('published', 'corrected', 'withdrawn')) BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure keeps its unit, kind and period');"
  "  END;"
  "CREATE TRIGGER disclosure_frozen_delete BEFORE DELETE ON disclosure"
  "  WHEN EXISTS (SELECT 1 FROM disclosure_version WHERE disclosure_id = OLD.id"
  "               AND state IN ('published', 'corrected', 'withdrawn')) BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure is never deleted');"
  "  END;"
  "CREATE TRIGGER disclosure_item_frozen_insert BEFORE INSERT ON disclosure_item"
  "  WHEN (SELECT state FROM disclosure_version WHERE id = NEW.version_rowid)"
  "       IN ('published', 'corrected', 'withdrawn') BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure version never changes');"
  "  END;"
  "CREATE TRIGGER disclosure_item_frozen_update BEFORE UPDATE ON disclosure_item"
  "  WHEN (SELECT state FROM disclosure_version WHERE id = OLD.version_rowid)"
  "       IN ('published', 'corrected', 'withdrawn')"
  "    OR (SELECT state FROM disclosure_version WHERE id = NEW.version_rowid)"
  "       IN ('published', 'corrected', 'withdrawn') BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure version never changes');"
  "  END;"
  "CREATE TRIGGER disclosure_item_frozen_delete BEFORE DELETE ON disclosure_item"
  "  WHEN (SELECT state FROM disclosure_version WHERE id = OLD.version_rowid)"
  "       IN ('published', 'corrected', 'withdrawn') BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure version never changes');"
  "  END;"
  "CREATE TRIGGER disclosure_attachment_frozen_insert BEFORE INSERT ON disclosure_attachment"
  "  WHEN (SELECT state FROM disclosure_version WHERE id = NEW.version_rowid)"
  "       IN ('published', 'corrected', 'withdrawn') BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure version never changes');"
  "  END;"
  "CREATE TRIGGER disclosure_attachment_frozen_update BEFORE UPDATE ON disclosure_attachment"
  "  WHEN (SELECT state FROM disclosure_version WHERE id = OLD.version_rowid)"
  "       IN ('published', 'corrected', 'withdrawn')"
  "    OR (SELECT state FROM disclosure_version WHERE id = NEW.version_rowid)"
  "       IN ('published', 'corrected', 'withdrawn') BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure version never changes');"
  "  END;"
  "CREATE TRIGGER disclosure_attachment_frozen_delete BEFORE DELETE ON disclosure_attachment"
  "  WHEN (SELECT state FROM disclosure_version WHERE id = OLD.version_rowid)"
  "       IN ('published', 'corrected', 'withdrawn') BEGIN"
  "  SELECT RAISE (ABORT, 'a published disclosure version never changes');"
  "  END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SHEQU_SCHEMA_VERSION);

static void
shequ_database_finalize (GObject *object)
{
  ShequDatabase *self = (ShequDatabase *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (shequ_database_parent_class)->finalize (object);
}

static void
shequ_database_class_init (ShequDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shequ_database_finalize;
}

static void
shequ_database_init (ShequDatabase *self)
{
}

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return SHEQU_DB_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SHEQU_DB_ERROR_LOCKED;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return SHEQU_DB_ERROR_OPEN;
    default:
      return SHEQU_DB_ERROR_QUERY;
    }
}

gboolean
_shequ_database_set_error_full (const char *path,
                                sqlite3    *db,
                                int         rc,
                                GError    **error)
{
  int code = error_code_for (rc);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if ((rc & 0xff) == SQLITE_READONLY)
    {
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("The database “%s” is read-only, so nothing could be saved in it (%s)."),
                   path, detail);
      return FALSE;
    }

  switch (code)
    {
    case SHEQU_DB_ERROR_CORRUPT:
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("The database “%s” is damaged (%s). Restore it from a backup."),
                   path, detail);
      break;
    case SHEQU_DB_ERROR_LOCKED:
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("The database “%s” is in use by another program. Close it and try again."),
                   path);
      break;
    case SHEQU_DB_ERROR_OPEN:
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("Cannot open the database “%s”: %s"), path, detail);
      break;
    default:
      g_set_error (error, SHEQU_DB_ERROR, code,
                   _("Database error in “%s”: %s"), path, detail);
      break;
    }
  return FALSE;
}

gboolean
shequ_database_set_error (ShequDatabase *self,
                          int            rc,
                          GError       **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  return _shequ_database_set_error_full (self->path, self->db, rc, error);
}

char *
shequ_database_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "shequ", "shequ.db", NULL);
}

/* Reads the schema version and checks that the schema can be parsed, through a
 * connection that cannot write anything: no journal, no -wal, no -shm. */
gboolean
_shequ_database_peek (const char *path,
                      int        *version,
                      gboolean   *has_foreign_tables,
                      GError    **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *escaped = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* immutable=1 skips locking and the WAL; only when there is no WAL to read. */
  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strdup_printf ("file:%s?mode=ro%s", escaped,
                         g_file_test (wal, G_FILE_TEST_EXISTS) ? "" : "&immutable=1");

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (rc == SQLITE_OK && *version >= 1 && *version <= SHEQU_SCHEMA_VERSION)
    {
      /* Another program's file may use user_version too: ours has these tables. */
      rc = sqlite3_prepare_v2 (db,
                               "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                               "AND name IN ('meta', 'unit', 'person', 'post')",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int n_tables = sqlite3_column_int (stmt, 0);

          rc = SQLITE_OK;
          if (n_tables != 4)
            {
              g_clear_pointer (&stmt, sqlite3_finalize);
              sqlite3_close_v2 (db);
              g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                           _("“%s” is an SQLite database, but not a Shequ one; it was not "
                             "changed."),
                           path);
              return FALSE;
            }
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (rc == SQLITE_OK && *version >= 1 && *version <= SHEQU_SCHEMA_VERSION)
    {
      /* Touch the small tables the tree load does not read, so damage there shows now
       * rather than at the first write; the big ones are read in full by the store. */
      rc = sqlite3_prepare_v2 (db,
                               "SELECT count(*), "
                               "  (SELECT sum (length (value)) FROM meta NOT INDEXED) FROM meta",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        rc = SQLITE_OK;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (rc == SQLITE_OK && has_foreign_tables != NULL)
    {
      rc = sqlite3_prepare_v2 (db,
                               "SELECT count(*) FROM sqlite_master "
                               "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          *has_foreign_tables = sqlite3_column_int (stmt, 0) > 0;
          rc = SQLITE_OK;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  if (rc != SQLITE_OK)
    {
      _shequ_database_set_error_full (path, db, rc, error);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  sqlite3_close_v2 (db);
  return TRUE;
}

gboolean
shequ_database_peek_schema_version (const char  *path,
                                    int         *version,
                                    GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  return _shequ_database_peek (path, version, NULL, error);
}

gboolean
shequ_database_exec (ShequDatabase  *self,
                     const char     *sql,
                     GError        **error)
{
  int rc;

  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return shequ_database_set_error (self, rc, error);
  return TRUE;
}

sqlite3_stmt *
shequ_database_prepare (ShequDatabase  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHEQU_IS_DATABASE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shequ_database_set_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

gboolean
shequ_database_check_files (ShequDatabase  *self,
                            GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);

  if (shequ_db_locks_check_files (sqlite3_db_filename (self->db, "main"), error))
    return TRUE;

  /* The orphaned -wal was copied into the file by whoever deleted it; copying it again
   * when this connection closes would write old pages over newer ones, and SQLite would
   * then delete the -wal under that name, which may be another program's new one. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  return FALSE;
}

/* IMMEDIATE takes the write lock now, so a busy database is reported before any work. */
static gboolean
begin_transaction (ShequDatabase  *self,
                   const char     *sql,
                   GError        **error)
{
  g_assert (SHEQU_IS_DATABASE (self));

  if (!shequ_database_exec (self, sql, error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

static void
rollback_transaction (ShequDatabase *self)
{
  g_assert (SHEQU_IS_DATABASE (self));

  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

static gboolean
commit_transaction (ShequDatabase  *self,
                    GError        **error)
{
  g_assert (SHEQU_IS_DATABASE (self));

  if (!shequ_database_exec (self, "COMMIT", error))
    {
      rollback_transaction (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

gboolean
shequ_database_write (ShequDatabase      *self,
                      ShequDatabaseFunc   func,
                      gpointer            data,
                      GError            **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  /* Never write into a -wal that another program deleted under us: the edit would be
   * lost when this connection closes, and the file damaged. */
  if (!shequ_database_check_files (self, error))
    return FALSE;
  if (!begin_transaction (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!func (self, data, error))
    {
      rollback_transaction (self);
      return FALSE;
    }
  return commit_transaction (self, error);
}

gboolean
shequ_database_read (ShequDatabase      *self,
                     ShequDatabaseFunc   func,
                     gpointer            data,
                     GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Inside a transaction the reads already see one moment. */
  if (self->in_transaction)
    return func (self, data, error);

  if (!begin_transaction (self, "BEGIN", error))
    return FALSE;
  ok = func (self, data, error);
  /* Ending a read: nothing to lose if COMMIT fails, the rows were read. */
  if (!ok || !commit_transaction (self, NULL))
    rollback_transaction (self);
  return ok;
}

gboolean
shequ_database_in_transaction (ShequDatabase *self)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  return self->in_transaction;
}

static gboolean
run_migrations (ShequDatabase  *self,
                gpointer        data,
                GError        **error)
{
  for (int v = GPOINTER_TO_INT (data); v < SHEQU_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!shequ_database_exec (self, migrations[v], error) ||
          !shequ_database_exec (self, bump, error))
        {
          g_prefix_error (error, _("Cannot update the database to version %d: "), v + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* A restored backup may be of an older version: it is brought up to this one, as an
 * older file is at open (the state before the restore is already in a backup). */
gboolean
_shequ_database_migrate_restored (ShequDatabase  *self,
                                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = shequ_database_prepare (self, "PRAGMA user_version", error);
  int version;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return shequ_database_set_error (self, sqlite3_errcode (self->db), error);
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (version < SHEQU_SCHEMA_VERSION &&
      !shequ_database_write (self, run_migrations, GINT_TO_POINTER (version), error))
    return FALSE;
  self->schema_version = SHEQU_SCHEMA_VERSION;
  return TRUE;
}

static gboolean
migrate (ShequDatabase  *self,
         int             from,
         GError        **error)
{
  if (from > 0)
    {
      /* Before every migration, a copy of the file as it was. */
      g_autofree char *dest = NULL;
      g_autofree char *kind = g_strdup_printf ("before-v%d", SHEQU_SCHEMA_VERSION);

      dest = _shequ_database_make_backup_name (self->path, kind);
      if (!_shequ_database_backup_connection (self->db, self->path, dest, error))
        return FALSE;
    }

  if (!shequ_database_write (self, run_migrations, GINT_TO_POINTER (from), error))
    return FALSE;

  self->schema_version = SHEQU_SCHEMA_VERSION;
  return TRUE;
}

/* A URI that reads PATH without writing anything beside it. With no -wal there is no
 * writer to follow, and immutable=1 needs no -shm; with one, SQLite reads through the
 * files the writer made (a read-only connection in WAL mode would otherwise create a
 * -wal and -shm of its own and leave them behind). */
static char *
make_read_only_uri (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strdup_printf ("file:%s?mode=ro%s", escaped,
                          g_file_test (wal, G_FILE_TEST_EXISTS) ? "" : "&immutable=1");
}

/* Looks at an existing PATH before anything may write: a newer, damaged or foreign
 * file stays byte-identical. Sets *VERSION to its schema version. */
static gboolean
check_existing_file (const char          *path,
                     ShequDatabaseFlags   flags,
                     int                 *version,
                     GError             **error)
{
  gboolean read_only = (flags & SHEQU_DATABASE_FLAGS_READ_ONLY) != 0;
  gboolean has_tables = FALSE;
  GStatBuf st;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("“%s” is a folder, not a database."), path);
      return FALSE;
    }

  /* Only creating, on the user's word, may put a schema into an empty file. */
  if (!(flags & SHEQU_DATABASE_FLAGS_CREATE) && g_stat (path, &st) == 0 && st.st_size == 0)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                   _("The file “%s” is empty, not a Shequ database; it was not changed."),
                   path);
      return FALSE;
    }

  /* Look before anything may write: a newer or damaged file stays byte-identical. */
  if (!_shequ_database_peek (path, version, &has_tables, error))
    return FALSE;
  if (*version > SHEQU_SCHEMA_VERSION)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NEWER,
                   _("The database “%s” was written by a newer version of Shequ "
                     "(schema %d; this version reads up to %d). Update Shequ to open it; "
                     "the file was not changed."),
                   path, *version, SHEQU_SCHEMA_VERSION);
      return FALSE;
    }
  if (*version == 0 && has_tables)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                   _("“%s” is an SQLite database, but not a Shequ one; it was not changed."),
                   path);
      return FALSE;
    }
  if (*version == 0 && !(flags & SHEQU_DATABASE_FLAGS_CREATE))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_NOT_SHEQU,
                   _("The file “%s” holds no Shequ database; it was not changed."), path);
      return FALSE;
    }
  if (read_only && *version < SHEQU_SCHEMA_VERSION)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("The database “%s” was written by an older version of Shequ; open it "
                     "once with a command that writes, so it can be updated."),
                   path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_parent_folder (const char  *path,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* A connection that may write: refused when SQLite could only read the file, then
 * set up for WAL and brought to the current schema. */
static gboolean
set_up_writer (ShequDatabase  *self,
               int             version,
               GError        **error)
{
  g_assert (SHEQU_IS_DATABASE (self));

  /* SQLite falls back to reading a file it may not write: say so now, naming the
   * database, rather than fail at the first change. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("The database “%s” is read-only: Shequ cannot save changes in it. "
                     "Check the permissions of the file and its folder."),
                   self->path);
      return FALSE;
    }

  if (!shequ_database_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !shequ_database_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !shequ_database_exec (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  return version >= SHEQU_SCHEMA_VERSION || migrate (self, version, error);
}

ShequDatabase *
shequ_database_open (const char          *path,
                     ShequDatabaseFlags   flags,
                     GError             **error)
{
  g_autoptr(ShequDatabase) self = NULL;
  g_autofree char *uri = NULL;
  gboolean exists;
  gboolean read_only = (flags & SHEQU_DATABASE_FLAGS_READ_ONLY) != 0;
  int version = 0;
  int rc;
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!read_only || !(flags & SHEQU_DATABASE_FLAGS_CREATE), NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && !(flags & SHEQU_DATABASE_FLAGS_CREATE))
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("The database “%s” does not exist."), path);
      return NULL;
    }

  if (exists)
    {
      if (!check_existing_file (path, flags, &version, error))
        return NULL;
    }
  else
    {
      if (!make_parent_folder (path, error))
        return NULL;
      open_flags |= SQLITE_OPEN_CREATE;
    }

  self = g_object_new (SHEQU_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->schema_version = version;
  self->read_only = read_only;

  if (read_only)
    {
      uri = make_read_only_uri (path);
      open_flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    }
  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      _shequ_database_set_error_full (path, self->db, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (read_only)
    return shequ_database_exec (self, "PRAGMA foreign_keys = ON", error)
           ? g_steal_pointer (&self) : NULL;

  if (!set_up_writer (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
shequ_database_get_path (ShequDatabase *self)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), NULL);
  return self->path;
}

sqlite3 *
shequ_database_get_handle (ShequDatabase *self)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), NULL);
  return self->db;
}

int
shequ_database_get_schema_version (ShequDatabase *self)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), 0);
  return self->schema_version;
}

static gboolean
run_check (sqlite3     *db,
           const char  *path,
           const char  *pragma,
           GError     **error)
{
  g_autoptr(GString) report = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *)sqlite3_column_text (stmt, 0);

      if (n++ > 0 || g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (report, "\n%s", line);
      rc = SQLITE_OK;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    return _shequ_database_set_error_full (path, db, rc, error);

  if (report->len > 0)
    {
      g_set_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_CORRUPT,
                   _("The database “%s” is damaged. Restore it from a backup. Details:%s"),
                   path, report->str);
      return FALSE;
    }
  return TRUE;
}

gboolean
_shequ_database_check_integrity (sqlite3     *db,
                                 const char  *path,
                                 GError     **error)
{
  return run_check (db, path, "PRAGMA integrity_check (20)", error);
}

gboolean
shequ_database_check_integrity (ShequDatabase  *self,
                                GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  return _shequ_database_check_integrity (self->db, self->path, error);
}

gboolean
shequ_database_quick_check (ShequDatabase  *self,
                            GError        **error)
{
  g_return_val_if_fail (SHEQU_IS_DATABASE (self), FALSE);
  return run_check (self->db, self->path, "PRAGMA quick_check (20)", error);
}
