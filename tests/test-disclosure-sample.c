/* test-disclosure-sample.c — the sample street's disclosures: what the data files build, and bad lines refused */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shequ-audit.h"
#include "shequ-disclosure-sample-private.h"
#include "shequ-disclosure-sample.h"
#include "shequ-io.h"
#include "shequ-sample.h"
#include "shequ-test-street.h"
#include "shequ-test-util.h"

/* The sample street in a database made once; each test works on a copy. */
static char *template_dir;
static char *template_db;

typedef struct {
  char                 *path;
  ShequDatabase        *db;
  ShequOrgStore        *org;
  ShequDisclosureStore *store;
} Sample;

static void
sample_open (Sample     *s,
             const char *name)
{
  g_autoptr(GError) error = NULL;

  s->org = shequ_test_open_copy (template_db, template_dir, name, &s->path, &s->db);
  /* The plan's tests read the data only. */
  if (!g_str_has_prefix (name, "plan"))
    {
      s->store = shequ_disclosure_store_new (s->org, &error);
      g_assert_no_error (error);
    }
}

static void
sample_clear (Sample *s)
{
  g_clear_object (&s->store);
  g_clear_object (&s->org);
  g_clear_object (&s->db);
  g_clear_pointer (&s->path, g_free);
}

/* The sample populated once (in main()), for the tests that only read it. */
static Sample populated;

static Sample *
get_populated (void)
{
  return &populated;
}

/* How many rows FILTER lists. */
static guint
count (ShequDisclosureStore *store,
       int                   kind,
       int                   state)
{
  ShequDisclosureFilter filter = SHEQU_DISCLOSURE_FILTER_INIT;
  g_autoptr(GPtrArray) rows = NULL;

  filter.kind = kind;
  filter.state = state;
  rows = shequ_disclosure_store_list (store, &filter);
  return rows->len;
}

/* ---- What the data makes, before any write ------------------------------------------ */

static GPtrArray *
read_plan (ShequOrgStore *org)
{
  g_autofree char *dir = shequ_sample_find_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DsData) data = ds_data_read (dir, org, &error);
  GPtrArray *plan;

  g_assert_no_error (error);
  plan = ds_plan (data, org, dir, &error);
  g_assert_no_error (error);
  return plan;
}

/* The counts per kind and step the data files give (data/sample/README.md). */
static void
test_plan_counts (void)
{
  Sample s = { NULL, };
  g_autoptr(GPtrArray) plan = NULL;
  guint kinds[SHEQU_DISCLOSURE_N_KINDS] = { 0, };
  guint steps[DS_N_STEPS] = { 0, };
  const guint want_kinds[] = { 90, 242, 85, 3, 5, 5 };
  const guint want_steps[] = { 0, 7, 2, 5, 3, 408, 3, 2 };

  sample_open (&s, "plan.db");
  plan = read_plan (s.org);
  g_assert_cmpuint (plan->len, ==, 430);
  for (guint i = 0; i < plan->len; i++)
    {
      const DsPlanned *p = g_ptr_array_index (plan, i);

      kinds[p->kind]++;
      steps[p->step]++;
    }
  for (guint k = 0; k < SHEQU_DISCLOSURE_N_KINDS; k++)
    if (kinds[k] != want_kinds[k])
      g_error ("%u disclosures of the kind %s, %u expected", kinds[k],
               shequ_disclosure_kind_to_key (k), want_kinds[k]);
  for (guint k = 0; k < DS_N_STEPS; k++)
    if (steps[k] != want_steps[k])
      g_error ("%u disclosures %s, %u expected", steps[k], ds_step_to_key (k), want_steps[k]);
  sample_clear (&s);
}

/* Every finance disclosure balances, with a plausible balance, and each quarter opens
 * with the balance the last one closed with. */
static void
test_plan_finance (void)
{
  Sample s = { NULL, };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GHashTable) closings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n_finance = 0;

  sample_open (&s, "plan-finance.db");
  plan = read_plan (s.org);
  for (guint i = 0; i < plan->len; i++)
    {
      const DsPlanned *p = g_ptr_array_index (plan, i);
      const ShequDisclosureVersion *v = p->correction != NULL ? p->correction : p->content;
      g_autoptr(GError) error = NULL;
      g_autofree char *prev_key = NULL;
      const ShequFen *prev;

      if (p->kind != SHEQU_DISCLOSURE_KIND_FINANCE)
        continue;
      n_finance++;
      g_assert_true (shequ_finance_check_balance (p->content, &error));
      g_assert_no_error (error);
      g_assert_true (shequ_finance_check_balance (v, &error));
      g_assert_cmpuint (v->items->len, >=, 7);
      g_assert_cmpuint (v->items->len, <=, 10);
      g_assert_cmpint (v->closing, >=, 0);
      /* A correction adds the line the first version left out. */
      if (p->correction != NULL)
        g_assert_cmpuint (p->correction->items->len, ==, p->content->items->len + 1);
      /* The balance runs on from the quarter before (in the same unit). */
      if (!g_str_has_suffix (p->period, "-Q1"))
        {
          prev_key = g_strdup_printf ("%s %.6s%c", p->unit_code, p->period,
                                      p->period[6] - 1);
          if ((prev = g_hash_table_lookup (closings, prev_key)) != NULL)
            g_assert_cmpint (v->opening, ==, *prev);
        }
      g_hash_table_insert (closings, g_strdup_printf ("%s %s", p->unit_code, p->period),
                           g_memdup2 (&v->closing, sizeof v->closing));
    }
  g_assert_cmpuint (n_finance, ==, 242);
  sample_clear (&s);
}

/* ---- What the store holds once populated ------------------------------------------- */

static void
test_counts (void)
{
  Sample *s = get_populated ();
  const struct { int state; guint n; } states[] = {
    { SHEQU_DISCLOSURE_STATE_DRAFT, 9 },       /* 7 drafts, 2 returned to draft */
    { SHEQU_DISCLOSURE_STATE_SUBMITTED, 5 },
    { SHEQU_DISCLOSURE_STATE_APPROVED, 3 },
    { SHEQU_DISCLOSURE_STATE_PUBLISHED, 411 }, /* 3 of them corrected: version 2 */
    { SHEQU_DISCLOSURE_STATE_CORRECTED, 0 },   /* never the newest version */
    { SHEQU_DISCLOSURE_STATE_WITHDRAWN, 2 },
  };

  g_assert_cmpuint (count (s->store, -1, -1), ==, 430);
  g_assert_cmpuint (count (s->store, SHEQU_DISCLOSURE_KIND_FINANCE, -1), ==, 242);
  g_assert_cmpuint (count (s->store, SHEQU_DISCLOSURE_KIND_VILLAGE, -1), ==, 90);
  g_assert_cmpuint (count (s->store, SHEQU_DISCLOSURE_KIND_PARTY, -1), ==, 85);
  g_assert_cmpuint (count (s->store, SHEQU_DISCLOSURE_KIND_GOVERNMENT, -1), ==, 3);
  g_assert_cmpuint (count (s->store, SHEQU_DISCLOSURE_KIND_NEWS, -1), ==, 5);
  g_assert_cmpuint (count (s->store, SHEQU_DISCLOSURE_KIND_POLICY, -1), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    g_assert_cmpuint (count (s->store, -1, states[i].state), ==, states[i].n);
  g_assert_cmpuint (count (s->store, SHEQU_DISCLOSURE_KIND_FINANCE,
                           SHEQU_DISCLOSURE_STATE_PUBLISHED), ==, 232);
  g_assert_cmpuint (count (s->store, SHEQU_DISCLOSURE_KIND_POLICY,
                           SHEQU_DISCLOSURE_STATE_PUBLISHED), ==, 4);
}

/* Every version of every disclosure: the states in their order, who did what, every
 * finance version balanced, a reason where one is due. */
static void
test_versions (void)
{
  Sample *s = get_populated ();
  g_autoptr(GPtrArray) rows = shequ_disclosure_store_list (s->store, NULL);
  guint corrected = 0, withdrawn = 0, returned = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(ShequDisclosure) doc = shequ_disclosure_store_get (s->store, row->id, &error);

      g_assert_no_error (error);
      g_assert_true (shequ_disclosure_validate (doc, &error));
      g_assert_no_error (error);
      for (guint v = 0; v < doc->versions->len; v++)
        {
          const ShequDisclosureVersion *version = g_ptr_array_index (doc->versions, v);

          g_assert_nonnull (version->created_by);
          if (doc->kind == SHEQU_DISCLOSURE_KIND_FINANCE)
            {
              g_assert_true (shequ_finance_check_balance (version, &error));
              g_assert_no_error (error);
            }
          if (version->state >= SHEQU_DISCLOSURE_STATE_PUBLISHED)
            {
              g_assert_nonnull (version->approved_by);
              g_assert_nonnull (version->published_at);
              g_assert_cmpstr (version->approved_by, !=, version->created_by);
            }
          if (version->state == SHEQU_DISCLOSURE_STATE_CORRECTED)
            {
              corrected++;
              g_assert_cmpuint (v + 1, <, doc->versions->len);
              g_assert_cmpint (((ShequDisclosureVersion *) g_ptr_array_index (doc->versions, v + 1))->state,
                               ==, SHEQU_DISCLOSURE_STATE_PUBLISHED);
            }
          if (version->state == SHEQU_DISCLOSURE_STATE_WITHDRAWN)
            {
              withdrawn++;
              g_assert_nonnull (version->reason);
              g_assert_nonnull (version->ended_by);
            }
          if (version->state == SHEQU_DISCLOSURE_STATE_DRAFT && version->reason != NULL)
            returned++;
        }
    }
  g_assert_cmpuint (corrected, ==, 3);
  g_assert_cmpuint (withdrawn, ==, 2);
  g_assert_cmpuint (returned, ==, 2);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The overdue view for 2026-Q3: the 17 communities and villages the data leaves without
 * a published third-quarter finance disclosure (7 without any, 10 not through). */
static void
test_overdue (void)
{
  static const char *const want[] = {
    "371326001011", "371326001024", "371326001035", "371326001036", "371326001040",
    "371326001041", "371326001047", "371326001050", "371326001053", "371326001056",
    "371326001062", "371326001064", "371326001066", "371326001071", "371326001075",
    "371326001078", "371326001083",
  };
  Sample *s = get_populated ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = shequ_disclosure_store_overdue (s->store, 0, "2026-Q3", &error);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) q2 = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < units->len; i++)
    g_ptr_array_add (codes, (gpointer) shequ_unit_get_code (g_ptr_array_index (units, i)));
  g_ptr_array_sort (codes, compare_strings);
  g_assert_cmpuint (codes->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpstr (g_ptr_array_index (codes, i), ==, want[i]);

  /* Every unit published its second quarter. */
  q2 = shequ_disclosure_store_overdue (s->store, 0, "2026-Q2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (q2->len, ==, 0);
}

/* Sets every member that differs between two builds (the uuid, the times) to NULL. */
static void
forget_identity (ShequDisclosure *doc)
{
  g_clear_pointer (&doc->uuid, g_free);
  g_clear_pointer (&doc->created_at, g_free);
  for (guint v = 0; v < doc->versions->len; v++)
    {
      ShequDisclosureVersion *version = g_ptr_array_index (doc->versions, v);

      g_clear_pointer (&version->created_at, g_free);
      g_clear_pointer (&version->submitted_at, g_free);
      g_clear_pointer (&version->approved_at, g_free);
      g_clear_pointer (&version->published_at, g_free);
      g_clear_pointer (&version->ended_at, g_free);
    }
}

/* Unit, kind, period and title: how two builds' documents are matched. */
static gint
compare_docs (gconstpointer a,
              gconstpointer b)
{
  const ShequDisclosure *x = *(ShequDisclosure **) a, *y = *(ShequDisclosure **) b;
  int c;

  if ((c = g_strcmp0 (x->unit_code, y->unit_code)) != 0 || (c = (int) x->kind - (int) y->kind) != 0 ||
      (c = g_strcmp0 (x->period, y->period)) != 0)
    return c;
  return g_strcmp0 (shequ_disclosure_get_current (x)->title,
                    shequ_disclosure_get_current (y)->title);
}

static GPtrArray *
all_documents (ShequDisclosureStore *store)
{
  g_autoptr(GPtrArray) rows = shequ_disclosure_store_list (store, NULL);
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) shequ_disclosure_free);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GError) error = NULL;
      ShequDisclosure *doc = shequ_disclosure_store_get (store,
                                                         ((ShequDisclosureRow *) g_ptr_array_index (rows, i))->id,
                                                         &error);

      g_assert_no_error (error);
      forget_identity (doc);
      g_ptr_array_add (docs, doc);
    }
  g_ptr_array_sort (docs, compare_docs);
  return docs;
}

/* Two builds give the same documents (but for their uuids and times). */
static void
test_deterministic (void)
{
  Sample *s = get_populated ();
  Sample other = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  sample_open (&other, "again.db");
  g_assert_true (shequ_disclosure_sample_populate (other.store, &error));
  g_assert_no_error (error);
  a = all_documents (s->store);
  b = all_documents (other.store);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (shequ_disclosure_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)));
  sample_clear (&other);
}

/* A second populate is refused: the sample goes only into a street without disclosures. */
static void
test_twice (void)
{
  Sample *s = get_populated ();
  g_autoptr(GError) error = NULL;

  g_assert_false (shequ_disclosure_sample_populate (s->store, &error));
  g_assert_error (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID);
  g_assert_cmpuint (count (s->store, -1, -1), ==, 430);
}

/* ---- Bad data --------------------------------------------------------------------- */

typedef struct {
  const char *file;
  const char *from;    /* replaced (its first occurrence) */
  const char *to;
  const char *needle;  /* what the message says */
} BadCase;

static const BadCase bad_cases[] = {
  { "disclosure-reviewers.csv", "finance,P00006,李金华", "finance,P00006,李金花",
    "disclosure-reviewers.csv, line 3: P00006 is called “李金华”" },
  { "disclosure-reviewers.csv", "party,P00005,马丽,P00001,杨兆峰", "party,P00005,马丽,P00015,王永胜",
    "disclosure-reviewers.csv, line 4: 王永胜 (P00015) holds no post at the street" },
  { "disclosure-finance-categories.csv", "1500.00,4000.00", "1500.005,4000.00",
    "disclosure-finance-categories.csv, line 11: “1500.005”" },
  { "disclosure-finance-categories.csv", "3000.00,15000.00", "-3000.00,15000.00",
    "disclosure-finance-categories.csv, line 3:" },
  { "disclosure-finance-categories.csv", "土地承包费,1,", "土地承包费,5,",
    "disclosure-finance-categories.csv, line 2: “5” is not a set of quarters" },
  { "disclosure-finance-units.csv", "371326001002,东阳社区", "371326001002,西阳社区",
    "disclosure-finance-units.csv, line 3: 371326001002 is called “东阳社区”" },
  { "disclosure-finance-units.csv", "withdrawn,公开后发现一事一议项目支出与工程结算金额不符，撤回核实后重新公开",
    "withdrawn,",
    "disclosure-finance-units.csv, line 36:" },
  { "disclosure-finance-units.csv", "58839.87,corrected", "58839.87,finished",
    "disclosure-finance-units.csv, line 2: “finished” is not a state" },
  { "disclosure-items.csv", "371326001032,village,2026,", "371326009999,village,2026,",
    "disclosure-items.csv, line 16: “371326009999” is no unit" },
  { "disclosure-items.csv", "371326001044,village,2026,withdrawn", "371326001044,village,2026,withdrawn,x",
    "disclosure-items.csv, line 42: 7 fields expected, 8 found" },
  { "disclosure-items.csv", "371326001,news,2026-09,published", "371326001,news,2026-13,published",
    "disclosure-items.csv, line 92: “2026-13” is not a period" },
  { "disclosure-guides.csv", "2026,published,临时救助申请指南,临时救助", "2026,published,临时救助申请指南,",
    "disclosure-guides.csv, line 28: a guide needs a topic" },
  { "disclosure-finance-text.csv", "{reason}", "",
    "disclosure-finance-text.csv, line 2: the title must not be empty" },
};

/* A copy of the sample's data files in a new folder, with C's change made. */
static char *
make_bad_dir (const BadCase *c)
{
  g_autofree char *source = shequ_sample_find_dir ();
  g_autofree char *dir = shequ_test_copy_folder (source, "shequ-disclosure-bad-XXXXXX");
  g_autofree char *path = g_build_filename (dir, c->file, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  const char *at;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  at = strstr (contents, c->from);
  g_assert_nonnull (at);
  changed = g_strdup_printf ("%.*s%s%s", (int) (at - contents), contents, c->to,
                             at + strlen (c->from));
  g_assert_true (g_file_set_contents (path, changed, -1, NULL));
  return g_steal_pointer (&dir);
}

/* The sample populated from the data files in DIR: FALSE and *ERROR. */
static gboolean
populate_from (ShequDisclosureStore  *store,
               const char            *dir,
               GError               **error)
{
  g_autofree char *saved = g_strdup (g_getenv ("SHEQU_SAMPLE_DIR"));
  gboolean ok;

  g_setenv ("SHEQU_SAMPLE_DIR", dir, TRUE);
  ok = shequ_disclosure_sample_populate (store, error);
  if (saved != NULL)
    g_setenv ("SHEQU_SAMPLE_DIR", saved, TRUE);
  else
    g_unsetenv ("SHEQU_SAMPLE_DIR");
  return ok;
}

/* Each bad line is refused naming its file and line, and nothing is written: no
 * disclosure, no audit entry. */
static void
test_bad_data (void)
{
  Sample s = { NULL, };
  guint64 entries = 0, entries_after = 0;

  sample_open (&s, "bad.db");
  g_assert_true (shequ_audit_verify (s.db, &entries, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autofree char *dir = make_bad_dir (c);
      g_autoptr(GError) error = NULL;

      if (populate_from (s.store, dir, &error) ||
          !g_error_matches (error, SHEQU_IO_ERROR, SHEQU_IO_ERROR_INVALID) ||
          strstr (error->message, c->needle) == NULL)
        g_error ("%s, “%s”: the message “%s” does not say “%s”", c->file, c->to,
                 error != NULL ? error->message : "(none)", c->needle);
      g_assert_cmpuint (count (s.store, -1, -1), ==, 0);
      shequ_test_remove_tree (dir);
    }
  g_assert_true (shequ_audit_verify (s.db, &entries_after, NULL, NULL));
  g_assert_cmpuint (entries_after, ==, entries);
  sample_clear (&s);
}

/* ---- Synthetic -------------------------------------------------------------------- */

static void
test_synthetic (void)
{
  Sample s = { NULL, }, again = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) rows_again = NULL;
  const guint n = 300;
  gint64 start;

  sample_open (&s, "synthetic.db");
  start = g_get_monotonic_time ();
  g_assert_true (shequ_disclosure_sample_populate_synthetic (s.store, n, &error));
  g_assert_no_error (error);
  g_test_message ("%u synthetic disclosures: %.0f ms", n,
                  (g_get_monotonic_time () - start) / 1000.0);
  rows = shequ_disclosure_store_list (s.store, NULL);
  g_assert_cmpuint (rows->len, ==, n);
  g_assert_cmpuint (count (s.store, SHEQU_DISCLOSURE_KIND_FINANCE,
                           SHEQU_DISCLOSURE_STATE_PUBLISHED), ==, n);
  for (guint i = 0; i < rows->len; i += 37)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (rows, i);
      g_autoptr(ShequDisclosure) doc = shequ_disclosure_store_get (s.store, row->id, &error);
      ShequDisclosureVersion *v;

      g_assert_no_error (error);
      v = shequ_disclosure_get_current (doc);
      g_assert_cmpuint (v->items->len, ==, 10);
      g_assert_true (shequ_finance_check_balance (v, &error));
      g_assert_no_error (error);
    }

  /* The same again elsewhere: the same documents, uuids and all. */
  sample_open (&again, "synthetic-again.db");
  g_assert_true (shequ_disclosure_sample_populate_synthetic (again.store, 40, &error));
  g_assert_no_error (error);
  rows_again = shequ_disclosure_store_list (again.store, NULL);
  g_assert_cmpuint (rows_again->len, ==, 40);
  for (guint i = 0; i < rows_again->len; i++)
    {
      const ShequDisclosureRow *row = g_ptr_array_index (rows_again, i);
      const ShequDisclosureRow *same = shequ_disclosure_store_lookup_uuid (s.store, row->uuid);
      g_autoptr(ShequDisclosure) a = NULL;
      g_autoptr(ShequDisclosure) b = NULL;

      g_assert_nonnull (same);
      a = shequ_disclosure_store_get (again.store, row->id, &error);
      b = shequ_disclosure_store_get (s.store, same->id, &error);
      g_assert_no_error (error);
      g_assert_true (shequ_disclosure_equal (a, b));
    }
  sample_clear (&again);
  sample_clear (&s);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  template_dir = shequ_test_make_tmpdir ("shequ-test-disclosure-sample-XXXXXX");
  template_db = g_build_filename (template_dir, "template.db", NULL);
  shequ_test_make_sample_database (template_db, FALSE);
  {
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();

    sample_open (&populated, "populated.db");
    if (!shequ_disclosure_sample_populate (populated.store, &error))
      g_error ("the sample disclosures: %s", error->message);
    g_printerr ("# populate: %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  }

  g_test_add_func ("/disclosure-sample/plan-counts", test_plan_counts);
  g_test_add_func ("/disclosure-sample/plan-finance", test_plan_finance);
  g_test_add_func ("/disclosure-sample/bad-data", test_bad_data);
  g_test_add_func ("/disclosure-sample/counts", test_counts);
  g_test_add_func ("/disclosure-sample/versions", test_versions);
  g_test_add_func ("/disclosure-sample/overdue", test_overdue);
  g_test_add_func ("/disclosure-sample/deterministic", test_deterministic);
  g_test_add_func ("/disclosure-sample/twice", test_twice);
  g_test_add_func ("/disclosure-sample/synthetic", test_synthetic);
  status = g_test_run ();

  sample_clear (&populated);
  shequ_test_remove_tree (template_dir);
  g_free (template_dir);
  g_free (template_db);
  return status;
}
