/* test-eval-page.c — the window's evaluation page: ranking, target page, flags, band map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-eval-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "shequ-app-util.h"
#include "shequ-band-chip.h"
#include "shequ-eval-page.h"
#include "shequ-eval-row.h"
#include "shequ-eval-store.h"
#include "shequ-map-page-private.h"
#include "shequ-presentation-window.h"
#include "shequ-scoring-page.h"
#include "shequ-test-gtk-util.h"
#include "shequ-window-private.h"

/* No SHEQU_TEST_UNWIND_SLOWLY here: a window test unwinding every malloc slowly runs
 * for many minutes under AddressSanitizer. The PDF export below is therefore left out
 * of the sanitized run; test-eval-report writes PDFs there. */

#define N_TARGETS 4

/* Per period, each target's two scores (points): period 1 ranks 3, 0, 1, 2; period 2
 * ranks 0, 3, 1, 2 — target 0 up, target 3 down, 1 and 2 stay; target 2 red twice. */
static const double scores[2][N_TARGETS] = {
  { 9.0, 8.0, 6.0, 9.5 },
  { 10.0, 7.5, 5.0, 8.0 },
};

/* One application for every test: GApplication exports itself on the bus once. */
static ShequApplication *app;

typedef struct {
  char             *dir;
  char             *path;
  ShequWindow      *window;
  ShequEvalStore   *store;     /* the window's */
  gint64            targets[N_TARGETS];
  gint64            periods[2];
} Fixture;

static gint64
make_set (ShequEvalStore *store)
{
  g_autoptr(ShequEvalSetDef) def = shequ_eval_set_def_new_default (SHEQU_EVAL_KIND_COMMUNITY,
                                                                   "社区考评");
  const char *names[] = { "党建引领", "为民服务" };
  g_autoptr(GError) error = NULL;
  gint64 set_id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ShequIndicatorRow *row = shequ_indicator_row_new ();

      row->position = i;
      row->code = g_strdup_printf ("I%02u", i + 1);
      row->category = g_strdup (names[i]);
      row->name = g_strdup (names[i]);
      row->weight = i == 0 ? 60 : 40;
      row->max_score = 1000;
      row->guidance = g_strdup ("");
      g_ptr_array_add (def->indicators, row);
    }
  g_assert_true (shequ_eval_store_save_set (store, def, "测试", &set_id, &error));
  g_assert_no_error (error);
  return set_id;
}

/* A period over the fixture's targets, scored by ASSESSOR and submitted (so closed). */
static gint64
make_closed_period (Fixture    *fixture,
                    gint64      set_id,
                    gint64      person_id,
                    guint       index,
                    const char *label,
                    const char *starts,
                    const char *ends)
{
  const ShequEvalSetDef *set;
  g_autoptr(GError) error = NULL;
  gint64 period_id = 0, assessor_id = 0;

  g_assert_true (shequ_eval_store_open_period (fixture->store, set_id, SHEQU_PERIOD_KIND_QUARTER,
                                               label, starts, ends, "测试", &period_id, &error));
  g_assert_no_error (error);
  g_assert_true (shequ_eval_store_assign (fixture->store, period_id, person_id, fixture->targets,
                                          N_TARGETS, "测试", &assessor_id, &error));
  g_assert_no_error (error);
  set = shequ_eval_store_lookup_set (fixture->store,
                                     shequ_eval_store_lookup_period (fixture->store, period_id)->set_id);
  for (guint t = 0; t < N_TARGETS; t++)
    for (guint i = 0; i < set->indicators->len; i++)
      {
        const ShequIndicatorRow *indicator = g_ptr_array_index (set->indicators, i);

        g_assert_true (shequ_eval_store_set_score (fixture->store, assessor_id, fixture->targets[t],
                                                   indicator->id,
                                                   (ShequScore) lround (scores[index][t] * 100),
                                                   "扣分说明：材料不全", "测试", &error));
        g_assert_no_error (error);
      }
  g_assert_true (shequ_eval_store_submit (fixture->store, assessor_id, "测试", &error));
  g_assert_no_error (error);
  g_assert_cmpint (shequ_eval_store_lookup_period (fixture->store, period_id)->state, ==,
                   SHEQU_PERIOD_STATE_CLOSED);
  return period_id;
}

/* The sample street with an assessor, a community set and two closed quarters of the
 * first four communities, opened in a window (whose evaluation store is used). */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShequOrgStore *org;
  GPtrArray *targets;
  ShequPost *post;
  gint64 set_id;

  fixture->dir = shequ_test_make_tmpdir ("shequ-test-eval-page-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "street.db", NULL);
  shequ_test_make_sample_database (fixture->path, FALSE);
  fixture->window = shequ_test_open_window (GTK_APPLICATION (app), fixture->path, NULL);
  fixture->store = shequ_window_get_eval_store (fixture->window);
  g_assert_nonnull (fixture->store);
  org = shequ_eval_store_get_org_store (fixture->store);

  post = shequ_org_store_add_person_post (org, shequ_org_store_get_street (org), "王考核", "",
                                          SHEQU_ROLE_ASSESSOR, "考核员", &error);
  g_assert_no_error (error);
  targets = shequ_eval_store_get_targets (fixture->store, SHEQU_EVAL_KIND_COMMUNITY);
  g_assert_cmpuint (targets->len, >=, N_TARGETS);
  for (guint t = 0; t < N_TARGETS; t++)
    fixture->targets[t] = ((ShequEvalTargetRow *) g_ptr_array_index (targets, t))->id;
  set_id = make_set (fixture->store);
  fixture->periods[0] = make_closed_period (fixture, set_id,
                                            shequ_person_get_id (shequ_post_get_person (post)), 0,
                                            "2026年第一季度", "2026-01-01", "2026-03-31");
  fixture->periods[1] = make_closed_period (fixture, set_id,
                                            shequ_person_get_id (shequ_post_get_person (post)), 1,
                                            "2026年第二季度", "2026-04-01", "2026-06-30");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  shequ_test_close_all_windows (GTK_APPLICATION (app));
  shequ_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* The window with the evaluation page still fits 700 pixels, as with the other views. */
static void
assert_fits_700 (Fixture *fixture)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                      NULL, NULL, NULL);
  g_test_message ("window minimum width %d", minimum);
  g_assert_cmpint (minimum, <, 700);
}

static ShequEvalPage *
show_eval_page (Fixture *fixture)
{
  ShequEvalPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view-eval", NULL));
  g_assert_cmpstr (shequ_window_get_page (fixture->window), ==, "eval");
  page = SHEQU_EVAL_PAGE (shequ_window_get_eval_page (fixture->window));
  shequ_test_wait_for_draw (GTK_WIDGET (page));
  return page;
}

/* The labels under WIDGET showing TEXT. */
static void
collect_labels (GtkWidget  *widget,
                const char *text,
                GPtrArray  *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text, out);
}

static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (widget, text, labels);
  return labels->len;
}

static void
test_ranking (Fixture       *fixture,
              gconstpointer  data)
{
  static const guint expected_order[N_TARGETS] = { 0, 3, 1, 2 };
  static const guint expected_previous[N_TARGETS] = { 2, 1, 3, 4 };
  ShequEvalPage *page = show_eval_page (fixture);
  ShequEvalRanking *ranking = shequ_eval_page_get_ranking (page);
  GListModel *rows = shequ_eval_ranking_get_rows (ranking);
  g_autoptr(GPtrArray) up = g_ptr_array_new ();

  g_assert_cmpstr (shequ_eval_page_get_view (page), ==, "ranking");
  assert_fits_700 (fixture);
  /* The newest closed period is the one shown. */
  g_assert_cmpint (shequ_eval_ranking_get_period (ranking), ==, fixture->periods[1]);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_TARGETS);
  for (guint i = 0; i < N_TARGETS; i++)
    {
      g_autoptr(ShequEvalRow) row = g_list_model_get_item (rows, i);
      guint previous = 0;
      ShequBand previous_band;

      g_assert_cmpint (row->target_id, ==, fixture->targets[expected_order[i]]);
      g_assert_cmpuint (row->rank, ==, i + 1);
      g_assert_cmpuint (row->previous_rank, ==, expected_previous[i]);
      g_assert_true (shequ_eval_store_get_previous (fixture->store, fixture->periods[1],
                                                    row->target_id, &previous, &previous_band));
      g_assert_cmpuint (row->previous_rank, ==, previous);
    }
  /* What is drawn: one rise, one fall, two the same; the rise says from where. */
  shequ_test_wait_frames (GTK_WIDGET (page), 2);
  collect_labels (GTK_WIDGET (ranking), "↑", up);
  g_assert_cmpuint (up->len, ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (ranking), "↓"), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (ranking), "–"), ==, 2);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (up->pdata[0]), "2"));

  /* The band filter and the search narrow the rows. */
  shequ_eval_ranking_set_band_filter (ranking, SHEQU_BAND_RED);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  shequ_eval_ranking_set_band_filter (ranking, SHEQU_N_BANDS);
  {
    g_autoptr(ShequEvalRow) first = g_list_model_get_item (rows, 0);
    g_autofree char *name = g_strdup (first->name);

    shequ_eval_ranking_set_search (ranking, name);
    g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 1);
    g_assert_cmpuint (g_list_model_get_n_items (rows), <, N_TARGETS);
    shequ_eval_ranking_set_search (ranking, NULL);
  }
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_TARGETS);
  g_assert_nonnull (strstr (shequ_eval_ranking_get_summary (ranking), "4"));
}

/* The first line of each of the log's rows, newest first, joined by "\n". */
static char *
log_text (ShequEvalTargetPage *target_page)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (shequ_eval_target_page_get_log (target_page)));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))));
    }
  return g_string_free (text, FALSE);
}

/* The label under WIDGET with CSS class NAME, or NULL. */
static GtkLabel *
find_label_with_class (GtkWidget  *widget,
                       const char *name)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, name))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_class (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The log shows the chosen period's entries only, with the indicators' names; the header
 * shows the target's flags. */
static void
test_target_log (Fixture       *fixture,
                 gconstpointer  data)
{
  ShequEvalPage *page = show_eval_page (fixture);
  ShequEvalTargetPage *target_page = shequ_eval_page_get_target_page (page);
  GtkLabel *flags_label;
  g_autofree char *second = NULL;
  g_autofree char *first = NULL;
  g_autofree char *expected = NULL;

  /* Target 0 had 9 in the first quarter and 10 in the second, on both indicators. */
  g_assert_true (shequ_eval_page_show_target (page, fixture->targets[0], fixture->periods[1]));
  g_assert_cmpint (shequ_eval_target_page_get_period (target_page), ==, fixture->periods[1]);
  second = log_text (target_page);
  g_test_message ("%s", second);
  g_assert_nonnull (strstr (second, "党建引领: 10"));
  g_assert_nonnull (strstr (second, "为民服务: 10"));
  g_assert_null (strstr (second, "I01"));
  g_assert_null (strstr (second, ": 9 "));
  g_assert_true (shequ_eval_target_page_show (target_page, fixture->targets[0], fixture->periods[0]));
  first = log_text (target_page);
  g_assert_nonnull (strstr (first, "党建引领: 9"));
  g_assert_null (strstr (first, ": 10"));
  /* Neither period flagged target 0; target 2 is red twice: its flag is in the header. */
  flags_label = find_label_with_class (GTK_WIDGET (target_page), "flag-chip");
  g_assert_nonnull (flags_label);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (flags_label)));
  g_assert_true (shequ_eval_target_page_show (target_page, fixture->targets[2], fixture->periods[1]));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (flags_label)));
  expected = g_strdup_printf ("%s · %s", shequ_flag_action_get_label (SHEQU_FLAG_ACTION_INTERVIEW),
                              shequ_flag_state_get_label (SHEQU_FLAG_STATE_OPEN));
  g_assert_cmpstr (gtk_label_get_text (flags_label), ==, expected);
  /* The flag's raising is in the second period's log, not in the first's. */
  {
    g_autofree char *log2 = log_text (target_page);
    g_autofree char *log1 = NULL;
    const char *flag_word = g_dpgettext2 (GETTEXT_PACKAGE, "audit action", "Flag");

    g_autofree char *raised = g_strdup_printf ("%s: %s 2/2",
                                               shequ_flag_action_get_label (SHEQU_FLAG_ACTION_INTERVIEW),
                                               shequ_band_get_label (SHEQU_BAND_RED));

    g_assert_nonnull (strstr (log2, flag_word));
    g_assert_nonnull (strstr (log2, raised));
    g_assert_true (shequ_eval_target_page_show (target_page, fixture->targets[2], fixture->periods[0]));
    log1 = log_text (target_page);
    g_assert_null (strstr (log1, flag_word));
  }
}

static void
test_target_page (Fixture       *fixture,
                  gconstpointer  data)
{
  ShequEvalPage *page = show_eval_page (fixture);
  ShequEvalRanking *ranking = shequ_eval_page_get_ranking (page);
  ShequEvalTargetPage *target_page = shequ_eval_page_get_target_page (page);
  g_autoptr(ShequEvalRow) first = g_list_model_get_item (shequ_eval_ranking_get_rows (ranking), 0);
  g_autoptr(GArray) history = NULL;
  const double *values;
  guint n_values = 0;

  /* Activating the first row (Enter, a double click) shows its target. */
  g_signal_emit_by_name (shequ_eval_ranking_get_column_view (ranking), "activate", 0);
  g_assert_cmpstr (shequ_eval_page_get_view (page), ==, "target");
  g_assert_cmpint (shequ_eval_target_page_get_target (target_page), ==, first->target_id);
  g_assert_cmpint (shequ_eval_target_page_get_period (target_page), ==, fixture->periods[1]);
  assert_fits_700 (fixture);

  /* The trend chart shows the target's history, oldest first. */
  history = shequ_eval_store_get_history (fixture->store, first->target_id, 0);
  values = shequ_trend_chart_get_values (shequ_eval_target_page_get_chart (target_page), &n_values);
  g_assert_cmpuint (n_values, ==, history->len);
  g_assert_cmpuint (n_values, ==, 2);
  for (guint i = 0; i < n_values; i++)
    g_assert_cmpfloat_with_epsilon (values[i],
                                    g_array_index (history, ShequEvalHistoryPoint, i).total, 1e-9);
  g_assert_cmpfloat_with_epsilon (values[0], 90.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (values[1], 100.0, 1e-9);
  g_assert_nonnull (shequ_trend_chart_get_chart (shequ_eval_target_page_get_chart (target_page)));
  /* A screen reader hears the chart's points. */
  {
    ShequTrendChart *chart = shequ_eval_target_page_get_chart (target_page);
    g_autofree char *description = shequ_chart_describe (shequ_trend_chart_get_chart (chart));

    g_assert_nonnull (strstr (description, "100"));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         description);
  }

  /* The breakdown: a header row and one per indicator; the log lists the scores. */
  g_assert_nonnull (gtk_grid_get_child_at (shequ_eval_target_page_get_breakdown (target_page), 0, 2));
  g_assert_null (gtk_grid_get_child_at (shequ_eval_target_page_get_breakdown (target_page), 0, 3));
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (shequ_eval_target_page_get_log (target_page))));

  /* Back to the ranking. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (target_page), "eval.show-ranking", NULL));
  g_assert_cmpstr (shequ_eval_page_get_view (page), ==, "ranking");
}

static const ShequFlagRow *
find_flag (ShequEvalStore *store,
           gint64          target_id)
{
  GPtrArray *flags = shequ_eval_store_get_flags (store);

  for (guint i = 0; i < flags->len; i++)
    if (((ShequFlagRow *) g_ptr_array_index (flags, i))->target_id == target_id)
      return g_ptr_array_index (flags, i);
  return NULL;
}

static void
accept_note (ShequEvalFlags *flags,
             const char     *note)
{
  GtkWindow *dialog = shequ_eval_flags_get_dialog (flags);
  GtkWidget *view = shequ_widget_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), note, -1);
  g_signal_emit_by_name (gtk_window_get_default_widget (dialog), "clicked");
  shequ_test_flush_main_context ();
}

static void
test_flags (Fixture       *fixture,
            gconstpointer  data)
{
  ShequEvalPage *page = show_eval_page (fixture);
  ShequEvalFlags *flags = shequ_eval_page_get_flags (page);
  const ShequFlagRow *flag = find_flag (fixture->store, fixture->targets[2]);
  gint64 flag_id;

  /* Red twice in a row: an interview. */
  g_assert_nonnull (flag);
  flag_id = flag->id;
  g_assert_cmpint (flag->action, ==, SHEQU_FLAG_ACTION_INTERVIEW);
  g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_OPEN);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_eval_flags_get_rows (flags)), >=, 1);
  shequ_eval_page_set_view (page, "flags");
  assert_fits_700 (fixture);
  g_assert_true (shequ_eval_flags_select (flags, flag_id));

  /* Without a note the store refuses, and the dialog stays and says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (flags), "flags.interview", NULL));
  g_assert_nonnull (shequ_eval_flags_get_dialog (flags));
  accept_note (flags, "  ");
  g_assert_nonnull (shequ_eval_flags_get_dialog (flags));
  g_assert_cmpint (find_flag (fixture->store, fixture->targets[2])->state, ==, SHEQU_FLAG_STATE_OPEN);

  /* With one the interview is held. */
  accept_note (flags, "已约谈社区书记，限期整改");
  g_assert_null (shequ_eval_flags_get_dialog (flags));
  flag = find_flag (fixture->store, fixture->targets[2]);
  g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_INTERVIEWED);
  g_assert_cmpstr (flag->note, ==, "已约谈社区书记，限期整改");
  /* The list follows the store. */
  {
    g_autoptr(ShequEvalRow) row = NULL;
    GListModel *rows = shequ_eval_flags_get_rows (flags);

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(ShequEvalRow) item = g_list_model_get_item (rows, i);

        if (item->id == flag_id)
          row = g_object_ref (item);
      }
    g_assert_nonnull (row);
    g_assert_cmpint (row->state, ==, SHEQU_FLAG_STATE_INTERVIEWED);
  }
  /* Then closed, at once; Undo opens it again. */
  g_assert_true (shequ_eval_flags_select (flags, flag_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (flags), "flags.close", NULL));
  g_assert_cmpint (find_flag (fixture->store, fixture->targets[2])->state, ==, SHEQU_FLAG_STATE_CLOSED);
  {
    GtkRevealer *bar = GTK_REVEALER (shequ_widget_find_descendant (GTK_WIDGET (flags), GTK_TYPE_REVEALER));
    GtkCheckButton *open_only = GTK_CHECK_BUTTON (shequ_widget_find_descendant (GTK_WIDGET (flags),
                                                                              GTK_TYPE_CHECK_BUTTON));
    GListModel *rows = shequ_eval_flags_get_rows (flags);
    guint n_all = g_list_model_get_n_items (rows);

    g_assert_nonnull (bar);
    g_assert_true (gtk_revealer_get_reveal_child (bar));
    /* "Open only" hides it while it is closed. */
    g_assert_nonnull (open_only);
    gtk_check_button_set_active (open_only, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_all - 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (flags), "flags.undo-close", NULL));
    flag = find_flag (fixture->store, fixture->targets[2]);
    g_assert_cmpint (flag->state, ==, SHEQU_FLAG_STATE_OPEN);
    g_assert_cmpstr (flag->note, ==, "已约谈社区书记，限期整改");
    g_assert_false (gtk_revealer_get_reveal_child (bar));
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_all);
    gtk_check_button_set_active (open_only, FALSE);
  }
  /* Open flags come first. */
  g_assert_true (shequ_eval_flags_select (flags, flag_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (flags), "flags.close", NULL));
  {
    GListModel *rows = shequ_eval_flags_get_rows (flags);
    int last = SHEQU_FLAG_STATE_OPEN;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(ShequEvalRow) row = g_list_model_get_item (rows, i);

        g_assert_cmpint (row->state, >=, last);
        last = row->state;
      }
  }
}

/* The colour of each fixture target's unit in COLOURING is its band's in period 2. */
static void
assert_band_colours (Fixture           *fixture,
                     ShequMapColouring *colouring)
{
  const ShequEvalResults *results = shequ_eval_store_get_results (fixture->store, fixture->periods[1]);

  g_assert_nonnull (colouring);
  g_assert_cmpstr (shequ_measure_get_id (shequ_map_colouring_get_measure (colouring)), ==, "band");
  for (guint t = 0; t < N_TARGETS; t++)
    {
      const ShequEvalTargetRow *target = shequ_eval_store_lookup_target (fixture->store,
                                                                         fixture->targets[t]);
      int index = shequ_eval_store_target_index (fixture->store, fixture->periods[1], target->id);
      ShequColour fill, expected;

      g_assert_cmpint (index, >=, 0);
      g_assert_true (shequ_map_colouring_get_fill (colouring, target->unit_id, &fill));
      shequ_band_get_colour (results->band[index], &expected);
      g_assert_cmpfloat_with_epsilon (fill.red, expected.red, 1e-6);
      g_assert_cmpfloat_with_epsilon (fill.green, expected.green, 1e-6);
      g_assert_cmpfloat_with_epsilon (fill.blue, expected.blue, 1e-6);
    }
}

static void
test_band_map (Fixture       *fixture,
               gconstpointer  data)
{
  ShequMapPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view-map", NULL));
  page = SHEQU_MAP_PAGE (shequ_widget_find_descendant (GTK_WIDGET (fixture->window),
                                                       SHEQU_TYPE_MAP_PAGE));
  g_assert_nonnull (page);
  if (g_strcmp0 (shequ_map_page_get_state (page), "empty") == 0)
    shequ_map_page_set_map_func (page, shequ_map_new_stand_in);
  shequ_map_page_set_measure (page, "band");
  assert_band_colours (fixture, shequ_map_renderer_get_colouring (
                                  shequ_map_view_get_renderer (shequ_map_page_get_view (page))));
}

static ShequPresentationWindow *
find_presentation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SHEQU_IS_PRESENTATION_WINDOW (window))
        return SHEQU_PRESENTATION_WINDOW (window);
    }
  return NULL;
}

static ShequMapColouring *
get_presentation_colouring (ShequPresentationWindow *presentation)
{
  ShequMapView *view = shequ_presentation_window_get_map_view (presentation);

  return shequ_map_renderer_get_colouring (shequ_map_view_get_renderer (view));
}

/* Presentation mode shows what the map page colours by, and its controls choose the
 * bands whatever the map page shows. */
static void
test_presentation_band (Fixture       *fixture,
                        gconstpointer  data)
{
  ShequMapPage *page;
  ShequPresentationWindow *presentation;
  GActionGroup *actions;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view-map", NULL));
  page = SHEQU_MAP_PAGE (shequ_widget_find_descendant (GTK_WIDGET (fixture->window),
                                                       SHEQU_TYPE_MAP_PAGE));
  if (g_strcmp0 (shequ_map_page_get_state (page), "empty") == 0)
    shequ_map_page_set_map_func (page, shequ_map_new_stand_in);
  shequ_map_page_set_measure (page, "band");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.present-map", NULL));
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  assert_band_colours (fixture, get_presentation_colouring (presentation));
  gtk_window_destroy (GTK_WINDOW (presentation));
  shequ_test_flush_main_context ();

  shequ_map_page_set_measure (page, "population");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.present-map", NULL));
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  g_assert_cmpstr (shequ_measure_get_id (shequ_map_colouring_get_measure (get_presentation_colouring (presentation))),
                   ==, "population");
  actions = shequ_presentation_window_get_actions (presentation);
  g_assert_true (g_action_group_get_action_enabled (actions, "colour-by"));
  g_action_group_change_action_state (actions, "colour-by", g_variant_new_string ("band"));
  assert_band_colours (fixture, get_presentation_colouring (presentation));
  g_action_group_change_action_state (actions, "colour-by", g_variant_new_string ("map"));
  g_assert_cmpstr (shequ_measure_get_id (shequ_map_colouring_get_measure (get_presentation_colouring (presentation))),
                   ==, "population");
  gtk_window_destroy (GTK_WINDOW (presentation));
  shequ_test_flush_main_context ();
}

static gboolean
window_idle (gpointer data)
{
  return !shequ_window_is_busy (SHEQU_WINDOW (data));
}

/* Export Report… writes in a thread while the page waits, then says where it went; a
 * file name of another kind is refused before anything starts. */
static void
test_export_report (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "ranking.csv", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "ranking.docx", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  ShequEvalPage *page = show_eval_page (fixture);
  const ShequEvalTargetRow *target = shequ_eval_store_lookup_target (fixture->store,
                                                                     fixture->targets[0]);
  gsize length = 0;

  g_assert_false (shequ_window_export_eval_report (fixture->window, fixture->periods[1], bad,
                                                   &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (shequ_window_is_busy (fixture->window));
  g_clear_error (&error);

  g_assert_true (shequ_window_export_eval_report (fixture->window, fixture->periods[1], csv,
                                                  &error));
  g_assert_no_error (error);
  g_assert_true (shequ_window_is_busy (fixture->window));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (page)));
  shequ_test_wait_until (window_idle, fixture->window);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (page)));
  g_assert_true (g_file_get_contents (csv, &text, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
  g_assert_nonnull (strstr (text, target->name));
  g_assert_nonnull (strstr (shequ_window_get_toast_text (fixture->window), "ranking.csv"));

#ifndef __SANITIZE_ADDRESS__
  /* The PDF, with the street's band map made for it on this thread. */
  {
    g_autofree char *pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
    g_autofree char *head = NULL;

    g_assert_true (shequ_window_export_eval_report (fixture->window, fixture->periods[1], pdf,
                                                    &error));
    shequ_test_wait_until (window_idle, fixture->window);
    g_assert_true (g_file_get_contents (pdf, &head, NULL, &error));
    g_assert_true (g_str_has_prefix (head, "%PDF"));
  }
#endif
}

/* Alt+4 is the evaluation's, as Alt+1–3 are the other views'. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.view-eval");

  g_assert_true (g_strv_contains ((const char *const *) accels, "<Alt>4"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view-org", NULL));
  g_assert_cmpstr (shequ_window_get_page (fixture->window), ==, "org");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view-eval", NULL));
  g_assert_cmpstr (shequ_window_get_page (fixture->window), ==, "eval");
}

/* 评分: the scoring page, on the window's evaluation. */
static void
test_scoring_view (Fixture       *fixture,
                   gconstpointer  data)
{
  ShequEvalPage *page = show_eval_page (fixture);
  GtkWidget *scoring = shequ_eval_page_get_scoring_page (page);

  g_assert_true (SHEQU_IS_SCORING_PAGE (scoring));
  g_assert_true (shequ_scoring_page_get_store (SHEQU_SCORING_PAGE (scoring)) == fixture->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "eval.show-sheet", NULL));
  g_assert_cmpstr (shequ_eval_page_get_view (page), ==, "sheet");
  g_assert_true (gtk_widget_is_visible (scoring));
}

/* "New sample street" on the welcome page gives the evaluation its sample too: the
 * ranking and the flags have something to show. */
static void
test_open_sample (void)
{
  g_autofree char *dir = shequ_test_make_tmpdir ("shequ-test-eval-sample-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  ShequWindow *window = shequ_test_open_window (GTK_APPLICATION (app), path, NULL);
  ShequEvalStore *store = shequ_window_get_eval_store (window);
  ShequEvalPage *page;

  g_assert_nonnull (store);
  g_assert_cmpuint (shequ_eval_store_get_periods (store)->len, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  g_assert_cmpuint (shequ_eval_store_get_sets (store)->len, >=, 2);
  g_assert_cmpuint (shequ_eval_store_get_periods (store)->len, >=, 4);
  g_assert_cmpuint (shequ_eval_store_get_flags (store)->len, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view-eval", NULL));
  page = SHEQU_EVAL_PAGE (shequ_window_get_eval_page (window));
  g_assert_cmpint (shequ_eval_ranking_get_period (shequ_eval_page_get_ranking (page)), !=, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_eval_ranking_get_rows (shequ_eval_page_get_ranking (page))),
                    >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shequ_eval_flags_get_rows (shequ_eval_page_get_flags (page))),
                    ==, shequ_eval_store_get_flags (store)->len);
  shequ_test_close_all_windows (GTK_APPLICATION (app));
  shequ_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SHEQU_NO_DAILY_BACKUP", "1", TRUE);
  /* No GL: the GL driver, unloaded before the leak check, leaves allocations no
   * suppression can name (as in test-map-dialogs); nothing here needs GL. */
  g_setenv ("GDK_DEBUG", "gl-disable,nograbs", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  shequ_test_gtk_init (&argc, &argv);
  app = shequ_test_new_app ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/eval-page/ranking-order-and-arrows", test_ranking);
  ADD ("/eval-page/row-opens-target-trend", test_target_page);
  ADD ("/eval-page/target-log-and-flags", test_target_log);
  ADD ("/eval-page/flag-interview-needs-note", test_flags);
  ADD ("/eval-page/map-band-colours", test_band_map);
  ADD ("/eval-page/presentation-band", test_presentation_band);
  ADD ("/eval-page/alt-4", test_keyboard);
  ADD ("/eval-page/scoring-view", test_scoring_view);
  ADD ("/eval-page/export-report", test_export_report);
#undef ADD
  g_test_add_func ("/eval-page/open-sample", test_open_sample);

  {
    int status = g_test_run ();

    g_clear_object (&app);
    return status;
  }
}
