/* shequ-sync-push.c — sending the office's units and the outbox (batches) to shequ-central */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-disclosure-db-private.h"
#include "shequ-disclosure-json.h"
#include "shequ-sync-private.h"

/* ---- Units ---------------------------------------------------------------------- */

typedef struct {
  char *body;     /* the PUT's JSON, NULL when there is no street */
  char *office;
  char *hash;     /* of the server and the body */
  char *kept;     /* the hash of the last units sent */
} UnitsOp;

static void
units_op_clear (UnitsOp *op)
{
  g_free (op->body);
  g_free (op->office);
  g_free (op->hash);
  g_free (op->kept);
}

static void
add_unit_json (JsonBuilder  *builder,
               sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
  json_builder_set_member_name (builder, "tier");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 2));
  json_builder_set_member_name (builder, "parent");
  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 3));
  json_builder_end_object (builder);
}

/* The office is the street at the root of the tree; every unit goes (the server
 * refuses one of another office's). */
static gboolean
read_units_txn (ShequDatabase  *db,
                gpointer        data,
                GError        **error)
{
  static const char sql[] =
    "SELECT u.code, u.name, u.tier, p.code FROM unit u "
    "LEFT JOIN unit p ON p.id = u.parent_id "
    "ORDER BY (u.parent_id IS NOT NULL), u.code";
  UnitsOp *op = data;
  g_autoptr(sqlite3_stmt) stmt = shequ_database_prepare (db, sql, error);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  int rc;

  if (stmt == NULL || !_shequ_sync_state_get (db, "units-hash", &op->kept, error))
    return FALSE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (op->office == NULL && sqlite3_column_type (stmt, 3) == SQLITE_NULL
          && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "street") == 0)
        op->office = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      add_unit_json (builder, stmt);
    }
  if (rc != SQLITE_DONE)
    return shequ_database_set_error (db, rc, error);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "office");
  json_builder_add_string_value (builder, op->office != NULL ? op->office : "");
  json_builder_end_object (builder);
  if (op->office == NULL)
    return TRUE;
  root = json_builder_get_root (builder);
  op->body = json_to_string (root, FALSE);
  return TRUE;
}

static gboolean
store_units_hash_txn (ShequDatabase  *db,
                      gpointer        data,
                      GError        **error)
{
  UnitsOp *op = data;

  return _shequ_sync_state_set (db, "units-hash", op->hash, error);
}

gboolean
_shequ_sync_push_units (ShequSyncRun  *run,
                        GError       **error)
{
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GBytes) body = NULL;
  const char *server = _shequ_sync_http_get_server (run->http);
  UnitsOp op = { 0 };
  gboolean ok = FALSE;

  if (!shequ_database_read (run->db, read_units_txn, &op, error))
    goto out;
  ok = TRUE;
  /* No street, no units: nothing of them to send. */
  if (op.body == NULL)
    goto out;
  /* Another server gets them again even if the tree is the same. */
  g_checksum_update (checksum, (const guchar *) server, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) op.body, -1);
  op.hash = g_strdup (g_checksum_get_string (checksum));
  if (g_strcmp0 (op.hash, op.kept) == 0)
    goto out;

  body = g_bytes_new (op.body, strlen (op.body));
  ok = _shequ_sync_http_request (run->http, "PUT", "/api/v1/units", "application/json", body,
                                 NULL, &reply, error);
  if (ok && reply.status != 200 && reply.status != 201 && reply.status != 204)
    {
      _shequ_sync_reply_set_error (&reply, error);
      ok = FALSE;
    }
  if (ok)
    ok = shequ_database_write (run->db, store_units_hash_txn, &op, error);
out:
  units_op_clear (&op);
  return ok;
}

/* ---- The outbox ----------------------------------------------------------------- */

typedef struct {
  ShequOutboxEntry *entry;
  ShequDisclosure  *doc;       /* NULL: the disclosure is no longer here */
  gint64            revision;  /* the server's, 0: never there */
  char             *json;
  char             *refusal;   /* refused before sending (an attachment the server took not) */
} PushItem;

typedef struct {
  ShequSyncRun  *run;
  gint64         due;
  guint          limit;
  GPtrArray     *items;      /* PushItem */
  GHashTable    *seen;       /* entry ids handled in this sync */
  /* apply_results_txn */
  PushItem     **batch;
  guint          n_batch;
  GPtrArray     *results;    /* ShequSyncPutResult */
  guint          stop_status;
} PushOp;

static void
push_item_free (PushItem *item)
{
  _shequ_outbox_entry_free (item->entry);
  g_clear_pointer (&item->doc, shequ_disclosure_free);
  g_free (item->json);
  g_free (item->refusal);
  g_free (item);
}

static char *
refusal_message (guint       status,
                 const char *said)
{
  return g_strdup_printf (_("Refused by the central server (status %u): %s"), status,
                          said != NULL && *said != '\0' ? said : _("no reason given"));
}

/* The next entries due, one per disclosure (a second entry of one goes in a later batch,
 * over the revision the first one gets), each with the disclosure as it is now, within
 * the batch's bytes (at least one). In the same transaction, before anything is sent,
 * each one's attempt is counted and its next one put off: a crash or a lost reply still
 * backs off, and an edit made from now on is a new entry (this one goes as it was read).
 * An entry whose disclosure is gone is done. */
static gboolean
claim_items_txn (ShequDatabase  *db,
                 gpointer        data,
                 GError        **error)
{
  PushOp *op = data;
  g_autoptr(GPtrArray) entries = _shequ_outbox_list_pending (db, op->due, op->limit, error);
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize bytes = 0;

  if (entries == NULL)
    return FALSE;
  g_ptr_array_set_free_func (entries, (GDestroyNotify) _shequ_outbox_entry_free);
  for (guint i = 0; i < entries->len && bytes <= SHEQU_SYNC_BATCH_BYTES; i++)
    {
      ShequOutboxEntry *entry = g_ptr_array_index (entries, i);
      PushItem *item;
      gint64 wait;

      if (g_hash_table_contains (uuids, entry->uuid)
          || g_hash_table_contains (op->seen, &entry->id))
        continue;
      item = g_new0 (PushItem, 1);
      item->entry = g_steal_pointer (&g_ptr_array_index (entries, i));
      g_ptr_array_add (op->items, item);
      g_hash_table_add (uuids, item->entry->uuid);
      if (!_shequ_disclosure_db_load (db, item->entry->uuid, &item->doc, &item->revision, error))
        return FALSE;
      if (item->doc == NULL)
        {
          if (!_shequ_outbox_done (db, item->entry->id, error))
            return FALSE;
          continue;
        }
      item->json = shequ_disclosure_to_json (item->doc);
      bytes += strlen (item->json);
      wait = _shequ_sync_backoff_seconds (item->entry->attempts + 1, g_random_double ());
      if (!_shequ_outbox_mark_attempt (db, item->entry->id, now + wait, error))
        return FALSE;
    }
  return TRUE;
}

/* Documents naming an attachment the server would not take. */
static gboolean
refuse_items_txn (ShequDatabase  *db,
                  gpointer        data,
                  GError        **error)
{
  PushOp *op = data;

  for (guint i = 0; i < op->items->len; i++)
    {
      PushItem *item = g_ptr_array_index (op->items, i);

      if (item->refusal != NULL && !_shequ_outbox_refuse (db, item->entry->id, item->refusal,
                                                          error))
        return FALSE;
    }
  return TRUE;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (out, quoted);
}

static GBytes *
make_batch_body (PushItem **batch,
                 guint      n)
{
  GString *out = g_string_new ("{\"puts\":[");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"uuid\":");
      append_json_string (out, batch[i]->doc->uuid);
      if (batch[i]->revision > 0)
        g_string_append_printf (out, ",\"if_match\":%" G_GINT64_FORMAT, batch[i]->revision);
      else
        g_string_append (out, ",\"if_match\":null");
      g_string_append (out, ",\"key\":");
      append_json_string (out, batch[i]->entry->key);
      g_string_append (out, ",\"document\":");
      g_string_append (out, batch[i]->json);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  return g_string_free_to_bytes (out);
}

static gboolean
same_as_sent (const PushItem           *item,
              const ShequSyncPutResult *put)
{
  g_autoptr(ShequDisclosure) theirs = shequ_disclosure_from_json (put->document, -1, NULL);

  return theirs != NULL && shequ_disclosure_equal (theirs, item->doc);
}

/* One local transaction for the whole reply: what the server took, what conflicts and
 * what it refused. A result that says the server failed is left pending. */
static gboolean
apply_results_txn (ShequDatabase  *db,
                   gpointer        data,
                   GError        **error)
{
  PushOp *op = data;
  ShequSyncResult *result = op->run->result;

  for (guint i = 0; i < op->n_batch; i++)
    {
      PushItem *item = op->batch[i];
      ShequSyncPutResult *put = g_ptr_array_index (op->results, i);
      g_autofree char *message = NULL;

      if (put->status == 200 || put->status == 201)
        {
          if (!_shequ_outbox_done (db, item->entry->id, error)
              || !_shequ_disclosure_db_set_revision (db, put->uuid, put->revision, error))
            return FALSE;
          result->pushed++;
        }
      else if (put->status == 412 && put->document == NULL)
        {
          /* The server has no such disclosure (restored from an older backup): the
           * entry stays, and its next try creates it (If-None-Match: *). */
          if (!_shequ_disclosure_db_set_revision (db, put->uuid, 0, error))
            return FALSE;
        }
      else if (put->status == 412 && same_as_sent (item, put))
        {
          /* The server has what this PC has (e.g. it was sent to it before a change of
           * server): no conflict, only its revision to take. */
          if (!_shequ_outbox_done (db, item->entry->id, error)
              || !_shequ_disclosure_db_set_revision (db, put->uuid, put->revision, error))
            return FALSE;
        }
      else if (put->status == 412)
        {
          if (!_shequ_sync_conflict_record (db, put->uuid, put->revision, put->document, error))
            return FALSE;
          result->conflicts++;
        }
      else if (put->status >= 400 && put->status < 500 && put->status != 401)
        {
          message = refusal_message (put->status, put->error);
          if (!_shequ_outbox_refuse (db, item->entry->id, message, error))
            return FALSE;
          result->refused++;
        }
      else if (op->stop_status == 0)
        op->stop_status = put->status;
    }
  return TRUE;
}

static void
set_stop_error (PushOp      *op,
                const char  *url,
                GError     **error)
{
  ShequSyncReply reply = { op->stop_status, NULL, (char *) url };

  _shequ_sync_reply_set_error (&reply, error);
}

static gboolean
refuse_one_txn (ShequDatabase  *db,
                gpointer        data,
                GError        **error)
{
  PushItem *item = data;

  return _shequ_outbox_refuse (db, item->entry->id, item->refusal, error);
}

static gboolean send_batch (PushOp     *op,
                            PushItem  **batch,
                            guint       n,
                            GError    **error);

/* A whole batch the server refused as a request (413: too big; 400): halves are sent
 * apart, and a single document refused so is refused alone. */
static gboolean
split_batch (PushOp               *op,
             PushItem            **batch,
             guint                 n,
             const ShequSyncReply *reply,
             GError              **error)
{
  g_autofree char *said = NULL;

  if (n > 1)
    return send_batch (op, batch, n / 2, error)
           && send_batch (op, batch + n / 2, n - n / 2, error);
  said = _shequ_sync_reply_get_message (reply);
  g_free (batch[0]->refusal);
  batch[0]->refusal = refusal_message (reply->status, said);
  if (!shequ_database_write (op->run->db, refuse_one_txn, batch[0], error))
    return FALSE;
  op->run->result->refused++;
  return TRUE;
}

static gboolean
send_batch (PushOp     *op,
            PushItem  **batch,
            guint       n,
            GError    **error)
{
  g_auto(ShequSyncReply) reply = { 0 };
  g_autoptr(GBytes) body = make_batch_body (batch, n);
  g_autoptr(GPtrArray) results = NULL;
  gsize size = 0;
  const char *data;

  if (!_shequ_sync_http_request (op->run->http, "POST", "/api/v1/disclosures:batch",
                                 "application/json", body, NULL, &reply, error))
    return FALSE;
  if (reply.status == 400 || reply.status == 413)
    return split_batch (op, batch, n, &reply, error);
  if (reply.status != 200)
    {
      _shequ_sync_reply_set_error (&reply, error);
      return FALSE;
    }
  data = g_bytes_get_data (reply.body, &size);
  results = _shequ_sync_parse_batch_reply (data, size, reply.url, n, error);
  if (results == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      ShequSyncPutResult *put = g_ptr_array_index (results, i);

      if (g_strcmp0 (put->uuid, batch[i]->doc->uuid) != 0)
        {
          g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL,
                       _("The reply from %s does not read: result %u is for %s, not %s"),
                       reply.url, i, put->uuid, batch[i]->doc->uuid);
          return FALSE;
        }
    }
  op->batch = batch;
  op->n_batch = n;
  op->results = results;
  op->stop_status = 0;
  if (!shequ_database_write (op->run->db, apply_results_txn, op, error))
    return FALSE;
  if (op->stop_status != 0)
    {
      set_stop_error (op, reply.url, error);
      return FALSE;
    }
  return TRUE;
}

/* The documents of this round that name an attachment the server would not take are
 * refused before they go. */
static gboolean
send_round_attachments (PushOp  *op,
                        GError **error)
{
  g_autoptr(GHashTable) refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();

  for (guint i = 0; i < op->items->len; i++)
    {
      PushItem *item = g_ptr_array_index (op->items, i);

      if (item->doc != NULL)
        g_ptr_array_add (docs, item->doc);
    }
  if (!_shequ_sync_send_attachments (op->run, docs, refused, error))
    return FALSE;
  for (guint i = 0; i < op->items->len && g_hash_table_size (refused) > 0; i++)
    {
      PushItem *item = g_ptr_array_index (op->items, i);

      for (guint v = 0; item->doc != NULL && v < item->doc->versions->len; v++)
        {
          ShequDisclosureVersion *version = g_ptr_array_index (item->doc->versions, v);

          for (guint a = 0; a < version->attachments->len && item->refusal == NULL; a++)
            {
              ShequAttachmentRef *ref = g_ptr_array_index (version->attachments, a);
              const char *why = g_hash_table_lookup (refused, ref->sha256);

              if (why != NULL)
                item->refusal = g_strdup (why);
            }
        }
      if (item->refusal != NULL)
        op->run->result->refused++;
    }
  return TRUE;
}

static gboolean
count_due_txn (ShequDatabase  *db,
               gpointer        data,
               GError        **error)
{
  PushOp *op = data;
  g_autoptr(GPtrArray) entries = _shequ_outbox_list_pending (db, op->due, 0, error);

  if (entries == NULL)
    return FALSE;
  g_ptr_array_set_free_func (entries, (GDestroyNotify) _shequ_outbox_entry_free);
  op->limit = entries->len;
  return TRUE;
}

/* One round: load, attachments, mark, send. FALSE with *ERROR unset: nothing was due. */
static gboolean
push_round (PushOp  *op,
            guint    batch_size,
            guint   *done,
            GError **error)
{
  g_autoptr(GPtrArray) sending = g_ptr_array_new ();

  g_ptr_array_set_size (op->items, 0);
  op->limit = batch_size;
  if (!shequ_database_write (op->run->db, claim_items_txn, op, error) || op->items->len == 0)
    return FALSE;
  for (guint i = 0; i < op->items->len; i++)
    {
      PushItem *item = g_ptr_array_index (op->items, i);

      g_hash_table_add (op->seen, g_memdup2 (&item->entry->id, sizeof (gint64)));
    }
  if (!send_round_attachments (op, error)
      || !shequ_database_write (op->run->db, refuse_items_txn, op, error))
    return FALSE;
  for (guint i = 0; i < op->items->len; i++)
    {
      PushItem *item = g_ptr_array_index (op->items, i);

      if (item->doc != NULL && item->refusal == NULL)
        g_ptr_array_add (sending, item);
    }
  *done += op->items->len;
  if (sending->len > 0
      && !send_batch (op, (PushItem **) sending->pdata, sending->len, error))
    return FALSE;
  return TRUE;
}

gboolean
_shequ_sync_push_outbox (ShequSyncRun  *run,
                         GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) push_item_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint batch_size = run->options->batch > 0 ? run->options->batch : 200;
  PushOp op = { 0 };
  GError *local = NULL;
  guint total, done = 0;

  op.run = run;
  op.items = items;
  op.seen = seen;
  op.due = run->options->respect_backoff ? g_get_real_time () / G_USEC_PER_SEC : G_MAXINT64;
  batch_size = MIN (batch_size, SHEQU_SYNC_BATCH_MAX);
  if (!shequ_database_read (run->db, count_due_txn, &op, error))
    return FALSE;
  total = op.limit;
  if (total == 0)
    return TRUE;
  _shequ_sync_report (run, "push", 0, total);
  while (push_round (&op, batch_size, &done, &local))
    _shequ_sync_report (run, "push", MIN (done, total), total);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}
