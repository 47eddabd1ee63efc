/* test-disclosure-store-sync.c — the SQL layer sync uses: outbox, revisions, conflicts, state */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "disclosure-store-fixture.h"

/* What a test asks of the SQL layer, run in one write transaction as sync does. */
typedef enum {
  OP_ATTEMPT,
  OP_DONE,
  OP_REFUSE,
  OP_REVISION,
  OP_CONFLICT,
  OP_STORE,
  OP_RESET,
} OpKind;

typedef struct {
  OpKind                 kind;
  gint64                 entry_id;
  gint64                 number;
  const char            *uuid;
  const char            *text;
  const ShequDisclosure *doc;
} Op;

static gboolean
run_op (ShequDatabase  *db,
        gpointer        data,
        GError        **error)
{
  Op *op = data;

  switch (op->kind)
    {
    case OP_ATTEMPT:
      return _shequ_outbox_mark_attempt (db, op->entry_id, op->number, error);
    case OP_DONE:
      return _shequ_outbox_done (db, op->entry_id, error);
    case OP_REFUSE:
      return _shequ_outbox_refuse (db, op->entry_id, op->text, error);
    case OP_REVISION:
      return _shequ_disclosure_db_set_revision (db, op->uuid, op->number, error);
    case OP_CONFLICT:
      return _shequ_sync_conflict_record (db, op->uuid, op->number, op->text, error);
    case OP_STORE:
      return _shequ_disclosure_db_store (db, op->doc, op->number, error);
    case OP_RESET:
    default:
      return _shequ_sync_state_reset_server (db, op->text, error);
    }
}

static void
write_op (Fixture *f,
          Op       op)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_database_write (f->db, run_op, &op, &error));
  g_assert_no_error (error);
}

typedef struct {
  gint64      now;
  guint       limit;
  GPtrArray  *entries;
} ListState;

static gboolean
list_in_transaction (ShequDatabase  *db,
                     gpointer        data,
                     GError        **error)
{
  ListState *state = data;

  state->entries = _shequ_outbox_list_pending (db, state->now, state->limit, error);
  return state->entries != NULL;
}

static GPtrArray *
list_pending (Fixture *f,
              gint64   now,
              guint    limit)
{
  g_autoptr(GError) error = NULL;
  ListState state = { now, limit, NULL };

  g_assert_true (shequ_database_read (f->db, list_in_transaction, &state, &error));
  g_assert_no_error (error);
  return state.entries;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* One entry per write; an untried one is enough for later edits; a tried one gets a
 * successor with a key of its own. */
static void
test_outbox_coalesces (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ShequDisclosureVersion) edit = make_balanced ("改过一次");
  gint64 a = create_draft (f);
  gint64 b = create_finance (f, f->community2, "2026-Q3", "西关社区财务公开");
  ShequOutboxEntry *first;
  guint pending = 0;

  g_assert_cmpuint (count_outbox (f), ==, 2);
  g_assert_true (shequ_disclosure_store_save_draft (f->store, a, edit, NULL, &error));
  g_assert_true (shequ_disclosure_store_submit (f->store, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_outbox (f), ==, 2);

  entries = list_pending (f, G_MAXINT64, 0);
  g_assert_cmpuint (entries->len, ==, 2);
  first = entries->pdata[0];
  g_assert_cmpstr (first->uuid, ==, lookup (f, a)->uuid);  /* oldest first */
  g_assert_cmpuint (first->attempts, ==, 0);
  g_assert_cmpuint (strlen (first->key), ==, 36);
  g_assert_cmpstr (((ShequOutboxEntry *) entries->pdata[1])->uuid, ==, lookup (f, b)->uuid);

  /* Tried (and the reply lost): the next edit is a new entry with a new key. */
  write_op (f, (Op) { OP_ATTEMPT, first->id, 0 });
  g_assert_true (shequ_disclosure_store_approve (f->store, a, NULL, &error));
  g_assert_cmpuint (count_outbox (f), ==, 3);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_pending (f, G_MAXINT64, 0);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpuint (((ShequOutboxEntry *) entries->pdata[0])->attempts, ==, 1);
  g_assert_cmpstr (((ShequOutboxEntry *) entries->pdata[2])->uuid, ==, lookup (f, a)->uuid);
  g_assert_cmpstr (((ShequOutboxEntry *) entries->pdata[2])->key, !=,
                   ((ShequOutboxEntry *) entries->pdata[0])->key);
  shequ_disclosure_store_get_sync_counts (f->store, &pending, NULL, NULL);
  g_assert_cmpuint (pending, ==, 3);

  /* Not due yet; a limit. */
  write_op (f, (Op) { OP_ATTEMPT, ((ShequOutboxEntry *) entries->pdata[1])->id, 5000 });
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_pending (f, 4999, 0);
  g_assert_cmpuint (entries->len, ==, 2);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_pending (f, 5000, 1);
  g_assert_cmpuint (entries->len, ==, 1);
}

/* Sent: the entry done, the revision kept — synced; an edit then is pending. */
static void
test_outbox_done (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 id = create_draft (f);
  const char *uuid = lookup (f, id)->uuid;
  g_autofree char *uuid_copy = g_strdup (uuid);
  guint pending = 9;
  gboolean unsent = FALSE;

  entries = list_pending (f, G_MAXINT64, 0);
  write_op (f, (Op) { OP_ATTEMPT, ((ShequOutboxEntry *) entries->pdata[0])->id, 0 });
  write_op (f, (Op) { OP_DONE, ((ShequOutboxEntry *) entries->pdata[0])->id });
  write_op (f, (Op) { OP_REVISION, 0, 3, uuid_copy });
  refresh (f);
  g_assert_cmpint (lookup (f, id)->sync, ==, SHEQU_SYNC_STATUS_SYNCED);
  g_assert_cmpint (lookup (f, id)->server_revision, ==, 3);
  shequ_disclosure_store_get_sync_counts (f->store, &pending, NULL, NULL);
  g_assert_cmpuint (pending, ==, 0);
  g_assert_true (_shequ_outbox_has_unsent (f->db, uuid_copy, &unsent, &error));
  g_assert_false (unsent);

  g_assert_true (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  g_assert_cmpint (lookup (f, id)->sync, ==, SHEQU_SYNC_STATUS_PENDING);
  g_assert_cmpint (lookup (f, id)->server_revision, ==, 3);
  g_assert_true (_shequ_outbox_has_unsent (f->db, uuid_copy, &unsent, &error));
  g_assert_true (unsent);
}

/* Refused: kept with the server's words, not listed, until an edit drops it. */
static void
test_outbox_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ShequDisclosureVersion) edit = make_balanced ("改正后");
  gint64 id = create_draft (f);
  guint refused = 0;

  entries = list_pending (f, G_MAXINT64, 0);
  write_op (f, (Op) { OP_REFUSE, ((ShequOutboxEntry *) entries->pdata[0])->id, 0, NULL,
                      "单位 37132600101 不属于本办公室" });
  refresh (f);
  g_assert_cmpint (lookup (f, id)->sync, ==, SHEQU_SYNC_STATUS_REFUSED);
  g_assert_cmpstr (lookup (f, id)->sync_message, ==, "单位 37132600101 不属于本办公室");
  shequ_disclosure_store_get_sync_counts (f->store, NULL, NULL, &refused);
  g_assert_cmpuint (refused, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_pending (f, G_MAXINT64, 0);
  g_assert_cmpuint (entries->len, ==, 0);

  g_assert_true (shequ_disclosure_store_save_draft (f->store, id, edit, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lookup (f, id)->sync, ==, SHEQU_SYNC_STATUS_LOCAL);
  g_assert_null (lookup (f, id)->sync_message);
  g_assert_cmpuint (count_outbox (f), ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_pending (f, G_MAXINT64, 0);
  g_assert_cmpuint (entries->len, ==, 1);
}

/* The server's copy, another title: recorded as a conflict beside this PC's. */
static char *
their_copy (Fixture    *f,
            gint64      id,
            const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) d = shequ_disclosure_store_get (f->store, id, &error);
  ShequDisclosureVersion *v = shequ_disclosure_get_current (d);

  g_assert_no_error (error);
  g_free (v->title);
  v->title = g_strdup (title);
  return shequ_disclosure_to_json (d);
}

static void
test_conflict_take_theirs (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ShequDisclosure) mine = NULL;
  g_autoptr(ShequDisclosure) theirs = NULL;
  g_autoptr(ShequDisclosure) now = NULL;
  g_autoptr(ShequDisclosureVersion) edit = make_balanced ("这台电脑改的");
  gint64 id = create_draft (f);
  g_autofree char *uuid = g_strdup (lookup (f, id)->uuid);
  g_autofree char *json = their_copy (f, id, "另一台电脑改的");
  gint64 revision = 0;
  guint conflicts = 0;

  write_op (f, (Op) { OP_CONFLICT, 0, 7, uuid, json });
  refresh (f);
  g_assert_cmpint (lookup (f, id)->sync, ==, SHEQU_SYNC_STATUS_CONFLICT);
  shequ_disclosure_store_get_sync_counts (f->store, NULL, &conflicts, NULL);
  g_assert_cmpuint (conflicts, ==, 1);
  entries = list_pending (f, G_MAXINT64, 0);
  g_assert_cmpuint (entries->len, ==, 0);  /* held */

  /* No edit while the user has not chosen. */
  g_assert_false (shequ_disclosure_store_save_draft (f->store, id, edit, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_CONFLICT, "东关社区财务公开");

  g_assert_true (shequ_disclosure_store_get_conflict (f->store, id, &mine, &theirs, &revision,
                                                      &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_disclosure_get_current (mine)->title, ==, "东关社区财务公开");
  g_assert_cmpstr (shequ_disclosure_get_current (theirs)->title, ==, "另一台电脑改的");
  g_assert_cmpint (revision, ==, 7);

  g_assert_true (shequ_disclosure_store_resolve_conflict (f->store, id,
                                                          SHEQU_CONFLICT_TAKE_THEIRS, NULL,
                                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (lookup (f, id)->sync, ==, SHEQU_SYNC_STATUS_SYNCED);
  g_assert_cmpint (lookup (f, id)->server_revision, ==, 7);
  g_assert_cmpstr (lookup (f, id)->title, ==, "另一台电脑改的");
  g_assert_cmpuint (count_outbox (f), ==, 0);
  now = shequ_disclosure_store_get (f->store, id, &error);
  g_assert_true (shequ_disclosure_equal (now, theirs));
  g_assert_false (shequ_disclosure_store_get_conflict (f->store, id, NULL, NULL, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND, NULL);
  g_assert_cmpuint (count_audit (f, "resolve"), ==, 1);
}

static void
test_conflict_keep_mine (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 id = create_draft (f);
  g_autofree char *uuid = g_strdup (lookup (f, id)->uuid);
  g_autofree char *json = their_copy (f, id, "另一台电脑改的");

  write_op (f, (Op) { OP_CONFLICT, 0, 4, uuid, json });
  refresh (f);
  g_assert_true (shequ_disclosure_store_resolve_conflict (f->store, id,
                                                          SHEQU_CONFLICT_KEEP_MINE, NULL,
                                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (lookup (f, id)->sync, ==, SHEQU_SYNC_STATUS_PENDING);
  g_assert_cmpint (lookup (f, id)->server_revision, ==, 4);  /* sent over their revision */
  g_assert_cmpstr (lookup (f, id)->title, ==, "东关社区财务公开");
  entries = list_pending (f, G_MAXINT64, 0);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpuint (((ShequOutboxEntry *) entries->pdata[0])->attempts, ==, 0);
  g_assert_true (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  g_assert_no_error (error);
}

/* A document pulled from the server: stored whole, published versions and all; the
 * same again changes nothing; a different published version is refused. */
static void
test_store_pulled (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) d = NULL;
  g_autoptr(ShequDisclosure) back = NULL;
  g_autoptr(ShequDisclosure) changed = NULL;
  g_autoptr(ShequDisclosureVersion) v = make_balanced ("别处发布的财务公开");
  ShequDisclosureVersion *v2;
  const ShequDisclosureRow *row;
  gint64 revision = 0;
  Op op = { OP_STORE, 0, 12 };

  d = shequ_disclosure_new ();
  d->uuid = g_strdup ("0b8e9a34-5d3c-4c1e-9f7a-2b6d8e4f1a00");
  d->unit_code = g_strdup (shequ_unit_get_code (f->village2));
  d->kind = SHEQU_DISCLOSURE_KIND_FINANCE;
  d->period = g_strdup ("2026-Q3");
  d->created_at = g_strdup ("2026-10-05T08:00:00Z");
  v->state = SHEQU_DISCLOSURE_STATE_PUBLISHED;
  v->created_by = g_strdup ("甲");
  v->approved_by = g_strdup ("乙");
  v->approved_at = g_strdup ("2026-10-05T09:00:00Z");
  v->published_at = g_strdup ("2026-10-05T10:00:00Z");
  g_ptr_array_set_size (d->versions, 0);
  g_ptr_array_add (d->versions, g_steal_pointer (&v));
  g_assert_true (shequ_disclosure_validate (d, &error));
  g_assert_no_error (error);

  op.doc = d;
  write_op (f, op);
  refresh (f);
  row = shequ_disclosure_store_lookup_uuid (f->store, d->uuid);
  g_assert_nonnull (row);
  g_assert_cmpint (row->unit_id, ==, shequ_unit_get_id (f->village2));
  g_assert_cmpint (row->state, ==, SHEQU_DISCLOSURE_STATE_PUBLISHED);
  g_assert_cmpint (row->server_revision, ==, 12);
  g_assert_cmpint (row->sync, ==, SHEQU_SYNC_STATUS_SYNCED);
  g_assert_true (_shequ_disclosure_db_load (f->db, d->uuid, &back, &revision, &error));
  g_assert_true (shequ_disclosure_equal (back, d));
  g_assert_cmpint (revision, ==, 12);

  /* The same again (a later revision): fine. A correction published elsewhere: fine. */
  op.number = 13;
  write_op (f, op);
  changed = shequ_disclosure_copy (d);
  v2 = shequ_disclosure_version_copy (g_ptr_array_index (d->versions, 0));
  v2->version = 2;
  g_free (v2->title);
  v2->title = g_strdup ("更正后的财务公开");
  ((ShequDisclosureVersion *) changed->versions->pdata[0])->state = SHEQU_DISCLOSURE_STATE_CORRECTED;
  g_ptr_array_add (changed->versions, v2);
  op.doc = changed;
  op.number = 14;
  write_op (f, op);
  g_clear_pointer (&back, shequ_disclosure_free);
  g_assert_true (_shequ_disclosure_db_load (f->db, d->uuid, &back, &revision, &error));
  g_assert_true (shequ_disclosure_equal (back, changed));

  /* Version 1 rewritten, or gone: refused naming it; nothing changes. */
  g_free (((ShequDisclosureVersion *) changed->versions->pdata[0])->title);
  ((ShequDisclosureVersion *) changed->versions->pdata[0])->title = g_strdup ("篡改");
  g_assert_false (shequ_database_write (f->db, run_op, &op, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_FORMAT, "1");
  g_clear_pointer (&back, shequ_disclosure_free);
  g_assert_true (_shequ_disclosure_db_load (f->db, d->uuid, &back, &revision, &error));
  g_assert_cmpstr (((ShequDisclosureVersion *) back->versions->pdata[0])->title, ==,
                   "别处发布的财务公开");
  g_assert_cmpint (revision, ==, 14);
  op.doc = d;
  g_assert_false (shequ_database_write (f->db, run_op, &op, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_FORMAT, NULL);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM disclosure_version"), ==, 2);

  /* None: TRUE and NULL. */
  g_clear_pointer (&back, shequ_disclosure_free);
  g_assert_true (_shequ_disclosure_db_load (f->db, "00000000-0000-4000-8000-000000000000",
                                            &back, &revision, &error));
  g_assert_null (back);
  g_assert_cmpint (revision, ==, 0);
}

typedef struct {
  const char *key;
  const char *value;
  char       *read;
} StateOp;

static gboolean
state_in_transaction (ShequDatabase  *db,
                      gpointer        data,
                      GError        **error)
{
  StateOp *op = data;

  if (op->key != NULL && !_shequ_sync_state_set (db, op->key, op->value, error))
    return FALSE;
  return _shequ_sync_state_get (db, "cursor", &op->read, error);
}

static char *
set_state (Fixture    *f,
           const char *key,
           const char *value)
{
  g_autoptr(GError) error = NULL;
  StateOp op = { key, value, NULL };

  g_assert_true (shequ_database_write (f->db, state_in_transaction, &op, &error));
  g_assert_no_error (error);
  return op.read;
}

/* Another server: cursor, revisions and conflicts forgotten, everything queued again. */
static void
test_reset_server (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  gint64 a = create_draft (f);
  gint64 b = create_finance (f, f->community2, "2026-Q3", "西关社区财务公开");
  g_autofree char *uuid_b = g_strdup (lookup (f, b)->uuid);
  g_autofree char *json = their_copy (f, b, "冲突");
  g_autofree char *cursor = NULL;
  g_autofree char *server = NULL;

  g_assert_null (set_state (f, NULL, NULL));
  cursor = set_state (f, "cursor", "1234");
  g_assert_cmpstr (cursor, ==, "1234");
  g_clear_pointer (&cursor, g_free);
  cursor = set_state (f, "cursor", "1240");
  g_assert_cmpstr (cursor, ==, "1240");
  g_clear_pointer (&cursor, g_free);
  entries = list_pending (f, G_MAXINT64, 0);
  write_op (f, (Op) { OP_DONE, ((ShequOutboxEntry *) entries->pdata[0])->id });
  write_op (f, (Op) { OP_REVISION, 0, 5, lookup (f, a)->uuid });
  write_op (f, (Op) { OP_CONFLICT, 0, 9, uuid_b, json });
  refresh (f);
  g_assert_cmpint (lookup (f, a)->sync, ==, SHEQU_SYNC_STATUS_SYNCED);

  write_op (f, (Op) { OP_RESET, 0, 0, NULL, "https://central.example.org" });
  refresh (f);
  g_assert_null (set_state (f, NULL, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (_shequ_sync_state_get (f->db, "server", &server, &error));
  }
  g_assert_cmpstr (server, ==, "https://central.example.org");
  g_assert_cmpint (lookup (f, a)->server_revision, ==, 0);
  g_assert_cmpint (lookup (f, a)->sync, ==, SHEQU_SYNC_STATUS_LOCAL);
  g_assert_cmpint (lookup (f, b)->sync, ==, SHEQU_SYNC_STATUS_LOCAL);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM sync_conflict"), ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_pending (f, G_MAXINT64, 0);
  g_assert_cmpuint (entries->len, ==, 2);
}

/* The sync thread's own connection: its commits reach the store through refresh. */
static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) sync_db = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 id = create_draft (f);
  g_autofree char *uuid = g_strdup (lookup (f, id)->uuid);
  Op op = { OP_DONE };
  ListState list = { G_MAXINT64, 0, NULL };
  guint n_changed = f->n_changed;

  sync_db = shequ_database_open (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_database_read (sync_db, list_in_transaction, &list, &error));
  entries = list.entries;
  g_assert_cmpuint (entries->len, ==, 1);
  op.entry_id = ((ShequOutboxEntry *) entries->pdata[0])->id;
  g_assert_true (shequ_database_write (sync_db, run_op, &op, &error));
  op = (Op) { OP_REVISION, 0, 1, uuid };
  g_assert_true (shequ_database_write (sync_db, run_op, &op, &error));
  g_assert_no_error (error);

  g_assert_cmpint (lookup (f, id)->sync, ==, SHEQU_SYNC_STATUS_LOCAL);
  refresh (f);
  g_assert_cmpint (lookup (f, id)->sync, ==, SHEQU_SYNC_STATUS_SYNCED);
  g_assert_cmpuint (f->n_changed, ==, n_changed + 1);
}

/* A damaged row (written past the CHECK constraints): the document is refused naming
 * it; the list still opens. */
static void
test_damaged_row (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) d = NULL;
  g_autoptr(ShequDisclosureStore) again = NULL;
  gint64 id = create_draft (f);
  g_autofree char *uuid = g_strdup (lookup (f, id)->uuid);

  g_assert_cmpint (exec_raw (f->db, "PRAGMA ignore_check_constraints = ON; "
                             "UPDATE disclosure SET kind = 'gossip'; "
                             "PRAGMA ignore_check_constraints = OFF"), ==, SQLITE_OK);
  refresh (f);
  d = shequ_disclosure_store_get (f->store, id, &error);
  g_assert_null (d);
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_FORMAT, uuid);
  g_assert_false (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_FORMAT, NULL);
  again = shequ_disclosure_store_new (f->org, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shequ_disclosure_store_lookup (again, id));
}

/* N published finance disclosures of ten lines (balanced, from 0 to 50 fen) of UNIT. */
static GPtrArray *
make_published (ShequUnit *unit,
                guint      n)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_disclosure_free);

  for (guint i = 0; i < n; i++)
    {
      ShequDisclosure *d = shequ_disclosure_new ();
      ShequDisclosureVersion *v = make_finance_content ("批量财务公开", 0, 50,
                                                        SHEQU_FINANCE_INCOME, NULL);

      for (guint k = 0; k < 10; k++)
        g_ptr_array_add (v->items, shequ_finance_item_new (k % 2 ? SHEQU_FINANCE_EXPENSE
                                                                 : SHEQU_FINANCE_INCOME,
                                                           "科目", 1000 + (k % 2 ? 0 : 10), ""));
      v->state = SHEQU_DISCLOSURE_STATE_PUBLISHED;
      v->created_by = g_strdup ("批量");
      v->created_at = g_strdup ("2026-10-01T08:00:00Z");
      v->approved_by = g_strdup ("审核人");
      v->approved_at = g_strdup ("2026-10-01T09:00:00Z");
      v->published_by = g_strdup ("审核人");
      v->published_at = g_strdup ("2026-10-01T10:00:00Z");
      d->uuid = shequ_disclosure_make_uuid ();
      d->unit_code = g_strdup (shequ_unit_get_code (unit));
      d->kind = SHEQU_DISCLOSURE_KIND_FINANCE;
      d->period = g_strdup_printf ("%u", 2000 + i % 30);
      d->created_at = g_strdup ("2026-10-01T08:00:00Z");
      g_ptr_array_add (d->versions, v);
      g_ptr_array_add (docs, d);
    }
  return docs;
}

/* Whole documents in one write: all or nothing, each refusal named. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = make_published (f->village1, 3);
  g_autoptr(GPtrArray) more = make_published (f->village2, 2);
  g_autoptr(ShequDisclosure) back = NULL;
  const ShequDisclosureRow *row;
  ShequDisclosure *bad;
  guint pending = 0;

  g_assert_true (shequ_disclosure_store_import (f->store, docs, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, 1);
  row = shequ_disclosure_store_lookup_uuid (f->store, ((ShequDisclosure *) docs->pdata[2])->uuid);
  g_assert_nonnull (row);
  g_assert_cmpint (row->state, ==, SHEQU_DISCLOSURE_STATE_PUBLISHED);
  g_assert_cmpint (row->unit_id, ==, shequ_unit_get_id (f->village1));
  g_assert_cmpint (row->sync, ==, SHEQU_SYNC_STATUS_LOCAL);
  back = shequ_disclosure_store_get (f->store, row->id, &error);
  g_assert_true (shequ_disclosure_equal (back, docs->pdata[2]));
  shequ_disclosure_store_get_sync_counts (f->store, &pending, NULL, NULL);
  g_assert_cmpuint (pending, ==, 3);
  g_assert_cmpuint (count_audit (f, "import"), ==, 3);

  /* Again: refused naming it; an unbalanced one, or one of a unit not in the tree,
   * refuses the whole list. */
  g_ptr_array_add (more, shequ_disclosure_copy (docs->pdata[0]));
  g_assert_false (shequ_disclosure_store_import (f->store, more, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_INVALID, "批量财务公开");
  g_ptr_array_set_size (more, 2);
  bad = more->pdata[1];
  ((ShequFinanceItem *) shequ_disclosure_get_current (bad)->items->pdata[0])->amount = 1;
  g_assert_false (shequ_disclosure_store_import (f->store, more, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_UNBALANCED, NULL);
  ((ShequFinanceItem *) shequ_disclosure_get_current (bad)->items->pdata[0])->amount = 1010;
  g_free (bad->unit_code);
  bad->unit_code = g_strdup ("371326999999");
  g_assert_false (shequ_disclosure_store_import (f->store, more, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND, "371326999999");
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM disclosure"), ==, 3);
  g_assert_cmpuint (count_outbox (f), ==, 3);
  g_assert_cmpuint (f->n_changed, ==, 1);
}

/* The organisation moves under the disclosures: a unit's new code, or its deletion,
 * leaves its disclosures kept, of no unit of the tree (unit_id 0), and says so once. */
static void
test_org_changes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequDisclosureFilter filter = SHEQU_DISCLOSURE_FILTER_INIT;
  gint64 id = create_finance (f, f->village2, "2026-Q3", "王家庄村财务公开");
  gint64 other = create_draft (f);
  g_autofree char *code = g_strdup (shequ_unit_get_code (f->village2));
  guint n_changed = f->n_changed;

  /* A rename on the same connection: nothing to tell. */
  g_assert_true (shequ_org_store_rename_unit (f->org, f->village2, "王家庄", &error));
  g_assert_no_error (error);
  refresh (f);
  g_assert_cmpuint (f->n_changed, ==, n_changed);

  g_assert_true (shequ_org_store_delete_unit (f->org, f->village2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, n_changed + 1);
  g_assert_cmpint (lookup (f, id)->unit_id, ==, 0);
  g_assert_cmpstr (lookup (f, id)->unit_code, ==, code);
  g_assert_cmpint (lookup (f, other)->unit_id, ==, shequ_unit_get_id (f->community1));
  filter.unit_id = shequ_unit_get_id (f->street);
  filter.subtree = TRUE;
  g_ptr_array_unref (shequ_disclosure_store_list (f->store, NULL));
  {
    g_autoptr(GPtrArray) list = shequ_disclosure_store_list (f->store, &filter);

    g_assert_cmpuint (list->len, ==, 1);
  }
  /* Still readable and its workflow goes on. */
  g_assert_true (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  g_assert_no_error (error);

  /* Undone: the unit is back under its code. */
  g_assert_true (shequ_org_store_undo (f->org, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lookup (f, id)->unit_id, !=, 0);
  g_assert_cmpint (lookup (f, id)->unit_id, ==,
                   shequ_unit_get_id (shequ_test_lookup_code (f->org, code)));
}

/* The actor: the login's name by default, then what it is set to (notified once). */
static void
test_actor (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosureStore) fresh = shequ_disclosure_store_new (f->org, &error);
  g_autoptr(ShequDisclosure) d = NULL;
  g_autofree char *actor = NULL;
  guint notified = 0;
  gint64 id = 0;

  g_assert_no_error (error);
  g_assert_nonnull (shequ_disclosure_store_get_actor (fresh));
  g_assert_cmpstr (shequ_disclosure_store_get_actor (fresh), !=, "");
  g_signal_connect (fresh, "notify::actor", G_CALLBACK (count_notify), &notified);
  shequ_disclosure_store_set_actor (fresh, "王主任");
  shequ_disclosure_store_set_actor (fresh, "王主任");
  shequ_disclosure_store_set_actor (fresh, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (fresh, "actor", &actor, NULL);
  g_assert_cmpstr (actor, ==, "王主任");
  {
    g_autoptr(ShequDisclosureVersion) v = make_text_content ("通知", "内容");

    g_assert_true (shequ_disclosure_store_create (fresh, shequ_unit_get_id (f->street),
                                                  SHEQU_DISCLOSURE_KIND_GOVERNMENT, "2026", v,
                                                  NULL, &id, &error));
  }
  d = shequ_disclosure_store_get (fresh, id, &error);
  g_assert_cmpstr (shequ_disclosure_get_current (d)->created_by, ==, "王主任");
}

/* Figures only (-m perf): writes, loads and refreshes at a size sync will see. */
static void
test_perf (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosureStore) fresh = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) bulk = NULL;
  g_autoptr(ShequDatabase) other = NULL;
  Op op = { OP_REVISION, 0, 2 };
  gint64 start;
  gint64 id = 0;

  if (!g_test_perf ())
    {
      g_test_skip ("a benchmark: run with -m perf");
      return;
    }
  bulk = make_published (f->village1, 10000);
  start = g_get_monotonic_time ();
  g_assert_true (shequ_disclosure_store_import (f->store, bulk, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("10000 published disclosures of 10 lines imported in one write: %.3f s",
                  (g_get_monotonic_time () - start) / 1e6);
  other = shequ_database_open (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  op.uuid = ((ShequDisclosure *) bulk->pdata[0])->uuid;
  g_assert_true (shequ_database_write (other, run_op, &op, &error));
  start = g_get_monotonic_time ();
  refresh (f);
  g_test_message ("refresh after another connection's commit, 10000 rows: %.1f ms",
                  (g_get_monotonic_time () - start) / 1e3);
  g_assert_cmpint (shequ_disclosure_store_lookup_uuid (f->store, op.uuid)->server_revision, ==, 2);
  start = g_get_monotonic_time ();
  fresh = shequ_disclosure_store_new (f->org, &error);
  g_assert_no_error (error);
  g_test_message ("a new store over 10000 rows: %.1f ms", (g_get_monotonic_time () - start) / 1e3);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(ShequDisclosureVersion) v = make_balanced ("逐条新建");

      g_assert_true (shequ_disclosure_store_create (f->store, shequ_unit_get_id (f->village2),
                                                    SHEQU_DISCLOSURE_KIND_FINANCE, "2026-Q3", v,
                                                    NULL, &id, &error));
    }
  g_test_message ("create through the store (10000 rows in memory): %.2f ms each",
                  (g_get_monotonic_time () - start) / 1e3 / 200);
  start = g_get_monotonic_time ();
  pending = list_pending (f, G_MAXINT64, 500);
  for (guint i = 0; i < pending->len; i++)
    {
      g_autoptr(ShequDisclosure) d = NULL;
      ShequOutboxEntry *entry = g_ptr_array_index (pending, i);

      g_assert_true (_shequ_disclosure_db_load (f->db, entry->uuid, &d, NULL, &error));
      g_assert_nonnull (d);
    }
  g_test_message ("500 outbox entries listed and their documents loaded: %.1f ms",
                  (g_get_monotonic_time () - start) / 1e3);
}

/* The refusals in Chinese (the program's last test: it switches the locale). */
static void
test_chinese (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create_draft (f);

  if (!shequ_test_use_chinese ())
    return;
  g_assert_false (shequ_disclosure_store_publish (f->store, id, NULL, &error));
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_STATE);
  g_assert_cmpstr (error->message, ==, "只有已审核的公开事项才能发布；“东关社区财务公开”当前状态为“草稿”。");
  g_clear_error (&error);
  g_assert_false (shequ_disclosure_store_withdraw (f->store, id, "", NULL, &error));
  g_assert_cmpstr (error->message, ==, "请说明撤回“东关社区财务公开”的原因：居民会看到该原因。");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/disclosure-sync/outbox-coalesces", test_outbox_coalesces);
  ADD ("/disclosure-sync/outbox-done", test_outbox_done);
  ADD ("/disclosure-sync/outbox-refused", test_outbox_refused);
  ADD ("/disclosure-sync/conflict-take-theirs", test_conflict_take_theirs);
  ADD ("/disclosure-sync/conflict-keep-mine", test_conflict_keep_mine);
  ADD ("/disclosure-sync/store-pulled", test_store_pulled);
  ADD ("/disclosure-sync/reset-server", test_reset_server);
  ADD ("/disclosure-sync/other-connection", test_other_connection);
  ADD ("/disclosure-sync/damaged-row", test_damaged_row);
  ADD ("/disclosure-sync/import", test_import);
  ADD ("/disclosure-sync/org-changes", test_org_changes);
  ADD ("/disclosure-sync/actor", test_actor);
  ADD ("/disclosure-sync/perf", test_perf);
  ADD ("/disclosure-sync/chinese", test_chinese);

  return g_test_run ();
}
