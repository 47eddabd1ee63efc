/* main.c — shequ-central: serve the offices' API and the public pages, or manage tokens */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-central"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "shequ-central-http.h"
#include "shequ-central-server.h"
#include "shequ-central-tokens.h"

#define EXIT_USAGE 2

typedef struct {
  char *db;
  char *listen;
  char *tls_cert;
  char *tls_key;
  char *max_body;
  char *label;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->db, g_free);
  g_clear_pointer (&options->listen, g_free);
  g_clear_pointer (&options->tls_cert, g_free);
  g_clear_pointer (&options->tls_key, g_free);
  g_clear_pointer (&options->max_body, g_free);
  g_clear_pointer (&options->label, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
fail_usage (const char *message)
{
  g_printerr ("shequ-central: %s\n", message);
  g_printerr ("%s\n", _("“shequ-central --help” lists the options and commands."));
  return EXIT_USAGE;
}

static int
fail (const GError *error)
{
  g_printerr ("shequ-central: %s\n", error->message);
  return EXIT_FAILURE;
}

/* --- serving --------------------------------------------------------------------------- */

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
run_server (ShequCentralStorage *storage,
            const Options       *options)
{
  g_autoptr(ShequCentralServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  ShequCentralServerOptions server_options = {
    .listen = options->listen,
    .tls_cert = options->tls_cert,
    .tls_key = options->tls_key,
  };
  gint64 max_body = 0;
  guint term_id, int_id;

  if (!shequ_central_parse_count (options->max_body, 0, &max_body) ||
      (options->max_body != NULL && max_body < 1024))
    return fail_usage (_("--max-body takes a number of bytes, at least 1024"));
  server_options.max_body = (gsize) max_body;
  server = shequ_central_server_new (storage, &server_options, &error);
  if (server == NULL)
    {
      if (g_error_matches (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID))
        return fail_usage (error->message);
      return fail (error);
    }
  loop = g_main_loop_new (NULL, FALSE);
  term_id = g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  int_id = g_unix_signal_add (SIGINT, on_quit_signal, loop);
  /* TRANSLATORS: the tests read this line's URL; keep "listening on " first. */
  g_print ("listening on %s\n", shequ_central_server_get_url (server));
  fflush (stdout);
  g_main_loop_run (loop);
  g_source_remove (term_id);
  g_source_remove (int_id);
  return EXIT_SUCCESS;
}

/* --- tokens ------------------------------------------------------------------------------ */

static int
token_add (ShequCentralStorage *storage,
           char               **args,
           const Options       *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if (g_strv_length (args) != 1)
    return fail_usage (_("token add takes one OFFICE (its street's unit code)"));
  token = shequ_central_tokens_add (storage, args[0], options->label, &error);
  if (token == NULL)
    {
      if (g_error_matches (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_INVALID))
        return fail_usage (error->message);
      return fail (error);
    }
  g_print ("%s\n", token);
  g_printerr ("%s\n", _("Keep this token now: the server keeps only its hash and cannot "
                        "show it again."));
  return EXIT_SUCCESS;
}

static int
token_list (ShequCentralStorage *storage,
            char               **args)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strv_length (args) != 0)
    return fail_usage (_("token list takes no arguments"));
  tokens = shequ_central_storage_list_tokens (storage, &error);
  if (tokens == NULL)
    return fail (error);
  g_print ("%s\t%s\t%s\t%s\t%s\n", _("ID"), _("Office"), _("Label"), _("Created"), _("Revoked"));
  for (guint i = 0; i < tokens->len; i++)
    {
      ShequCentralToken *token = g_ptr_array_index (tokens, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", token->id, token->office,
               token->label, token->created_at,
               token->revoked_at != NULL ? token->revoked_at : "-");
    }
  return EXIT_SUCCESS;
}

static int
token_revoke (ShequCentralStorage *storage,
              char               **args)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (g_strv_length (args) != 1 || !shequ_central_parse_count (args[0], -1, &id) || id < 1)
    return fail_usage (_("token revoke takes one token ID (“token list” shows them)"));
  if (!shequ_central_storage_revoke_token (storage, id, &error))
    {
      if (g_error_matches (error, SHEQU_CENTRAL_ERROR, SHEQU_CENTRAL_ERROR_NOT_FOUND))
        return fail_usage (error->message);
      return fail (error);
    }
  g_print (_("Token %lld is revoked.\n"), (long long) id);
  return EXIT_SUCCESS;
}

static int
run_token (ShequCentralStorage *storage,
           char               **args,
           const Options       *options)
{
  if (args[0] == NULL)
    return fail_usage (_("token needs add, list or revoke"));
  if (g_str_equal (args[0], "add"))
    return token_add (storage, args + 1, options);
  if (options->label != NULL)
    return fail_usage (_("--label belongs to token add"));
  if (g_str_equal (args[0], "list"))
    return token_list (storage, args + 1);
  if (g_str_equal (args[0], "revoke"))
    return token_revoke (storage, args + 1);
  return fail_usage (_("token needs add, list or revoke"));
}

/* --- the command line ------------------------------------------------------------------------ */

static GOptionContext *
make_context (Options *options)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db,
      N_("The server's database (created when missing)"), N_("PATH") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &options->listen,
      N_("Serve on HOST:PORT (port 0: any free one)"), N_("HOST:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &options->tls_cert,
      N_("HTTPS with this PEM certificate (and --tls-key)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options->tls_key,
      N_("The certificate's PEM private key"), N_("FILE") },
    { "max-body", 0, 0, G_OPTION_ARG_STRING, &options->max_body,
      N_("The largest request body of a document or batch (default 4 MiB)"), N_("BYTES") },
    { "label", 0, 0, G_OPTION_ARG_STRING, &options->label,
      N_("token add: a note on whose token it is"), N_("TEXT") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (_("[token add OFFICE | token list | "
                                                    "token revoke ID]"));

  g_option_context_set_summary (context,
                                _("Serves the street offices' sync API and the residents' "
                                  "public pages with --listen, or manages the offices' "
                                  "tokens."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

static int
run (int    argc,
     char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = make_context (&options);
  g_autoptr(ShequCentralStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_strdupv (argv);

  if (!g_option_context_parse_strv (context, &args, &error))
    return fail_usage (error->message);
  if (options.db == NULL)
    return fail_usage (_("--db PATH is needed"));
  if (args[1] != NULL && !g_str_equal (args[1], "token"))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), args[1]);

      return fail_usage (message);
    }
  if (args[1] == NULL && options.listen == NULL)
    return fail_usage (_("Give --listen HOST:PORT to serve, or a token command"));
  if (args[1] != NULL && options.listen != NULL)
    return fail_usage (_("--listen serves; it does not go with a token command"));
  storage = shequ_central_sqlite_new (options.db, &error);
  if (storage == NULL)
    return fail (error);
  if (args[1] != NULL)
    return run_token (storage, args + 2, &options);
  return run_server (storage, &options);
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("SHEQU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("shequ-central");
  /* A client that hangs up mid-reply is not a reason to die. */
  signal (SIGPIPE, SIG_IGN);
  return run (argc, argv);
}
