/* test-disclosure-store.c — disclosures: the workflow and its refusals, history, overdue, files */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "disclosure-store-fixture.h"

/* The store lists N_ROWS disclosures. */
static void
assert_n_rows (Fixture *f,
               guint    n_rows)
{
  g_autoptr(GPtrArray) rows = shequ_disclosure_store_list (f->store, NULL);

  g_assert_cmpuint (rows->len, ==, n_rows);
}

static guint
list_count (Fixture                     *f,
            const ShequDisclosureFilter *filter)
{
  g_autoptr(GPtrArray) list = shequ_disclosure_store_list (f->store, filter);

  return list->len;
}

/* A new draft: its row, the document, its audit entry and its outbox entry. */
static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ShequDisclosure) d = NULL;
  gint64 id = create_finance (f, f->community1, "2026年第三季度", "东关社区2026年第三季度财务公开");
  const ShequDisclosureRow *row = lookup (f, id);
  ShequDisclosureVersion *v;

  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpint (f->last_changed, ==, id);
  g_assert_cmpstr (row->title, ==, "东关社区2026年第三季度财务公开");
  g_assert_cmpint (row->state, ==, SHEQU_DISCLOSURE_STATE_DRAFT);
  g_assert_cmpint (row->kind, ==, SHEQU_DISCLOSURE_KIND_FINANCE);
  g_assert_cmpstr (row->period, ==, "2026-Q3");
  g_assert_cmpint (row->unit_id, ==, shequ_unit_get_id (f->community1));
  g_assert_cmpstr (row->unit_code, ==, shequ_unit_get_code (f->community1));
  g_assert_cmpuint (row->n_versions, ==, 1);
  g_assert_cmpuint (row->published, ==, 0);
  g_assert_cmpint (row->sync, ==, SHEQU_SYNC_STATUS_LOCAL);
  g_assert_cmpint (row->server_revision, ==, 0);
  g_assert_cmpuint (strlen (row->uuid), ==, 36);
  g_assert_true (shequ_disclosure_store_lookup_uuid (f->store, row->uuid) == row);

  d = get (f, id);
  g_assert_cmpstr (d->uuid, ==, row->uuid);
  g_assert_cmpuint (d->versions->len, ==, 1);
  v = shequ_disclosure_get_current (d);
  g_assert_cmpuint (v->version, ==, 1);
  g_assert_cmpstr (v->created_by, ==, "tester");
  g_assert_nonnull (v->created_at);
  g_assert_null (v->submitted_by);
  g_assert_cmpint (v->opening, ==, 50000);
  g_assert_cmpint (v->closing, ==, 120000);
  g_assert_cmpuint (v->items->len, ==, 2);
  g_assert_cmpint (((ShequFinanceItem *) v->items->pdata[1])->amount, ==, 30000);
  g_assert_cmpstr (((ShequFinanceItem *) v->items->pdata[0])->category, ==, "土地承包费");

  g_assert_cmpuint (count_audit (f, "create"), ==, 1);
  g_assert_cmpuint (count_outbox (f), ==, 1);
  assert_audit_intact (f);
}

/* What each kind does not hold is not kept: no lines on news, no guide on finance. */
static void
test_create_kinds (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShequDisclosureVersion) news = make_balanced ("街道召开安全生产会议");
  g_autoptr(ShequDisclosureVersion) guide = make_text_content ("高龄津贴申领指南", "");
  g_autoptr(ShequDisclosure) d = NULL;
  gint64 news_id, guide_id;

  news->guide = g_new0 (ShequPolicyGuide, 1);
  news->guide->topic = g_strdup ("不该留下");
  news_id = create_disclosure (f, f->street, SHEQU_DISCLOSURE_KIND_NEWS, "2026-10", news);
  d = get (f, news_id);
  g_assert_cmpuint (shequ_disclosure_get_current (d)->items->len, ==, 0);
  g_assert_cmpint (shequ_disclosure_get_current (d)->opening, ==, 0);
  g_assert_null (shequ_disclosure_get_current (d)->guide);
  g_clear_pointer (&d, shequ_disclosure_free);

  guide->guide = g_new0 (ShequPolicyGuide, 1);
  guide->guide->topic = g_strdup ("80周岁以上老年人高龄津贴");
  guide->guide->eligibility = g_strdup ("- 年满80周岁\n- 本地户籍");
  guide->guide->materials = g_strdup ("身份证、户口本");
  guide->guide->steps = g_strdup ("1. 社区受理\n2. 街道审核");
  guide->guide->contacts = g_strdup ("0539-4211234");
  guide_id = create_disclosure (f, f->street, SHEQU_DISCLOSURE_KIND_POLICY, "2026", guide);
  d = get (f, guide_id);
  g_assert_nonnull (shequ_disclosure_get_current (d)->guide);
  g_assert_cmpstr (shequ_disclosure_get_current (d)->guide->materials, ==, "身份证、户口本");
  g_assert_cmpstr (shequ_disclosure_get_current (d)->guide->steps, ==, "1. 社区受理\n2. 街道审核");
}

/* Filters: unit (and subtree), kind, state, period (within), words of the title. */
static void
test_list_filter (Fixture       *f,
                  gconstpointer  data)
{
  ShequDisclosureFilter filter = SHEQU_DISCLOSURE_FILTER_INIT;
  g_autoptr(ShequDisclosureVersion) news = make_text_content ("西关社区 十月 工作动态", "动态");
  g_autoptr(GPtrArray) all = NULL;
  gint64 a = create_finance (f, f->community1, "2026-07", "东关社区七月财务公开");
  gint64 b = create_finance (f, f->community2, "2026-Q3", "西关社区三季度财务公开");
  gint64 c = create_finance (f, f->village2, "2026-Q4", "王家庄村四季度财务公开");
  gint64 d = create_disclosure (f, f->community2, SHEQU_DISCLOSURE_KIND_NEWS, "2026-10", news);

  publish_through (f, b);
  all = shequ_disclosure_store_list (f->store, NULL);
  g_assert_cmpuint (all->len, ==, 4);
  /* Newest change first: b was changed last. */
  g_assert_cmpint (((ShequDisclosureRow *) all->pdata[0])->id, ==, b);

  filter.unit_id = shequ_unit_get_id (f->area1);
  g_assert_cmpuint (list_count (f, &filter), ==, 0);
  filter.subtree = TRUE;
  g_assert_cmpuint (list_count (f, &filter), ==, 3);
  filter.unit_id = shequ_unit_get_id (f->community2);
  filter.subtree = FALSE;
  g_assert_cmpuint (list_count (f, &filter), ==, 2);
  filter.kind = SHEQU_DISCLOSURE_KIND_FINANCE;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);

  filter = (ShequDisclosureFilter) SHEQU_DISCLOSURE_FILTER_INIT;
  filter.state = SHEQU_DISCLOSURE_STATE_PUBLISHED;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  filter.state = -1;
  filter.period = "2026-Q3";
  g_assert_cmpuint (list_count (f, &filter), ==, 2);  /* 2026-07 and 2026-Q3 */
  filter.period = "2026年第三季度";
  g_assert_cmpuint (list_count (f, &filter), ==, 2);
  filter.period = "下个月";
  g_assert_cmpuint (list_count (f, &filter), ==, 0);
  filter.period = "2026";
  g_assert_cmpuint (list_count (f, &filter), ==, 4);
  filter.period = NULL;
  filter.search = "  西关   动态 ";
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  filter.search = "财务公开";
  g_assert_cmpuint (list_count (f, &filter), ==, 3);
  (void) a; (void) c; (void) d;
}

/* draft → submitted → approved → published, who and when kept on the version. */
static void
test_workflow (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) d = NULL;
  g_autoptr(GPtrArray) log = NULL;
  gint64 id = create_finance (f, f->village1, "2026-Q3", "李家庄村三季度财务公开");
  ShequDisclosureVersion *v;
  g_autofree char *target = NULL;

  g_assert_true (shequ_disclosure_store_submit (f->store, id, "报账员", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lookup (f, id)->state, ==, SHEQU_DISCLOSURE_STATE_SUBMITTED);
  g_assert_true (shequ_disclosure_store_approve (f->store, id, "审核人", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lookup (f, id)->state, ==, SHEQU_DISCLOSURE_STATE_APPROVED);
  g_assert_true (shequ_disclosure_store_publish (f->store, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lookup (f, id)->state, ==, SHEQU_DISCLOSURE_STATE_PUBLISHED);
  g_assert_cmpuint (lookup (f, id)->published, ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 4);

  d = get (f, id);
  v = shequ_disclosure_get_current (d);
  g_assert_cmpint (v->state, ==, SHEQU_DISCLOSURE_STATE_PUBLISHED);
  g_assert_cmpstr (v->submitted_by, ==, "报账员");
  g_assert_cmpstr (v->approved_by, ==, "审核人");
  g_assert_cmpstr (v->published_by, ==, "tester");
  g_assert_nonnull (v->submitted_at);
  g_assert_nonnull (v->approved_at);
  g_assert_nonnull (v->published_at);
  g_assert_true (g_str_has_suffix (v->approved_at, "Z"));
  g_assert_cmpstr (shequ_disclosure_get_published (d)->title, ==, "李家庄村三季度财务公开");

  /* The log names each step, in order, with who did it. */
  target = g_strconcat ("disclosure:", d->uuid, NULL);
  log = shequ_audit_list (f->db, target, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 4);
  g_assert_cmpstr (((ShequAuditRecord *) log->pdata[0])->action, ==, "publish");
  g_assert_cmpstr (((ShequAuditRecord *) log->pdata[1])->action, ==, "approve");
  g_assert_cmpstr (((ShequAuditRecord *) log->pdata[1])->actor, ==, "审核人");
  g_assert_cmpstr (((ShequAuditRecord *) log->pdata[1])->old_value, ==, "submitted");
  g_assert_cmpstr (((ShequAuditRecord *) log->pdata[1])->new_value, ==, "approved");
  g_assert_cmpstr (((ShequAuditRecord *) log->pdata[2])->action, ==, "submit");
  g_assert_cmpstr (((ShequAuditRecord *) log->pdata[3])->action, ==, "create");
  assert_audit_intact (f);
}

/* Each refusal changes nothing: no state, no log entry, no outbox entry. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosureVersion) unbalanced =
    make_finance_content ("东关社区九月财务公开", 0, 100000,
                          SHEQU_FINANCE_INCOME, "土地承包费", (ShequFen) 100000,
                          SHEQU_FINANCE_EXPENSE, "办公经费", (ShequFen) 1234,
                          SHEQU_FINANCE_INCOME, NULL);
  g_autoptr(ShequDisclosureVersion) edit = make_balanced ("改过的标题");
  gint64 id = create_disclosure (f, f->community1, SHEQU_DISCLOSURE_KIND_FINANCE, "2026-09",
                                 unbalanced);
  gint64 published = create_finance (f, f->community2, "2026-09", "西关社区九月财务公开");
  guint n_log, n_outbox, n_changed;

  publish_through (f, published);
  n_log = (guint) query_int (f->db, "SELECT count (*) FROM audit_log");
  n_outbox = count_outbox (f);
  n_changed = f->n_changed;

  /* Unbalanced totals: refused, saying by how much. */
  g_assert_false (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  assert_refused_text (error, "12.34");
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_UNBALANCED, "东关社区九月财务公开");
  g_assert_cmpint (lookup (f, id)->state, ==, SHEQU_DISCLOSURE_STATE_DRAFT);

  /* A draft is not approved, a draft not published. */
  g_assert_false (shequ_disclosure_store_approve (f->store, id, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_STATE, "东关社区九月财务公开");
  g_assert_false (shequ_disclosure_store_publish (f->store, id, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_STATE, NULL);

  /* Submitted (balanced now) is not yet published: it is approved first. */
  g_assert_true (shequ_disclosure_store_save_draft (f->store, id, edit, NULL, &error));
  g_assert_true (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (shequ_disclosure_store_publish (f->store, id, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_STATE, "改过的标题");
  g_assert_cmpint (lookup (f, id)->state, ==, SHEQU_DISCLOSURE_STATE_SUBMITTED);
  n_log += 2;      /* save and submit */
  n_changed += 2;

  /* A published version is never edited, never approved again; withdrawn only with a
   * reason. */
  g_assert_false (shequ_disclosure_store_save_draft (f->store, published, edit, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_IMMUTABLE, "西关社区九月财务公开");
  g_assert_false (shequ_disclosure_store_approve (f->store, published, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_STATE, NULL);
  g_assert_false (shequ_disclosure_store_withdraw (f->store, published, "  \n", NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_REASON, "西关社区九月财务公开");
  g_assert_false (shequ_disclosure_store_withdraw (f->store, published, NULL, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_REASON, NULL);
  g_assert_false (shequ_disclosure_store_return (f->store, published, "不对", NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_STATE, NULL);

  g_assert_cmpint (lookup (f, published)->state, ==, SHEQU_DISCLOSURE_STATE_PUBLISHED);
  g_assert_cmpuint ((guint) query_int (f->db, "SELECT count (*) FROM audit_log"), ==, n_log);
  g_assert_cmpuint (count_outbox (f), ==, n_outbox);
  g_assert_cmpuint (f->n_changed, ==, n_changed);
  g_assert_false (shequ_disclosure_store_submit (f->store, 999, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND, "999");
  assert_audit_intact (f);
}

/* Bad content even a draft may not hold. */
static void
test_create_refusals (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosureVersion) v = make_balanced ("标题");
  g_autoptr(GString) long_title = g_string_new (NULL);
  gint64 id = 0;

  g_assert_false (shequ_disclosure_store_create (f->store, shequ_unit_get_id (f->village1),
                                                 SHEQU_DISCLOSURE_KIND_FINANCE, "第三季度", v,
                                                 NULL, &id, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_INVALID, "第三季度");
  g_assert_false (shequ_disclosure_store_create (f->store, 4242, SHEQU_DISCLOSURE_KIND_FINANCE,
                                                 "2026", v, NULL, &id, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND, "4242");

  ((ShequFinanceItem *) v->items->pdata[1])->amount = 0;
  g_assert_false (shequ_disclosure_store_create (f->store, shequ_unit_get_id (f->village1),
                                                 SHEQU_DISCLOSURE_KIND_FINANCE, "2026", v,
                                                 NULL, &id, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_INVALID, "Line 2");
  ((ShequFinanceItem *) v->items->pdata[1])->amount = -500;
  g_assert_false (shequ_disclosure_store_create (f->store, shequ_unit_get_id (f->village1),
                                                 SHEQU_DISCLOSURE_KIND_FINANCE, "2026", v,
                                                 NULL, &id, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_INVALID, "标题");
  ((ShequFinanceItem *) v->items->pdata[1])->amount = 500;

  for (guint i = 0; i < SHEQU_DISCLOSURE_TITLE_MAX + 1; i++)
    g_string_append (long_title, "字");
  g_free (v->title);
  v->title = g_strdup (long_title->str);
  g_assert_false (shequ_disclosure_store_create (f->store, shequ_unit_get_id (f->village1),
                                                 SHEQU_DISCLOSURE_KIND_FINANCE, "2026", v,
                                                 NULL, &id, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_INVALID, NULL);

  /* An incomplete draft is fine. */
  g_free (v->title);
  v->title = g_strdup ("");
  g_assert_true (shequ_disclosure_store_create (f->store, shequ_unit_get_id (f->village1),
                                                SHEQU_DISCLOSURE_KIND_FINANCE, "2026", v,
                                                NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_false (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_INVALID, NULL);
  assert_n_rows (f, 1);
}

/* Returned with a reason, edited, submitted again (the reason then goes). */
static void
test_return (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) d = NULL;
  g_autoptr(ShequDisclosureVersion) fixed = make_balanced ("东关社区财务公开（修改）");
  gint64 id = create_draft (f);

  g_assert_true (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  g_assert_false (shequ_disclosure_store_return (f->store, id, "", NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_REASON, "东关社区财务公开");
  g_assert_false (shequ_disclosure_store_save_draft (f->store, id, fixed, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_STATE, NULL);
  g_assert_true (shequ_disclosure_store_return (f->store, id, "缺少附件", "审核人", &error));
  g_assert_no_error (error);
  d = get (f, id);
  g_assert_cmpint (shequ_disclosure_get_current (d)->state, ==, SHEQU_DISCLOSURE_STATE_DRAFT);
  g_assert_cmpstr (shequ_disclosure_get_current (d)->reason, ==, "缺少附件");
  g_assert_null (shequ_disclosure_get_current (d)->submitted_by);
  g_clear_pointer (&d, shequ_disclosure_free);

  g_assert_true (shequ_disclosure_store_save_draft (f->store, id, fixed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lookup (f, id)->title, ==, "东关社区财务公开（修改）");
  g_assert_true (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  d = get (f, id);
  g_assert_null (shequ_disclosure_get_current (d)->reason);
  g_assert_cmpstr (shequ_disclosure_get_current (d)->created_by, ==, "tester");
  g_assert_cmpuint (count_audit (f, "return"), ==, 1);
  g_assert_cmpuint (count_audit (f, "save"), ==, 1);
}

/* A correction is a new version; publishing it makes the old one corrected. Then the
 * disclosure is withdrawn with a reason; the history keeps every version. */
static void
test_correct_withdraw (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) d = NULL;
  g_autoptr(ShequDisclosureVersion) fixed = make_balanced ("东关社区财务公开（更正）");
  gint64 id = create_draft (f);
  ShequDisclosureVersion *v1, *v2;
  guint version = 0;

  publish_through (f, id);
  g_assert_true (shequ_disclosure_store_correct (f->store, id, "更正人", &version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
  g_assert_cmpuint (lookup (f, id)->n_versions, ==, 2);
  g_assert_cmpint (lookup (f, id)->state, ==, SHEQU_DISCLOSURE_STATE_DRAFT);
  g_assert_cmpuint (lookup (f, id)->published, ==, 1);  /* v1 is still what residents see */
  g_assert_false (shequ_disclosure_store_correct (f->store, id, NULL, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_STATE, NULL);

  d = get (f, id);
  v2 = g_ptr_array_index (d->versions, 1);
  g_assert_cmpstr (v2->title, ==, "东关社区财务公开");
  g_assert_cmpstr (v2->created_by, ==, "更正人");
  g_assert_null (v2->approved_by);
  g_assert_true (_shequ_disclosure_lines_equal (v2, g_ptr_array_index (d->versions, 0)));
  g_clear_pointer (&d, shequ_disclosure_free);

  g_assert_true (shequ_disclosure_store_save_draft (f->store, id, fixed, NULL, &error));
  publish_through (f, id);
  d = get (f, id);
  v1 = g_ptr_array_index (d->versions, 0);
  v2 = g_ptr_array_index (d->versions, 1);
  g_assert_cmpint (v1->state, ==, SHEQU_DISCLOSURE_STATE_CORRECTED);
  g_assert_cmpstr (v1->ended_by, ==, "发布人");
  g_assert_nonnull (v1->ended_at);
  g_assert_cmpstr (v1->approved_by, ==, "审核人");  /* the history keeps who approved v1 */
  g_assert_cmpstr (v1->title, ==, "东关社区财务公开");
  g_assert_cmpint (v2->state, ==, SHEQU_DISCLOSURE_STATE_PUBLISHED);
  g_assert_cmpuint (lookup (f, id)->published, ==, 2);
  g_clear_pointer (&d, shequ_disclosure_free);

  g_assert_true (shequ_disclosure_store_withdraw (f->store, id, "数据有误，重新核对", NULL,
                                                  &error));
  g_assert_no_error (error);
  d = get (f, id);
  v2 = g_ptr_array_index (d->versions, 1);
  g_assert_cmpint (v2->state, ==, SHEQU_DISCLOSURE_STATE_WITHDRAWN);
  g_assert_cmpstr (v2->reason, ==, "数据有误，重新核对");
  g_assert_cmpstr (v2->ended_by, ==, "tester");
  g_assert_cmpuint (lookup (f, id)->published, ==, 0);
  g_assert_false (shequ_disclosure_store_correct (f->store, id, NULL, NULL, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_STATE, NULL);
  g_assert_cmpuint (count_audit (f, "withdraw"), ==, 1);
  g_assert_cmpuint (count_audit (f, "correct"), ==, 1);
  assert_audit_intact (f);
}

/* Any program's SQL meets the triggers: a published version's content, lines and
 * attachments, and the disclosure's identity, never change. */
static void
test_immutable_sql (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = create_draft (f);
  gint64 draft = create_finance (f, f->community2, "2026-Q3", "西关社区财务公开");
  g_autofree char *title = NULL;
  static const char *const refused[] = {
    "UPDATE disclosure_version SET title = '改' WHERE disclosure_id = @",
    "UPDATE disclosure_version SET body = '' WHERE disclosure_id = @",
    "UPDATE disclosure_version SET closing_fen = 1 WHERE disclosure_id = @",
    "UPDATE disclosure_version SET approved_by = 'x' WHERE disclosure_id = @",
    "UPDATE disclosure_version SET state = 'draft' WHERE disclosure_id = @",
    "UPDATE disclosure_version SET reason = 'x' WHERE disclosure_id = @",
    "UPDATE disclosure_version SET version = 7 WHERE disclosure_id = @",
    "DELETE FROM disclosure_version WHERE disclosure_id = @",
    "UPDATE disclosure_item SET amount_fen = 1 WHERE version_rowid IN (SELECT id FROM "
    "  disclosure_version WHERE disclosure_id = @)",
    "DELETE FROM disclosure_item WHERE version_rowid IN (SELECT id FROM "
    "  disclosure_version WHERE disclosure_id = @)",
    "INSERT INTO disclosure_item SELECT id, 9, 'income', '多出的', 100, '' FROM "
    "  disclosure_version WHERE disclosure_id = @",
    "INSERT INTO disclosure_attachment SELECT id, 0, 'a.pdf', 'application/pdf', 1, "
    "  printf ('%064d', 0) FROM disclosure_version WHERE disclosure_id = @",
    "UPDATE disclosure SET period = '2026-Q4' WHERE id = @",
    "UPDATE disclosure SET unit_code = '1' WHERE id = @",
    "DELETE FROM disclosure WHERE id = @",
  };

  publish_through (f, id);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_auto(GStrv) parts = g_strsplit (refused[i], "@", -1);
      g_autofree char *sql = g_strjoinv (id_text, parts);
      int rc = exec_raw (f->db, sql);

      if (rc != SQLITE_CONSTRAINT_TRIGGER)
        g_error ("not refused (%d): %s", rc, sql);
    }
  title = query_text (f->db, "SELECT title FROM disclosure_version");
  g_assert_cmpstr (title, ==, "东关社区财务公开");
  g_assert_cmpint (query_int (f->db, "SELECT sum (amount_fen) FROM disclosure_item i JOIN "
                              "disclosure_version v ON v.id = i.version_rowid WHERE "
                              "v.state = 'published'"), ==, 130000);

  /* A draft is anyone's to change; a published one may still be withdrawn. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE disclosure_version SET title = '改' "
                                            "WHERE disclosure_id = %" G_GINT64_FORMAT, draft);
    g_assert_cmpint (exec_raw (f->db, sql), ==, SQLITE_OK);
    g_clear_pointer (&sql, g_free);
    sql = g_strdup_printf ("UPDATE disclosure_version SET state = 'withdrawn', reason = '撤', "
                           "ended_by = 'x', ended_at = 'now' WHERE disclosure_id = %"
                           G_GINT64_FORMAT, id);
    g_assert_cmpint (exec_raw (f->db, sql), ==, SQLITE_OK);
    g_clear_pointer (&sql, g_free);
    sql = g_strdup_printf ("UPDATE disclosure_version SET state = 'published' "
                           "WHERE disclosure_id = %" G_GINT64_FORMAT, id);
    g_assert_cmpint (exec_raw (f->db, sql), ==, SQLITE_CONSTRAINT_TRIGGER);
  }
}

/* A SQLite failure inside a write (the audit log refuses its row): nothing on disk, in
 * memory or in the outbox changes, and no "changed". */
static void
test_failed_write_changes_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosureVersion) edit = make_balanced ("改了");
  gint64 id = create_draft (f);
  g_autofree char *before = query_text (f->db, "SELECT group_concat (key) FROM outbox");
  guint n_changed = f->n_changed;
  guint n_rows = 1;
  guint pending = 0;
  gint64 new_id = 0;

  g_assert_true (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  g_assert_true (shequ_disclosure_store_return (f->store, id, "再看看", NULL, &error));
  g_clear_pointer (&before, g_free);
  before = query_text (f->db, "SELECT group_concat (key || attempts || state) FROM outbox");
  n_changed = f->n_changed;
  g_assert_cmpint (exec_raw (f->db, "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                             "BEGIN SELECT RAISE (ABORT, 'disk says no'); END"), ==, SQLITE_OK);

  g_assert_false (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  g_assert_error (error, SHEQU_DB_ERROR, SHEQU_DB_ERROR_QUERY);
  assert_refused_text (error, "东关社区财务公开");
  assert_refused_text (error, "disk says no");
  g_clear_error (&error);
  g_assert_false (shequ_disclosure_store_save_draft (f->store, id, edit, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (shequ_disclosure_store_create (f->store, shequ_unit_get_id (f->village1),
                                                 SHEQU_DISCLOSURE_KIND_FINANCE, "2026", edit,
                                                 NULL, &new_id, &error));
  assert_refused_text (error, "改了");
  g_clear_error (&error);

  g_assert_cmpint (lookup (f, id)->state, ==, SHEQU_DISCLOSURE_STATE_DRAFT);
  g_assert_cmpstr (lookup (f, id)->title, ==, "东关社区财务公开");
  assert_n_rows (f, n_rows);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM disclosure"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM disclosure_version WHERE "
                              "state = 'draft' AND title = '东关社区财务公开'"), ==, 1);
  {
    g_autofree char *after = query_text (f->db, "SELECT group_concat (key || attempts || state) "
                                         "FROM outbox");
    g_assert_cmpstr (after, ==, before);
  }
  shequ_disclosure_store_get_sync_counts (f->store, &pending, NULL, NULL);
  g_assert_cmpuint (pending, ==, 1);
  g_assert_cmpuint (f->n_changed, ==, n_changed);

  g_assert_cmpint (exec_raw (f->db, "DROP TRIGGER refuse_audit"), ==, SQLITE_OK);
  g_assert_true (shequ_disclosure_store_submit (f->store, id, NULL, &error));
  g_assert_no_error (error);
  assert_audit_intact (f);
}

/* Communities and villages without a published finance disclosure for the period or a
 * period within it, in tree order. */
static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  gint64 month = create_finance (f, f->community1, "2026-07", "东关社区七月财务公开");
  gint64 quarter = create_finance (f, f->village2, "2026-Q3", "王家庄村三季度财务公开");

  create_finance (f, f->community2, "2026-Q3", "西关社区三季度财务公开");  /* a draft */
  publish_through (f, month);
  publish_through (f, quarter);

  overdue = shequ_disclosure_store_overdue (f->store, 0, "2026年第三季度", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue->len, ==, 2);
  g_assert_true (overdue->pdata[0] == f->community2);
  g_assert_true (overdue->pdata[1] == f->village1);
  g_clear_pointer (&overdue, g_ptr_array_unref);

  overdue = shequ_disclosure_store_overdue (f->store, shequ_unit_get_id (f->area2), "2026-Q3",
                                            &error);
  g_assert_cmpuint (overdue->len, ==, 0);
  g_clear_pointer (&overdue, g_ptr_array_unref);

  /* A year asks for any period within it; a month is not answered by its quarter. */
  overdue = shequ_disclosure_store_overdue (f->store, 0, "2026", &error);
  g_assert_cmpuint (overdue->len, ==, 2);
  g_clear_pointer (&overdue, g_ptr_array_unref);
  overdue = shequ_disclosure_store_overdue (f->store, 0, "2026-08", &error);
  g_assert_cmpuint (overdue->len, ==, 4);
  g_clear_pointer (&overdue, g_ptr_array_unref);

  /* Withdrawn is not published. */
  g_assert_true (shequ_disclosure_store_withdraw (f->store, quarter, "重报", NULL, &error));
  overdue = shequ_disclosure_store_overdue (f->store, 0, "2026-Q3", &error);
  g_assert_cmpuint (overdue->len, ==, 3);
  g_assert_true (overdue->pdata[2] == f->village2);
  g_clear_pointer (&overdue, g_ptr_array_unref);

  g_assert_null (shequ_disclosure_store_overdue (f->store, 0, "Q3", &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_INVALID, "Q3");
  g_assert_null (shequ_disclosure_store_overdue (f->store, 777, "2026", &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND, NULL);
}

static GBytes *
make_pdf (gsize size)
{
  guint8 *data = g_malloc0 (size);

  memcpy (data, "%PDF-1.4\n", 9);
  for (gsize i = 9; i < size; i++)
    data[i] = (guint8) (i * 7);
  return g_bytes_new_take (data, size);
}

/* PDF, PNG and JPEG told by their bytes; too big and other types refused naming the
 * file; kept once; read back checked against the hash. */
static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F' };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = make_pdf (4096);
  g_autoptr(GBytes) big = make_pdf (SHEQU_ATTACHMENT_SIZE_MAX + 1);
  g_autoptr(GBytes) text = g_bytes_new_static ("<html>hello</html>", 18);
  g_autoptr(GBytes) png_bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) jpeg_bytes = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(GBytes) back = NULL;
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  ShequAttachmentRef *ref = NULL;
  ShequAttachmentRef *again = NULL;

  g_assert_true (shequ_disclosure_store_add_attachment (f->store, "/home/staff/文件/收支明细.pdf",
                                                        pdf, &ref, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ref->name, ==, "收支明细.pdf");
  g_assert_cmpstr (ref->mime, ==, "application/pdf");
  g_assert_cmpint (ref->size, ==, 4096);
  g_assert_cmpstr (ref->sha256, ==, sha);
  g_assert_true (shequ_disclosure_store_add_attachment (f->store, "copy.pdf", pdf, &again,
                                                        &error));
  g_assert_cmpstr (again->sha256, ==, sha);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM attachment_blob"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM audit_log WHERE action = 'attach'"),
                   ==, 1);
  shequ_attachment_ref_free (again);

  back = shequ_disclosure_store_get_attachment (f->store, sha, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, pdf));
  g_clear_pointer (&back, g_bytes_unref);

  g_assert_true (shequ_disclosure_store_add_attachment (f->store, "照片.png", png_bytes, &again,
                                                        &error));
  g_assert_cmpstr (again->mime, ==, "image/png");
  shequ_attachment_ref_free (again);
  g_assert_true (shequ_disclosure_store_add_attachment (f->store, "照片.jpg", jpeg_bytes, &again,
                                                        &error));
  g_assert_cmpstr (again->mime, ==, "image/jpeg");
  shequ_attachment_ref_free (again);

  g_assert_false (shequ_disclosure_store_add_attachment (f->store, "扫描件.pdf", big, &again,
                                                         &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT, "扫描件.pdf");
  g_assert_false (shequ_disclosure_store_add_attachment (f->store, "page.pdf", text, &again,
                                                         &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT, "page.pdf");
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM attachment_blob"), ==, 3);

  /* Damaged bytes (same length) are found by their hash; an unknown hash is not found. */
  g_assert_cmpint (exec_raw (f->db, "UPDATE attachment_blob SET data = zeroblob (4096) "
                             "WHERE size = 4096"), ==, SQLITE_OK);
  g_assert_null (shequ_disclosure_store_get_attachment (f->store, sha, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT, sha);
  g_assert_null (shequ_disclosure_store_get_attachment (f->store, "00", &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_NOT_FOUND, NULL);
  shequ_attachment_ref_free (ref);
}

/* A version names its attachments; one not kept in the database is refused. */
static void
test_version_attachments (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = make_pdf (2000);
  g_autoptr(ShequDisclosureVersion) v = make_balanced ("附件测试");
  g_autoptr(ShequDisclosure) d = NULL;
  ShequAttachmentRef *ref = NULL;
  ShequAttachmentRef *missing;
  gint64 id = 0;

  g_assert_true (shequ_disclosure_store_add_attachment (f->store, "明细.pdf", pdf, &ref, &error));
  g_ptr_array_add (v->attachments, shequ_attachment_ref_copy (ref));
  id = create_disclosure (f, f->village1, SHEQU_DISCLOSURE_KIND_FINANCE, "2026-Q3", v);
  publish_through (f, id);
  d = get (f, id);
  g_assert_cmpuint (shequ_disclosure_get_current (d)->attachments->len, ==, 1);
  g_assert_cmpstr (((ShequAttachmentRef *) shequ_disclosure_get_current (d)->attachments->pdata[0])->sha256,
                   ==, ref->sha256);

  missing = shequ_attachment_ref_copy (ref);
  g_free (missing->sha256);
  missing->sha256 = g_strnfill (64, 'a');
  g_ptr_array_add (v->attachments, missing);
  g_assert_false (shequ_disclosure_store_create (f->store, shequ_unit_get_id (f->village1),
                                                 SHEQU_DISCLOSURE_KIND_FINANCE, "2026-Q4", v,
                                                 NULL, &id, &error));
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_ATTACHMENT, "明细.pdf");
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM disclosure"), ==, 1);
  shequ_attachment_ref_free (ref);
}

/* Another connection (another program, the sync thread) writes: refresh reads it. */
static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDatabase) db2 = NULL;
  g_autoptr(ShequOrgStore) org2 = NULL;
  g_autoptr(ShequDisclosureStore) store2 = NULL;
  gint64 mine = create_draft (f);
  gint64 theirs;
  guint n_changed;

  org2 = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &db2);
  store2 = shequ_disclosure_store_new (org2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shequ_disclosure_store_lookup (store2, mine));

  n_changed = f->n_changed;
  g_assert_true (shequ_disclosure_store_refresh (f->store, &error));
  g_assert_cmpuint (f->n_changed, ==, n_changed);  /* nothing new */

  {
    g_autoptr(ShequDisclosureVersion) v = make_balanced ("王家庄村财务公开");

    g_assert_true (shequ_disclosure_store_create (store2, shequ_unit_get_id (f->village2),
                                                  SHEQU_DISCLOSURE_KIND_FINANCE, "2026-Q3", v,
                                                  "另一台电脑", &theirs, &error));
    g_assert_no_error (error);
  }
  g_assert_true (shequ_disclosure_store_submit (store2, mine, NULL, &error));
  g_assert_null (shequ_disclosure_store_lookup (f->store, theirs));

  g_assert_true (shequ_disclosure_store_refresh (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, n_changed + 1);
  g_assert_cmpint (f->last_changed, ==, 0);
  g_assert_nonnull (shequ_disclosure_store_lookup (f->store, theirs));
  g_assert_cmpint (lookup (f, mine)->state, ==, SHEQU_DISCLOSURE_STATE_SUBMITTED);
  g_assert_true (shequ_disclosure_store_refresh (f->store, &error));
  g_assert_cmpuint (f->n_changed, ==, n_changed + 1);

  /* A write of this store after another's commit reads every row back. */
  g_assert_true (shequ_disclosure_store_return (store2, mine, "重新填写", NULL, &error));
  g_assert_true (shequ_disclosure_store_approve (f->store, mine, NULL, &error) == FALSE);
  assert_refused (&error, SHEQU_DISCLOSURE_ERROR_STATE, NULL);
  g_assert_true (shequ_disclosure_store_submit (f->store, mine, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lookup (f, mine)->state, ==, SHEQU_DISCLOSURE_STATE_SUBMITTED);
}

/* A version-5 file (before disclosures) opens as version 6 with its rows. */
static void
test_migrates_version_5 (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_units = shequ_org_store_get_n_units (f->org);
  g_autofree char *village_code = NULL;
  GPtrArray *rows;
  int version = 0;
  gint64 id;

  g_clear_object (&f->store);
  shequ_test_downgrade_schema (f->db, "before disclosures", SHEQU_TEST_DROP_DISCLOSURE_TABLES, 5);
  village_code = g_strdup (shequ_unit_get_code (f->village1));
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  g_assert_true (shequ_database_peek_schema_version (f->dir.db, &version, &error));
  g_assert_cmpint (version, ==, 5);

  f->org = shequ_test_open_store (f->dir.db, SHEQU_DATABASE_FLAGS_NO_BACKUP, &f->db);
  g_assert_cmpint (shequ_database_get_schema_version (f->db), ==, 6);
  g_assert_cmpuint (shequ_org_store_get_n_units (f->org), ==, n_units);
  open_disclosure_store (f);
  rows = shequ_disclosure_store_list (f->store, NULL);
  g_assert_cmpuint (rows->len, ==, 0);
  g_ptr_array_unref (rows);
  f->village1 = shequ_test_lookup_code (f->org, village_code);
  id = create_finance (f, f->village1, "2026-Q3", "迁移后的公开");
  publish_through (f, id);
  g_assert_cmpint (query_int (f->db, "SELECT count (*) FROM audit_log WHERE action = 'note'"),
                   ==, 1);
  assert_audit_intact (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/disclosure-store/create", test_create);
  ADD ("/disclosure-store/create-kinds", test_create_kinds);
  ADD ("/disclosure-store/create-refusals", test_create_refusals);
  ADD ("/disclosure-store/list-filter", test_list_filter);
  ADD ("/disclosure-store/workflow", test_workflow);
  ADD ("/disclosure-store/refusals", test_refusals);
  ADD ("/disclosure-store/return", test_return);
  ADD ("/disclosure-store/correct-withdraw", test_correct_withdraw);
  ADD ("/disclosure-store/immutable-sql", test_immutable_sql);
  ADD ("/disclosure-store/failed-write", test_failed_write_changes_nothing);
  ADD ("/disclosure-store/overdue", test_overdue);
  ADD ("/disclosure-store/attachments", test_attachments);
  ADD ("/disclosure-store/version-attachments", test_version_attachments);
  ADD ("/disclosure-store/refresh", test_refresh);
  ADD ("/disclosure-store/migrates-version-5", test_migrates_version_5);

  return g_test_run ();
}
