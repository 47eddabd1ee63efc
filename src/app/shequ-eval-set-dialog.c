/* shequ-eval-set-dialog.c — the dialog that edits an indicator set: rules, indicators, weights */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "shequ-eval-set-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shequ-app-util.h"
#include "shequ-eval-dialogs-private.h"

struct _ShequEvalSetDialog
{
  GtkWindow        parent_instance;

  ShequEvalStore  *store;
  ShequEvalSetDef *def;          /* the working copy, saved as a whole */
  int              selected;     /* the indicator in the form, -1 for none */
  gboolean         loading;      /* the form is being filled: its changes are no edits */

  /* template */
  GtkLabel        *version_note;
  GtkEntry        *name_entry;
  GtkLabel        *combine_caption;
  GtkDropDown     *combine_dropdown;
  GtkSpinButton   *green_spin;
  GtkSpinButton   *orange_spin;
  GtkLabel        *red_note;
  GtkSpinButton   *comment_spin;
  GtkListBox      *rules_list;
  GtkListBox      *indicator_list;
  GtkLabel        *weight_sum_label;
  GtkWidget       *detail_grid;
  GtkEntry        *code_entry;
  GtkEntry        *category_entry;
  GtkEntry        *indicator_name_entry;
  GtkSpinButton   *weight_spin;
  GtkSpinButton   *max_spin;
  GtkTextView     *guidance_view;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (ShequEvalSetDialog, shequ_eval_set_dialog, GTK_TYPE_WINDOW)

/* The bands a flag rule can watch, in the drop-down's order. */
static const ShequBand rule_bands[] = { SHEQU_BAND_RED, SHEQU_BAND_ORANGE };

static ShequIndicatorRow *
get_indicator (ShequEvalSetDialog *self,
               int                 index)
{
  if (index < 0 || (guint) index >= self->def->indicators->len)
    return NULL;
  return g_ptr_array_index (self->def->indicators, index);
}

/* A number typed in a spin button: "8.5", or "８．５" as Chinese input methods type it
 * (GTK's own parsing takes ASCII digits only). */
static int
on_spin_input (GtkSpinButton *spin,
               double        *value,
               gpointer       user_data)
{
  ShequScore score;

  if (!shequ_score_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), &score))
    return GTK_INPUT_ERROR;
  *value = score / 100.0;
  return TRUE;
}

/* ---- The weight sum ---------------------------------------------------------------- */

static void
update_weight_sum (ShequEvalSetDialog *self)
{
  double sum = shequ_eval_set_def_get_weight_sum (self->def);
  g_autofree char *number = shequ_score_format ((ShequScore) lround (sum * 100));
  g_autofree char *text = NULL;
  gboolean ok = fabs (sum - 100) <= 0.001;

  if (ok)
    text = g_strdup_printf (_("Weights sum to %s"), number);
  else
    /* Translators: %s is the sum of the weights, e.g. 95.5 */
    text = g_strdup_printf (_("Weights sum to %s, not 100: no period can open on this set "
                              "until they do"), number);
  gtk_label_set_text (self->weight_sum_label, text);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->weight_sum_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->weight_sum_label), "error");
}

/* ---- The indicator list ------------------------------------------------------------ */

static char *
describe_indicator (const ShequIndicatorRow *ind)
{
  g_autofree char *weight = shequ_score_format ((ShequScore) lround (ind->weight * 100));
  g_autofree char *max = shequ_score_format (ind->max_score);

  /* Translators: an indicator in the list: code, category, name, weight, maximum */
  return g_strdup_printf (_("%s  %s · %s  (weight %s, maximum %s)"), ind->code, ind->category,
                          ind->name, weight, max);
}

static GtkWidget *
make_indicator_row (const ShequIndicatorRow *ind)
{
  g_autofree char *text = describe_indicator (ind);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return row;
}

static void
update_indicator_row (ShequEvalSetDialog *self,
                      int                 index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->indicator_list, index);
  const ShequIndicatorRow *ind = get_indicator (self, index);
  g_autofree char *text = NULL;

  if (row == NULL || ind == NULL)
    return;
  text = describe_indicator (ind);
  gtk_label_set_text (GTK_LABEL (gtk_list_box_row_get_child (row)), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update_actions (ShequEvalSetDialog *self)
{
  guint n = self->def->indicators->len;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "set.remove-indicator", self->selected >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "set.move-up", self->selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "set.move-down",
                                 self->selected >= 0 && (guint) self->selected + 1 < n);
  gtk_widget_set_sensitive (self->detail_grid, self->selected >= 0);
}

/* The form shows the selected indicator. */
static void
load_form (ShequEvalSetDialog *self)
{
  const ShequIndicatorRow *ind = get_indicator (self, self->selected);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), ind ? ind->code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->category_entry), ind ? ind->category : "");
  gtk_editable_set_text (GTK_EDITABLE (self->indicator_name_entry), ind ? ind->name : "");
  gtk_spin_button_set_value (self->weight_spin, ind ? ind->weight : 0);
  gtk_spin_button_set_value (self->max_spin, ind ? ind->max_score / 100.0 : 10);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->guidance_view),
                            ind ? ind->guidance : "", -1);
  self->loading = FALSE;
  update_actions (self);
}

/* The list rebuilt from the set, SELECTED selected (and shown in the form). */
static void
rebuild_indicator_list (ShequEvalSetDialog *self,
                        int                 selected)
{
  GtkWidget *child;

  self->loading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->indicator_list))) != NULL)
    gtk_list_box_remove (self->indicator_list, child);
  for (guint i = 0; i < self->def->indicators->len; i++)
    gtk_list_box_append (self->indicator_list,
                         make_indicator_row (g_ptr_array_index (self->def->indicators, i)));
  self->loading = FALSE;

  self->selected = get_indicator (self, selected) ? selected : -1;
  gtk_list_box_select_row (self->indicator_list,
                           self->selected >= 0 ? gtk_list_box_get_row_at_index (self->indicator_list,
                                                                                self->selected)
                                               : NULL);
  load_form (self);
  update_weight_sum (self);
}

static void
on_indicator_selected (ShequEvalSetDialog *self,
                       GtkListBoxRow      *row)
{
  if (self->loading)
    return;
  self->selected = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  load_form (self);
}

/* An edit in the form goes into the selected indicator at once. */
static void
on_form_changed (ShequEvalSetDialog *self)
{
  ShequIndicatorRow *ind = get_indicator (self, self->selected);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->guidance_view);
  GtkTextIter start, end;

  if (self->loading || ind == NULL)
    return;
  g_free (ind->code);
  ind->code = shequ_entry_dup_stripped_text (self->code_entry);
  g_free (ind->category);
  ind->category = shequ_entry_dup_stripped_text (self->category_entry);
  g_free (ind->name);
  ind->name = shequ_entry_dup_stripped_text (self->indicator_name_entry);
  ind->weight = gtk_spin_button_get_value (self->weight_spin);
  ind->max_score = (ShequScore) lround (gtk_spin_button_get_value (self->max_spin) * 100);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (ind->guidance);
  ind->guidance = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  update_indicator_row (self, self->selected);
  update_weight_sum (self);
}

/* A code not used yet in the set: the first indicator's letters and the next number. */
static char *
make_indicator_code (ShequEvalSetDialog *self)
{
  const ShequIndicatorRow *first = get_indicator (self, 0);
  g_autofree char *prefix = NULL;
  int width = 2, highest = 0;

  prefix = first ? g_strndup (first->code, strcspn (first->code, "0123456789")) : NULL;
  if (prefix == NULL || prefix[0] == '\0')
    {
      g_free (prefix);
      prefix = g_strdup ("I");
    }
  for (guint i = 0; i < self->def->indicators->len; i++)
    {
      const ShequIndicatorRow *ind = g_ptr_array_index (self->def->indicators, i);

      if (g_str_has_prefix (ind->code, prefix))
        {
          const char *digits = ind->code + strlen (prefix);

          highest = MAX (highest, atoi (digits));
          width = MAX (width, (int) strlen (digits));
        }
    }
  return g_strdup_printf ("%s%0*d", prefix, width, highest + 1);
}

static void
add_indicator (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  ShequEvalSetDialog *self = SHEQU_EVAL_SET_DIALOG (widget);
  const ShequIndicatorRow *current = get_indicator (self, self->selected);
  ShequIndicatorRow *ind = shequ_indicator_row_new ();
  guint at = current ? (guint) self->selected + 1 : self->def->indicators->len;

  ind->code = make_indicator_code (self);
  ind->category = g_strdup (current ? current->category : "");
  ind->name = g_strdup (_("New indicator"));
  ind->weight = 0;
  ind->max_score = 10 * 100;
  ind->guidance = g_strdup ("");
  g_ptr_array_insert (self->def->indicators, at, ind);
  rebuild_indicator_list (self, at);
  gtk_widget_grab_focus (GTK_WIDGET (self->indicator_name_entry));
}

static void
remove_indicator (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  ShequEvalSetDialog *self = SHEQU_EVAL_SET_DIALOG (widget);
  int at = self->selected;

  if (get_indicator (self, at) == NULL)
    return;
  g_ptr_array_remove_index (self->def->indicators, at);
  rebuild_indicator_list (self, MIN (at, (int) self->def->indicators->len - 1));
  gtk_widget_grab_focus (GTK_WIDGET (self->indicator_list));
}

static void
move_indicator (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  ShequEvalSetDialog *self = SHEQU_EVAL_SET_DIALOG (widget);
  int to = self->selected + (g_str_equal (action, "set.move-up") ? -1 : 1);
  GtkListBoxRow *row;
  gpointer moved;

  if (get_indicator (self, self->selected) == NULL || get_indicator (self, to) == NULL)
    return;
  moved = g_ptr_array_steal_index (self->def->indicators, self->selected);
  g_ptr_array_insert (self->def->indicators, to, moved);
  rebuild_indicator_list (self, to);
  /* The keyboard stays on the moved indicator, so it can be moved again. */
  if ((row = gtk_list_box_get_row_at_index (self->indicator_list, to)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* ---- Flag rules -------------------------------------------------------------------- */

static ShequFlagRuleRow *
get_rule (ShequEvalSetDialog *self,
          GtkWidget          *widget)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "rule-index"));

  return index < self->def->flag_rules->len ? g_ptr_array_index (self->def->flag_rules, index)
                                            : NULL;
}

static void
on_rule_band_changed (GtkDropDown        *drop_down,
                      GParamSpec         *pspec,
                      ShequEvalSetDialog *self)
{
  ShequFlagRuleRow *rule = get_rule (self, GTK_WIDGET (drop_down));
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (rule != NULL && selected < G_N_ELEMENTS (rule_bands))
    rule->band = rule_bands[selected];
}

static void
on_rule_action_changed (GtkDropDown        *drop_down,
                        GParamSpec         *pspec,
                        ShequEvalSetDialog *self)
{
  ShequFlagRuleRow *rule = get_rule (self, GTK_WIDGET (drop_down));
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (rule != NULL && selected < SHEQU_FLAG_N_ACTIONS)
    rule->action = selected;
}

/* COUNT times within the last WITHIN periods: WITHIN follows COUNT up, and stops COUNT
 * going above it. */
static void
on_rule_count_changed (GtkSpinButton      *spin,
                       ShequEvalSetDialog *self)
{
  ShequFlagRuleRow *rule = get_rule (self, GTK_WIDGET (spin));
  GtkSpinButton *within = g_object_get_data (G_OBJECT (spin), "within-spin");

  if (rule == NULL)
    return;
  rule->count = gtk_spin_button_get_value_as_int (spin);
  if (within != NULL && gtk_spin_button_get_value_as_int (within) < (int) rule->count)
    gtk_spin_button_set_value (within, rule->count);
}

static void
on_rule_within_changed (GtkSpinButton      *spin,
                        ShequEvalSetDialog *self)
{
  ShequFlagRuleRow *rule = get_rule (self, GTK_WIDGET (spin));
  GtkSpinButton *count = g_object_get_data (G_OBJECT (spin), "count-spin");

  if (rule == NULL)
    return;
  rule->within = gtk_spin_button_get_value_as_int (spin);
  if (count != NULL && gtk_spin_button_get_value_as_int (count) > (int) rule->within)
    gtk_spin_button_set_value (count, rule->within);
}

static void rebuild_rules_list (ShequEvalSetDialog *self);

static void
on_rule_remove_clicked (GtkButton          *button,
                        ShequEvalSetDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rule-index"));

  if (index >= self->def->flag_rules->len)
    return;
  g_ptr_array_remove_index (self->def->flag_rules, index);
  rebuild_rules_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->rules_list));
}

static GtkWidget *
make_rule_spin (ShequEvalSetDialog *self,
                guint               index,
                guint               value,
                const char         *name,
                const char         *accessible)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 24, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_name (spin, name);
  g_object_set_data (G_OBJECT (spin), "rule-index", GUINT_TO_POINTER (index));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return spin;
}

static GtkWidget *
make_rule_drop_down (const char *const *items,
                     guint               selected,
                     guint               index,
                     const char         *name,
                     const char         *accessible)
{
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (items);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  gtk_widget_set_name (drop_down, name);
  g_object_set_data (G_OBJECT (drop_down), "rule-index", GUINT_TO_POINTER (index));
  _shequ_eval_dialog_name_drop_down (GTK_DROP_DOWN (drop_down), accessible);
  return drop_down;
}

/* One rule as a sentence: [Red] [2] times in the last [2] periods → [interview] [−]. */
static GtkWidget *
make_rule_row (ShequEvalSetDialog     *self,
               guint                   index,
               const ShequFlagRuleRow *rule)
{
  const char *bands[] = { shequ_band_get_label (rule_bands[0]),
                          shequ_band_get_label (rule_bands[1]), NULL };
  const char *actions[] = { shequ_flag_action_get_label (SHEQU_FLAG_ACTION_INTERVIEW),
                            shequ_flag_action_get_label (SHEQU_FLAG_ACTION_WARNING), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *band, *count, *within, *action, *remove;

  band = make_rule_drop_down (bands, rule->band == SHEQU_BAND_ORANGE, index, "rule-band",
                              _("Band"));
  count = make_rule_spin (self, index, rule->count, "rule-count", _("Times"));
  within = make_rule_spin (self, index, rule->within, "rule-within", _("Within the last periods"));
  action = make_rule_drop_down (actions, rule->action, index, "rule-action", _("Action"));
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (remove, _("Remove this rule"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this rule"), -1);
  g_object_set_data (G_OBJECT (remove), "rule-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (count), "within-spin", within);
  g_object_set_data (G_OBJECT (within), "count-spin", count);

  gtk_box_append (GTK_BOX (box), band);
  gtk_box_append (GTK_BOX (box), count);
  /* Translators: a flag rule reads "[Red] [2] times in the last [2] periods → [Interview]" */
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("times in the last")));
  gtk_box_append (GTK_BOX (box), within);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("periods →")));
  gtk_box_append (GTK_BOX (box), action);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  g_signal_connect (band, "notify::selected", G_CALLBACK (on_rule_band_changed), self);
  g_signal_connect (action, "notify::selected", G_CALLBACK (on_rule_action_changed), self);
  g_signal_connect (count, "value-changed", G_CALLBACK (on_rule_count_changed), self);
  g_signal_connect (within, "value-changed", G_CALLBACK (on_rule_within_changed), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_rule_remove_clicked), self);
  return box;
}

static void
rebuild_rules_list (ShequEvalSetDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rules_list))) != NULL)
    gtk_list_box_remove (self->rules_list, child);
  for (guint i = 0; i < self->def->flag_rules->len; i++)
    gtk_list_box_append (self->rules_list,
                         make_rule_row (self, i, g_ptr_array_index (self->def->flag_rules, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->rules_list), self->def->flag_rules->len > 0);
}

static void
on_add_rule_clicked (ShequEvalSetDialog *self)
{
  ShequFlagRuleRow *rule = shequ_flag_rule_row_new ();

  rule->band = SHEQU_BAND_RED;
  rule->count = 2;
  rule->within = 2;
  rule->action = SHEQU_FLAG_ACTION_INTERVIEW;
  g_ptr_array_add (self->def->flag_rules, rule);
  rebuild_rules_list (self);
}

/* ---- Saving ------------------------------------------------------------------------ */

/* The set's own fields from the form into the working copy. */
static void
read_set_fields (ShequEvalSetDialog *self)
{
  ShequEvalSetRow *set = self->def->set;

  g_free (set->name);
  set->name = shequ_entry_dup_stripped_text (self->name_entry);
  set->combine = MIN (gtk_drop_down_get_selected (self->combine_dropdown),
                      SHEQU_EVAL_N_COMBINES - 1);
  set->green_min = gtk_spin_button_get_value (self->green_spin);
  set->orange_min = gtk_spin_button_get_value (self->orange_spin);
  set->comment_below = gtk_spin_button_get_value (self->comment_spin) / 100;
  for (guint i = 0; i < self->def->indicators->len; i++)
    ((ShequIndicatorRow *) g_ptr_array_index (self->def->indicators, i))->position = i;
}

gboolean
shequ_eval_set_dialog_save (ShequEvalSetDialog  *self,
                            gint64              *set_id,
                            GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SHEQU_IS_EVAL_SET_DIALOG (self), FALSE);

  read_set_fields (self);
  if (!shequ_eval_store_save_set (self->store, self->def, NULL, set_id, &local_error))
    {
      _shequ_eval_dialog_show_error (self->error_label, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_clicked (ShequEvalSetDialog *self)
{
  shequ_eval_set_dialog_save (self, NULL, NULL);
}

const ShequEvalSetDef *
shequ_eval_set_dialog_get_def (ShequEvalSetDialog *self)
{
  g_return_val_if_fail (SHEQU_IS_EVAL_SET_DIALOG (self), NULL);

  read_set_fields (self);
  return self->def;
}

/* ---- Building ---------------------------------------------------------------------- */

/* Whether a period in scoring or closed uses SET_ID: then saving makes a new version. */
static gboolean
is_version_in_use (ShequEvalStore *store,
                   gint64          set_id)
{
  GPtrArray *periods = shequ_eval_store_get_periods (store);

  for (guint i = 0; i < periods->len; i++)
    {
      const ShequPeriodRow *period = g_ptr_array_index (periods, i);

      if (period->set_id == set_id && period->state != SHEQU_PERIOD_STATE_OPEN)
        return TRUE;
    }
  return FALSE;
}

static void
load_set (ShequEvalSetDialog *self,
          gint64              set_id,
          ShequEvalKind       kind)
{
  const ShequEvalSetDef *stored = set_id != 0 ? shequ_eval_store_lookup_set (self->store, set_id)
                                              : NULL;
  g_autofree char *title = NULL;

  if (stored != NULL)
    {
      self->def = shequ_eval_set_def_copy (stored);
      title = g_strdup_printf (_("Indicator Set “%s”"), stored->set->name);
    }
  else
    {
      self->def = shequ_eval_set_def_new_default (kind, "");
      title = g_strdup_printf (_("New Indicator Set: %s"), shequ_eval_kind_get_label (kind));
    }
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (stored != NULL && is_version_in_use (self->store, stored->set->id))
    {
      g_autofree char *note = g_strdup_printf (_("Periods have been scored with version %u of "
                                                 "this set: saving makes version %u, and they "
                                                 "keep theirs."),
                                               stored->set->version, stored->set->version + 1);

      gtk_label_set_text (self->version_note, note);
      gtk_widget_set_visible (GTK_WIDGET (self->version_note), TRUE);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), self->def->set->name);
  gtk_drop_down_set_selected (self->combine_dropdown, self->def->set->combine);
  gtk_spin_button_set_value (self->green_spin, self->def->set->green_min);
  gtk_spin_button_set_value (self->orange_spin, self->def->set->orange_min);
  gtk_spin_button_set_value (self->comment_spin, round (self->def->set->comment_below * 100));
  rebuild_rules_list (self);
  rebuild_indicator_list (self, 0);
}

ShequEvalSetDialog *
shequ_eval_set_dialog_new (GtkWindow      *parent,
                           ShequEvalStore *store,
                           gint64          set_id,
                           ShequEvalKind   kind)
{
  ShequEvalSetDialog *self;

  g_return_val_if_fail (SHEQU_IS_EVAL_STORE (store), NULL);

  self = g_object_new (SHEQU_TYPE_EVAL_SET_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  load_set (self, set_id, kind);
  shequ_accessible_clean_mnemonics (GTK_WIDGET (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  return self;
}

static void
shequ_eval_set_dialog_dispose (GObject *object)
{
  ShequEvalSetDialog *self = SHEQU_EVAL_SET_DIALOG (object);

  /* The list's rows go with the template, unselected on the way: no edits any more. */
  self->loading = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEQU_TYPE_EVAL_SET_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->def, shequ_eval_set_def_free);

  G_OBJECT_CLASS (shequ_eval_set_dialog_parent_class)->dispose (object);
}

static void
shequ_eval_set_dialog_class_init (ShequEvalSetDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shequ_eval_set_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/shequ/Shequ/ui/shequ-eval-set-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ShequEvalSetDialog, name)
  BIND (version_note);
  BIND (name_entry);
  BIND (combine_caption);
  BIND (combine_dropdown);
  BIND (green_spin);
  BIND (orange_spin);
  BIND (red_note);
  BIND (comment_spin);
  BIND (rules_list);
  BIND (indicator_list);
  BIND (weight_sum_label);
  BIND (detail_grid);
  BIND (code_entry);
  BIND (category_entry);
  BIND (indicator_name_entry);
  BIND (weight_spin);
  BIND (max_spin);
  BIND (guidance_view);
  BIND (error_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_rule_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_indicator_selected);

  gtk_widget_class_install_action (widget_class, "set.add-indicator", NULL, add_indicator);
  gtk_widget_class_install_action (widget_class, "set.remove-indicator", NULL, remove_indicator);
  gtk_widget_class_install_action (widget_class, "set.move-up", NULL, move_indicator);
  gtk_widget_class_install_action (widget_class, "set.move-down", NULL, move_indicator);
  /* Alt+↑ / Alt+↓ move the selected indicator wherever the keyboard is. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "set.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "set.move-down",
                                       NULL);
}

static void
shequ_eval_set_dialog_init (ShequEvalSetDialog *self)
{
  g_autoptr(GtkStringList) combines = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;
  GtkEditable *form[3];

  self->selected = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (ShequEvalCombine c = 0; c < SHEQU_EVAL_N_COMBINES; c++)
    gtk_string_list_append (combines, shequ_eval_combine_get_label (c));
  gtk_drop_down_set_model (self->combine_dropdown, G_LIST_MODEL (combines));
  _shequ_eval_dialog_name_drop_down (self->combine_dropdown,
                                     gtk_label_get_label (self->combine_caption));
  gtk_label_set_text (self->red_note, _("red below it"));

  form[0] = GTK_EDITABLE (self->code_entry);
  form[1] = GTK_EDITABLE (self->category_entry);
  form[2] = GTK_EDITABLE (self->indicator_name_entry);
  for (guint i = 0; i < G_N_ELEMENTS (form); i++)
    g_signal_connect_swapped (form[i], "changed", G_CALLBACK (on_form_changed), self);
  {
    GtkSpinButton *spins[] = { self->green_spin, self->orange_spin, self->comment_spin,
                               self->weight_spin, self->max_spin };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      g_signal_connect (spins[i], "input", G_CALLBACK (on_spin_input), NULL);
  }
  g_signal_connect_swapped (self->weight_spin, "value-changed", G_CALLBACK (on_form_changed), self);
  g_signal_connect_swapped (self->max_spin, "value-changed", G_CALLBACK (on_form_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->guidance_view), "changed",
                            G_CALLBACK (on_form_changed), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->indicator_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Indicators"), -1);

  /* On the list itself, Insert adds and Delete removes (in the fields they edit text). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Insert, 0),
                                                          gtk_named_action_new ("set.add-indicator")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("set.remove-indicator")));
  gtk_widget_add_controller (GTK_WIDGET (self->indicator_list), shortcuts);
}
