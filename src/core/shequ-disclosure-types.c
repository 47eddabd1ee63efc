/* SKELETON: stubs generated from shequ-disclosure-types.h; the owner replaces this file */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "shequ-disclosure-types.h"

const char *
shequ_disclosure_kind_to_key (ShequDisclosureKind kind)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_disclosure_kind_from_string (const char *str, ShequDisclosureKind *kind)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

const char *
shequ_disclosure_kind_get_label (ShequDisclosureKind kind)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const char *
shequ_disclosure_state_to_key (ShequDisclosureState state)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_disclosure_state_from_string (const char *str, ShequDisclosureState *state)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

const char *
shequ_disclosure_state_get_label (ShequDisclosureState state)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

const char *
shequ_finance_direction_to_key (ShequFinanceDirection dir)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_finance_direction_from_string (const char *str, ShequFinanceDirection *dir)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

const char *
shequ_finance_direction_get_label (ShequFinanceDirection dir)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_disclosure_period_parse (const char *text, char **key)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

char *
shequ_disclosure_period_get_label (const char *key)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_disclosure_period_within (const char *a, const char *b)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

ShequFinanceItem *
shequ_finance_item_new (ShequFinanceDirection direction, const char *category, ShequFen amount, const char *note)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequFinanceItem *
shequ_finance_item_copy (const ShequFinanceItem *item)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_finance_item_free (ShequFinanceItem *item)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

ShequAttachmentRef *
shequ_attachment_ref_copy (const ShequAttachmentRef *ref)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_attachment_ref_free (ShequAttachmentRef *ref)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

ShequPolicyGuide *
shequ_policy_guide_copy (const ShequPolicyGuide *guide)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_policy_guide_free (ShequPolicyGuide *guide)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

ShequDisclosureVersion *
shequ_disclosure_version_new (void)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequDisclosureVersion *
shequ_disclosure_version_copy (const ShequDisclosureVersion *v)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_disclosure_version_free (ShequDisclosureVersion *v)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

ShequDisclosure *
shequ_disclosure_new (void)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequDisclosure *
shequ_disclosure_copy (const ShequDisclosure *d)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

void
shequ_disclosure_free (ShequDisclosure *d)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
}

ShequDisclosureVersion *
shequ_disclosure_get_current (const ShequDisclosure *d)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

ShequDisclosureVersion *
shequ_disclosure_get_published (const ShequDisclosure *d)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}

gboolean
shequ_disclosure_equal (const ShequDisclosure *a, const ShequDisclosure *b)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_finance_totals (const ShequDisclosureVersion *v, ShequFen *income, ShequFen *expense)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_finance_check_balance (const ShequDisclosureVersion *v, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_version_validate (const ShequDisclosureVersion *v, ShequDisclosureKind kind, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

gboolean
shequ_disclosure_validate (const ShequDisclosure *d, GError **error)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return FALSE;
}

char *
shequ_disclosure_make_uuid (void)
{
  g_critical ("SKELETON: %s is not written yet", G_STRFUNC);
  return NULL;
}
G_DEFINE_QUARK (shequ-disclosure-error-quark, shequ_disclosure_error)
