/* test-disclosure-types.c — names, periods, copies, totals and what validation refuses */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "shequ-disclosure-types.h"
#include "shequ-test-disclosure.h"
#include "shequ-test-units.h"

static void
test_names (void)
{
  ShequDisclosureKind kind;
  ShequDisclosureState state;
  ShequFinanceDirection dir;

  for (guint i = 0; i < SHEQU_DISCLOSURE_N_KINDS; i++)
    {
      g_assert_true (shequ_disclosure_kind_from_string (shequ_disclosure_kind_to_key (i), &kind));
      g_assert_cmpuint (kind, ==, i);
      g_assert_true (shequ_disclosure_kind_from_string (shequ_disclosure_kind_get_label (i),
                                                        &kind));
      g_assert_cmpuint (kind, ==, i);
    }
  for (guint i = 0; i < SHEQU_DISCLOSURE_N_STATES; i++)
    {
      g_assert_true (shequ_disclosure_state_from_string (shequ_disclosure_state_to_key (i),
                                                         &state));
      g_assert_cmpuint (state, ==, i);
    }
  g_assert_cmpstr (shequ_disclosure_kind_to_key (SHEQU_DISCLOSURE_KIND_FINANCE), ==, "finance");
  g_assert_cmpstr (shequ_disclosure_state_to_key (SHEQU_DISCLOSURE_STATE_WITHDRAWN), ==,
                   "withdrawn");
  g_assert_cmpstr (shequ_finance_direction_to_key (SHEQU_FINANCE_EXPENSE), ==, "expense");

  g_assert_true (shequ_disclosure_kind_from_string ("财务公开", &kind));
  g_assert_cmpuint (kind, ==, SHEQU_DISCLOSURE_KIND_FINANCE);
  g_assert_true (shequ_disclosure_kind_from_string ("居务公开", &kind));
  g_assert_cmpuint (kind, ==, SHEQU_DISCLOSURE_KIND_VILLAGE);
  g_assert_true (shequ_disclosure_kind_from_string (" Policy ", &kind));
  g_assert_cmpuint (kind, ==, SHEQU_DISCLOSURE_KIND_POLICY);
  g_assert_true (shequ_disclosure_state_from_string ("待审核", &state));
  g_assert_cmpuint (state, ==, SHEQU_DISCLOSURE_STATE_SUBMITTED);
  g_assert_true (shequ_finance_direction_from_string ("支出", &dir));
  g_assert_cmpuint (dir, ==, SHEQU_FINANCE_EXPENSE);

  kind = 42;
  g_assert_false (shequ_disclosure_kind_from_string ("sports", &kind));
  g_assert_false (shequ_disclosure_kind_from_string ("", &kind));
  g_assert_false (shequ_disclosure_kind_from_string (NULL, &kind));
  g_assert_false (shequ_disclosure_kind_from_string ("\xff", &kind));
  g_assert_cmpuint (kind, ==, 42);
  g_assert_false (shequ_disclosure_state_from_string ("deleted", &state));
}

static void
check_period (const char *text,
              const char *key)
{
  g_autofree char *parsed = NULL;

  g_test_message ("period “%s”", text);
  if (key == NULL)
    {
      g_assert_false (shequ_disclosure_period_parse (text, &parsed));
      g_assert_null (parsed);
      return;
    }
  g_assert_true (shequ_disclosure_period_parse (text, &parsed));
  g_assert_cmpstr (parsed, ==, key);
}

static void
test_period_parse (void)
{
  check_period ("2026", "2026");
  check_period ("2026-Q3", "2026-Q3");
  check_period ("2026-q1", "2026-Q1");
  check_period ("2026Q4", "2026-Q4");
  check_period ("2026-10", "2026-10");
  check_period ("2026-1", "2026-01");
  check_period (" 2026-03 ", "2026-03");
  check_period ("２０２６－１０", "2026-10");
  check_period ("2026年", "2026");
  check_period ("2026年度", "2026");
  check_period ("2026年第三季度", "2026-Q3");
  check_period ("2026年三季度", "2026-Q3");
  check_period ("2026年第1季度", "2026-Q1");
  check_period ("2026年四季度", "2026-Q4");
  check_period ("2026年10月", "2026-10");
  check_period ("2026年1月", "2026-01");
  check_period ("2026年十二月", "2026-12");
  check_period ("2026年十月", "2026-10");

  check_period ("", NULL);
  check_period ("26", NULL);
  check_period ("20261", NULL);
  check_period ("2026-Q5", NULL);
  check_period ("2026-Q0", NULL);
  check_period ("2026-13", NULL);
  check_period ("2026-00", NULL);
  check_period ("2026-100", NULL);
  check_period ("2026年第五季度", NULL);
  check_period ("2026年13月", NULL);
  check_period ("2026年第三季", NULL);
  check_period ("2026年10", NULL);
  check_period ("1899", NULL);
  check_period ("12026", NULL);
  check_period ("2026-", NULL);
  check_period ("2026-Q", NULL);
  check_period ("abcd", NULL);
  check_period ("2026\xff", NULL);
}

static void
test_period_label_within (void)
{
  g_autofree char *year = shequ_disclosure_period_get_label ("2026");
  g_autofree char *quarter = shequ_disclosure_period_get_label ("2026-Q3");
  g_autofree char *month = shequ_disclosure_period_get_label ("2026-10");

  /* The C locale: the English labels. */
  g_assert_cmpstr (year, ==, "2026 (year)");
  g_assert_cmpstr (quarter, ==, "2026 Q3");
  g_assert_cmpstr (month, ==, "2026-10");

  /* The public pages' Chinese, whatever the locale. */
  {
    g_autofree char *zh_quarter = shequ_disclosure_period_get_chinese ("2026-Q3");
    g_autofree char *zh_month = shequ_disclosure_period_get_chinese ("2026-01");
    g_autofree char *zh_year = shequ_disclosure_period_get_chinese ("2026");
    g_autofree char *junk = shequ_disclosure_period_get_chinese ("x\xff");

    g_assert_cmpstr (zh_quarter, ==, "2026年第三季度");
    g_assert_cmpstr (zh_month, ==, "2026年1月");
    g_assert_cmpstr (zh_year, ==, "2026年");
    g_assert_cmpstr (junk, ==, "x\xef\xbf\xbd");
    g_assert_cmpstr (shequ_disclosure_kind_get_chinese (SHEQU_DISCLOSURE_KIND_GOVERNMENT), ==,
                     "政务公开");
    g_assert_cmpstr (shequ_disclosure_state_get_chinese (SHEQU_DISCLOSURE_STATE_CORRECTED), ==,
                     "已更正");
    g_assert_cmpstr (shequ_finance_direction_get_chinese (SHEQU_FINANCE_INCOME), ==, "收入");
  }

  g_assert_true (shequ_disclosure_period_within ("2026-10", "2026-Q4"));
  g_assert_true (shequ_disclosure_period_within ("2026-10", "2026"));
  g_assert_true (shequ_disclosure_period_within ("2026-Q2", "2026"));
  g_assert_true (shequ_disclosure_period_within ("2026-Q2", "2026-Q2"));
  g_assert_true (shequ_disclosure_period_within ("2026", "2026"));
  g_assert_true (shequ_disclosure_period_within ("2026-07", "2026-Q3"));
  g_assert_false (shequ_disclosure_period_within ("2026-10", "2026-Q3"));
  g_assert_false (shequ_disclosure_period_within ("2026", "2026-Q1"));
  g_assert_false (shequ_disclosure_period_within ("2026-Q1", "2026-01"));
  g_assert_false (shequ_disclosure_period_within ("2025-10", "2026"));
  g_assert_false (shequ_disclosure_period_within ("junk", "2026"));
}

static void
test_copy_equal (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) copy = shequ_disclosure_copy (d);
  ShequDisclosureVersion *v;
  ShequFinanceItem *item;

  g_assert_true (shequ_disclosure_equal (d, copy));
  g_assert_true (shequ_disclosure_get_current (d) == g_ptr_array_index (d->versions, 2));
  g_assert_true (shequ_disclosure_get_published (d) == g_ptr_array_index (d->versions, 1));

  /* Each member counts. */
  item = g_ptr_array_index (((ShequDisclosureVersion *) g_ptr_array_index (copy->versions, 1))
                            ->items, 2);
  item->amount++;
  g_assert_false (shequ_disclosure_equal (d, copy));
  item->amount--;
  g_assert_true (shequ_disclosure_equal (d, copy));
  v = g_ptr_array_index (copy->versions, 0);
  g_clear_pointer (&v->ended_at, g_free);
  g_assert_false (shequ_disclosure_equal (d, copy));
  v->ended_at = g_strdup ("2026-10-06T08:00:00Z");
  g_assert_true (shequ_disclosure_equal (d, copy));
  g_free (((ShequAttachmentRef *) g_ptr_array_index (v->attachments, 0))->sha256);
  ((ShequAttachmentRef *) g_ptr_array_index (v->attachments, 0))->sha256 = g_strdup ("x");
  g_assert_false (shequ_disclosure_equal (d, copy));
  g_ptr_array_remove_index (copy->versions, 2);
  g_assert_false (shequ_disclosure_equal (d, copy));

  /* A policy's guide copies too. */
  {
    g_autoptr(ShequDisclosure) p = shequ_test_disclosure_policy ();
    g_autoptr(ShequDisclosure) q = shequ_disclosure_copy (p);
    ShequDisclosureVersion *qv = g_ptr_array_index (q->versions, 0);

    g_assert_true (shequ_disclosure_equal (p, q));
    g_free (qv->guide->steps);
    qv->guide->steps = g_strdup ("另外");
    g_assert_false (shequ_disclosure_equal (p, q));
  }
}

static void
test_totals_balance (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  ShequDisclosureVersion *v = g_ptr_array_index (d->versions, 1);
  g_autoptr(GError) error = NULL;
  ShequFen income = 0, expense = 0;

  g_assert_true (shequ_finance_totals (v, &income, &expense));
  g_assert_cmpint (income, ==, 623456);
  g_assert_cmpint (expense, ==, 80000);
  g_assert_true (shequ_finance_check_balance (v, &error));
  g_assert_no_error (error);

  v->closing += 1050;
  g_assert_false (shequ_finance_check_balance (v, &error));
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_UNBALANCED);
  g_assert_nonnull (strstr (error->message, "10.50"));  /* by how much */
  g_assert_nonnull (strstr (error->message, "more"));
  g_assert_nonnull (strstr (error->message, "Version 2"));
  g_clear_error (&error);
  v->closing -= 2100;
  g_assert_false (shequ_finance_check_balance (v, &error));
  g_assert_nonnull (strstr (error->message, "10.50"));
  g_assert_nonnull (strstr (error->message, "less"));
  g_clear_error (&error);

  /* Overflow is an error, not a wrapped sum. */
  for (guint i = 0; i < 100000; i++)
    g_ptr_array_add (v->items, shequ_finance_item_new (SHEQU_FINANCE_INCOME, "x",
                                                       SHEQU_FEN_MAX, ""));
  g_assert_false (shequ_finance_totals (v, &income, &expense));
  g_assert_false (shequ_finance_check_balance (v, &error));
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_UNBALANCED);
}

/* D fails validation with CODE and a message containing NEEDLE. */
static void
assert_invalid (ShequDisclosure *d,
                gint             code,
                const char      *needle)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (shequ_disclosure_validate (d, &error));
  g_test_message ("refused: %s", error->message);
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, code);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
}

static ShequDisclosureVersion *
version_of (ShequDisclosure *d,
            guint            i)
{
  return g_ptr_array_index (d->versions, i);
}

static void
test_validate_valid (void)
{
  g_autoptr(ShequDisclosure) f = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) p = shequ_test_disclosure_policy ();
  g_autoptr(ShequDisclosure) n = shequ_test_disclosure_draft ("通知");
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_disclosure_validate (f, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_validate (p, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_validate (n, &error));
  g_assert_no_error (error);
  /* A draft may be incomplete: no title, a line without an amount yet. */
  g_free (version_of (n, 0)->title);
  version_of (n, 0)->title = g_strdup ("");
  g_assert_true (shequ_disclosure_validate (n, &error));
  /* But not a submitted one. */
  g_assert_false (shequ_disclosure_version_validate (version_of (n, 0),
                                                     SHEQU_DISCLOSURE_KIND_NEWS, &error));
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Version 1"));
}

static void
test_validate_identity (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();

  g_free (d->uuid);
  d->uuid = g_strdup ("6F1C2A4E-8B3D-4C5E-9F7A-0123456789AB");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "uuid");
  g_free (d->uuid);
  d->uuid = g_strdup ("6f1c2a4e8b3d4c5e9f7a0123456789ab");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "uuid");
  g_free (d->uuid);
  d->uuid = g_strdup ("6f1c2a4e-8b3d-4c5e-9f7a-0123456789ab");

  g_free (d->unit_code);
  d->unit_code = g_strdup ("3713-26");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "unit code");
  g_free (d->unit_code);
  d->unit_code = g_strdup ("371326");

  g_free (d->period);
  d->period = g_strdup ("2026年第三季度");  /* readable, but not the key */
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "period");
  g_free (d->period);
  d->period = g_strdup ("2026-Q3");

  d->kind = SHEQU_DISCLOSURE_N_KINDS;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "kind");
  d->kind = SHEQU_DISCLOSURE_KIND_FINANCE;

  g_free (d->created_at);
  d->created_at = g_strdup ("yesterday");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "time");
  g_free (d->created_at);
  d->created_at = NULL;
  g_assert_true (shequ_disclosure_validate (d, NULL));

  g_ptr_array_set_size (d->versions, 0);
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "no version");
}

static void
test_validate_states (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();

  version_of (d, 1)->version = 5;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "Version 5");
  version_of (d, 1)->version = 2;

  /* Only the newest moves. */
  version_of (d, 0)->state = SHEQU_DISCLOSURE_STATE_WITHDRAWN;
  version_of (d, 0)->reason = g_strdup ("有误");
  version_of (d, 1)->state = SHEQU_DISCLOSURE_STATE_APPROVED;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_STATE, "Version 2");
  version_of (d, 0)->state = SHEQU_DISCLOSURE_STATE_CORRECTED;
  version_of (d, 1)->state = SHEQU_DISCLOSURE_STATE_PUBLISHED;

  /* Two published. */
  version_of (d, 0)->state = SHEQU_DISCLOSURE_STATE_PUBLISHED;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_STATE, "Version 1");
  version_of (d, 0)->state = SHEQU_DISCLOSURE_STATE_CORRECTED;

  /* Corrected by nothing published. */
  g_ptr_array_remove_index (d->versions, 2);
  version_of (d, 1)->state = SHEQU_DISCLOSURE_STATE_DRAFT;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_STATE, "Version 1");
  /* Corrected, then the correction withdrawn: possible. */
  version_of (d, 1)->state = SHEQU_DISCLOSURE_STATE_WITHDRAWN;
  version_of (d, 1)->reason = g_strdup ("数字有误");
  g_assert_true (shequ_disclosure_validate (d, NULL));
  /* Withdrawn says why. */
  g_clear_pointer (&version_of (d, 1)->reason, g_free);
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_REASON, "Version 2");
}

static void
test_validate_lines (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  ShequDisclosureVersion *v = version_of (d, 1);
  ShequFinanceItem *item = g_ptr_array_index (v->items, 2);

  item->amount = -80000;
  v->closing += 160000;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "Version 2, line 3");
  item->amount = 0;
  v->closing -= 80000;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "line 3");
  item->amount = 80000;
  v->closing -= 80000;
  g_assert_true (shequ_disclosure_validate (d, NULL));

  g_free (item->category);
  item->category = g_strdup ("  ");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "line 3");
  g_free (item->category);
  item->category = g_strdup ("办公经费");

  v->closing++;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_UNBALANCED, "0.01");
  v->closing--;

  item->direction = SHEQU_FINANCE_N_DIRECTIONS;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "line 3");
  item->direction = SHEQU_FINANCE_EXPENSE;

  /* Lines in anything but a finance disclosure. */
  d->kind = SHEQU_DISCLOSURE_KIND_NEWS;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "finance");
  d->kind = SHEQU_DISCLOSURE_KIND_FINANCE;

  for (guint i = 0; i <= SHEQU_DISCLOSURE_ITEMS_MAX; i++)
    g_ptr_array_add (version_of (d, 2)->items,
                     shequ_finance_item_new (SHEQU_FINANCE_INCOME, "x", 1, ""));
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "Version 3");
}

static void
test_validate_attachments (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  ShequAttachmentRef *ref = g_ptr_array_index (version_of (d, 1)->attachments, 0);
  char *good = ref->sha256;

  ref->sha256 = g_ascii_strup (good, -1);
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_ATTACHMENT, "attachment 1");
  g_free (ref->sha256);
  ref->sha256 = g_strndup (good, 63);
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_ATTACHMENT, "SHA-256");
  g_free (ref->sha256);
  ref->sha256 = good;

  g_free (ref->mime);
  ref->mime = g_strdup ("text/html");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_ATTACHMENT, "PDF");
  g_free (ref->mime);
  ref->mime = g_strdup ("image/png");

  ref->size = SHEQU_ATTACHMENT_SIZE_MAX + 1;
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_ATTACHMENT, "Version 2, attachment 1");
  ref->size = 10;

  g_free (ref->name);
  ref->name = g_strdup ("../etc/passwd");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_ATTACHMENT, "attachment 1");
  g_free (ref->name);
  ref->name = g_strdup ("a.png");
  g_assert_true (shequ_disclosure_validate (d, NULL));
}

static void
test_validate_texts (void)
{
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_draft ("通知");
  ShequDisclosureVersion *v = version_of (d, 0);
  GString *title = g_string_new (NULL);

  for (guint i = 0; i < SHEQU_DISCLOSURE_TITLE_MAX; i++)
    g_string_append (title, "公");
  g_free (v->title);
  v->title = g_strdup (title->str);
  g_assert_true (shequ_disclosure_validate (d, NULL));   /* 200 characters, 600 bytes */
  g_string_append (title, "开");
  g_free (v->title);
  v->title = g_string_free (title, FALSE);
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "title");   /* even a draft's */

  g_free (v->title);
  v->title = g_strdup ("a\nb");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "title");
  g_free (v->title);
  v->title = g_strdup ("bad \xff");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "title");
  g_free (v->title);
  v->title = g_strdup ("通知");

  g_free (v->body);
  v->body = g_malloc0 (SHEQU_DISCLOSURE_TEXT_MAX + 2);
  memset (v->body, 'a', SHEQU_DISCLOSURE_TEXT_MAX + 1);
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "Version 1");
  v->body[SHEQU_DISCLOSURE_TEXT_MAX] = '\0';
  g_assert_true (shequ_disclosure_validate (d, NULL));

  g_free (v->created_by);
  v->created_by = g_strdup ("张\x01三");
  assert_invalid (d, SHEQU_DISCLOSURE_ERROR_INVALID, "name");
  g_free (v->created_by);
  v->created_by = NULL;

  /* A policy without its topic cannot be submitted. */
  {
    g_autoptr(ShequDisclosure) p = shequ_test_disclosure_policy ();

    g_clear_pointer (&version_of (p, 0)->guide->topic, g_free);
    assert_invalid (p, SHEQU_DISCLOSURE_ERROR_INVALID, "topic");
    shequ_policy_guide_free (version_of (p, 0)->guide);
    version_of (p, 0)->guide = NULL;
    assert_invalid (p, SHEQU_DISCLOSURE_ERROR_INVALID, "topic");
  }
}

/* Runs last: it switches the process to Chinese. */
static void
test_chinese (void)
{
  g_autofree char *quarter = NULL;
  g_autofree char *month = NULL;
  g_autofree char *year = NULL;
  g_autoptr(ShequDisclosure) d = shequ_test_disclosure_finance ();
  g_autoptr(GError) error = NULL;
  ShequDisclosureKind kind;

  if (!shequ_test_use_chinese ())
    return;
  quarter = shequ_disclosure_period_get_label ("2026-Q3");
  month = shequ_disclosure_period_get_label ("2026-01");
  year = shequ_disclosure_period_get_label ("2026");
  g_assert_cmpstr (quarter, ==, "2026年第三季度");
  g_assert_cmpstr (month, ==, "2026年1月");
  g_assert_cmpstr (year, ==, "2026年");
  g_assert_cmpstr (shequ_disclosure_kind_get_label (SHEQU_DISCLOSURE_KIND_FINANCE), ==,
                   "财务公开");
  g_assert_cmpstr (shequ_disclosure_state_get_label (SHEQU_DISCLOSURE_STATE_SUBMITTED), ==,
                   "待审核");
  g_assert_true (shequ_disclosure_kind_from_string ("政策咨询", &kind));
  g_assert_cmpuint (kind, ==, SHEQU_DISCLOSURE_KIND_POLICY);

  ((ShequDisclosureVersion *) g_ptr_array_index (d->versions, 1))->closing += 1050;
  g_assert_false (shequ_disclosure_validate (d, &error));
  g_assert_cmpstr (error->message, ==, "第 2 版收支不平：期末余额 6,445.06 元比期初余额加收入"
                                       "减支出（6,434.56 元）多 10.50 元");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disclosure-types/names", test_names);
  g_test_add_func ("/disclosure-types/period/parse", test_period_parse);
  g_test_add_func ("/disclosure-types/period/label-within", test_period_label_within);
  g_test_add_func ("/disclosure-types/copy-equal", test_copy_equal);
  g_test_add_func ("/disclosure-types/totals-balance", test_totals_balance);
  g_test_add_func ("/disclosure-types/validate/valid", test_validate_valid);
  g_test_add_func ("/disclosure-types/validate/identity", test_validate_identity);
  g_test_add_func ("/disclosure-types/validate/states", test_validate_states);
  g_test_add_func ("/disclosure-types/validate/lines", test_validate_lines);
  g_test_add_func ("/disclosure-types/validate/attachments", test_validate_attachments);
  g_test_add_func ("/disclosure-types/validate/texts", test_validate_texts);
  g_test_add_func ("/disclosure-types/zh/labels", test_chinese);

  return g_test_run ();
}
