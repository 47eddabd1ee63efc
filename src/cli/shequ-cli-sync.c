/* shequ-cli-sync.c — shequ-cli sync: one sync of the database with shequ-central */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shequ-database.h"
#include "shequ-sync.h"
#include "shequ-cli-private.h"

/* The token: the file's first line, or the one the token store keeps for SERVER. */
static char *
read_token (const char  *token_file,
            const char  *server,
            GError     **error)
{
  g_autofree char *text = NULL;
  char *newline;

  if (token_file == NULL)
    {
      char *kept = shequ_sync_token_lookup (server, error);

      if (kept == NULL && error != NULL && *error == NULL)
        g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                     _("No token is kept for %s: give one with --token-file FILE"), server);
      return kept;
    }
  if (!g_file_get_contents (token_file, &text, NULL, error))
    return NULL;
  if ((newline = strpbrk (text, "\r\n")) != NULL)
    *newline = '\0';
  g_strstrip (text);
  if (*text == '\0')
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("The token file “%s” is empty"), token_file);
      return NULL;
    }
  return g_steal_pointer (&text);
}

static void
print_result (const ShequSyncResult *result)
{
  if (opt_json)
    {
      g_autofree char *json = shequ_sync_result_to_json (result);

      print_json_text (json);
      return;
    }
  /* TRANSLATORS: shequ-cli sync's report, one figure a line */
  g_print (_("Pushed: %u\n"), result->pushed);
  g_print (_("Pulled: %u\n"), result->pulled);
  g_print (_("Conflicts: %u\n"), result->conflicts);
  g_print (_("Refused: %u\n"), result->refused);
  g_print (_("Pending: %u\n"), result->pending);
}

/* sync --check: one request, no database. */
static int
check_server (const char *server,
              const char *token_file,
              const char *ca_file,
              int         timeout)
{
  g_autofree char *token = NULL;
  GError *error = NULL;
  ShequSyncOptions options = { .server = server, .ca_file = ca_file, .timeout = (guint) timeout };

  if ((token = read_token (token_file, server, &error)) == NULL)
    return fail (error);
  options.token = token;
  if (!shequ_sync_check (&options, NULL, &error))
    return fail (error);
  if (opt_json)
    print_json_text ("{\"connected\":true}");
  else
    g_print (_("Connected: %s answers and takes the token.\n"), server);
  return 0;
}

int
command_sync (int    argc,
              char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  ShequSyncResult result = { 0 };
  ShequSyncOptions options = { 0 };
  int timeout = 0;
  int batch = 0;
  gboolean check = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The central server (https://…)"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("A file holding the office's token (else the one kept for the server)"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Certificates to verify the server with, instead of the system's"), N_("FILE") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds a request may stall before it is given up (default 30)"), N_("S") },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch,
      N_("Disclosures per push request (default 200, at most 500)"), N_("N") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Only check that the server answers and takes the token (nothing is sent)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options ("sync", NULL,
                      N_("Push the outbox to the central server, then pull what other PCs "
                         "of the office changed."),
                      entries, TRUE, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("sync takes no FILE"));
  if (server == NULL)
    return fail_usage (_("sync needs --server URL"));
  if (timeout < 0 || timeout > 3600)
    return fail_usage (_("--timeout takes seconds from 1 to 3600"));
  if (batch < 0 || batch > 500)
    return fail_usage (_("--batch takes a number from 1 to 500"));

  if (check)
    return check_server (server, token_file, ca_file, timeout);
  path = opt_db != NULL ? g_strdup (opt_db) : shequ_database_get_default_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_OPEN,
                   _("There is no database at %s; create one with “shequ-cli init”"), path);
      return fail (error);
    }
  if ((token = read_token (token_file, server, &error)) == NULL)
    return fail (error);
  options.server = server;
  options.token = token;
  options.ca_file = ca_file;
  options.timeout = timeout;
  options.batch = batch;
  if (!shequ_sync_run (path, &options, NULL, NULL, NULL, &result, &error))
    {
      /* What was done before the failure stands, and what is left waits. */
      if (!opt_json && (result.pushed || result.pulled || result.conflicts || result.refused
                        || result.pending))
        print_result (&result);
      return fail (error);
    }
  print_result (&result);
  return 0;
}
