/* disclosure-store-fixture.h — a small street with a disclosure store, and helpers its tests share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "shequ-audit.h"
#include "shequ-database-private.h"
#include "shequ-disclosure-db-private.h"
#include "shequ-disclosure-json.h"
#include "shequ-disclosure-store.h"
#include "shequ-test-units.h"
#include "shequ-test-util.h"

G_BEGIN_DECLS

typedef struct {
  ShequTestDir          dir;
  ShequDatabase        *db;
  ShequOrgStore        *org;
  ShequDisclosureStore *store;
  ShequUnit            *street;
  ShequUnit            *area1;
  ShequUnit            *area2;
  ShequUnit            *community1;
  ShequUnit            *community2;
  ShequUnit            *village1;
  ShequUnit            *village2;
  guint                 n_changed;
  gint64                last_changed;
} Fixture;

static inline void
on_changed (ShequDisclosureStore *store,
            gint64                id,
            gpointer              user_data)
{
  Fixture *f = user_data;

  f->n_changed++;
  f->last_changed = id;
}

static inline void
open_disclosure_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = shequ_disclosure_store_new (f->org, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  shequ_disclosure_store_set_actor (f->store, "tester");
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

/* 平邑街道: 第一片区 with two communities and a village, 第二片区 with a village. */
static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  shequ_test_dir_init (&f->dir, "test-disclosure-XXXXXX", "disclosure.db");
  f->org = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_CREATE |
                                  SHEQU_DATABASE_FLAGS_NO_BACKUP, &f->db);
  f->street = shequ_test_add_street (f->org);
  f->area1 = shequ_test_add_unit (f->org, f->street, SHEQU_TIER_AREA, "第一片区", 0, 0);
  f->community1 = shequ_test_add_unit (f->org, f->area1, SHEQU_TIER_COMMUNITY, "东关社区", 0, 0);
  f->community2 = shequ_test_add_unit (f->org, f->area1, SHEQU_TIER_COMMUNITY, "西关社区", 0, 0);
  f->village1 = shequ_test_add_unit (f->org, f->area1, SHEQU_TIER_VILLAGE, "李家庄村", 0, 0);
  f->area2 = shequ_test_add_unit (f->org, f->street, SHEQU_TIER_AREA, "第二片区", 0, 0);
  f->village2 = shequ_test_add_unit (f->org, f->area2, SHEQU_TIER_VILLAGE, "王家庄村", 0, 0);
  open_disclosure_store (f);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  shequ_test_dir_clear (&f->dir);
}

/* The row of ID, which must be there. */
static inline const ShequDisclosureRow *
lookup (Fixture *f,
        gint64   id)
{
  const ShequDisclosureRow *row = shequ_disclosure_store_lookup (f->store, id);

  g_assert_nonnull (row);
  return row;
}

/* The whole disclosure of ID, which must be there. */
static inline ShequDisclosure *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  ShequDisclosure *d = shequ_disclosure_store_get (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

/* The store reads again what another connection (or raw SQL) wrote. */
static inline void
refresh (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_disclosure_store_refresh (f->store, &error));
  g_assert_no_error (error);
}

static inline void
assert_refused_text (GError     *error,
                     const char *needle)
{
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

/* *ERROR is the disclosure error CODE mentioning NEEDLE (unless NULL); then cleared. */
static inline void
assert_refused (GError     **error,
                int          code,
                const char  *needle)
{
  g_assert_error (*error, SHEQU_DISCLOSURE_ERROR, code);
  if (needle != NULL)
    assert_refused_text (*error, needle);
  g_clear_error (error);
}

/* ---- Content ---------------------------------------------------------------------- */

/* A finance version: OPENING, then lines as (direction, category, fen) triples ending
 * with a NULL category, closing at CLOSING. */
static inline ShequDisclosureVersion *
make_finance_content (const char *title,
                      ShequFen    opening,
                      ShequFen    closing,
                      ...)
{
  ShequDisclosureVersion *v = shequ_disclosure_version_new ();
  va_list args;

  g_free (v->title);
  v->title = g_strdup (title);
  g_free (v->body);
  v->body = g_strdup ("本季度收支情况如下。\n\n- 收入\n- 支出");
  v->opening = opening;
  v->closing = closing;
  va_start (args, closing);
  for (;;)
    {
      ShequFinanceDirection dir = (ShequFinanceDirection) va_arg (args, int);
      const char *category = va_arg (args, const char *);
      ShequFen amount;

      if (category == NULL)
        break;
      amount = va_arg (args, ShequFen);
      g_ptr_array_add (v->items, shequ_finance_item_new (dir, category, amount, ""));
    }
  va_end (args);
  return v;
}

/* 1,000.00 yuan in, 300.00 out, from 500.00 to 1,200.00: balanced. */
static inline ShequDisclosureVersion *
make_balanced (const char *title)
{
  return make_finance_content (title, 50000, 120000,
                               SHEQU_FINANCE_INCOME, "土地承包费", (ShequFen) 100000,
                               SHEQU_FINANCE_EXPENSE, "办公经费", (ShequFen) 30000,
                               SHEQU_FINANCE_INCOME, NULL);
}

static inline ShequDisclosureVersion *
make_text_content (const char *title,
                   const char *body)
{
  ShequDisclosureVersion *v = shequ_disclosure_version_new ();

  g_free (v->title);
  v->title = g_strdup (title);
  g_free (v->body);
  v->body = g_strdup (body);
  return v;
}

static inline gint64
create_disclosure (Fixture                      *f,
                   ShequUnit                    *unit,
                   ShequDisclosureKind           kind,
                   const char                   *period,
                   const ShequDisclosureVersion *content)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (shequ_disclosure_store_create (f->store, shequ_unit_get_id (unit), kind, period,
                                                content, NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline gint64
create_finance (Fixture    *f,
                ShequUnit  *unit,
                const char *period,
                const char *title)
{
  g_autoptr(ShequDisclosureVersion) v = make_balanced (title);

  return create_disclosure (f, unit, SHEQU_DISCLOSURE_KIND_FINANCE, period, v);
}

/* The draft most tests start from: 东关社区's finance disclosure for 2026-Q3. */
static inline gint64
create_draft (Fixture *f)
{
  return create_finance (f, f->community1, "2026-Q3", "东关社区财务公开");
}

/* Submitted, approved and published. */
static inline void
publish_through (Fixture *f,
                 gint64   id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_store_approve (f->store, id, "审核人", &error));
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_store_publish (f->store, id, "发布人", &error));
  g_assert_no_error (error);
}

/* ---- SQL -------------------------------------------------------------------------- */

static inline gint64
query_int (ShequDatabase *db,
           const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (shequ_database_get_handle (db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static inline char *
query_text (ShequDatabase *db,
            const char    *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (shequ_database_get_handle (db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* sqlite3_exec's result code (the extended one). */
static inline int
exec_raw (ShequDatabase *db,
          const char    *sql)
{
  return sqlite3_exec (shequ_database_get_handle (db), sql, NULL, NULL, NULL);
}

static inline guint
count_outbox (Fixture *f)
{
  return (guint) query_int (f->db, "SELECT count (*) FROM outbox");
}

static inline guint
count_audit (Fixture    *f,
             const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM audit_log WHERE action = '%s' "
                                          "AND target LIKE 'disclosure:%%'", action);

  return (guint) query_int (f->db, sql);
}

static inline void
assert_audit_intact (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint64 n = 0;
  gint64 broken = 0;

  g_assert_true (shequ_audit_verify (f->db, &n, &broken, &error));
  g_assert_no_error (error);
}

G_END_DECLS
