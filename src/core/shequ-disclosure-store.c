/* SKELETON: stubs generated from shequ-disclosure-store.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-disclosure-store.h"

struct _ShequDisclosureStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (ShequDisclosureStore, shequ_disclosure_store, G_TYPE_OBJECT)

static void
shequ_disclosure_store_class_init (ShequDisclosureStoreClass *klass)
{
}

static void
shequ_disclosure_store_init (ShequDisclosureStore *self)
{
}

const char *
shequ_sync_status_to_key (ShequSyncStatus status)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const char *
shequ_sync_status_get_label (ShequSyncStatus status)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequDisclosureStore *
shequ_disclosure_store_new (ShequOrgStore *org, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequOrgStore *
shequ_disclosure_store_get_org_store (ShequDisclosureStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequDatabase *
shequ_disclosure_store_get_database (ShequDisclosureStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const char *
shequ_disclosure_store_get_actor (ShequDisclosureStore *self)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_disclosure_store_set_actor (ShequDisclosureStore *self, const char *actor)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

GPtrArray *
shequ_disclosure_store_list (ShequDisclosureStore *self, const ShequDisclosureFilter *filter)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const ShequDisclosureRow *
shequ_disclosure_store_lookup (ShequDisclosureStore *self, gint64 id)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const ShequDisclosureRow *
shequ_disclosure_store_lookup_uuid (ShequDisclosureStore *self, const char *uuid)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequDisclosure *
shequ_disclosure_store_get (ShequDisclosureStore *self, gint64 id, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_disclosure_store_create (ShequDisclosureStore *self, gint64 unit_id, ShequDisclosureKind kind, const char *period, const ShequDisclosureVersion *content, const char *actor, gint64 *id, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_store_save_draft (ShequDisclosureStore *self, gint64 id, const ShequDisclosureVersion *content, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_store_submit (ShequDisclosureStore *self, gint64 id, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_store_return (ShequDisclosureStore *self, gint64 id, const char *reason, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_store_approve (ShequDisclosureStore *self, gint64 id, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_store_publish (ShequDisclosureStore *self, gint64 id, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_store_correct (ShequDisclosureStore *self, gint64 id, const char *actor, guint *version, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_store_withdraw (ShequDisclosureStore *self, gint64 id, const char *reason, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_store_add_attachment (ShequDisclosureStore *self, const char *name, GBytes *bytes, ShequAttachmentRef **ref, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

GBytes *
shequ_disclosure_store_get_attachment (ShequDisclosureStore *self, const char *sha256, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

GPtrArray *
shequ_disclosure_store_overdue (ShequDisclosureStore *self, gint64 unit_id, const char *period, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_disclosure_store_get_conflict (ShequDisclosureStore *self, gint64 id, ShequDisclosure **mine, ShequDisclosure **theirs, gint64 *their_revision, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_store_resolve_conflict (ShequDisclosureStore *self, gint64 id, ShequConflictChoice choice, const char *actor, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

void
shequ_disclosure_store_get_sync_counts (ShequDisclosureStore *self, guint *pending, guint *conflicts, guint *refused)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

gboolean
shequ_disclosure_store_refresh (ShequDisclosureStore *self, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}
