/* SKELETON: stubs generated from shequ-disclosure-db-private.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-disclosure-db-private.h"

gboolean
_shequ_disclosure_db_load (ShequDatabase *db, const char *uuid, ShequDisclosure **doc, gint64 *server_revision, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
_shequ_disclosure_db_store (ShequDatabase *db, const ShequDisclosure *doc, gint64 server_revision, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
_shequ_disclosure_db_set_revision (ShequDatabase *db, const char *uuid, gint64 server_revision, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

void
_shequ_outbox_entry_free (ShequOutboxEntry *entry)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

gboolean
_shequ_outbox_enqueue (ShequDatabase *db, const char *uuid, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

GPtrArray *
_shequ_outbox_list_pending (ShequDatabase *db, gint64 now, guint limit, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
_shequ_outbox_mark_attempt (ShequDatabase *db, gint64 entry_id, gint64 next_attempt_at, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
_shequ_outbox_done (ShequDatabase *db, gint64 entry_id, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
_shequ_outbox_refuse (ShequDatabase *db, gint64 entry_id, const char *message, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
_shequ_sync_conflict_record (ShequDatabase *db, const char *uuid, gint64 their_revision, const char *their_document, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
_shequ_outbox_has_unsent (ShequDatabase *db, const char *uuid, gboolean *unsent, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
_shequ_sync_state_get (ShequDatabase *db, const char *key, char **value, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
_shequ_sync_state_set (ShequDatabase *db, const char *key, const char *value, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
_shequ_sync_state_reset_server (ShequDatabase *db, const char *server, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}
