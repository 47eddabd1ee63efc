/* shequ-test-disclosure.c — valid disclosures for tests to start from and break */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "shequ-test-disclosure.h"

ShequDisclosureVersion *
shequ_test_disclosure_version_new (guint                 number,
                                   ShequDisclosureState  state,
                                   const char           *title,
                                   const char           *body)
{
  ShequDisclosureVersion *v = shequ_disclosure_version_new ();

  v->version = number;
  v->state = state;
  /* A new version starts with an empty title and body of its own. */
  g_free (v->title);
  v->title = g_strdup (title);
  g_free (v->body);
  v->body = g_strdup (body);
  return v;
}

void
shequ_test_disclosure_set_guide (ShequDisclosureVersion *v,
                                 const char             *topic,
                                 const char             *eligibility,
                                 const char             *materials,
                                 const char             *steps,
                                 const char             *contacts)
{
  g_clear_pointer (&v->guide, shequ_policy_guide_free);
  v->guide = g_new0 (ShequPolicyGuide, 1);
  v->guide->topic = g_strdup (topic);
  v->guide->eligibility = g_strdup (eligibility);
  v->guide->materials = g_strdup (materials);
  v->guide->steps = g_strdup (steps);
  v->guide->contacts = g_strdup (contacts);
}

static ShequDisclosureVersion *
make_version (guint                 number,
              ShequDisclosureState  state,
              const char           *title)
{
  ShequDisclosureVersion *v = shequ_test_disclosure_version_new (
    number, state, title, "## 说明\n本季度收支如下：\n- 办公经费\n- **土地承包费**");

  v->created_by = g_strdup ("张会计");
  v->created_at = g_strdup ("2026-10-01T08:00:00Z");
  if (state != SHEQU_DISCLOSURE_STATE_DRAFT)
    {
      v->submitted_by = g_strdup ("张会计");
      v->submitted_at = g_strdup ("2026-10-02T08:00:00Z");
      v->approved_by = g_strdup ("李书记");
      v->approved_at = g_strdup ("2026-10-03T08:00:00Z");
      v->published_by = g_strdup ("李书记");
      v->published_at = g_strdup ("2026-10-04T08:00:00Z");
    }
  return v;
}

static void
add_finance (ShequDisclosureVersion *v)
{
  ShequAttachmentRef *ref = g_new0 (ShequAttachmentRef, 1);

  v->opening = 100000;
  g_ptr_array_add (v->items, shequ_finance_item_new (SHEQU_FINANCE_INCOME, "土地承包费",
                                                     500000, ""));
  g_ptr_array_add (v->items, shequ_finance_item_new (SHEQU_FINANCE_INCOME, "上级补助",
                                                     123456, "第三季度"));
  g_ptr_array_add (v->items, shequ_finance_item_new (SHEQU_FINANCE_EXPENSE, "办公经费",
                                                     80000, "纸张、墨盒"));
  v->closing = 100000 + 500000 + 123456 - 80000;
  ref->name = g_strdup ("三季度账目.pdf");
  ref->mime = g_strdup ("application/pdf");
  ref->size = 1234;
  ref->sha256 = g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  g_ptr_array_add (v->attachments, ref);
}

ShequDisclosure *
shequ_test_disclosure_finance (void)
{
  ShequDisclosure *d = shequ_disclosure_new ();
  ShequDisclosureVersion *v;

  d->uuid = g_strdup ("6f1c2a4e-8b3d-4c5e-9f7a-0123456789ab");
  d->unit_code = g_strdup ("37132600101001");
  d->kind = SHEQU_DISCLOSURE_KIND_FINANCE;
  d->period = g_strdup ("2026-Q3");
  d->created_at = g_strdup ("2026-10-01T08:00:00Z");

  v = make_version (1, SHEQU_DISCLOSURE_STATE_CORRECTED, "2026年第三季度财务公开");
  add_finance (v);
  v->ended_by = g_strdup ("李书记");
  v->ended_at = g_strdup ("2026-10-06T08:00:00Z");
  g_ptr_array_add (d->versions, v);
  v = make_version (2, SHEQU_DISCLOSURE_STATE_PUBLISHED, "2026年第三季度财务公开（更正）");
  add_finance (v);
  g_ptr_array_add (d->versions, v);
  v = make_version (3, SHEQU_DISCLOSURE_STATE_DRAFT, "");
  g_ptr_array_add (d->versions, v);
  return d;
}

ShequDisclosure *
shequ_test_disclosure_policy (void)
{
  ShequDisclosure *d = shequ_disclosure_new ();
  ShequDisclosureVersion *v = make_version (1, SHEQU_DISCLOSURE_STATE_PUBLISHED,
                                            "城乡居民医疗保险参保登记");

  d->uuid = g_strdup ("0b7e4b8c-2f6a-4d1e-8c3b-5a6f7e8d9c0b");
  d->unit_code = g_strdup ("371326001");
  d->kind = SHEQU_DISCLOSURE_KIND_POLICY;
  d->period = g_strdup ("2026");
  shequ_test_disclosure_set_guide (v, "城乡居民医疗保险参保登记", "本街道户籍居民",
                                   "1、身份证\n2、户口簿", "- 到便民服务中心窗口\n- 填写登记表",
                                   "0539-1234567");
  g_ptr_array_add (d->versions, v);
  return d;
}

ShequDisclosure *
shequ_test_disclosure_draft (const char *title)
{
  ShequDisclosure *d = shequ_disclosure_new ();

  d->uuid = shequ_disclosure_make_uuid ();
  d->unit_code = g_strdup ("37132600101001");
  d->kind = SHEQU_DISCLOSURE_KIND_NEWS;
  d->period = g_strdup ("2026-10");
  g_ptr_array_add (d->versions, make_version (1, SHEQU_DISCLOSURE_STATE_DRAFT, title));
  return d;
}
