/* test-eval-dialogs.c — the indicator set editor and the open-period dialog, driven through their widgets */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-eval-dialogs"

#include "config.h"

#include <math.h>
#include <string.h>

#include "shequ-audit.h"
#include "shequ-eval-dialogs-private.h"
#include "shequ-eval-sample.h"
#include "shequ-test-gtk-util.h"
#include "shequ-test-units.h"

/* The sample street (no evaluation yet) made once; each test opens a copy. */
static char *template_dir;
static char *template_db;

typedef struct {
  char           *path;
  ShequDatabase  *db;
  ShequOrgStore  *org;
  ShequEvalStore *eval;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint serial;
  g_autofree char *name = g_strdup_printf ("copy-%u.db", serial++);
  g_autoptr(GFile) from = g_file_new_for_path (template_db);
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;

  f->path = g_build_filename (template_dir, name, NULL);
  to = g_file_new_for_path (f->path);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  f->org = shequ_test_open_store (f->path, SHEQU_DATABASE_FLAGS_NO_BACKUP, &f->db);
  f->eval = shequ_eval_store_new (f->org, &error);
  g_assert_no_error (error);
  shequ_eval_store_set_actor (f->eval, "测试");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->eval);
  g_clear_object (&f->org);
  g_clear_object (&f->db);
  g_clear_pointer (&f->path, g_free);
}

static GtkWidget *
child (gpointer    dialog,
       GType       type,
       const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), type, id);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

#define SET_CHILD(dialog, id)    child (dialog, SHEQU_TYPE_EVAL_SET_DIALOG, id)
#define PERIOD_CHILD(dialog, id) child (dialog, SHEQU_TYPE_PERIOD_DIALOG, id)

/* The first widget below ROOT named NAME (gtk_widget_set_name), depth first. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint64
count_audit (Fixture *f)
{
  guint64 n = 0;

  g_assert_true (shequ_audit_verify (f->db, &n, NULL, NULL));
  return n;
}

static void
set_text (GtkWidget  *editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* Fills the form of the selected indicator, as typing would. */
static void
fill_indicator (ShequEvalSetDialog *dialog,
                const char         *category,
                const char         *name,
                double              weight,
                double              max)
{
  set_text (SET_CHILD (dialog, "category_entry"), category);
  set_text (SET_CHILD (dialog, "indicator_name_entry"), name);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "weight_spin")), weight);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "max_spin")), max);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (SET_CHILD (dialog,
                                                                                "guidance_view"))),
                            "按要求落实的得满分，每缺一项扣1分。", -1);
}

static const char *
weight_sum_text (ShequEvalSetDialog *dialog)
{
  return gtk_label_get_text (GTK_LABEL (SET_CHILD (dialog, "weight_sum_label")));
}

static const ShequEvalSetDef *
only_set (Fixture *f)
{
  GPtrArray *sets = shequ_eval_store_get_sets (f->eval);

  g_assert_cmpuint (sets->len, ==, 1);
  return g_ptr_array_index (sets, 0);
}

/* A new set typed in: its rules, three indicators added, moved and one removed, the
 * live sum of the weights, a flag rule changed; saved, it is in the store as shown. */
static void
test_set_new (Fixture       *f,
              gconstpointer  data)
{
  ShequEvalSetDialog *dialog = shequ_eval_set_dialog_new (NULL, f->eval, 0,
                                                          SHEQU_EVAL_KIND_COMMUNITY);
  GtkWidget *sum = SET_CHILD (dialog, "weight_sum_label");
  GtkListBox *list = GTK_LIST_BOX (SET_CHILD (dialog, "indicator_list"));
  g_autoptr(GError) error = NULL;
  const ShequEvalSetDef *saved;
  GtkWidget *count;
  gint64 set_id = 0;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  set_text (SET_CHILD (dialog, "name_entry"), "  测试社区考评  ");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (SET_CHILD (dialog, "combine_dropdown")),
                              SHEQU_EVAL_COMBINE_TRIMMED);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "green_spin")), 88);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "orange_spin")), 72.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "comment_spin")), 50);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "set.add-indicator", NULL));
  fill_indicator (dialog, "党建引领", "基层党组织建设", 40, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "set.add-indicator", NULL));
  fill_indicator (dialog, "为民服务", "便民服务", 30, 15);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "set.add-indicator", NULL));
  fill_indicator (dialog, "平安法治", "矛盾纠纷化解", 20, 20);
  g_assert_cmpuint (shequ_eval_set_dialog_get_def (dialog)->indicators->len, ==, 3);

  /* 90: shown in red, with why it matters. */
  g_assert_nonnull (strstr (weight_sum_text (dialog), "90, not 100"));
  g_assert_true (gtk_widget_has_css_class (sum, "error"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "weight_spin")), 30);
  g_assert_cmpstr (weight_sum_text (dialog), ==, "Weights sum to 100");
  g_assert_false (gtk_widget_has_css_class (sum, "error"));

  /* The third up to second place; the keyboard's Alt+↑ does the same. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "set.move-up", NULL));
  g_assert_cmpstr (((ShequIndicatorRow *) g_ptr_array_index (shequ_eval_set_dialog_get_def (dialog)->indicators, 1))->name,
                   ==, "矛盾纠纷化解");
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 1);
  /* A fourth, removed again: back to 100. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "set.add-indicator", NULL));
  fill_indicator (dialog, "孝善德治", "多余的指标", 5, 5);
  g_assert_nonnull (strstr (weight_sum_text (dialog), "105, not 100"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "set.remove-indicator", NULL));
  g_assert_cmpstr (weight_sum_text (dialog), ==, "Weights sum to 100");
  g_assert_cmpuint (shequ_eval_set_dialog_get_def (dialog)->indicators->len, ==, 3);

  /* The first rule (red twice in a row): three times now, and "in the last" follows. */
  count = find_named (SET_CHILD (dialog, "rules_list"), "rule-count");
  g_assert_nonnull (count);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (count), 3);

  g_assert_true (shequ_eval_set_dialog_save (dialog, &set_id, &error));
  g_assert_no_error (error);
  g_assert_null (dialog);   /* it closed */

  saved = only_set (f);
  g_assert_cmpint (saved->set->id, ==, set_id);
  g_assert_cmpstr (saved->set->name, ==, "测试社区考评");
  g_assert_cmpint (saved->set->combine, ==, SHEQU_EVAL_COMBINE_TRIMMED);
  g_assert_cmpfloat (saved->set->green_min, ==, 88);
  g_assert_cmpfloat (saved->set->orange_min, ==, 72.5);
  g_assert_cmpfloat_with_epsilon (saved->set->comment_below, 0.5, 1e-9);
  g_assert_cmpuint (saved->indicators->len, ==, 3);
  g_assert_cmpstr (((ShequIndicatorRow *) g_ptr_array_index (saved->indicators, 0))->name, ==,
                   "基层党组织建设");
  g_assert_cmpstr (((ShequIndicatorRow *) g_ptr_array_index (saved->indicators, 1))->name, ==,
                   "矛盾纠纷化解");
  g_assert_cmpint (((ShequIndicatorRow *) g_ptr_array_index (saved->indicators, 1))->max_score, ==,
                   2000);
  g_assert_cmpfloat (shequ_eval_set_def_get_weight_sum (saved), ==, 100);
  /* Codes made up for the new indicators, different from each other. */
  g_assert_cmpstr (((ShequIndicatorRow *) g_ptr_array_index (saved->indicators, 0))->code, !=,
                   ((ShequIndicatorRow *) g_ptr_array_index (saved->indicators, 1))->code);
  g_assert_cmpuint (saved->flag_rules->len, ==, 2);
  g_assert_cmpuint (((ShequFlagRuleRow *) g_ptr_array_index (saved->flag_rules, 0))->count, ==, 3);
  g_assert_cmpuint (((ShequFlagRuleRow *) g_ptr_array_index (saved->flag_rules, 0))->within, >=, 3);
}

/* A refused save (the band rule upside down) shows the store's reason and keeps the
 * dialog open. */
static void
test_set_refused (Fixture       *f,
                  gconstpointer  data)
{
  ShequEvalSetDialog *dialog = shequ_eval_set_dialog_new (NULL, f->eval, 0, SHEQU_EVAL_KIND_CADRE);
  g_autoptr(GError) error = NULL;
  guint64 before = count_audit (f);

  set_text (SET_CHILD (dialog, "name_entry"), "干部考评");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "green_spin")), 60);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "orange_spin")), 70);
  g_assert_false (shequ_eval_set_dialog_save (dialog, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_true (gtk_widget_get_visible (SET_CHILD (dialog, "error_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (SET_CHILD (dialog, "error_label"))), ==,
                   error->message);
  g_assert_cmpuint (shequ_eval_store_get_sets (f->eval)->len, ==, 0);
  g_assert_cmpuint (count_audit (f), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A set saved through the store directly: WEIGHT for each of its two indicators. */
static gint64
save_set (Fixture *f,
          double   weight)
{
  g_autoptr(ShequEvalSetDef) def = shequ_eval_set_def_new_default (SHEQU_EVAL_KIND_COMMUNITY,
                                                                  "社区考评");
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  for (guint i = 0; i < 2; i++)
    {
      ShequIndicatorRow *ind = shequ_indicator_row_new ();

      ind->position = i;
      ind->code = g_strdup_printf ("C%02u", i + 1);
      ind->category = g_strdup ("党建引领");
      ind->name = g_strdup_printf ("指标%u", i + 1);
      ind->weight = weight;
      ind->max_score = 1000;
      ind->guidance = g_strdup ("");
      g_ptr_array_add (def->indicators, ind);
    }
  g_assert_true (shequ_eval_store_save_set (f->eval, def, NULL, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Editing a set in the dialog: the form shows it, a change saves into the same set. */
static void
test_set_edit (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = save_set (f, 45);
  ShequEvalSetDialog *dialog = shequ_eval_set_dialog_new (NULL, f->eval, id,
                                                          SHEQU_EVAL_KIND_COMMUNITY);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (SET_CHILD (dialog, "name_entry"))), ==,
                   "社区考评");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (SET_CHILD (dialog, "indicator_name_entry"))),
                   ==, "指标1");
  g_assert_nonnull (strstr (weight_sum_text (dialog), "90, not 100"));
  /* Full-width digits, as a Chinese input method types them. */
  set_text (SET_CHILD (dialog, "weight_spin"), "５５．５");
  gtk_spin_button_update (GTK_SPIN_BUTTON (SET_CHILD (dialog, "weight_spin")));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "weight_spin"))),
                     ==, 55.5);
  g_assert_nonnull (strstr (weight_sum_text (dialog), "100.5, not 100"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "weight_spin")), 55);
  g_assert_cmpstr (weight_sum_text (dialog), ==, "Weights sum to 100");
  g_assert_true (shequ_eval_set_dialog_save (dialog, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (shequ_eval_set_def_get_weight_sum (only_set (f)), ==, 100);
  g_assert_cmpint (only_set (f)->set->family, ==, id);
}

/* The sample's community set, scored with: the dialog says a save makes version 2, and
 * the periods keep version 1. */
static void
test_set_new_version (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const ShequEvalSetDef *community;
  ShequEvalSetDialog *dialog;
  GPtrArray *periods;
  gint64 old_id, new_id = 0;

  g_assert_true (shequ_eval_sample_populate (f->eval, &error));
  g_assert_no_error (error);
  community = g_ptr_array_index (shequ_eval_store_get_sets (f->eval), 1);
  g_assert_cmpint (community->set->kind, ==, SHEQU_EVAL_KIND_COMMUNITY);
  old_id = community->set->id;

  dialog = shequ_eval_set_dialog_new (NULL, f->eval, old_id, SHEQU_EVAL_KIND_COMMUNITY);
  g_assert_true (gtk_widget_get_visible (SET_CHILD (dialog, "version_note")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (SET_CHILD (dialog, "version_note"))),
                            "saving makes version 2"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "green_spin")), 90);
  g_assert_true (shequ_eval_set_dialog_save (dialog, &new_id, &error));
  g_assert_no_error (error);

  g_assert_cmpint (new_id, !=, old_id);
  g_assert_cmpuint (shequ_eval_store_lookup_set (f->eval, new_id)->set->version, ==, 2);
  g_assert_cmpfloat (shequ_eval_store_lookup_set (f->eval, new_id)->set->green_min, ==, 90);
  g_assert_cmpfloat (shequ_eval_store_lookup_set (f->eval, old_id)->set->green_min, ==, 85);
  periods = shequ_eval_store_get_periods (f->eval);
  for (guint i = 0; i < periods->len; i++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);

      g_assert_cmpint (period->set_id, !=, new_id);
    }
}

/* Weights of 90: the period dialog says so, cannot open, and writes nothing. */
static void
test_period_weights (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = save_set (f, 45);
  ShequPeriodDialog *dialog = shequ_period_dialog_new (NULL, f->eval);
  g_autoptr(GError) error = NULL;
  guint64 before = count_audit (f);
  GtkWidget *warning;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (shequ_period_dialog_select_set (dialog, id));
  warning = PERIOD_CHILD (dialog, "weights_label");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (warning)), "sum to 90, not 100"));
  g_assert_false (gtk_widget_get_sensitive (PERIOD_CHILD (dialog, "open_button")));

  g_assert_false (shequ_period_dialog_open (dialog, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_WEIGHTS);
  g_assert_true (gtk_widget_get_visible (PERIOD_CHILD (dialog, "error_label")));
  g_assert_cmpuint (shequ_eval_store_get_periods (f->eval)->len, ==, 0);
  g_assert_cmpuint (count_audit (f), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static guint
count_graders (ShequEvalStore *eval,
               gint64          period_id,
               gint64          target_id)
{
  GPtrArray *assessors = shequ_eval_store_get_assessors (eval, period_id);
  guint n = 0;

  for (guint a = 0; a < assessors->len; a++)
    {
      g_autoptr(GArray) ids = shequ_eval_store_get_assigned (eval,
                                                             ((ShequAssessorRow *) g_ptr_array_index (assessors, a))->id);

      for (guint i = 0; i < ids->len; i++)
        n += g_array_index (ids, gint64, i) == target_id;
    }
  return n;
}

static GPtrArray *
assessor_checks (ShequPeriodDialog *dialog)
{
  GPtrArray *checks = g_ptr_array_new ();
  GtkWidget *list = PERIOD_CHILD (dialog, "assessor_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      g_ptr_array_add (checks, gtk_widget_get_first_child (box));
    }
  return checks;
}

/* Three of the five assessors, each grading every target; label and dates suggested. */
static void
test_period_every (Fixture       *f,
                   gconstpointer  data)
{
  gint64 set_id = save_set (f, 50);
  ShequPeriodDialog *dialog = shequ_period_dialog_new (NULL, f->eval);
  g_autoptr(GPtrArray) checks = assessor_checks (dialog);
  g_autoptr(GError) error = NULL;
  GPtrArray *targets = shequ_eval_store_get_targets (f->eval, SHEQU_EVAL_KIND_COMMUNITY);
  const ShequPeriodRow *period;
  const char *starts;
  gint64 period_id = 0;

  g_assert_true (shequ_period_dialog_select_set (dialog, set_id));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (PERIOD_CHILD (dialog, "kind_dropdown")),
                              SHEQU_PERIOD_KIND_QUARTER);
  /* A quarter suggested: the one today is in, for a set's first period. */
  starts = gtk_editable_get_text (GTK_EDITABLE (PERIOD_CHILD (dialog, "starts_entry")));
  g_assert_cmpuint (strlen (starts), ==, 10);
  g_assert_true (g_str_has_suffix (starts, "-01"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (PERIOD_CHILD (dialog, "label_entry"))),
                   !=, "");
  g_assert_true (gtk_widget_get_sensitive (PERIOD_CHILD (dialog, "open_button")));

  g_assert_cmpuint (checks->len, ==, 5);
  gtk_check_button_set_active (g_ptr_array_index (checks, 1), FALSE);
  gtk_check_button_set_active (g_ptr_array_index (checks, 3), FALSE);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (PERIOD_CHILD (dialog, "plan_label"))),
                            "3 assessors each grade all 83 targets"));
  set_text (PERIOD_CHILD (dialog, "label_entry"), "2026年第四季度");
  set_text (PERIOD_CHILD (dialog, "starts_entry"), "２０２６－１０－０１");
  set_text (PERIOD_CHILD (dialog, "ends_entry"), "2026-12-31");

  g_assert_true (shequ_period_dialog_open (dialog, &period_id, &error));
  g_assert_no_error (error);
  period = shequ_eval_store_lookup_period (f->eval, period_id);
  g_assert_nonnull (period);
  g_assert_cmpstr (period->label, ==, "2026年第四季度");
  g_assert_cmpstr (period->starts, ==, "2026-10-01");
  g_assert_cmpint (period->state, ==, SHEQU_PERIOD_STATE_OPEN);
  g_assert_cmpuint (shequ_eval_store_get_assessors (f->eval, period_id)->len, ==, 3);
  for (guint t = 0; t < targets->len; t++)
    g_assert_cmpuint (count_graders (f->eval, period_id,
                                     ((ShequEvalTargetRow *) g_ptr_array_index (targets, t))->id),
                      ==, 3);

  /* The next one is suggested after it. */
  dialog = shequ_period_dialog_new (NULL, f->eval);
  g_assert_true (shequ_period_dialog_select_set (dialog, set_id));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (PERIOD_CHILD (dialog, "starts_entry"))),
                   ==, "2027-01-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (PERIOD_CHILD (dialog, "ends_entry"))),
                   ==, "2027-03-31");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (PERIOD_CHILD (dialog, "label_entry"))),
                   ==, "Q1 2027");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (PERIOD_CHILD (dialog, "kind_dropdown")),
                              SHEQU_PERIOD_KIND_MONTH);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (PERIOD_CHILD (dialog, "ends_entry"))),
                   ==, "2027-01-31");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Split by area, two assessors a target: every target graded by exactly two. */
static void
test_period_split (Fixture       *f,
                   gconstpointer  data)
{
  gint64 set_id = save_set (f, 50);
  ShequPeriodDialog *dialog = shequ_period_dialog_new (NULL, f->eval);
  g_autoptr(GError) error = NULL;
  GPtrArray *targets = shequ_eval_store_get_targets (f->eval, SHEQU_EVAL_KIND_COMMUNITY);
  const char *plan;
  gint64 period_id = 0;

  g_assert_true (shequ_period_dialog_select_set (dialog, set_id));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (PERIOD_CHILD (dialog, "split_check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (PERIOD_CHILD (dialog, "per_target_spin")), 2);
  plan = gtk_label_get_text (GTK_LABEL (PERIOD_CHILD (dialog, "plan_label")));
  g_assert_nonnull (strstr (plan, "城区东片区: "));
  g_assert_nonnull (strstr (plan, "蒙阳片区: "));

  g_assert_true (shequ_period_dialog_open (dialog, &period_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shequ_eval_store_get_assessors (f->eval, period_id)->len, ==, 5);
  for (guint t = 0; t < targets->len; t++)
    g_assert_cmpuint (count_graders (f->eval, period_id,
                                     ((ShequEvalTargetRow *) g_ptr_array_index (targets, t))->id),
                      ==, 2);
}

/* The store refuses the dates: the dialog shows why, and nothing is written. */
static void
test_period_bad_dates (Fixture       *f,
                       gconstpointer  data)
{
  gint64 set_id = save_set (f, 50);
  ShequPeriodDialog *dialog = shequ_period_dialog_new (NULL, f->eval);
  g_autoptr(GError) error = NULL;
  guint64 before = count_audit (f);

  g_assert_true (shequ_period_dialog_select_set (dialog, set_id));
  set_text (PERIOD_CHILD (dialog, "starts_entry"), "2026-12-31");
  set_text (PERIOD_CHILD (dialog, "ends_entry"), "2026-10-01");
  g_assert_false (shequ_period_dialog_open (dialog, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_INVALID);
  g_assert_true (gtk_widget_get_visible (PERIOD_CHILD (dialog, "error_label")));
  g_assert_cmpuint (shequ_eval_store_get_periods (f->eval)->len, ==, 0);
  g_assert_cmpuint (count_audit (f), ==, before);

  /* No assessor chosen: refused before the store is asked. */
  set_text (PERIOD_CHILD (dialog, "starts_entry"), "2026-10-01");
  set_text (PERIOD_CHILD (dialog, "ends_entry"), "2026-12-31");
  {
    g_autoptr(GPtrArray) checks = assessor_checks (dialog);

    for (guint i = 0; i < checks->len; i++)
      gtk_check_button_set_active (g_ptr_array_index (checks, i), FALSE);
  }
  g_clear_error (&error);
  g_assert_false (shequ_period_dialog_open (dialog, NULL, &error));
  g_assert_error (error, SHEQU_EVAL_ERROR, SHEQU_EVAL_ERROR_NOT_ASSESSOR);
  g_assert_cmpuint (shequ_eval_store_get_periods (f->eval)->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Every mnemonic below ROOT: its key, once each. */
static void
collect_mnemonics (GtkWidget  *root,
                   GHashTable *seen)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_use_underline (GTK_LABEL (root)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (root)));

      if (key != GDK_KEY_VoidSymbol)
        {
          if (g_hash_table_contains (seen, GUINT_TO_POINTER (key)))
            g_error ("the mnemonic %s of “%s” is used twice", gdk_keyval_name (key),
                     gtk_label_get_label (GTK_LABEL (root)));
          g_hash_table_add (seen, GUINT_TO_POINTER (key));
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_mnemonics (c, seen);
}

static void
check_mnemonics (Fixture *f)
{
  GtkWidget *dialogs[] = {
    GTK_WIDGET (shequ_eval_set_dialog_new (NULL, f->eval, save_set (f, 50),
                                           SHEQU_EVAL_KIND_COMMUNITY)),
    GTK_WIDGET (shequ_period_dialog_new (NULL, f->eval)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      collect_mnemonics (dialogs[i], seen);
      /* Cancel, Save or Open, and the fields' own. */
      g_assert_cmpuint (g_hash_table_size (seen), >=, 10);
      /* The flag rules' fields have no caption: a name for screen readers instead. */
      if (i == 0)
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (find_named (dialogs[i],
                                                                                     "rule-count")),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL));
      gtk_window_destroy (GTK_WINDOW (dialogs[i]));
    }
}

static void
test_mnemonics (Fixture       *f,
                gconstpointer  data)
{
  check_mnemonics (f);
}

/* The same in Chinese, whose mnemonics are the translator's: last, as it leaves the
 * process in zh_CN. */
static void
test_mnemonics_chinese (Fixture       *f,
                        gconstpointer  data)
{
  if (!shequ_test_use_chinese ())
    return;
  check_mnemonics (f);
}

/* The dialogs of the sample street's evaluation as PNG files in $SHEQU_TEST_SHOTS. */
static void
save_shot (GtkWidget  *window,
           const char *name)
{
  const char *dir = g_getenv ("SHEQU_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *lang = g_getenv ("SHEQU_TEST_SHOTS_LANG");
  g_autofree char *set_name = NULL;
  g_autofree char *period_name = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  if (g_getenv ("SHEQU_TEST_SHOTS") == NULL)
    {
      g_test_skip ("SHEQU_TEST_SHOTS is not set");
      return;
    }
  g_assert_true (shequ_eval_sample_populate (f->eval, &error));
  g_assert_no_error (error);
  set_name = g_strconcat ("eval-set-dialog-", lang ? lang : "en", NULL);
  period_name = g_strconcat ("eval-period-dialog-", lang ? lang : "en", NULL);

  dialog = shequ_eval_set_dialog_present (NULL, f->eval,
                                          ((ShequEvalSetDef *) g_ptr_array_index (shequ_eval_store_get_sets (f->eval), 1))->set->id,
                                          SHEQU_EVAL_KIND_COMMUNITY);
  shequ_test_wait_frames (GTK_WIDGET (dialog), 3);
  save_shot (GTK_WIDGET (dialog), set_name);
  /* A weight changed: the sum in red, and why. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (SET_CHILD (dialog, "weight_spin")), 5);
  shequ_test_wait_frames (GTK_WIDGET (dialog), 3);
  g_free (set_name);
  set_name = g_strconcat ("eval-set-dialog-weights-", lang ? lang : "en", NULL);
  save_shot (GTK_WIDGET (dialog), set_name);
  gtk_window_destroy (dialog);

  dialog = shequ_period_dialog_present (NULL, f->eval);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (PERIOD_CHILD (dialog, "split_check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (PERIOD_CHILD (dialog, "per_target_spin")), 3);
  shequ_test_wait_frames (GTK_WIDGET (dialog), 3);
  save_shot (GTK_WIDGET (dialog), period_name);
  gtk_window_destroy (dialog);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_strcmp0 (g_getenv ("SHEQU_TEST_SHOTS_LANG"), "zh_CN") == 0)
    shequ_test_use_chinese ();
  shequ_test_gtk_init (&argc, &argv);
  template_dir = shequ_test_make_tmpdir ("shequ-eval-dialogs-XXXXXX");
  template_db = g_build_filename (template_dir, "template.db", NULL);
  shequ_test_make_sample_database (template_db, FALSE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/eval-dialogs/set/new", test_set_new);
  ADD ("/eval-dialogs/set/refused", test_set_refused);
  ADD ("/eval-dialogs/set/edit", test_set_edit);
  ADD ("/eval-dialogs/set/new-version", test_set_new_version);
  ADD ("/eval-dialogs/period/weights", test_period_weights);
  ADD ("/eval-dialogs/period/every", test_period_every);
  ADD ("/eval-dialogs/period/split", test_period_split);
  ADD ("/eval-dialogs/period/bad-dates", test_period_bad_dates);
  ADD ("/eval-dialogs/mnemonics", test_mnemonics);
  ADD ("/eval-dialogs/screenshots", test_screenshots);
  ADD ("/eval-dialogs/zh_CN/mnemonics", test_mnemonics_chinese);
#undef ADD
  status = g_test_run ();
  shequ_test_remove_tree (template_dir);
  g_free (template_db);
  g_free (template_dir);
  return status;
}
