/* shequ-sync-token.c — the sync token, kept out of the database: the keyring, else a 0600 file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>
#include <sys/stat.h>

#include "shequ-sync.h"

#define TOKEN_FILE_GROUP_KEY "token"

static const SecretSchema token_schema = {
  "org.shequ.Shequ.SyncToken", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

/* Whether a Secret Service runs on the session bus now (never starting one, never
 * autolaunching a bus). */
static gboolean
secret_service_answers (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *runtime_bus = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  gboolean has_owner = FALSE;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL
      && !g_file_test (runtime_bus, G_FILE_TEST_EXISTS))
    return FALSE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       2000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

const char *
shequ_sync_token_backend (void)
{
  static gsize backend = 0;

  if (g_once_init_enter (&backend))
    {
      const char *forced = g_getenv ("SHEQU_TOKEN_STORE");
      gboolean keyring = forced != NULL ? g_str_equal (forced, "keyring")
                                        : secret_service_answers ();

      g_once_init_leave (&backend, (gsize) (keyring ? "keyring" : "file"));
    }
  return (const char *) backend;
}

static gboolean
use_keyring (void)
{
  return g_str_equal (shequ_sync_token_backend (), "keyring");
}

/* One server, one entry: "https://x/" and "https://x" are the same. */
static char *
normalize_server (const char *server)
{
  char *copy = g_strstrip (g_strdup (server));
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';
  return copy;
}

static char *
token_file_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "shequ", "sync-tokens", NULL);
}

/* A group name of the key file: no [ ] nor control characters ([::1] URLs have some). */
static char *
group_for (const char *server)
{
  g_autofree char *normal = normalize_server (server);

  return g_uri_escape_string (normal, "!$&'()*+,;=:@/?#~", FALSE);
}

/* The token file read (empty when there is none). Its mode is put right when others
 * may read it. */
static GKeyFile *
load_token_file (const char  *path,
                 GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return g_steal_pointer (&file);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot read the token file “%s”: %s"), path, g_strerror (errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("The token file “%s” is not a plain file"), path);
      return NULL;
    }
  if ((st.st_mode & 077) != 0)
    {
      g_warning ("The token file %s could be read by other users (mode %03o): set to 0600",
                 path, (unsigned) (st.st_mode & 0777));
      if (g_chmod (path, 0600) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("The token file “%s” can be read by other users and its mode "
                         "cannot be changed: %s"), path, g_strerror (errno));
          return NULL;
        }
    }
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The token file “%s” does not read: %s"), path, local->message);
      return NULL;
    }
  return g_steal_pointer (&file);
}

/* Written whole to a temporary file made 0600 from the start, then renamed over. */
static gboolean
save_token_file (const char  *path,
                 GKeyFile    *file,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot make the folder “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  data = g_key_file_to_data (file, &length, NULL);
  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write the token file “%s”: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
file_save (const char  *server,
           const char  *token,
           GError     **error)
{
  g_autofree char *path = token_file_path ();
  g_autofree char *group = group_for (server);
  g_autoptr(GKeyFile) file = load_token_file (path, error);

  if (file == NULL)
    return FALSE;
  if (token != NULL)
    g_key_file_set_string (file, group, TOKEN_FILE_GROUP_KEY, token);
  else if (!g_key_file_remove_group (file, group, NULL))
    return TRUE;
  return save_token_file (path, file, error);
}

static char *
file_lookup (const char  *server,
             GError     **error)
{
  g_autofree char *path = token_file_path ();
  g_autofree char *group = group_for (server);
  g_autoptr(GKeyFile) file = load_token_file (path, error);

  if (file == NULL)
    return NULL;
  return g_key_file_get_string (file, group, TOKEN_FILE_GROUP_KEY, NULL);
}

static gboolean
check_arguments (const char  *server,
                 const char  *token,
                 GError     **error)
{
  g_autofree char *normal = server != NULL ? normalize_server (server) : NULL;

  if (normal == NULL || *normal == '\0')
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("No central server is set"));
      return FALSE;
    }
  if (token != NULL && (*token == '\0' || strpbrk (token, " \t\r\n") != NULL
                        || !g_utf8_validate (token, -1, NULL)))
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("The token is empty or holds a space or a line break"));
      return FALSE;
    }
  return TRUE;
}

/* After a lookup or a clear that found nothing: an item still there is one a locked
 * keyring kept (its unlock prompt dismissed, or none could be shown), which libsecret
 * skips without an error. Not "none kept", nor "forgotten". */
static gboolean
check_not_locked (const char  *normal,
                  GError     **error)
{
  g_autoptr(GError) local = NULL;
  GList *items = secret_password_search_sync (&token_schema, SECRET_SEARCH_ALL, NULL, &local,
                                              "server", normal, NULL);
  gboolean kept = items != NULL;

  g_list_free_full (items, g_object_unref);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (kept)
    {
      g_set_error (error, SHEQU_SYNC_ERROR, SHEQU_SYNC_ERROR_SETTINGS,
                   _("The keyring is locked: unlock it to reach the token kept for %s"),
                   normal);
      return FALSE;
    }
  return TRUE;
}

gboolean
shequ_sync_token_save (const char  *server,
                       const char  *token,
                       GError     **error)
{
  g_autofree char *normal = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_arguments (server, token, error))
    return FALSE;
  if (!use_keyring ())
    return file_save (server, token, error);

  normal = normalize_server (server);
  /* TRANSLATORS: the keyring's name for the token; %s is the server's address */
  label = g_strdup_printf (_("Shequ sync token for %s"), normal);
  return secret_password_store_sync (&token_schema, SECRET_COLLECTION_DEFAULT, label, token,
                                     NULL, error, "server", normal, NULL);
}

char *
shequ_sync_token_lookup (const char  *server,
                         GError     **error)
{
  g_autofree char *normal = NULL;
  g_autoptr(GError) local = NULL;
  char *token;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_arguments (server, NULL, error))
    return NULL;
  if (!use_keyring ())
    return file_lookup (server, error);

  normal = normalize_server (server);
  token = secret_password_lookup_sync (&token_schema, NULL, &local, "server", normal, NULL);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (token == NULL && !check_not_locked (normal, error))
    return NULL;
  /* One saved before a keyring was there is still found. */
  return token != NULL ? token : file_lookup (server, error);
}

gboolean
shequ_sync_token_clear (const char  *server,
                        GError     **error)
{
  g_autofree char *normal = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_arguments (server, NULL, error))
    return FALSE;
  if (use_keyring ())
    {
      normal = normalize_server (server);
      secret_password_clear_sync (&token_schema, NULL, &local, "server", normal, NULL);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (!check_not_locked (normal, error))
        return FALSE;
    }
  /* The file's copy goes too, whichever kept it. */
  return file_save (server, NULL, error);
}
