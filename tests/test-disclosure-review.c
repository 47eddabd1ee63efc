/* test-disclosure-review.c — what a new revision of a disclosure may change of the old one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-disclosure-review"

#include "config.h"

#include "shequ-disclosure-validate.h"
#include "shequ-test-disclosure.h"

/* The finance fixture: version 1 corrected, 2 published, 3 a draft. */
static ShequDisclosureVersion *
version_of (ShequDisclosure *d,
            guint            number)
{
  return g_ptr_array_index (d->versions, number - 1);
}

static void
assert_allowed (const ShequDisclosure *before,
                const ShequDisclosure *after)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shequ_disclosure_check_successor (before, after, &error));
  g_assert_no_error (error);
}

static void
assert_refused (const ShequDisclosure *before,
                const ShequDisclosure *after)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (shequ_disclosure_check_successor (before, after, &error));
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_IMMUTABLE);
  g_test_message ("%s", error->message);
}

static void
test_successor_allowed (void)
{
  g_autoptr(ShequDisclosure) before = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);
  ShequDisclosureVersion *v;

  assert_allowed (before, after);
  /* The draft is no part of the record: edited, or gone. */
  v = version_of (after, 3);
  g_free (v->title);
  v->title = g_strdup ("第三版（改）");
  assert_allowed (before, after);
  g_ptr_array_set_size (after->versions, 2);
  assert_allowed (before, after);
  /* Withdrawn: the published version ends, with who, when and why. */
  v = version_of (after, 2);
  v->state = SHEQU_DISCLOSURE_STATE_WITHDRAWN;
  v->ended_by = g_strdup ("李主任");
  v->ended_at = g_strdup ("2026-11-01T08:00:00Z");
  v->reason = g_strdup ("数据有误");
  assert_allowed (before, after);
}

static void
test_successor_refused (void)
{
  g_autoptr(ShequDisclosure) before = shequ_test_disclosure_finance ();
  ShequDisclosureVersion *v;

  {
    g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);
    ShequFinanceItem *item = g_ptr_array_index (version_of (after, 2)->items, 0);

    /* The falsified figure the public page would show. */
    item->amount += 100;
    assert_refused (before, after);
  }
  {
    g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);

    v = version_of (after, 2);
    g_free (v->title);
    v->title = g_strdup ("另一个标题");
    assert_refused (before, after);
  }
  {
    g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);

    version_of (after, 1)->state = SHEQU_DISCLOSURE_STATE_PUBLISHED;
    assert_refused (before, after);
  }
  {
    g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);

    version_of (after, 2)->state = SHEQU_DISCLOSURE_STATE_DRAFT;
    assert_refused (before, after);
  }
  {
    g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);

    /* Still published, but said to be ended. */
    version_of (after, 2)->reason = g_strdup ("?");
    assert_refused (before, after);
  }
  {
    g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);

    g_ptr_array_set_size (after->versions, 1);
    assert_refused (before, after);
  }
  {
    g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);

    g_free (after->unit_code);
    after->unit_code = g_strdup ("37132600101002");
    assert_refused (before, after);
  }
  {
    g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);

    after->kind = SHEQU_DISCLOSURE_KIND_NEWS;
    assert_refused (before, after);
  }
}

/* Once withdrawn, the reason is on the record too. */
static void
test_successor_withdrawn (void)
{
  g_autoptr(ShequDisclosure) before = shequ_test_disclosure_finance ();
  g_autoptr(ShequDisclosure) after = NULL;
  ShequDisclosureVersion *v = version_of (before, 2);

  v->state = SHEQU_DISCLOSURE_STATE_WITHDRAWN;
  v->reason = g_strdup ("数据有误");
  after = shequ_disclosure_copy (before);
  assert_allowed (before, after);
  v = version_of (after, 2);
  g_free (v->reason);
  v->reason = g_strdup ("另一个理由");
  assert_refused (before, after);
  v->state = SHEQU_DISCLOSURE_STATE_PUBLISHED;
  assert_refused (before, after);
}

/* Nothing published yet: the office may change anything. */
static void
test_successor_unpublished (void)
{
  g_autoptr(ShequDisclosure) before = shequ_test_disclosure_draft ("通知");
  g_autoptr(ShequDisclosure) after = shequ_disclosure_copy (before);

  g_free (after->unit_code);
  after->unit_code = g_strdup ("37132600101002");
  g_free (version_of (after, 1)->title);
  version_of (after, 1)->title = g_strdup ("另一个通知");
  assert_allowed (before, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/disclosure-review/successor/allowed", test_successor_allowed);
  g_test_add_func ("/disclosure-review/successor/refused", test_successor_refused);
  g_test_add_func ("/disclosure-review/successor/withdrawn", test_successor_withdrawn);
  g_test_add_func ("/disclosure-review/successor/unpublished", test_successor_unpublished);
  return g_test_run ();
}
