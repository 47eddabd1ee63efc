/* test-disclosure-page.c — the window's disclosure page: editor, live totals, workflow, history */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-disclosure-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "shequ-conflict-dialog.h"
#include "shequ-disclosure-db-private.h"
#include "shequ-disclosure-json.h"
#include "shequ-disclosure-page-private.h"
#include "shequ-sync-status.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-units.h"
#include "shequ-window-private.h"

/* One application for every test: GApplication exports itself on the bus once. */
static ShequApplication *app;

typedef struct {
  char                 *dir;
  char                 *path;
  ShequWindow          *window;
  ShequDisclosureStore *store;
  ShequDisclosurePage  *page;
  ShequUnit            *community;
} Fixture;

static ShequUnit *
find_unit (ShequOrgStore *org,
           ShequTier      tier)
{
  GPtrArray *units = shequ_org_store_get_units (org);
  ShequUnit *found = NULL;

  /* The lowest id of the tier: the same unit every run. */
  for (guint i = 0; i < units->len; i++)
    {
      ShequUnit *unit = g_ptr_array_index (units, i);

      if (shequ_unit_get_tier (unit) == tier &&
          (found == NULL || shequ_unit_get_id (unit) < shequ_unit_get_id (found)))
        found = unit;
    }
  g_assert_nonnull (found);
  return found;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = shequ_test_make_tmpdir ("shequ-test-disclosure-page-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "street.db", NULL);
  shequ_test_make_sample_database (fixture->path, FALSE);
  fixture->window = shequ_test_open_window (GTK_APPLICATION (app), fixture->path, NULL);
  fixture->store = shequ_window_get_disclosure_store (fixture->window);
  g_assert_nonnull (fixture->store);
  shequ_disclosure_store_set_actor (fixture->store, "王审核");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view-disclosure", NULL));
  g_assert_cmpstr (shequ_window_get_page (fixture->window), ==, "disclosure");
  fixture->page = SHEQU_DISCLOSURE_PAGE (shequ_window_get_disclosure_page (fixture->window));
  fixture->community = find_unit (shequ_window_get_store (fixture->window), SHEQU_TIER_COMMUNITY);
  shequ_session_set_selected_unit (fixture->window->session, fixture->community);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  shequ_test_window_fixture_clear (GTK_APPLICATION (app), &fixture->dir, &fixture->path);
}

static void
activate (Fixture    *fixture,
          const char *action,
          GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->page), action, param));
}

/* A line typed into the table through its model, as the row's entries write it. */
static void
add_line (ShequFinanceTable     *table,
          ShequFinanceDirection  direction,
          const char            *category,
          const char            *amount)
{
  ShequFinanceLine *line = shequ_finance_table_add_line (table);

  g_object_set (line, "direction", (guint) direction, "category", category,
                "amount-text", amount, NULL);
}

static const ShequDisclosureRow *
selected_row (Fixture *fixture)
{
  gint64 id = shequ_disclosure_page_get_selected (fixture->page);

  g_assert_cmpint (id, >, 0);
  return shequ_disclosure_store_lookup (fixture->store, id);
}

/* A finance disclosure written in the editor: the totals and the balance check follow
 * every keystroke, and submitting is refused until it balances. */
static ShequDisclosureEditor *
write_finance (Fixture *fixture)
{
  ShequDisclosureEditor *editor;
  ShequFinanceTable *table;

  activate (fixture, "disclosure.new", g_variant_new_int32 (SHEQU_DISCLOSURE_KIND_FINANCE));
  editor = shequ_disclosure_page_get_editor (fixture->page);
  g_assert_nonnull (editor);
  g_assert_cmpint (shequ_disclosure_editor_get_kind (editor), ==, SHEQU_DISCLOSURE_KIND_FINANCE);
  table = shequ_disclosure_editor_get_finance_table (editor);
  gtk_editable_set_text (shequ_disclosure_editor_get_title_entry (editor), "2026年第三季度财务公开");
  gtk_editable_set_text (shequ_disclosure_editor_get_period_entry (editor), "2026-Q3");
  gtk_text_buffer_set_text (shequ_disclosure_editor_get_body_buffer (editor),
                            "## 说明\n本季度收支如下：\n- **土地承包费**已入账", -1);
  gtk_editable_set_text (shequ_disclosure_editor_get_opening_entry (editor), "1,000.00");
  gtk_editable_set_text (shequ_disclosure_editor_get_closing_entry (editor), "1200");
  add_line (table, SHEQU_FINANCE_INCOME, "土地承包费", "500");
  add_line (table, SHEQU_FINANCE_EXPENSE, "办公经费", "１２３.４５");
  return editor;
}

static void
test_finance_workflow (Fixture       *fixture,
                       gconstpointer  data)
{
  ShequDisclosureEditor *editor = write_finance (fixture);
  ShequFinanceTable *table = shequ_disclosure_editor_get_finance_table (editor);
  g_auto(GStrv) history = NULL;
  g_autoptr(ShequFinanceLine) bad = NULL;
  const ShequDisclosureRow *row;

  /* Live: 1000 + 500 − 123.45 = 1376.55, not 1200. */
  g_assert_nonnull (strstr (shequ_disclosure_editor_get_totals_text (editor), "500.00"));
  g_assert_nonnull (strstr (shequ_disclosure_editor_get_totals_text (editor), "123.45"));
  g_assert_false (shequ_disclosure_editor_get_balanced (editor));
  g_assert_nonnull (strstr (shequ_disclosure_editor_get_balance_text (editor), "176.55"));
  /* The preview is the small markup, escaped. */
  g_assert_nonnull (strstr (shequ_disclosure_editor_get_preview_markup (editor), "<b>土地承包费</b>"));

  /* An amount that does not read is marked, and counts in no total. */
  bad = g_object_ref (shequ_finance_table_add_line (table));
  g_object_set (bad, "category", "误录", "amount-text", "12.345", NULL);
  g_assert_false (shequ_disclosure_editor_get_balanced (editor));
  activate (fixture, "disclosure.save", NULL);
  g_assert_nonnull (shequ_disclosure_page_get_error (fixture->page));
  g_assert_nonnull (strstr (shequ_disclosure_page_get_error (fixture->page), "3"));
  g_assert_cmpint (shequ_disclosure_page_get_selected (fixture->page), ==, 0);
  shequ_finance_table_remove_line (table, 2);

  /* Unbalanced: saved as a draft, but Submit is refused, the reason in the bar. */
  activate (fixture, "disclosure.submit", NULL);
  row = selected_row (fixture);
  g_assert_cmpint (row->kind, ==, SHEQU_DISCLOSURE_KIND_FINANCE);
  g_assert_cmpint (row->state, ==, SHEQU_DISCLOSURE_STATE_DRAFT);
  g_assert_cmpint (row->unit_id, ==, shequ_unit_get_id (fixture->community));
  g_assert_nonnull (shequ_disclosure_page_get_error (fixture->page));

  /* Balanced now: submit, approve, publish. */
  editor = shequ_disclosure_page_get_editor (fixture->page);
  gtk_editable_set_text (shequ_disclosure_editor_get_closing_entry (editor), "1376.55");
  g_assert_true (shequ_disclosure_editor_get_balanced (editor));
  g_assert_true (shequ_disclosure_editor_get_modified (editor));
  activate (fixture, "disclosure.submit", NULL);
  g_assert_null (shequ_disclosure_page_get_error (fixture->page));
  g_assert_cmpint (selected_row (fixture)->state, ==, SHEQU_DISCLOSURE_STATE_SUBMITTED);
  /* Not a draft any more: the form is read-only, Submit gone. */
  g_assert_false (gtk_widget_is_visible (fixture->page->submit_button));
  g_assert_true (gtk_widget_is_visible (fixture->page->approve_button));
  activate (fixture, "disclosure.approve", NULL);
  g_assert_cmpint (selected_row (fixture)->state, ==, SHEQU_DISCLOSURE_STATE_APPROVED);
  activate (fixture, "disclosure.publish", g_variant_new_boolean (TRUE));
  g_assert_cmpint (selected_row (fixture)->state, ==, SHEQU_DISCLOSURE_STATE_PUBLISHED);
  g_assert_true (gtk_widget_is_visible (fixture->page->withdraw_button));
  g_assert_cmpstr (shequ_window_get_toast_text (fixture->window), !=, NULL);

  history = shequ_disclosure_page_dup_history (fixture->page);
  g_assert_cmpuint (g_strv_length (history), ==, 1);
  /* "Published by …", "Approved by 王审核, …" in the UI's language. */
  g_assert_nonnull (strstr (history[0], g_dpgettext2 (GETTEXT_PACKAGE, "history", "Published")));
  g_assert_nonnull (strstr (history[0], g_dpgettext2 (GETTEXT_PACKAGE, "history", "Approved")));
  g_assert_nonnull (strstr (history[0], "王审核"));

  /* A correction is a new version; the published one stays in the history. */
  activate (fixture, "disclosure.correct", NULL);
  g_clear_pointer (&history, g_strfreev);
  history = shequ_disclosure_page_dup_history (fixture->page);
  g_assert_cmpuint (g_strv_length (history), ==, 2);
  {
    g_autofree char *v2 = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Version %u · %s"), 2,
                                           shequ_disclosure_state_get_label (SHEQU_DISCLOSURE_STATE_DRAFT));
    g_autofree char *v1 = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Version %u · %s"), 1,
                                           shequ_disclosure_state_get_label (SHEQU_DISCLOSURE_STATE_PUBLISHED));

    g_assert_true (g_str_has_prefix (history[0], v2));
    g_assert_true (g_str_has_prefix (history[1], v1));
  }
  g_assert_cmpint (selected_row (fixture)->state, ==, SHEQU_DISCLOSURE_STATE_DRAFT);
  g_assert_cmpint (selected_row (fixture)->published, ==, 1);
}

/* Withdrawing needs a reason; it shows in the history. */
static void
test_withdraw_reason (Fixture       *fixture,
                      gconstpointer  data)
{
  ShequDisclosureEditor *editor = write_finance (fixture);
  g_auto(GStrv) history = NULL;

  gtk_editable_set_text (shequ_disclosure_editor_get_closing_entry (editor), "1376.55");
  activate (fixture, "disclosure.submit", NULL);
  activate (fixture, "disclosure.return", g_variant_new_string ("金额请附凭证"));
  g_assert_cmpint (selected_row (fixture)->state, ==, SHEQU_DISCLOSURE_STATE_DRAFT);
  activate (fixture, "disclosure.submit", NULL);
  activate (fixture, "disclosure.approve", NULL);
  activate (fixture, "disclosure.publish", g_variant_new_boolean (TRUE));
  activate (fixture, "disclosure.withdraw", g_variant_new_string ("数据有误"));
  g_assert_cmpint (selected_row (fixture)->state, ==, SHEQU_DISCLOSURE_STATE_WITHDRAWN);
  history = shequ_disclosure_page_dup_history (fixture->page);
  g_assert_nonnull (strstr (history[0], "数据有误"));
}

/* Unsaved edits stay with their disclosure when another is chosen. */
static void
test_edits_kept (Fixture       *fixture,
                 gconstpointer  data)
{
  ShequDisclosureEditor *editor;
  gint64 first, second;

  activate (fixture, "disclosure.new", g_variant_new_int32 (SHEQU_DISCLOSURE_KIND_NEWS));
  editor = shequ_disclosure_page_get_editor (fixture->page);
  gtk_editable_set_text (shequ_disclosure_editor_get_title_entry (editor), "第一篇");
  activate (fixture, "disclosure.save", NULL);
  first = shequ_disclosure_page_get_selected (fixture->page);
  activate (fixture, "disclosure.new", g_variant_new_int32 (SHEQU_DISCLOSURE_KIND_POLICY));
  editor = shequ_disclosure_page_get_editor (fixture->page);
  gtk_editable_set_text (shequ_disclosure_editor_get_title_entry (editor), "高龄津贴申领指南");
  activate (fixture, "disclosure.save", NULL);
  second = shequ_disclosure_page_get_selected (fixture->page);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, 0);
  g_assert_cmpint (first, !=, second);

  g_assert_true (shequ_disclosure_page_select (fixture->page, first));
  editor = shequ_disclosure_page_get_editor (fixture->page);
  gtk_editable_set_text (shequ_disclosure_editor_get_title_entry (editor), "第一篇（改）");
  g_assert_true (shequ_disclosure_page_select (fixture->page, second));
  g_assert_cmpstr (gtk_editable_get_text (shequ_disclosure_editor_get_title_entry (shequ_disclosure_page_get_editor (fixture->page))),
                   ==, "高龄津贴申领指南");
  g_assert_true (shequ_disclosure_page_select (fixture->page, first));
  editor = shequ_disclosure_page_get_editor (fixture->page);
  g_assert_cmpstr (gtk_editable_get_text (shequ_disclosure_editor_get_title_entry (editor)), ==, "第一篇（改）");
  g_assert_true (shequ_disclosure_editor_get_modified (editor));
  /* The store still has the saved title; Revert brings it back. */
  g_assert_cmpstr (shequ_disclosure_store_lookup (fixture->store, first)->title, ==, "第一篇");
  activate (fixture, "disclosure.revert", NULL);
  editor = shequ_disclosure_page_get_editor (fixture->page);
  g_assert_cmpstr (gtk_editable_get_text (shequ_disclosure_editor_get_title_entry (editor)), ==, "第一篇");

  /* A save undone: the draft as it was. */
  g_assert_false (gtk_widget_is_visible (fixture->page->undo_save_button));
  gtk_editable_set_text (shequ_disclosure_editor_get_title_entry (editor), "第一篇（定稿）");
  activate (fixture, "disclosure.save", NULL);
  g_assert_cmpstr (shequ_disclosure_store_lookup (fixture->store, first)->title, ==, "第一篇（定稿）");
  g_assert_true (gtk_widget_is_visible (fixture->page->undo_save_button));
  activate (fixture, "disclosure.undo-save", NULL);
  g_assert_cmpstr (shequ_disclosure_store_lookup (fixture->store, first)->title, ==, "第一篇");
  editor = shequ_disclosure_page_get_editor (fixture->page);
  g_assert_cmpstr (gtk_editable_get_text (shequ_disclosure_editor_get_title_entry (editor)), ==, "第一篇");
  g_assert_false (gtk_widget_is_visible (fixture->page->undo_save_button));
}

/* A file over the limit is refused before it is read, naming it; a PNG is kept in the
 * store and listed. */
static void
test_attachments (Fixture       *fixture,
                  gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  g_autofree char *big_path = g_build_filename (fixture->dir, "录像.pdf", NULL);
  g_autofree char *png_path = g_build_filename (fixture->dir, "公示照片.png", NULL);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) small = g_file_new_for_path (png_path);
  g_autoptr(GError) error = NULL;
  ShequDisclosureEditor *editor;
  GPtrArray *refs;
  FILE *file;

  file = fopen (big_path, "wb");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, SHEQU_ATTACHMENT_SIZE_MAX, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', file), ==, 'x');
  fclose (file);
  g_assert_true (g_file_set_contents (png_path, (const char *) png, sizeof png, NULL));

  activate (fixture, "disclosure.new", g_variant_new_int32 (SHEQU_DISCLOSURE_KIND_VILLAGE));
  editor = shequ_disclosure_page_get_editor (fixture->page);
  g_assert_false (shequ_disclosure_editor_add_attachment_file (editor, big, &error));
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_ATTACHMENT);
  g_assert_nonnull (strstr (error->message, "录像.pdf"));
  g_clear_error (&error);
  g_assert_true (shequ_disclosure_editor_add_attachment_file (editor, small, &error));
  g_assert_no_error (error);
  refs = shequ_disclosure_editor_get_attachments (editor);
  g_assert_cmpuint (refs->len, ==, 1);
  g_assert_cmpstr (((ShequAttachmentRef *) g_ptr_array_index (refs, 0))->name, ==, "公示照片.png");
  g_assert_cmpint (((ShequAttachmentRef *) g_ptr_array_index (refs, 0))->size, ==, sizeof png);
}

/* Another PC's copy recorded as the sync does it: the row, the page and the header bar
 * say so, and the conflict dialog's choice takes the server's. */
typedef struct {
  const char *uuid;
  const char *json;
} Conflict;

static gboolean
record_conflict (ShequDatabase  *db,
                 gpointer        data,
                 GError        **error)
{
  Conflict *conflict = data;

  return _shequ_sync_conflict_record (db, conflict->uuid, 5, conflict->json, error);
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShequDisclosure) theirs = NULL;
  g_autofree char *json = NULL;
  ShequDisclosureEditor *editor;
  ShequConflictDialog *dialog;
  ShequSyncStatusButton *status;
  Conflict conflict;
  gint64 id;

  activate (fixture, "disclosure.new", g_variant_new_int32 (SHEQU_DISCLOSURE_KIND_PARTY));
  editor = shequ_disclosure_page_get_editor (fixture->page);
  gtk_editable_set_text (shequ_disclosure_editor_get_title_entry (editor), "这台电脑写的");
  activate (fixture, "disclosure.save", NULL);
  id = shequ_disclosure_page_get_selected (fixture->page);
  theirs = shequ_disclosure_store_get (fixture->store, id, &error);
  g_assert_no_error (error);
  g_free (shequ_disclosure_get_current (theirs)->title);
  shequ_disclosure_get_current (theirs)->title = g_strdup ("另一台电脑写的");
  json = shequ_disclosure_to_json (theirs);
  conflict.uuid = shequ_disclosure_store_lookup (fixture->store, id)->uuid;
  conflict.json = json;
  g_assert_true (shequ_database_write (shequ_disclosure_store_get_database (fixture->store),
                                       record_conflict, &conflict, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_disclosure_store_refresh (fixture->store, &error));

  g_assert_cmpint (selected_row (fixture)->sync, ==, SHEQU_SYNC_STATUS_CONFLICT);
  g_assert_true (gtk_widget_is_visible (fixture->page->conflict_button));
  status = SHEQU_SYNC_STATUS_BUTTON (shequ_window_get_sync_status (fixture->window));
  g_assert_nonnull (strstr (shequ_sync_status_button_get_summary (status), "1"));

  dialog = shequ_conflict_dialog_present (GTK_WINDOW (fixture->window), fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  shequ_test_wait_for_draw (GTK_WIDGET (dialog));
  if (g_getenv ("SHEQU_TEST_SHOTS") != NULL)
    shequ_test_save_shot (GTK_WIDGET (dialog), "conflict-dialog");
  g_assert_true (shequ_conflict_dialog_choose (dialog, SHEQU_CONFLICT_TAKE_THEIRS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (selected_row (fixture)->sync, ==, SHEQU_SYNC_STATUS_SYNCED);
  g_assert_cmpstr (gtk_editable_get_text (shequ_disclosure_editor_get_title_entry (shequ_disclosure_page_get_editor (fixture->page))),
                   ==, "另一台电脑写的");
  g_assert_false (gtk_widget_is_visible (fixture->page->conflict_button));
  /* None left: the page's own button says there is nothing to open. */
  g_assert_null (shequ_conflict_dialog_present (GTK_WINDOW (fixture->window), fixture->store, id, &error));
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_NOT_FOUND);
}

/* The list follows the session's unit, its kind and state filters and the search. */
static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  GListModel *rows = shequ_disclosure_page_get_rows (fixture->page);
  ShequDisclosureEditor *editor;
  guint n;

  activate (fixture, "disclosure.new", g_variant_new_int32 (SHEQU_DISCLOSURE_KIND_NEWS));
  editor = shequ_disclosure_page_get_editor (fixture->page);
  gtk_editable_set_text (shequ_disclosure_editor_get_title_entry (editor), "秋季环境整治");
  activate (fixture, "disclosure.save", NULL);
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, >=, 1);

  shequ_disclosure_page_set_filter (fixture->page, SHEQU_DISCLOSURE_KIND_FINANCE, -1, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ShequDisclosureItem) item = g_list_model_get_item (rows, i);

      g_assert_cmpint (item->kind, ==, SHEQU_DISCLOSURE_KIND_FINANCE);
    }
  shequ_disclosure_page_set_filter (fixture->page, -1, SHEQU_DISCLOSURE_STATE_DRAFT, "环境整治");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  shequ_disclosure_page_set_filter (fixture->page, -1, -1, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);

  /* A community's 村务公开 is listed as its 居务公开. */
  activate (fixture, "disclosure.new", g_variant_new_int32 (SHEQU_DISCLOSURE_KIND_VILLAGE));
  editor = shequ_disclosure_page_get_editor (fixture->page);
  gtk_editable_set_text (shequ_disclosure_editor_get_title_entry (editor), "议事协商结果");
  activate (fixture, "disclosure.save", NULL);
  {
    g_autoptr(ShequDisclosureItem) item = g_list_model_get_item (rows, 0);

    g_assert_cmpint (item->kind, ==, SHEQU_DISCLOSURE_KIND_VILLAGE);
    g_assert_cmpstr (item->kind_label, ==, "Community affairs");
  }
  /* With two drafts, the search still narrows them: setting the state's control first
   * must not read the search box's old text back into the filter. */
  shequ_disclosure_page_set_filter (fixture->page, -1, SHEQU_DISCLOSURE_STATE_DRAFT, "环境整治");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  shequ_disclosure_page_set_filter (fixture->page, -1, -1, NULL);

  /* Another community: its own disclosures only. */
  {
    ShequOrgStore *org = shequ_window_get_store (fixture->window);
    GPtrArray *units = shequ_org_store_get_units (org);

    for (guint i = 0; i < units->len; i++)
      {
        ShequUnit *unit = g_ptr_array_index (units, i);

        if (shequ_unit_get_tier (unit) == SHEQU_TIER_COMMUNITY && unit != fixture->community)
          {
            shequ_session_set_selected_unit (fixture->window->session, unit);
            break;
          }
      }
  }
  shequ_disclosure_page_set_filter (fixture->page, -1, -1, "环境整治");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
}

/* The overdue view lists units without a published finance disclosure for the period. */
static void
test_overdue (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *units;
  guint before;

  shequ_session_set_selected_unit (fixture->window->session, NULL);
  units = shequ_disclosure_page_show_overdue (fixture->page, "2026-Q3", &error);
  g_assert_no_error (error);
  before = g_list_model_get_n_items (units);
  g_assert_cmpuint (before, >, 0);
  g_assert_null (shequ_disclosure_page_show_overdue (fixture->page, "下个月", &error));
  g_assert_error (error, SHEQU_DISCLOSURE_ERROR, SHEQU_DISCLOSURE_ERROR_INVALID);
}

/* Every control of the finance table has a name, and no two visible mnemonics clash. */
static void
assert_named (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if ((GTK_IS_ENTRY (c) || GTK_IS_DROP_DOWN (c) ||
           (GTK_IS_BUTTON (c) && gtk_button_get_label (GTK_BUTTON (c)) == NULL)))
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
                       gtk_test_accessible_has_relation (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
      else
        assert_named (c);
    }
}

static void
check_accessible (Fixture *fixture)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  ShequDisclosureEditor *editor = write_finance (fixture);

  assert_named (GTK_WIDGET (shequ_disclosure_editor_get_finance_table (editor)));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->page->kind_dropdown),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->page->search_entry),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  activate (fixture, "disclosure.save", NULL);
  shequ_test_collect_mnemonics (GTK_WIDGET (fixture->page), seen, TRUE);
  g_assert_cmpuint (g_hash_table_size (seen), >=, 8);
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  /* DATA "zh_CN": in Chinese (the program's last test: it switches the locale). */
  if (data != NULL && !shequ_test_use_chinese ())
    return;
  check_accessible (fixture);
}

static gboolean
views_settled (gpointer data)
{
  Fixture *fixture = data;

  return !gtk_stack_get_transition_running (fixture->window->views_stack) &&
         !gtk_stack_get_transition_running (fixture->page->view_stack);
}

static void
shoot (Fixture    *fixture,
       const char *name)
{
  shequ_test_wait_until (views_settled, fixture);
  shequ_test_save_shot (GTK_WIDGET (fixture->window), name);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  if (g_getenv ("SHEQU_TEST_SHOTS") == NULL)
    {
      g_test_skip ("SHEQU_TEST_SHOTS is not set");
      return;
    }
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  write_finance (fixture);
  activate (fixture, "disclosure.submit", NULL);
  shoot (fixture, "disclosure-unbalanced");
  gtk_editable_set_text (shequ_disclosure_editor_get_closing_entry (shequ_disclosure_page_get_editor (fixture->page)),
                         "1376.55");
  activate (fixture, "disclosure.submit", NULL);
  activate (fixture, "disclosure.approve", NULL);
  activate (fixture, "disclosure.publish", g_variant_new_boolean (TRUE));
  shoot (fixture, "disclosure-published");
  activate (fixture, "disclosure.new", g_variant_new_int32 (SHEQU_DISCLOSURE_KIND_POLICY));
  shoot (fixture, "disclosure-policy");
  shequ_session_set_selected_unit (fixture->window->session, NULL);
  shequ_disclosure_page_set_view (fixture->page, "overdue");
  shoot (fixture, "disclosure-overdue");
}

int
main (int   argc,
      char *argv[])
{
  app = shequ_test_window_program_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/disclosure-page/finance-workflow", test_finance_workflow);
  ADD ("/disclosure-page/return-withdraw-reason", test_withdraw_reason);
  ADD ("/disclosure-page/edits-kept", test_edits_kept);
  ADD ("/disclosure-page/filters", test_filters);
  ADD ("/disclosure-page/attachments", test_attachments);
  ADD ("/disclosure-page/conflict", test_conflict);
  ADD ("/disclosure-page/overdue", test_overdue);
  ADD ("/disclosure-page/accessible", test_accessible);
  ADD ("/disclosure-page/screenshots", test_screenshots);
  g_test_add ("/disclosure-page/zh_CN/accessible", Fixture, "zh_CN", fixture_setup, test_accessible,
              fixture_teardown);
#undef ADD

  {
    int status = g_test_run ();

    g_clear_object (&app);
    return status;
  }
}
