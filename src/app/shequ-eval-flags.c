/* shequ-eval-flags.c — the evaluation's flags (约谈, 警示) and what was done about them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-flags"

#include "config.h"

#include <glib/gi18n.h>

#include "shequ-app-util.h"
#include "shequ-dialogs.h"
#include "shequ-eval-cells.h"
#include "shequ-eval-flags.h"

struct _ShequEvalFlags
{
  GtkWidget           parent_instance;

  ShequEvalStore     *store;
  GListStore         *rows;
  GtkSingleSelection *selection;
  GtkColumnView      *view;
  GtkStack           *stack;
  GtkLabel           *summary_label;
  GtkCheckButton     *open_only;
  GtkRevealer        *closed_bar;    /* "Flag closed" with Undo */
  gint64              closed_flag;   /* what Undo reopens; 0: none */
  GtkWindow          *dialog;        /* weak */
  GtkTextView        *note_view;     /* the dialog's */
  GtkLabel           *error_label;   /* the dialog's */
  gint64              dialog_flag;
};

enum {
  TARGET_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ShequEvalFlags, shequ_eval_flags, GTK_TYPE_WIDGET)

char *
shequ_flag_rule_describe (const ShequFlagRuleRow *rule)
{
  const char *band = shequ_band_get_label (rule->band);
  const char *action = shequ_flag_action_get_label (rule->action);

  g_return_val_if_fail (rule != NULL, NULL);

  if (rule->within <= rule->count)
    /* Translators: a flag rule: band, how many periods in a row, action ("连续2期红色 → 约谈") */
    return g_strdup_printf (_("%1$s %2$u times in a row → %3$s"), band, rule->count, action);
  /* Translators: a flag rule: band, how many times, in how many periods, action
   * ("近4期中3期橙色 → 警示") */
  return g_strdup_printf (_("%1$s %2$u times in %3$u periods → %4$s"), band, rule->count,
                          rule->within, action);
}

/* ------------------------------------------------------------------ rows */

static const ShequFlagRuleRow *
lookup_rule (ShequEvalStore     *store,
             const ShequFlagRow *flag)
{
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (store, flag->period_id);
  const ShequEvalSetDef *set = period != NULL ? shequ_eval_store_lookup_set (store, period->set_id)
                                              : NULL;

  for (guint i = 0; set != NULL && i < set->flag_rules->len; i++)
    {
      const ShequFlagRuleRow *rule = g_ptr_array_index (set->flag_rules, i);

      if (rule->id == flag->rule_id)
        return rule;
    }
  return NULL;
}

static ShequEvalRow *
make_row (ShequEvalFlags     *self,
          const ShequFlagRow *flag)
{
  ShequEvalRow *row = shequ_eval_row_new ();
  const ShequEvalTargetRow *target = shequ_eval_store_lookup_target (self->store, flag->target_id);
  const ShequPeriodRow *period = shequ_eval_store_lookup_period (self->store, flag->period_id);
  const ShequFlagRuleRow *rule = lookup_rule (self->store, flag);

  row->id = flag->id;
  row->target_id = flag->target_id;
  row->period_id = flag->period_id;
  row->state = flag->state;
  if (target != NULL && target->kind == SHEQU_EVAL_KIND_CADRE)
    row->name = g_strdup_printf ("%s（%s）", target->name, target->unit_name);
  else
    row->name = g_strdup (target != NULL ? target->name : "");
  row->detail = rule != NULL ? shequ_flag_rule_describe (rule)
                             : g_strdup (shequ_flag_action_get_label (flag->action));
  row->extra = g_strdup (period != NULL ? period->label : "");
  row->note = g_strdup (flag->note != NULL ? flag->note : "");
  return row;
}

static void
update_actions (ShequEvalFlags *self)
{
  ShequEvalRow *row = gtk_single_selection_get_selected_item (self->selection);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flags.interview",
                                 row != NULL && row->state == SHEQU_FLAG_STATE_OPEN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flags.close",
                                 row != NULL && row->state != SHEQU_FLAG_STATE_CLOSED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flags.undo-close", self->closed_flag != 0);
}

/* Open flags first, then those interviewed, then the closed ones; within a state the
 * store's order (newest period first). */
static int
compare_state_stable (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const ShequFlagRow *x = *(const ShequFlagRow * const *) a;
  const ShequFlagRow *y = *(const ShequFlagRow * const *) b;
  guint ix = 0, iy = 0;

  if (x->state != y->state)
    return (int) x->state - (int) y->state;
  g_ptr_array_find (user_data, x, &ix);
  g_ptr_array_find (user_data, y, &iy);
  return ix < iy ? -1 : ix > iy;
}

/* The flag Undo would reopen, while it is still closed; 0 otherwise (the bar hides). */
static void
update_closed_bar (ShequEvalFlags *self,
                   GPtrArray      *flags)
{
  gboolean still_closed = FALSE;

  for (guint i = 0; self->closed_flag != 0 && flags != NULL && i < flags->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (flags, i);

      if (flag->id == self->closed_flag)
        still_closed = flag->state == SHEQU_FLAG_STATE_CLOSED;
    }
  if (!still_closed)
    self->closed_flag = 0;
  gtk_revealer_set_reveal_child (self->closed_bar, self->closed_flag != 0);
}

static void
fill_rows (ShequEvalFlags *self)
{
  GPtrArray *flags = self->store != NULL ? shequ_eval_store_get_flags (self->store) : NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  ShequEvalRow *selected = gtk_single_selection_get_selected_item (self->selection);
  gint64 selected_id = selected != NULL ? selected->id : 0;
  guint n_open = 0;
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  gboolean open_only = gtk_check_button_get_active (self->open_only);
  guint n_all = flags != NULL ? flags->len : 0;

  for (guint i = 0; flags != NULL && i < flags->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (flags, i));
  /* g_ptr_array_sort is not stable: sort with the store's index as the tie-break. */
  g_ptr_array_sort_with_data (sorted, compare_state_stable, flags);
  for (guint i = 0; i < sorted->len; i++)
    {
      const ShequFlagRow *flag = g_ptr_array_index (sorted, i);

      n_open += flag->state == SHEQU_FLAG_STATE_OPEN;
      if (!open_only || flag->state == SHEQU_FLAG_STATE_OPEN)
        g_ptr_array_add (rows, make_row (self, flag));
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  if (selected_id != 0)
    shequ_eval_flags_select (self, selected_id);
  if (n_all == 0)
    summary = g_strdup (_("No flags have been raised"));
  else
    /* Translators: the flags' summary line; the first %u is the flags still open */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u flags open",
                                            "%u of %u flags open", n_all), n_open, n_all);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list"
                                                 : n_all > 0 ? "none-open" : "empty");
  update_closed_bar (self, flags);
  update_actions (self);
}

/* ------------------------------------------------------------------ cells */

static void
bind_target (GtkWidget    *cell,
             ShequEvalRow *row,
             gpointer      user_data)
{
  g_autofree char *label = NULL;

  gtk_label_set_text (GTK_LABEL (cell), row->name);
  /* Translators: how a screen reader reads a flag: target, rule, period, state */
  label = g_strdup_printf (_("%s, %s, %s, %s"), row->name, row->detail, row->extra,
                           shequ_flag_state_get_label (row->state));
  shequ_eval_cell_name_row (cell, label);
}

static void
bind_rule (GtkWidget    *cell,
           ShequEvalRow *row,
           gpointer      user_data)
{
  gtk_label_set_text (GTK_LABEL (cell), row->detail);
}

static void
bind_period (GtkWidget    *cell,
             ShequEvalRow *row,
             gpointer      user_data)
{
  gtk_label_set_text (GTK_LABEL (cell), row->extra);
}

static void
bind_state (GtkWidget    *cell,
            ShequEvalRow *row,
            gpointer      user_data)
{
  gtk_label_set_text (GTK_LABEL (cell), shequ_flag_state_get_label (row->state));
  if (row->state == SHEQU_FLAG_STATE_OPEN)
    gtk_widget_add_css_class (cell, "warning");
  else
    gtk_widget_remove_css_class (cell, "warning");
}

static void
bind_note (GtkWidget    *cell,
           ShequEvalRow *row,
           gpointer      user_data)
{
  gtk_label_set_text (GTK_LABEL (cell), row->note);
  gtk_widget_set_tooltip_text (cell, row->note != NULL && *row->note ? row->note : NULL);
}

/* ------------------------------------------------------------------ actions */

static gboolean
set_state (ShequEvalFlags  *self,
           gint64           flag_id,
           ShequFlagState   state,
           const char      *note,
           GError         **error)
{
  return shequ_eval_store_set_flag_state (self->store, flag_id, state, note, NULL, error);
}

static void
on_note_accept (ShequEvalFlags *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  /* The store says why a note is refused (none given): the dialog stays with it. */
  if (!set_state (self, self->dialog_flag, SHEQU_FLAG_STATE_INTERVIEWED, note, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
      return;
    }
  gtk_window_destroy (self->dialog);
}

static GtkWidget *
build_note_dialog (ShequEvalFlags *self,
                   ShequEvalRow   *row)
{
  GtkWidget *dialog = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("What was said and agreed (_Note)"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *cancel = NULL;
  GtkWidget *accept;
  GtkWidget *what = gtk_label_new (NULL);
  g_autofree char *text = g_strdup_printf ("%s — %s", row->name, row->detail);

  gtk_window_set_title (GTK_WINDOW (dialog), C_("evaluation page", "Interview Held"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 440, -1);
  if (GTK_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                  GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  accept = shequ_dialog_add_header (GTK_WINDOW (dialog), _("_Save"), &cancel);
  g_signal_connect_object (accept, "clicked", G_CALLBACK (on_note_accept), self, G_CONNECT_SWAPPED);

  gtk_label_set_text (GTK_LABEL (what), text);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_box_append (GTK_BOX (box), what);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  self->note_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->note_view, GTK_WRAP_WORD_CHAR);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->note_view));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("evaluation page", "Note"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->note_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 100);
  gtk_widget_add_css_class (scrolled, "frame");
  gtk_box_append (GTK_BOX (box), scrolled);
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  g_object_set (box, "margin-top", 12, "margin-bottom", 12, "margin-start", 12, "margin-end", 12,
                NULL);
  gtk_window_set_child (GTK_WINDOW (dialog), box);
  shequ_accessible_clean_mnemonics (dialog);
  return dialog;
}

static void
interview_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ShequEvalFlags *self = SHEQU_EVAL_FLAGS (widget);
  ShequEvalRow *row = gtk_single_selection_get_selected_item (self->selection);
  GtkWidget *dialog;

  if (row == NULL || self->store == NULL)
    return;
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  self->dialog_flag = row->id;
  dialog = build_note_dialog (self, row);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ShequEvalFlags *self = SHEQU_EVAL_FLAGS (widget);
  ShequEvalRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;

  gint64 flag_id;

  if (row == NULL || self->store == NULL)
    return;
  flag_id = row->id;
  if (!set_state (self, flag_id, SHEQU_FLAG_STATE_CLOSED, NULL, &error))
    {
      shequ_show_message (GTK_IS_WINDOW (gtk_widget_get_root (widget))
                          ? GTK_WINDOW (gtk_widget_get_root (widget)) : NULL,
                          GTK_MESSAGE_ERROR, _("Could not close the flag"), error->message);
      return;
    }
  /* Closing acts at once; the bar offers to take it back. */
  self->closed_flag = flag_id;
  gtk_revealer_set_reveal_child (self->closed_bar, TRUE);
  update_actions (self);
}

static void
undo_close_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ShequEvalFlags *self = SHEQU_EVAL_FLAGS (widget);
  gint64 flag_id = self->closed_flag;
  g_autoptr(GError) error = NULL;

  if (flag_id == 0 || self->store == NULL)
    return;
  self->closed_flag = 0;
  if (!set_state (self, flag_id, SHEQU_FLAG_STATE_OPEN, NULL, &error))
    shequ_show_message (GTK_IS_WINDOW (gtk_widget_get_root (widget))
                        ? GTK_WINDOW (gtk_widget_get_root (widget)) : NULL,
                        GTK_MESSAGE_ERROR, _("Could not reopen the flag"), error->message);
  else
    shequ_eval_flags_select (self, flag_id);
  gtk_revealer_set_reveal_child (self->closed_bar, FALSE);
  update_actions (self);
}

static void
on_activate (GtkColumnView  *view,
             guint           position,
             ShequEvalFlags *self)
{
  g_autoptr(ShequEvalRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row != NULL)
    g_signal_emit (self, signals[TARGET_ACTIVATED], 0, row->target_id, row->period_id);
}

/* ------------------------------------------------------------------ building */

static GtkWidget *
build_toolbar (ShequEvalFlags *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *interview = gtk_button_new_with_mnemonic (_("_Interview Held…"));
  GtkWidget *close = gtk_button_new_with_mnemonic (_("C_lose Flag"));

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "title-4");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->summary_label));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (interview), "flags.interview");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "flags.close");
  gtk_widget_set_tooltip_text (interview, _("Mark the interview held, with a note of it"));
  gtk_box_append (GTK_BOX (bar), interview);
  gtk_box_append (GTK_BOX (bar), close);
  self->open_only = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("O_pen only")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_only),
                               _("List only the flags nobody has acted on yet"));
  g_signal_connect_object (self->open_only, "toggled", G_CALLBACK (fill_rows), self,
                           G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (GTK_BOX (bar), GTK_WIDGET (self->open_only),
                              GTK_WIDGET (self->summary_label));
  return bar;
}

/* "Flag closed" and an Undo button, shown after Close Flag until the flag moves on. */
static GtkWidget *
build_closed_bar (ShequEvalFlags *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Flag closed"));
  GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo"));

  gtk_widget_add_css_class (box, "card");
  g_object_set (box, "margin-start", 0, "margin-end", 0, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  g_object_set (label, "margin-start", 12, "margin-top", 6, "margin-bottom", 6, NULL);
  gtk_box_append (GTK_BOX (box), label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (undo), "flags.undo-close");
  gtk_widget_set_tooltip_text (undo, _("Reopen the flag just closed"));
  g_object_set (undo, "margin-end", 6, "margin-top", 4, "margin-bottom", 4, NULL);
  gtk_box_append (GTK_BOX (box), undo);
  self->closed_bar = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->closed_bar, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->closed_bar, box);
  return GTK_WIDGET (self->closed_bar);
}

static void
build (ShequEvalFlags *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = gtk_label_new (_("No target has been flagged: flags are raised when a "
                                      "period closes and a rule fires (red twice in a row → an "
                                      "interview)."));
  GtkWidget *none_open = gtk_label_new (_("No flag is open: every one has been acted on."));

  gtk_widget_set_parent (build_toolbar (self), GTK_WIDGET (self));
  gtk_widget_set_parent (build_closed_bar (self), GTK_WIDGET (self));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("evaluation page", "Flags"), -1);
  g_signal_connect_object (self->view, "activate", G_CALLBACK (on_activate), self, 0);
  shequ_eval_add_column (self->view, C_("eval column", "Target"), 200, FALSE, SHEQU_EVAL_CELL_TEXT,
                         bind_target, self);
  shequ_eval_add_column (self->view, C_("eval column", "Rule"), 300, FALSE, SHEQU_EVAL_CELL_TEXT,
                         bind_rule, self);
  shequ_eval_add_column (self->view, C_("eval column", "Period"), 210, FALSE, SHEQU_EVAL_CELL_TEXT,
                         bind_period, self);
  shequ_eval_add_column (self->view, C_("eval column", "State"), 150, FALSE, SHEQU_EVAL_CELL_TEXT,
                         bind_state, self);
  shequ_eval_add_column (self->view, C_("eval column", "Note"), 0, TRUE, SHEQU_EVAL_CELL_TEXT,
                         bind_note, self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (empty), 60);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_widget_add_css_class (none_open, "dim-label");
  gtk_stack_add_named (self->stack, none_open, "none-open");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ GObject */

static void
shequ_eval_flags_dispose (GObject *object)
{
  ShequEvalFlags *self = SHEQU_EVAL_FLAGS (object);
  GtkWidget *child;

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  shequ_eval_flags_set_store (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (shequ_eval_flags_parent_class)->dispose (object);
}

static void
shequ_eval_flags_class_init (ShequEvalFlagsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_eval_flags_dispose;
  signals[TARGET_ACTIVATED] =
    g_signal_new ("target-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  gtk_widget_class_install_action (widget_class, "flags.interview", NULL, interview_action);
  gtk_widget_class_install_action (widget_class, "flags.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "flags.undo-close", NULL, undo_close_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "shequ-eval-flags");
}

static void
shequ_eval_flags_init (ShequEvalFlags *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  self->rows = g_list_store_new (SHEQU_TYPE_EVAL_ROW);
  build (self);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
  fill_rows (self);
}

/* ------------------------------------------------------------------ API */

GtkWidget *
shequ_eval_flags_new (void)
{
  return g_object_new (SHEQU_TYPE_EVAL_FLAGS, NULL);
}

void
shequ_eval_flags_set_store (ShequEvalFlags *self,
                            ShequEvalStore *store)
{
  g_return_if_fail (SHEQU_IS_EVAL_FLAGS (self));
  g_return_if_fail (store == NULL || SHEQU_IS_EVAL_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (fill_rows), self, G_CONNECT_SWAPPED);
  if (self->rows != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    fill_rows (self);
}

GListModel *
shequ_eval_flags_get_rows (ShequEvalFlags *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_FLAGS (self), NULL);
  return G_LIST_MODEL (self->rows);
}

gboolean
shequ_eval_flags_select (ShequEvalFlags *self,
                         gint64          flag_id)
{
  GListModel *model;

  g_return_val_if_fail (SHEQU_IS_EVAL_FLAGS (self), FALSE);

  model = G_LIST_MODEL (self->rows);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShequEvalRow) row = g_list_model_get_item (model, i);

      if (row->id == flag_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          update_actions (self);
          return TRUE;
        }
    }
  return FALSE;
}

GtkWindow *
shequ_eval_flags_get_dialog (ShequEvalFlags *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_FLAGS (self), NULL);
  return self->dialog;
}
