/* shequ-test-sync.c — a real shequ-central for the sync tests, and client databases */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-test"

#include "config.h"

#include <curl/curl.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "shequ-database-private.h"
#include "shequ-disclosure-json.h"
#include "shequ-test-sync.h"
#include "shequ-test-util.h"

#define COMMUNITY_CODE "371326001001"

void
shequ_test_central_require (void)
{
  const char *central = g_getenv ("SHEQU_CENTRAL");

  if (central == NULL || !g_file_test (central, G_FILE_TEST_IS_EXECUTABLE))
    shequ_test_skip_program ("SHEQU_CENTRAL does not name the built shequ-central");
}

void
shequ_test_central_init (ShequTestCentral *central)
{
  memset (central, 0, sizeof *central);
  central->dir = shequ_test_make_tmpdir ("shequ-central-XXXXXX");
  central->db = g_build_filename (central->dir, "central.db", NULL);
}

static gpointer
drain_thread (gpointer data)
{
  GInputStream *in = data;
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (in);
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      g_test_message ("shequ-central: %s", line);
      g_free (line);
    }
  g_object_unref (in);
  return NULL;
}

static void
start_on (ShequTestCentral *central,
          guint16           port,
          const char       *cert,
          const char       *key)
{
  const char *program = g_getenv ("SHEQU_CENTRAL");
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", port);
  const char *argv[] = { program, "--db", central->db, "--listen", listen,
                         cert != NULL ? "--tls-cert" : NULL, cert, "--tls-key", key, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  char *line;

  g_assert_null (central->process);
  central->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                              | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (central->process));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines), FALSE);
  central->port = 0;
  while (central->port == 0
         && (line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      const char *at = strstr (line, "://127.0.0.1:");

      g_test_message ("shequ-central: %s", line);
      if (at != NULL && strstr (line, "listening on http") != NULL)
        central->port = (guint16) g_ascii_strtoull (at + strlen ("://127.0.0.1:"), NULL, 10);
      g_free (line);
    }
  g_assert_no_error (error);
  if (central->port == 0)
    g_error ("shequ-central ended without saying where it listens");
  g_free (central->url);
  central->url = g_strdup_printf ("%s://127.0.0.1:%u", cert != NULL ? "https" : "http",
                                  central->port);
  /* What is still buffered is lost with LINES: only log lines. */
  central->drain = g_thread_new ("central-drain", drain_thread,
                                 g_object_ref (g_subprocess_get_stdout_pipe (central->process)));
}

void
shequ_test_central_start (ShequTestCentral *central)
{
  start_on (central, 0, NULL, NULL);
}

void
shequ_test_central_start_tls (ShequTestCentral *central,
                              const char       *cert,
                              const char       *key)
{
  start_on (central, 0, cert, key);
}

void
shequ_test_central_restart (ShequTestCentral *central)
{
  g_assert_cmpuint (central->port, !=, 0);
  start_on (central, central->port, NULL, NULL);
}

void
shequ_test_central_stop (ShequTestCentral *central,
                         gboolean          kill)
{
  g_autoptr(GError) error = NULL;

  if (central->process == NULL)
    return;
  if (kill)
    g_subprocess_force_exit (central->process);
  else
    g_subprocess_send_signal (central->process, SIGTERM);
  g_subprocess_wait (central->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&central->drain, g_thread_join);
  g_clear_object (&central->process);
}

void
shequ_test_central_clear (ShequTestCentral *central)
{
  shequ_test_central_stop (central, TRUE);
  shequ_test_remove_tree (central->dir);
  g_free (central->dir);
  g_free (central->db);
  g_free (central->url);
  memset (central, 0, sizeof *central);
}

char *
shequ_test_central_add_token (ShequTestCentral *central,
                              const char       *office)
{
  const char *program = g_getenv ("SHEQU_CENTRAL");
  g_auto(ShequTestResult) result = { 0 };
  g_autoptr(GRegex) regex = g_regex_new ("shq1[A-Za-z0-9._-]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  result = shequ_test_run (program, "--db", central->db, "token", "add", office, NULL);
  g_assert_cmpint (result.status, ==, 0);
  if (!g_regex_match (regex, result.out, 0, &match))
    g_error ("shequ-central token add printed no token: %s", result.out);
  return g_match_info_fetch (match, 0);
}

static size_t
on_body (char   *data,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  g_string_append_len (user_data, data, size * n);
  return size * n;
}

static guint
http_request (const char  *url,
              const char  *path,
              const char  *token,
              const char  *put_body,
              char       **body)
{
  g_autofree char *full = g_strconcat (url, path, NULL);
  g_autofree char *auth = token != NULL ? g_strdup_printf ("Authorization: Bearer %s", token) : NULL;
  GString *out = g_string_new (NULL);
  struct curl_slist *headers = NULL;
  CURL *curl = curl_easy_init ();
  long status = 0;
  CURLcode code;

  if (auth != NULL)
    headers = curl_slist_append (headers, auth);
  if (put_body != NULL)
    {
      headers = curl_slist_append (headers, "Content-Type: application/json");
      headers = curl_slist_append (headers, "If-None-Match: *");
      curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, "PUT");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, put_body);
    }
  curl_easy_setopt (curl, CURLOPT_URL, full);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, out);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  code = curl_easy_perform (curl);
  if (code != CURLE_OK)
    g_error ("%s %s: %s", put_body != NULL ? "PUT" : "GET", full, curl_easy_strerror (code));
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);
  if (body != NULL)
    *body = g_string_free (out, FALSE);
  else
    g_string_free (out, TRUE);
  return status;
}

guint
shequ_test_http_get (const char  *url,
                     const char  *path,
                     const char  *token,
                     char       **body)
{
  return http_request (url, path, token, NULL, body);
}

guint
shequ_test_http_put (const char  *url,
                     const char  *path,
                     const char  *token,
                     const char  *put_body,
                     char       **reply)
{
  return http_request (url, path, token, put_body, reply);
}

guint
shequ_test_central_count_documents (ShequTestCentral *central,
                                    const char       *token,
                                    guint            *distinct,
                                    gint64           *max_revision)
{
  g_autoptr(GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = g_strdup ("0");
  gboolean more = TRUE;
  guint count = 0;
  gint64 highest = 0;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%s&limit=1000", cursor);
      g_autofree char *body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *root;
      JsonArray *changes;
      JsonNode *next;

      g_assert_cmpuint (shequ_test_http_get (central->url, path, token, &body), ==, 200);
      json_parser_load_from_data (parser, body, -1, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      changes = json_object_get_array_member (root, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          JsonObject *doc = json_object_get_object_member (change, "document");

          g_hash_table_add (uuids, g_strdup (json_object_get_string_member (doc, "uuid")));
          highest = MAX (highest, json_object_get_int_member (change, "revision"));
          count++;
        }
      more = json_object_get_boolean_member_with_default (root, "more", FALSE);
      next = json_object_get_member (root, "cursor");
      g_free (cursor);
      cursor = JSON_NODE_HOLDS_VALUE (next) && json_node_get_value_type (next) == G_TYPE_STRING
               ? g_strdup (json_node_get_string (next))
               : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (next));
    }
  if (distinct != NULL)
    *distinct = g_hash_table_size (uuids);
  if (max_revision != NULL)
    *max_revision = highest;
  return count;
}

/* The sample street, made once per program and copied for each client. */
static const char *
template_path (void)
{
  static char *path = NULL;

  if (path == NULL)
    {
      char *dir = shequ_test_make_tmpdir ("shequ-sync-template-XXXXXX");

      path = g_build_filename (dir, "template.db", NULL);
      shequ_test_make_sample_database (path, FALSE);
      g_free (dir);
    }
  return path;
}

ShequDisclosureStore *
shequ_test_client_new (const char *path)
{
  g_autoptr(GFile) from = g_file_new_for_path (template_path ());
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) org = NULL;
  ShequDisclosureStore *store;

  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  org = shequ_test_open_store (path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &db);
  store = shequ_disclosure_store_new (org, &error);
  g_assert_no_error (error);
  shequ_disclosure_store_set_actor (store, "测试员");
  return store;
}

gint64
shequ_test_client_publish (ShequDisclosureStore *store,
                           const char           *title)
{
  ShequOrgStore *org = shequ_disclosure_store_get_org_store (store);
  ShequUnit *unit = shequ_org_store_lookup_code (org, COMMUNITY_CODE);
  g_autoptr(ShequDisclosureVersion) content = shequ_disclosure_version_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_nonnull (unit);
  g_free (content->title);
  content->title = g_strdup (title);
  g_free (content->body);
  content->body = g_strdup ("本季度收支如下。");
  content->opening = 100000;
  content->closing = 100000 + 50000 - 20000;
  g_ptr_array_add (content->items, shequ_finance_item_new (SHEQU_FINANCE_INCOME, "上级拨款",
                                                           50000, ""));
  g_ptr_array_add (content->items, shequ_finance_item_new (SHEQU_FINANCE_EXPENSE, "办公经费",
                                                           20000, "打印纸"));
  shequ_disclosure_store_create (store, shequ_unit_get_id (unit), SHEQU_DISCLOSURE_KIND_FINANCE,
                                 "2026-Q3", content, NULL, &id, &error);
  g_assert_no_error (error);
  shequ_disclosure_store_submit (store, id, NULL, &error);
  g_assert_no_error (error);
  shequ_disclosure_store_approve (store, id, "审核人", &error);
  g_assert_no_error (error);
  shequ_disclosure_store_publish (store, id, NULL, &error);
  g_assert_no_error (error);
  return id;
}

guint
shequ_test_count_rows (const char *path,
                       const char *table,
                       const char *where)
{
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s%s%s", table,
                                          where != NULL ? " WHERE " : "",
                                          where != NULL ? where : "");
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;
  guint count;

  db = shequ_database_open (path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &error);
  g_assert_no_error (error);
  handle = shequ_database_get_handle (db);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}
