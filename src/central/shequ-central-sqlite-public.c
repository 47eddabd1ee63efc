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

static gpointer
unit_from_row (ShequCentralSqlite *self,
               ShequCentralStmt   *stmt,
               GError            **error)
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

/* The one number SQL with VALUES counts. */
static gboolean
count_rows (ShequCentralSqlite *self,
            const char         *sql,
            const CentralValue *values,
            guint              *total,
            GError            **error)
{
  g_autoptr(ShequCentralStmt) stmt = central_sql_first (self, sql, values, NULL, error);

  if (stmt != NULL && total != NULL)
    *total = (guint) sqlite3_column_int64 (stmt, 0);
  return stmt != NULL;
}

GPtrArray *
central_sqlite_list_public_units (ShequCentralStorage *storage,
                                  guint                page,
                                  guint                per_page,
                                  guint               *total,
                                  GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);

  if (!count_rows (self, "SELECT COUNT(*) FROM units u WHERE EXISTS (SELECT 1 FROM"
                         " documents d WHERE d.unit_code = u.code AND d.has_published = 1)",
                   NULL, total, error))
    return NULL;
  return central_sql_rows (self, "SELECT " UNIT_COLUMNS " FROM units u WHERE EXISTS"
                                 " (SELECT 1 FROM documents d WHERE d.unit_code = u.code"
                                 " AND d.has_published = 1) ORDER BY u.code LIMIT $1 OFFSET $2",
                           CENTRAL_VALUES (CENTRAL_INT64 (per_page),
                                           CENTRAL_INT64 ((gint64) page * per_page)),
                           G_MAXUINT, unit_from_row, (GDestroyNotify) shequ_central_unit_free,
                           NULL, error);
}

ShequCentralUnit *
central_sqlite_get_unit (ShequCentralStorage *storage,
                         const char          *code,
                         GError             **error)
{
  ShequCentralSqlite *self = SHEQU_CENTRAL_SQLITE (storage);
  g_autoptr(ShequCentralStmt) stmt = NULL;
  gboolean found = FALSE;

  stmt = central_sql_first (self, "SELECT " UNIT_COLUMNS " FROM units u WHERE u.code = $1",
                            CENTRAL_VALUES (CENTRAL_TEXT (code)), &found, error);
  if (stmt == NULL)
    return NULL;
  if (found)
    return unit_from_row (self, stmt, error);
  g_set_error (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND,
               _("The server has no unit %s"), code);
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

  if (!count_rows (self, "SELECT COUNT(*) FROM documents WHERE unit_code = $1"
                         " AND has_published = 1", CENTRAL_VALUES (CENTRAL_TEXT (code)), total,
                   error))
    return NULL;
  return central_sql_rows (self, "SELECT uuid, revision, seq, document, updated_at"
                                 " FROM documents WHERE unit_code = $1 AND has_published = 1"
                                 " ORDER BY published_at DESC, uuid LIMIT $2 OFFSET $3",
                           CENTRAL_VALUES (CENTRAL_TEXT (code), CENTRAL_INT64 (per_page),
                                           CENTRAL_INT64 ((gint64) page * per_page)),
                           G_MAXUINT, central_document_from_row,
                           (GDestroyNotify) shequ_central_document_free, NULL, error);
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
  gboolean found = FALSE;

  *seq = 0;
  *modified_unix = 0;
  if (code == NULL)
    stmt = central_sql_first (self, "SELECT value, updated_unix FROM counters"
                                    " WHERE name = 'seq'", NULL, &found, error);
  else
    stmt = central_sql_first (self, "SELECT seq, updated_unix FROM (SELECT seq, updated_unix"
                                    " FROM documents WHERE unit_code = $1 UNION ALL"
                                    " SELECT seq, updated_unix FROM units WHERE code = $1) AS s"
                                    " ORDER BY seq DESC LIMIT 1",
                              CENTRAL_VALUES (CENTRAL_TEXT (code)), &found, error);
  if (stmt == NULL)
    return FALSE;
  if (found)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      *modified_unix = sqlite3_column_int64 (stmt, 1);
    }
  return TRUE;
}
