/* shequ-central-sqlite-public.c — the SQLite storage's reads for the residents' pages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-central-sqlite-private.h"

/* A unit with its published count and newest publication (columns 0…5). */
#define UNIT_COLUMNS \
  "u.code, u.name, u.tier, u.parent_code," \
  " (SELECT COUNT(*) FROM documents d WHERE d.unit_code = u.code AND d.has_published = 1)," \
  " (SELECT MAX(d.published_at) FROM documents d WHERE d.unit_code = u.code" \
  "  AND d.has_published = 1)"

static ShequCentralUnit *
unit_from_row (ShequCentralStmt *stmt)
{
  ShequCentralUnit *unit = g_new0 (ShequCentralUnit, 1);

  unit->code = central_column_text (stmt, 0);
  unit->name = central_column_text (stmt, 1);
  unit->tier = central_column_text (stmt, 2);
  unit->parent_code = central_column_text (stmt, 3);
  unit->n_published = (guint) sqlite3_column_int64 (stmt, 4);
  unit->updated_at = central_column_text (stmt, 5);
  return unit;
}

static gboolean
count_rows (ShequCentralSqlite *self,
            const char         *sql,
            const char         *code,
            guint              *total,
            GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = central_sql_get (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (code != NULL)
    central_bind_text (stmt, "$1", code);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return central_sql_error (self, rc, error);
  if (total != NULL)
    *total = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

GPtrArray *
central_sqlite_list_public_units (ShequCentralStorage *storage,
                                  guint                page,
                                  guint                per_page,
                                  guint               *total,
                                  GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_autoptr(ShequCentralStmt) stmt = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (
    (GDestroyNotify) shequ_central_unit_free);
  int rc;

  if (!count_rows (self, "SELECT COUNT(*) FROM units u WHERE EXISTS (SELECT 1 FROM"
                         " documents d WHERE d.unit_code = u.code AND d.has_published = 1)",
                   NULL, total, error))
    return NULL;
  stmt = central_sql_get (self, "SELECT " UNIT_COLUMNS " FROM units u WHERE EXISTS"
                                " (SELECT 1 FROM documents d WHERE d.unit_code = u.code"
                                " AND d.has_published = 1) ORDER BY u.code LIMIT $1 OFFSET $2",
                          error);
  if (stmt == NULL)
    return NULL;
  central_bind_int64 (stmt, "$1", per_page);
  central_bind_int64 (stmt, "$2", (gint64) page * per_page);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (units, unit_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      central_sql_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&units);
}

ShequCentralUnit *
central_sqlite_get_unit (ShequCentralStorage *storage,
                         const char          *code,
                         GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_autoptr(ShequCentralStmt) stmt = NULL;
  int rc;

  stmt = central_sql_get (self, "SELECT " UNIT_COLUMNS " FROM units u WHERE u.code = $1",
                          error);
  if (stmt == NULL)
    return NULL;
  central_bind_text (stmt, "$1", code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return unit_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND,
                 _("The server has no unit %s"), code);
  else
    central_sql_error (self, rc, error);
  return NULL;
}

GPtrArray *
central_sqlite_list_public_documents (ShequCentralStorage *storage,
                                      const char          *code,
                                      guint                page,
                                      guint                per_page,
                                      guint               *total,
                                      GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_autoptr(ShequCentralStmt) stmt = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (
    (GDestroyNotify) shequ_central_document_free);
  int rc;

  if (!count_rows (self, "SELECT COUNT(*) FROM documents WHERE unit_code = $1"
                         " AND has_published = 1", code, total, error))
    return NULL;
  stmt = central_sql_get (self, "SELECT uuid, revision, seq, document, updated_at"
                                " FROM documents WHERE unit_code = $1 AND has_published = 1"
                                " ORDER BY published_at DESC, uuid LIMIT $2 OFFSET $3", error);
  if (stmt == NULL)
    return NULL;
  central_bind_text (stmt, "$1", code);
  central_bind_int64 (stmt, "$2", per_page);
  central_bind_int64 (stmt, "$3", (gint64) page * per_page);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShequCentralDocument *document = central_document_from_row (self, stmt, error);

      if (document == NULL)
        return NULL;
      g_ptr_array_add (documents, document);
    }
  if (rc != SQLITE_DONE)
    {
      central_sql_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&documents);
}

gboolean
central_sqlite_get_stamp (ShequCentralStorage *storage,
                          const char          *code,
                          gint64              *seq,
                          gint64              *modified_unix,
                          GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_autoptr(ShequCentralStmt) stmt = NULL;
  int rc;

  *seq = 0;
  *modified_unix = 0;
  if (code == NULL)
    stmt = central_sql_get (self, "SELECT value, updated_unix FROM counters"
                                  " WHERE name = 'seq'", error);
  else
    stmt = central_sql_get (self, "SELECT seq, updated_unix FROM (SELECT seq, updated_unix"
                                  " FROM documents WHERE unit_code = $1 UNION ALL"
                                  " SELECT seq, updated_unix FROM units WHERE code = $1) AS s"
                                  " ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (code != NULL)
    central_bind_text (stmt, "$1", code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      *modified_unix = sqlite3_column_int64 (stmt, 1);
    }
  return rc == SQLITE_ROW || rc == SQLITE_DONE || central_sql_error (self, rc, error);
}
