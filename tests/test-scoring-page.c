/* test-scoring-page.c — the scoring page under Xvfb: submit and reopen, how it looks, the 10,000-row benchmark */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scoring-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include "score-sheet-fixture.h"
#include "shequ-eval-sample.h"
#include "shequ-score-sheet-private.h"
#include "shequ-scoring-page.h"

/* ---- The page ------------------------------------------------------------------- */

static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *needle)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (w) && strstr (gtk_label_get_text (GTK_LABEL (w)), needle) != NULL)
        return w;
      if ((found = find_label (w, needle)) != NULL)
        return found;
    }
  return NULL;
}

static const char *
label_text (GtkWidget  *root,
            const char *needle)
{
  GtkWidget *label = find_label (root, needle);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* The hint line names paste and the comment key, the comment corner has a legend with
 * a tooltip, and the scroll bars stay (the frozen columns hide scrolled ones). */
static void
check_hints (GtkWidget       *page,
             ShequScoreSheet *sheet)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (sheet), GTK_TYPE_SCROLLED_WINDOW);
  GtkPolicyType hpolicy, vpolicy;
  GtkWidget *legend = find_label (page, "orange corner: the score has a comment");

  g_assert_nonnull (label_text (page, "Ctrl+V paste"));
  g_assert_nonnull (label_text (page, "Alt+M comment"));
  g_assert_nonnull (legend);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (legend), "Alt+M"));
  g_assert_nonnull (scroller);
  g_assert_false (gtk_scrolled_window_get_overlay_scrolling (GTK_SCROLLED_WINDOW (scroller)));
  gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), &hpolicy, &vpolicy);
  g_assert_cmpint (hpolicy, !=, GTK_POLICY_NEVER);
  g_assert_cmpint (hpolicy, !=, GTK_POLICY_EXTERNAL);
}

static void
test_page_submit (void)
{
  EvalFixture f;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = shequ_scoring_page_new ();
  ShequScoreSheet *sheet;
  GtkWidget *dialog;

  eval_fixture_init (&f, 2);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 500);
  gtk_window_set_child (GTK_WINDOW (window), page);
  shequ_scoring_page_set_store (SHEQU_SCORING_PAGE (page), f.store);
  gtk_window_present (GTK_WINDOW (window));
  sheet = shequ_scoring_page_get_sheet (SHEQU_SCORING_PAGE (page));
  g_assert_true (shequ_score_sheet_get_sheet (sheet) != NULL);
  g_assert_cmpint (shequ_eval_sheet_get_assessor_id (shequ_score_sheet_get_sheet (sheet)), ==,
                   f.assessor_id);
  g_assert_nonnull (label_text (page, "0 of 6 cells filled"));
  check_hints (page, sheet);

  /* What is typed is written when the focus goes elsewhere on the page. */
  shequ_score_sheet_set_cursor (sheet, 1, 2);
  g_assert_true (shequ_score_sheet_start_editing (sheet, "7"));
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  g_assert_false (shequ_score_sheet_is_editing (sheet));
  g_assert_cmpint (shequ_eval_sheet_get_value (shequ_score_sheet_get_sheet (sheet), 1, 2), ==, 700);
  g_assert_true (shequ_eval_sheet_undo (shequ_score_sheet_get_sheet (sheet), NULL, NULL, NULL));

  /* Incomplete: refused, with how many cells are empty. */
  g_assert_true (gtk_widget_activate_action (page, "scoring.submit", NULL));
  g_assert_null (find_dialog ());
  g_assert_nonnull (label_text (page, "6 cells are empty"));

  g_assert_true (shequ_eval_sheet_paste (shequ_score_sheet_get_sheet (sheet), 0, 0,
                                         "9\t18\t9\n8\t16\t8\n", NULL, NULL));
  g_assert_nonnull (label_text (page, "6 of 6 cells filled"));
  g_assert_true (gtk_widget_activate_action (page, "scoring.submit", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (shequ_eval_sheet_is_submitted (shequ_score_sheet_get_sheet (sheet)));
  g_assert_nonnull (label_text (page, "Submitted"));

  /* Reopening without a reason is refused; with one the sheet takes edits again. */
  g_assert_true (gtk_widget_activate_action (page, "scoring.reopen", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (shequ_eval_sheet_is_submitted (shequ_score_sheet_get_sheet (sheet)));
  g_assert_true (gtk_widget_activate_action (page, "scoring.reopen", NULL));
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "reason-entry")),
                         "复核发现录入错误");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_false (shequ_eval_sheet_is_submitted (shequ_score_sheet_get_sheet (sheet)));
  g_assert_true (shequ_eval_sheet_is_editable (shequ_score_sheet_get_sheet (sheet)));

  shequ_test_destroy_window (&window);
  eval_fixture_clear (&f);
}

static const EvalFixtureIndicator look_indicators[] = {
  { "I01", "转作风", "工作作风", 10, 1000 },
  { "I02", "提标准", "服务标准", 10, 1000 },
  { "I03", "抓落实", "任务落实", 15, 1500 },
  { "I04", "党建引领", "支部建设", 15, 1500 },
  { "I05", "党建引领", "党员管理", 10, 1000 },
  { "I06", "为民服务", "办事效率", 10, 1000 },
  { "I07", "为民服务", "群众满意度", 10, 1000 },
  { "I08", "平安法治", "矛盾调解", 10, 1000 },
  { "I09", "孝善德治", "孝善养老", 10, 1000 },
};

/* ---- Speed ---------------------------------------------------------------------- */

/* Snapshot and render times while the sheet scrolls through N_STEPS positions. */
static void
measure_scrolling (Fixture *f,
                   guint    n_steps,
                   double   step_rows)
{
  GtkWidget *widget = GTK_WIDGET (f->sheet);
  GtkScrollable *scrollable = GTK_SCROLLABLE (f->sheet);
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (scrollable);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  gint64 snap_total = 0, snap_max = 0, render_total = 0, render_max = 0;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double row_height = gtk_adjustment_get_step_increment (vadj);

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      GtkSnapshot *snapshot;
      double upper = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
      gint64 t0, t1, t2;

      gtk_adjustment_set_value (vadj, fmod (i * step_rows * row_height, upper));
      t0 = g_get_monotonic_time ();
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t1 = g_get_monotonic_time ();
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      t2 = g_get_monotonic_time ();
      snap_total += t1 - t0;
      snap_max = MAX (snap_max, t1 - t0);
      render_total += t2 - t1;
      render_max = MAX (render_max, t2 - t1);
    }
  g_test_message ("%ux%d px, %u rows × %u columns, step %.1f rows: snapshot mean %.2f ms max %.2f ms;"
                  " render mean %.2f ms max %.2f ms",
                  width, height, shequ_eval_sheet_get_n_rows (f->eval.sheet),
                  shequ_eval_sheet_get_n_columns (f->eval.sheet), step_rows,
                  snap_total / 1000.0 / n_steps, snap_max / 1000.0,
                  render_total / 1000.0 / n_steps, render_max / 1000.0);
}

/* 10,000 targets × 30 indicators, every cell filled: a benchmark, run when
 * SHEQU_SHEET_BENCH is set (tests never assert on time). */
static void
test_bench (void)
{
  EvalFixtureIndicator indicators[30];
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *scroller;
  Fixture f;
  gint64 t0;

  if (g_getenv ("SHEQU_SHEET_BENCH") == NULL)
    {
      g_test_skip ("set SHEQU_SHEET_BENCH to run the benchmark");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    {
      g_autofree char *code = g_strdup_printf ("I%02u", i + 1);
      g_autofree char *name = g_strdup_printf ("%s%u", look_indicators[i % 9].name, i / 9 + 1);

      indicators[i].code = g_intern_string (code);
      indicators[i].category = look_indicators[i % 9].category;
      indicators[i].name = g_intern_string (name);
      indicators[i].weight = i < 10 ? 4 : 3;
      indicators[i].max = 1000;
    }
  t0 = g_get_monotonic_time ();
  eval_fixture_init_full (&f.eval, 10000, indicators, G_N_ELEMENTS (indicators));
  g_test_message ("made 10,000 targets in %.1f s", (g_get_monotonic_time () - t0) / 1e6);
  for (guint r = 0; r < 3000; r++)
    g_string_append (block, "9\t8.5\t7\t10\t9.5\t8\t9\t9\t9\t9\t8\t7\t9\t9\t9\t9\t8\t9\t9\t9"
                            "\t9\t8\t9\t9\t9\t9\t8\t9\t9\t6\n");
  t0 = g_get_monotonic_time ();
  g_assert_true (shequ_eval_sheet_paste (f.eval.sheet, 0, 0, block->str, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("pasted 3,000 × 30 cells in %.1f s", (g_get_monotonic_time () - t0) / 1e6);
  /* One cell through the sheet, as the editor commits it: the store's write and audit
   * entry, and the sheet reading its 300,000 values again. */
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 50; i++)
    eval_fixture_commit (&f.eval, 5000 + i, i % 30, i % 2 ? "8.5" : "9", NULL);
  g_test_message ("one cell committed through the sheet in %.2f ms",
                  (g_get_monotonic_time () - t0) / 1000.0 / 50);

  f.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1920, 1080);
  scroller = gtk_scrolled_window_new ();
  f.sheet = SHEQU_SCORE_SHEET (shequ_score_sheet_new ());
  shequ_score_sheet_set_sheet (f.sheet, f.eval.sheet);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f.sheet));
  gtk_window_set_child (GTK_WINDOW (f.window), scroller);
  gtk_window_present (GTK_WINDOW (f.window));
  shequ_test_wait_for_draw (GTK_WIDGET (f.sheet));

  /* What the renderer takes for a plain colour of that size, to tell its share. */
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GskRenderNode) node =
        gsk_color_node_new (&(GdkRGBA) { 1, 1, 1, 1 }, &GRAPHENE_RECT_INIT (0, 0, 1900, 1000));
      g_autoptr(GdkTexture) texture =
        gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f.window)), node,
                                     &GRAPHENE_RECT_INIT (0, 0, 1900, 1000));
    }
  g_test_message ("a plain 1900×1000 colour renders in %.2f ms",
                  (g_get_monotonic_time () - t0) / 1000.0 / 50);
  measure_scrolling (&f, 300, 1);
  measure_scrolling (&f, 300, 37.3);
  /* Across the columns too. */
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f.sheet)), 1000);
  measure_scrolling (&f, 300, 997);

  /* Real frames: one row a frame through the frame clock. */
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 120; i++)
    {
      GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f.sheet));

      gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + 29);
      shequ_test_wait_frames (GTK_WIDGET (f.sheet), 1);
    }
  g_test_message ("120 frames scrolled in %.0f ms (%.1f ms a frame); the sheet's own snapshots "
                  "averaged %.2f ms", (g_get_monotonic_time () - t0) / 1000.0,
                  (g_get_monotonic_time () - t0) / 1000.0 / 120,
                  f.sheet->snapshot_us / 1000.0 / MAX (f.sheet->n_snapshots, 1));
  fixture_tear_down (&f, NULL);
}

/* ---- How it looks ---------------------------------------------------------------- */


/* Saves WINDOW as DIR/NAME.png. */
static void
save_shot (GtkWidget  *window,
           const char *dir,
           const char *name)
{
  g_autoptr(GdkTexture) texture = render_widget (window);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* Plausible scores, deterministic: most cells filled, a few low with a comment. */
static void
fill_plausibly (EvalFixture *f,
                guint        n_rows)
{
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (ShequScoreEdit));
  g_autoptr(GError) error = NULL;
  guint n_columns = shequ_eval_sheet_get_n_columns (f->sheet);

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        const ShequIndicatorRow *ind = shequ_eval_sheet_get_indicator (f->sheet, c);
        guint h = (r * 7919 + c * 104729) % 1000;
        ShequScoreEdit e = { f->assessor_id, shequ_eval_sheet_get_target (f->sheet, r)->id,
                             ind->id, SHEQU_SCORE_NONE, NULL };

        if (r >= n_rows - 3 && c >= n_columns - 1 - r % 3)
          continue;
        e.value = ind->max_score - (ShequScore) ((h % 40) * ind->max_score / 100 / 50 * 50);
        if (r % 11 == 5 && c % 4 == 1)
          {
            e.value = ind->max_score / 2;
            e.comment = "台账资料不全，扣分";
          }
        g_array_append_val (edits, e);
      }
  g_assert_true (shequ_eval_store_set_scores (f->store, (ShequScoreEdit *) edits->data,
                                              edits->len, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
look_at_page (const char *name)
{
  const char *dir = g_getenv ("SHEQU_TEST_SHOTS");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = shequ_scoring_page_new ();
  ShequScoreSheet *sheet;
  GtkWidget *popover;
  EvalFixture f;

  eval_fixture_init_full (&f, 40, look_indicators, G_N_ELEMENTS (look_indicators));
  fill_plausibly (&f, 40);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_set_child (GTK_WINDOW (window), page);
  shequ_scoring_page_set_store (SHEQU_SCORING_PAGE (page), f.store);
  gtk_window_present (GTK_WINDOW (window));
  sheet = shequ_scoring_page_get_sheet (SHEQU_SCORING_PAGE (page));
  shequ_score_sheet_set_cursor (sheet, 5, 1);
  gtk_widget_grab_focus (GTK_WIDGET (sheet));
  shequ_score_sheet_start_editing (sheet, "1");
  gtk_editable_set_text (GTK_EDITABLE (shequ_score_sheet_get_editor (sheet)), "12");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.move", "(ii)", 1, 0));
  g_assert_nonnull (shequ_score_sheet_get_message (sheet));
  shequ_test_wait_for_draw (GTK_WIDGET (sheet));
  shequ_test_wait_frames (window, 3);
  g_assert_cmpint (gtk_widget_get_width (window), ==, 1920);
  if (dir != NULL)
    save_shot (window, dir, name);

  /* The comment a low score asks for, in its popover. */
  shequ_score_sheet_set_cursor (sheet, 7, 2);
  shequ_score_sheet_start_editing (sheet, "3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.move", "(ii)", 1, 0));
  popover = gtk_widget_get_ancestor (shequ_score_sheet_get_comment_entry (sheet), GTK_TYPE_POPOVER);
  g_assert_true (gtk_widget_get_visible (popover));
  shequ_test_wait_frames (popover, 3);
  if (dir != NULL)
    {
      g_autofree char *popover_name = g_strconcat (name, "-comment", NULL);

      save_shot (popover, dir, popover_name);
    }
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Submitted: greyed, and the page says so. */
  if (dir != NULL)
    {
      g_autofree char *locked_name = g_strconcat (name, "-locked", NULL);
      g_autoptr(GString) block = g_string_new (NULL);

      shequ_score_sheet_set_cursor (sheet, 0, 0);
      for (guint r = 0; r < 40; r++)
        g_string_append (block, "9\t9\t13\t14\t9\t9\t9\t9\t9\n");
      g_assert_true (shequ_eval_sheet_paste (f.sheet, 0, 0, block->str, NULL, NULL));
      g_assert_true (shequ_eval_store_submit (f.store, f.assessor_id, NULL, NULL));
      shequ_test_wait_frames (window, 3);
      save_shot (window, dir, locked_name);
    }
  shequ_test_destroy_window (&window);
  eval_fixture_clear (&f);
}

/* The sample street's evaluation as the app opens it: its open period, first assessor. */
static void
look_at_sample (const char *name)
{
  const char *dir = g_getenv ("SHEQU_TEST_SHOTS");
  g_autoptr(ShequDatabase) db = NULL;
  g_autoptr(ShequOrgStore) org = NULL;
  g_autoptr(ShequEvalStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = shequ_scoring_page_new ();
  ShequEvalSheet *sheet;
  ShequTestDir tmp;

  shequ_test_dir_init (&tmp, "shequ-scoring-look-XXXXXX", "sample.db");
  org = shequ_test_open_sample_store (tmp.db, &db);
  store = shequ_eval_store_new (org, &error);
  g_assert_no_error (error);
  g_assert_true (shequ_eval_sample_populate (store, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_set_child (GTK_WINDOW (window), page);
  shequ_scoring_page_set_store (SHEQU_SCORING_PAGE (page), store);
  gtk_window_present (GTK_WINDOW (window));
  sheet = shequ_score_sheet_get_sheet (shequ_scoring_page_get_sheet (SHEQU_SCORING_PAGE (page)));
  g_assert_nonnull (sheet);
  g_assert_cmpuint (shequ_eval_sheet_get_n_rows (sheet), >, 0);
  g_assert_cmpint (shequ_eval_sheet_get_period (sheet)->state, !=, SHEQU_PERIOD_STATE_CLOSED);
  shequ_score_sheet_set_cursor (shequ_scoring_page_get_sheet (SHEQU_SCORING_PAGE (page)), 2, 1);
  gtk_widget_grab_focus (GTK_WIDGET (shequ_scoring_page_get_sheet (SHEQU_SCORING_PAGE (page))));
  shequ_test_wait_frames (window, 3);
  if (dir != NULL)
    save_shot (window, dir, name);
  shequ_test_destroy_window (&window);
  g_clear_object (&store);
  g_clear_object (&org);
  g_clear_object (&db);
  shequ_test_dir_clear (&tmp);
}

static void
test_look (void)
{
  look_at_page ("eval-sheet-refused-en");
  look_at_sample ("eval-sheet-en");
}

static void
test_look_chinese (void)
{
  if (!shequ_test_use_chinese ())
    return;
  look_at_page ("eval-sheet-refused-zh_CN");
  look_at_sample ("eval-sheet-zh_CN");
}

int
main (int   argc,
      char *argv[])
{
  shequ_test_gtk_init (&argc, &argv);

  g_test_add_func ("/scoring-page/submit-and-reopen", test_page_submit);
  g_test_add_func ("/scoring-page/bench-10k", test_bench);
  g_test_add_func ("/scoring-page/look", test_look);
  /* Last: it switches the process to the Chinese UI. */
  g_test_add_func ("/scoring-page/look-zh-cn", test_look_chinese);

  return g_test_run ();
}
