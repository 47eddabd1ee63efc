/* test-sync-token.c — the sync token's file store (0600), the backoff, and reading replies */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-token"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "shequ-sync-private.h"
#include "shequ-test-util.h"

static char *config_dir;
static guint mode_warnings;

/* The core logs structured: its warning about the file's mode is counted here, not fatal. */
static GLogWriterOutput
count_mode_warnings (GLogLevelFlags   level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0
        && (level & G_LOG_LEVEL_WARNING) != 0
        && strstr (fields[i].value, "could be read by other users") != NULL)
      {
        mode_warnings++;
        return G_LOG_WRITER_HANDLED;
      }
  return g_log_writer_default (level, fields, n_fields, data);
}

static char *
token_file (void)
{
  return g_build_filename (config_dir, "shequ", "sync-tokens", NULL);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_token_file_roundtrip (void)
{
  g_autofree char *path = token_file ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *none = NULL;

  g_assert_cmpstr (shequ_sync_token_backend (), ==, "file");
  g_assert_true (shequ_sync_token_save ("https://central.example.cn/", "shq1_first", &error));
  g_assert_no_error (error);
  g_assert_true (shequ_sync_token_save ("http://[::1]:8443", "shq1_second", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (dir), ==, 0700);

  /* The trailing slash does not make another server. */
  token = shequ_sync_token_lookup ("https://central.example.cn", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "shq1_first");
  other = shequ_sync_token_lookup ("http://[::1]:8443/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other, ==, "shq1_second");
  none = shequ_sync_token_lookup ("https://elsewhere.example.cn", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* Replaced, then cleared; the other stays. */
  g_assert_true (shequ_sync_token_save ("https://central.example.cn", "shq1_third", &error));
  g_clear_pointer (&token, g_free);
  token = shequ_sync_token_lookup ("https://central.example.cn", &error);
  g_assert_cmpstr (token, ==, "shq1_third");
  g_assert_true (shequ_sync_token_clear ("https://central.example.cn", &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);
  token = shequ_sync_token_lookup ("https://central.example.cn", &error);
  g_assert_no_error (error);
  g_assert_null (token);
  g_clear_pointer (&other, g_free);
  other = shequ_sync_token_lookup ("http://[::1]:8443", &error);
  g_assert_cmpstr (other, ==, "shq1_second");
  g_assert_cmpuint (file_mode (path), ==, 0600);
}

/* A file others could read is put back to 0600 (with a warning) and still read. */
static void
test_token_file_mode_fixed (void)
{
  g_autofree char *path = token_file ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_assert_true (shequ_sync_token_save ("https://a.example.cn", "shq1_a", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  mode_warnings = 0;
  token = shequ_sync_token_lookup ("https://a.example.cn", &error);
  g_assert_cmpuint (mode_warnings, ==, 1);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "shq1_a");
  g_assert_cmpuint (file_mode (path), ==, 0600);
}

static void
test_token_refused (void)
{
  g_autofree char *path = token_file ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_assert_false (shequ_sync_token_save ("https://a.example.cn", "two words", &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
  g_clear_error (&error);
  g_assert_false (shequ_sync_token_save ("https://a.example.cn", "line\nbreak", &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
  g_clear_error (&error);
  g_assert_false (shequ_sync_token_save ("  ", "shq1_x", &error));
  g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS);
  g_clear_error (&error);

  /* A damaged file is named, and not overwritten by a lookup. */
  g_assert_true (g_file_set_contents (path, "[unclosed\nnot a key file", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  token = shequ_sync_token_lookup ("https://a.example.cn", &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "sync-tokens"));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_backoff (void)
{
  g_assert_cmpint (_shequ_sync_backoff_seconds (0, 0.5), ==, 0);
  g_assert_cmpint (_shequ_sync_backoff_seconds (1, 0.0), ==, 1);
  g_assert_cmpint (_shequ_sync_backoff_seconds (1, 0.99), ==, 1);
  g_assert_cmpint (_shequ_sync_backoff_seconds (2, 0.0), ==, 2);
  g_assert_cmpint (_shequ_sync_backoff_seconds (5, 0.0), ==, 16);
  /* A quarter at most is taken off. */
  g_assert_cmpint (_shequ_sync_backoff_seconds (5, 0.99), ==, 13);
  g_assert_cmpint (_shequ_sync_backoff_seconds (10, 0.0), ==, 512);
  g_assert_cmpint (_shequ_sync_backoff_seconds (11, 0.0), ==, 900);
  g_assert_cmpint (_shequ_sync_backoff_seconds (1000, 0.0), ==, 900);
  g_assert_cmpint (_shequ_sync_backoff_seconds (G_MAXUINT, 0.99), >=, 675);
  for (guint a = 1; a < 40; a++)
    g_assert_cmpint (_shequ_sync_backoff_seconds (a + 1, 0.5), >=,
                     _shequ_sync_backoff_seconds (a, 0.5));
}

static void
test_batch_reply (void)
{
  static const char good[] =
    "{\"results\": [{\"uuid\": \"a\", \"status\": 201, \"revision\": 1},"
    " {\"uuid\": \"b\", \"status\": 412, \"revision\": 7, \"error\": \"changed\","
    "  \"document\": {\"uuid\": \"b\"}},"
    " {\"uuid\": \"c\", \"status\": 400, \"error\": \"amount_fen < 0\", \"revision\": null},"
    " {\"uuid\": \"d\", \"status\": 412, \"revision\": 0, \"document\": null}],"
    " \"cursor\": \"9\"}";
  static const char *const bad[] = {
    "", "[]", "{\"results\": {}}", "{\"results\": [1, 2, 3]}",
    "{\"results\": [{\"uuid\": \"a\", \"status\": 201}, {}, {}]}",
    "{\"results\": [{\"uuid\": \"a\", \"status\": \"201\", \"revision\": 1}, {}, {}]}",
    "{\"results\": [{\"uuid\": \"a\", \"status\": 412, \"revision\": 2}, {}, {}]}",
    "{\"results\": [{\"uuid\": \"a\", \"status\": 412, \"revision\": 0,"
    " \"document\": {\"uuid\": \"a\"}}, {}, {}]}",
    "{\"results\": [{\"uuid\": \"a\", \"status\": 201, \"revision\": 1}]}",
    "{\"results\": [{\"uuid\": \"a\", \"status\": 201, \"revision\": 1.5}, {}, {}]}",
    "{\"results\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    "{\"results\": [{\"uuid\": \"\xff\", \"status\": 201, \"revision\": 1}, {}, {}]}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  ShequSyncPutResult *r;

  results = _shequ_sync_parse_batch_reply (good, strlen (good), "http://x/b", 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpstr (r->uuid, ==, "a");
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpint (r->revision, ==, 1);
  r = g_ptr_array_index (results, 1);
  g_assert_cmpuint (r->status, ==, 412);
  g_assert_cmpint (r->revision, ==, 7);
  g_assert_cmpstr (r->document, ==, "{\"uuid\":\"b\"}");
  r = g_ptr_array_index (results, 2);
  g_assert_cmpstr (r->error, ==, "amount_fen < 0");
  /* The server has no such disclosure: a 412 without one. */
  r = g_ptr_array_index (results, 3);
  g_assert_cmpuint (r->status, ==, 412);
  g_assert_cmpint (r->revision, ==, 0);
  g_assert_null (r->document);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) none = _shequ_sync_parse_batch_reply (bad[i], strlen (bad[i]),
                                                                 "http://x/b", 3, &error);

      g_assert_null (none);
      g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "http://x/b"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }
}

static void
test_changes_reply (void)
{
  static const char good[] =
    "{\"changes\": [{\"revision\": 4, \"document\": {\"uuid\": \"u1\"}}],"
    " \"cursor\": 1234, \"more\": true}";
  static const char *const bad[] = {
    "{\"changes\": [], \"cursor\": \"5\", \"more\": true}",
    "{\"changes\": [{\"revision\": 0, \"document\": {\"uuid\": \"u\"}}], \"cursor\": \"5\"}",
    "{\"changes\": [{\"revision\": 1, \"document\": {}}], \"cursor\": \"5\"}",
    "{\"changes\": [{\"revision\": 1, \"document\": []}], \"cursor\": \"5\"}",
    "{\"changes\": [], \"cursor\": null}",
    "{\"changes\": [], \"cursor\": \"5\", \"more\": \"no\"}",
    "{\"changes\": [], \"cursor\": -3}",
    "{\"changes\": [{\"revision\": 1, \"document\": {\"uuid\": \"u\"}}, ], \"cursor\": 1",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *cursor = NULL;
  gboolean more = FALSE;
  ShequSyncChange *change;

  changes = _shequ_sync_parse_changes_reply (good, strlen (good), "http://x/c", &cursor, &more,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->revision, ==, 4);
  g_assert_cmpstr (change->uuid, ==, "u1");
  g_assert_cmpstr (cursor, ==, "1234");
  g_assert_true (more);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *c = NULL;
      g_autoptr(GPtrArray) none = _shequ_sync_parse_changes_reply (bad[i], strlen (bad[i]),
                                                                   "http://x/c", &c, &more,
                                                                   &error);

      g_assert_null (none);
      g_assert_null (c);
      g_assert_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_PROTOCOL);
      g_clear_error (&error);
    }
}

static void
test_result_json (void)
{
  ShequSyncResult result = { 3, 2, 1, 4, 5, 6, 7, 8 };
  g_autofree char *json = shequ_sync_result_to_json (&result);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "pushed"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "pulled"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "conflicts"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "refused"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (root, "requests"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (root, "pending"), ==, 8);
}

/* shequ-cli sync's refusals before any request. */
static void
test_cli_usage (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-sync-cli-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "none.db", NULL);
  g_autofree char *token = shequ_test_write_file (dir, "token", "shq1_x\n");
  g_autofree char *empty = shequ_test_write_file (dir, "empty", "\n");
  g_autofree char *real_db = shequ_test_write_file (dir, "real.db", "");

  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", db, NULL);

    shequ_test_assert_cli_failure (&r, "--server");
  }
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", db, "--server",
                                                    "https://c.example.cn", "--token-file",
                                                    token, NULL);

    shequ_test_assert_cli_failure (&r, db);
  }
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", real_db, "--server",
                                                    "https://c.example.cn", "--token-file",
                                                    empty, NULL);

    shequ_test_assert_cli_failure (&r, "empty");
  }
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", real_db, "--server",
                                                    "gopher://c.example.cn", "--token-file",
                                                    token, NULL);

    shequ_test_assert_cli_failure (&r, "gopher://c.example.cn");
  }
  {
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", real_db, "--server",
                                                    "https://c.example.cn", "--timeout", "-4",
                                                    NULL);

    shequ_test_assert_cli_failure (&r, "--timeout");
  }
  {
    /* No token file and none kept for the server. */
    g_auto(ShequTestResult) r = shequ_test_run_cli ("sync", "--db", real_db, "--server",
                                                    "https://unknown.example.cn", NULL);

    shequ_test_assert_cli_failure (&r, "--token-file");
  }
  shequ_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  config_dir = shequ_test_make_tmpdir ("shequ-sync-token-XXXXXX");
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_setenv ("SHEQU_TOKEN_STORE", "file", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (count_mode_warnings, NULL, NULL);

  g_test_add_func ("/sync/token/file-roundtrip", test_token_file_roundtrip);
  g_test_add_func ("/sync/token/file-mode-fixed", test_token_file_mode_fixed);
  g_test_add_func ("/sync/token/refused", test_token_refused);
  g_test_add_func ("/sync/backoff", test_backoff);
  g_test_add_func ("/sync/reply/batch", test_batch_reply);
  g_test_add_func ("/sync/reply/changes", test_changes_reply);
  g_test_add_func ("/sync/result-json", test_result_json);
  g_test_add_func ("/sync/cli/usage", test_cli_usage);

  status = g_test_run ();
  shequ_test_remove_tree (config_dir);
  g_free (config_dir);
  return status;
}
