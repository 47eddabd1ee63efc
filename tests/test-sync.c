/* test-sync.c — two PCs of one office and a real shequ-central: push, pull, conflicts, refusals */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "shequ-disclosure-db-private.h"
#include "shequ-disclosure-json.h"
#include "shequ-fault-proxy.h"
#include "shequ-sync-private.h"
#include "shequ-test-sync.h"
#include "shequ-test-util.h"

typedef struct {
  ShequTestDir          dir;
  ShequTestCentral      central;
  char                 *token;
  char                 *a_path, *b_path;
  ShequDisclosureStore *a, *b;   /* the two PCs, open as the app keeps them */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  shequ_test_dir_init (&f->dir, "shequ-sync-XXXXXX", "unused.db");
  shequ_test_central_init (&f->central);
  f->token = shequ_test_central_add_token (&f->central, SHEQU_TEST_OFFICE);
  shequ_test_central_start (&f->central);
  f->a_path = g_build_filename (f->dir.dir, "pc-a.db", NULL);
  f->b_path = g_build_filename (f->dir.dir, "pc-b.db", NULL);
  f->a = shequ_test_client_new (f->a_path);
  f->b = shequ_test_client_new (f->b_path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  shequ_test_central_clear (&f->central);
  g_free (f->token);
  g_free (f->a_path);
  g_free (f->b_path);
  shequ_test_dir_clear (&f->dir);
}

/* One sync of PATH with SERVER (NULL: the fixture's), the error kept in ERROR. */
static gboolean
sync_with (Fixture          *f,
           const char       *path,
           const char       *server,
           ShequSyncResult  *result,
           GError          **error)
{
  ShequSyncOptions options = { .server = server != NULL ? server : f->central.url,
                               .token = f->token, .timeout = 20 };

  return shequ_sync_run (path, &options, NULL, NULL, NULL, result, error);
}

static ShequSyncResult
sync_ok (Fixture    *f,
         const char *path)
{
  ShequSyncResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_with (f, path, NULL, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
refresh (ShequDisclosureStore *store)
{
  g_autoptr(GError) error = NULL;

  shequ_disclosure_store_refresh (store, &error);
  g_assert_no_error (error);
}

static ShequDisclosure *
get_by_uuid (ShequDisclosureStore *store,
             const char           *uuid)
{
  const ShequDisclosureRow *row = shequ_disclosure_store_lookup_uuid (store, uuid);
  g_autoptr(GError) error = NULL;
  ShequDisclosure *doc;

  g_assert_nonnull (row);
  doc = shequ_disclosure_store_get (store, row->id, &error);
  g_assert_no_error (error);
  return doc;
}

/* Every disclosure of A is in B the same, and the other way round. */
static void
assert_converged (Fixture *f,
                  guint    expected)
{
  g_autoptr(GPtrArray) rows_a = NULL;
  g_autoptr(GPtrArray) rows_b = NULL;
  guint distinct = 0;

  refresh (f->a);
  refresh (f->b);
  rows_a = shequ_disclosure_store_list (f->a, NULL);
  rows_b = shequ_disclosure_store_list (f->b, NULL);
  g_assert_cmpuint (rows_a->len, ==, expected);
  g_assert_cmpuint (rows_b->len, ==, expected);
  for (guint i = 0; i < rows_a->len; i++)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (rows_a, i);
      g_autoptr(ShequDisclosure) mine = get_by_uuid (f->a, row->uuid);
      g_autoptr(ShequDisclosure) theirs = get_by_uuid (f->b, row->uuid);
      const ShequDisclosureRow *other = shequ_disclosure_store_lookup_uuid (f->b, row->uuid);

      g_assert_true (shequ_disclosure_equal (mine, theirs));
      g_assert_cmpint (row->sync, ==, SHEQU_SYNC_STATUS_SYNCED);
      g_assert_cmpint (other->sync, ==, SHEQU_SYNC_STATUS_SYNCED);
      g_assert_cmpint (row->server_revision, ==, other->server_revision);
      g_assert_cmpint (row->server_revision, >, 0);
    }
  /* The same records, once each, on both sides. */
  g_assert_cmpuint (shequ_test_central_count_documents (&f->central, f->token, &distinct, NULL),
                    ==, expected);
  g_assert_cmpuint (distinct, ==, expected);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "disclosure", NULL), ==, expected);
  g_assert_cmpuint (shequ_test_count_rows (f->b_path, "disclosure", NULL), ==, expected);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "disclosure_version", NULL), ==,
                    shequ_test_count_rows (f->b_path, "disclosure_version", NULL));
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "outbox", "state = 'pending'"), ==, 0);
  g_assert_cmpuint (shequ_test_count_rows (f->b_path, "outbox", "state = 'pending'"), ==, 0);
}

/* A new version of ID, a draft titled TITLE (an unsent edit). */
static void
edit (ShequDisclosureStore *store,
      gint64                id,
      const char           *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) doc = shequ_disclosure_store_get (store, id, &error);
  g_autoptr(ShequDisclosureVersion) content = NULL;
  guint version = 0;

  g_assert_no_error (error);
  if (shequ_disclosure_get_current (doc)->state == SHEQU_DISCLOSURE_STATE_PUBLISHED)
    {
      shequ_disclosure_store_correct (store, id, NULL, &version, &error);
      g_assert_no_error (error);
      g_clear_pointer (&doc, shequ_disclosure_free);
      doc = shequ_disclosure_store_get (store, id, &error);
    }
  content = shequ_disclosure_version_copy (shequ_disclosure_get_current (doc));
  g_free (content->title);
  content->title = g_strdup (title);
  shequ_disclosure_store_save_draft (store, id, content, NULL, &error);
  g_assert_no_error (error);
}

static gint64
id_in (ShequDisclosureStore *store,
       const char           *uuid)
{
  refresh (store);
  g_assert_nonnull (shequ_disclosure_store_lookup_uuid (store, uuid));
  return shequ_disclosure_store_lookup_uuid (store, uuid)->id;
}

static const char *
current_title (ShequDisclosureStore *store,
               const char           *uuid)
{
  static char *title = NULL;
  g_autoptr(ShequDisclosure) doc = get_by_uuid (store, uuid);

  g_free (title);
  title = g_strdup (shequ_disclosure_get_current (doc)->title);
  return title;
}

static void
test_converge (Fixture       *f,
               gconstpointer  data)
{
  ShequSyncResult r;
  gint64 id;
  g_autofree char *uuid = NULL;
  gint64 max_revision = 0;
  g_autoptr(GError) error = NULL;

  id = shequ_test_client_publish (f->a, "2026年第三季度财务公开");
  shequ_test_client_publish (f->a, "第二份");
  shequ_test_client_publish (f->a, "第三份");
  uuid = g_strdup (shequ_disclosure_store_lookup (f->a, id)->uuid);

  r = sync_ok (f, f->a_path);
  g_assert_cmpuint (r.pushed, ==, 3);
  g_assert_cmpuint (r.pulled, ==, 0);
  g_assert_cmpuint (r.conflicts, ==, 0);
  g_assert_cmpuint (r.pending, ==, 0);
  r = sync_ok (f, f->b_path);
  g_assert_cmpuint (r.pushed, ==, 0);
  g_assert_cmpuint (r.pulled, ==, 3);
  assert_converged (f, 3);

  /* B corrects one and publishes the correction; A gets it. */
  edit (f->b, id_in (f->b, uuid), "更正后的财务公开");
  shequ_disclosure_store_submit (f->b, id_in (f->b, uuid), NULL, &error);
  g_assert_no_error (error);
  shequ_disclosure_store_approve (f->b, id_in (f->b, uuid), "审核人", &error);
  g_assert_no_error (error);
  shequ_disclosure_store_publish (f->b, id_in (f->b, uuid), NULL, &error);
  g_assert_no_error (error);
  r = sync_ok (f, f->b_path);
  g_assert_cmpuint (r.pushed, ==, 1);
  r = sync_ok (f, f->a_path);
  g_assert_cmpuint (r.pulled, ==, 1);
  g_assert_cmpuint (r.pushed, ==, 0);
  assert_converged (f, 3);
  g_assert_cmpstr (current_title (f->a, uuid), ==, "更正后的财务公开");
  shequ_test_central_count_documents (&f->central, f->token, NULL, &max_revision);
  g_assert_cmpint (max_revision, ==, 2);
}

/* Nothing changed anywhere: one request (GET changes), counted by the client and by a
 * proxy in between. */
static void
test_idle_one_request (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ShequFaultProxy) proxy = shequ_fault_proxy_new (f->central.port);
  g_autofree char *url = shequ_fault_proxy_get_url (proxy);
  g_autoptr(GError) error = NULL;
  ShequSyncResult r = { 0 };
  guint before;

  shequ_test_client_publish (f->a, "一份");
  g_assert_true (sync_with (f, f->a_path, url, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.pushed, ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      before = shequ_fault_proxy_get_requests (proxy);
      g_assert_true (sync_with (f, f->a_path, url, &r, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (r.requests, ==, 1);
      g_assert_cmpuint (shequ_fault_proxy_get_requests (proxy) - before, ==, 1);
      g_assert_cmpuint (r.pushed + r.pulled + r.conflicts, ==, 0);
    }
}

/* Both PCs edit one disclosure: the second push is a conflict with both versions kept;
 * nothing is overwritten until the user chooses. */
static void
test_conflict_both_edit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ShequDisclosure) mine = NULL;
  g_autoptr(ShequDisclosure) theirs = NULL;
  g_autoptr(GError) error = NULL;
  ShequSyncResult r;
  gint64 their_revision = 0;
  gint64 id = shequ_test_client_publish (f->a, "原稿");
  g_autofree char *uuid = g_strdup (shequ_disclosure_store_lookup (f->a, id)->uuid);

  sync_ok (f, f->a_path);
  sync_ok (f, f->b_path);
  edit (f->a, id, "甲电脑的更正");
  edit (f->b, id_in (f->b, uuid), "乙电脑的更正");

  r = sync_ok (f, f->a_path);
  g_assert_cmpuint (r.pushed, ==, 1);
  r = sync_ok (f, f->b_path);
  g_assert_cmpuint (r.pushed, ==, 0);
  g_assert_cmpuint (r.conflicts, ==, 1);
  refresh (f->b);
  g_assert_cmpint (shequ_disclosure_store_lookup_uuid (f->b, uuid)->sync, ==,
                   SHEQU_SYNC_STATUS_CONFLICT);
  g_assert_cmpstr (current_title (f->b, uuid), ==, "乙电脑的更正");
  g_assert_true (shequ_disclosure_store_get_conflict (f->b, id_in (f->b, uuid), &mine, &theirs,
                                                      &their_revision, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shequ_disclosure_get_current (mine)->title, ==, "乙电脑的更正");
  g_assert_cmpstr (shequ_disclosure_get_current (theirs)->title, ==, "甲电脑的更正");
  g_assert_cmpint (their_revision, ==, 2);

  /* Again: no second conflict, nothing sent, nothing replaced on either side. */
  r = sync_ok (f, f->b_path);
  g_assert_cmpuint (r.conflicts + r.pushed + r.pulled, ==, 0);
  g_assert_cmpstr (current_title (f->b, uuid), ==, "乙电脑的更正");
  r = sync_ok (f, f->a_path);
  g_assert_cmpuint (r.pulled, ==, 0);
  g_assert_cmpstr (current_title (f->a, uuid), ==, "甲电脑的更正");

  /* B keeps its own: it goes over the server's revision, and A gets it. */
  shequ_disclosure_store_resolve_conflict (f->b, id_in (f->b, uuid), SHEQU_CONFLICT_KEEP_MINE,
                                           NULL, &error);
  g_assert_no_error (error);
  r = sync_ok (f, f->b_path);
  g_assert_cmpuint (r.pushed, ==, 1);
  g_assert_cmpuint (r.conflicts, ==, 0);
  r = sync_ok (f, f->a_path);
  g_assert_cmpuint (r.pulled, ==, 1);
  g_assert_cmpstr (current_title (f->a, uuid), ==, "乙电脑的更正");
  assert_converged (f, 1);
}

/* A pulled revision beside an unsent edit that did not go (its backoff not over) is a
 * conflict too, found by the pull. */
static void
test_conflict_on_pull (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ShequFaultProxy) proxy = shequ_fault_proxy_new (f->central.port);
  g_autofree char *url = shequ_fault_proxy_get_url (proxy);
  g_autoptr(GError) error = NULL;
  ShequSyncOptions options = { .server = url, .token = f->token, .timeout = 20,
                               .respect_backoff = TRUE };
  ShequSyncResult r = { 0 };
  gint64 id = shequ_test_client_publish (f->a, "原稿");
  g_autofree char *uuid = g_strdup (shequ_disclosure_store_lookup (f->a, id)->uuid);

  g_assert_true (sync_with (f, f->a_path, url, &r, &error));
  g_assert_true (sync_with (f, f->b_path, url, &r, &error));
  edit (f->b, id_in (f->b, uuid), "乙电脑的更正");
  /* B's push fails (500): its entry waits out a backoff. */
  shequ_fault_proxy_set_fault (proxy, SHEQU_FAULT_STATUS, "POST /api/v1/disclosures:batch", 0, 1);
  shequ_fault_proxy_set_status (proxy, 500);
  g_assert_false (sync_with (f, f->b_path, url, &r, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_cmpuint (r.pending, ==, 1);
  edit (f->a, id, "甲电脑的更正");
  g_assert_true (sync_with (f, f->a_path, url, &r, &error));
  g_assert_cmpuint (r.pushed, ==, 1);

  /* Whether B's entry is still waiting (the pull finds the conflict) or due again (the
   * push does), it is one conflict with both versions kept. */
  g_assert_true (shequ_sync_run (f->b_path, &options, NULL, NULL, NULL, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.conflicts, ==, 1);
  g_assert_cmpuint (r.pushed, ==, 0);
  g_assert_cmpstr (current_title (f->b, uuid), ==, "乙电脑的更正");
  refresh (f->b);
  g_assert_cmpint (shequ_disclosure_store_lookup_uuid (f->b, uuid)->sync, ==,
                   SHEQU_SYNC_STATUS_CONFLICT);
}

/* Another server: revisions and cursor are forgotten and every disclosure goes again;
 * back to the first, nothing is a conflict for being the same. */
static void
test_server_change (Fixture       *f,
                    gconstpointer  data)
{
  ShequTestCentral other;
  g_autofree char *other_token = NULL;
  g_autofree char *first_token = g_strdup (f->token);
  ShequSyncResult r;
  guint distinct = 0;

  shequ_test_client_publish (f->a, "一份");
  shequ_test_client_publish (f->a, "两份");
  r = sync_ok (f, f->a_path);
  g_assert_cmpuint (r.pushed, ==, 2);

  shequ_test_central_init (&other);
  other_token = shequ_test_central_add_token (&other, SHEQU_TEST_OFFICE);
  shequ_test_central_start (&other);
  g_free (f->token);
  f->token = g_strdup (other_token);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (sync_with (f, f->a_path, other.url, &r, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (r.pushed, ==, 2);
  g_assert_cmpuint (shequ_test_central_count_documents (&other, other_token, &distinct, NULL),
                    ==, 2);
  shequ_test_central_clear (&other);

  g_free (f->token);
  f->token = g_strdup (first_token);
  r = sync_ok (f, f->a_path);
  g_assert_cmpuint (r.conflicts, ==, 0);
  g_assert_cmpuint (r.pending, ==, 0);
  g_assert_cmpuint (shequ_test_central_count_documents (&f->central, f->token, &distinct, NULL),
                    ==, 2);
  g_assert_cmpuint (distinct, ==, 2);
}

typedef struct {
  GMainLoop       *loop;
  ShequSyncResult  result;
  GError          *error;
  gboolean         ok;
  guint            progress_calls;
  GThread         *main_thread;
} AsyncRun;

static void
on_async_progress (const char *stage,
                   guint       done,
                   guint       total,
                   gpointer    user_data)
{
  AsyncRun *run = user_data;

  /* On the caller's thread, through its main context. */
  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_true (g_str_equal (stage, "push") || g_str_equal (stage, "pull")
                 || g_str_equal (stage, "attachments"));
  g_assert_true (total == 0 || done <= total);
  run->progress_calls++;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = shequ_sync_run_finish (result, &run->result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  ShequSyncOptions options = { .server = f->central.url, .token = f->token };
  AsyncRun run = { g_main_loop_new (NULL, FALSE), { 0 }, NULL, FALSE, 0, g_thread_self () };

  for (guint i = 0; i < 5; i++)
    shequ_test_client_publish (f->a, "异步同步");
  shequ_sync_run_async (f->a_path, &options, NULL, on_async_progress, &run, on_async_done, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.result.pushed, ==, 5);
  g_assert_cmpuint (run.progress_calls, >, 0);
  g_main_loop_unref (run.loop);
}

static char *
write_token_file (Fixture    *f,
                  const char *token)
{
  g_autofree char *text = g_strdup_printf ("%s\n", token);

  return shequ_test_write_file (f->dir.dir, "token", text);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *token_file = write_token_file (f, f->token);
  g_autofree char *bad_file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  shequ_test_client_publish (f->a, "命令行");
  shequ_test_client_publish (f->a, "命令行二");
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", f->a_path, "--server",
                                                    f->central.url, "--token-file", token_file,
                                                    "--json", NULL);

    shequ_test_assert_cli_success (&r);
    json_parser_load_from_data (parser, r.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (root, "pushed"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (root, "pending"), ==, 0);
  }
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", f->b_path, "--server",
                                                    f->central.url, "--token-file", token_file,
                                                    NULL);

    shequ_test_assert_cli_success (&r);
    g_assert_nonnull (strstr (r.out, "Pulled: 2"));
    g_assert_nonnull (strstr (r.out, "Conflicts: 0"));
  }
  bad_file = shequ_test_write_file (f->dir.dir, "bad-token", "shq1_notatokenoftheserver\n");
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", f->a_path, "--server",
                                                    f->central.url, "--token-file", bad_file,
                                                    NULL);

    shequ_test_assert_cli_failure (&r, "401");
  }
  /* --check: one request, no database needed, nothing sent. */
  shequ_test_client_publish (f->a, "只检查不发送");
  {
    g_auto(ShequTestResult) good = shequ_test_run_cli ("sync", "--check", "--server",
                                                       f->central.url, "--token-file",
                                                       token_file, NULL);
    g_auto(ShequTestResult) bad = shequ_test_run_cli ("sync", "--check", "--server",
                                                      f->central.url, "--token-file", bad_file,
                                                      NULL);

    shequ_test_assert_cli_success (&good);
    g_assert_nonnull (strstr (good.out, "Connected"));
    shequ_test_assert_cli_failure (&bad, "401");
    g_assert_cmpuint (shequ_test_central_count_documents (&f->central, f->token, NULL, NULL),
                      ==, 2);
  }
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", f->a_path, "--server",
                                                    "ftp://nowhere", "--token-file", token_file,
                                                    NULL);

    shequ_test_assert_cli_failure (&r, "ftp://nowhere");
  }
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", f->a_path, NULL);

    shequ_test_assert_cli_failure (&r, "--server");
  }
}

/* An attachment goes up once (HEAD, then PUT), comes down to the other PC checked
 * against its hash, and is not sent again with the next edit. */
static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GBytes) fetched = NULL;
  g_autoptr(GError) error = NULL;
  ShequAttachmentRef *ref = NULL;
  ShequOrgStore *org = shequ_disclosure_store_get_org_store (f->a);
  ShequUnit *unit = shequ_org_store_lookup_code (org, "371326001001");
  g_autoptr(ShequDisclosureVersion) content = shequ_disclosure_version_new ();
  ShequSyncResult r;
  gint64 id = 0;
  g_autofree char *uuid = NULL;

  shequ_disclosure_store_add_attachment (f->a, "账目.pdf", bytes, &ref, &error);
  g_assert_no_error (error);
  g_free (content->title);
  content->title = g_strdup ("附有账目");
  g_free (content->body);
  content->body = g_strdup ("见附件。");
  g_ptr_array_add (content->attachments, ref);
  shequ_disclosure_store_create (f->a, shequ_unit_get_id (unit), SHEQU_DISCLOSURE_KIND_NEWS,
                                 "2026-10", content, NULL, &id, &error);
  g_assert_no_error (error);
  uuid = g_strdup (shequ_disclosure_store_lookup (f->a, id)->uuid);

  r = sync_ok (f, f->a_path);
  g_assert_cmpuint (r.pushed, ==, 1);
  g_assert_cmpuint (r.attachments_sent, ==, 1);
  r = sync_ok (f, f->b_path);
  g_assert_cmpuint (r.pulled, ==, 1);
  g_assert_cmpuint (r.attachments_fetched, ==, 1);
  refresh (f->b);
  fetched = shequ_disclosure_store_get_attachment (f->b, ref->sha256, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (fetched, bytes));
  /* Nothing more to fetch: the idle sync is one request again. */
  r = sync_ok (f, f->b_path);
  g_assert_cmpuint (r.requests, ==, 1);

  edit (f->a, id, "附有账目（改）");
  r = sync_ok (f, f->a_path);
  g_assert_cmpuint (r.pushed, ==, 1);
  g_assert_cmpuint (r.attachments_sent, ==, 0);
  r = sync_ok (f, f->b_path);
  g_assert_cmpuint (r.pulled, ==, 1);
  g_assert_cmpuint (r.attachments_fetched, ==, 0);
  g_assert_cmpstr (current_title (f->b, uuid), ==, "附有账目（改）");
}

/* A self-signed certificate for 127.0.0.1 in DIR (openssl): its paths. */
static void
make_certificate (const char  *dir,
                  const char  *name,
                  char       **cert,
                  char       **key)
{
  g_autofree char *cert_name = g_strdup_printf ("%s.pem", name);
  g_autofree char *key_name = g_strdup_printf ("%s.key", name);
  g_auto(ShequTestResult) r = { 0 };

  *cert = g_build_filename (dir, cert_name, NULL);
  *key = g_build_filename (dir, key_name, NULL);
  r = shequ_test_run ("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                      "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", *key, "-out", *cert,
                      "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                      "subjectAltName=IP:127.0.0.1", NULL);
  g_assert_cmpint (r.status, ==, 0);
}

/* HTTPS is always verified: a certificate the system does not trust is refused (TLS)
 * unless --ca-file names it; another one, or another name, is refused even then. */
static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *cert = NULL, *key = NULL, *other_cert = NULL, *other_key = NULL;
  g_autofree char *by_name = NULL;
  g_autoptr(GError) error = NULL;
  ShequSyncOptions options = { .token = f->token, .timeout = 20 };
  ShequSyncResult r = { 0 };

  g_autofree char *openssl = g_find_program_in_path ("openssl");

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  make_certificate (f->dir.dir, "server", &cert, &key);
  make_certificate (f->dir.dir, "other", &other_cert, &other_key);
  shequ_test_central_stop (&f->central, FALSE);
  shequ_test_central_start_tls (&f->central, cert, key);
  g_assert_true (g_str_has_prefix (f->central.url, "https://"));
  shequ_test_client_publish (f->a, "加密传输");
  options.server = f->central.url;

  g_assert_false (shequ_sync_run (f->a_path, &options, NULL, NULL, NULL, &r, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, f->central.url));
  g_clear_error (&error);
  options.ca_file = other_cert;
  g_assert_false (shequ_sync_run (f->a_path, &options, NULL, NULL, NULL, &r, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_TLS);
  g_clear_error (&error);
  by_name = g_strdup_printf ("https://localhost:%u", f->central.port);
  options.server = by_name;
  options.ca_file = cert;
  g_assert_false (shequ_sync_run (f->a_path, &options, NULL, NULL, NULL, &r, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_TLS);
  g_clear_error (&error);
  g_assert_cmpuint (shequ_test_count_rows (f->a_path, "outbox", "attempts > 0"), ==, 0);

  options.server = f->central.url;
  g_assert_true (shequ_sync_run (f->a_path, &options, NULL, NULL, NULL, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.pushed, ==, 1);
}

/* A token of another street's office: its units are refused, and nothing is sent. */
static void
test_refused_other_office (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *own = g_strdup (f->token);
  g_autoptr(GError) error = NULL;
  ShequSyncResult r = { 0 };

  shequ_test_client_publish (f->a, "别的街道");
  g_free (f->token);
  f->token = shequ_test_central_add_token (&f->central, "371326002");
  g_assert_false (sync_with (f, f->a_path, NULL, &r, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "403"));
  g_assert_nonnull (strstr (error->message, "another office"));
  g_assert_cmpuint (r.pushed, ==, 0);
  g_assert_cmpuint (r.pending, ==, 1);
  g_assert_cmpuint (shequ_test_central_count_documents (&f->central, f->token, NULL, NULL), ==, 0);
  g_assert_cmpuint (shequ_test_central_count_documents (&f->central, own, NULL, NULL), ==, 0);
}

/* A submitted finance disclosure of A (an outbox entry waiting), its id. */
static gint64
submit_one (Fixture    *f,
            const char *title)
{
  ShequOrgStore *org = shequ_disclosure_store_get_org_store (f->a);
  ShequUnit *unit = shequ_org_store_lookup_code (org, "371326001001");
  g_autoptr(ShequDisclosureVersion) content = shequ_disclosure_version_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_free (content->title);
  content->title = g_strdup (title);
  g_free (content->body);
  content->body = g_strdup ("");
  content->opening = 0;
  content->closing = 30000;
  g_ptr_array_add (content->items, shequ_finance_item_new (SHEQU_FINANCE_INCOME, "上级拨款",
                                                           50000, ""));
  g_ptr_array_add (content->items, shequ_finance_item_new (SHEQU_FINANCE_EXPENSE, "办公经费",
                                                           20000, ""));
  shequ_disclosure_store_create (f->a, shequ_unit_get_id (unit), SHEQU_DISCLOSURE_KIND_FINANCE,
                                 "2026-Q3", content, NULL, &id, &error);
  g_assert_no_error (error);
  shequ_disclosure_store_submit (f->a, id, NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* SQL on A's file, as another program (or a damaged one) could write it. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  g_autoptr(ShequDatabase) db = shequ_database_open (f->a_path, SHEQU_DATABASE_FLAGS_NO_BACKUP,
                                                     NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (db);
  shequ_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* The server refuses what the store would never have let through: the entry is
 * refused with the server's words, not sent again, and the others go. */
static void
assert_refused (Fixture    *f,
                gint64      id,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  const ShequDisclosureRow *row;
  ShequSyncResult r = { 0 };

  shequ_test_client_publish (f->a, "正常的一份");
  g_assert_true (sync_with (f, f->a_path, NULL, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.refused, ==, 1);
  g_assert_cmpuint (r.pushed, ==, 1);
  g_assert_cmpuint (r.pending, ==, 0);
  refresh (f->a);
  row = shequ_disclosure_store_lookup (f->a, id);
  g_assert_cmpint (row->sync, ==, SHEQU_SYNC_STATUS_REFUSED);
  g_assert_nonnull (row->sync_message);
  g_test_message ("refused: %s", row->sync_message);
  g_assert_nonnull (strstr (row->sync_message, needle));
  g_assert_cmpuint (shequ_test_central_count_documents (&f->central, f->token, NULL, NULL), ==, 1);

  /* Not sent again until edited. */
  g_assert_true (sync_with (f, f->a_path, NULL, &r, &error));
  g_assert_cmpuint (r.requests, ==, 1);
  g_assert_cmpuint (r.refused, ==, 0);
}

/* What the store's database never holds (a CHECK keeps amounts > 0), sent as another
 * client could: a negative and a non-integer amount, each refused by the server with
 * its words naming the member. */
static void
test_refused_bad_amount (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = shequ_test_client_publish (f->a, "金额");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) doc = NULL;
  ShequFinanceItem *item;
  ShequSyncResult r = { 0 };
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *fractional = NULL;
  g_autofree char *reply2 = NULL;

  g_assert_true (sync_with (f, f->a_path, NULL, &r, &error));
  doc = shequ_disclosure_store_get (f->a, id, &error);
  g_assert_no_error (error);
  g_free (doc->uuid);
  doc->uuid = shequ_disclosure_make_uuid ();
  item = g_ptr_array_index (shequ_disclosure_get_current (doc)->items, 1);
  item->amount = -20000;
  json = shequ_disclosure_to_json (doc);
  path = g_strdup_printf ("/api/v1/disclosures/%s", doc->uuid);
  g_assert_cmpuint (shequ_test_http_put (f->central.url, path, f->token, json, &reply), ==, 400);
  g_test_message ("negative: %s", reply);
  g_assert_nonnull (strstr (reply, "amount_fen"));

  item->amount = 20000;
  g_clear_pointer (&json, g_free);
  json = shequ_disclosure_to_json (doc);
  {
    GString *text = g_string_new (json);

    g_assert_cmpuint (g_string_replace (text, "\"amount_fen\":20000", "\"amount_fen\":200.5", 1),
                      ==, 1);
    fractional = g_string_free (text, FALSE);
  }
  g_assert_cmpuint (shequ_test_http_put (f->central.url, path, f->token, fractional, &reply2),
                    ==, 400);
  g_test_message ("fractional: %s", reply2);
  g_assert_nonnull (strstr (reply2, "amount_fen"));
  g_assert_cmpuint (shequ_test_central_count_documents (&f->central, f->token, NULL, NULL), ==, 1);
}

static void
test_refused_unbalanced (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = submit_one (f, "收支不平");
  g_autofree char *sql = g_strdup_printf (
    "UPDATE disclosure_version SET closing_fen = closing_fen + 1 WHERE disclosure_id = %"
    G_GINT64_FORMAT, id);

  tamper (f, sql);
  assert_refused (f, id, "400");
}

/* An attachment over the server's 10 MiB (put in the file behind the store's back):
 * the server refuses it, and so the disclosure naming it, by the attachment's name. */
static void
test_refused_oversized_attachment (Fixture       *f,
                                   gconstpointer  data)
{
  gsize size = SHEQU_ATTACHMENT_SIZE_MAX + 1;
  g_autofree guint8 *bytes = g_malloc0 (size);
  g_autofree char *sha = NULL;
  g_autofree char *sql = NULL;
  gint64 id = submit_one (f, "超大附件");
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (bytes, "%PDF-1.4\n", 9);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes, size);
  db = shequ_database_open (f->a_path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  stmt = shequ_database_prepare (db, "INSERT INTO attachment_blob (sha256, mime, size, data) "
                                     "VALUES (?1, 'application/pdf', ?2, ?3)", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, size);
  sqlite3_bind_blob64 (stmt, 3, bytes, size, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  /* The reference says 10 MiB (the most the schema lets it say); the bytes are more. */
  sql = g_strdup_printf ("INSERT INTO disclosure_attachment (version_rowid, seq, name, mime, "
                         "size, sha256) SELECT v.id, 0, '大文件.pdf', 'application/pdf', %d, "
                         "'%s' FROM disclosure_version v WHERE v.disclosure_id = %"
                         G_GINT64_FORMAT, SHEQU_ATTACHMENT_SIZE_MAX, sha, id);
  shequ_database_exec (db, sql, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  assert_refused (f, id, "大文件.pdf");
}

/* The connection test: one request, nothing written; a wrong token, a server that is
 * gone and an address that is not the server's each say what is wrong. */
static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *elsewhere = NULL;
  ShequSyncOptions options = { .server = f->central.url, .token = f->token, .timeout = 10 };
  guint before = shequ_test_central_count_documents (&f->central, f->token, NULL, NULL);

  shequ_test_client_publish (f->a, "不会被发送");
  g_assert_true (shequ_sync_check (&options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_test_central_count_documents (&f->central, f->token, NULL, NULL), ==, before);

  options.token = "shq1.999.not-a-token";
  g_assert_false (shequ_sync_check (&options, NULL, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_AUTH);
  g_clear_error (&error);

  /* An address below the server's (a public page's) has no API. */
  options.token = f->token;
  elsewhere = g_strconcat (f->central.url, "/u", NULL);
  options.server = elsewhere;
  g_assert_false (shequ_sync_check (&options, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("a page that is not the API: %s", error->message);
  g_clear_error (&error);

  options.server = f->central.url;
  shequ_test_central_stop (&f->central, TRUE);
  g_assert_false (shequ_sync_check (&options, NULL, &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_OFFLINE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  shequ_test_central_require ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/converge", test_converge);
  ADD ("/sync/idle-one-request", test_idle_one_request);
  ADD ("/sync/conflict/both-edit", test_conflict_both_edit);
  ADD ("/sync/conflict/on-pull", test_conflict_on_pull);
  ADD ("/sync/server-change", test_server_change);
  ADD ("/sync/async", test_async);
  ADD ("/sync/cli", test_cli);
  ADD ("/sync/attachments", test_attachments);
  ADD ("/sync/tls", test_tls);
  ADD ("/sync/check", test_check);
  ADD ("/sync/refused/other-office", test_refused_other_office);
  ADD ("/sync/refused/bad-amount", test_refused_bad_amount);
  ADD ("/sync/refused/unbalanced", test_refused_unbalanced);
  ADD ("/sync/refused/oversized-attachment", test_refused_oversized_attachment);
#undef ADD

  return g_test_run ();
}
